//! `type`: type objects, attribute lookup along the MRO, class creation (`type(name, bases,
//! ns)` and `class` statements: C3 linearization, layout, `__slots__`, slot filling).
//!
//! A type object's payload is a [`PyType`], whose first field is gc's `GcVtable`
//! (`#[repr(C)]`): the header's type pointer of every instance points at it, so it is both the
//! Python type and the collector's vtable (DESIGN: type-is-vtable). Builtin types are created
//! once at runtime start and are immortal; Python classes are ordinary (deferred) gc objects
//! that each instance keeps alive.
//!
//! (DESIGN: type-version-tags) Every type has a version tag, CPython's `tp_version_tag`: a
//! `u64` taken lazily from a process-wide counter on the first cached lookup, 0 meaning "none
//! yet / invalidated". Any change to what a lookup on the type can return (a write to its
//! dict or to a base's dict, a new `__bases__`/`__mro__`) stores 0 into the tag of the type
//! and of every subclass, walking the weak subclass lists ([`PyType::modified`]). Tags are
//! never reused, so a cache entry keyed by a tag identifies both the type and the state of its
//! MRO's dicts: the per-thread type cache (interp/cache.rs) and the per-instruction inline
//! caches (interp/icache.rs) need no global epoch, and a class attribute written in a loop only
//! deopts the sites that look at that class.
//!
//! (DESIGN: replaceable-hierarchy) `__base__`, `__bases__` and `__mro__` can be replaced
//! (`C.__bases__ = ...`) while other threads, or the replacing thread itself further up its
//! stack, hold `&[Value]` slices borrowed from the old tuples for as long as they hold `&PyType`
//! (an MRO walk may run `__eq__` code that assigns `__bases__`). So a [`HierarchySlot`] is an
//! atomic pointer to the current value, and every value ever stored stays owned by the slot
//! until the type dies: a reader never sees a freed tuple, with no lock and no QSBR grace
//! period to bound (QSBR cannot bound a borrow that spans Python code). Replacement is rare,
//! so what is retained is small.

use crate::errors::PyResult;
use crate::object::{self, PayloadOps, PyPayload};
use crate::objects::dict::PyDict;
use crate::objects::slots::Slots;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::runtime::types;
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::{GcVtable, ObjHeader, Tracer};
use std::any::TypeId;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};

/// Source of type version tags; 0 is never handed out (it means "no tag").
static NEXT_TYPE_VERSION: AtomicU64 = AtomicU64::new(1);

/// A replaceable `__base__`/`__bases__`/`__mro__` value (DESIGN: replaceable-hierarchy).
#[derive(Default)]
pub(crate) struct HierarchySlot {
    /// The current value: points into a box owned by `kept`; null = not set yet.
    cur: AtomicPtr<Value>,
    /// Every value stored, current or retired, owned until the type dies (boxed: `cur`
    /// points into a box, which must not move when the vector grows).
    #[allow(clippy::vec_box)]
    kept: Mutex<Vec<Box<Value>>>,
}

impl HierarchySlot {
    #[inline]
    fn get(&self) -> Option<&Value> {
        // ORDERING: Acquire pairs with the Release store in `set`: the boxed value is seen
        // initialised.
        let p = self.cur.load(Ordering::Acquire);
        // SAFETY: a non-null `cur` points into a box in `kept`, which is never shrunk while
        // `self` lives, so the value outlives the returned borrow of `self`.
        unsafe { p.as_ref() }
    }

    /// Makes `v` the current value; the previous one stays alive until the slot drops.
    fn set(&self, v: Value) {
        let b = Box::new(v);
        let p = (&*b as *const Value).cast_mut();
        match self.kept.lock() {
            Ok(mut g) => g.push(b),
            // A poisoned lock: keep the box alive forever rather than free under a reader.
            Err(_) => std::mem::forget(b),
        }
        // ORDERING: Release: see `get`.
        self.cur.store(p, Ordering::Release);
    }

    /// Calls `f` on every value held (for the collector's trace); none if the slot is being
    /// written (the collector then counts them as external references: conservative).
    fn for_each(&self, f: &mut impl FnMut(&Value)) {
        if let Ok(g) = self.kept.try_lock() {
            for b in g.iter() {
                f(b);
            }
        }
    }
}

pub mod flags {
    /// A Python class (allocated at run time, not immortal).
    pub const HEAPTYPE: u32 = 1 << 0;
    /// May be subclassed.
    pub const BASETYPE: u32 = 1 << 1;
    /// Instances of this type are `__abstractmethods__`-checked (set by `abc`).
    pub const IS_ABSTRACT: u32 = 1 << 2;
    /// Instances can't be weakly referenced (`__slots__` without `__weakref__`).
    pub const NO_WEAKREF: u32 = 1 << 3;
    /// A static type (made by `new_native_type`) whose instances can be weakly referenced
    /// (CPython's non-zero `tp_weaklistoffset`).
    pub const WEAKREFABLE: u32 = 1 << 4;
}

/// A Python type object's payload.
#[repr(C)]
pub struct PyType {
    /// gc's view of this type; must stay the first field (DESIGN: type-is-vtable).
    vt: GcVtable,
    name: Mutex<Box<str>>,
    layout: TypeId,
    pub(crate) base_ops: &'static PayloadOps,
    /// Byte offset of the extra words (dict, `__slots__`) from the payload start.
    pub(crate) extras_offset: usize,
    pub(crate) n_extras: usize,
    /// Extra word holding the instance `__dict__`.
    pub(crate) dict_index: Option<usize>,
    pub(crate) flags: u32,
    base: HierarchySlot,
    bases: HierarchySlot,
    mro: HierarchySlot,
    dict: OnceLock<Value>,
    /// The version tag (DESIGN: type-version-tags); 0 = none.
    version: AtomicU64,
    qualname: Mutex<Option<Value>>,
    /// Set by `abc` (`__abstractmethods__` non-empty): instantiation is refused.
    pub(crate) is_abstract: std::sync::atomic::AtomicBool,
    /// Which of BaseException's special initialisers instances get (objects/exceptions.rs),
    /// computed on first use from the MRO (reset when the MRO changes); 0 = not computed yet.
    pub(crate) exc_kind: std::sync::atomic::AtomicU8,
    /// Emulates a C type (`flags::` has no room: set after the class body ran): immutable,
    /// and its name is module-qualified in messages (see [`PyType::make_static_like`]).
    static_like: std::sync::atomic::AtomicBool,
    /// Weak references to the direct subclasses (`__subclasses__`), dead ones pruned lazily.
    subclasses: Mutex<Vec<Value>>,
    pub slots: Slots,
}

impl PyPayload for PyType {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        let mut visit = |v: &Value| {
            if let Some(o) = v.obj_ptr() {
                if v.bits() & 7 == 0 {
                    // SAFETY: non-null object pointer.
                    // SAFETY: a counted reference held by the type: a live gc object.
                    unsafe { t.visit_raw(NonNull::new_unchecked(o.cast_mut())) };
                }
            }
        };
        if let Some(d) = self.dict.get() {
            visit(d);
        }
        // Visited in place, without cloning (no reference count moves during a collection).
        for slot in [&self.base, &self.bases, &self.mro] {
            slot.for_each(&mut visit);
        }
        if let Ok(g) = self.subclasses.try_lock() {
            g.iter().for_each(&mut visit);
        }
    }
}

impl Drop for PyType {
    fn drop(&mut self) {
        // A class died: its address may be reused (the finalizer cache is keyed by address),
        // and thread caches should let go of what they hold for it.
        crate::runtime::note_type_death();
    }
}

impl PyType {
    /// A builtin type whose instances have layout `T`.
    pub fn new_builtin<T: PyPayload>(name: &str, flags: u32) -> PyType {
        let ops = object::payload_ops::<T>();
        PyType {
            vt: object::builtin_vtable::<T>(),
            name: Mutex::new(name.into()),
            layout: TypeId::of::<T>(),
            base_ops: ops,
            extras_offset: (ops.size + 7) & !7,
            n_extras: 0,
            dict_index: None,
            flags,
            base: HierarchySlot::default(),
            bases: HierarchySlot::default(),
            mro: HierarchySlot::default(),
            dict: OnceLock::new(),
            version: AtomicU64::new(0),
            qualname: Mutex::new(None),
            is_abstract: std::sync::atomic::AtomicBool::new(false),
            exc_kind: std::sync::atomic::AtomicU8::new(0),
            static_like: std::sync::atomic::AtomicBool::new(false),
            subclasses: Mutex::new(Vec::new()),
            slots: Slots::default(),
        }
    }

    pub fn name(&self) -> String {
        self.name.lock().map(|n| n.to_string()).unwrap_or_default()
    }

    pub(crate) fn set_name(&self, n: &str) {
        if let Ok(mut g) = self.name.lock() {
            *g = n.into();
        }
    }

    /// `__qualname__` (the name for builtin types).
    pub fn qualname(&self, ts: &ThreadState) -> Value {
        if let Ok(g) = self.qualname.lock() {
            if let Some(q) = &*g {
                return q.clone();
            }
        }
        ts.new_str(&self.name())
    }

    pub(crate) fn set_qualname(&self, q: Value) {
        if let Ok(mut g) = self.qualname.lock() {
            *g = Some(q);
        }
    }

    #[inline]
    pub fn layout_is<T: 'static>(&self) -> bool {
        self.layout == TypeId::of::<T>()
    }

    pub fn same_layout(&self, other: &PyType) -> bool {
        self.layout == other.layout
    }

    #[inline]
    pub fn is_heap(&self) -> bool {
        self.flags & flags::HEAPTYPE != 0
    }

    /// Whether class attributes may be set (CPython: no `Py_TPFLAGS_IMMUTABLETYPE`): Python
    /// classes, except those marked static-like.
    #[inline]
    pub fn is_mutable(&self) -> bool {
        // ORDERING: Relaxed: set once, before the class is handed out by its module.
        self.is_heap() && !self.static_like.load(Ordering::Relaxed)
    }

    /// Whether the type is static-like (see [`PyType::make_static_like`]).
    #[inline]
    pub fn is_static_like(&self) -> bool {
        // ORDERING: Relaxed: see `is_mutable`.
        self.static_like.load(Ordering::Relaxed)
    }

    /// CPython's `tp_name`: the name error messages use (`decimal.Decimal` for a static-like
    /// class, `_thread.lock` for a builtin type, the plain `__name__` for a Python class).
    pub fn tp_name(&self, _ts: &ThreadState) -> String {
        self.name()
    }

    /// Makes a Python class behave like a type CPython implements in C (DESIGN:
    /// static-like-types): its `tp_name` becomes `module.Name` (so messages say
    /// `'decimal.Decimal'`) while `__name__`, `__qualname__`, `__module__` and `repr` stay what
    /// they were, and it becomes immutable (`cannot set 'x' attribute of immutable type
    /// 'decimal.Decimal'`). Subclasses made later in Python are ordinary classes. Called by
    /// stdlib modules that run a Python source as a C module's stand-in (stdlib/src/pysource.rs).
    pub fn make_static_like(&self, ts: &ThreadState) {
        if !self.is_heap() || self.is_static_like() {
            return;
        }
        let module = self
            .dict()
            .get_item_str(ts, &crate::runtime::names().__module__)
            .and_then(|m| m.downcast::<PyStr>().map(|s| s.to_string_lossy()));
        if let Some(m) = module.filter(|m| m != "builtins") {
            let n = self.name();
            self.set_name(&format!("{m}.{n}"));
        }
        // ORDERING: Relaxed: see `is_mutable`.
        self.static_like.store(true, Ordering::Relaxed);
    }

    pub fn has_instance_dict(&self) -> bool {
        self.dict_index.is_some()
    }

    pub fn vtable(&self) -> &GcVtable {
        &self.vt
    }

    /// The type object's header.
    pub fn header_ptr(&self) -> NonNull<ObjHeader> {
        let p = (self as *const PyType)
            .cast::<u8>()
            .wrapping_sub(object::PAYLOAD_OFFSET);
        // SAFETY: a `PyType` lives only as the payload of a type object.
        unsafe { NonNull::new_unchecked(p as *mut ObjHeader) }
    }

    /// A reference to this type object.
    pub fn to_value(&self) -> Value {
        // SAFETY: `self` is borrowed from a live type object.
        unsafe { Value::from_borrowed_ptr(self.header_ptr().as_ptr()) }
    }

    pub fn is(&self, other: &PyType) -> bool {
        std::ptr::eq(self, other)
    }

    /// The type's namespace (a `dict`).
    pub fn dict(&self) -> &PyDict {
        let d = self.dict.get().expect("type dict is set at creation");
        // SAFETY: `dict` always holds a dict.
        unsafe { d.payload_unchecked::<PyDict>() }
    }

    pub fn dict_value(&self) -> Value {
        self.dict
            .get()
            .expect("type dict is set at creation")
            .clone()
    }

    pub(crate) fn init_dict(&self, d: Value) {
        let _ = self.dict.set(d);
    }

    /// `__base__`.
    pub fn base(&self) -> Option<&PyType> {
        self.base.get().map(|b| b.as_type())
    }

    /// `__bases__`.
    pub fn bases(&self) -> &[Value] {
        match self.bases.get() {
            Some(t) => t.as_tuple_slice(),
            None => &[],
        }
    }

    /// `__mro__`.
    pub fn mro(&self) -> &[Value] {
        match self.mro.get() {
            Some(t) => t.as_tuple_slice(),
            None => &[],
        }
    }

    pub(crate) fn mro_value(&self) -> Option<Value> {
        self.mro.get().cloned()
    }

    pub(crate) fn bases_value(&self) -> Option<Value> {
        self.bases.get().cloned()
    }

    /// Sets `__base__` (at creation, and by `__bases__` assignment).
    pub(crate) fn set_base(&self, b: Value) {
        self.base.set(b);
    }

    /// Sets `__bases__` and, when given, `__mro__` (builtin types at bootstrap; classes at
    /// creation and on `__bases__` assignment). The caller invalidates version tags.
    pub(crate) fn init_hierarchy(&self, bases: Value, mro: Option<Value>) {
        if !self.bases.get().is_some_and(|b| b.is(&bases)) {
            self.bases.set(bases);
        }
        if let Some(mro) = mro {
            self.set_mro(mro);
        }
    }

    /// Replaces `__mro__` (a tuple of types); the caller invalidates version tags.
    pub(crate) fn set_mro(&self, mro: Value) {
        self.mro.set(mro);
        // ORDERING: Relaxed: a cache of a pure function of the MRO, recomputed on 0.
        self.exc_kind.store(0, Ordering::Relaxed);
    }

    /// The version tag, assigned now if the type has none (DESIGN: type-version-tags). Read it
    /// before the lookup whose result is cached under it.
    #[inline]
    pub fn version_tag(&self) -> u64 {
        // ORDERING: Acquire pairs with the Release invalidation in `modified`: a lookup made
        // after reading a tag sees the dict writes that came before the tag was assigned.
        let v = self.version.load(Ordering::Acquire);
        if v != 0 {
            return v;
        }
        self.assign_version()
    }

    #[cold]
    fn assign_version(&self) -> u64 {
        // ORDERING: Relaxed: uniqueness is all the counter gives.
        let new = NEXT_TYPE_VERSION.fetch_add(1, Ordering::Relaxed);
        // ORDERING: AcqRel: Acquire as in `version_tag`; Release publishes the tag.
        match self
            .version
            .compare_exchange(0, new, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => new,
            Err(cur) => cur,
        }
    }

    /// The current tag without assigning one (0 = none): validates a cache entry.
    #[inline]
    pub fn version_now(&self) -> u64 {
        // ORDERING: Acquire: see `version_tag`.
        self.version.load(Ordering::Acquire)
    }

    /// What lookups on this type return may have changed (`name` set or deleted in its dict;
    /// `None`: anything, e.g. new bases): invalidates the version tags of the type and of all
    /// its subclasses, CPython's `type_modified`. Call after the change.
    pub fn modified(&self, ts: &ThreadState, name: Option<&Value>) {
        let del_changed = match name {
            Some(n) => n
                .downcast::<PyStr>()
                .is_none_or(|s| s.as_str() == Some("__del__")),
            None => true,
        };
        if del_changed {
            crate::runtime::note_del_change();
        }
        self.invalidate_one(ts, name);
        let mut todo = self.subclasses(ts);
        // Bounded only to survive a corrupt graph; `__bases__` assignment refuses cycles.
        let mut budget = 1_000_000usize;
        while let Some(sub) = todo.pop() {
            let t = sub.as_type();
            t.invalidate_one(ts, name);
            budget = budget.saturating_sub(1);
            if budget > 0 {
                todo.extend(t.subclasses(ts));
            }
        }
    }

    fn invalidate_one(&self, ts: &ThreadState, name: Option<&Value>) {
        // ORDERING: Release pairs with the Acquire tag loads: a reader that sees the tag gone
        // also sees the change that removed it.
        self.version.store(0, Ordering::Release);
        if let Some(n) = name {
            // This thread's type cache lets go of the old value now (other threads' entries
            // can no longer match and are replaced when their slot is next used).
            crate::interp::cache::forget(ts, self, n);
        }
    }

    /// Whether `self` is `other` or a subclass of it.
    #[inline]
    pub fn is_subtype(&self, other: &PyType) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        let mro = self.mro();
        if mro.is_empty() {
            // During bootstrap: walk `__base__`.
            let mut t = self.base();
            while let Some(b) = t {
                if std::ptr::eq(b, other) {
                    return true;
                }
                t = b.base();
            }
            return false;
        }
        mro.iter().any(|c| std::ptr::eq(c.as_type(), other))
    }

    /// Records `sub` as a direct subclass (held weakly).
    pub(crate) fn add_subclass(&self, ts: &ThreadState, sub: &Value) -> PyResult<()> {
        let w = crate::objects::weakref::new_weakref(ts, types().weakref, sub, None)?;
        let stale = match self.subclasses.lock() {
            Ok(mut g) => {
                g.push(w);
                // Prune dead entries now and then, outside the lock.
                if g.len() % 64 == 0 {
                    std::mem::take(&mut *g)
                } else {
                    Vec::new()
                }
            }
            Err(_) => Vec::new(),
        };
        if !stale.is_empty() {
            let live: Vec<Value> = stale
                .into_iter()
                .filter(|w| weak_target(ts, w).is_some())
                .collect();
            if let Ok(mut g) = self.subclasses.lock() {
                let newer = std::mem::take(&mut *g);
                *g = live;
                g.extend(newer);
            }
        }
        Ok(())
    }

    /// Forgets `sub` as a direct subclass (its `__bases__` no longer include `self`); dead
    /// entries go too.
    pub(crate) fn remove_subclass(&self, ts: &ThreadState, sub: &PyType) {
        let refs = match self.subclasses.lock() {
            Ok(mut g) => std::mem::take(&mut *g),
            Err(_) => return,
        };
        // Resolved outside the lock: dropping a resolved reference may run Python code.
        let live: Vec<Value> = refs
            .into_iter()
            .filter(|w| weak_target(ts, w).is_some_and(|t| !std::ptr::eq(t.as_type(), sub)))
            .collect();
        if let Ok(mut g) = self.subclasses.lock() {
            let newer = std::mem::take(&mut *g);
            *g = live;
            g.extend(newer);
        }
    }

    /// The live direct subclasses, oldest first (`__subclasses__()`).
    pub fn subclasses(&self, ts: &ThreadState) -> Vec<Value> {
        let refs = self
            .subclasses
            .lock()
            .map(|g| g.clone())
            .unwrap_or_default();
        refs.iter().filter_map(|w| weak_target(ts, w)).collect()
    }

    /// Looks `name` (a str) up along the MRO, without descriptors (CPython's `_PyType_Lookup`).
    pub fn lookup(&self, ts: &ThreadState, name: &Value) -> Option<Value> {
        crate::interp::cache::type_lookup(ts, self, name)
    }

    /// `lookup` without the cache.
    pub(crate) fn lookup_uncached(&self, ts: &ThreadState, name: &Value) -> Option<Value> {
        for c in self.mro() {
            if let Some(v) = c.as_type().dict().get_item_str(ts, name) {
                return Some(v);
            }
        }
        if self.mro().is_empty() {
            return self.dict().get_item_str(ts, name);
        }
        None
    }

    /// `lookup` by a Rust string (interned first).
    pub fn lookup_str(&self, ts: &ThreadState, name: &str) -> Option<Value> {
        let n = ts.intern(name);
        self.lookup(ts, &n)
    }

    /// Sets `name` in the type dict and refreshes slots and caches (builtin setup and
    /// `cls.name = v`).
    pub fn set_attr_str(&self, ts: &ThreadState, name: &str, v: Value) -> PyResult<()> {
        let n = ts.intern(name);
        self.dict().set_item(ts, n.clone(), v)?;
        self.modified(ts, Some(&n));
        Ok(())
    }
}

impl Value {
    /// This value as a type. Callers check `is_type` first unless it is an invariant.
    #[inline]
    pub fn as_type(&self) -> &PyType {
        match self.downcast::<PyType>() {
            Some(t) => t,
            None => panic!("VM bug: {self:?} is not a type"),
        }
    }

    #[inline]
    pub fn is_type(&self) -> bool {
        self.downcast::<PyType>().is_some()
    }

    /// The items of a tuple value (empty for anything else).
    #[inline]
    pub fn as_tuple_slice(&self) -> &[Value] {
        match self.downcast::<PyTuple>() {
            Some(t) => t.as_slice(),
            None => &[],
        }
    }

    /// Whether `type(self)` is `ty` or a subclass (`isinstance` without `__instancecheck__`).
    #[inline]
    pub fn is_instance_of(&self, ty: &PyType) -> bool {
        self.class().is_subtype(ty)
    }
}

fn weak_target(ts: &ThreadState, w: &Value) -> Option<Value> {
    let r = w.downcast::<crate::objects::weakref::PyWeakRef>()?;
    crate::objects::weakref::referent(ts, r)
}

/// C3 linearization of a class with these bases (CPython's `mro_implementation`).
pub fn c3_mro(ts: &ThreadState, cls: &Value, bases: &[Value]) -> PyResult<Vec<Value>> {
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|x| x.is(b)) {
            return Err(ts.type_error(format!("duplicate base class {}", b.as_type().name())));
        }
    }
    let mut seqs: Vec<Vec<Value>> = bases.iter().map(|b| b.as_type().mro().to_vec()).collect();
    seqs.push(bases.to_vec());
    let mut out = vec![cls.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut found = None;
        for s in &seqs {
            let cand = &s[0];
            let in_tail = seqs.iter().any(|t| t[1..].iter().any(|x| x.is(cand)));
            if !in_tail {
                found = Some(cand.clone());
                break;
            }
        }
        let Some(next) = found else {
            let mut names: Vec<String> = Vec::new();
            for s in &seqs {
                let n = s[0].as_type().name();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(ts.type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if s[0].is(&next) {
                s.remove(0);
            }
        }
        out.push(next);
    }
}

/// The type whose instance layout `t` uses unchanged (CPython's `solid_base`): `t` itself
/// if it adds `__slots__` or a different payload, else its base's solid base. Adding a
/// `__dict__` does not count, as in CPython.
pub(crate) fn solid_base(t: &PyType) -> &PyType {
    let mut t = t;
    while let Some(b) = t.base() {
        if t.same_layout(b) && t.n_slots() == b.n_slots() {
            t = b;
        } else {
            break;
        }
    }
    t
}

/// The base whose layout a class's instances use (CPython's `best_base`): the one with the
/// most derived solid base; the solid bases must form a chain.
pub(crate) fn best_base(ts: &ThreadState, bases: &[Value]) -> PyResult<Value> {
    let object_ty = types().object;
    let mut best: Option<(Value, &PyType)> = None;
    for b in bases {
        let bt = b.as_type();
        if bt.flags & flags::BASETYPE == 0 {
            return Err(ts.type_error(format!(
                "type '{}' is not an acceptable base type",
                bt.name()
            )));
        }
        let cand = solid_base(bt);
        match &best {
            None => best = Some((b.clone(), cand)),
            Some((_, winner)) if winner.is_subtype(cand) => {}
            Some((_, winner)) => {
                if !cand.is_subtype(winner) {
                    return Err(ts.type_error("multiple bases have instance lay-out conflict"));
                }
                best = Some((b.clone(), cand));
            }
        }
    }
    Ok(best.map_or_else(|| object_ty.to_value(), |(b, _)| b))
}

impl PyType {
    /// Number of `__slots__` words (extras that are not the dict).
    pub(crate) fn n_slots(&self) -> usize {
        self.n_extras - usize::from(self.dict_index.is_some())
    }

    /// A Python class with the given layout and hierarchy (its dict, MRO and slots are set by
    /// the caller, `objects/class_new.rs`).
    pub(crate) fn new_heap(
        name: &str,
        base: &PyType,
        n_new_slots: usize,
        want_dict: bool,
    ) -> PyType {
        let mut n_extras = base.n_extras + n_new_slots;
        let mut dict_index = base.dict_index;
        if want_dict && dict_index.is_none() {
            dict_index = Some(n_extras);
            n_extras += 1;
        }
        let extras_offset = base.extras_offset;
        PyType {
            vt: GcVtable {
                size: extras_offset + n_extras * 8,
                align: 8,
                var_size: None,
                trace: Some(object::heap_trace),
                clear: Some(object::heap_clear),
                drop: Some(object::heap_drop),
                finalize: Some(crate::objects::finalize::heap_finalize),
            },
            name: Mutex::new(name.into()),
            layout: base.layout,
            base_ops: base.base_ops,
            extras_offset,
            n_extras,
            dict_index,
            flags: flags::HEAPTYPE | flags::BASETYPE,
            base: HierarchySlot::default(),
            bases: HierarchySlot::default(),
            mro: HierarchySlot::default(),
            dict: OnceLock::new(),
            version: AtomicU64::new(0),
            qualname: Mutex::new(None),
            is_abstract: std::sync::atomic::AtomicBool::new(false),
            exc_kind: std::sync::atomic::AtomicU8::new(0),
            static_like: std::sync::atomic::AtomicBool::new(false),
            subclasses: Mutex::new(Vec::new()),
            slots: Slots::default(),
        }
    }
}

/// `type.__repr__`: `<class 'mod.Name'>`.
pub fn type_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = v.as_type();
    let q = t.qualname(ts);
    let q = crate::objects::str::str_lossy(&q);
    let q = if t.is_heap() {
        q
    } else {
        q.rsplit('.').next().unwrap_or(&q).to_string()
    };
    let module = if t.is_heap() {
        t.dict()
            .get_item_str(ts, &ts.intern("__module__"))
            .and_then(|m| m.downcast::<PyStr>().map(|s| s.to_string_lossy()))
    } else {
        builtin_module_of(&t.name())
    };
    Ok(ts.new_str(&match module {
        Some(m) if m != "builtins" => format!("<class '{m}.{q}'>"),
        _ => format!("<class '{q}'>"),
    }))
}

/// Module of a builtin type whose name has a dot (`_thread.lock`).
fn builtin_module_of(name: &str) -> Option<String> {
    name.rsplit_once('.').map(|(m, _)| m.to_string())
}
