//! Running a program as `__main__` (`ladon FILE`, `-c`, stdin): finds the standard library,
//! sets up `sys.argv`/`sys.path`, runs the code on a thread with a large stack, and turns an
//! uncaught exception into CPython's traceback and exit status.

use crate::objects::dict::PyDict;
use crate::objects::str::str_lossy;
use crate::runtime::{types, Runtime};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::path::{Path, PathBuf};

/// What to run.
pub enum MainSource {
    File(PathBuf),
    Command(String),
    Stdin,
}

pub struct MainOptions {
    pub source: MainSource,
    /// `sys.argv[1:]`.
    pub args: Vec<String>,
    /// `--stdlib DIR`.
    pub stdlib: Option<PathBuf>,
}

/// Stack of the main Python thread (deep native recursion stays far below it).
const MAIN_STACK: usize = 64 << 20;

/// Locates CPython 3.14's pure-Python `Lib/`: `--stdlib`, `LADON_STDLIB`, a `python3.14` on
/// PATH, the project cache.
pub fn find_stdlib(flag: Option<&Path>) -> Result<PathBuf, String> {
    let ok = |p: &Path| p.join("os.py").is_file();
    if let Some(p) = flag {
        return if ok(p) {
            Ok(p.to_path_buf())
        } else {
            Err(format!(
                "ladon: --stdlib {}: not a Python 3.14 Lib directory (no os.py)",
                p.display()
            ))
        };
    }
    if let Ok(p) = std::env::var("LADON_STDLIB") {
        let p = PathBuf::from(p);
        return if ok(&p) {
            Ok(p)
        } else {
            Err(format!(
                "ladon: LADON_STDLIB={}: not a Python 3.14 Lib directory (no os.py)",
                p.display()
            ))
        };
    }
    if let Ok(path) = std::env::var("PATH") {
        for dir in std::env::split_paths(&path) {
            let exe = dir.join("python3.14");
            if exe.is_file() {
                let real = std::fs::canonicalize(&exe).unwrap_or(exe);
                if let Some(prefix) = real.parent().and_then(|b| b.parent()) {
                    let lib = prefix.join("lib").join("python3.14");
                    if ok(&lib) {
                        return Ok(lib);
                    }
                }
            }
        }
    }
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".into());
    // scripts/cpython314 (the project's set-up) unpacks Debian's CPython 3.14 here.
    let project_cache = std::env::var("LADON_CPYTHON_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(&home).join(".cache/ladon/cpython314"));
    for cand in [
        project_cache.join("root/usr/lib/python3.14"),
        PathBuf::from(&home).join(".cache/cpython314/root/usr/lib/python3.14"),
        PathBuf::from("/usr/lib/python3.14"),
    ] {
        if ok(&cand) {
            return Ok(cand);
        }
    }
    Err("ladon: cannot find the Python 3.14 standard library (pass --stdlib DIR or set LADON_STDLIB)".into())
}

/// Runs the program; returns the process exit status.
pub fn run_main(opts: MainOptions) -> i32 {
    let stdlib = match find_stdlib(opts.stdlib.as_deref()) {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("{msg}");
            return 2;
        }
    };
    let h = std::thread::Builder::new()
        .name("main".into())
        .stack_size(MAIN_STACK)
        .spawn(move || run_on_thread(opts, stdlib));
    match h {
        Ok(j) => j.join().unwrap_or(70),
        Err(e) => {
            eprintln!("ladon: cannot start the main thread: {e}");
            2
        }
    }
}

fn run_on_thread(opts: MainOptions, stdlib: PathBuf) -> i32 {
    let rt = Runtime::get();
    let ts = match ThreadState::new(rt.clone()) {
        Ok(ts) => ts,
        Err(_) => return 70,
    };
    rt.main_ident
        .store(ts.ident, std::sync::atomic::Ordering::Relaxed);
    if let Ok(mut s) = rt.stdlib.lock() {
        *s = Some(stdlib.clone());
    }
    let (text, filename, argv0, path0) = match &opts.source {
        MainSource::File(p) => {
            let bytes = match std::fs::read(p) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!(
                        "{}: can't open file {}: [Errno {}] {}",
                        std::env::current_exe()
                            .map(|x| x.display().to_string())
                            .unwrap_or_else(|_| "ladon".into()),
                        quote_path(p),
                        e.raw_os_error().unwrap_or(2),
                        os_msg(&e)
                    );
                    return 2;
                }
            };
            let text = match frontend::decode_source(&bytes) {
                Ok(t) => t,
                Err(e) => {
                    let src = String::from_utf8_lossy(&bytes).to_string();
                    eprint!(
                        "{}",
                        frontend::error::format_syntax_error(&e, &p.display().to_string(), &src)
                    );
                    return 1;
                }
            };
            let dir = p
                .parent()
                .map(|d| d.display().to_string())
                .unwrap_or_default();
            let dir = if dir.is_empty() {
                String::new()
            } else {
                std::fs::canonicalize(&dir)
                    .map(|d| d.display().to_string())
                    .unwrap_or(dir)
            };
            // CPython makes the script's path absolute (`__file__`, co_filename) but keeps
            // sys.argv[0] as given.
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            (
                text,
                abs.display().to_string(),
                p.display().to_string(),
                dir,
            )
        }
        MainSource::Command(c) => (
            c.clone(),
            "<string>".to_string(),
            "-c".to_string(),
            String::new(),
        ),
        MainSource::Stdin => {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s);
            (s, "<stdin>".to_string(), "-".to_string(), String::new())
        }
    };
    setup_sys(&ts, &argv0, &opts.args, &path0, &stdlib);
    let r = crate::import::run_main_source(&ts, &text, &filename);
    let interrupted = matches!(&r, Err(e) if e.matches(types().exc.keyboard_interrupt));
    let code = match r {
        Ok(()) => 0,
        Err(e) => handle_uncaught(&ts, e.value()),
    };
    finalize(&ts);
    rt.flush_stdout(&ts);
    if interrupted {
        return exit_sigint();
    }
    code
}

/// After an uncaught KeyboardInterrupt CPython ends the process the way SIGINT would (so a
/// calling shell sees it), with status 130 if the signal can't be delivered.
fn exit_sigint() -> i32 {
    extern "C" {
        fn signal(sig: i32, handler: usize) -> usize;
        fn kill(pid: i32, sig: i32) -> i32;
        fn getpid() -> i32;
    }
    const SIGINT: i32 = 2;
    const SIG_DFL: usize = 0;
    use std::io::Write;
    let _ = std::io::stderr().flush();
    let _ = std::io::stdout().flush();
    // SAFETY: plain libc calls: restore the default disposition, then signal ourselves.
    unsafe {
        signal(SIGINT, SIG_DFL);
        kill(getpid(), SIGINT);
    }
    130
}

/// The start of CPython's `Py_FinalizeEx`: waits for the non-daemon threads through
/// `threading._shutdown()` (if `threading` was imported), then runs the `atexit` callbacks.
/// Daemon threads still running are abandoned when the process exits.
fn finalize(ts: &ThreadState) {
    let modules = ts.rt.sys_modules().clone();
    let loaded = |name: &str| {
        modules
            .downcast::<PyDict>()
            .and_then(|d| d.get_str(ts, name))
    };
    if let Some(threading) = loaded("threading") {
        let r = crate::protocols::call_method(ts, &threading, "_shutdown", &[]);
        if let Err(e) = r {
            ts.rt.flush_stdout(ts);
            let text = crate::traceback::format_exception(ts, e.value());
            let _ = crate::builtins::write_stderr(
                ts,
                &format!("Exception ignored on threading shutdown:\n{text}"),
            );
        }
    }
    if let Some(atexit) = loaded("atexit") {
        // The callbacks' own errors are reported by `_run_exitfuncs`.
        let _ = crate::protocols::call_method(ts, &atexit, "_run_exitfuncs", &[]);
    }
}

fn os_msg(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => e.to_string(),
    }
}

fn quote_path(p: &Path) -> String {
    format!("'{}'", p.display())
}

fn setup_sys(ts: &ThreadState, argv0: &str, args: &[String], path0: &str, stdlib: &Path) {
    let Some(sys) = ts.rt.sys.get() else { return };
    let Some(m) = sys.downcast::<crate::objects::module::PyModule>() else {
        return;
    };
    let d = m.dict();
    let mut argv = vec![ts.new_str(argv0)];
    argv.extend(args.iter().map(|a| ts.new_str(a)));
    d.set_str(ts, "argv", ts.new_list(argv));
    let mut path = vec![ts.new_str(path0), ts.new_str(&stdlib.display().to_string())];
    let dynload = stdlib.join("lib-dynload");
    if dynload.is_dir() {
        path.push(ts.new_str(&dynload.display().to_string()));
    }
    d.set_str(ts, "path", ts.new_list(path));
    d.set_str(
        ts,
        "prefix",
        ts.new_str(
            &stdlib
                .parent()
                .and_then(|p| p.parent())
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        ),
    );
}

/// Prints an uncaught exception (or handles SystemExit); returns the exit status.
pub fn handle_uncaught(ts: &ThreadState, exc: &Value) -> i32 {
    if exc.is_instance_of(types().exc.system_exit) {
        let code = crate::protocols::get_attr_opt(ts, exc, &ts.intern("code"))
            .ok()
            .flatten();
        return match code {
            None => 0,
            Some(c) if c.is_none() => 0,
            Some(c) => match crate::objects::int::as_i64(&c) {
                Some(i) => (i & 0xFF) as i32,
                None => {
                    ts.rt.flush_stdout(ts);
                    let s = crate::protocols::str_string(ts, &c).unwrap_or_default();
                    let _ = crate::builtins::write_stderr(ts, &format!("{s}\n"));
                    1
                }
            },
        };
    }
    ts.rt.flush_stdout(ts);
    let hook = crate::builtins::sys::sys_attr(ts, "excepthook");
    let printed = match hook {
        Some(h)
            if h.downcast::<crate::objects::builtin_func::PyBuiltinFunction>()
                .is_none() =>
        {
            let tb = exc
                .downcast::<crate::objects::exceptions::PyBaseException>()
                .and_then(|e| e.traceback())
                .unwrap_or_else(crate::runtime::none);
            crate::protocols::call(ts, &h, &[exc.class().to_value(), exc.clone(), tb], None).is_ok()
        }
        _ => false,
    };
    if !printed {
        let text = crate::traceback::format_exception(ts, exc);
        let _ = crate::builtins::write_stderr(ts, &text);
    }
    let _ = str_lossy;
    1
}
