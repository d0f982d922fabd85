//! `module`: a namespace dict with a name. Module objects use deferred reference counting.

use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::dict::PyDict;
use crate::objects::seq::trace_value;
use crate::objects::str::str_lossy;
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{names, none, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;

pub struct PyModule {
    pub dict: Value,
}

impl PyPayload for PyModule {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.dict, t);
    }
}

impl PyModule {
    pub fn dict(&self) -> &PyDict {
        // SAFETY: `dict` always holds a dict.
        unsafe { self.dict.payload_unchecked::<PyDict>() }
    }
}

/// A new module named `name` with a fresh dict (`__name__`, `__doc__`, `__package__`,
/// `__loader__`, `__spec__` set as CPython's `module.__init__` does).
pub fn new_module(ts: &ThreadState, name: &str) -> PyResult<Value> {
    let d = ts.new_dict();
    let m = crate::object::alloc(ts, types().module, PyModule { dict: d.clone() })?;
    init_module_dict(ts, &d, ts.new_str(name), none())?;
    if let Some(r) = m.to_obj() {
        r.enable_deferred(&ts.gc);
    }
    if let Some(r) = d.to_obj() {
        r.enable_deferred(&ts.gc);
    }
    Ok(m)
}

fn init_module_dict(ts: &ThreadState, d: &Value, name: Value, doc: Value) -> PyResult<()> {
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("module dict"))?;
    let n = names();
    dd.set_item(ts, n.__name__.clone(), name)?;
    dd.set_item(ts, n.__doc__.clone(), doc)?;
    dd.set_item(ts, n.__package__.clone(), none())?;
    dd.set_item(ts, n.__loader__.clone(), none())?;
    dd.set_item(ts, n.__spec__.clone(), none())?;
    Ok(())
}

fn module_of(v: &Value) -> &PyModule {
    // SAFETY: slots installed on `module` (and subclasses, same layout) only.
    unsafe { v.payload_unchecked::<PyModule>() }
}

fn module_name(ts: &ThreadState, v: &Value) -> String {
    module_of(v)
        .dict()
        .get_item_str(ts, &names().__name__)
        .filter(|n| n.downcast::<crate::objects::str::PyStr>().is_some())
        .map(|n| str_lossy(&n))
        .unwrap_or_else(|| "?".into())
}

fn module_getattro(ts: &ThreadState, m: &Value, name: &Value) -> PyResult<Value> {
    if let Some(v) = crate::objects::object_type::generic_getattr_opt(ts, m, name)? {
        return Ok(v);
    }
    let md = module_of(m).dict();
    if let Some(ga) = md.get_item_str(ts, &names().__getattr__) {
        return protocols::call(ts, &ga, std::slice::from_ref(name), None);
    }
    let mn = module_name(ts, m);
    let n = str_lossy(name);
    let e = ts.attribute_error(format!("module '{mn}' has no attribute '{n}'"));
    crate::objects::exceptions::set_attr_error_context(ts, &e, m, name);
    Err(e)
}

/// CPython's `importlib._bootstrap._module_repr`: from `__spec__` when there is one, else
/// from `__file__`, else from `__loader__`.
fn module_repr(ts: &ThreadState, m: &Value) -> PyResult<Value> {
    let md = module_of(m).dict();
    let get = |o: &Value, n: &str| protocols::get_attr_opt(ts, o, &ts.intern(n));
    let text = |v: &Value| -> PyResult<String> { Ok(str_lossy(&protocols::repr(ts, v)?)) };
    let spec = md
        .get_item_str(ts, &ts.intern("__spec__"))
        .filter(|s| !s.is_none());
    if let Some(spec) = spec {
        let name = match get(&spec, "name")?.filter(|n| !n.is_none()) {
            Some(n) => text(&n)?,
            None => "'?'".into(),
        };
        let origin = get(&spec, "origin")?.filter(|o| !o.is_none());
        let Some(origin) = origin else {
            return Ok(
                ts.new_str(&match get(&spec, "loader")?.filter(|l| !l.is_none()) {
                    None => format!("<module {name}>"),
                    Some(l) => match get(&l, "_path")? {
                        Some(p) if l.class().name() == "NamespaceLoader" => {
                            let list = protocols::call(ts, &types().list.to_value(), &[p], None)?;
                            format!("<module {name} (namespace) from {}>", text(&list)?)
                        }
                        _ => format!("<module {name} ({})>", text(&l)?),
                    },
                }),
            );
        };
        let has_location = match get(&spec, "has_location")? {
            Some(h) => protocols::is_true(ts, &h)?,
            None => false,
        };
        return Ok(ts.new_str(&if has_location {
            format!("<module {name} from {}>", text(&origin)?)
        } else {
            format!(
                "<module {name} ({})>",
                str_lossy(&protocols::str(ts, &origin)?)
            )
        }));
    }
    let name = ts.new_str(&module_name(ts, m));
    let name = text(&name)?;
    if let Some(f) = md.get_item_str(ts, &names().__file__) {
        return Ok(ts.new_str(&format!("<module {name} from {}>", text(&f)?)));
    }
    Ok(ts.new_str(&match md
        .get_item_str(ts, &ts.intern("__loader__"))
        .filter(|l| !l.is_none())
    {
        None => format!("<module {name}>"),
        Some(l) => format!("<module {name} ({})>", text(&l)?),
    }))
}

fn module_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let d = ts.new_dict();
    crate::object::alloc(ts, cls.as_type(), PyModule { dict: d })
}

fn module_init(ts: &ThreadState, m: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    let a = crate::builtins::args::parse(ts, "module", args, kw, &["name", "doc"], 1, 0)?;
    init_module_dict(
        ts,
        &module_of(m).dict,
        a[0].clone().expect("required"),
        a[1].clone().unwrap_or_else(none),
    )
}

fn module_dict(_ts: &ThreadState, m: &Value) -> PyResult<Value> {
    Ok(module_of(m).dict.clone())
}

/// `module.__dir__()`: the module's own `__dir__` function if its dict has one (PEP 562),
/// else the dict's keys.
fn module_dir(
    ts: &ThreadState,
    m: &Value,
    _a: crate::builtins::args::MethodArgs<'_>,
) -> PyResult<Value> {
    let d = module_of(m).dict();
    if let Some(f) = d.get_item_str(ts, &ts.intern("__dir__")) {
        return crate::protocols::call(ts, &f, &[], None);
    }
    Ok(ts.new_list(d.keys(ts)))
}

// --- types.SimpleNamespace (module layout: an object that is just a dict) ---

/// A `SimpleNamespace` with these attributes.
pub fn new_namespace(ts: &ThreadState, items: Vec<(&str, Value)>) -> PyResult<Value> {
    let d = ts.new_dict();
    if let Some(dd) = d.downcast::<PyDict>() {
        for (k, v) in items {
            dd.set_str(ts, k, v);
        }
    }
    crate::object::alloc(ts, types().namespace, PyModule { dict: d })
}

fn ns_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        cls.as_type(),
        PyModule {
            dict: ts.new_dict(),
        },
    )
}

fn ns_init(ts: &ThreadState, v: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    let nkw = kw.map_or(0, |k| k.len());
    let npos = args.len() - nkw;
    if npos > 1 {
        return Err(ts.type_error(format!(
            "SimpleNamespace expected at most 1 positional argument, got {npos}"
        )));
    }
    let d = module_of(v).dict();
    if npos == 1 {
        crate::objects::dict::dict_update_from(ts, d, &args[0])?;
    }
    if let Some(k) = kw {
        for (name, val) in k.as_slice().iter().zip(&args[npos..]) {
            d.set_item(ts, name.clone(), val.clone())?;
        }
    }
    Ok(())
}

fn ns_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let name = if v.class().is(types().namespace) {
        "namespace".to_string()
    } else {
        v.class().name()
    };
    let Some(_g) = ts.repr_enter(v) else {
        return Ok(ts.new_str(&format!("{name}(...)")));
    };
    let mut parts = Vec::new();
    for (k, x) in module_of(v).dict().items(ts) {
        parts.push(format!(
            "{}={}",
            str_lossy(&k),
            protocols::repr_string(ts, &x)?
        ));
    }
    Ok(ts.new_str(&format!("{name}({})", parts.join(", "))))
}

fn ns_richcompare(
    ts: &ThreadState,
    a: &Value,
    b: &Value,
    op: crate::objects::slots::CmpOp,
) -> PyResult<Value> {
    use crate::objects::slots::CmpOp;
    if !matches!(op, CmpOp::Eq | CmpOp::Ne)
        || !b.class().is_subtype(types().namespace)
        || !a.class().is_subtype(types().namespace)
    {
        return Ok(crate::runtime::not_implemented());
    }
    protocols::rich_compare(ts, &module_of(a).dict, &module_of(b).dict, op)
}

/// `ns.__replace__(**changes)` (`copy.replace`): a new namespace of the same type with the
/// attributes of `ns`, updated by `changes`.
fn ns_replace(
    ts: &ThreadState,
    v: &Value,
    a: crate::builtins::args::MethodArgs<'_>,
) -> PyResult<Value> {
    if !a.positional().is_empty() {
        return Err(ts.type_error("__replace__() takes no positional arguments"));
    }
    let res = protocols::call(ts, &v.class().to_value(), &[], None)?;
    let Some(m) = res.downcast::<PyModule>() else {
        return Err(ts.type_error("__replace__() result is not a namespace"));
    };
    let d = m.dict();
    for (k, x) in module_of(v).dict().items(ts) {
        d.set_item(ts, k, x)?;
    }
    let (_, kw) = a.split();
    for (k, x) in kw {
        d.set_item(ts, k, x)?;
    }
    Ok(res)
}

pub fn init(ts: &ThreadState) {
    let n = types().namespace;
    crate::objects::descr::add_method(ts, n, "__replace__", ns_replace);
    n.slots
        .getattro
        .set(Some(crate::objects::object_type::generic_getattr));
    n.slots
        .setattro
        .set(Some(crate::objects::object_type::generic_setattr));
    n.slots.new.set(Some(ns_new));
    n.slots.init.set(Some(ns_init));
    n.slots.repr.set(Some(ns_repr));
    n.slots.richcompare.set(Some(ns_richcompare));
    crate::objects::descr::add_getset(ts, n, "__dict__", module_dict, None);
    use crate::objects::descr::{add_getset, add_method};
    let t = types().module;
    t.slots.getattro.set(Some(module_getattro));
    t.slots.repr.set(Some(module_repr));
    t.slots.new.set(Some(module_new));
    t.slots.init.set(Some(module_init));
    add_getset(ts, t, "__dict__", module_dict, None);
    add_method(ts, t, "__dir__", module_dir);
}
