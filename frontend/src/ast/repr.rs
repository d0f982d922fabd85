//! Python's `repr()` of constant values, character for character as CPython 3.14.
//!
//! Used by `ast.dump` emulation (`--dump-ast`) and by `--dis`. The printability table
//! comes from CPython's own Unicode database (see `unicode_tables.rs`).

use super::constant::{Constant, Wtf8Buf};
use super::unicode_tables::PRINTABLE;
use std::fmt::Write;

/// Whether `str.isprintable()` is true for this code point.
pub fn is_printable(cp: u32) -> bool {
    if cp < 0x7F {
        return cp >= 0x20;
    }
    in_table(PRINTABLE, cp)
}

/// Binary search in a sorted table of inclusive ranges.
pub fn in_table(table: &[(u32, u32)], cp: u32) -> bool {
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `repr(s)` for a Python str.
pub fn str_repr(s: &Wtf8Buf) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str_repr(s, &mut out);
    out
}

pub fn write_str_repr(s: &Wtf8Buf, out: &mut String) {
    let bytes = s.as_bytes();
    let has_single = bytes.contains(&b'\'');
    let has_double = bytes.contains(&b'"');
    let quote = if has_single && !has_double { '"' } else { '\'' };
    out.push(quote);
    // Fast path: plain printable ASCII with nothing to escape.
    for cp in s.code_points() {
        match cp {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            _ if cp == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            _ if cp < 0x20 || cp == 0x7F => {
                let _ = write!(out, "\\x{cp:02x}");
            }
            _ if cp < 0x7F => out.push(cp as u8 as char),
            _ if is_printable(cp) => out.push(char::from_u32(cp).unwrap_or('\u{FFFD}')),
            _ if cp <= 0xFF => {
                let _ = write!(out, "\\x{cp:02x}");
            }
            _ if cp <= 0xFFFF => {
                let _ = write!(out, "\\u{cp:04x}");
            }
            _ => {
                let _ = write!(out, "\\U{cp:08x}");
            }
        }
    }
    out.push(quote);
}

/// `repr(b)` for Python bytes.
pub fn write_bytes_repr(b: &[u8], out: &mut String) {
    let has_single = b.contains(&b'\'');
    let has_double = b.contains(&b'"');
    let quote = if has_single && !has_double {
        b'"'
    } else {
        b'\''
    };
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(quote as char);
            }
            0x20..=0x7E => out.push(c as char),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
}

/// `repr(x)` for a Python float: shortest round-trip digits, CPython's layout.
pub fn float_repr(x: f64) -> String {
    format_float_r(x, true)
}

/// CPython's `'r'` float formatting. `add_dot_0` appends `.0` to integral values
/// written without an exponent (true for `repr(float)`, false inside `repr(complex)`).
pub fn format_float_r(x: f64, add_dot_0: bool) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if x == 0.0 {
        let s = if x.is_sign_negative() { "-0" } else { "0" };
        return if add_dot_0 {
            format!("{s}.0")
        } else {
            s.to_string()
        };
    }
    // Rust's `{:e}` gives shortest round-trip digits, but of two shortest candidates it may
    // not pick the one nearest the exact value, as CPython's dtoa does (10866778671317.3125
    // must print ...312): re-format at that length, correctly rounded (ties to even). That
    // can fail to round-trip for a tie below a power of two, whose lower gap is half the
    // upper one (2**-24 prints ...063): then Rust's digits stand.
    let shortest = format!("{:e}", x);
    let n = shortest
        .split('e')
        .next()
        .map_or(1, |m| m.bytes().filter(u8::is_ascii_digit).count());
    let nearest = format!("{:.*e}", n.saturating_sub(1), x);
    let sci = if nearest.parse::<f64>() == Ok(x) {
        nearest
    } else {
        shortest
    };
    let (neg, body) = match sci.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, sci.as_str()),
    };
    let (mantissa, exp) = body.split_once('e').unwrap_or((body, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let decpt = exp + 1; // value = 0.DIGITS * 10^decpt
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if decpt <= -4 || decpt > 16 {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        let _ = write!(out, "e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in 0..(-decpt) {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let d = decpt as usize;
        if digits.len() <= d {
            out.push_str(&digits);
            for _ in digits.len()..d {
                out.push('0');
            }
            if add_dot_0 {
                out.push_str(".0");
            }
        } else {
            out.push_str(&digits[..d]);
            out.push('.');
            out.push_str(&digits[d..]);
        }
    }
    out
}

/// `repr(complex(real, imag))`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    if real == 0.0 && real.is_sign_positive() {
        format!("{}j", format_float_r(imag, false))
    } else {
        let re = format_float_r(real, false);
        let im = format_float_r(imag, false);
        let sign = if im.starts_with('-') { "" } else { "+" };
        format!("({re}{sign}{im}j)")
    }
}

pub fn constant_repr(c: &Constant, out: &mut String) {
    match c {
        Constant::None => out.push_str("None"),
        Constant::True => out.push_str("True"),
        Constant::False => out.push_str("False"),
        Constant::Ellipsis => out.push_str("Ellipsis"),
        Constant::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Constant::Float(f) => out.push_str(&float_repr(*f)),
        Constant::Complex { real, imag } => out.push_str(&complex_repr(*real, *imag)),
        Constant::Str(s) => write_str_repr(s, out),
        Constant::Bytes(b) => write_bytes_repr(b, out),
        Constant::Tuple(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                constant_repr(item, out);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Constant::FrozenSet(items) => {
            if items.is_empty() {
                out.push_str("frozenset()");
                return;
            }
            out.push_str("frozenset({");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                constant_repr(item, out);
            }
            out.push_str("})");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_match_cpython() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (-2.5, "-2.5"),
            (f64::INFINITY, "inf"),
            (1e300, "1e+300"),
            (3.14159, "3.14159"),
            (10866778671317.3125, "10866778671317.312"),
            (2f64.powi(-24), "5.960464477539063e-08"),
            (2f64.powi(-25), "2.9802322387695312e-08"),
        ];
        for &(x, want) in cases {
            assert_eq!(float_repr(x), want, "{x:e}");
        }
    }

    #[test]
    fn complex_matches_cpython() {
        assert_eq!(complex_repr(0.0, 1.0), "1j");
        assert_eq!(complex_repr(0.0, 1.5), "1.5j");
        assert_eq!(complex_repr(0.0, 1e20), "1e+20j");
        assert_eq!(complex_repr(0.0, f64::INFINITY), "infj");
        assert_eq!(complex_repr(1.0, -2.0), "(1-2j)");
    }

    #[test]
    fn str_quotes_and_escapes() {
        assert_eq!(str_repr(&"a'b".into()), "\"a'b\"");
        assert_eq!(str_repr(&"a'b\"".into()), "'a\\'b\"'");
        assert_eq!(
            str_repr(&"\u{7f}\u{85}\u{e9}\u{2028}".into()),
            "'\\x7f\\x85\u{e9}\\u2028'"
        );
        let mut s = Wtf8Buf::new();
        s.push_code_point(0xDC80);
        assert_eq!(str_repr(&s), "'\\udc80'");
    }
}
