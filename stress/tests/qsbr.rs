//! QSBR: a writer keeps replacing a published array and frees the old one through QSBR while
//! readers read it lock-free; a reader never sees a poisoned (reclaimed) array.

use gc::ThreadState;
use ladon_stress::{deadline, join_detached};
use std::sync::atomic::{
    AtomicBool, AtomicPtr, AtomicU64, Ordering::AcqRel, Ordering::Acquire, Ordering::Relaxed,
    Ordering::SeqCst,
};
use std::sync::Arc;

const LEN: usize = 16;

/// An array whose elements all equal its generation; poisoned (to u64::MAX) when reclaimed.
struct Storage {
    items: [AtomicU64; LEN],
}

impl Storage {
    fn new(gen: u64) -> Box<Storage> {
        Box::new(Storage {
            items: std::array::from_fn(|_| AtomicU64::new(gen)),
        })
    }
}

impl Drop for Storage {
    fn drop(&mut self) {
        for i in &self.items {
            i.store(u64::MAX, Relaxed);
        }
    }
}

#[test]
fn frees_only_after_readers_quiesce() {
    let main = ThreadState::register().expect("register");
    let slot = Arc::new(AtomicPtr::new(Box::into_raw(Storage::new(0))));
    let stop = Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..ladon_stress::threads(4))
        .map(|_| {
            let (slot, stop) = (slot.clone(), stop.clone());
            std::thread::spawn(move || {
                let ts = ThreadState::register().expect("register");
                let mut reads = 0u64;
                while !stop.load(SeqCst) {
                    for _ in 0..64 {
                        let p = slot.load(Acquire);
                        // SAFETY: QSBR keeps it allocated until our next quiescent point.
                        let s = unsafe { &*p };
                        let g = s.items[0].load(Relaxed);
                        for it in &s.items {
                            let v = it.load(Relaxed);
                            assert_ne!(v, u64::MAX, "read reclaimed storage");
                            assert_eq!(v, g, "torn storage");
                        }
                        reads += 1;
                    }
                    ts.check_eval_breaker(); // quiescent point
                    if reads & 4095 == 0 {
                        ts.detached(std::thread::yield_now); // offline for a moment
                    }
                }
                reads
            })
        })
        .collect();
    let end = deadline();
    let mut gen = 0u64;
    while std::time::Instant::now() < end {
        gen += 1;
        let old = slot.swap(Box::into_raw(Storage::new(gen)), AcqRel);
        // SAFETY: `old` came from Box::into_raw and is no longer published.
        main.defer_drop(unsafe { Box::from_raw(old) });
        main.check_eval_breaker();
    }
    stop.store(true, SeqCst);
    let reads: u64 = join_detached(&main, readers).into_iter().sum();
    let mut rounds = 0;
    while main.process_deferred() > 0 {
        main.check_eval_breaker();
        rounds += 1;
        assert!(
            rounds < 1000,
            "deferred frees never completed with all readers gone"
        );
    }
    // SAFETY: all readers joined.
    drop(unsafe { Box::from_raw(slot.swap(std::ptr::null_mut(), SeqCst)) });
    eprintln!("{gen} replacements, {reads} reads");
}
