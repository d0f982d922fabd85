//! `tee`, `_tee` and `_tee_dataobject` (CPython's `teeobject` and `teedataobject`).
//!
//! The copies of one tee share a linked list of data objects, each buffering up to
//! [`LINKCELLS`] items read from the source iterator; a `_tee` is a (data object, index)
//! cursor into that list. Only one thread at a time reads the source for a data object
//! (`running`): another that needs the next item meanwhile, or a re-entrant call from the
//! source's own `__next__`, gets CPython's "cannot re-enter the tee iterator".

use super::{lock, payload, trace_opt};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use vm::builtins::args::{parse, MethodArgs, VECTORCALL};
use vm::object::PyPayload;
use vm::objects::descr::add_method;
use vm::objects::seq::trace_value;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::protocols;
use vm::runtime::{none, types};
use vm::{PyResult, ThreadState, Value};

/// Items per data object (CPython's value, chosen so a data object fills a cache-friendly size).
const LINKCELLS: usize = 57;

struct Types {
    tee: &'static PyType,
    data: &'static PyType,
}

static TYPES: OnceLock<Types> = OnceLock::new();

fn tee_types(ts: &ThreadState) -> &'static Types {
    TYPES.get_or_init(|| Types {
        tee: vm::runtime::new_native_type::<PyTee>(
            ts,
            "itertools._tee",
            None,
            flags::WEAKREFABLE,
            |ts, t| {
                t.slots.new.set(Some(tee_new));
                t.slots.iter.set(Some(super::self_iter));
                t.slots.iternext.set(Some(tee_next));
                add_method(ts, t, "__copy__", m_copy);
                super::set_module(ts, t);
            },
        ),
        data: vm::runtime::new_native_type::<PyTeeData>(
            ts,
            "itertools._tee_dataobject",
            None,
            0,
            super::set_module,
        ),
    })
}

pub(super) fn all_types(ts: &ThreadState) -> Vec<&'static PyType> {
    let t = tee_types(ts);
    vec![t.tee, t.data]
}

pub struct PyTeeData {
    it: Value,
    /// (buffered items, next data object).
    st: Mutex<(Vec<Value>, Option<Value>)>,
    running: AtomicBool,
}

impl PyPayload for PyTeeData {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.it, t);
        if let Ok(g) = self.st.try_lock() {
            for v in &g.0 {
                trace_value(v, t);
            }
            trace_opt(&g.1, t);
        }
    }
    fn clear(&self) {
        let old = std::mem::take(&mut *lock(&self.st));
        drop(old);
    }
}

fn new_data(ts: &ThreadState, it: Value) -> PyResult<Value> {
    vm::object::alloc(
        ts,
        tee_types(ts).data,
        PyTeeData {
            it,
            st: Mutex::new((Vec::new(), None)),
            running: AtomicBool::new(false),
        },
    )
}

fn data_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyTeeData> {
    payload::<PyTeeData>(ts, v, "_tee_dataobject")
}

impl PyTeeData {
    /// The data object after this one, made on first use.
    fn jumplink(&self, ts: &ThreadState) -> PyResult<Value> {
        if let Some(n) = lock(&self.st).1.clone() {
            return Ok(n);
        }
        let fresh = new_data(ts, self.it.clone())?;
        let mut g = lock(&self.st);
        Ok(g.1.get_or_insert(fresh).clone())
    }

    /// Item `i` of this link, reading the source when it is the next one.
    fn get(&self, ts: &ThreadState, i: usize) -> PyResult<Option<Value>> {
        {
            let g = lock(&self.st);
            if let Some(v) = g.0.get(i) {
                return Ok(Some(v.clone()));
            }
            if i > g.0.len() {
                return Ok(None);
            }
        }
        // ORDERING: Acquire/Release: the flag hands the source iterator from one reader to
        // the next; the buffer itself is under the mutex.
        if self.running.swap(true, Ordering::Acquire) {
            return Err(ts.runtime_error("cannot re-enter the tee iterator"));
        }
        let r = protocols::next(ts, &self.it);
        self.running.store(false, Ordering::Release);
        let Some(x) = r? else {
            return Ok(None);
        };
        let mut g = lock(&self.st);
        g.0.push(x);
        Ok(g.0.get(i).cloned())
    }
}

pub struct PyTee {
    /// (data object, index into it).
    st: Mutex<(Value, usize)>,
}

impl PyPayload for PyTee {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        if let Ok(g) = self.st.try_lock() {
            trace_value(&g.0, t);
        }
    }
}

fn new_tee(ts: &ThreadState, data: Value, index: usize) -> PyResult<Value> {
    vm::object::alloc(
        ts,
        tee_types(ts).tee,
        PyTee {
            st: Mutex::new((data, index)),
        },
    )
}

/// `_tee(iterable)`: a copy when `iterable`'s iterator is already a tee.
fn tee_from_iterable(ts: &ThreadState, iterable: &Value) -> PyResult<Value> {
    let it = protocols::get_iter(ts, iterable)?;
    if let Some(t) = it.downcast::<PyTee>() {
        let (d, i) = lock(&t.st).clone();
        return new_tee(ts, d, i);
    }
    let data = new_data(ts, it)?;
    new_tee(ts, data, 0)
}

fn tee_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = parse(ts, "_tee", args, kw, &[""], 1, VECTORCALL)?;
    tee_from_iterable(ts, &a[0].clone().unwrap_or_else(none))
}

fn tee_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let t = payload::<PyTee>(ts, v, "_tee")?;
    let (mut data, mut index) = lock(&t.st).clone();
    if index >= LINKCELLS {
        data = data_of(ts, &data)?.jumplink(ts)?;
        index = 0;
        let old = std::mem::replace(&mut *lock(&t.st), (data.clone(), 0));
        drop(old);
    }
    let Some(x) = data_of(ts, &data)?.get(ts, index)? else {
        return Ok(None);
    };
    let old = std::mem::replace(&mut *lock(&t.st), (data, index + 1));
    drop(old);
    Ok(Some(x))
}

fn m_copy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__copy__")?;
    let t = payload::<PyTee>(ts, s, "_tee")?;
    let (d, i) = lock(&t.st).clone();
    new_tee(ts, d, i)
}

/// `itertools.tee(iterable, n=2, /)`.
pub(super) fn tee(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let a = parse(ts, "tee", a.args, a.kwnames, &["", ""], 1, VECTORCALL)?;
    let n = match &a[1] {
        Some(n) => match protocols::index_i64(ts, n) {
            Err(e) if e.matches(types().exc.index_error) => {
                return Err(ts.overflow_error("Python int too large to convert to C ssize_t"))
            }
            r => r?,
        },
        None => 2,
    };
    if n < 0 {
        return Err(ts.value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(ts.new_tuple(vec![]));
    }
    let it = protocols::get_iter(ts, &a[0].clone().unwrap_or_else(none))?;
    // As CPython 3.14 (gh-123884): always a fresh `_tee`, so copies are independent even
    // when `iterable` is itself a tee (or has a `__copy__` of its own).
    let first = tee_from_iterable(ts, &it)?;
    let copy = protocols::get_attr_str(ts, &first, "__copy__")?;
    let mut out = Vec::with_capacity(n.min(1 << 16) as usize);
    out.push(first);
    for _ in 1..n {
        out.push(protocols::call(ts, &copy, &[], None)?);
    }
    Ok(ts.new_tuple(out))
}
