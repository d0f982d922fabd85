//! `posix` process and system functions: environment, ids, `uname`, `times`, `kill`,
//! `waitpid` and the `W*` status macros, `urandom`, terminal size, `_exit`.

use super::{fs_decode, fspath, int_arg, last_os_error, new_structseq, os_error, req, Args};
use std::ffi::{CStr, CString};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::bytes::{bytes_data, new_bytes};
use vm::objects::dict::PyDict;
use vm::runtime::{none, py_bool};
use vm::thread_state::ThreadState;
use vm::value::Value;

pub(super) const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("putenv", putenv),
    ("unsetenv", unsetenv),
    ("strerror", strerror),
    ("fspath", fspath_fn),
    ("urandom", urandom),
    ("getpid", getpid),
    ("getppid", getppid),
    ("getuid", getuid),
    ("geteuid", geteuid),
    ("getgid", getgid),
    ("getegid", getegid),
    ("getpgrp", getpgrp),
    ("getlogin", getlogin),
    ("getgroups", getgroups),
    ("uname", uname),
    ("cpu_count", cpu_count),
    ("kill", kill),
    ("waitpid", waitpid),
    ("waitstatus_to_exitcode", waitstatus_to_exitcode),
    ("WIFEXITED", wifexited),
    ("WEXITSTATUS", wexitstatus),
    ("WIFSIGNALED", wifsignaled),
    ("WTERMSIG", wtermsig),
    ("WIFSTOPPED", wifstopped),
    ("WSTOPSIG", wstopsig),
    ("WIFCONTINUED", wifcontinued),
    ("WCOREDUMP", wcoredump),
    ("times", times),
    ("get_terminal_size", get_terminal_size),
    ("_exit", exit),
];

pub(super) const CONSTANTS: &[(&str, i64)] = &[
    ("WNOHANG", libc::WNOHANG as i64),
    ("WUNTRACED", libc::WUNTRACED as i64),
    ("WCONTINUED", libc::WCONTINUED as i64),
    ("WEXITED", libc::WEXITED as i64),
    ("WSTOPPED", libc::WSTOPPED as i64),
    ("WNOWAIT", libc::WNOWAIT as i64),
    ("EX_OK", 0),
    ("EX_USAGE", 64),
    ("EX_DATAERR", 65),
    ("EX_NOINPUT", 66),
    ("EX_NOUSER", 67),
    ("EX_NOHOST", 68),
    ("EX_UNAVAILABLE", 69),
    ("EX_SOFTWARE", 70),
    ("EX_OSERR", 71),
    ("EX_OSFILE", 72),
    ("EX_CANTCREAT", 73),
    ("EX_IOERR", 74),
    ("EX_TEMPFAIL", 75),
    ("EX_PROTOCOL", 76),
    ("EX_NOPERM", 77),
    ("EX_CONFIG", 78),
    ("NGROUPS_MAX", 65536),
    ("TMP_MAX", 238328),
];

/// `posix.environ`: the process environment as a dict of bytes (CPython's layout).
pub(super) fn environ(ts: &ThreadState) -> PyResult<Value> {
    let d = PyDict::new_value(ts)?;
    let dd = super::dict_of(ts, &d)?;
    for (k, v) in std::env::vars_os() {
        use std::os::unix::ffi::OsStrExt;
        dd.set_item(
            ts,
            new_bytes(ts, k.as_bytes().to_vec()),
            new_bytes(ts, v.as_bytes().to_vec()),
        )?;
    }
    Ok(d)
}

/// An environment name or value: str (encoded) or bytes, without NUL bytes.
fn env_arg(ts: &ThreadState, v: &Value, func: &str) -> PyResult<CString> {
    let raw = match fspath(ts, v)? {
        Some(p) => match p.downcast::<vm::objects::str::PyStr>() {
            Some(s) => super::fs_encode(ts, s)?,
            None => bytes_data(&p).unwrap_or_default(),
        },
        None => {
            return Err(ts.type_error(format!(
                "{func}: expected str, bytes or os.PathLike object, not {}",
                v.class().name()
            )))
        }
    };
    CString::new(raw).map_err(|_| ts.value_error("embedded null byte"))
}

fn putenv(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [k, v] = a.parse::<2>(ts, "putenv", &["", ""], 2)?;
    let k = env_arg(ts, &req(&k), "putenv")?;
    let v = env_arg(ts, &req(&v), "putenv")?;
    if k.as_bytes().is_empty() || k.as_bytes().contains(&b'=') {
        return Err(ts.value_error("illegal environment variable name"));
    }
    // SAFETY: NUL-terminated strings; CPython calls setenv the same way (the environment is
    // process-global and not synchronized with other threads' getenv).
    if unsafe { libc::setenv(k.as_ptr(), v.as_ptr(), 1) } < 0 {
        return Err(last_os_error(ts, None));
    }
    Ok(none())
}

fn unsetenv(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [k] = a.parse::<1>(ts, "unsetenv", &[""], 1)?;
    let k = env_arg(ts, &req(&k), "unsetenv")?;
    if k.as_bytes().is_empty() || k.as_bytes().contains(&b'=') {
        return Err(ts.value_error("illegal environment variable name"));
    }
    // SAFETY: as in `putenv`.
    if unsafe { libc::unsetenv(k.as_ptr()) } < 0 {
        return Err(last_os_error(ts, None));
    }
    Ok(none())
}

fn strerror(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [c] = a.parse::<1>(ts, "strerror", &[""], 1)?;
    let c = int_arg(ts, &req(&c))?;
    let c = i32::try_from(c)
        .map_err(|_| ts.overflow_error("signed integer is greater than maximum"))?;
    Ok(ts.new_str(&super::strerror(c)))
}

fn fspath_fn(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "fspath", &["path"], 1)?;
    let p = req(&p);
    fspath(ts, &p)?.ok_or_else(|| {
        ts.type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            p.class().name()
        ))
    })
}

fn urandom(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "urandom", &["size"], 1)?;
    let n = int_arg(ts, &req(&n))?;
    if n < 0 {
        return Err(ts.value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut off = 0;
    while off < buf.len() {
        let rest = &mut buf[off..];
        let (p, l) = (rest.as_mut_ptr(), rest.len());
        // SAFETY: `p` is writable for `l` bytes; the slice is not touched meanwhile.
        let r = ts.detached(|| unsafe { libc::getrandom(p.cast(), l, 0) });
        if r < 0 {
            let e = super::last_errno();
            if e == libc::EINTR {
                continue;
            }
            return Err(os_error(ts, e, None, None));
        }
        off += r as usize;
    }
    Ok(new_bytes(ts, buf))
}

macro_rules! id_fn {
    ($name:ident, $py:literal, $call:expr) => {
        fn $name(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
            a.none(ts, $py)?;
            // SAFETY: the id getters have no preconditions and cannot fail.
            Ok(ts.new_int(unsafe { $call } as i64))
        }
    };
}
id_fn!(getpid, "getpid", libc::getpid());
id_fn!(getppid, "getppid", libc::getppid());
id_fn!(getuid, "getuid", libc::getuid());
id_fn!(geteuid, "geteuid", libc::geteuid());
id_fn!(getgid, "getgid", libc::getgid());
id_fn!(getegid, "getegid", libc::getegid());
id_fn!(getpgrp, "getpgrp", libc::getpgrp());

fn getlogin(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "getlogin")?;
    // SAFETY: getlogin returns NULL or a static NUL-terminated string, copied at once.
    let p = unsafe { libc::getlogin() };
    if p.is_null() {
        return Err(last_os_error(ts, None));
    }
    // SAFETY: non-null result of getlogin.
    let s = unsafe { CStr::from_ptr(p) }.to_bytes().to_vec();
    Ok(fs_decode(ts, &s))
}

fn getgroups(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "getgroups")?;
    let mut g = vec![0 as libc::gid_t; 256];
    // SAFETY: `g` has room for `g.len()` ids.
    let n = unsafe { libc::getgroups(g.len() as i32, g.as_mut_ptr()) };
    if n < 0 {
        return Err(last_os_error(ts, None));
    }
    g.truncate(n as usize);
    Ok(ts.new_list(g.iter().map(|x| ts.new_int(*x as i64)).collect()))
}

fn uname(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "uname")?;
    // SAFETY: all-zero is a valid utsname.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: `u` is a valid out-pointer.
    if unsafe { libc::uname(&mut u) } < 0 {
        return Err(last_os_error(ts, None));
    }
    let field = |f: &[libc::c_char]| {
        let b: Vec<u8> = f
            .iter()
            .take_while(|c| **c != 0)
            .map(|c| *c as u8)
            .collect();
        fs_decode(ts, &b)
    };
    let items = vec![
        field(&u.sysname),
        field(&u.nodename),
        field(&u.release),
        field(&u.version),
        field(&u.machine),
    ];
    new_structseq(ts, "posix", "uname_result", items)
}

fn cpu_count(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "cpu_count")?;
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    Ok(if n < 1 { none() } else { ts.new_int(n) })
}

fn kill(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [pid, sig] = a.parse::<2>(ts, "kill", &["", ""], 2)?;
    let pid = int_arg(ts, &req(&pid))? as libc::pid_t;
    let sig = int_arg(ts, &req(&sig))? as libc::c_int;
    // SAFETY: plain syscall.
    if unsafe { libc::kill(pid, sig) } < 0 {
        return Err(last_os_error(ts, None));
    }
    Ok(none())
}

fn waitpid(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [pid, opts] = a.parse::<2>(ts, "waitpid", &["", ""], 2)?;
    let pid = int_arg(ts, &req(&pid))? as libc::pid_t;
    let opts = int_arg(ts, &req(&opts))? as libc::c_int;
    let mut status: libc::c_int = 0;
    let sp = &mut status as *mut libc::c_int as usize;
    let (r, e) = loop {
        let (r, e) = ts.detached(|| {
            // SAFETY: `sp` points at `status`, alive and untouched until the call returns.
            let r = unsafe { libc::waitpid(pid, sp as *mut libc::c_int, opts) };
            (r, if r < 0 { super::last_errno() } else { 0 })
        });
        if r >= 0 || e != libc::EINTR {
            break (r, e);
        }
        // PEP 475: run the signal handlers, then wait again.
        crate::_signal::check_signals(ts)?;
    };
    if r < 0 {
        return Err(os_error(ts, e, None, None));
    }
    Ok(ts.new_tuple(vec![ts.new_int(r as i64), ts.new_int(status as i64)]))
}

fn status_arg(ts: &ThreadState, a: &Args<'_>, f: &str) -> PyResult<libc::c_int> {
    let [s] = a.parse::<1>(ts, f, &["status"], 1)?;
    Ok(int_arg(ts, &req(&s))? as libc::c_int)
}

macro_rules! wmacro {
    ($name:ident, $py:literal, $f:path, bool) => {
        fn $name(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
            let s = status_arg(ts, &a, $py)?;
            Ok(py_bool($f(s)))
        }
    };
    ($name:ident, $py:literal, $f:path, int) => {
        fn $name(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
            let s = status_arg(ts, &a, $py)?;
            Ok(ts.new_int($f(s) as i64))
        }
    };
}
wmacro!(wifexited, "WIFEXITED", libc::WIFEXITED, bool);
wmacro!(wexitstatus, "WEXITSTATUS", libc::WEXITSTATUS, int);
wmacro!(wifsignaled, "WIFSIGNALED", libc::WIFSIGNALED, bool);
wmacro!(wtermsig, "WTERMSIG", libc::WTERMSIG, int);
wmacro!(wifstopped, "WIFSTOPPED", libc::WIFSTOPPED, bool);
wmacro!(wstopsig, "WSTOPSIG", libc::WSTOPSIG, int);
wmacro!(wifcontinued, "WIFCONTINUED", libc::WIFCONTINUED, bool);
wmacro!(wcoredump, "WCOREDUMP", libc::WCOREDUMP, bool);

fn waitstatus_to_exitcode(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let s = status_arg(ts, &a, "waitstatus_to_exitcode")?;
    if libc::WIFEXITED(s) {
        return Ok(ts.new_int(libc::WEXITSTATUS(s) as i64));
    }
    if libc::WIFSIGNALED(s) {
        return Ok(ts.new_int(-(libc::WTERMSIG(s) as i64)));
    }
    Err(ts.value_error(format!("invalid wait status: {s}")))
}

fn times(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "times")?;
    // SAFETY: all-zero is a valid tms.
    let mut t: libc::tms = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is a valid out-pointer.
    let c = unsafe { libc::times(&mut t) };
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
    let f = |x: libc::clock_t| ts.new_float(x as f64 / hz);
    let items = vec![
        f(t.tms_utime),
        f(t.tms_stime),
        f(t.tms_cutime),
        f(t.tms_cstime),
        f(c),
    ];
    new_structseq(ts, "posix", "times_result", items)
}

fn get_terminal_size(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "get_terminal_size", &[""], 0)?;
    let fd = match fd {
        Some(v) => int_arg(ts, &v)? as libc::c_int,
        None => 1,
    };
    // SAFETY: all-zero is a valid winsize.
    let mut w: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one winsize into `w`.
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) } < 0 {
        return Err(last_os_error(ts, None));
    }
    let items = vec![ts.new_int(w.ws_col as i64), ts.new_int(w.ws_row as i64)];
    new_structseq(ts, "posix", "terminal_size", items)
}

fn exit(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [c] = a.parse::<1>(ts, "_exit", &["status"], 1)?;
    let c = int_arg(ts, &req(&c))? as libc::c_int;
    // SAFETY: _exit never returns; no Rust state needs unwinding (as CPython: no cleanup).
    unsafe { libc::_exit(c) }
}
