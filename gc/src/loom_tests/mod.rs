//! Loom models of gc's primitives (`RUSTFLAGS="--cfg loom"`, see DESIGN-gc.md for the command).
//!
//! Each model is small (one or two extra threads) and ends in `assert!`s that hold in every
//! explored interleaving, so they run in `--release`. The runtime is a `loom::lazy_static`, so
//! each execution starts from a fresh registry, QSBR state and heap.

mod collect;
mod critical_section;
mod mutex;
mod ptrc;
mod qsbr;
mod rc;
mod stw;

use crate::api::{Gc, ObjRef, Trace, Tracer};
use loom::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use loom::sync::Arc;

/// A payload that counts how often it was dropped (deallocations).
pub(super) struct Counted(pub(super) Arc<AtomicUsize>);

impl Trace for Counted {
    const IS_GC: bool = false;
    fn trace(&self, _: &mut Tracer<'_>) {}
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_add(1, SeqCst);
    }
}

/// A fresh object owned by `ts`, and its drop counter.
pub(super) fn counted(ts: &crate::api::ThreadState) -> (ObjRef, Arc<AtomicUsize>) {
    let drops = Arc::new(AtomicUsize::new(0));
    let g = Gc::new(ts, Counted(drops.clone())).expect("alloc");
    (g.into_obj(), drops)
}

pub(super) fn drops(c: &Arc<AtomicUsize>) -> usize {
    c.load(SeqCst)
}
