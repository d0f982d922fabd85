//! Slots of Python classes: each slot whose dunder a Python class on the MRO defines gets a
//! dispatcher that looks the dunder up on the type and calls it (CPython's `slot_tp_*` /
//! `slot_nb_*` in `Objects/typeobject.c`); the others are inherited from the builtin base.
//! [`fix_slots`] runs at class creation and [`update_slots`] when a dunder is assigned on a
//! class (subclasses are not refreshed yet; see DESIGN-vm.md).

use crate::errors::PyResult;
use crate::objects::object_type;
use crate::objects::slots::{BinOp, CmpOp, UnaryOp};
use crate::objects::tuple::PyTuple;
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::{names, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;

/// Calls dunder `name` looked up on `type(obj)` with `obj` prepended; `Ok(None)` if absent.
pub fn call_dunder(
    ts: &ThreadState,
    obj: &Value,
    name: &Value,
    args: &[Value],
) -> PyResult<Option<Value>> {
    match obj.class().lookup(ts, name) {
        Some(m) => protocols::call_method_descr(ts, &m, obj, args).map(Some),
        None => Ok(None),
    }
}

fn must(ts: &ThreadState, obj: &Value, name: &Value, args: &[Value]) -> PyResult<Value> {
    call_dunder(ts, obj, name, args)?.ok_or_else(|| ts.attribute_error_no_attr(obj, name))
}

fn slot_getattro(ts: &ThreadState, obj: &Value, name: &Value) -> PyResult<Value> {
    let n = names();
    let ty = obj.class();
    let ga = ty.lookup(ts, &n.__getattribute__);
    let plain = match &ga {
        None => true,
        Some(g) => is_object_slot_wrapper(g, "__getattribute__"),
    };
    let r = if plain {
        object_type::generic_getattr_opt(ts, obj, name)
            .and_then(|o| o.ok_or_else(|| ts.attribute_error_no_attr(obj, name)))
    } else {
        protocols::call_method_descr(
            ts,
            ga.as_ref().expect("checked"),
            obj,
            std::slice::from_ref(name),
        )
    };
    match r {
        Err(e) if e.matches(types().exc.attribute_error) => {
            if let Some(g) = ty.lookup(ts, &n.__getattr__) {
                return protocols::call_method_descr(ts, &g, obj, std::slice::from_ref(name));
            }
            Err(e)
        }
        r => r,
    }
}

fn is_object_slot_wrapper(v: &Value, _name: &str) -> bool {
    v.downcast::<crate::objects::descr::PyMethodDescr>()
        .is_some_and(|d| d.owner.is(types().object))
}

fn slot_setattro(ts: &ThreadState, obj: &Value, name: &Value, v: Option<Value>) -> PyResult<()> {
    let n = names();
    match v {
        Some(x) => must(ts, obj, &n.__setattr__, &[name.clone(), x]).map(drop),
        None => must(ts, obj, &n.__delattr__, std::slice::from_ref(name)).map(drop),
    }
}

fn slot_call(
    ts: &ThreadState,
    obj: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let m = obj
        .class()
        .lookup(ts, &names().__call__)
        .ok_or_else(|| ts.type_error(format!("'{}' object is not callable", obj.class().name())))?;
    let mut v = Vec::with_capacity(args.len() + 1);
    v.push(obj.clone());
    v.extend_from_slice(args);
    protocols::call_unbound(ts, &m, obj, &v, kw)
}

fn slot_hash(ts: &ThreadState, obj: &Value) -> PyResult<i64> {
    let n = names();
    let Some(h) = obj.class().lookup(ts, &n.__hash__) else {
        return object_type::hash_not_implemented(ts, obj);
    };
    if h.is_none() {
        return object_type::hash_not_implemented(ts, obj);
    }
    let r = protocols::call_method_descr(ts, &h, obj, &[])?;
    match crate::objects::int::as_int(&r) {
        Some(i) => Ok(match i.to_i64() {
            Some(-1) => -2,
            Some(x) => x,
            None => crate::objects::int::hash_int(i),
        }),
        None => Err(ts.type_error("__hash__ method should return an integer")),
    }
}

fn slot_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let name = ts.intern(op.dunder());
    match a.class().lookup(ts, &name) {
        Some(m) => protocols::call_method_descr(ts, &m, a, std::slice::from_ref(b)),
        None => Ok(not_implemented()),
    }
}

fn slot_iter(ts: &ThreadState, obj: &Value) -> PyResult<Value> {
    let n = names();
    match obj.class().lookup(ts, &n.__iter__) {
        Some(m) if m.is_none() => {
            Err(ts.type_error(format!("'{}' object is not iterable", obj.class().name())))
        }
        Some(m) => protocols::call_method_descr(ts, &m, obj, &[]),
        None => Err(ts.type_error(format!("'{}' object is not iterable", obj.class().name()))),
    }
}

/// `__next__`: its StopIteration is passed on (with its value), as CPython's slot does.
fn slot_iternext(ts: &ThreadState, obj: &Value) -> PyResult<Option<Value>> {
    must(ts, obj, &names().__next__, &[]).map(Some)
}

fn check_str(ts: &ThreadState, r: Value, what: &str) -> PyResult<Value> {
    if r.downcast::<crate::objects::str::PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "{what} returned non-string (type {})",
            r.class().name()
        )));
    }
    Ok(r)
}

fn slot_repr(ts: &ThreadState, obj: &Value) -> PyResult<Value> {
    let r = must(ts, obj, &names().__repr__, &[])?;
    check_str(ts, r, "__repr__")
}

fn slot_str(ts: &ThreadState, obj: &Value) -> PyResult<Value> {
    let r = must(ts, obj, &names().__str__, &[])?;
    check_str(ts, r, "__str__")
}

fn slot_descr_get(ts: &ThreadState, d: &Value, obj: Option<&Value>, ty: &Value) -> PyResult<Value> {
    let o = obj.cloned().unwrap_or_else(crate::runtime::none);
    must(ts, d, &names().__get__, &[o, ty.clone()])
}

fn slot_descr_set(ts: &ThreadState, d: &Value, obj: &Value, v: Option<Value>) -> PyResult<()> {
    let n = names();
    match v {
        Some(x) => must(ts, d, &n.__set__, &[obj.clone(), x]).map(drop),
        None => must(ts, d, &n.__delete__, std::slice::from_ref(obj)).map(drop),
    }
}

fn slot_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let f = protocols::get_attr(ts, cls, &names().__new__)?;
    let mut v = Vec::with_capacity(args.len() + 1);
    v.push(cls.clone());
    v.extend_from_slice(args);
    protocols::call(ts, &f, &v, kw)
}

fn slot_init(ts: &ThreadState, obj: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    let m = obj
        .class()
        .lookup(ts, &names().__init__)
        .ok_or_else(|| ts.attribute_error("__init__"))?;
    // `(self, *args)` on the stack for the common arities: no Vec per instance creation.
    let call = |v: &[Value]| protocols::call_unbound(ts, &m, obj, v, kw);
    let o = || obj.clone();
    let r = match args {
        [] => call(&[o()]),
        [a] => call(&[o(), a.clone()]),
        [a, b] => call(&[o(), a.clone(), b.clone()]),
        [a, b, c] => call(&[o(), a.clone(), b.clone(), c.clone()]),
        [a, b, c, d] => call(&[o(), a.clone(), b.clone(), c.clone(), d.clone()]),
        _ => {
            let mut v = Vec::with_capacity(args.len() + 1);
            v.push(o());
            v.extend_from_slice(args);
            call(&v)
        }
    }?;
    if !r.is_none() {
        return Err(ts.type_error(format!(
            "__init__() should return None, not '{}'",
            r.class().name()
        )));
    }
    Ok(())
}

fn method_overloaded(ts: &ThreadState, ta: &PyType, tb: &PyType, name: &Value) -> bool {
    match (tb.lookup(ts, name), ta.lookup(ts, name)) {
        (Some(x), Some(y)) => !x.is(&y),
        (Some(_), None) => true,
        _ => false,
    }
}

/// CPython's SLOT1BINFULL: both directions of a binary operator on Python classes.
fn slot_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let (ta, tb) = (a.class(), b.class());
    let (dn, rdn) = (ts.intern(op.dunder()), ts.intern(op.rdunder()));
    let mut do_other =
        !ta.is(tb) && tb.slots.binary.is(slot_binary) && tb.lookup(ts, &rdn).is_some();
    if ta.slots.binary.is(slot_binary) {
        if do_other && tb.is_subtype(ta) && method_overloaded(ts, ta, tb, &rdn) {
            let r =
                call_dunder(ts, b, &rdn, std::slice::from_ref(a))?.unwrap_or_else(not_implemented);
            if !r.is_not_implemented() {
                return Ok(r);
            }
            do_other = false;
        }
        let r = call_dunder(ts, a, &dn, std::slice::from_ref(b))?.unwrap_or_else(not_implemented);
        if !r.is_not_implemented() || ta.is(tb) {
            return Ok(r);
        }
    }
    if do_other {
        return Ok(
            call_dunder(ts, b, &rdn, std::slice::from_ref(a))?.unwrap_or_else(not_implemented)
        );
    }
    Ok(not_implemented())
}

fn slot_inplace(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let n = ts.intern(op.idunder());
    match a.class().lookup(ts, &n) {
        Some(m) if !m.is_none() => protocols::call_method_descr(ts, &m, a, std::slice::from_ref(b)),
        _ => Ok(not_implemented()),
    }
}

fn slot_unary(ts: &ThreadState, a: &Value, op: UnaryOp) -> PyResult<Value> {
    let n = ts.intern(op.dunder());
    call_dunder(ts, a, &n, &[])?.ok_or_else(|| {
        ts.type_error(format!(
            "bad operand type for {}: '{}'",
            op.symbol(),
            a.class().name()
        ))
    })
}

fn slot_index(ts: &ThreadState, a: &Value) -> PyResult<Value> {
    let r = must(ts, a, &names().__index__, &[])?;
    if crate::objects::int::as_int(&r).is_none() {
        return Err(ts.type_error(format!(
            "__index__ returned non-int (type {})",
            r.class().name()
        )));
    }
    exact_int(ts, a, r, "__index__")
}

/// A strict `int` subclass instance returned by `__int__`/`__index__`: deprecated (a
/// DeprecationWarning, as CPython's PyNumber_Index/PyNumber_Long give), then an exact int.
fn exact_int(ts: &ThreadState, a: &Value, r: Value, dunder: &str) -> PyResult<Value> {
    if r.is_inline_int() || r.class().is(types().int) {
        return Ok(r);
    }
    warn_subclass(ts, a, &r, dunder, "int")?;
    Ok(match crate::objects::int::as_int(&r) {
        Some(crate::objects::int::IntVal::Small(i)) => ts.new_int(i),
        Some(crate::objects::int::IntVal::Big(b)) => ts.new_bigint(b.clone()),
        None => r,
    })
}

/// "X.__float__ returned non-float (type Y).  The ability to return ... is deprecated"
/// (CPython names the class X for `__float__` only).
fn warn_subclass(ts: &ThreadState, a: &Value, r: &Value, dunder: &str, t: &str) -> PyResult<()> {
    let owner = if t == "float" {
        format!("{}.", a.class().name())
    } else {
        String::new()
    };
    let msg = format!(
        "{owner}{dunder} returned non-{t} (type {}).  The ability to return an instance of a \
         strict subclass of {t} is deprecated, and may be removed in a future version of Python.",
        r.class().name()
    );
    let w = crate::import::import_module(ts, "warnings")?;
    let warn = protocols::get_attr_str(ts, &w, "warn")?;
    let cat = types().exc.deprecation_warning.to_value();
    protocols::call(ts, &warn, &[ts.new_str(&msg), cat, ts.new_int(1)], None)?;
    Ok(())
}

fn slot_int(ts: &ThreadState, a: &Value) -> PyResult<Value> {
    let r = must(ts, a, &names().__int__, &[])?;
    if crate::objects::int::as_int(&r).is_none() {
        return Err(ts.type_error(format!(
            "__int__ returned non-int (type {})",
            r.class().name()
        )));
    }
    exact_int(ts, a, r, "__int__")
}

fn slot_float(ts: &ThreadState, a: &Value) -> PyResult<Value> {
    let r = must(ts, a, &names().__float__, &[])?;
    if r.downcast::<crate::objects::float::PyFloat>().is_none() {
        return Err(ts.type_error(format!(
            "{}.__float__ returned non-float (type {})",
            a.class().name(),
            r.class().name()
        )));
    }
    if !r.class().is(types().float) {
        warn_subclass(ts, a, &r, "__float__", "float")?;
        let v = r
            .downcast::<crate::objects::float::PyFloat>()
            .map_or(0.0, |f| f.v);
        return Ok(ts.new_float(v));
    }
    Ok(r)
}

fn slot_bool(ts: &ThreadState, a: &Value) -> PyResult<bool> {
    let n = names();
    let Some(m) = a.class().lookup(ts, &n.__bool__) else {
        return Ok(true);
    };
    if m.is_none() {
        return Err(ts.type_error(format!(
            "'{}' cannot be interpreted as a boolean",
            a.class().name()
        )));
    }
    let r = protocols::call_method_descr(ts, &m, a, &[])?;
    if r.is_true_obj() {
        return Ok(true);
    }
    if r.is_false_obj() {
        return Ok(false);
    }
    Err(ts.type_error(format!(
        "__bool__ should return bool, returned {}",
        r.class().name()
    )))
}

fn slot_len(ts: &ThreadState, a: &Value) -> PyResult<usize> {
    let r = must(ts, a, &names().__len__, &[])?;
    // A length too large for an index is an OverflowError here (CPython's PyNumber_AsSsize_t
    // with OverflowError), not try_index's IndexError.
    let i = protocols::try_index(ts, &r).map_err(|e| {
        if e.matches(crate::runtime::types().exc.index_error) {
            ts.overflow_error("cannot fit 'int' into an index-sized integer")
        } else {
            e
        }
    })?;
    let Some(i) = i else {
        return Err(ts.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            r.class().name()
        )));
    };
    if i < 0 {
        return Err(ts.value_error("__len__() should return >= 0"));
    }
    Ok(i as usize)
}

fn slot_getitem(ts: &ThreadState, a: &Value, k: &Value) -> PyResult<Value> {
    must(ts, a, &names().__getitem__, std::slice::from_ref(k))
}

fn slot_setitem(ts: &ThreadState, a: &Value, k: &Value, v: Option<Value>) -> PyResult<()> {
    let n = names();
    match v {
        Some(x) => must(ts, a, &n.__setitem__, &[k.clone(), x]).map(drop),
        None => must(ts, a, &n.__delitem__, std::slice::from_ref(k)).map(drop),
    }
}

fn slot_contains(ts: &ThreadState, a: &Value, k: &Value) -> PyResult<bool> {
    let n = names();
    match a.class().lookup(ts, &n.__contains__) {
        Some(m) if !m.is_none() => {
            let r = protocols::call_method_descr(ts, &m, a, std::slice::from_ref(k))?;
            protocols::is_true(ts, &r)
        }
        _ => protocols::contains_by_iteration(ts, a, k),
    }
}

/// The class on `t`'s MRO that first defines one of `dunders`.
fn definer<'a>(ts: &ThreadState, t: &'a PyType, dunders: &[&str]) -> Option<&'a PyType> {
    let keys: Vec<Value> = dunders.iter().map(|d| ts.intern(d)).collect();
    t.mro()
        .iter()
        .map(|c| c.as_type())
        .find(|c| keys.iter().any(|k| c.dict().get_item_str(ts, k).is_some()))
}

macro_rules! fix {
    ($ts:expr, $t:expr, $slot:ident, $disp:expr, [$($d:expr),*]) => {{
        match definer($ts, $t, &[$($d),*]) {
            Some(c) if c.is_heap() => $t.slots.$slot.set(Some($disp)),
            Some(c) => $t.slots.$slot.set(c.slots.$slot.get()),
            None => {
                // Inherit from the builtin layout base (slots that have no dunder, e.g. a
                // builtin `iternext` reached through a base without `__next__` in its dict).
                let b = $t.mro().iter().map(|c| c.as_type()).find(|c| !c.is_heap());
                $t.slots.$slot.set(b.and_then(|b| b.slots.$slot.get()));
            }
        }
    }};
}

/// Fills the slots of a Python class from its MRO.
pub fn fix_slots(ts: &ThreadState, t: &PyType) {
    fix!(
        ts,
        t,
        getattro,
        slot_getattro,
        ["__getattribute__", "__getattr__"]
    );
    // A class that only adds `__getattr__` keeps the fast generic path until it's needed.
    fix!(
        ts,
        t,
        setattro,
        slot_setattro,
        ["__setattr__", "__delattr__"]
    );
    fix!(ts, t, call, slot_call, ["__call__"]);
    fix!(ts, t, hash, slot_hash, ["__hash__"]);
    fix!(
        ts,
        t,
        richcompare,
        slot_richcompare,
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"]
    );
    fix!(ts, t, iter, slot_iter, ["__iter__"]);
    fix!(ts, t, iternext, slot_iternext, ["__next__"]);
    fix!(ts, t, repr, slot_repr, ["__repr__"]);
    fix!(ts, t, str, slot_str, ["__str__"]);
    fix!(ts, t, descr_get, slot_descr_get, ["__get__"]);
    fix!(ts, t, descr_set, slot_descr_set, ["__set__", "__delete__"]);
    fix!(ts, t, new, slot_new, ["__new__"]);
    fix!(ts, t, init, slot_init, ["__init__"]);
    fix!(
        ts,
        t,
        binary,
        slot_binary,
        [
            "__add__",
            "__radd__",
            "__sub__",
            "__rsub__",
            "__mul__",
            "__rmul__",
            "__truediv__",
            "__rtruediv__",
            "__floordiv__",
            "__rfloordiv__",
            "__mod__",
            "__rmod__",
            "__pow__",
            "__rpow__",
            "__lshift__",
            "__rlshift__",
            "__rshift__",
            "__rrshift__",
            "__and__",
            "__rand__",
            "__or__",
            "__ror__",
            "__xor__",
            "__rxor__",
            "__matmul__",
            "__rmatmul__"
        ]
    );
    fix!(
        ts,
        t,
        inplace,
        slot_inplace,
        [
            "__iadd__",
            "__isub__",
            "__imul__",
            "__itruediv__",
            "__ifloordiv__",
            "__imod__",
            "__ipow__",
            "__ilshift__",
            "__irshift__",
            "__iand__",
            "__ior__",
            "__ixor__",
            "__imatmul__"
        ]
    );
    fix!(
        ts,
        t,
        unary,
        slot_unary,
        ["__neg__", "__pos__", "__invert__", "__abs__"]
    );
    fix!(ts, t, index, slot_index, ["__index__"]);
    fix!(ts, t, int, slot_int, ["__int__"]);
    fix!(ts, t, float, slot_float, ["__float__"]);
    fix!(ts, t, bool, slot_bool, ["__bool__"]);
    fix!(ts, t, len, slot_len, ["__len__"]);
    fix!(ts, t, getitem, slot_getitem, ["__getitem__"]);
    fix!(ts, t, setitem, slot_setitem, ["__setitem__", "__delitem__"]);
    fix!(ts, t, contains, slot_contains, ["__contains__"]);
    // The builtin base may provide protocol slots without dunders in its own dict yet.
    if let Some(b) = t.mro().iter().map(|c| c.as_type()).find(|c| !c.is_heap()) {
        t.slots.inherit(&b.slots);
    }
    let _ = py_bool(true);
}

/// A dunder was assigned on class `t`: recompute its slots.
pub fn update_slots(ts: &ThreadState, t: &PyType) {
    fix_slots(ts, t);
    // Subclasses inherit the slot unless they define the name themselves (CPython's
    // `update_subclasses`): `Base.__new__ = f` must reach every existing subclass too.
    let mut pending = t.subclasses(ts);
    while let Some(sub) = pending.pop() {
        let st = sub.as_type();
        fix_slots(ts, st);
        pending.extend(st.subclasses(ts));
    }
}
