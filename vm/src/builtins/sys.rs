//! The `sys` module. The standard streams are native stand-ins for CPython's text/buffered/raw
//! layers (`sys/stdio.rs`); stdout is block-buffered like CPython's when not a tty and flushed
//! at exit.

use super::args::MethodArgs;
use super::{func, set};
use crate::errors::PyResult;
use crate::objects::dict::PyDict;
use crate::objects::str::str_lossy;
use crate::protocols;
use crate::runtime::{none, py_bool, types, Runtime};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::io::Write;

mod hooks;
mod info;
mod misc;
mod monitoring;
pub mod stdio;

pub use hooks::{breakpoint, builtin_module_names, refresh_builtin_module_names, SysState};
use info::version_info;
pub use info::{set_flags, FlagValues};

/// `sys.<name>`.
pub fn sys_attr(ts: &ThreadState, name: &str) -> Option<Value> {
    let sys = ts.rt.sys.get()?;
    let m = sys.downcast::<crate::objects::module::PyModule>()?;
    m.dict().get_str(ts, name)
}

fn noop(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(none())
}

/// `sys._clear_type_descriptors(cls)`: drops the `__dict__` and `__weakref__` descriptors of a
/// class about to be replaced (dataclasses' `slots=True` makes a new class from its dict).
fn clear_type_descriptors(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [cls] = a.parse::<1>(ts, "_clear_type_descriptors", &[""], 1)?;
    let cls = cls.expect("required");
    if !cls.is_type() {
        return Err(ts.type_error(format!(
            "_clear_type_descriptors() argument must be type, not {}",
            cls.class().name()
        )));
    }
    let d = cls.as_type().dict();
    for name in ["__dict__", "__weakref__"] {
        d.del_item(ts, &ts.intern(name))?;
    }
    // Cached lookups of the removed names must not survive.
    cls.as_type().modified(ts, None);
    Ok(none())
}

fn false_(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(false))
}

fn sys_exit(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    if a.nkw() > 0 {
        return Err(ts.type_error("sys.exit() takes no keyword arguments"));
    }
    let pos = a.positional();
    if pos.len() > 1 {
        return Err(ts.type_error(format!(
            "exit expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    // `sys.exit(None)` raises SystemExit with no arguments, as `sys.exit()` does.
    let args = pos.iter().filter(|c| !c.is_none()).cloned().collect();
    Err(ts.new_error_args(types().exc.system_exit, args))
}

fn getrecursionlimit(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(ts.rt.recursion_limit() as i64))
}

fn setrecursionlimit(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "setrecursionlimit", &[""], 1)?;
    let n = protocols::index_i64(ts, &n.expect("required"))?;
    if n < 1 {
        return Err(ts.value_error("recursion limit must be greater or equal than 1"));
    }
    let depth = ts.py_depth.get() as i64;
    if n <= depth {
        return Err(ts.recursion_error(format!(
            "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
        )));
    }
    // ORDERING: Relaxed: a tuning knob read at each call.
    ts.rt.recursion_limit.store(
        n.min(u32::MAX as i64) as u32,
        std::sync::atomic::Ordering::Relaxed,
    );
    Ok(none())
}

fn exc_info(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(match ts.handled_exception() {
        Some(e) => {
            let tb = e
                .downcast::<crate::objects::exceptions::PyBaseException>()
                .and_then(|x| x.traceback())
                .unwrap_or_else(none);
            ts.new_tuple(vec![e.class().to_value(), e, tb])
        }
        None => ts.new_tuple(vec![none(), none(), none()]),
    })
}

fn exception(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.handled_exception().unwrap_or_else(none))
}

fn getframe(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [d] = a.parse::<1>(ts, "_getframe", &[""], 0)?;
    let depth = match d {
        Some(d) => protocols::index_i64(ts, &d)?.max(0) as usize,
        None => 0,
    };
    let n = ts.frame_depth();
    if depth >= n {
        return Err(ts.value_error("call stack is not deep enough"));
    }
    // Build the chain of frame objects from the outermost requested frame.
    let mut back: Option<Value> = None;
    for i in (depth..n).rev() {
        let fo = ts.with_frame_at(i, |f| {
            f.map(|f| {
                let locals = crate::interp::eval::frame_locals(ts, f);
                // `with_frame_at` counts from the top; the frame object keeps the index from
                // the bottom, which stays put while the frame runs.
                crate::objects::exceptions::new_live_frame_obj(
                    ts,
                    f,
                    n - 1 - i,
                    locals,
                    back.clone(),
                )
            })
        });
        if let Some(fo) = fo {
            back = Some(fo?);
        }
    }
    back.ok_or_else(|| ts.value_error("call stack is not deep enough"))
}

fn getrefcount(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "getrefcount", &[""], 1)?;
    let o = o.expect("required");
    Ok(ts.new_int(o.header().map_or(1 << 32, |h| h.refcount() as i64)))
}

fn intern(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "intern", &[""], 1)?;
    let s = s.expect("required");
    if !s.class().is(types().str) {
        return Err(ts.type_error(format!(
            "intern() argument must be str, not {}",
            s.class().name()
        )));
    }
    Ok(ts.rt.intern_value(ts, &s))
}

fn getsizeof(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o, _d] = a.parse::<2>(ts, "getsizeof", &["", "default"], 1)?;
    let o = o.expect("required");
    Ok(ts.new_usize(o.class().vtable().size + 32))
}

fn is_gil_enabled(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(false))
}

fn getdefaultencoding(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_str("utf-8"))
}

fn getswitchinterval(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_float(0.005))
}

fn excepthook(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [_t, v, _tb] = a.parse::<3>(ts, "excepthook", &["", "", ""], 3)?;
    let v = v.expect("required");
    ts.rt.flush_stdout(ts);
    let text = crate::traceback::format_exception(ts, &v);
    super::write_stderr(ts, &text)?;
    Ok(none())
}

fn displayhook(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [v] = a.parse::<1>(ts, "displayhook", &[""], 1)?;
    let v = v.expect("required");
    if v.is_none() {
        return Ok(none());
    }
    // As CPython: `builtins._` is None while repr runs, the value afterwards.
    let builtins = ts.rt.builtins.get().cloned();
    let set_underscore = |x: Value| match builtins.as_ref() {
        Some(b) => protocols::set_attr(ts, b, &ts.intern("_"), x),
        None => Ok(()),
    };
    set_underscore(none())?;
    // As CPython: the text goes through whatever `sys.stdout` is now (doctest and the
    // REPL's redirections replace it).
    let out = sys_attr(ts, "stdout").filter(|o| !o.is_none());
    let Some(out) = out else {
        return Err(ts.runtime_error("lost sys.stdout"));
    };
    let r = protocols::repr(ts, &v)?;
    protocols::call_method(ts, &out, "write", &[r])?;
    protocols::call_method(ts, &out, "write", &[ts.new_str("\n")])?;
    set_underscore(v)?;
    Ok(none())
}

fn namespace(ts: &ThreadState, _name: &str, items: Vec<(&str, Value)>) -> Value {
    crate::objects::module::new_namespace(ts, items).expect("bootstrap allocation")
}

/// `sys.stdlib_module_names`: CPython 3.14's list, whatever Ladon implements.
#[rustfmt::skip]
pub const STDLIB_MODULE_NAMES: &[&str] = &[
    "__future__", "_abc", "_aix_support", "_android_support", "_apple_support", "_ast",
    "_ast_unparse", "_asyncio", "_bisect", "_blake2", "_bz2", "_codecs", "_codecs_cn",
    "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw", "_collections",
    "_collections_abc", "_colorize", "_compat_pickle", "_contextvars", "_csv", "_ctypes",
    "_curses", "_curses_panel", "_datetime", "_dbm", "_decimal", "_elementtree",
    "_frozen_importlib", "_frozen_importlib_external", "_functools", "_gdbm", "_hashlib", "_heapq",
    "_hmac", "_imp", "_interpchannels", "_interpqueues", "_interpreters", "_io", "_ios_support",
    "_json", "_locale", "_lsprof", "_lzma", "_markupbase", "_md5", "_multibytecodec",
    "_multiprocessing", "_opcode", "_opcode_metadata", "_operator", "_osx_support", "_overlapped",
    "_pickle", "_posixshmem", "_posixsubprocess", "_py_abc", "_py_warnings", "_pydatetime",
    "_pydecimal", "_pyio", "_pylong", "_pyrepl", "_queue", "_random", "_remote_debugging",
    "_scproxy", "_sha1", "_sha2", "_sha3", "_signal", "_sitebuiltins", "_socket", "_sqlite3",
    "_sre", "_ssl", "_stat", "_statistics", "_string", "_strptime", "_struct", "_suggestions",
    "_symtable", "_sysconfig", "_thread", "_threading_local", "_tkinter", "_tokenize",
    "_tracemalloc", "_types", "_typing", "_uuid", "_warnings", "_weakref", "_weakrefset",
    "_winapi", "_wmi", "_zoneinfo", "_zstd", "abc", "annotationlib", "antigravity", "argparse",
    "array", "ast", "asyncio", "atexit", "base64", "bdb", "binascii", "bisect", "builtins", "bz2",
    "cProfile", "calendar", "cmath", "cmd", "code", "codecs", "codeop", "collections", "colorsys",
    "compileall", "compression", "concurrent", "configparser", "contextlib", "contextvars", "copy",
    "copyreg", "csv", "ctypes", "curses", "dataclasses", "datetime", "dbm", "decimal", "difflib",
    "dis", "doctest", "email", "encodings", "ensurepip", "enum", "errno", "faulthandler", "fcntl",
    "filecmp", "fileinput", "fnmatch", "fractions", "ftplib", "functools", "gc", "genericpath",
    "getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip", "hashlib", "heapq", "hmac",
    "html", "http", "idlelib", "imaplib", "importlib", "inspect", "io", "ipaddress", "itertools",
    "json", "keyword", "linecache", "locale", "logging", "lzma", "mailbox", "marshal", "math",
    "mimetypes", "mmap", "modulefinder", "msvcrt", "multiprocessing", "netrc", "nt", "ntpath",
    "nturl2path", "numbers", "opcode", "operator", "optparse", "os", "pathlib", "pdb", "pickle",
    "pickletools", "pkgutil", "platform", "plistlib", "poplib", "posix", "posixpath", "pprint",
    "profile", "pstats", "pty", "pwd", "py_compile", "pyclbr", "pydoc", "pydoc_data", "pyexpat",
    "queue", "quopri", "random", "re", "readline", "reprlib", "resource", "rlcompleter", "runpy",
    "sched", "secrets", "select", "selectors", "shelve", "shlex", "shutil", "signal", "site",
    "smtplib", "socket", "socketserver", "sqlite3", "sre_compile", "sre_constants", "sre_parse",
    "ssl", "stat", "statistics", "string", "stringprep", "struct", "subprocess", "symtable", "sys",
    "sysconfig", "syslog", "tabnanny", "tarfile", "tempfile", "termios", "textwrap", "this",
    "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib", "trace", "traceback",
    "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing", "unicodedata", "unittest",
    "urllib", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser", "winreg", "winsound",
    "wsgiref", "xml", "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib", "zoneinfo",
];

pub fn init(ts: &ThreadState, rt: &Runtime) {
    let m = crate::objects::module::new_module(ts, "sys").expect("bootstrap allocation");
    let md = m
        .downcast::<crate::objects::module::PyModule>()
        .expect("module")
        .dict
        .clone();
    let d = md.downcast::<PyDict>().expect("dict");
    stdio::install(ts, d);
    let fns: &[(&str, super::BuiltinFn)] = &[
        ("exit", sys_exit),
        ("getrecursionlimit", getrecursionlimit),
        ("setrecursionlimit", setrecursionlimit),
        ("exc_info", exc_info),
        ("exception", exception),
        ("_getframe", getframe),
        ("getrefcount", getrefcount),
        ("intern", intern),
        ("getsizeof", getsizeof),
        ("_is_gil_enabled", is_gil_enabled),
        ("getdefaultencoding", getdefaultencoding),
        ("getfilesystemencoding", getdefaultencoding),
        ("getswitchinterval", getswitchinterval),
        ("setswitchinterval", noop),
        ("settrace", misc::settrace),
        ("setprofile", misc::setprofile),
        ("gettrace", misc::gettrace),
        ("getprofile", misc::getprofile),
        ("_settraceallthreads", misc::settrace),
        ("_setprofileallthreads", misc::setprofile),
        ("get_asyncgen_hooks", misc::get_asyncgen_hooks),
        ("set_asyncgen_hooks", misc::set_asyncgen_hooks),
        ("get_coroutine_origin_tracking_depth", misc::zero),
        ("set_coroutine_origin_tracking_depth", noop),
        ("getallocatedblocks", misc::zero),
        ("getunicodeinternedsize", misc::zero),
        ("getdlopenflags", misc::getdlopenflags),
        ("setdlopenflags", noop),
        ("getfilesystemencodeerrors", misc::getfilesystemencodeerrors),
        ("_is_immortal", misc::is_immortal),
        ("_is_interned", misc::is_interned),
        ("_current_frames", misc::current_frames),
        ("_current_exceptions", misc::empty_dict),
        ("_clear_type_cache", noop),
        ("_clear_type_descriptors", clear_type_descriptors),
        ("_debugmallocstats", noop),
        ("_get_cpu_count_config", misc::minus_one),
        ("is_remote_debug_enabled", false_),
        ("is_stack_trampoline_active", false_),
        ("activate_stack_trampoline", noop),
        ("deactivate_stack_trampoline", noop),
        ("audit", hooks::audit),
        ("addaudithook", hooks::addaudithook),
        ("call_tracing", hooks::call_tracing),
        ("_getframemodulename", hooks::getframemodulename),
        ("breakpointhook", hooks::breakpointhook),
        ("unraisablehook", hooks::unraisablehook),
        ("is_finalizing", false_),
        ("get_int_max_str_digits", hooks::get_int_max_str_digits),
        ("set_int_max_str_digits", hooks::set_int_max_str_digits),
        ("excepthook", excepthook),
        ("displayhook", displayhook),
        ("_clear_internal_caches", noop),
    ];
    for (n, f) in fns {
        func(ts, d, n, *f);
    }
    // The `__hook__` originals are the same objects as the hooks, as in CPython.
    for n in [
        "breakpointhook",
        "unraisablehook",
        "excepthook",
        "displayhook",
    ] {
        if let Some(h) = d.get_str(ts, n) {
            set(ts, d, &format!("__{n}__"), h);
        }
    }
    if let Ok(m) = monitoring::new_monitoring_module(ts) {
        set(ts, d, "monitoring", m);
    }
    set(ts, d, "modules", rt.sys_modules().clone());
    set(ts, d, "path", ts.new_list(vec![]));
    set(ts, d, "argv", ts.new_list(vec![ts.new_str("")]));
    // Arguments that are not UTF-8 are taken with replacement characters, never a panic.
    let orig: Vec<Value> = std::env::args_os()
        .map(|a| ts.new_str(&a.to_string_lossy()))
        .collect();
    set(ts, d, "orig_argv", ts.new_list(orig));
    set(ts, d, "meta_path", ts.new_list(vec![]));
    set(ts, d, "path_hooks", ts.new_list(vec![]));
    set(ts, d, "path_importer_cache", ts.new_dict());
    set(ts, d, "warnoptions", ts.new_list(vec![]));
    set(ts, d, "_xoptions", ts.new_dict());
    set(
        ts,
        d,
        "version",
        ts.new_str("3.14.0 (ladon, free-threading build)"),
    );
    set(ts, d, "hexversion", ts.new_int(0x030E00F0));
    set(ts, d, "api_version", ts.new_int(1013));
    let vi = version_info(ts);
    set(ts, d, "version_info", vi.clone());
    set(
        ts,
        d,
        "platform",
        ts.new_str(if cfg!(target_os = "linux") {
            "linux"
        } else {
            std::env::consts::OS
        }),
    );
    set(
        ts,
        d,
        "byteorder",
        ts.new_str(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
    );
    set(ts, d, "maxsize", ts.new_int(isize::MAX as i64));
    set(ts, d, "maxunicode", ts.new_int(0x10FFFF));
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    set(ts, d, "executable", ts.new_str(&exe));
    set(ts, d, "_base_executable", ts.new_str(&exe));
    for k in ["prefix", "base_prefix", "exec_prefix", "base_exec_prefix"] {
        set(ts, d, k, ts.new_str("/usr"));
    }
    set(ts, d, "platlibdir", ts.new_str("lib"));
    set(ts, d, "pycache_prefix", none());
    set(ts, d, "dont_write_bytecode", py_bool(true));
    set(ts, d, "float_repr_style", ts.new_str("short"));
    set(
        ts,
        d,
        "copyright",
        ts.new_str("Copyright (c) Ladon authors; Python is Copyright (c) PSF."),
    );
    let names_: Vec<Value> = STDLIB_MODULE_NAMES.iter().map(|n| ts.new_str(n)).collect();
    if let Ok(fs) = crate::objects::set::new_frozenset(ts, names_) {
        set(ts, d, "stdlib_module_names", fs);
    }
    set(ts, d, "builtin_module_names", builtin_module_names(ts, rt));
    let imp = namespace(
        ts,
        "implementation",
        vec![
            ("name", ts.new_str("ladon")),
            ("cache_tag", ts.new_str("ladon-314")),
            ("version", vi),
            ("hexversion", ts.new_int(0x030E00F0)),
            ("_multiarch", ts.new_str("x86_64-linux-gnu")),
            ("supports_isolated_interpreters", py_bool(false)),
        ],
    );
    set(ts, d, "implementation", imp);
    info::install(ts, d);
    misc::install(ts, d);
    let _ = rt.sys.set(m.clone());
    if let Some(mm) = rt.sys_modules().downcast::<PyDict>() {
        let _ = mm.set_item(ts, ts.intern("sys"), m);
    }
    let _ = str_lossy;
}

impl Runtime {
    /// Appends to the stdout buffer (flushed at 8 KiB, on `flush()` and at exit).
    pub fn write_stdout_buffered(&self, ts: &ThreadState, bytes: &[u8]) -> PyResult<()> {
        let buffered = !self.stdout_tty && !self.sys_state.unbuffered();
        // Fast path: an uncontended append that stays under the flush threshold needs no
        // detach (nothing blocks).
        if let (true, Ok(mut g)) = (buffered, self.stdout_buf.try_lock()) {
            if g.len() + bytes.len() < 8192 {
                g.extend_from_slice(bytes);
                return Ok(());
            }
        }
        let r = ts.detached(|| {
            let mut g = match self.stdout_buf.lock() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            g.extend_from_slice(bytes);
            if g.len() >= 8192 || self.stdout_tty || self.sys_state.unbuffered() {
                let mut out = std::io::stdout().lock();
                let r = out.write_all(&g).and_then(|_| out.flush());
                g.clear();
                r
            } else {
                Ok(())
            }
        });
        r.map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                ts.new_error(types().exc.broken_pipe_error, "[Errno 32] Broken pipe")
            } else {
                ts.os_error(e.to_string())
            }
        })
    }

    /// Writes out the stdout buffer.
    pub fn flush_stdout(&self, ts: &ThreadState) {
        ts.detached(|| self.flush_stdout_raw());
    }

    /// Flush without a thread state (process exit).
    pub fn flush_stdout_raw(&self) {
        let mut g = match self.stdout_buf.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(&g);
        let _ = out.flush();
        g.clear();
    }
}
