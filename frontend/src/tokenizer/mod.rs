//! The Python 3.14 tokenizer (PEP 701 f-strings, PEP 750 t-strings).
//!
//! Not written yet: [`tokenize`] and [`decode_source`] are placeholders.

pub mod literal;
pub mod token;

pub use token::{TokKind, Token};

use crate::error::SyntaxError;

/// Decodes raw source bytes (BOM, PEP 263 coding declaration) to UTF-8 text.
pub fn decode_source(bytes: &[u8]) -> Result<String, SyntaxError> {
    String::from_utf8(bytes.to_vec())
        .map_err(|_| SyntaxError::syntax("not yet implemented", 1, 0, 0, 0))
}

/// Tokenizes the whole source.
pub fn tokenize(_src: &str) -> Result<Vec<Token>, SyntaxError> {
    Err(SyntaxError::syntax(
        "tokenizer not yet implemented",
        1,
        0,
        0,
        0,
    ))
}
