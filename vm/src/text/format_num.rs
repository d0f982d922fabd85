//! `format()` of `int`, `float` and `complex` values (CPython's `format_long_internal`,
//! `format_float_internal` and `format_complex_internal` in Python/formatter_unicode.c).
//!
//! The caller handles an empty spec (CPython returns `str(value)` then, which matters for
//! `bool` and subclasses) and passes the Python type name used in error messages.

use super::dtoa::{double_to_string, DtoaFlags};
use super::layout::{group_fraction, layout_number, NumberParts};
use super::spec::{code_for_msg, padding, push_fill, Align, DefaultAlign, FormatSpec, Grouping};
use super::{FmtResult, FormatError, Wtf8Buf};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// An int argument: machine-sized or big.
#[derive(Clone, Copy, Debug)]
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    fn is_negative(&self) -> bool {
        match self {
            IntRef::Small(v) => *v < 0,
            IntRef::Big(b) => b.sign() == Sign::Minus,
        }
    }

    /// Digits of |v| in `radix` (2, 8, 10 or 16), lowercase.
    fn abs_digits(&self, radix: u32) -> String {
        match self {
            IntRef::Small(v) => {
                let a = v.unsigned_abs();
                match radix {
                    2 => format!("{a:b}"),
                    8 => format!("{a:o}"),
                    16 => format!("{a:x}"),
                    _ => a.to_string(),
                }
            }
            IntRef::Big(b) => b.magnitude().to_str_radix(radix),
        }
    }

    /// `float(v)`, correctly rounded; OverflowError when out of range.
    pub fn to_f64(&self) -> FmtResult<f64> {
        match self {
            IntRef::Small(v) => Ok(*v as f64),
            IntRef::Big(b) => super::numtext::int_to_float(b),
        }
    }

    fn as_i64(&self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(*v),
            IntRef::Big(b) => b.to_i64(),
        }
    }
}

fn unknown_code(ty: u32, type_name: &str) -> FormatError {
    FormatError::value(format!(
        "Unknown format code '{}' for object of type '{}'",
        code_for_msg(ty),
        type_name
    ))
}

/// `format(v, spec)` for an int (`type_name` is "int", "bool", or a subclass name).
pub fn format_int(v: IntRef<'_>, spec: &[u32], type_name: &str) -> FmtResult<Wtf8Buf> {
    let f = FormatSpec::parse(spec, type_name, DefaultAlign::Right, Some('d'))?;
    format_int_with(v, &f, type_name)
}

/// Formats an int with a parsed spec.
pub fn format_int_with(v: IntRef<'_>, f: &FormatSpec, type_name: &str) -> FmtResult<Wtf8Buf> {
    super::check_alloc(f.width.unwrap_or(0))?;
    let ty = f.ty_char();
    let radix = match ty {
        'b' => 2,
        'o' => 8,
        'x' | 'X' => 16,
        'd' | 'n' | '\0' | 'c' => 10,
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            return format_float_with(v.to_f64()?, f, type_name);
        }
        _ => return Err(unknown_code(f.ty.unwrap_or(0), type_name)),
    };
    if f.precision.is_some() {
        return Err(FormatError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if f.no_neg_zero {
        return Err(FormatError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if ty == 'c' {
        if f.sign.is_some() {
            return Err(FormatError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if f.alternate {
            return Err(FormatError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let cp = match v.as_i64() {
            Some(x) if (0..=0x10FFFF).contains(&x) => x as u32,
            Some(_) => return Err(FormatError::overflow("%c arg not in range(0x110000)")),
            None => {
                return Err(FormatError::overflow(
                    "Python int too large to convert to C long",
                ))
            }
        };
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            remainder: &[cp],
        };
        return Ok(layout_number(&parts, f, None, 3));
    }
    let mut digits = v.abs_digits(radix);
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = match (f.alternate, ty) {
        (true, 'b') => "0b",
        (true, 'o') => "0o",
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        _ => "",
    };
    let (grouping, size) = match f.grouping {
        Some(Grouping::Underscore) if radix != 10 => (f.grouping, 4),
        g => (g, 3),
    };
    let parts = NumberParts {
        negative: v.is_negative(),
        prefix,
        digits: &digits,
        remainder: &[],
    };
    Ok(layout_number(&parts, f, grouping, size))
}

/// Splits dtoa output into sign, integer digits and remainder.
fn split_number(s: &str) -> (bool, &str, &str) {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let n = body.bytes().take_while(u8::is_ascii_digit).count();
    (neg, &body[..n], &body[n..])
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &[u32], type_name: &str) -> FmtResult<Wtf8Buf> {
    let f = FormatSpec::parse(spec, type_name, DefaultAlign::Right, None)?;
    format_float_with(x, &f, type_name)
}

/// Formats a float with a parsed spec (also `int` with a float presentation type).
pub fn format_float_with(x: f64, f: &FormatSpec, type_name: &str) -> FmtResult<Wtf8Buf> {
    super::check_alloc(f.width.unwrap_or(0))?;
    let mut ty = f.ty_char();
    let mut default_precision = 6;
    let mut flags = DtoaFlags {
        sign: false,
        add_dot_0: false,
        alt: f.alternate,
        no_neg_0: f.no_neg_zero,
    };
    match ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {}
        'n' => ty = 'g',
        '\0' => {
            flags.add_dot_0 = true;
            ty = 'r';
            default_precision = 0;
        }
        _ => return Err(unknown_code(f.ty.unwrap_or(0), type_name)),
    }
    let precision = match f.precision {
        Some(p) if p > i32::MAX as usize => {
            return Err(FormatError::value("precision too big"));
        }
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
        None => default_precision,
    };
    let (mut x, mut pct) = (x, false);
    if ty == '%' {
        ty = 'f';
        x *= 100.0;
        pct = true;
    }
    let (text, _) = double_to_string(x, ty, precision, flags)?;
    let (neg, digits, rem) = split_number(&text);
    let mut rem = rem.to_string();
    if let Some(g) = f.frac_grouping {
        rem = group_fraction(&rem, g.sep());
    }
    if pct {
        rem.push('%');
    }
    let rem: Vec<u32> = rem.chars().map(u32::from).collect();
    let grouping = if f.ty_char() == 'n' { None } else { f.grouping };
    let parts = NumberParts {
        negative: neg,
        prefix: "",
        digits,
        remainder: &rem,
    };
    Ok(layout_number(&parts, f, grouping, 3))
}

/// `format(z, spec)` for a complex number.
pub fn format_complex(re: f64, im: f64, spec: &[u32], type_name: &str) -> FmtResult<Wtf8Buf> {
    let f = FormatSpec::parse(spec, type_name, DefaultAlign::Right, None)?;
    format_complex_with(re, im, &f, type_name)
}

/// Formats a complex number with a parsed spec.
pub fn format_complex_with(
    re: f64,
    im: f64,
    f: &FormatSpec,
    type_name: &str,
) -> FmtResult<Wtf8Buf> {
    super::check_alloc(f.width.unwrap_or(0))?;
    let mut ty = f.ty_char();
    let mut default_precision = 6;
    let mut skip_re = false;
    let mut add_parens = false;
    match ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {}
        'n' => ty = 'g',
        '\0' => {
            ty = 'r';
            default_precision = 0;
            if re == 0.0 && re.is_sign_positive() {
                skip_re = true;
            } else {
                add_parens = true;
            }
        }
        _ => return Err(unknown_code(f.ty.unwrap_or(0), type_name)),
    }
    if f.fill == 0x30 {
        return Err(FormatError::value(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if f.align == Align::AfterSign {
        return Err(FormatError::value(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let precision = match f.precision {
        Some(p) if p > i32::MAX as usize => {
            return Err(FormatError::value("precision too big"));
        }
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
        None => default_precision,
    };
    let flags = DtoaFlags {
        sign: false,
        add_dot_0: false,
        alt: f.alternate,
        no_neg_0: f.no_neg_zero,
    };
    let (re_text, _) = double_to_string(re, ty, precision, flags)?;
    let (im_text, _) = double_to_string(im, ty, precision, flags)?;
    let mut body = String::new();
    if add_parens {
        body.push('(');
    }
    let group = |s: &str| -> String {
        let (neg, digits, rem) = split_number(s);
        let grouped = match f.grouping {
            Some(g) if f.ty_char() != 'n' && !digits.is_empty() => {
                super::layout::group_digits(digits, 0, 3, Some(g.sep()))
            }
            _ => digits.to_string(),
        };
        let rem = match f.frac_grouping {
            Some(g) => group_fraction(rem, g.sep()),
            None => rem.to_string(),
        };
        format!("{}{grouped}{rem}", if neg { "-" } else { "" })
    };
    let re_s = group(&re_text);
    let im_s = group(&im_text);
    let sign_for = |s: &str, force: bool| -> &'static str {
        if s.starts_with('-') {
            ""
        } else if force || f.sign == Some('+') {
            "+"
        } else if f.sign == Some(' ') {
            " "
        } else {
            ""
        }
    };
    if !skip_re {
        body.push_str(sign_for(&re_s, false));
        body.push_str(&re_s);
    }
    body.push_str(sign_for(&im_s, !skip_re));
    body.push_str(&im_s);
    body.push('j');
    if add_parens {
        body.push(')');
    }
    let len = body.chars().count();
    let (left, right) = padding(len, f.width, f.align);
    let mut out = Wtf8Buf::with_capacity(len + left + right);
    push_fill(&mut out, f.fill, left);
    out.push_str(&body);
    push_fill(&mut out, f.fill, right);
    Ok(out)
}

/// `format(v, spec)` for a bigint, as a convenience over [`format_int`].
pub fn format_bigint(v: &BigInt, spec: &[u32], type_name: &str) -> FmtResult<Wtf8Buf> {
    if let Some(small) = v.to_i64() {
        return format_int(IntRef::Small(small), spec, type_name);
    }
    format_int(IntRef::Big(v), spec, type_name)
}
