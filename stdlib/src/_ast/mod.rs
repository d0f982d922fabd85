//! `_ast`: the node classes of CPython 3.14's `ast` module, and the bridge between them and
//! the frontend's AST (CPython's `Python/Python-ast.c` and `Python/ast.c`).
//!
//! The classes are ordinary Python classes built once per process by `prelude.py` (run in a
//! scratch namespace), so `AST.__init__`, `__reduce__`, `__replace__` and `__repr__` follow
//! CPython's C code in Python; their state ([`AstState`]: the classes, the shared
//! `Load()`/`Add()`/... singletons, the field-name keys) lives in a write-once static, as
//! CPython keeps it in the interpreter. Each `import _ast` makes a module holding the same
//! classes.
//!
//! Conversions: [`to_object`] (frontend tree → node objects; what `ast.parse` returns) writes
//! the instance dicts directly; [`from_object`] (node objects → frontend tree, for
//! `compile(tree, ...)`) reads attributes with `getattr` and raises CPython's `TypeError`s and
//! `ValueError`s for missing or ill-typed fields; [`validate`] then checks the tree as
//! CPython's `PyAST_Validate` does. [`optimize`] is the `PyCF_OPTIMIZED_AST` pass.
//! The builtin `compile` reaches them through [`vm::builtins::AstHooks`], installed by
//! [`install_hooks`].

mod from_object;
mod optimize;
mod to_object;
mod validate;

use std::collections::HashMap;
use std::sync::OnceLock;

use vm::builtins::modules::{new_native_module, NativeInit};
use vm::objects::dict::PyDict;
use vm::{protocols, PyResult, ThreadState, Value};

/// The module's initializer.
pub const init: Option<NativeInit> = Some(ast_init);

/// `compile()` flags (CPython's `Include/cpython/compile.h`).
pub(crate) const PYCF_ONLY_AST: i64 = 0x400;
pub(crate) const PYCF_TYPE_COMMENTS: i64 = 0x1000;
pub(crate) const PYCF_ALLOW_TOP_LEVEL_AWAIT: i64 = 0x2000;
pub(crate) const PYCF_OPTIMIZED_AST: i64 = 0x8000 | PYCF_ONLY_AST;

const PRELUDE: &str = include_str!("prelude.py");

macro_rules! kinds {
    ($($v:ident $(= $n:literal)?),* $(,)?) => {
        /// Every class of `_ast`, in CPython's definition order (the order of `prelude.py`).
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub(crate) enum K { $($v),* }
        const KIND_NAMES: &[&str] = &[$(kinds!(@name $v $($n)?)),*];
        const ALL_KINDS: &[K] = &[$(K::$v),*];
    };
    (@name $v:ident $n:literal) => { $n };
    (@name $v:ident) => { stringify!($v) };
}

kinds! {
    AST, mod_ = "mod", Module, Interactive, Expression, FunctionType,
    stmt, FunctionDef, AsyncFunctionDef, ClassDef, Return, Delete, Assign, TypeAlias,
    AugAssign, AnnAssign, For, AsyncFor, While, If, With, AsyncWith, Match, Raise, Try,
    TryStar, Assert, Import, ImportFrom, Global, Nonlocal, Expr, Pass, Break, Continue,
    expr, BoolOp, NamedExpr, BinOp, UnaryOp, Lambda, IfExp, Dict, Set, ListComp, SetComp,
    DictComp, GeneratorExp, Await, Yield, YieldFrom, Compare, Call, FormattedValue,
    Interpolation, JoinedStr, TemplateStr, Constant, Attribute, Subscript, Starred, Name,
    List, Tuple, Slice,
    expr_context, Load, Store, Del,
    boolop, And, Or,
    operator, Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd,
    FloorDiv,
    unaryop, Invert, Not, UAdd, USub,
    cmpop, Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn,
    comprehension, excepthandler, ExceptHandler, arguments, arg, keyword, alias, withitem,
    match_case,
    pattern, MatchValue, MatchSingleton, MatchSequence, MatchMapping, MatchClass, MatchStar,
    MatchAs, MatchOr,
    type_ignore, TypeIgnore,
    type_param, TypeVar, ParamSpec, TypeVarTuple,
}

impl K {
    /// The Python class name.
    pub(crate) fn name(self) -> &'static str {
        KIND_NAMES[self as usize]
    }
}

/// The classes and shared instances of `_ast`, made once per process.
pub(crate) struct AstState {
    /// By `K as usize`.
    classes: Vec<Value>,
    /// The instance `ast.parse` uses for each field-less constructor of a simple sum
    /// (`Load()`, `Add()`, ...), by `K as usize`.
    singletons: Vec<Option<Value>>,
    /// Class identity → kind.
    by_class: HashMap<usize, K>,
    /// Field and attribute names as interned strs.
    keys: HashMap<String, Value>,
}

static STATE: OnceLock<AstState> = OnceLock::new();

impl AstState {
    /// The state, built on first use (by `import _ast` or the first AST `compile()`).
    pub(crate) fn get(ts: &ThreadState) -> PyResult<&'static AstState> {
        if let Some(s) = STATE.get() {
            return Ok(s);
        }
        let s = build_state(ts)?;
        // Two threads may both build; one set of classes wins and is used by everyone.
        let _ = STATE.set(s);
        STATE
            .get()
            .ok_or_else(|| ts.runtime_error("_ast state not initialized"))
    }

    pub(crate) fn class(&self, k: K) -> &Value {
        &self.classes[k as usize]
    }

    /// The shared instance of a field-less constructor (`Load`, `Add`, ...).
    pub(crate) fn singleton(&self, k: K) -> Option<&Value> {
        self.singletons[k as usize].as_ref()
    }

    /// The interned str of a field or attribute name.
    pub(crate) fn key(&self, ts: &ThreadState, name: &str) -> Value {
        match self.keys.get(name) {
            Some(v) => v.clone(),
            None => ts.intern(name),
        }
    }

    /// The `_ast` class `v` is an instance of (the first one along its MRO).
    pub(crate) fn kind_of(&self, v: &Value) -> Option<K> {
        v.class()
            .mro()
            .iter()
            .find_map(|c| self.by_class.get(&c.identity()).copied())
    }

    /// Whether `v`'s class is `k` or a subclass of it (CPython's `PyObject_IsInstance` for
    /// the node classes, without `__instancecheck__`).
    pub(crate) fn is_instance(&self, v: &Value, k: K) -> bool {
        let target = self.class(k).identity();
        v.class().mro().iter().any(|c| c.identity() == target)
    }
}

fn build_state(ts: &ThreadState) -> PyResult<AstState> {
    let ns = ts.new_dict();
    let nsd = ns
        .downcast::<PyDict>()
        .ok_or_else(|| ts.runtime_error("dict expected"))?;
    nsd.set_item(ts, ts.intern("__name__"), ts.new_str("ast"))?;
    crate::_random::exec_in(ts, PRELUDE, &ns)?;
    let build = nsd
        .get_str(ts, "_build")
        .ok_or_else(|| ts.runtime_error("_ast prelude has no _build"))?;
    let res = protocols::call(ts, &build, &[], None)?;
    let [pairs, singletons] = res.as_tuple_slice() else {
        return Err(ts.runtime_error("_ast prelude returned a bad result"));
    };
    let pairs = protocols::collect(ts, pairs)?;
    if pairs.len() != ALL_KINDS.len() {
        return Err(ts.runtime_error("_ast prelude and K disagree"));
    }
    let mut classes = Vec::with_capacity(pairs.len());
    let mut by_class = HashMap::new();
    let mut keys = HashMap::new();
    let fields_key = ts.intern("_fields");
    let attributes_key = ts.intern("_attributes");
    for (pair, &k) in pairs.iter().zip(ALL_KINDS) {
        let [name, cls] = pair.as_tuple_slice() else {
            return Err(ts.runtime_error("_ast prelude returned a bad pair"));
        };
        if vm::objects::str::str_lossy(name) != k.name() {
            return Err(ts.runtime_error("_ast prelude and K disagree"));
        }
        by_class.insert(cls.identity(), k);
        for attr in [&fields_key, &attributes_key] {
            let names = protocols::get_attr(ts, cls, attr)?;
            for n in names.as_tuple_slice() {
                let s = vm::objects::str::str_lossy(n);
                keys.entry(s.clone()).or_insert_with(|| ts.intern(&s));
            }
        }
        classes.push(cls.clone());
    }
    let sd = singletons
        .downcast::<PyDict>()
        .ok_or_else(|| ts.runtime_error("_ast prelude returned a bad result"))?;
    let singletons = ALL_KINDS.iter().map(|k| sd.get_str(ts, k.name())).collect();
    Ok(AstState {
        classes,
        singletons,
        by_class,
        keys,
    })
}

fn ast_init(ts: &ThreadState) -> PyResult<Value> {
    let st = AstState::get(ts)?;
    let (m, d) = new_native_module(ts, "_ast", &[])?;
    let d = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.runtime_error("module dict expected"))?;
    let put = |name: &str, v: Value| d.set_item(ts, ts.intern(name), v);
    put("AST", st.class(K::AST).clone())?;
    put(
        "PyCF_ALLOW_TOP_LEVEL_AWAIT",
        ts.new_int(PYCF_ALLOW_TOP_LEVEL_AWAIT),
    )?;
    put("PyCF_ONLY_AST", ts.new_int(PYCF_ONLY_AST))?;
    put("PyCF_TYPE_COMMENTS", ts.new_int(PYCF_TYPE_COMMENTS))?;
    put("PyCF_OPTIMIZED_AST", ts.new_int(PYCF_OPTIMIZED_AST))?;
    for &k in &ALL_KINDS[1..] {
        put(k.name(), st.class(k).clone())?;
    }
    Ok(m)
}

/// Installs the `compile()` hooks (called by `register_all`, before any code runs).
pub(crate) fn install_hooks() {
    let _ = vm::builtins::AST_HOOKS.set(vm::builtins::AstHooks {
        is_ast,
        to_object: to_object::mod_to_object,
        from_object: from_object::object_to_mod,
    });
}

/// Whether `v` is an `ast.AST` instance (`PyAST_Check`). Before the classes exist no value
/// can be one, so this never builds them (every `compile()` of source text asks).
fn is_ast(_ts: &ThreadState, v: &Value) -> PyResult<bool> {
    Ok(STATE.get().is_some_and(|s| s.is_instance(v, K::AST)))
}
