//! `super`: attribute lookup that starts after a given class on an object's MRO. The
//! zero-argument form reads the calling frame's first argument and its `__class__` cell.

use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::function::PyCell;
use crate::objects::seq::trace_value;
use crate::objects::str::str_lossy;
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{names, none, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use std::sync::Mutex;

#[derive(Clone)]
pub struct SuperState {
    pub ty: Value,
    pub obj: Option<Value>,
    pub obj_type: Option<Value>,
}

pub struct PySuper {
    pub state: Mutex<Option<SuperState>>,
}

impl PyPayload for PySuper {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        if let Ok(g) = self.state.try_lock() {
            if let Some(s) = &*g {
                trace_value(&s.ty, t);
                if let Some(o) = &s.obj {
                    trace_value(o, t);
                }
                if let Some(o) = &s.obj_type {
                    trace_value(o, t);
                }
            }
        }
    }
}

/// The type whose MRO `super(ty, obj)` searches.
fn supercheck(ts: &ThreadState, ty: &Value, obj: &Value) -> PyResult<Value> {
    let t = ty.as_type();
    if obj.is_type() && obj.as_type().is_subtype(t) {
        return Ok(obj.clone());
    }
    if obj.class().is_subtype(t) {
        return Ok(obj.class().to_value());
    }
    if let Some(c) = protocols::get_attr_opt(ts, obj, &names().__class__)? {
        if c.is_type() && c.as_type().is_subtype(t) {
            return Ok(c);
        }
    }
    let what = if obj.is_type() {
        format!("type {}", obj.as_type().name())
    } else {
        format!("instance of {}", obj.class().name())
    };
    Err(ts.type_error(format!(
        "super(type, obj): obj ({what}) is not an instance or subtype of type ({}).",
        t.name()
    )))
}

pub fn new_super(ts: &ThreadState, ty: Value, obj: Option<Value>) -> PyResult<Value> {
    if !ty.is_type() {
        return Err(ts.type_error(format!(
            "super() argument 1 must be a type, not {}",
            ty.class().name()
        )));
    }
    let obj_type = match &obj {
        Some(o) => Some(supercheck(ts, &ty, o)?),
        None => None,
    };
    crate::object::alloc(
        ts,
        types().super_,
        PySuper {
            state: Mutex::new(Some(SuperState { ty, obj, obj_type })),
        },
    )
}

fn super_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        cls.as_type(),
        PySuper {
            state: Mutex::new(None),
        },
    )
}

/// Zero-argument `super()`: the caller frame's `__class__` cell and first argument.
fn implicit_args(ts: &ThreadState) -> PyResult<(Value, Value)> {
    ts.with_frame_at(0, |f| {
        let Some(f) = f else {
            return Err(ts.runtime_error("super(): no current frame"));
        };
        let c = f.code();
        if c.argcount == 0 && !c.has_varargs() {
            return Err(ts.runtime_error("super(): no arguments"));
        }
        let mut first = f
            .slot(0)
            .clone()
            .ok_or_else(|| ts.runtime_error("super(): arg[0] deleted"))?;
        if c.is_cell(0) {
            if let Some(cell) = first.downcast::<PyCell>() {
                first = cell
                    .get()
                    .ok_or_else(|| ts.runtime_error("super(): arg[0] deleted"))?;
            }
        }
        if c.argcount == 0 {
            first = first
                .as_tuple_slice()
                .first()
                .cloned()
                .ok_or_else(|| ts.runtime_error("super(): no arguments"))?;
        }
        let n = c.nlocalsplus;
        for i in 0..n {
            if c.unit.localsplus_names[i].as_ref() == "__class__"
                && c.kinds()[i] & frontend::code::kinds::FREE != 0
            {
                let cell = f
                    .slot(i)
                    .clone()
                    .ok_or_else(|| ts.runtime_error("super(): bad __class__ cell"))?;
                let cls = cell
                    .downcast::<PyCell>()
                    .and_then(|c| c.get())
                    .ok_or_else(|| ts.runtime_error("super(): empty __class__ cell"))?;
                if !cls.is_type() {
                    return Err(ts.runtime_error("super(): __class__ is not a type"));
                }
                return Ok((cls, first));
            }
        }
        Err(ts.runtime_error("super(): __class__ cell not found"))
    })
}

fn super_init(ts: &ThreadState, s: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    if kw.is_some_and(|k| !k.is_empty()) {
        return Err(ts.type_error("super() takes no keyword arguments"));
    }
    let (ty, obj) = match args {
        [] => {
            let (t, o) = implicit_args(ts)?;
            (t, Some(o))
        }
        [t] => (t.clone(), None),
        [t, o] => (t.clone(), if o.is_none() { None } else { Some(o.clone()) }),
        _ => {
            return Err(ts.type_error(format!(
                "super() takes at most 2 arguments ({} given)",
                args.len()
            )))
        }
    };
    if !ty.is_type() {
        return Err(ts.type_error(format!(
            "super() argument 1 must be a type, not {}",
            ty.class().name()
        )));
    }
    let obj_type = match &obj {
        Some(o) => Some(supercheck(ts, &ty, o)?),
        None => None,
    };
    let sp = s
        .downcast::<PySuper>()
        .ok_or_else(|| ts.type_error("super"))?;
    if let Ok(mut g) = sp.state.lock() {
        *g = Some(SuperState { ty, obj, obj_type });
    }
    Ok(())
}

/// Looks `name` up on the MRO of `obj_type` after `ty`; binds descriptors to `obj`.
pub fn super_lookup(ts: &ThreadState, st: &SuperState, name: &Value) -> PyResult<Option<Value>> {
    let Some(start) = &st.obj_type else {
        return Ok(None);
    };
    let mro = start.as_type().mro();
    let mut i = 0;
    while i < mro.len() && !mro[i].is(&st.ty) {
        i += 1;
    }
    i += 1;
    while i < mro.len() {
        if let Some(v) = mro[i].as_type().dict().get_item_str(ts, name) {
            if let Some(get) = v.class().slots.descr_get.get() {
                let obj = st.obj.as_ref().filter(|o| !o.is(start));
                return get(ts, &v, obj, start).map(Some);
            }
            return Ok(Some(v));
        }
        i += 1;
    }
    Ok(None)
}

fn super_getattro(ts: &ThreadState, s: &Value, name: &Value) -> PyResult<Value> {
    let st = s
        .downcast::<PySuper>()
        .and_then(|p| p.state.lock().ok().and_then(|g| g.clone()));
    if let Some(st) = &st {
        let skip = name
            .downcast::<crate::objects::str::PyStr>()
            .and_then(|n| n.as_str())
            == Some("__class__");
        if !skip {
            if let Some(v) = super_lookup(ts, st, name)? {
                return Ok(v);
            }
        }
    }
    match crate::objects::object_type::generic_getattr_opt(ts, s, name)? {
        Some(v) => Ok(v),
        None => Err(ts.attribute_error(format!(
            "'super' object has no attribute '{}'",
            str_lossy(name)
        ))),
    }
}

fn super_repr(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let st = s
        .downcast::<PySuper>()
        .and_then(|p| p.state.lock().ok().and_then(|g| g.clone()));
    Ok(ts.new_str(&match st {
        Some(st) => match &st.obj_type {
            Some(ot) => format!(
                "<super: <class '{}'>, <{} object>>",
                st.ty.as_type().name(),
                ot.as_type().name()
            ),
            None => format!("<super: <class '{}'>, NULL>", st.ty.as_type().name()),
        },
        None => "<super: <class 'NULL'>, NULL>".to_string(),
    }))
}

fn super_descr_get(
    ts: &ThreadState,
    s: &Value,
    obj: Option<&Value>,
    _ty: &Value,
) -> PyResult<Value> {
    let st = s
        .downcast::<PySuper>()
        .and_then(|p| p.state.lock().ok().and_then(|g| g.clone()));
    match (obj, st) {
        (Some(o), Some(st)) if st.obj.is_none() => new_super(ts, st.ty, Some(o.clone())),
        _ => Ok(s.clone()),
    }
}

fn g_thisclass(_ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(s.downcast::<PySuper>()
        .and_then(|p| {
            p.state
                .lock()
                .ok()
                .and_then(|g| g.as_ref().map(|x| x.ty.clone()))
        })
        .unwrap_or_else(none))
}
fn g_self(_ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(s.downcast::<PySuper>()
        .and_then(|p| {
            p.state
                .lock()
                .ok()
                .and_then(|g| g.as_ref().and_then(|x| x.obj.clone()))
        })
        .unwrap_or_else(none))
}
fn g_self_class(_ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(s.downcast::<PySuper>()
        .and_then(|p| {
            p.state
                .lock()
                .ok()
                .and_then(|g| g.as_ref().and_then(|x| x.obj_type.clone()))
        })
        .unwrap_or_else(none))
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::add_getset;
    let t = types().super_;
    t.slots.new.set(Some(super_new));
    t.slots.init.set(Some(super_init));
    t.slots.getattro.set(Some(super_getattro));
    t.slots.repr.set(Some(super_repr));
    t.slots.descr_get.set(Some(super_descr_get));
    add_getset(ts, t, "__thisclass__", g_thisclass, None);
    add_getset(ts, t, "__self__", g_self, None);
    add_getset(ts, t, "__self_class__", g_self_class, None);
}
