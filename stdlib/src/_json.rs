//! `_json`: the C accelerators of `json` that matter most, `scanstring`,
//! `encode_basestring_ascii` and `encode_basestring` (CPython's `Modules/_json.c`).
//!
//! `make_scanner` and `make_encoder` are absent, so `json.scanner` and `json.encoder` use
//! their pure-Python fallbacks (they catch the ImportError), calling the functions here for
//! the string work. `scanstring`'s error is raised by a small Python wrapper, which imports
//! `json.decoder.JSONDecodeError` when needed, as the C code does.

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
"#;

fn json_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(
        ts,
        "_json",
        &[
            ("_scanstring", scanstring),
            ("encode_basestring_ascii", encode_basestring_ascii),
            ("encode_basestring", encode_basestring),
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

fn push_u(out: &mut Vec<u32>, c: u32) {
    for ch in format!("\\u{c:04x}").chars() {
        out.push(ch as u32);
    }
}

/// Appends the escape of `c`, or returns false if `c` needs none.
fn short_escape(out: &mut Vec<u32>, c: u32) -> bool {
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

fn encode(ts: &ThreadState, a: MethodArgs<'_>, name: &str, ascii: bool) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, name, &[""], 1)?;
    let s = s.unwrap_or_else(none);
    let s = the_str(ts, &s)?;
    let mut out: Vec<u32> = Vec::with_capacity(s.len() + 2);
    out.push('"' as u32);
    for c in s.cps() {
        if short_escape(&mut out, c) {
            continue;
        }
        if c < 0x20 || (ascii && c >= 0x7f) {
            if c >= 0x10000 {
                let v = c - 0x10000;
                push_u(&mut out, 0xd800 | (v >> 10));
                push_u(&mut out, 0xdc00 | (v & 0x3ff));
            } else {
                push_u(&mut out, c);
            }
        } else {
            out.push(c);
        }
    }
    out.push('"' as u32);
    Ok(ts.new_str_from_cps(&out))
}

fn encode_basestring_ascii(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    encode(ts, a, "encode_basestring_ascii", true)
}

fn encode_basestring(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    encode(ts, a, "encode_basestring", false)
}

fn hex4(s: &PyStr, at: usize) -> Option<u32> {
    let mut c = 0u32;
    for i in at..at + 4 {
        let d = char::from_u32(s.char_at(i))?.to_digit(16)?;
        c = (c << 4) | d;
    }
    Some(c)
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
    let err = |msg: &str, pos: usize| -> PyResult<Value> {
        Ok(ts.new_tuple(vec![py_bool(false), ts.new_str(msg), ts.new_usize(pos)]))
    };
    let mut end = end as usize;
    let begin = end.wrapping_sub(1);
    let mut out: Vec<u32> = Vec::new();
    loop {
        let mut c = 0u32;
        let mut next = end;
        while next < len {
            c = s.char_at(next);
            if c == '"' as u32 || c == '\\' as u32 {
                break;
            }
            if c <= 0x1f && strict {
                return err("Invalid control character at", next);
            }
            next += 1;
        }
        if c != '"' as u32 && c != '\\' as u32 || next >= len {
            return err("Unterminated string starting at", begin);
        }
        out.extend((end..next).map(|i| s.char_at(i)));
        next += 1;
        if c == '"' as u32 {
            end = next;
            break;
        }
        if next == len {
            return err("Unterminated string starting at", begin);
        }
        c = s.char_at(next);
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
                _ => return err("Invalid \\escape", end - 2),
            };
        } else {
            next += 1;
            end = next + 4;
            if end > len {
                return err("Invalid \\uXXXX escape", next - 1);
            }
            let Some(hi) = hex4(s, next) else {
                return err("Invalid \\uXXXX escape", end - 5);
            };
            c = hi;
            next = end;
            if (0xd800..0xdc00).contains(&hi)
                && end + 6 < len
                && s.char_at(next) == '\\' as u32
                && s.char_at(next + 1) == 'u' as u32
            {
                end += 6;
                let Some(lo) = hex4(s, next + 2) else {
                    return err("Invalid \\uXXXX escape", end - 5);
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
    Ok(ts.new_tuple(vec![
        py_bool(true),
        ts.new_str_from_cps(&out),
        ts.new_usize(end),
    ]))
}
