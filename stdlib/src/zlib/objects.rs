//! The stream objects of `zlib`: `Compress` (from `compressobj`), `Decompress` (from
//! `decompressobj`) and `_ZlibDecompressor`, with CPython's methods, attributes and messages.
//!
//! Each holds its zlib stream and buffers in a `Mutex`; [`lock`] waits for it detached, so a
//! thread blocked on a busy stream never holds up a stop-the-world. A stream that has ended
//! (`flush(Z_FINISH)`, or a decompressor past its end) is `None`, and using it again gives
//! zlib's Z_STREAM_ERROR messages, as calling zlib on an ended stream does in CPython.

use super::stream::{
    ZError, ZStream, BLOCK_SIZES, Z_BUF_ERROR, Z_MEM_ERROR, Z_OK, Z_STREAM_END, Z_STREAM_ERROR,
};
use super::{
    c_int, c_ssize, maybe_detached, nomem, stream_error, DEFLATED, DEF_BUF_SIZE, DEF_MEM_LEVEL,
    MAX_WBITS,
};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError, TryLockError};
use vm::builtins::args::MethodArgs;
use vm::object::PyPayload;
use vm::objects::bytes::{buffer_arg, bytes_data, new_bytes};
use vm::objects::descr::{add_getset, add_method};
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::PyType;
use vm::runtime::{none, py_bool};
use vm::{PyResult, ThreadState, Value};

const Z_FINISH: i32 = libz_sys::Z_FINISH;
const Z_SYNC_FLUSH: i32 = libz_sys::Z_SYNC_FLUSH;

/// Locks `m`, waiting detached if another thread holds it. The mutex is a leaf lock: its
/// holder runs only zlib and byte copies, never Python code.
fn lock<'a, T>(ts: &ThreadState, m: &'a Mutex<T>) -> MutexGuard<'a, T> {
    match m.try_lock() {
        Ok(g) => g,
        Err(TryLockError::Poisoned(p)) => p.into_inner(),
        Err(TryLockError::WouldBlock) => {
            ts.detached(|| m.lock().unwrap_or_else(PoisonError::into_inner))
        }
    }
}

/// The error of a zlib call on an ended stream.
fn ended() -> ZError {
    ZError {
        code: Z_STREAM_ERROR,
        msg: None,
    }
}

fn ok_or_buf(code: i32) -> bool {
    code == Z_OK || code == Z_BUF_ERROR
}

// --- Compress ---

/// A `zlib.Compress` object.
pub struct PyCompress {
    zs: Mutex<Option<ZStream>>,
}

impl PyPayload for PyCompress {
    const GC: bool = false;
}

/// A `zlib.Decompress` object.
pub struct PyDecompress {
    st: Mutex<DecompState>,
}

struct DecompState {
    zs: Option<ZStream>,
    unused_data: Vec<u8>,
    unconsumed_tail: Vec<u8>,
    eof: bool,
    zdict: Option<Vec<u8>>,
}

impl PyPayload for PyDecompress {
    const GC: bool = false;
}

/// A `zlib._ZlibDecompressor` object (the one-way decompressor `gzip` uses).
pub struct PyZlibDecompressor {
    st: Mutex<ZdState>,
}

struct ZdState {
    zs: Option<ZStream>,
    zdict: Option<Vec<u8>>,
    unused_data: Vec<u8>,
    /// Input given but not consumed yet (the output limit was reached first).
    pending: Vec<u8>,
    eof: bool,
    needs_input: bool,
}

impl PyPayload for PyZlibDecompressor {
    const GC: bool = false;
}

struct Types {
    compress: &'static PyType,
    decompress: &'static PyType,
    zlib_decompressor: &'static PyType,
}

static TYPES: OnceLock<Types> = OnceLock::new();

fn types(ts: &ThreadState) -> &'static Types {
    TYPES.get_or_init(|| Types {
        compress: vm::runtime::new_native_type::<PyCompress>(
            ts,
            "zlib.Compress",
            None,
            0,
            setup_compress,
        ),
        decompress: vm::runtime::new_native_type::<PyDecompress>(
            ts,
            "zlib.Decompress",
            None,
            0,
            setup_decompress,
        ),
        zlib_decompressor: vm::runtime::new_native_type::<PyZlibDecompressor>(
            ts,
            "zlib._ZlibDecompressor",
            None,
            0,
            setup_zlib_decompressor,
        ),
    })
}

pub(super) fn zlib_decompressor_type(ts: &ThreadState) -> &'static PyType {
    types(ts).zlib_decompressor
}

fn no_new(ts: &ThreadState, cls: &Value, _a: &[Value], _kw: Option<&PyTuple>) -> PyResult<Value> {
    Err(ts.type_error(format!(
        "cannot create '{}' instances",
        cls.as_type().name()
    )))
}

/// The streams hold zlib state that cannot be rebuilt: "cannot pickle 'zlib.Compress' object".
fn no_pickle(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let t = s.class();
    let module = t.dict().get_str(ts, "__module__");
    let module = module.map(|m| vm::objects::str::str_lossy(&m));
    let name = match module.as_deref() {
        Some(m) if m != "builtins" && !t.name().contains('.') => format!("{m}.{}", t.name()),
        _ => t.name().to_string(),
    };
    Err(ts.type_error(format!("cannot pickle '{name}' object")))
}

fn setup_compress(ts: &ThreadState, t: &'static PyType) {
    add_method(ts, t, "__reduce_ex__", no_pickle);
    add_method(ts, t, "__reduce__", no_pickle);
    t.slots.new.set(Some(no_new));
    add_method(ts, t, "compress", c_compress);
    add_method(ts, t, "flush", c_flush);
    add_method(ts, t, "copy", c_copy);
    add_method(ts, t, "__copy__", c_copy);
    add_method(ts, t, "__deepcopy__", c_deepcopy);
}

fn setup_decompress(ts: &ThreadState, t: &'static PyType) {
    add_method(ts, t, "__reduce_ex__", no_pickle);
    add_method(ts, t, "__reduce__", no_pickle);
    t.slots.new.set(Some(no_new));
    add_method(ts, t, "decompress", d_decompress);
    add_method(ts, t, "flush", d_flush);
    add_method(ts, t, "copy", d_copy);
    add_method(ts, t, "__copy__", d_copy);
    add_method(ts, t, "__deepcopy__", d_deepcopy);
    add_getset(ts, t, "unused_data", d_unused_data, None);
    add_getset(ts, t, "unconsumed_tail", d_unconsumed_tail, None);
    add_getset(ts, t, "eof", d_eof, None);
}

fn setup_zlib_decompressor(ts: &ThreadState, t: &'static PyType) {
    add_method(ts, t, "__reduce_ex__", no_pickle);
    add_method(ts, t, "__reduce__", no_pickle);
    t.slots.new.set(Some(zd_new));
    add_method(ts, t, "decompress", zd_decompress);
    add_getset(ts, t, "eof", zd_eof, None);
    add_getset(ts, t, "unused_data", zd_unused_data, None);
    add_getset(ts, t, "needs_input", zd_needs_input, None);
}

fn this<'a, T: PyPayload>(ts: &ThreadState, v: &'a Value, name: &str) -> PyResult<&'a T> {
    v.downcast::<T>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a '{name}' object but received a '{}'",
            v.class().name()
        ))
    })
}

/// `compressobj(level=-1, method=DEFLATED, wbits=MAX_WBITS, memLevel=DEF_MEM_LEVEL,
/// strategy=Z_DEFAULT_STRATEGY, zdict=None)`.
pub(super) fn compressobj(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let names = ["level", "method", "wbits", "memLevel", "strategy", "zdict"];
    let [level, method, wbits, mem, strategy, zdict] =
        a.parse::<6>(ts, "compressobj", &names, 0)?;
    let int = |v: Option<Value>, d: i32| v.map_or(Ok(d), |v| c_int(ts, &v));
    let level = int(level, -1)?;
    let method = int(method, DEFLATED)?;
    let wbits = int(wbits, MAX_WBITS)?;
    let mem = int(mem, DEF_MEM_LEVEL)?;
    let strategy = int(strategy, 0)?;
    let zdict = match zdict {
        Some(z) => Some(buffer_arg(ts, &z)?),
        None => None,
    };
    let mut zs = match ZStream::deflate(level, method, wbits, mem, strategy) {
        Ok(z) => z,
        Err(e) if e.code == Z_MEM_ERROR => {
            return Err(nomem(ts, "Can't allocate memory for compression object"))
        }
        Err(e) if e.code == Z_STREAM_ERROR => {
            return Err(ts.value_error("Invalid initialization option"))
        }
        Err(e) => return Err(stream_error(ts, &e, "while creating compression object")),
    };
    if let Some(d) = &zdict {
        if let Err(e) = zs.set_dictionary(d) {
            return Err(ts.value_error(if e.code == Z_STREAM_ERROR {
                "Invalid dictionary"
            } else {
                "deflateSetDictionary()"
            }));
        }
    }
    let p = PyCompress {
        zs: Mutex::new(Some(zs)),
    };
    vm::object::alloc(ts, types(ts).compress, p)
}

fn data_arg(ts: &ThreadState, v: Option<Value>) -> PyResult<Vec<u8>> {
    buffer_arg(ts, &v.unwrap_or_else(none))
}

/// `Compress.compress(data, /)`.
fn c_compress(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = this::<PyCompress>(ts, s, "zlib.Compress")?;
    let [data] = a.parse::<1>(ts, "compress", &[""], 1)?;
    let data = data_arg(ts, data)?;
    let mut g = lock(ts, &c.zs);
    let Some(zs) = g.as_mut() else {
        return Err(stream_error(ts, &ended(), "while compressing data"));
    };
    let mut out = Vec::new();
    let first = BLOCK_SIZES[0];
    let r = maybe_detached(ts, data.len(), || {
        zs.pump(&data, &mut out, libz_sys::Z_NO_FLUSH, first, None, None)
    });
    match r {
        Ok(p) if p.code != Z_STREAM_ERROR => Ok(new_bytes(ts, out)),
        Ok(p) => Err(stream_error(
            ts,
            &zs.error(p.code),
            "while compressing data",
        )),
        Err(e) => Err(stream_error(ts, &e, "while compressing data")),
    }
}

/// `Compress.flush(mode=Z_FINISH, /)`.
fn c_flush(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = this::<PyCompress>(ts, s, "zlib.Compress")?;
    let [mode] = a.parse::<1>(ts, "flush", &[""], 0)?;
    let mode = mode.map_or(Ok(Z_FINISH), |v| c_int(ts, &v))?;
    if mode == libz_sys::Z_NO_FLUSH {
        return Ok(new_bytes(ts, Vec::new()));
    }
    let mut g = lock(ts, &c.zs);
    let Some(zs) = g.as_mut() else {
        return Err(stream_error(ts, &ended(), "while flushing"));
    };
    let mut out = Vec::new();
    let r = zs.pump(&[], &mut out, mode, BLOCK_SIZES[0], None, None);
    let code = match r {
        Ok(p) => p.code,
        Err(e) => return Err(stream_error(ts, &e, "while flushing")),
    };
    if code == Z_STREAM_END && mode == Z_FINISH {
        *g = None;
    } else if !ok_or_buf(code) {
        return Err(stream_error(ts, &zs.error(code), "while flushing"));
    }
    Ok(new_bytes(ts, out))
}

/// The copy of a stream, with CPython's errors for `what` ("compression object").
fn copy_stream(ts: &ThreadState, zs: Option<&mut ZStream>, what: &str) -> PyResult<ZStream> {
    let Some(zs) = zs else {
        return Err(ts.value_error("Inconsistent stream state"));
    };
    match zs.copy() {
        Ok(z) => Ok(z),
        Err(e) if e.code == Z_STREAM_ERROR => Err(ts.value_error("Inconsistent stream state")),
        Err(e) if e.code == Z_MEM_ERROR => {
            Err(nomem(ts, &format!("Can't allocate memory for {what}")))
        }
        Err(e) => Err(stream_error(ts, &e, &format!("while copying {what}"))),
    }
}

/// `Compress.copy()`.
fn c_copy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = this::<PyCompress>(ts, s, "zlib.Compress")?;
    a.none(ts, "copy")?;
    let z = {
        let mut g = lock(ts, &c.zs);
        copy_stream(ts, g.as_mut(), "compression object")?
    };
    let p = PyCompress {
        zs: Mutex::new(Some(z)),
    };
    vm::object::alloc(ts, types(ts).compress, p)
}

fn c_deepcopy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.parse::<1>(ts, "__deepcopy__", &[""], 1)?;
    c_copy(ts, s, MethodArgs::new(&[], None))
}

// --- Decompress ---

/// The zdict argument of the decompressors: any buffer.
fn zdict_arg(ts: &ThreadState, z: Option<Value>) -> PyResult<Option<Vec<u8>>> {
    match z {
        None => Ok(None),
        Some(z) => match bytes_data(&z) {
            Some(d) => Ok(Some(d)),
            None => Err(ts.type_error("zdict argument must support the buffer protocol")),
        },
    }
}

/// An inflate stream for the decompressors, with CPython's errors; a raw stream gets its
/// dictionary at once (there is no header to ask for it).
fn inflate_stream(ts: &ThreadState, wbits: i32, zdict: Option<&[u8]>) -> PyResult<ZStream> {
    let mut zs = match ZStream::inflate(wbits) {
        Ok(z) => z,
        Err(e) if e.code == Z_STREAM_ERROR => {
            return Err(ts.value_error("Invalid initialization option"))
        }
        Err(e) if e.code == Z_MEM_ERROR => {
            return Err(nomem(ts, "Can't allocate memory for decompression object"))
        }
        Err(e) => return Err(stream_error(ts, &e, "while creating decompression object")),
    };
    if let (Some(d), true) = (zdict, wbits < 0) {
        zs.set_dictionary(d)
            .map_err(|e| stream_error(ts, &e, "while setting zdict"))?;
    }
    Ok(zs)
}

/// `decompressobj(wbits=MAX_WBITS, zdict=b'')`.
pub(super) fn decompressobj(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [wbits, zdict] = a.parse::<2>(ts, "decompressobj", &["wbits", "zdict"], 0)?;
    let wbits = wbits.map_or(Ok(MAX_WBITS), |v| c_int(ts, &v))?;
    let zdict = zdict_arg(ts, zdict)?;
    let zs = inflate_stream(ts, wbits, zdict.as_deref())?;
    let p = PyDecompress {
        st: Mutex::new(DecompState {
            zs: Some(zs),
            unused_data: Vec::new(),
            unconsumed_tail: Vec::new(),
            eof: false,
            zdict,
        }),
    };
    vm::object::alloc(ts, types(ts).decompress, p)
}

/// CPython's `save_unconsumed_input`: input left after the stream's end goes to
/// `unused_data`; input left because the output limit was reached goes to `unconsumed_tail`.
fn save_unconsumed(st: &mut DecompState, data: &[u8], consumed: usize, code: i32) {
    let rest = data.get(consumed..).unwrap_or(&[]);
    if code == Z_STREAM_END && !rest.is_empty() {
        st.unused_data.extend_from_slice(rest);
        st.unconsumed_tail.clear();
        return;
    }
    if !rest.is_empty() || !st.unconsumed_tail.is_empty() {
        st.unconsumed_tail = rest.to_vec();
    }
}

/// `Decompress.decompress(data, /, max_length=0)`.
fn d_decompress(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let d = this::<PyDecompress>(ts, s, "zlib.Decompress")?;
    let [data, max] = a.parse::<2>(ts, "decompress", &["", "max_length"], 1)?;
    let data = data_arg(ts, data)?;
    let max = max.map_or(Ok(0), |v| c_ssize(ts, &v))?;
    if max < 0 {
        return Err(ts.value_error("max_length must be non-negative"));
    }
    let limit = (max > 0).then_some(max as usize);
    let mut g = lock(ts, &d.st);
    let st = &mut *g;
    let Some(zs) = st.zs.as_mut() else {
        return Err(stream_error(ts, &ended(), "while decompressing data"));
    };
    let mut out = Vec::new();
    let first = limit.unwrap_or(BLOCK_SIZES[0]).min(BLOCK_SIZES[0]);
    let zdict = st.zdict.as_deref();
    let r = maybe_detached(ts, data.len(), || {
        zs.pump(&data, &mut out, Z_SYNC_FLUSH, first, limit, zdict)
    });
    let p = r.map_err(|e| stream_error(ts, &e, "while setting zdict"))?;
    let err = zs.error(p.code);
    save_unconsumed(st, &data, p.consumed, p.code);
    if p.code == Z_STREAM_END {
        st.eof = true;
    } else if !ok_or_buf(p.code) {
        return Err(stream_error(ts, &err, "while decompressing data"));
    }
    Ok(new_bytes(ts, out))
}

/// `Decompress.flush(length=DEF_BUF_SIZE, /)`.
fn d_flush(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let d = this::<PyDecompress>(ts, s, "zlib.Decompress")?;
    let [length] = a.parse::<1>(ts, "flush", &[""], 0)?;
    let length = length.map_or(Ok(DEF_BUF_SIZE as i64), |v| c_ssize(ts, &v))?;
    if length <= 0 {
        return Err(ts.value_error("length must be greater than zero"));
    }
    let mut g = lock(ts, &d.st);
    let st = &mut *g;
    let Some(zs) = st.zs.as_mut() else {
        // Flushing after the end (zlib's stream is gone) gives nothing more.
        return Ok(new_bytes(ts, Vec::new()));
    };
    let data = std::mem::take(&mut st.unconsumed_tail);
    let mut out = Vec::new();
    let first = (length as usize).min(1 << 30);
    let r = maybe_detached(ts, data.len(), || {
        zs.pump(&data, &mut out, Z_FINISH, first, None, None)
    });
    let p = r.map_err(|e| stream_error(ts, &e, "while decompressing data"))?;
    let err = zs.error(p.code);
    st.unconsumed_tail = data.clone();
    save_unconsumed(st, &data, p.consumed, p.code);
    if p.code == Z_STREAM_END {
        st.eof = true;
        st.zs = None;
    } else if !ok_or_buf(p.code) {
        return Err(stream_error(ts, &err, "while decompressing data"));
    }
    Ok(new_bytes(ts, out))
}

/// `Decompress.copy()`.
fn d_copy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let d = this::<PyDecompress>(ts, s, "zlib.Decompress")?;
    a.none(ts, "copy")?;
    let st = {
        let mut g = lock(ts, &d.st);
        let z = copy_stream(ts, g.zs.as_mut(), "decompression object")?;
        DecompState {
            zs: Some(z),
            unused_data: g.unused_data.clone(),
            unconsumed_tail: g.unconsumed_tail.clone(),
            eof: g.eof,
            zdict: g.zdict.clone(),
        }
    };
    let p = PyDecompress { st: Mutex::new(st) };
    vm::object::alloc(ts, types(ts).decompress, p)
}

fn d_deepcopy(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.parse::<1>(ts, "__deepcopy__", &[""], 1)?;
    d_copy(ts, s, MethodArgs::new(&[], None))
}

fn d_unused_data(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let d = this::<PyDecompress>(ts, s, "zlib.Decompress")?;
    let v = lock(ts, &d.st).unused_data.clone();
    Ok(new_bytes(ts, v))
}

fn d_unconsumed_tail(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let d = this::<PyDecompress>(ts, s, "zlib.Decompress")?;
    let v = lock(ts, &d.st).unconsumed_tail.clone();
    Ok(new_bytes(ts, v))
}

fn d_eof(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let d = this::<PyDecompress>(ts, s, "zlib.Decompress")?;
    Ok(py_bool(lock(ts, &d.st).eof))
}

// --- _ZlibDecompressor ---

/// `_ZlibDecompressor(wbits=MAX_WBITS, zdict=b'')`.
fn zd_new(ts: &ThreadState, cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let a = MethodArgs::new(args, kw);
    let [wbits, zdict] = a.parse::<2>(ts, "_ZlibDecompressor", &["wbits", "zdict"], 0)?;
    let wbits = wbits.map_or(Ok(MAX_WBITS), |v| c_int(ts, &v))?;
    let zdict = match zdict {
        Some(z) => Some(buffer_arg(ts, &z)?),
        None => None,
    };
    let zs = inflate_stream(ts, wbits, zdict.as_deref())?;
    let p = PyZlibDecompressor {
        st: Mutex::new(ZdState {
            zs: Some(zs),
            zdict,
            unused_data: Vec::new(),
            pending: Vec::new(),
            eof: false,
            needs_input: true,
        }),
    };
    vm::object::alloc(ts, cls.as_type(), p)
}

/// `_ZlibDecompressor.decompress(data, max_length=-1)`.
fn zd_decompress(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let d = this::<PyZlibDecompressor>(ts, s, "zlib._ZlibDecompressor")?;
    let [data, max] = a.parse::<2>(ts, "decompress", &["data", "max_length"], 1)?;
    let data = data_arg(ts, data)?;
    let max = max.map_or(Ok(-1), |v| c_ssize(ts, &v))?;
    let mut g = lock(ts, &d.st);
    let st = &mut *g;
    if st.eof {
        return Err(ts.new_error(
            vm::runtime::types().exc.eof_error,
            "End of stream already reached",
        ));
    }
    let Some(zs) = st.zs.as_mut() else {
        return Err(stream_error(ts, &ended(), "while decompressing data"));
    };
    let input = if st.pending.is_empty() {
        data
    } else {
        let mut p = std::mem::take(&mut st.pending);
        p.extend_from_slice(&data);
        p
    };
    let limit = (max >= 0 && max != i64::MAX).then_some(max as usize);
    // A caller reading fixed-size blocks nearly always gets `max_length`: start there.
    let first = limit.map_or(DEF_BUF_SIZE, |l| l.min(16 << 20));
    let mut out = Vec::new();
    let zdict = st.zdict.as_deref();
    let r = maybe_detached(ts, input.len(), || {
        zs.pump(&input, &mut out, Z_SYNC_FLUSH, first, limit, zdict)
    });
    let p = r.map_err(|e| stream_error(ts, &e, "while setting zdict"))?;
    if p.code == Z_STREAM_END {
        st.eof = true;
        st.zs = None;
    } else if !ok_or_buf(p.code) {
        return Err(stream_error(
            ts,
            &zs.error(p.code),
            "while decompressing data",
        ));
    }
    let rest = input.get(p.consumed..).unwrap_or(&[]);
    if st.eof {
        st.needs_input = false;
        if !rest.is_empty() {
            st.unused_data = rest.to_vec();
        }
    } else if rest.is_empty() {
        st.needs_input = true;
    } else {
        st.needs_input = false;
        st.pending = rest.to_vec();
    }
    Ok(new_bytes(ts, out))
}

fn zd_eof(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let d = this::<PyZlibDecompressor>(ts, s, "zlib._ZlibDecompressor")?;
    Ok(py_bool(lock(ts, &d.st).eof))
}

fn zd_unused_data(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let d = this::<PyZlibDecompressor>(ts, s, "zlib._ZlibDecompressor")?;
    let v = lock(ts, &d.st).unused_data.clone();
    Ok(new_bytes(ts, v))
}

fn zd_needs_input(ts: &ThreadState, s: &Value) -> PyResult<Value> {
    let d = this::<PyZlibDecompressor>(ts, s, "zlib._ZlibDecompressor")?;
    Ok(py_bool(lock(ts, &d.st).needs_input))
}
