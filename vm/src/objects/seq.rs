//! Helpers shared by the sequence types: index normalization, slices, lexicographic
//! comparison, repetition, tracing a `Value`.

use crate::errors::PyResult;
use crate::objects::range::PySlice;
use crate::objects::slots::CmpOp;
use crate::protocols;
use crate::runtime::py_bool;
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use std::ptr::NonNull;

/// Reports a counted object reference held in `v` to the collector.
#[inline]
pub fn trace_value(v: &Value, t: &mut Tracer<'_>) {
    if v.bits() & 7 == 0 {
        if let Some(p) = v.obj_ptr() {
            // SAFETY: object pointers are non-null.
            // SAFETY: a counted reference held by the traced object: a live gc object.
            unsafe { t.visit_raw(NonNull::new_unchecked(p.cast_mut())) };
        }
    }
}

/// A resolved slice: `len` items starting at `start`, `step` apart.
#[derive(Clone, Copy, Debug)]
pub struct SliceRange {
    pub start: isize,
    pub step: isize,
    pub len: usize,
}

impl SliceRange {
    pub fn indices(self) -> impl Iterator<Item = usize> {
        (0..self.len).map(move |k| (self.start + k as isize * self.step) as usize)
    }
}

pub enum Index {
    One(usize),
    Slice(SliceRange),
}

/// `seq[key]` resolution: an int index (normalized, IndexError "`what` index out of range") or
/// a slice.
pub fn index_or_slice(ts: &ThreadState, key: &Value, len: usize, what: &str) -> PyResult<Index> {
    if let Some(s) = key.downcast::<PySlice>() {
        return Ok(Index::Slice(s.resolve(ts, len)?));
    }
    match protocols::try_index(ts, key)? {
        Some(i) => Ok(Index::One(normalize(ts, i, len, what)?)),
        None if what == "string" => Err(ts.type_error(format!(
            "string indices must be integers, not '{}'",
            key.class().name()
        ))),
        None => Err(ts.type_error(format!(
            "{what} indices must be integers or slices, not {}",
            key.class().name()
        ))),
    }
}

/// Normalizes a possibly negative index; IndexError when out of range.
pub fn normalize(ts: &ThreadState, i: i64, len: usize, what: &str) -> PyResult<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(ts.index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// `start`/`stop` arguments of `index()` methods, clamped like slice bounds.
pub fn start_stop(
    ts: &ThreadState,
    start: Option<Value>,
    stop: Option<Value>,
    len: usize,
) -> PyResult<(usize, usize)> {
    let clamp = |v: Option<Value>, default: usize| -> PyResult<usize> {
        match v {
            None => Ok(default),
            Some(v) if v.is_none() => Ok(default),
            Some(v) => {
                let i = protocols::index_i64_clamped(ts, &v)?;
                Ok(if i < 0 {
                    (i + len as i64).max(0) as usize
                } else {
                    (i as usize).min(len)
                })
            }
        }
    };
    Ok((clamp(start, 0)?, clamp(stop, len)?))
}

/// Lexicographic comparison of two sequences (CPython's list/tuple richcompare).
pub fn compare_slices(ts: &ThreadState, a: &[Value], b: &[Value], op: CmpOp) -> PyResult<Value> {
    if a.len() != b.len() && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(py_bool(op == CmpOp::Ne));
    }
    let n = a.len().min(b.len());
    for i in 0..n {
        if !protocols::eq_identity_first(ts, &a[i], &b[i])? {
            return match op {
                CmpOp::Eq => Ok(py_bool(false)),
                CmpOp::Ne => Ok(py_bool(true)),
                _ => protocols::rich_compare(ts, &a[i], &b[i], op),
            };
        }
    }
    Ok(py_bool(op.test(a.len().cmp(&b.len()))))
}

/// `items * n`.
pub fn repeat(ts: &ThreadState, items: &[Value], n: i64) -> PyResult<Vec<Value>> {
    if n <= 0 || items.is_empty() {
        return Ok(Vec::new());
    }
    let total = items
        .len()
        .checked_mul(n as usize)
        .filter(|&t| t < (1 << 32))
        .ok_or_else(|| ts.memory_error())?;
    let mut out = Vec::with_capacity(total);
    for _ in 0..n {
        out.extend(items.iter().cloned());
    }
    Ok(out)
}
