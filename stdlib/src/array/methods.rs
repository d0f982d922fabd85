//! `array.array`'s methods and attributes (`append`, `frombytes`, `tofile`, ...).

use super::typecode::{Item, TypeCode};
use super::{encode, encode_one, new_array, this, PyArray};
use vm::builtins::args::MethodArgs;
use vm::errors::PyResult;
use vm::objects::bytes::{new_bytes, PyBytes};
use vm::objects::descr::{add_classmethod, add_getset, add_method};
use vm::objects::list::PyList;
use vm::objects::str::PyStr;
use vm::objects::typeobj::PyType;
use vm::protocols;
use vm::runtime::{none, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

/// What `tofile` writes per `write()` call (CPython's BLOCKSIZE).
const BLOCKSIZE: usize = 64 * 1024;

pub(super) fn add_methods(ts: &ThreadState, t: &PyType) {
    add_method(ts, t, "append", m_append);
    add_method(ts, t, "buffer_info", m_buffer_info);
    add_method(ts, t, "byteswap", m_byteswap);
    add_method(ts, t, "clear", m_clear);
    add_method(ts, t, "count", m_count);
    add_method(ts, t, "extend", m_extend);
    add_method(ts, t, "frombytes", m_frombytes);
    add_method(ts, t, "fromfile", m_fromfile);
    add_method(ts, t, "fromlist", m_fromlist);
    add_method(ts, t, "fromunicode", m_fromunicode);
    add_method(ts, t, "index", m_index);
    add_method(ts, t, "insert", m_insert);
    add_method(ts, t, "pop", m_pop);
    add_method(ts, t, "remove", m_remove);
    add_method(ts, t, "reverse", m_reverse);
    add_method(ts, t, "tobytes", m_tobytes);
    add_method(ts, t, "tofile", m_tofile);
    add_method(ts, t, "tolist", m_tolist);
    add_method(ts, t, "tounicode", m_tounicode);
    add_method(ts, t, "__copy__", m_copy);
    add_method(ts, t, "__deepcopy__", m_deepcopy);
    add_method(ts, t, "__reduce_ex__", super::pickle::m_reduce_ex);
    add_method(ts, t, "__sizeof__", m_sizeof);
    add_method(ts, t, "__buffer__", m_buffer);
    add_method(ts, t, "__release_buffer__", m_release_buffer);
    add_classmethod(
        ts,
        t,
        "__class_getitem__",
        vm::objects::generic_alias::class_getitem,
    );
    add_getset(ts, t, "typecode", g_typecode, None);
    add_getset(ts, t, "itemsize", g_itemsize, None);
}

/// The bytes of `cps` as items of a unicode code.
pub(super) fn unicode_bytes(tc: TypeCode, cps: &[u32]) -> Vec<u8> {
    let mut out = vec![0u8; cps.len() * tc.size];
    for (c, dst) in cps.iter().zip(out.chunks_exact_mut(tc.size)) {
        tc.store(Item::C(*c), dst);
    }
    out
}

/// The str of a unicode array (ValueError for a stored value that is no code point).
pub(super) fn to_unicode(ts: &ThreadState, a: &PyArray) -> PyResult<Value> {
    let mut cps = Vec::with_capacity(a.len());
    for (i, it) in a.items().into_iter().enumerate() {
        let Item::C(c) = it else { continue };
        if c > 0x10ffff {
            if a.tc.code == b'u' {
                return Err(ts.value_error(format!(
                    "character U+{c:x} is not in range [U+0000; U+10ffff]"
                )));
            }
            // 'w' arrays decode as UTF-32 (CPython's PyUnicode_DecodeUTF32).
            let data = new_bytes(ts, a.bytes().clone());
            let args = vec![
                ts.new_str("utf-32-le"),
                data,
                ts.new_usize(i * 4),
                ts.new_usize(i * 4 + 4),
                ts.new_str("code point not in range(0x110000)"),
            ];
            return Err(ts.new_error_args(types().exc.unicode_decode_error, args));
        }
        cps.push(c);
    }
    Ok(ts.new_str_from_cps(&cps))
}

/// Index of the first item in `lo..hi` equal to `x` (Python `==`).
pub(super) fn find(
    ts: &ThreadState,
    a: &PyArray,
    x: &Value,
    lo: usize,
    hi: usize,
) -> PyResult<Option<usize>> {
    let mut i = lo;
    // Items are read one at a time: `==` may run Python code that changes the array.
    while i < hi {
        let Some(it) = a.item(i) else { break };
        let v = a.tc.to_value(ts, it)?;
        if protocols::eq(ts, &v, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn arg(v: Option<Value>) -> Value {
    v.unwrap_or_else(none)
}

fn m_append(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [v] = a.parse::<1>(ts, "append", &[""], 1)?;
    let arr = this(ts, s)?;
    let raw = encode_one(ts, arr.tc, &arg(v))?;
    arr.append_bytes(ts, &raw)?;
    Ok(none())
}

fn m_buffer_info(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "buffer_info")?;
    let arr = this(ts, s)?;
    let (addr, n) = {
        let d = arr.bytes();
        (d.as_ptr() as usize, d.len() / arr.tc.size)
    };
    Ok(ts.new_tuple(vec![ts.new_usize(addr), ts.new_usize(n)]))
}

fn m_byteswap(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "byteswap")?;
    let arr = this(ts, s)?;
    let sz = arr.tc.size;
    if !matches!(sz, 1 | 2 | 4 | 8) {
        return Err(ts.runtime_error("don't know how to byteswap this array type"));
    }
    for c in arr.bytes().chunks_exact_mut(sz) {
        c.reverse();
    }
    Ok(none())
}

fn m_clear(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "clear")?;
    let arr = this(ts, s)?;
    let mut d = arr.resizable(ts)?;
    d.clear();
    Ok(none())
}

fn m_count(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "count", &[""], 1)?;
    let (arr, x) = (this(ts, s)?, arg(x));
    let mut n = 0usize;
    let mut i = 0;
    while let Some(it) = arr.item(i) {
        if protocols::eq(ts, &arr.tc.to_value(ts, it)?, &x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(ts.new_usize(n))
}

fn m_extend(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [v] = a.parse::<1>(ts, "extend", &[""], 1)?;
    let (arr, v) = (this(ts, s)?, arg(v));
    extend(ts, arr, &v)?;
    Ok(none())
}

/// `a.extend(v)`: another array of the same code, or any iterable item by item (items
/// appended before an error stay, as in CPython).
pub(super) fn extend(ts: &ThreadState, arr: &PyArray, v: &Value) -> PyResult<()> {
    if let Some(o) = v.downcast::<PyArray>() {
        if o.tc != arr.tc {
            return Err(ts.type_error("can only extend with array of same kind"));
        }
        let more = o.bytes().clone();
        return arr.append_bytes(ts, &more);
    }
    let it = protocols::get_iter(ts, v)?;
    while let Some(x) = protocols::next(ts, &it)? {
        let raw = encode_one(ts, arr.tc, &x)?;
        arr.append_bytes(ts, &raw)?;
    }
    Ok(())
}

fn m_frombytes(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [b] = a.parse::<1>(ts, "frombytes", &[""], 1)?;
    let (arr, b) = (this(ts, s)?, arg(b));
    frombytes(ts, arr, &b)?;
    Ok(none())
}

fn frombytes(ts: &ThreadState, arr: &PyArray, b: &Value) -> PyResult<()> {
    if b.downcast::<PyStr>().is_some() {
        return Err(ts.type_error("a bytes-like object is required, not 'str'"));
    }
    let data = vm::objects::bytes::buffer_arg(ts, b)?;
    if data.len() % arr.tc.size != 0 {
        return Err(ts.value_error("bytes length not a multiple of item size"));
    }
    arr.append_bytes(ts, &data)
}

fn m_fromfile(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [f, n] = a.parse::<2>(ts, "fromfile", &["", ""], 2)?;
    let (arr, f, n) = (this(ts, s)?, arg(f), arg(n));
    let n = protocols::index_i64(ts, &n)?;
    if n < 0 {
        return Err(ts.value_error("negative count"));
    }
    let nbytes = (n as u64)
        .checked_mul(arr.tc.size as u64)
        .filter(|&b| b <= isize::MAX as u64)
        .ok_or_else(|| ts.memory_error())?;
    let b = protocols::call_method(ts, &f, "read", &[ts.new_int(nbytes as i64)])?;
    let Some(got) = b.downcast::<PyBytes>().map(|b| b.data.len()) else {
        return Err(ts.type_error("read() didn't return bytes"));
    };
    frombytes(ts, arr, &b)?;
    if got as u64 != nbytes {
        return Err(ts.new_error(types().exc.eof_error, "read() didn't return enough bytes"));
    }
    Ok(none())
}

fn m_fromlist(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [l] = a.parse::<1>(ts, "fromlist", &[""], 1)?;
    let (arr, l) = (this(ts, s)?, arg(l));
    let Some(l) = l.downcast::<PyList>() else {
        return Err(ts.type_error("arg must be list"));
    };
    // All or nothing: every item is converted before any is appended.
    let raw = encode(ts, arr.tc, &l.to_vec(ts))?;
    arr.append_bytes(ts, &raw)?;
    Ok(none())
}

fn m_fromunicode(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [u] = a.parse::<1>(ts, "fromunicode", &[""], 1)?;
    let (arr, u) = (this(ts, s)?, arg(u));
    let Some(u) = u.downcast::<PyStr>() else {
        return Err(ts.type_error(format!(
            "fromunicode() argument must be str, not {}",
            u.class().name()
        )));
    };
    if !arr.tc.is_unicode() {
        return Err(
            ts.value_error("fromunicode() may only be called on unicode type arrays ('u' or 'w')")
        );
    }
    arr.append_bytes(ts, &unicode_bytes(arr.tc, &u.to_cps()))?;
    Ok(none())
}

fn m_index(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, start, stop] = a.parse::<3>(ts, "index", &["", "", ""], 1)?;
    let arr = this(ts, s)?;
    let (lo, hi) = vm::objects::seq::start_stop(ts, start, stop, arr.len())?;
    match find(ts, arr, &arg(x), lo, hi)? {
        Some(i) => Ok(ts.new_usize(i)),
        None => Err(ts.value_error("array.index(x): x not in array")),
    }
}

fn m_insert(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [i, v] = a.parse::<2>(ts, "insert", &["", ""], 2)?;
    let arr = this(ts, s)?;
    let i = protocols::index_i64_clamped(ts, &arg(i))?;
    let raw = encode_one(ts, arr.tc, &arg(v))?;
    let sz = arr.tc.size;
    let mut d = arr.resizable(ts)?;
    let n = (d.len() / sz) as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    d.splice(at * sz..at * sz, raw);
    Ok(none())
}

fn m_pop(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [i] = a.parse::<1>(ts, "pop", &[""], 0)?;
    let arr = this(ts, s)?;
    let i = match i {
        Some(i) => protocols::index_i64(ts, &i)?,
        None => -1,
    };
    let sz = arr.tc.size;
    let it = {
        let mut d = arr.resizable(ts)?;
        let n = d.len() / sz;
        if n == 0 {
            return Err(ts.index_error("pop from empty array"));
        }
        let Some(j) = super::norm(i, n) else {
            return Err(ts.index_error("pop index out of range"));
        };
        let it = arr.tc.load(&d[j * sz..(j + 1) * sz]);
        d.drain(j * sz..(j + 1) * sz);
        it
    };
    arr.tc.to_value(ts, it)
}

fn m_remove(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "remove", &[""], 1)?;
    let arr = this(ts, s)?;
    let Some(i) = find(ts, arr, &arg(x), 0, usize::MAX)? else {
        return Err(ts.value_error("array.remove(x): x not in array"));
    };
    let sz = arr.tc.size;
    let mut d = arr.resizable(ts)?;
    if (i + 1) * sz <= d.len() {
        d.drain(i * sz..(i + 1) * sz);
    }
    Ok(none())
}

fn m_reverse(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "reverse")?;
    let arr = this(ts, s)?;
    let sz = arr.tc.size;
    let mut d = arr.bytes();
    let rev: Vec<u8> = d.chunks_exact(sz).rev().flatten().copied().collect();
    *d = rev;
    Ok(none())
}

fn m_tobytes(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "tobytes")?;
    let d = this(ts, s)?.bytes().clone();
    Ok(new_bytes(ts, d))
}

fn m_tofile(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [f] = a.parse::<1>(ts, "tofile", &[""], 1)?;
    let f = arg(f);
    let d = this(ts, s)?.bytes().clone();
    let write = protocols::get_attr_str(ts, &f, "write")?;
    for block in d.chunks(BLOCKSIZE) {
        protocols::call(ts, &write, &[new_bytes(ts, block.to_vec())], None)?;
    }
    Ok(none())
}

fn m_tolist(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "tolist")?;
    Ok(ts.new_list(this(ts, s)?.values(ts)?))
}

fn m_tounicode(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "tounicode")?;
    let arr = this(ts, s)?;
    if !arr.tc.is_unicode() {
        return Err(
            ts.value_error("tounicode() may only be called on unicode type arrays ('u' or 'w')")
        );
    }
    to_unicode(ts, arr)
}

fn m_copy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__copy__")?;
    let arr = this(ts, s)?;
    let d = arr.bytes().clone();
    new_array(ts, arr.tc, d)
}

fn m_deepcopy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [_memo] = a.parse::<1>(ts, "__deepcopy__", &[""], 1)?;
    let arr = this(ts, s)?;
    let d = arr.bytes().clone();
    new_array(ts, arr.tc, d)
}

fn m_sizeof(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__sizeof__")?;
    let arr = this(ts, s)?;
    // CPython's arrayobject is 64 bytes before its item buffer.
    let cap = arr.bytes().capacity();
    Ok(ts.new_usize(64 + cap))
}

fn m_buffer(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [flags] = a.parse::<1>(ts, "__buffer__", &[""], 1)?;
    protocols::index_i64(ts, &arg(flags))?;
    this(ts, s)?;
    vm::objects::memoryview::memoryview_of(ts, s)
}

fn m_release_buffer(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [view] = a.parse::<1>(ts, "__release_buffer__", &[""], 1)?;
    this(ts, s)?;
    protocols::call_method(ts, &arg(view), "release", &[])?;
    Ok(none())
}

fn g_typecode(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(ts.new_str(&this(ts, s)?.tc.name().to_string()))
}

fn g_itemsize(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(ts.new_usize(this(ts, s)?.tc.size))
}
