//! `_io`: the io stack behind `io` and `open()`.
//!
//! Two halves. CPython's pure-Python `Lib/_pyio.py` runs as the module body (`pyio.rs`) and
//! gives the class hierarchy (`_IOBase`, `_RawIOBase`, `_BufferedIOBase`, `_TextIOBase`),
//! files and buffered/text wrappers. Native Rust classes then replace the ones that are
//! hot: `StringIO` (`stringio.rs`) and `BytesIO` (`bytesio.rs`), CPython's C semantics.
//!
//! A native class is a core type with a Rust payload; the public class is a subclass of the
//! core and of the `_pyio` base it belongs under (`class StringIO(core, _TextIOBase)`), so
//! `isinstance(s, _io._TextIOBase)`, `io.py`'s subclassing of the bases and its ABC
//! registrations hold, and inherited methods (`__enter__`, `readlines`, ...) come from the
//! base while every method the C class defines is native.
//!
//! Entry points: [`init`], [`buffer_exporter`] (for the crate's memoryview hook).

mod bytesio;
mod common;
mod pyio;
mod stringio;

pub(crate) use bytesio::buffer_exporter;

use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::dict::PyDict;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_module);

/// Puts the native classes under their `_pyio` bases (run in the module dict, where the
/// cores are bound to `_StringIO` and `_BytesIO` for the moment).
const NATIVE_CLASSES: &str = r#"
class StringIO(_StringIO, _TextIOBase):
    __doc__ = _StringIO.__doc__

class BytesIO(_BytesIO, _BufferedIOBase):
    __doc__ = _BytesIO.__doc__

del _StringIO, _BytesIO
"#;

fn init_module(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "_io", &[])?;
    pyio::run(ts, &m, &d)?;
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("module dict is not a dict"))?;
    dd.set_str(ts, "_StringIO", stringio::stringio_type(ts).to_value());
    dd.set_str(ts, "_BytesIO", bytesio::bytesio_type(ts).to_value());
    pyio::exec(ts, &d, NATIVE_CLASSES, "<_io native classes>")?;
    Ok(m)
}
