//! printf-style `%` formatting of `str` and `bytes` (CPython's `PyUnicode_Format` and
//! `_PyBytes_FormatEx`).
//!
//! [`format()`] walks the format string, takes arguments in order (a tuple, a single value,
//! or a mapping for `%(name)s`), and formats each conversion. The interpreter supplies
//! what only it can do through [`PrintfHost`]: look a key up in the mapping, read a `*`
//! width, and turn an argument into a [`PrintfValue`] for a conversion (`%s` calls
//! `str()`, `%r` `repr()`, `%a` `ascii()`, `%d` `int()`, `%x` `__index__`, `%f`
//! `float()`). [`convert_basic`] does that for the builtin types without running Python
//! code, with CPython's messages; hosts can fall back on it.
//!
//! Bytes formats and results are code points below 256, so one walker serves both.

use super::dtoa::{double_to_string, DtoaFlags};
use super::{ExcKind, FmtResult, FormatError};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// An argument reduced to what a conversion needs.
#[derive(Clone, Debug, PartialEq)]
pub enum PrintfValue {
    Int(BigInt),
    Float(f64),
    /// Text already converted (`%s`, `%r`, `%a`), or a one-character `%c` argument.
    Text(Vec<u32>),
}

/// The arguments right of `%`.
pub enum PrintfArgs<A> {
    /// A tuple: one item per conversion.
    Tuple(Vec<A>),
    /// Any other single value; `mapping` says whether `%(key)` may look into it
    /// (CPython: has `__getitem__` and is neither a tuple nor a str).
    Single { value: A, mapping: bool },
}

/// What the interpreter provides to [`format()`].
pub trait PrintfHost {
    type Arg;
    /// `args[key]` for `%(key)s`.
    fn get_item(&mut self, mapping: &Self::Arg, key: &[u32]) -> FmtResult<Self::Arg>;
    /// The value of a `*` width or precision; TypeError "* wants int" for non-ints.
    fn star_int(&mut self, arg: &Self::Arg) -> FmtResult<BigInt>;
    /// Converts an argument for conversion character `conv` (one of `sradiuoxXeEfFgGc`,
    /// plus `b` for bytes).
    fn convert(&mut self, arg: &Self::Arg, conv: char, is_bytes: bool) -> FmtResult<PrintfValue>;
}

/// Flags of one conversion spec.
#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    ljust: bool,
    sign: bool,
    blank: bool,
    alt: bool,
    zero: bool,
}

/// One parsed conversion: flags, width, precision and conversion character.
#[derive(Clone, Copy, Debug, Default)]
struct Conversion {
    flags: Flags,
    width: usize,
    prec: Option<usize>,
}

fn not_enough() -> FormatError {
    FormatError::type_error("not enough arguments for format string")
}

struct ArgCursor<A> {
    items: Vec<A>,
    single: Option<A>,
    mapping: bool,
    next: usize,
    /// Set by a `%(key)` lookup: positional arguments are then used up.
    exhausted: bool,
}

impl<A> ArgCursor<A> {
    fn next(&mut self) -> FmtResult<&A> {
        if self.exhausted {
            return Err(not_enough());
        }
        if let Some(v) = &self.single {
            if self.next == 0 {
                self.next = 1;
                return Ok(v);
            }
            return Err(not_enough());
        }
        let i = self.next;
        self.next += 1;
        self.items.get(i).ok_or_else(not_enough)
    }
    fn all_used(&self) -> bool {
        if self.mapping || self.exhausted {
            return true;
        }
        match self.single {
            Some(_) => self.next == 1,
            None => self.next >= self.items.len(),
        }
    }
}

fn ssize_from(v: &BigInt) -> FmtResult<isize> {
    v.to_isize()
        .ok_or_else(|| FormatError::overflow("Python int too large to convert to C ssize_t"))
}

/// Formats `fmt % args`. `is_bytes` selects bytes semantics (`b'%s' % x`).
pub fn format<H: PrintfHost>(
    fmt: &[u32],
    args: PrintfArgs<H::Arg>,
    host: &mut H,
    is_bytes: bool,
) -> FmtResult<Vec<u32>> {
    let mut cur = match args {
        PrintfArgs::Tuple(items) => ArgCursor {
            items,
            single: None,
            mapping: false,
            next: 0,
            exhausted: false,
        },
        PrintfArgs::Single { value, mapping } => ArgCursor {
            items: Vec::new(),
            single: Some(value),
            mapping,
            next: 0,
            exhausted: false,
        },
    };
    let mut out = Vec::with_capacity(fmt.len() + 16);
    let mut i = 0;
    let n = fmt.len();
    let incomplete = || FormatError::value("incomplete format");
    while i < n {
        if fmt[i] != 0x25 {
            out.push(fmt[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i >= n {
            return Err(incomplete());
        }
        if fmt[i] == 0x25 {
            out.push(0x25);
            i += 1;
            continue;
        }
        let mut keyed: Option<H::Arg> = None;
        if fmt[i] == 0x28 {
            // `%(key)`: the key may hold balanced parentheses.
            let start = i + 1;
            let mut depth = 1;
            i += 1;
            while i < n && depth > 0 {
                match fmt[i] {
                    0x29 => depth -= 1,
                    0x28 => depth += 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(FormatError::value("incomplete format key"));
            }
            let key = &fmt[start..i - 1];
            if !cur.mapping {
                return Err(FormatError::type_error("format requires a mapping"));
            }
            let Some(mapping) = &cur.single else {
                return Err(FormatError::type_error("format requires a mapping"));
            };
            keyed = Some(host.get_item(mapping, key)?);
            cur.exhausted = true;
        }
        let mut c = Conversion::default();
        while i < n {
            match fmt[i] {
                0x2D => c.flags.ljust = true,
                0x2B => c.flags.sign = true,
                0x20 => c.flags.blank = true,
                0x23 => c.flags.alt = true,
                0x30 => c.flags.zero = true,
                _ => break,
            }
            i += 1;
        }
        if i < n && fmt[i] == 0x2A {
            let v = cur.next()?;
            let w = ssize_from(&host.star_int(v)?)?;
            if w < 0 {
                c.flags.ljust = true;
            }
            c.width = w.unsigned_abs();
            i += 1;
        } else {
            while i < n && (0x30..=0x39).contains(&fmt[i]) {
                let d = (fmt[i] - 0x30) as usize;
                if c.width > (isize::MAX as usize - d) / 10 {
                    return Err(FormatError::value("width too big"));
                }
                c.width = c.width * 10 + d;
                i += 1;
            }
        }
        if i < n && fmt[i] == 0x2E {
            i += 1;
            let mut p = 0usize;
            if i < n && fmt[i] == 0x2A {
                let v = cur.next()?;
                let pv = host.star_int(v)?;
                let pv = pv.to_i32().ok_or_else(|| {
                    FormatError::overflow("Python int too large to convert to C int")
                })?;
                p = pv.max(0) as usize;
                i += 1;
            } else {
                while i < n && (0x30..=0x39).contains(&fmt[i]) {
                    let d = (fmt[i] - 0x30) as usize;
                    if p > (i32::MAX as usize - d) / 10 {
                        return Err(FormatError::value("precision too big"));
                    }
                    p = p * 10 + d;
                    i += 1;
                }
            }
            c.prec = Some(p);
        }
        if i < n && matches!(fmt[i], 0x68 | 0x6C | 0x4C) {
            i += 1; // length modifiers h, l, L are ignored
        }
        if i >= n {
            return Err(incomplete());
        }
        let ch = fmt[i];
        let index = i;
        i += 1;
        let arg = match &keyed {
            Some(v) => v,
            None => cur.next()?,
        };
        let conv = char::from_u32(ch).unwrap_or('\u{FFFD}');
        let known = if is_bytes {
            "sbrauidoxXeEfFgGc"
        } else {
            "sraidouxXeEfFgGc"
        };
        if !known.contains(conv) {
            let shown = if (0x1F..=0x7E).contains(&ch) {
                conv
            } else {
                '?'
            };
            return Err(FormatError::value(format!(
                "unsupported format character '{shown}' (0x{ch:x}) at index {index}"
            )));
        }
        let value = host.convert(arg, conv, is_bytes)?;
        super::check_alloc(c.width)?;
        format_one(&mut out, conv, &c, value, is_bytes)?;
    }
    if !cur.all_used() {
        return Err(FormatError::type_error(if is_bytes {
            "not all arguments converted during bytes formatting"
        } else {
            "not all arguments converted during string formatting"
        }));
    }
    Ok(out)
}

fn pad_spaces(out: &mut Vec<u32>, n: usize) {
    out.extend(std::iter::repeat_n(0x20, n));
}

/// Formats one converted value per its spec and appends it.
fn format_one(
    out: &mut Vec<u32>,
    conv: char,
    c: &Conversion,
    value: PrintfValue,
    is_bytes: bool,
) -> FmtResult<()> {
    let (sign, prefix, body): (Option<u32>, &str, Vec<u32>) = match (conv, value) {
        ('s' | 'r' | 'a' | 'b', PrintfValue::Text(mut t)) => {
            if let Some(p) = c.prec {
                t.truncate(p);
            }
            pad_plain(out, c, &t);
            return Ok(());
        }
        ('c', v) => {
            let cp = match v {
                PrintfValue::Text(t) if t.len() == 1 => t[0],
                PrintfValue::Int(i) => {
                    let limit = if is_bytes { 256 } else { 0x110000 };
                    match i.to_i64() {
                        Some(x) if (0..limit).contains(&x) => x as u32,
                        _ if is_bytes => {
                            return Err(FormatError::overflow("%c arg not in range(256)"))
                        }
                        _ => return Err(FormatError::overflow("%c arg not in range(0x110000)")),
                    }
                }
                _ => return Err(FormatError::type_error("%c requires a single character")),
            };
            pad_plain(out, c, &[cp]);
            return Ok(());
        }
        ('d' | 'i' | 'u' | 'o' | 'x' | 'X', PrintfValue::Int(v)) => {
            let radix = match conv {
                'o' => 8,
                'x' | 'X' => 16,
                _ => 10,
            };
            let mut digits = v.magnitude().to_str_radix(radix);
            if conv == 'X' {
                digits.make_ascii_uppercase();
            }
            if let Some(p) = c.prec {
                super::check_alloc(p)?;
                if digits.len() < p {
                    digits.insert_str(0, &"0".repeat(p - digits.len()));
                }
            }
            let prefix = match (c.flags.alt, conv) {
                (true, 'o') => "0o",
                (true, 'x') => "0x",
                (true, 'X') => "0X",
                _ => "",
            };
            (
                num_sign(v.is_negative() && !v.is_zero(), &c.flags),
                prefix,
                digits.chars().map(u32::from).collect(),
            )
        }
        ('e' | 'E' | 'f' | 'F' | 'g' | 'G', PrintfValue::Float(x)) => {
            let flags = DtoaFlags {
                alt: c.flags.alt,
                ..DtoaFlags::default()
            };
            let (s, _) = double_to_string(x, conv, c.prec.unwrap_or(6), flags)?;
            let (neg, body) = match s.strip_prefix('-') {
                Some(b) => (true, b.to_string()),
                None => (false, s),
            };
            (
                num_sign(neg, &c.flags),
                "",
                body.chars().map(u32::from).collect(),
            )
        }
        // The host returned the wrong kind of value for this conversion: a VM bug, but
        // user code must not be able to crash the process through it.
        (_, v) => {
            debug_assert!(false, "%{conv} got {v:?}");
            return Err(FormatError::new(
                ExcKind::TypeError,
                format!("%{conv} format: unexpected argument"),
            ));
        }
    };
    let len = sign.is_some() as usize + prefix.len() + body.len();
    let pad = c.width.saturating_sub(len);
    if !c.flags.ljust && !c.flags.zero {
        pad_spaces(out, pad);
    }
    out.extend(sign);
    out.extend(prefix.chars().map(u32::from));
    if !c.flags.ljust && c.flags.zero {
        out.extend(std::iter::repeat_n(0x30, pad));
    }
    out.extend_from_slice(&body);
    if c.flags.ljust {
        pad_spaces(out, pad);
    }
    Ok(())
}

fn num_sign(negative: bool, f: &Flags) -> Option<u32> {
    if negative {
        Some(0x2D)
    } else if f.sign {
        Some(0x2B)
    } else if f.blank {
        Some(0x20)
    } else {
        None
    }
}

/// Pads non-numeric output with spaces (the `0` flag does not apply).
fn pad_plain(out: &mut Vec<u32>, c: &Conversion, t: &[u32]) {
    let pad = c.width.saturating_sub(t.len());
    if !c.flags.ljust {
        pad_spaces(out, pad);
    }
    out.extend_from_slice(t);
    if c.flags.ljust {
        pad_spaces(out, pad);
    }
}

/// A builtin value as [`convert_basic`] sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum BasicArg {
    Int(BigInt),
    Bool(bool),
    Float(f64),
    Str(Vec<u32>),
    Bytes(Vec<u8>),
    None,
}

impl BasicArg {
    pub fn type_name(&self) -> &'static str {
        match self {
            BasicArg::Int(_) => "int",
            BasicArg::Bool(_) => "bool",
            BasicArg::Float(_) => "float",
            BasicArg::Str(_) => "str",
            BasicArg::Bytes(_) => "bytes",
            BasicArg::None => "NoneType",
        }
    }

    fn as_int(&self) -> Option<BigInt> {
        match self {
            BasicArg::Int(v) => Some(v.clone()),
            BasicArg::Bool(b) => Some(BigInt::from(*b as u8)),
            _ => None,
        }
    }

    /// `repr()` of the value as code points.
    pub fn repr(&self) -> Vec<u32> {
        let s = match self {
            BasicArg::Int(v) => v.to_string(),
            BasicArg::Bool(b) => if *b { "True" } else { "False" }.to_string(),
            BasicArg::Float(x) => super::dtoa::float_repr(*x),
            BasicArg::None => "None".to_string(),
            BasicArg::Bytes(b) => {
                let mut s = String::new();
                frontend::ast::repr::write_bytes_repr(b, &mut s);
                s
            }
            BasicArg::Str(t) => {
                let mut w = super::Wtf8Buf::new();
                for &c in t {
                    w.push_code_point(c);
                }
                return frontend::ast::repr::str_repr(&w)
                    .chars()
                    .map(u32::from)
                    .collect();
            }
        };
        s.chars().map(u32::from).collect()
    }

    /// `str()` of the value.
    pub fn str(&self) -> Vec<u32> {
        match self {
            BasicArg::Str(t) => t.clone(),
            _ => self.repr(),
        }
    }
}

/// `ascii()`: `repr()` with non-ASCII escaped as `\xNN`, `\uNNNN`, `\UNNNNNNNN`.
pub fn ascii_escape(repr: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(repr.len());
    for &c in repr {
        if c < 0x80 {
            out.push(c);
            continue;
        }
        let s = if c <= 0xFF {
            format!("\\x{c:02x}")
        } else if c <= 0xFFFF {
            format!("\\u{c:04x}")
        } else {
            format!("\\U{c:08x}")
        };
        out.extend(s.chars().map(u32::from));
    }
    out
}

/// CPython's conversions for builtin values, with its error messages.
pub fn convert_basic(arg: &BasicArg, conv: char, is_bytes: bool) -> FmtResult<PrintfValue> {
    let tn = arg.type_name();
    match conv {
        's' if !is_bytes => Ok(PrintfValue::Text(arg.str())),
        's' | 'b' => match arg {
            BasicArg::Bytes(b) => Ok(PrintfValue::Text(b.iter().map(|&x| x as u32).collect())),
            _ => Err(FormatError::type_error(format!(
                "%b requires a bytes-like object, or an object that implements __bytes__, not '{tn}'"
            ))),
        },
        'r' if !is_bytes => Ok(PrintfValue::Text(arg.repr())),
        'r' | 'a' => Ok(PrintfValue::Text(ascii_escape(&arg.repr()))),
        'd' | 'i' | 'u' => match arg {
            BasicArg::Float(x) => Ok(PrintfValue::Int(super::numtext::float_to_int(*x)?)),
            _ => arg.as_int().map(PrintfValue::Int).ok_or_else(|| {
                FormatError::type_error(format!(
                    "%{conv} format: a real number is required, not {tn}"
                ))
            }),
        },
        'o' | 'x' | 'X' => arg.as_int().map(PrintfValue::Int).ok_or_else(|| {
            FormatError::type_error(format!(
                "%{conv} format: an integer is required, not {tn}"
            ))
        }),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => match arg {
            BasicArg::Float(x) => Ok(PrintfValue::Float(*x)),
            _ => match arg.as_int() {
                Some(v) => Ok(PrintfValue::Float(super::numtext::int_to_float(&v)?)),
                None if is_bytes => Err(FormatError::type_error(format!(
                    "float argument required, not {tn}"
                ))),
                None => Err(FormatError::type_error(format!(
                    "must be real number, not {tn}"
                ))),
            },
        },
        'c' => match arg {
            BasicArg::Str(t) if !is_bytes => {
                if t.len() == 1 {
                    Ok(PrintfValue::Text(t.clone()))
                } else {
                    Err(FormatError::type_error(format!(
                        "%c requires an int or a unicode character, not a string of length {}",
                        t.len()
                    )))
                }
            }
            BasicArg::Bytes(b) if is_bytes => {
                if b.len() == 1 {
                    Ok(PrintfValue::Text(vec![b[0] as u32]))
                } else {
                    Err(FormatError::type_error(format!(
                        "%c requires an integer in range(256) or a single byte, not a bytes object of length {}",
                        b.len()
                    )))
                }
            }
            _ => match arg.as_int() {
                Some(v) => Ok(PrintfValue::Int(v)),
                None if is_bytes => Err(FormatError::type_error(format!(
                    "%c requires an integer in range(256) or a single byte, not {tn}"
                ))),
                None => Err(FormatError::type_error(format!(
                    "%c requires an int or a unicode character, not {tn}"
                ))),
            },
        },
        _ => Err(FormatError::value(format!("unsupported format character '{conv}'"))),
    }
}
