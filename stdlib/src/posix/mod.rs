//! `posix`: the operating-system interface `os.py` builds on (CPython's
//! `Modules/posixmodule.c`), for Linux.
//!
//! The system calls are Rust functions over `libc`; the result types (`stat_result`,
//! `uname_result`, `times_result`, `terminal_size`, `DirEntry`, the `scandir` iterator) are
//! defined by a Python prelude (`prelude.py`, on top of the shared structseq base in
//! `structseq.py`) run in the module's dict when it is created. Every call that can block
//! (read, write, waitpid, fsync, …) runs detached from the runtime.
//!
//! Not here: the `*at` variants (`dir_fd`), `fork`/`exec*`/`spawn*`, extended attributes,
//! scheduling, `sendfile` and friends. `_have_functions` lists only what is implemented, so
//! `os.supports_dir_fd` is empty and `shutil` picks its portable paths.
//!
//! Entry points: [`init`]; helpers shared with the other OS modules: [`os_error`],
//! [`run_prelude`], [`module_class`], [`fs_decode`].

mod fs;
mod misc;
mod owner;
mod sysconf;

use std::ffi::CString;
use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::{PyErr, PyResult};
use vm::objects::dict::PyDict;
use vm::objects::str::PyStr;
use vm::protocols;
use vm::runtime::{none, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_posix);

/// The structseq base class (Python), shared with `time`, `pwd`, …
pub(crate) const STRUCTSEQ_PY: &str = include_str!("structseq.py");
const PRELUDE_PY: &str = include_str!("prelude.py");

fn init_posix(ts: &ThreadState) -> PyResult<Value> {
    let mut fns: Vec<(&str, vm::objects::builtin_func::BuiltinFn)> = Vec::new();
    fns.extend_from_slice(fs::FUNCTIONS);
    fns.extend_from_slice(misc::FUNCTIONS);
    fns.extend_from_slice(owner::FUNCTIONS);
    fns.push(("sysconf", sysconf::sysconf));
    let (m, d) = new_native_module(ts, "posix", &fns)?;
    let dd = dict_of(ts, &d)?;
    for (name, v) in fs::CONSTANTS.iter().chain(misc::CONSTANTS) {
        dd.set_str(ts, name, ts.new_int(*v));
    }
    dd.set_str(ts, "error", types().exc.os_error.to_value());
    dd.set_str(ts, "environ", misc::environ(ts)?);
    let scn = ts.new_dict();
    for (k, v) in sysconf::SYSCONF_NAMES {
        protocols::set_item(ts, &scn, &ts.new_str(k), ts.new_int(*v))?;
    }
    dd.set_str(ts, "sysconf_names", scn);
    let have: Vec<Value> = ["HAVE_FCHDIR", "HAVE_FCHMOD", "HAVE_FTRUNCATE", "HAVE_LSTAT"]
        .iter()
        .map(|s| ts.new_str(s))
        .collect();
    dd.set_str(ts, "_have_functions", ts.new_list(have));
    run_prelude(ts, &d, STRUCTSEQ_PY)?;
    run_prelude(ts, &d, PRELUDE_PY)?;
    patch_sys(ts)?;
    Ok(m)
}

/// Stopgap for a VM gap: `os.py` calls `sys.getfilesystemencodeerrors()`, which the VM's
/// `sys` lacks; add it (CPython's value on Linux) if it is still missing.
fn patch_sys(ts: &ThreadState) -> PyResult<()> {
    let Some(sys) = ts.rt.sys.get() else {
        return Ok(());
    };
    let name = ts.intern("getfilesystemencodeerrors");
    if protocols::get_attr_opt(ts, sys, &name)?.is_none() {
        let f = vm::objects::builtin_func::new_builtin(ts, "getfilesystemencodeerrors", fs_errors);
        protocols::set_attr(ts, sys, &name, f)?;
    }
    Ok(())
}

fn fs_errors(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "getfilesystemencodeerrors")?;
    Ok(ts.new_str("surrogateescape"))
}

// --- helpers shared by the OS modules ---

/// The dict payload of a module dict value.
pub(crate) fn dict_of<'a>(ts: &ThreadState, d: &'a Value) -> PyResult<&'a PyDict> {
    d.downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("module dict is not a dict"))
}

/// Runs Python source in a module's dict (`exec(src, d)`): the prelude defining the types.
pub(crate) fn run_prelude(ts: &ThreadState, d: &Value, src: &str) -> PyResult<()> {
    crate::pysource::exec_in_module(ts, src, d)
}

/// `sys.modules[module].name`: a class the prelude defined, looked up when a function needs
/// it (builtin functions carry no module reference).
pub(crate) fn module_class(ts: &ThreadState, module: &str, name: &str) -> PyResult<Value> {
    let mods = ts.rt.sys_modules();
    let m = protocols::get_item(ts, mods, &ts.new_str(module))?;
    protocols::get_attr_str(ts, &m, name)
}

/// `cls(tuple(items))`: a structseq instance of the prelude's class `module.name`.
pub(crate) fn new_structseq(
    ts: &ThreadState,
    module: &str,
    name: &str,
    items: Vec<Value>,
) -> PyResult<Value> {
    let cls = module_class(ts, module, name)?;
    protocols::call(ts, &cls, &[ts.new_tuple(items)], None)
}

/// The last OS error number.
pub(crate) fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// `strerror(errno)` without the " (os error N)" std appends.
pub(crate) fn strerror(errno: i32) -> String {
    let s = std::io::Error::from_raw_os_error(errno).to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The OSError subclass CPython picks for an errno (`Objects/exceptions.c` errmap).
fn os_error_type(errno: i32) -> &'static vm::objects::typeobj::PyType {
    let e = &types().exc;
    match errno {
        libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS => e.blocking_io_error,
        libc::ECHILD => e.child_process_error,
        libc::EPIPE | libc::ESHUTDOWN => e.broken_pipe_error,
        libc::ECONNABORTED => e.connection_aborted_error,
        libc::ECONNREFUSED => e.connection_refused_error,
        libc::ECONNRESET => e.connection_reset_error,
        libc::EEXIST => e.file_exists_error,
        libc::ENOENT => e.file_not_found_error,
        libc::EISDIR => e.is_a_directory_error,
        libc::ENOTDIR => e.not_a_directory_error,
        libc::EINTR => e.interrupted_error,
        libc::EACCES | libc::EPERM => e.permission_error,
        libc::ESRCH => e.process_lookup_error,
        libc::ETIMEDOUT => e.timeout_error,
        _ => e.os_error,
    }
}

/// `OSError(errno, strerror[, filename[, None, filename2]])` of the subclass for `errno`.
/// As in CPython, `args` is `(errno, strerror)`; the filenames are attributes only.
pub(crate) fn os_error(
    ts: &ThreadState,
    errno: i32,
    filename: Option<&Value>,
    filename2: Option<&Value>,
) -> PyErr {
    let args = vec![ts.new_int(errno as i64), ts.new_str(&strerror(errno))];
    let e = ts.new_error_args(os_error_type(errno), args);
    for (name, v) in [("filename", filename), ("filename2", filename2)] {
        if let Some(v) = v {
            if let Err(err) = protocols::set_attr(ts, e.value(), &ts.intern(name), v.clone()) {
                return err;
            }
        }
    }
    e
}

/// The OSError for the last OS error.
pub(crate) fn last_os_error(ts: &ThreadState, filename: Option<&Value>) -> PyErr {
    os_error(ts, last_errno(), filename, None)
}

/// Decodes an OS byte string as the filesystem encoding does: UTF-8 with `surrogateescape`.
pub(crate) fn fs_decode(ts: &ThreadState, b: &[u8]) -> Value {
    if let Ok(s) = std::str::from_utf8(b) {
        return ts.new_str(s);
    }
    let mut cps: Vec<u32> = Vec::with_capacity(b.len());
    for chunk in b.utf8_chunks() {
        cps.extend(chunk.valid().chars().map(|c| c as u32));
        cps.extend(chunk.invalid().iter().map(|&x| 0xDC00 + x as u32));
    }
    ts.new_str_from_cps(&cps)
}

/// Encodes a str as the filesystem encoding does (UTF-8 with `surrogateescape`).
pub(crate) fn fs_encode(ts: &ThreadState, s: &PyStr) -> PyResult<Vec<u8>> {
    if let Some(t) = s.as_str() {
        return Ok(t.as_bytes().to_vec());
    }
    let mut out = Vec::with_capacity(s.len());
    for (i, cp) in s.cps().enumerate() {
        if (0xDC80..=0xDCFF).contains(&cp) {
            out.push((cp - 0xDC00) as u8);
        } else if let Some(c) = char::from_u32(cp) {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        } else {
            // CPython's five arguments: (encoding, object, start, end, reason).
            let cps: Vec<u32> = s.cps().collect();
            let args = vec![
                ts.new_str("utf-8"),
                ts.new_str_from_cps(&cps),
                ts.new_int(i as i64),
                ts.new_int(i as i64 + 1),
                ts.new_str("surrogates not allowed"),
            ];
            return Err(ts.new_error_args(types().exc.unicode_encode_error, args));
        }
    }
    Ok(out)
}

/// `os.fspath(v)`: str or bytes, or what `__fspath__` returns.
pub(crate) fn fspath(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    if v.downcast::<PyStr>().is_some() || v.class().is(types().bytes) {
        return Ok(Some(v.clone()));
    }
    let Some(f) = v.class().lookup_str(ts, "__fspath__") else {
        return Ok(None);
    };
    let r = protocols::call_method_descr(ts, &f, v, &[])?;
    if r.downcast::<PyStr>().is_some() || r.class().is_subtype(types().bytes) {
        return Ok(Some(r));
    }
    Err(ts.type_error(format!(
        "expected {}.__fspath__() to return str or bytes, not {}",
        v.class().name(),
        r.class().name()
    )))
}

/// A path argument converted for a system call.
pub(crate) struct PathArg {
    /// The argument as given (for error messages' filename).
    pub obj: Value,
    pub c: CString,
    /// The caller passed bytes: results are bytes too.
    pub bytes: bool,
}

/// A path or an open file descriptor.
pub(crate) enum PathOrFd {
    Path(PathArg),
    Fd(i32),
}

fn path_type_error(ts: &ThreadState, func: &str, arg: &str, v: &Value, fd: bool) -> PyErr {
    let kinds = if fd {
        "string, bytes, os.PathLike or integer"
    } else {
        "string, bytes or os.PathLike"
    };
    ts.type_error(format!(
        "{func}: {arg} should be {kinds}, not {}",
        v.class().name()
    ))
}

/// Converts a path argument (str, bytes, os.PathLike).
pub(crate) fn path_arg(ts: &ThreadState, func: &str, arg: &str, v: &Value) -> PyResult<PathArg> {
    let Some(p) = fspath(ts, v)? else {
        return Err(path_type_error(ts, func, arg, v, false));
    };
    let (raw, bytes) = match p.downcast::<PyStr>() {
        Some(s) => (fs_encode(ts, s)?, false),
        None => (vm::objects::bytes::bytes_data(&p).unwrap_or_default(), true),
    };
    let c = CString::new(raw)
        .map_err(|_| ts.value_error(format!("{func}: embedded null character in {arg}")))?;
    Ok(PathArg {
        obj: v.clone(),
        c,
        bytes,
    })
}

/// Converts a path-or-fd argument.
pub(crate) fn path_or_fd(ts: &ThreadState, func: &str, v: &Value) -> PyResult<PathOrFd> {
    if let Some(i) = vm::objects::int::as_int(v) {
        let fd = i
            .to_i64()
            .filter(|x| i32::try_from(*x).is_ok())
            .ok_or_else(|| ts.overflow_error("fd is greater than maximum"))?;
        return Ok(PathOrFd::Fd(fd as i32));
    }
    match fspath(ts, v)? {
        Some(_) => Ok(PathOrFd::Path(path_arg(ts, func, "path", v)?)),
        None => Err(path_type_error(ts, func, "path", v, true)),
    }
}

/// A C int argument (an fd, a mode, a flag set).
pub(crate) fn int_arg(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    protocols::index_i64(ts, v)
}

/// The `i`-th required argument (the parser checked it is present).
pub(crate) fn req(v: &Option<Value>) -> Value {
    v.clone().unwrap_or_else(none)
}

/// An OS string result in the caller's kind: bytes if they passed bytes, else str.
pub(crate) fn os_str(ts: &ThreadState, b: &[u8], as_bytes: bool) -> Value {
    if as_bytes {
        vm::objects::bytes::new_bytes(ts, b.to_vec())
    } else {
        fs_decode(ts, b)
    }
}

/// Shorthand for builtin signatures.
pub(crate) type Args<'a> = MethodArgs<'a>;
