//! `range` (with its iterator) and `slice`.

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::int::{as_int, IntVal};
use crate::objects::seq::{trace_value, SliceRange};
use crate::objects::slots::CmpOp;
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{none, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::sync::atomic::{AtomicI64, Ordering};

/// `range(start, stop, step)`; bounds are kept as BigInt-capable values but iteration uses
/// i64 (ranges beyond i64 iterate through the generic path).
pub struct PyRange {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
    pub len: BigInt,
}

impl PyPayload for PyRange {
    const GC: bool = false;
}

fn range_len(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() {
        if start < stop {
            (stop - start - 1) / step + 1
        } else {
            BigInt::zero()
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        BigInt::zero()
    }
}

fn to_big(ts: &ThreadState, v: &Value) -> PyResult<BigInt> {
    match as_int(v) {
        Some(i) => Ok(i.to_big()),
        None => {
            let i = protocols::index(ts, v)?;
            Ok(as_int(&i).map(|i| i.to_big()).unwrap_or_default())
        }
    }
}

fn range_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    if kw.is_some_and(|k| !k.is_empty()) {
        return Err(ts.type_error("range() takes no keyword arguments"));
    }
    let (start, stop, step) = match args {
        [stop] => (BigInt::zero(), to_big(ts, stop)?, BigInt::from(1)),
        [a, b] => (to_big(ts, a)?, to_big(ts, b)?, BigInt::from(1)),
        [a, b, c] => (to_big(ts, a)?, to_big(ts, b)?, to_big(ts, c)?),
        [] => return Err(ts.type_error("range expected at least 1 argument, got 0")),
        _ => {
            return Err(ts.type_error(format!(
                "range expected at most 3 arguments, got {}",
                args.len()
            )))
        }
    };
    if step.is_zero() {
        return Err(ts.value_error("range() arg 3 must not be zero"));
    }
    new_range(ts, start, stop, step)
}

pub fn new_range(ts: &ThreadState, start: BigInt, stop: BigInt, step: BigInt) -> PyResult<Value> {
    let len = range_len(&start, &stop, &step);
    crate::object::alloc(
        ts,
        types().range,
        PyRange {
            start,
            stop,
            step,
            len,
        },
    )
}

fn r_of(v: &Value) -> &PyRange {
    // SAFETY: slots installed on range only.
    unsafe { v.payload_unchecked::<PyRange>() }
}

fn range_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let r = r_of(v);
    Ok(ts.new_str(&if r.step == BigInt::from(1) {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }))
}

fn range_length(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    r_of(v)
        .len
        .to_usize()
        .ok_or_else(|| ts.overflow_error("Python int too large to convert to C ssize_t"))
}

fn range_bool(_ts: &ThreadState, v: &Value) -> PyResult<bool> {
    Ok(!r_of(v).len.is_zero())
}

fn range_item(r: &PyRange, i: &BigInt) -> BigInt {
    &r.start + i * &r.step
}

fn range_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let r = r_of(v);
    if let Some(s) = key.downcast::<PySlice>() {
        let len = r.len.to_usize().unwrap_or(usize::MAX);
        let (lo, hi, st) = s.adjust(ts, len)?;
        let start = range_item(r, &BigInt::from(lo));
        let stop = range_item(r, &BigInt::from(hi));
        let step = &r.step * BigInt::from(st);
        return new_range(ts, start, stop, step);
    }
    let Some(i) = protocols::try_index(ts, key)? else {
        return Err(ts.type_error(format!(
            "range indices must be integers or slices, not {}",
            key.class().name()
        )));
    };
    let i = BigInt::from(i);
    let i = if i.is_negative() { &r.len + i } else { i };
    if i.is_negative() || i >= r.len {
        return Err(ts.index_error("range object index out of range"));
    }
    Ok(ts.new_bigint(range_item(r, &i)))
}

fn range_contains(ts: &ThreadState, v: &Value, x: &Value) -> PyResult<bool> {
    let r = r_of(v);
    if let (Some(i), true) = (
        as_int(x),
        x.is_inline_int() || x.class().is(types().int) || x.class().is(types().bool),
    ) {
        let i = i.to_big();
        let in_bounds = if r.step.is_positive() {
            i >= r.start && i < r.stop
        } else {
            i <= r.start && i > r.stop
        };
        return Ok(in_bounds && ((&i - &r.start) % &r.step).is_zero());
    }
    protocols::contains_by_iteration(ts, v, x)
}

fn range_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let r = r_of(v);
    match (r.start.to_i64(), r.step.to_i64(), r.len.to_i64()) {
        (Some(start), Some(step), Some(len))
            if (start as i128 + step as i128 * len as i128).abs() < i64::MAX as i128 =>
        {
            crate::object::alloc(
                ts,
                types().range_iter,
                PyRangeIter {
                    next: AtomicI64::new(start),
                    step,
                    remaining: AtomicI64::new(len),
                },
            )
        }
        _ => crate::object::alloc(
            ts,
            types().long_range_iter,
            PyLongRangeIter {
                state: std::sync::Mutex::new((r.start.clone(), r.len.clone())),
                step: r.step.clone(),
            },
        ),
    }
}

fn range_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<PyRange>(), b.downcast::<PyRange>()) else {
        return Ok(not_implemented());
    };
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(not_implemented());
    }
    let eq = x.len == y.len
        && (x.len.is_zero()
            || (x.start == y.start && (x.len == BigInt::from(1) || x.step == y.step)));
    let _ = ts;
    Ok(py_bool(eq == (op == CmpOp::Eq)))
}

fn range_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let r = r_of(v);
    let t = ts.new_tuple(vec![
        ts.new_bigint(r.len.clone()),
        ts.new_bigint(r.start.clone()),
        ts.new_bigint(r.step.clone()),
    ]);
    protocols::hash(ts, &t)
}

fn g_start(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_bigint(r_of(v).start.clone()))
}
fn g_stop(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_bigint(r_of(v).stop.clone()))
}
fn g_step(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_bigint(r_of(v).step.clone()))
}

/// `range.__reduce__()`: `(range, (start, stop, step))`.
fn m_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    let args = vec![g_start(ts, s)?, g_stop(ts, s)?, g_step(ts, s)?];
    Ok(ts.new_tuple(vec![s.class().to_value(), ts.new_tuple(args)]))
}

fn m_index(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "index", &[""], 1)?;
    let x = x.expect("required");
    let r = r_of(s);
    if range_contains(ts, s, &x)? {
        if let Some(i) = as_int(&x) {
            return Ok(ts.new_bigint((i.to_big() - &r.start) / &r.step));
        }
    }
    if as_int(&x).is_some() {
        return Err(ts.value_error("range.index(x): x not in range"));
    }
    // Not an int: found by equality, as CPython's generic sequence index.
    let mut i = BigInt::from(0);
    while i < r.len {
        let item = ts.new_bigint(range_item(r, &i));
        if protocols::eq(ts, &item, &x)? {
            return Ok(ts.new_bigint(i));
        }
        i += 1;
    }
    Err(ts.value_error("sequence.index(x): x not in sequence"))
}

fn m_count(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "count", &[""], 1)?;
    Ok(ts.new_int(i64::from(range_contains(ts, s, &x.expect("required"))?)))
}

fn m_reversed(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let r = r_of(s);
    let last: BigInt = &r.start + (&r.len - 1) * &r.step;
    let nr = new_range(ts, last.clone(), &last - &r.len * &r.step, -r.step.clone())?;
    range_iter(ts, &nr)
}

pub struct PyRangeIter {
    next: AtomicI64,
    step: i64,
    remaining: AtomicI64,
}

impl PyPayload for PyRangeIter {
    const GC: bool = false;
}

fn range_iter_next(_ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    // SAFETY: slot installed on range_iterator only.
    let it = unsafe { v.payload_unchecked::<PyRangeIter>() };
    // ORDERING: Relaxed: a range iterator shared between threads may hand out items in any
    // interleaving (allowed); each value it produces is a plain int.
    let rem = it.remaining.load(Ordering::Relaxed);
    if rem <= 0 {
        return Ok(None);
    }
    it.remaining.store(rem - 1, Ordering::Relaxed);
    let cur = it.next.load(Ordering::Relaxed);
    it.next.store(cur.wrapping_add(it.step), Ordering::Relaxed);
    Ok(Some(match Value::try_inline_int(cur) {
        Some(v) => v,
        None => _ts.new_int(cur),
    }))
}

/// Fast path for FOR_ITER over a range iterator: the next int, without a call.
#[inline]
pub fn range_iter_fast(v: &Value) -> Option<Option<i64>> {
    let it = v.downcast::<PyRangeIter>()?;
    // ORDERING: Relaxed: see `range_iter_next`.
    let rem = it.remaining.load(Ordering::Relaxed);
    if rem <= 0 {
        return Some(None);
    }
    it.remaining.store(rem - 1, Ordering::Relaxed);
    let cur = it.next.load(Ordering::Relaxed);
    it.next.store(cur.wrapping_add(it.step), Ordering::Relaxed);
    Some(Some(cur))
}

/// The iterator of a range whose items or length leave i64 (`longrange_iterator`).
///
/// Invariant: `state` is `(next item, items left)`; a leaf mutex, held only to step.
pub struct PyLongRangeIter {
    state: std::sync::Mutex<(BigInt, BigInt)>,
    step: BigInt,
}

impl PyPayload for PyLongRangeIter {
    const GC: bool = false;
}

fn long_range_state(v: &Value) -> std::sync::MutexGuard<'_, (BigInt, BigInt)> {
    let it = v
        .downcast::<PyLongRangeIter>()
        .expect("slot installed on longrange_iterator only");
    it.state.lock().unwrap_or_else(|e| e.into_inner())
}

fn long_range_iter_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let step = &v
        .downcast::<PyLongRangeIter>()
        .expect("slot installed on longrange_iterator only")
        .step;
    let mut st = long_range_state(v);
    if !st.1.is_positive() {
        return Ok(None);
    }
    let cur = st.0.clone();
    st.0 += step;
    st.1 -= 1;
    drop(st);
    Ok(Some(ts.new_bigint(cur)))
}

/// `(next item, step, items left)` of either range iterator.
fn iter_position(v: &Value) -> Option<(BigInt, BigInt, BigInt)> {
    if let Some(it) = v.downcast::<PyRangeIter>() {
        // ORDERING: Relaxed: see `range_iter_next`.
        let next = it.next.load(Ordering::Relaxed);
        let left = it.remaining.load(Ordering::Relaxed).max(0);
        return Some((next.into(), it.step.into(), left.into()));
    }
    let it = v.downcast::<PyLongRangeIter>()?;
    let st = it.state.lock().unwrap_or_else(|e| e.into_inner());
    Some((
        st.0.clone(),
        it.step.clone(),
        st.1.clone().max(BigInt::zero()),
    ))
}

/// `it.__reduce__()`: as CPython 3.14, `(iter, (range(next, stop, step),), None)` — the
/// items still to come, as a range.
fn range_iter_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    let (next, step, left) =
        iter_position(s).ok_or_else(|| ts.type_error("range iterator expected"))?;
    let stop = &next + &left * &step;
    let r = protocols::call(
        ts,
        &types().range.to_value(),
        &[
            ts.new_bigint(next),
            ts.new_bigint(stop),
            ts.new_bigint(step),
        ],
        None,
    )?;
    let iter = ts
        .rt
        .builtins_dict()
        .downcast::<crate::objects::dict::PyDict>()
        .and_then(|d| d.get_item_str(ts, &ts.intern("iter")))
        .ok_or_else(|| ts.runtime_error("lost builtins.iter"))?;
    Ok(ts.new_tuple(vec![iter, ts.new_tuple(vec![r]), none()]))
}

/// `it.__setstate__(n)`: skips `n` items (clamped to what is left).
fn range_iter_setstate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "__setstate__", &[""], 1)?;
    let n = protocols::index(ts, &n.expect("required"))?;
    let n = match as_int(&n) {
        Some(IntVal::Small(i)) => BigInt::from(i),
        Some(IntVal::Big(b)) => b.clone(),
        None => BigInt::zero(),
    };
    if let Some(it) = s.downcast::<PyRangeIter>() {
        // ORDERING: Relaxed: see `range_iter_next`.
        let left = it.remaining.load(Ordering::Relaxed).max(0);
        let skip = n
            .clamp(BigInt::zero(), BigInt::from(left))
            .to_i64()
            .unwrap_or(0);
        it.remaining.store(left - skip, Ordering::Relaxed);
        let next = it.next.load(Ordering::Relaxed);
        it.next.store(
            next.wrapping_add(skip.wrapping_mul(it.step)),
            Ordering::Relaxed,
        );
    } else if let Some(it) = s.downcast::<PyLongRangeIter>() {
        let mut st = it.state.lock().unwrap_or_else(|e| e.into_inner());
        let left = st.1.clone().max(BigInt::zero());
        let skip = n.clamp(BigInt::zero(), left.clone());
        st.0 += &skip * &it.step;
        st.1 = left - skip;
    }
    Ok(none())
}

fn long_range_iter_len(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let left = long_range_state(s).1.clone();
    Ok(ts.new_bigint(left))
}

fn range_iter_len(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    // SAFETY: method installed on range_iterator only.
    let it = unsafe { s.payload_unchecked::<PyRangeIter>() };
    // ORDERING: Relaxed: a hint.
    Ok(ts.new_int(it.remaining.load(Ordering::Relaxed).max(0)))
}

// --- slice ---

pub struct PySlice {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

impl PyPayload for PySlice {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.start, t);
        trace_value(&self.stop, t);
        trace_value(&self.step, t);
    }
}

pub fn new_slice(ts: &ThreadState, start: Value, stop: Value, step: Value) -> PyResult<Value> {
    crate::object::alloc(ts, types().slice, PySlice { start, stop, step })
}

fn slice_index(ts: &ThreadState, v: &Value) -> PyResult<Option<i64>> {
    if v.is_none() {
        return Ok(None);
    }
    if v.as_inline_int().is_none() && !v.class().slots.index.is_set() {
        return Err(
            ts.type_error("slice indices must be integers or None or have an __index__ method")
        );
    }
    // Out-of-range ints clamp, as CPython's `_PyEval_SliceIndex` (`a[::1 << 333]`); the
    // lower bound is -i64::MAX so that negating a step cannot overflow.
    Ok(Some(protocols::index_i64_clamped(ts, v)?.max(-i64::MAX)))
}

impl PySlice {
    /// CPython's `PySlice_GetIndicesEx` for a sequence of length `len`.
    pub fn resolve(&self, ts: &ThreadState, len: usize) -> PyResult<SliceRange> {
        let (start, stop, step) = self.adjust(ts, len)?;
        let n = if step < 0 {
            if stop < start {
                (start - stop - 1) / (-step) + 1
            } else {
                0
            }
        } else if start < stop {
            (stop - start - 1) / step + 1
        } else {
            0
        };
        Ok(SliceRange {
            start: start as isize,
            step: step as isize,
            len: n as usize,
        })
    }

    /// `slice.indices(len)`: start and stop clamped into the sequence, and the step
    /// (CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`).
    pub fn adjust(&self, ts: &ThreadState, len: usize) -> PyResult<(i64, i64, i64)> {
        let len = len as i64;
        let step = slice_index(ts, &self.step)?.unwrap_or(1);
        if step == 0 {
            return Err(ts.value_error("slice step cannot be zero"));
        }
        let (lo_default, hi_default) = if step < 0 { (len - 1, -1) } else { (0, len) };
        let clamp = |v: Option<i64>, default: i64| -> i64 {
            match v {
                None => default,
                Some(mut i) => {
                    if i < 0 {
                        i = i.saturating_add(len);
                        if i < 0 {
                            i = if step < 0 { -1 } else { 0 };
                        }
                    } else if i >= len {
                        i = if step < 0 { len - 1 } else { len };
                    }
                    i
                }
            }
        };
        let start = clamp(slice_index(ts, &self.start)?, lo_default);
        let stop = clamp(slice_index(ts, &self.stop)?, hi_default);
        Ok((start, stop, step))
    }
}

fn s_of(v: &Value) -> &PySlice {
    // SAFETY: slots installed on slice only.
    unsafe { v.payload_unchecked::<PySlice>() }
}

fn slice_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    match args {
        [stop] => new_slice(ts, none(), stop.clone(), none()),
        [a, b] => new_slice(ts, a.clone(), b.clone(), none()),
        [a, b, c] => new_slice(ts, a.clone(), b.clone(), c.clone()),
        [] => Err(ts.type_error("slice expected at least 1 argument, got 0")),
        _ => Err(ts.type_error(format!(
            "slice expected at most 3 arguments, got {}",
            args.len()
        ))),
    }
}

fn slice_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let s = s_of(v);
    Ok(ts.new_str(&format!(
        "slice({}, {}, {})",
        protocols::repr_string(ts, &s.start)?,
        protocols::repr_string(ts, &s.stop)?,
        protocols::repr_string(ts, &s.step)?
    )))
}

fn slice_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<PySlice>(), b.downcast::<PySlice>()) else {
        return Ok(not_implemented());
    };
    let ta = ts.new_tuple(vec![x.start.clone(), x.stop.clone(), x.step.clone()]);
    let tb = ts.new_tuple(vec![y.start.clone(), y.stop.clone(), y.step.clone()]);
    protocols::rich_compare(ts, &ta, &tb, op)
}

fn g_sstart(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(s_of(v).start.clone())
}
fn g_sstop(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(s_of(v).stop.clone())
}
fn g_sstep(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(s_of(v).step.clone())
}

fn m_indices(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "indices", &[""], 1)?;
    let n = protocols::index_i64(ts, &n.expect("required"))?;
    if n < 0 {
        return Err(ts.value_error("length should not be negative"));
    }
    let (start, stop, step) = s_of(s).adjust(ts, n as usize)?;
    Ok(ts.new_tuple(vec![ts.new_int(start), ts.new_int(stop), ts.new_int(step)]))
}

/// `hash(slice)` (3.12+): the hash of `(start, stop, step)`.
fn slice_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let s = s_of(v);
    let t = ts.new_tuple(vec![s.start.clone(), s.stop.clone(), s.step.clone()]);
    protocols::hash(ts, &t)
}

fn iter_self(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_getset, add_method};
    let r = types().range;
    let s = &r.slots;
    s.new.set(Some(range_new));
    s.repr.set(Some(range_repr));
    s.len.set(Some(range_length));
    s.bool.set(Some(range_bool));
    s.getitem.set(Some(range_getitem));
    s.contains.set(Some(range_contains));
    s.iter.set(Some(range_iter));
    s.richcompare.set(Some(range_richcompare));
    s.hash.set(Some(range_hash));
    add_getset(ts, r, "start", g_start, None);
    add_getset(ts, r, "stop", g_stop, None);
    add_getset(ts, r, "step", g_step, None);
    add_method(ts, r, "index", m_index);
    add_method(ts, r, "__reduce__", m_reduce);
    add_method(ts, r, "count", m_count);
    add_method(ts, r, "__reversed__", m_reversed);
    let it = types().range_iter;
    it.slots.iter.set(Some(iter_self));
    it.slots.iternext.set(Some(range_iter_next));
    add_method(ts, it, "__length_hint__", range_iter_len);
    let lit = types().long_range_iter;
    lit.slots.iter.set(Some(iter_self));
    lit.slots.iternext.set(Some(long_range_iter_next));
    add_method(ts, lit, "__length_hint__", long_range_iter_len);
    for t in [it, lit] {
        add_method(ts, t, "__reduce__", range_iter_reduce);
        add_method(ts, t, "__setstate__", range_iter_setstate);
    }
    let sl = types().slice;
    sl.slots.new.set(Some(slice_new));
    sl.slots.repr.set(Some(slice_repr));
    sl.slots.richcompare.set(Some(slice_richcompare));
    sl.slots.hash.set(Some(slice_hash));
    add_getset(ts, sl, "start", g_sstart, None);
    add_getset(ts, sl, "stop", g_sstop, None);
    add_getset(ts, sl, "step", g_sstep, None);
    add_method(ts, sl, "indices", m_indices);
    let _ = IntVal::Small(0);
}
