//! `int` and `bool`: inline small ints (in the `Value` word) and heap ints (`PyInt`, a BigInt
//! outside the inline range, DESIGN: int-canonical). `bool` shares the layout: `True`/`False`
//! are `PyInt`s with value 1/0 whose type is `bool`.
//!
//! Arithmetic on two inline ints is checked `i64` arithmetic; overflow goes to num-bigint and
//! the result is normalized back to inline when it fits.

use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::slots::{BinOp, CmpOp, UnaryOp};
use crate::runtime::{not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use num_bigint::{BigInt, Sign};
use num_traits::{One, Signed, ToPrimitive, Zero};

/// A heap int (or a bool).
pub struct PyInt {
    pub v: BigInt,
}

impl PyPayload for PyInt {
    const GC: bool = false;
}

/// An int operand, borrowed.
#[derive(Clone, Copy, Debug)]
pub enum IntVal<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntVal<'_> {
    pub fn to_big(self) -> BigInt {
        match self {
            IntVal::Small(i) => BigInt::from(i),
            IntVal::Big(b) => b.clone(),
        }
    }
    pub fn to_i64(self) -> Option<i64> {
        match self {
            IntVal::Small(i) => Some(i),
            IntVal::Big(b) => b.to_i64(),
        }
    }
    pub fn is_zero(self) -> bool {
        match self {
            IntVal::Small(i) => i == 0,
            IntVal::Big(b) => b.is_zero(),
        }
    }
    pub fn is_negative(self) -> bool {
        match self {
            IntVal::Small(i) => i < 0,
            IntVal::Big(b) => b.is_negative(),
        }
    }
    pub fn as_text_ref(&self) -> crate::text::format_num::IntRef<'_> {
        match self {
            IntVal::Small(i) => crate::text::format_num::IntRef::Small(*i),
            IntVal::Big(b) => crate::text::format_num::IntRef::Big(b),
        }
    }
}

/// The int value of `v` if it is an int (inline, heap, bool or an int subclass instance).
#[inline]
pub fn as_int(v: &Value) -> Option<IntVal<'_>> {
    if let Some(i) = v.as_inline_int() {
        return Some(IntVal::Small(i));
    }
    let p = v.downcast::<PyInt>()?;
    Some(match p.v.to_i64() {
        Some(i)
            if v.class().is(types().bool)
                || !(Value::INLINE_MIN..=Value::INLINE_MAX).contains(&i) =>
        {
            IntVal::Small(i)
        }
        Some(i) => IntVal::Small(i),
        None => IntVal::Big(&p.v),
    })
}

/// `v` as an `i64`, if it is an int that fits.
pub fn as_i64(v: &Value) -> Option<i64> {
    as_int(v).and_then(|i| i.to_i64())
}

impl ThreadState {
    #[inline]
    pub fn new_int(&self, i: i64) -> Value {
        match Value::try_inline_int(i) {
            Some(v) => v,
            None => self.new_bigint_raw(BigInt::from(i)),
        }
    }

    /// A new int from a BigInt (inline when it fits).
    pub fn new_bigint(&self, b: BigInt) -> Value {
        if let Some(i) = b.to_i64() {
            if let Some(v) = Value::try_inline_int(i) {
                return v;
            }
        }
        self.new_bigint_raw(b)
    }

    fn new_bigint_raw(&self, b: BigInt) -> Value {
        match crate::object::alloc(self, types().int, PyInt { v: b }) {
            Ok(v) => v,
            Err(_) => std::process::abort(),
        }
    }

    pub fn new_usize(&self, u: usize) -> Value {
        match i64::try_from(u) {
            Ok(i) => self.new_int(i),
            Err(_) => self.new_bigint(BigInt::from(u)),
        }
    }
}

/// An instance of an int subclass (`class C(int)`) holding `b`.
pub fn new_int_of_type(
    ts: &ThreadState,
    ty: &crate::objects::typeobj::PyType,
    b: BigInt,
) -> PyResult<Value> {
    if ty.is(types().int) {
        return Ok(ts.new_bigint(b));
    }
    crate::object::alloc(ts, ty, PyInt { v: b })
}

/// True or False (bootstrap only; afterwards use `py_bool`).
pub fn new_bool_obj(ts: &ThreadState, b: bool) -> Value {
    crate::object::alloc(
        ts,
        types().bool,
        PyInt {
            v: BigInt::from(u8::from(b)),
        },
    )
    .expect("bootstrap allocation")
}

/// Hash of an int (CPython: value mod 2**61 - 1, sign kept, -1 → -2).
pub fn hash_int(i: IntVal<'_>) -> i64 {
    const P: i64 = (1 << 61) - 1;
    let h = match i {
        IntVal::Small(x) => {
            let m = (x.unsigned_abs() % P as u64) as i64;
            if x < 0 {
                -m
            } else {
                m
            }
        }
        IntVal::Big(b) => {
            let m = (b.abs() % BigInt::from(P)).to_i64().unwrap_or(0);
            if b.is_negative() {
                -m
            } else {
                m
            }
        }
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

fn floor_div_i64(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

fn floor_mod_i64(a: i64, b: i64) -> Option<i64> {
    let r = a.checked_rem(b)?;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some(r + b)
    } else {
        Some(r)
    }
}

fn big_floor_divmod(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    use num_integer_ext::DivModFloor;
    a.div_mod_floor_ext(b)
}

mod num_integer_ext {
    use num_bigint::BigInt;
    use num_traits::{Signed, Zero};
    pub trait DivModFloor {
        fn div_mod_floor_ext(&self, b: &BigInt) -> (BigInt, BigInt);
    }
    impl DivModFloor for BigInt {
        fn div_mod_floor_ext(&self, b: &BigInt) -> (BigInt, BigInt) {
            let q = self / b;
            let r = self - &q * b;
            if !r.is_zero() && (r.is_negative() != b.is_negative()) {
                (q - 1, r + b)
            } else {
                (q, r)
            }
        }
    }
}

/// Integer power by squaring (exponent >= 0).
fn big_pow(base: &BigInt, mut e: u64) -> BigInt {
    let mut result = BigInt::one();
    let mut b = base.clone();
    while e > 0 {
        if e & 1 == 1 {
            result *= &b;
        }
        e >>= 1;
        if e > 0 {
            b = &b * &b;
        }
    }
    result
}

/// `a op b` for two ints. Errors are Python's.
pub fn int_binop(ts: &ThreadState, a: IntVal<'_>, b: IntVal<'_>, op: BinOp) -> PyResult<Value> {
    if let (IntVal::Small(x), IntVal::Small(y)) = (a, b) {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::FloorDiv => {
                if y == 0 {
                    return Err(ts.zero_division_error("division by zero"));
                }
                floor_div_i64(x, y)
            }
            BinOp::Mod => {
                if y == 0 {
                    return Err(ts.zero_division_error("division by zero"));
                }
                floor_mod_i64(x, y)
            }
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            BinOp::Lshift => {
                if y < 0 {
                    return Err(ts.value_error("negative shift count"));
                }
                if y < 63 && x.unsigned_abs().leading_zeros() as i64 > y + 1 {
                    Some(x << y)
                } else {
                    None
                }
            }
            BinOp::Rshift => {
                if y < 0 {
                    return Err(ts.value_error("negative shift count"));
                }
                Some(if y >= 64 {
                    if x < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    x >> y
                })
            }
            BinOp::TrueDiv => {
                if y == 0 {
                    return Err(ts.zero_division_error("division by zero"));
                }
                if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                    return Ok(ts.new_float(x as f64 / y as f64));
                }
                None
            }
            BinOp::Pow => {
                if y < 0 {
                    if x == 0 {
                        return Err(ts.zero_division_error("zero to a negative power"));
                    }
                    return Ok(ts.new_float((x as f64).powf(y as f64)));
                }
                u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
            }
            BinOp::MatMul => return Ok(not_implemented()),
        };
        if let Some(r) = r {
            return Ok(ts.new_int(r));
        }
    }
    let (x, y) = (a.to_big(), b.to_big());
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Err(ts.zero_division_error("division by zero"));
            }
            big_floor_divmod(&x, &y).0
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Err(ts.zero_division_error("division by zero"));
            }
            big_floor_divmod(&x, &y).1
        }
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::Lshift => {
            if y.is_negative() {
                return Err(ts.value_error("negative shift count"));
            }
            let s = y
                .to_usize()
                .ok_or_else(|| ts.overflow_error("too many digits in integer"))?;
            x << s
        }
        BinOp::Rshift => {
            if y.is_negative() {
                return Err(ts.value_error("negative shift count"));
            }
            match y.to_usize() {
                Some(s) => x >> s,
                None => {
                    if x.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                }
            }
        }
        BinOp::TrueDiv => {
            if y.is_zero() {
                return Err(ts.zero_division_error("division by zero"));
            }
            return big_truediv(ts, &x, &y);
        }
        BinOp::Pow => {
            if y.is_negative() {
                let xf = big_to_f64(ts, &x)?;
                let yf = big_to_f64(ts, &y)?;
                if xf == 0.0 {
                    return Err(ts.zero_division_error("zero to a negative power"));
                }
                return Ok(ts.new_float(xf.powf(yf)));
            }
            let e = y
                .to_u64()
                .ok_or_else(|| ts.overflow_error("exponent too large"))?;
            if x.abs() > BigInt::one() && e > 100_000_000 {
                return Err(ts.memory_error());
            }
            big_pow(&x, e)
        }
        BinOp::MatMul => return Ok(not_implemented()),
    };
    Ok(ts.new_bigint(r))
}

fn big_truediv(ts: &ThreadState, x: &BigInt, y: &BigInt) -> PyResult<Value> {
    // Exact when both fit in 53 bits; otherwise divide with enough extra precision.
    if let (Some(a), Some(b)) = (x.to_f64(), y.to_f64()) {
        if a.abs() < 9007199254740992.0 && b.abs() < 9007199254740992.0 {
            return Ok(ts.new_float(a / b));
        }
    }
    let neg = x.is_negative() != y.is_negative();
    let (xa, ya) = (x.abs(), y.abs());
    let shift = 64i64 + ya.bits() as i64 - xa.bits() as i64;
    let (n, d) = if shift > 0 {
        (xa << shift as usize, ya)
    } else {
        (xa, ya << (-shift) as usize)
    };
    // The quotient has 64 or 65 bits; a sticky low bit for a non-zero remainder makes the one
    // rounding to 53 bits correct (a truncated quotient can round a true non-tie as a tie).
    let q = &n / &d;
    let inexact = !(&n % &d).is_zero();
    let q = q.to_u128().unwrap_or(u128::MAX) | u128::from(inexact);
    let f = ldexp(q as f64, -shift);
    if f.is_infinite() {
        return Err(ts.overflow_error("integer division result too large for a float"));
    }
    Ok(ts.new_float(if neg { -f } else { f }))
}

/// `x * 2**e`, exact while the result is a normal float (split so that neither factor
/// overflows or underflows on its own).
fn ldexp(x: f64, e: i64) -> f64 {
    let e = e.clamp(-2200, 2200) as i32;
    let half = e / 2;
    x * 2f64.powi(half) * 2f64.powi(e - half)
}

/// `float(i)`, OverflowError when too large.
pub fn big_to_f64(ts: &ThreadState, b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(ts.overflow_error("int too large to convert to float")),
    }
}

pub fn int_to_f64(ts: &ThreadState, i: IntVal<'_>) -> PyResult<f64> {
    match i {
        IntVal::Small(x) => Ok(x as f64),
        IntVal::Big(b) => big_to_f64(ts, b),
    }
}

pub fn int_cmp(a: IntVal<'_>, b: IntVal<'_>) -> std::cmp::Ordering {
    match (a, b) {
        (IntVal::Small(x), IntVal::Small(y)) => x.cmp(&y),
        _ => a.to_big().cmp(&b.to_big()),
    }
}

/// The `binary` slot of int (and bool, which overrides `&|^`).
pub fn int_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    match (as_int(a), as_int(b)) {
        (Some(x), Some(y)) => int_binop(ts, x, y, op),
        _ => Ok(not_implemented()),
    }
}

fn bool_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let t = types().bool;
    if matches!(op, BinOp::And | BinOp::Or | BinOp::Xor) && a.class().is(t) && b.class().is(t) {
        let (x, y) = (a.is_true_obj(), b.is_true_obj());
        return Ok(py_bool(match op {
            BinOp::And => x & y,
            BinOp::Or => x | y,
            _ => x ^ y,
        }));
    }
    int_binary(ts, a, b, op)
}

fn int_richcompare(_ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    match (as_int(a), as_int(b)) {
        (Some(x), Some(y)) => Ok(py_bool(op.test(int_cmp(x, y)))),
        _ => Ok(not_implemented()),
    }
}

fn int_hash(_ts: &ThreadState, v: &Value) -> PyResult<i64> {
    Ok(as_int(v).map(hash_int).unwrap_or(0))
}

/// Decimal text of an int.
pub fn int_to_string(i: IntVal<'_>) -> String {
    match i {
        IntVal::Small(x) => x.to_string(),
        IntVal::Big(b) => b.to_string(),
    }
}

fn int_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let i = as_int(v).ok_or_else(|| ts.type_error("expected int"))?;
    if let IntVal::Big(b) = i {
        let limit = ts.rt.sys_state.int_max_str_digits();
        let s = crate::text::parse_int::int_to_decimal(b, limit).map_err(|e| ts.format_error(e))?;
        return Ok(ts.new_str(&s));
    }
    Ok(ts.new_str(&int_to_string(i)))
}

fn bool_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_str(if v.is_true_obj() { "True" } else { "False" }))
}

fn int_bool(_ts: &ThreadState, v: &Value) -> PyResult<bool> {
    Ok(!as_int(v).is_none_or(|i| i.is_zero()))
}

fn int_unary(ts: &ThreadState, v: &Value, op: UnaryOp) -> PyResult<Value> {
    let i = as_int(v).ok_or_else(|| ts.type_error("expected int"))?;
    if let IntVal::Small(x) = i {
        let r = match op {
            UnaryOp::Neg => x.checked_neg(),
            UnaryOp::Pos => Some(x),
            UnaryOp::Invert => Some(!x),
            UnaryOp::Abs => x.checked_abs(),
        };
        if let Some(r) = r {
            return Ok(ts.new_int(r));
        }
    }
    let b = i.to_big();
    Ok(ts.new_bigint(match op {
        UnaryOp::Neg => -b,
        UnaryOp::Pos => b,
        UnaryOp::Invert => -b - 1,
        UnaryOp::Abs => b.abs(),
    }))
}

/// `int(v)` of an int-like value that is exactly an int already (or a subclass/bool).
fn int_index(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    if v.is_inline_int() || v.class().is(types().int) {
        return Ok(v.clone());
    }
    let i = as_int(v).ok_or_else(|| ts.type_error("expected int"))?;
    Ok(ts.new_bigint(i.to_big()))
}

fn int_float(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let i = as_int(v).ok_or_else(|| ts.type_error("expected int"))?;
    Ok(ts.new_float(int_to_f64(ts, i)?))
}

/// `int(x=0, base=10)`.
fn int_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&crate::objects::tuple::PyTuple>,
) -> PyResult<Value> {
    let a = crate::builtins::args::parse(
        ts,
        "int",
        args,
        kw,
        &["", "base"],
        0,
        crate::builtins::args::VECTORCALL,
    )?;
    let ty = cls.as_type();
    let b = match (&a[0], &a[1]) {
        (None, None) => BigInt::zero(),
        (None, Some(_)) => return Err(ts.type_error("int() missing string argument")),
        (Some(x), None) => crate::protocols::number_to_int(ts, x)?,
        (Some(x), Some(base)) => {
            let base = crate::protocols::index_i64(ts, base)?;
            if base != 0 && !(2..=36).contains(&base) {
                return Err(ts.value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            let lim = ts.rt.sys_state.int_max_str_digits();
            if let Some(s) = x.downcast::<crate::objects::str::PyStr>() {
                crate::text::parse_int::parse_int(&s.to_cps(), base, lim)
                    .map_err(|e| ts.format_error(e))?
            } else if let Some(bs) = crate::objects::bytes::bytes_data(x) {
                crate::text::parse_int::parse_int_bytes(&bs, base, lim)
                    .map_err(|e| ts.format_error(e))?
            } else {
                return Err(ts.type_error("int() can't convert non-string with explicit base"));
            }
        }
    };
    new_int_of_type(ts, ty, b)
}

fn bool_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&crate::objects::tuple::PyTuple>,
) -> PyResult<Value> {
    if kw.is_some_and(|k| !k.is_empty()) {
        return Err(ts.type_error("bool() takes no keyword arguments"));
    }
    match args {
        [] => Ok(py_bool(false)),
        [x] => Ok(py_bool(crate::protocols::is_true(ts, x)?)),
        _ => Err(ts.type_error(format!(
            "bool expected at most 1 argument, got {}",
            args.len()
        ))),
    }
}

use crate::builtins::args::MethodArgs;

fn self_int<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<IntVal<'a>> {
    as_int(v).ok_or_else(|| ts.type_error("descriptor requires an 'int' object"))
}

fn int_bit_length(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let i = self_int(ts, s)?;
    Ok(ts.new_int(match i {
        IntVal::Small(x) => (64 - x.unsigned_abs().leading_zeros()) as i64,
        IntVal::Big(b) => b.bits() as i64,
    }))
}

fn int_bit_count(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let i = self_int(ts, s)?;
    Ok(ts.new_int(match i {
        IntVal::Small(x) => x.unsigned_abs().count_ones() as i64,
        IntVal::Big(b) => b.magnitude().count_ones() as i64,
    }))
}

fn int_conjugate(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    int_index(ts, s)
}

fn int_is_integer(_ts: &ThreadState, _s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(true))
}

fn int_format(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [spec] = a.parse::<1>(ts, "__format__", &["format_spec"], 1)?;
    let spec = spec.expect("required");
    let spec = spec
        .downcast::<crate::objects::str::PyStr>()
        .ok_or_else(|| ts.type_error("format() argument 2 must be str"))?;
    let i = self_int(ts, s)?;
    if spec.is_empty() {
        return crate::protocols::str(ts, s);
    }
    let tn = s.class().name();
    let out = crate::text::format_num::format_int(i.as_text_ref(), &spec.to_cps(), &tn)
        .map_err(|e| ts.format_error(e))?;
    Ok(ts.new_str_from_wtf8(&out))
}

fn int_to_bytes(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [length, order, signed] =
        a.parse::<3>(ts, "to_bytes", &["length", "byteorder", "*signed"], 0)?;
    let len = match length {
        Some(l) => crate::protocols::index_i64(ts, &l)?,
        None => 1,
    };
    if len < 0 {
        return Err(ts.value_error("length argument must be non-negative"));
    }
    let little = match order {
        Some(o) => match crate::objects::str::str_lossy(&o).as_str() {
            "little" => true,
            "big" => false,
            _ => return Err(ts.value_error("byteorder must be either 'little' or 'big'")),
        },
        None => false,
    };
    let signed = match signed {
        Some(v) => crate::protocols::is_true(ts, &v)?,
        None => false,
    };
    let b = self_int(ts, s)?.to_big();
    if !signed && b.is_negative() {
        return Err(ts.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        b.to_signed_bytes_le()
    } else {
        b.to_bytes_le().1
    };
    if bytes.len() == 1 && bytes[0] == 0 && len == 0 && b.is_zero() {
        bytes.clear();
    }
    if bytes.len() > len as usize {
        return Err(ts.overflow_error("int too big to convert"));
    }
    let fill = if signed && b.is_negative() { 0xFF } else { 0 };
    bytes.resize(len as usize, fill);
    if !little {
        bytes.reverse();
    }
    Ok(crate::objects::bytes::new_bytes(ts, bytes))
}

fn int_from_bytes(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, order, signed] =
        a.parse::<3>(ts, "from_bytes", &["bytes", "byteorder", "*signed"], 1)?;
    let data = crate::objects::bytes::bytes_from_object(ts, &data.expect("required"))?;
    let little = match order {
        Some(o) => match crate::objects::str::str_lossy(&o).as_str() {
            "little" => true,
            "big" => false,
            _ => return Err(ts.value_error("byteorder must be either 'little' or 'big'")),
        },
        None => false,
    };
    let signed = match signed {
        Some(v) => crate::protocols::is_true(ts, &v)?,
        None => false,
    };
    let b = match (little, signed) {
        (true, true) => BigInt::from_signed_bytes_le(&data),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, &data),
        (false, true) => BigInt::from_signed_bytes_be(&data),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, &data),
    };
    new_int_of_type(ts, cls.as_type(), b)
}

fn int_as_integer_ratio(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let v = int_index(ts, s)?;
    Ok(ts.new_tuple(vec![v, ts.new_int(1)]))
}

fn int_round(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [nd] = a.parse::<1>(ts, "__round__", &["ndigits"], 0)?;
    let i = self_int(ts, s)?;
    let Some(nd) = nd.filter(|n| !n.is_none()) else {
        return int_index(ts, s);
    };
    let n = crate::protocols::index_i64(ts, &nd)?;
    if n >= 0 {
        return int_index(ts, s);
    }
    let p = big_pow(&BigInt::from(10), n.unsigned_abs());
    let x = i.to_big();
    let (q, r) = big_floor_divmod(&x, &p);
    let twice = &r * 2;
    let q = if twice > p || (twice == p && (&q % 2) != BigInt::zero()) {
        q + 1
    } else {
        q
    };
    Ok(ts.new_bigint(q * p))
}

fn getter_self(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    int_index(ts, v)
}
fn getter_zero(ts: &ThreadState, _v: &Value) -> PyResult<Value> {
    Ok(ts.new_int(0))
}
fn getter_one(ts: &ThreadState, _v: &Value) -> PyResult<Value> {
    Ok(ts.new_int(1))
}

fn int_divmod(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "__divmod__", &[""], 1)?;
    Ok(
        crate::builtins::numeric_divmod(ts, s, &o.expect("required"))?
            .unwrap_or_else(not_implemented),
    )
}

fn int_rdivmod(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "__rdivmod__", &[""], 1)?;
    Ok(
        crate::builtins::numeric_divmod(ts, &o.expect("required"), s)?
            .unwrap_or_else(not_implemented),
    )
}

/// `int.__pow__(exp, mod=None)`: the slot wrapper would take one argument only.
fn int_pow_method(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [e, m] = a.parse::<2>(ts, "__pow__", &["", ""], 1)?;
    let e = e.unwrap_or_else(crate::runtime::none);
    match m.filter(|m| !m.is_none()) {
        None => int_binary(ts, s, &e, BinOp::Pow),
        Some(m) => match (as_int(s), as_int(&e), as_int(&m)) {
            (Some(b), Some(e), Some(m)) => {
                crate::builtins::int_pow_mod(ts, &b.to_big(), &e.to_big(), &m.to_big())
            }
            _ => Ok(crate::runtime::not_implemented()),
        },
    }
}

pub fn init(ts: &ThreadState) {
    let t = types().int;
    let s = &t.slots;
    s.binary.set(Some(int_binary));
    crate::objects::descr::add_method(ts, t, "__pow__", int_pow_method);
    s.richcompare.set(Some(int_richcompare));
    s.hash.set(Some(int_hash));
    s.repr.set(Some(int_repr));
    s.bool.set(Some(int_bool));
    s.unary.set(Some(int_unary));
    s.index.set(Some(int_index));
    s.int.set(Some(int_index));
    s.float.set(Some(int_float));
    s.new.set(Some(int_new));
    use crate::objects::descr::{add_classmethod, add_getset, add_method};
    add_method(ts, t, "bit_length", int_bit_length);
    add_method(ts, t, "__divmod__", int_divmod);
    add_method(ts, t, "__rdivmod__", int_rdivmod);
    add_method(ts, types().float, "__divmod__", int_divmod);
    add_method(ts, types().float, "__rdivmod__", int_rdivmod);
    add_method(ts, t, "bit_count", int_bit_count);
    add_method(ts, t, "conjugate", int_conjugate);
    add_method(ts, t, "is_integer", int_is_integer);
    add_method(ts, t, "__format__", int_format);
    add_method(ts, t, "to_bytes", int_to_bytes);
    add_method(ts, t, "as_integer_ratio", int_as_integer_ratio);
    add_method(ts, t, "__round__", int_round);
    add_method(ts, t, "__trunc__", int_conjugate);
    add_method(ts, t, "__floor__", int_conjugate);
    add_method(ts, t, "__ceil__", int_conjugate);
    add_classmethod(ts, t, "from_bytes", int_from_bytes);
    add_getset(ts, t, "real", getter_self, None);
    add_getset(ts, t, "imag", getter_zero, None);
    add_getset(ts, t, "numerator", getter_self, None);
    add_getset(ts, t, "denominator", getter_one, None);
    let b = types().bool;
    b.slots.repr.set(Some(bool_repr));
    b.slots.binary.set(Some(bool_binary));
    b.slots.new.set(Some(bool_new));
}
