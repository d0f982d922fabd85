//! Parameter lists of `def` and `lambda`, and PEP 695 type parameter lists.
//!
//! One loop handles both parameter grammars (lambda parameters have no
//! annotations and end at `:` instead of `)`). Ordering mistakes raise CPython's
//! messages from `invalid_parameters`/`invalid_star_etc`/`invalid_kwds` directly:
//! they only match text that the valid rules reject.

use super::{Fail, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::TokKind;

impl<'s> Parser<'s> {
    /// Parameters up to (not including) `)` or, for a lambda, `:`.
    pub(super) fn parameters(&mut self, lambda: bool) -> PResult<Arguments> {
        let close = if lambda {
            TokKind::Colon
        } else {
            TokKind::RPar
        };
        let mut a = Arguments::default();
        let mut seen_slash = false;
        let mut star: Option<crate::tokenizer::Token> = None;
        let mut bare_star = false;
        let mut seen_default = false;
        let mut kwarg_seen = false;
        loop {
            let k = self.kind();
            if k == close {
                break;
            }
            if kwarg_seen {
                if matches!(
                    k,
                    TokKind::Name | TokKind::Star | TokKind::DoubleStar | TokKind::Slash
                ) {
                    let t = self.tok();
                    return Err(self.error_at(
                        Self::tok_range(t),
                        "arguments cannot follow var-keyword argument",
                    ));
                }
                return Err(Fail::NoMatch);
            }
            match k {
                TokKind::Slash => {
                    if !seen_slash && star.is_none() && a.args.is_empty() {
                        // invalid_parameters: `a="/" ','`.
                        if self.invalid && self.kind_at(1) == TokKind::Comma {
                            let t = self.tok();
                            return Err(self.error_at(
                                Self::tok_range(t),
                                "at least one argument must precede /",
                            ));
                        }
                        return Err(Fail::NoMatch);
                    }
                    let t = self.bump();
                    let r = Self::tok_range(t);
                    if seen_slash {
                        return Err(self.error_at(r, "/ may appear only once"));
                    }
                    if star.is_some() {
                        return Err(self.error_at(r, "/ must be ahead of *"));
                    }
                    if self.at(TokKind::Star) {
                        let t = self.tok();
                        return Err(
                            self.error_at(Self::tok_range(t), "expected comma between / and *")
                        );
                    }
                    a.posonlyargs = std::mem::take(&mut a.args);
                    seen_slash = true;
                }
                TokKind::Star => {
                    let t = self.bump();
                    if star.is_some() {
                        return Err(
                            self.error_at(Self::tok_range(t), "* argument may appear only once")
                        );
                    }
                    star = Some(t);
                    if self.at(TokKind::Comma) || self.at(close) {
                        bare_star = true;
                        let next = self.kind_at(1);
                        if self.at(close) || next == close || next == TokKind::DoubleStar {
                            return Err(self.bare_star_error(t, lambda));
                        }
                    } else if self.at(TokKind::Name) {
                        let arg = self.param(lambda, !lambda)?;
                        if self.at(TokKind::Equal) {
                            let e = self.tok();
                            return Err(self.error_at(
                                Self::tok_range(e),
                                "var-positional argument cannot have default value",
                            ));
                        }
                        a.vararg = Some(Box::new(arg));
                    } else {
                        return Err(Fail::NoMatch);
                    }
                }
                TokKind::DoubleStar => {
                    self.bump();
                    let arg = self.param(lambda, false)?;
                    if self.at(TokKind::Equal) {
                        let e = self.tok();
                        return Err(self.error_at(
                            Self::tok_range(e),
                            "var-keyword argument cannot have default value",
                        ));
                    }
                    a.kwarg = Some(Box::new(arg));
                    kwarg_seen = true;
                }
                TokKind::Name => {
                    let arg = self.param(lambda, false)?;
                    let default = if self.at(TokKind::Equal) {
                        let eq = self.bump();
                        if matches!(self.kind(), TokKind::Comma) || self.at(close) {
                            return Err(self.error_at(
                                Self::tok_range(eq),
                                "expected default value expression",
                            ));
                        }
                        Some(self.expression()?)
                    } else {
                        None
                    };
                    if star.is_some() {
                        a.kwonlyargs.push(arg);
                        a.kw_defaults.push(default);
                    } else {
                        match default {
                            Some(d) => {
                                a.defaults.push(d);
                                seen_default = true;
                            }
                            None if seen_default => {
                                return Err(self.error_at(
                                    arg.range,
                                    "parameter without a default follows parameter with a default",
                                ));
                            }
                            None => {}
                        }
                        a.args.push(arg);
                    }
                }
                TokKind::LPar if self.invalid => {
                    let open = self.tok();
                    let mut i = 1;
                    while matches!(self.kind_at(i), TokKind::Name | TokKind::Comma) {
                        i += 1;
                    }
                    if self.kind_at(i) == TokKind::RPar {
                        let close_t = self.tok_at(self.pos + i);
                        let msg = if lambda {
                            "Lambda expression parameters cannot be parenthesized"
                        } else {
                            "Function parameters cannot be parenthesized"
                        };
                        return Err(
                            self.error_at(Self::tok_range(open).to(Self::tok_range(close_t)), msg)
                        );
                    }
                    return Err(Fail::NoMatch);
                }
                _ => return Err(Fail::NoMatch),
            }
            if !self.eat(TokKind::Comma) {
                break;
            }
        }
        if bare_star && a.kwonlyargs.is_empty() {
            if let Some(t) = star {
                return Err(self.bare_star_error(t, lambda));
            }
        }
        Ok(a)
    }

    fn bare_star_error(&self, star: crate::tokenizer::Token, lambda: bool) -> Fail {
        if lambda {
            // RAISE_SYNTAX_ERROR: at the last token the rule looked at.
            let t = if self.toks[self.pos].kind == TokKind::Colon {
                self.tok()
            } else {
                self.tok_at(self.pos + 1)
            };
            self.error_at(Self::tok_range(t), "named arguments must follow bare *")
        } else {
            self.error_at(Self::tok_range(star), "named arguments must follow bare *")
        }
    }

    /// One parameter: `NAME [':' expression]` (annotations only outside lambdas;
    /// `star_annotation` allows `*Ts` after `*args:`).
    fn param(&mut self, lambda: bool, star_annotation: bool) -> PResult<Arg> {
        let s = self.pos;
        let name = self.expect(TokKind::Name)?;
        let annotation = if !lambda && self.eat(TokKind::Colon) {
            Some(Box::new(if star_annotation {
                self.star_expression()?
            } else {
                self.expression()?
            }))
        } else {
            None
        };
        Ok(Arg {
            arg: self.ident(name),
            annotation,
            type_comment: None,
            range: self.range(s),
        })
    }

    /// `type_params`: `'[' ','.type_param+ [','] ']'`.
    pub(super) fn type_params(&mut self) -> PResult<Vec<TypeParam>> {
        self.bump(); // [
        if self.at(TokKind::RSqb) {
            if self.invalid {
                let t = self.tok();
                return Err(
                    self.error_at(Self::tok_range(t), "Type parameter list cannot be empty")
                );
            }
            return Err(Fail::NoMatch);
        }
        let mut out = Vec::new();
        loop {
            out.push(self.type_param()?);
            if !self.eat(TokKind::Comma) {
                break;
            }
            if self.at(TokKind::RSqb) {
                break;
            }
        }
        self.expect(TokKind::RSqb)?;
        Ok(out)
    }

    fn type_param(&mut self) -> PResult<TypeParam> {
        let s = self.pos;
        let node = match self.kind() {
            TokKind::Name => {
                let n = self.bump();
                let bound = if self.eat(TokKind::Colon) {
                    Some(Box::new(self.expression()?))
                } else {
                    None
                };
                let default_value = if self.eat(TokKind::Equal) {
                    Some(Box::new(self.expression()?))
                } else {
                    None
                };
                TypeParamKind::TypeVar {
                    name: self.ident(n),
                    bound,
                    default_value,
                }
            }
            TokKind::Star | TokKind::DoubleStar => {
                let is_spec = self.bump().kind == TokKind::DoubleStar;
                let n = self.expect(TokKind::Name)?;
                if self.at(TokKind::Colon) {
                    if self.invalid {
                        let colon = self.bump();
                        let e = self.expression()?;
                        let what = if is_spec { "ParamSpec" } else { "TypeVarTuple" };
                        let msg = if matches!(e.node, ExprKind::Tuple { .. }) {
                            format!("cannot use constraints with {what}")
                        } else {
                            format!("cannot use bound with {what}")
                        };
                        return Err(self.error_at(Self::tok_range(colon), msg));
                    }
                    return Err(Fail::NoMatch);
                }
                let default_value = if self.eat(TokKind::Equal) {
                    Some(Box::new(if is_spec {
                        self.expression()?
                    } else {
                        self.star_expression()?
                    }))
                } else {
                    None
                };
                let name = self.ident(n);
                if is_spec {
                    TypeParamKind::ParamSpec {
                        name,
                        default_value,
                    }
                } else {
                    TypeParamKind::TypeVarTuple {
                        name,
                        default_value,
                    }
                }
            }
            _ => return Err(Fail::NoMatch),
        };
        Ok(TypeParam {
            node,
            range: self.range(s),
        })
    }
}
