//! `posix` ownership and terminal-pair functions: `chown`, `fchown`, `lchown`, `openpty`.

use super::{last_os_error, path_or_fd, req, Args, PathOrFd};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::int::{as_int, IntVal};
use vm::protocols;
use vm::runtime::none;
use vm::thread_state::ThreadState;
use vm::value::Value;

pub(super) const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("chown", chown),
    ("fchown", fchown),
    ("lchown", lchown),
    ("openpty", openpty),
];

/// A `uid_t`/`gid_t` argument as CPython's `_Py_Uid_Converter` takes it: -1 means "leave
/// unchanged"; an int that fits a C long but not the id type reports "less than minimum",
/// as CPython does.
fn id_arg(ts: &ThreadState, v: &Value, what: &str) -> PyResult<u32> {
    if as_int(v).is_none() && !v.class().slots.index.is_set() {
        return Err(ts.type_error(format!(
            "{what} should be integer, not {}",
            v.class().name()
        )));
    }
    let n = protocols::index(ts, v)?;
    let greater = || ts.overflow_error(format!("{what} is greater than maximum"));
    let less = || ts.overflow_error(format!("{what} is less than minimum"));
    match as_int(&n) {
        Some(IntVal::Small(-1)) => Ok(u32::MAX),
        Some(IntVal::Small(x)) if (0..u32::MAX as i64).contains(&x) => Ok(x as u32),
        Some(IntVal::Small(x)) if x == u32::MAX as i64 => Err(greater()),
        Some(IntVal::Small(_)) => Err(less()),
        Some(IntVal::Big(b)) if b.sign() == num_bigint::Sign::Plus => Err(greater()),
        _ => Err(less()),
    }
}

fn ids(ts: &ThreadState, uid: &Option<Value>, gid: &Option<Value>) -> PyResult<(u32, u32)> {
    Ok((id_arg(ts, &req(uid), "uid")?, id_arg(ts, &req(gid), "gid")?))
}

fn chown_path(ts: &ThreadState, name: &str, a: Args<'_>, follow_default: bool) -> PyResult<Value> {
    let [p, uid, gid, dir_fd, fol] = a.parse::<5>(
        ts,
        name,
        &["path", "uid", "gid", "*dir_fd", "*follow_symlinks"],
        3,
    )?;
    let (uid, gid) = ids(ts, &uid, &gid)?;
    let follow = match &fol {
        Some(f) => protocols::is_true(ts, f)?,
        None => follow_default,
    };
    let dir_fd = match dir_fd.filter(|d| !d.is_none()) {
        Some(d) => Some(super::int_arg(ts, &d)? as libc::c_int),
        None => None,
    };
    match path_or_fd(ts, name, &req(&p))? {
        PathOrFd::Fd(fd) => {
            // SAFETY: plain syscall.
            if ts.detached(|| unsafe { libc::fchown(fd, uid, gid) }) < 0 {
                return Err(last_os_error(ts, None));
            }
        }
        PathOrFd::Path(pa) => {
            let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
            let at = dir_fd.unwrap_or(libc::AT_FDCWD);
            let c = pa.c.as_ptr();
            // SAFETY: `c` is a NUL-terminated path that lives across the call.
            let r = ts.detached(|| unsafe { libc::fchownat(at, c, uid, gid, flags) });
            if r < 0 {
                return Err(last_os_error(ts, Some(&pa.obj)));
            }
        }
    }
    Ok(none())
}

/// `os.chown(path, uid, gid, *, dir_fd=None, follow_symlinks=True)`.
fn chown(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    chown_path(ts, "chown", a, true)
}

/// `os.lchown(path, uid, gid)`: chown without following a final symlink.
fn lchown(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p, uid, gid] = a.parse::<3>(ts, "lchown", &["path", "uid", "gid"], 3)?;
    let (uid, gid) = ids(ts, &uid, &gid)?;
    let pa = super::path_arg(ts, "lchown", "path", &req(&p))?;
    let c = pa.c.as_ptr();
    // SAFETY: `c` is a NUL-terminated path that lives across the call.
    if ts.detached(|| unsafe { libc::lchown(c, uid, gid) }) < 0 {
        return Err(last_os_error(ts, Some(&pa.obj)));
    }
    Ok(none())
}

/// `os.fchown(fd, uid, gid)`.
fn fchown(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, uid, gid] = a.parse::<3>(ts, "fchown", &["fd", "uid", "gid"], 3)?;
    let fd = super::int_arg(ts, &req(&fd))?;
    let fd = i32::try_from(fd).map_err(|_| ts.overflow_error("fd is greater than maximum"))?;
    let (uid, gid) = ids(ts, &uid, &gid)?;
    // SAFETY: plain syscall.
    if ts.detached(|| unsafe { libc::fchown(fd, uid, gid) }) < 0 {
        return Err(last_os_error(ts, None));
    }
    Ok(none())
}

/// `os.openpty()`: `(master, slave)` descriptors of a new pseudo-terminal, both
/// non-inheritable as in CPython.
fn openpty(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "openpty")?;
    let (mut master, mut slave) = (-1 as libc::c_int, -1 as libc::c_int);
    // SAFETY: the out-pointers are valid; the name, termios and winsize arguments may be null.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    if r < 0 {
        return Err(last_os_error(ts, None));
    }
    for fd in [master, slave] {
        // SAFETY: plain fcntl on descriptors this call just opened.
        unsafe {
            let flags = libc::fcntl(fd, libc::F_GETFD);
            if flags >= 0 {
                libc::fcntl(fd, libc::F_SETFD, flags | libc::FD_CLOEXEC);
            }
        }
    }
    Ok(ts.new_tuple(vec![ts.new_int(master as i64), ts.new_int(slave as i64)]))
}
