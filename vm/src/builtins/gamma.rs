//! `math.gamma` and `math.lgamma` as CPython computes them (`Modules/mathmodule.c`), not the
//! C library's: CPython uses its own Lanczos approximation, so results differ from libm's in
//! the last bits, and Python programs print those bits.
//!
//! Method (CPython's, after Boost): the Lanczos approximation with N = 13 and
//! g = 6.024680040776729583740234375, its sum written as a rational function; the
//! reflection formula for negative arguments; a correction term for the rounding error of
//! `x + g - 0.5`. Callers check the poles (0 and negative integers) first.

const LANCZOS_G: f64 = 6.024_680_040_776_73;
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_73;

/// Numerator coefficients of the Lanczos sum, as a rational function of x.
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];

/// Denominator coefficients: the expansion of x(x+1)...(x+11).
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

#[allow(clippy::excessive_precision)]
const LOG_PI: f64 = 1.144729885849400174143427351353058711647;

/// The Lanczos sum for `x > 0`. Above 5 the function is evaluated in 1/x, which avoids
/// overflow and is more accurate there.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0f64, 0.0f64);
    if x < 5.0 {
        for (n, d) in LANCZOS_NUM.iter().zip(&LANCZOS_DEN).rev() {
            num = num * x + n;
            den = den * x + d;
        }
    } else {
        for (n, d) in LANCZOS_NUM.iter().zip(&LANCZOS_DEN) {
            num = num / x + n;
            den = den / x + d;
        }
    }
    num / den
}

/// sin(pi * x), exact at integers and half-integers (finite `x` only).
fn sinpi(x: f64) -> f64 {
    use std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let r = match (2.0 * y).round() as i32 {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        // Not -sin(pi*(y-1)): that gives -0.0 at y == 1.
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    // sin is odd: the sign of x flips the result (it is not the result's sign).
    1.0f64.copysign(x) * r
}

/// Gamma(n) for n = 1..=23, exactly representable.
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];

/// ln|Gamma(x)| (CPython's `m_lgamma`); `x` is not a pole.
pub(crate) fn lgamma(x: f64) -> f64 {
    if !x.is_finite() {
        return if x.is_nan() { x } else { f64::INFINITY };
    }
    if x == x.floor() && x <= 2.0 {
        return if x <= 0.0 { f64::INFINITY } else { 0.0 };
    }
    let ax = x.abs();
    if ax < 1e-20 {
        return -ax.ln();
    }
    let mut r = lanczos_sum(ax).ln() - LANCZOS_G;
    r += (ax - 0.5) * ((ax + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        // Reflection: Gamma(x) Gamma(1-x) = pi / sin(pi x).
        r = LOG_PI - sinpi(ax).abs().ln() - ax.ln() - r;
    }
    r
}

/// Gamma(x) (CPython's `m_tgamma`); `x` is not a pole.
pub(crate) fn tgamma(x: f64) -> f64 {
    use std::f64::consts::PI;
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 { x } else { f64::NAN };
    }
    if x == 0.0 {
        return f64::INFINITY.copysign(x);
    }
    if x == x.floor() {
        if x < 0.0 {
            return f64::NAN;
        }
        if x <= GAMMA_INTEGRAL.len() as f64 {
            return GAMMA_INTEGRAL[x as usize - 1];
        }
    }
    let ax = x.abs();
    if ax < 1e-20 {
        return 1.0 / x;
    }
    if ax > 200.0 {
        // Overflows for x > 200; underflows to a signed zero for x < -200.
        return if x < 0.0 {
            0.0 / sinpi(x)
        } else {
            f64::INFINITY
        };
    }
    let y = ax + LANCZOS_G_MINUS_HALF;
    // The rounding error of `y`, computed so that no term cancels exactly.
    let z = if ax > LANCZOS_G_MINUS_HALF {
        (y - ax) - LANCZOS_G_MINUS_HALF
    } else {
        (y - LANCZOS_G_MINUS_HALF) - ax
    };
    let z = z * LANCZOS_G / y;
    let scale = |r: f64, mul: bool| {
        let f = |r: f64, p: f64| if mul { r * p } else { r / p };
        if ax < 140.0 {
            f(r, y.powf(ax - 0.5))
        } else {
            let sqrtpow = y.powf(ax / 2.0 - 0.25);
            f(f(r, sqrtpow), sqrtpow)
        }
    };
    if x < 0.0 {
        let mut r = -PI / sinpi(ax) / ax * y.exp() / lanczos_sum(ax);
        r -= z * r;
        scale(r, false)
    } else {
        let mut r = lanczos_sum(ax) / y.exp();
        r += z * r;
        scale(r, true)
    }
}
