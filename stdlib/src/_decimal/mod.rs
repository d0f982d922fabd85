//! `_decimal`: CPython's `Lib/_pydecimal.py` run as the C module `decimal` imports, so
//! `import decimal` gives what CPython's does where a program can tell: `Decimal` and
//! `Context` behave as C types (`'decimal.Decimal'` in messages, immutable), `__module__` is
//! `decimal`, instances pickle as `decimal.Decimal`, and `decimal.__version__` and
//! `__libmpdec_version__` exist. The mechanism is [`CModuleFromSource`]; `_pydecimal` itself
//! stays importable as its own module.

use crate::pysource::CModuleFromSource;
use vm::builtins::modules::NativeInit;
use vm::errors::PyResult;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_module);

/// `_decimal` as `_pydecimal.py`; `Decimal`, `Context` and the context manager are C types
/// in CPython (its exceptions are made by `PyErr_NewException`: ordinary, mutable classes).
const DECIMAL: CModuleFromSource = CModuleFromSource {
    name: "_decimal",
    file: "_pydecimal.py",
    static_like: &["Decimal", "Context", "_ContextManager"],
};

fn init_module(ts: &ThreadState) -> PyResult<Value> {
    DECIMAL.load(ts)
}
