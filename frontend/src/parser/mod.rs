//! The Python 3.14 parser (hand-written, PEG-style).
//!
//! Not written yet: [`parse`] is a placeholder.

use crate::ast::Mod;
use crate::error::{SyntaxError, Warning};
use crate::Mode;

/// Parses source text into an AST, returning the `SyntaxWarning`s it raised.
pub fn parse(src: &str, _mode: Mode) -> Result<(Mod, Vec<Warning>), SyntaxError> {
    crate::tokenizer::tokenize(src)?;
    Err(SyntaxError::syntax(
        "parser not yet implemented",
        1,
        0,
        0,
        0,
    ))
}
