//! Running a program as `__main__` (`ladon FILE`, `-c`, `-m`, stdin, the REPL): finds the
//! standard library, applies the command line's settings ([`Flags`]) to `sys`, runs the code
//! on a thread with a large stack, and turns an uncaught exception into CPython's traceback
//! and exit status (CPython's `Modules/main.c`).

mod repl;

use crate::objects::dict::PyDict;
use crate::objects::module::PyModule;
use crate::runtime::{py_bool, types, Runtime};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// What to run.
pub enum MainSource {
    File(PathBuf),
    Command(String),
    /// `-m MODULE`: run through `runpy._run_module_as_main`.
    Module(String),
    /// A program on stdin, or the REPL when stdin is a terminal (or with `-i`).
    Stdin,
}

/// The command line's settings after the `PYTHON*` environment variables (CPython's
/// `PyConfig` subset that `sys.flags` and friends report).
#[derive(Clone, Debug, Default)]
pub struct Flags {
    pub debug: u32,
    /// `-i`: the REPL after the program (also `PYTHONINSPECT`).
    pub inspect: bool,
    /// `-i` given on the command line (`sys.flags.interactive`).
    pub interactive: bool,
    pub optimize: u32,
    pub dont_write_bytecode: bool,
    pub no_user_site: bool,
    pub no_site: bool,
    pub ignore_environment: bool,
    pub verbose: u32,
    pub bytes_warning: u32,
    pub quiet: bool,
    pub hash_randomization: bool,
    pub isolated: bool,
    pub dev_mode: bool,
    pub utf8_mode: bool,
    pub warn_default_encoding: bool,
    pub safe_path: bool,
    /// `-X int_max_str_digits` / `PYTHONINTMAXSTRDIGITS`, already validated.
    pub int_max_str_digits: Option<usize>,
    /// `-u` / `PYTHONUNBUFFERED`.
    pub unbuffered: bool,
    /// `-x`: skip the script's first line.
    pub skip_first_line: bool,
    /// `sys.warnoptions`, already in CPython's order.
    pub warnoptions: Vec<String>,
    /// `-X` options in command-line order (`None`: no `=value`).
    pub xoptions: Vec<(String, Option<String>)>,
    /// `PYTHONPATH` entries.
    pub pythonpath: Vec<String>,
    /// `PYTHONSTARTUP`: run before the REPL's first prompt.
    pub startup: Option<PathBuf>,
}

pub struct MainOptions {
    pub source: MainSource,
    /// `sys.argv` (`argv[0]` is `-c`, `-m`, the script, `-` or empty, as CPython's).
    pub argv: Vec<String>,
    /// `--stdlib DIR`.
    pub stdlib: Option<PathBuf>,
    pub flags: Flags,
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

/// The program text to run as `__main__`, its `co_filename` and `sys.path[0]`.
struct Program {
    text: String,
    filename: String,
    path0: String,
}

/// Reads the script named on the command line; `Err` is the exit status (message printed).
fn read_script(p: &Path, flags: &Flags) -> Result<Program, i32> {
    // CPython makes the script's path absolute (`__file__`, co_filename, error messages) but
    // keeps sys.argv[0] as given.
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let bytes = std::fs::read(p).map_err(|e| {
        eprintln!(
            "{}: can't open file {}: [Errno {}] {}",
            std::env::current_exe()
                .map(|x| x.display().to_string())
                .unwrap_or_else(|_| "ladon".into()),
            quote_path(&abs),
            e.raw_os_error().unwrap_or(2),
            os_msg(&e)
        );
        2
    })?;
    let mut text = match frontend::decode_source(&bytes) {
        Ok(t) => t,
        Err(e) => {
            let src = String::from_utf8_lossy(&bytes).to_string();
            eprint!(
                "{}",
                frontend::error::format_syntax_error(&e, &p.display().to_string(), &src)
            );
            return Err(1);
        }
    };
    if flags.skip_first_line {
        // CPython drops the line's text but keeps its newline, so line numbers stay right.
        text = match text.find('\n') {
            Some(i) => text[i..].to_string(),
            None => String::new(),
        };
    }
    let dir = p
        .parent()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let dir = if dir.is_empty() {
        std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default()
    } else {
        std::fs::canonicalize(&dir)
            .map(|d| d.display().to_string())
            .unwrap_or(dir)
    };
    Ok(Program {
        text,
        filename: abs.display().to_string(),
        path0: dir,
    })
}

/// Is stdin a terminal, or did `-i` force the prompts (CPython's `stdin_is_interactive`)?
fn stdin_is_interactive(flags: &Flags) -> bool {
    std::io::stdin().is_terminal() || flags.interactive
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
    let mut flags = opts.flags;
    apply_runtime_flags(&ts, &flags);
    let cwd = || {
        std::env::current_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default()
    };
    let program = match &opts.source {
        MainSource::File(p) => match read_script(p, &flags) {
            Ok(prog) => Some(prog),
            Err(code) => return code,
        },
        MainSource::Command(c) => Some(Program {
            // CPython 3.14 dedents `-c` code (so an indented block can be passed).
            text: dedent(&format!("{c}\n")),
            filename: "<string>".into(),
            path0: String::new(),
        }),
        MainSource::Module(_) => None,
        MainSource::Stdin if stdin_is_interactive(&flags) => None,
        MainSource::Stdin => {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s);
            Some(Program {
                text: s,
                filename: "<stdin>".into(),
                path0: String::new(),
            })
        }
    };
    let path0 = match (&opts.source, &program) {
        _ if flags.safe_path => None,
        (MainSource::Module(_), _) => Some(cwd()),
        (_, Some(p)) => Some(p.path0.clone()),
        (_, None) => Some(String::new()),
    };
    setup_sys(&ts, &opts.argv, path0.as_deref(), &stdlib, &flags);
    if !flags.warnoptions.is_empty() {
        // As CPython: `-W`/PYTHONWARNINGS filters (and their errors) apply from the start.
        if let Err(e) = crate::import::import_module(&ts, "warnings") {
            print_exception(&ts, e.value());
        }
    }
    if !flags.no_site {
        install_site_builtins(&ts);
    }
    let repl_only = matches!(opts.source, MainSource::Stdin) && program.is_none();
    if repl_only && !flags.quiet {
        repl::banner(&ts, &flags);
    }
    let mut interrupted = false;
    let mut code = 0;
    if repl_only {
        // Typing at the prompt: SystemExit ends the process even with -i.
        flags.inspect = false;
        code = repl::run(&ts, &flags, true);
    } else {
        let r = match (&opts.source, &program) {
            (MainSource::Module(m), _) => run_module(&ts, m),
            (_, Some(p)) => crate::import::run_main_source(&ts, &p.text, &p.filename),
            (_, None) => Ok(()),
        };
        if let Err(e) = r {
            interrupted = e.matches(types().exc.keyboard_interrupt);
            if flags.inspect && e.value().is_instance_of(types().exc.system_exit) {
                // CPython's `-i` keeps SystemExit from ending the process: it is printed.
                print_exception(&ts, e.value());
                code = 1;
            } else {
                code = handle_uncaught(&ts, e.value());
            }
        }
        if !flags.inspect && !flags.ignore_environment && env_flag("PYTHONINSPECT") {
            flags.inspect = true;
        }
        if flags.inspect && stdin_is_interactive(&flags) {
            flags.inspect = false;
            interrupted = false;
            code = repl::run(&ts, &flags, false);
        }
    }
    let replaced_flush_failed = finalize(&ts);
    if let Err(e) = flush_stdout_at_exit(&rt) {
        let _ = crate::builtins::write_stderr(
            &ts,
            &format!("Exception ignored while flushing sys.stdout:\n{e}\n"),
        );
        return 120;
    }
    if interrupted {
        return exit_sigint();
    }
    if replaced_flush_failed {
        return 120;
    }
    code
}

/// `textwrap.dedent` (CPython's `_PyUnicode_Dedent`): removes the spaces and tabs every
/// non-blank line starts with; whitespace-only lines become empty.
fn dedent(text: &str) -> String {
    let is_space = |l: &str| !l.is_empty() && l.chars().all(char::is_whitespace);
    let lines: Vec<&str> = text.split('\n').collect();
    let non_blank = lines.iter().filter(|l| !l.is_empty() && !is_space(l));
    let (Some(l1), Some(l2)) = (non_blank.clone().min(), non_blank.max()) else {
        return lines
            .iter()
            .map(|l| if is_space(l) { "" } else { l })
            .collect::<Vec<_>>()
            .join("\n");
    };
    // The common prefix of the smallest and largest lines, cut at the first non-blank.
    let margin = l1
        .bytes()
        .zip(l2.bytes())
        .take_while(|&(a, b)| a == b && (a == b' ' || a == b'\t'))
        .count();
    lines
        .iter()
        .map(|l| {
            if is_space(l) {
                ""
            } else {
                l.get(margin..).unwrap_or("")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `os.environ`-style truthiness of a flag variable: set and non-empty.
fn env_flag(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| !v.is_empty())
}

/// The settings the VM itself consults (compiler level, stdout buffering, digit limit); set
/// before any Python code is compiled.
fn apply_runtime_flags(ts: &ThreadState, flags: &Flags) {
    let st = &ts.rt.sys_state;
    st.set_optimize(flags.optimize.min(2) as u8);
    st.set_unbuffered(flags.unbuffered);
    if let Some(n) = flags.int_max_str_digits {
        st.set_int_max_str_digits(n);
    }
}

/// `-m MODULE`: what CPython's `pymain_run_module` does, `runpy._run_module_as_main(mod, True)`.
fn run_module(ts: &ThreadState, module: &str) -> crate::PyResult<()> {
    // runpy runs the module in the namespace of the (empty) `__main__` CPython starts with.
    repl::main_dict(ts);
    let runpy = match crate::import::import_module(ts, "runpy") {
        Ok(m) => m,
        Err(e) => {
            let _ = crate::builtins::write_stderr(ts, "Could not import runpy module\n");
            return Err(e);
        }
    };
    crate::protocols::call_method(
        ts,
        &runpy,
        "_run_module_as_main",
        &[ts.new_str(module), py_bool(true)],
    )?;
    Ok(())
}

/// Writes what is left in the stdout buffer; the error is reported as CPython reports a
/// failed flush at exit (the process then exits with status 120).
fn flush_stdout_at_exit(rt: &Runtime) -> Result<(), String> {
    use std::io::Write;
    let mut g = match rt.stdout_buf.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    let mut out = std::io::stdout().lock();
    let r = out.write_all(&g).and_then(|_| out.flush());
    g.clear();
    r.map_err(|e| {
        let errno = e.raw_os_error().unwrap_or(0);
        let name = if e.kind() == std::io::ErrorKind::BrokenPipe {
            "BrokenPipeError"
        } else {
            "OSError"
        };
        format!("{name}: [Errno {errno}] {}", os_msg(&e))
    })
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
/// Daemon threads still running are abandoned when the process exits. Then a `sys.stdout`
/// or `sys.stderr` the program replaced is flushed (CPython's `flush_std_files`); returns
/// whether flushing stdout failed (the exit status is then 120).
fn finalize(ts: &ThreadState) -> bool {
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
    let mut failed = false;
    for name in ["stdout", "stderr"] {
        let Some(f) = crate::builtins::sys::sys_attr(ts, name) else {
            continue;
        };
        // The native streams are flushed with the runtime's buffer below (a detached one
        // fails to flush, as CPython reports).
        let native = f.downcast::<crate::builtins::sys::stdio::PyStdText>();
        if f.is_none() || native.is_some_and(|n| !n.is_detached()) {
            continue;
        }
        let closed = crate::protocols::get_attr_str(ts, &f, "closed")
            .and_then(|c| crate::protocols::is_true(ts, &c))
            .unwrap_or(false);
        if closed {
            continue;
        }
        if let Err(e) = crate::protocols::call_method(ts, &f, "flush", &[]) {
            if name == "stdout" {
                failed = true;
                let msg = "Exception ignored while flushing sys.stdout";
                crate::objects::finalize::write_unraisable(ts, e, Some(msg), None);
            }
        }
    }
    // Open files are flushed and closed, as CPython's finalization does when it frees them.
    if let Some(io) = loaded("_io") {
        if crate::protocols::get_attr_str(ts, &io, "_close_all_at_exit").is_ok() {
            let _ = crate::protocols::call_method(ts, &io, "_close_all_at_exit", &[]);
        }
    }
    failed
}

fn os_msg(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

fn quote_path(p: &Path) -> String {
    format!("'{}'", p.display())
}

/// `sys.argv`, `sys.path`, `sys.prefix`, `sys.flags`, `sys.warnoptions`, `sys._xoptions`.
fn setup_sys(ts: &ThreadState, argv: &[String], path0: Option<&str>, stdlib: &Path, f: &Flags) {
    let Some(sys) = ts.rt.sys.get() else { return };
    let Some(m) = sys.downcast::<PyModule>() else {
        return;
    };
    let d = m.dict();
    let strs = |v: &[String]| ts.new_list(v.iter().map(|a| ts.new_str(a)).collect());
    let argv: Vec<String> = if argv.is_empty() {
        vec![String::new()]
    } else {
        argv.to_vec()
    };
    d.set_str(ts, "argv", strs(&argv));
    let mut path: Vec<String> = path0.map(str::to_string).into_iter().collect();
    for p in &f.pythonpath {
        // CPython makes PYTHONPATH entries absolute.
        let abs = std::path::absolute(p).unwrap_or_else(|_| PathBuf::from(p));
        path.push(abs.display().to_string());
    }
    path.push(stdlib.display().to_string());
    let dynload = stdlib.join("lib-dynload");
    if dynload.is_dir() {
        path.push(dynload.display().to_string());
    }
    d.set_str(ts, "path", strs(&path));
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
    d.set_str(ts, "warnoptions", strs(&f.warnoptions));
    let xo = ts.new_dict();
    if let Some(xd) = xo.downcast::<PyDict>() {
        for (k, v) in &f.xoptions {
            let v = match v {
                Some(s) => ts.new_str(s),
                None => py_bool(true),
            };
            let _ = xd.set_item(ts, ts.new_str(k), v);
        }
    }
    d.set_str(ts, "_xoptions", xo);
    let b = |x: bool| i64::from(x);
    crate::builtins::sys::set_flags(
        ts,
        &crate::builtins::sys::FlagValues {
            ints: [
                i64::from(f.debug),
                b(f.inspect),
                b(f.interactive),
                i64::from(f.optimize),
                b(f.dont_write_bytecode),
                b(f.no_user_site),
                b(f.no_site),
                b(f.ignore_environment),
                i64::from(f.verbose),
                i64::from(f.bytes_warning),
                b(f.quiet),
                b(f.hash_randomization),
                b(f.isolated),
            ],
            dev_mode: f.dev_mode,
            utf8_mode: b(f.utf8_mode),
            warn_default_encoding: b(f.warn_default_encoding),
            safe_path: f.safe_path,
            int_max_str_digits: ts.rt.sys_state.int_max_str_digits() as i64,
        },
    );
    if f.optimize > 0 {
        if let Some(bd) = ts
            .rt
            .builtins_dict
            .get()
            .and_then(|v| v.downcast::<PyDict>())
        {
            bd.set_str(ts, "__debug__", py_bool(false));
        }
    }
}

/// What `site` adds to `builtins` (`exit`, `quit`, `help`, `copyright`, `credits`,
/// `license`), from `_sitebuiltins`. Ladon does not run the rest of `site` (site-packages,
/// `.pth` files): it would cost every start-up tens of milliseconds.
fn install_site_builtins(ts: &ThreadState) {
    const SRC: &str = r#"
import builtins, sys, _sitebuiltins
builtins.quit = _sitebuiltins.Quitter('quit', 'Ctrl-D (i.e. EOF)')
builtins.exit = _sitebuiltins.Quitter('exit', 'Ctrl-D (i.e. EOF)')
builtins.copyright = _sitebuiltins._Printer("copyright", sys.copyright)
builtins.credits = _sitebuiltins._Printer("credits", """\
    Thanks to CWI, CNRI, BeOpen, Zope Corporation, the Python Software Foundation,
    and a cast of thousands for supporting Python development.  See www.python.org for more information.""")
builtins.license = _sitebuiltins._Printer("license", "See https://www.python.org/psf/license/")
builtins.help = _sitebuiltins._Helper()
"#;
    let Ok(code) = crate::import::compile_source(ts, SRC, "<site>", frontend::Mode::Exec) else {
        return;
    };
    let g = ts.new_dict();
    if let Some(gd) = g.downcast::<PyDict>() {
        gd.set_str(
            ts,
            "__builtins__",
            ts.rt
                .builtins
                .get()
                .cloned()
                .unwrap_or_else(crate::runtime::none),
        );
    }
    // A broken `_sitebuiltins` only costs the REPL conveniences.
    let _ = crate::interp::eval::run_code(ts, &code, g.clone(), Some(g));
}

/// Prints an exception the way an uncaught one is printed (`sys.excepthook` if replaced).
pub fn print_exception(ts: &ThreadState, exc: &Value) {
    ts.rt.flush_stdout(ts);
    // PyErr_Print's `sys.last_exc` & co. (what `pdb.pm()` looks at).
    if let Some(m) = ts.rt.sys.get().and_then(|s| s.downcast::<PyModule>()) {
        let d = m.dict();
        let tb = exc
            .downcast::<crate::objects::exceptions::PyBaseException>()
            .and_then(|e| e.traceback())
            .unwrap_or_else(crate::runtime::none);
        d.set_str(ts, "last_exc", exc.clone());
        d.set_str(ts, "last_type", exc.class().to_value());
        d.set_str(ts, "last_value", exc.clone());
        d.set_str(ts, "last_traceback", tb);
    }
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
    print_exception(ts, exc);
    1
}

#[cfg(test)]
mod tests {
    use super::dedent;

    #[test]
    fn dedent_matches_textwrap() {
        assert_eq!(dedent("  1\n"), "1\n");
        assert_eq!(dedent("    if 1:\n        x\n  \n"), "if 1:\n    x\n\n");
        assert_eq!(dedent("  a\n\tb\n"), "  a\n\tb\n");
        assert_eq!(dedent("print(1)\n"), "print(1)\n");
        assert_eq!(dedent(" \n"), "\n");
    }
}
