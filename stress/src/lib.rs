//! Concurrency stress tests for Ladon's gc primitives (`tests/*.rs`) and shared helpers.
//!
//! Each test runs for `LADON_STRESS_SECS` seconds (default 2, so `cargo test` stays quick;
//! acceptance runs use 60) and ends with exact assertions: no leaked object, no double free,
//! exact counters, no deadlock (the test finishes).

use gc::{ThreadState, Trace, Tracer};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::SeqCst};
use std::time::{Duration, Instant};

/// How long each stress test runs.
pub fn duration() -> Duration {
    let secs = std::env::var("LADON_STRESS_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(2.0);
    Duration::from_secs_f64(secs.max(0.01))
}

/// How many worker threads a test starts: `LADON_STRESS_THREADS` if set (acceptance runs use 2
/// and 8), else the test's own `default`.
pub fn threads(default: usize) -> usize {
    std::env::var("LADON_STRESS_THREADS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

/// A deadline `duration()` from now.
pub fn deadline() -> Instant {
    Instant::now() + duration()
}

/// Counts live objects of one test; each `Tracked` payload registers here.
#[derive(Default)]
pub struct Census {
    pub live: AtomicUsize,
    pub allocated: AtomicUsize,
    pub freed: AtomicUsize,
}

impl Census {
    pub const fn new() -> Self {
        Census {
            live: AtomicUsize::new(0),
            allocated: AtomicUsize::new(0),
            freed: AtomicUsize::new(0),
        }
    }
}

const ALIVE: u64 = 0xA11CE_A11CE;
const DEAD: u64 = 0xDEAD_DEAD_DEAD;

/// A payload that checks it is dropped exactly once and never used after.
pub struct Tracked {
    magic: AtomicU64,
    census: &'static Census,
    pub value: u64,
}

impl Tracked {
    pub fn new(census: &'static Census, value: u64) -> Tracked {
        census.live.fetch_add(1, SeqCst);
        census.allocated.fetch_add(1, SeqCst);
        Tracked {
            magic: AtomicU64::new(ALIVE),
            census,
            value,
        }
    }

    /// Panics if the object was already dropped (a use after free that happened to survive).
    pub fn check(&self) {
        let m = self.magic.load(SeqCst);
        assert_eq!(m, ALIVE, "use of a dropped object (magic {m:#x})");
    }
}

impl Trace for Tracked {
    const IS_GC: bool = false;
    fn trace(&self, _: &mut Tracer<'_>) {}
}

impl Drop for Tracked {
    fn drop(&mut self) {
        let m = self.magic.swap(DEAD, SeqCst);
        assert_eq!(m, ALIVE, "double free (magic {m:#x})");
        self.census.live.fetch_sub(1, SeqCst);
        self.census.freed.fetch_add(1, SeqCst);
    }
}

/// Tiny xorshift PRNG: deterministic per thread, no dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Joins `hs` while `ts` is detached, so a stop-the-world elsewhere never waits for us.
pub fn join_detached<T>(ts: &ThreadState, hs: Vec<std::thread::JoinHandle<T>>) -> Vec<T> {
    ts.detached(|| {
        hs.into_iter()
            .map(|h| h.join().expect("worker panicked"))
            .collect()
    })
}
