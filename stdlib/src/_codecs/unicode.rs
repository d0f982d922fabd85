//! The Unicode codecs proper: UTF-8, UTF-16, UTF-32, ASCII, Latin-1 and charmap, with
//! CPython's error ranges and reasons ("invalid start byte", "ordinal not in range(128)", …).
//!
//! Each `*_decode(data, errors=None, final=False)` returns `(str, consumed)`; with
//! `final=False` an incomplete sequence at the end is left for the next call. Each
//! `*_encode(str, errors=None)` returns `(bytes, len(str))`.

use super::errors::{handler, on_decode_error, on_encode_error, Handler, Replacement};
use super::{arg_bool, arg_bytes, arg_errors, arg_str, bytes_pair, str_pair};
use vm::builtins::args::MethodArgs;
use vm::errors::{PyErr, PyResult};
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::bytes::bytes_data;
use vm::objects::str::PyStr;
use vm::protocols;
use vm::runtime::{none, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

pub(super) const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("utf_8_encode", utf_8_encode),
    ("utf_8_decode", utf_8_decode),
    ("utf_16_encode", utf_16_encode),
    ("utf_16_decode", utf_16_decode),
    ("utf_16_le_encode", utf_16_le_encode),
    ("utf_16_le_decode", utf_16_le_decode),
    ("utf_16_be_encode", utf_16_be_encode),
    ("utf_16_be_decode", utf_16_be_decode),
    ("utf_16_ex_decode", utf_16_ex_decode),
    ("utf_32_encode", utf_32_encode),
    ("utf_32_decode", utf_32_decode),
    ("utf_32_le_encode", utf_32_le_encode),
    ("utf_32_le_decode", utf_32_le_decode),
    ("utf_32_be_encode", utf_32_be_encode),
    ("utf_32_be_decode", utf_32_be_decode),
    ("utf_32_ex_decode", utf_32_ex_decode),
    ("latin_1_encode", latin_1_encode),
    ("latin_1_decode", latin_1_decode),
    ("ascii_encode", ascii_encode),
    ("ascii_decode", ascii_decode),
    ("charmap_encode", charmap_encode),
    ("charmap_decode", charmap_decode),
    ("charmap_build", charmap_build),
];

/// Parsed `(data, errors, final)` of a decoder.
fn decode_args(
    ts: &ThreadState,
    a: &MethodArgs<'_>,
    fname: &str,
) -> PyResult<(Vec<u8>, Handler, bool)> {
    let [data, errors, fin] = a.parse::<3>(ts, fname, &["", "", ""], 1)?;
    let data = arg_bytes(ts, &data.expect("required"))?;
    let h = handler(ts, &arg_errors(ts, errors)?)?;
    Ok((data, h, arg_bool(ts, fin)?))
}

/// Parsed `(str, errors)` of an encoder.
fn encode_args(ts: &ThreadState, a: &MethodArgs<'_>, fname: &str) -> PyResult<(Vec<u32>, Handler)> {
    let [s, errors] = a.parse::<2>(ts, fname, &["", ""], 1)?;
    let cps = arg_str(ts, fname, &s.expect("required"))?;
    Ok((cps, handler(ts, &arg_errors(ts, errors)?)?))
}

// --- encoding, shared by all the codecs ---

/// One target codec for [`encode_with`]: which code points it takes and how it writes them.
trait Target {
    const NAME: &'static str;
    /// The reason an unencodable character gives; None if `cp` is encodable.
    fn reject(cp: u32) -> Option<&'static str>;
    fn put(cp: u32, out: &mut Vec<u8>);
}

/// Encodes `cps`, grouping runs of unencodable characters into one error as CPython does.
fn encode_with<T: Target>(
    ts: &ThreadState,
    cps: &[u32],
    h: &Handler,
    out: &mut Vec<u8>,
) -> PyResult<()> {
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        let Some(reason) = T::reject(c) else {
            T::put(c, out);
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < cps.len() && T::reject(cps[end]) == Some(reason) {
            end += 1;
        }
        let (rep, next) = on_encode_error(ts, h, T::NAME, cps, i, end, reason)?;
        match rep {
            Replacement::Bytes(b) => out.extend(b),
            Replacement::Text(t) => {
                if let Some(k) = t.iter().position(|&c| T::reject(c).is_some()) {
                    let _ = k;
                    return Err(PyErr::from_instance(super::errors::encode_exc(
                        ts,
                        T::NAME,
                        cps,
                        i,
                        end,
                        reason,
                    )));
                }
                t.iter().for_each(|&c| T::put(c, out));
            }
        }
        i = next;
    }
    Ok(())
}

fn is_surrogate(cp: u32) -> bool {
    (0xD800..=0xDFFF).contains(&cp)
}

struct Utf8;
impl Target for Utf8 {
    const NAME: &'static str = "utf-8";
    fn reject(cp: u32) -> Option<&'static str> {
        is_surrogate(cp).then_some("surrogates not allowed")
    }
    fn put(cp: u32, out: &mut Vec<u8>) {
        if let Some(ch) = char::from_u32(cp) {
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        }
    }
}

struct Ascii;
impl Target for Ascii {
    const NAME: &'static str = "ascii";
    fn reject(cp: u32) -> Option<&'static str> {
        (cp >= 0x80).then_some("ordinal not in range(128)")
    }
    fn put(cp: u32, out: &mut Vec<u8>) {
        out.push(cp as u8);
    }
}

struct Latin1;
impl Target for Latin1 {
    const NAME: &'static str = "latin-1";
    fn reject(cp: u32) -> Option<&'static str> {
        (cp >= 0x100).then_some("ordinal not in range(256)")
    }
    fn put(cp: u32, out: &mut Vec<u8>) {
        out.push(cp as u8);
    }
}

macro_rules! utf_wide {
    ($ty:ident, $name:literal, $unit:expr) => {
        struct $ty;
        impl Target for $ty {
            const NAME: &'static str = $name;
            fn reject(cp: u32) -> Option<&'static str> {
                is_surrogate(cp).then_some("surrogates not allowed")
            }
            fn put(cp: u32, out: &mut Vec<u8>) {
                let f: fn(u32, &mut Vec<u8>) = $unit;
                f(cp, out)
            }
        }
    };
}

fn put16(cp: u32, out: &mut Vec<u8>, le: bool) {
    let mut units = [0u16; 2];
    let n = match char::from_u32(cp) {
        Some(ch) => ch.encode_utf16(&mut units).len(),
        None => {
            units[0] = cp as u16;
            1
        }
    };
    for u in &units[..n] {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
}

utf_wide!(Utf16Le, "utf-16-le", |c, o| put16(c, o, true));
utf_wide!(Utf16Be, "utf-16-be", |c, o| put16(c, o, false));
utf_wide!(Utf16, "utf-16", |c, o| put16(c, o, true));
utf_wide!(Utf32Le, "utf-32-le", |c, o| o.extend(c.to_le_bytes()));
utf_wide!(Utf32Be, "utf-32-be", |c, o| o.extend(c.to_be_bytes()));
utf_wide!(Utf32, "utf-32", |c, o| o.extend(c.to_le_bytes()));

fn encoder<T: Target>(
    ts: &ThreadState,
    a: MethodArgs<'_>,
    fname: &str,
    bom: &[u8],
) -> PyResult<Value> {
    let (cps, h) = encode_args(ts, &a, fname)?;
    let mut out = Vec::with_capacity(cps.len() + bom.len());
    out.extend_from_slice(bom);
    encode_with::<T>(ts, &cps, &h, &mut out)?;
    Ok(bytes_pair(ts, out, cps.len()))
}

/// Encodes `s` as UTF-8 with the named error handler (for `_io` and other modules).
#[allow(dead_code)]
pub(crate) fn encode_utf8(ts: &ThreadState, cps: &[u32], errors: &str) -> PyResult<Vec<u8>> {
    let h = handler(ts, errors)?;
    let mut out = Vec::with_capacity(cps.len());
    encode_with::<Utf8>(ts, cps, &h, &mut out)?;
    Ok(out)
}

fn utf_8_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    encoder::<Utf8>(ts, a, "utf_8_encode", &[])
}
fn ascii_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    encoder::<Ascii>(ts, a, "ascii_encode", &[])
}
fn latin_1_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    encoder::<Latin1>(ts, a, "latin_1_encode", &[])
}
fn utf_16_le_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    encoder::<Utf16Le>(ts, a, "utf_16_le_encode", &[])
}
fn utf_16_be_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    encoder::<Utf16Be>(ts, a, "utf_16_be_encode", &[])
}
fn utf_32_le_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    encoder::<Utf32Le>(ts, a, "utf_32_le_encode", &[])
}
fn utf_32_be_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    encoder::<Utf32Be>(ts, a, "utf_32_be_encode", &[])
}

/// `utf_16_encode(str, errors=None, byteorder=0)`: 0 writes a BOM and little-endian data.
fn wide_encode<N: Target, L: Target, B: Target>(
    ts: &ThreadState,
    a: MethodArgs<'_>,
    fname: &str,
    bom: &[u8],
) -> PyResult<Value> {
    let [s, errors, order] = a.parse::<3>(ts, fname, &["", "", ""], 1)?;
    let cps = arg_str(ts, fname, &s.expect("required"))?;
    let h = handler(ts, &arg_errors(ts, errors)?)?;
    let order = match order {
        Some(o) => protocols::index_i64(ts, &o)?,
        None => 0,
    };
    let mut out = Vec::new();
    match order {
        0 => {
            out.extend_from_slice(bom);
            encode_with::<N>(ts, &cps, &h, &mut out)?
        }
        o if o < 0 => encode_with::<L>(ts, &cps, &h, &mut out)?,
        _ => encode_with::<B>(ts, &cps, &h, &mut out)?,
    }
    Ok(bytes_pair(ts, out, cps.len()))
}

fn utf_16_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    wide_encode::<Utf16, Utf16Le, Utf16Be>(ts, a, "utf_16_encode", &[0xFF, 0xFE])
}
fn utf_32_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    wide_encode::<Utf32, Utf32Le, Utf32Be>(ts, a, "utf_32_encode", &[0xFF, 0xFE, 0, 0])
}

// --- decoding ---

/// Length of the UTF-8 sequence a start byte begins (0: invalid start byte).
fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 0,
    }
}

/// Whether `c` may follow start byte `b` at position 1 of a sequence.
fn second_ok(b: u8, c: u8) -> bool {
    match b {
        0xE0 => (0xA0..=0xBF).contains(&c),
        0xED => (0x80..=0x9F).contains(&c),
        0xF0 => (0x90..=0xBF).contains(&c),
        0xF4 => (0x80..=0x8F).contains(&c),
        _ => (0x80..=0xBF).contains(&c),
    }
}

/// Decodes UTF-8 into `out`; returns the bytes consumed.
pub(crate) fn decode_utf8_into(
    ts: &ThreadState,
    data: &[u8],
    h: &Handler,
    fin: bool,
    out: &mut Vec<u32>,
) -> PyResult<usize> {
    let mut i = 0;
    while i < data.len() {
        // Fast path: a run of valid UTF-8.
        let rest = &data[i..];
        let valid = match std::str::from_utf8(rest) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
        };
        out.extend(valid.chars().map(u32::from));
        i += valid.len();
        if i >= data.len() {
            break;
        }
        let b = data[i];
        let n = utf8_len(b);
        if n == 0 {
            i = on_decode_error(ts, h, "utf-8", data, i, i + 1, "invalid start byte", out)?;
            continue;
        }
        // Count the valid continuation bytes to find the error's end.
        let mut k = 1;
        while k < n && i + k < data.len() {
            let c = data[i + k];
            let ok = if k == 1 {
                second_ok(b, c)
            } else {
                (0x80..=0xBF).contains(&c)
            };
            if !ok {
                break;
            }
            k += 1;
        }
        if i + k >= data.len() && k < n {
            if !fin {
                return Ok(i);
            }
            i = on_decode_error(
                ts,
                h,
                "utf-8",
                data,
                i,
                data.len(),
                "unexpected end of data",
                out,
            )?;
            continue;
        }
        i = on_decode_error(
            ts,
            h,
            "utf-8",
            data,
            i,
            i + k,
            "invalid continuation byte",
            out,
        )?;
    }
    Ok(data.len())
}

fn utf_8_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (data, h, fin) = decode_args(ts, &a, "utf_8_decode")?;
    let mut out = Vec::with_capacity(data.len());
    let n = decode_utf8_into(ts, &data, &h, fin, &mut out)?;
    Ok(str_pair(ts, &out, n))
}

fn ascii_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (data, h, _) = decode_args(ts, &a, "ascii_decode")?;
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i] < 0x80 {
            out.push(data[i] as u32);
            i += 1;
        } else {
            i = on_decode_error(
                ts,
                &h,
                "ascii",
                &data,
                i,
                i + 1,
                "ordinal not in range(128)",
                &mut out,
            )?;
        }
    }
    Ok(str_pair(ts, &out, data.len()))
}

fn latin_1_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (data, _, _) = decode_args(ts, &a, "latin_1_decode")?;
    let out: Vec<u32> = data.iter().map(|&b| b as u32).collect();
    Ok(str_pair(ts, &out, data.len()))
}

/// Decodes UTF-16 (`le` chooses the byte order) into `out`; returns the bytes consumed.
fn decode_utf16_into(
    ts: &ThreadState,
    data: &[u8],
    h: &Handler,
    fin: bool,
    le: bool,
    enc: &str,
    out: &mut Vec<u32>,
) -> PyResult<usize> {
    let unit = |i: usize| {
        let p = [data[i], data[i + 1]];
        (if le {
            u16::from_le_bytes(p)
        } else {
            u16::from_be_bytes(p)
        }) as u32
    };
    let mut i = 0;
    while i + 1 < data.len() {
        let u = unit(i);
        if !is_surrogate(u) {
            out.push(u);
            i += 2;
            continue;
        }
        if u >= 0xDC00 {
            i = on_decode_error(ts, h, enc, data, i, i + 2, "illegal encoding", out)?;
            continue;
        }
        if i + 3 >= data.len() {
            if !fin {
                return Ok(i);
            }
            let reason = "unexpected end of data";
            i = on_decode_error(ts, h, enc, data, i, data.len(), reason, out)?;
            continue;
        }
        let v = unit(i + 2);
        if (0xDC00..=0xDFFF).contains(&v) {
            out.push(0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
            i += 4;
        } else {
            i = on_decode_error(ts, h, enc, data, i, i + 2, "illegal UTF-16 surrogate", out)?;
        }
    }
    if i < data.len() {
        if !fin {
            return Ok(i);
        }
        i = on_decode_error(ts, h, enc, data, i, data.len(), "truncated data", out)?;
        if i < data.len() {
            return decode_utf16_into(ts, &data[i..], h, fin, le, enc, out).map(|n| n + i);
        }
    }
    Ok(data.len())
}

fn decode_utf32_into(
    ts: &ThreadState,
    data: &[u8],
    h: &Handler,
    fin: bool,
    le: bool,
    enc: &str,
    out: &mut Vec<u32>,
) -> PyResult<usize> {
    let mut i = 0;
    while i + 3 < data.len() {
        let p = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        let u = if le {
            u32::from_le_bytes(p)
        } else {
            u32::from_be_bytes(p)
        };
        if u > 0x10FFFF {
            let reason = "code point not in range(0x110000)";
            i = on_decode_error(ts, h, enc, data, i, i + 4, reason, out)?;
        } else if is_surrogate(u) {
            let reason = "code point in surrogate code point range(0xd800, 0xe000)";
            i = on_decode_error(ts, h, enc, data, i, i + 4, reason, out)?;
        } else {
            out.push(u);
            i += 4;
        }
    }
    if i < data.len() {
        if !fin {
            return Ok(i);
        }
        i = on_decode_error(ts, h, enc, data, i, data.len(), "truncated data", out)?;
    }
    Ok(i.max(data.len().min(i)))
}

type WideDecode =
    fn(&ThreadState, &[u8], &Handler, bool, bool, &str, &mut Vec<u32>) -> PyResult<usize>;

/// Decodes with a fixed byte order.
fn wide_fixed(
    ts: &ThreadState,
    a: MethodArgs<'_>,
    fname: &str,
    f: WideDecode,
    le: bool,
    enc: &str,
) -> PyResult<Value> {
    let (data, h, fin) = decode_args(ts, &a, fname)?;
    let mut out = Vec::new();
    let n = f(ts, &data, &h, fin, le, enc, &mut out)?;
    Ok(str_pair(ts, &out, n))
}

/// Decodes with BOM detection: returns (text, consumed, byteorder found: -1 LE, 1 BE, 0 none).
#[allow(clippy::too_many_arguments)]
fn wide_bom(
    ts: &ThreadState,
    data: &[u8],
    h: &Handler,
    fin: bool,
    mut order: i64,
    f: WideDecode,
    enc: &str,
    bom_le: &[u8],
    bom_be: &[u8],
) -> PyResult<(Vec<u32>, usize, i64)> {
    let mut skip = 0;
    if order == 0 {
        if data.len() < bom_le.len()
            && !fin
            && (bom_le.starts_with(data) || bom_be.starts_with(data))
        {
            return Ok((Vec::new(), 0, 0));
        }
        if data.starts_with(bom_le) {
            order = -1;
            skip = bom_le.len();
        } else if data.starts_with(bom_be) {
            order = 1;
            skip = bom_be.len();
        }
    }
    let mut out = Vec::new();
    let n = f(ts, &data[skip..], h, fin, order <= 0, enc, &mut out)?;
    Ok((out, n + skip, order))
}

fn utf_16_le_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    wide_fixed(
        ts,
        a,
        "utf_16_le_decode",
        decode_utf16_into,
        true,
        "utf-16-le",
    )
}
fn utf_16_be_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    wide_fixed(
        ts,
        a,
        "utf_16_be_decode",
        decode_utf16_into,
        false,
        "utf-16-be",
    )
}
fn utf_32_le_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    wide_fixed(
        ts,
        a,
        "utf_32_le_decode",
        decode_utf32_into,
        true,
        "utf-32-le",
    )
}
fn utf_32_be_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    wide_fixed(
        ts,
        a,
        "utf_32_be_decode",
        decode_utf32_into,
        false,
        "utf-32-be",
    )
}

const BOM16: (&[u8], &[u8]) = (&[0xFF, 0xFE], &[0xFE, 0xFF]);
const BOM32: (&[u8], &[u8]) = (&[0xFF, 0xFE, 0, 0], &[0, 0, 0xFE, 0xFF]);

fn utf_16_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (data, h, fin) = decode_args(ts, &a, "utf_16_decode")?;
    let (out, n, _) = wide_bom(
        ts,
        &data,
        &h,
        fin,
        0,
        decode_utf16_into,
        "utf-16",
        BOM16.0,
        BOM16.1,
    )?;
    Ok(str_pair(ts, &out, n))
}
fn utf_32_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (data, h, fin) = decode_args(ts, &a, "utf_32_decode")?;
    let (out, n, _) = wide_bom(
        ts,
        &data,
        &h,
        fin,
        0,
        decode_utf32_into,
        "utf-32",
        BOM32.0,
        BOM32.1,
    )?;
    Ok(str_pair(ts, &out, n))
}

fn ex_decode(
    ts: &ThreadState,
    a: MethodArgs<'_>,
    fname: &str,
    f: WideDecode,
    enc: &str,
    boms: (&[u8], &[u8]),
) -> PyResult<Value> {
    let [data, errors, order, fin] = a.parse::<4>(ts, fname, &["", "", "", ""], 1)?;
    let data = arg_bytes(ts, &data.expect("required"))?;
    let h = handler(ts, &arg_errors(ts, errors)?)?;
    let order = match order {
        Some(o) => protocols::index_i64(ts, &o)?,
        None => 0,
    };
    let fin = arg_bool(ts, fin)?;
    let (out, n, order) = wide_bom(ts, &data, &h, fin, order, f, enc, boms.0, boms.1)?;
    Ok(ts.new_tuple(vec![
        ts.new_str_from_cps(&out),
        ts.new_usize(n),
        ts.new_int(order),
    ]))
}

fn utf_16_ex_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    ex_decode(
        ts,
        a,
        "utf_16_ex_decode",
        decode_utf16_into,
        "utf-16",
        BOM16,
    )
}
fn utf_32_ex_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    ex_decode(
        ts,
        a,
        "utf_32_ex_decode",
        decode_utf32_into,
        "utf-32",
        BOM32,
    )
}

// --- charmap ---

/// `charmap_decode(data, errors=None, mapping=None)`.
fn charmap_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, errors, mapping] = a.parse::<3>(ts, "charmap_decode", &["", "", ""], 1)?;
    let data = arg_bytes(ts, &data.expect("required"))?;
    let h = handler(ts, &arg_errors(ts, errors)?)?;
    let mapping = mapping.filter(|m| !m.is_none());
    let Some(mapping) = mapping else {
        let out: Vec<u32> = data.iter().map(|&b| b as u32).collect();
        return Ok(str_pair(ts, &out, data.len()));
    };
    let table = mapping.downcast::<PyStr>().map(|s| s.to_cps());
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        let undefined = "character maps to <undefined>";
        let mapped: Option<Vec<u32>> = match &table {
            Some(t) => t
                .get(b as usize)
                .copied()
                .filter(|&c| c != 0xFFFE)
                .map(|c| vec![c]),
            None => match protocols::get_item(ts, &mapping, &ts.new_int(b as i64)) {
                Ok(v) if v.is_none() => None,
                Ok(v) => {
                    if let Some(s) = v.downcast::<PyStr>() {
                        let c = s.to_cps();
                        (c != [0xFFFE]).then_some(c)
                    } else if let Some(n) = vm::objects::int::as_i64(&v) {
                        if !(0..=0x10FFFF).contains(&n) {
                            return Err(
                                ts.type_error("character mapping must be in range(0x110000)")
                            );
                        }
                        (n != 0xFFFE).then_some(vec![n as u32])
                    } else {
                        return Err(
                            ts.type_error("character mapping must return integer, None or str")
                        );
                    }
                }
                Err(e) if e.matches(types().exc.lookup_error) => None,
                Err(e) => return Err(e),
            },
        };
        match mapped {
            Some(c) => {
                out.extend(c);
                i += 1;
            }
            None => i = on_decode_error(ts, &h, "charmap", &data, i, i + 1, undefined, &mut out)?,
        }
    }
    Ok(str_pair(ts, &out, data.len()))
}

/// The bytes `cp` maps to under an encoding `mapping` (a dict from `charmap_build` or any
/// mapping of ints to ints/bytes/None).
fn charmap_lookup(ts: &ThreadState, mapping: &Value, cp: u32) -> PyResult<Option<Vec<u8>>> {
    let v = match protocols::get_item(ts, mapping, &ts.new_int(cp as i64)) {
        Ok(v) => v,
        Err(e) if e.matches(types().exc.lookup_error) => return Ok(None),
        Err(e) => return Err(e),
    };
    if v.is_none() {
        return Ok(None);
    }
    if let Some(n) = vm::objects::int::as_i64(&v) {
        if !(0..256).contains(&n) {
            return Err(ts.type_error("character mapping must be in range(256)"));
        }
        return Ok(Some(vec![n as u8]));
    }
    match bytes_data(&v) {
        Some(b) => Ok(Some(b)),
        None => Err(ts.type_error("character mapping must return integer, bytes or None, not str")),
    }
}

/// `charmap_encode(str, errors=None, mapping=None)`.
fn charmap_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s, errors, mapping] = a.parse::<3>(ts, "charmap_encode", &["", "", ""], 1)?;
    let cps = arg_str(ts, "charmap_encode", &s.expect("required"))?;
    let h = handler(ts, &arg_errors(ts, errors)?)?;
    let Some(mapping) = mapping.filter(|m| !m.is_none()) else {
        let mut out = Vec::new();
        encode_with::<Latin1>(ts, &cps, &h, &mut out)?;
        return Ok(bytes_pair(ts, out, cps.len()));
    };
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    while i < cps.len() {
        if let Some(b) = charmap_lookup(ts, &mapping, cps[i])? {
            out.extend(b);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < cps.len() && charmap_lookup(ts, &mapping, cps[end])?.is_none() {
            end += 1;
        }
        let reason = "character maps to <undefined>";
        let (rep, next) = on_encode_error(ts, &h, "charmap", &cps, i, end, reason)?;
        match rep {
            Replacement::Bytes(b) => out.extend(b),
            Replacement::Text(t) => {
                for c in t {
                    match charmap_lookup(ts, &mapping, c)? {
                        Some(b) => out.extend(b),
                        None => {
                            return Err(PyErr::from_instance(super::errors::encode_exc(
                                ts, "charmap", &cps, i, end, reason,
                            )))
                        }
                    }
                }
            }
        }
        i = next;
    }
    Ok(bytes_pair(ts, out, cps.len()))
}

/// `charmap_build(decoding_table)`: the inverse table, as a dict `{code point: byte}`.
fn charmap_build(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [t] = a.parse::<1>(ts, "charmap_build", &[""], 1)?;
    let cps = arg_str(ts, "charmap_build", &t.expect("required"))?;
    let d = ts.new_dict();
    for (i, c) in cps.iter().enumerate().take(256) {
        if *c != 0xFFFE {
            protocols::set_item(ts, &d, &ts.new_int(*c as i64), ts.new_int(i as i64))?;
        }
    }
    let _ = none;
    Ok(d)
}
