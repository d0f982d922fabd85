//! Float helpers with exact results: `float.hex()`, `round(x, n)`, `round(x)`,
//! `float.as_integer_ratio()` (CPython's Objects/floatobject.c).
//!
//! `round(x, n)` is correctly rounded, half to even on the exact binary value, as
//! CPython's `double_round` (which uses dtoa mode 3 and strtod): for `n >= 0` the digits
//! come from Rust's exact fixed-precision formatting; for `n < 0` the rounding is done on
//! big integers.

use super::{FmtResult, FormatError};
use num_bigint::{BigInt, Sign};
use num_traits::{One, Signed, ToPrimitive, Zero};

/// `float.hex(x)`: `'0x1.8000000000000p+0'`, `'-0x0.0p+0'`, `'inf'`, `'nan'`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let exp_field = ((bits >> 52) & 0x7FF) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, e) = if exp_field == 0 {
        (0, -1022)
    } else {
        (1, exp_field - 1023)
    };
    let esign = if e < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{frac:013x}p{esign}{}", e.abs())
}

/// The exact value of a finite float as `m × 2^e` with an odd or zero `m`.
fn decompose(x: f64) -> (BigInt, i64) {
    let bits = x.to_bits();
    let exp_field = ((bits >> 52) & 0x7FF) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if exp_field == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_field - 1075)
    };
    if m != 0 {
        let tz = m.trailing_zeros();
        m >>= tz;
        e += tz as i64;
    }
    let m = BigInt::from(m);
    (if x.is_sign_negative() { -m } else { m }, e)
}

/// `float.as_integer_ratio()`: the exact fraction in lowest terms, positive denominator.
pub fn as_integer_ratio(x: f64) -> FmtResult<(BigInt, BigInt)> {
    if x.is_infinite() {
        return Err(FormatError::overflow(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x.is_nan() {
        return Err(FormatError::value("cannot convert NaN to integer ratio"));
    }
    let (m, e) = decompose(x);
    if e >= 0 || x == 0.0 {
        Ok((m << e.max(0) as usize, BigInt::one()))
    } else {
        Ok((m, BigInt::one() << (-e) as usize))
    }
}

/// `int(x)` for a float: truncation toward zero.
pub fn float_to_int(x: f64) -> FmtResult<BigInt> {
    if x.is_nan() {
        return Err(FormatError::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(FormatError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    let (m, e) = decompose(x.trunc());
    Ok(if e >= 0 {
        m << e as usize
    } else {
        m >> (-e) as usize
    })
}

/// `round(x)` with no ndigits: the nearest int, ties to even.
pub fn round_to_int(x: f64) -> FmtResult<BigInt> {
    if x.is_nan() {
        return Err(FormatError::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(FormatError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    let mut r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        // A tie: `f64::round` goes away from zero; Python goes to even.
        r = 2.0 * (x / 2.0).round();
    }
    float_to_int(r)
}

/// `round(x, ndigits)` for a float.
pub fn round_float(x: f64, ndigits: i64) -> FmtResult<f64> {
    // Beyond these, rounding changes nothing / gives zero. CPython's NDIGITS_MAX and
    // NDIGITS_MIN: (DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103 and -(DBL_MAX_EXP + 1) * 0.30103.
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || x == 0.0 {
        return Ok(x);
    }
    if ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let too_large = || FormatError::overflow("rounded value too large to represent");
    if ndigits >= 0 {
        let s = format!("{:.*}", ndigits as usize, x);
        let v: f64 = s.parse().map_err(|_| too_large())?;
        if v.is_infinite() {
            return Err(too_large());
        }
        return Ok(v);
    }
    // Round the exact value m·2^e to a multiple of 10^k, ties to even.
    let k = (-ndigits) as u32;
    let (m, e) = decompose(x);
    let pow = BigInt::from(10u32).pow(k);
    let (num, den) = if e >= 0 {
        (m << e as usize, pow.clone())
    } else {
        (m, pow.clone() << (-e) as usize)
    };
    let num = num.abs();
    let (q, r) = (&num / &den, &num % &den);
    let twice = &r * 2u32;
    let q = match twice.cmp(&den) {
        std::cmp::Ordering::Greater => q + 1u32,
        std::cmp::Ordering::Equal if q.bit(0) => q + 1u32,
        _ => q,
    };
    let rounded = q * pow;
    let v = rounded.to_f64().unwrap_or(f64::INFINITY);
    if v.is_infinite() {
        return Err(too_large());
    }
    Ok(if x.is_sign_negative() { -v } else { v })
}

/// `round(v, ndigits)` for an int: unchanged for `ndigits >= 0`, else the nearest
/// multiple of `10^-ndigits`, ties to even.
pub fn round_int(v: &BigInt, ndigits: i64) -> BigInt {
    if ndigits >= 0 {
        return v.clone();
    }
    let k = ndigits.unsigned_abs();
    // 10^k >= 2^k >= 2^(bits+2) > 2|v|: the nearest multiple is 0.
    if k >= v.bits() + 2 {
        return BigInt::zero();
    }
    let k = k as u32; // < bits + 2, so it fits
    let pow = BigInt::from(10u32).pow(k);
    // Floor division, then round the remainder half to even.
    let mut q = v / &pow;
    let mut r = v - &q * &pow;
    if r.is_negative() {
        q -= 1u32;
        r += &pow;
    }
    let twice = &r * 2u32;
    if twice > pow || (twice == pow && q.bit(0)) {
        q += 1u32;
    }
    q * pow
}

/// `float(n)` for an int, correctly rounded (half to even); OverflowError past the range.
pub fn int_to_float(v: &BigInt) -> FmtResult<f64> {
    let mag = v.magnitude();
    let bits = mag.bits();
    let f = if bits <= 53 {
        mag.to_u64().map_or(0.0, |u| u as f64)
    } else {
        // Top 54 bits: 53 kept plus the rounding bit; the rest only matter as "sticky".
        let shift = bits - 54;
        let top = (mag >> shift).to_u64().unwrap_or(0);
        let sticky = mag.trailing_zeros().is_some_and(|tz| tz < shift);
        let mut m = top >> 1;
        if top & 1 == 1 && (sticky || m & 1 == 1) {
            m += 1;
        }
        let e = shift + 1; // value = m × 2^e
        if e > 1024 {
            f64::INFINITY
        } else {
            (m as f64) * 2f64.powi(e as i32)
        }
    };
    if f.is_infinite() {
        return Err(FormatError::overflow("int too large to convert to float"));
    }
    Ok(if v.sign() == Sign::Minus { -f } else { f })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_and_round() {
        assert_eq!(float_hex(1.0), "0x1.0000000000000p+0");
        assert_eq!(float_hex(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(round_float(2.675, 2).ok(), Some(2.67));
        assert_eq!(round_float(1250.0, -2).ok(), Some(1200.0));
        assert_eq!(round_to_int(2.5).ok(), Some(BigInt::from(2)));
        assert!(BigInt::zero().is_zero());
    }
}
