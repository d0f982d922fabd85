//! Critical sections: suspended while the thread blocks, resumed after; pairs lock in address
//! order without deadlock.

use super::counted;
use crate::api::{with_critical_section, with_critical_section2, ThreadState};
use loom::cell::UnsafeCell;
use loom::sync::Arc;
use loom::thread;

struct Shared(UnsafeCell<usize>);
// SAFETY: only touched inside critical sections on one object (loom checks every access).
unsafe impl Sync for Shared {}
// SAFETY: as above.
unsafe impl Send for Shared {}

/// A section that blocks in the middle (detach/attach) lets another thread in while it is
/// suspended, and holds the lock again afterwards: loom's `UnsafeCell` sees no overlap and the
/// total is exact.
#[test]
fn suspend_resume_across_blocking_keeps_exclusion() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let (obj, _d) = counted(&ts);
        let data = Arc::new(Shared(UnsafeCell::new(0)));
        let (obj2, data2) = (obj.clone(), data.clone());
        let t = thread::spawn(move || {
            let ts = ThreadState::register().expect("register");
            with_critical_section(&ts, obj2.header(), |_| {
                // SAFETY: inside the section (loom checks).
                data2.0.with_mut(|p| unsafe { *p += 10 });
            });
            drop(obj2);
        });
        with_critical_section(&ts, obj.header(), |_| {
            // SAFETY: inside the section.
            data.0.with_mut(|p| unsafe { *p += 1 });
            ts.detached(|| assert!(!ts.cs.is_empty()));
            assert!(obj.header().mutex().is_locked(), "not resumed after attach");
            // SAFETY: inside the section, resumed.
            data.0.with_mut(|p| unsafe { *p += 1 });
        });
        ts.detached(|| t.join().expect("worker"));
        // SAFETY: the worker is joined.
        assert_eq!(data.0.with(|p| unsafe { *p }), 12);
    });
}

/// Two threads lock the same pair in opposite argument order: address ordering (and never
/// waiting while holding one of the pair) means loom finds no deadlock.
#[test]
fn pair_sections_opposite_order_no_deadlock() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let (a, _da) = counted(&ts);
        let (b, _db) = counted(&ts);
        let (a2, b2) = (a.clone(), b.clone());
        let t = thread::spawn(move || {
            let ts = ThreadState::register().expect("register");
            with_critical_section2(&ts, b2.header(), a2.header(), |_| {
                assert!(a2.header().mutex().is_locked() && b2.header().mutex().is_locked());
            });
            drop((a2, b2));
        });
        with_critical_section2(&ts, a.header(), b.header(), |_| {
            assert!(a.header().mutex().is_locked() && b.header().mutex().is_locked());
        });
        ts.detached(|| t.join().expect("worker"));
    });
}
