//! Allocation and deallocation of objects, and the lists that make every GC object findable.
//!
//! Memory comes from the global allocator (the `ladon` binary installs mimalloc). CPython finds
//! GC objects by walking its patched mimalloc heaps; we cannot walk the global allocator, so a
//! GC object (its vtable has `trace`) carries a `GcLink` pre-header and sits on a doubly linked
//! *heap list* (DESIGN: gc-findable). Layout of a block:
//!
//! ```text
//!   [GcLink: next prev list gc_refs] [ObjHeader 32 B] [payload]     (GC types)
//!                                    [ObjHeader 32 B] [payload]     (other types)
//! ```
//!
//! Each registered thread has its own list; the owner links objects it allocates (its list's
//! leaf lock is uncontended), and whoever frees an object unlinks it from the list named in its
//! link. A list outlives its thread: on exit it is marked abandoned and stays in the runtime's
//! list of lists until it is empty, so the collector still sees those objects. Threads that are
//! not registered allocate onto an orphan list. `gc_refs` is collector scratch, touched only in a
//! pause. The cost is 32 bytes per GC object, against CPython's zero; a heap walk over our own
//! segments would remove it.
//!
//! Memory of an object marked `DELAYED_FREE` (readable lock-free, see
//! `ObjRef::mark_readable_lock_free`) is returned through QSBR, so a reader that still holds the
//! pointer reads a dead header (count 0, refusing `try_incref`) rather than freed memory.
//!
//! Entry points: [`alloc`], `dealloc`, `HeapGlobal`.

use crate::header::{gc_bits, payload_offset, GcVtable, ObjHeader};
use crate::mutex::LeafMutex;
use crate::registry::{breaker, runtime};
use crate::sync::{Arc, AtomicBool, AtomicIsize, Ordering, ALLOC_COUNT_FLUSH};
use crate::thread::ThreadState;
use std::alloc::Layout;
use std::cell::Cell;
use std::ptr::{self, NonNull};

/// Pre-header of a GC object. `next`/`prev`/`list` are protected by the lock of the list the
/// object is on; `gc_refs` only by the world being stopped.
#[repr(C)]
pub(crate) struct GcLink {
    next: *mut GcLink,
    prev: *mut GcLink,
    list: *const HeapList,
    pub(crate) gc_refs: isize,
}

const LINK_SIZE: usize = std::mem::size_of::<GcLink>();

/// One thread's list of GC objects.
pub(crate) struct HeapList {
    head: LeafMutex<ListHead>,
    abandoned: AtomicBool,
}

struct ListHead {
    first: *mut GcLink,
    len: usize,
}

// SAFETY: the raw pointers are GC objects' links, touched only under `head`'s lock or in a pause.
unsafe impl Send for ListHead {}

impl HeapList {
    fn new() -> Self {
        HeapList {
            head: LeafMutex::new(ListHead {
                first: ptr::null_mut(),
                len: 0,
            }),
            abandoned: AtomicBool::new(false),
        }
    }

    /// # Safety
    /// `link` is a fresh GC block not on any list.
    unsafe fn push(&self, link: *mut GcLink) {
        self.head.with(|h| {
            // SAFETY: we hold the list lock; `link` is ours; `h.first` is on this list.
            unsafe {
                (*link).next = h.first;
                (*link).prev = ptr::null_mut();
                (*link).list = self;
                if !h.first.is_null() {
                    (*h.first).prev = link;
                }
            }
            h.first = link;
            h.len += 1;
        });
    }

    /// # Safety
    /// `link` is on this list.
    unsafe fn unlink(&self, link: *mut GcLink) {
        self.head.with(|h| {
            // SAFETY: we hold the list lock and `link` and its neighbours are on this list.
            unsafe {
                let (next, prev) = ((*link).next, (*link).prev);
                if prev.is_null() {
                    h.first = next;
                } else {
                    (*prev).next = next;
                }
                if !next.is_null() {
                    (*next).prev = prev;
                }
            }
            h.len -= 1;
        });
    }

    pub(crate) fn len(&self) -> usize {
        self.head.with(|h| h.len)
    }

    /// Calls `f` on each object of the list. World stopped (no concurrent link or unlink).
    pub(crate) fn for_each_in_pause(&self, mut f: impl FnMut(NonNull<ObjHeader>, *mut GcLink)) {
        let first = self.head.with(|h| h.first);
        let mut cur = first;
        while !cur.is_null() {
            // SAFETY: the world is stopped, so the list doesn't change; `cur` is a live block.
            let next = unsafe { (*cur).next };
            f(header_of(cur), cur);
            cur = next;
        }
    }
}

/// Runtime-wide heap state.
pub(crate) struct HeapGlobal {
    lists: LeafMutex<Vec<Arc<HeapList>>>,
    orphan: Arc<HeapList>,
    /// GC objects allocated minus freed since the last collection (flushed in batches).
    pub(crate) gc_count: AtomicIsize,
    /// Objects that survived the last collection.
    pub(crate) long_lived: AtomicIsize,
}

impl HeapGlobal {
    pub(crate) fn new() -> Self {
        let orphan = Arc::new(HeapList::new());
        HeapGlobal {
            lists: LeafMutex::new(vec![orphan.clone()]),
            orphan,
            gc_count: AtomicIsize::new(0),
            long_lived: AtomicIsize::new(0),
        }
    }

    pub(crate) fn new_list(&self) -> Arc<HeapList> {
        let l = Arc::new(HeapList::new());
        self.lists.with(|v| v.push(l.clone()));
        l
    }

    /// Thread exit: the list stays walkable until it is empty.
    pub(crate) fn abandon_list(&self, l: &Arc<HeapList>) {
        // ORDERING: Relaxed: read only by `snapshot_lists` under the `lists` lock, which orders it.
        l.abandoned.store(true, Ordering::Relaxed);
        if l.len() == 0 {
            self.lists.with(|v| v.retain(|x| !Arc::ptr_eq(x, l)));
        }
    }

    /// Every list, dropping abandoned ones that have emptied (world stopped).
    pub(crate) fn snapshot_lists(&self) -> Vec<Arc<HeapList>> {
        self.lists.with(|v| {
            // ORDERING: Relaxed: see `abandon_list`.
            v.retain(|l| !(l.abandoned.load(Ordering::Relaxed) && l.len() == 0));
            v.clone()
        })
    }
}

/// Bytes of pre-header before the `ObjHeader` for a type.
#[inline]
fn prefix(vt: &GcVtable) -> usize {
    if vt.trace.is_some() {
        let a = block_align(vt);
        (LINK_SIZE + a - 1) & !(a - 1)
    } else {
        0
    }
}

#[inline]
fn block_align(vt: &GcVtable) -> usize {
    vt.align.max(std::mem::align_of::<ObjHeader>())
}

fn block_layout(vt: &GcVtable, payload: usize) -> Option<Layout> {
    let size = prefix(vt)
        .checked_add(payload_offset(vt.align))?
        .checked_add(payload)?;
    Layout::from_size_align(size, block_align(vt)).ok()
}

#[inline]
fn header_of(link: *mut GcLink) -> NonNull<ObjHeader> {
    // SAFETY: `link` starts a GC block; `alloc` rejects over-aligned GC types, so the prefix is
    // exactly LINK_SIZE and the header follows it; the result is non-null.
    unsafe { NonNull::new_unchecked(link.cast::<u8>().add(LINK_SIZE).cast::<ObjHeader>()) }
}

#[inline]
pub(crate) fn link_of(h: NonNull<ObjHeader>) -> *mut GcLink {
    // Inverse of `header_of` (GC types only).
    h.as_ptr()
        .cast::<u8>()
        .wrapping_sub(LINK_SIZE)
        .cast::<GcLink>()
}

crate::sync::thread_local! {
    static ALLOC_DELTA: Cell<i32> = Cell::new(0);
}

/// Counts a GC allocation (+1) or free (-1); flushes to the global counter in batches and
/// schedules a collection on this thread when the threshold is crossed.
fn count_gc_object(delta: i32) {
    let flushed = ALLOC_DELTA.with(|c| {
        let v = c.get() + delta;
        if v.abs() >= ALLOC_COUNT_FLUSH {
            c.set(0);
            Some(v)
        } else {
            c.set(v);
            None
        }
    });
    let Some(v) = flushed else { return };
    let heap = &runtime().heap;
    // ORDERING: Relaxed: a statistic that only schedules a collection.
    let count = heap.gc_count.fetch_add(v as isize, Ordering::Relaxed) + v as isize;
    if v > 0 && runtime().gc.should_collect(count) {
        crate::thread::with_current(|t| {
            if let Some(t) = t {
                t.request(breaker::GC_SCHEDULED);
            }
        });
    }
}

/// Why an allocation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllocError {
    /// The size overflows or the alignment is unsupported.
    BadLayout,
    /// The allocator returned null (the VM raises `MemoryError`).
    OutOfMemory,
}

impl std::fmt::Display for AllocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AllocError::BadLayout => "object size or alignment out of range",
            AllocError::OutOfMemory => "out of memory",
        })
    }
}

impl std::error::Error for AllocError {}

/// Allocates an object with an uninitialised payload of `payload` bytes, owned by `ts` (or born
/// merged if `ts` is None), count 1. GC types are tracked at once, so the payload must be
/// traceable (`trace` must cope with it) before the next collection can start, i.e. before the
/// caller's next eval-breaker check or detach.
///
/// # Safety
/// `vt` outlives the object; the caller initialises the payload before any `trace`, `clear`,
/// `drop` or other reader can see it.
#[inline]
pub unsafe fn alloc(
    ts: Option<&ThreadState>,
    vt: &'static GcVtable,
    payload: usize,
) -> Result<NonNull<ObjHeader>, AllocError> {
    debug_assert!(
        ts.is_none_or(|t| t.is_attached()),
        "allocation on a detached thread"
    );
    let tracked = vt.trace.is_some();
    let layout = if vt.align <= 8 {
        // The common case, without the general layout arithmetic: the header is 8-aligned, so
        // the pre-header (if any) and the header need no padding.
        let pre = if tracked { LINK_SIZE } else { 0 };
        let size = payload
            .checked_add(pre + std::mem::size_of::<ObjHeader>())
            .ok_or(AllocError::BadLayout)?;
        Layout::from_size_align(size, 8).map_err(|_| AllocError::BadLayout)?
    } else {
        if vt.align > 4096
            || !vt.align.is_power_of_two()
            || (tracked && vt.align > std::mem::align_of::<ObjHeader>())
        {
            return Err(AllocError::BadLayout);
        }
        block_layout(vt, payload).ok_or(AllocError::BadLayout)?
    };
    // SAFETY: the layout has non-zero size (it includes the header).
    let block = unsafe { crate::sync::block::alloc(layout) };
    if block.is_null() {
        return Err(AllocError::OutOfMemory);
    }
    let owner = ts.map_or(0, |ts| ts.id());
    // TRACKED is part of the initialising write: the block is thread-private until `push`
    // links it (under the list lock, which publishes it to the collector).
    let bits = if tracked { gc_bits::TRACKED } else { 0 };
    // SAFETY: `block` is fresh, big enough and aligned for prefix + header.
    let h = unsafe {
        let h = block.add(prefix(vt)).cast::<ObjHeader>();
        h.write(ObjHeader::new(owner, vt, bits));
        NonNull::new_unchecked(h)
    };
    if tracked {
        let link = block.cast::<GcLink>();
        // SAFETY: the link area is ours; it is initialised before being linked.
        unsafe {
            link.write(GcLink {
                next: ptr::null_mut(),
                prev: ptr::null_mut(),
                list: ptr::null(),
                gc_refs: 0,
            });
            let list = ts.map_or(&runtime().heap.orphan, |ts| &ts.heap);
            list.push(link);
        }
        count_gc_object(1);
    }
    Ok(h)
}

// `DEALLOC_QUEUED`: whether `DEALLOC_LATER` may be non-empty. The outermost `dealloc` reads
// this flag (a plain TLS load of a const-initialised cell) instead of touching the lazily
// initialised queue on every free.
crate::sync::thread_local_const! {
    static DEALLOC_DEPTH: Cell<u32> = Cell::new(0);
    static DEALLOC_QUEUED: Cell<bool> = Cell::new(false);
}

crate::sync::thread_local! {
    static DEALLOC_LATER: std::cell::RefCell<Vec<crate::brc::QueuedObj>> = std::cell::RefCell::new(Vec::new());
}

/// Drops the payload, unlinks and frees the block (now, or after a QSBR grace period).
///
/// Deallocation nests: a payload's drop releases the references it holds, which may free the
/// next object, and so on down a linked structure of any length. Past `DEALLOC_DEPTH_LIMIT`
/// levels objects are queued instead, and the outermost `dealloc` frees them in a loop, so a
/// long chain built from user input can't overflow the Rust stack (DESIGN: trashcan).
///
/// # Safety
/// The object's count is 0 and this thread made it so (I4): nobody else can obtain a reference.
pub(crate) unsafe fn dealloc(h: NonNull<ObjHeader>) {
    let depth = DEALLOC_DEPTH.with(|d| d.get());
    if depth >= crate::sync::DEALLOC_DEPTH_LIMIT {
        DEALLOC_LATER.with(|l| l.borrow_mut().push(crate::brc::QueuedObj(h)));
        DEALLOC_QUEUED.with(|q| q.set(true));
        return;
    }
    DEALLOC_DEPTH.with(|d| d.set(depth + 1));
    // SAFETY: forwarded contract.
    unsafe { dealloc_now(h) };
    if depth == 0 && DEALLOC_QUEUED.with(|q| q.replace(false)) {
        // Outermost: free what deeper levels queued (their drops may queue more).
        while let Some(crate::brc::QueuedObj(p)) = DEALLOC_LATER.with(|l| l.borrow_mut().pop()) {
            // SAFETY: queued above with this function's contract, which still holds: nobody
            // else can reach an object whose count reached 0.
            unsafe { dealloc_now(p) };
        }
    }
    DEALLOC_DEPTH.with(|d| d.set(depth));
}

/// The VM's weak-reference clearing, called by `dealloc` on objects with gc bit `WEAKREFS`.
/// A process-wide `OnceLock` (not behind `sync`): set once before any weakref exists, and
/// never by loom models.
static WEAKREF_HOOK: std::sync::OnceLock<unsafe fn(NonNull<ObjHeader>)> =
    std::sync::OnceLock::new();

/// Installs the hook `dealloc` calls on a dying object marked `gc_bits::WEAKREFS`, before its
/// payload is dropped (CPython's `PyObject_ClearWeakRefs` in `tp_dealloc`): it must detach
/// every weak reference from the object (readers synchronize with it through their own lock
/// and `try_incref`, which fails on a count-0 object) and may queue callbacks, but not run
/// Python code. The first call wins.
///
/// # Safety
/// `hook` is called with a header whose count is 0 and which is freed right after it returns;
/// it must not keep the pointer or give out references to it.
pub unsafe fn set_weakref_hook(hook: unsafe fn(NonNull<ObjHeader>)) {
    let _ = WEAKREF_HOOK.set(hook);
}

/// # Safety
/// As for [`dealloc`].
unsafe fn dealloc_now(h: NonNull<ObjHeader>) {
    // SAFETY: alive until the free below.
    let hr = unsafe { h.as_ref() };
    // Read everything we need from the vtable first: `drop` may release the type.
    let vt = hr.vtable();
    // ORDERING: Relaxed: a dying object's id is read only by us (see ptrc.rs).
    if hr.uid.load(crate::sync::Ordering::Relaxed) != 0 {
        crate::ptrc::release(hr);
    }
    if let Some(fin) = vt.finalize {
        // SAFETY: count 0, nobody else can reach the object; the hook's contract (GcVtable).
        if !hr.has_bits(gc_bits::FINALIZED) && unsafe { fin(h) } {
            return; // resurrected: the VM holds a reference now
        }
    }
    if hr.has_bits(gc_bits::WEAKREFS) {
        if let Some(hook) = WEAKREF_HOOK.get() {
            // SAFETY: hook contract: count 0, header and payload still intact.
            unsafe { hook(h) };
        }
    }
    let tracked = vt.trace.is_some();
    let payload = match vt.var_size {
        // SAFETY: the vtable's `var_size` reads the still-live payload.
        Some(f) => unsafe { f(h) },
        None => vt.size,
    };
    let pre = prefix(vt);
    // SAFETY: `alloc` built a valid layout from the same vtable and payload size (the vtable
    // describes the same layout for the object's whole life, see `set_vtable`).
    let layout = unsafe {
        Layout::from_size_align_unchecked(pre + payload_offset(vt.align) + payload, block_align(vt))
    };
    if let Some(drop) = vt.drop {
        // SAFETY: count 0: we are the only thread that can reach the payload; it runs once.
        unsafe { drop(h) };
    }
    if tracked {
        let link = link_of(h);
        // SAFETY: a tracked object is on the list its link names, which is kept alive by the
        // runtime's list of lists while non-empty.
        unsafe { (*(*link).list).unlink(link) };
        count_gc_object(-1);
    }
    let block = h.as_ptr().cast::<u8>().wrapping_sub(pre);
    if hr.has_bits(gc_bits::DELAYED_FREE) {
        // Leave a dead header for lock-free readers: owner 0 (no fast path), shared MERGED|0.
        // ORDERING: Relaxed: readers only test these with RMWs that already fail on this state.
        hr.owner.store(0, Ordering::Relaxed);
        crate::qsbr::defer_free(block, layout);
    } else {
        // SAFETY: allocated with this layout in `alloc`; nobody can reach it any more.
        unsafe { crate::sync::block::free(block, layout) };
    }
}
