//! Expression unparsing for `from __future__ import annotations` (CPython's
//! `Python/ast_unparse.c`): annotations become the source text CPython would print.

use crate::ast::*;

// Precedence levels, as ast_unparse.c.
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_BOR: u8 = 7;
const PR_BXOR: u8 = 8;
const PR_BAND: u8 = 9;
const PR_SHIFT: u8 = 10;
const PR_ARITH: u8 = 11;
const PR_TERM: u8 = 12;
const PR_FACTOR: u8 = 13;
const PR_POWER: u8 = 14;
const PR_AWAIT: u8 = 15;
const PR_ATOM: u8 = 16;

pub fn unparse(e: &Expr) -> String {
    let mut s = String::new();
    expr(&mut s, e, PR_TEST);
    s
}

fn op_info(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => (" + ", PR_ARITH),
        Operator::Sub => (" - ", PR_ARITH),
        Operator::Mult => (" * ", PR_TERM),
        Operator::MatMult => (" @ ", PR_TERM),
        Operator::Div => (" / ", PR_TERM),
        Operator::Mod => (" % ", PR_TERM),
        Operator::FloorDiv => (" // ", PR_TERM),
        Operator::Pow => (" ** ", PR_POWER),
        Operator::LShift => (" << ", PR_SHIFT),
        Operator::RShift => (" >> ", PR_SHIFT),
        Operator::BitOr => (" | ", PR_BOR),
        Operator::BitXor => (" ^ ", PR_BXOR),
        Operator::BitAnd => (" & ", PR_BAND),
    }
}

fn cmp_str(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => " == ",
        CmpOp::NotEq => " != ",
        CmpOp::Lt => " < ",
        CmpOp::LtE => " <= ",
        CmpOp::Gt => " > ",
        CmpOp::GtE => " >= ",
        CmpOp::Is => " is ",
        CmpOp::IsNot => " is not ",
        CmpOp::In => " in ",
        CmpOp::NotIn => " not in ",
    }
}

fn paren(s: &mut String, cond: bool, f: impl FnOnce(&mut String)) {
    if cond {
        s.push('(');
    }
    f(s);
    if cond {
        s.push(')');
    }
}

fn seq(s: &mut String, es: &[Expr]) {
    for (i, e) in es.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        expr(s, e, PR_TEST);
    }
}

fn comps(s: &mut String, gens: &[Comprehension]) {
    for g in gens {
        s.push_str(if g.is_async != 0 {
            " async for "
        } else {
            " for "
        });
        expr(s, &g.target, PR_TUPLE);
        s.push_str(" in ");
        expr(s, &g.iter, PR_TEST + 1);
        for c in &g.ifs {
            s.push_str(" if ");
            expr(s, c, PR_TEST + 1);
        }
    }
}

fn args(s: &mut String, a: &Arguments) {
    let mut first = true;
    let mut sep = |s: &mut String| {
        if !first {
            s.push_str(", ");
        }
        first = false;
    };
    let npos = a.posonlyargs.len() + a.args.len();
    let ndef = a.defaults.len();
    for (i, arg) in a.posonlyargs.iter().chain(&a.args).enumerate() {
        sep(s);
        s.push_str(&arg.arg);
        if i + ndef >= npos {
            s.push('=');
            expr(s, &a.defaults[i + ndef - npos], PR_TEST);
        }
        if i + 1 == a.posonlyargs.len() {
            s.push_str(", /");
        }
    }
    if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
        sep(s);
        s.push('*');
        if let Some(v) = &a.vararg {
            s.push_str(&v.arg);
        }
    }
    for (arg, d) in a.kwonlyargs.iter().zip(&a.kw_defaults) {
        sep(s);
        s.push_str(&arg.arg);
        if let Some(d) = d {
            s.push('=');
            expr(s, d, PR_TEST);
        }
    }
    if let Some(k) = &a.kwarg {
        sep(s);
        s.push_str("**");
        s.push_str(&k.arg);
    }
}

fn fstring_body(s: &mut String, values: &[Expr], out: &mut String) {
    let _ = s;
    for v in values {
        match &v.node {
            ExprKind::Constant {
                value: Constant::Str(t),
                ..
            } => {
                let text = String::from_utf8_lossy(t.as_bytes()).into_owned();
                out.push_str(&text.replace('{', "{{").replace('}', "}}"));
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            }
            | ExprKind::Interpolation {
                value,
                conversion,
                format_spec,
                ..
            } => {
                let mut inner = String::new();
                expr(&mut inner, value, PR_TEST + 1);
                out.push('{');
                if inner.starts_with('{') {
                    out.push(' ');
                }
                out.push_str(&inner);
                if *conversion != -1 {
                    out.push('!');
                    out.push(char::from_u32(*conversion as u32).unwrap_or('r'));
                }
                if let Some(spec) = format_spec {
                    out.push(':');
                    if let ExprKind::JoinedStr { values } = &spec.node {
                        fstring_body(&mut String::new(), values, out);
                    }
                }
                out.push('}');
            }
            _ => {}
        }
    }
}

fn expr(s: &mut String, e: &Expr, level: u8) {
    match &e.node {
        ExprKind::BoolOp { op, values } => {
            let (sep, pr) = match op {
                BoolOp::And => (" and ", PR_AND),
                BoolOp::Or => (" or ", PR_OR),
            };
            paren(s, level > pr, |s| {
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        s.push_str(sep);
                    }
                    expr(s, v, pr + 1);
                }
            });
        }
        ExprKind::NamedExpr { target, value } => paren(s, level > PR_TUPLE, |s| {
            expr(s, target, PR_ATOM);
            s.push_str(" := ");
            expr(s, value, PR_ATOM);
        }),
        ExprKind::BinOp { left, op, right } => {
            let (sym, pr) = op_info(*op);
            let rassoc = *op == Operator::Pow;
            paren(s, level > pr, |s| {
                expr(s, left, if rassoc { pr + 1 } else { pr });
                s.push_str(sym);
                expr(s, right, if rassoc { pr } else { pr + 1 });
            });
        }
        ExprKind::UnaryOp { op, operand } => {
            let (sym, pr) = match op {
                UnaryOp::Invert => ("~", PR_FACTOR),
                UnaryOp::Not => ("not ", PR_NOT),
                UnaryOp::UAdd => ("+", PR_FACTOR),
                UnaryOp::USub => ("-", PR_FACTOR),
            };
            paren(s, level > pr, |s| {
                s.push_str(sym);
                expr(s, operand, pr);
            });
        }
        ExprKind::Lambda { args: a, body } => paren(s, level > PR_TEST, |s| {
            s.push_str("lambda");
            let mut t = String::new();
            args(&mut t, a);
            if !t.is_empty() {
                s.push(' ');
                s.push_str(&t);
            }
            s.push_str(": ");
            expr(s, body, PR_TEST);
        }),
        ExprKind::IfExp { test, body, orelse } => paren(s, level > PR_TEST, |s| {
            expr(s, body, PR_TEST + 1);
            s.push_str(" if ");
            expr(s, test, PR_TEST + 1);
            s.push_str(" else ");
            expr(s, orelse, PR_TEST);
        }),
        ExprKind::Dict { keys, values } => {
            s.push('{');
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(s, k, PR_TEST);
                        s.push_str(": ");
                        expr(s, v, PR_TEST);
                    }
                    None => {
                        s.push_str("**");
                        expr(s, v, PR_BOR);
                    }
                }
            }
            s.push('}');
        }
        ExprKind::Set { elts } => {
            if elts.is_empty() {
                s.push_str("{*()}");
            } else {
                s.push('{');
                seq(s, elts);
                s.push('}');
            }
        }
        ExprKind::ListComp { elt, generators } => {
            s.push('[');
            expr(s, elt, PR_TEST);
            comps(s, generators);
            s.push(']');
        }
        ExprKind::SetComp { elt, generators } => {
            s.push('{');
            expr(s, elt, PR_TEST);
            comps(s, generators);
            s.push('}');
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            s.push('{');
            expr(s, key, PR_TEST);
            s.push_str(": ");
            expr(s, value, PR_TEST);
            comps(s, generators);
            s.push('}');
        }
        ExprKind::GeneratorExp { elt, generators } => {
            s.push('(');
            expr(s, elt, PR_TEST);
            comps(s, generators);
            s.push(')');
        }
        ExprKind::Await { value } => paren(s, level > PR_AWAIT, |s| {
            s.push_str("await ");
            expr(s, value, PR_ATOM);
        }),
        ExprKind::Yield { value } => paren(s, true, |s| {
            s.push_str("yield");
            if let Some(v) = value {
                s.push(' ');
                expr(s, v, PR_TEST);
            }
        }),
        ExprKind::YieldFrom { value } => paren(s, true, |s| {
            s.push_str("yield from ");
            expr(s, value, PR_TEST);
        }),
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => paren(s, level > PR_CMP, |s| {
            expr(s, left, PR_CMP + 1);
            for (op, c) in ops.iter().zip(comparators) {
                s.push_str(cmp_str(*op));
                expr(s, c, PR_CMP + 1);
            }
        }),
        ExprKind::Call {
            func,
            args: a,
            keywords,
        } => {
            expr(s, func, PR_ATOM);
            if a.len() == 1 && keywords.is_empty() {
                if let ExprKind::GeneratorExp { elt, generators } = &a[0].node {
                    s.push('(');
                    expr(s, elt, PR_TEST);
                    comps(s, generators);
                    s.push(')');
                    return;
                }
            }
            s.push('(');
            let mut first = true;
            for x in a {
                if !first {
                    s.push_str(", ");
                }
                first = false;
                expr(s, x, PR_TEST);
            }
            for k in keywords {
                if !first {
                    s.push_str(", ");
                }
                first = false;
                match &k.arg {
                    Some(n) => {
                        s.push_str(n);
                        s.push('=');
                        expr(s, &k.value, PR_TEST);
                    }
                    None => {
                        s.push_str("**");
                        expr(s, &k.value, PR_TEST);
                    }
                }
            }
            s.push(')');
        }
        ExprKind::FormattedValue { .. } | ExprKind::Interpolation { .. } => {
            let mut body = String::new();
            fstring_body(s, std::slice::from_ref(e), &mut body);
            s.push('f');
            s.push_str(&quote(&body));
        }
        ExprKind::JoinedStr { values } => {
            let mut body = String::new();
            fstring_body(s, values, &mut body);
            s.push('f');
            s.push_str(&quote(&body));
        }
        ExprKind::TemplateStr { values } => {
            let mut body = String::new();
            fstring_body(s, values, &mut body);
            s.push('t');
            s.push_str(&quote(&body));
        }
        ExprKind::Constant { value, kind } => match value {
            Constant::Str(_) if kind.as_deref() == Some("u") => {
                s.push('u');
                s.push_str(&value.repr());
            }
            Constant::Ellipsis => s.push_str("..."),
            Constant::Float(f) if f.is_infinite() => s.push_str("1e309"),
            Constant::Complex { imag, .. } if imag.is_infinite() => s.push_str("1e309j"),
            v => s.push_str(&v.repr()),
        },
        ExprKind::Attribute { value, attr, .. } => {
            expr(s, value, PR_ATOM);
            // `1 .real`: an int literal needs a space before the dot.
            if let ExprKind::Constant {
                value: Constant::Int(_),
                ..
            } = &value.node
            {
                s.push(' ');
            }
            s.push('.');
            s.push_str(attr);
        }
        ExprKind::Subscript { value, slice, .. } => {
            expr(s, value, PR_ATOM);
            s.push('[');
            match &slice.node {
                ExprKind::Tuple { elts, .. } if !elts.is_empty() => {
                    for (i, x) in elts.iter().enumerate() {
                        if i > 0 {
                            s.push_str(", ");
                        }
                        expr(s, x, PR_TEST);
                    }
                    if elts.len() == 1 {
                        s.push(',');
                    }
                }
                _ => expr(s, slice, PR_TUPLE),
            }
            s.push(']');
        }
        ExprKind::Starred { value, .. } => {
            s.push('*');
            expr(s, value, PR_BOR);
        }
        ExprKind::Name { id, .. } => s.push_str(id),
        ExprKind::List { elts, .. } => {
            s.push('[');
            seq(s, elts);
            s.push(']');
        }
        ExprKind::Tuple { elts, .. } => {
            if elts.is_empty() {
                s.push_str("()");
            } else {
                paren(s, level > PR_TUPLE, |s| {
                    seq(s, elts);
                    if elts.len() == 1 {
                        s.push(',');
                    }
                });
            }
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(l) = lower {
                expr(s, l, PR_TEST);
            }
            s.push(':');
            if let Some(u) = upper {
                expr(s, u, PR_TEST);
            }
            if let Some(st) = step {
                s.push(':');
                expr(s, st, PR_TEST);
            }
        }
    }
}

fn quote(body: &str) -> String {
    let c = Constant::str(body);
    c.repr()
}

#[cfg(test)]
mod tests {
    use super::unparse;
    use crate::ast::Mod;
    use crate::Mode;

    #[test]
    fn matches_cpython() {
        // (annotation source, CPython 3.14's string under `from __future__ import annotations`)
        const CASES: &[(&str, &str)] = &[
            ("int", "int"),
            ("list[int]", "list[int]"),
            ("dict[str, int]", "dict[str, int]"),
            ("a.b.c", "a.b.c"),
            ("Callable[[int, str], None]", "Callable[[int, str], None]"),
            ("int | None", "int | None"),
            ("tuple[int, ...]", "tuple[int, ...]"),
            ("'forward'", "'forward'"),
            ("Literal['a', \"b\"]", "Literal['a', 'b']"),
            ("x if y else z", "x if y else z"),
            ("lambda x, *y, z=1, **k: x", "lambda x, *y, z=1, **k: x"),
            ("f(a, *b, c=d, **e)", "f(a, *b, c=d, **e)"),
            ("-x", "-x"),
            ("not x", "not x"),
            ("~x", "~x"),
            ("a + b * c", "a + b * c"),
            ("(a + b) * c", "(a + b) * c"),
            ("a ** -b", "a ** (-b)"),
            ("-a ** b", "-a ** b"),
            ("(-a) ** b", "(-a) ** b"),
            ("a < b < c", "a < b < c"),
            ("a is not b", "a is not b"),
            ("a not in b", "a not in b"),
            ("[x for x in y if z]", "[x for x in y if z]"),
            (
                "{k: v for k, v in d.items()}",
                "{k: v for k, v in d.items()}",
            ),
            ("{a, b}", "{a, b}"),
            ("{}", "{}"),
            ("{**a, 'b': 1}", "{**a, 'b': 1}"),
            ("(a, b)", "(a, b)"),
            ("()", "()"),
            ("(a,)", "(a,)"),
            ("x[1:2, ::3]", "x[1:2, ::3]"),
            ("x[a:b]", "x[a:b]"),
            ("x[(1, 2)]", "x[1, 2]"),
            ("f'{a!r:>{w}} {b}'", "f'{a!r:>{w}} {b}'"),
            ("b'bytes'", "b'bytes'"),
            ("1.5", "1.5"),
            ("1e309", "1e309"),
            ("1j", "1j"),
            ("...", "..."),
            ("None", "None"),
            ("True", "True"),
            ("a and b or c", "a and b or c"),
            ("a and (b or c)", "a and (b or c)"),
            ("x[-1]", "x[-1]"),
            ("a @ b", "a @ b"),
            ("a // b % c", "a // b % c"),
            ("a << b >> c", "a << b >> c"),
            ("a & b ^ c | d", "a & b ^ c | d"),
            ("f(x for x in y)", "f(x for x in y)"),
            ("x[()]", "x[()]"),
            ("x[1,]", "x[1,]"),
            ("0x10", "16"),
            ("1_000", "1000"),
            ("'a' 'b'", "'ab'"),
            ("\"it's\"", "\"it's\""),
            ("'\\n'", "'\\n'"),
            ("u'x'", "u'x'"),
            ("r'\\d'", "'\\\\d'"),
            ("[*a, b]", "[*a, b]"),
            ("f()()", "f()()"),
            ("(a for b in c)", "(a for b in c)"),
            ("x.y[z](w)", "x.y[z](w)"),
            ("-1", "-1"),
            ("+1", "+1"),
            ("a if b else (c if d else e)", "a if b else c if d else e"),
            ("(a if b else c) if d else e", "(a if b else c) if d else e"),
            ("lambda: (yield)", "lambda: (yield)"),
            ("2 ** 3 ** 4", "2 ** 3 ** 4"),
            ("(2 ** 3) ** 4", "(2 ** 3) ** 4"),
            ("not (a and b)", "not (a and b)"),
            ("(not a) and b", "not a and b"),
            ("a - (b - c)", "a - (b - c)"),
            ("a - b - c", "a - b - c"),
            ("x[a:b:c]", "x[a:b:c]"),
            ("x[:]", "x[:]"),
            ("x[::]", "x[:]"),
            ("1 .real", "1 .real"),
            ("1.0.real", "1.0.real"),
            ("(1).real", "1 .real"),
            ("t'{x}'", "t'{x}'"),
        ];
        let mut bad = Vec::new();
        for (src, want) in CASES {
            let Ok((Mod::Expression { body }, _)) = crate::parser::parse(src, Mode::Eval) else {
                bad.push(format!("{src:?}: does not parse"));
                continue;
            };
            let got = unparse(&body);
            if got != *want {
                bad.push(format!("{src:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(
            bad.is_empty(),
            "{} mismatches:\n{}",
            bad.len(),
            bad.join("\n")
        );
    }
}
