//! Compiler tests: errors with CPython's exact messages, bytecode shape, and limits.

use super::*;
use crate::ast::{Expr, ExprKind, Range, Stmt, StmtKind, UnaryOp};

fn r() -> Range {
    Range::new(1, 0, 1, 1)
}

fn name(id: &str) -> Expr {
    Expr::new(
        ExprKind::Name {
            id: id.into(),
            ctx: ExprContext::Load,
        },
        r(),
    )
}

/// `not not ... not x`, `depth` deep, as a module.
fn deep_not(depth: usize) -> Mod {
    let mut e = name("x");
    for _ in 0..depth {
        e = Expr::new(
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand: Box::new(e),
            },
            r(),
        );
    }
    Mod::Module {
        body: vec![Stmt::new(StmtKind::Expr { value: Box::new(e) }, r())],
        type_ignores: vec![],
    }
}

fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(
            std::env::var("T_STACK")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(16 << 20),
        )
        .spawn(f)
        .expect("thread spawns")
        .join()
        .expect("no stack overflow")
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // Within the limit: compiles on a 16 MiB stack (debug-build frames are large).
    let ok = on_small_stack(|| {
        let m = deep_not(MAX_NESTING - 5);
        let r = compile_module(&m, "<t>", Mode::Exec, 0).is_ok();
        drop(m);
        r
    });
    assert!(ok);
    let err = on_small_stack(|| {
        let m = deep_not(MAX_NESTING + 50);
        let r = compile_module(&m, "<t>", Mode::Exec, 0).map(|_| ());
        // Dropping a deep AST recurses too; leak it on purpose in this test.
        std::mem::forget(m);
        r
    });
    assert!(err.is_err());
}

#[path = "test_cases.rs"]
mod cases;

fn compile_src(src: &str) -> Result<(CodeUnit, Vec<Warning>), SyntaxError> {
    let (m, _) = crate::parser::parse(src, Mode::Exec)?;
    compile_module_with_warnings(&m, "<t>", Mode::Exec, 0)
}

#[test]
fn errors_match_cpython() {
    let mut bad = Vec::new();
    for (src, msg, line) in cases::ERROR_CASES {
        match compile_src(src) {
            Ok(_) => bad.push(format!("{src:?}: compiled, expected {msg:?}")),
            Err(e) if e.msg != *msg || e.lineno != *line => bad.push(format!(
                "{src:?}: got {:?} line {}, expected {msg:?} line {line}",
                e.msg, e.lineno
            )),
            Err(_) => {}
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn warnings_match_cpython() {
    let mut bad = Vec::new();
    for (src, expected) in cases::WARNING_CASES {
        match compile_src(src) {
            Ok((_, w)) => {
                let got: Vec<&str> = w.iter().map(|w| w.msg.as_str()).collect();
                if got != *expected {
                    bad.push(format!("{src:?}: got {got:?}, expected {expected:?}"));
                }
            }
            Err(e) => bad.push(format!("{src:?}: error {e}")),
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
