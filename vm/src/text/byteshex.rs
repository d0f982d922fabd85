//! `bytes.hex()` and `bytes.fromhex()` (CPython's Python/pystrhex.c and
//! `_PyBytes_FromHex`), shared by bytes, bytearray and memoryview.

// `usize::is_multiple_of` needs Rust 1.87; the workspace's MSRV is 1.85.
#![allow(clippy::manual_is_multiple_of)]

use super::{FmtResult, FormatError};

/// Validates `bytes.hex()`'s `sep` argument (a str or bytes of one ASCII character).
pub fn hex_sep(sep: &[u32]) -> FmtResult<u8> {
    match sep {
        [c] if *c < 128 => Ok(*c as u8),
        [_] => Err(FormatError::value("sep must be ASCII.")),
        _ => Err(FormatError::value("sep must be length 1.")),
    }
}

/// `data.hex(sep, bytes_per_sep)`: lowercase hex, with `sep` between groups of
/// `|bytes_per_sep|` bytes counted from the right (positive) or the left (negative).
pub fn bytes_hex(data: &[u8], sep: Option<u8>, bytes_per_sep: i64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let group = bytes_per_sep.unsigned_abs() as usize;
    let sep = sep.filter(|_| group != 0 && group < data.len());
    let mut out = String::with_capacity(data.len() * 3);
    for (i, &b) in data.iter().enumerate() {
        if let Some(s) = sep {
            let boundary = if bytes_per_sep > 0 {
                i != 0 && (data.len() - i) % group == 0
            } else {
                i != 0 && i % group == 0
            };
            if boundary {
                out.push(s as char);
            }
        }
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    out
}

fn is_space(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0x0A | 0x0B | 0x0C | 0x0D)
}

fn hex_val(c: u32) -> Option<u8> {
    char::from_u32(c)
        .and_then(|ch| ch.to_digit(16))
        .filter(|_| c < 128)
        .map(|d| d as u8)
}

fn bad_at(i: usize) -> FormatError {
    FormatError::value(format!(
        "non-hexadecimal number found in fromhex() arg at position {i}"
    ))
}

/// `bytes.fromhex(s)` for a str (code points) or ASCII bytes (as code points below 256).
/// ASCII whitespace between byte pairs is skipped.
pub fn bytes_fromhex(s: &[u32]) -> FmtResult<Vec<u8>> {
    // A non-ASCII string is refused at its first non-ASCII character, before anything.
    if let Some(i) = s.iter().position(|&c| c >= 128) {
        return Err(bad_at(i));
    }
    let mut out = Vec::with_capacity(s.len() / 2);
    let mut i = 0;
    while i < s.len() {
        if is_space(s[i]) {
            while i < s.len() && is_space(s[i]) {
                i += 1;
            }
            if i >= s.len() {
                break;
            }
        }
        let top = hex_val(s[i]).ok_or_else(|| bad_at(i))?;
        i += 1;
        let Some(&c) = s.get(i) else {
            return Err(FormatError::value(
                "fromhex() arg must contain an even number of hexadecimal digits",
            ));
        };
        let bot = hex_val(c).ok_or_else(|| bad_at(i))?;
        i += 1;
        out.push(top << 4 | bot);
    }
    Ok(out)
}
