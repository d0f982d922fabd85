//! `_abc`: the helpers of `abc.ABCMeta` (`_abc_init`, `_abc_register`, `_abc_instancecheck`,
//! `_abc_subclasscheck`, caches and registry), CPython's `Modules/_abc.c`.
//!
//! The body is Python (`_abc.py` beside this file), run at import by [`crate::pysource`]; it
//! replaces `_py_abc`, which cannot work while `type.__subclasses__()` is not tracked: each
//! ABC records its own ABC subclasses.

use crate::pysource::module_from_source;
use vm::builtins::modules::NativeInit;
use vm::{PyResult, ThreadState, Value};

const SOURCE: &str = include_str!("_abc.py");

fn abc_init(ts: &ThreadState) -> PyResult<Value> {
    module_from_source(ts, "_abc", &[], SOURCE)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(abc_init);
