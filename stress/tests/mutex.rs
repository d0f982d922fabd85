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
