//! The methods `bytes` and `bytearray` share (CPython's `Objects/bytes_methods.c` and the
//! `stringlib` templates), each returning the receiver's kind. ASCII-only semantics: case and
//! class tests look at ASCII letters, digits and whitespace only.

use super::{buffer_arg, bytes_data, data_of, is_bytearray, make_like, new_bytearray, new_bytes};
use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::{py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;

/// ASCII whitespace as `bytes.isspace()`/`split()` see it.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// First index `>= from` of `n` in `h`.
pub(super) fn find(h: &[u8], n: &[u8], from: usize) -> Option<usize> {
    if n.is_empty() {
        return (from <= h.len()).then_some(from);
    }
    if n.len() > h.len() {
        return None;
    }
    (from..=h.len() - n.len()).find(|&i| h[i..].starts_with(n))
}

fn rfind(h: &[u8], n: &[u8]) -> Option<usize> {
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len())
        .rev()
        .find(|&i| h[i..].starts_with(n))
}

fn req(v: Option<Value>) -> Value {
    v.unwrap_or_else(crate::runtime::none)
}

fn m_decode(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [enc, errors] = a.parse::<2>(ts, "decode", &["encoding", "errors"], 0)?;
    let d = data_of(ts, s)?;
    let arg = |v: Option<Value>, name: &str| -> PyResult<Option<String>> {
        match v {
            None => Ok(None),
            Some(v) => match v.downcast::<PyStr>() {
                Some(x) => Ok(Some(x.to_string_lossy())),
                None => Err(ts.type_error(format!(
                    "decode() argument '{name}' must be str, not {}",
                    v.class().name()
                ))),
            },
        }
    };
    let enc = arg(enc, "encoding")?.unwrap_or_else(|| "utf-8".into());
    let errors = arg(errors, "errors")?;
    crate::objects::str_methods::decode(ts, &d, &enc, errors.as_deref())
}

/// `hex(sep=..., bytes_per_sep=1)` of `data` (bytes, bytearray and memoryview).
pub fn hex_with_args(ts: &ThreadState, data: &[u8], a: MethodArgs<'_>) -> PyResult<Value> {
    let [sep, per] = a.parse::<2>(ts, "hex", &["sep", "bytes_per_sep"], 0)?;
    let sep = match sep {
        None => None,
        Some(v) => {
            let cps: Vec<u32> = if let Some(s) = v.downcast::<PyStr>() {
                s.to_cps()
            } else if let Some(b) = bytes_data(&v) {
                b.iter().map(|&x| x as u32).collect()
            } else {
                return Err(ts.type_error(format!(
                    "sep must be str or bytes, not {}",
                    v.class().name()
                )));
            };
            Some(crate::text::byteshex::hex_sep(&cps).map_err(|e| ts.format_error(e))?)
        }
    };
    let per = match per {
        Some(p) => protocols::index_i64(ts, &p)?,
        None => 1,
    };
    Ok(ts.new_str(&crate::text::byteshex::bytes_hex(data, sep, per)))
}

fn m_hex(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    hex_with_args(ts, &data_of(ts, s)?, a)
}

fn m_fromhex(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "fromhex", &[""], 1)?;
    let s = req(s);
    let cps: Vec<u32> = if let Some(x) = s.downcast::<PyStr>() {
        x.to_cps()
    } else if let Some(b) = bytes_data(&s) {
        b.iter().map(|&x| x as u32).collect()
    } else {
        return Err(ts.type_error(format!(
            "fromhex() argument must be str or bytes-like, not {}",
            s.class().name()
        )));
    };
    let out = crate::text::byteshex::bytes_fromhex(&cps).map_err(|e| ts.format_error(e))?;
    let ty = cls.as_type();
    let v = if ty.is_subtype(types().bytearray) {
        new_bytearray(ts, out)?
    } else {
        new_bytes(ts, out)
    };
    if ty.is(types().bytes) || ty.is(types().bytearray) {
        return Ok(v);
    }
    protocols::call(ts, cls, &[v], None)
}

fn m_join(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [it] = a.parse::<1>(ts, "join", &[""], 1)?;
    let sep = data_of(ts, s)?;
    let it = req(it);
    if protocols::get_iter(ts, &it).is_err() {
        return Err(ts.type_error("can only join an iterable"));
    }
    let items = protocols::collect(ts, &it)?;
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(bytes_data(x).ok_or_else(|| {
            ts.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                x.class().name()
            ))
        })?);
    }
    make_like(ts, s, out)
}

/// `start`/`end` adjusted like CPython's `ADJUST_INDICES`; `None` when the window is
/// empty past the end (so even an empty needle is not found).
fn window(
    ts: &ThreadState,
    start: Option<Value>,
    end: Option<Value>,
    len: usize,
) -> PyResult<Option<(usize, usize)>> {
    let get = |v: Option<Value>, default: i64| -> PyResult<i64> {
        match v {
            Some(v) if !v.is_none() => {
                let i = protocols::index_i64_clamped(ts, &v)?;
                Ok(if i < 0 { (i + len as i64).max(0) } else { i })
            }
            _ => Ok(default),
        }
    };
    let lo = get(start, 0)?;
    let hi = get(end, len as i64)?.min(len as i64);
    Ok((lo <= hi).then_some((lo as usize, hi as usize)))
}

fn affix_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    end: bool,
) -> PyResult<Value> {
    let [p, start, stop] = a.parse::<3>(ts, name, &["", "", ""], 1)?;
    let d = data_of(ts, s)?;
    let p = req(p);
    let bad = |v: &Value| {
        ts.type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            v.class().name()
        ))
    };
    let ps: Vec<Vec<u8>> = if let Some(t) = p.downcast::<PyTuple>() {
        t.as_slice()
            .iter()
            .map(|x| bytes_data(x).ok_or_else(|| bad(x)))
            .collect::<PyResult<_>>()?
    } else {
        vec![bytes_data(&p).ok_or_else(|| bad(&p))?]
    };
    let Some((lo, hi)) = window(ts, start, stop, d.len())? else {
        return Ok(py_bool(false));
    };
    let w = &d[lo..hi];
    Ok(py_bool(ps.iter().any(|x| {
        if end {
            w.ends_with(x)
        } else {
            w.starts_with(x)
        }
    })))
}

fn m_startswith(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    affix_impl(ts, s, a, "startswith", false)
}
fn m_endswith(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    affix_impl(ts, s, a, "endswith", true)
}

/// The needle of `find`/`count`/...: an int in range(256) or a bytes-like object.
fn needle(ts: &ThreadState, sub: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_data(sub) {
        return Ok(b);
    }
    if sub.is_inline_int() || sub.class().slots.index.is_set() {
        return Ok(vec![super::byte_value(
            ts,
            sub,
            "byte must be in range(0, 256)",
        )?]);
    }
    Err(ts.type_error(format!(
        "argument should be integer or bytes-like object, not '{}'",
        sub.class().name()
    )))
}

fn find_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    right: bool,
) -> PyResult<Option<usize>> {
    let [sub, start, end] = a.parse::<3>(ts, name, &["", "", ""], 1)?;
    let d = data_of(ts, s)?;
    let n = needle(ts, &req(sub))?;
    let Some((lo, hi)) = window(ts, start, end, d.len())? else {
        return Ok(None);
    };
    let w = &d[lo..hi];
    let hit = if right { rfind(w, &n) } else { find(w, &n, 0) };
    Ok(hit.map(|i| i + lo))
}

fn m_find(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(find_impl(ts, s, a, "find", false)?.map_or(-1, |i| i as i64)))
}
fn m_rfind(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(find_impl(ts, s, a, "rfind", true)?.map_or(-1, |i| i as i64)))
}
fn m_index(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    find_impl(ts, s, a, "index", false)?
        .map(|i| ts.new_usize(i))
        .ok_or_else(|| ts.value_error("subsection not found"))
}
fn m_rindex(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    find_impl(ts, s, a, "rindex", true)?
        .map(|i| ts.new_usize(i))
        .ok_or_else(|| ts.value_error("subsection not found"))
}

fn m_count(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [sub, start, end] = a.parse::<3>(ts, "count", &["", "", ""], 1)?;
    let d = data_of(ts, s)?;
    let n = needle(ts, &req(sub))?;
    let Some((lo, hi)) = window(ts, start, end, d.len())? else {
        return Ok(ts.new_int(0));
    };
    if n.is_empty() {
        return Ok(ts.new_usize(hi - lo + 1));
    }
    let w = &d[lo..hi];
    let mut c = 0;
    let mut i = 0;
    while let Some(j) = find(w, &n, i) {
        c += 1;
        i = j + n.len();
    }
    Ok(ts.new_int(c))
}

/// `translate(table, /, delete=b'')`: drop bytes in `delete`, map the rest through `table`.
fn m_translate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [table, delete] = a.parse::<2>(ts, "translate", &["", "delete"], 1)?;
    let d = data_of(ts, s)?;
    let table = match table.filter(|t| !t.is_none()) {
        None => None,
        Some(t) => {
            let t = buffer_arg(ts, &t)?;
            if t.len() != 256 {
                return Err(ts.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let del = match delete {
        None => Vec::new(),
        Some(x) => buffer_arg(ts, &x)?,
    };
    let out = d
        .iter()
        .filter(|b| !del.contains(b))
        .map(|&b| table.as_ref().map_or(b, |t| t[b as usize]))
        .collect();
    make_like(ts, s, out)
}

fn m_maketrans(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [from, to] = a.parse::<2>(ts, "maketrans", &["", ""], 2)?;
    let (f, t) = (buffer_arg(ts, &req(from))?, buffer_arg(ts, &req(to))?);
    if f.len() != t.len() {
        return Err(ts.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (x, y) in f.into_iter().zip(t) {
        table[x as usize] = y;
    }
    Ok(new_bytes(ts, table))
}

fn m_replace(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [old, new, count] = a.parse::<3>(ts, "replace", &["", "", "count"], 2)?;
    let d = data_of(ts, s)?;
    let (o, n) = (buffer_arg(ts, &req(old))?, buffer_arg(ts, &req(new))?);
    let mut left = match count {
        Some(c) => protocols::index_i64(ts, &c)?,
        None => -1,
    };
    if left < 0 {
        left = i64::MAX;
    }
    let mut out = Vec::new();
    if o.is_empty() {
        for (k, &b) in d.iter().enumerate() {
            if (k as i64) < left {
                out.extend_from_slice(&n);
            }
            out.push(b);
        }
        if (d.len() as i64) < left {
            out.extend_from_slice(&n);
        }
        return make_like(ts, s, out);
    }
    let mut i = 0;
    while left > 0 {
        let Some(j) = find(&d, &o, i) else { break };
        out.extend_from_slice(&d[i..j]);
        out.extend_from_slice(&n);
        i = j + o.len();
        left -= 1;
    }
    out.extend_from_slice(&d[i..]);
    make_like(ts, s, out)
}

fn maxsplit_arg(ts: &ThreadState, m: Option<Value>) -> PyResult<i64> {
    match m {
        Some(m) => protocols::index_i64(ts, &m),
        None => Ok(-1),
    }
}

/// `split`/`rsplit` over runs of whitespace.
fn split_ws(d: &[u8], max: i64, right: bool) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    let max = if max < 0 { usize::MAX } else { max as usize };
    if !right {
        let mut i = 0;
        while i < d.len() {
            while i < d.len() && is_space(d[i]) {
                i += 1;
            }
            if i == d.len() {
                break;
            }
            if parts.len() == max {
                let mut e = d.len();
                while e > i && is_space(d[e - 1]) {
                    e -= 1;
                }
                parts.push(d[i..e].to_vec());
                break;
            }
            let st = i;
            while i < d.len() && !is_space(d[i]) {
                i += 1;
            }
            parts.push(d[st..i].to_vec());
        }
    } else {
        let mut i = d.len();
        while i > 0 {
            while i > 0 && is_space(d[i - 1]) {
                i -= 1;
            }
            if i == 0 {
                break;
            }
            if parts.len() == max {
                let mut st = 0;
                while st < i && is_space(d[st]) {
                    st += 1;
                }
                parts.push(d[st..i].to_vec());
                break;
            }
            let e = i;
            while i > 0 && !is_space(d[i - 1]) {
                i -= 1;
            }
            parts.push(d[i..e].to_vec());
        }
        parts.reverse();
    }
    parts
}

fn split_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    right: bool,
) -> PyResult<Value> {
    let [sep, maxsplit] = a.parse::<2>(ts, name, &["sep", "maxsplit"], 0)?;
    let d = data_of(ts, s)?;
    let max = maxsplit_arg(ts, maxsplit)?;
    let parts = match sep.filter(|x| !x.is_none()) {
        None => split_ws(&d, max, right),
        Some(sep) => {
            let sp = buffer_arg(ts, &sep)?;
            if sp.is_empty() {
                return Err(ts.value_error("empty separator"));
            }
            let max = if max < 0 { usize::MAX } else { max as usize };
            let mut parts = Vec::new();
            if !right {
                let mut i = 0;
                while parts.len() < max {
                    let Some(j) = find(&d, &sp, i) else { break };
                    parts.push(d[i..j].to_vec());
                    i = j + sp.len();
                }
                parts.push(d[i..].to_vec());
            } else {
                let mut e = d.len();
                while parts.len() < max {
                    let Some(j) = rfind(&d[..e], &sp) else { break };
                    parts.push(d[j + sp.len()..e].to_vec());
                    e = j;
                }
                parts.push(d[..e].to_vec());
                parts.reverse();
            }
            parts
        }
    };
    let items: PyResult<Vec<Value>> = parts.into_iter().map(|p| make_like(ts, s, p)).collect();
    Ok(ts.new_list(items?))
}

fn m_split(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    split_impl(ts, s, a, "split", false)
}
fn m_rsplit(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    split_impl(ts, s, a, "rsplit", true)
}

fn m_splitlines(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [keep] = a.parse::<1>(ts, "splitlines", &["keepends"], 0)?;
    let keep = match keep {
        Some(k) => protocols::is_true(ts, &k)?,
        None => false,
    };
    let d = data_of(ts, s)?;
    let mut out = Vec::new();
    let mut i = 0;
    while i < d.len() {
        let st = i;
        while i < d.len() && d[i] != b'\n' && d[i] != b'\r' {
            i += 1;
        }
        let mut eol = i;
        if i < d.len() {
            i += if d[i] == b'\r' && d.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            if keep {
                eol = i;
            }
        }
        out.push(make_like(ts, s, d[st..eol].to_vec())?);
    }
    Ok(ts.new_list(out))
}

fn partition_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    right: bool,
) -> PyResult<Value> {
    let [sep] = a.parse::<1>(ts, name, &[""], 1)?;
    let d = data_of(ts, s)?;
    let sep = buffer_arg(ts, &req(sep))?;
    if sep.is_empty() {
        return Err(ts.value_error("empty separator"));
    }
    let hit = if right {
        rfind(&d, &sep)
    } else {
        find(&d, &sep, 0)
    };
    let parts = match hit {
        Some(j) => [d[..j].to_vec(), sep.clone(), d[j + sep.len()..].to_vec()],
        None if right => [Vec::new(), Vec::new(), d],
        None => [d, Vec::new(), Vec::new()],
    };
    let items: PyResult<Vec<Value>> = parts.into_iter().map(|p| make_like(ts, s, p)).collect();
    Ok(ts.new_tuple(items?))
}

fn m_partition(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    partition_impl(ts, s, a, "partition", false)
}
fn m_rpartition(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    partition_impl(ts, s, a, "rpartition", true)
}

fn strip_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    left: bool,
    right: bool,
) -> PyResult<Value> {
    let [chars] = a.parse::<1>(ts, name, &[""], 0)?;
    let d = data_of(ts, s)?;
    let set: Option<Vec<u8>> = match chars.filter(|c| !c.is_none()) {
        Some(c) => Some(buffer_arg(ts, &c)?),
        None => None,
    };
    let strip = |b: u8| set.as_ref().map_or(is_space(b), |s| s.contains(&b));
    let mut lo = 0;
    let mut hi = d.len();
    if left {
        while lo < hi && strip(d[lo]) {
            lo += 1;
        }
    }
    if right {
        while hi > lo && strip(d[hi - 1]) {
            hi -= 1;
        }
    }
    make_like(ts, s, d[lo..hi].to_vec())
}

fn m_strip(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    strip_impl(ts, s, a, "strip", true, true)
}
fn m_lstrip(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    strip_impl(ts, s, a, "lstrip", true, false)
}
fn m_rstrip(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    strip_impl(ts, s, a, "rstrip", false, true)
}

fn m_removeprefix(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "removeprefix", &[""], 1)?;
    let d = data_of(ts, s)?;
    let p = buffer_arg(ts, &req(p))?;
    let out = d.strip_prefix(p.as_slice()).unwrap_or(&d).to_vec();
    make_like(ts, s, out)
}
fn m_removesuffix(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "removesuffix", &[""], 1)?;
    let d = data_of(ts, s)?;
    let p = buffer_arg(ts, &req(p))?;
    let out = d.strip_suffix(p.as_slice()).unwrap_or(&d).to_vec();
    make_like(ts, s, out)
}

/// A byte-to-bytes mapping method (`upper`, `swapcase`, ...).
fn map_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    f: fn(&[u8]) -> Vec<u8>,
) -> PyResult<Value> {
    a.none(ts, name)?;
    make_like(ts, s, f(&data_of(ts, s)?))
}

fn capitalize(d: &[u8]) -> Vec<u8> {
    d.iter()
        .enumerate()
        .map(|(i, b)| {
            if i == 0 {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            }
        })
        .collect()
}
fn swapcase(d: &[u8]) -> Vec<u8> {
    d.iter()
        .map(|b| {
            if b.is_ascii_uppercase() {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            }
        })
        .collect()
}
fn title(d: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    d.iter()
        .map(|&b| {
            let r = if prev_cased {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            prev_cased = b.is_ascii_alphabetic();
            r
        })
        .collect()
}

fn m_upper(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    map_impl(ts, s, a, "upper", <[u8]>::to_ascii_uppercase)
}
fn m_lower(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    map_impl(ts, s, a, "lower", <[u8]>::to_ascii_lowercase)
}
fn m_capitalize(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    map_impl(ts, s, a, "capitalize", capitalize)
}
fn m_swapcase(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    map_impl(ts, s, a, "swapcase", swapcase)
}
fn m_title(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    map_impl(ts, s, a, "title", title)
}

/// A class test (`isdigit`, ...): false for empty data.
fn test_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    f: fn(&[u8]) -> bool,
) -> PyResult<Value> {
    a.none(ts, name)?;
    Ok(py_bool(f(&data_of(ts, s)?)))
}

fn all_nonempty(d: &[u8], f: fn(&u8) -> bool) -> bool {
    !d.is_empty() && d.iter().all(f)
}
fn istitle(d: &[u8]) -> bool {
    let (mut cased, mut prev_cased) = (false, false);
    for &b in d {
        if b.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

fn m_isdigit(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    test_impl(ts, s, a, "isdigit", |d| all_nonempty(d, u8::is_ascii_digit))
}
fn m_isalpha(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    test_impl(ts, s, a, "isalpha", |d| {
        all_nonempty(d, u8::is_ascii_alphabetic)
    })
}
fn m_isalnum(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    test_impl(ts, s, a, "isalnum", |d| {
        all_nonempty(d, u8::is_ascii_alphanumeric)
    })
}
fn m_isspace(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    test_impl(ts, s, a, "isspace", |d| all_nonempty(d, |b| is_space(*b)))
}
fn m_isascii(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    test_impl(ts, s, a, "isascii", |d| d.is_ascii())
}
fn m_islower(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    test_impl(ts, s, a, "islower", |d| {
        d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase)
    })
}
fn m_isupper(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    test_impl(ts, s, a, "isupper", |d| {
        d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase)
    })
}
fn m_istitle(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    test_impl(ts, s, a, "istitle", istitle)
}

/// `center`/`ljust`/`rjust(width, fillchar=b' ')`.
fn pad_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    how: u8,
) -> PyResult<Value> {
    let [w, fill] = a.parse::<2>(ts, name, &["", ""], 1)?;
    let d = data_of(ts, s)?;
    let width = protocols::index_i64(ts, &req(w))?;
    let fill = match fill {
        None => b' ',
        Some(f) => match bytes_data(&f) {
            Some(b) if b.len() == 1 => b[0],
            Some(b) => {
                let kind = if is_bytearray(&f) {
                    "bytearray"
                } else {
                    "bytes"
                };
                return Err(ts.type_error(format!(
                    "{name}(): argument 2 must be a byte string of length 1, not a {kind} object of length {}",
                    b.len()
                )));
            }
            None => {
                return Err(ts.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    f.class().name()
                )))
            }
        },
    };
    if width <= d.len() as i64 {
        return make_like(ts, s, d);
    }
    let total = width as usize - d.len();
    crate::text::check_alloc(width as usize).map_err(|e| ts.format_error(e))?;
    let left = match how {
        b'l' => 0,
        b'r' => total,
        // CPython's centering: the extra byte goes left when both width and length are odd.
        _ => total / 2 + (total & width as usize & 1),
    };
    let mut out = vec![fill; left];
    out.extend_from_slice(&d);
    out.resize(width as usize, fill);
    make_like(ts, s, out)
}

fn m_center(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    pad_impl(ts, s, a, "center", b'c')
}
fn m_ljust(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    pad_impl(ts, s, a, "ljust", b'l')
}
fn m_rjust(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    pad_impl(ts, s, a, "rjust", b'r')
}

fn m_zfill(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [w] = a.parse::<1>(ts, "zfill", &[""], 1)?;
    let d = data_of(ts, s)?;
    let width = protocols::index_i64(ts, &req(w))?;
    if width <= d.len() as i64 {
        return make_like(ts, s, d);
    }
    crate::text::check_alloc(width as usize).map_err(|e| ts.format_error(e))?;
    let fill = width as usize - d.len();
    let (sign, rest) = match d.first() {
        Some(&c) if c == b'+' || c == b'-' => (vec![c], &d[1..]),
        _ => (Vec::new(), &d[..]),
    };
    let mut out = sign;
    out.extend(std::iter::repeat_n(b'0', fill));
    out.extend_from_slice(rest);
    make_like(ts, s, out)
}

fn m_expandtabs(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [t] = a.parse::<1>(ts, "expandtabs", &["tabsize"], 0)?;
    let d = data_of(ts, s)?;
    let tab = match t {
        Some(t) => protocols::index_i64(ts, &t)?,
        None => 8,
    };
    let mut out = Vec::new();
    let mut col = 0i64;
    for &b in &d {
        match b {
            b'\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    crate::text::check_alloc(out.len() + n as usize)
                        .map_err(|e| ts.format_error(e))?;
                    out.extend(std::iter::repeat_n(b' ', n as usize));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(b);
                col = 0;
            }
            _ => {
                out.push(b);
                col += 1;
            }
        }
    }
    make_like(ts, s, out)
}

fn m_getnewargs(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let d = data_of(ts, s)?;
    Ok(ts.new_tuple(vec![new_bytes(ts, d)]))
}

fn m_bytes(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    if s.class().is(types().bytes) {
        return Ok(s.clone());
    }
    Ok(new_bytes(ts, data_of(ts, s)?))
}

pub(super) fn add_shared(ts: &ThreadState, t: &PyType) {
    use crate::objects::descr::{add_classmethod, add_method, add_staticmethod};
    let methods: &[(&str, crate::objects::descr::MethodFn)] = &[
        ("decode", m_decode),
        ("hex", m_hex),
        ("join", m_join),
        ("startswith", m_startswith),
        ("endswith", m_endswith),
        ("find", m_find),
        ("rfind", m_rfind),
        ("index", m_index),
        ("rindex", m_rindex),
        ("count", m_count),
        ("translate", m_translate),
        ("replace", m_replace),
        ("split", m_split),
        ("rsplit", m_rsplit),
        ("splitlines", m_splitlines),
        ("partition", m_partition),
        ("rpartition", m_rpartition),
        ("strip", m_strip),
        ("lstrip", m_lstrip),
        ("rstrip", m_rstrip),
        ("removeprefix", m_removeprefix),
        ("removesuffix", m_removesuffix),
        ("upper", m_upper),
        ("lower", m_lower),
        ("capitalize", m_capitalize),
        ("swapcase", m_swapcase),
        ("title", m_title),
        ("isdigit", m_isdigit),
        ("isalpha", m_isalpha),
        ("isalnum", m_isalnum),
        ("isspace", m_isspace),
        ("isascii", m_isascii),
        ("islower", m_islower),
        ("isupper", m_isupper),
        ("istitle", m_istitle),
        ("center", m_center),
        ("ljust", m_ljust),
        ("rjust", m_rjust),
        ("zfill", m_zfill),
        ("expandtabs", m_expandtabs),
    ];
    for (name, f) in methods {
        add_method(ts, t, name, *f);
    }
    add_classmethod(ts, t, "fromhex", m_fromhex);
    add_staticmethod(ts, t, "maketrans", m_maketrans);
}

pub(super) fn add_bytes_only(ts: &ThreadState, t: &PyType) {
    use crate::objects::descr::add_method;
    add_method(ts, t, "__getnewargs__", m_getnewargs);
    add_method(ts, t, "__bytes__", m_bytes);
}
