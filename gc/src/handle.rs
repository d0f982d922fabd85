//! Owning handles: the safe face of reference counting.
//!
//! - [`ObjRef`]: an untyped strong reference (`Clone` = incref, `Drop` = decref), so Rust code
//!   can't leak or double-free by forgetting.
//! - [`Gc<T>`]: the same for a Rust payload type `T: Trace`, with `Deref<Target = T>`.
//! - [`ObjSlot`]: an atomic slot that other threads may read without a lock (the building block
//!   of lock-free `list[i]`/`dict[k]`): `load_ref` = load, `try_incref`, re-check.
//! - [`StackRef`]: the VM's evaluation-stack word; uncounted for immortal and deferred objects.
//!
//! Entry points: [`Gc::new`], [`ObjRef::from_raw`], [`ObjSlot`].

use crate::header::{gc_bits, payload_offset, GcVtable, ObjHeader, Tracer};
use crate::heap::{alloc, AllocError};
use crate::rc;
use crate::sync::{AtomicPtr, Ordering};
use crate::thread::{current_id, ThreadState};
use std::fmt;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::ptr::{self, NonNull};

/// A strong, counted reference to a gc object.
#[repr(transparent)]
pub struct ObjRef {
    ptr: NonNull<ObjHeader>,
}

// SAFETY: every field of the header another thread may touch is atomic, and payload types are
// `Send + Sync` (`Trace`'s supertraits; the VM's own types guarantee the same).
unsafe impl Send for ObjRef {}
// SAFETY: as above.
unsafe impl Sync for ObjRef {}

impl ObjRef {
    /// Takes over one reference held as a raw pointer (the VM's `Value` words).
    ///
    /// # Safety
    /// `ptr` points to a live gc object and the caller owns one reference, which it gives up.
    #[inline]
    pub unsafe fn from_raw(ptr: NonNull<ObjHeader>) -> ObjRef {
        ObjRef { ptr }
    }

    /// Gives up the handle without a decref; the reference now lives in the returned pointer.
    #[inline]
    pub fn into_raw(self) -> NonNull<ObjHeader> {
        ManuallyDrop::new(self).ptr
    }

    /// A new reference from a borrowed pointer.
    ///
    /// # Safety
    /// `ptr` is kept alive by a reference the caller can vouch for during the call.
    #[inline]
    pub unsafe fn clone_from_raw(ptr: NonNull<ObjHeader>) -> ObjRef {
        // SAFETY: caller's contract.
        rc::incref(unsafe { ptr.as_ref() }, current_id());
        ObjRef { ptr }
    }

    /// A new reference from a pointer the caller does not own a reference through, unless the
    /// object is dying (CPython's `_Py_TryIncrefFast` + `_Py_TryIncRefShared`): succeeds for
    /// immortal objects, objects `ts` owns, and objects whose shared word is neither 0 (DEFAULT
    /// with count 0: the owner may free it without an atomic) nor MERGED with count 0 (dead).
    /// Prefer [`ObjSlot::load_ref`], which also re-checks the slot.
    ///
    /// # Safety
    /// The header must be readable: the object is alive, or it was marked readable lock-free
    /// (its memory returns through QSBR) and `ts` has not passed a quiescent point since it
    /// loaded `ptr`.
    #[inline]
    pub unsafe fn try_incref(ptr: NonNull<ObjHeader>, ts: &ThreadState) -> Option<ObjRef> {
        // SAFETY: caller's contract.
        let h = unsafe { ptr.as_ref() };
        (rc::try_incref_fast(h, ts.id()) || rc::try_incref_shared(h)).then(|| ObjRef { ptr })
    }

    #[inline]
    pub fn as_nonnull(&self) -> NonNull<ObjHeader> {
        self.ptr
    }

    #[inline]
    pub fn as_ptr(&self) -> *const ObjHeader {
        self.ptr.as_ptr()
    }

    /// The header.
    #[inline]
    pub fn header(&self) -> &ObjHeader {
        // SAFETY: our reference keeps the object alive.
        unsafe { self.ptr.as_ref() }
    }

    /// Whether two handles name the same object.
    #[inline]
    pub fn ptr_eq(a: &ObjRef, b: &ObjRef) -> bool {
        a.ptr == b.ptr
    }

    /// Clone using `ts`'s id (saves the thread-local read on hot paths).
    #[inline]
    pub fn clone_in(&self, ts: &ThreadState) -> ObjRef {
        rc::incref(self.header(), ts.id());
        ObjRef { ptr: self.ptr }
    }

    /// Drop using `ts`'s id.
    #[inline]
    pub fn drop_in(self, ts: &ThreadState) {
        let p = self.into_raw();
        // SAFETY: we owned one reference and give it up.
        unsafe { rc::decref(p, ts.id()) };
    }

    /// Borrows without counting.
    #[inline]
    pub fn borrow(&self) -> Borrowed<'_> {
        Borrowed {
            ptr: self.ptr,
            _life: PhantomData,
        }
    }

    /// Whether `ts` holds the only reference, so in-place mutation is invisible to others.
    pub fn is_unique(&self, ts: &ThreadState) -> bool {
        rc::is_unique(self.header(), ts.id())
    }

    /// Makes this object immortal if it is still private to `ts` (unique). Immortal objects are
    /// never counted, never freed and not tracked. Returns whether it happened.
    pub fn immortalize(&self, ts: &ThreadState) -> bool {
        if !self.is_unique(ts) {
            return false;
        }
        // SAFETY: unique: no other thread can reach the object.
        unsafe { rc::immortalize(self.header()) };
        true
    }

    /// Makes an object immortal although other references to it exist: for objects that live
    /// as long as the process anyway and that every thread loads (the method descriptors of
    /// builtin types, builtin functions), whose shared count would otherwise be one cache line
    /// that all threads' increfs bounce. Our reference (never given back: the object is never
    /// freed) keeps it alive whatever other threads do. The transition is local-count
    /// saturation's (I7): `local` becomes `IMMORTAL_LOCAL`, then `owner` 0. It is done only when
    /// no other thread can be writing `local` with plain stores: `ts` owns the object, or it is
    /// merged (owner 0), or its owner has exited (ids are never reused; the one thread that may
    /// merge it then either sees it immortal or overwrites `local` first, leaving a consistent
    /// merged count). Returns whether the object is immortal now (false: a live thread owns it).
    pub fn immortalize_shared(&self, ts: &ThreadState) -> bool {
        rc::immortalize_shared(self.header(), ts.id())
    }

    /// Turns on deferred reference counting (functions, code, modules, types): from now on the
    /// object is freed only by the collector, and `StackRef`s to it are uncounted. Requires a
    /// tracked GC object owned by `ts`. Returns whether it happened.
    pub fn enable_deferred(&self, ts: &ThreadState) -> bool {
        rc::enable_deferred(self.header(), ts.id())
    }

    /// Lets other threads read this object lock-free from an [`ObjSlot`]: moves its refcount to
    /// MAYBE_WEAKREF (so the owner must CAS before freeing, I5) and makes its memory return
    /// through QSBR (so a late reader sees a dead header, not freed memory).
    pub fn mark_readable_lock_free(&self) {
        let h = self.header();
        if h.is_immortal() {
            return;
        }
        if !h.has_bits(gc_bits::DELAYED_FREE) {
            h.set_bits(gc_bits::DELAYED_FREE);
        }
        rc::set_maybe_weakref(h);
    }

    /// Moves the object to MAYBE_WEAKREF (no-op unless DEFAULT; CPython's
    /// `_PyObject_SetMaybeWeakref`): the owner must CAS before freeing it, so `try_incref` may race
    /// with its death. For weak references, whose target clears them under a lock before its
    /// memory goes away; containers read lock-free use [`mark_readable_lock_free`](Self::mark_readable_lock_free).
    pub fn set_maybe_weakref(&self) {
        rc::set_maybe_weakref(self.header());
    }

    /// A new reference for a reader that holds the lock keeping this object alive (a container's
    /// critical section); also marks it for later lock-free reads (CPython's `_Py_NewRefWithLock`).
    pub fn new_ref_with_lock(b: Borrowed<'_>, ts: &ThreadState) -> ObjRef {
        let h = b.header();
        if !h.is_immortal() && !h.has_bits(gc_bits::DELAYED_FREE) {
            h.set_bits(gc_bits::DELAYED_FREE);
        }
        rc::new_ref_with_lock(h, ts.id());
        ObjRef { ptr: b.ptr }
    }

    /// The approximate reference count (see `ObjHeader::refcount`).
    pub fn refcount(&self) -> isize {
        self.header().refcount()
    }
}

impl Clone for ObjRef {
    #[inline]
    fn clone(&self) -> ObjRef {
        rc::incref(self.header(), current_id());
        ObjRef { ptr: self.ptr }
    }
}

impl Drop for ObjRef {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: we own one reference and give it up.
        unsafe { rc::decref(self.ptr, current_id()) };
    }
}

impl fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ObjRef({:p})", self.ptr)
    }
}

/// An uncounted reference that can't outlive the handle (or lock) it was borrowed from.
#[derive(Clone, Copy)]
pub struct Borrowed<'a> {
    ptr: NonNull<ObjHeader>,
    _life: PhantomData<&'a ObjHeader>,
}

impl<'a> Borrowed<'a> {
    /// Borrows a raw pointer.
    ///
    /// # Safety
    /// Something keeps the object alive for `'a`.
    #[inline]
    pub unsafe fn from_raw(ptr: NonNull<ObjHeader>) -> Borrowed<'a> {
        Borrowed {
            ptr,
            _life: PhantomData,
        }
    }

    #[inline]
    pub fn header(&self) -> &'a ObjHeader {
        // SAFETY: alive for 'a by construction.
        unsafe { self.ptr.as_ref() }
    }

    /// A counted reference.
    #[inline]
    pub fn to_owned(self) -> ObjRef {
        rc::incref(self.header(), current_id());
        ObjRef { ptr: self.ptr }
    }

    #[inline]
    pub fn as_nonnull(self) -> NonNull<ObjHeader> {
        self.ptr
    }
}

/// A Rust payload type stored in a gc object.
pub trait Trace: Send + Sync + 'static {
    /// Whether the type can be part of a cycle (holds references): such objects are tracked and
    /// traced by the collector; others cost no pre-header.
    const IS_GC: bool;
    /// Visits each strong reference held.
    fn trace(&self, tracer: &mut Tracer<'_>);
    /// Drops references to break a cycle (the collector calls it on unreachable objects, with
    /// the world running). The payload must stay valid to `trace` and `drop` afterwards.
    fn clear(&self) {}
}

struct VtableOf<T>(PhantomData<T>);

impl<T: Trace> VtableOf<T> {
    const VT: GcVtable = GcVtable {
        size: std::mem::size_of::<T>(),
        align: std::mem::align_of::<T>(),
        var_size: None,
        trace: if T::IS_GC {
            Some(trace_shim::<T>)
        } else {
            None
        },
        clear: Some(clear_shim::<T>),
        drop: if std::mem::needs_drop::<T>() {
            Some(drop_shim::<T>)
        } else {
            None
        },
        finalize: None,
    };
}

/// # Safety
/// `h` is a live object allocated as a `Gc<T>` (payload an initialised `T`), alive for `'a`.
unsafe fn payload_of<'a, T>(h: NonNull<ObjHeader>) -> &'a T {
    let off = payload_offset(std::mem::align_of::<T>());
    // SAFETY: caller: `h` is a live object whose payload is a `T` at this offset.
    unsafe { &*h.as_ptr().cast::<u8>().add(off).cast::<T>() }
}

/// # Safety
/// As for `GcVtable::trace` of a `Gc<T>` object: `h` is live with an initialised `T`.
unsafe fn trace_shim<T: Trace>(h: NonNull<ObjHeader>, t: &mut Tracer<'_>) {
    // SAFETY: the vtable of a `Gc<T>` object; its payload is an initialised `T`.
    unsafe { payload_of::<T>(h) }.trace(t);
}

/// # Safety
/// As for `trace_shim`.
unsafe fn clear_shim<T: Trace>(h: NonNull<ObjHeader>) {
    // SAFETY: as in `trace_shim`.
    unsafe { payload_of::<T>(h) }.clear();
}

/// # Safety
/// Called once, when the object's count reached 0, on an initialised `T`.
unsafe fn drop_shim<T: Trace>(h: NonNull<ObjHeader>) {
    let off = payload_offset(std::mem::align_of::<T>());
    // SAFETY: called once, at count 0, on an initialised `T`.
    unsafe { ptr::drop_in_place(h.as_ptr().cast::<u8>().add(off).cast::<T>()) };
}

/// A typed strong reference to a gc object holding a `T`.
#[repr(transparent)]
pub struct Gc<T: Trace> {
    obj: ObjRef,
    _t: PhantomData<T>,
}

impl<T: Trace> Gc<T> {
    /// Allocates a `T` object owned by `ts` (tracked if `T::IS_GC`).
    pub fn new(ts: &ThreadState, v: T) -> Result<Gc<T>, AllocError> {
        Self::new_in(Some(ts), v)
    }

    /// Allocates on a thread that may not be registered (the object is born merged).
    pub fn new_in(ts: Option<&ThreadState>, v: T) -> Result<Gc<T>, AllocError> {
        let vt: &'static GcVtable = &VtableOf::<T>::VT;
        // SAFETY: the payload is written right below, before anyone can see the object; a
        // collection can't start before this thread's next eval-breaker check.
        let h = unsafe { alloc(ts, vt, vt.size)? };
        let off = payload_offset(vt.align);
        // SAFETY: fresh block with room and alignment for a `T` at `off`.
        unsafe { h.as_ptr().cast::<u8>().add(off).cast::<T>().write(v) };
        Ok(Gc {
            obj: ObjRef { ptr: h },
            _t: PhantomData,
        })
    }

    /// The untyped handle.
    pub fn into_obj(self) -> ObjRef {
        self.obj
    }

    pub fn as_obj(&self) -> &ObjRef {
        &self.obj
    }

    /// Re-types an untyped handle.
    ///
    /// # Safety
    /// The object was allocated as a `Gc<T>`.
    pub unsafe fn from_obj(obj: ObjRef) -> Gc<T> {
        Gc {
            obj,
            _t: PhantomData,
        }
    }

    /// Whether `obj` was allocated as a `Gc<T>`.
    pub fn is_instance(obj: &ObjRef) -> bool {
        ptr::eq(obj.header().type_ptr(), &VtableOf::<T>::VT)
    }
}

impl<T: Trace> Clone for Gc<T> {
    #[inline]
    fn clone(&self) -> Self {
        Gc {
            obj: self.obj.clone(),
            _t: PhantomData,
        }
    }
}

impl<T: Trace> Deref for Gc<T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: a `Gc<T>` points to a live object whose payload is an initialised `T`.
        unsafe { payload_of::<T>(self.obj.ptr) }
    }
}

impl<T: Trace + fmt::Debug> fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Gc").field(&**self).finish()
    }
}

/// An atomic reference slot that readers may load without a lock. Holds one counted reference
/// (or none). Objects stored are marked readable lock-free (MAYBE_WEAKREF + QSBR-freed memory),
/// which is what makes [`ObjSlot::load_ref`] safe against a concurrent store and free.
pub struct ObjSlot {
    ptr: AtomicPtr<ObjHeader>,
}

impl Default for ObjSlot {
    fn default() -> Self {
        ObjSlot::new(None)
    }
}

impl ObjSlot {
    pub fn new(v: Option<ObjRef>) -> ObjSlot {
        let p = match v {
            Some(o) => {
                o.mark_readable_lock_free();
                o.into_raw().as_ptr()
            }
            None => ptr::null_mut(),
        };
        ObjSlot {
            ptr: AtomicPtr::new(p),
        }
    }

    /// Replaces the value; returns the old one (drop it normally: if it dies, its memory is
    /// reclaimed through QSBR).
    pub fn swap(&self, v: Option<ObjRef>) -> Option<ObjRef> {
        let p = match v {
            Some(o) => {
                o.mark_readable_lock_free();
                o.into_raw().as_ptr()
            }
            None => ptr::null_mut(),
        };
        // ORDERING: AcqRel: Release publishes the new object's contents to readers' Acquire load;
        // Acquire takes over the old value's reference with its contents.
        let old = self.ptr.swap(p, Ordering::AcqRel);
        // SAFETY: the slot owned one reference to `old`, now ours.
        NonNull::new(old).map(|p| unsafe { ObjRef::from_raw(p) })
    }

    /// Loads a counted reference without a lock (CPython's `_Py_XGetRef`): retries while a
    /// concurrent store races. `ts` must be attached: QSBR protects the headers we look at only
    /// until our next quiescent point.
    pub fn load_ref(&self, ts: &ThreadState) -> Option<ObjRef> {
        assert!(ts.is_attached(), "lock-free read on a detached thread");
        loop {
            // ORDERING: Acquire pairs with the Release in `swap`/`new`: the object's contents and
            // its readable-lock-free marking are visible.
            let p = NonNull::new(self.ptr.load(Ordering::Acquire))?;
            // SAFETY: `p` was in the slot; its memory is QSBR-protected until our next quiescent
            // point, so the header is readable even if the object died meanwhile.
            if let Some(r) = unsafe { self.try_incref_compare(p, ts) } {
                return Some(r);
            }
        }
    }

    /// One attempt; `None` means empty *or* raced (fall back to the locked path).
    #[inline]
    pub fn try_load_ref(&self, ts: &ThreadState) -> Option<ObjRef> {
        assert!(ts.is_attached(), "lock-free read on a detached thread");
        // ORDERING: as in `load_ref`.
        let p = NonNull::new(self.ptr.load(Ordering::Acquire))?;
        // SAFETY: as in `load_ref`.
        unsafe { self.try_incref_compare(p, ts) }
    }

    /// `try_incref` on `p`, then check `p` is still in the slot (CPython's
    /// `_Py_TryIncrefCompare`).
    ///
    /// # Safety
    /// `p`'s header is readable (see `load_ref`).
    #[inline]
    unsafe fn try_incref_compare(&self, p: NonNull<ObjHeader>, ts: &ThreadState) -> Option<ObjRef> {
        // SAFETY: caller's contract.
        let h = unsafe { p.as_ref() };
        if rc::try_incref_fast(h, ts.id()) {
            return Some(ObjRef { ptr: p });
        }
        if !rc::try_incref_shared(h) {
            return None;
        }
        let r = ObjRef { ptr: p };
        // ORDERING: Acquire, as in `load_ref`. The re-check catches a slot that was refilled
        // since our load, so we never return an object that was not in the slot after our incref.
        if self.ptr.load(Ordering::Acquire) != p.as_ptr() {
            r.drop_in(ts);
            return None;
        }
        Some(r)
    }

    /// A raw snapshot of the pointer (for tracing; the slot's reference is a strong one).
    pub fn as_ptr(&self) -> *const ObjHeader {
        // ORDERING: Acquire, as in `load_ref`.
        self.ptr.load(Ordering::Acquire)
    }
}

impl Drop for ObjSlot {
    fn drop(&mut self) {
        drop(self.swap(None));
    }
}

/// An evaluation-stack word (CPython's `_PyStackRef`): a pointer whose low bit says the
/// reference is *not* counted. Only immortal and deferred objects are held uncounted (I8), and
/// the collector learns about uncounted references from the VM's roots callback.
pub struct StackRef {
    bits: usize,
}

const TAG_UNCOUNTED: usize = 1;

// SAFETY: as for `ObjRef`.
unsafe impl Send for StackRef {}

impl StackRef {
    /// Converts an owned reference. Immortal and deferred objects drop the count now.
    ///
    /// # Safety
    /// For a deferred object, the VM reports this reference to every collection (roots callback)
    /// while it lives: it no longer keeps the object alive by itself.
    pub unsafe fn from_owned(r: ObjRef) -> StackRef {
        let h = r.header();
        if h.is_immortal() || h.has_bits(gc_bits::DEFERRED) {
            let p = r.as_ptr() as usize;
            drop(r);
            StackRef {
                bits: p | TAG_UNCOUNTED,
            }
        } else {
            StackRef {
                bits: r.into_raw().as_ptr() as usize,
            }
        }
    }

    /// Whether this word holds no count.
    #[inline]
    pub fn is_uncounted(&self) -> bool {
        self.bits & TAG_UNCOUNTED != 0
    }

    #[inline]
    pub fn as_ptr(&self) -> *const ObjHeader {
        (self.bits & !TAG_UNCOUNTED) as *const ObjHeader
    }

    /// A counted reference to the same object.
    #[inline]
    pub fn to_owned(&self) -> ObjRef {
        // SAFETY: counted: our count keeps it alive; uncounted: immortal, or deferred and kept
        // alive by the collector seeing it as a root (from_owned's contract).
        unsafe { ObjRef::clone_from_raw(NonNull::new_unchecked(self.as_ptr().cast_mut())) }
    }
}

impl Clone for StackRef {
    #[inline]
    fn clone(&self) -> Self {
        if !self.is_uncounted() {
            // SAFETY: our count keeps it alive.
            rc::incref(unsafe { &*self.as_ptr() }, current_id());
        }
        StackRef { bits: self.bits }
    }
}

impl Drop for StackRef {
    #[inline]
    fn drop(&mut self) {
        if !self.is_uncounted() {
            // SAFETY: a counted word owns one reference.
            unsafe {
                rc::decref(
                    NonNull::new_unchecked(self.as_ptr().cast_mut()),
                    current_id(),
                )
            };
        }
    }
}
