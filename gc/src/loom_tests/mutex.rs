//! The 1-byte mutex: mutual exclusion, wake-ups and the fair hand-off (under loom every unlock
//! with a parked waiter hands the lock over, see `sync::FAIR_HANDOFF_NS`).

use crate::mutex::{LeafMutex, ParkingLock, RawMutex};
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

/// `ParkingLock` (Python's `_thread.lock`): a timed acquire either gets the lock (exclusive:
/// loom's `UnsafeCell` checks) or times out leaving a usable lock behind (a stale PARKED bit
/// is cleared by the next release; the lock can be taken and released again, and a second
/// release reports "not locked").
#[test]
fn parking_lock_timed_acquire_times_out_cleanly() {
    loom::model(|| {
        let ts = crate::api::ThreadState::register().expect("register");
        let l = Arc::new((ParkingLock::new(), UnsafeCell::new(0usize)));
        assert!(l.0.try_acquire());
        let l2 = l.clone();
        let t = thread::spawn(move || {
            let ts = crate::api::ThreadState::register().expect("register");
            if l2.0.acquire(&ts, Some(std::time::Duration::from_millis(1))) {
                // SAFETY: under the lock (loom checks).
                l2.1.with_mut(|p| unsafe { *p += 1 });
                assert!(l2.0.release());
            }
        });
        // SAFETY: under the lock.
        l.1.with_mut(|p| unsafe { *p += 1 });
        assert!(l.0.release());
        t.join().expect("worker");
        assert!(l.0.acquire(&ts, None));
        assert!(l.0.release());
        assert!(!l.0.release());
        assert!(!l.0.is_locked());
    });
}

/// A `ParkingLock` held by one thread is released by another, which wakes the holder's own
/// second (blocking) acquire: no lost wake-up (loom reports a deadlock otherwise).
#[test]
fn parking_lock_released_by_another_thread_wakes_waiter() {
    loom::model(|| {
        let ts = crate::api::ThreadState::register().expect("register");
        let l = Arc::new(ParkingLock::new());
        assert!(l.acquire(&ts, None));
        let l2 = l.clone();
        let t = thread::spawn(move || {
            assert!(l2.release());
        });
        assert!(l.acquire(&ts, None));
        t.join().expect("worker");
        assert!(l.release());
        assert!(!l.is_locked());
    });
}
