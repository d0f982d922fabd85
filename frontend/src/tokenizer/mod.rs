//! The Python 3.14 tokenizer (PEP 701 f-strings, PEP 750 t-strings).
//!
//! [`tokenize`] turns decoded source text into the whole token stream at once (the
//! parser wants random access); [`decode_source`] turns file bytes into that text.
//! Comments and blank-line NL tokens are dropped, as CPython's parser never sees
//! them. Positions, tokens and error messages follow CPython 3.14's C tokenizer
//! (`Parser/lexer/lexer.c`), except that columns are UTF-8 byte offsets.
//!
//! Modules: `lexer` (the state machine), `fstring` (f-string literal mode),
//! `decode` (source decoding), [`literal`] (values of literal tokens), `names`
//! (the `\N{...}` name table).

mod decode;
mod fstring;
mod lexer;
pub mod literal;
mod names;
mod names_table;
#[cfg(test)]
mod tests;
pub mod token;

pub use decode::decode_source;
pub use token::{TokKind, Token};

use crate::error::{SyntaxError, Warning};
use std::borrow::Cow;

/// Tokenizes the whole source.
pub fn tokenize(src: &str) -> Result<Vec<Token>, SyntaxError> {
    let t = tokenize_partial(src);
    match t.error {
        Some(e) => Err(e),
        None => Ok(t.tokens),
    }
}

/// Tokenizes the whole source, also returning the tokenizer's `SyntaxWarning`s
/// (e.g. `invalid decimal literal` for `1if x else y`, `"\{" is an invalid escape
/// sequence` in f-strings).
pub fn tokenize_with_warnings(src: &str) -> Result<(Vec<Token>, Vec<Warning>), SyntaxError> {
    let t = tokenize_partial(src);
    match t.error {
        Some(e) => Err(e),
        None => Ok((t.tokens, t.warnings)),
    }
}

/// The result of [`tokenize_partial`].
#[derive(Debug)]
pub struct Tokens {
    /// Every token before the error (all of them, ending in ENDMARKER, if none).
    pub tokens: Vec<Token>,
    /// The tokenizer error, if any.
    pub error: Option<SyntaxError>,
    pub warnings: Vec<Warning>,
}

/// Tokenizes as far as possible. CPython's parser pulls tokens lazily, so a parse
/// error *before* a tokenizer error wins (`f"{x:"` reports the parser's
/// "f-string: expecting '}'" rather than "'{' was never closed"); a parser can get
/// that order by parsing `tokens` and reporting `error` only when it needs the
/// token after the last one.
pub fn tokenize_partial(src: &str) -> Tokens {
    let mut lexer = lexer::Lexer::new(src);
    let error = lexer.run();
    Tokens {
        tokens: lexer.tokens,
        error,
        warnings: lexer.warnings,
    }
}

/// The NFKC form of an identifier (PEP 3131), which is what a NAME token means:
/// `ﬁle` is the name `file`. Borrowed (free) for ASCII names.
pub fn normalize_identifier(name: &str) -> Cow<'_, str> {
    if name.is_ascii() {
        return Cow::Borrowed(name);
    }
    use unicode_normalization::UnicodeNormalization;
    if unicode_normalization::is_nfkc_quick(name.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        return Cow::Borrowed(name);
    }
    Cow::Owned(name.nfkc().collect())
}
