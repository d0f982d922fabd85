//! `_imp`: the import system's primitives for `importlib` (CPython's `Python/import.c`
//! module `_imp`), plus the `ModuleSpec` and `_NamespacePath` classes that the VM's native
//! import system (`vm::import`) attaches to the modules it loads.
//!
//! The body is Python (`_imp.py` beside this file), run at import by [`crate::pysource`];
//! the one Rust function creates a native module by name.

use crate::pysource::module_from_source;
use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{create_native, NativeInit};
use vm::objects::str::str_lossy;
use vm::{PyResult, ThreadState, Value};

const SOURCE: &str = include_str!("_imp.py");

/// `_create_native(name)`: a fresh instance of the native module `name`.
fn create_native_module(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [name] = a.parse::<1>(ts, "_create_native", &[""], 1)?;
    let name = str_lossy(&name.expect("required"));
    match create_native(ts, &name) {
        Some(r) => r,
        None => Err(ts.import_error(format!("no built-in module named {name}"))),
    }
}

fn imp_init(ts: &ThreadState) -> PyResult<Value> {
    module_from_source(
        ts,
        "_imp",
        &[("_create_native", create_native_module)],
        SOURCE,
    )
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(imp_init);

/// `_warnings`, empty: importlib's bootstrap loads it as a builtin module, and `warnings`
/// then uses its pure-Python implementation (`_py_warnings`), as when the C part is missing.
fn warnings_init(ts: &ThreadState) -> PyResult<Value> {
    module_from_source(ts, "_warnings", &[], "")
}

/// The initializer of `_warnings`.
pub const init_warnings: Option<NativeInit> = Some(warnings_init);

const MARSHAL_SOURCE: &str = include_str!("marshal.py");

fn marshal_init(ts: &ThreadState) -> PyResult<Value> {
    module_from_source(ts, "marshal", &[], MARSHAL_SOURCE)
}

/// The initializer of `marshal` (data values only; `importlib` imports it).
pub const init_marshal: Option<NativeInit> = Some(marshal_init);
