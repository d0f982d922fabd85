//! Thread-local lookup caches: type attribute lookups (keyed by the type's version tag and
//! interned name) and global-variable lookups (keyed by globals dict and name, validated by the
//! dicts' versions).
//!
//! Thread-local because a shared cache is a shared cache line: with these, steady-state method
//! and global lookups touch no lock and no contended memory. Entries hold counted references;
//! a stale entry can't be mistaken for a live one because type version tags and dict versions
//! are process-unique and never reused (DESIGN: versions-unique, type-version-tags).
//!
//! A type-cache slot is chosen by (type address, name) and validated by (version tag, name),
//! so a changed class attribute lands in the same slot and replaces the old value: the writer
//! clears its own slot at once ([`forget`]), so the replaced object dies when CPython's would
//! (its `__del__` runs then). When a class dies every thread flushes its cache at its next
//! lookup ([`crate::runtime::type_deaths`]), dropping what it held for that class.

use crate::objects::dict::PyDict;
use crate::objects::typeobj::PyType;
use crate::thread_state::ThreadState;
use crate::value::Value;

/// Slots of the direct-mapped global cache (a power of two).
const GLOBAL_CACHE_SIZE: usize = 1024;

/// One slot of the global cache: (globals dict, name) → value, valid while both dicts keep
/// the versions it was read at (versions are never reused: DESIGN: versions-unique).
#[derive(Default)]
pub struct GlobalEntry {
    globals: usize,
    name: usize,
    gver: u64,
    bver: u64,
    builtins: usize,
    value: Option<Value>,
}

/// Entries of the type-attribute cache (a power of two). CPython's method cache has 4096.
const TYPE_CACHE_BITS: u32 = 12;

/// One slot of the direct-mapped type-attribute cache: (type version tag, name identity) →
/// the lookup's result.
#[derive(Default)]
struct TypeEntry {
    version: u64,
    name: usize,
    value: Option<Value>,
}

#[derive(Default)]
pub struct ThreadCaches {
    /// [`crate::runtime::type_deaths`] when the type cache was last flushed.
    deaths: u64,
    /// Direct-mapped (like CPython's type cache): a lookup is one hash, one compare, no probe.
    /// Empty until first used.
    types: Vec<TypeEntry>,
    /// Indexes of `types` filled since the last flush, so a flush costs what was used.
    filled: Vec<u32>,
    /// Direct-mapped, like `types`; empty until first used.
    globals: Vec<GlobalEntry>,
}

#[inline]
fn type_slot(ty: usize, name: usize) -> usize {
    ((ty ^ name.rotate_left(17)) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) as usize
        >> (usize::BITS - TYPE_CACHE_BITS)
}

impl ThreadCaches {
    /// Empties the type cache after a class died; returns the values to drop once the cache is
    /// no longer borrowed (a drop may run Python code that looks types up).
    fn flush_types(&mut self, deaths: u64) -> Vec<Value> {
        self.deaths = deaths;
        let mut old = Vec::with_capacity(self.filled.len());
        for i in self.filled.drain(..) {
            if let Some(e) = self.types.get_mut(i as usize) {
                e.version = 0;
                e.name = 0;
                if let Some(v) = e.value.take() {
                    old.push(v);
                }
            }
        }
        old
    }
}

/// `type._PyType_Lookup(name)` through the cache.
pub fn type_lookup(ts: &ThreadState, ty: &PyType, name: &Value) -> Option<Value> {
    let cacheable = name.header().is_some_and(|h| h.is_immortal());
    if !cacheable {
        return ty.lookup_uncached(ts, name);
    }
    let kname = name.identity();
    let slot = type_slot(ty as *const PyType as usize, kname);
    // Read before the lookup: a change after this read invalidates the tag (type-version-tags).
    let version = ty.version_tag();
    let deaths = crate::runtime::type_deaths();
    {
        let Ok(mut c) = ts.caches.try_borrow_mut() else {
            return ty.lookup_uncached(ts, name);
        };
        if c.deaths != deaths {
            let old = c.flush_types(deaths);
            drop(c);
            drop(old);
        } else if let Some(e) = c.types.get(slot) {
            if e.version == version && e.name == kname {
                return e.value.clone();
            }
        }
    }
    let r = ty.lookup_uncached(ts, name);
    if ty.version_now() != version {
        // Changed while we looked: don't cache what may already be stale.
        return r;
    }
    if let Ok(mut c) = ts.caches.try_borrow_mut() {
        if c.types.is_empty() {
            c.types
                .resize_with(1 << TYPE_CACHE_BITS, TypeEntry::default);
        }
        let e = &mut c.types[slot];
        let was_empty = e.version == 0;
        e.version = version;
        e.name = kname;
        let old = std::mem::replace(&mut e.value, r.clone());
        if was_empty {
            c.filled.push(slot as u32);
        }
        drop(c);
        drop(old);
    }
    r
}

/// Drops this thread's cached lookup of `name` on `ty` (after `name` changed in a dict on its
/// MRO), so the old value is not kept alive by the cache.
pub fn forget(ts: &ThreadState, ty: &PyType, name: &Value) {
    let kname = name.identity();
    let slot = type_slot(ty as *const PyType as usize, kname);
    let old = {
        let Ok(mut c) = ts.caches.try_borrow_mut() else {
            return;
        };
        match c.types.get_mut(slot) {
            Some(e) if e.name == kname => {
                // The slot may hold another type's entry for this name: empty it whole.
                e.version = 0;
                e.name = 0;
                e.value.take()
            }
            _ => None,
        }
    };
    drop(old);
}

/// LOAD_GLOBAL: `name` from `globals`, else `builtins`; `None` if in neither.
pub fn load_global(
    ts: &ThreadState,
    globals: &Value,
    builtins: &Value,
    name: &Value,
) -> crate::errors::PyResult<Option<Value>> {
    let (Some(g), Some(b)) = (globals.downcast::<PyDict>(), builtins.downcast::<PyDict>()) else {
        return load_global_slow(ts, globals, builtins, name);
    };
    let (kg, kname, kb) = (globals.identity(), name.identity(), builtins.identity());
    let slot = type_slot(kg, kname) & (GLOBAL_CACHE_SIZE - 1);
    let (gver, bver) = (g.version(), b.version());
    if let Ok(c) = ts.caches.try_borrow() {
        if let Some(e) = c.globals.get(slot) {
            if e.globals == kg
                && e.name == kname
                && e.gver == gver
                && e.bver == bver
                && e.builtins == kb
            {
                if let Some(v) = &e.value {
                    return Ok(Some(v.clone()));
                }
            }
        }
    }
    // A dict subclass (annotationlib's fake globals) may define `__missing__`: it takes the
    // mapping path. Checked after the cache, which only ever holds exact dicts.
    if !globals.class().is(crate::runtime::types().dict) {
        return load_global_slow(ts, globals, builtins, name);
    }
    let v = match g.get_item_str(ts, name) {
        Some(v) => Some(v),
        None => b.get_item_str(ts, name),
    };
    if let Some(v) = &v {
        if g.version() == gver
            && b.version() == bver
            && name.header().is_some_and(|h| h.is_immortal())
        {
            if let Ok(mut c) = ts.caches.try_borrow_mut() {
                if c.globals.is_empty() {
                    c.globals
                        .resize_with(GLOBAL_CACHE_SIZE, GlobalEntry::default);
                }
                let e = &mut c.globals[slot];
                *e = GlobalEntry {
                    globals: kg,
                    name: kname,
                    gver,
                    bver,
                    builtins: kb,
                    value: e.value.take(),
                };
                let old = e.value.replace(v.clone());
                drop(c);
                drop(old);
            }
        }
    }
    Ok(v)
}

fn load_global_slow(
    ts: &ThreadState,
    globals: &Value,
    builtins: &Value,
    name: &Value,
) -> crate::errors::PyResult<Option<Value>> {
    if let Some(v) = crate::protocols::get_item_opt(ts, globals, name)? {
        return Ok(Some(v));
    }
    crate::protocols::get_item_opt(ts, builtins, name)
}
