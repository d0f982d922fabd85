//! Deeply nested and very long inputs end in a clean error (or succeed), never in a Rust
//! stack overflow or a hang: 10,000 open brackets, 100,000-term expressions, long chains.
//!
//! Each case runs the whole frontend (decode, parse, dump, compile) on a thread with an
//! 8 MiB stack, the main thread's size that the `ladon` binary gives the frontend.

use frontend::{ErrorKind, Mode};

/// What happened to one input.
#[derive(Debug, PartialEq)]
enum Outcome {
    Compiled,
    Error(ErrorKind, String),
}

fn run(src: String) -> Outcome {
    let h = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let (m, _) = match frontend::parser::parse(&src, Mode::Exec) {
                Ok(v) => v,
                Err(e) => return Outcome::Error(e.kind, e.msg),
            };
            let _ = frontend::ast::dump::dump_mod(&m);
            match frontend::compile_module(&m, "<deep>", Mode::Exec, 0) {
                Ok(_) => Outcome::Compiled,
                Err(e) => Outcome::Error(e.kind, e.msg),
            }
        })
        .expect("spawn");
    h.join()
        .expect("the frontend panicked or overflowed its stack")
}

fn expect_error(src: String, kind: ErrorKind, msg_part: &str) {
    match run(src) {
        Outcome::Error(k, m) => {
            assert_eq!(k, kind, "{m}");
            assert!(m.contains(msg_part), "message {m:?} lacks {msg_part:?}");
        }
        Outcome::Compiled => panic!("expected {kind:?} containing {msg_part:?}, it compiled"),
    }
}

#[test]
fn ten_thousand_open_brackets() {
    for open in ["(", "[", "{"] {
        expect_error(
            open.repeat(10_000),
            ErrorKind::SyntaxError,
            "too many nested parentheses",
        );
    }
    let close = |o: &str| match o {
        "(" => ")",
        "[" => "]",
        _ => "}",
    };
    let balanced = |o: &str| format!("x = {}{}", o.repeat(10_000), close(o).repeat(10_000));
    for open in ["(", "["] {
        expect_error(
            balanced(open),
            ErrorKind::SyntaxError,
            "too many nested parentheses",
        );
    }
}

#[test]
fn hundred_thousand_term_expressions() {
    // CPython 3.14: these left-deep chains parse, then the compiler runs out of C stack
    // (RecursionError); the parser's own limit gives MemoryError for unary chains.
    for src in [
        "1+".repeat(100_000) + "1",
        "a".to_string() + &".a".repeat(100_000),
        "f".to_string() + &"()".repeat(100_000),
    ] {
        match run(src) {
            Outcome::Error(k, _) => assert!(
                matches!(
                    k,
                    ErrorKind::RecursionError | ErrorKind::MemoryError | ErrorKind::SyntaxError
                ),
                "{k:?}"
            ),
            Outcome::Compiled => {}
        }
    }
    for src in [
        "-".repeat(100_000) + "1",
        "not ".repeat(100_000) + "x",
        "lambda: ".repeat(10_000) + "1",
    ] {
        match run(src) {
            Outcome::Error(k, _) => assert!(
                matches!(k, ErrorKind::MemoryError | ErrorKind::RecursionError),
                "{k:?}"
            ),
            Outcome::Compiled => panic!("CPython 3.14 rejects this as too complex"),
        }
    }
}

#[test]
fn long_flat_sequences_compile() {
    // Flat, not deep: CPython compiles these, and so must we.
    for src in [
        "\"a\" ".repeat(100_000),
        "x = ".to_string() + &"1,".repeat(100_000),
        "1<".repeat(100_000) + "1",
        "a and ".repeat(100_000) + "a",
        "x = [".to_string() + &"1,".repeat(100_000) + "]",
    ] {
        assert_eq!(run(src), Outcome::Compiled);
    }
}

#[test]
fn deep_indentation_and_nested_fstrings() {
    let ifs: String = (0..150)
        .map(|i| " ".repeat(i) + "if x:\n")
        .collect::<String>()
        + &" ".repeat(150)
        + "pass\n";
    expect_error(
        ifs,
        ErrorKind::IndentationError,
        "too many levels of indentation",
    );
    let fstr = "f\"{".repeat(150) + "1" + &"}\"".repeat(150);
    expect_error(fstr, ErrorKind::SyntaxError, "too many nested f-strings");
}
