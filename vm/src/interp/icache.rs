//! Per-instruction inline caches (PEP 659 specialization, the thread-safe way).
//!
//! Every code object owns one `AtomicU64` word per code unit ([`InlineCache`], allocated on
//! first use). An instruction with `n` inline cache units (LOAD_ATTR: 9, STORE_ATTR and
//! LOAD_GLOBAL: 4) owns the words under those units: word 0 is a sequence lock, the rest the
//! entry. The bytecode itself is never rewritten, so there is no quickening race; an entry
//! says which specialized path to take and is validated on every read:
//!
//! * attribute entries are keyed by the version tag of the owner's exact type (DESIGN:
//!   type-version-tags): a tag is process-unique and is invalidated whenever a dict on the
//!   type's MRO or its bases change, so a matching tag identifies both the type and the
//!   lookup result, and a write to one class deopts only the sites that look at it and its
//!   subclasses;
//! * global entries are keyed by the versions of the globals and builtins dicts (process-unique,
//!   never reused, so a match also identifies the dicts).
//!
//! (DESIGN: icache-seqlock) Code objects are shared by all threads, so entries are written
//! under a per-entry sequence lock: a writer claims the even sequence word by CAS (odd while
//! writing; a busy entry is simply not written), stores the fields, and publishes seq + 2 with
//! Release; a reader loads seq (Acquire), the fields, fences, and re-checks seq. A torn or busy
//! entry reads as a miss, never as a mixed entry. Every access is atomic, so racing threads are
//! not a data race at the Rust level.
//!
//! (DESIGN: icache-pins) An entry may hold a raw object pointer (a method, a class attribute, a
//! global's value) only for an object that refcounting can't free under a reader: immortal,
//! or deferred (freed only by the collector, which stops the world, so not between a reader's
//! validation and its incref), or an inline int. Filling an entry turns on deferred counting
//! for a function, class or function-wrapping descriptor found in a class dict (as CPython
//! 3.14t defers functions and types); an object it can't pin is not cached.

use crate::errors::PyResult;
use crate::objects::code::PyCode;
use crate::objects::dict::PyDict;
use crate::objects::typeobj::PyType;
use crate::runtime::types;
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::sync::atomic::{fence, AtomicU64, Ordering};
use std::sync::OnceLock;

/// A code object's cache words, one per code unit (see the module doc).
#[derive(Default)]
pub struct InlineCache {
    words: OnceLock<Box<[AtomicU64]>>,
}

impl InlineCache {
    /// The `n + 1` words of the instruction at unit `at` (seq + `n` fields), if allocated.
    #[inline]
    fn entry(&self, at: usize, n: usize) -> Option<&[AtomicU64]> {
        self.words.get()?.get(at + 1..at + 2 + n)
    }

    /// As [`entry`](Self::entry), allocating the words (`len` = code units) on first use.
    fn entry_alloc(&self, len: usize, at: usize, n: usize) -> Option<&[AtomicU64]> {
        let w = self
            .words
            .get_or_init(|| (0..len).map(|_| AtomicU64::new(0)).collect());
        w.get(at + 1..at + 2 + n)
    }
}

/// Reads an entry's `N` fields; `None` if it was never written, is being written, or changed
/// while read.
#[inline(always)]
fn read<const N: usize>(e: &[AtomicU64]) -> Option<[u64; N]> {
    let seq = e.first()?;
    // ORDERING: Acquire pairs with the writer's Release publish: the fields it wrote are seen.
    let s1 = seq.load(Ordering::Acquire);
    if s1 & 1 != 0 || s1 == 0 {
        return None;
    }
    let mut out = [0u64; N];
    for (i, o) in out.iter_mut().enumerate() {
        // ORDERING: Relaxed: validated by the sequence re-check below.
        *o = e.get(i + 1)?.load(Ordering::Relaxed);
    }
    // ORDERING: the Acquire fence orders the field loads before the re-check, pairing with the
    // writer's Release fence after it made the sequence odd (a seqlock reader).
    fence(Ordering::Acquire);
    // ORDERING: Relaxed: ordered by the fence above.
    (seq.load(Ordering::Relaxed) == s1).then_some(out)
}

/// Writes an entry unless another thread is writing it (then the entry is left to them).
fn write<const N: usize>(e: &[AtomicU64], fields: [u64; N]) {
    let Some(seq) = e.first() else { return };
    if e.len() < N + 1 {
        return;
    }
    // ORDERING: Relaxed: the CAS below decides.
    let s = seq.load(Ordering::Relaxed);
    if s & 1 != 0 {
        return;
    }
    // ORDERING: Relaxed CAS + Release fence: no field store below can be seen before the odd
    // sequence (the seqlock writer's protocol).
    if seq
        .compare_exchange(s, s + 1, Ordering::Relaxed, Ordering::Relaxed)
        .is_err()
    {
        return;
    }
    fence(Ordering::Release);
    for (i, f) in fields.iter().enumerate() {
        // ORDERING: Relaxed: published by the Release store of the sequence.
        e[i + 1].store(*f, Ordering::Relaxed);
    }
    // ORDERING: Release pairs with the reader's Acquire load of the sequence.
    seq.store(s + 2, Ordering::Release);
}

/// The bits to cache for `v` if a reader may rebuild it from them (DESIGN: icache-pins);
/// never 0.
/// `may_defer`: turn on deferred counting if needed (class-dict values only: a global's value
/// may be rebound often, and deferring it would delay its `__del__` to a collection).
fn pin(ts: &ThreadState, v: &Value, may_defer: bool) -> Option<u64> {
    let Some(h) = v.header() else {
        return Some(v.bits() as u64);
    };
    if h.is_immortal() || h.gc_bits() & gc::gc_bits::DEFERRED != 0 {
        return Some(v.identity() as u64);
    }
    if !may_defer {
        return None;
    }
    let r = v.to_obj()?;
    r.enable_deferred(&ts.gc).then_some(v.identity() as u64)
}

/// A new reference to the value [`pin`] cached.
///
/// # Safety
/// `bits` came from [`pin`], validated by its entry's keys (so the object is still pinned).
#[inline]
unsafe fn unpin(bits: u64) -> Value {
    let b = bits as usize;
    if b & 1 != 0 {
        // An inline int: the word is the value.
        return Value::try_inline_int((b as i64) >> 1).unwrap_or_else(crate::runtime::none);
    }
    // SAFETY: the caller's contract: a live immortal or deferred object.
    unsafe { Value::from_borrowed_ptr(b as *const gc::ObjHeader) }
}

// LOAD_ATTR entry kinds (field 2 of the entry).
/// Not specialized for this type: the generic path.
const K_SLOW: u64 = 1;
/// No attribute on the type: the instance dict.
const K_INSTANCE: u64 = 2;
/// Method load of a function / method descriptor (field 3), unless the instance dict shadows.
const K_METHOD: u64 = 3;
/// Attribute of an exact module: its dict.
const K_MODULE: u64 = 4;
/// Plain class attribute (field 3) without `__get__`, unless the instance dict shadows.
const K_CLASS_ATTR: u64 = 5;
/// Data descriptor (field 3): its `__get__`, before the instance dict.
const K_DATA_DESCR: u64 = 6;
/// Non-data descriptor (field 3): the instance dict first, then its `__get__`.
const K_NONDATA_DESCR: u64 = 7;

#[inline]
fn has_generic_getattr(ty: &PyType) -> bool {
    ty.slots.getattro.get().is_some_and(|g| {
        std::ptr::fn_addr_eq(
            g,
            crate::objects::object_type::generic_getattr as crate::objects::slots::GetattroFn,
        )
    })
}

#[inline]
fn dict_get(owner: &Value, ts: &ThreadState, name: &Value) -> Option<Value> {
    crate::object::instance_dict_ref(owner)?.get_item_str(ts, name)
}

/// LOAD_ATTR at unit `at`: `(attr, None)` or, for a method load (`method`), `(func, self)`.
#[inline]
pub fn load_attr(
    ts: &ThreadState,
    code: &PyCode,
    at: usize,
    owner: Value,
    name: &Value,
    method: bool,
) -> PyResult<(Value, Option<Value>)> {
    let ty = owner.class();
    if let Some(e) = code.icache.entry(at, 3) {
        if let Some([ver, kind, ptr]) = read::<3>(e) {
            if ver == ty.version_now() {
                match kind {
                    K_INSTANCE => {
                        if let Some(v) = dict_get(&owner, ts, name) {
                            return Ok((v, None));
                        }
                    }
                    K_METHOD => {
                        if let Some(v) = dict_get(&owner, ts, name) {
                            return Ok((v, None));
                        }
                        // SAFETY: a pinned value validated by the type's version tag.
                        let m = unsafe { unpin(ptr) };
                        return Ok((m, Some(owner)));
                    }
                    K_MODULE => {
                        if let Some(m) = owner.downcast::<crate::objects::module::PyModule>() {
                            if let Some(d) = m.dict.downcast::<PyDict>() {
                                if let Some(v) = d.get_item_str(ts, name) {
                                    return Ok((v, None));
                                }
                            }
                        }
                    }
                    K_CLASS_ATTR => {
                        if let Some(v) = dict_get(&owner, ts, name) {
                            return Ok((v, None));
                        }
                        // SAFETY: as above.
                        return Ok((unsafe { unpin(ptr) }, None));
                    }
                    K_DATA_DESCR | K_NONDATA_DESCR => {
                        if kind == K_NONDATA_DESCR {
                            if let Some(v) = dict_get(&owner, ts, name) {
                                return Ok((v, None));
                            }
                        }
                        // SAFETY: as above.
                        let d = unsafe { unpin(ptr) };
                        if let Some(get) = d.class().slots.descr_get.get() {
                            return Ok((get(ts, &d, Some(&owner), &ty.to_value())?, None));
                        }
                    }
                    _ => {}
                }
                return load_attr_generic(ts, owner, name, method);
            }
        }
    }
    load_attr_miss(ts, code, at, owner, name, method)
}

#[inline]
fn load_attr_generic(
    ts: &ThreadState,
    owner: Value,
    name: &Value,
    method: bool,
) -> PyResult<(Value, Option<Value>)> {
    if method {
        crate::interp::ops::load_method(ts, &owner, name)
    } else {
        Ok((crate::protocols::get_attr(ts, &owner, name)?, None))
    }
}

#[cold]
#[inline(never)]
fn load_attr_miss(
    ts: &ThreadState,
    code: &PyCode,
    at: usize,
    owner: Value,
    name: &Value,
    method: bool,
) -> PyResult<(Value, Option<Value>)> {
    let ty = owner.class();
    // Read before the lookup: a change after this read invalidates the tag.
    let ver = ty.version_tag();
    let (kind, ptr) = classify_load(ts, ty, &owner, name, method);
    if ty.version_now() == ver {
        if let Some(e) = code.icache.entry_alloc(code.unit.code.len(), at, 3) {
            write(e, [ver, kind, ptr]);
        }
    }
    load_attr_generic(ts, owner, name, method)
}

/// Which LOAD_ATTR path serves `name` on instances of `ty` (and the pinned value it uses).
fn classify_load(
    ts: &ThreadState,
    ty: &PyType,
    owner: &Value,
    name: &Value,
    method: bool,
) -> (u64, u64) {
    let t = types();
    if !name.header().is_some_and(|h| h.is_immortal()) {
        return (K_SLOW, 0);
    }
    if std::ptr::eq(ty, t.module) {
        return match ty.lookup(ts, name) {
            None => (K_MODULE, 0),
            Some(_) => (K_SLOW, 0),
        };
    }
    if !has_generic_getattr(ty) {
        return (K_SLOW, 0);
    }
    let Some(d) = ty.lookup(ts, name) else {
        return if ty.dict_index.is_some() {
            (K_INSTANCE, 0)
        } else {
            (K_SLOW, 0)
        };
    };
    let dt = d.class();
    let kind = if method && (dt.is(t.function) || dt.is(t.method_descr)) {
        K_METHOD
    } else if dt.slots.descr_get.is_set() {
        if dt.slots.descr_set.is_set() {
            K_DATA_DESCR
        } else {
            K_NONDATA_DESCR
        }
    } else {
        K_CLASS_ATTR
    };
    // Instances whose dict is in their payload (functions, exceptions) rather than a dict
    // word: only the generic path knows to look there for shadowing values.
    if ty.dict_index.is_none() && crate::objects::object_type::instance_dict(ts, owner).is_some() {
        return (K_SLOW, 0);
    }
    // Deferred counting only for what CPython 3.14t defers anyway (functions, classes) and
    // the descriptor wrappers around them: deferring any other object would delay its
    // `__del__` from the moment the class attribute is replaced to the next collection.
    let may_defer = d.is_type()
        || dt.is(t.function)
        || dt.is(t.classmethod)
        || dt.is(t.staticmethod)
        || dt.is(t.property);
    match pin(ts, &d, may_defer) {
        Some(p) => (kind, p),
        None => (K_SLOW, 0),
    }
}

// STORE_ATTR entry kinds.
/// No data descriptor on the type: store into the instance dict.
const K_STORE_INSTANCE: u64 = 2;

#[inline]
fn has_generic_setattr(ty: &PyType) -> bool {
    ty.slots.setattro.get().is_some_and(|g| {
        std::ptr::fn_addr_eq(
            g,
            crate::objects::object_type::generic_setattr as crate::objects::slots::SetattroFn,
        )
    })
}

/// STORE_ATTR at unit `at`: `owner.name = v`.
#[inline]
pub fn store_attr(
    ts: &ThreadState,
    code: &PyCode,
    at: usize,
    owner: &Value,
    name: &Value,
    v: Value,
) -> PyResult<()> {
    let ty = owner.class();
    if let Some(e) = code.icache.entry(at, 2) {
        if let Some([ver, kind]) = read::<2>(e) {
            if ver == ty.version_now() {
                if kind == K_STORE_INSTANCE {
                    if let Some(d) = crate::object::instance_dict_ref(owner) {
                        return d.set_item(ts, name.clone(), v);
                    }
                }
                return crate::protocols::set_attr(ts, owner, name, v);
            }
        }
    }
    store_attr_miss(ts, code, at, owner, name, v)
}

#[cold]
#[inline(never)]
fn store_attr_miss(
    ts: &ThreadState,
    code: &PyCode,
    at: usize,
    owner: &Value,
    name: &Value,
    v: Value,
) -> PyResult<()> {
    let ty = owner.class();
    let ver = ty.version_tag();
    let kind = if name.header().is_some_and(|h| h.is_immortal())
        && name.class().is(types().str)
        && has_generic_setattr(ty)
        && ty.dict_index.is_some()
        && ty
            .lookup(ts, name)
            .is_none_or(|d| !d.class().slots.descr_set.is_set())
    {
        K_STORE_INSTANCE
    } else {
        K_SLOW
    };
    if ty.version_now() == ver {
        if let Some(e) = code.icache.entry_alloc(code.unit.code.len(), at, 2) {
            write(e, [ver, kind]);
        }
    }
    crate::protocols::set_attr(ts, owner, name, v)
}

/// LOAD_GLOBAL at unit `at`: `name` from `globals`, else `builtins`; `None` if in neither.
#[inline]
pub fn load_global(
    ts: &ThreadState,
    code: &PyCode,
    at: usize,
    globals: &Value,
    builtins: &Value,
    name: &Value,
) -> PyResult<Option<Value>> {
    let (Some(g), Some(b)) = (globals.downcast::<PyDict>(), builtins.downcast::<PyDict>()) else {
        return crate::interp::cache::load_global(ts, globals, builtins, name);
    };
    let (gver, bver) = (g.version(), b.version());
    if let Some(e) = code.icache.entry(at, 3) {
        if let Some([eg, eb, bits]) = read::<3>(e) {
            if eg == gver && eb == bver {
                // SAFETY: pinned, validated by both dicts' versions (unchanged since the fill,
                // so the value is still in one of them).
                return Ok(Some(unsafe { unpin(bits) }));
            }
        }
    }
    if !globals.class().is(crate::runtime::types().dict) {
        // A dict subclass may define `__missing__`; never cached (see cache::load_global).
        return crate::interp::cache::load_global(ts, globals, builtins, name);
    }
    load_global_miss(ts, code, at, globals, builtins, gver, bver, name)
}

/// A miss: the lookup through the thread-local global cache (which holds counted references,
/// so it also serves values this entry can't pin, such as builtins owned by the bootstrap
/// thread), then a refill when the value can be pinned.
#[cold]
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn load_global_miss(
    ts: &ThreadState,
    code: &PyCode,
    at: usize,
    globals: &Value,
    builtins: &Value,
    gver: u64,
    bver: u64,
    name: &Value,
) -> PyResult<Option<Value>> {
    let v = crate::interp::cache::load_global(ts, globals, builtins, name)?;
    if let Some(v) = &v {
        if let Some(bits) = pin(ts, v, false) {
            if let (Some(g), Some(b)) =
                (globals.downcast::<PyDict>(), builtins.downcast::<PyDict>())
            {
                if g.version() == gver && b.version() == bver {
                    if let Some(e) = code.icache.entry_alloc(code.unit.code.len(), at, 3) {
                        write(e, [gver, bver, bits]);
                    }
                }
            }
        }
    }
    Ok(v)
}
