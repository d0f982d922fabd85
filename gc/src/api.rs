//! The VM-facing API of gc, in one place.
//!
//! | need                                  | use                                                   |
//! |---------------------------------------|-------------------------------------------------------|
//! | a thread that runs Python             | [`ThreadState::register`] (drop = thread exit)        |
//! | eval-breaker check                    | [`ThreadState::check_eval_breaker`] → [`Pending`]     |
//! | a blocking call                       | [`ThreadState::detached`]                             |
//! | poke another thread (signals)         | [`ThreadState::remote`] → [`ThreadRemote`]            |
//! | allocate                              | [`Gc::new`] (Rust payload) or [`alloc`] + [`GcVtable`] (VM layouts) |
//! | owning / borrowed references          | [`ObjRef`], [`Gc`], [`Borrowed`]                      |
//! | lock-free readable slot               | [`ObjSlot`]; locked reads use [`ObjRef::new_ref_with_lock`] |
//! | immortal / deferred objects           | [`ObjRef::immortalize`], [`ObjRef::enable_deferred`], [`StackRef`] |
//! | lock an object                        | [`with_critical_section`], [`with_critical_section2`] |
//! | leaf lock                             | [`RawMutex`]                                          |
//! | Python's `_thread.lock`               | [`ParkingLock`] (timed, released by any thread)       |
//! | free storage readers may still see    | [`ThreadState::defer_drop`] (QSBR)                    |
//! | stop the world                        | [`stop_the_world`]                                    |
//! | collect cycles                        | [`collect`] → [`Unreachable`] (`check_resurrection`, `finish`) |

pub use crate::collect::{
    allocations_since_collect, collect, collect_and_clear, collection_due, is_enabled, referents,
    referrers, set_enabled, set_threshold, threshold, tracked_objects, CollectStats, Unreachable,
};
pub use crate::critical_section::{
    with_critical_section, with_critical_section2, CsGuard, CsGuard2,
};
pub use crate::handle::{Borrowed, Gc, ObjRef, ObjSlot, StackRef, Trace};
pub use crate::header::{gc_bits, GcVtable, ObjHeader, Tracer, DEFERRED_BIAS, IMMORTAL_LOCAL};
pub use crate::heap::{alloc, AllocError};
pub use crate::mutex::{ParkingLock, RawMutex};
pub use crate::registry::breaker;
pub use crate::stw::{stop_the_world, WorldStopped};
pub use crate::thread::{
    current_id, AlreadyRegistered, Pending, ThreadRemote, ThreadState, NO_OWNER,
};

pub use crate::heap::set_weakref_hook;

/// Takes over an object whose count reached 0 inside a [`GcVtable::finalize`] hook: returns a
/// reference owned by the calling thread and marks the object FINALIZED (its finalizer runs
/// once, PEP 442). Dropping the reference later frees it, now without the hook.
///
/// # Safety
/// Only inside `finalize`, on the header it was given, at most once.
pub unsafe fn resurrect(h: std::ptr::NonNull<ObjHeader>) -> ObjRef {
    // SAFETY: forwarded contract.
    unsafe { crate::rc::resurrect(h.as_ref(), current_id()) };
    // SAFETY: we just gave the object one reference, owned by the handle.
    unsafe { ObjRef::from_raw(h) }
}

/// Number of GC-tracked objects currently alive (all heap lists). Walks the lists under their
/// locks: for tests and `gc.get_count`-style statistics, not for hot paths.
pub fn tracked_count() -> usize {
    crate::registry::runtime()
        .heap
        .snapshot_lists()
        .iter()
        .map(|l| l.len())
        .sum()
}
