//! Biased reference counting (PEP 703; CPython's `Include/refcount.h`, `Objects/object.c`).
//!
//! Every path of the state machine documented on [`ObjHeader`] lives here and nowhere else
//! (invariants I1–I8 of `shared/reference/cpython-free-threading.md` §1.14):
//!
//! ```text
//!            owner incref/decref: local ± 1 (plain store)      non-owner: shared ± 4 (RMW)
//!   DEFAULT ──try_incref refused while shared == 0 (I5)──────────────────────────────┐
//!     │  set_maybe_weakref / new_ref_with_lock (CAS)                                  │
//!     ▼                                                                               │
//!   MAYBE_WEAKREF ──non-owner decref at count 0 (CAS, once; donates its ref)──▶ QUEUED │
//!     │                                                                        │      │
//!     │ owner local → 0 with shared ≠ 0:  owner := 0, CAS → MERGED             │ owner merges the
//!     ▼                                                                        │ queue: explicit_merge(-1)
//!   MERGED (owner == 0, count = shared >> 2) ◀─────────────────────────────────┘      │
//!     │ decref to 0 (CAS) → dealloc                                                   │
//!   dealloc also: owner, local == 0 && whole shared word == 0 → free, no RMW ◀────────┘
//! ```
//!
//! Entry points are `pub(crate)` functions taking the caller's thread id; the safe API is
//! `ObjRef` (handle.rs). Nothing here allocates or takes a lock except `brc::queue_to_owner`.

use crate::header::{
    gc_bits, ObjHeader, DEFERRED_BIAS, IMMORTAL_LOCAL, SHARED_ONE, SHARED_SHIFT, STATE_DEFAULT,
    STATE_MASK, STATE_MAYBE_WEAKREF, STATE_MERGED, STATE_QUEUED,
};
use crate::sync::Ordering;
use std::ptr::NonNull;

/// Adds a reference. The caller already holds one (or holds a lock that pins one).
///
/// The owner path is one compare (`owner == me`), a plain increment and one saturation
/// compare, each a fused compare-and-branch; no immortal test: owned ⇒ mortal (I3). The
/// non-owner path tests immortality inline (None, True, … are cloned often and cost a load)
/// and leaves the atomic RMW out of line.
#[inline(always)]
pub(crate) fn incref(h: &ObjHeader, me: usize) {
    // ORDERING: Relaxed: if `owner` is our id, we stored it ourselves (allocation) and nobody
    // else changes it while we live (I3); if not, we take the shared path, whose RMW is atomic.
    if h.owner.load(Ordering::Relaxed) == me {
        // Owned ⇒ not immortal: immortal objects have owner 0, and saturation clears it. So
        // `local < IMMORTAL_LOCAL` and the add can't wrap.
        // ORDERING: Relaxed: owner-only field (I2).
        let local = h.local.load(Ordering::Relaxed) + 1;
        if local != IMMORTAL_LOCAL {
            // ORDERING: Relaxed: owner-only field (I2).
            h.local.store(local, Ordering::Relaxed);
        } else {
            saturate(h);
        }
    } else {
        // Not ours: immortal (a test and nothing else) or shared. `cold_path` makes LLVM lay
        // the owner path out straight-line (no taken branch between an incref and a following
        // decref) and put this block after the caller's body; the immortal test stays inline
        // (a call here costs the immortal pair 1.7 -> 2.8 ns, gc_micro).
        std::hint::cold_path();
        if !h.is_immortal() {
            incref_shared(h);
        }
    }
}

/// A non-owner adds a reference to a mortal object. `#[cold]` moves it off the owner path's
/// fall-through; not `#[inline(never)]`: a call here would make the caller re-read the thread-
/// local id before the next decref (owner `Clone`+`Drop` pair 0.90 → 0.96 ns, gc_micro).
#[cold]
fn incref_shared(h: &ObjHeader) {
    // A deferred object with an id counts in this thread's private array (ptrc.rs).
    if h.has_bits(gc_bits::DEFERRED) && crate::ptrc::add(h, 1) {
        return;
    }
    // ORDERING: Relaxed, as in `Arc::clone`: the caller's existing reference keeps the
    // object alive, and the RMW can't be lost; frees synchronize through decrefs.
    h.shared.fetch_add(SHARED_ONE, Ordering::Relaxed);
}

/// The owner's local count would reach `u32::MAX`: the object becomes immortal and leaks
/// instead of overflowing (I7). `owner` is cleared after `local` so that "owned ⇒ mortal"
/// holds for the owner's own fast paths; non-owners test `local` first. Cold, and inlinable
/// for the same reason as `incref_shared`.
#[cold]
fn saturate(h: &ObjHeader) {
    // ORDERING: Relaxed: only the owner writes these (I2); a non-owner reading either the old
    // or the new value behaves correctly (immortal objects ignore the shared count).
    h.local.store(IMMORTAL_LOCAL, Ordering::Relaxed);
    h.owner.store(0, Ordering::Relaxed);
}

/// Drops a reference; deallocates when it was the last.
///
/// The owner path is one compare (`owner == me`), a plain decrement and a zero test on its
/// flags; everything else is out of line.
///
/// # Safety
/// The caller owns one reference to `h`, which it gives up; `h` points to a live gc object.
#[inline(always)]
pub(crate) unsafe fn decref(h: NonNull<ObjHeader>, me: usize) {
    // SAFETY: the caller's reference keeps the header alive until we give it up below.
    let hr = unsafe { h.as_ref() };
    // ORDERING: Relaxed, as in `incref`.
    if hr.owner.load(Ordering::Relaxed) == me {
        // Owned ⇒ not immortal (see `incref`), and our reference is counted here, so > 0.
        // ORDERING: Relaxed: owner-only field (I2). Our own earlier writes to the object are
        // program-ordered before a free on this thread; other threads' writes are acquired in
        // `merge_zero_local`.
        let local = hr.local.load(Ordering::Relaxed) - 1;
        hr.local.store(local, Ordering::Relaxed);
        if local == 0 {
            // Laid out after the body: a death costs a call and a free anyway, and a surviving
            // decref then falls through with no taken branch.
            std::hint::cold_path();
            // SAFETY: we were the owner and took the local count to 0; forwarded contract.
            unsafe { merge_zero_local(h) };
        }
    } else {
        // Out of line, as in `incref`.
        std::hint::cold_path();
        if !hr.is_immortal() {
            // SAFETY: forwarded contract.
            unsafe { decref_shared(h) };
        }
    }
}

/// The owner's local count reached 0: free at once if nobody else holds or can get a reference,
/// else give up ownership and merge (CPython's `_Py_MergeZeroLocalRefcount`).
///
/// Out of line but not `#[cold]`: the death of a young object (owner, shared word 0) is common,
/// and it costs a call next to the free it leads to.
///
/// # Safety
/// The caller is `h`'s owner, just took the local count to 0, and gives up that reference.
#[inline(never)]
unsafe fn merge_zero_local(h: NonNull<ObjHeader>) {
    debug_assert!(
        crate::thread::may_touch_objects(),
        "object touched by a detached thread"
    );
    // SAFETY: the object is alive until we free it below.
    let hr = unsafe { h.as_ref() };
    // ORDERING: Acquire pairs with the Release RMW of every non-owner decref, so their writes to
    // the object happen-before a free here.
    let mut shared = hr.shared.load(Ordering::Acquire);
    if shared == 0 {
        // DEFAULT and count 0: no other thread holds a reference, and none can get one, because
        // `try_incref_shared` refuses a zero word (I5) — the one free with no atomic RMW.
        // SAFETY: count 0, state DEFAULT: we are the only thread that can reach it (I4a).
        unsafe { crate::heap::dealloc(h) };
        return;
    }
    // Give up ownership before MERGED becomes visible (I3; CPython gh-119999/gh-121794): once a
    // thread can see MERGED it must also see owner == 0, or it could take the owner fast path.
    // ORDERING: Relaxed: published by the Release half of the CAS below.
    hr.owner.store(0, Ordering::Relaxed);
    loop {
        let new = (shared & !STATE_MASK) | STATE_MERGED;
        // ORDERING: AcqRel: Release publishes `owner = 0` with MERGED (pairs with the Acquire of
        // later CASes/loads of `shared`); Acquire sees other threads' decref writes before a free.
        match hr
            .shared
            .compare_exchange_weak(shared, new, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => {
                if new == STATE_MERGED {
                    // SAFETY: merged count 0 and we made the transition (I4b).
                    unsafe { crate::heap::dealloc(h) };
                }
                return;
            }
            Err(x) => shared = x,
        }
    }
}

/// A non-owner drops a reference (CPython's `_Py_DecRefShared`).
///
/// # Safety
/// The caller owns one reference to the live object `h` and gives it up.
#[cold]
#[inline(never)]
unsafe fn decref_shared(h: NonNull<ObjHeader>) {
    debug_assert!(
        crate::thread::may_touch_objects(),
        "object touched by a detached thread"
    );
    // SAFETY: the caller's reference keeps it alive until the CAS below gives it up.
    let hr = unsafe { h.as_ref() };
    // A deferred object with an id counts in this thread's private array (ptrc.rs); it can't
    // die here (bias, I8).
    if hr.has_bits(gc_bits::DEFERRED) && crate::ptrc::add(hr, -1) {
        return;
    }
    // ORDERING: Relaxed: a first guess for the CAS.
    let mut shared = hr.shared.load(Ordering::Relaxed);
    loop {
        // Count 0 in a state before QUEUED: our reference is counted in the owner's `local`.
        // Going negative now would let the owner free from `shared == 0`-like states too early
        // or never; instead hand the reference to the owner (I6, once per object: QUEUED is
        // never left except to MERGED).
        let queue = shared == STATE_DEFAULT || shared == STATE_MAYBE_WEAKREF;
        let new = if queue {
            STATE_QUEUED
        } else {
            shared - SHARED_ONE
        };
        // ORDERING: AcqRel: Release so our writes to the object happen-before whoever frees it;
        // Acquire so that, if we free it, the others' writes happen-before our free.
        match hr
            .shared
            .compare_exchange_weak(shared, new, Ordering::AcqRel, Ordering::Relaxed)
        {
            Ok(_) => {
                if queue {
                    // SAFETY: the queue now owns our reference.
                    unsafe { crate::brc::queue_to_owner(h) };
                } else if new == STATE_MERGED {
                    // SAFETY: merged count reached 0 by our CAS (I4b).
                    unsafe { crate::heap::dealloc(h) };
                }
                return;
            }
            Err(x) => shared = x,
        }
    }
}

/// Folds `local` into `shared`, marks MERGED, adds `extra`; returns the merged count (CPython's
/// `_Py_ExplicitMergeRefcount`). The caller frees the object if it returns 0.
///
/// # Safety
/// No other thread writes `local` concurrently: the caller is the owner, or the owner has exited
/// and the caller is the one thread that queued the object, or the world is stopped. `h` is
/// alive. An immortal object is left alone (returns 1).
pub(crate) unsafe fn explicit_merge(h: &ObjHeader, extra: isize) -> isize {
    if h.is_immortal() {
        // Saturated while queued: immortal objects are never written again (I7) nor freed.
        return 1;
    }
    // ORDERING: Relaxed: per the contract, nobody else writes `local` now.
    let local = h.local.load(Ordering::Relaxed);
    // ORDERING: Relaxed stores, published by the Release half of the CAS (I3).
    h.local.store(0, Ordering::Relaxed);
    h.owner.store(0, Ordering::Relaxed);
    // ORDERING: Relaxed: a first guess for the CAS.
    let mut shared = h.shared.load(Ordering::Relaxed);
    loop {
        let rc = (shared >> SHARED_SHIFT) + local as isize + extra;
        debug_assert!(rc >= 0, "negative merged refcount {rc}");
        let new = (rc << SHARED_SHIFT) | STATE_MERGED;
        // ORDERING: AcqRel, as in `merge_zero_local`.
        match h
            .shared
            .compare_exchange_weak(shared, new, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => return rc,
            Err(x) => shared = x,
        }
    }
}

/// Incref if immortal or owned by `me` (no RMW); else fails.
#[inline]
pub(crate) fn try_incref_fast(h: &ObjHeader, me: usize) -> bool {
    // ORDERING: Relaxed, as in `incref`.
    if h.owner.load(Ordering::Relaxed) == me {
        incref(h, me);
        return true;
    }
    h.is_immortal()
}

/// Incref through the shared count unless the object is dead or may die with no RMW: refuses a
/// whole word of 0 (DEFAULT, count 0: the owner may free it without an atomic) and MERGED with
/// count 0 (dead) (I5).
#[inline]
pub(crate) fn try_incref_shared(h: &ObjHeader) -> bool {
    // ORDERING: Relaxed: a first guess for the CAS.
    let mut shared = h.shared.load(Ordering::Relaxed);
    loop {
        if shared == 0 || shared == STATE_MERGED {
            return false;
        }
        // ORDERING: Acquire: on success we go on to read the object; pairs with the Release of
        // the store that published the object (new_ref_with_lock / set_maybe_weakref CAS chain)
        // and with earlier decrefs. Our CAS and the freeing thread's CAS are in one modification
        // order, so exactly one of "we incref" and "it merges to 0" wins.
        match h.shared.compare_exchange_weak(
            shared,
            shared + SHARED_ONE,
            Ordering::Acquire,
            Ordering::Relaxed,
        ) {
            Ok(_) => return true,
            Err(x) => shared = x,
        }
    }
}

/// Incref for a reader holding the lock that keeps the object alive (a container's critical
/// section): also moves DEFAULT to MAYBE_WEAKREF so later lock-free reads may succeed
/// (CPython's `_Py_NewRefWithLock`).
pub(crate) fn new_ref_with_lock(h: &ObjHeader, me: usize) {
    if try_incref_fast(h, me) {
        return;
    }
    // ORDERING: Relaxed: a first guess for the CAS.
    let mut shared = h.shared.load(Ordering::Relaxed);
    loop {
        let mut new = shared + SHARED_ONE;
        if shared & STATE_MASK == STATE_DEFAULT {
            new |= STATE_MAYBE_WEAKREF;
        }
        // ORDERING: Release: orders our earlier writes (publication of the container slot) before
        // lock-free readers' Acquire CAS in `try_incref_shared`.
        match h
            .shared
            .compare_exchange_weak(shared, new, Ordering::Release, Ordering::Relaxed)
        {
            Ok(_) => return,
            Err(x) => shared = x,
        }
    }
}

/// Moves DEFAULT to MAYBE_WEAKREF: from now on the owner can't free without a CAS, so
/// `try_incref_shared` is safe to race with its free.
pub(crate) fn set_maybe_weakref(h: &ObjHeader) {
    if h.is_immortal() {
        return;
    }
    // ORDERING: Relaxed: a first guess for the CAS.
    let mut shared = h.shared.load(Ordering::Relaxed);
    while shared & STATE_MASK == STATE_DEFAULT {
        // ORDERING: Release, as in `new_ref_with_lock`.
        match h.shared.compare_exchange_weak(
            shared,
            shared | STATE_MAYBE_WEAKREF,
            Ordering::Release,
            Ordering::Relaxed,
        ) {
            Ok(_) => return,
            Err(x) => shared = x,
        }
    }
}

/// Brings an object whose count reached 0 back with one reference held by the calling thread
/// (`me`; `NO_OWNER` gets a merged count of 1), marked FINALIZED so its finalizer runs once
/// (CPython's resurrection in `PyObject_CallFinalizerFromDealloc`). A deferred object loses
/// that status (its bias is gone): refcounting frees it from now on.
///
/// # Safety
/// Called from a `GcVtable::finalize` hook: the count is 0 and nothing has been freed. Lock-free
/// readers may still CAS `shared`; both the dead words (0, MERGED|0) and the new DEFAULT 0 make
/// their `try_incref` fail, so the object stays private to us unless it is born merged.
pub(crate) unsafe fn resurrect(h: &ObjHeader, me: usize) {
    h.set_bits(gc_bits::FINALIZED);
    h.clear_bits(gc_bits::DEFERRED);
    if me == crate::thread::NO_OWNER {
        // ORDERING: Relaxed stores published by the Release store of `shared` (I3).
        h.local.store(0, Ordering::Relaxed);
        h.owner.store(0, Ordering::Relaxed);
        h.shared.store(SHARED_ONE | STATE_MERGED, Ordering::Release);
    } else {
        // ORDERING: as above; an owned object with shared word 0 is private to its owner.
        h.local.store(1, Ordering::Relaxed);
        h.owner.store(me, Ordering::Relaxed);
        // Weakly referenced: other threads' weakref derefs `try_incref` it (I5), as before.
        let state = if h.has_bits(gc_bits::WEAKREFS) {
            STATE_MAYBE_WEAKREF
        } else {
            STATE_DEFAULT
        };
        h.shared.store(state, Ordering::Release);
    }
}

/// Makes an object immortal while others may hold references (`ObjRef::immortalize_shared`):
/// only when no other thread can be writing `local` with plain stores (we own it, it is merged,
/// or its owner exited). The caller's reference, never given back, keeps it alive.
pub(crate) fn immortalize_shared(h: &ObjHeader, me: usize) -> bool {
    if h.is_immortal() {
        return true;
    }
    // ORDERING: Relaxed, as in `incref`: our own id is only ever stored by us; another value
    // is checked against the registry, which a live thread is on until it exits.
    let owner = h.owner.load(Ordering::Relaxed);
    if owner != me && owner != 0 && crate::registry::runtime().registry.find(owner).is_some() {
        return false;
    }
    saturate(h);
    true
}

/// Makes a fresh, still thread-private object immortal (I7).
///
/// # Safety
/// No other thread can reach `h` yet.
pub(crate) unsafe fn immortalize(h: &ObjHeader) {
    // ORDERING: Relaxed: the object is thread-private; publication (a Release store or a thread
    // spawn) carries these writes.
    h.local.store(IMMORTAL_LOCAL, Ordering::Relaxed);
    h.owner.store(0, Ordering::Relaxed);
    h.shared.store(0, Ordering::Relaxed);
}

/// Turns on deferred reference counting: adds the bias so refcounting never frees the object;
/// only the collector does (I8). Fails unless `h` is a tracked GC object owned by `me`.
pub(crate) fn enable_deferred(h: &ObjHeader, me: usize) -> bool {
    if h.is_immortal() || !h.has_bits(gc_bits::TRACKED) || h.has_bits(gc_bits::DEFERRED) {
        return false;
    }
    // ORDERING: Relaxed, as in `incref`.
    if h.owner.load(Ordering::Relaxed) != me {
        return false;
    }
    h.set_bits(gc_bits::DEFERRED);
    // ORDERING: Relaxed: an RMW can't be lost; the bias is only read by the collector in a pause.
    h.shared
        .fetch_add(DEFERRED_BIAS << SHARED_SHIFT, Ordering::Relaxed);
    crate::ptrc::assign(h);
    true
}

/// Turns on deferred reference counting for an object that another thread owns (or that is
/// merged), from a thread holding a reference to it: for containers several threads use at
/// once, whose refcount line would otherwise bounce on every load (ptrc.rs). The DEFERRED bit is
/// claimed first (one enabler), then the bias is added, then the per-thread id: our own
/// reference keeps the object alive throughout, and once the bias is in, refcounting can't free
/// it, whichever of the atomic or the per-thread path a concurrent incref/decref takes (both
/// count correctly, I1).
#[cold]
pub(crate) fn enable_deferred_shared(h: &ObjHeader) -> bool {
    if h.is_immortal() || !h.has_bits(gc_bits::TRACKED) {
        return false;
    }
    // ORDERING: Relaxed: the RMW elects one enabler; nothing is published through the bit.
    if h.gc_bits.fetch_or(gc_bits::DEFERRED, Ordering::Relaxed) & gc_bits::DEFERRED != 0 {
        return false;
    }
    // ORDERING: Relaxed: an RMW can't be lost; the bias is read only by the collector.
    h.shared
        .fetch_add(DEFERRED_BIAS << SHARED_SHIFT, Ordering::Relaxed);
    crate::ptrc::assign(h);
    true
}

/// Whether `me` holds the only reference (owner, local == 1, whole shared word 0), so in-place
/// mutation is invisible to others (CPython's `_PyObject_IsUniquelyReferenced`).
pub(crate) fn is_unique(h: &ObjHeader, me: usize) -> bool {
    // ORDERING: Relaxed: if we own it, only we write `local`; a zero shared word means no other
    // thread holds a reference and none can get one (I5).
    h.owner.load(Ordering::Relaxed) == me
        && h.local.load(Ordering::Relaxed) == 1
        && h.shared.load(Ordering::Relaxed) == 0
}
