//! The methods and slots of `mmap.mmap`: file-like reads and writes at a position, slicing,
//! `find`/`rfind`, `move`, `flush`, `resize`, `size`, `close` and the context manager.

use super::{mmap_new, Map, PyMmap, ACCESS_COPY, ACCESS_READ, ACCESS_WRITE};
use std::sync::atomic::Ordering;
use vm::builtins::args::MethodArgs;
use vm::objects::bytes::{buffer_arg, new_bytes};
use vm::objects::descr::{add_getset, add_method};
use vm::objects::range::PySlice;
use vm::objects::seq::start_stop;
use vm::objects::typeobj::PyType;
use vm::protocols;
use vm::runtime::{none, py_bool};
use vm::{PyResult, ThreadState, Value};

pub(super) fn setup(ts: &ThreadState, t: &'static PyType) {
    let s = &t.slots;
    s.new.set(Some(mmap_new));
    s.len.set(Some(mmap_len));
    s.getitem.set(Some(mmap_getitem));
    s.setitem.set(Some(mmap_setitem));
    s.repr.set(Some(mmap_repr));
    add_method(ts, t, "close", m_close);
    add_method(ts, t, "read", m_read);
    add_method(ts, t, "read_byte", m_read_byte);
    add_method(ts, t, "readline", m_readline);
    add_method(ts, t, "write", m_write);
    add_method(ts, t, "write_byte", m_write_byte);
    add_method(ts, t, "seek", m_seek);
    add_method(ts, t, "seekable", m_seekable);
    add_method(ts, t, "tell", m_tell);
    add_method(ts, t, "size", m_size);
    add_method(ts, t, "resize", m_resize);
    add_method(ts, t, "flush", m_flush);
    add_method(ts, t, "find", m_find);
    add_method(ts, t, "rfind", m_rfind);
    add_method(ts, t, "move", m_move);
    add_method(ts, t, "madvise", m_madvise);
    add_method(ts, t, "__enter__", m_enter);
    add_method(ts, t, "__exit__", m_exit);
    add_method(ts, t, "__reduce_ex__", m_no_pickle);
    add_method(ts, t, "__reduce__", m_no_pickle);
    s.iter.set(Some(mmap_iter));
    add_getset(ts, t, "closed", g_closed, None);
}

/// Iterating yields one-byte bytes objects (CPython's `sq_item`, unlike `m[i]`'s ints).
/// Iterates over a snapshot of the bytes taken at `iter()`.
fn mmap_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let m = this(ts, v)?;
    let data = m.open(ts)?.bytes().to_vec();
    let items: Vec<Value> = data.into_iter().map(|b| new_bytes(ts, vec![b])).collect();
    protocols::get_iter(ts, &ts.new_list(items))
}

fn m_no_pickle(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    this(ts, s)?;
    Err(ts.type_error("cannot pickle 'mmap.mmap' object"))
}

fn this<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyMmap> {
    v.downcast::<PyMmap>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'mmap.mmap' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn writable(ts: &ThreadState, m: &Map) -> PyResult<()> {
    if m.access == ACCESS_READ {
        return Err(ts.type_error("mmap can't modify a readonly memory map."));
    }
    Ok(())
}

fn int_arg(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    protocols::index_i64(ts, v)
}

fn mmap_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    Ok(this(ts, v)?.open(ts)?.len)
}

fn index_of(ts: &ThreadState, key: &Value, len: usize) -> PyResult<Option<usize>> {
    let i = protocols::index_i64(ts, key)?;
    let i = if i < 0 { i + len as i64 } else { i };
    Ok((0..len as i64).contains(&i).then_some(i as usize))
}

fn mmap_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let m = this(ts, v)?;
    if let Some(s) = key.downcast::<PySlice>() {
        let len = m.open(ts)?.len;
        let r = s.resolve(ts, len)?;
        let g = m.open(ts)?;
        let b = g.bytes();
        let out: Vec<u8> = r.indices().filter_map(|i| b.get(i).copied()).collect();
        drop(g);
        return Ok(new_bytes(ts, out));
    }
    if key.as_inline_int().is_none() && !key.class().slots.index.is_set() {
        return Err(ts.type_error("mmap indices must be integers"));
    }
    let len = m.open(ts)?.len;
    let Some(i) = index_of(ts, key, len)? else {
        return Err(ts.index_error("mmap index out of range"));
    };
    let g = m.open(ts)?;
    match g.bytes().get(i) {
        Some(&b) => Ok(ts.new_int(b as i64)),
        None => Err(ts.index_error("mmap index out of range")),
    }
}

fn mmap_setitem(ts: &ThreadState, v: &Value, key: &Value, val: Option<Value>) -> PyResult<()> {
    let m = this(ts, v)?;
    let Some(val) = val else {
        return Err(ts.type_error("mmap doesn't support item deletion"));
    };
    if let Some(s) = key.downcast::<PySlice>() {
        let len = m.open(ts)?.len;
        let r = s.resolve(ts, len)?;
        let data = buffer_arg(ts, &val)?;
        if data.len() != r.len {
            return Err(ts.index_error("mmap slice assignment is wrong size"));
        }
        let mut g = m.open(ts)?;
        writable(ts, &g)?;
        let b = g.bytes_mut();
        for (i, x) in r.indices().zip(data) {
            if let Some(slot) = b.get_mut(i) {
                *slot = x;
            }
        }
        return Ok(());
    }
    if key.as_inline_int().is_none() && !key.class().slots.index.is_set() {
        return Err(ts.type_error("mmap indices must be integer"));
    }
    let len = m.open(ts)?.len;
    let Some(i) = index_of(ts, key, len)? else {
        return Err(ts.index_error("mmap index out of range"));
    };
    let x = protocols::index_i64(ts, &val)?;
    if !(0..256).contains(&x) {
        return Err(ts.value_error("mmap item value must be in range(0, 256)"));
    }
    // `val.__index__` may have resized or closed the map: check again under the lock.
    let mut g = m.open(ts)?;
    writable(ts, &g)?;
    match g.bytes_mut().get_mut(i) {
        Some(slot) => *slot = x as u8,
        None => return Err(ts.index_error("mmap index out of range")),
    }
    Ok(())
}

fn mmap_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let m = this(ts, v)?;
    let g = m.lock(ts);
    let name = v.class().name().to_string();
    let name = if name == "mmap" {
        "mmap.mmap".to_string()
    } else {
        name
    };
    if g.closed {
        return Ok(ts.new_str(&format!("<{name} closed=True>")));
    }
    let access = match g.access {
        ACCESS_READ => "ACCESS_READ",
        ACCESS_WRITE => "ACCESS_WRITE",
        ACCESS_COPY => "ACCESS_COPY",
        _ => "ACCESS_DEFAULT",
    };
    Ok(ts.new_str(&format!(
        "<{name} closed=False, access={access}, length={}, pos={}, offset={}>",
        g.len, g.pos, g.offset
    )))
}

fn m_close(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    a.none(ts, "close")?;
    let mut g = m.lock(ts);
    // ORDERING: Relaxed: see `add_export`; views are created and dropped by their holders.
    if m.exports.load(Ordering::Relaxed) > 0 {
        return Err(ts.new_error(
            vm::runtime::types().exc.buffer_error,
            "cannot close exported pointers exist",
        ));
    }
    g.unmap();
    Ok(none())
}

fn g_closed(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    Ok(py_bool(this(ts, s)?.lock(ts).closed))
}

fn m_read(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    let [n] = a.parse::<1>(ts, "read", &[""], 0)?;
    let n = match n.filter(|v| !v.is_none()) {
        Some(v) => int_arg(ts, &v)?,
        None => -1,
    };
    let mut g = m.open(ts)?;
    let start = g.pos.min(g.len);
    let avail = g.len - start;
    let n = if n < 0 {
        avail
    } else {
        (n as usize).min(avail)
    };
    let out = g.bytes()[start..start + n].to_vec();
    g.pos = start + n;
    drop(g);
    Ok(new_bytes(ts, out))
}

fn m_read_byte(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    a.none(ts, "read_byte")?;
    let mut g = m.open(ts)?;
    let Some(&b) = g.bytes().get(g.pos) else {
        return Err(ts.value_error("read byte out of range"));
    };
    g.pos += 1;
    Ok(ts.new_int(b as i64))
}

fn m_readline(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    a.none(ts, "readline")?;
    let mut g = m.open(ts)?;
    let start = g.pos.min(g.len);
    let rest = &g.bytes()[start..];
    let n = rest
        .iter()
        .position(|&b| b == b'\n')
        .map_or(rest.len(), |i| i + 1);
    let out = rest[..n].to_vec();
    g.pos = start + n;
    drop(g);
    Ok(new_bytes(ts, out))
}

fn m_write(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    let [data] = a.parse::<1>(ts, "write", &[""], 1)?;
    let data = buffer_arg(ts, &data.unwrap_or_else(none))?;
    let mut g = m.open(ts)?;
    writable(ts, &g)?;
    let pos = g.pos;
    if pos > g.len || g.len - pos < data.len() {
        return Err(ts.value_error("data out of range"));
    }
    g.bytes_mut()[pos..pos + data.len()].copy_from_slice(&data);
    g.pos += data.len();
    Ok(ts.new_int(data.len() as i64))
}

fn m_write_byte(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    let [b] = a.parse::<1>(ts, "write_byte", &[""], 1)?;
    let b = int_arg(ts, &b.unwrap_or_else(none))?;
    let b = u8::try_from(b).map_err(|_| {
        ts.overflow_error(if b < 0 {
            "unsigned byte integer is less than minimum"
        } else {
            "unsigned byte integer is greater than maximum"
        })
    })?;
    let mut g = m.open(ts)?;
    writable(ts, &g)?;
    let pos = g.pos;
    let Some(slot) = g.bytes_mut().get_mut(pos) else {
        return Err(ts.value_error("write byte out of range"));
    };
    *slot = b;
    g.pos += 1;
    Ok(none())
}

fn m_seek(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    let [pos, whence] = a.parse::<2>(ts, "seek", &["", ""], 1)?;
    let dist = int_arg(ts, &pos.unwrap_or_else(none))?;
    let whence = match whence {
        Some(w) => int_arg(ts, &w)?,
        None => 0,
    };
    let mut g = m.open(ts)?;
    let base = match whence {
        0 => 0,
        1 => g.pos as i64,
        2 => g.len as i64,
        _ => return Err(ts.value_error("unknown seek type")),
    };
    let Some(new) = base
        .checked_add(dist)
        .filter(|n| (0..=g.len as i64).contains(n))
    else {
        return Err(ts.value_error("seek out of range"));
    };
    g.pos = new as usize;
    Ok(ts.new_int(new))
}

fn m_seekable(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    this(ts, s)?;
    a.none(ts, "seekable")?;
    Ok(py_bool(true))
}

fn m_tell(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    a.none(ts, "tell")?;
    Ok(ts.new_int(m.open(ts)?.pos as i64))
}

fn m_size(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    a.none(ts, "size")?;
    let g = m.open(ts)?;
    if g.untracked {
        return Err(crate::posix::os_error(ts, libc::EBADF, None, None));
    }
    if g.fd < 0 {
        return Ok(ts.new_int(g.len as i64));
    }
    // SAFETY: all-zero is a valid stat; fstat fills it.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: our own fd and a valid out-parameter.
    if unsafe { libc::fstat(g.fd, &mut st) } == -1 {
        return Err(crate::posix::last_os_error(ts, None));
    }
    Ok(ts.new_int(st.st_size))
}

fn m_resize(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    let [n] = a.parse::<1>(ts, "resize", &[""], 1)?;
    let n = int_arg(ts, &n.unwrap_or_else(none))?;
    let mut g = m.open(ts)?;
    if g.access != super::ACCESS_DEFAULT && g.access != ACCESS_WRITE {
        return Err(ts.type_error("mmap can't resize a readonly or copy-on-write memory map."));
    }
    // ORDERING: Relaxed: see `add_export`.
    if m.exports.load(Ordering::Relaxed) > 0 {
        return Err(ts.new_error(
            vm::runtime::types().exc.buffer_error,
            "mmap can't resize with extant buffers exported.",
        ));
    }
    if n < 0 || n as u64 > (isize::MAX as u64) - g.offset as u64 {
        return Err(ts.value_error("new size out of range"));
    }
    let n = n as usize;
    if g.untracked {
        return Err(ts.value_error("mmap: can't resize with trackfd=False."));
    }
    if g.shared_anonymous && n > g.len {
        // Linux cannot grow a shared anonymous mapping (kernel bug 8691), as CPython says.
        return Err(ts.value_error("mmap: can't expand a shared anonymous mapping on Linux"));
    }
    if g.fd >= 0 {
        // SAFETY: our own fd.
        if unsafe { libc::ftruncate(g.fd, g.offset + n as i64) } == -1 {
            return Err(crate::posix::last_os_error(ts, None));
        }
    }
    // SAFETY: remaps our own mapping; on success the old address is invalid and replaced.
    let p = unsafe { libc::mremap(g.addr as *mut libc::c_void, g.len, n, libc::MREMAP_MAYMOVE) };
    if p == libc::MAP_FAILED {
        return Err(crate::posix::last_os_error(ts, None));
    }
    g.addr = p as usize;
    g.len = n;
    g.pos = g.pos.min(n);
    Ok(none())
}

fn m_flush(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    let [off, size] = a.parse::<2>(ts, "flush", &["", ""], 0)?;
    let g = m.open(ts)?;
    let off = match off {
        Some(v) => int_arg(ts, &v)?,
        None => 0,
    };
    let size = match size {
        Some(v) => int_arg(ts, &v)?,
        None => g.len as i64,
    };
    if size < 0 || off < 0 || (g.len as i64) - off < size {
        return Err(ts.value_error("flush values out of range"));
    }
    if g.access == ACCESS_READ || g.access == ACCESS_COPY || size == 0 {
        return Ok(none());
    }
    let addr = g.addr + off as usize;
    // Not detached: the map lock is a leaf lock that memoryview readers take attached.
    // SAFETY: the range lies inside our mapping (checked above); msync reads no Rust memory.
    let r = unsafe { libc::msync(addr as *mut libc::c_void, size as usize, libc::MS_SYNC) };
    if r == -1 {
        return Err(crate::posix::last_os_error(ts, None));
    }
    Ok(none())
}

fn find_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    rev: bool,
) -> PyResult<Value> {
    let m = this(ts, s)?;
    let [sub, start, end] = a.parse::<3>(ts, name, &["", "", ""], 1)?;
    let sub = buffer_arg(ts, &sub.unwrap_or_else(none))?;
    let g = m.open(ts)?;
    let len = g.len;
    let pos = g.pos;
    drop(g);
    let start = start.or_else(|| Some(ts.new_int(pos as i64)));
    let (lo, hi) = start_stop(ts, start, end, len)?;
    let g = m.open(ts)?;
    let b = g.bytes();
    let hi = hi.min(b.len());
    if lo > hi || hi - lo < sub.len() {
        return Ok(ts.new_int(-1));
    }
    let hay = &b[lo..hi];
    let found = if sub.is_empty() {
        Some(if rev { hay.len() } else { 0 })
    } else if rev {
        hay.windows(sub.len()).rposition(|w| w == sub.as_slice())
    } else {
        hay.windows(sub.len()).position(|w| w == sub.as_slice())
    };
    Ok(ts.new_int(found.map_or(-1, |i| (lo + i) as i64)))
}

fn m_find(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    find_impl(ts, s, a, "find", false)
}

fn m_rfind(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    find_impl(ts, s, a, "rfind", true)
}

fn m_move(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    let [dest, src, count] = a.parse::<3>(ts, "move", &["", "", ""], 3)?;
    let dest = int_arg(ts, &dest.unwrap_or_else(none))?;
    let src = int_arg(ts, &src.unwrap_or_else(none))?;
    let count = int_arg(ts, &count.unwrap_or_else(none))?;
    let mut g = m.open(ts)?;
    writable(ts, &g)?;
    let len = g.len as i64;
    if dest < 0 || src < 0 || count < 0 || len - dest < count || len - src < count {
        return Err(ts.value_error("source, destination, or count out of range"));
    }
    let (d, s, c) = (dest as usize, src as usize, count as usize);
    g.bytes_mut().copy_within(s..s + c, d);
    Ok(none())
}

fn m_madvise(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    let [option, start, length] = a.parse::<3>(ts, "madvise", &["", "", ""], 1)?;
    let option = int_arg(ts, &option.unwrap_or_else(none))? as i32;
    let start = match start {
        Some(v) => int_arg(ts, &v)?,
        None => 0,
    };
    let g = m.open(ts)?;
    if start < 0 || start as usize >= g.len.max(1) {
        return Err(ts.value_error("madvise start out of bounds"));
    }
    let length = match length {
        Some(v) => int_arg(ts, &v)?,
        None => g.len as i64,
    };
    if length < 0 {
        return Err(ts.value_error("madvise length invalid"));
    }
    if length > isize::MAX as i64 - start {
        return Err(ts.overflow_error("madvise length too large"));
    }
    let length = (length as usize).min(g.len - start as usize);
    // SAFETY: the range lies inside our mapping; madvise is advice only.
    let r = unsafe {
        libc::madvise(
            (g.addr + start as usize) as *mut libc::c_void,
            length,
            option,
        )
    };
    if r == -1 {
        return Err(crate::posix::last_os_error(ts, None));
    }
    Ok(none())
}

fn m_enter(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let m = this(ts, s)?;
    a.none(ts, "__enter__")?;
    drop(m.open(ts)?);
    Ok(s.clone())
}

fn m_exit(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    m_close(ts, s, MethodArgs::new(&[], None))
}
