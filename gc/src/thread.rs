//! `ThreadState`: a registered thread's private state, its id, attach/detach, the eval-breaker
//! check, and the thread-exit protocol.
//!
//! # Thread ids
//! A thread's id is a number from a process-wide counter, handed out at registration and never
//! reused (not the TLS address CPython uses). Reuse is the hazard: an object's `owner` field may
//! name a thread long after it exited, and a new thread with the same id would take the owner
//! fast path (plain store to `local`) while another thread, having found the old owner gone, merges
//! the same object (also a plain store to `local`): a lost update. With ids that are never reused
//! a dead owner's id matches nobody, so the single thread that queues such an object merges it
//! alone (DESIGN: thread-id-never-reused). 2^63 registrations would take centuries.
//!
//! A thread that is not registered has id [`NO_OWNER`], which no object names: it always takes
//! the shared path, and objects it allocates are born merged. On exit a thread switches to
//! `NO_OWNER` *before* it drains and closes its merge queue (see `ThreadState::drop`).
//!
//! Entry points: [`ThreadState::register`], [`ThreadState::check_eval_breaker`],
//! [`ThreadState::detached`], [`current_id`].

use crate::critical_section::CsStack;
use crate::heap::HeapList;
use crate::registry::{breaker, runtime, state, ThreadShared};
use crate::sync::{park, Arc, Ordering};
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

/// The id of threads that are not registered: never an object's owner.
pub const NO_OWNER: usize = usize::MAX;

crate::sync::thread_local_const! {
    static CURRENT_ID: Cell<usize> = Cell::new(NO_OWNER);
    static CURRENT: Cell<*const ThreadShared> = Cell::new(std::ptr::null());
}

/// The calling thread's id ([`NO_OWNER`] if it is not registered).
#[inline]
pub fn current_id() -> usize {
    CURRENT_ID.with(|c| c.get())
}

/// Runs `f` with the calling thread's shared state, if it is registered.
pub(crate) fn with_current<R>(f: impl FnOnce(Option<&ThreadShared>) -> R) -> R {
    let p = CURRENT.with(|c| c.get());
    // SAFETY: `CURRENT` is set at registration to the thread's own `ThreadShared`, which its
    // `ThreadState` keeps alive (an `Arc`), and cleared in `ThreadState::drop` before that Arc
    // is released; only this thread reads its own TLS.
    f(unsafe { p.as_ref() })
}

/// Whether the calling thread may touch objects now: it is attached, or it is not registered at
/// all (DESIGN: attached-only). A registered thread that is detached must not: a collection may be
/// computing reference counts. Used by `debug_assert!`s on slow paths.
pub(crate) fn may_touch_objects() -> bool {
    with_current(|t| {
        // ORDERING: Relaxed: only this thread changes its own state from ATTACHED.
        t.is_none_or(|t| t.state.load(Ordering::Relaxed) == state::ATTACHED)
    })
}

/// Why [`ThreadState::register`] failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlreadyRegistered;

impl fmt::Display for AlreadyRegistered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("this thread already has a ThreadState")
    }
}

impl std::error::Error for AlreadyRegistered {}

/// What a [`ThreadState::check_eval_breaker`] left for the VM to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pending(usize);

impl Pending {
    /// Nothing to do.
    pub const NONE: Pending = Pending(0);

    /// The allocation threshold was crossed: the VM should run `collect` with its roots.
    pub fn gc_scheduled(self) -> bool {
        self.0 & breaker::GC_SCHEDULED != 0
    }

    /// The VM's own bits (shifted down by `VM_BITS_SHIFT`), already cleared in the word.
    pub fn vm_bits(self) -> usize {
        self.0 >> breaker::VM_BITS_SHIFT
    }

    /// Whether anything is pending.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// A handle other threads use to poke this thread's eval breaker (signals, async exceptions).
#[derive(Clone)]
pub struct ThreadRemote(Arc<ThreadShared>);

impl ThreadRemote {
    /// Sets VM bit `bit` (0-based, above gc's bits) in the thread's eval breaker.
    pub fn request_vm_bit(&self, bit: u32) {
        debug_assert!(
            bit < usize::BITS - breaker::VM_BITS_SHIFT,
            "vm bit {bit} out of range"
        );
        self.0.request(1 << (bit + breaker::VM_BITS_SHIFT));
    }

    /// The thread's id.
    pub fn id(&self) -> usize {
        self.0.id
    }
}

/// A registered thread. One per OS thread, created by [`ThreadState::register`], not `Send`;
/// dropping it runs the exit protocol. Starts ATTACHED. Leaking one (`mem::forget`) while
/// attached leaves a thread that never reaches a safe point: every later stop-the-world would
/// wait for it forever, so the VM drops it before its OS thread ends.
pub struct ThreadState {
    /// Copy of `shared.id`: the owner fast path compares against it on every incref/decref.
    id: usize,
    /// The runtime, cached: `runtime()` is a lazily initialised global (an acquire load and a
    /// branch); the eval-breaker check reads `rt.qsbr` on every call.
    pub(crate) rt: &'static crate::registry::Runtime,
    pub(crate) shared: Arc<ThreadShared>,
    pub(crate) heap: Arc<HeapList>,
    // The thread-private mutable state is boxed so that `ThreadState` itself holds no
    // `UnsafeCell` (it is `Freeze`): a `ts: &ThreadState` parameter is then `noalias readonly`
    // to LLVM, which keeps `ts.id` in a register across the header stores of `clone_in` /
    // `drop_in` instead of reloading it for every owner compare.
    pub(crate) cs: Box<CsStack>,
    pub(crate) qsbr: Box<crate::qsbr::QsbrLocal>,
    attached: Box<Cell<bool>>,
    /// True while this thread has the world stopped (critical sections skip locking).
    pub(crate) stopping: Box<Cell<bool>>,
    _not_send: PhantomData<*const ()>,
}

impl fmt::Debug for ThreadState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ThreadState")
            .field("id", &self.shared.id)
            .finish_non_exhaustive()
    }
}

impl ThreadState {
    /// Registers the calling thread with the runtime and attaches it.
    pub fn register() -> Result<ThreadState, AlreadyRegistered> {
        if !CURRENT.with(|c| c.get()).is_null() {
            return Err(AlreadyRegistered);
        }
        let rt = runtime();
        let id = crate::sync::next_thread_id();
        let shared = rt.registry.add(id, &rt.stw);
        let heap = rt.heap.new_list();
        CURRENT.with(|c| c.set(Arc::as_ptr(&shared)));
        let ts = ThreadState {
            id,
            rt,
            shared,
            heap,
            cs: Box::new(CsStack::new()),
            qsbr: Box::new(crate::qsbr::QsbrLocal::new()),
            attached: Box::new(Cell::new(false)),
            stopping: Box::new(Cell::new(false)),
            _not_send: PhantomData,
        };
        ts.attach();
        // Only now may objects name us: we are attached and findable for merges.
        CURRENT_ID.with(|c| c.set(id));
        Ok(ts)
    }

    /// This thread's id (the value objects it owns carry in `owner`).
    #[inline]
    pub fn id(&self) -> usize {
        self.id
    }

    /// A handle for other threads to set this thread's eval-breaker bits.
    pub fn remote(&self) -> ThreadRemote {
        ThreadRemote(self.shared.clone())
    }

    /// Whether the thread is attached (may touch objects).
    #[inline]
    pub fn is_attached(&self) -> bool {
        self.attached.get()
    }

    /// The eval-breaker check: call at backward jumps, calls and returns. Reports a QSBR
    /// quiescent state, and if any bit is set handles stop requests, merge queues and deferred
    /// frees; returns what is left for the VM.
    #[inline]
    pub fn check_eval_breaker(&self) -> Pending {
        debug_assert!(self.is_attached(), "eval-breaker check while detached");
        crate::qsbr::quiescent(self);
        // ORDERING: Relaxed: only decides whether to take the slow path, whose swap acquires.
        if self.shared.breaker.load(Ordering::Relaxed) == 0 {
            return Pending::NONE;
        }
        self.handle_breaker()
    }

    #[cold]
    fn handle_breaker(&self) -> Pending {
        // Clear everything except QSBR (kept while deferrals remain) in one RMW.
        // ORDERING: Acquire pairs with the Release `fetch_or` in `ThreadShared::request`.
        let bits = self
            .shared
            .breaker
            .fetch_and(breaker::QSBR, Ordering::Acquire);
        if bits & breaker::STOP != 0 && runtime().stw.requested() {
            self.suspend_for_stw();
        }
        if bits & breaker::MERGE != 0 {
            crate::brc::merge_pending(self);
        }
        if bits & breaker::QSBR != 0 {
            crate::qsbr::process_local(self, false);
        }
        Pending(bits & (breaker::GC_SCHEDULED | !breaker::GC_OWNED))
    }

    /// Answers a stop-the-world request: park SUSPENDED until the world restarts.
    fn suspend_for_stw(&self) {
        self.detach_to(state::SUSPENDED);
        park::unpark_all(runtime().stw.key());
        self.attach();
    }

    /// Detaches: suspends this thread's critical sections, goes QSBR-offline, becomes DETACHED.
    /// While detached the thread must not touch objects; stop-the-world doesn't wait for it.
    pub fn detach(&self) {
        self.detach_to(state::DETACHED);
    }

    fn detach_to(&self, to: u8) {
        assert!(self.attached.get(), "detach of a detached thread");
        self.cs.suspend_all();
        crate::qsbr::offline(self);
        self.attached.set(false);
        // ORDERING: Release pairs with the stop-the-world requester's Acquire load/CAS of
        // `state`: our object writes happen-before its pause.
        self.shared.state.store(to, Ordering::Release);
    }

    /// Re-attaches after [`detach`](Self::detach); blocks while the world is stopped, then
    /// resumes the top-most critical section.
    pub fn attach(&self) {
        assert!(!self.attached.get(), "attach of an attached thread");
        let st = &self.shared.state;
        loop {
            // ORDERING: Acquire pairs with the requester's Release store of DETACHED when it
            // restarts the world: its pause writes happen-before our next object access.
            match st.compare_exchange(
                state::DETACHED,
                state::ATTACHED,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => break,
                Err(state::SUSPENDED) => {
                    park::park(
                        self.shared.state_key(),
                        // ORDERING: Relaxed: under the parking lot's queue lock, as is the
                        // requester's unpark after its store; the lock orders them.
                        || st.load(Ordering::Relaxed) == state::SUSPENDED,
                        0,
                        None,
                    );
                }
                Err(other) => panic!("attach from unexpected thread state {other}"),
            }
        }
        self.attached.set(true);
        crate::qsbr::online(self);
        self.cs.resume_top(self);
    }

    /// Runs `f` detached (a blocking call: I/O, sleep, join, a lock wait), re-attaching after.
    /// `f` must not touch objects.
    pub fn detached<R>(&self, f: impl FnOnce() -> R) -> R {
        self.detach();
        struct Reattach<'a>(&'a ThreadState);
        impl Drop for Reattach<'_> {
            fn drop(&mut self) {
                self.0.attach();
            }
        }
        let _re = Reattach(self);
        f()
    }
}

impl Drop for ThreadState {
    /// The exit protocol (DESIGN: thread-exit), in this order:
    /// 1. stop being an owner: `current_id()` becomes `NO_OWNER`, so this thread's own later
    ///    decrefs take the shared path (and may queue to the old id, drained next);
    /// 2. drain the merge queue and close it under its lock; from then on non-owners that
    ///    would queue to us find the queue closed and merge the object themselves;
    /// 3. hand deferred frees to the runtime's orphan queue;
    /// 4. abandon the heap list (the collector still walks it);
    /// 5. detach, then leave the registry.
    fn drop(&mut self) {
        if !self.attached.get() {
            self.attach();
        }
        // Leave all critical sections: the closures that entered them are gone.
        debug_assert!(
            self.cs.is_empty(),
            "thread exiting inside a critical section"
        );
        // Per-thread counts of deferred objects back into the objects (ptrc.rs), while the
        // collector can't run (we are attached).
        crate::ptrc::flush_and_close(&self.shared);
        CURRENT_ID.with(|c| c.set(NO_OWNER));
        crate::brc::drain_and_close(self);
        crate::qsbr::abandon(self);
        runtime().heap.abandon_list(&self.heap);
        self.detach();
        runtime().registry.remove(self.shared.id);
        CURRENT.with(|c| c.set(std::ptr::null()));
    }
}
