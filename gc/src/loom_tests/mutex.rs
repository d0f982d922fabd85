//! The 1-byte mutex: mutual exclusion, wake-ups and the fair hand-off (under loom every unlock
//! with a parked waiter hands the lock over, see `sync::FAIR_HANDOFF_NS`).

use crate::mutex::{LeafMutex, RawMutex};
use loom::cell::UnsafeCell;
use loom::sync::Arc;
use loom::thread;

/// Two threads increment under the lock: loom's `UnsafeCell` reports any overlap, and the final
/// count is exact (no lost wake-up either: a lost wake-up deadlocks, which loom reports).
#[test]
fn lock_unlock_counter_exact() {
    loom::model(|| {
        let m = Arc::new((RawMutex::new(), UnsafeCell::new(0usize)));
        let m2 = m.clone();
        let t = thread::spawn(move || {
            m2.0.lock();
            m2.1.with_mut(|p| {
                // SAFETY: under the lock (loom checks it).
                unsafe { *p += 1 }
            });
            // SAFETY: taken above.
            unsafe { m2.0.unlock() };
        });
        m.0.lock();
        m.1.with_mut(|p| {
            // SAFETY: under the lock.
            unsafe { *p += 1 }
        });
        // SAFETY: taken above.
        unsafe { m.0.unlock() };
        t.join().expect("worker");
        m.0.lock();
        // SAFETY: under the lock.
        let v = m.1.with(|p| unsafe { *p });
        // SAFETY: taken above.
        unsafe { m.0.unlock() };
        assert_eq!(v, 2);
        assert!(!m.0.is_locked());
    });
}

/// Contended lock with parking: a thread that parks is handed the lock (LOCKED stays set across
/// the hand-off), and the PARKED bit is cleared once the queue is empty.
#[test]
fn contended_handoff_keeps_exclusion() {
    loom::model(|| {
        let m = Arc::new(LeafMutex::new(0usize));
        let hs: Vec<_> = (0..2)
            .map(|_| {
                let m = m.clone();
                thread::spawn(move || {
                    m.with(|v| *v += 1);
                })
            })
            .collect();
        m.with(|v| *v += 1);
        for h in hs {
            h.join().expect("worker");
        }
        assert_eq!(m.with(|v| *v), 3);
    });
}
