//! Unit tests on real threads (std). They share the process-wide runtime, so each takes `SERIAL`
//! (a stop-the-world in one test would otherwise wait for another test's attached thread), and
//! every join happens detached.

use crate::api::*;
use crate::header::{IMMORTAL_LOCAL, STATE_MASK, STATE_MAYBE_WEAKREF, STATE_MERGED, STATE_QUEUED};
use crate::sync::Ordering;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex, MutexGuard};

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// A payload that counts its drops.
struct Counted {
    drops: Arc<AtomicUsize>,
}

impl Trace for Counted {
    const IS_GC: bool = false;
    fn trace(&self, _: &mut Tracer<'_>) {}
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.drops.fetch_add(1, SeqCst);
    }
}

/// A GC node with one outgoing reference, for cycles.
struct Node {
    next: ObjSlot,
    drops: Arc<AtomicUsize>,
}

impl Trace for Node {
    const IS_GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        t.visit_slot(&self.next);
    }
    fn clear(&self) {
        drop(self.next.swap(None));
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.drops.fetch_add(1, SeqCst);
    }
}

fn counted(ts: &ThreadState) -> (Gc<Counted>, Arc<AtomicUsize>) {
    let drops = Arc::new(AtomicUsize::new(0));
    (
        Gc::new(
            ts,
            Counted {
                drops: drops.clone(),
            },
        )
        .expect("alloc"),
        drops,
    )
}

fn shared_word(o: &ObjRef) -> isize {
    o.header().shared.load(Ordering::Relaxed)
}

#[test]
fn owner_incref_decref_frees_once() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, drops) = counted(&ts);
    let b = a.clone();
    assert_eq!(a.as_obj().refcount(), 2);
    assert_eq!(
        shared_word(a.as_obj()),
        0,
        "owner path must not touch the shared word"
    );
    drop(a);
    assert_eq!(drops.load(SeqCst), 0);
    drop(b);
    assert_eq!(drops.load(SeqCst), 1);
}

#[test]
fn non_owner_drop_queues_and_owner_merges() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, drops) = counted(&ts);
    let remote = a.clone();
    let h = std::thread::spawn(move || drop(remote)); // unregistered: shared path
    ts.detached(|| h.join().expect("join"));
    assert_eq!(shared_word(a.as_obj()) & STATE_MASK, STATE_QUEUED);
    drop(a); // local 2 -> 1: the queue's reference remains
    assert_eq!(drops.load(SeqCst), 0);
    ts.check_eval_breaker(); // merges: count 0 -> freed
    assert_eq!(drops.load(SeqCst), 1);
}

#[test]
fn merge_after_owner_exit() {
    let _s = serial();
    let drops = Arc::new(AtomicUsize::new(0));
    let d2 = drops.clone();
    let obj = std::thread::spawn(move || {
        let ts = ThreadState::register().expect("register");
        let g = Gc::new(&ts, Counted { drops: d2 }).expect("alloc");
        let o = g.into_obj();
        let o2 = o.clone();
        drop(o);
        o2 // local count 1 stays with the exiting owner
    })
    .join()
    .expect("join");
    assert_eq!(drops.load(SeqCst), 0);
    drop(obj); // owner gone: this thread queues, finds no owner, merges and frees
    assert_eq!(drops.load(SeqCst), 1);
}

#[test]
fn shared_counts_go_through_merged_state() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, drops) = counted(&ts);
    let clones: Vec<_> = (0..3).map(|_| a.clone()).collect();
    let h = std::thread::spawn(move || {
        let extra: Vec<_> = clones.to_vec(); // shared +3
        drop(extra); // shared back to 0
        clones // local count still has 3 of them
    });
    let clones = ts.detached(|| h.join().expect("join"));
    drop(a);
    drop(clones);
    assert_eq!(drops.load(SeqCst), 1);
}

#[test]
fn immortal_objects_are_never_written() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, drops) = counted(&ts);
    assert!(a.as_obj().immortalize(&ts));
    let before = (
        a.as_obj().header().local.load(Ordering::Relaxed),
        shared_word(a.as_obj()),
    );
    let clones: Vec<_> = (0..10).map(|_| a.clone()).collect();
    let h = std::thread::spawn(move || drop(clones));
    ts.detached(|| h.join().expect("join"));
    let p = a.as_obj().as_nonnull();
    drop(a);
    // SAFETY: immortal objects are never freed.
    let h = unsafe { p.as_ref() };
    assert_eq!(
        (
            h.local.load(Ordering::Relaxed),
            h.shared.load(Ordering::Relaxed)
        ),
        before
    );
    assert_eq!(before.0, IMMORTAL_LOCAL);
    assert_eq!(drops.load(SeqCst), 0);
}

#[test]
fn local_count_saturation_immortalizes() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, drops) = counted(&ts);
    a.as_obj()
        .header()
        .local
        .store(IMMORTAL_LOCAL - 1, Ordering::Relaxed);
    let b = a.clone(); // saturates
    assert!(a.as_obj().header().is_immortal());
    drop(b);
    drop(a);
    assert_eq!(
        drops.load(SeqCst),
        0,
        "a saturated object leaks instead of being freed"
    );
}

#[test]
fn slot_lock_free_read_and_replace() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, drops) = counted(&ts);
    let slot = ObjSlot::new(Some(a.into_obj()));
    let r = slot.load_ref(&ts).expect("present");
    assert_eq!(shared_word(&r) & STATE_MASK, STATE_MAYBE_WEAKREF);
    drop(r);
    let old = slot.swap(None).expect("old value");
    drop(old); // memory goes through QSBR
    assert_eq!(drops.load(SeqCst), 1);
    assert!(slot.load_ref(&ts).is_none());
    ts.check_eval_breaker();
    ts.process_deferred();
}

#[test]
fn try_incref_fails_on_dead_header() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, _drops) = counted(&ts);
    let o = a.into_obj();
    o.mark_readable_lock_free();
    let p = o.as_nonnull();
    let keep_alive = o.clone();
    drop(o);
    // Merge to a dead state by hand: owner's last reference with MAYBE_WEAKREF set goes MERGED.
    drop(keep_alive);
    // SAFETY: DELAYED_FREE: the header stays readable until our next quiescent point.
    let h = unsafe { p.as_ref() };
    assert_eq!(h.shared.load(Ordering::Relaxed), STATE_MERGED);
    assert!(!crate::rc::try_incref_shared(h));
    assert!(!crate::rc::try_incref_fast(h, ts.id()));
}

#[test]
fn unique_check() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, _d) = counted(&ts);
    assert!(a.as_obj().is_unique(&ts));
    let b = a.clone();
    assert!(!a.as_obj().is_unique(&ts));
    drop(b);
    assert!(a.as_obj().is_unique(&ts));
}

#[test]
fn critical_section_reentry_and_pairs() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, _d1) = counted(&ts);
    let (b, _d2) = counted(&ts);
    let (ha, hb) = (a.as_obj().header(), b.as_obj().header());
    with_critical_section(&ts, ha, |_| {
        assert!(ha.mutex().is_locked());
        with_critical_section(&ts, ha, |_| assert!(ha.mutex().is_locked())); // no-op record
        assert!(ha.mutex().is_locked());
        with_critical_section2(&ts, hb, ha, |_| {
            assert!(ha.mutex().is_locked() && hb.mutex().is_locked());
        });
        assert!(
            ha.mutex().is_locked(),
            "outer section resumed after the pair ended"
        );
        assert!(!hb.mutex().is_locked());
    });
    assert!(!ha.mutex().is_locked());
}

#[test]
fn critical_sections_suspend_while_detached() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, _d) = counted(&ts);
    let obj = a.into_obj();
    let o3 = obj.clone(); // moved to the helper thread; we touch no object while detached
    with_critical_section(&ts, obj.header(), |_| {
        ts.detached(|| {
            assert!(
                !obj.header().mutex().is_locked(),
                "detach suspends the section"
            );
            // Another thread can take the lock meanwhile.
            std::thread::spawn(move || {
                o3.header().mutex().lock();
                // SAFETY: taken just above.
                unsafe { o3.header().mutex().unlock() };
            })
            .join()
            .expect("join");
        });
        assert!(
            obj.header().mutex().is_locked(),
            "attach resumes the top section"
        );
    });
}

#[test]
fn stop_the_world_parks_attached_threads() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let counter = Arc::new(AtomicUsize::new(0));
    let hs: Vec<_> = (0..2)
        .map(|_| {
            let (stop, counter) = (stop.clone(), counter.clone());
            std::thread::spawn(move || {
                let ts = ThreadState::register().expect("register");
                while !stop.load(SeqCst) {
                    counter.fetch_add(1, SeqCst);
                    ts.check_eval_breaker();
                }
            })
        })
        .collect();
    for _ in 0..20 {
        let w = stop_the_world(&ts);
        let c = counter.load(SeqCst);
        std::thread::sleep(std::time::Duration::from_millis(1));
        assert_eq!(counter.load(SeqCst), c, "a thread ran during the pause");
        drop(w);
    }
    stop.store(true, SeqCst);
    ts.detached(|| hs.into_iter().for_each(|h| h.join().expect("join")));
}

#[test]
fn qsbr_frees_after_all_threads_quiesce() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    struct Flag(Arc<AtomicUsize>);
    impl Drop for Flag {
        fn drop(&mut self) {
            self.0.fetch_add(1, SeqCst);
        }
    }
    let freed = Arc::new(AtomicUsize::new(0));
    let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<()>();
    let reader = std::thread::spawn(move || {
        let rts = ThreadState::register().expect("register");
        rts.check_eval_breaker();
        ready_tx.send(()).expect("send");
        // Attached, not quiescent: holds back reclamation until it checks.
        go_rx.recv().expect("recv");
        rts.check_eval_breaker();
        ready_tx.send(()).expect("send");
        go_rx.recv().expect("recv");
    });
    ts.detached(|| ready_rx.recv().expect("recv"));
    for _ in 0..QSBR_ROUNDS {
        ts.defer_drop(Box::new(Flag(freed.clone())));
    }
    ts.check_eval_breaker();
    assert!(ts.process_deferred() > 0);
    assert_eq!(
        freed.load(SeqCst),
        0,
        "freed while a reader had not quiesced"
    );
    go_tx.send(()).expect("send");
    ts.detached(|| ready_rx.recv().expect("recv"));
    ts.check_eval_breaker();
    assert_eq!(ts.process_deferred(), 0);
    assert_eq!(freed.load(SeqCst), QSBR_ROUNDS);
    go_tx.send(()).expect("send");
    ts.detached(|| reader.join().expect("join"));
}

const QSBR_ROUNDS: usize = 12;

#[test]
fn collector_frees_cycles_and_keeps_rooted() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let drops = Arc::new(AtomicUsize::new(0));
    let node = |ts: &ThreadState| {
        Gc::new(
            ts,
            Node {
                next: ObjSlot::new(None),
                drops: drops.clone(),
            },
        )
        .expect("alloc")
    };
    // Garbage: a <-> b.
    let (a, b) = (node(&ts), node(&ts));
    drop(a.next.swap(Some(b.as_obj().clone())));
    drop(b.next.swap(Some(a.as_obj().clone())));
    // Kept: c <-> d, with a handle on c.
    let (c, d) = (node(&ts), node(&ts));
    drop(c.next.swap(Some(d.as_obj().clone())));
    drop(d.next.swap(Some(c.as_obj().clone())));
    drop(d);
    // Deferred e, held only by an uncounted stack reference that the roots callback reports.
    let e = node(&ts);
    assert!(e.as_obj().enable_deferred(&ts));
    // SAFETY: reported by the roots callback below.
    let e_stack = unsafe { StackRef::from_owned(e.into_obj()) };
    drop((a, b));
    assert_eq!(drops.load(SeqCst), 0);
    let mut u = collect(&ts, |visit| visit(&e_stack)).expect("no other collection");
    assert_eq!(u.len(), 2, "exactly the a-b cycle");
    assert_eq!(u.check_resurrection(&ts), 0);
    u.finish();
    ts.check_eval_breaker();
    assert_eq!(drops.load(SeqCst), 2);
    // Now drop the stack reference: without the root, e is garbage at the next collection.
    drop(e_stack);
    let s = collect_and_clear(&ts, |_| {}).expect("no other collection");
    assert_eq!(s.unreachable, 1);
    assert_eq!(drops.load(SeqCst), 3);
    drop(c);
    assert_eq!(collect_and_clear(&ts, |_| {}).expect("run").unreachable, 2);
    assert_eq!(drops.load(SeqCst), 5);
}

#[test]
fn resurrection_is_detected() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let drops = Arc::new(AtomicUsize::new(0));
    let a = Gc::new(
        &ts,
        Node {
            next: ObjSlot::new(None),
            drops: drops.clone(),
        },
    )
    .expect("alloc");
    drop(a.next.swap(Some(a.as_obj().clone()))); // self-cycle
    drop(a);
    let mut u = collect(&ts, |_| {}).expect("run");
    assert_eq!(u.len(), 1);
    // A "finalizer" stores the object somewhere reachable.
    let saved = u.iter().next().expect("one").clone();
    assert_eq!(u.check_resurrection(&ts), 1);
    assert!(u.is_empty());
    u.finish();
    assert_eq!(drops.load(SeqCst), 0);
    drop(saved);
    assert_eq!(collect_and_clear(&ts, |_| {}).expect("run").unreachable, 1);
    assert_eq!(drops.load(SeqCst), 1);
}

#[test]
fn threshold_schedules_collection() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let drops = Arc::new(AtomicUsize::new(0));
    let old = threshold();
    set_threshold(100);
    let mut keep = Vec::new();
    let mut scheduled = false;
    for _ in 0..4000 {
        keep.push(
            Gc::new(
                &ts,
                Node {
                    next: ObjSlot::new(None),
                    drops: drops.clone(),
                },
            )
            .expect("alloc"),
        );
        if ts.check_eval_breaker().gc_scheduled() {
            scheduled = true;
            break;
        }
    }
    set_threshold(old);
    assert!(
        scheduled,
        "no collection scheduled after {} allocations",
        keep.len()
    );
    drop(keep);
    collect_and_clear(&ts, |_| {});
}

#[test]
fn registering_twice_fails() {
    let _s = serial();
    let _ts = ThreadState::register().expect("register");
    assert_eq!(ThreadState::register().err(), Some(AlreadyRegistered));
}

#[test]
fn pair_section_when_top_holds_one_of_them() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, _d1) = counted(&ts);
    let (b, _d2) = counted(&ts);
    let (c, _d3) = counted(&ts);
    let (ha, hb, hc) = (
        a.as_obj().header(),
        b.as_obj().header(),
        c.as_obj().header(),
    );
    with_critical_section(&ts, hc, |_| {
        with_critical_section(&ts, ha, |_| {
            with_critical_section2(&ts, ha, hb, |_| {
                assert!(ha.mutex().is_locked() && hb.mutex().is_locked());
                assert!(!hc.mutex().is_locked(), "sections below were suspended");
            });
            assert!(ha.mutex().is_locked() && !hb.mutex().is_locked());
        });
        assert!(hc.mutex().is_locked(), "outer section resumed");
        assert!(!ha.mutex().is_locked());
    });
    assert!(!hc.mutex().is_locked());
}

#[test]
fn try_incref_refuses_unshared_default_objects_of_other_threads() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, _d) = counted(&ts);
    let o = a.into_obj();
    let p = o.as_nonnull();
    // Owned by us: the fast path succeeds.
    // SAFETY: `o` keeps it alive.
    assert!(unsafe { ObjRef::try_incref(p, &ts) }.is_some());
    let p = p.as_ptr() as usize; // a plain address crosses threads
    let other = std::thread::spawn(move || {
        let ts2 = ThreadState::register().expect("register");
        // DEFAULT with shared word 0: refused (I5) even though it is alive.
        // SAFETY: the main thread keeps it alive until we are joined.
        let p = std::ptr::NonNull::new(p as *mut ObjHeader).expect("nonnull");
        // SAFETY: the main thread keeps it alive until we are joined.
        unsafe { ObjRef::try_incref(p, &ts2) }.is_some()
    });
    assert!(!ts.detached(|| other.join().expect("join")));
    o.mark_readable_lock_free();
    let other = std::thread::spawn(move || {
        let ts2 = ThreadState::register().expect("register");
        let p = std::ptr::NonNull::new(p as *mut ObjHeader).expect("nonnull");
        // SAFETY: alive (see above).
        unsafe { ObjRef::try_incref(p, &ts2) }.map(|r| r.refcount())
    });
    assert_eq!(ts.detached(|| other.join().expect("join")), Some(2));
}

#[test]
fn collector_sees_objects_of_exited_threads() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let drops = Arc::new(AtomicUsize::new(0));
    let d2 = drops.clone();
    let keep = std::thread::spawn(move || {
        let ts = ThreadState::register().expect("register");
        let a = Gc::new(
            &ts,
            Node {
                next: ObjSlot::new(None),
                drops: d2.clone(),
            },
        )
        .expect("alloc");
        let b = Gc::new(
            &ts,
            Node {
                next: ObjSlot::new(None),
                drops: d2.clone(),
            },
        )
        .expect("alloc");
        drop(a.next.swap(Some(b.as_obj().clone())));
        drop(b.next.swap(Some(a.as_obj().clone())));
        let keep = Gc::new(
            &ts,
            Node {
                next: ObjSlot::new(None),
                drops: d2,
            },
        )
        .expect("alloc");
        drop((a, b));
        keep.into_obj() // its owner exits; the cycle stays on the abandoned heap list
    });
    let keep = ts.detached(|| keep.join().expect("join"));
    let s = collect_and_clear(&ts, |_| {}).expect("run");
    assert!(s.unreachable >= 2, "{s:?}");
    assert_eq!(drops.load(SeqCst), 2);
    drop(keep); // dead owner: merged here
    assert_eq!(drops.load(SeqCst), 3);
}

#[test]
fn dropping_a_long_chain_does_not_overflow_the_stack() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let drops = Arc::new(AtomicUsize::new(0));
    const N: usize = 200_000;
    let mut head = Gc::new(
        &ts,
        Node {
            next: ObjSlot::new(None),
            drops: drops.clone(),
        },
    )
    .expect("alloc");
    for _ in 1..N {
        let n = Gc::new(
            &ts,
            Node {
                next: ObjSlot::new(None),
                drops: drops.clone(),
            },
        )
        .expect("alloc");
        drop(n.next.swap(Some(head.into_obj())));
        head = n;
    }
    drop(head); // 200k nested frees without the trashcan: far beyond a 2 MB test-thread stack
    assert_eq!(drops.load(SeqCst), N);
    assert_eq!(
        collect_and_clear(&ts, |_| {}).map(|s| s.unreachable),
        Some(0)
    );
}

static KEPT: Mutex<Vec<ObjRef>> = Mutex::new(Vec::new());

/// A finalize hook that takes the dying object over (as the VM does to run `__del__` later).
unsafe fn keep_hook(h: std::ptr::NonNull<ObjHeader>) -> bool {
    // SAFETY: inside the finalize hook, on its header, once.
    let r = unsafe { resurrect(h) };
    KEPT.lock().unwrap_or_else(|e| e.into_inner()).push(r);
    true
}

/// The finalize hook runs once (PEP 442): the first death resurrects the object, FINALIZED; the
/// second frees it without calling the hook.
#[test]
fn finalize_hook_resurrects_once() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let (a, drops) = counted(&ts);
    let old = a.as_obj().header().vtable();
    let vt: &'static GcVtable = Box::leak(Box::new(GcVtable {
        size: old.size,
        align: old.align,
        var_size: old.var_size,
        trace: old.trace,
        clear: old.clear,
        drop: old.drop,
        finalize: Some(keep_hook),
    }));
    // SAFETY: same layout, only the hook differs; the vtable is leaked ('static).
    unsafe { a.as_obj().header().set_vtable(vt) };
    drop(a);
    assert_eq!(drops.load(SeqCst), 0, "the hook took the object over");
    let r = KEPT
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .pop()
        .expect("resurrected");
    assert!(r.header().gc_bits() & gc_bits::FINALIZED != 0);
    assert!(
        r.is_unique(&ts),
        "resurrected with one reference owned by this thread"
    );
    drop(r);
    assert_eq!(
        drops.load(SeqCst),
        1,
        "second death frees, without the hook"
    );
    assert!(KEPT.lock().unwrap_or_else(|e| e.into_inner()).is_empty());
}

#[test]
fn per_thread_counts_of_deferred_objects() {
    let _s = serial();
    let ts = ThreadState::register().expect("register");
    let drops = Arc::new(AtomicUsize::new(0));
    let e = Gc::new(
        &ts,
        Node {
            next: ObjSlot::new(None),
            drops: drops.clone(),
        },
    )
    .expect("alloc");
    assert!(e.as_obj().enable_deferred(&ts));
    assert_ne!(e.as_obj().header().uid.load(Ordering::Relaxed), 0);
    let shared_before = shared_word(e.as_obj());
    let obj = e.as_obj().clone();
    // Another thread takes 1000 references and keeps 3 past its own collection: they live in
    // its private array, not in the object's shared word, until a pause folds them in.
    let kept = ts.detached(|| {
        std::thread::scope(|s| {
            s.spawn(|| {
                let t2 = ThreadState::register().expect("register");
                let mut held: Vec<ObjRef> = (0..1000).map(|_| obj.clone()).collect();
                held.truncate(3);
                assert_eq!(shared_word(&obj), shared_before, "counted per thread");
                // A collection by this thread sees the 3 + the main thread's 2 handles: reachable.
                let st = collect_and_clear(&t2, |_| {}).expect("run");
                assert_eq!(st.unreachable, 0);
                assert_eq!(drops.load(SeqCst), 0);
                let moved: Vec<usize> = held
                    .into_iter()
                    .map(|r| r.into_raw().as_ptr() as usize)
                    .collect();
                drop(t2); // exit folds this thread's remaining counts in (net 0 here)
                moved
            })
            .join()
            .expect("thread")
        })
    });
    // The 3 references the other thread kept are now ours to drop (counted shared).
    for p in kept {
        // SAFETY: each is an owned reference handed over from the other thread.
        drop(unsafe {
            ObjRef::from_raw(std::ptr::NonNull::new(p as *mut ObjHeader).expect("ptr"))
        });
    }
    drop(obj);
    drop(e);
    let st = collect_and_clear(&ts, |_| {}).expect("run");
    assert_eq!(st.unreachable, 1, "freed once every count is gone");
    assert_eq!(drops.load(SeqCst), 1);
}
