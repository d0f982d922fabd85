//! `bytes` and `bytearray`: layouts, constructors, the buffer helpers the rest of the VM uses
//! (`bytes_data`), and the type slots.
//!
//! The methods the two types share are in `bytes/methods.rs`; `bytearray`'s mutators (and
//! the "cannot resize while a memoryview is exported" rule) in `bytes/mutate.rs`;
//! `%`-formatting is `str_methods::bytes_mod` (one printf host serves str and bytes).

mod methods;
mod mutate;

use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::memoryview::{memoryview_bytes, PyMemoryView};
use crate::objects::seq;
use crate::objects::slots::{BinOp, CmpOp};
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{names, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::sync::atomic::AtomicUsize;
use std::sync::Mutex;

pub use methods::hex_with_args;

pub struct PyBytes {
    pub data: Box<[u8]>,
}

impl PyPayload for PyBytes {
    const GC: bool = false;
}

/// `bytearray`: the buffer sits behind a leaf lock that is never held across Python code.
pub struct PyByteArray {
    pub data: Mutex<Vec<u8>>,
    /// Live memoryviews of this buffer; while non-zero the buffer may not change size.
    pub exports: AtomicUsize,
}

impl PyPayload for PyByteArray {
    const GC: bool = false;
}

impl PyByteArray {
    pub fn new(data: Vec<u8>) -> Self {
        PyByteArray {
            data: Mutex::new(data),
            exports: AtomicUsize::new(0),
        }
    }
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
    crate::object::alloc(ts, types().bytearray, PyByteArray::new(data))
}

/// The bytes of a bytes-like object (copied): bytes, bytearray or an unreleased memoryview.
pub fn bytes_data(v: &Value) -> Option<Vec<u8>> {
    if let Some(b) = v.downcast::<PyBytes>() {
        return Some(b.data.to_vec());
    }
    if let Some(b) = v.downcast::<PyByteArray>() {
        return b.data.lock().ok().map(|d| d.clone());
    }
    if v.downcast::<PyMemoryView>().is_some() {
        return memoryview_bytes(v);
    }
    crate::objects::memoryview::external_bytes(v)
}

/// A bytes-like argument, or TypeError "a bytes-like object is required, not 'T'".
pub fn buffer_arg(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    bytes_data(v).ok_or_else(|| {
        ts.type_error(format!(
            "a bytes-like object is required, not '{}'",
            v.class().name()
        ))
    })
}

/// `hash(b)`: siphash13 of the bytes, as str's hash of the same code units.
pub fn hash_bytes(d: &[u8]) -> i64 {
    if d.is_empty() {
        return 0;
    }
    let h = crate::objects::str::siphash13(0, 0, d) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `bytes(x)` for a bytes-like object or an iterable of ints (`what` names the target type
/// in CPython's messages: "bytes" or "bytearray").
pub fn bytes_from_object(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    from_object_as(ts, v, "bytes")
}

fn from_object_as(ts: &ThreadState, v: &Value, what: &str) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_data(v) {
        return Ok(b);
    }
    if v.downcast::<PyStr>().is_some() {
        return Err(ts.type_error(format!("cannot convert 'str' object to {what}")));
    }
    let it = protocols::get_iter(ts, v).map_err(|_| {
        ts.type_error(format!(
            "cannot convert '{}' object to {what}",
            v.class().name()
        ))
    })?;
    let mut out = Vec::new();
    while let Some(x) = protocols::next(ts, &it)? {
        out.push(byte_value(ts, &x, "bytes must be in range(0, 256)")?);
    }
    Ok(out)
}

/// An int in range(256) (via `__index__`), else ValueError `range_msg`.
fn byte_value(ts: &ThreadState, x: &Value, range_msg: &str) -> PyResult<u8> {
    let i = protocols::index(ts, x)?;
    match crate::objects::int::as_i64(&i) {
        Some(n) if (0..256).contains(&n) => Ok(n as u8),
        _ => Err(ts.value_error(range_msg)),
    }
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
    if let Some(b) = v.downcast::<PyBytes>() {
        return Ok(b.data.to_vec());
    }
    if let Some(b) = v.downcast::<PyByteArray>() {
        return Ok(b.data.lock().map(|d| d.clone()).unwrap_or_default());
    }
    Err(ts.type_error(format!(
        "descriptor requires a 'bytes' object but received a '{}'",
        v.class().name()
    )))
}

fn is_bytearray(v: &Value) -> bool {
    v.downcast::<PyByteArray>().is_some()
}

/// A result of `like`'s kind: bytearray for a bytearray, else bytes.
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
        let name = v.class().name();
        return Ok(ts.new_str(&format!("{name}({})", bytes_repr_str(&d, "b"))));
    }
    Ok(ts.new_str(&bytes_repr_str(&d, "b")))
}

fn bytes_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    if let Some(b) = v.downcast::<PyBytes>() {
        return Ok(b.data.len());
    }
    Ok(data_of(ts, v)?.len())
}

fn bytes_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    Ok(hash_bytes(&data_of(ts, v)?))
}

fn bytes_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let d = data_of(ts, v)?;
    let r = if is_bytearray(v) {
        seq::index_or_slice(ts, key, d.len(), "bytearray")?
    } else if let Some(s) = key.downcast::<crate::objects::range::PySlice>() {
        seq::Index::Slice(s.resolve(ts, d.len())?)
    } else {
        let Some(i) = protocols::try_index(ts, key)? else {
            return Err(ts.type_error(format!(
                "byte indices must be integers or slices, not {}",
                key.class().name()
            )));
        };
        let j = if i < 0 { i + d.len() as i64 } else { i };
        if j < 0 || j >= d.len() as i64 {
            return Err(ts.index_error("index out of range"));
        }
        seq::Index::One(j as usize)
    };
    match r {
        seq::Index::One(i) => Ok(ts.new_int(d[i] as i64)),
        seq::Index::Slice(r) => make_like(ts, v, r.indices().map(|i| d[i]).collect()),
    }
}

fn bytes_contains(ts: &ThreadState, v: &Value, x: &Value) -> PyResult<bool> {
    let d = data_of(ts, v)?;
    if x.is_inline_int() || x.class().slots.index.is_set() && bytes_data(x).is_none() {
        let b = byte_value(ts, x, "byte must be in range(0, 256)")?;
        return Ok(d.contains(&b));
    }
    let n = buffer_arg(ts, x)?;
    Ok(methods::find(&d, &n, 0).is_some())
}

fn bytes_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    crate::objects::iter::new_seq_iter(ts, types().bytes_iter, v.clone())
}

fn bytes_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    // bytes compares only with bytes and bytearray; a memoryview compares itself.
    let other = if b.downcast::<PyMemoryView>().is_some() {
        None
    } else {
        bytes_data(b)
    };
    let (Ok(x), Some(y)) = (data_of(ts, a), other) else {
        return Ok(not_implemented());
    };
    Ok(py_bool(op.test(x.cmp(&y))))
}

fn bytes_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    match op {
        BinOp::Add => {
            let Ok(mut x) = data_of(ts, a) else {
                return Ok(not_implemented());
            };
            let Some(y) = bytes_data(b) else {
                if b.class().is_heap() {
                    return Ok(not_implemented());
                }
                let me = if is_bytearray(a) {
                    "bytearray"
                } else {
                    "bytes"
                };
                return Err(ts.type_error(format!("can't concat {} to {me}", b.class().name())));
            };
            x.extend(y);
            make_like(ts, a, x)
        }
        BinOp::Mul => {
            let (d, n, like) = match (data_of(ts, a), data_of(ts, b)) {
                (Ok(d), _) => (d, b, a),
                (_, Ok(d)) => (d, a, b),
                _ => return Ok(not_implemented()),
            };
            let Some(n) = protocols::try_index(ts, n)? else {
                return Ok(not_implemented());
            };
            make_like(ts, like, repeat(ts, &d, n)?)
        }
        BinOp::Mod => crate::objects::str_methods::bytes_mod(ts, a, b),
        _ => Ok(not_implemented()),
    }
}

/// `d * n`, MemoryError past what can be allocated.
fn repeat(ts: &ThreadState, d: &[u8], n: i64) -> PyResult<Vec<u8>> {
    if n <= 0 || d.is_empty() {
        return Ok(Vec::new());
    }
    let total = d
        .len()
        .checked_mul(n as usize)
        .filter(|&t| t < isize::MAX as usize)
        .ok_or_else(|| ts.memory_error())?;
    crate::text::check_alloc(total).map_err(|e| ts.format_error(e))?;
    Ok(d.repeat(n as usize))
}

fn bytes_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let ba = cls.as_type().is_subtype(types().bytearray);
    let name = if ba { "bytearray" } else { "bytes" };
    let a =
        crate::builtins::args::parse(ts, name, args, kw, &["source", "encoding", "errors"], 0, 0)?;
    if ba {
        return crate::object::alloc(
            ts,
            cls.as_type(),
            PyByteArray::new(build_data(ts, &a, true)?),
        );
    }
    let data = build_data(ts, &a, false)?;
    crate::object::alloc(
        ts,
        cls.as_type(),
        PyBytes {
            data: data.into_boxed_slice(),
        },
    )
}

/// The initial contents of `bytes(source, encoding, errors)` / `bytearray(...)`.
fn build_data(ts: &ThreadState, a: &[Option<Value>], ba: bool) -> PyResult<Vec<u8>> {
    let what = if ba { "bytearray" } else { "bytes" };
    let Some(src) = &a[0] else {
        if a[1].is_some() {
            return Err(ts.type_error("encoding without a string argument"));
        }
        if a[2].is_some() {
            return Err(ts.type_error("errors without a string argument"));
        }
        return Ok(Vec::new());
    };
    if src.downcast::<PyStr>().is_some() {
        let Some(enc) = &a[1] else {
            return Err(ts.type_error("string argument without an encoding"));
        };
        let enc = str_arg(ts, what, "encoding", 2, enc)?;
        let errors = match &a[2] {
            Some(e) => Some(str_arg(ts, what, "errors", 3, e)?),
            None => None,
        };
        return crate::objects::str_methods::encode(ts, src, &enc, errors.as_deref());
    }
    if a[1].is_some() {
        return Err(ts.type_error("encoding without a string argument"));
    }
    if a[2].is_some() {
        return Err(ts.type_error("errors without a string argument"));
    }
    if !ba && src.downcast::<PyBytes>().is_none() {
        if let Some(f) = src.class().lookup(ts, &names().__bytes__) {
            let r = protocols::call_method_descr(ts, &f, src, &[])?;
            return match r.downcast::<PyBytes>() {
                Some(b) => Ok(b.data.to_vec()),
                None => Err(ts.type_error(format!(
                    "__bytes__ returned non-bytes (type {})",
                    r.class().name()
                ))),
            };
        }
    }
    if src.is_inline_int() || src.class().slots.index.is_set() && bytes_data(src).is_none() {
        let n = protocols::index(ts, src)?;
        let n = match crate::objects::int::as_int(&n).and_then(|i| i.to_i64()) {
            Some(n) => n,
            None if crate::objects::int::as_int(&n).is_some_and(|i| i.is_negative()) => -1,
            None => return Err(ts.overflow_error("cannot fit 'int' into an index-sized integer")),
        };
        if n < 0 {
            return Err(ts.value_error("negative count"));
        }
        crate::text::check_alloc(n as usize).map_err(|e| ts.format_error(e))?;
        return Ok(vec![0; n as usize]);
    }
    if ba {
        if let Some(b) = bytes_data(src) {
            return Ok(b);
        }
        let it = protocols::get_iter(ts, src).map_err(|_| {
            ts.type_error(format!(
                "cannot convert '{}' object to bytearray",
                src.class().name()
            ))
        })?;
        let mut out = Vec::new();
        while let Some(x) = protocols::next(ts, &it)? {
            out.push(byte_value(ts, &x, "byte must be in range(0, 256)")?);
        }
        return Ok(out);
    }
    from_object_as(ts, src, what)
}

fn str_arg(ts: &ThreadState, f: &str, name: &str, pos: usize, v: &Value) -> PyResult<String> {
    let _ = pos;
    v.downcast::<PyStr>()
        .map(|s| s.to_string_lossy())
        .ok_or_else(|| {
            ts.type_error(format!(
                "{f}() argument '{name}' must be str, not {}",
                v.class().name()
            ))
        })
}

pub fn init(ts: &ThreadState) {
    for t in [types().bytes, types().bytearray] {
        let s = &t.slots;
        s.repr.set(Some(bytes_repr));
        s.len.set(Some(bytes_len));
        s.getitem.set(Some(bytes_getitem));
        s.contains.set(Some(bytes_contains));
        s.iter.set(Some(bytes_iter));
        s.richcompare.set(Some(bytes_richcompare));
        s.binary.set(Some(bytes_binary));
        s.new.set(Some(bytes_new));
        methods::add_shared(ts, t);
    }
    types().bytes.slots.hash.set(Some(bytes_hash));
    methods::add_bytes_only(ts, types().bytes);
    let ba = types().bytearray;
    ba.slots
        .hash
        .set(Some(crate::objects::object_type::hash_not_implemented));
    mutate::init(ts, ba);
    crate::objects::memoryview::init(ts);
}
