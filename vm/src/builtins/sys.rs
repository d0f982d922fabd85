//! The `sys` module. Standard streams are small module-like namespaces whose `write` goes to
//! the process's file descriptors (stdout is block-buffered like CPython's when not a tty and
//! flushed at exit); the stdlib crate's `_io` can replace them with real file objects.

use super::args::MethodArgs;
use super::{func, set};
use crate::errors::PyResult;
use crate::objects::dict::PyDict;
use crate::objects::str::{str_lossy, PyStr};
use crate::protocols;
use crate::runtime::{none, py_bool, types, Runtime};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::io::Write;

/// `sys.<name>`.
pub fn sys_attr(ts: &ThreadState, name: &str) -> Option<Value> {
    let sys = ts.rt.sys.get()?;
    let m = sys.downcast::<crate::objects::module::PyModule>()?;
    m.dict().get_str(ts, name)
}

fn text_arg(ts: &ThreadState, a: &MethodArgs<'_>) -> PyResult<String> {
    let [s] = a.parse::<1>(ts, "write", &[""], 1)?;
    let s = s.expect("required");
    let st = s.downcast::<PyStr>().ok_or_else(|| {
        ts.type_error(format!(
            "write() argument must be str, not {}",
            s.class().name()
        ))
    })?;
    Ok(match st.as_str() {
        Some(t) => t.to_string(),
        None => {
            // Lone surrogates can't be encoded (CPython: UnicodeEncodeError with strict).
            let mut out = String::new();
            for c in st.cps() {
                match char::from_u32(c) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(ts.new_error(
                            types().exc.unicode_encode_error,
                            format!("'utf-8' codec can't encode character '\\u{c:04x}': surrogates not allowed"),
                        ))
                    }
                }
            }
            out
        }
    })
}

fn stdout_write(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let s = text_arg(ts, &a)?;
    let n = s.chars().count();
    ts.rt.write_stdout_buffered(ts, s.as_bytes())?;
    Ok(ts.new_usize(n))
}

fn stdout_flush(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    ts.rt.flush_stdout(ts);
    Ok(none())
}

fn stderr_write(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let s = text_arg(ts, &a)?;
    let n = s.chars().count();
    super::write_stderr(ts, &s)?;
    Ok(ts.new_usize(n))
}

fn noop(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(none())
}

fn false_(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(false))
}

fn fileno1(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(1))
}
fn fileno2(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(2))
}
fn fileno0(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(0))
}

fn stdin_readline(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    let mut line = String::new();
    ts.detached(|| std::io::stdin().read_line(&mut line))
        .map_err(|e| ts.os_error(e.to_string()))?;
    Ok(ts.new_str(&line))
}

fn stdin_read(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    let mut s = String::new();
    ts.detached(|| std::io::Read::read_to_string(&mut std::io::stdin(), &mut s))
        .map_err(|e| ts.os_error(e.to_string()))?;
    Ok(ts.new_str(&s))
}

fn stream(ts: &ThreadState, name: &str, fns: &[(&str, super::BuiltinFn)]) -> Value {
    let m = crate::objects::module::new_module(ts, name).expect("bootstrap allocation");
    let d = m
        .downcast::<crate::objects::module::PyModule>()
        .expect("module")
        .dict
        .clone();
    let dd = d.downcast::<PyDict>().expect("dict");
    for (n, f) in fns {
        func(ts, dd, n, *f);
    }
    set(ts, dd, "encoding", ts.new_str("utf-8"));
    set(ts, dd, "errors", ts.new_str("strict"));
    set(ts, dd, "closed", py_bool(false));
    m
}

fn sys_exit(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [code] = a.parse::<1>(ts, "exit", &[""], 0)?;
    let args = match code {
        Some(c) => vec![c],
        None => vec![],
    };
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
                let loc = f.code().unit.location(f.lasti as u32);
                let locals = crate::interp::eval::frame_locals(ts, f);
                crate::objects::exceptions::new_frame_obj(
                    ts,
                    f.code.clone(),
                    f.globals.clone(),
                    Some(locals),
                    loc.lineno,
                    f.lasti as u32,
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

fn get_int_max_str_digits(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(4300))
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
    if !v.is_none() {
        let s = protocols::repr_string(ts, &v)?;
        ts.rt
            .write_stdout_buffered(ts, format!("{s}\n").as_bytes())?;
    }
    Ok(none())
}

fn namespace(ts: &ThreadState, _name: &str, items: Vec<(&str, Value)>) -> Value {
    crate::objects::module::new_namespace(ts, items).expect("bootstrap allocation")
}

pub const STDLIB_MODULE_NAMES: &[&str] = &[
    "__future__",
    "_abc",
    "_ast",
    "_asyncio",
    "_bisect",
    "_collections",
    "_collections_abc",
    "_contextvars",
    "_csv",
    "_datetime",
    "_decimal",
    "_functools",
    "_heapq",
    "_io",
    "_json",
    "_locale",
    "_operator",
    "_pickle",
    "_random",
    "_sha1",
    "_signal",
    "_socket",
    "_sre",
    "_stat",
    "_string",
    "_struct",
    "_thread",
    "_threading_local",
    "_tokenize",
    "_tracemalloc",
    "_warnings",
    "_weakref",
    "_weakrefset",
    "abc",
    "argparse",
    "array",
    "ast",
    "asyncio",
    "atexit",
    "base64",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "calendar",
    "cmath",
    "codecs",
    "collections",
    "colorsys",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "csv",
    "ctypes",
    "dataclasses",
    "datetime",
    "decimal",
    "difflib",
    "dis",
    "email",
    "encodings",
    "enum",
    "errno",
    "faulthandler",
    "fnmatch",
    "fractions",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "gettext",
    "glob",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "marshal",
    "math",
    "mimetypes",
    "multiprocessing",
    "numbers",
    "operator",
    "os",
    "pathlib",
    "pickle",
    "platform",
    "posix",
    "posixpath",
    "pprint",
    "queue",
    "random",
    "re",
    "reprlib",
    "secrets",
    "select",
    "selectors",
    "shlex",
    "shutil",
    "signal",
    "socket",
    "sqlite3",
    "stat",
    "statistics",
    "string",
    "struct",
    "subprocess",
    "sys",
    "sysconfig",
    "tempfile",
    "textwrap",
    "threading",
    "time",
    "timeit",
    "token",
    "tokenize",
    "traceback",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uuid",
    "warnings",
    "weakref",
    "zipfile",
    "zlib",
];

pub fn init(ts: &ThreadState, rt: &Runtime) {
    let m = crate::objects::module::new_module(ts, "sys").expect("bootstrap allocation");
    let md = m
        .downcast::<crate::objects::module::PyModule>()
        .expect("module")
        .dict
        .clone();
    let d = md.downcast::<PyDict>().expect("dict");
    let out = stream(
        ts,
        "stdout",
        &[
            ("write", stdout_write),
            ("flush", stdout_flush),
            ("fileno", fileno1),
            ("isatty", false_),
        ],
    );
    let err = stream(
        ts,
        "stderr",
        &[
            ("write", stderr_write),
            ("flush", noop),
            ("fileno", fileno2),
            ("isatty", false_),
        ],
    );
    let inp = stream(
        ts,
        "stdin",
        &[
            ("readline", stdin_readline),
            ("read", stdin_read),
            ("fileno", fileno0),
            ("isatty", false_),
        ],
    );
    set(ts, d, "stdout", out.clone());
    set(ts, d, "stderr", err.clone());
    set(ts, d, "stdin", inp.clone());
    set(ts, d, "__stdout__", out);
    set(ts, d, "__stderr__", err);
    set(ts, d, "__stdin__", inp);
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
        ("settrace", noop),
        ("setprofile", noop),
        ("audit", noop),
        ("addaudithook", noop),
        ("is_finalizing", false_),
        ("get_int_max_str_digits", get_int_max_str_digits),
        ("set_int_max_str_digits", noop),
        ("excepthook", excepthook),
        ("__excepthook__", excepthook),
        ("displayhook", displayhook),
        ("__displayhook__", displayhook),
        ("_clear_internal_caches", noop),
    ];
    for (n, f) in fns {
        func(ts, d, n, *f);
    }
    set(ts, d, "modules", rt.sys_modules().clone());
    set(ts, d, "path", ts.new_list(vec![]));
    set(ts, d, "argv", ts.new_list(vec![ts.new_str("")]));
    set(ts, d, "orig_argv", ts.new_list(vec![]));
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
    let vi = ts.new_tuple(vec![
        ts.new_int(3),
        ts.new_int(14),
        ts.new_int(0),
        ts.new_str("final"),
        ts.new_int(0),
    ]);
    set(ts, d, "version_info", vi);
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
    let bnames: Vec<Value> = crate::builtins::modules::BUILTIN_MODULES
        .iter()
        .map(|n| ts.new_str(n))
        .collect();
    set(ts, d, "builtin_module_names", ts.new_tuple(bnames));
    let imp = namespace(
        ts,
        "implementation",
        vec![
            ("name", ts.new_str("ladon")),
            ("cache_tag", ts.new_str("ladon-314")),
            (
                "version",
                ts.new_tuple(vec![
                    ts.new_int(3),
                    ts.new_int(14),
                    ts.new_int(0),
                    ts.new_str("final"),
                    ts.new_int(0),
                ]),
            ),
            ("hexversion", ts.new_int(0x030E00F0)),
            ("_multiarch", ts.new_str("x86_64-linux-gnu")),
            ("supports_isolated_interpreters", py_bool(false)),
        ],
    );
    set(ts, d, "implementation", imp);
    let zero = ts.new_int(0);
    let flags = namespace(
        ts,
        "flags",
        vec![
            ("debug", zero.clone()),
            ("inspect", zero.clone()),
            ("interactive", zero.clone()),
            ("optimize", zero.clone()),
            ("dont_write_bytecode", ts.new_int(1)),
            ("no_user_site", zero.clone()),
            ("no_site", zero.clone()),
            ("ignore_environment", zero.clone()),
            ("verbose", zero.clone()),
            ("bytes_warning", zero.clone()),
            ("quiet", zero.clone()),
            ("hash_randomization", zero.clone()),
            ("isolated", zero.clone()),
            ("dev_mode", py_bool(false)),
            ("utf8_mode", ts.new_int(1)),
            ("warn_default_encoding", zero.clone()),
            ("safe_path", py_bool(false)),
            ("int_max_str_digits", ts.new_int(4300)),
            ("gil", zero.clone()),
            ("thread_inherit_context", ts.new_int(1)),
            ("context_aware_warnings", ts.new_int(1)),
        ],
    );
    set(ts, d, "flags", flags);
    let fi = namespace(
        ts,
        "float_info",
        vec![
            ("max", ts.new_float(f64::MAX)),
            ("min", ts.new_float(f64::MIN_POSITIVE)),
            ("epsilon", ts.new_float(f64::EPSILON)),
            ("dig", ts.new_int(15)),
            ("mant_dig", ts.new_int(53)),
            ("max_exp", ts.new_int(1024)),
            ("min_exp", ts.new_int(-1021)),
            ("max_10_exp", ts.new_int(308)),
            ("min_10_exp", ts.new_int(-307)),
            ("radix", ts.new_int(2)),
            ("rounds", ts.new_int(1)),
        ],
    );
    set(ts, d, "float_info", fi);
    let _ = rt.sys.set(m.clone());
    if let Some(mm) = rt.sys_modules().downcast::<PyDict>() {
        let _ = mm.set_item(ts, ts.intern("sys"), m);
    }
    let _ = str_lossy;
}

impl Runtime {
    /// Appends to the stdout buffer (flushed at 8 KiB, on `flush()` and at exit).
    pub fn write_stdout_buffered(&self, ts: &ThreadState, bytes: &[u8]) -> PyResult<()> {
        let r = ts.detached(|| {
            let mut g = match self.stdout_buf.lock() {
                Ok(g) => g,
                Err(p) => p.into_inner(),
            };
            g.extend_from_slice(bytes);
            if g.len() >= 8192 || self.stdout_tty {
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
