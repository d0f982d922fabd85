//! `_collections`: `deque`, `defaultdict`, the deque iterators and `_count_elements`
//! (CPython's `Modules/_collectionsmodule.c`).
//!
//! For now the module body is Python (`_collections.py` beside this file), run at import by
//! [`crate::pysource`]: the VM does not yet let this crate define types with Rust payloads.
//! Each deque mutation runs under the deque's own lock, so `append`/`popleft` are atomic
//! under free threading; `OrderedDict` and `_tuplegetter` come from `collections`' fallbacks.

use crate::pysource::module_from_source;
use vm::builtins::modules::NativeInit;
use vm::{PyResult, ThreadState, Value};

const SOURCE: &str = include_str!("_collections.py");

fn collections_init(ts: &ThreadState) -> PyResult<Value> {
    module_from_source(ts, "_collections", &[], SOURCE)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(collections_init);
