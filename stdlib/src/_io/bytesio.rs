//! `_io.BytesIO`: an in-memory binary stream (CPython's `Modules/_io/bytesio.c`).
//!
//! The bytes and the position live behind the object's own lock, a leaf lock: arguments are
//! converted before it is taken and no Python code runs under it, so each method is atomic.
//! `getbuffer()` returns a memoryview of a small `_io._BytesIOBuffer` exporter (as in
//! CPython: the BytesIO itself is not bytes-like); while such a view lives the stream
//! refuses to change size or close (`exports`, CPython's counter of the same name).
//!
//! As with `StringIO`, the type here is the native core; `_io.BytesIO` subclasses it and
//! `_BufferedIOBase` (`mod.rs`). Entry points: [`bytesio_type`], [`buffer_exporter`].

use super::common::{bytes_like, exports_error, reserve, size_arg, ssize_arg, state_dict};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use vm::builtins::args::MethodArgs;
use vm::errors::PyResult;
use vm::object::PyPayload;
use vm::objects::bytes::{new_bytes, PyByteArray};
use vm::objects::descr::{add_getset, add_method};
use vm::objects::int::as_int;
use vm::objects::memoryview::{external_exporter, BufferExporter};
use vm::objects::seq::trace_value;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::protocols;
use vm::runtime::{none, py_bool};
use vm::thread_state::ThreadState;
use vm::value::Value;

struct State {
    /// The stream's bytes (`len()` is CPython's `string_size`).
    buf: Vec<u8>,
    /// May be past the end: a write there pads with NULs.
    pos: usize,
    closed: bool,
}

/// A Python `_io.BytesIO` (the native core).
pub struct PyBytesIO {
    state: Mutex<State>,
    /// Live `getbuffer()` views; while non-zero the size may not change.
    exports: AtomicUsize,
}

impl PyPayload for PyBytesIO {
    const GC: bool = false;
}

impl PyBytesIO {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Byte copies leave the state consistent even if one panicked: ignore poisoning.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn open(&self, ts: &ThreadState) -> PyResult<MutexGuard<'_, State>> {
        let g = self.lock();
        if g.closed {
            return Err(ts.value_error("I/O operation on closed file."));
        }
        Ok(g)
    }

    fn exported(&self) -> bool {
        // ORDERING: Relaxed: a guard read under the state lock; views are counted (in
        // `add_export`) before they touch the memory, and publish nothing else.
        self.exports.load(Ordering::Relaxed) > 0
    }

    /// `open`, and BufferError while a view is exported.
    fn resizable(&self, ts: &ThreadState) -> PyResult<MutexGuard<'_, State>> {
        let g = self.open(ts)?;
        if self.exported() {
            return Err(exports_error(ts));
        }
        Ok(g)
    }

    /// Writes `data` at the position; returns its length.
    fn write(&self, ts: &ThreadState, data: &[u8]) -> PyResult<usize> {
        let mut g = self.resizable(ts)?;
        if data.is_empty() {
            return Ok(0);
        }
        let end = g
            .pos
            .checked_add(data.len())
            .ok_or_else(|| ts.overflow_error("new buffer size too large"))?;
        let len = g.buf.len();
        if end > len {
            reserve(ts, &mut g.buf, end - len)?;
        }
        let pos = g.pos;
        if pos > len {
            g.buf.resize(pos, 0);
        }
        let overlap = (g.buf.len() - pos).min(data.len());
        g.buf[pos..pos + overlap].copy_from_slice(&data[..overlap]);
        g.buf.extend_from_slice(&data[overlap..]);
        g.pos = end;
        Ok(data.len())
    }
}

impl State {
    /// The length of the next line (to and including `\n`), at most `limit` (< 0: none).
    fn line_len(&self, limit: i64) -> usize {
        let rest = self.buf.get(self.pos..).unwrap_or(&[]);
        let n = match usize::try_from(limit) {
            Ok(l) if l < rest.len() => l,
            _ => rest.len(),
        };
        rest[..n]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(n, |i| i + 1)
    }

    /// Takes `n` bytes from the position (`n` within the data).
    fn take(&mut self, ts: &ThreadState, n: usize) -> Value {
        if n == 0 {
            return new_bytes(ts, Vec::new());
        }
        let v = new_bytes(ts, self.buf[self.pos..self.pos + n].to_vec());
        self.pos += n;
        v
    }

    fn avail(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }
}

/// `getbuffer()`'s exporter: lends the BytesIO's bytes to a memoryview.
pub struct PyBytesIOBuffer {
    source: Value,
}

impl PyPayload for PyBytesIOBuffer {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_value(&self.source, t);
    }
}

impl BufferExporter for PyBytesIOBuffer {
    fn buffer_format(&self) -> (u8, usize) {
        (b'B', 1)
    }

    fn with_buffer(&self, f: &mut dyn FnMut(&mut [u8])) {
        match self.source.downcast::<PyBytesIO>() {
            Some(b) => f(&mut b.lock().buf),
            None => f(&mut []),
        }
    }

    fn add_export(&self, delta: isize) {
        if let Some(b) = self.source.downcast::<PyBytesIO>() {
            // ORDERING: Relaxed: see `PyBytesIO::exported`.
            if delta >= 0 {
                b.exports.fetch_add(delta as usize, Ordering::Relaxed);
            } else {
                b.exports.fetch_sub(delta.unsigned_abs(), Ordering::Relaxed);
            }
        }
    }
}

/// Lets memoryview find `getbuffer()`'s exporter.
pub(crate) fn buffer_exporter(v: &Value) -> Option<&dyn BufferExporter> {
    v.downcast::<PyBytesIOBuffer>()
        .map(|b| b as &dyn BufferExporter)
}

static BYTESIO_TYPE: OnceLock<&'static PyType> = OnceLock::new();
static BUFFER_TYPE: OnceLock<&'static PyType> = OnceLock::new();

fn buffer_type(ts: &ThreadState) -> &'static PyType {
    BUFFER_TYPE.get_or_init(|| {
        vm::runtime::new_native_type::<PyBytesIOBuffer>(
            ts,
            "_io._BytesIOBuffer",
            None,
            0,
            |_, _| {},
        )
    })
}

/// The native core type.
pub(super) fn bytesio_type(ts: &ThreadState) -> &'static PyType {
    BYTESIO_TYPE.get_or_init(|| {
        vm::runtime::new_native_type::<PyBytesIO>(
            ts,
            "_io.BytesIO",
            None,
            flags::BASETYPE | flags::WEAKREFABLE,
            |ts, t| {
                let s = &t.slots;
                s.new.set(Some(bytesio_new));
                s.init.set(Some(bytesio_init));
                s.iter.set(Some(bytesio_iter));
                s.iternext.set(Some(bytesio_next));
                for (name, f) in METHODS {
                    add_method(ts, t, name, *f);
                }
                add_getset(ts, t, "closed", g_closed, None);
                t.dict().set_str(ts, "__doc__", ts.new_str(DOC));
            },
        )
    })
}

const DOC: &str = "BytesIO(initial_bytes=b'')\n--\n\n\
Buffered I/O implementation using an in-memory bytes buffer.";

type Method = vm::objects::descr::MethodFn;

const METHODS: &[(&str, Method)] = &[
    ("readable", m_true),
    ("seekable", m_true),
    ("writable", m_true),
    ("close", m_close),
    ("flush", m_flush),
    ("isatty", m_isatty),
    ("tell", m_tell),
    ("write", m_write),
    ("writelines", m_writelines),
    ("read1", m_read),
    ("readinto", m_readinto),
    ("readline", m_readline),
    ("readlines", m_readlines),
    ("read", m_read),
    ("getbuffer", m_getbuffer),
    ("getvalue", m_getvalue),
    ("seek", m_seek),
    ("truncate", m_truncate),
    ("__getstate__", m_getstate),
    ("__setstate__", m_setstate),
    ("__del__", m_del),
];

fn this<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyBytesIO> {
    v.downcast::<PyBytesIO>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a '_io.BytesIO' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn bytesio_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let st = State {
        buf: Vec::new(),
        pos: 0,
        closed: false,
    };
    vm::object::alloc(
        ts,
        cls.as_type(),
        PyBytesIO {
            state: Mutex::new(st),
            exports: AtomicUsize::new(0),
        },
    )
}

fn bytesio_init(ts: &ThreadState, s: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    let a = MethodArgs::new(args, kw);
    let [init] = a.parse::<1>(ts, "BytesIO", &["initial_bytes"], 0)?;
    let b = this(ts, s)?;
    let data = match init.filter(|v| !v.is(&none())) {
        Some(v) => Some(bytes_like(ts, &v)?),
        None => None,
    };
    let mut g = b.lock();
    if b.exported() {
        return Err(exports_error(ts));
    }
    g.buf = data.unwrap_or_default();
    g.pos = 0;
    g.closed = false;
    Ok(())
}

/// `iter(b)` is `b`, even closed (CPython's `PyObject_SelfIter`); `next` checks.
fn bytesio_iter(_ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(s.clone())
}

fn bytesio_next(ts: &ThreadState, s: &Value) -> PyResult<Option<Value>> {
    let mut g = this(ts, s)?.open(ts)?;
    let n = g.line_len(-1);
    Ok((n > 0).then(|| g.take(ts, n)))
}

fn m_true(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "readable")?;
    drop(this(ts, s)?.open(ts)?);
    Ok(py_bool(true))
}

fn m_isatty(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "isatty")?;
    drop(this(ts, s)?.open(ts)?);
    Ok(py_bool(false))
}

fn m_flush(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "flush")?;
    drop(this(ts, s)?.open(ts)?);
    Ok(none())
}

fn m_close(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "close")?;
    let b = this(ts, s)?;
    let mut g = b.lock();
    if b.exported() {
        return Err(exports_error(ts));
    }
    g.closed = true;
    g.buf = Vec::new();
    Ok(none())
}

/// Finalization: nothing to release unless a subclass overrides `close`.
fn m_del(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let b = this(ts, s)?;
    if b.lock().closed {
        return Ok(none());
    }
    let own = bytesio_type(ts).dict().get_str(ts, "close");
    if !own.is_some_and(|c| super::common::is_native(ts, s, "close", &c)) {
        protocols::call_method(ts, s, "close", &[])?;
    }
    Ok(none())
}

fn m_tell(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "tell")?;
    Ok(ts.new_usize(this(ts, s)?.open(ts)?.pos))
}

fn m_write(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [obj] = a.parse::<1>(ts, "write", &[""], 1)?;
    let b = this(ts, s)?;
    let data = bytes_like(ts, &obj.unwrap_or_else(none))?;
    Ok(ts.new_usize(b.write(ts, &data)?))
}

fn m_writelines(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [lines] = a.parse::<1>(ts, "writelines", &[""], 1)?;
    let b = this(ts, s)?;
    drop(b.open(ts)?);
    let it = protocols::get_iter(ts, &lines.unwrap_or_else(none))?;
    while let Some(item) = protocols::next(ts, &it)? {
        let data = bytes_like(ts, &item)?;
        b.write(ts, &data)?;
    }
    Ok(none())
}

fn m_read(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [size] = a.parse::<1>(ts, "read", &[""], 0)?;
    let b = this(ts, s)?;
    let size = size_arg(ts, size.as_ref())?;
    let mut g = b.open(ts)?;
    let avail = g.avail();
    let n = usize::try_from(size).map_or(avail, |n| n.min(avail));
    Ok(g.take(ts, n))
}

fn m_readline(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [size] = a.parse::<1>(ts, "readline", &[""], 0)?;
    let b = this(ts, s)?;
    let size = size_arg(ts, size.as_ref())?;
    let mut g = b.open(ts)?;
    let n = g.line_len(size);
    Ok(g.take(ts, n))
}

fn m_readlines(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [hint] = a.parse::<1>(ts, "readlines", &[""], 0)?;
    let b = this(ts, s)?;
    drop(b.open(ts)?);
    let hint = hint.unwrap_or_else(none);
    let max = if hint.is(&none()) {
        -1
    } else if as_int(&hint).is_some() {
        ssize_arg(ts, &hint)?
    } else {
        return Err(ts.type_error(format!(
            "integer argument expected, got '{}'",
            hint.class().name()
        )));
    };
    let mut g = b.open(ts)?;
    let mut out = Vec::new();
    let mut total: i64 = 0;
    loop {
        let n = g.line_len(-1);
        if n == 0 {
            break;
        }
        out.push(g.take(ts, n));
        total = total.saturating_add(n as i64);
        if max > 0 && total >= max {
            break;
        }
    }
    Ok(ts.new_list(out))
}

fn m_readinto(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [target] = a.parse::<1>(ts, "readinto", &[""], 1)?;
    let target = target.unwrap_or_else(none);
    let b = this(ts, s)?;
    drop(b.open(ts)?);
    let room = writable_len(ts, &target)?;
    let data = {
        let mut g = b.open(ts)?;
        let n = g.avail().min(room);
        if n == 0 {
            Vec::new()
        } else {
            let d = g.buf[g.pos..g.pos + n].to_vec();
            g.pos += n;
            d
        }
    };
    write_into(ts, &target, &data)?;
    Ok(ts.new_usize(data.len()))
}

/// The size of a writable buffer (`readinto`'s argument), or TypeError.
pub(super) fn writable_len(ts: &ThreadState, target: &Value) -> PyResult<usize> {
    if let Some(ba) = target.downcast::<PyByteArray>() {
        return Ok(ba.data.lock().map(|d| d.len()).unwrap_or(0));
    }
    if let Some(e) = external_exporter(target) {
        let mut n = 0;
        e.with_buffer(&mut |m| n = m.len());
        return Ok(n);
    }
    let is_view = target.class().name() == "memoryview";
    if is_view {
        let ro = protocols::get_attr_str(ts, target, "readonly")?;
        if !protocols::is_true(ts, &ro)? {
            let n = protocols::get_attr_str(ts, target, "nbytes")?;
            return Ok(usize::try_from(ssize_arg(ts, &n)?).unwrap_or(0));
        }
    }
    Err(ts.type_error(format!(
        "readinto() argument must be read-write bytes-like object, not {}",
        target.class().name()
    )))
}

/// Copies `data` to the start of a writable buffer (at most its size).
pub(super) fn write_into(ts: &ThreadState, target: &Value, data: &[u8]) -> PyResult<()> {
    if let Some(ba) = target.downcast::<PyByteArray>() {
        if let Ok(mut d) = ba.data.lock() {
            let n = d.len().min(data.len());
            d[..n].copy_from_slice(&data[..n]);
        }
        return Ok(());
    }
    if let Some(e) = external_exporter(target) {
        e.with_buffer(&mut |m| {
            let n = m.len().min(data.len());
            m[..n].copy_from_slice(&data[..n]);
        });
        return Ok(());
    }
    // A memoryview: seen as bytes, its first `len(data)` bytes are replaced.
    let view = protocols::call_method(ts, target, "cast", &[ts.new_str("B")])?;
    let stop = ts.new_usize(data.len());
    let sl = vm::objects::range::new_slice(ts, ts.new_int(0), stop, none())?;
    protocols::set_item(ts, &view, &sl, new_bytes(ts, data.to_vec()))?;
    protocols::call_method(ts, &view, "release", &[])?;
    Ok(())
}

fn m_getbuffer(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "getbuffer")?;
    drop(this(ts, s)?.open(ts)?);
    let exporter = vm::object::alloc(ts, buffer_type(ts), PyBytesIOBuffer { source: s.clone() })?;
    vm::objects::memoryview::memoryview_of(ts, &exporter)
}

fn m_getvalue(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "getvalue")?;
    let g = this(ts, s)?.open(ts)?;
    Ok(new_bytes(ts, g.buf.clone()))
}

fn m_seek(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [pos, whence] = a.parse::<2>(ts, "seek", &["", ""], 1)?;
    let b = this(ts, s)?;
    let pos = ssize_arg(ts, pos.as_ref().unwrap_or(&none()))?;
    let whence = match &whence {
        Some(w) => ssize_arg(ts, w)?,
        None => 0,
    };
    let mut g = b.open(ts)?;
    if pos < 0 && whence == 0 {
        return Err(ts.value_error(format!("negative seek value {pos}")));
    }
    let base = match whence {
        0 => 0,
        1 => g.pos as i64,
        2 => g.buf.len() as i64,
        _ => return Err(ts.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    };
    let new = base
        .checked_add(pos)
        .ok_or_else(|| ts.overflow_error("new position too large"))?;
    g.pos = usize::try_from(new.max(0)).unwrap_or(0);
    Ok(ts.new_usize(g.pos))
}

fn m_truncate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [size] = a.parse::<1>(ts, "truncate", &[""], 0)?;
    let b = this(ts, s)?;
    drop(b.resizable(ts)?);
    let size = size.filter(|v| !v.is(&none()));
    let new = match &size {
        Some(v) => {
            let n = ssize_arg(ts, v)?;
            if n < 0 {
                return Err(ts.value_error(format!("negative size value {n}")));
            }
            Some(usize::try_from(n).unwrap_or(usize::MAX))
        }
        None => None,
    };
    let mut g = b.resizable(ts)?;
    let new = new.unwrap_or(g.pos);
    if new < g.buf.len() {
        g.buf.truncate(new);
    }
    Ok(ts.new_usize(new))
}

fn m_getstate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__getstate__")?;
    let (value, pos) = {
        let g = this(ts, s)?.open(ts)?;
        (new_bytes(ts, g.buf.clone()), g.pos)
    };
    let dict = state_dict(ts, s)?;
    Ok(ts.new_tuple(vec![value, ts.new_usize(pos), dict]))
}

fn m_setstate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [state] = a.parse::<1>(ts, "__setstate__", &[""], 1)?;
    let state = state.unwrap_or_else(none);
    let b = this(ts, s)?;
    let items = match state.downcast::<PyTuple>() {
        Some(t) if t.len() >= 3 => t.as_slice().to_vec(),
        _ => {
            return Err(ts.type_error(format!(
                "{}.__setstate__ argument should be 3-tuple, got {}",
                if s.class().name() == "BytesIO" {
                    "_io.BytesIO".to_string()
                } else {
                    s.class().name().to_string()
                },
                state.class().name()
            )))
        }
    };
    if b.exported() {
        return Err(exports_error(ts));
    }
    {
        let mut g = b.lock();
        g.buf.clear();
        g.pos = 0;
    }
    let data = bytes_like(ts, &items[0])?;
    b.write(ts, &data)?;
    if as_int(&items[1]).is_none() {
        return Err(ts.type_error(format!(
            "second item of state must be an integer, not {}",
            items[1].class().name()
        )));
    }
    let pos = ssize_arg(ts, &items[1])?;
    if pos < 0 {
        return Err(ts.value_error("position value cannot be negative"));
    }
    b.lock().pos = usize::try_from(pos).unwrap_or(0);
    let dict = &items[2];
    if !dict.is(&none()) {
        if dict.downcast::<vm::objects::dict::PyDict>().is_none() {
            return Err(ts.type_error(format!(
                "third item of state should be a dict, got a {}",
                dict.class().name()
            )));
        }
        super::common::restore_dict(ts, s, dict)?;
    }
    Ok(none())
}

fn g_closed(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(py_bool(this(ts, s)?.lock().closed))
}
