//! `builtin_function_or_method`: module-level builtins (`len`, `print`), builtin methods bound
//! to their object (`[].append`), slot wrappers bound to theirs (`(1).__add__`), and a builtin
//! type's `__new__`.

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::descr::{call_slot, DescrKind, MethodFn, PyMethodDescr, SlotKind};
use crate::objects::seq::trace_value;
use crate::objects::str::str_lossy;
use crate::objects::tuple::PyTuple;
use crate::objects::typeobj::PyType;
use crate::runtime::{none, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;

/// A module-level builtin: `fn(ts, args)`.
pub type BuiltinFn = fn(&ThreadState, MethodArgs<'_>) -> PyResult<Value>;

pub enum BuiltinKind {
    Free(BuiltinFn, Option<Value>),
    Bound(MethodFn, Value, &'static PyType),
    BoundSlot(SlotKind, Value, &'static PyType),
    /// `T.__new__(cls, *args)` of builtin type `T`.
    TypeNew(Value),
}

pub struct PyBuiltinFunction {
    pub name: Value,
    pub kind: BuiltinKind,
}

impl PyPayload for PyBuiltinFunction {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        match &self.kind {
            BuiltinKind::Free(_, m) => {
                if let Some(m) = m {
                    trace_value(m, t)
                }
            }
            BuiltinKind::Bound(_, s, _)
            | BuiltinKind::BoundSlot(_, s, _)
            | BuiltinKind::TypeNew(s) => trace_value(s, t),
        }
    }
}

/// A new module-level builtin function.
pub fn new_builtin(ts: &ThreadState, name: &str, f: BuiltinFn) -> Value {
    let b = PyBuiltinFunction {
        name: ts.intern(name),
        kind: BuiltinKind::Free(f, None),
    };
    match crate::object::alloc(ts, types().builtin_function, b) {
        Ok(v) => v,
        Err(_) => std::process::abort(),
    }
}

/// Binds a method descriptor to `target` (the instance, or the class for classmethods).
pub fn bind_descr(ts: &ThreadState, md: &PyMethodDescr, target: Value) -> PyResult<Value> {
    let (kind, ty) = match md.kind {
        DescrKind::Method(f) | DescrKind::ClassMethod(f) => (
            BuiltinKind::Bound(f, target, md.owner),
            types().builtin_function,
        ),
        DescrKind::Slot(k) => (
            BuiltinKind::BoundSlot(k, target, md.owner),
            types().method_wrapper,
        ),
    };
    crate::object::alloc(
        ts,
        ty,
        PyBuiltinFunction {
            name: md.name.clone(),
            kind,
        },
    )
}

/// Calls a builtin (the type's `call` slot).
pub fn builtin_call(
    ts: &ThreadState,
    f: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    // SAFETY: installed only on builtin_function_or_method.
    let b = unsafe { f.payload_unchecked::<PyBuiltinFunction>() };
    match &b.kind {
        BuiltinKind::Free(func, _) => func(ts, MethodArgs::new(args, kw)),
        BuiltinKind::Bound(func, s, owner) => {
            func(ts, s, MethodArgs::new(args, kw).of_method(owner))
        }
        BuiltinKind::BoundSlot(k, s, owner) => call_slot(ts, owner, *k, s, args, kw),
        BuiltinKind::TypeNew(owner) => {
            let ot = owner.as_type();
            let nkw = kw.map_or(0, |k| k.len());
            if args.len() - nkw == 0 {
                return Err(ts.type_error(format!("{}.__new__(): not enough arguments", ot.name())));
            }
            let cls = &args[0];
            if !cls.is_type() {
                return Err(ts.type_error(format!(
                    "{}.__new__(X): X is not a type object ({})",
                    ot.name(),
                    cls.class().name()
                )));
            }
            let ct = cls.as_type();
            if !ct.is_subtype(ot) {
                return Err(ts.type_error(format!(
                    "{}.__new__({}): {} is not a subtype of {}",
                    ot.name(),
                    ct.name(),
                    ct.name(),
                    ot.name()
                )));
            }
            let newf =
                ot.slots.new.get().ok_or_else(|| {
                    ts.type_error(format!("cannot create '{}' instances", ot.name()))
                })?;
            newf(ts, cls, &args[1..], kw)
        }
    }
}

fn builtin_repr(ts: &ThreadState, f: &Value) -> PyResult<Value> {
    // SAFETY: installed only on builtin_function_or_method.
    let b = unsafe { f.payload_unchecked::<PyBuiltinFunction>() };
    let name = str_lossy(&b.name);
    Ok(ts.new_str(&match &b.kind {
        BuiltinKind::Free(..) => format!("<built-in function {name}>"),
        BuiltinKind::TypeNew(o) => format!(
            "<built-in method __new__ of type object at {:#x}>",
            o.identity()
        ),
        BuiltinKind::Bound(_, s, _) => {
            if s.is_type() {
                format!(
                    "<built-in method {name} of type object at {:#x}>",
                    s.identity()
                )
            } else {
                format!(
                    "<built-in method {name} of {} object at {:#x}>",
                    s.class().name(),
                    s.identity()
                )
            }
        }
        BuiltinKind::BoundSlot(_, s, _) => {
            format!(
                "<method-wrapper '{name}' of {} object at {:#x}>",
                s.class().name(),
                s.identity()
            )
        }
    }))
}

fn bf_name(_ts: &ThreadState, f: &Value) -> PyResult<Value> {
    // SAFETY: getset on builtin_function_or_method.
    Ok(unsafe { f.payload_unchecked::<PyBuiltinFunction>() }
        .name
        .clone())
}

fn bf_qualname(ts: &ThreadState, f: &Value) -> PyResult<Value> {
    // SAFETY: getset on builtin_function_or_method.
    let b = unsafe { f.payload_unchecked::<PyBuiltinFunction>() };
    let name = str_lossy(&b.name);
    Ok(match &b.kind {
        BuiltinKind::Bound(_, s, _) | BuiltinKind::BoundSlot(_, s, _) => {
            let tn = if s.is_type() {
                s.as_type().name()
            } else {
                s.class().name()
            };
            ts.new_str(&format!("{tn}.{name}"))
        }
        _ => b.name.clone(),
    })
}

fn bf_self(_ts: &ThreadState, f: &Value) -> PyResult<Value> {
    // SAFETY: getset on builtin_function_or_method.
    let b = unsafe { f.payload_unchecked::<PyBuiltinFunction>() };
    Ok(match &b.kind {
        BuiltinKind::Free(_, m) => m.clone().unwrap_or_else(none),
        BuiltinKind::Bound(_, s, _) | BuiltinKind::BoundSlot(_, s, _) | BuiltinKind::TypeNew(s) => {
            s.clone()
        }
    })
}

fn bf_module(ts: &ThreadState, f: &Value) -> PyResult<Value> {
    // SAFETY: getset on builtin_function_or_method.
    let b = unsafe { f.payload_unchecked::<PyBuiltinFunction>() };
    Ok(match &b.kind {
        BuiltinKind::Free(_, m) => match m {
            Some(m) => crate::protocols::get_attr(ts, m, &crate::runtime::names().__name__)?,
            None => ts.new_str("builtins"),
        },
        _ => none(),
    })
}

/// `f.__reduce__()`: a module-level function pickles by name, a bound method as
/// `getattr(self, name)` (CPython's `meth_reduce`).
fn bf_reduce(ts: &ThreadState, f: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    // SAFETY: method of builtin_function_or_method / method-wrapper.
    let b = unsafe { f.payload_unchecked::<PyBuiltinFunction>() };
    let target = match &b.kind {
        BuiltinKind::Free(..) => return Ok(b.name.clone()),
        BuiltinKind::Bound(_, s, _) | BuiltinKind::BoundSlot(_, s, _) => s.clone(),
        BuiltinKind::TypeNew(s) => s.clone(),
    };
    let getattr = crate::protocols::get_attr_str(
        ts,
        &crate::import::import_module(ts, "builtins")?,
        "getattr",
    )?;
    Ok(ts.new_tuple(vec![getattr, ts.new_tuple(vec![target, b.name.clone()])]))
}

/// The entry of `builtins` this function is, if it is one (the key to its CPython doc).
fn builtins_name(ts: &ThreadState, f: &Value) -> Option<String> {
    // SAFETY: getsets installed on builtin_function_or_method only.
    let b = unsafe { f.payload_unchecked::<PyBuiltinFunction>() };
    if !matches!(b.kind, BuiltinKind::Free(_, None)) {
        return None;
    }
    let d = ts
        .rt
        .builtins_dict()
        .downcast::<crate::objects::dict::PyDict>()?;
    let same = d.get_item_str(ts, &b.name).is_some_and(|v| v.is(f));
    same.then(|| str_lossy(&b.name))
}

fn bf_doc(ts: &ThreadState, f: &Value) -> PyResult<Value> {
    Ok(builtins_name(ts, f)
        .and_then(|n| crate::builtins::docs::doc(&n))
        .map_or_else(none, |d| ts.new_str(d)))
}

fn bf_text_signature(ts: &ThreadState, f: &Value) -> PyResult<Value> {
    Ok(builtins_name(ts, f)
        .and_then(|n| crate::builtins::docs::text_signature(&n))
        .map_or_else(none, |d| ts.new_str(d)))
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::add_getset;
    let mw = types().method_wrapper;
    mw.slots.call.set(Some(builtin_call));
    mw.slots.repr.set(Some(builtin_repr));
    add_getset(ts, mw, "__name__", bf_name, None);
    add_getset(ts, mw, "__qualname__", bf_qualname, None);
    add_getset(ts, mw, "__self__", bf_self, None);
    crate::objects::descr::add_method(ts, mw, "__reduce__", bf_reduce);
    let t = types().builtin_function;
    t.slots.call.set(Some(builtin_call));
    t.slots.repr.set(Some(builtin_repr));
    add_getset(ts, t, "__name__", bf_name, None);
    add_getset(ts, t, "__qualname__", bf_qualname, None);
    add_getset(ts, t, "__self__", bf_self, None);
    add_getset(ts, t, "__module__", bf_module, None);
    add_getset(ts, t, "__doc__", bf_doc, None);
    add_getset(ts, t, "__text_signature__", bf_text_signature, None);
    crate::objects::descr::add_method(ts, t, "__reduce__", bf_reduce);
}
