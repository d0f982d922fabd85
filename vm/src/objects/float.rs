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

/// `float.__getformat__(typestr)`: the storage format of C `double`/`float` (test.support
/// reads it at import).
fn float_getformat(ts: &ThreadState, _cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [t] = a.parse::<1>(ts, "__getformat__", &[""], 1)?;
    let t = t.expect("required");
    let Some(t) = t.downcast::<crate::objects::str::PyStr>() else {
        return Err(ts.type_error(format!(
            "__getformat__() argument must be str, not {}",
            t.class().name()
        )));
    };
    match t.as_str() {
        Some("double" | "float") => Ok(ts.new_str(if cfg!(target_endian = "little") {
            "IEEE, little-endian"
        } else {
            "IEEE, big-endian"
        })),
        _ => Err(ts.value_error("__getformat__() argument 1 must be 'double' or 'float'")),
    }
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

// --- complex ---

pub fn new_complex(ts: &ThreadState, re: f64, im: f64) -> PyResult<Value> {
    crate::object::alloc(ts, types().complex, PyComplex { re, im })
}

fn complex_self(ts: &ThreadState, v: &Value) -> PyResult<(f64, f64)> {
    v.downcast::<PyComplex>()
        .map(|c| (c.re, c.im))
        .ok_or_else(|| {
            ts.type_error(format!(
                "descriptor requires a 'complex' object but received a '{}'",
                v.class().name()
            ))
        })
}

/// An operand of complex arithmetic: a complex, or a real number (CPython 3.14 does
/// mixed-mode arithmetic: a real operand is not promoted to `complex(x, 0)`).
enum Operand {
    Complex(f64, f64),
    Real(f64),
}

fn operand(ts: &ThreadState, v: &Value) -> PyResult<Option<Operand>> {
    if let Some(c) = v.downcast::<PyComplex>() {
        return Ok(Some(Operand::Complex(c.re, c.im)));
    }
    Ok(to_f64_operand(ts, v)?.map(Operand::Real))
}

/// `a / b` by Smith's method; `None` when `b` is zero.
fn c_quot(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abr, abi) = (b.0.abs(), b.1.abs());
    if abr >= abi {
        if abr == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abi >= abr {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn c_prod(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `a ** b` (CPython's `complex_pow`): repeated squaring for small integral real
/// exponents, the polar formula otherwise. `Err(true)`: zero to a negative or complex
/// power; `Err(false)`: overflow.
fn c_pow(a: (f64, f64), b: (f64, f64)) -> Result<(f64, f64), bool> {
    let p = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        let powu = |mut n: u64| {
            let (mut r, mut p) = ((1.0, 0.0), a);
            while n > 0 {
                if n & 1 == 1 {
                    r = c_prod(r, p);
                }
                n >>= 1;
                if n > 0 {
                    p = c_prod(p, p);
                }
            }
            r
        };
        if n >= 0 {
            powu(n as u64)
        } else {
            c_quot((1.0, 0.0), powu(n.unsigned_abs())).ok_or(true)?
        }
    } else if b == (0.0, 0.0) {
        (1.0, 0.0)
    } else if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(true);
        }
        (0.0, 0.0)
    } else {
        let vabs = a.0.hypot(a.1);
        let mut len = vabs.powf(b.0);
        let at = a.1.atan2(a.0);
        let mut phase = at * b.0;
        if b.1 != 0.0 {
            len /= (at * b.1).exp();
            phase += b.1 * vabs.ln();
        }
        (len * phase.cos(), len * phase.sin())
    };
    if p.0.is_infinite() || p.1.is_infinite() {
        return Err(false);
    }
    Ok(p)
}

fn complex_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (operand(ts, a)?, operand(ts, b)?) else {
        return Ok(not_implemented());
    };
    use Operand::{Complex as C, Real as R};
    let zero = || ts.zero_division_error("division by zero");
    let (r, i) = match (op, x, y) {
        (BinOp::Add, C(a, b), C(c, d)) => (a + c, b + d),
        (BinOp::Add, C(a, b), R(c)) | (BinOp::Add, R(c), C(a, b)) => (a + c, b),
        (BinOp::Sub, C(a, b), C(c, d)) => (a - c, b - d),
        (BinOp::Sub, C(a, b), R(c)) => (a - c, b),
        (BinOp::Sub, R(a), C(c, d)) => (a - c, -d),
        (BinOp::Mul, C(a, b), C(c, d)) => c_prod((a, b), (c, d)),
        (BinOp::Mul, C(a, b), R(c)) | (BinOp::Mul, R(c), C(a, b)) => (a * c, b * c),
        (BinOp::TrueDiv, C(a, b), C(c, d)) => c_quot((a, b), (c, d)).ok_or_else(zero)?,
        (BinOp::TrueDiv, C(a, b), R(c)) => {
            if c == 0.0 {
                return Err(zero());
            }
            (a / c, b / c)
        }
        (BinOp::TrueDiv, R(a), C(c, d)) => c_quot((a, 0.0), (c, d)).ok_or_else(zero)?,
        (BinOp::Pow, x, y) => {
            let parts = |o: Operand| match o {
                C(a, b) => (a, b),
                R(a) => (a, 0.0),
            };
            match c_pow(parts(x), parts(y)) {
                Ok(p) => p,
                Err(true) => {
                    return Err(ts.zero_division_error("zero to a negative or complex power"))
                }
                Err(false) => return Err(ts.overflow_error("complex exponentiation")),
            }
        }
        _ => return Ok(not_implemented()),
    };
    new_complex(ts, r, i)
}

fn complex_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let (re, im) = complex_self(ts, v)?;
    let out = crate::text::format_num::format_complex(re, im, &[], "complex")
        .map_err(|e| ts.format_error(e))?;
    Ok(ts.new_str_from_wtf8(&out))
}

fn complex_format(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [spec] = a.parse::<1>(ts, "__format__", &[""], 1)?;
    let spec = spec.unwrap_or_else(crate::runtime::none);
    let spec = spec
        .downcast::<crate::objects::str::PyStr>()
        .ok_or_else(|| {
            ts.type_error(format!(
                "__format__() argument must be str, not {}",
                spec.class().name()
            ))
        })?;
    let (re, im) = complex_self(ts, s)?;
    if spec.is_empty() {
        return crate::protocols::str(ts, s);
    }
    let out = crate::text::format_num::format_complex(re, im, &spec.to_cps(), "complex")
        .map_err(|e| ts.format_error(e))?;
    Ok(ts.new_str_from_wtf8(&out))
}

fn complex_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(not_implemented());
    }
    let Some((ar, ai)) = a.downcast::<PyComplex>().map(|c| (c.re, c.im)) else {
        return Ok(not_implemented());
    };
    let eq = if let Some(c) = b.downcast::<PyComplex>() {
        ar == c.re && ai == c.im
    } else if let Some(i) = as_int(b) {
        // Exact: compare the real part with the int as float_richcompare does.
        ai == 0.0
            && crate::protocols::rich_compare_bool(
                ts,
                &ts.new_float(ar),
                &ts.new_bigint(i.to_big()),
                CmpOp::Eq,
            )?
    } else if let Some(f) = as_float(b) {
        ai == 0.0 && ar == f
    } else {
        return Ok(not_implemented());
    };
    Ok(py_bool(eq == (op == CmpOp::Eq)))
}

fn complex_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let (re, im) = complex_self(ts, v)?;
    let h = hash_float(re).wrapping_add(1000003i64.wrapping_mul(hash_float(im)));
    Ok(if h == -1 { -2 } else { h })
}

/// A real number's value for `complex()`/`from_number` (`__float__`, `__index__`).
fn real_part(ts: &ThreadState, v: &Value) -> PyResult<Option<f64>> {
    if let Some(f) = to_f64_operand(ts, v)? {
        return Ok(Some(f));
    }
    let ty = v.class();
    if v.downcast::<crate::objects::str::PyStr>().is_none()
        && (ty.slots.float.is_set() || ty.slots.index.is_set())
    {
        return Ok(Some(crate::protocols::to_float(ts, v)?));
    }
    Ok(None)
}

/// `x.__complex__()` if its type defines it: the value, checked to be a complex.
fn complex_special(ts: &ThreadState, v: &Value) -> PyResult<Option<(f64, f64)>> {
    let Some(f) = v.class().lookup_str(ts, "__complex__") else {
        return Ok(None);
    };
    let r = crate::protocols::call_method_descr(ts, &f, v, &[])?;
    match r.downcast::<PyComplex>() {
        Some(c) => Ok(Some((c.re, c.im))),
        None => Err(ts.type_error(format!(
            "__complex__ returned non-complex (type {})",
            r.class().name()
        ))),
    }
}

fn alloc_complex(ts: &ThreadState, cls: &Value, re: f64, im: f64) -> PyResult<Value> {
    let ty = cls.as_type();
    if ty.is(types().complex) {
        return new_complex(ts, re, im);
    }
    crate::object::alloc(ts, ty, PyComplex { re, im })
}

fn complex_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = crate::builtins::args::parse(ts, "complex", args, kw, &["real", "imag"], 0, 0)?;
    let (r, i) = (&a[0], &a[1]);
    if let Some(s) = r
        .as_ref()
        .and_then(|v| v.downcast::<crate::objects::str::PyStr>())
    {
        if i.is_none() {
            let (re, im) = crate::text::parse_float::parse_complex(&s.to_cps())
                .map_err(|e| ts.format_error(e))?;
            return alloc_complex(ts, cls, re, im);
        }
    }
    // CPython's complex_new_impl: `cr`/`ci` with flags for which were complex.
    let (mut cr, cr_complex) = match r {
        None => ((0.0, 0.0), false),
        Some(v) => match complex_special(ts, v)? {
            Some(c) => (c, true),
            None => match v.downcast::<PyComplex>() {
                Some(c) => ((c.re, c.im), true),
                None => match real_part(ts, v)? {
                    Some(x) => ((x, 0.0), false),
                    None if i.is_some() => {
                        return Err(ts.type_error(format!(
                            "complex() argument 'real' must be a real number, not {}",
                            v.class().name()
                        )))
                    }
                    None => {
                        return Err(ts.type_error(format!(
                            "complex() argument must be a string or a number, not {}",
                            v.class().name()
                        )))
                    }
                },
            },
        },
    };
    let (mut ci, ci_complex) = match i {
        None => ((if cr_complex { cr.1 } else { 0.0 }, 0.0), false),
        Some(v) => match v.downcast::<PyComplex>() {
            Some(c) => ((c.re, c.im), true),
            None => match real_part(ts, v)? {
                Some(x) => ((x, 0.0), false),
                None => {
                    return Err(ts.type_error(format!(
                        "complex() argument 'imag' must be a real number, not {}",
                        v.class().name()
                    )))
                }
            },
        },
    };
    if ci_complex {
        cr.0 -= ci.1;
    }
    if cr_complex && i.is_some() {
        ci.0 += cr.1;
    }
    alloc_complex(ts, cls, cr.0, ci.0)
}

fn complex_from_number(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "from_number", &[""], 1)?;
    let x = x.unwrap_or_else(crate::runtime::none);
    let (re, im) = if let Some(c) = complex_special(ts, &x)? {
        c
    } else if let Some(c) = x.downcast::<PyComplex>() {
        (c.re, c.im)
    } else if let Some(f) = real_part(ts, &x)? {
        (f, 0.0)
    } else {
        return Err(ts.type_error(format!("must be real number, not {}", x.class().name())));
    };
    if cls.as_type().is(types().complex) {
        return new_complex(ts, re, im);
    }
    let v = new_complex(ts, re, im)?;
    crate::protocols::call(ts, cls, &[v], None)
}

fn float_from_number(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "from_number", &[""], 1)?;
    let x = x.unwrap_or_else(crate::runtime::none);
    let Some(f) = real_part(ts, &x)? else {
        return Err(ts.type_error(format!("must be real number, not {}", x.class().name())));
    };
    if cls.as_type().is(types().float) {
        return Ok(ts.new_float(f));
    }
    crate::protocols::call(ts, cls, &[ts.new_float(f)], None)
}

fn complex_real(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_float(complex_self(ts, v)?.0))
}
fn complex_imag(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_float(complex_self(ts, v)?.1))
}
fn complex_abs(ts: &ThreadState, v: &Value, op: UnaryOp) -> PyResult<Value> {
    let c = complex_self(ts, v)?;
    match op {
        UnaryOp::Abs => {
            let r = c.0.hypot(c.1);
            if r.is_infinite() && c.0.is_finite() && c.1.is_finite() {
                return Err(ts.overflow_error("absolute value too large"));
            }
            Ok(ts.new_float(r))
        }
        UnaryOp::Neg => new_complex(ts, -c.0, -c.1),
        UnaryOp::Pos => new_complex(ts, c.0, c.1),
        UnaryOp::Invert => Err(ts.type_error("bad operand type for unary ~: 'complex'")),
    }
}
fn complex_bool(ts: &ThreadState, v: &Value) -> PyResult<bool> {
    let c = complex_self(ts, v)?;
    Ok(c.0 != 0.0 || c.1 != 0.0)
}
fn complex_conjugate(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let c = complex_self(ts, s)?;
    new_complex(ts, c.0, -c.1)
}
fn complex_complex(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let c = complex_self(ts, s)?;
    if s.class().is(types().complex) {
        return Ok(s.clone());
    }
    new_complex(ts, c.0, c.1)
}
fn complex_getnewargs(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let c = complex_self(ts, s)?;
    Ok(ts.new_tuple(vec![ts.new_float(c.0), ts.new_float(c.1)]))
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
    add_classmethod(ts, t, "__getformat__", float_getformat);
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
    add_method(ts, c, "__complex__", complex_complex);
    add_method(ts, c, "__getnewargs__", complex_getnewargs);
    add_method(ts, c, "__format__", complex_format);
    add_classmethod(ts, c, "from_number", complex_from_number);
    add_classmethod(ts, t, "from_number", float_from_number);
    let _ = BigInt::zero().to_i64();
}
