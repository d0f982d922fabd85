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

mod codecs_table;
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
pub use lexer::Paren;
pub use token::{TokKind, Token};

use crate::error::{ErrorKind, SyntaxError, Warning};
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
    /// How CPython classifies `error`; see [`Tokens::error_after_parser_error`].
    pub error_class: Option<ErrorClass>,
    /// The innermost bracket still open where the tokenizer stopped.
    pub open_bracket: Option<Paren>,
    /// For [`ErrorClass::Token`]: how tokenizing the rest of the source ended
    /// (CPython keeps going after such a character), for
    /// [`Tokens::error_after_parser_error`].
    pub rest: Option<Box<RestOfSource>>,
}

/// The outcome of tokenizing past an [`ErrorClass::Token`] character.
#[derive(Debug)]
pub struct RestOfSource {
    pub error: Option<SyntaxError>,
    pub error_class: Option<ErrorClass>,
    pub open_bracket: Option<Paren>,
}

/// How CPython's tokenizer reported an error, which decides whether it replaces a
/// syntax error the parser found earlier in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorClass {
    /// Raised as an exception (bad literal, unmatched bracket, invalid character,
    /// f-string errors...). `in_fstring`: raised inside an f-string.
    Raised { in_fstring: bool },
    /// A status code without an exception (indentation errors, a bad line
    /// continuation, EOF inside brackets).
    Status,
    /// A character CPython's tokenizer passes on as an operator for its parser to
    /// reject (`$`, `?`, `` ` ``): reported here as "invalid syntax".
    Token,
}

impl Tokens {
    /// CPython's `_PyPegen_tokenize_full_source_to_check_for_errors`: when the
    /// parser fails with `parser_error` on tokens before the tokenizer error (the
    /// last token it looked at being on line `err_line`), CPython tokenizes the rest
    /// of the file and reports a raised tokenizer error instead (unless it happened
    /// inside an f-string), or "'(' was never closed" for a bracket opened on an
    /// earlier line than `err_line`.
    pub fn error_after_parser_error(
        &self,
        parser_error: SyntaxError,
        err_line: u32,
    ) -> SyntaxError {
        match (self.error_class, &self.rest) {
            (Some(ErrorClass::Token), Some(rest)) => full_source_check(
                rest.error_class,
                rest.error.as_ref(),
                rest.open_bracket,
                parser_error,
                err_line,
            ),
            _ => full_source_check(
                self.error_class,
                self.error.as_ref(),
                self.open_bracket,
                parser_error,
                err_line,
            ),
        }
    }
}

fn full_source_check(
    class: Option<ErrorClass>,
    error: Option<&SyntaxError>,
    open_bracket: Option<Paren>,
    parser_error: SyntaxError,
    err_line: u32,
) -> SyntaxError {
    match (class, error) {
        (Some(ErrorClass::Raised { in_fstring: false }), Some(e)) => e.clone(),
        (Some(ErrorClass::Status), Some(_)) => match open_bracket {
            Some(p) if err_line > p.lineno => lexer::never_closed_error(p),
            _ => parser_error,
        },
        _ => parser_error,
    }
}

/// Tokenizes as far as possible. CPython's parser pulls tokens lazily, so a parse
/// error *before* a tokenizer error wins (`f"{x:"` reports the parser's
/// "f-string: expecting '}'" rather than "'{' was never closed"); a parser can get
/// that order by parsing `tokens` and reporting `error` only when it needs the
/// token after the last one.
pub fn tokenize_partial(src: &str) -> Tokens {
    let mut lexer = lexer::Lexer::new(src);
    let error = lexer.run();
    let error_class = error.as_ref().map(|e| classify(e, lexer.in_fstring()));
    let open_bracket = lexer.open_bracket();
    let Some((invalid, n)) = lexer.invalid_char.take() else {
        return Tokens {
            open_bracket,
            tokens: lexer.tokens,
            error,
            warnings: lexer.warnings,
            error_class,
            rest: None,
        };
    };
    let mut tokens = lexer.tokens;
    tokens.truncate(n);
    Tokens {
        tokens,
        error: Some(invalid),
        warnings: lexer.warnings,
        error_class: Some(ErrorClass::Token),
        open_bracket,
        rest: Some(Box::new(RestOfSource {
            error,
            error_class,
            open_bracket,
        })),
    }
}

/// Every token of the source up to the first error that stops the tokenizer, for the
/// `tokenize` module: unlike [`tokenize_partial`], a `$`, `?` or backquote (which CPython's
/// tokenizer passes on as an operator) does not end the stream; it is simply not a token,
/// so it shows in the text between two tokens.
pub fn tokenize_lenient(src: &str) -> (Vec<Token>, Option<SyntaxError>) {
    let mut lexer = lexer::Lexer::new(src);
    let error = lexer.run();
    (lexer.tokens, error)
}

fn classify(e: &SyntaxError, in_fstring: bool) -> ErrorClass {
    // CPython's status-code errors (`tok->done` set, no exception raised).
    let status = e.kind != ErrorKind::SyntaxError
        || e.msg == "unexpected character after line continuation character"
        || e.msg == "unexpected EOF while parsing"
        || e.msg.ends_with("' was never closed");
    if status {
        ErrorClass::Status
    } else {
        ErrorClass::Raised { in_fstring }
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
