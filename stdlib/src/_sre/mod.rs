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
            ("_findall", findall),
            ("_split", split),
            ("_sub_spans", sub_spans),
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

/// A subject: a str read in place, or bytes (a bytearray is copied first).
#[derive(Clone, Copy)]
enum Subj<'a> {
    Str(&'a PyStr),
    Bytes(&'a [u8]),
}

impl engine::Subject for Subj<'_> {
    #[inline]
    fn len(&self) -> usize {
        match self {
            Subj::Str(s) => s.len(),
            Subj::Bytes(b) => b.len(),
        }
    }
    #[inline]
    fn at(&self, i: usize) -> u32 {
        match self {
            Subj::Str(s) => s.char_at(i),
            Subj::Bytes(b) => b[i] as u32,
        }
    }
}

impl Subj<'_> {
    /// `string[a:b]` as a new str or bytes.
    fn slice(&self, ts: &ThreadState, a: usize, b: usize) -> Value {
        match self {
            Subj::Str(s) => {
                let cps: Vec<u32> = (a..b).map(|i| s.char_at(i)).collect();
                ts.new_str_from_cps(&cps)
            }
            Subj::Bytes(d) => vm::objects::bytes::new_bytes(ts, d[a..b].to_vec()),
        }
    }
}

/// Runs `f` with the subject `string`, after the str/bytes pattern checks.
fn with_subject<T>(
    ts: &ThreadState,
    string: &Value,
    isbytes: bool,
    f: impl FnOnce(Subj<'_>) -> PyResult<T>,
) -> PyResult<T> {
    if let Some(s) = string.downcast::<PyStr>() {
        if isbytes {
            return Err(ts.type_error("cannot use a bytes pattern on a string-like object"));
        }
        return f(Subj::Str(s));
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
    f(Subj::Bytes(bytes))
}

fn engine_error(ts: &ThreadState, e: SreError) -> vm::PyErr {
    match e {
        SreError::BadCode => ts.runtime_error("internal error in regular expression engine"),
    }
}

fn code_of(ts: &ThreadState, code: &Value) -> PyResult<Vec<u32>> {
    match code.downcast::<PyBytes>() {
        Some(b) => Ok(unpack(&b.data)),
        None => Err(ts.type_error("invalid pattern code")),
    }
}

/// Successive non-overlapping searches (CPython's findall/split/sub loop): calls `f` on each
/// match, at most `limit` of them (0 = no limit).
fn scan(
    ts: &ThreadState,
    st: &mut State<'_, Subj<'_>>,
    pos: usize,
    limit: usize,
    mut f: impl FnMut(&MatchResult) -> PyResult<()>,
) -> PyResult<usize> {
    let (mut pos, end) = (pos, st.endpos());
    let mut adv = false;
    let mut n = 0;
    while pos <= end && (limit == 0 || n < limit) {
        st.set_pos(pos);
        let Some(m) = st.do_search(adv).map_err(|e| engine_error(ts, e))? else {
            break;
        };
        f(&m)?;
        n += 1;
        adv = m.end == m.start;
        pos = m.end;
    }
    Ok(n)
}

/// Group `g`'s span in `m` (group 0 is the match), if it matched.
fn group_span(m: &MatchResult, g: usize) -> Option<(usize, usize)> {
    if g == 0 {
        return Some((m.start, m.end));
    }
    let (a, b) = (
        *m.marks.get(2 * g - 2).unwrap_or(&-1),
        *m.marks.get(2 * g - 1).unwrap_or(&-1),
    );
    (a >= 0 && b >= 0).then_some((a as usize, b as usize))
}

/// `_findall(code, string, pos, endpos, isbytes, groups)`.
fn findall(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [code, string, pos, endpos, isbytes, groups] =
        a.parse::<6>(ts, "_findall", &["", "", "", "", "", ""], 6)?;
    let code = code_of(ts, &code.unwrap_or_else(none))?;
    let string = string.unwrap_or_else(none);
    let isbytes = protocols::is_true(ts, &isbytes.unwrap_or_else(none))?;
    let groups = protocols::index_i64(ts, &groups.unwrap_or_else(none))?.max(0) as usize;
    let (pos, endpos) = (pos.unwrap_or_else(none), endpos.unwrap_or_else(none));
    with_subject(ts, &string, isbytes, |s| {
        let len = engine::Subject::len(&s);
        let (p, e) = (clamp(ts, &pos, len)?, clamp(ts, &endpos, len)?);
        let mut out = Vec::new();
        let slice = |s: &Subj<'_>, sp: Option<(usize, usize)>| match sp {
            Some((a, b)) => s.slice(ts, a, b),
            None => s.slice(ts, 0, 0),
        };
        let subj = s;
        let mut st = State::new(&code, s, p, e);
        scan(ts, &mut st, p, 0, |m| {
            let item = match groups {
                0 => slice(&subj, group_span(m, 0)),
                1 => slice(&subj, group_span(m, 1)),
                _ => ts.new_tuple(
                    (1..=groups)
                        .map(|g| slice(&subj, group_span(m, g)))
                        .collect(),
                ),
            };
            out.push(item);
            Ok(())
        })?;
        Ok(ts.new_list(out))
    })
}

/// `_split(code, string, maxsplit, isbytes, groups)`.
fn split(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [code, string, maxsplit, isbytes, groups] =
        a.parse::<5>(ts, "_split", &["", "", "", "", ""], 5)?;
    let code = code_of(ts, &code.unwrap_or_else(none))?;
    let string = string.unwrap_or_else(none);
    let isbytes = protocols::is_true(ts, &isbytes.unwrap_or_else(none))?;
    let groups = protocols::index_i64(ts, &groups.unwrap_or_else(none))?.max(0) as usize;
    let maxsplit = protocols::index_i64(ts, &maxsplit.unwrap_or_else(none))?;
    if maxsplit < 0 {
        return Ok(ts.new_list(vec![string]));
    }
    with_subject(ts, &string, isbytes, |s| {
        let len = engine::Subject::len(&s);
        let subj = s;
        let mut st = State::new(&code, s, 0, len);
        let mut out = Vec::new();
        let mut last = 0;
        scan(ts, &mut st, 0, maxsplit as usize, |m| {
            out.push(subj.slice(ts, last, m.start));
            for g in 1..=groups {
                out.push(match group_span(m, g) {
                    Some((a, b)) => subj.slice(ts, a, b),
                    None => none(),
                });
            }
            last = m.end;
            Ok(())
        })?;
        out.push(subj.slice(ts, last, len));
        Ok(ts.new_list(out))
    })
}

/// `_sub_spans(code, string, count, isbytes)`: `[(start, end, lastindex, marks), …]` of the
/// matches `sub` replaces (the replacement itself is built in Python).
fn sub_spans(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [code, string, count, isbytes] = a.parse::<4>(ts, "_sub_spans", &["", "", "", ""], 4)?;
    let code = code_of(ts, &code.unwrap_or_else(none))?;
    let string = string.unwrap_or_else(none);
    let isbytes = protocols::is_true(ts, &isbytes.unwrap_or_else(none))?;
    let count = protocols::index_i64(ts, &count.unwrap_or_else(none))?.max(0) as usize;
    with_subject(ts, &string, isbytes, |s| {
        let len = engine::Subject::len(&s);
        let mut st = State::new(&code, s, 0, len);
        let mut out = Vec::new();
        scan(ts, &mut st, 0, count, |m| {
            out.push(result_tuple(ts, m, 0, len));
            Ok(())
        })?;
        Ok(ts.new_list(out))
    })
}

fn result_tuple(ts: &ThreadState, m: &MatchResult, pos: usize, endpos: usize) -> Value {
    let marks: Vec<Value> = m.marks.iter().map(|&x| ts.new_int(x as i64)).collect();
    ts.new_tuple(vec![
        ts.new_usize(m.start),
        ts.new_usize(m.end),
        ts.new_int(m.lastindex as i64),
        ts.new_tuple(marks),
        ts.new_usize(pos),
        ts.new_usize(endpos),
    ])
}

/// `_run(code, string, pos, endpos, mode, must_advance, isbytes)`: mode 0 match, 1 fullmatch,
/// 2 search. Returns None or `(start, end, lastindex, marks, pos, endpos)`.
fn run(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [code, string, pos, endpos, mode, adv, isbytes] =
        a.parse::<7>(ts, "_run", &["", "", "", "", "", "", ""], 7)?;
    let code = code_of(ts, &code.unwrap_or_else(none))?;
    let string = string.unwrap_or_else(none);
    let mode = protocols::index_i64(ts, &mode.unwrap_or_else(none))?;
    let adv = protocols::is_true(ts, &adv.unwrap_or_else(none))?;
    let isbytes = protocols::is_true(ts, &isbytes.unwrap_or_else(none))?;
    let (pos, endpos) = (pos.unwrap_or_else(none), endpos.unwrap_or_else(none));
    with_subject(ts, &string, isbytes, |s| {
        let len = engine::Subject::len(&s);
        let (p, e) = (clamp(ts, &pos, len)?, clamp(ts, &endpos, len)?);
        let mut st = State::new(&code, s, p, e);
        let r = match mode {
            0 => st.do_match(false, adv),
            1 => st.do_match(true, adv),
            _ => st.do_search(adv),
        };
        match r.map_err(|e| engine_error(ts, e))? {
            Some(m) => Ok(result_tuple(ts, &m, p, e)),
            None => Ok(none()),
        }
    })
}
