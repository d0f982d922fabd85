//! `collections.deque`: a double-ended queue with an optional maximum length (CPython's
//! `deque` in `Modules/_collectionsmodule.c`).
//!
//! The items live in a `VecDeque` that changes only inside the deque's critical section
//! ([`PyDeque::with`]), so `append`, `popleft`, a bounded deque's trim, `rotate`, … are each
//! atomic for other threads. Nothing that can run Python code happens inside it: comparisons
//! (`count`, `remove`, `index`, `in`, `==`) take one item out under the lock, compare outside,
//! and re-check the mutation counter (`state`, CPython's `deque->state`) afterwards; values
//! removed from the deque are dropped after the lock is released (a `__del__` may run).
//! The iterators (`iter.rs`) keep their position under the same lock.

use super::iter::{new_deque_iter, IterDir};
use std::cell::UnsafeCell;
use std::collections::VecDeque;
use std::sync::OnceLock;
use vm::builtins::args::MethodArgs;
use vm::object::PyPayload;
use vm::objects::descr::{add_classmethod, add_getset, add_method};
use vm::objects::seq::trace_value;
use vm::objects::slots::{BinOp, CmpOp};
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::protocols;
use vm::runtime::{none, not_implemented, py_bool, types};
use vm::{PyResult, ThreadState, Value};

const DEQUE_DOC: &str = "A list-like sequence optimized for data accesses near its endpoints.";

/// A Python `collections.deque`.
pub struct PyDeque {
    inner: UnsafeCell<Inner>,
}

/// What the critical section protects.
pub(crate) struct Inner {
    pub(crate) items: VecDeque<Value>,
    pub(crate) maxlen: Option<usize>,
    /// Bumped by every mutation; iterators and comparisons detect changes by it.
    pub(crate) state: u64,
}

// SAFETY: `inner` is only accessed inside the deque's critical section (`with`), by the
// collector with the world stopped (`trace`), or on an unreachable deque (`clear`).
unsafe impl Sync for PyDeque {}

impl PyPayload for PyDeque {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        // SAFETY: the world is stopped while tracing; nobody mutates.
        for v in unsafe { &*self.inner.get() }.items.iter() {
            trace_value(v, t);
        }
    }
    fn clear(&self) {
        // SAFETY: unreachable object: no other thread can reach it.
        let old = std::mem::take(unsafe { &mut (*self.inner.get()).items });
        drop(old);
    }
}

impl PyDeque {
    fn new() -> PyDeque {
        PyDeque {
            inner: UnsafeCell::new(Inner {
                items: VecDeque::new(),
                maxlen: None,
                state: 0,
            }),
        }
    }

    /// Runs `f` on the state inside the deque's critical section. `f` must not run Python
    /// code, block, or drop a value that may be the last reference (DESIGN: cs-no-python).
    ///
    /// Uncontended, the header mutex is taken as a leaf lock with no critical-section record
    /// (as `PyList::append` does): every closure here only moves values in or out, so it
    /// cannot block, re-enter, or suspend. When the mutex is busy (another thread, or a
    /// critical section of our own on this deque) the full critical section is entered.
    #[inline]
    pub(crate) fn with<R>(&self, ts: &ThreadState, f: impl FnOnce(&mut Inner) -> R) -> R {
        let h = vm::object::header_of_payload(self);
        let m = h.mutex();
        if m.try_lock() {
            // SAFETY: we hold the deque's lock, so the `&mut` is exclusive; it dies with `f`,
            // which runs no Python code and so cannot reach this deque again.
            let r = f(unsafe { &mut *self.inner.get() });
            // SAFETY: taken just above by this thread.
            unsafe { m.unlock() };
            return r;
        }
        gc::with_critical_section(&ts.gc, h, |_cs| {
            // SAFETY: `_cs` proves we hold this deque's lock; the `&mut` dies with the closure.
            f(unsafe { &mut *self.inner.get() })
        })
    }

    pub(crate) fn len(&self, ts: &ThreadState) -> usize {
        self.with(ts, |d| d.items.len())
    }

    fn snapshot(&self, ts: &ThreadState) -> Vec<Value> {
        self.with(ts, |d| d.items.iter().cloned().collect())
    }

    fn maxlen(&self, ts: &ThreadState) -> Option<usize> {
        self.with(ts, |d| d.maxlen)
    }

    /// Appends at the right; returns the item a bounded deque pushed out (drop it unlocked).
    fn append(&self, ts: &ThreadState, v: Value) -> Option<Value> {
        self.with(ts, |d| {
            d.state = d.state.wrapping_add(1);
            d.items.push_back(v);
            if d.maxlen.is_some_and(|m| d.items.len() > m) {
                d.items.pop_front()
            } else {
                None
            }
        })
    }

    fn appendleft(&self, ts: &ThreadState, v: Value) -> Option<Value> {
        self.with(ts, |d| {
            d.state = d.state.wrapping_add(1);
            d.items.push_front(v);
            if d.maxlen.is_some_and(|m| d.items.len() > m) {
                d.items.pop_back()
            } else {
                None
            }
        })
    }

    /// Appends many items at one end under one lock; returns the items pushed out.
    fn extend_items(&self, ts: &ThreadState, vals: Vec<Value>, left: bool) -> Vec<Value> {
        self.with(ts, |d| {
            d.state = d.state.wrapping_add(1);
            let mut out = Vec::new();
            for v in vals {
                if left {
                    d.items.push_front(v);
                } else {
                    d.items.push_back(v);
                }
                if d.maxlen.is_some_and(|m| d.items.len() > m) {
                    out.extend(if left {
                        d.items.pop_back()
                    } else {
                        d.items.pop_front()
                    });
                }
            }
            out
        })
    }

    /// `extend`/`extendleft` of any iterable (runs Python code between the appends).
    fn extend(&self, ts: &ThreadState, me: &Value, iterable: &Value, left: bool) -> PyResult<()> {
        let fast = if iterable.is(me) {
            Some(self.snapshot(ts))
        } else if iterable.class().is(types().list) || iterable.class().is(types().tuple) {
            Some(protocols::collect(ts, iterable)?)
        } else {
            None
        };
        if let Some(vals) = fast {
            drop(self.extend_items(ts, vals, left));
            return Ok(());
        }
        let it = protocols::get_iter(ts, iterable)?;
        if self.maxlen(ts) == Some(0) {
            while protocols::next(ts, &it)?.is_some() {}
            return Ok(());
        }
        while let Some(x) = protocols::next(ts, &it)? {
            drop(if left {
                self.appendleft(ts, x)
            } else {
                self.append(ts, x)
            });
        }
        Ok(())
    }

    /// Item `i` (already normalized) if the deque still has it and `state` is unchanged.
    fn item_at(&self, ts: &ThreadState, i: usize, state: u64) -> Result<Option<Value>, ()> {
        self.with(ts, |d| {
            if d.state != state {
                Err(())
            } else {
                Ok(d.items.get(i).cloned())
            }
        })
    }

    fn state(&self, ts: &ThreadState) -> u64 {
        self.with(ts, |d| d.state)
    }
}

static DEQUE_TYPE: OnceLock<&'static PyType> = OnceLock::new();

pub(crate) fn deque_type(ts: &ThreadState) -> &'static PyType {
    DEQUE_TYPE.get_or_init(|| {
        let t = vm::runtime::new_native_type::<PyDeque>(
            ts,
            "collections.deque",
            None,
            flags::BASETYPE | flags::WEAKREFABLE,
            setup,
        );
        // The binary slots expose every operator's dunders; a deque has only these.
        let keep = ["__add__", "__mul__", "__rmul__", "__iadd__", "__imul__"];
        for op in BinOp::ALL {
            for name in [op.dunder(), op.rdunder(), op.idunder()] {
                if !keep.contains(&name) {
                    let _ = t.dict().del_item(ts, &ts.intern(name));
                }
            }
        }
        t
    })
}

fn setup(ts: &ThreadState, t: &'static PyType) {
    let s = &t.slots;
    s.new.set(Some(deque_new));
    s.init.set(Some(deque_init));
    s.repr.set(Some(deque_repr));
    s.len.set(Some(deque_len));
    s.getitem.set(Some(deque_getitem));
    s.setitem.set(Some(deque_setitem));
    s.contains.set(Some(deque_contains));
    s.iter.set(Some(deque_iter));
    s.richcompare.set(Some(deque_richcompare));
    s.binary.set(Some(deque_binary));
    s.inplace.set(Some(deque_inplace));
    s.hash
        .set(Some(vm::objects::object_type::hash_not_implemented));
    add_method(ts, t, "append", m_append);
    add_method(ts, t, "appendleft", m_appendleft);
    add_method(ts, t, "pop", m_pop);
    add_method(ts, t, "popleft", m_popleft);
    add_method(ts, t, "extend", m_extend);
    add_method(ts, t, "extendleft", m_extendleft);
    add_method(ts, t, "clear", m_clear);
    add_method(ts, t, "copy", m_copy);
    add_method(ts, t, "__copy__", m_copy);
    add_method(ts, t, "count", m_count);
    add_method(ts, t, "index", m_index);
    add_method(ts, t, "insert", m_insert);
    add_method(ts, t, "remove", m_remove);
    add_method(ts, t, "reverse", m_reverse);
    add_method(ts, t, "rotate", m_rotate);
    add_method(ts, t, "__reduce__", m_reduce);
    add_method(ts, t, "__reversed__", m_reversed);
    add_method(ts, t, "__sizeof__", m_sizeof);
    add_getset(ts, t, "maxlen", g_maxlen, None);
    add_classmethod(
        ts,
        t,
        "__class_getitem__",
        vm::objects::generic_alias::class_getitem,
    );
    t.dict().set_str(ts, "__doc__", ts.new_str(DEQUE_DOC));
    t.dict()
        .set_str(ts, "__module__", ts.new_str("collections"));
}

/// The deque payload of `v`, or CPython's descriptor TypeError.
pub(crate) fn this<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyDeque> {
    v.downcast::<PyDeque>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'collections.deque' object but received a '{}'",
            v.class().name()
        ))
    })
}

/// A type's short name (`deque`, or a subclass's `__name__`), as `_PyType_Name` gives.
fn short_name(t: &PyType) -> String {
    let n = t.name();
    match n.rsplit_once('.') {
        Some((_, s)) => s.to_string(),
        None => n,
    }
}

// --- construction ---

fn deque_new(ts: &ThreadState, cls: &Value, _a: &[Value], _k: Option<&PyTuple>) -> PyResult<Value> {
    vm::object::alloc(ts, cls.as_type(), PyDeque::new())
}

/// `maxlen` as CPython's `PyLong_AsSsize_t` reads it (ints only, no `__index__`).
fn maxlen_arg(ts: &ThreadState, v: &Value) -> PyResult<Option<usize>> {
    if v.is_none() {
        return Ok(None);
    }
    let Some(i) = vm::objects::int::as_int(v) else {
        return Err(ts.type_error("an integer is required"));
    };
    let n = match i {
        vm::objects::int::IntVal::Small(n) => n,
        vm::objects::int::IntVal::Big(_) => {
            return Err(ts.overflow_error("Python int too large to convert to C ssize_t"))
        }
    };
    if n < 0 {
        return Err(ts.value_error("maxlen must be non-negative"));
    }
    Ok(Some(n as usize))
}

fn deque_init(ts: &ThreadState, v: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    let [iterable, maxlen] =
        MethodArgs::new(args, kw).parse::<2>(ts, "deque", &["iterable", "maxlen"], 0)?;
    let d = this(ts, v)?;
    let maxlen = match &maxlen {
        Some(m) => maxlen_arg(ts, m)?,
        None => None,
    };
    let old = d.with(ts, |d| {
        d.maxlen = maxlen;
        if d.items.is_empty() {
            VecDeque::new()
        } else {
            d.state = d.state.wrapping_add(1);
            std::mem::take(&mut d.items)
        }
    });
    drop(old);
    if let Some(it) = iterable {
        d.extend(ts, v, &it, false)?;
    }
    Ok(())
}

/// A new deque of `v`'s type holding `v`'s items (CPython's `deque_copy`).
fn copy_of(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let d = this(ts, v)?;
    let ty = v.class();
    let (items, maxlen) = d.with(ts, |d| (d.items.clone(), d.maxlen));
    if ty.is(deque_type(ts)) {
        let nd = PyDeque::new();
        // SAFETY: the new deque is not shared with anyone yet.
        unsafe {
            let inner = &mut *nd.inner.get();
            inner.items = items;
            inner.maxlen = maxlen;
        }
        return vm::object::alloc(ts, ty, nd);
    }
    drop(items);
    let cls = ty.to_value();
    match maxlen {
        None => protocols::call(ts, &cls, std::slice::from_ref(v), None),
        Some(m) => protocols::call(ts, &cls, &[v.clone(), ts.new_int(m as i64)], None),
    }
}

// --- methods ---

/// The arguments without their owner type: CPython names a deque method `deque.append()` in
/// its argument errors, not by the type's dotted name.
fn short(a: MethodArgs<'_>) -> MethodArgs<'_> {
    MethodArgs { owner: None, ..a }
}

/// The one positional argument of a METH_O method (`fname` words the error).
#[inline]
fn one_arg(ts: &ThreadState, a: MethodArgs<'_>, fname: &str) -> PyResult<Value> {
    if let ([x], None) = (a.args, a.kwnames.filter(|k| !k.is_empty())) {
        return Ok(x.clone());
    }
    let [x] = short(a).parse::<1>(ts, fname, &[""], 1)?;
    Ok(x.unwrap_or_else(none))
}

fn m_append(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one_arg(ts, a, "deque.append")?;
    drop(this(ts, s)?.append(ts, x));
    Ok(none())
}

fn m_appendleft(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one_arg(ts, a, "deque.appendleft")?;
    drop(this(ts, s)?.appendleft(ts, x));
    Ok(none())
}

fn pop_end(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    left: bool,
) -> PyResult<Value> {
    if !a.args.is_empty() {
        short(a).none(ts, &format!("deque.{name}"))?;
    }
    let d = this(ts, s)?;
    d.with(ts, |d| {
        let r = if left {
            d.items.pop_front()
        } else {
            d.items.pop_back()
        };
        if r.is_some() {
            d.state = d.state.wrapping_add(1);
        }
        r
    })
    .ok_or_else(|| ts.index_error("pop from an empty deque"))
}

fn m_pop(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    pop_end(ts, s, a, "pop", false)
}

fn m_popleft(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    pop_end(ts, s, a, "popleft", true)
}

fn m_extend(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one_arg(ts, a, "deque.extend")?;
    this(ts, s)?.extend(ts, s, &x, false)?;
    Ok(none())
}

fn m_extendleft(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one_arg(ts, a, "deque.extendleft")?;
    this(ts, s)?.extend(ts, s, &x, true)?;
    Ok(none())
}

fn m_clear(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    short(a).none(ts, "deque.clear")?;
    let old = this(ts, s)?.with(ts, |d| {
        d.state = d.state.wrapping_add(1);
        std::mem::take(&mut d.items)
    });
    drop(old);
    Ok(none())
}

fn m_copy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    short(a).none(ts, "deque.copy")?;
    copy_of(ts, s)
}

/// Compares `value` with the items from `start` to `stop`, stopping at the first equal one;
/// a mutation during a comparison is `Err(None)`.
fn find(
    ts: &ThreadState,
    d: &PyDeque,
    value: &Value,
    start: usize,
    stop: usize,
    mut hit: impl FnMut(usize) -> bool,
) -> PyResult<Result<(), ()>> {
    let state = d.state(ts);
    for i in start..stop {
        let x = match d.item_at(ts, i, state) {
            Ok(Some(x)) => x,
            Ok(None) => break,
            Err(()) => return Ok(Err(())),
        };
        let eq = protocols::eq_identity_first(ts, &x, value)?;
        if d.state(ts) != state {
            return Ok(Err(()));
        }
        if eq && hit(i) {
            return Ok(Ok(()));
        }
    }
    Ok(Ok(()))
}

fn mutated(ts: &ThreadState) -> vm::PyErr {
    ts.runtime_error("deque mutated during iteration")
}

fn m_count(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one_arg(ts, a, "deque.count")?;
    let d = this(ts, s)?;
    let mut n = 0i64;
    let len = d.len(ts);
    find(ts, d, &x, 0, len, |_| {
        n += 1;
        false
    })?
    .map_err(|()| mutated(ts))?;
    Ok(ts.new_int(n))
}

fn deque_contains(ts: &ThreadState, s: &Value, x: &Value) -> PyResult<bool> {
    let d = this(ts, s)?;
    let mut found = false;
    let len = d.len(ts);
    find(ts, d, x, 0, len, |_| {
        found = true;
        true
    })?
    .map_err(|()| mutated(ts))?;
    Ok(found)
}

/// A slice bound as `_PyEval_SliceIndexNotNone` reads it (clamped to the i64 range).
fn slice_index(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    if !v.is_inline_int() && !v.class().slots.index.is_set() {
        return Err(ts.type_error("slice indices must be integers or have an __index__ method"));
    }
    protocols::index_i64_clamped(ts, v)
}

fn m_index(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, start, stop] = a.parse::<3>(ts, "index", &["", "", ""], 1)?;
    let d = this(ts, s)?;
    let n = d.len(ts) as i64;
    let mut lo = match &start {
        Some(v) => slice_index(ts, v)?,
        None => 0,
    };
    let mut hi = match &stop {
        Some(v) => slice_index(ts, v)?,
        None => n,
    };
    if lo < 0 {
        lo = (lo + n).max(0);
    }
    if hi < 0 {
        hi = (hi + n).max(0);
    }
    hi = hi.min(n);
    lo = lo.min(hi);
    let x = x.unwrap_or_else(none);
    let mut at = None;
    find(ts, d, &x, lo as usize, hi as usize, |i| {
        at = Some(i);
        true
    })?
    .map_err(|()| mutated(ts))?;
    match at {
        Some(i) => Ok(ts.new_int(i as i64)),
        None => Err(ts.value_error("deque.index(x): x not in deque")),
    }
}

/// An index argument as CPython's `Py_ssize_t` converter reads it.
fn ssize_arg(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    match protocols::index_i64(ts, v) {
        Err(e) if e.matches(types().exc.index_error) => {
            Err(ts.overflow_error("Python int too large to convert to C ssize_t"))
        }
        r => r,
    }
}

fn m_insert(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [i, x] = a.parse::<2>(ts, "insert", &["", ""], 2)?;
    let d = this(ts, s)?;
    let i = ssize_arg(ts, &i.unwrap_or_else(none))?;
    let x = x.unwrap_or_else(none);
    let full = d.with(ts, |d| {
        let n = d.items.len() as i64;
        if d.maxlen.is_some_and(|m| d.items.len() >= m) {
            return true;
        }
        let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
        d.state = d.state.wrapping_add(1);
        d.items.insert(at as usize, x);
        false
    });
    if full {
        // Made here, not under the lock: allocating may run the collector.
        return Err(ts.index_error("deque already at its maximum size"));
    }
    Ok(none())
}

fn m_remove(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one_arg(ts, a, "deque.remove")?;
    let d = this(ts, s)?;
    let mut at = None;
    let len = d.len(ts);
    let state = d.state(ts);
    let mutated_remove = || ts.index_error("deque mutated during iteration");
    find(ts, d, &x, 0, len, |i| {
        at = Some(i);
        true
    })?
    .map_err(|()| mutated_remove())?;
    let Some(i) = at else {
        return Err(ts.value_error("deque.remove(x): x not in deque"));
    };
    let old = d.with(ts, |d| {
        if d.state != state {
            return None;
        }
        d.state = d.state.wrapping_add(1);
        d.items.remove(i)
    });
    match old {
        Some(v) => {
            drop(v);
            Ok(none())
        }
        None => Err(mutated_remove()),
    }
}

fn m_reverse(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    short(a).none(ts, "deque.reverse")?;
    this(ts, s)?.with(ts, |d| {
        d.state = d.state.wrapping_add(1);
        d.items.make_contiguous().reverse();
    });
    Ok(none())
}

fn m_rotate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "rotate", &[""], 0)?;
    let d = this(ts, s)?;
    let n = match &n {
        Some(v) => ssize_arg(ts, v)?,
        None => 1,
    };
    d.with(ts, |d| {
        let len = d.items.len();
        if len <= 1 {
            return;
        }
        d.state = d.state.wrapping_add(1);
        let k = n.rem_euclid(len as i64) as usize;
        d.items.rotate_right(k);
    });
    Ok(none())
}

fn m_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    short(a).none(ts, "deque.__reduce__")?;
    let d = this(ts, s)?;
    let cls = s.class().to_value();
    let state = protocols::call_method(ts, s, "__getstate__", &[])?;
    let args = match d.maxlen(ts) {
        None => ts.new_tuple(vec![]),
        Some(m) => ts.new_tuple(vec![ts.new_tuple(vec![]), ts.new_int(m as i64)]),
    };
    // `iter(self)`, not the native iterator: a subclass's `__iter__` decides what pickles.
    let it = protocols::get_iter(ts, s)?;
    Ok(ts.new_tuple(vec![cls, args, state, it]))
}

fn m_reversed(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    short(a).none(ts, "deque.__reversed__")?;
    this(ts, s)?;
    new_deque_iter(ts, s.clone(), IterDir::Backward)
}

fn m_sizeof(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    short(a).none(ts, "deque.__sizeof__")?;
    let d = this(ts, s)?;
    let cap = d.with(ts, |d| d.items.capacity());
    let base = std::mem::size_of::<gc::ObjHeader>() + std::mem::size_of::<PyDeque>();
    Ok(ts.new_int((base + cap * std::mem::size_of::<Value>()) as i64))
}

fn g_maxlen(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(match this(ts, v)?.maxlen(ts) {
        Some(m) => ts.new_int(m as i64),
        None => none(),
    })
}

// --- slots ---

fn deque_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    this(ts, v)?;
    new_deque_iter(ts, v.clone(), IterDir::Forward)
}

fn deque_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    Ok(this(ts, v)?.len(ts))
}

fn deque_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let d = this(ts, v)?;
    let Some(_g) = ts.repr_enter(v) else {
        return Ok(ts.new_str("[...]"));
    };
    let (items, maxlen) = d.with(ts, |d| (d.items.iter().cloned().collect(), d.maxlen));
    let body = protocols::repr_string(ts, &ts.new_list(items))?;
    let name = short_name(v.class());
    Ok(ts.new_str(&match maxlen {
        Some(m) => format!("{name}({body}, maxlen={m})"),
        None => format!("{name}({body})"),
    }))
}

/// `d[i]`'s index, normalized; IndexError when out of range.
fn item_index(ts: &ThreadState, key: &Value, len: usize) -> PyResult<usize> {
    let Some(i) = protocols::try_index(ts, key)? else {
        return Err(ts.type_error(format!(
            "sequence index must be integer, not '{}'",
            key.class().name()
        )));
    };
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if (0..n).contains(&j) {
        Ok(j as usize)
    } else {
        Err(ts.index_error("deque index out of range"))
    }
}

fn deque_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let d = this(ts, v)?;
    if let Some(i) = key.as_inline_int() {
        let r = d.with(ts, |d| {
            let n = d.items.len() as i64;
            let j = if i < 0 { i + n } else { i };
            if (0..n).contains(&j) {
                d.items.get(j as usize).cloned()
            } else {
                None
            }
        });
        return r.ok_or_else(|| ts.index_error("deque index out of range"));
    }
    let i = item_index(ts, key, d.len(ts))?;
    d.with(ts, |d| d.items.get(i).cloned())
        .ok_or_else(|| ts.index_error("deque index out of range"))
}

fn deque_setitem(ts: &ThreadState, v: &Value, key: &Value, x: Option<Value>) -> PyResult<()> {
    let d = this(ts, v)?;
    let i = item_index(ts, key, d.len(ts))?;
    let old = d.with(ts, |d| match x {
        Some(x) => match d.items.get_mut(i) {
            Some(slot) => Some(std::mem::replace(slot, x)),
            None => None,
        },
        None => {
            let r = d.items.remove(i);
            if r.is_some() {
                d.state = d.state.wrapping_add(1);
            }
            r
        }
    });
    match old {
        Some(o) => {
            drop(o);
            Ok(())
        }
        None => Err(ts.index_error("deque index out of range")),
    }
}

fn deque_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<PyDeque>(), b.downcast::<PyDeque>()) else {
        return Ok(not_implemented());
    };
    let (xs, ys) = (x.snapshot(ts), y.snapshot(ts));
    if xs.len() != ys.len() && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(py_bool(op == CmpOp::Ne));
    }
    for (p, q) in xs.iter().zip(ys.iter()) {
        if !protocols::eq_identity_first(ts, p, q)? {
            return match op {
                CmpOp::Eq => Ok(py_bool(false)),
                CmpOp::Ne => Ok(py_bool(true)),
                _ => protocols::rich_compare(ts, p, q, op),
            };
        }
    }
    let (m, n) = (xs.len(), ys.len());
    Ok(py_bool(match op {
        CmpOp::Lt => m < n,
        CmpOp::Le => m <= n,
        CmpOp::Eq => m == n,
        CmpOp::Ne => m != n,
        CmpOp::Gt => m > n,
        CmpOp::Ge => m >= n,
    }))
}

/// A repeat count for `*` (CPython's `sq_repeat` conversion).
fn repeat_count(ts: &ThreadState, n: &Value) -> PyResult<i64> {
    if !n.is_inline_int() && !n.class().slots.index.is_set() {
        return Err(ts.type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            n.class().name()
        )));
    }
    match protocols::index_i64(ts, n) {
        Err(e) if e.matches(types().exc.index_error) => Err(ts.overflow_error(format!(
            "cannot fit '{}' into an index-sized integer",
            n.class().name()
        ))),
        r => r,
    }
}

/// Repeats the items in place (`d *= n`), keeping at most `maxlen` from the right.
fn repeat_in_place(ts: &ThreadState, d: &PyDeque, n: i64) -> PyResult<()> {
    let old = d.with(ts, |d| {
        d.state = d.state.wrapping_add(1);
        if n <= 0 || d.items.is_empty() {
            return Ok(std::mem::take(&mut d.items));
        }
        let len = d.items.len();
        let total = len.checked_mul(n as usize).ok_or(())?;
        // A bounded deque keeps the last `maxlen` items of the repetition.
        let keep = d.maxlen.map_or(total, |m| total.min(m));
        if keep > isize::MAX as usize / std::mem::size_of::<Value>() {
            return Err(());
        }
        let base: Vec<Value> = d.items.iter().cloned().collect();
        let start = total - keep;
        // An allocation failure is a MemoryError, not an abort.
        let mut new = VecDeque::new();
        new.try_reserve_exact(keep).map_err(|_| ())?;
        new.extend((start..total).map(|p| base[p % len].clone()));
        let old = std::mem::replace(&mut d.items, new);
        drop(base);
        Ok(old)
    });
    match old {
        Ok(o) => {
            drop(o);
            Ok(())
        }
        Err(()) => Err(ts.memory_error()),
    }
}

fn deque_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    match op {
        BinOp::Add => {
            if a.downcast::<PyDeque>().is_none() {
                return Ok(not_implemented());
            }
            let Some(other) = b.downcast::<PyDeque>() else {
                return Err(ts.type_error(format!(
                    "can only concatenate deque (not \"{}\") to deque",
                    b.class().name()
                )));
            };
            let new = copy_of(ts, a)?;
            let more = other.snapshot(ts);
            this(ts, &new)?.extend(ts, &new, &ts.new_list(more), false)?;
            Ok(new)
        }
        BinOp::Mul => {
            let (d, n) = match (a.downcast::<PyDeque>(), b.downcast::<PyDeque>()) {
                (Some(_), _) => (a, b),
                (None, Some(_)) => (b, a),
                _ => return Ok(not_implemented()),
            };
            let n = repeat_count(ts, n)?;
            let new = copy_of(ts, d)?;
            repeat_in_place(ts, this(ts, &new)?, n)?;
            Ok(new)
        }
        _ => Ok(not_implemented()),
    }
}

fn deque_inplace(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let Some(d) = a.downcast::<PyDeque>() else {
        return Ok(not_implemented());
    };
    match op {
        BinOp::Add => {
            d.extend(ts, a, b, false)?;
            Ok(a.clone())
        }
        BinOp::Mul => {
            let n = repeat_count(ts, b)?;
            repeat_in_place(ts, d, n)?;
            Ok(a.clone())
        }
        _ => Ok(not_implemented()),
    }
}
