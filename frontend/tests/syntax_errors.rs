//! SyntaxError parity: runs the corpus in `tests/syntax_errors/` through the frontend
//! and compares each error with the one CPython 3.14 raises for the same bytes.
//! A second, smaller corpus (`warnings/`, `warnings.tsv`) holds valid code that makes
//! CPython emit a `SyntaxWarning` (invalid escapes, `1if`, `x is 1`, ...).
//!
//! `tests/syntax_errors/cases/*.py` are invalid snippets (exact bytes); `expected.tsv`
//! holds CPython's `type, lineno, offset, end_lineno, end_offset, msg` for each, written
//! by `scripts/gen-syntax-errors.py` (never by hand). A case *passes* when the line and
//! the exception type + message match; offsets are counted but not required.
//!
//! While the tokenizer/parser are incomplete this test only asserts that the whole
//! corpus ran. `LADON_STRICT_SYNTAX=1` turns on the real bar: every line must match and
//! at least 90% of type + message pairs. Run with `--nocapture` to see the mismatch
//! table:
//!
//! ```text
//! cargo test -p ladon-frontend --test syntax_errors -- --nocapture
//! ```
//!
//! `LADON_SYNTAX_CASES=<substring>` runs only the cases whose file name contains it
//! (e.g. `fstring`, `match_`, `_pm_`, `417_`).

use std::cell::RefCell;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Once};
use std::thread;
use std::time::Duration;

use frontend::ast::{Mod, StmtKind};
use frontend::{Mode, SyntaxError, Warning};

/// Name of the threads cases run on (our panic hook keys on it).
const CASE_THREAD: &str = "syntax-case";

/// A case that takes longer than this is reported as a hang (and its thread leaked).
const CASE_TIMEOUT: Duration = Duration::from_secs(10);

/// Deep-nesting cases (201 parentheses, 100 indentation levels) must report an error,
/// not overflow the stack, but a recursive-descent parser needs room to get there.
const CASE_STACK: usize = 64 << 20;

/// One row of `expected.tsv` (or of `warnings.tsv`, where `ty` holds the number of
/// warnings and the rest describes the first one).
struct Expected {
    file: String,
    ty: String,
    lineno: u32,
    /// CPython's 1-based character offset; 0 or -1 when it gives none.
    offset: i64,
    end_lineno: u32,
    end_offset: i64,
    msg: String,
}

/// What the frontend did with one case.
enum Outcome {
    Error(SyntaxError),
    /// Compiled; these are the warnings it raised.
    NoError(Vec<Warning>),
    Panic(String),
    Hang,
}

/// The `LADON_SYNTAX_CASES` file-name filter, if set.
fn case_filter() -> Option<String> {
    std::env::var("LADON_SYNTAX_CASES")
        .ok()
        .filter(|f| !f.is_empty())
}

/// Keeps the rows selected by [`case_filter`].
fn apply_filter(rows: Vec<Expected>) -> Vec<Expected> {
    match case_filter() {
        Some(f) => rows.into_iter().filter(|r| r.file.contains(&f)).collect(),
        None => rows,
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/syntax_errors")
}

/// Undoes the generator's escaping of `\\`, `\t`, `\n`, `\r` in messages.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn load_expected(path: &Path) -> Vec<Expected> {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.splitn(7, '\t').collect();
        assert_eq!(f.len(), 7, "expected.tsv line {}: bad row {line:?}", i + 1);
        let num = |s: &str| -> i64 {
            s.parse()
                .unwrap_or_else(|_| panic!("expected.tsv line {}: bad number {s:?}", i + 1))
        };
        rows.push(Expected {
            file: f[0].to_string(),
            ty: f[1].to_string(),
            lineno: num(f[2]).max(0) as u32,
            offset: num(f[3]),
            end_lineno: num(f[4]).max(0) as u32,
            end_offset: num(f[5]),
            msg: unescape(f[6]),
        });
    }
    rows
}

/// Splits like CPython's tokenizer does: `\r\n`, `\r` and `\n` all end a line.
fn source_lines(src: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = src.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&src[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&src[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(&src[start..]);
    lines
}

/// Runs the passes after parsing, as CPython's `compile()` does: the symbol table and the
/// bytecode compiler (`'return' outside function`, `'break' outside loop`, `__future__`
/// checks, pattern errors, ...) and returns the compiler's warnings.
fn compile_hook(module: &Mod, _src: &str) -> Result<Vec<Warning>, SyntaxError> {
    frontend::compile_module_with_warnings(module, "<case>", frontend::Mode::Exec, 0)
        .map(|(_, w)| w)
}

/// Whether the module has `from __future__ import annotations` at top level (the
/// symbol table needs to know; a misplaced one is the compiler's error to report).
fn has_future_annotations(module: &Mod) -> bool {
    let body = match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => body,
        _ => return false,
    };
    body.iter().any(|stmt| match &stmt.node {
        StmtKind::ImportFrom {
            module: Some(m),
            names,
            ..
        } => &**m == "__future__" && names.iter().any(|a| &*a.name == "annotations"),
        _ => false,
    })
}

/// Decode + parse (+ compile, see [`compile_hook`]); the decoded text is returned so
/// offsets can be converted on the right line.
fn run_frontend(bytes: &[u8]) -> (Result<Vec<Warning>, SyntaxError>, String) {
    let src = match frontend::decode_source(bytes) {
        Ok(s) => s,
        Err(e) => return (Err(e), String::from_utf8_lossy(bytes).into_owned()),
    };
    let res = frontend::parser::parse(&src, Mode::Exec).and_then(|(module, mut warnings)| {
        warnings.extend(compile_hook(&module, &src)?);
        Ok(warnings)
    });
    (res, src)
}

thread_local! {
    /// The message and location of the last panic on this thread (set by our hook).
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs one case on its own thread (big stack, timeout), catching panics.
fn run_case(bytes: Vec<u8>) -> (Outcome, String) {
    let (tx, rx) = mpsc::channel();
    let spawned = thread::Builder::new()
        .name(CASE_THREAD.into())
        .stack_size(CASE_STACK)
        .spawn(move || {
            let res = panic::catch_unwind(AssertUnwindSafe(|| run_frontend(&bytes)));
            let out = match res {
                Ok((Err(e), src)) => (Outcome::Error(e), src),
                Ok((Ok(warnings), src)) => (Outcome::NoError(warnings), src),
                Err(payload) => {
                    let msg = LAST_PANIC
                        .with(|p| p.borrow_mut().take())
                        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "panic".to_string());
                    (Outcome::Panic(msg.replace('\n', " ")), String::new())
                }
            };
            // The receiver may have given up (timeout): nothing left to report to.
            let _ = tx.send(out);
        });
    if let Err(e) = spawned {
        return (
            Outcome::Panic(format!("cannot spawn case thread: {e}")),
            String::new(),
        );
    }
    match rx.recv_timeout(CASE_TIMEOUT) {
        Ok(out) => out,
        Err(_) => (Outcome::Hang, String::new()),
    }
}

/// Sends panics on case threads to [`LAST_PANIC`] (for the report) instead of stderr;
/// every other thread keeps the default hook, so assertion messages still show.
fn install_quiet_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default_hook = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if thread::current().name() == Some(CASE_THREAD) {
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
            } else {
                default_hook(info);
            }
        }));
    });
}

/// The `.py` files of a corpus directory, checking each has a row in `expected`.
fn list_cases(dir: &Path, expected: &[Expected]) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|ent| ent.ok())
        .map(|ent| ent.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".py"))
        .collect();
    files.sort();
    let listed: Vec<&str> = expected.iter().map(|e| e.file.as_str()).collect();
    let missing: Vec<&String> = files
        .iter()
        .filter(|f| !listed.contains(&f.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "cases in {} without an expected row (run scripts/gen-syntax-errors.py): {missing:?}",
        dir.display()
    );
    files
}

/// CPython's 1-based character offset for our 0-based byte `col` on line `lineno`.
fn char_offset(lines: &[&str], lineno: u32, col: u32) -> usize {
    let line = lines
        .get((lineno as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("");
    frontend::error::byte_to_char_offset(line, col as usize) + 1
}

/// Whether our column matches CPython's offset (`<= 0` means CPython gave none, which
/// we can only express as column 0).
fn offset_matches(expected: i64, lines: &[&str], lineno: u32, col: u32) -> bool {
    if expected <= 0 {
        return col == 0;
    }
    char_offset(lines, lineno, col) as i64 == expected
}

fn describe_expected(e: &Expected) -> String {
    format!("{} {}:{} {:?}", e.ty, e.lineno, e.offset, e.msg)
}

#[test]
fn syntax_error_corpus() {
    let dir = corpus_dir();
    let expected = load_expected(&dir.join("expected.tsv"));

    let case_files = list_cases(&dir.join("cases"), &expected);
    let expected = apply_filter(expected);

    install_quiet_hook();

    let n = expected.len();
    let (mut line_ok, mut type_msg_ok, mut offset_ok, mut end_ok) = (0, 0, 0, 0);
    let (mut passed, mut panics, mut hangs) = (0, 0, 0);
    let mut mismatches: Vec<String> = Vec::new();

    for exp in &expected {
        let path = dir.join("cases").join(&exp.file);
        let bytes =
            fs::read(&path).unwrap_or_else(|e| panic!("cannot read case {}: {e}", path.display()));
        let (outcome, src) = run_case(bytes);
        let got = match outcome {
            Outcome::Error(e) => e,
            Outcome::NoError(_) => {
                mismatches.push(format!(
                    "{}\n    want {}\n    got  no error",
                    exp.file,
                    describe_expected(exp)
                ));
                continue;
            }
            Outcome::Panic(msg) => {
                panics += 1;
                mismatches.push(format!(
                    "{}\n    want {}\n    got  PANIC (a bug): {msg}",
                    exp.file,
                    describe_expected(exp)
                ));
                continue;
            }
            Outcome::Hang => {
                hangs += 1;
                mismatches.push(format!(
                    "{}\n    want {}\n    got  HANG (no answer in {CASE_TIMEOUT:?})",
                    exp.file,
                    describe_expected(exp)
                ));
                continue;
            }
        };

        let lines = source_lines(&src);
        let line = got.lineno == exp.lineno;
        let type_msg = got.kind.name() == exp.ty && got.msg == exp.msg;
        let offset = line && offset_matches(exp.offset, &lines, got.lineno, got.col);
        let end = got.end_lineno == exp.end_lineno
            && offset_matches(exp.end_offset, &lines, got.end_lineno, got.end_col);
        line_ok += usize::from(line);
        type_msg_ok += usize::from(type_msg);
        offset_ok += usize::from(offset);
        end_ok += usize::from(end);
        if line && type_msg {
            passed += 1;
        }
        if !(line && type_msg && offset) {
            let got_offset = char_offset(&lines, got.lineno, got.col);
            mismatches.push(format!(
                "{}{}{}{}\n    want {}\n    got  {} {}:{} {:?}",
                exp.file,
                if line { "" } else { " [line]" },
                if type_msg { "" } else { " [type/msg]" },
                if offset { "" } else { " [offset]" },
                describe_expected(exp),
                got.kind.name(),
                got.lineno,
                got_offset,
                got.msg
            ));
        }
    }

    if !mismatches.is_empty() {
        println!("--- syntax error mismatches ({}) ---", mismatches.len());
        for m in &mismatches {
            println!("{m}");
        }
        println!("---");
    }
    println!(
        "syntax errors: {n} cases, {line_ok} line matches, {type_msg_ok} type+message \
         matches, {offset_ok} offset matches"
    );
    println!("  ({end_ok} end-position matches, {panics} panics, {hangs} hangs)");
    println!("{passed} passed, {} failed", n - passed);

    if case_filter().is_none() {
        assert_eq!(
            n,
            case_files.len(),
            "expected.tsv lists cases that are not in cases/"
        );
    }
    if std::env::var("LADON_STRICT_SYNTAX").is_ok_and(|v| v == "1") {
        assert_eq!(panics, 0, "frontend panicked on {panics} cases");
        assert_eq!(hangs, 0, "frontend hung on {hangs} cases");
        assert_eq!(line_ok, n, "line numbers must all match CPython");
        assert!(
            type_msg_ok * 10 >= n * 9,
            "type+message matches {type_msg_ok}/{n} are below 90%"
        );
    }
}

#[test]
fn syntax_warning_corpus() {
    let dir = corpus_dir();
    let expected = load_expected(&dir.join("warnings.tsv"));
    let case_files = list_cases(&dir.join("warnings"), &expected);
    let expected = apply_filter(expected);
    install_quiet_hook();

    let n = expected.len();
    let (mut line_ok, mut msg_ok, mut offset_ok, mut count_ok) = (0, 0, 0, 0);
    let (mut passed, mut errors, mut panics, mut hangs) = (0, 0, 0, 0);
    let mut mismatches: Vec<String> = Vec::new();

    for exp in &expected {
        let path = dir.join("warnings").join(&exp.file);
        let bytes =
            fs::read(&path).unwrap_or_else(|e| panic!("cannot read case {}: {e}", path.display()));
        let want = format!("{} {}:{} {:?}", exp.ty, exp.lineno, exp.offset, exp.msg);
        let (outcome, src) = run_case(bytes);
        let warnings = match outcome {
            Outcome::NoError(w) => w,
            Outcome::Error(e) => {
                errors += 1;
                mismatches.push(format!(
                    "{}\n    want {want}\n    got  error (valid code!): {} {}:{} {:?}",
                    exp.file,
                    e.kind.name(),
                    e.lineno,
                    e.col,
                    e.msg
                ));
                continue;
            }
            Outcome::Panic(msg) => {
                panics += 1;
                mismatches.push(format!(
                    "{}\n    want {want}\n    got  PANIC (a bug): {msg}",
                    exp.file
                ));
                continue;
            }
            Outcome::Hang => {
                hangs += 1;
                mismatches.push(format!(
                    "{}\n    want {want}\n    got  HANG (no answer in {CASE_TIMEOUT:?})",
                    exp.file
                ));
                continue;
            }
        };
        let count = warnings.len().to_string() == exp.ty;
        count_ok += usize::from(count);
        let Some(first) = warnings.first() else {
            mismatches.push(format!(
                "{}\n    want {want}\n    got  no warning",
                exp.file
            ));
            continue;
        };
        let lines = source_lines(&src);
        let line = first.lineno == exp.lineno;
        let msg = first.msg == exp.msg;
        let offset = line && offset_matches(exp.offset, &lines, first.lineno, first.col);
        line_ok += usize::from(line);
        msg_ok += usize::from(msg);
        offset_ok += usize::from(offset);
        if line && msg {
            passed += 1;
        }
        if !(line && msg && offset && count) {
            mismatches.push(format!(
                "{}\n    want {want}\n    got  {} {}:{} {:?}",
                exp.file,
                warnings.len(),
                first.lineno,
                char_offset(&lines, first.lineno, first.col),
                first.msg
            ));
        }
    }

    if !mismatches.is_empty() {
        println!("--- syntax warning mismatches ({}) ---", mismatches.len());
        for m in &mismatches {
            println!("{m}");
        }
        println!("---");
    }
    println!(
        "syntax warnings: {n} cases, {line_ok} line matches, {msg_ok} message matches, \
         {offset_ok} offset matches, {count_ok} count matches"
    );
    println!("  ({errors} rejected valid code, {panics} panics, {hangs} hangs)");
    println!("{passed} passed, {} failed", n - passed);

    if case_filter().is_none() {
        assert_eq!(
            n,
            case_files.len(),
            "warnings.tsv lists cases that are not in warnings/"
        );
    }
    if std::env::var("LADON_STRICT_SYNTAX").is_ok_and(|v| v == "1") {
        assert_eq!(panics, 0, "frontend panicked on {panics} warning cases");
        assert_eq!(hangs, 0, "frontend hung on {hangs} warning cases");
        assert_eq!(errors, 0, "frontend rejected {errors} valid warning cases");
    }
}
