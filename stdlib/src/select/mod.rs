//! `select`: waiting for I/O readiness (CPython's `Modules/selectmodule.c`), for Linux:
//! `select()`, `poll` objects and `epoll` objects.
//!
//! `select()` is Rust throughout (over `poll(2)`, so there is no `FD_SETSIZE` limit). The
//! `poll` and `epoll` classes are Python (`prelude.py`) over the private system-call wrappers
//! `_poll`, `_epoll_create`, `_epoll_ctl` and `_epoll_wait` defined here, so that they can be
//! subclassed like CPython's and keep their registrations in plain dicts.
//! Every wait runs detached from the runtime and is retried on EINTR with the remaining
//! timeout, after running the signal handlers (PEP 475).
//!
//! Shared with `_socket`: [`fileno_of`], [`Timeout`], [`wait_fd`].

use crate::posix::{int_arg, last_errno, os_error, req, run_prelude, Args};
use std::time::{Duration, Instant};
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::protocols;
use vm::runtime::types;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_select);

const PRELUDE_PY: &str = include_str!("prelude.py");

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("select", select),
    ("_poll", poll_fds),
    ("_epoll_create", epoll_create),
    ("_epoll_ctl", epoll_ctl),
    ("_epoll_wait", epoll_wait),
    ("_close", close_fd),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("PIPE_BUF", libc::PIPE_BUF as i64),
    ("POLLIN", libc::POLLIN as i64),
    ("POLLPRI", libc::POLLPRI as i64),
    ("POLLOUT", libc::POLLOUT as i64),
    ("POLLERR", libc::POLLERR as i64),
    ("POLLHUP", libc::POLLHUP as i64),
    ("POLLNVAL", libc::POLLNVAL as i64),
    ("POLLRDNORM", libc::POLLRDNORM as i64),
    ("POLLRDBAND", libc::POLLRDBAND as i64),
    ("POLLWRNORM", libc::POLLWRNORM as i64),
    ("POLLWRBAND", libc::POLLWRBAND as i64),
    ("POLLMSG", 0x400),
    ("POLLRDHUP", libc::POLLRDHUP as i64),
    ("EPOLLIN", libc::EPOLLIN as i64),
    ("EPOLLOUT", libc::EPOLLOUT as i64),
    ("EPOLLPRI", libc::EPOLLPRI as i64),
    ("EPOLLERR", libc::EPOLLERR as i64),
    ("EPOLLHUP", libc::EPOLLHUP as i64),
    ("EPOLLET", libc::EPOLLET as i64 & 0xffff_ffff),
    ("EPOLLONESHOT", libc::EPOLLONESHOT as i64),
    ("EPOLLEXCLUSIVE", libc::EPOLLEXCLUSIVE as i64),
    ("EPOLLWAKEUP", libc::EPOLLWAKEUP as i64),
    ("EPOLLRDHUP", libc::EPOLLRDHUP as i64),
    ("EPOLLRDNORM", libc::EPOLLRDNORM as i64),
    ("EPOLLRDBAND", libc::EPOLLRDBAND as i64),
    ("EPOLLWRNORM", libc::EPOLLWRNORM as i64),
    ("EPOLLWRBAND", libc::EPOLLWRBAND as i64),
    ("EPOLLMSG", libc::EPOLLMSG as i64),
    ("EPOLL_CLOEXEC", libc::EPOLL_CLOEXEC as i64),
];

fn init_select(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "select", FUNCTIONS)?;
    let dd = crate::posix::dict_of(ts, &d)?;
    for (name, v) in CONSTANTS {
        dd.set_str(ts, name, ts.new_int(*v));
    }
    dd.set_str(ts, "error", types().exc.os_error.to_value());
    run_prelude(ts, &d, PRELUDE_PY)?;
    Ok(m)
}

// --- shared helpers ---

/// A file descriptor from an int or an object with `fileno()` (CPython's
/// `PyObject_AsFileDescriptor`).
pub(crate) fn fileno_of(ts: &ThreadState, v: &Value) -> PyResult<i32> {
    let n = if vm::objects::int::as_int(v).is_some() {
        v.clone()
    } else {
        let Some(f) = protocols::get_attr_opt(ts, v, &ts.intern("fileno"))? else {
            return Err(ts.type_error("argument must be an int, or have a fileno() method."));
        };
        let r = protocols::call(ts, &f, &[], None)?;
        if vm::objects::int::as_int(&r).is_none() {
            return Err(ts.type_error("fileno() returned a non-integer"));
        }
        r
    };
    let fd = protocols::index_i64(ts, &n)?;
    if fd < 0 {
        return Err(ts.value_error(format!(
            "file descriptor cannot be a negative integer ({fd})"
        )));
    }
    i32::try_from(fd).map_err(|_| ts.overflow_error("fd is greater than maximum"))
}

/// A wait limit: `None` waits forever, else until the deadline.
#[derive(Clone, Copy)]
pub(crate) struct Timeout(pub Option<Instant>);

impl Timeout {
    /// From a duration in seconds (already validated as non-negative and finite).
    pub fn after_secs(secs: f64) -> Timeout {
        let d = Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX);
        Timeout(Instant::now().checked_add(d))
    }

    /// The `poll(2)` timeout in milliseconds still left, rounded up (`-1`: forever).
    pub fn remaining_ms(&self) -> i32 {
        match self.0 {
            None => -1,
            Some(t) => {
                let left = t.saturating_duration_since(Instant::now());
                let ms = left.as_nanos().div_ceil(1_000_000);
                i32::try_from(ms).unwrap_or(i32::MAX)
            }
        }
    }

    pub fn expired(&self) -> bool {
        self.0.is_some_and(|t| Instant::now() >= t)
    }
}

/// A timeout in seconds: `None` for None, else a non-negative finite number (CPython's
/// `_PyTime_FromSecondsObject` errors, with `what` in the type error).
pub(crate) fn seconds_arg(ts: &ThreadState, v: &Value, what: &str) -> PyResult<Option<f64>> {
    if v.is_none() {
        return Ok(None);
    }
    let secs = if let Some(f) = vm::objects::float::as_float(v) {
        f
    } else if vm::objects::int::as_int(v).is_some() {
        protocols::to_float(ts, v)?
    } else {
        return Err(ts.type_error(what));
    };
    if secs.is_nan() {
        return Err(ts.value_error("Invalid value NaN (not a number)"));
    }
    if secs.abs() > 9.2e9 {
        return Err(ts.overflow_error("timestamp out of range for C PyTime_t"));
    }
    Ok(Some(secs))
}

/// `poll(2)` over `fds`, detached, retried on EINTR with what is left of `timeout`.
/// Returns the number of ready descriptors (0 on timeout).
pub(crate) fn poll_retry(
    ts: &ThreadState,
    fds: &mut [libc::pollfd],
    timeout: Timeout,
) -> PyResult<usize> {
    loop {
        let ms = timeout.remaining_ms();
        let (r, e) = ts.detached(|| {
            // SAFETY: `fds` is a valid, exclusively borrowed array of `fds.len()` pollfds.
            let r = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
            (r, if r < 0 { last_errno() } else { 0 })
        });
        if r >= 0 {
            return Ok(r as usize);
        }
        if e != libc::EINTR {
            return Err(os_error(ts, e, None, None));
        }
        crate::_signal::check_signals(ts)?;
        if timeout.expired() {
            for p in fds.iter_mut() {
                p.revents = 0;
            }
            return Ok(0);
        }
    }
}

/// Waits until `fd` is ready for `events`; false on timeout.
pub(crate) fn wait_fd(ts: &ThreadState, fd: i32, events: i16, timeout: Timeout) -> PyResult<bool> {
    let mut p = [libc::pollfd {
        fd,
        events,
        revents: 0,
    }];
    Ok(poll_retry(ts, &mut p, timeout)? > 0)
}

// --- select() ---

/// The objects of one of `select()`'s three lists, with their descriptors.
fn fd_list(ts: &ThreadState, v: &Value) -> PyResult<Vec<(Value, i32)>> {
    // CPython takes any iterable here (PySequence_Fast).
    let items = match protocols::get_iter(ts, v) {
        Ok(it) => protocols::collect(ts, &it)?,
        Err(_) => return Err(ts.type_error("arguments 1-3 must be sequences")),
    };
    items
        .into_iter()
        .map(|o| Ok((o.clone(), fileno_of(ts, &o)?)))
        .collect()
}

/// `select(rlist, wlist, xlist, timeout=None)`.
fn select(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [r, w, x, t] = a.parse::<4>(ts, "select", &["", "", "", ""], 3)?;
    let timeout = match &t {
        None => None,
        Some(t) => seconds_arg(ts, t, "timeout must be a float or None")?,
    };
    if timeout.is_some_and(|s| s < 0.0) {
        return Err(ts.value_error("timeout must be non-negative"));
    }
    let lists = [
        fd_list(ts, &req(&r))?,
        fd_list(ts, &req(&w))?,
        fd_list(ts, &req(&x))?,
    ];
    // What each list waits for, and which returned events count as ready for it: as the
    // kernel's select() does, a hangup or error makes a descriptor readable and writable.
    const WANT: [i16; 3] = [libc::POLLIN, libc::POLLOUT, libc::POLLPRI];
    const READY: [i16; 3] = [
        libc::POLLIN | libc::POLLHUP | libc::POLLERR,
        libc::POLLOUT | libc::POLLERR,
        libc::POLLPRI,
    ];
    let mut fds: Vec<libc::pollfd> = Vec::new();
    for (k, l) in lists.iter().enumerate() {
        for &(_, fd) in l {
            match fds.iter_mut().find(|p| p.fd == fd) {
                Some(p) => p.events |= WANT[k],
                None => fds.push(libc::pollfd {
                    fd,
                    events: WANT[k],
                    revents: 0,
                }),
            }
        }
    }
    let deadline = match timeout {
        None => Timeout(None),
        Some(s) => Timeout::after_secs(s),
    };
    poll_retry(ts, &mut fds, deadline)?;
    if fds.iter().any(|p| p.revents & libc::POLLNVAL != 0) {
        return Err(os_error(ts, libc::EBADF, None, None));
    }
    let mut out = Vec::with_capacity(3);
    for (k, l) in lists.iter().enumerate() {
        let ready: Vec<Value> = l
            .iter()
            .filter(|(_, fd)| fds.iter().any(|p| p.fd == *fd && p.revents & READY[k] != 0))
            .map(|(o, _)| o.clone())
            .collect();
        out.push(ts.new_list(ready));
    }
    Ok(ts.new_tuple(out))
}

// --- poll and epoll primitives (the classes are in prelude.py) ---

/// `_poll(fds, events, timeout_ms)`: one `poll(2)` over parallel lists of descriptors and
/// event masks; `timeout_ms` < 0 waits forever. Returns `[(fd, revents), ...]`.
fn poll_fds(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fds, events, t] = a.parse::<3>(ts, "_poll", &["", "", ""], 3)?;
    let fds = protocols::collect(ts, &req(&fds))?;
    let events = protocols::collect(ts, &req(&events))?;
    let mut p = Vec::with_capacity(fds.len());
    for (fd, ev) in fds.iter().zip(&events) {
        p.push(libc::pollfd {
            fd: int_arg(ts, fd)? as i32,
            events: int_arg(ts, ev)? as u16 as i16,
            revents: 0,
        });
    }
    let ms = int_arg(ts, &req(&t))?;
    let timeout = if ms < 0 {
        Timeout(None)
    } else {
        Timeout::after_secs(ms as f64 / 1000.0)
    };
    poll_retry(ts, &mut p, timeout)?;
    let res = p
        .iter()
        .filter(|p| p.revents != 0)
        .map(|p| {
            ts.new_tuple(vec![
                ts.new_int(p.fd as i64),
                ts.new_int(p.revents as u16 as i64),
            ])
        })
        .collect();
    Ok(ts.new_list(res))
}

/// `_epoll_create(flags)`: a new close-on-exec epoll descriptor.
fn epoll_create(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [flags] = a.parse::<1>(ts, "_epoll_create", &[""], 1)?;
    let flags = int_arg(ts, &req(&flags))? as i32;
    // SAFETY: epoll_create1 takes no pointers.
    let fd = unsafe { libc::epoll_create1(flags | libc::EPOLL_CLOEXEC) };
    if fd < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(ts.new_int(fd as i64))
}

/// `_epoll_ctl(epfd, op, fd, events)`.
fn epoll_ctl(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [epfd, op, fd, events] = a.parse::<4>(ts, "_epoll_ctl", &["", "", "", ""], 4)?;
    let epfd = int_arg(ts, &req(&epfd))? as i32;
    let op = int_arg(ts, &req(&op))? as i32;
    let fd = int_arg(ts, &req(&fd))? as i32;
    let events = int_arg(ts, &req(&events))? as u32;
    let mut ev = libc::epoll_event {
        events,
        u64: fd as u32 as u64,
    };
    // SAFETY: `ev` is a valid epoll_event for the duration of the call.
    let r = unsafe { libc::epoll_ctl(epfd, op, fd, &mut ev) };
    if r < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(vm::runtime::none())
}

/// `_epoll_wait(epfd, timeout_ms, maxevents)`: `[(fd, events), ...]`.
fn epoll_wait(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [epfd, t, maxevents] = a.parse::<3>(ts, "_epoll_wait", &["", "", ""], 3)?;
    let epfd = int_arg(ts, &req(&epfd))? as i32;
    let ms = int_arg(ts, &req(&t))?;
    let maxevents = int_arg(ts, &req(&maxevents))?;
    let n = usize::try_from(maxevents)
        .ok()
        .filter(|n| (1..=1 << 20).contains(n))
        .ok_or_else(|| {
            ts.value_error(format!("maxevents must be greater than 0, got {maxevents}"))
        })?;
    let timeout = if ms < 0 {
        Timeout(None)
    } else {
        Timeout::after_secs(ms as f64 / 1000.0)
    };
    let mut evs = vec![libc::epoll_event { events: 0, u64: 0 }; n];
    let count = loop {
        let ms = timeout.remaining_ms();
        let (r, e) = ts.detached(|| {
            // SAFETY: `evs` has room for `n` events and is exclusively borrowed.
            let r = unsafe { libc::epoll_wait(epfd, evs.as_mut_ptr(), n as i32, ms) };
            (r, if r < 0 { last_errno() } else { 0 })
        });
        if r >= 0 {
            break r as usize;
        }
        if e != libc::EINTR {
            return Err(os_error(ts, e, None, None));
        }
        crate::_signal::check_signals(ts)?;
        if timeout.expired() {
            break 0;
        }
    };
    let res = evs[..count]
        .iter()
        .map(|e| {
            let (data, events) = (e.u64, e.events);
            ts.new_tuple(vec![
                ts.new_int(data as u32 as i32 as i64),
                ts.new_int(events as i64),
            ])
        })
        .collect();
    Ok(ts.new_list(res))
}

/// `_close(fd)`: closes the epoll descriptor.
fn close_fd(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "_close", &[""], 1)?;
    let fd = int_arg(ts, &req(&fd))? as i32;
    // SAFETY: closing any int is memory-safe; EINTR is not retried (the fd is gone on Linux).
    if unsafe { libc::close(fd) } < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(vm::runtime::none())
}
