//! Finalization: `__del__` (PEP 442), generator/coroutine finalizers, weakref callbacks, and the
//! cycle-collector driver behind `gc.collect()` and automatic collections.
//!
//! # When finalizers run (DESIGN: finalize-at-safe-points)
//! gc calls a type's `finalize` hook from whatever decref took the count to zero: that may be
//! inside a container's critical section, under a leaf mutex or a `RefCell` borrow, where Python
//! code must not run (DESIGN: cs-no-python). So the hook only decides: if the object has a
//! finalizer it resurrects it (`gc::resurrect`, which also marks it FINALIZED: PEP 442's "once")
//! and queues it on this thread's *pending* list. The eval loop drains the list right after the
//! instructions that drop references (POP_TOP, stores, deletes: [`poll`]), so `__del__` runs
//! before the next instruction of the statement that released the object, as in CPython; the
//! reference the queue held is dropped after the finalizer, and the object dies for good unless
//! the finalizer stored it somewhere (resurrection). Weakref callbacks go through the same list.
//! Objects that die outside any eval loop (no thread state entered, e.g. at interpreter exit)
//! are freed without finalizer.
//!
//! # Cycle collection
//! [`collect`] asks gc for the unreachable set (roots: none needed, every reference the VM holds
//! is counted, so anything a frame or a native local holds has an external count), then, with
//! the world running: clears weakrefs to unreachable objects (queuing callbacks of weakrefs that
//! are themselves reachable), runs the finalizers of the set, lets gc drop what they resurrected,
//! and clears the rest (`tp_clear`), which collapses the cycles by refcounting.
//!
//! Entry points: [`enter`] (the eval loop's thread-state guard), [`poll`], [`heap_finalize`]
//! (the Python-class vtable hook), [`gen_finalize`], [`collect`], [`maybe_collect`].

use crate::errors::{PyErr, PyResult};
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::none;
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::ObjHeader;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ptr::NonNull;

/// Work queued by a dying object for the next safe point.
pub(crate) enum Job {
    /// Call `__del__` on the (resurrected) object.
    Del(Value),
    /// Finalize a generator or coroutine (`close()`, or the "never awaited" warning).
    Gen(Value),
    /// Call a weakref's callback with the weakref.
    WeakCallback { wr: Value, callback: Value },
}

thread_local! {
    /// The thread state of the innermost eval loop on this thread (null outside any).
    static CURRENT: Cell<*const ThreadState> = const { Cell::new(std::ptr::null()) };
    /// Whether `PENDING` may be non-empty (the one load `poll` makes).
    static HAS_PENDING: Cell<bool> = const { Cell::new(false) };
    static PENDING: RefCell<VecDeque<Job>> = const { RefCell::new(VecDeque::new()) };
}

/// Marks the eval loop running on `ts` (restores the previous one on drop). The outermost one
/// runs what is still queued when it ends, so nothing is left for the thread's exit.
pub struct Entered<'a> {
    prev: *const ThreadState,
    ts: &'a ThreadState,
}

/// Called at the entry of the eval loop: finalize hooks on this thread may queue work.
#[inline]
pub fn enter(ts: &ThreadState) -> Entered<'_> {
    let prev = CURRENT.with(|c| c.replace(ts as *const ThreadState));
    Entered { prev, ts }
}

impl Drop for Entered<'_> {
    #[inline]
    fn drop(&mut self) {
        if self.prev.is_null() {
            poll(self.ts);
        }
        CURRENT.with(|c| c.set(self.prev));
    }
}

/// Runs `f` with the thread state of the innermost eval loop, if any.
fn with_current<R>(f: impl FnOnce(&ThreadState) -> R) -> Option<R> {
    let p = CURRENT.with(|c| c.get());
    // SAFETY: `CURRENT` is set by `enter` from a `&ThreadState` that outlives the `Entered`
    // guard, and restored when the guard drops; only this thread reads it.
    unsafe { p.as_ref() }.map(f)
}

/// gc's state of the thread running the innermost eval loop here, if any (for `try_incref` in
/// gc hooks, which get no thread state).
pub(crate) fn current_gc() -> Option<*const gc::ThreadState> {
    with_current(|ts| &ts.gc as *const gc::ThreadState)
}

/// Queues a job for the next safe point of this thread.
pub(crate) fn push(job: Job) {
    PENDING.with(|p| p.borrow_mut().push_back(job));
    HAS_PENDING.with(|h| h.set(true));
}

/// The eval loop's safe point: runs queued finalizers and callbacks, if any.
#[inline(always)]
pub fn poll(ts: &ThreadState) {
    if HAS_PENDING.with(|h| h.get()) {
        run_pending(ts);
    }
}

/// Runs every queued job (and those they queue), oldest first.
#[cold]
pub fn run_pending(ts: &ThreadState) {
    loop {
        let job = PENDING.with(|p| {
            let mut q = p.borrow_mut();
            let j = q.pop_front();
            if q.is_empty() {
                HAS_PENDING.with(|h| h.set(false));
            }
            j
        });
        let Some(job) = job else { return };
        run_job(ts, job);
    }
}

/// Entries of the per-thread has-`__del__` cache (direct-mapped by type address).
const DEL_CACHE: usize = 64;

thread_local! {
    /// Per type address: (address, finalizer epoch, whether the type has `__del__`), filled at safe
    /// points. Direct-mapped: one hash-free probe on every instance death.
    static HAS_DEL: Cell<[(usize, u64, bool); DEL_CACHE]> =
        const { Cell::new([(0, 0, false); DEL_CACHE]) };
}

fn del_slot(ty: usize) -> usize {
    (ty >> 6) % DEL_CACHE
}

/// Whether the type at `ty` has `__del__`, if known for the current finalizer epoch (it moves
/// when `__del__` is set anywhere, on bases changes and on class death, so neither a changed
/// class nor a reused address can hit a stale entry: `runtime::del_epoch`).
fn known_has_del(ty: usize) -> Option<bool> {
    let epoch = crate::runtime::del_epoch();
    let (t, e, has) = HAS_DEL.with(|c| {
        // SAFETY: a thread-local `Cell` read in place; nothing else runs meanwhile.
        unsafe { (*c.as_ptr())[del_slot(ty)] }
    });
    (t == ty && e == epoch).then_some(has)
}

/// Looks `__del__` up on `ty` (a safe point) and records the answer for `heap_finalize`.
fn lookup_del(ts: &ThreadState, ty: &PyType) -> Option<Value> {
    let epoch = crate::runtime::del_epoch();
    let del = ty.lookup(ts, &del_name(ts));
    let a = ty as *const PyType as usize;
    HAS_DEL.with(|c| {
        // SAFETY: as in `known_has_del`.
        unsafe { (*c.as_ptr())[del_slot(a)] = (a, epoch, del.is_some()) };
    });
    del
}

fn run_job(ts: &ThreadState, job: Job) {
    match job {
        Job::Del(obj) => {
            if let Some(del) = lookup_del(ts, obj.class()) {
                if let Err(e) = call_del(ts, &del, &obj) {
                    let msg = match protocols::repr_string(ts, &del) {
                        Ok(r) => format!("Exception ignored while calling deallocator {r}"),
                        Err(_) => "Exception ignored while calling deallocator".to_string(),
                    };
                    write_unraisable(ts, e, Some(&msg), None);
                }
            }
            drop(obj);
        }
        Job::Gen(g) => {
            if let Err(e) = crate::objects::generator::finalize(ts, &g) {
                write_unraisable(ts, e, None, Some(g.clone()));
            }
            drop(g);
        }
        Job::WeakCallback { wr, callback } => {
            if let Err(e) = protocols::call(ts, &callback, std::slice::from_ref(&wr), None) {
                write_unraisable(
                    ts,
                    e,
                    Some("Exception ignored while calling weakref callback"),
                    Some(callback),
                );
            }
        }
    }
}

/// Calls `__del__`, a descriptor found on the type, bound to `obj`.
fn call_del(ts: &ThreadState, del: &Value, obj: &Value) -> PyResult<Value> {
    protocols::call_method_descr(ts, del, obj, &[])
}

/// Reports an exception nobody can catch through `sys.unraisablehook` (CPython's
/// `PyErr_FormatUnraisable`); falls back to a line on stderr if the hook itself fails.
pub fn write_unraisable(ts: &ThreadState, e: PyErr, msg: Option<&str>, obj: Option<Value>) {
    let exc = e.into_value();
    let report = || -> PyResult<()> {
        let sys = crate::import::import_module(ts, "sys")?;
        let hook = protocols::get_attr_str(ts, &sys, "unraisablehook")?;
        let tb = exc
            .downcast::<crate::objects::exceptions::PyBaseException>()
            .and_then(|b| b.traceback())
            .unwrap_or_else(none);
        let args = crate::objects::module::new_namespace(
            ts,
            vec![
                ("exc_type", exc.class().to_value()),
                ("exc_value", exc.clone()),
                ("exc_traceback", tb),
                ("err_msg", msg.map(|m| ts.new_str(m)).unwrap_or_else(none)),
                ("object", obj.clone().unwrap_or_else(none)),
            ],
        )?;
        protocols::call(ts, &hook, &[args], None)?;
        Ok(())
    };
    if report().is_err() {
        eprintln!(
            "Exception ignored in: {}",
            obj.map(|o| o.class().name()).unwrap_or_default()
        );
    }
}

/// gc's finalize hook for instances of Python classes: if the class has `__del__`, take the
/// object over and queue the call.
///
/// # Safety
/// gc's contract for `GcVtable::finalize` (count 0, nothing freed, called once per death).
pub unsafe fn heap_finalize(h: NonNull<ObjHeader>) -> bool {
    if with_current(|_| ()).is_none() {
        return false;
    }
    // SAFETY: the object is intact (count 0, nothing freed): its type pointer is live.
    let ty = unsafe { h.as_ref().type_ptr() } as usize;
    // Only a cache probe here: a type-dict lookup would lock dicts inside whatever decref got
    // us here. Unknown (or stale) types are queued; the safe point looks `__del__` up for real.
    if known_has_del(ty) == Some(false) {
        return false;
    }
    // SAFETY: inside the finalize hook, on its header, once.
    let r = unsafe { gc::resurrect(h) };
    push(Job::Del(Value::from_obj(r)));
    true
}

/// gc's finalize hook for generators and coroutines: queue `close()` (or the "never awaited"
/// warning) when the generator still has a frame that needs it.
///
/// # Safety
/// As [`heap_finalize`].
pub unsafe fn gen_finalize(h: NonNull<ObjHeader>) -> bool {
    if with_current(|_| ()).is_none() {
        return false;
    }
    // SAFETY: intact object whose payload is a `PyGenerator` (this hook is only in its vtable).
    let g = unsafe {
        &*crate::object::payload_ptr::<crate::objects::generator::PyGenerator>(h.as_ref())
    };
    // SAFETY: as above: the type pointer is live.
    let ty = unsafe { &*(h.as_ref().type_ptr() as *const PyType) };
    if !crate::objects::generator::needs_finalizer(g, ty) {
        return false;
    }
    // SAFETY: inside the finalize hook, on its header, once.
    let r = unsafe { gc::resurrect(h) };
    push(Job::Gen(Value::from_obj(r)));
    true
}

/// The interned `"__del__"` (immortal), cached per thread.
fn del_name(ts: &ThreadState) -> Value {
    thread_local! {
        static NAME: RefCell<Option<Value>> = const { RefCell::new(None) };
    }
    if let Some(v) = NAME.with(|n| n.borrow().clone()) {
        return v;
    }
    let v = ts.intern("__del__");
    NAME.with(|n| *n.borrow_mut() = Some(v.clone()));
    v
}

// --- the collector driver ---

thread_local! {
    /// Set while this thread runs a collection's finalizers (`gc.collect()` inside `__del__`
    /// returns 0 instead of nesting).
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
}

/// Figures of the last collection, for `gc.callbacks` and `gc.get_stats`.
#[derive(Clone, Copy, Default)]
pub struct Collected {
    pub collected: usize,
    pub uncollectable: usize,
}

/// Runs a full collection: returns how many unreachable objects were found (CPython's
/// `gc.collect()` result). `gc.callbacks` are called around it by the `gc` module.
pub fn collect(ts: &ThreadState) -> Collected {
    if COLLECTING.with(|c| c.replace(true)) {
        return Collected::default();
    }
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            COLLECTING.with(|c| c.set(false));
        }
    }
    let _reset = Reset;
    // Finalizers queued before: run them first, so their objects can die by refcounting.
    run_pending(ts);
    let Some(mut u) = gc::collect(&ts.gc, |_| {}) else {
        return Collected::default();
    };
    let found = u.len();
    if found == 0 {
        u.finish();
        return Collected::default();
    }
    // Heap lists are newest first: finalize in allocation order, as CPython's lists do.
    let mut members: Vec<Value> = u.iter().map(|o| Value::from_obj(o.clone())).collect();
    members.reverse();
    // 1. Weak references to garbage die first; callbacks of weakrefs outside the garbage run.
    crate::objects::weakref::clear_for_collection(ts, &members);
    run_pending(ts);
    // 2. Finalizers, once each (PEP 442).
    for v in &members {
        let Some(h) = v.header() else { continue };
        if h.gc_bits() & gc::gc_bits::FINALIZED != 0 {
            continue;
        }
        let ty = v.class();
        if ty.is_heap() {
            if lookup_del(ts, ty).is_some() {
                h.set_vm_bits(gc::gc_bits::FINALIZED);
                run_job(ts, Job::Del(v.clone()));
            }
        } else if let Some(g) = v.downcast::<crate::objects::generator::PyGenerator>() {
            if crate::objects::generator::needs_finalizer(g, ty) {
                h.set_vm_bits(gc::gc_bits::FINALIZED);
                run_job(ts, Job::Gen(v.clone()));
            }
        }
    }
    run_pending(ts);
    drop(members);
    // 3. Whatever a finalizer made reachable again survives; 4. the rest is cleared.
    u.check_resurrection(&ts.gc);
    u.finish();
    run_pending(ts);
    Collected {
        collected: found,
        uncollectable: 0,
    }
}

/// The eval breaker's answer to `GC_SCHEDULED`: collects if a collection is still due.
pub fn maybe_collect(ts: &ThreadState) {
    if gc::collection_due() && !COLLECTING.with(|c| c.get()) {
        crate::builtins::gc_module::collect_with_callbacks(ts, 2);
    }
}
