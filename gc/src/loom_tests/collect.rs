//! The collector against a mutator: a cycle dropped by another thread while a collection runs
//! is freed exactly once (now or at the next collection), and a reachable object never is.

use crate::api::{collect, Gc, ObjSlot, ThreadState, Trace, Tracer};
use loom::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use loom::sync::Arc;
use loom::thread;

struct Node {
    next: ObjSlot,
    drops: Arc<AtomicUsize>,
}

impl Trace for Node {
    const IS_GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        t.visit_slot(&self.next);
    }
    fn clear(&self) {
        drop(self.next.swap(None));
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.drops.fetch_add(1, SeqCst);
    }
}

#[test]
fn cycle_dropped_during_collection_freed_once() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let drops = Arc::new(AtomicUsize::new(0));
        let d2 = drops.clone();
        let (tx, rx) = loom::sync::mpsc::channel();
        let t = thread::spawn(move || {
            let ts = ThreadState::register().expect("register");
            let a = Gc::new(
                &ts,
                Node {
                    next: ObjSlot::new(None),
                    drops: d2.clone(),
                },
            )
            .expect("alloc");
            drop(a.next.swap(Some(a.as_obj().clone()))); // self-cycle
            let keep = Gc::new(
                &ts,
                Node {
                    next: ObjSlot::new(None),
                    drops: d2,
                },
            )
            .expect("alloc");
            tx.send(keep.into_obj()).expect("send"); // reachable from the main thread
            drop(a); // garbage from here on
            ts.check_eval_breaker();
        });
        let keep = rx.recv().expect("recv");
        if let Some(u) = collect(&ts, |_| {}) {
            u.finish();
        }
        ts.detached(|| t.join().expect("mutator"));
        if let Some(u) = collect(&ts, |_| {}) {
            u.finish();
        }
        assert_eq!(
            drops.load(SeqCst),
            1,
            "the cycle is freed exactly once, `keep` is not"
        );
        drop(keep);
        assert_eq!(drops.load(SeqCst), 2);
    });
}
