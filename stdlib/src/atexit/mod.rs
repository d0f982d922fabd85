//! `atexit`: exit handlers (CPython's `Modules/atexitmodule.c`).
//!
//! For now the module body is Python (`atexit.py` beside this file), run at import by
//! [`crate::pysource`]: the VM does not yet let this crate define types with Rust payloads.
//! The VM does not call `_run_exitfuncs` at exit yet; the interpreter's shutdown must.

use crate::pysource::module_from_source;
use vm::builtins::modules::NativeInit;
use vm::{PyResult, ThreadState, Value};

const SOURCE: &str = include_str!("atexit.py");

fn atexit_init(ts: &ThreadState) -> PyResult<Value> {
    module_from_source(ts, "atexit", &[], SOURCE)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(atexit_init);
