//! The format-spec mini-language of `format(value, spec)` (PEP 3101, PEP 378, PEP 515,
//! PEP 682's `z`, and 3.14's grouping of the fractional part, `.4_f`).
//!
//! `[[fill]align][sign]["z"]["#"]["0"][width][grouping]["." [precision][grouping]][type]`
//!
//! [`FormatSpec::parse`] does what CPython's `parse_internal_render_format_spec` does, with
//! the same error for each malformed spec; the type-specific rules (no precision for ints,
//! no sign for str, ...) live with the formatters ([`format_str`] here, the numbers in
//! [`super::format_num`]).

use super::{FmtResult, FormatError, Wtf8Buf};
use crate::unicode;

/// How a field is aligned in its width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
    /// Padding between the sign/prefix and the digits (numbers only).
    AfterSign,
}

impl Align {
    fn from_cp(cp: u32) -> Option<Align> {
        match cp {
            0x3C => Some(Align::Left),
            0x3E => Some(Align::Right),
            0x5E => Some(Align::Center),
            0x3D => Some(Align::AfterSign),
            _ => None,
        }
    }
}

/// A thousands separator: `,` or `_`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Comma,
    Underscore,
}

impl Grouping {
    pub fn sep(self) -> char {
        match self {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        }
    }
}

/// A parsed format spec. `fill`/`align` hold what CPython's parser leaves after the `0`
/// flag rule, which depends on the type's default alignment (see [`FormatSpec::parse`]).
#[derive(Clone, Debug, PartialEq)]
pub struct FormatSpec {
    pub fill: u32,
    pub align: Align,
    /// `'+'`, `'-'` or `' '`, if given.
    pub sign: Option<char>,
    /// `z`: coerce negative zero to positive zero after rounding.
    pub no_neg_zero: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    pub width: Option<usize>,
    pub grouping: Option<Grouping>,
    pub precision: Option<usize>,
    pub frac_grouping: Option<Grouping>,
    /// The presentation type; `None` when omitted.
    pub ty: Option<u32>,
}

/// Which default alignment a type uses: numbers go right, strings left. It decides what a
/// bare `0` flag means (`=` alignment for numbers; just a fill for strings since 3.10).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultAlign {
    Left,
    Right,
}

/// `'c'` as CPython writes it in "Unknown format code" style messages: printable ASCII
/// as itself, anything else as `\x<hex>`.
pub(crate) fn code_for_msg(cp: u32) -> String {
    if cp > 32 && cp < 128 {
        char::from_u32(cp).map(String::from).unwrap_or_default()
    } else {
        format!("\\x{cp:x}")
    }
}

fn sep_char(g: Grouping) -> char {
    g.sep()
}

/// The error for a thousands separator that the presentation type does not take.
pub(crate) fn invalid_sep_type(g: Grouping, ty: Option<u32>) -> FormatError {
    let t = ty.unwrap_or(0);
    FormatError::value(format!(
        "Cannot specify '{}' with '{}'.",
        sep_char(g),
        code_for_msg(t)
    ))
}

fn both_seps() -> FormatError {
    FormatError::value("Cannot specify both ',' and '_'.")
}

/// Reads decimal digits (any Unicode decimal digit, as CPython's `get_integer`).
/// Returns the value and how many digits were read.
fn get_integer(s: &[u32], pos: &mut usize) -> FmtResult<(usize, usize)> {
    let mut acc: usize = 0;
    let mut n = 0;
    while let Some(d) = s.get(*pos).and_then(|&c| unicode::to_decimal(c)) {
        // CPython stops at PY_SSIZE_T_MAX.
        if acc > (isize::MAX as usize - d as usize) / 10 {
            return Err(FormatError::value(
                "Too many decimal digits in format string",
            ));
        }
        acc = acc * 10 + d as usize;
        n += 1;
        *pos += 1;
    }
    Ok((acc, n))
}

fn sign_of(cp: u32) -> Option<char> {
    match cp {
        0x2B => Some('+'),
        0x2D => Some('-'),
        0x20 => Some(' '),
        _ => None,
    }
}

impl FormatSpec {
    /// Parses `spec` for a value of Python type `type_name` (named in error messages).
    ///
    /// `default_type` is what an omitted type means for the separator checks ('s' for str,
    /// 'd' for int, none for float and complex); it is stored in `ty` only if given.
    pub fn parse(
        spec: &[u32],
        type_name: &str,
        default_align: DefaultAlign,
        default_type: Option<char>,
    ) -> FmtResult<Self> {
        let end = spec.len();
        let mut pos = 0;
        let mut f = FormatSpec {
            fill: 0x20,
            align: match default_align {
                DefaultAlign::Left => Align::Left,
                DefaultAlign::Right => Align::Right,
            },
            sign: None,
            no_neg_zero: false,
            alternate: false,
            width: None,
            grouping: None,
            precision: None,
            frac_grouping: None,
            ty: None,
        };
        let mut align_given = false;
        let mut fill_given = false;
        if end >= 2 {
            if let Some(a) = Align::from_cp(spec[1]) {
                f.align = a;
                f.fill = spec[0];
                fill_given = true;
                align_given = true;
                pos = 2;
            }
        }
        if !align_given && end >= 1 {
            if let Some(a) = Align::from_cp(spec[0]) {
                f.align = a;
                align_given = true;
                pos = 1;
            }
        }
        if let Some(s) = spec.get(pos).and_then(|&c| sign_of(c)) {
            f.sign = Some(s);
            pos += 1;
        }
        if spec.get(pos) == Some(&0x7A) {
            f.no_neg_zero = true;
            pos += 1;
        }
        if spec.get(pos) == Some(&0x23) {
            f.alternate = true;
            pos += 1;
        }
        if !fill_given && spec.get(pos) == Some(&0x30) {
            f.fill = 0x30;
            if !align_given && default_align == DefaultAlign::Right {
                f.align = Align::AfterSign;
            }
            pos += 1;
        }
        let (w, n) = get_integer(spec, &mut pos)?;
        if n > 0 {
            f.width = Some(w);
        }
        if spec.get(pos) == Some(&0x2C) {
            f.grouping = Some(Grouping::Comma);
            pos += 1;
        }
        if spec.get(pos) == Some(&0x5F) {
            if f.grouping.is_some() {
                return Err(both_seps());
            }
            f.grouping = Some(Grouping::Underscore);
            pos += 1;
        }
        if spec.get(pos) == Some(&0x2C) {
            return Err(both_seps());
        }
        if spec.get(pos) == Some(&0x2E) {
            pos += 1;
            let (p, mut n) = get_integer(spec, &mut pos)?;
            if n > 0 {
                f.precision = Some(p);
            }
            if spec.get(pos) == Some(&0x2C) {
                f.frac_grouping = Some(Grouping::Comma);
                pos += 1;
                n += 1;
            }
            if spec.get(pos) == Some(&0x5F) {
                if f.frac_grouping.is_some() {
                    return Err(both_seps());
                }
                f.frac_grouping = Some(Grouping::Underscore);
                pos += 1;
                n += 1;
            }
            if spec.get(pos) == Some(&0x2C) && f.frac_grouping == Some(Grouping::Underscore) {
                return Err(both_seps());
            }
            if n == 0 {
                return Err(FormatError::value("Format specifier missing precision"));
            }
        }
        if end - pos > 1 {
            let mut s = Wtf8Buf::new();
            for &c in spec {
                s.push_code_point(c);
            }
            return Err(FormatError::value(format!(
                "Invalid format specifier '{}' for object of type '{}'",
                String::from_utf8_lossy(s.as_bytes()),
                type_name
            )));
        }
        if end - pos == 1 {
            f.ty = Some(spec[pos]);
        }
        if let Some(g) = f.grouping {
            let t = f.ty.and_then(char::from_u32).or(default_type);
            match t {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
                Some('b' | 'o' | 'x' | 'X') if g == Grouping::Underscore => {}
                _ => return Err(invalid_sep_type(g, t.map(u32::from))),
            }
        }
        if let Some(g) = f.frac_grouping {
            if f.ty == Some(u32::from('n')) {
                return Err(invalid_sep_type(g, f.ty));
            }
        }
        Ok(f)
    }

    /// Parses a spec given as a Rust string (no lone surrogates).
    pub fn parse_str(
        spec: &str,
        type_name: &str,
        default_align: DefaultAlign,
        default_type: Option<char>,
    ) -> FmtResult<Self> {
        let cps: Vec<u32> = spec.chars().map(u32::from).collect();
        Self::parse(&cps, type_name, default_align, default_type)
    }

    /// The presentation type as a char (`'\0'` when omitted).
    pub fn ty_char(&self) -> char {
        self.ty.and_then(char::from_u32).unwrap_or('\0')
    }
}

/// Appends `n` copies of `fill`.
pub(crate) fn push_fill(out: &mut Wtf8Buf, fill: u32, n: usize) {
    for _ in 0..n {
        out.push_code_point(fill);
    }
}

/// Left and right padding for `len` characters in `width` with `align`.
pub(crate) fn padding(len: usize, width: Option<usize>, align: Align) -> (usize, usize) {
    let total = width.map_or(len, |w| w.max(len));
    let pad = total - len;
    let left = match align {
        Align::Right => pad,
        Align::Center => pad / 2,
        Align::Left | Align::AfterSign => 0,
    };
    (left, pad - left)
}

/// `format(s, spec)` for a `str` value given as code points.
pub fn format_str(value: &[u32], spec: &[u32]) -> FmtResult<Wtf8Buf> {
    let f = FormatSpec::parse(spec, "str", DefaultAlign::Left, Some('s'))?;
    format_str_with(value, &f, "str")
}

/// Formats a string with an already parsed spec (also used for `format(True, 's')`-like
/// cases where the object is formatted as its `str()`).
pub fn format_str_with(value: &[u32], f: &FormatSpec, type_name: &str) -> FmtResult<Wtf8Buf> {
    match f.ty_char() {
        's' | '\0' => {}
        _ => {
            return Err(FormatError::value(format!(
                "Unknown format code '{}' for object of type '{}'",
                code_for_msg(f.ty.unwrap_or(0)),
                type_name
            )))
        }
    }
    match f.sign {
        Some(' ') => {
            return Err(FormatError::value(
                "Space not allowed in string format specifier",
            ))
        }
        Some(_) => {
            return Err(FormatError::value(
                "Sign not allowed in string format specifier",
            ))
        }
        None => {}
    }
    if f.no_neg_zero {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if f.alternate {
        return Err(FormatError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if f.align == Align::AfterSign {
        return Err(FormatError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    super::check_alloc(f.width.unwrap_or(0))?;
    let len = f.precision.map_or(value.len(), |p| p.min(value.len()));
    let (left, right) = padding(len, f.width, f.align);
    let mut out = Wtf8Buf::with_capacity(len + left + right);
    push_fill(&mut out, f.fill, left);
    for &c in &value[..len] {
        out.push_code_point(c);
    }
    push_fill(&mut out, f.fill, right);
    Ok(out)
}
