//! `binascii`: conversions between binary data and ASCII encodings (hex, base64, uu) and the
//! CRC-32 / CRC-CCITT checksums, as CPython's `Modules/binascii.c`.
//!
//! The `a2b_*` functions accept ASCII-only str as well as bytes-like objects. Errors are
//! `binascii.Error` (a `ValueError`), made once per module object.

use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::{PyErr, PyResult};
use vm::objects::bytes::{bytes_data, new_bytes};
use vm::objects::dict::PyDict;
use vm::objects::str::PyStr;
use vm::protocols;
use vm::runtime::types;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_module);

/// Makes `binascii.<name>`, raised with `msg`.
fn error(ts: &ThreadState, name: &str, msg: &str) -> PyErr {
    let cls = ts
        .rt
        .sys_modules()
        .downcast::<PyDict>()
        .and_then(|d| d.get_str(ts, "binascii"))
        .and_then(|m| protocols::get_attr_str(ts, &m, name).ok());
    match cls {
        Some(c) => match protocols::call(ts, &c, &[ts.new_str(msg)], None) {
            Ok(e) => PyErr::from_instance(e),
            Err(e) => e,
        },
        None => ts.value_error(msg),
    }
}

fn binascii_error(ts: &ThreadState, msg: &str) -> PyErr {
    error(ts, "Error", msg)
}

/// A bytes-like argument (the `b2a_*` side).
fn arg_bytes(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_data(v) {
        return Ok(b);
    }
    if v.class().name() == "memoryview" {
        if let Some(b) = bytes_data(&protocols::call_method(ts, v, "tobytes", &[])?) {
            return Ok(b);
        }
    }
    Err(ts.type_error(format!(
        "a bytes-like object is required, not '{}'",
        v.class().name()
    )))
}

/// An ASCII-data argument (the `a2b_*` side): bytes-like, or a str of ASCII characters.
fn arg_ascii(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = v.downcast::<PyStr>() {
        if !s.is_ascii() {
            return Err(ts.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.to_string_lossy().into_bytes());
    }
    if bytes_data(v).is_some() || v.class().name() == "memoryview" {
        return arg_bytes(ts, v);
    }
    Err(ts.type_error(format!(
        "argument should be bytes, buffer or ASCII string, not '{}'",
        v.class().name()
    )))
}

fn hexlify_impl(ts: &ThreadState, a: MethodArgs<'_>, fname: &str) -> PyResult<Value> {
    let [data, sep, per] = a.parse::<3>(ts, fname, &["data", "sep", "bytes_per_sep"], 1)?;
    let data = arg_bytes(ts, &data.expect("required"))?;
    let hex: Vec<u8> = data
        .iter()
        .flat_map(|b| {
            let s = format!("{b:02x}");
            s.into_bytes()
        })
        .collect();
    let Some(sep) = sep.filter(|s| !s.is_none()) else {
        return Ok(new_bytes(ts, hex));
    };
    let sep = match sep.downcast::<PyStr>() {
        Some(s) => s.to_string_lossy().into_bytes(),
        None => arg_bytes(ts, &sep)?,
    };
    if sep.len() != 1 {
        return Err(ts.value_error("sep must be length 1."));
    }
    if !sep[0].is_ascii() {
        return Err(ts.value_error("sep must be ASCII."));
    }
    let per = match per {
        Some(p) => protocols::index_i64(ts, &p)?,
        None => 1,
    };
    if per == 0 || data.is_empty() {
        return Ok(new_bytes(ts, hex));
    }
    let n = per.unsigned_abs() as usize;
    // Groups count from the right for a positive bytes_per_sep, from the left if negative.
    let mut out = Vec::with_capacity(hex.len() * 2);
    let len = data.len();
    for (i, pair) in hex.chunks(2).enumerate() {
        let boundary = if per > 0 {
            (len - i) % n == 0
        } else {
            i % n == 0
        };
        if i > 0 && boundary {
            out.push(sep[0]);
        }
        out.extend_from_slice(pair);
    }
    Ok(new_bytes(ts, out))
}

fn b_hexlify(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    hexlify_impl(ts, a, "hexlify")
}

fn b_b2a_hex(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    hexlify_impl(ts, a, "b2a_hex")
}

fn unhexlify_impl(ts: &ThreadState, a: MethodArgs<'_>, fname: &str) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, fname, &["hexstr"], 1)?;
    let s = arg_ascii(ts, &s.expect("required"))?;
    if s.len() % 2 != 0 {
        return Err(binascii_error(ts, "Odd-length string"));
    }
    let mut out = Vec::with_capacity(s.len() / 2);
    for p in s.chunks(2) {
        let hi = (p[0] as char).to_digit(16);
        let lo = (p[1] as char).to_digit(16);
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(binascii_error(ts, "Non-hexadecimal digit found")),
        }
    }
    Ok(new_bytes(ts, out))
}

fn b_unhexlify(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    unhexlify_impl(ts, a, "unhexlify")
}

fn b_a2b_hex(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    unhexlify_impl(ts, a, "a2b_hex")
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u32> {
    B64.iter().position(|&x| x == c).map(|p| p as u32)
}

fn b_b2a_base64(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, newline] = a.parse::<2>(ts, "b2a_base64", &["", "*newline"], 1)?;
    let data = arg_bytes(ts, &data.expect("required"))?;
    let newline = match newline {
        Some(v) => protocols::is_true(ts, &v)?,
        None => true,
    };
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * k)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    if newline {
        out.push(b'\n');
    }
    Ok(new_bytes(ts, out))
}

fn b_a2b_base64(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, strict] = a.parse::<2>(ts, "a2b_base64", &["", "*strict_mode"], 1)?;
    let data = arg_ascii(ts, &data.expect("required"))?;
    let strict = match strict {
        Some(v) => protocols::is_true(ts, &v)?,
        None => false,
    };
    if strict && data.first() == Some(&b'=') {
        return Err(binascii_error(ts, "Leading padding not allowed"));
    }
    // CPython's state machine: bytes are emitted as soon as their bits are known, and in
    // non-strict mode a `=` only matters at the end (it is skipped elsewhere).
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let mut left: u32 = 0;
    let mut quad = 0usize;
    let mut pads = 0usize;
    let mut ndata = 0usize;
    let mut padding_started = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            pads += 1;
            if strict && quad >= 2 && quad + pads >= 4 {
                if i + 1 < data.len() {
                    return Err(binascii_error(ts, "Excess data after padding"));
                }
                return Ok(new_bytes(ts, out));
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err(binascii_error(ts, "Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding_started {
            return Err(binascii_error(ts, "Discontinuous padding not allowed"));
        }
        pads = 0;
        ndata += 1;
        match quad {
            0 => left = v,
            1 => {
                out.push(((left << 2) | (v >> 4)) as u8);
                left = v & 0x0F;
            }
            2 => {
                out.push(((left << 4) | (v >> 2)) as u8);
                left = v & 0x03;
            }
            _ => {
                out.push(((left << 6) | v) as u8);
                left = 0;
            }
        }
        quad = (quad + 1) % 4;
    }
    if quad == 1 {
        return Err(binascii_error(
            ts,
            &format!(
                "Invalid base64-encoded string: number of data characters ({ndata}) cannot be 1 more than a multiple of 4"
            ),
        ));
    }
    if quad != 0 && quad + pads < 4 {
        return Err(binascii_error(ts, "Incorrect padding"));
    }
    Ok(new_bytes(ts, out))
}

/// CRC-32 (ISO 3309, as zlib), bitwise over a 256-entry table built at compile time.
const CRC32_TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

fn b_crc32(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, crc] = a.parse::<2>(ts, "crc32", &["", ""], 1)?;
    let data = arg_bytes(ts, &data.expect("required"))?;
    let crc = match crc {
        Some(c) => low_bits(ts, &c, 32)? as u32,
        None => 0,
    };
    let mut c = !crc;
    for &b in &data {
        c = CRC32_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    Ok(ts.new_int((!c) as i64))
}

/// The low `bits` bits of an int argument (CPython masks rather than range-checks).
fn low_bits(ts: &ThreadState, v: &Value, bits: u32) -> PyResult<u64> {
    let i = protocols::index(ts, v)?;
    let mask = ts.new_int(((1u64 << bits) - 1) as i64);
    let r = protocols::binary_op(ts, &i, &mask, vm::objects::slots::BinOp::And)?;
    Ok(vm::objects::int::as_i64(&r).unwrap_or(0) as u64)
}

fn b_crc_hqx(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, crc] = a.parse::<2>(ts, "crc_hqx", &["", ""], 2)?;
    let data = arg_bytes(ts, &data.expect("required"))?;
    let mut c = low_bits(ts, &crc.expect("required"), 16)? as u16;
    for &b in &data {
        c ^= (b as u16) << 8;
        for _ in 0..8 {
            c = if c & 0x8000 != 0 {
                (c << 1) ^ 0x1021
            } else {
                c << 1
            };
        }
    }
    Ok(ts.new_int(c as i64))
}

fn b_b2a_uu(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, backtick] = a.parse::<2>(ts, "b2a_uu", &["", "*backtick"], 1)?;
    let data = arg_bytes(ts, &data.expect("required"))?;
    let backtick = match backtick {
        Some(v) => protocols::is_true(ts, &v)?,
        None => false,
    };
    if data.len() > 45 {
        return Err(binascii_error(ts, "At most 45 bytes at once"));
    }
    let enc = |v: u32| -> u8 {
        if backtick && v == 0 {
            b'`'
        } else {
            b' ' + v as u8
        }
    };
    let mut out = vec![enc(data.len() as u32)];
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..4 {
            out.push(enc((n >> (18 - 6 * k)) & 63));
        }
    }
    out.push(b'\n');
    Ok(new_bytes(ts, out))
}

fn b_a2b_uu(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data] = a.parse::<1>(ts, "a2b_uu", &[""], 1)?;
    let data = arg_ascii(ts, &data.expect("required"))?;
    let Some(&first) = data.first() else {
        return Ok(new_bytes(ts, vec![0; 32]));
    };
    let len = ((first.wrapping_sub(b' ')) & 63) as usize;
    let vals: Vec<u32> = data[1..]
        .iter()
        .take_while(|&&c| c != b'\n' && c != b'\r')
        .map(|&c| {
            if c == b' ' || c == b'`' {
                0
            } else {
                ((c.wrapping_sub(b' ')) & 63) as u32
            }
        })
        .collect();
    let mut out = Vec::with_capacity(len);
    for q in vals.chunks(4) {
        let mut n = 0u32;
        for k in 0..4 {
            n = (n << 6) | q.get(k).copied().unwrap_or(0);
        }
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    out.resize(len, 0);
    Ok(new_bytes(ts, out))
}

fn init_module(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(
        ts,
        "binascii",
        &[
            ("hexlify", b_hexlify),
            ("b2a_hex", b_b2a_hex),
            ("unhexlify", b_unhexlify),
            ("a2b_hex", b_a2b_hex),
            ("b2a_base64", b_b2a_base64),
            ("a2b_base64", b_a2b_base64),
            ("crc32", b_crc32),
            ("crc_hqx", b_crc_hqx),
            ("b2a_uu", b_b2a_uu),
            ("a2b_uu", b_a2b_uu),
        ],
    )?;
    let ty = types().type_.to_value();
    for (name, base) in [
        ("Error", types().exc.value_error),
        ("Incomplete", types().exc.exception),
    ] {
        let ns = ts.new_dict();
        protocols::set_item(ts, &ns, &ts.new_str("__module__"), ts.new_str("binascii"))?;
        let args = [ts.new_str(name), ts.new_tuple(vec![base.to_value()]), ns];
        let cls = protocols::call(ts, &ty, &args, None)?;
        protocols::set_item(ts, &d, &ts.new_str(name), cls)?;
    }
    Ok(m)
}
