//! `_abc`: the helpers of `abc.ABCMeta` (`_abc_init`, `_abc_register`, `_abc_instancecheck`,
//! `_abc_subclasscheck`, caches and registry), CPython's `Modules/_abc.c`.
//!
//! The body is Python (`_abc.py` beside this file); it replaces `_py_abc`, which cannot work
//! while `type.__subclasses__()` is not tracked: each ABC records its own ABC subclasses.
//!
//! The body runs in a namespace whose `__name__` is `abc`, then its public names are copied
//! into the module: CPython's C helpers have no frame, so code that asks for its caller's
//! module (`typing._allow_reckless_class_checks`, via `sys._getframemodulename`) must see
//! `abc`, the module of the `ABCMeta` method that called them.

use vm::builtins::modules::{new_native_module, NativeInit};
use vm::objects::dict::PyDict;
use vm::objects::str::str_lossy;
use vm::{PyResult, ThreadState, Value};

const SOURCE: &str = include_str!("_abc.py");

fn abc_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "_abc", &[])?;
    let ns = ts.new_dict();
    let (Some(md), Some(nsd)) = (d.downcast::<PyDict>(), ns.downcast::<PyDict>()) else {
        return Err(ts.import_error("cannot initialize _abc"));
    };
    nsd.set_str(ts, "__name__", ts.new_str("abc"));
    let builtins = ts.rt.builtins_dict().clone();
    nsd.set_str(ts, "__builtins__", builtins.clone());
    crate::pysource::exec_source(ts, SOURCE, "<frozen _abc>", &ns)?;
    for (k, v) in nsd.items(ts) {
        let name = str_lossy(&k);
        if !name.starts_with("__") {
            md.set_item(ts, k, v)?;
        }
    }
    Ok(m)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(abc_init);
