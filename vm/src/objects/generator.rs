//! Generators and coroutines: the frame lives inside the generator object between resumptions
//! (RETURN_GENERATOR moves it there). Bytecode resumes it in the caller's eval loop
//! ([`resume_inline`]: FOR_ITER, SEND, `send()` calls); native callers (`next()`, `list()`,
//! `throw()`, `close()`) run it in a nested eval loop ([`send_ex`]).
//!
//! A generator runs on one thread at a time: `running` is claimed with a CAS, so a generator used
//! from two threads at once raises `ValueError: generator already executing` (DESIGN:
//! gen-single-runner). The same flag guards the suspended state (frame and handled exception):
//! a resumption owns it while RUNNING, and short readers (`gi_frame`, `gi_yieldfrom`, the
//! collector's `trace`) claim it as PEEK for a few instructions that run no Python code and
//! never block. A resumption that meets a PEEK waits for it to end; a reader that meets a
//! RUNNING generator sees no frame, as if the frame were out being run. One CAS and one store
//! per resumption, and no lock.

use crate::builtins::args::MethodArgs;
use crate::errors::{PyErr, PyResult};
use crate::interp::eval::{Exit, Flow};
use crate::interp::frame::{Frame, ReturnTo};
use crate::object::PyPayload;
use crate::objects::seq::trace_value;
use crate::objects::str::str_lossy;
use crate::protocols;
use crate::runtime::{names, none, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// A suspended frame owned by a generator.
struct GenFrame(Box<Frame>);

// SAFETY: a suspended frame is plain data (values and a pointer into its own heap block); it is
// only run by the thread that claimed the generator's `running` flag.
unsafe impl Send for GenFrame {}

/// What a suspended generator keeps between resumptions.
struct GenState {
    frame: Option<GenFrame>,
    /// The exception this generator is handling while suspended (`gi_exc_state`).
    exc_state: Option<Value>,
}

/// `PyGenerator::running` states.
const IDLE: u8 = 0;
const RUNNING: u8 = 1;
const PEEK: u8 = 2;

pub struct PyGenerator {
    /// Touched only by the thread that moved `running` from IDLE (to RUNNING or PEEK).
    state: UnsafeCell<GenState>,
    running: AtomicU8,
    started: AtomicBool,
    pub name: Value,
    pub qualname: Value,
    pub code: Value,
    /// The async generator state (unused by generators and coroutines).
    pub(crate) ag: crate::objects::async_gen::AgState,
}

// SAFETY: `state` is accessed only by the thread that claimed `running` (see `claim` and
// `PyGenerator::peek`), which the Acquire CAS / Release store order between threads; the other
// fields are immutable or atomic.
unsafe impl Sync for PyGenerator {}

impl PyPayload for PyGenerator {
    const GC: bool = true;
    const FINALIZE: Option<unsafe fn(std::ptr::NonNull<gc::ObjHeader>) -> bool> =
        Some(crate::objects::finalize::gen_finalize);
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.code, t);
        self.ag.trace(t);
        // A running generator's frame is skipped: its references then count as external,
        // which only keeps more alive (the collector is conservative about them).
        self.try_peek(|st| {
            if let Some(v) = &st.exc_state {
                trace_value(v, t);
            }
            if let Some(GenFrame(f)) = &st.frame {
                trace_value(&f.code, t);
                trace_value(&f.globals, t);
                trace_value(&f.builtins, t);
                if let Some(v) = &f.func {
                    trace_value(v, t);
                }
                for i in 0..f.nslots {
                    if let Some(v) = f.slot(i) {
                        trace_value(v, t);
                    }
                }
            }
        });
    }
    fn clear(&self) {
        let old = self.peek(|st| (st.frame.take(), st.exc_state.take()));
        drop(old);
    }
}

/// RETURN_GENERATOR: the popped frame becomes a generator (or coroutine) object.
pub fn new_generator(ts: &ThreadState, mut f: Box<Frame>) -> PyResult<Value> {
    f.is_entry = false;
    let c = f.code();
    let flags = c.flags;
    let ty = if flags & frontend::code::flags::COROUTINE != 0 {
        types().coroutine
    } else if flags & frontend::code::flags::ASYNC_GENERATOR != 0 {
        types().async_generator
    } else {
        types().generator
    };
    let (name, qualname) = match f
        .func
        .as_ref()
        .and_then(|fv| fv.downcast::<crate::objects::function::PyFunction>())
    {
        Some(func) => (func.name_value(), func.qualname_value()),
        None => (c.name.clone(), c.qualname.clone()),
    };
    let code = f.code.clone();
    crate::object::alloc(
        ts,
        ty,
        PyGenerator {
            state: UnsafeCell::new(GenState {
                frame: Some(GenFrame(f)),
                exc_state: None,
            }),
            running: AtomicU8::new(IDLE),
            started: AtomicBool::new(false),
            name,
            qualname,
            code,
            ag: Default::default(),
        },
    )
}

impl PyGenerator {
    /// Whether the frame has run to completion (not merely taken out by a running resumption).
    pub(crate) fn is_finished(&self) -> bool {
        self.peek(|st| st.frame.is_none()).unwrap_or(false)
    }

    /// Whether a resumption is under way (a snapshot).
    fn is_running(&self) -> bool {
        // ORDERING: Relaxed: a snapshot, as CPython's `gi_running`.
        self.running.load(Ordering::Relaxed) == RUNNING
    }

    /// Runs `f` on the suspended state, or gives `None` while the generator runs. Waits out
    /// another thread's peek (a few instructions). `f` must not run Python code or block.
    fn peek<R>(&self, f: impl FnOnce(&mut GenState) -> R) -> Option<R> {
        let mut spins = 0u32;
        loop {
            // ORDERING: Acquire pairs with the Release store that ended the last claim.
            match self
                .running
                .compare_exchange(IDLE, PEEK, Ordering::Acquire, Ordering::Relaxed)
            {
                Ok(_) => break,
                Err(RUNNING) => return None,
                Err(_) => backoff(&mut spins),
            }
        }
        let _release = Release(&self.running);
        // SAFETY: we moved `running` from IDLE to PEEK, so no other thread touches `state`
        // until `_release` stores IDLE; `f` can't re-enter (it runs no Python code).
        Some(f(unsafe { &mut *self.state.get() }))
    }

    /// As [`peek`](Self::peek) but gives up at once on a concurrent peek (the collector's
    /// `trace`, which must not wait).
    fn try_peek<R>(&self, f: impl FnOnce(&mut GenState) -> R) -> Option<R> {
        // ORDERING: as in `peek`.
        self.running
            .compare_exchange(IDLE, PEEK, Ordering::Acquire, Ordering::Relaxed)
            .ok()?;
        let _release = Release(&self.running);
        // SAFETY: as in `peek`.
        Some(f(unsafe { &mut *self.state.get() }))
    }
}

pub fn is_generator(v: &Value) -> bool {
    v.downcast::<PyGenerator>().is_some()
}

/// What a resumption produced.
pub enum GenResult {
    Yield(Value),
    Return(Value),
}

pub(crate) fn kind_name(g: &Value) -> &'static str {
    if g.class().is(types().coroutine) {
        "coroutine"
    } else if g.class().is(types().async_generator) {
        "async generator"
    } else {
        "generator"
    }
}

/// Resumes `g` sending `value`, or raising `exc` inside it (at the suspended yield).
///
/// Like CPython's `gen_send_ex2`, the frame's stack always receives the sent value, also when an
/// exception is thrown in: the handler of a `yield from`/`await` (CLEANUP_THROW) expects
/// `(subiterator, last sent value, exception)` on the stack. The generator runs with its own
/// handled exception on top of the thread's chain (CPython's `gi_exc_state`).
pub fn send_ex(
    ts: &ThreadState,
    g: &Value,
    value: Value,
    exc: Option<PyErr>,
) -> PyResult<GenResult> {
    let gen = g
        .downcast::<PyGenerator>()
        .ok_or_else(|| ts.type_error("expected a generator"))?;
    let running = claim(ts, g, gen)?;
    // SAFETY: `running` gives this thread the state until it drops.
    let st = unsafe { running.state(gen) };
    let Some(GenFrame(mut f)) = st.frame.take() else {
        if g.class().is(types().coroutine) {
            return Err(ts.runtime_error("cannot reuse already awaited coroutine"));
        }
        if let Some(e) = exc {
            return Err(e);
        }
        return Ok(GenResult::Return(none()));
    };
    // ORDERING: Relaxed: guarded by `running`.
    let started = gen.started.swap(true, Ordering::Relaxed);
    if !started && exc.is_none() && !value.is_none() {
        st.frame = Some(GenFrame(f));
        gen.started.store(false, Ordering::Relaxed);
        return Err(ts.type_error(format!(
            "can't send non-None value to a just-started {}",
            kind_name(g)
        )));
    }
    f.gen = Some(g.clone());
    f.push(value);
    f.pending_exc = exc;
    ts.push_exc_state(st.exc_state.take());
    let r = crate::interp::eval::run(ts, f);
    let own = ts.pop_exc_state();
    match r {
        Ok(Exit::Yield(v, mut f)) => {
            f.gen = None;
            // SAFETY: still claimed by `running`; the `st` borrow ended before the run, which
            // may have peeked at nothing (readers see RUNNING) but re-borrowing is explicit.
            let st = unsafe { running.state(gen) };
            st.frame = Some(GenFrame(f));
            st.exc_state = own;
            Ok(GenResult::Yield(v))
        }
        Ok(Exit::Return(v)) => Ok(GenResult::Return(v)),
        Err(e) => Err(e),
    }
}

/// What [`resume_inline`] did.
pub(crate) enum Inline {
    /// The generator's frame, ready for the eval loop to push: the generator is claimed
    /// (RUNNING) and its handled exception is on top of the thread's chain until the frame
    /// leaves the loop ([`suspend_inline`] or [`finish_inline`]).
    Frame(Box<Frame>),
    /// Not resumable in line (finished, running or peeked, a non-None value sent to a
    /// just-started generator, not a plain generator or coroutine): the value comes back
    /// for the general path, which raises what it must.
    Fallback(Value),
}

/// Resumes generator or coroutine `g` in the caller's eval loop (CPython's FOR_ITER_GEN /
/// SEND_GEN): instead of running a nested loop, the generator's frame is handed back to be
/// pushed on the thread's frame stack, with `value` on its stack and `ret` saying what the
/// caller does with what it yields or returns.
#[inline]
pub(crate) fn resume_inline(ts: &ThreadState, g: &Value, value: Value, ret: ReturnTo) -> Inline {
    let Some(gen) = g.downcast::<PyGenerator>() else {
        return Inline::Fallback(value);
    };
    let cls = g.class();
    if !(cls.is(types().generator) || cls.is(types().coroutine)) {
        return Inline::Fallback(value);
    }
    // ORDERING: Acquire, as in `claim`; any failure (running, peeked) takes the general path.
    if gen
        .running
        .compare_exchange(IDLE, RUNNING, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        return Inline::Fallback(value);
    }
    // SAFETY: we moved `running` from IDLE to RUNNING: the state is ours.
    let st = unsafe { &mut *gen.state.get() };
    // ORDERING: Relaxed: guarded by `running`.
    let startable = gen.started.load(Ordering::Relaxed) || value.is_none();
    let frame = if startable { st.frame.take() } else { None };
    let Some(GenFrame(mut f)) = frame else {
        // ORDERING: Release: nothing changed, but the claim ends as every claim does.
        gen.running.store(IDLE, Ordering::Release);
        return Inline::Fallback(value);
    };
    gen.started.store(true, Ordering::Relaxed);
    f.gen = Some(g.clone());
    f.push(value);
    f.is_entry = false;
    f.ret = ret;
    ts.push_exc_state(st.exc_state.take());
    Inline::Frame(f)
}

/// The claimed generator of an in-line generator frame.
fn inline_gen(f: &Frame) -> Option<(&Value, &PyGenerator)> {
    let g = f.gen.as_ref()?;
    Some((g, g.downcast::<PyGenerator>()?))
}

/// An in-line generator frame yielded (and was popped): it goes back into its generator with
/// the generator's handled exception, and the claim ends.
pub(crate) fn suspend_inline(ts: &ThreadState, mut f: Box<Frame>) {
    let own = ts.pop_exc_state();
    f.ret = ReturnTo::Push;
    let Some(g) = f.gen.take() else {
        ts.discard_frame(f);
        return;
    };
    let Some(gen) = g.downcast::<PyGenerator>() else {
        ts.discard_frame(f);
        return;
    };
    // SAFETY: this thread claimed the generator in `resume_inline` and still holds it.
    let st = unsafe { &mut *gen.state.get() };
    st.frame = Some(GenFrame(f));
    st.exc_state = own;
    // ORDERING: Release: our writes to the state happen-before the next claim.
    gen.running.store(IDLE, Ordering::Release);
}

/// An in-line generator frame is leaving for good (return or exception; the caller pops and
/// releases it): the generator is finished, its handled exception dropped, the claim ends.
pub(crate) fn finish_inline(ts: &ThreadState, f: &mut Frame) {
    if inline_gen(f).is_none() {
        return;
    }
    let own = ts.pop_exc_state();
    drop(own);
    if let Some((_, gen)) = inline_gen(f) {
        // ORDERING: Release, as in `suspend_inline`.
        gen.running.store(IDLE, Ordering::Release);
    }
    // Dropped after the release: the last reference may finalize the generator.
    let g = f.gen.take();
    drop(g);
}

/// Marks `gen` running until the guard drops; `ValueError` if it already is.
fn claim<'a>(ts: &ThreadState, g: &Value, gen: &'a PyGenerator) -> PyResult<Running<'a>> {
    let mut spins = 0u32;
    loop {
        // ORDERING: Acquire pairs with the Release store in `Release::drop`: the previous
        // runner's (or peeker's) writes to the state happen-before our resumption.
        match gen
            .running
            .compare_exchange(IDLE, RUNNING, Ordering::Acquire, Ordering::Relaxed)
        {
            Ok(_) => {
                return Ok(Running {
                    _release: Release(&gen.running),
                })
            }
            Err(PEEK) => backoff(&mut spins),
            Err(_) => {
                return Err(ts.value_error(format!("{} already executing", kind_name(g))));
            }
        }
    }
}

/// Ownership of a generator's state (RUNNING), released on drop.
struct Running<'a> {
    _release: Release<'a>,
}

impl Running<'_> {
    /// # Safety
    /// `gen` is the generator this guard claimed, and the caller holds no other reference
    /// into its state (the eval loop never gets one: it runs the frame taken out of it).
    #[allow(clippy::mut_from_ref)]
    unsafe fn state<'g>(&self, gen: &'g PyGenerator) -> &'g mut GenState {
        // SAFETY: the claim makes this thread the state's only user (see `peek`).
        unsafe { &mut *gen.state.get() }
    }
}

/// Waiting out another thread's peek: spin briefly, then let the OS run that thread.
fn backoff(spins: &mut u32) {
    *spins += 1;
    if *spins < 64 {
        std::hint::spin_loop();
    } else {
        std::thread::yield_now();
    }
}

/// Stores IDLE in a claimed `running` flag on drop.
struct Release<'a>(&'a AtomicU8);

impl Drop for Release<'_> {
    fn drop(&mut self) {
        // ORDERING: Release: see `claim` and `PyGenerator::peek`.
        self.0.store(IDLE, Ordering::Release);
    }
}

/// The iterator a suspended generator delegates to (`yield from` / `await`): the top of its
/// stack when it is suspended at a `YIELD_VALUE 1` (CPython's `_PyGen_yf`).
fn yield_from_target(gen: &PyGenerator) -> Option<Value> {
    gen.peek(|st| {
        let GenFrame(f) = st.frame.as_ref()?;
        let unit = *f.code().unit.code.get(f.lasti)?;
        let delegating = (unit & 0xFF) as u8 == frontend::opcode::Opcode::YieldValue as u8
            && unit >> 8 == 1
            && f.sp > f.code().nlocalsplus;
        if delegating {
            f.peek(0).clone()
        } else {
            None
        }
    })
    .flatten()
}

pub(crate) fn gen_iternext(ts: &ThreadState, g: &Value) -> PyResult<Option<Value>> {
    match send_ex(ts, g, none(), None)? {
        GenResult::Yield(v) => Ok(Some(v)),
        // CPython's gen_iternext: a return value travels in StopIteration.
        GenResult::Return(v) if !v.is_none() => Err(ts.stop_iteration(Some(v))),
        GenResult::Return(_) => Ok(None),
    }
}

fn gen_iter(_ts: &ThreadState, g: &Value) -> PyResult<Value> {
    Ok(g.clone())
}

pub(crate) fn stop_with(ts: &ThreadState, v: Value) -> PyErr {
    if v.is_none() {
        ts.stop_iteration(None)
    } else {
        ts.stop_iteration(Some(v))
    }
}

pub(crate) fn m_send(ts: &ThreadState, g: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [v] = a.parse::<1>(ts, "send", &[""], 1)?;
    match send_ex(ts, g, v.unwrap_or_else(none), None)? {
        GenResult::Yield(v) => Ok(v),
        GenResult::Return(v) => Err(stop_with(ts, v)),
    }
}

/// The arguments of `throw(typ[, val[, tb]])`, kept as given: a delegate's `throw` method
/// receives them unchanged.
pub(crate) struct ThrowArgs {
    pub(crate) typ: Value,
    pub(crate) val: Option<Value>,
    pub(crate) tb: Option<Value>,
}

impl ThrowArgs {
    pub(crate) fn as_call_args(&self) -> Vec<Value> {
        let mut v = vec![self.typ.clone()];
        if let Some(x) = &self.val {
            v.push(x.clone());
            if let Some(t) = &self.tb {
                v.push(t.clone());
            }
        }
        v
    }

    fn is_generator_exit(&self) -> bool {
        let ge = types().exc.generator_exit;
        if self.typ.is_type() {
            self.typ.as_type().is_subtype(ge)
        } else {
            self.typ.is_instance_of(ge)
        }
    }
}

/// The exception `throw(typ, val, tb)` raises.
fn make_throw_exc(ts: &ThreadState, a: &ThrowArgs) -> PyResult<PyErr> {
    let typ = a.typ.clone();
    let val = a.val.clone();
    if let Some(tb) = a.tb.as_ref().filter(|t| !t.is_none()) {
        if tb
            .downcast::<crate::objects::exceptions::PyTraceback>()
            .is_none()
        {
            return Err(ts.type_error("throw() third argument must be a traceback object"));
        }
    }
    let exc = if typ.is_type() && typ.as_type().is_subtype(types().exc.base_exception) {
        match val.filter(|v| !v.is_none()) {
            Some(v) if v.is_instance_of(typ.as_type()) => v,
            Some(v) => {
                let args = if v.downcast::<crate::objects::tuple::PyTuple>().is_some() {
                    v.as_tuple_slice().to_vec()
                } else {
                    vec![v]
                };
                protocols::call(ts, &typ, &args, None)?
            }
            None => protocols::call(ts, &typ, &[], None)?,
        }
    } else if typ.is_instance_of(types().exc.base_exception) {
        if val.is_some_and(|v| !v.is_none()) {
            return Err(ts.type_error("instance exception may not have a separate value"));
        }
        typ
    } else {
        return Err(ts.type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            typ.class().name()
        )));
    };
    if let Some(tb) = a.tb.clone().filter(|t| !t.is_none()) {
        if let Some(e) = exc.downcast::<crate::objects::exceptions::PyBaseException>() {
            e.set_traceback(Some(tb));
        }
    }
    Ok(PyErr::from_instance(exc))
}

/// `throw()` (CPython's `_gen_throw`): a generator suspended in `yield from`/`await` passes the
/// exception to its delegate first; only what the delegate raises (StopIteration included,
/// which CLEANUP_THROW turns into the delegation's result) is raised in its own frame.
pub(crate) fn gen_throw(
    ts: &ThreadState,
    g: &Value,
    a: &ThrowArgs,
    close_on_genexit: bool,
) -> PyResult<GenResult> {
    let gen = g
        .downcast::<PyGenerator>()
        .ok_or_else(|| ts.type_error("expected a generator"))?;
    if let Some(yf) = yield_from_target(gen) {
        if close_on_genexit && a.is_generator_exit() {
            let closed = {
                let _running = claim(ts, g, gen)?;
                close_iter(ts, &yf)
            };
            return match closed {
                Err(e) => send_ex(ts, g, none(), Some(e)),
                Ok(()) => send_ex(ts, g, none(), Some(make_throw_exc(ts, a)?)),
            };
        }
        let r = {
            let _running = claim(ts, g, gen)?;
            if is_generator(&yf) {
                match gen_throw(ts, &yf, a, close_on_genexit) {
                    Ok(GenResult::Yield(v)) => Ok(Some(v)),
                    Ok(GenResult::Return(v)) => Err(stop_with(ts, v)),
                    Err(e) => Err(e),
                }
            } else {
                match protocols::get_attr_opt(ts, &yf, &ts.intern("throw"))? {
                    Some(m) => protocols::call(ts, &m, &a.as_call_args(), None).map(Some),
                    None => Ok(None),
                }
            }
        };
        return match r {
            Ok(Some(v)) => Ok(GenResult::Yield(v)),
            Ok(None) => send_ex(ts, g, none(), Some(make_throw_exc(ts, a)?)),
            Err(e) => send_ex(ts, g, none(), Some(e)),
        };
    }
    let e = make_throw_exc(ts, a)?;
    send_ex(ts, g, none(), Some(e))
}

/// Closes a delegate of `yield from` (CPython's `gen_close_iter`).
fn close_iter(ts: &ThreadState, yf: &Value) -> PyResult<()> {
    if is_generator(yf) {
        gen_close(ts, yf)?;
        return Ok(());
    }
    match protocols::get_attr_opt(ts, yf, &ts.intern("close")) {
        Ok(Some(m)) => {
            protocols::call(ts, &m, &[], None)?;
        }
        Ok(None) => {}
        // CPython reports this through sys.unraisablehook; it is dropped here.
        Err(_) => {}
    }
    Ok(())
}

pub(crate) fn m_throw(ts: &ThreadState, g: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [typ, val, tb] = a.parse::<3>(ts, "throw", &["", "", ""], 1)?;
    let args = ThrowArgs {
        typ: typ.expect("required"),
        val,
        tb,
    };
    match gen_throw(ts, g, &args, true)? {
        GenResult::Yield(v) => Ok(v),
        GenResult::Return(v) => Err(stop_with(ts, v)),
    }
}

/// `close()`: GeneratorExit at the suspended yield (after closing a delegate); the return
/// value if the generator returns.
pub(crate) fn gen_close(ts: &ThreadState, g: &Value) -> PyResult<Value> {
    let gen = g
        .downcast::<PyGenerator>()
        .ok_or_else(|| ts.type_error("generator"))?;
    let has_frame = gen.peek(|st| st.frame.is_some()).unwrap_or(false);
    if !has_frame {
        return Ok(none());
    }
    // ORDERING: Relaxed: a hint; `send_ex` re-checks under its CAS.
    if !gen.started.load(Ordering::Relaxed) {
        let old = gen.peek(|st| st.frame.take());
        drop(old);
        return Ok(none());
    }
    let mut exc = None;
    if let Some(yf) = yield_from_target(gen) {
        let _running = claim(ts, g, gen)?;
        if let Err(e) = close_iter(ts, &yf) {
            exc = Some(e);
        }
    }
    let e = exc.unwrap_or_else(|| ts.new_error_args(types().exc.generator_exit, vec![]));
    match send_ex(ts, g, none(), Some(e)) {
        Ok(GenResult::Yield(_)) => {
            Err(ts.runtime_error(format!("{} ignored GeneratorExit", kind_name(g))))
        }
        Ok(GenResult::Return(v)) => Ok(v),
        Err(e) if e.matches(types().exc.generator_exit) => Ok(none()),
        Err(e) => Err(e),
    }
}

/// Whether a dying generator needs Python-level finalization (finalize.rs): a started,
/// unfinished generator or coroutine is closed; a never-started coroutine warns that it was
/// never awaited; an async generator with a `sys.set_asyncgen_hooks` finalizer goes to it.
pub(crate) fn needs_finalizer(g: &PyGenerator, ty: &crate::objects::typeobj::PyType) -> bool {
    // `try_peek`: at refcount zero nobody else holds it; if someone did, skip rather than wait.
    let has_frame = g.try_peek(|st| st.frame.is_some()).unwrap_or(false);
    if ty.is(types().async_generator) {
        return has_frame && (g.started.load(Ordering::Relaxed) || g.ag.has_finalizer());
    }
    // ORDERING: Relaxed: the generator is private to this thread (count 0 / in a dead cycle).
    has_frame && (g.started.load(Ordering::Relaxed) || ty.is(types().coroutine))
}

/// A dying generator's finalizer (CPython's `_PyGen_Finalize`): `close()`, or for a coroutine
/// that never started, `RuntimeWarning: coroutine '...' was never awaited`.
pub(crate) fn finalize(ts: &ThreadState, g: &Value) -> PyResult<()> {
    let Some(gen) = g.downcast::<PyGenerator>() else {
        return Ok(());
    };
    // ORDERING: Relaxed, as in `needs_finalizer`.
    if g.class().is(types().coroutine) && !gen.started.load(Ordering::Relaxed) {
        let w = crate::import::import_module(ts, "warnings")?;
        let f = protocols::get_attr_str(ts, &w, "_warn_unawaited_coroutine")?;
        protocols::call(ts, &f, std::slice::from_ref(g), None)?;
        return Ok(());
    }
    if let Some(fin) = gen.ag.finalizer_to_call() {
        protocols::call(ts, &fin, std::slice::from_ref(g), None)?;
        return Ok(());
    }
    gen_close(ts, g).map(|_| ())
}

pub(crate) fn m_close(ts: &ThreadState, g: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    gen_close(ts, g)
}

pub(crate) fn gen_repr(ts: &ThreadState, g: &Value) -> PyResult<Value> {
    let gen = g
        .downcast::<PyGenerator>()
        .ok_or_else(|| ts.type_error("generator"))?;
    Ok(ts.new_str(&format!(
        "<{} object {} at {:#x}>",
        if g.class().is(types().async_generator) {
            "async_generator"
        } else {
            kind_name(g)
        },
        str_lossy(&gen.qualname),
        g.identity()
    )))
}

pub(crate) fn g_name(_ts: &ThreadState, g: &Value) -> PyResult<Value> {
    Ok(g.downcast::<PyGenerator>()
        .map(|x| x.name.clone())
        .unwrap_or_else(none))
}
pub(crate) fn g_qualname(_ts: &ThreadState, g: &Value) -> PyResult<Value> {
    Ok(g.downcast::<PyGenerator>()
        .map(|x| x.qualname.clone())
        .unwrap_or_else(none))
}
pub(crate) fn g_code(_ts: &ThreadState, g: &Value) -> PyResult<Value> {
    Ok(g.downcast::<PyGenerator>()
        .map(|x| x.code.clone())
        .unwrap_or_else(none))
}
fn g_origin(_ts: &ThreadState, _g: &Value) -> PyResult<Value> {
    Ok(none())
}

fn g_running(_ts: &ThreadState, g: &Value) -> PyResult<Value> {
    // ORDERING: Relaxed: a snapshot.
    Ok(py_bool(
        g.downcast::<PyGenerator>().is_some_and(|x| x.is_running()),
    ))
}
/// `gi_yieldfrom` / `cr_await`: the iterator a suspended `yield from`/`await` delegates to.
pub(crate) fn g_yieldfrom(_ts: &ThreadState, g: &Value) -> PyResult<Value> {
    Ok(g.downcast::<PyGenerator>()
        .and_then(yield_from_target)
        .unwrap_or_else(none))
}
/// `gi_suspended`: started, paused at a yield, not running.
pub(crate) fn g_suspended(_ts: &ThreadState, g: &Value) -> PyResult<Value> {
    // ORDERING: Relaxed: a snapshot.
    Ok(py_bool(g.downcast::<PyGenerator>().is_some_and(|x| {
        x.started.load(Ordering::Relaxed) && x.peek(|st| st.frame.is_some()).unwrap_or(false)
    })))
}
pub(crate) fn g_frame(ts: &ThreadState, g: &Value) -> PyResult<Value> {
    let gen = g
        .downcast::<PyGenerator>()
        .ok_or_else(|| ts.type_error("generator"))?;
    let snap = gen
        .peek(|st| {
            st.frame
                .as_ref()
                .map(|GenFrame(f)| (f.globals.clone(), f.lasti as u32))
        })
        .flatten();
    let Some((globals, lasti)) = snap else {
        return Ok(none());
    };
    // The line of the suspended yield (a snapshot frame object, as tracebacks use).
    let lineno = gen
        .code
        .downcast::<crate::objects::code::PyCode>()
        .map_or(0, |c| c.unit.location(lasti).lineno.max(0));
    crate::objects::exceptions::new_frame_obj(
        ts,
        gen.code.clone(),
        globals,
        None,
        lineno,
        lasti,
        None,
    )
}

/// SEND: `(receiver, value -- receiver, retval)`, jumping by `arg` when the receiver returns.
pub(crate) fn send_op(ts: &ThreadState, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    let v = f.pop_opt().unwrap_or_else(none);
    let recv = f.peek(0).clone().unwrap_or_else(none);
    // SEND_GEN: the generator's frame runs in the caller's loop.
    let v = match resume_inline(ts, &recv, v, ReturnTo::Send(arg)) {
        Inline::Frame(fr) => return Ok(Flow::Call(fr)),
        Inline::Fallback(v) => v,
    };
    let r = if is_generator(&recv) {
        send_ex(ts, &recv, v, None)?
    } else if v.is_none() {
        match protocols::next_raw(ts, &recv) {
            Ok(Some(x)) => GenResult::Yield(x),
            Ok(None) => GenResult::Return(none()),
            Err(e) if e.matches(types().exc.stop_iteration) => {
                let val =
                    protocols::get_attr_opt(ts, e.value(), &names().value)?.unwrap_or_else(none);
                GenResult::Return(val)
            }
            Err(e) => return Err(e),
        }
    } else {
        match protocols::call_method(ts, &recv, "send", &[v]) {
            Ok(x) => GenResult::Yield(x),
            Err(e) if e.matches(types().exc.stop_iteration) => {
                let val =
                    protocols::get_attr_opt(ts, e.value(), &names().value)?.unwrap_or_else(none);
                GenResult::Return(val)
            }
            Err(e) => return Err(e),
        }
    };
    match r {
        GenResult::Yield(x) => f.push(x),
        GenResult::Return(x) => {
            f.push(x);
            f.ip += arg as usize;
        }
    }
    Ok(Flow::Next)
}

/// GET_AWAITABLE.
pub fn get_awaitable(ts: &ThreadState, v: Value, _arg: u32) -> PyResult<Value> {
    if v.class().is(types().coroutine) {
        return Ok(v);
    }
    if let Some(m) = v.class().lookup(ts, &names().__await__) {
        let it = protocols::call_method_descr(ts, &m, &v, &[])?;
        if it.class().is(types().coroutine) {
            return Err(ts.type_error("__await__() returned a coroutine"));
        }
        if !it.class().slots.iternext.is_set() {
            return Err(ts.type_error(format!(
                "__await__() returned non-iterator of type '{}'",
                it.class().name()
            )));
        }
        return Ok(it);
    }
    if v.class().is(types().generator) {
        let gen = v
            .downcast::<PyGenerator>()
            .ok_or_else(|| ts.type_error("generator"))?;
        let c = gen.code.downcast::<crate::objects::code::PyCode>();
        if c.is_some_and(|c| c.is_iterable_coroutine()) {
            return Ok(v);
        }
    }
    Err(ts.type_error(format!("'{}' object can't be awaited", v.class().name())))
}

pub fn get_aiter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    match v.class().lookup(ts, &names().__aiter__) {
        Some(m) => protocols::call_method_descr(ts, &m, v, &[]),
        None => Err(ts.type_error(format!(
            "'async for' requires an object with __aiter__ method, got {}",
            v.class().name()
        ))),
    }
}

pub fn get_anext(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let r = match v.class().lookup(ts, &names().__anext__) {
        Some(m) => protocols::call_method_descr(ts, &m, v, &[])?,
        None => {
            return Err(ts.type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                v.class().name()
            )))
        }
    };
    get_awaitable(ts, r, 0)
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_getset, add_method};
    for t in [types().generator, types().coroutine] {
        t.slots.repr.set(Some(gen_repr));
        add_method(ts, t, "send", m_send);
        add_method(ts, t, "throw", m_throw);
        add_method(ts, t, "close", m_close);
        add_getset(ts, t, "__name__", g_name, None);
        add_getset(ts, t, "__qualname__", g_qualname, None);
    }
    crate::objects::async_gen::init(ts);
    let g = types().generator;
    g.slots.iter.set(Some(gen_iter));
    g.slots.iternext.set(Some(gen_iternext));
    add_getset(ts, g, "gi_code", g_code, None);
    add_getset(ts, g, "gi_running", g_running, None);
    add_getset(ts, g, "gi_frame", g_frame, None);
    add_getset(ts, g, "gi_yieldfrom", g_yieldfrom, None);
    add_getset(ts, g, "gi_suspended", g_suspended, None);
    let c = types().coroutine;
    add_method(ts, c, "__await__", crate::objects::async_gen::coro_await);
    add_getset(ts, c, "cr_code", g_code, None);
    add_getset(ts, c, "cr_running", g_running, None);
    add_getset(ts, c, "cr_frame", g_frame, None);
    add_getset(ts, c, "cr_await", g_yieldfrom, None);
    add_getset(ts, c, "cr_suspended", g_suspended, None);
    // Origin tracking (`sys.set_coroutine_origin_tracking_depth`) is not kept: always None.
    add_getset(ts, c, "cr_origin", g_origin, None);
    c.slots.iternext.set(Some(gen_iternext));
}
