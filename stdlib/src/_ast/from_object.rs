//! `_ast` node objects → frontend tree (CPython's `PyAST_obj2mod` and `obj2ast_*`), for
//! `compile(tree, filename, mode)`.
//!
//! Fields are read with `getattr`, so class-level defaults (`None` for optional fields) and
//! properties count, as in CPython. The errors are CPython's, in its order: a missing
//! required field or attribute (`required field "lineno" missing from stmt`), a list field
//! that is not a list, a node of the wrong sort (`expected some sort of expr, but got ...`),
//! ill-typed identifiers, strings and ints; then, once all of a node's fields are read, a
//! required field holding `None` (`field 'value' is required for Expr`).
//!
//! Checks of CPython's later validation pass that need values the frontend tree cannot
//! hold (constants of other types, `None` in statement and expression lists) are made here
//! and their first failure is reported after the conversion succeeds, before
//! [`super::validate`] runs; everything else `PyAST_Validate` checks is done there on the
//! converted tree.

use frontend::ast::*;
use frontend::Mode;
use vm::objects::float::{PyComplex, PyFloat};
use vm::objects::list::PyList;
use vm::objects::str::PyStr;
use vm::runtime::types;
use vm::{protocols, PyErr, PyResult, ThreadState, Value};

use super::{AstState, K};

/// Deepest nesting converted before RecursionError (see `to_object::MAX_DEPTH`).
const MAX_DEPTH: u32 = 2000;

/// `compile()`'s conversion of an AST object for `mode`, validated.
pub(crate) fn object_to_mod(ts: &ThreadState, v: &Value, mode: Mode) -> PyResult<Mod> {
    let st = AstState::get(ts)?;
    let (want, name) = match mode {
        Mode::Exec => (K::Module, "Module"),
        Mode::Eval => (K::Expression, "Expression"),
        Mode::Single => (K::Interactive, "Interactive"),
        Mode::FuncType => (K::FunctionType, "FunctionType"),
    };
    if !st.is_instance(v, want) {
        return Err(ts.type_error(format!(
            "expected {name} node, got {}",
            short_name(&v.class().name())
        )));
    }
    let mut r = Reader {
        ts,
        st,
        depth: 0,
        deferred: None,
    };
    let m = r.module(v)?;
    if let Some(e) = r.deferred.take() {
        return Err(e);
    }
    super::validate::validate_mod(ts, &m)?;
    Ok(m)
}

/// `_PyType_Name`: the part after the last dot.
fn short_name(n: &str) -> &str {
    n.rsplit('.').next().unwrap_or(n)
}

struct Reader<'a> {
    ts: &'a ThreadState,
    st: &'static AstState,
    depth: u32,
    /// The first failure of the checks made early for the validator (see the module doc).
    deferred: Option<PyErr>,
}

type R<T> = PyResult<T>;

impl Reader<'_> {
    fn attr(&self, obj: &Value, name: &str) -> R<Option<Value>> {
        protocols::get_attr_opt(self.ts, obj, &self.st.key(self.ts, name))
    }

    /// A field that must be present (it may hold `None`).
    fn required(&self, obj: &Value, name: &str, owner: &str) -> R<Value> {
        self.attr(obj, name)?.ok_or_else(|| {
            self.ts
                .type_error(format!("required field \"{name}\" missing from {owner}"))
        })
    }

    /// An optional field: absent and `None` are the same.
    fn optional(&self, obj: &Value, name: &str) -> R<Option<Value>> {
        Ok(self.attr(obj, name)?.filter(|v| !v.is_none()))
    }

    /// A list field (absent means empty), converted item by item.
    fn list<T>(
        &mut self,
        obj: &Value,
        name: &str,
        owner: &str,
        mut each: impl FnMut(&mut Self, &Value) -> R<T>,
    ) -> R<Vec<T>> {
        let Some(v) = self.attr(obj, name)? else {
            return Ok(Vec::new());
        };
        let Some(list) = v
            .downcast::<PyList>()
            .filter(|_| v.class().is_subtype(types().list))
        else {
            return Err(self.ts.type_error(format!(
                "{owner} field \"{name}\" must be a list, not a {}",
                short_name(&v.class().name())
            )));
        };
        let items = list.to_vec(self.ts);
        let mut out = Vec::with_capacity(items.len());
        for it in &items {
            self.enter(owner)?;
            let r = each(self, it);
            self.depth -= 1;
            out.push(r?);
            if list.len(self.ts) != items.len() {
                return Err(self.ts.runtime_error(format!(
                    "{owner} field \"{name}\" changed size during iteration"
                )));
            }
        }
        Ok(out)
    }

    fn enter(&mut self, owner: &str) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(self.ts.recursion_error(format!(
                "maximum recursion depth exceeded while traversing '{owner}' node"
            )));
        }
        Ok(())
    }

    /// Converts a non-list field's value, counting the recursion.
    fn nested<T>(&mut self, owner: &str, f: impl FnOnce(&mut Self) -> R<T>) -> R<T> {
        self.enter(owner)?;
        let r = f(self);
        self.depth -= 1;
        r
    }

    /// The constructor's check of a required field that held `None`.
    fn need<T>(&self, v: Option<T>, field: &str, owner: &str) -> R<T> {
        v.ok_or_else(|| {
            self.ts
                .value_error(format!("field '{field}' is required for {owner}"))
        })
    }

    fn defer(&mut self, e: PyErr) {
        if self.deferred.is_none() {
            self.deferred = Some(e);
        }
    }

    // --- leaves ---

    /// `obj2ast_identifier`: an exact str or `None`.
    fn identifier(&self, v: &Value) -> R<Option<Ident>> {
        if v.is_none() {
            return Ok(None);
        }
        match v.downcast::<PyStr>() {
            Some(s) if std::ptr::eq(v.class(), types().str) => {
                Ok(Some(s.to_string_lossy().into_boxed_str()))
            }
            _ => Err(self.ts.type_error("AST identifier must be of type str")),
        }
    }

    /// `obj2ast_string`.
    fn string(&self, v: &Value) -> R<Option<Box<str>>> {
        if v.is_none() {
            return Ok(None);
        }
        match v.downcast::<PyStr>() {
            Some(s) if std::ptr::eq(v.class(), types().str) => {
                Ok(Some(s.to_string_lossy().into_boxed_str()))
            }
            _ => Err(self.ts.type_error("AST string must be of type str")),
        }
    }

    /// `obj2ast_int`: any int (bool included) that fits a C int.
    fn int(&self, v: &Value) -> R<i32> {
        let Some(i) = vm::objects::int::as_int(v) else {
            let r = protocols::repr_string(self.ts, v)?;
            return Err(self.ts.value_error(format!("invalid integer value: {r}")));
        };
        i.to_i64()
            .and_then(|i| i32::try_from(i).ok())
            .ok_or_else(|| {
                self.ts
                    .overflow_error("Python int too large to convert to C int")
            })
    }

    fn req_identifier(&self, obj: &Value, name: &str, owner: &str) -> R<Option<Ident>> {
        let v = self.required(obj, name, owner)?;
        self.identifier(&v)
    }

    fn opt_identifier(&self, obj: &Value, name: &str) -> R<Option<Ident>> {
        match self.optional(obj, name)? {
            Some(v) => self.identifier(&v),
            None => Ok(None),
        }
    }

    fn opt_string(&self, obj: &Value, name: &str) -> R<Option<Box<str>>> {
        match self.optional(obj, name)? {
            Some(v) => self.string(&v),
            None => Ok(None),
        }
    }

    fn req_int(&self, obj: &Value, name: &str, owner: &str) -> R<i32> {
        let v = self.required(obj, name, owner)?;
        self.int(&v)
    }

    fn identifiers(&mut self, obj: &Value, name: &str, owner: &str) -> R<Vec<Ident>> {
        let items = self.list(obj, name, owner, |r, v| r.identifier(v))?;
        // CPython keeps a NULL here; nothing downstream accepts one.
        items
            .into_iter()
            .map(|i| {
                i.ok_or_else(|| {
                    self.ts
                        .value_error(format!("None disallowed in {owner}.{name}"))
                })
            })
            .collect()
    }

    /// `obj2ast_constant` plus `validate_constant`'s type check (deferred).
    fn constant(&mut self, v: &Value) -> R<Constant> {
        match self.try_constant(v)? {
            Ok(c) => Ok(c),
            Err(bad) => {
                let e = self.ts.type_error(format!(
                    "got an invalid type in Constant: {}",
                    short_name(&bad)
                ));
                self.defer(e);
                Ok(Constant::None)
            }
        }
    }

    /// The constant, or the name of the first value of a type a constant cannot hold.
    fn try_constant(&self, v: &Value) -> R<Result<Constant, String>> {
        let t = types();
        let cls = v.class();
        let is = |ty: &vm::objects::typeobj::PyType| std::ptr::eq(cls, ty);
        let c = if v.is_none() {
            Constant::None
        } else if v.is(&vm::runtime::ellipsis()) {
            Constant::Ellipsis
        } else if is(t.bool) {
            if v.is_true_obj() {
                Constant::True
            } else {
                Constant::False
            }
        } else if is(t.int) {
            match vm::objects::int::as_int(v) {
                Some(i) => Constant::Int(Int::from_bigint(i.to_big())),
                None => return Ok(Err(cls.name())),
            }
        } else if is(t.float) {
            match v.downcast::<PyFloat>() {
                Some(f) => Constant::Float(f.v),
                None => return Ok(Err(cls.name())),
            }
        } else if is(t.complex) {
            match v.downcast::<PyComplex>() {
                Some(c) => Constant::Complex {
                    real: c.re,
                    imag: c.im,
                },
                None => return Ok(Err(cls.name())),
            }
        } else if is(t.str) {
            match v.downcast::<PyStr>() {
                Some(s) => Constant::Str(s.to_wtf8()),
                None => return Ok(Err(cls.name())),
            }
        } else if is(t.bytes) {
            match vm::objects::bytes::bytes_data(v) {
                Some(b) => Constant::Bytes(b),
                None => return Ok(Err(cls.name())),
            }
        } else if is(t.tuple) || is(t.frozenset) {
            let items = if is(t.tuple) {
                v.as_tuple_slice().to_vec()
            } else {
                protocols::collect(self.ts, v)?
            };
            let mut out = Vec::with_capacity(items.len());
            for it in &items {
                match self.try_constant(it)? {
                    Ok(c) => out.push(c),
                    Err(bad) => return Ok(Err(bad)),
                }
            }
            if is(t.tuple) {
                Constant::Tuple(out)
            } else {
                Constant::FrozenSet(out)
            }
        } else {
            return Ok(Err(cls.name()));
        };
        Ok(Ok(c))
    }

    /// The position attributes; `end_*` default to the start when absent or `None`.
    ///
    /// Positions are C ints. For a node the validator checks (`checked`), a range that
    /// fails `VALIDATE_POSITIONS` keeps its values' bits (`as u32`) so that the validator
    /// reports them; otherwise negative values become 0, which keeps a valid range valid,
    /// and the compiler only ever sees ordinary positions.
    fn range(&mut self, obj: &Value, owner: &str, optional_end: bool, checked: bool) -> R<Range> {
        let lineno = self.req_int(obj, "lineno", owner)?;
        let col = self.req_int(obj, "col_offset", owner)?;
        let (end_lineno, end_col) = if optional_end {
            let el = match self.optional(obj, "end_lineno")? {
                Some(v) => self.int(&v)?,
                None => lineno,
            };
            let ec = match self.optional(obj, "end_col_offset")? {
                Some(v) => self.int(&v)?,
                None => col,
            };
            (el, ec)
        } else {
            (
                self.req_int(obj, "end_lineno", owner)?,
                self.req_int(obj, "end_col_offset", owner)?,
            )
        };
        let raw = checked && !positions_valid(lineno, col, end_lineno, end_col);
        let u = |i: i32| if raw { i as u32 } else { i.max(0) as u32 };
        Ok(Range::new(u(lineno), u(col), u(end_lineno), u(end_col)))
    }

    /// The kind of a sum-type value, or CPython's "expected some sort of" error.
    fn sort(&self, v: &Value, sum: &str, is_member: impl Fn(K) -> bool) -> R<K> {
        match self.st.kind_of(v).filter(|&k| is_member(k)) {
            Some(k) => Ok(k),
            None => {
                let r = protocols::repr_string(self.ts, v)?;
                Err(self
                    .ts
                    .type_error(format!("expected some sort of {sum}, but got {r}")))
            }
        }
    }

    // --- mod ---

    fn module(&mut self, v: &Value) -> R<Mod> {
        let k = self.sort(v, "mod", |k| {
            matches!(
                k,
                K::Module | K::Interactive | K::Expression | K::FunctionType
            )
        })?;
        Ok(match k {
            K::Module => {
                let body = self.stmts(v, "body", "Module")?;
                let type_ignores =
                    self.list(v, "type_ignores", "Module", |r, t| r.type_ignore(t))?;
                Mod::Module { body, type_ignores }
            }
            K::Interactive => Mod::Interactive {
                body: self.stmts(v, "body", "Interactive")?,
            },
            K::Expression => {
                let body = self.req_expr(v, "body", "Expression")?;
                Mod::Expression {
                    body: Box::new(self.need(body, "body", "Expression")?),
                }
            }
            _ => {
                let argtypes = self.exprs(v, "argtypes", "FunctionType")?;
                let returns = self.req_expr(v, "returns", "FunctionType")?;
                Mod::FunctionType {
                    argtypes,
                    returns: Box::new(self.need(returns, "returns", "FunctionType")?),
                }
            }
        })
    }

    fn type_ignore(&mut self, v: &Value) -> R<TypeIgnore> {
        if v.is_none() {
            return Err(self.ts.value_error("None disallowed in type_ignores"));
        }
        self.sort(v, "type_ignore", |k| k == K::TypeIgnore)?;
        let lineno = self.req_int(v, "lineno", "TypeIgnore")?;
        let tag = self.required(v, "tag", "TypeIgnore")?;
        let tag = self.string(&tag)?;
        Ok(TypeIgnore {
            lineno: lineno.max(0) as u32,
            tag: self.need(tag, "tag", "TypeIgnore")?,
        })
    }

    // --- sequences of the two big sums ---

    /// A `stmt*` field; `None` items are kept for the validator's message.
    fn stmts(&mut self, obj: &Value, name: &str, owner: &str) -> R<Vec<Stmt>> {
        let items = self.list(obj, name, owner, |r, v| r.stmt(v))?;
        let mut out = Vec::with_capacity(items.len());
        for s in items {
            match s {
                Some(s) => out.push(s),
                None => {
                    let e = self.ts.value_error("None disallowed in statement list");
                    self.defer(e);
                    out.push(Stmt::new(StmtKind::Pass, Range::default()));
                }
            }
        }
        Ok(out)
    }

    fn exprs(&mut self, obj: &Value, name: &str, owner: &str) -> R<Vec<Expr>> {
        let items = self.list(obj, name, owner, |r, v| r.expr(v))?;
        let mut out = Vec::with_capacity(items.len());
        for e in items {
            match e {
                Some(e) => out.push(e),
                None => {
                    let e = self.ts.value_error("None disallowed in expression list");
                    self.defer(e);
                    out.push(placeholder());
                }
            }
        }
        Ok(out)
    }

    fn opt_exprs(&mut self, obj: &Value, name: &str, owner: &str) -> R<Vec<Option<Expr>>> {
        self.list(obj, name, owner, |r, v| r.expr(v))
    }

    fn req_expr(&mut self, obj: &Value, name: &str, owner: &str) -> R<Option<Expr>> {
        let v = self.required(obj, name, owner)?;
        self.nested(owner, |r| r.expr(&v))
    }

    fn opt_expr(&mut self, obj: &Value, name: &str, owner: &str) -> R<Option<Box<Expr>>> {
        match self.optional(obj, name)? {
            Some(v) => Ok(self.nested(owner, |r| r.expr(&v))?.map(Box::new)),
            None => Ok(None),
        }
    }

    /// A required expression field, with the constructor's `None` check.
    fn expr_field(&mut self, obj: &Value, name: &str, owner: &str) -> R<Option<Expr>> {
        self.req_expr(obj, name, owner)
    }

    // --- stmt ---

    fn stmt(&mut self, v: &Value) -> R<Option<Stmt>> {
        if v.is_none() {
            return Ok(None);
        }
        let range = self.range(v, "stmt", true, true)?;
        let k = self.sort(v, "stmt", is_stmt)?;
        let o = k.name();
        let node = match k {
            K::FunctionDef | K::AsyncFunctionDef => {
                let name = self.req_identifier(v, "name", o)?;
                let args = self.req_arguments(v, o)?;
                let body = self.stmts(v, "body", o)?;
                let decorator_list = self.exprs(v, "decorator_list", o)?;
                let returns = self.opt_expr(v, "returns", o)?;
                let type_comment = self.opt_string(v, "type_comment")?;
                let type_params = self.type_params(v, o)?;
                let f = Box::new(FunctionDef {
                    name: self.need(name, "name", o)?,
                    args: Box::new(self.need(args, "args", o)?),
                    body,
                    decorator_list,
                    returns,
                    type_comment,
                    type_params,
                });
                if k == K::FunctionDef {
                    StmtKind::FunctionDef(f)
                } else {
                    StmtKind::AsyncFunctionDef(f)
                }
            }
            K::ClassDef => {
                let name = self.req_identifier(v, "name", o)?;
                let bases = self.exprs(v, "bases", o)?;
                let keywords = self.list(v, "keywords", o, |r, x| r.keyword(x))?;
                let body = self.stmts(v, "body", o)?;
                let decorator_list = self.exprs(v, "decorator_list", o)?;
                let type_params = self.type_params(v, o)?;
                StmtKind::ClassDef(Box::new(ClassDef {
                    name: self.need(name, "name", o)?,
                    bases,
                    keywords,
                    body,
                    decorator_list,
                    type_params,
                }))
            }
            K::Return => StmtKind::Return {
                value: self.opt_expr(v, "value", o)?,
            },
            K::Delete => StmtKind::Delete {
                targets: self.exprs(v, "targets", o)?,
            },
            K::Assign => {
                let targets = self.exprs(v, "targets", o)?;
                let value = self.expr_field(v, "value", o)?;
                let type_comment = self.opt_string(v, "type_comment")?;
                StmtKind::Assign {
                    targets,
                    value: Box::new(self.need(value, "value", o)?),
                    type_comment,
                }
            }
            K::TypeAlias => {
                let name = self.expr_field(v, "name", o)?;
                let type_params = self.type_params(v, o)?;
                let value = self.expr_field(v, "value", o)?;
                StmtKind::TypeAlias {
                    name: Box::new(self.need(name, "name", o)?),
                    type_params,
                    value: Box::new(self.need(value, "value", o)?),
                }
            }
            K::AugAssign => {
                let target = self.expr_field(v, "target", o)?;
                let op = self.operator(v, o)?;
                let value = self.expr_field(v, "value", o)?;
                StmtKind::AugAssign {
                    target: Box::new(self.need(target, "target", o)?),
                    op,
                    value: Box::new(self.need(value, "value", o)?),
                }
            }
            K::AnnAssign => {
                let target = self.expr_field(v, "target", o)?;
                let annotation = self.expr_field(v, "annotation", o)?;
                let value = self.opt_expr(v, "value", o)?;
                let simple = self.req_int(v, "simple", o)?;
                StmtKind::AnnAssign {
                    target: Box::new(self.need(target, "target", o)?),
                    annotation: Box::new(self.need(annotation, "annotation", o)?),
                    value,
                    simple: simple.clamp(0, 255) as u8,
                }
            }
            K::For | K::AsyncFor => {
                let target = self.expr_field(v, "target", o)?;
                let iter = self.expr_field(v, "iter", o)?;
                let body = self.stmts(v, "body", o)?;
                let orelse = self.stmts(v, "orelse", o)?;
                let type_comment = self.opt_string(v, "type_comment")?;
                let f = Box::new(For {
                    target: self.need(target, "target", o)?,
                    iter: self.need(iter, "iter", o)?,
                    body,
                    orelse,
                    type_comment,
                });
                if k == K::For {
                    StmtKind::For(f)
                } else {
                    StmtKind::AsyncFor(f)
                }
            }
            K::While | K::If => {
                let test = self.expr_field(v, "test", o)?;
                let body = self.stmts(v, "body", o)?;
                let orelse = self.stmts(v, "orelse", o)?;
                let test = Box::new(self.need(test, "test", o)?);
                if k == K::While {
                    StmtKind::While { test, body, orelse }
                } else {
                    StmtKind::If { test, body, orelse }
                }
            }
            K::With | K::AsyncWith => {
                let items = self.list(v, "items", o, |r, x| r.withitem(x))?;
                let body = self.stmts(v, "body", o)?;
                let type_comment = self.opt_string(v, "type_comment")?;
                if k == K::With {
                    StmtKind::With {
                        items,
                        body,
                        type_comment,
                    }
                } else {
                    StmtKind::AsyncWith {
                        items,
                        body,
                        type_comment,
                    }
                }
            }
            K::Match => {
                let subject = self.expr_field(v, "subject", o)?;
                let cases = self.list(v, "cases", o, |r, x| r.match_case(x))?;
                StmtKind::Match {
                    subject: Box::new(self.need(subject, "subject", o)?),
                    cases,
                }
            }
            K::Raise => {
                let exc = self.opt_expr(v, "exc", o)?;
                let cause = self.opt_expr(v, "cause", o)?;
                StmtKind::Raise { exc, cause }
            }
            K::Try | K::TryStar => {
                let body = self.stmts(v, "body", o)?;
                let handlers = self.list(v, "handlers", o, |r, x| r.excepthandler(x))?;
                let orelse = self.stmts(v, "orelse", o)?;
                let finalbody = self.stmts(v, "finalbody", o)?;
                let t = Box::new(Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                });
                if k == K::Try {
                    StmtKind::Try(t)
                } else {
                    StmtKind::TryStar(t)
                }
            }
            K::Assert => {
                let test = self.expr_field(v, "test", o)?;
                let msg = self.opt_expr(v, "msg", o)?;
                StmtKind::Assert {
                    test: Box::new(self.need(test, "test", o)?),
                    msg,
                }
            }
            K::Import => StmtKind::Import {
                names: self.list(v, "names", o, |r, x| r.alias(x))?,
            },
            K::ImportFrom => {
                let module = self.opt_identifier(v, "module")?;
                let names = self.list(v, "names", o, |r, x| r.alias(x))?;
                let level = match self.optional(v, "level")? {
                    Some(l) => self.int(&l)?,
                    None => 0,
                };
                // A negative level keeps its bits for the validator's check.
                StmtKind::ImportFrom {
                    module,
                    names,
                    level: level as u32,
                }
            }
            K::Global => StmtKind::Global {
                names: self.identifiers(v, "names", o)?,
            },
            K::Nonlocal => StmtKind::Nonlocal {
                names: self.identifiers(v, "names", o)?,
            },
            K::Expr => {
                let value = self.expr_field(v, "value", o)?;
                StmtKind::Expr {
                    value: Box::new(self.need(value, "value", o)?),
                }
            }
            K::Pass => StmtKind::Pass,
            K::Break => StmtKind::Break,
            _ => StmtKind::Continue,
        };
        Ok(Some(Stmt { node, range }))
    }

    fn type_params(&mut self, v: &Value, o: &str) -> R<Vec<TypeParam>> {
        let items = self.list(v, "type_params", o, |r, x| r.type_param(x))?;
        items
            .into_iter()
            .map(|t| t.ok_or_else(|| self.ts.value_error("None disallowed in type_params")))
            .collect()
    }

    fn req_arguments(&mut self, v: &Value, o: &str) -> R<Option<Arguments>> {
        let a = self.required(v, "args", o)?;
        self.nested(o, |r| r.arguments(&a)).map(Some)
    }

    // --- products ---

    /// `obj2ast_arguments`: a product, so any object is read (even `None`, whose fields
    /// are all absent).
    fn arguments(&mut self, v: &Value) -> R<Arguments> {
        let o = "arguments";
        let posonlyargs = self.list(v, "posonlyargs", o, |r, x| r.arg(x, true))?;
        let args = self.list(v, "args", o, |r, x| r.arg(x, true))?;
        let vararg = match self.optional(v, "vararg")? {
            Some(x) => Some(Box::new(self.nested(o, |r| r.arg(&x, false))?)),
            None => None,
        };
        let kwonlyargs = self.list(v, "kwonlyargs", o, |r, x| r.arg(x, true))?;
        let kw_defaults = self.opt_exprs(v, "kw_defaults", o)?;
        let kwarg = match self.optional(v, "kwarg")? {
            Some(x) => Some(Box::new(self.nested(o, |r| r.arg(&x, false))?)),
            None => None,
        };
        let defaults = self.exprs(v, "defaults", o)?;
        Ok(Arguments {
            posonlyargs,
            args,
            vararg,
            kwonlyargs,
            kw_defaults,
            kwarg,
            defaults,
        })
    }

    /// An `arg`; `checked` when it sits in a list the validator checks (not `*args`).
    fn arg(&mut self, v: &Value, checked: bool) -> R<Arg> {
        let o = "arg";
        let arg = self.req_identifier(v, "arg", o)?;
        let annotation = self.opt_expr(v, "annotation", o)?;
        let type_comment = self.opt_string(v, "type_comment")?;
        let range = self.range(v, o, true, checked)?;
        Ok(Arg {
            arg: self.need(arg, "arg", o)?,
            annotation,
            type_comment,
            range,
        })
    }

    fn keyword(&mut self, v: &Value) -> R<Keyword> {
        let o = "keyword";
        let arg = self.opt_identifier(v, "arg")?;
        let value = self.expr_field(v, "value", o)?;
        let range = self.range(v, o, true, false)?;
        Ok(Keyword {
            arg,
            value: self.need(value, "value", o)?,
            range,
        })
    }

    fn alias(&mut self, v: &Value) -> R<Alias> {
        let o = "alias";
        let name = self.req_identifier(v, "name", o)?;
        let asname = self.opt_identifier(v, "asname")?;
        let range = self.range(v, o, true, false)?;
        Ok(Alias {
            name: self.need(name, "name", o)?,
            asname,
            range,
        })
    }

    fn withitem(&mut self, v: &Value) -> R<WithItem> {
        let o = "withitem";
        let context_expr = self.expr_field(v, "context_expr", o)?;
        let optional_vars = self.opt_expr(v, "optional_vars", o)?;
        Ok(WithItem {
            context_expr: self.need(context_expr, "context_expr", o)?,
            optional_vars,
        })
    }

    fn match_case(&mut self, v: &Value) -> R<MatchCase> {
        let o = "match_case";
        let p = self.required(v, "pattern", o)?;
        let pattern = self.nested(o, |r| r.pattern(&p))?;
        let guard = self.opt_expr(v, "guard", o)?;
        let body = self.stmts(v, "body", o)?;
        Ok(MatchCase {
            pattern: self.need(pattern, "pattern", o)?,
            guard,
            body,
        })
    }

    fn comprehension(&mut self, v: &Value) -> R<Comprehension> {
        let o = "comprehension";
        let target = self.expr_field(v, "target", o)?;
        let iter = self.expr_field(v, "iter", o)?;
        let ifs = self.exprs(v, "ifs", o)?;
        let is_async = self.req_int(v, "is_async", o)?;
        Ok(Comprehension {
            target: self.need(target, "target", o)?,
            iter: self.need(iter, "iter", o)?,
            ifs,
            is_async: is_async.clamp(0, 255) as u8,
        })
    }

    fn excepthandler(&mut self, v: &Value) -> R<ExceptHandler> {
        if v.is_none() {
            return Err(self.ts.value_error("None disallowed in handlers"));
        }
        let range = self.range(v, "excepthandler", true, true)?;
        self.sort(v, "excepthandler", |k| k == K::ExceptHandler)?;
        let o = "ExceptHandler";
        let ty = self.opt_expr(v, "type", o)?;
        let name = self.opt_identifier(v, "name")?;
        let body = self.stmts(v, "body", o)?;
        Ok(ExceptHandler {
            ty,
            name,
            body,
            range,
        })
    }

    fn type_param(&mut self, v: &Value) -> R<Option<TypeParam>> {
        if v.is_none() {
            return Ok(None);
        }
        let range = self.range(v, "type_param", false, true)?;
        let k = self.sort(v, "type_param", |k| {
            matches!(k, K::TypeVar | K::ParamSpec | K::TypeVarTuple)
        })?;
        let o = k.name();
        let name = self.req_identifier(v, "name", o)?;
        let node = if k == K::TypeVar {
            let bound = self.opt_expr(v, "bound", o)?;
            let default_value = self.opt_expr(v, "default_value", o)?;
            TypeParamKind::TypeVar {
                name: self.need(name, "name", o)?,
                bound,
                default_value,
            }
        } else {
            let default_value = self.opt_expr(v, "default_value", o)?;
            let name = self.need(name, "name", o)?;
            if k == K::ParamSpec {
                TypeParamKind::ParamSpec {
                    name,
                    default_value,
                }
            } else {
                TypeParamKind::TypeVarTuple {
                    name,
                    default_value,
                }
            }
        };
        Ok(Some(TypeParam { node, range }))
    }

    // --- simple sums ---

    fn operator(&mut self, v: &Value, o: &str) -> R<Operator> {
        let x = self.required(v, "op", o)?;
        let k = self.sort(&x, "operator", |k| {
            (K::Add as usize..=K::FloorDiv as usize).contains(&(k as usize))
        })?;
        Ok(match k {
            K::Add => Operator::Add,
            K::Sub => Operator::Sub,
            K::Mult => Operator::Mult,
            K::MatMult => Operator::MatMult,
            K::Div => Operator::Div,
            K::Mod => Operator::Mod,
            K::Pow => Operator::Pow,
            K::LShift => Operator::LShift,
            K::RShift => Operator::RShift,
            K::BitOr => Operator::BitOr,
            K::BitXor => Operator::BitXor,
            K::BitAnd => Operator::BitAnd,
            _ => Operator::FloorDiv,
        })
    }

    fn cmpop(&self, x: &Value) -> R<CmpOp> {
        let k = self.sort(x, "cmpop", |k| {
            (K::Eq as usize..=K::NotIn as usize).contains(&(k as usize))
        })?;
        Ok(match k {
            K::Eq => CmpOp::Eq,
            K::NotEq => CmpOp::NotEq,
            K::Lt => CmpOp::Lt,
            K::LtE => CmpOp::LtE,
            K::Gt => CmpOp::Gt,
            K::GtE => CmpOp::GtE,
            K::Is => CmpOp::Is,
            K::IsNot => CmpOp::IsNot,
            K::In => CmpOp::In,
            _ => CmpOp::NotIn,
        })
    }

    fn ctx(&self, v: &Value, o: &str) -> R<ExprContext> {
        let x = self.required(v, "ctx", o)?;
        let k = self.sort(&x, "expr_context", |k| {
            matches!(k, K::Load | K::Store | K::Del)
        })?;
        Ok(match k {
            K::Load => ExprContext::Load,
            K::Store => ExprContext::Store,
            _ => ExprContext::Del,
        })
    }

    // --- expr ---

    /// `obj2ast_expr`. Left-recursive chains (`BinOp.left`, `Attribute.value`,
    /// `Subscript.value`, `Call.func`) are followed in a loop, reading in CPython's order:
    /// each node's attributes and chain child on the way down, its other fields on the way
    /// back up.
    fn expr(&mut self, v: &Value) -> R<Option<Expr>> {
        let mut chain: Vec<(Value, Range, K)> = Vec::new();
        let mut cur = v.clone();
        let mut acc = loop {
            if cur.is_none() {
                break None;
            }
            let range = self.range(&cur, "expr", true, true)?;
            let k = self.sort(&cur, "expr", is_expr)?;
            let field = match k {
                K::BinOp => "left",
                K::Attribute | K::Subscript => "value",
                K::Call => "func",
                _ => break Some(self.expr_node(&cur, range, k, None)?),
            };
            let child = self.required(&cur, field, k.name())?;
            chain.push((cur, range, k));
            cur = child;
        };
        while let Some((obj, range, k)) = chain.pop() {
            acc = Some(self.expr_node(&obj, range, k, Some(acc))?);
        }
        Ok(acc)
    }

    /// One expression node; `first` is its already converted chain child.
    fn expr_node(&mut self, v: &Value, range: Range, k: K, first: Option<Option<Expr>>) -> R<Expr> {
        let o = k.name();
        let mut first = first;
        let mut child = |r: &mut Self, name: &str| match first.take() {
            Some(e) => Ok(e),
            None => r.expr_field(v, name, o),
        };
        let node = match k {
            K::BoolOp => {
                let x = self.required(v, "op", o)?;
                let op = match self.sort(&x, "boolop", |k| matches!(k, K::And | K::Or))? {
                    K::And => BoolOp::And,
                    _ => BoolOp::Or,
                };
                ExprKind::BoolOp {
                    op,
                    values: self.exprs(v, "values", o)?,
                }
            }
            K::NamedExpr => {
                let target = self.expr_field(v, "target", o)?;
                let value = self.expr_field(v, "value", o)?;
                ExprKind::NamedExpr {
                    target: Box::new(self.need(target, "target", o)?),
                    value: Box::new(self.need(value, "value", o)?),
                }
            }
            K::BinOp => {
                let left = child(self, "left")?;
                let op = self.operator(v, o)?;
                let right = self.expr_field(v, "right", o)?;
                ExprKind::BinOp {
                    left: Box::new(self.need(left, "left", o)?),
                    op,
                    right: Box::new(self.need(right, "right", o)?),
                }
            }
            K::UnaryOp => {
                let x = self.required(v, "op", o)?;
                let op = match self.sort(&x, "unaryop", |k| {
                    matches!(k, K::Invert | K::Not | K::UAdd | K::USub)
                })? {
                    K::Invert => UnaryOp::Invert,
                    K::Not => UnaryOp::Not,
                    K::UAdd => UnaryOp::UAdd,
                    _ => UnaryOp::USub,
                };
                let operand = self.expr_field(v, "operand", o)?;
                ExprKind::UnaryOp {
                    op,
                    operand: Box::new(self.need(operand, "operand", o)?),
                }
            }
            K::Lambda => {
                let args = self.req_arguments(v, o)?;
                let body = self.expr_field(v, "body", o)?;
                ExprKind::Lambda {
                    args: Box::new(self.need(args, "args", o)?),
                    body: Box::new(self.need(body, "body", o)?),
                }
            }
            K::IfExp => {
                let test = self.expr_field(v, "test", o)?;
                let body = self.expr_field(v, "body", o)?;
                let orelse = self.expr_field(v, "orelse", o)?;
                ExprKind::IfExp {
                    test: Box::new(self.need(test, "test", o)?),
                    body: Box::new(self.need(body, "body", o)?),
                    orelse: Box::new(self.need(orelse, "orelse", o)?),
                }
            }
            K::Dict => ExprKind::Dict {
                keys: self.opt_exprs(v, "keys", o)?,
                values: self.exprs(v, "values", o)?,
            },
            K::Set => ExprKind::Set {
                elts: self.exprs(v, "elts", o)?,
            },
            K::ListComp | K::SetComp | K::GeneratorExp => {
                let elt = self.expr_field(v, "elt", o)?;
                let generators = self.generators(v, o)?;
                let elt = Box::new(self.need(elt, "elt", o)?);
                match k {
                    K::ListComp => ExprKind::ListComp { elt, generators },
                    K::SetComp => ExprKind::SetComp { elt, generators },
                    _ => ExprKind::GeneratorExp { elt, generators },
                }
            }
            K::DictComp => {
                let key = self.expr_field(v, "key", o)?;
                let value = self.expr_field(v, "value", o)?;
                let generators = self.generators(v, o)?;
                ExprKind::DictComp {
                    key: Box::new(self.need(key, "key", o)?),
                    value: Box::new(self.need(value, "value", o)?),
                    generators,
                }
            }
            K::Await | K::YieldFrom => {
                let value = Box::new({
                    let x = self.expr_field(v, "value", o)?;
                    self.need(x, "value", o)?
                });
                if k == K::Await {
                    ExprKind::Await { value }
                } else {
                    ExprKind::YieldFrom { value }
                }
            }
            K::Yield => ExprKind::Yield {
                value: self.opt_expr(v, "value", o)?,
            },
            K::Compare => {
                let left = self.expr_field(v, "left", o)?;
                let ops = self.list(v, "ops", o, |r, x| r.cmpop(x))?;
                let comparators = self.exprs(v, "comparators", o)?;
                ExprKind::Compare {
                    left: Box::new(self.need(left, "left", o)?),
                    ops,
                    comparators,
                }
            }
            K::Call => {
                let func = child(self, "func")?;
                let args = self.exprs(v, "args", o)?;
                let keywords = self.list(v, "keywords", o, |r, x| r.keyword(x))?;
                ExprKind::Call {
                    func: Box::new(self.need(func, "func", o)?),
                    args,
                    keywords,
                }
            }
            K::FormattedValue => {
                let value = self.expr_field(v, "value", o)?;
                let conversion = self.req_int(v, "conversion", o)?;
                let format_spec = self.opt_expr(v, "format_spec", o)?;
                ExprKind::FormattedValue {
                    value: Box::new(self.need(value, "value", o)?),
                    conversion,
                    format_spec,
                }
            }
            K::Interpolation => {
                let value = self.expr_field(v, "value", o)?;
                let s = self.required(v, "str", o)?;
                let s = self.constant(&s)?;
                let conversion = self.req_int(v, "conversion", o)?;
                let format_spec = self.opt_expr(v, "format_spec", o)?;
                ExprKind::Interpolation {
                    value: Box::new(self.need(value, "value", o)?),
                    str: s,
                    conversion,
                    format_spec,
                }
            }
            K::JoinedStr => ExprKind::JoinedStr {
                values: self.exprs(v, "values", o)?,
            },
            K::TemplateStr => ExprKind::TemplateStr {
                values: self.exprs(v, "values", o)?,
            },
            K::Constant => {
                let value = self.required(v, "value", o)?;
                let value = self.constant(&value)?;
                let kind = self.opt_string(v, "kind")?;
                ExprKind::Constant { value, kind }
            }
            K::Attribute => {
                let value = child(self, "value")?;
                let attr = self.req_identifier(v, "attr", o)?;
                let ctx = self.ctx(v, o)?;
                ExprKind::Attribute {
                    value: Box::new(self.need(value, "value", o)?),
                    attr: self.need(attr, "attr", o)?,
                    ctx,
                }
            }
            K::Subscript => {
                let value = child(self, "value")?;
                let slice = self.expr_field(v, "slice", o)?;
                let ctx = self.ctx(v, o)?;
                ExprKind::Subscript {
                    value: Box::new(self.need(value, "value", o)?),
                    slice: Box::new(self.need(slice, "slice", o)?),
                    ctx,
                }
            }
            K::Starred => {
                let value = self.expr_field(v, "value", o)?;
                let ctx = self.ctx(v, o)?;
                ExprKind::Starred {
                    value: Box::new(self.need(value, "value", o)?),
                    ctx,
                }
            }
            K::Name => {
                let id = self.req_identifier(v, "id", o)?;
                let ctx = self.ctx(v, o)?;
                ExprKind::Name {
                    id: self.need(id, "id", o)?,
                    ctx,
                }
            }
            K::List | K::Tuple => {
                let elts = self.exprs(v, "elts", o)?;
                let ctx = self.ctx(v, o)?;
                if k == K::List {
                    ExprKind::List { elts, ctx }
                } else {
                    ExprKind::Tuple { elts, ctx }
                }
            }
            _ => {
                let lower = self.opt_expr(v, "lower", o)?;
                let upper = self.opt_expr(v, "upper", o)?;
                let step = self.opt_expr(v, "step", o)?;
                ExprKind::Slice { lower, upper, step }
            }
        };
        Ok(Expr { node, range })
    }

    fn generators(&mut self, v: &Value, o: &str) -> R<Vec<Comprehension>> {
        self.list(v, "generators", o, |r, x| r.comprehension(x))
    }

    // --- pattern ---

    fn patterns(&mut self, v: &Value, name: &str, o: &str) -> R<Vec<Pattern>> {
        let items = self.list(v, name, o, |r, x| r.pattern(x))?;
        items
            .into_iter()
            .map(|p| p.ok_or_else(|| self.ts.value_error("None disallowed in pattern list")))
            .collect()
    }

    fn pattern(&mut self, v: &Value) -> R<Option<Pattern>> {
        if v.is_none() {
            return Ok(None);
        }
        let range = self.range(v, "pattern", false, true)?;
        let k = self.sort(v, "pattern", |k| {
            (K::MatchValue as usize..=K::MatchOr as usize).contains(&(k as usize))
        })?;
        let o = k.name();
        let node = match k {
            K::MatchValue => {
                let value = self.expr_field(v, "value", o)?;
                PatternKind::MatchValue {
                    value: Box::new(self.need(value, "value", o)?),
                }
            }
            K::MatchSingleton => {
                let value = self.required(v, "value", o)?;
                PatternKind::MatchSingleton {
                    value: self.constant(&value)?,
                }
            }
            K::MatchSequence => PatternKind::MatchSequence {
                patterns: self.patterns(v, "patterns", o)?,
            },
            K::MatchMapping => {
                let keys = self.exprs(v, "keys", o)?;
                let patterns = self.patterns(v, "patterns", o)?;
                let rest = self.opt_identifier(v, "rest")?;
                PatternKind::MatchMapping {
                    keys,
                    patterns,
                    rest,
                }
            }
            K::MatchClass => {
                let cls = self.expr_field(v, "cls", o)?;
                let patterns = self.patterns(v, "patterns", o)?;
                let kwd_attrs = self.identifiers(v, "kwd_attrs", o)?;
                let kwd_patterns = self.patterns(v, "kwd_patterns", o)?;
                PatternKind::MatchClass {
                    cls: Box::new(self.need(cls, "cls", o)?),
                    patterns,
                    kwd_attrs,
                    kwd_patterns,
                }
            }
            K::MatchStar => PatternKind::MatchStar {
                name: self.opt_identifier(v, "name")?,
            },
            K::MatchAs => {
                let pattern = match self.optional(v, "pattern")? {
                    Some(p) => self.nested(o, |r| r.pattern(&p))?.map(Box::new),
                    None => None,
                };
                let name = self.opt_identifier(v, "name")?;
                PatternKind::MatchAs { pattern, name }
            }
            _ => PatternKind::MatchOr {
                patterns: self.patterns(v, "patterns", o)?,
            },
        };
        Ok(Some(Pattern { node, range }))
    }
}

fn is_stmt(k: K) -> bool {
    (K::FunctionDef as usize..=K::Continue as usize).contains(&(k as usize))
}

fn is_expr(k: K) -> bool {
    (K::BoolOp as usize..=K::Slice as usize).contains(&(k as usize))
}

/// Stands in for a `None` list item whose error is deferred.
fn placeholder() -> Expr {
    Expr::new(
        ExprKind::Constant {
            value: Constant::None,
            kind: None,
        },
        Range::default(),
    )
}

/// CPython's `VALIDATE_POSITIONS` condition.
pub(crate) fn positions_valid(lineno: i32, col: i32, end_lineno: i32, end_col: i32) -> bool {
    !(lineno > end_lineno
        || (lineno < 0 && end_lineno != lineno)
        || (col < 0 && col != end_col)
        || (lineno == end_lineno && col > end_col))
}
