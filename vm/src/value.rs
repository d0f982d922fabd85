//! `Value`: the one machine word used everywhere a Python value is stored (evaluation stack,
//! locals, tuple/list/dict slots, attributes).
//!
//! | low bits | meaning                                                                    |
//! |----------|----------------------------------------------------------------------------|
//! | `..1`    | inline small int: the word, arithmetically shifted right by 1 (63 bits)    |
//! | `000`    | counted reference to a gc object (`Clone` = incref, `Drop` = decref)        |
//! | `010`    | uncounted reference: an immortal object (anywhere), or a deferred object    |
//! |          | held in a frame slot that the collector scans as a root (DESIGN: uncounted-only-in-frames) |
//!
//! `Clone` of an uncounted reference to a *deferred* (not immortal) object yields a counted
//! one, so a value copied out of a frame into a container is always counted; only the eval
//! loop creates uncounted deferred words ([`Value::into_frame_ref`]) and only frame slots hold
//! them. `Option<Value>` is one word (the `NonZeroUsize` niche): `None` is an unbound local.
//!
//! Inline ints are real ints to Python: `type(1) is int`, and every int operation accepts them
//! (see `objects/int.rs`). Heap ints (`PyInt`) always hold values *outside* the inline range
//! (DESIGN: int-canonical), so two equal ints are either both inline or both heap, and `id` of an
//! inline int is stable.

use crate::objects::typeobj::PyType;
use gc::{ObjHeader, ObjRef};
use std::fmt;
use std::num::NonZeroUsize;
use std::ptr::NonNull;

const TAG_INT: usize = 0b1;
const TAG_MASK: usize = 0b111;
const TAG_UNCOUNTED: usize = 0b010;

/// A Python value in one word. See the module doc for the encoding.
#[repr(transparent)]
pub struct Value(NonZeroUsize);

// SAFETY: a counted reference is an `ObjRef` (Send + Sync); uncounted ones point to immortal or
// collector-rooted objects; inline ints are plain data.
unsafe impl Send for Value {}
// SAFETY: as above.
unsafe impl Sync for Value {}

impl Value {
    /// Smallest inline int.
    pub const INLINE_MIN: i64 = -(1 << 62);
    /// Largest inline int.
    pub const INLINE_MAX: i64 = (1 << 62) - 1;

    /// An inline int, if `i` fits in 63 bits.
    #[inline]
    pub fn try_inline_int(i: i64) -> Option<Value> {
        if (Self::INLINE_MIN..=Self::INLINE_MAX).contains(&i) {
            Some(Self::inline_int_unchecked(i))
        } else {
            None
        }
    }

    #[inline]
    fn inline_int_unchecked(i: i64) -> Value {
        let bits = ((i as usize) << 1) | TAG_INT;
        // SAFETY: the tag bit makes it non-zero.
        Value(unsafe { NonZeroUsize::new_unchecked(bits) })
    }

    /// The inline int, if this is one.
    #[inline]
    pub fn as_inline_int(&self) -> Option<i64> {
        let b = self.0.get();
        if b & TAG_INT != 0 {
            Some((b as isize >> 1) as i64)
        } else {
            None
        }
    }

    #[inline]
    pub fn is_inline_int(&self) -> bool {
        self.0.get() & TAG_INT != 0
    }

    /// Takes over an owned object reference. Immortal objects are stored uncounted.
    #[inline]
    pub fn from_obj(r: ObjRef) -> Value {
        if r.header().is_immortal() {
            let p = r.as_ptr() as usize;
            std::mem::forget(r);
            // SAFETY: object pointers are non-null.
            Value(unsafe { NonZeroUsize::new_unchecked(p | TAG_UNCOUNTED) })
        } else {
            let p = r.into_raw().as_ptr() as usize;
            debug_assert!(p & TAG_MASK == 0, "object pointer {p:#x} not 8-aligned");
            // SAFETY: non-null.
            Value(unsafe { NonZeroUsize::new_unchecked(p) })
        }
    }

    /// A counted reference from a raw pointer the caller owns one reference to.
    ///
    /// # Safety
    /// `p` is a live gc object and the caller gives up one reference to it.
    #[inline]
    pub unsafe fn from_raw_owned(p: NonNull<ObjHeader>) -> Value {
        // SAFETY: forwarded.
        Value::from_obj(unsafe { ObjRef::from_raw(p) })
    }

    /// A new reference to the object at `p`, which something else keeps alive.
    ///
    /// # Safety
    /// `p` is a live gc object during the call.
    #[inline]
    pub unsafe fn from_borrowed_ptr(p: *const ObjHeader) -> Value {
        // SAFETY: caller's contract.
        let h = unsafe { &*p };
        if h.is_immortal() {
            // SAFETY: non-null.
            return Value(unsafe { NonZeroUsize::new_unchecked(p as usize | TAG_UNCOUNTED) });
        }
        // SAFETY: caller's contract; non-null.
        let r = unsafe { ObjRef::clone_from_raw(NonNull::new_unchecked(p.cast_mut())) };
        Value::from_obj(r)
    }

    /// The object pointer, for object values.
    #[inline]
    pub fn obj_ptr(&self) -> Option<*const ObjHeader> {
        let b = self.0.get();
        if b & TAG_INT != 0 {
            None
        } else {
            Some((b & !TAG_MASK) as *const ObjHeader)
        }
    }

    /// The header of an object value.
    #[inline]
    pub fn header(&self) -> Option<&ObjHeader> {
        // SAFETY: an object value keeps its object alive (counted, immortal, or rooted).
        self.obj_ptr().map(|p| unsafe { &*p })
    }

    /// The raw word (for `id()` and hashing identity).
    #[inline]
    pub fn bits(&self) -> usize {
        self.0.get()
    }

    /// The address identifying the object (`id()`): the pointer without tag, or the word of an
    /// inline int (stable for equal ints).
    #[inline]
    pub fn identity(&self) -> usize {
        let b = self.0.get();
        if b & TAG_INT != 0 {
            b
        } else {
            b & !TAG_MASK
        }
    }

    /// `a is b`.
    #[inline]
    pub fn is(&self, other: &Value) -> bool {
        self.identity() == other.identity()
    }

    /// The object's type. Inline ints are `int`.
    #[inline]
    pub fn class(&self) -> &PyType {
        match self.header() {
            // SAFETY: every object's type pointer is the `GcVtable` embedded first in a live
            // `PyType` (`#[repr(C)]`), kept alive by the object (heap types) or immortal.
            Some(h) => unsafe { &*(h.type_ptr() as *const PyType) },
            None => crate::runtime::types().int,
        }
    }

    /// The payload of an object value, viewed as a `T`, if its layout is `T`'s.
    #[inline]
    pub fn downcast<T: crate::object::PyPayload>(&self) -> Option<&T> {
        let h = self.header()?;
        // SAFETY: as in `class`.
        let ty = unsafe { &*(h.type_ptr() as *const PyType) };
        if ty.layout_is::<T>() {
            // SAFETY: the type's layout says the payload is a `T`, at the standard offset.
            Some(unsafe { &*crate::object::payload_ptr::<T>(h) })
        } else {
            None
        }
    }

    /// The payload as `T` without a check.
    ///
    /// # Safety
    /// The value is an object whose layout is `T`.
    #[inline]
    pub unsafe fn payload_unchecked<T: crate::object::PyPayload>(&self) -> &T {
        // SAFETY: caller's contract.
        unsafe {
            let h = self.header().unwrap_unchecked();
            &*crate::object::payload_ptr::<T>(h)
        }
    }

    /// A word for a frame slot: deferred objects become uncounted (their count is dropped, the
    /// collector finds them through the frame roots). Only frame slots may hold the result.
    #[inline]
    pub fn into_frame_ref(self) -> Value {
        let b = self.0.get();
        if b & TAG_MASK == 0 {
            // SAFETY: counted object value.
            let h = unsafe { &*(b as *const ObjHeader) };
            if h.gc_bits() & gc::gc_bits::DEFERRED != 0 {
                std::mem::forget(self);
                // SAFETY: the deferred object can't be freed by refcounting (bias); dropping our
                // count is the same as CPython's tagged stack reference.
                unsafe {
                    drop(ObjRef::from_raw(NonNull::new_unchecked(
                        b as *mut ObjHeader,
                    )))
                };
                // SAFETY: non-zero.
                return Value(unsafe { NonZeroUsize::new_unchecked(b | TAG_UNCOUNTED) });
            }
        }
        self
    }

    /// The value as an owned `ObjRef` (object values only).
    pub fn to_obj(&self) -> Option<ObjRef> {
        let p = self.obj_ptr()?;
        // SAFETY: our value keeps the object alive.
        Some(unsafe { ObjRef::clone_from_raw(NonNull::new_unchecked(p.cast_mut())) })
    }
}

impl Clone for Value {
    #[inline]
    fn clone(&self) -> Value {
        let b = self.0.get();
        match b & TAG_MASK {
            0 => {
                // SAFETY: a counted value keeps its object alive.
                let r =
                    unsafe { ObjRef::clone_from_raw(NonNull::new_unchecked(b as *mut ObjHeader)) };
                std::mem::forget(r);
                Value(self.0)
            }
            TAG_UNCOUNTED => {
                // SAFETY: uncounted values point to immortal or rooted objects.
                let h = unsafe { &*((b & !TAG_MASK) as *const ObjHeader) };
                if h.is_immortal() {
                    Value(self.0)
                } else {
                    // A deferred object leaving a frame slot: hand out a counted reference.
                    // SAFETY: alive (rooted).
                    let r = unsafe {
                        ObjRef::clone_from_raw(NonNull::new_unchecked(
                            (b & !TAG_MASK) as *mut ObjHeader,
                        ))
                    };
                    // SAFETY: non-zero.
                    Value(unsafe { NonZeroUsize::new_unchecked(r.into_raw().as_ptr() as usize) })
                }
            }
            _ => Value(self.0),
        }
    }
}

impl Drop for Value {
    #[inline]
    fn drop(&mut self) {
        let b = self.0.get();
        if b & TAG_MASK == 0 {
            // SAFETY: a counted value owns one reference.
            drop(unsafe { ObjRef::from_raw(NonNull::new_unchecked(b as *mut ObjHeader)) });
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_inline_int() {
            Some(i) => write!(f, "Value({i})"),
            None => write!(
                f,
                "Value(<{} at {:#x}>)",
                self.class().name(),
                self.identity()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_ints_round_trip() {
        for i in [
            0,
            1,
            -1,
            Value::INLINE_MAX,
            Value::INLINE_MIN,
            12345,
            -98765,
        ] {
            let v = Value::try_inline_int(i).expect("fits");
            assert_eq!(v.as_inline_int(), Some(i));
        }
        assert!(Value::try_inline_int(Value::INLINE_MAX + 1).is_none());
        assert!(Value::try_inline_int(Value::INLINE_MIN - 1).is_none());
        assert_eq!(std::mem::size_of::<Option<Value>>(), 8);
    }
}
