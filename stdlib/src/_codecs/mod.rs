//! `_codecs`: the codec registry (`register`, `lookup`, error handlers) and the built-in
//! codecs that `codecs.py` and `encodings/*` call (`utf_8_encode`, `latin_1_decode`, …).
//!
//! Not here: the incremental/stream classes (pure Python in `codecs.py`) and `str.encode`'s
//! fast paths (the VM's own). The registry lives in this module's dict (`_search_path`,
//! `_cache`, `_error_registry`), so it is per-runtime and shared by all threads; the dicts and
//! list lock themselves. Entry point: [`init`]. Codecs are in `unicode.rs` (UTF-8/16/32,
//! ASCII, Latin-1, charmap), `escape.rs` (unicode_escape, raw_unicode_escape, escape_*), and
//! the error handlers in `errors.rs`.

mod errors;
mod escape;
mod unicode;

use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::bytes::{bytes_data, new_bytes};
use vm::objects::dict::PyDict;
use vm::objects::str::{str_lossy, PyStr};
use vm::protocols;
use vm::runtime::{none, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_module);

/// The `_codecs` module's dict (holding the registry), created on first use.
fn state(ts: &ThreadState) -> PyResult<Value> {
    let m = match ts
        .rt
        .sys_modules()
        .downcast::<PyDict>()
        .and_then(|d| d.get_str(ts, "_codecs"))
    {
        Some(m) => m,
        None => vm::import::import_module(ts, "_codecs")?,
    };
    protocols::get_attr_str(ts, &m, "__dict__")
}

fn state_item(ts: &ThreadState, name: &str) -> PyResult<Value> {
    let d = state(ts)?;
    d.downcast::<PyDict>()
        .and_then(|d| d.get_str(ts, name))
        .ok_or_else(|| ts.runtime_error(format!("_codecs registry lost its {name}")))
}

/// Argument `v` as a str's code points, or CPython's TypeError.
pub(crate) fn arg_str(ts: &ThreadState, fname: &str, v: &Value) -> PyResult<Vec<u32>> {
    match v.downcast::<PyStr>() {
        Some(s) => Ok(s.to_cps()),
        None => Err(ts.type_error(format!(
            "{fname}() argument 1 must be str, not {}",
            v.class().name()
        ))),
    }
}

/// Argument `v` as bytes (any bytes-like object), or CPython's TypeError.
pub(crate) fn arg_bytes(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_data(v) {
        return Ok(b);
    }
    if v.class().name() == "memoryview" {
        let b = protocols::call_method(ts, v, "tobytes", &[])?;
        if let Some(b) = bytes_data(&b) {
            return Ok(b);
        }
    }
    Err(ts.type_error(format!(
        "a bytes-like object is required, not '{}'",
        v.class().name()
    )))
}

/// The `errors` argument (None means "strict").
pub(crate) fn arg_errors(ts: &ThreadState, v: Option<Value>) -> PyResult<String> {
    match v {
        None => Ok("strict".into()),
        Some(v) if v.is_none() => Ok("strict".into()),
        Some(v) => match v.downcast::<PyStr>() {
            Some(s) => Ok(s.to_string_lossy()),
            None => Err(ts.type_error(format!(
                "argument 'errors' must be str or None, not {}",
                v.class().name()
            ))),
        },
    }
}

pub(crate) fn arg_bool(ts: &ThreadState, v: Option<Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => protocols::is_true(ts, &v),
    }
}

/// `(str, consumed)`.
pub(crate) fn str_pair(ts: &ThreadState, cps: &[u32], n: usize) -> Value {
    ts.new_tuple(vec![ts.new_str_from_cps(cps), ts.new_usize(n)])
}

/// `(bytes, consumed)`.
pub(crate) fn bytes_pair(ts: &ThreadState, b: Vec<u8>, n: usize) -> Value {
    ts.new_tuple(vec![new_bytes(ts, b), ts.new_usize(n)])
}

/// CPython's encoding-name normalization for the registry: lower case, spaces to underscores.
fn normalize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c == ' ' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn c_register(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [f] = a.parse::<1>(ts, "register", &[""], 1)?;
    let f = f.expect("required");
    if !protocols::is_callable(&f) {
        return Err(ts.type_error("argument must be callable"));
    }
    protocols::call_method(ts, &state_item(ts, "_search_path")?, "append", &[f])?;
    Ok(none())
}

fn c_unregister(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [f] = a.parse::<1>(ts, "unregister", &[""], 1)?;
    let f = f.expect("required");
    let path = state_item(ts, "_search_path")?;
    let items = protocols::collect(ts, &path)?;
    if let Some(i) = items.iter().position(|x| x.is(&f)) {
        protocols::call_method(ts, &path, "pop", &[ts.new_usize(i)])?;
        protocols::call_method(ts, &state_item(ts, "_cache")?, "clear", &[])?;
    }
    Ok(none())
}

/// `codecs.lookup(encoding)`: the cached or searched CodecInfo.
pub(crate) fn lookup(ts: &ThreadState, encoding: &str) -> PyResult<Value> {
    let key = ts.new_str(&normalize(encoding));
    let cache = state_item(ts, "_cache")?;
    let cd = cache
        .downcast::<PyDict>()
        .ok_or_else(|| ts.runtime_error("_codecs cache is not a dict"))?;
    if let Some(v) = cd.get_item(ts, &key)? {
        return Ok(v);
    }
    let path = state_item(ts, "_search_path")?;
    if protocols::len(ts, &path)? == 0 {
        // The interpreter imports `encodings` at startup, which registers its search function.
        vm::import::import_module(ts, "encodings")?;
    }
    for f in protocols::collect(ts, &path)? {
        let r = protocols::call(ts, &f, std::slice::from_ref(&key), None)?;
        if r.is_none() {
            continue;
        }
        let is_tuple = protocols::isinstance(ts, &r, &types().tuple.to_value())?;
        if !is_tuple || protocols::len(ts, &r)? != 4 {
            return Err(ts.type_error("codec search functions must return 4-tuples"));
        }
        cd.set_item(ts, key, r.clone())?;
        return Ok(r);
    }
    Err(ts.new_error(
        types().exc.lookup_error,
        format!("unknown encoding: {encoding}"),
    ))
}

fn c_lookup(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [e] = a.parse::<1>(ts, "lookup", &[""], 1)?;
    let e = e.expect("required");
    let name = e.downcast::<PyStr>().ok_or_else(|| {
        ts.type_error(format!(
            "lookup() argument must be str, not {}",
            e.class().name()
        ))
    })?;
    lookup(ts, &name.to_string_lossy())
}

fn c_forget_codec(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [e] = a.parse::<1>(ts, "_forget_codec", &[""], 1)?;
    let key = ts.new_str(&normalize(&str_lossy(&e.expect("required"))));
    if let Some(d) = state_item(ts, "_cache")?.downcast::<PyDict>() {
        d.del_item(ts, &key)?;
    }
    Ok(none())
}

/// `_codecs.encode` / `_codecs.decode`: look up the codec and call its encoder or decoder.
fn code(ts: &ThreadState, a: MethodArgs<'_>, fname: &str, which: usize) -> PyResult<Value> {
    let [obj, enc, errors] = a.parse::<3>(ts, fname, &["obj", "encoding", "errors"], 1)?;
    let obj = obj.expect("required");
    let enc = enc.map(|e| str_lossy(&e)).unwrap_or_else(|| "utf-8".into());
    let errors = arg_errors(ts, errors)?;
    let info = lookup(ts, &enc)?;
    let f = protocols::get_item(ts, &info, &ts.new_usize(which))?;
    let r = protocols::call(ts, &f, &[obj, ts.new_str(&errors)], None)?;
    let ok =
        protocols::isinstance(ts, &r, &types().tuple.to_value())? && protocols::len(ts, &r)? == 2;
    if !ok {
        let what = if which == 0 { "encoder" } else { "decoder" };
        return Err(ts.type_error(format!("{what} must return a tuple (object, integer)")));
    }
    protocols::get_item(ts, &r, &ts.new_int(0))
}

fn c_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    code(ts, a, "encode", 0)
}

fn c_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    code(ts, a, "decode", 1)
}

fn c_readbuffer_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, _errors] = a.parse::<2>(ts, "readbuffer_encode", &["", ""], 1)?;
    let data = data.expect("required");
    let b = match data.downcast::<PyStr>() {
        Some(s) => s.to_string_lossy().into_bytes(),
        None => arg_bytes(ts, &data)?,
    };
    let n = b.len();
    Ok(bytes_pair(ts, b, n))
}

fn init_module(ts: &ThreadState) -> PyResult<Value> {
    let mut fns: Vec<(&str, vm::objects::builtin_func::BuiltinFn)> = vec![
        ("register", c_register),
        ("unregister", c_unregister),
        ("lookup", c_lookup),
        ("_forget_codec", c_forget_codec),
        ("encode", c_encode),
        ("decode", c_decode),
        ("readbuffer_encode", c_readbuffer_encode),
    ];
    fns.extend_from_slice(errors::FUNCTIONS);
    fns.extend_from_slice(unicode::FUNCTIONS);
    fns.extend_from_slice(escape::FUNCTIONS);
    let (m, d) = new_native_module(ts, "_codecs", &fns)?;
    if let Some(dd) = d.downcast::<PyDict>() {
        dd.set_str(ts, "_search_path", ts.new_list(vec![]));
        dd.set_str(ts, "_cache", ts.new_dict());
        dd.set_str(ts, "_error_registry", ts.new_dict());
    }
    Ok(m)
}
