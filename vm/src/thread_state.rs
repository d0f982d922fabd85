//! `ThreadState`: everything one OS thread needs to run Python code. Wraps gc's thread state
//! (attach/detach, eval breaker, critical sections) and adds the VM's per-thread data: the data
//! stack that frames live on, the handled exception (`sys.exception()`), recursion depths and
//! thread-local lookup caches. Not `Send`: created on its thread, dropped there.
//!
//! Entry points: [`ThreadState::new`] (register the calling thread), [`ThreadState::detached`]
//! (every blocking call), [`ThreadState::enter_native_call`] (Rust code calling back into
//! Python checks the Rust stack budget here).

use crate::errors::PyResult;
use crate::interp::frame::DataStack;
use crate::runtime::Runtime;
use crate::value::Value;
use std::cell::{Cell, RefCell};
use std::sync::Arc;

/// Nested native→Python calls allowed before RecursionError, whatever the Python limit: each
/// costs a few KiB of Rust stack (eval loop + call helpers). Threads get 16 MiB stacks
/// (`_thread` and the main thread runner), so 1,500 levels stay far below that.
pub const NATIVE_DEPTH_LIMIT: u32 = 1500;

/// Versions handed out to dicts are reserved from the runtime in blocks, so bumping a dict's
/// version touches no shared cache line.
const VERSION_BLOCK: u64 = 1024;

/// One thread's VM state.
pub struct ThreadState {
    pub gc: gc::ThreadState,
    pub rt: Arc<Runtime>,
    /// The exception being handled (`sys.exception()`), saved/restored by PUSH_EXC_INFO /
    /// POP_EXCEPT and swapped by generators.
    pub(crate) handled: RefCell<Option<Value>>,
    /// The handled exceptions below running generators (CPython's `exc_info` chain): a
    /// generator runs with its own saved state in `handled`, and `sys.exception()` looks
    /// through to these, innermost last, while that is empty.
    pub(crate) handled_below: RefCell<Vec<Option<Value>>>,
    /// Python frames on this thread.
    pub(crate) py_depth: Cell<u32>,
    /// Rust-level re-entries into the eval loop (native code calling Python).
    pub(crate) native_depth: Cell<u32>,
    pub(crate) data_stack: DataStack,
    next_version: Cell<u64>,
    version_end: Cell<u64>,
    pub(crate) caches: RefCell<crate::interp::cache::ThreadCaches>,
    /// This thread's Python frames (boxed: their addresses stay stable).
    #[allow(clippy::vec_box)]
    pub(crate) frames: RefCell<Vec<Box<crate::interp::frame::Frame>>>,
    #[allow(clippy::vec_box)]
    pub(crate) frame_pool: RefCell<Vec<Box<crate::interp::frame::Frame>>>,
    /// Set while a RecursionError propagates (grants headroom to handlers).
    pub(crate) in_recursion_error: Cell<bool>,
    /// Objects whose repr is in progress (`[...]` for recursive containers).
    pub(crate) repr_stack: RefCell<Vec<usize>>,
    /// `_thread._local` dicts of this thread.
    pub(crate) thread_locals: RefCell<crate::builtins::thread::ThreadLocals>,
    /// `threading.get_ident()`.
    pub ident: u64,
    /// Debug builds: print every instruction (`LADON_TRACE_OPS`).
    #[cfg(debug_assertions)]
    pub(crate) trace_ops: bool,
}

impl ThreadState {
    /// Registers the calling OS thread with gc and the runtime.
    pub fn new(rt: Arc<Runtime>) -> Result<ThreadState, gc::AlreadyRegistered> {
        let g = gc::ThreadState::register()?;
        Ok(ThreadState {
            gc: g,
            rt,
            handled: RefCell::new(None),
            handled_below: RefCell::new(Vec::new()),
            py_depth: Cell::new(0),
            native_depth: Cell::new(0),
            data_stack: DataStack::new(),
            next_version: Cell::new(0),
            version_end: Cell::new(0),
            caches: RefCell::new(Default::default()),
            frames: RefCell::new(Vec::new()),
            frame_pool: RefCell::new(Vec::new()),
            in_recursion_error: Cell::new(false),
            repr_stack: RefCell::new(Vec::new()),
            thread_locals: RefCell::new(Default::default()),
            ident: current_ident(),
            #[cfg(debug_assertions)]
            trace_ops: std::env::var_os("LADON_TRACE_OPS").is_some(),
        })
    }

    /// A fresh, process-unique version number (dict versions, type epochs).
    #[inline]
    pub fn next_version(&self) -> u64 {
        let v = self.next_version.get();
        if v < self.version_end.get() {
            self.next_version.set(v + 1);
            return v;
        }
        let start = self.rt.reserve_versions(VERSION_BLOCK);
        self.next_version.set(start + 1);
        self.version_end.set(start + VERSION_BLOCK);
        start
    }

    /// Runs `f` detached from the runtime (a blocking call: it must not touch objects).
    pub fn detached<R>(&self, f: impl FnOnce() -> R) -> R {
        self.gc.detached(f)
    }

    /// Counts a native→Python re-entry; RecursionError past the Rust stack budget.
    pub fn enter_native_call(&self, what: &str) -> PyResult<NativeDepthGuard<'_>> {
        let d = self.native_depth.get() + 1;
        if d > NATIVE_DEPTH_LIMIT {
            return Err(self.recursion_error(format!("maximum recursion depth exceeded{what}")));
        }
        self.native_depth.set(d);
        Ok(NativeDepthGuard(self))
    }

    /// The interned str for `s`.
    pub fn intern(&self, s: &str) -> Value {
        self.rt.intern(self, s)
    }

    /// The handled exception (`sys.exception()`): the innermost non-empty state.
    pub fn handled_exception(&self) -> Option<Value> {
        if let Some(v) = &*self.handled.borrow() {
            return Some(v.clone());
        }
        self.handled_below
            .borrow()
            .iter()
            .rev()
            .find_map(|v| v.clone())
    }

    /// A generator resumes: its own handled exception goes on top of the chain.
    pub(crate) fn push_exc_state(&self, own: Option<Value>) {
        let below = self.set_handled(own);
        self.handled_below.borrow_mut().push(below);
    }

    /// The generator stops running: returns its handled exception, restores the caller's.
    pub(crate) fn pop_exc_state(&self) -> Option<Value> {
        let below = self.handled_below.borrow_mut().pop().flatten();
        self.set_handled(below)
    }

    pub(crate) fn set_handled(&self, v: Option<Value>) -> Option<Value> {
        std::mem::replace(&mut *self.handled.borrow_mut(), v)
    }
}

/// Undoes [`ThreadState::enter_native_call`] on drop.
pub struct NativeDepthGuard<'a>(&'a ThreadState);

impl Drop for NativeDepthGuard<'_> {
    fn drop(&mut self) {
        self.0.native_depth.set(self.0.native_depth.get() - 1);
    }
}

/// The OS thread's identifier as Python reports it (`threading.get_ident()`).
pub fn current_ident() -> u64 {
    #[cfg(unix)]
    {
        extern "C" {
            fn pthread_self() -> usize;
        }
        // SAFETY: pthread_self has no preconditions.
        unsafe { pthread_self() as u64 }
    }
    #[cfg(not(unix))]
    {
        0
    }
}

/// The kernel thread id (`threading.get_native_id()`).
pub fn native_thread_id() -> u64 {
    #[cfg(target_os = "linux")]
    {
        extern "C" {
            fn gettid() -> i32;
        }
        // SAFETY: gettid has no preconditions.
        unsafe { gettid() as u64 }
    }
    #[cfg(not(target_os = "linux"))]
    {
        current_ident()
    }
}

/// Marks an object's repr as in progress; `None` if it already is (a recursive container).
pub struct ReprGuard<'a> {
    ts: &'a ThreadState,
}

impl ThreadState {
    pub fn repr_enter(&self, v: &Value) -> Option<ReprGuard<'_>> {
        let id = v.identity();
        let mut s = self.repr_stack.borrow_mut();
        if s.contains(&id) {
            return None;
        }
        s.push(id);
        Some(ReprGuard { ts: self })
    }
}

impl Drop for ReprGuard<'_> {
    fn drop(&mut self) {
        self.ts.repr_stack.borrow_mut().pop();
    }
}

impl Drop for ThreadState {
    fn drop(&mut self) {
        // Release everything this thread still references before gc's exit protocol runs.
        let locals = std::mem::take(&mut *self.thread_locals.borrow_mut());
        drop(locals);
        let caches = std::mem::take(&mut *self.caches.borrow_mut());
        drop(caches);
        let pool = std::mem::take(&mut *self.frame_pool.borrow_mut());
        drop(pool);
        let h = self.handled.borrow_mut().take();
        drop(h);
        let below = std::mem::take(&mut *self.handled_below.borrow_mut());
        drop(below);
    }
}
