//! `set` and `frozenset`: an open-addressing hash table that follows CPython's
//! `Objects/setobject.c` probe sequence (linear probes of 9, then perturbation) and resize
//! policy exactly, so iteration order — which Python programs print — matches CPython's.
//!
//! Like dict, the table changes only inside the set's critical section, and a key comparison
//! that may run Python code happens outside it, followed by a re-validation (`version`).

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::dict::{fast_eq, PyDict};
use crate::objects::seq;
use crate::objects::slots::{BinOp, CmpOp};
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{none, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicUsize, Ordering};

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;

#[derive(Clone)]
enum Slot {
    Empty,
    Dummy,
    Full(i64, Value),
}

struct Table {
    slots: Vec<Slot>,
    fill: usize,
    used: usize,
    version: u64,
}

impl Default for Table {
    fn default() -> Self {
        Table {
            slots: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            version: 0,
        }
    }
}

pub struct PySet {
    table: UnsafeCell<Table>,
}

// SAFETY: as for `PyDict`: the table is only touched inside the set's critical section, by the
// collector with the world stopped, or when unreachable.
unsafe impl Sync for PySet {}

impl PyPayload for PySet {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        // SAFETY: world stopped.
        for s in unsafe { &*self.table.get() }.slots.iter() {
            if let Slot::Full(_, v) = s {
                seq::trace_value(v, t);
            }
        }
    }
    fn clear(&self) {
        // SAFETY: unreachable.
        let old = std::mem::take(unsafe { &mut *self.table.get() });
        drop(old);
    }
}

enum Probe {
    Found,
    Insert(usize),
    Slow(Vec<(usize, Value)>),
}

impl Table {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// CPython's `set_add_entry` probe, with Python comparisons deferred.
    fn probe_add(&self, key: &Value, hash: i64, skip_slow: &[usize]) -> Probe {
        let mask = self.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut freeslot: Option<usize> = None;
        let mut slow = Vec::new();
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.slots[j] {
                    Slot::Empty => {
                        if !slow.is_empty() {
                            return Probe::Slow(slow);
                        }
                        return Probe::Insert(freeslot.unwrap_or(j));
                    }
                    Slot::Full(h, k) if *h == hash => match fast_eq(k, key) {
                        Some(true) => return Probe::Found,
                        Some(false) => {}
                        None => {
                            if !skip_slow.contains(&j) {
                                slow.push((j, k.clone()));
                            }
                        }
                    },
                    Slot::Dummy => {
                        if freeslot.is_none() {
                            freeslot = Some(j);
                        }
                    }
                    Slot::Full(..) => {}
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    fn insert_clean(slots: &mut [Slot], key: Value, hash: i64) {
        let mask = slots.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            if matches!(slots[i], Slot::Empty) {
                slots[i] = Slot::Full(hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if matches!(slots[i + j], Slot::Empty) {
                        slots[i + j] = Slot::Full(hash, key);
                        return;
                    }
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut newsize = MIN_SIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; newsize]);
        for s in old {
            if let Slot::Full(h, k) = s {
                Table::insert_clean(&mut self.slots, k, h);
            }
        }
        self.fill = self.used;
        self.version += 1;
    }

    fn put(&mut self, at: usize, key: Value, hash: i64) {
        let was_empty = matches!(self.slots[at], Slot::Empty);
        self.slots[at] = Slot::Full(hash, key);
        self.used += 1;
        self.version += 1;
        if was_empty {
            self.fill += 1;
            if self.fill * 5 >= self.mask() * 3 {
                let n = if self.used > 50000 {
                    self.used * 2
                } else {
                    self.used * 4
                };
                self.resize(n);
            }
        }
    }

    fn find(&self, key: &Value, hash: i64) -> Result<Option<usize>, Vec<(usize, Value)>> {
        let mask = self.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut slow = Vec::new();
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.slots[j] {
                    Slot::Empty => {
                        return if slow.is_empty() { Ok(None) } else { Err(slow) };
                    }
                    Slot::Full(h, k) if *h == hash => match fast_eq(k, key) {
                        Some(true) => return Ok(Some(j)),
                        Some(false) => {}
                        None => slow.push((j, k.clone())),
                    },
                    _ => {}
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    fn keys(&self) -> Vec<(i64, Value)> {
        self.slots
            .iter()
            .filter_map(|s| match s {
                Slot::Full(h, k) => Some((*h, k.clone())),
                _ => None,
            })
            .collect()
    }
}

impl Default for PySet {
    fn default() -> Self {
        PySet::new()
    }
}

impl PySet {
    pub fn new() -> PySet {
        PySet {
            table: UnsafeCell::new(Table::default()),
        }
    }

    #[inline]
    fn with_table<R>(&self, ts: &ThreadState, f: impl FnOnce(&mut Table) -> R) -> R {
        let h = crate::object::header_of_payload(self);
        gc::with_critical_section(&ts.gc, h, |_cs| {
            // SAFETY: `_cs` proves we hold this set's lock; the `&mut` dies with the closure.
            f(unsafe { &mut *self.table.get() })
        })
    }

    pub fn len(&self, ts: &ThreadState) -> usize {
        self.with_table(ts, |t| t.used)
    }

    pub fn is_empty(&self, ts: &ThreadState) -> bool {
        self.len(ts) == 0
    }

    pub fn add(&self, ts: &ThreadState, key: Value) -> PyResult<()> {
        let hash = protocols::hash(ts, &key)
            .map_err(|e| crate::objects::dict::unhashable(ts, &key, e, "a set element"))?;
        self.add_hashed(ts, key, hash)
    }

    fn add_hashed(&self, ts: &ThreadState, key: Value, hash: i64) -> PyResult<()> {
        let mut checked: Vec<usize> = Vec::new();
        let mut key = Some(key);
        loop {
            let (r, ver) = self.with_table(ts, |t| {
                let ver = t.version;
                match t.probe_add(key.as_ref().expect("key"), hash, &checked) {
                    Probe::Found => (None, ver),
                    Probe::Insert(at) => {
                        t.put(at, key.take().expect("key"), hash);
                        (None, ver)
                    }
                    Probe::Slow(c) => (Some(c), ver),
                }
            });
            let Some(cands) = r else { return Ok(()) };
            for (j, k) in cands {
                if protocols::eq(ts, &k, key.as_ref().expect("key"))? {
                    return Ok(());
                }
                checked.push(j);
            }
            if self.with_table(ts, |t| t.version) != ver {
                checked.clear();
            }
        }
    }

    pub fn contains(&self, ts: &ThreadState, key: &Value) -> PyResult<bool> {
        let hash = protocols::hash(ts, key)?;
        Ok(self.find_slot(ts, key, hash)?.is_some())
    }

    fn find_slot(
        &self,
        ts: &ThreadState,
        key: &Value,
        hash: i64,
    ) -> PyResult<Option<(usize, u64)>> {
        loop {
            let (r, ver) = self.with_table(ts, |t| (t.find(key, hash), t.version));
            match r {
                Ok(o) => return Ok(o.map(|j| (j, ver))),
                Err(cands) => {
                    for (j, k) in cands {
                        if protocols::eq(ts, &k, key)? {
                            return Ok(Some((j, ver)));
                        }
                    }
                    if self.with_table(ts, |t| t.version) == ver {
                        return Ok(None);
                    }
                }
            }
        }
    }

    /// Removes `key`; returns whether it was present.
    pub fn discard(&self, ts: &ThreadState, key: &Value) -> PyResult<bool> {
        let hash = protocols::hash(ts, key)?;
        loop {
            let Some((j, ver)) = self.find_slot(ts, key, hash)? else {
                return Ok(false);
            };
            let old = self.with_table(ts, |t| {
                if t.version != ver {
                    return None;
                }
                let old = std::mem::replace(&mut t.slots[j], Slot::Dummy);
                t.used -= 1;
                t.version += 1;
                Some(old)
            });
            if let Some(o) = old {
                drop(o);
                return Ok(true);
            }
        }
    }

    pub fn items(&self, ts: &ThreadState) -> Vec<Value> {
        self.with_table(ts, |t| t.keys().into_iter().map(|(_, k)| k).collect())
    }

    fn hashed_items(&self, ts: &ThreadState) -> Vec<(i64, Value)> {
        self.with_table(ts, |t| t.keys())
    }

    /// CPython's `set_update_internal`.
    pub fn update(&self, ts: &ThreadState, other: &Value) -> PyResult<()> {
        if let Some(o) = other.downcast::<PySet>() {
            let (omask, ofill, oused, entries) =
                o.with_table(ts, |t| (t.mask(), t.fill, t.used, t.slots.clone()));
            let mut slow: Vec<(i64, Value)> = Vec::new();
            self.with_table(ts, |t| {
                if (t.fill + oused) * 5 >= t.mask() * 3 {
                    t.resize((t.used + oused) * 2);
                }
                if t.fill == 0 && t.mask() == omask && ofill == oused {
                    t.slots = entries;
                    t.fill = ofill;
                    t.used = oused;
                    t.version += 1;
                    return;
                }
                if t.fill == 0 {
                    for s in entries {
                        if let Slot::Full(h, k) = s {
                            Table::insert_clean(&mut t.slots, k, h);
                        }
                    }
                    t.fill = oused;
                    t.used = oused;
                    t.version += 1;
                    return;
                }
                for s in entries {
                    if let Slot::Full(h, k) = s {
                        slow.push((h, k));
                    }
                }
            });
            for (h, k) in slow {
                self.add_hashed(ts, k, h)?;
            }
            return Ok(());
        }
        if let Some(d) = other.downcast::<PyDict>() {
            let keys = d.keys(ts);
            let n = keys.len();
            self.with_table(ts, |t| {
                if (t.fill + n) * 5 >= t.mask() * 3 {
                    t.resize((t.used + n) * 2);
                }
            });
            for k in keys {
                self.add(ts, k)?;
            }
            return Ok(());
        }
        let it = protocols::get_iter(ts, other)?;
        while let Some(k) = protocols::next(ts, &it)? {
            self.add(ts, k)?;
        }
        Ok(())
    }

    fn pop_any(&self, ts: &ThreadState) -> Option<Value> {
        self.with_table(ts, |t| {
            let j = t.slots.iter().position(|s| matches!(s, Slot::Full(..)))?;
            let old = std::mem::replace(&mut t.slots[j], Slot::Dummy);
            t.used -= 1;
            t.version += 1;
            match old {
                Slot::Full(_, k) => Some(k),
                _ => None,
            }
        })
    }
}

pub fn is_anyset(v: &Value) -> bool {
    v.downcast::<PySet>().is_some()
}

fn is_frozen(v: &Value) -> bool {
    v.class().is_subtype(types().frozenset)
}

/// A new `set` with the items of `it`.
pub fn new_set_from(ts: &ThreadState, it: &Value) -> PyResult<Value> {
    let s = new_set(ts)?;
    set_of(ts, &s)?.update(ts, it)?;
    Ok(s)
}

pub fn new_set(ts: &ThreadState) -> PyResult<Value> {
    crate::object::alloc(ts, types().set, PySet::new())
}

pub fn new_frozenset(ts: &ThreadState, items: Vec<Value>) -> PyResult<Value> {
    let s = crate::object::alloc(ts, types().frozenset, PySet::new())?;
    let p = set_of(ts, &s)?;
    for v in items {
        p.add(ts, v)?;
    }
    Ok(s)
}

fn set_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PySet> {
    v.downcast::<PySet>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'set' object but received a '{}'",
            v.class().name()
        ))
    })
}

/// A new set of the same kind as `like` (set or frozenset, exact types).
fn new_like(ts: &ThreadState, like: &Value) -> PyResult<Value> {
    let ty = if is_frozen(like) {
        types().frozenset
    } else {
        types().set
    };
    crate::object::alloc(ts, ty, PySet::new())
}

fn copy_of(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let out = new_like(ts, v)?;
    set_of(ts, &out)?.update(ts, v)?;
    Ok(out)
}

fn set_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let s = set_of(ts, v)?;
    let items = s.items(ts);
    let name = v.class().name();
    if items.is_empty() {
        return Ok(ts.new_str(&format!("{name}()")));
    }
    let Some(_g) = ts.repr_enter(v) else {
        return Ok(ts.new_str(&format!("{name}(...)")));
    };
    let mut out: Vec<u32> = Vec::new();
    let plain = v.class().is(types().set);
    if !plain {
        out.extend(name.chars().map(|c| c as u32));
        out.push('(' as u32);
    }
    out.push('{' as u32);
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend([',' as u32, ' ' as u32]);
        }
        out.extend(protocols::repr_cps(ts, x)?);
    }
    out.push('}' as u32);
    if !plain {
        out.push(')' as u32);
    }
    Ok(ts.new_str_from_cps(&out))
}

fn set_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    Ok(set_of(ts, v)?.len(ts))
}

fn set_contains(ts: &ThreadState, v: &Value, x: &Value) -> PyResult<bool> {
    let s = set_of(ts, v)?;
    match s.contains(ts, x) {
        Err(e) if e.matches(types().exc.type_error) && is_anyset(x) && !is_frozen(x) => {
            let f = new_frozenset(ts, set_of(ts, x)?.items(ts))?;
            s.contains(ts, &f)
        }
        r => r,
    }
}

fn set_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let s = set_of(ts, v)?;
    let n = s.len(ts);
    crate::object::alloc(
        ts,
        types().set_iter,
        PySetIter {
            set: v.clone(),
            pos: AtomicUsize::new(0),
            expected: n,
        },
    )
}

pub struct PySetIter {
    set: Value,
    pos: AtomicUsize,
    expected: usize,
}

impl PyPayload for PySetIter {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        seq::trace_value(&self.set, t);
    }
}

fn set_iter_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let it = v
        .downcast::<PySetIter>()
        .ok_or_else(|| ts.type_error("expected set iterator"))?;
    let s = set_of(ts, &it.set)?;
    // ORDERING: Relaxed: a shared iterator may skip or repeat (allowed); each step locks the set.
    let pos = it.pos.load(Ordering::Relaxed);
    if pos == usize::MAX {
        return Ok(None);
    }
    let r = s.with_table(ts, |t| {
        if t.used != it.expected {
            return Err(());
        }
        let mut p = pos;
        while p < t.slots.len() {
            if let Slot::Full(_, k) = &t.slots[p] {
                return Ok(Some((p + 1, k.clone())));
            }
            p += 1;
        }
        Ok(None)
    });
    match r {
        Err(()) => {
            it.pos.store(usize::MAX, Ordering::Relaxed);
            Err(ts.runtime_error("Set changed size during iteration"))
        }
        Ok(None) => {
            it.pos.store(usize::MAX, Ordering::Relaxed);
            Ok(None)
        }
        Ok(Some((p, k))) => {
            it.pos.store(p, Ordering::Relaxed);
            Ok(Some(k))
        }
    }
}

fn set_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    // CPython's frozenset hash. CPython xors in every table slot and then cancels the empty
    // and dummy slots; what remains is the xor over the live entries.
    let items = set_of(ts, v)?.hashed_items(ts);
    let mut hash: u64 = 0;
    let shuffle = |h: u64| ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
    for (h, _) in &items {
        hash ^= shuffle(*h as u64);
    }
    hash ^= ((items.len() as u64) + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let h = hash as i64;
    Ok(if h == -1 { 590923713 } else { h })
}

fn is_subset(ts: &ThreadState, a: &Value, b: &Value) -> PyResult<bool> {
    let (x, y) = (set_of(ts, a)?, set_of(ts, b)?);
    if x.len(ts) > y.len(ts) {
        return Ok(false);
    }
    for k in x.items(ts) {
        if !y.contains(ts, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    if !is_anyset(a) || !is_anyset(b) {
        return Ok(not_implemented());
    }
    let (la, lb) = (set_of(ts, a)?.len(ts), set_of(ts, b)?.len(ts));
    let r = match op {
        CmpOp::Eq => la == lb && is_subset(ts, a, b)?,
        CmpOp::Ne => !(la == lb && is_subset(ts, a, b)?),
        CmpOp::Le => is_subset(ts, a, b)?,
        CmpOp::Ge => is_subset(ts, b, a)?,
        CmpOp::Lt => la < lb && is_subset(ts, a, b)?,
        CmpOp::Gt => la > lb && is_subset(ts, b, a)?,
    };
    Ok(py_bool(r))
}

fn intersection(ts: &ThreadState, a: &Value, b: &Value) -> PyResult<Value> {
    let out = new_like(ts, a)?;
    let o = set_of(ts, &out)?;
    if is_anyset(b) {
        let (mut x, mut y) = (a, b);
        if set_of(ts, y)?.len(ts) > set_of(ts, x)?.len(ts) {
            std::mem::swap(&mut x, &mut y);
        }
        // Iterate the smaller (y), test membership in the larger (x).
        let xs = set_of(ts, x)?;
        for (h, k) in set_of(ts, y)?.hashed_items(ts) {
            if xs.contains(ts, &k)? {
                o.add_hashed(ts, k, h)?;
            }
        }
        return Ok(out);
    }
    let s = set_of(ts, a)?;
    let it = protocols::get_iter(ts, b)?;
    while let Some(k) = protocols::next(ts, &it)? {
        if s.contains(ts, &k)? {
            o.add(ts, k)?;
        }
    }
    Ok(out)
}

fn difference(ts: &ThreadState, a: &Value, b: &Value) -> PyResult<Value> {
    let s = set_of(ts, a)?;
    let out = new_like(ts, a)?;
    let o = set_of(ts, &out)?;
    if is_anyset(b) || b.downcast::<PyDict>().is_some() {
        let other_len = protocols::len(ts, b)?;
        if (s.len(ts) >> 2) > other_len {
            o.update(ts, a)?;
            for k in protocols::collect(ts, b)? {
                o.discard(ts, &k)?;
            }
            return Ok(out);
        }
        for (h, k) in s.hashed_items(ts) {
            if !protocols::contains(ts, b, &k)? {
                o.add_hashed(ts, k, h)?;
            }
        }
        return Ok(out);
    }
    o.update(ts, a)?;
    let it = protocols::get_iter(ts, b)?;
    while let Some(k) = protocols::next(ts, &it)? {
        o.discard(ts, &k)?;
    }
    Ok(out)
}

fn symmetric_difference(ts: &ThreadState, a: &Value, b: &Value) -> PyResult<Value> {
    let out = copy_of(ts, a)?;
    let o = set_of(ts, &out)?;
    let other = if is_anyset(b) {
        b.clone()
    } else {
        new_set_from(ts, b)?
    };
    for (h, k) in set_of(ts, &other)?.hashed_items(ts) {
        if !o.discard(ts, &k)? {
            o.add_hashed(ts, k, h)?;
        }
    }
    Ok(out)
}

fn set_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if !is_anyset(a) || !is_anyset(b) {
        return Ok(not_implemented());
    }
    match op {
        BinOp::Or => {
            let out = copy_of(ts, a)?;
            set_of(ts, &out)?.update(ts, b)?;
            Ok(out)
        }
        BinOp::And => intersection(ts, a, b),
        BinOp::Sub => difference(ts, a, b),
        BinOp::Xor => symmetric_difference(ts, a, b),
        _ => Ok(not_implemented()),
    }
}

fn set_inplace(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if !is_anyset(a) || !is_anyset(b) || is_frozen(a) {
        return Ok(not_implemented());
    }
    let s = set_of(ts, a)?;
    match op {
        BinOp::Or => s.update(ts, b)?,
        BinOp::And | BinOp::Sub | BinOp::Xor => {
            let r = set_binary(ts, a, b, op)?;
            let items = set_of(ts, &r)?.hashed_items(ts);
            let old = s.with_table(ts, std::mem::take);
            drop(old);
            for (h, k) in items {
                s.add_hashed(ts, k, h)?;
            }
        }
        _ => return Ok(not_implemented()),
    }
    Ok(a.clone())
}

fn set_new(ts: &ThreadState, cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let ty = cls.as_type();
    if ty.is_subtype(types().frozenset) {
        let a = crate::builtins::args::parse(ts, "frozenset", args, kw, &[""], 0, 0)?;
        if let Some(it) = &a[0] {
            if it.class().is(types().frozenset) && ty.is(types().frozenset) {
                return Ok(it.clone());
            }
        }
        let s = crate::object::alloc(ts, ty, PySet::new())?;
        if let Some(it) = &a[0] {
            set_of(ts, &s)?.update(ts, it)?;
        }
        return Ok(s);
    }
    crate::object::alloc(ts, ty, PySet::new())
}

fn set_init(ts: &ThreadState, v: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    if is_frozen(v) {
        return Ok(());
    }
    let a = crate::builtins::args::parse(ts, "set", args, kw, &[""], 0, 0)?;
    let s = set_of(ts, v)?;
    let old = s.with_table(ts, std::mem::take);
    drop(old);
    if let Some(it) = &a[0] {
        s.update(ts, it)?;
    }
    Ok(())
}

fn m_add(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "add", &[""], 1)?;
    set_of(ts, s)?.add(ts, x.expect("required"))?;
    Ok(none())
}

fn m_discard(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "discard", &[""], 1)?;
    set_of(ts, s)?.discard(ts, &x.expect("required"))?;
    Ok(none())
}

fn m_remove(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "remove", &[""], 1)?;
    let x = x.expect("required");
    if !set_of(ts, s)?.discard(ts, &x)? {
        return Err(ts.key_error(x));
    }
    Ok(none())
}

fn m_pop(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    set_of(ts, s)?
        .pop_any(ts)
        .ok_or_else(|| ts.key_error_msg("pop from an empty set"))
}

fn m_clear(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let old = set_of(ts, s)?.with_table(ts, std::mem::take);
    drop(old);
    Ok(none())
}

fn m_copy(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    if s.class().is(types().frozenset) {
        return Ok(s.clone());
    }
    copy_of(ts, s)
}

/// `set.__reduce__`: `(type(s), (list(s),), s.__dict__ or None)`, what `copy` and `pickle` use.
fn m_reduce(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let set = s
        .downcast::<PySet>()
        .ok_or_else(|| ts.type_error("descriptor '__reduce__' requires a 'set' object"))?;
    let items = ts.new_list(set.items(ts));
    let state =
        protocols::get_attr_opt(ts, s, &crate::runtime::names().__dict__)?.unwrap_or_else(none);
    Ok(ts.new_tuple(vec![s.class().to_value(), ts.new_tuple(vec![items]), state]))
}

fn multi(ts: &ThreadState, s: &Value, a: MethodArgs<'_>, op: BinOp) -> PyResult<Value> {
    let (pos, _) = a.split();
    let mut acc = copy_of(ts, s)?;
    if op == BinOp::And && pos.is_empty() {
        return Ok(acc);
    }
    for o in pos {
        let other = if is_anyset(&o) {
            o
        } else {
            new_set_from(ts, &o)?
        };
        acc = set_binary(ts, &acc, &other, op)?;
    }
    Ok(acc)
}

fn m_union(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    multi(ts, s, a, BinOp::Or)
}
fn m_intersection(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    multi(ts, s, a, BinOp::And)
}
fn m_difference(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    multi(ts, s, a, BinOp::Sub)
}
fn m_symmetric_difference(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    multi(ts, s, a, BinOp::Xor)
}

fn inplace_multi(ts: &ThreadState, s: &Value, a: MethodArgs<'_>, op: BinOp) -> PyResult<Value> {
    let (pos, _) = a.split();
    for o in pos {
        let other = if is_anyset(&o) {
            o
        } else {
            new_set_from(ts, &o)?
        };
        set_inplace(ts, s, &other, op)?;
    }
    Ok(none())
}

fn m_update(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let (pos, _) = a.split();
    for o in pos {
        set_of(ts, s)?.update(ts, &o)?;
    }
    Ok(none())
}
fn m_intersection_update(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    inplace_multi(ts, s, a, BinOp::And)
}
fn m_difference_update(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    inplace_multi(ts, s, a, BinOp::Sub)
}
fn m_symmetric_difference_update(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
) -> PyResult<Value> {
    inplace_multi(ts, s, a, BinOp::Xor)
}

fn m_issubset(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "issubset", &[""], 1)?;
    let o = o.expect("required");
    let other = if is_anyset(&o) {
        o
    } else {
        new_set_from(ts, &o)?
    };
    Ok(py_bool(is_subset(ts, s, &other)?))
}
fn m_issuperset(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "issuperset", &[""], 1)?;
    let o = o.expect("required");
    let other = if is_anyset(&o) {
        o
    } else {
        new_set_from(ts, &o)?
    };
    Ok(py_bool(is_subset(ts, &other, s)?))
}
fn m_isdisjoint(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "isdisjoint", &[""], 1)?;
    let me = set_of(ts, s)?;
    for k in protocols::collect(ts, &o.expect("required"))? {
        if me.contains(ts, &k)? {
            return Ok(py_bool(false));
        }
    }
    Ok(py_bool(true))
}

fn iter_self(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::add_method;
    for t in [types().set, types().frozenset] {
        let s = &t.slots;
        s.repr.set(Some(set_repr));
        s.len.set(Some(set_len));
        s.contains.set(Some(set_contains));
        s.iter.set(Some(set_iter));
        s.richcompare.set(Some(set_richcompare));
        s.binary.set(Some(set_binary));
        s.new.set(Some(set_new));
        s.init.set(Some(set_init));
        add_method(ts, t, "copy", m_copy);
        add_method(ts, t, "__reduce__", m_reduce);
        add_method(ts, t, "union", m_union);
        add_method(ts, t, "intersection", m_intersection);
        add_method(ts, t, "difference", m_difference);
        add_method(ts, t, "symmetric_difference", m_symmetric_difference);
        add_method(ts, t, "issubset", m_issubset);
        add_method(ts, t, "issuperset", m_issuperset);
        add_method(ts, t, "isdisjoint", m_isdisjoint);
    }
    let t = types().set;
    t.slots.inplace.set(Some(set_inplace));
    t.slots
        .hash
        .set(Some(crate::objects::object_type::hash_not_implemented));
    types().frozenset.slots.hash.set(Some(set_hash));
    add_method(ts, t, "add", m_add);
    add_method(ts, t, "discard", m_discard);
    add_method(ts, t, "remove", m_remove);
    add_method(ts, t, "pop", m_pop);
    add_method(ts, t, "clear", m_clear);
    add_method(ts, t, "update", m_update);
    add_method(ts, t, "intersection_update", m_intersection_update);
    add_method(ts, t, "difference_update", m_difference_update);
    add_method(
        ts,
        t,
        "symmetric_difference_update",
        m_symmetric_difference_update,
    );
    let it = types().set_iter;
    it.slots.iter.set(Some(iter_self));
    it.slots.iternext.set(Some(set_iter_next));
}
