//! The object model's mechanics: payload types, allocation of an object of a given `PyType`, and
//! the layout of instances of Python classes.
//!
//! Every Python object is a gc object: the 32-byte `ObjHeader`, then the *payload*, a Rust
//! struct chosen by the object's builtin layout (`PyList`, `PyStr`, … or [`PyObjectBase`] for
//! plain `object`). Instances of Python classes append, after the base payload (8-aligned):
//!
//! ```text
//!   [header 32 B][base payload][__dict__: Value]? [__slots__ values: Option<Value> × n]
//! ```
//!
//! One generic trace/drop pair ([`heap_trace`], [`heap_drop`]) serves every Python class: it
//! reads the offsets from the instance's type and calls the base layout's [`PayloadOps`].
//! Entry points: [`PyPayload`], [`alloc`], [`instance_dict`].

use crate::errors::PyResult;
use crate::objects::typeobj::PyType;
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::{GcVtable, ObjHeader, Tracer};
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Offset of the payload from the header (payloads are at most 8-aligned).
pub const PAYLOAD_OFFSET: usize = std::mem::size_of::<ObjHeader>();

/// A Rust struct that is the payload of a Python object layout.
pub trait PyPayload: Send + Sync + Sized + 'static {
    /// Whether objects of this layout can hold references (are traced by the collector).
    const GC: bool;
    /// Visits every strong reference held.
    fn trace(&self, _t: &mut Tracer<'_>) {}
    /// Drops references to break a cycle (collector, world running, object unreachable).
    fn clear(&self) {}
    /// gc's finalize hook for this layout (generators: `close()` at refcount zero); see
    /// `objects/finalize.rs`.
    const FINALIZE: Option<unsafe fn(NonNull<ObjHeader>) -> bool> = None;
}

/// The payload of plain `object` instances: nothing.
pub struct PyObjectBase;

impl PyPayload for PyObjectBase {
    const GC: bool = false;
}

/// Type-erased payload operations of one layout (what a Python class needs from its base).
pub struct PayloadOps {
    pub size: usize,
    pub trace: Option<unsafe fn(*const u8, &mut Tracer<'_>)>,
    pub clear: unsafe fn(*const u8),
    pub drop: unsafe fn(*mut u8),
}

struct OpsOf<T>(PhantomData<T>);

impl<T: PyPayload> OpsOf<T> {
    const OPS: PayloadOps = PayloadOps {
        size: std::mem::size_of::<T>(),
        trace: if T::GC { Some(ops_trace::<T>) } else { None },
        clear: ops_clear::<T>,
        drop: ops_drop::<T>,
    };
    const VT: GcVtable = GcVtable {
        size: std::mem::size_of::<T>(),
        align: 8,
        var_size: None,
        trace: if T::GC { Some(vt_trace::<T>) } else { None },
        clear: Some(vt_clear::<T>),
        drop: Some(vt_drop::<T>),
        finalize: T::FINALIZE,
    };
}

/// The payload operations of layout `T`.
pub fn payload_ops<T: PyPayload>() -> &'static PayloadOps {
    &OpsOf::<T>::OPS
}

/// The gc vtable of a builtin type whose instances are exactly a `T`.
pub fn builtin_vtable<T: PyPayload>() -> GcVtable {
    assert!(
        std::mem::align_of::<T>() <= 8,
        "payloads are at most 8-aligned"
    );
    OpsOf::<T>::VT
}

unsafe fn ops_trace<T: PyPayload>(p: *const u8, t: &mut Tracer<'_>) {
    // SAFETY: caller passes an initialised `T`.
    unsafe { &*p.cast::<T>() }.trace(t);
}
unsafe fn ops_clear<T: PyPayload>(p: *const u8) {
    // SAFETY: as above.
    unsafe { &*p.cast::<T>() }.clear();
}
unsafe fn ops_drop<T: PyPayload>(p: *mut u8) {
    // SAFETY: called once on an initialised `T`.
    unsafe { std::ptr::drop_in_place(p.cast::<T>()) };
}

fn payload_of(h: NonNull<ObjHeader>) -> *mut u8 {
    h.as_ptr().cast::<u8>().wrapping_add(PAYLOAD_OFFSET)
}

unsafe fn vt_trace<T: PyPayload>(h: NonNull<ObjHeader>, t: &mut Tracer<'_>) {
    // SAFETY: a live object of layout `T`.
    unsafe { ops_trace::<T>(payload_of(h), t) }
}
unsafe fn vt_clear<T: PyPayload>(h: NonNull<ObjHeader>) {
    // SAFETY: as above.
    unsafe { ops_clear::<T>(payload_of(h)) }
}
unsafe fn vt_drop<T: PyPayload>(h: NonNull<ObjHeader>) {
    // SAFETY: as above, once.
    unsafe { ops_drop::<T>(payload_of(h)) }
}

/// Pointer to the payload of `h` as a `T`.
#[inline]
pub fn payload_ptr<T>(h: &ObjHeader) -> *const T {
    (h as *const ObjHeader)
        .cast::<u8>()
        .wrapping_add(PAYLOAD_OFFSET)
        .cast::<T>()
}

/// The type of an object header.
///
/// # Safety
/// `h` is a live object.
unsafe fn type_of<'a>(h: NonNull<ObjHeader>) -> &'a PyType {
    // SAFETY: caller's contract; the type pointer is a live `PyType` (see `Value::class`).
    unsafe { &*(h.as_ref().type_ptr() as *const PyType) }
}

/// Extra words of a Python class instance, after the base payload.
fn extras<'a>(h: NonNull<ObjHeader>, ty: &PyType) -> &'a [AtomicUsize] {
    let start = payload_of(h)
        .wrapping_add(ty.extras_offset)
        .cast::<AtomicUsize>();
    // SAFETY: the instance was allocated with `ty.n_extras` words at this offset (alloc).
    unsafe { std::slice::from_raw_parts(start, ty.n_extras) }
}

/// Trace of every Python-class instance: the base payload, the extra words, the type.
///
/// # Safety
/// gc's contract for `GcVtable::trace`.
pub unsafe fn heap_trace(h: NonNull<ObjHeader>, t: &mut Tracer<'_>) {
    // SAFETY: live object.
    let ty = unsafe { type_of(h) };
    if let Some(tr) = ty.base_ops.trace {
        // SAFETY: the base payload is initialised.
        unsafe { tr(payload_of(h), t) };
    }
    for w in extras(h, ty) {
        // ORDERING: Relaxed: the world is stopped while tracing.
        let b = w.load(Ordering::Relaxed);
        if b != 0 && b & 1 == 0 {
            if let Some(p) = NonNull::new((b & !7) as *mut ObjHeader) {
                if b & 7 == 0 {
                    // SAFETY: the word holds a counted reference to a live object.
                    unsafe { t.visit_raw(p) };
                }
            }
        }
    }
    // SAFETY: the instance holds a reference to its (live) type.
    unsafe { t.visit_raw(ty.header_ptr()) };
}

/// Clear of every Python-class instance.
///
/// # Safety
/// gc's contract for `GcVtable::clear`.
pub unsafe fn heap_clear(h: NonNull<ObjHeader>) {
    // SAFETY: live object.
    let ty = unsafe { type_of(h) };
    // SAFETY: initialised base payload.
    unsafe { (ty.base_ops.clear)(payload_of(h)) };
    for w in extras(h, ty) {
        // ORDERING: AcqRel: takes the word's reference.
        let b = w.swap(0, Ordering::AcqRel);
        drop(word_to_value(b));
    }
}

/// Drop of every Python-class instance; releases the instance's reference to its type last.
///
/// # Safety
/// gc's contract for `GcVtable::drop`.
pub unsafe fn heap_drop(h: NonNull<ObjHeader>) {
    // SAFETY: live object.
    let ty = unsafe { type_of(h) };
    // SAFETY: initialised base payload, dropped once.
    unsafe { (ty.base_ops.drop)(payload_of(h)) };
    for w in extras(h, ty) {
        // ORDERING: Relaxed: count 0, we are the only thread here.
        drop(word_to_value(w.load(Ordering::Relaxed)));
    }
    // SAFETY: `alloc` took one reference to the type for this instance.
    drop(unsafe { Value::from_raw_owned(ty.header_ptr()) });
}

/// Rebuilds the `Value` a word owns (0 = none).
pub(crate) fn word_to_value(b: usize) -> Option<Value> {
    if b == 0 {
        None
    } else {
        // SAFETY: words are written only from `Value`s via `value_to_word`.
        Some(unsafe { std::mem::transmute::<usize, Value>(b) })
    }
}

/// Gives a value's reference to a word.
pub(crate) fn value_to_word(v: Option<Value>) -> usize {
    match v {
        None => 0,
        Some(v) => {
            let b = v.bits();
            std::mem::forget(v);
            b
        }
    }
}

/// Allocates an object of type `ty` whose payload is `payload` (its layout must be `ty`'s).
///
/// The instance extras of Python classes are set up out of line, so a float or tuple
/// allocation is this, gc's `alloc` and the payload write.
pub fn alloc<T: PyPayload>(ts: &ThreadState, ty: &PyType, payload: T) -> PyResult<Value> {
    debug_assert!(
        ty.layout_is::<T>(),
        "{} is not a {}",
        ty.name(),
        std::any::type_name::<T>()
    );
    // SAFETY: the vtable lives in the type object, which outlives every instance: builtin types
    // are immortal, and an instance of a Python class holds a reference to its type, released
    // last in `heap_drop` (gc reads the vtable's sizes before calling drop).
    let vt: &'static GcVtable = unsafe { &*(ty.vtable() as *const GcVtable) };
    // SAFETY: the payload is written right below, before anyone can see the object.
    let Ok(h) = (unsafe { gc::alloc(Some(&ts.gc), vt, vt.size) }) else {
        return Err(alloc_failed(ts));
    };
    let p = payload_of(h);
    // SAFETY: fresh block with room for the payload (vt.size >= size_of T) at an 8-aligned offset.
    unsafe { p.cast::<T>().write(payload) };
    if ty.is_heap() || ty.dict_index.is_some() {
        // SAFETY: `h` is the fresh instance of `ty` just allocated, not yet a `Value`.
        return unsafe { finish_instance(ts, h, ty) };
    }
    // SAFETY: we own the fresh object's reference.
    Ok(unsafe { Value::from_raw_owned(h) })
}

#[cold]
#[inline(never)]
fn alloc_failed(ts: &ThreadState) -> crate::errors::PyErr {
    ts.memory_error()
}

/// The rest of [`alloc`] for instances with extras (Python classes) or an instance dict: zero
/// the extras and count the instance's reference to its class before anything can drop it,
/// then give it its dict.
///
/// # Safety
/// `h` is a fresh instance of `ty` whose payload is written, owned by the caller (count 1).
#[inline(never)]
unsafe fn finish_instance(ts: &ThreadState, h: NonNull<ObjHeader>, ty: &PyType) -> PyResult<Value> {
    if ty.is_heap() {
        let ex = payload_of(h).wrapping_add(ty.extras_offset).cast::<usize>();
        for i in 0..ty.n_extras {
            // SAFETY: the extras area is inside the block (vt.size covers it).
            unsafe { ex.add(i).write(0) };
        }
        std::mem::forget(ty.to_value());
    }
    // SAFETY: we own the fresh object's reference (caller's contract).
    let v = unsafe { Value::from_raw_owned(h) };
    if let Some(i) = ty.dict_index {
        let d = crate::objects::dict::PyDict::new_value(ts)?;
        extras(h, ty)[i].store(value_to_word(Some(d)), Ordering::Release);
    }
    Ok(v)
}

/// The `__dict__` of an instance, if its type gives it one.
pub fn instance_dict(v: &Value) -> Option<Value> {
    let h = v.header()?;
    let ty = v.class();
    let i = ty.dict_index?;
    let w = &extras(NonNull::from(h), ty)[i];
    // ORDERING: Acquire pairs with the Release store in `alloc` / `set_instance_dict`.
    let b = w.load(Ordering::Acquire);
    let r = std::mem::ManuallyDrop::new(word_to_value(b)?);
    Some((*r).clone())
}

/// [`instance_dict`] borrowed: the dict word is written once at allocation and never replaced
/// (DESIGN: dict-slot-fixed), so the instance keeps its dict alive as long as `v` lives.
#[inline]
pub(crate) fn instance_dict_ref(v: &Value) -> Option<&crate::objects::dict::PyDict> {
    let h = v.header()?;
    let ty = v.class();
    let i = ty.dict_index?;
    let w = extras(NonNull::from(h), ty).get(i)?;
    // ORDERING: Acquire pairs with the Release store in `alloc` / `set_instance_dict`.
    let b = w.load(Ordering::Acquire);
    if b == 0 {
        return None;
    }
    // SAFETY: the word holds a `Value` (see `word_to_value`) that `v`'s object owns for as long
    // as it lives; we only reinterpret it in place, without taking or dropping a reference.
    let dv: &Value = unsafe { &*(w as *const std::sync::atomic::AtomicUsize).cast::<Value>() };
    dv.downcast::<crate::objects::dict::PyDict>()
}

/// The instance dict word never changes after allocation (DESIGN: dict-slot-fixed), so
/// [`instance_dict`] can read it without a lock; `obj.__dict__ = d` copies `d` into it instead
/// (see `objects/object_type.rs`).
/// Extra word `i` of an instance (a `__slots__` member), read under the instance's lock.
pub fn slot_get(ts: &ThreadState, v: &Value, i: usize) -> Option<Value> {
    let h = v.header()?;
    let ty = v.class();
    let w = extras(NonNull::from(h), ty).get(i)?;
    let read = || {
        // ORDERING: Relaxed: under the object's lock, which orders writers.
        let b = w.load(Ordering::Relaxed);
        let r = std::mem::ManuallyDrop::new(word_to_value(b)?);
        Some((*r).clone())
    };
    // Fast path: the header mutex as a leaf lock (reading a word and an incref run no Python
    // code), as `PyDict::read_table`; busy (another thread, or our own suspended or active
    // critical section on this object) falls back to a full critical section.
    let m = h.mutex();
    if m.try_lock() {
        let r = read();
        // SAFETY: taken just above by this thread.
        unsafe { m.unlock() };
        return r;
    }
    gc::with_critical_section(&ts.gc, h, |_| read())
}

/// Sets (or with `None` deletes) extra word `i`; returns the old value.
pub fn slot_set(ts: &ThreadState, v: &Value, i: usize, new: Option<Value>) -> Option<Value> {
    let h = v.header()?;
    let ty = v.class();
    let w = extras(NonNull::from(h), ty).get(i)?;
    let new = value_to_word(new);
    // ORDERING: AcqRel under the lock: hands the reference over.
    let swap = || word_to_value(w.swap(new, Ordering::AcqRel));
    // Fast path as in `slot_get`; the old value is dropped by the caller, after the unlock.
    let m = h.mutex();
    if m.try_lock() {
        let old = swap();
        // SAFETY: taken just above by this thread.
        unsafe { m.unlock() };
        return old;
    }
    gc::with_critical_section(&ts.gc, h, |_| swap())
}

/// The header of the object whose payload is `p`.
#[inline]
pub fn header_of_payload<T>(p: &T) -> &ObjHeader {
    // SAFETY: payloads live only inside objects, `PAYLOAD_OFFSET` bytes after the header.
    unsafe {
        &*(p as *const T)
            .cast::<u8>()
            .wrapping_sub(PAYLOAD_OFFSET)
            .cast::<ObjHeader>()
    }
}
