//! `_io`: the io stack behind `io` and `open()`.
//!
//! Two halves. CPython's pure-Python `Lib/_pyio.py` runs as the module body (`pyio.rs`) and
//! gives the class hierarchy (`_IOBase`, `_RawIOBase`, `_BufferedIOBase`, `_TextIOBase`),
//! files and buffered/text wrappers. Native Rust classes then replace the ones that are
//! hot: `StringIO` (`stringio.rs`), `BytesIO` (`bytesio.rs`) and `IncrementalNewlineDecoder`
//! (`newline_decoder.rs`, used by `_pyio.TextIOWrapper` for universal newlines), with
//! CPython's C semantics. `open`, `open_code` and `text_encoding` are builtin functions
//! that call `_pyio`'s (so that, as in CPython, they don't bind as methods).
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
mod newline_decoder;
mod pyio;
mod stringio;

pub(crate) use bytesio::buffer_exporter;

use std::sync::OnceLock;
use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::builtin_func::{BuiltinKind, PyBuiltinFunction};
use vm::objects::dict::PyDict;
use vm::protocols;
use vm::runtime::types;
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

def _register_standard_streams():
    # sys.stdin/stdout/stderr are the VM's native stand-ins for these classes: registered,
    # isinstance(sys.stdout, io.TextIOWrapper) (and so io.TextIOBase, io.IOBase) holds.
    import sys
    for stream in (sys.__stdin__, sys.__stdout__, sys.__stderr__):
        try:
            layers = (stream, stream.buffer, stream.buffer.raw)
        except (AttributeError, ValueError):
            continue
        for layer in layers:
            cls = globals().get(type(layer).__name__)
            if isinstance(cls, type) and cls is not type(layer):
                cls.register(type(layer))

_register_standard_streams()
del _register_standard_streams
"#;

/// `_pyio`'s `open`, `open_code` and `text_encoding` (Python functions), called by the
/// builtin functions of the same names: as in CPython those must not bind as methods when
/// stored in a class (`open = io.open` in a test class body).
static PY_FUNCS: OnceLock<[Value; 3]> = OnceLock::new();

const FORWARDED: [&str; 3] = ["open", "open_code", "text_encoding"];

fn forward(ts: &ThreadState, i: usize, a: MethodArgs<'_>) -> PyResult<Value> {
    let f = PY_FUNCS
        .get()
        .map(|fs| fs[i].clone())
        .ok_or_else(|| ts.runtime_error("_io is not initialized"))?;
    protocols::call(ts, &f, a.args, a.kwnames)
}

fn io_open(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    forward(ts, 0, a)
}

fn io_open_code(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    forward(ts, 1, a)
}

fn io_text_encoding(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    forward(ts, 2, a)
}

/// Replaces the Python functions named in [`FORWARDED`] by builtins that call them.
fn install_builtins(ts: &ThreadState, m: &Value, d: &PyDict) -> PyResult<()> {
    let mut found = Vec::with_capacity(3);
    for name in FORWARDED {
        let f = d
            .get_str(ts, name)
            .ok_or_else(|| ts.runtime_error(format!("_pyio has no {name}")))?;
        found.push(f);
    }
    let funcs: [Value; 3] = [found[0].clone(), found[1].clone(), found[2].clone()];
    let _ = PY_FUNCS.set(funcs);
    let natives: [vm::objects::builtin_func::BuiltinFn; 3] =
        [io_open, io_open_code, io_text_encoding];
    for ((name, f), py) in FORWARDED.iter().zip(natives).zip(&found) {
        let b = PyBuiltinFunction {
            name: ts.intern(name),
            kind: BuiltinKind::Free(f, Some(m.clone())),
        };
        let b = vm::object::alloc(ts, types().builtin_function, b)?;
        if let Ok(doc) = protocols::get_attr_str(ts, py, "__doc__") {
            let _ = protocols::set_attr(ts, &b, &ts.intern("__doc__"), doc);
        }
        d.set_str(ts, name, b);
    }
    Ok(())
}

fn init_module(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "_io", &[])?;
    pyio::run(ts, &m, &d)?;
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("module dict is not a dict"))?;
    install_builtins(ts, &m, dd)?;
    dd.set_str(ts, "_StringIO", stringio::stringio_type(ts).to_value());
    dd.set_str(ts, "_BytesIO", bytesio::bytesio_type(ts).to_value());
    // `_pyio.TextIOWrapper` finds the decoder by this global name when it builds one.
    let nd = newline_decoder::decoder_type(ts).to_value();
    dd.set_str(ts, "IncrementalNewlineDecoder", nd);
    pyio::exec(ts, &d, NATIVE_CLASSES, "<_io native classes>")?;
    Ok(m)
}
