//! Assignment, `for`, `with ... as` and `del` targets.
//!
//! Targets are parsed as primaries (or as whole expressions for `=` statements),
//! then checked and switched to `Store`/`Del` context. This accepts exactly the
//! grammar's `star_targets`/`del_targets`: a primary that is not a name, attribute,
//! subscript, or a tuple/list of targets is rejected.

use super::errors::TargetKind;
use super::{Fail, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::TokKind;

/// Sets `ctx` on a target and, through tuples, lists and starred items, on its parts.
pub(super) fn set_ctx(e: &mut Expr, new: ExprContext) {
    match &mut e.node {
        ExprKind::Name { ctx, .. }
        | ExprKind::Attribute { ctx, .. }
        | ExprKind::Subscript { ctx, .. } => *ctx = new,
        ExprKind::Starred { value, ctx } => {
            *ctx = new;
            set_ctx(value, new);
        }
        ExprKind::List { elts, ctx } | ExprKind::Tuple { elts, ctx } => {
            *ctx = new;
            for e in elts {
                set_ctx(e, new);
            }
        }
        _ => {}
    }
}

/// Checks that `e` is a valid target; returns the first offending node.
pub(super) fn check_target(e: &Expr, del: bool) -> Result<(), &Expr> {
    match &e.node {
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        ExprKind::Starred { value, .. } if !del => {
            if matches!(value.node, ExprKind::Starred { .. }) {
                return Err(e);
            }
            check_target(value, del)
        }
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
            for x in elts {
                check_target(x, del)?;
            }
            Ok(())
        }
        _ => Err(e),
    }
}

/// CPython's `_PyPegen_get_invalid_target`: the node to blame in an invalid target.
pub(super) fn invalid_target(e: &Expr, kind: TargetKind) -> Option<&Expr> {
    match &e.node {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
            elts.iter().find_map(|x| invalid_target(x, kind))
        }
        ExprKind::Starred { value, .. } => {
            if kind == TargetKind::Del {
                Some(e)
            } else {
                invalid_target(value, kind)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            if kind == TargetKind::For {
                if ops[0] == CmpOp::In {
                    return invalid_target(left, kind);
                }
                return None;
            }
            Some(e)
        }
        ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

fn starts_target(k: TokKind) -> bool {
    k == TokKind::Star
        || (k != TokKind::Lambda && k != TokKind::Not && k != TokKind::Await && {
            super::expr::starts_expression(k)
                && !matches!(k, TokKind::Minus | TokKind::Plus | TokKind::Tilde)
        })
}

impl<'s> Parser<'s> {
    /// `star_targets`: one target, or a tuple of them when there is a comma.
    pub(super) fn star_targets(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let first = self.star_target()?;
        if !self.at(TokKind::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(TokKind::Comma) {
            if !starts_target(self.kind()) {
                break;
            }
            elts.push(self.star_target()?);
        }
        Ok(self.expr(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Store,
            },
            s,
        ))
    }

    /// `star_target`: `'*' star_target | target_with_star_atom`.
    pub(super) fn star_target(&mut self) -> PResult<Expr> {
        if self.at(TokKind::Star) {
            let s = self.pos;
            self.bump();
            if self.at(TokKind::Star) {
                return Err(Fail::NoMatch);
            }
            self.enter(1)?;
            let inner = self.star_target();
            self.leave(1);
            let inner = inner?;
            return Ok(self.expr(
                ExprKind::Starred {
                    value: Box::new(inner),
                    ctx: ExprContext::Store,
                },
                s,
            ));
        }
        let mut e = self.primary()?;
        if check_target(&e, false).is_err() || matches!(e.node, ExprKind::Starred { .. }) {
            return Err(Fail::NoMatch);
        }
        set_ctx(&mut e, ExprContext::Store);
        Ok(e)
    }

    /// `del_targets`: `','.del_target+ [',']`.
    pub(super) fn del_targets(&mut self) -> PResult<Vec<Expr>> {
        let mut out = Vec::new();
        loop {
            let mut e = self.primary()?;
            if check_target(&e, true).is_err() {
                return Err(Fail::NoMatch);
            }
            set_ctx(&mut e, ExprContext::Del);
            out.push(e);
            if !self.eat(TokKind::Comma) {
                break;
            }
            if !starts_target(self.kind()) || self.at(TokKind::Star) {
                break;
            }
        }
        Ok(out)
    }
}
