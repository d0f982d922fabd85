//! Tokenizer tests. Expected positions and messages come from CPython 3.14
//! (`python3.14 -m tokenize -e` and `compile()`).

use super::literal::{decode_fstring_middle, decode_string, parse_number};
use super::*;
use crate::ast::{Constant, Int};
use crate::error::ErrorKind;
use TokKind::*;

/// (kind, text, (line, col), (end line, end col)) of one token.
type Tok<'a> = (TokKind, &'a str, (u32, u32), (u32, u32));

fn toks(src: &str) -> Vec<Tok<'_>> {
    tokenize(src)
        .unwrap_or_else(|e| panic!("tokenize failed: {e:?}"))
        .iter()
        .map(|t| {
            (
                t.kind,
                &src[t.start as usize..t.end as usize],
                (t.lineno, t.col),
                (t.end_lineno, t.end_col),
            )
        })
        .collect()
}

fn kinds(src: &str) -> Vec<TokKind> {
    toks(src).into_iter().map(|t| t.0).collect()
}

/// (kind, message, lineno, CPython's 1-based offset) of the error.
fn err(src: &str) -> (ErrorKind, std::string::String, u32, usize) {
    let e = tokenize(src).expect_err("expected an error");
    let line = src
        .split_inclusive('\n')
        .nth(e.lineno.max(1) as usize - 1)
        .unwrap_or("");
    let off = e.offset(line);
    (e.kind, e.msg, e.lineno, off)
}

fn msg(src: &str) -> std::string::String {
    err(src).1
}

#[test]
fn simple_statement_positions() {
    assert_eq!(
        toks("x = 1\n"),
        vec![
            (Name, "x", (1, 0), (1, 1)),
            (Equal, "=", (1, 2), (1, 3)),
            (Number, "1", (1, 4), (1, 5)),
            (Newline, "\n", (1, 5), (1, 6)),
            // CPython's C tokenizer leaves the end marker on the last line; its
            // parser reports errors there at the newline.
            (EndMarker, "", (1, 5), (1, 5)),
        ]
    );
    // No final newline: a virtual one, as CPython adds.
    assert_eq!(
        toks("x"),
        vec![
            (Name, "x", (1, 0), (1, 1)),
            (Newline, "", (1, 1), (1, 2)),
            (EndMarker, "", (1, 1), (1, 1)),
        ]
    );
    assert_eq!(toks(""), vec![(EndMarker, "", (1, 0), (1, 0))]);
}

#[test]
fn keywords_and_operators() {
    assert_eq!(
        kinds("if not a is None: pass"),
        vec![If, Not, Name, Is, None, Colon, Pass, Newline, EndMarker]
    );
    assert_eq!(
        kinds("a **= b //= c >>= d <<= e -> f := g ... != <> @= ~"),
        vec![
            Name,
            DoubleStarEqual,
            Name,
            DoubleSlashEqual,
            Name,
            RightShiftEqual,
            Name,
            LeftShiftEqual,
            Name,
            RArrow,
            Name,
            ColonEqual,
            Name,
            Ellipsis,
            NotEqual,
            NotEqual,
            AtEqual,
            Tilde,
            Newline,
            EndMarker
        ]
    );
    // Soft keywords are names.
    assert_eq!(kinds("match _"), vec![Name, Name, Newline, EndMarker]);
}

#[test]
fn indentation() {
    let src = "if x:\n    y\n\n  # comment\n    z\nw\n";
    assert_eq!(
        toks(src),
        vec![
            (If, "if", (1, 0), (1, 2)),
            (Name, "x", (1, 3), (1, 4)),
            (Colon, ":", (1, 4), (1, 5)),
            (Newline, "\n", (1, 5), (1, 6)),
            (Indent, "    ", (2, 0), (2, 4)),
            (Name, "y", (2, 4), (2, 5)),
            (Newline, "\n", (2, 5), (2, 6)),
            (Name, "z", (5, 4), (5, 5)),
            (Newline, "\n", (5, 5), (5, 6)),
            (Dedent, "", (6, 0), (6, 0)),
            (Name, "w", (6, 0), (6, 1)),
            (Newline, "\n", (6, 1), (6, 2)),
            (EndMarker, "", (6, 1), (6, 1)),
        ]
    );
    // Dedents at EOF stay on the last line, at its newline.
    let t = toks("if x:\n  if y:\n    z\n");
    let tail: Vec<_> = t[t.len() - 3..].iter().map(|t| (t.0, t.2)).collect();
    assert_eq!(
        tail,
        vec![(Dedent, (3, 5)), (Dedent, (3, 5)), (EndMarker, (3, 5))]
    );
    // Tabs go to multiples of 8; a form feed resets the column.
    assert_eq!(
        kinds("if x:\n\ty\n\tz\n"),
        vec![If, Name, Colon, Newline, Indent, Name, Newline, Name, Newline, Dedent, EndMarker]
    );
    assert_eq!(kinds("\x0c\nx\n"), vec![Name, Newline, EndMarker]);
}

#[test]
fn brackets_join_lines() {
    assert_eq!(
        kinds("x = (1,\n  2)\ny = [\n]\n"),
        vec![
            Name, Equal, LPar, Number, Comma, Number, RPar, Newline, Name, Equal, LSqb, RSqb,
            Newline, EndMarker
        ]
    );
    assert_eq!(
        kinds("x = 1 + \\\n  2\n"),
        vec![Name, Equal, Number, Plus, Number, Newline, EndMarker]
    );
}

#[test]
fn crlf_and_cr_newlines() {
    let t = toks("x = 1\r\ny = 2\r\n");
    assert_eq!(t[3], (Newline, "\r\n", (1, 5), (1, 6)));
    assert_eq!(t[4], (Name, "y", (2, 0), (2, 1)));
    assert_eq!(
        kinds("a\rb\r"),
        vec![Name, Newline, Name, Newline, EndMarker]
    );
}

#[test]
fn numbers() {
    for src in [
        "0",
        "123",
        "1_000",
        "0x_ff",
        "0XFF",
        "0o17",
        "0b1_0",
        "1.5",
        "1.",
        ".5",
        "1e10",
        "1E-5",
        "1_0.0_1e1_0",
        "3j",
        "1.5J",
        "00",
        "0_0",
        "0e0",
        "09.5",
        "1.e5j",
    ] {
        assert_eq!(kinds(src), vec![Number, Newline, EndMarker], "{src}");
    }
    // A number directly before a keyword: tokens plus a warning.
    let (t, w) = tokenize_with_warnings("1if x else y").unwrap();
    assert_eq!(t[0].kind, Number);
    assert_eq!(t[1].kind, If);
    assert_eq!(w[0].msg, "invalid decimal literal");
    assert_eq!(kinds("0x1for"), vec![Number, Or, Newline, EndMarker]);
    assert_eq!(kinds("0o1for"), vec![Number, For, Newline, EndMarker]);
}

#[test]
fn number_errors() {
    let leading = "leading zeros in decimal integer literals are not permitted; \
                   use an 0o prefix for octal integers";
    let cases: &[(&str, &str, usize)] = &[
        ("0777", leading, 1),
        ("0_7", leading, 1),
        ("0_", "invalid decimal literal", 2),
        ("1__0", "invalid decimal literal", 2),
        ("1_.5", "invalid decimal literal", 2),
        ("1.5_", "invalid decimal literal", 4),
        ("1e", "invalid decimal literal", 1),
        ("1e+", "invalid decimal literal", 3),
        ("1e5_", "invalid decimal literal", 4),
        ("0x", "invalid hexadecimal literal", 2),
        ("0xg", "invalid hexadecimal literal", 2),
        ("0o", "invalid octal literal", 2),
        ("0o8", "invalid digit '8' in octal literal", 3),
        ("0b", "invalid binary literal", 2),
        ("0b2", "invalid digit '2' in binary literal", 3),
        ("0b1_", "invalid binary literal", 4),
        ("1abc", "invalid decimal literal", 1),
        ("1jx", "invalid imaginary literal", 2),
    ];
    for &(src, want, offset) in cases {
        let (_, m, line, off) = err(src);
        assert_eq!((m.as_str(), line, off), (want, 1, offset), "{src}");
    }
}

#[test]
fn strings() {
    assert_eq!(
        toks("s = rb'x' u\"y\" '''a\nb''' f\"\"\n"),
        vec![
            (Name, "s", (1, 0), (1, 1)),
            (Equal, "=", (1, 2), (1, 3)),
            (String, "rb'x'", (1, 4), (1, 9)),
            (String, "u\"y\"", (1, 10), (1, 14)),
            (String, "'''a\nb'''", (1, 15), (2, 4)),
            (FStringStart, "f\"", (2, 5), (2, 7)),
            (FStringEnd, "\"", (2, 7), (2, 8)),
            (Newline, "\n", (2, 8), (2, 9)),
            (EndMarker, "", (2, 8), (2, 8)),
        ]
    );
    assert_eq!(
        kinds(r"'a\'b' 'a\\'"),
        vec![String, String, Newline, EndMarker]
    );
    for p in [
        "r", "u", "R", "b", "B", "br", "Rb", "rB", "f", "F", "fr", "Rf", "t", "tr", "RT",
    ] {
        let src = format!("{p}'x'");
        assert!(tokenize(&src).is_ok(), "{src}");
    }
}

#[test]
fn string_errors() {
    assert_eq!(
        err("x = 'abc"),
        (
            ErrorKind::SyntaxError,
            "unterminated string literal (detected at line 1)".into(),
            1,
            5
        )
    );
    assert_eq!(
        err("'''abc\n\n"),
        (
            ErrorKind::SyntaxError,
            "unterminated triple-quoted string literal (detected at line 2)".into(),
            1,
            1
        )
    );
    assert_eq!(
        msg("x = 'a\\'\nb"),
        "unterminated string literal (detected at line 1); perhaps you escaped the end quote?"
    );
    assert_eq!(msg("ft''"), "'f' and 't' prefixes are incompatible");
    assert_eq!(msg("bru''"), "'u' and 'b' prefixes are incompatible");
    assert_eq!(msg("tb''"), "'b' and 't' prefixes are incompatible");
}

#[test]
fn fstring_tokens() {
    let src = "f\"a{x!r:>{w}}b{{c}}{y=}\"";
    assert_eq!(
        toks(src),
        vec![
            (FStringStart, "f\"", (1, 0), (1, 2)),
            (FStringMiddle, "a", (1, 2), (1, 3)),
            (LBrace, "{", (1, 3), (1, 4)),
            (Name, "x", (1, 4), (1, 5)),
            (Exclamation, "!", (1, 5), (1, 6)),
            (Name, "r", (1, 6), (1, 7)),
            (Colon, ":", (1, 7), (1, 8)),
            (FStringMiddle, ">", (1, 8), (1, 9)),
            (LBrace, "{", (1, 9), (1, 10)),
            (Name, "w", (1, 10), (1, 11)),
            (RBrace, "}", (1, 11), (1, 12)),
            (RBrace, "}", (1, 12), (1, 13)),
            (FStringMiddle, "b{{c}}", (1, 13), (1, 19)),
            (LBrace, "{", (1, 19), (1, 20)),
            (Name, "y", (1, 20), (1, 21)),
            (Equal, "=", (1, 21), (1, 22)),
            (RBrace, "}", (1, 22), (1, 23)),
            (FStringEnd, "\"", (1, 23), (1, 24)),
            (Newline, "", (1, 24), (1, 25)),
            (EndMarker, "", (1, 24), (1, 24)),
        ]
    );
    // Nested quotes and f-strings, multi-line fields, t-strings.
    assert!(tokenize("f\"{f\"{f\"{f\"{1}\"}\"}\"}\"").is_ok());
    assert!(tokenize("f'''{\na +\nb}'''\n").is_ok());
    assert_eq!(
        kinds("t'{x}'"),
        vec![
            TStringStart,
            LBrace,
            Name,
            RBrace,
            TStringEnd,
            Newline,
            EndMarker
        ]
    );
    assert_eq!(
        kinds("f'\\N{BULLET} {x:%H:%M}'"),
        vec![
            FStringStart,
            FStringMiddle,
            LBrace,
            Name,
            Colon,
            FStringMiddle,
            RBrace,
            FStringEnd,
            Newline,
            EndMarker
        ]
    );
    let (_, w) = tokenize_with_warnings("f'\\{x}'").unwrap();
    assert!(w[0]
        .msg
        .starts_with("\"\\{\" is an invalid escape sequence."));
    assert_eq!((w[0].lineno, w[0].col), (1, 3));
}

#[test]
fn fstring_errors() {
    let cases: &[(&str, &str, u32, usize)] = &[
        ("f\"{x\"", "f-string: expecting '}'", 1, 5),
        ("f\"{1 +\n2\"", "f-string: expecting '}'", 2, 2),
        ("f\"}\"", "f-string: single '}' is not allowed", 1, 3),
        ("f\"{x}}\"", "f-string: single '}' is not allowed", 1, 6),
        ("t\"}\"", "t-string: single '}' is not allowed", 1, 3),
        ("f\"{x)}\"", "f-string: unmatched ')'", 1, 5),
        (
            "f\"abc",
            "unterminated f-string literal (detected at line 1)",
            1,
            1,
        ),
        (
            "t\"abc",
            "unterminated t-string literal (detected at line 1)",
            1,
            1,
        ),
        (
            "f\"\"\"abc\n",
            "unterminated triple-quoted f-string literal (detected at line 1)",
            1,
            1,
        ),
        (
            "f\"{x:{y:{z:{w}}}}\"",
            "f-string: expressions nested too deeply",
            1,
            11,
        ),
        (
            "f\"{x:abc\n}\"",
            "f-string: newlines are not allowed in format specifiers for single quoted f-strings",
            1,
            9,
        ),
    ];
    for &(src, want, line, offset) in cases {
        let (_, m, l, off) = err(src);
        assert_eq!((m.as_str(), l, off), (want, line, offset), "{src}");
    }
    let nest = |n: usize| (0..n).fold("1".to_string(), |s, _| format!("f\"{{{s}}}\""));
    assert!(tokenize(&nest(149)).is_ok());
    assert_eq!(
        err(&nest(150)),
        (
            ErrorKind::SyntaxError,
            "too many nested f-strings or t-strings".into(),
            1,
            449
        )
    );
}

#[test]
fn bracket_errors() {
    assert_eq!(err("x = )").1, "unmatched ')'");
    assert_eq!(err("x = )").3, 5);
    assert_eq!(
        msg("(]"),
        "closing parenthesis ']' does not match opening parenthesis '('"
    );
    assert_eq!(
        err("[\n(\n)\n)"),
        (
            ErrorKind::SyntaxError,
            "closing parenthesis ')' does not match opening parenthesis '[' on line 1".into(),
            4,
            1
        )
    );
    assert_eq!(
        err("x = (\n"),
        (ErrorKind::SyntaxError, "'(' was never closed".into(), 1, 5)
    );
    assert_eq!(msg(&"(".repeat(201)), "too many nested parentheses");
    assert_eq!(msg(&"(".repeat(200)), "'(' was never closed");
    // Deep nesting is iterative: no stack overflow on a huge input.
    assert!(tokenize(&"[".repeat(100_000)).is_err());
}

#[test]
fn indentation_errors() {
    assert_eq!(
        err("if 1:\n  x\n y\n"),
        (
            ErrorKind::IndentationError,
            "unindent does not match any outer indentation level".into(),
            3,
            3
        )
    );
    let tab = "inconsistent use of tabs and spaces in indentation";
    assert_eq!(
        err("if 1:\n\tx\n        y\n"),
        (ErrorKind::TabError, tab.into(), 3, 1)
    );
    assert_eq!(
        err("if 1:\n        x\n\ty\n"),
        (ErrorKind::TabError, tab.into(), 3, 1)
    );
    let mut deep = std::string::String::from("x\n");
    for i in 0..100 {
        deep += &format!("{}if 1:\n", " ".repeat(i));
    }
    deep += &format!("{}x\n", " ".repeat(100));
    assert_eq!(
        err(&deep),
        (
            ErrorKind::IndentationError,
            "too many levels of indentation".into(),
            102,
            1
        )
    );
}

#[test]
fn misc_errors() {
    assert_eq!(msg("x = 1\\"), "unexpected EOF while parsing");
    assert_eq!(
        err("\\"),
        (
            ErrorKind::SyntaxError,
            "unexpected EOF while parsing".into(),
            1,
            2
        )
    );
    assert_eq!(
        err("y = 2 \\ z"),
        (
            ErrorKind::SyntaxError,
            "unexpected character after line continuation character".into(),
            1,
            8
        )
    );
    assert_eq!(
        err("\u{20ac}"),
        (
            ErrorKind::SyntaxError,
            "invalid character '€' (U+20AC)".into(),
            1,
            1
        )
    );
    assert_eq!(
        err("a\u{200b}b").1,
        "invalid non-printable character U+200B"
    );
    assert_eq!(err("a\x0bb").1, "invalid non-printable character U+000B");
    assert_eq!(msg("a $ b"), "invalid syntax");
    assert_eq!(msg("x\0"), "source code string cannot contain null bytes");
}

#[test]
fn unicode_identifiers() {
    let t = toks("été = ﬁle");
    assert_eq!(t[0], (Name, "été", (1, 0), (1, 5)));
    assert_eq!(t[2].1, "ﬁle");
    assert_eq!(normalize_identifier("ﬁle"), "file");
    assert_eq!(normalize_identifier("abc"), "abc");
}

#[test]
fn partial_tokens_before_error() {
    let t = tokenize_partial("a = b\nc = )\n");
    assert_eq!(t.tokens.len(), 6);
    assert_eq!(t.error.map(|e| e.msg), Some("unmatched ')'".into()));
}

#[test]
fn tokenizer_error_after_parser_error() {
    let parser_error = crate::error::SyntaxError::syntax("invalid syntax", 1, 0, 1, 1);
    // A raised tokenizer error later in the file wins...
    let t = tokenize_partial("x = 1 2\ny = 'abc\n");
    assert_eq!(
        t.error_class,
        Some(ErrorClass::Raised { in_fstring: false })
    );
    assert_eq!(
        t.error_after_parser_error(parser_error.clone(), 1).msg,
        "unterminated string literal (detected at line 2)"
    );
    // ...but not one inside an f-string, nor an indentation error.
    let t = tokenize_partial("x = 1 2\nf'{a'\n");
    assert_eq!(t.error_class, Some(ErrorClass::Raised { in_fstring: true }));
    assert_eq!(
        t.error_after_parser_error(parser_error.clone(), 1).msg,
        "invalid syntax"
    );
    // A bracket opened before the parser's error line and never closed.
    let t = tokenize_partial("total = (1 +\n  2\nprint(total)\n");
    assert_eq!(t.error_class, Some(ErrorClass::Status));
    assert_eq!(
        t.error_after_parser_error(parser_error.clone(), 3).msg,
        "'(' was never closed"
    );
    assert_eq!(
        t.error_after_parser_error(parser_error, 1).msg,
        "invalid syntax"
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A small deterministic fuzz: random byte soup and mutated Python.
    let seed = b"if x:\n\tf'{a!r:{b}}' + 0x1_f (\"\\N{BULLET}\" [1.5e3j]) \\\n#c\n";
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let mut bytes: Vec<u8> = seed.to_vec();
        for _ in 0..(next() % 8) {
            let i = (next() as usize) % bytes.len();
            match next() % 3 {
                0 => bytes[i] = next() as u8,
                1 => bytes.insert(i, seed[(next() as usize) % seed.len()]),
                _ => {
                    bytes.remove(i);
                }
            }
        }
        if let Ok(src) = decode_source(&bytes) {
            let t = tokenize_partial(&src);
            for tok in &t.tokens {
                assert!(tok.start <= tok.end && tok.end as usize <= src.len());
                assert!(src.is_char_boundary(tok.start as usize));
                assert!(src.is_char_boundary(tok.end as usize));
                let text = &src[tok.start as usize..tok.end as usize];
                let mut w = Vec::new();
                match tok.kind {
                    Number => {
                        let _ = parse_number(text);
                    }
                    String => {
                        let _ = decode_string(text, tok.lineno, tok.col, &mut w);
                    }
                    FStringMiddle => {
                        let _ = decode_fstring_middle(text, false, tok.lineno, tok.col, &mut w);
                    }
                    _ => {}
                }
            }
        }
    }
}

#[test]
fn decode_source_codecs() {
    assert_eq!(
        decode_source(b"# coding: koi8-r\nx = '\xc1'\n").unwrap(),
        "# coding: koi8-r\nx = 'а'\n"
    );
    assert_eq!(
        decode_source(b"# coding: latin2\n'\xb1'").unwrap(),
        "# coding: latin2\n'ą'"
    );
    assert!(decode_source(b"# coding: --cp1252\n").is_ok());
    assert!(decode_source(b"# coding: ISO8859-15\n").is_ok());
    assert_eq!(
        decode_source(b"# coding: CP-1251\n").unwrap_err().msg,
        "unknown encoding: CP-1251"
    );
    assert_eq!(
        decode_source(b"# coding: cp1252\nx = \"\x81\"\n")
            .unwrap_err()
            .msg,
        "'charmap' codec can't decode byte 0x81 in position 22: character maps to <undefined>"
    );
}

#[test]
fn decode_source_cases() {
    assert_eq!(decode_source(b"\xef\xbb\xbfx = 1\n").unwrap(), "x = 1\n");
    assert_eq!(
        decode_source(b"# coding: latin-1\nx = '\xe9'\n").unwrap(),
        "# coding: latin-1\nx = 'é'\n"
    );
    assert_eq!(
        decode_source(b"#!/bin/sh\n# vim: set fileencoding=cp1252 :\n'\x80'").unwrap(),
        "#!/bin/sh\n# vim: set fileencoding=cp1252 :\n'€'"
    );
    let e = decode_source(b"x = '\xff'\n").unwrap_err();
    assert_eq!(
        e.msg,
        "Non-UTF-8 code starting with '\\xff' on line 1, but no encoding declared; \
         see https://peps.python.org/pep-0263/ for details"
    );
    assert_eq!((e.lineno, e.col), (1, 5));
    assert_eq!(
        decode_source(b"# coding: foo\n").unwrap_err().msg,
        "unknown encoding: foo"
    );
    assert_eq!(
        decode_source(b"\n# coding: foo\n").unwrap_err().msg,
        "unknown encoding: foo"
    );
    assert!(decode_source(b"x\n# coding: foo\n").is_ok());
    assert_eq!(
        decode_source(b"\xef\xbb\xbf# coding: latin-1\n")
            .unwrap_err()
            .msg,
        "encoding problem: iso-8859-1 with BOM"
    );
    assert_eq!(
        decode_source(b"# coding: ascii\ny = '\xc3\xa9'\n")
            .unwrap_err()
            .msg,
        "'ascii' codec can't decode byte 0xc3 in position 21: ordinal not in range(128)"
    );
}

fn int(v: i64) -> Constant {
    Constant::Int(Int::Small(v))
}

#[test]
fn number_values() {
    assert_eq!(parse_number("1_000"), Ok(int(1000)));
    assert_eq!(parse_number("0x_ff"), Ok(int(255)));
    assert_eq!(parse_number("0o777"), Ok(int(511)));
    assert_eq!(parse_number("0B101"), Ok(int(5)));
    assert_eq!(parse_number("9223372036854775807"), Ok(int(i64::MAX)));
    assert!(matches!(
        parse_number("9223372036854775808"),
        Ok(Constant::Int(Int::Big(_)))
    ));
    assert_eq!(parse_number("1.5"), Ok(Constant::Float(1.5)));
    assert_eq!(parse_number("1e999"), Ok(Constant::Float(f64::INFINITY)));
    assert_eq!(parse_number("5."), Ok(Constant::Float(5.0)));
    assert_eq!(
        parse_number("2.2250738585072014e-308"),
        Ok(Constant::Float(2.2250738585072014e-308))
    );
    assert_eq!(
        parse_number("3j"),
        Ok(Constant::Complex {
            real: 0.0,
            imag: 3.0
        })
    );
    assert!(parse_number(&"1".repeat(4301)).unwrap_err().starts_with(
        "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits"
    ));
    assert!(parse_number(&format!("0x{}", "f".repeat(5000))).is_ok());
}

fn s(text: &str) -> std::result::Result<std::string::String, std::string::String> {
    let mut w = Vec::new();
    decode_string(text, 1, 0, &mut w)
        .map(|l| l.value.repr())
        .map_err(|e| e.msg)
}

#[test]
fn string_values() {
    assert_eq!(s(r#"'\n\t\\\'\"'"#).unwrap(), r#"'\n\t\\\'"'"#);
    assert_eq!(
        s(r"'\0\7\77\x41\u00e9\U0001F600'").unwrap(),
        "'\\x00\\x07?Aé😀'"
    );
    assert_eq!(
        s(r"'\N{BULLET}\N{latin small letter a}\N{LF}\N{HANGUL SYLLABLE GAG}\N{CJK UNIFIED IDEOGRAPH-4E00}'")
            .unwrap(),
        "'•a\\n각一'"
    );
    assert_eq!(s(r"'\ud800'").unwrap(), r"'\ud800'");
    assert_eq!(s(r"r'\d\n'").unwrap(), r"'\\d\\n'");
    assert_eq!(s(r"b'\x41\777\n'").unwrap(), r"b'A\xff\n'");
    assert_eq!(s("'''a\\\nb'''").unwrap(), "'ab'");
    assert_eq!(s("'''a\r\nb\rc'''").unwrap(), r"'a\nb\nc'");
    let mut w = Vec::new();
    let lit = decode_string(r"u'\d\e'", 1, 0, &mut w).unwrap();
    assert!(lit.is_u);
    assert_eq!(
        w.iter().map(|w| w.msg.as_str()).collect::<Vec<_>>(),
        vec![
            "\"\\d\" is an invalid escape sequence. Such sequences will not work in the future. \
             Did you mean \"\\\\d\"? A raw string is also an option."
        ]
    );
    w.clear();
    decode_string(r"'\777'", 1, 0, &mut w).unwrap();
    assert_eq!(
        w[0].msg,
        "\"\\777\" is an invalid octal escape sequence. Such sequences will not work in the \
         future. Did you mean \"\\\\777\"? A raw string is also an option."
    );
}

#[test]
fn string_value_errors() {
    let ue = "(unicode error) 'unicodeescape' codec can't decode bytes in position";
    assert_eq!(
        s(r"'\x4'").unwrap_err(),
        format!("{ue} 0-2: truncated \\xXX escape")
    );
    assert_eq!(
        s(r"'é\xZZ'").unwrap_err(),
        format!("{ue} 10-11: truncated \\xXX escape")
    );
    assert_eq!(
        s(r"'\u12'").unwrap_err(),
        format!("{ue} 0-3: truncated \\uXXXX escape")
    );
    assert_eq!(
        s(r"'\U00110000'").unwrap_err(),
        format!("{ue} 0-9: illegal Unicode character")
    );
    assert_eq!(
        s(r"'\N{foo}'").unwrap_err(),
        format!("{ue} 0-6: unknown Unicode character name")
    );
    assert_eq!(
        s(r"'\N'").unwrap_err(),
        format!("{ue} 0-1: malformed \\N character escape")
    );
    assert_eq!(
        s(r"'\N{}'").unwrap_err(),
        format!("{ue} 0-2: malformed \\N character escape")
    );
    assert_eq!(
        s(r"'\N{BULLET'").unwrap_err(),
        format!("{ue} 0-8: malformed \\N character escape")
    );
    assert_eq!(
        s(r"b'\x4'").unwrap_err(),
        "(value error) invalid \\x escape at position 0"
    );
    assert_eq!(
        s("b'é'").unwrap_err(),
        "bytes can only contain ASCII literal characters"
    );
}

#[test]
fn fstring_middle_values() {
    let mut w = Vec::new();
    let d = |t: &str, raw: bool, w: &mut Vec<_>| {
        Constant::Str(decode_fstring_middle(t, raw, 1, 0, w).unwrap()).repr()
    };
    assert_eq!(d("a{{b}}c", false, &mut w), "'a{b}c'");
    assert_eq!(d(r"x\ny\N{BULLET}", false, &mut w), "'x\\ny•'");
    assert_eq!(d(r"\d{{", true, &mut w), r"'\\d{'");
    assert_eq!(d("ab\\", false, &mut w), r"'ab\\'");
    assert!(w.is_empty());
}

/// Every stdlib file CPython accepts tokenizes, and every one it rejects (the
/// `bad*` test data) fails. Slow in debug builds: runs with `LADON_SLOW=1`.
#[test]
fn stdlib_tokenizes() {
    if std::env::var("LADON_SLOW").map_or(true, |v| v != "1") {
        return;
    }
    let root = std::path::Path::new("/root/.cache/cpython314/root/usr/lib/python3.14");
    if !root.is_dir() {
        return;
    }
    let mut stack = vec![root.to_path_buf()];
    let (mut ok, mut failed) = (0, Vec::new());
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                let Ok(bytes) = std::fs::read(&p) else {
                    continue;
                };
                match decode_source(&bytes).and_then(|s| tokenize(&s).map(|_| ())) {
                    Ok(()) => ok += 1,
                    Err(_) => failed.push(
                        p.file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned(),
                    ),
                }
            }
        }
    }
    failed.sort();
    assert!(ok > 1500, "only {ok} files tokenized");
    assert_eq!(
        failed,
        [
            "bad_coding.py",
            "bad_coding2.py",
            "badsyntax_3131.py",
            "badsyntax_pep3120.py",
        ]
    );
}
