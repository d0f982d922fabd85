//! String literals: implicit concatenation, f-strings (`JoinedStr`) and t-strings
//! (`TemplateStr`), following CPython's `_PyPegen_concatenate_strings`,
//! `_PyPegen_joined_str` and `_PyPegen_formatted_value` (Parser/action_helpers.c).
//!
//! Each literal is first turned into a list of parts (constants and replacement
//! fields, with the `=` debug text as its own constant); the concatenation then
//! flattens them, merges runs of adjacent constants (the merged constant spans from
//! the first to the last piece and takes the first piece's `kind`), and drops empty
//! constants when an f-string is involved.

use super::{Fail, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::literal::{decode_fstring_middle, decode_string};
use crate::tokenizer::{TokKind, Token};

/// One literal of an implicit concatenation.
enum Lit {
    /// A plain string or bytes literal, as a `Constant` node.
    Plain(Expr),
    /// An f-string's parts.
    F(Vec<Expr>),
    /// A t-string's parts.
    T(Vec<Expr>),
}

fn is_str_const(e: &Expr) -> bool {
    matches!(
        e.node,
        ExprKind::Constant {
            value: Constant::Str(_),
            ..
        }
    )
}

fn is_empty_str(e: &Expr) -> bool {
    matches!(&e.node, ExprKind::Constant { value: Constant::Str(s), .. } if s.is_empty())
}

/// Merges runs of adjacent str constants; drops empty ones when `drop_empty`.
fn fold(flat: Vec<Expr>, drop_empty: bool) -> Vec<Expr> {
    let mut out: Vec<Expr> = Vec::with_capacity(flat.len());
    let mut iter = flat.into_iter().peekable();
    while let Some(mut e) = iter.next() {
        if is_str_const(&e) {
            if iter.peek().is_some_and(is_str_const) {
                let (mut buf, kind) = match e.node {
                    ExprKind::Constant {
                        value: Constant::Str(s),
                        kind,
                    } => (s, kind),
                    _ => unreachable!("checked by is_str_const"),
                };
                let mut range = e.range;
                while iter.peek().is_some_and(is_str_const) {
                    if let Some(Expr {
                        node:
                            ExprKind::Constant {
                                value: Constant::Str(s),
                                ..
                            },
                        range: r,
                    }) = iter.next()
                    {
                        buf.push_wtf8(&s);
                        range = range.to(r);
                    }
                }
                e = Expr::new(
                    ExprKind::Constant {
                        value: Constant::Str(buf),
                        kind,
                    },
                    range,
                );
            }
            if drop_empty && is_empty_str(&e) {
                continue;
            }
        }
        out.push(e);
    }
    out
}

impl<'s> Parser<'s> {
    /// `strings`: one or more adjacent string, f-string or t-string literals.
    pub(super) fn strings(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let mut lits: Vec<(Lit, Range)> = Vec::new();
        loop {
            let ls = self.pos;
            let lit = match self.kind() {
                TokKind::String => {
                    let t = self.bump();
                    let lit = decode_string(self.text(t), t.lineno, t.col, &mut self.warnings)
                        .map_err(|e| Fail::Error(Box::new(e)))?;
                    Lit::Plain(Expr::new(
                        ExprKind::Constant {
                            value: lit.value,
                            kind: if lit.is_u { Some("u".into()) } else { None },
                        },
                        Self::tok_range(t),
                    ))
                }
                TokKind::FStringStart => Lit::F(self.fstring(false)?),
                TokKind::TStringStart => Lit::T(self.fstring(true)?),
                _ => break,
            };
            lits.push((lit, self.range(ls)));
        }
        let range = self.range(s);
        // t-strings cannot be mixed with anything else.
        let any_t = lits.iter().any(|(l, _)| matches!(l, Lit::T(_)));
        if any_t {
            if let Some(i) = (1..lits.len())
                .find(|&i| matches!(lits[i].0, Lit::T(_)) != matches!(lits[i - 1].0, Lit::T(_)))
            {
                let r = lits[i - 1].1.to(lits[i].1);
                return Err(self.error_at(
                    r,
                    "cannot mix t-string literals with string or bytes literals",
                ));
            }
            let mut flat = Vec::new();
            for (l, _) in lits {
                if let Lit::T(v) = l {
                    flat.extend(v);
                }
            }
            return Ok(Expr::new(
                ExprKind::TemplateStr {
                    values: fold(flat, true),
                },
                range,
            ));
        }
        let mut bytes_found = false;
        let mut other_found = false;
        let mut f_found = false;
        for (l, _) in &lits {
            match l {
                Lit::Plain(Expr {
                    node:
                        ExprKind::Constant {
                            value: Constant::Bytes(_),
                            ..
                        },
                    ..
                }) => bytes_found = true,
                Lit::F(_) => {
                    f_found = true;
                    other_found = true;
                }
                _ => other_found = true,
            }
        }
        if bytes_found && other_found {
            return Err(self.error_last("cannot mix bytes and nonbytes literals"));
        }
        if bytes_found {
            let mut buf = Vec::new();
            for (l, _) in &lits {
                if let Lit::Plain(Expr {
                    node:
                        ExprKind::Constant {
                            value: Constant::Bytes(b),
                            ..
                        },
                    ..
                }) = l
                {
                    buf.extend_from_slice(b);
                }
            }
            return Ok(Expr::new(
                ExprKind::Constant {
                    value: Constant::Bytes(buf),
                    kind: None,
                },
                range,
            ));
        }
        if !f_found && lits.len() == 1 {
            if let Some((Lit::Plain(e), _)) = lits.pop() {
                return Ok(e);
            }
        }
        let mut flat = Vec::new();
        for (l, _) in lits {
            match l {
                Lit::Plain(e) => flat.push(e),
                Lit::F(v) | Lit::T(v) => flat.extend(v),
            }
        }
        let mut values = fold(flat, f_found);
        if !f_found {
            if let Some(mut e) = values.pop() {
                e.range = range;
                return Ok(e);
            }
        }
        Ok(Expr::new(ExprKind::JoinedStr { values }, range))
    }

    /// One f-string or t-string: `START (MIDDLE | replacement_field)* END`. Returns
    /// its parts with empty constants removed.
    fn fstring(&mut self, is_t: bool) -> PResult<Vec<Expr>> {
        let start = self.bump();
        let raw = self.text(start).contains(['r', 'R']);
        let (middle, end) = if is_t {
            (TokKind::TStringMiddle, TokKind::TStringEnd)
        } else {
            (TokKind::FStringMiddle, TokKind::FStringEnd)
        };
        let mut values = Vec::new();
        loop {
            let k = self.kind();
            if k == middle {
                let t = self.bump();
                let c = self.middle_constant(t, raw)?;
                if !is_empty_str(&c) {
                    values.push(c);
                }
            } else if k == TokKind::LBrace {
                self.replacement_field(is_t, false, raw, &mut values)?;
            } else if k == end {
                self.bump();
                break;
            } else {
                return Err(Fail::NoMatch);
            }
        }
        Ok(values)
    }

    fn middle_constant(&mut self, t: Token, raw: bool) -> PResult<Expr> {
        let text = self.text(t);
        let raw = raw || !text.contains('\\');
        let v = decode_fstring_middle(text, raw, t.lineno, t.col, &mut self.warnings)
            .map_err(|e| Fail::Error(Box::new(e)))?;
        Ok(Expr::new(
            ExprKind::Constant {
                value: Constant::Str(v),
                kind: None,
            },
            Self::tok_range(t),
        ))
    }

    /// `'{' annotated_rhs ['='] ['!' NAME] [':' format_spec*] '}'`, appended to
    /// `out` (preceded by the debug text constant for `=`). `in_spec` fields of a
    /// t-string are plain `FormattedValue`s.
    fn replacement_field(
        &mut self,
        is_t: bool,
        in_spec: bool,
        raw: bool,
        out: &mut Vec<Expr>,
    ) -> PResult<()> {
        let s = self.pos;
        let lbrace = self.bump();
        let which = if is_t { "t-string" } else { "f-string" };
        if self.invalid {
            let t = self.tok();
            let c = match t.kind {
                TokKind::Equal => Some('='),
                TokKind::Exclamation => Some('!'),
                TokKind::Colon => Some(':'),
                TokKind::RBrace => Some('}'),
                _ => None,
            };
            if let Some(c) = c {
                return Err(self.error_at(
                    Self::tok_range(t),
                    format!("{which}: valid expression required before '{c}'"),
                ));
            }
        }
        let expr_pos = self.pos;
        let value = match self.annotated_rhs() {
            Ok(v) => v,
            Err(Fail::NoMatch) if self.invalid => {
                self.pos = expr_pos;
                return Err(
                    self.error_next(format!("{which}: expecting a valid expression after '{{'"))
                );
            }
            Err(e) => return Err(e),
        };
        let after_expr = self.tok();
        let debug = if self.at(TokKind::Equal) {
            Some(self.bump())
        } else {
            None
        };
        if self.invalid {
            let k = self.kind();
            if debug.is_none()
                && !matches!(k, TokKind::Exclamation | TokKind::Colon | TokKind::RBrace)
            {
                return Err(
                    self.error_next(format!("{which}: expecting '=', or '!', or ':', or '}}'"))
                );
            }
            if debug.is_some()
                && !matches!(k, TokKind::Exclamation | TokKind::Colon | TokKind::RBrace)
            {
                return Err(self.error_next(format!("{which}: expecting '!', or ':', or '}}'")));
            }
        }
        let after_debug = self.tok();
        let mut conversion = -1;
        let mut has_conversion = false;
        if self.at(TokKind::Exclamation) {
            let bang = self.bump();
            if !self.at(TokKind::Name) {
                if self.invalid {
                    let msg = if matches!(self.kind(), TokKind::Colon | TokKind::RBrace) {
                        format!("{which}: missing conversion character")
                    } else {
                        format!("{which}: invalid conversion character")
                    };
                    return Err(self.error_next(msg));
                }
                return Err(Fail::NoMatch);
            }
            let n = self.bump();
            if n.start != bang.end {
                let r = Self::tok_range(bang).to(Self::tok_range(n));
                return Err(self.error_at(
                    r,
                    format!("{which}: conversion type must come right after the exclamation mark"),
                ));
            }
            let name = self.text(n);
            conversion = match name {
                "s" => 's' as i32,
                "r" => 'r' as i32,
                "a" => 'a' as i32,
                _ => {
                    return Err(self.error_at(
                        Self::tok_range(n),
                        format!(
                            "{which}: invalid conversion character {}: expected 's', 'r', or 'a'",
                            crate::ast::repr::str_repr(&Wtf8Buf::from(name))
                        ),
                    ))
                }
            };
            has_conversion = true;
            if self.invalid && !matches!(self.kind(), TokKind::Colon | TokKind::RBrace) {
                return Err(self.error_next(format!("{which}: expecting ':' or '}}'")));
            }
        }
        let format_spec = if self.at(TokKind::Colon) {
            Some(Box::new(self.format_spec(is_t, raw)?))
        } else {
            None
        };
        if !self.at(TokKind::RBrace) {
            if self.invalid {
                let msg = if format_spec.is_some() {
                    format!("{which}: expecting '}}', or format specs")
                } else {
                    format!("{which}: expecting '}}'")
                };
                return Err(self.error_next(msg));
            }
            return Err(Fail::NoMatch);
        }
        self.bump();
        if debug.is_some() && !has_conversion && format_spec.is_none() {
            conversion = 'r' as i32;
        }
        let range = self.range(s);
        if debug.is_some() {
            let v =
                Wtf8Buf::from(self.source_without_comments(s + 1, lbrace.end, after_debug.start));
            out.push(Expr::new(
                ExprKind::Constant {
                    value: Constant::Str(v),
                    kind: None,
                },
                Range::new(
                    range.lineno,
                    range.col_offset + 1,
                    after_debug.lineno,
                    after_debug.col,
                ),
            ));
        }
        let node = if is_t && !in_spec {
            let text = self.source_without_comments(s + 1, lbrace.end, after_expr.start);
            ExprKind::Interpolation {
                value: Box::new(value),
                str: Constant::str(&text),
                conversion,
                format_spec,
            }
        } else {
            ExprKind::FormattedValue {
                value: Box::new(value),
                conversion,
                format_spec,
            }
        };
        out.push(Expr::new(node, range));
        Ok(())
    }

    /// `':' (MIDDLE | replacement_field)*` as a `JoinedStr` spanning from the colon.
    fn format_spec(&mut self, is_t: bool, raw: bool) -> PResult<Expr> {
        let s = self.pos;
        self.bump(); // ':'
        let middle = if is_t {
            TokKind::TStringMiddle
        } else {
            TokKind::FStringMiddle
        };
        let mut items = Vec::new();
        loop {
            let k = self.kind();
            if k == middle {
                let t = self.bump();
                items.push(self.middle_constant(t, raw)?);
            } else if k == TokKind::LBrace {
                self.enter(2)?;
                let r = self.replacement_field(is_t, true, raw, &mut items);
                self.leave(2);
                r?;
            } else {
                break;
            }
        }
        let range = self.range(s);
        items.retain(|e| !is_empty_str(e));
        let values = if items.len() <= 1 {
            items
        } else {
            fold(items, true)
        };
        Ok(Expr::new(ExprKind::JoinedStr { values }, range))
    }

    /// The source text between byte offsets `from` and `to` with comments removed
    /// (the expression text of `{x=}` and of t-string interpolations). Comments
    /// can only sit in the gaps between tokens, starting at token index `first`.
    fn source_without_comments(&self, first: usize, from: u32, to: u32) -> String {
        let text = &self.src[from as usize..to as usize];
        if !text.contains('#') {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut pos = from as usize;
        let mut i = first;
        while pos < to as usize {
            // Copy the gap before the next token, minus any comment.
            let next = self
                .toks
                .get(i)
                .map(|t| (t.start as usize).min(to as usize))
                .unwrap_or(to as usize);
            let gap = &self.src[pos.min(next)..next];
            match gap.find('#') {
                Some(h) => {
                    out.push_str(&gap[..h]);
                    if let Some(nl) = gap[h..].find(['\n', '\r']) {
                        out.push_str(&gap[h + nl..]);
                    }
                }
                None => out.push_str(gap),
            }
            if next >= to as usize {
                break;
            }
            let t = self.toks[i];
            out.push_str(&self.src[t.start as usize..(t.end as usize).min(to as usize)]);
            pos = t.end as usize;
            i += 1;
        }
        out
    }

    /// CPython's `RAISE_SYNTAX_ERROR_ON_NEXT_TOKEN`.
    pub(super) fn error_next(&self, msg: String) -> Fail {
        let t = self.tok();
        self.error_at(Self::tok_range(t), msg)
    }
}
