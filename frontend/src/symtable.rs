//! The symbol table: which scope each name of a module lives in.
//!
//! Two passes, as CPython's `Python/symtable.c`: [`Builder`] walks the AST and records
//! raw facts per scope (the name is a parameter here, assigned there, declared global,
//! used); [`analyze`] then resolves every name to local / global explicit / global
//! implicit / free / cell, decides which comprehensions are inlined into their enclosing
//! scope (PEP 709), and which class scopes need `__class__`, `__classdict__` or
//! `__conditional_annotations__` cells.
//!
//! Scopes are found again by the compiler through [`ScopeKey`]s derived from the address
//! of the AST node that opens them, so the AST must not move between [`build`] and the
//! end of compilation (the compiler borrows it).
//!
//! Not here: `from __future__` parsing (the compiler passes the flag in) and the
//! SyntaxErrors that CPython raises in the code generator.

use std::collections::{HashMap, HashSet};

use crate::ast::*;
use crate::error::SyntaxError;

/// Raw symbol flags (CPython's `DEF_*`).
pub mod def {
    pub const GLOBAL: u32 = 1;
    pub const LOCAL: u32 = 2;
    pub const PARAM: u32 = 4;
    pub const NONLOCAL: u32 = 8;
    pub const USE: u32 = 16;
    pub const FREE_CLASS: u32 = 64;
    pub const IMPORT: u32 = 128;
    pub const ANNOT: u32 = 256;
    pub const COMP_ITER: u32 = 512;
    pub const TYPE_PARAM: u32 = 1024;
    pub const COMP_CELL: u32 = 2048;
    pub const BOUND: u32 = LOCAL | PARAM | IMPORT;
}

/// Where a name lives, after analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolScope {
    /// Not (yet) resolved; never seen after analysis for a recorded symbol.
    Unknown,
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    /// Functions, lambdas and comprehensions.
    Function,
    /// PEP 649 `__annotate__` functions.
    Annotation,
    /// A TypeVar bound, constraints or default.
    TypeVariable,
    /// The value of a `type X = ...` statement.
    TypeAlias,
    /// The implicit function holding the type parameters of a generic def/class/alias.
    TypeParameters,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComprehensionKind {
    None,
    List,
    Set,
    Dict,
    Generator,
}

/// Identifies the scope an AST node opens: the node's address and a tag.
pub type ScopeKey = (usize, u8);

pub mod tag {
    pub const MAIN: u8 = 0;
    pub const TYPE_PARAMS: u8 = 1;
    pub const ANNOTATIONS: u8 = 2;
    pub const BOUND: u8 = 3;
    pub const DEFAULT: u8 = 4;
}

pub fn key_of<T>(node: &T, tag: u8) -> ScopeKey {
    (node as *const T as usize, tag)
}

pub type ScopeId = usize;

/// One scope (CPython's `PySTEntryObject`).
#[derive(Clone, Debug)]
pub struct Scope {
    pub name: Box<str>,
    pub kind: ScopeKind,
    pub lineno: u32,
    /// Symbols in first-seen order; `flags` holds the raw `def::*` bits.
    pub symbols: Vec<(Box<str>, u32, SymbolScope)>,
    index: HashMap<Box<str>, usize>,
    /// Parameters, in declaration order.
    pub varnames: Vec<Box<str>>,
    pub children: Vec<ScopeId>,
    pub parent: Option<ScopeId>,
    pub nested: bool,
    pub generator: bool,
    pub coroutine: bool,
    pub comprehension: ComprehensionKind,
    pub comp_inlined: bool,
    pub varargs: bool,
    pub varkeywords: bool,
    pub returns_value: bool,
    pub needs_class_closure: bool,
    pub needs_classdict: bool,
    pub has_conditional_annotations: bool,
    pub can_see_class_scope: bool,
    pub has_docstring: bool,
    /// A function defined directly in a class body.
    pub method: bool,
    pub annotation_block: Option<ScopeId>,
    /// Annotations were seen (the compiler only makes `__annotate__` then).
    pub annotations_used: bool,
    in_conditional_block: bool,
    comp_iter_target: bool,
    comp_iter_expr: u32,
    mangled_names: Option<HashSet<Box<str>>>,
    scope_info: &'static str,
    directives: HashMap<Box<str>, Range>,
}

impl Scope {
    fn new(name: &str, kind: ScopeKind, lineno: u32, parent: Option<ScopeId>) -> Self {
        Scope {
            name: name.into(),
            kind,
            lineno,
            symbols: Vec::new(),
            index: HashMap::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            parent,
            nested: false,
            generator: false,
            coroutine: false,
            comprehension: ComprehensionKind::None,
            comp_inlined: false,
            varargs: false,
            varkeywords: false,
            returns_value: false,
            needs_class_closure: false,
            needs_classdict: false,
            has_conditional_annotations: false,
            can_see_class_scope: false,
            has_docstring: false,
            method: false,
            annotation_block: None,
            annotations_used: false,
            in_conditional_block: false,
            comp_iter_target: false,
            comp_iter_expr: 0,
            mangled_names: None,
            scope_info: "",
            directives: HashMap::new(),
        }
    }

    /// Raw `def::*` flags of `name` (0 if absent).
    pub fn flags(&self, name: &str) -> u32 {
        self.index.get(name).map_or(0, |&i| self.symbols[i].1)
    }

    /// The resolved scope of `name`, if it is a symbol of this scope.
    pub fn scope_of(&self, name: &str) -> Option<SymbolScope> {
        self.index.get(name).map(|&i| self.symbols[i].2)
    }

    pub fn is_function_like(&self) -> bool {
        !matches!(self.kind, ScopeKind::Module | ScopeKind::Class)
    }

    fn set_flags(&mut self, name: &str, flags: u32) {
        if let Some(&i) = self.index.get(name) {
            self.symbols[i].1 = flags;
        } else {
            self.index.insert(name.into(), self.symbols.len());
            self.symbols
                .push((name.into(), flags, SymbolScope::Unknown));
        }
    }

    fn remove(&mut self, name: &str) {
        if let Some(i) = self.index.remove(name) {
            self.symbols.remove(i);
            for v in self.index.values_mut() {
                if *v > i {
                    *v -= 1;
                }
            }
        }
    }
}

/// The symbol table of one module.
#[derive(Clone, Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    pub by_key: HashMap<ScopeKey, ScopeId>,
    pub future_annotations: bool,
}

impl SymbolTable {
    pub fn top(&self) -> ScopeId {
        0
    }

    pub fn lookup(&self, key: ScopeKey) -> Option<ScopeId> {
        self.by_key.get(&key).copied()
    }
}

/// CPython's `_Py_Mangle`: `__x` inside class `C` is `_C__x`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(p) = private else {
        return name.to_owned();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_owned();
    }
    let stripped = p.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_owned();
    }
    format!("_{stripped}{name}")
}

fn err(msg: impl Into<String>, r: Range) -> SyntaxError {
    SyntaxError::syntax(msg, r.lineno, r.col_offset, r.end_lineno, r.end_col_offset)
}

/// Builds and analyzes the symbol table of `m`.
/// CPython's `check_name`: `__debug__` can be neither bound nor deleted.
fn check_name(name: &str, ctx: ExprContext, r: Range) -> Result<(), SyntaxError> {
    if name == "__debug__" {
        match ctx {
            ExprContext::Store => return Err(err("cannot assign to __debug__", r)),
            ExprContext::Del => return Err(err("cannot delete __debug__", r)),
            ExprContext::Load => {}
        }
    }
    Ok(())
}

pub fn build(m: &Mod, future_annotations: bool) -> Result<SymbolTable, SyntaxError> {
    let mut b = Builder {
        st: SymbolTable {
            scopes: Vec::new(),
            by_key: HashMap::new(),
            future_annotations,
        },
        stack: Vec::new(),
        private: None,
        global: HashMap::new(),
        unevaluated: 0,
        depth: 0,
    };
    b.enter(
        "top",
        ScopeKind::Module,
        key_of(m, tag::MAIN),
        Range::new(0, 0, 0, 0),
    );
    match m {
        Mod::Module { body, .. } | Mod::Interactive { body } => b.stmts(body)?,
        Mod::Expression { body } => b.expr(body)?,
        Mod::FunctionType { argtypes, returns } => {
            b.exprs(argtypes)?;
            b.expr(returns)?;
        }
    }
    b.exit();
    let mut st = b.st;
    analyze(&mut st)?;
    Ok(st)
}

struct Builder {
    st: SymbolTable,
    stack: Vec<ScopeId>,
    private: Option<Box<str>>,
    /// Flags of names declared global anywhere (CPython's `st_global`).
    global: HashMap<Box<str>, u32>,
    /// Inside an annotation that is never evaluated (function-local variable
    /// annotations, and every annotation under `from __future__ import annotations`):
    /// names are not recorded, but errors still are.
    unevaluated: u32,
    /// Current statement/expression nesting, bounded by `compile::MAX_NESTING`.
    depth: usize,
}

impl Builder {
    fn cur(&self) -> ScopeId {
        *self
            .stack
            .last()
            .expect("scope stack is never empty while visiting")
    }

    fn ste(&mut self) -> &mut Scope {
        let c = self.cur();
        &mut self.st.scopes[c]
    }

    fn new_scope(&mut self, name: &str, kind: ScopeKind, key: ScopeKey, r: Range) -> ScopeId {
        let parent = self.stack.last().copied();
        let mut s = Scope::new(name, kind, r.lineno, parent);
        if let Some(p) = parent {
            let ps = &self.st.scopes[p];
            if ps.nested || ps.is_function_like() {
                s.nested = true;
            }
        }
        let id = self.st.scopes.len();
        self.st.scopes.push(s);
        self.st.by_key.insert(key, id);
        id
    }

    fn enter(&mut self, name: &str, kind: ScopeKind, key: ScopeKey, r: Range) -> ScopeId {
        let id = self.new_scope(name, kind, key, r);
        if kind == ScopeKind::Function {
            let in_class = self
                .stack
                .last()
                .is_some_and(|&p| self.st.scopes[p].kind == ScopeKind::Class);
            self.st.scopes[id].method = in_class;
        }
        self.enter_existing(id, true);
        if matches!(
            kind,
            ScopeKind::Annotation | ScopeKind::TypeVariable | ScopeKind::TypeAlias
        ) {
            // The lazily evaluated scopes take the annotation format as a parameter.
            let _ = self.add_def(".format", def::PARAM, r);
            let _ = self.add_def(".format", def::USE, r);
        }
        id
    }

    fn enter_existing(&mut self, id: ScopeId, add_to_children: bool) {
        if add_to_children {
            if let Some(&p) = self.stack.last() {
                self.st.scopes[p].children.push(id);
            }
        }
        self.stack.push(id);
    }

    fn exit(&mut self) {
        self.stack.pop();
    }

    fn maybe_mangle(&self, scope: ScopeId, name: &str) -> String {
        if let Some(m) = &self.st.scopes[scope].mangled_names {
            if !m.contains(name) {
                return name.to_owned();
            }
        }
        mangle(self.private.as_deref(), name)
    }

    fn add_def(&mut self, name: &str, flag: u32, r: Range) -> Result<(), SyntaxError> {
        let cur = self.cur();
        if flag & def::TYPE_PARAM != 0 {
            if let Some(m) = &mut self.st.scopes[cur].mangled_names {
                m.insert(name.into());
            }
        }
        self.add_def_in(name, flag, cur, r)
    }

    fn add_def_in(
        &mut self,
        name: &str,
        flag: u32,
        scope: ScopeId,
        r: Range,
    ) -> Result<(), SyntaxError> {
        let mangled = self.maybe_mangle(scope, name);
        let ste = &mut self.st.scopes[scope];
        let old = ste.flags(&mangled);
        let mut val = flag;
        if ste.index.contains_key(mangled.as_str()) {
            if flag & def::PARAM != 0 && old & def::PARAM != 0 {
                return Err(err(
                    format!("duplicate argument '{mangled}' in function definition"),
                    r,
                ));
            }
            if flag & def::TYPE_PARAM != 0 && old & def::TYPE_PARAM != 0 {
                return Err(err(format!("duplicate type parameter '{mangled}'"), r));
            }
            val |= old;
        }
        if ste.comp_iter_target {
            if val & (def::GLOBAL | def::NONLOCAL) != 0 {
                return Err(err(
                    format!(
                        "comprehension inner loop cannot rebind assignment expression target '{mangled}'"
                    ),
                    r,
                ));
            }
            val |= def::COMP_ITER;
        }
        ste.set_flags(&mangled, val);
        if flag & def::PARAM != 0 {
            ste.varnames.push(mangled.as_str().into());
        } else if flag & def::GLOBAL != 0 {
            let g = self.global.entry(mangled.into()).or_insert(0);
            *g |= flag;
        }
        Ok(())
    }

    fn lookup(&self, scope: ScopeId, name: &str) -> u32 {
        let mangled = self.maybe_mangle(scope, name);
        self.st.scopes[scope].flags(&mangled)
    }

    fn record_directive(&mut self, name: &str, r: Range) {
        let mangled = self.maybe_mangle(self.cur(), name);
        self.ste().directives.entry(mangled.into()).or_insert(r);
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn exprs(&mut self, es: &[Expr]) -> Result<(), SyntaxError> {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    fn conditional<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, SyntaxError>,
    ) -> Result<T, SyntaxError> {
        let old = self.ste().in_conditional_block;
        self.ste().in_conditional_block = true;
        let r = f(self);
        self.ste().in_conditional_block = old;
        r
    }

    fn enter_depth(&mut self, r: Range) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > crate::compile::MAX_NESTING {
            return Err(err(
                "maximum recursion depth exceeded during compilation",
                r,
            ));
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), SyntaxError> {
        self.enter_depth(s.range)?;
        let res = self.stmt_inner(s);
        self.depth -= 1;
        res
    }

    fn stmt_inner(&mut self, s: &Stmt) -> Result<(), SyntaxError> {
        let r = s.range;
        match &s.node {
            StmtKind::FunctionDef(fd) | StmtKind::AsyncFunctionDef(fd) => {
                let is_async = matches!(s.node, StmtKind::AsyncFunctionDef(_));
                check_name(&fd.name, ExprContext::Store, r)?;
                self.add_def(&fd.name, def::LOCAL, r)?;
                self.exprs(&fd.args.defaults)?;
                for d in fd.args.kw_defaults.iter().flatten() {
                    self.expr(d)?;
                }
                self.exprs(&fd.decorator_list)?;
                if !fd.type_params.is_empty() {
                    self.enter_type_params(
                        &fd.name,
                        key_of(&fd.type_params, tag::TYPE_PARAMS),
                        !fd.args.defaults.is_empty(),
                        fd.args.kw_defaults.iter().any(|d| d.is_some()),
                        false,
                        r,
                    )?;
                    self.type_params(&fd.type_params)?;
                }
                let in_class = self.st.scopes[self.cur()].kind == ScopeKind::Class;
                let fid = self.new_scope(&fd.name, ScopeKind::Function, key_of(s, tag::MAIN), r);
                self.annotations(s, &fd.args, fd.returns.as_deref(), fid)?;
                self.enter_existing(fid, true);
                {
                    let f = &mut self.st.scopes[fid];
                    f.coroutine = is_async;
                    f.method = in_class;
                    f.has_docstring = docstring_of(&fd.body).is_some();
                }
                self.arguments(&fd.args, r)?;
                self.stmts(&fd.body)?;
                self.exit();
                if !fd.type_params.is_empty() {
                    self.exit();
                }
            }
            StmtKind::ClassDef(cd) => {
                check_name(&cd.name, ExprContext::Store, r)?;
                self.add_def(&cd.name, def::LOCAL, r)?;
                self.exprs(&cd.decorator_list)?;
                let tmp = self.private.clone();
                if !cd.type_params.is_empty() {
                    self.enter_type_params(
                        &cd.name,
                        key_of(&cd.type_params, tag::TYPE_PARAMS),
                        false,
                        false,
                        true,
                        r,
                    )?;
                    self.private = Some(cd.name.clone());
                    self.ste().mangled_names = Some(HashSet::new());
                    self.type_params(&cd.type_params)?;
                }
                self.exprs(&cd.bases)?;
                for k in &cd.keywords {
                    if let Some(arg) = &k.arg {
                        check_name(arg, ExprContext::Store, k.range)?;
                    }
                    self.expr(&k.value)?;
                }
                self.enter(&cd.name, ScopeKind::Class, key_of(s, tag::MAIN), r);
                self.private = Some(cd.name.clone());
                if !cd.type_params.is_empty() {
                    self.add_def("__type_params__", def::LOCAL, r)?;
                    self.add_def(".type_params", def::USE, r)?;
                }
                self.stmts(&cd.body)?;
                self.exit();
                if !cd.type_params.is_empty() {
                    self.exit();
                }
                self.private = tmp;
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.ste().returns_value = true;
                }
            }
            StmtKind::Delete { targets } => self.exprs(targets)?,
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets)?;
                self.expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                self.ste().annotations_used = true;
                if let ExprKind::Name { id, .. } = &target.node {
                    let cur = self.lookup(self.cur(), id);
                    if cur & (def::GLOBAL | def::NONLOCAL) != 0
                        && self.st.scopes[self.cur()].kind != ScopeKind::Module
                        && *simple != 0
                    {
                        let which = if cur & def::GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(err(
                            format!("annotated name '{id}' can't be {which}"),
                            target.range,
                        ));
                    }
                    if *simple != 0 {
                        self.add_def(id, def::ANNOT | def::LOCAL, target.range)?;
                    } else if value.is_some() {
                        self.add_def(id, def::LOCAL, target.range)?;
                    }
                } else {
                    self.expr(target)?;
                }
                let key = (self.cur() * 2 + 1, tag::ANNOTATIONS);
                self.annotation(annotation, key)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
            }
            StmtKind::TypeAlias {
                name,
                type_params,
                value,
            } => {
                self.expr(name)?;
                let is_in_class = self.st.scopes[self.cur()].kind == ScopeKind::Class;
                let alias_name = match &name.node {
                    ExprKind::Name { id, .. } => id.clone(),
                    _ => "<alias>".into(),
                };
                if !type_params.is_empty() {
                    self.enter_type_params(
                        &alias_name,
                        key_of(type_params, tag::TYPE_PARAMS),
                        false,
                        false,
                        false,
                        r,
                    )?;
                    self.type_params(type_params)?;
                }
                self.enter(&alias_name, ScopeKind::TypeAlias, key_of(s, tag::MAIN), r);
                self.ste().can_see_class_scope = is_in_class;
                if is_in_class {
                    self.add_def("__classdict__", def::USE, value.range)?;
                }
                self.expr(value)?;
                self.exit();
                if !type_params.is_empty() {
                    self.exit();
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)?;
            }
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                self.expr(&f.target)?;
                self.expr(&f.iter)?;
                self.conditional(|b| {
                    b.stmts(&f.body)?;
                    b.stmts(&f.orelse)
                })?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.conditional(|b| {
                    b.stmts(body)?;
                    b.stmts(orelse)
                })?;
            }
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                for it in items {
                    self.expr(&it.context_expr)?;
                    if let Some(v) = &it.optional_vars {
                        self.expr(v)?;
                    }
                }
                self.conditional(|b| b.stmts(body))?;
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                self.conditional(|b| {
                    for c in cases {
                        b.pattern(&c.pattern)?;
                        if let Some(g) = &c.guard {
                            b.expr(g)?;
                        }
                        b.stmts(&c.body)?;
                    }
                    Ok(())
                })?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                self.conditional(|b| {
                    b.stmts(&t.body)?;
                    for h in &t.handlers {
                        if let Some(ty) = &h.ty {
                            b.expr(ty)?;
                        }
                        if let Some(n) = &h.name {
                            b.add_def(n, def::LOCAL, h.range)?;
                        }
                        b.stmts(&h.body)?;
                    }
                    b.stmts(&t.orelse)?;
                    b.stmts(&t.finalbody)
                })?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    self.alias(a)?;
                }
            }
            StmtKind::Global { names } => {
                for n in names {
                    let cur = self.lookup(self.cur(), n);
                    if cur & (def::PARAM | def::LOCAL | def::USE | def::ANNOT) != 0 {
                        let msg = if cur & def::ANNOT != 0 {
                            format!("annotated name '{n}' can't be global")
                        } else if cur & def::PARAM != 0 {
                            format!("name '{n}' is parameter and global")
                        } else if cur & def::USE != 0 {
                            format!("name '{n}' is used prior to global declaration")
                        } else {
                            format!("name '{n}' is assigned to before global declaration")
                        };
                        return Err(err(msg, r));
                    }
                    self.add_def(n, def::GLOBAL, r)?;
                    self.record_directive(n, r);
                }
            }
            StmtKind::Nonlocal { names } => {
                for n in names {
                    let cur = self.lookup(self.cur(), n);
                    if cur & (def::PARAM | def::LOCAL | def::USE | def::ANNOT) != 0 {
                        let msg = if cur & def::ANNOT != 0 {
                            format!("annotated name '{n}' can't be nonlocal")
                        } else if cur & def::PARAM != 0 {
                            format!("name '{n}' is parameter and nonlocal")
                        } else if cur & def::USE != 0 {
                            format!("name '{n}' is used prior to nonlocal declaration")
                        } else {
                            format!("name '{n}' is assigned to before nonlocal declaration")
                        };
                        return Err(err(msg, r));
                    }
                    self.add_def(n, def::NONLOCAL, r)?;
                    self.record_directive(n, r);
                }
            }
            StmtKind::Expr { value } => self.expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn alias(&mut self, a: &Alias) -> Result<(), SyntaxError> {
        let store = a.asname.as_deref().unwrap_or_else(|| {
            // `import a.b.c` binds `a`.
            a.name.split('.').next().unwrap_or(&a.name)
        });
        if &*a.name == "*" {
            if self.st.scopes[self.cur()].kind != ScopeKind::Module {
                return Err(err("import * only allowed at module level", a.range));
            }
            return Ok(());
        }
        check_name(store, ExprContext::Store, a.range)?;
        self.add_def(store, def::IMPORT, a.range)
    }

    fn enter_type_params(
        &mut self,
        name: &str,
        key: ScopeKey,
        has_defaults: bool,
        has_kwdefaults: bool,
        is_class: bool,
        r: Range,
    ) -> Result<(), SyntaxError> {
        let in_class = self.st.scopes[self.cur()].kind == ScopeKind::Class;
        self.enter(name, ScopeKind::TypeParameters, key, r);
        if in_class {
            self.ste().can_see_class_scope = true;
            self.add_def("__classdict__", def::USE, r)?;
        }
        if is_class {
            self.add_def(".type_params", def::LOCAL, r)?;
            self.add_def(".type_params", def::USE, r)?;
            self.add_def(".generic_base", def::LOCAL, r)?;
            self.add_def(".generic_base", def::USE, r)?;
        }
        if has_defaults {
            self.add_def(".defaults", def::PARAM, r)?;
        }
        if has_kwdefaults {
            self.add_def(".kwdefaults", def::PARAM, r)?;
        }
        Ok(())
    }

    fn type_params(&mut self, tps: &[TypeParam]) -> Result<(), SyntaxError> {
        let mut seen_default = false;
        for tp in tps {
            let (name, bound, default, info) = match &tp.node {
                TypeParamKind::TypeVar {
                    name,
                    bound,
                    default_value,
                } => (name, bound, default_value, "a TypeVar default"),
                TypeParamKind::ParamSpec {
                    name,
                    default_value,
                } => (name, &None, default_value, "a ParamSpec default"),
                TypeParamKind::TypeVarTuple {
                    name,
                    default_value,
                } => (name, &None, default_value, "a TypeVarTuple default"),
            };
            if &**name == "__classdict__" {
                return Err(err(
                    "reserved name '__classdict__' cannot be used for type parameter",
                    tp.range,
                ));
            }
            check_name(name, ExprContext::Store, tp.range)?;
            if default.is_some() {
                seen_default = true;
            } else if seen_default {
                return Err(err(
                    format!("non-default type parameter '{name}' follows default type parameter"),
                    tp.range,
                ));
            }
            self.add_def(name, def::TYPE_PARAM | def::LOCAL, tp.range)?;
            if let Some(b) = bound {
                let info = if matches!(b.node, ExprKind::Tuple { .. }) {
                    "a TypeVar constraint"
                } else {
                    "a TypeVar bound"
                };
                self.type_param_scope(b, name, key_of(tp, tag::BOUND), info)?;
            }
            if let Some(d) = default {
                self.type_param_scope(d, name, key_of(tp, tag::DEFAULT), info)?;
            }
        }
        Ok(())
    }

    fn type_param_scope(
        &mut self,
        e: &Expr,
        name: &str,
        key: ScopeKey,
        info: &'static str,
    ) -> Result<(), SyntaxError> {
        let is_in_class = self.st.scopes[self.cur()].can_see_class_scope;
        self.enter(name, ScopeKind::TypeVariable, key, e.range);
        self.ste().can_see_class_scope = is_in_class;
        if is_in_class {
            self.add_def("__classdict__", def::USE, e.range)?;
        }
        self.ste().scope_info = info;
        self.expr(e)?;
        self.exit();
        Ok(())
    }

    /// A variable annotation, visited inside the scope's annotation block.
    fn annotation(&mut self, ann: &Expr, key: ScopeKey) -> Result<(), SyntaxError> {
        let cur = self.cur();
        let (kind, cond, has) = {
            let s = &self.st.scopes[cur];
            (
                s.kind,
                s.in_conditional_block,
                s.has_conditional_annotations,
            )
        };
        let future = self.st.future_annotations;
        if ((kind == ScopeKind::Class && cond) || kind == ScopeKind::Module) && !has && !future {
            self.ste().has_conditional_annotations = true;
            self.add_def("__conditional_annotations__", def::USE, ann.range)?;
        }
        let unevaluated = future || self.st.scopes[cur].is_function_like();
        match self.st.scopes[cur].annotation_block {
            Some(ab) => self.enter_existing(ab, false),
            None => {
                let ab = self.enter("__annotate__", ScopeKind::Annotation, key, ann.range);
                self.st.scopes[cur].annotation_block = Some(ab);
                if kind == ScopeKind::Class && !future {
                    self.ste().can_see_class_scope = true;
                    self.add_def("__classdict__", def::USE, ann.range)?;
                }
            }
        }
        if unevaluated {
            self.unevaluated += 1;
        }
        let r = self.expr(ann);
        if unevaluated {
            self.unevaluated -= 1;
        }
        self.exit();
        r
    }

    fn annotations(
        &mut self,
        s: &Stmt,
        a: &Arguments,
        returns: Option<&Expr>,
        fid: ScopeId,
    ) -> Result<(), SyntaxError> {
        let cur = &self.st.scopes[self.cur()];
        let is_in_class = cur.kind == ScopeKind::Class || cur.can_see_class_scope;
        let ab = self.enter(
            "__annotate__",
            ScopeKind::Annotation,
            key_of(a, tag::ANNOTATIONS),
            s.range,
        );
        self.st.scopes[fid].annotation_block = Some(ab);
        if is_in_class && !self.st.future_annotations {
            self.ste().can_see_class_scope = true;
            self.add_def("__classdict__", def::USE, s.range)?;
        }
        let future = self.st.future_annotations;
        if future {
            self.unevaluated += 1;
        }
        let r = self.param_annotations(a, returns);
        if future {
            self.unevaluated -= 1;
        }
        let used = r?;
        self.ste().annotations_used = used;
        self.exit();
        Ok(())
    }

    fn param_annotations(
        &mut self,
        a: &Arguments,
        returns: Option<&Expr>,
    ) -> Result<bool, SyntaxError> {
        let mut used = false;
        for arg in a.posonlyargs.iter().chain(&a.args) {
            if let Some(an) = &arg.annotation {
                used = true;
                self.expr(an)?;
            }
        }
        for arg in a.vararg.iter().chain(&a.kwarg) {
            if let Some(an) = &arg.annotation {
                used = true;
                self.expr(an)?;
            }
        }
        for arg in &a.kwonlyargs {
            if let Some(an) = &arg.annotation {
                used = true;
                self.expr(an)?;
            }
        }
        if let Some(rt) = returns {
            used = true;
            self.expr(rt)?;
        }
        Ok(used)
    }

    fn arguments(&mut self, a: &Arguments, r: Range) -> Result<(), SyntaxError> {
        for arg in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs) {
            check_name(&arg.arg, ExprContext::Store, arg.range)?;
            self.add_def(&arg.arg, def::PARAM, arg.range)?;
        }
        if let Some(v) = &a.vararg {
            check_name(&v.arg, ExprContext::Store, v.range)?;
            self.add_def(&v.arg, def::PARAM, v.range)?;
            self.ste().varargs = true;
        }
        if let Some(k) = &a.kwarg {
            check_name(&k.arg, ExprContext::Store, k.range)?;
            self.add_def(&k.arg, def::PARAM, k.range)?;
            self.ste().varkeywords = true;
        }
        let _ = r;
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern) -> Result<(), SyntaxError> {
        self.enter_depth(p.range)?;
        let res = self.pattern_inner(p);
        self.depth -= 1;
        res
    }

    fn pattern_inner(&mut self, p: &Pattern) -> Result<(), SyntaxError> {
        match &p.node {
            PatternKind::MatchValue { value } => self.expr(value)?,
            PatternKind::MatchSingleton { .. } => {}
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                for q in patterns {
                    self.pattern(q)?;
                }
            }
            PatternKind::MatchStar { name } => {
                if let Some(n) = name {
                    check_name(n, ExprContext::Store, p.range)?;
                    self.add_def(n, def::LOCAL, p.range)?;
                }
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.exprs(keys)?;
                for q in patterns {
                    self.pattern(q)?;
                }
                if let Some(n) = rest {
                    check_name(n, ExprContext::Store, p.range)?;
                    self.add_def(n, def::LOCAL, p.range)?;
                }
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls)?;
                for q in patterns.iter().chain(kwd_patterns) {
                    self.pattern(q)?;
                }
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(q) = pattern {
                    self.pattern(q)?;
                }
                if let Some(n) = name {
                    check_name(n, ExprContext::Store, p.range)?;
                    self.add_def(n, def::LOCAL, p.range)?;
                }
            }
        }
        Ok(())
    }

    fn raise_if_annotation_block(&self, what: &str, e: &Expr) -> Result<(), SyntaxError> {
        let s = &self.st.scopes[self.cur()];
        let msg = match s.kind {
            ScopeKind::Annotation => format!("{what} cannot be used within an annotation"),
            ScopeKind::TypeVariable => format!("{what} cannot be used within {}", s.scope_info),
            ScopeKind::TypeAlias => format!("{what} cannot be used within a type alias"),
            ScopeKind::TypeParameters => {
                format!("{what} cannot be used within the definition of a generic")
            }
            _ => return Ok(()),
        };
        Err(err(msg, e.range))
    }

    fn raise_if_comprehension(&self, e: &Expr) -> Result<(), SyntaxError> {
        let msg = match self.st.scopes[self.cur()].comprehension {
            ComprehensionKind::None => return Ok(()),
            ComprehensionKind::List => "'yield' inside list comprehension",
            ComprehensionKind::Set => "'yield' inside set comprehension",
            ComprehensionKind::Dict => "'yield' inside dict comprehension",
            ComprehensionKind::Generator => "'yield' inside generator expression",
        };
        Err(err(msg, e.range))
    }

    fn is_async_def(&self) -> bool {
        self.st.scopes[self.cur()].coroutine
            && self.st.scopes[self.cur()].comprehension == ComprehensionKind::None
    }

    fn expr(&mut self, e: &Expr) -> Result<(), SyntaxError> {
        self.enter_depth(e.range)?;
        let res = self.expr_inner(e);
        self.depth -= 1;
        res
    }

    fn expr_inner(&mut self, e: &Expr) -> Result<(), SyntaxError> {
        match &e.node {
            ExprKind::NamedExpr { target, value } => {
                self.raise_if_annotation_block("named expression", e)?;
                if self.st.scopes[self.cur()].comp_iter_expr > 0 {
                    return Err(err(
                        "assignment expression cannot be used in a comprehension iterable expression",
                        e.range,
                    ));
                }
                if self.st.scopes[self.cur()].comprehension != ComprehensionKind::None {
                    self.extend_namedexpr_scope(target)?;
                }
                self.expr(value)?;
                self.expr(target)?;
            }
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                // `a + b + c + ...` nests to the left: walk that spine iteratively.
                let mut rights = vec![&**right];
                let mut cur = &**left;
                while let ExprKind::BinOp { left, right, .. } = &cur.node {
                    rights.push(right);
                    cur = left;
                }
                self.expr(cur)?;
                for r in rights.into_iter().rev() {
                    self.expr(r)?;
                }
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.exprs(&args.defaults)?;
                for d in args.kw_defaults.iter().flatten() {
                    self.expr(d)?;
                }
                self.enter("lambda", ScopeKind::Function, key_of(e, tag::MAIN), e.range);
                self.arguments(args, e.range)?;
                self.expr(body)?;
                self.exit();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
            }
            ExprKind::Set { elts } => self.exprs(elts)?,
            ExprKind::ListComp { elt, generators } => self.comprehension(
                e,
                "listcomp",
                generators,
                elt,
                None,
                ComprehensionKind::List,
            )?,
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "setcomp", generators, elt, None, ComprehensionKind::Set)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(
                e,
                "dictcomp",
                generators,
                key,
                Some(value),
                ComprehensionKind::Dict,
            )?,
            ExprKind::GeneratorExp { elt, generators } => self.comprehension(
                e,
                "genexpr",
                generators,
                elt,
                None,
                ComprehensionKind::Generator,
            )?,
            ExprKind::Yield { value } => {
                self.raise_if_annotation_block("yield expression", e)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.ste().generator = true;
                self.raise_if_comprehension(e)?;
            }
            ExprKind::YieldFrom { value } => {
                self.raise_if_annotation_block("yield expression", e)?;
                self.expr(value)?;
                self.ste().generator = true;
                self.raise_if_comprehension(e)?;
            }
            ExprKind::Await { value } => {
                self.raise_if_annotation_block("await expression", e)?;
                self.expr(value)?;
                self.ste().coroutine = true;
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords {
                    if let Some(arg) = &k.arg {
                        check_name(arg, ExprContext::Store, k.range)?;
                    }
                    self.expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            }
            | ExprKind::Interpolation {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                if let Some(f) = format_spec {
                    self.expr(f)?;
                }
            }
            ExprKind::JoinedStr { values } | ExprKind::TemplateStr { values } => {
                self.exprs(values)?
            }
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, attr, ctx } => {
                check_name(attr, *ctx, e.range)?;
                self.expr(value)?
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x)?;
                }
            }
            ExprKind::Name { .. } if self.unevaluated > 0 => {}
            ExprKind::Name { id, ctx } => {
                check_name(id, *ctx, e.range)?;
                let flag = if *ctx == ExprContext::Load {
                    def::USE
                } else {
                    def::LOCAL
                };
                self.add_def(id, flag, e.range)?;
                if *ctx == ExprContext::Load
                    && self.st.scopes[self.cur()].is_function_like()
                    && &**id == "super"
                {
                    self.add_def("__class__", def::USE, e.range)?;
                }
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts)?,
        }
        Ok(())
    }

    fn extend_namedexpr_scope(&mut self, target: &Expr) -> Result<(), SyntaxError> {
        let ExprKind::Name { id, .. } = &target.node else {
            return Ok(());
        };
        let r = target.range;
        for i in (0..self.stack.len()).rev() {
            let sid = self.stack[i];
            let (kind, comp) = (self.st.scopes[sid].kind, self.st.scopes[sid].comprehension);
            if comp != ComprehensionKind::None {
                let f = self.lookup(sid, id);
                if f & def::COMP_ITER != 0 && f & def::LOCAL != 0 {
                    return Err(err(
                        format!(
                            "assignment expression cannot rebind comprehension iteration variable '{id}'"
                        ),
                        r,
                    ));
                }
                continue;
            }
            match kind {
                ScopeKind::Function => {
                    let f = self.lookup(sid, id);
                    if f & def::GLOBAL != 0 {
                        self.add_def(id, def::GLOBAL, r)?;
                    } else {
                        self.add_def(id, def::NONLOCAL, r)?;
                    }
                    self.record_directive(id, r);
                    return self.add_def_in(id, def::LOCAL, sid, r);
                }
                ScopeKind::Module => {
                    self.add_def(id, def::GLOBAL, r)?;
                    self.record_directive(id, r);
                    return self.add_def_in(id, def::GLOBAL, sid, r);
                }
                ScopeKind::Class => {
                    return Err(err(
                        "assignment expression within a comprehension cannot be used in a class body",
                        r,
                    ))
                }
                ScopeKind::TypeParameters => {
                    return Err(err(
                        "assignment expression within a comprehension cannot be used within the definition of a generic",
                        r,
                    ))
                }
                ScopeKind::TypeAlias => {
                    return Err(err(
                        "assignment expression within a comprehension cannot be used in a type alias",
                        r,
                    ))
                }
                ScopeKind::TypeVariable => {
                    return Err(err(
                        "assignment expression within a comprehension cannot be used in a TypeVar bound",
                        r,
                    ))
                }
                ScopeKind::Annotation => {
                    return Err(err(
                        "named expression cannot be used within an annotation",
                        r,
                    ))
                }
            }
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
        kind: ComprehensionKind,
    ) -> Result<(), SyntaxError> {
        let Some(outermost) = generators.first() else {
            return Ok(());
        };
        self.ste().comp_iter_expr += 1;
        let r = self.expr(&outermost.iter);
        self.ste().comp_iter_expr -= 1;
        r?;
        self.enter(name, ScopeKind::Function, key_of(e, tag::MAIN), e.range);
        self.ste().comprehension = kind;
        if outermost.is_async != 0 {
            self.ste().coroutine = true;
        }
        self.add_def(".0", def::PARAM, e.range)?;
        self.ste().comp_iter_target = true;
        let r = self.expr(&outermost.target);
        self.ste().comp_iter_target = false;
        r?;
        self.exprs(&outermost.ifs)?;
        for g in &generators[1..] {
            self.ste().comp_iter_target = true;
            let r = self.expr(&g.target);
            self.ste().comp_iter_target = false;
            r?;
            self.ste().comp_iter_expr += 1;
            let r = self.expr(&g.iter);
            self.ste().comp_iter_expr -= 1;
            r?;
            self.exprs(&g.ifs)?;
            if g.is_async != 0 {
                self.ste().coroutine = true;
            }
        }
        if let Some(v) = value {
            self.expr(v)?;
        }
        self.expr(elt)?;
        let is_generator = kind == ComprehensionKind::Generator;
        self.ste().generator = is_generator;
        let is_async = self.st.scopes[self.cur()].coroutine && !is_generator;
        self.exit();
        if is_async
            && !self.is_async_def()
            && self.st.scopes[self.cur()].comprehension == ComprehensionKind::None
        {
            return Err(err(
                "asynchronous comprehension outside of an asynchronous function",
                e.range,
            ));
        }
        if is_async {
            self.ste().coroutine = true;
        }
        Ok(())
    }
}

/// The docstring expression of a body, if its first statement is a str constant.
pub fn docstring_of(body: &[Stmt]) -> Option<&Expr> {
    match &body.first()?.node {
        StmtKind::Expr { value }
            if matches!(
                value.node,
                ExprKind::Constant {
                    value: crate::ast::Constant::Str(_),
                    ..
                }
            ) =>
        {
            Some(value)
        }
        _ => None,
    }
}

mod analyze;
use analyze::analyze;

#[cfg(test)]
mod tests;
