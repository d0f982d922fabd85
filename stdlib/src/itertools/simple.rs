//! The one-pass iterators of `itertools`: count, repeat, cycle, chain, compress, dropwhile,
//! takewhile, filterfalse, starmap, pairwise, batched, accumulate, islice, zip_longest.
//! Locking rules: see the module doc in `mod.rs`.

use super::{iter_type, lock, no_keywords, payload, trace_opt};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Mutex;
use vm::builtins::args::{parse, MethodArgs, VECTORCALL};
use vm::object::PyPayload;
use vm::objects::descr::{add_classmethod, add_method};
use vm::objects::seq::trace_value;
use vm::objects::slots::BinOp;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::PyType;
use vm::protocols;
use vm::runtime::{none, types};
use vm::{PyResult, ThreadState, Value};

/// The types of this file, for the module dict.
pub(super) fn all_types(ts: &ThreadState) -> Vec<&'static PyType> {
    vec![
        iter_type::<PyCount>(ts, "count", count_new, count_next, |_ts, t| {
            t.slots.repr.set(Some(count_repr));
        }),
        iter_type::<PyRepeat>(ts, "repeat", repeat_new, repeat_next, |ts, t| {
            t.slots.repr.set(Some(repeat_repr));
            add_method(ts, t, "__length_hint__", repeat_length_hint);
        }),
        iter_type::<PyCycle>(ts, "cycle", cycle_new, cycle_next, |_, _| {}),
        iter_type::<PyChain>(ts, "chain", chain_new, chain_next, |ts, t| {
            add_classmethod(ts, t, "from_iterable", chain_from_iterable);
            add_classmethod(
                ts,
                t,
                "__class_getitem__",
                vm::objects::generic_alias::class_getitem,
            );
        }),
        iter_type::<PyCompress>(ts, "compress", compress_new, compress_next, |_, _| {}),
        iter_type::<PyPredicate>(ts, "dropwhile", dropwhile_new, dropwhile_next, |_, _| {}),
        iter_type::<PyTakeWhile>(ts, "takewhile", takewhile_new, takewhile_next, |_, _| {}),
        iter_type::<PyFilterFalse>(
            ts,
            "filterfalse",
            filterfalse_new,
            filterfalse_next,
            |_, _| {},
        ),
        iter_type::<PyStarmap>(ts, "starmap", starmap_new, starmap_next, |_, _| {}),
        iter_type::<PyPairwise>(ts, "pairwise", pairwise_new, pairwise_next, |_, _| {}),
        iter_type::<PyBatched>(ts, "batched", batched_new, batched_next, |_, _| {}),
        iter_type::<PyAccumulate>(ts, "accumulate", accumulate_new, accumulate_next, |_, _| {}),
        iter_type::<PyIslice>(ts, "islice", islice_new, islice_next, |_, _| {}),
        iter_type::<PyZipLongest>(
            ts,
            "zip_longest",
            zip_longest_new,
            zip_longest_next,
            |_, _| {},
        ),
    ]
}

fn alloc<T: PyPayload>(ts: &ThreadState, cls: &Value, p: T) -> PyResult<Value> {
    vm::object::alloc(ts, cls.as_type(), p)
}

/// A type's short name (`count`, or a subclass's `__name__`), as `_PyType_Name` gives.
fn short_name(v: &Value) -> String {
    let n = v.class().name();
    match n.rsplit_once('.') {
        Some((_, s)) => s.to_string(),
        None => n,
    }
}

/// A `Py_ssize_t` argument (`__index__`; OverflowError when too large).
fn ssize(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    match protocols::index_i64(ts, v) {
        Err(e) if e.matches(types().exc.index_error) => {
            Err(ts.overflow_error("Python int too large to convert to C ssize_t"))
        }
        r => r,
    }
}

fn req(v: Option<Value>) -> Value {
    v.unwrap_or_else(none)
}

// --- count ---

pub struct PyCount {
    /// (current, step).
    st: Mutex<(Value, Value)>,
}

impl PyPayload for PyCount {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        if let Ok(g) = self.st.try_lock() {
            trace_value(&g.0, t);
            trace_value(&g.1, t);
        }
    }
}

/// `PyNumber_Check`: what `count` accepts as start and step.
fn is_number(v: &Value) -> bool {
    let s = &v.class().slots;
    v.is_inline_int()
        || s.index.is_set()
        || s.int.is_set()
        || s.float.is_set()
        || v.class().is_subtype(types().complex)
}

fn count_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = parse(ts, "count", args, kw, &["start", "step"], 0, 0)?;
    let start = a[0].clone().unwrap_or_else(|| ts.new_int(0));
    let step = a[1].clone().unwrap_or_else(|| ts.new_int(1));
    if !is_number(&start) || !is_number(&step) {
        return Err(ts.type_error("a number is required"));
    }
    alloc(
        ts,
        cls,
        PyCount {
            st: Mutex::new((start, step)),
        },
    )
}

fn count_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let c = payload::<PyCount>(ts, v, "count")?;
    let (cur, step) = {
        let mut g = lock(&c.st);
        if let (Some(a), Some(b)) = (g.0.as_inline_int(), g.1.as_inline_int()) {
            if let Some(n) = a.checked_add(b).and_then(Value::try_inline_int) {
                let old = std::mem::replace(&mut g.0, n);
                return Ok(Some(old));
            }
        }
        (g.0.clone(), g.1.clone())
    };
    let nxt = protocols::binary_op(ts, &cur, &step, BinOp::Add)?;
    let old = std::mem::replace(&mut lock(&c.st).0, nxt);
    drop(old);
    Ok(Some(cur))
}

fn count_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let c = payload::<PyCount>(ts, v, "count")?;
    let (cur, step) = lock(&c.st).clone();
    let name = short_name(v);
    let unit = matches!(
        vm::objects::int::as_int(&step),
        Some(vm::objects::int::IntVal::Small(1))
    );
    let r = if unit {
        format!("{name}({})", protocols::repr_string(ts, &cur)?)
    } else {
        format!(
            "{name}({}, {})",
            protocols::repr_string(ts, &cur)?,
            protocols::repr_string(ts, &step)?
        )
    };
    Ok(ts.new_str(&r))
}

// --- repeat ---

pub struct PyRepeat {
    obj: Value,
    /// Items left; -1: forever.
    cnt: AtomicI64,
}

impl PyPayload for PyRepeat {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.obj, t);
    }
}

fn repeat_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = parse(ts, "repeat", args, kw, &["object", "times"], 1, 0)?;
    let cnt = match &a[1] {
        Some(t) => ssize(ts, t)?.max(0),
        None => -1,
    };
    alloc(
        ts,
        cls,
        PyRepeat {
            obj: req(a[0].clone()),
            cnt: AtomicI64::new(cnt),
        },
    )
}

fn repeat_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let r = payload::<PyRepeat>(ts, v, "repeat")?;
    // ORDERING: Relaxed: the count guards no other memory; the RMW makes each item counted
    // once across threads.
    let ok = r
        .cnt
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| match n {
            0 => None,
            n if n < 0 => Some(n),
            n => Some(n - 1),
        })
        .is_ok();
    Ok(ok.then(|| r.obj.clone()))
}

fn repeat_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let r = payload::<PyRepeat>(ts, v, "repeat")?;
    let name = short_name(v);
    let obj = protocols::repr_string(ts, &r.obj)?;
    // ORDERING: Relaxed: a snapshot for display.
    let n = r.cnt.load(Ordering::Relaxed);
    Ok(ts.new_str(&if n < 0 {
        format!("{name}({obj})")
    } else {
        format!("{name}({obj}, {n})")
    }))
}

fn repeat_length_hint(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__length_hint__")?;
    let r = payload::<PyRepeat>(ts, s, "repeat")?;
    // ORDERING: Relaxed: a snapshot.
    let n = r.cnt.load(Ordering::Relaxed);
    if n < 0 {
        return Err(ts.type_error("len() of unsized object"));
    }
    Ok(ts.new_int(n))
}

// --- cycle ---

pub struct PyCycle {
    st: Mutex<CycleState>,
}

struct CycleState {
    /// The source, until it is exhausted.
    it: Option<Value>,
    saved: Vec<Value>,
    index: usize,
}

impl PyPayload for PyCycle {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        if let Ok(g) = self.st.try_lock() {
            trace_opt(&g.it, t);
            for v in &g.saved {
                trace_value(v, t);
            }
        }
    }
    fn clear(&self) {
        let (it, saved) = {
            let mut g = lock(&self.st);
            (g.it.take(), std::mem::take(&mut g.saved))
        };
        drop((it, saved));
    }
}

fn cycle_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let args = no_keywords(ts, cls, "cycle", args, kw)?;
    let a = parse(ts, "cycle", args, None, &[""], 1, VECTORCALL)?;
    let it = protocols::get_iter(ts, &req(a[0].clone()))?;
    alloc(
        ts,
        cls,
        PyCycle {
            st: Mutex::new(CycleState {
                it: Some(it),
                saved: Vec::new(),
                index: 0,
            }),
        },
    )
}

fn cycle_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let c = payload::<PyCycle>(ts, v, "cycle")?;
    let it = lock(&c.st).it.clone();
    if let Some(it) = it {
        match protocols::next(ts, &it)? {
            Some(x) => {
                lock(&c.st).saved.push(x.clone());
                return Ok(Some(x));
            }
            None => {
                let old = lock(&c.st).it.take();
                drop(old);
            }
        }
    }
    let mut g = lock(&c.st);
    if g.saved.is_empty() {
        return Ok(None);
    }
    if g.index >= g.saved.len() {
        g.index = 0;
    }
    let x = g.saved[g.index].clone();
    g.index += 1;
    Ok(Some(x))
}

// --- chain ---

pub struct PyChain {
    /// (source of iterables, active iterator).
    st: Mutex<(Option<Value>, Option<Value>)>,
}

impl PyPayload for PyChain {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        if let Ok(g) = self.st.try_lock() {
            trace_opt(&g.0, t);
            trace_opt(&g.1, t);
        }
    }
    fn clear(&self) {
        let old = std::mem::take(&mut *lock(&self.st));
        drop(old);
    }
}

fn chain_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let args = no_keywords(ts, cls, "chain", args, kw)?;
    let src = protocols::get_iter(ts, &ts.new_tuple(args.to_vec()))?;
    alloc(
        ts,
        cls,
        PyChain {
            st: Mutex::new((Some(src), None)),
        },
    )
}

fn chain_from_iterable(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let a = MethodArgs { owner: None, ..a };
    let [x] = a.parse::<1>(ts, "chain.from_iterable", &[""], 1)?;
    let src = protocols::get_iter(ts, &req(x))?;
    alloc(
        ts,
        cls,
        PyChain {
            st: Mutex::new((Some(src), None)),
        },
    )
}

fn chain_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let c = payload::<PyChain>(ts, v, "chain")?;
    loop {
        let (src, active) = lock(&c.st).clone();
        if let Some(a) = active {
            if let Some(x) = protocols::next(ts, &a)? {
                return Ok(Some(x));
            }
            let old = {
                let mut g = lock(&c.st);
                if g.1.as_ref().is_some_and(|cur| cur.is(&a)) {
                    g.1.take()
                } else {
                    None
                }
            };
            drop(old);
            continue;
        }
        let Some(src) = src else {
            return Ok(None);
        };
        match protocols::next(ts, &src)? {
            Some(iterable) => {
                let it = protocols::get_iter(ts, &iterable)?;
                let old = lock(&c.st).1.replace(it);
                drop(old);
            }
            None => {
                let old = lock(&c.st).0.take();
                drop(old);
                return Ok(None);
            }
        }
    }
}

// --- compress, dropwhile, takewhile, filterfalse, starmap ---

pub struct PyCompress {
    data: Value,
    selectors: Value,
}

impl PyPayload for PyCompress {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.data, t);
        trace_value(&self.selectors, t);
    }
}

fn compress_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = parse(ts, "compress", args, kw, &["data", "selectors"], 2, 0)?;
    let data = protocols::get_iter(ts, &req(a[0].clone()))?;
    let selectors = protocols::get_iter(ts, &req(a[1].clone()))?;
    alloc(ts, cls, PyCompress { data, selectors })
}

fn compress_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let c = payload::<PyCompress>(ts, v, "compress")?;
    loop {
        let Some(d) = protocols::next(ts, &c.data)? else {
            return Ok(None);
        };
        let Some(s) = protocols::next(ts, &c.selectors)? else {
            return Ok(None);
        };
        if protocols::is_true(ts, &s)? {
            return Ok(Some(d));
        }
    }
}

/// `dropwhile`'s payload.
pub struct PyPredicate {
    func: Value,
    it: Value,
    done: AtomicBool,
}

impl PyPayload for PyPredicate {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.func, t);
        trace_value(&self.it, t);
    }
}

/// `takewhile`'s payload (the same fields, its own layout so the types stay apart).
pub struct PyTakeWhile(PyPredicate);

impl PyPayload for PyTakeWhile {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        self.0.trace(t);
    }
}

fn predicate_args(
    ts: &ThreadState,
    cls: &Value,
    name: &str,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<PyPredicate> {
    let args = no_keywords(ts, cls, name, args, kw)?;
    let a = parse(ts, name, args, None, &["", ""], 2, VECTORCALL)?;
    let it = protocols::get_iter(ts, &req(a[1].clone()))?;
    Ok(PyPredicate {
        func: req(a[0].clone()),
        it,
        done: AtomicBool::new(false),
    })
}

fn dropwhile_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let p = predicate_args(ts, cls, "dropwhile", args, kw)?;
    alloc(ts, cls, p)
}

fn dropwhile_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let p = payload::<PyPredicate>(ts, v, "dropwhile")?;
    loop {
        let Some(x) = protocols::next(ts, &p.it)? else {
            return Ok(None);
        };
        // ORDERING: Relaxed: a flag guarding no other memory.
        if p.done.load(Ordering::Relaxed) {
            return Ok(Some(x));
        }
        let r = protocols::call(ts, &p.func, std::slice::from_ref(&x), None)?;
        if !protocols::is_true(ts, &r)? {
            p.done.store(true, Ordering::Relaxed);
            return Ok(Some(x));
        }
    }
}

fn takewhile_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let p = predicate_args(ts, cls, "takewhile", args, kw)?;
    alloc(ts, cls, PyTakeWhile(p))
}

fn takewhile_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let p = &payload::<PyTakeWhile>(ts, v, "takewhile")?.0;
    // ORDERING: Relaxed: a flag guarding no other memory.
    if p.done.load(Ordering::Relaxed) {
        return Ok(None);
    }
    let Some(x) = protocols::next(ts, &p.it)? else {
        return Ok(None);
    };
    let r = protocols::call(ts, &p.func, std::slice::from_ref(&x), None)?;
    if protocols::is_true(ts, &r)? {
        return Ok(Some(x));
    }
    p.done.store(true, Ordering::Relaxed);
    Ok(None)
}

/// `filterfalse`'s and `starmap`'s payload: a function and an iterator.
pub struct PyFilterFalse {
    func: Value,
    it: Value,
}

impl PyPayload for PyFilterFalse {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.func, t);
        trace_value(&self.it, t);
    }
}

pub struct PyStarmap(PyFilterFalse);

impl PyPayload for PyStarmap {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        self.0.trace(t);
    }
}

fn func_it(
    ts: &ThreadState,
    cls: &Value,
    name: &str,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<PyFilterFalse> {
    let args = no_keywords(ts, cls, name, args, kw)?;
    let a = parse(ts, name, args, None, &["", ""], 2, VECTORCALL)?;
    let it = protocols::get_iter(ts, &req(a[1].clone()))?;
    Ok(PyFilterFalse {
        func: req(a[0].clone()),
        it,
    })
}

fn filterfalse_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let p = func_it(ts, cls, "filterfalse", args, kw)?;
    alloc(ts, cls, p)
}

fn filterfalse_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let p = payload::<PyFilterFalse>(ts, v, "filterfalse")?;
    loop {
        let Some(x) = protocols::next(ts, &p.it)? else {
            return Ok(None);
        };
        let ok = if p.func.is_none() || p.func.is(&types().bool.to_value()) {
            protocols::is_true(ts, &x)?
        } else {
            let r = protocols::call(ts, &p.func, std::slice::from_ref(&x), None)?;
            protocols::is_true(ts, &r)?
        };
        if !ok {
            return Ok(Some(x));
        }
    }
}

fn starmap_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let p = func_it(ts, cls, "starmap", args, kw)?;
    alloc(ts, cls, PyStarmap(p))
}

fn starmap_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let p = &payload::<PyStarmap>(ts, v, "starmap")?.0;
    let Some(x) = protocols::next(ts, &p.it)? else {
        return Ok(None);
    };
    let args = match x.downcast::<PyTuple>() {
        Some(t) => t.as_slice().to_vec(),
        None => protocols::collect(ts, &x)?,
    };
    protocols::call(ts, &p.func, &args, None).map(Some)
}

// --- pairwise, batched, accumulate ---

pub struct PyPairwise {
    /// (source until exhausted, previous item).
    st: Mutex<(Option<Value>, Option<Value>)>,
}

impl PyPayload for PyPairwise {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        if let Ok(g) = self.st.try_lock() {
            trace_opt(&g.0, t);
            trace_opt(&g.1, t);
        }
    }
    fn clear(&self) {
        let old = std::mem::take(&mut *lock(&self.st));
        drop(old);
    }
}

fn pairwise_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let args = no_keywords(ts, cls, "pairwise", args, kw)?;
    let a = parse(ts, "pairwise", args, None, &[""], 1, VECTORCALL)?;
    let it = protocols::get_iter(ts, &req(a[0].clone()))?;
    alloc(
        ts,
        cls,
        PyPairwise {
            st: Mutex::new((Some(it), None)),
        },
    )
}

fn pairwise_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let p = payload::<PyPairwise>(ts, v, "pairwise")?;
    let (it, old) = lock(&p.st).clone();
    let Some(it) = it else {
        return Ok(None);
    };
    let old = match old {
        Some(o) => o,
        None => match protocols::next(ts, &it)? {
            Some(o) => {
                let prev = lock(&p.st).1.replace(o.clone());
                drop(prev);
                o
            }
            None => {
                let gone = std::mem::take(&mut *lock(&p.st));
                drop(gone);
                return Ok(None);
            }
        },
    };
    match protocols::next(ts, &it)? {
        Some(new) => {
            let prev = lock(&p.st).1.replace(new.clone());
            drop(prev);
            Ok(Some(ts.new_tuple(vec![old, new])))
        }
        None => {
            let gone = std::mem::take(&mut *lock(&p.st));
            drop(gone);
            Ok(None)
        }
    }
}

pub struct PyBatched {
    it: Mutex<Option<Value>>,
    n: usize,
    strict: bool,
}

impl PyPayload for PyBatched {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        if let Ok(g) = self.it.try_lock() {
            trace_opt(&g, t);
        }
    }
    fn clear(&self) {
        let old = lock(&self.it).take();
        drop(old);
    }
}

fn batched_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = parse(ts, "batched", args, kw, &["iterable", "n", "*strict"], 2, 0)?;
    let n = ssize(ts, &req(a[1].clone()))?;
    if n < 1 {
        return Err(ts.value_error("n must be at least one"));
    }
    let strict = match &a[2] {
        Some(s) => protocols::is_true(ts, s)?,
        None => false,
    };
    let it = protocols::get_iter(ts, &req(a[0].clone()))?;
    alloc(
        ts,
        cls,
        PyBatched {
            it: Mutex::new(Some(it)),
            n: n as usize,
            strict,
        },
    )
}

fn batched_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let b = payload::<PyBatched>(ts, v, "batched")?;
    let Some(it) = lock(&b.it).clone() else {
        return Ok(None);
    };
    let mut items = Vec::with_capacity(b.n.min(1024));
    while items.len() < b.n {
        match protocols::next(ts, &it) {
            Ok(Some(x)) => items.push(x),
            Ok(None) => break,
            Err(e) => {
                let old = lock(&b.it).take();
                drop(old);
                return Err(e);
            }
        }
    }
    if items.len() < b.n {
        let old = lock(&b.it).take();
        drop(old);
        if items.is_empty() {
            return Ok(None);
        }
        if b.strict {
            return Err(ts.value_error("batched(): incomplete batch"));
        }
    }
    Ok(Some(ts.new_tuple(items)))
}

pub struct PyAccumulate {
    it: Value,
    func: Option<Value>,
    /// (running total, initial value not yet yielded).
    st: Mutex<(Option<Value>, Option<Value>)>,
}

impl PyPayload for PyAccumulate {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.it, t);
        trace_opt(&self.func, t);
        if let Ok(g) = self.st.try_lock() {
            trace_opt(&g.0, t);
            trace_opt(&g.1, t);
        }
    }
    fn clear(&self) {
        let old = std::mem::take(&mut *lock(&self.st));
        drop(old);
    }
}

fn accumulate_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = parse(
        ts,
        "accumulate",
        args,
        kw,
        &["iterable", "func", "*initial"],
        1,
        0,
    )?;
    let it = protocols::get_iter(ts, &req(a[0].clone()))?;
    let func = a[1].clone().filter(|f| !f.is_none());
    let initial = a[2].clone().filter(|f| !f.is_none());
    alloc(
        ts,
        cls,
        PyAccumulate {
            it,
            func,
            st: Mutex::new((None, initial)),
        },
    )
}

fn accumulate_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let p = payload::<PyAccumulate>(ts, v, "accumulate")?;
    {
        let mut g = lock(&p.st);
        if let Some(init) = g.1.take() {
            let old = g.0.replace(init.clone());
            drop(g);
            drop(old);
            return Ok(Some(init));
        }
    }
    let Some(x) = protocols::next(ts, &p.it)? else {
        return Ok(None);
    };
    let total = lock(&p.st).0.clone();
    let new = match total {
        None => x,
        Some(t) => match &p.func {
            None => protocols::binary_op(ts, &t, &x, BinOp::Add)?,
            Some(f) => protocols::call(ts, f, &[t, x], None)?,
        },
    };
    let old = lock(&p.st).0.replace(new.clone());
    drop(old);
    Ok(Some(new))
}

// --- islice ---

pub struct PyIslice {
    st: Mutex<IsliceState>,
    stop: Option<i64>,
    step: i64,
}

struct IsliceState {
    it: Option<Value>,
    /// Index of the next item to yield.
    next: i64,
    /// Items consumed so far.
    cnt: i64,
}

impl PyPayload for PyIslice {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        if let Ok(g) = self.st.try_lock() {
            trace_opt(&g.it, t);
        }
    }
    fn clear(&self) {
        let old = lock(&self.st).it.take();
        drop(old);
    }
}

/// An islice bound: None, or a non-negative `Py_ssize_t` (`None` result: invalid).
fn islice_arg(ts: &ThreadState, v: &Value) -> Option<i64> {
    if !v.is_inline_int() && !v.class().slots.index.is_set() {
        return None;
    }
    protocols::index_i64(ts, v).ok().filter(|n| *n >= 0)
}

fn islice_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let args = no_keywords(ts, cls, "islice", args, kw)?;
    let n = args.len();
    if n < 2 {
        return Err(ts.type_error(format!("islice expected at least 2 arguments, got {n}")));
    }
    if n > 4 {
        return Err(ts.type_error(format!("islice expected at most 4 arguments, got {n}")));
    }
    let stop_msg = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let idx_msg = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let (mut start, mut stop) = (0i64, None);
    if n == 2 {
        if !args[1].is_none() {
            stop = Some(islice_arg(ts, &args[1]).ok_or_else(|| ts.value_error(stop_msg))?);
        }
    } else {
        if !args[1].is_none() {
            start = islice_arg(ts, &args[1]).ok_or_else(|| ts.value_error(idx_msg))?;
        }
        if !args[2].is_none() {
            stop = Some(islice_arg(ts, &args[2]).ok_or_else(|| ts.value_error(stop_msg))?);
        }
    }
    let mut step = 1;
    if n == 4 && !args[3].is_none() {
        step = islice_arg(ts, &args[3])
            .filter(|s| *s >= 1)
            .ok_or_else(|| {
                ts.value_error("Step for islice() must be a positive integer or None.")
            })?;
    }
    let it = protocols::get_iter(ts, &args[0])?;
    alloc(
        ts,
        cls,
        PyIslice {
            st: Mutex::new(IsliceState {
                it: Some(it),
                next: start,
                cnt: 0,
            }),
            stop,
            step,
        },
    )
}

fn islice_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let p = payload::<PyIslice>(ts, v, "islice")?;
    let empty = || {
        let old = lock(&p.st).it.take();
        drop(old);
        Ok(None)
    };
    let (it, target) = {
        let g = lock(&p.st);
        let Some(it) = g.it.clone() else {
            return Ok(None);
        };
        (it, g.next)
    };
    // Skip to the next wanted index.
    loop {
        let cnt = lock(&p.st).cnt;
        if cnt >= target {
            break;
        }
        if protocols::next(ts, &it)?.is_none() {
            return empty();
        }
        lock(&p.st).cnt += 1;
    }
    if p.stop.is_some_and(|s| lock(&p.st).cnt >= s) {
        return empty();
    }
    let Some(x) = protocols::next(ts, &it)? else {
        return empty();
    };
    let mut g = lock(&p.st);
    g.cnt += 1;
    let old = g.next;
    g.next = old.saturating_add(p.step);
    if let Some(s) = p.stop {
        if g.next > s {
            g.next = s;
        }
    }
    Ok(Some(x))
}

// --- zip_longest ---

pub struct PyZipLongest {
    st: Mutex<Vec<Option<Value>>>,
    fill: Value,
}

impl PyPayload for PyZipLongest {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.fill, t);
        if let Ok(g) = self.st.try_lock() {
            for v in g.iter() {
                trace_opt(v, t);
            }
        }
    }
    fn clear(&self) {
        let old = std::mem::take(&mut *lock(&self.st));
        drop(old);
    }
}

fn zip_longest_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let nkw = kw.map_or(0, |k| k.len());
    let npos = args.len() - nkw;
    let mut fill = none();
    if let Some(k) = kw {
        for (name, v) in k.as_slice().iter().zip(&args[npos..]) {
            if vm::objects::str::str_lossy(name) != "fillvalue" {
                return Err(ts.type_error("zip_longest() got an unexpected keyword argument"));
            }
            fill = v.clone();
        }
    }
    let mut its = Vec::with_capacity(npos);
    for a in &args[..npos] {
        its.push(Some(protocols::get_iter(ts, a)?));
    }
    alloc(
        ts,
        cls,
        PyZipLongest {
            st: Mutex::new(its),
            fill,
        },
    )
}

fn zip_longest_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let z = payload::<PyZipLongest>(ts, v, "zip_longest")?;
    let its = lock(&z.st).clone();
    if its.iter().all(|i| i.is_none()) {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(its.len());
    for (i, it) in its.iter().enumerate() {
        let Some(it) = it else {
            out.push(z.fill.clone());
            continue;
        };
        match protocols::next(ts, it) {
            Ok(Some(x)) => out.push(x),
            Ok(None) => {
                let (old, active) = {
                    let mut g = lock(&z.st);
                    let old = g.get_mut(i).and_then(|s| s.take());
                    (old, g.iter().filter(|s| s.is_some()).count())
                };
                drop(old);
                if active == 0 {
                    let gone = std::mem::take(&mut *lock(&z.st));
                    drop(gone);
                    return Ok(None);
                }
                out.push(z.fill.clone());
            }
            Err(e) => {
                let gone = std::mem::take(&mut *lock(&z.st));
                drop(gone);
                return Err(e);
            }
        }
    }
    Ok(Some(ts.new_tuple(out)))
}
