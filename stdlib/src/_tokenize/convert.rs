//! From the frontend's token stream to the tuples CPython's `_tokenize.TokenizerIter`
//! yields (what `tokenize.generate_tokens` shows).
//!
//! The frontend tokenizer is built for the parser: it drops comments and blank-line
//! newlines, keeps a doubled brace of an f-string inside one middle token and never
//! emits an empty one, and reports positions as UTF-8 byte columns. This module puts
//! back what `tokenize` shows: COMMENT and NL tokens found in the gaps between tokens,
//! middles split as CPython's lexer splits them (after `{{`/`}}` and `\N{...}`), the
//! empty middles CPython emits in format specs, character columns, the physical `line`
//! of each token, and the end-of-file tokens on the line after the last one.

use frontend::tokenizer::{tokenize_lenient, TokKind, Token};
use frontend::{ErrorKind, SyntaxError};

pub const ENDMARKER: u8 = 0;
pub const NAME: u8 = 1;
pub const NUMBER: u8 = 2;
pub const STRING: u8 = 3;
pub const NEWLINE: u8 = 4;
pub const INDENT: u8 = 5;
pub const DEDENT: u8 = 6;
/// CPython's first operator type (`LPAR`); the frontend's operator kinds are in the
/// same order as CPython's exact types `LPAR`..`EXCLAMATION`.
const LPAR: u8 = 7;
pub const OP: u8 = 55;
pub const FSTRING_START: u8 = 59;
pub const FSTRING_MIDDLE: u8 = 60;
pub const FSTRING_END: u8 = 61;
pub const TSTRING_START: u8 = 62;
pub const TSTRING_MIDDLE: u8 = 63;
pub const TSTRING_END: u8 = 64;
pub const COMMENT: u8 = 65;
pub const NL: u8 = 66;

/// One token as `TokenizerIter` yields it; positions are (line, character column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutTok {
    pub ty: u8,
    pub string: String,
    pub start: (u32, i64),
    pub end: (u32, i64),
    pub line: String,
}

/// The exception CPython's iterator raises, as data.
#[derive(Clone, Debug)]
pub struct OutErr {
    pub kind: ErrorKind,
    pub msg: String,
    pub lineno: u32,
    /// 1-based character offset.
    pub offset: u32,
    pub text: String,
    /// `(end_lineno, end_offset)`, absent for the errors CPython reports without one.
    pub end: Option<(u32, u32)>,
    /// CPython raises these with the message as the only argument (and sets
    /// `lineno`/`offset` on the exception).
    pub bare: bool,
}

/// The physical lines of the source and their byte offsets, split as the frontend
/// splits them (`\n`, `\r\n` or a lone `\r`).
struct Lines<'s> {
    src: &'s str,
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    fn new(src: &'s str) -> Self {
        let b = src.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        // A final line without a terminator is a line; an empty tail is not.
        if starts.last() == Some(&b.len()) && starts.len() > 1 {
            starts.pop();
        }
        Lines { src, starts }
    }

    /// The number of physical lines.
    fn count(&self) -> u32 {
        if self.src.is_empty() {
            0
        } else {
            self.starts.len() as u32
        }
    }

    /// Byte range of line `n` (1-based), terminator included.
    fn range(&self, n: u32) -> (usize, usize) {
        let i = (n as usize).saturating_sub(1).min(self.starts.len() - 1);
        let end = self.starts.get(i + 1).copied().unwrap_or(self.src.len());
        (self.starts[i], end)
    }

    /// Lines `a..=b`, terminators included.
    fn text(&self, a: u32, b: u32) -> &'s str {
        if self.src.is_empty() {
            return "";
        }
        let (s, _) = self.range(a);
        let (_, e) = self.range(b.max(a));
        self.src.get(s..e).unwrap_or("")
    }

    /// (line, character column) of byte offset `p`.
    fn pos(&self, p: usize) -> (u32, i64) {
        let p = p.min(self.src.len());
        let i = match self.starts.binary_search(&p) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let s = self.starts[i];
        let col = self.src.get(s..p).map_or(p - s, |t| t.chars().count());
        (i as u32 + 1, col as i64)
    }

    /// Character column of byte column `col` on line `n`.
    fn char_col(&self, n: u32, col: u32) -> u32 {
        let (s, e) = self.range(n);
        let p = (s + col as usize).min(e);
        self.src.get(s..p).map_or(col, |t| t.chars().count() as u32)
    }
}

/// One f-string being converted: its replacement fields, innermost last.
struct FCtx {
    raw: bool,
    is_t: bool,
    fields: Vec<Field>,
}

struct Field {
    /// Brackets open in the field's expression.
    depth: i32,
    in_spec: bool,
}

/// Converts `src` (the whole decoded source) to `TokenizerIter` tokens.
pub fn convert(src: &str, extra_tokens: bool) -> (Vec<OutTok>, Option<OutErr>) {
    if src.is_empty() && !extra_tokens {
        return (Vec::new(), None);
    }
    let (tokens, error) = tokenize_lenient(src);
    let lines = Lines::new(src);
    let mut c = Converter {
        src,
        lines: &lines,
        out: Vec::new(),
        extra: extra_tokens,
        fstack: Vec::new(),
    };
    let tokens = &tokens;
    // The trailing DEDENTs and the ENDMARKER sit on the line after the last one.
    let mut eof_from = tokens.len();
    while eof_from > 0
        && matches!(
            tokens[eof_from - 1].kind,
            TokKind::Dedent | TokKind::EndMarker
        )
    {
        eof_from -= 1;
    }
    let ended = tokens.last().map(|t| t.kind) == Some(TokKind::EndMarker);
    if !ended {
        eof_from = tokens.len();
    }
    let mut pos = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        if i == eof_from {
            c.gap(pos, src.len(), true);
            pos = src.len();
        }
        if i >= eof_from {
            let ty = if t.kind == TokKind::EndMarker {
                ENDMARKER
            } else {
                DEDENT
            };
            c.out.push(c.eof_token(ty, tokens[..eof_from].last()));
            continue;
        }
        let start = t.start as usize;
        if start > pos {
            c.gap(pos, start, false);
        }
        c.token(t, tokens.get(i + 1));
        pos = pos.max(t.end as usize);
    }
    if error.as_ref().is_some_and(|e| is_eof_error(&e.msg)) {
        // CPython yields the comments and NLs before the end of the file first.
        c.gap(pos, src.len(), true);
    }
    let err = error.as_ref().map(|e| c.error(e));
    (c.out, err)
}

struct Converter<'a, 's> {
    src: &'s str,
    lines: &'a Lines<'s>,
    out: Vec<OutTok>,
    extra: bool,
    fstack: Vec<FCtx>,
}

impl Converter<'_, '_> {
    /// A DEDENT or ENDMARKER at the end of the source. With `extra_tokens` they sit on the
    /// line after the last; without, on the last line at column -1, with that line's text
    /// if a token ended on it (CPython's raw positions).
    fn eof_token(&self, ty: u8, last: Option<&Token>) -> OutTok {
        let n = self.lines.count();
        if self.extra {
            return OutTok {
                ty,
                string: String::new(),
                start: (n + 1, 0),
                end: (n + 1, 0),
                line: String::new(),
            };
        }
        let row = n.max(1);
        let line = match last {
            Some(t) if t.end_lineno == n => self.lines.text(n, n).to_string(),
            _ => String::new(),
        };
        OutTok {
            ty,
            string: String::new(),
            start: (row, -1),
            end: (row, -1),
            line,
        }
    }

    /// An INDENT or DEDENT without `extra_tokens`: empty, at column -1 of its line.
    fn push_raw_indent(&mut self, ty: u8, row: u32) {
        let line = self.lines.text(row, row).to_string();
        self.out.push(OutTok {
            ty,
            string: String::new(),
            start: (row, -1),
            end: (row, -1),
            line,
        });
    }

    fn text(&self, a: usize, b: usize) -> String {
        self.src.get(a..b).unwrap_or("").to_string()
    }

    /// Pushes a token spanning bytes `a..b` whose `line` is its last line (or all its
    /// lines, for `multiline` literals).
    fn push_span(&mut self, ty: u8, a: usize, b: usize, multiline: bool) {
        let start = self.lines.pos(a);
        let end = self.lines.pos(b);
        let line_from = if multiline { start.0 } else { end.0 };
        let line = self.lines.text(line_from, end.0).to_string();
        self.out.push(OutTok {
            ty,
            string: self.text(a, b),
            start,
            end,
            line,
        });
    }

    /// A NEWLINE or NL token for the line break at `a..b` (empty at the end of a file
    /// without one): it ends one column past its start per character, at least one.
    fn push_newline(&mut self, ty: u8, a: usize, b: usize) {
        let start = self.lines.pos(a);
        let s = self.text(a, b);
        let width = s.chars().count().max(1) as u32;
        let line = self.lines.text(start.0, start.0).to_string();
        self.out.push(OutTok {
            ty,
            string: s,
            start,
            end: (start.0, start.1 + width as i64),
            line,
        });
    }

    /// The text between two tokens: comments, blank-line NLs, line continuations.
    fn gap(&mut self, from: usize, to: usize, at_eof: bool) {
        let b = self.src.as_bytes();
        let mut p = from;
        while p < to {
            match b[p] {
                b'#' => {
                    let e = line_end(b, p).min(to.max(p));
                    let e = if at_eof { line_end(b, p) } else { e };
                    if self.extra {
                        self.push_span(COMMENT, p, e, false);
                    }
                    p = e;
                    if at_eof && p >= b.len() && self.extra {
                        // A comment on the last line, without a line break.
                        self.push_newline(NL, p, p);
                    }
                }
                b'\\' => {
                    p += 1;
                    p += newline_len(b, p);
                }
                b'\n' | b'\r' => {
                    let n = newline_len(b, p);
                    if self.extra {
                        self.push_newline(NL, p, p + n);
                    }
                    p += n;
                }
                b'$' | b'?' | b'`' => {
                    // Not a token for the frontend; an OP for CPython's tokenizer.
                    self.push_span(OP, p, p + 1, false);
                    p += 1;
                }
                _ => p += 1,
            }
        }
    }

    fn token(&mut self, t: &Token, next: Option<&Token>) {
        let (a, b) = (t.start as usize, t.end as usize);
        match t.kind {
            TokKind::Newline if !self.extra => {
                // CPython's raw NEWLINE spans a trailing comment, up to the `\n` (a `\r`
                // before it included).
                let b = self.src.as_bytes();
                let mut e = line_end(b, a).max(a);
                if b.get(e) == Some(&b'\r') && b.get(e + 1) == Some(&b'\n') {
                    e += 1;
                }
                let start = self.lines.pos(a);
                let string = self.text(a, e);
                let width = string.chars().count() as i64;
                let line = self.lines.text(start.0, start.0).to_string();
                self.out.push(OutTok {
                    ty: NEWLINE,
                    string,
                    start,
                    end: (start.0, start.1 + width),
                    line,
                });
            }
            TokKind::Newline => {
                let mut a = a;
                if self.src.as_bytes().get(a) == Some(&b'#') {
                    // The frontend starts NEWLINE at a trailing comment.
                    let e = line_end(self.src.as_bytes(), a);
                    if self.extra {
                        self.push_span(COMMENT, a, e, false);
                    }
                    a = e;
                }
                self.push_newline(NEWLINE, a, b.max(a));
            }
            TokKind::Indent if !self.extra => self.push_raw_indent(INDENT, t.lineno),
            TokKind::Dedent if !self.extra => self.push_raw_indent(DEDENT, t.lineno),
            TokKind::Indent => self.push_span(INDENT, a, b, false),
            TokKind::Dedent => {
                let start = (t.lineno, self.lines.char_col(t.lineno, t.col) as i64);
                let line = self.lines.text(t.lineno, t.lineno).to_string();
                self.out.push(OutTok {
                    ty: DEDENT,
                    string: String::new(),
                    start,
                    end: start,
                    line,
                });
            }
            TokKind::Name | TokKind::Number => {
                let ty = if t.kind == TokKind::Name {
                    NAME
                } else {
                    NUMBER
                };
                self.push_span(ty, a, b, false);
            }
            k if k.is_keyword() => self.push_span(NAME, a, b, false),
            TokKind::String => self.push_span(STRING, a, b, true),
            TokKind::FStringStart | TokKind::TStringStart => {
                let prefix = self.src.get(a..b).unwrap_or("");
                self.fstack.push(FCtx {
                    raw: prefix.contains(['r', 'R']),
                    is_t: t.kind == TokKind::TStringStart,
                    fields: Vec::new(),
                });
                let ty = if t.kind == TokKind::FStringStart {
                    FSTRING_START
                } else {
                    TSTRING_START
                };
                self.push_span(ty, a, b, false);
                self.maybe_empty_middle(next);
            }
            TokKind::FStringEnd | TokKind::TStringEnd => {
                self.fstack.pop();
                let ty = if t.kind == TokKind::FStringEnd {
                    FSTRING_END
                } else {
                    TSTRING_END
                };
                self.push_span(ty, a, b, false);
            }
            TokKind::FStringMiddle | TokKind::TStringMiddle => {
                let ty = if t.kind == TokKind::FStringMiddle {
                    FSTRING_MIDDLE
                } else {
                    TSTRING_MIDDLE
                };
                self.middle(ty, a, b);
            }
            TokKind::EndMarker => {}
            k => {
                self.track_op(k);
                let ty = if self.extra {
                    OP
                } else {
                    LPAR + (k as u8 - TokKind::LPar as u8)
                };
                self.push_span(ty, a, b, false);
                self.maybe_empty_middle(next);
            }
        }
    }

    /// Follows replacement fields and format specs through an operator token.
    fn track_op(&mut self, k: TokKind) {
        let Some(f) = self.fstack.last_mut() else {
            return;
        };
        let literal_mode = f.fields.last().is_none_or(|fl| fl.in_spec);
        if literal_mode {
            match k {
                TokKind::LBrace => f.fields.push(Field {
                    depth: 0,
                    in_spec: false,
                }),
                TokKind::RBrace => {
                    f.fields.pop();
                }
                _ => {}
            }
            return;
        }
        let Some(fl) = f.fields.last_mut() else {
            return;
        };
        match k {
            TokKind::LPar | TokKind::LSqb | TokKind::LBrace => fl.depth += 1,
            TokKind::RPar | TokKind::RSqb => fl.depth -= 1,
            TokKind::RBrace if fl.depth == 0 => {
                f.fields.pop();
            }
            TokKind::RBrace => fl.depth -= 1,
            TokKind::Colon if fl.depth == 0 => fl.in_spec = true,
            _ => {}
        }
    }

    /// CPython emits an empty middle in a format spec whose literal text is empty
    /// when a `}` or a `{{` follows (a single `{` opens a nested field directly).
    fn maybe_empty_middle(&mut self, next: Option<&Token>) {
        let Some(f) = self.fstack.last() else {
            return;
        };
        if !f.fields.last().is_some_and(|fl| fl.in_spec) {
            return;
        }
        let Some(n) = next else {
            return;
        };
        let b = self.src.as_bytes();
        let empty = match n.kind {
            TokKind::RBrace => true,
            TokKind::LBrace => b.get(n.start as usize + 1) == Some(&b'{'),
            _ => false,
        };
        if empty {
            let ty = if f.is_t {
                TSTRING_MIDDLE
            } else {
                FSTRING_MIDDLE
            };
            let p = n.start as usize;
            self.push_span(ty, p, p, false);
        }
    }

    /// A literal middle, split where CPython's lexer splits it: after the first brace
    /// of a doubled one (the second is dropped) and after a `\N{...}` escape.
    fn middle(&mut self, ty: u8, a: usize, b: usize) {
        let raw = self.fstack.last().is_some_and(|f| f.raw);
        let s = self.src.as_bytes();
        let mut piece = a;
        let mut i = a;
        while i < b {
            match s[i] {
                b'{' | b'}' if i + 1 < b && s[i + 1] == s[i] => {
                    self.push_span(ty, piece, i + 1, true);
                    i += 2;
                    piece = i;
                }
                b'\\' if !raw => {
                    if s.get(i + 1) == Some(&b'N') && s.get(i + 2) == Some(&b'{') {
                        let close = s[i..b].iter().position(|&c| c == b'}');
                        match close {
                            Some(k) => {
                                i += k + 1;
                                self.push_span(ty, piece, i, true);
                                piece = i;
                            }
                            None => i = b,
                        }
                    } else {
                        i += 2;
                    }
                }
                _ => i += 1,
            }
        }
        if piece < b {
            self.push_span(ty, piece, b, true);
        }
        // After the literal part of a format spec, a `}` closes the field; the
        // frontend's middle already covered the literal text.
    }

    /// The exception for a frontend error, as CPython's iterator raises it.
    fn error(&self, e: &SyntaxError) -> OutErr {
        let line = self.lines.text(e.lineno, e.lineno);
        let text = line.trim_end_matches(['\n', '\r']).to_string();
        let offset = self.lines.char_col(e.lineno, e.col) + 1;
        if e.msg.ends_with("' was never closed") {
            return OutErr {
                kind: ErrorKind::SyntaxError,
                msg: "unexpected EOF in multi-line statement".into(),
                lineno: self.lines.count().max(1),
                offset: 0,
                text: String::new(),
                end: None,
                bare: true,
            };
        }
        if e.msg == "unexpected character after line continuation character" {
            // CPython reports it past the end of the line.
            let width = text.chars().count() as u32;
            return OutErr {
                kind: e.kind,
                msg: e.msg.clone(),
                lineno: e.lineno,
                offset: width + 1,
                text,
                end: None,
                bare: false,
            };
        }
        let no_end = e.kind != ErrorKind::SyntaxError;
        let end = if no_end {
            None
        } else {
            Some((
                e.end_lineno,
                self.lines.char_col(e.end_lineno, e.end_col) + 1,
            ))
        };
        OutErr {
            kind: e.kind,
            msg: e.msg.clone(),
            lineno: e.lineno,
            offset,
            text,
            end,
            bare: false,
        }
    }
}

/// Errors at the end of the source (after every token CPython yields).
fn is_eof_error(msg: &str) -> bool {
    msg.ends_with("' was never closed") || msg == "unexpected EOF while parsing"
}

/// The offset of the line break (or end of source) at or after `p`.
fn line_end(b: &[u8], p: usize) -> usize {
    b[p..]
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(b.len(), |k| p + k)
}

/// The length of the line break at `p` (0 if none).
fn newline_len(b: &[u8], p: usize) -> usize {
    match b.get(p) {
        Some(b'\r') if b.get(p + 1) == Some(&b'\n') => 2,
        Some(b'\r' | b'\n') => 1,
        _ => 0,
    }
}
