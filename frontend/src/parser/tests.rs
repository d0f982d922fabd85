//! Parser unit tests: AST dumps, error messages and nesting limits, checked against
//! CPython 3.14's output recorded in `test_cases.rs` (regenerate it with
//! `frontend/examples/gen_parser_tests.py`; the Lib-wide check is the
//! `ast_parity` example).

use super::test_cases::{DEEP, ERR, OK};
use crate::ast::dump::dump_mod;
use crate::Mode;

fn mode(name: &str) -> Mode {
    match name {
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        "func_type" => Mode::FuncType,
        _ => Mode::Exec,
    }
}

/// Runs `f` on a thread with a big stack: deep inputs recurse (bounded by the
/// parser's limits, but more than a 2 MiB test thread holds in debug builds).
fn with_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .expect("spawn test thread")
        .join()
        .expect("test thread panicked");
}

#[test]
fn ast_matches_cpython() {
    let mut failures = Vec::new();
    for (m, src, want) in OK {
        match super::parse(src, mode(m)) {
            Ok((tree, _)) => {
                let got = dump_mod(&tree);
                if got != *want {
                    let i = got
                        .bytes()
                        .zip(want.bytes())
                        .position(|(a, b)| a != b)
                        .unwrap_or(0);
                    failures.push(format!(
                        "{src:?}\n   got: ...{}\n  want: ...{}",
                        &got[i.saturating_sub(60)..(i + 60).min(got.len())],
                        &want[i.saturating_sub(60)..(i + 60).min(want.len())]
                    ));
                }
            }
            Err(e) => failures.push(format!("{src:?}: unexpected error {e:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn errors_match_cpython() {
    let mut failures = Vec::new();
    for (src, kind, msg, line, col) in ERR {
        match super::parse(src, Mode::Exec) {
            Ok(_) => failures.push(format!("{src:?}: no error, want {kind}: {msg}")),
            Err(e) => {
                if e.kind.name() != *kind || e.msg != *msg || e.lineno != *line || e.col != *col {
                    failures.push(format!(
                        "{src:?}\n   got: {} {:?} {}:{}\n  want: {kind} {msg:?} {line}:{col}",
                        e.kind.name(),
                        e.msg,
                        e.lineno,
                        e.col
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn deep_nesting_fails_cleanly() {
    with_big_stack(|| {
        for (pre, n, mid, suf, kind, msg) in DEEP {
            let src = format!("{}{}{}", pre.repeat(*n), mid, suf.repeat(*n));
            let r = super::parse(&src, Mode::Exec);
            match (&r, *kind) {
                (Ok(_), "ok") => {}
                (Err(e), k) if e.kind.name() == k => {
                    // CPython's RecursionError text reports its own stack usage.
                    if k != "RecursionError" {
                        assert_eq!(e.msg, *msg, "{pre:?} x {n}");
                    }
                }
                _ => panic!("{pre:?} x {n}: got {:?}, want {kind}", r.as_ref().err()),
            }
        }
    });
}

#[test]
fn deep_ast_drops_on_main_sized_stack() {
    // The longest chain CPython accepts must also be droppable on 8 MiB.
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(|| {
            let src = format!("{}1", "1+".repeat(40000));
            let r = super::parse(&src, Mode::Exec);
            assert!(r.is_ok());
            drop(r);
        })
        .expect("spawn")
        .join()
        .expect("dropping a 40000-deep chain overflowed");
}

#[test]
fn tokenizer_error_after_parse_error() {
    // A tokenizer error later in the file wins over an earlier parse error.
    let e = super::parse("x = = 1\ny = 'abc\n", Mode::Exec).unwrap_err();
    assert_eq!(e.lineno, 2, "{e:?}");
    // An unclosed bracket opened after the failing line does not.
    let e = super::parse("x = = 1\ny = (\n", Mode::Exec).unwrap_err();
    assert_eq!((e.lineno, e.msg.as_str()), (1, "invalid syntax"));
}
