//! The `PyCF_OPTIMIZED_AST` pass of CPython 3.14 (`Python/ast_preprocess.c`), what
//! `ast.parse(..., optimize=N)` returns: `__debug__` loads become constants, and the
//! numeric literals of `match` patterns (`-1`, `1+2j`) become single constants. CPython
//! 3.14 folds nothing else at this stage (operator folding moved to its code generator).

use frontend::ast::*;
use frontend::compile::fold;

/// Rewrites `m` in place; `level` is the `-O` level (`__debug__` is true only at 0).
pub(crate) fn optimize_mod(m: &mut Mod, level: u8) {
    let o = Opt { level };
    match m {
        Mod::Module { body, .. } | Mod::Interactive { body } => o.stmts(body),
        Mod::Expression { body } => o.expr(body),
        Mod::FunctionType { argtypes, returns } => {
            o.exprs(argtypes);
            o.expr(returns);
        }
    }
}

struct Opt {
    level: u8,
}

impl Opt {
    fn stmts(&self, body: &mut [Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn exprs(&self, es: &mut [Expr]) {
        for e in es {
            self.expr(e);
        }
    }

    fn opt(&self, e: &mut Option<Box<Expr>>) {
        if let Some(e) = e {
            self.expr(e);
        }
    }

    fn arguments(&self, a: &mut Arguments) {
        for arg in a
            .posonlyargs
            .iter_mut()
            .chain(a.args.iter_mut())
            .chain(a.kwonlyargs.iter_mut())
        {
            self.opt(&mut arg.annotation);
        }
        for arg in [&mut a.vararg, &mut a.kwarg].into_iter().flatten() {
            self.opt(&mut arg.annotation);
        }
        self.exprs(&mut a.defaults);
        for d in a.kw_defaults.iter_mut().flatten() {
            self.expr(d);
        }
    }

    fn type_params(&self, tps: &mut [TypeParam]) {
        for tp in tps {
            match &mut tp.node {
                TypeParamKind::TypeVar {
                    bound,
                    default_value,
                    ..
                } => {
                    self.opt(bound);
                    self.opt(default_value);
                }
                TypeParamKind::ParamSpec { default_value, .. }
                | TypeParamKind::TypeVarTuple { default_value, .. } => self.opt(default_value),
            }
        }
    }

    fn stmt(&self, s: &mut Stmt) {
        match &mut s.node {
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                self.type_params(&mut f.type_params);
                self.arguments(&mut f.args);
                self.stmts(&mut f.body);
                self.exprs(&mut f.decorator_list);
                self.opt(&mut f.returns);
            }
            StmtKind::ClassDef(c) => {
                self.type_params(&mut c.type_params);
                self.exprs(&mut c.bases);
                for k in &mut c.keywords {
                    self.expr(&mut k.value);
                }
                self.stmts(&mut c.body);
                self.exprs(&mut c.decorator_list);
            }
            StmtKind::Return { value } => self.opt(value),
            StmtKind::Delete { targets } => self.exprs(targets),
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets);
                self.expr(value);
            }
            StmtKind::TypeAlias {
                name,
                type_params,
                value,
            } => {
                self.expr(name);
                self.type_params(type_params);
                self.expr(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target);
                self.expr(value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.expr(target);
                self.expr(annotation);
                self.opt(value);
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.expr(&mut f.target);
                self.expr(&mut f.iter);
                self.stmts(&mut f.body);
                self.stmts(&mut f.orelse);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                for it in items {
                    self.expr(&mut it.context_expr);
                    self.opt(&mut it.optional_vars);
                }
                self.stmts(body);
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject);
                for c in cases {
                    self.pattern(&mut c.pattern);
                    self.opt(&mut c.guard);
                    self.stmts(&mut c.body);
                }
            }
            StmtKind::Raise { exc, cause } => {
                self.opt(exc);
                self.opt(cause);
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                self.stmts(&mut t.body);
                for h in &mut t.handlers {
                    self.opt(&mut h.ty);
                    self.stmts(&mut h.body);
                }
                self.stmts(&mut t.orelse);
                self.stmts(&mut t.finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                self.opt(msg);
            }
            StmtKind::Expr { value } => self.expr(value),
            StmtKind::Import { .. }
            | StmtKind::ImportFrom { .. }
            | StmtKind::Global { .. }
            | StmtKind::Nonlocal { .. }
            | StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue => {}
        }
    }

    fn comprehensions(&self, gens: &mut [Comprehension]) {
        for g in gens {
            self.expr(&mut g.target);
            self.expr(&mut g.iter);
            self.exprs(&mut g.ifs);
        }
    }

    fn expr(&self, e: &mut Expr) {
        // Left-recursive chains are walked in a loop (they can be very long).
        let mut cur = e;
        loop {
            if let ExprKind::Name { id, ctx } = &cur.node {
                if &**id == "__debug__" && *ctx == ExprContext::Load {
                    let value = if self.level == 0 {
                        Constant::True
                    } else {
                        Constant::False
                    };
                    cur.node = ExprKind::Constant { value, kind: None };
                }
                return;
            }
            if !matches!(
                cur.node,
                ExprKind::BinOp { .. }
                    | ExprKind::Attribute { .. }
                    | ExprKind::Subscript { .. }
                    | ExprKind::Call { .. }
            ) {
                return self.expr_other(cur);
            }
            cur = match &mut cur.node {
                ExprKind::BinOp { left, right, .. } => {
                    self.expr(right);
                    left
                }
                ExprKind::Subscript { value, slice, .. } => {
                    self.expr(slice);
                    value
                }
                ExprKind::Call {
                    func,
                    args,
                    keywords,
                } => {
                    self.exprs(args);
                    for k in keywords {
                        self.expr(&mut k.value);
                    }
                    func
                }
                ExprKind::Attribute { value, .. } => value,
                _ => return,
            };
        }
    }

    fn expr_other(&self, e: &mut Expr) {
        match &mut e.node {
            ExprKind::BoolOp { values, .. } => self.exprs(values),
            ExprKind::NamedExpr { target, value } => {
                self.expr(target);
                self.expr(value);
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { args, body } => {
                self.arguments(args);
                self.expr(body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter_mut().flatten() {
                    self.expr(k);
                }
                self.exprs(values);
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                self.exprs(elts)
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.expr(elt);
                self.comprehensions(generators);
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.expr(key);
                self.expr(value);
                self.comprehensions(generators);
            }
            ExprKind::Await { value } | ExprKind::YieldFrom { value } => self.expr(value),
            ExprKind::Yield { value } => self.opt(value),
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left);
                self.exprs(comparators);
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            }
            | ExprKind::Interpolation {
                value, format_spec, ..
            } => {
                self.expr(value);
                self.opt(format_spec);
            }
            ExprKind::JoinedStr { values } | ExprKind::TemplateStr { values } => self.exprs(values),
            ExprKind::Starred { value, .. } => self.expr(value),
            ExprKind::Slice { lower, upper, step } => {
                self.opt(lower);
                self.opt(upper);
                self.opt(step);
            }
            // Handled by `expr`'s loop.
            ExprKind::Name { .. }
            | ExprKind::BinOp { .. }
            | ExprKind::Attribute { .. }
            | ExprKind::Subscript { .. }
            | ExprKind::Call { .. }
            | ExprKind::Constant { .. } => {}
        }
    }

    /// A literal of a value pattern or mapping key: `-1` and `1+2j` become constants.
    fn match_literal(&self, e: &mut Expr) {
        self.expr(e);
        if matches!(e.node, ExprKind::UnaryOp { .. } | ExprKind::BinOp { .. }) {
            if let Some(value) = fold::fold(e, self.level) {
                e.node = ExprKind::Constant { value, kind: None };
            }
        }
    }

    fn pattern(&self, p: &mut Pattern) {
        match &mut p.node {
            PatternKind::MatchValue { value } => self.match_literal(value),
            PatternKind::MatchSingleton { .. } | PatternKind::MatchStar { .. } => {}
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                for q in patterns {
                    self.pattern(q);
                }
            }
            PatternKind::MatchMapping { keys, patterns, .. } => {
                for k in keys {
                    self.match_literal(k);
                }
                for q in patterns {
                    self.pattern(q);
                }
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls);
                for q in patterns.iter_mut().chain(kwd_patterns.iter_mut()) {
                    self.pattern(q);
                }
            }
            PatternKind::MatchAs { pattern, .. } => {
                if let Some(q) = pattern {
                    self.pattern(q);
                }
            }
        }
    }
}
