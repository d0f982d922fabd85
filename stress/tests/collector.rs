//! The cycle collector against running mutators: workers build and drop cycles while another
//! thread collects; every cycle is eventually freed, nothing reachable is.

use gc::{collect, Gc, ObjSlot, ThreadState, Trace, Tracer};
use ladon_stress::{deadline, join_detached, Census, Tracked};
use std::sync::atomic::Ordering::SeqCst;

struct Node {
    next: ObjSlot,
    _t: Tracked,
}

impl Trace for Node {
    const IS_GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        t.visit_slot(&self.next);
    }
    fn clear(&self) {
        drop(self.next.swap(None));
    }
}

static C: Census = Census::new();

#[test]
fn cycles_freed_while_mutators_run() {
    let main = ThreadState::register().expect("register");
    let end = deadline();
    let workers: Vec<_> = (0..ladon_stress::threads(3) as u64)
        .map(|w| {
            std::thread::spawn(move || {
                let ts = ThreadState::register().expect("register");
                let keep = Gc::new(
                    &ts,
                    Node {
                        next: ObjSlot::new(None),
                        _t: Tracked::new(&C, w),
                    },
                )
                .expect("alloc");
                let mut made = 0u64;
                while std::time::Instant::now() < end {
                    // A 3-cycle, dropped at once: garbage for the collector.
                    let a = Gc::new(
                        &ts,
                        Node {
                            next: ObjSlot::new(None),
                            _t: Tracked::new(&C, 1),
                        },
                    )
                    .expect("alloc");
                    let b = Gc::new(
                        &ts,
                        Node {
                            next: ObjSlot::new(None),
                            _t: Tracked::new(&C, 2),
                        },
                    )
                    .expect("alloc");
                    let c = Gc::new(
                        &ts,
                        Node {
                            next: ObjSlot::new(None),
                            _t: Tracked::new(&C, 3),
                        },
                    )
                    .expect("alloc");
                    drop(a.next.swap(Some(b.as_obj().clone())));
                    drop(b.next.swap(Some(c.as_obj().clone())));
                    drop(c.next.swap(Some(a.as_obj().clone())));
                    // Reachable: hang the newest cycle off `keep` (replacing the previous one).
                    drop(keep.next.swap(Some(a.as_obj().clone())));
                    drop((a, b, c));
                    made += 1;
                    ts.check_eval_breaker();
                }
                drop(keep.next.swap(None));
                drop(keep);
                made
            })
        })
        .collect();
    let mut collections = 0u64;
    let mut freed = 0usize;
    while std::time::Instant::now() < end {
        if let Some(u) = collect(&main, |_| {}) {
            freed += u.len();
            u.finish();
            collections += 1;
        }
        main.detached(|| std::thread::sleep(std::time::Duration::from_millis(2)));
    }
    let made: u64 = join_detached(&main, workers).into_iter().sum();
    while C.live.load(SeqCst) > 0 {
        let u = collect(&main, |_| {}).expect("no concurrent collection");
        freed += u.len();
        if u.is_empty() {
            break;
        }
        u.finish();
    }
    main.check_eval_breaker();
    assert_eq!(
        C.live.load(SeqCst),
        0,
        "leaked after {made} cycles, {collections} collections"
    );
    eprintln!(
        "{made} cycles made, {collections} collections, {freed} unreachable found, 0 live at the end"
    );
}
