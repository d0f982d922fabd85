//! `_io.StringIO`: an in-memory text stream (CPython's `Modules/_io/stringio.c`).
//!
//! The text is a vector of code points plus a position, behind the object's own lock. The
//! lock is a leaf: arguments are converted (and Python code run) before it is taken, so
//! every method is atomic for other threads. Newline handling is the C version's: with
//! `newline=None` or `''` writes pass through an always-final newline decoder (translating
//! `\r\n` and `\r` to `\n` for `None`, and recording which endings were seen for
//! `newlines`); with `'\r'` or `'\r\n'` every written `\n` becomes that ending.
//!
//! The type here is the native core; `_io.StringIO` itself is a subclass of it and of
//! `_TextIOBase` (made in `mod.rs`), so the `_pyio` hierarchy and `io.py`'s ABC
//! registrations still hold. Entry point: [`stringio_type`].

use super::common::{is_native, reserve, size_arg, ssize_arg, state_dict};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use vm::builtins::args::MethodArgs;
use vm::errors::PyResult;
use vm::object::PyPayload;
use vm::objects::descr::{add_getset, add_method};
use vm::objects::int::as_int;
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::protocols;
use vm::runtime::{none, py_bool};
use vm::thread_state::ThreadState;
use vm::value::Value;

const SEEN_CR: u8 = 1;
const SEEN_LF: u8 = 2;
const SEEN_CRLF: u8 = 4;

/// The `newline` argument.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Newline {
    /// `None`: universal reading, `\r\n`/`\r` translated to `\n` on write.
    Translate,
    /// `''`: universal line splitting, nothing translated.
    Universal,
    Lf,
    Cr,
    CrLf,
}

impl Newline {
    /// The decoder's role: whether writes are scanned for endings.
    fn universal(self) -> bool {
        matches!(self, Newline::Translate | Newline::Universal)
    }

    fn readnl(self, ts: &ThreadState) -> Value {
        match self {
            Newline::Translate => none(),
            Newline::Universal => ts.new_str(""),
            Newline::Lf => ts.new_str("\n"),
            Newline::Cr => ts.new_str("\r"),
            Newline::CrLf => ts.new_str("\r\n"),
        }
    }
}

struct State {
    buf: Vec<u32>,
    pos: usize,
    closed: bool,
    /// `__init__` has run (a subclass may skip it).
    ok: bool,
    newline: Newline,
    /// `SEEN_*` bits, only kept when `newline.universal()`.
    seennl: u8,
}

/// A Python `_io.StringIO` (the native core).
pub struct PyStringIO {
    state: Mutex<State>,
}

impl PyPayload for PyStringIO {
    const GC: bool = false;
}

impl PyStringIO {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Nothing panics while the state is half-updated: ignore poisoning.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The state, checked for `__init__` and not closed.
    fn open(&self, ts: &ThreadState) -> PyResult<MutexGuard<'_, State>> {
        let g = self.lock();
        if !g.ok {
            return Err(ts.value_error("I/O operation on uninitialized object"));
        }
        if g.closed {
            return Err(ts.value_error("I/O operation on closed file"));
        }
        Ok(g)
    }
}

impl State {
    /// Writes `text` at the position (through the newline decoder and encoder).
    fn write(&mut self, ts: &ThreadState, text: &PyStr) -> PyResult<()> {
        if self.newline == Newline::Lf && self.pos == self.buf.len() {
            // The common case, appending with nothing to translate: no copy of the text.
            reserve(ts, &mut self.buf, text.len())?;
            self.buf.extend(text.cps());
            self.pos = self.buf.len();
            return Ok(());
        }
        let mut cps = text.to_cps();
        if self.newline.universal() {
            cps = self.decode_newlines(cps);
        }
        let ending: &[u32] = match self.newline {
            Newline::Cr => &[0x0d],
            Newline::CrLf => &[0x0d, 0x0a],
            _ => &[],
        };
        if !ending.is_empty() && cps.contains(&0x0a) {
            let mut out = Vec::with_capacity(cps.len() + cps.len() / 8);
            for c in cps {
                if c == 0x0a {
                    out.extend_from_slice(ending);
                } else {
                    out.push(c);
                }
            }
            cps = out;
        }
        if cps.is_empty() {
            return Ok(());
        }
        let end = self
            .pos
            .checked_add(cps.len())
            .ok_or_else(|| ts.overflow_error("new position too large"))?;
        let len = self.buf.len();
        if end > len {
            reserve(ts, &mut self.buf, end - len)?;
        }
        if self.pos > self.buf.len() {
            // Past the end: the gap is filled with NULs.
            self.buf.resize(self.pos, 0);
        }
        let overlap = (self.buf.len() - self.pos).min(cps.len());
        self.buf[self.pos..self.pos + overlap].copy_from_slice(&cps[..overlap]);
        self.buf.extend_from_slice(&cps[overlap..]);
        self.pos = end;
        Ok(())
    }

    /// CPython's IncrementalNewlineDecoder with `final=True`: records the endings seen and,
    /// for `newline=None`, translates them to `\n`.
    fn decode_newlines(&mut self, cps: Vec<u32>) -> Vec<u32> {
        let translate = self.newline == Newline::Translate;
        if !cps.iter().any(|&c| c == 0x0d || c == 0x0a) {
            return cps;
        }
        let out = super::newline_decoder::scan_newlines(&cps, translate, &mut self.seennl);
        if translate {
            out
        } else {
            cps
        }
    }

    /// The length of the next line from the position, at most `limit` (< 0: no limit).
    fn line_len(&self, limit: i64) -> usize {
        let rest = self.buf.get(self.pos..).unwrap_or(&[]);
        let n = match usize::try_from(limit) {
            Ok(l) if l < rest.len() => l,
            _ => rest.len(),
        };
        let s = &rest[..n];
        let found = match self.newline {
            Newline::Translate | Newline::Lf => s.iter().position(|&c| c == 0x0a).map(|i| i + 1),
            Newline::Cr => s.iter().position(|&c| c == 0x0d).map(|i| i + 1),
            Newline::CrLf => s.windows(2).position(|w| w == [0x0d, 0x0a]).map(|i| i + 2),
            Newline::Universal => s.iter().position(|&c| c == 0x0d || c == 0x0a).map(|i| {
                if s[i] == 0x0d && s.get(i + 1) == Some(&0x0a) {
                    i + 2
                } else {
                    i + 1
                }
            }),
        };
        found.unwrap_or(n)
    }

    /// Takes the next line (empty at the end).
    fn readline(&mut self, ts: &ThreadState, limit: i64) -> Value {
        if self.pos >= self.buf.len() {
            return ts.new_str("");
        }
        let n = self.line_len(limit);
        let v = ts.new_str_from_cps(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        v
    }

    /// What `newlines` reports (the decoder's view).
    fn newlines(&self, ts: &ThreadState) -> Value {
        if !self.newline.universal() {
            return none();
        }
        let names: Vec<&str> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
            .iter()
            .filter(|(bit, _)| self.seennl & bit != 0)
            .map(|(_, s)| *s)
            .collect();
        match names.as_slice() {
            [] => none(),
            [one] => ts.new_str(one),
            many => ts.new_tuple(many.iter().map(|s| ts.new_str(s)).collect()),
        }
    }
}

static STRINGIO_TYPE: OnceLock<&'static PyType> = OnceLock::new();
/// The native `readline`, to tell whether a subclass overrides it (`__next__`).
static NATIVE_READLINE: OnceLock<Value> = OnceLock::new();
static NATIVE_CLOSE: OnceLock<Value> = OnceLock::new();

/// The native core type.
pub(super) fn stringio_type(ts: &ThreadState) -> &'static PyType {
    STRINGIO_TYPE.get_or_init(|| {
        vm::runtime::new_native_type::<PyStringIO>(
            ts,
            "_io.StringIO",
            None,
            flags::BASETYPE | flags::WEAKREFABLE,
            |ts, t| {
                let s = &t.slots;
                s.new.set(Some(stringio_new));
                s.init.set(Some(stringio_init));
                s.iternext.set(Some(stringio_next));
                add_method(ts, t, "close", m_close);
                add_method(ts, t, "getvalue", m_getvalue);
                add_method(ts, t, "read", m_read);
                add_method(ts, t, "readline", m_readline);
                add_method(ts, t, "tell", m_tell);
                add_method(ts, t, "truncate", m_truncate);
                add_method(ts, t, "seek", m_seek);
                add_method(ts, t, "write", m_write);
                add_method(ts, t, "seekable", m_true);
                add_method(ts, t, "readable", m_true);
                add_method(ts, t, "writable", m_true);
                add_method(ts, t, "__getstate__", m_getstate);
                add_method(ts, t, "__setstate__", m_setstate);
                add_method(ts, t, "__del__", m_del);
                add_getset(ts, t, "closed", g_closed, None);
                add_getset(ts, t, "newlines", g_newlines, None);
                add_getset(ts, t, "line_buffering", g_line_buffering, None);
                t.dict().set_str(ts, "__doc__", ts.new_str(DOC));
                if let Some(d) = t.dict().get_str(ts, "readline") {
                    let _ = NATIVE_READLINE.set(d);
                }
                if let Some(d) = t.dict().get_str(ts, "close") {
                    let _ = NATIVE_CLOSE.set(d);
                }
            },
        )
    })
}

const DOC: &str = "Text I/O implementation using an in-memory buffer.\n\n\
The initial_value argument sets the value of object.  The newline\n\
argument is like the one of TextIOWrapper's constructor.";

fn this<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyStringIO> {
    v.downcast::<PyStringIO>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a '_io.StringIO' object but received a '{}'",
            v.class().name()
        ))
    })
}

/// The name CPython's messages use (`tp_name`: qualified for the C class itself).
fn c_name(v: &Value) -> String {
    let n = v.class().name();
    if n == "StringIO" {
        "_io.StringIO".to_string()
    } else {
        n.to_string()
    }
}

fn stringio_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let st = State {
        buf: Vec::new(),
        pos: 0,
        closed: false,
        ok: false,
        newline: Newline::Lf,
        seennl: 0,
    };
    vm::object::alloc(
        ts,
        cls.as_type(),
        PyStringIO {
            state: Mutex::new(st),
        },
    )
}

/// The `newline` argument, checked.
fn parse_newline(ts: &ThreadState, v: Option<&Value>) -> PyResult<Newline> {
    let Some(v) = v else { return Ok(Newline::Lf) };
    if v.is(&none()) {
        return Ok(Newline::Translate);
    }
    let Some(s) = v.downcast::<PyStr>() else {
        return Err(ts.type_error(format!(
            "newline must be str or None, not {}",
            v.class().name()
        )));
    };
    Ok(match s.to_cps().as_slice() {
        [] => Newline::Universal,
        [0x0a] => Newline::Lf,
        [0x0d] => Newline::Cr,
        [0x0d, 0x0a] => Newline::CrLf,
        _ => {
            let r = protocols::repr_string(ts, v)?;
            return Err(ts.value_error(format!("illegal newline value: {r}")));
        }
    })
}

fn stringio_init(
    ts: &ThreadState,
    s: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<()> {
    let a = MethodArgs::new(args, kw);
    let [value, newline] = a.parse::<2>(ts, "StringIO", &["initial_value", "newline"], 0)?;
    let newline = parse_newline(ts, newline.as_ref())?;
    let value = value.filter(|v| !v.is(&none()));
    if let Some(v) = &value {
        if v.downcast::<PyStr>().is_none() {
            return Err(ts.type_error(format!(
                "initial_value must be str or None, not {}",
                v.class().name()
            )));
        }
    }
    let sio = this(ts, s)?;
    let mut g = sio.lock();
    g.buf.clear();
    g.pos = 0;
    g.closed = false;
    g.newline = newline;
    g.seennl = 0;
    if let Some(text) = value.as_ref().and_then(|v| v.downcast::<PyStr>()) {
        g.write(ts, text)?;
        g.pos = 0;
    }
    g.ok = true;
    Ok(())
}

fn stringio_next(ts: &ThreadState, s: &Value) -> PyResult<Option<Value>> {
    let sio = this(ts, s)?;
    drop(sio.open(ts)?);
    let line = if NATIVE_READLINE
        .get()
        .is_some_and(|n| is_native(ts, s, "readline", n))
    {
        sio.open(ts)?.readline(ts, -1)
    } else {
        let line = protocols::call_method(ts, s, "readline", &[])?;
        if line.downcast::<PyStr>().is_none() {
            return Err(ts.type_error(format!(
                "readline() should have returned a str object, not '{}'",
                line.class().name()
            )));
        }
        line
    };
    Ok(line
        .downcast::<PyStr>()
        .is_some_and(|l| !l.is_empty())
        .then_some(line))
}

fn m_close(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "close")?;
    let mut g = this(ts, s)?.lock();
    g.closed = true;
    g.buf = Vec::new();
    Ok(none())
}

/// Finalization (CPython's `iobase_finalize`): an unchanged `close` has nothing to release,
/// an overriding one is called.
fn m_del(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let closed = this(ts, s)?.lock().closed;
    if !closed
        && !NATIVE_CLOSE
            .get()
            .is_some_and(|n| is_native(ts, s, "close", n))
    {
        protocols::call_method(ts, s, "close", &[])?;
    }
    Ok(none())
}

fn m_getvalue(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "getvalue")?;
    let g = this(ts, s)?.open(ts)?;
    Ok(ts.new_str_from_cps(&g.buf))
}

fn m_read(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [size] = a.parse::<1>(ts, "read", &[""], 0)?;
    let sio = this(ts, s)?;
    drop(sio.open(ts)?);
    let size = size_arg(ts, size.as_ref())?;
    let mut g = sio.open(ts)?;
    let avail = g.buf.len().saturating_sub(g.pos);
    let n = usize::try_from(size).map_or(avail, |n| n.min(avail));
    if n == 0 {
        return Ok(ts.new_str(""));
    }
    let v = ts.new_str_from_cps(&g.buf[g.pos..g.pos + n]);
    g.pos += n;
    Ok(v)
}

fn m_readline(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [size] = a.parse::<1>(ts, "readline", &[""], 0)?;
    let sio = this(ts, s)?;
    drop(sio.open(ts)?);
    let size = size_arg(ts, size.as_ref())?;
    Ok(sio.open(ts)?.readline(ts, size))
}

fn m_tell(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "tell")?;
    Ok(ts.new_usize(this(ts, s)?.open(ts)?.pos))
}

fn m_truncate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [size] = a.parse::<1>(ts, "truncate", &[""], 0)?;
    let sio = this(ts, s)?;
    drop(sio.open(ts)?);
    let size = size_arg(ts, size.as_ref())?;
    let mut g = sio.open(ts)?;
    let size = match size {
        -1 if a.positional().first().is_none_or(|v| v.is(&none())) => g.pos,
        n if n < 0 => return Err(ts.value_error(format!("Negative size value {n}"))),
        n => usize::try_from(n).unwrap_or(usize::MAX),
    };
    if size < g.buf.len() {
        g.buf.truncate(size);
        g.buf.shrink_to(size.max(64));
    }
    Ok(ts.new_usize(size))
}

fn m_seek(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [pos, whence] = a.parse::<2>(ts, "seek", &["", ""], 1)?;
    let sio = this(ts, s)?;
    let pos = ssize_arg(ts, pos.as_ref().unwrap_or(&none()))?;
    let whence = match &whence {
        Some(w) => ssize_arg(ts, w)?,
        None => 0,
    };
    let mut g = sio.open(ts)?;
    if !(0..=2).contains(&whence) {
        return Err(ts.value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)")));
    }
    if pos < 0 && whence == 0 {
        return Err(ts.value_error(format!("Negative seek position {pos}")));
    }
    if whence != 0 && pos != 0 {
        return Err(ts.os_error("Can't do nonzero cur-relative seeks"));
    }
    g.pos = match whence {
        0 => usize::try_from(pos).unwrap_or(0),
        1 => g.pos,
        _ => g.buf.len(),
    };
    Ok(ts.new_usize(g.pos))
}

fn m_write(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    // One positional argument (every call but an erroneous one) skips the general binder.
    let obj = match (a.args, a.kwnames) {
        ([v], None) => v.clone(),
        _ => a.parse::<1>(ts, "write", &[""], 1)?[0]
            .clone()
            .unwrap_or_else(none),
    };
    let sio = this(ts, s)?;
    let Some(text) = obj.downcast::<PyStr>() else {
        drop(sio.open(ts)?);
        return Err(ts.type_error(format!(
            "string argument expected, got '{}'",
            obj.class().name()
        )));
    };
    let mut g = sio.open(ts)?;
    if !text.is_empty() {
        g.write(ts, text)?;
    }
    Ok(ts.new_usize(text.len()))
}

fn m_true(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "readable")?;
    drop(this(ts, s)?.open(ts)?);
    Ok(py_bool(true))
}

fn m_getstate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__getstate__")?;
    let sio = this(ts, s)?;
    let (value, readnl, pos) = {
        let g = sio.open(ts)?;
        (ts.new_str_from_cps(&g.buf), g.newline.readnl(ts), g.pos)
    };
    let dict = state_dict(ts, s)?;
    Ok(ts.new_tuple(vec![value, readnl, ts.new_usize(pos), dict]))
}

fn m_setstate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [state] = a.parse::<1>(ts, "__setstate__", &[""], 1)?;
    let state = state.unwrap_or_else(none);
    let sio = this(ts, s)?;
    if sio.lock().closed {
        return Err(ts.value_error("I/O operation on closed file"));
    }
    let items = match state.downcast::<PyTuple>() {
        Some(t) if t.len() >= 4 => t.as_slice().to_vec(),
        _ => {
            return Err(ts.type_error(format!(
                "{}.__setstate__ argument should be 4-tuple, got {}",
                c_name(s),
                state.class().name()
            )))
        }
    };
    // Checked as `__init__` would, then the text is stored untranslated.
    let newline = parse_newline(ts, Some(&items[1]))?;
    if !items[0].is(&none()) && items[0].downcast::<PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "initial_value must be str or None, not {}",
            items[0].class().name()
        )));
    }
    let cps = items[0]
        .downcast::<PyStr>()
        .map(|t| t.to_cps())
        .unwrap_or_default();
    if as_int(&items[2]).is_none() {
        return Err(ts.type_error(format!(
            "third item of state must be an integer, got {}",
            items[2].class().name()
        )));
    }
    let pos = ssize_arg(ts, &items[2])?;
    if pos < 0 {
        return Err(ts.value_error("position value cannot be negative"));
    }
    let dict = &items[3];
    if !dict.is(&none()) && dict.downcast::<vm::objects::dict::PyDict>().is_none() {
        return Err(ts.type_error(format!(
            "fourth item of state should be a dict, got a {}",
            dict.class().name()
        )));
    }
    {
        let mut g = sio.lock();
        g.newline = newline;
        g.seennl = 0;
        g.buf = cps;
        g.pos = usize::try_from(pos).unwrap_or(0);
        g.closed = false;
        g.ok = true;
    }
    if !dict.is(&none()) {
        super::common::restore_dict(ts, s, dict)?;
    }
    Ok(none())
}

fn g_closed(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let g = this(ts, s)?.lock();
    if !g.ok {
        return Err(ts.value_error("I/O operation on uninitialized object"));
    }
    Ok(py_bool(g.closed))
}

fn g_newlines(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(this(ts, s)?.open(ts)?.newlines(ts))
}

fn g_line_buffering(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    drop(this(ts, s)?.open(ts)?);
    Ok(py_bool(false))
}
