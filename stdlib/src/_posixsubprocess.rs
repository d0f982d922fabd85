//! `_posixsubprocess`: `fork_exec`, the process spawner behind `subprocess.Popen` on POSIX
//! (CPython's `Modules/_posixsubprocess.c`).
//!
//! Everything the child needs (argv, envp, the executable candidates, cwd, groups) is
//! converted to C in the parent; between `fork` and `exec` the child only makes
//! async-signal-safe system calls ([`child_exec`]) and reports a failure on the error pipe as
//! `OSError:<hex errno>:[noexec]` for `subprocess.py` to re-raise. A `preexec_fn` runs in the
//! child, as in CPython, with the same warning: it can deadlock a threaded program.

use crate::posix::{fs_encode, int_arg, last_errno, os_error, req, Args};
use std::ffi::CString;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::bytes::bytes_data;
use vm::objects::str::PyStr;
use vm::protocols;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_module);

const FUNCTIONS: &[(&str, BuiltinFn)] = &[("fork_exec", fork_exec)];

fn init_module(ts: &ThreadState) -> PyResult<Value> {
    Ok(new_native_module(ts, "_posixsubprocess", FUNCTIONS)?.0)
}

/// A filesystem argument (str, bytes or os.PathLike) as a C string.
fn fs_cstring(ts: &ThreadState, v: &Value) -> PyResult<CString> {
    let p = crate::posix::fspath(ts, v)?.ok_or_else(|| {
        ts.type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            v.class().name()
        ))
    })?;
    let raw = match p.downcast::<PyStr>() {
        Some(s) => fs_encode(ts, s)?,
        None => bytes_data(&p).unwrap_or_default(),
    };
    CString::new(raw).map_err(|_| ts.value_error("embedded null byte"))
}

/// A sequence of bytes-like items as C strings (CPython's `_PySequence_BytesToCharpArray`).
fn bytes_list(ts: &ThreadState, v: &Value) -> PyResult<Vec<CString>> {
    protocols::collect(ts, v)?
        .iter()
        .map(|item| {
            let b = bytes_data(item).ok_or_else(|| {
                ts.type_error(format!("expected bytes, {} found", item.class().name()))
            })?;
            CString::new(b).map_err(|_| ts.value_error("embedded null byte"))
        })
        .collect()
}

/// A NULL-terminated array of pointers into `strings` (which must outlive it).
fn ptr_array(strings: &[CString]) -> Vec<*const libc::c_char> {
    strings
        .iter()
        .map(|s| s.as_ptr())
        .chain(std::iter::once(std::ptr::null()))
        .collect()
}

fn opt_id(ts: &ThreadState, v: &Value) -> PyResult<Option<u32>> {
    if v.is_none() {
        return Ok(None);
    }
    let x = int_arg(ts, v)?;
    u32::try_from(x)
        .map(Some)
        .map_err(|_| ts.overflow_error("uid/gid out of range"))
}

/// What the child needs, all converted before the fork.
struct ChildPlan {
    exec: Vec<*const libc::c_char>,
    argv: Vec<*const libc::c_char>,
    envp: Option<Vec<*const libc::c_char>>,
    cwd: Option<CString>,
    fds: [i32; 8],
    close_fds: bool,
    keep: Vec<i32>,
    restore_signals: bool,
    setsid: bool,
    pgid: i64,
    gid: Option<u32>,
    groups: Option<Vec<libc::gid_t>>,
    uid: Option<u32>,
    umask: i64,
    max_fd: i32,
}

/// `fork_exec(args, executable_list, close_fds, pass_fds, cwd, env, p2cread, p2cwrite,
/// c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write, restore_signals,
/// call_setsid, pgid_to_set, gid, extra_groups, uid, child_umask, preexec_fn)`: the pid.
fn fork_exec(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let names = [""; 22];
    let v = a.parse::<22>(ts, "fork_exec", &names, 22)?;
    let v: Vec<Value> = v.iter().map(req).collect();
    let exec_strings = bytes_list(ts, &v[1])?;
    let close_fds = protocols::is_true(ts, &v[2])?;
    if !v[3].class().is_subtype(vm::runtime::types().tuple) {
        return Err(ts.type_error("fork_exec() argument 4 must be tuple"));
    }
    let mut keep = Vec::new();
    for k in v[3].as_tuple_slice() {
        let fd = protocols::index_i64(ts, k)?;
        let fd = i32::try_from(fd)
            .ok()
            .filter(|fd| *fd >= 0 && keep.last().is_none_or(|l| l < fd))
            .ok_or_else(|| ts.value_error("bad value(s) in fds_to_keep"))?;
        keep.push(fd);
    }
    let arg_strings = if v[0].is_none() {
        Vec::new()
    } else {
        protocols::collect(ts, &v[0])?
            .iter()
            .map(|x| fs_cstring(ts, x))
            .collect::<PyResult<Vec<_>>>()?
    };
    let env_strings = if v[5].is_none() {
        None
    } else {
        Some(bytes_list(ts, &v[5])?)
    };
    let cwd = if v[4].is_none() {
        None
    } else {
        Some(fs_cstring(ts, &v[4])?)
    };
    let mut fds = [0i32; 8];
    for (i, f) in fds.iter_mut().enumerate() {
        *f = i32::try_from(int_arg(ts, &v[6 + i])?)
            .map_err(|_| ts.overflow_error("fd out of range"))?;
    }
    if close_fds && fds[7] < 3 {
        return Err(ts.value_error("errpipe_write must be >= 3"));
    }
    let groups = if v[18].is_none() {
        None
    } else {
        if v[18].downcast::<vm::objects::list::PyList>().is_none() {
            return Err(ts.type_error("setgroups argument must be a list"));
        }
        let g = protocols::collect(ts, &v[18])?
            .iter()
            .map(|x| Ok(opt_id(ts, x)?.unwrap_or(u32::MAX) as libc::gid_t))
            .collect::<PyResult<Vec<_>>>()?;
        Some(g)
    };
    // SAFETY: sysconf takes no pointers.
    let open_max = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
    let plan = ChildPlan {
        exec: ptr_array(&exec_strings),
        argv: ptr_array(&arg_strings),
        envp: env_strings.as_deref().map(ptr_array),
        cwd,
        fds,
        close_fds,
        keep,
        restore_signals: protocols::is_true(ts, &v[14])?,
        setsid: protocols::is_true(ts, &v[15])?,
        pgid: int_arg(ts, &v[16])?,
        gid: opt_id(ts, &v[17])?,
        groups,
        uid: opt_id(ts, &v[19])?,
        umask: int_arg(ts, &v[20])?,
        max_fd: if open_max > 0 {
            open_max.min(1 << 20) as i32
        } else {
            1024
        },
    };
    let preexec = v[21].clone();
    // SAFETY: fork has no preconditions; the child below only runs async-signal-safe calls
    // (plus preexec_fn, at the caller's risk, as in CPython) and then execs or _exits.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    if pid == 0 {
        child_exec(ts, &plan, &preexec);
        // SAFETY: _exit is always safe; the child must not return into the runtime.
        unsafe { libc::_exit(255) };
    }
    // The C strings the pointer arrays point into live until here.
    drop((exec_strings, arg_strings, env_strings));
    Ok(ts.new_int(pid as i64))
}

/// Writes all of `b` to `fd`, ignoring errors (the child can do nothing about them).
fn write_all(fd: i32, b: &[u8]) {
    let mut off = 0;
    while off < b.len() {
        // SAFETY: the slice is valid for its length.
        let r = unsafe { libc::write(fd, b[off..].as_ptr().cast(), b.len() - off) };
        if r < 0 && last_errno() == libc::EINTR {
            continue;
        }
        if r <= 0 {
            return;
        }
        off += r as usize;
    }
}

/// Sets or clears close-on-exec on `fd`.
fn set_inheritable(fd: i32, inheritable: bool) -> bool {
    // SAFETY: fcntl with F_GETFD/F_SETFD takes no pointers.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFD);
        if flags < 0 {
            return false;
        }
        let new = if inheritable {
            flags & !libc::FD_CLOEXEC
        } else {
            flags | libc::FD_CLOEXEC
        };
        new == flags || libc::fcntl(fd, libc::F_SETFD, new) == 0
    }
}

/// Closes the descriptors in `lo..=hi`.
fn close_range(lo: i32, hi: i32, max_fd: i32) {
    if lo > hi {
        return;
    }
    // SAFETY: close_range takes no pointers; failure (old kernels) falls back to a loop.
    let r = unsafe { libc::syscall(libc::SYS_close_range, lo as u32, hi as u32, 0u32) };
    if r == 0 {
        return;
    }
    for fd in lo..=hi.min(max_fd) {
        // SAFETY: closing any int is memory-safe.
        unsafe { libc::close(fd) };
    }
}

/// The child between fork and exec (CPython's `child_exec`). Returns only on failure,
/// after reporting it on the error pipe.
fn child_exec(ts: &ThreadState, p: &ChildPlan, preexec: &Value) {
    let [p2cread, p2cwrite, c2pread, mut c2pwrite, errread, mut errwrite, errpipe_read, errpipe_write] =
        p.fds;
    let mut reached_preexec = false;
    let mut noexec_chdir = false;
    let err = 'fail: {
        // SAFETY: only async-signal-safe system calls, on integers and on the C strings and
        // arrays the parent prepared.
        unsafe {
            for &k in &p.keep {
                if k != errpipe_write && !set_inheritable(k, true) {
                    break 'fail last_errno();
                }
            }
            for fd in [p2cwrite, c2pread, errread, errpipe_read] {
                if fd != -1 {
                    libc::close(fd);
                }
            }
            // A pipe end sitting on 0, 1 or 2 would be clobbered by the dup2s below.
            if c2pwrite == 0 {
                c2pwrite = libc::fcntl(c2pwrite, libc::F_DUPFD_CLOEXEC, 3);
                if c2pwrite < 0 {
                    break 'fail last_errno();
                }
            }
            while errwrite == 0 || errwrite == 1 {
                errwrite = libc::fcntl(errwrite, libc::F_DUPFD_CLOEXEC, 3);
                if errwrite < 0 {
                    break 'fail last_errno();
                }
            }
            for (fd, target) in [(p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
                if fd == target {
                    if !set_inheritable(fd, true) {
                        break 'fail last_errno();
                    }
                } else if fd != -1 && libc::dup2(fd, target) < 0 {
                    break 'fail last_errno();
                }
            }
            if let Some(cwd) = &p.cwd {
                if libc::chdir(cwd.as_ptr()) < 0 {
                    noexec_chdir = true;
                    break 'fail last_errno();
                }
            }
            if p.umask >= 0 {
                libc::umask(p.umask as libc::mode_t);
            }
            if p.restore_signals {
                libc::signal(libc::SIGPIPE, libc::SIG_DFL);
                libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            }
            if p.setsid && libc::setsid() < 0 {
                break 'fail last_errno();
            }
            if p.pgid >= 0 && libc::setpgid(0, p.pgid as libc::pid_t) < 0 {
                break 'fail last_errno();
            }
            if let Some(g) = &p.groups {
                if !g.is_empty() && libc::setgroups(g.len(), g.as_ptr()) < 0 {
                    break 'fail last_errno();
                }
            }
            if let Some(gid) = p.gid {
                if libc::setregid(gid, gid) < 0 {
                    break 'fail last_errno();
                }
            }
            if let Some(uid) = p.uid {
                if libc::setreuid(uid, uid) < 0 {
                    break 'fail last_errno();
                }
            }
        }
        reached_preexec = true;
        if !preexec.is_none() && protocols::call(ts, preexec, &[], None).is_err() {
            write_all(
                errpipe_write,
                b"SubprocessError:0:Exception occurred in preexec_fn.",
            );
            return;
        }
        if p.close_fds {
            let mut lo = 3;
            for &k in &p.keep {
                if k >= lo {
                    close_range(lo, k - 1, p.max_fd);
                    lo = k + 1;
                }
            }
            close_range(lo, i32::MAX, p.max_fd);
        }
        let mut saved = 0;
        for &exe in &p.exec {
            if exe.is_null() {
                break;
            }
            // SAFETY: NUL-terminated path and NULL-terminated arrays built by the parent.
            unsafe {
                match &p.envp {
                    Some(env) => libc::execve(exe, p.argv.as_ptr(), env.as_ptr()),
                    None => libc::execv(exe, p.argv.as_ptr()),
                };
            }
            let e = last_errno();
            if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
                saved = e;
            }
        }
        if saved != 0 {
            saved
        } else {
            last_errno()
        }
    };
    // "OSError:<hex errno>:" then "noexec" when the failure came before exec; formatted on
    // the stack (no allocation in the child).
    let mut msg = [0u8; 64];
    let mut n = 0;
    for &b in b"OSError:" {
        msg[n] = b;
        n += 1;
    }
    let mut hex = [0u8; 8];
    let mut h = hex.len();
    let mut e = err as u32;
    loop {
        h -= 1;
        hex[h] = b"0123456789abcdef"[(e % 16) as usize];
        e /= 16;
        if e == 0 || h == 0 {
            break;
        }
    }
    for &b in &hex[h..] {
        msg[n] = b;
        n += 1;
    }
    msg[n] = b':';
    n += 1;
    if !reached_preexec {
        let tail: &[u8] = if noexec_chdir {
            b"noexec:chdir"
        } else {
            b"noexec"
        };
        for &b in tail {
            msg[n] = b;
            n += 1;
        }
    }
    write_all(errpipe_write, &msg[..n]);
}
