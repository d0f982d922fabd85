//! `posix` file-system and file-descriptor functions: stat, directories, links, permissions,
//! `open`/`read`/`write` and descriptor flags. Blocking calls run detached.

use super::{
    int_arg, last_errno, last_os_error, new_structseq, os_error, os_str, path_arg, path_or_fd, req,
    Args, PathOrFd,
};
use std::ffi::CStr;
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::protocols;
use vm::runtime::{none, py_bool};
use vm::thread_state::ThreadState;
use vm::value::Value;

pub(super) const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("stat", stat),
    ("lstat", lstat),
    ("fstat", fstat),
    ("getcwd", getcwd),
    ("getcwdb", getcwdb),
    ("chdir", chdir),
    ("fchdir", fchdir),
    ("listdir", listdir),
    ("_scandir_entries", scandir_entries),
    ("mkdir", mkdir),
    ("rmdir", rmdir),
    ("unlink", unlink),
    ("remove", remove),
    ("rename", rename),
    ("replace", replace),
    ("access", access),
    ("chmod", chmod),
    ("fchmod", fchmod),
    ("utime", utime),
    ("readlink", readlink),
    ("symlink", symlink),
    ("link", link),
    ("truncate", truncate),
    ("ftruncate", ftruncate),
    ("open", open),
    ("read", read),
    ("write", write),
    ("close", close),
    ("closerange", closerange),
    ("lseek", lseek),
    ("fsync", fsync),
    ("fdatasync", fdatasync),
    ("dup", dup),
    ("dup2", dup2),
    ("pipe", pipe),
    ("isatty", isatty),
    ("get_inheritable", get_inheritable),
    ("set_inheritable", set_inheritable),
    ("get_blocking", get_blocking),
    ("set_blocking", set_blocking),
    ("device_encoding", device_encoding),
    ("umask", umask),
];

pub(super) const CONSTANTS: &[(&str, i64)] = &[
    ("O_RDONLY", libc::O_RDONLY as i64),
    ("O_WRONLY", libc::O_WRONLY as i64),
    ("O_RDWR", libc::O_RDWR as i64),
    ("O_APPEND", libc::O_APPEND as i64),
    ("O_CREAT", libc::O_CREAT as i64),
    ("O_EXCL", libc::O_EXCL as i64),
    ("O_TRUNC", libc::O_TRUNC as i64),
    ("O_NONBLOCK", libc::O_NONBLOCK as i64),
    ("O_NDELAY", libc::O_NDELAY as i64),
    ("O_SYNC", libc::O_SYNC as i64),
    ("O_DSYNC", libc::O_DSYNC as i64),
    ("O_RSYNC", libc::O_RSYNC as i64),
    ("O_NOCTTY", libc::O_NOCTTY as i64),
    ("O_CLOEXEC", libc::O_CLOEXEC as i64),
    ("O_DIRECTORY", libc::O_DIRECTORY as i64),
    ("O_NOFOLLOW", libc::O_NOFOLLOW as i64),
    ("O_ACCMODE", libc::O_ACCMODE as i64),
    ("O_ASYNC", libc::O_ASYNC as i64),
    ("O_DIRECT", libc::O_DIRECT as i64),
    ("O_LARGEFILE", libc::O_LARGEFILE as i64),
    ("O_NOATIME", libc::O_NOATIME as i64),
    ("O_PATH", libc::O_PATH as i64),
    ("O_TMPFILE", libc::O_TMPFILE as i64),
    ("F_OK", libc::F_OK as i64),
    ("R_OK", libc::R_OK as i64),
    ("W_OK", libc::W_OK as i64),
    ("X_OK", libc::X_OK as i64),
    ("SEEK_SET", libc::SEEK_SET as i64),
    ("SEEK_CUR", libc::SEEK_CUR as i64),
    ("SEEK_END", libc::SEEK_END as i64),
    ("SEEK_DATA", libc::SEEK_DATA as i64),
    ("SEEK_HOLE", libc::SEEK_HOLE as i64),
    ("F_LOCK", libc::F_LOCK as i64),
    ("F_TLOCK", libc::F_TLOCK as i64),
    ("F_ULOCK", libc::F_ULOCK as i64),
    ("F_TEST", libc::F_TEST as i64),
];

/// Runs `f` detached from the runtime and retries it while it fails with EINTR, running the
/// Python signal handlers in between (PEP 475; a handler's exception propagates).
fn retry<T: PartialEq + Copy>(
    ts: &ThreadState,
    bad: T,
    mut f: impl FnMut() -> T,
) -> PyResult<(T, i32)> {
    loop {
        let (r, e) = ts.detached(|| {
            let r = f();
            (r, if r == bad { last_errno() } else { 0 })
        });
        if r != bad || e != libc::EINTR {
            return Ok((r, e));
        }
        crate::_signal::check_signals(ts)?;
    }
}

fn fd_arg(ts: &ThreadState, v: &Option<Value>) -> PyResult<i32> {
    let i = int_arg(ts, &req(v))?;
    i32::try_from(i).map_err(|_| ts.overflow_error("fd is greater than maximum"))
}

fn follow(ts: &ThreadState, v: &Option<Value>) -> PyResult<bool> {
    match v {
        Some(v) => protocols::is_true(ts, v),
        None => Ok(true),
    }
}

fn no_dir_fd(ts: &ThreadState, func: &str, v: &Option<Value>) -> PyResult<()> {
    match v {
        Some(v) if !v.is_none() => {
            Err(ts.not_implemented_error(format!("{func}: dir_fd unavailable on this platform")))
        }
        _ => Ok(()),
    }
}

// --- stat ---

fn stat_value(ts: &ThreadState, st: &libc::stat) -> PyResult<Value> {
    let ns = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
    let fl = |s: i64, n: i64| s as f64 + n as f64 * 1e-9;
    let items = vec![
        ts.new_int(st.st_mode as i64),
        ts.new_int(st.st_ino as i64),
        ts.new_int(st.st_dev as i64),
        ts.new_int(st.st_nlink as i64),
        ts.new_int(st.st_uid as i64),
        ts.new_int(st.st_gid as i64),
        ts.new_int(st.st_size),
        ts.new_int(st.st_atime),
        ts.new_int(st.st_mtime),
        ts.new_int(st.st_ctime),
        ts.new_float(fl(st.st_atime, st.st_atime_nsec)),
        ts.new_float(fl(st.st_mtime, st.st_mtime_nsec)),
        ts.new_float(fl(st.st_ctime, st.st_ctime_nsec)),
        ts.new_int(ns(st.st_atime, st.st_atime_nsec)),
        ts.new_int(ns(st.st_mtime, st.st_mtime_nsec)),
        ts.new_int(ns(st.st_ctime, st.st_ctime_nsec)),
        ts.new_int(st.st_blksize),
        ts.new_int(st.st_blocks),
        ts.new_int(st.st_rdev as i64),
    ];
    new_structseq(ts, "posix", "stat_result", items)
}

fn do_stat(ts: &ThreadState, func: &str, a: Args<'_>, follow_default: bool) -> PyResult<Value> {
    let [p, dir_fd, fs] = a.parse::<3>(ts, func, &["path", "*dir_fd", "*follow_symlinks"], 1)?;
    no_dir_fd(ts, func, &dir_fd)?;
    let fol = follow_default && follow(ts, &fs)?;
    // SAFETY: `stat` is plain old data; all-zero is a valid value.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    match path_or_fd(ts, func, &req(&p))? {
        PathOrFd::Fd(fd) => {
            // SAFETY: `st` is a valid out-pointer for the call.
            let (r, e) = retry(ts, -1, || unsafe { libc::fstat(fd, &mut st) })?;
            if r < 0 {
                return Err(os_error(ts, e, None, None));
            }
        }
        PathOrFd::Path(pa) => {
            let c = pa.c.as_ptr();
            // SAFETY: `c` is a NUL-terminated path alive for the call; `st` an out-pointer.
            let (r, e) = retry(ts, -1, || unsafe {
                if fol {
                    libc::stat(c, &mut st)
                } else {
                    libc::lstat(c, &mut st)
                }
            })?;
            if r < 0 {
                return Err(os_error(ts, e, Some(&pa.obj), None));
            }
        }
    }
    stat_value(ts, &st)
}

fn stat(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    do_stat(ts, "stat", a, true)
}

fn lstat(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    do_stat(ts, "lstat", a, false)
}

fn fstat(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "fstat", &["fd"], 1)?;
    let fd = fd_arg(ts, &fd)?;
    // SAFETY: all-zero is a valid `stat`.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a valid out-pointer.
    let (r, e) = retry(ts, -1, || unsafe { libc::fstat(fd, &mut st) })?;
    if r < 0 {
        return Err(os_error(ts, e, None, None));
    }
    stat_value(ts, &st)
}

// --- directories ---

fn cwd_bytes(ts: &ThreadState) -> PyResult<Vec<u8>> {
    std::env::current_dir()
        .map(|p| std::os::unix::ffi::OsStringExt::into_vec(p.into_os_string()))
        .map_err(|e| os_error(ts, e.raw_os_error().unwrap_or(libc::ENOENT), None, None))
}

fn getcwd(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "getcwd")?;
    Ok(os_str(ts, &cwd_bytes(ts)?, false))
}

fn getcwdb(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "getcwdb")?;
    Ok(os_str(ts, &cwd_bytes(ts)?, true))
}

fn chdir(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "chdir", &["path"], 1)?;
    match path_or_fd(ts, "chdir", &req(&p))? {
        PathOrFd::Fd(fd) => fchdir_fd(ts, fd),
        PathOrFd::Path(pa) => {
            // SAFETY: NUL-terminated path alive for the call.
            if unsafe { libc::chdir(pa.c.as_ptr()) } < 0 {
                return Err(last_os_error(ts, Some(&pa.obj)));
            }
            Ok(none())
        }
    }
}

fn fchdir_fd(ts: &ThreadState, fd: i32) -> PyResult<Value> {
    // SAFETY: fchdir takes any int.
    if unsafe { libc::fchdir(fd) } < 0 {
        return Err(last_os_error(ts, None));
    }
    Ok(none())
}

fn fchdir(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "fchdir", &["fd"], 1)?;
    fchdir_fd(ts, fd_arg(ts, &fd)?)
}

/// `(name, d_type, d_ino)` of each entry of the directory `c`, without `.` and `..`.
fn read_dir(ts: &ThreadState, c: &CStr) -> Result<Vec<(Vec<u8>, u8, u64)>, i32> {
    ts.detached(|| {
        // SAFETY: NUL-terminated path.
        let dir = unsafe { libc::opendir(c.as_ptr()) };
        if dir.is_null() {
            return Err(last_errno());
        }
        let mut out = Vec::new();
        let res = loop {
            // SAFETY: errno is thread-local; reset so end-of-directory can be told from errors.
            unsafe { *libc::__errno_location() = 0 };
            // SAFETY: `dir` is an open DIR* until closedir below.
            let ent = unsafe { libc::readdir(dir) };
            if ent.is_null() {
                let e = last_errno();
                break if e == 0 { Ok(()) } else { Err(e) };
            }
            // SAFETY: readdir returned a valid entry, alive until the next readdir.
            let (name, ty, ino) = unsafe {
                let e = &*ent;
                (
                    CStr::from_ptr(e.d_name.as_ptr()).to_bytes().to_vec(),
                    e.d_type,
                    e.d_ino,
                )
            };
            if name == b"." || name == b".." {
                continue;
            }
            out.push((name, ty, ino));
        };
        // SAFETY: `dir` is open and closed exactly once.
        unsafe { libc::closedir(dir) };
        res.map(|()| out)
    })
}

fn dir_path(ts: &ThreadState, func: &str, p: Option<Value>) -> PyResult<super::PathArg> {
    let v = match p {
        Some(v) if !v.is_none() => v,
        _ => ts.new_str("."),
    };
    if super::fspath(ts, &v)?.is_none() {
        return Err(ts.type_error(format!(
            "{func}: path should be string, bytes, os.PathLike, integer or None, not {}",
            v.class().name()
        )));
    }
    path_arg(ts, func, "path", &v)
}

fn listdir(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "listdir", &["path"], 0)?;
    let pa = dir_path(ts, "listdir", p)?;
    let ents = read_dir(ts, &pa.c).map_err(|e| os_error(ts, e, Some(&pa.obj), None))?;
    let names = ents
        .iter()
        .map(|(n, _, _)| os_str(ts, n, pa.bytes))
        .collect();
    Ok(ts.new_list(names))
}

/// `_scandir_entries(path)`: `[(name, d_type, inode)]` for the prelude's `scandir`.
fn scandir_entries(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "scandir", &["path"], 0)?;
    let pa = dir_path(ts, "scandir", p)?;
    let ents = read_dir(ts, &pa.c).map_err(|e| os_error(ts, e, Some(&pa.obj), None))?;
    let items = ents
        .iter()
        .map(|(n, t, i)| {
            ts.new_tuple(vec![
                os_str(ts, n, pa.bytes),
                ts.new_int(*t as i64),
                ts.new_int(*i as i64),
            ])
        })
        .collect();
    Ok(ts.new_list(items))
}

fn mkdir(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p, mode, dir_fd] = a.parse::<3>(ts, "mkdir", &["path", "mode", "*dir_fd"], 1)?;
    no_dir_fd(ts, "mkdir", &dir_fd)?;
    let pa = path_arg(ts, "mkdir", "path", &req(&p))?;
    let mode = match mode {
        Some(m) => int_arg(ts, &m)? as libc::mode_t,
        None => 0o777,
    };
    // SAFETY: NUL-terminated path.
    if unsafe { libc::mkdir(pa.c.as_ptr(), mode) } < 0 {
        return Err(last_os_error(ts, Some(&pa.obj)));
    }
    Ok(none())
}

/// A one-path call `f(path) -> int` (rmdir, unlink).
fn path_call(
    ts: &ThreadState,
    a: Args<'_>,
    func: &str,
    f: unsafe extern "C" fn(*const libc::c_char) -> libc::c_int,
) -> PyResult<Value> {
    let [p, dir_fd] = a.parse::<2>(ts, func, &["path", "*dir_fd"], 1)?;
    no_dir_fd(ts, func, &dir_fd)?;
    let pa = path_arg(ts, func, "path", &req(&p))?;
    let c = pa.c.as_ptr();
    // SAFETY: `f` is a libc call taking one NUL-terminated path, alive for the call.
    let (r, e) = retry(ts, -1, || unsafe { f(c) })?;
    if r < 0 {
        return Err(os_error(ts, e, Some(&pa.obj), None));
    }
    Ok(none())
}

fn rmdir(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    path_call(ts, a, "rmdir", libc::rmdir)
}

fn unlink(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    path_call(ts, a, "unlink", libc::unlink)
}

fn remove(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    path_call(ts, a, "remove", libc::unlink)
}

/// A two-path call (rename, replace, link, symlink).
fn two_paths(
    ts: &ThreadState,
    a: Args<'_>,
    func: &str,
    names: &[&str; 4],
    f: unsafe extern "C" fn(*const libc::c_char, *const libc::c_char) -> libc::c_int,
) -> PyResult<Value> {
    let [s, d, x, y] = a.parse::<4>(ts, func, names, 2)?;
    if names[2] == "*src_dir_fd" {
        no_dir_fd(ts, func, &x)?;
    } else if names[2] == "target_is_directory" || names[2] == "*target_is_directory" {
        no_dir_fd(ts, func, &y)?;
    }
    let sp = path_arg(ts, func, "src", &req(&s))?;
    let dp = path_arg(ts, func, "dst", &req(&d))?;
    if sp.bytes != dp.bytes {
        return Err(ts.type_error(format!("{func}: src and dst must be the same type")));
    }
    let (sc, dc) = (sp.c.as_ptr(), dp.c.as_ptr());
    // SAFETY: two NUL-terminated paths alive for the call.
    let (r, e) = retry(ts, -1, || unsafe { f(sc, dc) })?;
    if r < 0 {
        return Err(os_error(ts, e, Some(&sp.obj), Some(&dp.obj)));
    }
    Ok(none())
}

const RENAME_ARGS: [&str; 4] = ["src", "dst", "*src_dir_fd", "*dst_dir_fd"];

fn rename(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    two_paths(ts, a, "rename", &RENAME_ARGS, libc::rename)
}

fn replace(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    two_paths(ts, a, "replace", &RENAME_ARGS, libc::rename)
}

fn link(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    two_paths(ts, a, "link", &RENAME_ARGS, libc::link)
}

fn symlink(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    two_paths(
        ts,
        a,
        "symlink",
        &["src", "dst", "target_is_directory", "*dir_fd"],
        libc::symlink,
    )
}

fn access(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p, mode, dir_fd, _eff, _fol] = a.parse::<5>(
        ts,
        "access",
        &[
            "path",
            "mode",
            "*dir_fd",
            "*effective_ids",
            "*follow_symlinks",
        ],
        2,
    )?;
    no_dir_fd(ts, "access", &dir_fd)?;
    let pa = path_arg(ts, "access", "path", &req(&p))?;
    let mode = int_arg(ts, &req(&mode))? as libc::c_int;
    // SAFETY: NUL-terminated path.
    Ok(py_bool(unsafe { libc::access(pa.c.as_ptr(), mode) } == 0))
}

fn chmod(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p, mode, dir_fd, fol] = a.parse::<4>(
        ts,
        "chmod",
        &["path", "mode", "*dir_fd", "*follow_symlinks"],
        2,
    )?;
    no_dir_fd(ts, "chmod", &dir_fd)?;
    let _ = follow(ts, &fol)?;
    let mode = int_arg(ts, &req(&mode))? as libc::mode_t;
    match path_or_fd(ts, "chmod", &req(&p))? {
        PathOrFd::Fd(fd) => {
            // SAFETY: plain syscall.
            if unsafe { libc::fchmod(fd, mode) } < 0 {
                return Err(last_os_error(ts, None));
            }
        }
        PathOrFd::Path(pa) => {
            // SAFETY: NUL-terminated path.
            if unsafe { libc::chmod(pa.c.as_ptr(), mode) } < 0 {
                return Err(last_os_error(ts, Some(&pa.obj)));
            }
        }
    }
    Ok(none())
}

fn fchmod(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, mode] = a.parse::<2>(ts, "fchmod", &["fd", "mode"], 2)?;
    let fd = fd_arg(ts, &fd)?;
    let mode = int_arg(ts, &req(&mode))? as libc::mode_t;
    // SAFETY: plain syscall.
    if unsafe { libc::fchmod(fd, mode) } < 0 {
        return Err(last_os_error(ts, None));
    }
    Ok(none())
}

fn timespec_of_float(ts: &ThreadState, v: &Value) -> PyResult<libc::timespec> {
    let f = protocols::to_float(ts, v)?;
    let s = f.floor();
    let ns = ((f - s) * 1e9).round() as i64;
    let (s, ns) = if ns >= 1_000_000_000 {
        (s as i64 + 1, ns - 1_000_000_000)
    } else {
        (s as i64, ns)
    };
    Ok(libc::timespec {
        tv_sec: s,
        tv_nsec: ns,
    })
}

fn timespec_of_ns(ts: &ThreadState, v: &Value) -> PyResult<libc::timespec> {
    let n = int_arg(ts, v)?;
    Ok(libc::timespec {
        tv_sec: n.div_euclid(1_000_000_000),
        tv_nsec: n.rem_euclid(1_000_000_000),
    })
}

fn pair(ts: &ThreadState, v: &Value, what: &str) -> PyResult<(Value, Value)> {
    let items = if v.class().is(vm::runtime::types().tuple) {
        v.as_tuple_slice().to_vec()
    } else {
        Vec::new()
    };
    match items.as_slice() {
        [a, b] => Ok((a.clone(), b.clone())),
        _ => Err(ts.type_error(format!("utime: '{what}' must be a tuple of two ints"))),
    }
}

fn utime(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p, times, ns, dir_fd, fol] = a.parse::<5>(
        ts,
        "utime",
        &["path", "times", "*ns", "*dir_fd", "*follow_symlinks"],
        1,
    )?;
    no_dir_fd(ts, "utime", &dir_fd)?;
    let fol = follow(ts, &fol)?;
    let times = times.filter(|t| !t.is_none());
    let spec: Option<[libc::timespec; 2]> = match (times, ns) {
        (Some(_), Some(_)) => {
            return Err(ts.value_error("utime: you may specify either 'times' or 'ns' but not both"))
        }
        (Some(t), None) => {
            let (x, y) = pair(ts, &t, "times").map_err(|_| {
                ts.type_error("utime: 'times' must be either a tuple of two ints or None")
            })?;
            Some([timespec_of_float(ts, &x)?, timespec_of_float(ts, &y)?])
        }
        (None, Some(n)) => {
            let (x, y) = pair(ts, &n, "ns")?;
            Some([timespec_of_ns(ts, &x)?, timespec_of_ns(ts, &y)?])
        }
        (None, None) => None,
    };
    let ptr = spec.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
    match path_or_fd(ts, "utime", &req(&p))? {
        PathOrFd::Fd(fd) => {
            // SAFETY: `ptr` is null or points at two timespecs alive for the call.
            if unsafe { libc::futimens(fd, ptr) } < 0 {
                return Err(last_os_error(ts, None));
            }
        }
        PathOrFd::Path(pa) => {
            let flags = if fol { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
            // SAFETY: NUL-terminated path; `ptr` as above.
            if unsafe { libc::utimensat(libc::AT_FDCWD, pa.c.as_ptr(), ptr, flags) } < 0 {
                return Err(last_os_error(ts, Some(&pa.obj)));
            }
        }
    }
    Ok(none())
}

fn readlink(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p, dir_fd] = a.parse::<2>(ts, "readlink", &["path", "*dir_fd"], 1)?;
    no_dir_fd(ts, "readlink", &dir_fd)?;
    let pa = path_arg(ts, "readlink", "path", &req(&p))?;
    let mut buf = vec![0u8; 4096];
    loop {
        // SAFETY: `buf` is writable for `buf.len()` bytes.
        let n = unsafe { libc::readlink(pa.c.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
        if n < 0 {
            return Err(last_os_error(ts, Some(&pa.obj)));
        }
        let n = n as usize;
        if n < buf.len() {
            buf.truncate(n);
            return Ok(os_str(ts, &buf, pa.bytes));
        }
        buf.resize(buf.len() * 2, 0);
    }
}

fn truncate(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p, len] = a.parse::<2>(ts, "truncate", &["path", "length"], 2)?;
    let len = int_arg(ts, &req(&len))?;
    match path_or_fd(ts, "truncate", &req(&p))? {
        PathOrFd::Fd(fd) => ftruncate_fd(ts, fd, len),
        PathOrFd::Path(pa) => {
            let c = pa.c.as_ptr();
            // SAFETY: NUL-terminated path.
            let (r, e) = retry(ts, -1, || unsafe { libc::truncate(c, len) })?;
            if r < 0 {
                return Err(os_error(ts, e, Some(&pa.obj), None));
            }
            Ok(none())
        }
    }
}

fn ftruncate_fd(ts: &ThreadState, fd: i32, len: i64) -> PyResult<Value> {
    // SAFETY: plain syscall.
    let (r, e) = retry(ts, -1, || unsafe { libc::ftruncate(fd, len) })?;
    if r < 0 {
        return Err(os_error(ts, e, None, None));
    }
    Ok(none())
}

fn ftruncate(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, len] = a.parse::<2>(ts, "ftruncate", &["fd", "length"], 2)?;
    let fd = fd_arg(ts, &fd)?;
    let len = int_arg(ts, &req(&len))?;
    ftruncate_fd(ts, fd, len)
}

// --- file descriptors ---

fn open(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p, flags, mode, dir_fd] =
        a.parse::<4>(ts, "open", &["path", "flags", "mode", "*dir_fd"], 2)?;
    no_dir_fd(ts, "open", &dir_fd)?;
    let pa = path_arg(ts, "open", "path", &req(&p))?;
    // PEP 446: descriptors are created non-inheritable.
    let flags = int_arg(ts, &req(&flags))? as libc::c_int | libc::O_CLOEXEC;
    let mode = match mode {
        Some(m) => int_arg(ts, &m)? as libc::c_uint,
        None => 0o777,
    };
    let c = pa.c.as_ptr();
    // SAFETY: NUL-terminated path alive for the call.
    let (fd, e) = retry(ts, -1, || unsafe { libc::open(c, flags, mode) })?;
    if fd < 0 {
        return Err(os_error(ts, e, Some(&pa.obj), None));
    }
    Ok(ts.new_int(fd as i64))
}

fn read(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, n] = a.parse::<2>(ts, "read", &["", ""], 2)?;
    let fd = fd_arg(ts, &fd)?;
    let n = int_arg(ts, &req(&n))?;
    if n < 0 {
        return Err(os_error(ts, libc::EINVAL, None, None));
    }
    let mut buf = vec![0u8; n as usize];
    let ptr = buf.as_mut_ptr();
    let len = buf.len();
    // SAFETY: `buf` is writable for `len` bytes and not touched until the call returns.
    let (r, e) = retry(ts, -1, || unsafe { libc::read(fd, ptr.cast(), len) })?;
    if r < 0 {
        return Err(os_error(ts, e, None, None));
    }
    buf.truncate(r as usize);
    Ok(vm::objects::bytes::new_bytes(ts, buf))
}

fn write(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, data] = a.parse::<2>(ts, "write", &["", ""], 2)?;
    let fd = fd_arg(ts, &fd)?;
    let data = req(&data);
    let buf = vm::objects::bytes::bytes_data(&data).ok_or_else(|| {
        ts.type_error(format!(
            "a bytes-like object is required, not '{}'",
            data.class().name()
        ))
    })?;
    let (ptr, len) = (buf.as_ptr(), buf.len());
    // SAFETY: `buf` is readable for `len` bytes and outlives the call.
    let (r, e) = retry(ts, -1, || unsafe { libc::write(fd, ptr.cast(), len) })?;
    if r < 0 {
        return Err(os_error(ts, e, None, None));
    }
    Ok(ts.new_int(r as i64))
}

fn close(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "close", &["fd"], 1)?;
    let fd = fd_arg(ts, &fd)?;
    // SAFETY: closing any int is memory-safe; EINTR is not retried (the fd is gone on Linux).
    if ts.detached(|| unsafe { libc::close(fd) }) < 0 {
        return Err(last_os_error(ts, None));
    }
    Ok(none())
}

fn closerange(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [lo, hi] = a.parse::<2>(ts, "closerange", &["", ""], 2)?;
    let (lo, hi) = (fd_arg(ts, &lo)?, fd_arg(ts, &hi)?);
    for fd in lo.max(0)..hi {
        // SAFETY: closing any int is memory-safe; errors are ignored as CPython does.
        unsafe { libc::close(fd) };
    }
    Ok(none())
}

fn lseek(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, pos, how] = a.parse::<3>(ts, "lseek", &["", "", ""], 3)?;
    let fd = fd_arg(ts, &fd)?;
    let pos = int_arg(ts, &req(&pos))?;
    let how = int_arg(ts, &req(&how))? as libc::c_int;
    // SAFETY: plain syscall.
    let r = unsafe { libc::lseek(fd, pos, how) };
    if r < 0 {
        return Err(last_os_error(ts, None));
    }
    Ok(ts.new_int(r))
}

fn fd_of_object(ts: &ThreadState, v: &Value) -> PyResult<i32> {
    if vm::objects::int::as_int(v).is_some() {
        return fd_arg(ts, &Some(v.clone()));
    }
    let r = protocols::call_method(ts, v, "fileno", &[])?;
    fd_arg(ts, &Some(r))
}

fn fsync(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "fsync", &["fd"], 1)?;
    let fd = fd_of_object(ts, &req(&fd))?;
    // SAFETY: plain syscall.
    let (r, e) = retry(ts, -1, || unsafe { libc::fsync(fd) })?;
    if r < 0 {
        return Err(os_error(ts, e, None, None));
    }
    Ok(none())
}

fn fdatasync(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "fdatasync", &["fd"], 1)?;
    let fd = fd_of_object(ts, &req(&fd))?;
    // SAFETY: plain syscall.
    let (r, e) = retry(ts, -1, || unsafe { libc::fdatasync(fd) })?;
    if r < 0 {
        return Err(os_error(ts, e, None, None));
    }
    Ok(none())
}

fn dup(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "dup", &[""], 1)?;
    let fd = fd_arg(ts, &fd)?;
    // SAFETY: plain syscall; the copy is non-inheritable (PEP 446).
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if r < 0 {
        return Err(last_os_error(ts, None));
    }
    Ok(ts.new_int(r as i64))
}

fn dup2(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, fd2, inh] = a.parse::<3>(ts, "dup2", &["fd", "fd2", "inheritable"], 2)?;
    let (fd, fd2) = (fd_arg(ts, &fd)?, fd_arg(ts, &fd2)?);
    let inheritable = follow(ts, &inh)?;
    let flags = if inheritable { 0 } else { libc::O_CLOEXEC };
    // SAFETY: plain syscalls.
    let r = unsafe {
        if fd == fd2 {
            libc::fcntl(fd, libc::F_GETFD)
        } else {
            libc::dup3(fd, fd2, flags)
        }
    };
    if r < 0 {
        return Err(last_os_error(ts, None));
    }
    Ok(ts.new_int(fd2 as i64))
}

fn pipe(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "pipe")?;
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } < 0 {
        return Err(last_os_error(ts, None));
    }
    Ok(ts.new_tuple(vec![ts.new_int(fds[0] as i64), ts.new_int(fds[1] as i64)]))
}

fn isatty(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "isatty", &[""], 1)?;
    let fd = fd_arg(ts, &fd)?;
    // SAFETY: plain syscall.
    Ok(py_bool(unsafe { libc::isatty(fd) } == 1))
}

fn fd_flag(
    ts: &ThreadState,
    fd: i32,
    get: i32,
    set: i32,
    bit: i32,
    on: Option<bool>,
) -> PyResult<bool> {
    // SAFETY: plain syscall.
    let flags = unsafe { libc::fcntl(fd, get) };
    if flags < 0 {
        return Err(last_os_error(ts, None));
    }
    if let Some(on) = on {
        let nf = if on { flags | bit } else { flags & !bit };
        // SAFETY: plain syscall.
        if nf != flags && unsafe { libc::fcntl(fd, set, nf) } < 0 {
            return Err(last_os_error(ts, None));
        }
    }
    Ok(flags & bit != 0)
}

fn get_inheritable(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "get_inheritable", &[""], 1)?;
    let cloexec = fd_flag(
        ts,
        fd_arg(ts, &fd)?,
        libc::F_GETFD,
        libc::F_SETFD,
        libc::FD_CLOEXEC,
        None,
    )?;
    Ok(py_bool(!cloexec))
}

fn set_inheritable(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, inh] = a.parse::<2>(ts, "set_inheritable", &["", ""], 2)?;
    let on = !protocols::is_true(ts, &req(&inh))?;
    fd_flag(
        ts,
        fd_arg(ts, &fd)?,
        libc::F_GETFD,
        libc::F_SETFD,
        libc::FD_CLOEXEC,
        Some(on),
    )?;
    Ok(none())
}

fn get_blocking(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "get_blocking", &[""], 1)?;
    let nb = fd_flag(
        ts,
        fd_arg(ts, &fd)?,
        libc::F_GETFL,
        libc::F_SETFL,
        libc::O_NONBLOCK,
        None,
    )?;
    Ok(py_bool(!nb))
}

fn set_blocking(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, b] = a.parse::<2>(ts, "set_blocking", &["", ""], 2)?;
    let on = !protocols::is_true(ts, &req(&b))?;
    fd_flag(
        ts,
        fd_arg(ts, &fd)?,
        libc::F_GETFL,
        libc::F_SETFL,
        libc::O_NONBLOCK,
        Some(on),
    )?;
    Ok(none())
}

fn device_encoding(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "device_encoding", &["fd"], 1)?;
    let fd = fd_arg(ts, &fd)?;
    // SAFETY: plain syscall.
    if unsafe { libc::isatty(fd) } == 1 {
        return Ok(ts.new_str("UTF-8"));
    }
    Ok(none())
}

fn umask(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [m] = a.parse::<1>(ts, "umask", &["mask"], 1)?;
    let m = int_arg(ts, &req(&m))? as libc::mode_t;
    // SAFETY: plain syscall.
    Ok(ts.new_int(unsafe { libc::umask(m) } as i64))
}
