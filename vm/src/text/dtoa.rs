//! Float to decimal text: CPython's `PyOS_double_to_string` (Python/pystrtod.c).
//!
//! The digits come from Rust's float formatting, which is correctly rounded (exact
//! decimal expansion, ties to even) for a fixed count of digits, and shortest-round-trip
//! without a precision: the same digits David Gay's `_Py_dg_dtoa` returns in modes 0, 2
//! and 3 (for 'f', Rust's fixed notation is used as is). On top of those digits this module lays out the text as CPython's
//! `format_float_short` does: where the decimal point goes, zero padding, when 'g'
//! switches to an exponent, `#` keeping trailing zeros and the point, `.0` for repr.
//!
//! Entry point: [`double_to_string`]; `repr(float)` is `frontend::ast::repr::float_repr`.

/// Options of `PyOS_double_to_string` (its `Py_DTSF_*` flags).
#[derive(Clone, Copy, Debug, Default)]
pub struct DtoaFlags {
    /// Always write a sign (`+` for non-negative values).
    pub sign: bool,
    /// Append `.0` to an integral value written without exponent (repr, format '').
    pub add_dot_0: bool,
    /// `#`: keep trailing zeros and the decimal point.
    pub alt: bool,
    /// `z`: drop the minus sign of a value that rounds to zero.
    pub no_neg_0: bool,
}

/// Which kind of text [`double_to_string`] produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatKind {
    Finite,
    Infinite,
    Nan,
}

/// Decimal digits of a float without trailing zeros and the position of the decimal
/// point: value = 0.DIGITS × 10^decpt. Zero is ("0", 1), like Gay's dtoa.
struct Digits {
    digits: Vec<u8>,
    decpt: i64,
}

fn strip_trailing_zeros(mut digits: Vec<u8>, decpt: i64) -> Digits {
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.iter().all(|&d| d == b'0') {
        return Digits {
            digits: vec![b'0'],
            decpt: 1,
        };
    }
    Digits { digits, decpt }
}

/// Splits Rust's `{:e}` output ("1.2345e-7", no sign) into digits and decpt.
fn from_sci(s: &str) -> Digits {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    strip_trailing_zeros(digits, exp + 1)
}

/// Mode 0: shortest digits that round-trip, and of those the closest to `x`, ties to
/// even. Rust's `{:e}` finds the shortest length but may round a tie up
/// (10866778671317.3125 gives ...313 where Python says ...312), so the digits are
/// regenerated at that length with exact rounding. That nearest decimal can fail to
/// round-trip when it is a tie below a power of two, whose lower rounding gap is half the
/// upper one (2**-24: ...062 is out, ...063 is Python's): then Rust's digits are the answer.
fn shortest(x: f64) -> Digits {
    let sci = format!("{:e}", x.abs());
    let n = from_sci(&sci).digits.len();
    let nearest = format!("{:.*e}", n - 1, x.abs());
    if nearest.parse::<f64>() == Ok(x.abs()) {
        from_sci(&nearest)
    } else {
        from_sci(&sci)
    }
}

/// Mode 2: `ndigits` (>= 1) significant digits, correctly rounded.
fn significant(x: f64, ndigits: usize) -> Digits {
    // A double's exact decimal expansion has at most 767 significant digits, so more are
    // zeros (stripped anyway), and Rust's formatter refuses precisions over 65535.
    let ndigits = ndigits.min(EXACT_DIGITS);
    from_sci(&format!("{:.*e}", ndigits - 1, x.abs()))
}

/// More digits than any double's exact decimal expansion has, significant (767) or after
/// the point (1074).
const EXACT_DIGITS: usize = 1100;

/// 'f' formatting: Rust's `{:.N}` already has CPython's layout, so only the sign,
/// `z` and the `#` point of a zero-precision result are added.
fn fixed_text(x: f64, precision: usize, flags: DtoaFlags, negative: bool) -> String {
    // Past EXACT_DIGITS every digit is 0 (and Rust's formatter panics over 65535).
    let mut body = format!("{:.*}", precision.min(EXACT_DIGITS), x.abs());
    if precision > EXACT_DIGITS {
        body.extend(std::iter::repeat_n('0', precision - EXACT_DIGITS));
    }
    let mut out = String::with_capacity(body.len() + 2);
    let is_zero = body.bytes().all(|b| b == b'0' || b == b'.');
    if negative && !(flags.no_neg_0 && is_zero) {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    out.push_str(&body);
    if precision == 0 && flags.alt {
        out.push('.');
    }
    out
}

/// `PyOS_double_to_string(x, code, precision, flags)`. `code` is one of `e E f F g G r`
/// ('r' is repr: shortest digits, `precision` ignored). Returns the text and its kind.
pub fn double_to_string(
    x: f64,
    code: char,
    precision: usize,
    flags: DtoaFlags,
) -> super::FmtResult<(String, FloatKind)> {
    // CPython refuses precisions within 1024 of INT_MAX before allocating.
    if precision > (i32::MAX - 1024) as usize {
        return Err(super::FormatError::value("precision too big"));
    }
    let exp10 = if x.is_finite() && x != 0.0 {
        x.abs().log10().max(0.0) as usize
    } else {
        0
    };
    super::check_alloc(precision.saturating_add(exp10 + 8))?;
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let mut out = String::new();
    let negative = x.is_sign_negative();
    if x.is_nan() || x.is_infinite() {
        // Gay's dtoa reports the sign bit for NaN too; CPython prints it.
        if negative && !x.is_nan() {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        let (word, kind) = if x.is_nan() {
            ("nan", FloatKind::Nan)
        } else {
            ("inf", FloatKind::Infinite)
        };
        out.push_str(&if upper {
            word.to_ascii_uppercase()
        } else {
            word.to_string()
        });
        return Ok((out, kind));
    }
    if code == 'f' {
        return Ok((fixed_text(x, precision, flags, negative), FloatKind::Finite));
    }
    let mut precision = precision;
    let d = match code {
        'e' => {
            precision += 1;
            significant(x, precision)
        }
        'g' => {
            if precision == 0 {
                precision = 1;
            }
            significant(x, precision)
        }
        _ => shortest(x),
    };
    let digits_len = d.digits.len() as i64;
    let mut decpt = d.decpt;
    let is_zero = d.digits == b"0";
    if negative && !(flags.no_neg_0 && is_zero) {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let precision = precision as i64;
    let mut use_exp = false;
    let mut vdigits_end = digits_len;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };
    let digits = std::str::from_utf8(&d.digits).unwrap_or("0");
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    } else {
        out.push_str(digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push('0');
        }
        out.push_str(&a.to_string());
    }
    Ok((out, FloatKind::Finite))
}

/// `repr(x)` / `str(x)` for a float. (Not `frontend::ast::repr::float_repr`, which takes
/// Rust's shortest digits as they come and so differs from CPython on ties.)
pub fn float_repr(x: f64) -> String {
    let flags = DtoaFlags {
        add_dot_0: true,
        ..DtoaFlags::default()
    };
    double_to_string(x, 'r', 0, flags).map_or_else(|_| String::from("nan"), |r| r.0)
}

/// `repr(complex(re, im))`: `1j`, `(1+2j)`, `(-0-0j)`, `(nan+infj)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let r = |x: f64| {
        double_to_string(x, 'r', 0, DtoaFlags::default()).map_or_else(|_| "nan".into(), |r| r.0)
    };
    let im_s = r(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{im_s}j");
    }
    let sign = if im_s.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im_s}j)", r(re))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64, code: char, p: usize) -> String {
        double_to_string(x, code, p, DtoaFlags::default())
            .map(|r| r.0)
            .unwrap_or_default()
    }

    #[test]
    fn layouts() {
        assert_eq!(f(1.5, 'f', 2), "1.50");
        assert_eq!(f(0.001, 'f', 1), "0.0");
        assert_eq!(f(1234.5, 'e', 2), "1.23e+03");
        assert_eq!(f(1e-5, 'g', 6), "1e-05");
        assert_eq!(f(123456789.0, 'g', 6), "1.23457e+08");
        assert_eq!(f(0.5, 'f', 0), "0");
        assert_eq!(f(1e300, 'r', 0), "1e+300");
        // 10866778671317.3125 is a float; its two 17-digit neighbours tie.
        assert_eq!(
            float_repr(f64::from_bits(0x42A3_C43C_F711_AAA0)),
            "10866778671317.312"
        );
        assert_eq!(float_repr(-0.0), "-0.0");
        assert_eq!(float_repr(1e16), "1e+16");
    }
}
