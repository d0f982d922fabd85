//! Thread-local lookup caches: type attribute lookups (keyed by type and interned name,
//! flushed when the global type epoch moves) and global-variable lookups (keyed by globals dict
//! and name, validated by the dicts' versions).
//!
//! Thread-local because a shared cache is a shared cache line: with these, steady-state method
//! and global lookups touch no lock and no contended memory. Entries hold counted references;
//! a stale entry can't be mistaken for a live one because type epochs and dict versions are
//! process-unique and never reused (DESIGN: versions-unique). This is the interim mechanism
//! until per-instruction inline caches (specialization) land.

use crate::objects::dict::PyDict;
use crate::objects::typeobj::PyType;
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A multiplicative hasher for pointer-pair keys.
#[derive(Default)]
pub struct PtrHasher(u64);

impl Hasher for PtrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type PtrMap<V> = HashMap<(usize, usize), V, BuildHasherDefault<PtrHasher>>;

const MAX_ENTRIES: usize = 8192;

pub struct GlobalEntry {
    gver: u64,
    bver: u64,
    builtins: usize,
    value: Value,
}

#[derive(Default)]
pub struct ThreadCaches {
    epoch: u64,
    types: PtrMap<Option<Value>>,
    globals: PtrMap<GlobalEntry>,
}

/// `type._PyType_Lookup(name)` through the cache.
pub fn type_lookup(ts: &ThreadState, ty: &PyType, name: &Value) -> Option<Value> {
    let cacheable = name.header().is_some_and(|h| h.is_immortal());
    if !cacheable {
        return ty.lookup_uncached(ts, name);
    }
    let key = (ty as *const PyType as usize, name.identity());
    let epoch = crate::runtime::type_epoch();
    {
        let mut c = ts.caches.borrow_mut();
        if c.epoch != epoch {
            let old = std::mem::take(&mut c.types);
            c.epoch = epoch;
            drop(c);
            drop(old);
        } else if let Some(v) = c.types.get(&key) {
            return v.clone();
        }
    }
    let r = ty.lookup_uncached(ts, name);
    if let Ok(mut c) = ts.caches.try_borrow_mut() {
        if c.epoch == epoch {
            if c.types.len() >= MAX_ENTRIES {
                let old = std::mem::take(&mut c.types);
                drop(c);
                drop(old);
                c = match ts.caches.try_borrow_mut() {
                    Ok(c) => c,
                    Err(_) => return r,
                };
            }
            c.types.insert(key, r.clone());
        }
    }
    r
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
    let key = (globals.identity(), name.identity());
    let (gver, bver) = (g.version(), b.version());
    if let Ok(c) = ts.caches.try_borrow() {
        if let Some(e) = c.globals.get(&key) {
            if e.gver == gver && e.bver == bver && e.builtins == builtins.identity() {
                return Ok(Some(e.value.clone()));
            }
        }
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
                if c.globals.len() >= MAX_ENTRIES {
                    let old = std::mem::take(&mut c.globals);
                    drop(c);
                    drop(old);
                    c = match ts.caches.try_borrow_mut() {
                        Ok(c) => c,
                        Err(_) => return Ok(Some(v.clone())),
                    };
                }
                let old = c.globals.insert(
                    key,
                    GlobalEntry {
                        gver,
                        bver,
                        builtins: builtins.identity(),
                        value: v.clone(),
                    },
                );
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
