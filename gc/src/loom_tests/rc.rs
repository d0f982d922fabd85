//! Biased reference counting: frees happen exactly once, never under a successful try_incref.

use super::{counted, drops};
use crate::api::{ObjSlot, ThreadState};
use loom::sync::Arc;
use loom::thread;

/// The owner drops the last references (slot + own) while a registered reader loads the slot
/// lock-free: the reader either gets a live object or nothing, never a dropped one, and the
/// object is deallocated exactly once, by whichever side merges it to zero.
#[test]
fn owner_free_vs_try_incref_never_revives() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let (obj, d) = counted(&ts);
        let slot = Arc::new(ObjSlot::new(Some(obj.clone())));
        let (slot2, d2) = (slot.clone(), d.clone());
        let reader = thread::spawn(move || {
            let rts = ThreadState::register().expect("register");
            if let Some(r) = slot2.try_load_ref(&rts) {
                assert_eq!(drops(&d2), 0, "try_incref succeeded on a dead object");
                drop(r);
            }
            rts.check_eval_breaker();
        });
        drop(slot.swap(None));
        drop(obj);
        ts.detached(|| reader.join().expect("reader"));
        ts.check_eval_breaker();
        assert_eq!(drops(&d), 1);
    });
}

/// The owner's merge on local zero races a non-owner's decrefs (one of which queues): exactly
/// one deallocation once the owner has processed its queue.
#[test]
fn merge_vs_remote_decref_frees_once() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let (obj, d) = counted(&ts);
        let remote = obj.clone(); // counted in the owner's local count
        let t = thread::spawn(move || {
            let extra = remote.clone(); // shared +1
            drop(remote); // shared 1 -> 0
            drop(extra); // shared 0: queue to the owner (donates the reference)
        });
        drop(obj);
        ts.detached(|| t.join().expect("remote"));
        ts.check_eval_breaker(); // what the eval breaker does: merge the queue
        assert_eq!(drops(&d), 1);
    });
}

/// Two non-owners drop references counted in the owner's local count: only the first queues
/// (I6), the second takes the count negative in state QUEUED.
#[test]
fn queue_on_negative_at_most_once() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let (obj, d) = counted(&ts);
        let (a, b) = (obj.clone(), obj.clone());
        let ta = thread::spawn(move || drop(a));
        let tb = thread::spawn(move || drop(b));
        ts.detached(|| {
            ta.join().expect("a");
            tb.join().expect("b");
        });
        let queued = ts.shared.brc.with(|q| q.len());
        assert_eq!(queued, 1, "queued {queued} times");
        drop(obj);
        assert_eq!(drops(&d), 0);
        ts.check_eval_breaker();
        assert_eq!(drops(&d), 1);
    });
}

/// The owner exits while a non-owner drops a reference counted in its local count: either the
/// exiting owner merges it from its queue before closing it, or the non-owner finds the queue
/// closed (or the owner gone) and merges it itself. Exactly one deallocation.
#[test]
fn merge_after_owner_exit_frees_once() {
    loom::model(|| {
        let handoff = Arc::new(loom::sync::Mutex::new(None));
        let h2 = handoff.clone();
        let owner = thread::spawn(move || {
            let ts = ThreadState::register().expect("register");
            let (obj, d) = counted(&ts);
            *h2.lock().expect("lock") = Some(obj.clone());
            drop(obj);
            d // ThreadState drops here: the exit protocol races the drop below
        });
        let mut got = None;
        while got.is_none() {
            got = handoff.lock().expect("lock").take();
            if got.is_none() {
                thread::yield_now();
            }
        }
        drop(got);
        let d = owner.join().expect("owner");
        assert_eq!(drops(&d), 1);
    });
}

/// A payload a non-owner writes before dropping its reference.
struct Written(loom::cell::UnsafeCell<usize>);

// SAFETY: the model writes the cell from one thread only, then hands it over through the
// refcount (which is what it checks).
unsafe impl Sync for Written {}

impl crate::api::Trace for Written {
    const IS_GC: bool = false;
    fn trace(&self, _: &mut crate::api::Tracer<'_>) {}
}

impl Drop for Written {
    fn drop(&mut self) {
        // SAFETY: loom checks that the writer's access happens-before this one.
        let v = self.0.with(|p| unsafe { *p });
        assert!(v <= 1);
    }
}

/// A reader writes the payload and drops its reference while the owner drops its own: whoever
/// frees must see the write (decref Release pairs with the freeing merge's Acquire). Loom reports
/// a causality violation if the orderings are too weak.
#[test]
fn remote_writes_happen_before_free() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let obj = crate::api::Gc::new(&ts, Written(loom::cell::UnsafeCell::new(0)))
            .expect("alloc")
            .into_obj();
        let slot = Arc::new(ObjSlot::new(Some(obj.clone())));
        let slot2 = slot.clone();
        let t = thread::spawn(move || {
            let rts = ThreadState::register().expect("register");
            if let Some(r) = slot2.try_load_ref(&rts) {
                // SAFETY: only this thread writes; the free is ordered after our decref.
                let g: crate::api::Gc<Written> = unsafe { crate::api::Gc::from_obj(r) };
                g.0.with_mut(|p| unsafe { *p = 1 });
                drop(g);
            }
            rts.check_eval_breaker();
        });
        drop(slot.swap(None));
        drop(obj);
        ts.detached(|| t.join().expect("reader"));
        ts.check_eval_breaker();
    });
}

/// The owner stays detached (blocked) while a registered non-owner drops the last reference
/// that isn't the owner's: the non-owner queues it and, finding the owner detached, merges the
/// queue on its behalf, so the object is freed before the owner ever runs again (CPython main's
/// fix for memory held by blocked threads). Fails if the queue waits for the owner's check.
#[test]
fn merge_for_detached_owner_frees_without_the_owner() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let (obj, d) = counted(&ts);
        let remote = obj.clone(); // counted in the owner's local count
        drop(obj);
        let d2 = d.clone();
        // Detached before the non-owner starts, joined while still detached.
        let freed_by_remote = ts.detached(move || {
            let t = thread::spawn(move || {
                let rts = ThreadState::register().expect("register");
                drop(remote); // shared 0: queue to the owner, which is detached
                drop(rts);
                drops(&d2)
            });
            t.join().expect("remote")
        });
        assert_eq!(
            freed_by_remote, 1,
            "the blocked owner's queue was not merged"
        );
        assert_eq!(drops(&d), 1);
        ts.check_eval_breaker();
        assert_eq!(drops(&d), 1);
    });
}

/// A non-owner's merge on behalf of the owner races the owner re-attaching and counting its
/// own references with plain stores: the merge must hold the owner off (SUSPENDED) until it
/// is done, or the owner's load/store of `local` and the merge lose an update: a double free
/// or a leak. Exactly one deallocation.
#[test]
fn merge_for_detached_owner_vs_owner_attach() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let (obj, d) = counted(&ts);
        let remote = obj.clone(); // counted in the owner's local count
        let t = thread::spawn(move || {
            let rts = ThreadState::register().expect("register");
            drop(remote); // queues; merges for the owner if it finds it detached
            drop(rts);
        });
        ts.detach();
        ts.attach();
        drop(obj.clone()); // owner fast path: local + 1, local - 1
        drop(obj);
        ts.detached(|| t.join().expect("remote"));
        ts.check_eval_breaker();
        assert_eq!(drops(&d), 1);
    });
}

/// A payload counting its drops in a std (not loom) atomic: immortal objects are never freed,
/// and loom reports every leaked loom `Arc`.
struct LeakOk(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl crate::api::Trace for LeakOk {
    const IS_GC: bool = false;
    fn trace(&self, _: &mut crate::api::Tracer<'_>) {}
}

impl Drop for LeakOk {
    fn drop(&mut self) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

type LeakCount = std::sync::Arc<std::sync::atomic::AtomicUsize>;

fn leak_ok(ts: &ThreadState) -> (crate::api::ObjRef, LeakCount) {
    let c = LeakCount::default();
    let g = crate::api::Gc::new(ts, LeakOk(c.clone())).expect("alloc");
    (g.into_obj(), c)
}

fn leak_drops(c: &LeakCount) -> usize {
    c.load(std::sync::atomic::Ordering::SeqCst)
}

/// `immortalize_shared` by the owner while a non-owner drops its references (the last one
/// queues to the owner): the object is never freed, and is immortal at the end.
#[test]
fn immortalize_shared_vs_remote_decref_never_frees() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let (obj, d) = leak_ok(&ts);
        let remote = obj.clone(); // counted in the owner's local count
        let t = thread::spawn(move || {
            let extra = remote.clone(); // shared +1
            drop(remote); // shared 1 -> 0
            drop(extra); // shared 0: queue to the owner, unless immortal by now
        });
        assert!(obj.immortalize_shared(&ts));
        drop(obj);
        ts.detached(|| t.join().expect("remote"));
        ts.check_eval_breaker(); // merge the queue: a no-op on an immortal object
        assert_eq!(leak_drops(&d), 0);
    });
}

/// The owner has exited; one thread drops references (queueing to the dead owner, so it merges
/// the object itself) while another makes it immortal. Whichever wins, counting stays
/// consistent: never freed twice, never freed while immortal, and freed once all references
/// are gone unless it ended immortal (or leaked by the merge reading the immortal mark).
#[test]
fn immortalize_shared_vs_merge_after_owner_exit() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let (obj, d) = leak_ok(&ts);
        let (mine, theirs) = (obj.clone(), obj.clone());
        drop(obj);
        drop(ts); // owner exits: both references are counted in the dead owner's `local`
        let ts = ThreadState::register().expect("register");
        let t = thread::spawn(move || {
            let _ts = ThreadState::register().expect("register");
            drop(theirs); // shared 0 -> queue: owner gone, so this thread merges
        });
        let immortal = mine.immortalize_shared(&ts);
        assert!(immortal, "dead owner: always allowed");
        let h = mine.header() as *const crate::api::ObjHeader as usize;
        ts.detached(|| t.join().expect("remote"));
        assert_eq!(leak_drops(&d), 0, "freed while a reference is held");
        // SAFETY: `mine` keeps the object alive.
        let still_immortal = unsafe { &*(h as *const crate::api::ObjHeader) }.is_immortal();
        drop(mine);
        ts.check_eval_breaker();
        assert!(leak_drops(&d) <= 1);
        if still_immortal {
            assert_eq!(leak_drops(&d), 0, "immortal object freed");
        }
    });
}
