//! `_deque_iterator` and `_deque_reverse_iterator` (CPython's `dequeiter_*`).
//!
//! An iterator remembers the deque's mutation counter when made; any later mutation makes
//! the next `next()` raise "deque mutated during iteration". Its position lives in an
//! `UnsafeCell` guarded by the *deque's* critical section, so a step (check the counter,
//! read the item, advance) is one atomic action even when two threads share the iterator.

use super::deque::{deque_type, this as deque_of, PyDeque};
use std::cell::UnsafeCell;
use std::sync::OnceLock;
use vm::builtins::args::MethodArgs;
use vm::object::PyPayload;
use vm::objects::descr::add_method;
use vm::objects::seq::trace_value;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::PyType;
use vm::{PyResult, ThreadState, Value};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum IterDir {
    Forward,
    Backward,
}

/// A deque iterator.
pub struct PyDequeIter {
    deque: Value,
    dir: IterDir,
    pos: UnsafeCell<Pos>,
}

struct Pos {
    /// Items yielded so far (from the iteration's starting end).
    index: usize,
    /// Items left; 0 once exhausted or after a mutation was seen.
    counter: usize,
    state: u64,
}

// SAFETY: `pos` is only accessed inside the critical section of `deque` (see the module doc).
unsafe impl Sync for PyDequeIter {}

impl PyPayload for PyDequeIter {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.deque, t);
    }
}

impl PyDequeIter {
    fn deque(&self) -> &PyDeque {
        // SAFETY: `deque` is checked to be a deque when the iterator is made.
        unsafe { self.deque.payload_unchecked::<PyDeque>() }
    }

    /// One step; `Err(())` when the deque was mutated.
    fn step(&self, ts: &ThreadState) -> Result<Option<Value>, ()> {
        self.deque().with(ts, |d| {
            // SAFETY: we are inside the deque's critical section, which guards `pos`.
            let p = unsafe { &mut *self.pos.get() };
            if d.state != p.state {
                p.counter = 0;
                return Err(());
            }
            if p.counter == 0 {
                return Ok(None);
            }
            let n = d.items.len();
            let i = match self.dir {
                IterDir::Forward => p.index,
                IterDir::Backward => n.wrapping_sub(1 + p.index),
            };
            let Some(x) = d.items.get(i).cloned() else {
                p.counter = 0;
                return Ok(None);
            };
            p.index += 1;
            p.counter -= 1;
            Ok(Some(x))
        })
    }

    fn remaining(&self, ts: &ThreadState) -> usize {
        self.deque().with(ts, |_| {
            // SAFETY: inside the deque's critical section.
            unsafe { (*self.pos.get()).counter }
        })
    }
}

static FWD_TYPE: OnceLock<&'static PyType> = OnceLock::new();
static REV_TYPE: OnceLock<&'static PyType> = OnceLock::new();

pub(crate) fn iter_type(ts: &ThreadState, dir: IterDir) -> &'static PyType {
    let (cell, name) = match dir {
        IterDir::Forward => (&FWD_TYPE, "collections._deque_iterator"),
        IterDir::Backward => (&REV_TYPE, "collections._deque_reverse_iterator"),
    };
    cell.get_or_init(|| {
        vm::runtime::new_native_type::<PyDequeIter>(ts, name, None, 0, |ts, t| {
            t.slots.new.set(Some(match dir {
                IterDir::Forward => iter_new_fwd,
                IterDir::Backward => iter_new_rev,
            }));
            t.slots.iter.set(Some(self_iter));
            t.slots.iternext.set(Some(iter_next));
            add_method(ts, t, "__length_hint__", m_length_hint);
            add_method(ts, t, "__reduce__", m_reduce);
            t.dict()
                .set_str(ts, "__module__", ts.new_str("collections"));
        })
    })
}

/// A fresh iterator over `deque` (a deque, checked by the caller).
pub(crate) fn new_deque_iter(ts: &ThreadState, deque: Value, dir: IterDir) -> PyResult<Value> {
    let d = deque_of(ts, &deque)?;
    let (n, state) = d.with(ts, |d| (d.items.len(), d.state));
    let it = PyDequeIter {
        deque: deque.clone(),
        dir,
        pos: UnsafeCell::new(Pos {
            index: 0,
            counter: n,
            state,
        }),
    };
    vm::object::alloc(ts, iter_type(ts, dir), it)
}

fn iter_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
    dir: IterDir,
) -> PyResult<Value> {
    let name = match dir {
        IterDir::Forward => "_deque_iterator",
        IterDir::Backward => "_deque_reverse_iterator",
    };
    if kw.is_some_and(|k| !k.is_empty()) {
        return Err(ts.type_error(format!("{name}() takes no keyword arguments")));
    }
    if args.is_empty() {
        return Err(ts.type_error(format!(
            "function takes at least 1 argument ({} given)",
            args.len()
        )));
    }
    if args.len() > 2 {
        return Err(ts.type_error(format!(
            "function takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let dq = &args[0];
    if !dq.class().is_subtype(deque_type(ts)) {
        return Err(ts.type_error(format!(
            "argument 1 must be collections.deque, not {}",
            dq.class().name()
        )));
    }
    let skip = match args.get(1) {
        Some(i) => vm::protocols::index_i64(ts, i)?,
        None => 0,
    };
    let it = new_deque_iter(ts, dq.clone(), dir)?;
    if !cls.as_type().is(iter_type(ts, dir)) {
        return Err(ts.type_error(format!("cannot create '{name}' subclasses")));
    }
    let p = it_of(ts, &it)?;
    for _ in 0..skip.max(0) {
        match p.step(ts) {
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(()) => return Err(ts.runtime_error("deque mutated during iteration")),
        }
    }
    Ok(it)
}

fn iter_new_fwd(
    ts: &ThreadState,
    cls: &Value,
    a: &[Value],
    k: Option<&PyTuple>,
) -> PyResult<Value> {
    iter_new(ts, cls, a, k, IterDir::Forward)
}

fn iter_new_rev(
    ts: &ThreadState,
    cls: &Value,
    a: &[Value],
    k: Option<&PyTuple>,
) -> PyResult<Value> {
    iter_new(ts, cls, a, k, IterDir::Backward)
}

fn it_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyDequeIter> {
    v.downcast::<PyDequeIter>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a '_deque_iterator' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn self_iter(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

fn iter_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    it_of(ts, v)?
        .step(ts)
        .map_err(|()| ts.runtime_error("deque mutated during iteration"))
}

fn m_length_hint(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__length_hint__")?;
    Ok(ts.new_int(it_of(ts, s)?.remaining(ts) as i64))
}

fn m_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    let it = it_of(ts, s)?;
    let len = it.deque().len(ts);
    let done = len.saturating_sub(it.remaining(ts));
    Ok(ts.new_tuple(vec![
        s.class().to_value(),
        ts.new_tuple(vec![it.deque.clone(), ts.new_int(done as i64)]),
    ]))
}
