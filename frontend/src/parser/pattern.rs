//! `match` statement patterns (PEP 634): literal, capture, wildcard, value,
//! group, sequence, mapping, class, star, `as` and `|` patterns.

use super::{Fail, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::TokKind;

impl<'s> Parser<'s> {
    fn pat(&self, node: PatternKind, start: usize) -> Pattern {
        Pattern {
            node,
            range: self.range(start),
        }
    }

    /// `patterns`: an open sequence (`a, b`) or a single pattern.
    pub(super) fn patterns(&mut self) -> PResult<Pattern> {
        let s = self.pos;
        let first = self.maybe_star_pattern()?;
        if !self.at(TokKind::Comma) {
            if matches!(first.node, PatternKind::MatchStar { .. }) {
                return Err(Fail::NoMatch);
            }
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat(TokKind::Comma) {
            if matches!(self.kind(), TokKind::Colon | TokKind::If) {
                break;
            }
            patterns.push(self.maybe_star_pattern()?);
        }
        Ok(self.pat(PatternKind::MatchSequence { patterns }, s))
    }

    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if self.at(TokKind::Star) {
            let s = self.pos;
            self.bump();
            let n = self.expect(TokKind::Name)?;
            let text = self.text(n);
            let name = if text == "_" {
                None
            } else {
                Some(crate::tokenizer::normalize_identifier(text).into())
            };
            return Ok(self.pat(PatternKind::MatchStar { name }, s));
        }
        self.pattern()
    }

    /// `pattern`: `or_pattern ['as' NAME]`.
    fn pattern(&mut self) -> PResult<Pattern> {
        self.enter(2)?;
        let r = self.pattern_inner();
        self.leave(2);
        r
    }

    fn pattern_inner(&mut self) -> PResult<Pattern> {
        let s = self.pos;
        let p = self.or_pattern()?;
        if !self.at(TokKind::As) {
            return Ok(p);
        }
        self.bump();
        if self.kind() == TokKind::Name
            && !matches!(
                self.kind_at(1),
                TokKind::Dot | TokKind::LPar | TokKind::Equal
            )
        {
            let n = self.tok();
            if self.text(n) == "_" {
                if self.invalid {
                    return Err(self.error_at(Self::tok_range(n), "cannot use '_' as a target"));
                }
                return Err(Fail::NoMatch);
            }
            self.bump();
            return Ok(self.pat(
                PatternKind::MatchAs {
                    pattern: Some(Box::new(p)),
                    name: Some(self.ident(n)),
                },
                s,
            ));
        }
        if self.invalid {
            if let Ok(e) = self.expression() {
                let what = super::errors::expr_name(&e);
                return Err(self.error_at(e.range, format!("cannot use {what} as pattern target")));
            }
        }
        Err(Fail::NoMatch)
    }

    fn or_pattern(&mut self) -> PResult<Pattern> {
        let s = self.pos;
        let first = self.closed_pattern()?;
        if !self.at(TokKind::VBar) {
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat(TokKind::VBar) {
            patterns.push(self.closed_pattern()?);
        }
        Ok(self.pat(PatternKind::MatchOr { patterns }, s))
    }

    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let s = self.pos;
        match self.kind() {
            TokKind::Number | TokKind::Minus => {
                let value = self.signed_or_complex()?;
                Ok(self.pat(
                    PatternKind::MatchValue {
                        value: Box::new(value),
                    },
                    s,
                ))
            }
            TokKind::String | TokKind::FStringStart | TokKind::TStringStart => {
                let value = self.strings()?;
                Ok(self.pat(
                    PatternKind::MatchValue {
                        value: Box::new(value),
                    },
                    s,
                ))
            }
            TokKind::None | TokKind::True | TokKind::False => {
                let value = match self.bump().kind {
                    TokKind::None => Constant::None,
                    TokKind::True => Constant::True,
                    _ => Constant::False,
                };
                Ok(self.pat(PatternKind::MatchSingleton { value }, s))
            }
            TokKind::Name => {
                let n = self.tok();
                if self.kind_at(1) != TokKind::Dot && self.kind_at(1) != TokKind::LPar {
                    self.bump();
                    let text = self.text(n);
                    let name = if text == "_" {
                        None
                    } else {
                        Some(crate::tokenizer::normalize_identifier(text).into())
                    };
                    return Ok(self.pat(
                        PatternKind::MatchAs {
                            pattern: None,
                            name,
                        },
                        s,
                    ));
                }
                let cls = self.name_or_attr()?;
                if self.at(TokKind::LPar) {
                    return self.class_pattern(s, cls);
                }
                Ok(self.pat(
                    PatternKind::MatchValue {
                        value: Box::new(cls),
                    },
                    s,
                ))
            }
            TokKind::LPar => {
                self.bump();
                if self.eat(TokKind::RPar) {
                    return Ok(self.pat(
                        PatternKind::MatchSequence {
                            patterns: Vec::new(),
                        },
                        s,
                    ));
                }
                let first = self.maybe_star_pattern()?;
                if self.at(TokKind::RPar) {
                    if matches!(first.node, PatternKind::MatchStar { .. }) {
                        return Err(Fail::NoMatch);
                    }
                    self.bump();
                    return Ok(first);
                }
                self.expect(TokKind::Comma)?;
                let mut patterns = vec![first];
                while !self.at(TokKind::RPar) {
                    patterns.push(self.maybe_star_pattern()?);
                    if !self.eat(TokKind::Comma) {
                        break;
                    }
                }
                self.expect(TokKind::RPar)?;
                Ok(self.pat(PatternKind::MatchSequence { patterns }, s))
            }
            TokKind::LSqb => {
                self.bump();
                let mut patterns = Vec::new();
                while !self.at(TokKind::RSqb) {
                    patterns.push(self.maybe_star_pattern()?);
                    if !self.eat(TokKind::Comma) {
                        break;
                    }
                }
                self.expect(TokKind::RSqb)?;
                Ok(self.pat(PatternKind::MatchSequence { patterns }, s))
            }
            TokKind::LBrace => self.mapping_pattern(),
            _ => Err(Fail::NoMatch),
        }
    }

    /// `signed_number !('+' | '-')` or `complex_number`.
    fn signed_or_complex(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let real = self.signed_number()?;
        if !matches!(self.kind(), TokKind::Plus | TokKind::Minus) {
            return Ok(real);
        }
        // complex_number: the left part must be real, the right imaginary.
        if is_imaginary(&real) {
            return Err(self.error_at(real.range, "real number required in complex literal"));
        }
        let op = if self.bump().kind == TokKind::Plus {
            Operator::Add
        } else {
            Operator::Sub
        };
        let t = self.expect(TokKind::Number)?;
        let v = self.number(t)?;
        let imag = Expr::new(
            ExprKind::Constant {
                value: v,
                kind: None,
            },
            Self::tok_range(t),
        );
        if !is_imaginary(&imag) {
            return Err(self.error_at(imag.range, "imaginary number required in complex literal"));
        }
        Ok(self.expr(
            ExprKind::BinOp {
                left: Box::new(real),
                op,
                right: Box::new(imag),
            },
            s,
        ))
    }

    fn signed_number(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let neg = self.eat(TokKind::Minus);
        let t = self.expect(TokKind::Number)?;
        let v = self.number(t)?;
        let c = Expr::new(
            ExprKind::Constant {
                value: v,
                kind: None,
            },
            Self::tok_range(t),
        );
        if !neg {
            return Ok(c);
        }
        Ok(self.expr(
            ExprKind::UnaryOp {
                op: UnaryOp::USub,
                operand: Box::new(c),
            },
            s,
        ))
    }

    /// `name_or_attr`: `NAME ('.' NAME)*` as a Name or Attribute chain.
    fn name_or_attr(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let n = self.expect(TokKind::Name)?;
        let mut e = self.name_expr(n, ExprContext::Load);
        while self.eat(TokKind::Dot) {
            let a = self.expect(TokKind::Name)?;
            e = self.expr(
                ExprKind::Attribute {
                    value: Box::new(e),
                    attr: self.ident(a),
                    ctx: ExprContext::Load,
                },
                s,
            );
        }
        Ok(e)
    }

    fn class_pattern(&mut self, s: usize, cls: Expr) -> PResult<Pattern> {
        self.bump(); // (
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns: Vec<Pattern> = Vec::new();
        let mut first_positional_after_kw: Option<Range> = None;
        let mut last_positional_after_kw: Option<Range> = None;
        while !self.at(TokKind::RPar) {
            if self.kind() == TokKind::Name && self.kind_at(1) == TokKind::Equal {
                let n = self.bump();
                self.bump();
                kwd_attrs.push(self.ident(n));
                kwd_patterns.push(self.pattern()?);
            } else {
                let p = self.pattern()?;
                if !kwd_patterns.is_empty() {
                    if first_positional_after_kw.is_none() {
                        first_positional_after_kw = Some(p.range);
                    }
                    last_positional_after_kw = Some(p.range);
                } else {
                    patterns.push(p);
                }
            }
            if !self.eat(TokKind::Comma) {
                break;
            }
        }
        if let (Some(a), Some(b)) = (first_positional_after_kw, last_positional_after_kw) {
            if self.invalid {
                return Err(self.error_at(a.to(b), "positional patterns follow keyword patterns"));
            }
            return Err(Fail::NoMatch);
        }
        self.expect(TokKind::RPar)?;
        Ok(self.pat(
            PatternKind::MatchClass {
                cls: Box::new(cls),
                patterns,
                kwd_attrs,
                kwd_patterns,
            },
            s,
        ))
    }

    fn mapping_pattern(&mut self) -> PResult<Pattern> {
        let s = self.pos;
        self.bump(); // {
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest: Option<Ident> = None;
        while !self.at(TokKind::RBrace) {
            if self.at(TokKind::DoubleStar) {
                if rest.is_some() {
                    return Err(Fail::NoMatch);
                }
                self.bump();
                if !self.at(TokKind::Name) || self.text(self.tok()) == "_" {
                    return Err(Fail::NoMatch);
                }
                let n = self.bump();
                rest = Some(self.ident(n));
            } else {
                if rest.is_some() {
                    return Err(Fail::NoMatch);
                }
                let key = self.mapping_key()?;
                self.expect(TokKind::Colon)?;
                keys.push(key);
                patterns.push(self.pattern()?);
            }
            if !self.eat(TokKind::Comma) {
                break;
            }
        }
        self.expect(TokKind::RBrace)?;
        Ok(self.pat(
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            },
            s,
        ))
    }

    /// `literal_expr | attr`.
    fn mapping_key(&mut self) -> PResult<Expr> {
        let t = self.tok();
        match self.kind() {
            TokKind::Number | TokKind::Minus => self.signed_or_complex(),
            TokKind::String | TokKind::FStringStart | TokKind::TStringStart => self.strings(),
            TokKind::None | TokKind::True | TokKind::False => {
                self.bump();
                let value = match t.kind {
                    TokKind::None => Constant::None,
                    TokKind::True => Constant::True,
                    _ => Constant::False,
                };
                Ok(Expr::new(
                    ExprKind::Constant { value, kind: None },
                    Self::tok_range(t),
                ))
            }
            TokKind::Name if self.kind_at(1) == TokKind::Dot => self.name_or_attr(),
            _ => Err(Fail::NoMatch),
        }
    }
}

fn is_imaginary(e: &Expr) -> bool {
    let e = match &e.node {
        ExprKind::UnaryOp { operand, .. } => operand,
        _ => e,
    };
    matches!(
        e.node,
        ExprKind::Constant {
            value: Constant::Complex { .. },
            ..
        }
    )
}
