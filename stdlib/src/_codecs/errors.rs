//! Codec error handlers (PEP 293): `register_error`/`lookup_error`, the standard handlers as
//! Python-callable functions, and the native fast path the codecs use for them.
//!
//! A codec that meets bad input calls [`on_decode_error`] or [`on_encode_error`] with the
//! failing range; a built-in handler is applied without building an exception, a registered
//! Python handler gets a `UnicodeDecodeError`/`UnicodeEncodeError` and returns
//! `(replacement, newpos)` as in CPython's `Python/codecs.c`.

use super::{arg_errors, state_item};
use vm::builtins::args::MethodArgs;
use vm::errors::{PyErr, PyResult};
use vm::objects::builtin_func::{new_builtin, BuiltinFn};
use vm::objects::bytes::{bytes_data, new_bytes};
use vm::objects::dict::PyDict;
use vm::objects::exceptions::{new_exception, PyBaseException};
use vm::objects::str::{str_lossy, PyStr};
use vm::objects::typeobj::PyType;
use vm::protocols;
use vm::runtime::{none, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

pub(super) const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("register_error", c_register_error),
    ("lookup_error", c_lookup_error),
    ("_unregister_error", c_unregister_error),
    ("strict_errors", h_strict),
    ("ignore_errors", h_ignore),
    ("replace_errors", h_replace),
    ("backslashreplace_errors", h_backslashreplace),
    ("xmlcharrefreplace_errors", h_xmlcharrefreplace),
    ("namereplace_errors", h_namereplace),
];

/// An error handler, resolved once per codec call.
#[derive(Clone)]
pub(crate) enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
    NameReplace,
    SurrogateEscape,
    SurrogatePass,
    Custom(Value),
}

const BUILTIN: &[(&str, Handler, BuiltinFn)] = &[
    ("strict", Handler::Strict, h_strict),
    ("ignore", Handler::Ignore, h_ignore),
    ("replace", Handler::Replace, h_replace),
    (
        "backslashreplace",
        Handler::BackslashReplace,
        h_backslashreplace,
    ),
    (
        "xmlcharrefreplace",
        Handler::XmlCharRefReplace,
        h_xmlcharrefreplace,
    ),
    ("namereplace", Handler::NameReplace, h_namereplace),
    (
        "surrogateescape",
        Handler::SurrogateEscape,
        h_surrogateescape,
    ),
    ("surrogatepass", Handler::SurrogatePass, h_surrogatepass),
];

fn unknown_handler(ts: &ThreadState, name: &str) -> PyErr {
    ts.new_error(
        types().exc.lookup_error,
        format!("unknown error handler name '{name}'"),
    )
}

/// The handler registered as `name`.
pub(crate) fn handler(ts: &ThreadState, name: &str) -> PyResult<Handler> {
    if let Some((_, h, _)) = BUILTIN.iter().find(|(n, _, _)| *n == name) {
        return Ok(h.clone());
    }
    let reg = state_item(ts, "_error_registry")?;
    match reg.downcast::<PyDict>().and_then(|d| d.get_str(ts, name)) {
        Some(f) => Ok(Handler::Custom(f)),
        None => Err(unknown_handler(ts, name)),
    }
}

fn c_register_error(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [name, f] = a.parse::<2>(ts, "register_error", &["", ""], 2)?;
    let (name, f) = (name.expect("required"), f.expect("required"));
    if !protocols::is_callable(&f) {
        return Err(ts.type_error("handler must be callable"));
    }
    let reg = state_item(ts, "_error_registry")?;
    protocols::set_item(ts, &reg, &name, f)?;
    Ok(none())
}

fn c_unregister_error(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [name] = a.parse::<1>(ts, "_unregister_error", &[""], 1)?;
    let name = str_lossy(&name.expect("required"));
    if BUILTIN.iter().any(|(n, _, _)| *n == name) {
        return Err(ts.value_error(format!(
            "cannot un-register built-in error handler '{name}'"
        )));
    }
    let reg = state_item(ts, "_error_registry")?;
    let removed = match reg.downcast::<PyDict>() {
        Some(d) => d.del_item(ts, &ts.new_str(&name))?.is_some(),
        None => false,
    };
    Ok(vm::runtime::py_bool(removed))
}

fn c_lookup_error(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [name] = a.parse::<1>(ts, "lookup_error", &[""], 1)?;
    let name = arg_errors(ts, name)?;
    let reg = state_item(ts, "_error_registry")?;
    if let Some(f) = reg.downcast::<PyDict>().and_then(|d| d.get_str(ts, &name)) {
        return Ok(f);
    }
    match BUILTIN.iter().find(|(n, _, _)| *n == name) {
        Some((n, _, f)) => {
            let fname = match *n {
                "surrogateescape" | "surrogatepass" => n.to_string(),
                _ => format!("{n}_errors"),
            };
            let v = new_builtin(ts, &fname, *f);
            // Cache it so `lookup_error(x) is lookup_error(x)`, as in CPython.
            protocols::set_item(ts, &reg, &ts.new_str(&name), v.clone())?;
            Ok(v)
        }
        None => Err(unknown_handler(ts, &name)),
    }
}

fn set_attrs(ts: &ThreadState, e: &Value, attrs: [(&str, Value); 5]) {
    if let Some(x) = e.downcast::<PyBaseException>() {
        if let Some(d) = x.dict(ts).downcast::<PyDict>() {
            for (k, v) in attrs {
                d.set_str(ts, k, v);
            }
        }
    }
}

fn unicode_exc(ts: &ThreadState, ty: &PyType, args: [Value; 5]) -> Value {
    let names = ["encoding", "object", "start", "end", "reason"];
    match new_exception(ts, ty, args.to_vec()) {
        Ok(e) => {
            // The VM's exception type does not expose these attributes yet; keep them in the
            // instance dict so handlers (and `e.start`) see them.
            set_attrs(ts, &e, std::array::from_fn(|i| (names[i], args[i].clone())));
            e
        }
        Err(err) => err.into_value(),
    }
}

/// A `UnicodeDecodeError` instance.
pub(crate) fn decode_exc(
    ts: &ThreadState,
    enc: &str,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> Value {
    let args = [
        ts.new_str(enc),
        new_bytes(ts, data.to_vec()),
        ts.new_usize(start),
        ts.new_usize(end),
        ts.new_str(reason),
    ];
    unicode_exc(ts, types().exc.unicode_decode_error, args)
}

/// A `UnicodeEncodeError` instance.
pub(crate) fn encode_exc(
    ts: &ThreadState,
    enc: &str,
    cps: &[u32],
    start: usize,
    end: usize,
    reason: &str,
) -> Value {
    let args = [
        ts.new_str(enc),
        ts.new_str_from_cps(cps),
        ts.new_usize(start),
        ts.new_usize(end),
        ts.new_str(reason),
    ];
    unicode_exc(ts, types().exc.unicode_encode_error, args)
}

/// The bytes of a surrogate code point in the codec `enc` (surrogatepass), if it has a form.
fn surrogate_bytes(enc: &str, cp: u32) -> Option<Vec<u8>> {
    match enc {
        "utf-8" => Some(vec![
            0xE0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]),
        "utf-16" | "utf-16-le" => Some((cp as u16).to_le_bytes().to_vec()),
        "utf-16-be" => Some((cp as u16).to_be_bytes().to_vec()),
        "utf-32" | "utf-32-le" => Some(cp.to_le_bytes().to_vec()),
        "utf-32-be" => Some(cp.to_be_bytes().to_vec()),
        _ => None,
    }
}

/// A surrogate encoded at the start of `b` in codec `enc` (surrogatepass): (cp, length).
fn surrogate_at(enc: &str, b: &[u8]) -> Option<(u32, usize)> {
    let (cp, n) = match enc {
        "utf-8" => {
            let [x, y, z, ..] = *b else { return None };
            if x & 0xF0 != 0xE0 || y & 0xC0 != 0x80 || z & 0xC0 != 0x80 {
                return None;
            }
            (
                ((x as u32 & 0x0F) << 12) | ((y as u32 & 0x3F) << 6) | (z as u32 & 0x3F),
                3,
            )
        }
        "utf-16" | "utf-16-le" => (u16::from_le_bytes([*b.first()?, *b.get(1)?]) as u32, 2),
        "utf-16-be" => (u16::from_be_bytes([*b.first()?, *b.get(1)?]) as u32, 2),
        "utf-32" | "utf-32-le" => (u32::from_le_bytes(b.get(..4)?.try_into().ok()?), 4),
        "utf-32-be" => (u32::from_be_bytes(b.get(..4)?.try_into().ok()?), 4),
        _ => return None,
    };
    (0xD800..=0xDFFF).contains(&cp).then_some((cp, n))
}

fn push_ascii(out: &mut Vec<u32>, s: &str) {
    out.extend(s.bytes().map(u32::from));
}

fn backslash_cp(out: &mut Vec<u32>, cp: u32) {
    if cp < 0x100 {
        push_ascii(out, &format!("\\x{cp:02x}"));
    } else if cp < 0x10000 {
        push_ascii(out, &format!("\\u{cp:04x}"));
    } else {
        push_ascii(out, &format!("\\U{cp:08x}"));
    }
}

/// Converts a handler's `newpos` (may be negative) to an index into a sequence of `len`.
fn newpos(ts: &ThreadState, pos: &Value, len: usize) -> PyResult<usize> {
    let p = protocols::index_i64(ts, pos)?;
    let q = if p < 0 { p + len as i64 } else { p };
    if q < 0 || q as usize > len {
        return Err(ts.index_error(format!("position {p} from error handler out of bounds")));
    }
    Ok(q as usize)
}

/// Handles undecodable `data[start..end]`: appends the replacement to `out` and returns where
/// decoding resumes (or raises).
#[allow(clippy::too_many_arguments)]
pub(crate) fn on_decode_error(
    ts: &ThreadState,
    h: &Handler,
    enc: &str,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
    out: &mut Vec<u32>,
) -> PyResult<usize> {
    let raise = || PyErr::from_instance(decode_exc(ts, enc, data, start, end, reason));
    match h {
        Handler::Strict => Err(raise()),
        Handler::Ignore => Ok(end),
        Handler::Replace => {
            out.push(0xFFFD);
            Ok(end)
        }
        Handler::BackslashReplace => {
            for &b in &data[start..end] {
                backslash_cp(out, b as u32);
            }
            Ok(end)
        }
        Handler::SurrogateEscape => {
            let bad = &data[start..end];
            if bad.iter().any(|&b| b < 128) {
                return Err(raise());
            }
            out.extend(bad.iter().map(|&b| 0xDC00 + b as u32));
            Ok(end)
        }
        Handler::SurrogatePass => match surrogate_at(enc, &data[start..]) {
            Some((cp, n)) => {
                out.push(cp);
                Ok(start + n)
            }
            None => Err(raise()),
        },
        Handler::XmlCharRefReplace | Handler::NameReplace => {
            Err(ts.type_error("don't know how to handle UnicodeDecodeError in error callback"))
        }
        Handler::Custom(f) => {
            let exc = decode_exc(ts, enc, data, start, end, reason);
            let r = protocols::call(ts, f, &[exc], None)?;
            let parts = tuple2(
                ts,
                &r,
                "decoding error handler must return (str, int) tuple",
            )?;
            let s = parts.0.downcast::<PyStr>().ok_or_else(|| {
                ts.type_error("decoding error handler must return (str, int) tuple")
            })?;
            out.extend(s.cps());
            newpos(ts, &parts.1, data.len())
        }
    }
}

fn tuple2(ts: &ThreadState, r: &Value, msg: &str) -> PyResult<(Value, Value)> {
    let ok =
        protocols::isinstance(ts, r, &types().tuple.to_value())? && protocols::len(ts, r)? == 2;
    if !ok {
        return Err(ts.type_error(msg));
    }
    Ok((
        protocols::get_item(ts, r, &ts.new_int(0))?,
        protocols::get_item(ts, r, &ts.new_int(1))?,
    ))
}

/// What an encode error handler produced.
pub(crate) enum Replacement {
    /// Text, to be encoded by the codec (it must be encodable).
    Text(Vec<u32>),
    /// Bytes, copied to the output as they are.
    Bytes(Vec<u8>),
}

/// The replacement text of a built-in handler for `cps[start..end]` (None: not applicable).
fn text_replacement(h: &Handler, cps: &[u32]) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    match h {
        Handler::Ignore => {}
        Handler::Replace => out.extend(cps.iter().map(|_| u32::from(b'?'))),
        Handler::BackslashReplace => cps.iter().for_each(|&c| backslash_cp(&mut out, c)),
        Handler::XmlCharRefReplace => cps
            .iter()
            .for_each(|&c| push_ascii(&mut out, &format!("&#{c};"))),
        Handler::NameReplace => {
            for &c in cps {
                match vm::unicode::names::name(c) {
                    Some(n) => push_ascii(&mut out, &format!("\\N{{{n}}}")),
                    None => backslash_cp(&mut out, c),
                }
            }
        }
        _ => return None,
    }
    Some(out)
}

/// Handles unencodable `cps[start..end]`: returns the replacement and where encoding resumes.
pub(crate) fn on_encode_error(
    ts: &ThreadState,
    h: &Handler,
    enc: &str,
    cps: &[u32],
    start: usize,
    end: usize,
    reason: &str,
) -> PyResult<(Replacement, usize)> {
    let raise = || PyErr::from_instance(encode_exc(ts, enc, cps, start, end, reason));
    let bad = &cps[start..end];
    if let Some(t) = text_replacement(h, bad) {
        return Ok((Replacement::Text(t), end));
    }
    match h {
        Handler::SurrogateEscape => {
            if bad.iter().any(|c| !(0xDC80..=0xDCFF).contains(c)) {
                return Err(raise());
            }
            let b = bad.iter().map(|c| (c - 0xDC00) as u8).collect();
            Ok((Replacement::Bytes(b), end))
        }
        Handler::SurrogatePass => {
            let mut b = Vec::new();
            for &c in bad {
                if !(0xD800..=0xDFFF).contains(&c) {
                    return Err(raise());
                }
                b.extend(surrogate_bytes(enc, c).ok_or_else(raise)?);
            }
            Ok((Replacement::Bytes(b), end))
        }
        Handler::Custom(f) => {
            let exc = encode_exc(ts, enc, cps, start, end, reason);
            let r = protocols::call(ts, f, &[exc], None)?;
            let msg = "encoding error handler must return (str/bytes, int) tuple";
            let (rep, pos) = tuple2(ts, &r, msg)?;
            let pos = newpos(ts, &pos, cps.len())?;
            if let Some(s) = rep.downcast::<PyStr>() {
                return Ok((Replacement::Text(s.to_cps()), pos));
            }
            match bytes_data(&rep) {
                Some(b) if rep.class().is(types().bytes) => Ok((Replacement::Bytes(b), pos)),
                _ => Err(ts.type_error(msg)),
            }
        }
        _ => Err(raise()),
    }
}

// --- the handlers as Python functions (what `lookup_error` returns) ---

/// The exception a handler function was given, with its range.
struct ExcView {
    exc: Value,
    kind: ExcKind,
    start: usize,
    end: usize,
}

#[derive(PartialEq)]
enum ExcKind {
    Encode,
    Decode,
    Translate,
}

fn exc_view(ts: &ThreadState, a: &MethodArgs<'_>, fname: &str) -> PyResult<ExcView> {
    let [e] = a.parse::<1>(ts, fname, &[""], 1)?;
    let exc = e.expect("required");
    let t = &types().exc;
    let kind = if exc.class().is_subtype(t.unicode_encode_error) {
        ExcKind::Encode
    } else if exc.class().is_subtype(t.unicode_decode_error) {
        ExcKind::Decode
    } else if exc.class().is_subtype(t.unicode_translate_error) {
        ExcKind::Translate
    } else {
        return Err(ts.type_error(format!(
            "don't know how to handle {} in error callback",
            exc.class().name()
        )));
    };
    let start = protocols::index_i64(ts, &protocols::get_attr_str(ts, &exc, "start")?)?;
    let end = protocols::index_i64(ts, &protocols::get_attr_str(ts, &exc, "end")?)?;
    Ok(ExcView {
        exc,
        kind,
        start: start.max(0) as usize,
        end: end.max(start).max(0) as usize,
    })
}

fn unsupported(ts: &ThreadState, v: &ExcView) -> PyErr {
    ts.type_error(format!(
        "don't know how to handle {} in error callback",
        v.exc.class().name()
    ))
}

fn object_cps(ts: &ThreadState, v: &ExcView) -> PyResult<Vec<u32>> {
    let o = protocols::get_attr_str(ts, &v.exc, "object")?;
    let s = o
        .downcast::<PyStr>()
        .ok_or_else(|| ts.type_error("object attribute must be unicode"))?;
    let cps = s.to_cps();
    let end = v.end.min(cps.len());
    Ok(cps[v.start.min(end)..end].to_vec())
}

fn object_bytes(ts: &ThreadState, v: &ExcView) -> PyResult<Vec<u8>> {
    let o = protocols::get_attr_str(ts, &v.exc, "object")?;
    let b = bytes_data(&o).ok_or_else(|| ts.type_error("object attribute must be bytes"))?;
    let end = v.end.min(b.len());
    Ok(b[v.start.min(end)..end].to_vec())
}

fn result_text(ts: &ThreadState, cps: &[u32], end: usize) -> Value {
    ts.new_tuple(vec![ts.new_str_from_cps(cps), ts.new_usize(end)])
}

/// Applies a text-producing built-in handler to the exception in `a`.
fn text_handler(ts: &ThreadState, a: MethodArgs<'_>, h: Handler, fname: &str) -> PyResult<Value> {
    let v = exc_view(ts, &a, fname)?;
    match v.kind {
        ExcKind::Decode => {
            let bad = object_bytes(ts, &v)?;
            let mut out = Vec::new();
            match h {
                Handler::Ignore => {}
                Handler::Replace => out.push(0xFFFD),
                Handler::BackslashReplace => {
                    bad.iter().for_each(|&b| backslash_cp(&mut out, b as u32))
                }
                _ => return Err(unsupported(ts, &v)),
            }
            Ok(result_text(ts, &out, v.end))
        }
        ExcKind::Translate if matches!(h, Handler::Replace) => {
            let n = object_cps(ts, &v)?.len();
            Ok(result_text(ts, &vec![0xFFFD; n], v.end))
        }
        ExcKind::Translate if matches!(h, Handler::XmlCharRefReplace | Handler::NameReplace) => {
            Err(unsupported(ts, &v))
        }
        _ => {
            let bad = object_cps(ts, &v)?;
            let out = text_replacement(&h, &bad).ok_or_else(|| unsupported(ts, &v))?;
            Ok(result_text(ts, &out, v.end))
        }
    }
}

fn h_strict(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [e] = a.parse::<1>(ts, "strict_errors", &[""], 1)?;
    let e = e.expect("required");
    if e.class().is_subtype(types().exc.base_exception) {
        return Err(PyErr::from_instance(e));
    }
    Err(ts.type_error("codec must pass exception instance"))
}

fn h_ignore(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    text_handler(ts, a, Handler::Ignore, "ignore_errors")
}
fn h_replace(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    text_handler(ts, a, Handler::Replace, "replace_errors")
}
fn h_backslashreplace(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    text_handler(ts, a, Handler::BackslashReplace, "backslashreplace_errors")
}
fn h_xmlcharrefreplace(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    text_handler(
        ts,
        a,
        Handler::XmlCharRefReplace,
        "xmlcharrefreplace_errors",
    )
}
fn h_namereplace(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    text_handler(ts, a, Handler::NameReplace, "namereplace_errors")
}

fn exc_encoding(ts: &ThreadState, v: &ExcView) -> PyResult<String> {
    let e = protocols::get_attr_str(ts, &v.exc, "encoding")?;
    Ok(str_lossy(&e).to_ascii_lowercase().replace('_', "-"))
}

fn h_surrogateescape(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = exc_view(ts, &a, "surrogateescape")?;
    match v.kind {
        ExcKind::Decode => {
            let bad = object_bytes(ts, &v)?;
            let n = bad.len().min(4);
            if n == 0 || bad[..n].iter().any(|&b| b < 128) {
                return Err(PyErr::from_instance(v.exc));
            }
            let cps: Vec<u32> = bad[..n].iter().map(|&b| 0xDC00 + b as u32).collect();
            Ok(result_text(ts, &cps, v.start + n))
        }
        ExcKind::Encode => {
            let bad = object_cps(ts, &v)?;
            if bad.iter().any(|c| !(0xDC80..=0xDCFF).contains(c)) {
                return Err(PyErr::from_instance(v.exc));
            }
            let b: Vec<u8> = bad.iter().map(|c| (c - 0xDC00) as u8).collect();
            Ok(ts.new_tuple(vec![new_bytes(ts, b), ts.new_usize(v.end)]))
        }
        ExcKind::Translate => Err(unsupported(ts, &v)),
    }
}

fn h_surrogatepass(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = exc_view(ts, &a, "surrogatepass")?;
    let enc = exc_encoding(ts, &v)?;
    let enc = if enc == "utf8" {
        "utf-8".to_string()
    } else {
        enc
    };
    match v.kind {
        ExcKind::Decode => {
            let o = protocols::get_attr_str(ts, &v.exc, "object")?;
            let b = bytes_data(&o).unwrap_or_default();
            match surrogate_at(&enc, b.get(v.start..).unwrap_or(&[])) {
                Some((cp, n)) => Ok(result_text(ts, &[cp], v.start + n)),
                None => Err(PyErr::from_instance(v.exc)),
            }
        }
        ExcKind::Encode => {
            let mut out = Vec::new();
            for c in object_cps(ts, &v)? {
                let b = (0xD800..=0xDFFF)
                    .contains(&c)
                    .then(|| surrogate_bytes(&enc, c))
                    .flatten();
                match b {
                    Some(b) => out.extend(b),
                    None => return Err(PyErr::from_instance(v.exc)),
                }
            }
            Ok(ts.new_tuple(vec![new_bytes(ts, out), ts.new_usize(v.end)]))
        }
        ExcKind::Translate => Err(unsupported(ts, &v)),
    }
}
