//! `float` (and a minimal `complex`): IEEE doubles with CPython's repr, hash, division and
//! comparison rules (int/float comparisons are exact).

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::int::{as_int, int_to_f64, IntVal};
use crate::objects::slots::{BinOp, CmpOp, UnaryOp};
use crate::objects::tuple::PyTuple;
use crate::runtime::{not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

pub struct PyFloat {
    pub v: f64,
}

impl PyPayload for PyFloat {
    const GC: bool = false;
}

pub struct PyComplex {
    pub re: f64,
    pub im: f64,
}

impl PyPayload for PyComplex {
    const GC: bool = false;
}

impl ThreadState {
    pub fn new_float(&self, v: f64) -> Value {
        match crate::object::alloc(self, types().float, PyFloat { v }) {
            Ok(v) => v,
            Err(_) => std::process::abort(),
        }
    }
}

/// The float value of a float (or float subclass) object.
#[inline]
pub fn as_float(v: &Value) -> Option<f64> {
    v.downcast::<PyFloat>().map(|f| f.v)
}

/// A float operand from a float or an int (for mixed arithmetic).
fn to_f64_operand(ts: &ThreadState, v: &Value) -> PyResult<Option<f64>> {
    if let Some(f) = as_float(v) {
        return Ok(Some(f));
    }
    match as_int(v) {
        Some(i) => Ok(Some(int_to_f64(ts, i)?)),
        None => Ok(None),
    }
}

/// CPython's hash of a double.
pub fn hash_float(x: f64) -> i64 {
    const BITS: i32 = 61;
    const P: u64 = (1 << 61) - 1;
    if !x.is_finite() {
        if x.is_infinite() {
            return if x > 0.0 { 314159 } else { -314159 };
        }
        return 0;
    }
    let (mut m, mut e) = frexp(x);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut xh: u64 = 0;
    while m != 0.0 {
        xh = ((xh << 28) & P) | (xh >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        xh += y;
        if xh >= P {
            xh -= P;
        }
    }
    let e = if e >= 0 {
        e % BITS
    } else {
        BITS - 1 - ((-1 - e) % BITS)
    };
    xh = ((xh << e) & P) | (xh >> (BITS - e));
    let h = (xh as i64) * sign;
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

pub fn float_repr_str(x: f64) -> String {
    crate::text::dtoa::float_repr(x)
}

fn float_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let x = as_float(v).unwrap_or(0.0);
    Ok(ts.new_str(&float_repr_str(x)))
}

fn float_hash(_ts: &ThreadState, v: &Value) -> PyResult<i64> {
    Ok(hash_float(as_float(v).unwrap_or(0.0)))
}

fn py_floor_mod(x: f64, y: f64) -> f64 {
    let m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m + y
        } else {
            m
        }
    } else {
        0.0f64.copysign(y)
    }
}

fn py_floor_div(x: f64, y: f64) -> f64 {
    let m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 && ((y < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let fl = div.floor();
        if div - fl > 0.5 {
            fl + 1.0
        } else {
            fl
        }
    } else {
        0.0f64.copysign(x / y)
    }
}

pub fn float_pow(ts: &ThreadState, x: f64, y: f64) -> PyResult<Value> {
    if x == 0.0 && y < 0.0 {
        return Err(ts.zero_division_error("zero to a negative power"));
    }
    if x < 0.0 && y != y.floor() && y.is_finite() {
        // CPython returns a complex here.
        let (r, th) = (x.abs().powf(y), std::f64::consts::PI * y);
        return crate::objects::float::new_complex(ts, r * th.cos(), r * th.sin());
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(ts.overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(ts.new_float(r))
}

pub fn float_binop(ts: &ThreadState, x: f64, y: f64, op: BinOp) -> PyResult<Value> {
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y == 0.0 {
                return Err(ts.zero_division_error("division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(ts.zero_division_error("division by zero"));
            }
            py_floor_div(x, y)
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(ts.zero_division_error("division by zero"));
            }
            py_floor_mod(x, y)
        }
        BinOp::Pow => return float_pow(ts, x, y),
        _ => return Ok(not_implemented()),
    };
    Ok(ts.new_float(r))
}

fn float_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (to_f64_operand(ts, a)?, to_f64_operand(ts, b)?) else {
        return Ok(not_implemented());
    };
    float_binop(ts, x, y, op)
}

/// Exact comparison of a float with an int (CPython's `float_richcompare`).
pub fn cmp_float_int(x: f64, i: IntVal<'_>) -> Option<std::cmp::Ordering> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Less
        });
    }
    if let IntVal::Small(s) = i {
        if s.unsigned_abs() < (1 << 53) {
            return x.partial_cmp(&(s as f64));
        }
    }
    let b = i.to_big();
    let fl = x.floor();
    let fb = BigInt::from(fl as i128).clone();
    let fb = if fl.abs() < 1e38 {
        fb
    } else {
        float_to_bigint(fl)
    };
    match fb.cmp(&b) {
        std::cmp::Ordering::Equal => {
            if x > fl {
                Some(std::cmp::Ordering::Greater)
            } else {
                Some(std::cmp::Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

/// Exact integer value of an integral finite float.
pub fn float_to_bigint(x: f64) -> BigInt {
    if x.abs() < 9.2e18 {
        return BigInt::from(x as i64);
    }
    let (m, e) = frexp(x);
    let mant = (m * 2f64.powi(53)) as i64;
    let b = BigInt::from(mant);
    let sh = e - 53;
    if sh >= 0 {
        b << sh as usize
    } else {
        b >> (-sh) as usize
    }
}

fn float_richcompare(_ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let Some(x) = as_float(a) else {
        return Ok(not_implemented());
    };
    let ord = if let Some(y) = as_float(b) {
        x.partial_cmp(&y)
    } else if let Some(i) = as_int(b) {
        cmp_float_int(x, i)
    } else {
        return Ok(not_implemented());
    };
    Ok(py_bool(match ord {
        Some(o) => op.test(o),
        None => op == CmpOp::Ne,
    }))
}

fn float_bool(_ts: &ThreadState, v: &Value) -> PyResult<bool> {
    Ok(as_float(v).unwrap_or(0.0) != 0.0)
}

fn float_unary(ts: &ThreadState, v: &Value, op: UnaryOp) -> PyResult<Value> {
    let x = as_float(v).unwrap_or(0.0);
    Ok(ts.new_float(match op {
        UnaryOp::Neg => -x,
        UnaryOp::Pos => x,
        UnaryOp::Abs => x.abs(),
        UnaryOp::Invert => return Err(ts.type_error("bad operand type for unary ~: 'float'")),
    }))
}

/// `int(x)` of a float.
pub fn float_to_int(ts: &ThreadState, x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(ts.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(ts.overflow_error("cannot convert float infinity to integer"));
    }
    let t = x.trunc();
    if t.abs() < 4e18 {
        return Ok(ts.new_int(t as i64));
    }
    Ok(ts.new_bigint(float_to_bigint(t)))
}

fn float_int(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    float_to_int(ts, as_float(v).unwrap_or(0.0))
}

fn float_float(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    if v.class().is(types().float) {
        return Ok(v.clone());
    }
    Ok(ts.new_float(as_float(v).unwrap_or(0.0)))
}

fn float_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = crate::builtins::args::parse(ts, "float", args, kw, &[""], 0, 0)?;
    let x = match &a[0] {
        None => 0.0,
        Some(v) => crate::protocols::to_float(ts, v)?,
    };
    let ty = cls.as_type();
    if ty.is(types().float) {
        Ok(ts.new_float(x))
    } else {
        crate::object::alloc(ts, ty, PyFloat { v: x })
    }
}

fn self_f(ts: &ThreadState, v: &Value) -> PyResult<f64> {
    as_float(v).ok_or_else(|| ts.type_error("descriptor requires a 'float' object"))
}

fn float_is_integer(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let x = self_f(ts, s)?;
    Ok(py_bool(x.is_finite() && x.fract() == 0.0))
}

fn float_format(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [spec] = a.parse::<1>(ts, "__format__", &["format_spec"], 1)?;
    let spec = spec.expect("required");
    let spec = spec
        .downcast::<crate::objects::str::PyStr>()
        .ok_or_else(|| ts.type_error("format() argument 2 must be str"))?;
    let x = self_f(ts, s)?;
    if spec.is_empty() {
        return crate::protocols::str(ts, s);
    }
    let out = crate::text::format_num::format_float(x, &spec.to_cps(), &s.class().name())
        .map_err(|e| ts.format_error(e))?;
    Ok(ts.new_str_from_wtf8(&out))
}

fn float_round(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [nd] = a.parse::<1>(ts, "__round__", &["ndigits"], 0)?;
    let x = self_f(ts, s)?;
    match nd.filter(|n| !n.is_none()) {
        None => {
            let r = x.round();
            let r = if (x - x.trunc()).abs() == 0.5 {
                2.0 * (x / 2.0).round()
            } else {
                r
            };
            float_to_int(ts, r)
        }
        Some(n) => {
            let n = crate::protocols::index_i64(ts, &n)?;
            let r = crate::text::numtext::round_float(x, n).map_err(|e| ts.format_error(e))?;
            Ok(ts.new_float(r))
        }
    }
}

fn float_trunc(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    float_to_int(ts, self_f(ts, s)?)
}
fn float_floor(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    float_to_int(ts, self_f(ts, s)?.floor())
}
fn float_ceil(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    float_to_int(ts, self_f(ts, s)?.ceil())
}

fn float_as_integer_ratio(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let x = self_f(ts, s)?;
    if x.is_infinite() {
        return Err(ts.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if x.is_nan() {
        return Err(ts.value_error("cannot convert NaN to integer ratio"));
    }
    let (mut m, mut e) = frexp(x);
    for _ in 0..300 {
        if m == m.floor() {
            break;
        }
        m *= 2.0;
        e -= 1;
    }
    let mut num = float_to_bigint(m);
    let mut den = BigInt::from(1);
    if e > 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    let g = gcd(&num, &den);
    if !g.is_zero() {
        num /= &g;
        den /= &g;
    }
    Ok(ts.new_tuple(vec![ts.new_bigint(num), ts.new_bigint(den)]))
}

fn gcd(a: &BigInt, b: &BigInt) -> BigInt {
    use num_traits::Signed;
    let (mut a, mut b) = (a.abs(), b.abs());
    while !b.is_zero() {
        let t = &a % &b;
        a = b;
        b = t;
    }
    a
}

fn float_hex(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_str(&crate::text::numtext::float_hex(self_f(ts, s)?)))
}

fn float_fromhex(ts: &ThreadState, _cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "fromhex", &[""], 1)?;
    let s = s.expect("required");
    let s = s
        .downcast::<crate::objects::str::PyStr>()
        .ok_or_else(|| ts.type_error("must be str"))?;
    let x = crate::text::parse_float::float_fromhex(&s.to_cps()).map_err(|e| ts.format_error(e))?;
    Ok(ts.new_float(x))
}

fn getter_real(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_float(as_float(v).unwrap_or(0.0)))
}
fn getter_imag(ts: &ThreadState, _v: &Value) -> PyResult<Value> {
    Ok(ts.new_float(0.0))
}

fn float_conjugate(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_float(self_f(ts, s)?))
}

// --- complex (minimal) ---

pub fn new_complex(ts: &ThreadState, re: f64, im: f64) -> PyResult<Value> {
    crate::object::alloc(ts, types().complex, PyComplex { re, im })
}

fn complex_parts(ts: &ThreadState, v: &Value) -> PyResult<Option<(f64, f64)>> {
    if let Some(c) = v.downcast::<PyComplex>() {
        return Ok(Some((c.re, c.im)));
    }
    Ok(to_f64_operand(ts, v)?.map(|x| (x, 0.0)))
}

fn complex_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let (Some((ar, ai)), Some((br, bi))) = (complex_parts(ts, a)?, complex_parts(ts, b)?) else {
        return Ok(not_implemented());
    };
    let (r, i) = match op {
        BinOp::Add => (ar + br, ai + bi),
        BinOp::Sub => (ar - br, ai - bi),
        BinOp::Mul => (ar * br - ai * bi, ar * bi + ai * br),
        BinOp::TrueDiv => {
            let d = br * br + bi * bi;
            if d == 0.0 {
                return Err(ts.zero_division_error("division by zero"));
            }
            ((ar * br + ai * bi) / d, (ai * br - ar * bi) / d)
        }
        BinOp::Pow => {
            if bi == 0.0 && br == br.trunc() && br.abs() < 100.0 {
                let mut acc = (1.0, 0.0);
                let n = br.abs() as i32;
                for _ in 0..n {
                    acc = (acc.0 * ar - acc.1 * ai, acc.0 * ai + acc.1 * ar);
                }
                if br < 0.0 {
                    let d = acc.0 * acc.0 + acc.1 * acc.1;
                    (acc.0 / d, -acc.1 / d)
                } else {
                    acc
                }
            } else {
                let (r, th) = ((ar * ar + ai * ai).sqrt(), ai.atan2(ar));
                let lr = r.ln();
                let nr = (br * lr - bi * th).exp();
                let nth = bi * lr + br * th;
                (nr * nth.cos(), nr * nth.sin())
            }
        }
        _ => return Ok(not_implemented()),
    };
    new_complex(ts, r, i)
}

fn fmt_part(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e16 {
        format!("{}", x as i64)
    } else {
        float_repr_str(x)
    }
}

fn complex_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let c = v
        .downcast::<PyComplex>()
        .ok_or_else(|| ts.type_error("complex expected"))?;
    let im = fmt_part(c.im);
    if c.re == 0.0 && c.re.is_sign_positive() {
        return Ok(ts.new_str(&format!("{im}j")));
    }
    let re = fmt_part(c.re);
    let sign = if c.im < 0.0 || (c.im == 0.0 && c.im.is_sign_negative()) {
        ""
    } else {
        "+"
    };
    Ok(ts.new_str(&format!("({re}{sign}{im}j)")))
}

fn complex_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (complex_parts(ts, a)?, complex_parts(ts, b)?) else {
        return Ok(not_implemented());
    };
    match op {
        CmpOp::Eq => Ok(py_bool(x == y)),
        CmpOp::Ne => Ok(py_bool(x != y)),
        _ => Ok(not_implemented()),
    }
}

fn complex_hash(_ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let c = v
        .downcast::<PyComplex>()
        .map(|c| (c.re, c.im))
        .unwrap_or((0.0, 0.0));
    let h = hash_float(c.0).wrapping_add(1000003i64.wrapping_mul(hash_float(c.1)));
    Ok(if h == -1 { -2 } else { h })
}

fn complex_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = crate::builtins::args::parse(ts, "complex", args, kw, &["real", "imag"], 0, 0)?;
    if let Some(s) = a[0]
        .as_ref()
        .and_then(|v| v.downcast::<crate::objects::str::PyStr>())
    {
        let (r, i) =
            crate::text::parse_float::parse_complex(&s.to_cps()).map_err(|e| ts.format_error(e))?;
        return new_complex(ts, r, i);
    }
    let (r1, i1) = match &a[0] {
        Some(v) => complex_parts(ts, v)?.ok_or_else(|| {
            ts.type_error(format!(
                "complex() first argument must be a string or a number, not '{}'",
                v.class().name()
            ))
        })?,
        None => (0.0, 0.0),
    };
    let (r2, i2) = match &a[1] {
        Some(v) => complex_parts(ts, v)?.ok_or_else(|| {
            ts.type_error(format!(
                "complex() second argument must be a number, not '{}'",
                v.class().name()
            ))
        })?,
        None => (0.0, 0.0),
    };
    new_complex(ts, r1 - i2, i1 + r2)
}

fn complex_real(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_float(v.downcast::<PyComplex>().map_or(0.0, |c| c.re)))
}
fn complex_imag(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_float(v.downcast::<PyComplex>().map_or(0.0, |c| c.im)))
}
fn complex_abs(ts: &ThreadState, v: &Value, op: UnaryOp) -> PyResult<Value> {
    let c = v
        .downcast::<PyComplex>()
        .map(|c| (c.re, c.im))
        .unwrap_or((0.0, 0.0));
    match op {
        UnaryOp::Abs => Ok(ts.new_float(c.0.hypot(c.1))),
        UnaryOp::Neg => new_complex(ts, -c.0, -c.1),
        UnaryOp::Pos => new_complex(ts, c.0, c.1),
        UnaryOp::Invert => Err(ts.type_error("bad operand type for unary ~: 'complex'")),
    }
}
fn complex_bool(_ts: &ThreadState, v: &Value) -> PyResult<bool> {
    Ok(v.downcast::<PyComplex>()
        .is_some_and(|c| c.re != 0.0 || c.im != 0.0))
}
fn complex_conjugate(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let c = s
        .downcast::<PyComplex>()
        .map(|c| (c.re, c.im))
        .unwrap_or((0.0, 0.0));
    new_complex(ts, c.0, -c.1)
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_classmethod, add_getset, add_method};
    let t = types().float;
    let s = &t.slots;
    s.binary.set(Some(float_binary));
    s.richcompare.set(Some(float_richcompare));
    s.hash.set(Some(float_hash));
    s.repr.set(Some(float_repr));
    s.bool.set(Some(float_bool));
    s.unary.set(Some(float_unary));
    s.int.set(Some(float_int));
    s.float.set(Some(float_float));
    s.new.set(Some(float_new));
    add_method(ts, t, "is_integer", float_is_integer);
    add_method(ts, t, "__format__", float_format);
    add_method(ts, t, "__round__", float_round);
    add_method(ts, t, "__trunc__", float_trunc);
    add_method(ts, t, "__floor__", float_floor);
    add_method(ts, t, "__ceil__", float_ceil);
    add_method(ts, t, "as_integer_ratio", float_as_integer_ratio);
    add_method(ts, t, "hex", float_hex);
    add_method(ts, t, "conjugate", float_conjugate);
    add_classmethod(ts, t, "fromhex", float_fromhex);
    add_getset(ts, t, "real", getter_real, None);
    add_getset(ts, t, "imag", getter_imag, None);
    let c = types().complex;
    c.slots.binary.set(Some(complex_binary));
    c.slots.repr.set(Some(complex_repr));
    c.slots.richcompare.set(Some(complex_richcompare));
    c.slots.hash.set(Some(complex_hash));
    c.slots.new.set(Some(complex_new));
    c.slots.unary.set(Some(complex_abs));
    c.slots.bool.set(Some(complex_bool));
    add_getset(ts, c, "real", complex_real, None);
    add_getset(ts, c, "imag", complex_imag, None);
    add_method(ts, c, "conjugate", complex_conjugate);
    let _ = BigInt::zero().to_i64();
}
