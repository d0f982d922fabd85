//! The 1-byte mutex under contention: counters protected by it are exact, with leaf locking and
//! with detaching locking (threads registered, parking detaches them).

use gc::{RawMutex, ThreadState};
use ladon_stress::{deadline, join_detached};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::sync::Arc;

struct Counter {
    m: RawMutex,
    v: UnsafeCell<u64>,
}
// SAFETY: `v` is only touched with `m` held.
unsafe impl Sync for Counter {}

impl Counter {
    fn bump(&self, ts: Option<&ThreadState>) {
        match ts {
            Some(ts) => self.m.lock_detaching(ts),
            None => self.m.lock(),
        }
        // SAFETY: we hold `m`.
        unsafe { *self.v.get() += 1 };
        // SAFETY: taken above.
        unsafe { self.m.unlock() };
    }
}

fn run(threads: usize, detaching: bool) {
    let c = Arc::new(Counter {
        m: RawMutex::new(),
        v: UnsafeCell::new(0),
    });
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let main = ThreadState::register().expect("register");
    let end = deadline();
    let hs: Vec<_> = (0..threads)
        .map(|_| {
            let (c, stop, done) = (c.clone(), stop.clone(), done.clone());
            std::thread::spawn(move || {
                let ts = ThreadState::register().expect("register");
                let mut n = 0u64;
                while !stop.load(SeqCst) {
                    for _ in 0..100 {
                        c.bump(detaching.then_some(&ts));
                        n += 1;
                    }
                    ts.check_eval_breaker();
                }
                done.fetch_add(n, SeqCst);
                n
            })
        })
        .collect();
    main.detached(|| std::thread::sleep(end.saturating_duration_since(std::time::Instant::now())));
    stop.store(true, SeqCst);
    let per_thread = join_detached(&main, hs);
    // SAFETY: all workers joined.
    let v = unsafe { *c.v.get() };
    assert_eq!(v, done.load(SeqCst));
    // Barging plus the 1 ms hand-off: nobody starves.
    assert!(
        per_thread.iter().all(|&n| n > 0),
        "a thread never got the lock: {per_thread:?}"
    );
    assert!(!c.m.is_locked());
    eprintln!("{threads} threads, detaching={detaching}: {v} lock/unlock pairs");
}

#[test]
fn counter_exact_2_threads_leaf() {
    run(2, false);
}

#[test]
fn counter_exact_8_threads_detaching() {
    run(8, true);
}

/// `ParkingLock` (Python's `_thread.lock`) under contention with timed acquires: every thread
/// alternates blocking and short timed acquires (retrying on time-outs), and some releases
/// are done by a different thread than the acquirer (a hand-over through an atomic flag, as
/// `threading.Lock` allows). The counter is exact, time-outs leave the lock usable, and the
/// lock ends free.
#[test]
fn parking_lock_timed_and_foreign_release_exact() {
    struct Shared {
        l: gc::ParkingLock,
        v: UnsafeCell<u64>,
        /// Set by a thread that incremented and left the lock held for someone else to release.
        handed: AtomicBool,
    }
    // SAFETY: `v` is only touched by the thread that acquired `l` (until it is released).
    unsafe impl Sync for Shared {}
    let s = Arc::new(Shared {
        l: gc::ParkingLock::new(),
        v: UnsafeCell::new(0),
        handed: AtomicBool::new(false),
    });
    let threads = ladon_stress::threads(4);
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let timeouts = Arc::new(AtomicU64::new(0));
    let main = ThreadState::register().expect("register");
    let end = deadline();
    let hs: Vec<_> = (0..threads)
        .map(|k| {
            let (s, stop, done, timeouts) =
                (s.clone(), stop.clone(), done.clone(), timeouts.clone());
            std::thread::spawn(move || {
                let ts = ThreadState::register().expect("register");
                let mut n = 0u64;
                let mut i = 0u64;
                while !stop.load(SeqCst) {
                    i += 1;
                    // Release a lock another thread left held for us.
                    if s.handed.swap(false, SeqCst) {
                        assert!(s.l.release(), "handed-over lock was not held");
                    }
                    let got = if i % 3 == 0 {
                        let t = std::time::Duration::from_micros(50 * (k as u64 % 3));
                        s.l.acquire(&ts, Some(t))
                    } else {
                        s.l.acquire(&ts, None)
                    };
                    if !got {
                        timeouts.fetch_add(1, SeqCst);
                        continue;
                    }
                    // SAFETY: we hold the lock.
                    unsafe { *s.v.get() += 1 };
                    n += 1;
                    if i % 7 == 0 && !s.handed.load(SeqCst) {
                        // Leave it locked; whoever sees the flag first releases it.
                        s.handed.store(true, SeqCst);
                    } else {
                        assert!(s.l.release());
                    }
                    if i % 64 == 0 {
                        ts.check_eval_breaker();
                    }
                }
                // A lock handed over just before the stop must not outlive the threads that
                // would release it (the others may be blocked in an untimed acquire).
                if s.handed.swap(false, SeqCst) {
                    assert!(s.l.release(), "handed-over lock was not held");
                }
                done.fetch_add(n, SeqCst);
                n
            })
        })
        .collect();
    main.detached(|| std::thread::sleep(end.saturating_duration_since(std::time::Instant::now())));
    stop.store(true, SeqCst);
    join_detached(&main, hs);
    if s.handed.swap(false, SeqCst) {
        assert!(s.l.release());
    }
    // SAFETY: all workers joined.
    let v = unsafe { *s.v.get() };
    assert_eq!(v, done.load(SeqCst));
    assert!(!s.l.is_locked());
    assert!(!s.l.release(), "release of a free lock must fail");
    eprintln!(
        "{threads} threads: {v} increments, {} timed-out acquires",
        timeouts.load(SeqCst)
    );
}
