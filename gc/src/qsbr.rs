//! QSBR: frees memory that another thread may still be reading (old list arrays, dict keys, the
//! headers of objects readable lock-free).
//!
//! Not a general deferred-work queue: an entry only frees memory or drops a `Send` value that
//! touches no object. Follows CPython's `Python/qsbr.c`, which follows FreeBSD's GUS (global
//! unbounded sequences):
//!
//! - a global write sequence `wr_seq` (odd, starts at 1, advances by 2);
//! - each registered thread publishes the last `wr_seq` it saw at a *quiescent point* (an
//!   eval-breaker check; it holds no pointer to QSBR-protected memory there), or `OFFLINE` (0)
//!   while detached, so blocked threads never hold back reclamation;
//! - freeing memory records a *goal* (the next `wr_seq`) and waits until every online thread's
//!   sequence is at least the goal; the minimum is cached in `rd_seq`.
//!
//! Processing happens at the owner's eval-breaker check (QSBR bit), when a batch fills, in the
//! collector (everything, after the pause, since all other threads were offline), and at thread
//! exit (entries move to the runtime's orphan queue, which anyone processes opportunistically).
//!
//! Differences from CPython: thread records live in the registry (scanned under its leaf lock)
//! instead of a separately grown array; entries are a `VecDeque` rather than 4 KB chunks; an
//! owner processing entries whose goals are beyond `wr_seq` advances it once for all of them.
//!
//! Entry points: [`ThreadState::defer_drop`], `defer_free` (heap.rs), `quiescent` / `online` /
//! `offline` (thread.rs), `process_local`.

use crate::mutex::LeafMutex;
use crate::registry::{breaker, runtime, ThreadShared};
use crate::sync::{fence, Arc, AtomicU64, Ordering, QSBR_BATCH, QSBR_DEFER_LIMIT};
use crate::thread::ThreadState;
use crossbeam_utils::CachePadded;
use std::alloc::Layout;
use std::cell::Cell;
use std::collections::VecDeque;

/// A thread's sequence while detached.
pub(crate) const OFFLINE: u64 = 0;
const INITIAL: u64 = 1;
const INCR: u64 = 2;

/// What to do with deferred memory once its goal is reached.
enum Free {
    /// An object block (`sync::block::free`) with this layout.
    Raw(Layout),
    /// Rebuild and drop a `Box<T>`.
    Drop(unsafe fn(*mut u8)),
}

/// One deferred free.
pub(crate) struct Deferred {
    goal: u64,
    ptr: *mut u8,
    free: Free,
}

// SAFETY: an entry exclusively owns its memory (nobody will write it again, readers only look
// at it until the goal), and `Drop` entries are built only from `T: Send`.
unsafe impl Send for Deferred {}

impl Deferred {
    /// Frees the memory.
    fn run(self) {
        match self.free {
            // SAFETY: `ptr` was allocated with `layout` and is owned by this entry.
            Free::Raw(layout) => unsafe { crate::sync::block::free(self.ptr, layout) },
            // SAFETY: `ptr` came from `Box::<T>::into_raw` for the `T` this function was
            // instantiated with.
            Free::Drop(f) => unsafe { f(self.ptr) },
        }
    }
}

/// Global QSBR state.
///
/// | field     | written by                        | how          | read by              |
/// |-----------|-----------------------------------|--------------|----------------------|
/// | `wr_seq`  | any thread deferring a free       | AcqRel RMW   | quiescent points, polls |
/// | `rd_seq`  | pollers                           | `fetch_max`  | pollers              |
/// | `orphans` | exiting threads; unregistered frees | leaf lock  | any processor        |
pub(crate) struct QsbrGlobal {
    wr_seq: CachePadded<AtomicU64>,
    rd_seq: CachePadded<AtomicU64>,
    orphans: LeafMutex<VecDeque<Deferred>>,
}

impl QsbrGlobal {
    pub(crate) fn new() -> Self {
        QsbrGlobal {
            wr_seq: CachePadded::new(AtomicU64::new(INITIAL)),
            rd_seq: CachePadded::new(AtomicU64::new(INITIAL)),
            orphans: LeafMutex::new(VecDeque::new()),
        }
    }

    /// Starts a new grace period; returns its goal.
    fn advance(&self) -> u64 {
        // ORDERING: AcqRel: Release orders the caller's unpublishing store before the new
        // sequence, so a reader that sees the new value (Acquire in `quiescent`/`online`) also
        // sees the new pointer.
        self.wr_seq.fetch_add(INCR, Ordering::AcqRel) + INCR
    }

    /// Whether every online thread has passed a quiescent point since `goal` was issued.
    fn poll(&self, goal: u64) -> bool {
        // ORDERING: Acquire pairs with the AcqRel `fetch_max` below (by us or another poller).
        if goal <= self.rd_seq.load(Ordering::Acquire) {
            return true;
        }
        // ORDERING: SeqCst fence pairs with the SeqCst store + fence in `online`: either we see
        // the attaching thread's sequence, or it sees the pointers unpublished before our goal.
        // (Loom models SeqCst as AcqRel; stress/tests/qsbr.rs backs this.)
        fence(Ordering::SeqCst);
        // ORDERING: Acquire, as above (pairs with `advance`).
        let mut min = self.wr_seq.load(Ordering::Acquire);
        runtime().registry.with_threads(|ts| {
            for t in ts {
                // ORDERING: Acquire pairs with the Release store in `quiescent`: the thread's
                // reads before its quiescent point happen-before our free.
                let s = t.qsbr_seq.load(Ordering::Acquire);
                if s != OFFLINE && s < min {
                    min = s;
                }
            }
        });
        // ORDERING: AcqRel: publishes the scan result to other pollers' Acquire load.
        self.rd_seq.fetch_max(min, Ordering::AcqRel);
        goal <= min
    }
}

/// Thread-private QSBR state.
pub(crate) struct QsbrLocal {
    last_seen: Cell<u64>,
    polls: Cell<u32>,
}

impl QsbrLocal {
    pub(crate) fn new() -> Self {
        QsbrLocal {
            last_seen: Cell::new(OFFLINE),
            polls: Cell::new(0),
        }
    }
}

crate::sync::thread_local! {
    static DEFERRALS: Cell<u32> = Cell::new(0);
}

/// A quiescent point: this thread holds no pointer into QSBR-protected memory.
#[inline]
pub(crate) fn quiescent(ts: &ThreadState) {
    // ORDERING: Acquire pairs with the AcqRel `advance`: after seeing the new sequence, our
    // later reads see what was unpublished before it.
    let w = ts.rt.qsbr.wr_seq.load(Ordering::Acquire);
    if w != ts.qsbr.last_seen.get() {
        ts.qsbr.last_seen.set(w);
        // ORDERING: Release pairs with the Acquire load in `poll`.
        ts.shared.qsbr_seq.store(w, Ordering::Release);
    }
}

/// Attach: come back online at the current sequence.
pub(crate) fn online(ts: &ThreadState) {
    let q = &runtime().qsbr;
    // ORDERING: Acquire, as in `quiescent`.
    let w = q.wr_seq.load(Ordering::Acquire);
    ts.qsbr.last_seen.set(w);
    // ORDERING: SeqCst store + fence pair with the SeqCst fence in `poll` (store-load ordering:
    // our later reads of shared pointers must not move before this store).
    ts.shared.qsbr_seq.store(w, Ordering::SeqCst);
    fence(Ordering::SeqCst);
}

/// Detach: stop holding back reclamation.
pub(crate) fn offline(ts: &ThreadState) {
    ts.qsbr.last_seen.set(OFFLINE);
    // ORDERING: Release pairs with the Acquire load in `poll`: our reads happen-before a free
    // that sees us offline.
    ts.shared.qsbr_seq.store(OFFLINE, Ordering::Release);
}

fn goal_for_deferral() -> u64 {
    let q = &runtime().qsbr;
    let n = DEFERRALS.with(|c| {
        let n = c.get() + 1;
        c.set(if n >= QSBR_DEFER_LIMIT { 0 } else { n });
        n
    });
    if n >= QSBR_DEFER_LIMIT {
        q.advance()
    } else {
        // ORDERING: Acquire, as in `quiescent`. The goal is the next sequence: reached once
        // someone advances and every online thread has seen it.
        q.wr_seq.load(Ordering::Acquire) + INCR
    }
}

fn push(d: Deferred) {
    crate::thread::with_current(|t| match t {
        Some(t) => push_local(t, d),
        None => {
            // Not registered: no eval-breaker check will process it; the orphan queue is
            // processed by everyone. Advance so the goal is reachable.
            let goal = runtime().qsbr.advance();
            runtime()
                .qsbr
                .orphans
                .with(|q| q.push_back(Deferred { goal, ..d }));
        }
    });
}

fn push_local(t: &ThreadShared, d: Deferred) {
    let len = t.deferred.with(|q| {
        q.push_back(d);
        q.len()
    });
    if len == 1 || len >= QSBR_BATCH {
        t.request(breaker::QSBR);
    }
}

/// Frees `block` once no thread can be reading it.
pub(crate) fn defer_free(block: *mut u8, layout: Layout) {
    push(Deferred {
        goal: goal_for_deferral(),
        ptr: block,
        free: Free::Raw(layout),
    });
}

impl ThreadState {
    /// Drops `b` once every thread has passed a quiescent point: for storage that lock-free
    /// readers may still be looking at (a replaced list array or dict table). `T`'s `Drop` must
    /// not touch objects or take locks.
    pub fn defer_drop<T: Send + 'static>(&self, b: Box<T>) {
        /// # Safety
        /// `p` came from `Box::<T>::into_raw` and is dropped once.
        unsafe fn drop_box<T>(p: *mut u8) {
            // SAFETY: `p` came from `Box::<T>::into_raw` in `defer_drop::<T>`.
            drop(unsafe { Box::from_raw(p.cast::<T>()) });
        }
        let d = Deferred {
            goal: goal_for_deferral(),
            ptr: Box::into_raw(b).cast::<u8>(),
            free: Free::Drop(drop_box::<T>),
        };
        push_local(&self.shared, d);
    }

    /// Frees everything of this thread's that is safe to free now; returns how many entries
    /// remain. The eval breaker calls this; also for hosts that loop without checking it.
    pub fn process_deferred(&self) -> usize {
        process_local(self, true)
    }
}

/// Frees this thread's entries whose goal is reached. Polls (a registry scan) only when forced,
/// when the batch is full, or every 16th call.
pub(crate) fn process_local(ts: &ThreadState, force: bool) -> usize {
    let q = &runtime().qsbr;
    let (front, back, len) = ts
        .shared
        .deferred
        .with(|d| (d.front().map(|e| e.goal), d.back().map(|e| e.goal), d.len()));
    if let (Some(goal), Some(last)) = (front, back) {
        // Goals past `wr_seq` (deferrals that did not advance) are only reachable after someone
        // advances: do it once for the whole queue.
        // ORDERING: Acquire, as in `quiescent`.
        if last > q.wr_seq.load(Ordering::Acquire) {
            q.advance();
        }
        let polls = ts.qsbr.polls.get().wrapping_add(1);
        ts.qsbr.polls.set(polls);
        // ORDERING: Acquire, as in `poll`.
        let cheap = goal <= q.rd_seq.load(Ordering::Acquire);
        if (force || len >= QSBR_BATCH || polls & 15 == 0 || cheap) && q.poll(goal) {
            // ORDERING: Acquire, as in `poll`.
            let done = q.rd_seq.load(Ordering::Acquire);
            let ready: Vec<Deferred> = ts.shared.deferred.with(|d| {
                let n = d.iter().take_while(|e| e.goal <= done).count();
                d.drain(..n).collect()
            });
            ready.into_iter().for_each(Deferred::run);
        }
    }
    process_orphans();
    let left = ts.shared.deferred.with(|d| d.len());
    if left == 0 {
        // ORDERING: Relaxed: only this thread pushes to its own queue, so no set can be lost.
        ts.shared
            .breaker
            .fetch_and(!breaker::QSBR, Ordering::Relaxed);
    }
    left
}

/// Frees ready orphan entries if nobody else is at it.
fn process_orphans() {
    let q = &runtime().qsbr;
    let ready = q.orphans.try_with(|o| {
        // Orphans come from many threads, so goals are not ordered: wait for the largest.
        let Some(goal) = o.iter().map(|e| e.goal).max() else {
            return Vec::new();
        };
        if !q.poll(goal) {
            return Vec::new();
        }
        o.drain(..).collect::<Vec<_>>()
    });
    ready
        .unwrap_or_default()
        .into_iter()
        .for_each(Deferred::run);
}

/// Thread exit: hand pending entries to the orphan queue.
pub(crate) fn abandon(ts: &ThreadState) {
    let mut mine = ts.shared.deferred.with(std::mem::take);
    if !mine.is_empty() {
        runtime().qsbr.orphans.with(|o| o.append(&mut mine));
    }
}

/// Collector, world stopped: takes every entry (all other threads are offline, so every goal is
/// reachable once the caller passes its own quiescent point). Run them after the restart.
pub(crate) fn take_all_in_pause(threads: &[Arc<ThreadShared>]) -> Vec<Deferred> {
    let mut all = Vec::new();
    for t in threads {
        t.deferred.with(|d| all.extend(d.drain(..)));
    }
    runtime().qsbr.orphans.with(|o| all.extend(o.drain(..)));
    runtime().qsbr.advance();
    all
}

/// Runs entries taken by `take_all_in_pause`.
pub(crate) fn run_all(v: Vec<Deferred>) {
    v.into_iter().for_each(Deferred::run);
}
