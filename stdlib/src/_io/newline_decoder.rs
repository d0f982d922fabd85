//! `_io.IncrementalNewlineDecoder` (CPython's `Modules/_io/textio.c`): wraps an incremental
//! decoder (or none: the input is already text), translates `\r\n` and `\r` to `\n` when
//! asked, records which endings were seen (`newlines`), and holds back a trailing `\r` until
//! the next call so that `\r\n` is never split between two results.
//!
//! `_pyio.TextIOWrapper` looks the class up by name when it builds its decoder, so text files
//! opened in universal-newlines mode use this one. The state lives behind a leaf lock;
//! the wrapped decoder is called with no lock held.

use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use vm::builtins::args::MethodArgs;
use vm::errors::PyResult;
use vm::object::PyPayload;
use vm::objects::descr::{add_getset, add_method};
use vm::objects::seq::trace_value;
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::protocols;
use vm::runtime::{none, py_bool};
use vm::thread_state::ThreadState;
use vm::value::Value;

const SEEN_LF: u8 = 1;
const SEEN_CR: u8 = 2;
const SEEN_CRLF: u8 = 4;

struct State {
    /// `None` until `__init__` ran.
    decoder: Option<Value>,
    translate: bool,
    errors: Value,
    seennl: u8,
    pendingcr: bool,
    ok: bool,
}

/// A Python `_io.IncrementalNewlineDecoder`.
pub struct PyNewlineDecoder {
    st: Mutex<State>,
}

impl PyPayload for PyNewlineDecoder {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        if let Ok(g) = self.st.try_lock() {
            if let Some(d) = &g.decoder {
                trace_value(d, t);
            }
            trace_value(&g.errors, t);
        }
    }
    fn clear(&self) {
        let old = self.st.lock().ok().and_then(|mut g| g.decoder.take());
        drop(old);
    }
}

impl PyNewlineDecoder {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Plain fields, consistent at every step: ignore poisoning.
        self.st.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The wrapped decoder (`None` = pass-through), or ValueError before `__init__`.
    fn inner(&self, ts: &ThreadState) -> PyResult<Value> {
        let g = self.lock();
        if !g.ok {
            return Err(ts.value_error("IncrementalNewlineDecoder.__init__() not called"));
        }
        Ok(g.decoder.clone().unwrap_or_else(none))
    }
}

static TYPE: OnceLock<&'static PyType> = OnceLock::new();

pub(super) fn decoder_type(ts: &ThreadState) -> &'static PyType {
    TYPE.get_or_init(|| {
        vm::runtime::new_native_type::<PyNewlineDecoder>(
            ts,
            "_io.IncrementalNewlineDecoder",
            None,
            flags::BASETYPE,
            |ts, t| {
                t.slots.new.set(Some(decoder_new));
                t.slots.init.set(Some(decoder_init));
                add_method(ts, t, "decode", m_decode);
                add_method(ts, t, "getstate", m_getstate);
                add_method(ts, t, "setstate", m_setstate);
                add_method(ts, t, "reset", m_reset);
                add_getset(ts, t, "newlines", g_newlines, None);
                t.dict().set_str(ts, "__doc__", ts.new_str(DOC));
            },
        )
    })
}

const DOC: &str = "IncrementalNewlineDecoder(decoder, translate, errors='strict')\n--\n\n\
Codec used when reading a file in universal newlines mode.\n\n\
It wraps another incremental decoder, translating \\r\\n and \\r into \\n.\n\
It also records the types of newlines encountered.  When used with\n\
translate=False, it ensures that the newline sequence is returned in\n\
one piece. When used with decoder=None, it expects unicode strings as\n\
decode input and translates newlines without first invoking an external\n\
decoder.";

fn this<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyNewlineDecoder> {
    v.downcast::<PyNewlineDecoder>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a '_io.IncrementalNewlineDecoder' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn decoder_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let st = State {
        decoder: None,
        translate: false,
        errors: none(),
        seennl: 0,
        pendingcr: false,
        ok: false,
    };
    vm::object::alloc(ts, cls.as_type(), PyNewlineDecoder { st: Mutex::new(st) })
}

fn decoder_init(ts: &ThreadState, s: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    let a = MethodArgs::new(args, kw);
    let [decoder, translate, errors] = a.parse::<3>(
        ts,
        "IncrementalNewlineDecoder",
        &["decoder", "translate", "errors"],
        2,
    )?;
    let translate = protocols::is_true(ts, &translate.unwrap_or_else(none))?;
    let decoder = decoder.filter(|d| !d.is_none());
    let errors = errors.unwrap_or_else(|| ts.new_str("strict"));
    let d = this(ts, s)?;
    let mut g = d.lock();
    g.decoder = decoder;
    g.translate = translate;
    g.errors = errors;
    g.seennl = 0;
    g.pendingcr = false;
    g.ok = true;
    Ok(())
}

fn m_decode(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [input, fin] = a.parse::<2>(ts, "decode", &["input", "final"], 1)?;
    let input = input.unwrap_or_else(none);
    let fin = match fin {
        Some(f) => protocols::is_true(ts, &f)?,
        None => false,
    };
    let d = this(ts, s)?;
    let inner = d.inner(ts)?;
    let output = if inner.is_none() {
        input
    } else {
        let kw = ts.new_tuple(vec![ts.new_str("final")]);
        let kwt = kw.downcast::<PyTuple>();
        let f = protocols::get_attr_str(ts, &inner, "decode")?;
        protocols::call(ts, &f, &[input, py_bool(fin)], kwt)?
    };
    let Some(text) = output.downcast::<PyStr>() else {
        return Err(ts.type_error(format!(
            "decoder should return a string result, not '{}'",
            output.class().name()
        )));
    };
    let mut cps = text.to_cps();
    let mut g = d.lock();
    if g.pendingcr && (fin || !cps.is_empty()) {
        cps.insert(0, 0x0d);
        g.pendingcr = false;
    }
    if !fin && cps.last() == Some(&0x0d) {
        cps.pop();
        g.pendingcr = true;
    }
    let translate = g.translate;
    let out = scan_newlines(&cps, translate, &mut g.seennl);
    drop(g);
    Ok(ts.new_str_from_cps(if translate { &out } else { &cps }))
}

fn m_getstate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "getstate")?;
    let d = this(ts, s)?;
    let inner = d.inner(ts)?;
    let (buf, flag) = if inner.is_none() {
        (vm::objects::bytes::new_bytes(ts, Vec::new()), 0i64)
    } else {
        let st = protocols::call_method(ts, &inner, "getstate", &[])?;
        let pair = st
            .downcast::<PyTuple>()
            .filter(|t| t.len() == 2)
            .map(|t| t.as_slice().to_vec());
        let Some(pair) = pair else {
            return Err(ts.type_error("illegal decoder state"));
        };
        let flag = protocols::index_i64(ts, &pair[1])
            .map_err(|_| ts.type_error("illegal decoder state"))?;
        (pair[0].clone(), flag)
    };
    let pending = d.lock().pendingcr;
    let flag = flag
        .checked_mul(2)
        .ok_or_else(|| ts.overflow_error("decoder state too large"))?
        | i64::from(pending);
    Ok(ts.new_tuple(vec![buf, ts.new_int(flag)]))
}

fn m_setstate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [state] = a.parse::<1>(ts, "setstate", &[""], 1)?;
    let state = state.unwrap_or_else(none);
    let d = this(ts, s)?;
    let inner = d.inner(ts)?;
    let pair = state
        .downcast::<PyTuple>()
        .map(|t| t.as_slice().to_vec())
        .ok_or_else(|| ts.type_error("state argument must be a tuple"))?;
    if pair.len() != 2 {
        return Err(ts.type_error("setstate(): illegal state argument"));
    }
    let flag = protocols::index_i64(ts, &pair[1])?;
    d.lock().pendingcr = flag & 1 != 0;
    if !inner.is_none() {
        let st = ts.new_tuple(vec![pair[0].clone(), ts.new_int(flag >> 1)]);
        protocols::call_method(ts, &inner, "setstate", &[st])?;
    }
    Ok(none())
}

fn m_reset(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "reset")?;
    let d = this(ts, s)?;
    let inner = d.inner(ts)?;
    {
        let mut g = d.lock();
        g.seennl = 0;
        g.pendingcr = false;
    }
    if !inner.is_none() {
        protocols::call_method(ts, &inner, "reset", &[])?;
    }
    Ok(none())
}

fn g_newlines(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let d = this(ts, s)?;
    d.inner(ts)?;
    let seen = d.lock().seennl;
    let names: Vec<&str> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
        .iter()
        .filter(|(bit, _)| seen & bit != 0)
        .map(|(_, n)| *n)
        .collect();
    Ok(match names.as_slice() {
        [] => none(),
        [one] => ts.new_str(one),
        many => ts.new_tuple(many.iter().map(|n| ts.new_str(n)).collect()),
    })
}

/// Records in `seennl` which line endings `cps` holds and, when `translate`, returns the text
/// with `\r\n` and `\r` turned into `\n` (empty otherwise). Shared by the decoder and
/// StringIO, which decodes as CPython's decoder does with `final=True`.
pub(super) fn scan_newlines(cps: &[u32], translate: bool, seennl: &mut u8) -> Vec<u32> {
    let mut out = Vec::with_capacity(if translate { cps.len() } else { 0 });
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        if c == 0x0d {
            if cps.get(i + 1) == Some(&0x0a) {
                *seennl |= SEEN_CRLF;
                i += 1;
            } else {
                *seennl |= SEEN_CR;
            }
            if translate {
                out.push(0x0a);
            }
        } else {
            if c == 0x0a {
                *seennl |= SEEN_LF;
            }
            if translate {
                out.push(c);
            }
        }
        i += 1;
    }
    out
}
