//! The pure-Python half of `_io`: CPython's own `Lib/_pyio.py`, run as the body of `_io`.
//!
//! `_pyio` imports `io`, which imports `_io`; to break that cycle the two lines that import
//! `io` are replaced by the constants they fetched, and the ABC registrations (which `io.py`
//! does itself for `_io`'s classes) are dropped. Then `_io`'s C names are added (`_IOBase`,
//! `_RawIOBase`, `_BufferedIOBase`, `_TextIOBase`, `open_code`). Classes with a native
//! version (`mod.rs` lists them) are replaced after this body has run.
//!
//! Thread safety is `_pyio`'s: buffered objects take a `_thread` lock around their buffers.
//! Entry point: [`run`].

use vm::errors::PyResult;
use vm::objects::dict::PyDict;
use vm::objects::str::str_lossy;
use vm::protocols;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// `_pyio.py`'s `io` imports, and what replaces them in `_io`.
const IO_IMPORT: &str =
    "import io\nfrom io import (__all__, SEEK_SET, SEEK_CUR, SEEK_END, Reader, Writer)  # noqa: F401\n";
const IO_IMPORT_REPLACEMENT: &str = "SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2\n\
class _NoIo:\n    pass\nio = _NoIo()\ndel _NoIo\n";

/// Stand-ins for what the VM and `posix` do not have yet (`memoryview`, `bytearray.resize`
/// and `.clear` (rewritten in [`adapt`]), `os.readinto`), each used only where the real one is missing. Each is just enough for
/// `_pyio`: views are windows on a bytes/bytearray that write through on slice assignment.
const SHIMS: &str = r#"
try:
    memoryview(b"")
except TypeError:
    class memoryview:
        def __init__(self, obj, _start=0, _stop=None):
            if isinstance(obj, memoryview):
                obj, _start, _stop = obj.obj, obj._start, obj._stop
            elif not isinstance(obj, (bytes, bytearray)):
                raise TypeError(f"memoryview: a bytes-like object is required, not '{type(obj).__name__}'")
            self.obj = obj
            self._start = _start
            self._stop = len(obj) if _stop is None else _stop
        def __len__(self):
            return self._stop - self._start
        nbytes = property(__len__)
        readonly = property(lambda self: isinstance(self.obj, bytes))
        def cast(self, fmt):
            return self
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            pass
        def release(self):
            pass
        def _range(self, i):
            start, stop, step = i.indices(len(self))
            if step != 1:
                raise ValueError("memoryview stand-in: slices must have step 1")
            return self._start + start, self._start + max(start, stop)
        def __getitem__(self, i):
            if isinstance(i, slice):
                a, b = self._range(i)
                return memoryview(self.obj, a, b)
            return self.obj[self._start:self._stop][i]
        def __setitem__(self, i, v):
            if not isinstance(i, slice):
                i = slice(i, i + 1)
                v = bytes([v])
            a, b = self._range(i)
            if len(v) != b - a:
                raise ValueError("memoryview assignment: lvalue and rvalue have different structures")
            self.obj[a:b] = v
        def __iter__(self):
            return iter(self.obj[self._start:self._stop])
        def tobytes(self):
            return bytes(self.obj[self._start:self._stop])
        __bytes__ = tobytes

def _bytearray_resize(b, n):
    if n < len(b):
        del b[n:]
    else:
        b.extend(bytes(n - len(b)))

if not hasattr(os, "readinto"):
    class _Os:
        pass
    _os = _Os()
    _os.__dict__.update(vars(os))
    def _readinto(fd, buf):
        data = os.read(fd, len(buf))
        buf[:len(data)] = data
        return len(data)
    _os.readinto = _readinto
    os = _os
    del _Os, _os, _readinto
"#;

/// Added after `_pyio`'s body: `_io`'s own names for what `_pyio` calls differently.
const EPILOGUE: &str = r#"
_IOBase = IOBase
_RawIOBase = RawIOBase
_BufferedIOBase = BufferedIOBase
_TextIOBase = TextIOBase
open = open.__func__ if isinstance(open, staticmethod) else open

def open_code(path):
    """Opens the provided file with the intent to import the contents."""
    if not isinstance(path, str):
        raise TypeError(f"open_code() argument 'path' must be str, not {type(path).__name__}")
    return open(path, "rb")

UnsupportedOperation.__module__ = "io"

def _closed_check(cls, name, msg):
    base = getattr(cls, name)
    def method(self, *args, **kwargs):
        if self.closed:
            raise ValueError(msg)
        return base(self, *args, **kwargs)
    method.__name__ = name
    method.__qualname__ = f"{cls.__name__}.{name}"
    setattr(cls, name, method)

del io

# Files still open when the program ends are closed (and so flushed) at exit, as CPython's
# finalization deallocates them: every io object is remembered through a weak reference.
from _weakref import ref as _ref
_live = {}

def _remember(cls, /, *args, **kwargs):
    self = object.__new__(cls)
    key = id(self)
    _live[key] = _ref(self, lambda _, key=key: _live.pop(key, None))
    return self

IOBase.__new__ = staticmethod(_remember)

def _close_all_at_exit():
    """Called by the VM after atexit: closes what is still open, newest first (a text
    wrapper before the buffer under it)."""
    for r in reversed(list(_live.values())):
        f = r()
        if f is not None:
            try:
                f.__del__()
            except Exception:
                pass
    _live.clear()
"#;

/// Finds `_pyio.py` along `sys.path`.
fn pyio_source(ts: &ThreadState) -> PyResult<(String, String)> {
    let sys = vm::import::import_module(ts, "sys")?;
    let path = protocols::get_attr_str(ts, &sys, "path")?;
    for entry in protocols::collect(ts, &path)? {
        let dir = str_lossy(&entry);
        let file = std::path::Path::new(if dir.is_empty() { "." } else { &dir }).join("_pyio.py");
        let text = ts.detached(|| std::fs::read_to_string(&file));
        if let Ok(text) = text {
            return Ok((text, file.to_string_lossy().into_owned()));
        }
    }
    Err(ts.import_error("_io: _pyio.py was not found on sys.path"))
}

/// `_pyio` messages that differ from the C implementation's, and the C wording.
const MESSAGES: &[(&str, &str)] = &[
    (
        "can't have read/write/append mode at once",
        "must have exactly one of create/read/write/append mode",
    ),
    (
        "must have exactly one of read/write/append mode",
        "must have exactly one of create/read/write/append mode",
    ),
];

/// `_pyio`'s message for an unsupported operation, and the C one (just the method's name).
const UNSUPPORTED: &str = "raise UnsupportedOperation(\"%s.%s() not supported\" %\n                                   (self.__class__.__name__, name))";
const UNSUPPORTED_C: &str = "raise UnsupportedOperation(name)";

/// `_pyio`'s source with its `io` imports replaced and its ABC registrations dropped.
fn adapt(src: &str) -> String {
    let src = src
        .replacen(IO_IMPORT, &format!("{IO_IMPORT_REPLACEMENT}{SHIMS}"), 1)
        .replacen(UNSUPPORTED, UNSUPPORTED_C, 1);
    let mut out = String::with_capacity(src.len() + EPILOGUE.len());
    // The class being rewritten: the C BytesIO and TextIOWrapper say "I/O operation on closed
    // file." where `_pyio` names the operation.
    let mut class = "";
    for line in src.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("class ") {
            class = rest.split(['(', ':']).next().unwrap_or("");
        }
        let in_c_wording = class == "BytesIO" || class == "TextIOWrapper";
        if in_c_wording && line.contains(" closed file\")") && line.contains("ValueError(\"") {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(indent);
            out.push_str("raise ValueError(\"I/O operation on closed file.\")\n");
        } else if line.starts_with("io.") && line.contains(".register(") {
            out.push_str("pass\n");
        } else if line.contains("self._buffer.clear()") {
            out.push_str(&line.replace("self._buffer.clear()", "del self._buffer[:]"));
        } else if line.contains(".resize(") {
            let l = line
                .replace("result.resize(", "_bytearray_resize(result, ")
                .replace("self._buffer.resize(", "_bytearray_resize(self._buffer, ");
            out.push_str(&l);
        } else if let Some((_, c)) = MESSAGES.iter().find(|(p, _)| line.contains(p)) {
            let (p, _) = MESSAGES
                .iter()
                .find(|(p, _)| line.contains(p))
                .expect("found");
            out.push_str(&line.replace(p, c));
        } else {
            out.push_str(line);
        }
    }
    out.push_str(EPILOGUE);
    out
}

/// Runs `_pyio`'s adapted body in the module dict `d` of `m` (registered in `sys.modules`
/// while it runs, as `_pyio` imports modules that import `io` again).
pub(super) fn run(ts: &ThreadState, m: &Value, d: &Value) -> PyResult<()> {
    let (text, file) = pyio_source(ts)?;
    if let Some(dd) = d.downcast::<PyDict>() {
        dd.set_str(ts, "__file__", ts.new_str(&file));
        dd.set_str(ts, "__builtins__", ts.rt.builtins_dict().clone());
    }
    let modules = ts.rt.sys_modules().clone();
    protocols::set_item(ts, &modules, &ts.new_str("_io"), m.clone())?;
    if let Err(e) = exec(ts, d, &adapt(&text), &file) {
        let _ = protocols::del_item(ts, &modules, &ts.new_str("_io"));
        return Err(e);
    }
    Ok(())
}

/// `exec(compile(src, file, "exec"), d)`.
pub(super) fn exec(ts: &ThreadState, d: &Value, src: &str, file: &str) -> PyResult<()> {
    let builtin = |name: &str| {
        ts.rt
            .builtins_dict()
            .downcast::<PyDict>()
            .and_then(|b| b.get_str(ts, name))
            .ok_or_else(|| ts.runtime_error(format!("builtins.{name} is missing")))
    };
    let args = [ts.new_str(src), ts.new_str(file), ts.new_str("exec")];
    let code = protocols::call(ts, &builtin("compile")?, &args, None)?;
    protocols::call(ts, &builtin("exec")?, &[code, d.clone()], None)?;
    Ok(())
}
