//! `_signal`: signal handlers, `alarm`, itimers, `set_wakeup_fd`, `raise_signal`,
//! `strsignal`, `valid_signals`, `pthread_kill`, `pthread_sigmask` (CPython's
//! `Modules/signalmodule.c`).
//!
//! Delivery is split as in CPython: the OS handler ([`on_signal`]) only sets a flag (and writes
//! the wakeup fd); the Python handler runs later on the main thread, in [`check_signals`].
//! The VM has no eval-breaker hook for signals yet, so `check_signals` runs only where this
//! crate calls it: after `raise_signal`/`pthread_kill`/`pause`, and when `time.sleep` is
//! interrupted. A pure-Python loop does not see the signal until then. SIGINT keeps the OS
//! default (the process dies on Ctrl-C) until a handler is installed.
//!
//! Python handlers live in the module's `_handlers` dict; the flags are statics because the OS
//! handler can reach nothing else.

use crate::posix::{int_arg, module_class, req, Args};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::protocols;
use vm::runtime::{none, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_signal);

const NSIG: usize = 65;

/// Set by the OS handler, cleared by `check_signals`.
static TRIPPED: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];
static ANY_TRIPPED: AtomicBool = AtomicBool::new(false);
/// pthread id of the thread running Python's main thread (0 until `signal()` is first
/// called). Ladon runs `__main__` on a spawned thread while the process's first thread waits,
/// so the kernel may deliver a signal there; the OS handler forwards it, so that the blocking
/// call of the Python main thread is interrupted as in CPython.
static MAIN_PTHREAD: AtomicU64 = AtomicU64::new(0);
/// `set_wakeup_fd`'s descriptor, -1 when unset.
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);

const PRELUDE_PY: &str = r#"
class ItimerError(OSError):
    pass
ItimerError.__module__ = 'signal'
_handlers = {}
"#;

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("signal", signal),
    ("getsignal", getsignal),
    ("default_int_handler", default_int_handler),
    ("alarm", alarm),
    ("pause", pause),
    ("raise_signal", raise_signal),
    ("strsignal", strsignal),
    ("valid_signals", valid_signals),
    ("set_wakeup_fd", set_wakeup_fd),
    ("pthread_kill", pthread_kill),
    ("pthread_sigmask", pthread_sigmask),
    ("siginterrupt", siginterrupt),
    ("setitimer", setitimer),
    ("getitimer", getitimer),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("SIGHUP", 1),
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGTRAP", 5),
    ("SIGABRT", 6),
    ("SIGIOT", 6),
    ("SIGBUS", 7),
    ("SIGFPE", 8),
    ("SIGKILL", 9),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", 13),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGSTKFLT", 16),
    ("SIGCHLD", 17),
    ("SIGCLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", 19),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGXCPU", 24),
    ("SIGXFSZ", 25),
    ("SIGVTALRM", 26),
    ("SIGPROF", 27),
    ("SIGWINCH", 28),
    ("SIGIO", 29),
    ("SIGPOLL", 29),
    ("SIGPWR", 30),
    ("SIGSYS", 31),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
    ("SIG_DFL", 0),
    ("SIG_IGN", 1),
    ("SIG_BLOCK", libc::SIG_BLOCK as i64),
    ("SIG_UNBLOCK", libc::SIG_UNBLOCK as i64),
    ("SIG_SETMASK", libc::SIG_SETMASK as i64),
    ("NSIG", NSIG as i64),
    ("ITIMER_REAL", libc::ITIMER_REAL as i64),
    ("ITIMER_VIRTUAL", libc::ITIMER_VIRTUAL as i64),
    ("ITIMER_PROF", libc::ITIMER_PROF as i64),
];

fn init_signal(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "_signal", FUNCTIONS)?;
    let dd = crate::posix::dict_of(ts, &d)?;
    for (name, v) in CONSTANTS {
        dd.set_str(ts, name, ts.new_int(*v));
    }
    crate::posix::run_prelude(ts, &d, PRELUDE_PY)?;
    Ok(m)
}

/// The OS-level handler: async-signal-safe (atomics and `write` only).
extern "C" fn on_signal(sig: libc::c_int) {
    if let Some(f) = TRIPPED.get(sig as usize) {
        // ORDERING: Release pairs with the Acquire swap in `check_signals`; the per-signal
        // flag is published before ANY_TRIPPED (set below) can be seen.
        f.store(true, Ordering::Release);
    }
    // ORDERING: Release pairs with the Acquire swap in `check_signals`.
    ANY_TRIPPED.store(true, Ordering::Release);
    // ORDERING: Relaxed: written once before any handler is installed (by the same thread
    // that calls sigaction, which orders it for the kernel's delivery).
    let main = MAIN_PTHREAD.load(Ordering::Relaxed);
    // SAFETY: pthread_self and pthread_kill are async-signal-safe; `main` is the live thread
    // that runs Python's main thread (it outlives every handler it installed).
    unsafe {
        if main != 0 && libc::pthread_self() as u64 != main {
            libc::pthread_kill(main as libc::pthread_t, sig);
            return;
        }
    }
    // ORDERING: Relaxed: the fd is an independent value; a stale one only misses a wakeup.
    let fd = WAKEUP_FD.load(Ordering::Relaxed);
    if fd >= 0 {
        let b = sig as u8;
        // SAFETY: write is async-signal-safe; `b` lives for the call. errno is preserved.
        unsafe {
            let saved = *libc::__errno_location();
            libc::write(fd, (&b as *const u8).cast(), 1);
            *libc::__errno_location() = saved;
        }
    }
}

fn handlers(ts: &ThreadState) -> PyResult<Value> {
    module_class(ts, "_signal", "_handlers")
}

/// Runs the Python handlers of the signals that arrived, on the main thread (CPython's
/// `PyErr_CheckSignals`). An exception raised by a handler propagates.
pub(crate) fn check_signals(ts: &ThreadState) -> PyResult<()> {
    // ORDERING: Acquire pairs with the Release stores in `on_signal`.
    if !ANY_TRIPPED.swap(false, Ordering::Acquire) {
        return Ok(());
    }
    if ts.ident != ts.rt.main_ident.load(Ordering::Relaxed) {
        // Not ours to run: leave the flag for the main thread.
        ANY_TRIPPED.store(true, Ordering::Release);
        return Ok(());
    }
    for (sig, f) in TRIPPED.iter().enumerate() {
        // ORDERING: Acquire pairs with the Release store in `on_signal`.
        if f.swap(false, Ordering::Acquire) {
            let h = protocols::get_item_opt(ts, &handlers(ts)?, &ts.new_int(sig as i64))?;
            if let Some(h) = h.filter(protocols::is_callable) {
                protocols::call(ts, &h, &[ts.new_int(sig as i64), none()], None)?;
            }
        }
    }
    Ok(())
}

fn signum_arg(ts: &ThreadState, v: &Option<Value>) -> PyResult<libc::c_int> {
    let s = int_arg(ts, &req(v))?;
    if s < 1 || s >= NSIG as i64 {
        return Err(ts.value_error("signal number out of range"));
    }
    Ok(s as libc::c_int)
}

/// The handler Python sees for a signal it never set: from the OS disposition.
fn os_disposition(ts: &ThreadState, sig: libc::c_int) -> Value {
    // SAFETY: all-zero is a valid sigaction; querying with a null new action changes nothing.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: see above.
    unsafe { libc::sigaction(sig, std::ptr::null(), &mut old) };
    if old.sa_sigaction == libc::SIG_IGN {
        ts.new_int(1)
    } else if sig == libc::SIGINT {
        // CPython installs default_int_handler for SIGINT at startup; report it the same way.
        module_class(ts, "_signal", "default_int_handler").unwrap_or_else(|_| ts.new_int(0))
    } else {
        ts.new_int(0)
    }
}

fn current_handler(ts: &ThreadState, sig: libc::c_int) -> PyResult<Value> {
    let h = protocols::get_item_opt(ts, &handlers(ts)?, &ts.new_int(sig as i64))?;
    Ok(h.unwrap_or_else(|| os_disposition(ts, sig)))
}

fn signal(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [s, h] = a.parse::<2>(ts, "signal", &["", ""], 2)?;
    let sig = signum_arg(ts, &s)?;
    let h = req(&h);
    if ts.ident != ts.rt.main_ident.load(Ordering::Relaxed) {
        return Err(ts.value_error("signal only works in main thread of the main interpreter"));
    }
    let action = match vm::objects::int::as_i64(&h) {
        Some(0) => libc::SIG_DFL,
        Some(1) => libc::SIG_IGN,
        _ if protocols::is_callable(&h) => on_signal as extern "C" fn(libc::c_int) as usize,
        _ => {
            return Err(ts.type_error(
                "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
            ))
        }
    };
    let old = current_handler(ts, sig)?;
    // SAFETY: pthread_self has no preconditions.
    let me = unsafe { libc::pthread_self() } as u64;
    // ORDERING: Relaxed, see `on_signal`.
    MAIN_PTHREAD.store(me, Ordering::Relaxed);
    // SAFETY: all-zero is a valid sigaction.
    let mut sa: libc::sigaction = unsafe { std::mem::zeroed() };
    sa.sa_sigaction = action;
    sa.sa_flags = libc::SA_ONSTACK;
    // SAFETY: `sa` is initialized; the handler is async-signal-safe.
    if unsafe { libc::sigaction(sig, &sa, std::ptr::null_mut()) } < 0 {
        return Err(crate::posix::last_os_error(ts, None));
    }
    protocols::set_item(ts, &handlers(ts)?, &ts.new_int(sig as i64), h)?;
    Ok(old)
}

fn getsignal(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "getsignal", &[""], 1)?;
    let sig = signum_arg(ts, &s)?;
    current_handler(ts, sig)
}

fn default_int_handler(ts: &ThreadState, _a: Args<'_>) -> PyResult<Value> {
    Err(ts.new_error_args(types().exc.keyboard_interrupt, vec![]))
}

fn alarm(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "alarm", &[""], 1)?;
    let s = int_arg(ts, &req(&s))?;
    // SAFETY: plain syscall.
    Ok(ts.new_int(unsafe { libc::alarm(s.clamp(0, u32::MAX as i64) as u32) } as i64))
}

fn pause(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "pause")?;
    // SAFETY: plain syscall; returns once a signal was handled.
    ts.detached(|| unsafe { libc::pause() });
    check_signals(ts)?;
    Ok(none())
}

fn raise_signal(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "raise_signal", &[""], 1)?;
    let sig = signum_arg(ts, &s)?;
    // SAFETY: plain syscall.
    if unsafe { libc::raise(sig) } != 0 {
        return Err(crate::posix::last_os_error(ts, None));
    }
    check_signals(ts)?;
    Ok(none())
}

fn strsignal(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "strsignal", &[""], 1)?;
    let sig = signum_arg(ts, &s)?;
    // SAFETY: strsignal returns a NUL-terminated string, copied at once.
    let p = unsafe { libc::strsignal(sig) };
    if p.is_null() {
        return Ok(none());
    }
    // SAFETY: non-null result of strsignal.
    let s = unsafe { std::ffi::CStr::from_ptr(p) }
        .to_string_lossy()
        .into_owned();
    if s.starts_with("Unknown signal") || s.starts_with("Real-time signal") {
        return Ok(none());
    }
    Ok(ts.new_str(&s))
}

fn new_set(ts: &ThreadState, items: Vec<Value>) -> PyResult<Value> {
    protocols::call(ts, &types().set.to_value(), &[ts.new_list(items)], None)
}

fn sigset_to_set(ts: &ThreadState, set: &libc::sigset_t) -> PyResult<Value> {
    let mut out = Vec::new();
    for sig in 1..NSIG as libc::c_int {
        // SAFETY: `set` is an initialized sigset_t.
        if unsafe { libc::sigismember(set, sig) } == 1 {
            out.push(ts.new_int(sig as i64));
        }
    }
    new_set(ts, out)
}

fn valid_signals(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "valid_signals")?;
    // SAFETY: all-zero storage, then initialized by sigfillset.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid out-pointer.
    unsafe { libc::sigfillset(&mut set) };
    sigset_to_set(ts, &set)
}

fn set_wakeup_fd(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, _warn] = a.parse::<2>(ts, "set_wakeup_fd", &["", "*warn_on_full_buffer"], 1)?;
    let fd = int_arg(ts, &req(&fd))?;
    if ts.ident != ts.rt.main_ident.load(Ordering::Relaxed) {
        return Err(
            ts.value_error("set_wakeup_fd only works in main thread of the main interpreter")
        );
    }
    let fd = i32::try_from(fd).map_err(|_| ts.value_error(format!("invalid fd: {fd}")))?;
    if fd != -1 {
        // SAFETY: plain syscall.
        if unsafe { libc::fcntl(fd, libc::F_GETFL) } < 0 {
            return Err(ts.value_error(format!("invalid fd: {fd}")));
        }
    }
    // ORDERING: Relaxed, see `on_signal`.
    Ok(ts.new_int(WAKEUP_FD.swap(fd, Ordering::Relaxed) as i64))
}

fn pthread_kill(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [t, s] = a.parse::<2>(ts, "pthread_kill", &["", ""], 2)?;
    let tid = protocols::index(ts, &req(&t))?;
    let tid = vm::objects::int::as_int(&tid)
        .and_then(|i| i.to_i64())
        .map(|i| i as libc::pthread_t)
        .ok_or_else(|| ts.overflow_error("thread id out of range"))?;
    let sig = int_arg(ts, &req(&s))? as libc::c_int;
    // SAFETY: pthread_kill with a thread id Python got from threading; ESRCH if it is gone.
    let r = unsafe { libc::pthread_kill(tid, sig) };
    if r != 0 {
        return Err(crate::posix::os_error(ts, r, None, None));
    }
    check_signals(ts)?;
    Ok(none())
}

fn pthread_sigmask(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [how, mask] = a.parse::<2>(ts, "pthread_sigmask", &["", ""], 2)?;
    let how = int_arg(ts, &req(&how))? as libc::c_int;
    // SAFETY: zeroed then initialized by sigemptyset.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: valid out-pointer.
    unsafe { libc::sigemptyset(&mut set) };
    for v in protocols::collect(ts, &req(&mask))? {
        let sig = int_arg(ts, &v)?;
        if sig < 1 || sig >= NSIG as i64 {
            return Err(ts.value_error(format!("signal number {sig} out of range [1; 64]")));
        }
        // SAFETY: `set` is initialized.
        unsafe { libc::sigaddset(&mut set, sig as libc::c_int) };
    }
    // SAFETY: zeroed storage for the old mask.
    let mut old: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers.
    let r = unsafe { libc::pthread_sigmask(how, &set, &mut old) };
    if r != 0 {
        return Err(crate::posix::os_error(ts, r, None, None));
    }
    check_signals(ts)?;
    sigset_to_set(ts, &old)
}

fn siginterrupt(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [s, flag] = a.parse::<2>(ts, "siginterrupt", &["", ""], 2)?;
    let sig = signum_arg(ts, &s)?;
    let flag = protocols::is_true(ts, &req(&flag))?;
    // SAFETY: zeroed then filled by the query.
    let mut sa: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers.
    unsafe { libc::sigaction(sig, std::ptr::null(), &mut sa) };
    if flag {
        sa.sa_flags &= !libc::SA_RESTART;
    } else {
        sa.sa_flags |= libc::SA_RESTART;
    }
    // SAFETY: `sa` is the current action with one flag changed.
    if unsafe { libc::sigaction(sig, &sa, std::ptr::null_mut()) } < 0 {
        return Err(crate::posix::last_os_error(ts, None));
    }
    Ok(none())
}

fn timeval(secs: f64) -> libc::timeval {
    let s = secs.floor();
    libc::timeval {
        tv_sec: s as libc::time_t,
        tv_usec: ((secs - s) * 1e6) as libc::suseconds_t,
    }
}

fn itimer_tuple(ts: &ThreadState, v: &libc::itimerval) -> Value {
    let f = |t: &libc::timeval| ts.new_float(t.tv_sec as f64 + t.tv_usec as f64 * 1e-6);
    ts.new_tuple(vec![f(&v.it_value), f(&v.it_interval)])
}

fn itimer_error(ts: &ThreadState) -> vm::errors::PyErr {
    let e = crate::posix::last_errno();
    let args = [ts.new_int(e as i64), ts.new_str(&crate::posix::strerror(e))];
    match module_class(ts, "_signal", "ItimerError")
        .and_then(|c| protocols::call(ts, &c, &args, None))
    {
        Ok(v) => vm::errors::PyErr::from_instance(v),
        Err(err) => err,
    }
}

fn setitimer(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [w, s, i] = a.parse::<3>(ts, "setitimer", &["", "", ""], 2)?;
    let which = int_arg(ts, &req(&w))? as libc::c_int;
    let secs = protocols::to_float(ts, &req(&s))?;
    let interval = match i {
        Some(v) => protocols::to_float(ts, &v)?,
        None => 0.0,
    };
    let new = libc::itimerval {
        it_value: timeval(secs),
        it_interval: timeval(interval),
    };
    // SAFETY: zeroed storage for the old value.
    let mut old: libc::itimerval = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers.
    if unsafe { libc::setitimer(which, &new, &mut old) } < 0 {
        return Err(itimer_error(ts));
    }
    Ok(itimer_tuple(ts, &old))
}

fn getitimer(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [w] = a.parse::<1>(ts, "getitimer", &[""], 1)?;
    let which = int_arg(ts, &req(&w))? as libc::c_int;
    // SAFETY: zeroed storage for the result.
    let mut cur: libc::itimerval = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointer.
    if unsafe { libc::getitimer(which, &mut cur) } < 0 {
        return Err(itimer_error(ts));
    }
    Ok(itimer_tuple(ts, &cur))
}
