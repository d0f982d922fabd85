//! Critical sections on random pairs of objects, some of which block (detach) inside: no
//! deadlock (the test ends) and per-object counters are exact.

use gc::{
    stop_the_world, with_critical_section, with_critical_section2, Gc, ThreadState, Trace, Tracer,
};
use ladon_stress::{deadline, join_detached, Rng};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed, Ordering::SeqCst};
use std::sync::Arc;

/// An object whose counter is only changed inside its critical section. The load/store pair
/// (not an RMW) loses updates if two threads are ever inside at once.
struct Account {
    balance: AtomicU64,
}

impl Trace for Account {
    const IS_GC: bool = false;
    fn trace(&self, _: &mut Tracer<'_>) {}
}

#[test]
fn pairs_and_blocking_no_deadlock_exact_counts() {
    const N: usize = 8;
    let main = ThreadState::register().expect("register");
    let accts: Arc<Vec<Gc<Account>>> = Arc::new(
        (0..N)
            .map(|_| {
                Gc::new(
                    &main,
                    Account {
                        balance: AtomicU64::new(0),
                    },
                )
                .expect("alloc")
            })
            .collect(),
    );
    let end = deadline();
    let hs: Vec<_> = (0..ladon_stress::threads(6))
        .map(|t| {
            let accts = accts.clone();
            std::thread::spawn(move || {
                let ts = ThreadState::register().expect("register");
                let mut rng = Rng::new(t as u64 + 7);
                let mut ops = 0u64;
                while std::time::Instant::now() < end {
                    let (i, j) = (rng.below(N), rng.below(N));
                    let (a, b) = (&accts[i], &accts[j]);
                    let block = rng.below(16) == 0;
                    with_critical_section2(&ts, a.as_obj().header(), b.as_obj().header(), |_| {
                        let v = a.balance.load(Relaxed);
                        if block {
                            // Blocking inside: suspends the section; others may get in.
                            ts.detached(std::thread::yield_now);
                        }
                        // Re-validate after blocking: read again, then update both in one go.
                        let v = if block { a.balance.load(Relaxed) } else { v };
                        a.balance.store(v + 1, Relaxed);
                        if i != j {
                            let w = b.balance.load(Relaxed);
                            b.balance.store(w + 1, Relaxed);
                        }
                    });
                    // Nested one-object section inside another object's section.
                    with_critical_section(&ts, a.as_obj().header(), |_| {
                        with_critical_section(&ts, b.as_obj().header(), |_| {
                            let w = b.balance.load(Relaxed);
                            b.balance.store(w + 1, Relaxed);
                        });
                    });
                    ops += if i != j { 3 } else { 2 };
                    ts.check_eval_breaker();
                }
                ops
            })
        })
        .collect();
    // Stop the world now and then while sections are held and waited for.
    let mut pauses = 0u64;
    while std::time::Instant::now() < end {
        drop(stop_the_world(&main));
        pauses += 1;
        main.detached(|| std::thread::sleep(std::time::Duration::from_micros(200)));
    }
    let ops: u64 = join_detached(&main, hs).into_iter().sum();
    let total: u64 = accts.iter().map(|a| a.balance.load(SeqCst)).sum();
    assert_eq!(total, ops, "lost updates inside critical sections");
    eprintln!("{ops} increments, {pauses} pauses");
}
