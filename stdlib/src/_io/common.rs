//! Helpers shared by the native `_io` classes: argument conversions with CPython's
//! messages, and the rules for growing an in-memory buffer without aborting.

use vm::errors::{PyErr, PyResult};
use vm::objects::int::as_int;
use vm::protocols;
use vm::runtime::types;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// A `Py_ssize_t(accept={int, NoneType})` argument: `None` or absent is `-1`.
pub(super) fn size_arg(ts: &ThreadState, v: Option<&Value>) -> PyResult<i64> {
    let Some(v) = v.filter(|v| !v.is(&vm::runtime::none())) else {
        return Ok(-1);
    };
    ssize_arg(ts, v).map_err(|e| {
        if e.matches(types().exc.type_error) {
            ts.type_error(format!(
                "argument should be integer or None, not '{}'",
                v.class().name()
            ))
        } else {
            e
        }
    })
}

/// A `Py_ssize_t` argument (`__index__`), OverflowError when it does not fit.
pub(super) fn ssize_arg(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let i = protocols::index(ts, v)?;
    as_int(&i)
        .and_then(|x| x.to_i64())
        .ok_or_else(|| ts.overflow_error("Python int too large to convert to C ssize_t"))
}

/// Room for `n` more items in `buf`, or MemoryError (a huge seek followed by a write must
/// not abort the process).
pub(super) fn reserve<T>(ts: &ThreadState, buf: &mut Vec<T>, n: usize) -> PyResult<()> {
    buf.try_reserve(n).map_err(|_| ts.memory_error())
}

/// `BufferError`: a resize while a `getbuffer()` view is alive.
pub(super) fn exports_error(ts: &ThreadState) -> PyErr {
    ts.new_error(
        types().exc.buffer_error,
        "Existing exports of data: object cannot be re-sized",
    )
}

/// The instance `__dict__` for `__getstate__`: a copy, or None when it is empty (CPython
/// creates the dict lazily, so an untouched object reports None).
pub(super) fn state_dict(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    match vm::object::instance_dict(v) {
        Some(d) if protocols::len(ts, &d)? > 0 => protocols::call_method(ts, &d, "copy", &[]),
        _ => Ok(vm::runtime::none()),
    }
}

/// `__setstate__`'s dict item: merged into the instance `__dict__`.
pub(super) fn restore_dict(ts: &ThreadState, v: &Value, d: &Value) -> PyResult<()> {
    if let Some(own) = vm::object::instance_dict(v) {
        protocols::call_method(ts, &own, "update", std::slice::from_ref(d))?;
    }
    Ok(())
}

/// Whether `name` on `v`'s class is still `native` (the method object in the native core
/// type's dict): the fast paths are only taken for methods nobody overrode.
pub(super) fn is_native(ts: &ThreadState, v: &Value, name: &str, native: &Value) -> bool {
    v.class()
        .lookup(ts, &ts.intern(name))
        .is_some_and(|m| m.is(native))
}

/// The bytes of a bytes-like argument (CPython's `PyObject_GetBuffer`): the VM's exporters,
/// or a class's `__buffer__` (called once; its view is released after the copy).
pub(super) fn bytes_like(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = vm::objects::bytes::bytes_data(v) {
        return Ok(b);
    }
    if let Some(f) = v.class().lookup(ts, &ts.intern("__buffer__")) {
        let view = protocols::call_method_descr(ts, &f, v, &[ts.new_int(0)])?;
        let data = vm::objects::bytes::bytes_data(&view).ok_or_else(|| {
            ts.type_error(format!(
                "__buffer__ returned non-memoryview object '{}'",
                view.class().name()
            ))
        })?;
        let _ = protocols::call_method(ts, &view, "release", &[]);
        return Ok(data);
    }
    Err(ts.type_error(format!(
        "a bytes-like object is required, not '{}'",
        v.class().name()
    )))
}
