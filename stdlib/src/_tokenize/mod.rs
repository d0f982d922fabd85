//! `_tokenize`: the tokenizer behind `tokenize.py` (CPython's `Python/Python-tokenize.c`).
//!
//! `TokenizerIter(readline, *, extra_tokens, encoding=None)` yields
//! `(type, string, (srow, scol), (erow, ecol), line)` tuples and raises the tokenizer's
//! `SyntaxError` (or `IndentationError`) from `__next__` after the tokens before it.
//!
//! It runs the frontend's tokenizer (the one the compiler uses), so the two agree on what
//! a token is; `convert` turns its parser-oriented stream into what `tokenize` shows.
//! Unlike CPython, the first `__next__` reads every line from `readline` before yielding
//! (the frontend tokenizes whole sources), so a readline error surfaces there.

mod convert;

use convert::{OutErr, OutTok};
use frontend::ErrorKind;
use gc::Tracer;
use std::collections::VecDeque;
use std::sync::{Mutex, OnceLock};
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::object::PyPayload;
use vm::objects::bytes::PyBytes;
use vm::objects::dict::PyDict;
use vm::objects::seq::trace_value;
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::PyType;
use vm::runtime::{none, types};
use vm::{protocols, PyErr, PyResult, ThreadState, Value};

/// A `TokenizerIter`: the readline callable and, once started, the tokens left.
pub struct PyTokenizerIter {
    readline: Value,
    encoding: Option<Value>,
    extra_tokens: bool,
    state: Mutex<State>,
}

enum State {
    NotStarted,
    Running {
        tokens: VecDeque<OutTok>,
        error: Option<OutErr>,
    },
    Done,
}

impl PyPayload for PyTokenizerIter {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.readline, t);
        if let Some(e) = &self.encoding {
            trace_value(e, t);
        }
    }
}

static TOKENIZER_ITER: OnceLock<&'static PyType> = OnceLock::new();

fn tokenizer_iter_type(ts: &ThreadState) -> &'static PyType {
    TOKENIZER_ITER.get_or_init(|| {
        vm::runtime::new_native_type::<PyTokenizerIter>(
            ts,
            "_tokenize.TokenizerIter",
            None,
            0,
            |_ts, t| {
                t.slots.new.set(Some(tokenizer_iter_new));
                t.slots.iter.set(Some(self_iter));
                t.slots.iternext.set(Some(tokenizer_iter_next));
            },
        )
    })
}

fn tokenizer_iter_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let [source, extra, encoding] = vm::builtins::args::MethodArgs::new(args, kw).parse::<3>(
        ts,
        "tokenizeriter",
        &["source", "*extra_tokens", "*encoding"],
        1,
    )?;
    let Some(readline) = source else {
        return Err(ts.type_error("tokenizeriter() missing required argument 'source' (pos 1)"));
    };
    let Some(extra) = extra else {
        return Err(
            ts.type_error("tokenizeriter() missing required keyword-only argument 'extra_tokens'")
        );
    };
    let extra_tokens = protocols::is_true(ts, &extra)?;
    let encoding = encoding.filter(|e| !e.is_none());
    vm::object::alloc(
        ts,
        cls.as_type(),
        PyTokenizerIter {
            readline,
            encoding,
            extra_tokens,
            state: Mutex::new(State::NotStarted),
        },
    )
}

fn self_iter(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

/// Reads every line from `readline` (until `''`, `b''` or StopIteration).
fn read_source(ts: &ThreadState, it: &PyTokenizerIter) -> PyResult<String> {
    let mut src = String::new();
    loop {
        let line = match protocols::call(ts, &it.readline, &[], None) {
            Ok(l) => l,
            Err(e) if e.matches(types().exc.stop_iteration) => break,
            Err(e) => return Err(e),
        };
        let line = match &it.encoding {
            Some(enc) => {
                if line.downcast::<PyBytes>().is_none() {
                    return Err(ts.type_error(format!(
                        "readline() returned a non-bytes object of type '{}'",
                        line.class().name()
                    )));
                }
                protocols::call_method(ts, &line, "decode", std::slice::from_ref(enc))?
            }
            None => line,
        };
        let Some(s) = line.downcast::<PyStr>() else {
            return Err(ts.type_error(format!(
                "readline() returned a non-string object of type '{}'",
                line.class().name()
            )));
        };
        if s.is_empty() {
            break;
        }
        src.push_str(&s.to_string_lossy());
    }
    Ok(src)
}

fn tokenizer_iter_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let Some(it) = v.downcast::<PyTokenizerIter>() else {
        return Err(ts.type_error("expected a TokenizerIter"));
    };
    let started = matches!(
        *it.state.lock().unwrap_or_else(|p| p.into_inner()),
        State::NotStarted
    );
    if started {
        // Python code runs here (readline): no lock is held.
        let res = read_source(ts, it);
        let mut g = it.state.lock().unwrap_or_else(|p| p.into_inner());
        match res {
            Ok(src) => {
                let (tokens, error) = convert::convert(&src, it.extra_tokens);
                if matches!(*g, State::NotStarted) {
                    *g = State::Running {
                        tokens: tokens.into(),
                        error,
                    };
                }
            }
            Err(e) => {
                *g = State::Done;
                return Err(e);
            }
        }
    }
    let mut g = it.state.lock().unwrap_or_else(|p| p.into_inner());
    let State::Running { tokens, error } = &mut *g else {
        return Ok(None);
    };
    if let Some(t) = tokens.pop_front() {
        drop(g);
        return Ok(Some(token_tuple(ts, t)));
    }
    let err = error.take();
    *g = State::Done;
    drop(g);
    match err {
        Some(e) => Err(exception(ts, e)),
        None => Ok(None),
    }
}

fn token_tuple(ts: &ThreadState, t: OutTok) -> Value {
    let pos = |(r, c): (u32, i64)| ts.new_tuple(vec![ts.new_int(r as i64), ts.new_int(c)]);
    ts.new_tuple(vec![
        ts.new_int(t.ty as i64),
        ts.new_str(&t.string),
        pos(t.start),
        pos(t.end),
        ts.new_str(&t.line),
    ])
}

fn exception(ts: &ThreadState, e: OutErr) -> PyErr {
    let exc = &types().exc;
    let ty = match e.kind {
        ErrorKind::IndentationError => exc.indentation_error,
        ErrorKind::TabError => exc.tab_error,
        _ => exc.syntax_error,
    };
    if e.bare {
        let err = ts.new_error_args(ty, vec![ts.new_str(&e.msg)]);
        let v = err.value().clone();
        let attrs = [
            ("filename", ts.new_str("<string>")),
            ("lineno", ts.new_int(e.lineno as i64)),
            ("offset", ts.new_int(e.offset as i64)),
            ("end_lineno", ts.new_int(e.lineno as i64)),
        ];
        for (name, x) in attrs {
            if let Err(x) = protocols::set_attr(ts, &v, &ts.intern(name), x) {
                return x;
            }
        }
        return err;
    }
    let (end_lineno, end_offset) = match e.end {
        Some((l, o)) => (ts.new_int(l as i64), ts.new_int(o as i64)),
        None => (none(), none()),
    };
    let info = ts.new_tuple(vec![
        ts.new_str("<string>"),
        ts.new_int(e.lineno as i64),
        ts.new_int(e.offset as i64),
        ts.new_str(&e.text),
        end_lineno,
        end_offset,
    ]);
    ts.new_error_args(ty, vec![ts.new_str(&e.msg), info])
}

fn tokenize_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "_tokenize", &[])?;
    let ty = tokenizer_iter_type(ts);
    if let Some(dd) = d.downcast::<PyDict>() {
        dd.set_item(ts, ts.intern("TokenizerIter"), ty.to_value())?;
    }
    Ok(m)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(tokenize_init);
