//! Literal values: numbers and string bodies decoded to `Constant`s.
//!
//! The tokenizer validates the *shape* of literals; this module computes their
//! values for the parser, with CPython's messages for what only shows up while
//! decoding (bad `\x` escapes, unknown `\N{...}` names, invalid escape warnings).
//! It follows `Parser/string_parser.c` and the `unicodeescape` codec, including the
//! byte positions that codec reports (computed on CPython's intermediate buffer in
//! which every non-ASCII character counts 10 bytes, as `\UXXXXXXXX`).

use super::names;
use crate::ast::{Constant, Int, Wtf8Buf};
use crate::error::{SyntaxError, Warning};
use num_bigint::BigInt;
use num_traits::Num;

/// CPython's default `sys.get_int_max_str_digits()`.
const INT_MAX_STR_DIGITS: usize = 4300;

/// A decoded STRING token.
#[derive(Clone, Debug, PartialEq)]
pub struct StringLiteral {
    /// `Constant::Str` or `Constant::Bytes`.
    pub value: Constant,
    /// The literal had a `u` prefix (`Constant.kind == 'u'`).
    pub is_u: bool,
}

/// Value of a NUMBER token's text (`0x_ff`, `1_000.5e-3`, `3j`, ...).
/// Errors carry CPython's message (e.g. the int max-str-digits limit).
pub fn parse_number(text: &str) -> Result<Constant, String> {
    let owned;
    let text = if text.contains('_') {
        owned = text.replace('_', "");
        owned.as_str()
    } else {
        text
    };
    let bytes = text.as_bytes();
    if let Some(imag) = text.strip_suffix(['j', 'J']) {
        let imag = parse_float(imag)?;
        return Ok(Constant::Complex { real: 0.0, imag });
    }
    if bytes.len() > 2 && bytes[0] == b'0' {
        let radix = match bytes[1] | 0x20 {
            b'x' => 16,
            b'o' => 8,
            b'b' => 2,
            _ => 0,
        };
        if radix != 0 {
            return parse_int(&text[2..], radix);
        }
    }
    if bytes.iter().any(|&b| matches!(b, b'.' | b'e' | b'E')) {
        return parse_float(text).map(Constant::Float);
    }
    if bytes.len() > INT_MAX_STR_DIGITS {
        return Err(format!(
            "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion: \
             value has {} digits; use sys.set_int_max_str_digits() to increase the limit - \
             Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
            bytes.len()
        ));
    }
    parse_int(text, 10)
}

fn parse_int(digits: &str, radix: u32) -> Result<Constant, String> {
    if let Ok(v) = i64::from_str_radix(digits, radix) {
        return Ok(Constant::Int(Int::Small(v)));
    }
    BigInt::from_str_radix(digits, radix)
        .map(|v| Constant::Int(Int::from_bigint(v)))
        .map_err(|_| format!("invalid integer literal: {digits}"))
}

/// Correctly rounded (Rust's parser is); overflow gives `inf` like CPython.
fn parse_float(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .map_err(|_| format!("invalid float literal: {text}"))
}

/// The parts of a string token.
struct Parts<'a> {
    bytes: bool,
    raw: bool,
    is_u: bool,
    /// Offset of the body within the token text.
    body_start: usize,
    body: &'a str,
}

fn split_token(text: &str) -> Parts<'_> {
    let q = text.find(['\'', '"']).unwrap_or(text.len());
    let prefix = &text.as_bytes()[..q];
    let has = |c: u8| prefix.iter().any(|&b| b | 0x20 == c);
    let rest = &text[q..];
    let quote_len = if rest.len() >= 6 && (rest.starts_with("'''") || rest.starts_with("\"\"\"")) {
        3
    } else {
        1
    };
    let body_start = q + quote_len.min(rest.len());
    let body_end = text.len().saturating_sub(quote_len).max(body_start);
    Parts {
        bytes: has(b'b'),
        raw: has(b'r'),
        is_u: has(b'u'),
        body_start,
        body: &text[body_start..body_end],
    }
}

/// Where a token is, for errors and warnings.
#[derive(Clone, Copy)]
struct Loc<'a> {
    text: &'a str,
    lineno: u32,
    col: u32,
}

impl Loc<'_> {
    /// An error spanning the whole token, as CPython reports decoding errors.
    fn error(&self, msg: String) -> SyntaxError {
        let newlines = self.text.bytes().filter(|&b| b == b'\n').count() as u32;
        let end_col = match self.text.rfind('\n') {
            Some(i) => (self.text.len() - i - 1) as u32,
            None => self.col + self.text.len() as u32,
        };
        SyntaxError::syntax(msg, self.lineno, self.col, self.lineno + newlines, end_col)
    }

    /// Where CPython reports an invalid escape (`warn_invalid_escape_sequence` in
    /// `Parser/string_parser.c`): it walks its decode buffer (where a non-ASCII
    /// character takes 10 bytes) from the body start to the backslash, starting at
    /// the token's column and adding the token's leading quotes on the first line.
    /// The result is a character index; this maps it back to a byte column,
    /// clamped to the token's text on that line.
    ///
    /// `body_at`: offset of `body` in the token text; `esc`: the backslash in `body`.
    fn escape_position(&self, body_at: usize, body: &str, esc: usize) -> (u32, u32) {
        let before = &body[..esc];
        let newlines = before.bytes().filter(|&b| b == b'\n').count() as u32;
        let (line_text, target, base_col) = match before.rfind('\n') {
            Some(i) => {
                let line_start = body_at + i + 1;
                let line = &self.text[line_start..];
                (line, buffer_len(&before[i + 1..]), 0)
            }
            None => {
                let quotes = self
                    .text
                    .bytes()
                    .take_while(|&b| b == b'\'' || b == b'"')
                    .count();
                let quotes = match self.text.bytes().next() {
                    Some(q) => self.text.bytes().take(quotes).filter(|&b| b == q).count(),
                    None => 0,
                };
                (self.text, buffer_len(before) + quotes, self.col)
            }
        };
        let line_text = line_text.split('\n').next().unwrap_or("");
        let bytes: usize = line_text.chars().take(target).map(char::len_utf8).sum();
        // Past the token (non-ASCII counted 10 each), CPython's column runs past the
        // line and gets clamped to its end: keep the excess so consumers clamp too.
        let excess = target.saturating_sub(line_text.chars().count());
        (self.lineno + newlines, base_col + (bytes + excess) as u32)
    }
}

/// Decodes one whole STRING token (prefix, quotes and body). `lineno`/`col` locate
/// the token for warnings (invalid escape sequences) and errors.
pub fn decode_string(
    text: &str,
    lineno: u32,
    col: u32,
    warnings: &mut Vec<Warning>,
) -> Result<StringLiteral, SyntaxError> {
    let parts = split_token(text);
    let loc = Loc { text, lineno, col };
    let value = if parts.bytes {
        if !parts.body.is_ascii() {
            return Err(loc.error("bytes can only contain ASCII literal characters".into()));
        }
        let mut out = Vec::with_capacity(parts.body.len());
        if parts.raw {
            push_translated_newlines_bytes(parts.body.as_bytes(), &mut out);
        } else {
            decode_bytes_escapes(parts.body.as_bytes(), &mut out, loc, warnings)?;
        }
        Constant::Bytes(out)
    } else {
        let mut out = Wtf8Buf::with_capacity(parts.body.len());
        if parts.raw {
            push_translated_newlines(parts.body, &mut out);
        } else {
            decode_str_escapes(parts.body, parts.body_start, &mut out, loc, warnings, false)?;
        }
        Constant::Str(out)
    };
    Ok(StringLiteral {
        value,
        is_u: parts.is_u,
    })
}

/// Decodes the text of an FSTRING_MIDDLE / TSTRING_MIDDLE token: backslash escapes
/// (unless `raw`), and `{{` → `{`, `}}` → `}`.
///
/// Invalid-escape warnings are placed at `col` plus the escape's offset in `text`
/// (and on later lines relative to their start). CPython locates them relative to
/// the f-string's FSTRING_END token for literal parts (pass its line and its column
/// plus its quote length for the same columns) and to the middle token itself
/// inside format specs.
pub fn decode_fstring_middle(
    text: &str,
    raw: bool,
    lineno: u32,
    col: u32,
    warnings: &mut Vec<Warning>,
) -> Result<Wtf8Buf, SyntaxError> {
    let loc = Loc { text, lineno, col };
    let mut out = Wtf8Buf::with_capacity(text.len());
    // Split at doubled braces outside `\N{...}`; decode each run.
    let b = text.as_bytes();
    let (mut run_start, mut i) = (0, 0);
    while i < b.len() {
        match b[i] {
            b'\\' if !raw => {
                // Skip the escaped character; `\N{...}` as a whole.
                if b.get(i + 1) == Some(&b'N') && b.get(i + 2) == Some(&b'{') {
                    i = b[i..]
                        .iter()
                        .position(|&c| c == b'}')
                        .map_or(b.len(), |n| i + n + 1);
                } else {
                    i += 2;
                }
            }
            c @ (b'{' | b'}') if b.get(i + 1) == Some(&c) => {
                push_middle_run(
                    &text[run_start..=i],
                    run_start,
                    raw,
                    &mut out,
                    loc,
                    warnings,
                )?;
                i += 2;
                run_start = i;
            }
            _ => i += 1,
        }
    }
    if run_start < text.len() {
        push_middle_run(&text[run_start..], run_start, raw, &mut out, loc, warnings)?;
    }
    Ok(out)
}

fn push_middle_run(
    run: &str,
    offset: usize,
    raw: bool,
    out: &mut Wtf8Buf,
    loc: Loc<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<(), SyntaxError> {
    if raw {
        push_translated_newlines(run, out);
        Ok(())
    } else {
        decode_str_escapes(run, offset, out, loc, warnings, true)
    }
}

/// Appends `s` with `\r\n` and `\r` turned into `\n` (CPython reads source with
/// universal newlines).
fn push_translated_newlines(s: &str, out: &mut Wtf8Buf) {
    if !s.contains('\r') {
        out.push_str(s);
        return;
    }
    let mut rest = s;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push_char('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
}

fn push_translated_newlines_bytes(s: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'\r' {
            out.push(b'\n');
            if s.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            out.push(s[i]);
        }
        i += 1;
    }
}

fn invalid_escape_msg(seq: &str, octal: bool) -> String {
    format!(
        "\"\\{seq}\" is an invalid {}escape sequence. Such sequences will not work in the \
         future. Did you mean \"\\\\{seq}\"? A raw string is also an option.",
        if octal { "octal " } else { "" }
    )
}

/// Length of a line break at the start of `b` (`\n`, `\r\n`, `\r`), or 0.
fn newline_len(b: &[u8]) -> usize {
    match b {
        [b'\r', b'\n', ..] => 2,
        [b'\n' | b'\r', ..] => 1,
        _ => 0,
    }
}

/// Decodes the escapes of a str body (`unicodeescape` on CPython's buffer).
/// `body_at` is where `body` starts in the token text (for warning positions);
/// `trailing_backslash_ok`: an f-string middle may end in a backslash whose
/// escaped `{`/`}` the tokenizer already warned about.
fn decode_str_escapes(
    body: &str,
    body_at: usize,
    out: &mut Wtf8Buf,
    loc: Loc<'_>,
    warnings: &mut Vec<Warning>,
    trailing_backslash_ok: bool,
) -> Result<(), SyntaxError> {
    let b = body.as_bytes();
    let mut i = 0;
    let mut warned = false;
    // Position in CPython's intermediate buffer (non-ASCII chars count 10 bytes).
    let mut cpos = 0usize;
    while i < b.len() {
        // Copy a run of ordinary text.
        let run_end = b[i..]
            .iter()
            .position(|&c| c == b'\\' || c == b'\r')
            .map_or(b.len(), |n| i + n);
        if run_end > i {
            let run = &body[i..run_end];
            out.push_str(run);
            cpos += buffer_len(run);
            i = run_end;
            continue;
        }
        if b[i] == b'\r' {
            out.push_char('\n');
            i += newline_len(&b[i..]);
            cpos += 1;
            continue;
        }
        // A backslash.
        let start = i;
        let start_cpos = cpos;
        i += 1;
        let Some(&c) = b.get(i) else {
            if trailing_backslash_ok {
                out.push_char('\\');
                return Ok(());
            }
            return Err(loc.error(unicode_error(start_cpos, start_cpos, "\\ at end of string")));
        };
        if c >= 0x80 {
            // CPython turns the backslash into `\u005c`: a literal backslash.
            out.push_char('\\');
            cpos += 6;
            continue;
        }
        i += 1;
        cpos += 2;
        match c {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                    cpos += 1;
                }
            }
            b'\\' => out.push_char('\\'),
            b'\'' => out.push_char('\''),
            b'"' => out.push_char('"'),
            b'a' => out.push_char('\x07'),
            b'b' => out.push_char('\x08'),
            b'f' => out.push_char('\x0c'),
            b'n' => out.push_char('\n'),
            b'r' => out.push_char('\r'),
            b't' => out.push_char('\t'),
            b'v' => out.push_char('\x0b'),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    cpos += 1;
                    n += 1;
                }
                if v > 0o377 && !warned {
                    warned = true;
                    let (l, col) = loc.escape_position(body_at, body, start);
                    warnings.push(Warning {
                        msg: invalid_escape_msg(&body[start + 1..i], true),
                        lineno: l,
                        col,
                    });
                }
                out.push_code_point(v);
            }
            b'x' | b'u' | b'U' => {
                let (count, msg) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut v: u32 = 0;
                for _ in 0..count {
                    match b.get(i).and_then(|&h| (h as char).to_digit(16)) {
                        Some(d) => {
                            v = (v << 4) | d;
                            i += 1;
                            cpos += 1;
                        }
                        None => {
                            return Err(loc.error(unicode_error(start_cpos, cpos - 1, msg)));
                        }
                    }
                }
                if !out.push_code_point(v) {
                    return Err(loc.error(unicode_error(
                        start_cpos,
                        cpos - 1,
                        "illegal Unicode character",
                    )));
                }
            }
            b'N' => {
                let malformed = "malformed \\N character escape";
                if b.get(i) != Some(&b'{') {
                    return Err(loc.error(unicode_error(start_cpos, cpos - 1, malformed)));
                }
                let name_start = i + 1;
                let Some(close) = b[name_start..].iter().position(|&c| c == b'}') else {
                    let end = start_cpos + buffer_len(&body[start..]);
                    return Err(loc.error(unicode_error(start_cpos, end - 1, malformed)));
                };
                let name = &body[name_start..name_start + close];
                if name.is_empty() {
                    return Err(loc.error(unicode_error(start_cpos, cpos, malformed)));
                }
                i = name_start + close + 1;
                cpos += 1 + buffer_len(name) + 1;
                match names::lookup(name) {
                    Some(cp) => {
                        out.push_code_point(cp);
                    }
                    None => {
                        return Err(loc.error(unicode_error(
                            start_cpos,
                            cpos - 1,
                            "unknown Unicode character name",
                        )));
                    }
                }
            }
            _ => {
                if !warned {
                    warned = true;
                    let (l, col) = loc.escape_position(body_at, body, start);
                    warnings.push(Warning {
                        msg: invalid_escape_msg(&body[start + 1..i], false),
                        lineno: l,
                        col,
                    });
                }
                out.push_char('\\');
                out.push_char(c as char);
            }
        }
    }
    Ok(())
}

/// Length of `s` in CPython's intermediate escape buffer.
fn buffer_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(|c| if c.is_ascii() { 1 } else { 10 }).sum()
    }
}

fn unicode_error(start: usize, end: usize, reason: &str) -> String {
    format!(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: {reason}"
    )
}

/// [`Loc::escape_position`] for a bytes body (ASCII, so its own buffer).
fn bytes_escape_position(loc: Loc<'_>, body: &[u8], esc: usize) -> (u32, u32) {
    let body = std::str::from_utf8(body).unwrap_or("");
    // The body sits between equal-length quote runs after the prefix.
    let q = loc.text.find(['\'', '"']).unwrap_or(0);
    let quote_len = loc.text.len().saturating_sub(q + body.len()) / 2;
    loc.escape_position(q + quote_len, body, esc)
}

/// Decodes the escapes of an (ASCII) bytes body.
fn decode_bytes_escapes(
    b: &[u8],
    out: &mut Vec<u8>,
    loc: Loc<'_>,
    warnings: &mut Vec<Warning>,
) -> Result<(), SyntaxError> {
    let mut i = 0;
    let mut warned = false;
    while i < b.len() {
        let c = b[i];
        if c == b'\r' {
            out.push(b'\n');
            i += newline_len(&b[i..]);
            continue;
        }
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&c) = b.get(i) else {
            return Err(loc.error("(value error) Trailing \\ in string".into()));
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' | b'\'' | b'"' => out.push(c),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                if v > 0o377 && !warned {
                    warned = true;
                    let seq = String::from_utf8_lossy(&b[start + 1..i]).into_owned();
                    let (lineno, col) = bytes_escape_position(loc, b, start);
                    warnings.push(Warning {
                        msg: invalid_escape_msg(&seq, true),
                        lineno,
                        col,
                    });
                }
                out.push(v as u8);
            }
            b'x' => {
                let hex = |k: usize| b.get(k).and_then(|&h| (h as char).to_digit(16));
                match (hex(i), hex(i + 1)) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => {
                        return Err(loc.error(format!(
                            "(value error) invalid \\x escape at position {start}"
                        )))
                    }
                }
            }
            _ => {
                if !warned {
                    warned = true;
                    let (lineno, col) = bytes_escape_position(loc, b, start);
                    warnings.push(Warning {
                        msg: invalid_escape_msg(&(c as char).to_string(), false),
                        lineno,
                        col,
                    });
                }
                out.push(b'\\');
                out.push(c);
            }
        }
    }
    Ok(())
}
