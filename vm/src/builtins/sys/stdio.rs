//! `sys.stdin`, `sys.stdout`, `sys.stderr`: native streams shaped like CPython's
//! `TextIOWrapper(BufferedWriter(FileIO(fd)))` (or `BufferedReader` for stdin).
//!
//! Not the `_io` classes themselves: building those means importing `_io` (today `_pyio`,
//! tens of milliseconds) before the first line of a program runs. These three layers are
//! small native types with the same names, attributes and methods the standard streams have
//! in CPython (`buffer`, `raw`, `encoding`, `errors`, `reconfigure`, `line_buffering`,
//! `write_through`, `fileno`, `isatty`, `with sys.stdout:`, iteration of stdin, ...).
//!
//! Every layer of stdout writes into the runtime's one stdout buffer
//! (`Runtime::write_stdout_buffered`), so text, `buffer.write` and `raw.write` come out in
//! program order; stderr is unbuffered. The three layers of one stream share a `closed`
//! flag: as in CPython (`closefd=False`), closing a standard stream never closes its fd.
//! Text is encoded natively for UTF-8 without lone surrogates, and through `str.encode`
//! otherwise (other encodings and error handlers after `reconfigure`).
//!
//! Entry points: [`install`] (called by `sys` at startup), [`PyStdText::write_text`]
//! (print's fast path).

use crate::builtins::args::MethodArgs;
use crate::errors::{PyErr, PyResult};
use crate::object::PyPayload;
use crate::objects::bytes::{buffer_arg, new_bytes};
use crate::objects::descr::{add_getset, add_method};
use crate::objects::dict::PyDict;
use crate::objects::str::PyStr;
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::{none, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

/// Which standard stream.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    In,
    Out,
    Err,
}

impl Which {
    fn fd(self) -> i64 {
        match self {
            Which::In => 0,
            Which::Out => 1,
            Which::Err => 2,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Which::In => "<stdin>",
            Which::Out => "<stdout>",
            Which::Err => "<stderr>",
        }
    }
    fn isatty(self) -> bool {
        match self {
            Which::In => std::io::stdin().is_terminal(),
            Which::Out => std::io::stdout().is_terminal(),
            Which::Err => std::io::stderr().is_terminal(),
        }
    }
}

/// The text layer's settings (changed by `reconfigure`).
struct TextState {
    encoding: String,
    errors: String,
    line_buffering: bool,
    /// `None`: follow `-u` / PYTHONUNBUFFERED (known only after `sys` is built).
    write_through: Option<bool>,
    detached: bool,
}

/// `sys.stdout` and friends: the text layer.
pub struct PyStdText {
    which: Which,
    st: Mutex<TextState>,
    buffer: Value,
    closed: Arc<AtomicBool>,
}

/// The binary layers: `BufferedWriter`/`BufferedReader` (`raw` is `Some`) or `FileIO`.
pub struct PyStdBinary {
    which: Which,
    raw: Option<Value>,
    closed: Arc<AtomicBool>,
}

impl PyPayload for PyStdText {
    const GC: bool = false;
}
impl PyPayload for PyStdBinary {
    const GC: bool = false;
}

/// Reads of the closed flag need no ordering: it guards nothing but itself.
fn is_closed(flag: &AtomicBool) -> bool {
    // ORDERING: Relaxed: a flag checked before each operation; no data is published with it.
    flag.load(Ordering::Relaxed)
}

fn closed_error(ts: &ThreadState) -> PyErr {
    ts.value_error("I/O operation on closed file.")
}

/// `io.UnsupportedOperation(msg)` (imports `io` only on this error path).
fn unsupported(ts: &ThreadState, msg: &str) -> PyErr {
    let cls = crate::import::import_module(ts, "io")
        .and_then(|io| protocols::get_attr_str(ts, &io, "UnsupportedOperation"));
    match cls.and_then(|c| protocols::call(ts, &c, &[ts.new_str(msg)], None)) {
        Ok(e) => PyErr::from_instance(e),
        Err(e) => e,
    }
}

fn io_error(ts: &ThreadState, e: std::io::Error) -> PyErr {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        ts.new_error(types().exc.broken_pipe_error, "[Errno 32] Broken pipe")
    } else {
        ts.os_error(e.to_string())
    }
}

/// Writes bytes to a stream: stdout through the runtime buffer (flushed when `flush`).
fn write_bytes(ts: &ThreadState, which: Which, b: &[u8], flush: bool) -> PyResult<()> {
    match which {
        Which::Out => {
            ts.rt.write_stdout_buffered(ts, b)?;
            if flush {
                ts.rt.flush_stdout(ts);
            }
            Ok(())
        }
        Which::Err => ts
            .detached(|| std::io::stderr().lock().write_all(b))
            .map_err(|e| io_error(ts, e)),
        Which::In => Err(unsupported(ts, "not writable")),
    }
}

fn flush_stream(ts: &ThreadState, which: Which) {
    if which == Which::Out {
        ts.rt.flush_stdout(ts);
    } else if which == Which::Err {
        let _ = ts.detached(|| std::io::stderr().flush());
    }
}

/// Reads from stdin: one line (`limit` < 0: any length), `n` bytes, or everything.
enum ReadHow {
    Line(i64),
    Bytes(usize),
    All,
}

fn read_stdin(ts: &ThreadState, how: ReadHow) -> PyResult<Vec<u8>> {
    ts.detached(|| {
        let stdin = std::io::stdin();
        let mut g = stdin.lock();
        let mut out = Vec::new();
        match how {
            ReadHow::All => {
                g.read_to_end(&mut out)?;
            }
            ReadHow::Bytes(n) => {
                (&mut g).take(n as u64).read_to_end(&mut out)?;
            }
            ReadHow::Line(limit) => loop {
                let avail = g.fill_buf()?;
                if avail.is_empty() {
                    break;
                }
                let room = usize::try_from(limit).map_or(usize::MAX, |l| l - out.len());
                let chunk = &avail[..avail.len().min(room)];
                let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
                    Some(i) => (i + 1, true),
                    None => (chunk.len(), chunk.len() == room),
                };
                out.extend_from_slice(&chunk[..take]);
                g.consume(take);
                if done {
                    break;
                }
            },
        }
        Ok(out)
    })
    .map_err(|e: std::io::Error| io_error(ts, e))
}

impl PyStdText {
    fn state(&self) -> MutexGuard<'_, TextState> {
        // Settings are plain values, consistent at every step: ignore poisoning.
        self.st.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn check(&self, ts: &ThreadState) -> PyResult<()> {
        if self.state().detached {
            return Err(ts.value_error("underlying buffer has been detached"));
        }
        if is_closed(&self.closed) {
            return Err(closed_error(ts));
        }
        Ok(())
    }

    /// Whether a write must reach the fd now (write-through, or line buffering and the text
    /// has a line end), and whether the encoding is UTF-8 (written without a codec).
    fn write_mode(&self, ts: &ThreadState, has_newline: impl FnOnce() -> bool) -> (bool, bool) {
        let st = self.state();
        let wt = st
            .write_through
            .unwrap_or_else(|| ts.rt.sys_state.unbuffered());
        (
            wt || st.line_buffering && has_newline(),
            st.encoding == "utf-8",
        )
    }

    /// `write` of text that is already UTF-8 (so has no lone surrogates): print's fast path,
    /// which makes no str object.
    pub fn write_utf8(&self, ts: &ThreadState, s: &str) -> PyResult<()> {
        self.check(ts)?;
        if self.which == Which::In {
            return Err(unsupported(ts, "not writable"));
        }
        let (flush_now, utf8) = self.write_mode(ts, || s.contains(['\n', '\r']));
        if !utf8 {
            self.write_text(ts, &ts.new_str(s))?;
            return Ok(());
        }
        write_bytes(ts, self.which, s.as_bytes(), flush_now)
    }

    /// Whether `detach()` was called (the stream is unusable; flushing it at exit fails).
    pub fn is_detached(&self) -> bool {
        self.state().detached
    }

    /// `write(s)` for a str: encodes and writes; returns the length in characters.
    pub fn write_text(&self, ts: &ThreadState, s: &Value) -> PyResult<usize> {
        self.check(ts)?;
        if self.which == Which::In {
            return Err(unsupported(ts, "not writable"));
        }
        let Some(text) = s.downcast::<PyStr>() else {
            return Err(ts.type_error(format!(
                "write() argument must be str, not {}",
                s.class().name()
            )));
        };
        let (flush_now, utf8) = self.write_mode(ts, || text.cps().any(|c| c == 0x0a || c == 0x0d));
        if let (true, Some(a)) = (utf8, text.as_str()) {
            write_bytes(ts, self.which, a.as_bytes(), flush_now)?;
        } else if utf8 && text.cps().all(|c| char::from_u32(c).is_some()) {
            write_bytes(ts, self.which, text.to_string_lossy().as_bytes(), flush_now)?;
        } else {
            let (encoding, errors) = {
                let st = self.state();
                (st.encoding.clone(), st.errors.clone())
            };
            let enc = protocols::call_method(
                ts,
                s,
                "encode",
                &[ts.new_str(&encoding), ts.new_str(&errors)],
            )?;
            let b = buffer_arg(ts, &enc)?;
            write_bytes(ts, self.which, &b, flush_now)?;
        }
        Ok(text.len())
    }

    /// Decodes stdin bytes with the stream's encoding and error handler.
    fn decode(&self, ts: &ThreadState, b: Vec<u8>) -> PyResult<Value> {
        let (encoding, errors) = {
            let st = self.state();
            (st.encoding.clone(), st.errors.clone())
        };
        if encoding == "utf-8" {
            if let Ok(s) = std::str::from_utf8(&b) {
                return Ok(ts.new_str(s));
            }
        }
        let bytes = new_bytes(ts, b);
        protocols::call_method(
            ts,
            &bytes,
            "decode",
            &[ts.new_str(&encoding), ts.new_str(&errors)],
        )
    }

    fn readable(&self, ts: &ThreadState) -> PyResult<()> {
        self.check(ts)?;
        if self.which != Which::In {
            return Err(unsupported(ts, "not readable"));
        }
        Ok(())
    }

    fn readline(&self, ts: &ThreadState, limit: i64) -> PyResult<Value> {
        self.readable(ts)?;
        let b = read_stdin(ts, ReadHow::Line(limit))?;
        self.decode(ts, b)
    }
}

static TYPES: OnceLock<[&'static PyType; 5]> = OnceLock::new();

/// TextIOWrapper, BufferedWriter, BufferedReader, FileIO (the stand-ins' type objects).
fn stdio_types(ts: &ThreadState) -> &'static [&'static PyType; 5] {
    TYPES.get_or_init(|| {
        let text = crate::runtime::new_native_type::<PyStdText>(
            ts,
            "_io.TextIOWrapper",
            None,
            0,
            |ts, t| {
                for (n, f) in TEXT_METHODS {
                    add_method(ts, t, n, *f);
                }
                t.slots.iter.set(Some(t_iter));
                t.slots.iternext.set(Some(t_next));
                t.slots.repr.set(Some(t_repr));
                add_getset(ts, t, "closed", t_closed, None);
                add_getset(ts, t, "encoding", t_encoding, None);
                add_getset(ts, t, "errors", t_errors, None);
                add_getset(ts, t, "line_buffering", t_line_buffering, None);
                add_getset(ts, t, "write_through", t_write_through, None);
                add_getset(ts, t, "newlines", |_, _| Ok(none()), None);
                add_getset(ts, t, "buffer", t_buffer, None);
                add_getset(ts, t, "name", t_name, None);
                add_getset(ts, t, "mode", t_mode, None);
            },
        );
        let binary = |name: &str| {
            crate::runtime::new_native_type::<PyStdBinary>(ts, name, None, 0, |ts, t| {
                for (n, f) in BINARY_METHODS {
                    add_method(ts, t, n, *f);
                }
                t.slots.iter.set(Some(b_iter));
                t.slots.iternext.set(Some(b_next));
                t.slots.repr.set(Some(b_repr));
                add_getset(ts, t, "closed", b_closed, None);
                add_getset(ts, t, "name", b_name, None);
                add_getset(ts, t, "mode", b_mode, None);
                add_getset(ts, t, "raw", b_raw, None);
                add_getset(ts, t, "closefd", |_, _| Ok(py_bool(false)), None);
            })
        };
        let writer = binary("_io.BufferedWriter");
        let reader = binary("_io.BufferedReader");
        let fileio = binary("_io.FileIO");
        [text, writer, reader, fileio, fileio]
    })
}

/// `PYTHONIOENCODING`'s `encoding[:errors]`, if set.
fn io_encoding_env() -> (Option<String>, Option<String>) {
    let Ok(v) = std::env::var("PYTHONIOENCODING") else {
        return (None, None);
    };
    let (e, r) = match v.split_once(':') {
        Some((e, r)) => (e.to_string(), Some(r.to_string())),
        None => (v.clone(), None),
    };
    let e = normalize_encoding(&e);
    ((!e.is_empty()).then_some(e), r.filter(|r| !r.is_empty()))
}

/// stdin's and stdout's error handler when PYTHONIOENCODING names none: `strict`, except in
/// UTF-8 mode or under the C/POSIX locale (CPython's `config_get_stdio_errors`), where
/// undecodable bytes round-trip through `surrogateescape`. Setting PYTHONIOENCODING at all
/// means `strict`.
fn default_errors(env_encoding: bool) -> &'static str {
    if env_encoding {
        return "strict";
    }
    if std::env::var("PYTHONUTF8").is_ok_and(|v| v == "1") {
        return "surrogateescape";
    }
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    let c_like =
        locale.is_empty() || locale == "C" || locale == "POSIX" || locale.starts_with("C.");
    if c_like {
        "surrogateescape"
    } else {
        "strict"
    }
}

/// `utf8`, `UTF-8`, `utf_8` -> `utf-8` (the one encoding written natively).
fn normalize_encoding(e: &str) -> String {
    let l = e.trim().to_ascii_lowercase().replace('_', "-");
    if l == "utf8" || l == "utf-8" {
        "utf-8".to_string()
    } else {
        l
    }
}

/// Builds the three streams and binds `sys.stdin/stdout/stderr` and their `__x__` twins.
pub fn install(ts: &ThreadState, d: &PyDict) {
    let tys = stdio_types(ts);
    let (env_enc, env_err) = io_encoding_env();
    for (which, key, dunder) in [
        (Which::In, "stdin", "__stdin__"),
        (Which::Out, "stdout", "__stdout__"),
        (Which::Err, "stderr", "__stderr__"),
    ] {
        let closed = Arc::new(AtomicBool::new(false));
        let raw_ty = tys[3];
        let buf_ty = if which == Which::In { tys[2] } else { tys[1] };
        let raw = crate::object::alloc(
            ts,
            raw_ty,
            PyStdBinary {
                which,
                raw: None,
                closed: closed.clone(),
            },
        );
        let Ok(raw) = raw else { continue };
        let Ok(buffer) = crate::object::alloc(
            ts,
            buf_ty,
            PyStdBinary {
                which,
                raw: Some(raw),
                closed: closed.clone(),
            },
        ) else {
            continue;
        };
        let errors = match which {
            Which::Err => "backslashreplace".to_string(),
            _ => env_err
                .clone()
                .unwrap_or_else(|| default_errors(env_enc.is_some()).into()),
        };
        let st = TextState {
            encoding: env_enc.clone().unwrap_or_else(|| "utf-8".to_string()),
            errors,
            // As CPython: stderr is always line buffered, stdout when interactive.
            line_buffering: which == Which::Err || which == Which::Out && which.isatty(),
            write_through: None,
            detached: false,
        };
        let Ok(text) = crate::object::alloc(
            ts,
            tys[0],
            PyStdText {
                which,
                st: Mutex::new(st),
                buffer,
                closed,
            },
        ) else {
            continue;
        };
        d.set_str(ts, key, text.clone());
        d.set_str(ts, dunder, text);
    }
}

// --- the text layer ---

type Method = crate::objects::descr::MethodFn;

const TEXT_METHODS: &[(&str, Method)] = &[
    ("write", t_write),
    ("writelines", t_writelines),
    ("flush", t_flush),
    ("close", t_close),
    ("fileno", t_fileno),
    ("isatty", t_isatty),
    ("readable", t_readable),
    ("writable", t_writable),
    ("seekable", t_seekable),
    ("read", t_read),
    ("readline", t_readline),
    ("readlines", t_readlines),
    ("reconfigure", t_reconfigure),
    ("detach", t_detach),
    ("tell", t_tell),
    ("seek", t_seek),
    ("truncate", t_truncate),
    ("__enter__", t_enter),
    ("__exit__", t_exit),
];

fn text<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyStdText> {
    v.downcast::<PyStdText>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a '_io.TextIOWrapper' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn t_write(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let t = text(ts, s)?;
    // The common call, one positional argument, skips the general binder.
    if let ([v], None) = (a.args, a.kwnames) {
        return Ok(ts.new_usize(t.write_text(ts, v)?));
    }
    let [v] = a.parse::<1>(ts, "write", &[""], 1)?;
    let n = t.write_text(ts, &v.unwrap_or_else(none))?;
    Ok(ts.new_usize(n))
}

fn t_writelines(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [lines] = a.parse::<1>(ts, "writelines", &[""], 1)?;
    let t = text(ts, s)?;
    t.check(ts)?;
    let it = protocols::get_iter(ts, &lines.unwrap_or_else(none))?;
    while let Some(line) = protocols::next(ts, &it)? {
        t.write_text(ts, &line)?;
    }
    Ok(none())
}

fn t_flush(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "flush")?;
    let t = text(ts, s)?;
    t.check(ts)?;
    flush_stream(ts, t.which);
    Ok(none())
}

fn t_close(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "close")?;
    let t = text(ts, s)?;
    if t.state().detached {
        return Err(ts.value_error("underlying buffer has been detached"));
    }
    if !is_closed(&t.closed) {
        flush_stream(ts, t.which);
        // ORDERING: Relaxed: see `is_closed`.
        t.closed.store(true, Ordering::Relaxed);
    }
    Ok(none())
}

fn t_fileno(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "fileno")?;
    let t = text(ts, s)?;
    t.check(ts)?;
    Ok(ts.new_int(t.which.fd()))
}

fn t_isatty(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "isatty")?;
    let t = text(ts, s)?;
    t.check(ts)?;
    Ok(py_bool(t.which.isatty()))
}

fn t_readable(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "readable")?;
    let t = text(ts, s)?;
    t.check(ts)?;
    Ok(py_bool(t.which == Which::In))
}

fn t_writable(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "writable")?;
    let t = text(ts, s)?;
    t.check(ts)?;
    Ok(py_bool(t.which != Which::In))
}

fn t_seekable(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "seekable")?;
    text(ts, s)?.check(ts)?;
    Ok(py_bool(false))
}

fn t_not_seekable(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    text(ts, s)?.check(ts)?;
    Err(unsupported(ts, "underlying stream is not seekable"))
}

fn t_tell(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    t_not_seekable(ts, s)
}

fn t_seek(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    t_not_seekable(ts, s)
}

fn t_truncate(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    text(ts, s)?.check(ts)?;
    Err(unsupported(ts, "truncate"))
}

/// A `size` argument: None or absent is -1.
fn size_arg(ts: &ThreadState, v: Option<Value>) -> PyResult<i64> {
    match v.filter(|v| !v.is_none()) {
        Some(v) => protocols::index_i64(ts, &v),
        None => Ok(-1),
    }
}

fn t_read(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "read", &[""], 0)?;
    let t = text(ts, s)?;
    t.readable(ts)?;
    let n = size_arg(ts, n)?;
    let Ok(n) = usize::try_from(n) else {
        let b = read_stdin(ts, ReadHow::All)?;
        return t.decode(ts, b);
    };
    // `n` characters: read `n` bytes, then whatever completes the last UTF-8 sequence and
    // the characters still missing.
    let mut b = read_stdin(ts, ReadHow::Bytes(n))?;
    loop {
        let chars = String::from_utf8_lossy(&b).chars().count();
        let incomplete = matches!(std::str::from_utf8(&b), Err(e) if e.error_len().is_none());
        if chars >= n && !incomplete {
            break;
        }
        let more = read_stdin(ts, ReadHow::Bytes(if incomplete { 1 } else { n - chars }))?;
        if more.is_empty() {
            break;
        }
        b.extend(more);
    }
    t.decode(ts, b)
}

fn t_readline(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "readline", &[""], 0)?;
    let limit = size_arg(ts, n)?;
    text(ts, s)?.readline(ts, limit)
}

fn t_readlines(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [hint] = a.parse::<1>(ts, "readlines", &[""], 0)?;
    let hint = size_arg(ts, hint)?;
    let t = text(ts, s)?;
    let mut out = Vec::new();
    let mut total = 0usize;
    loop {
        let line = t.readline(ts, -1)?;
        let n = line.downcast::<PyStr>().map_or(0, |l| l.len());
        if n == 0 {
            break;
        }
        out.push(line);
        total += n;
        if hint > 0 && total as i64 >= hint {
            break;
        }
    }
    Ok(ts.new_list(out))
}

fn t_reconfigure(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [enc, errors, newline, lb, wt] = a.parse::<5>(
        ts,
        "reconfigure",
        &[
            "*encoding",
            "*errors",
            "*newline",
            "*line_buffering",
            "*write_through",
        ],
        0,
    )?;
    let t = text(ts, s)?;
    t.check(ts)?;
    let opt_str = |v: &Option<Value>, what: &str| -> PyResult<Option<String>> {
        match v.as_ref().filter(|v| !v.is_none()) {
            None => Ok(None),
            Some(v) => match v.downcast::<PyStr>() {
                Some(s) => Ok(Some(s.to_string_lossy())),
                None => Err(ts.type_error(format!(
                    "reconfigure() argument '{what}' must be str or None, not {}",
                    v.class().name()
                ))),
            },
        }
    };
    let enc = opt_str(&enc, "encoding")?;
    let errors = opt_str(&errors, "errors")?;
    if let Some(e) = &enc {
        // An unknown encoding is an error now, not at the next write.
        let codecs = crate::import::import_module(ts, "codecs")?;
        protocols::call_method(ts, &codecs, "lookup", &[ts.new_str(e)])?;
    }
    if let Some(nl) = newline.as_ref().filter(|v| !v.is_none()) {
        let ok = nl
            .downcast::<PyStr>()
            .is_some_and(|s| matches!(s.as_str(), Some("" | "\n" | "\r" | "\r\n")));
        if !ok {
            let r = protocols::str_string(ts, nl)?;
            return Err(ts.value_error(format!("illegal newline value: {r}")));
        }
    }
    let lb = match lb.filter(|v| !v.is_none()) {
        Some(v) => Some(protocols::is_true(ts, &v)?),
        None => None,
    };
    let wt = match wt.filter(|v| !v.is_none()) {
        Some(v) => Some(protocols::is_true(ts, &v)?),
        None => None,
    };
    flush_stream(ts, t.which);
    let mut st = t.state();
    if let Some(e) = enc {
        st.encoding = normalize_encoding(&e);
        st.errors = errors.clone().unwrap_or_else(|| "strict".to_string());
    }
    if let Some(e) = errors {
        st.errors = e;
    }
    if let Some(lb) = lb {
        st.line_buffering = lb;
    }
    if let Some(wt) = wt {
        st.write_through = Some(wt);
    }
    Ok(none())
}

fn t_detach(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "detach")?;
    let t = text(ts, s)?;
    t.check(ts)?;
    flush_stream(ts, t.which);
    t.state().detached = true;
    Ok(t.buffer.clone())
}

fn t_enter(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__enter__")?;
    text(ts, s)?.check(ts)?;
    Ok(s.clone())
}

fn t_exit(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    protocols::call_method(ts, s, "close", &[])?;
    Ok(none())
}

fn t_iter(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    text(ts, s)?.check(ts)?;
    Ok(s.clone())
}

fn t_next(ts: &ThreadState, s: &Value) -> PyResult<Option<Value>> {
    let line = text(ts, s)?.readline(ts, -1)?;
    Ok(line
        .downcast::<PyStr>()
        .is_some_and(|l| !l.is_empty())
        .then_some(line))
}

fn t_repr(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let t = text(ts, s)?;
    let mode = if t.which == Which::In { "r" } else { "w" };
    let enc = t.state().encoding.clone();
    Ok(ts.new_str(&format!(
        "<_io.TextIOWrapper name='{}' mode='{mode}' encoding='{enc}'>",
        t.which.name()
    )))
}

fn t_closed(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(py_bool(is_closed(&text(ts, s)?.closed)))
}

fn t_encoding(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(ts.new_str(&text(ts, s)?.state().encoding))
}

fn t_errors(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(ts.new_str(&text(ts, s)?.state().errors))
}

fn t_line_buffering(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(py_bool(text(ts, s)?.state().line_buffering))
}

fn t_write_through(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let wt = text(ts, s)?.state().write_through;
    Ok(py_bool(wt.unwrap_or_else(|| ts.rt.sys_state.unbuffered())))
}

fn t_buffer(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let t = text(ts, s)?;
    // Under -u CPython puts stdout and stderr straight on the FileIO (no BufferedWriter).
    if t.which != Which::In && ts.rt.sys_state.unbuffered() {
        if let Some(raw) = t
            .buffer
            .downcast::<PyStdBinary>()
            .and_then(|b| b.raw.clone())
        {
            return Ok(raw);
        }
    }
    Ok(t.buffer.clone())
}

fn t_name(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(ts.new_str(text(ts, s)?.which.name()))
}

fn t_mode(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let w = text(ts, s)?.which;
    Ok(ts.new_str(if w == Which::In { "r" } else { "w" }))
}

// --- the binary layers ---

const BINARY_METHODS: &[(&str, Method)] = &[
    ("write", b_write),
    ("writelines", b_writelines),
    ("flush", b_flush),
    ("close", b_close),
    ("fileno", b_fileno),
    ("isatty", b_isatty),
    ("readable", b_readable),
    ("writable", b_writable),
    ("seekable", b_seekable),
    ("read", b_read),
    ("read1", b_read),
    ("readall", b_readall),
    ("readline", b_readline),
    ("readlines", b_readlines),
    ("__enter__", b_enter),
    ("__exit__", t_exit),
];

fn binary<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyStdBinary> {
    let b = v.downcast::<PyStdBinary>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a binary stream but received a '{}'",
            v.class().name()
        ))
    })?;
    Ok(b)
}

impl PyStdBinary {
    fn check(&self, ts: &ThreadState) -> PyResult<()> {
        if is_closed(&self.closed) {
            return Err(if self.raw.is_some() {
                ts.value_error("flush of closed file")
            } else {
                ts.value_error("I/O operation on closed file")
            });
        }
        Ok(())
    }

    fn open(&self, ts: &ThreadState) -> PyResult<()> {
        if is_closed(&self.closed) {
            return Err(if self.raw.is_some() {
                ts.value_error("I/O operation on closed file.")
            } else {
                ts.value_error("I/O operation on closed file")
            });
        }
        Ok(())
    }

    fn readable(&self, ts: &ThreadState) -> PyResult<()> {
        self.open(ts)?;
        if self.which != Which::In {
            return Err(unsupported(
                ts,
                if self.raw.is_some() {
                    "read"
                } else {
                    "File not open for reading"
                },
            ));
        }
        Ok(())
    }
}

fn b_write(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [v] = a.parse::<1>(ts, "write", &[""], 1)?;
    let b = binary(ts, s)?;
    b.open(ts)?;
    if b.which == Which::In {
        return Err(unsupported(
            ts,
            if b.raw.is_some() {
                "write"
            } else {
                "File not open for writing"
            },
        ));
    }
    let data = buffer_arg(ts, &v.unwrap_or_else(none))?;
    // The raw layer is unbuffered: its bytes are out when `write` returns.
    write_bytes(ts, b.which, &data, b.raw.is_none())?;
    Ok(ts.new_usize(data.len()))
}

fn b_writelines(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [lines] = a.parse::<1>(ts, "writelines", &[""], 1)?;
    let it = protocols::get_iter(ts, &lines.unwrap_or_else(none))?;
    while let Some(line) = protocols::next(ts, &it)? {
        protocols::call_method(ts, s, "write", &[line])?;
    }
    Ok(none())
}

fn b_flush(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "flush")?;
    let b = binary(ts, s)?;
    if b.raw.is_some() {
        b.check(ts)?;
    }
    flush_stream(ts, b.which);
    Ok(none())
}

fn b_close(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "close")?;
    let b = binary(ts, s)?;
    if !is_closed(&b.closed) {
        flush_stream(ts, b.which);
        // ORDERING: Relaxed: see `is_closed`.
        b.closed.store(true, Ordering::Relaxed);
    }
    Ok(none())
}

fn b_fileno(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "fileno")?;
    let b = binary(ts, s)?;
    b.open(ts)?;
    Ok(ts.new_int(b.which.fd()))
}

fn b_isatty(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "isatty")?;
    let b = binary(ts, s)?;
    b.open(ts)?;
    Ok(py_bool(b.which.isatty()))
}

fn b_readable(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "readable")?;
    let b = binary(ts, s)?;
    b.open(ts)?;
    Ok(py_bool(b.which == Which::In))
}

fn b_writable(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "writable")?;
    let b = binary(ts, s)?;
    b.open(ts)?;
    Ok(py_bool(b.which != Which::In))
}

fn b_seekable(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "seekable")?;
    binary(ts, s)?.open(ts)?;
    Ok(py_bool(false))
}

fn b_read(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "read", &[""], 0)?;
    let b = binary(ts, s)?;
    b.readable(ts)?;
    let how = match usize::try_from(size_arg(ts, n)?) {
        Ok(n) => ReadHow::Bytes(n),
        Err(_) => ReadHow::All,
    };
    Ok(new_bytes(ts, read_stdin(ts, how)?))
}

fn b_readall(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "readall")?;
    binary(ts, s)?.readable(ts)?;
    Ok(new_bytes(ts, read_stdin(ts, ReadHow::All)?))
}

fn b_readline(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "readline", &[""], 0)?;
    let b = binary(ts, s)?;
    b.readable(ts)?;
    let limit = size_arg(ts, n)?;
    Ok(new_bytes(ts, read_stdin(ts, ReadHow::Line(limit))?))
}

fn b_readlines(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [hint] = a.parse::<1>(ts, "readlines", &[""], 0)?;
    let b = binary(ts, s)?;
    b.readable(ts)?;
    let hint = size_arg(ts, hint)?;
    let mut out = Vec::new();
    let mut total = 0usize;
    loop {
        let line = read_stdin(ts, ReadHow::Line(-1))?;
        if line.is_empty() {
            break;
        }
        total += line.len();
        out.push(new_bytes(ts, line));
        if hint > 0 && total as i64 >= hint {
            break;
        }
    }
    Ok(ts.new_list(out))
}

fn b_enter(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__enter__")?;
    binary(ts, s)?.open(ts)?;
    Ok(s.clone())
}

fn b_iter(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    binary(ts, s)?.open(ts)?;
    Ok(s.clone())
}

fn b_next(ts: &ThreadState, s: &Value) -> PyResult<Option<Value>> {
    let b = binary(ts, s)?;
    b.readable(ts)?;
    let line = read_stdin(ts, ReadHow::Line(-1))?;
    Ok((!line.is_empty()).then(|| new_bytes(ts, line)))
}

fn b_repr(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let b = binary(ts, s)?;
    let name = b.which.name();
    Ok(ts.new_str(&match (&b.raw, b.which) {
        (Some(_), Which::In) => format!("<_io.BufferedReader name='{name}'>"),
        (Some(_), _) => format!("<_io.BufferedWriter name='{name}'>"),
        (None, Which::In) => format!("<_io.FileIO name='{name}' mode='rb' closefd=False>"),
        (None, _) => format!("<_io.FileIO name='{name}' mode='wb' closefd=False>"),
    }))
}

fn b_closed(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(py_bool(is_closed(&binary(ts, s)?.closed)))
}

fn b_name(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(ts.new_str(binary(ts, s)?.which.name()))
}

fn b_mode(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let w = binary(ts, s)?.which;
    Ok(ts.new_str(if w == Which::In { "rb" } else { "wb" }))
}

fn b_raw(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let b = binary(ts, s)?;
    match &b.raw {
        Some(r) => Ok(r.clone()),
        None => Err(ts.attribute_error("'_io.FileIO' object has no attribute 'raw'")),
    }
}
