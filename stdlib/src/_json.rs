//! `_json`: CPython's `Modules/_json.c` accelerators: `scanstring`, `encode_basestring_ascii`,
//! `encode_basestring`, and the whole-document `make_scanner` and `make_encoder`.
//!
//! `make_scanner(context)` and `make_encoder(...)` are small Python closures (in `PRELUDE`)
//! over the native `_scan_once` and `_encode`, which do all the work in Rust: one call per
//! `json.loads` / `json.dumps`, as with CPython's C scanner and encoder. Errors come back as
//! values and the Python wrapper raises them, importing `json.decoder.JSONDecodeError` only
//! when needed, as the C code does. The scanner follows `_parse_object_unicode`,
//! `_parse_array_unicode` and `_match_number_unicode` step for step (same messages, same error
//! positions); the encoder follows `encoder_listencode_obj` (same checks, same notes).

use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::objects::str::PyStr;
use vm::runtime::{none, py_bool};
use vm::{protocols, PyResult, ThreadState, Value};

/// The module's initializer.
pub const init: Option<NativeInit> = Some(json_init);

const PRELUDE: &str = r#"
def scanstring(string, end, strict=True, /):
    """scanstring(string, end, strict=True) -> (string, end)

Scan the string s for a JSON string. End is the index of the
character in s after the quote that started the JSON string.
Unescapes all valid JSON string escape sequences and raises ValueError
on attempt to decode an invalid string. If strict is False then literal
control characters are allowed in the string.

Returns a tuple of the decoded string and the index of the character in s
after the end quote."""
    ok, a, b = _scanstring(string, end, strict)
    if ok:
        return a, b
    from json.decoder import JSONDecodeError
    raise JSONDecodeError(a, string, b)

def make_scanner(context):
    """JSON scanner object"""
    strict = bool(context.strict)
    object_hook = context.object_hook
    object_pairs_hook = context.object_pairs_hook
    parse_float = context.parse_float
    parse_int = context.parse_int
    parse_constant = context.parse_constant

    def scan_once(string, idx):
        ok, a, b = _scan_once(string, idx, strict, object_hook, object_pairs_hook,
                              parse_float, parse_int, parse_constant)
        if ok:
            return a, b
        if a is None:
            raise StopIteration(b)
        from json.decoder import JSONDecodeError
        raise JSONDecodeError(a, string, b)
    return scan_once

def make_encoder(markers, default, encoder, indent, key_separator, item_separator,
                 sort_keys, skipkeys, allow_nan):
    """Encoder(markers, default, encoder, indent, key_separator, item_separator, sort_keys, skipkeys, allow_nan)"""
    if markers is not None and not isinstance(markers, dict):
        raise TypeError("make_encoder() argument 1 must be dict or None, not %s"
                        % type(markers).__name__)
    if not isinstance(key_separator, str):
        raise TypeError("make_encoder() argument 5 must be str, not %s"
                        % type(key_separator).__name__)
    if not isinstance(item_separator, str):
        raise TypeError("make_encoder() argument 6 must be str, not %s"
                        % type(item_separator).__name__)
    if indent is not None and not isinstance(indent, str):
        raise TypeError("make_encoder() argument 4 must be str or None, not %s"
                        % type(indent).__name__)
    mode = 1 if encoder is encode_basestring_ascii else 2 if encoder is encode_basestring else 0
    opts = (markers is not None, default, encoder, mode, indent, key_separator,
            item_separator, bool(sort_keys), bool(skipkeys), bool(allow_nan))

    def _iterencode(obj, _current_indent_level):
        return (_encode(obj, _current_indent_level, *opts),)
    return _iterencode
"#;

fn json_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(
        ts,
        "_json",
        &[
            ("_scanstring", scanstring),
            ("encode_basestring_ascii", encode_basestring_ascii),
            ("encode_basestring", encode_basestring),
            ("_scan_once", scan::scan_once),
            ("_encode", encode::encode),
        ],
    )?;
    crate::_random::exec_in(ts, PRELUDE, &d)?;
    Ok(m)
}

fn the_str<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyStr> {
    v.downcast::<PyStr>().ok_or_else(|| {
        ts.type_error(format!(
            "first argument must be a string, not {}",
            v.class().name()
        ))
    })
}

pub(crate) fn push_u(out: &mut Vec<u32>, c: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(&[
        '\\' as u32,
        'u' as u32,
        HEX[(c >> 12) as usize & 15] as u32,
        HEX[(c >> 8) as usize & 15] as u32,
        HEX[(c >> 4) as usize & 15] as u32,
        HEX[c as usize & 15] as u32,
    ]);
}

/// Appends the escape of `c`, or returns false if `c` needs none.
pub(crate) fn short_escape(out: &mut Vec<u32>, c: u32) -> bool {
    let e = match c {
        0x22 => '"',
        0x5c => '\\',
        0x0a => 'n',
        0x0d => 'r',
        0x09 => 't',
        0x08 => 'b',
        0x0c => 'f',
        _ => return false,
    };
    out.push('\\' as u32);
    out.push(e as u32);
    true
}

/// Appends `s` as a JSON string literal (quotes included); `ascii` escapes non-ASCII too.
pub(crate) fn escape_into(out: &mut Vec<u32>, s: &PyStr, ascii: bool) {
    out.reserve(s.len() + 2);
    out.push('"' as u32);
    for c in s.cps() {
        if (0x20..0x7f).contains(&c) && c != 0x22 && c != 0x5c {
            out.push(c);
            continue;
        }
        if short_escape(out, c) {
            continue;
        }
        if c < 0x20 || (ascii && c >= 0x7f) {
            if c >= 0x10000 {
                let v = c - 0x10000;
                push_u(out, 0xd800 | (v >> 10));
                push_u(out, 0xdc00 | (v & 0x3ff));
            } else {
                push_u(out, c);
            }
        } else {
            out.push(c);
        }
    }
    out.push('"' as u32);
}

fn encode(ts: &ThreadState, a: MethodArgs<'_>, name: &str, ascii: bool) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, name, &[""], 1)?;
    let s = s.unwrap_or_else(none);
    let s = the_str(ts, &s)?;
    let mut out: Vec<u32> = Vec::new();
    escape_into(&mut out, s, ascii);
    Ok(ts.new_str_from_cps(&out))
}

fn encode_basestring_ascii(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    encode(ts, a, "encode_basestring_ascii", true)
}

fn encode_basestring(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    encode(ts, a, "encode_basestring", false)
}

fn hex4(s: &[u32], at: usize) -> Option<u32> {
    let mut c = 0u32;
    for &ch in s.get(at..at + 4)? {
        let d = char::from_u32(ch)?.to_digit(16)?;
        c = (c << 4) | d;
    }
    Some(c)
}

/// Scans a JSON string body starting at `end` (just after the opening quote): the decoded
/// text and the index after the closing quote, or CPython's message and error position.
pub(crate) fn scan_str(
    s: &[u32],
    end: usize,
    strict: bool,
) -> Result<(Vec<u32>, usize), (&'static str, usize)> {
    let len = s.len();
    let mut end = end;
    let begin = end.wrapping_sub(1);
    let mut out: Vec<u32> = Vec::new();
    loop {
        let mut c = 0u32;
        let mut next = end;
        while next < len {
            c = s[next];
            if c == '"' as u32 || c == '\\' as u32 {
                break;
            }
            if c <= 0x1f && strict {
                return Err(("Invalid control character at", next));
            }
            next += 1;
        }
        if c != '"' as u32 && c != '\\' as u32 || next >= len {
            return Err(("Unterminated string starting at", begin));
        }
        out.extend_from_slice(&s[end..next]);
        next += 1;
        if c == '"' as u32 {
            end = next;
            break;
        }
        if next == len {
            return Err(("Unterminated string starting at", begin));
        }
        c = s[next];
        if c != 'u' as u32 {
            end = next + 1;
            c = match char::from_u32(c) {
                Some('"') => '"' as u32,
                Some('\\') => '\\' as u32,
                Some('/') => '/' as u32,
                Some('b') => 8,
                Some('f') => 12,
                Some('n') => 10,
                Some('r') => 13,
                Some('t') => 9,
                _ => return Err(("Invalid \\escape", end - 2)),
            };
        } else {
            next += 1;
            end = next + 4;
            if end > len {
                return Err(("Invalid \\uXXXX escape", next - 1));
            }
            let Some(hi) = hex4(s, next) else {
                return Err(("Invalid \\uXXXX escape", end - 5));
            };
            c = hi;
            next = end;
            if (0xd800..0xdc00).contains(&hi)
                && end + 6 < len
                && s[next] == '\\' as u32
                && s[next + 1] == 'u' as u32
            {
                end += 6;
                let Some(lo) = hex4(s, next + 2) else {
                    return Err(("Invalid \\uXXXX escape", end - 5));
                };
                if (0xdc00..0xe000).contains(&lo) {
                    c = 0x10000 + (((hi - 0xd800) << 10) | (lo - 0xdc00));
                } else {
                    end -= 6;
                }
            }
        }
        out.push(c);
    }
    Ok((out, end))
}

/// `_scanstring(s, end, strict)`: `(True, str, end)` or `(False, msg, pos)`.
fn scanstring(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s, end, strict] = a.parse::<3>(ts, "scanstring", &["", "", ""], 2)?;
    let sv = s.unwrap_or_else(none);
    let s = the_str(ts, &sv)?;
    let strict = match strict {
        Some(v) => protocols::is_true(ts, &v)?,
        None => true,
    };
    let end = protocols::index_i64(ts, &end.unwrap_or_else(none))?;
    let len = s.len();
    if end < 0 || end as u64 > len as u64 {
        return Err(ts.value_error("end is out of bounds"));
    }
    match scan_str(&s.to_cps(), end as usize, strict) {
        Ok((out, end)) => Ok(ts.new_tuple(vec![
            py_bool(true),
            ts.new_str_from_cps(&out),
            ts.new_usize(end),
        ])),
        Err((msg, pos)) => {
            Ok(ts.new_tuple(vec![py_bool(false), ts.new_str(msg), ts.new_usize(pos)]))
        }
    }
}

#[path = "_json_encode.rs"]
mod encode;
#[path = "_json_scan.rs"]
mod scan;
