//! The tokenizer state machine: CPython's `Parser/lexer/lexer.c`, re-done in Rust.
//!
//! One pass over the source bytes, producing every token into a `Vec`. The structure
//! follows CPython's (a "normal" mode and an f-string mode on a mode stack) so that
//! positions and error messages match; the f-string mode lives in `fstring.rs`.
//!
//! Reading goes through [`Lexer::nextc`] / [`Lexer::backup`], which behave like
//! CPython's `tok_nextc` / `tok_backup` on newline-translated input: `\r\n` and a lone
//! `\r` read as one `\n`, and a source that does not end in a newline gets a virtual
//! one. A new line starts (lineno, line_start) when the first character after a
//! newline is read, as in CPython, so "detected at line N" counts the same way.
//!
//! Nothing here allocates per token, and nothing recurses: nesting lives in the
//! bracket, indent and mode stacks, all bounded by CPython's limits.

use super::token::{TokKind, Token};
use crate::ast::unicode_tables::{PRINTABLE, XID_CONTINUE, XID_START};
use crate::error::{ErrorKind, SyntaxError, Warning};

pub(super) const EOF: i32 = -1;
/// CPython's `MAXLEVEL`: open brackets at once.
const MAX_LEVEL: usize = 200;
/// CPython's `MAXINDENT`: entries of the indent stack (the first is column 0).
const MAX_INDENT: usize = 100;
const TAB_SIZE: u32 = 8;
/// CPython's `MAXFSTRINGLEVEL` (mode stack size, the regular mode included).
pub(super) const MAX_FSTRING_LEVEL: usize = 150;
/// CPython's `MAX_EXPR_NESTING`: replacement fields nested in format specs.
pub(super) const MAX_EXPR_NESTING: i32 = 3;

/// An open bracket: its character and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paren {
    pub ch: u8,
    pub lineno: u32,
    pub col: u32,
}

/// State of one f-string (or t-string) being tokenized: CPython's `tokenizer_mode`.
#[derive(Clone, Copy, Debug)]
pub(super) struct FMode {
    /// True while tokenizing a replacement field's expression (CPython's
    /// `TOK_REGULAR_MODE`), false while reading literal text.
    pub regular: bool,
    pub quote: u8,
    pub quote_size: u8,
    pub raw: bool,
    pub is_t: bool,
    /// Byte offset, line and line start of the prefix, for error locations.
    pub start: usize,
    pub start_lineno: u32,
    pub start_line_start: usize,
    /// Brackets open inside the current replacement fields.
    pub curly_depth: i32,
    /// Depth of the innermost replacement field; -1 outside any.
    pub expr_start_depth: i32,
    pub in_format_spec: bool,
}

impl FMode {
    pub fn letter(&self) -> char {
        if self.is_t {
            't'
        } else {
            'f'
        }
    }
}

/// What one step of the state machine did.
pub(super) enum Step {
    More,
    Done,
}

pub(super) type LexResult = Result<Step, SyntaxError>;

pub(super) struct Lexer<'s> {
    pub src: &'s [u8],
    /// `src.len()` plus one when a final newline is virtual.
    end: usize,
    pub cur: usize,
    pub line_start: usize,
    pub lineno: u32,
    /// The last character read was a newline: the next read starts a new line.
    after_newline: bool,
    /// `start_eof_line` moved the cursor back from the end; reads must stop.
    eof_adjusted: bool,
    at_bol: bool,
    /// Indent stack: (column with tabs to 8, column with tabs to 1).
    indents: Vec<(u32, u32)>,
    pending: i32,
    parens: Vec<Paren>,
    pub modes: Vec<FMode>,
    pub tokens: Vec<Token>,
    pub warnings: Vec<Warning>,
    /// The first `$`, `?` or backquote (CPython's parser rejects it, but its
    /// tokenizer goes on) and how many tokens preceded it.
    pub invalid_char: Option<(SyntaxError, usize)>,
    /// Start of the token being read, with its line.
    pub tok_start: usize,
    pub tok_lineno: u32,
    pub tok_line_start: usize,
}

impl<'s> Lexer<'s> {
    pub fn new(src: &'s str) -> Self {
        let src = src.as_bytes();
        // CPython adds a final newline to a non-empty source that lacks one.
        let needs_nl = !matches!(src.last(), Some(b'\n' | b'\r') | Option::None);
        Lexer {
            src,
            end: src.len() + needs_nl as usize,
            cur: 0,
            line_start: 0,
            lineno: 1,
            after_newline: false,
            eof_adjusted: false,
            at_bol: true,
            indents: vec![(0, 0)],
            pending: 0,
            parens: Vec::new(),
            modes: Vec::new(),
            // The stdlib averages 6.1 source bytes per token: one allocation, usually.
            tokens: Vec::with_capacity(src.len() / 6 + 16),
            warnings: Vec::new(),
            invalid_char: None,
            tok_start: 0,
            tok_lineno: 1,
            tok_line_start: 0,
        }
    }

    /// Runs to the end marker or the first error. Tokens before the error are kept.
    pub fn run(&mut self) -> Option<SyntaxError> {
        if self.src.len() >= u32::MAX as usize {
            return Some(SyntaxError::syntax("source code too long", 1, 0, 0, 0));
        }
        if self.src.contains(&0) {
            return Some(SyntaxError::syntax(
                "source code string cannot contain null bytes",
                0,
                0,
                0,
                0,
            ));
        }
        loop {
            let step = match self.modes.last() {
                Some(m) if !m.regular => self.fstring_mode(),
                _ => self.normal_mode(),
            };
            match step {
                Ok(Step::More) => {}
                Ok(Step::Done) => return None,
                Err(e) => return Some(e),
            }
        }
    }

    // ----- reading -------------------------------------------------------------

    #[inline]
    fn byte(&self, p: usize) -> u8 {
        if p < self.src.len() {
            self.src[p]
        } else {
            b'\n'
        }
    }

    /// CPython's `tok_nextc`: the next byte, `\n` for any line break, or [`EOF`].
    #[inline]
    pub fn nextc(&mut self) -> i32 {
        if self.cur >= self.end || self.eof_adjusted {
            return EOF;
        }
        if self.after_newline {
            self.after_newline = false;
            self.lineno += 1;
            self.line_start = self.cur;
        }
        let c = self.byte(self.cur);
        self.cur += 1;
        match c {
            b'\n' => {
                self.after_newline = true;
                b'\n' as i32
            }
            b'\r' => {
                if self.cur < self.src.len() && self.src[self.cur] == b'\n' {
                    self.cur += 1;
                }
                self.after_newline = true;
                b'\n' as i32
            }
            _ => c as i32,
        }
    }

    /// CPython's `tok_backup`: un-reads `c` (the character just read).
    #[inline]
    pub fn backup(&mut self, c: i32) {
        if c == EOF {
            return;
        }
        if c == b'\n' as i32 {
            self.after_newline = false;
            if self.cur >= 2
                && self.cur <= self.src.len()
                && self.src[self.cur - 1] == b'\n'
                && self.src[self.cur - 2] == b'\r'
            {
                self.cur -= 1;
            }
        }
        self.cur -= 1;
    }

    /// Starts a token at the current position.
    #[inline]
    fn mark_start(&mut self) {
        // A token never starts with the newline of the previous line still pending.
        self.tok_start = self.cur;
        self.tok_lineno = self.lineno;
        self.tok_line_start = self.line_start;
    }

    /// Starts a token at the character just read (`c`, one byte).
    #[inline]
    fn mark_start_prev(&mut self) {
        self.tok_start = self.cur - 1;
        self.tok_lineno = self.lineno;
        self.tok_line_start = self.line_start;
    }

    /// Pushes a token from the marked start to the current position.
    #[inline]
    pub fn push(&mut self, kind: TokKind) {
        let end = self.cur.min(self.src.len());
        let start = self.tok_start.min(self.src.len());
        self.tokens.push(Token {
            kind,
            start: start as u32,
            end: end as u32,
            lineno: self.tok_lineno,
            col: (self.tok_start - self.tok_line_start) as u32,
            end_lineno: self.lineno,
            end_col: (self.cur - self.line_start) as u32,
        });
    }

    // ----- errors ----------------------------------------------------------------

    /// Byte column of the character before `pos` on the current line: the 0-based
    /// column matching CPython's offset for an error raised with the cursor at `pos`.
    pub fn col_before(&self, pos: usize) -> u32 {
        let mut p = pos.min(self.src.len());
        if p <= self.line_start {
            return 0;
        }
        p -= 1;
        while p > self.line_start && (self.src[p] & 0xC0) == 0x80 {
            p -= 1;
        }
        (p - self.line_start) as u32
    }

    /// CPython's `_PyTokenizer_syntaxerror` with the cursor where it is now.
    pub fn error_here(&self, msg: impl Into<String>) -> SyntaxError {
        let col = self.col_before(self.cur);
        SyntaxError::syntax(msg, self.lineno, col, self.lineno, col)
    }

    /// An error at an explicit line and column (CPython's 1-based offset - 1).
    pub fn error_at(&self, msg: impl Into<String>, lineno: u32, col: u32) -> SyntaxError {
        SyntaxError::syntax(msg, lineno, col, lineno, col)
    }

    fn indent_error(&self, kind: ErrorKind, msg: &str, col: u32) -> SyntaxError {
        SyntaxError::new(kind, msg, self.lineno, col, self.lineno, 0)
    }

    /// Length of the current line without its terminator.
    fn line_len(&self) -> u32 {
        let rest = &self.src[self.line_start.min(self.src.len())..];
        let n = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        n as u32
    }

    /// The line number to report at EOF: the line holding the last character.
    pub fn lineno_at_eof(&self) -> u32 {
        self.lineno
    }

    /// At EOF, puts the cursor on the last line's newline character: CPython's
    /// parser reports errors at the end marker (and at the final dedents, which
    /// have no column of their own) on the last line, at offset `cur - line_start`,
    /// i.e. at that newline in our 0-based columns.
    fn start_eof_line(&mut self) {
        if self.cur >= self.end && self.cur > self.line_start {
            self.cur -= 1;
            if self.cur > self.line_start
                && self.src.get(self.cur) == Some(&b'\n')
                && self.src[self.cur - 1] == b'\r'
            {
                self.cur -= 1;
            }
            self.eof_adjusted = true;
        }
    }

    pub fn warn(&mut self, msg: String, lineno: u32, col: u32) {
        self.warnings.push(Warning { msg, lineno, col });
    }

    // ----- normal mode -------------------------------------------------------------

    /// CPython's `tok_continuation_line`, after a backslash was read.
    fn continuation_line(&mut self) -> Result<(), SyntaxError> {
        let bs_line = self.lineno;
        let bs_col = (self.cur - self.line_start) as u32;
        let c = self.nextc();
        if c != b'\n' as i32 {
            let col = self.col_before(self.cur);
            return Err(SyntaxError::syntax(
                "unexpected character after line continuation character",
                self.lineno,
                col,
                self.lineno,
                0,
            ));
        }
        let c = self.nextc();
        if c == EOF {
            if let Some(p) = self.parens.last() {
                return Err(self.never_closed(*p));
            }
            return Err(SyntaxError::syntax(
                "unexpected EOF while parsing",
                bs_line,
                bs_col,
                bs_line,
                0,
            ));
        }
        self.backup(c);
        Ok(())
    }

    /// The innermost open bracket.
    pub fn open_bracket(&self) -> Option<Paren> {
        self.parens.last().copied()
    }

    pub fn in_fstring(&self) -> bool {
        !self.modes.is_empty()
    }

    pub fn never_closed(&self, p: Paren) -> SyntaxError {
        never_closed_error(p)
    }

    /// Reads the indentation of a new line and queues INDENT/DEDENT tokens.
    /// Returns whether the line is blank (only whitespace and/or a comment).
    fn read_indentation(&mut self) -> Result<bool, SyntaxError> {
        let (mut col, mut altcol, mut cont_col) = (0u32, 0u32, 0u32);
        let mut c;
        loop {
            c = self.nextc();
            match c {
                0x20 => {
                    // The rest of a run of spaces, without `nextc` (same line).
                    let rest = &self.src[self.cur.min(self.src.len())..];
                    let n = rest.iter().position(|&b| b != b' ').unwrap_or(rest.len());
                    self.cur += n;
                    col += 1 + n as u32;
                    altcol += 1 + n as u32;
                }
                0x09 => {
                    col = (col / TAB_SIZE + 1) * TAB_SIZE;
                    altcol += 1;
                }
                0x0c => {
                    col = 0;
                    altcol = 0;
                }
                0x5c => {
                    // Indentation cannot be split over lines with backslashes: the
                    // first backslash's column is the indentation.
                    if cont_col == 0 {
                        cont_col = col;
                    }
                    self.continuation_line()?;
                }
                _ => break,
            }
        }
        self.backup(c);
        if c == EOF {
            self.start_eof_line();
        }
        let blank = c == b'#' as i32 || c == b'\n' as i32;
        if blank || !self.parens.is_empty() {
            return Ok(blank);
        }
        if cont_col != 0 {
            col = cont_col;
            altcol = cont_col;
        }
        let (top, alttop) = self.indents[self.indents.len() - 1];
        let tab_error = "inconsistent use of tabs and spaces in indentation";
        if col == top {
            if altcol != alttop {
                return Err(self.indent_error(ErrorKind::TabError, tab_error, 0));
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                return Err(self.indent_error(
                    ErrorKind::IndentationError,
                    "too many levels of indentation",
                    0,
                ));
            }
            if altcol <= alttop {
                return Err(self.indent_error(ErrorKind::TabError, tab_error, 0));
            }
            self.pending += 1;
            self.indents.push((col, altcol));
        } else {
            while self.indents.len() > 1 && col < self.indents[self.indents.len() - 1].0 {
                self.pending -= 1;
                self.indents.pop();
            }
            let (top, alttop) = self.indents[self.indents.len() - 1];
            if col != top {
                return Err(self.indent_error(
                    ErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    self.line_len(),
                ));
            }
            if altcol != alttop {
                return Err(self.indent_error(ErrorKind::TabError, tab_error, 0));
            }
        }
        Ok(false)
    }

    /// CPython's `tok_get_normal_mode`: pushes the next token(s).
    pub fn normal_mode(&mut self) -> LexResult {
        let mut blankline = false;
        loop {
            // `nextline:`
            if self.at_bol {
                self.at_bol = false;
                blankline = self.read_indentation()?;
            }
            if self.pending != 0 {
                self.mark_start();
                if self.pending < 0 {
                    self.pending += 1;
                    self.push(TokKind::Dedent);
                } else {
                    self.pending -= 1;
                    self.tok_start = self.line_start;
                    self.push(TokKind::Indent);
                }
                return Ok(Step::More);
            }
            // `again:`
            let mut comment_start = None;
            let c = loop {
                let mut c = self.nextc();
                while c == 0x20 || c == 0x09 || c == 0x0c {
                    c = self.nextc();
                }
                if c == b'#' as i32 {
                    comment_start = Some(self.cur - 1);
                    // Skip to the line break (the `#` was read on this line).
                    let rest = &self.src[self.cur.min(self.src.len())..];
                    self.cur += rest
                        .iter()
                        .position(|&b| b == b'\n' || b == b'\r')
                        .unwrap_or(rest.len());
                    c = self.nextc();
                    while c != EOF && c != b'\n' as i32 {
                        c = self.nextc();
                    }
                }
                if c == b'\\' as i32 {
                    self.continuation_line()?;
                    continue;
                }
                break c;
            };
            if c == EOF {
                self.mark_start();
                if let Some(p) = self.parens.last() {
                    return Err(self.never_closed(*p));
                }
                // CPython reports the end marker on the line after the last one.
                self.start_eof_line();
                self.mark_start();
                self.push(TokKind::EndMarker);
                return Ok(Step::Done);
            }
            if c == b'\n' as i32 {
                self.at_bol = true;
                if blankline || !self.parens.is_empty() {
                    blankline = false;
                    continue;
                }
                // The newline byte(s) just read: `\n`, `\r\n` or `\r` (or virtual).
                let nl_len = if self.cur >= 2
                    && self.cur <= self.src.len()
                    && self.src[self.cur - 2] == b'\r'
                    && self.src[self.cur - 1] == b'\n'
                {
                    2
                } else {
                    1
                };
                let nl_col = (self.cur - nl_len - self.line_start) as u32;
                // After a comment, CPython's NEWLINE starts at the `#` (its parser
                // reports "expected ':'" there).
                self.tok_start = comment_start.unwrap_or(self.cur - nl_len);
                self.tok_lineno = self.lineno;
                self.tok_line_start = self.line_start;
                self.push(TokKind::Newline);
                // CPython counts the newline as one character.
                if let Some(t) = self.tokens.last_mut() {
                    t.end_col = nl_col + 1;
                }
                return Ok(Step::More);
            }
            self.mark_start_prev();
            return self.token_from(c);
        }
    }

    /// Reads the token whose first character `c` was just read.
    fn token_from(&mut self, c: i32) -> LexResult {
        let b = c as u8;
        if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 {
            return self.name_or_prefixed_string(c);
        }
        if b == b'.' {
            let c2 = self.nextc();
            if (c2 as u8).is_ascii_digit() && c2 >= 0 {
                return self.number_fraction(c2);
            }
            if c2 == b'.' as i32 {
                let c3 = self.nextc();
                if c3 == b'.' as i32 {
                    self.push(TokKind::Ellipsis);
                    return Ok(Step::More);
                }
                self.backup(c3);
            }
            self.backup(c2);
            self.push(TokKind::Dot);
            return Ok(Step::More);
        }
        if b.is_ascii_digit() {
            return self.number(c);
        }
        if b == b'\'' || b == b'"' {
            return self.string(c);
        }
        self.operator(c)
    }

    fn name_or_prefixed_string(&mut self, first: i32) -> LexResult {
        let mut c = first;
        let (mut saw_b, mut saw_r, mut saw_u, mut saw_f, mut saw_t) =
            (false, false, false, false, false);
        loop {
            let seen = match c as u8 | 0x20 {
                _ if c < 0 => break,
                b'b' => &mut saw_b,
                b'r' => &mut saw_r,
                b'u' => &mut saw_u,
                b'f' => &mut saw_f,
                b't' => &mut saw_t,
                _ => break,
            };
            if *seen || (c as u8) >= 0x80 {
                break;
            }
            *seen = true;
            c = self.nextc();
            if c == b'"' as i32 || c == b'\'' as i32 {
                let pairs = [
                    (saw_u && saw_b, "u", "b"),
                    (saw_u && saw_r, "u", "r"),
                    (saw_u && saw_f, "u", "f"),
                    (saw_u && saw_t, "u", "t"),
                    (saw_b && saw_f, "b", "f"),
                    (saw_b && saw_t, "b", "t"),
                    (saw_f && saw_t, "f", "t"),
                ];
                if let Some((_, a, b)) = pairs.iter().find(|p| p.0) {
                    let col = (self.tok_start - self.tok_line_start) as u32;
                    let end_col = (self.cur - self.line_start) as u32 - 1;
                    return Err(SyntaxError::syntax(
                        format!("'{a}' and '{b}' prefixes are incompatible"),
                        self.lineno,
                        col,
                        self.lineno,
                        end_col,
                    ));
                }
                if saw_f || saw_t {
                    return self.fstring_start(c, saw_r, saw_t);
                }
                return self.string(c);
            }
        }
        // Identifier. `c` was just read on this line, so the ASCII run after it can
        // be skipped without `nextc` (which only matters at line breaks).
        let mut nonascii = false;
        loop {
            if c < 0 {
                break;
            }
            let b = c as u8;
            if b.is_ascii_alphanumeric() || b == b'_' {
                let rest = &self.src[self.cur..];
                let n = rest
                    .iter()
                    .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
                    .unwrap_or(rest.len());
                self.cur += n;
            } else if b >= 0x80 {
                nonascii = true;
            } else {
                break;
            }
            c = self.nextc();
        }
        self.backup(c);
        if nonascii {
            self.verify_identifier()?;
        }
        let text = &self.src[self.tok_start..self.cur];
        let kind = if (2..=8).contains(&text.len()) && !nonascii {
            std::str::from_utf8(text)
                .ok()
                .and_then(TokKind::keyword)
                .unwrap_or(TokKind::Name)
        } else {
            TokKind::Name
        };
        self.push(kind);
        Ok(Step::More)
    }

    /// PEP 3131 check of a non-ASCII identifier (CPython's `verify_identifier`).
    fn verify_identifier(&mut self) -> Result<(), SyntaxError> {
        let bytes = &self.src[self.tok_start..self.cur];
        // The run ends before an ASCII byte (or at the end), so it is whole characters.
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Err(self.error_here("invalid character"));
        };
        for (i, ch) in text.char_indices() {
            let ok = if i == 0 {
                ch == '_' || in_table(XID_START, ch as u32)
            } else {
                in_table(XID_CONTINUE, ch as u32)
            };
            if !ok {
                let col = (self.tok_start + i - self.line_start) as u32;
                let msg = if in_table(PRINTABLE, ch as u32) {
                    format!("invalid character '{ch}' (U+{:04X})", ch as u32)
                } else {
                    format!("invalid non-printable character U+{:04X}", ch as u32)
                };
                return Err(self.error_at(msg, self.lineno, col));
            }
        }
        Ok(())
    }

    // ----- numbers ----------------------------------------------------------------

    fn is_digit(c: i32) -> bool {
        (b'0' as i32..=b'9' as i32).contains(&c)
    }

    /// CPython's `tok_decimal_tail`: digits and single underscores after a digit.
    fn decimal_tail(&mut self) -> Result<i32, SyntaxError> {
        loop {
            let mut c = self.nextc();
            while Self::is_digit(c) {
                c = self.nextc();
            }
            if c != b'_' as i32 {
                return Ok(c);
            }
            c = self.nextc();
            if !Self::is_digit(c) {
                self.backup(c);
                return Err(self.error_here("invalid decimal literal"));
            }
        }
    }

    /// CPython's `verify_end_of_number`: a number directly followed by a letter.
    fn verify_end_of_number(&mut self, c: i32, kind: &str) -> Result<(), SyntaxError> {
        let r = match c as u8 {
            _ if c < 0 => false,
            b'a' => self.lookahead(b"nd"),
            b'e' => self.lookahead(b"lse"),
            b'f' => self.lookahead(b"or"),
            b'i' => matches!(self.byte_at_cur(), b'f' | b'n' | b's'),
            b'o' => self.lookahead(b"r"),
            b'n' => self.lookahead(b"ot"),
            _ => false,
        };
        if r {
            let col = self.col_before(self.cur - 1);
            let lineno = self.lineno;
            self.warn(format!("invalid {kind} literal"), lineno, col);
        } else if (0..128).contains(&c) && ((c as u8).is_ascii_alphanumeric() || c == b'_' as i32) {
            self.backup(c);
            return Err(self.error_here(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    fn byte_at_cur(&self) -> u8 {
        if self.cur < self.src.len() {
            self.src[self.cur]
        } else {
            0
        }
    }

    /// CPython's `lookahead`: `test` follows, and no identifier character after it.
    fn lookahead(&self, test: &[u8]) -> bool {
        let rest = &self.src[self.cur.min(self.src.len())..];
        if !rest.starts_with(test) {
            return false;
        }
        match rest.get(test.len()) {
            Some(&b) => !(b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80),
            None => true,
        }
    }

    fn number(&mut self, first: i32) -> LexResult {
        let c;
        if first == b'0' as i32 {
            let mut c2 = self.nextc();
            match c2 as u8 | 0x20 {
                b'x' if c2 >= 0 => {
                    c2 = self.nextc();
                    loop {
                        if c2 == b'_' as i32 {
                            c2 = self.nextc();
                        }
                        if !(c2 >= 0 && (c2 as u8).is_ascii_hexdigit()) {
                            self.backup(c2);
                            return Err(self.error_here("invalid hexadecimal literal"));
                        }
                        while c2 >= 0 && (c2 as u8).is_ascii_hexdigit() {
                            c2 = self.nextc();
                        }
                        if c2 != b'_' as i32 {
                            break;
                        }
                    }
                    self.verify_end_of_number(c2, "hexadecimal")?;
                    c = c2;
                }
                b'o' if c2 >= 0 => {
                    c = self.radix_digits(b'8', "octal")?;
                }
                b'b' if c2 >= 0 => {
                    c = self.radix_digits(b'2', "binary")?;
                }
                _ => {
                    let mut nonzero = false;
                    loop {
                        if c2 == b'_' as i32 {
                            c2 = self.nextc();
                            if !Self::is_digit(c2) {
                                self.backup(c2);
                                return Err(self.error_here("invalid decimal literal"));
                            }
                        }
                        if c2 != b'0' as i32 {
                            break;
                        }
                        c2 = self.nextc();
                    }
                    let zeros_end = self.cur;
                    if Self::is_digit(c2) {
                        nonzero = true;
                        c2 = self.decimal_tail()?;
                    }
                    if c2 == b'.' as i32 {
                        let c3 = self.nextc();
                        return self.number_fraction(c3);
                    } else if c2 == b'e' as i32 || c2 == b'E' as i32 {
                        return self.number_exponent(c2);
                    } else if c2 == b'j' as i32 || c2 == b'J' as i32 {
                        return self.number_imaginary();
                    } else if nonzero {
                        self.backup(c2);
                        let col = (self.tok_start - self.line_start) as u32;
                        let end_col = (zeros_end - self.line_start) as u32 - 1;
                        return Err(SyntaxError::syntax(
                            "leading zeros in decimal integer literals are not permitted; \
                             use an 0o prefix for octal integers",
                            self.lineno,
                            col,
                            self.lineno,
                            end_col,
                        ));
                    }
                    self.verify_end_of_number(c2, "decimal")?;
                    c = c2;
                }
            }
        } else {
            let c2 = self.decimal_tail()?;
            if c2 == b'.' as i32 {
                let c3 = self.nextc();
                return self.number_fraction(c3);
            }
            return self.number_after_fraction(c2);
        }
        self.backup(c);
        self.push(TokKind::Number);
        Ok(Step::More)
    }

    /// Octal or binary digits after the `0o`/`0b` prefix; `limit` is the first
    /// digit that is not allowed.
    fn radix_digits(&mut self, limit: u8, kind: &str) -> Result<i32, SyntaxError> {
        let ok = |c: i32| c >= b'0' as i32 && c < limit as i32;
        let mut c = self.nextc();
        loop {
            if c == b'_' as i32 {
                c = self.nextc();
            }
            if !ok(c) {
                if Self::is_digit(c) {
                    return Err(self.error_here(format!(
                        "invalid digit '{}' in {kind} literal",
                        c as u8 as char
                    )));
                }
                self.backup(c);
                return Err(self.error_here(format!("invalid {kind} literal")));
            }
            while ok(c) {
                c = self.nextc();
            }
            if c != b'_' as i32 {
                break;
            }
        }
        if Self::is_digit(c) {
            return Err(self.error_here(format!(
                "invalid digit '{}' in {kind} literal",
                c as u8 as char
            )));
        }
        self.verify_end_of_number(c, kind)?;
        Ok(c)
    }

    /// `fraction:` in CPython: `c` is the character after the `.`.
    fn number_fraction(&mut self, c: i32) -> LexResult {
        let mut c = c;
        if Self::is_digit(c) {
            c = self.decimal_tail()?;
        }
        self.number_after_fraction(c)
    }

    fn number_after_fraction(&mut self, c: i32) -> LexResult {
        if c == b'e' as i32 || c == b'E' as i32 {
            return self.number_exponent(c);
        }
        if c == b'j' as i32 || c == b'J' as i32 {
            return self.number_imaginary();
        }
        self.verify_end_of_number(c, "decimal")?;
        self.backup(c);
        self.push(TokKind::Number);
        Ok(Step::More)
    }

    /// `exponent:` in CPython: `e` (the `e`/`E`) was just read.
    fn number_exponent(&mut self, e: i32) -> LexResult {
        let mut c = self.nextc();
        if c == b'+' as i32 || c == b'-' as i32 {
            c = self.nextc();
            if !Self::is_digit(c) {
                self.backup(c);
                return Err(self.error_here("invalid decimal literal"));
            }
        } else if !Self::is_digit(c) {
            self.backup(c);
            self.verify_end_of_number(e, "decimal")?;
            self.backup(e);
            self.push(TokKind::Number);
            return Ok(Step::More);
        }
        c = self.decimal_tail()?;
        if c == b'j' as i32 || c == b'J' as i32 {
            return self.number_imaginary();
        }
        self.verify_end_of_number(c, "decimal")?;
        self.backup(c);
        self.push(TokKind::Number);
        Ok(Step::More)
    }

    fn number_imaginary(&mut self) -> LexResult {
        let c = self.nextc();
        self.verify_end_of_number(c, "imaginary")?;
        self.backup(c);
        self.push(TokKind::Number);
        Ok(Step::More)
    }

    // ----- strings -----------------------------------------------------------------

    /// A non-f-string literal; `quote` (the opening quote) was just read.
    fn string(&mut self, quote: i32) -> LexResult {
        let mut quote_size = 1;
        let mut end_quote_size = 0;
        let mut has_escaped_quote = false;
        let mut c = self.nextc();
        if c == quote {
            c = self.nextc();
            if c == quote {
                quote_size = 3;
            } else {
                end_quote_size = 1;
            }
        }
        if c != quote {
            self.backup(c);
        }
        while end_quote_size != quote_size {
            // Fast path: skip ordinary bytes of the body.
            if !self.after_newline && self.cur < self.src.len() {
                let q = quote as u8;
                let rest = &self.src[self.cur..];
                let n = rest
                    .iter()
                    .position(|&b| b == q || b == b'\\' || b == b'\n' || b == b'\r')
                    .unwrap_or(rest.len());
                if n > 0 {
                    self.cur += n;
                    end_quote_size = 0;
                }
            }
            c = self.nextc();
            if c == EOF || (quote_size == 1 && c == b'\n' as i32) {
                return Err(self.unterminated_string(quote, quote_size, has_escaped_quote));
            }
            if c == quote {
                end_quote_size += 1;
            } else {
                end_quote_size = 0;
                if c == b'\\' as i32 {
                    c = self.nextc();
                    if c == quote {
                        has_escaped_quote = true;
                    }
                }
            }
        }
        self.push(TokKind::String);
        Ok(Step::More)
    }

    fn unterminated_string(&self, quote: i32, quote_size: usize, escaped: bool) -> SyntaxError {
        let detected = self.lineno_at_eof();
        let col = (self.tok_start - self.tok_line_start) as u32;
        if let Some(m) = self.modes.last() {
            if m.quote as i32 == quote && m.quote_size as usize == quote_size {
                return self.error_at(
                    format!("{}-string: expecting '}}'", m.letter()),
                    self.tok_lineno,
                    col,
                );
            }
        }
        let msg = if quote_size == 3 {
            format!("unterminated triple-quoted string literal (detected at line {detected})")
        } else if escaped {
            format!(
                "unterminated string literal (detected at line {detected}); \
                 perhaps you escaped the end quote?"
            )
        } else {
            format!("unterminated string literal (detected at line {detected})")
        };
        self.error_at(msg, self.tok_lineno, col)
    }

    /// `f"`/`t'''` etc.: `quote` was just read after the prefix.
    fn fstring_start(&mut self, quote: i32, raw: bool, is_t: bool) -> LexResult {
        let mut quote_size = 1u8;
        let after = self.nextc();
        if after == quote {
            let after2 = self.nextc();
            if after2 == quote {
                quote_size = 3;
            } else {
                self.backup(after2);
                self.backup(after);
            }
        } else {
            self.backup(after);
        }
        if self.modes.len() + 1 >= MAX_FSTRING_LEVEL {
            return Err(self.error_here("too many nested f-strings or t-strings"));
        }
        self.modes.push(FMode {
            regular: false,
            quote: quote as u8,
            quote_size,
            raw,
            is_t,
            start: self.tok_start,
            start_lineno: self.tok_lineno,
            start_line_start: self.tok_line_start,
            curly_depth: 0,
            expr_start_depth: -1,
            in_format_spec: false,
        });
        self.push(if is_t {
            TokKind::TStringStart
        } else {
            TokKind::FStringStart
        });
        Ok(Step::More)
    }

    // ----- operators -------------------------------------------------------------

    fn operator(&mut self, c: i32) -> LexResult {
        let b = c as u8;
        // Punctuation that switches f-string modes.
        if matches!(b, b':' | b'}' | b'!' | b'{') {
            if let Some(m) = self.modes.last_mut() {
                if m.expr_start_depth >= 0 {
                    let cursor = m.curly_depth - (b != b'{') as i32;
                    if b == b':' && cursor == m.expr_start_depth {
                        m.regular = false;
                        m.in_format_spec = true;
                        self.push(TokKind::Colon);
                        return Ok(Step::More);
                    }
                }
            }
        }
        let c2 = self.nextc();
        if let Some(kind2) = two_char(b, c2) {
            let c3 = self.nextc();
            match three_char(b, c2 as u8, c3) {
                Some(kind3) => self.push(kind3),
                None => {
                    self.backup(c3);
                    self.push(kind2);
                }
            }
            return Ok(Step::More);
        }
        self.backup(c2);
        match b {
            b'(' | b'[' | b'{' => {
                if self.parens.len() >= MAX_LEVEL {
                    return Err(self.error_here("too many nested parentheses"));
                }
                self.parens.push(Paren {
                    ch: b,
                    lineno: self.lineno,
                    col: (self.tok_start - self.line_start) as u32,
                });
                if let Some(m) = self.modes.last_mut() {
                    m.curly_depth += 1;
                }
            }
            b')' | b']' | b'}' => {
                if let Some(m) = self.modes.last() {
                    if m.curly_depth == 0 && b == b'}' {
                        let msg = format!("{}-string: single '}}' is not allowed", m.letter());
                        return Err(self.error_here(msg));
                    }
                }
                let Some(open) = self.parens.pop() else {
                    return Err(self.error_here(format!("unmatched '{}'", b as char)));
                };
                let matching = matches!((open.ch, b), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                if !matching {
                    if let Some(m) = self.modes.last() {
                        if open.ch == b'{' && m.curly_depth - 1 == m.expr_start_depth {
                            let msg = format!("{}-string: unmatched '{}'", m.letter(), b as char);
                            return Err(self.error_here(msg));
                        }
                    }
                    let msg = if open.lineno != self.lineno {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                            b as char, open.ch as char, open.lineno
                        )
                    } else {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}'",
                            b as char, open.ch as char
                        )
                    };
                    return Err(self.error_here(msg));
                }
                if let Some(m) = self.modes.last_mut() {
                    m.curly_depth -= 1;
                    if m.curly_depth < 0 {
                        let msg = format!("{}-string: unmatched '{}'", m.letter(), b as char);
                        return Err(self.error_here(msg));
                    }
                    if b == b'}' && m.curly_depth == m.expr_start_depth {
                        m.expr_start_depth -= 1;
                        m.regular = false;
                        m.in_format_spec = false;
                    }
                }
            }
            _ => {}
        }
        let kind = match one_char(b) {
            Some(k) => k,
            None if b < 0x20 || b == 0x7f => {
                return Err(self.error_here(format!("invalid non-printable character U+{:04X}", b)));
            }
            None => {
                // `$`, `?`, `` ` ``: CPython passes an OP token its parser rejects
                // with "invalid syntax". Remember the first and keep going, as
                // CPython's check of the rest of the source does.
                if self.invalid_char.is_none() {
                    let col = (self.tok_start - self.line_start) as u32;
                    let e = SyntaxError::syntax(
                        "invalid syntax",
                        self.lineno,
                        col,
                        self.lineno,
                        col + 1,
                    );
                    self.invalid_char = Some((e, self.tokens.len()));
                }
                return Ok(Step::More);
            }
        };
        self.push(kind);
        Ok(Step::More)
    }
}

/// "'(' was never closed" at the bracket.
pub(super) fn never_closed_error(p: Paren) -> SyntaxError {
    SyntaxError::syntax(
        format!("'{}' was never closed", p.ch as char),
        p.lineno,
        p.col,
        p.lineno,
        0,
    )
}

/// Binary search in a sorted table of inclusive ranges.
pub(super) fn in_table(table: &[(u32, u32)], cp: u32) -> bool {
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

fn one_char(b: u8) -> Option<TokKind> {
    use TokKind::*;
    Some(match b {
        b'(' => LPar,
        b')' => RPar,
        b'[' => LSqb,
        b']' => RSqb,
        b':' => Colon,
        b',' => Comma,
        b';' => Semi,
        b'+' => Plus,
        b'-' => Minus,
        b'*' => Star,
        b'/' => Slash,
        b'|' => VBar,
        b'&' => Amper,
        b'<' => Less,
        b'>' => Greater,
        b'=' => Equal,
        b'.' => Dot,
        b'%' => Percent,
        b'{' => LBrace,
        b'}' => RBrace,
        b'~' => Tilde,
        b'^' => Circumflex,
        b'@' => At,
        b'!' => Exclamation,
        _ => return Option::None,
    })
}

fn two_char(a: u8, c2: i32) -> Option<TokKind> {
    use TokKind::*;
    if c2 < 0 {
        return Option::None;
    }
    Some(match (a, c2 as u8) {
        (b'!', b'=') => NotEqual,
        (b'%', b'=') => PercentEqual,
        (b'&', b'=') => AmperEqual,
        (b'*', b'*') => DoubleStar,
        (b'*', b'=') => StarEqual,
        (b'+', b'=') => PlusEqual,
        (b'-', b'=') => MinEqual,
        (b'-', b'>') => RArrow,
        (b'/', b'/') => DoubleSlash,
        (b'/', b'=') => SlashEqual,
        (b':', b'=') => ColonEqual,
        (b'<', b'<') => LeftShift,
        (b'<', b'=') => LessEqual,
        // `<>` is NOTEQUAL for CPython's tokenizer; its parser rejects it
        // (PEP 401's easter egg aside) by looking at the text.
        (b'<', b'>') => NotEqual,
        (b'=', b'=') => EqEqual,
        (b'>', b'=') => GreaterEqual,
        (b'>', b'>') => RightShift,
        (b'@', b'=') => AtEqual,
        (b'^', b'=') => CircumflexEqual,
        (b'|', b'=') => VBarEqual,
        _ => return Option::None,
    })
}

fn three_char(a: u8, b: u8, c3: i32) -> Option<TokKind> {
    use TokKind::*;
    if c3 != b'=' as i32 {
        return Option::None;
    }
    Some(match (a, b) {
        (b'*', b'*') => DoubleStarEqual,
        (b'/', b'/') => DoubleSlashEqual,
        (b'<', b'<') => LeftShiftEqual,
        (b'>', b'>') => RightShiftEqual,
        _ => return Option::None,
    })
}
