//! `_sre`: the regular-expression engine behind `re` (CPython's `Modules/_sre/`).
//!
//! `re._compiler` turns a pattern into a code list and calls `_sre.compile`; this module runs
//! that code. The matcher is [`engine`] (a port of `sre_lib.h` with an explicit backtracking
//! stack). The `Pattern`, `Match`, `SRE_Scanner` and `SRE_Template` classes are Python source
//! ([`PRELUDE`], run in the module at import) over one native entry point, `_run`, because the
//! VM has no public API yet for a stdlib module to define native types. A `Pattern` keeps its
//! code packed as bytes (`_pack`), and `_run` reads str subjects in place (O(1) indexing), so
//! a match costs no copy of the subject.

mod constants;
mod engine;

use constants::*;
use engine::{MatchResult, SreError, State};
use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::objects::bytes::{PyByteArray, PyBytes};
use vm::objects::dict::PyDict;
use vm::objects::str::PyStr;
use vm::runtime::{none, py_bool};
use vm::{protocols, PyResult, ThreadState, Value};

/// The module's initializer.
pub const init: Option<NativeInit> = Some(sre_init);

/// The Python half of the module: the object classes.
const PRELUDE: &str = include_str!("prelude.py");

fn sre_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(
        ts,
        "_sre",
        &[
            ("getcodesize", getcodesize),
            ("ascii_iscased", ascii_iscased),
            ("unicode_iscased", unicode_iscased),
            ("ascii_tolower", ascii_tolower),
            ("unicode_tolower", unicode_tolower),
            ("_pack", pack),
            ("_run", run),
        ],
    )?;
    if let Some(dd) = d.downcast::<PyDict>() {
        dd.set_str(ts, "MAGIC", ts.new_int(MAGIC));
        dd.set_str(ts, "CODESIZE", ts.new_int(CODESIZE));
        dd.set_str(ts, "MAXREPEAT", ts.new_int(MAXREPEAT as i64));
        dd.set_str(ts, "MAXGROUPS", ts.new_int(MAXGROUPS));
        dd.set_str(
            ts,
            "copyright",
            ts.new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "),
        );
    }
    crate::_random::exec_in(ts, PRELUDE, &d)?;
    Ok(m)
}

fn one_int(ts: &ThreadState, a: &MethodArgs<'_>, name: &str) -> PyResult<i64> {
    let [c] = a.parse::<1>(ts, name, &["character"], 1)?;
    protocols::index_i64(ts, &c.unwrap_or_else(none))
}

fn getcodesize(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "getcodesize")?;
    Ok(ts.new_int(CODESIZE))
}

fn ascii_iscased(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = one_int(ts, &a, "ascii_iscased")?;
    Ok(py_bool(c < 128 && (c as u8).is_ascii_alphabetic()))
}

fn unicode_iscased(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = one_int(ts, &a, "unicode_iscased")?;
    let c = u32::try_from(c).unwrap_or(u32::MAX);
    Ok(py_bool(
        c != engine::uni_lower(c) || c != engine::uni_upper(c),
    ))
}

fn ascii_tolower(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = one_int(ts, &a, "ascii_tolower")?;
    Ok(ts.new_int(if (65..=90).contains(&c) { c + 32 } else { c }))
}

fn unicode_tolower(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = one_int(ts, &a, "unicode_tolower")?;
    match u32::try_from(c) {
        Ok(u) => Ok(ts.new_int(engine::uni_lower(u) as i64)),
        Err(_) => Ok(ts.new_int(c)),
    }
}

/// `_pack(code)`: the code list as bytes (native-endian u32 words), checked once.
fn pack(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [code] = a.parse::<1>(ts, "_pack", &[""], 1)?;
    let items = protocols::collect(ts, &code.unwrap_or_else(none))?;
    let mut out = Vec::with_capacity(items.len() * 4);
    for it in items {
        let v = protocols::index_i64(ts, &it)?;
        let w = u32::try_from(v)
            .map_err(|_| ts.overflow_error("regular expression code size limit exceeded"))?;
        out.extend_from_slice(&w.to_ne_bytes());
    }
    Ok(vm::objects::bytes::new_bytes(ts, out))
}

fn unpack(b: &[u8]) -> Vec<u32> {
    b.chunks_exact(4)
        .map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

fn clamp(ts: &ThreadState, v: &Value, len: usize) -> PyResult<usize> {
    let i = protocols::index_i64_clamped(ts, v)?;
    Ok(if i < 0 {
        0
    } else {
        (i as u64).min(len as u64) as usize
    })
}

/// `_run(code, string, pos, endpos, mode, must_advance, isbytes)`: mode 0 match, 1 fullmatch,
/// 2 search. Returns None or `(start, end, lastindex, marks, pos, endpos)`.
fn run(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [code, string, pos, endpos, mode, adv, isbytes] =
        a.parse::<7>(ts, "_run", &["", "", "", "", "", "", ""], 7)?;
    let (code, string) = (code.unwrap_or_else(none), string.unwrap_or_else(none));
    let code = match code.downcast::<PyBytes>() {
        Some(b) => unpack(&b.data),
        None => return Err(ts.type_error("invalid pattern code")),
    };
    let mode = protocols::index_i64(ts, &mode.unwrap_or_else(none))?;
    let adv = protocols::is_true(ts, &adv.unwrap_or_else(none))?;
    let isbytes = protocols::is_true(ts, &isbytes.unwrap_or_else(none))?;
    let (pos, endpos) = (pos.unwrap_or_else(none), endpos.unwrap_or_else(none));
    if let Some(s) = string.downcast::<PyStr>() {
        if isbytes {
            return Err(ts.type_error("cannot use a bytes pattern on a string-like object"));
        }
        let len = s.len();
        let (p, e) = (clamp(ts, &pos, len)?, clamp(ts, &endpos, len)?);
        let st = State::new(&code, s, p, e);
        return finish(ts, st, mode, adv, p, e);
    }
    let data: Vec<u8>;
    let bytes: &[u8] = if let Some(b) = string.downcast::<PyBytes>() {
        &b.data
    } else if let Some(b) = string.downcast::<PyByteArray>() {
        data = match b.data.lock() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        };
        &data
    } else {
        return Err(ts.type_error(format!(
            "expected string or bytes-like object, got '{}'",
            string.class().name()
        )));
    };
    if !isbytes {
        return Err(ts.type_error("cannot use a string pattern on a bytes-like object"));
    }
    let len = bytes.len();
    let (p, e) = (clamp(ts, &pos, len)?, clamp(ts, &endpos, len)?);
    let st = State::new(&code, bytes, p, e);
    finish(ts, st, mode, adv, p, e)
}

fn finish<S: engine::Subject>(
    ts: &ThreadState,
    mut st: State<'_, S>,
    mode: i64,
    adv: bool,
    pos: usize,
    endpos: usize,
) -> PyResult<Value> {
    let r = match mode {
        0 => st.do_match(false, adv),
        1 => st.do_match(true, adv),
        _ => st.do_search(adv),
    };
    let r: Option<MatchResult> = r.map_err(|e| match e {
        SreError::BadCode => ts.runtime_error("internal error in regular expression engine"),
    })?;
    let Some(m) = r else {
        return Ok(none());
    };
    let marks: Vec<Value> = m.marks.iter().map(|&x| ts.new_int(x as i64)).collect();
    Ok(ts.new_tuple(vec![
        ts.new_usize(m.start),
        ts.new_usize(m.end),
        ts.new_int(m.lastindex as i64),
        ts.new_tuple(marks),
        ts.new_usize(pos),
        ts.new_usize(endpos),
    ]))
}
