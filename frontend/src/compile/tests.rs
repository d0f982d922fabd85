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

fn ops(code: &CodeUnit) -> Vec<Opcode> {
    code.instructions().iter().map(|i| i.op).collect()
}

fn compile_mode(src: &str, mode: Mode) -> CodeUnit {
    let (m, _) = crate::parser::parse(src, mode).expect("parses");
    compile_module(&m, "<t>", mode, 0).expect("compiles")
}

#[test]
fn eval_and_single_modes() {
    let c = compile_mode("1 + x", Mode::Eval);
    assert_eq!(
        ops(&c),
        [
            Opcode::Resume,
            Opcode::LoadSmallInt,
            Opcode::LoadName,
            Opcode::BinaryOp,
            Opcode::ReturnValue
        ]
    );
    let c = compile_mode("x\n", Mode::Single);
    assert!(ops(&c).contains(&Opcode::CallIntrinsic1));
}

#[test]
fn peepholes_and_folding() {
    let c = compile_mode(
        "def f(x):\n    if x is None: return -1\n    return x in [1, 2]\n",
        Mode::Exec,
    );
    let f = c.nested().next().expect("f");
    let o = ops(f);
    assert!(o.contains(&Opcode::PopJumpIfNotNone), "{o:?}");
    assert!(!o.contains(&Opcode::UnaryNegative));
    assert!(!o.contains(&Opcode::BuildList));
    assert!(f
        .consts
        .iter()
        .any(|k| matches!(k, crate::code::CodeConst::Value(Constant::Tuple(t)) if t.len() == 2)));
}

#[test]
fn generator_prologue_and_handler() {
    let c = compile_mode("def g():\n    yield 1\n", Mode::Exec);
    let g = c.nested().next().expect("g");
    let o = ops(g);
    assert_eq!(
        &o[..3],
        &[Opcode::ReturnGenerator, Opcode::PopTop, Opcode::Resume]
    );
    assert_eq!(g.exception_table.len(), 1);
    assert!(g.flags & crate::code::flags::GENERATOR != 0);
}

#[test]
fn closures_use_cells() {
    let c = compile_mode("def f(a):\n    return lambda: a\n", Mode::Exec);
    let f = c.nested().next().expect("f");
    assert_eq!(f.cellvars(), ["a"]);
    assert_eq!(ops(f)[0], Opcode::MakeCell);
    let l = f.nested().next().expect("lambda");
    assert_eq!(l.freevars(), ["a"]);
    assert_eq!(ops(l)[0], Opcode::CopyFreeVars);
}

#[test]
fn line_table_covers_code() {
    let c = compile_mode("x = 1\nfor i in y:\n    x += i\n", Mode::Exec);
    let n: u32 = c.line_table.iter().map(|r| r.units).sum();
    assert_eq!(n as usize, c.code.len());
}

#[test]
fn disassembly_looks_like_cpython() {
    let c = compile_mode(
        "def f(a):\n    try:\n        return a[0]\n    except IndexError:\n        return None\n",
        Mode::Exec,
    );
    let d = crate::dis::disassemble(&c);
    assert!(d.contains("Disassembly of <code object f at"), "{d}");
    assert!(d.contains("ExceptionTable:"), "{d}");
    assert!(d.contains("CHECK_EXC_MATCH"), "{d}");
    assert!(d.contains("BINARY_OP                   26 ([])"), "{d}");
}

/// One snippet per construct; each must compile and satisfy `CodeUnit`'s invariants.
const CONSTRUCTS: &[&str] = &[
    "def f(a, /, b=1, *c, d, e=2, **g): return a",
    "@d1\n@d2(x)\ndef f(): pass",
    "class C(B, metaclass=M):\n    'doc'\n    x: int = 1\n    def m(self): return super().m()",
    "class C[T: int, *Ts, **P](B):\n    def m[U](self, a: T) -> U: ...",
    "type A[T] = list[T]",
    "lambda x, *y, z=1, **k: (x, y, z, k)",
    "def g():\n    x = yield 1\n    yield from x\n    return x",
    "async def f():\n    async with a as b, c:\n        async for x in b:\n            await x\n    return [y async for y in b]",
    "async def f():\n    yield 1",
    "[x for x in y if x for z in x]\n{k: v for k, v in d}\n{s for s in t}\n(g for g in h)",
    "def f(y):\n    return [(w := x) for x in y], w",
    "with a as (b, c), d: pass",
    "try:\n    a\nexcept E as e:\n    b\nexcept (F, G):\n    c\nelse:\n    d\nfinally:\n    e",
    "try:\n    a\nexcept* E as e:\n    b\nexcept* F:\n    c",
    "for x in y:\n    try:\n        continue\n    finally:\n        break\nelse:\n    z",
    "def f():\n    for x in y:\n        try:\n            return x\n        finally:\n            print(x)",
    "while x:\n    if y: break\n    elif z: continue\nelse: w",
    "match p:\n    case 1 | 2: a\n    case [x, *rest]: b\n    case {'k': v, **kw}: c\n    case C(1, y=z) if z: d\n    case [e] as f: g\n    case None: h\n    case _: i",
    "def f():\n    global g\n    g = 1\n    def h():\n        nonlocal_ = 1\n    x = 1\n    def k():\n        nonlocal x\n        x += 1",
    "import a.b.c\nimport a.b as d\nfrom .e import f as g, h\nfrom i import *",
    "assert x, 'msg'\ndel a, b[1], c.d, e[1:2]",
    "a.b += 1\nc[d] -= 2\ne[1:2] *= 3\nf **= 4",
    "a, *b, c = d\n[e, (f, g)] = h\ni = j = k",
    "x = 1 < y <= 3 != z\nw = a if b else c\nv = not (a and b or c)",
    "print(*a, *b, k=1, **c, **d)\nf(x for x in y)",
    "s = f'{a!r:>{w}} {b=}' + t'{c}' + 'd' 'e'",
    "x = [*a, *b]\ny = {*c, 1}\nz = {**d, 'e': 1}\nt = (*f,)",
    "x = -1 + 2 * 3 - 4 // 2 ** 3\ny = (1, 2, (3, 'a'))\nz = 'ab' * 3",
    "class C:\n    def f(self):\n        self.a = 1\n        self.b: int = 2",
    "if __debug__:\n    x",
    "match p:\n    case a if a: pass\n    case b: pass",
    "match p:\n    case -1 | 1+2j | -3-4j: pass",
    "def outer():\n    x = 1\n    class C:\n        y = x\n        def m(self): return x\n    return C",
];

#[test]
fn every_construct_compiles_with_invariants() {
    for src in CONSTRUCTS {
        let (code, _) = compile_src(src).unwrap_or_else(|e| panic!("{src:?}: {e}"));
        code.check_invariants()
            .unwrap_or_else(|e| panic!("{src:?}: {e}"));
        // The disassembler handles everything the compiler emits.
        assert!(!crate::dis::disassemble(&code).is_empty());
    }
}
