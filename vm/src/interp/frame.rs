//! Frames and the per-thread data stack they live on.
//!
//! A frame's value slots (`localsplus` then the evaluation stack) are one contiguous run of
//! `Option<Value>` words. Ordinary frames take their run from the thread's [`DataStack`], a
//! list of fixed chunks that never move (pointers into them stay valid) and are reused LIFO,
//! so a call allocates nothing. Frames of generator and coroutine code take a heap block
//! instead, which RETURN_GENERATOR moves into the generator object: the frame then lives
//! inside the generator (CPython's layout) and is resumed in place.
//!
//! The [`Frame`] header (code, globals, instruction pointer, …) is a small struct kept in the
//! thread's frame list (`ThreadState::frames`), boxed so its address is stable while nested
//! native calls push more frames; the eval loop works on a raw pointer to the top one.

use crate::objects::code::PyCode;
use crate::value::Value;
use std::cell::{Cell, UnsafeCell};

/// Slots per data-stack chunk (a frame larger than this gets its own chunk).
const CHUNK_SLOTS: usize = 16 * 1024;

/// The thread's stack of frame slot runs.
pub struct DataStack {
    chunks: UnsafeCell<Vec<Box<[Option<Value>]>>>,
    /// Index of the chunk in use and the first free slot in it.
    chunk: Cell<usize>,
    top: Cell<usize>,
}

/// Where a frame's slots came from, to give them back.
#[derive(Clone, Copy, Debug)]
pub struct StackMark {
    chunk: usize,
    top: usize,
}

impl Default for DataStack {
    fn default() -> Self {
        Self::new()
    }
}

impl DataStack {
    pub fn new() -> DataStack {
        DataStack {
            chunks: UnsafeCell::new(Vec::new()),
            chunk: Cell::new(0),
            top: Cell::new(0),
        }
    }

    /// `n` empty slots; give them back with [`DataStack::pop`] (LIFO).
    pub fn push(&self, n: usize) -> (*mut Option<Value>, StackMark) {
        let mark = StackMark {
            chunk: self.chunk.get(),
            top: self.top.get(),
        };
        // SAFETY: only this thread touches its data stack, and no reference into `chunks`
        // outlives this call (frames hold raw pointers into the boxed chunks, which never move).
        let chunks = unsafe { &mut *self.chunks.get() };
        let mut ci = self.chunk.get();
        let mut top = self.top.get();
        loop {
            if ci >= chunks.len() {
                let size = CHUNK_SLOTS.max(n);
                chunks.push((0..size).map(|_| None).collect());
            }
            if top + n <= chunks[ci].len() {
                break;
            }
            ci += 1;
            top = 0;
        }
        let p = chunks[ci][top..].as_mut_ptr();
        self.chunk.set(ci);
        self.top.set(top + n);
        (p, mark)
    }

    /// Releases the slots taken since `mark` (the caller already emptied them).
    pub fn pop(&self, mark: StackMark) {
        self.chunk.set(mark.chunk);
        self.top.set(mark.top);
    }
}

/// Where a frame's slots live.
pub enum SlotStorage {
    Stack(StackMark),
    /// A heap block (generator code); moved into the generator by RETURN_GENERATOR.
    Heap(Box<[Option<Value>]>),
    /// Owned by a generator object that is running this frame.
    Generator,
}

/// What the eval loop does with a non-entry frame's result when it leaves the frame (CPython
/// keeps this as the caller's `return_offset` plus the shim frame of `__init__` calls).
#[derive(Default)]
pub enum ReturnTo {
    /// An ordinary call: the result goes on the caller's stack.
    #[default]
    Push,
    /// A generator resumed in line by FOR_ITER: a yielded value goes on the caller's stack; a
    /// return ends the loop (the value is dropped, the caller jumps this far forward).
    ForIter(u32),
    /// A generator or coroutine resumed in line by SEND: yields and returns push the value; a
    /// return also jumps the caller this far forward (past the `yield from` loop).
    Send(u32),
    /// A generator resumed in line by a `send()` method call: a yield pushes the value, a
    /// return raises StopIteration in the caller.
    SendMethod,
    /// An `__init__` frame of a class call: the result must be None, the caller gets `self`.
    Init(Value),
}

/// One Python frame's header. See the module doc.
pub struct Frame {
    pub code: Value,
    pub func: Option<Value>,
    pub globals: Value,
    pub builtins: Value,
    /// The locals mapping of module and class bodies (`LOAD_NAME`/`STORE_NAME`).
    pub locals: Option<Value>,
    pub slots: *mut Option<Value>,
    pub nslots: usize,
    /// Stack depth as an index into `slots` (starts at `nlocalsplus`).
    pub sp: usize,
    /// Next code unit to execute.
    pub ip: usize,
    /// Start of the instruction being executed (for tracebacks and the exception table).
    pub lasti: usize,
    pub storage: SlotStorage,
    /// Returning from this frame returns from the `run` invocation that pushed it.
    pub is_entry: bool,
    /// Where the result of a non-entry frame goes.
    pub ret: ReturnTo,
    /// The generator object running this frame, if any.
    pub gen: Option<Value>,
    /// The frame object made for tracebacks (shared by all entries of this frame).
    pub frame_obj: Option<Value>,
    /// An exception to raise as soon as the frame resumes (`generator.throw`).
    pub pending_exc: Option<crate::errors::PyErr>,
}

impl Frame {
    #[inline]
    pub fn code(&self) -> &PyCode {
        // SAFETY: `code` always holds a code object.
        unsafe { self.code.payload_unchecked::<PyCode>() }
    }

    /// Slot `i` (local, cell, free var or stack).
    #[inline]
    pub fn slot(&self, i: usize) -> &Option<Value> {
        debug_assert!(i < self.nslots, "slot {i} of {}", self.nslots);
        // SAFETY: `slots` points to `nslots` initialised words owned by this frame.
        unsafe { &*self.slots.add(i) }
    }

    #[inline]
    pub fn slot_mut(&mut self, i: usize) -> &mut Option<Value> {
        debug_assert!(i < self.nslots, "slot {i} of {}", self.nslots);
        // SAFETY: as in `slot`; `&mut self` makes the access exclusive.
        unsafe { &mut *self.slots.add(i) }
    }

    #[inline]
    pub fn push(&mut self, v: Value) {
        let sp = self.sp;
        *self.slot_mut(sp) = Some(v);
        self.sp = sp + 1;
    }

    /// Pops a stack value; `None` for a NULL (PUSH_NULL) slot.
    #[inline]
    pub fn pop_opt(&mut self) -> Option<Value> {
        self.sp -= 1;
        let sp = self.sp;
        self.slot_mut(sp).take()
    }

    #[inline]
    pub fn push_opt(&mut self, v: Option<Value>) {
        let sp = self.sp;
        *self.slot_mut(sp) = v;
        self.sp = sp + 1;
    }

    /// The value `n` below the top (0 = top).
    #[inline]
    pub fn peek(&self, n: usize) -> &Option<Value> {
        self.slot(self.sp - 1 - n)
    }

    /// The top `n` stack values, bottom first.
    #[inline]
    pub fn top_slice(&self, n: usize) -> &[Option<Value>] {
        // SAFETY: the top `n` slots are inside the frame's run.
        unsafe { std::slice::from_raw_parts(self.slots.add(self.sp - n), n) }
    }

    /// Drops every value the frame holds (locals and stack).
    pub fn clear_slots(&mut self) {
        for i in 0..self.nslots {
            let v = self.slot_mut(i).take();
            drop(v);
        }
        self.sp = self.code().nlocalsplus;
    }
}
