//! Deferred reference counting under collections: objects held only by *uncounted* stack
//! references on other threads' "stacks" survive every collection as long as the roots callback
//! reports them (I8), and are freed once no stack holds them.

use gc::{collect, Gc, StackRef, ThreadState, Trace, Tracer};
use ladon_stress::{deadline, join_detached, Census, Rng, Tracked};
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::sync::{Arc, Mutex};

/// A GC object with no references of its own (deferred RC needs a tracked type).
struct Func {
    t: Tracked,
}

impl Trace for Func {
    const IS_GC: bool = true;
    fn trace(&self, _: &mut Tracer<'_>) {}
}

static C: Census = Census::new();

/// A worker's evaluation stack. Workers change it only while attached and outside any safe
/// point, so it is never mid-update during a pause and the roots callback may read it there.
type Stack = Mutex<Vec<StackRef>>;

#[test]
fn uncounted_stack_refs_keep_deferred_objects_alive() {
    const OBJS: usize = 64;
    let workers_n = ladon_stress::threads(3);
    let main = ThreadState::register().expect("register");
    // Deferred objects, held from here on only through uncounted StackRefs.
    let all: Arc<Vec<StackRef>> = Arc::new(
        (0..OBJS)
            .map(|i| {
                let o = Gc::new(
                    &main,
                    Func {
                        t: Tracked::new(&C, i as u64),
                    },
                )
                .expect("alloc")
                .into_obj();
                assert!(o.enable_deferred(&main));
                // SAFETY: `all` is reported as roots until phase 2 (see below).
                unsafe { StackRef::from_owned(o) }
            })
            .collect(),
    );
    assert!(all.iter().all(StackRef::is_uncounted));
    let stacks: Arc<Vec<Stack>> =
        Arc::new((0..workers_n).map(|_| Mutex::new(Vec::new())).collect());
    let phase2 = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let workers: Vec<_> = (0..workers_n)
        .map(|w| {
            let (all, stacks, phase2, stop) =
                (all.clone(), stacks.clone(), phase2.clone(), stop.clone());
            std::thread::spawn(move || {
                let ts = ThreadState::register().expect("register");
                let mut rng = Rng::new(w as u64 + 3);
                let mut checks = 0u64;
                while !stop.load(SeqCst) {
                    {
                        let mut st = stacks[w].lock().expect("stack lock");
                        if !phase2.load(SeqCst) && st.len() < 16 {
                            st.push(all[rng.below(OBJS)].clone()); // uncounted copy
                        } else if st.len() > 8
                            || (phase2.load(SeqCst) && !st.is_empty() && rng.below(64) == 0)
                        {
                            st.swap_remove(0);
                        }
                        for r in st.iter() {
                            let o = r.to_owned(); // a real reference, checked, dropped
                                                  // SAFETY: every object here is a `Func`.
                            let f: Gc<Func> = unsafe { Gc::from_obj(o) };
                            f.t.check();
                            checks += 1;
                        }
                    }
                    ts.check_eval_breaker(); // safe point: only here can a pause happen
                }
                stacks[w].lock().expect("stack lock").clear();
                ts.check_eval_breaker();
                checks
            })
        })
        .collect();

    let end = deadline();
    let half = std::time::Instant::now() + (end - std::time::Instant::now()) / 2;
    let mut collections = 0u64;
    let mut all_reported = Some(all);
    while std::time::Instant::now() < end {
        if all_reported.is_some() && std::time::Instant::now() > half {
            phase2.store(true, SeqCst);
            // Every worker passes a safe point after seeing the flag: none reads `all` after this.
            drop(gc::stop_the_world(&main));
            all_reported = None;
        }
        let u = collect(&main, |visit| {
            if let Some(all) = &all_reported {
                all.iter().for_each(&mut *visit);
            }
            for s in stacks.iter() {
                // The pause can't start while a worker holds its stack lock (it is attached and
                // between safe points), so this never waits.
                let st = s.try_lock().expect("a stack lock held during a pause");
                st.iter().for_each(&mut *visit);
            }
        })
        .expect("only this thread collects");
        u.finish();
        collections += 1;
        main.detached(|| std::thread::sleep(std::time::Duration::from_millis(1)));
    }
    stop.store(true, SeqCst);
    let checks: u64 = join_detached(&main, workers).into_iter().sum();
    let u = collect(&main, |_| {}).expect("only this thread collects");
    u.finish();
    main.check_eval_breaker();
    assert_eq!(
        C.live.load(SeqCst),
        0,
        "deferred objects leaked after {collections} collections"
    );
    assert!(checks > 0);
    eprintln!(
        "{collections} collections, {checks} checked uses of deferred objects, 0 live at the end"
    );
}
