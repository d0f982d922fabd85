//! The abstract object protocols (CPython's `Objects/abstract.c` and `object.c`): attribute
//! access, calls, operators, comparison, truth, hashing, iteration, sequences and mappings,
//! conversions, `repr`/`str`. Everything dispatches through type slots; nothing here knows a
//! concrete type except for fast paths that give the same result.

use crate::errors::{PyErr, PyResult};
use crate::objects::dict::PyDict;
use crate::objects::float::PyFloat;
use crate::objects::int::{as_int, IntVal};
use crate::objects::slots::{BinOp, CmpOp, UnaryOp};
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::runtime::{names, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

// --- attributes ---

pub fn get_attr(ts: &ThreadState, obj: &Value, name: &Value) -> PyResult<Value> {
    let ty = obj.class();
    match ty.slots.getattro.get() {
        Some(f) => f(ts, obj, name),
        None => Err(ts.attribute_error_no_attr(obj, name)),
    }
}

/// `getattr(obj, name, None)` without creating the AttributeError when it is absent (for the
/// common slots; other AttributeErrors are swallowed).
pub fn get_attr_opt(ts: &ThreadState, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    let ty = obj.class();
    let f = ty.slots.getattro.get();
    if f.is_some_and(|f| {
        std::ptr::fn_addr_eq(
            f,
            crate::objects::object_type::generic_getattr as crate::objects::slots::GetattroFn,
        )
    }) {
        return crate::objects::object_type::generic_getattr_opt(ts, obj, name);
    }
    if obj.is_type()
        && f.is_some_and(|f| {
            std::ptr::fn_addr_eq(f, types().type_.slots.getattro.get().unwrap_or(f))
        })
    {
        // A getset on the metatype may raise AttributeError (`type.__abstractmethods__`).
        return match crate::objects::object_type::type_getattro_opt(ts, obj, name) {
            Err(e) if e.matches(types().exc.attribute_error) => Ok(None),
            r => r,
        };
    }
    match get_attr(ts, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(types().exc.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn get_attr_str(ts: &ThreadState, obj: &Value, name: &str) -> PyResult<Value> {
    get_attr(ts, obj, &ts.intern(name))
}

pub fn set_attr(ts: &ThreadState, obj: &Value, name: &Value, v: Value) -> PyResult<()> {
    match obj.class().slots.setattro.get() {
        Some(f) => f(ts, obj, name, Some(v)),
        None => Err(ts.type_error(format!(
            "'{}' object has no attributes (assign to .{})",
            obj.class().name(),
            crate::objects::str::str_lossy(name)
        ))),
    }
}

pub fn del_attr(ts: &ThreadState, obj: &Value, name: &Value) -> PyResult<()> {
    match obj.class().slots.setattro.get() {
        Some(f) => f(ts, obj, name, None),
        None => Err(ts.type_error(format!(
            "'{}' object has no attributes (del .{})",
            obj.class().name(),
            crate::objects::str::str_lossy(name)
        ))),
    }
}

/// `obj.name(*args)`.
pub fn call_method(ts: &ThreadState, obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let f = get_attr(ts, obj, &ts.intern(name))?;
    call(ts, &f, args, None)
}

// --- calls ---

/// `callable(*args)` with the last `len(kwnames)` args as keywords.
pub fn call(
    ts: &ThreadState,
    callable: &Value,
    args: &[Value],
    kwnames: Option<&PyTuple>,
) -> PyResult<Value> {
    let _depth = ts.enter_native_call(" while calling a Python object")?;
    match callable.class().slots.call.get() {
        Some(f) => f(ts, callable, args, kwnames),
        None => Err(ts.type_error(format!(
            "'{}' object is not callable",
            callable.class().name()
        ))),
    }
}

/// Calls an attribute found on the type (`descr`) as a method of `obj`: functions get `obj`
/// prepended without a bound-method object; other descriptors are bound first.
pub fn call_method_descr(
    ts: &ThreadState,
    descr: &Value,
    obj: &Value,
    args: &[Value],
) -> PyResult<Value> {
    let dt = descr.class();
    if dt.is(types().function) || dt.is(types().method_descr) || dt.is(types().slot_wrapper) {
        let mut v = Vec::with_capacity(args.len() + 1);
        v.push(obj.clone());
        v.extend_from_slice(args);
        return call(ts, descr, &v, None);
    }
    let bound = match dt.slots.descr_get.get() {
        Some(get) => get(ts, descr, Some(obj), &obj.class().to_value())?,
        None => descr.clone(),
    };
    call(ts, &bound, args, None)
}

/// Calls a type attribute with `args` that already start with `obj` (used by dispatchers that
/// received keyword arguments).
pub fn call_unbound(
    ts: &ThreadState,
    descr: &Value,
    obj: &Value,
    args_with_self: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let dt = descr.class();
    if dt.is(types().function) || dt.is(types().method_descr) || dt.is(types().slot_wrapper) {
        return call(ts, descr, args_with_self, kw);
    }
    let bound = match dt.slots.descr_get.get() {
        Some(get) => get(ts, descr, Some(obj), &obj.class().to_value())?,
        None => descr.clone(),
    };
    call(ts, &bound, &args_with_self[1..], kw)
}

pub fn is_callable(v: &Value) -> bool {
    v.class().slots.call.is_set()
}

// --- truth, hash, comparison ---

pub fn is_true(ts: &ThreadState, v: &Value) -> PyResult<bool> {
    if v.is_true_obj() {
        return Ok(true);
    }
    if v.is_false_obj() || v.is_none() {
        return Ok(false);
    }
    if let Some(i) = v.as_inline_int() {
        return Ok(i != 0);
    }
    let ty = v.class();
    if let Some(b) = ty.slots.bool.get() {
        return b(ts, v);
    }
    if let Some(l) = ty.slots.len.get() {
        return Ok(l(ts, v)? != 0);
    }
    Ok(true)
}

pub fn hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    if let Some(i) = v.as_inline_int() {
        return Ok(crate::objects::int::hash_int(IntVal::Small(i)));
    }
    let ty = v.class();
    if ty.is(types().str) {
        // SAFETY: exact str.
        return Ok(unsafe { v.payload_unchecked::<PyStr>() }.hash());
    }
    match ty.slots.hash.get() {
        Some(h) => h(ts, v),
        None => Err(ts.type_error(format!("unhashable type: '{}'", ty.name()))),
    }
}

/// `a op b` (CPython's `do_richcompare`).
pub fn rich_compare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    if let (Some(x), Some(y)) = (a.as_inline_int(), b.as_inline_int()) {
        return Ok(py_bool(op.test(x.cmp(&y))));
    }
    let _depth = ts.enter_native_call(" in comparison")?;
    let (ta, tb) = (a.class(), b.class());
    let mut checked_reverse = false;
    if !ta.is(tb) && tb.is_subtype(ta) {
        if let Some(f) = tb.slots.richcompare.get() {
            checked_reverse = true;
            let r = f(ts, b, a, op.swapped())?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    }
    if let Some(f) = ta.slots.richcompare.get() {
        let r = f(ts, a, b, op)?;
        if !r.is_not_implemented() {
            return Ok(r);
        }
    }
    if !checked_reverse {
        if let Some(f) = tb.slots.richcompare.get() {
            let r = f(ts, b, a, op.swapped())?;
            if !r.is_not_implemented() {
                return Ok(r);
            }
        }
    }
    match op {
        CmpOp::Eq => Ok(py_bool(a.is(b))),
        CmpOp::Ne => Ok(py_bool(!a.is(b))),
        _ => Err(ts.type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            ta.name(),
            tb.name()
        ))),
    }
}

pub fn rich_compare_bool(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<bool> {
    let r = rich_compare(ts, a, b, op)?;
    is_true(ts, &r)
}

/// `a == b` as a bool.
pub fn eq(ts: &ThreadState, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = crate::objects::dict::fast_eq(a, b) {
        return Ok(r);
    }
    rich_compare_bool(ts, a, b, CmpOp::Eq)
}

/// Identity implies equality (containers' `PyObject_RichCompareBool`).
pub fn eq_identity_first(ts: &ThreadState, a: &Value, b: &Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    eq(ts, a, b)
}

pub fn lt_bool(ts: &ThreadState, a: &Value, b: &Value) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (a.as_inline_int(), b.as_inline_int()) {
        return Ok(x < y);
    }
    if let (Some(x), Some(y)) = (a.downcast::<PyStr>(), b.downcast::<PyStr>()) {
        if a.class().is(types().str) && b.class().is(types().str) {
            return Ok(x.cmp_str(y) == std::cmp::Ordering::Less);
        }
    }
    rich_compare_bool(ts, a, b, CmpOp::Lt)
}

// --- operators ---

fn binop_error(ts: &ThreadState, a: &Value, b: &Value, sym: &str) -> PyErr {
    ts.type_error(format!(
        "unsupported operand type(s) for {sym}: '{}' and '{}'",
        a.class().name(),
        b.class().name()
    ))
}

fn binary_op1(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let (ta, tb) = (a.class(), b.class());
    let sa = ta.slots.binary.get();
    let mut sb = if ta.is(tb) {
        None
    } else {
        tb.slots.binary.get()
    };
    if let (Some(x), Some(y)) = (sa, sb) {
        if std::ptr::fn_addr_eq(x, y) {
            sb = None;
        }
    }
    if let Some(fa) = sa {
        if let Some(fb) = sb {
            if tb.is_subtype(ta) {
                let r = fb(ts, a, b, op)?;
                if !r.is_not_implemented() {
                    return Ok(r);
                }
                sb = None;
            }
        }
        let r = fa(ts, a, b, op)?;
        if !r.is_not_implemented() {
            return Ok(r);
        }
    }
    if let Some(fb) = sb {
        let r = fb(ts, a, b, op)?;
        if !r.is_not_implemented() {
            return Ok(r);
        }
    }
    Ok(not_implemented())
}

/// `a op b`.
pub fn binary_op(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if let (Some(x), Some(y), true) = (a.as_inline_int(), b.as_inline_int(), op != BinOp::MatMul) {
        return crate::objects::int::int_binop(ts, IntVal::Small(x), IntVal::Small(y), op);
    }
    let _depth = ts.enter_native_call("")?;
    let r = binary_op1(ts, a, b, op)?;
    if !r.is_not_implemented() {
        return Ok(r);
    }
    if op == BinOp::Mod && a.downcast::<PyStr>().is_some() {
        return crate::objects::str_methods::str_mod(ts, a, b);
    }
    if op == BinOp::Mul || op == BinOp::Add {
        // Sequence repetition/concatenation by a non-sequence operand: CPython's messages.
        if op == BinOp::Mul && (a.downcast::<PyStr>().is_some() || b.downcast::<PyStr>().is_some())
        {
            let other = if a.downcast::<PyStr>().is_some() {
                b
            } else {
                a
            };
            if !other.class().slots.index.is_set() {
                return Err(ts.type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    other.class().name()
                )));
            }
        }
        if op == BinOp::Add && a.downcast::<PyStr>().is_some() && b.downcast::<PyStr>().is_none() {
            return Err(ts.type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                b.class().name()
            )));
        }
        if op == BinOp::Add
            && crate::objects::bytes::bytes_data(a).is_some()
            && crate::objects::bytes::bytes_data(b).is_none()
        {
            return Err(ts.type_error(format!(
                "can't concat {} to {}",
                b.class().name(),
                a.class().name()
            )));
        }
        if op == BinOp::Add && a.downcast::<crate::objects::list::PyList>().is_some() {
            return Err(ts.type_error(format!(
                "can only concatenate list (not \"{}\") to list",
                b.class().name()
            )));
        }
        if op == BinOp::Add && a.downcast::<PyTuple>().is_some() {
            return Err(ts.type_error(format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                b.class().name()
            )));
        }
        if op == BinOp::Mul
            && (a.downcast::<crate::objects::list::PyList>().is_some()
                || a.downcast::<PyTuple>().is_some()
                || b.downcast::<crate::objects::list::PyList>().is_some()
                || b.downcast::<PyTuple>().is_some())
        {
            let other = if a.downcast::<crate::objects::list::PyList>().is_some()
                || a.downcast::<PyTuple>().is_some()
            {
                b
            } else {
                a
            };
            return Err(ts.type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                other.class().name()
            )));
        }
    }
    if op == BinOp::Pow {
        return Err(binop_error(ts, a, b, "** or pow()"));
    }
    Err(binop_error(ts, a, b, op.symbol()))
}

/// `a op= b`.
pub fn inplace_op(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if let (Some(x), Some(y), true) = (a.as_inline_int(), b.as_inline_int(), op != BinOp::MatMul) {
        return crate::objects::int::int_binop(ts, IntVal::Small(x), IntVal::Small(y), op);
    }
    if let Some(f) = a.class().slots.inplace.get() {
        let r = f(ts, a, b, op)?;
        if !r.is_not_implemented() {
            return Ok(r);
        }
    }
    let r = binary_op1(ts, a, b, op)?;
    if !r.is_not_implemented() {
        return Ok(r);
    }
    if op == BinOp::Mod && a.downcast::<PyStr>().is_some() {
        return crate::objects::str_methods::str_mod(ts, a, b);
    }
    let sym = format!("{}=", op.symbol());
    if op == BinOp::Pow {
        return Err(binop_error(ts, a, b, "**="));
    }
    match binary_op(ts, a, b, op) {
        Ok(v) => Ok(v),
        Err(e) if e.matches(types().exc.type_error) => {
            let msg = crate::objects::str::str_lossy(
                &e.exc()
                    .args()
                    .as_tuple_slice()
                    .first()
                    .cloned()
                    .unwrap_or_else(crate::runtime::none),
            );
            if msg.starts_with("unsupported operand") {
                Err(binop_error(ts, a, b, &sym))
            } else {
                Err(e)
            }
        }
        Err(e) => Err(e),
    }
}

pub fn unary_op(ts: &ThreadState, v: &Value, op: UnaryOp) -> PyResult<Value> {
    if let Some(i) = v.as_inline_int() {
        let r = match op {
            UnaryOp::Neg => i.checked_neg(),
            UnaryOp::Pos => Some(i),
            UnaryOp::Invert => Some(!i),
            UnaryOp::Abs => i.checked_abs(),
        };
        if let Some(r) = r {
            return Ok(ts.new_int(r));
        }
    }
    match v.class().slots.unary.get() {
        Some(f) => f(ts, v, op),
        None => Err(ts.type_error(format!(
            "bad operand type for {}: '{}'",
            op.symbol(),
            v.class().name()
        ))),
    }
}

// --- conversions ---

/// `operator.index(v)`.
pub fn index(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    if v.is_inline_int() {
        return Ok(v.clone());
    }
    match v.class().slots.index.get() {
        Some(f) => f(ts, v),
        None => Err(ts.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.class().name()
        ))),
    }
}

/// `v.__index__()` as an i64 if `v` supports it (`Ok(None)` if not); clamps nothing: errors
/// with IndexError "cannot fit 'int' into an index-sized integer" when too large.
pub fn try_index(ts: &ThreadState, v: &Value) -> PyResult<Option<i64>> {
    if let Some(i) = v.as_inline_int() {
        return Ok(Some(i));
    }
    if !v.class().slots.index.is_set() {
        return Ok(None);
    }
    let i = index(ts, v)?;
    match as_int(&i).and_then(|x| x.to_i64()) {
        Some(x) => Ok(Some(x)),
        None => Err(ts.index_error(format!(
            "cannot fit '{}' into an index-sized integer",
            v.class().name()
        ))),
    }
}

pub fn index_i64(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    match try_index(ts, v)? {
        Some(i) => Ok(i),
        None => Err(ts.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.class().name()
        ))),
    }
}

/// Like `index_i64` but saturating on overflow (slice bounds).
pub fn index_i64_clamped(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let i = index(ts, v)?;
    Ok(match as_int(&i) {
        Some(IntVal::Small(x)) => x,
        Some(IntVal::Big(b)) => {
            if b.sign() == num_bigint::Sign::Minus {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        None => 0,
    })
}

/// `int(x)` for one argument.
pub fn number_to_int(ts: &ThreadState, v: &Value) -> PyResult<BigInt> {
    if let Some(i) = as_int(v) {
        return Ok(i.to_big());
    }
    if let Some(s) = v.downcast::<PyStr>() {
        return crate::text::parse_int::parse_int(
            &s.to_cps(),
            10,
            ts.rt.sys_state.int_max_str_digits(),
        )
        .map_err(|e| ts.format_error(e));
    }
    if let Some(b) = crate::objects::bytes::bytes_data(v) {
        return crate::text::parse_int::parse_int_bytes(
            &b,
            10,
            ts.rt.sys_state.int_max_str_digits(),
        )
        .map_err(|e| ts.format_error(e));
    }
    let ty = v.class();
    let r = if let Some(f) = ty.slots.int.get() {
        f(ts, v)?
    } else if let Some(f) = ty.slots.index.get() {
        f(ts, v)?
    } else {
        return Err(ts.type_error(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            ty.name()
        )));
    };
    as_int(&r).map(|i| i.to_big()).ok_or_else(|| {
        ts.type_error(format!(
            "__int__ returned non-int (type {})",
            r.class().name()
        ))
    })
}

/// `float(x)`.
pub fn to_float(ts: &ThreadState, v: &Value) -> PyResult<f64> {
    if let Some(f) = v.downcast::<PyFloat>() {
        return Ok(f.v);
    }
    if let Some(i) = as_int(v) {
        return crate::objects::int::int_to_f64(ts, i);
    }
    if let Some(s) = v.downcast::<PyStr>() {
        return crate::text::parse_float::parse_float(&s.to_cps()).map_err(|e| ts.format_error(e));
    }
    if let Some(b) = crate::objects::bytes::bytes_data(v) {
        return crate::text::parse_float::parse_float_bytes(&b).map_err(|e| ts.format_error(e));
    }
    let ty = v.class();
    if let Some(f) = ty.slots.float.get() {
        let r = f(ts, v)?;
        return Ok(r.downcast::<PyFloat>().map(|f| f.v).unwrap_or(0.0));
    }
    if ty.slots.index.is_set() {
        let i = index(ts, v)?;
        return as_int(&i).map_or(Ok(0.0), |i| crate::objects::int::int_to_f64(ts, i));
    }
    Err(ts.type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        ty.name()
    )))
}

// --- repr / str ---

pub fn repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let _depth = ts.enter_native_call(" while getting the repr of an object")?;
    match v.class().slots.repr.get() {
        Some(f) => f(ts, v),
        None => crate::objects::object_type::object_repr(ts, v),
    }
}

pub fn str(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    if v.class().is(types().str) {
        return Ok(v.clone());
    }
    let _depth = ts.enter_native_call(" while getting the str of an object")?;
    match v.class().slots.str.get() {
        Some(f) => f(ts, v),
        None => repr(ts, v),
    }
}

pub fn repr_string(ts: &ThreadState, v: &Value) -> PyResult<String> {
    Ok(crate::objects::str::str_lossy(&repr(ts, v)?))
}

pub fn str_string(ts: &ThreadState, v: &Value) -> PyResult<String> {
    Ok(crate::objects::str::str_lossy(&str(ts, v)?))
}

pub fn repr_cps(ts: &ThreadState, v: &Value) -> PyResult<Vec<u32>> {
    let r = repr(ts, v)?;
    Ok(r.downcast::<PyStr>()
        .map(|s| s.to_cps())
        .unwrap_or_default())
}

pub fn str_cps(ts: &ThreadState, v: &Value) -> PyResult<Vec<u32>> {
    let r = str(ts, v)?;
    Ok(r.downcast::<PyStr>()
        .map(|s| s.to_cps())
        .unwrap_or_default())
}

/// `format(v, spec)`.
pub fn format(ts: &ThreadState, v: &Value, spec: &Value) -> PyResult<Value> {
    let empty = spec.downcast::<PyStr>().is_some_and(|s| s.is_empty());
    if empty && v.class().is(types().str) {
        return Ok(v.clone());
    }
    if empty && (v.is_inline_int() || v.class().is(types().int)) {
        return str(ts, v);
    }
    let m = v
        .class()
        .lookup(ts, &names().__format__)
        .ok_or_else(|| ts.type_error("object has no __format__"))?;
    let r = call_method_descr(ts, &m, v, std::slice::from_ref(spec))?;
    if r.downcast::<PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "__format__ must return a str, not {}",
            r.class().name()
        )));
    }
    Ok(r)
}

// --- iteration ---

pub fn get_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let ty = v.class();
    if let Some(f) = ty.slots.iter.get() {
        let it = f(ts, v)?;
        if !it.class().slots.iternext.is_set() {
            return Err(ts.type_error(format!(
                "iter() returned non-iterator of type '{}'",
                it.class().name()
            )));
        }
        return Ok(it);
    }
    if ty.slots.getitem.is_set() && v.downcast::<PyDict>().is_none() {
        return crate::objects::iter::new_seq_iter(ts, types().seq_iter, v.clone());
    }
    Err(ts.type_error(format!("'{}' object is not iterable", ty.name())))
}

/// The next item, `Ok(None)` when exhausted.
pub fn next(ts: &ThreadState, it: &Value) -> PyResult<Option<Value>> {
    match next_raw(ts, it) {
        Err(e) if e.matches(types().exc.stop_iteration) => Ok(None),
        r => r,
    }
}

/// The iterator's `iternext` slot as is: exhaustion is `Ok(None)` or a StopIteration error,
/// which carries a value (a generator's return value, a `__next__` raising StopIteration(v));
/// `next()` and `yield from` keep it, loops drop it ([`next`]).
pub fn next_raw(ts: &ThreadState, it: &Value) -> PyResult<Option<Value>> {
    match it.class().slots.iternext.get() {
        Some(f) => f(ts, it),
        None => Err(ts.type_error(format!("'{}' object is not an iterator", it.class().name()))),
    }
}

/// All items of an iterable.
pub fn collect(ts: &ThreadState, v: &Value) -> PyResult<Vec<Value>> {
    if let Some(t) = v.downcast::<PyTuple>() {
        if v.class().is(types().tuple) {
            return Ok(t.as_slice().to_vec());
        }
    }
    if let Some(l) = v.downcast::<crate::objects::list::PyList>() {
        if v.class().is(types().list) {
            return Ok(l.to_vec(ts));
        }
    }
    let it = get_iter(ts, v)?;
    let mut out = Vec::new();
    while let Some(x) = next(ts, &it)? {
        out.push(x);
    }
    Ok(out)
}

// --- sequences / mappings ---

pub fn len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    match v.class().slots.len.get() {
        Some(f) => f(ts, v),
        None => Err(ts.type_error(format!(
            "object of type '{}' has no len()",
            v.class().name()
        ))),
    }
}

pub fn get_item(ts: &ThreadState, obj: &Value, key: &Value) -> PyResult<Value> {
    if let Some(f) = obj.class().slots.getitem.get() {
        return f(ts, obj, key);
    }
    if obj.is_type() {
        // `type[int]`: CPython's PyObject_GetItem special-cases `type` itself.
        if obj.is(&types().type_.to_value()) {
            return crate::objects::generic_alias::new_generic_alias(ts, obj.clone(), key.clone());
        }
        let cg =
            crate::objects::object_type::type_getattro_opt(ts, obj, &names().__class_getitem__)?;
        if let Some(f) = cg {
            return call(ts, &f, std::slice::from_ref(key), None);
        }
        return Err(ts.type_error(format!(
            "type '{}' is not subscriptable",
            obj.as_type().name()
        )));
    }
    Err(ts.type_error(format!(
        "'{}' object is not subscriptable",
        obj.class().name()
    )))
}

/// `obj[key]` returning `Ok(None)` on KeyError.
pub fn get_item_opt(ts: &ThreadState, obj: &Value, key: &Value) -> PyResult<Option<Value>> {
    if let Some(d) = obj.downcast::<PyDict>() {
        if obj.class().is(types().dict) {
            return d.get_item(ts, key);
        }
    }
    match get_item(ts, obj, key) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(types().exc.key_error) => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn set_item(ts: &ThreadState, obj: &Value, key: &Value, v: Value) -> PyResult<()> {
    match obj.class().slots.setitem.get() {
        Some(f) => f(ts, obj, key, Some(v)),
        None => Err(ts.type_error(format!(
            "'{}' object does not support item assignment",
            obj.class().name()
        ))),
    }
}

pub fn del_item(ts: &ThreadState, obj: &Value, key: &Value) -> PyResult<()> {
    match obj.class().slots.setitem.get() {
        Some(f) => f(ts, obj, key, None),
        None => {
            // CPython words it by path: PySequence_DelItem (a type with sequence methods and an
            // index key) says "doesn't", PyObject_DelItem "does not".
            let ty = obj.class();
            let seq = (ty.slots.len.is_set() || ty.slots.contains.is_set())
                && (key.is_inline_int() || key.class().slots.index.is_set());
            let verb = if seq { "doesn't" } else { "does not" };
            Err(ts.type_error(format!(
                "'{}' object {verb} support item deletion",
                ty.name()
            )))
        }
    }
}

/// `x in container`.
pub fn contains(ts: &ThreadState, container: &Value, x: &Value) -> PyResult<bool> {
    match container.class().slots.contains.get() {
        Some(f) => f(ts, container, x),
        None => contains_by_iteration(ts, container, x),
    }
}

pub fn contains_by_iteration(ts: &ThreadState, container: &Value, x: &Value) -> PyResult<bool> {
    let ty = container.class();
    if !ty.slots.iter.is_set() && !ty.slots.getitem.is_set() {
        return Err(ts.type_error(format!(
            "argument of type '{}' is not a container or iterable",
            ty.name()
        )));
    }
    let it = get_iter(ts, container)?;
    while let Some(v) = next(ts, &it)? {
        if eq_identity_first(ts, &v, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

// --- isinstance / issubclass ---

fn get_bases(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let b = get_attr_opt(ts, v, &ts.intern("__bases__"))?;
    Ok(b.filter(|b| b.downcast::<PyTuple>().is_some()))
}

fn abstract_issubclass(ts: &ThreadState, derived: &Value, cls: &Value) -> PyResult<bool> {
    let mut d = derived.clone();
    loop {
        if d.is(cls) {
            return Ok(true);
        }
        let Some(bases) = get_bases(ts, &d)? else {
            return Ok(false);
        };
        let b = bases.as_tuple_slice();
        match b.len() {
            0 => return Ok(false),
            1 => d = b[0].clone(),
            _ => {
                for x in b {
                    if abstract_issubclass(ts, x, cls)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
        }
    }
}

pub fn recursive_isinstance(ts: &ThreadState, inst: &Value, cls: &Value) -> PyResult<bool> {
    if cls.is_type() {
        if inst.class().is_subtype(cls.as_type()) {
            return Ok(true);
        }
        if let Some(c) = get_attr_opt(ts, inst, &names().__class__)? {
            if !c.is(&inst.class().to_value()) && c.is_type() {
                return Ok(c.as_type().is_subtype(cls.as_type()));
            }
        }
        return Ok(false);
    }
    if get_bases(ts, cls)?.is_none() {
        return Err(
            ts.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")
        );
    }
    match get_attr_opt(ts, inst, &names().__class__)? {
        Some(c) => abstract_issubclass(ts, &c, cls),
        None => Ok(false),
    }
}

/// `isinstance(inst, cls)`.
pub fn isinstance(ts: &ThreadState, inst: &Value, cls: &Value) -> PyResult<bool> {
    if cls.is_type() && inst.class().is(cls.as_type()) {
        return Ok(true);
    }
    if cls.class().is(types().type_) {
        return recursive_isinstance(ts, inst, cls);
    }
    if let Some(t) = cls.downcast::<PyTuple>() {
        let _d = ts.enter_native_call(" in __instancecheck__")?;
        for c in t.as_slice() {
            if isinstance(ts, inst, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(uargs) = union_args(ts, cls)? {
        return isinstance(ts, inst, &uargs);
    }
    if let Some(chk) = cls.class().lookup(ts, &names().__instancecheck__) {
        let _d = ts.enter_native_call(" in __instancecheck__")?;
        let r = call_method_descr(ts, &chk, cls, std::slice::from_ref(inst))?;
        return is_true(ts, &r);
    }
    recursive_isinstance(ts, inst, cls)
}

fn union_args(ts: &ThreadState, cls: &Value) -> PyResult<Option<Value>> {
    if let Some(u) = cls.downcast::<crate::objects::generic_alias::PyUnion>() {
        return Ok(Some(u.args.clone()));
    }
    let n = cls.class().name();
    if n == "Union" {
        return get_attr_opt(ts, cls, &ts.intern("__args__"));
    }
    Ok(None)
}

pub fn recursive_issubclass(ts: &ThreadState, derived: &Value, cls: &Value) -> PyResult<bool> {
    if derived.is_type() && cls.is_type() {
        return Ok(derived.as_type().is_subtype(cls.as_type()));
    }
    if get_bases(ts, derived)?.is_none() {
        return Err(ts.type_error("issubclass() arg 1 must be a class"));
    }
    if get_bases(ts, cls)?.is_none() {
        return Err(
            ts.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")
        );
    }
    abstract_issubclass(ts, derived, cls)
}

pub fn issubclass(ts: &ThreadState, derived: &Value, cls: &Value) -> PyResult<bool> {
    if cls.class().is(types().type_) {
        if derived.is_type() && cls.is_type() {
            return Ok(derived.as_type().is_subtype(cls.as_type()));
        }
        return recursive_issubclass(ts, derived, cls);
    }
    if let Some(t) = cls.downcast::<PyTuple>() {
        for c in t.as_slice() {
            if issubclass(ts, derived, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(uargs) = union_args(ts, cls)? {
        return issubclass(ts, derived, &uargs);
    }
    if let Some(chk) = cls.class().lookup(ts, &names().__subclasscheck__) {
        let _d = ts.enter_native_call(" in __subclasscheck__")?;
        let r = call_method_descr(ts, &chk, cls, std::slice::from_ref(derived))?;
        return is_true(ts, &r);
    }
    recursive_issubclass(ts, derived, cls)
}

impl ThreadState {
    /// The Python exception a text-algorithm error names.
    pub fn format_error(&self, e: crate::text::FormatError) -> PyErr {
        use crate::text::ExcKind;
        let t = &types().exc;
        let ty = match e.kind {
            ExcKind::ValueError => t.value_error,
            ExcKind::TypeError => t.type_error,
            ExcKind::OverflowError => t.overflow_error,
            ExcKind::KeyError => t.key_error,
            ExcKind::IndexError => t.index_error,
            ExcKind::MemoryError => t.memory_error,
            ExcKind::ZeroDivisionError => t.zero_division_error,
        };
        self.new_error(ty, e.message)
    }
}

/// Converts a BigInt to i64 or raises OverflowError with CPython's message.
pub fn big_to_i64(ts: &ThreadState, b: &BigInt) -> PyResult<i64> {
    b.to_i64()
        .ok_or_else(|| ts.overflow_error("Python int too large to convert to C long"))
}
