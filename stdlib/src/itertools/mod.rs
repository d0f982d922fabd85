//! `itertools`: iterator building blocks (CPython's `Modules/itertoolsmodule.c`).
//!
//! For now the module body is Python (`itertools.py` beside this file), run at import by
//! [`crate::pysource`]: the VM does not yet let this crate define types with Rust payloads.
//! Reprs, argument checks and error messages follow CPython 3.14.

use crate::pysource::module_from_source;
use vm::builtins::modules::NativeInit;
use vm::{PyResult, ThreadState, Value};

const SOURCE: &str = include_str!("itertools.py");

fn itertools_init(ts: &ThreadState) -> PyResult<Value> {
    module_from_source(ts, "itertools", &[], SOURCE)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(itertools_init);
