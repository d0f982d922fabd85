//! The interactive loop: CPython's classic "basic REPL" (`PYTHON_BASIC_REPL=1`,
//! `PyRun_InteractiveLoop`). Prompts come from `sys.ps1`/`sys.ps2` and go to stderr; each
//! input is compiled in `single` mode (expression values go through `sys.displayhook`, which
//! sets `builtins._`); a compound statement ends with an empty line; errors are printed and
//! the loop goes on; end of input leaves it. No line editing: lines are read as they come.

use super::{handle_uncaught, print_exception, Flags};
use crate::objects::dict::PyDict;
use crate::objects::module::PyModule;
use crate::runtime::{none, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The start-up lines on stderr (CPython's `pymain_header`).
pub(super) fn banner(ts: &ThreadState, flags: &Flags) {
    let version = crate::builtins::sys::sys_attr(ts, "version")
        .map(|v| crate::objects::str::str_lossy(&v))
        .unwrap_or_default();
    let mut s = format!("Python {version} on {}\n", std::env::consts::OS);
    if !flags.no_site {
        s.push_str(
            "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n",
        );
    }
    let _ = crate::builtins::write_stderr(ts, &s);
}

/// One line read at a prompt.
enum Input {
    Line(String),
    Eof,
    Interrupt,
}

/// Where the buffered input stands.
#[derive(PartialEq)]
enum State {
    /// Nothing but blank lines or comments: prompt again with `sys.ps1`.
    Empty,
    /// More lines needed (`sys.ps2`).
    Incomplete,
    /// Compile and run it.
    Complete,
}

/// Runs the loop until end of input; returns the exit status (`SystemExit` ends it early).
/// `fresh`: no program ran before (then `PYTHONSTARTUP` runs first, as in CPython).
pub(super) fn run(ts: &ThreadState, flags: &Flags, fresh: bool) -> i32 {
    let globals = match main_dict(ts) {
        Some(g) => g,
        None => return 1,
    };
    set_default_prompts(ts);
    if fresh {
        if let Some(path) = &flags.startup {
            if let Some(code) = run_startup(ts, path, &globals) {
                return code;
            }
        }
    }
    let tty = std::io::stdin().is_terminal();
    let mut buf = String::new();
    loop {
        let prompt = prompt(ts, if buf.is_empty() { "ps1" } else { "ps2" });
        ts.rt.flush_stdout(ts);
        let _ = crate::builtins::write_stderr(ts, &prompt);
        let input = ts.detached(|| if tty { read_tty_line() } else { read_line() });
        let line = match input {
            Input::Line(l) => l,
            Input::Interrupt => {
                buf.clear();
                let _ = crate::builtins::write_stderr(ts, "\nKeyboardInterrupt\n");
                continue;
            }
            Input::Eof => {
                let _ = crate::builtins::write_stderr(ts, "\n");
                if buf.is_empty() {
                    return 0;
                }
                // An unfinished block is compiled as it is (its error is shown).
                let src = std::mem::take(&mut buf);
                if let Some(code) = execute(ts, &src, &globals) {
                    return code;
                }
                continue;
            }
        };
        let blank = line.trim().is_empty();
        buf.push_str(&line);
        if !buf.ends_with('\n') {
            buf.push('\n');
        }
        match classify(&buf, blank) {
            State::Empty => buf.clear(),
            State::Incomplete => {}
            State::Complete => {
                let src = std::mem::take(&mut buf);
                if let Some(code) = execute(ts, &src, &globals) {
                    return code;
                }
            }
        }
    }
}

/// `sys.modules['__main__'].__dict__`, creating `__main__` when no program made one.
pub(super) fn main_dict(ts: &ThreadState) -> Option<Value> {
    let modules = ts.rt.sys_modules().clone();
    let md = modules.downcast::<PyDict>()?;
    if let Some(m) = md.get_str(ts, "__main__") {
        if let Some(m) = m.downcast::<PyModule>() {
            return Some(m.dict.clone());
        }
    }
    let m = crate::objects::module::new_module(ts, "__main__").ok()?;
    let d = m.downcast::<PyModule>()?.dict.clone();
    if let Some(dd) = d.downcast::<PyDict>() {
        dd.set_str(
            ts,
            "__builtins__",
            ts.rt.builtins.get().cloned().unwrap_or_else(none),
        );
    }
    md.set_item(ts, ts.intern("__main__"), m).ok()?;
    Some(d)
}

/// CPython sets `sys.ps1`/`sys.ps2` when it enters interactive mode (not before).
fn set_default_prompts(ts: &ThreadState) {
    let Some(m) = ts.rt.sys.get().and_then(|s| s.downcast::<PyModule>()) else {
        return;
    };
    let d = m.dict();
    for (k, v) in [("ps1", ">>> "), ("ps2", "... ")] {
        if d.get_str(ts, k).is_none() {
            d.set_str(ts, k, ts.new_str(v));
        }
    }
}

/// `str(sys.ps1)` (or `ps2`); a prompt that can't be made a string is empty.
fn prompt(ts: &ThreadState, which: &str) -> String {
    crate::builtins::sys::sys_attr(ts, which)
        .and_then(|v| crate::protocols::str_string(ts, &v).ok())
        .unwrap_or_default()
}

/// `PYTHONSTARTUP`: its errors are printed; `Some` is an exit status (SystemExit).
fn run_startup(ts: &ThreadState, path: &std::path::Path, globals: &Value) -> Option<i32> {
    let text = std::fs::read(path)
        .ok()
        .and_then(|b| frontend::decode_source(&b).ok())?;
    let filename = path.display().to_string();
    let r = crate::import::compile_source(ts, &text, &filename, frontend::Mode::Exec).and_then(
        |code| crate::interp::eval::run_code(ts, &code, globals.clone(), Some(globals.clone())),
    );
    match r {
        Ok(_) => None,
        Err(e) if e.value().is_instance_of(types().exc.system_exit) => {
            Some(handle_uncaught(ts, e.value()))
        }
        Err(e) => {
            print_exception(ts, e.value());
            None
        }
    }
}

/// Numbers the inputs: each is compiled as `<stdin-N>` with its source registered, so
/// tracebacks show its lines (they print the name as `<stdin>`, as CPython does).
static INPUT_NUMBER: AtomicUsize = AtomicUsize::new(0);

/// Compiles and runs one input; `Some` is the exit status when it raised `SystemExit`.
fn execute(ts: &ThreadState, src: &str, globals: &Value) -> Option<i32> {
    // ORDERING: Relaxed: a counter for unique names.
    let n = INPUT_NUMBER.fetch_add(1, Ordering::Relaxed) + 1;
    let name = format!("<stdin-{n}>");
    let compiled =
        crate::import::compile_source(ts, src, &name, frontend::Mode::Single).map_err(|_| {
            // Compile again for the error: a SyntaxError names the file `<stdin>`.
            match crate::import::compile_source(ts, src, "<stdin>", frontend::Mode::Single) {
                Err(e) => e,
                Ok(_) => ts.runtime_error("input compiles only under one name"),
            }
        });
    if compiled.is_ok() {
        ts.rt.register_source(&name, src);
    }
    let r = compiled.and_then(|code| {
        crate::interp::eval::run_code(ts, &code, globals.clone(), Some(globals.clone()))
    });
    let out = match r {
        Ok(_) => None,
        Err(e) if e.value().is_instance_of(types().exc.system_exit) => {
            Some(handle_uncaught(ts, e.value()))
        }
        Err(e) => {
            print_exception(ts, e.value());
            None
        }
    };
    ts.rt.flush_stdout(ts);
    out
}

/// Decides whether `buf` (whole lines) is a finished input, as CPython's interactive
/// tokenizer does: open brackets, triple-quoted strings and backslash continuations need
/// more lines; a compound statement ends only with an empty line.
fn classify(buf: &str, last_line_blank: bool) -> State {
    let meaningful = buf.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    });
    if !meaningful {
        return State::Empty;
    }
    if let Err(e) = frontend::parser::parse(buf, frontend::Mode::Single) {
        let m = &e.msg;
        if m.ends_with("was never closed")
            || m.starts_with("unterminated triple-quoted string literal")
            || m == "unexpected EOF while parsing"
        {
            return State::Incomplete;
        }
    }
    if starts_compound(buf) && !last_line_blank {
        return State::Incomplete;
    }
    State::Complete
}

/// Does the input's first statement open a block (`if`, `def`, a decorator, `match x:` …)?
fn starts_compound(buf: &str) -> bool {
    let Some(first) = buf
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return false;
    };
    if first.starts_with('@') {
        return true;
    }
    let word: String = first
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let code = first.split('#').next().unwrap_or(first).trim_end();
    match word.as_str() {
        "if" | "while" | "for" | "try" | "with" | "def" | "class" | "async" => true,
        // Soft keywords: only a header line ending in ':' opens a block.
        "match" => code.ends_with(':'),
        _ => false,
    }
}

/// A line from stdin through the process-wide buffered reader (shared with `input()`).
fn read_line() -> Input {
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Input::Eof,
        Ok(_) => Input::Line(line),
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Input::Interrupt,
        Err(_) => Input::Eof,
    }
}

/// Set by the SIGINT handler installed while reading at a terminal prompt.
static GOT_SIGINT: AtomicBool = AtomicBool::new(false);

extern "C" fn on_sigint(_sig: i32) {
    // ORDERING: Relaxed: the reader sees the flag after `read` fails with EINTR.
    GOT_SIGINT.store(true, Ordering::Relaxed);
}

/// `struct pollfd`.
#[repr(C)]
struct PollFd {
    fd: i32,
    events: i16,
    revents: i16,
}

/// A line typed at a terminal. Ctrl-C while waiting is `Interrupt`: a SIGINT handler is
/// installed for the duration, and stdin is polled in short slices because the signal may
/// be delivered to another thread (the terminal hands over a whole line per read).
fn read_tty_line() -> Input {
    extern "C" {
        fn signal(sig: i32, handler: usize) -> usize;
        fn read(fd: i32, buf: *mut u8, n: usize) -> isize;
        fn poll(fds: *mut PollFd, n: u64, timeout_ms: i32) -> i32;
    }
    const SIGINT: i32 = 2;
    const SIG_ERR: usize = usize::MAX;
    const POLLIN: i16 = 1;
    // ORDERING: Relaxed: the flag is only polled; see `on_sigint`.
    GOT_SIGINT.store(false, Ordering::Relaxed);
    let handler: extern "C" fn(i32) = on_sigint;
    // SAFETY: installs a handler that only stores to an atomic (async-signal-safe).
    let old = unsafe { signal(SIGINT, handler as usize) };
    let mut line = Vec::new();
    let mut chunk = [0u8; 4096];
    let result = loop {
        if GOT_SIGINT.load(Ordering::Relaxed) {
            break Input::Interrupt;
        }
        let mut pfd = PollFd {
            fd: 0,
            events: POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let ready = unsafe { poll(&mut pfd, 1, 100) };
        if ready == 0 {
            continue;
        }
        if ready < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            break Input::Eof;
        }
        // SAFETY: `chunk` is a valid writable buffer of the given length.
        let n = unsafe { read(0, chunk.as_mut_ptr(), chunk.len()) };
        if n > 0 {
            line.extend_from_slice(&chunk[..n as usize]);
            if line.ends_with(b"\n") {
                break Input::Line(String::from_utf8_lossy(&line).into_owned());
            }
        } else if n == 0 {
            break if line.is_empty() {
                Input::Eof
            } else {
                Input::Line(String::from_utf8_lossy(&line).into_owned())
            };
        } else if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            break Input::Eof;
        }
    };
    if old != SIG_ERR {
        // SAFETY: restores the disposition `signal` returned.
        unsafe {
            signal(SIGINT, old);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_statements_complete_at_once() {
        assert!(classify("x = 1\n", false) == State::Complete);
        assert!(classify("1/0\n", false) == State::Complete);
        assert!(classify("  1\n", false) == State::Complete);
    }

    #[test]
    fn brackets_and_strings_continue() {
        assert!(classify("x = (1,\n", false) == State::Incomplete);
        assert!(classify("x = (1,\n\n", true) == State::Incomplete);
        assert!(classify("x = '''a\n", false) == State::Incomplete);
        assert!(classify("x = 1 + \\\n", false) == State::Incomplete);
        assert!(classify("x = (1,\n2)\n", false) == State::Complete);
    }

    #[test]
    fn blocks_end_with_a_blank_line() {
        assert!(classify("if 1:\n", false) == State::Incomplete);
        assert!(classify("if 1:\n  pass\n", false) == State::Incomplete);
        assert!(classify("if 1:\n  pass\n\n", true) == State::Complete);
        assert!(classify("@dec\n", false) == State::Incomplete);
        assert!(classify("match x:\n", false) == State::Incomplete);
        assert!(classify("match = 1\n", false) == State::Complete);
    }

    #[test]
    fn blank_and_comment_lines_are_empty() {
        assert!(classify("\n", true) == State::Empty);
        assert!(classify("# hi\n", false) == State::Empty);
    }
}
