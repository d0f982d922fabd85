//! Weak references (`weakref.ref`, `weakref.proxy`) and the `_weakref` module.
//!
//! # Design (DESIGN: weakref-registry)
//! A weak reference holds its referent's address, uncounted. The addresses of every weakref to
//! an object are kept in a process-wide registry, sharded by referent address, each shard a
//! leaf mutex (never held across Python code, allocation of Python objects or a decref). The
//! referent is marked with gc bit `WEAKREFS`; when its count reaches zero gc calls
//! [`clear_hook`] before freeing it, which, under the shard lock, detaches every weakref (stores
//! address 0) and queues the callbacks of those still alive (finalize.rs runs them at the next
//! safe point). The collector does the same for unreachable objects before their finalizers
//! ([`clear_for_collection`]).
//!
//! Free threading: dereferencing (`r()`) takes the shard lock, re-reads the address and uses
//! gc's `try_incref`, which fails on an object whose count reached zero; the referent is moved
//! to MAYBE_WEAKREF when the first weakref is made, so a live object owned by another thread
//! can be incref'd (I5). The referent's memory can't go away while the lock is held, because
//! its death calls `clear_hook`, which takes the same lock first. A weakref that dies removes
//! itself from the registry under the lock; `clear_hook` touches a weakref's payload only
//! under the lock and stores its address 0 last, so it never reads a freed weakref.
//!
//! Entry points: [`init`] (types), [`module`] (`_weakref`), [`clear_hook`] (installed in gc),
//! [`clear_for_collection`].

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::{header_of_payload, PyPayload};
use crate::objects::finalize::{self, Job};
use crate::objects::seq::trace_value;
use crate::objects::slots::CmpOp;
use crate::objects::tuple::PyTuple;
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::{none, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::{ObjHeader, ObjRef, Tracer};
use std::collections::HashMap;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{LazyLock, Mutex, MutexGuard, OnceLock};

/// `weakref.ref`, `weakref.ProxyType` and `weakref.CallableProxyType` instances (one layout).
pub struct PyWeakRef {
    /// The referent's header address; 0 once it died. Changes only from its address to 0,
    /// under the referent's shard lock.
    referent: AtomicUsize,
    /// The callback, taken (called once) when the referent dies.
    callback: Mutex<Option<Value>>,
    /// `hash(r)`, cached once computed (`HASH_UNSET` before).
    hash: AtomicI64,
}

const HASH_UNSET: i64 = i64::MIN;

impl PyPayload for PyWeakRef {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        if let Ok(g) = self.callback.try_lock() {
            if let Some(c) = &*g {
                trace_value(c, t);
            }
        }
    }
    fn clear(&self) {
        let old = self.callback.lock().ok().and_then(|mut g| g.take());
        drop(old);
    }
}

impl Drop for PyWeakRef {
    fn drop(&mut self) {
        // ORDERING: Acquire pairs with the Release store in `detach_all`: 0 means that hook is
        // done with this payload.
        let a = self.referent.load(Ordering::Acquire);
        if a == 0 {
            return;
        }
        let me = header_of_payload(self) as *const ObjHeader as usize;
        let mut shard = lock_shard(a);
        // ORDERING: Relaxed: under the shard lock, which orders every change of the address.
        if self.referent.load(Ordering::Relaxed) == a {
            if let Some(list) = shard.get_mut(&a) {
                list.retain(|&w| w != me);
                if list.is_empty() {
                    shard.remove(&a);
                }
            }
        }
    }
}

// --- the registry ---

const SHARDS: usize = 16;

/// Referent address → addresses of its weakref objects (oldest first).
type Shard = HashMap<usize, Vec<usize>>;

static REGISTRY: LazyLock<Vec<Mutex<Shard>>> =
    LazyLock::new(|| (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect());

fn lock_shard(addr: usize) -> MutexGuard<'static, Shard> {
    let m = &REGISTRY[(addr >> 5) % SHARDS];
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The payload of the weakref object at `addr`.
///
/// # Safety
/// `addr` is in the registry and the caller holds its referent's shard lock: the weakref's
/// `Drop` can't have finished (it removes the address under that lock first).
unsafe fn weakref_at<'a>(addr: usize) -> &'a PyWeakRef {
    // SAFETY: forwarded contract; registered addresses are `PyWeakRef` objects.
    unsafe { &*crate::object::payload_ptr::<PyWeakRef>(&*(addr as *const ObjHeader)) }
}

/// What detaching found: callbacks to call, and values to drop once the lock is released
/// (dropping one may run a weakref's `Drop`, which takes the shard lock).
#[derive(Default)]
struct Detached {
    calls: Vec<(Value, Value)>,
    drop_later: Vec<Value>,
}

/// Under the shard lock: detaches every weakref in `list` from its referent. Callbacks are
/// kept, newest weakref first, for weakrefs that are alive (`try_incref`) and not `skip`ped.
fn detach_all(
    list: &[usize],
    gts: Option<&gc::ThreadState>,
    skip: &dyn Fn(usize) -> bool,
    out: &mut Detached,
) {
    for &w in list.iter().rev() {
        // SAFETY: registered, and our caller holds the shard lock.
        let wr = unsafe { weakref_at(w) };
        let cb = wr.callback.lock().ok().and_then(|mut g| g.take());
        let Some(cb) = cb else { continue };
        let alive = match gts {
            Some(gts) if !skip(w) => {
                // SAFETY: the weakref's memory is valid (its Drop waits for this lock) and
                // `try_incref` fails if it is dying. Weakref objects are MAYBE_WEAKREF.
                unsafe { ObjRef::try_incref(NonNull::new_unchecked(w as *mut ObjHeader), gts) }
            }
            _ => None,
        };
        match alive {
            Some(r) => out.calls.push((Value::from_obj(r), cb)),
            None => out.drop_later.push(cb),
        }
    }
    for &w in list {
        // SAFETY: as above. The last touch of this payload (see the module docs).
        // ORDERING: Release pairs with the Acquire load in `PyWeakRef::drop`.
        unsafe { weakref_at(w) }
            .referent
            .store(0, Ordering::Release);
    }
}

/// Queues the callbacks (finalize.rs runs them at the next safe point).
fn queue_calls(d: Detached) {
    for (wr, callback) in d.calls {
        finalize::push(Job::WeakCallback { wr, callback });
    }
    drop(d.drop_later);
}

/// gc's hook for a dying object marked `WEAKREFS` (installed by [`init`]).
///
/// # Safety
/// gc's contract for `set_weakref_hook`: count 0, intact, freed right after.
pub unsafe fn clear_hook(h: NonNull<ObjHeader>) {
    let a = h.as_ptr() as usize;
    let mut d = Detached::default();
    let gts = finalize::current_gc();
    {
        let mut shard = lock_shard(a);
        if let Some(list) = shard.remove(&a) {
            // SAFETY: `current_gc` is this thread's gc state, alive while the eval loop that
            // published it runs on this thread (we are inside it).
            let gts = gts.map(|p| unsafe { &*p });
            detach_all(&list, gts, &|_| false, &mut d);
        }
    }
    queue_calls(d);
}

/// The collector found `garbage` unreachable: their weakrefs die now, before finalizers run;
/// callbacks are queued only for weakrefs that are not garbage themselves (CPython's
/// `handle_weakrefs`).
pub fn clear_for_collection(ts: &ThreadState, garbage: &[Value]) {
    let set: std::collections::HashSet<usize> = garbage
        .iter()
        .filter_map(|v| v.obj_ptr().map(|p| p as usize))
        .collect();
    let mut d = Detached::default();
    for v in garbage {
        let Some(h) = v.header() else { continue };
        if h.gc_bits() & gc::gc_bits::WEAKREFS == 0 {
            continue;
        }
        let a = h as *const ObjHeader as usize;
        let mut shard = lock_shard(a);
        if let Some(list) = shard.remove(&a) {
            detach_all(&list, Some(&ts.gc), &|w| set.contains(&w), &mut d);
        }
    }
    queue_calls(d);
}

// --- weakref.ref ---

/// Whether `v` may be weakly referenced (CPython: types with a weaklist offset).
fn weakrefable(v: &Value) -> bool {
    let Some(h) = v.header() else { return false };
    if v.is_type() {
        return true;
    }
    if h.is_immortal() {
        return false;
    }
    let ty = v.class();
    if ty.is_heap() {
        return ty.flags & crate::objects::typeobj::flags::NO_WEAKREF == 0;
    }
    if ty.flags & crate::objects::typeobj::flags::WEAKREFABLE != 0 {
        return true;
    }
    let t = types();
    [
        t.function,
        t.builtin_function,
        t.bound_method,
        t.set,
        t.frozenset,
        t.generator,
        t.coroutine,
        t.async_generator,
        t.module,
        t.code,
    ]
    .iter()
    .any(|k| ty.is(k))
}

/// The live referent of `wr`, or `None`.
pub fn referent(ts: &ThreadState, wr: &PyWeakRef) -> Option<Value> {
    // ORDERING: Acquire: a first look; re-read under the lock.
    let a = wr.referent.load(Ordering::Acquire);
    if a == 0 {
        return None;
    }
    let shard = lock_shard(a);
    // ORDERING: Relaxed: under the shard lock, which orders changes of the address.
    if wr.referent.load(Ordering::Relaxed) != a {
        return None;
    }
    // SAFETY: the address is set, so the referent's death hook hasn't run (it takes this lock
    // first): its header is readable; `try_incref` fails if the count already reached 0.
    let r = unsafe { ObjRef::try_incref(NonNull::new_unchecked(a as *mut ObjHeader), &ts.gc) };
    drop(shard);
    r.map(Value::from_obj)
}

/// Makes a weakref of type `cls` to `obj` (the basic `ref(obj)` without callback is shared).
pub fn new_weakref(
    ts: &ThreadState,
    cls: &PyType,
    obj: &Value,
    callback: Option<Value>,
) -> PyResult<Value> {
    if !weakrefable(obj) {
        return Err(ts.type_error(format!(
            "cannot create weak reference to '{}' object",
            obj.class().name()
        )));
    }
    let Some(h) = obj.header() else {
        return Err(ts.type_error("cannot create weak reference"));
    };
    let a = h as *const ObjHeader as usize;
    let basic = callback.is_none() && cls.is(types().weakref);
    if basic {
        if let Some(r) = find_basic(ts, a) {
            return Ok(r);
        }
    }
    let w = crate::object::alloc(
        ts,
        cls,
        PyWeakRef {
            referent: AtomicUsize::new(a),
            callback: Mutex::new(callback),
            hash: AtomicI64::new(HASH_UNSET),
        },
    )?;
    if let Some(o) = obj.to_obj() {
        // Other threads' derefs and the death hook `try_incref` these two (I5).
        o.set_maybe_weakref();
        h.set_vm_bits(gc::gc_bits::WEAKREFS);
    }
    if let Some(wo) = w.to_obj() {
        wo.set_maybe_weakref();
    }
    let wa = w.obj_ptr().map_or(0, |p| p as usize);
    lock_shard(a).entry(a).or_default().push(wa);
    Ok(w)
}

/// An existing `ref(obj)` of the exact type without callback, if any.
fn find_basic(ts: &ThreadState, a: usize) -> Option<Value> {
    let shard = lock_shard(a);
    for &w in shard.get(&a)? {
        // SAFETY: registered, under the lock.
        let wr = unsafe { weakref_at(w) };
        // SAFETY: as above: the header is intact while registered.
        let ty = unsafe { &*((*(w as *const ObjHeader)).type_ptr() as *const PyType) };
        let no_cb = wr.callback.lock().map(|g| g.is_none()).unwrap_or(false);
        if ty.is(types().weakref) && no_cb {
            // SAFETY: as in `detach_all`.
            let r =
                unsafe { ObjRef::try_incref(NonNull::new_unchecked(w as *mut ObjHeader), &ts.gc) };
            if let Some(r) = r {
                return Some(Value::from_obj(r));
            }
        }
    }
    None
}

fn weakref_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    if args.is_empty() || args.len() > 2 {
        return Err(ts.type_error(format!(
            "__new__ expected at most 2 arguments, got {}",
            args.len()
        )));
    }
    let callback = args.get(1).filter(|c| !c.is_none()).cloned();
    new_weakref(ts, cls.as_type(), &args[0], callback)
}

fn weakref_init(
    _ts: &ThreadState,
    _v: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<()> {
    Ok(())
}

fn this<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyWeakRef> {
    v.downcast::<PyWeakRef>()
        .ok_or_else(|| ts.type_error("descriptor requires a 'weakref.ReferenceType' object"))
}

fn weakref_call(
    ts: &ThreadState,
    v: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let nkw = kw.map_or(0, |k| k.len());
    if !args.is_empty() || nkw > 0 {
        return Err(ts.type_error(format!(
            "weakref() takes no arguments ({} given)",
            args.len() + nkw
        )));
    }
    Ok(referent(ts, this(ts, v)?).unwrap_or_else(none))
}

fn weakref_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let w = this(ts, v)?;
    // ORDERING: Relaxed: a cache of an immutable answer.
    let h = w.hash.load(Ordering::Relaxed);
    if h != HASH_UNSET {
        return Ok(h);
    }
    let o = referent(ts, w).ok_or_else(|| ts.type_error("weak object has gone away"))?;
    let h = protocols::hash(ts, &o)?;
    // ORDERING: Relaxed, as above.
    w.hash.store(h, Ordering::Relaxed);
    Ok(h)
}

fn weakref_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) || is_proxy(a) || is_proxy(b) {
        return Ok(not_implemented());
    }
    let (Some(x), Some(y)) = (a.downcast::<PyWeakRef>(), b.downcast::<PyWeakRef>()) else {
        return Ok(not_implemented());
    };
    match (referent(ts, x), referent(ts, y)) {
        (Some(p), Some(q)) => protocols::rich_compare(ts, &p, &q, op),
        _ => {
            let same = a.is(b);
            Ok(py_bool(if matches!(op, CmpOp::Eq) { same } else { !same }))
        }
    }
}

/// ` (name)` when the referent has a str `__name__`.
fn name_suffix(ts: &ThreadState, o: &Value) -> String {
    match protocols::get_attr_opt(ts, o, &ts.intern("__name__")) {
        Ok(Some(n)) if n.class().is(types().str) => {
            format!(" ({})", crate::objects::str::str_lossy(&n))
        }
        _ => String::new(),
    }
}

fn weakref_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let w = this(ts, v)?;
    let kind = if is_proxy(v) { "weakproxy" } else { "weakref" };
    Ok(ts.new_str(&match referent(ts, w) {
        Some(o) => format!(
            "<{kind} at {:#x}; to '{}' at {:#x}{}>",
            v.identity(),
            o.class().name(),
            o.identity(),
            name_suffix(ts, &o)
        ),
        None => format!("<{kind} at {:#x}; dead>", v.identity()),
    }))
}

fn g_callback(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let w = this(ts, v)?;
    Ok(w.callback
        .lock()
        .ok()
        .and_then(|g| g.clone())
        .unwrap_or_else(none))
}

fn m_class_getitem(_ts: &ThreadState, cls: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(cls.clone())
}

// --- proxies ---

static PROXY: OnceLock<&'static PyType> = OnceLock::new();
static CALLABLE_PROXY: OnceLock<&'static PyType> = OnceLock::new();

fn is_proxy(v: &Value) -> bool {
    let c = v.class();
    PROXY.get().is_some_and(|p| c.is(p)) || CALLABLE_PROXY.get().is_some_and(|p| c.is(p))
}

/// The referent of proxy `p`, or ReferenceError.
fn target(ts: &ThreadState, p: &Value) -> PyResult<Value> {
    referent(ts, this(ts, p)?).ok_or_else(|| {
        ts.new_error(
            types().exc.reference_error,
            "weakly-referenced object no longer exists",
        )
    })
}

fn proxy_getattro(ts: &ThreadState, p: &Value, name: &Value) -> PyResult<Value> {
    protocols::get_attr(ts, &target(ts, p)?, name)
}

fn proxy_setattro(ts: &ThreadState, p: &Value, name: &Value, v: Option<Value>) -> PyResult<()> {
    let o = target(ts, p)?;
    match v {
        Some(v) => protocols::set_attr(ts, &o, name, v),
        None => protocols::del_attr(ts, &o, name),
    }
}

fn proxy_str(ts: &ThreadState, p: &Value) -> PyResult<Value> {
    protocols::str(ts, &target(ts, p)?)
}

fn proxy_call(
    ts: &ThreadState,
    p: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    protocols::call(ts, &target(ts, p)?, args, kw)
}

fn proxy_bool(ts: &ThreadState, p: &Value) -> PyResult<bool> {
    protocols::is_true(ts, &target(ts, p)?)
}

fn proxy_len(ts: &ThreadState, p: &Value) -> PyResult<usize> {
    protocols::len(ts, &target(ts, p)?)
}

fn proxy_getitem(ts: &ThreadState, p: &Value, k: &Value) -> PyResult<Value> {
    protocols::get_item(ts, &target(ts, p)?, k)
}

fn proxy_setitem(ts: &ThreadState, p: &Value, k: &Value, v: Option<Value>) -> PyResult<()> {
    let o = target(ts, p)?;
    match v {
        Some(v) => protocols::set_item(ts, &o, k, v),
        None => protocols::del_item(ts, &o, k),
    }
}

fn proxy_contains(ts: &ThreadState, p: &Value, k: &Value) -> PyResult<bool> {
    protocols::contains(ts, &target(ts, p)?, k)
}

fn proxy_iter(ts: &ThreadState, p: &Value) -> PyResult<Value> {
    protocols::get_iter(ts, &target(ts, p)?)
}

fn proxy_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let a = if is_proxy(a) {
        target(ts, a)?
    } else {
        a.clone()
    };
    let b = if is_proxy(b) {
        target(ts, b)?
    } else {
        b.clone()
    };
    protocols::rich_compare(ts, &a, &b, op)
}

fn proxy_hash(ts: &ThreadState, p: &Value) -> PyResult<i64> {
    Err(ts.type_error(format!("unhashable type: '{}'", p.class().name())))
}

fn setup_proxy(t: &'static PyType, callable: bool) {
    let s = &t.slots;
    s.getattro.set(Some(proxy_getattro));
    s.setattro.set(Some(proxy_setattro));
    s.repr.set(Some(weakref_repr));
    s.str.set(Some(proxy_str));
    s.bool.set(Some(proxy_bool));
    s.len.set(Some(proxy_len));
    s.getitem.set(Some(proxy_getitem));
    s.setitem.set(Some(proxy_setitem));
    s.contains.set(Some(proxy_contains));
    s.iter.set(Some(proxy_iter));
    s.richcompare.set(Some(proxy_richcompare));
    s.hash.set(Some(proxy_hash));
    if callable {
        s.call.set(Some(proxy_call));
    }
}

fn proxy_types(ts: &ThreadState) -> (&'static PyType, &'static PyType) {
    let p = *PROXY.get_or_init(|| {
        crate::runtime::new_native_type::<PyWeakRef>(ts, "weakref.ProxyType", None, 0, |_, t| {
            setup_proxy(t, false)
        })
    });
    let c = *CALLABLE_PROXY.get_or_init(|| {
        crate::runtime::new_native_type::<PyWeakRef>(
            ts,
            "weakref.CallableProxyType",
            None,
            0,
            |_, t| setup_proxy(t, true),
        )
    });
    (p, c)
}

// --- _weakref ---

fn w_proxy(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o, cb] = a.parse::<2>(ts, "proxy", &["", ""], 1)?;
    let o = o.unwrap_or_else(none);
    let (p, c) = proxy_types(ts);
    let ty = if protocols::is_callable(&o) { c } else { p };
    new_weakref(ts, ty, &o, cb.filter(|c| !c.is_none()))
}

fn w_getweakrefcount(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "getweakrefcount", &[""], 1)?;
    let o = o.unwrap_or_else(none);
    let n = o.obj_ptr().map_or(0, |p| {
        let a = p as usize;
        lock_shard(a).get(&a).map_or(0, |v| v.len())
    });
    Ok(ts.new_int(n as i64))
}

fn w_getweakrefs(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "getweakrefs", &[""], 1)?;
    let o = o.unwrap_or_else(none);
    let Some(p) = o.obj_ptr() else {
        return Ok(ts.new_list(vec![]));
    };
    let a = p as usize;
    let mut out = Vec::new();
    {
        let shard = lock_shard(a);
        for &w in shard.get(&a).map(|v| v.as_slice()).unwrap_or(&[]) {
            // SAFETY: registered weakrefs under the lock, as in `detach_all`.
            let r =
                unsafe { ObjRef::try_incref(NonNull::new_unchecked(w as *mut ObjHeader), &ts.gc) };
            if let Some(r) = r {
                out.push(r);
            }
        }
    }
    Ok(ts.new_list(out.into_iter().map(Value::from_obj).collect()))
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a dead weakref.
fn w_remove_dead(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [d, k] = a.parse::<2>(ts, "_remove_dead_weakref", &["", ""], 2)?;
    let (d, k) = (d.unwrap_or_else(none), k.unwrap_or_else(none));
    if let Some(v) = protocols::get_item_opt(ts, &d, &k)? {
        let dead = v
            .downcast::<PyWeakRef>()
            .is_some_and(|w| referent(ts, w).is_none());
        if dead {
            match protocols::del_item(ts, &d, &k) {
                Ok(()) => {}
                Err(e) if e.matches(types().exc.key_error) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(none())
}

/// The `_weakref` module.
pub fn module(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = crate::builtins::modules::new_native_module(
        ts,
        "_weakref",
        &[
            ("getweakrefcount", w_getweakrefcount),
            ("getweakrefs", w_getweakrefs),
            ("proxy", w_proxy),
            ("_remove_dead_weakref", w_remove_dead),
        ],
    )?;
    let (p, c) = proxy_types(ts);
    if let Some(dd) = d.downcast::<crate::objects::dict::PyDict>() {
        let w = types().weakref.to_value();
        dd.set_str(ts, "ref", w.clone());
        dd.set_str(ts, "ReferenceType", w);
        dd.set_str(ts, "ProxyType", p.to_value());
        dd.set_str(ts, "CallableProxyType", c.to_value());
    }
    Ok(m)
}

/// Fills `weakref.ReferenceType`'s slots and installs the death hook in gc.
pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_classmethod, add_getset};
    let w = types().weakref;
    w.slots.new.set(Some(weakref_new));
    w.slots.init.set(Some(weakref_init));
    w.slots.call.set(Some(weakref_call));
    w.slots.hash.set(Some(weakref_hash));
    w.slots.richcompare.set(Some(weakref_richcompare));
    w.slots.repr.set(Some(weakref_repr));
    add_classmethod(ts, w, "__class_getitem__", m_class_getitem);
    add_getset(ts, w, "__callback__", g_callback, None);
    // SAFETY: `clear_hook` keeps gc's contract (module docs).
    unsafe { gc::set_weakref_hook(clear_hook) };
}
