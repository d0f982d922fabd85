//! The rest of `sys`'s small functions and constants: async generator hooks, trace and
//! profile functions (stored, not called: Ladon has no tracing), `_jit`, `_current_frames`,
//! build constants. Values are CPython 3.14's for a build without a JIT.

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::objects::dict::PyDict;
use crate::objects::structseq::{new_instance, new_type, StructSeqDesc};
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::{none, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Per-thread `sys` settings kept by the runtime (a part of `SysState`).
#[derive(Default)]
pub struct ThreadHooks {
    /// `(firstiter, finalizer)` of `sys.set_asyncgen_hooks`, by thread ident.
    asyncgen: Mutex<HashMap<u64, (Value, Value)>>,
    /// `sys.settrace` / `sys.setprofile` functions, by thread ident.
    trace: Mutex<HashMap<u64, Value>>,
    profile: Mutex<HashMap<u64, Value>>,
}

const ASYNCGEN_HOOKS: StructSeqDesc = StructSeqDesc {
    name: "asyncgen_hooks",
    fields: &["firstiter", "finalizer"],
    instantiable: false,
};

/// The `asyncgen_hooks` type, made once per process (it is immortal).
static ASYNCGEN_HOOKS_TYPE: OnceLock<&'static PyType> = OnceLock::new();

fn hooks(ts: &ThreadState) -> &ThreadHooks {
    &ts.rt.sys_state.thread_hooks
}

pub(super) fn get_asyncgen_hooks(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "get_asyncgen_hooks")?;
    let (first, fin) = hooks(ts)
        .asyncgen
        .lock()
        .ok()
        .and_then(|m| m.get(&ts.ident).cloned())
        .unwrap_or_else(|| (none(), none()));
    let ty = *ASYNCGEN_HOOKS_TYPE.get_or_init(|| new_type(ts, &ASYNCGEN_HOOKS, &[]));
    new_instance(ts, ty, vec![first, fin])
}

pub(super) fn set_asyncgen_hooks(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [first, fin] = a.parse::<2>(ts, "set_asyncgen_hooks", &["firstiter", "finalizer"], 0)?;
    for (what, v) in [("finalizer", &fin), ("firstiter", &first)] {
        if let Some(v) = v {
            if !v.is_none() && !protocols::is_callable(v) {
                return Err(ts.type_error(format!(
                    "callable {what} expected, got {}",
                    v.class().name()
                )));
            }
        }
    }
    if let Ok(mut m) = hooks(ts).asyncgen.lock() {
        let cur = m.entry(ts.ident).or_insert_with(|| (none(), none()));
        if let Some(f) = first {
            cur.0 = f;
        }
        if let Some(f) = fin {
            cur.1 = f;
        }
    }
    Ok(none())
}

fn set_fn(ts: &ThreadState, a: MethodArgs<'_>, name: &str, trace: bool) -> PyResult<Value> {
    let [f] = a.parse::<1>(ts, name, &[""], 1)?;
    let f = f.expect("required");
    let table = if trace {
        &hooks(ts).trace
    } else {
        &hooks(ts).profile
    };
    if let Ok(mut m) = table.lock() {
        if f.is_none() {
            m.remove(&ts.ident);
        } else {
            m.insert(ts.ident, f);
        }
    }
    Ok(none())
}

fn get_fn(ts: &ThreadState, trace: bool) -> Value {
    let table = if trace {
        &hooks(ts).trace
    } else {
        &hooks(ts).profile
    };
    table
        .lock()
        .ok()
        .and_then(|m| m.get(&ts.ident).cloned())
        .unwrap_or_else(none)
}

pub(super) fn settrace(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    set_fn(ts, a, "settrace", true)
}

pub(super) fn setprofile(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    set_fn(ts, a, "setprofile", false)
}

pub(super) fn gettrace(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "gettrace")?;
    Ok(get_fn(ts, true))
}

pub(super) fn getprofile(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "getprofile")?;
    Ok(get_fn(ts, false))
}

pub(super) fn zero(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(0))
}

pub(super) fn minus_one(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(-1))
}

pub(super) fn getdlopenflags(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    // RTLD_NOW, CPython's default on Linux.
    Ok(ts.new_int(2))
}

pub(super) fn getfilesystemencodeerrors(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_str("surrogateescape"))
}

/// `sys._is_immortal(o)`.
pub(super) fn is_immortal(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "_is_immortal", &[""], 1)?;
    let o = o.expect("required");
    Ok(py_bool(o.header().is_none_or(|h| h.is_immortal())))
}

/// `sys._is_interned(s)`.
pub(super) fn is_interned(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "_is_interned", &[""], 1)?;
    let s = s.expect("required");
    if !s.is_instance_of(types().str) {
        return Err(ts.type_error(format!(
            "_is_interned() argument must be str, not {}",
            s.class().name()
        )));
    }
    Ok(py_bool(ts.rt.intern_value(ts, &s).is(&s)))
}

/// `sys._current_frames()`: this thread's frame only (other threads' stacks are not
/// reachable from here).
pub(super) fn current_frames(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    let d = ts.new_dict();
    if ts.frame_depth() > 0 {
        let f = super::getframe(ts, MethodArgs::new(&[], None))?;
        if let Some(dd) = d.downcast::<PyDict>() {
            dd.set_item(ts, ts.new_int(ts.ident as i64), f)?;
        }
    }
    Ok(d)
}

pub(super) fn empty_dict(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_dict())
}

fn false_(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(false))
}

/// Constants and the `sys._jit` namespace.
pub(super) fn install(ts: &ThreadState, d: &PyDict) {
    let set = |k: &str, v: Value| super::set(ts, d, k, v);
    set("abiflags", ts.new_str(""));
    set("_framework", ts.new_str(""));
    set(
        "_git",
        ts.new_tuple(vec![ts.new_str("Ladon"), ts.new_str(""), ts.new_str("")]),
    );
    set("_home", none());
    let stdlib = ts
        .rt
        .stdlib
        .lock()
        .ok()
        .and_then(|p| p.as_ref().map(|p| ts.new_str(&p.display().to_string())))
        .unwrap_or_else(none);
    set("_stdlib_dir", stdlib);
    if let Ok((jit, jd)) = crate::builtins::modules::new_native_module(
        ts,
        "sys._jit",
        &[
            ("is_available", false_),
            ("is_enabled", false_),
            ("is_active", false_),
        ],
    ) {
        let _ = jd;
        set("_jit", jit);
    }
}
