//! `_contextvars`: `ContextVar`, `Token`, `Context`, `copy_context`
//! (CPython's `Python/context.c`); asyncio and `threading` need them.
//!
//! For now the module body is Python (`_contextvars.py` beside this file), run at import by
//! [`crate::pysource`]: the VM does not yet let this crate define types with Rust payloads.

use crate::pysource::module_from_source;
use vm::builtins::modules::NativeInit;
use vm::{PyResult, ThreadState, Value};

const SOURCE: &str = include_str!("_contextvars.py");

fn contextvars_init(ts: &ThreadState) -> PyResult<Value> {
    module_from_source(ts, "_contextvars", &[], SOURCE)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(contextvars_init);
