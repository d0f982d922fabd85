//! `function` (Python functions), `method` (bound methods) and `cell` (closure variables).
//!
//! A function's code, globals, builtins and closure never change after creation (they are set
//! before the function is published: MAKE_FUNCTION then SET_FUNCTION_ATTRIBUTE on a fresh
//! object), so calls read them without a lock. The attributes Python may reassign
//! (`__defaults__`, `__name__`, `__doc__`, …) sit behind a leaf mutex that is never held
//! across Python code. Module-level and class-body functions use deferred reference counting
//! (`interp/ops` MAKE_FUNCTION), as in CPython 3.14.

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::code::PyCode;
use crate::objects::seq::trace_value;
use crate::objects::str::str_lossy;
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{names, none, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use std::sync::{Mutex, OnceLock};

/// Reassignable function attributes.
#[derive(Default, Clone)]
pub struct FuncAttrs {
    pub name: Option<Value>,
    pub qualname: Option<Value>,
    pub doc: Option<Value>,
    pub module: Option<Value>,
    pub defaults: Option<Value>,
    pub kwdefaults: Option<Value>,
    pub annotations: Option<Value>,
    pub annotate: Option<Value>,
    pub type_params: Option<Value>,
}

pub struct PyFunction {
    pub code: Value,
    pub globals: Value,
    pub builtins: Value,
    pub closure: OnceLock<Value>,
    pub attrs: Mutex<FuncAttrs>,
    pub dict: OnceLock<Value>,
}

impl PyPayload for PyFunction {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.code, t);
        trace_value(&self.globals, t);
        trace_value(&self.builtins, t);
        if let Some(c) = self.closure.get() {
            trace_value(c, t);
        }
        if let Some(d) = self.dict.get() {
            trace_value(d, t);
        }
        if let Ok(a) = self.attrs.try_lock() {
            for v in [
                &a.name,
                &a.qualname,
                &a.doc,
                &a.module,
                &a.defaults,
                &a.kwdefaults,
                &a.annotations,
                &a.annotate,
                &a.type_params,
            ]
            .into_iter()
            .flatten()
            {
                trace_value(v, t);
            }
        }
    }
    fn clear(&self) {
        let old = self.attrs.lock().ok().map(|mut a| std::mem::take(&mut *a));
        drop(old);
    }
}

impl PyFunction {
    #[inline]
    pub fn code(&self) -> &PyCode {
        // SAFETY: `code` always holds a code object.
        unsafe { self.code.payload_unchecked::<PyCode>() }
    }

    pub fn attrs(&self) -> FuncAttrs {
        self.attrs.lock().map(|a| a.clone()).unwrap_or_default()
    }

    pub fn defaults(&self) -> Option<Value> {
        self.attrs.lock().ok().and_then(|a| a.defaults.clone())
    }

    pub fn kwdefaults(&self) -> Option<Value> {
        self.attrs.lock().ok().and_then(|a| a.kwdefaults.clone())
    }

    pub fn closure(&self) -> Option<&Value> {
        self.closure.get()
    }

    pub fn qualname_string(&self) -> String {
        self.attrs
            .lock()
            .ok()
            .and_then(|a| a.qualname.clone())
            .map(|q| str_lossy(&q))
            .unwrap_or_else(|| self.code().unit.qualname.to_string())
    }

    pub fn name_string(&self) -> String {
        self.attrs
            .lock()
            .ok()
            .and_then(|a| a.name.clone())
            .map(|q| str_lossy(&q))
            .unwrap_or_else(|| self.code().unit.name.to_string())
    }

    /// `__name__` as the stored str object (the code's name unless reassigned).
    pub fn name_value(&self) -> Value {
        self.attrs
            .lock()
            .ok()
            .and_then(|a| a.name.clone())
            .unwrap_or_else(|| self.code().name.clone())
    }

    /// `__qualname__` as the stored str object (the code's qualname unless reassigned).
    pub fn qualname_value(&self) -> Value {
        self.attrs
            .lock()
            .ok()
            .and_then(|a| a.qualname.clone())
            .unwrap_or_else(|| self.code().qualname.clone())
    }

    pub fn dict(&self, ts: &ThreadState) -> Value {
        self.dict.get_or_init(|| ts.new_dict()).clone()
    }
}

/// A new function for `code` with these globals (MAKE_FUNCTION).
pub fn new_function(ts: &ThreadState, code: Value, globals: Value) -> PyResult<Value> {
    let builtins = globals
        .downcast::<crate::objects::dict::PyDict>()
        .and_then(|g| g.get_item_str(ts, &names().__builtins__))
        .map(|b| match b.downcast::<crate::objects::module::PyModule>() {
            Some(m) => m.dict.clone(),
            None => b,
        })
        .unwrap_or_else(|| ts.rt.builtins_dict().clone());
    let (name, qualname, doc) = {
        // SAFETY: MAKE_FUNCTION's operand is a code object (the compiler's contract).
        let c = code
            .downcast::<PyCode>()
            .ok_or_else(|| ts.type_error("MAKE_FUNCTION needs a code object"))?;
        let doc = if c.flags & frontend::code::flags::HAS_DOCSTRING != 0 {
            c.consts.first().cloned()
        } else {
            None
        };
        (c.name.clone(), c.qualname.clone(), doc)
    };
    let module = globals
        .downcast::<crate::objects::dict::PyDict>()
        .and_then(|g| g.get_item_str(ts, &names().__name__));
    let f = PyFunction {
        code,
        globals,
        builtins,
        closure: OnceLock::new(),
        attrs: Mutex::new(FuncAttrs {
            name: Some(name),
            qualname: Some(qualname),
            doc,
            module,
            ..Default::default()
        }),
        dict: OnceLock::new(),
    };
    crate::object::alloc(ts, types().function, f)
}

// --- bound methods ---

pub struct PyBoundMethod {
    pub func: Value,
    pub self_: Value,
}

impl PyPayload for PyBoundMethod {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.func, t);
        trace_value(&self.self_, t);
    }
}

pub fn new_bound_method(ts: &ThreadState, func: Value, self_: Value) -> PyResult<Value> {
    crate::object::alloc(ts, types().bound_method, PyBoundMethod { func, self_ })
}

fn method_call(
    ts: &ThreadState,
    m: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    // SAFETY: installed on `method` only.
    let bm = unsafe { m.payload_unchecked::<PyBoundMethod>() };
    let mut v = Vec::with_capacity(args.len() + 1);
    v.push(bm.self_.clone());
    v.extend_from_slice(args);
    protocols::call(ts, &bm.func, &v, kw)
}

fn method_repr(ts: &ThreadState, m: &Value) -> PyResult<Value> {
    // SAFETY: installed on `method` only.
    let bm = unsafe { m.payload_unchecked::<PyBoundMethod>() };
    let q = protocols::get_attr_opt(ts, &bm.func, &names().__qualname__)?
        .map(|q| str_lossy(&q))
        .unwrap_or_else(|| "?".into());
    let s = protocols::repr_string(ts, &bm.self_)?;
    Ok(ts.new_str(&format!("<bound method {q} of {s}>")))
}

/// `method.__doc__` is the function's (without it, `object.__doc__` would answer).
fn m_doc(ts: &ThreadState, m: &Value) -> PyResult<Value> {
    let bm = m
        .downcast::<PyBoundMethod>()
        .ok_or_else(|| ts.type_error("descriptor '__doc__' requires a 'method' object"))?;
    protocols::get_attr(ts, &bm.func, &ts.intern("__doc__"))
}

fn method_getattro(ts: &ThreadState, m: &Value, name: &Value) -> PyResult<Value> {
    match crate::objects::object_type::generic_getattr_opt(ts, m, name)? {
        Some(v) => Ok(v),
        None => {
            // SAFETY: installed on `method` only.
            let bm = unsafe { m.payload_unchecked::<PyBoundMethod>() };
            protocols::get_attr(ts, &bm.func, name)
        }
    }
}

fn method_richcompare(
    _ts: &ThreadState,
    a: &Value,
    b: &Value,
    op: crate::objects::slots::CmpOp,
) -> PyResult<Value> {
    use crate::objects::slots::CmpOp;
    let (Some(x), Some(y)) = (a.downcast::<PyBoundMethod>(), b.downcast::<PyBoundMethod>()) else {
        return Ok(crate::runtime::not_implemented());
    };
    let eq = x.func.is(&y.func) && x.self_.is(&y.self_);
    match op {
        CmpOp::Eq => Ok(crate::runtime::py_bool(eq)),
        CmpOp::Ne => Ok(crate::runtime::py_bool(!eq)),
        _ => Ok(crate::runtime::not_implemented()),
    }
}

fn method_hash(ts: &ThreadState, m: &Value) -> PyResult<i64> {
    // SAFETY: installed on `method` only.
    let bm = unsafe { m.payload_unchecked::<PyBoundMethod>() };
    Ok(protocols::hash(ts, &bm.func)? ^ (bm.self_.identity() as i64 >> 4))
}

fn m_func(_ts: &ThreadState, m: &Value) -> PyResult<Value> {
    // SAFETY: getset on `method` only.
    Ok(unsafe { m.payload_unchecked::<PyBoundMethod>() }
        .func
        .clone())
}
fn m_self(_ts: &ThreadState, m: &Value) -> PyResult<Value> {
    // SAFETY: getset on `method` only.
    Ok(unsafe { m.payload_unchecked::<PyBoundMethod>() }
        .self_
        .clone())
}

// --- cells ---

pub struct PyCell {
    pub contents: Mutex<Option<Value>>,
}

impl PyPayload for PyCell {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        if let Ok(g) = self.contents.try_lock() {
            if let Some(v) = &*g {
                trace_value(v, t);
            }
        }
    }
    fn clear(&self) {
        let old = self.contents.lock().ok().and_then(|mut g| g.take());
        drop(old);
    }
}

impl PyCell {
    #[inline]
    pub fn get(&self) -> Option<Value> {
        match self.contents.lock() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }
    #[inline]
    pub fn set(&self, v: Option<Value>) -> Option<Value> {
        match self.contents.lock() {
            Ok(mut g) => std::mem::replace(&mut *g, v),
            Err(p) => std::mem::replace(&mut *p.into_inner(), v),
        }
    }
}

pub fn new_cell(ts: &ThreadState, v: Option<Value>) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        types().cell,
        PyCell {
            contents: Mutex::new(v),
        },
    )
}

fn cell_contents(ts: &ThreadState, c: &Value) -> PyResult<Value> {
    // SAFETY: getset on `cell` only.
    unsafe { c.payload_unchecked::<PyCell>() }
        .get()
        .ok_or_else(|| ts.value_error("Cell is empty"))
}

fn cell_set_contents(_ts: &ThreadState, c: &Value, v: Option<Value>) -> PyResult<()> {
    // SAFETY: getset on `cell` only.
    drop(unsafe { c.payload_unchecked::<PyCell>() }.set(v));
    Ok(())
}

fn cell_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    new_cell(ts, args.first().cloned())
}

// --- function attributes ---

fn func_of(v: &Value) -> &PyFunction {
    // SAFETY: getsets installed on `function` only.
    unsafe { v.payload_unchecked::<PyFunction>() }
}

macro_rules! attr_getset {
    ($get:ident, $set:ident, $field:ident) => {
        fn $get(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
            Ok(func_of(v)
                .attrs
                .lock()
                .ok()
                .and_then(|a| a.$field.clone())
                .unwrap_or_else(none))
        }
        fn $set(_ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
            let old = func_of(v)
                .attrs
                .lock()
                .ok()
                .map(|mut a| std::mem::replace(&mut a.$field, x.filter(|x| !x.is_none())));
            drop(old);
            Ok(())
        }
    };
}

attr_getset!(f_doc, f_set_doc, doc);
attr_getset!(f_module, f_set_module, module);
attr_getset!(f_defaults, f_set_defaults, defaults);
attr_getset!(f_kwdefaults, f_set_kwdefaults, kwdefaults);
attr_getset!(f_annotate, f_set_annotate, annotate);
attr_getset!(f_type_params_raw, f_set_type_params, type_params);

fn f_type_params(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let r = f_type_params_raw(ts, v)?;
    Ok(if r.is_none() { ts.new_tuple(vec![]) } else { r })
}

fn f_name(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(func_of(v).name_value())
}
fn f_set_name(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    match x {
        Some(x) if x.downcast::<crate::objects::str::PyStr>().is_some() => {
            let old = func_of(v).attrs.lock().ok().map(|mut a| a.name.replace(x));
            drop(old);
            Ok(())
        }
        _ => Err(ts.type_error("__name__ must be set to a string object")),
    }
}
fn f_qualname(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(func_of(v).qualname_value())
}
fn f_set_qualname(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    match x {
        Some(x) if x.downcast::<crate::objects::str::PyStr>().is_some() => {
            let old = func_of(v)
                .attrs
                .lock()
                .ok()
                .map(|mut a| a.qualname.replace(x));
            drop(old);
            Ok(())
        }
        _ => Err(ts.type_error("__qualname__ must be set to a string object")),
    }
}
fn f_code(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(func_of(v).code.clone())
}
/// `func.__code__ = co`: only `types.coroutine`'s flag change is possible for now (see
/// `code::set_code_flags`); functions cannot swap their code object yet.
fn f_set_code(ts: &ThreadState, v: &Value, new: Option<Value>) -> PyResult<()> {
    let Some(new) = new else {
        return Err(ts.type_error("__code__ must be set to a code object"));
    };
    let Some(nc) = new.downcast::<PyCode>() else {
        return Err(ts.type_error("__code__ must be set to a code object"));
    };
    if crate::objects::code::set_code_flags(func_of(v).code(), nc) {
        return Ok(());
    }
    Err(ts
        .value_error("assigning a different code object to __code__ is not supported by Ladon yet"))
}
fn f_globals(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(func_of(v).globals.clone())
}
fn f_builtins(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(func_of(v).builtins.clone())
}
fn f_closure(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(func_of(v).closure().cloned().unwrap_or_else(none))
}
fn f_dict(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(func_of(v).dict(ts))
}
fn f_annotations(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let f = func_of(v);
    if let Some(a) = f.attrs.lock().ok().and_then(|a| a.annotations.clone()) {
        return Ok(a);
    }
    let annotate = f.attrs.lock().ok().and_then(|a| a.annotate.clone());
    let d = match annotate {
        Some(fa) => protocols::call(ts, &fa, &[ts.new_int(1)], None)?,
        None => ts.new_dict(),
    };
    if let Ok(mut a) = f.attrs.lock() {
        a.annotations = Some(d.clone());
    }
    Ok(d)
}
fn f_set_annotations(_ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let old = func_of(v)
        .attrs
        .lock()
        .ok()
        .map(|mut a| std::mem::replace(&mut a.annotations, x));
    drop(old);
    Ok(())
}

fn function_descr_get(
    ts: &ThreadState,
    f: &Value,
    obj: Option<&Value>,
    _ty: &Value,
) -> PyResult<Value> {
    match obj {
        None => Ok(f.clone()),
        Some(o) => new_bound_method(ts, f.clone(), o.clone()),
    }
}

fn function_repr(ts: &ThreadState, f: &Value) -> PyResult<Value> {
    Ok(ts.new_str(&format!(
        "<function {} at {:#x}>",
        func_of(f).qualname_string(),
        f.identity()
    )))
}

fn function_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = crate::builtins::args::parse(
        ts,
        "function",
        args,
        kw,
        &[
            "code",
            "globals",
            "name",
            "argdefs",
            "closure",
            "kwdefaults",
        ],
        2,
        0,
    )?;
    let given = |i: usize| a[i].clone().filter(|v| !v.is_none());
    let name = given(2);
    if name
        .as_ref()
        .is_some_and(|n| n.downcast::<crate::objects::str::PyStr>().is_none())
    {
        return Err(ts.type_error("arg 3 (name) must be None or string"));
    }
    let defaults = given(3);
    if defaults
        .as_ref()
        .is_some_and(|d| d.downcast::<PyTuple>().is_none())
    {
        return Err(ts.type_error("arg 4 (defaults) must be None or tuple"));
    }
    let kwdefaults = given(5);
    if kwdefaults
        .as_ref()
        .is_some_and(|d| d.downcast::<crate::objects::dict::PyDict>().is_none())
    {
        return Err(ts.type_error("arg 6 (kwdefaults) must be None or dict"));
    }
    let f = new_function(
        ts,
        a[0].clone().expect("required"),
        a[1].clone().expect("required"),
    )?;
    if let Some(c) = given(4) {
        let _ = func_of(&f).closure.set(c);
    }
    if let Ok(mut at) = func_of(&f).attrs.lock() {
        if name.is_some() {
            at.name = name;
        }
        at.defaults = defaults;
        at.kwdefaults = kwdefaults;
    }
    Ok(f)
}

fn m_get(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [obj, ty] = a.parse::<2>(ts, "__get__", &["", ""], 1)?;
    let obj = obj.expect("required");
    if obj.is_none() && ty.as_ref().is_some_and(|t| !t.is_none()) {
        return Ok(s.clone());
    }
    new_bound_method(ts, s.clone(), obj)
}

/// `types.MethodType(func, instance)`.
fn method_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&crate::objects::tuple::PyTuple>,
) -> PyResult<Value> {
    if kw.is_some_and(|k| !k.is_empty()) {
        return Err(ts.type_error("method() takes no keyword arguments"));
    }
    let [func, obj] = args else {
        return Err(ts.type_error(format!("method expected 2 arguments, got {}", args.len())));
    };
    if !crate::protocols::is_callable(func) {
        return Err(ts.type_error("first argument must be callable"));
    }
    if obj.is_none() {
        return Err(ts.type_error("instance must not be None"));
    }
    new_bound_method(ts, func.clone(), obj.clone())
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_getset, add_method};
    let t = types().function;
    t.slots
        .call
        .set(Some(crate::interp::call::call_function_slot));
    t.slots.descr_get.set(Some(function_descr_get));
    t.slots.repr.set(Some(function_repr));
    t.slots.new.set(Some(function_new));
    add_getset(ts, t, "__name__", f_name, Some(f_set_name));
    add_getset(ts, t, "__qualname__", f_qualname, Some(f_set_qualname));
    add_getset(ts, t, "__doc__", f_doc, Some(f_set_doc));
    add_getset(ts, t, "__module__", f_module, Some(f_set_module));
    add_getset(ts, t, "__defaults__", f_defaults, Some(f_set_defaults));
    add_getset(
        ts,
        t,
        "__kwdefaults__",
        f_kwdefaults,
        Some(f_set_kwdefaults),
    );
    add_getset(ts, t, "__annotate__", f_annotate, Some(f_set_annotate));
    add_getset(
        ts,
        t,
        "__annotations__",
        f_annotations,
        Some(f_set_annotations),
    );
    add_getset(
        ts,
        t,
        "__type_params__",
        f_type_params,
        Some(f_set_type_params),
    );
    add_getset(ts, t, "__code__", f_code, Some(f_set_code));
    add_getset(ts, t, "__globals__", f_globals, None);
    add_getset(ts, t, "__builtins__", f_builtins, None);
    add_getset(ts, t, "__closure__", f_closure, None);
    add_getset(ts, t, "__dict__", f_dict, None);
    add_method(ts, t, "__get__", m_get);
    let m = types().bound_method;
    m.slots.call.set(Some(method_call));
    m.slots.new.set(Some(method_new));
    m.slots.repr.set(Some(method_repr));
    m.slots.getattro.set(Some(method_getattro));
    m.slots.richcompare.set(Some(method_richcompare));
    m.slots.hash.set(Some(method_hash));
    add_getset(ts, m, "__func__", m_func, None);
    add_getset(ts, m, "__self__", m_self, None);
    add_getset(ts, m, "__doc__", m_doc, None);
    let c = types().cell;
    c.slots.new.set(Some(cell_new));
    add_getset(
        ts,
        c,
        "cell_contents",
        cell_contents,
        Some(cell_set_contents),
    );
}
