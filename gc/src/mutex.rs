//! The 1-byte mutex in every object header, and `LeafMutex<T>`, a data-carrying lock built on it.
//!
//! The design is WebKit's `WTF::Lock` as CPython's `PyMutex` uses it (`Python/lock.c`): two bits
//! in one byte, a CAS fast path, a short spin, then parking in a global parking lot keyed by the
//! byte's address (parking_lot_core, or a loom model of it). A waiter parked for more than
//! `FAIR_HANDOFF_NS` (1 ms) is handed the lock directly on unlock, so barging can't starve it.
//!
//! Not a critical section: `critical_section.rs` builds those on top of [`RawMutex`]. Entry
//! points: [`RawMutex::lock`] (leaf lock: never detaches), [`RawMutex::lock_detaching`] (detaches
//! the thread while parked, so stop-the-world and other threads' critical sections proceed),
//! [`RawMutex::unlock`], `LeafMutex`.

use crate::sync::park::{self, Parked};
use crate::sync::{
    now_ns, spin_hint, yield_now, AtomicU8, Ordering, UnsafeCell, FAIR_HANDOFF_NS, SPIN_LIMIT,
};
use crate::thread::ThreadState;

/// A 1-byte lock.
///
/// | state  | bits | meaning                                                         |
/// |--------|------|-----------------------------------------------------------------|
/// | free   | 00   | anyone may take it with one CAS                                 |
/// | locked | 01   | held; nobody parked                                             |
/// | parked | 10   | free, but waiters are parked: the next unlock must wake one     |
/// | both   | 11   | held, and waiters are parked                                    |
///
/// Whoever holds the lock may clear LOCKED; only the unlock slow path (under the parking lot's
/// queue lock) clears PARKED, and only a waiter sets it (by CAS, before it parks). On a hand-off
/// the unlocker leaves LOCKED set and the woken waiter owns the lock.
///
/// Zero-initialised = unlocked. Must not move while locked or waited on (the address is the
/// parking key), which holds for a header field.
#[repr(transparent)]
#[derive(Debug)]
pub struct RawMutex {
    state: AtomicU8,
}

const LOCKED: u8 = 0b01;
const PARKED: u8 = 0b10;
/// Unpark token telling the woken waiter that it now owns the lock.
const TOKEN_HANDOFF: usize = 1;
const TOKEN_RETRY: usize = 0;

impl Default for RawMutex {
    fn default() -> Self {
        Self::new()
    }
}

impl RawMutex {
    /// An unlocked mutex.
    pub fn new() -> Self {
        RawMutex {
            state: AtomicU8::new(0),
        }
    }

    /// Takes the lock if it is free right now.
    #[inline]
    pub fn try_lock(&self) -> bool {
        // ORDERING: Relaxed: only a first guess for the CAS, which acquires.
        let mut v = self.state.load(Ordering::Relaxed);
        while v & LOCKED == 0 {
            // ORDERING: Acquire pairs with the Release in `unlock`, so the previous holder's
            // writes happen-before ours.
            match self.state.compare_exchange_weak(
                v,
                v | LOCKED,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => return true,
                Err(x) => v = x,
            }
        }
        false
    }

    /// Takes the lock as a leaf lock: the thread stays attached while it waits. Only for locks
    /// never held across anything that blocks, runs Python code or takes another lock (DESIGN:
    /// leaf-locks).
    #[inline]
    pub fn lock(&self) {
        // ORDERING: Acquire pairs with the Release in `unlock`.
        if self
            .state
            .compare_exchange(0, LOCKED, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            self.lock_slow(None, None);
        }
    }

    /// Takes the lock; if it has to park, detaches `ts` first (suspending its critical sections
    /// and letting stop-the-world proceed) and re-attaches after.
    #[inline]
    pub fn lock_detaching(&self, ts: &ThreadState) {
        // ORDERING: Acquire pairs with the Release in `unlock`.
        if self
            .state
            .compare_exchange(0, LOCKED, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            self.lock_slow(Some(ts), None);
        }
    }

    /// Whether somebody holds the lock (a snapshot).
    pub fn is_locked(&self) -> bool {
        // ORDERING: Relaxed: a snapshot for assertions and heuristics.
        self.state.load(Ordering::Relaxed) & LOCKED != 0
    }

    /// Takes the lock, waiting at most `timeout` (None: forever); detaches `ts` while parked,
    /// as [`lock_detaching`](Self::lock_detaching). Returns whether it got the lock. A zero
    /// timeout is a [`try_lock`](Self::try_lock).
    pub fn lock_timed(&self, ts: &ThreadState, timeout: Option<std::time::Duration>) -> bool {
        if self.try_lock() {
            return true;
        }
        if timeout.is_some_and(|t| t.is_zero()) {
            return false;
        }
        self.lock_slow(Some(ts), timeout)
    }

    /// Returns whether the lock was taken: always true without a timeout.
    #[cold]
    fn lock_slow(&self, ts: Option<&ThreadState>, timeout: Option<std::time::Duration>) -> bool {
        // The deadline in `now_ns` time; under loom time stands still, and a timed park
        // returns TimedOut at once (one "timed out" wait is explored).
        let deadline = timeout
            .map(|t| now_ns().saturating_add(u64::try_from(t.as_nanos()).unwrap_or(u64::MAX)));
        let mut spins = 0u32;
        let mut parked_since: Option<u64> = None;
        // ORDERING: Relaxed: only a hint for the CAS below, which acquires.
        let mut v = self.state.load(Ordering::Relaxed);
        loop {
            if v & LOCKED == 0 {
                // Barging is allowed: a running thread taking a free lock beats waking a parked
                // one; the 1 ms hand-off bounds how long a parked waiter can lose.
                // ORDERING: Acquire pairs with the Release in `unlock`.
                match self.state.compare_exchange_weak(
                    v,
                    v | LOCKED,
                    Ordering::Acquire,
                    Ordering::Relaxed,
                ) {
                    Ok(_) => return true,
                    Err(x) => {
                        v = x;
                        continue;
                    }
                }
            }
            if v & PARKED == 0 && spins < SPIN_LIMIT {
                spins += 1;
                if spins & 7 == 0 {
                    yield_now();
                } else {
                    spin_hint();
                }
                // ORDERING: Relaxed: a hint, as above.
                v = self.state.load(Ordering::Relaxed);
                continue;
            }
            if v & PARKED == 0 {
                // ORDERING: Relaxed: PARKED carries no data; the park's validate re-reads the byte
                // under the queue lock, which orders it against the unlocker's slow path.
                if let Err(x) = self.state.compare_exchange_weak(
                    v,
                    v | PARKED,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                ) {
                    v = x;
                    continue;
                }
            }
            let since = *parked_since.get_or_insert_with(now_ns);
            let detached = match ts {
                Some(ts) if ts.is_attached() => {
                    ts.detach();
                    true
                }
                _ => false,
            };
            let wait =
                deadline.map(|d| std::time::Duration::from_nanos(d.saturating_sub(now_ns())));
            let res = park::park(
                self.key(),
                // ORDERING: Relaxed: runs under the parking lot's queue lock, as does the
                // unlocker's store in `unlock_slow`; the lock orders them.
                || self.state.load(Ordering::Relaxed) == LOCKED | PARKED,
                usize::try_from(since).unwrap_or(usize::MAX),
                wait,
            );
            if detached {
                if let Some(ts) = ts {
                    ts.attach();
                }
            }
            if res == Parked::Unparked(TOKEN_HANDOFF) {
                // The unlocker kept LOCKED set for us; its Release store and our wake-up are
                // ordered by the queue lock, so its writes are visible.
                return true;
            }
            if res == Parked::TimedOut {
                // Out of the queue now, so no unlocker can hand the lock to us any more. A
                // PARKED bit we leave behind with nobody parked costs the next unlock one visit
                // to the empty queue, which clears it. One last try, as CPython's timed lock.
                return self.try_lock();
            }
            spins = 0;
            // ORDERING: Relaxed: a hint, as above.
            v = self.state.load(Ordering::Relaxed);
        }
    }

    /// Releases the lock.
    ///
    /// # Safety
    /// The calling thread holds the lock (took it, or was handed it by a fair hand-off).
    #[inline]
    pub unsafe fn unlock(&self) {
        // ORDERING: Release pairs with the Acquire in `lock`/`try_lock`: our writes under the lock
        // happen-before the next holder's.
        if self
            .state
            .compare_exchange(LOCKED, 0, Ordering::Release, Ordering::Relaxed)
            .is_err()
        {
            self.unlock_slow();
        }
    }

    #[cold]
    fn unlock_slow(&self) {
        park::unpark_one(self.key(), |waiter, has_more| {
            let more = if has_more { PARKED } else { 0 };
            let handoff = waiter
                .is_some_and(|since| now_ns().saturating_sub(since as u64) >= FAIR_HANDOFF_NS);
            if handoff {
                // ORDERING: Release: the waiter owns the lock from here; our writes under the lock
                // reach it through this store and through the queue lock.
                self.state.store(LOCKED | more, Ordering::Release);
                TOKEN_HANDOFF
            } else {
                // ORDERING: Release pairs with the Acquire CAS of whoever takes the lock next.
                self.state.store(more, Ordering::Release);
                TOKEN_RETRY
            }
        });
    }

    fn key(&self) -> usize {
        &self.state as *const AtomicU8 as usize
    }
}

/// A lock that guards no Rust data, so any thread may release it: Python's `_thread.lock`
/// (`threading.Lock`), whose `release` may come from another thread than `acquire`. The
/// [`RawMutex`] protocol (spin, park, 1 ms fair hand-off) with a checked release. Two threads
/// racing to release the same lock once is a Python-level bug whose outcome (a lock briefly
/// held twice) touches no Rust memory.
#[derive(Debug, Default)]
pub struct ParkingLock {
    raw: RawMutex,
}

impl ParkingLock {
    /// An unlocked lock.
    pub fn new() -> Self {
        ParkingLock {
            raw: RawMutex::new(),
        }
    }

    /// Takes the lock if it is free right now.
    #[inline]
    pub fn try_acquire(&self) -> bool {
        self.raw.try_lock()
    }

    /// Takes the lock, waiting at most `timeout` (None: forever), detached while parked.
    #[inline]
    pub fn acquire(&self, ts: &ThreadState, timeout: Option<std::time::Duration>) -> bool {
        self.raw.lock_timed(ts, timeout)
    }

    /// Releases the lock; false if it was not locked.
    #[inline]
    pub fn release(&self) -> bool {
        // ORDERING: Relaxed: a first guess for the CAS below.
        let mut v = self.raw.state.load(Ordering::Relaxed);
        loop {
            if v & LOCKED == 0 {
                return false;
            }
            if v & PARKED != 0 {
                self.raw.unlock_slow();
                return true;
            }
            // ORDERING: Release, as in `RawMutex::unlock`.
            match self
                .raw
                .state
                .compare_exchange_weak(v, 0, Ordering::Release, Ordering::Relaxed)
            {
                Ok(_) => return true,
                Err(x) => v = x,
            }
        }
    }

    /// Whether somebody holds the lock (a snapshot).
    pub fn is_locked(&self) -> bool {
        self.raw.is_locked()
    }

    /// Forgets the state (after `fork()` in the child: CPython's `_at_fork_reinit`).
    pub fn reinit(&self) {
        // ORDERING: Relaxed: only the one thread of a forked child runs.
        self.raw.state.store(0, Ordering::Relaxed);
    }
}

/// A leaf lock that owns its data: for gc's own short internal critical sections (registry,
/// merge queues, deferred-free queues, heap lists). Never held across blocking, Python code,
/// a stop-the-world request or another lock that is not a leaf (DESIGN: leaf-locks).
pub(crate) struct LeafMutex<T> {
    raw: RawMutex,
    data: UnsafeCell<T>,
}

// SAFETY: the data is only reached through a guard, which exists only while `raw` is held, so at
// most one thread touches it at a time; `T: Send` lets it move between those threads.
unsafe impl<T: Send> Sync for LeafMutex<T> {}
// SAFETY: as above, moving the lock moves `T`.
unsafe impl<T: Send> Send for LeafMutex<T> {}

impl<T> LeafMutex<T> {
    pub(crate) fn new(v: T) -> Self {
        LeafMutex {
            raw: RawMutex::new(),
            data: UnsafeCell::new(v),
        }
    }

    /// Runs `f` with the lock held.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> R {
        self.raw.lock();
        let _unlock = Unlock(&self.raw);
        // SAFETY: we hold `raw`, so nobody else is inside `with`/`try_with`; the `&mut` dies with
        // the closure, before `_unlock` releases the lock.
        self.data.with_mut(|p| f(unsafe { &mut *p }))
    }

    /// Runs `f` with the lock held if it is free right now.
    pub(crate) fn try_with<R>(&self, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        if !self.raw.try_lock() {
            return None;
        }
        let _unlock = Unlock(&self.raw);
        // SAFETY: as in `with`.
        Some(self.data.with_mut(|p| f(unsafe { &mut *p })))
    }
}

/// Unlocks on drop, so a panicking closure doesn't leave the lock held forever.
struct Unlock<'a>(&'a RawMutex);

impl Drop for Unlock<'_> {
    fn drop(&mut self) {
        // SAFETY: built only right after taking the lock, by the thread that took it.
        unsafe { self.0.unlock() }
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn lock_unlock_try_lock() {
        let m = RawMutex::new();
        assert!(m.try_lock());
        assert!(!m.try_lock());
        assert!(m.is_locked());
        // SAFETY: we hold it.
        unsafe { m.unlock() };
        m.lock();
        // SAFETY: we hold it.
        unsafe { m.unlock() };
        assert!(!m.is_locked());
    }

    #[test]
    fn leaf_mutex_counts_exactly() {
        let m = Arc::new(LeafMutex::new(0u64));
        let hs: Vec<_> = (0..4)
            .map(|_| {
                let m = m.clone();
                std::thread::spawn(move || {
                    for _ in 0..10_000 {
                        m.with(|v| *v += 1);
                    }
                })
            })
            .collect();
        for h in hs {
            h.join().expect("worker panicked");
        }
        assert_eq!(m.with(|v| *v), 40_000);
    }
}
