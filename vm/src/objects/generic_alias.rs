//! `types.GenericAlias` (`list[int]`) and `types.UnionType` (`int | str`), the parts the
//! standard library relies on: repr, `__origin__`/`__args__`/`__parameters__`, calling,
//! `isinstance` with unions, equality and hashing, `__mro_entries__`.

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::seq::trace_value;
use crate::objects::slots::{BinOp, CmpOp};
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{none, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;

pub struct PyGenericAlias {
    pub origin: Value,
    pub args: Value,
}

impl PyPayload for PyGenericAlias {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.origin, t);
        trace_value(&self.args, t);
    }
}

pub fn new_generic_alias(ts: &ThreadState, origin: Value, args: Value) -> PyResult<Value> {
    let args = if args.downcast::<PyTuple>().is_some() {
        args
    } else {
        ts.new_tuple(vec![args])
    };
    crate::object::alloc(ts, types().generic_alias, PyGenericAlias { origin, args })
}

/// `repr()` of a type argument as typing shows it.
pub fn type_repr(ts: &ThreadState, v: &Value) -> PyResult<String> {
    if v.is_none() {
        return Ok("None".into());
    }
    if v.is(&crate::runtime::ellipsis()) {
        return Ok("...".into());
    }
    if v.is_type() {
        let t = v.as_type();
        let q = crate::objects::str::str_lossy(&t.qualname(ts));
        let module = if t.is_heap() {
            t.dict()
                .get_item_str(ts, &crate::runtime::names().__module__)
                .map(|m| crate::objects::str::str_lossy(&m))
        } else {
            None
        };
        return Ok(match module {
            Some(m) if m != "builtins" => format!("{m}.{q}"),
            // A static type's name is "module.qualname" unless it is a builtin.
            _ => t.name(),
        });
    }
    if let Some(l) = v.downcast::<crate::objects::list::PyList>() {
        let items: PyResult<Vec<String>> = l.to_vec(ts).iter().map(|x| type_repr(ts, x)).collect();
        return Ok(format!("[{}]", items?.join(", ")));
    }
    protocols::repr_string(ts, v)
}

fn ga_of(v: &Value) -> &PyGenericAlias {
    // SAFETY: slots installed on types.GenericAlias only.
    unsafe { v.payload_unchecked::<PyGenericAlias>() }
}

fn ga_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let g = ga_of(v);
    let args = g.args.as_tuple_slice();
    let inner = if args.is_empty() {
        "()".to_string()
    } else {
        let parts: PyResult<Vec<String>> = args.iter().map(|a| type_repr(ts, a)).collect();
        parts?.join(", ")
    };
    Ok(ts.new_str(&format!("{}[{inner}]", type_repr(ts, &g.origin)?)))
}

fn ga_call(ts: &ThreadState, v: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let g = ga_of(v);
    let r = protocols::call(ts, &g.origin, args, kw)?;
    let _ = protocols::set_attr(ts, &r, &ts.intern("__orig_class__"), v.clone());
    Ok(r)
}

fn ga_getattro(ts: &ThreadState, v: &Value, name: &Value) -> PyResult<Value> {
    let n = crate::objects::str::str_lossy(name);
    let g = ga_of(v);
    match n.as_str() {
        "__origin__" => return Ok(g.origin.clone()),
        "__args__" => return Ok(g.args.clone()),
        "__parameters__" => return collect_parameters(ts, g.args.as_tuple_slice()),
        "__unpacked__" => return Ok(py_bool(false)),
        "__class__" => return Ok(v.class().to_value()),
        _ => {}
    }
    if let Some(x) = crate::objects::object_type::generic_getattr_opt(ts, v, name)? {
        return Ok(x);
    }
    if n.starts_with("__") && n.ends_with("__") {
        return Err(ts.attribute_error_no_attr(v, name));
    }
    protocols::get_attr(ts, &g.origin, name)
}

fn ga_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (
        a.downcast::<PyGenericAlias>(),
        b.downcast::<PyGenericAlias>(),
    ) else {
        return Ok(not_implemented());
    };
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(not_implemented());
    }
    let eq = protocols::eq(ts, &x.origin, &y.origin)? && protocols::eq(ts, &x.args, &y.args)?;
    Ok(py_bool(eq == (op == CmpOp::Eq)))
}

fn ga_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let g = ga_of(v);
    Ok(protocols::hash(ts, &g.origin)? ^ protocols::hash(ts, &g.args)?)
}

fn ga_getitem(ts: &ThreadState, v: &Value, k: &Value) -> PyResult<Value> {
    let g = ga_of(v);
    let args = subs_parameters(ts, v, k)?;
    new_generic_alias(ts, g.origin.clone(), args)
}

/// The `__args__` of `alias[item]` (substituting its type parameters), computed by
/// `_typing._subs_parameters` as CPython's `_Py_subs_parameters`.
fn subs_parameters(ts: &ThreadState, alias: &Value, item: &Value) -> PyResult<Value> {
    let typing = crate::import::import_module(ts, "_typing")?;
    let f = protocols::get_attr_str(ts, &typing, "_subs_parameters")?;
    protocols::call(ts, &f, &[alias.clone(), item.clone()], None)
}

/// `(T | int)[str]`.
fn union_getitem(ts: &ThreadState, v: &Value, k: &Value) -> PyResult<Value> {
    let args = subs_parameters(ts, v, k)?;
    let getitem = protocols::get_attr_str(ts, &types().union.to_value(), "__class_getitem__")?;
    protocols::call(ts, &getitem, &[args], None)
}

fn ga_mro_entries(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_tuple(vec![ga_of(s).origin.clone()]))
}

fn ga_instancecheck(ts: &ThreadState, _s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Err(ts.type_error("isinstance() argument 2 cannot be a parameterized generic"))
}

fn ga_new(ts: &ThreadState, cls: &Value, args: &[Value], _kw: Option<&PyTuple>) -> PyResult<Value> {
    let [origin, a] = args else {
        return Err(ts.type_error("GenericAlias expected 2 arguments"));
    };
    let args = if a.downcast::<PyTuple>().is_some() {
        a.clone()
    } else {
        ts.new_tuple(vec![a.clone()])
    };
    // `cls` may be a subclass (`collections.abc._CallableGenericAlias`).
    let g = PyGenericAlias {
        origin: origin.clone(),
        args,
    };
    crate::object::alloc(ts, cls.as_type(), g)
}

/// `cls[args]` for builtin generic classes (`__class_getitem__`).
pub fn class_getitem(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "__class_getitem__", &[""], 1)?;
    new_generic_alias(ts, cls.clone(), x.expect("required"))
}

// --- unions ---

pub struct PyUnion {
    pub args: Value,
}

impl PyPayload for PyUnion {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.args, t);
    }
}

fn union_items(v: &Value) -> Vec<Value> {
    match v.downcast::<PyUnion>() {
        Some(u) => u.args.as_tuple_slice().to_vec(),
        None => vec![if v.is_none() {
            types().none.to_value()
        } else {
            v.clone()
        }],
    }
}

/// `a | b` for types, None and unions.
pub fn make_union(ts: &ThreadState, a: &Value, b: &Value) -> PyResult<Value> {
    let ok = |v: &Value| {
        v.is_none()
            || v.is_type()
            || v.downcast::<PyUnion>().is_some()
            || v.downcast::<PyGenericAlias>().is_some()
    };
    if !ok(a) || !ok(b) {
        return Ok(not_implemented());
    }
    let mut items: Vec<Value> = Vec::new();
    for x in union_items(a).into_iter().chain(union_items(b)) {
        if !items.iter().any(|y| y.is(&x)) {
            items.push(x);
        }
    }
    if items.len() == 1 {
        return Ok(items.pop().expect("one"));
    }
    crate::object::alloc(
        ts,
        types().union,
        PyUnion {
            args: ts.new_tuple(items),
        },
    )
}

fn union_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if op != BinOp::Or {
        return Ok(not_implemented());
    }
    make_union(ts, a, b)
}

fn union_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let items = v
        .downcast::<PyUnion>()
        .map(|u| u.args.as_tuple_slice().to_vec())
        .unwrap_or_default();
    let parts: PyResult<Vec<String>> = items
        .iter()
        .map(|x| {
            if x.is(&types().none.to_value()) {
                Ok("None".to_string())
            } else {
                type_repr(ts, x)
            }
        })
        .collect();
    Ok(ts.new_str(&parts?.join(" | ")))
}

/// `typing.Union[X, Y, ...]`: any objects (type parameters, typing's aliases, strings as
/// forward references), nested unions flattened, duplicates dropped, one member returned as is.
fn union_class_getitem(ts: &ThreadState, _cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "__class_getitem__", &[""], 1)?;
    let x = x.expect("required");
    let args = match x.downcast::<PyTuple>() {
        Some(t) => t.as_slice().to_vec(),
        None => vec![x],
    };
    if args.is_empty() {
        return Err(ts.type_error("Cannot take a Union of no types."));
    }
    let mut items: Vec<Value> = Vec::new();
    for a in args {
        let a = if a.downcast::<crate::objects::str::PyStr>().is_some() {
            let typing = crate::import::import_module(ts, "typing")?;
            let conv = protocols::get_attr_str(ts, &typing, "_type_convert")?;
            protocols::call(ts, &conv, &[a], None)?
        } else {
            a
        };
        for m in union_items(&a) {
            let mut dup = false;
            for y in &items {
                if y.is(&m) || protocols::eq(ts, y, &m)? {
                    dup = true;
                    break;
                }
            }
            if !dup {
                items.push(m);
            }
        }
    }
    if items.len() == 1 {
        return Ok(items.pop().expect("one"));
    }
    crate::object::alloc(
        ts,
        types().union,
        PyUnion {
            args: ts.new_tuple(items),
        },
    )
}

/// `__parameters__` of a union or alias: the type parameters among (and inside) `args`.
fn collect_parameters(ts: &ThreadState, args: &[Value]) -> PyResult<Value> {
    let mut out: Vec<Value> = Vec::new();
    let subst = ts.intern("__typing_subst__");
    let params = ts.intern("__parameters__");
    for a in args {
        if a.is_type() {
            continue;
        }
        let found: Vec<Value> = if protocols::get_attr_opt(ts, a, &subst)?.is_some() {
            vec![a.clone()]
        } else if let Some(p) = protocols::get_attr_opt(ts, a, &params)? {
            p.as_tuple_slice().to_vec()
        } else {
            vec![]
        };
        for p in found {
            if !out.iter().any(|y| y.is(&p)) {
                out.push(p);
            }
        }
    }
    Ok(ts.new_tuple(out))
}

fn union_getattro(ts: &ThreadState, v: &Value, name: &Value) -> PyResult<Value> {
    let n = crate::objects::str::str_lossy(name);
    let u = v
        .downcast::<PyUnion>()
        .ok_or_else(|| ts.type_error("union"))?;
    match n.as_str() {
        "__args__" => Ok(u.args.clone()),
        "__parameters__" => collect_parameters(ts, u.args.as_tuple_slice()),
        "__origin__" => Ok(types().union.to_value()),
        _ => crate::objects::object_type::generic_getattr(ts, v, name),
    }
}

fn union_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<PyUnion>(), b.downcast::<PyUnion>()) else {
        return Ok(not_implemented());
    };
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(not_implemented());
    }
    let sx = crate::objects::set::new_frozenset(ts, x.args.as_tuple_slice().to_vec())?;
    let sy = crate::objects::set::new_frozenset(ts, y.args.as_tuple_slice().to_vec())?;
    let eq = protocols::eq(ts, &sx, &sy)?;
    Ok(py_bool(eq == (op == CmpOp::Eq)))
}

fn union_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let u = v
        .downcast::<PyUnion>()
        .ok_or_else(|| ts.type_error("union"))?;
    let s = crate::objects::set::new_frozenset(ts, u.args.as_tuple_slice().to_vec())?;
    protocols::hash(ts, &s)
}

fn union_instancecheck(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "__instancecheck__", &[""], 1)?;
    let x = x.expect("required");
    for t in union_items(s) {
        if protocols::isinstance(ts, &x, &t)? {
            return Ok(py_bool(true));
        }
    }
    Ok(py_bool(false))
}

fn union_subclasscheck(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "__subclasscheck__", &[""], 1)?;
    let x = x.expect("required");
    for t in union_items(s) {
        if protocols::issubclass(ts, &x, &t)? {
            return Ok(py_bool(true));
        }
    }
    Ok(py_bool(false))
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_classmethod, add_method};
    let g = types().generic_alias;
    g.slots.repr.set(Some(ga_repr));
    g.slots.call.set(Some(ga_call));
    g.slots.getattro.set(Some(ga_getattro));
    g.slots.richcompare.set(Some(ga_richcompare));
    g.slots.hash.set(Some(ga_hash));
    g.slots.getitem.set(Some(ga_getitem));
    g.slots.new.set(Some(ga_new));
    g.slots.binary.set(Some(union_binary));
    add_method(ts, g, "__mro_entries__", ga_mro_entries);
    add_method(ts, g, "__instancecheck__", ga_instancecheck);
    let u = types().union;
    u.slots.repr.set(Some(union_repr));
    u.slots.getattro.set(Some(union_getattro));
    u.slots.richcompare.set(Some(union_richcompare));
    u.slots.hash.set(Some(union_hash));
    u.slots.binary.set(Some(union_binary));
    u.slots.getitem.set(Some(union_getitem));
    add_method(ts, u, "__instancecheck__", union_instancecheck);
    add_method(ts, u, "__subclasscheck__", union_subclasscheck);
    add_classmethod(ts, u, "__class_getitem__", union_class_getitem);
    let t = types();
    for ty in [
        t.list,
        t.dict,
        t.tuple,
        t.set,
        t.frozenset,
        t.enumerate,
        t.dict_keys,
        t.dict_values,
        t.dict_items,
        t.bytes,
        t.bytearray,
        t.property,
        t.classmethod,
        t.staticmethod,
    ] {
        let k = ts.intern("__class_getitem__");
        if ty.dict().get_item_str(ts, &k).is_none() {
            add_classmethod(ts, ty, "__class_getitem__", class_getitem);
        }
    }
    let _ = none();
}
