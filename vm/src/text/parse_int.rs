//! `int(s, base)` for str and bytes, and int to text (`str`, `bin`, `oct`, `hex`), with
//! the 4300-digit limit of PEP 651's sibling, CVE-2020-10735 (`sys.set_int_max_str_digits`).
//!
//! Like CPython, the string is first reduced to ASCII: Unicode decimal digits become
//! `0`-`9` and Unicode whitespace a space (`_PyUnicode_TransformDecimalAndSpaceToASCII`);
//! anything else non-ASCII makes the literal invalid. Then `PyLong_FromString`'s grammar
//! applies: optional whitespace, sign, a base prefix (base 0 or its own base), digits with
//! single underscores between them (one may follow the prefix), optional whitespace.
//!
//! Entry points: [`parse_int`], [`parse_int_bytes`], [`int_to_decimal`], [`int_to_base`].

use super::{FmtResult, FormatError};
use crate::unicode;
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{Num, Zero};

/// CPython's default `sys.get_int_max_str_digits()`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// The ASCII reduction of a Python string (non-ASCII non-digit non-space becomes `?`).
pub fn transform_decimal_and_space(s: &[u32]) -> Vec<u8> {
    s.iter()
        .map(|&c| {
            if c < 128 {
                c as u8
            } else if unicode::is_space(c) {
                b' '
            } else if let Some(d) = unicode::to_decimal(c) {
                b'0' + d as u8
            } else {
                b'?'
            }
        })
        .collect()
}

/// `repr()` of the input for error messages, cut to 200 characters (CPython's `%.200R`).
pub(crate) fn repr_200(repr: &str) -> String {
    repr.chars().take(200).collect()
}

fn str_repr(s: &[u32]) -> String {
    let mut w = super::Wtf8Buf::new();
    for &c in s {
        w.push_code_point(c);
    }
    frontend::ast::repr::str_repr(&w)
}

fn bytes_repr(b: &[u8]) -> String {
    let mut s = String::new();
    frontend::ast::repr::write_bytes_repr(b, &mut s);
    s
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// Why [`parse_ascii`] failed.
enum IntParseError {
    Invalid,
    TooManyDigits(usize),
}

/// `PyLong_FromString` on ASCII text. `base` is 0 or 2..=36.
fn parse_ascii(s: &[u8], base: u32, max_digits: usize) -> Result<BigInt, IntParseError> {
    let mut i = 0;
    let n = s.len();
    while i < n && is_ascii_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if i < n && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    let mut base = base;
    let lower = |k: usize| s.get(k).map(|b| b.to_ascii_lowercase());
    let mut after_prefix = false;
    let mut error_if_nonzero = false;
    if s.get(i) == Some(&b'0') {
        let p = lower(i + 1);
        let prefix_base = match p {
            Some(b'x') => 16,
            Some(b'o') => 8,
            Some(b'b') => 2,
            _ => 0,
        };
        if prefix_base != 0 && (base == 0 || base == prefix_base) {
            base = prefix_base;
            i += 2;
            after_prefix = true;
        } else if base == 0 {
            // A C-style octal literal ("017") is invalid; it may still be zero ("00").
            error_if_nonzero = true;
            base = 10;
        }
    }
    if base == 0 {
        base = 10;
    }
    if after_prefix && s.get(i) == Some(&b'_') {
        i += 1;
    }
    let start = i;
    let mut digits = Vec::with_capacity(n - start);
    let mut prev_underscore = true; // no underscore may open the digits
    while i < n {
        let b = s[i];
        if b == b'_' {
            if prev_underscore {
                return Err(IntParseError::Invalid);
            }
            prev_underscore = true;
            i += 1;
            continue;
        }
        let d = match b {
            b'0'..=b'9' => (b - b'0') as u32,
            b'a'..=b'z' => (b - b'a') as u32 + 10,
            b'A'..=b'Z' => (b - b'A') as u32 + 10,
            _ => break,
        };
        if d >= base {
            break;
        }
        digits.push(b);
        prev_underscore = false;
        i += 1;
    }
    if digits.is_empty() || prev_underscore {
        return Err(IntParseError::Invalid);
    }
    while i < n && is_ascii_space(s[i]) {
        i += 1;
    }
    if i != n {
        return Err(IntParseError::Invalid);
    }
    if !base.is_power_of_two() && max_digits > 0 && digits.len() > max_digits {
        return Err(IntParseError::TooManyDigits(digits.len()));
    }
    // `digits` holds only ASCII alphanumerics valid in `base`.
    let text = std::str::from_utf8(&digits).map_err(|_| IntParseError::Invalid)?;
    let mag = BigUint::from_str_radix(text, base).map_err(|_| IntParseError::Invalid)?;
    if error_if_nonzero && !mag.is_zero() {
        return Err(IntParseError::Invalid);
    }
    Ok(BigInt::from_biguint(
        if negative { Sign::Minus } else { Sign::Plus },
        mag,
    ))
}

fn check_base(base: i64) -> FmtResult<u32> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(FormatError::value(
            "int() base must be >= 2 and <= 36, or 0",
        ));
    }
    Ok(base as u32)
}

fn limit_error(digits: usize, max: usize) -> FormatError {
    FormatError::value(format!(
        "Exceeds the limit ({max} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// `int(s, base)` for a str given as code points. `max_str_digits` is
/// `sys.get_int_max_str_digits()` (0: no limit).
pub fn parse_int(s: &[u32], base: i64, max_str_digits: usize) -> FmtResult<BigInt> {
    let base = check_base(base)?;
    let ascii = transform_decimal_and_space(s);
    parse_ascii(&ascii, base, max_str_digits).map_err(|e| match e {
        IntParseError::TooManyDigits(d) => limit_error(d, max_str_digits),
        IntParseError::Invalid => FormatError::value(format!(
            "invalid literal for int() with base {base}: {}",
            repr_200(&str_repr(s))
        )),
    })
}

/// `int(b, base)` for bytes / bytearray (no Unicode digits or spaces).
pub fn parse_int_bytes(b: &[u8], base: i64, max_str_digits: usize) -> FmtResult<BigInt> {
    let base = check_base(base)?;
    let ascii: Vec<u8> = b.iter().map(|&c| if c < 128 { c } else { b'?' }).collect();
    parse_ascii(&ascii, base, max_str_digits).map_err(|e| match e {
        IntParseError::TooManyDigits(d) => limit_error(d, max_str_digits),
        IntParseError::Invalid => FormatError::value(format!(
            "invalid literal for int() with base {base}: {}",
            repr_200(&bytes_repr(b))
        )),
    })
}

/// `str(v)` for an int, refusing more than `max_str_digits` digits (0: no limit).
pub fn int_to_decimal(v: &BigInt, max_str_digits: usize) -> FmtResult<String> {
    if max_str_digits > 0 {
        // Cheap reject before converting: bits * log10(2) digits, give or take one.
        let bits = v.bits();
        let low_estimate = (bits.saturating_sub(1) as f64 * std::f64::consts::LOG10_2) as u64;
        if low_estimate > max_str_digits as u64 + 1 {
            return Err(str_limit_error(max_str_digits));
        }
    }
    let s = v.to_string();
    let ndigits = s.len() - (v.sign() == Sign::Minus) as usize;
    if max_str_digits > 0 && ndigits > max_str_digits {
        return Err(str_limit_error(max_str_digits));
    }
    Ok(s)
}

fn str_limit_error(max: usize) -> FormatError {
    FormatError::value(format!(
        "Exceeds the limit ({max} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// `bin(v)`, `oct(v)`, `hex(v)` (radix 2, 8, 16): sign, prefix, lowercase digits.
pub fn int_to_base(v: &BigInt, radix: u32) -> String {
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    let digits = v.magnitude().to_str_radix(radix);
    let sign = if v.sign() == Sign::Minus { "-" } else { "" };
    format!("{sign}{prefix}{digits}")
}
