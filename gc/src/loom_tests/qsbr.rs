//! QSBR: memory is reclaimed only after every online thread passed a quiescent point.

use crate::api::ThreadState;
use loom::sync::atomic::{AtomicBool, AtomicPtr, Ordering};
use loom::sync::Arc;
use loom::thread;

/// What readers see through the published pointer. Blocks are leaked (never really freed) so a
/// broken QSBR shows up as an assertion, not as undefined behaviour.
struct Block {
    id: usize,
}

/// Dropped by QSBR when block `id` may be freed.
struct Retire {
    id: usize,
    freed: Arc<[AtomicBool; 2]>,
}

impl Drop for Retire {
    fn drop(&mut self) {
        self.freed[self.id].store(true, Ordering::SeqCst);
    }
}

/// A writer replaces the published block and retires the old one through QSBR while a reader
/// loads and reads it: the reader never sees its block retired before its own quiescent point,
/// and the writer does reclaim it once the reader quiesced or went offline.
#[test]
fn reclaim_only_after_every_thread_quiesced() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let freed = Arc::new([AtomicBool::new(false), AtomicBool::new(false)]);
        let b0: &'static Block = Box::leak(Box::new(Block { id: 0 }));
        let b1: &'static Block = Box::leak(Box::new(Block { id: 1 }));
        let slot = Arc::new(AtomicPtr::new(b0 as *const Block as *mut Block));
        let (slot2, freed2) = (slot.clone(), freed.clone());
        let reader = thread::spawn(move || {
            let rts = ThreadState::register().expect("register");
            let p = slot2.load(Ordering::Acquire);
            // SAFETY: blocks are leaked, so always readable.
            let id = unsafe { (*p).id };
            assert!(
                !freed2[id].load(Ordering::SeqCst),
                "block {id} reclaimed under a reader"
            );
            rts.check_eval_breaker(); // quiescent point
        });
        let old = slot.swap(b1 as *const Block as *mut Block, Ordering::AcqRel);
        // SAFETY: blocks are leaked.
        let id = unsafe { (*old).id };
        ts.defer_drop(Box::new(Retire {
            id,
            freed: freed.clone(),
        }));
        while ts.process_deferred() > 0 {
            ts.check_eval_breaker(); // our own quiescent point
            thread::yield_now();
        }
        assert!(freed[0].load(Ordering::SeqCst));
        ts.detached(|| reader.join().expect("reader"));
    });
}

/// A registered reader that is detached (blocked) holds nothing back: the writer reclaims
/// without the reader ever reaching a quiescent point. If offline threads blocked reclamation
/// the writer would spin forever and loom would report it.
#[test]
fn offline_thread_does_not_block_reclamation() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let freed = Arc::new([AtomicBool::new(false), AtomicBool::new(false)]);
        let done = Arc::new(AtomicBool::new(false));
        let (done2, parked) = (done.clone(), Arc::new(AtomicBool::new(false)));
        let parked2 = parked.clone();
        let reader = thread::spawn(move || {
            let rts = ThreadState::register().expect("register");
            rts.detached(|| {
                parked2.store(true, Ordering::SeqCst);
                while !done2.load(Ordering::SeqCst) {
                    thread::yield_now();
                }
            });
        });
        while !parked.load(Ordering::SeqCst) {
            thread::yield_now();
        }
        ts.defer_drop(Box::new(Retire {
            id: 0,
            freed: freed.clone(),
        }));
        while ts.process_deferred() > 0 {
            ts.check_eval_breaker();
            thread::yield_now();
        }
        assert!(freed[0].load(Ordering::SeqCst));
        done.store(true, Ordering::SeqCst);
        ts.detached(|| reader.join().expect("reader"));
    });
}
