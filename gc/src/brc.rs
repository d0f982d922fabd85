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
//! Entry points: `queue_to_owner` (rc.rs), `merge_pending` (eval breaker), `drain_and_close`
//! (thread exit), `take_all_in_pause` (collector).

use crate::header::ObjHeader;
use crate::registry::{breaker, runtime};
use crate::sync::Ordering;
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
                t.request(breaker::MERGE);
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
