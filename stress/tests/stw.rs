//! Stop-the-world requested in a loop while workers attach, detach, register and exit.

use gc::{stop_the_world, ThreadState};
use ladon_stress::{deadline, join_detached};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::sync::Arc;

#[test]
fn stop_in_a_loop_while_workers_attach_detach() {
    let main = ThreadState::register().expect("register");
    let stop = Arc::new(AtomicBool::new(false));
    let progress = Arc::new(AtomicU64::new(0));
    let hs: Vec<_> = (0..ladon_stress::threads(6) as u64)
        .map(|t| {
            let (stop, progress) = (stop.clone(), progress.clone());
            std::thread::spawn(move || {
                let mut n = 0u64;
                while !stop.load(SeqCst) {
                    // Some workers re-register (thread churn), all detach now and then.
                    let ts = ThreadState::register().expect("register");
                    for i in 0..200u64 {
                        progress.fetch_add(1, SeqCst); // only while attached
                        if (i + t) % 7 == 0 {
                            ts.detached(std::thread::yield_now);
                        }
                        ts.check_eval_breaker();
                        n += 1;
                    }
                    if t % 2 == 0 {
                        drop(ts);
                    } else {
                        std::mem::drop(ts);
                        std::thread::yield_now();
                    }
                }
                n
            })
        })
        .collect();
    let end = deadline();
    let mut pauses = 0u64;
    while std::time::Instant::now() < end {
        let w = stop_the_world(&main);
        let before = progress.load(SeqCst);
        for _ in 0..50 {
            std::hint::spin_loop();
        }
        assert_eq!(
            progress.load(SeqCst),
            before,
            "an attached thread ran during the pause"
        );
        drop(w);
        pauses += 1;
        main.check_eval_breaker();
        // Let the workers run between pauses.
        main.detached(|| std::thread::sleep(std::time::Duration::from_micros(50)));
    }
    stop.store(true, SeqCst);
    let n: u64 = join_detached(&main, hs).into_iter().sum();
    assert_eq!(n, progress.load(SeqCst));
    eprintln!("{pauses} pauses, {n} worker steps");
}
