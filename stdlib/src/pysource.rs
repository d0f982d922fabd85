//! Native modules whose body is Python source run at import (a stop-gap for C modules whose
//! types need Rust payloads the VM cannot yet register from outside `vm/`).
//!
//! The source is compiled and executed in the new module's dict by the builtin `exec`, after
//! the module's Rust functions are installed, so the Python part can use them.

use vm::builtins::modules::new_native_module;
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::dict::PyDict;
use vm::{protocols, PyResult, ThreadState, Value};

/// A module named `name` with the Rust functions `fns`, then `src` run in its namespace.
pub(crate) fn module_from_source(
    ts: &ThreadState,
    name: &str,
    fns: &[(&str, BuiltinFn)],
    src: &str,
) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, name, fns)?;
    let exec = ts
        .rt
        .builtins_dict()
        .downcast::<PyDict>()
        .and_then(|b| b.get_str(ts, "exec"))
        .ok_or_else(|| ts.import_error(format!("cannot initialize {name}: no exec")))?;
    let code = ts.new_str(src);
    protocols::call(ts, &exec, &[code, d], None)?;
    Ok(m)
}
