//! The Python 3.14 parser: hand-written recursive descent over the token vector,
//! producing exactly CPython's AST.
//!
//! It follows CPython's PEG grammar (`Grammar/python.gram`) rule for rule where the
//! AST or an error message depends on it, but is predictive wherever the grammar's
//! alternatives share a prefix: an assignment is parsed as an expression and then
//! checked and turned into a target, binary operators use precedence climbing, and
//! prefix operators and `**` chains are folded iteratively. Backtracking (restoring
//! `pos`) is used only for soft keywords (`match`, `type`) and parenthesized `with`.
//!
//! Errors follow CPython's two-pass scheme. The first pass runs without the
//! `invalid_*` rules; when it fails, a second pass runs with them enabled
//! ([`Parser::invalid`]) to find a specific message; if none matches, the generic
//! "invalid syntax" is reported at the furthest token the *first* pass looked at.
//! Errors CPython raises from grammar actions (bad literals, bytes/str mixing, ...)
//! are raised in both passes.
//!
//! Submodules: [`stmt`] statements, [`expr`] expressions, [`params`] parameter and
//! type-parameter lists, [`targets`] assignment targets, [`pattern`] `match`
//! patterns, [`strings`] string/f-string/t-string literals, [`errors`] the
//! `invalid_*` rules and error helpers.

mod errors;
mod expr;
mod params;
mod pattern;
mod stmt;
mod strings;
mod targets;
#[cfg(test)]
mod test_cases;
#[cfg(test)]
mod tests;

use crate::ast::{Expr, Mod, Range};
use crate::error::{ErrorKind, SyntaxError, Warning};
use crate::tokenizer::{TokKind, Token};
use crate::Mode;

/// Parses source text into an AST, returning the `SyntaxWarning`s it raised.
///
/// Tokenizer errors are reported the way CPython's lazy tokenizer does: the
/// tokens before the error are parsed first; a parse that needs the bad token gets
/// the tokenizer's error, and an earlier parse error is still overridden by the
/// tokenizer's error (CPython re-tokenizes the rest of the file to look for one),
/// except for an unclosed bracket opened after the parse error's line and for
/// errors inside an f-string.
pub fn parse(src: &str, mode: Mode) -> Result<(Mod, Vec<Warning>), SyntaxError> {
    let mut t = crate::tokenizer::tokenize_partial(src);
    let mut warnings = std::mem::take(&mut t.warnings);
    let Some(tok_err) = t.error.clone() else {
        let toks = std::mem::take(&mut t.tokens);
        return parse_tokens(src, toks, mode).map(|(m, w)| {
            warnings.extend(w);
            (m, warnings)
        });
    };
    let mut toks = std::mem::take(&mut t.tokens);
    if toks.last().map(|t| t.kind) == Some(TokKind::EndMarker) {
        toks.pop();
    }
    let end_index = toks.len();
    // A bad character (`$`, `?`) is a token no rule matches (CPython's ERRORTOKEN):
    // the parser reports it like any other unexpected token.
    let bad_char = t.error_class == Some(crate::tokenizer::ErrorClass::Token);
    // The stand-in for the failing token sits where the tokenizer stopped: at the
    // error, or at the end of the source for an unclosed bracket.
    let (lineno, col, err_off) = if tok_err.msg.ends_with("was never closed") {
        end_position(src)
    } else {
        (
            tok_err.lineno,
            tok_err.col,
            line_col_to_offset(src, tok_err.lineno, tok_err.col),
        )
    };
    toks.push(Token {
        kind: TokKind::EndMarker,
        start: err_off,
        end: err_off,
        lineno,
        col,
        end_lineno: lineno,
        end_col: col,
    });
    let mut p = Parser::new(src, toks);
    let first = p.run(mode);
    // `final_err`: CPython reports "unexpected indent/unindent" without looking
    // for later tokenizer errors.
    let (parse_err, final_err) = match first {
        // The stand-in token ended the parse like an end of file: for a bad
        // character that is CPython's parse error at it; otherwise the
        // tokenizer's error.
        Ok(_) if bad_char => (tok_err.clone(), false),
        Ok(_) => return Err(tok_err),
        Err(Fail::Error(e)) => (*e, false),
        Err(Fail::NoMatch) => {
            if p.max_pos >= end_index && !bad_char {
                // The parser needed the token the tokenizer failed on.
                return Err(tok_err);
            }
            let last = p.max_pos;
            p.reset_for_second_pass();
            match p.run(mode) {
                Err(Fail::Error(e)) => (*e, false),
                _ => (
                    p.generic_error(last),
                    matches!(p.tok_at(last).kind, TokKind::Indent | TokKind::Dedent),
                ),
            }
        }
    };
    if p.max_pos >= end_index && !bad_char {
        // Some rule (of either pass) fetched the token the tokenizer fails on:
        // CPython's tokenizer raised right there.
        return Err(tok_err);
    }
    if parse_err.kind == ErrorKind::MemoryError || final_err {
        return Err(parse_err);
    }
    let err_line = p.tok_at(p.max_pos.min(end_index)).lineno;
    Err(t.error_after_parser_error(parse_err, err_line))
}

/// Byte offset of a (1-based line, byte column) position in `src`.
fn line_col_to_offset(src: &str, lineno: u32, col: u32) -> u32 {
    let mut off = 0usize;
    for _ in 1..lineno.max(1) {
        match src[off..].find('\n') {
            Some(i) => off += i + 1,
            None => return src.len() as u32,
        }
    }
    (off + col as usize).min(src.len()) as u32
}

/// Parses an already tokenized source (the token vector must end in `EndMarker`).
pub fn parse_tokens(
    src: &str,
    toks: Vec<Token>,
    mode: Mode,
) -> Result<(Mod, Vec<Warning>), SyntaxError> {
    let mut p = Parser::new(src, toks);
    match p.run(mode) {
        Ok(m) => return Ok((m, std::mem::take(&mut p.warnings))),
        Err(Fail::Error(e)) => return Err(*e),
        Err(Fail::NoMatch) => {}
    }
    // Second pass, with the invalid_* rules.
    let first_pass_last = p.max_pos;
    p.reset_for_second_pass();
    match p.run(mode) {
        Err(Fail::Error(e)) => Err(*e),
        _ => Err(p.generic_error(first_pass_last)),
    }
}

/// How a rule failed: it did not match here (try something else), or it raised an
/// error that ends the parse.
pub(crate) enum Fail {
    NoMatch,
    Error(Box<SyntaxError>),
}

pub(crate) type PResult<T> = Result<T, Fail>;

/// CPython's MAXSTACK is 6000 rule calls; ours counts coarser steps, calibrated so
/// that `-` chains and nested lambdas fail at the same lengths as in CPython.
const MAX_DEPTH: u32 = 5970;

pub(crate) struct Parser<'s> {
    src: &'s str,
    toks: Vec<Token>,
    /// Index of the next token.
    pos: usize,
    /// Furthest token index looked at (CPython's `p->fill - 1`).
    max_pos: usize,
    /// True while the invalid_* rules are active (second pass, outside probes
    /// that parse "without invalid").
    invalid: bool,
    depth: u32,
    warnings: Vec<Warning>,
    /// Positions where a second-pass probe already ran (CPython memoizes
    /// `expression`; without this, nested brackets make the probes exponential).
    memo: std::collections::HashSet<(usize, u8)>,
    /// `from __future__ import barry_as_FLUFL` was seen.
    flufl: bool,
}

impl<'s> Parser<'s> {
    fn new(src: &'s str, mut toks: Vec<Token>) -> Self {
        if toks.last().map(|t| t.kind) != Some(TokKind::EndMarker) {
            let (lineno, col, off) = end_position(src);
            toks.push(Token {
                kind: TokKind::EndMarker,
                start: off,
                end: off,
                lineno,
                col,
                end_lineno: lineno,
                end_col: col,
            });
        }
        Parser {
            src,
            toks,
            pos: 0,
            max_pos: 0,
            invalid: false,
            depth: 0,
            warnings: Vec::new(),
            memo: std::collections::HashSet::new(),
            flufl: false,
        }
    }

    fn reset_for_second_pass(&mut self) {
        self.pos = 0;
        self.invalid = true;
        self.depth = 0;
        self.warnings.clear();
    }

    fn run(&mut self, mode: Mode) -> PResult<Mod> {
        match mode {
            Mode::Exec => self.file(),
            Mode::Eval => self.eval_input(),
            Mode::Single => self.interactive(),
            Mode::FuncType => self.func_type(),
        }
    }

    // ----- token access -------------------------------------------------------

    /// The kind of the current token.
    #[inline]
    fn kind(&mut self) -> TokKind {
        if self.pos > self.max_pos {
            self.max_pos = self.pos;
        }
        self.toks[self.pos].kind
    }

    /// The kind of the token `n` places ahead (clamped to `EndMarker`).
    #[inline]
    fn kind_at(&mut self, n: usize) -> TokKind {
        let i = (self.pos + n).min(self.toks.len() - 1);
        if i > self.max_pos {
            self.max_pos = i;
        }
        self.toks[i].kind
    }

    #[inline]
    fn tok(&self) -> Token {
        self.toks[self.pos]
    }

    #[inline]
    fn tok_at(&self, i: usize) -> Token {
        self.toks[i.min(self.toks.len() - 1)]
    }

    /// Consumes the current token (never moves past `EndMarker`).
    #[inline]
    fn bump(&mut self) -> Token {
        let t = self.toks[self.pos];
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        if self.pos > self.max_pos {
            self.max_pos = self.pos;
        }
        t
    }

    #[inline]
    fn at(&mut self, k: TokKind) -> bool {
        self.kind() == k
    }

    #[inline]
    fn eat(&mut self, k: TokKind) -> bool {
        if self.kind() == k {
            self.bump();
            true
        } else {
            false
        }
    }

    #[inline]
    fn expect(&mut self, k: TokKind) -> PResult<Token> {
        if self.kind() == k {
            Ok(self.bump())
        } else {
            Err(Fail::NoMatch)
        }
    }

    #[inline]
    fn text(&self, t: Token) -> &'s str {
        &self.src[t.start as usize..t.end as usize]
    }

    /// A NAME token's identifier, NFKC-normalized as CPython does (PEP 3131).
    fn ident(&self, t: Token) -> crate::ast::Ident {
        crate::tokenizer::normalize_identifier(self.text(t)).into()
    }

    /// True if the current token is the NAME `word` (a soft keyword).
    fn at_soft(&mut self, word: &str) -> bool {
        self.kind() == TokKind::Name && self.text(self.tok()) == word
    }

    /// Range from the start of token `start` to the end of the last consumed token
    /// that is not NEWLINE/INDENT/DEDENT (CPython's `EXTRA`).
    fn range(&self, start: usize) -> Range {
        let s = self.toks[start];
        let mut i = self.pos;
        let e = loop {
            if i == 0 {
                break s;
            }
            i -= 1;
            let t = self.toks[i];
            if !matches!(
                t.kind,
                TokKind::Newline | TokKind::Indent | TokKind::Dedent | TokKind::EndMarker
            ) || i <= start
            {
                break t;
            }
        };
        Range::new(s.lineno, s.col, e.end_lineno, e.end_col)
    }

    fn tok_range(t: Token) -> Range {
        Range::new(t.lineno, t.col, t.end_lineno, t.end_col)
    }

    // ----- recursion limit ----------------------------------------------------

    #[inline]
    fn enter(&mut self, n: u32) -> PResult<()> {
        self.depth += n;
        if self.depth > MAX_DEPTH {
            return Err(self.too_complex());
        }
        Ok(())
    }

    #[inline]
    fn leave(&mut self, n: u32) {
        self.depth -= n;
    }

    #[cold]
    fn too_complex(&self) -> Fail {
        let t = self.tok();
        Fail::Error(Box::new(SyntaxError::new(
            ErrorKind::MemoryError,
            "Parser stack overflowed - Python source too complex to parse",
            t.lineno,
            t.col,
            t.end_lineno,
            t.end_col,
        )))
    }

    // ----- errors -------------------------------------------------------------

    /// An error located at `r`.
    fn error_at(&self, r: Range, msg: impl Into<String>) -> Fail {
        Fail::Error(Box::new(SyntaxError::syntax(
            msg,
            r.lineno,
            r.col_offset,
            r.end_lineno,
            r.end_col_offset,
        )))
    }

    fn error_kind_at(&self, kind: ErrorKind, r: Range, msg: impl Into<String>) -> Fail {
        Fail::Error(Box::new(SyntaxError::new(
            kind,
            msg,
            r.lineno,
            r.col_offset,
            r.end_lineno,
            r.end_col_offset,
        )))
    }

    /// CPython's `RAISE_SYNTAX_ERROR`: located at the last token fetched.
    fn error_last(&self, msg: impl Into<String>) -> Fail {
        self.error_at(self.last_fetched_range(), msg)
    }

    /// CPython's `RAISE_INDENTATION_ERROR`: located at the last token fetched.
    fn indent_error_last(&self, msg: impl Into<String>) -> Fail {
        self.error_kind_at(ErrorKind::IndentationError, self.last_fetched_range(), msg)
    }

    /// Where CPython's `_PyPegen_raise_error` puts an error without a known
    /// location: the last token fetched. A DEDENT has no column there, and the
    /// tokenizer's position after the indentation is used (one less than for a
    /// real token, since that path adds no 1).
    fn last_fetched_range(&self) -> Range {
        let t = self.tok_at(self.max_pos);
        let mut r = Self::tok_range(t);
        let at_eof = self.toks[self.max_pos.min(self.toks.len() - 1)..]
            .iter()
            .all(|t| matches!(t.kind, TokKind::Dedent | TokKind::EndMarker));
        if t.kind == TokKind::Dedent && !at_eof {
            r.col_offset = r.col_offset.saturating_sub(1);
        }
        r
    }

    /// The generic error after both passes failed: at the furthest token of the
    /// first pass.
    fn generic_error(&self, last: usize) -> SyntaxError {
        let t = self.tok_at(last);
        let (kind, msg) = match t.kind {
            TokKind::Indent => (ErrorKind::IndentationError, "unexpected indent"),
            TokKind::Dedent => (ErrorKind::IndentationError, "unexpected unindent"),
            _ => (ErrorKind::SyntaxError, "invalid syntax"),
        };
        if t.kind == TokKind::Indent {
            // CPython points at the last character of the indentation.
            let c = t.end_col.saturating_sub(1);
            return SyntaxError::new(kind, msg, t.end_lineno, c, t.end_lineno, c + 1);
        }
        SyntaxError::new(kind, msg, t.lineno, t.col, t.end_lineno, t.end_col)
    }

    // ----- start rules ----------------------------------------------------------

    fn file(&mut self) -> PResult<Mod> {
        let body = self.statements_until_end()?;
        self.check_future_imports(&body)?;
        Ok(Mod::Module {
            body,
            type_ignores: Vec::new(),
        })
    }

    /// The checks CPython's `future.c` makes on the leading `from __future__`
    /// imports when building the AST: unknown features and `braces`.
    fn check_future_imports(&self, body: &[crate::ast::Stmt]) -> PResult<()> {
        use crate::ast::{Constant, ExprKind, StmtKind};
        const FEATURES: &[&str] = &[
            "nested_scopes",
            "generators",
            "division",
            "absolute_import",
            "with_statement",
            "print_function",
            "unicode_literals",
            "barry_as_FLUFL",
            "generator_stop",
            "annotations",
        ];
        for (i, st) in body.iter().enumerate() {
            match &st.node {
                StmtKind::Expr { value }
                    if i == 0
                        && matches!(
                            value.node,
                            ExprKind::Constant {
                                value: Constant::Str(_),
                                ..
                            }
                        ) => {}
                StmtKind::ImportFrom {
                    module: Some(m),
                    names,
                    level: 0,
                } if &**m == "__future__" => {
                    for a in names {
                        if &*a.name == "braces" {
                            return Err(self.error_at(a.range, "not a chance"));
                        }
                        if !FEATURES.contains(&&*a.name) {
                            return Err(self.error_at(
                                a.range,
                                format!("future feature {} is not defined", a.name),
                            ));
                        }
                    }
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn eval_input(&mut self) -> PResult<Mod> {
        let body = self.expressions()?;
        while self.eat(TokKind::Newline) {}
        self.expect(TokKind::EndMarker)?;
        Ok(Mod::Expression {
            body: Box::new(body),
        })
    }

    fn interactive(&mut self) -> PResult<Mod> {
        let body = self.statement_newline()?;
        while matches!(self.kind(), TokKind::Newline | TokKind::Dedent) {
            self.bump();
        }
        if !self.at(TokKind::EndMarker) {
            let t = self.tok();
            return Err(self.error_at(
                Self::tok_range(t),
                "multiple statements found while compiling a single statement",
            ));
        }
        Ok(Mod::Interactive { body })
    }

    fn func_type(&mut self) -> PResult<Mod> {
        self.expect(TokKind::LPar)?;
        let mut argtypes: Vec<Expr> = Vec::new();
        while !self.at(TokKind::RPar) {
            // `*` and `**` in type_expressions are accepted and dropped.
            if !self.eat(TokKind::Star) {
                self.eat(TokKind::DoubleStar);
            }
            argtypes.push(self.expression()?);
            if !self.eat(TokKind::Comma) {
                break;
            }
        }
        self.expect(TokKind::RPar)?;
        self.expect(TokKind::RArrow)?;
        let returns = self.expression()?;
        while self.eat(TokKind::Newline) {}
        self.expect(TokKind::EndMarker)?;
        Ok(Mod::FunctionType {
            argtypes,
            returns: Box::new(returns),
        })
    }
}

/// Line, column and byte offset of the end of `src`.
fn end_position(src: &str) -> (u32, u32, u32) {
    let line_start = src.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let lineno = src.matches('\n').count() as u32 + 1;
    (lineno, (src.len() - line_start) as u32, src.len() as u32)
}
