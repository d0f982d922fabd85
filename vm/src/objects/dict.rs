//! `dict`: a compact, insertion-ordered hash table (CPython's layout: a dense entry array and a
//! sparse index table probed with CPython's perturbation scheme).
//!
//! All state changes happen inside the dict's critical section. A key comparison that may run
//! Python code (`__eq__` of a user class) runs *outside* the `&mut` borrow: the lookup collects
//! candidate entries under the lock, compares them without it, then re-validates the dict's
//! `version` under the lock and restarts if the dict changed meanwhile (CPython's
//! `DKIX_ERROR`/restart rule). Every mutation gives the dict a fresh process-unique version, which
//! thread-local caches (LOAD_GLOBAL) use to validate what they remember.

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::seq;
use crate::objects::slots::{BinOp, CmpOp};
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{none, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const MIN_SIZE: usize = 8;

struct Entry {
    hash: i64,
    key: Value,
    value: Value,
}

#[derive(Default)]
struct Table {
    entries: Vec<Option<Entry>>,
    indices: Vec<i32>,
    used: usize,
}

pub struct PyDict {
    table: UnsafeCell<Table>,
    version: AtomicU64,
}

// SAFETY: `table` is only accessed inside the dict's critical section (`with_table`), by the
// collector with the world stopped (`trace`), or on an unreachable dict (`clear`).
unsafe impl Sync for PyDict {}

impl PyPayload for PyDict {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        // SAFETY: world stopped.
        for e in unsafe { &*self.table.get() }.entries.iter().flatten() {
            seq::trace_value(&e.key, t);
            seq::trace_value(&e.value, t);
        }
    }
    fn clear(&self) {
        // SAFETY: unreachable.
        let old = std::mem::take(unsafe { &mut *self.table.get() });
        drop(old);
    }
}

/// Equality that needs no Python code: identity, exact str, exact int, exact float.
#[inline]
pub fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    let t = types();
    if a.is_inline_int() && b.is_inline_int() {
        return Some(false);
    }
    let (ca, cb) = (a.class(), b.class());
    if ca.is(t.str) && cb.is(t.str) {
        // SAFETY: both are exact strs.
        let (x, y) = unsafe {
            (
                a.payload_unchecked::<PyStr>(),
                b.payload_unchecked::<PyStr>(),
            )
        };
        return Some(x.eq_str(y));
    }
    if ca.is(t.int) && cb.is(t.int) {
        let (x, y) = (
            crate::objects::int::as_int(a)?,
            crate::objects::int::as_int(b)?,
        );
        return Some(crate::objects::int::int_cmp(x, y) == std::cmp::Ordering::Equal);
    }
    if (ca.is(t.str) && (cb.is(t.int) || cb.is(t.float)))
        || (cb.is(t.str) && (ca.is(t.int) || ca.is(t.float)))
    {
        return Some(false);
    }
    None
}

impl Table {
    fn mask(&self) -> usize {
        self.indices.len().wrapping_sub(1)
    }

    /// Probe sequence: calls `f(slot)` until it returns Some.
    fn probe<R>(&self, hash: i64, mut f: impl FnMut(usize, i32) -> Option<R>) -> R {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if let Some(r) = f(i, self.indices[i]) {
                return r;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    /// Looks up `key`: `Ok(Some(entry index))`, `Ok(None)` absent, `Err(candidates)` when some
    /// entries with the same hash need a Python comparison.
    fn find(&self, key: &Value, hash: i64) -> Result<Option<usize>, Vec<(usize, Value)>> {
        if self.indices.is_empty() {
            return Ok(None);
        }
        let mut slow = Vec::new();
        let r = self.probe(hash, |_, ix| {
            if ix == EMPTY {
                return Some(None);
            }
            if ix >= 0 {
                if let Some(e) = &self.entries[ix as usize] {
                    if e.hash == hash {
                        match fast_eq(&e.key, key) {
                            Some(true) => return Some(Some(ix as usize)),
                            Some(false) => {}
                            None => slow.push((ix as usize, e.key.clone())),
                        }
                    }
                }
            }
            None
        });
        if r.is_none() && !slow.is_empty() {
            return Err(slow);
        }
        Ok(r)
    }

    fn insert_slot(&mut self, hash: i64, entry_index: usize) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if self.indices[i] < 0 {
                self.indices[i] = entry_index as i32;
                return;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    fn resize(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size * 2 < min_used * 3 + 1 {
            size *= 2;
        }
        let entries: Vec<Option<Entry>> = std::mem::take(&mut self.entries)
            .into_iter()
            .filter(|e| e.is_some())
            .collect();
        self.indices = vec![EMPTY; size];
        self.entries = entries;
        for i in 0..self.entries.len() {
            let h = self.entries[i].as_ref().map_or(0, |e| e.hash);
            self.insert_slot(h, i);
        }
    }

    fn push(&mut self, hash: i64, key: Value, value: Value) {
        if self.indices.is_empty() || (self.entries.len() + 1) * 3 > self.indices.len() * 2 {
            self.resize(self.used + 1);
        }
        let idx = self.entries.len();
        self.entries.push(Some(Entry { hash, key, value }));
        self.insert_slot(hash, idx);
        self.used += 1;
    }

    fn remove_at(&mut self, idx: usize) -> Option<Entry> {
        let e = self.entries.get_mut(idx)?.take()?;
        let mask = self.mask();
        let mut perturb = e.hash as u64;
        let mut i = (e.hash as u64 as usize) & mask;
        loop {
            if self.indices[i] == idx as i32 {
                self.indices[i] = DUMMY;
                break;
            }
            if self.indices[i] == EMPTY {
                break;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
        self.used -= 1;
        if self.used == 0 {
            *self = Table::default();
        }
        Some(e)
    }
}

impl Default for PyDict {
    fn default() -> Self {
        PyDict::new()
    }
}

impl PyDict {
    pub const NAME: &str = "dict";

    pub fn new() -> PyDict {
        PyDict {
            table: UnsafeCell::new(Table::default()),
            version: AtomicU64::new(0),
        }
    }

    pub fn new_value(ts: &ThreadState) -> PyResult<Value> {
        crate::object::alloc(ts, types().dict, PyDict::new())
    }

    #[inline]
    fn with_table<R>(&self, ts: &ThreadState, f: impl FnOnce(&mut Table) -> R) -> R {
        let h = crate::object::header_of_payload(self);
        gc::with_critical_section(&ts.gc, h, |_cs| {
            // SAFETY: `_cs` proves we hold this dict's lock; the `&mut` dies with the closure.
            f(unsafe { &mut *self.table.get() })
        })
    }

    /// Runs a short read-only look at the table under the dict's mutex taken as a leaf lock,
    /// without a critical-section record: `f` neither blocks, nor runs Python code, nor drops
    /// a value, nor takes another lock, so nothing can need to suspend it (DESIGN:
    /// cs-never-wait-holding holds trivially) and the record would only cost time. When the
    /// lock is busy (another thread, or a section of this thread) it falls back to
    /// [`PyDict::with_table`], which handles waiting and re-entry.
    #[inline]
    fn read_table<R>(&self, ts: &ThreadState, f: impl FnOnce(&mut Table) -> R) -> R {
        let m = crate::object::header_of_payload(self).mutex();
        if m.try_lock() {
            // SAFETY: we hold the dict's lock, so no other thread touches the table, and the
            // `&mut` dies with `f`, which can't re-enter this dict (it runs no Python code).
            let r = f(unsafe { &mut *self.table.get() });
            // SAFETY: taken just above by this thread.
            unsafe { m.unlock() };
            r
        } else {
            self.with_table(ts, f)
        }
    }

    fn bump(&self, ts: &ThreadState) {
        // ORDERING: Release pairs with the Acquire in `version`: a reader that sees the new
        // version also sees the change (both are made under the dict's lock).
        self.version.store(ts.next_version(), Ordering::Release);
    }

    /// The dict's current version (changes on every mutation).
    #[inline]
    pub fn version(&self) -> u64 {
        // ORDERING: see `bump`.
        self.version.load(Ordering::Acquire)
    }

    pub fn len(&self, ts: &ThreadState) -> usize {
        self.read_table(ts, |t| t.used)
    }

    pub fn is_empty(&self, ts: &ThreadState) -> bool {
        self.len(ts) == 0
    }

    /// `d.get(key)`; errors from hashing or comparing.
    pub fn get_item(&self, ts: &ThreadState, key: &Value) -> PyResult<Option<Value>> {
        let hash = key_hash(ts, key)?;
        self.get_item_hashed(ts, key, hash)
    }

    pub fn get_item_hashed(
        &self,
        ts: &ThreadState,
        key: &Value,
        hash: i64,
    ) -> PyResult<Option<Value>> {
        loop {
            let (found, ver) = self.read_table(ts, |t| {
                let ver = self.version();
                (
                    t.find(key, hash)
                        .map(|o| o.and_then(|i| t.entries[i].as_ref().map(|e| e.value.clone()))),
                    ver,
                )
            });
            match found {
                Ok(v) => return Ok(v),
                Err(cands) => {
                    for (idx, k) in cands {
                        if protocols::eq(ts, &k, key)? {
                            let r = self.with_table(ts, |t| {
                                if self.version() != ver {
                                    return None;
                                }
                                Some(
                                    t.entries
                                        .get(idx)
                                        .and_then(|e| e.as_ref())
                                        .map(|e| e.value.clone()),
                                )
                            });
                            match r {
                                Some(v) => return Ok(v),
                                None => break,
                            }
                        }
                    }
                    if self.version() == ver {
                        return Ok(None);
                    }
                }
            }
        }
    }

    /// Lookup by a str key (never runs Python code: a str only equals strs).
    pub fn get_item_str(&self, ts: &ThreadState, key: &Value) -> Option<Value> {
        let hash = match key.downcast::<PyStr>() {
            Some(s) => s.hash(),
            None => return None,
        };
        self.read_table(ts, |t| {
            if t.indices.is_empty() {
                return None;
            }
            t.probe(hash, |_, ix| {
                if ix == EMPTY {
                    return Some(None);
                }
                if ix >= 0 {
                    if let Some(e) = &t.entries[ix as usize] {
                        if e.hash == hash && fast_eq(&e.key, key) == Some(true) {
                            return Some(Some(e.value.clone()));
                        }
                    }
                }
                None
            })
        })
    }

    /// `d[key] = value`.
    pub fn set_item(&self, ts: &ThreadState, key: Value, value: Value) -> PyResult<()> {
        let hash = key_hash(ts, &key)?;
        self.set_item_hashed(ts, key, hash, value)
    }

    pub fn set_item_hashed(
        &self,
        ts: &ThreadState,
        key: Value,
        hash: i64,
        value: Value,
    ) -> PyResult<()> {
        let mut value = Some(value);
        let mut key = Some(key);
        loop {
            let res = self.with_table(ts, |t| match t.find(key.as_ref().expect("key"), hash) {
                Ok(Some(i)) => {
                    let old = t.entries[i]
                        .as_mut()
                        .map(|e| std::mem::replace(&mut e.value, value.take().expect("value")));
                    self.bump(ts);
                    Ok((old, 0))
                }
                Ok(None) => {
                    t.push(hash, key.take().expect("key"), value.take().expect("value"));
                    self.bump(ts);
                    Ok((None, 0))
                }
                Err(c) => Err((c, self.version())),
            });
            match res {
                Ok((old, _)) => {
                    drop(old);
                    return Ok(());
                }
                Err((cands, ver)) => {
                    let k = key.as_ref().expect("key").clone();
                    let mut hit = None;
                    for (idx, ck) in cands {
                        if protocols::eq(ts, &ck, &k)? {
                            hit = Some(idx);
                            break;
                        }
                    }
                    let done = self.with_table(ts, |t| {
                        if self.version() != ver {
                            return None;
                        }
                        match hit {
                            Some(i) => {
                                let old = t.entries[i].as_mut().map(|e| {
                                    std::mem::replace(&mut e.value, value.take().expect("value"))
                                });
                                self.bump(ts);
                                Some(old)
                            }
                            None => {
                                t.push(
                                    hash,
                                    key.take().expect("key"),
                                    value.take().expect("value"),
                                );
                                self.bump(ts);
                                Some(None)
                            }
                        }
                    });
                    if let Some(old) = done {
                        drop(old);
                        return Ok(());
                    }
                }
            }
        }
    }

    /// `del d[key]`; returns the removed value (None if absent).
    pub fn del_item(&self, ts: &ThreadState, key: &Value) -> PyResult<Option<Value>> {
        let hash = key_hash(ts, key)?;
        loop {
            let res = self.with_table(ts, |t| match t.find(key, hash) {
                Ok(Some(i)) => {
                    let e = t.remove_at(i);
                    self.bump(ts);
                    Ok(e)
                }
                Ok(None) => Ok(None),
                Err(c) => Err((c, self.version())),
            });
            match res {
                Ok(e) => return Ok(e.map(|e| e.value)),
                Err((cands, ver)) => {
                    let mut hit = None;
                    for (idx, ck) in cands {
                        if protocols::eq(ts, &ck, key)? {
                            hit = Some(idx);
                            break;
                        }
                    }
                    let r = self.with_table(ts, |t| {
                        if self.version() != ver {
                            return None;
                        }
                        let e = hit.and_then(|i| t.remove_at(i));
                        if e.is_some() {
                            self.bump(ts);
                        }
                        Some(e)
                    });
                    if let Some(e) = r {
                        return Ok(e.map(|e| e.value));
                    }
                }
            }
        }
    }

    /// A snapshot of the items in order.
    pub fn items(&self, ts: &ThreadState) -> Vec<(Value, Value)> {
        self.with_table(ts, |t| {
            t.entries
                .iter()
                .flatten()
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect()
        })
    }

    pub fn keys(&self, ts: &ThreadState) -> Vec<Value> {
        self.with_table(ts, |t| {
            t.entries.iter().flatten().map(|e| e.key.clone()).collect()
        })
    }

    pub fn values(&self, ts: &ThreadState) -> Vec<Value> {
        self.with_table(ts, |t| {
            t.entries
                .iter()
                .flatten()
                .map(|e| e.value.clone())
                .collect()
        })
    }

    pub fn clear_all(&self, ts: &ThreadState) {
        let old = self.with_table(ts, std::mem::take);
        self.bump(ts);
        drop(old);
    }

    /// Entry `pos` onwards: the next live entry and the position after it (iteration).
    fn next_entry(&self, ts: &ThreadState, pos: usize) -> Option<(usize, Value, Value, usize)> {
        self.with_table(ts, |t| {
            let mut p = pos;
            while p < t.entries.len() {
                if let Some(e) = &t.entries[p] {
                    return Some((p + 1, e.key.clone(), e.value.clone(), t.used));
                }
                p += 1;
            }
            None
        })
    }

    fn used(&self, ts: &ThreadState) -> usize {
        self.len(ts)
    }

    /// Convenience for Rust callers: `d[name] = v` with a str key.
    pub fn set_str(&self, ts: &ThreadState, name: &str, v: Value) {
        let k = ts.intern(name);
        let _ = self.set_item(ts, k, v);
    }

    pub fn get_str(&self, ts: &ThreadState, name: &str) -> Option<Value> {
        let k = ts.intern(name);
        self.get_item_str(ts, &k)
    }

    /// Pops the last item (`popitem`).
    fn pop_last(&self, ts: &ThreadState) -> Option<(Value, Value)> {
        let r = self.with_table(ts, |t| {
            let idx = t.entries.iter().rposition(|e| e.is_some())?;
            let e = t.remove_at(idx)?;
            t.entries.truncate(idx);
            Some((e.key, e.value))
        });
        if r.is_some() {
            self.bump(ts);
        }
        r
    }
}

/// The hash of a dict key; an unhashable key gets CPython 3.14's message.
fn key_hash(ts: &ThreadState, key: &Value) -> PyResult<i64> {
    protocols::hash(ts, key).map_err(|e| unhashable(ts, key, e, "a dict key"))
}

/// Rewrites "unhashable type: 'T'" as "cannot use 'T' as {what} (unhashable type: 'T')".
pub fn unhashable(
    ts: &ThreadState,
    key: &Value,
    e: crate::errors::PyErr,
    what: &str,
) -> crate::errors::PyErr {
    if e.value().class().is(types().exc.type_error) {
        let msg = protocols::str_string(ts, e.value()).unwrap_or_default();
        if msg.starts_with("unhashable type") {
            return ts.type_error(format!(
                "cannot use '{}' as {what} ({msg})",
                key.class().name()
            ));
        }
    }
    e
}

impl ThreadState {
    pub fn new_dict(&self) -> Value {
        match PyDict::new_value(self) {
            Ok(v) => v,
            Err(_) => std::process::abort(),
        }
    }
}

fn dict_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyDict> {
    v.downcast::<PyDict>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'dict' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn dict_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let d = dict_of(ts, v)?;
    let items = d.items(ts);
    if items.is_empty() {
        return Ok(ts.new_str("{}"));
    }
    let Some(_g) = ts.repr_enter(v) else {
        return Ok(ts.new_str("{...}"));
    };
    let mut out: Vec<u32> = vec!['{' as u32];
    for (i, (k, x)) in items.iter().enumerate() {
        if i > 0 {
            out.extend([',' as u32, ' ' as u32]);
        }
        out.extend(protocols::repr_cps(ts, k)?);
        out.extend([':' as u32, ' ' as u32]);
        out.extend(protocols::repr_cps(ts, x)?);
    }
    out.push('}' as u32);
    Ok(ts.new_str_from_cps(&out))
}

fn dict_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    Ok(dict_of(ts, v)?.len(ts))
}

fn dict_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let d = dict_of(ts, v)?;
    if let Some(x) = d.get_item(ts, key)? {
        return Ok(x);
    }
    if !v.class().is(types().dict) {
        if let Some(m) = v.class().lookup(ts, &crate::runtime::names().__missing__) {
            return protocols::call_method_descr(ts, &m, v, std::slice::from_ref(key));
        }
    }
    Err(ts.key_error(key.clone()))
}

fn dict_setitem(ts: &ThreadState, v: &Value, key: &Value, val: Option<Value>) -> PyResult<()> {
    let d = dict_of(ts, v)?;
    match val {
        Some(x) => d.set_item(ts, key.clone(), x),
        None => match d.del_item(ts, key)? {
            Some(_) => Ok(()),
            None => Err(ts.key_error(key.clone())),
        },
    }
}

fn dict_contains(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<bool> {
    Ok(dict_of(ts, v)?.get_item(ts, key)?.is_some())
}

fn dict_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    new_dict_iter(ts, v.clone(), ViewKind::Keys)
}

fn dict_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<PyDict>(), b.downcast::<PyDict>()) else {
        return Ok(not_implemented());
    };
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(not_implemented());
    }
    let eq = dicts_equal(ts, x, y)?;
    Ok(py_bool(eq == (op == CmpOp::Eq)))
}

fn dicts_equal(ts: &ThreadState, x: &PyDict, y: &PyDict) -> PyResult<bool> {
    if x.len(ts) != y.len(ts) {
        return Ok(false);
    }
    for (k, v) in x.items(ts) {
        match y.get_item(ts, &k)? {
            Some(w) => {
                if !protocols::eq_identity_first(ts, &v, &w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// `d.update(other)`: a mapping (has `keys`) or an iterable of pairs.
pub fn dict_update_from(ts: &ThreadState, d: &PyDict, other: &Value) -> PyResult<()> {
    if let Some(o) = other.downcast::<PyDict>() {
        for (k, v) in o.items(ts) {
            d.set_item(ts, k, v)?;
        }
        return Ok(());
    }
    if protocols::get_attr_opt(ts, other, &crate::runtime::names().keys)?.is_some() {
        let keys = protocols::call_method(ts, other, "keys", &[])?;
        for k in protocols::collect(ts, &keys)? {
            let v = protocols::get_item(ts, other, &k)?;
            d.set_item(ts, k, v)?;
        }
        return Ok(());
    }
    let it = protocols::get_iter(ts, other)?;
    let mut n = 0usize;
    while let Some(item) = protocols::next(ts, &it)? {
        // CPython 3.14's message for an element that is not iterable.
        if protocols::get_iter(ts, &item).is_err() {
            return Err(ts.type_error("object is not iterable"));
        }
        let pair = protocols::collect(ts, &item)?;
        if pair.len() != 2 {
            return Err(ts.value_error(format!(
                "dictionary update sequence element #{n} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut p = pair.into_iter();
        let (k, v) = (p.next().expect("2"), p.next().expect("2"));
        d.set_item(ts, k, v)?;
        n += 1;
    }
    Ok(())
}

fn dict_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    crate::object::alloc(ts, cls.as_type(), PyDict::new())
}

fn dict_init(ts: &ThreadState, v: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    let d = dict_of(ts, v)?;
    let nkw = kw.map_or(0, |k| k.len());
    let npos = args.len() - nkw;
    if npos > 1 {
        return Err(ts.type_error(format!("dict expected at most 1 argument, got {npos}")));
    }
    if npos == 1 {
        dict_update_from(ts, d, &args[0])?;
    }
    if let Some(k) = kw {
        for (name, val) in k.as_slice().iter().zip(&args[npos..]) {
            d.set_item(ts, name.clone(), val.clone())?;
        }
    }
    Ok(())
}

fn dict_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if op != BinOp::Or {
        return Ok(not_implemented());
    }
    let (Some(x), Some(y)) = (a.downcast::<PyDict>(), b.downcast::<PyDict>()) else {
        return Ok(not_implemented());
    };
    let out = ts.new_dict();
    let d = dict_of(ts, &out)?;
    for (k, v) in x.items(ts).into_iter().chain(y.items(ts)) {
        d.set_item(ts, k, v)?;
    }
    Ok(out)
}

fn dict_inplace(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if op != BinOp::Or {
        return Ok(not_implemented());
    }
    let Some(x) = a.downcast::<PyDict>() else {
        return Ok(not_implemented());
    };
    dict_update_from(ts, x, b)?;
    Ok(a.clone())
}

fn m_get(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [k, dflt] = a.parse::<2>(ts, "get", &["", ""], 1)?;
    let d = dict_of(ts, s)?;
    Ok(d.get_item(ts, &k.expect("required"))?
        .or(dflt)
        .unwrap_or_else(none))
}

fn m_setdefault(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [k, dflt] = a.parse::<2>(ts, "setdefault", &["", ""], 1)?;
    let d = dict_of(ts, s)?;
    let k = k.expect("required");
    if let Some(v) = d.get_item(ts, &k)? {
        return Ok(v);
    }
    let v = dflt.unwrap_or_else(none);
    d.set_item(ts, k, v.clone())?;
    Ok(v)
}

fn m_pop(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [k, dflt] = a.parse::<2>(ts, "pop", &["", ""], 1)?;
    let d = dict_of(ts, s)?;
    let k = k.expect("required");
    match d.del_item(ts, &k)? {
        Some(v) => Ok(v),
        None => dflt.ok_or_else(|| ts.key_error(k)),
    }
}

fn m_popitem(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    match dict_of(ts, s)?.pop_last(ts) {
        Some((k, v)) => Ok(ts.new_tuple(vec![k, v])),
        None => Err(ts.key_error_msg("popitem(): dictionary is empty")),
    }
}

fn m_update(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let d = dict_of(ts, s)?;
    let (pos, kw) = a.split();
    if pos.len() > 1 {
        return Err(ts.type_error(format!(
            "update expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    if let Some(o) = pos.first() {
        dict_update_from(ts, d, o)?;
    }
    for (k, v) in kw {
        d.set_item(ts, k, v)?;
    }
    Ok(none())
}

fn m_clear(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    dict_of(ts, s)?.clear_all(ts);
    Ok(none())
}

fn m_copy(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let out = ts.new_dict();
    let d = dict_of(ts, &out)?;
    for (k, v) in dict_of(ts, s)?.items(ts) {
        d.set_item(ts, k, v)?;
    }
    Ok(out)
}

fn m_fromkeys(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [it, v] = a.parse::<2>(ts, "fromkeys", &["", ""], 1)?;
    let out = protocols::call(ts, cls, &[], None)?;
    let v = v.unwrap_or_else(none);
    for k in protocols::collect(ts, &it.expect("required"))? {
        protocols::set_item(ts, &out, &k, v.clone())?;
    }
    Ok(out)
}

fn m_keys(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    new_view(ts, s, ViewKind::Keys)
}
fn m_values(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    new_view(ts, s, ViewKind::Values)
}
fn m_items(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    new_view(ts, s, ViewKind::Items)
}

fn m_reversed(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let mut keys = dict_of(ts, s)?.keys(ts);
    keys.reverse();
    let l = ts.new_list(keys);
    protocols::get_iter(ts, &l)
}

// --- views and iterators ---

/// `reversed(d.keys())` etc.: views keep insertion order, walked backwards. (Having the
/// method also makes the views `collections.abc.Reversible`, as in CPython.)
fn view_reversed(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let mut items = protocols::collect(ts, s)?;
    items.reverse();
    protocols::get_iter(ts, &ts.new_list(items))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

pub struct PyDictView {
    pub dict: Value,
    pub kind: ViewKind,
}

impl PyPayload for PyDictView {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        seq::trace_value(&self.dict, t);
    }
}

fn new_view(ts: &ThreadState, d: &Value, kind: ViewKind) -> PyResult<Value> {
    let ty = match kind {
        ViewKind::Keys => types().dict_keys,
        ViewKind::Values => types().dict_values,
        ViewKind::Items => types().dict_items,
    };
    crate::object::alloc(
        ts,
        ty,
        PyDictView {
            dict: d.clone(),
            kind,
        },
    )
}

pub struct PyDictIter {
    dict: Value,
    kind: ViewKind,
    pos: AtomicUsize,
    expected: AtomicUsize,
}

impl PyPayload for PyDictIter {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        seq::trace_value(&self.dict, t);
    }
}

pub fn new_dict_iter(ts: &ThreadState, d: Value, kind: ViewKind) -> PyResult<Value> {
    let n = dict_of(ts, &d)?.used(ts);
    crate::object::alloc(
        ts,
        types().dict_iter,
        PyDictIter {
            dict: d,
            kind,
            pos: AtomicUsize::new(0),
            expected: AtomicUsize::new(n),
        },
    )
}

fn dict_iter_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let it = v
        .downcast::<PyDictIter>()
        .ok_or_else(|| ts.type_error("expected dict iterator"))?;
    let d = dict_of(ts, &it.dict)?;
    // ORDERING: Relaxed: an iterator shared between threads may skip or repeat items (allowed),
    // but each step reads the dict under its lock.
    let pos = it.pos.load(Ordering::Relaxed);
    if pos == usize::MAX {
        return Ok(None);
    }
    let Some((next, k, val, used)) = d.next_entry(ts, pos) else {
        // ORDERING: Relaxed: see above.
        if d.used(ts) != it.expected.load(Ordering::Relaxed) {
            it.pos.store(usize::MAX, Ordering::Relaxed);
            return Err(ts.runtime_error("dictionary changed size during iteration"));
        }
        it.pos.store(usize::MAX, Ordering::Relaxed);
        return Ok(None);
    };
    // ORDERING: Relaxed: see above.
    if used != it.expected.load(Ordering::Relaxed) {
        it.pos.store(usize::MAX, Ordering::Relaxed);
        return Err(ts.runtime_error("dictionary changed size during iteration"));
    }
    it.pos.store(next, Ordering::Relaxed);
    Ok(Some(match it.kind {
        ViewKind::Keys => k,
        ViewKind::Values => val,
        ViewKind::Items => ts.new_tuple(vec![k, val]),
    }))
}

fn view_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyDictView> {
    v.downcast::<PyDictView>()
        .ok_or_else(|| ts.type_error("expected dict view"))
}

fn view_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    dict_len(ts, &view_of(ts, v)?.dict)
}

fn view_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let vw = view_of(ts, v)?;
    new_dict_iter(ts, vw.dict.clone(), vw.kind)
}

fn view_contains(ts: &ThreadState, v: &Value, x: &Value) -> PyResult<bool> {
    let vw = view_of(ts, v)?;
    let d = dict_of(ts, &vw.dict)?;
    match vw.kind {
        ViewKind::Keys => Ok(d.get_item(ts, x)?.is_some()),
        ViewKind::Values => {
            for val in d.values(ts) {
                if protocols::eq_identity_first(ts, &val, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        ViewKind::Items => {
            let Some(t) = x.downcast::<PyTuple>() else {
                return Ok(false);
            };
            if t.len() != 2 {
                return Ok(false);
            }
            match d.get_item(ts, &t.as_slice()[0])? {
                Some(val) => protocols::eq_identity_first(ts, &val, &t.as_slice()[1]),
                None => Ok(false),
            }
        }
    }
}

fn view_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let vw = view_of(ts, v)?;
    let items = protocols::collect(ts, v)?;
    let l = ts.new_list(items);
    let inner = protocols::repr_string(ts, &l)?;
    let _ = vw;
    Ok(ts.new_str(&format!("{}({inner})", v.class().name())))
}

fn view_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if !matches!(op, BinOp::And | BinOp::Or | BinOp::Sub | BinOp::Xor) {
        return Ok(not_implemented());
    }
    // Either side may be any iterable (CPython's dictviews_sub etc. make a set of both).
    let as_set = |v: &Value| -> PyResult<Option<Value>> {
        if protocols::get_iter(ts, v).is_err() {
            return Ok(None);
        }
        crate::objects::set::new_set_from(ts, v).map(Some)
    };
    let (Some(sa), Some(sb)) = (as_set(a)?, as_set(b)?) else {
        return Ok(not_implemented());
    };
    crate::protocols::binary_op(ts, &sa, &sb, op)
}

fn view_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let vw = view_of(ts, a)?;
    if vw.kind == ViewKind::Values {
        return Ok(not_implemented());
    }
    let sa = crate::objects::set::new_set_from(ts, a)?;
    let sb = if b.downcast::<PyDictView>().is_some() || crate::objects::set::is_anyset(b) {
        crate::objects::set::new_set_from(ts, b)?
    } else {
        return Ok(not_implemented());
    };
    protocols::rich_compare(ts, &sa, &sb, op)
}

fn view_isdisjoint(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "isdisjoint", &[""], 1)?;
    for x in protocols::collect(ts, &o.expect("required"))? {
        if view_contains(ts, s, &x)? {
            return Ok(py_bool(false));
        }
    }
    Ok(py_bool(true))
}

fn view_mapping(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let vw = view_of(ts, v)?;
    crate::objects::descr::new_mappingproxy(ts, vw.dict.clone())
}

fn iter_self(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

fn dict_iter_length_hint(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let it = s
        .downcast::<PyDictIter>()
        .ok_or_else(|| ts.type_error("expected dict iterator"))?;
    // ORDERING: Relaxed: a hint.
    let pos = it.pos.load(Ordering::Relaxed);
    if pos == usize::MAX {
        return Ok(ts.new_int(0));
    }
    let n = dict_of(ts, &it.dict)?.len(ts);
    Ok(ts.new_usize(n.saturating_sub(pos)))
}

impl ThreadState {
    /// KeyError with a message (not a key).
    pub fn key_error_msg(&self, msg: &str) -> crate::errors::PyErr {
        self.new_error(types().exc.key_error, msg)
    }
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_classmethod, add_getset, add_method};
    let t = types().dict;
    let s = &t.slots;
    s.repr.set(Some(dict_repr));
    s.len.set(Some(dict_len));
    s.getitem.set(Some(dict_getitem));
    s.setitem.set(Some(dict_setitem));
    s.contains.set(Some(dict_contains));
    s.iter.set(Some(dict_iter));
    s.richcompare.set(Some(dict_richcompare));
    s.new.set(Some(dict_new));
    s.init.set(Some(dict_init));
    s.binary.set(Some(dict_binary));
    s.inplace.set(Some(dict_inplace));
    s.hash
        .set(Some(crate::objects::object_type::hash_not_implemented));
    add_method(ts, t, "get", m_get);
    add_method(ts, t, "setdefault", m_setdefault);
    add_method(ts, t, "pop", m_pop);
    add_method(ts, t, "popitem", m_popitem);
    add_method(ts, t, "update", m_update);
    add_method(ts, t, "clear", m_clear);
    add_method(ts, t, "copy", m_copy);
    add_method(ts, t, "keys", m_keys);
    add_method(ts, t, "values", m_values);
    add_method(ts, t, "items", m_items);
    add_method(ts, t, "__reversed__", m_reversed);
    add_classmethod(ts, t, "fromkeys", m_fromkeys);
    for vt in [types().dict_keys, types().dict_values, types().dict_items] {
        vt.slots.len.set(Some(view_len));
        vt.slots.iter.set(Some(view_iter));
        vt.slots.contains.set(Some(view_contains));
        vt.slots.repr.set(Some(view_repr));
        add_getset(ts, vt, "mapping", view_mapping, None);
        add_method(ts, vt, "__reversed__", view_reversed);
    }
    for vt in [types().dict_keys, types().dict_items] {
        vt.slots.binary.set(Some(view_binary));
        vt.slots.richcompare.set(Some(view_richcompare));
        add_method(ts, vt, "isdisjoint", view_isdisjoint);
    }
    let it = types().dict_iter;
    it.slots.iter.set(Some(iter_self));
    it.slots.iternext.set(Some(dict_iter_next));
    add_method(ts, it, "__length_hint__", dict_iter_length_hint);
}
