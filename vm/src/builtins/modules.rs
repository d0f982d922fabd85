//! Native modules built into the VM (`_thread`, `time`, `_weakref`, `gc`, a core of `math`),
//! and the registry through which the stdlib crate adds its own
//! ([`Runtime::register_native_module`]).

use super::args::MethodArgs;
use super::set;
use crate::errors::PyResult;
use crate::objects::dict::PyDict;
use crate::protocols;
use crate::runtime::{none, py_bool, Runtime};
use crate::thread_state::ThreadState;
use crate::value::Value;

/// Creates a native module's object.
pub type NativeInit = fn(&ThreadState) -> PyResult<Value>;

pub const BUILTIN_MODULES: &[&str] = &[
    "builtins",
    "sys",
    "_thread",
    "time",
    "_weakref",
    "gc",
    "math",
    "_imp",
    "_tracemalloc",
];

impl Runtime {
    /// Makes `import name` create the module with `init` (the stdlib crate's C-module ports).
    pub fn register_native_module(&self, name: &str, init: NativeInit) {
        if let Ok(mut m) = self.native_modules.lock() {
            m.insert(name.to_string(), init);
        }
    }
}

/// A new module named `name` with these functions.
pub fn new_native_module(
    ts: &ThreadState,
    name: &str,
    fns: &[(&str, super::BuiltinFn)],
) -> PyResult<(Value, Value)> {
    let m = crate::objects::module::new_module(ts, name)?;
    let d = m
        .downcast::<crate::objects::module::PyModule>()
        .expect("module")
        .dict
        .clone();
    if let Some(dd) = d.downcast::<PyDict>() {
        for (n, f) in fns {
            // Bound to the module, as CPython's: `__module__` names it (pickle's
            // `whichmodule` finds `_codecs.encode` through it) and `__self__` is it.
            let b = crate::objects::builtin_func::PyBuiltinFunction {
                name: ts.intern(n),
                kind: crate::objects::builtin_func::BuiltinKind::Free(*f, Some(m.clone())),
            };
            let v = crate::object::alloc(ts, crate::runtime::types().builtin_function, b)?;
            dd.set_str(ts, n, v);
        }
    }
    Ok((m, d))
}

/// The native module `name`, created now, if there is one.
pub fn create_native(ts: &ThreadState, name: &str) -> Option<PyResult<Value>> {
    let reg = ts
        .rt
        .native_modules
        .lock()
        .ok()
        .and_then(|m| m.get(name).copied());
    if let Some(init) = reg {
        return Some(init(ts));
    }
    Some(match name {
        "_thread" => super::thread::create(ts),
        "time" => time_module(ts),
        "_weakref" => crate::objects::weakref::module(ts),
        "gc" => super::gc_module::module(ts),
        "_tracemalloc" => super::gc_module::tracemalloc_module(ts),
        "math" => math_module(ts),
        _ => return None,
    })
}

// --- time ---

fn now_f64() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

fn t_time(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_float(now_f64()))
}

fn t_time_ns(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    let ns = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    Ok(ts.new_bigint(num_bigint::BigInt::from(ns)))
}

fn monotonic_ns() -> u128 {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_nanos()
        + 1_000_000_000
}

fn t_monotonic(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_float(monotonic_ns() as f64 / 1e9))
}

fn t_monotonic_ns(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_bigint(num_bigint::BigInt::from(monotonic_ns())))
}

/// CPU time of a POSIX clock, in seconds.
fn cpu_clock(id: i32) -> f64 {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clk: i32, tp: *mut Timespec) -> i32;
    }
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `t` is a valid out-pointer for the duration of the call.
    let r = unsafe { clock_gettime(id, &mut t) };
    if r != 0 {
        return 0.0;
    }
    t.sec as f64 + t.nsec as f64 / 1e9
}

/// CLOCK_PROCESS_CPUTIME_ID / CLOCK_THREAD_CPUTIME_ID on Linux.
const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

fn t_process_time(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_float(cpu_clock(CLOCK_PROCESS_CPUTIME_ID)))
}

fn t_thread_time(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_float(cpu_clock(CLOCK_THREAD_CPUTIME_ID)))
}

fn t_sleep(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "sleep", &[""], 1)?;
    let secs = crate::builtins::thread::check_timeout(
        ts,
        protocols::to_float(ts, &s.expect("required"))?,
    )?;
    if secs < 0.0 {
        return Err(ts.value_error("sleep length must be non-negative"));
    }
    ts.detached(|| std::thread::sleep(std::time::Duration::from_secs_f64(secs)));
    Ok(none())
}

fn time_module(ts: &ThreadState) -> PyResult<Value> {
    let (m, _) = new_native_module(
        ts,
        "time",
        &[
            ("time", t_time),
            ("time_ns", t_time_ns),
            ("monotonic", t_monotonic),
            ("monotonic_ns", t_monotonic_ns),
            ("perf_counter", t_monotonic),
            ("perf_counter_ns", t_monotonic_ns),
            ("process_time", t_process_time),
            ("thread_time", t_thread_time),
            ("sleep", t_sleep),
        ],
    )?;
    Ok(m)
}

// --- math (the core; the stdlib crate may replace it) ---

/// `x` as a float for a math function (CPython's PyFloat_AsDouble): a str is no number here.
fn real(ts: &ThreadState, x: &Value) -> PyResult<f64> {
    let ty = x.class();
    if crate::objects::float::as_float(x).is_none()
        && crate::objects::int::as_int(x).is_none()
        && !ty.slots.float.is_set()
        && !ty.slots.index.is_set()
    {
        return Err(ts.type_error(format!("must be real number, not {}", ty.name())));
    }
    protocols::to_float(ts, x)
}

fn f1(ts: &ThreadState, a: &MethodArgs<'_>, name: &str) -> PyResult<f64> {
    let [x] = a.parse::<1>(ts, name, &[""], 1)?;
    real(ts, &x.expect("required"))
}

fn domain(ts: &ThreadState, r: f64) -> PyResult<Value> {
    if r.is_nan() {
        return Err(ts.value_error("math domain error"));
    }
    Ok(ts.new_float(r))
}

fn m_sqrt(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "sqrt")?;
    if x < 0.0 {
        return Err(ts.value_error(
            "expected a nonnegative input, got ".to_string()
                + &crate::objects::float::float_repr_str(x),
        ));
    }
    Ok(ts.new_float(x.sqrt()))
}
fn m_exp(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "exp")?;
    let r = x.exp();
    if r.is_infinite() && x.is_finite() {
        return Err(ts.overflow_error("math range error"));
    }
    Ok(ts.new_float(r))
}
fn m_log(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, base] = a.parse::<2>(ts, "log", &["", ""], 1)?;
    let x = x.expect("required");
    let lx = if let Some(i) = crate::objects::int::as_int(&x) {
        let b = i.to_big();
        if b.sign() != num_bigint::Sign::Plus {
            return Err(ts.value_error("expected a positive input"));
        }
        let bits = b.bits();
        if bits > 1000 {
            let shift = bits - 60;
            let top = num_traits::ToPrimitive::to_f64(&(&b >> shift)).unwrap_or(1.0);
            top.ln() + shift as f64 * std::f64::consts::LN_2
        } else {
            num_traits::ToPrimitive::to_f64(&b).unwrap_or(0.0).ln()
        }
    } else {
        let f = real(ts, &x)?;
        if f <= 0.0 {
            return Err(ts.value_error("expected a positive input"));
        }
        f.ln()
    };
    match base {
        Some(b) => {
            let bf = real(ts, &b)?;
            if bf <= 0.0 {
                return Err(ts.value_error("expected a positive input"));
            }
            Ok(ts.new_float(lx / bf.ln()))
        }
        None => Ok(ts.new_float(lx)),
    }
}
fn m_log2(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "log2")?;
    if x <= 0.0 {
        return Err(ts.value_error("expected a positive input"));
    }
    Ok(ts.new_float(x.log2()))
}
fn m_log10(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "log10")?;
    if x <= 0.0 {
        return Err(ts.value_error("expected a positive input"));
    }
    Ok(ts.new_float(x.log10()))
}
macro_rules! unary_math {
    ($name:ident, $py:literal, $f:expr) => {
        fn $name(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
            let x = f1(ts, &a, $py)?;
            let f: fn(f64) -> f64 = $f;
            domain(ts, f(x))
        }
    };
}
/// A math function whose NaN result for a non-NaN input raises ValueError with 3.14's
/// message: `"{expected}, got {x!r}"`.
macro_rules! unary_math_domain {
    ($name:ident, $py:literal, $f:expr, $expected:literal) => {
        fn $name(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
            let x = f1(ts, &a, $py)?;
            let f: fn(f64) -> f64 = $f;
            let r = f(x);
            if r.is_nan() && !x.is_nan() {
                return Err(ts.value_error(format!(
                    "{}, got {}",
                    $expected,
                    crate::objects::float::float_repr_str(x)
                )));
            }
            Ok(ts.new_float(r))
        }
    };
}
unary_math_domain!(m_sin, "sin", f64::sin, "expected a finite input");
unary_math_domain!(m_cos, "cos", f64::cos, "expected a finite input");
unary_math_domain!(m_tan, "tan", f64::tan, "expected a finite input");
unary_math!(m_atan, "atan", f64::atan);
unary_math_domain!(
    m_asin,
    "asin",
    f64::asin,
    "expected a number in range from -1 up to 1"
);
unary_math_domain!(
    m_acos,
    "acos",
    f64::acos,
    "expected a number in range from -1 up to 1"
);
unary_math!(m_fabs, "fabs", f64::abs);
unary_math!(m_sinh, "sinh", f64::sinh);
unary_math!(m_cosh, "cosh", f64::cosh);
unary_math!(m_tanh, "tanh", f64::tanh);

fn m_atan2(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [y, x] = a.parse::<2>(ts, "atan2", &["", ""], 2)?;
    let (y, x) = (
        real(ts, &y.expect("required"))?,
        real(ts, &x.expect("required"))?,
    );
    Ok(ts.new_float(y.atan2(x)))
}
fn m_hypot(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let mut acc = 0.0f64;
    for v in a.positional() {
        let x = real(ts, v)?;
        acc = acc.hypot(x);
    }
    Ok(ts.new_float(acc))
}
fn m_pow(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y] = a.parse::<2>(ts, "pow", &["", ""], 2)?;
    let (x, y) = (
        real(ts, &x.expect("required"))?,
        real(ts, &y.expect("required"))?,
    );
    let r = x.powf(y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(ts.value_error("math domain error"));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        if x == 0.0 {
            return Err(ts.value_error("math domain error"));
        }
        return Err(ts.overflow_error("math range error"));
    }
    Ok(ts.new_float(r))
}
fn int_round(
    ts: &ThreadState,
    a: &MethodArgs<'_>,
    name: &str,
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, name, &[""], 1)?;
    let x = x.expect("required");
    if crate::objects::int::as_int(&x).is_some() {
        return protocols::index(ts, &x);
    }
    if !x.class().is(crate::runtime::types().float) {
        let dn = format!("__{name}__");
        if let Some(m) = x.class().lookup(ts, &ts.intern(&dn)) {
            return protocols::call_method_descr(ts, &m, &x, &[]);
        }
        if name == "trunc" {
            return Err(ts.type_error(format!(
                "type {} doesn't define __trunc__ method",
                x.class().name()
            )));
        }
    }
    let v = real(ts, &x)?;
    crate::objects::float::float_to_int(ts, f(v))
}
fn m_floor(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    int_round(ts, &a, "floor", f64::floor)
}
fn m_ceil(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    int_round(ts, &a, "ceil", f64::ceil)
}
fn m_trunc(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    int_round(ts, &a, "trunc", f64::trunc)
}
fn m_isnan(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(f1(ts, &a, "isnan")?.is_nan()))
}
fn m_isinf(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(f1(ts, &a, "isinf")?.is_infinite()))
}
fn m_isfinite(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(f1(ts, &a, "isfinite")?.is_finite()))
}
fn m_gcd(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    use num_traits::{Signed, Zero};
    let mut g = num_bigint::BigInt::zero();
    for v in a.positional() {
        let i = protocols::index(ts, v)?;
        let mut b = crate::objects::int::as_int(&i)
            .map(|x| x.to_big())
            .unwrap_or_default()
            .abs();
        let mut x = g.clone();
        while !b.is_zero() {
            let t = &x % &b;
            x = b;
            b = t;
        }
        g = x;
    }
    Ok(ts.new_bigint(g))
}
fn m_factorial(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "factorial", &[""], 1)?;
    let n = protocols::index_i64(ts, &x.expect("required"))?;
    if n < 0 {
        return Err(ts.value_error("factorial() not defined for negative values"));
    }
    let mut r = num_bigint::BigInt::from(1);
    for i in 2..=n {
        r *= i;
    }
    Ok(ts.new_bigint(r))
}
fn m_isqrt(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "isqrt", &[""], 1)?;
    let i = protocols::index(ts, &x.expect("required"))?;
    let b = crate::objects::int::as_int(&i)
        .map(|v| v.to_big())
        .unwrap_or_default();
    if b.sign() == num_bigint::Sign::Minus {
        return Err(ts.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(ts.new_bigint(b.sqrt()))
}
fn m_copysign(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y] = a.parse::<2>(ts, "copysign", &["", ""], 2)?;
    let (x, y) = (
        real(ts, &x.expect("required"))?,
        real(ts, &y.expect("required"))?,
    );
    Ok(ts.new_float(x.copysign(y)))
}
fn m_fsum(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [it] = a.parse::<1>(ts, "fsum", &[""], 1)?;
    // Shewchuk's exact partials (as CPython's msum).
    let mut partials: Vec<f64> = Vec::new();
    for v in protocols::collect(ts, &it.expect("required"))? {
        let mut x = real(ts, &v)?;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    Ok(ts.new_float(partials.iter().sum()))
}
fn m_degrees(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_float(f1(ts, &a, "degrees")?.to_degrees()))
}
fn m_radians(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_float(f1(ts, &a, "radians")?.to_radians()))
}
fn m_isclose(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y, rt, at] = a.parse::<4>(ts, "isclose", &["", "", "*rel_tol", "*abs_tol"], 2)?;
    let (x, y) = (
        real(ts, &x.expect("required"))?,
        real(ts, &y.expect("required"))?,
    );
    let rt = match rt {
        Some(v) => real(ts, &v)?,
        None => 1e-9,
    };
    let at = match at {
        Some(v) => real(ts, &v)?,
        None => 0.0,
    };
    if x == y {
        return Ok(py_bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(py_bool(false));
    }
    let d = (x - y).abs();
    Ok(py_bool(
        d <= (rt * y).abs() || d <= (rt * x).abs() || d <= at,
    ))
}
fn m_prod(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [it, start] = a.parse::<2>(ts, "prod", &["", "*start"], 1)?;
    let mut acc = start.unwrap_or_else(|| ts.new_int(1));
    for v in protocols::collect(ts, &it.expect("required"))? {
        acc = protocols::binary_op(ts, &acc, &v, crate::objects::slots::BinOp::Mul)?;
    }
    Ok(acc)
}

// The C library's special functions (glibc's libm, which std already links).
extern "C" {
    fn erf(x: f64) -> f64;
    fn erfc(x: f64) -> f64;
    fn remainder(x: f64, y: f64) -> f64;
    fn nextafter(x: f64, y: f64) -> f64;
    // glibc's cbrt under its _Float64 name: plain `cbrt` resolves to compiler-builtins'
    // copy inside the binary, whose results differ from the libm CPython calls.
    fn cbrtf64(x: f64) -> f64;
}

fn f2(ts: &ThreadState, a: &MethodArgs<'_>, name: &str) -> PyResult<(f64, f64)> {
    let [x, y] = a.parse::<2>(ts, name, &["", ""], 2)?;
    Ok((
        real(ts, &x.expect("required"))?,
        real(ts, &y.expect("required"))?,
    ))
}

/// `x` is a pole of the gamma function (0, a negative integer or -inf).
fn gamma_pole(ts: &ThreadState, x: f64) -> PyResult<()> {
    if x == f64::NEG_INFINITY || (x <= 0.0 && x == x.floor()) {
        return Err(ts.value_error(format!(
            "expected a noninteger or positive integer, got {}",
            crate::objects::float::float_repr_str(x)
        )));
    }
    Ok(())
}

/// A finite argument whose result overflowed.
fn range_checked(ts: &ThreadState, x: f64, r: f64) -> PyResult<Value> {
    if r.is_infinite() && x.is_finite() {
        return Err(ts.overflow_error("math range error"));
    }
    Ok(ts.new_float(r))
}

fn m_lgamma(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "lgamma")?;
    gamma_pole(ts, x)?;
    range_checked(ts, x, super::gamma::lgamma(x))
}
fn m_gamma(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "gamma")?;
    gamma_pole(ts, x)?;
    range_checked(ts, x, super::gamma::tgamma(x))
}
fn m_erf(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "erf")?;
    // SAFETY: erf is a pure libm function of a float.
    Ok(ts.new_float(unsafe { erf(x) }))
}
fn m_erfc(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "erfc")?;
    // SAFETY: erfc is a pure libm function of a float.
    Ok(ts.new_float(unsafe { erfc(x) }))
}
fn m_log1p(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "log1p")?;
    if x <= -1.0 {
        return Err(ts.value_error(format!(
            "expected argument value > -1, got {}",
            crate::objects::float::float_repr_str(x)
        )));
    }
    Ok(ts.new_float(x.ln_1p()))
}
fn m_expm1(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "expm1")?;
    range_checked(ts, x, x.exp_m1())
}
fn m_exp2(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "exp2")?;
    range_checked(ts, x, x.exp2())
}
fn m_cbrt(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "cbrt")?;
    // SAFETY: cbrt is a pure libm function of a float (CPython calls the same one).
    Ok(ts.new_float(unsafe { cbrtf64(x) }))
}
fn m_fmod(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (x, y) = f2(ts, &a, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(ts.new_float(x));
    }
    // Rust's `%` on floats is C's fmod.
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(ts.value_error("math domain error"));
    }
    Ok(ts.new_float(r))
}
fn m_remainder(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (x, y) = f2(ts, &a, "remainder")?;
    // SAFETY: remainder is a pure libm function of two floats.
    let r = unsafe { remainder(x, y) };
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(ts.value_error("math domain error"));
    }
    Ok(ts.new_float(r))
}
fn m_nextafter(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y, steps] = a.parse::<3>(ts, "nextafter", &["", "", "*steps"], 2)?;
    let (mut x, y) = (
        real(ts, &x.expect("required"))?,
        real(ts, &y.expect("required"))?,
    );
    let n = match steps.filter(|s| !s.is_none()) {
        Some(s) => protocols::index_i64_clamped(ts, &s)?,
        None => 1,
    };
    if n < 0 {
        return Err(ts.value_error("steps must be a non-negative integer"));
    }
    for _ in 0..n {
        // SAFETY: nextafter is a pure libm function of two floats.
        let nx = unsafe { nextafter(x, y) };
        if nx == x || nx.is_nan() {
            x = nx;
            break;
        }
        x = nx;
    }
    Ok(ts.new_float(x))
}
fn m_ulp(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "ulp")?.abs();
    if !x.is_finite() {
        return Ok(ts.new_float(x));
    }
    // SAFETY: nextafter is a pure libm function of two floats.
    let up = unsafe { nextafter(x, f64::INFINITY) };
    if up.is_infinite() {
        // SAFETY: as above.
        return Ok(ts.new_float(x - unsafe { nextafter(x, 0.0) }));
    }
    Ok(ts.new_float(up - x))
}
fn m_frexp(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "frexp")?;
    if x == 0.0 || !x.is_finite() {
        return Ok(ts.new_tuple(vec![ts.new_float(x), ts.new_int(0)]));
    }
    // Scale subnormals into the normal range first.
    let (y, adj) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64)
    } else {
        (x, 0)
    };
    let bits = y.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64 - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    Ok(ts.new_tuple(vec![ts.new_float(m), ts.new_int(e + adj)]))
}
fn m_ldexp(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, i] = a.parse::<2>(ts, "ldexp", &["", ""], 2)?;
    let x = real(ts, &x.expect("required"))?;
    let i = i.expect("required");
    if crate::objects::int::as_int(&i).is_none() {
        return Err(ts.type_error("Expected an int as second argument to ldexp."));
    }
    let e = protocols::index_i64_clamped(ts, &i)?.clamp(-5000, 5000) as i32;
    if x == 0.0 || !x.is_finite() {
        return Ok(ts.new_float(x));
    }
    // Two steps so that neither power of two overflows on its own.
    let h = e / 2;
    let r = x * 2f64.powi(h) * 2f64.powi(e - h);
    range_checked(ts, x, r)
}
fn m_modf(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = f1(ts, &a, "modf")?;
    let (frac, int) = if x.is_infinite() {
        (0f64.copysign(x), x)
    } else {
        (x.fract(), x.trunc())
    };
    Ok(ts.new_tuple(vec![ts.new_float(frac), ts.new_float(int)]))
}

fn nonneg_big(ts: &ThreadState, v: Option<Value>, what: &str) -> PyResult<num_bigint::BigInt> {
    let i = protocols::index(ts, &v.expect("required"))?;
    let b = crate::objects::int::as_int(&i)
        .map(|x| x.to_big())
        .unwrap_or_default();
    if b.sign() == num_bigint::Sign::Minus {
        return Err(ts.value_error(format!("{what} must be a non-negative integer")));
    }
    Ok(b)
}
/// n! / (n-k)!, and divided by k! for `comb`.
fn perm_comb(
    ts: &ThreadState,
    n: num_bigint::BigInt,
    k: num_bigint::BigInt,
    comb: bool,
) -> PyResult<Value> {
    use num_traits::ToPrimitive;
    if k > n {
        return Ok(ts.new_int(0));
    }
    let k = if comb { k.clone().min(&n - &k) } else { k };
    let k = k
        .to_u64()
        .ok_or_else(|| ts.overflow_error("min(n - k, k) must not exceed 9223372036854775807"))?;
    let mut r = num_bigint::BigInt::from(1);
    for j in 0..k {
        r *= &n - j;
        if comb {
            r /= j + 1;
        }
    }
    Ok(ts.new_bigint(r))
}
fn m_comb(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n, k] = a.parse::<2>(ts, "comb", &["", ""], 2)?;
    let n = nonneg_big(ts, n, "n")?;
    let k = nonneg_big(ts, k, "k")?;
    perm_comb(ts, n, k, true)
}
fn m_perm(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n, k] = a.parse::<2>(ts, "perm", &["", ""], 1)?;
    let n = nonneg_big(ts, n, "n")?;
    let k = match k.filter(|k| !k.is_none()) {
        Some(k) => nonneg_big(ts, Some(k), "k")?,
        None => n.clone(),
    };
    perm_comb(ts, n, k, false)
}
fn m_lcm(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    use num_traits::{Signed, Zero};
    let mut l = num_bigint::BigInt::from(1);
    for v in a.positional() {
        let i = protocols::index(ts, v)?;
        let b = crate::objects::int::as_int(&i)
            .map(|x| x.to_big())
            .unwrap_or_default()
            .abs();
        if b.is_zero() || l.is_zero() {
            l = num_bigint::BigInt::zero();
            continue;
        }
        let (mut x, mut y) = (l.clone(), b.clone());
        while !y.is_zero() {
            let t = &x % &y;
            x = y;
            y = t;
        }
        l = &l / &x * &b;
    }
    Ok(ts.new_bigint(l))
}
fn m_dist(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [p, q] = a.parse::<2>(ts, "dist", &["", ""], 2)?;
    let (p, q) = (p.expect("required"), q.expect("required"));
    let (p, q) = (protocols::collect(ts, &p)?, protocols::collect(ts, &q)?);
    if p.len() != q.len() {
        return Err(ts.value_error("both points must have the same number of dimensions"));
    }
    let mut acc = 0.0f64;
    for (x, y) in p.iter().zip(&q) {
        let d = real(ts, x)? - real(ts, y)?;
        acc = acc.hypot(d);
    }
    Ok(ts.new_float(acc))
}

/// `sumprod(p, q)`: exact for ints; floats are summed left to right (CPython keeps extra
/// precision there, so float results may differ in the last bit).
fn m_sumprod(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    use crate::objects::slots::BinOp;
    let [p, q] = a.parse::<2>(ts, "sumprod", &["", ""], 2)?;
    let p = protocols::collect(ts, &p.expect("required"))?;
    let q = protocols::collect(ts, &q.expect("required"))?;
    if p.len() != q.len() {
        return Err(ts.value_error("Inputs are not the same length"));
    }
    let mut acc = ts.new_int(0);
    for (x, y) in p.iter().zip(&q) {
        let m = protocols::binary_op(ts, x, y, BinOp::Mul)?;
        acc = protocols::binary_op(ts, &acc, &m, BinOp::Add)?;
    }
    Ok(acc)
}
fn m_fma(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y, z] = a.parse::<3>(ts, "fma", &["", "", ""], 3)?;
    let x = real(ts, &x.expect("required"))?;
    let y = real(ts, &y.expect("required"))?;
    let z = real(ts, &z.expect("required"))?;
    let r = x.mul_add(y, z);
    if r.is_nan() && !x.is_nan() && !y.is_nan() && !z.is_nan() {
        return Err(ts.value_error("invalid operation in fma"));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() && z.is_finite() {
        return Err(ts.overflow_error("overflow in fma"));
    }
    Ok(ts.new_float(r))
}

fn math_module(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(
        ts,
        "math",
        &[
            ("sqrt", m_sqrt),
            ("exp", m_exp),
            ("log", m_log),
            ("log2", m_log2),
            ("log10", m_log10),
            ("sin", m_sin),
            ("cos", m_cos),
            ("tan", m_tan),
            ("asin", m_asin),
            ("acos", m_acos),
            ("atan", m_atan),
            ("atan2", m_atan2),
            ("sinh", m_sinh),
            ("cosh", m_cosh),
            ("tanh", m_tanh),
            ("fabs", m_fabs),
            ("hypot", m_hypot),
            ("pow", m_pow),
            ("floor", m_floor),
            ("ceil", m_ceil),
            ("trunc", m_trunc),
            ("isnan", m_isnan),
            ("isinf", m_isinf),
            ("isfinite", m_isfinite),
            ("gcd", m_gcd),
            ("factorial", m_factorial),
            ("isqrt", m_isqrt),
            ("copysign", m_copysign),
            ("fsum", m_fsum),
            ("degrees", m_degrees),
            ("radians", m_radians),
            ("isclose", m_isclose),
            ("prod", m_prod),
            ("lgamma", m_lgamma),
            ("gamma", m_gamma),
            ("erf", m_erf),
            ("erfc", m_erfc),
            ("log1p", m_log1p),
            ("expm1", m_expm1),
            ("exp2", m_exp2),
            ("cbrt", m_cbrt),
            ("fmod", m_fmod),
            ("remainder", m_remainder),
            ("nextafter", m_nextafter),
            ("ulp", m_ulp),
            ("frexp", m_frexp),
            ("ldexp", m_ldexp),
            ("modf", m_modf),
            ("comb", m_comb),
            ("perm", m_perm),
            ("lcm", m_lcm),
            ("dist", m_dist),
            ("sumprod", m_sumprod),
            ("fma", m_fma),
        ],
    )?;
    if let Some(dd) = d.downcast::<PyDict>() {
        set(ts, dd, "pi", ts.new_float(std::f64::consts::PI));
        set(ts, dd, "e", ts.new_float(std::f64::consts::E));
        set(ts, dd, "tau", ts.new_float(std::f64::consts::TAU));
        set(ts, dd, "inf", ts.new_float(f64::INFINITY));
        set(ts, dd, "nan", ts.new_float(f64::NAN));
    }
    Ok(m)
}
