//! The escape codecs: `unicode_escape`, `raw_unicode_escape` (str ↔ bytes with Python
//! backslash escapes) and `escape_encode`/`escape_decode` (bytes ↔ bytes, as `repr(bytes)`
//! and bytes literals do).

use super::errors::{handler, on_decode_error, Handler};
use super::{arg_bool, arg_bytes, arg_errors, arg_str, bytes_pair, str_pair};
use vm::builtins::args::MethodArgs;
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::bytes::bytes_data;
use vm::objects::str::PyStr;
use vm::thread_state::ThreadState;
use vm::value::Value;

pub(super) const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("unicode_escape_encode", unicode_escape_encode),
    ("unicode_escape_decode", unicode_escape_decode),
    ("raw_unicode_escape_encode", raw_unicode_escape_encode),
    ("raw_unicode_escape_decode", raw_unicode_escape_decode),
    ("escape_encode", escape_encode),
    ("escape_decode", escape_decode),
];

fn hex_escape(out: &mut Vec<u8>, cp: u32) {
    let s = if cp < 0x100 {
        format!("\\x{cp:02x}")
    } else if cp < 0x10000 {
        format!("\\u{cp:04x}")
    } else {
        format!("\\U{cp:08x}")
    };
    out.extend_from_slice(s.as_bytes());
}

fn unicode_escape_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s, _errors] = a.parse::<2>(ts, "unicode_escape_encode", &["", ""], 1)?;
    let cps = arg_str(ts, "unicode_escape_encode", &s.expect("required"))?;
    let mut out = Vec::with_capacity(cps.len());
    for &c in &cps {
        match c {
            0x5C => out.extend_from_slice(b"\\\\"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0D => out.extend_from_slice(b"\\r"),
            0x20..=0x7E => out.push(c as u8),
            _ => hex_escape(&mut out, c),
        }
    }
    Ok(bytes_pair(ts, out, cps.len()))
}

fn raw_unicode_escape_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s, _errors] = a.parse::<2>(ts, "raw_unicode_escape_encode", &["", ""], 1)?;
    let cps = arg_str(ts, "raw_unicode_escape_encode", &s.expect("required"))?;
    let mut out = Vec::with_capacity(cps.len());
    for &c in &cps {
        if c < 0x100 {
            out.push(c as u8);
        } else {
            hex_escape(&mut out, c);
        }
    }
    Ok(bytes_pair(ts, out, cps.len()))
}

/// Reads `n` hex digits at `data[i..]`; None if fewer are there.
fn hex_digits(data: &[u8], i: usize, n: usize) -> Option<u32> {
    let d = data.get(i..i + n)?;
    d.iter().try_fold(0u32, |acc, &b| {
        (b as char).to_digit(16).map(|v| acc * 16 + v)
    })
}

/// Number of leading hex digits (at most `n`) at `data[i..]`.
fn count_hex(data: &[u8], i: usize, n: usize) -> usize {
    data[i.min(data.len())..]
        .iter()
        .take(n)
        .take_while(|b| b.is_ascii_hexdigit())
        .count()
}

/// Decodes `unicode_escape` (raw=false) or `raw_unicode_escape` (raw=true).
fn decode_escapes(
    ts: &ThreadState,
    data: &[u8],
    h: &Handler,
    fin: bool,
    raw: bool,
) -> PyResult<(Vec<u32>, usize)> {
    let enc = if raw {
        "rawunicodeescape"
    } else {
        "unicodeescape"
    };
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b != b'\\' {
            out.push(b as u32);
            i += 1;
            continue;
        }
        let start = i;
        if raw {
            // Only \u and \U after an odd run of backslashes are escapes.
            match data.get(i + 1) {
                Some(b'u') | Some(b'U') => {}
                Some(_) => {
                    out.extend([b'\\' as u32, data[i + 1] as u32]);
                    i += 2;
                    continue;
                }
                None => {
                    if !fin {
                        return Ok((out, i));
                    }
                    out.push(b'\\' as u32);
                    i += 1;
                    continue;
                }
            }
        }
        let Some(&c) = data.get(i + 1) else {
            if !fin {
                return Ok((out, i));
            }
            i = on_decode_error(
                ts,
                h,
                enc,
                data,
                start,
                data.len(),
                "\\ at end of string",
                &mut out,
            )?;
            continue;
        };
        i += 2;
        let simple = match c {
            b'\n' => Some(None),
            b'\\' => Some(Some(0x5C)),
            b'\'' => Some(Some(0x27)),
            b'"' => Some(Some(0x22)),
            b'b' => Some(Some(0x08)),
            b'f' => Some(Some(0x0C)),
            b't' => Some(Some(0x09)),
            b'n' => Some(Some(0x0A)),
            b'r' => Some(Some(0x0D)),
            b'v' => Some(Some(0x0B)),
            b'a' => Some(Some(0x07)),
            _ => None,
        };
        if let Some(v) = simple {
            out.extend(v);
            continue;
        }
        match c {
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                for _ in 0..2 {
                    match data.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v);
            }
            b'x' | b'u' | b'U' => {
                let (n, what) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                match hex_digits(data, i, n) {
                    Some(v) if v <= 0x10FFFF => {
                        out.push(v);
                        i += n;
                    }
                    Some(_) => {
                        i = on_decode_error(
                            ts,
                            h,
                            enc,
                            data,
                            start,
                            i + n,
                            "illegal Unicode character",
                            &mut out,
                        )?;
                    }
                    None => {
                        let k = count_hex(data, i, n);
                        if !fin && i + k >= data.len() {
                            return Ok((out, start));
                        }
                        i = on_decode_error(ts, h, enc, data, start, i + k, what, &mut out)?;
                    }
                }
            }
            b'N' => {
                let close = data[i..].iter().position(|&x| x == b'}');
                let name = match (data.get(i), close) {
                    (Some(b'{'), Some(k)) if k > 1 => Some((&data[i + 1..i + k], i + k + 1)),
                    _ => None,
                };
                match name {
                    Some((n, after)) => {
                        let name = String::from_utf8_lossy(n);
                        match vm::unicode::names::lookup(&name) {
                            Ok(cp) => {
                                out.push(cp);
                                i = after;
                            }
                            Err(_) => {
                                i = on_decode_error(
                                    ts,
                                    h,
                                    enc,
                                    data,
                                    start,
                                    after,
                                    "unknown Unicode character name",
                                    &mut out,
                                )?;
                            }
                        }
                    }
                    None => {
                        if !fin && close.is_none() {
                            return Ok((out, start));
                        }
                        let end = match close {
                            Some(k) if data.get(i) == Some(&b'{') => i + k + 1,
                            _ => i,
                        };
                        i = on_decode_error(
                            ts,
                            h,
                            enc,
                            data,
                            start,
                            end.min(data.len()),
                            "malformed \\N character escape",
                            &mut out,
                        )?;
                    }
                }
            }
            _ => {
                // An unknown escape stays as it is (CPython also warns).
                out.extend([b'\\' as u32, c as u32]);
            }
        }
    }
    Ok((out, data.len()))
}

fn escape_decoder(ts: &ThreadState, a: MethodArgs<'_>, fname: &str, raw: bool) -> PyResult<Value> {
    let [data, errors, fin] = a.parse::<3>(ts, fname, &["", "", ""], 1)?;
    let data = data.expect("required");
    let data = match data.downcast::<PyStr>() {
        Some(s) => s.to_string_lossy().into_bytes(),
        None => arg_bytes(ts, &data)?,
    };
    let h = handler(ts, &arg_errors(ts, errors)?)?;
    let fin = match fin {
        Some(f) => arg_bool(ts, Some(f))?,
        None => true,
    };
    let (out, n) = decode_escapes(ts, &data, &h, fin, raw)?;
    Ok(str_pair(ts, &out, n))
}

fn unicode_escape_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    escape_decoder(ts, a, "unicode_escape_decode", false)
}

fn raw_unicode_escape_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    escape_decoder(ts, a, "raw_unicode_escape_decode", true)
}

fn escape_encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, _errors] = a.parse::<2>(ts, "escape_encode", &["", ""], 1)?;
    let data = data.expect("required");
    let b = match data.downcast::<vm::objects::bytes::PyBytes>() {
        Some(_) => bytes_data(&data).unwrap_or_default(),
        None => {
            return Err(ts.type_error(format!(
                "escape_encode() argument 1 must be bytes, not {}",
                data.class().name()
            )))
        }
    };
    let mut out = Vec::with_capacity(b.len());
    for &c in &b {
        match c {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7E => out.push(c),
            _ => out.extend_from_slice(format!("\\x{c:02x}").as_bytes()),
        }
    }
    Ok(bytes_pair(ts, out, b.len()))
}

fn escape_decode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [data, errors] = a.parse::<2>(ts, "escape_decode", &["", ""], 1)?;
    let data = data.expect("required");
    let data = match data.downcast::<PyStr>() {
        Some(s) => s.to_string_lossy().into_bytes(),
        None => arg_bytes(ts, &data)?,
    };
    let errors = arg_errors(ts, errors)?;
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        i += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let Some(&c) = data.get(i) else {
            return Err(ts.value_error("Trailing \\ in string"));
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(9),
            b'n' => out.push(10),
            b'r' => out.push(13),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                for _ in 0..2 {
                    match data.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            b'x' => match hex_digits(&data, i, 2) {
                Some(v) => {
                    out.push(v as u8);
                    i += 2;
                }
                None => match errors.as_str() {
                    "strict" => {
                        return Err(
                            ts.value_error(format!("invalid \\x escape at position {}", i - 2))
                        )
                    }
                    "replace" => {
                        out.push(b'?');
                        i += count_hex(&data, i, 2);
                    }
                    "ignore" => i += count_hex(&data, i, 2),
                    e => {
                        return Err(ts.value_error(format!(
                            "decoding error; unknown error handling code: {e}"
                        )))
                    }
                },
            },
            _ => out.extend([b'\\', c]),
        }
    }
    Ok(bytes_pair(ts, out, data.len()))
}
