//! The cycle collector: stop-the-world, non-generational, over every tracked object (CPython's
//! `Python/gc_free_threading.c`, simplified).
//!
//! Reference counting frees everything acyclic at once; this only finds cycles. One collection:
//!
//! 1. **Pause.** Stop the world. Merge every thread's biased-RC queue (objects that die here and
//!    are not tracked are kept alive with +1 and freed after the restart: no destructor runs in a
//!    pause). Take every QSBR-deferred free (run after the restart: all others were offline).
//! 2. `gc_refs` (in each object's `GcLink`) = true count (`local + shared`, exact while stopped),
//!    minus the deferred bias; every tracked object is tentatively UNREACHABLE.
//! 3. Subtract internal references: for each object, each traced referent's `gc_refs` -= 1.
//! 4. Add stack roots: +1 for each uncounted (deferred) reference the VM reports through the
//!    roots callback.
//! 5. Mark: objects with `gc_refs > 0` are referenced from outside; they and everything they
//!    reach are reachable.
//! 6. The rest is garbage: remove their deferred bias, merge each with +1 (the returned set owns
//!    a reference), restart the world and return them as [`Unreachable`].
//!
//! The VM then, with the world running, runs finalizers and weakref callbacks, calls
//! [`Unreachable::check_resurrection`] (a second, short pause) and [`Unreachable::finish`], which
//! calls each object's `clear` and drops the set's references: the cycles collapse through
//! ordinary refcounting.
//!
//! Scheduling: threads count GC allocations minus frees (batched, heap.rs); past the threshold
//! (2000, and a quarter of the objects that survived the last collection, to stay linear on big
//! heaps) the allocating thread gets the GC_SCHEDULED eval-breaker bit and the VM calls
//! [`collect`]. One collection at a time: a concurrent `collect` returns `None`.

use crate::handle::{ObjRef, StackRef};
use crate::header::{gc_bits, ObjHeader, Tracer, DEFERRED_BIAS, SHARED_SHIFT};
use crate::heap::{link_of, GcLink};
use crate::registry::runtime;
use crate::stw::stop_the_world;
use crate::sync::{AtomicBool, AtomicIsize, Ordering};
use crate::thread::ThreadState;
use std::ptr::NonNull;

/// Collector state in the runtime.
pub(crate) struct GcGlobal {
    collecting: AtomicBool,
    enabled: AtomicBool,
    threshold: AtomicIsize,
}

impl GcGlobal {
    pub(crate) fn new() -> Self {
        GcGlobal {
            collecting: AtomicBool::new(false),
            enabled: AtomicBool::new(true),
            threshold: AtomicIsize::new(2000),
        }
    }

    pub(crate) fn should_collect(&self, count: isize) -> bool {
        // ORDERING: Relaxed (all three): tuning knobs and statistics; a stale value only moves a
        // collection by one batch.
        self.enabled.load(Ordering::Relaxed)
            && count > self.threshold.load(Ordering::Relaxed)
            && count > runtime().heap.long_lived.load(Ordering::Relaxed) / 4
    }
}

/// `gc.enable()` / `gc.disable()`: only affects automatic scheduling.
pub fn set_enabled(on: bool) {
    // ORDERING: Relaxed: see `should_collect`.
    runtime().gc.enabled.store(on, Ordering::Relaxed);
}

/// `gc.isenabled()`.
pub fn is_enabled() -> bool {
    // ORDERING: Relaxed: see `should_collect`.
    runtime().gc.enabled.load(Ordering::Relaxed)
}

/// `gc.set_threshold(n)`: GC allocations (net of frees) between automatic collections.
pub fn set_threshold(n: isize) {
    // ORDERING: Relaxed: see `should_collect`.
    runtime().gc.threshold.store(n.max(1), Ordering::Relaxed);
}

/// Whether an automatic collection is due now (enabled, and the GC allocations since the last
/// collection crossed the thresholds): the VM's answer to a `Pending::gc_scheduled`, re-checked
/// because the bit may be stale. Also `gc.get_count()[0]` via [`allocations_since_collect`].
pub fn collection_due() -> bool {
    let rt = runtime();
    rt.gc.should_collect(allocations_since_collect())
}

/// GC allocations net of frees since the last collection (batched per thread, so approximate).
pub fn allocations_since_collect() -> isize {
    // ORDERING: Relaxed: statistics, see `should_collect`.
    runtime().heap.gc_count.load(Ordering::Relaxed)
}

/// `gc.get_threshold()[0]`.
pub fn threshold() -> isize {
    // ORDERING: Relaxed: see `should_collect`.
    runtime().gc.threshold.load(Ordering::Relaxed)
}

/// Figures from one collection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CollectStats {
    /// Tracked objects examined.
    pub scanned: usize,
    /// Objects found unreachable.
    pub unreachable: usize,
}

/// Objects a collection found unreachable. Holds one reference to each and the collector's
/// "collecting" flag, so no other collection starts until it is finished or dropped.
pub struct Unreachable {
    objs: Vec<ObjRef>,
    stats: CollectStats,
    _collecting: CollectingFlag,
}

/// Owns the runtime's "collecting" flag: cleared on drop, also when a `trace` or `roots`
/// callback panics in the middle of a collection.
struct CollectingFlag;

impl Drop for CollectingFlag {
    fn drop(&mut self) {
        // ORDERING: Release pairs with the Acquire CAS in `collect`: this collection's bit
        // clearing happens-before the next one.
        runtime().gc.collecting.store(false, Ordering::Release);
    }
}

impl std::fmt::Debug for Unreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unreachable")
            .field("len", &self.objs.len())
            .field("stats", &self.stats)
            .finish()
    }
}

/// Calls `f` for each strong reference `h` holds (nothing for non-GC types).
///
/// # Safety
/// `h` is alive and its payload initialised.
unsafe fn trace(h: NonNull<ObjHeader>, f: &mut dyn FnMut(NonNull<ObjHeader>)) {
    // SAFETY: caller's contract.
    let vt = unsafe { h.as_ref() }.vtable();
    if let Some(tr) = vt.trace {
        // SAFETY: caller's contract; `tr` belongs to this object's type.
        unsafe { tr(h, &mut Tracer { visit: f }) };
    }
}

/// A tracked, mortal object in this collection (carries UNREACHABLE while it is a candidate).
fn candidate(h: NonNull<ObjHeader>) -> Option<*mut GcLink> {
    // SAFETY: referents of live objects are alive (the world is stopped or the set holds them).
    let hr = unsafe { h.as_ref() };
    (hr.has_bits(gc_bits::UNREACHABLE)).then(|| link_of(h))
}

/// Runs a collection. `roots` must report every uncounted (deferred) reference the VM holds —
/// every tagged `StackRef` in every thread's frames — by calling its argument once per
/// reference (counted `StackRef`s may be reported too; they are ignored). It runs inside the pause, so like `trace` it must not lock, allocate, block or
/// touch reference counts. Returns `None` if another collection is in progress. The call is a
/// QSBR quiescent point for `ts`.
pub fn collect(
    ts: &ThreadState,
    mut roots: impl FnMut(&mut dyn FnMut(&StackRef)),
) -> Option<Unreachable> {
    let rt = runtime();
    // ORDERING: Acquire pairs with the Release store in `CollectingFlag::drop`: the previous
    // collection's bit clearing happens-before ours.
    if rt
        .gc
        .collecting
        .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
        .is_err()
    {
        return None;
    }
    let collecting = CollectingFlag;
    let mut late_drops: Vec<ObjRef> = Vec::new();
    let mut objs: Vec<ObjRef> = Vec::new();
    let stats;
    let deferred;
    {
        let world = stop_the_world(ts);
        let threads = rt.registry.snapshot();
        // 1. Merge queues. In a pause nobody else writes `local`.
        for q in crate::brc::take_all_in_pause(&threads) {
            let h = q.0;
            // SAFETY: world stopped (explicit_merge's contract); the queued reference keeps it alive.
            let rc = unsafe { crate::rc::explicit_merge(h.as_ref(), -1) };
            // SAFETY: as above.
            let hr = unsafe { h.as_ref() };
            if rc == 0 && !hr.has_bits(gc_bits::TRACKED) {
                // SAFETY: world stopped; +1 becomes the reference `late_drops` owns.
                unsafe { crate::rc::explicit_merge(hr, 1) };
                // SAFETY: we own the reference added just above.
                late_drops.push(unsafe { ObjRef::from_raw(h) });
            }
            // A tracked object at 0 gets gc_refs 0 below and is returned as unreachable.
        }
        // Per-thread counts of deferred objects go into their shared counts (ptrc.rs).
        crate::ptrc::merge_in_pause(&threads);
        deferred = crate::qsbr::take_all_in_pause(&threads);
        let lists = rt.heap.snapshot_lists();

        // 2. gc_refs = true count; every candidate tentatively unreachable.
        let mut scanned = 0usize;
        for l in &lists {
            l.for_each_in_pause(|h, link| {
                // SAFETY: world stopped; list members are live.
                let hr = unsafe { h.as_ref() };
                if hr.is_immortal() {
                    return;
                }
                scanned += 1;
                let mut rc = hr.refcount();
                if hr.has_bits(gc_bits::DEFERRED) {
                    // `refcount` already dropped the bias; stack refs are added in step 4.
                    rc = rc.max(0);
                }
                // SAFETY: link scratch is ours in a pause.
                unsafe { (*link).gc_refs = rc };
                hr.set_bits(gc_bits::UNREACHABLE);
            });
        }
        // 3. Subtract internal references.
        for l in &lists {
            l.for_each_in_pause(|h, _| {
                // SAFETY: world stopped; candidates are live with initialised payloads.
                if !unsafe { h.as_ref() }.has_bits(gc_bits::UNREACHABLE) {
                    return;
                }
                // SAFETY: as above.
                unsafe {
                    trace(h, &mut |c| {
                        if let Some(cl) = candidate(c) {
                            (*cl).gc_refs -= 1;
                        }
                    })
                };
            });
        }
        // 4. Uncounted references from the VM's stacks.
        roots(&mut |r| {
            // Only uncounted references add to gc_refs: a counted one is already in the count.
            let Some(h) = NonNull::new(r.as_ptr().cast_mut()).filter(|_| r.is_uncounted()) else {
                return;
            };
            if let Some(l) = candidate(h) {
                // SAFETY: link scratch is ours in a pause.
                unsafe { (*l).gc_refs += 1 };
            }
        });
        // 5. Mark everything reachable from an externally referenced object.
        let mut stack: Vec<NonNull<ObjHeader>> = Vec::new();
        for l in &lists {
            l.for_each_in_pause(|h, link| {
                // SAFETY: world stopped; link scratch is ours.
                let (hr, refs) = unsafe { (h.as_ref(), (*link).gc_refs) };
                debug_assert!(
                    refs >= 0 || !hr.has_bits(gc_bits::UNREACHABLE),
                    "gc_refs {refs} < 0"
                );
                if refs > 0 && hr.has_bits(gc_bits::UNREACHABLE) {
                    hr.clear_bits(gc_bits::UNREACHABLE);
                    stack.push(h);
                }
            });
        }
        mark_from(&mut stack);
        // 6. Garbage: drop the bias, merge +1 into the returned set.
        let mut reachable = 0isize;
        for l in &lists {
            l.for_each_in_pause(|h, _| {
                // SAFETY: world stopped; list members are live.
                let hr = unsafe { h.as_ref() };
                if hr.is_immortal() {
                    return;
                }
                if !hr.has_bits(gc_bits::UNREACHABLE) {
                    reachable += 1;
                    return;
                }
                if hr.has_bits(gc_bits::DEFERRED) {
                    hr.clear_bits(gc_bits::DEFERRED);
                    // Every thread's count for it was merged above: the id is free.
                    crate::ptrc::release(hr);
                    // ORDERING: Relaxed: world stopped.
                    hr.shared
                        .fetch_sub(DEFERRED_BIAS << SHARED_SHIFT, Ordering::Relaxed);
                }
                // SAFETY: world stopped (explicit_merge's contract); +1 is the set's reference.
                unsafe { crate::rc::explicit_merge(hr, 1) };
                // SAFETY: we own the reference added just above.
                objs.push(unsafe { ObjRef::from_raw(h) });
            });
        }
        // ORDERING: Relaxed: statistics (see `should_collect`).
        rt.heap.long_lived.store(reachable, Ordering::Relaxed);
        rt.heap.gc_count.store(0, Ordering::Relaxed);
        stats = CollectStats {
            scanned,
            unreachable: objs.len(),
        };
        drop(world);
    }
    crate::qsbr::run_all(deferred);
    drop(late_drops);
    Some(Unreachable {
        objs,
        stats,
        _collecting: collecting,
    })
}

/// Clears UNREACHABLE on everything reachable from `stack` (whose own bits are already clear).
fn mark_from(stack: &mut Vec<NonNull<ObjHeader>>) {
    while let Some(h) = stack.pop() {
        // SAFETY: reachable objects are alive; world stopped (or the set holds them).
        unsafe {
            trace(h, &mut |c| {
                if candidate(c).is_some() {
                    c.as_ref().clear_bits(gc_bits::UNREACHABLE);
                    stack.push(c);
                }
            })
        };
    }
}

impl Unreachable {
    /// The unreachable objects (run finalizers and weakref callbacks on them).
    pub fn iter(&self) -> impl Iterator<Item = &ObjRef> {
        self.objs.iter()
    }

    pub fn len(&self) -> usize {
        self.objs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objs.is_empty()
    }

    pub fn stats(&self) -> CollectStats {
        self.stats
    }

    /// After finalizers ran: in a short pause, finds objects that finalizers made reachable
    /// again (their count exceeds the set's reference plus references from other members), and
    /// everything they reach, and removes them from the set. Returns how many were resurrected.
    pub fn check_resurrection(&mut self, ts: &ThreadState) -> usize {
        let before = self.objs.len();
        let mut stack = Vec::new();
        let resurrected;
        {
            let _world = stop_the_world(ts);
            for o in &self.objs {
                let h = o.as_nonnull();
                // SAFETY: world stopped; the set keeps members alive; link scratch is ours.
                unsafe { (*link_of(h)).gc_refs = o.header().refcount() - 1 };
            }
            for o in &self.objs {
                // SAFETY: members are alive.
                unsafe {
                    trace(o.as_nonnull(), &mut |c| {
                        if let Some(cl) = candidate(c) {
                            (*cl).gc_refs -= 1;
                        }
                    })
                };
            }
            for o in &self.objs {
                // SAFETY: world stopped; link scratch is ours.
                if unsafe { (*link_of(o.as_nonnull())).gc_refs } > 0
                    && o.header().has_bits(gc_bits::UNREACHABLE)
                {
                    o.header().clear_bits(gc_bits::UNREACHABLE);
                    stack.push(o.as_nonnull());
                }
            }
            mark_from(&mut stack);
            let (keep, back): (Vec<_>, Vec<_>) = std::mem::take(&mut self.objs)
                .into_iter()
                .partition(|o| o.header().has_bits(gc_bits::UNREACHABLE));
            self.objs = keep;
            resurrected = back;
        }
        let n = before - self.objs.len();
        drop(resurrected);
        n
    }

    /// Breaks the cycles: calls each object's `clear`, then drops the set's references.
    pub fn finish(mut self) {
        for o in &self.objs {
            o.header().clear_bits(gc_bits::UNREACHABLE);
        }
        for o in &self.objs {
            if let Some(clear) = o.header().vtable().clear {
                // SAFETY: the set's reference keeps the object alive; `clear` belongs to its type.
                unsafe { clear(o.as_nonnull()) };
            }
        }
        self.objs.clear();
    }
}

impl Drop for Unreachable {
    fn drop(&mut self) {
        for o in &self.objs {
            o.header().clear_bits(gc_bits::UNREACHABLE);
        }
        self.objs.clear();
        // `_collecting` is dropped after this, releasing the flag.
    }
}

/// Convenience for callers with no finalizers: collect, check nothing was resurrected, clear.
/// Returns the collection's figures, or `None` if another collection was running.
pub fn collect_and_clear(
    ts: &ThreadState,
    roots: impl FnMut(&mut dyn FnMut(&StackRef)),
) -> Option<CollectStats> {
    let u = collect(ts, roots)?;
    let s = u.stats();
    u.finish();
    Some(s)
}

/// Every tracked object alive now, each with a new reference (`gc.get_objects()`). Taken in a
/// pause: no thread is in the middle of a free then (dealloc never reaches a safe point), so a
/// listed object with a positive count is alive, and increfs by the requester are exclusive.
pub fn tracked_objects(ts: &ThreadState) -> Vec<ObjRef> {
    let lists = runtime().heap.snapshot_lists();
    let mut out = Vec::new();
    let world = stop_the_world(ts);
    for l in &lists {
        l.for_each_in_pause(|h, _| {
            // SAFETY: listed objects are intact in a pause (see above).
            if unsafe { h.as_ref() }.refcount() > 0 {
                // SAFETY: alive (positive count), world stopped.
                out.push(unsafe { ObjRef::clone_from_raw(h) });
            }
        });
    }
    drop(world);
    out
}

/// The objects `o` references (its type's `trace`), each with a new reference
/// (`gc.get_referents`). Traced in a pause, as the collector does.
pub fn referents(ts: &ThreadState, o: &ObjRef) -> Vec<ObjRef> {
    let mut out = Vec::new();
    let world = stop_the_world(ts);
    // SAFETY: `o` keeps the object alive; world stopped, so its referents are alive too.
    unsafe { trace(o.as_nonnull(), &mut |c| out.push(ObjRef::clone_from_raw(c))) };
    drop(world);
    out
}

/// The tracked objects that reference any of `targets` (`gc.get_referrers`), each with a new
/// reference. One pause over every heap list.
pub fn referrers(ts: &ThreadState, targets: &[ObjRef]) -> Vec<ObjRef> {
    let want: std::collections::HashSet<usize> =
        targets.iter().map(|t| t.as_ptr() as usize).collect();
    let lists = runtime().heap.snapshot_lists();
    let mut out = Vec::new();
    let world = stop_the_world(ts);
    for l in &lists {
        l.for_each_in_pause(|h, _| {
            // SAFETY: listed objects are intact in a pause (see `tracked_objects`).
            if unsafe { h.as_ref() }.refcount() <= 0 {
                return;
            }
            let mut hit = false;
            // SAFETY: alive, world stopped.
            unsafe { trace(h, &mut |c| hit |= want.contains(&(c.as_ptr() as usize))) };
            if hit {
                // SAFETY: alive (positive count), world stopped.
                out.push(unsafe { ObjRef::clone_from_raw(h) });
            }
        });
    }
    drop(world);
    out
}
