//! Literal values: numbers and string bodies decoded to `Constant`s.
//!
//! The tokenizer validates the *shape* of literals; this module computes their
//! values for the parser. Placeholder bodies until the tokenizer work lands.

use crate::ast::{Constant, Wtf8Buf};
use crate::error::{SyntaxError, Warning};

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
    Err(format!("number literals not implemented yet: {text}"))
}

/// Decodes one whole STRING token (prefix, quotes and body). `lineno`/`col` locate
/// the token for warnings (invalid escape sequences) and errors.
pub fn decode_string(
    text: &str,
    lineno: u32,
    col: u32,
    _warnings: &mut Vec<Warning>,
) -> Result<StringLiteral, SyntaxError> {
    Err(SyntaxError::syntax(
        format!("string literals not implemented yet: {text}"),
        lineno,
        col,
        0,
        0,
    ))
}

/// Decodes the text of an FSTRING_MIDDLE / TSTRING_MIDDLE token: backslash escapes
/// (unless `raw`), and `{{` → `{`, `}}` → `}`.
pub fn decode_fstring_middle(
    text: &str,
    raw: bool,
    lineno: u32,
    col: u32,
    _warnings: &mut Vec<Warning>,
) -> Result<Wtf8Buf, SyntaxError> {
    let _ = raw;
    Err(SyntaxError::syntax(
        format!("f-string literals not implemented yet: {text}"),
        lineno,
        col,
        0,
        0,
    ))
}
