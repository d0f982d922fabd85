//! `tuple`: an immutable array of values.

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::seq;
use crate::objects::slots::{BinOp, CmpOp};
use crate::protocols;
use crate::runtime::{empty_tuple, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;

pub struct PyTuple {
    items: Box<[Value]>,
}

impl PyPayload for PyTuple {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        for v in self.items.iter() {
            seq::trace_value(v, t);
        }
    }
}

impl PyTuple {
    pub const NAME: &str = "tuple";

    #[inline]
    pub fn as_slice(&self) -> &[Value] {
        &self.items
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.items.len()
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// A tuple without the empty-tuple singleton (bootstrap).
pub fn new_tuple_raw(ts: &ThreadState, items: Vec<Value>) -> Value {
    match crate::object::alloc(
        ts,
        types().tuple,
        PyTuple {
            items: items.into_boxed_slice(),
        },
    ) {
        Ok(v) => v,
        Err(_) => std::process::abort(),
    }
}

impl ThreadState {
    pub fn new_tuple(&self, items: Vec<Value>) -> Value {
        if items.is_empty() {
            return empty_tuple();
        }
        new_tuple_raw(self, items)
    }
}

/// A tuple subclass instance.
pub fn new_tuple_of_type(
    ts: &ThreadState,
    ty: &crate::objects::typeobj::PyType,
    items: Vec<Value>,
) -> PyResult<Value> {
    if ty.is(types().tuple) {
        return Ok(ts.new_tuple(items));
    }
    crate::object::alloc(
        ts,
        ty,
        PyTuple {
            items: items.into_boxed_slice(),
        },
    )
}

fn items_of(v: &Value) -> &[Value] {
    v.downcast::<PyTuple>().map_or(&[], |t| t.as_slice())
}

/// CPython's tuple hash (xxHash-based).
pub fn hash_items(ts: &ThreadState, items: &[Value]) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for v in items {
        let lane = protocols::hash(ts, v)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

fn tuple_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    hash_items(ts, items_of(v))
}

fn tuple_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let items = items_of(v);
    if items.is_empty() {
        return Ok(ts.new_str("()"));
    }
    let Some(_g) = ts.repr_enter(v) else {
        return Ok(ts.new_str("(...)"));
    };
    let mut out: Vec<u32> = vec!['(' as u32];
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend([',' as u32, ' ' as u32]);
        }
        out.extend(protocols::repr_cps(ts, x)?);
    }
    if items.len() == 1 {
        out.push(',' as u32);
    }
    out.push(')' as u32);
    Ok(ts.new_str_from_cps(&out))
}

fn tuple_len(_ts: &ThreadState, v: &Value) -> PyResult<usize> {
    Ok(items_of(v).len())
}

fn tuple_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let items = items_of(v);
    match seq::index_or_slice(ts, key, items.len(), "tuple")? {
        seq::Index::One(i) => Ok(items[i].clone()),
        seq::Index::Slice(r) => {
            if r.step == 1 && r.start == 0 && r.len == items.len() && v.class().is(types().tuple) {
                return Ok(v.clone());
            }
            Ok(ts.new_tuple(r.indices().map(|i| items[i].clone()).collect()))
        }
    }
}

fn tuple_contains(ts: &ThreadState, v: &Value, x: &Value) -> PyResult<bool> {
    for it in items_of(v) {
        if protocols::eq_identity_first(ts, it, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn tuple_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    crate::objects::iter::new_seq_iter(ts, types().tuple_iter, v.clone())
}

fn tuple_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<PyTuple>(), b.downcast::<PyTuple>()) else {
        return Ok(not_implemented());
    };
    seq::compare_slices(ts, x.as_slice(), y.as_slice(), op)
}

fn tuple_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    match op {
        BinOp::Add => {
            let (Some(x), Some(y)) = (a.downcast::<PyTuple>(), b.downcast::<PyTuple>()) else {
                return Ok(not_implemented());
            };
            // As CPython: adding an empty tuple gives back the other operand when it is an
            // exact tuple (tuples are immutable, identity is observable).
            let exact = |v: &Value| v.class().is(types().tuple);
            if y.is_empty() && exact(a) {
                return Ok(a.clone());
            }
            if x.is_empty() && exact(b) {
                return Ok(b.clone());
            }
            let mut v = x.as_slice().to_vec();
            v.extend(y.as_slice().iter().cloned());
            Ok(ts.new_tuple(v))
        }
        BinOp::Mul => {
            let (t, n) = match (a.downcast::<PyTuple>(), b.downcast::<PyTuple>()) {
                (Some(t), _) => (t, b),
                (None, Some(t)) => (t, a),
                _ => return Ok(not_implemented()),
            };
            let Some(n) = protocols::try_index(ts, n)? else {
                return Ok(not_implemented());
            };
            let tv = if a.downcast::<PyTuple>().is_some() {
                a
            } else {
                b
            };
            if n == 1 && tv.class().is(types().tuple) {
                return Ok(tv.clone());
            }
            Ok(ts.new_tuple(seq::repeat(ts, t.as_slice(), n)?))
        }
        _ => Ok(not_implemented()),
    }
}

fn tuple_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = crate::builtins::args::parse(ts, "tuple", args, kw, &[""], 0, 0)?;
    let items = match &a[0] {
        None => vec![],
        Some(it) => {
            if it.class().is(types().tuple) && cls.as_type().is(types().tuple) {
                return Ok(it.clone());
            }
            protocols::collect(ts, it)?
        }
    };
    new_tuple_of_type(ts, cls.as_type(), items)
}

fn tuple_count(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "count", &[""], 1)?;
    let x = x.expect("required");
    let mut n = 0;
    for it in items_of(s) {
        if protocols::eq_identity_first(ts, it, &x)? {
            n += 1;
        }
    }
    Ok(ts.new_int(n))
}

fn tuple_index(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, start, stop] = a.parse::<3>(ts, "index", &["", "", ""], 1)?;
    let x = x.expect("required");
    let items = items_of(s);
    let (lo, hi) = seq::start_stop(ts, start, stop, items.len())?;
    for (i, it) in items.iter().enumerate().take(hi).skip(lo) {
        if protocols::eq_identity_first(ts, it, &x)? {
            return Ok(ts.new_usize(i));
        }
    }
    Err(ts.value_error("tuple.index(x): x not in tuple"))
}

fn tuple_getnewargs(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_tuple(vec![ts.new_tuple(items_of(s).to_vec())]))
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::add_method;
    let t = types().tuple;
    let s = &t.slots;
    s.hash.set(Some(tuple_hash));
    s.repr.set(Some(tuple_repr));
    s.len.set(Some(tuple_len));
    s.getitem.set(Some(tuple_getitem));
    s.contains.set(Some(tuple_contains));
    s.iter.set(Some(tuple_iter));
    s.richcompare.set(Some(tuple_richcompare));
    s.binary.set(Some(tuple_binary));
    s.new.set(Some(tuple_new));
    add_method(ts, t, "count", tuple_count);
    add_method(ts, t, "index", tuple_index);
    add_method(ts, t, "__getnewargs__", tuple_getnewargs);
    let _ = py_bool(true);
}
