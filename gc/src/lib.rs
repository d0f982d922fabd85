//! PEP 703 memory and concurrency primitives for Ladon: the object header, biased reference
//! counting with immortal and deferred objects, the 1-byte mutex and critical sections, the
//! thread registry with stop-the-world, QSBR, allocation and the cycle collector.
//!
//! Knows nothing of Python: it names no Python type and raises no Python exception. The VM
//! builds its object model on [`api`] (also re-exported here). Design, invariants and protocols:
//! `gc/DESIGN-gc.md`. Only `sync.rs` chooses between std and loom; the loom models live in
//! `loom_tests/` and run with `RUSTFLAGS="--cfg loom"`.
//!
//! Module map: `header` (layout, vtable) · `rc` (every refcount path) · `brc` (merge queues) ·
//! `handle` (`ObjRef`, `Gc<T>`, `ObjSlot`, `StackRef`) · `mutex` · `critical_section` ·
//! `thread` (`ThreadState`, ids, attach/detach, exit) · `registry` (runtime, thread states) ·
//! `stw` · `qsbr` · `heap` (allocation, heap lists) · `collect` (cycle collector).

pub mod api;
mod brc;
pub mod collect;
pub mod critical_section;
pub mod handle;
pub mod header;
pub mod heap;
pub mod mutex;
mod qsbr;
mod rc;
pub mod registry;
pub mod stw;
mod sync;
pub mod thread;

#[cfg(all(test, not(loom)))]
mod tests;

#[cfg(all(test, loom))]
mod loom_tests;

pub use api::*;
