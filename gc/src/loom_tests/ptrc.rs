//! Per-thread counts of deferred objects (ptrc.rs): a non-owner's increfs and decrefs land in its
//! private array, a collection folds them in, an exiting thread folds its own; the object is
//! freed exactly once, by the collector, and never while referenced. Also a non-owner making an
//! object deferred (`defer_if_shared`) while the owner drops its own reference.

use crate::api::{collect, Gc, ObjSlot, ThreadState, Trace, Tracer};
use loom::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use loom::sync::Arc;
use loom::thread;

struct Node {
    _next: ObjSlot,
    drops: Arc<AtomicUsize>,
}

impl Trace for Node {
    const IS_GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        t.visit_slot(&self._next);
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.drops.fetch_add(1, SeqCst);
    }
}

fn node(ts: &ThreadState, drops: &Arc<AtomicUsize>) -> crate::api::ObjRef {
    Gc::new(
        ts,
        Node {
            _next: ObjSlot::new(None),
            drops: drops.clone(),
        },
    )
    .expect("alloc")
    .into_obj()
}

#[test]
fn non_owner_counts_fold_in_and_free_once() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let drops = Arc::new(AtomicUsize::new(0));
        let o = node(&ts, &drops);
        assert!(o.enable_deferred(&ts));
        let theirs = o.clone();
        let t = thread::spawn(move || {
            let ts2 = ThreadState::register().expect("register");
            let c = theirs.clone(); // +1 in this thread's array
            drop(theirs); // -1
            ts2.check_eval_breaker(); // a safe point: a pause may fold the array here
            drop(c); // -1: net -1, folded at exit
        });
        if let Some(u) = collect(&ts, |_| {}) {
            assert_eq!(u.len(), 0, "referenced by us");
            u.finish();
        }
        ts.detached(|| t.join().expect("worker"));
        assert_eq!(drops.load(SeqCst), 0);
        drop(o);
        let u = collect(&ts, |_| {}).expect("only collector");
        assert_eq!(u.len(), 1);
        u.finish();
        assert_eq!(drops.load(SeqCst), 1, "freed exactly once");
    });
}

#[test]
fn non_owner_deferral_races_owner_drop() {
    loom::model(|| {
        let ts = ThreadState::register().expect("register");
        let drops = Arc::new(AtomicUsize::new(0));
        let o = node(&ts, &drops);
        let theirs = o.clone();
        let t = thread::spawn(move || {
            let ts2 = ThreadState::register().expect("register");
            theirs.header().defer_if_shared(&ts2);
            let c = theirs.clone();
            drop(theirs);
            drop(c);
        });
        drop(o); // races the deferral
        ts.detached(|| t.join().expect("worker"));
        if let Some(u) = collect(&ts, |_| {}) {
            u.finish();
        }
        assert_eq!(
            drops.load(SeqCst),
            1,
            "freed exactly once, by refcount or collector"
        );
    });
}
