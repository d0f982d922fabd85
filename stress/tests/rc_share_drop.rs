//! Biased RC on real threads: many threads share, clone, replace and drop handles to the same
//! objects; at the end every object is freed exactly once (live count 0, no double free).

use gc::{Gc, ObjRef, ObjSlot, ThreadState};
use ladon_stress::{deadline, join_detached, Census, Rng, Tracked};
use std::sync::{Arc, Barrier};

fn share_drop(threads: usize, census: &'static Census) {
    let main = ThreadState::register().expect("register");
    const SLOTS: usize = 16;
    let slots: Arc<Vec<ObjSlot>> = Arc::new(
        (0..SLOTS)
            .map(|i| {
                ObjSlot::new(Some(
                    Gc::new(&main, Tracked::new(census, i as u64))
                        .expect("alloc")
                        .into_obj(),
                ))
            })
            .collect(),
    );
    let barrier = Arc::new(Barrier::new(threads));
    let end = deadline();
    let hs: Vec<_> = (0..threads)
        .map(|t| {
            let (slots, barrier) = (slots.clone(), barrier.clone());
            std::thread::spawn(move || {
                let ts = ThreadState::register().expect("register");
                let mut rng = Rng::new(t as u64 + 1);
                let mut held: Vec<ObjRef> = Vec::new();
                ts.detached(|| barrier.wait());
                let mut ops = 0u64;
                while std::time::Instant::now() < end {
                    for _ in 0..256 {
                        let s = &slots[rng.below(SLOTS)];
                        match rng.below(8) {
                            0 => {
                                let g = Gc::new(&ts, Tracked::new(census, rng.next_u64()))
                                    .expect("alloc");
                                drop(s.swap(Some(g.into_obj())));
                            }
                            1..=3 => {
                                if let Some(r) = s.load_ref(&ts) {
                                    // SAFETY: every object in the slots is a Tracked.
                                    let g: Gc<Tracked> = unsafe { Gc::from_obj(r) };
                                    g.check();
                                    held.push(g.into_obj());
                                }
                            }
                            4 => {
                                // Hand a handle to no one in particular: drop one we hold that
                                // may be owned by another thread (shared or queued path).
                                if !held.is_empty() {
                                    let i = rng.below(held.len());
                                    held.swap_remove(i);
                                }
                            }
                            5 => {
                                if let Some(h) = held.last() {
                                    let c = h.clone();
                                    held.push(c);
                                }
                            }
                            _ => {
                                if held.len() > 64 {
                                    held.clear();
                                }
                            }
                        }
                        ops += 1;
                    }
                    ts.check_eval_breaker();
                }
                drop(held);
                ts.check_eval_breaker();
                ops
            })
        })
        .collect();
    let ops: u64 = join_detached(&main, hs).into_iter().sum();
    for s in slots.iter() {
        drop(s.swap(None));
    }
    drop(slots);
    main.check_eval_breaker();
    drop(main);
    assert!(ops > 0);
    assert_eq!(
        census.live.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "leaked objects after {ops} ops"
    );
    assert_eq!(
        census.allocated.load(std::sync::atomic::Ordering::SeqCst),
        census.freed.load(std::sync::atomic::Ordering::SeqCst)
    );
    eprintln!(
        "{threads} threads: {ops} ops, {} objects, 0 live at the end",
        census.allocated.load(std::sync::atomic::Ordering::SeqCst)
    );
}

#[test]
fn share_drop_2_threads() {
    static C: Census = Census::new();
    share_drop(2, &C);
}

#[test]
fn share_drop_8_threads() {
    static C: Census = Census::new();
    share_drop(8, &C);
}

/// Handles passed between threads through channels: the receiver drops objects owned by the
/// sender (queue to owner), and senders exit while their objects are still alive elsewhere.
#[test]
fn handoff_through_channels_and_exit() {
    static C: Census = Census::new();
    let end = deadline();
    let mut rounds = 0u64;
    while std::time::Instant::now() < end {
        let (tx, rx) = std::sync::mpsc::channel::<Vec<ObjRef>>();
        let producers: Vec<_> = (0..ladon_stress::threads(3) as u64)
            .map(|p| {
                let tx = tx.clone();
                std::thread::spawn(move || {
                    let ts = ThreadState::register().expect("register");
                    for i in 0..50u64 {
                        let g = Gc::new(&ts, Tracked::new(&C, p * 1000 + i))
                            .expect("alloc")
                            .into_obj();
                        let v = vec![g.clone(), g.clone(), g];
                        if tx.send(v).is_err() {
                            break;
                        }
                        ts.check_eval_breaker();
                    }
                    // exits with objects alive in the consumer: they merge on their own later
                })
            })
            .collect();
        drop(tx);
        let consumer = std::thread::spawn(move || {
            let ts = ThreadState::register().expect("register");
            let mut keep = Vec::new();
            for v in rx.iter() {
                keep.extend(v);
                if keep.len() > 30 {
                    keep.drain(..20);
                }
                ts.check_eval_breaker();
            }
            keep
        });
        for p in producers {
            p.join().expect("producer");
        }
        let keep = consumer.join().expect("consumer");
        drop(keep); // this thread is unregistered: shared path / owner-exited merges
        rounds += 1;
    }
    assert_eq!(
        C.live.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "leaked after {rounds} rounds"
    );
    eprintln!(
        "{rounds} rounds, {} objects, 0 live at the end",
        C.allocated.load(std::sync::atomic::Ordering::SeqCst)
    );
}
