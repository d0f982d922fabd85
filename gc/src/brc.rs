//! Biased-RC merge queues (CPython's `Python/brc.c`): a non-owner that would take an object's
//! shared count below zero hands its reference to the owner thread instead, which merges the
//! object at its next eval-breaker check.
//!
//! Per thread: a queue in `ThreadShared::brc` under a leaf lock, with a `closed` flag set by the
//! exit protocol. A non-owner finds the owner by id in the registry; if the owner is gone (not
//! registered, or its queue closed) the non-owner merges the object itself. That is safe because
//! the dead owner no longer writes `local`, ids are never reused (thread.rs), and only the one
//! thread that moved the object to QUEUED gets here (I6).
//!
//! An owner that is *detached* (blocked in I/O, a lock, a sleep) would hold queued objects until
//! it runs again, maybe forever. So the enqueuer, if it is an attached registered thread, merges
//! the whole queue on the owner's behalf (CPython main's `brc.c`, after 3.14): it CASes the
//! owner DETACHED → SUSPENDED (as a stop-the-world requester would, so the owner can't attach
//! and write `local`), merges every queued object keeping the queue's reference, stores the
//! owner DETACHED again and wakes it, and only then drops those references (destructors run
//! with the owner free to go on). DESIGN: brc-merge-for-detached.
//!
//! Entry points: `queue_to_owner` (rc.rs), `merge_pending` (eval breaker), `drain_and_close`
//! (thread exit), `take_all_in_pause` (collector).

use crate::header::ObjHeader;
use crate::registry::{breaker, runtime, state, ThreadShared};
use crate::sync::{park, Ordering};
use crate::thread::ThreadState;
use std::ptr::NonNull;

/// An object pointer that owns one reference, in transit between threads.
pub(crate) struct QueuedObj(pub(crate) NonNull<ObjHeader>);

// SAFETY: gc objects are shared between threads by design; every field a non-owner touches is
// atomic, and the reference travels with the pointer.
unsafe impl Send for QueuedObj {}

#[derive(Default)]
pub(crate) struct BrcQueue {
    objs: Vec<QueuedObj>,
    closed: bool,
}

impl BrcQueue {
    #[cfg(all(test, loom))]
    pub(crate) fn len(&self) -> usize {
        self.objs.len()
    }
}

/// Gives the caller's reference (already counted as "queued", see `rc::decref_shared`) to the
/// owner's merge queue, or merges here if the owner has exited.
///
/// # Safety
/// The caller just moved `h` to QUEUED and donates one reference.
#[cold]
pub(crate) unsafe fn queue_to_owner(h: NonNull<ObjHeader>) {
    // SAFETY: the donated reference keeps the object alive.
    let hr = unsafe { h.as_ref() };
    // ORDERING: Relaxed: the owner can't change while the object is QUEUED and the owner's
    // local count still includes our reference (only the owner merging the queue sets 0, after
    // our push); a stale 0 is impossible for the same reason.
    let owner = hr.owner.load(Ordering::Relaxed);
    let rt = runtime();
    if owner != 0 {
        if let Some(t) = rt.registry.find(owner) {
            let pushed = t.brc.with(|q| {
                if q.closed {
                    false
                } else {
                    q.objs.push(QueuedObj(h));
                    true
                }
            });
            if pushed {
                // The bit first: if the owner is attached, or we can't merge for it, it merges
                // at its next check. A spurious bit (we merged it all) finds an empty queue.
                t.request(breaker::MERGE);
                merge_for_detached_owner(&t);
                return;
            }
        }
    }
    // The owner exited (DESIGN: thread-exit): merge on its behalf.
    // SAFETY: the owner is gone, so nobody else writes `local`; we are the only thread that
    // queued this object (I6).
    if unsafe { crate::rc::explicit_merge(hr, -1) } == 0 {
        // SAFETY: merged count 0 (I4c).
        unsafe { crate::heap::dealloc(h) };
    }
}

/// If the owner `t` is detached, merges its whole queue on its behalf (module docs). Does
/// nothing unless the calling thread is registered and attached: stop-the-world waits only for
/// registered threads, so an unregistered thread holding an owner SUSPENDED could wake it in
/// the middle of someone else's pause; and an attached caller is one a pause waits for, so the
/// owner is never restarted under a stopped world (a requester sees it SUSPENDED and keeps
/// waiting for us). The requester itself finds every other thread SUSPENDED and does nothing.
fn merge_for_detached_owner(t: &ThreadShared) {
    if !crate::thread::with_current(|me| {
        // ORDERING: Relaxed: our own state, changed from ATTACHED only by this thread.
        me.is_some_and(|me| me.state.load(Ordering::Relaxed) == state::ATTACHED)
    }) {
        return;
    }
    // ORDERING: Acquire pairs with the owner's Release store of DETACHED in `detach_to`: its
    // last writes to `local`/`owner` of its objects happen-before our merge.
    if t.state
        .compare_exchange(
            state::DETACHED,
            state::SUSPENDED,
            Ordering::Acquire,
            Ordering::Relaxed,
        )
        .is_err()
    {
        return; // attached (it merges at its next check), or already suspended by someone
    }
    let objs = t.brc.with(|q| std::mem::take(&mut q.objs));
    for QueuedObj(h) in &objs {
        // SAFETY: the owner is SUSPENDED by us and can't attach until we store DETACHED below,
        // so nobody else writes `local` (a detached thread touches no object); only the owner
        // or a holder of its queue merges a QUEUED object, and we took the queue. The queued
        // reference keeps the object alive; `extra` 0 keeps it counted, dropped below.
        unsafe { crate::rc::explicit_merge(h.as_ref(), 0) };
    }
    // ORDERING: Release pairs with the Acquire CAS in `attach`: our writes to the merged headers
    // (`owner = 0`, `local = 0`) happen-before the owner touches them again.
    t.state.store(state::DETACHED, Ordering::Release);
    park::unpark_all(t.state_key());
    let me = crate::thread::current_id();
    for QueuedObj(h) in objs {
        // SAFETY: the queue's reference, now counted in the merged count, given up here; the
        // object is merged (owner 0), so this is the shared path and frees at zero (I4b).
        unsafe { crate::rc::decref(h, me) };
    }
}

/// Merges every object queued to this thread (eval-breaker MERGE bit).
pub(crate) fn merge_pending(ts: &ThreadState) {
    let objs = ts.shared.brc.with(|q| std::mem::take(&mut q.objs));
    merge_list(objs);
}

fn merge_list(objs: Vec<QueuedObj>) {
    for QueuedObj(h) in objs {
        // SAFETY: we are the owner processing our own queue (or the exiting owner, whose id no
        // other thread can match and whose queue is still open); the queued reference keeps the
        // object alive until the merge accounts for it.
        let rc = unsafe { crate::rc::explicit_merge(h.as_ref(), -1) };
        if rc == 0 {
            // SAFETY: merged count 0 (I4c).
            unsafe { crate::heap::dealloc(h) };
        }
    }
}

/// Thread exit: drain until the queue is empty, then close it in the same critical section, so
/// no object can be pushed after the last drain.
pub(crate) fn drain_and_close(ts: &ThreadState) {
    loop {
        let objs = ts.shared.brc.with(|q| {
            if q.objs.is_empty() {
                q.closed = true;
            }
            std::mem::take(&mut q.objs)
        });
        if objs.is_empty() {
            return;
        }
        merge_list(objs);
    }
}

/// Collector, world stopped: takes every thread's queue.
pub(crate) fn take_all_in_pause(
    threads: &[crate::sync::Arc<crate::registry::ThreadShared>],
) -> Vec<QueuedObj> {
    let mut all = Vec::new();
    for t in threads {
        t.brc.with(|q| all.append(&mut q.objs));
    }
    all
}
