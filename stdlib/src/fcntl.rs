//! `fcntl`: `fcntl`, `ioctl`, `flock` and `lockf` on file descriptors (CPython's
//! `Modules/fcntlmodule.c`), for Linux.
//!
//! An int argument is passed as is and the call's int result returned; a bytes (or str)
//! argument is copied into a buffer of at most 1024 bytes the call may fill, and the buffer
//! comes back as bytes. `ioctl` with a bytearray and `mutate_flag` writes the result back.
//! Every call that can block (`F_SETLKW`, `flock`, `lockf`) runs detached and retries on
//! EINTR after the signal handlers.

use crate::posix::{int_arg, last_errno, os_error, req, Args};
use crate::select::fileno_of;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::bytes::{bytes_data, new_bytes, PyByteArray};
use vm::objects::str::PyStr;
use vm::protocols;
use vm::runtime::none;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_fcntl);

/// The largest buffer argument (CPython's `FCNTL_BUFSZ`).
const BUFSZ: usize = 1024;

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("fcntl", fcntl),
    ("ioctl", ioctl),
    ("flock", flock),
    ("lockf", lockf),
];

/// The constants with their Linux values (generic ABI: x86-64, aarch64).
const CONSTANTS: &[(&str, i64)] = &[
    ("DN_ACCESS", 1),
    ("DN_ATTRIB", 32),
    ("DN_CREATE", 4),
    ("DN_DELETE", 8),
    ("DN_MODIFY", 2),
    ("DN_MULTISHOT", 2147483648),
    ("DN_RENAME", 16),
    ("FASYNC", 8192),
    ("FD_CLOEXEC", 1),
    ("FICLONE", 1074041865),
    ("FICLONERANGE", 1075876877),
    ("F_ADD_SEALS", 1033),
    ("F_DUPFD", 0),
    ("F_DUPFD_CLOEXEC", 1030),
    ("F_DUPFD_QUERY", 1027),
    ("F_EXLCK", 4),
    ("F_GETFD", 1),
    ("F_GETFL", 3),
    ("F_GETLEASE", 1025),
    ("F_GETLK", 5),
    ("F_GETLK64", 5),
    ("F_GETOWN", 9),
    ("F_GETOWN_EX", 16),
    ("F_GETPIPE_SZ", 1032),
    ("F_GETSIG", 11),
    ("F_GET_FILE_RW_HINT", 1037),
    ("F_GET_RW_HINT", 1035),
    ("F_GET_SEALS", 1034),
    ("F_NOTIFY", 1026),
    ("F_OFD_GETLK", 36),
    ("F_OFD_SETLK", 37),
    ("F_OFD_SETLKW", 38),
    ("F_OWNER_PGRP", 2),
    ("F_OWNER_PID", 1),
    ("F_OWNER_TID", 0),
    ("F_RDLCK", 0),
    ("F_SEAL_FUTURE_WRITE", 16),
    ("F_SEAL_GROW", 4),
    ("F_SEAL_SEAL", 1),
    ("F_SEAL_SHRINK", 2),
    ("F_SEAL_WRITE", 8),
    ("F_SETFD", 2),
    ("F_SETFL", 4),
    ("F_SETLEASE", 1024),
    ("F_SETLK", 6),
    ("F_SETLK64", 6),
    ("F_SETLKW", 7),
    ("F_SETLKW64", 7),
    ("F_SETOWN", 8),
    ("F_SETOWN_EX", 15),
    ("F_SETPIPE_SZ", 1031),
    ("F_SETSIG", 10),
    ("F_SET_FILE_RW_HINT", 1038),
    ("F_SET_RW_HINT", 1036),
    ("F_SHLCK", 8),
    ("F_UNLCK", 2),
    ("F_WRLCK", 1),
    ("LOCK_EX", 2),
    ("LOCK_MAND", 32),
    ("LOCK_NB", 4),
    ("LOCK_READ", 64),
    ("LOCK_RW", 192),
    ("LOCK_SH", 1),
    ("LOCK_UN", 8),
    ("LOCK_WRITE", 128),
    ("RWH_WRITE_LIFE_EXTREME", 5),
    ("RWH_WRITE_LIFE_LONG", 4),
    ("RWH_WRITE_LIFE_MEDIUM", 3),
    ("RWH_WRITE_LIFE_NONE", 1),
    ("RWH_WRITE_LIFE_NOT_SET", 0),
    ("RWH_WRITE_LIFE_SHORT", 2),
];

fn init_fcntl(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "fcntl", FUNCTIONS)?;
    let dd = crate::posix::dict_of(ts, &d)?;
    for (name, v) in CONSTANTS {
        dd.set_str(ts, name, ts.new_int(*v));
    }
    Ok(m)
}

/// Runs `f` detached, retrying on EINTR after the signal handlers; the errno on failure.
fn retry(ts: &ThreadState, mut f: impl FnMut() -> i64) -> PyResult<i64> {
    loop {
        let (r, e) = ts.detached(|| {
            let r = f();
            (r, if r < 0 { last_errno() } else { 0 })
        });
        if r >= 0 {
            return Ok(r);
        }
        if e != libc::EINTR {
            return Err(os_error(ts, e, None, None));
        }
        crate::_signal::check_signals(ts)?;
    }
}

/// A buffer argument's bytes (bytes, bytearray or str), or None for an int argument.
fn buffer_arg(ts: &ThreadState, v: &Value, fname: &str) -> PyResult<Option<Vec<u8>>> {
    let data = if let Some(s) = v.downcast::<PyStr>() {
        s.to_string_lossy().into_bytes()
    } else if let Some(b) = bytes_data(v) {
        b
    } else {
        return Ok(None);
    };
    if data.len() > BUFSZ {
        return Err(ts.value_error(format!("{fname} argument 3 is too long")));
    }
    Ok(Some(data))
}

/// An int argument as the C `int` (or unsigned int) the call takes.
fn c_int_arg(ts: &ThreadState, v: &Value, fname: &str) -> PyResult<libc::c_long> {
    if vm::objects::int::as_int(v).is_none() && protocols::try_index(ts, v)?.is_none() {
        return Err(ts.type_error(format!(
            "{fname}() argument 3 must be an integer, a bytes-like object, or a string, \
             not {}",
            v.class().name()
        )));
    }
    let x = int_arg(ts, v)?;
    if x < i32::MIN as i64 || x > u32::MAX as i64 {
        return Err(ts.overflow_error("signed integer is greater than maximum"));
    }
    Ok(x as libc::c_long)
}

/// `fcntl(fd, cmd, arg=0)`.
fn fcntl(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, cmd, arg] = a.parse::<3>(ts, "fcntl", &["", "", ""], 2)?;
    let fd = fileno_of(ts, &req(&fd))?;
    let cmd = int_arg(ts, &req(&cmd))? as libc::c_int;
    let arg = arg.unwrap_or_else(|| ts.new_int(0));
    if let Some(mut buf) = buffer_arg(ts, &arg, "fcntl")? {
        let n = buf.len();
        buf.resize(BUFSZ, 0);
        retry(ts, || {
            // SAFETY: the buffer has BUFSZ writable bytes, more than any command uses.
            unsafe { libc::fcntl(fd, cmd, buf.as_mut_ptr()) as i64 }
        })?;
        buf.truncate(n);
        return Ok(new_bytes(ts, buf));
    }
    let x = c_int_arg(ts, &arg, "fcntl")?;
    let r = retry(ts, || {
        // SAFETY: an integer argument; commands that take pointers need a buffer argument.
        unsafe { libc::fcntl(fd, cmd, x) as i64 }
    })?;
    Ok(ts.new_int(r))
}

/// `ioctl(fd, request, arg=0, mutate_flag=True)`.
fn ioctl(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, req_, arg, mutate] = a.parse::<4>(ts, "ioctl", &["", "", "", ""], 2)?;
    let fd = fileno_of(ts, &req(&fd))?;
    let request = int_arg(ts, &req(&req_))? as u32 as libc::c_ulong;
    let arg = arg.unwrap_or_else(|| ts.new_int(0));
    let mutate = match &mutate {
        Some(m) => protocols::is_true(ts, m)?,
        None => true,
    };
    if let Some(ba) = arg.downcast::<PyByteArray>() {
        let mut data = match ba.data.lock() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        };
        let n = data.len();
        // A mutable buffer of any size is used in place; a small one through a BUFSZ copy.
        data.resize(n.max(BUFSZ), 0);
        let r = retry(ts, || {
            // SAFETY: the buffer has at least BUFSZ writable bytes.
            unsafe { libc::ioctl(fd, request, data.as_mut_ptr()) as i64 }
        })?;
        data.truncate(n);
        if mutate {
            let mut g = match ba.data.lock() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            if g.len() == n {
                g.copy_from_slice(&data);
            }
            return Ok(ts.new_int(r));
        }
        return Ok(new_bytes(ts, data));
    }
    if let Some(mut buf) = buffer_arg(ts, &arg, "ioctl")? {
        let n = buf.len();
        buf.resize(BUFSZ, 0);
        retry(ts, || {
            // SAFETY: the buffer has BUFSZ writable bytes.
            unsafe { libc::ioctl(fd, request, buf.as_mut_ptr()) as i64 }
        })?;
        buf.truncate(n);
        return Ok(new_bytes(ts, buf));
    }
    let x = c_int_arg(ts, &arg, "ioctl")?;
    let r = retry(ts, || {
        // SAFETY: an integer argument.
        unsafe { libc::ioctl(fd, request, x) as i64 }
    })?;
    Ok(ts.new_int(r))
}

/// `flock(fd, operation)`.
fn flock(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, op] = a.parse::<2>(ts, "flock", &["", ""], 2)?;
    let fd = fileno_of(ts, &req(&fd))?;
    let op = int_arg(ts, &req(&op))? as libc::c_int;
    // SAFETY: flock takes no pointers.
    retry(ts, || unsafe { libc::flock(fd, op) as i64 })?;
    Ok(none())
}

/// `lockf(fd, cmd, len=0, start=0, whence=0)`: POSIX record locks through fcntl, with
/// `cmd` a LOCK_* combination as in CPython.
fn lockf(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, cmd, len, start, whence] = a.parse::<5>(ts, "lockf", &["", "", "", "", ""], 2)?;
    let fd = fileno_of(ts, &req(&fd))?;
    let cmd = int_arg(ts, &req(&cmd))?;
    let opt = |v: &Option<Value>| -> PyResult<i64> {
        match v {
            Some(v) => int_arg(ts, v),
            None => Ok(0),
        }
    };
    let (len, start, whence) = (opt(&len)?, opt(&start)?, opt(&whence)?);
    let l_type = if cmd == libc::LOCK_UN as i64 {
        libc::F_UNLCK
    } else if cmd & libc::LOCK_SH as i64 != 0 {
        libc::F_RDLCK
    } else if cmd & libc::LOCK_EX as i64 != 0 {
        libc::F_WRLCK
    } else {
        return Err(ts.value_error("unrecognized lockf argument"));
    };
    // SAFETY: all-zero is a valid flock struct.
    let mut l: libc::flock = unsafe { std::mem::zeroed() };
    l.l_type = l_type as libc::c_short;
    l.l_whence = whence as libc::c_short;
    l.l_start = start as libc::off_t;
    l.l_len = len as libc::off_t;
    let op = if cmd & libc::LOCK_NB as i64 != 0 {
        libc::F_SETLK
    } else {
        libc::F_SETLKW
    };
    retry(ts, || {
        // SAFETY: `l` is a valid flock struct for the call.
        unsafe { libc::fcntl(fd, op, &mut l as *mut libc::flock) as i64 }
    })?;
    Ok(none())
}
