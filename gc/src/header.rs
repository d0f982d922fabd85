//! The 32-byte object header every gc-managed object starts with (PEP 703 layout), and the
//! vtable through which gc calls back into the object's type.
//!
//! Not the reference-counting logic (`rc.rs`) nor allocation (`heap.rs`): this file only fixes
//! the layout, the bit encodings and who may write which field.

use crate::mutex::RawMutex;
use crate::sync::{AtomicIsize, AtomicPtr, AtomicU16, AtomicU32, AtomicU8, AtomicUsize, Ordering};
use std::ptr::NonNull;

/// The header at the start of every object, `#[repr(C)]`, 32 bytes on 64-bit targets.
///
/// | offset | field    | written by                                   | how                       | read by                |
/// |-------:|----------|----------------------------------------------|---------------------------|------------------------|
/// | 0      | `owner`  | allocation; merge (to 0); collector in pause | Relaxed store (see rc.rs) | any thread             |
/// | 8      | `mutex`  | any thread                                   | CAS (mutex.rs)            | any thread             |
/// | 9      | `gc_bits`| any thread                                   | Relaxed RMW               | any thread             |
/// | 10     | `uid`    | the owner making it deferred; a pause        | Relaxed store (ptrc.rs)   | any thread             |
/// | 12     | `local`  | the thread whose id is `owner` only; a merger once `owner` is dead or the world is stopped | Relaxed load + store, never RMW | owner; others only test `== IMMORTAL` |
/// | 16     | `shared` | any thread holding or donating a reference   | atomic RMW / CAS          | any thread             |
/// | 24     | `ty`     | allocation; the VM (`__class__` assignment)  | Release store             | any thread (Acquire)   |
///
/// `shared` is `count << 2 | state`; the state only moves forward (DESIGN: rc-state-monotone):
///
/// | state | bits | meaning |
/// |---|---|---|
/// | DEFAULT       | 00 | initial; the owner may free with no atomic RMW once `local == 0 && shared == 0` |
/// | MAYBE_WEAKREF | 01 | other threads may `try_incref`; the owner must CAS to MERGED before freeing |
/// | QUEUED        | 10 | a non-owner handed a reference to the owner's merge queue (at most once) |
/// | MERGED        | 11 | `owner == 0`; `local` unused; `shared >> 2` is the whole count |
///
/// The count part may be negative only in state QUEUED (I6); `local + (shared >> 2)` is the true
/// count (I1). Immortal objects have `local == u32::MAX` and `owner == 0` (so an object whose
/// `owner` is the current thread is mortal) and are never written again (I7); `shared` is 0
/// for objects made immortal at creation and whatever it was for one whose local count
/// saturated. Deferred objects (gc bit `DEFERRED`) carry [`DEFERRED_BIAS`] in
/// their shared count and are freed only by the collector (I8).
#[repr(C)]
pub struct ObjHeader {
    pub(crate) owner: AtomicUsize,
    pub(crate) mutex: RawMutex,
    pub(crate) gc_bits: AtomicU8,
    /// Per-thread refcount id of a deferred object, 0 if none (`ptrc.rs`).
    pub(crate) uid: AtomicU16,
    pub(crate) local: AtomicU32,
    pub(crate) shared: AtomicIsize,
    pub(crate) ty: AtomicPtr<GcVtable>,
}

#[cfg(all(not(loom), target_pointer_width = "64"))]
const _: () = {
    assert!(std::mem::size_of::<ObjHeader>() == 32);
    assert!(std::mem::align_of::<ObjHeader>() == 8);
    assert!(std::mem::offset_of!(ObjHeader, mutex) == 8);
    assert!(std::mem::offset_of!(ObjHeader, gc_bits) == 9);
    assert!(std::mem::offset_of!(ObjHeader, uid) == 10);
    assert!(std::mem::offset_of!(ObjHeader, local) == 12);
    assert!(std::mem::offset_of!(ObjHeader, shared) == 16);
    assert!(std::mem::offset_of!(ObjHeader, ty) == 24);
};

/// `local` value of an immortal object.
pub const IMMORTAL_LOCAL: u32 = u32::MAX;
/// One reference in the `shared` word.
pub(crate) const SHARED_ONE: isize = 1 << SHARED_SHIFT;
pub(crate) const SHARED_SHIFT: u32 = 2;
pub(crate) const STATE_MASK: isize = 0b11;
pub(crate) const STATE_DEFAULT: isize = 0b00;
pub(crate) const STATE_MAYBE_WEAKREF: isize = 0b01;
pub(crate) const STATE_QUEUED: isize = 0b10;
pub(crate) const STATE_MERGED: isize = 0b11;

/// Count added to a deferred object's shared count so refcounting never frees it (I8); the
/// collector subtracts it. Large enough that stray decrefs can't reach 0, small enough that
/// increfs can't overflow (CPython's `_Py_REF_DEFERRED`, `PY_SSIZE_T_MAX / 8`).
pub const DEFERRED_BIAS: isize = (isize::MAX / 8) >> SHARED_SHIFT;

/// Bits of `gc_bits`. Set and cleared with Relaxed RMW: a bit carries no data of its own, and
/// every reader that acts on one also synchronizes through the refcount or a lock.
pub mod gc_bits {
    /// On its thread's heap list; traced by the collector.
    pub const TRACKED: u8 = 1 << 0;
    /// The VM ran the object's finalizer (`__del__`) once.
    pub const FINALIZED: u8 = 1 << 1;
    /// Collector scratch: tentatively unreachable. Only meaningful inside a pause.
    pub const UNREACHABLE: u8 = 1 << 2;
    /// VM use: weak references to this object exist; its death calls the hook installed with
    /// [`set_weakref_hook`](crate::api::set_weakref_hook) (before the payload is dropped).
    pub const WEAKREFS: u8 = 1 << 3;
    /// VM use: a non-owner has read this container lock-free, so its old storage must be freed
    /// through QSBR.
    pub const SHARED: u8 = 1 << 4;
    /// Memory is freed through QSBR, not immediately: lock-free readers may still look at this
    /// header after the object died (see `ObjRef::mark_readable_lock_free`).
    pub const DELAYED_FREE: u8 = 1 << 5;
    /// Deferred reference counting: freed only by the collector (I8).
    pub const DEFERRED: u8 = 1 << 6;
}

/// What gc needs to know about an object's type. The VM's type object embeds one as its first
/// field (`#[repr(C)]`), so the header's type pointer is both the VM's type and gc's vtable.
///
/// A vtable must outlive every object that points to it. gc reads `size`/`align`/`var_size`
/// before it calls `drop`, so `drop` may release the object's last reference to its own type.
#[repr(C)]
#[derive(Debug)]
pub struct GcVtable {
    /// Payload bytes after the header (for fixed-size types).
    pub size: usize,
    /// Payload alignment (at most 4096).
    pub align: usize,
    /// Payload bytes of a variable-size object (tuples, strings); overrides `size` when set.
    pub var_size: Option<unsafe fn(NonNull<ObjHeader>) -> usize>,
    /// Visits each strong reference the payload holds. `Some` makes the type a GC type: its
    /// objects are tracked and found by the collector. Runs inside a stop-the-world pause: it
    /// must not lock, allocate, block, or touch reference counts; it reads the payload with the
    /// same atomic loads lock-free readers use.
    pub trace: Option<unsafe fn(NonNull<ObjHeader>, &mut Tracer<'_>)>,
    /// Drops the payload's references to break a cycle (CPython's `tp_clear`). Runs with the
    /// world running, on an object the collector found unreachable.
    pub clear: Option<unsafe fn(NonNull<ObjHeader>)>,
    /// Drops the payload in place. Runs once, when the count reaches zero. `None` for payloads
    /// with nothing to drop (saves an indirect call on every free of small objects).
    pub drop: Option<unsafe fn(NonNull<ObjHeader>)>,
    /// Called when the count reached zero, before anything is freed, unless the object is
    /// `FINALIZED` (PEP 442: a finalizer runs once). Returns `false` to let the free go on, or
    /// `true` after taking the object over with [`resurrect`](crate::api::resurrect) (the VM
    /// then runs `__del__` / a generator's `close()` at a safe point and drops that reference;
    /// the object dies again, FINALIZED, or lives on if the finalizer stored it somewhere). May
    /// not run Python code itself: it runs inside whatever decref reached zero.
    pub finalize: Option<unsafe fn(NonNull<ObjHeader>) -> bool>,
}

/// Passed to `GcVtable::trace`: receives each strong reference.
pub struct Tracer<'a> {
    pub(crate) visit: &'a mut dyn FnMut(NonNull<ObjHeader>),
}

impl Tracer<'_> {
    /// Reports one strong reference held by the traced object.
    #[inline]
    pub fn visit(&mut self, obj: &crate::handle::ObjRef) {
        (self.visit)(obj.as_nonnull());
    }

    /// Reports the strong reference an [`ObjSlot`](crate::handle::ObjSlot) holds, if any.
    #[inline]
    pub fn visit_slot(&mut self, slot: &crate::handle::ObjSlot) {
        if let Some(p) = NonNull::new(slot.as_ptr().cast_mut()) {
            (self.visit)(p);
        }
    }

    /// Reports a strong reference held as a raw pointer (the VM's `Value` words).
    ///
    /// # Safety
    /// `obj` is a live gc object that the traced object holds a counted reference to.
    #[inline]
    pub unsafe fn visit_raw(&mut self, obj: NonNull<ObjHeader>) {
        (self.visit)(obj);
    }
}

impl ObjHeader {
    /// A header for a fresh object owned by thread `owner` (0: born merged), count 1.
    /// `gc_bits` are set here, a plain initialising write while the block is private to the
    /// allocating thread, instead of an atomic `fetch_or` after it.
    pub(crate) fn new(owner: usize, ty: *const GcVtable, bits: u8) -> Self {
        let (local, shared) = if owner == 0 {
            (0, SHARED_ONE | STATE_MERGED)
        } else {
            (1, 0)
        };
        ObjHeader {
            owner: AtomicUsize::new(owner),
            mutex: RawMutex::new(),
            gc_bits: AtomicU8::new(bits),
            uid: AtomicU16::new(0),
            local: AtomicU32::new(local),
            shared: AtomicIsize::new(shared),
            ty: AtomicPtr::new(ty.cast_mut()),
        }
    }

    /// The type/vtable pointer.
    #[inline]
    pub fn vtable(&self) -> &GcVtable {
        // ORDERING: Acquire pairs with the Release store in `set_vtable`, so the new type object's
        // contents are visible. The pointer at allocation is published with the object itself.
        let p = self.ty.load(Ordering::Acquire);
        // SAFETY: `ty` always points to a live vtable: set non-null at allocation, replaced only
        // through `set_vtable` whose caller keeps the new vtable alive (its # Safety).
        unsafe { &*p }
    }

    /// The type pointer, opaque to gc (the VM casts it to its type object).
    #[inline]
    pub fn type_ptr(&self) -> *const GcVtable {
        // ORDERING: as in `vtable`.
        self.ty.load(Ordering::Acquire)
    }

    /// Replaces the type (`obj.__class__ = C`).
    ///
    /// # Safety
    /// `ty` must outlive the object and describe the same payload layout, `trace`, `clear`
    /// and `drop` behaviour as the old one.
    pub unsafe fn set_vtable(&self, ty: &GcVtable) {
        // ORDERING: Release pairs with the Acquire in `vtable`.
        self.ty
            .store((ty as *const GcVtable).cast_mut(), Ordering::Release);
    }

    /// The object's 1-byte mutex, used through critical sections.
    #[inline]
    pub fn mutex(&self) -> &RawMutex {
        &self.mutex
    }

    /// Current gc bits (a snapshot).
    #[inline]
    pub fn gc_bits(&self) -> u8 {
        // ORDERING: Relaxed: a snapshot; see `gc_bits`' doc.
        self.gc_bits.load(Ordering::Relaxed)
    }

    /// Sets VM-owned bits (`SHARED`, `FINALIZED`, `WEAKREFS`); other bits are gc's.
    pub fn set_vm_bits(&self, bits: u8) {
        const VM: u8 = gc_bits::SHARED | gc_bits::FINALIZED | gc_bits::WEAKREFS;
        debug_assert!(bits & !VM == 0, "bits {bits:#x} belong to gc");
        // ORDERING: Relaxed: see `gc_bits`' doc.
        self.gc_bits.fetch_or(bits & VM, Ordering::Relaxed);
    }

    pub(crate) fn set_bits(&self, bits: u8) {
        // ORDERING: Relaxed: see `gc_bits`' doc.
        self.gc_bits.fetch_or(bits, Ordering::Relaxed);
    }

    pub(crate) fn clear_bits(&self, bits: u8) {
        // ORDERING: Relaxed: see `gc_bits`' doc.
        self.gc_bits.fetch_and(!bits, Ordering::Relaxed);
    }

    #[inline]
    pub(crate) fn has_bits(&self, bits: u8) -> bool {
        self.gc_bits() & bits == bits
    }

    /// Makes the object deferred (freed only by the collector; other threads count their
    /// references in private arrays) if it is mortal, tracked, not deferred yet and not owned by
    /// `ts`: for a container that several threads use at once. The caller holds a reference.
    #[inline]
    pub fn defer_if_shared(&self, ts: &crate::thread::ThreadState) {
        // ORDERING: Relaxed: a hint; `enable_deferred_shared` re-checks with an RMW.
        if self.gc_bits() & (gc_bits::DEFERRED | gc_bits::TRACKED) == gc_bits::TRACKED
            && self.owner.load(Ordering::Relaxed) != ts.id()
            && !self.is_immortal()
        {
            crate::rc::enable_deferred_shared(self);
        }
    }

    /// Whether the object is immortal (never counted, never freed).
    #[inline]
    pub fn is_immortal(&self) -> bool {
        // ORDERING: Relaxed: immortality is set before the object is published (or by the owner
        // itself on saturation) and never undone.
        self.local.load(Ordering::Relaxed) == IMMORTAL_LOCAL
    }

    /// An approximate reference count (exact only while the world is stopped), for
    /// `sys.getrefcount` and tests. Immortal objects report `u32::MAX`; deferred objects do not
    /// include the bias.
    pub fn refcount(&self) -> isize {
        // ORDERING: Relaxed: a snapshot, documented as approximate.
        let local = self.local.load(Ordering::Relaxed);
        if local == IMMORTAL_LOCAL {
            return IMMORTAL_LOCAL as isize;
        }
        // ORDERING: Relaxed: as above.
        let mut rc = local as isize + (self.shared.load(Ordering::Relaxed) >> SHARED_SHIFT);
        if self.has_bits(gc_bits::DEFERRED) {
            rc -= DEFERRED_BIAS;
        }
        rc
    }

    /// The payload's address: right after the header, rounded up to `align`.
    #[inline]
    pub fn payload(&self, align: usize) -> *const u8 {
        let off = payload_offset(align);
        (self as *const ObjHeader).cast::<u8>().wrapping_add(off)
    }
}

/// Offset of the payload from the header for a given payload alignment.
#[inline]
pub(crate) const fn payload_offset(align: usize) -> usize {
    let h = std::mem::size_of::<ObjHeader>();
    if align <= 8 {
        h
    } else {
        (h + align - 1) & !(align - 1)
    }
}
