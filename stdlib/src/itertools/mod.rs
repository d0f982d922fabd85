//! `itertools`: iterator building blocks (CPython's `Modules/itertoolsmodule.c`).
//!
//! Every type is native: `simple.rs` (count, repeat, cycle, chain, compress, dropwhile,
//! takewhile, filterfalse, starmap, pairwise, batched, accumulate, islice, zip_longest),
//! `combinatoric.rs` (product, permutations, combinations, combinations_with_replacement),
//! `groupby.rs` (groupby, _grouper) and `tee.rs` (tee, _tee, _tee_dataobject). As in CPython
//! 3.14, none of them pickles or copies (`__reduce__`/`__setstate__` are gone), except
//! `_tee.__copy__`.
//!
//! Thread safety: an iterator's mutable state sits behind a `std::sync::Mutex` that is held
//! only to read or update fields — never while Python code runs (a `__next__`, a predicate),
//! never while a Python object is allocated, and no value is dropped under it (a `__del__`
//! could run). Two threads calling `next()` on one iterator therefore never crash or corrupt
//! it; like CPython 3.14t they may see items skipped or repeated.

mod combinatoric;
mod groupby;
mod simple;
mod tee;

use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::object::PyPayload;
use vm::objects::dict::PyDict;
use vm::objects::slots::{IterNextFn, NewFn};
use vm::objects::typeobj::{flags, PyType};
use vm::{PyResult, ThreadState, Value};

/// The native types, made once per process (types are immortal) and reused by every import.
static TYPES: OnceLock<Vec<&'static PyType>> = OnceLock::new();

const MODULE_DOC: &str = "Functional tools for creating and using iterators.";

fn itertools_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "itertools", &[("tee", tee::tee)])?;
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("module dict is not a dict"))?;
    dd.set_str(ts, "__doc__", ts.new_str(MODULE_DOC));
    let all = TYPES.get_or_init(|| {
        let mut v = simple::all_types(ts);
        v.extend(combinatoric::all_types(ts));
        v.extend(groupby::all_types(ts));
        v.extend(tee::all_types(ts));
        v
    });
    for t in all {
        let name = t.name();
        let short = name.rsplit_once('.').map_or(name.as_str(), |(_, s)| s);
        dd.set_str(ts, short, t.to_value());
    }
    Ok(m)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(itertools_init);

/// Makes the immutable type `itertools.<name>` whose instances are `T`, iterating with `next`.
fn iter_type<T: PyPayload>(
    ts: &ThreadState,
    name: &str,
    new: NewFn,
    next: IterNextFn,
    more: impl FnOnce(&ThreadState, &'static PyType),
) -> &'static PyType {
    vm::runtime::new_native_type::<T>(
        ts,
        &format!("itertools.{name}"),
        None,
        flags::BASETYPE,
        |ts, t| {
            t.slots.new.set(Some(new));
            t.slots.iter.set(Some(self_iter));
            t.slots.iternext.set(Some(next));
            more(ts, t);
            set_module(ts, t);
        },
    )
}

/// `__module__` in the type's dict, as CPython 3.14's (heap) itertools types have it.
fn set_module(ts: &ThreadState, t: &PyType) {
    t.dict().set_str(ts, "__module__", ts.new_str("itertools"));
}

/// Keyword arguments to a constructor that takes none: refused (`"{name}() takes no keyword
/// arguments"`), unless `cls` is a subclass with its own `__init__`, which gets them instead
/// (CPython's `tp_init` check before `_PyArg_NoKeywords`). Returns the positional arguments.
fn no_keywords<'a>(
    ts: &ThreadState,
    cls: &Value,
    name: &str,
    args: &'a [Value],
    kw: Option<&vm::objects::tuple::PyTuple>,
) -> PyResult<&'a [Value]> {
    let nkw = kw.map_or(0, |k| k.len());
    if nkw == 0 {
        return Ok(args);
    }
    let own_init = match (
        cls.as_type().slots.init.get(),
        vm::runtime::types().object.slots.init.get(),
    ) {
        (Some(a), Some(b)) => !std::ptr::fn_addr_eq(a, b),
        (a, b) => a.is_some() != b.is_some(),
    };
    if !own_init {
        return Err(ts.type_error(format!("{name}() takes no keyword arguments")));
    }
    Ok(&args[..args.len() - nkw])
}

fn self_iter(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

/// Locks an iterator's state (see the module doc for what may happen under the guard).
fn lock<S>(m: &Mutex<S>) -> MutexGuard<'_, S> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The payload of `v` as `T` (the slot is only installed on `T`'s type and subclasses).
fn payload<'a, T: PyPayload>(ts: &ThreadState, v: &'a Value, name: &str) -> PyResult<&'a T> {
    v.downcast::<T>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'itertools.{name}' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn trace_opt(v: &Option<Value>, t: &mut gc::Tracer<'_>) {
    if let Some(v) = v {
        vm::objects::seq::trace_value(v, t);
    }
}
