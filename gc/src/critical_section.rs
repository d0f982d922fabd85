//! Critical sections: the only way the VM locks objects (PEP 703; CPython's
//! `Python/critical_section.c`).
//!
//! A critical section locks an object's header mutex for the duration of a closure. Sections
//! form a per-thread stack. Whenever the thread detaches (it parks on a mutex, blocks in I/O, or
//! answers a stop-the-world request) every active section is *suspended* (its mutexes unlocked);
//! when the thread re-attaches only the top-most one is resumed, and the ones below are resumed
//! as the sections above them end. So a thread never waits while holding a section's lock, and
//! no lock-order deadlock among sections is possible (DESIGN: cs-never-wait-holding).
//!
//! The price: inside the closure, only this section's lock is guaranteed held, and only between
//! operations that can't block or run Python code. After such an operation, re-validate state.
//! No `&mut` into an object may survive one (the guard API makes that structural).
//!
//! Two-object sections lock in address order, and never wait holding one of the two. Re-entering
//! a section on a mutex the top-most section already holds is a no-op record. While a thread has
//! the world stopped, its sections skip locking (the holder may be a suspended thread).
//!
//! Entry points: [`with_critical_section`], [`with_critical_section2`].

use crate::header::ObjHeader;
use crate::mutex::RawMutex;
use crate::thread::ThreadState;
use std::cell::{Cell, RefCell};
use std::marker::PhantomData;
use std::ptr;

/// One stack record. `m1`/`m2` are filled in as they are acquired; `active` is false while
/// suspended. A record with neither mutex is a no-op (re-entry) or still waiting.
#[derive(Clone, Copy)]
struct Record {
    m1: *const RawMutex,
    m2: *const RawMutex,
    active: bool,
}

/// The per-thread stack of critical sections (thread-private: only its thread touches it).
pub(crate) struct CsStack {
    records: RefCell<Vec<Record>>,
    resuming: Cell<bool>,
}

impl CsStack {
    pub(crate) fn new() -> Self {
        CsStack {
            records: RefCell::new(Vec::new()),
            resuming: Cell::new(false),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.records.borrow().is_empty()
    }

    /// Unlocks every active record from the top down (the thread is detaching).
    pub(crate) fn suspend_all(&self) {
        let mut recs = self.records.borrow_mut();
        for r in recs.iter_mut().rev() {
            if !r.active {
                break;
            }
            // SAFETY: an active record's filled mutexes are held by this thread.
            unsafe { unlock_pair(r.m1, r.m2) };
            r.active = false;
        }
    }

    /// Re-locks the top record if it is suspended (the thread attached, or the section above
    /// it ended). Waiting for the lock may detach again; that nested attach does not recurse here.
    pub(crate) fn resume_top(&self, ts: &ThreadState) {
        if self.resuming.get() {
            return;
        }
        let Some(top) = self.records.borrow().last().copied() else {
            return;
        };
        if top.active {
            return;
        }
        self.resuming.set(true);
        lock_pair(ts, top.m1, top.m2);
        self.resuming.set(false);
        if let Some(r) = self.records.borrow_mut().last_mut() {
            r.active = true;
        }
    }

    fn top_holds(&self, m: *const RawMutex) -> bool {
        self.records
            .borrow()
            .last()
            .is_some_and(|r| r.active && (ptr::eq(r.m1, m) || ptr::eq(r.m2, m)))
    }

    fn push(&self, r: Record) {
        self.records.borrow_mut().push(r);
    }

    fn fill_top(&self, m1: *const RawMutex, m2: *const RawMutex) {
        let mut recs = self.records.borrow_mut();
        let r = recs
            .last_mut()
            .expect("critical-section stack emptied under a live section");
        r.m1 = m1;
        r.m2 = m2;
    }

    /// Ends the top section: unlock it (if active), pop, resume the new top if suspended.
    fn pop(&self, ts: &ThreadState) {
        let r = self
            .records
            .borrow_mut()
            .pop()
            .expect("critical-section stack underflow");
        if r.active {
            // SAFETY: an active record's filled mutexes are held by this thread.
            unsafe { unlock_pair(r.m1, r.m2) };
        }
        self.resume_top(ts);
    }
}

/// Locks `m1` then `m2` (either may be null; m1 < m2 by address), never waiting while holding one.
fn lock_pair(ts: &ThreadState, m1: *const RawMutex, m2: *const RawMutex) {
    // SAFETY: record mutexes point into headers of objects the section's closure borrows,
    // which outlive the section.
    let (a, b) = unsafe { (m1.as_ref(), m2.as_ref()) };
    match (a, b) {
        (None, None) => {}
        (Some(a), None) | (None, Some(a)) => a.lock_detaching(ts),
        (Some(a), Some(b)) => loop {
            a.lock_detaching(ts);
            if b.try_lock() {
                return;
            }
            // SAFETY: taken just above on this thread.
            unsafe { a.unlock() };
            // Wait for `b` holding nothing, then retry in address order.
            b.lock_detaching(ts);
            // SAFETY: as above.
            unsafe { b.unlock() };
        },
    }
}

/// # Safety
/// Non-null arguments are mutexes this thread holds.
unsafe fn unlock_pair(m1: *const RawMutex, m2: *const RawMutex) {
    // SAFETY: caller's contract; record mutexes outlive their records (see `lock_pair`).
    unsafe {
        if let Some(b) = m2.as_ref() {
            b.unlock();
        }
        if let Some(a) = m1.as_ref() {
            a.unlock();
        }
    }
}

/// Proof, inside a critical section's closure, that `obj`'s lock is held (see the module doc for
/// what "held" means across blocking calls). Not `Send`: the lock belongs to this thread.
pub struct CsGuard<'a> {
    obj: &'a ObjHeader,
    _not_send: PhantomData<*const ()>,
}

impl<'a> CsGuard<'a> {
    /// The locked object.
    pub fn object(&self) -> &'a ObjHeader {
        self.obj
    }
}

/// Proof that both objects of a two-object section are locked.
pub struct CsGuard2<'a> {
    a: &'a ObjHeader,
    b: &'a ObjHeader,
    _not_send: PhantomData<*const ()>,
}

impl<'a> CsGuard2<'a> {
    /// The two locked objects, in the order given.
    pub fn objects(&self) -> (&'a ObjHeader, &'a ObjHeader) {
        (self.a, self.b)
    }
}

/// Pops the section on every exit path, including a panic in the closure.
struct PopOnDrop<'a>(&'a ThreadState);

impl Drop for PopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.cs.pop(self.0);
    }
}

/// Runs `f` inside a critical section on `obj`.
#[inline]
pub fn with_critical_section<R>(
    ts: &ThreadState,
    obj: &ObjHeader,
    f: impl FnOnce(&CsGuard<'_>) -> R,
) -> R {
    assert!(ts.is_attached(), "critical section on a detached thread");
    let m: *const RawMutex = obj.mutex();
    let cs = &ts.cs;
    let noop = Record {
        m1: ptr::null(),
        m2: ptr::null(),
        active: true,
    };
    if cs.top_holds(m) || ts.stopping.get() {
        cs.push(noop);
    } else if obj.mutex().try_lock() {
        cs.push(Record {
            m1: m,
            m2: ptr::null(),
            active: true,
        });
    } else {
        // Push first with no mutex: if we park, the detach suspends the sections below (ours
        // holds nothing), and the attach after the park resumes nothing.
        cs.push(noop);
        obj.mutex().lock_detaching(ts);
        cs.fill_top(m, ptr::null());
    }
    let _pop = PopOnDrop(ts);
    f(&CsGuard {
        obj,
        _not_send: PhantomData,
    })
}

/// Runs `f` inside one critical section on both `a` and `b` (locked in address order; the same
/// object twice is a one-object section).
pub fn with_critical_section2<R>(
    ts: &ThreadState,
    a: &ObjHeader,
    b: &ObjHeader,
    f: impl FnOnce(&CsGuard2<'_>) -> R,
) -> R {
    assert!(ts.is_attached(), "critical section on a detached thread");
    if ptr::eq(a, b) {
        return with_critical_section(ts, a, |_| {
            f(&CsGuard2 {
                a,
                b,
                _not_send: PhantomData,
            })
        });
    }
    let (ma, mb): (*const RawMutex, *const RawMutex) = (a.mutex(), b.mutex());
    let (m1, m2) = if (ma as usize) < (mb as usize) {
        (ma, mb)
    } else {
        (mb, ma)
    };
    let cs = &ts.cs;
    let noop = Record {
        m1: ptr::null(),
        m2: ptr::null(),
        active: true,
    };
    if ts.stopping.get() || (cs.top_holds(m1) && cs.top_holds(m2)) {
        cs.push(noop);
    } else if cs.top_holds(m1) || cs.top_holds(m2) {
        // The top section holds one of the two. Locking the other on top of it could wait while
        // holding a section's lock, so suspend everything first (as a detach would) and take
        // both in address order; the sections below resume as ours ends.
        cs.suspend_all();
        cs.push(noop);
        lock_pair(ts, m1, m2);
        cs.fill_top(m1, m2);
    } else {
        // SAFETY: both point into headers borrowed for this call.
        let (r1, r2) = unsafe { (&*m1, &*m2) };
        if r1.try_lock() {
            if r2.try_lock() {
                cs.push(Record {
                    m1,
                    m2,
                    active: true,
                });
            } else {
                // SAFETY: taken just above on this thread.
                unsafe { r1.unlock() };
                cs.push(noop);
                lock_pair(ts, m1, m2);
                cs.fill_top(m1, m2);
            }
        } else {
            cs.push(noop);
            lock_pair(ts, m1, m2);
            cs.fill_top(m1, m2);
        }
    }
    let _pop = PopOnDrop(ts);
    f(&CsGuard2 {
        a,
        b,
        _not_send: PhantomData,
    })
}
