//! `datetime.timedelta`: construction from mixed int/float units (exact in big-integer
//! microseconds, the float remainder rounded half-even once, as C does), arithmetic,
//! comparison, hashing and pickling.

use super::{
    calendar, delta_of, new_delta, no_args, parse_args, set_class_attr, st, tp_name, PyDelta, State,
};
use num_bigint::{BigInt, Sign};
use vm::builtins::args::MethodArgs;
use vm::objects::descr::{add_getset, add_method};
use vm::objects::float::as_float;
use vm::objects::int::as_int;
use vm::objects::slots::{BinOp, CmpOp, UnaryOp};
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::runtime::{not_implemented, py_bool};
use vm::{protocols, PyResult, ThreadState, Value};

pub(super) fn make_type(ts: &ThreadState) -> &'static PyType {
    let t = vm::runtime::new_native_type::<PyDelta>(
        ts,
        "datetime.timedelta",
        None,
        flags::BASETYPE,
        |ts, t| {
            t.slots.new.set(Some(delta_new));
            t.slots.repr.set(Some(delta_repr));
            t.slots.str.set(Some(delta_str));
            t.slots.hash.set(Some(delta_hash));
            t.slots.richcompare.set(Some(delta_richcompare));
            t.slots.binary.set(Some(delta_binary));
            t.slots.unary.set(Some(delta_unary));
            t.slots.bool.set(Some(delta_bool));
            add_getset(ts, t, "days", |ts, v| field(ts, v, |d| d.days), None);
            add_getset(ts, t, "seconds", |ts, v| field(ts, v, |d| d.secs), None);
            add_getset(ts, t, "microseconds", |ts, v| field(ts, v, |d| d.us), None);
            add_method(ts, t, "total_seconds", total_seconds);
            add_method(ts, t, "__reduce__", reduce);
            add_method(ts, t, "__divmod__", divmod_method);
            add_method(ts, t, "__rdivmod__", rdivmod_method);
        },
    );
    use BinOp::*;
    super::prune_binary(ts, t, &[Add, Sub, Mul, Mod, FloorDiv, TrueDiv]);
    let _ = t.dict().del_item(ts, &ts.new_str("__invert__"));
    t
}

pub(super) fn add_class_attrs(ts: &ThreadState, s: &State) -> PyResult<()> {
    set_class_attr(ts, s.delta, "__doc__", ts.new_str("Difference between two datetime values.\n\ntimedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)\n\nAll arguments are optional and default to 0.\nArguments may be integers or floats, and may be positive or negative."))?;
    let max = calendar::MAX_DELTA_DAYS as i64;
    set_class_attr(ts, s.delta, "min", new_delta(ts, -max, 0, 0)?)?;
    set_class_attr(ts, s.delta, "max", new_delta(ts, max, 86_399, 999_999)?)?;
    set_class_attr(ts, s.delta, "resolution", new_delta(ts, 0, 0, 1)?)
}

fn this<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyDelta> {
    delta_of(v).ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'datetime.timedelta' object but received '{}'",
            tp_name(v)
        ))
    })
}

fn field(ts: &ThreadState, v: &Value, f: fn(&PyDelta) -> i32) -> PyResult<Value> {
    Ok(ts.new_int(i64::from(f(this(ts, v)?))))
}

/// Total microseconds of a UTC offset or DST (checked to be under a day, so an i64 holds it).
pub(super) fn to_us(d: &PyDelta) -> i64 {
    (i64::from(d.days) * 86_400 + i64::from(d.secs)) * 1_000_000 + i64::from(d.us)
}

/// Total microseconds of any timedelta (up to ~8.6e22: beyond an i64).
fn us_big(d: &PyDelta) -> BigInt {
    BigInt::from((i128::from(d.days) * 86_400 + i128::from(d.secs)) * 1_000_000 + i128::from(d.us))
}

/// Floor division and modulo of big integers (Python's `divmod`).
fn big_divmod(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    let (mut q, mut r) = (a / b, a % b);
    if r.sign() != Sign::NoSign && (r.sign() == Sign::Minus) != (b.sign() == Sign::Minus) {
        q -= 1;
        r += b;
    }
    (q, r)
}

/// `a / b` rounded to the nearest integer, ties to even (`_PyLong_DivmodNear`).
fn div_nearest(a: &BigInt, b: &BigInt) -> BigInt {
    let (q, r) = big_divmod(a, b);
    let twice: BigInt = &r * 2;
    let b_abs = if b.sign() == Sign::Minus {
        -b
    } else {
        b.clone()
    };
    let r2 = if b.sign() == Sign::Minus {
        -twice
    } else {
        twice
    };
    // r has b's sign, so r2 is in [0, 2|b|).
    if r2 > b_abs || (r2 == b_abs && (&q % 2u32) != BigInt::from(0)) {
        q + 1
    } else {
        q
    }
}

/// A `timedelta` (of type `ty`) from a microsecond count.
pub(super) fn us_to_delta(ts: &ThreadState, us: &BigInt, ty: &PyType) -> PyResult<Value> {
    let (s, us) = big_divmod(us, &BigInt::from(1_000_000));
    let (d, s) = big_divmod(&s, &BigInt::from(86_400));
    let days = i32::try_from(&d)
        .map_err(|_| ts.overflow_error("Python int too large to convert to C int"))?;
    let secs = i64::try_from(&s).unwrap_or(0);
    let us = i64::try_from(&us).unwrap_or(0);
    super::new_delta_of(ts, ty, i64::from(days), secs, us)
}

fn us_to_delta_plain(ts: &ThreadState, us: &BigInt) -> PyResult<Value> {
    us_to_delta(ts, us, st().delta)
}

/// An exact float as `numerator / denominator`, as `float.as_integer_ratio`.
fn float_ratio(ts: &ThreadState, x: f64) -> PyResult<(BigInt, BigInt)> {
    if x.is_infinite() {
        return Err(ts.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if x.is_nan() {
        return Err(ts.value_error("cannot convert NaN to integer ratio"));
    }
    let bits = x.to_bits();
    let neg = bits >> 63 != 0;
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mant, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    if mant == 0 {
        return Ok((BigInt::from(0), BigInt::from(1)));
    }
    while mant & 1 == 0 {
        mant >>= 1;
        e += 1;
    }
    let mut n = BigInt::from(mant);
    if neg {
        n = -n;
    }
    if e >= 0 {
        Ok((n << (e as usize), BigInt::from(1)))
    } else {
        Ok((n, BigInt::from(1) << ((-e) as usize)))
    }
}

/// `v.as_integer_ratio()` of a float (C calls the method, so subclasses may override it).
fn ratio_of(ts: &ThreadState, v: &Value) -> PyResult<(BigInt, BigInt)> {
    if let (Some(x), true) = (as_float(v), v.class().is(vm::runtime::types().float)) {
        return float_ratio(ts, x);
    }
    let r = protocols::call_method(ts, v, "as_integer_ratio", &[])?;
    let Some(t) = r.downcast::<PyTuple>() else {
        return Err(ts.type_error(format!(
            "unexpected return type from as_integer_ratio(): expected tuple, got '{}'",
            tp_name(&r)
        )));
    };
    let [n, d] = t.as_slice() else {
        return Err(ts.value_error("as_integer_ratio() must return a 2-tuple"));
    };
    match (int_of(n), int_of(d)) {
        (Some(n), Some(d)) => Ok((n, d)),
        _ => Err(ts.type_error("as_integer_ratio() must return a pair of integers")),
    }
}

fn int_of(v: &Value) -> Option<BigInt> {
    as_int(v).map(|i| i.to_big())
}

/// Python's `int(x)` of a float's integral part.
fn float_to_big(ts: &ThreadState, x: f64) -> PyResult<BigInt> {
    if x.is_nan() {
        return Err(ts.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(ts.overflow_error("cannot convert float infinity to integer"));
    }
    Ok(vm::objects::float::float_to_bigint(x))
}

/// Adds `num * factor` microseconds to `sofar`; float fractions below a microsecond go to
/// `leftover`.
fn accum(
    ts: &ThreadState,
    tag: &str,
    sofar: BigInt,
    num: &Value,
    factor: i64,
    leftover: &mut f64,
) -> PyResult<BigInt> {
    if let Some(i) = int_of(num) {
        return Ok(sofar + i * factor);
    }
    if let Some(x) = as_float(num) {
        let int_part = x.trunc();
        let frac = x - int_part;
        let mut sum = sofar + float_to_big(ts, int_part)? * factor;
        if frac == 0.0 {
            return Ok(sum);
        }
        let scaled = factor as f64 * frac;
        let int2 = scaled.trunc();
        sum += float_to_big(ts, int2)?;
        *leftover += scaled - int2;
        return Ok(sum);
    }
    Err(ts.type_error(format!(
        "unsupported type for timedelta {tag} component: {}",
        tp_name(num)
    )))
}

fn delta_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    const NAMES: [&str; 7] = [
        "days",
        "seconds",
        "microseconds",
        "milliseconds",
        "minutes",
        "hours",
        "weeks",
    ];
    let a = parse_args(ts, Some("__new__"), args, kw, &NAMES, 0, NAMES.len())?;
    // Accumulation order and factors as C: us, ms, s, min, h, days, weeks.
    let order: [(usize, i64); 7] = [
        (2, 1),
        (3, 1_000),
        (1, 1_000_000),
        (4, 60_000_000),
        (5, 3_600_000_000),
        (0, 86_400_000_000),
        (6, 604_800_000_000),
    ];
    let mut x = BigInt::from(0);
    let mut leftover = 0.0f64;
    for (i, factor) in order {
        if let Some(v) = &a[i] {
            x = accum(ts, NAMES[i], x, v, factor, &mut leftover)?;
        }
    }
    if leftover != 0.0 {
        let mut whole = leftover.round();
        if (whole - leftover).abs() == 0.5 {
            let odd = if (&x % 2u32) != BigInt::from(0) {
                1.0
            } else {
                0.0
            };
            whole = 2.0 * ((leftover + odd) * 0.5).round() - odd;
        }
        x += whole as i64;
    }
    us_to_delta(ts, &x, cls.as_type())
}

fn delta_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let d = this(ts, v)?;
    let mut parts = Vec::new();
    if d.days != 0 {
        parts.push(format!("days={}", d.days));
    }
    if d.secs != 0 {
        parts.push(format!("seconds={}", d.secs));
    }
    if d.us != 0 {
        parts.push(format!("microseconds={}", d.us));
    }
    let args = if parts.is_empty() {
        "0".to_string()
    } else {
        parts.join(", ")
    };
    Ok(ts.new_str(&format!("{}({args})", tp_name(v))))
}

pub(super) fn delta_string(d: &PyDelta) -> String {
    let (h, m, s) = (d.secs / 3600, d.secs / 60 % 60, d.secs % 60);
    let mut out = String::new();
    if d.days != 0 {
        let plural = if d.days == 1 || d.days == -1 { "" } else { "s" };
        out.push_str(&format!("{} day{plural}, ", d.days));
    }
    out.push_str(&format!("{h}:{m:02}:{s:02}"));
    if d.us != 0 {
        out.push_str(&format!(".{:06}", d.us));
    }
    out
}

fn delta_str(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_str(&delta_string(this(ts, v)?)))
}

pub(super) fn hash_delta(ts: &ThreadState, d: &PyDelta) -> PyResult<i64> {
    let t = ts.new_tuple(vec![
        ts.new_int(i64::from(d.days)),
        ts.new_int(i64::from(d.secs)),
        ts.new_int(i64::from(d.us)),
    ]);
    protocols::hash(ts, &t)
}

fn delta_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    hash_delta(ts, this(ts, v)?)
}

pub(super) fn cmp(a: &PyDelta, b: &PyDelta) -> std::cmp::Ordering {
    (a.days, a.secs, a.us).cmp(&(b.days, b.secs, b.us))
}

fn delta_richcompare(_ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    match (delta_of(a), delta_of(b)) {
        (Some(x), Some(y)) => Ok(py_bool(op.test(cmp(x, y)))),
        _ => Ok(not_implemented()),
    }
}

fn delta_bool(_ts: &ThreadState, v: &Value) -> PyResult<bool> {
    Ok(delta_of(v).is_some_and(|d| d.days != 0 || d.secs != 0 || d.us != 0))
}

fn delta_unary(ts: &ThreadState, v: &Value, op: UnaryOp) -> PyResult<Value> {
    let d = this(ts, v)?;
    let (days, secs, us) = (i64::from(d.days), i64::from(d.secs), i64::from(d.us));
    match op {
        UnaryOp::Neg => new_delta(ts, -days, -secs, -us),
        UnaryOp::Pos => new_delta(ts, days, secs, us),
        UnaryOp::Abs if d.days < 0 => new_delta(ts, -days, -secs, -us),
        UnaryOp::Abs => new_delta(ts, days, secs, us),
        UnaryOp::Invert => Ok(not_implemented()),
    }
}

fn delta_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let (da, db) = (delta_of(a), delta_of(b));
    match op {
        BinOp::Add | BinOp::Sub => {
            let (Some(x), Some(y)) = (da, db) else {
                return Ok(not_implemented());
            };
            let s = if op == BinOp::Add { 1 } else { -1 };
            new_delta(
                ts,
                i64::from(x.days) + s * i64::from(y.days),
                i64::from(x.secs) + s * i64::from(y.secs),
                i64::from(x.us) + s * i64::from(y.us),
            )
        }
        BinOp::Mul => {
            let (d, other) = match (da, db) {
                (Some(d), None) => (d, b),
                (None, Some(d)) => (d, a),
                _ => return Ok(not_implemented()),
            };
            let us = us_big(d);
            if let Some(i) = int_of(other) {
                return us_to_delta_plain(ts, &(us * i));
            }
            if as_float(other).is_some() {
                let (n, dd) = ratio_of(ts, other)?;
                return us_to_delta_plain(ts, &div_nearest(&(us * n), &dd));
            }
            Ok(not_implemented())
        }
        BinOp::FloorDiv => {
            let Some(x) = da else {
                return Ok(not_implemented());
            };
            let us = us_big(x);
            if let Some(i) = int_of(b) {
                if i.sign() == Sign::NoSign {
                    return Err(ts.zero_division_error("division by zero"));
                }
                return us_to_delta_plain(ts, &big_divmod(&us, &i).0);
            }
            if let Some(y) = db {
                let r = us_big(y);
                if r.sign() == Sign::NoSign {
                    return Err(ts.zero_division_error("division by zero"));
                }
                return Ok(ts.new_bigint(big_divmod(&us, &r).0));
            }
            Ok(not_implemented())
        }
        BinOp::TrueDiv => {
            let Some(x) = da else {
                return Ok(not_implemented());
            };
            let us = us_big(x);
            if let Some(y) = db {
                let l = ts.new_bigint(us);
                let r = ts.new_bigint(us_big(y));
                return protocols::binary_op(ts, &l, &r, BinOp::TrueDiv);
            }
            if as_float(b).is_some() {
                let (n, d) = ratio_of(ts, b)?;
                if n.sign() == Sign::NoSign {
                    return Err(ts.zero_division_error("division by zero"));
                }
                return us_to_delta_plain(ts, &div_nearest(&(us * d), &n));
            }
            if let Some(i) = int_of(b) {
                if i.sign() == Sign::NoSign {
                    return Err(ts.zero_division_error("division by zero"));
                }
                return us_to_delta_plain(ts, &div_nearest(&us, &i));
            }
            Ok(not_implemented())
        }
        BinOp::Mod => {
            let (Some(x), Some(y)) = (da, db) else {
                return Ok(not_implemented());
            };
            let r = us_big(y);
            if r.sign() == Sign::NoSign {
                return Err(ts.zero_division_error("division by zero"));
            }
            let (_, m) = big_divmod(&us_big(x), &r);
            us_to_delta_plain(ts, &m)
        }
        _ => Ok(not_implemented()),
    }
}

fn divmod_method(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let other = super::one_arg(ts, &a, "__divmod__")?;
    let (Some(x), Some(y)) = (delta_of(slf), delta_of(&other)) else {
        return Ok(not_implemented());
    };
    let r = us_big(y);
    if r.sign() == Sign::NoSign {
        return Err(ts.zero_division_error("division by zero"));
    }
    let (q, m) = big_divmod(&us_big(x), &r);
    let md = us_to_delta_plain(ts, &m)?;
    Ok(ts.new_tuple(vec![ts.new_bigint(q), md]))
}

fn rdivmod_method(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let other = super::one_arg(ts, &a, "__rdivmod__")?;
    if delta_of(&other).is_none() {
        return Ok(not_implemented());
    }
    let args = [slf.clone()];
    divmod_method(ts, &other, MethodArgs::new(&args, None))
}

fn total_seconds(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "total_seconds")?;
    let d = this(ts, slf)?;
    let us = (i128::from(d.days) * 86_400 + i128::from(d.secs)) * 1_000_000 + i128::from(d.us);
    Ok(ts.new_float(us_to_seconds(us)))
}

/// `us / 10**6` correctly rounded (half to even), as CPython's int true division gives it.
pub(super) fn us_to_seconds(us: i128) -> f64 {
    const D: u128 = 1_000_000;
    let a = us.unsigned_abs();
    if a == 0 {
        return 0.0;
    }
    let bits = |x: u128| 128 - x.leading_zeros() as i32;
    // Scale so the quotient has at least 55 significant bits (|us| < 2**77, so this fits).
    let k = (55 - (bits(a) - bits(D))).max(0);
    let n = a << k;
    let (q, r) = (n / D, n % D);
    let extra = bits(q) - 53;
    let (mut mant, low) = (q >> extra, q & ((1u128 << extra) - 1));
    let half = 1u128 << (extra - 1);
    if low > half || (low == half && (r != 0 || mant & 1 == 1)) {
        mant += 1;
    }
    let v = mant as f64 * 2f64.powi(extra - k);
    if us < 0 {
        -v
    } else {
        v
    }
}

fn reduce(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "__reduce__")?;
    let d = this(ts, slf)?;
    let state = ts.new_tuple(vec![
        ts.new_int(i64::from(d.days)),
        ts.new_int(i64::from(d.secs)),
        ts.new_int(i64::from(d.us)),
    ]);
    Ok(ts.new_tuple(vec![slf.class().to_value(), state]))
}

#[cfg(test)]
mod tests {
    use super::us_to_seconds;

    #[test]
    fn seconds_are_correctly_rounded() {
        assert_eq!(
            us_to_seconds(208_812_031_528_138_443),
            208_812_031_528.138_46
        );
        assert_eq!(us_to_seconds(-1_500_000), -1.5);
        assert_eq!(us_to_seconds(1), 1e-6);
        assert_eq!(us_to_seconds(0), 0.0);
        let max = (999_999_999i128 * 86_400 + 86_399) * 1_000_000 + 999_999;
        assert_eq!(us_to_seconds(max), 86_400_000_000_000.0);
    }
}
