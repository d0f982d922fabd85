//! CPython's `PyAST_Validate` (`Python/ast.c`): the checks a tree built by hand must pass
//! before `compile()` turns it into code, with CPython's messages and in its order.
//!
//! The parser never produces a tree that fails them; trees converted from `_ast` objects
//! can. A range that fails `VALIDATE_POSITIONS` arrives with its C ints' bits in the
//! `u32` fields of [`Range`] (see `from_object`), so it is checked as `i32` here.

use frontend::ast::*;
use vm::{PyResult, ThreadState};

/// Deepest nesting walked (the conversion already stops at a smaller depth).
const MAX_DEPTH: u32 = 4000;

/// Validates a converted tree.
pub(crate) fn validate_mod(ts: &ThreadState, m: &Mod) -> PyResult<()> {
    let mut v = Validator { ts, depth: 0 };
    match m {
        Mod::Module { body, .. } | Mod::Interactive { body } => v.stmts(body),
        Mod::Expression { body } => v.expr(body, ExprContext::Load),
        Mod::FunctionType { argtypes, returns } => {
            v.exprs(argtypes, ExprContext::Load)?;
            v.expr(returns, ExprContext::Load)
        }
    }
}

struct Validator<'a> {
    ts: &'a ThreadState,
    depth: u32,
}

type R = PyResult<()>;

fn ctx_name(c: ExprContext) -> &'static str {
    match c {
        ExprContext::Load => "Load",
        ExprContext::Store => "Store",
        ExprContext::Del => "Del",
    }
}

impl Validator<'_> {
    fn err(&self, msg: impl AsRef<str>) -> vm::PyErr {
        self.ts.value_error(msg)
    }

    fn enter(&mut self) -> R {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self
                .ts
                .recursion_error("maximum recursion depth exceeded during compilation"));
        }
        Ok(())
    }

    /// `VALIDATE_POSITIONS`.
    fn positions(&self, r: &Range) -> R {
        let (lineno, col, end_lineno, end_col) = (
            r.lineno as i32,
            r.col_offset as i32,
            r.end_lineno as i32,
            r.end_col_offset as i32,
        );
        if lineno > end_lineno {
            return Err(self.err(format!(
                "AST node line range ({lineno}, {end_lineno}) is not valid"
            )));
        }
        if (lineno < 0 && end_lineno != lineno) || (col < 0 && col != end_col) {
            return Err(self.err(format!(
                "AST node column range ({col}, {end_col}) for line range ({lineno}, {end_lineno}) is not valid"
            )));
        }
        if lineno == end_lineno && col > end_col {
            return Err(self.err(format!(
                "line {lineno}, column {col}-{end_col} is not a valid range"
            )));
        }
        Ok(())
    }

    fn name(&self, id: &str) -> R {
        for c in ["None", "True", "False"] {
            if id == c {
                return Err(self.err(format!("identifier field can't represent '{c}' constant")));
            }
        }
        Ok(())
    }

    fn nonempty<T>(&self, seq: &[T], what: &str, owner: &str) -> R {
        if seq.is_empty() {
            return Err(self.err(format!("empty {what} on {owner}")));
        }
        Ok(())
    }

    fn body(&mut self, body: &[Stmt], owner: &str) -> R {
        self.nonempty(body, "body", owner)?;
        self.stmts(body)
    }

    fn stmts(&mut self, body: &[Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn exprs(&mut self, es: &[Expr], ctx: ExprContext) -> R {
        for e in es {
            self.expr(e, ctx)?;
        }
        Ok(())
    }

    fn opt_exprs(&mut self, es: &[Option<Expr>], ctx: ExprContext) -> R {
        for e in es.iter().flatten() {
            self.expr(e, ctx)?;
        }
        Ok(())
    }

    fn opt_expr(&mut self, e: &Option<Box<Expr>>) -> R {
        match e {
            Some(e) => self.expr(e, ExprContext::Load),
            None => Ok(()),
        }
    }

    fn args(&mut self, args: &[Arg]) -> R {
        for a in args {
            self.positions(&a.range)?;
            self.opt_expr(&a.annotation)?;
        }
        Ok(())
    }

    fn arguments(&mut self, a: &Arguments) -> R {
        self.args(&a.posonlyargs)?;
        self.args(&a.args)?;
        if let Some(v) = &a.vararg {
            self.opt_expr(&v.annotation)?;
        }
        self.args(&a.kwonlyargs)?;
        if let Some(v) = &a.kwarg {
            self.opt_expr(&v.annotation)?;
        }
        if a.defaults.len() > a.posonlyargs.len() + a.args.len() {
            return Err(self.err("more positional defaults than args on arguments"));
        }
        if a.kw_defaults.len() != a.kwonlyargs.len() {
            return Err(
                self.err("length of kwonlyargs is not the same as kw_defaults on arguments")
            );
        }
        self.exprs(&a.defaults, ExprContext::Load)?;
        self.opt_exprs(&a.kw_defaults, ExprContext::Load)
    }

    fn keywords(&mut self, ks: &[Keyword]) -> R {
        for k in ks {
            self.expr(&k.value, ExprContext::Load)?;
        }
        Ok(())
    }

    fn comprehension(&mut self, gens: &[Comprehension]) -> R {
        if gens.is_empty() {
            return Err(self.err("comprehension with no generators"));
        }
        for g in gens {
            self.expr(&g.target, ExprContext::Store)?;
            self.expr(&g.iter, ExprContext::Load)?;
            self.exprs(&g.ifs, ExprContext::Load)?;
        }
        Ok(())
    }

    fn type_params(&mut self, tps: &[TypeParam]) -> R {
        for tp in tps {
            self.positions(&tp.range)?;
            match &tp.node {
                TypeParamKind::TypeVar {
                    name,
                    bound,
                    default_value,
                } => {
                    self.name(name)?;
                    self.opt_expr(bound)?;
                    self.opt_expr(default_value)?;
                }
                TypeParamKind::ParamSpec {
                    name,
                    default_value,
                }
                | TypeParamKind::TypeVarTuple {
                    name,
                    default_value,
                } => {
                    self.name(name)?;
                    self.opt_expr(default_value)?;
                }
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        self.positions(&s.range)?;
        self.enter()?;
        let r = self.stmt_inner(&s.node);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: &StmtKind) -> R {
        use ExprContext::*;
        let owner = stmt_name(s);
        match s {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.body(&f.body, owner)?;
                self.type_params(&f.type_params)?;
                self.arguments(&f.args)?;
                self.exprs(&f.decorator_list, Load)?;
                self.opt_expr(&f.returns)
            }
            StmtKind::ClassDef(c) => {
                self.body(&c.body, "ClassDef")?;
                self.type_params(&c.type_params)?;
                self.exprs(&c.bases, Load)?;
                self.keywords(&c.keywords)?;
                self.exprs(&c.decorator_list, Load)
            }
            StmtKind::Return { value } => self.opt_expr(value),
            StmtKind::Delete { targets } => {
                self.nonempty(targets, "targets", "Delete")?;
                self.exprs(targets, Del)
            }
            StmtKind::Assign { targets, value, .. } => {
                self.nonempty(targets, "targets", "Assign")?;
                self.exprs(targets, Store)?;
                self.expr(value, Load)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target, Store)?;
                self.expr(value, Load)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if *simple != 0 && !matches!(target.node, ExprKind::Name { .. }) {
                    return Err(self.ts.type_error("AnnAssign with simple non-Name target"));
                }
                self.expr(target, Store)?;
                self.opt_expr(value)?;
                self.expr(annotation, Load)
            }
            StmtKind::TypeAlias {
                name,
                type_params,
                value,
            } => {
                if !matches!(name.node, ExprKind::Name { .. }) {
                    return Err(self.ts.type_error("TypeAlias with non-Name name"));
                }
                self.expr(name, Store)?;
                self.type_params(type_params)?;
                self.expr(value, Load)
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.expr(&f.target, Store)?;
                self.expr(&f.iter, Load)?;
                self.body(&f.body, owner)?;
                self.stmts(&f.orelse)
            }
            StmtKind::While { test, body, orelse } => {
                self.expr(test, Load)?;
                self.body(body, "While")?;
                self.stmts(orelse)
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test, Load)?;
                self.body(body, "If")?;
                self.stmts(orelse)
            }
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                self.nonempty(items, "items", owner)?;
                for it in items.iter() {
                    self.expr(&it.context_expr, Load)?;
                    if let Some(v) = &it.optional_vars {
                        self.expr(v, Store)?;
                    }
                }
                self.body(body, owner)
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject, Load)?;
                self.nonempty(cases, "cases", "Match")?;
                for c in cases {
                    self.pattern(&c.pattern, false)?;
                    self.opt_expr(&c.guard)?;
                    self.body(&c.body, "match_case")?;
                }
                Ok(())
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e, Load)?;
                    return self.opt_expr(cause);
                }
                if cause.is_some() {
                    return Err(self.err("Raise with cause but no exception"));
                }
                Ok(())
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                self.body(&t.body, owner)?;
                if t.handlers.is_empty() && t.finalbody.is_empty() {
                    return Err(
                        self.err(format!("{owner} has neither except handlers nor finalbody"))
                    );
                }
                if t.handlers.is_empty() && !t.orelse.is_empty() {
                    return Err(self.err(format!("{owner} has orelse but no except handlers")));
                }
                for h in &t.handlers {
                    self.positions(&h.range)?;
                    self.opt_expr(&h.ty)?;
                    self.body(&h.body, "ExceptHandler")?;
                }
                self.stmts(&t.finalbody)?;
                self.stmts(&t.orelse)
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test, Load)?;
                self.opt_expr(msg)
            }
            StmtKind::Import { names } => self.nonempty(names, "names", "Import"),
            StmtKind::ImportFrom { names, level, .. } => {
                if (*level as i32) < 0 {
                    return Err(self.err("Negative ImportFrom level"));
                }
                self.nonempty(names, "names", "ImportFrom")
            }
            StmtKind::Global { names } => self.nonempty(names, "names", "Global"),
            StmtKind::Nonlocal { names } => self.nonempty(names, "names", "Nonlocal"),
            StmtKind::Expr { value } => self.expr(value, Load),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
        }
    }

    /// `validate_expr`. Left-recursive chains are walked in a loop, in CPython's order:
    /// each node's own checks (and a subscript's slice) on the way down to the innermost
    /// expression, the right operands and call arguments on the way back up.
    fn expr(&mut self, e: &Expr, ctx: ExprContext) -> R {
        let mut chain: Vec<&Expr> = Vec::new();
        let mut cur = e;
        let mut cur_ctx = ctx;
        loop {
            let next = match &cur.node {
                ExprKind::BinOp { left, .. } => left,
                ExprKind::Attribute { value, .. } => value,
                ExprKind::Call { func, .. } => func,
                ExprKind::Subscript { value, .. } => value,
                _ => break,
            };
            self.positions(&cur.range)?;
            self.context(&cur.node, cur_ctx)?;
            if let ExprKind::Subscript { slice, .. } = &cur.node {
                self.expr(slice, ExprContext::Load)?;
            }
            chain.push(cur);
            cur = next;
            cur_ctx = ExprContext::Load;
        }
        self.positions(&cur.range)?;
        self.enter()?;
        let r = self.expr_inner(&cur.node, cur_ctx);
        self.depth -= 1;
        r?;
        while let Some(e) = chain.pop() {
            match &e.node {
                ExprKind::BinOp { right, .. } => self.expr(right, ExprContext::Load)?,
                ExprKind::Call { args, keywords, .. } => {
                    self.exprs(args, ExprContext::Load)?;
                    self.keywords(keywords)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The expression-context check that opens `validate_expr`.
    fn context(&self, e: &ExprKind, ctx: ExprContext) -> R {
        let actual = match e {
            ExprKind::Attribute { ctx, .. }
            | ExprKind::Subscript { ctx, .. }
            | ExprKind::Starred { ctx, .. }
            | ExprKind::List { ctx, .. }
            | ExprKind::Tuple { ctx, .. } => Some(*ctx),
            ExprKind::Name { id, ctx } => {
                self.name(id)?;
                Some(*ctx)
            }
            _ => None,
        };
        match actual {
            Some(actual) if actual != ctx => Err(self.err(format!(
                "expression must have {} context but has {} instead",
                ctx_name(ctx),
                ctx_name(actual)
            ))),
            None if ctx != ExprContext::Load => Err(self.err(format!(
                "expression which can't be assigned to in {} context",
                ctx_name(ctx)
            ))),
            _ => Ok(()),
        }
    }

    fn expr_inner(&mut self, e: &ExprKind, ctx: ExprContext) -> R {
        use ExprContext::*;
        self.context(e, ctx)?;
        match e {
            ExprKind::BoolOp { values, .. } => {
                if values.len() < 2 {
                    return Err(self.err("BoolOp with less than 2 values"));
                }
                self.exprs(values, Load)
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left, Load)?;
                self.expr(right, Load)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand, Load),
            ExprKind::Lambda { args, body } => {
                self.arguments(args)?;
                self.expr(body, Load)
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test, Load)?;
                self.expr(body, Load)?;
                self.expr(orelse, Load)
            }
            ExprKind::Dict { keys, values } => {
                if keys.len() != values.len() {
                    return Err(self.err("Dict doesn't have the same number of keys as values"));
                }
                self.opt_exprs(keys, Load)?;
                self.exprs(values, Load)
            }
            ExprKind::Set { elts } => self.exprs(elts, Load),
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(generators)?;
                self.expr(elt, Load)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.comprehension(generators)?;
                self.expr(key, Load)?;
                self.expr(value, Load)
            }
            ExprKind::Yield { value } => self.opt_expr(value),
            ExprKind::YieldFrom { value } | ExprKind::Await { value } => self.expr(value, Load),
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                if comparators.is_empty() {
                    return Err(self.err("Compare with no comparators"));
                }
                if comparators.len() != ops.len() {
                    return Err(
                        self.err("Compare has a different number of comparators and operands")
                    );
                }
                self.exprs(comparators, Load)?;
                self.expr(left, Load)
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func, Load)?;
                self.exprs(args, Load)?;
                self.keywords(keywords)
            }
            ExprKind::Constant { .. } => Ok(()),
            ExprKind::JoinedStr { values } | ExprKind::TemplateStr { values } => {
                self.exprs(values, Load)
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            }
            | ExprKind::Interpolation {
                value, format_spec, ..
            } => {
                self.expr(value, Load)?;
                self.opt_expr(format_spec)
            }
            ExprKind::Attribute { value, .. } => self.expr(value, Load),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(slice, Load)?;
                self.expr(value, Load)
            }
            ExprKind::Starred { value, .. } => self.expr(value, ctx),
            ExprKind::Slice { lower, upper, step } => {
                self.opt_expr(lower)?;
                self.opt_expr(upper)?;
                self.opt_expr(step)
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts, ctx),
            ExprKind::NamedExpr { target, value } => {
                if !matches!(target.node, ExprKind::Name { .. }) {
                    return Err(self.ts.type_error("NamedExpr target must be a Name"));
                }
                self.expr(value, Load)
            }
            ExprKind::Name { .. } => Ok(()),
        }
    }

    // --- patterns ---

    fn capture(&self, name: &str) -> R {
        if name == "_" {
            return Err(self.err("can't capture name '_' in patterns"));
        }
        self.name(name)
    }

    fn match_value(&mut self, e: &Expr) -> R {
        self.expr(e, ExprContext::Load)?;
        match &e.node {
            ExprKind::Constant { value, .. } => {
                if matches!(
                    value,
                    Constant::Int(_)
                        | Constant::Float(_)
                        | Constant::Bytes(_)
                        | Constant::Complex { .. }
                        | Constant::Str(_)
                ) {
                    return Ok(());
                }
                return Err(self.err("unexpected constant inside of a literal pattern"));
            }
            ExprKind::Attribute { .. }
            | ExprKind::JoinedStr { .. }
            | ExprKind::TemplateStr { .. } => return Ok(()),
            ExprKind::UnaryOp { .. } if literal_negative(e, true, true) => return Ok(()),
            ExprKind::BinOp { .. } if literal_complex(e) => return Ok(()),
            _ => {}
        }
        Err(self.err("patterns may only match literals and attribute lookups"))
    }

    fn patterns(&mut self, ps: &[Pattern], star_ok: bool) -> R {
        for p in ps {
            self.pattern(p, star_ok)?;
        }
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern, star_ok: bool) -> R {
        self.positions(&p.range)?;
        self.enter()?;
        let r = self.pattern_inner(&p.node, star_ok);
        self.depth -= 1;
        r
    }

    fn pattern_inner(&mut self, p: &PatternKind, star_ok: bool) -> R {
        match p {
            PatternKind::MatchValue { value } => self.match_value(value),
            PatternKind::MatchSingleton { value } => {
                if matches!(value, Constant::None | Constant::True | Constant::False) {
                    Ok(())
                } else {
                    Err(self.err("MatchSingleton can only contain True, False and None"))
                }
            }
            PatternKind::MatchSequence { patterns } => self.patterns(patterns, true),
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                if keys.len() != patterns.len() {
                    return Err(
                        self.err("MatchMapping doesn't have the same number of keys as patterns")
                    );
                }
                if let Some(r) = rest {
                    self.capture(r)?;
                }
                for k in keys.iter() {
                    if let ExprKind::Constant {
                        value: Constant::None | Constant::True | Constant::False,
                        ..
                    } = k.node
                    {
                        continue;
                    }
                    self.match_value(k)?;
                }
                self.patterns(patterns, false)
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                if kwd_attrs.len() != kwd_patterns.len() {
                    return Err(self.err(
                        "MatchClass doesn't have the same number of keyword attributes as patterns",
                    ));
                }
                self.expr(cls, ExprContext::Load)?;
                let mut c: &Expr = cls;
                loop {
                    match &c.node {
                        ExprKind::Name { .. } => break,
                        ExprKind::Attribute { value, .. } => c = value,
                        _ => {
                            return Err(self.err(
                                "MatchClass cls field can only contain Name or Attribute nodes.",
                            ))
                        }
                    }
                }
                for a in kwd_attrs.iter() {
                    self.name(a)?;
                }
                self.patterns(patterns, false)?;
                self.patterns(kwd_patterns, false)
            }
            PatternKind::MatchStar { name } => {
                if !star_ok {
                    return Err(self.err("can't use MatchStar here"));
                }
                match name {
                    Some(n) => self.capture(n),
                    None => Ok(()),
                }
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(n) = name {
                    self.capture(n)?;
                }
                match (pattern, name) {
                    (None, _) => Ok(()),
                    (Some(_), None) => {
                        Err(self.err("MatchAs must specify a target name if a pattern is given"))
                    }
                    (Some(p), Some(_)) => self.pattern(p, false),
                }
            }
            PatternKind::MatchOr { patterns } => {
                if patterns.len() < 2 {
                    return Err(self.err("MatchOr requires at least 2 patterns"));
                }
                self.patterns(patterns, false)
            }
        }
    }
}

/// The class name of a statement with a body (the owner in "empty body on ..." messages).
fn stmt_name(s: &StmtKind) -> &'static str {
    match s {
        StmtKind::FunctionDef(_) => "FunctionDef",
        StmtKind::AsyncFunctionDef(_) => "AsyncFunctionDef",
        StmtKind::For(_) => "For",
        StmtKind::AsyncFor(_) => "AsyncFor",
        StmtKind::With { .. } => "With",
        StmtKind::AsyncWith { .. } => "AsyncWith",
        StmtKind::Try(_) => "Try",
        StmtKind::TryStar(_) => "TryStar",
        _ => "",
    }
}

fn literal_number(e: &Expr, real: bool, imaginary: bool) -> bool {
    match &e.node {
        ExprKind::Constant { value, .. } => match value {
            Constant::Int(_) | Constant::Float(_) => real,
            Constant::Complex { .. } => imaginary,
            _ => false,
        },
        _ => false,
    }
}

fn literal_negative(e: &Expr, real: bool, imaginary: bool) -> bool {
    match &e.node {
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => literal_number(operand, real, imaginary),
        _ => false,
    }
}

fn literal_complex(e: &Expr) -> bool {
    let ExprKind::BinOp { left, op, right } = &e.node else {
        return false;
    };
    if !matches!(op, Operator::Add | Operator::Sub) {
        return false;
    }
    let left_ok = match &left.node {
        ExprKind::Constant { .. } => literal_number(left, true, false),
        ExprKind::UnaryOp { .. } => literal_negative(left, true, false),
        _ => false,
    };
    left_ok && literal_number(right, false, true)
}
