//! Stop-the-world against a thread that attaches, detaches and checks its eval breaker.

use crate::api::{stop_the_world, ThreadState};
use loom::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use loom::sync::Arc;
use loom::thread;

/// The worker only bumps `progress` while attached; during the pause it must not move, whether
/// the worker was caught detached (CAS to SUSPENDED) or attached (STOP bit at its check).
#[test]
fn stop_vs_attach_detach_no_progress_in_pause() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let progress = Arc::new(AtomicUsize::new(0));
        let p2 = progress.clone();
        let t = thread::spawn(move || {
            let ts = ThreadState::register().expect("register");
            ts.detached(|| {});
            p2.fetch_add(1, SeqCst);
            ts.check_eval_breaker();
            p2.fetch_add(1, SeqCst);
        });
        {
            let _w = stop_the_world(&ts);
            let before = progress.load(SeqCst);
            thread::yield_now();
            assert_eq!(
                progress.load(SeqCst),
                before,
                "a thread ran during the pause"
            );
        }
        ts.detached(|| t.join().expect("worker"));
        assert_eq!(progress.load(SeqCst), 2);
    });
}

/// A thread registers while the world is stopped: it starts SUSPENDED and can't make progress
/// (touch objects) until the restart; then it runs and exits normally.
#[test]
fn register_during_pause_waits_for_restart() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let progress = Arc::new(AtomicUsize::new(0));
        let p2 = progress.clone();
        let w = stop_the_world(&ts);
        let t = thread::spawn(move || {
            let ts = ThreadState::register().expect("register"); // blocks in attach during the pause
            p2.fetch_add(1, SeqCst);
            ts.check_eval_breaker();
        });
        thread::yield_now();
        assert_eq!(
            progress.load(SeqCst),
            0,
            "a thread registered and ran during the pause"
        );
        drop(w);
        ts.detached(|| t.join().expect("worker"));
        assert_eq!(progress.load(SeqCst), 1);
    });
}
