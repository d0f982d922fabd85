//! Native modules whose body is Python source run at import (a stop-gap for C modules whose
//! types need Rust payloads the VM cannot yet register from outside `vm/`).
//!
//! The source is compiled and executed in the new module's dict by the builtins `compile` and
//! `exec`, after the module's Rust functions are installed, so the Python part can use them.

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
    exec_source(ts, src, &format!("<frozen {name}>"), &d)?;
    Ok(m)
}

/// Runs Python `src` in the namespace `ns` (a dict), compiled under `filename`.
///
/// Every embedded body gets its own file name (CPython names frozen modules `<frozen NAME>`):
/// under the `exec` default "<string>" its lines would shadow those of a `-c` program in
/// tracebacks.
pub(crate) fn exec_source(ts: &ThreadState, src: &str, filename: &str, ns: &Value) -> PyResult<()> {
    let builtins = ts.rt.builtins_dict().downcast::<PyDict>();
    let builtin = |f: &str| {
        builtins
            .and_then(|b| b.get_str(ts, f))
            .ok_or_else(|| ts.runtime_error(format!("builtins.{f} is missing")))
    };
    let args = [ts.new_str(src), ts.new_str(filename), ts.new_str("exec")];
    let code = protocols::call(ts, &builtin("compile")?, &args, None)?;
    protocols::call(ts, &builtin("exec")?, &[code, ns.clone()], None)?;
    Ok(())
}

/// [`exec_source`] for a module's dict `d`, under the file name `<frozen NAME>` taken from its
/// `__name__`.
pub(crate) fn exec_in_module(ts: &ThreadState, src: &str, d: &Value) -> PyResult<()> {
    let name = d
        .downcast::<PyDict>()
        .and_then(|m| m.get_str(ts, "__name__"))
        .map(|n| vm::objects::str::str_lossy(&n))
        .unwrap_or_else(|| "module".to_string());
    exec_source(ts, src, &format!("<frozen {name}>"), d)
}
