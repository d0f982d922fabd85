//! `collections.defaultdict` and `_count_elements` (CPython's `defdict_*` and
//! `_collections__count_elements_impl`).
//!
//! A defaultdict is a `dict` plus one field, `default_factory`. The VM's native types can't
//! yet add instance fields to a builtin layout, so the class is made at run time as a `dict`
//! subclass with `__slots__ = ('default_factory',)` (the field is then a member descriptor,
//! as in CPython) whose methods are native. The class is made once and kept for the life of
//! the process. Unlike CPython's static type, its attributes can be reassigned.

use std::sync::OnceLock;
use vm::builtins::args::MethodArgs;
use vm::objects::descr::{add_getset, add_method};
use vm::objects::dict::PyDict;
use vm::objects::slots::BinOp;
use vm::objects::typeobj::PyType;
use vm::protocols;
use vm::runtime::{none, not_implemented, types};
use vm::{PyResult, ThreadState, Value};

const DOC: &str = "defaultdict(default_factory=None, /, [...]) --> dict with default factory

The default factory is called without arguments to produce
a new value when a key is not present, in __getitem__ only.
A defaultdict compares equal to a dict with the same items.
All remaining arguments are treated the same as if they were
passed to the dict constructor, including keyword arguments.
";

/// The class, made on first import and never freed (its methods' descriptors borrow it).
static CLASS: OnceLock<Value> = OnceLock::new();
/// The `__slots__` member descriptor that stores `default_factory`, replaced in the class by
/// a getset that reads an unset or deleted field as None (CPython's `T_OBJECT` member).
static MEMBER: OnceLock<Value> = OnceLock::new();

pub(crate) fn defaultdict_class(ts: &ThreadState) -> PyResult<Value> {
    if let Some(c) = CLASS.get() {
        return Ok(c.clone());
    }
    let ns = PyDict::new_value(ts)?;
    let nsd = ns
        .downcast::<PyDict>()
        .ok_or_else(|| ts.runtime_error("namespace is not a dict"))?;
    nsd.set_str(ts, "__module__", ts.new_str("collections"));
    nsd.set_str(ts, "__qualname__", ts.new_str("defaultdict"));
    nsd.set_str(ts, "__doc__", ts.new_str(DOC));
    nsd.set_str(
        ts,
        "__slots__",
        ts.new_tuple(vec![ts.new_str("default_factory")]),
    );
    let cls = protocols::call(
        ts,
        &types().type_.to_value(),
        &[
            ts.new_str("defaultdict"),
            ts.new_tuple(vec![types().dict.to_value()]),
            ns,
        ],
        None,
    )?;
    // Keep the class alive for good before its descriptors borrow it (`add_method`).
    let cls = CLASS.get_or_init(|| cls).clone();
    let ty: &PyType = cls.as_type();
    if let Some(m) = ty.dict().get_str(ts, "default_factory") {
        let _ = MEMBER.set(m);
    }
    add_getset(ts, ty, "default_factory", g_factory, Some(s_factory));
    let methods: [(&str, vm::objects::descr::MethodFn); 8] = [
        ("__init__", m_init),
        ("__missing__", m_missing),
        ("__repr__", m_repr),
        ("copy", m_copy),
        ("__copy__", m_copy),
        ("__reduce__", m_reduce),
        ("__or__", m_or),
        ("__ror__", m_ror),
    ];
    for (name, f) in methods {
        add_method(ts, ty, name, f);
        // Re-set through `type.__setattr__` so the class's slots (repr, init, |) follow.
        if let Some(d) = ty.dict().get_str(ts, name) {
            protocols::set_attr(ts, &cls, &ts.intern(name), d)?;
        }
    }
    Ok(cls)
}

fn member(ts: &ThreadState) -> PyResult<&'static Value> {
    MEMBER
        .get()
        .ok_or_else(|| ts.runtime_error("defaultdict has no default_factory slot"))
}

/// `self.default_factory`, None when unset.
fn factory(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let m = member(ts)?;
    let get = m
        .class()
        .slots
        .descr_get
        .get()
        .ok_or_else(|| ts.runtime_error("slot member has no __get__"))?;
    match get(ts, m, Some(v), &v.class().to_value()) {
        Err(e) if e.matches(types().exc.attribute_error) => Ok(none()),
        r => r,
    }
}

fn g_factory(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    factory(ts, v)
}

fn s_factory(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let m = member(ts)?;
    let set = m
        .class()
        .slots
        .descr_set
        .get()
        .ok_or_else(|| ts.runtime_error("slot member has no __set__"))?;
    set(ts, m, v, Some(x.unwrap_or_else(none)))
}

fn check(ts: &ThreadState, v: &Value) -> PyResult<()> {
    let cls = defaultdict_class(ts)?;
    if v.class().is_subtype(cls.as_type()) {
        Ok(())
    } else {
        Err(ts.type_error(format!(
            "descriptor requires a 'collections.defaultdict' object but received a '{}'",
            v.class().name()
        )))
    }
}

fn m_init(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    check(ts, s)?;
    let pos = a.positional();
    let (f, rest) = match pos.first() {
        Some(f) => (f.clone(), &a.args[1..]),
        None => (none(), a.args),
    };
    if !f.is_none() && !protocols::is_callable(&f) {
        return Err(ts.type_error("first argument must be callable or None"));
    }
    s_factory(ts, s, Some(f))?;
    let init = types()
        .dict
        .slots
        .init
        .get()
        .ok_or_else(|| ts.runtime_error("dict has no __init__"))?;
    init(ts, s, rest, a.kwnames)?;
    Ok(none())
}

fn m_missing(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [key] = a.parse::<1>(ts, "__missing__", &[""], 1)?;
    let key = key.unwrap_or_else(none);
    let f = factory(ts, s)?;
    if f.is_none() {
        return Err(ts.key_error(key));
    }
    let v = protocols::call(ts, &f, &[], None)?;
    // As CPython 3.14 (`PyDict_SetDefaultRef`): a value the factory itself stored wins.
    if let Some(d) = s.downcast::<PyDict>() {
        if let Some(old) = d.get_item(ts, &key)? {
            return Ok(old);
        }
        d.set_item(ts, key, v.clone())?;
        return Ok(v);
    }
    protocols::set_item(ts, s, &key, v.clone())?;
    Ok(v)
}

fn m_repr(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__repr__")?;
    let dict_repr = types()
        .dict
        .slots
        .repr
        .get()
        .ok_or_else(|| ts.runtime_error("dict has no repr"))?;
    let body = protocols::str_string(ts, &dict_repr(ts, s)?)?;
    let f = factory(ts, s)?;
    let frepr = if f.is_none() {
        "None".to_string()
    } else {
        match ts.repr_enter(&f) {
            None => "...".to_string(),
            Some(_g) => protocols::repr_string(ts, &f)?,
        }
    };
    let name = s.class().name();
    let name = name.rsplit_once('.').map_or(name.as_str(), |(_, n)| n);
    Ok(ts.new_str(&format!("{name}({frepr}, {body})")))
}

/// `type(of)(of.default_factory, src)`: CPython's `new_defdict`.
fn new_like(ts: &ThreadState, of: &Value, src: &Value) -> PyResult<Value> {
    let f = factory(ts, of)?;
    protocols::call(ts, &of.class().to_value(), &[f, src.clone()], None)
}

fn m_copy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "copy")?;
    check(ts, s)?;
    new_like(ts, s, s)
}

fn m_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    check(ts, s)?;
    let f = factory(ts, s)?;
    let args = if f.is_none() {
        ts.new_tuple(vec![])
    } else {
        ts.new_tuple(vec![f])
    };
    let items = protocols::call_method(ts, s, "items", &[])?;
    let it = protocols::get_iter(ts, &items)?;
    Ok(ts.new_tuple(vec![s.class().to_value(), args, none(), none(), it]))
}

/// `left | right` where `dd` (one of them) is the defaultdict.
fn or(ts: &ThreadState, dd: &Value, left: &Value, right: &Value) -> PyResult<Value> {
    let other = if dd.is(left) { right } else { left };
    if other.downcast::<PyDict>().is_none() {
        return Ok(not_implemented());
    }
    let new = new_like(ts, dd, left)?;
    protocols::call_method(ts, &new, "update", std::slice::from_ref(right))?;
    Ok(new)
}

fn m_or(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, BinOp::Or.dunder(), &[""], 1)?;
    or(ts, s, s, &o.unwrap_or_else(none))
}

fn m_ror(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, BinOp::Or.rdunder(), &[""], 1)?;
    or(ts, s, &o.unwrap_or_else(none), s)
}

/// `_count_elements(mapping, iterable)`: `mapping[x] = mapping.get(x, 0) + 1` for each item,
/// on a plain dict's storage directly when `mapping` keeps dict's `get` and `__setitem__`.
pub(crate) fn count_elements(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [mapping, iterable] = a.parse::<2>(ts, "_count_elements", &["", ""], 2)?;
    let (mapping, iterable) = (mapping.unwrap_or_else(none), iterable.unwrap_or_else(none));
    let it = protocols::get_iter(ts, &iterable)?;
    let one = ts.new_int(1);
    let dict_ty = types().dict;
    let plain = mapping.downcast::<PyDict>().filter(|_| {
        let cls = mapping.class();
        ["get", "__setitem__"].iter().all(|n| {
            match (cls.lookup_str(ts, n), dict_ty.lookup_str(ts, n)) {
                (Some(x), Some(y)) => x.is(&y),
                _ => false,
            }
        })
    });
    if let Some(d) = plain {
        while let Some(x) = protocols::next(ts, &it)? {
            let n = match d.get_item(ts, &x)? {
                Some(old) => protocols::binary_op(ts, &old, &one, BinOp::Add)?,
                None => one.clone(),
            };
            d.set_item(ts, x, n)?;
        }
        return Ok(none());
    }
    let get = protocols::get_attr_str(ts, &mapping, "get")?;
    let zero = ts.new_int(0);
    while let Some(x) = protocols::next(ts, &it)? {
        let old = protocols::call(ts, &get, &[x.clone(), zero.clone()], None)?;
        let n = protocols::binary_op(ts, &old, &one, BinOp::Add)?;
        protocols::set_item(ts, &mapping, &x, n)?;
    }
    Ok(none())
}
