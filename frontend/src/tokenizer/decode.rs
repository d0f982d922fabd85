//! Source decoding: UTF-8 BOM and PEP 263 coding declarations (CPython's
//! `Parser/tokenizer/helpers.c` and `Parser/tokenizer/string_tokenizer.c`).
//!
//! Supports UTF-8, Latin-1, ASCII and cp1252 under their Python codec aliases; any
//! other declared encoding is "unknown". Messages are those `compile()` gives.

use crate::error::SyntaxError;

/// An encoding the decoder supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Latin1,
    Ascii,
    Cp1252,
}

/// Decodes raw source bytes (BOM, PEP 263 coding declaration) to UTF-8 text.
pub fn decode_source(bytes: &[u8]) -> Result<String, SyntaxError> {
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let mut encoding = Encoding::Utf8;
    if let Some((spec, lineno)) = find_coding_spec(body) {
        let normal = normal_name(&spec);
        if bom && normal != "utf-8" {
            return Err(SyntaxError::syntax(
                format!("encoding problem: {normal} with BOM"),
                lineno,
                0,
                lineno,
                line_len(body, lineno).saturating_sub(1),
            ));
        }
        encoding = match lookup(&normal) {
            Some(e) => e,
            None => {
                return Err(SyntaxError::syntax(
                    format!("unknown encoding: {spec}"),
                    0,
                    0,
                    0,
                    0,
                ))
            }
        };
    }
    match encoding {
        Encoding::Utf8 => match std::str::from_utf8(body) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) => Err(non_utf8_error(body, e.valid_up_to())),
        },
        Encoding::Latin1 => Ok(body.iter().map(|&b| b as char).collect()),
        Encoding::Ascii => match body.iter().position(|&b| b >= 0x80) {
            None => Ok(body.iter().map(|&b| b as char).collect()),
            Some(i) => Err(SyntaxError::syntax(
                format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {i}: ordinal not in range(128)",
                    body[i]
                ),
                0,
                0,
                0,
                0,
            )),
        },
        Encoding::Cp1252 => {
            let mut out = String::with_capacity(body.len());
            for (i, &b) in body.iter().enumerate() {
                match cp1252(b) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(SyntaxError::syntax(
                            format!(
                                "'charmap' codec can't decode byte 0x{b:02x} in position {i}: \
                                 character maps to <undefined>"
                            ),
                            0,
                            0,
                            0,
                            0,
                        ))
                    }
                }
            }
            Ok(out)
        }
    }
}

/// CPython's error for undecodable bytes without (or with a UTF-8) declaration.
fn non_utf8_error(body: &[u8], bad: usize) -> SyntaxError {
    let line_start = body[..bad]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let lineno = 1 + body[..bad].iter().filter(|&&b| b == b'\n').count() as u32;
    let col = (bad - line_start) as u32;
    SyntaxError::syntax(
        format!(
            "Non-UTF-8 code starting with '\\x{:02x}' on line {lineno}, but no encoding \
             declared; see https://peps.python.org/pep-0263/ for details",
            body[bad]
        ),
        lineno,
        col,
        lineno,
        col,
    )
}

/// The coding spec of line 1, or of line 2 when line 1 is blank or a comment.
fn find_coding_spec(body: &[u8]) -> Option<(String, u32)> {
    let mut lines = body.split(|&b| b == b'\n');
    let first = lines.next()?;
    if let Some(spec) = coding_spec(first) {
        return Some((spec, 1));
    }
    let is_comment_or_blank = first
        .iter()
        .find(|&&b| !matches!(b, b' ' | b'\t' | b'\x0c' | b'\r'))
        .is_none_or(|&b| b == b'#');
    if !is_comment_or_blank {
        return None;
    }
    let second = lines.next()?;
    coding_spec(second).map(|s| (s, 2))
}

/// CPython's `get_coding_spec` on one line: `#...coding[:=][ \t]*name`.
fn coding_spec(line: &[u8]) -> Option<String> {
    let hash = line
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    if line[hash] != b'#' {
        return None;
    }
    let s = &line[hash..];
    let mut i = 0;
    while i + 6 < s.len() {
        if &s[i..i + 6] == b"coding" && matches!(s[i + 6], b':' | b'=') {
            let mut t = i + 7;
            while t < s.len() && matches!(s[t], b' ' | b'\t') {
                t += 1;
            }
            let begin = t;
            while t < s.len()
                && (s[t].is_ascii_alphanumeric() || matches!(s[t], b'-' | b'_' | b'.'))
            {
                t += 1;
            }
            if t > begin {
                return Some(String::from_utf8_lossy(&s[begin..t]).into_owned());
            }
        }
        i += 1;
    }
    None
}

/// CPython's `get_normal_name`: canonical spelling of UTF-8 and Latin-1 names.
fn normal_name(spec: &str) -> String {
    let buf: String = spec
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if buf == "utf-8" || buf.starts_with("utf-8-") {
        "utf-8".into()
    } else if buf == "latin-1"
        || buf == "iso-8859-1"
        || buf == "iso-latin-1"
        || buf.starts_with("latin-1-")
        || buf.starts_with("iso-8859-1-")
        || buf.starts_with("iso-latin-1-")
    {
        "iso-8859-1".into()
    } else {
        spec.into()
    }
}

/// Python's codec lookup for the encodings we support (after `normal_name`).
fn lookup(name: &str) -> Option<Encoding> {
    let norm: String = name
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    Some(match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Encoding::Utf8,
        "iso_8859_1" | "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso8859" | "8859"
        | "cp819" | "iso_ir_100" | "iso_8859_1:1987" | "csisolatin1" => Encoding::Latin1,
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968"
        | "ansi_x3.4_1986" | "cp367" | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv:1991"
        | "iso_ir_6" => Encoding::Ascii,
        "cp1252" | "windows_1252" | "1252" => Encoding::Cp1252,
        _ => return None,
    })
}

/// Windows-1252: Latin-1 except for 0x80..0x9F.
fn cp1252(b: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
        0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
        0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ];
    if (0x80..0xA0).contains(&b) {
        match HIGH[(b - 0x80) as usize] {
            0 => None,
            cp => char::from_u32(cp as u32),
        }
    } else {
        Some(b as char)
    }
}

/// Byte length of line `lineno` (1-based) without its terminator.
fn line_len(body: &[u8], lineno: u32) -> u32 {
    body.split(|&b| b == b'\n')
        .nth(lineno as usize - 1)
        .map_or(0, |l| l.strip_suffix(b"\r").unwrap_or(l).len() as u32)
}
