//! Frontend tree → `_ast` node objects (CPython's `ast2obj_*`), what `ast.parse` returns.
//!
//! Each node is allocated as a plain instance of its class and its fields are written
//! straight into the instance dict, in `_fields` order and then the position attributes,
//! as CPython's `PyObject_SetAttr` calls do. Operators and expression contexts are the
//! shared singletons of [`AstState`]. The tree's depth is bounded by the parser and the
//! compiler's nesting limits, except left-nested operator chains, which are walked with an
//! explicit depth check so that a 100,000-term sum raises RecursionError like CPython.

use frontend::ast::*;
use vm::object::{alloc, instance_dict, PyObjectBase};
use vm::objects::code::constant_to_value;
use vm::objects::dict::PyDict;
use vm::runtime::none;
use vm::{PyResult, ThreadState, Value};

use super::{AstState, K};

/// Deepest recursion of the conversion before RecursionError. Parsed trees nest deeper
/// than this only along left-recursive chains, which are converted iteratively; a level
/// costs well under 2 KiB of Rust stack, and threads have 16 MiB.
const MAX_DEPTH: u32 = 2000;

/// `ast.parse`'s conversion, after the `PyCF_OPTIMIZED_AST` pass when `optimize` is set.
pub(crate) fn mod_to_object(ts: &ThreadState, mut m: Mod, optimize: Option<u8>) -> PyResult<Value> {
    if let Some(level) = optimize {
        super::optimize::optimize_mod(&mut m, level);
    }
    let st = AstState::get(ts)?;
    let mut c = Conv { ts, st, depth: 0 };
    c.module(&m)
}

/// The child that continues a left-recursive chain (`a + b + c`, `a.b.c`, `f()()`, `x[1][2]`),
/// the only shapes the parser nests without bound.
fn spine_child(e: &Expr) -> Option<&Expr> {
    match &e.node {
        ExprKind::BinOp { left, .. } => Some(left),
        ExprKind::Attribute { value, .. } | ExprKind::Subscript { value, .. } => Some(value),
        ExprKind::Call { func, .. } => Some(func),
        _ => None,
    }
}

struct Conv<'a> {
    ts: &'a ThreadState,
    st: &'static AstState,
    depth: u32,
}

/// A node under construction: the object and its dict.
struct Node {
    obj: Value,
    dict: Value,
}

impl<'a> Conv<'a> {
    fn node(&self, k: K) -> PyResult<Node> {
        let cls = self.st.class(k);
        let obj = alloc(self.ts, cls.as_type(), PyObjectBase)?;
        let dict = instance_dict(&obj).ok_or_else(|| self.ts.runtime_error("node has no dict"))?;
        Ok(Node { obj, dict })
    }

    fn set(&self, n: &Node, name: &str, v: Value) -> PyResult<()> {
        let d = n
            .dict
            .downcast::<PyDict>()
            .ok_or_else(|| self.ts.runtime_error("node dict expected"))?;
        d.set_item(self.ts, self.st.key(self.ts, name), v)
    }

    fn range(&self, n: &Node, r: &Range) -> PyResult<()> {
        self.set(n, "lineno", self.ts.new_int(r.lineno as i64))?;
        self.set(n, "col_offset", self.ts.new_int(r.col_offset as i64))?;
        self.set(n, "end_lineno", self.ts.new_int(r.end_lineno as i64))?;
        self.set(
            n,
            "end_col_offset",
            self.ts.new_int(r.end_col_offset as i64),
        )
    }

    fn enter(&mut self) -> PyResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.ts.new_error(
                vm::runtime::types().exc.recursion_error,
                "maximum recursion depth exceeded during ast construction",
            ));
        }
        Ok(())
    }

    fn ident(&self, s: &str) -> Value {
        self.ts.new_str(s)
    }

    fn opt_ident(&self, s: &Option<Ident>) -> Value {
        match s {
            Some(s) => self.ident(s),
            None => none(),
        }
    }

    fn int(&self, i: i64) -> Value {
        self.ts.new_int(i)
    }

    fn list<T>(
        &mut self,
        items: &[T],
        mut each: impl FnMut(&mut Self, &T) -> PyResult<Value>,
    ) -> PyResult<Value> {
        let mut v = Vec::with_capacity(items.len());
        for it in items {
            v.push(each(self, it)?);
        }
        Ok(self.ts.new_list(v))
    }

    fn stmts(&mut self, items: &[Stmt]) -> PyResult<Value> {
        self.list(items, |c, s| c.stmt(s))
    }

    fn exprs(&mut self, items: &[Expr]) -> PyResult<Value> {
        self.list(items, |c, e| c.expr(e))
    }

    fn opt_exprs(&mut self, items: &[Option<Expr>]) -> PyResult<Value> {
        self.list(items, |c, e| match e {
            Some(e) => c.expr(e),
            None => Ok(none()),
        })
    }

    fn opt_expr(&mut self, e: &Option<Box<Expr>>) -> PyResult<Value> {
        match e {
            Some(e) => self.expr(e),
            None => Ok(none()),
        }
    }

    fn singleton(&self, k: K) -> PyResult<Value> {
        self.st
            .singleton(k)
            .cloned()
            .ok_or_else(|| self.ts.runtime_error("missing _ast singleton"))
    }

    fn module(&mut self, m: &Mod) -> PyResult<Value> {
        let n;
        match m {
            Mod::Module { body, type_ignores } => {
                n = self.node(K::Module)?;
                let v = self.stmts(body)?;
                self.set(&n, "body", v)?;
                let v = self.list(type_ignores, |c, t| {
                    let n = c.node(K::TypeIgnore)?;
                    c.set(&n, "lineno", c.int(t.lineno as i64))?;
                    c.set(&n, "tag", c.ident(&t.tag))?;
                    Ok(n.obj)
                })?;
                self.set(&n, "type_ignores", v)?;
            }
            Mod::Interactive { body } => {
                n = self.node(K::Interactive)?;
                let v = self.stmts(body)?;
                self.set(&n, "body", v)?;
            }
            Mod::Expression { body } => {
                n = self.node(K::Expression)?;
                let v = self.expr(body)?;
                self.set(&n, "body", v)?;
            }
            Mod::FunctionType { argtypes, returns } => {
                n = self.node(K::FunctionType)?;
                let v = self.exprs(argtypes)?;
                self.set(&n, "argtypes", v)?;
                let v = self.expr(returns)?;
                self.set(&n, "returns", v)?;
            }
        }
        Ok(n.obj)
    }

    fn stmt(&mut self, s: &Stmt) -> PyResult<Value> {
        self.enter()?;
        let r = self.stmt_inner(s);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: &Stmt) -> PyResult<Value> {
        let n = match &s.node {
            StmtKind::FunctionDef(f) => self.function_def(K::FunctionDef, f)?,
            StmtKind::AsyncFunctionDef(f) => self.function_def(K::AsyncFunctionDef, f)?,
            StmtKind::ClassDef(c) => {
                let n = self.node(K::ClassDef)?;
                self.set(&n, "name", self.ident(&c.name))?;
                let v = self.exprs(&c.bases)?;
                self.set(&n, "bases", v)?;
                let v = self.list(&c.keywords, |c, k| c.keyword(k))?;
                self.set(&n, "keywords", v)?;
                let v = self.stmts(&c.body)?;
                self.set(&n, "body", v)?;
                let v = self.exprs(&c.decorator_list)?;
                self.set(&n, "decorator_list", v)?;
                let v = self.list(&c.type_params, |c, t| c.type_param(t))?;
                self.set(&n, "type_params", v)?;
                n
            }
            StmtKind::Return { value } => {
                let n = self.node(K::Return)?;
                let v = self.opt_expr(value)?;
                self.set(&n, "value", v)?;
                n
            }
            StmtKind::Delete { targets } => {
                let n = self.node(K::Delete)?;
                let v = self.exprs(targets)?;
                self.set(&n, "targets", v)?;
                n
            }
            StmtKind::Assign {
                targets,
                value,
                type_comment,
            } => {
                let n = self.node(K::Assign)?;
                let v = self.exprs(targets)?;
                self.set(&n, "targets", v)?;
                let v = self.expr(value)?;
                self.set(&n, "value", v)?;
                self.set(&n, "type_comment", self.opt_ident(type_comment))?;
                n
            }
            StmtKind::TypeAlias {
                name,
                type_params,
                value,
            } => {
                let n = self.node(K::TypeAlias)?;
                let v = self.expr(name)?;
                self.set(&n, "name", v)?;
                let v = self.list(type_params, |c, t| c.type_param(t))?;
                self.set(&n, "type_params", v)?;
                let v = self.expr(value)?;
                self.set(&n, "value", v)?;
                n
            }
            StmtKind::AugAssign { target, op, value } => {
                let n = self.node(K::AugAssign)?;
                let v = self.expr(target)?;
                self.set(&n, "target", v)?;
                self.set(&n, "op", self.operator(*op)?)?;
                let v = self.expr(value)?;
                self.set(&n, "value", v)?;
                n
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                let n = self.node(K::AnnAssign)?;
                let v = self.expr(target)?;
                self.set(&n, "target", v)?;
                let v = self.expr(annotation)?;
                self.set(&n, "annotation", v)?;
                let v = self.opt_expr(value)?;
                self.set(&n, "value", v)?;
                self.set(&n, "simple", self.int(*simple as i64))?;
                n
            }
            StmtKind::For(f) => self.for_(K::For, f)?,
            StmtKind::AsyncFor(f) => self.for_(K::AsyncFor, f)?,
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                let k = if matches!(s.node, StmtKind::While { .. }) {
                    K::While
                } else {
                    K::If
                };
                let n = self.node(k)?;
                let v = self.expr(test)?;
                self.set(&n, "test", v)?;
                let v = self.stmts(body)?;
                self.set(&n, "body", v)?;
                let v = self.stmts(orelse)?;
                self.set(&n, "orelse", v)?;
                n
            }
            StmtKind::With {
                items,
                body,
                type_comment,
            }
            | StmtKind::AsyncWith {
                items,
                body,
                type_comment,
            } => {
                let k = if matches!(s.node, StmtKind::With { .. }) {
                    K::With
                } else {
                    K::AsyncWith
                };
                let n = self.node(k)?;
                let v = self.list(items, |c, w| {
                    let n = c.node(K::withitem)?;
                    let v = c.expr(&w.context_expr)?;
                    c.set(&n, "context_expr", v)?;
                    let v = c.opt_expr(&w.optional_vars)?;
                    c.set(&n, "optional_vars", v)?;
                    Ok(n.obj)
                })?;
                self.set(&n, "items", v)?;
                let v = self.stmts(body)?;
                self.set(&n, "body", v)?;
                self.set(&n, "type_comment", self.opt_ident(type_comment))?;
                n
            }
            StmtKind::Match { subject, cases } => {
                let n = self.node(K::Match)?;
                let v = self.expr(subject)?;
                self.set(&n, "subject", v)?;
                let v = self.list(cases, |c, mc| {
                    let n = c.node(K::match_case)?;
                    let v = c.pattern(&mc.pattern)?;
                    c.set(&n, "pattern", v)?;
                    let v = c.opt_expr(&mc.guard)?;
                    c.set(&n, "guard", v)?;
                    let v = c.stmts(&mc.body)?;
                    c.set(&n, "body", v)?;
                    Ok(n.obj)
                })?;
                self.set(&n, "cases", v)?;
                n
            }
            StmtKind::Raise { exc, cause } => {
                let n = self.node(K::Raise)?;
                let v = self.opt_expr(exc)?;
                self.set(&n, "exc", v)?;
                let v = self.opt_expr(cause)?;
                self.set(&n, "cause", v)?;
                n
            }
            StmtKind::Try(t) => self.try_(K::Try, t)?,
            StmtKind::TryStar(t) => self.try_(K::TryStar, t)?,
            StmtKind::Assert { test, msg } => {
                let n = self.node(K::Assert)?;
                let v = self.expr(test)?;
                self.set(&n, "test", v)?;
                let v = self.opt_expr(msg)?;
                self.set(&n, "msg", v)?;
                n
            }
            StmtKind::Import { names } => {
                let n = self.node(K::Import)?;
                let v = self.list(names, |c, a| c.alias(a))?;
                self.set(&n, "names", v)?;
                n
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                let n = self.node(K::ImportFrom)?;
                self.set(&n, "module", self.opt_ident(module))?;
                let v = self.list(names, |c, a| c.alias(a))?;
                self.set(&n, "names", v)?;
                self.set(&n, "level", self.int(*level as i64))?;
                n
            }
            StmtKind::Global { names } | StmtKind::Nonlocal { names } => {
                let k = if matches!(s.node, StmtKind::Global { .. }) {
                    K::Global
                } else {
                    K::Nonlocal
                };
                let n = self.node(k)?;
                let v = self.list(names, |c, s| Ok(c.ident(s)))?;
                self.set(&n, "names", v)?;
                n
            }
            StmtKind::Expr { value } => {
                let n = self.node(K::Expr)?;
                let v = self.expr(value)?;
                self.set(&n, "value", v)?;
                n
            }
            StmtKind::Pass => self.node(K::Pass)?,
            StmtKind::Break => self.node(K::Break)?,
            StmtKind::Continue => self.node(K::Continue)?,
        };
        self.range(&n, &s.range)?;
        Ok(n.obj)
    }

    fn function_def(&mut self, k: K, f: &FunctionDef) -> PyResult<Node> {
        let n = self.node(k)?;
        self.set(&n, "name", self.ident(&f.name))?;
        let v = self.arguments(&f.args)?;
        self.set(&n, "args", v)?;
        let v = self.stmts(&f.body)?;
        self.set(&n, "body", v)?;
        let v = self.exprs(&f.decorator_list)?;
        self.set(&n, "decorator_list", v)?;
        let v = self.opt_expr(&f.returns)?;
        self.set(&n, "returns", v)?;
        self.set(&n, "type_comment", self.opt_ident(&f.type_comment))?;
        let v = self.list(&f.type_params, |c, t| c.type_param(t))?;
        self.set(&n, "type_params", v)?;
        Ok(n)
    }

    fn for_(&mut self, k: K, f: &For) -> PyResult<Node> {
        let n = self.node(k)?;
        let v = self.expr(&f.target)?;
        self.set(&n, "target", v)?;
        let v = self.expr(&f.iter)?;
        self.set(&n, "iter", v)?;
        let v = self.stmts(&f.body)?;
        self.set(&n, "body", v)?;
        let v = self.stmts(&f.orelse)?;
        self.set(&n, "orelse", v)?;
        self.set(&n, "type_comment", self.opt_ident(&f.type_comment))?;
        Ok(n)
    }

    fn try_(&mut self, k: K, t: &Try) -> PyResult<Node> {
        let n = self.node(k)?;
        let v = self.stmts(&t.body)?;
        self.set(&n, "body", v)?;
        let v = self.list(&t.handlers, |c, h| {
            c.enter()?;
            let n = c.node(K::ExceptHandler)?;
            let v = c.opt_expr(&h.ty)?;
            c.set(&n, "type", v)?;
            c.set(&n, "name", c.opt_ident(&h.name))?;
            let v = c.stmts(&h.body)?;
            c.set(&n, "body", v)?;
            c.range(&n, &h.range)?;
            c.depth -= 1;
            Ok(n.obj)
        })?;
        self.set(&n, "handlers", v)?;
        let v = self.stmts(&t.orelse)?;
        self.set(&n, "orelse", v)?;
        let v = self.stmts(&t.finalbody)?;
        self.set(&n, "finalbody", v)?;
        Ok(n)
    }

    fn arguments(&mut self, a: &Arguments) -> PyResult<Value> {
        let n = self.node(K::arguments)?;
        let v = self.list(&a.posonlyargs, |c, a| c.arg(a))?;
        self.set(&n, "posonlyargs", v)?;
        let v = self.list(&a.args, |c, a| c.arg(a))?;
        self.set(&n, "args", v)?;
        let v = match &a.vararg {
            Some(a) => self.arg(a)?,
            None => none(),
        };
        self.set(&n, "vararg", v)?;
        let v = self.list(&a.kwonlyargs, |c, a| c.arg(a))?;
        self.set(&n, "kwonlyargs", v)?;
        let v = self.opt_exprs(&a.kw_defaults)?;
        self.set(&n, "kw_defaults", v)?;
        let v = match &a.kwarg {
            Some(a) => self.arg(a)?,
            None => none(),
        };
        self.set(&n, "kwarg", v)?;
        let v = self.exprs(&a.defaults)?;
        self.set(&n, "defaults", v)?;
        Ok(n.obj)
    }

    fn arg(&mut self, a: &Arg) -> PyResult<Value> {
        let n = self.node(K::arg)?;
        self.set(&n, "arg", self.ident(&a.arg))?;
        let v = self.opt_expr(&a.annotation)?;
        self.set(&n, "annotation", v)?;
        self.set(&n, "type_comment", self.opt_ident(&a.type_comment))?;
        self.range(&n, &a.range)?;
        Ok(n.obj)
    }

    fn keyword(&mut self, k: &Keyword) -> PyResult<Value> {
        let n = self.node(K::keyword)?;
        self.set(&n, "arg", self.opt_ident(&k.arg))?;
        let v = self.expr(&k.value)?;
        self.set(&n, "value", v)?;
        self.range(&n, &k.range)?;
        Ok(n.obj)
    }

    fn alias(&mut self, a: &Alias) -> PyResult<Value> {
        let n = self.node(K::alias)?;
        self.set(&n, "name", self.ident(&a.name))?;
        self.set(&n, "asname", self.opt_ident(&a.asname))?;
        self.range(&n, &a.range)?;
        Ok(n.obj)
    }

    fn type_param(&mut self, t: &TypeParam) -> PyResult<Value> {
        let n = match &t.node {
            TypeParamKind::TypeVar {
                name,
                bound,
                default_value,
            } => {
                let n = self.node(K::TypeVar)?;
                self.set(&n, "name", self.ident(name))?;
                let v = self.opt_expr(bound)?;
                self.set(&n, "bound", v)?;
                let v = self.opt_expr(default_value)?;
                self.set(&n, "default_value", v)?;
                n
            }
            TypeParamKind::ParamSpec {
                name,
                default_value,
            }
            | TypeParamKind::TypeVarTuple {
                name,
                default_value,
            } => {
                let k = if matches!(t.node, TypeParamKind::ParamSpec { .. }) {
                    K::ParamSpec
                } else {
                    K::TypeVarTuple
                };
                let n = self.node(k)?;
                self.set(&n, "name", self.ident(name))?;
                let v = self.opt_expr(default_value)?;
                self.set(&n, "default_value", v)?;
                n
            }
        };
        self.range(&n, &t.range)?;
        Ok(n.obj)
    }

    fn comprehensions(&mut self, gens: &[Comprehension]) -> PyResult<Value> {
        self.list(gens, |c, g| {
            let n = c.node(K::comprehension)?;
            let v = c.expr(&g.target)?;
            c.set(&n, "target", v)?;
            let v = c.expr(&g.iter)?;
            c.set(&n, "iter", v)?;
            let v = c.exprs(&g.ifs)?;
            c.set(&n, "ifs", v)?;
            c.set(&n, "is_async", c.int(g.is_async as i64))?;
            Ok(n.obj)
        })
    }

    fn expr(&mut self, e: &Expr) -> PyResult<Value> {
        self.enter()?;
        let r = self.expr_chain(e);
        self.depth -= 1;
        r
    }

    /// Converts `e`, walking a left-recursive chain bottom-up without recursing along it.
    fn expr_chain(&mut self, e: &Expr) -> PyResult<Value> {
        let mut spine = Vec::new();
        let mut cur = e;
        while let Some(inner) = spine_child(cur) {
            spine.push(cur);
            cur = inner;
        }
        let mut obj = self.expr_inner(cur, None)?;
        for node in spine.iter().rev() {
            obj = self.expr_inner(node, Some(obj))?;
        }
        Ok(obj)
    }

    /// Converts one node; `first` is its already converted chain child (see [`spine_child`]).
    fn expr_inner(&mut self, e: &Expr, first: Option<Value>) -> PyResult<Value> {
        let mut first = first;
        let mut child = |c: &mut Self, x: &Expr| match first.take() {
            Some(v) => Ok(v),
            None => c.expr(x),
        };
        let n = match &e.node {
            ExprKind::BoolOp { op, values } => {
                let n = self.node(K::BoolOp)?;
                let k = match op {
                    BoolOp::And => K::And,
                    BoolOp::Or => K::Or,
                };
                self.set(&n, "op", self.singleton(k)?)?;
                let v = self.exprs(values)?;
                self.set(&n, "values", v)?;
                n
            }
            ExprKind::NamedExpr { target, value } => {
                let n = self.node(K::NamedExpr)?;
                let v = self.expr(target)?;
                self.set(&n, "target", v)?;
                let v = self.expr(value)?;
                self.set(&n, "value", v)?;
                n
            }
            ExprKind::BinOp { left, op, right } => {
                let n = self.node(K::BinOp)?;
                let v = child(self, left)?;
                self.set(&n, "left", v)?;
                self.set(&n, "op", self.operator(*op)?)?;
                let v = self.expr(right)?;
                self.set(&n, "right", v)?;
                n
            }
            ExprKind::UnaryOp { op, operand } => {
                let n = self.node(K::UnaryOp)?;
                let k = match op {
                    UnaryOp::Invert => K::Invert,
                    UnaryOp::Not => K::Not,
                    UnaryOp::UAdd => K::UAdd,
                    UnaryOp::USub => K::USub,
                };
                self.set(&n, "op", self.singleton(k)?)?;
                let v = self.expr(operand)?;
                self.set(&n, "operand", v)?;
                n
            }
            ExprKind::Lambda { args, body } => {
                let n = self.node(K::Lambda)?;
                let v = self.arguments(args)?;
                self.set(&n, "args", v)?;
                let v = self.expr(body)?;
                self.set(&n, "body", v)?;
                n
            }
            ExprKind::IfExp { test, body, orelse } => {
                let n = self.node(K::IfExp)?;
                let v = self.expr(test)?;
                self.set(&n, "test", v)?;
                let v = self.expr(body)?;
                self.set(&n, "body", v)?;
                let v = self.expr(orelse)?;
                self.set(&n, "orelse", v)?;
                n
            }
            ExprKind::Dict { keys, values } => {
                let n = self.node(K::Dict)?;
                let v = self.opt_exprs(keys)?;
                self.set(&n, "keys", v)?;
                let v = self.exprs(values)?;
                self.set(&n, "values", v)?;
                n
            }
            ExprKind::Set { elts } => {
                let n = self.node(K::Set)?;
                let v = self.exprs(elts)?;
                self.set(&n, "elts", v)?;
                n
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                let k = match e.node {
                    ExprKind::ListComp { .. } => K::ListComp,
                    ExprKind::SetComp { .. } => K::SetComp,
                    _ => K::GeneratorExp,
                };
                let n = self.node(k)?;
                let v = self.expr(elt)?;
                self.set(&n, "elt", v)?;
                let v = self.comprehensions(generators)?;
                self.set(&n, "generators", v)?;
                n
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                let n = self.node(K::DictComp)?;
                let v = self.expr(key)?;
                self.set(&n, "key", v)?;
                let v = self.expr(value)?;
                self.set(&n, "value", v)?;
                let v = self.comprehensions(generators)?;
                self.set(&n, "generators", v)?;
                n
            }
            ExprKind::Await { value } | ExprKind::YieldFrom { value } => {
                let k = if matches!(e.node, ExprKind::Await { .. }) {
                    K::Await
                } else {
                    K::YieldFrom
                };
                let n = self.node(k)?;
                let v = self.expr(value)?;
                self.set(&n, "value", v)?;
                n
            }
            ExprKind::Yield { value } => {
                let n = self.node(K::Yield)?;
                let v = self.opt_expr(value)?;
                self.set(&n, "value", v)?;
                n
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                let n = self.node(K::Compare)?;
                let v = self.expr(left)?;
                self.set(&n, "left", v)?;
                let v = self.list(ops, |c, op| c.singleton(cmpop_kind(*op)))?;
                self.set(&n, "ops", v)?;
                let v = self.exprs(comparators)?;
                self.set(&n, "comparators", v)?;
                n
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                let n = self.node(K::Call)?;
                let v = child(self, func)?;
                self.set(&n, "func", v)?;
                let v = self.exprs(args)?;
                self.set(&n, "args", v)?;
                let v = self.list(keywords, |c, k| c.keyword(k))?;
                self.set(&n, "keywords", v)?;
                n
            }
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                let n = self.node(K::FormattedValue)?;
                let v = self.expr(value)?;
                self.set(&n, "value", v)?;
                self.set(&n, "conversion", self.int(*conversion as i64))?;
                let v = self.opt_expr(format_spec)?;
                self.set(&n, "format_spec", v)?;
                n
            }
            ExprKind::Interpolation {
                value,
                str,
                conversion,
                format_spec,
            } => {
                let n = self.node(K::Interpolation)?;
                let v = self.expr(value)?;
                self.set(&n, "value", v)?;
                self.set(&n, "str", constant_to_value(self.ts, str)?)?;
                self.set(&n, "conversion", self.int(*conversion as i64))?;
                let v = self.opt_expr(format_spec)?;
                self.set(&n, "format_spec", v)?;
                n
            }
            ExprKind::JoinedStr { values } | ExprKind::TemplateStr { values } => {
                let k = if matches!(e.node, ExprKind::JoinedStr { .. }) {
                    K::JoinedStr
                } else {
                    K::TemplateStr
                };
                let n = self.node(k)?;
                let v = self.exprs(values)?;
                self.set(&n, "values", v)?;
                n
            }
            ExprKind::Constant { value, kind } => {
                let n = self.node(K::Constant)?;
                self.set(&n, "value", constant_to_value(self.ts, value)?)?;
                self.set(&n, "kind", self.opt_ident(kind))?;
                n
            }
            ExprKind::Attribute { value, attr, ctx } => {
                let n = self.node(K::Attribute)?;
                let v = child(self, value)?;
                self.set(&n, "value", v)?;
                self.set(&n, "attr", self.ident(attr))?;
                self.set(&n, "ctx", self.ctx(*ctx)?)?;
                n
            }
            ExprKind::Subscript { value, slice, ctx } => {
                let n = self.node(K::Subscript)?;
                let v = child(self, value)?;
                self.set(&n, "value", v)?;
                let v = self.expr(slice)?;
                self.set(&n, "slice", v)?;
                self.set(&n, "ctx", self.ctx(*ctx)?)?;
                n
            }
            ExprKind::Starred { value, ctx } => {
                let n = self.node(K::Starred)?;
                let v = self.expr(value)?;
                self.set(&n, "value", v)?;
                self.set(&n, "ctx", self.ctx(*ctx)?)?;
                n
            }
            ExprKind::Name { id, ctx } => {
                let n = self.node(K::Name)?;
                self.set(&n, "id", self.ident(id))?;
                self.set(&n, "ctx", self.ctx(*ctx)?)?;
                n
            }
            ExprKind::List { elts, ctx } | ExprKind::Tuple { elts, ctx } => {
                let k = if matches!(e.node, ExprKind::List { .. }) {
                    K::List
                } else {
                    K::Tuple
                };
                let n = self.node(k)?;
                let v = self.exprs(elts)?;
                self.set(&n, "elts", v)?;
                self.set(&n, "ctx", self.ctx(*ctx)?)?;
                n
            }
            ExprKind::Slice { lower, upper, step } => {
                let n = self.node(K::Slice)?;
                let v = self.opt_expr(lower)?;
                self.set(&n, "lower", v)?;
                let v = self.opt_expr(upper)?;
                self.set(&n, "upper", v)?;
                let v = self.opt_expr(step)?;
                self.set(&n, "step", v)?;
                n
            }
        };
        self.range(&n, &e.range)?;
        Ok(n.obj)
    }

    fn ctx(&self, c: ExprContext) -> PyResult<Value> {
        self.singleton(match c {
            ExprContext::Load => K::Load,
            ExprContext::Store => K::Store,
            ExprContext::Del => K::Del,
        })
    }

    fn operator(&self, op: Operator) -> PyResult<Value> {
        self.singleton(operator_kind(op))
    }

    fn pattern(&mut self, p: &Pattern) -> PyResult<Value> {
        self.enter()?;
        let r = self.pattern_inner(p);
        self.depth -= 1;
        r
    }

    fn patterns(&mut self, ps: &[Pattern]) -> PyResult<Value> {
        self.list(ps, |c, p| c.pattern(p))
    }

    fn pattern_inner(&mut self, p: &Pattern) -> PyResult<Value> {
        let n = match &p.node {
            PatternKind::MatchValue { value } => {
                let n = self.node(K::MatchValue)?;
                let v = self.expr(value)?;
                self.set(&n, "value", v)?;
                n
            }
            PatternKind::MatchSingleton { value } => {
                let n = self.node(K::MatchSingleton)?;
                self.set(&n, "value", constant_to_value(self.ts, value)?)?;
                n
            }
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                let k = if matches!(p.node, PatternKind::MatchSequence { .. }) {
                    K::MatchSequence
                } else {
                    K::MatchOr
                };
                let n = self.node(k)?;
                let v = self.patterns(patterns)?;
                self.set(&n, "patterns", v)?;
                n
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                let n = self.node(K::MatchMapping)?;
                let v = self.exprs(keys)?;
                self.set(&n, "keys", v)?;
                let v = self.patterns(patterns)?;
                self.set(&n, "patterns", v)?;
                self.set(&n, "rest", self.opt_ident(rest))?;
                n
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                let n = self.node(K::MatchClass)?;
                let v = self.expr(cls)?;
                self.set(&n, "cls", v)?;
                let v = self.patterns(patterns)?;
                self.set(&n, "patterns", v)?;
                let v = self.list(kwd_attrs, |c, s| Ok(c.ident(s)))?;
                self.set(&n, "kwd_attrs", v)?;
                let v = self.patterns(kwd_patterns)?;
                self.set(&n, "kwd_patterns", v)?;
                n
            }
            PatternKind::MatchStar { name } => {
                let n = self.node(K::MatchStar)?;
                self.set(&n, "name", self.opt_ident(name))?;
                n
            }
            PatternKind::MatchAs { pattern, name } => {
                let n = self.node(K::MatchAs)?;
                let v = match pattern {
                    Some(p) => self.pattern(p)?,
                    None => none(),
                };
                self.set(&n, "pattern", v)?;
                self.set(&n, "name", self.opt_ident(name))?;
                n
            }
        };
        self.range(&n, &p.range)?;
        Ok(n.obj)
    }
}

pub(crate) fn operator_kind(op: Operator) -> K {
    match op {
        Operator::Add => K::Add,
        Operator::Sub => K::Sub,
        Operator::Mult => K::Mult,
        Operator::MatMult => K::MatMult,
        Operator::Div => K::Div,
        Operator::Mod => K::Mod,
        Operator::Pow => K::Pow,
        Operator::LShift => K::LShift,
        Operator::RShift => K::RShift,
        Operator::BitOr => K::BitOr,
        Operator::BitXor => K::BitXor,
        Operator::BitAnd => K::BitAnd,
        Operator::FloorDiv => K::FloorDiv,
    }
}

pub(crate) fn cmpop_kind(op: CmpOp) -> K {
    match op {
        CmpOp::Eq => K::Eq,
        CmpOp::NotEq => K::NotEq,
        CmpOp::Lt => K::Lt,
        CmpOp::LtE => K::LtE,
        CmpOp::Gt => K::Gt,
        CmpOp::GtE => K::GtE,
        CmpOp::Is => K::Is,
        CmpOp::IsNot => K::IsNot,
        CmpOp::In => K::In,
        CmpOp::NotIn => K::NotIn,
    }
}
