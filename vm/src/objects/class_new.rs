//! Class creation (`type.__new__(meta, name, bases, ns, **kw)`): metaclass winner, layout
//! (best base, `__slots__`, instance dict), C3 MRO, namespace fix-ups (`__qualname__`,
//! `__classcell__`, `__hash__ = None` when only `__eq__` is defined, `__new__` as a static
//! method), slot filling, `__set_name__` and `__init_subclass__`.

use crate::errors::PyResult;
use crate::objects::descr::{PyClassMethod, PyMember};
use crate::objects::dict::PyDict;
use crate::objects::str::{str_lossy, PyStr};
use crate::objects::typeobj::{best_base, c3_mro, PyType};
use crate::protocols;
use crate::runtime::{names, none, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::sync::atomic::Ordering;
use std::sync::Mutex;

pub fn set_abstract_flag(t: &PyType, on: bool) {
    // ORDERING: Relaxed: a flag checked at instantiation; the dict change that motivates it is
    // published by the dict's own lock.
    t.is_abstract.store(on, Ordering::Relaxed);
}

/// The live direct subclasses of `t` (`type.__subclasses__`).
pub fn subclasses_of(ts: &ThreadState, t: &PyType) -> Vec<Value> {
    t.subclasses(ts)
}

/// The MRO a metaclass's own `mro()` gives the new class `cls` (CPython's `mro_invoke`), or
/// `None` when the metaclass inherits `type.mro`.
fn custom_mro(ts: &ThreadState, meta: &Value, cls: &Value) -> PyResult<Option<Vec<Value>>> {
    if meta.is(&types().type_.to_value()) {
        return Ok(None);
    }
    let name = ts.intern("mro");
    let Some(m) = meta.as_type().lookup(ts, &name) else {
        return Ok(None);
    };
    if types()
        .type_
        .dict()
        .get_item_str(ts, &name)
        .is_some_and(|d| d.is(&m))
    {
        return Ok(None);
    }
    let r = protocols::call_method_descr(ts, &m, cls, &[])?;
    let items = protocols::collect(ts, &r)?;
    for x in &items {
        if !x.is_type() {
            return Err(ts.type_error(format!(
                "mro() returned a non-class ('{}')",
                x.class().name()
            )));
        }
    }
    // CPython's `mro_check`: every class in the MRO must have a layout the new class's
    // instances extend.
    let solid = crate::objects::typeobj::solid_base(cls.as_type());
    for x in &items {
        let xt = x.as_type();
        if !solid.is_subtype(crate::objects::typeobj::solid_base(xt)) {
            return Err(ts.type_error(format!(
                "mro() returned base with unsuitable layout ('{}')",
                xt.name()
            )));
        }
    }
    Ok(Some(items))
}

/// The most derived metaclass of `meta` and the bases' metaclasses.
pub fn calculate_metaclass(ts: &ThreadState, meta: &Value, bases: &[Value]) -> PyResult<Value> {
    let mut winner = meta.clone();
    for b in bases {
        let bt = b.class();
        let w = winner.as_type();
        if w.is_subtype(bt) {
            continue;
        }
        if bt.is_subtype(w) {
            winner = bt.to_value();
            continue;
        }
        return Err(ts.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

fn mangle(class_name: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

pub fn new_class(
    ts: &ThreadState,
    meta: &Value,
    name: &Value,
    bases: &Value,
    ns: &Value,
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let name_s = str_lossy(name);
    let mut base_list: Vec<Value> = bases.as_tuple_slice().to_vec();
    let winner = calculate_metaclass(ts, meta, &base_list)?;
    if !winner.is(meta) {
        let wt = winner.as_type();
        let mt = meta.as_type();
        if !wt
            .slots
            .new
            .get()
            .zip(mt.slots.new.get())
            .is_some_and(|(a, b)| std::ptr::fn_addr_eq(a, b))
        {
            // A more derived metaclass with its own __new__ (CPython's type_new delegation).
            let mut args = vec![name.clone(), bases.clone(), ns.clone()];
            let mut kn = Vec::new();
            for (k, v) in kwargs {
                kn.push(k.clone());
                args.push(v.clone());
            }
            let kt = if kn.is_empty() {
                None
            } else {
                Some(ts.new_tuple(kn))
            };
            return protocols::call(ts, &winner, &args, kt.as_ref().and_then(|k| k.downcast()));
        }
    }
    let meta = winner;
    for b in &base_list {
        if !b.is_type() {
            return Err(ts.type_error(format!(
                "type.__new__() argument 2 must be tuple of types, not {}",
                b.class().name()
            )));
        }
    }
    if base_list.is_empty() {
        base_list.push(types().object.to_value());
    }
    let nsd = ns
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("namespace must be a dict"))?;
    for b in &base_list {
        // A base whose metaclass `mro()` is still running (CPython's `tp_mro == NULL`).
        if b.is_type() && b.as_type().mro_value().is_none() {
            return Err(ts.type_error(format!(
                "Cannot extend an incomplete type '{}'",
                b.as_type().name()
            )));
        }
    }
    let base = best_base(ts, &base_list)?;
    let bt = base.as_type();

    // __slots__
    let mut slot_names: Vec<String> = Vec::new();
    let mut want_dict = true;
    // Instances support weak references unless `__slots__` leaves `__weakref__` out and no
    // base (a Python class without such `__slots__`) provides it.
    let mut want_weakref = true;
    if let Some(sl) = nsd.get_item_str(ts, &names().__slots__) {
        want_dict = false;
        want_weakref = base_list.iter().any(|b| {
            let t = b.as_type();
            t.is_heap() && t.flags & crate::objects::typeobj::flags::NO_WEAKREF == 0
        });
        let items = if sl.downcast::<PyStr>().is_some() {
            vec![sl.clone()]
        } else {
            protocols::collect(ts, &sl)?
        };
        for it in items {
            let s = it.downcast::<PyStr>().ok_or_else(|| {
                ts.type_error(format!(
                    "__slots__ items must be strings, not '{}'",
                    it.class().name()
                ))
            })?;
            let n = s.to_string_lossy();
            if !crate::unicode::is_identifier(&s.to_cps()) {
                return Err(ts.type_error("__slots__ must be identifiers"));
            }
            if n == "__dict__" {
                if bt.has_instance_dict() || want_dict {
                    return Err(ts.type_error("__dict__ slot disallowed: we already got one"));
                }
                want_dict = true;
                continue;
            }
            if n == "__weakref__" {
                want_weakref = true;
                continue;
            }
            let m = mangle(&name_s, &n);
            if nsd.get_item_str(ts, &ts.intern(&m)).is_some() {
                return Err(
                    ts.value_error(format!("'{n}' in __slots__ conflicts with class variable"))
                );
            }
            slot_names.push(m);
        }
        // Sorted, as CPython lays them out: classes listing the same slots in another order
        // get the same layout (so `__class__` assignment between them works).
        slot_names.sort();
    }
    let inherits_dict = base_list.iter().any(|b| b.as_type().has_instance_dict());
    // Exceptions and modules keep their `__dict__` in the payload, as CPython's subclasses
    // share the base's dict offset: no second dict word (so a module's `__class__` can also
    // become a ModuleType subclass).
    let want_dict = (want_dict || inherits_dict)
        && !bt.layout_is::<crate::objects::exceptions::PyBaseException>()
        && !bt.layout_is::<crate::objects::module::PyModule>();

    let mut ty = PyType::new_heap(
        &name_s,
        bt,
        slot_names.len(),
        want_dict && !bt.has_instance_dict(),
    );
    if !want_weakref {
        ty.flags |= crate::objects::typeobj::flags::NO_WEAKREF;
    }
    let first_slot = bt.n_extras;
    let cls = crate::object::alloc(ts, meta.as_type(), ty)?;
    let t = cls.as_type();
    t.set_base(base.clone());
    // Namespace, before the MRO: a metaclass's mro() may read `cls.__dict__`.
    let d = ts.new_dict();
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("dict"))?;
    let mut classcell = None;
    let mut classdictcell = None;
    for (k, v) in nsd.items(ts) {
        if let Some(ks) = k.downcast::<PyStr>() {
            match ks.as_str() {
                Some("__qualname__") => {
                    if v.downcast::<PyStr>().is_none() {
                        return Err(ts.type_error(format!(
                            "type __qualname__ must be a str, not {}",
                            v.class().name()
                        )));
                    }
                    t.set_qualname(v);
                    continue;
                }
                Some("__classcell__") => {
                    classcell = Some(v);
                    continue;
                }
                // The compiler's cell for `__classdict__` (annotation scopes): it receives the
                // class namespace and is not an attribute.
                Some("__classdictcell__") => {
                    classdictcell = Some(v);
                    continue;
                }
                _ => {}
            }
        }
        let k = ts.rt.intern_value(ts, &k);
        dd.set_item(ts, k, v)?;
    }
    t.init_dict(d.clone());
    let bases_t = ts.new_tuple(base_list.clone());
    // `__bases__` too: a custom mro() may call `type.mro(cls)`, which reads them.
    t.init_hierarchy(bases_t.clone(), None);
    let mro = match custom_mro(ts, &meta, &cls)? {
        Some(m) => m,
        None => c3_mro(ts, &cls, &base_list)?,
    };
    t.init_hierarchy(bases_t, Some(ts.new_tuple(mro)));
    for b in &base_list {
        b.as_type().add_subclass(ts, &cls)?;
    }

    let n = names();
    if dd.get_item_str(ts, &n.__module__).is_none() {
        if let Some(m) = ts.current_globals().and_then(|g| {
            g.downcast::<PyDict>()
                .and_then(|g| g.get_item_str(ts, &n.__name__))
        }) {
            dd.set_item(ts, n.__module__.clone(), m)?;
        }
    }
    {
        let special = "__new__";
        let k = ts.intern(special);
        if let Some(f) = dd.get_item_str(ts, &k) {
            if f.class().is(types().function) {
                let sm = crate::object::alloc(
                    ts,
                    types().staticmethod,
                    PyClassMethod {
                        func: Mutex::new(Some(f)),
                    },
                )?;
                dd.set_item(ts, k, sm)?;
            }
        }
    }
    for special in ["__init_subclass__", "__class_getitem__"] {
        let k = ts.intern(special);
        if let Some(f) = dd.get_item_str(ts, &k) {
            if f.class().is(types().function) {
                let cm = crate::object::alloc(
                    ts,
                    types().classmethod,
                    PyClassMethod {
                        func: Mutex::new(Some(f)),
                    },
                )?;
                dd.set_item(ts, k, cm)?;
            }
        }
    }
    for (i, sn) in slot_names.iter().enumerate() {
        let k = ts.intern(sn);
        let m = crate::object::alloc(
            ts,
            types().member_descr,
            PyMember {
                name: k.clone(),
                owner: cls.clone(),
                index: first_slot + i,
            },
        )?;
        dd.set_item(ts, k, m)?;
    }
    // Metaclasses get no `__dict__` descriptor: `type.__dict__` (the class namespace) must
    // stay visible on their instances.
    // (CPython adds these getsets, then `__doc__`, then `__hash__`: the order `vars(cls)`
    // shows.)
    let metaclass = bt.is_subtype(types().type_);
    if want_dict
        && !bt.has_instance_dict()
        && !metaclass
        && !base_list.iter().any(|b| b.as_type().has_instance_dict())
    {
        let (g, s) = crate::objects::object_type::dict_getset();
        crate::objects::descr::add_getset(ts, t, "__dict__", g, Some(s));
    }
    if want_weakref && !metaclass && !base_list.iter().any(|b| weakrefable(b.as_type())) {
        crate::objects::descr::add_getset(ts, t, "__weakref__", weakref_getter, None);
    }
    if dd.get_item_str(ts, &n.__doc__).is_none() {
        dd.set_item(ts, n.__doc__.clone(), none())?;
    }
    if dd.get_item_str(ts, &n.__eq__).is_some() && dd.get_item_str(ts, &n.__hash__).is_none() {
        dd.set_item(ts, n.__hash__.clone(), none())?;
    }
    crate::objects::slot_dispatch::fix_slots(ts, t);
    if let Some(r) = cls.to_obj() {
        r.enable_deferred(&ts.gc);
    }
    // A new class may reuse a dead one's address (the finalizer cache is keyed by address).
    crate::runtime::note_del_change();

    if let Some(c) = classdictcell
        .as_ref()
        .and_then(|c| c.downcast::<crate::objects::function::PyCell>())
    {
        drop(c.set(Some(d.clone())));
    }
    if let Some(cell) = classcell {
        match cell.downcast::<crate::objects::function::PyCell>() {
            Some(c) => drop(c.set(Some(cls.clone()))),
            None => {
                return Err(ts.type_error(format!(
                    "__classcell__ must be a nonlocal cell, not {}",
                    cell.class().to_value().as_type().name()
                )))
            }
        }
    }

    // __set_name__
    for (k, v) in dd.items(ts) {
        if let Some(sn) = v.class().lookup(ts, &n.__set_name__) {
            let r = protocols::call_method_descr(ts, &sn, &v, &[cls.clone(), k.clone()]);
            if let Err(e) = r {
                crate::objects::exceptions::add_note(
                    ts,
                    &e,
                    &format!(
                        "Error calling __set_name__ on '{}' instance '{}' in '{}'",
                        v.class().name(),
                        str_lossy(&k),
                        name_s
                    ),
                );
                return Err(e);
            }
        }
    }

    // super(cls, cls).__init_subclass__(**kwargs)
    let mro = t.mro().to_vec();
    for c in mro.iter().skip(1) {
        if let Some(f) = c.as_type().dict().get_item_str(ts, &n.__init_subclass__) {
            let bound = match f.class().slots.descr_get.get() {
                Some(get) => get(ts, &f, None, &cls)?,
                None => f,
            };
            let mut args = Vec::new();
            let mut kwn = Vec::new();
            for (k, v) in kwargs {
                kwn.push(k.clone());
                args.push(v.clone());
            }
            if !kwn.is_empty() && c.as_type().is(types().object) {
                return Err(ts.type_error(format!(
                    "{name_s}.__init_subclass__() takes no keyword arguments"
                )));
            }
            let kt = if kwn.is_empty() {
                None
            } else {
                Some(ts.new_tuple(kwn))
            };
            let ktp = kt
                .as_ref()
                .and_then(|k| k.downcast::<crate::objects::tuple::PyTuple>());
            protocols::call(ts, &bound, &args, ktp)?;
            break;
        }
    }
    Ok(cls)
}

/// `cls.__bases__ = bases` (CPython's `type_set_bases`): checks, a new `__base__`, the MRO of
/// the class and of every subclass recomputed (all restored if one fails), subclass lists and
/// slots updated, version tags invalidated. Runs no lock across the metaclass `mro()` calls
/// it makes: two threads assigning `__bases__` of related classes at once may leave either
/// assignment's MROs, but every value a reader sees is a complete tuple that stays alive
/// (DESIGN: replaceable-hierarchy).
pub(crate) fn set_bases(ts: &ThreadState, cls: &Value, x: Option<Value>) -> PyResult<()> {
    let Some(t) = cls.downcast::<PyType>() else {
        return Err(ts.type_error("descriptor '__bases__' requires a 'type' object"));
    };
    let x = crate::objects::object_type::check_special_set(ts, t, "__bases__", x)?;
    let Some(tup) = x.downcast::<crate::objects::tuple::PyTuple>() else {
        return Err(ts.type_error(format!(
            "can only assign tuple to {}.__bases__, not {}",
            t.name(),
            x.class().name()
        )));
    };
    let new_bases: Vec<Value> = tup.as_slice().to_vec();
    if new_bases.is_empty() {
        return Err(ts.type_error(format!(
            "can only assign non-empty tuple to {}.__bases__, not ()",
            t.name()
        )));
    }
    for b in &new_bases {
        let Some(bt) = b.downcast::<PyType>() else {
            return Err(ts.type_error(format!(
                "{}.__bases__ must be tuple of classes, not '{}'",
                t.name(),
                b.class().name()
            )));
        };
        let mut chain = Some(bt);
        let mut in_chain = false;
        while let Some(c) = chain {
            if c.is(t) {
                in_chain = true;
                break;
            }
            chain = c.base();
        }
        if in_chain || bt.mro().iter().any(|c| c.as_type().is(t)) {
            return Err(ts.type_error("a __bases__ item causes an inheritance cycle"));
        }
    }
    let best = best_base(ts, &new_bases)?;
    if let Some(old_base) = t.base() {
        crate::objects::object_type::compatible_for_assignment(
            ts,
            old_base,
            best.as_type(),
            "__bases__",
        )?;
    }
    let old_bases = t.bases_value();
    let old_base = t.base().map(|b| b.to_value());
    let new_t = ts.new_tuple(new_bases.clone());
    t.init_hierarchy(new_t.clone(), None);
    t.set_base(best);
    let mut undo = Vec::new();
    if let Err(e) = mro_hierarchy(ts, cls, &mut undo) {
        for (c, old) in undo.into_iter().rev() {
            if let Some(old) = old {
                c.as_type().set_mro(old);
            }
        }
        // Unless a metaclass mro() assigned `__bases__` again meanwhile: that one stays.
        if t.bases_value().is_some_and(|b| b.is(&new_t)) {
            if let Some(b) = old_bases {
                t.init_hierarchy(b, None);
            }
            if let Some(b) = old_base {
                t.set_base(b);
            }
        }
        t.modified(ts, None);
        return Err(e);
    }
    // Unless a metaclass mro() assigned `__bases__` again meanwhile (CPython does the same).
    if t.bases_value().is_some_and(|b| b.is(&new_t)) {
        let old_list = old_bases
            .map(|b| b.as_tuple_slice().to_vec())
            .unwrap_or_default();
        // All removed, then all added, as CPython does (so the order of `__subclasses__()`
        // matches: a kept base lists the class last).
        for b in &old_list {
            b.as_type().remove_subclass(ts, t);
        }
        for b in &new_bases {
            b.as_type().add_subclass(ts, cls)?;
        }
        crate::objects::slot_dispatch::update_slots(ts, t);
    }
    t.modified(ts, None);
    Ok(())
}

/// Recomputes the MRO of `cls` and then of its subclasses (CPython's `mro_hierarchy`),
/// recording each replaced MRO in `undo`.
fn mro_hierarchy(
    ts: &ThreadState,
    cls: &Value,
    undo: &mut Vec<(Value, Option<Value>)>,
) -> PyResult<()> {
    let t = cls.as_type();
    let meta = cls.class().to_value();
    let mro = match custom_mro(ts, &meta, cls)? {
        Some(m) => m,
        None => c3_mro(ts, cls, t.bases())?,
    };
    let old = t.mro_value();
    t.set_mro(ts.new_tuple(mro));
    undo.push((cls.clone(), old));
    t.modified(ts, None);
    for sub in t.subclasses(ts) {
        mro_hierarchy(ts, &sub, undo)?;
    }
    Ok(())
}

/// Whether instances of `t` already support weak references (CPython: a non-zero
/// `tp_weaklistoffset`), so a subclass adds no `__weakref__` descriptor.
fn weakrefable(t: &PyType) -> bool {
    use crate::objects::typeobj::flags;
    if t.is_heap() {
        t.flags & flags::NO_WEAKREF == 0
    } else {
        t.flags & flags::WEAKREFABLE != 0
    }
}

fn weakref_getter(_ts: &ThreadState, _v: &Value) -> PyResult<Value> {
    Ok(none())
}
