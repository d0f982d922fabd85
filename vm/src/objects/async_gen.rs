//! The async generator protocol (CPython's `Objects/genobject.c`, async half): `__anext__` /
//! `asend` return an `async_generator_asend` awaitable, `athrow` / `aclose` an
//! `async_generator_athrow`; `coroutine.__await__()` returns a `coroutine_wrapper`.
//!
//! An async generator's frame yields two kinds of values: those of an `await` passing through
//! to the event loop, and its own `yield`s, which the compiler wraps (CALL_INTRINSIC_1
//! ASYNC_GEN_WRAP) in an `async_generator_wrapped_value`. The awaitables pass the first kind
//! on and turn the second into `StopIteration(value)`, which ends the `await`.

use crate::builtins::args::MethodArgs;
use crate::errors::{PyErr, PyResult};
use crate::object::PyPayload;
use crate::objects::generator::{
    gen_iternext, gen_throw, m_close, m_send, m_throw, send_ex, stop_with, GenResult, PyGenerator,
    ThrowArgs,
};
use crate::objects::seq::trace_value;
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::{none, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::{ObjHeader, Tracer};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};

/// Per-async-generator flags (CPython's `ag_closed`, `ag_running_async`, `ag_hooks_inited`)
/// and the finalizer hook captured on first iteration.
#[derive(Default)]
pub(crate) struct AgState {
    closed: AtomicBool,
    running_async: AtomicBool,
    hooks_inited: AtomicBool,
    finalizer: Mutex<Option<Value>>,
}

impl AgState {
    pub(crate) fn trace(&self, t: &mut Tracer<'_>) {
        if let Ok(g) = self.finalizer.try_lock() {
            if let Some(v) = &*g {
                trace_value(v, t);
            }
        }
    }

    pub(crate) fn has_finalizer(&self) -> bool {
        self.finalizer
            .try_lock()
            .map(|f| f.is_some())
            .unwrap_or(false)
    }

    /// The finalizer hook to call for a dying, unclosed async generator.
    pub(crate) fn finalizer_to_call(&self) -> Option<Value> {
        // ORDERING: Relaxed: the generator is private to the finalizing thread.
        if self.closed.load(Ordering::Relaxed) {
            return None;
        }
        self.finalizer.try_lock().ok().and_then(|f| f.clone())
    }

    fn set_running(&self, v: bool) {
        // ORDERING: Relaxed: a flag checked by the awaitables of one generator; the frame itself
        // is guarded by the generator's `running` CAS.
        self.running_async.store(v, Ordering::Relaxed);
    }

    fn running(&self) -> bool {
        // ORDERING: Relaxed: see `set_running`.
        self.running_async.load(Ordering::Relaxed)
    }

    fn close(&self) {
        // ORDERING: Relaxed: see `set_running`.
        self.closed.store(true, Ordering::Relaxed);
    }

    fn is_closed(&self) -> bool {
        // ORDERING: Relaxed: see `set_running`.
        self.closed.load(Ordering::Relaxed)
    }
}

/// A value yielded by the async generator itself (not by an await inside it).
struct PyWrapped {
    val: Value,
}

impl PyPayload for PyWrapped {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.val, t);
    }
}

const INIT: u8 = 0;
const ITER: u8 = 1;
const CLOSED: u8 = 2;

/// `async_generator_asend`: one `__anext__()` / `asend(v)` step.
struct PyASend {
    gen: Value,
    sendval: Value,
    state: AtomicU8,
}

impl PyPayload for PyASend {
    const GC: bool = true;
    const FINALIZE: Option<unsafe fn(NonNull<ObjHeader>) -> bool> = Some(asend_finalize);
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.gen, t);
        trace_value(&self.sendval, t);
    }
}

/// `async_generator_athrow`: one `athrow(...)` step, or `aclose()` when `typ` is None.
struct PyAThrow {
    gen: Value,
    typ: Option<Value>,
    val: Option<Value>,
    tb: Option<Value>,
    state: AtomicU8,
}

impl PyPayload for PyAThrow {
    const GC: bool = true;
    const FINALIZE: Option<unsafe fn(NonNull<ObjHeader>) -> bool> = Some(athrow_finalize);
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.gen, t);
        for v in [&self.typ, &self.val, &self.tb].into_iter().flatten() {
            trace_value(v, t);
        }
    }
}

/// `coroutine_wrapper`: the iterator `coroutine.__await__()` returns.
struct PyCoroWrapper {
    coro: Value,
}

impl PyPayload for PyCoroWrapper {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.coro, t);
    }
}

static WRAPPED: OnceLock<&'static PyType> = OnceLock::new();
static ASEND: OnceLock<&'static PyType> = OnceLock::new();
static ATHROW: OnceLock<&'static PyType> = OnceLock::new();
static CORO_WRAPPER: OnceLock<&'static PyType> = OnceLock::new();

fn wrapped_type(ts: &ThreadState) -> &'static PyType {
    WRAPPED.get_or_init(|| {
        crate::runtime::new_native_type::<PyWrapped>(
            ts,
            "async_generator_wrapped_value",
            None,
            0,
            |_, _| {},
        )
    })
}

/// A native awaitable type (`name`): its own iterator, stepped by `next`, with `methods`.
/// Made once per process in `cell`.
fn awaitable_type<T: PyPayload>(
    ts: &ThreadState,
    cell: &'static OnceLock<&'static PyType>,
    name: &str,
    next: crate::objects::slots::IterNextFn,
    methods: &[(&str, crate::objects::descr::MethodFn)],
) -> &'static PyType {
    cell.get_or_init(|| {
        crate::runtime::new_native_type::<T>(ts, name, None, 0, |ts, t| {
            t.slots.iter.set(Some(self_iter));
            t.slots.iternext.set(Some(next));
            for (n, f) in methods {
                crate::objects::descr::add_method(ts, t, n, *f);
            }
        })
    })
}

fn asend_type(ts: &ThreadState) -> &'static PyType {
    awaitable_type::<PyASend>(
        ts,
        &ASEND,
        "async_generator_asend",
        asend_iternext,
        &[
            ("send", asend_m_send),
            ("throw", asend_m_throw),
            ("close", asend_m_close),
            ("__del__", asend_del),
            ("__await__", self_await),
        ],
    )
}

fn athrow_type(ts: &ThreadState) -> &'static PyType {
    awaitable_type::<PyAThrow>(
        ts,
        &ATHROW,
        "async_generator_athrow",
        athrow_iternext,
        &[
            ("send", athrow_m_send),
            ("throw", athrow_m_throw),
            ("close", athrow_m_close),
            ("__del__", athrow_del),
            ("__await__", self_await),
        ],
    )
}

fn coro_wrapper_type(ts: &ThreadState) -> &'static PyType {
    awaitable_type::<PyCoroWrapper>(
        ts,
        &CORO_WRAPPER,
        "coroutine_wrapper",
        cw_iternext,
        &[("send", cw_send), ("throw", cw_throw), ("close", cw_close)],
    )
}

/// CALL_INTRINSIC_1 ASYNC_GEN_WRAP.
pub fn wrap(ts: &ThreadState, v: Value) -> PyResult<Value> {
    crate::object::alloc(ts, wrapped_type(ts), PyWrapped { val: v })
}

fn self_iter(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

fn self_await(_ts: &ThreadState, v: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(v.clone())
}

fn agen<'a>(ts: &ThreadState, g: &'a Value) -> PyResult<&'a PyGenerator> {
    g.downcast::<PyGenerator>()
        .filter(|_| g.class().is(types().async_generator))
        .ok_or_else(|| ts.type_error("expected an async generator"))
}

/// A resumption's outcome seen from the async side: the generator returning is
/// StopAsyncIteration (CPython's `gen_send_ex` for async generators).
fn as_async(ts: &ThreadState, r: PyResult<GenResult>) -> PyResult<Value> {
    match r? {
        GenResult::Yield(v) => Ok(v),
        GenResult::Return(_) => Err(ts.new_error_args(types().exc.stop_async_iteration, vec![])),
    }
}

fn is_wrapped(v: &Value) -> bool {
    v.downcast::<PyWrapped>().is_some()
}

/// CPython's `async_gen_unwrap_value`: a wrapped yield ends the awaitable with
/// StopIteration(value); StopAsyncIteration / GeneratorExit mark the generator closed.
fn unwrap_value(ts: &ThreadState, ag: &PyGenerator, r: PyResult<Value>) -> PyResult<Value> {
    match r {
        Err(e) => {
            if e.matches(types().exc.stop_async_iteration) || e.matches(types().exc.generator_exit)
            {
                ag.ag.close();
            }
            ag.ag.set_running(false);
            Err(e)
        }
        Ok(v) => match v.downcast::<PyWrapped>() {
            Some(w) => {
                ag.ag.set_running(false);
                Err(stop_with(ts, w.val.clone()))
            }
            None => Ok(v),
        },
    }
}

/// CPython's `async_gen_init_hooks`: on first use, remember the thread's finalizer hook and
/// call its firstiter hook with the generator.
fn init_hooks(ts: &ThreadState, g: &Value, ag: &PyGenerator) -> PyResult<()> {
    // ORDERING: Relaxed: a once-flag; a racing second caller only skips the hooks.
    if ag.ag.hooks_inited.swap(true, Ordering::Relaxed) {
        return Ok(());
    }
    let sys = crate::import::import_module(ts, "sys")?;
    let get = protocols::get_attr_str(ts, &sys, "get_asyncgen_hooks")?;
    let hooks = protocols::call(ts, &get, &[], None)?;
    let first = protocols::get_attr_str(ts, &hooks, "firstiter")?;
    let fin = protocols::get_attr_str(ts, &hooks, "finalizer")?;
    if !fin.is_none() {
        if let Ok(mut f) = ag.ag.finalizer.lock() {
            *f = Some(fin);
        }
    }
    if !first.is_none() {
        protocols::call(ts, &first, std::slice::from_ref(g), None)?;
    }
    Ok(())
}

fn new_asend(ts: &ThreadState, g: &Value, sendval: Value) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        asend_type(ts),
        PyASend {
            gen: g.clone(),
            sendval,
            state: AtomicU8::new(INIT),
        },
    )
}

fn ag_aiter(ts: &ThreadState, g: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__aiter__")?;
    Ok(g.clone())
}

fn ag_anext(ts: &ThreadState, g: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__anext__")?;
    let ag = agen(ts, g)?;
    init_hooks(ts, g, ag)?;
    new_asend(ts, g, none())
}

fn ag_asend(ts: &ThreadState, g: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [v] = a.parse::<1>(ts, "asend", &[""], 1)?;
    let ag = agen(ts, g)?;
    init_hooks(ts, g, ag)?;
    new_asend(ts, g, v.unwrap_or_else(none))
}

fn new_athrow(
    ts: &ThreadState,
    g: &Value,
    typ: Option<Value>,
    val: Option<Value>,
    tb: Option<Value>,
) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        athrow_type(ts),
        PyAThrow {
            gen: g.clone(),
            typ,
            val,
            tb,
            state: AtomicU8::new(INIT),
        },
    )
}

fn ag_athrow(ts: &ThreadState, g: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [typ, val, tb] = a.parse::<3>(ts, "athrow", &["", "", ""], 1)?;
    if val.is_some() {
        let w = crate::import::import_module(ts, "warnings")?;
        let warn = protocols::get_attr_str(ts, &w, "warn")?;
        let msg = ts.new_str(
            "the (type, exc, tb) signature of athrow() is deprecated, use the single-arg \
             signature instead.",
        );
        let cat = types().exc.deprecation_warning.to_value();
        protocols::call(ts, &warn, &[msg, cat, ts.new_int(2)], None)?;
    }
    let ag = agen(ts, g)?;
    init_hooks(ts, g, ag)?;
    new_athrow(ts, g, typ, val, tb)
}

fn ag_aclose(ts: &ThreadState, g: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "aclose")?;
    let ag = agen(ts, g)?;
    init_hooks(ts, g, ag)?;
    new_athrow(ts, g, None, None, None)
}

fn ag_running(_ts: &ThreadState, g: &Value) -> PyResult<Value> {
    Ok(py_bool(
        g.downcast::<PyGenerator>().is_some_and(|x| x.ag.running()),
    ))
}

// ---- async_generator_asend ----

fn asend_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<(&'a PyASend, &'a PyGenerator)> {
    let o = v
        .downcast::<PyASend>()
        .ok_or_else(|| ts.type_error("expected async_generator_asend"))?;
    Ok((o, agen(ts, &o.gen)?))
}

fn reuse_asend(ts: &ThreadState) -> PyErr {
    ts.runtime_error("cannot reuse already awaited __anext__()/asend()")
}

fn asend_send(ts: &ThreadState, me: &Value, arg: Value) -> PyResult<Value> {
    let (o, ag) = asend_of(ts, me)?;
    let mut arg = arg;
    match o.state.load(Ordering::Relaxed) {
        CLOSED => return Err(reuse_asend(ts)),
        INIT => {
            if ag.ag.running() {
                o.state.store(CLOSED, Ordering::Relaxed);
                return Err(ts.runtime_error("anext(): asynchronous generator is already running"));
            }
            if arg.is_none() {
                arg = o.sendval.clone();
            }
            o.state.store(ITER, Ordering::Relaxed);
        }
        _ => {}
    }
    ag.ag.set_running(true);
    let r = as_async(ts, send_ex(ts, &o.gen, arg, None));
    let r = unwrap_value(ts, ag, r);
    if r.is_err() {
        o.state.store(CLOSED, Ordering::Relaxed);
    }
    r
}

fn asend_iternext(ts: &ThreadState, me: &Value) -> PyResult<Option<Value>> {
    asend_send(ts, me, none()).map(Some)
}

fn asend_m_send(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [v] = a.parse::<1>(ts, "send", &[""], 1)?;
    asend_send(ts, me, v.unwrap_or_else(none))
}

fn parse_throw(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<ThrowArgs> {
    let [typ, val, tb] = a.parse::<3>(ts, "throw", &["", "", ""], 1)?;
    Ok(ThrowArgs {
        typ: typ.unwrap_or_else(none),
        val,
        tb,
    })
}

fn genexit_args() -> ThrowArgs {
    ThrowArgs {
        typ: types().exc.generator_exit.to_value(),
        val: None,
        tb: None,
    }
}

fn asend_throw(ts: &ThreadState, me: &Value, args: &ThrowArgs) -> PyResult<Value> {
    let (o, ag) = asend_of(ts, me)?;
    match o.state.load(Ordering::Relaxed) {
        CLOSED => return Err(reuse_asend(ts)),
        INIT => {
            if ag.ag.running() {
                o.state.store(CLOSED, Ordering::Relaxed);
                return Err(ts.runtime_error("anext(): asynchronous generator is already running"));
            }
            o.state.store(ITER, Ordering::Relaxed);
            ag.ag.set_running(true);
        }
        _ => {}
    }
    let r = as_async(ts, gen_throw(ts, &o.gen, args, true));
    let r = unwrap_value(ts, ag, r);
    if r.is_err() {
        ag.ag.set_running(false);
        o.state.store(CLOSED, Ordering::Relaxed);
    }
    r
}

fn asend_m_throw(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let args = parse_throw(ts, a)?;
    asend_throw(ts, me, &args)
}

/// `close()` of an awaitable: GeneratorExit in; ending quietly is success.
fn close_awaitable(ts: &ThreadState, r: PyResult<Value>) -> PyResult<Value> {
    match r {
        Ok(_) => Err(ts.runtime_error("coroutine ignored GeneratorExit")),
        Err(e)
            if e.matches(types().exc.stop_iteration)
                || e.matches(types().exc.stop_async_iteration)
                || e.matches(types().exc.generator_exit) =>
        {
            Ok(none())
        }
        Err(e) => Err(e),
    }
}

fn asend_m_close(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "close")?;
    let (o, _) = asend_of(ts, me)?;
    if o.state.load(Ordering::Relaxed) == CLOSED {
        return Ok(none());
    }
    close_awaitable(ts, asend_throw(ts, me, &genexit_args()))
}

// ---- async_generator_athrow ----

fn athrow_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<(&'a PyAThrow, &'a PyGenerator)> {
    let o = v
        .downcast::<PyAThrow>()
        .ok_or_else(|| ts.type_error("expected async_generator_athrow"))?;
    Ok((o, agen(ts, &o.gen)?))
}

fn reuse_athrow(ts: &ThreadState) -> PyErr {
    ts.runtime_error("cannot reuse already awaited aclose()/athrow()")
}

fn already_running(ts: &ThreadState, o: &PyAThrow) -> PyErr {
    o.state.store(CLOSED, Ordering::Relaxed);
    if o.typ.is_none() {
        ts.runtime_error("aclose(): asynchronous generator is already running")
    } else {
        ts.runtime_error("athrow(): asynchronous generator is already running")
    }
}

impl PyAThrow {
    fn args(&self) -> ThrowArgs {
        ThrowArgs {
            typ: self.typ.clone().unwrap_or_else(none),
            val: self.val.clone(),
            tb: self.tb.clone(),
        }
    }
}

fn yield_close(ts: &ThreadState, o: &PyAThrow, ag: &PyGenerator) -> PyErr {
    ag.ag.set_running(false);
    o.state.store(CLOSED, Ordering::Relaxed);
    ts.runtime_error("async generator ignored GeneratorExit")
}

/// The end of an athrow/aclose step that raised: aclose() swallows the generator's ending.
fn check_error(ts: &ThreadState, o: &PyAThrow, ag: &PyGenerator, e: PyErr) -> PyErr {
    ag.ag.set_running(false);
    o.state.store(CLOSED, Ordering::Relaxed);
    if o.typ.is_none()
        && (e.matches(types().exc.stop_async_iteration) || e.matches(types().exc.generator_exit))
    {
        return ts.stop_iteration(None);
    }
    e
}

fn athrow_send(ts: &ThreadState, me: &Value, arg: Value) -> PyResult<Value> {
    let (o, ag) = athrow_of(ts, me)?;
    if o.state.load(Ordering::Relaxed) == CLOSED {
        return Err(reuse_athrow(ts));
    }
    if ag.is_finished() {
        o.state.store(CLOSED, Ordering::Relaxed);
        return Err(ts.stop_iteration(None));
    }
    if o.state.load(Ordering::Relaxed) == INIT {
        if ag.ag.running() {
            return Err(already_running(ts, o));
        }
        if ag.ag.is_closed() {
            o.state.store(CLOSED, Ordering::Relaxed);
            return Err(ts.new_error_args(types().exc.stop_async_iteration, vec![]));
        }
        if !arg.is_none() {
            return Err(ts.runtime_error("can't send non-None value to a just-started coroutine"));
        }
        o.state.store(ITER, Ordering::Relaxed);
        ag.ag.set_running(true);
        let r = if o.typ.is_none() {
            ag.ag.close();
            match as_async(ts, gen_throw(ts, &o.gen, &genexit_args(), false)) {
                Ok(v) if is_wrapped(&v) => return Err(yield_close(ts, o, ag)),
                r => r,
            }
        } else {
            let r = as_async(ts, gen_throw(ts, &o.gen, &o.args(), false));
            unwrap_value(ts, ag, r)
        };
        return r.map_err(|e| check_error(ts, o, ag, e));
    }
    let r = as_async(ts, send_ex(ts, &o.gen, arg, None));
    if o.typ.is_some() {
        return unwrap_value(ts, ag, r);
    }
    match r {
        Ok(v) if is_wrapped(&v) => Err(yield_close(ts, o, ag)),
        Ok(v) => Ok(v),
        Err(e) => Err(check_error(ts, o, ag, e)),
    }
}

fn athrow_iternext(ts: &ThreadState, me: &Value) -> PyResult<Option<Value>> {
    athrow_send(ts, me, none()).map(Some)
}

fn athrow_m_send(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [v] = a.parse::<1>(ts, "send", &[""], 1)?;
    athrow_send(ts, me, v.unwrap_or_else(none))
}

fn athrow_throw(ts: &ThreadState, me: &Value, args: &ThrowArgs) -> PyResult<Value> {
    let (o, ag) = athrow_of(ts, me)?;
    match o.state.load(Ordering::Relaxed) {
        CLOSED => return Err(reuse_athrow(ts)),
        INIT => {
            if ag.ag.running() {
                return Err(already_running(ts, o));
            }
            o.state.store(ITER, Ordering::Relaxed);
            ag.ag.set_running(true);
        }
        _ => {}
    }
    let r = as_async(ts, gen_throw(ts, &o.gen, args, true));
    if o.typ.is_some() {
        let r = unwrap_value(ts, ag, r);
        if r.is_err() {
            ag.ag.set_running(false);
            o.state.store(CLOSED, Ordering::Relaxed);
        }
        return r;
    }
    match r {
        Ok(v) if is_wrapped(&v) => Err(yield_close(ts, o, ag)),
        Ok(v) => Ok(v),
        Err(e) => Err(check_error(ts, o, ag, e)),
    }
}

fn athrow_m_throw(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let args = parse_throw(ts, a)?;
    athrow_throw(ts, me, &args)
}

fn athrow_m_close(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "close")?;
    let (o, _) = athrow_of(ts, me)?;
    if o.state.load(Ordering::Relaxed) == CLOSED {
        return Ok(none());
    }
    close_awaitable(ts, athrow_throw(ts, me, &genexit_args()))
}

// ---- "never awaited" ----

/// gc's finalize hook for an awaitable that was never started: queue its `__del__` (the
/// "never awaited" warning, CPython's `async_gen_asend_finalize`) for the next safe point.
///
/// # Safety
/// As `finalize::heap_finalize`: `h` is an intact object of a type with payload `T`, at
/// refcount zero, and this is its finalize hook.
unsafe fn queue_if_unawaited<T: PyPayload>(
    h: NonNull<ObjHeader>,
    state: impl Fn(&T) -> u8,
) -> bool {
    if crate::objects::finalize::current_gc().is_none() {
        return false;
    }
    // SAFETY: intact object whose payload is a `T` (see the function's contract).
    let o = unsafe { &*crate::object::payload_ptr::<T>(h.as_ref()) };
    if state(o) != INIT {
        return false;
    }
    // SAFETY: inside the finalize hook, on its header, once.
    let r = unsafe { gc::resurrect(h) };
    crate::objects::finalize::push(crate::objects::finalize::Job::Del(Value::from_obj(r)));
    true
}

/// # Safety
/// See [`queue_if_unawaited`].
unsafe fn asend_finalize(h: NonNull<ObjHeader>) -> bool {
    // SAFETY: forwarded contract.
    unsafe { queue_if_unawaited::<PyASend>(h, |o| o.state.load(Ordering::Relaxed)) }
}

/// # Safety
/// See [`queue_if_unawaited`].
unsafe fn athrow_finalize(h: NonNull<ObjHeader>) -> bool {
    // SAFETY: forwarded contract.
    unsafe { queue_if_unawaited::<PyAThrow>(h, |o| o.state.load(Ordering::Relaxed)) }
}

/// RuntimeWarning: coroutine method 'asend' of 'f' was never awaited.
fn warn_unawaited(ts: &ThreadState, gen: &Value, method: &str) -> PyResult<Value> {
    let qualname = gen
        .downcast::<PyGenerator>()
        .map(|g| g.qualname.clone())
        .unwrap_or_else(none);
    let msg = format!(
        "coroutine method '{method}' of {} was never awaited",
        protocols::repr_string(ts, &qualname)?
    );
    let w = crate::import::import_module(ts, "warnings")?;
    let warn = protocols::get_attr_str(ts, &w, "warn")?;
    let cat = types().exc.runtime_warning.to_value();
    let args = [ts.new_str(&msg), cat, ts.new_int(1), gen.clone()];
    protocols::call(ts, &warn, &args, None)?;
    Ok(none())
}

fn asend_del(ts: &ThreadState, me: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let (o, _) = asend_of(ts, me)?;
    if o.state.load(Ordering::Relaxed) != INIT {
        return Ok(none());
    }
    warn_unawaited(ts, &o.gen, "asend")
}

fn athrow_del(ts: &ThreadState, me: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let (o, _) = athrow_of(ts, me)?;
    if o.state.load(Ordering::Relaxed) != INIT {
        return Ok(none());
    }
    let method = if o.typ.is_some() { "athrow" } else { "aclose" };
    warn_unawaited(ts, &o.gen, method)
}

// ---- coroutine_wrapper ----

/// `coroutine.__await__()`.
pub(crate) fn coro_await(ts: &ThreadState, g: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__await__")?;
    crate::object::alloc(ts, coro_wrapper_type(ts), PyCoroWrapper { coro: g.clone() })
}

fn coro_of(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    v.downcast::<PyCoroWrapper>()
        .map(|w| w.coro.clone())
        .ok_or_else(|| ts.type_error("expected coroutine_wrapper"))
}

fn cw_iternext(ts: &ThreadState, me: &Value) -> PyResult<Option<Value>> {
    gen_iternext(ts, &coro_of(ts, me)?)
}

fn cw_send(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    m_send(ts, &coro_of(ts, me)?, a)
}

fn cw_throw(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    m_throw(ts, &coro_of(ts, me)?, a)
}

fn cw_close(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    m_close(ts, &coro_of(ts, me)?, a)
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_getset, add_method};
    use crate::objects::generator as g;
    let t = types().async_generator;
    t.slots.repr.set(Some(g::gen_repr));
    add_getset(ts, t, "__name__", g::g_name, None);
    add_getset(ts, t, "__qualname__", g::g_qualname, None);
    add_method(ts, t, "__aiter__", ag_aiter);
    add_method(ts, t, "__anext__", ag_anext);
    add_method(ts, t, "asend", ag_asend);
    add_method(ts, t, "athrow", ag_athrow);
    add_method(ts, t, "aclose", ag_aclose);
    add_getset(ts, t, "ag_code", g::g_code, None);
    add_getset(ts, t, "ag_running", ag_running, None);
    add_getset(ts, t, "ag_frame", g::g_frame, None);
    add_getset(ts, t, "ag_await", g::g_yieldfrom, None);
    add_getset(ts, t, "ag_suspended", g::g_suspended, None);
}

// ---- anext() / aiter() builtins ----

/// `anext(it[, default])`'s awaitable when a default is given (CPython's `anext_awaitable`):
/// the iterator's StopAsyncIteration becomes StopIteration(default).
struct PyANextAwaitable {
    wrapped: Value,
    default: Value,
}

impl PyPayload for PyANextAwaitable {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.wrapped, t);
        trace_value(&self.default, t);
    }
}

static ANEXT_AWAITABLE: OnceLock<&'static PyType> = OnceLock::new();

fn anext_awaitable_type(ts: &ThreadState) -> &'static PyType {
    ANEXT_AWAITABLE.get_or_init(|| {
        crate::runtime::new_native_type::<PyANextAwaitable>(
            ts,
            "anext_awaitable",
            None,
            0,
            |ts, t| {
                use crate::objects::descr::add_method;
                t.slots.iter.set(Some(self_iter));
                t.slots.iternext.set(Some(ana_iternext));
                add_method(ts, t, "send", ana_send);
                add_method(ts, t, "throw", ana_throw);
                add_method(ts, t, "close", ana_close);
                add_method(ts, t, "__await__", self_await);
            },
        )
    })
}

/// `aiter(x)`.
pub fn builtin_aiter(ts: &ThreadState, x: &Value) -> PyResult<Value> {
    let Some(m) = x.class().lookup(ts, &crate::runtime::names().__aiter__) else {
        return Err(ts.type_error(format!(
            "'{}' object is not an async iterable",
            x.class().name()
        )));
    };
    let it = protocols::call_method_descr(ts, &m, x, &[])?;
    if it
        .class()
        .lookup(ts, &crate::runtime::names().__anext__)
        .is_none()
    {
        return Err(ts.type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            it.class().name()
        )));
    }
    Ok(it)
}

/// `anext(it[, default])`.
pub fn builtin_anext(ts: &ThreadState, it: &Value, default: Option<Value>) -> PyResult<Value> {
    let Some(m) = it.class().lookup(ts, &crate::runtime::names().__anext__) else {
        return Err(ts.type_error(format!(
            "'{}' object is not an async iterator",
            it.class().name()
        )));
    };
    let awaitable = protocols::call_method_descr(ts, &m, it, &[])?;
    match default {
        None => Ok(awaitable),
        Some(default) => crate::object::alloc(
            ts,
            anext_awaitable_type(ts),
            PyANextAwaitable {
                wrapped: awaitable,
                default,
            },
        ),
    }
}

fn ana_parts(ts: &ThreadState, me: &Value) -> PyResult<(Value, Value)> {
    let o = me
        .downcast::<PyANextAwaitable>()
        .ok_or_else(|| ts.type_error("expected anext_awaitable"))?;
    let it = crate::objects::generator::get_awaitable(ts, o.wrapped.clone(), 0)?;
    Ok((it, o.default.clone()))
}

fn ana_result(ts: &ThreadState, default: Value, r: PyResult<Value>) -> PyResult<Value> {
    match r {
        Err(e) if e.matches(types().exc.stop_async_iteration) => Err(stop_with(ts, default)),
        r => r,
    }
}

fn ana_step(ts: &ThreadState, me: &Value, arg: Value) -> PyResult<Value> {
    let (it, default) = ana_parts(ts, me)?;
    let r = if arg.is_none() {
        match protocols::next_raw(ts, &it) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(ts.stop_iteration(None)),
            Err(e) => Err(e),
        }
    } else {
        protocols::call_method(ts, &it, "send", &[arg])
    };
    ana_result(ts, default, r)
}

fn ana_iternext(ts: &ThreadState, me: &Value) -> PyResult<Option<Value>> {
    ana_step(ts, me, none()).map(Some)
}

fn ana_send(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [v] = a.parse::<1>(ts, "send", &[""], 1)?;
    ana_step(ts, me, v.unwrap_or_else(none))
}

fn ana_throw(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let args = parse_throw(ts, a)?;
    let (it, default) = ana_parts(ts, me)?;
    let r = protocols::call_method(ts, &it, "throw", &args.as_call_args());
    ana_result(ts, default, r)
}

fn ana_close(ts: &ThreadState, me: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "close")?;
    let (it, _) = ana_parts(ts, me)?;
    match protocols::get_attr_opt(ts, &it, &ts.intern("close"))? {
        Some(m) => protocols::call(ts, &m, &[], None),
        None => Ok(none()),
    }
}
