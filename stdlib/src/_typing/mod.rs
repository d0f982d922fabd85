//! `_typing`: `TypeVar`, `ParamSpec`, `TypeVarTuple`, `ParamSpecArgs`/`ParamSpecKwargs`,
//! `TypeAliasType`, `Generic`, `Union`, `NoDefault` and `_idfunc`, the primitives `typing.py`
//! imports and the compiler's PEP 695 intrinsics create (CPython's
//! `Objects/typevarobject.c`).
//!
//! The types are written in Python (`_typing.py` beside this file, run as the module body):
//! most of their behaviour calls back into `typing.py` anyway, and none of it is hot. `Union`
//! is the VM's `int | str` type. The intrinsics (`vm::typing_intrinsics`) call the module's
//! `_make_*` helpers.

use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::objects::dict::PyDict;
use vm::runtime::types;
use vm::{PyResult, ThreadState, Value};

const SOURCE: &str = include_str!("_typing.py");

/// `_idfunc(x)`: returns `x`. A builtin, so that `NewType.__call__ = _idfunc` does not bind.
fn idfunc(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "_idfunc", &[""], 1)?;
    Ok(x.expect("required"))
}

fn typing_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "_typing", &[("_idfunc", idfunc)])?;
    if let Some(dd) = d.downcast::<PyDict>() {
        dd.set_str(ts, "_union_type", types().union.to_value());
        dd.set_str(
            ts,
            "__doc__",
            ts.new_str("Primitives and accelerators for the typing module.\n"),
        );
    }
    crate::pysource::exec_source(ts, SOURCE, "<frozen _typing>", &d)?;
    if let Some(dd) = d.downcast::<PyDict>() {
        let _ = dd.del_item(ts, &ts.intern("_union_type"));
    }
    Ok(m)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(typing_init);
