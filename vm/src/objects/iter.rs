//! Iterators: the sequence iterator (list, tuple, str, bytes and `__getitem__` sequences,
//! forwards and reversed), `iter(callable, sentinel)`, `enumerate`, `zip`, `map`, `filter`,
//! and a minimal `weakref.ref`.
//!
//! Iterator positions are atomics: an iterator shared between threads may skip or repeat
//! items (as in CPython's free-threaded build) but never reads out of bounds.

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::list::PyList;
use crate::objects::seq::trace_value;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::{none, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::sync::Mutex;

pub struct PySeqIter {
    seq: Mutex<Option<Value>>,
    /// Next index; for reversed iterators, counts down.
    pos: AtomicIsize,
    reversed: bool,
}

impl PyPayload for PySeqIter {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        if let Ok(g) = self.seq.try_lock() {
            if let Some(v) = &*g {
                trace_value(v, t);
            }
        }
    }
    fn clear(&self) {
        let old = self.seq.lock().ok().and_then(|mut g| g.take());
        drop(old);
    }
}

pub fn new_seq_iter(ts: &ThreadState, ty: &PyType, seq: Value) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        ty,
        PySeqIter {
            seq: Mutex::new(Some(seq)),
            pos: AtomicIsize::new(0),
            reversed: false,
        },
    )
}

/// `reversed(seq)` over a sequence of length `len`.
pub fn new_rev_iter(ts: &ThreadState, seq: Value, len: usize) -> PyResult<Value> {
    let ty = if seq.downcast::<PyList>().is_some() {
        types().list_rev_iter
    } else {
        types().reversed
    };
    crate::object::alloc(
        ts,
        ty,
        PySeqIter {
            seq: Mutex::new(Some(seq)),
            pos: AtomicIsize::new(len as isize - 1),
            reversed: true,
        },
    )
}

fn seq_item(ts: &ThreadState, seq: &Value, i: isize) -> PyResult<Option<Value>> {
    if i < 0 {
        return Ok(None);
    }
    let i = i as usize;
    if let Some(t) = seq.downcast::<PyTuple>() {
        return Ok(t.as_slice().get(i).cloned());
    }
    if let Some(l) = seq.downcast::<PyList>() {
        return Ok(l.get(ts, i));
    }
    if let Some(s) = seq.downcast::<PyStr>() {
        if i < s.len() {
            return Ok(Some(ts.new_char(s.char_at(i))));
        }
        return Ok(None);
    }
    // Only bytes and bytearray: other bytes-likes (memoryview, array) have typed items.
    if let Some(b) = seq.downcast::<crate::objects::bytes::PyBytes>() {
        return Ok(b.data.get(i).map(|&x| ts.new_int(x as i64)));
    }
    if let Some(b) = seq.downcast::<crate::objects::bytes::PyByteArray>() {
        let x = b.data.lock().ok().and_then(|d| d.get(i).copied());
        return Ok(x.map(|x| ts.new_int(x as i64)));
    }
    match protocols::get_item(ts, seq, &ts.new_usize(i)) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(types().exc.index_error) || e.matches(types().exc.stop_iteration) => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// FOR_ITER fast path for list and tuple iterators: `Some(next)` or `None` when the value is
/// not such an iterator.
#[inline]
pub fn seq_iter_fast(ts: &ThreadState, v: &Value) -> Option<PyResult<Option<Value>>> {
    let it = v.downcast::<PySeqIter>()?;
    if it.reversed {
        return None;
    }
    Some(seq_iter_next(ts, v))
}

fn seq_iter_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    // SAFETY: slot installed on the seq-iterator types only.
    let it = unsafe { v.payload_unchecked::<PySeqIter>() };
    let Some(seq) = it.seq.lock().ok().and_then(|g| g.clone()) else {
        return Ok(None);
    };
    // ORDERING: Relaxed: see the module doc.
    let pos = it.pos.load(Ordering::Relaxed);
    let r = seq_item(ts, &seq, pos)?;
    match r {
        Some(x) => {
            it.pos.store(
                if it.reversed { pos - 1 } else { pos + 1 },
                Ordering::Relaxed,
            );
            Ok(Some(x))
        }
        None => {
            let old = it.seq.lock().ok().and_then(|mut g| g.take());
            drop(old);
            Ok(None)
        }
    }
}

fn seq_iter_len(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    // SAFETY: method installed on the seq-iterator types only.
    let it = unsafe { s.payload_unchecked::<PySeqIter>() };
    let Some(seq) = it.seq.lock().ok().and_then(|g| g.clone()) else {
        return Ok(ts.new_int(0));
    };
    // ORDERING: Relaxed: a hint.
    let pos = it.pos.load(Ordering::Relaxed);
    if it.reversed {
        return Ok(ts.new_int((pos + 1).max(0) as i64));
    }
    let n = protocols::len(ts, &seq)? as isize;
    Ok(ts.new_int((n - pos).max(0) as i64))
}

/// `it.__reduce__()` (pickling): `(iter, (seq,), pos)`, `reversed` for reversed iterators,
/// or once exhausted an empty sequence of the same kind (CPython's `*iter_reduce`).
fn seq_iter_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    // SAFETY: method installed on the seq-iterator types only.
    let it = unsafe { s.payload_unchecked::<PySeqIter>() };
    let b = crate::import::import_module(ts, "builtins")?;
    let t = types();
    let f = protocols::get_attr_str(ts, &b, if it.reversed { "reversed" } else { "iter" })?;
    match it.seq.lock().ok().and_then(|g| g.clone()) {
        Some(seq) => {
            // ORDERING: Relaxed: see the module doc.
            let pos = it.pos.load(Ordering::Relaxed);
            Ok(ts.new_tuple(vec![f, ts.new_tuple(vec![seq]), ts.new_int(pos as i64)]))
        }
        None => {
            let ty = s.class();
            let empty = if ty.is(t.list_iter) || ty.is(t.list_rev_iter) {
                ts.new_list(Vec::new())
            } else if ty.is(t.str_iter) {
                ts.new_str("")
            } else {
                ts.new_tuple(Vec::new())
            };
            Ok(ts.new_tuple(vec![f, ts.new_tuple(vec![empty])]))
        }
    }
}

/// `it.__setstate__(pos)`: the position, clamped into the sequence.
fn seq_iter_setstate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [state] = a.parse::<1>(ts, "__setstate__", &[""], 1)?;
    // SAFETY: method installed on the seq-iterator types only.
    let it = unsafe { s.payload_unchecked::<PySeqIter>() };
    let i = protocols::index_i64_clamped(ts, &state.unwrap_or_else(crate::runtime::none))?;
    if let Some(seq) = it.seq.lock().ok().and_then(|g| g.clone()) {
        let n = protocols::len(ts, &seq)? as i64;
        let i = if it.reversed {
            i.clamp(-1, n - 1)
        } else {
            i.clamp(0, n)
        };
        // ORDERING: Relaxed: see the module doc.
        it.pos.store(i as isize, Ordering::Relaxed);
    }
    Ok(crate::runtime::none())
}

fn iter_self(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

fn reversed_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = crate::builtins::args::parse(
        ts,
        "reversed",
        args,
        kw,
        &[""],
        1,
        crate::builtins::args::VECTORCALL,
    )?;
    let seq = a[0].clone().expect("required");
    if seq.downcast::<crate::objects::dict::PyDictView>().is_some() {
        // dict views keep insertion order: reversed(view) walks it backwards.
        let mut items = protocols::collect(ts, &seq)?;
        items.reverse();
        return protocols::get_iter(ts, &ts.new_list(items));
    }
    if let Some(m) = seq
        .class()
        .lookup(ts, &crate::runtime::names().__reversed__)
    {
        if m.is_none() {
            return Err(ts.type_error(format!("'{}' object is not reversible", seq.class().name())));
        }
        return protocols::call_method_descr(ts, &m, &seq, &[]);
    }
    if !seq.class().slots.getitem.is_set()
        || seq.downcast::<crate::objects::dict::PyDict>().is_some()
    {
        return Err(ts.type_error(format!("'{}' object is not reversible", seq.class().name())));
    }
    let n = protocols::len(ts, &seq)?;
    new_rev_iter(ts, seq, n)
}

// --- iter(callable, sentinel) ---

pub struct PyCallableIter {
    state: Mutex<Option<(Value, Value)>>,
}

impl PyPayload for PyCallableIter {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        if let Ok(g) = self.state.try_lock() {
            if let Some((a, b)) = &*g {
                trace_value(a, t);
                trace_value(b, t);
            }
        }
    }
}

pub fn new_callable_iter(ts: &ThreadState, f: Value, sentinel: Value) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        types().callable_iter,
        PyCallableIter {
            state: Mutex::new(Some((f, sentinel))),
        },
    )
}

fn callable_iter_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    // SAFETY: slot installed on callable_iterator only.
    let it = unsafe { v.payload_unchecked::<PyCallableIter>() };
    let Some((f, s)) = it.state.lock().ok().and_then(|g| g.clone()) else {
        return Ok(None);
    };
    let r = match protocols::call(ts, &f, &[], None) {
        Ok(r) => r,
        Err(e) if e.matches(types().exc.stop_iteration) => {
            let old = it.state.lock().ok().and_then(|mut g| g.take());
            drop(old);
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    if protocols::eq(ts, &r, &s)? {
        let old = it.state.lock().ok().and_then(|mut g| g.take());
        drop(old);
        return Ok(None);
    }
    Ok(Some(r))
}

// --- enumerate / zip / map / filter ---

pub struct PyEnumerate {
    it: Value,
    count: Mutex<Value>,
}

impl PyPayload for PyEnumerate {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.it, t);
    }
}

fn enumerate_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = crate::builtins::args::parse(ts, "enumerate", args, kw, &["iterable", "start"], 1, 0)?;
    let it = protocols::get_iter(ts, a[0].as_ref().expect("required"))?;
    let start = match &a[1] {
        Some(s) => protocols::index(ts, s)?,
        None => ts.new_int(0),
    };
    crate::object::alloc(
        ts,
        cls.as_type(),
        PyEnumerate {
            it,
            count: Mutex::new(start),
        },
    )
}

fn enumerate_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    // SAFETY: slot installed on enumerate (and subclasses) only.
    let e = unsafe { v.payload_unchecked::<PyEnumerate>() };
    let Some(x) = protocols::next(ts, &e.it)? else {
        return Ok(None);
    };
    let i = {
        let mut g = match e.count.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let cur = g.clone();
        let nxt = match cur.as_inline_int().and_then(|i| i.checked_add(1)) {
            Some(n) => ts.new_int(n),
            None => {
                let one = ts.new_int(1);
                drop(g);
                let n = protocols::binary_op(ts, &cur, &one, crate::objects::slots::BinOp::Add)?;
                g = match e.count.lock() {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                };
                n
            }
        };
        *g = nxt;
        cur
    };
    Ok(Some(ts.new_tuple(vec![i, x])))
}

pub struct PyZip {
    its: Vec<Value>,
    strict: AtomicBool,
    done: AtomicBool,
}

impl PyPayload for PyZip {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        for v in &self.its {
            trace_value(v, t);
        }
    }
}

fn zip_new(ts: &ThreadState, cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let nkw = kw.map_or(0, |k| k.len());
    let mut strict = false;
    if let Some(k) = kw {
        for (name, v) in k.as_slice().iter().zip(&args[args.len() - nkw..]) {
            if crate::objects::str::str_lossy(name) != "strict" {
                return Err(ts.type_error(format!(
                    "zip() got an unexpected keyword argument '{}'",
                    crate::objects::str::str_lossy(name)
                )));
            }
            strict = protocols::is_true(ts, v)?;
        }
    }
    let mut its = Vec::new();
    for a in &args[..args.len() - nkw] {
        its.push(protocols::get_iter(ts, a)?);
    }
    crate::object::alloc(
        ts,
        cls.as_type(),
        PyZip {
            its,
            strict: AtomicBool::new(strict),
            done: AtomicBool::new(false),
        },
    )
}

fn zip_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    // SAFETY: slot installed on zip only.
    let z = unsafe { v.payload_unchecked::<PyZip>() };
    // ORDERING: Relaxed: see the module doc.
    if z.its.is_empty() || z.done.load(Ordering::Relaxed) {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(z.its.len());
    for (i, it) in z.its.iter().enumerate() {
        match protocols::next(ts, it)? {
            Some(x) => out.push(x),
            None => {
                z.done.store(true, Ordering::Relaxed);
                // ORDERING: Relaxed: a flag set by __setstate__, no data hangs on it.
                if z.strict.load(Ordering::Relaxed) {
                    if i > 0 {
                        let plural = if i == 1 { " " } else { "s 1-" };
                        return Err(ts.value_error(format!(
                            "zip() argument {} is shorter than argument{plural}{}",
                            i + 1,
                            i
                        )));
                    }
                    for (j, other) in z.its.iter().enumerate().skip(1) {
                        if protocols::next(ts, other)?.is_some() {
                            let plural = if j == 1 { " " } else { "s 1-" };
                            return Err(ts.value_error(format!(
                                "zip() argument {} is longer than argument{plural}{}",
                                j + 1,
                                j
                            )));
                        }
                    }
                }
                return Ok(None);
            }
        }
    }
    Ok(Some(ts.new_tuple(out)))
}

pub struct PyMap {
    func: Value,
    its: Vec<Value>,
    /// `strict=True` (3.14): ValueError when the iterables differ in length (settable by
    /// `__setstate__`, as pickling restores it).
    strict: AtomicBool,
}

impl PyPayload for PyMap {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.func, t);
        for v in &self.its {
            trace_value(v, t);
        }
    }
}

fn map_new(ts: &ThreadState, cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let nkw = kw.map_or(0, |k| k.len());
    let mut strict = false;
    if let Some(k) = kw {
        for (name, v) in k.as_slice().iter().zip(&args[args.len() - nkw..]) {
            if crate::objects::str::str_lossy(name) != "strict" {
                return Err(ts.type_error(format!(
                    "map() got an unexpected keyword argument '{}'",
                    crate::objects::str::str_lossy(name)
                )));
            }
            strict = protocols::is_true(ts, v)?;
        }
    }
    let args = &args[..args.len() - nkw];
    if args.len() < 2 {
        return Err(ts.type_error("map() must have at least two arguments."));
    }
    let mut its = Vec::new();
    for a in &args[1..] {
        its.push(protocols::get_iter(ts, a)?);
    }
    crate::object::alloc(
        ts,
        cls.as_type(),
        PyMap {
            func: args[0].clone(),
            its,
            strict: AtomicBool::new(strict),
        },
    )
}

fn map_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    // SAFETY: slot installed on map only.
    let m = unsafe { v.payload_unchecked::<PyMap>() };
    let mut args = Vec::with_capacity(m.its.len());
    for (i, it) in m.its.iter().enumerate() {
        match protocols::next(ts, it)? {
            Some(x) => args.push(x),
            // ORDERING: Relaxed: a flag set by __setstate__, no data hangs on it.
            None if m.strict.load(Ordering::Relaxed) => return map_strict_end(ts, m, i),
            None => return Ok(None),
        }
    }
    protocols::call(ts, &m.func, &args, None).map(Some)
}

/// Iterable `i` of a strict map ran out: fine only if every iterable did at once.
fn map_strict_end(ts: &ThreadState, m: &PyMap, i: usize) -> PyResult<Option<Value>> {
    if i > 0 {
        let s = if i == 1 { " " } else { "s 1-" };
        return Err(ts.value_error(format!(
            "map() argument {} is shorter than argument{s}{i}",
            i + 1
        )));
    }
    for (j, it) in m.its.iter().enumerate().skip(1) {
        if protocols::next(ts, it)?.is_some() {
            let s = if j == 1 { " " } else { "s 1-" };
            return Err(ts.value_error(format!(
                "map() argument {} is longer than argument{s}{j}",
                j + 1
            )));
        }
    }
    Ok(None)
}

pub struct PyFilter {
    func: Value,
    it: Value,
}

impl PyPayload for PyFilter {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.func, t);
        trace_value(&self.it, t);
    }
}

fn filter_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    // As CPython: keywords are refused unless a subclass brings its own `__init__` (which
    // then takes them).
    let (args, kw) = match kw {
        Some(k) if !k.is_empty() => {
            let init = |t: &crate::objects::typeobj::PyType| t.lookup_str(ts, "__init__");
            let own_init = match (init(cls.as_type()), init(types().filter)) {
                (Some(a), Some(b)) => !a.is(&b),
                _ => false,
            };
            if !own_init {
                return Err(ts.type_error("filter() takes no keyword arguments"));
            }
            (&args[..args.len() - k.len()], None)
        }
        _ => (args, kw),
    };
    let a = crate::builtins::args::parse(ts, "filter", args, kw, &["", ""], 2, 0)?;
    let it = protocols::get_iter(ts, a[1].as_ref().expect("required"))?;
    crate::object::alloc(
        ts,
        cls.as_type(),
        PyFilter {
            func: a[0].clone().expect("required"),
            it,
        },
    )
}

fn filter_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    // SAFETY: slot installed on filter only.
    let f = unsafe { v.payload_unchecked::<PyFilter>() };
    loop {
        let Some(x) = protocols::next(ts, &f.it)? else {
            return Ok(None);
        };
        let keep = if f.func.is_none() || f.func.is(&types().bool.to_value()) {
            protocols::is_true(ts, &x)?
        } else {
            let r = protocols::call(ts, &f.func, std::slice::from_ref(&x), None)?;
            protocols::is_true(ts, &r)?
        };
        if keep {
            return Ok(Some(x));
        }
    }
}

/// `(type(self), args)` or `(type(self), args, state)`: the pickling form.
fn reduce_tuple(ts: &ThreadState, s: &Value, args: Vec<Value>, state: Option<Value>) -> Value {
    let mut parts = vec![s.class().to_value(), ts.new_tuple(args)];
    parts.extend(state);
    ts.new_tuple(parts)
}

fn filter_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    // SAFETY: method installed on filter (and subclasses, which share the payload).
    let f = unsafe { s.payload_unchecked::<PyFilter>() };
    Ok(reduce_tuple(
        ts,
        s,
        vec![f.func.clone(), f.it.clone()],
        None,
    ))
}

fn map_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    // SAFETY: method installed on map (and subclasses, which share the payload).
    let m = unsafe { s.payload_unchecked::<PyMap>() };
    let mut args = vec![m.func.clone()];
    args.extend(m.its.iter().cloned());
    // ORDERING: Relaxed: see map_next.
    let strict = m.strict.load(Ordering::Relaxed).then(|| py_bool(true));
    Ok(reduce_tuple(ts, s, args, strict))
}

fn zip_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    // SAFETY: method installed on zip (and subclasses, which share the payload).
    let z = unsafe { s.payload_unchecked::<PyZip>() };
    // ORDERING: Relaxed: see zip_next.
    let strict = z.strict.load(Ordering::Relaxed).then(|| py_bool(true));
    Ok(reduce_tuple(ts, s, z.its.clone(), strict))
}

/// `map`/`zip` `__setstate__(strict)`.
fn strict_setstate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [state] = a.parse::<1>(ts, "__setstate__", &[""], 1)?;
    let strict = protocols::is_true(ts, &state.expect("required"))?;
    let flag = if let Some(m) = s.downcast::<PyMap>() {
        &m.strict
    } else if let Some(z) = s.downcast::<PyZip>() {
        &z.strict
    } else {
        return Err(ts.type_error("__setstate__ of a map or zip object expected"));
    };
    // ORDERING: Relaxed: see map_next / zip_next.
    flag.store(strict, Ordering::Relaxed);
    Ok(none())
}

fn enumerate_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    // SAFETY: method installed on enumerate (and subclasses, which share the payload).
    let e = unsafe { s.payload_unchecked::<PyEnumerate>() };
    let count = e
        .count
        .lock()
        .map(|c| c.clone())
        .unwrap_or_else(|p| p.into_inner().clone());
    Ok(reduce_tuple(ts, s, vec![e.it.clone(), count], None))
}

pub use crate::objects::weakref::PyWeakRef;

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::add_method;
    let t = types();
    for ty in [
        t.list_iter,
        t.list_rev_iter,
        t.tuple_iter,
        t.str_iter,
        t.bytes_iter,
        t.seq_iter,
        t.reversed,
    ] {
        ty.slots.iter.set(Some(iter_self));
        ty.slots.iternext.set(Some(seq_iter_next));
        add_method(ts, ty, "__length_hint__", seq_iter_len);
        add_method(ts, ty, "__reduce__", seq_iter_reduce);
        add_method(ts, ty, "__setstate__", seq_iter_setstate);
    }
    t.reversed.slots.new.set(Some(reversed_new));
    t.callable_iter.slots.iter.set(Some(iter_self));
    t.callable_iter.slots.iternext.set(Some(callable_iter_next));
    t.enumerate.slots.new.set(Some(enumerate_new));
    t.enumerate.slots.iter.set(Some(iter_self));
    t.enumerate.slots.iternext.set(Some(enumerate_next));
    t.zip.slots.new.set(Some(zip_new));
    t.zip.slots.iter.set(Some(iter_self));
    t.zip.slots.iternext.set(Some(zip_next));
    t.map.slots.new.set(Some(map_new));
    t.map.slots.iter.set(Some(iter_self));
    t.map.slots.iternext.set(Some(map_next));
    t.filter.slots.new.set(Some(filter_new));
    t.filter.slots.iter.set(Some(iter_self));
    t.filter.slots.iternext.set(Some(filter_next));
    add_method(ts, t.filter, "__reduce__", filter_reduce);
    add_method(ts, t.map, "__reduce__", map_reduce);
    add_method(ts, t.zip, "__reduce__", zip_reduce);
    add_method(ts, t.map, "__setstate__", strict_setstate);
    add_method(ts, t.zip, "__setstate__", strict_setstate);
    add_method(ts, t.enumerate, "__reduce__", enumerate_reduce);
    crate::objects::weakref::init(ts);
    let _ = py_bool(true);
}
