//! Microbenchmarks of gc's primitives against their nearest std / parking_lot equivalents, in
//! one run, on one thread. No framework (parking_lot's `benchmark/src/bin/mutex.rs` style).
//!
//! # Method
//! - Every case is its own `#[inline(never)]` function running `n` operations, so each loop is
//!   compiled alone and its assembly can be read under its name (`objdump -d … | grep owner_pair`).
//! - Every case has the same shape: the object's pointer lives in a register and goes through
//!   `black_box` once per iteration (so nothing is hoisted out of the loop), then the operation
//!   pair runs with nothing in between. The baseline increments use Relaxed load + store, which
//!   compile to the plain moves of a non-atomic `+= 1` and are exactly the instructions of the
//!   owner refcount path; the compiler may not fold an increment into the following decrement
//!   for either.
//! - Rounds are interleaved (all cases, then again, each round starting one case later) so a
//!   noisy neighbour on a shared machine hits all cases alike. A ratio is computed per round,
//!   from two cases measured moments apart, and reported as the median over rounds with its min
//!   and max. The load average is printed before and after.
//!
//! `cargo run -p ladon-benches --release --bin gc_micro [name filter…]` (a case runs if its name
//! contains any filter)
//! (`GC_MICRO_RUNS` rounds, default 51; `GC_MICRO_ITERS` operations per sample, default 1e6).

use gc::{
    with_critical_section, Gc, ObjHeader, ObjRef, ObjSlot, RawMutex, ThreadState, Trace, Tracer,
};
use std::hint::black_box;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU32, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Instant;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Small(#[allow(dead_code)] u64);

impl Trace for Small {
    const IS_GC: bool = false;
    fn trace(&self, _: &mut Tracer<'_>) {}
}

/// What the cases work on; built once, alive for the whole run.
struct Env {
    /// A heap field like a refcount: the fair baseline for the owner path.
    heap_field: Box<AtomicU32>,
    arc: Arc<u64>,
    pl: parking_lot::Mutex<u64>,
    m: RawMutex,
    /// Owned by `ts`.
    obj: ObjRef,
    /// Owned by a thread that stays alive but never touches it: every op is shared.
    foreign: ObjRef,
    /// Immortal (None, True, small ints in the VM): every op is a test and nothing else.
    immortal: ObjRef,
    slot_own: ObjSlot,
    slot_foreign: ObjSlot,
}

/// Runs `f` on `p` as a borrowed handle, without owning a count of its own.
#[inline(always)]
fn with_borrowed(p: NonNull<ObjHeader>, f: impl FnOnce(&ObjRef)) {
    // SAFETY: `p` comes from a handle in `Env`, which holds a reference for the whole run, and
    // `ManuallyDrop` keeps us from giving up a count we don't own.
    let o = ManuallyDrop::new(unsafe { ObjRef::from_raw(p) });
    f(&o);
}

#[inline(never)]
fn stack_pair(_: &ThreadState, _: &Env, n: u64) {
    // On the stack: cores with memory renaming make this close to free.
    let c = AtomicU32::new(1);
    for _ in 0..n {
        let p = black_box(&c);
        p.store(p.load(Relaxed) + 1, Relaxed);
        p.store(p.load(Relaxed) - 1, Relaxed);
    }
}

#[inline(never)]
fn heap_pair(_: &ThreadState, env: &Env, n: u64) {
    let c: &AtomicU32 = &env.heap_field;
    for _ in 0..n {
        let p = black_box(c);
        p.store(p.load(Relaxed) + 1, Relaxed);
        p.store(p.load(Relaxed) - 1, Relaxed);
    }
}

#[inline(never)]
fn arc_pair(_: &ThreadState, env: &Env, n: u64) {
    let raw = Arc::as_ptr(&env.arc);
    for _ in 0..n {
        let p = black_box(raw);
        // SAFETY: `env.arc` holds a strong count for the whole run; `ManuallyDrop` keeps us from
        // giving up a count we don't own.
        let a = ManuallyDrop::new(unsafe { Arc::from_raw(p) });
        drop(Arc::clone(&a));
    }
}

#[inline(never)]
fn owner_pair_ts(ts: &ThreadState, env: &Env, n: u64) {
    let raw = env.obj.as_nonnull();
    for _ in 0..n {
        with_borrowed(black_box(raw), |o| o.clone_in(ts).drop_in(ts));
    }
}

#[inline(never)]
fn owner_pair_tls(_: &ThreadState, env: &Env, n: u64) {
    let raw = env.obj.as_nonnull();
    for _ in 0..n {
        with_borrowed(black_box(raw), |o| drop(o.clone()));
    }
}

#[inline(never)]
fn shared_pair(ts: &ThreadState, env: &Env, n: u64) {
    let raw = env.foreign.as_nonnull();
    for _ in 0..n {
        with_borrowed(black_box(raw), |o| o.clone_in(ts).drop_in(ts));
    }
}

#[inline(never)]
fn immortal_pair(ts: &ThreadState, env: &Env, n: u64) {
    let raw = env.immortal.as_nonnull();
    for _ in 0..n {
        with_borrowed(black_box(raw), |o| o.clone_in(ts).drop_in(ts));
    }
}

#[inline(never)]
fn parking_lot_lock(_: &ThreadState, env: &Env, n: u64) {
    for _ in 0..n {
        drop(black_box(&env.pl).lock());
    }
}

#[inline(never)]
fn raw_mutex_lock(_: &ThreadState, env: &Env, n: u64) {
    for _ in 0..n {
        let m = black_box(&env.m);
        m.lock();
        // SAFETY: taken just above.
        unsafe { m.unlock() };
    }
}

#[inline(never)]
fn box_alloc(_: &ThreadState, _: &Env, n: u64) {
    for i in 0..n {
        black_box(Box::new(black_box(i)));
    }
}

#[inline(never)]
fn box5_alloc(_: &ThreadState, _: &Env, n: u64) {
    // Same block size as a Gc<u64> (32-byte header + 8-byte payload).
    for i in 0..n {
        black_box(Box::new([black_box(i); 5]));
    }
}

#[inline(never)]
fn eval_breaker(ts: &ThreadState, _: &Env, n: u64) {
    for _ in 0..n {
        black_box(black_box(ts).check_eval_breaker());
    }
}

#[inline(never)]
fn critical_section(ts: &ThreadState, env: &Env, n: u64) {
    let raw = env.obj.as_nonnull();
    for _ in 0..n {
        with_borrowed(black_box(raw), |o| {
            with_critical_section(ts, o.header(), |_cs| {})
        });
    }
}

#[inline(never)]
fn slot_own(ts: &ThreadState, env: &Env, n: u64) {
    for _ in 0..n {
        if let Some(r) = black_box(&env.slot_own).try_load_ref(ts) {
            r.drop_in(ts);
        }
    }
}

#[inline(never)]
fn slot_foreign(ts: &ThreadState, env: &Env, n: u64) {
    for _ in 0..n {
        if let Some(r) = black_box(&env.slot_foreign).try_load_ref(ts) {
            r.drop_in(ts);
        }
    }
}

#[inline(never)]
fn gc_alloc(ts: &ThreadState, _: &Env, n: u64) {
    for i in 0..n {
        black_box(Gc::new(ts, Small(black_box(i))).expect("alloc"));
    }
}

const STACK: &str = "non-atomic increment pair (stack)";
const HEAP: &str = "non-atomic increment pair (heap field)";
const ARC: &str = "Arc clone+drop";
const PL: &str = "parking_lot::Mutex lock+unlock";
const BOX: &str = "Box<u64> alloc+free (mimalloc)";
const BOX5: &str = "Box<[u64; 5]> alloc+free (mimalloc)";
const OWNER: &str = "owner incref+decref (clone_in/drop_in)";
const OWNER_TLS: &str = "owner incref+decref (Clone/Drop, TLS id)";
const SHARED: &str = "shared incref+decref (non-owner)";
const IMMORTAL: &str = "immortal incref+decref";
const RAW: &str = "RawMutex lock+unlock (uncontended)";
const BREAKER: &str = "eval-breaker check (nothing pending)";
const CS: &str = "critical section enter+exit";
const SLOT_OWN: &str = "try_incref via ObjSlot (owner, fast)";
const SLOT_FOREIGN: &str = "try_incref via ObjSlot (non-owner, CAS)";
const GC_ALLOC: &str = "Gc<u64> alloc+free (header + payload)";

const CASES: [(&str, fn(&ThreadState, &Env, u64)); 16] = [
    (STACK, stack_pair),
    (HEAP, heap_pair),
    (ARC, arc_pair),
    (PL, parking_lot_lock),
    (BOX, box_alloc),
    (BOX5, box5_alloc),
    (OWNER, owner_pair_ts),
    (OWNER_TLS, owner_pair_tls),
    (SHARED, shared_pair),
    (IMMORTAL, immortal_pair),
    (RAW, raw_mutex_lock),
    (BREAKER, eval_breaker),
    (CS, critical_section),
    (SLOT_OWN, slot_own),
    (SLOT_FOREIGN, slot_foreign),
    (GC_ALLOC, gc_alloc),
];

/// `(label, numerator, denominator, target)`.
const RATIOS: [(&str, &str, &str, &str); 10] = [
    (
        "owner / non-atomic pair (heap)",
        OWNER,
        HEAP,
        "target <= 1.2x",
    ),
    (
        "owner (TLS id) / non-atomic pair (heap)",
        OWNER_TLS,
        HEAP,
        "",
    ),
    ("owner / non-atomic pair (stack)", OWNER, STACK, ""),
    ("Arc clone+drop / owner", ARC, OWNER, "target >= 3x"),
    ("shared / Arc clone+drop", SHARED, ARC, ""),
    ("RawMutex / parking_lot::Mutex", RAW, PL, "target <= 1.0x"),
    ("critical section / parking_lot::Mutex", CS, PL, ""),
    ("try_incref shared / owner", SLOT_FOREIGN, SLOT_OWN, ""),
    ("Gc alloc+free / Box alloc+free", GC_ALLOC, BOX, ""),
    ("Gc alloc+free / Box of the same size", GC_ALLOC, BOX5, ""),
];

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&v| v > 0)
        .unwrap_or(default)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/a".into())
}

/// Median, min and max of `v` (sorted in place; not empty).
fn summary(v: &mut [f64]) -> (f64, f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

fn main() {
    let filters: Vec<String> = std::env::args().skip(1).collect();
    let runs = env_u64("GC_MICRO_RUNS", 51) as usize;
    let iters = env_u64("GC_MICRO_ITERS", 1_000_000);
    let ts = ThreadState::register().expect("the benchmark thread registers once");

    let obj = Gc::new(&ts, Small(1)).expect("alloc").into_obj();
    let (tx, rx) = std::sync::mpsc::channel::<ObjRef>();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let other = std::thread::spawn(move || {
        let ots = ThreadState::register().expect("register");
        tx.send(Gc::new(&ots, Small(2)).expect("alloc").into_obj())
            .expect("send");
        ots.detached(|| done_rx.recv().expect("recv"));
    });
    let foreign = ts.detached(|| rx.recv().expect("recv"));
    let foreign_extra = foreign.clone(); // keeps the shared count above zero: no queueing
    let immortal = Gc::new(&ts, Small(3)).expect("alloc").into_obj();
    assert!(immortal.immortalize(&ts), "a fresh object is unique");
    let env = Env {
        heap_field: Box::new(AtomicU32::new(1)),
        arc: Arc::new(5),
        pl: parking_lot::Mutex::new(0),
        m: RawMutex::new(),
        slot_own: ObjSlot::new(Some(obj.clone())),
        slot_foreign: ObjSlot::new(Some(foreign.clone())),
        obj,
        foreign,
        immortal,
    };

    let cases: Vec<_> = CASES
        .iter()
        .filter(|(name, _)| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str())))
        .collect();
    println!(
        "{runs} rounds x {iters} ops per case; load average before: {}",
        loadavg()
    );
    for (_, f) in &cases {
        f(&ts, &env, iters / 10); // warm up
    }
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(runs); cases.len()];
    for r in 0..runs {
        for k in 0..cases.len() {
            let i = (r + k) % cases.len();
            let t = Instant::now();
            (cases[i].1)(&ts, &env, iters);
            samples[i].push(t.elapsed().as_nanos() as f64 / iters as f64);
        }
        ts.check_eval_breaker();
    }
    println!("load average after: {}\n", loadavg());

    println!("{:<44} {:>8} {:>8} {:>8}", "ns/op", "median", "min", "max");
    for ((name, _), v) in cases.iter().zip(&samples) {
        let (med, min, max) = summary(&mut v.clone());
        println!("{name:<44} {med:>8.2} {min:>8.2} {max:>8.2}");
    }
    println!(
        "\n{:<44} {:>8} {:>8} {:>8}",
        "ratio (per round)", "median", "min", "max"
    );
    let index = |n: &str| cases.iter().position(|(name, _)| *name == n);
    for (label, a, b, target) in RATIOS {
        let (Some(a), Some(b)) = (index(a), index(b)) else {
            continue;
        };
        let mut per_round: Vec<f64> = samples[a]
            .iter()
            .zip(&samples[b])
            .map(|(x, y)| x / y)
            .collect();
        let (med, min, max) = summary(&mut per_round);
        println!("{label:<44} {med:>7.2}x {min:>7.2}x {max:>7.2}x  {target}");
    }

    drop(foreign_extra);
    drop(env);
    done_tx.send(()).expect("send");
    ts.detached(|| other.join().expect("join"));
}
