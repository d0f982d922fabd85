//! Statements: simple statements (assignments, imports, `del`, `return`, ...),
//! compound statements (`if`, `while`, `for`, `with`, `try`, `def`, `class`,
//! `match`) and blocks.

use super::{Fail, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::TokKind;

impl<'s> Parser<'s> {
    /// `statements ENDMARKER` for a module.
    pub(super) fn statements_until_end(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        while !self.at(TokKind::EndMarker) {
            self.statement(&mut body)?;
        }
        Ok(body)
    }

    /// `statement_newline` for interactive input.
    pub(super) fn statement_newline(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        match self.kind() {
            TokKind::Newline => {
                let s = self.pos;
                self.bump();
                body.push(Stmt::new(StmtKind::Pass, self.range(s)));
            }
            TokKind::EndMarker => {}
            _ => {
                if self.is_compound_start() {
                    body.push(self.compound_stmt()?);
                    // The blank line that ends a compound statement is a NEWLINE
                    // in CPython's interactive tokenizer; ours drops it.
                    if !self.eat(TokKind::Newline) && !self.at(TokKind::EndMarker) {
                        return Err(Fail::NoMatch);
                    }
                } else {
                    self.simple_stmts(&mut body)?;
                }
            }
        }
        Ok(body)
    }

    fn is_compound_start(&mut self) -> bool {
        match self.kind() {
            TokKind::Def
            | TokKind::At
            | TokKind::If
            | TokKind::Class
            | TokKind::With
            | TokKind::For
            | TokKind::Try
            | TokKind::While => true,
            TokKind::Async => {
                matches!(self.kind_at(1), TokKind::Def | TokKind::With | TokKind::For)
            }
            _ => false,
        }
    }

    /// One `statement`, appended to `out`.
    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        if self.is_compound_start() {
            let st = self.compound_stmt()?;
            out.push(st);
            return Ok(());
        }
        if self.at_soft("match") {
            if let Some(st) = self.try_match_stmt()? {
                out.push(st);
                return Ok(());
            }
        }
        self.simple_stmts(out)
    }

    /// `simple_stmts`: `';'.simple_stmt+ [';'] NEWLINE`.
    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let st = self.simple_stmt()?;
            out.push(st);
            if self.eat(TokKind::Semi) {
                if self.at(TokKind::Newline) {
                    break;
                }
                continue;
            }
            break;
        }
        if !self.eat(TokKind::Newline) {
            return Err(Fail::NoMatch);
        }
        Ok(())
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let s = self.pos;
        let node = match self.kind() {
            TokKind::Return => {
                self.bump();
                let k = self.kind();
                let value = if k == TokKind::Star || super::expr::starts_expression(k) {
                    Some(Box::new(self.star_expressions()?))
                } else {
                    None
                };
                StmtKind::Return { value }
            }
            TokKind::Raise => self.raise_stmt()?,
            TokKind::Pass => {
                self.bump();
                StmtKind::Pass
            }
            TokKind::Break => {
                self.bump();
                StmtKind::Break
            }
            TokKind::Continue => {
                self.bump();
                StmtKind::Continue
            }
            TokKind::Del => self.del_stmt()?,
            TokKind::Assert => {
                self.bump();
                let test = self.expression()?;
                let msg = if self.eat(TokKind::Comma) {
                    Some(Box::new(self.expression()?))
                } else {
                    None
                };
                StmtKind::Assert {
                    test: Box::new(test),
                    msg,
                }
            }
            TokKind::Global | TokKind::Nonlocal => {
                let global = self.bump().kind == TokKind::Global;
                let mut names = Vec::new();
                loop {
                    let n = self.expect(TokKind::Name)?;
                    names.push(self.ident(n));
                    if !self.eat(TokKind::Comma) {
                        break;
                    }
                }
                if global {
                    StmtKind::Global { names }
                } else {
                    StmtKind::Nonlocal { names }
                }
            }
            TokKind::Import => self.import_name()?,
            TokKind::From => self.import_from()?,
            TokKind::Name
                if self.kind_at(1) == TokKind::Name && self.text(self.tok()) == "type" =>
            {
                if self.invalid {
                    self.invalid_expression()?;
                }
                self.type_alias()?
            }
            _ => return self.assignment_or_expr(),
        };
        Ok(Stmt::new(node, self.range(s)))
    }

    fn raise_stmt(&mut self) -> PResult<StmtKind> {
        self.bump();
        if !super::expr::starts_expression(self.kind()) {
            return Ok(StmtKind::Raise {
                exc: None,
                cause: None,
            });
        }
        let exc = self.expression()?;
        let cause = if self.eat(TokKind::From) {
            Some(Box::new(self.expression()?))
        } else {
            None
        };
        Ok(StmtKind::Raise {
            exc: Some(Box::new(exc)),
            cause,
        })
    }

    fn del_stmt(&mut self) -> PResult<StmtKind> {
        self.bump();
        let save = self.pos;
        match self.del_targets() {
            Ok(targets) if matches!(self.kind(), TokKind::Semi | TokKind::Newline) => {
                Ok(StmtKind::Delete { targets })
            }
            Err(Fail::Error(e)) => Err(Fail::Error(e)),
            _ => {
                if self.invalid {
                    self.pos = save;
                    return Err(self.invalid_del_target());
                }
                Err(Fail::NoMatch)
            }
        }
    }

    fn type_alias(&mut self) -> PResult<StmtKind> {
        self.bump(); // type
        let n = self.bump();
        let name = self.name_expr(n, ExprContext::Store);
        let type_params = if self.at(TokKind::LSqb) {
            self.type_params()?
        } else {
            Vec::new()
        };
        self.expect(TokKind::Equal)?;
        let value = self.expression()?;
        Ok(StmtKind::TypeAlias {
            name: Box::new(name),
            type_params,
            value: Box::new(value),
        })
    }

    // ----- imports ----------------------------------------------------------------

    fn import_name(&mut self) -> PResult<StmtKind> {
        let imp = self.bump();
        if self.invalid && self.at(TokKind::Newline) {
            let t = self.tok();
            return Err(self.error_at(
                Self::tok_range(t),
                "Expected one or more names after 'import'",
            ));
        }
        let _ = imp;
        let mut names = Vec::new();
        loop {
            let s = self.pos;
            let name = self.dotted_name()?;
            if self.invalid && self.at(TokKind::From) {
                return Err(self.error_at(
                    Self::tok_range(imp),
                    "Did you mean to use 'from ... import ...' instead?",
                ));
            }
            let asname = self.import_as()?;
            names.push(Alias {
                name,
                asname,
                range: self.range(s),
            });
            if !self.eat(TokKind::Comma) {
                break;
            }
        }
        Ok(StmtKind::Import { names })
    }

    fn import_as(&mut self) -> PResult<Option<Ident>> {
        if !self.eat(TokKind::As) {
            return Ok(None);
        }
        if self.kind() == TokKind::Name
            && matches!(
                self.kind_at(1),
                TokKind::Comma | TokKind::RPar | TokKind::Semi | TokKind::Newline
            )
        {
            let n = self.bump();
            return Ok(Some(self.ident(n)));
        }
        if self.invalid {
            if let Ok(e) = self.expression() {
                let what = super::errors::expr_name(&e);
                return Err(self.error_at(e.range, format!("cannot use {what} as import target")));
            }
        }
        let n = self.expect(TokKind::Name)?;
        Ok(Some(self.ident(n)))
    }

    fn dotted_name(&mut self) -> PResult<Ident> {
        let first = self.expect(TokKind::Name)?;
        if !self.at(TokKind::Dot) {
            return Ok(self.ident(first));
        }
        let mut name = String::from(crate::tokenizer::normalize_identifier(self.text(first)));
        while self.at(TokKind::Dot) && self.kind_at(1) == TokKind::Name {
            self.bump();
            let n = self.bump();
            name.push('.');
            name.push_str(&crate::tokenizer::normalize_identifier(self.text(n)));
        }
        Ok(name.into())
    }

    fn import_from(&mut self) -> PResult<StmtKind> {
        self.bump(); // from
        let mut level = 0;
        loop {
            match self.kind() {
                TokKind::Dot => level += 1,
                TokKind::Ellipsis => level += 3,
                _ => break,
            }
            self.bump();
        }
        let module = if self.at(TokKind::Name) {
            Some(self.dotted_name()?)
        } else if level == 0 {
            return Err(Fail::NoMatch);
        } else {
            None
        };
        self.expect(TokKind::Import)?;
        let mut names = Vec::new();
        if self.at(TokKind::Star) {
            let t = self.bump();
            names.push(Alias {
                name: "*".into(),
                asname: None,
                range: Self::tok_range(t),
            });
        } else {
            let paren = self.eat(TokKind::LPar);
            if self.invalid && !paren && self.at(TokKind::Newline) {
                let t = self.tok();
                return Err(self.error_at(
                    Self::tok_range(t),
                    "Expected one or more names after 'import'",
                ));
            }
            loop {
                let s = self.pos;
                let n = self.expect(TokKind::Name)?;
                let asname = self.import_as()?;
                names.push(Alias {
                    name: self.ident(n),
                    asname,
                    range: self.range(s),
                });
                if !self.eat(TokKind::Comma) {
                    break;
                }
                if paren && self.at(TokKind::RPar) {
                    break;
                }
                if !paren && self.at(TokKind::Newline) {
                    if self.invalid {
                        return Err(self.error_last(
                            "trailing comma not allowed without surrounding parentheses",
                        ));
                    }
                    return Err(Fail::NoMatch);
                }
            }
            if paren {
                self.expect(TokKind::RPar)?;
            } else if self.at(TokKind::Comma) {
                return Err(Fail::NoMatch);
            }
        }
        if module.as_deref() == Some("__future__")
            && names.iter().any(|a| &*a.name == "barry_as_FLUFL")
        {
            self.flufl = true;
        }
        Ok(StmtKind::ImportFrom {
            module,
            names,
            level,
        })
    }

    // ----- assignments and expression statements ---------------------------------

    fn assignment_or_expr(&mut self) -> PResult<Stmt> {
        let s = self.pos;
        // `NAME ':' expression ['=' annotated_rhs]`: a simple annotated assignment.
        if self.kind() == TokKind::Name && self.kind_at(1) == TokKind::Colon {
            let n = self.bump();
            self.bump();
            let annotation = self.expression()?;
            let value = if self.eat(TokKind::Equal) {
                Some(Box::new(self.annotated_rhs()?))
            } else {
                None
            };
            let target = self.name_expr(n, ExprContext::Store);
            return Ok(Stmt::new(
                StmtKind::AnnAssign {
                    target: Box::new(target),
                    annotation: Box::new(annotation),
                    value,
                    simple: 1,
                },
                self.range(s),
            ));
        }
        let first = if self.at(TokKind::Yield) {
            self.yield_expr()?
        } else {
            self.star_expressions()?
        };
        let k = self.kind();
        if k == TokKind::Colon {
            return self.ann_assign(s, first);
        }
        if k == TokKind::ColonEqual && self.invalid {
            // invalid_named_expression via invalid_assignment's star_named_expression.
            let bare_tuple =
                matches!(first.node, ExprKind::Tuple { .. }) && self.toks[s].kind != TokKind::LPar;
            let single = !(bare_tuple
                || matches!(first.node, ExprKind::Starred { .. } | ExprKind::Name { .. }));
            if single && self.expression_follows() {
                return Err(self.invalid_named_expression(&first));
            }
        }
        if k == TokKind::Equal {
            return self.assign(s, first);
        }
        if let Some(op) = augassign_op(k) {
            if !is_single_target(&first) {
                if self.invalid {
                    let what = super::errors::expr_name(&first);
                    return Err(self.error_at(
                        first.range,
                        format!("'{what}' is an illegal expression for augmented assignment"),
                    ));
                }
                return Err(Fail::NoMatch);
            }
            self.bump();
            let value = self.annotated_rhs()?;
            let mut target = first;
            super::targets::set_ctx(&mut target, ExprContext::Store);
            return Ok(Stmt::new(
                StmtKind::AugAssign {
                    target: Box::new(target),
                    op,
                    value: Box::new(value),
                },
                self.range(s),
            ));
        }
        if self.invalid && !matches!(k, TokKind::Newline | TokKind::Semi) {
            // CPython's assignment rule failed here too: try invalid_assignment.
            self.invalid_assignment_star_named(s)?;
        }
        Ok(Stmt::new(
            StmtKind::Expr {
                value: Box::new(first),
            },
            self.range(s),
        ))
    }

    fn ann_assign(&mut self, s: usize, first: Expr) -> PResult<Stmt> {
        let ok = matches!(
            first.node,
            ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
        );
        if !ok {
            // invalid_assignment's annotation rules need `':' expression`.
            if self.invalid && self.annotation_follows() {
                return Err(self.invalid_ann_target(&first));
            }
            return Err(Fail::NoMatch);
        }
        self.bump(); // ':'
        let annotation = self.expression()?;
        let value = if self.eat(TokKind::Equal) {
            Some(Box::new(self.annotated_rhs()?))
        } else {
            None
        };
        let mut target = first;
        super::targets::set_ctx(&mut target, ExprContext::Store);
        Ok(Stmt::new(
            StmtKind::AnnAssign {
                target: Box::new(target),
                annotation: Box::new(annotation),
                value,
                simple: 0,
            },
            self.range(s),
        ))
    }

    /// At an operator: whether an expression follows it (position unchanged).
    fn expression_follows(&mut self) -> bool {
        self.annotation_follows()
    }

    /// At `':'`: whether an expression follows it (position unchanged).
    fn annotation_follows(&mut self) -> bool {
        let save = self.pos;
        self.bump();
        self.invalid = false;
        let ok = self.expression().is_ok();
        self.invalid = true;
        self.pos = save;
        ok
    }

    fn assign(&mut self, s: usize, first: Expr) -> PResult<Stmt> {
        let mut targets = Vec::new();
        let mut pending = first;
        let value = loop {
            // `pending` is followed by '=': it must be a target. Checked before the
            // right-hand side is parsed, as CPython's star_targets fails right here.
            if super::targets::check_target(&pending, false).is_err() {
                if self.invalid {
                    return Err(self.invalid_assign_target(s, &pending));
                }
                return Err(Fail::NoMatch);
            }
            super::targets::set_ctx(&mut pending, ExprContext::Store);
            targets.push(pending);
            self.bump(); // '='
            let v = self.annotated_rhs()?;
            if !self.at(TokKind::Equal) {
                break v;
            }
            pending = v;
        };
        Ok(Stmt::new(
            StmtKind::Assign {
                targets,
                value: Box::new(value),
                type_comment: None,
            },
            self.range(s),
        ))
    }

    // ----- blocks -----------------------------------------------------------------

    /// `block`: `NEWLINE INDENT statements DEDENT | simple_stmts`. `what` and
    /// `line` describe the owner for "expected an indented block after ...".
    pub(super) fn block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if self.at(TokKind::Newline) {
            if self.kind_at(1) != TokKind::Indent {
                if self.invalid {
                    self.bump();
                    self.kind();
                    let msg = if what.is_empty() {
                        "expected an indented block".to_string()
                    } else {
                        format!("expected an indented block after {what} on line {line}")
                    };
                    return Err(self.indent_error_last(msg));
                }
                return Err(Fail::NoMatch);
            }
            self.bump();
            self.bump();
            self.enter(1)?;
            let r = self.block_body(&mut body);
            self.leave(1);
            r?;
            return Ok(body);
        }
        self.simple_stmts(&mut body)?;
        Ok(body)
    }

    fn block_body(&mut self, body: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            self.statement(body)?;
            if self.eat(TokKind::Dedent) {
                return Ok(());
            }
            if self.at(TokKind::EndMarker) {
                return Err(Fail::NoMatch);
            }
        }
    }

    /// `':' block`, with CPython's "expected ':'" in the second pass.
    fn colon_block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        if !self.eat(TokKind::Colon) {
            if self.invalid && self.at(TokKind::Newline) {
                return Err(self.error_last("expected ':'"));
            }
            return Err(Fail::NoMatch);
        }
        self.block(what, line)
    }

    /// `&&':' block`: a missing colon is an immediate error.
    fn forced_colon_block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        if !self.at(TokKind::Colon) {
            let t = self.tok();
            return Err(self.error_at(Self::tok_range(t), "expected ':'"));
        }
        self.bump();
        self.block(what, line)
    }

    // ----- compound statements ------------------------------------------------------

    fn compound_stmt(&mut self) -> PResult<Stmt> {
        match self.kind() {
            TokKind::At => self.decorated(),
            TokKind::Def => self.function_def(Vec::new()),
            TokKind::Class => self.class_def(Vec::new()),
            TokKind::If => self.if_stmt(),
            TokKind::While => self.while_stmt(),
            TokKind::For => self.for_stmt(),
            TokKind::With => self.with_stmt(),
            TokKind::Try => self.try_stmt(),
            TokKind::Async => match self.kind_at(1) {
                TokKind::Def => self.function_def(Vec::new()),
                TokKind::With => self.with_stmt(),
                _ => self.for_stmt(),
            },
            _ => Err(Fail::NoMatch),
        }
    }

    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat(TokKind::At) {
            decorators.push(self.named_expression()?);
            self.expect(TokKind::Newline)?;
        }
        match self.kind() {
            TokKind::Def => self.function_def(decorators),
            TokKind::Async if self.kind_at(1) == TokKind::Def => self.function_def(decorators),
            TokKind::Class => self.class_def(decorators),
            _ => Err(Fail::NoMatch),
        }
    }

    fn function_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let s = self.pos;
        let is_async = self.eat(TokKind::Async);
        let def = self.expect(TokKind::Def)?;
        let name = self.expect(TokKind::Name)?;
        let type_params = if self.at(TokKind::LSqb) {
            let save = self.pos;
            match self.type_params() {
                Ok(tp) => tp,
                Err(Fail::NoMatch) if self.invalid => {
                    self.pos = save;
                    Vec::new()
                }
                Err(e) => return Err(e),
            }
        } else {
            Vec::new()
        };
        if !self.at(TokKind::LPar) {
            if self.invalid {
                let t = self.tok();
                return Err(self.error_at(Self::tok_range(t), "expected '('"));
            }
            return Err(Fail::NoMatch);
        }
        self.bump();
        let args = self.parameters(false)?;
        self.expect(TokKind::RPar)?;
        let returns = if self.at(TokKind::RArrow) {
            let save = self.pos;
            self.bump();
            match self.expression() {
                Ok(e) => Some(Box::new(e)),
                Err(Fail::NoMatch) if self.invalid => {
                    self.pos = save;
                    None
                }
                Err(e) => return Err(e),
            }
        } else {
            None
        };
        let body = if self.invalid {
            self.forced_colon_block("function definition", def.lineno)?
        } else {
            self.colon_block("function definition", def.lineno)?
        };
        let f = Box::new(FunctionDef {
            name: self.ident(name),
            args: Box::new(args),
            body,
            decorator_list,
            returns,
            type_comment: None,
            type_params,
        });
        let node = if is_async {
            StmtKind::AsyncFunctionDef(f)
        } else {
            StmtKind::FunctionDef(f)
        };
        Ok(Stmt::new(node, self.range(s)))
    }

    fn class_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let s = self.pos;
        let class = self.bump();
        let name = self.expect(TokKind::Name)?;
        let type_params = if self.at(TokKind::LSqb) {
            self.type_params()?
        } else {
            Vec::new()
        };
        let (bases, keywords) = if self.at(TokKind::LPar) {
            self.class_arguments()?
        } else {
            (Vec::new(), Vec::new())
        };
        let body = self.colon_block("class definition", class.lineno)?;
        Ok(Stmt::new(
            StmtKind::ClassDef(Box::new(ClassDef {
                name: self.ident(name),
                bases,
                keywords,
                body,
                decorator_list,
                type_params,
            })),
            self.range(s),
        ))
    }

    /// The `(arguments)` of a class definition.
    fn class_arguments(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        self.arguments(false)
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let s = self.pos;
        let kw = self.bump();
        let test = self.named_expression()?;
        let what = if kw.kind == TokKind::If {
            "'if' statement"
        } else {
            "'elif' statement"
        };
        let body = self.colon_block(what, kw.lineno)?;
        let orelse = if self.at(TokKind::Elif) {
            vec![self.if_stmt()?]
        } else if self.at(TokKind::Else) {
            self.else_block()?
        } else {
            Vec::new()
        };
        Ok(Stmt::new(
            StmtKind::If {
                test: Box::new(test),
                body,
                orelse,
            },
            self.range(s),
        ))
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        let kw = self.bump();
        let body = self.forced_colon_block("'else' statement", kw.lineno)?;
        if self.invalid && self.at(TokKind::Elif) {
            return Err(self.error_last("'elif' block follows an 'else' block"));
        }
        Ok(body)
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let s = self.pos;
        let kw = self.bump();
        let test = self.named_expression()?;
        let body = self.colon_block("'while' statement", kw.lineno)?;
        let orelse = if self.at(TokKind::Else) {
            self.else_block()?
        } else {
            Vec::new()
        };
        Ok(Stmt::new(
            StmtKind::While {
                test: Box::new(test),
                body,
                orelse,
            },
            self.range(s),
        ))
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        let s = self.pos;
        let is_async = self.eat(TokKind::Async);
        let kw = self.expect(TokKind::For)?;
        let target = match self.star_targets() {
            Ok(t) => t,
            Err(Fail::NoMatch) if self.invalid => return Err(self.invalid_for_target(s)),
            Err(e) => return Err(e),
        };
        if !self.eat(TokKind::In) {
            if self.invalid {
                return Err(self.invalid_for_target(s));
            }
            return Err(Fail::NoMatch);
        }
        let iter = self.star_expressions()?;
        let body = self.colon_block("'for' statement", kw.lineno)?;
        let orelse = if self.at(TokKind::Else) {
            self.else_block()?
        } else {
            Vec::new()
        };
        let f = Box::new(For {
            target,
            iter,
            body,
            orelse,
            type_comment: None,
        });
        let node = if is_async {
            StmtKind::AsyncFor(f)
        } else {
            StmtKind::For(f)
        };
        Ok(Stmt::new(node, self.range(s)))
    }

    fn with_stmt(&mut self) -> PResult<Stmt> {
        let s = self.pos;
        let is_async = self.eat(TokKind::Async);
        let kw = self.expect(TokKind::With)?;
        let mut items = None;
        if self.at(TokKind::LPar) {
            let save = self.pos;
            match self.paren_with_items() {
                Ok(it) => items = Some(it),
                Err(Fail::NoMatch) => self.pos = save,
                Err(e) => return Err(e),
            }
        }
        let items = match items {
            Some(it) => it,
            None => {
                let mut it = Vec::new();
                loop {
                    it.push(self.with_item()?);
                    if !self.eat(TokKind::Comma) {
                        break;
                    }
                }
                it
            }
        };
        let body = self.colon_block("'with' statement", kw.lineno)?;
        let node = if is_async {
            StmtKind::AsyncWith {
                items,
                body,
                type_comment: None,
            }
        } else {
            StmtKind::With {
                items,
                body,
                type_comment: None,
            }
        };
        Ok(Stmt::new(node, self.range(s)))
    }

    /// `'(' ','.with_item+ ','? ')'` followed by `':'`.
    fn paren_with_items(&mut self) -> PResult<Vec<WithItem>> {
        self.bump(); // (
        let mut items = Vec::new();
        loop {
            items.push(self.with_item()?);
            if !self.eat(TokKind::Comma) {
                break;
            }
            if self.at(TokKind::RPar) {
                break;
            }
        }
        self.expect(TokKind::RPar)?;
        if !self.at(TokKind::Colon) {
            if self.invalid && self.at(TokKind::Newline) {
                return Err(self.error_last("expected ':'"));
            }
            return Err(Fail::NoMatch);
        }
        Ok(items)
    }

    /// `with_item`: `expression ['as' star_target]`.
    fn with_item(&mut self) -> PResult<WithItem> {
        let context_expr = self.expression()?;
        if self.at(TokKind::As) {
            let save = self.pos;
            self.bump();
            let target_start = self.pos;
            match self.star_target() {
                Ok(t)
                    if self.invalid
                        || matches!(
                            self.kind(),
                            TokKind::Comma | TokKind::RPar | TokKind::Colon
                        ) =>
                {
                    return Ok(WithItem {
                        context_expr,
                        optional_vars: Some(Box::new(t)),
                    });
                }
                Err(Fail::Error(e)) => return Err(Fail::Error(e)),
                _ => {
                    if self.invalid {
                        self.pos = target_start;
                        if let Ok(e) = self.expression() {
                            if matches!(
                                self.kind(),
                                TokKind::Comma | TokKind::RPar | TokKind::Colon
                            ) {
                                let bad = super::targets::invalid_target(
                                    &e,
                                    super::errors::TargetKind::Star,
                                )
                                .unwrap_or(&e);
                                return Err(
                                    self.invalid_target_error(bad, super::errors::TargetKind::Star)
                                );
                            }
                        }
                    }
                    self.pos = save;
                }
            }
        }
        Ok(WithItem {
            context_expr,
            optional_vars: None,
        })
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let s = self.pos;
        let kw = self.bump();
        let body = self.forced_colon_block("'try' statement", kw.lineno)?;
        let mut handlers = Vec::new();
        let mut star = None;
        while self.at(TokKind::Except) {
            let is_star = self.kind_at(1) == TokKind::Star;
            match star {
                None => star = Some(is_star),
                Some(prev) if prev != is_star => {
                    if self.invalid {
                        let a = self.tok();
                        let r = if is_star {
                            Self::tok_range(a).to(Self::tok_range(self.tok_at(self.pos + 1)))
                        } else {
                            Self::tok_range(a)
                        };
                        return Err(self.error_at(
                            r,
                            "cannot have both 'except' and 'except*' on the same 'try'",
                        ));
                    }
                    return Err(Fail::NoMatch);
                }
                _ => {}
            }
            handlers.push(self.except_block(is_star)?);
        }
        let orelse = if !handlers.is_empty() && self.at(TokKind::Else) {
            self.else_block()?
        } else {
            Vec::new()
        };
        let finalbody = if self.at(TokKind::Finally) {
            let f = self.bump();
            self.forced_colon_block("'finally' statement", f.lineno)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            if self.invalid {
                return Err(self.error_last("expected 'except' or 'finally' block"));
            }
            return Err(Fail::NoMatch);
        }
        let t = Box::new(Try {
            body,
            handlers,
            orelse,
            finalbody,
        });
        let node = if star == Some(true) {
            StmtKind::TryStar(t)
        } else {
            StmtKind::Try(t)
        };
        Ok(Stmt::new(node, self.range(s)))
    }

    fn except_block(&mut self, is_star: bool) -> PResult<ExceptHandler> {
        let s = self.pos;
        let kw = self.bump();
        if is_star {
            self.bump();
        }
        let what = if is_star {
            "'except*' statement"
        } else {
            "'except' statement"
        };
        let mut ty = None;
        let mut name = None;
        if !self.at(TokKind::Colon) {
            if is_star && self.invalid && self.at(TokKind::Newline) {
                return Err(self.error_last("expected one or more exception types"));
            }
            let es = self.pos;
            let e = self.expression()?;
            if self.at(TokKind::As) {
                self.bump();
                if self.kind() == TokKind::Name
                    && matches!(self.kind_at(1), TokKind::Colon | TokKind::Newline)
                {
                    let n = self.bump();
                    name = Some(self.ident(n));
                } else {
                    if self.invalid {
                        if let Ok(t) = self.expression() {
                            let w = super::errors::expr_name(&t);
                            let kwname = if is_star { "except*" } else { "except" };
                            return Err(self.error_at(
                                t.range,
                                format!("cannot use {kwname} statement with {w}"),
                            ));
                        }
                    }
                    return Err(Fail::NoMatch);
                }
                ty = Some(Box::new(e));
            } else if self.at(TokKind::Comma) {
                let mut elts = vec![e];
                while self.eat(TokKind::Comma) {
                    if !super::expr::starts_expression(self.kind()) {
                        break;
                    }
                    elts.push(self.expression()?);
                }
                if self.at(TokKind::As) {
                    if self.invalid {
                        let r = elts[0].range;
                        return Err(self.error_at(
                            r,
                            "multiple exception types must be parenthesized when using 'as'",
                        ));
                    }
                    return Err(Fail::NoMatch);
                }
                ty = Some(Box::new(self.expr(
                    ExprKind::Tuple {
                        elts,
                        ctx: ExprContext::Load,
                    },
                    es,
                )));
            } else {
                ty = Some(Box::new(e));
            }
        } else if is_star {
            if self.invalid {
                return Err(self.error_last("expected one or more exception types"));
            }
            return Err(Fail::NoMatch);
        }
        let body = self.colon_block(what, kw.lineno)?;
        Ok(ExceptHandler {
            ty,
            name,
            body,
            range: self.range(s),
        })
    }

    // ----- match ----------------------------------------------------------------------

    /// `match_stmt`, or `None` (position restored) when `match` is a plain name.
    fn try_match_stmt(&mut self) -> PResult<Option<Stmt>> {
        let s = self.pos;
        let kw = self.bump();
        let k = self.kind();
        if !(k == TokKind::Star || super::expr::starts_expression(k)) {
            self.pos = s;
            return Ok(None);
        }
        let subject = match self.subject_expr() {
            Ok(e) => e,
            Err(Fail::NoMatch) => {
                self.pos = s;
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        if !self.at(TokKind::Colon) {
            if self.invalid && self.at(TokKind::Newline) {
                return Err(self.error_last("expected ':'"));
            }
            self.pos = s;
            return Ok(None);
        }
        self.bump();
        if !self.at(TokKind::Newline) {
            self.pos = s;
            return Ok(None);
        }
        self.bump();
        if !self.at(TokKind::Indent) {
            if self.invalid {
                return Err(self.indent_error_last(format!(
                    "expected an indented block after 'match' statement on line {}",
                    kw.lineno
                )));
            }
            self.pos = s;
            return Ok(None);
        }
        self.bump();
        let mut cases = Vec::new();
        while self.at_soft("case") {
            cases.push(self.case_block()?);
        }
        if cases.is_empty() {
            self.pos = s;
            return Ok(None);
        }
        self.expect(TokKind::Dedent)?;
        Ok(Some(Stmt::new(
            StmtKind::Match {
                subject: Box::new(subject),
                cases,
            },
            self.range(s),
        )))
    }

    fn subject_expr(&mut self) -> PResult<Expr> {
        let s = self.pos;
        let first = self.star_named_expression()?;
        if !self.at(TokKind::Comma) {
            if matches!(first.node, ExprKind::Starred { .. }) {
                return Err(Fail::NoMatch);
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat(TokKind::Comma) {
            let k = self.kind();
            if !(k == TokKind::Star || super::expr::starts_expression(k)) {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        Ok(self.expr(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            s,
        ))
    }

    fn case_block(&mut self) -> PResult<MatchCase> {
        let kw = self.bump(); // case
        let pattern = self.patterns()?;
        let guard = if self.eat(TokKind::If) {
            Some(Box::new(self.named_expression()?))
        } else {
            None
        };
        let body = self.colon_block("'case' statement", kw.lineno)?;
        Ok(MatchCase {
            pattern,
            guard,
            body,
        })
    }
}

fn augassign_op(k: TokKind) -> Option<Operator> {
    use TokKind as T;
    Some(match k {
        T::PlusEqual => Operator::Add,
        T::MinEqual => Operator::Sub,
        T::StarEqual => Operator::Mult,
        T::AtEqual => Operator::MatMult,
        T::SlashEqual => Operator::Div,
        T::PercentEqual => Operator::Mod,
        T::AmperEqual => Operator::BitAnd,
        T::VBarEqual => Operator::BitOr,
        T::CircumflexEqual => Operator::BitXor,
        T::LeftShiftEqual => Operator::LShift,
        T::RightShiftEqual => Operator::RShift,
        T::DoubleStarEqual => Operator::Pow,
        T::DoubleSlashEqual => Operator::FloorDiv,
        _ => return None,
    })
}

fn is_single_target(e: &Expr) -> bool {
    matches!(
        e.node,
        ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
    )
}
