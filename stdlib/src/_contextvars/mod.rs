//! `_contextvars`: `ContextVar`, `Token`, `Context`, `copy_context` (CPython's
//! `Python/context.c`); asyncio and `threading` need them.
//!
//! A Context's mapping is a dict that is never mutated once installed: `ContextVar.set`
//! replaces the current context's dict by a changed copy (copy-on-write instead of CPython's
//! HAMT), so `copy_context()` is O(1) and a copy never sees later sets. The current context
//! is per thread, kept in a `_thread._local`. `Context.run` is native so that it adds no
//! frame to tracebacks (threading runs every thread's `run` through it).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::object::PyPayload;
use vm::objects::descr::{add_classmethod, add_getset, add_method};
use vm::objects::dict::PyDict;
use vm::objects::seq::trace_value;
use vm::objects::slots::CmpOp;
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::protocols;
use vm::runtime::{none, not_implemented, py_bool, types};
use vm::{PyResult, ThreadState, Value};

/// The module's initializer.
pub const init: Option<NativeInit> = Some(contextvars_init);

/// A `contextvars.Context`.
pub struct PyContext {
    /// The variables: a dict replaced as a whole, never changed in place once installed.
    vars: Mutex<Value>,
    /// The context that was current before `run` entered this one.
    prev: Mutex<Option<Value>>,
    entered: AtomicBool,
}

impl PyPayload for PyContext {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        if let Ok(v) = self.vars.try_lock() {
            trace_value(&v, t);
        }
        if let Ok(p) = self.prev.try_lock() {
            if let Some(p) = &*p {
                trace_value(p, t);
            }
        }
    }
    fn clear(&self) {
        let old = self.prev.lock().ok().and_then(|mut g| g.take());
        drop(old);
    }
}

impl PyContext {
    fn new(vars: Value) -> PyContext {
        PyContext {
            vars: Mutex::new(vars),
            prev: Mutex::new(None),
            entered: AtomicBool::new(false),
        }
    }

    fn vars(&self) -> Value {
        self.vars
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn set_vars(&self, v: Value) {
        let old = std::mem::replace(
            &mut *self.vars.lock().unwrap_or_else(PoisonError::into_inner),
            v,
        );
        drop(old);
    }
}

/// A `contextvars.ContextVar`.
pub struct PyContextVar {
    name: Value,
    default: Option<Value>,
}

impl PyPayload for PyContextVar {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.name, t);
        if let Some(d) = &self.default {
            trace_value(d, t);
        }
    }
}

/// A `contextvars.Token`: what `ContextVar.reset` needs to undo one `set`.
pub struct PyToken {
    ctx: Value,
    var: Value,
    /// The value before the `set`; `None`: the variable had none (`Token.MISSING`).
    old: Option<Value>,
    used: AtomicBool,
}

impl PyPayload for PyToken {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.ctx, t);
        trace_value(&self.var, t);
        if let Some(o) = &self.old {
            trace_value(o, t);
        }
    }
}

/// `Token.MISSING`'s payload.
pub struct PyTokenMissing;

impl PyPayload for PyTokenMissing {
    const GC: bool = false;
}

/// The module's types and per-thread state, made once.
struct State {
    context: &'static PyType,
    var: &'static PyType,
    token: &'static PyType,
    missing: Value,
    /// A `_thread._local` whose `ctx` attribute is each thread's current context.
    local: Value,
}

static STATE: OnceLock<State> = OnceLock::new();

fn state(ts: &ThreadState) -> PyResult<&'static State> {
    if let Some(s) = STATE.get() {
        return Ok(s);
    }
    let thread = vm::import::import_module(ts, "_thread")?;
    let local_cls = protocols::get_attr_str(ts, &thread, "_local")?;
    let local = protocols::call(ts, &local_cls, &[], None)?;
    let context = vm::runtime::new_native_type::<PyContext>(
        ts,
        "_contextvars.Context",
        None,
        flags::WEAKREFABLE,
        setup_context,
    );
    let var = vm::runtime::new_native_type::<PyContextVar>(
        ts,
        "_contextvars.ContextVar",
        None,
        flags::WEAKREFABLE,
        setup_var,
    );
    let missing_ty =
        vm::runtime::new_native_type::<PyTokenMissing>(ts, "Token.MISSING", None, 0, |_ts, t| {
            t.slots.repr.set(Some(missing_repr));
        });
    let missing = vm::object::alloc(ts, missing_ty, PyTokenMissing)?;
    let token = vm::runtime::new_native_type::<PyToken>(
        ts,
        "_contextvars.Token",
        None,
        flags::WEAKREFABLE,
        setup_token,
    );
    token.dict().set_str(ts, "MISSING", missing.clone());
    let _ = STATE.set(State {
        context,
        var,
        token,
        missing,
        local,
    });
    STATE
        .get()
        .ok_or_else(|| ts.runtime_error("_contextvars state"))
}

fn contextvars_init(ts: &ThreadState) -> PyResult<Value> {
    let st = state(ts)?;
    let (m, d) = new_native_module(ts, "_contextvars", &[("copy_context", copy_context)])?;
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("module dict is not a dict"))?;
    dd.set_str(ts, "Context", st.context.to_value());
    dd.set_str(ts, "ContextVar", st.var.to_value());
    dd.set_str(ts, "Token", st.token.to_value());
    dd.set_str(ts, "__doc__", ts.new_str("Context Variables"));
    Ok(m)
}

// --- the current context ---

fn ctx_name(ts: &ThreadState) -> Value {
    ts.intern("ctx")
}

/// This thread's current context, if one was made.
fn current_opt(ts: &ThreadState, st: &State) -> PyResult<Option<Value>> {
    Ok(protocols::get_attr_opt(ts, &st.local, &ctx_name(ts))?.filter(|c| !c.is_none()))
}

/// This thread's current context (an empty one is made on first use).
fn current(ts: &ThreadState, st: &State) -> PyResult<Value> {
    if let Some(c) = current_opt(ts, st)? {
        return Ok(c);
    }
    let c = vm::object::alloc(ts, st.context, PyContext::new(PyDict::new_value(ts)?))?;
    set_current(ts, st, c.clone())?;
    Ok(c)
}

fn set_current(ts: &ThreadState, st: &State, c: Value) -> PyResult<()> {
    protocols::set_attr(ts, &st.local, &ctx_name(ts), c)
}

fn copy_context(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "copy_context")?;
    let st = state(ts)?;
    let cur = current(ts, st)?;
    let vars = ctx_of(ts, &cur)?.vars();
    vm::object::alloc(ts, st.context, PyContext::new(vars))
}

// --- Context ---

fn ctx_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyContext> {
    v.downcast::<PyContext>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a '_contextvars.Context' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn setup_context(ts: &ThreadState, t: &'static PyType) {
    let s = &t.slots;
    s.new.set(Some(context_new));
    s.len.set(Some(context_len));
    s.getitem.set(Some(context_getitem));
    s.contains.set(Some(context_contains));
    s.iter.set(Some(context_iter));
    s.richcompare.set(Some(context_richcompare));
    s.hash
        .set(Some(vm::objects::object_type::hash_not_implemented));
    add_method(ts, t, "run", m_run);
    add_method(ts, t, "copy", m_copy);
    add_method(ts, t, "get", m_ctx_get);
    add_method(ts, t, "keys", m_keys);
    add_method(ts, t, "values", m_values);
    add_method(ts, t, "items", m_items);
}

fn context_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    if !args.is_empty() {
        return Err(ts.type_error("Context() does not accept any arguments"));
    }
    vm::object::alloc(ts, cls.as_type(), PyContext::new(PyDict::new_value(ts)?))
}

/// `key` as a ContextVar, or CPython's TypeError.
fn var_key<'a>(ts: &ThreadState, key: &'a Value) -> PyResult<&'a PyContextVar> {
    match key.downcast::<PyContextVar>() {
        Some(v) => Ok(v),
        None => Err(ts.type_error(format!(
            "a ContextVar key was expected, got {}",
            protocols::repr_string(ts, key)?
        ))),
    }
}

fn dict_of<'a>(ts: &ThreadState, d: &'a Value) -> PyResult<&'a PyDict> {
    d.downcast::<PyDict>()
        .ok_or_else(|| ts.runtime_error("context mapping is not a dict"))
}

fn context_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    let vars = ctx_of(ts, v)?.vars();
    Ok(dict_of(ts, &vars)?.len(ts))
}

fn context_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let vars = ctx_of(ts, v)?.vars();
    var_key(ts, key)?;
    dict_of(ts, &vars)?
        .get_item(ts, key)?
        .ok_or_else(|| ts.key_error(key.clone()))
}

fn context_contains(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<bool> {
    let vars = ctx_of(ts, v)?.vars();
    var_key(ts, key)?;
    Ok(dict_of(ts, &vars)?.get_item(ts, key)?.is_some())
}

fn context_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let vars = ctx_of(ts, v)?.vars();
    protocols::get_iter(ts, &vars)
}

fn context_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<PyContext>(), b.downcast::<PyContext>()) else {
        return Ok(not_implemented());
    };
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(not_implemented());
    }
    let eq = protocols::eq(ts, &x.vars(), &y.vars())?;
    Ok(py_bool(eq == (op == CmpOp::Eq)))
}

/// `ctx.run(callable, /, *args, **kwargs)`: calls with `ctx` current, without a frame of
/// its own.
fn m_run(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let ctx = ctx_of(ts, s)?;
    if a.positional().is_empty() {
        return Err(ts.type_error("run() missing 1 required positional argument"));
    }
    let st = state(ts)?;
    if ctx.entered.swap(true, Ordering::AcqRel) {
        return Err(ts.runtime_error(format!(
            "cannot enter context: {} is already entered",
            protocols::repr_string(ts, s)?
        )));
    }
    let prev = current_opt(ts, st)?;
    *ctx.prev.lock().unwrap_or_else(PoisonError::into_inner) = prev.clone();
    if let Err(e) = set_current(ts, st, s.clone()) {
        ctx.entered.store(false, Ordering::Release);
        return Err(e);
    }
    let res = protocols::call(ts, &a.args[0], &a.args[1..], a.kwnames);
    let restored = set_current(ts, st, prev.unwrap_or_else(none));
    let old = ctx
        .prev
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    drop(old);
    // ORDERING: Release pairs with the AcqRel swap of the next `run`.
    ctx.entered.store(false, Ordering::Release);
    let v = res?;
    restored?;
    Ok(v)
}

fn m_copy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "copy")?;
    let vars = ctx_of(ts, s)?.vars();
    vm::object::alloc(ts, state(ts)?.context, PyContext::new(vars))
}

fn m_ctx_get(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [key, default] = a.parse::<2>(ts, "get", &["", ""], 1)?;
    let vars = ctx_of(ts, s)?.vars();
    let key = key.unwrap_or_else(none);
    var_key(ts, &key)?;
    Ok(dict_of(ts, &vars)?
        .get_item(ts, &key)?
        .unwrap_or_else(|| default.unwrap_or_else(none)))
}

fn dict_view(ts: &ThreadState, s: &Value, a: MethodArgs<'_>, which: &str) -> PyResult<Value> {
    a.none(ts, which)?;
    let vars = ctx_of(ts, s)?.vars();
    protocols::call_method(ts, &vars, which, &[])
}

fn m_keys(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    dict_view(ts, s, a, "keys")
}

fn m_values(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    dict_view(ts, s, a, "values")
}

fn m_items(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    dict_view(ts, s, a, "items")
}

// --- ContextVar ---

fn var_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyContextVar> {
    v.downcast::<PyContextVar>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a '_contextvars.ContextVar' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn setup_var(ts: &ThreadState, t: &'static PyType) {
    t.slots.new.set(Some(var_new));
    t.slots.repr.set(Some(var_repr));
    add_method(ts, t, "get", m_var_get);
    add_method(ts, t, "set", m_var_set);
    add_method(ts, t, "reset", m_var_reset);
    add_getset(ts, t, "name", g_var_name, None);
    add_classmethod(
        ts,
        t,
        "__class_getitem__",
        vm::objects::generic_alias::class_getitem,
    );
}

fn var_new(ts: &ThreadState, cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let [name, default] =
        MethodArgs::new(args, kw).parse::<2>(ts, "ContextVar", &["", "*default"], 1)?;
    let name = name.unwrap_or_else(none);
    if name.downcast::<PyStr>().is_none() {
        return Err(ts.type_error("context variable name must be a str"));
    }
    // As CPython, which keeps the name's hash: an unhashable str subclass fails here.
    protocols::hash(ts, &name)?;
    vm::object::alloc(ts, cls.as_type(), PyContextVar { name, default })
}

fn var_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let var = var_of(ts, v)?;
    let mut r = format!(
        "<ContextVar name={}",
        protocols::repr_string(ts, &var.name)?
    );
    if let Some(d) = &var.default {
        r.push_str(&format!(" default={}", protocols::repr_string(ts, d)?));
    }
    r.push_str(&format!(" at {:#x}>", v.identity()));
    Ok(ts.new_str(&r))
}

fn g_var_name(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(var_of(ts, v)?.name.clone())
}

fn m_var_get(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [default] = a.parse::<1>(ts, "get", &[""], 0)?;
    let var = var_of(ts, s)?;
    let st = state(ts)?;
    if let Some(c) = current_opt(ts, st)? {
        let vars = ctx_of(ts, &c)?.vars();
        if let Some(v) = dict_of(ts, &vars)?.get_item(ts, s)? {
            return Ok(v);
        }
    }
    if let Some(d) = default.or_else(|| var.default.clone()) {
        return Ok(d);
    }
    Err(ts.new_error_args(types().exc.lookup_error, vec![s.clone()]))
}

fn m_var_set(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [value] = a.parse::<1>(ts, "set", &[""], 1)?;
    var_of(ts, s)?;
    let st = state(ts)?;
    let cv = current(ts, st)?;
    let ctx = ctx_of(ts, &cv)?;
    let old_vars = ctx.vars();
    let od = dict_of(ts, &old_vars)?;
    let old = od.get_item(ts, s)?;
    let new_vars = PyDict::new_value(ts)?;
    let nd = dict_of(ts, &new_vars)?;
    for (k, v) in od.items(ts) {
        nd.set_item(ts, k, v)?;
    }
    nd.set_item(ts, s.clone(), value.unwrap_or_else(none))?;
    ctx.set_vars(new_vars);
    let tok = PyToken {
        ctx: cv.clone(),
        var: s.clone(),
        old,
        used: AtomicBool::new(false),
    };
    vm::object::alloc(ts, st.token, tok)
}

fn m_var_reset(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [token] = a.parse::<1>(ts, "reset", &[""], 1)?;
    var_of(ts, s)?;
    let tv = token.unwrap_or_else(none);
    let Some(tok) = tv.downcast::<PyToken>() else {
        return Err(ts.type_error(format!(
            "expected an instance of Token, got {}",
            protocols::repr_string(ts, &tv)?
        )));
    };
    let st = state(ts)?;
    if tok.used.load(Ordering::Acquire) {
        return Err(ts.runtime_error(format!(
            "{} has already been used once",
            protocols::repr_string(ts, &tv)?
        )));
    }
    if !tok.var.is(s) {
        return Err(ts.value_error(format!(
            "{} was created by a different ContextVar",
            protocols::repr_string(ts, &tv)?
        )));
    }
    let cv = current(ts, st)?;
    if !tok.ctx.is(&cv) {
        return Err(ts.value_error(format!(
            "{} was created in a different Context",
            protocols::repr_string(ts, &tv)?
        )));
    }
    tok.used.store(true, Ordering::Release);
    let ctx = ctx_of(ts, &cv)?;
    let old_vars = ctx.vars();
    let new_vars = PyDict::new_value(ts)?;
    let nd = dict_of(ts, &new_vars)?;
    for (k, v) in dict_of(ts, &old_vars)?.items(ts) {
        if !k.is(s) {
            nd.set_item(ts, k, v)?;
        }
    }
    if let Some(old) = &tok.old {
        nd.set_item(ts, s.clone(), old.clone())?;
    }
    ctx.set_vars(new_vars);
    Ok(none())
}

// --- Token ---

fn tok_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyToken> {
    v.downcast::<PyToken>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a '_contextvars.Token' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn setup_token(ts: &ThreadState, t: &'static PyType) {
    t.slots.new.set(Some(token_new));
    t.slots.repr.set(Some(token_repr));
    add_getset(ts, t, "var", g_tok_var, None);
    add_getset(ts, t, "old_value", g_tok_old, None);
    add_method(ts, t, "__enter__", m_tok_enter);
    add_method(ts, t, "__exit__", m_tok_exit);
    add_classmethod(
        ts,
        t,
        "__class_getitem__",
        vm::objects::generic_alias::class_getitem,
    );
}

fn token_new(
    ts: &ThreadState,
    _cls: &Value,
    _a: &[Value],
    _k: Option<&PyTuple>,
) -> PyResult<Value> {
    Err(ts.runtime_error("Tokens can only be created by ContextVars"))
}

fn token_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let tok = tok_of(ts, v)?;
    let used = if tok.used.load(Ordering::Acquire) {
        " used"
    } else {
        ""
    };
    Ok(ts.new_str(&format!(
        "<Token{used} var={} at {:#x}>",
        protocols::repr_string(ts, &tok.var)?,
        v.identity()
    )))
}

fn missing_repr(ts: &ThreadState, _v: &Value) -> PyResult<Value> {
    Ok(ts.new_str("<Token.MISSING>"))
}

fn g_tok_var(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(tok_of(ts, v)?.var.clone())
}

fn g_tok_old(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let tok = tok_of(ts, v)?;
    match &tok.old {
        Some(o) => Ok(o.clone()),
        None => Ok(state(ts)?.missing.clone()),
    }
}

fn m_tok_enter(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__enter__")?;
    tok_of(ts, s)?;
    Ok(s.clone())
}

fn m_tok_exit(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let tok = tok_of(ts, s)?;
    let _ = a;
    protocols::call_method(ts, &tok.var, "reset", std::slice::from_ref(s))?;
    Ok(none())
}
