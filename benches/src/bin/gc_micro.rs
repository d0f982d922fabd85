//! Microbenchmarks of gc's primitives against their nearest std / parking_lot equivalents, in
//! one run, on one thread. No framework: every case runs `ITERS` operations per round; rounds
//! are interleaved (case A, B, C, … then again) so a noisy neighbour on a shared machine hits
//! all cases alike; we print the median over `RUNS` rounds in ns/op, then the target ratios.
//!
//! `cargo run -p ladon-benches --release --bin gc_micro [name filter]`

use gc::{with_critical_section, Gc, ObjRef, ObjSlot, RawMutex, ThreadState, Trace, Tracer};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ITERS: u64 = 5_000_000;
const RUNS: usize = 11;

struct Small(#[allow(dead_code)] u64);

impl Trace for Small {
    const IS_GC: bool = false;
    fn trace(&self, _: &mut Tracer<'_>) {}
}

type Case<'a> = (&'static str, Box<dyn FnMut(u64) + 'a>);

fn main() {
    let filter = std::env::args().nth(1).unwrap_or_default();
    let ts = ThreadState::register().expect("the benchmark thread registers once");

    let mut heap_counter = Box::new(1u32);
    let arc = Arc::new(5u64);
    let pl = parking_lot::Mutex::new(0u64);
    let obj = Gc::new(&ts, Small(1)).expect("alloc").into_obj();
    // An object owned by a thread that stays alive but never touches it: every op is shared.
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
    let m = RawMutex::new();
    let slot_own = ObjSlot::new(Some(obj.clone()));
    let slot_foreign = ObjSlot::new(Some(foreign.clone()));

    let mut cases: Vec<Case<'_>> = vec![
        (
            // On the stack: modern cores rename stack memory, so this is close to free.
            "non-atomic increment pair (stack)",
            Box::new(|n| {
                let mut c = 1u32;
                for _ in 0..n {
                    c += 1;
                    black_box(&mut c);
                    c -= 1;
                    black_box(&mut c);
                }
            }),
        ),
        (
            // On the heap, like a refcount field: the fair baseline for owner incref+decref.
            "non-atomic increment pair (heap field)",
            Box::new(|n| {
                let c: &mut u32 = black_box(&mut heap_counter);
                for _ in 0..n {
                    *c += 1;
                    black_box(&mut *c);
                    *c -= 1;
                    black_box(&mut *c);
                }
            }),
        ),
        (
            "Arc clone+drop",
            Box::new(|n| {
                for _ in 0..n {
                    let a = black_box(&arc).clone();
                    black_box(&a);
                    drop(a);
                }
            }),
        ),
        (
            "parking_lot::Mutex lock+unlock",
            Box::new(|n| {
                for _ in 0..n {
                    let g = black_box(&pl).lock();
                    black_box(&g);
                    drop(g);
                }
            }),
        ),
        (
            "Box<u64> alloc+free (mimalloc)",
            Box::new(|n| {
                for i in 0..n {
                    black_box(Box::new(black_box(i)));
                }
            }),
        ),
        (
            // Same block size as a Gc<u64> (32-byte header + 8-byte payload).
            "Box<[u64; 5]> alloc+free (mimalloc)",
            Box::new(|n| {
                for i in 0..n {
                    black_box(Box::new([black_box(i); 5]));
                }
            }),
        ),
        (
            "owner incref+decref (ts id)",
            Box::new(|n| {
                let o = black_box(&obj);
                for _ in 0..n {
                    let r = o.clone_in(&ts);
                    black_box(&r);
                    r.drop_in(&ts);
                }
            }),
        ),
        (
            "owner incref+decref (Clone/Drop, TLS id)",
            Box::new(|n| {
                let o = black_box(&obj);
                for _ in 0..n {
                    let r = o.clone();
                    black_box(&r);
                    drop(r);
                }
            }),
        ),
        (
            "shared incref+decref (non-owner)",
            Box::new(|n| {
                let o = black_box(&foreign);
                for _ in 0..n {
                    let r = o.clone_in(&ts);
                    black_box(&r);
                    r.drop_in(&ts);
                }
            }),
        ),
        (
            "RawMutex lock+unlock (uncontended)",
            Box::new(|n| {
                let m = black_box(&m);
                for _ in 0..n {
                    m.lock();
                    black_box(m);
                    // SAFETY: taken just above.
                    unsafe { m.unlock() };
                }
            }),
        ),
        (
            "eval-breaker check (nothing pending)",
            Box::new(|n| {
                let ts = black_box(&ts);
                for _ in 0..n {
                    black_box(ts.check_eval_breaker());
                }
            }),
        ),
        (
            "critical section enter+exit",
            Box::new(|n| {
                let h = black_box(&obj).header();
                for _ in 0..n {
                    with_critical_section(&ts, h, |g| {
                        black_box(g);
                    });
                }
            }),
        ),
        (
            "try_incref via ObjSlot (owner, fast)",
            Box::new(|n| {
                let s = black_box(&slot_own);
                for _ in 0..n {
                    if let Some(r) = s.try_load_ref(&ts) {
                        black_box(&r);
                        r.drop_in(&ts);
                    }
                }
            }),
        ),
        (
            "try_incref via ObjSlot (non-owner, CAS)",
            Box::new(|n| {
                let s = black_box(&slot_foreign);
                for _ in 0..n {
                    if let Some(r) = s.try_load_ref(&ts) {
                        black_box(&r);
                        r.drop_in(&ts);
                    }
                }
            }),
        ),
        (
            "Gc<u64> alloc+free (header + payload)",
            Box::new(|n| {
                for i in 0..n {
                    black_box(Gc::new(&ts, Small(black_box(i))).expect("alloc"));
                }
            }),
        ),
    ];
    cases.retain(|(name, _)| name.contains(filter.as_str()));

    for (_, f) in cases.iter_mut() {
        f(ITERS / 10); // warm up
    }
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(RUNS); cases.len()];
    for _ in 0..RUNS {
        for (i, (_, f)) in cases.iter_mut().enumerate() {
            let t = Instant::now();
            f(ITERS);
            samples[i].push(t.elapsed().as_nanos() as f64 / ITERS as f64);
        }
        ts.check_eval_breaker();
    }
    let names: Vec<&str> = cases.iter().map(|(n, _)| *n).collect();
    drop(cases);
    // Median and minimum per case. On a shared machine the minimum is the better estimate of
    // the intrinsic cost, so ratios are printed for both.
    let mut stats = std::collections::HashMap::new();
    for (name, mut v) in names.into_iter().zip(samples) {
        v.sort_by(|a, b| a.total_cmp(b));
        let (med, min) = (v[v.len() / 2], v[0]);
        println!("{name:<44} {med:>8.2} ns/op   (min {min:.2})");
        stats.insert(name, (med, min));
    }
    let ratio = |a: &str, b: &str| -> Option<(f64, f64)> {
        let (x, y) = (stats.get(a)?, stats.get(b)?);
        Some((x.0 / y.0, x.1 / y.1))
    };
    println!();
    println!("{:<44} {:>7}  {:>7}", "ratio", "median", "min");
    let rows = [
        (
            "owner incref+decref / non-atomic (heap)",
            "owner incref+decref (ts id)",
            "non-atomic increment pair (heap field)",
            "(target <= 1.2x)",
        ),
        (
            "owner (TLS id) / non-atomic (heap)",
            "owner incref+decref (Clone/Drop, TLS id)",
            "non-atomic increment pair (heap field)",
            "",
        ),
        (
            "owner incref+decref / non-atomic (stack)",
            "owner incref+decref (ts id)",
            "non-atomic increment pair (stack)",
            "",
        ),
        (
            "Arc clone+drop / owner incref+decref",
            "Arc clone+drop",
            "owner incref+decref (ts id)",
            "(target >= 3x)",
        ),
        (
            "shared incref+decref / Arc clone+drop",
            "shared incref+decref (non-owner)",
            "Arc clone+drop",
            "",
        ),
        (
            "RawMutex / parking_lot::Mutex",
            "RawMutex lock+unlock (uncontended)",
            "parking_lot::Mutex lock+unlock",
            "(target <= 1.0x)",
        ),
        (
            "critical section / parking_lot::Mutex",
            "critical section enter+exit",
            "parking_lot::Mutex lock+unlock",
            "",
        ),
        (
            "try_incref shared / owner",
            "try_incref via ObjSlot (non-owner, CAS)",
            "try_incref via ObjSlot (owner, fast)",
            "",
        ),
        (
            "Gc alloc+free / Box alloc+free",
            "Gc<u64> alloc+free (header + payload)",
            "Box<u64> alloc+free (mimalloc)",
            "",
        ),
        (
            "Gc alloc+free / Box of the same size",
            "Gc<u64> alloc+free (header + payload)",
            "Box<[u64; 5]> alloc+free (mimalloc)",
            "",
        ),
    ];
    for (label, a, b, target) in rows {
        if let Some((med, min)) = ratio(a, b) {
            println!("{label:<44} {med:>6.2}x  {min:>6.2}x  {target}");
        }
    }

    drop((slot_own, slot_foreign, foreign, foreign_extra, obj));
    done_tx.send(()).expect("send");
    ts.detached(|| other.join().expect("join"));
}
