//! Stop-the-world: park every other registered thread at a safe point, run something alone,
//! restart them (CPython's `_PyEval_StopTheWorld`, `Python/pystate.c`).
//!
//! Protocol (DESIGN: stw):
//! 1. The requester takes the STW lock *detaching* (two requesters can't deadlock waiting for each
//!    other to park), then sets `requested`.
//! 2. Under the registry lock it CASes every DETACHED thread to SUSPENDED (it will block in
//!    `attach`) and sets STOP in every ATTACHED thread's eval breaker. It repeats, sleeping up to
//!    1 ms between rounds (woken early by each thread that suspends), until every other thread is
//!    SUSPENDED. The requester stays attached throughout (CPython gh-118332).
//! 3. An attached thread that sees STOP at its next check detaches to SUSPENDED (suspending its
//!    critical sections), wakes the requester and blocks in `attach`.
//! 4. Threads that register during the pause start SUSPENDED.
//! 5. Restart: under the registry lock, every SUSPENDED thread is set DETACHED and unparked; then
//!    the STW lock is released.
//!
//! Inside a pause: no header mutex or other non-leaf lock may be taken (a fair hand-off may have
//! given it to a suspended thread), no destructor or Python code runs, and no thread is touching
//! objects, so refcount fields may be read with plain loads.
//!
//! Entry point: [`stop_the_world`].

use crate::mutex::RawMutex;
use crate::registry::{breaker, runtime, state};
use crate::sync::{park, AtomicBool, Ordering};
use crate::thread::ThreadState;
use std::time::Duration;

/// Stop-the-world state in the runtime.
///
/// | field       | written by                     | read by                               |
/// |-------------|--------------------------------|---------------------------------------|
/// | `lock`      | requesters                     |                                       |
/// | `requested` | the requester (holding `lock`) | threads at eval-breaker checks; registration |
///
/// Whether *this* thread has the world stopped is `ThreadState::stopping` (thread-private).
pub(crate) struct Stw {
    lock: RawMutex,
    requested: AtomicBool,
}

impl Stw {
    pub(crate) fn new() -> Self {
        Stw {
            lock: RawMutex::new(),
            requested: AtomicBool::new(false),
        }
    }

    pub(crate) fn requested(&self) -> bool {
        // ORDERING: Acquire pairs with the SeqCst store in `stop_the_world`; a stale `false` only
        // delays the stop to the next check, a stale `true` is re-checked under the registry lock.
        self.requested.load(Ordering::Acquire)
    }

    pub(crate) fn key(&self) -> usize {
        &self.requested as *const AtomicBool as usize
    }
}

/// Proof that the world is stopped; restarts it on drop.
pub struct WorldStopped<'a> {
    ts: &'a ThreadState,
}

impl std::fmt::Debug for WorldStopped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorldStopped")
            .field("by", &self.ts.id())
            .finish()
    }
}

/// Stops every other registered thread at a safe point. The caller must be attached and must
/// not hold any critical section whose object another thread could be waiting on in a way that
/// blocks it attached (leaf locks only; DESIGN: leaf-locks).
pub fn stop_the_world(ts: &ThreadState) -> WorldStopped<'_> {
    assert!(ts.is_attached(), "stop_the_world from a detached thread");
    let rt = runtime();
    rt.stw.lock.lock_detaching(ts);
    // ORDERING: SeqCst: the flag must be visible to a thread that attaches and then checks its
    // breaker (Acquire in `requested`); also read under the registry lock at registration.
    rt.stw.requested.store(true, Ordering::SeqCst);
    let me = ts.id();
    loop {
        let all_stopped = rt.registry.with_threads(|threads| {
            let mut all = true;
            for t in threads.iter().filter(|t| t.id != me) {
                // ORDERING: Acquire pairs with the thread's Release store in `detach_to`: its
                // object writes happen-before the pause.
                match t.state.load(Ordering::Acquire) {
                    state::SUSPENDED => {}
                    state::DETACHED => {
                        // ORDERING: Acquire, as above.
                        if t.state
                            .compare_exchange(
                                state::DETACHED,
                                state::SUSPENDED,
                                Ordering::Acquire,
                                Ordering::Relaxed,
                            )
                            .is_err()
                        {
                            all = false;
                        }
                    }
                    _ => {
                        t.request(breaker::STOP);
                        all = false;
                    }
                }
            }
            all
        });
        if all_stopped {
            break;
        }
        // Woken early by each thread that suspends itself; the timeout covers wake-ups that raced
        // with our scan.
        park::park(rt.stw.key(), || true, 0, Some(Duration::from_millis(1)));
    }
    ts.stopping.set(true);
    WorldStopped { ts }
}

impl WorldStopped<'_> {
    /// The thread that stopped the world.
    pub fn thread(&self) -> &ThreadState {
        self.ts
    }
}

impl Drop for WorldStopped<'_> {
    fn drop(&mut self) {
        let rt = runtime();
        self.ts.stopping.set(false);
        let me = self.ts.id();
        rt.registry.with_threads(|threads| {
            // ORDERING: SeqCst, pairs with the loads in `requested`.
            rt.stw.requested.store(false, Ordering::SeqCst);
            for t in threads.iter().filter(|t| t.id != me) {
                // ORDERING: Relaxed: all others are SUSPENDED and only we change them now.
                if t.state.load(Ordering::Relaxed) == state::SUSPENDED {
                    // ORDERING: Release pairs with the Acquire CAS in `attach`: the pause's writes
                    // happen-before the thread touches objects again.
                    t.state.store(state::DETACHED, Ordering::Release);
                    park::unpark_all(t.state_key());
                }
            }
        });
        // SAFETY: `stop_the_world` took the lock on this thread and this guard is its only release.
        unsafe { rt.stw.lock.unlock() };
    }
}
