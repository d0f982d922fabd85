//! The `invalid_*` rules of CPython's grammar: checks that run only in the second
//! pass (after the first pass failed) to turn a generic "invalid syntax" into a
//! specific message, plus the helpers that name expressions in messages.
//!
//! Each check either returns `Ok(())` (the invalid rule did not match; parsing
//! goes on unchanged, with the position restored) or raises the error.

use super::{Fail, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::TokKind;

/// Which kind of target an invalid-target message is about.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TargetKind {
    Star,
    Del,
    For,
}

/// CPython's `_PyPegen_get_expr_name`.
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match &e.node {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::TemplateStr { .. } | ExprKind::Interpolation { .. } => "t-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::True => "True",
            Constant::False => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// Legacy statements that get "Missing parentheses in call to ...".
fn is_legacy_name(s: &str) -> bool {
    s == "print" || s == "exec"
}

impl<'s> Parser<'s> {
    /// Runs `f` speculatively: the position is restored afterwards, `NoMatch` is
    /// turned into `Ok(None)`, raised errors propagate.
    fn probe<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<Option<T>> {
        let save = self.pos;
        let r = f(self);
        self.pos = save;
        match r {
            Ok(v) => Ok(Some(v)),
            Err(Fail::NoMatch) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Paren nesting level just after token index `i` (CPython's `tok->level`).
    fn level_at(&self, i: usize) -> i32 {
        let mut level = 0i32;
        for t in &self.toks[..=i.min(self.toks.len() - 1)] {
            match t.kind {
                TokKind::LPar | TokKind::LSqb | TokKind::LBrace => level += 1,
                TokKind::RPar | TokKind::RSqb | TokKind::RBrace => level -= 1,
                _ => {}
            }
        }
        level
    }

    /// `invalid_expression` (the parts that do not need a statement context).
    pub(super) fn invalid_expression(&mut self) -> PResult<()> {
        let k = self.kind();
        if matches!(k, TokKind::Pass | TokKind::Break | TokKind::Continue)
            && self.kind_at(1) == TokKind::If
        {
            let stmt = self.tok();
            self.invalid = false;
            let r = self.probe(|p| {
                p.bump();
                p.bump();
                p.disjunction()?;
                p.expect(TokKind::Else)?;
                Ok(())
            });
            self.invalid = true;
            if r?.is_some() {
                return Err(self.error_at(
                    Self::tok_range(stmt),
                    "expected expression before 'if', but statement is given",
                ));
            }
        }
        if k == TokKind::String && self.kind_at(1) != TokKind::String {
            self.invalid = false;
            let r = self.probe(|p| {
                p.bump();
                let mut first = None;
                let mut last = None;
                while !p.at(TokKind::String) {
                    let e = p.expression()?;
                    first.get_or_insert(e.range);
                    last = Some(e.range);
                }
                match (first, last) {
                    (Some(a), Some(b)) => Ok(a.to(b)),
                    _ => Err(Fail::NoMatch),
                }
            });
            self.invalid = true;
            if let Some(r) = r? {
                return Err(self.error_at(
                    r,
                    "invalid syntax. Is this intended to be part of the string?",
                ));
            }
        }
        if !super::expr::starts_expression(k) || k == TokKind::Lambda {
            return Ok(());
        }
        // !(NAME STRING | SOFT_KEYWORD) a=disjunction b=expression_without_invalid
        let k1 = self.kind_at(1);
        let is_soft =
            k == TokKind::Name && matches!(self.text(self.tok()), "match" | "case" | "type" | "_");
        let name_string = k == TokKind::Name
            && matches!(
                k1,
                TokKind::String | TokKind::FStringStart | TokKind::TStringStart
            );
        if !is_soft && !name_string && self.memo.insert((self.pos, 0)) {
            let save = self.pos;
            let r = self.probe(|p| {
                let a = p.disjunction()?;
                if !super::expr::starts_expression(p.kind()) {
                    return Err(Fail::NoMatch);
                }
                // expression_without_invalid
                p.invalid = false;
                let b = p.expression();
                p.invalid = true;
                Ok((a, b?, p.pos))
            });
            self.pos = save;
            if let Some((a, b, end)) = r? {
                let legacy = matches!(&a.node, ExprKind::Name { id, .. } if is_legacy_name(id));
                if !legacy && self.level_at(end - 1) > 0 {
                    return Err(self.error_at(
                        a.range.to(b.range),
                        "invalid syntax. Perhaps you forgot a comma?",
                    ));
                }
            }
        }
        // a=disjunction 'if' b=disjunction !('else'|':')
        let save = self.pos;
        self.invalid = false;
        let r = self.probe(|p| {
            let a = p.disjunction()?;
            if !p.eat(TokKind::If) {
                return Err(Fail::NoMatch);
            }
            let b = p.disjunction()?;
            let next = p.kind();
            let else_pos = p.pos;
            Ok((a, b, next, else_pos))
        });
        self.invalid = true;
        self.pos = save;
        if let Some((a, b, next, else_pos)) = r? {
            if next != TokKind::Else && next != TokKind::Colon {
                return Err(
                    self.error_at(a.range.to(b.range), "expected 'else' after 'if' expression")
                );
            }
            if next == TokKind::Else {
                let k = self.toks[(else_pos + 1).min(self.toks.len() - 1)].kind;
                if !super::expr::starts_expression(k) {
                    let t = self.tok_at(else_pos + 1);
                    return Err(self.error_at(
                        Self::tok_range(t),
                        "expected expression after 'else', but statement is given",
                    ));
                }
            }
        }
        // invalid_legacy_expression: `NAME !'(' star_expressions`, parsed with the
        // invalid rules still active (so errors inside it surface here).
        if k == TokKind::Name
            && k1 != TokKind::LPar
            && (k1 == TokKind::Star || super::expr::starts_expression(k1))
            && self.memo.insert((self.pos, 1))
        {
            let t = self.tok();
            let r = self.probe(|p| {
                p.bump();
                p.star_expressions()
            });
            if let Some(b) = r? {
                let name = self.text(t);
                if is_legacy_name(name) {
                    return Err(self.error_at(
                        Self::tok_range(t).to(b.range),
                        format!(
                            "Missing parentheses in call to '{name}'. Did you mean {name}(...)?"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    /// `invalid_named_expression` first alternative: `a=expression ':=' expression`.
    pub(super) fn invalid_named_expression(&mut self, a: &Expr) -> Fail {
        let what = expr_name(a);
        self.error_at(
            a.range,
            format!("cannot use assignment expressions with {what}"),
        )
    }

    /// `invalid_named_expression` alternatives 2 and 3: `x = y` where a
    /// named expression was expected. Called with the expression just parsed.
    pub(super) fn invalid_named_assign(&mut self, a: &Expr, start: usize) -> PResult<()> {
        if !self.at(TokKind::Equal) {
            return Ok(());
        }
        let save = self.pos;
        self.bump();
        self.invalid = false;
        let b = self.probe(|p| {
            let b = p.bitwise_or()?;
            if matches!(p.kind(), TokKind::Equal | TokKind::ColonEqual) {
                return Err(Fail::NoMatch);
            }
            Ok(b)
        });
        self.invalid = true;
        self.pos = save;
        let Some(b) = b? else {
            return Ok(());
        };
        if let ExprKind::Name { .. } = a.node {
            return Err(self.error_at(
                a.range.to(b.range),
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            ));
        }
        // !(list|tuple|genexp|'True'|'None'|'False') a=bitwise_or '=' ...
        let st = self.toks[start];
        let paren =
            st.kind == TokKind::LPar && (st.lineno, st.col) != (a.range.lineno, a.range.col_offset);
        let lm = leftmost(a);
        let excluded = (lm.range.lineno, lm.range.col_offset) == (st.lineno, st.col)
            && matches!(
                lm.node,
                ExprKind::List { .. }
                    | ExprKind::Tuple { .. }
                    | ExprKind::GeneratorExp { .. }
                    | ExprKind::Constant {
                        value: Constant::True | Constant::False | Constant::None,
                        ..
                    }
            );
        if !excluded && (paren || is_bitwise_level(a)) {
            let what = expr_name(a);
            return Err(self.error_at(
                a.range,
                format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?"),
            ));
        }
        Ok(())
    }

    /// invalid_assignment's `star_named_expression ',' star_named_expressions*`,
    /// run at statement start `s` once the assignment itself failed: its named
    /// expressions may match invalid_named_expression (`x = a in b = c`). Note
    /// the repetition: later lists need no comma between them.
    pub(super) fn invalid_assignment_star_named(&mut self, s: usize) -> PResult<()> {
        let save = self.pos;
        self.pos = s;
        let r = self.star_named_lists();
        self.pos = save;
        match r {
            Err(Fail::Error(e)) => Err(Fail::Error(e)),
            _ => Ok(()),
        }
    }

    fn star_named_lists(&mut self) -> PResult<()> {
        self.star_named_expression()?;
        if !self.eat(TokKind::Comma) {
            return Ok(());
        }
        loop {
            let k = self.kind();
            if !(k == TokKind::Star || super::expr::starts_expression(k)) {
                return Ok(());
            }
            self.star_named_expression()?;
            self.eat(TokKind::Comma);
        }
    }

    /// `'not'` right after an arithmetic operator or unary prefix.
    pub(super) fn invalid_not_after_operator(&mut self, op_pos: usize) -> Fail {
        let not_tok = self.tok_at(op_pos + 1);
        let save = self.pos;
        self.pos = op_pos + 2;
        self.invalid = false;
        let end = match self.factor() {
            Ok(e) => e.range,
            Err(_) => Self::tok_range(not_tok),
        };
        self.invalid = true;
        self.pos = save;
        self.error_at(
            Self::tok_range(not_tok).to(end),
            "'not' after an operator must be parenthesized",
        )
    }

    /// `invalid_group`: `( **x )`.
    pub(super) fn invalid_group_double_star(&mut self) -> PResult<()> {
        let t = self.tok();
        Err(self.error_at(
            Self::tok_range(t),
            "cannot use double starred expression here",
        ))
    }

    /// `invalid_comprehension`; `s` is the opening bracket.
    pub(super) fn invalid_comprehension(&mut self, s: usize) -> PResult<()> {
        let open = self.toks[s].kind;
        if self.at(TokKind::DoubleStar) && open == TokKind::LSqb {
            let t = self.tok();
            self.invalid = false;
            let r = self.probe(|p| {
                p.bump();
                let b = p.expression()?;
                p.for_if_clauses()?;
                Ok(b)
            });
            self.invalid = true;
            if let Some(b) = r? {
                return Err(self.error_at(
                    Self::tok_range(t).to(b.range),
                    "cannot use dict unpacking in list comprehension",
                ));
            }
            return Ok(());
        }
        self.invalid = false;
        let r = self.probe(|p| {
            let a = p.star_named_expression()?;
            if !p.at(TokKind::Comma) {
                return Err(Fail::NoMatch);
            }
            let comma = p.bump();
            let mut last = None;
            while super::expr::starts_expression(p.kind()) || p.at(TokKind::Star) {
                let e = p.star_named_expression()?;
                last = Some(e.range);
                if !p.eat(TokKind::Comma) {
                    break;
                }
            }
            if !matches!(p.kind(), TokKind::For | TokKind::Async) {
                return Err(Fail::NoMatch);
            }
            p.for_if_clauses()?;
            Ok((a.range, last.unwrap_or(Self::tok_range(comma))))
        });
        self.invalid = true;
        if let Some((a, b)) = r? {
            return Err(self.error_at(
                a.to(b),
                "did you forget parentheses around the comprehension target?",
            ));
        }
        Ok(())
    }

    /// `invalid_kvpair`: what may not follow a dictionary key's ':'.
    pub(super) fn invalid_dict_value(&mut self) -> PResult<()> {
        let t = self.tok();
        let msg = match t.kind {
            TokKind::RBrace | TokKind::Comma => {
                let colon = self.toks[self.pos - 1];
                return Err(self.error_at(
                    Self::tok_range(colon),
                    "expression expected after dictionary key and ':'",
                ));
            }
            TokKind::Star => "cannot use a starred expression in a dictionary value",
            TokKind::DoubleStar => "cannot use dict unpacking in a dictionary value",
            _ => return Ok(()),
        };
        Err(self.error_at(Self::tok_range(t), msg))
    }

    /// `invalid_for_target`: `for` followed by something that is not a target.
    /// `for_pos` is the `for` (or `async`) token.
    pub(super) fn invalid_for_target(&mut self, for_pos: usize) -> Fail {
        let save = self.pos;
        self.pos = for_pos;
        if self.at(TokKind::Async) {
            self.bump();
        }
        self.bump(); // for
                     // Parsed with the invalid rules on, as in CPython.
        let r = self.star_expressions();
        let out = match r {
            Ok(e) => match super::targets::invalid_target(&e, TargetKind::For) {
                Some(bad) => {
                    let what = expr_name(bad);
                    Some(self.error_at(bad.range, format!("cannot assign to {what}")))
                }
                None => None,
            },
            Err(Fail::Error(e)) => Some(Fail::Error(e)),
            Err(Fail::NoMatch) => None,
        };
        self.pos = save;
        out.unwrap_or(Fail::NoMatch)
    }

    /// `invalid_starred_expression_unpacking`: `*a if b else c` and `*a = b` in calls.
    pub(super) fn invalid_starred_argument(&mut self, star: usize) -> PResult<()> {
        self.invalid = false;
        let r = self.probe(|p| {
            let e = p.expression()?;
            let is_if = matches!(e.node, ExprKind::IfExp { .. });
            let eq = p.at(TokKind::Equal);
            let b = if eq {
                p.bump();
                Some(p.expression()?)
            } else {
                None
            };
            Ok((e, is_if, b))
        });
        self.invalid = true;
        let st = Self::tok_range(self.toks[star]);
        match r? {
            Some((e, true, _)) => Err(self.error_at(
                st.to(e.range),
                "invalid starred expression. Did you forget to wrap the conditional expression in parentheses?",
            )),
            Some((_, _, Some(b))) => {
                Err(self.error_at(st.to(b.range), "cannot assign to iterable argument unpacking"))
            }
            _ => Ok(()),
        }
    }

    /// `invalid_kwarg`: `True=1`, `f(a.b=1)`.
    pub(super) fn invalid_kwarg(&mut self) -> PResult<()> {
        let t = self.tok();
        if matches!(t.kind, TokKind::True | TokKind::False | TokKind::None)
            && self.kind_at(1) == TokKind::Equal
        {
            let eq = self.tok_at(self.pos + 1);
            let what = self.text(t);
            return Err(self.error_at(
                Self::tok_range(t).to(Self::tok_range(eq)),
                format!("cannot assign to {what}"),
            ));
        }
        Ok(())
    }

    /// `invalid_del_stmt`: `'del' star_expressions` that are not targets.
    pub(super) fn invalid_del_target(&mut self) -> Fail {
        self.invalid = false;
        let r = self.star_expressions();
        self.invalid = true;
        match r {
            Ok(e) => match super::targets::invalid_target(&e, TargetKind::Del) {
                Some(bad) => {
                    let what = expr_name(bad);
                    self.error_at(bad.range, format!("cannot delete {what}"))
                }
                None => Fail::NoMatch,
            },
            Err(e) => e,
        }
    }

    /// `invalid_assignment`'s annotation alternatives, for a non-single target.
    pub(super) fn invalid_ann_target(&mut self, a: &Expr) -> Fail {
        match &a.node {
            ExprKind::List { .. } | ExprKind::Tuple { .. } => {
                let what = expr_name(a);
                let bad = match &a.node {
                    ExprKind::Tuple { elts, .. } if !self.parenthesized(a) => {
                        // `a, b: int`: blamed on the first element.
                        return self.error_at(
                            elts.first().map(|e| e.range).unwrap_or(a.range),
                            "only single target (not tuple) can be annotated",
                        );
                    }
                    _ => a,
                };
                self.error_at(
                    bad.range,
                    format!("only single target (not {what}) can be annotated"),
                )
            }
            ExprKind::Starred { .. } => Fail::NoMatch,
            _ => self.error_at(a.range, "illegal target for annotation"),
        }
    }

    fn parenthesized(&self, e: &Expr) -> bool {
        // A tuple's range includes its parentheses only when it has them.
        let t = self
            .toks
            .iter()
            .find(|t| t.lineno == e.range.lineno && t.col == e.range.col_offset);
        matches!(t, Some(t) if t.kind == TokKind::LPar)
    }

    /// `invalid_assignment` for `a = ...` where `a` (which started at token `s`, and
    /// is the statement's first target when `first`) is not a target.
    pub(super) fn invalid_assign_target(&mut self, s: usize, a: &Expr) -> Fail {
        if let Err(e) = self.invalid_assignment_star_named(s) {
            return e;
        }
        self.invalid_target_error(a, TargetKind::Star)
    }

    /// `invalid_assignment` for `targets = value` with an invalid target.
    pub(super) fn invalid_target_error(&mut self, bad: &Expr, kind: TargetKind) -> Fail {
        let blamed = super::targets::invalid_target(bad, kind).unwrap_or(bad);
        let what = expr_name(blamed);
        let msg = match kind {
            TargetKind::Star | TargetKind::For => {
                if let ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } = blamed.node {
                    return self
                        .error_at(blamed.range, "assignment to yield expression not possible");
                }
                format!("cannot assign to {what}")
            }
            TargetKind::Del => format!("cannot delete {what}"),
        };
        self.error_at(blamed.range, msg)
    }
}

/// The leftmost sub-expression that starts where `e` starts.
fn leftmost(e: &Expr) -> &Expr {
    match &e.node {
        ExprKind::Attribute { value, .. } | ExprKind::Subscript { value, .. } => leftmost(value),
        ExprKind::Call { func, .. } => leftmost(func),
        ExprKind::BinOp { left, .. } => leftmost(left),
        _ => e,
    }
}

/// True for expressions that `bitwise_or` can produce without parentheses.
pub(super) fn is_bitwise_level(e: &Expr) -> bool {
    !matches!(
        e.node,
        ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Starred { .. }
            | ExprKind::NamedExpr { .. }
            | ExprKind::Yield { .. }
            | ExprKind::YieldFrom { .. }
            | ExprKind::UnaryOp {
                op: UnaryOp::Not,
                ..
            }
    )
}
