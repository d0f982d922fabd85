//! `float(s)`, `complex(s)` and `float.fromhex(s)` (CPython's Objects/floatobject.c,
//! Objects/complexobject.c and Python/pystrtod.c).
//!
//! Strings are reduced to ASCII first as for `int()` (Unicode digits and spaces count).
//! Underscores are accepted only between digits (`_Py_string_to_number_with_underscores`).
//! Decimal text is converted by Rust's `f64::from_str`, which is correctly rounded like
//! CPython's `_Py_dg_strtod`; [`strtod_prefix`] decides how much of the text is a number.
//!
//! Entry points: [`parse_float`], [`parse_float_bytes`], [`parse_complex`], [`float_fromhex`].

use super::parse_int::{repr_200, transform_decimal_and_space};
use super::{FmtResult, FormatError};
use num_bigint::BigUint;
use num_traits::{ToPrimitive, Zero};

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// Removes underscores that sit between two digits; `None` if any other underscore.
fn strip_underscores(s: &[u8]) -> Option<Vec<u8>> {
    if !s.contains(&b'_') {
        return Some(s.to_vec());
    }
    let mut out = Vec::with_capacity(s.len());
    let mut prev = 0u8;
    for &c in s {
        if c == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !c.is_ascii_digit() {
                return None;
            }
            out.push(c);
        }
        prev = c;
    }
    if prev == b'_' {
        return None;
    }
    Some(out)
}

/// Parses the longest prefix of `s` that is a float (sign, digits with an optional point
/// and exponent, or inf/infinity/nan). Returns the value and the length used (0: none).
/// Out-of-range values become ±inf or ±0, as with `PyOS_string_to_double(s, &end, NULL)`.
pub fn strtod_prefix(s: &[u8]) -> (f64, usize) {
    let mut i = 0;
    let negative = match s.first() {
        Some(b'-') => {
            i = 1;
            true
        }
        Some(b'+') => {
            i = 1;
            false
        }
        _ => false,
    };
    let lower: Vec<u8> = s[i..s.len().min(i + 8)]
        .iter()
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let sign = if negative { -1.0 } else { 1.0 };
    if lower.starts_with(b"infinity") {
        return (sign * f64::INFINITY, i + 8);
    }
    if lower.starts_with(b"inf") {
        return (sign * f64::INFINITY, i + 3);
    }
    if lower.starts_with(b"nan") {
        let nan = if negative { -f64::NAN } else { f64::NAN };
        return (nan, i + 3);
    }
    let start = i;
    let int_digits = s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if s.get(i) == Some(&b'.') {
        frac_digits = s[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if int_digits + frac_digits > 0 {
            i += 1 + frac_digits;
        }
    }
    if int_digits + frac_digits == 0 {
        return (0.0, 0);
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_digits = s[j..].iter().take_while(|b| b.is_ascii_digit()).count();
        if exp_digits > 0 {
            i = j + exp_digits;
        }
    }
    let text = std::str::from_utf8(&s[start..i]).unwrap_or("0");
    let v: f64 = text.parse().unwrap_or(0.0);
    (if negative { -v } else { v }, i)
}

fn float_error(repr: &str) -> FormatError {
    FormatError::value(format!("could not convert string to float: {repr}"))
}

/// `float()` on ASCII text; `None` when malformed.
fn float_from_ascii(s: &[u8]) -> Option<f64> {
    let mut a = 0;
    let mut b = s.len();
    while a < b && is_space(s[a]) {
        a += 1;
    }
    while b > a && is_space(s[b - 1]) {
        b -= 1;
    }
    let body = strip_underscores(&s[a..b])?;
    if body.is_empty() {
        return None;
    }
    let (v, used) = strtod_prefix(&body);
    (used == body.len()).then_some(v)
}

/// `float(s)` for a str given as code points.
pub fn parse_float(s: &[u32]) -> FmtResult<f64> {
    float_from_ascii(&transform_decimal_and_space(s)).ok_or_else(|| {
        let mut w = super::Wtf8Buf::new();
        for &c in s {
            w.push_code_point(c);
        }
        float_error(&frontend::ast::repr::str_repr(&w))
    })
}

/// `float(b)` for bytes.
pub fn parse_float_bytes(b: &[u8]) -> FmtResult<f64> {
    let ascii: Vec<u8> = b.iter().map(|&c| if c < 128 { c } else { b'?' }).collect();
    float_from_ascii(&ascii).ok_or_else(|| {
        let mut r = String::new();
        frontend::ast::repr::write_bytes_repr(b, &mut r);
        float_error(&r)
    })
}

/// `complex(s)`: `(re, im)`; ValueError "complex() arg is a malformed string".
pub fn parse_complex(s: &[u32]) -> FmtResult<(f64, f64)> {
    let malformed = || FormatError::value("complex() arg is a malformed string");
    let ascii = transform_decimal_and_space(s);
    let s = strip_underscores(&ascii).ok_or_else(|| {
        let mut w = super::Wtf8Buf::new();
        for &c in s {
            w.push_code_point(c);
        }
        FormatError::value(format!(
            "could not convert string to complex: {}",
            frontend::ast::repr::str_repr(&w)
        ))
    })?;
    let n = s.len();
    let mut i = 0;
    while i < n && is_space(s[i]) {
        i += 1;
    }
    let mut bracket = false;
    if s.get(i) == Some(&b'(') {
        bracket = true;
        i += 1;
        while i < n && is_space(s[i]) {
            i += 1;
        }
    }
    let is_j = |k: usize| matches!(s.get(k), Some(b'j' | b'J'));
    let (mut x, mut y) = (0.0, 0.0);
    let (z, used) = strtod_prefix(&s[i..]);
    if used > 0 {
        i += used;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            x = z;
            let (w, used2) = strtod_prefix(&s[i..]);
            if used2 > 0 {
                y = w;
                i += used2;
            } else {
                y = if s[i] == b'+' { 1.0 } else { -1.0 };
                i += 1;
            }
            if !is_j(i) {
                return Err(malformed());
            }
            i += 1;
        } else if is_j(i) {
            i += 1;
            y = z;
        } else {
            x = z;
        }
    } else {
        if matches!(s.get(i), Some(b'+' | b'-')) {
            y = if s[i] == b'+' { 1.0 } else { -1.0 };
            i += 1;
        } else {
            y = 1.0;
        }
        if !is_j(i) {
            return Err(malformed());
        }
        i += 1;
    }
    while i < n && is_space(s[i]) {
        i += 1;
    }
    if bracket {
        if s.get(i) != Some(&b')') {
            return Err(malformed());
        }
        i += 1;
        while i < n && is_space(s[i]) {
            i += 1;
        }
    }
    if i != n {
        return Err(malformed());
    }
    Ok((x, y))
}

fn hex_invalid() -> FormatError {
    FormatError::value("invalid hexadecimal floating-point string")
}

/// `m × 2^e` for an exactly representable result (m < 2^53).
fn ldexp_exact(m: u64, e: i64) -> f64 {
    let mut x = m as f64;
    let mut e = e;
    while e > 0 {
        let step = e.min(1000);
        x *= 2f64.powi(step as i32);
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(1000);
        x /= 2f64.powi(step as i32);
        e += step;
    }
    x
}

/// `float.fromhex(s)`: `[ws][sign][0x]hex[.hex][p[sign]dec][ws]`, or inf/nan, correctly
/// rounded (half to even).
pub fn float_fromhex(s: &[u32]) -> FmtResult<f64> {
    // Only ASCII matters here; anything else makes the string invalid.
    let s: Vec<u8> = s
        .iter()
        .map(|&c| if c < 128 { c as u8 } else { b'?' })
        .collect();
    let n = s.len();
    let mut i = 0;
    while i < n && is_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if matches!(s.get(i), Some(b'+' | b'-')) {
        negative = s[i] == b'-';
        i += 1;
    }
    let rest_lower: Vec<u8> = s[i..].iter().map(|b| b.to_ascii_lowercase()).collect();
    for (word, v) in [
        (&b"infinity"[..], f64::INFINITY),
        (b"inf", f64::INFINITY),
        (b"nan", f64::NAN),
    ] {
        if rest_lower.starts_with(word) {
            let mut j = i + word.len();
            while j < n && is_space(s[j]) {
                j += 1;
            }
            if j != n {
                return Err(hex_invalid());
            }
            return Ok(if negative { -v } else { v });
        }
    }
    if s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'x' | b'X')) {
        i += 2;
    }
    let hexval = |b: u8| (b as char).to_digit(16);
    let mut digits: Vec<u32> = Vec::new();
    let int_start = i;
    while i < n && hexval(s[i]).is_some() {
        digits.push(hexval(s[i]).unwrap_or(0));
        i += 1;
    }
    let int_len = i - int_start;
    let mut frac_len = 0i64;
    if s.get(i) == Some(&b'.') {
        i += 1;
        while i < n && hexval(s[i]).is_some() {
            digits.push(hexval(s[i]).unwrap_or(0));
            frac_len += 1;
            i += 1;
        }
    }
    if int_len == 0 && frac_len == 0 {
        return Err(hex_invalid());
    }
    let mut exp: i64 = 0;
    if matches!(s.get(i), Some(b'p' | b'P')) {
        i += 1;
        let mut eneg = false;
        if matches!(s.get(i), Some(b'+' | b'-')) {
            eneg = s[i] == b'-';
            i += 1;
        }
        let start = i;
        while i < n && s[i].is_ascii_digit() {
            // Saturate: anything this large over- or underflows anyway.
            exp = (exp * 10 + (s[i] - b'0') as i64).min(1 << 40);
            i += 1;
        }
        if i == start {
            return Err(hex_invalid());
        }
        if eneg {
            exp = -exp;
        }
    }
    while i < n && is_space(s[i]) {
        i += 1;
    }
    if i != n {
        return Err(hex_invalid());
    }
    let mut m = BigUint::zero();
    for &d in &digits {
        m = (m << 4u32) + BigUint::from(d);
    }
    let sign = if negative { -1.0 } else { 1.0 };
    if m.is_zero() {
        return Ok(sign * 0.0);
    }
    // value = m × 2^e2; the top bit has weight 2^top.
    let e2 = exp - 4 * frac_len;
    let bits = m.bits() as i64;
    let top = bits - 1 + e2;
    if top > 1023 {
        return Err(hex_overflow());
    }
    if top < -1075 {
        // Below half the smallest subnormal (2^-1075): rounds to zero.
        return Ok(sign * 0.0);
    }
    // Keep 53 bits, fewer for subnormals (the lowest representable bit is 2^-1074).
    let keep = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    let shift = bits - keep; // low bits to drop
    let (mut q, new_e) = if shift <= 0 {
        ((m << (-shift) as u32).to_u64().unwrap_or(0), e2 + shift)
    } else {
        let q = (&m >> shift as u32).to_u64().unwrap_or(0);
        let half = m.bit((shift - 1) as u64);
        // Any set bit below the half bit.
        let sticky = m.trailing_zeros().is_some_and(|tz| tz < (shift - 1) as u64);
        let mut q = q;
        if half && (sticky || q & 1 == 1) {
            q += 1;
        }
        (q, e2 + shift)
    };
    let mut e = new_e;
    if keep > 0 && q >> keep != 0 {
        // Rounding carried into a new bit.
        q >>= 1;
        e += 1;
    }
    if keep <= 0 && shift > 0 {
        // Below half the smallest subnormal, or rounding up to it.
        return Ok(sign * ldexp_exact(q, e));
    }
    if q != 0 && (64 - q.leading_zeros()) as i64 - 1 + e > 1023 {
        return Err(hex_overflow());
    }
    Ok(sign * ldexp_exact(q, e))
}

fn hex_overflow() -> FormatError {
    FormatError::overflow("hexadecimal value too large to represent as a float")
}

/// Parses a float from `s` as CPython's `float()` and names the failing input with `repr`.
pub fn parse_float_with_repr(s: &[u32], repr: &str) -> FmtResult<f64> {
    float_from_ascii(&transform_decimal_and_space(s)).ok_or_else(|| float_error(&repr_200(repr)))
}
