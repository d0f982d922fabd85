//! Per-thread reference counts of deferred objects (gc's `ptrc`): threads clone and drop
//! handles to deferred objects owned by other threads (counted in each thread's private array),
//! hand handles to other threads through channels (so one thread's +1 is another's -1), make
//! objects deferred from a non-owner thread while others use them (`defer_if_shared`), and exit
//! and re-register mid-run (their arrays fold back in), while the main thread collects in a
//! loop. Every use checks the payload is alive (no premature free); at the end every object is
//! freed exactly once (census 0, no leak: the folded counts add up exactly).

use gc::{collect, Gc, ObjRef, ThreadState, Trace, Tracer};
use ladon_stress::{deadline, join_detached, Census, Rng, Tracked};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

/// A GC object (deferred counting needs a tracked type) with no references of its own.
struct Shared {
    t: Tracked,
}

impl Trace for Shared {
    const IS_GC: bool = true;
    fn trace(&self, _: &mut Tracer<'_>) {}
}

static C: Census = Census::new();

fn check(o: &ObjRef) {
    // SAFETY: every object in this test is a `Shared`.
    let g: Gc<Shared> = unsafe { Gc::from_obj(o.clone()) };
    g.t.check();
}

#[test]
fn deferred_objects_counted_per_thread_survive_and_die_exactly() {
    const OBJS: usize = 48;
    let workers_n = ladon_stress::threads(3).max(2);
    let main = ThreadState::register().expect("register");
    // Half deferred by their owner (main), half made deferred later by a non-owner.
    let objs: Vec<ObjRef> = (0..OBJS)
        .map(|i| {
            let o = Gc::new(
                &main,
                Shared {
                    t: Tracked::new(&C, i as u64),
                },
            )
            .expect("alloc")
            .into_obj();
            if i % 2 == 0 {
                assert!(o.enable_deferred(&main));
            }
            o
        })
        .collect();
    // The main thread's handles, shared with workers until phase 2 (then dropped).
    let pool: Arc<Mutex<Option<Vec<ObjRef>>>> = Arc::new(Mutex::new(Some(objs)));
    let stop = Arc::new(AtomicBool::new(false));
    let uses = Arc::new(AtomicU64::new(0));
    let (txs, rxs): (Vec<_>, Vec<_>) = (0..workers_n).map(|_| mpsc::channel::<ObjRef>()).unzip();
    let txs = Arc::new(Mutex::new(txs));
    let workers: Vec<_> = rxs
        .into_iter()
        .enumerate()
        .map(|(w, rx)| {
            let (pool, stop, uses, txs) = (pool.clone(), stop.clone(), uses.clone(), txs.clone());
            std::thread::spawn(move || {
                let mut rng = Rng::new(w as u64 + 11);
                while !stop.load(SeqCst) {
                    // One "life" of a registered thread: exiting folds its counts back in.
                    let ts = ThreadState::register().expect("register");
                    let mut held: Vec<ObjRef> = Vec::new();
                    for _ in 0..2000 {
                        if stop.load(SeqCst) {
                            break;
                        }
                        match rng.below(8) {
                            0..=2 => {
                                // Clone from the pool while it still exists.
                                let g = pool.lock().expect("pool");
                                if let Some(v) = g.as_ref() {
                                    let o = v[rng.below(v.len())].clone();
                                    o.header().defer_if_shared(&ts);
                                    held.push(o);
                                }
                            }
                            3 if !held.is_empty() => {
                                // Hand one to another worker: our +1, its -1.
                                let o = held.swap_remove(rng.below(held.len()));
                                let to = rng.below(workers_n);
                                let sent = txs.lock().expect("txs")[to].send(o);
                                drop(sent); // a closed channel drops the handle here
                            }
                            4 | 5 if !held.is_empty() => {
                                drop(held.swap_remove(rng.below(held.len())));
                            }
                            _ => {
                                while let Ok(o) = rx.try_recv() {
                                    held.push(o);
                                }
                            }
                        }
                        for o in held.iter().take(4) {
                            let c = o.clone();
                            check(&c);
                            drop(c);
                            uses.fetch_add(1, SeqCst);
                        }
                        if held.len() > 32 {
                            held.truncate(16);
                        }
                        ts.check_eval_breaker(); // safe point: only here can a pause happen
                    }
                    drop(held);
                    drop(ts);
                }
                // Drain what others sent us, registered so the drops count properly.
                let ts = ThreadState::register().expect("register");
                while let Ok(o) = rx.try_recv() {
                    drop(o);
                }
                drop(ts);
            })
        })
        .collect();

    let end = deadline();
    let half = std::time::Instant::now() + (end - std::time::Instant::now()) / 2;
    let mut collections = 0u64;
    while std::time::Instant::now() < end {
        if std::time::Instant::now() > half {
            // Phase 2: the main thread's references go; objects die once the workers' do.
            let v = main.detached(|| pool.lock().expect("pool").take());
            drop(v);
        }
        let u = collect(&main, |_| {}).expect("only this thread collects");
        assert!(
            pool.lock().map(|g| g.is_none()).unwrap_or(false) || u.len() == 0,
            "a referenced object was found unreachable"
        );
        u.finish();
        main.check_eval_breaker();
        collections += 1;
        main.detached(|| std::thread::sleep(std::time::Duration::from_millis(1)));
    }
    stop.store(true, SeqCst);
    join_detached(&main, workers);
    drop(txs);
    let u = collect(&main, |_| {}).expect("only this thread collects");
    u.finish();
    main.check_eval_breaker();
    assert_eq!(
        C.live.load(SeqCst),
        0,
        "objects leaked after {collections} collections"
    );
    assert_eq!(C.freed.load(SeqCst), OBJS);
    let uses = uses.load(SeqCst);
    assert!(uses > 0);
    eprintln!("{collections} collections, {uses} checked uses, 0 live at the end");
}
