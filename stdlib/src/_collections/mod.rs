//! `_collections`: `deque` and its iterators, `defaultdict`, `_count_elements` and
//! `_tuplegetter` (CPython's `Modules/_collectionsmodule.c`).
//!
//! `OrderedDict` is not here: `collections` falls back to its pure-Python class when
//! `_collections` lacks it, as CPython's own `collections/__init__.py` allows.
//! Entry point: [`init`]. One file per type: `deque.rs`, `iter.rs` (deque iterators),
//! `defaultdict.rs` (+ `_count_elements`), `tuplegetter.rs`.

mod defaultdict;
mod deque;
mod iter;
mod tuplegetter;

use iter::IterDir;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::objects::dict::PyDict;
use vm::{PyResult, ThreadState, Value};

const MODULE_DOC: &str = "High performance data structures.
- deque:        ordered collection accessible from endpoints only
- defaultdict:  dict subclass with a default value factory
";

fn collections_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(
        ts,
        "_collections",
        &[("_count_elements", defaultdict::count_elements)],
    )?;
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("module dict is not a dict"))?;
    dd.set_str(ts, "__doc__", ts.new_str(MODULE_DOC));
    dd.set_str(ts, "deque", deque::deque_type(ts).to_value());
    dd.set_str(
        ts,
        "_deque_iterator",
        iter::iter_type(ts, IterDir::Forward).to_value(),
    );
    dd.set_str(
        ts,
        "_deque_reverse_iterator",
        iter::iter_type(ts, IterDir::Backward).to_value(),
    );
    dd.set_str(ts, "defaultdict", defaultdict::defaultdict_class(ts)?);
    dd.set_str(
        ts,
        "_tuplegetter",
        tuplegetter::tuplegetter_type(ts).to_value(),
    );
    Ok(m)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(collections_init);
