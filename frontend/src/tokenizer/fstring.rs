//! The f-string / t-string literal mode (PEP 701, PEP 750): CPython's
//! `tok_get_fstring_mode`.
//!
//! While the top of the mode stack is not in its expression part, the lexer reads
//! literal text here and emits FSTRING_MIDDLE (or TSTRING_MIDDLE) and, at the closing
//! quotes, FSTRING_END. A `{` that opens a replacement field hands control back to
//! the normal mode (which emits the `{` and the expression's tokens); the normal
//! mode hands it back here after the field's `:` (format spec) or closing `}`.
//!
//! Deliberate difference from CPython: one middle token covers all consecutive
//! literal text, doubled braces (`{{`, `}}`) and `\N{...}` escapes included, where
//! CPython splits the text after them. The literal decoder undoes the doubling.
//! Empty middle tokens are never emitted.

use super::lexer::{LexResult, Lexer, Step, EOF, MAX_EXPR_NESTING};
use super::token::TokKind;
use crate::error::SyntaxError;

impl Lexer<'_> {
    /// Pushes the next token of an f-string's literal part.
    pub(super) fn fstring_mode(&mut self) -> LexResult {
        let Some(&m) = self.modes.last() else {
            return self.normal_mode();
        };
        let middle = if m.is_t {
            TokKind::TStringMiddle
        } else {
            TokKind::FStringMiddle
        };
        self.mark_start_here();

        // A replacement field right at the start: nothing literal to read first.
        let c = self.nextc();
        if c == b'{' as i32 {
            let peek = self.nextc();
            self.backup(peek);
            self.backup(c);
            if peek != b'{' as i32 {
                return self.enter_expression();
            }
        } else {
            self.backup(c);
        }

        // The closing quote(s)?
        let mut at_end = true;
        for _ in 0..m.quote_size {
            let q = self.nextc();
            if q != m.quote as i32 {
                self.backup(q);
                at_end = false;
                break;
            }
        }
        if at_end {
            self.modes.pop();
            self.push(if m.is_t {
                TokKind::TStringEnd
            } else {
                TokKind::FStringEnd
            });
            return Ok(Step::More);
        }

        let mut end_quote_size = 0;
        let mut unicode_escape = false;
        while end_quote_size != m.quote_size {
            let c = self.nextc();
            let top = self.modes[self.modes.len() - 1];
            let in_format_spec = top.in_format_spec && top.expr_start_depth >= 0;
            if c == EOF || (m.quote_size == 1 && c == b'\n' as i32) {
                if in_format_spec && c == b'\n' as i32 {
                    // CPython ends the format spec here and its parser then rejects
                    // the FSTRING_MIDDLE; no valid program has one.
                    self.backup(c);
                    let col = (self.cur - self.line_start) as u32;
                    let letter = m.letter();
                    return Err(self.error_at(
                        format!(
                            "{letter}-string: newlines are not allowed in format specifiers \
                             for single quoted {letter}-strings"
                        ),
                        self.lineno,
                        col,
                    ));
                }
                return Err(self.unterminated_fstring(&m));
            }
            if c == m.quote as i32 {
                end_quote_size += 1;
                continue;
            }
            end_quote_size = 0;
            match c as u8 {
                b'{' => {
                    let peek = self.nextc();
                    if peek != b'{' as i32 || in_format_spec {
                        self.backup(peek);
                        self.backup(c);
                        self.push_middle(middle);
                        return self.enter_expression_after_middle();
                    }
                    // `{{`: literal text, kept whole in this token.
                }
                b'}' => {
                    if unicode_escape {
                        unicode_escape = false;
                        continue;
                    }
                    let peek = self.nextc();
                    if peek == b'}' as i32 && !in_format_spec && top.curly_depth == 0 {
                        continue;
                    }
                    self.backup(peek);
                    self.backup(c);
                    self.set_regular();
                    self.push_middle(middle);
                    return Ok(Step::More);
                }
                b'\\' => {
                    let peek = self.nextc();
                    if peek == b'{' as i32 || peek == b'}' as i32 {
                        if !m.raw {
                            // CPython reports it at the brace (its cursor).
                            let col = self.col_before(self.cur);
                            let msg = format!(
                                "\"\\{}\" is an invalid escape sequence. Such sequences will not \
                                 work in the future. Did you mean \"\\\\{}\"? A raw string is \
                                 also an option.",
                                peek as u8 as char, peek as u8 as char
                            );
                            let lineno = self.lineno;
                            self.warn(msg, lineno, col);
                        }
                        self.backup(peek);
                        continue;
                    }
                    if !m.raw && peek == b'N' as i32 {
                        let p2 = self.nextc();
                        if p2 == b'{' as i32 {
                            unicode_escape = true;
                        } else {
                            self.backup(p2);
                        }
                    }
                }
                _ => {}
            }
        }
        // Leave the closing quotes for the FSTRING_END token.
        for _ in 0..m.quote_size {
            self.backup(m.quote as i32);
        }
        self.push_middle(middle);
        Ok(Step::More)
    }

    fn mark_start_here(&mut self) {
        self.tok_start = self.cur;
        self.tok_lineno = self.lineno;
        self.tok_line_start = self.line_start;
    }

    fn push_middle(&mut self, kind: TokKind) {
        if self.cur > self.tok_start {
            self.push(kind);
        }
    }

    fn set_regular(&mut self) {
        if let Some(top) = self.modes.last_mut() {
            top.regular = true;
            top.in_format_spec = false;
        }
    }

    /// A `{` opening a replacement field is next: switch to the expression mode
    /// and let the normal mode read the `{`.
    fn enter_expression(&mut self) -> LexResult {
        self.open_field()?;
        self.normal_mode()
    }

    /// Like [`Self::enter_expression`], after a middle token was pushed: the `{`
    /// becomes the next step's token.
    fn enter_expression_after_middle(&mut self) -> LexResult {
        self.open_field()?;
        Ok(Step::More)
    }

    fn open_field(&mut self) -> Result<(), SyntaxError> {
        let depth = {
            let top = self.modes.len() - 1;
            let m = &mut self.modes[top];
            m.expr_start_depth += 1;
            m.regular = true;
            m.in_format_spec = false;
            m.expr_start_depth
        };
        if depth >= MAX_EXPR_NESTING {
            let letter = self.modes[self.modes.len() - 1].letter();
            return Err(self.error_here(format!("{letter}-string: expressions nested too deeply")));
        }
        Ok(())
    }

    fn unterminated_fstring(&self, m: &super::lexer::FMode) -> SyntaxError {
        let detected = self.lineno_at_eof();
        let col = (m.start - m.start_line_start) as u32;
        let letter = m.letter();
        let msg = if m.quote_size == 3 {
            format!(
                "unterminated triple-quoted {letter}-string literal (detected at line {detected})"
            )
        } else {
            format!("unterminated {letter}-string literal (detected at line {detected})")
        };
        self.error_at(msg, m.start_lineno, col)
    }
}
