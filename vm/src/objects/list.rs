//! `list`: a mutable array of values.
//!
//! The items change only inside the list's critical section ([`PyList::with_items`]), so
//! `append`, `pop`, `l[i] = v`, … are atomic from every thread's point of view. Reads take the
//! same lock for now (a lock-free read path over QSBR-freed storage is the planned next step,
//! CPython's `list_get_item_ref`). Nothing that can run Python code or block happens while the
//! `&mut Vec` is alive: comparisons, `__index__`, iteration of arguments all run outside, and
//! operations re-validate afterwards (e.g. `sort` detects a concurrent modification).

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::seq::{self, Index};
use crate::objects::slots::{BinOp, CmpOp};
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{none, not_implemented, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use std::cell::UnsafeCell;

pub struct PyList {
    items: UnsafeCell<Vec<Value>>,
}

// SAFETY: `items` is only accessed inside the list's critical section (`with_items`), or by the
// collector with the world stopped (`trace`), or on an unreachable list (`clear`).
unsafe impl Sync for PyList {}

impl PyPayload for PyList {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        // SAFETY: the world is stopped while tracing; nobody mutates.
        for v in unsafe { &*self.items.get() } {
            seq::trace_value(v, t);
        }
    }
    fn clear(&self) {
        // SAFETY: unreachable object: no other thread can reach it.
        let old = std::mem::take(unsafe { &mut *self.items.get() });
        drop(old);
    }
}

impl PyList {
    pub const NAME: &str = "list";

    pub fn new(items: Vec<Value>) -> PyList {
        PyList {
            items: UnsafeCell::new(items),
        }
    }

    /// Runs `f` on the items inside the list's critical section. `f` must not run Python code,
    /// block, or touch another container's lock (DESIGN: cs-no-python).
    #[inline]
    pub fn with_items<R>(&self, ts: &ThreadState, f: impl FnOnce(&mut Vec<Value>) -> R) -> R {
        let h = crate::object::header_of_payload(self);
        gc::with_critical_section(&ts.gc, h, |_cs| {
            // SAFETY: `_cs` proves we hold this list's lock; the `&mut` dies with the closure.
            f(unsafe { &mut *self.items.get() })
        })
    }

    /// Runs `f` on the items for a short read that runs no Python code and drops no value:
    /// the header mutex taken as a leaf lock (no critical-section record), falling back to
    /// [`with_items`](Self::with_items) when it is busy (another thread, or a critical section
    /// of our own on this list, active or suspended).
    #[inline]
    pub fn read_items<R>(&self, ts: &ThreadState, f: impl FnOnce(&Vec<Value>) -> R) -> R {
        let m = crate::object::header_of_payload(self).mutex();
        if m.try_lock() {
            // SAFETY: we hold the list's lock, so no other thread changes the items, and the
            // borrow dies with `f`, which can't re-enter this list (it runs no Python code).
            let r = f(unsafe { &*self.items.get() });
            // SAFETY: taken just above by this thread.
            unsafe { m.unlock() };
            r
        } else {
            self.with_items(ts, |v| f(v))
        }
    }

    pub fn len(&self, ts: &ThreadState) -> usize {
        self.read_items(ts, |v| v.len())
    }

    pub fn append(&self, ts: &ThreadState, v: Value) {
        let m = crate::object::header_of_payload(self).mutex();
        if m.try_lock() {
            // SAFETY: we hold the list's lock (as a leaf lock: a push runs no Python code,
            // drops nothing and takes no other lock), so the `&mut` is exclusive.
            unsafe { (*self.items.get()).push(v) };
            // SAFETY: taken just above by this thread.
            unsafe { m.unlock() };
        } else {
            self.with_items(ts, |items| items.push(v));
        }
    }

    pub fn get(&self, ts: &ThreadState, i: usize) -> Option<Value> {
        self.read_items(ts, |items| items.get(i).cloned())
    }

    /// A snapshot of the items.
    /// Item `i`, negative from the end (Python indexing); `None` when out of range.
    #[inline]
    pub fn get_index(&self, ts: &ThreadState, i: i64) -> Option<Value> {
        self.read_items(ts, |v| {
            let n = v.len() as i64;
            let j = if i < 0 { i + n } else { i };
            if (0..n).contains(&j) {
                Some(v[j as usize].clone())
            } else {
                None
            }
        })
    }

    pub fn to_vec(&self, ts: &ThreadState) -> Vec<Value> {
        self.read_items(ts, |items| items.clone())
    }
}

impl ThreadState {
    pub fn new_list(&self, items: Vec<Value>) -> Value {
        match crate::object::alloc(self, types().list, PyList::new(items)) {
            Ok(v) => v,
            Err(_) => std::process::abort(),
        }
    }
}

fn list_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyList> {
    v.downcast::<PyList>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'list' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn list_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let l = list_of(ts, v)?;
    let items = l.to_vec(ts);
    if items.is_empty() {
        return Ok(ts.new_str("[]"));
    }
    let Some(_g) = ts.repr_enter(v) else {
        return Ok(ts.new_str("[...]"));
    };
    let mut out: Vec<u32> = vec!['[' as u32];
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend([',' as u32, ' ' as u32]);
        }
        out.extend(protocols::repr_cps(ts, x)?);
    }
    out.push(']' as u32);
    Ok(ts.new_str_from_cps(&out))
}

fn list_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    Ok(list_of(ts, v)?.len(ts))
}

fn list_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let l = list_of(ts, v)?;
    if let Some(i) = key.as_inline_int() {
        return l
            .read_items(ts, |items| {
                let j = if i < 0 { i + items.len() as i64 } else { i };
                if j < 0 || j >= items.len() as i64 {
                    return Err(());
                }
                Ok(items[j as usize].clone())
            })
            .map_err(|()| ts.index_error("list index out of range"));
    }
    if key.downcast::<crate::objects::range::PySlice>().is_some() {
        let len = l.len(ts);
        let Index::Slice(r) = seq::index_or_slice(ts, key, len, "list")? else {
            unreachable!("slice resolves to a slice")
        };
        let out = l.read_items(ts, |items| {
            r.indices()
                .filter_map(|i| items.get(i).cloned())
                .collect::<Vec<_>>()
        });
        return Ok(ts.new_list(out));
    }
    let Some(i) = protocols::try_index(ts, key)? else {
        return Err(ts.type_error(format!(
            "list indices must be integers or slices, not {}",
            key.class().name()
        )));
    };
    l.read_items(ts, |items| {
        let j = if i < 0 { i + items.len() as i64 } else { i };
        if j < 0 || j >= items.len() as i64 {
            return Err(());
        }
        Ok(items[j as usize].clone())
    })
    .map_err(|()| ts.index_error("list index out of range"))
}

fn list_setitem(ts: &ThreadState, v: &Value, key: &Value, val: Option<Value>) -> PyResult<()> {
    let l = list_of(ts, v)?;
    if let Some(s) = key.downcast::<crate::objects::range::PySlice>() {
        // Materialize the new items first: iterating may run Python code.
        let new_items = match &val {
            Some(x) => Some(if x.is(v) {
                l.to_vec(ts)
            } else {
                protocols::collect(ts, x)?
            }),
            None => None,
        };
        let len = l.len(ts);
        let r = s.resolve(ts, len)?;
        let res = l.with_items(ts, |items| -> Result<Vec<Value>, String> {
            let len = items.len();
            let r2 = r;
            match new_items {
                None => {
                    let mut idx: Vec<usize> = r2.indices().filter(|&i| i < len).collect();
                    idx.sort_unstable();
                    let mut removed = Vec::new();
                    for &i in idx.iter().rev() {
                        removed.push(items.remove(i));
                    }
                    Ok(removed)
                }
                Some(new) => {
                    if r2.step == 1 {
                        let start = (r2.start.max(0) as usize).min(len);
                        let end = (start + r2.len).min(len);
                        Ok(items.splice(start..end, new).collect())
                    } else {
                        if new.len() != r2.len {
                            return Err(format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                new.len(),
                                r2.len
                            ));
                        }
                        let mut old = Vec::new();
                        for (i, x) in r2.indices().zip(new) {
                            if i < items.len() {
                                old.push(std::mem::replace(&mut items[i], x));
                            }
                        }
                        Ok(old)
                    }
                }
            }
        });
        return match res {
            Ok(old) => {
                drop(old);
                Ok(())
            }
            Err(msg) => Err(ts.value_error(msg)),
        };
    }
    let Some(i) = protocols::try_index(ts, key)? else {
        return Err(ts.type_error(format!(
            "list indices must be integers or slices, not {}",
            key.class().name()
        )));
    };
    let old = l.with_items(ts, |items| {
        let j = if i < 0 { i + items.len() as i64 } else { i };
        if j < 0 || j >= items.len() as i64 {
            return Err(());
        }
        Ok(match val {
            Some(x) => Some(std::mem::replace(&mut items[j as usize], x)),
            None => Some(items.remove(j as usize)),
        })
    });
    match old {
        Ok(o) => {
            drop(o);
            Ok(())
        }
        // CPython words deletion and assignment alike.
        Err(()) => Err(ts.index_error("list assignment index out of range")),
    }
}

fn list_contains(ts: &ThreadState, v: &Value, x: &Value) -> PyResult<bool> {
    let l = list_of(ts, v)?;
    let mut i = 0;
    while let Some(it) = l.get(ts, i) {
        if protocols::eq_identity_first(ts, &it, x)? {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

fn list_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    crate::objects::iter::new_seq_iter(ts, types().list_iter, v.clone())
}

fn list_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<PyList>(), b.downcast::<PyList>()) else {
        return Ok(not_implemented());
    };
    let (xs, ys) = (x.to_vec(ts), y.to_vec(ts));
    seq::compare_slices(ts, &xs, &ys, op)
}

fn list_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    match op {
        BinOp::Add => {
            let (Some(x), Some(y)) = (a.downcast::<PyList>(), b.downcast::<PyList>()) else {
                return Ok(not_implemented());
            };
            let mut v = x.to_vec(ts);
            v.extend(y.to_vec(ts));
            Ok(ts.new_list(v))
        }
        BinOp::Mul => {
            let (l, n) = match (a.downcast::<PyList>(), b.downcast::<PyList>()) {
                (Some(l), _) => (l, b),
                (None, Some(l)) => (l, a),
                _ => return Ok(not_implemented()),
            };
            let Some(n) = protocols::try_index(ts, n)? else {
                return Ok(not_implemented());
            };
            Ok(ts.new_list(seq::repeat(ts, &l.to_vec(ts), n)?))
        }
        _ => Ok(not_implemented()),
    }
}

fn list_inplace(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let Some(l) = a.downcast::<PyList>() else {
        return Ok(not_implemented());
    };
    match op {
        BinOp::Add => {
            let new = if a.is(b) {
                l.to_vec(ts)
            } else {
                protocols::collect(ts, b)?
            };
            l.with_items(ts, |items| items.extend(new));
            Ok(a.clone())
        }
        BinOp::Mul => {
            let Some(n) = protocols::try_index(ts, b)? else {
                return Ok(not_implemented());
            };
            let cur = l.to_vec(ts);
            let new = seq::repeat(ts, &cur, n)?;
            let old = l.with_items(ts, |items| std::mem::replace(items, new));
            drop(old);
            Ok(a.clone())
        }
        _ => Ok(not_implemented()),
    }
}

fn list_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    crate::object::alloc(ts, cls.as_type(), PyList::new(Vec::new()))
}

fn list_init(ts: &ThreadState, v: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    let a = crate::builtins::args::parse(ts, "list", args, kw, &[""], 0, 0)?;
    let l = list_of(ts, v)?;
    let new = match &a[0] {
        Some(it) => protocols::collect(ts, it)?,
        None => Vec::new(),
    };
    let old = l.with_items(ts, |items| std::mem::replace(items, new));
    drop(old);
    Ok(())
}

fn m_append(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "append", &[""], 1)?;
    list_of(ts, s)?.append(ts, x.expect("required"));
    Ok(none())
}

fn m_extend(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "extend", &[""], 1)?;
    let x = x.expect("required");
    let l = list_of(ts, s)?;
    let new = if x.is(s) {
        l.to_vec(ts)
    } else {
        protocols::collect(ts, &x)?
    };
    l.with_items(ts, |items| items.extend(new));
    Ok(none())
}

fn m_pop(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [i] = a.parse::<1>(ts, "pop", &[""], 0)?;
    let i = match i {
        Some(v) => protocols::index_i64(ts, &v)?,
        None => -1,
    };
    list_of(ts, s)?
        .with_items(ts, |items| {
            if items.is_empty() {
                return Err("pop from empty list");
            }
            let j = if i < 0 { i + items.len() as i64 } else { i };
            if j < 0 || j >= items.len() as i64 {
                return Err("pop index out of range");
            }
            Ok(items.remove(j as usize))
        })
        .map_err(|m| ts.index_error(m))
}

fn m_insert(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [i, x] = a.parse::<2>(ts, "insert", &["", ""], 2)?;
    let i = protocols::index_i64_clamped(ts, &i.expect("required"))?;
    let x = x.expect("required");
    list_of(ts, s)?.with_items(ts, |items| {
        let n = items.len() as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        items.insert(j as usize, x);
    });
    Ok(none())
}

fn find_index(
    ts: &ThreadState,
    l: &PyList,
    x: &Value,
    lo: usize,
    hi: usize,
) -> PyResult<Option<usize>> {
    let mut i = lo;
    while i < hi {
        let Some(it) = l.get(ts, i) else { break };
        if protocols::eq_identity_first(ts, &it, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn m_remove(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "remove", &[""], 1)?;
    let x = x.expect("required");
    let l = list_of(ts, s)?;
    match find_index(ts, l, &x, 0, usize::MAX)? {
        Some(i) => {
            let old = l.with_items(ts, |items| (i < items.len()).then(|| items.remove(i)));
            drop(old);
            Ok(none())
        }
        None => Err(ts.value_error("list.remove(x): x not in list")),
    }
}

fn m_index(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, start, stop] = a.parse::<3>(ts, "index", &["", "", ""], 1)?;
    let l = list_of(ts, s)?;
    let (lo, hi) = seq::start_stop(ts, start, stop, l.len(ts))?;
    match find_index(ts, l, &x.expect("required"), lo, hi)? {
        Some(i) => Ok(ts.new_usize(i)),
        None => Err(ts.value_error("list.index(x): x not in list")),
    }
}

fn m_count(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "count", &[""], 1)?;
    let x = x.expect("required");
    let l = list_of(ts, s)?;
    let mut n = 0;
    let mut i = 0;
    while let Some(it) = l.get(ts, i) {
        if protocols::eq_identity_first(ts, &it, &x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(ts.new_int(n))
}

fn m_clear(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let old = list_of(ts, s)?.with_items(ts, std::mem::take);
    drop(old);
    Ok(none())
}

fn m_copy(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_list(list_of(ts, s)?.to_vec(ts)))
}

fn m_reverse(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    list_of(ts, s)?.with_items(ts, |items| items.reverse());
    Ok(none())
}

/// Stable merge sort with a fallible less-than (user `__lt__` may raise or be inconsistent;
/// this never panics whatever it answers).
pub fn merge_sort(
    v: &mut Vec<(Value, Value)>,
    lt: &mut dyn FnMut(&Value, &Value) -> PyResult<bool>,
) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    // Insertion sort for short runs, then bottom-up merges.
    const RUN: usize = 16;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && lt(&v[j].0, &v[j - 1].0)? {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        start = end;
    }
    let mut width = RUN;
    let mut buf: Vec<(Value, Value)> = Vec::with_capacity(n);
    while width < n {
        let mut lo = 0;
        let src = std::mem::take(v);
        let mut src: Vec<Option<(Value, Value)>> = src.into_iter().map(Some).collect();
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            while i < mid && j < hi {
                let take_right = {
                    let (a, b) = (&src[j], &src[i]);
                    match (a, b) {
                        (Some(a), Some(b)) => lt(&a.0, &b.0)?,
                        _ => false,
                    }
                };
                if take_right {
                    buf.extend(src[j].take());
                    j += 1;
                } else {
                    buf.extend(src[i].take());
                    i += 1;
                }
            }
            while i < mid {
                buf.extend(src[i].take());
                i += 1;
            }
            while j < hi {
                buf.extend(src[j].take());
                j += 1;
            }
            lo = hi;
        }
        *v = std::mem::take(&mut buf);
        width *= 2;
    }
    Ok(())
}

fn m_sort(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [key, reverse] = a.parse::<2>(ts, "sort", &["*key", "*reverse"], 0)?;
    let l = list_of(ts, s)?;
    let reverse = match reverse {
        Some(r) => protocols::is_true(ts, &r)?,
        None => false,
    };
    let items = l.with_items(ts, std::mem::take);
    let res = sort_values(ts, items, key.filter(|k| !k.is_none()), reverse);
    let (sorted, err) = match res {
        Ok(v) => (v, None),
        Err((v, e)) => (v, Some(e)),
    };
    let modified = l.with_items(ts, |cur| {
        let m = !cur.is_empty();
        let old = std::mem::replace(cur, sorted);
        (m, old)
    });
    drop(modified.1);
    if let Some(e) = err {
        return Err(e);
    }
    if modified.0 {
        return Err(ts.value_error("list modified during sort"));
    }
    Ok(none())
}

/// Sorts values (by `key(v)` if given); on error returns the items in some order with the error.
pub fn sort_values(
    ts: &ThreadState,
    items: Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> Result<Vec<Value>, (Vec<Value>, crate::errors::PyErr)> {
    let mut pairs = Vec::with_capacity(items.len());
    for v in items.iter() {
        let k = match &key {
            Some(f) => match protocols::call(ts, f, std::slice::from_ref(v), None) {
                Ok(k) => k,
                Err(e) => return Err((items, e)),
            },
            None => v.clone(),
        };
        pairs.push((k, v.clone()));
    }
    drop(items);
    if reverse {
        pairs.reverse();
    }
    let mut lt = |a: &Value, b: &Value| protocols::lt_bool(ts, a, b);
    let r = merge_sort(&mut pairs, &mut lt);
    if reverse {
        pairs.reverse();
    }
    let out: Vec<Value> = pairs.into_iter().map(|(_, v)| v).collect();
    match r {
        Ok(()) => Ok(out),
        Err(e) => Err((out, e)),
    }
}

fn m_reversed(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    crate::objects::iter::new_rev_iter(ts, s.clone(), list_of(ts, s)?.len(ts))
}

fn m_sizeof(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_usize(40 + 8 * list_of(ts, s)?.len(ts)))
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::add_method;
    let t = types().list;
    let s = &t.slots;
    s.repr.set(Some(list_repr));
    s.len.set(Some(list_len));
    s.getitem.set(Some(list_getitem));
    s.setitem.set(Some(list_setitem));
    s.contains.set(Some(list_contains));
    s.iter.set(Some(list_iter));
    s.richcompare.set(Some(list_richcompare));
    s.binary.set(Some(list_binary));
    s.inplace.set(Some(list_inplace));
    s.new.set(Some(list_new));
    s.init.set(Some(list_init));
    s.hash
        .set(Some(crate::objects::object_type::hash_not_implemented));
    add_method(ts, t, "append", m_append);
    add_method(ts, t, "extend", m_extend);
    add_method(ts, t, "pop", m_pop);
    add_method(ts, t, "insert", m_insert);
    add_method(ts, t, "remove", m_remove);
    add_method(ts, t, "index", m_index);
    add_method(ts, t, "count", m_count);
    add_method(ts, t, "clear", m_clear);
    add_method(ts, t, "copy", m_copy);
    add_method(ts, t, "reverse", m_reverse);
    add_method(ts, t, "sort", m_sort);
    add_method(ts, t, "__reversed__", m_reversed);
    add_method(ts, t, "__sizeof__", m_sizeof);
}
