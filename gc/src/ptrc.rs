//! Per-thread reference counts for deferred objects (CPython 3.14's per-thread refcounting of
//! heap types, code objects and globals dicts, reference §1.13).
//!
//! A deferred object (functions, code, modules and their dicts, classes) is referenced from
//! every thread all the time: a frame push takes its code and globals, an instance takes its
//! class, a global load takes the function. When the object is owned by another thread (the
//! main thread made it), each of those increments is an atomic RMW on one shared cache line,
//! and threads that do the same work in parallel serialise on it.
//!
//! So a deferred object gets a small id (`uid`, in the header's spare 16 bits) and every
//! registered thread keeps a private array of signed counts indexed by it: a *non-owner*
//! incref or decref of a deferred object with an id adds ±1 to the calling thread's entry, a
//! plain add on thread-private memory. The true count is `local + shared + Σ entries` (I1).
//! That is sound because a deferred object is never freed by reference counting (its bias keeps
//! `shared` far from 0, I8): only the collector frees it, and the collector folds every
//! thread's entries into `shared` inside its pause ([`merge_in_pause`]) before it computes
//! reference counts. A thread folds its own entries in when it exits ([`flush_and_close`]),
//! while still attached, so no pause overlaps. When the collector finds a deferred object
//! unreachable it drops the bias and releases the id ([`release`]): every entry for it is 0 at
//! that point (just merged, nobody ran since), and the object counts normally afterwards.
//!
//! Ids are 16 bits; when they run out new deferred objects simply get none (atomic counting).

use crate::header::{ObjHeader, SHARED_SHIFT};
use crate::mutex::LeafMutex;
use crate::registry::ThreadShared;
use crate::sync::{Arc, AtomicBool, Ordering, UnsafeCell};

/// Largest id (ids are 1..=MAX_UID; 0 = none).
const MAX_UID: usize = u16::MAX as usize;

/// The id → object table (process-wide).
pub(crate) struct PtrcGlobal {
    table: LeafMutex<UidTable>,
}

struct UidTable {
    /// `objs[uid]` is the address of the object holding `uid`, or 0.
    objs: Vec<usize>,
    free: Vec<u16>,
}

impl PtrcGlobal {
    pub(crate) fn new() -> Self {
        PtrcGlobal {
            table: LeafMutex::new(UidTable {
                objs: vec![0],
                free: Vec::new(),
            }),
        }
    }
}

/// A thread's counts (in its `ThreadShared`).
///
/// | field    | written by                                                    |
/// |----------|---------------------------------------------------------------|
/// | `counts` | the thread itself while attached; the collector in a pause     |
/// | `closed` | the thread itself at exit (then it counts atomically)          |
pub(crate) struct PtrcLocal {
    counts: UnsafeCell<Vec<isize>>,
    closed: AtomicBool,
}

// SAFETY: `counts` is touched only by its thread while attached and by the collector while that
// thread is suspended (see the table above); `closed` is atomic.
unsafe impl Sync for PtrcLocal {}

impl PtrcLocal {
    pub(crate) fn new() -> Self {
        PtrcLocal {
            counts: UnsafeCell::new(Vec::new()),
            closed: AtomicBool::new(false),
        }
    }

    #[inline]
    fn add(&self, uid: usize, delta: isize) -> bool {
        // ORDERING: Relaxed: only this thread writes `closed`.
        if self.closed.load(Ordering::Relaxed) {
            return false;
        }
        self.counts.with_mut(|v| {
            // SAFETY: only the owning thread calls this (through its own `CURRENT`), while
            // attached and outside any pause; the collector touches `counts` only while this
            // thread is suspended at a safe point, which is never inside this function.
            let v = unsafe { &mut *v };
            if uid >= v.len() {
                grow(v, uid);
            }
            v[uid] += delta;
        });
        true
    }
}

#[cold]
fn grow(v: &mut Vec<isize>, uid: usize) {
    let n = (uid + 1).max(v.len() * 2).max(64);
    v.resize(n, 0);
}

/// Adds `delta` to the calling thread's count of the deferred object `h`, if `h` has an id and
/// the thread is registered and not exiting. `false`: count it in `shared` instead.
#[inline]
pub(crate) fn add(h: &ObjHeader, delta: isize) -> bool {
    // ORDERING: Relaxed: the id is set while the object is thread-private (published with it)
    // and cleared only in a pause.
    let uid = h.uid.load(Ordering::Relaxed) as usize;
    if uid == 0 {
        return false;
    }
    crate::thread::with_current(|t| t.is_some_and(|t| t.ptrc.add(uid, delta)))
}

/// Gives the fresh deferred object `h` an id, if any is left.
pub(crate) fn assign(h: &ObjHeader) {
    let rt = crate::registry::runtime();
    let uid = rt.ptrc.table.with(|t| {
        let uid = match t.free.pop() {
            Some(u) => u as usize,
            None if t.objs.len() <= MAX_UID => {
                t.objs.push(0);
                t.objs.len() - 1
            }
            None => return 0,
        };
        t.objs[uid] = h as *const ObjHeader as usize;
        uid
    });
    // ORDERING: Release: the bias (added before) is in `shared` before anyone counts in an array
    // (the object may already be visible to other threads, see `enable_deferred_shared`).
    h.uid.store(uid as u16, Ordering::Release);
}

/// Takes `h`'s id back. Called in a pause (every thread's entry for it was just merged and is
/// 0) or when `h` is freed.
pub(crate) fn release(h: &ObjHeader) {
    // ORDERING: Relaxed: in a pause or on a dying object nobody else reads the id.
    let uid = h.uid.swap(0, Ordering::Relaxed);
    if uid == 0 {
        return;
    }
    crate::registry::runtime().ptrc.table.with(|t| {
        if let Some(slot) = t.objs.get_mut(uid as usize) {
            *slot = 0;
            t.free.push(uid);
        }
    });
}

/// Folds one thread's counts into the objects' shared counts.
fn fold(table: &UidTable, local: &PtrcLocal) {
    local.counts.with_mut(|v| {
        // SAFETY: the caller is the owning thread (exit) or the collector in a pause.
        let v = unsafe { &mut *v };
        for (uid, d) in v.iter_mut().enumerate() {
            if *d == 0 {
                continue;
            }
            let p = table.objs.get(uid).copied().unwrap_or(0);
            if p != 0 {
                // SAFETY: an object with an id is deferred, so refcounting can't free it, and
                // the collector releases the id (in a pause, after folding) before it frees it.
                let h = unsafe { &*(p as *const ObjHeader) };
                // ORDERING: Relaxed: an RMW can't be lost; the collector reads counts in its
                // pause, after the stop's synchronisation.
                h.shared.fetch_add(*d << SHARED_SHIFT, Ordering::Relaxed);
            }
            *d = 0;
        }
    });
}

/// Inside a pause: folds every registered thread's counts into the objects.
pub(crate) fn merge_in_pause(threads: &[Arc<ThreadShared>]) {
    crate::registry::runtime().ptrc.table.with(|t| {
        for th in threads {
            fold(t, &th.ptrc);
        }
    });
}

/// At thread exit (attached): folds the thread's counts in and closes its array, so its later
/// increfs and decrefs count atomically.
pub(crate) fn flush_and_close(me: &ThreadShared) {
    // ORDERING: Relaxed: read only by this thread.
    me.ptrc.closed.store(true, Ordering::Relaxed);
    crate::registry::runtime()
        .ptrc
        .table
        .with(|t| fold(t, &me.ptrc));
}
