//! The slots of `object` (generic attribute access, identity hash and comparison, default
//! repr/str, `object.__new__`/`__init__`) and of `type` (attribute access on classes, calling
//! a class, `type(x)`), plus their Python-visible attributes.

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::{self, PyObjectBase};
use crate::objects::dict::PyDict;
use crate::objects::slots::CmpOp;
use crate::objects::str::{str_lossy, PyStr};
use crate::objects::tuple::PyTuple;
use crate::objects::typeobj::{type_repr, PyType};
use crate::protocols;
use crate::runtime::{names, none, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;

/// The `__dict__` of any object that has one (instances of Python classes, functions,
/// modules, exceptions).
pub fn instance_dict(ts: &ThreadState, v: &Value) -> Option<Value> {
    if let Some(d) = object::instance_dict(v) {
        return Some(d);
    }
    if v.is_inline_int() {
        return None;
    }
    if let Some(f) = v.downcast::<crate::objects::function::PyFunction>() {
        return Some(f.dict(ts));
    }
    if let Some(m) = v.downcast::<crate::objects::module::PyModule>() {
        return Some(m.dict.clone());
    }
    if let Some(e) = v.downcast::<crate::objects::exceptions::PyBaseException>() {
        return Some(e.dict(ts));
    }
    None
}

fn dict_lookup(ts: &ThreadState, d: &Value, name: &Value) -> PyResult<Option<Value>> {
    match d.downcast::<PyDict>() {
        Some(dd) if name.class().is(types().str) => Ok(dd.get_item_str(ts, name)),
        Some(dd) => dd.get_item(ts, name),
        None => protocols::get_item_opt(ts, d, name),
    }
}

/// `object.__getattribute__` without raising when absent (`Ok(None)`).
pub fn generic_getattr_opt(ts: &ThreadState, obj: &Value, name: &Value) -> PyResult<Option<Value>> {
    let ty = obj.class();
    let descr = ty.lookup(ts, name);
    if let Some(d) = &descr {
        let dt = d.class();
        if let Some(get) = dt.slots.descr_get.get() {
            if dt.slots.descr_set.is_set() {
                return get(ts, d, Some(obj), &ty.to_value()).map(Some);
            }
        }
    }
    if let Some(dd) = crate::object::instance_dict_ref(obj) {
        // Python-class instance: borrow the dict (no refcount traffic on the hot path).
        let found = if name.class().is(types().str) {
            dd.get_item_str(ts, name)
        } else {
            dd.get_item(ts, name)?
        };
        if found.is_some() {
            return Ok(found);
        }
    } else if let Some(dict) = instance_dict(ts, obj) {
        if let Some(v) = dict_lookup(ts, &dict, name)? {
            return Ok(Some(v));
        }
    }
    if let Some(d) = descr {
        if let Some(get) = d.class().slots.descr_get.get() {
            return get(ts, &d, Some(obj), &ty.to_value()).map(Some);
        }
        return Ok(Some(d));
    }
    Ok(None)
}

/// `object.__getattribute__`.
pub fn generic_getattr(ts: &ThreadState, obj: &Value, name: &Value) -> PyResult<Value> {
    match generic_getattr_opt(ts, obj, name)? {
        Some(v) => Ok(v),
        None => Err(ts.attribute_error_no_attr(obj, name)),
    }
}

/// `object.__setattr__` / `__delattr__`.
pub fn generic_setattr(
    ts: &ThreadState,
    obj: &Value,
    name: &Value,
    v: Option<Value>,
) -> PyResult<()> {
    if name.downcast::<PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "attribute name must be string, not '{}'",
            name.class().name()
        )));
    }
    let ty = obj.class();
    let descr = ty.lookup(ts, name);
    if let Some(d) = &descr {
        if let Some(set) = d.class().slots.descr_set.get() {
            return set(ts, d, obj, v);
        }
    }
    if let Some(dd) = crate::object::instance_dict_ref(obj) {
        return match v {
            Some(x) => dd.set_item(ts, name.clone(), x),
            None => match dd.del_item(ts, name)? {
                Some(_) => Ok(()),
                None => Err(ts.attribute_error_no_attr(obj, name)),
            },
        };
    }
    match instance_dict(ts, obj) {
        Some(dict) => {
            let dd = dict
                .downcast::<PyDict>()
                .ok_or_else(|| ts.type_error("__dict__ must be a dict"))?;
            match v {
                Some(x) => dd.set_item(ts, name.clone(), x),
                None => match dd.del_item(ts, name)? {
                    Some(_) => Ok(()),
                    None => Err(ts.attribute_error_no_attr(obj, name)),
                },
            }
        }
        None => {
            let n = str_lossy(name);
            if descr.is_some() {
                Err(ts.attribute_error(format!(
                    "'{}' object attribute '{n}' is read-only",
                    ty.name()
                )))
            } else if v.is_none() {
                Err(ts.attribute_error_no_attr(obj, name))
            } else {
                Err(ts.attribute_error(format!(
                    "'{}' object has no attribute '{n}' and no __dict__ for setting new attributes",
                    ty.name()
                )))
            }
        }
    }
}

pub fn hash_not_implemented(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    Err(ts.type_error(format!("unhashable type: '{}'", v.class().name())))
}

/// CPython's `_Py_HashPointer`.
pub fn hash_pointer(p: usize) -> i64 {
    let y = p.rotate_right(4) as i64;
    if y == -1 {
        -2
    } else {
        y
    }
}

fn object_hash(_ts: &ThreadState, v: &Value) -> PyResult<i64> {
    Ok(hash_pointer(v.identity()))
}

fn object_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    match op {
        CmpOp::Eq => Ok(if a.is(b) {
            py_bool(true)
        } else {
            not_implemented()
        }),
        CmpOp::Ne => {
            let Some(rc) = a.class().slots.richcompare.get() else {
                return Ok(not_implemented());
            };
            let r = rc(ts, a, b, CmpOp::Eq)?;
            if r.is_not_implemented() {
                return Ok(r);
            }
            Ok(py_bool(!protocols::is_true(ts, &r)?))
        }
        _ => Ok(not_implemented()),
    }
}

/// `<module.Qualname object at 0x...>`.
pub fn object_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let ty = v.class();
    let q = str_lossy(&ty.qualname(ts));
    let module = if ty.is_heap() {
        ty.dict()
            .get_item_str(ts, &names().__module__)
            .and_then(|m| m.downcast::<PyStr>().map(|s| s.to_string_lossy()))
    } else {
        None
    };
    Ok(ts.new_str(&match module {
        Some(m) if m != "builtins" => format!("<{m}.{q} object at {:#x}>", v.identity()),
        _ => format!("<{q} object at {:#x}>", v.identity()),
    }))
}

fn object_str(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    protocols::repr(ts, v)
}

fn excess_args(args: &[Value]) -> bool {
    !args.is_empty()
}

fn object_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let ty = cls.as_type();
    if excess_args(args) {
        let new_overridden = !ty.slots.new.is(object_new);
        let init_is_object = ty.slots.init.is(object_init);
        if new_overridden || init_is_object {
            return Err(ts.type_error(format!("{}() takes no arguments", ty.name())));
        }
    }
    if ty.is_abstract.load(std::sync::atomic::Ordering::Relaxed) {
        check_abstract(ts, ty)?;
    }
    if !ty.layout_is::<PyObjectBase>() {
        return Err(ts.type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            ty.name(),
            ty.base().map(|b| b.name()).unwrap_or_default()
        )));
    }
    object::alloc(ts, ty, PyObjectBase)
}

fn check_abstract(ts: &ThreadState, ty: &PyType) -> PyResult<()> {
    let Some(am) = ty
        .dict()
        .get_item_str(ts, &ts.intern("__abstractmethods__"))
    else {
        return Ok(());
    };
    let mut names_: Vec<String> = protocols::collect(ts, &am)?.iter().map(str_lossy).collect();
    if names_.is_empty() {
        return Ok(());
    }
    names_.sort();
    let n = names_.len();
    let list = names_
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ");
    Err(ts.type_error(format!(
        "Can't instantiate abstract class {} without an implementation for abstract method{} {list}",
        ty.name(),
        if n > 1 { "s" } else { "" }
    )))
}

fn object_init(ts: &ThreadState, v: &Value, args: &[Value], _kw: Option<&PyTuple>) -> PyResult<()> {
    let ty = v.class();
    if excess_args(args) {
        let init_overridden = !ty.slots.init.is(object_init);
        let new_is_object = ty.slots.new.is(object_new);
        if init_overridden || new_is_object {
            if init_overridden {
                return Err(ts.type_error(
                    "object.__init__() takes exactly one argument (the instance to initialize)",
                ));
            }
            return Err(ts.type_error(format!("{}() takes no arguments", ty.name())));
        }
    }
    Ok(())
}

fn obj_class(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(v.class().to_value())
}

/// The `__slots__` a class adds itself, as CPython's `ht_slots`: sorted, without
/// `__dict__`/`__weakref__` (compared separately).
fn own_slot_names(ts: &ThreadState, t: &PyType) -> Vec<String> {
    if !t.is_heap() {
        return Vec::new();
    }
    let Some(sl) = t.dict().get_item_str(ts, &ts.intern("__slots__")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = if sl.downcast::<crate::objects::str::PyStr>().is_some() {
        vec![str_lossy(&sl)]
    } else {
        protocols::collect(ts, &sl)
            .map(|items| items.iter().map(str_lossy).collect())
            .unwrap_or_default()
    };
    names.retain(|n| n != "__dict__" && n != "__weakref__");
    names.sort();
    names
}

fn weak_bit(t: &PyType) -> u32 {
    t.flags & crate::objects::typeobj::flags::NO_WEAKREF
}

/// CPython's `compatible_with_tp_base`: `t` lays its instances out as its base does.
fn same_layout_as_base(t: &PyType) -> Option<&PyType> {
    let b = t.base()?;
    (t.same_layout(b)
        && t.n_extras == b.n_extras
        && t.dict_index == b.dict_index
        && (!b.is_heap() || weak_bit(t) == weak_bit(b)))
    .then_some(b)
}

/// CPython's layout test in `compatible_for_assignment`: the classes that fix the layouts
/// are the same, or siblings adding the same slots, and the final layouts agree.
fn layouts_differ(ts: &ThreadState, old: &PyType, new: &PyType) -> bool {
    let (mut ob, mut nb) = (old, new);
    while let Some(b) = same_layout_as_base(ob) {
        ob = b;
    }
    while let Some(b) = same_layout_as_base(nb) {
        nb = b;
    }
    if !ob.is(nb) {
        let same_parent = match (ob.base(), nb.base()) {
            (Some(x), Some(y)) => x.is(y),
            (None, None) => true,
            _ => false,
        };
        if !same_parent || own_slot_names(ts, ob) != own_slot_names(ts, nb) {
            return true;
        }
    }
    !old.same_layout(new)
        || old.n_extras != new.n_extras
        || old.dict_index != new.dict_index
        || (old.is_heap() && new.is_heap() && weak_bit(old) != weak_bit(new))
}

/// CPython's `compatible_for_assignment`: instances laid out for `old` can be used as `new`
/// ones (`__class__` assignment) or a class's base can change from `old` to `new`
/// (`__bases__` assignment).
pub(crate) fn compatible_for_assignment(
    ts: &ThreadState,
    old: &PyType,
    new: &PyType,
    attr: &str,
) -> PyResult<()> {
    // CPython compares `tp_free`: collected (heap and container) types free differently from
    // plain static ones such as `object` and `int`.
    if old.vtable().trace.is_some() != new.vtable().trace.is_some() {
        return Err(ts.type_error(format!(
            "{attr} assignment: '{}' deallocator differs from '{}'",
            new.name(),
            old.name()
        )));
    }
    if layouts_differ(ts, old, new) {
        return Err(ts.type_error(format!(
            "{attr} assignment: '{}' object layout differs from '{}'",
            new.name(),
            old.name()
        )));
    }
    Ok(())
}

fn obj_set_class(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let Some(x) = x else {
        return Err(ts.type_error("can't delete __class__ attribute"));
    };
    if !x.is_type() {
        return Err(ts.type_error(format!(
            "__class__ must be set to a class, not '{}' object",
            x.class().name()
        )));
    }
    let (old, new) = (v.class(), x.as_type());
    let modules = old.is_subtype(types().module) && new.is_subtype(types().module);
    if !modules && (!old.is_mutable() || !new.is_mutable()) {
        return Err(ts.type_error(
            "__class__ assignment only supported for mutable types or ModuleType subclasses",
        ));
    }
    compatible_for_assignment(ts, old, new, "__class__")?;
    let h = v
        .header()
        .ok_or_else(|| ts.type_error("__class__ assignment"))?;
    std::mem::forget(new.to_value());
    let old_ref = old.to_value();
    // SAFETY: same layout, same extras: trace/clear/drop behave identically; the instance now
    // holds a reference to `new` (taken above) and drops the one it held to `old` below.
    unsafe { h.set_vtable(new.vtable()) };
    // SAFETY: releases the instance's former reference to its old type.
    drop(unsafe { Value::from_raw_owned(old.header_ptr()) });
    drop(old_ref);
    Ok(())
}

fn obj_dict(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    instance_dict(ts, v).ok_or_else(|| ts.attribute_error_no_dict(v))
}

fn obj_set_dict(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let Some(x) = x else {
        return Err(ts.type_error("cannot delete __dict__"));
    };
    let src = x.downcast::<PyDict>().ok_or_else(|| {
        ts.type_error(format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            x.class().name()
        ))
    })?;
    let d = instance_dict(ts, v).ok_or_else(|| ts.attribute_error_no_dict(v))?;
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("__dict__"))?;
    let items = src.items(ts);
    dd.clear_all(ts);
    for (k, val) in items {
        dd.set_item(ts, k, val)?;
    }
    Ok(())
}

fn m_format(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [spec] = a.parse::<1>(ts, "__format__", &[""], 1)?;
    let spec = spec.expect("required");
    let sp = spec.downcast::<PyStr>().ok_or_else(|| {
        ts.type_error(format!(
            "__format__() argument must be str, not {}",
            spec.class().name()
        ))
    })?;
    if !sp.is_empty() {
        return Err(ts.type_error(format!(
            "unsupported format string passed to {}.__format__",
            s.class().name()
        )));
    }
    protocols::str(ts, s)
}

fn m_dir(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let mut keys: Vec<Value> = Vec::new();
    if let Some(d) = instance_dict(ts, s) {
        keys.extend(protocols::collect(ts, &d)?);
    }
    for c in s.class().mro() {
        keys.extend(c.as_type().dict().keys(ts));
    }
    let set = crate::objects::set::new_set_from(ts, &ts.new_list(keys))?;
    Ok(ts.new_list(protocols::collect(ts, &set)?))
}

/// `object.__init_subclass__()`: accepts nothing, so unknown class keywords end here.
fn m_init_subclass(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    if a.nkw() > 0 {
        let name = if cls.is_type() {
            cls.as_type().name()
        } else {
            "object".to_string()
        };
        return Err(ts.type_error(format!(
            "{name}.__init_subclass__() takes no keyword arguments"
        )));
    }
    if !a.args.is_empty() {
        return Err(ts.type_error(format!(
            "object.__init_subclass__() takes no arguments ({} given)",
            a.args.len()
        )));
    }
    Ok(none())
}

fn m_subclasshook(_ts: &ThreadState, _cls: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(not_implemented())
}

fn m_sizeof(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_usize(s.class().vtable().size + 32))
}

fn m_reduce_ex(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [proto] = a.parse::<1>(ts, "__reduce_ex__", &[""], 1)?;
    let proto = protocols::index_i64(ts, &proto.expect("required"))?;
    // A class-level __reduce__ override wins (CPython's object___reduce_ex__).
    if let Some(r) = s.class().lookup(ts, &ts.intern("__reduce__")) {
        let is_object = r
            .downcast::<crate::objects::descr::PyMethodDescr>()
            .is_some_and(|d| d.owner.is(types().object));
        if !is_object {
            return protocols::call_method_descr(ts, &r, s, &[]);
        }
    }
    let copyreg = crate::import::import_module(ts, "copyreg")?;
    if proto < 2 {
        let f = protocols::get_attr_str(ts, &copyreg, "_reduce_ex")?;
        return protocols::call(ts, &f, &[s.clone(), ts.new_int(proto)], None);
    }
    let cls = s.class().to_value();
    let newobj = protocols::get_attr_str(ts, &copyreg, "__newobj__")?;
    let mut args = vec![cls];
    if let Some(g) = s.class().lookup(ts, &ts.intern("__getnewargs__")) {
        let extra = protocols::call_method_descr(ts, &g, s, &[])?;
        args.extend(protocols::collect(ts, &extra)?);
    }
    let state = match s.class().lookup(ts, &ts.intern("__getstate__")) {
        Some(g) => protocols::call_method_descr(ts, &g, s, &[])?,
        None => none(),
    };
    let listitems = if s.downcast::<crate::objects::list::PyList>().is_some() {
        protocols::get_iter(ts, s)?
    } else {
        none()
    };
    let dictitems = if s.downcast::<PyDict>().is_some() {
        let items = protocols::call_method(ts, s, "items", &[])?;
        protocols::get_iter(ts, &items)?
    } else {
        none()
    };
    Ok(ts.new_tuple(vec![
        newobj,
        ts.new_tuple(args),
        state,
        listitems,
        dictitems,
    ]))
}

fn m_reduce(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let copyreg = crate::import::import_module(ts, "copyreg")?;
    let f = protocols::get_attr_str(ts, &copyreg, "_reduce_ex")?;
    protocols::call(ts, &f, &[s.clone(), ts.new_int(0)], None)
}

/// `object.__getstate__()` (CPython's `object_getstate_default`): the instance dict (None
/// when empty), paired with a dict of the `__slots__` values that are set, if any.
fn m_getstate(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let state = match object::instance_dict(s) {
        Some(d) if d.downcast::<PyDict>().is_some_and(|dd| !dd.is_empty(ts)) => d,
        _ => none(),
    };
    let cls = s.class();
    if cls.n_slots() == 0 {
        return Ok(state);
    }
    let slotnames = match cls.dict().get_item_str(ts, &ts.intern("__slotnames__")) {
        Some(n) => n,
        None => {
            let copyreg = crate::import::import_module(ts, "copyreg")?;
            let f = protocols::get_attr_str(ts, &copyreg, "_slotnames")?;
            protocols::call(ts, &f, &[cls.to_value()], None)?
        }
    };
    if slotnames.is_none() {
        return Ok(state);
    }
    let slots = ts.new_dict();
    let mut any = false;
    if let Some(sd) = slots.downcast::<PyDict>() {
        for name in protocols::collect(ts, &slotnames)? {
            match protocols::get_attr_opt(ts, s, &name) {
                Ok(Some(v)) => {
                    sd.set_item(ts, name, v)?;
                    any = true;
                }
                Ok(None) => {}
                Err(e) if e.matches(types().exc.attribute_error) => {}
                Err(e) => return Err(e),
            }
        }
    }
    if any {
        return Ok(ts.new_tuple(vec![state, slots]));
    }
    Ok(state)
}

// --- type ---

fn type_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyType> {
    v.downcast::<PyType>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'type' object but received a '{}'",
            v.class().name()
        ))
    })
}

/// `type.__getattribute__`.
pub fn type_getattro_opt(ts: &ThreadState, cls: &Value, name: &Value) -> PyResult<Option<Value>> {
    let ty = cls.as_type();
    let meta = cls.class();
    let meta_attr = meta.lookup(ts, name);
    if let Some(ma) = &meta_attr {
        let mt = ma.class();
        if let (Some(get), true) = (mt.slots.descr_get.get(), mt.slots.descr_set.is_set()) {
            return get(ts, ma, Some(cls), &meta.to_value()).map(Some);
        }
    }
    if let Some(a) = ty.lookup(ts, name) {
        if let Some(get) = a.class().slots.descr_get.get() {
            return get(ts, &a, None, cls).map(Some);
        }
        return Ok(Some(a));
    }
    if let Some(ma) = meta_attr {
        if let Some(get) = ma.class().slots.descr_get.get() {
            return get(ts, &ma, Some(cls), &meta.to_value()).map(Some);
        }
        return Ok(Some(ma));
    }
    Ok(None)
}

fn type_getattro(ts: &ThreadState, cls: &Value, name: &Value) -> PyResult<Value> {
    match type_getattro_opt(ts, cls, name)? {
        Some(v) => Ok(v),
        None => {
            let e = ts.attribute_error(format!(
                "type object '{}' has no attribute '{}'",
                cls.as_type().name(),
                str_lossy(name)
            ));
            crate::objects::exceptions::set_attr_error_context(ts, &e, cls, name);
            Err(e)
        }
    }
}

fn type_setattro(ts: &ThreadState, cls: &Value, name: &Value, v: Option<Value>) -> PyResult<()> {
    let ty = cls.as_type();
    let n = name.downcast::<PyStr>().ok_or_else(|| {
        ts.type_error(format!(
            "attribute name must be string, not '{}'",
            name.class().name()
        ))
    })?;
    if !ty.is_mutable() {
        return Err(ts.type_error(format!(
            "cannot set '{}' attribute of immutable type '{}'",
            n.to_string_lossy(),
            ty.name()
        )));
    }
    let meta = cls.class();
    if let Some(d) = meta.lookup(ts, name) {
        if let Some(set) = d.class().slots.descr_set.get() {
            return set(ts, &d, cls, v);
        }
    }
    let key = ts.rt.intern_value(ts, name);
    let r = match v {
        Some(x) => ty.dict().set_item(ts, key.clone(), x),
        None => match ty.dict().del_item(ts, &key)? {
            Some(_) => Ok(()),
            None => Err(ts.attribute_error(format!(
                "type object '{}' has no attribute '{}'",
                ty.name(),
                n.to_string_lossy()
            ))),
        },
    };
    ty.modified(ts, Some(&key));
    if let Some(s) = n.as_str() {
        if s.starts_with("__") && s.ends_with("__") {
            crate::objects::slot_dispatch::update_slots(ts, ty);
        }
    }
    r
}

/// Calling a class: `cls(*args)` = `__new__` then `__init__`.
pub fn type_call(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let ty = cls.as_type();
    let nkw = kw.map_or(0, |k| k.len());
    if ty.is(types().type_) && args.len() == 1 && nkw == 0 {
        return Ok(args[0].class().to_value());
    }
    let Some(new) = ty.slots.new.get() else {
        return Err(ts.type_error(format!(
            "cannot create '{}' instances",
            type_display_name(ts, ty)
        )));
    };
    let obj = new(ts, cls, args, kw)?;
    if !obj.class().is_subtype(ty) {
        return Ok(obj);
    }
    if let Some(init) = obj.class().slots.init.get() {
        init(ts, &obj, args, kw)?;
    }
    Ok(obj)
}

fn type_display_name(ts: &ThreadState, ty: &PyType) -> String {
    let _ = ts;
    let n = ty.name();
    match n.rsplit_once('.') {
        Some((m, b)) => format!("{m}.{b}"),
        None => n,
    }
}

fn type_new(
    ts: &ThreadState,
    meta: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let nkw = kw.map_or(0, |k| k.len());
    let npos = args.len() - nkw;
    if meta.as_type().is(types().type_) && npos == 1 && nkw == 0 {
        return Ok(args[0].class().to_value());
    }
    if npos != 3 {
        return Err(ts.type_error("type() takes 1 or 3 arguments"));
    }
    let name = &args[0];
    let bases = &args[1];
    let ns = &args[2];
    if name.downcast::<PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            name.class().name()
        )));
    }
    if bases.downcast::<PyTuple>().is_none() {
        return Err(ts.type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            bases.class().name()
        )));
    }
    if ns.downcast::<PyDict>().is_none() {
        return Err(ts.type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            ns.class().name()
        )));
    }
    let kwargs: Vec<(Value, Value)> = match kw {
        Some(k) => k
            .as_slice()
            .iter()
            .cloned()
            .zip(args[npos..].iter().cloned())
            .collect(),
        None => Vec::new(),
    };
    crate::objects::class_new::new_class(ts, meta, name, bases, ns, &kwargs)
}

fn type_init(ts: &ThreadState, _v: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    let nkw = kw.map_or(0, |k| k.len());
    let npos = args.len() - nkw;
    if npos != 1 && npos != 3 {
        return Err(ts.type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(())
}

fn t_name(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = type_of(ts, v)?;
    let n = t.name();
    Ok(ts.new_str(match n.rsplit_once('.') {
        Some((_, b)) if !t.is_heap() || t.is_static_like() => b,
        _ => &n,
    }))
}
fn t_set_name(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let t = type_of(ts, v)?;
    let x = check_special_set(ts, t, "__name__", x)?;
    match x.downcast::<PyStr>() {
        Some(s) => {
            t.set_name(&s.to_string_lossy());
            Ok(())
        }
        None => Err(ts.type_error(format!(
            "can only assign string to {}.__name__, not '{}'",
            t.name(),
            x.class().name()
        ))),
    }
}
fn t_qualname(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = type_of(ts, v)?;
    if !t.is_heap() {
        return t_name(ts, v);
    }
    Ok(t.qualname(ts))
}
fn t_set_qualname(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let t = type_of(ts, v)?;
    let x = Some(check_special_set(ts, t, "__qualname__", x)?);
    match x {
        Some(s) if s.downcast::<PyStr>().is_some() => {
            t.set_qualname(s);
            Ok(())
        }
        other => Err(ts.type_error(format!(
            "can only assign string to {}.__qualname__, not '{}'",
            t.name(),
            other
                .map(|o| o.class().name())
                .unwrap_or_else(|| "NoneType".into())
        ))),
    }
}
fn t_module(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = type_of(ts, v)?;
    if t.is_heap() {
        return t
            .dict()
            .get_item_str(ts, &names().__module__)
            .ok_or_else(|| ts.attribute_error("__module__"));
    }
    Ok(ts.new_str(
        match t.name().rsplit_once('.') {
            Some((m, _)) => m.to_string(),
            None => "builtins".to_string(),
        }
        .as_str(),
    ))
}
fn t_set_module(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let t = type_of(ts, v)?;
    let x = check_special_set(ts, t, "__module__", x)?;
    t.dict().set_item(ts, names().__module__.clone(), x)?;
    t.modified(ts, Some(&names().__module__));
    Ok(())
}
fn t_doc(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = type_of(ts, v)?;
    let d = t
        .dict()
        .get_item_str(ts, &names().__doc__)
        .unwrap_or_else(none);
    if let Some(get) = d.class().slots.descr_get.get() {
        return get(ts, &d, None, v);
    }
    Ok(d)
}
fn t_set_doc(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let t = type_of(ts, v)?;
    let x = check_special_set(ts, t, "__doc__", x)?;
    t.dict().set_item(ts, names().__doc__.clone(), x)?;
    t.modified(ts, Some(&names().__doc__));
    Ok(())
}

/// CPython's `check_set_special_type_attr`: special type attributes can't be set on immutable
/// types, nor deleted at all.
pub(crate) fn check_special_set(
    ts: &ThreadState,
    t: &PyType,
    name: &str,
    x: Option<Value>,
) -> PyResult<Value> {
    if !t.is_mutable() {
        return Err(ts.type_error(format!(
            "cannot set '{name}' attribute of immutable type '{}'",
            t.tp_name(ts)
        )));
    }
    x.ok_or_else(|| {
        ts.type_error(format!(
            "cannot delete '{name}' attribute of immutable type '{}'",
            t.tp_name(ts)
        ))
    })
}
/// `__mro__`: None while a class is being created and its `mro()` has not returned yet.
fn t_mro(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(type_of(ts, v)?.mro_value().unwrap_or_else(none))
}
/// `type.__flags__`: CPython's `tp_flags` bits for what Ladon's types share with CPython's
/// (read by `inspect.isabstract`, `copyreg` and `test.support`).
fn t_flags(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    const STATIC_BUILTIN: u64 = 1 << 1;
    const INLINE_VALUES: u64 = 1 << 2;
    const MANAGED_WEAKREF: u64 = 1 << 3;
    const MANAGED_DICT: u64 = 1 << 4;
    const IMMUTABLETYPE: u64 = 1 << 8;
    const HEAPTYPE: u64 = 1 << 9;
    const BASETYPE: u64 = 1 << 10;
    const READY: u64 = 1 << 12;
    const HAVE_GC: u64 = 1 << 14;
    const IS_ABSTRACT: u64 = 1 << 20;
    const SEQUENCE: u64 = 1 << 5;
    const MAPPING: u64 = 1 << 6;
    const MATCH_SELF: u64 = 1 << 22;
    let t = type_of(ts, v)?;
    let b = types();
    let mut f = READY;
    if t.is_heap() {
        f |= HEAPTYPE | HAVE_GC;
        if t.dict_index.is_some() {
            f |= MANAGED_DICT | INLINE_VALUES;
        }
        if t.flags & super::typeobj::flags::NO_WEAKREF == 0 {
            f |= MANAGED_WEAKREF;
        }
        if t.is_static_like() {
            f |= IMMUTABLETYPE;
        }
    } else {
        f |= IMMUTABLETYPE | STATIC_BUILTIN;
        let containers = [
            b.list,
            b.dict,
            b.set,
            b.frozenset,
            b.tuple,
            b.type_,
            b.function,
        ];
        if containers.iter().any(|c| std::ptr::eq(*c, t)) {
            f |= HAVE_GC;
        }
        // Matched by `case int(x)`-style class patterns as the subject itself.
        let match_self = [
            b.bool,
            b.bytearray,
            b.bytes,
            b.dict,
            b.float,
            b.frozenset,
            b.int,
            b.list,
            b.set,
            b.str,
            b.tuple,
        ];
        if match_self.iter().any(|c| std::ptr::eq(*c, t)) {
            f |= MATCH_SELF;
        }
    }
    if t.is_subtype(b.list) || t.is_subtype(b.tuple) {
        f |= SEQUENCE;
    }
    if t.is_subtype(b.dict) {
        f |= MAPPING;
    }
    if t.flags & super::typeobj::flags::BASETYPE != 0 {
        f |= BASETYPE;
    }
    if t.is_abstract.load(std::sync::atomic::Ordering::Relaxed) {
        f |= IS_ABSTRACT;
    }
    // The fast subclass bits (Py_TPFLAGS_LONG_SUBCLASS .. Py_TPFLAGS_TYPE_SUBCLASS).
    let subclass_bits = [
        (b.int, 24),
        (b.list, 25),
        (b.tuple, 26),
        (b.bytes, 27),
        (b.str, 28),
        (b.dict, 29),
        (b.exc.base_exception, 30),
        (b.type_, 31),
    ];
    for (base, bit) in subclass_bits {
        if t.is_subtype(base) {
            f |= 1 << bit;
        }
    }
    Ok(ts.new_int(f as i64))
}

fn t_bases(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(type_of(ts, v)?
        .bases_value()
        .unwrap_or_else(|| ts.new_tuple(vec![])))
}
fn t_base(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(type_of(ts, v)?
        .base()
        .map(|b| b.to_value())
        .unwrap_or_else(none))
}
fn t_dict(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    crate::objects::descr::new_mappingproxy(ts, type_of(ts, v)?.dict_value())
}
fn t_abstract(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = type_of(ts, v)?;
    let k = ts.intern("__abstractmethods__");
    if !t.is(types().type_) {
        if let Some(x) = t.dict().get_item_str(ts, &k) {
            return Ok(x);
        }
    }
    Err(ts.attribute_error("__abstractmethods__"))
}
fn t_set_abstract(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let t = type_of(ts, v)?;
    let k = ts.intern("__abstractmethods__");
    let is_abs = match &x {
        Some(x) => protocols::is_true(ts, x)?,
        None => false,
    };
    match x {
        Some(x) => t.dict().set_item(ts, k, x)?,
        None => {
            t.dict().del_item(ts, &k)?;
        }
    }
    crate::objects::class_new::set_abstract_flag(t, is_abs);
    t.modified(ts, Some(&ts.intern("__abstractmethods__")));
    Ok(())
}
fn t_type_params(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = type_of(ts, v)?;
    Ok(t.dict()
        .get_item_str(ts, &names().__type_params__)
        .unwrap_or_else(|| ts.new_tuple(vec![])))
}
/// `cls.__type_params__ = ...` (functools.wraps copies it onto a wrapper class).
fn t_set_type_params(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let t = type_of(ts, v)?;
    if !t.is_heap() {
        return Err(ts.type_error(format!(
            "cannot set '__type_params__' attribute of immutable type '{}'",
            t.name()
        )));
    }
    let Some(x) = x else {
        return Err(ts.type_error(format!(
            "cannot delete '__type_params__' attribute of immutable type '{}'",
            t.name()
        )));
    };
    t.dict().set_item(ts, names().__type_params__.clone(), x)?;
    t.modified(ts, Some(&names().__type_params__));
    Ok(())
}
fn t_annotations(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = type_of(ts, v)?;
    if let Some(a) = t.dict().get_item_str(ts, &names().__annotations__) {
        return Ok(a);
    }
    if let Some(f) = t
        .dict()
        .get_item_str(ts, &ts.intern("__annotate_func__"))
        .or_else(|| t.dict().get_item_str(ts, &names().__annotate__))
    {
        if !f.is_none() {
            let d = protocols::call(ts, &f, &[ts.new_int(1)], None)?;
            t.dict()
                .set_item(ts, names().__annotations__.clone(), d.clone())?;
            t.modified(ts, Some(&names().__annotations__));
            return Ok(d);
        }
    }
    let d = ts.new_dict();
    if t.is_heap() {
        t.dict()
            .set_item(ts, names().__annotations__.clone(), d.clone())?;
        t.modified(ts, Some(&names().__annotations__));
    }
    Ok(d)
}

/// `type.__annotate__`: a class's annotate function (`__annotate_func__` in its dict, or a
/// `__annotate__` there), None if it has none; static types have no such attribute.
fn t_annotate(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = type_of(ts, v)?;
    if !t.is_heap() {
        return Err(ts.attribute_error(format!(
            "type object '{}' has no attribute '__annotate__'",
            t.name()
        )));
    }
    let d = t.dict();
    if let Some(f) = d.get_item_str(ts, &ts.intern("__annotate_func__")) {
        return Ok(f);
    }
    let f = d
        .get_item_str(ts, &names().__annotate__)
        .filter(protocols::is_callable)
        .unwrap_or_else(none);
    let k = ts.intern("__annotate_func__");
    d.set_item(ts, k.clone(), f.clone())?;
    t.modified(ts, Some(&k));
    Ok(f)
}

fn t_set_annotate(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let t = type_of(ts, v)?;
    let Some(x) = x else {
        return Err(ts.type_error("cannot delete __annotate__ attribute"));
    };
    if !t.is_heap() {
        return Err(ts.type_error(format!(
            "cannot set '__annotate__' attribute of immutable type '{}'",
            t.name()
        )));
    }
    if !x.is_none() && !protocols::is_callable(&x) {
        return Err(ts.type_error("__annotate__ must be callable or None"));
    }
    let d = t.dict();
    d.set_item(ts, ts.intern("__annotate_func__"), x.clone())?;
    if !x.is_none() {
        // A new annotate function invalidates the cached annotations.
        d.del_item(ts, &names().__annotations__)?;
        t.modified(ts, Some(&names().__annotations__));
    }
    t.modified(ts, Some(&ts.intern("__annotate_func__")));
    Ok(())
}

fn m_mro(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let t = type_of(ts, s)?;
    let bases = t.bases().to_vec();
    let mro = crate::objects::typeobj::c3_mro(ts, s, &bases)?;
    Ok(ts.new_list(mro))
}

fn m_subclasses(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let t = type_of(ts, s)?;
    Ok(ts.new_list(crate::objects::class_new::subclasses_of(ts, t)))
}

fn m_instancecheck(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "__instancecheck__", &[""], 1)?;
    Ok(py_bool(protocols::recursive_isinstance(
        ts,
        &x.expect("required"),
        s,
    )?))
}

fn m_subclasscheck(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "__subclasscheck__", &[""], 1)?;
    Ok(py_bool(protocols::recursive_issubclass(
        ts,
        &x.expect("required"),
        s,
    )?))
}

fn m_prepare(ts: &ThreadState, _s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_dict())
}

fn m_type_dir(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let t = type_of(ts, s)?;
    let mut keys = Vec::new();
    for c in t.mro() {
        keys.extend(c.as_type().dict().keys(ts));
    }
    let set = crate::objects::set::new_set_from(ts, &ts.new_list(keys))?;
    Ok(ts.new_list(protocols::collect(ts, &set)?))
}

fn type_or(
    ts: &ThreadState,
    a: &Value,
    b: &Value,
    op: crate::objects::slots::BinOp,
) -> PyResult<Value> {
    if op != crate::objects::slots::BinOp::Or {
        return Ok(not_implemented());
    }
    crate::objects::generic_alias::make_union(ts, a, b)
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_classmethod, add_getset, add_method};
    let o = types().object;
    let s = &o.slots;
    s.getattro.set(Some(generic_getattr));
    s.setattro.set(Some(generic_setattr));
    s.hash.set(Some(object_hash));
    s.richcompare.set(Some(object_richcompare));
    s.repr.set(Some(object_repr));
    s.str.set(Some(object_str));
    s.new.set(Some(object_new));
    s.init.set(Some(object_init));
    add_getset(ts, o, "__class__", obj_class, Some(obj_set_class));
    add_method(ts, o, "__format__", m_format);
    add_method(ts, o, "__dir__", m_dir);
    add_method(ts, o, "__sizeof__", m_sizeof);
    add_method(ts, o, "__reduce_ex__", m_reduce_ex);
    add_method(ts, o, "__reduce__", m_reduce);
    add_method(ts, o, "__getstate__", m_getstate);
    add_classmethod(ts, o, "__init_subclass__", m_init_subclass);
    add_classmethod(ts, o, "__subclasshook__", m_subclasshook);
    o.dict()
        .set_item(
            ts,
            names().__doc__.clone(),
            ts.new_str("The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n"),
        )
        .ok();
    let t = types().type_;
    let s = &t.slots;
    s.getattro.set(Some(type_getattro));
    s.setattro.set(Some(type_setattro));
    s.call.set(Some(type_call));
    s.repr.set(Some(type_repr));
    s.new.set(Some(type_new));
    s.init.set(Some(type_init));
    s.binary.set(Some(type_or));
    add_getset(ts, t, "__name__", t_name, Some(t_set_name));
    add_getset(ts, t, "__qualname__", t_qualname, Some(t_set_qualname));
    add_getset(ts, t, "__module__", t_module, Some(t_set_module));
    add_getset(ts, t, "__doc__", t_doc, Some(t_set_doc));
    add_getset(ts, t, "__mro__", t_mro, None);
    add_getset(
        ts,
        t,
        "__bases__",
        t_bases,
        Some(crate::objects::class_new::set_bases),
    );
    add_getset(ts, t, "__base__", t_base, None);
    add_getset(ts, t, "__flags__", t_flags, None);
    add_getset(ts, t, "__dict__", t_dict, None);
    add_getset(
        ts,
        t,
        "__abstractmethods__",
        t_abstract,
        Some(t_set_abstract),
    );
    add_getset(
        ts,
        t,
        "__type_params__",
        t_type_params,
        Some(t_set_type_params),
    );
    add_getset(ts, t, "__annotations__", t_annotations, None);
    add_getset(ts, t, "__annotate__", t_annotate, Some(t_set_annotate));
    add_method(ts, t, "mro", m_mro);
    add_method(ts, t, "__subclasses__", m_subclasses);
    add_method(ts, t, "__instancecheck__", m_instancecheck);
    add_method(ts, t, "__subclasscheck__", m_subclasscheck);
    add_method(ts, t, "__dir__", m_type_dir);
    add_classmethod(ts, t, "__prepare__", m_prepare);
}

/// `__dict__` getset for Python classes whose instances have a dict (added by class_new).
pub fn dict_getset() -> (
    crate::objects::descr::GetterFn,
    crate::objects::descr::SetterFn,
) {
    (obj_dict, obj_set_dict)
}

// --- None, NotImplemented, Ellipsis ---

fn none_repr(ts: &ThreadState, _v: &Value) -> PyResult<Value> {
    Ok(ts.new_str("None"))
}
fn none_bool(_ts: &ThreadState, _v: &Value) -> PyResult<bool> {
    Ok(false)
}
fn none_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    if !args.is_empty() || kw.is_some_and(|k| !k.is_empty()) {
        return Err(ts.type_error("NoneType takes no arguments"));
    }
    Ok(none())
}
fn notimpl_repr(ts: &ThreadState, _v: &Value) -> PyResult<Value> {
    Ok(ts.new_str("NotImplemented"))
}
fn notimpl_bool(ts: &ThreadState, _v: &Value) -> PyResult<bool> {
    Err(ts.type_error("NotImplemented should not be used in a boolean context"))
}
fn notimpl_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    if !args.is_empty() || kw.is_some_and(|k| !k.is_empty()) {
        return Err(ts.type_error("NotImplementedType takes no arguments"));
    }
    Ok(crate::runtime::not_implemented())
}
fn ellipsis_repr(ts: &ThreadState, _v: &Value) -> PyResult<Value> {
    Ok(ts.new_str("Ellipsis"))
}
fn ellipsis_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    if !args.is_empty() || kw.is_some_and(|k| !k.is_empty()) {
        return Err(ts.type_error("ellipsis takes no arguments"));
    }
    Ok(crate::runtime::ellipsis())
}
fn m_reduce_singleton(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_str(if s.is_none() {
        "None"
    } else if s.is_not_implemented() {
        "NotImplemented"
    } else {
        "Ellipsis"
    }))
}

pub fn init_singletons(ts: &ThreadState) {
    use crate::objects::descr::add_method;
    let t = types();
    t.none.slots.repr.set(Some(none_repr));
    t.none.slots.bool.set(Some(none_bool));
    t.none.slots.new.set(Some(none_new));
    t.not_implemented.slots.repr.set(Some(notimpl_repr));
    t.not_implemented.slots.bool.set(Some(notimpl_bool));
    t.not_implemented.slots.new.set(Some(notimpl_new));
    t.ellipsis.slots.repr.set(Some(ellipsis_repr));
    t.ellipsis.slots.new.set(Some(ellipsis_new));
    for ty in [t.none, t.not_implemented, t.ellipsis] {
        add_method(ts, ty, "__reduce__", m_reduce_singleton);
    }
}
