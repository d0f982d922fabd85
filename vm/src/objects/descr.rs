//! Descriptors: method descriptors wrapping Rust functions (`list.append`), slot wrappers
//! (`int.__add__`, `object.__init__`), getset descriptors (`int.real`, `type.__name__`),
//! member descriptors (`__slots__`), `classmethod`, `staticmethod`, `property`, and
//! `mappingproxy` (a type's read-only `__dict__`).
//!
//! Builtin types register their Python-visible methods with [`add_method`] and friends at
//! runtime start; [`add_slot_wrappers`] then exposes every slot a builtin type fills as the
//! matching dunder (CPython's `add_operators`), so `super().__init__()`, `int.__add__(1, 2)` or
//! `object.__setattr__(self, k, v)` work.

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::builtin_func::{BuiltinKind, PyBuiltinFunction};
use crate::objects::seq::trace_value;
use crate::objects::slots::{BinOp, CmpOp, UnaryOp};
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::{none, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use std::sync::Mutex;

/// A builtin method: `fn(ts, self, args)`.
pub type MethodFn = fn(&ThreadState, &Value, MethodArgs<'_>) -> PyResult<Value>;
pub type GetterFn = fn(&ThreadState, &Value) -> PyResult<Value>;
pub type SetterFn = fn(&ThreadState, &Value, Option<Value>) -> PyResult<()>;

/// Which slot a slot wrapper calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKind {
    Init,
    Repr,
    Str,
    Hash,
    Call,
    Iter,
    Next,
    Len,
    GetItem,
    SetItem,
    DelItem,
    Contains,
    Bool,
    GetAttribute,
    SetAttr,
    DelAttr,
    Get,
    Set,
    Delete,
    Cmp(CmpOp),
    Binary(BinOp),
    RBinary(BinOp),
    IBinary(BinOp),
    Unary(UnaryOp),
    Index,
    Int,
    Float,
}

#[derive(Clone, Copy)]
pub enum DescrKind {
    Method(MethodFn),
    ClassMethod(MethodFn),
    Slot(SlotKind),
}

/// `method_descriptor`, `classmethod_descriptor`, `wrapper_descriptor`.
pub struct PyMethodDescr {
    pub name: Value,
    pub owner: &'static PyType,
    pub kind: DescrKind,
}

impl PyPayload for PyMethodDescr {
    const GC: bool = false;
}

/// `getset_descriptor`.
pub struct PyGetSet {
    pub name: Value,
    pub owner: &'static PyType,
    pub getter: GetterFn,
    pub setter: Option<SetterFn>,
}

impl PyPayload for PyGetSet {
    const GC: bool = false;
}

/// `member_descriptor` for a `__slots__` name: extra word `index` of instances of `owner`.
pub struct PyMember {
    pub name: Value,
    pub owner: Value,
    pub index: usize,
}

impl PyPayload for PyMember {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.owner, t);
    }
}

/// `classmethod` / `staticmethod` (by type).
pub struct PyClassMethod {
    pub func: Mutex<Option<Value>>,
}

impl PyPayload for PyClassMethod {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        if let Ok(g) = self.func.try_lock() {
            if let Some(v) = &*g {
                trace_value(v, t);
            }
        }
    }
    fn clear(&self) {
        let old = self.func.lock().ok().and_then(|mut g| g.take());
        drop(old);
    }
}

/// `property`.
pub struct PyProperty {
    /// fget, fset, fdel, doc, name.
    pub parts: Mutex<[Option<Value>; 5]>,
}

impl PyPayload for PyProperty {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        if let Ok(g) = self.parts.try_lock() {
            for v in g.iter().flatten() {
                trace_value(v, t);
            }
        }
    }
    fn clear(&self) {
        let old = self.parts.lock().ok().map(|mut g| std::mem::take(&mut *g));
        drop(old);
    }
}

/// `mappingproxy`.
pub struct PyMappingProxy {
    pub mapping: Value,
}

impl PyPayload for PyMappingProxy {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.mapping, t);
    }
}

pub fn new_mappingproxy(ts: &ThreadState, m: Value) -> PyResult<Value> {
    crate::object::alloc(ts, types().mappingproxy, PyMappingProxy { mapping: m })
}

// --- registration helpers ---

fn put(ts: &ThreadState, ty: &PyType, name: &str, v: PyResult<Value>) {
    match v {
        Ok(v) => {
            let k = ts.intern(name);
            let _ = ty.dict().set_item(ts, k, v);
        }
        Err(_) => std::process::abort(),
    }
}

fn owner_static(ty: &PyType) -> &'static PyType {
    // SAFETY: registration helpers run on builtin types, which are immortal.
    unsafe { &*(ty as *const PyType) }
}

pub fn add_method(ts: &ThreadState, ty: &PyType, name: &str, f: MethodFn) {
    let d = PyMethodDescr {
        name: ts.intern(name),
        owner: owner_static(ty),
        kind: DescrKind::Method(f),
    };
    put(
        ts,
        ty,
        name,
        crate::object::alloc(ts, types().method_descr, d),
    );
}

pub fn add_classmethod(ts: &ThreadState, ty: &PyType, name: &str, f: MethodFn) {
    let d = PyMethodDescr {
        name: ts.intern(name),
        owner: owner_static(ty),
        kind: DescrKind::ClassMethod(f),
    };
    put(
        ts,
        ty,
        name,
        crate::object::alloc(ts, types().classmethod_descr, d),
    );
}

/// A static method (e.g. `str.maketrans`): a builtin function in the type dict, wrapped in
/// `staticmethod`.
pub fn add_staticmethod(
    ts: &ThreadState,
    ty: &PyType,
    name: &str,
    f: crate::objects::builtin_func::BuiltinFn,
) {
    let func = crate::objects::builtin_func::new_builtin(ts, name, f);
    let sm = crate::object::alloc(
        ts,
        types().staticmethod,
        PyClassMethod {
            func: Mutex::new(Some(func)),
        },
    );
    put(ts, ty, name, sm);
}

pub fn add_getset(
    ts: &ThreadState,
    ty: &PyType,
    name: &str,
    getter: GetterFn,
    setter: Option<SetterFn>,
) {
    let d = PyGetSet {
        name: ts.intern(name),
        owner: owner_static(ty),
        getter,
        setter,
    };
    put(
        ts,
        ty,
        name,
        crate::object::alloc(ts, types().getset_descr, d),
    );
}

fn add_slot(ts: &ThreadState, ty: &PyType, name: &str, kind: SlotKind) {
    let k = ts.intern(name);
    if ty.dict().get_item_str(ts, &k).is_some() {
        return;
    }
    let d = PyMethodDescr {
        name: k,
        owner: owner_static(ty),
        kind: DescrKind::Slot(kind),
    };
    put(
        ts,
        ty,
        name,
        crate::object::alloc(ts, types().slot_wrapper, d),
    );
}

/// Exposes the slots `ty` fills itself as dunder methods (before inheritance).
pub fn add_slot_wrappers(ts: &ThreadState, ty: &PyType) {
    let s = &ty.slots;
    if s.init.is_set() {
        add_slot(ts, ty, "__init__", SlotKind::Init);
    }
    if s.new.is_set() {
        let k = ts.intern("__new__");
        if ty.dict().get_item_str(ts, &k).is_none() {
            let f = PyBuiltinFunction {
                name: k.clone(),
                kind: BuiltinKind::TypeNew(ty.to_value()),
            };
            put(
                ts,
                ty,
                "__new__",
                crate::object::alloc(ts, types().builtin_function, f),
            );
        }
    }
    let simple: [(bool, &str, SlotKind); 19] = [
        (s.repr.is_set(), "__repr__", SlotKind::Repr),
        (s.str.is_set(), "__str__", SlotKind::Str),
        (s.hash.is_set(), "__hash__", SlotKind::Hash),
        (s.call.is_set(), "__call__", SlotKind::Call),
        (s.iter.is_set(), "__iter__", SlotKind::Iter),
        (s.iternext.is_set(), "__next__", SlotKind::Next),
        (s.len.is_set(), "__len__", SlotKind::Len),
        (s.getitem.is_set(), "__getitem__", SlotKind::GetItem),
        (s.setitem.is_set(), "__setitem__", SlotKind::SetItem),
        (s.setitem.is_set(), "__delitem__", SlotKind::DelItem),
        (s.contains.is_set(), "__contains__", SlotKind::Contains),
        (s.bool.is_set(), "__bool__", SlotKind::Bool),
        (
            s.getattro.is_set(),
            "__getattribute__",
            SlotKind::GetAttribute,
        ),
        (s.setattro.is_set(), "__setattr__", SlotKind::SetAttr),
        (s.setattro.is_set(), "__delattr__", SlotKind::DelAttr),
        (s.descr_get.is_set(), "__get__", SlotKind::Get),
        (s.descr_set.is_set(), "__set__", SlotKind::Set),
        (s.descr_set.is_set(), "__delete__", SlotKind::Delete),
        (s.index.is_set(), "__index__", SlotKind::Index),
    ];
    for (on, name, kind) in simple {
        if on {
            add_slot(ts, ty, name, kind);
        }
    }
    // Unhashable builtins (list, dict, set, bytearray) have `__hash__ = None`, as in CPython.
    let unhashable: crate::objects::slots::HashFn =
        crate::objects::object_type::hash_not_implemented;
    if s.hash
        .get()
        .is_some_and(|f| std::ptr::fn_addr_eq(f, unhashable))
    {
        put(ts, ty, "__hash__", Ok(crate::runtime::none()));
    }
    if s.int.is_set() {
        add_slot(ts, ty, "__int__", SlotKind::Int);
    }
    if s.float.is_set() {
        add_slot(ts, ty, "__float__", SlotKind::Float);
    }
    if s.richcompare.is_set() {
        for op in [
            CmpOp::Lt,
            CmpOp::Le,
            CmpOp::Eq,
            CmpOp::Ne,
            CmpOp::Gt,
            CmpOp::Ge,
        ] {
            add_slot(ts, ty, op.dunder(), SlotKind::Cmp(op));
        }
    }
    if s.binary.is_set() {
        let probe_ops = binary_ops_of(ty);
        for op in probe_ops {
            add_slot(ts, ty, op.dunder(), SlotKind::Binary(op));
            add_slot(ts, ty, op.rdunder(), SlotKind::RBinary(op));
        }
    }
    if s.inplace.is_set() {
        for op in binary_ops_of(ty) {
            add_slot(ts, ty, op.idunder(), SlotKind::IBinary(op));
        }
    }
    if s.unary.is_set() {
        let ops: &[UnaryOp] = if ty.is(types().float) {
            &[UnaryOp::Neg, UnaryOp::Pos, UnaryOp::Abs]
        } else {
            &[UnaryOp::Neg, UnaryOp::Pos, UnaryOp::Invert, UnaryOp::Abs]
        };
        for &op in ops {
            add_slot(ts, ty, op.dunder(), SlotKind::Unary(op));
        }
    }
}

/// The binary operators a builtin type implements (which dunders to expose).
fn binary_ops_of(ty: &PyType) -> Vec<BinOp> {
    let t = types();
    use BinOp::*;
    if ty.is(t.int) || ty.is(t.bool) {
        BinOp::ALL
            .iter()
            .copied()
            .filter(|o| *o != MatMul)
            .collect()
    } else if ty.is(t.float) || ty.is(t.complex) {
        vec![Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow]
    } else if ty.is(t.str) || ty.is(t.bytes) || ty.is(t.bytearray) {
        vec![Add, Mul, Mod]
    } else if ty.is(t.list) || ty.is(t.tuple) {
        vec![Add, Mul]
    } else if ty.is(t.set) || ty.is(t.frozenset) || ty.is(t.dict_keys) || ty.is(t.dict_items) {
        vec![And, Or, Sub, Xor]
    } else if ty.is(t.dict) || ty.is(t.type_) {
        vec![Or]
    } else {
        BinOp::ALL.to_vec()
    }
}

/// Calls slot `kind` of `owner` on `self_` (a slot wrapper call).
pub fn call_slot(
    ts: &ThreadState,
    owner: &PyType,
    kind: SlotKind,
    self_: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let s = &owner.slots;
    let name = slot_name(kind);
    let missing = || ts.type_error(format!("slot {name} missing"));
    let nkw = kw.map_or(0, |k| k.len());
    let want = |n: usize| -> PyResult<()> {
        if args.len() != n || nkw != 0 {
            if nkw != 0 {
                return Err(ts.type_error(format!("{name}() takes no keyword arguments")));
            }
            return Err(ts.type_error(format!(
                "expected {n} argument{}, got {}",
                if n == 1 { "" } else { "s" },
                args.len()
            )));
        }
        Ok(())
    };
    match kind {
        SlotKind::Init => {
            (s.init.get().ok_or_else(missing)?)(ts, self_, args, kw)?;
            Ok(none())
        }
        SlotKind::Call => (s.call.get().ok_or_else(missing)?)(ts, self_, args, kw),
        SlotKind::Repr => {
            want(0)?;
            (s.repr.get().ok_or_else(missing)?)(ts, self_)
        }
        SlotKind::Str => {
            want(0)?;
            (s.str.get().ok_or_else(missing)?)(ts, self_)
        }
        SlotKind::Hash => {
            want(0)?;
            Ok(ts.new_int((s.hash.get().ok_or_else(missing)?)(ts, self_)?))
        }
        SlotKind::Iter => {
            want(0)?;
            (s.iter.get().ok_or_else(missing)?)(ts, self_)
        }
        SlotKind::Next => {
            want(0)?;
            match (s.iternext.get().ok_or_else(missing)?)(ts, self_)? {
                Some(v) => Ok(v),
                None => Err(ts.stop_iteration(None)),
            }
        }
        SlotKind::Len => {
            want(0)?;
            Ok(ts.new_usize((s.len.get().ok_or_else(missing)?)(ts, self_)?))
        }
        SlotKind::Bool => {
            want(0)?;
            Ok(py_bool((s.bool.get().ok_or_else(missing)?)(ts, self_)?))
        }
        SlotKind::GetItem => {
            want(1)?;
            (s.getitem.get().ok_or_else(missing)?)(ts, self_, &args[0])
        }
        SlotKind::SetItem => {
            want(2)?;
            (s.setitem.get().ok_or_else(missing)?)(ts, self_, &args[0], Some(args[1].clone()))?;
            Ok(none())
        }
        SlotKind::DelItem => {
            want(1)?;
            (s.setitem.get().ok_or_else(missing)?)(ts, self_, &args[0], None)?;
            Ok(none())
        }
        SlotKind::Contains => {
            want(1)?;
            Ok(py_bool((s.contains.get().ok_or_else(missing)?)(
                ts, self_, &args[0],
            )?))
        }
        SlotKind::GetAttribute => {
            want(1)?;
            check_name(ts, &args[0])?;
            (s.getattro.get().ok_or_else(missing)?)(ts, self_, &args[0])
        }
        SlotKind::SetAttr => {
            want(2)?;
            check_name(ts, &args[0])?;
            (s.setattro.get().ok_or_else(missing)?)(ts, self_, &args[0], Some(args[1].clone()))?;
            Ok(none())
        }
        SlotKind::DelAttr => {
            want(1)?;
            check_name(ts, &args[0])?;
            (s.setattro.get().ok_or_else(missing)?)(ts, self_, &args[0], None)?;
            Ok(none())
        }
        SlotKind::Get => {
            if args.is_empty() || args.len() > 2 {
                return Err(ts.type_error("expected 1 or 2 arguments"));
            }
            let obj = if args[0].is_none() {
                None
            } else {
                Some(&args[0])
            };
            let ty = match args.get(1) {
                Some(t) if !t.is_none() => t.clone(),
                _ => args[0].class().to_value(),
            };
            (s.descr_get.get().ok_or_else(missing)?)(ts, self_, obj, &ty)
        }
        SlotKind::Set => {
            want(2)?;
            (s.descr_set.get().ok_or_else(missing)?)(ts, self_, &args[0], Some(args[1].clone()))?;
            Ok(none())
        }
        SlotKind::Delete => {
            want(1)?;
            (s.descr_set.get().ok_or_else(missing)?)(ts, self_, &args[0], None)?;
            Ok(none())
        }
        SlotKind::Cmp(op) => {
            want(1)?;
            (s.richcompare.get().ok_or_else(missing)?)(ts, self_, &args[0], op)
        }
        SlotKind::Binary(op) => {
            want(1)?;
            (s.binary.get().ok_or_else(missing)?)(ts, self_, &args[0], op)
        }
        SlotKind::RBinary(op) => {
            want(1)?;
            (s.binary.get().ok_or_else(missing)?)(ts, &args[0], self_, op)
        }
        SlotKind::IBinary(op) => {
            want(1)?;
            (s.inplace.get().ok_or_else(missing)?)(ts, self_, &args[0], op)
        }
        SlotKind::Unary(op) => {
            want(0)?;
            (s.unary.get().ok_or_else(missing)?)(ts, self_, op)
        }
        SlotKind::Index => {
            want(0)?;
            (s.index.get().ok_or_else(missing)?)(ts, self_)
        }
        SlotKind::Int => {
            want(0)?;
            (s.int.get().ok_or_else(missing)?)(ts, self_)
        }
        SlotKind::Float => {
            want(0)?;
            (s.float.get().ok_or_else(missing)?)(ts, self_)
        }
    }
}

fn check_name(ts: &ThreadState, v: &Value) -> PyResult<()> {
    if v.downcast::<PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "attribute name must be string, not '{}'",
            v.class().name()
        )));
    }
    Ok(())
}

pub fn slot_name(kind: SlotKind) -> String {
    match kind {
        SlotKind::Init => "__init__".into(),
        SlotKind::Repr => "__repr__".into(),
        SlotKind::Str => "__str__".into(),
        SlotKind::Hash => "__hash__".into(),
        SlotKind::Call => "__call__".into(),
        SlotKind::Iter => "__iter__".into(),
        SlotKind::Next => "__next__".into(),
        SlotKind::Len => "__len__".into(),
        SlotKind::GetItem => "__getitem__".into(),
        SlotKind::SetItem => "__setitem__".into(),
        SlotKind::DelItem => "__delitem__".into(),
        SlotKind::Contains => "__contains__".into(),
        SlotKind::Bool => "__bool__".into(),
        SlotKind::GetAttribute => "__getattribute__".into(),
        SlotKind::SetAttr => "__setattr__".into(),
        SlotKind::DelAttr => "__delattr__".into(),
        SlotKind::Get => "__get__".into(),
        SlotKind::Set => "__set__".into(),
        SlotKind::Delete => "__delete__".into(),
        SlotKind::Cmp(op) => op.dunder().into(),
        SlotKind::Binary(op) => op.dunder().into(),
        SlotKind::RBinary(op) => op.rdunder().into(),
        SlotKind::IBinary(op) => op.idunder().into(),
        SlotKind::Unary(op) => op.dunder().into(),
        SlotKind::Index => "__index__".into(),
        SlotKind::Int => "__int__".into(),
        SlotKind::Float => "__float__".into(),
    }
}

// --- method descriptor protocol ---

fn descr_of(v: &Value) -> &PyMethodDescr {
    // SAFETY: these slots are installed only on the method-descriptor types.
    unsafe { v.payload_unchecked::<PyMethodDescr>() }
}

fn method_descr_get(
    ts: &ThreadState,
    d: &Value,
    obj: Option<&Value>,
    ty: &Value,
) -> PyResult<Value> {
    let md = descr_of(d);
    let target = match md.kind {
        DescrKind::ClassMethod(_) => {
            let cls = match obj {
                Some(o) if !ty.is_type() => o.class().to_value(),
                _ => ty.clone(),
            };
            cls
        }
        _ => match obj {
            None => return Ok(d.clone()),
            Some(o) => {
                if !o.class().is_subtype(md.owner) {
                    return Err(ts.type_error(format!(
                        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                        crate::objects::str::str_lossy(&md.name),
                        md.owner.name(),
                        o.class().name()
                    )));
                }
                o.clone()
            }
        },
    };
    crate::objects::builtin_func::bind_descr(ts, md, target)
}

fn method_descr_call(
    ts: &ThreadState,
    d: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let md = descr_of(d);
    // Only error messages need the name as text: no String on the call path.
    let name = || crate::objects::str::str_lossy(&md.name);
    let nkw = kw.map_or(0, |k| k.len());
    if args.len() - nkw == 0 {
        return Err(ts.type_error(format!(
            "unbound method {}.{}() needs an argument",
            md.owner.name(),
            name()
        )));
    }
    let self_ = &args[0];
    match md.kind {
        DescrKind::ClassMethod(f) => {
            if !self_.is_type() || !self_.as_type().is_subtype(md.owner) {
                return Err(ts.type_error(format!(
                    "descriptor '{}' for type '{}' needs a type, not a '{}' as arg 0",
                    name(),
                    md.owner.name(),
                    self_.class().name()
                )));
            }
            f(
                ts,
                self_,
                MethodArgs::new(&args[1..], kw).of_method(md.owner),
            )
        }
        DescrKind::Method(f) => {
            if !self_.class().is_subtype(md.owner) {
                return Err(ts.type_error(format!(
                    "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                    name(),
                    md.owner.name(),
                    self_.class().name()
                )));
            }
            f(
                ts,
                self_,
                MethodArgs::new(&args[1..], kw).of_method(md.owner),
            )
        }
        DescrKind::Slot(k) => {
            if !self_.class().is_subtype(md.owner) {
                return Err(ts.type_error(format!(
                    "descriptor '{}' requires a '{}' object but received a '{}'",
                    name(),
                    md.owner.name(),
                    self_.class().name()
                )));
            }
            call_slot(ts, md.owner, k, self_, &args[1..], kw)
        }
    }
}

fn method_descr_repr(ts: &ThreadState, d: &Value) -> PyResult<Value> {
    let md = descr_of(d);
    let name = crate::objects::str::str_lossy(&md.name);
    Ok(ts.new_str(&match md.kind {
        DescrKind::Slot(_) => format!("<slot wrapper '{name}' of '{}' objects>", md.owner.name()),
        DescrKind::ClassMethod(_) => format!("<method '{name}' of '{}' objects>", md.owner.name()),
        DescrKind::Method(_) => format!("<method '{name}' of '{}' objects>", md.owner.name()),
    }))
}

fn descr_name(_ts: &ThreadState, d: &Value) -> PyResult<Value> {
    Ok(descr_of(d).name.clone())
}

fn descr_qualname(ts: &ThreadState, d: &Value) -> PyResult<Value> {
    let md = descr_of(d);
    Ok(ts.new_str(&format!(
        "{}.{}",
        md.owner.name(),
        crate::objects::str::str_lossy(&md.name)
    )))
}

fn descr_objclass(_ts: &ThreadState, d: &Value) -> PyResult<Value> {
    Ok(descr_of(d).owner.to_value())
}

fn descr_doc(_ts: &ThreadState, _d: &Value) -> PyResult<Value> {
    Ok(none())
}

// --- getset and member: name and owner ---

/// `(name, owner)` of a getset_descriptor or member_descriptor.
fn attr_descr_parts(d: &Value) -> (Value, Value) {
    if let Some(g) = d.downcast::<PyGetSet>() {
        return (g.name.clone(), g.owner.to_value());
    }
    match d.downcast::<PyMember>() {
        Some(m) => (m.name.clone(), m.owner.clone()),
        None => (none(), none()),
    }
}

fn attr_descr_name(_ts: &ThreadState, d: &Value) -> PyResult<Value> {
    Ok(attr_descr_parts(d).0)
}

fn attr_descr_qualname(ts: &ThreadState, d: &Value) -> PyResult<Value> {
    let (name, owner) = attr_descr_parts(d);
    let owner = protocols::get_attr_str(ts, &owner, "__qualname__")?;
    Ok(ts.new_str(&format!(
        "{}.{}",
        crate::objects::str::str_lossy(&owner),
        crate::objects::str::str_lossy(&name)
    )))
}

fn attr_descr_objclass(_ts: &ThreadState, d: &Value) -> PyResult<Value> {
    Ok(attr_descr_parts(d).1)
}

// --- getset ---

fn getset_get(ts: &ThreadState, d: &Value, obj: Option<&Value>, _ty: &Value) -> PyResult<Value> {
    // SAFETY: installed only on getset_descriptor.
    let g = unsafe { d.payload_unchecked::<PyGetSet>() };
    match obj {
        None => Ok(d.clone()),
        Some(o) => {
            if !o.class().is_subtype(g.owner) {
                return Err(ts.type_error(format!(
                    "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                    crate::objects::str::str_lossy(&g.name),
                    g.owner.name(),
                    o.class().name()
                )));
            }
            (g.getter)(ts, o)
        }
    }
}

fn getset_set(ts: &ThreadState, d: &Value, obj: &Value, v: Option<Value>) -> PyResult<()> {
    // SAFETY: installed only on getset_descriptor.
    let g = unsafe { d.payload_unchecked::<PyGetSet>() };
    match g.setter {
        Some(s) => s(ts, obj, v),
        None => Err(ts.attribute_error(format!(
            "attribute '{}' of '{}' objects is not writable",
            crate::objects::str::str_lossy(&g.name),
            g.owner.name()
        ))),
    }
}

fn getset_repr(ts: &ThreadState, d: &Value) -> PyResult<Value> {
    // SAFETY: installed only on getset_descriptor.
    let g = unsafe { d.payload_unchecked::<PyGetSet>() };
    Ok(ts.new_str(&format!(
        "<attribute '{}' of '{}' objects>",
        crate::objects::str::str_lossy(&g.name),
        g.owner.name()
    )))
}

// --- member (__slots__) ---

fn member_get(ts: &ThreadState, d: &Value, obj: Option<&Value>, _ty: &Value) -> PyResult<Value> {
    // SAFETY: installed only on member_descriptor.
    let m = unsafe { d.payload_unchecked::<PyMember>() };
    let Some(o) = obj else { return Ok(d.clone()) };
    if !o.class().is_subtype(m.owner.as_type()) {
        return Err(ts.type_error("descriptor doesn't apply to this object"));
    }
    crate::object::slot_get(ts, o, m.index).ok_or_else(|| {
        let e = ts.attribute_error(format!(
            "'{}' object has no attribute '{}'",
            o.class().name(),
            crate::objects::str::str_lossy(&m.name)
        ));
        crate::objects::exceptions::set_attr_error_context(ts, &e, o, &m.name);
        e
    })
}

fn member_set(ts: &ThreadState, d: &Value, obj: &Value, v: Option<Value>) -> PyResult<()> {
    // SAFETY: installed only on member_descriptor.
    let m = unsafe { d.payload_unchecked::<PyMember>() };
    if !obj.class().is_subtype(m.owner.as_type()) {
        return Err(ts.type_error("descriptor doesn't apply to this object"));
    }
    let deleting = v.is_none();
    let old = crate::object::slot_set(ts, obj, m.index, v);
    if deleting && old.is_none() {
        return Err(ts.attribute_error(format!(
            "'{}' object has no attribute '{}'",
            obj.class().name(),
            crate::objects::str::str_lossy(&m.name)
        )));
    }
    drop(old);
    Ok(())
}

fn member_repr(ts: &ThreadState, d: &Value) -> PyResult<Value> {
    // SAFETY: installed only on member_descriptor.
    let m = unsafe { d.payload_unchecked::<PyMember>() };
    Ok(ts.new_str(&format!(
        "<member '{}' of '{}' objects>",
        crate::objects::str::str_lossy(&m.name),
        m.owner.as_type().name()
    )))
}

// --- classmethod / staticmethod ---

fn cm_func(v: &Value) -> Option<Value> {
    v.downcast::<PyClassMethod>()?.func.lock().ok()?.clone()
}

fn classmethod_get(
    ts: &ThreadState,
    d: &Value,
    obj: Option<&Value>,
    ty: &Value,
) -> PyResult<Value> {
    let f = cm_func(d).ok_or_else(|| ts.runtime_error("uninitialized classmethod object"))?;
    let cls = if ty.is_type() {
        ty.clone()
    } else {
        obj.map(|o| o.class().to_value()).unwrap_or_else(none)
    };
    crate::objects::function::new_bound_method(ts, f, cls)
}

fn staticmethod_get(
    ts: &ThreadState,
    d: &Value,
    _obj: Option<&Value>,
    _ty: &Value,
) -> PyResult<Value> {
    cm_func(d).ok_or_else(|| ts.runtime_error("uninitialized staticmethod object"))
}

fn staticmethod_call(
    ts: &ThreadState,
    d: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let f = cm_func(d).ok_or_else(|| ts.runtime_error("uninitialized staticmethod object"))?;
    protocols::call(ts, &f, args, kw)
}

fn cm_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        cls.as_type(),
        PyClassMethod {
            func: Mutex::new(None),
        },
    )
}

fn cm_init(ts: &ThreadState, v: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    let name = v.class().name();
    let a = crate::builtins::args::parse(ts, &name, args, kw, &[""], 1, 0)?;
    let cm = v
        .downcast::<PyClassMethod>()
        .ok_or_else(|| ts.type_error("bad classmethod"))?;
    if let Ok(mut g) = cm.func.lock() {
        *g = a[0].clone();
    }
    // functools.wraps-style attribute copying is CPython 3.10+ behaviour for these wrappers.
    if let (Some(f), Some(d)) = (&a[0], crate::object::instance_dict(v)) {
        for attr in ["__doc__", "__name__", "__qualname__", "__module__"] {
            if let Ok(Some(x)) = protocols::get_attr_opt(ts, f, &ts.intern(attr)) {
                let _ = d
                    .downcast::<crate::objects::dict::PyDict>()
                    .map(|dd| dd.set_str(ts, attr, x));
            }
        }
    }
    Ok(())
}

fn cm_getfunc(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    cm_func(v).ok_or_else(|| ts.runtime_error("uninitialized"))
}

fn cm_isabstract(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    match cm_func(v) {
        Some(f) => Ok(
            protocols::get_attr_opt(ts, &f, &ts.intern("__isabstractmethod__"))?
                .unwrap_or_else(|| py_bool(false)),
        ),
        None => Ok(py_bool(false)),
    }
}

fn cm_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let f = cm_func(v)
        .map(|f| protocols::repr_string(ts, &f))
        .transpose()?
        .unwrap_or_default();
    Ok(ts.new_str(&format!("<{} ({f})>", v.class().name())))
}

// --- property ---

fn prop_parts(v: &Value) -> [Option<Value>; 5] {
    v.downcast::<PyProperty>()
        .and_then(|p| p.parts.lock().ok().map(|g| g.clone()))
        .unwrap_or_default()
}

fn property_get(ts: &ThreadState, d: &Value, obj: Option<&Value>, _ty: &Value) -> PyResult<Value> {
    let Some(o) = obj else { return Ok(d.clone()) };
    let p = prop_parts(d);
    match &p[0] {
        Some(f) => protocols::call(ts, f, std::slice::from_ref(o), None),
        None => Err(ts.attribute_error(prop_msg(ts, d, o, &p, "has no getter"))),
    }
}

fn prop_msg(ts: &ThreadState, _d: &Value, o: &Value, p: &[Option<Value>; 5], what: &str) -> String {
    let name = p[4]
        .as_ref()
        .map(crate::objects::str::str_lossy)
        .or_else(|| {
            p[0].as_ref()
                .and_then(|f| {
                    protocols::get_attr_opt(ts, f, &ts.intern("__name__"))
                        .ok()
                        .flatten()
                })
                .map(|n| crate::objects::str::str_lossy(&n))
        });
    match name {
        Some(n) => format!("property '{n}' of '{}' object {what}", o.class().name()),
        None => format!("property of '{}' object {what}", o.class().name()),
    }
}

fn property_set(ts: &ThreadState, d: &Value, obj: &Value, v: Option<Value>) -> PyResult<()> {
    let p = prop_parts(d);
    match v {
        Some(x) => match &p[1] {
            Some(f) => protocols::call(ts, f, &[obj.clone(), x], None).map(drop),
            None => Err(ts.attribute_error(prop_msg(ts, d, obj, &p, "has no setter"))),
        },
        None => match &p[2] {
            Some(f) => protocols::call(ts, f, std::slice::from_ref(obj), None).map(drop),
            None => Err(ts.attribute_error(prop_msg(ts, d, obj, &p, "has no deleter"))),
        },
    }
}

fn property_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        cls.as_type(),
        PyProperty {
            parts: Mutex::new(Default::default()),
        },
    )
}

fn property_init(
    ts: &ThreadState,
    v: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<()> {
    let a = crate::builtins::args::parse(
        ts,
        "property",
        args,
        kw,
        &["fget", "fset", "fdel", "doc"],
        0,
        0,
    )?;
    let p = v
        .downcast::<PyProperty>()
        .ok_or_else(|| ts.type_error("bad property"))?;
    let norm = |x: &Option<Value>| x.clone().filter(|v| !v.is_none());
    let mut doc = norm(&a[3]);
    if doc.is_none() {
        if let Some(f) = norm(&a[0]) {
            doc = protocols::get_attr_opt(ts, &f, &crate::runtime::names().__doc__)?
                .filter(|d| !d.is_none());
        }
    }
    if let Ok(mut g) = p.parts.lock() {
        *g = [norm(&a[0]), norm(&a[1]), norm(&a[2]), doc, None];
    }
    Ok(())
}

fn property_copy(ts: &ThreadState, s: &Value, which: usize, f: Value) -> PyResult<Value> {
    let mut p = prop_parts(s);
    p[which] = Some(f).filter(|v| !v.is_none());
    let cls = s.class().to_value();
    let args = [
        p[0].clone().unwrap_or_else(none),
        p[1].clone().unwrap_or_else(none),
        p[2].clone().unwrap_or_else(none),
        p[3].clone().unwrap_or_else(none),
    ];
    let new = protocols::call(ts, &cls, &args, None)?;
    if let (Some(np), Some(name)) = (new.downcast::<PyProperty>(), p[4].clone()) {
        if let Ok(mut g) = np.parts.lock() {
            g[4] = Some(name);
        }
    }
    Ok(new)
}

fn m_getter(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [f] = a.parse::<1>(ts, "getter", &[""], 1)?;
    property_copy(ts, s, 0, f.expect("required"))
}
fn m_setter(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [f] = a.parse::<1>(ts, "setter", &[""], 1)?;
    property_copy(ts, s, 1, f.expect("required"))
}
fn m_deleter(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [f] = a.parse::<1>(ts, "deleter", &[""], 1)?;
    property_copy(ts, s, 2, f.expect("required"))
}
fn m_set_name(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [_owner, name] = a.parse::<2>(ts, "__set_name__", &["", ""], 2)?;
    if let Some(p) = s.downcast::<PyProperty>() {
        if let Ok(mut g) = p.parts.lock() {
            g[4] = name;
        }
    }
    Ok(none())
}

fn prop_fget(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(prop_parts(v)[0].clone().unwrap_or_else(none))
}
fn prop_fset(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(prop_parts(v)[1].clone().unwrap_or_else(none))
}
fn prop_fdel(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(prop_parts(v)[2].clone().unwrap_or_else(none))
}
fn prop_doc(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(prop_parts(v)[3].clone().unwrap_or_else(none))
}
fn prop_set_doc(_ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    if let Some(p) = v.downcast::<PyProperty>() {
        if let Ok(mut g) = p.parts.lock() {
            g[3] = x.filter(|d| !d.is_none());
        }
    }
    Ok(())
}
/// `property.__name__`: the name given by `__set_name__` (or assigned), else the getter's.
fn prop_name(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let p = prop_parts(v);
    if let Some(n) = &p[4] {
        return Ok(n.clone());
    }
    if let Some(f) = &p[0] {
        if let Some(n) = protocols::get_attr_opt(ts, f, &ts.intern("__name__"))? {
            return Ok(n);
        }
    }
    Err(ts.attribute_error("'property' object has no attribute '__name__'"))
}
fn prop_set_name(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let x = x.ok_or_else(|| ts.type_error("cannot delete __name__"))?;
    if let Some(p) = v.downcast::<PyProperty>() {
        if let Ok(mut g) = p.parts.lock() {
            g[4] = Some(x);
        }
    }
    Ok(())
}
fn prop_isabstract(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    for f in prop_parts(v).iter().take(3).flatten() {
        if let Some(x) = protocols::get_attr_opt(ts, f, &ts.intern("__isabstractmethod__"))? {
            if protocols::is_true(ts, &x)? {
                return Ok(py_bool(true));
            }
        }
    }
    Ok(py_bool(false))
}

// --- mappingproxy ---

fn mp_of(v: &Value) -> Value {
    v.downcast::<PyMappingProxy>()
        .map(|m| m.mapping.clone())
        .unwrap_or_else(none)
}
fn mp_getitem(ts: &ThreadState, v: &Value, k: &Value) -> PyResult<Value> {
    protocols::get_item(ts, &mp_of(v), k)
}
fn mp_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    protocols::len(ts, &mp_of(v))
}
fn mp_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    protocols::get_iter(ts, &mp_of(v))
}
fn mp_contains(ts: &ThreadState, v: &Value, k: &Value) -> PyResult<bool> {
    protocols::contains(ts, &mp_of(v), k)
}
fn mp_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let inner = protocols::repr_string(ts, &mp_of(v))?;
    Ok(ts.new_str(&format!("mappingproxy({inner})")))
}
fn mp_str(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    protocols::str(ts, &mp_of(v))
}
/// `proxy | other` / `other | proxy`: the underlying mapping's `|` (a new dict); `|=` is refused.
fn mp_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if op != BinOp::Or {
        return Ok(crate::runtime::not_implemented());
    }
    let a = if a.downcast::<PyMappingProxy>().is_some() {
        mp_of(a)
    } else {
        a.clone()
    };
    let b = if b.downcast::<PyMappingProxy>().is_some() {
        mp_of(b)
    } else {
        b.clone()
    };
    protocols::binary_op(ts, &a, &b, op)
}
fn mp_inplace(ts: &ThreadState, a: &Value, _b: &Value, op: BinOp) -> PyResult<Value> {
    if op != BinOp::Or {
        return Ok(crate::runtime::not_implemented());
    }
    Err(ts.type_error(format!(
        "'|=' is not supported by {}; use '|' instead",
        a.class().name()
    )))
}
fn mp_forward(ts: &ThreadState, s: &Value, a: MethodArgs<'_>, name: &str) -> PyResult<Value> {
    let m = mp_of(s);
    let f = protocols::get_attr(ts, &m, &ts.intern(name))?;
    protocols::call(ts, &f, a.args, a.kwnames)
}
fn mp_keys(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    mp_forward(ts, s, a, "keys")
}
fn mp_values(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    mp_forward(ts, s, a, "values")
}
fn mp_items(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    mp_forward(ts, s, a, "items")
}
fn mp_get(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    mp_forward(ts, s, a, "get")
}
fn mp_copy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    mp_forward(ts, s, a, "copy")
}

fn mp_new(ts: &ThreadState, _cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let a = crate::builtins::args::parse(ts, "mappingproxy", args, kw, &["mapping"], 1, 0)?;
    let m = a[0].clone().expect("required");
    if !m.class().slots.getitem.is_set()
        || m.downcast::<crate::objects::list::PyList>().is_some()
        || m.downcast::<PyTuple>().is_some()
    {
        return Err(ts.type_error(format!(
            "mappingproxy() argument must be a mapping, not {}",
            m.class().name()
        )));
    }
    new_mappingproxy(ts, m)
}

pub fn init(ts: &ThreadState) {
    let t = types();
    t.mappingproxy.slots.new.set(Some(mp_new));
    for ty in [t.method_descr, t.classmethod_descr, t.slot_wrapper] {
        ty.slots.descr_get.set(Some(method_descr_get));
        ty.slots.call.set(Some(method_descr_call));
        ty.slots.repr.set(Some(method_descr_repr));
        add_getset(ts, ty, "__name__", descr_name, None);
        add_getset(ts, ty, "__qualname__", descr_qualname, None);
        add_getset(ts, ty, "__objclass__", descr_objclass, None);
        add_getset(ts, ty, "__doc__", descr_doc, None);
    }
    let g = t.getset_descr;
    g.slots.descr_get.set(Some(getset_get));
    g.slots.descr_set.set(Some(getset_set));
    g.slots.repr.set(Some(getset_repr));
    let m = t.member_descr;
    m.slots.descr_get.set(Some(member_get));
    m.slots.descr_set.set(Some(member_set));
    m.slots.repr.set(Some(member_repr));
    // `inspect.getattr_static` reads `__name__`/`__objclass__` of these descriptors.
    for ty in [g, m] {
        add_getset(ts, ty, "__name__", attr_descr_name, None);
        add_getset(ts, ty, "__qualname__", attr_descr_qualname, None);
        add_getset(ts, ty, "__objclass__", attr_descr_objclass, None);
        add_getset(ts, ty, "__doc__", descr_doc, None);
    }
    for ty in [t.classmethod, t.staticmethod] {
        ty.slots.new.set(Some(cm_new));
        ty.slots.init.set(Some(cm_init));
        ty.slots.repr.set(Some(cm_repr));
        add_getset(ts, ty, "__func__", cm_getfunc, None);
        add_getset(ts, ty, "__wrapped__", cm_getfunc, None);
        add_getset(ts, ty, "__isabstractmethod__", cm_isabstract, None);
    }
    t.classmethod.slots.descr_get.set(Some(classmethod_get));
    t.staticmethod.slots.descr_get.set(Some(staticmethod_get));
    t.staticmethod.slots.call.set(Some(staticmethod_call));
    let p = t.property;
    p.slots.descr_get.set(Some(property_get));
    p.slots.descr_set.set(Some(property_set));
    p.slots.new.set(Some(property_new));
    p.slots.init.set(Some(property_init));
    add_method(ts, p, "getter", m_getter);
    add_method(ts, p, "setter", m_setter);
    add_method(ts, p, "deleter", m_deleter);
    add_method(ts, p, "__set_name__", m_set_name);
    add_getset(ts, p, "fget", prop_fget, None);
    add_getset(ts, p, "fset", prop_fset, None);
    add_getset(ts, p, "fdel", prop_fdel, None);
    add_getset(ts, p, "__doc__", prop_doc, Some(prop_set_doc));
    add_getset(ts, p, "__name__", prop_name, Some(prop_set_name));
    add_getset(ts, p, "__isabstractmethod__", prop_isabstract, None);
    let mp = t.mappingproxy;
    mp.slots.getitem.set(Some(mp_getitem));
    mp.slots.len.set(Some(mp_len));
    mp.slots.iter.set(Some(mp_iter));
    mp.slots.contains.set(Some(mp_contains));
    mp.slots.repr.set(Some(mp_repr));
    mp.slots.str.set(Some(mp_str));
    mp.slots.binary.set(Some(mp_binary));
    mp.slots.inplace.set(Some(mp_inplace));
    add_method(ts, mp, "keys", mp_keys);
    add_method(ts, mp, "values", mp_values);
    add_method(ts, mp, "items", mp_items);
    add_method(ts, mp, "get", mp_get);
    add_method(ts, mp, "copy", mp_copy);
}
