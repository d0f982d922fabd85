//! Code generation for statements (CPython's `codegen_visit_stmt` and friends).

use super::*;
use crate::opcode::{Intrinsic1, Intrinsic2, SpecialMethod};
use crate::symtable::{docstring_of, key_of, tag};

const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// Validates `from __future__` imports (CPython's `future.c`); returns whether
/// `annotations` is in effect.
pub(super) fn check_future(m: &Mod) -> CResult<bool> {
    let Mod::Module { body, .. } = m else {
        return Ok(false);
    };
    let mut annotations = false;
    let mut done = false;
    for (i, s) in body.iter().enumerate() {
        if i == 0 && docstring_of(body).is_some() {
            continue;
        }
        match &s.node {
            StmtKind::ImportFrom {
                module: Some(m),
                names,
                level: 0,
            } if &**m == "__future__" => {
                if done {
                    return Err(err_at(
                        "from __future__ imports must occur at the beginning of the file",
                        s.range,
                    ));
                }
                for a in names {
                    match &*a.name {
                        "annotations" => annotations = true,
                        "braces" => return Err(err_at("not a chance", a.range)),
                        n if FUTURE_FEATURES.contains(&n) => {}
                        n => {
                            return Err(err_at(
                                format!("future feature {n} is not defined"),
                                a.range,
                            ))
                        }
                    }
                }
            }
            _ => done = true,
        }
    }
    Ok(annotations)
}

/// Cleans a docstring as CPython's `_PyCompile_CleanDoc`: expands tabs, then removes
/// the common indentation of all lines but the first, and the first line's indentation.
pub(super) fn clean_doc(doc: &Wtf8Buf) -> Wtf8Buf {
    // Expand tabs (tab size 8), counting columns in code points.
    let mut cps: Vec<u32> = Vec::with_capacity(doc.len());
    let mut col = 0usize;
    for cp in doc.code_points() {
        match cp {
            0x09 => {
                let n = 8 - col % 8;
                cps.extend(std::iter::repeat_n(0x20, n));
                col += n;
            }
            0x0A | 0x0D => {
                cps.push(cp);
                col = 0;
            }
            _ => {
                cps.push(cp);
                col += 1;
            }
        }
    }
    let nl = 0x0A;
    let sp = 0x20;
    // Minimum indentation of non-blank lines after the first.
    let mut margin = usize::MAX;
    let mut i = cps.iter().position(|&c| c == nl).unwrap_or(cps.len());
    while i < cps.len() {
        i += 1; // skip '\n'
        let start = i;
        while i < cps.len() && cps[i] == sp {
            i += 1;
        }
        if i < cps.len() && cps[i] != nl {
            margin = margin.min(i - start);
        }
        while i < cps.len() && cps[i] != nl {
            i += 1;
        }
    }
    if margin == usize::MAX {
        margin = 0;
    }
    let mut out = Wtf8Buf::with_capacity(doc.len());
    let mut p = 0;
    while p < cps.len() && cps[p] == sp {
        p += 1;
    }
    while p < cps.len() {
        let c = cps[p];
        out.push_code_point(c);
        p += 1;
        if c == nl {
            break;
        }
    }
    while p < cps.len() {
        let mut k = 0;
        while k < margin && p < cps.len() && cps[p] == sp {
            p += 1;
            k += 1;
        }
        while p < cps.len() {
            let c = cps[p];
            out.push_code_point(c);
            p += 1;
            if c == nl {
                break;
            }
        }
    }
    out
}

fn docstring_value(body: &[Stmt]) -> Option<&Wtf8Buf> {
    match &docstring_of(body)?.node {
        ExprKind::Constant {
            value: Constant::Str(s),
            ..
        } => Some(s),
        _ => None,
    }
}

/// Collects the simple annotated names of a module/class body, in execution order,
/// without descending into nested scopes.
fn collect_annotations<'a>(body: &'a [Stmt], out: &mut Vec<&'a Stmt>) {
    for s in body {
        match &s.node {
            StmtKind::AnnAssign {
                target, simple: 1, ..
            } if matches!(target.node, ExprKind::Name { .. }) => out.push(s),
            StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                collect_annotations(&f.body, out);
                collect_annotations(&f.orelse, out);
            }
            StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
                collect_annotations(body, out);
                collect_annotations(orelse, out);
            }
            StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => {
                collect_annotations(body, out)
            }
            StmtKind::Match { cases, .. } => {
                for c in cases {
                    collect_annotations(&c.body, out);
                }
            }
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                collect_annotations(&t.body, out);
                for h in &t.handlers {
                    collect_annotations(&h.body, out);
                }
                collect_annotations(&t.orelse, out);
                collect_annotations(&t.finalbody, out);
            }
            _ => {}
        }
    }
}

impl<'a> Compiler<'a> {
    pub(super) fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(super) fn module_body(&mut self, body: &'a [Stmt]) -> CResult {
        let has_cond = self.ste().has_conditional_annotations;
        if !self.future_annotations {
            let mut anns = Vec::new();
            collect_annotations(body, &mut anns);
            if !anns.is_empty() {
                let first = anns[0].range;
                self.set_loc(first);
                for (i, s) in anns.iter().enumerate() {
                    self.u()
                        .deferred_annotations
                        .push((s, if has_cond { Some(i as u32) } else { None }));
                }
                self.emit_deferred_annotations(first)?;
            }
        }
        if has_cond {
            if let Some(s) = body.first() {
                self.set_loc(s.range);
            }
            self.emit_arg(Opcode::BuildSet, 0);
            let i = self.add_name_raw("__conditional_annotations__");
            self.emit_arg(Opcode::StoreName, i);
        }
        self.scope_body(body)
    }

    /// Module/class body: docstring, statements (CPython's `codegen_body`).
    fn scope_body(&mut self, body: &'a [Stmt]) -> CResult {
        if self.future_annotations && self.ste().annotations_used {
            if let Some(s) = body.first() {
                self.set_loc(s.range);
            }
            self.emit(Opcode::SetupAnnotations);
        }
        let mut rest = body;
        if let Some(doc) = docstring_value(body) {
            rest = &body[1..];
            if self.optimize < 2 {
                self.set_loc(body[0].range);
                self.load_const(Constant::Str(clean_doc(doc)));
                self.nameop("__doc__", ExprContext::Store)?;
            }
        }
        self.stmts(rest)
    }

    pub(super) fn stmt(&mut self, s: &'a Stmt) -> CResult {
        self.enter_nesting(s.range)?;
        let saved = self.set_loc(s.range);
        let r = self.stmt_inner(s);
        self.u().loc = saved;
        self.leave_nesting();
        r
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> CResult {
        let r = s.range;
        match &s.node {
            StmtKind::FunctionDef(fd) => self.function_def(s, fd, false),
            StmtKind::AsyncFunctionDef(fd) => self.function_def(s, fd, true),
            StmtKind::ClassDef(cd) => self.class_def(s, cd),
            StmtKind::Return { value } => self.return_stmt(s, value.as_deref()),
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.expr(t)?;
                }
                Ok(())
            }
            StmtKind::Assign { targets, value, .. } => {
                if targets.len() == 1 && self.try_unpack_assign(&targets[0], value)? {
                    return Ok(());
                }
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit_arg(Opcode::Copy, 1);
                    }
                    self.expr(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => {
                self.aug_assign(s.range, target, *op, value)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.ann_assign(s, target, annotation, value.as_deref(), *simple),
            StmtKind::TypeAlias {
                name,
                type_params,
                value,
            } => self.type_alias(s, name, type_params, value),
            StmtKind::For(f) => self.for_stmt(s, f),
            StmtKind::AsyncFor(f) => self.async_for(s, f),
            StmtKind::While { test, body, orelse } => {
                let lp = self.new_block();
                let body_b = self.new_block();
                let end = self.new_block();
                let anchor = self.new_block();
                self.use_block(lp);
                self.push_fblock(FBlockKind::WhileLoop, lp, end)?;
                self.jump_if(test, anchor, false)?;
                self.use_block(body_b);
                self.stmts(body)?;
                self.u().loc = Location::NONE;
                self.jump(lp);
                self.pop_fblock();
                self.use_block(anchor);
                self.stmts(orelse)?;
                self.use_block(end);
                Ok(())
            }
            StmtKind::If { test, body, orelse } => {
                let end = self.new_block();
                let next = if orelse.is_empty() {
                    end
                } else {
                    self.new_block()
                };
                self.jump_if(test, next, false)?;
                self.stmts(body)?;
                if !orelse.is_empty() {
                    self.u().loc = Location::NONE;
                    self.jump(end);
                    self.use_block(next);
                    self.stmts(orelse)?;
                }
                self.use_block(end);
                Ok(())
            }
            StmtKind::With { items, body, .. } => self.with_stmt(s, items, body, 0, false),
            StmtKind::AsyncWith { items, body, .. } => {
                if !self.is_async_context() {
                    return Err(err_at("'async with' outside async function", r));
                }
                self.with_stmt(s, items, body, 0, true)
            }
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n += 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n += 1;
                    }
                }
                self.set_loc(r);
                self.emit_arg(Opcode::RaiseVarargs, n);
                Ok(())
            }
            StmtKind::Try(t) => {
                if t.finalbody.is_empty() {
                    self.try_except(t)
                } else {
                    self.try_finally(t, false)
                }
            }
            StmtKind::TryStar(t) => {
                if t.finalbody.is_empty() {
                    self.try_star_except(t)
                } else {
                    self.try_finally(t, true)
                }
            }
            StmtKind::Assert { test, msg } => {
                if self.optimize > 0 {
                    return Ok(());
                }
                if let ExprKind::Tuple { elts, .. } = &test.node {
                    if !elts.is_empty() {
                        self.warn(
                            "assertion is always true, perhaps remove parentheses?",
                            test.range,
                        );
                    }
                }
                let end = self.new_block();
                self.jump_if(test, end, true)?;
                self.emit_arg(
                    Opcode::LoadCommonConstant,
                    crate::opcode::CommonConstant::AssertionError as u32,
                );
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit_arg(Opcode::Call, 0);
                }
                self.set_loc(r);
                self.emit_arg(Opcode::RaiseVarargs, 1);
                self.use_block(end);
                Ok(())
            }
            StmtKind::Import { names } => {
                for a in names {
                    self.set_loc(a.range);
                    self.load_const(Constant::Int(Int::Small(0)));
                    self.load_const(Constant::None);
                    let ni = self.add_name(&a.name);
                    self.emit_arg(Opcode::ImportName, ni);
                    if let Some(asname) = &a.asname {
                        let parts: Vec<&str> = a.name.split('.').collect();
                        if parts.len() > 1 {
                            for (i, p) in parts[1..].iter().enumerate() {
                                let ni = self.add_name(p);
                                self.emit_arg(Opcode::ImportFrom, ni);
                                if i + 2 < parts.len() {
                                    self.emit_arg(Opcode::Swap, 2);
                                    self.emit(Opcode::PopTop);
                                }
                            }
                            self.nameop(asname, ExprContext::Store)?;
                            self.emit(Opcode::PopTop);
                        } else {
                            self.nameop(asname, ExprContext::Store)?;
                        }
                    } else {
                        let first = a.name.split('.').next().unwrap_or(&a.name);
                        self.nameop(first, ExprContext::Store)?;
                    }
                }
                Ok(())
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                self.load_const(Constant::Int(Int::Small(*level as i64)));
                let fromlist = names
                    .iter()
                    .map(|a| Constant::str(&a.name))
                    .collect::<Vec<_>>();
                self.load_const(Constant::Tuple(fromlist));
                let ni = self.add_name(module.as_deref().unwrap_or(""));
                self.emit_arg(Opcode::ImportName, ni);
                if names.len() == 1 && &*names[0].name == "*" {
                    self.emit_arg(Opcode::CallIntrinsic1, Intrinsic1::ImportStar as u32);
                    self.emit(Opcode::PopTop);
                    return Ok(());
                }
                for a in names {
                    self.set_loc(a.range);
                    let ni = self.add_name(&a.name);
                    self.emit_arg(Opcode::ImportFrom, ni);
                    let store = a.asname.as_deref().unwrap_or(&a.name);
                    self.nameop(store, ExprContext::Store)?;
                }
                self.emit(Opcode::PopTop);
                Ok(())
            }
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => Ok(()),
            StmtKind::Expr { value } => {
                if self.interactive && self.units.len() == 1 {
                    self.expr(value)?;
                    self.emit_arg(Opcode::CallIntrinsic1, Intrinsic1::Print as u32);
                    self.emit(Opcode::PopTop);
                    return Ok(());
                }
                if let ExprKind::Constant { .. } = value.node {
                    // A constant statement has no effect; keep a NOP for the line.
                    self.emit(Opcode::Nop);
                    return Ok(());
                }
                self.expr(value)?;
                self.set_loc(r);
                self.emit(Opcode::PopTop);
                Ok(())
            }
            StmtKind::Pass => {
                self.emit(Opcode::Nop);
                Ok(())
            }
            StmtKind::Break => {
                self.emit(Opcode::Nop);
                let lp = self.unwind_fblock_stack(false, true, r)?;
                let Some(lp) =
                    lp.filter(|l| matches!(l.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop))
                else {
                    return Err(err_at("'break' outside loop", r));
                };
                self.unwind_fblock(&lp, false)?;
                self.jump(lp.exit);
                let dead = self.new_block();
                self.use_block(dead);
                Ok(())
            }
            StmtKind::Continue => {
                self.emit(Opcode::Nop);
                let lp = self.unwind_fblock_stack(false, true, r)?;
                let Some(lp) =
                    lp.filter(|l| matches!(l.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop))
                else {
                    return Err(err_at("'continue' not properly in loop", r));
                };
                self.jump(lp.block);
                let dead = self.new_block();
                self.use_block(dead);
                Ok(())
            }
        }
    }

    pub(super) fn is_async_context(&self) -> bool {
        self.ur().kind == UnitKind::AsyncFunction
            || (self.ur().kind == UnitKind::Comprehension && self.ste().coroutine)
    }

    fn return_stmt(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> CResult {
        let ste = self.ste();
        if !ste.is_function_like() {
            return Err(err_at("'return' outside function", s.range));
        }
        if value.is_some() && ste.coroutine && ste.generator {
            return Err(err_at("'return' with value in async generator", s.range));
        }
        let preserve_tos = value.is_some_and(|v| !matches!(v.node, ExprKind::Constant { .. }));
        if let Some(v) = value {
            if preserve_tos {
                self.expr(v)?;
            } else {
                self.set_loc(v.range);
                self.emit(Opcode::Nop);
            }
        }
        if value.is_none_or(|v| v.range.lineno != s.range.lineno) {
            self.set_loc(s.range);
            self.emit(Opcode::Nop);
        }
        self.unwind_fblock_stack(preserve_tos, false, s.range)?;
        match value {
            None => self.load_const(Constant::None),
            Some(v) if !preserve_tos => {
                if let ExprKind::Constant { value, .. } = &v.node {
                    self.load_const(value.clone());
                }
            }
            _ => {}
        }
        self.emit(Opcode::ReturnValue);
        let dead = self.new_block();
        self.use_block(dead);
        Ok(())
    }

    /// `a, b = x, y` with constant-free sides of equal length: no tuple is built.
    fn try_unpack_assign(&mut self, target: &'a Expr, value: &'a Expr) -> CResult<bool> {
        let (ExprKind::Tuple { elts: t, .. } | ExprKind::List { elts: t, .. }) = &target.node
        else {
            return Ok(false);
        };
        let (ExprKind::Tuple { elts: v, .. } | ExprKind::List { elts: v, .. }) = &value.node else {
            return Ok(false);
        };
        let starred = |es: &[Expr]| {
            es.iter()
                .any(|e| matches!(e.node, ExprKind::Starred { .. }))
        };
        if t.len() != v.len() || t.len() > 3 || t.is_empty() || starred(t) || starred(v) {
            return Ok(false);
        }
        for e in v {
            self.expr(e)?;
        }
        if t.len() > 1 {
            // x, y (, z) -> SWAP puts the first value on top: store in order.
            self.set_loc(value.range);
            self.emit_arg(Opcode::Swap, t.len() as u32);
        }
        for e in t {
            self.expr(e)?;
        }
        Ok(true)
    }

    fn aug_assign(
        &mut self,
        stmt: Range,
        target: &'a Expr,
        op: Operator,
        value: &'a Expr,
    ) -> CResult {
        let binop = super::expr::inplace_binop(op);
        match &target.node {
            ExprKind::Attribute {
                value: obj, attr, ..
            } => {
                self.expr(obj)?;
                self.set_loc(target.range);
                self.emit_arg(Opcode::Copy, 1);
                let ni = self.add_name(attr);
                self.set_attr_loc(target.range, target);
                self.emit_arg(Opcode::LoadAttr, ni << 1);
                self.expr(value)?;
                self.set_loc(stmt);
                self.emit_arg(Opcode::BinaryOp, binop);
                self.set_attr_loc(target.range, target);
                self.emit_arg(Opcode::Swap, 2);
                self.maybe_add_static_attribute(obj, attr);
                self.emit_arg(Opcode::StoreAttr, ni);
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                self.expr(obj)?;
                if let Some((lo, hi)) = super::expr::two_part_slice(slice) {
                    self.slice_parts(lo, hi)?;
                    self.emit_arg(Opcode::Copy, 3);
                    self.emit_arg(Opcode::Copy, 3);
                    self.emit_arg(Opcode::Copy, 3);
                    self.emit(Opcode::BinarySlice);
                    self.expr(value)?;
                    self.set_loc(stmt);
                    self.emit_arg(Opcode::BinaryOp, binop);
                    self.set_loc(target.range);
                    self.emit_arg(Opcode::Swap, 4);
                    self.emit_arg(Opcode::Swap, 3);
                    self.emit_arg(Opcode::Swap, 2);
                    self.emit(Opcode::StoreSlice);
                } else {
                    self.expr(slice)?;
                    self.emit_arg(Opcode::Copy, 2);
                    self.emit_arg(Opcode::Copy, 2);
                    self.set_loc(target.range);
                    self.emit_arg(Opcode::BinaryOp, crate::opcode::BinaryOp::Subscr as u32);
                    self.expr(value)?;
                    self.set_loc(stmt);
                    self.emit_arg(Opcode::BinaryOp, binop);
                    self.set_loc(target.range);
                    self.emit_arg(Opcode::Swap, 3);
                    self.emit_arg(Opcode::Swap, 2);
                    self.emit(Opcode::StoreSubscr);
                }
            }
            ExprKind::Name { id, .. } => {
                self.nameop(id, ExprContext::Load)?;
                self.expr(value)?;
                self.set_loc(stmt);
                self.emit_arg(Opcode::BinaryOp, binop);
                self.set_loc(target.range);
                self.nameop(id, ExprContext::Store)?;
            }
            _ => {
                return Err(err_at(
                    "illegal expression for augmented assignment",
                    target.range,
                ))
            }
        }
        Ok(())
    }

    fn ann_assign(
        &mut self,
        s: &'a Stmt,
        target: &'a Expr,
        annotation: &'a Expr,
        value: Option<&'a Expr>,
        simple: u8,
    ) -> CResult {
        if let Some(v) = value {
            self.expr(v)?;
            self.expr(target)?;
        }
        match &target.node {
            ExprKind::Name { id, .. } => {
                let module_or_class = matches!(self.ur().kind, UnitKind::Module | UnitKind::Class);
                if simple != 0 && module_or_class {
                    if self.future_annotations {
                        let text = super::unparse::unparse(annotation);
                        self.set_loc(s.range);
                        self.load_const(Constant::Str(text.into()));
                        let ni = self.add_name_raw("__annotations__");
                        if self.ur().kind == UnitKind::Class {
                            self.emit_arg(Opcode::LoadName, ni);
                        } else {
                            self.emit_arg(Opcode::LoadName, ni);
                        }
                        let m = self.mangle(id);
                        self.load_const(Constant::str(&m));
                        self.emit(Opcode::StoreSubscr);
                    } else {
                        let idx = self.annotation_index(s);
                        if let Some(i) = idx {
                            self.set_loc(s.range);
                            if self.ur().kind == UnitKind::Class {
                                let c = self
                                    .ur()
                                    .cellvars
                                    .get("__conditional_annotations__")
                                    .unwrap_or(0);
                                self.emit_arg(Opcode::LoadDeref, c | CELL_TAG);
                            } else {
                                let ni = self.add_name_raw("__conditional_annotations__");
                                self.emit_arg(Opcode::LoadName, ni);
                            }
                            self.load_const(Constant::Int(Int::Small(i as i64)));
                            self.emit_arg(Opcode::SetAdd, 1);
                            self.emit(Opcode::PopTop);
                        }
                    }
                }
            }
            ExprKind::Attribute { value: obj, .. } => {
                if value.is_none() {
                    self.expr(obj)?;
                    self.emit(Opcode::PopTop);
                }
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                if value.is_none() {
                    self.expr(obj)?;
                    self.emit(Opcode::PopTop);
                    self.check_ann_subscr(slice)?;
                }
            }
            _ => {
                return Err(err_at(
                    "invalid node type for annotated assignment",
                    target.range,
                ))
            }
        }
        Ok(())
    }

    fn check_ann_subscr(&mut self, e: &'a Expr) -> CResult {
        match &e.node {
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x)?;
                    self.emit(Opcode::PopTop);
                }
            }
            ExprKind::Tuple { elts, .. } => {
                for x in elts {
                    self.check_ann_subscr(x)?;
                }
            }
            _ => {
                self.expr(e)?;
                self.emit(Opcode::PopTop);
            }
        }
        Ok(())
    }

    /// The conditional-annotation index of an annotated assignment of this unit.
    fn annotation_index(&mut self, s: &'a Stmt) -> Option<u32> {
        self.ur()
            .deferred_annotations
            .iter()
            .find(|(d, _)| std::ptr::eq(*d, s))
            .and_then(|(_, i)| *i)
    }

    fn for_stmt(&mut self, s: &'a Stmt, f: &'a For) -> CResult {
        let start = self.new_block();
        let body = self.new_block();
        let cleanup = self.new_block();
        let end = self.new_block();
        self.push_fblock(FBlockKind::ForLoop, start, end)?;
        self.iterable(&f.iter)?;
        self.set_loc(f.iter.range);
        self.emit(Opcode::GetIter);
        self.use_block(start);
        self.emit_jump(Opcode::ForIter, cleanup);
        // A NOP at the target's line, for line events of multi-line `for` headers.
        self.set_loc(f.target.range);
        self.emit(Opcode::Nop);
        self.use_block(body);
        self.expr(&f.target)?;
        self.stmts(&f.body)?;
        self.u().loc = Location::NONE;
        self.jump(start);
        self.use_block(cleanup);
        self.set_loc(f.iter.range);
        self.emit(Opcode::EndFor);
        self.emit(Opcode::PopIter);
        self.pop_fblock();
        self.set_loc(s.range);
        self.stmts(&f.orelse)?;
        self.use_block(end);
        Ok(())
    }

    fn async_for(&mut self, s: &'a Stmt, f: &'a For) -> CResult {
        if !self.is_async_context() {
            return Err(err_at("'async for' outside async function", s.range));
        }
        let start = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        self.expr(&f.iter)?;
        self.set_loc(f.iter.range);
        self.emit(Opcode::GetAiter);
        self.use_block(start);
        self.push_fblock(FBlockKind::ForLoop, start, end)?;
        self.emit_pseudo(Pseudo::SetupFinally, except);
        self.emit(Opcode::GetAnext);
        self.load_const(Constant::None);
        self.yield_from(true);
        self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
        self.expr(&f.target)?;
        self.stmts(&f.body)?;
        self.u().loc = Location::NONE;
        self.jump(start);
        self.pop_fblock();
        self.use_block(except);
        self.set_loc(f.iter.range);
        self.emit(Opcode::EndAsyncFor);
        self.set_loc(s.range);
        self.stmts(&f.orelse)?;
        self.use_block(end);
        Ok(())
    }

    fn with_stmt(
        &mut self,
        s: &'a Stmt,
        items: &'a [WithItem],
        body: &'a [Stmt],
        pos: usize,
        is_async: bool,
    ) -> CResult {
        let Some(item) = items.get(pos) else {
            return self.stmts(body);
        };
        let block = self.new_block();
        let final_b = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.expr(&item.context_expr)?;
        self.set_loc(item.context_expr.range);
        let (enter, exit_m) = if is_async {
            (SpecialMethod::AEnter, SpecialMethod::AExit)
        } else {
            (SpecialMethod::Enter, SpecialMethod::Exit)
        };
        self.emit_arg(Opcode::Copy, 1);
        self.emit_arg(Opcode::LoadSpecial, exit_m as u32);
        self.emit_arg(Opcode::Swap, 2);
        self.emit_arg(Opcode::Swap, 3);
        self.emit_arg(Opcode::LoadSpecial, enter as u32);
        self.emit_arg(Opcode::Call, 0);
        if is_async {
            self.emit_arg(Opcode::GetAwaitable, 1);
            self.load_const(Constant::None);
            self.yield_from(true);
        }
        self.emit_pseudo(Pseudo::SetupWith, final_b);
        self.use_block(block);
        let kind = if is_async {
            FBlockKind::AsyncWith
        } else {
            FBlockKind::With
        };
        self.push_fblock(kind, block, final_b)?;
        if let Some(v) = &item.optional_vars {
            self.expr(v)?;
        } else {
            self.emit(Opcode::PopTop);
        }
        self.with_stmt(s, items, body, pos + 1, is_async)?;
        self.pop_fblock();
        self.set_loc(item.context_expr.range);
        self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
        self.call_exit_with_nones();
        if is_async {
            self.emit_arg(Opcode::GetAwaitable, 2);
            self.load_const(Constant::None);
            self.yield_from(true);
        }
        self.emit(Opcode::PopTop);
        self.jump(exit);
        self.use_block(final_b);
        self.emit_pseudo(Pseudo::SetupCleanup, cleanup);
        self.emit(Opcode::PushExcInfo);
        self.emit(Opcode::WithExceptStart);
        if is_async {
            self.emit_arg(Opcode::GetAwaitable, 2);
            self.load_const(Constant::None);
            self.yield_from(true);
        }
        self.with_except_finish(cleanup);
        self.use_block(exit);
        Ok(())
    }

    fn with_except_finish(&mut self, cleanup: BlockId) {
        let suppress = self.new_block();
        let exit = self.new_block();
        self.u().loc = Location::NONE;
        self.emit(Opcode::ToBool);
        self.emit_jump(Opcode::PopJumpIfTrue, suppress);
        self.emit_arg(Opcode::Reraise, 2);
        self.use_block(suppress);
        self.emit(Opcode::PopTop);
        self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
        self.emit(Opcode::PopExcept);
        self.emit(Opcode::PopTop);
        self.emit(Opcode::PopTop);
        self.emit(Opcode::PopTop);
        self.emit_pseudo(Pseudo::JumpNoInterrupt, exit);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(exit);
    }

    pub(super) fn pop_except_and_reraise(&mut self) {
        self.emit_arg(Opcode::Copy, 3);
        self.emit(Opcode::PopExcept);
        self.emit_arg(Opcode::Reraise, 1);
    }

    fn try_except(&mut self, t: &'a Try) -> CResult {
        let body = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        self.emit_pseudo(Pseudo::SetupFinally, except);
        self.use_block(body);
        self.push_fblock(FBlockKind::TryExcept, body, NO_BLOCK)?;
        self.stmts(&t.body)?;
        self.pop_fblock();
        self.u().loc = Location::NONE;
        self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
        self.stmts(&t.orelse)?;
        self.u().loc = Location::NONE;
        self.jump(end);
        self.use_block(except);
        self.u().loc = Location::NONE;
        self.emit_pseudo(Pseudo::SetupCleanup, cleanup);
        self.emit(Opcode::PushExcInfo);
        self.push_fblock(FBlockKind::ExceptionHandler, NO_BLOCK, NO_BLOCK)?;
        let n = t.handlers.len();
        for (i, h) in t.handlers.iter().enumerate() {
            self.set_loc(h.range);
            let next = self.new_block();
            if h.ty.is_none() && i + 1 < n {
                return Err(err_at("default 'except:' must be last", h.range));
            }
            if let Some(ty) = &h.ty {
                self.expr(ty)?;
                self.set_loc(h.range);
                self.emit(Opcode::CheckExcMatch);
                self.emit_jump(Opcode::PopJumpIfFalse, next);
            }
            self.handler_body(h, end)?;
            self.use_block(next);
        }
        self.pop_fblock();
        self.u().loc = Location::NONE;
        self.emit_arg(Opcode::Reraise, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(end);
        Ok(())
    }

    /// The body of one `except` clause, with the exception on the stack; ends with a
    /// jump to `end` of the enclosing try (via the fblock's unwinding).
    fn handler_body(&mut self, h: &'a ExceptHandler, end: BlockId) -> CResult {
        if let Some(name) = &h.name {
            let cleanup_end = self.new_block();
            let cleanup_body = self.new_block();
            self.nameop(name, ExprContext::Store)?;
            self.emit_pseudo(Pseudo::SetupCleanup, cleanup_end);
            self.use_block(cleanup_body);
            self.push_fblock(FBlockKind::HandlerCleanup, cleanup_body, NO_BLOCK)?;
            if let Some(fb) = self.u().fblocks.last_mut() {
                fb.name = Some(name);
            }
            self.stmts(&h.body)?;
            self.pop_fblock();
            self.u().loc = Location::NONE;
            self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
            self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
            self.emit(Opcode::PopExcept);
            self.load_const(Constant::None);
            self.nameop(name, ExprContext::Store)?;
            self.nameop(name, ExprContext::Del)?;
            self.jump(end);
            self.use_block(cleanup_end);
            self.load_const(Constant::None);
            self.nameop(name, ExprContext::Store)?;
            self.nameop(name, ExprContext::Del)?;
            self.emit_arg(Opcode::Reraise, 1);
        } else {
            let cleanup_body = self.new_block();
            self.emit(Opcode::PopTop);
            self.use_block(cleanup_body);
            self.push_fblock(FBlockKind::HandlerCleanup, cleanup_body, NO_BLOCK)?;
            self.stmts(&h.body)?;
            self.pop_fblock();
            self.u().loc = Location::NONE;
            self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
            self.emit(Opcode::PopExcept);
            self.jump(end);
        }
        Ok(())
    }

    fn try_finally(&mut self, t: &'a Try, star: bool) -> CResult {
        let body = self.new_block();
        let end = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.emit_pseudo(Pseudo::SetupFinally, end);
        self.use_block(body);
        self.push_fblock(FBlockKind::FinallyTry, body, end)?;
        if let Some(fb) = self.u().fblocks.last_mut() {
            fb.final_body = Some(&t.finalbody);
        }
        if !t.handlers.is_empty() {
            if star {
                self.try_star_except(t)?;
            } else {
                self.try_except(t)?;
            }
        } else {
            self.stmts(&t.body)?;
        }
        self.u().loc = Location::NONE;
        self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
        self.pop_fblock();
        self.stmts(&t.finalbody)?;
        self.u().loc = Location::NONE;
        self.jump(exit);
        self.use_block(end);
        self.u().loc = Location::NONE;
        self.emit_pseudo(Pseudo::SetupCleanup, cleanup);
        self.emit(Opcode::PushExcInfo);
        self.push_fblock(FBlockKind::FinallyEnd, end, NO_BLOCK)?;
        self.stmts(&t.finalbody)?;
        self.pop_fblock();
        self.u().loc = Location::NONE;
        self.emit_arg(Opcode::Reraise, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(exit);
        Ok(())
    }

    /// `try: ... except* T: ...` (CPython's `codegen_try_star_except`).
    ///
    /// Stack in the handlers: `[prev_exc, orig, results_list, rest]`; each clause
    /// splits `rest` with CHECK_EG_MATCH; exceptions raised by clause bodies are
    /// appended to the list, and PREP_RERAISE_STAR computes what propagates.
    fn try_star_except(&mut self, t: &'a Try) -> CResult {
        let body = self.new_block();
        let except = self.new_block();
        let orelse = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        let reraise_star = self.new_block();
        self.emit_pseudo(Pseudo::SetupFinally, except);
        self.use_block(body);
        self.push_fblock(FBlockKind::TryExcept, body, NO_BLOCK)?;
        self.stmts(&t.body)?;
        self.pop_fblock();
        self.u().loc = Location::NONE;
        self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
        self.jump(orelse);
        let n = t.handlers.len();
        self.use_block(except);
        self.emit_pseudo(Pseudo::SetupCleanup, cleanup);
        self.emit(Opcode::PushExcInfo);
        self.push_fblock(FBlockKind::ExceptionGroupHandler, NO_BLOCK, NO_BLOCK)?;
        for (i, h) in t.handlers.iter().enumerate() {
            self.set_loc(h.range);
            let next_except = self.new_block();
            let except_with_error = self.new_block();
            let no_match = self.new_block();
            if i == 0 {
                self.emit_arg(Opcode::BuildList, 0);
                self.emit_arg(Opcode::Copy, 2);
            }
            let Some(ty) = &h.ty else {
                return Err(err_at("expected one or more exception types", h.range));
            };
            self.expr(ty)?;
            self.set_loc(h.range);
            self.emit(Opcode::CheckEgMatch);
            self.emit_arg(Opcode::Copy, 1);
            self.emit_jump(Opcode::PopJumpIfNone, no_match);
            let cleanup_end = self.new_block();
            let cleanup_body = self.new_block();
            if let Some(name) = &h.name {
                self.nameop(name, ExprContext::Store)?;
            } else {
                self.emit(Opcode::PopTop);
            }
            self.emit_pseudo(Pseudo::SetupCleanup, cleanup_end);
            self.use_block(cleanup_body);
            self.push_fblock(FBlockKind::HandlerCleanup, cleanup_body, NO_BLOCK)?;
            if let Some(fb) = self.u().fblocks.last_mut() {
                fb.name = h.name.as_deref();
            }
            self.stmts(&h.body)?;
            self.pop_fblock();
            self.u().loc = Location::NONE;
            self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
            if let Some(name) = &h.name {
                self.load_const(Constant::None);
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
            }
            self.jump(next_except);
            self.use_block(cleanup_end);
            if let Some(name) = &h.name {
                self.load_const(Constant::None);
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
            }
            self.emit_arg(Opcode::ListAppend, 3);
            self.emit(Opcode::PopTop);
            self.jump(except_with_error);
            self.use_block(next_except);
            self.emit(Opcode::Nop);
            self.jump(except_with_error);
            self.use_block(no_match);
            self.set_loc(h.range);
            self.emit(Opcode::PopTop);
            self.use_block(except_with_error);
            if i + 1 == n {
                self.u().loc = Location::NONE;
                self.emit_arg(Opcode::ListAppend, 1);
                self.jump(reraise_star);
            }
        }
        self.pop_fblock();
        let reraise = self.new_block();
        self.use_block(reraise_star);
        self.u().loc = Location::NONE;
        self.emit_arg(Opcode::CallIntrinsic2, Intrinsic2::PrepReraiseStar as u32);
        self.emit_arg(Opcode::Copy, 1);
        self.emit_jump(Opcode::PopJumpIfNotNone, reraise);
        self.emit(Opcode::PopTop);
        self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
        self.emit(Opcode::PopExcept);
        self.jump(end);
        self.use_block(reraise);
        self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
        self.emit_arg(Opcode::Swap, 2);
        self.emit(Opcode::PopExcept);
        self.emit_arg(Opcode::Reraise, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(orelse);
        self.stmts(&t.orelse)?;
        self.use_block(end);
        Ok(())
    }

    // ----- functions and classes ------------------------------------------------------

    fn decorators(&mut self, decos: &'a [Expr]) -> CResult {
        for d in decos {
            self.expr(d)?;
        }
        Ok(())
    }

    fn apply_decorators(&mut self, decos: &'a [Expr]) {
        for d in decos.iter().rev() {
            self.set_loc(d.range);
            self.emit_arg(Opcode::Call, 0);
        }
    }

    /// Pushes defaults/kwdefaults; returns the SET_FUNCTION_ATTRIBUTE flags.
    pub(super) fn default_arguments(&mut self, args: &'a Arguments) -> CResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            self.const_or_tuple(&args.defaults)?;
            flags |= 0x01;
        }
        let mut n = 0;
        for (a, d) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = d {
                let m = self.mangle(&a.arg);
                self.load_const(Constant::str(&m));
                self.expr(d)?;
                n += 1;
            }
        }
        if n > 0 {
            self.emit_arg(Opcode::BuildMap, n);
            flags |= 0x02;
        }
        Ok(flags)
    }

    fn function_def(&mut self, s: &'a Stmt, fd: &'a FunctionDef, is_async: bool) -> CResult {
        self.decorators(&fd.decorator_list)?;
        let firstlineno = fd
            .decorator_list
            .first()
            .map_or(s.range.lineno, |d| d.range.lineno);
        self.set_loc(s.range);
        let is_generic = !fd.type_params.is_empty();
        let mut funcflags = self.default_arguments(&fd.args)?;
        let mut num_tp_args = 0;
        if is_generic {
            if funcflags & 0x01 != 0 {
                num_tp_args += 1;
            }
            if funcflags & 0x02 != 0 {
                num_tp_args += 1;
            }
            if num_tp_args == 2 {
                self.emit_arg(Opcode::Swap, 2);
            }
            let name = format!("<generic parameters of {}>", fd.name);
            self.enter_scope(
                &name,
                UnitKind::Annotations,
                key_of(&fd.type_params, tag::TYPE_PARAMS),
                firstlineno,
            )?;
            self.u().argcount = num_tp_args;
            self.type_params(&fd.type_params)?;
            for i in 0..num_tp_args {
                self.emit_arg(Opcode::LoadFast, i);
            }
        }
        funcflags |= self.function_annotations(s, &fd.args, fd.returns.as_deref())?;
        self.function_body(s, fd, is_async, funcflags, firstlineno)?;
        if is_generic {
            self.set_loc(s.range);
            self.emit_arg(Opcode::Swap, 2);
            self.emit_arg(
                Opcode::CallIntrinsic2,
                Intrinsic2::SetFunctionTypeParams as u32,
            );
            self.emit(Opcode::ReturnValue);
            let code = self.exit_scope()?;
            self.make_closure(code, 0)?;
            if num_tp_args > 0 {
                self.emit_arg(Opcode::Swap, num_tp_args + 1);
                self.emit_arg(Opcode::Call, num_tp_args - 1);
            } else {
                self.emit(Opcode::PushNull);
                self.emit_arg(Opcode::Call, 0);
            }
        }
        self.apply_decorators(&fd.decorator_list);
        self.set_loc(s.range);
        self.nameop(&fd.name, ExprContext::Store)
    }

    fn function_body(
        &mut self,
        s: &'a Stmt,
        fd: &'a FunctionDef,
        is_async: bool,
        funcflags: u32,
        firstlineno: u32,
    ) -> CResult {
        let kind = if is_async {
            UnitKind::AsyncFunction
        } else {
            UnitKind::Function
        };
        self.enter_scope(&fd.name, kind, key_of(s, tag::MAIN), firstlineno)?;
        self.u().argcount = (fd.args.posonlyargs.len() + fd.args.args.len()) as u32;
        self.u().posonlyargcount = fd.args.posonlyargs.len() as u32;
        self.u().kwonlyargcount = fd.args.kwonlyargs.len() as u32;
        let mut body: &'a [Stmt] = &fd.body;
        if let Some(doc) = docstring_value(body) {
            body = &body[1..];
            if self.optimize < 2 {
                self.add_const(Constant::Str(clean_doc(doc)));
                self.u().extra_flags |= crate::code::flags::HAS_DOCSTRING;
            }
        }
        let ste = self.ste();
        let wrap = ste.coroutine || ste.generator;
        self.function_statements(body, wrap)?;
        let code = self.exit_scope()?;
        self.set_loc(s.range);
        self.make_closure(code, funcflags)
    }

    /// Statements of a function-like body, ending in `return None`; generators and
    /// coroutines are wrapped in the StopIteration → RuntimeError handler.
    pub(super) fn function_statements(&mut self, body: &'a [Stmt], wrap: bool) -> CResult {
        let handler = self.new_block();
        if wrap {
            self.push_fblock(FBlockKind::StopIteration, NO_BLOCK, NO_BLOCK)?;
            // The SETUP must come before RESUME: put it first in the entry block.
            let first = self.u().order[0];
            self.u().blocks[first].instrs.insert(
                0,
                Instr {
                    op: Op::Pseudo(Pseudo::SetupCleanup),
                    arg: 0,
                    target: handler,
                    loc: Location::NONE,
                },
            );
        }
        self.stmts(body)?;
        self.u().loc = Location::NONE;
        self.load_const(Constant::None);
        self.emit(Opcode::ReturnValue);
        if wrap {
            self.pop_fblock();
            self.use_block(handler);
            self.emit_arg(
                Opcode::CallIntrinsic1,
                Intrinsic1::StopIterationError as u32,
            );
            self.emit_arg(Opcode::Reraise, 1);
        }
        Ok(())
    }

    fn class_def(&mut self, s: &'a Stmt, cd: &'a ClassDef) -> CResult {
        self.decorators(&cd.decorator_list)?;
        let firstlineno = cd
            .decorator_list
            .first()
            .map_or(s.range.lineno, |d| d.range.lineno);
        self.set_loc(s.range);
        let is_generic = !cd.type_params.is_empty();
        if is_generic {
            let name = format!("<generic parameters of {}>", cd.name);
            self.enter_scope(
                &name,
                UnitKind::Annotations,
                key_of(&cd.type_params, tag::TYPE_PARAMS),
                firstlineno,
            )?;
            self.u().private = Some(cd.name.clone());
            self.type_params(&cd.type_params)?;
            self.nameop(".type_params", ExprContext::Store)?;
        }
        self.class_body(s, cd, firstlineno)?;
        self.set_loc(s.range);
        if is_generic {
            self.nameop(".type_params", ExprContext::Load)?;
            self.emit_arg(Opcode::CallIntrinsic1, Intrinsic1::SubscriptGeneric as u32);
            self.nameop(".generic_base", ExprContext::Store)?;
            self.call_helper(2, &cd.bases, &cd.keywords, Some(".generic_base"))?;
            self.emit(Opcode::ReturnValue);
            let code = self.exit_scope()?;
            self.make_closure(code, 0)?;
            self.emit(Opcode::PushNull);
            self.emit_arg(Opcode::Call, 0);
        } else {
            self.call_helper(2, &cd.bases, &cd.keywords, None)?;
        }
        self.apply_decorators(&cd.decorator_list);
        self.set_loc(s.range);
        self.nameop(&cd.name, ExprContext::Store)
    }

    fn class_body(&mut self, s: &'a Stmt, cd: &'a ClassDef, firstlineno: u32) -> CResult {
        self.enter_scope(&cd.name, UnitKind::Class, key_of(s, tag::MAIN), firstlineno)?;
        // The prologue is located at the first line (the first decorator's).
        self.u().loc = Location {
            lineno: firstlineno as i32,
            end_lineno: firstlineno as i32,
            col: 0,
            end_col: 0,
        };
        self.nameop("__name__", ExprContext::Load)?;
        self.nameop("__module__", ExprContext::Store)?;
        let qn = self.ur().qualname.clone();
        self.load_const(Constant::str(&qn));
        self.nameop("__qualname__", ExprContext::Store)?;
        self.load_const(Constant::Int(Int::Small(firstlineno as i64)));
        self.nameop("__firstlineno__", ExprContext::Store)?;
        if !cd.type_params.is_empty() {
            self.nameop(".type_params", ExprContext::Load)?;
            self.nameop("__type_params__", ExprContext::Store)?;
        }
        let ste = self.ste();
        let (needs_classdict, has_cond, needs_class) = (
            ste.needs_classdict,
            ste.has_conditional_annotations,
            ste.needs_class_closure,
        );
        if needs_classdict {
            self.emit(Opcode::LoadLocals);
            let i = self.ur().cellvars.get("__classdict__").unwrap_or(0);
            self.emit_arg(Opcode::StoreDeref, i | CELL_TAG);
        }
        if has_cond {
            self.emit_arg(Opcode::BuildSet, 0);
            let i = self
                .ur()
                .cellvars
                .get("__conditional_annotations__")
                .unwrap_or(0);
            self.emit_arg(Opcode::StoreDeref, i | CELL_TAG);
        }
        let mut anns = Vec::new();
        if !self.future_annotations {
            collect_annotations(&cd.body, &mut anns);
            for (i, a) in anns.iter().enumerate() {
                self.u()
                    .deferred_annotations
                    .push((a, if has_cond { Some(i as u32) } else { None }));
            }
        }
        self.scope_body(&cd.body)?;
        if !anns.is_empty() {
            self.set_loc(s.range);
            self.emit_deferred_annotations(s.range)?;
        }
        self.u().loc = Location::NONE;
        let mut attrs = self.u().static_attributes.take().unwrap_or_default();
        attrs.sort();
        attrs.dedup();
        self.load_const(Constant::Tuple(
            attrs.iter().map(|a| Constant::str(a)).collect(),
        ));
        self.nameop("__static_attributes__", ExprContext::Store)?;
        if needs_classdict {
            let i = self.ur().cellvars.get("__classdict__").unwrap_or(0);
            self.emit_arg(Opcode::LoadFast, i | CELL_TAG);
            self.nameop("__classdictcell__", ExprContext::Store)?;
        }
        if needs_class {
            let i = self.ur().cellvars.get("__class__").unwrap_or(0);
            self.emit_arg(Opcode::LoadFast, i | CELL_TAG);
            self.emit_arg(Opcode::Copy, 1);
            self.nameop("__classcell__", ExprContext::Store)?;
        } else {
            self.load_const(Constant::None);
        }
        self.emit(Opcode::ReturnValue);
        let code = self.exit_scope()?;
        self.set_loc(s.range);
        self.emit(Opcode::LoadBuildClass);
        self.emit(Opcode::PushNull);
        self.make_closure(code, 0)?;
        self.load_const(Constant::str(&cd.name));
        Ok(())
    }

    /// Records `self.attr` stores in the nearest enclosing class (`__static_attributes__`).
    pub(super) fn maybe_add_static_attribute(&mut self, obj: &Expr, attr: &str) {
        let ExprKind::Name { id, .. } = &obj.node else {
            return;
        };
        if &**id != "self" {
            return;
        }
        let n = self.units.len();
        for u in self.units[..n.saturating_sub(1)].iter_mut().rev() {
            if let Some(sa) = &mut u.static_attributes {
                sa.push(attr.into());
                break;
            }
        }
    }

    // ----- PEP 695 --------------------------------------------------------------------

    /// Builds the tuple of type parameters, binding each name (CPython's
    /// `codegen_type_params`).
    fn type_params(&mut self, tps: &'a [TypeParam]) -> CResult {
        for tp in tps {
            self.set_loc(tp.range);
            let (name, default) = match &tp.node {
                TypeParamKind::TypeVar {
                    name,
                    bound,
                    default_value,
                } => {
                    self.load_const(Constant::str(name));
                    if let Some(b) = bound {
                        let is_constraints = matches!(b.node, ExprKind::Tuple { .. });
                        self.lazy_scope(b, name, key_of(tp, tag::BOUND), is_constraints)?;
                        let i = if is_constraints {
                            Intrinsic2::TypeVarWithConstraints
                        } else {
                            Intrinsic2::TypeVarWithBound
                        };
                        self.emit_arg(Opcode::CallIntrinsic2, i as u32);
                    } else {
                        self.emit_arg(Opcode::CallIntrinsic1, Intrinsic1::TypeVar as u32);
                    }
                    (name, default_value)
                }
                TypeParamKind::TypeVarTuple {
                    name,
                    default_value,
                } => {
                    self.load_const(Constant::str(name));
                    self.emit_arg(Opcode::CallIntrinsic1, Intrinsic1::TypeVarTuple as u32);
                    (name, default_value)
                }
                TypeParamKind::ParamSpec {
                    name,
                    default_value,
                } => {
                    self.load_const(Constant::str(name));
                    self.emit_arg(Opcode::CallIntrinsic1, Intrinsic1::ParamSpec as u32);
                    (name, default_value)
                }
            };
            if let Some(d) = default {
                self.lazy_scope(d, name, key_of(tp, tag::DEFAULT), false)?;
                self.emit_arg(
                    Opcode::CallIntrinsic2,
                    Intrinsic2::SetTypeparamDefault as u32,
                );
            }
            self.emit_arg(Opcode::Copy, 1);
            self.nameop(name, ExprContext::Store)?;
        }
        self.emit_arg(Opcode::BuildTuple, tps.len() as u32);
        Ok(())
    }

    /// Pushes a function that lazily evaluates `e` (TypeVar bounds and defaults, type
    /// alias values): `(format=1)` → value, raising NotImplementedError for format > 2.
    fn lazy_scope(&mut self, e: &'a Expr, name: &str, key: ScopeKey, tuple: bool) -> CResult {
        self.load_const(Constant::Tuple(vec![Constant::Int(Int::Small(1))]));
        self.enter_scope(name, UnitKind::Annotations, key, e.range.lineno)?;
        self.u().argcount = 1;
        self.u().posonlyargcount = 1;
        self.set_loc(e.range);
        self.format_check();
        if tuple {
            if let ExprKind::Tuple { elts, .. } = &e.node {
                for x in elts {
                    self.expr(x)?;
                }
                self.emit_arg(Opcode::BuildTuple, elts.len() as u32);
            }
        } else {
            self.expr(e)?;
        }
        self.emit(Opcode::ReturnValue);
        let code = self.exit_scope()?;
        self.make_closure(code, 0x01)
    }

    /// `if format > VALUE_WITH_FAKE_GLOBALS: raise NotImplementedError`.
    pub(super) fn format_check(&mut self) {
        let body = self.new_block();
        self.emit_arg(Opcode::LoadFast, 0);
        self.emit_arg(Opcode::LoadSmallInt, 2);
        self.emit_arg(Opcode::CompareOp, (4 << 5) | 4);
        self.emit_jump(Opcode::PopJumpIfFalse, body);
        self.emit_arg(
            Opcode::LoadCommonConstant,
            crate::opcode::CommonConstant::NotImplementedError as u32,
        );
        self.emit_arg(Opcode::RaiseVarargs, 1);
        self.use_block(body);
    }

    fn type_alias(
        &mut self,
        s: &'a Stmt,
        name: &'a Expr,
        type_params: &'a Vec<TypeParam>,
        value: &'a Expr,
    ) -> CResult {
        let ExprKind::Name { id, .. } = &name.node else {
            return Err(err_at("invalid type alias target", name.range));
        };
        let is_generic = !type_params.is_empty();
        if is_generic {
            let n = format!("<generic parameters of {id}>");
            self.enter_scope(
                &n,
                UnitKind::Annotations,
                key_of(type_params, tag::TYPE_PARAMS),
                s.range.lineno,
            )?;
            self.set_loc(s.range);
            self.load_const(Constant::str(id));
            self.type_params(type_params)?;
        } else {
            self.load_const(Constant::str(id));
            self.load_const(Constant::None);
        }
        self.set_loc(s.range);
        // The value function.
        self.load_const(Constant::Tuple(vec![Constant::Int(Int::Small(1))]));
        self.enter_scope(
            id,
            UnitKind::Annotations,
            key_of(s, tag::MAIN),
            s.range.lineno,
        )?;
        self.u().argcount = 1;
        self.u().posonlyargcount = 1;
        self.set_loc(value.range);
        self.format_check();
        self.expr(value)?;
        self.emit(Opcode::ReturnValue);
        let code = self.exit_scope()?;
        self.set_loc(s.range);
        self.make_closure(code, 0x01)?;
        self.emit_arg(Opcode::BuildTuple, 3);
        self.emit_arg(Opcode::CallIntrinsic1, Intrinsic1::TypeAlias as u32);
        if is_generic {
            self.emit(Opcode::ReturnValue);
            let code = self.exit_scope()?;
            self.make_closure(code, 0)?;
            self.emit(Opcode::PushNull);
            self.emit_arg(Opcode::Call, 0);
        }
        self.nameop(id, ExprContext::Store)
    }
}

/// PEP 765 (3.14): `return`, and `break`/`continue` leaving a `finally` block, raise a
/// SyntaxWarning (CPython checks this in `ast_preprocess.c`, before compiling).
pub(super) fn finally_warnings(m: &Mod, out: &mut Vec<Warning>) {
    fn walk(body: &[Stmt], in_finally: bool, in_loop: bool, out: &mut Vec<Warning>) {
        for s in body {
            let warn = |what: &str, out: &mut Vec<Warning>| {
                out.push(Warning {
                    msg: format!("'{what}' in a 'finally' block"),
                    lineno: s.range.lineno,
                    col: s.range.col_offset,
                });
            };
            match &s.node {
                StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => {
                    walk(&f.body, false, false, out)
                }
                StmtKind::ClassDef(c) => walk(&c.body, false, false, out),
                StmtKind::Return { .. } if in_finally => warn("return", out),
                StmtKind::Break if in_finally && !in_loop => warn("break", out),
                StmtKind::Continue if in_finally && !in_loop => warn("continue", out),
                StmtKind::For(f) | StmtKind::AsyncFor(f) => {
                    walk(&f.body, in_finally, true, out);
                    walk(&f.orelse, in_finally, in_loop, out);
                }
                StmtKind::While { body, orelse, .. } => {
                    walk(body, in_finally, true, out);
                    walk(orelse, in_finally, in_loop, out);
                }
                StmtKind::If { body, orelse, .. } => {
                    walk(body, in_finally, in_loop, out);
                    walk(orelse, in_finally, in_loop, out);
                }
                StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => {
                    walk(body, in_finally, in_loop, out)
                }
                StmtKind::Match { cases, .. } => {
                    for c in cases {
                        walk(&c.body, in_finally, in_loop, out);
                    }
                }
                StmtKind::Try(t) | StmtKind::TryStar(t) => {
                    walk(&t.body, in_finally, in_loop, out);
                    for h in &t.handlers {
                        walk(&h.body, in_finally, in_loop, out);
                    }
                    walk(&t.orelse, in_finally, in_loop, out);
                    walk(&t.finalbody, true, false, out);
                }
                _ => {}
            }
        }
    }
    match m {
        Mod::Module { body, .. } | Mod::Interactive { body } => walk(body, false, false, out),
        _ => {}
    }
}
