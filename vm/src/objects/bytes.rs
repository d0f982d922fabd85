//! `bytes` and `bytearray` (the common subset of their methods).

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::seq;
use crate::objects::slots::{BinOp, CmpOp};
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{none, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::sync::Mutex;

pub struct PyBytes {
    pub data: Box<[u8]>,
}

impl PyPayload for PyBytes {
    const GC: bool = false;
}

/// `bytearray`: the buffer sits behind a leaf lock that is never held across Python code.
pub struct PyByteArray {
    pub data: Mutex<Vec<u8>>,
}

impl PyPayload for PyByteArray {
    const GC: bool = false;
}

pub fn new_bytes(ts: &ThreadState, data: Vec<u8>) -> Value {
    match crate::object::alloc(
        ts,
        types().bytes,
        PyBytes {
            data: data.into_boxed_slice(),
        },
    ) {
        Ok(v) => v,
        Err(_) => std::process::abort(),
    }
}

pub fn new_bytearray(ts: &ThreadState, data: Vec<u8>) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        types().bytearray,
        PyByteArray {
            data: Mutex::new(data),
        },
    )
}

/// The bytes of a bytes-like object (copied).
pub fn bytes_data(v: &Value) -> Option<Vec<u8>> {
    if let Some(b) = v.downcast::<PyBytes>() {
        return Some(b.data.to_vec());
    }
    if let Some(b) = v.downcast::<PyByteArray>() {
        return b.data.lock().ok().map(|d| d.clone());
    }
    None
}

/// `bytes(x)` for a bytes-like object or an iterable of ints.
pub fn bytes_from_object(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_data(v) {
        return Ok(b);
    }
    if v.downcast::<PyStr>().is_some() {
        return Err(ts.type_error("cannot convert 'str' object to bytes"));
    }
    let mut out = Vec::new();
    for x in protocols::collect(ts, v).map_err(|_| {
        ts.type_error(format!(
            "cannot convert '{}' object to bytes",
            v.class().name()
        ))
    })? {
        let i = protocols::index_i64(ts, &x)?;
        if !(0..256).contains(&i) {
            return Err(ts.value_error("bytes must be in range(0, 256)"));
        }
        out.push(i as u8);
    }
    Ok(out)
}

/// `repr()` of bytes: `b'...'`.
pub fn bytes_repr_str(data: &[u8], prefix: &str) -> String {
    let has_sq = data.contains(&b'\'');
    let has_dq = data.contains(&b'"');
    let q = if has_sq && !has_dq { '"' } else { '\'' };
    let mut s = String::from(prefix);
    s.push(q);
    for &b in data {
        match b {
            b'\\' => s.push_str("\\\\"),
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            _ if b as char == q => {
                s.push('\\');
                s.push(q);
            }
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\x{b:02x}")),
        }
    }
    s.push(q);
    s
}

fn data_of(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    bytes_data(v).ok_or_else(|| ts.type_error("expected bytes"))
}

fn is_bytearray(v: &Value) -> bool {
    v.downcast::<PyByteArray>().is_some()
}

fn make_like(ts: &ThreadState, like: &Value, data: Vec<u8>) -> PyResult<Value> {
    if is_bytearray(like) {
        new_bytearray(ts, data)
    } else {
        Ok(new_bytes(ts, data))
    }
}

fn bytes_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let d = data_of(ts, v)?;
    if is_bytearray(v) {
        return Ok(ts.new_str(&format!("bytearray({})", bytes_repr_str(&d, "b"))));
    }
    Ok(ts.new_str(&bytes_repr_str(&d, "b")))
}

fn bytes_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    Ok(data_of(ts, v)?.len())
}

fn bytes_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let d = data_of(ts, v)?;
    if d.is_empty() {
        return Ok(0);
    }
    let h = crate::objects::str::siphash13(0, 0, &d) as i64;
    Ok(if h == -1 { -2 } else { h })
}

fn bytes_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let d = data_of(ts, v)?;
    let what = if is_bytearray(v) {
        "bytearray"
    } else {
        "index"
    };
    match seq::index_or_slice(ts, key, d.len(), what)? {
        seq::Index::One(i) => Ok(ts.new_int(d[i] as i64)),
        seq::Index::Slice(r) => make_like(ts, v, r.indices().map(|i| d[i]).collect()),
    }
}

fn bytearray_setitem(ts: &ThreadState, v: &Value, key: &Value, val: Option<Value>) -> PyResult<()> {
    let b = v
        .downcast::<PyByteArray>()
        .ok_or_else(|| ts.type_error("bytearray"))?;
    let len = b.data.lock().map(|d| d.len()).unwrap_or(0);
    match (seq::index_or_slice(ts, key, len, "bytearray")?, val) {
        (seq::Index::One(i), Some(x)) => {
            let n = protocols::index_i64(ts, &x)?;
            if !(0..256).contains(&n) {
                return Err(ts.value_error("byte must be in range(0, 256)"));
            }
            if let Ok(mut d) = b.data.lock() {
                if i < d.len() {
                    d[i] = n as u8;
                }
            }
            Ok(())
        }
        (seq::Index::One(i), None) => {
            if let Ok(mut d) = b.data.lock() {
                if i < d.len() {
                    d.remove(i);
                }
            }
            Ok(())
        }
        (seq::Index::Slice(r), val) => {
            let new = match val {
                Some(x) => Some(bytes_from_object(ts, &x)?),
                None => None,
            };
            if let Ok(mut d) = b.data.lock() {
                if r.step == 1 {
                    let start = (r.start.max(0) as usize).min(d.len());
                    let end = (start + r.len).min(d.len());
                    d.splice(start..end, new.unwrap_or_default());
                } else {
                    let mut idx: Vec<usize> = r.indices().collect();
                    match new {
                        None => {
                            idx.sort_unstable();
                            for &i in idx.iter().rev() {
                                if i < d.len() {
                                    d.remove(i);
                                }
                            }
                        }
                        Some(n) => {
                            for (i, x) in idx.into_iter().zip(n) {
                                if i < d.len() {
                                    d[i] = x;
                                }
                            }
                        }
                    }
                }
            }
            Ok(())
        }
    }
}

fn bytes_contains(ts: &ThreadState, v: &Value, x: &Value) -> PyResult<bool> {
    let d = data_of(ts, v)?;
    if let Some(i) = crate::objects::int::as_i64(x) {
        if !(0..256).contains(&i) {
            return Err(ts.value_error("byte must be in range(0, 256)"));
        }
        return Ok(d.contains(&(i as u8)));
    }
    let n = bytes_data(x).ok_or_else(|| {
        ts.type_error(format!(
            "a bytes-like object is required, not '{}'",
            x.class().name()
        ))
    })?;
    Ok(find(&d, &n, 0).is_some())
}

fn find(h: &[u8], n: &[u8], from: usize) -> Option<usize> {
    if n.is_empty() {
        return (from <= h.len()).then_some(from);
    }
    (from..=h.len().saturating_sub(n.len())).find(|&i| h[i..].starts_with(n))
}

fn bytes_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    crate::objects::iter::new_seq_iter(ts, types().bytes_iter, v.clone())
}

fn bytes_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (bytes_data(a), bytes_data(b)) else {
        return Ok(not_implemented());
    };
    let _ = ts;
    Ok(py_bool(op.test(x.cmp(&y))))
}

fn bytes_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    match op {
        BinOp::Add => {
            let (Some(mut x), Some(y)) = (bytes_data(a), bytes_data(b)) else {
                return Ok(not_implemented());
            };
            x.extend(y);
            make_like(ts, a, x)
        }
        BinOp::Mul => {
            let (d, n, like) = match (bytes_data(a), bytes_data(b)) {
                (Some(d), _) => (d, b, a),
                (None, Some(d)) => (d, a, b),
                _ => return Ok(not_implemented()),
            };
            let Some(n) = protocols::try_index(ts, n)? else {
                return Ok(not_implemented());
            };
            make_like(ts, like, d.repeat(n.max(0) as usize))
        }
        _ => Ok(not_implemented()),
    }
}

fn bytes_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = crate::builtins::args::parse(
        ts,
        "bytes",
        args,
        kw,
        &["source", "encoding", "errors"],
        0,
        0,
    )?;
    let data = build_data(ts, &a)?;
    if is_bytearray_type(cls) {
        return crate::object::alloc(
            ts,
            cls.as_type(),
            PyByteArray {
                data: Mutex::new(data),
            },
        );
    }
    crate::object::alloc(
        ts,
        cls.as_type(),
        PyBytes {
            data: data.into_boxed_slice(),
        },
    )
}

fn is_bytearray_type(cls: &Value) -> bool {
    cls.as_type().is_subtype(types().bytearray)
}

fn build_data(ts: &ThreadState, a: &[Option<Value>]) -> PyResult<Vec<u8>> {
    match &a[0] {
        None => Ok(Vec::new()),
        Some(s) if s.downcast::<PyStr>().is_some() => {
            let enc = a[1]
                .as_ref()
                .map(crate::objects::str::str_lossy)
                .ok_or_else(|| ts.type_error("string argument without an encoding"))?;
            crate::objects::str_methods::encode(
                ts,
                s,
                &enc,
                a[2].as_ref().map(crate::objects::str::str_lossy).as_deref(),
            )
        }
        Some(n) if crate::objects::int::as_int(n).is_some() => {
            let n = protocols::index_i64(ts, n)?;
            if n < 0 {
                return Err(ts.value_error("negative count"));
            }
            Ok(vec![0; n as usize])
        }
        Some(v) => bytes_from_object(ts, v),
    }
}

fn m_decode(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [enc, errors] = a.parse::<2>(ts, "decode", &["encoding", "errors"], 0)?;
    let d = data_of(ts, s)?;
    let enc = enc
        .map(|e| crate::objects::str::str_lossy(&e))
        .unwrap_or_else(|| "utf-8".into());
    let errors = errors.map(|e| crate::objects::str::str_lossy(&e));
    crate::objects::str_methods::decode(ts, &d, &enc, errors.as_deref())
}

fn m_hex(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let d = data_of(ts, s)?;
    Ok(ts.new_str(&d.iter().map(|b| format!("{b:02x}")).collect::<String>()))
}

fn m_fromhex(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "fromhex", &[""], 1)?;
    let s = crate::objects::str::str_lossy(&s.expect("required"));
    let digits: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    if !digits.len().is_multiple_of(2) || !digits.iter().all(|c| c.is_ascii_hexdigit()) {
        return Err(ts.value_error("non-hexadecimal number found in fromhex() arg"));
    }
    let out: Vec<u8> = digits
        .chunks(2)
        .map(|p| u8::from_str_radix(&p.iter().collect::<String>(), 16).unwrap_or(0))
        .collect();
    if is_bytearray_type(cls) {
        return new_bytearray(ts, out);
    }
    Ok(new_bytes(ts, out))
}

fn m_join(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [it] = a.parse::<1>(ts, "join", &[""], 1)?;
    let sep = data_of(ts, s)?;
    let mut out = Vec::new();
    for (i, x) in protocols::collect(ts, &it.expect("required"))?
        .iter()
        .enumerate()
    {
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

fn m_startswith(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "startswith", &[""], 1)?;
    let d = data_of(ts, s)?;
    let p = p.expect("required");
    let ps: Vec<Vec<u8>> = if p.downcast::<PyTuple>().is_some() {
        p.as_tuple_slice().iter().filter_map(bytes_data).collect()
    } else {
        vec![data_of(ts, &p)?]
    };
    Ok(py_bool(ps.iter().any(|x| d.starts_with(x))))
}

fn m_endswith(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "endswith", &[""], 1)?;
    let d = data_of(ts, s)?;
    let p = p.expect("required");
    let ps: Vec<Vec<u8>> = if p.downcast::<PyTuple>().is_some() {
        p.as_tuple_slice().iter().filter_map(bytes_data).collect()
    } else {
        vec![data_of(ts, &p)?]
    };
    Ok(py_bool(ps.iter().any(|x| d.ends_with(x))))
}

/// The needle of `find`/`count`/...: an int in range(256) or a bytes-like object.
fn needle(ts: &ThreadState, sub: &Value) -> PyResult<Vec<u8>> {
    if let Some(i) = crate::objects::int::as_i64(sub) {
        if !(0..256).contains(&i) {
            return Err(ts.value_error("byte must be in range(0, 256)"));
        }
        return Ok(vec![i as u8]);
    }
    bytes_data(sub).ok_or_else(|| {
        ts.type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            sub.class().name()
        ))
    })
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

fn find_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    right: bool,
) -> PyResult<Option<usize>> {
    let [sub, start, end] = a.parse::<3>(ts, name, &["", "", ""], 1)?;
    let d = data_of(ts, s)?;
    let n = needle(ts, &sub.expect("required"))?;
    let Some((lo, hi)) = window(ts, start, end, d.len())? else {
        return Ok(None);
    };
    if hi - lo < n.len() {
        return Ok(None);
    }
    let w = &d[lo..hi];
    let last = w.len() - n.len();
    let hit = if right {
        (0..=last).rev().find(|&i| w[i..].starts_with(&n))
    } else {
        (0..=last).find(|&i| w[i..].starts_with(&n))
    };
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
    let n = needle(ts, &sub.expect("required"))?;
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
            let t = bytes_data(&t).ok_or_else(|| {
                ts.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    t.class().name()
                ))
            })?;
            if t.len() != 256 {
                return Err(ts.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let del = match delete {
        None => Vec::new(),
        Some(x) => bytes_data(&x).ok_or_else(|| {
            ts.type_error(format!(
                "a bytes-like object is required, not '{}'",
                x.class().name()
            ))
        })?,
    };
    let out = d
        .iter()
        .filter(|b| !del.contains(b))
        .map(|&b| table.as_ref().map_or(b, |t| t[b as usize]))
        .collect();
    make_like(ts, s, out)
}

fn m_replace(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [old, new] = a.parse::<2>(ts, "replace", &["", ""], 2)?;
    let d = data_of(ts, s)?;
    let (o, n) = (
        data_of(ts, &old.expect("required"))?,
        data_of(ts, &new.expect("required"))?,
    );
    let mut out = Vec::new();
    let mut i = 0;
    if o.is_empty() {
        for &b in &d {
            out.extend_from_slice(&n);
            out.push(b);
        }
        out.extend_from_slice(&n);
        return make_like(ts, s, out);
    }
    while let Some(j) = find(&d, &o, i) {
        out.extend_from_slice(&d[i..j]);
        out.extend_from_slice(&n);
        i = j + o.len();
    }
    out.extend_from_slice(&d[i..]);
    make_like(ts, s, out)
}

fn m_split(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [sep, maxsplit] = a.parse::<2>(ts, "split", &["sep", "maxsplit"], 0)?;
    let d = data_of(ts, s)?;
    let max = match maxsplit {
        Some(m) => protocols::index_i64(ts, &m)?,
        None => -1,
    };
    let mut parts: Vec<Vec<u8>> = Vec::new();
    match sep.filter(|x| !x.is_none()) {
        None => {
            let mut it = d
                .split(|b| b.is_ascii_whitespace())
                .filter(|p| !p.is_empty())
                .peekable();
            while let Some(p) = it.next() {
                if max >= 0 && parts.len() as i64 == max && it.peek().is_some() {
                    let start = p.as_ptr() as usize - d.as_ptr() as usize;
                    let rest = d[start..].trim_ascii_end();
                    parts.push(rest.to_vec());
                    break;
                }
                parts.push(p.to_vec());
            }
        }
        Some(sep) => {
            let sp = data_of(ts, &sep)?;
            if sp.is_empty() {
                return Err(ts.value_error("empty separator"));
            }
            let mut i = 0;
            while let Some(j) = find(&d, &sp, i) {
                if max >= 0 && parts.len() as i64 == max {
                    break;
                }
                parts.push(d[i..j].to_vec());
                i = j + sp.len();
            }
            parts.push(d[i..].to_vec());
        }
    }
    let items: PyResult<Vec<Value>> = parts.into_iter().map(|p| make_like(ts, s, p)).collect();
    Ok(ts.new_list(items?))
}

fn strip_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    left: bool,
    right: bool,
) -> PyResult<Value> {
    let [chars] = a.parse::<1>(ts, "strip", &[""], 0)?;
    let d = data_of(ts, s)?;
    let set: Vec<u8> = match chars.filter(|c| !c.is_none()) {
        Some(c) => data_of(ts, &c)?,
        None => b" \t\n\r\x0b\x0c".to_vec(),
    };
    let mut lo = 0;
    let mut hi = d.len();
    if left {
        while lo < hi && set.contains(&d[lo]) {
            lo += 1;
        }
    }
    if right {
        while hi > lo && set.contains(&d[hi - 1]) {
            hi -= 1;
        }
    }
    make_like(ts, s, d[lo..hi].to_vec())
}

fn m_strip(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    strip_impl(ts, s, a, true, true)
}
fn m_lstrip(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    strip_impl(ts, s, a, true, false)
}
fn m_rstrip(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    strip_impl(ts, s, a, false, true)
}
fn m_upper(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    make_like(ts, s, data_of(ts, s)?.to_ascii_uppercase())
}
fn m_lower(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    make_like(ts, s, data_of(ts, s)?.to_ascii_lowercase())
}
fn m_isdigit(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let d = data_of(ts, s)?;
    Ok(py_bool(
        !d.is_empty() && d.iter().all(|b| b.is_ascii_digit()),
    ))
}
fn m_isalpha(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let d = data_of(ts, s)?;
    Ok(py_bool(
        !d.is_empty() && d.iter().all(|b| b.is_ascii_alphabetic()),
    ))
}

fn ba_append(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "append", &[""], 1)?;
    let n = protocols::index_i64(ts, &x.expect("required"))?;
    if !(0..256).contains(&n) {
        return Err(ts.value_error("byte must be in range(0, 256)"));
    }
    if let Some(b) = s.downcast::<PyByteArray>() {
        if let Ok(mut d) = b.data.lock() {
            d.push(n as u8);
        }
    }
    Ok(none())
}

fn ba_extend(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "extend", &[""], 1)?;
    let more = bytes_from_object(ts, &x.expect("required"))?;
    if let Some(b) = s.downcast::<PyByteArray>() {
        if let Ok(mut d) = b.data.lock() {
            d.extend(more);
        }
    }
    Ok(none())
}

fn ba_pop(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let b = s
        .downcast::<PyByteArray>()
        .ok_or_else(|| ts.type_error("bytearray"))?;
    let v = b.data.lock().ok().and_then(|mut d| d.pop());
    v.map(|x| ts.new_int(x as i64))
        .ok_or_else(|| ts.index_error("pop from empty bytearray"))
}

fn ba_inplace(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if op != BinOp::Add {
        return Ok(not_implemented());
    }
    let Some(more) = bytes_data(b) else {
        return Ok(not_implemented());
    };
    if let Some(ba) = a.downcast::<PyByteArray>() {
        if let Ok(mut d) = ba.data.lock() {
            d.extend(more);
        }
    }
    let _ = ts;
    Ok(a.clone())
}

fn bytes_mod(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if op == BinOp::Mod {
        return Err(ts.not_implemented_error("bytes %-formatting is not supported yet"));
    }
    bytes_binary(ts, a, b, op)
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_classmethod, add_method};
    for t in [types().bytes, types().bytearray] {
        let s = &t.slots;
        s.repr.set(Some(bytes_repr));
        s.len.set(Some(bytes_len));
        s.getitem.set(Some(bytes_getitem));
        s.contains.set(Some(bytes_contains));
        s.iter.set(Some(bytes_iter));
        s.richcompare.set(Some(bytes_richcompare));
        s.binary.set(Some(bytes_mod));
        s.new.set(Some(bytes_new));
        add_method(ts, t, "decode", m_decode);
        add_method(ts, t, "hex", m_hex);
        add_method(ts, t, "join", m_join);
        add_method(ts, t, "startswith", m_startswith);
        add_method(ts, t, "endswith", m_endswith);
        add_method(ts, t, "find", m_find);
        add_method(ts, t, "rfind", m_rfind);
        add_method(ts, t, "index", m_index);
        add_method(ts, t, "rindex", m_rindex);
        add_method(ts, t, "count", m_count);
        add_method(ts, t, "translate", m_translate);
        add_method(ts, t, "replace", m_replace);
        add_method(ts, t, "split", m_split);
        add_method(ts, t, "strip", m_strip);
        add_method(ts, t, "lstrip", m_lstrip);
        add_method(ts, t, "rstrip", m_rstrip);
        add_method(ts, t, "upper", m_upper);
        add_method(ts, t, "lower", m_lower);
        add_method(ts, t, "isdigit", m_isdigit);
        add_method(ts, t, "isalpha", m_isalpha);
        add_classmethod(ts, t, "fromhex", m_fromhex);
    }
    types().bytes.slots.hash.set(Some(bytes_hash));
    let ba = types().bytearray;
    ba.slots
        .hash
        .set(Some(crate::objects::object_type::hash_not_implemented));
    ba.slots.setitem.set(Some(bytearray_setitem));
    ba.slots.inplace.set(Some(ba_inplace));
    add_method(ts, ba, "append", ba_append);
    add_method(ts, ba, "extend", ba_extend);
    add_method(ts, ba, "pop", ba_pop);
}
