//! `_thread`: OS threads that run Python code in parallel (each registers its own
//! `ThreadState`; there is no global lock), locks (`LockType`, `RLock`) and thread handles as
//! CPython 3.14's `threading.py` uses them.
//!
//! Locks are a leaf mutex + condvar pair; a thread that must wait detaches first (DESIGN:
//! detach-before-block), so stop-the-world and QSBR never wait for a blocked thread.

use super::args::MethodArgs;
use super::set;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::dict::PyDict;
use crate::objects::seq::trace_value;
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{none, py_bool, types, Runtime};
use crate::thread_state::{current_ident, native_thread_id, ThreadState};
use crate::value::Value;
use gc::Tracer;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Largest timeout accepted (seconds), as CPython's `PY_TIMEOUT_MAX / 1e6` on Linux.
const TIMEOUT_MAX: f64 = 9223372036.0;

/// Checks a timeout in seconds as CPython's `_PyTime_FromSecondsObject` does: NaN and values
/// past `PyTime_t`'s range (about 292 years) are errors, never a panic in `Duration`.
pub fn check_timeout(ts: &ThreadState, secs: f64) -> PyResult<f64> {
    if secs.is_nan() {
        return Err(ts.value_error("Invalid value NaN (not a number)"));
    }
    if secs.abs() > TIMEOUT_MAX {
        return Err(ts.overflow_error("timestamp out of range for C PyTime_t"));
    }
    Ok(secs)
}
/// Stack size of threads that run Python code (see `NATIVE_DEPTH_LIMIT`).
pub const THREAD_STACK: usize = 16 << 20;

/// `_thread.lock`: gc's [`gc::ParkingLock`], CPython's `PyMutex` design (one CAS when free;
/// a contended acquire spins briefly, then parks detached; 1 ms fair hand-off). It was a std
/// mutex + condvar pair, where every contended acquire slept in the kernel and every release
/// with a sleeper made a futex call: two threads taking turns on one lock ran 3x slower than
/// one (`threads_lock_counter` 0.29x).
pub struct PyLock {
    lock: gc::ParkingLock,
}

impl PyPayload for PyLock {
    const GC: bool = false;
}

impl PyLock {
    pub fn new() -> PyLock {
        PyLock {
            lock: gc::ParkingLock::new(),
        }
    }

    /// Acquires; `timeout` None = forever. Waits detached.
    pub fn acquire(&self, ts: &ThreadState, blocking: bool, timeout: Option<Duration>) -> bool {
        if self.lock.try_acquire() {
            return true;
        }
        if !blocking {
            return false;
        }
        self.lock.acquire(&ts.gc, timeout)
    }

    /// Releases; false if it was not locked.
    pub fn release(&self) -> bool {
        self.lock.release()
    }

    pub fn is_locked(&self) -> bool {
        self.lock.is_locked()
    }
}

impl Default for PyLock {
    fn default() -> Self {
        Self::new()
    }
}

/// `_thread.RLock`: a [`gc::ParkingLock`] plus its owner and recursion count (CPython's
/// `_PyRecursiveMutex`). `owner` and `count` are written only by the thread holding the lock
/// (the lock's Acquire/Release orders them for the next holder); other threads read `owner`
/// only to compare it with their own ident, which no other thread ever stores.
pub struct PyRLock {
    lock: gc::ParkingLock,
    /// Ident of the holder; 0 = unlocked.
    owner: AtomicU64,
    count: AtomicU64,
}

impl PyPayload for PyRLock {
    const GC: bool = false;
}

impl PyRLock {
    fn new() -> PyRLock {
        PyRLock {
            lock: gc::ParkingLock::new(),
            owner: AtomicU64::new(0),
            count: AtomicU64::new(0),
        }
    }

    fn is_mine(&self, ts: &ThreadState) -> bool {
        // ORDERING: Relaxed: only this thread ever stores its own ident here (see the type).
        self.owner.load(Ordering::Relaxed) == ts.ident
    }

    fn acquire(&self, ts: &ThreadState, blocking: bool, timeout: Option<Duration>) -> bool {
        if self.is_mine(ts) {
            // ORDERING: Relaxed: we hold the lock; only the holder writes `count`.
            self.count.fetch_add(1, Ordering::Relaxed);
            return true;
        }
        let got = self.lock.try_acquire() || (blocking && self.lock.acquire(&ts.gc, timeout));
        if got {
            self.take(ts, 1);
        }
        got
    }

    /// Records the new holder (just took the lock).
    fn take(&self, ts: &ThreadState, count: u64) {
        // ORDERING: Relaxed: published to the next holder by the lock's Release/Acquire.
        self.owner.store(ts.ident, Ordering::Relaxed);
        self.count.store(count, Ordering::Relaxed);
    }

    /// Gives the lock up entirely; returns the (owner, count) it had.
    fn give_up(&self) -> (u64, u64) {
        // ORDERING: Relaxed, as in `take`.
        let st = (
            self.owner.swap(0, Ordering::Relaxed),
            self.count.swap(0, Ordering::Relaxed),
        );
        self.lock.release();
        st
    }
}

fn parse_acquire(ts: &ThreadState, a: &MethodArgs<'_>) -> PyResult<(bool, Option<Duration>)> {
    let [blocking, timeout] = a.parse::<2>(ts, "acquire", &["blocking", "timeout"], 0)?;
    let blocking = match blocking {
        Some(b) => protocols::is_true(ts, &b)?,
        None => true,
    };
    let t = match timeout {
        Some(t) => check_timeout(ts, protocols::to_float(ts, &t)?)?,
        None => -1.0,
    };
    if !blocking && t != -1.0 {
        return Err(ts.value_error("can't specify a timeout for a non-blocking call"));
    }
    if t < 0.0 && t != -1.0 {
        return Err(ts.value_error("timeout value must be a non-negative number"));
    }
    if t > TIMEOUT_MAX {
        return Err(ts.overflow_error("timestamp out of range for C PyTime_t"));
    }
    Ok((
        blocking,
        if t < 0.0 {
            None
        } else {
            Some(Duration::from_secs_f64(t))
        },
    ))
}

fn lock_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyLock> {
    v.downcast::<PyLock>()
        .ok_or_else(|| ts.type_error("expected a lock"))
}

fn l_acquire(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let (b, t) = parse_acquire(ts, &a)?;
    Ok(py_bool(lock_of(ts, s)?.acquire(ts, b, t)))
}

fn l_release(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    if !lock_of(ts, s)?.release() {
        return Err(ts.runtime_error("release unlocked lock"));
    }
    Ok(none())
}

fn l_exit(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    l_release(ts, s, MethodArgs::new(&[], None))
}

fn l_locked(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(lock_of(ts, s)?.is_locked()))
}

fn l_reinit(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    lock_of(ts, s)?.lock.reinit();
    Ok(none())
}

fn l_repr(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let l = lock_of(ts, s)?;
    Ok(ts.new_str(&format!(
        "<{} _thread.lock object at {:#x}>",
        if l.is_locked() { "locked" } else { "unlocked" },
        s.identity()
    )))
}

fn lock_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    crate::object::alloc(ts, cls.as_type(), PyLock::new())
}

fn rlock_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyRLock> {
    v.downcast::<PyRLock>()
        .ok_or_else(|| ts.type_error("expected an RLock"))
}

fn r_acquire(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let (b, t) = parse_acquire(ts, &a)?;
    Ok(py_bool(rlock_of(ts, s)?.acquire(ts, b, t)))
}

fn r_release(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let r = rlock_of(ts, s)?;
    if !r.is_mine(ts) {
        return Err(ts.runtime_error("cannot release un-acquired lock"));
    }
    // ORDERING: Relaxed: we hold the lock (see `PyRLock`).
    if r.count.fetch_sub(1, Ordering::Relaxed) == 1 {
        r.give_up();
    }
    Ok(none())
}

fn r_exit(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    r_release(ts, s, MethodArgs::new(&[], None))
}

fn r_is_owned(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(rlock_of(ts, s)?.is_mine(ts)))
}

fn r_count(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let r = rlock_of(ts, s)?;
    // ORDERING: Relaxed: our own count if we hold it (see `PyRLock`).
    let n = if r.is_mine(ts) {
        r.count.load(Ordering::Relaxed)
    } else {
        0
    };
    Ok(ts.new_int(n as i64))
}

fn r_locked(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(rlock_of(ts, s)?.lock.is_locked()))
}

fn r_release_save(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let r = rlock_of(ts, s)?;
    // ORDERING: Relaxed: a snapshot; CPython checks only the count, too.
    if r.count.load(Ordering::Relaxed) == 0 {
        return Err(ts.runtime_error("cannot release un-acquired lock"));
    }
    let (owner, count) = r.give_up();
    Ok(ts.new_tuple(vec![
        ts.new_int(count as i64),
        ts.new_bigint(num_bigint::BigInt::from(owner)),
    ]))
}

fn r_acquire_restore(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [st] = a.parse::<1>(ts, "_acquire_restore", &[""], 1)?;
    let st = st.expect("required");
    let parts = st.as_tuple_slice();
    let count = parts
        .first()
        .and_then(crate::objects::int::as_i64)
        .unwrap_or(1) as u64;
    let r = rlock_of(ts, s)?;
    if !r.is_mine(ts) {
        r.lock.acquire(&ts.gc, None);
    }
    r.take(ts, count);
    Ok(none())
}

fn rlock_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    crate::object::alloc(ts, cls.as_type(), PyRLock::new())
}

fn rlock_repr(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let r = rlock_of(ts, s)?;
    // ORDERING: Relaxed: a snapshot for the repr.
    let (owner, count) = (
        r.owner.load(Ordering::Relaxed),
        r.count.load(Ordering::Relaxed),
    );
    Ok(ts.new_str(&format!(
        "<{} {}.{} object owner={owner} count={count} at {:#x}>",
        if owner != 0 { "locked" } else { "unlocked" },
        "_thread",
        "RLock",
        s.identity()
    )))
}

// --- thread handles ---

struct HandleState {
    done: bool,
    join: Option<std::thread::JoinHandle<()>>,
}

/// A handle's state, shared with the thread it describes (which marks it done).
type SharedHandle = Arc<(Mutex<HandleState>, Condvar)>;

/// `_thread._ThreadHandle`.
pub struct PyThreadHandle {
    ident: AtomicU64,
    state: SharedHandle,
}

/// The running non-daemon threads (ident, handle), which `_thread._shutdown` waits for at
/// exit. Process-wide, as there is one runtime per process.
static NON_DAEMON: Mutex<Vec<(u64, SharedHandle)>> = Mutex::new(Vec::new());

/// Waits until the thread of `st` is done, or until `timeout` seconds passed (false then).
/// Call detached.
fn wait_done(st: &SharedHandle, timeout: Option<f64>) -> bool {
    let (m, cv) = &**st;
    let deadline = timeout.map(|t| Instant::now() + Duration::from_secs_f64(t));
    let mut g = match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    while !g.done {
        match deadline {
            None => {
                g = match cv.wait(g) {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                }
            }
            Some(d) => {
                let now = Instant::now();
                if now >= d {
                    return false;
                }
                g = match cv.wait_timeout(g, d - now) {
                    Ok((g, _)) => g,
                    Err(p) => p.into_inner().0,
                };
            }
        }
    }
    true
}

impl PyPayload for PyThreadHandle {
    const GC: bool = false;
}

fn new_handle(ts: &ThreadState, ident: u64, done: bool) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        types().thread_handle,
        PyThreadHandle {
            ident: AtomicU64::new(ident),
            state: Arc::new((Mutex::new(HandleState { done, join: None }), Condvar::new())),
        },
    )
}

fn handle_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyThreadHandle> {
    v.downcast::<PyThreadHandle>()
        .ok_or_else(|| ts.type_error("expected a thread handle"))
}

fn h_join(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [timeout] = a.parse::<1>(ts, "join", &["timeout"], 0)?;
    let h = handle_of(ts, s)?;
    // ORDERING: Relaxed: set before the thread starts running Python code.
    if h.ident.load(Ordering::Relaxed) == ts.ident {
        return Err(ts.runtime_error("Cannot join current thread"));
    }
    let t = match timeout.filter(|t| !t.is_none()) {
        Some(t) => Some(check_timeout(ts, protocols::to_float(ts, &t)?)?.max(0.0)),
        None => None,
    };
    let st = h.state.clone();
    let join = ts.detached(move || {
        if !wait_done(&st, t) {
            return None;
        }
        match st.0.lock() {
            Ok(mut g) => g.join.take(),
            Err(p) => p.into_inner().join.take(),
        }
    });
    if let Some(j) = join {
        ts.detached(|| {
            let _ = j.join();
        });
    }
    Ok(none())
}

fn h_is_done(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let h = handle_of(ts, s)?;
    Ok(py_bool(h.state.0.lock().map(|g| g.done).unwrap_or(true)))
}

fn h_set_done(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let h = handle_of(ts, s)?;
    if let Ok(mut g) = h.state.0.lock() {
        g.done = true;
    }
    h.state.1.notify_all();
    Ok(none())
}

fn h_ident(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let h = handle_of(ts, s)?;
    // ORDERING: Relaxed: see `h_join`.
    Ok(ts.new_bigint(num_bigint::BigInt::from(h.ident.load(Ordering::Relaxed))))
}

fn handle_repr(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let h = handle_of(ts, s)?;
    // ORDERING: Relaxed: see `h_join`.
    Ok(ts.new_str(&format!(
        "<_thread._ThreadHandle object: ident={}>",
        h.ident.load(Ordering::Relaxed)
    )))
}

fn handle_new(
    ts: &ThreadState,
    _cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    new_handle(ts, 0, false)
}

/// Before the first thread starts: makes the objects every thread loads on every call of a
/// builtin immortal, so their reference counts stop being one cache line that all threads'
/// increfs bounce (true sharing: with two threads, `items.append(i)` ran at half speed, the
/// `list.append` descriptor's count moving between the cores twice per call; benches
/// `threads_list_append` 1.06x -> see DESIGN). Those are the method descriptors, slot
/// wrappers and other descriptors in the dicts of immortal (builtin and native) types, and
/// the builtin functions of the loaded modules (`len`, `math.sqrt`): they live as long as the
/// process anyway (a builtin type's dict can't be changed). `immortalize_shared` skips
/// objects another live thread owns; a single-threaded program never pays for any of it.
fn share_builtins(ts: &ThreadState) {
    static DONE: std::sync::Once = std::sync::Once::new();
    DONE.call_once(|| {
        let tys = types();
        let descriptor_types = [
            tys.method_descr,
            tys.classmethod_descr,
            tys.slot_wrapper,
            tys.getset_descr,
            tys.member_descr,
            tys.builtin_function,
            tys.classmethod,
            tys.staticmethod,
        ];
        let immortalize = |v: &Value| {
            if let Some(r) = v.to_obj() {
                r.immortalize_shared(&ts.gc);
            }
        };
        let share_type = |t: &Value| {
            if !t.header().is_some_and(|h| h.is_immortal()) {
                return; // a class defined in Python: its dict can change
            }
            for v in t.as_type().dict().values(ts) {
                if descriptor_types.iter().any(|d| v.class().is(d)) {
                    immortalize(&v);
                }
            }
        };
        for t in crate::runtime::all_types(tys) {
            share_type(&t.to_value());
        }
        let Some(modules) = ts.rt.sys_modules().downcast::<PyDict>() else {
            return;
        };
        for m in modules.values(ts) {
            let Some(m) = m.downcast::<crate::objects::module::PyModule>() else {
                continue;
            };
            for v in m.dict().values(ts) {
                if v.class().is(tys.builtin_function) {
                    immortalize(&v);
                } else if v.is_type() {
                    share_type(&v);
                }
            }
        }
    });
}

/// Starts an OS thread running `func(*args, **kwargs)`; marks `handle` done when it ends.
fn spawn(
    ts: &ThreadState,
    func: Value,
    args: Vec<Value>,
    kwargs: Option<Value>,
    handle: Option<Value>,
    report: bool,
) -> PyResult<u64> {
    share_builtins(ts);
    let rt = ts.rt.clone();
    let (tx, rx) = std::sync::mpsc::channel::<u64>();
    let hstate: Option<SharedHandle> = match &handle {
        Some(h) => Some(handle_of(ts, h)?.state.clone()),
        None => None,
    };
    rt.thread_count.fetch_add(1, Ordering::Relaxed);
    let payload = ThreadPayload {
        func,
        args,
        kwargs,
        handle: handle.clone(),
    };
    let hs2 = hstate.clone();
    let jh = std::thread::Builder::new()
        .stack_size(THREAD_STACK)
        .spawn(move || thread_main(rt, payload, tx, hs2, report))
        .map_err(|e| ts.runtime_error(format!("can't start new thread: {e}")))?;
    let ident = ts.detached(|| rx.recv().unwrap_or(0));
    if let Some(h) = &handle {
        let hp = handle_of(ts, h)?;
        // ORDERING: Relaxed: the channel receive already synchronized with the new thread.
        hp.ident.store(ident, Ordering::Relaxed);
        if let Ok(mut g) = hp.state.0.lock() {
            g.join = Some(jh);
        }
    }
    Ok(ident)
}

struct ThreadPayload {
    func: Value,
    args: Vec<Value>,
    kwargs: Option<Value>,
    handle: Option<Value>,
}

fn thread_main(
    rt: Arc<Runtime>,
    p: ThreadPayload,
    tx: std::sync::mpsc::Sender<u64>,
    hstate: Option<SharedHandle>,
    report: bool,
) {
    let ts = match ThreadState::new(rt.clone()) {
        Ok(ts) => ts,
        Err(_) => {
            let _ = tx.send(0);
            return;
        }
    };
    let _ = tx.send(ts.ident);
    let ThreadPayload {
        func,
        args,
        kwargs,
        handle,
    } = p;
    let r = match kwargs.filter(|k| !k.is_none()) {
        Some(kw) => {
            let items = kw
                .downcast::<PyDict>()
                .map(|d| d.items(&ts))
                .unwrap_or_default();
            let mut all = args.clone();
            let mut names = Vec::new();
            for (k, v) in items {
                names.push(k);
                all.push(v);
            }
            let kt = ts.new_tuple(names);
            protocols::call(&ts, &func, &all, kt.downcast::<PyTuple>())
        }
        None => protocols::call(&ts, &func, &args, None),
    };
    if let Err(e) = r {
        if report && !e.matches(types().exc.system_exit) {
            let fr = protocols::repr_string(&ts, &func).unwrap_or_default();
            let text = crate::traceback::format_exception(&ts, e.value());
            let _ = super::write_stderr(
                &ts,
                &format!("Exception ignored in thread started by: {fr}\n{text}"),
            );
        }
    }
    drop(func);
    drop(args);
    drop(handle);
    rt.thread_count.fetch_sub(1, Ordering::Relaxed);
    if let Some(hs) = hstate {
        if let Ok(mut g) = hs.0.lock() {
            g.done = true;
        }
        hs.1.notify_all();
    }
    drop(ts);
}

fn t_start_new_thread(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [f, args, kwargs] = a.parse::<3>(ts, "start_new_thread", &["", "", ""], 2)?;
    let f = f.expect("required");
    let args = args.expect("required");
    if args.downcast::<PyTuple>().is_none() {
        return Err(ts.type_error("2nd arg must be a tuple"));
    }
    if let Some(k) = &kwargs {
        if k.downcast::<PyDict>().is_none() {
            return Err(ts.type_error("optional 3rd arg must be a dictionary"));
        }
    }
    let ident = spawn(ts, f, args.as_tuple_slice().to_vec(), kwargs, None, true)?;
    Ok(ts.new_bigint(num_bigint::BigInt::from(ident)))
}

fn t_start_joinable_thread(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [f, handle, daemon] = a.parse::<3>(
        ts,
        "start_joinable_thread",
        &["function", "handle", "daemon"],
        1,
    )?;
    let f = f.expect("required");
    if !protocols::is_callable(&f) {
        return Err(ts.type_error("thread function must be callable"));
    }
    let handle = match handle.filter(|h| !h.is_none()) {
        Some(h) => h,
        None => new_handle(ts, 0, false)?,
    };
    let daemon = match daemon {
        Some(d) => protocols::is_true(ts, &d)?,
        None => true,
    };
    let ident = spawn(ts, f, vec![], None, Some(handle.clone()), true)?;
    if !daemon {
        let st = handle_of(ts, &handle)?.state.clone();
        let mut g = NON_DAEMON.lock().unwrap_or_else(|p| p.into_inner());
        // Forget the threads that already ended.
        g.retain(|(_, h)| !h.0.lock().map(|x| x.done).unwrap_or(true));
        g.push((ident, st));
    }
    Ok(handle)
}

fn t_allocate_lock(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    crate::object::alloc(ts, types().lock, PyLock::new())
}

fn t_get_ident(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_bigint(num_bigint::BigInt::from(ts.ident)))
}

fn t_get_native_id(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_bigint(num_bigint::BigInt::from(native_thread_id())))
}

fn t_count(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(ts.rt.thread_count.load(Ordering::Relaxed)))
}

fn t_main_ident(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_bigint(num_bigint::BigInt::from(
        ts.rt.main_ident.load(Ordering::Relaxed),
    )))
}

fn t_true(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(true))
}

static EXCEPT_HOOK_ARGS: std::sync::OnceLock<&'static crate::objects::typeobj::PyType> =
    std::sync::OnceLock::new();

/// `_thread._ExceptHookArgs`, the struct sequence `threading.excepthook` receives.
fn except_hook_args_type(ts: &ThreadState) -> &'static crate::objects::typeobj::PyType {
    use crate::objects::structseq::{new_type, StructSeqDesc};
    EXCEPT_HOOK_ARGS.get_or_init(|| {
        new_type(
            ts,
            &StructSeqDesc {
                name: "_thread._ExceptHookArgs",
                fields: &["exc_type", "exc_value", "exc_traceback", "thread"],
                instantiable: true,
            },
            &[],
        )
    })
}

/// `_thread._excepthook(args)`: CPython's default `threading.excepthook`. Prints
/// "Exception in thread NAME:" and the traceback to `sys.stderr` (or the thread's saved
/// `_stderr` when that is None); SystemExit is silent.
fn t_excepthook(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [args] = a.parse::<1>(ts, "_excepthook", &[""], 1)?;
    let args = args.unwrap_or_else(none);
    if !args.class().is(except_hook_args_type(ts)) {
        return Err(ts.type_error("_thread.excepthook argument type must be ExceptHookArgs"));
    }
    let items = args.as_tuple_slice();
    let [exc_type, exc_value, exc_tb, thread] =
        [0, 1, 2, 3].map(|i| items.get(i).cloned().unwrap_or_else(none));
    if exc_type.is(&types().exc.system_exit.to_value()) {
        return Ok(none());
    }
    let mut file = super::sys::sys_attr(ts, "stderr").unwrap_or_else(none);
    if file.is_none() {
        if thread.is_none() {
            return Ok(none());
        }
        file = protocols::get_attr_str(ts, &thread, "_stderr")?;
        if file.is_none() {
            return Ok(none());
        }
    }
    let name = if thread.is_none() {
        None
    } else {
        protocols::get_attr_opt(ts, &thread, &ts.intern("name"))?
    };
    let name = match name {
        Some(n) => protocols::str_string(ts, &n)?,
        None => ts.ident.to_string(),
    };
    let mut text = format!("Exception in thread {name}:\n");
    if let Some(e) = exc_value.downcast::<crate::objects::exceptions::PyBaseException>() {
        if !exc_tb.is_none() && e.traceback().is_none() {
            protocols::set_attr(ts, &exc_value, &ts.intern("__traceback__"), exc_tb.clone())?;
        }
        text.push_str(&crate::traceback::format_exception(ts, &exc_value));
    } else {
        let n = protocols::get_attr_str(ts, &exc_type, "__name__")
            .and_then(|n| protocols::str_string(ts, &n))
            .unwrap_or_else(|_| "?".into());
        text.push_str(&format!("{n}\n"));
    }
    protocols::call_method(ts, &file, "write", &[ts.new_str(&text)])?;
    protocols::call_method(ts, &file, "flush", &[])?;
    Ok(none())
}

/// `_thread.exit()`: ends the calling thread by raising SystemExit.
fn t_exit(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Err(ts.new_error_args(types().exc.system_exit, vec![]))
}

/// `_thread._shutdown()`: waits for every non-daemon thread (those started since, too).
fn t_shutdown(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    loop {
        let list = std::mem::take(&mut *NON_DAEMON.lock().unwrap_or_else(|p| p.into_inner()));
        if list.is_empty() {
            return Ok(none());
        }
        for (ident, st) in list {
            if ident != ts.ident {
                ts.detached(|| wait_done(&st, None));
            }
        }
    }
}

/// Longest OS thread name, in bytes (Linux's `TASK_COMM_LEN` - 1).
const NAME_MAXLEN: usize = 15;

/// `_thread.set_name(name)`: the OS name of the calling thread (what `ps -L` and debuggers
/// show), cut to [`NAME_MAXLEN`] bytes of UTF-8 at a character boundary. Written through
/// `/proc/thread-self/comm`, which needs no libc; elsewhere it does nothing.
fn t_set_name(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [name] = a.parse::<1>(ts, "set_name", &["name"], 1)?;
    let name = name.unwrap_or_else(none);
    let Some(s) = name.downcast::<crate::objects::str::PyStr>() else {
        return Err(ts.type_error(format!(
            "set_name() argument 'name' must be str, not {}",
            name.class().name()
        )));
    };
    let s = s.to_string_lossy();
    let mut end = s.len().min(NAME_MAXLEN);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    if cfg!(target_os = "linux") {
        let _ = std::fs::write("/proc/thread-self/comm", &s.as_bytes()[..end]);
    }
    Ok(none())
}

/// `_thread._get_name()`: the calling thread's OS name.
fn t_get_name(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    match std::fs::read("/proc/thread-self/comm") {
        Ok(b) => {
            let s = String::from_utf8_lossy(&b);
            Ok(ts.new_str(s.trim_end_matches('\n')))
        }
        Err(_) => Ok(none()),
    }
}

fn t_stack_size(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(0))
}

fn t_make_thread_handle(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [ident] = a.parse::<1>(ts, "_make_thread_handle", &[""], 1)?;
    let id = crate::objects::int::as_int(&ident.expect("required"))
        .and_then(|i| num_traits::ToPrimitive::to_u64(&i.to_big()))
        .unwrap_or(0);
    new_handle(ts, id, false)
}

// --- _local ---

/// `_thread._local`: its attributes live in a dict per thread, kept in that thread's
/// `ThreadState` (dropped with the thread) under the object's unique id.
pub struct PyLocal {
    /// Unique per object: addresses are reused, ids are not, so a dead local's dicts (left
    /// in threads that outlive it) are never found again.
    id: u64,
    /// The constructor's arguments, for `__init__` on first use in each other thread.
    args: Vec<Value>,
    kwnames: Option<Value>,
}

impl PyPayload for PyLocal {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        for v in &self.args {
            trace_value(v, t);
        }
        if let Some(k) = &self.kwnames {
            trace_value(k, t);
        }
    }
}

static NEXT_LOCAL_ID: AtomicU64 = AtomicU64::new(1);

/// The calling thread's dict of `obj`; on first use in a thread other than the creating
/// one, makes it and runs `type(obj).__init__(*args, **kwargs)`, as CPython's `_ldict`.
fn local_dict(ts: &ThreadState, obj: &Value) -> PyResult<Value> {
    let l = obj
        .downcast::<PyLocal>()
        .ok_or_else(|| ts.type_error("expected a _thread._local"))?;
    if let Some(d) = ts.thread_locals.borrow().get(&l.id) {
        return Ok(d.clone());
    }
    let d = ts.new_dict();
    ts.thread_locals.borrow_mut().insert(l.id, d.clone());
    let ty = obj.class();
    let init = ty.slots.init.get();
    let object_init = types().object.slots.init.get();
    if let Some(f) = init {
        if object_init.map(|o| o as usize) != Some(f as usize) {
            let kw = l.kwnames.as_ref().and_then(|k| k.downcast::<PyTuple>());
            if let Err(e) = f(ts, obj, &l.args, kw) {
                // A failed `__init__` leaves no dict behind, as in CPython.
                ts.thread_locals.borrow_mut().remove(&l.id);
                return Err(e);
            }
        }
    }
    Ok(d)
}

fn local_getattro(ts: &ThreadState, obj: &Value, name: &Value) -> PyResult<Value> {
    let d = local_dict(ts, obj)?;
    if crate::objects::str::str_lossy(name) == "__dict__" {
        return Ok(d);
    }
    let ty = obj.class();
    if let Some(descr) = ty.lookup(ts, name) {
        if let (Some(get), true) = (
            descr.class().slots.descr_get.get(),
            descr.class().slots.descr_set.is_set(),
        ) {
            return get(ts, &descr, Some(obj), &ty.to_value());
        }
    }
    if let Some(v) = d
        .downcast::<PyDict>()
        .and_then(|dd| dd.get_item_str(ts, name))
    {
        return Ok(v);
    }
    if let Some(descr) = ty.lookup(ts, name) {
        if let Some(get) = descr.class().slots.descr_get.get() {
            return get(ts, &descr, Some(obj), &ty.to_value());
        }
        return Ok(descr);
    }
    Err(ts.attribute_error_no_attr(obj, name))
}

fn local_setattro(ts: &ThreadState, obj: &Value, name: &Value, v: Option<Value>) -> PyResult<()> {
    if crate::objects::str::str_lossy(name) == "__dict__" {
        return Err(ts.attribute_error(format!(
            "'{}' object attribute '__dict__' is read-only",
            obj.class().name()
        )));
    }
    let d = local_dict(ts, obj)?;
    let ty = obj.class();
    if let Some(descr) = ty.lookup(ts, name) {
        if let Some(set) = descr.class().slots.descr_set.get() {
            return set(ts, &descr, obj, v);
        }
    }
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("local dict"))?;
    match v {
        Some(x) => dd.set_item(ts, name.clone(), x),
        None => match dd.del_item(ts, name)? {
            Some(_) => Ok(()),
            None => Err(ts.attribute_error_no_attr(obj, name)),
        },
    }
}

fn local_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let ty = cls.as_type();
    let object_init = types().object.slots.init.get().map(|f| f as usize);
    let plain_init = ty.slots.init.get().map(|f| f as usize) == object_init;
    if !args.is_empty() && plain_init {
        return Err(ts.type_error("Initialization arguments are not supported"));
    }
    // ORDERING: Relaxed: only uniqueness matters.
    let id = NEXT_LOCAL_ID.fetch_add(1, Ordering::Relaxed);
    let obj = crate::object::alloc(
        ts,
        ty,
        PyLocal {
            id,
            args: args.to_vec(),
            kwnames: kw.map(|k| k.as_slice().to_vec()).map(|k| ts.new_tuple(k)),
        },
    )?;
    // The creating thread's dict exists from the start; `type.__call__` runs `__init__`.
    ts.thread_locals.borrow_mut().insert(id, ts.new_dict());
    Ok(obj)
}

pub fn init_types(ts: &ThreadState) {
    use crate::objects::descr::{add_getset, add_method};
    let t = types();
    let l = t.lock;
    l.slots.new.set(Some(lock_new));
    l.slots.repr.set(Some(l_repr));
    for (n, f) in [
        ("acquire", l_acquire as crate::objects::descr::MethodFn),
        ("acquire_lock", l_acquire),
        ("__enter__", l_acquire),
        ("release", l_release),
        ("release_lock", l_release),
        ("__exit__", l_exit),
        ("locked", l_locked),
        ("locked_lock", l_locked),
        ("_at_fork_reinit", l_reinit),
    ] {
        add_method(ts, l, n, f);
    }
    let r = t.rlock;
    r.slots.new.set(Some(rlock_new));
    r.slots.repr.set(Some(rlock_repr));
    for (n, f) in [
        ("acquire", r_acquire as crate::objects::descr::MethodFn),
        ("__enter__", r_acquire),
        ("release", r_release),
        ("__exit__", r_exit),
        ("_is_owned", r_is_owned),
        ("_recursion_count", r_count),
        ("_release_save", r_release_save),
        ("_acquire_restore", r_acquire_restore),
        ("locked", r_locked),
    ] {
        add_method(ts, r, n, f);
    }
    let h = t.thread_handle;
    h.slots.new.set(Some(handle_new));
    h.slots.repr.set(Some(handle_repr));
    add_method(ts, h, "join", h_join);
    add_method(ts, h, "is_done", h_is_done);
    add_method(ts, h, "_set_done", h_set_done);
    add_getset(ts, h, "ident", h_ident, None);
    let lo = t.thread_local;
    lo.slots.getattro.set(Some(local_getattro));
    lo.slots.setattro.set(Some(local_setattro));
    lo.slots.new.set(Some(local_new));
}

pub fn create(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = super::modules::new_native_module(
        ts,
        "_thread",
        &[
            ("start_new_thread", t_start_new_thread),
            ("start_new", t_start_new_thread),
            ("start_joinable_thread", t_start_joinable_thread),
            ("allocate_lock", t_allocate_lock),
            ("allocate", t_allocate_lock),
            ("get_ident", t_get_ident),
            ("get_native_id", t_get_native_id),
            ("_count", t_count),
            ("_get_main_thread_ident", t_main_ident),
            ("_is_main_interpreter", t_true),
            ("daemon_threads_allowed", t_true),
            ("_shutdown", t_shutdown),
            ("set_name", t_set_name),
            ("_get_name", t_get_name),
            ("stack_size", t_stack_size),
            ("_make_thread_handle", t_make_thread_handle),
            ("_excepthook", t_excepthook),
            ("exit", t_exit),
            ("exit_thread", t_exit),
        ],
    )?;
    if let Some(dd) = d.downcast::<PyDict>() {
        let t = types();
        set(ts, dd, "LockType", t.lock.to_value());
        set(ts, dd, "lock", t.lock.to_value());
        set(ts, dd, "RLock", t.rlock.to_value());
        set(ts, dd, "_ThreadHandle", t.thread_handle.to_value());
        set(ts, dd, "_local", t.thread_local.to_value());
        set(
            ts,
            dd,
            "_ExceptHookArgs",
            except_hook_args_type(ts).to_value(),
        );
        set(ts, dd, "error", t.exc.runtime_error.to_value());
        set(ts, dd, "TIMEOUT_MAX", ts.new_float(TIMEOUT_MAX));
        set(ts, dd, "_NAME_MAXLEN", ts.new_int(NAME_MAXLEN as i64));
    }
    Ok(m)
}

/// Per-thread storage of `_thread._local` objects, keyed by [`PyLocal`]'s id.
pub type ThreadLocals = HashMap<u64, Value>;

/// The calling OS thread's ident (for the main thread at start-up).
pub fn main_ident() -> u64 {
    current_ident()
}
