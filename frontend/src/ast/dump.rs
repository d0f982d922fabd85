//! `ast.dump(tree, include_attributes=True)` of CPython 3.14, byte for byte.
//!
//! The rules (from `Lib/ast.py`): fields in `_fields` order as `name=value`; an
//! optional field (`X | None`) holding `None` is left out, and so is a list field
//! holding `[]`; then the position attributes. Lists print as `[a, b]`, leaves with
//! Python's `repr`.

use super::nodes::*;
use std::fmt::Write;

/// Dumps a whole module (or other `mod`) as CPython's `ast.dump(..., include_attributes=True)`.
pub fn dump_mod(m: &Mod) -> String {
    let mut d = Dumper {
        out: String::with_capacity(4096),
    };
    d.module(m);
    d.out
}

/// Dumps one expression (used by tests and debugging).
pub fn dump_expr(e: &Expr) -> String {
    let mut d = Dumper { out: String::new() };
    d.expr(e);
    d.out
}

struct Dumper {
    out: String,
}

/// One node being written: tracks whether a separator is due.
struct NodeW {
    first: bool,
}

impl Dumper {
    fn open(&mut self, name: &str) -> NodeW {
        self.out.push_str(name);
        self.out.push('(');
        NodeW { first: true }
    }

    fn key(&mut self, n: &mut NodeW, key: &str) {
        if !n.first {
            self.out.push_str(", ");
        }
        n.first = false;
        self.out.push_str(key);
        self.out.push('=');
    }

    fn close(&mut self, n: NodeW, range: Option<&Range>) {
        if let Some(r) = range {
            let sep = if n.first { "" } else { ", " };
            let _ = write!(
                self.out,
                "{sep}lineno={}, col_offset={}, end_lineno={}, end_col_offset={}",
                r.lineno, r.col_offset, r.end_lineno, r.end_col_offset
            );
        }
        self.out.push(')');
    }

    fn ident(&mut self, n: &mut NodeW, key: &str, s: &str) {
        self.key(n, key);
        self.str_lit(s);
    }

    fn str_lit(&mut self, s: &str) {
        super::repr::write_str_repr(&super::constant::Wtf8Buf::from(s), &mut self.out);
    }

    fn opt_ident(&mut self, n: &mut NodeW, key: &str, s: &Option<Ident>) {
        if let Some(s) = s {
            self.ident(n, key, s);
        }
    }

    fn int(&mut self, n: &mut NodeW, key: &str, v: i64) {
        self.key(n, key);
        let _ = write!(self.out, "{v}");
    }

    fn list<T>(
        &mut self,
        n: &mut NodeW,
        key: &str,
        items: &[T],
        mut each: impl FnMut(&mut Self, &T),
    ) {
        if items.is_empty() {
            return;
        }
        self.key(n, key);
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            each(self, item);
        }
        self.out.push(']');
    }

    fn exprs(&mut self, n: &mut NodeW, key: &str, items: &[Expr]) {
        self.list(n, key, items, |d, e| d.expr(e));
    }

    fn opt_exprs(&mut self, n: &mut NodeW, key: &str, items: &[Option<Expr>]) {
        self.list(n, key, items, |d, e| match e {
            Some(e) => d.expr(e),
            None => d.out.push_str("None"),
        });
    }

    fn stmts(&mut self, n: &mut NodeW, key: &str, items: &[Stmt]) {
        self.list(n, key, items, |d, s| d.stmt(s));
    }

    fn field_expr(&mut self, n: &mut NodeW, key: &str, e: &Expr) {
        self.key(n, key);
        self.expr(e);
    }

    fn opt_expr(&mut self, n: &mut NodeW, key: &str, e: &Option<Box<Expr>>) {
        if let Some(e) = e {
            self.field_expr(n, key, e);
        }
    }

    fn bare(&mut self, name: &str) {
        self.out.push_str(name);
        self.out.push_str("()");
    }

    fn module(&mut self, m: &Mod) {
        match m {
            Mod::Module { body, type_ignores } => {
                let mut n = self.open("Module");
                self.stmts(&mut n, "body", body);
                self.list(&mut n, "type_ignores", type_ignores, |d, t| {
                    let mut n = d.open("TypeIgnore");
                    d.int(&mut n, "lineno", t.lineno as i64);
                    d.ident(&mut n, "tag", &t.tag);
                    d.close(n, None);
                });
                self.close(n, None);
            }
            Mod::Interactive { body } => {
                let mut n = self.open("Interactive");
                self.stmts(&mut n, "body", body);
                self.close(n, None);
            }
            Mod::Expression { body } => {
                let mut n = self.open("Expression");
                self.field_expr(&mut n, "body", body);
                self.close(n, None);
            }
            Mod::FunctionType { argtypes, returns } => {
                let mut n = self.open("FunctionType");
                self.exprs(&mut n, "argtypes", argtypes);
                self.field_expr(&mut n, "returns", returns);
                self.close(n, None);
            }
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        let r = Some(&s.range);
        match &s.node {
            StmtKind::FunctionDef(f) => self.function_def("FunctionDef", f, r),
            StmtKind::AsyncFunctionDef(f) => self.function_def("AsyncFunctionDef", f, r),
            StmtKind::ClassDef(c) => {
                let mut n = self.open("ClassDef");
                self.ident(&mut n, "name", &c.name);
                self.exprs(&mut n, "bases", &c.bases);
                self.list(&mut n, "keywords", &c.keywords, |d, k| d.keyword(k));
                self.stmts(&mut n, "body", &c.body);
                self.exprs(&mut n, "decorator_list", &c.decorator_list);
                self.list(&mut n, "type_params", &c.type_params, |d, t| {
                    d.type_param(t)
                });
                self.close(n, r);
            }
            StmtKind::Return { value } => {
                let mut n = self.open("Return");
                self.opt_expr(&mut n, "value", value);
                self.close(n, r);
            }
            StmtKind::Delete { targets } => {
                let mut n = self.open("Delete");
                self.exprs(&mut n, "targets", targets);
                self.close(n, r);
            }
            StmtKind::Assign {
                targets,
                value,
                type_comment,
            } => {
                let mut n = self.open("Assign");
                self.exprs(&mut n, "targets", targets);
                self.field_expr(&mut n, "value", value);
                self.opt_str(&mut n, "type_comment", type_comment);
                self.close(n, r);
            }
            StmtKind::TypeAlias {
                name,
                type_params,
                value,
            } => {
                let mut n = self.open("TypeAlias");
                self.field_expr(&mut n, "name", name);
                self.list(&mut n, "type_params", type_params, |d, t| d.type_param(t));
                self.field_expr(&mut n, "value", value);
                self.close(n, r);
            }
            StmtKind::AugAssign { target, op, value } => {
                let mut n = self.open("AugAssign");
                self.field_expr(&mut n, "target", target);
                self.key(&mut n, "op");
                self.bare(operator_name(*op));
                self.field_expr(&mut n, "value", value);
                self.close(n, r);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                let mut n = self.open("AnnAssign");
                self.field_expr(&mut n, "target", target);
                self.field_expr(&mut n, "annotation", annotation);
                self.opt_expr(&mut n, "value", value);
                self.int(&mut n, "simple", *simple as i64);
                self.close(n, r);
            }
            StmtKind::For(f) => self.for_stmt("For", f, r),
            StmtKind::AsyncFor(f) => self.for_stmt("AsyncFor", f, r),
            StmtKind::While { test, body, orelse } => {
                let mut n = self.open("While");
                self.field_expr(&mut n, "test", test);
                self.stmts(&mut n, "body", body);
                self.stmts(&mut n, "orelse", orelse);
                self.close(n, r);
            }
            StmtKind::If { test, body, orelse } => {
                let mut n = self.open("If");
                self.field_expr(&mut n, "test", test);
                self.stmts(&mut n, "body", body);
                self.stmts(&mut n, "orelse", orelse);
                self.close(n, r);
            }
            StmtKind::With {
                items,
                body,
                type_comment,
            } => self.with_stmt("With", items, body, type_comment, r),
            StmtKind::AsyncWith {
                items,
                body,
                type_comment,
            } => self.with_stmt("AsyncWith", items, body, type_comment, r),
            StmtKind::Match { subject, cases } => {
                let mut n = self.open("Match");
                self.field_expr(&mut n, "subject", subject);
                self.list(&mut n, "cases", cases, |d, c| {
                    let mut n = d.open("match_case");
                    d.key(&mut n, "pattern");
                    d.pattern(&c.pattern);
                    d.opt_expr(&mut n, "guard", &c.guard);
                    d.stmts(&mut n, "body", &c.body);
                    d.close(n, None);
                });
                self.close(n, r);
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = self.open("Raise");
                self.opt_expr(&mut n, "exc", exc);
                self.opt_expr(&mut n, "cause", cause);
                self.close(n, r);
            }
            StmtKind::Try(t) => self.try_stmt("Try", t, r),
            StmtKind::TryStar(t) => self.try_stmt("TryStar", t, r),
            StmtKind::Assert { test, msg } => {
                let mut n = self.open("Assert");
                self.field_expr(&mut n, "test", test);
                self.opt_expr(&mut n, "msg", msg);
                self.close(n, r);
            }
            StmtKind::Import { names } => {
                let mut n = self.open("Import");
                self.list(&mut n, "names", names, |d, a| d.alias(a));
                self.close(n, r);
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                let mut n = self.open("ImportFrom");
                self.opt_ident(&mut n, "module", module);
                self.list(&mut n, "names", names, |d, a| d.alias(a));
                self.int(&mut n, "level", *level as i64);
                self.close(n, r);
            }
            StmtKind::Global { names } => self.names_stmt("Global", names, r),
            StmtKind::Nonlocal { names } => self.names_stmt("Nonlocal", names, r),
            StmtKind::Expr { value } => {
                let mut n = self.open("Expr");
                self.field_expr(&mut n, "value", value);
                self.close(n, r);
            }
            StmtKind::Pass => {
                let n = self.open("Pass");
                self.close(n, r);
            }
            StmtKind::Break => {
                let n = self.open("Break");
                self.close(n, r);
            }
            StmtKind::Continue => {
                let n = self.open("Continue");
                self.close(n, r);
            }
        }
    }

    fn opt_str(&mut self, n: &mut NodeW, key: &str, s: &Option<Box<str>>) {
        if let Some(s) = s {
            self.ident(n, key, s);
        }
    }

    fn names_stmt(&mut self, name: &str, names: &[Ident], r: Option<&Range>) {
        let mut n = self.open(name);
        self.list(&mut n, "names", names, |d, s| d.str_lit(s));
        self.close(n, r);
    }

    fn function_def(&mut self, name: &str, f: &FunctionDef, r: Option<&Range>) {
        let mut n = self.open(name);
        self.ident(&mut n, "name", &f.name);
        self.key(&mut n, "args");
        self.arguments(&f.args);
        self.stmts(&mut n, "body", &f.body);
        self.exprs(&mut n, "decorator_list", &f.decorator_list);
        self.opt_expr(&mut n, "returns", &f.returns);
        self.opt_str(&mut n, "type_comment", &f.type_comment);
        self.list(&mut n, "type_params", &f.type_params, |d, t| {
            d.type_param(t)
        });
        self.close(n, r);
    }

    fn for_stmt(&mut self, name: &str, f: &For, r: Option<&Range>) {
        let mut n = self.open(name);
        self.field_expr(&mut n, "target", &f.target);
        self.field_expr(&mut n, "iter", &f.iter);
        self.stmts(&mut n, "body", &f.body);
        self.stmts(&mut n, "orelse", &f.orelse);
        self.opt_str(&mut n, "type_comment", &f.type_comment);
        self.close(n, r);
    }

    fn with_stmt(
        &mut self,
        name: &str,
        items: &[WithItem],
        body: &[Stmt],
        type_comment: &Option<Box<str>>,
        r: Option<&Range>,
    ) {
        let mut n = self.open(name);
        self.list(&mut n, "items", items, |d, w| {
            let mut n = d.open("withitem");
            d.field_expr(&mut n, "context_expr", &w.context_expr);
            d.opt_expr(&mut n, "optional_vars", &w.optional_vars);
            d.close(n, None);
        });
        self.stmts(&mut n, "body", body);
        self.opt_str(&mut n, "type_comment", type_comment);
        self.close(n, r);
    }

    fn try_stmt(&mut self, name: &str, t: &Try, r: Option<&Range>) {
        let mut n = self.open(name);
        self.stmts(&mut n, "body", &t.body);
        self.list(&mut n, "handlers", &t.handlers, |d, h| {
            let mut n = d.open("ExceptHandler");
            d.opt_expr(&mut n, "type", &h.ty);
            d.opt_ident(&mut n, "name", &h.name);
            d.stmts(&mut n, "body", &h.body);
            d.close(n, Some(&h.range));
        });
        self.stmts(&mut n, "orelse", &t.orelse);
        self.stmts(&mut n, "finalbody", &t.finalbody);
        self.close(n, r);
    }

    fn alias(&mut self, a: &Alias) {
        let mut n = self.open("alias");
        self.ident(&mut n, "name", &a.name);
        self.opt_ident(&mut n, "asname", &a.asname);
        self.close(n, Some(&a.range));
    }

    fn keyword(&mut self, k: &Keyword) {
        let mut n = self.open("keyword");
        self.opt_ident(&mut n, "arg", &k.arg);
        self.field_expr(&mut n, "value", &k.value);
        self.close(n, Some(&k.range));
    }

    fn arg(&mut self, a: &Arg) {
        let mut n = self.open("arg");
        self.ident(&mut n, "arg", &a.arg);
        self.opt_expr(&mut n, "annotation", &a.annotation);
        self.opt_str(&mut n, "type_comment", &a.type_comment);
        self.close(n, Some(&a.range));
    }

    fn arguments(&mut self, a: &Arguments) {
        let mut n = self.open("arguments");
        self.list(&mut n, "posonlyargs", &a.posonlyargs, |d, a| d.arg(a));
        self.list(&mut n, "args", &a.args, |d, a| d.arg(a));
        if let Some(v) = &a.vararg {
            self.key(&mut n, "vararg");
            self.arg(v);
        }
        self.list(&mut n, "kwonlyargs", &a.kwonlyargs, |d, a| d.arg(a));
        self.opt_exprs(&mut n, "kw_defaults", &a.kw_defaults);
        if let Some(k) = &a.kwarg {
            self.key(&mut n, "kwarg");
            self.arg(k);
        }
        self.exprs(&mut n, "defaults", &a.defaults);
        self.close(n, None);
    }

    fn type_param(&mut self, t: &TypeParam) {
        let r = Some(&t.range);
        match &t.node {
            TypeParamKind::TypeVar {
                name,
                bound,
                default_value,
            } => {
                let mut n = self.open("TypeVar");
                self.ident(&mut n, "name", name);
                self.opt_expr(&mut n, "bound", bound);
                self.opt_expr(&mut n, "default_value", default_value);
                self.close(n, r);
            }
            TypeParamKind::ParamSpec {
                name,
                default_value,
            } => {
                let mut n = self.open("ParamSpec");
                self.ident(&mut n, "name", name);
                self.opt_expr(&mut n, "default_value", default_value);
                self.close(n, r);
            }
            TypeParamKind::TypeVarTuple {
                name,
                default_value,
            } => {
                let mut n = self.open("TypeVarTuple");
                self.ident(&mut n, "name", name);
                self.opt_expr(&mut n, "default_value", default_value);
                self.close(n, r);
            }
        }
    }

    fn comprehension(&mut self, c: &Comprehension) {
        let mut n = self.open("comprehension");
        self.field_expr(&mut n, "target", &c.target);
        self.field_expr(&mut n, "iter", &c.iter);
        self.exprs(&mut n, "ifs", &c.ifs);
        self.int(&mut n, "is_async", c.is_async as i64);
        self.close(n, None);
    }

    fn ctx(&mut self, n: &mut NodeW, ctx: ExprContext) {
        self.key(n, "ctx");
        self.bare(match ctx {
            ExprContext::Load => "Load",
            ExprContext::Store => "Store",
            ExprContext::Del => "Del",
        });
    }

    fn comp(&mut self, name: &str, elt: &Expr, generators: &[Comprehension], r: Option<&Range>) {
        let mut n = self.open(name);
        self.field_expr(&mut n, "elt", elt);
        self.list(&mut n, "generators", generators, |d, c| d.comprehension(c));
        self.close(n, r);
    }

    fn expr(&mut self, e: &Expr) {
        let r = Some(&e.range);
        match &e.node {
            ExprKind::BoolOp { op, values } => {
                let mut n = self.open("BoolOp");
                self.key(&mut n, "op");
                self.bare(match op {
                    BoolOp::And => "And",
                    BoolOp::Or => "Or",
                });
                self.exprs(&mut n, "values", values);
                self.close(n, r);
            }
            ExprKind::NamedExpr { target, value } => {
                let mut n = self.open("NamedExpr");
                self.field_expr(&mut n, "target", target);
                self.field_expr(&mut n, "value", value);
                self.close(n, r);
            }
            ExprKind::BinOp { left, op, right } => {
                let mut n = self.open("BinOp");
                self.field_expr(&mut n, "left", left);
                self.key(&mut n, "op");
                self.bare(operator_name(*op));
                self.field_expr(&mut n, "right", right);
                self.close(n, r);
            }
            ExprKind::UnaryOp { op, operand } => {
                let mut n = self.open("UnaryOp");
                self.key(&mut n, "op");
                self.bare(match op {
                    UnaryOp::Invert => "Invert",
                    UnaryOp::Not => "Not",
                    UnaryOp::UAdd => "UAdd",
                    UnaryOp::USub => "USub",
                });
                self.field_expr(&mut n, "operand", operand);
                self.close(n, r);
            }
            ExprKind::Lambda { args, body } => {
                let mut n = self.open("Lambda");
                self.key(&mut n, "args");
                self.arguments(args);
                self.field_expr(&mut n, "body", body);
                self.close(n, r);
            }
            ExprKind::IfExp { test, body, orelse } => {
                let mut n = self.open("IfExp");
                self.field_expr(&mut n, "test", test);
                self.field_expr(&mut n, "body", body);
                self.field_expr(&mut n, "orelse", orelse);
                self.close(n, r);
            }
            ExprKind::Dict { keys, values } => {
                let mut n = self.open("Dict");
                self.opt_exprs(&mut n, "keys", keys);
                self.exprs(&mut n, "values", values);
                self.close(n, r);
            }
            ExprKind::Set { elts } => {
                let mut n = self.open("Set");
                self.exprs(&mut n, "elts", elts);
                self.close(n, r);
            }
            ExprKind::ListComp { elt, generators } => self.comp("ListComp", elt, generators, r),
            ExprKind::SetComp { elt, generators } => self.comp("SetComp", elt, generators, r),
            ExprKind::GeneratorExp { elt, generators } => {
                self.comp("GeneratorExp", elt, generators, r)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                let mut n = self.open("DictComp");
                self.field_expr(&mut n, "key", key);
                self.field_expr(&mut n, "value", value);
                self.list(&mut n, "generators", generators, |d, c| d.comprehension(c));
                self.close(n, r);
            }
            ExprKind::Await { value } => {
                let mut n = self.open("Await");
                self.field_expr(&mut n, "value", value);
                self.close(n, r);
            }
            ExprKind::Yield { value } => {
                let mut n = self.open("Yield");
                self.opt_expr(&mut n, "value", value);
                self.close(n, r);
            }
            ExprKind::YieldFrom { value } => {
                let mut n = self.open("YieldFrom");
                self.field_expr(&mut n, "value", value);
                self.close(n, r);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                let mut n = self.open("Compare");
                self.field_expr(&mut n, "left", left);
                self.list(&mut n, "ops", ops, |d, op| d.bare(cmpop_name(*op)));
                self.exprs(&mut n, "comparators", comparators);
                self.close(n, r);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                let mut n = self.open("Call");
                self.field_expr(&mut n, "func", func);
                self.exprs(&mut n, "args", args);
                self.list(&mut n, "keywords", keywords, |d, k| d.keyword(k));
                self.close(n, r);
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                let mut n = self.open("FormattedValue");
                self.field_expr(&mut n, "value", value);
                self.int(&mut n, "conversion", *conversion as i64);
                self.opt_expr(&mut n, "format_spec", format_spec);
                self.close(n, r);
            }
            ExprKind::Interpolation {
                value,
                str,
                conversion,
                format_spec,
            } => {
                let mut n = self.open("Interpolation");
                self.field_expr(&mut n, "value", value);
                self.key(&mut n, "str");
                super::repr::constant_repr(str, &mut self.out);
                self.int(&mut n, "conversion", *conversion as i64);
                self.opt_expr(&mut n, "format_spec", format_spec);
                self.close(n, r);
            }
            ExprKind::JoinedStr { values } => {
                let mut n = self.open("JoinedStr");
                self.exprs(&mut n, "values", values);
                self.close(n, r);
            }
            ExprKind::TemplateStr { values } => {
                let mut n = self.open("TemplateStr");
                self.exprs(&mut n, "values", values);
                self.close(n, r);
            }
            ExprKind::Constant { value, kind } => {
                let mut n = self.open("Constant");
                self.key(&mut n, "value");
                super::repr::constant_repr(value, &mut self.out);
                self.opt_str(&mut n, "kind", kind);
                self.close(n, r);
            }
            ExprKind::Attribute { value, attr, ctx } => {
                let mut n = self.open("Attribute");
                self.field_expr(&mut n, "value", value);
                self.ident(&mut n, "attr", attr);
                self.ctx(&mut n, *ctx);
                self.close(n, r);
            }
            ExprKind::Subscript { value, slice, ctx } => {
                let mut n = self.open("Subscript");
                self.field_expr(&mut n, "value", value);
                self.field_expr(&mut n, "slice", slice);
                self.ctx(&mut n, *ctx);
                self.close(n, r);
            }
            ExprKind::Starred { value, ctx } => {
                let mut n = self.open("Starred");
                self.field_expr(&mut n, "value", value);
                self.ctx(&mut n, *ctx);
                self.close(n, r);
            }
            ExprKind::Name { id, ctx } => {
                let mut n = self.open("Name");
                self.ident(&mut n, "id", id);
                self.ctx(&mut n, *ctx);
                self.close(n, r);
            }
            ExprKind::List { elts, ctx } => {
                let mut n = self.open("List");
                self.exprs(&mut n, "elts", elts);
                self.ctx(&mut n, *ctx);
                self.close(n, r);
            }
            ExprKind::Tuple { elts, ctx } => {
                let mut n = self.open("Tuple");
                self.exprs(&mut n, "elts", elts);
                self.ctx(&mut n, *ctx);
                self.close(n, r);
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut n = self.open("Slice");
                self.opt_expr(&mut n, "lower", lower);
                self.opt_expr(&mut n, "upper", upper);
                self.opt_expr(&mut n, "step", step);
                self.close(n, r);
            }
        }
    }

    fn pattern(&mut self, p: &Pattern) {
        let r = Some(&p.range);
        match &p.node {
            PatternKind::MatchValue { value } => {
                let mut n = self.open("MatchValue");
                self.field_expr(&mut n, "value", value);
                self.close(n, r);
            }
            PatternKind::MatchSingleton { value } => {
                let mut n = self.open("MatchSingleton");
                self.key(&mut n, "value");
                super::repr::constant_repr(value, &mut self.out);
                self.close(n, r);
            }
            PatternKind::MatchSequence { patterns } => {
                let mut n = self.open("MatchSequence");
                self.list(&mut n, "patterns", patterns, |d, p| d.pattern(p));
                self.close(n, r);
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                let mut n = self.open("MatchMapping");
                self.exprs(&mut n, "keys", keys);
                self.list(&mut n, "patterns", patterns, |d, p| d.pattern(p));
                self.opt_ident(&mut n, "rest", rest);
                self.close(n, r);
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                let mut n = self.open("MatchClass");
                self.field_expr(&mut n, "cls", cls);
                self.list(&mut n, "patterns", patterns, |d, p| d.pattern(p));
                self.list(&mut n, "kwd_attrs", kwd_attrs, |d, s| d.str_lit(s));
                self.list(&mut n, "kwd_patterns", kwd_patterns, |d, p| d.pattern(p));
                self.close(n, r);
            }
            PatternKind::MatchStar { name } => {
                let mut n = self.open("MatchStar");
                self.opt_ident(&mut n, "name", name);
                self.close(n, r);
            }
            PatternKind::MatchAs { pattern, name } => {
                let mut n = self.open("MatchAs");
                if let Some(p) = pattern {
                    self.key(&mut n, "pattern");
                    self.pattern(p);
                }
                self.opt_ident(&mut n, "name", name);
                self.close(n, r);
            }
            PatternKind::MatchOr { patterns } => {
                let mut n = self.open("MatchOr");
                self.list(&mut n, "patterns", patterns, |d, p| d.pattern(p));
                self.close(n, r);
            }
        }
    }
}

pub fn operator_name(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add",
        Operator::Sub => "Sub",
        Operator::Mult => "Mult",
        Operator::MatMult => "MatMult",
        Operator::Div => "Div",
        Operator::Mod => "Mod",
        Operator::Pow => "Pow",
        Operator::LShift => "LShift",
        Operator::RShift => "RShift",
        Operator::BitOr => "BitOr",
        Operator::BitXor => "BitXor",
        Operator::BitAnd => "BitAnd",
        Operator::FloorDiv => "FloorDiv",
    }
}

pub fn cmpop_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
    }
}
