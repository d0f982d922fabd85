//! `groupby` and its `_grouper` (CPython's `groupbyobject` and `_grouperobject`).
//!
//! The groupby holds the current key and value; each `_grouper` yields values while the
//! groupby's current key equals its target and it is still the groupby's current grouper.
//! "Current" is a generation number bumped by every `next(groupby)` (CPython keeps a borrowed
//! pointer to the grouper; a number needs no reference and makes no cycle).

use super::{iter_type, lock, payload, trace_opt};
use std::sync::Mutex;
use vm::builtins::args::parse;
use vm::object::PyPayload;
use vm::objects::seq::trace_value;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::PyType;
use vm::protocols;
use vm::runtime::none;
use vm::{PyResult, ThreadState, Value};

pub(super) fn all_types(ts: &ThreadState) -> Vec<&'static PyType> {
    let grouper =
        vm::runtime::new_native_type::<PyGrouper>(ts, "itertools._grouper", None, 0, |ts, t| {
            t.slots.iter.set(Some(super::self_iter));
            t.slots.iternext.set(Some(grouper_next));
            super::set_module(ts, t);
        });
    let _ = GROUPER.set(grouper);
    vec![
        iter_type::<PyGroupBy>(ts, "groupby", groupby_new, groupby_next, |_, _| {}),
        grouper,
    ]
}

static GROUPER: std::sync::OnceLock<&'static PyType> = std::sync::OnceLock::new();

pub struct PyGroupBy {
    it: Value,
    keyfunc: Option<Value>,
    st: Mutex<GroupState>,
}

#[derive(Default)]
struct GroupState {
    tgtkey: Option<Value>,
    currkey: Option<Value>,
    currvalue: Option<Value>,
    /// Generation of the current grouper.
    gen: u64,
}

impl PyPayload for PyGroupBy {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.it, t);
        trace_opt(&self.keyfunc, t);
        if let Ok(g) = self.st.try_lock() {
            trace_opt(&g.tgtkey, t);
            trace_opt(&g.currkey, t);
            trace_opt(&g.currvalue, t);
        }
    }
    fn clear(&self) {
        let old = std::mem::take(&mut *lock(&self.st));
        drop(old);
    }
}

pub struct PyGrouper {
    parent: Value,
    tgtkey: Value,
    gen: u64,
}

impl PyPayload for PyGrouper {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.parent, t);
        trace_value(&self.tgtkey, t);
    }
}

fn groupby_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = parse(ts, "groupby", args, kw, &["iterable", "key"], 1, 0)?;
    let it = protocols::get_iter(ts, &a[0].clone().unwrap_or_else(none))?;
    let keyfunc = a[1].clone().filter(|k| !k.is_none());
    vm::object::alloc(
        ts,
        cls.as_type(),
        PyGroupBy {
            it,
            keyfunc,
            st: Mutex::new(GroupState::default()),
        },
    )
}

/// Reads the next value and its key into the state; `false` at the end.
fn step(ts: &ThreadState, g: &PyGroupBy) -> PyResult<bool> {
    let Some(v) = protocols::next(ts, &g.it)? else {
        return Ok(false);
    };
    let k = match &g.keyfunc {
        None => v.clone(),
        Some(f) => protocols::call(ts, f, std::slice::from_ref(&v), None)?,
    };
    let old = {
        let mut s = lock(&g.st);
        (s.currvalue.replace(v), s.currkey.replace(k))
    };
    drop(old);
    Ok(true)
}

fn groupby_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let g = payload::<PyGroupBy>(ts, v, "groupby")?;
    lock(&g.st).gen += 1;
    // Skip the rest of the current group.
    loop {
        let (tgt, cur) = {
            let s = lock(&g.st);
            (s.tgtkey.clone(), s.currkey.clone())
        };
        match (tgt, cur) {
            (_, None) => {}
            (None, Some(_)) => break,
            (Some(t), Some(c)) => {
                if !protocols::eq_identity_first(ts, &t, &c)? {
                    break;
                }
            }
        }
        if !step(ts, g)? {
            return Ok(None);
        }
    }
    let (key, gen, old) = {
        let mut s = lock(&g.st);
        let key = s.currkey.clone().unwrap_or_else(none);
        let old = s.tgtkey.replace(key.clone());
        (key, s.gen, old)
    };
    drop(old);
    let ty = GROUPER
        .get()
        .ok_or_else(|| ts.runtime_error("itertools._grouper is missing"))?;
    let grouper = vm::object::alloc(
        ts,
        ty,
        PyGrouper {
            parent: v.clone(),
            tgtkey: key.clone(),
            gen,
        },
    )?;
    Ok(Some(ts.new_tuple(vec![key, grouper])))
}

fn grouper_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let gr = payload::<PyGrouper>(ts, v, "_grouper")?;
    let g = payload::<PyGroupBy>(ts, &gr.parent, "groupby")?;
    let (gen, has_value) = {
        let s = lock(&g.st);
        (s.gen, s.currvalue.is_some())
    };
    if gen != gr.gen {
        return Ok(None);
    }
    if !has_value && !step(ts, g)? {
        return Ok(None);
    }
    let cur = lock(&g.st).currkey.clone();
    let Some(cur) = cur else {
        return Ok(None);
    };
    if !protocols::eq_identity_first(ts, &gr.tgtkey, &cur)? {
        return Ok(None);
    }
    Ok(lock(&g.st).currvalue.take())
}
