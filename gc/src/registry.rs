//! The runtime's thread registry: the part of each thread's state other threads may touch
//! (`ThreadShared`), and the process-wide `Runtime` that lists them.
//!
//! Not the thread-private part (`thread.rs`) nor stop-the-world (`stw.rs`). There is one
//! runtime per process (`runtime()`); under loom one per explored execution.

use crate::brc::BrcQueue;
use crate::collect::GcGlobal;
use crate::heap::HeapGlobal;
use crate::mutex::LeafMutex;
use crate::qsbr::{Deferred, QsbrGlobal};
use crate::stw::Stw;
use crate::sync::{self, Arc, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use crossbeam_utils::CachePadded;
use std::collections::VecDeque;

/// Thread states, changed by CAS (DESIGN: thread-states).
///
/// | from      | to        | by                                                     |
/// |-----------|-----------|--------------------------------------------------------|
/// | DETACHED  | ATTACHED  | the thread itself (`attach`), CAS                      |
/// | ATTACHED  | DETACHED  | the thread itself (`detach`), store                    |
/// | ATTACHED  | SUSPENDED | the thread itself, answering a stop request, store     |
/// | DETACHED  | SUSPENDED | the stop-the-world requester, CAS                      |
/// | SUSPENDED | DETACHED  | the requester restarting the world, store + unpark     |
/// | DETACHED  | SUSPENDED | an attached thread merging its queue for it (brc), CAS |
/// | SUSPENDED | DETACHED  | that thread, after the merge, store + unpark           |
///
/// Only an ATTACHED thread may touch objects, refcounts or QSBR-protected memory.
pub(crate) mod state {
    pub(crate) const DETACHED: u8 = 0;
    pub(crate) const ATTACHED: u8 = 1;
    pub(crate) const SUSPENDED: u8 = 2;
}

/// Eval-breaker bits. gc owns the low byte; the VM's own requests (signals, async exceptions,
/// pending calls) use bits from [`VM_BITS_SHIFT`](breaker::VM_BITS_SHIFT) up.
pub mod breaker {
    /// A stop-the-world is requested: suspend at this check.
    pub const STOP: usize = 1 << 0;
    /// Objects were queued for this thread to merge (biased RC).
    pub const MERGE: usize = 1 << 1;
    /// Enough GC objects were allocated: the VM should call `collect`.
    pub const GC_SCHEDULED: usize = 1 << 2;
    /// This thread has QSBR-deferred frees to try.
    pub const QSBR: usize = 1 << 3;
    /// First bit the VM may use.
    pub const VM_BITS_SHIFT: u32 = 8;
    pub(crate) const GC_OWNED: usize = (1 << VM_BITS_SHIFT) - 1;
}

/// The part of a thread's state that other threads read and write.
///
/// | field      | written by                               | how                     | read by            |
/// |------------|------------------------------------------|-------------------------|--------------------|
/// | `id`       | construction                             | immutable               | anyone             |
/// | `state`    | see [`state`]                            | CAS / store             | anyone             |
/// | `breaker`  | anyone (set bits); the thread (clear)    | RMW                     | the thread         |
/// | `qsbr_seq` | the thread                               | store                   | QSBR pollers       |
/// | `brc`      | non-owners push; the thread drains       | under its leaf lock     |                    |
/// | `deferred` | the thread; the collector in a pause     | under its leaf lock     |                    |
/// | `ptrc`     | the thread; the collector in a pause     | plain (ptrc.rs)         |                    |
pub(crate) struct ThreadShared {
    pub(crate) id: usize,
    pub(crate) state: AtomicU8,
    pub(crate) breaker: AtomicUsize,
    pub(crate) qsbr_seq: CachePadded<AtomicU64>,
    pub(crate) brc: LeafMutex<BrcQueue>,
    pub(crate) deferred: LeafMutex<VecDeque<Deferred>>,
    pub(crate) ptrc: crate::ptrc::PtrcLocal,
}

impl ThreadShared {
    fn new(id: usize, st: u8) -> Self {
        ThreadShared {
            id,
            state: AtomicU8::new(st),
            breaker: AtomicUsize::new(0),
            qsbr_seq: CachePadded::new(AtomicU64::new(crate::qsbr::OFFLINE)),
            brc: LeafMutex::new(BrcQueue::default()),
            deferred: LeafMutex::new(VecDeque::new()),
            ptrc: crate::ptrc::PtrcLocal::new(),
        }
    }

    /// Sets eval-breaker bits; the thread sees them at its next check.
    pub(crate) fn request(&self, bits: usize) {
        // ORDERING: Release pairs with the Acquire swap in `ThreadState::handle_breaker`, so
        // whatever the requester prepared (a queued object, a stop flag) is visible when the
        // thread acts on the bit.
        self.breaker.fetch_or(bits, Ordering::Release);
    }

    pub(crate) fn state_key(&self) -> usize {
        &self.state as *const AtomicU8 as usize
    }
}

/// Every registered thread (CPython's `HEAD_LOCK`-protected list).
pub(crate) struct Registry {
    threads: LeafMutex<Vec<Arc<ThreadShared>>>,
}

impl Registry {
    fn new() -> Self {
        Registry {
            threads: LeafMutex::new(Vec::new()),
        }
    }

    /// Adds a thread. Created SUSPENDED if a stop-the-world is in progress (so it can't slip in
    /// attached during a pause), else DETACHED; the caller attaches next.
    pub(crate) fn add(&self, id: usize, stw: &Stw) -> Arc<ThreadShared> {
        self.threads.with(|v| {
            let st = if stw.requested() {
                state::SUSPENDED
            } else {
                state::DETACHED
            };
            let t = Arc::new(ThreadShared::new(id, st));
            v.push(t.clone());
            t
        })
    }

    pub(crate) fn remove(&self, id: usize) {
        self.threads.with(|v| v.retain(|t| t.id != id));
    }

    /// The live thread with this id, if it is registered.
    pub(crate) fn find(&self, id: usize) -> Option<Arc<ThreadShared>> {
        self.threads
            .with(|v| v.iter().find(|t| t.id == id).cloned())
    }

    /// Runs `f` with the thread list locked (registration waits).
    pub(crate) fn with_threads<R>(&self, f: impl FnOnce(&[Arc<ThreadShared>]) -> R) -> R {
        self.threads.with(|v| f(v))
    }

    pub(crate) fn snapshot(&self) -> Vec<Arc<ThreadShared>> {
        self.threads.with(|v| v.clone())
    }
}

/// Process-wide state shared by all threads.
pub(crate) struct Runtime {
    pub(crate) registry: Registry,
    pub(crate) stw: Stw,
    pub(crate) qsbr: QsbrGlobal,
    pub(crate) heap: HeapGlobal,
    pub(crate) gc: GcGlobal,
    pub(crate) ptrc: crate::ptrc::PtrcGlobal,
}

sync::global! {
    pub(crate) fn runtime() -> &Runtime = Runtime {
        registry: Registry::new(),
        stw: Stw::new(),
        qsbr: QsbrGlobal::new(),
        heap: HeapGlobal::new(),
        gc: GcGlobal::new(),
        ptrc: crate::ptrc::PtrcGlobal::new(),
    };
}
