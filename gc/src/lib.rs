//! PEP 703 memory and concurrency primitives for Ladon: the object header, biased reference
//! counting with immortal and deferred objects, the 1-byte mutex and critical sections, the
//! thread registry with stop-the-world, QSBR, allocation and the cycle collector.
//!
//! Knows nothing of Python: it names no Python type and raises no Python exception. The VM
//! builds its object model on [`api`] (also re-exported here); the modules behind it are
//! private, so nothing else of gc's internals is reachable. Design, invariants and protocols:
//! `gc/DESIGN-gc.md`. Only `sync.rs` chooses between std and loom; the loom models live in
//! `loom_tests/` and run with `RUSTFLAGS="--cfg loom"`.
//!
//! Module map: `header` (layout, vtable) · `rc` (every refcount path) · `brc` (merge queues) ·
//! `handle` (`ObjRef`, `Gc<T>`, `ObjSlot`, `StackRef`) · `mutex` · `critical_section` ·
//! `thread` (`ThreadState`, ids, attach/detach, exit) · `registry` (runtime, thread states) ·
//! `stw` · `qsbr` · `heap` (allocation, heap lists) · `collect` (cycle collector).

pub mod api;
mod brc;
mod collect;
mod critical_section;
mod handle;
mod header;
mod heap;
mod mutex;
mod ptrc;
mod qsbr;
mod rc;
mod registry;
mod stw;
mod sync;
mod thread;

#[cfg(all(test, not(loom)))]
mod tests;

#[cfg(all(test, loom))]
mod loom_tests;

pub use api::*;
