//! `bytearray`'s mutators. Every change of size first checks that no memoryview is exported
//! (CPython's `_canresize`: BufferError otherwise). Values are converted before the buffer's
//! lock is taken, so the lock is never held across Python code.

use super::{byte_value, bytes_data, data_of, from_object_as, PyByteArray};
use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::objects::seq;
use crate::objects::slots::BinOp;
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::{none, not_implemented, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::sync::atomic::Ordering;
use std::sync::MutexGuard;

const RANGE: &str = "byte must be in range(0, 256)";

fn this<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyByteArray> {
    v.downcast::<PyByteArray>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'bytearray' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn lock<'a>(ts: &ThreadState, b: &'a PyByteArray) -> PyResult<MutexGuard<'a, Vec<u8>>> {
    b.data
        .lock()
        .map_err(|_| ts.runtime_error("bytearray lock poisoned"))
}

/// BufferError while a memoryview is exported.
fn can_resize(ts: &ThreadState, b: &PyByteArray) -> PyResult<()> {
    // ORDERING: Relaxed, see `PyMemoryView::unexport`.
    if b.exports.load(Ordering::Relaxed) > 0 {
        return Err(ts.new_error(
            types().exc.buffer_error,
            "Existing exports of data: object cannot be re-sized",
        ));
    }
    Ok(())
}

fn setitem(ts: &ThreadState, v: &Value, key: &Value, val: Option<Value>) -> PyResult<()> {
    let b = this(ts, v)?;
    let len = lock(ts, b)?.len();
    match (seq::index_or_slice(ts, key, len, "bytearray")?, val) {
        (seq::Index::One(i), Some(x)) => {
            let n = byte_value(ts, &x, RANGE)?;
            if let Some(slot) = lock(ts, b)?.get_mut(i) {
                *slot = n;
            }
            Ok(())
        }
        (seq::Index::One(i), None) => {
            can_resize(ts, b)?;
            let mut d = lock(ts, b)?;
            if i < d.len() {
                d.remove(i);
            }
            Ok(())
        }
        (seq::Index::Slice(r), val) => {
            let new = match val {
                Some(x) if x.is_inline_int() || crate::objects::int::as_int(&x).is_some() => {
                    return Err(ts.type_error(
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                    ))
                }
                Some(x) => Some(from_object_as(ts, &x, "bytearray").map_err(|e| {
                    if e.matches(types().exc.type_error) && bytes_data(&x).is_none() {
                        ts.type_error(
                            "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                        )
                    } else {
                        e
                    }
                })?),
                None => None,
            };
            if r.step == 1 || r.len == 0 && new.as_ref().is_none_or(|n| n.is_empty()) {
                let n = new.unwrap_or_default();
                if n.len() != r.len {
                    can_resize(ts, b)?;
                }
                let mut d = lock(ts, b)?;
                let start = (r.start.max(0) as usize).min(d.len());
                let end = (start + r.len).min(d.len());
                d.splice(start..end, n);
                return Ok(());
            }
            let idx: Vec<usize> = r.indices().collect();
            match new {
                None => {
                    can_resize(ts, b)?;
                    let mut d = lock(ts, b)?;
                    let mut drop = vec![false; d.len()];
                    for &i in &idx {
                        if let Some(x) = drop.get_mut(i) {
                            *x = true;
                        }
                    }
                    let mut k = 0;
                    d.retain(|_| {
                        k += 1;
                        !drop[k - 1]
                    });
                    Ok(())
                }
                Some(n) => {
                    if n.len() != idx.len() {
                        return Err(ts.value_error(format!(
                            "attempt to assign bytes of size {} to extended slice of size {}",
                            n.len(),
                            idx.len()
                        )));
                    }
                    let mut d = lock(ts, b)?;
                    for (i, x) in idx.into_iter().zip(n) {
                        if let Some(slot) = d.get_mut(i) {
                            *slot = x;
                        }
                    }
                    Ok(())
                }
            }
        }
    }
}

fn req(v: Option<Value>) -> Value {
    v.unwrap_or_else(none)
}

fn m_append(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "append", &[""], 1)?;
    let n = byte_value(ts, &req(x), RANGE)?;
    let b = this(ts, s)?;
    can_resize(ts, b)?;
    lock(ts, b)?.push(n);
    Ok(none())
}

fn m_extend(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "extend", &[""], 1)?;
    let x = req(x);
    let more = if let Some(d) = bytes_data(&x) {
        d
    } else if x.downcast::<crate::objects::str::PyStr>().is_some() {
        return Err(ts.type_error("expected iterable of integers; got: 'str'"));
    } else {
        let it = protocols::get_iter(ts, &x).map_err(|_| {
            ts.type_error(format!("can't extend bytearray with {}", x.class().name()))
        })?;
        let mut out = Vec::new();
        while let Some(v) = protocols::next(ts, &it)? {
            out.push(byte_value(ts, &v, RANGE)?);
        }
        out
    };
    let b = this(ts, s)?;
    if !more.is_empty() {
        can_resize(ts, b)?;
    }
    lock(ts, b)?.extend(more);
    Ok(none())
}

fn m_pop(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [i] = a.parse::<1>(ts, "pop", &[""], 0)?;
    let i = match i {
        Some(i) => protocols::index_i64(ts, &i)?,
        None => -1,
    };
    let b = this(ts, s)?;
    can_resize(ts, b)?;
    let mut d = lock(ts, b)?;
    if d.is_empty() {
        return Err(ts.index_error("pop from empty bytearray"));
    }
    let j = if i < 0 { i + d.len() as i64 } else { i };
    if j < 0 || j >= d.len() as i64 {
        return Err(ts.index_error("pop index out of range"));
    }
    let x = d.remove(j as usize);
    Ok(ts.new_int(x as i64))
}

fn m_insert(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [i, x] = a.parse::<2>(ts, "insert", &["", ""], 2)?;
    let i = protocols::index_i64(ts, &req(i))?;
    let x = byte_value(ts, &req(x), RANGE)?;
    let b = this(ts, s)?;
    can_resize(ts, b)?;
    let mut d = lock(ts, b)?;
    let n = d.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    d.insert(j as usize, x);
    Ok(none())
}

fn m_remove(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "remove", &[""], 1)?;
    let x = byte_value(ts, &req(x), RANGE)?;
    let b = this(ts, s)?;
    let d = lock(ts, b)?;
    let Some(pos) = d.iter().position(|&c| c == x) else {
        return Err(ts.value_error("value not found in bytearray"));
    };
    drop(d);
    can_resize(ts, b)?;
    let mut d = lock(ts, b)?;
    if pos < d.len() {
        d.remove(pos);
    }
    Ok(none())
}

fn m_reverse(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "reverse")?;
    lock(ts, this(ts, s)?)?.reverse();
    Ok(none())
}

fn m_clear(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "clear")?;
    let b = this(ts, s)?;
    if !lock(ts, b)?.is_empty() {
        can_resize(ts, b)?;
    }
    lock(ts, b)?.clear();
    Ok(none())
}

fn m_copy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "copy")?;
    super::new_bytearray(ts, data_of(ts, s)?)
}

fn m_resize(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "resize", &[""], 1)?;
    let n = protocols::index_i64(ts, &req(n))?;
    if n < 0 {
        return Err(ts.value_error(format!("Can only resize to positive sizes, got {n}")));
    }
    crate::text::check_alloc(n as usize).map_err(|e| ts.format_error(e))?;
    let b = this(ts, s)?;
    if lock(ts, b)?.len() != n as usize {
        can_resize(ts, b)?;
    }
    lock(ts, b)?.resize(n as usize, 0);
    Ok(none())
}

fn m_alloc(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__alloc__")?;
    let b = this(ts, s)?;
    let d = lock(ts, b)?;
    Ok(ts.new_usize(d.capacity().max(d.len() + 1)))
}

fn inplace(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let ba = this(ts, a)?;
    match op {
        BinOp::Add => {
            let Some(more) = bytes_data(b) else {
                return Err(ts.type_error(format!(
                    "can't concat {} to {}",
                    b.class().name(),
                    a.class().name()
                )));
            };
            if !more.is_empty() {
                can_resize(ts, ba)?;
            }
            lock(ts, ba)?.extend(more);
            Ok(a.clone())
        }
        BinOp::Mul => {
            let Some(n) = protocols::try_index(ts, b)? else {
                return Ok(not_implemented());
            };
            let d = lock(ts, ba)?.clone();
            let new = super::repeat(ts, &d, n)?;
            if new.len() != d.len() {
                can_resize(ts, ba)?;
            }
            *lock(ts, ba)? = new;
            Ok(a.clone())
        }
        _ => Ok(not_implemented()),
    }
}

pub(super) fn init(ts: &ThreadState, t: &PyType) {
    use crate::objects::descr::add_method;
    t.slots.setitem.set(Some(setitem));
    t.slots.inplace.set(Some(inplace));
    let methods: &[(&str, crate::objects::descr::MethodFn)] = &[
        ("append", m_append),
        ("extend", m_extend),
        ("pop", m_pop),
        ("insert", m_insert),
        ("remove", m_remove),
        ("reverse", m_reverse),
        ("clear", m_clear),
        ("copy", m_copy),
        ("resize", m_resize),
        ("__alloc__", m_alloc),
    ];
    for (name, f) in methods {
        add_method(ts, t, name, *f);
    }
}
