//! `zlib`: deflate compression (CPython's `Modules/zlibmodule.c`), which gzip, zipfile,
//! tarfile, shutil's archives and http need.
//!
//! Over stock zlib through `libz-sys` ([`stream`]), so compressed bytes equal CPython's.
//! Functions `compress`, `decompress`, `crc32`, `adler32`, `compressobj`, `decompressobj`;
//! types `Compress`, `Decompress` ([`objects`]) and `_ZlibDecompressor` (what `gzip` reads
//! with). Each stream object keeps its state behind a mutex; a thread that finds it taken
//! waits detached, and calls over large inputs run detached too, as CPython releases the GIL
//! there: zlib touches no Python object.

mod objects;
mod stream;

use num_bigint::BigInt;
use std::sync::OnceLock;
use stream::{ZError, ZStream, Z_BUF_ERROR, Z_DATA_ERROR, Z_STREAM_END, Z_STREAM_ERROR};
use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyErr;
use vm::objects::bytes::{buffer_arg, new_bytes};
use vm::objects::dict::PyDict;
use vm::objects::int::{as_int, IntVal};
use vm::protocols;
use vm::runtime::types;
use vm::{PyResult, ThreadState, Value};

/// The module's initializer.
pub const init: Option<NativeInit> = Some(zlib_init);

pub(crate) const MAX_WBITS: i32 = 15;
pub(crate) const DEFLATED: i32 = 8;
pub(crate) const DEF_MEM_LEVEL: i32 = 8;
pub(crate) const DEF_BUF_SIZE: usize = 16 * 1024;
/// Inputs above this size are (de)compressed detached (CPython's threshold for crc32).
pub(crate) const DETACH_ABOVE: usize = 5 * 1024;

const CONSTANTS: &[(&str, i64)] = &[
    ("MAX_WBITS", MAX_WBITS as i64),
    ("DEFLATED", DEFLATED as i64),
    ("DEF_MEM_LEVEL", DEF_MEM_LEVEL as i64),
    ("DEF_BUF_SIZE", DEF_BUF_SIZE as i64),
    ("Z_NO_COMPRESSION", 0),
    ("Z_BEST_SPEED", 1),
    ("Z_BEST_COMPRESSION", 9),
    ("Z_DEFAULT_COMPRESSION", -1),
    ("Z_FILTERED", 1),
    ("Z_HUFFMAN_ONLY", 2),
    ("Z_RLE", 3),
    ("Z_FIXED", 4),
    ("Z_DEFAULT_STRATEGY", 0),
    ("Z_NO_FLUSH", 0),
    ("Z_PARTIAL_FLUSH", 1),
    ("Z_SYNC_FLUSH", 2),
    ("Z_FULL_FLUSH", 3),
    ("Z_FINISH", 4),
    ("Z_BLOCK", 5),
    ("Z_TREES", 6),
];

/// `zlib.error`, made once (a re-import of the module gets the same class).
static ERROR: OnceLock<Value> = OnceLock::new();

fn error_class(ts: &ThreadState) -> PyResult<Value> {
    if let Some(e) = ERROR.get() {
        return Ok(e.clone());
    }
    let ns = ts.new_dict();
    protocols::set_item(ts, &ns, &ts.new_str("__module__"), ts.new_str("zlib"))?;
    let bases = ts.new_tuple(vec![types().exc.exception.to_value()]);
    let args = [ts.new_str("error"), bases, ns];
    let cls = protocols::call(ts, &types().type_.to_value(), &args, None)?;
    Ok(ERROR.get_or_init(|| cls).clone())
}

/// `zlib.error(msg)`.
pub(crate) fn zlib_error(ts: &ThreadState, msg: String) -> PyErr {
    match error_class(ts).and_then(|c| protocols::call(ts, &c, &[ts.new_str(&msg)], None)) {
        Ok(e) => PyErr::from_instance(e),
        Err(e) => e,
    }
}

/// CPython's `zlib_error`: "Error -3 while decompressing data: incorrect header check".
pub(crate) fn stream_error(ts: &ThreadState, e: &ZError, what: &str) -> PyErr {
    let zmsg = if e.code == stream::Z_VERSION_ERROR {
        Some("library version mismatch".to_string())
    } else {
        e.msg.clone().or_else(|| {
            match e.code {
                Z_BUF_ERROR => Some("incomplete or truncated stream"),
                Z_STREAM_ERROR => Some("inconsistent stream state"),
                Z_DATA_ERROR => Some("invalid input data"),
                _ => None,
            }
            .map(str::to_string)
        })
    };
    let code = e.code;
    zlib_error(
        ts,
        match zmsg {
            Some(m) => format!("Error {code} {what}: {m:.200}"),
            None => format!("Error {code} {what}"),
        },
    )
}

fn zlib_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(
        ts,
        "zlib",
        &[
            ("adler32", adler32),
            ("compress", compress),
            ("compressobj", objects::compressobj),
            ("crc32", crc32),
            ("decompress", decompress),
            ("decompressobj", objects::decompressobj),
        ],
    )?;
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("module dict is not a dict"))?;
    dd.set_str(ts, "error", error_class(ts)?);
    dd.set_str(
        ts,
        "_ZlibDecompressor",
        objects::zlib_decompressor_type(ts).to_value(),
    );
    for (name, v) in CONSTANTS {
        dd.set_str(ts, name, ts.new_int(*v));
    }
    let version = stream::runtime_version();
    dd.set_str(ts, "ZLIB_VERSION", ts.new_str(&version));
    dd.set_str(ts, "ZLIB_RUNTIME_VERSION", ts.new_str(&version));
    dd.set_str(ts, "__version__", ts.new_str("1.0"));
    Ok(m)
}

/// MemoryError(msg).
pub(crate) fn nomem(ts: &ThreadState, msg: &str) -> PyErr {
    ts.new_error(types().exc.memory_error, msg)
}

// --- argument conversions ---

/// A C `int` argument (clinic's `int`).
pub(crate) fn c_int(ts: &ThreadState, v: &Value) -> PyResult<i32> {
    let i = protocols::index(ts, v)?;
    match as_int(&i) {
        Some(IntVal::Small(x)) => i32::try_from(x).map_err(|_| int_overflow(ts, x > 0, "int")),
        Some(IntVal::Big(b)) => Err(int_overflow(ts, b.sign() != num_bigint::Sign::Minus, "int")),
        None => Err(ts.type_error("an integer is required")),
    }
}

/// A `Py_ssize_t` argument.
pub(crate) fn c_ssize(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let i = protocols::index(ts, v)?;
    match as_int(&i) {
        Some(IntVal::Small(x)) => Ok(x),
        Some(IntVal::Big(b)) => Err(int_overflow(
            ts,
            b.sign() != num_bigint::Sign::Minus,
            "ssize_t",
        )),
        None => Err(ts.type_error("an integer is required")),
    }
}

fn int_overflow(ts: &ThreadState, large: bool, c: &str) -> PyErr {
    let how = if large { "large" } else { "small" };
    ts.overflow_error(format!("Python int too {how} to convert to C {c}"))
}

/// An `unsigned_int(bitwise=True)` argument: any int, taken modulo 2**32.
fn c_uint_bitwise(ts: &ThreadState, v: &Value) -> PyResult<u32> {
    let i = protocols::index(ts, v)?;
    match as_int(&i) {
        Some(IntVal::Small(x)) => Ok(x as u32),
        Some(IntVal::Big(b)) => {
            let low = b & BigInt::from(u32::MAX);
            Ok(u32::try_from(&low).unwrap_or(0))
        }
        None => Err(ts.type_error("an integer is required")),
    }
}

/// Runs `f` detached when `len` is large enough for it to be worth the switch.
pub(crate) fn maybe_detached<R>(ts: &ThreadState, len: usize, f: impl FnOnce() -> R) -> R {
    if len > DETACH_ABOVE {
        ts.detached(f)
    } else {
        f()
    }
}

// --- module functions ---

fn checksum(
    ts: &ThreadState,
    a: MethodArgs<'_>,
    name: &str,
    start: u32,
    f: fn(u32, &[u8]) -> u32,
) -> PyResult<Value> {
    let [data, value] = a.parse::<2>(ts, name, &["", ""], 1)?;
    let data = buffer_arg(ts, &data.unwrap_or_else(vm::runtime::none))?;
    let value = match value {
        Some(v) => c_uint_bitwise(ts, &v)?,
        None => start,
    };
    let r = maybe_detached(ts, data.len(), || f(value, &data));
    Ok(ts.new_int(r as i64))
}

/// `crc32(data, value=0, /)`.
fn crc32(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    checksum(ts, a, "crc32", 0, stream::crc32)
}

/// `adler32(data, value=1, /)`.
fn adler32(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    checksum(ts, a, "adler32", 1, stream::adler32)
}

/// `compress(data, /, level=Z_DEFAULT_COMPRESSION, wbits=MAX_WBITS)`.
fn compress(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, level, wbits] = a.parse::<3>(ts, "compress", &["", "level", "wbits"], 1)?;
    let data = buffer_arg(ts, &data.unwrap_or_else(vm::runtime::none))?;
    let level = level.map_or(Ok(-1), |v| c_int(ts, &v))?;
    let wbits = wbits.map_or(Ok(MAX_WBITS), |v| c_int(ts, &v))?;
    let mut zs = match ZStream::deflate(level, DEFLATED, wbits, DEF_MEM_LEVEL, 0) {
        Ok(z) => z,
        Err(e) if e.code == stream::Z_MEM_ERROR => {
            return Err(nomem(ts, "Out of memory while compressing data"))
        }
        Err(e) if e.code == Z_STREAM_ERROR => {
            return Err(zlib_error(ts, "Bad compression level".to_string()))
        }
        Err(e) => return Err(stream_error(ts, &e, "while compressing data")),
    };
    let mut out = Vec::new();
    let r = maybe_detached(ts, data.len(), || {
        zs.pump(
            &data,
            &mut out,
            libz_sys::Z_FINISH,
            stream::BLOCK_SIZES[0],
            None,
            None,
        )
    });
    match r {
        Ok(p) if p.code == Z_STREAM_END => Ok(new_bytes(ts, out)),
        Ok(p) => Err(stream_error(
            ts,
            &zs.error(p.code),
            "while compressing data",
        )),
        Err(e) => Err(stream_error(ts, &e, "while compressing data")),
    }
}

/// `decompress(data, /, wbits=MAX_WBITS, bufsize=DEF_BUF_SIZE)`.
fn decompress(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, wbits, bufsize] = a.parse::<3>(ts, "decompress", &["", "wbits", "bufsize"], 1)?;
    let data = buffer_arg(ts, &data.unwrap_or_else(vm::runtime::none))?;
    let wbits = wbits.map_or(Ok(MAX_WBITS), |v| c_int(ts, &v))?;
    let bufsize = bufsize.map_or(Ok(DEF_BUF_SIZE as i64), |v| c_ssize(ts, &v))?;
    if bufsize < 0 {
        return Err(ts.value_error("bufsize must be non-negative"));
    }
    let mut zs = match ZStream::inflate(wbits) {
        Ok(z) => z,
        Err(e) if e.code == stream::Z_MEM_ERROR => {
            return Err(nomem(ts, "Out of memory while decompressing data"))
        }
        Err(e) => return Err(stream_error(ts, &e, "while preparing to decompress data")),
    };
    let mut out = Vec::new();
    let first = (bufsize.max(1) as usize).min(1 << 30);
    let r = maybe_detached(ts, data.len(), || {
        zs.pump(&data, &mut out, libz_sys::Z_FINISH, first, None, None)
    });
    match r {
        Ok(p) if p.code == Z_STREAM_END => Ok(new_bytes(ts, out)),
        Ok(p) if p.code == stream::Z_MEM_ERROR => {
            Err(nomem(ts, "Out of memory while decompressing data"))
        }
        Ok(p) => Err(stream_error(
            ts,
            &zs.error(p.code),
            "while decompressing data",
        )),
        Err(e) => Err(stream_error(ts, &e, "while decompressing data")),
    }
}
