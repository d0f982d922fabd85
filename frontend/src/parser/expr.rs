//! Expressions: from `star_expressions` down to atoms, calls, subscripts,
//! comprehensions, lambdas and `yield`.
//!
//! Binary operators use precedence climbing over CPython's levels (`|` `^` `&`
//! shifts, sums, terms); unary prefixes and `**` are folded iteratively so that long
//! chains (`- - - ... 1`) do not recurse. Every node's range runs from its first
//! token to its last, so a parenthesized left operand makes its parent start at the
//! `(` as in CPython.

use super::{Fail, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::TokKind;

/// Precedence levels of the binary operators, lowest first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    BitOr = 0,
    BitXor,
    BitAnd,
    Shift,
    Sum,
    Term,
}

fn binop(k: TokKind) -> Option<(Level, Operator)> {
    use TokKind as T;
    Some(match k {
        T::VBar => (Level::BitOr, Operator::BitOr),
        T::Circumflex => (Level::BitXor, Operator::BitXor),
        T::Amper => (Level::BitAnd, Operator::BitAnd),
        T::LeftShift => (Level::Shift, Operator::LShift),
        T::RightShift => (Level::Shift, Operator::RShift),
        T::Plus => (Level::Sum, Operator::Add),
        T::Minus => (Level::Sum, Operator::Sub),
        T::Star => (Level::Term, Operator::Mult),
        T::Slash => (Level::Term, Operator::Div),
        T::DoubleSlash => (Level::Term, Operator::FloorDiv),
        T::Percent => (Level::Term, Operator::Mod),
        T::At => (Level::Term, Operator::MatMult),
        _ => return None,
    })
}

/// Tokens that can start an `expression` (not `*`, not `yield`).
pub(super) fn starts_expression(k: TokKind) -> bool {
    use TokKind as T;
    matches!(
        k,
        T::Name
            | T::Number
            | T::String
            | T::FStringStart
            | T::TStringStart
            | T::LPar
            | T::LSqb
            | T::LBrace
            | T::Minus
            | T::Plus
            | T::Tilde
            | T::Not
            | T::Lambda
            | T::Await
            | T::None
            | T::True
            | T::False
            | T::Ellipsis
    )
}

/// Left-nested chains (`1+1+...`, `f()()...`, `a.b.c...`) build ASTs as deep as
/// they are long. CPython's AST validation runs out of C stack (RecursionError)
/// beyond about 52190 binary operations, calls or subscripts, or 130478
/// attributes (the exact figure moves with its stack use). We stop all of them at
/// 40000 with the same error: the rest of our frontend (drop, `ast.dump`, the
/// compiler) walks the AST recursively, and 40000 levels fit its 8 MiB stack
/// (the `deep_probe` example measures this).
const CHAIN_WEIGHT: u32 = 5;

const MAX_CHAIN: u32 = 40000 * CHAIN_WEIGHT;

impl<'s> Parser<'s> {
    #[cold]
    fn chain_too_deep(&self) -> Fail {
        let t = self.tok();
        Fail::Error(Box::new(crate::error::SyntaxError::new(
            crate::error::ErrorKind::RecursionError,
            "Stack overflow (used 8156 kB) during compilation",
            t.lineno,
            t.col,
            t.end_lineno,
            t.end_col,
        )))
    }

    pub(super) fn expr(&self, node: ExprKind, start: usize) -> Expr {
        Expr::new(node, self.range(start))
    }

    pub(super) fn name_expr(&self, t: crate::tokenizer::Token, ctx: ExprContext) -> Expr {
        Expr::new(
            ExprKind::Name {
                id: self.ident(t),
                ctx,
            },
            Self::tok_range(t),
        )
    }

    // ----- expression lists ---------------------------------------------------

    /// `star_expressions`: a tuple when there is a comma.
    pub(super) fn star_expressions(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let first = self.star_expression()?;
        if !self.at(TokKind::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(TokKind::Comma) {
            let k = self.kind();
            if k != TokKind::Star && !starts_expression(k) {
                break;
            }
            elts.push(self.star_expression()?);
        }
        Ok(self.expr(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            s,
        ))
    }

    /// `star_expression`: `'*' bitwise_or | expression`.
    pub(super) fn star_expression(&mut self) -> PResult<Expr> {
        if self.at(TokKind::Star) {
            let s = self.pos;
            self.bump();
            let v = self.bitwise_or()?;
            return Ok(self.expr(
                ExprKind::Starred {
                    value: Box::new(v),
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        self.expression()
    }

    /// `star_named_expression`: `'*' bitwise_or | named_expression`.
    pub(super) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at(TokKind::Star) {
            let s = self.pos;
            self.bump();
            let v = self.bitwise_or()?;
            return Ok(self.expr(
                ExprKind::Starred {
                    value: Box::new(v),
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        if self.invalid && self.at(TokKind::DoubleStar) {
            // invalid_starred_expression_unpacking_sequence is 3.15; 3.14 just fails.
        }
        self.named_expression()
    }

    /// `expressions`: a tuple when there is a comma (eval input, `except`).
    pub(super) fn expressions(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let first = self.expression()?;
        if !self.at(TokKind::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(TokKind::Comma) {
            if !starts_expression(self.kind()) {
                break;
            }
            elts.push(self.expression()?);
        }
        Ok(self.expr(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            s,
        ))
    }

    /// `named_expression`: `NAME ':=' expression | expression !':='`.
    pub(super) fn named_expression(&mut self) -> PResult<Expr> {
        if self.kind() == TokKind::Name && self.kind_at(1) == TokKind::ColonEqual {
            return self.assignment_expression();
        }
        let start = self.pos;
        let e = self.expression()?;
        if self.at(TokKind::ColonEqual) {
            if self.invalid {
                return Err(self.invalid_named_expression(&e));
            }
            return Err(Fail::NoMatch);
        }
        if self.invalid {
            self.invalid_named_assign(&e, start)?;
        }
        Ok(e)
    }

    /// `assignment_expression`: `NAME ':=' expression`.
    pub(super) fn assignment_expression(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let name = self.bump();
        self.bump(); // :=
        let value = self.expression()?;
        let target = self.name_expr(name, ExprContext::Store);
        Ok(self.expr(
            ExprKind::NamedExpr {
                target: Box::new(target),
                value: Box::new(value),
            },
            s,
        ))
    }

    /// `expression`: conditional expressions, lambdas, disjunctions.
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        self.enter(2)?;
        let r = self.expression_inner();
        self.leave(2);
        r
    }

    fn expression_inner(&mut self) -> PResult<Expr> {
        if self.invalid {
            self.invalid_expression()?;
        }
        if self.at(TokKind::Lambda) {
            return self.lambdef();
        }
        let s = self.pos;
        let body = self.disjunction()?;
        if !self.at(TokKind::If) {
            return Ok(body);
        }
        let save = self.pos;
        self.bump();
        let test = match self.disjunction() {
            Ok(t) => t,
            Err(Fail::NoMatch) => {
                self.pos = save;
                return Ok(body);
            }
            Err(e) => return Err(e),
        };
        if !self.eat(TokKind::Else) {
            self.pos = save;
            return Ok(body);
        }
        // CPython spends one level per `else` here, we spend two in expression().
        self.depth -= 1;
        let orelse = self.expression();
        self.depth += 1;
        let orelse = match orelse {
            Ok(e) => e,
            Err(Fail::NoMatch) => {
                self.pos = save;
                return Ok(body);
            }
            Err(e) => return Err(e),
        };
        Ok(self.expr(
            ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
            },
            s,
        ))
    }

    /// `disjunction`: `conjunction ('or' conjunction)*`.
    pub(super) fn disjunction(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let first = self.conjunction()?;
        if !self.at(TokKind::Or) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat(TokKind::Or) {
            values.push(self.conjunction()?);
        }
        Ok(self.expr(
            ExprKind::BoolOp {
                op: BoolOp::Or,
                values,
            },
            s,
        ))
    }

    fn conjunction(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let first = self.inversion()?;
        if !self.at(TokKind::And) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat(TokKind::And) {
            values.push(self.inversion()?);
        }
        Ok(self.expr(
            ExprKind::BoolOp {
                op: BoolOp::And,
                values,
            },
            s,
        ))
    }

    /// `inversion`: `'not'* comparison`, folded iteratively.
    fn inversion(&mut self) -> PResult<Expr> {
        if !self.at(TokKind::Not) {
            return self.comparison();
        }
        let mut starts = Vec::new();
        while self.at(TokKind::Not) {
            starts.push(self.pos);
            self.bump();
        }
        let n = starts.len() as u32;
        self.enter(n)?;
        let r = self.comparison();
        self.leave(n);
        let mut e = r?;
        while let Some(s) = starts.pop() {
            e = self.expr(
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: Box::new(e),
                },
                s,
            );
        }
        Ok(e)
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let left = self.bitwise_or()?;
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        loop {
            let op = match self.kind() {
                TokKind::EqEqual => CmpOp::Eq,
                TokKind::NotEqual => {
                    let t = self.tok();
                    let diamond = self.text(t) == "<>";
                    if self.flufl != diamond {
                        if self.flufl {
                            return Err(
                                self.error_last("with Barry as BDFL, use '<>' instead of '!='")
                            );
                        }
                        if self.invalid {
                            // `<>` where a comparison operator may stand.
                            return Err(self.error_at(
                                Self::tok_range(t),
                                "invalid syntax.  Maybe you meant '!=' instead of '<>'?",
                            ));
                        }
                        break;
                    }
                    CmpOp::NotEq
                }
                TokKind::LessEqual => CmpOp::LtE,
                TokKind::Less => CmpOp::Lt,
                TokKind::GreaterEqual => CmpOp::GtE,
                TokKind::Greater => CmpOp::Gt,
                TokKind::In => CmpOp::In,
                TokKind::Not => {
                    if self.kind_at(1) != TokKind::In {
                        break;
                    }
                    self.bump();
                    CmpOp::NotIn
                }
                TokKind::Is => {
                    if self.kind_at(1) == TokKind::Not {
                        self.bump();
                        CmpOp::IsNot
                    } else {
                        CmpOp::Is
                    }
                }
                _ => break,
            };
            self.bump();
            ops.push(op);
            comparators.push(self.bitwise_or()?);
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(self.expr(
            ExprKind::Compare {
                left: Box::new(left),
                ops,
                comparators,
            },
            s,
        ))
    }

    /// `bitwise_or` and everything below it down to `factor`.
    pub(super) fn bitwise_or(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let left = self.factor()?;
        self.binary_rest(s, left, Level::BitOr)
    }

    /// Precedence climbing: extends `left` (which started at token `s`) with
    /// operators of level `min` or higher.
    fn binary_rest(&mut self, s: usize, mut left: Expr, min: Level) -> PResult<Expr> {
        let mut nesting = 0u32;
        while let Some((lvl, op)) = binop(self.kind()) {
            if lvl < min {
                break;
            }
            nesting += CHAIN_WEIGHT;
            if nesting > MAX_CHAIN {
                return Err(self.chain_too_deep());
            }
            let op_pos = self.pos;
            self.bump();
            if self.invalid && lvl >= Level::Sum && self.at(TokKind::Not) {
                return Err(self.invalid_not_after_operator(op_pos));
            }
            let rs = self.pos;
            let mut right = self.factor()?;
            // Bind tighter operators to the right operand first.
            while let Some((next, _)) = binop(self.kind()) {
                if next <= lvl {
                    break;
                }
                right = self.binary_rest(rs, right, next)?;
            }
            left = self.expr(
                ExprKind::BinOp {
                    left: Box::new(left),
                    op,
                    right: Box::new(right),
                },
                s,
            );
        }
        Ok(left)
    }

    /// `factor` and `power`: prefix `+ - ~` and right-associative `**`, folded with
    /// an explicit stack.
    pub(super) fn factor(&mut self) -> PResult<Expr> {
        let k = self.kind();
        if !matches!(k, TokKind::Plus | TokKind::Minus | TokKind::Tilde) {
            let s = self.pos;
            let a = self.await_primary()?;
            if !self.at(TokKind::DoubleStar) {
                return Ok(a);
            }
            return self.factor_slow(Some((s, a)));
        }
        self.factor_slow(None)
    }

    fn factor_slow(&mut self, mut first: Option<(usize, Expr)>) -> PResult<Expr> {
        enum Frame {
            Unary(UnaryOp, usize),
            Pow(Expr, usize),
        }
        let mut stack: Vec<Frame> = Vec::new();
        let base = self.depth;
        let result = loop {
            let (s, a) = match first.take() {
                Some(x) => x,
                None => {
                    loop {
                        let op = match self.kind() {
                            TokKind::Plus => UnaryOp::UAdd,
                            TokKind::Minus => UnaryOp::USub,
                            TokKind::Tilde => UnaryOp::Invert,
                            _ => break,
                        };
                        if self.invalid && self.kind_at(1) == TokKind::Not {
                            let p = self.pos + 1;
                            self.depth = base;
                            return Err(self.invalid_not_after_operator(p - 1));
                        }
                        stack.push(Frame::Unary(op, self.pos));
                        self.bump();
                        self.depth += 1;
                        if self.depth > super::MAX_DEPTH {
                            self.depth = base;
                            return Err(self.too_complex());
                        }
                    }
                    let s = self.pos;
                    match self.await_primary() {
                        Ok(a) => (s, a),
                        Err(e) => {
                            self.depth = base;
                            return Err(e);
                        }
                    }
                }
            };
            if self.at(TokKind::DoubleStar) {
                self.bump();
                stack.push(Frame::Pow(a, s));
                self.depth += 2;
                if self.depth > super::MAX_DEPTH {
                    self.depth = base;
                    return Err(self.too_complex());
                }
                continue;
            }
            break a;
        };
        self.depth = base;
        let mut e = result;
        while let Some(f) = stack.pop() {
            e = match f {
                Frame::Unary(op, s) => self.expr(
                    ExprKind::UnaryOp {
                        op,
                        operand: Box::new(e),
                    },
                    s,
                ),
                Frame::Pow(left, s) => self.expr(
                    ExprKind::BinOp {
                        left: Box::new(left),
                        op: Operator::Pow,
                        right: Box::new(e),
                    },
                    s,
                ),
            };
        }
        Ok(e)
    }

    /// `await_primary`: `'await' primary | primary`.
    fn await_primary(&mut self) -> PResult<Expr> {
        if self.at(TokKind::Await) {
            let s = self.pos;
            self.bump();
            let v = self.primary()?;
            return Ok(self.expr(ExprKind::Await { value: Box::new(v) }, s));
        }
        self.primary()
    }

    /// `primary`: an atom followed by `.name`, calls and subscripts.
    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let mut e = self.atom()?;
        let mut nesting = 0u32;
        loop {
            let k = self.kind();
            nesting += match k {
                TokKind::Dot => CHAIN_WEIGHT,
                TokKind::LPar | TokKind::LSqb => CHAIN_WEIGHT,
                _ => 0,
            };
            if nesting > MAX_CHAIN {
                return Err(self.chain_too_deep());
            }
            match k {
                // A trailer that fails to parse is not part of the primary (PEG
                // backtracking): the primary ends before it.
                TokKind::Dot => {
                    if self.kind_at(1) != TokKind::Name {
                        return Ok(e);
                    }
                    self.bump();
                    let name = self.bump();
                    e = self.expr(
                        ExprKind::Attribute {
                            value: Box::new(e),
                            attr: self.ident(name),
                            ctx: ExprContext::Load,
                        },
                        s,
                    );
                }
                TokKind::LPar => {
                    let save = self.pos;
                    let (args, keywords) = match self.arguments(true) {
                        Ok(a) => a,
                        Err(Fail::NoMatch) => {
                            self.pos = save;
                            return Ok(e);
                        }
                        Err(err) => return Err(err),
                    };
                    e = self.expr(
                        ExprKind::Call {
                            func: Box::new(e),
                            args,
                            keywords,
                        },
                        s,
                    );
                }
                TokKind::LSqb => {
                    let save = self.pos;
                    self.bump();
                    let slice = match self.slices() {
                        Ok(sl) if self.at(TokKind::RSqb) => sl,
                        Err(err @ Fail::Error(_)) => return Err(err),
                        _ => {
                            self.pos = save;
                            return Ok(e);
                        }
                    };
                    self.bump();
                    e = self.expr(
                        ExprKind::Subscript {
                            value: Box::new(e),
                            slice: Box::new(slice),
                            ctx: ExprContext::Load,
                        },
                        s,
                    );
                }
                _ => return Ok(e),
            }
        }
    }

    /// `slices`: one slice, or a tuple of slices and starred expressions.
    fn slices(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let first = self.slice_item()?;
        if !self.at(TokKind::Comma) {
            if matches!(first.node, ExprKind::Starred { .. }) {
                // A lone `*a` is a one-element tuple (`slices` second alternative).
                return Ok(self.expr(
                    ExprKind::Tuple {
                        elts: vec![first],
                        ctx: ExprContext::Load,
                    },
                    s,
                ));
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(TokKind::Comma) {
            if self.at(TokKind::RSqb) {
                break;
            }
            elts.push(self.slice_item()?);
        }
        Ok(self.expr(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            s,
        ))
    }

    /// `slice | starred_expression`.
    fn slice_item(&mut self) -> PResult<Expr> {
        let s = self.pos;
        if self.at(TokKind::Star) {
            self.bump();
            let v = self.starred_value()?;
            return Ok(self.expr(
                ExprKind::Starred {
                    value: Box::new(v),
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        let lower = if self.at(TokKind::Colon) {
            None
        } else {
            let e = self.named_expression()?;
            if !self.at(TokKind::Colon) {
                return Ok(e);
            }
            if matches!(e.node, ExprKind::NamedExpr { .. }) && self.toks[s].kind == TokKind::Name {
                // `slice` wants a plain expression before ':'.
                return Err(Fail::NoMatch);
            }
            Some(Box::new(e))
        };
        self.bump(); // ':'
        let upper = if matches!(self.kind(), TokKind::Colon | TokKind::Comma | TokKind::RSqb) {
            None
        } else {
            Some(Box::new(self.expression()?))
        };
        let step = if self.eat(TokKind::Colon) {
            if matches!(self.kind(), TokKind::Comma | TokKind::RSqb) {
                None
            } else {
                Some(Box::new(self.expression()?))
            }
        } else {
            None
        };
        Ok(self.expr(ExprKind::Slice { lower, upper, step }, s))
    }

    // ----- atoms --------------------------------------------------------------

    pub(super) fn atom(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let t = self.tok();
        let k = self.kind();
        let constant = |p: &mut Self, value: Constant| {
            p.bump();
            Ok(Expr::new(
                ExprKind::Constant { value, kind: None },
                Self::tok_range(t),
            ))
        };
        match k {
            TokKind::Name => {
                self.bump();
                Ok(self.name_expr(t, ExprContext::Load))
            }
            TokKind::True => constant(self, Constant::True),
            TokKind::False => constant(self, Constant::False),
            TokKind::None => constant(self, Constant::None),
            TokKind::Ellipsis => constant(self, Constant::Ellipsis),
            TokKind::Number => {
                let v = self.number(t)?;
                constant(self, v)
            }
            TokKind::String | TokKind::FStringStart | TokKind::TStringStart => self.strings(),
            TokKind::LPar => self.paren_atom(),
            TokKind::LSqb => self.list_atom(),
            TokKind::LBrace => self.brace_atom(),
            _ => {
                let _ = s;
                Err(Fail::NoMatch)
            }
        }
    }

    pub(super) fn number(&mut self, t: crate::tokenizer::Token) -> PResult<Constant> {
        crate::tokenizer::literal::parse_number(self.text(t))
            .map_err(|msg| self.error_at(Self::tok_range(t), msg))
    }

    /// `(` ... `)`: tuple, group, generator expression or parenthesized yield.
    fn paren_atom(&mut self) -> PResult<Expr> {
        let s = self.pos;
        self.bump();
        if self.eat(TokKind::RPar) {
            return Ok(self.expr(
                ExprKind::Tuple {
                    elts: Vec::new(),
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        if self.at(TokKind::Yield) {
            let y = self.yield_expr()?;
            self.expect(TokKind::RPar)?;
            return Ok(y);
        }
        if self.invalid && self.at(TokKind::DoubleStar) {
            self.invalid_group_double_star()?;
        }
        let first = self.star_named_expression()?;
        match self.kind() {
            TokKind::For | TokKind::Async
                if self.invalid && matches!(first.node, ExprKind::Starred { .. }) =>
            {
                Err(self.error_at(
                    first.range,
                    "iterable unpacking cannot be used in comprehension",
                ))
            }
            TokKind::For | TokKind::Async if !matches!(first.node, ExprKind::Starred { .. }) => {
                let generators = self.for_if_clauses()?;
                self.expect(TokKind::RPar)?;
                Ok(self.expr(
                    ExprKind::GeneratorExp {
                        elt: Box::new(first),
                        generators,
                    },
                    s,
                ))
            }
            TokKind::Comma => {
                let mut elts = vec![first];
                while self.eat(TokKind::Comma) {
                    if self.at(TokKind::RPar) {
                        break;
                    }
                    elts.push(self.star_named_expression()?);
                }
                self.expect(TokKind::RPar)?;
                Ok(self.expr(
                    ExprKind::Tuple {
                        elts,
                        ctx: ExprContext::Load,
                    },
                    s,
                ))
            }
            TokKind::RPar => {
                if let ExprKind::Starred { .. } = first.node {
                    if self.invalid {
                        return Err(
                            self.error_at(first.range, "cannot use starred expression here")
                        );
                    }
                    return Err(Fail::NoMatch);
                }
                self.bump();
                Ok(first)
            }
            _ => Err(Fail::NoMatch),
        }
    }

    /// `[` ... `]`: list or list comprehension.
    fn list_atom(&mut self) -> PResult<Expr> {
        let s = self.pos;
        self.bump();
        if self.eat(TokKind::RSqb) {
            return Ok(self.expr(
                ExprKind::List {
                    elts: Vec::new(),
                    ctx: ExprContext::Load,
                },
                s,
            ));
        }
        if self.invalid {
            self.invalid_comprehension(s)?;
        }
        let first = self.star_named_expression()?;
        if self.invalid
            && matches!(self.kind(), TokKind::For | TokKind::Async)
            && matches!(first.node, ExprKind::Starred { .. })
        {
            return Err(self.error_at(
                first.range,
                "iterable unpacking cannot be used in comprehension",
            ));
        }
        if matches!(self.kind(), TokKind::For | TokKind::Async)
            && !matches!(first.node, ExprKind::Starred { .. })
        {
            let generators = self.for_if_clauses()?;
            self.expect(TokKind::RSqb)?;
            return Ok(self.expr(
                ExprKind::ListComp {
                    elt: Box::new(first),
                    generators,
                },
                s,
            ));
        }
        let mut elts = vec![first];
        while self.eat(TokKind::Comma) {
            if self.at(TokKind::RSqb) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        self.expect(TokKind::RSqb)?;
        Ok(self.expr(
            ExprKind::List {
                elts,
                ctx: ExprContext::Load,
            },
            s,
        ))
    }

    /// `{` ... `}`: dict, set, or their comprehensions.
    fn brace_atom(&mut self) -> PResult<Expr> {
        let s = self.pos;
        self.bump();
        if self.eat(TokKind::RBrace) {
            return Ok(self.expr(
                ExprKind::Dict {
                    keys: Vec::new(),
                    values: Vec::new(),
                },
                s,
            ));
        }
        if self.invalid {
            self.invalid_comprehension(s)?;
            if self.at(TokKind::DoubleStar) {
                let t = self.tok();
                self.invalid = false;
                let save = self.pos;
                self.bump();
                let comp = self.bitwise_or().is_ok()
                    && matches!(self.kind(), TokKind::For | TokKind::Async);
                self.pos = save;
                self.invalid = true;
                if comp {
                    return Err(self.error_at(
                        Self::tok_range(t),
                        "dict unpacking cannot be used in dict comprehension",
                    ));
                }
            }
        }
        if self.at(TokKind::DoubleStar) {
            return self.dict_rest(s, Vec::new(), Vec::new());
        }
        if self.at(TokKind::Star) {
            return self.set_rest(s);
        }
        let key_start = self.pos;
        let walrus = self.kind() == TokKind::Name && self.kind_at(1) == TokKind::ColonEqual;
        let key = if walrus {
            self.assignment_expression()?
        } else {
            self.expression()?
        };
        if !walrus && self.at(TokKind::Colon) {
            self.bump();
            if self.invalid {
                self.invalid_dict_value()?;
            }
            let value = self.expression()?;
            if matches!(self.kind(), TokKind::For | TokKind::Async) {
                let generators = self.for_if_clauses()?;
                self.expect(TokKind::RBrace)?;
                return Ok(self.expr(
                    ExprKind::DictComp {
                        key: Box::new(key),
                        value: Box::new(value),
                        generators,
                    },
                    s,
                ));
            }
            if !self.eat(TokKind::Comma) {
                self.expect(TokKind::RBrace)?;
                return Ok(self.expr(
                    ExprKind::Dict {
                        keys: vec![Some(key)],
                        values: vec![value],
                    },
                    s,
                ));
            }
            return self.dict_rest(s, vec![Some(key)], vec![value]);
        }
        // A set: the first element was parsed as an expression; a walrus after it
        // is an error like in named_expression.
        if self.at(TokKind::ColonEqual) {
            if self.invalid {
                return Err(self.invalid_named_expression(&key));
            }
            return Err(Fail::NoMatch);
        }
        if self.invalid && !walrus {
            self.invalid_named_assign(&key, key_start)?;
        }
        let _ = key_start;
        if matches!(self.kind(), TokKind::For | TokKind::Async) {
            let generators = self.for_if_clauses()?;
            self.expect(TokKind::RBrace)?;
            return Ok(self.expr(
                ExprKind::SetComp {
                    elt: Box::new(key),
                    generators,
                },
                s,
            ));
        }
        let mut elts = vec![key];
        while self.eat(TokKind::Comma) {
            if self.at(TokKind::RBrace) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        self.expect(TokKind::RBrace)?;
        Ok(self.expr(ExprKind::Set { elts }, s))
    }

    /// The rest of a set display whose first element starts with `*`.
    fn set_rest(&mut self, s: usize) -> PResult<Expr> {
        let first = self.star_named_expression()?;
        if self.invalid && matches!(self.kind(), TokKind::For | TokKind::Async) {
            return Err(self.error_at(
                first.range,
                "iterable unpacking cannot be used in comprehension",
            ));
        }
        let mut elts = vec![first];
        while self.eat(TokKind::Comma) {
            if self.at(TokKind::RBrace) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        self.expect(TokKind::RBrace)?;
        Ok(self.expr(ExprKind::Set { elts }, s))
    }

    /// Remaining `double_starred_kvpair`s of a dict display, up to `}`.
    fn dict_rest(
        &mut self,
        s: usize,
        mut keys: Vec<Option<Expr>>,
        mut values: Vec<Expr>,
    ) -> PResult<Expr> {
        loop {
            if self.at(TokKind::RBrace) {
                break;
            }
            if self.eat(TokKind::DoubleStar) {
                let v = self.bitwise_or()?;
                keys.push(None);
                values.push(v);
            } else {
                let k = self.expression()?;
                if self.invalid && !self.at(TokKind::Colon) {
                    let r = crate::ast::Range::new(
                        k.range.lineno,
                        k.range.end_col_offset.saturating_sub(1),
                        k.range.end_lineno,
                        k.range.end_col_offset,
                    );
                    return Err(self.error_at(r, "':' expected after dictionary key"));
                }
                self.expect(TokKind::Colon)?;
                if self.invalid {
                    self.invalid_dict_value()?;
                }
                let v = self.expression()?;
                keys.push(Some(k));
                values.push(v);
            }
            if !self.eat(TokKind::Comma) {
                break;
            }
        }
        self.expect(TokKind::RBrace)?;
        Ok(self.expr(ExprKind::Dict { keys, values }, s))
    }

    /// `for_if_clauses`: one or more `[async] for targets in disjunction (if disjunction)*`.
    pub(super) fn for_if_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut gens = Vec::new();
        loop {
            let is_async = match self.kind() {
                TokKind::For => 0,
                TokKind::Async if self.kind_at(1) == TokKind::For => {
                    self.bump();
                    1
                }
                _ => break,
            };
            let for_pos = self.pos;
            self.bump(); // for
            let target = match self.star_targets() {
                Ok(t) => t,
                Err(Fail::NoMatch) if self.invalid => {
                    return Err(self.invalid_for_target(for_pos));
                }
                Err(e) => return Err(e),
            };
            if !self.eat(TokKind::In) {
                if self.invalid {
                    return Err(self.error_last("'in' expected after for-loop variables"));
                }
                return Err(Fail::NoMatch);
            }
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat(TokKind::If) {
                ifs.push(self.disjunction()?);
            }
            gens.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        if gens.is_empty() {
            return Err(Fail::NoMatch);
        }
        Ok(gens)
    }

    // ----- calls ----------------------------------------------------------------

    /// `'(' [arguments] ')'` or a generator expression as the sole argument.
    /// The current token is `(`.
    pub(super) fn arguments(&mut self, allow_genexp: bool) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let open = self.pos;
        self.bump();
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_kw = false;
        let mut seen_dstar = false;
        loop {
            let s = self.pos;
            match self.kind() {
                TokKind::RPar => break,
                TokKind::Star => {
                    self.bump();
                    if self.invalid {
                        if !super::expr::starts_expression(self.kind()) {
                            return Err(self.error_last("Invalid star expression"));
                        }
                        self.invalid_starred_argument(s)?;
                    }
                    let v = self.starred_value()?;
                    if self.invalid && matches!(self.kind(), TokKind::For | TokKind::Async) {
                        let r = self.range(s);
                        return Err(
                            self.error_at(r, "iterable unpacking cannot be used in comprehension")
                        );
                    }
                    if seen_dstar {
                        if self.invalid {
                            // CPython's RAISE_SYNTAX_ERROR_STARTING_FROM the comma: the error
                            // ends where its tokenizer stopped, after the token that ended the
                            // starred list (the one past a following comma).
                            let comma = self.toks[s.saturating_sub(1)];
                            let stop = if self.kind() == TokKind::Comma {
                                self.tok_at(self.pos + 1)
                            } else {
                                self.tok()
                            };
                            let r = Range::new(
                                comma.lineno,
                                comma.col,
                                stop.end_lineno,
                                stop.end_col.saturating_sub(1),
                            );
                            return Err(self.error_at(
                                r,
                                "iterable argument unpacking follows keyword argument unpacking",
                            ));
                        }
                        return Err(Fail::NoMatch);
                    }
                    args.push(self.expr(
                        ExprKind::Starred {
                            value: Box::new(v),
                            ctx: ExprContext::Load,
                        },
                        s,
                    ));
                }
                TokKind::DoubleStar => {
                    self.bump();
                    let v = self.expression()?;
                    if self.invalid && self.at(TokKind::Equal) {
                        self.bump();
                        let b = self.expression()?;
                        let r = Self::tok_range(self.toks[s]).to(b.range);
                        return Err(self.error_at(r, "cannot assign to keyword argument unpacking"));
                    }
                    keywords.push(Keyword {
                        arg: None,
                        value: v,
                        range: self.range(s),
                    });
                    seen_kw = true;
                    seen_dstar = true;
                }
                TokKind::Name if self.kind_at(1) == TokKind::Equal => {
                    let name = self.bump();
                    let eq = self.bump();
                    if self.invalid && matches!(self.kind(), TokKind::Comma | TokKind::RPar) {
                        let r = Self::tok_range(name).to(Self::tok_range(eq));
                        return Err(self.error_at(r, "expected argument value expression"));
                    }
                    let v = self.expression()?;
                    if self.invalid && matches!(self.kind(), TokKind::For | TokKind::Async) {
                        let r = Self::tok_range(name).to(Self::tok_range(eq));
                        return Err(self.error_at(
                            r,
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        ));
                    }
                    keywords.push(Keyword {
                        arg: Some(self.ident(name)),
                        value: v,
                        range: self.range(s),
                    });
                    seen_kw = true;
                }
                _ => {
                    if seen_kw && !self.invalid {
                        // `kwargs` admits no positional argument: CPython stops here,
                        // having looked one token ahead for `NAME '='`.
                        if self.at(TokKind::Name) {
                            self.kind_at(1);
                        }
                        return Err(Fail::NoMatch);
                    }
                    if self.invalid {
                        self.invalid_kwarg()?;
                    }
                    let walrus =
                        self.kind() == TokKind::Name && self.kind_at(1) == TokKind::ColonEqual;
                    let e = if walrus {
                        self.assignment_expression()?
                    } else {
                        let e = self.expression()?;
                        if self.at(TokKind::ColonEqual) {
                            if self.invalid {
                                return Err(self.invalid_named_expression(&e));
                            }
                            return Err(Fail::NoMatch);
                        }
                        e
                    };
                    if matches!(self.kind(), TokKind::For | TokKind::Async) {
                        let lone = args.is_empty() && keywords.is_empty();
                        if lone && !allow_genexp {
                            return Err(Fail::NoMatch);
                        }
                        let generators = self.for_if_clauses()?;
                        if lone && allow_genexp && self.at(TokKind::RPar) {
                            self.bump();
                            let g = self.expr(
                                ExprKind::GeneratorExp {
                                    elt: Box::new(e),
                                    generators,
                                },
                                open,
                            );
                            return Ok((vec![g], Vec::new()));
                        }
                        if self.invalid && (!lone || self.at(TokKind::Comma)) {
                            let last = generators
                                .last()
                                .map(|g| g.ifs.last().map(|i| i.range).unwrap_or(g.iter.range));
                            let r = e.range.to(last.unwrap_or(e.range));
                            return Err(
                                self.error_at(r, "Generator expression must be parenthesized")
                            );
                        }
                        return Err(Fail::NoMatch);
                    }
                    if self.at(TokKind::Equal) {
                        if self.invalid && !walrus {
                            let eq = self.tok();
                            let r = e.range.to(Self::tok_range(eq));
                            return Err(self.error_at(
                                r,
                                "expression cannot contain assignment, perhaps you meant \"==\"?",
                            ));
                        }
                        return Err(Fail::NoMatch);
                    }
                    if seen_kw {
                        if self.invalid {
                            let msg = if seen_dstar {
                                "positional argument follows keyword argument unpacking"
                            } else {
                                "positional argument follows keyword argument"
                            };
                            // `args ',' args`: the rest is parsed before raising.
                            self.invalid = false;
                            while self.eat(TokKind::Comma) {
                                self.eat(TokKind::Star);
                                self.eat(TokKind::DoubleStar);
                                if self.kind() == TokKind::Name && self.kind_at(1) == TokKind::Equal
                                {
                                    self.bump();
                                    self.bump();
                                }
                                if self.expression().is_err() {
                                    break;
                                }
                            }
                            self.invalid = true;
                            return Err(self.error_last(msg));
                        }
                        return Err(Fail::NoMatch);
                    }
                    args.push(e);
                }
            }
            if !self.eat(TokKind::Comma) {
                break;
            }
        }
        self.expect(TokKind::RPar)?;
        Ok((args, keywords))
    }

    // ----- lambda and yield -----------------------------------------------------

    /// `lambdef`: `'lambda' [lambda_params] ':' expression`.
    fn lambdef(&mut self) -> PResult<Expr> {
        let s = self.pos;
        self.bump();
        let args = self.parameters(true)?;
        self.expect(TokKind::Colon)?;
        if self.invalid && matches!(self.kind(), TokKind::FStringMiddle | TokKind::TStringMiddle) {
            let which = if self.kind() == TokKind::FStringMiddle {
                "f-string"
            } else {
                "t-string"
            };
            let r = Self::tok_range(self.toks[s]).to(Self::tok_range(self.toks[self.pos - 1]));
            return Err(self.error_at(
                r,
                format!("{which}: lambda expressions are not allowed without parentheses"),
            ));
        }
        let body = self.expression()?;
        Ok(self.expr(
            ExprKind::Lambda {
                args: Box::new(args),
                body: Box::new(body),
            },
            s,
        ))
    }

    /// `yield_expr`: `'yield' 'from' expression | 'yield' [star_expressions]`.
    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let s = self.pos;
        self.expect(TokKind::Yield)?;
        if self.eat(TokKind::From) {
            let v = self.expression()?;
            return Ok(self.expr(ExprKind::YieldFrom { value: Box::new(v) }, s));
        }
        let k = self.kind();
        let value = if k == TokKind::Star || starts_expression(k) {
            Some(Box::new(self.star_expressions()?))
        } else {
            None
        };
        Ok(self.expr(ExprKind::Yield { value }, s))
    }

    /// The expression after `*` in `starred_expression`; in the second pass a
    /// failure is `invalid_starred_expression`'s "Invalid star expression".
    fn starred_value(&mut self) -> PResult<Expr> {
        match self.expression() {
            Err(Fail::NoMatch) if self.invalid => Err(self.error_last("Invalid star expression")),
            r => r,
        }
    }

    /// `annotated_rhs`: `yield_expr | star_expressions`.
    pub(super) fn annotated_rhs(&mut self) -> PResult<Expr> {
        if self.at(TokKind::Yield) {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }
}
