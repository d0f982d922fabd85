//! The only file in gc/ that chooses between std/parking_lot_core and loom.
//!
//! Everything else imports atomics, cells, thread-locals, parking and globals from here, so the
//! loom models (`--cfg loom`) check exactly the code we ship (tokio's `src/loom/mod.rs` and
//! crossbeam-epoch's `primitive` module do the same). Sizes shrink under loom so models stay
//! small (crossbeam-epoch's `internal.rs`).
//!
//! Not a general toolbox: only what gc/ itself needs.

#[cfg(not(loom))]
pub(crate) use std::sync::atomic::{
    fence, AtomicBool, AtomicIsize, AtomicPtr, AtomicU16, AtomicU32, AtomicU64, AtomicU8,
    AtomicUsize,
};
#[cfg(not(loom))]
pub(crate) use std::sync::Arc;

#[cfg(loom)]
pub(crate) use loom::sync::atomic::{
    fence, AtomicBool, AtomicIsize, AtomicPtr, AtomicU16, AtomicU32, AtomicU64, AtomicU8,
    AtomicUsize,
};
#[cfg(loom)]
pub(crate) use loom::sync::Arc;

pub(crate) use std::sync::atomic::Ordering;

#[cfg(not(loom))]
pub(crate) use self::cell::UnsafeCell;
#[cfg(loom)]
pub(crate) use loom::cell::UnsafeCell;

/// std's `UnsafeCell` behind loom's `with`/`with_mut` API, so loom can track every access.
#[cfg(not(loom))]
mod cell {
    #[derive(Debug)]
    pub(crate) struct UnsafeCell<T>(std::cell::UnsafeCell<T>);

    impl<T> UnsafeCell<T> {
        pub(crate) const fn new(v: T) -> Self {
            UnsafeCell(std::cell::UnsafeCell::new(v))
        }
        #[inline]
        #[allow(dead_code)] // loom's API; gc only needs `with_mut` so far
        pub(crate) fn with<R>(&self, f: impl FnOnce(*const T) -> R) -> R {
            f(self.0.get())
        }
        #[inline]
        pub(crate) fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
            f(self.0.get())
        }
    }
}

/// Per-thread state, `std::thread_local!` or loom's (reset for each loom thread).
#[cfg(not(loom))]
macro_rules! gc_thread_local {
    ($($t:tt)*) => { std::thread_local!($($t)*); };
}
#[cfg(loom)]
macro_rules! gc_thread_local {
    ($($t:tt)*) => { loom::thread_local!($($t)*); };
}
pub(crate) use gc_thread_local as thread_local;

/// Like [`thread_local`], with `const` initialisers under std (no lazy-init check on access:
/// the owner fast path reads the thread id on every incref/decref). Loom has no `const` form.
#[cfg(not(loom))]
macro_rules! gc_thread_local_const {
    ($(static $name:ident: $t:ty = $init:expr;)*) => {
        std::thread_local! { $(static $name: $t = const { $init };)* }
    };
}
#[cfg(loom)]
macro_rules! gc_thread_local_const {
    ($(static $name:ident: $t:ty = $init:expr;)*) => {
        loom::thread_local! { $(static $name: $t = $init;)* }
    };
}
pub(crate) use gc_thread_local_const as thread_local_const;

/// A process-wide value built on first use. Under loom it is rebuilt for every execution, so
/// each explored interleaving starts from a fresh runtime.
#[cfg(not(loom))]
macro_rules! gc_global {
    ($vis:vis fn $name:ident() -> &$ty:ty = $init:expr;) => {
        $vis fn $name() -> &'static $ty {
            static CELL: std::sync::OnceLock<$ty> = std::sync::OnceLock::new();
            CELL.get_or_init(|| $init)
        }
    };
}
#[cfg(loom)]
macro_rules! gc_global {
    ($vis:vis fn $name:ident() -> &$ty:ty = $init:expr;) => {
        $vis fn $name() -> &'static $ty {
            loom::lazy_static! { static ref CELL: $ty = $init; }
            &CELL
        }
    };
}
pub(crate) use gc_global as global;

/// Gives up the CPU briefly (a spin-wait step). Under loom this is a scheduling point.
#[inline]
pub(crate) fn yield_now() {
    #[cfg(not(loom))]
    std::thread::yield_now();
    #[cfg(loom)]
    loom::thread::yield_now();
}

/// Cheap spin hint for the first rounds of a spin-wait.
#[inline]
pub(crate) fn spin_hint() {
    #[cfg(not(loom))]
    std::hint::spin_loop();
    #[cfg(loom)]
    loom::thread::yield_now();
}

/// Monotonic nanoseconds since the first call. Under loom time does not pass: always 0, which
/// together with [`FAIR_HANDOFF_NS`] = 0 makes every unlock with a waiter a hand-off, so the
/// hand-off path is the one the models explore.
pub(crate) fn now_ns() -> u64 {
    #[cfg(not(loom))]
    {
        static BASE: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        let base = *BASE.get_or_init(std::time::Instant::now);
        u64::try_from(base.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }
    #[cfg(loom)]
    {
        0
    }
}

/// Next never-reused thread id (see `thread::current_id`). A plain std atomic even under loom:
/// ids only need to be unique, and uniqueness across loom executions is harmless.
pub(crate) fn next_thread_id() -> usize {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    // ORDERING: Relaxed: the counter only has to hand out distinct values; nothing is published
    // through it.
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    // 2^63 thread creations would take centuries; stop rather than wrap into a live id.
    assert!(id < usize::MAX / 2, "thread id space exhausted");
    id
}

/// A waiter that has been spinning this many rounds parks. Spinning pays off only when the holder
/// is running on another core; with 2 cores shared by everything, 40 rounds of `spin_loop`
/// (~1 µs) caught most short critical sections in `stress/tests/mutex.rs` without burning a core.
pub(crate) const SPIN_LIMIT: u32 = if cfg!(loom) { 1 } else { 40 };

/// A waiter parked for longer than this gets the lock handed to it on unlock (CPython's
/// `TIME_TO_BE_FAIR_NS` in `Python/lock.c`, 1 ms): bounds starvation without making every
/// contended unlock a convoy.
pub(crate) const FAIR_HANDOFF_NS: u64 = if cfg!(loom) { 0 } else { 1_000_000 };

/// Deferrals per QSBR write-sequence advance (CPython's `QSBR_DEFERRED_LIMIT`, 10). Under loom
/// every deferral advances so the models need no batching.
pub(crate) const QSBR_DEFER_LIMIT: u32 = if cfg!(loom) { 1 } else { 10 };

/// Deferred frees a thread buffers before it tries to process them (CPython: a 4 KB chunk).
pub(crate) const QSBR_BATCH: usize = if cfg!(loom) { 2 } else { 254 };

/// Nested deallocations (a payload's drop freeing the next object, and so on) allowed on the
/// Rust stack before further ones are queued and run iteratively (CPython's trashcan, which
/// uses 50 levels of much larger C frames). 200 levels of `dealloc` + a payload drop stay well
/// under 100 KB of stack.
pub(crate) const DEALLOC_DEPTH_LIMIT: u32 = if cfg!(loom) { 1 } else { 200 };

/// GC allocations a thread counts locally before adding them to the global counter.
pub(crate) const ALLOC_COUNT_FLUSH: i32 = if cfg!(loom) { 1 } else { 512 };

/// Object blocks: mimalloc called directly (the `ladon` binary's global allocator too), or the
/// global allocator under loom. `std::alloc::alloc` goes through the `GlobalAlloc` shim, which
/// always calls `mi_malloc_aligned`; for the usual 8-aligned object layouts `mi_malloc` is the
/// allocator's fast path (about half the instructions per float allocated, callgrind).
pub(crate) mod block {
    use std::alloc::Layout;

    /// # Safety
    /// `layout` has a non-zero size.
    #[inline]
    pub(crate) unsafe fn alloc(layout: Layout) -> *mut u8 {
        #[cfg(not(loom))]
        {
            // Every mimalloc block is at least 8-aligned (its size classes are multiples of 8
            // from page starts that are more aligned than that).
            // SAFETY: plain C allocation calls; a null return is handled by the caller.
            unsafe {
                if layout.align() <= 8 {
                    libmimalloc_sys::mi_malloc(layout.size()).cast::<u8>()
                } else {
                    libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast::<u8>()
                }
            }
        }
        #[cfg(loom)]
        {
            // SAFETY: forwarded contract.
            unsafe { std::alloc::alloc(layout) }
        }
    }

    /// # Safety
    /// `p` came from [`alloc`] with `layout` and is not used afterwards.
    #[inline]
    pub(crate) unsafe fn free(p: *mut u8, layout: Layout) {
        #[cfg(not(loom))]
        {
            let _ = layout;
            // SAFETY: `p` came from mi_malloc / mi_malloc_aligned (forwarded contract).
            unsafe { libmimalloc_sys::mi_free(p.cast()) }
        }
        #[cfg(loom)]
        {
            // SAFETY: forwarded contract.
            unsafe { std::alloc::dealloc(p, layout) }
        }
    }
}

/// Parking: parking_lot_core's global hash table of queues, or a loom Mutex + Condvar queue.
pub(crate) mod park {
    /// How a `park` returned.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) enum Parked {
        /// Woken by an unpark, which passed this token.
        Unparked(usize),
        /// `validate` returned false: nothing was waited for.
        Invalid,
        /// The timeout elapsed.
        TimedOut,
    }

    #[cfg(loom)]
    pub(crate) use self::model::*;
    #[cfg(not(loom))]
    pub(crate) use self::real::*;

    #[cfg(not(loom))]
    mod real {
        use super::Parked;
        use parking_lot_core::{
            FilterOp, ParkResult, ParkToken, UnparkToken, DEFAULT_UNPARK_TOKEN,
        };
        use std::cell::Cell;
        use std::time::{Duration, Instant};

        /// Sleeps on `key` if `validate()` (run under the queue lock) holds, carrying `token`
        /// for `unpark_one`'s decision.
        pub(crate) fn park(
            key: usize,
            validate: impl FnOnce() -> bool,
            token: usize,
            timeout: Option<Duration>,
        ) -> Parked {
            let deadline = timeout.map(|t| Instant::now() + t);
            // SAFETY: `validate` and the no-op callbacks don't call back into the parking lot and
            // don't panic.
            let res = unsafe {
                parking_lot_core::park(key, validate, || {}, |_, _| {}, ParkToken(token), deadline)
            };
            match res {
                ParkResult::Unparked(UnparkToken(t)) => Parked::Unparked(t),
                ParkResult::Invalid => Parked::Invalid,
                ParkResult::TimedOut => Parked::TimedOut,
            }
        }

        /// Wakes the first waiter on `key`. `decide(waiter_token, has_more)` runs under the queue
        /// lock (with `None` if nobody waits) and returns the token the waiter receives.
        pub(crate) fn unpark_one(key: usize, decide: impl FnOnce(Option<usize>, bool) -> usize) {
            let first: Cell<Option<usize>> = Cell::new(None);
            // SAFETY: the filter and the callback only touch locals; they don't re-enter the
            // parking lot or panic.
            unsafe {
                parking_lot_core::unpark_filter(
                    key,
                    |ParkToken(t)| {
                        if first.get().is_none() {
                            first.set(Some(t));
                            FilterOp::Unpark
                        } else {
                            FilterOp::Stop
                        }
                    },
                    |res| UnparkToken(decide(first.get(), res.have_more_threads)),
                );
            }
        }

        /// Wakes every waiter on `key`.
        pub(crate) fn unpark_all(key: usize) {
            // SAFETY: no callbacks.
            unsafe {
                parking_lot_core::unpark_all(key, DEFAULT_UNPARK_TOKEN);
            }
        }
    }

    #[cfg(loom)]
    mod model {
        use super::Parked;
        use loom::sync::{Arc, Condvar, Mutex};
        use std::time::Duration;

        struct Waiter {
            key: usize,
            park_token: usize,
            woken: Mutex<Option<usize>>,
            cv: Condvar,
        }

        loom::lazy_static! {
            static ref QUEUE: Mutex<Vec<Arc<Waiter>>> = Mutex::new(Vec::new());
        }

        pub(crate) fn park(
            key: usize,
            validate: impl FnOnce() -> bool,
            token: usize,
            timeout: Option<Duration>,
        ) -> Parked {
            let mut q = QUEUE.lock().expect("loom park queue poisoned");
            if !validate() {
                return Parked::Invalid;
            }
            if timeout.is_some() {
                // Loom has no clock: a timed park is a yield that "timed out".
                drop(q);
                loom::thread::yield_now();
                return Parked::TimedOut;
            }
            let w = Arc::new(Waiter {
                key,
                park_token: token,
                woken: Mutex::new(None),
                cv: Condvar::new(),
            });
            q.push(w.clone());
            drop(q);
            let mut woken = w.woken.lock().expect("loom waiter poisoned");
            loop {
                if let Some(t) = *woken {
                    return Parked::Unparked(t);
                }
                woken = w.cv.wait(woken).expect("loom waiter poisoned");
            }
        }

        pub(crate) fn unpark_one(key: usize, decide: impl FnOnce(Option<usize>, bool) -> usize) {
            let mut q = QUEUE.lock().expect("loom park queue poisoned");
            let Some(i) = q.iter().position(|w| w.key == key) else {
                decide(None, false);
                return;
            };
            let w = q.remove(i);
            let has_more = q.iter().any(|w| w.key == key);
            let t = decide(Some(w.park_token), has_more);
            *w.woken.lock().expect("loom waiter poisoned") = Some(t);
            w.cv.notify_one();
        }

        pub(crate) fn unpark_all(key: usize) {
            let mut q = QUEUE.lock().expect("loom park queue poisoned");
            let mut i = 0;
            while i < q.len() {
                if q[i].key == key {
                    let w = q.remove(i);
                    *w.woken.lock().expect("loom waiter poisoned") = Some(0);
                    w.cv.notify_one();
                } else {
                    i += 1;
                }
            }
        }
    }
}
