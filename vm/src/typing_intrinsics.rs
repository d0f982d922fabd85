//! The PEP 695 intrinsics (`CALL_INTRINSIC_1/2` for `def f[T]`, `class C[T: int = str]`,
//! `type X = ...`): they make the objects of the `_typing` module, as CPython's
//! `Objects/typevarobject.c` does, through that module's `_make_*` helpers.
//!
//! Lazy parts (bounds, constraints, defaults, alias values) arrive as compiler-made
//! evaluate functions and are only called when the attribute is read.

use crate::errors::PyResult;
use crate::objects::dict::PyDict;
use crate::protocols;
use crate::runtime::none;
use crate::thread_state::ThreadState;
use crate::value::Value;
use frontend::opcode::{Intrinsic1, Intrinsic2};

/// `_typing.<helper>(*args)`.
fn call_helper(ts: &ThreadState, helper: &str, args: &[Value]) -> PyResult<Value> {
    let m = crate::import::import_module(ts, "_typing")?;
    let f = protocols::get_attr_str(ts, &m, helper)?;
    protocols::call(ts, &f, args, None)
}

/// The `__module__` of a type parameter made by the compiler: CPython 3.14 gives `typing`.
fn param_module(ts: &ThreadState) -> Value {
    ts.new_str("typing")
}

/// `__name__` of the running frame's globals: a type alias's `__module__`.
fn module_of(ts: &ThreadState) -> Value {
    ts.current_globals()
        .as_ref()
        .and_then(|g| g.downcast::<PyDict>())
        .and_then(|g| g.get_str(ts, "__name__"))
        .unwrap_or_else(|| ts.new_str("__main__"))
}

/// Intrinsics 7-11 (`TypeVar` .. `TypeAlias`); `None` for other numbers.
pub fn intrinsic1(ts: &ThreadState, arg: u32, v: Value) -> Option<PyResult<Value>> {
    let module = || module_of(ts);
    Some(match arg {
        x if x == Intrinsic1::TypeVar as u32 => {
            call_helper(ts, "_make_typevar", &[v, none(), none(), param_module(ts)])
        }
        x if x == Intrinsic1::ParamSpec as u32 => {
            call_helper(ts, "_make_paramspec", &[v, param_module(ts)])
        }
        x if x == Intrinsic1::TypeVarTuple as u32 => {
            call_helper(ts, "_make_typevartuple", &[v, param_module(ts)])
        }
        x if x == Intrinsic1::SubscriptGeneric as u32 => {
            call_helper(ts, "_subscript_generic", &[v])
        }
        x if x == Intrinsic1::TypeAlias as u32 => {
            // (name, type_params or None, evaluate_value)
            let t = v.as_tuple_slice();
            let get = |i: usize| t.get(i).cloned().unwrap_or_else(none);
            call_helper(ts, "_make_typealias", &[get(0), get(1), get(2), module()])
        }
        _ => return None,
    })
}

/// Intrinsics 2, 3 and 5 (bound, constraints, default); `None` for other numbers.
pub fn intrinsic2(ts: &ThreadState, arg: u32, v2: Value, v1: Value) -> Option<PyResult<Value>> {
    Some(match arg {
        x if x == Intrinsic2::TypeVarWithBound as u32 => {
            call_helper(ts, "_make_typevar", &[v2, v1, none(), param_module(ts)])
        }
        x if x == Intrinsic2::TypeVarWithConstraints as u32 => {
            call_helper(ts, "_make_typevar", &[v2, none(), v1, param_module(ts)])
        }
        x if x == Intrinsic2::SetTypeparamDefault as u32 => {
            call_helper(ts, "_set_default", &[v2, v1])
        }
        _ => return None,
    })
}
