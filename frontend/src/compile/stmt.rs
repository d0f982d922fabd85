//! Code generation for statements (CPython's `codegen_visit_stmt` and friends).

use super::*;
use crate::opcode::Intrinsic1;
use crate::symtable::docstring_of;

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
            _ => {
                done = true;
                if let Some(r) = nested_future_import(std::slice::from_ref(s)) {
                    return Err(err_at(
                        "from __future__ imports must occur at the beginning of the file",
                        r,
                    ));
                }
            }
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

pub(super) fn docstring_value(body: &[Stmt]) -> Option<&Wtf8Buf> {
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
pub(super) fn collect_annotations<'a>(body: &'a [Stmt], out: &mut Vec<&'a Stmt>) {
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
                    self.defer_annotation(s, if has_cond { Some(i as u32) } else { None });
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
    pub(super) fn scope_body(&mut self, body: &'a [Stmt]) -> CResult {
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

    pub(super) fn stmt_inner(&mut self, s: &'a Stmt) -> CResult {
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
            StmtKind::With { items, body, .. } => self.with_stmt(items, body, 0, false),
            StmtKind::AsyncWith { items, body, .. } => {
                if !self.is_async_context() {
                    return Err(err_at("'async with' outside async function", r));
                }
                self.with_stmt(items, body, 0, true)
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
                // CPython raises at the test's location (carets under it in tracebacks).
                self.set_loc(test.range);
                self.emit_arg(Opcode::RaiseVarargs, 1);
                self.use_block(end);
                Ok(())
            }
            StmtKind::Import { names } => {
                // CPython gives every instruction of an import the statement's location (no
                // carets under a failed import in tracebacks).
                for a in names {
                    self.set_loc(r);
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

    pub(super) fn return_stmt(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> CResult {
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
    pub(super) fn try_unpack_assign(&mut self, target: &'a Expr, value: &'a Expr) -> CResult<bool> {
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

    pub(super) fn aug_assign(
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
                self.set_loc(target.range);
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

    pub(super) fn ann_assign(
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
                        self.emit_arg(Opcode::LoadName, ni);
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

    pub(super) fn check_ann_subscr(&mut self, e: &'a Expr) -> CResult {
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
    pub(super) fn annotation_index(&mut self, s: &'a Stmt) -> Option<u32> {
        let key = s as *const Stmt as usize;
        self.ur().annotation_index.get(&key).copied().flatten()
    }

    pub(super) fn defer_annotation(&mut self, s: &'a Stmt, idx: Option<u32>) {
        let u = self.u();
        u.deferred_annotations.push((s, idx));
        u.annotation_index.insert(s as *const Stmt as usize, idx);
    }

    pub(super) fn for_stmt(&mut self, s: &'a Stmt, f: &'a For) -> CResult {
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

    pub(super) fn async_for(&mut self, s: &'a Stmt, f: &'a For) -> CResult {
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
}

/// PEP 765 (3.14): `return`, and `break`/`continue` leaving a `finally` block, raise a
/// SyntaxWarning (CPython checks this in `ast_preprocess.c`, before compiling).
pub(super) fn finally_warnings(m: &Mod, out: &mut Vec<Warning>) {
    pub(super) fn walk(body: &[Stmt], in_finally: bool, in_loop: bool, out: &mut Vec<Warning>) {
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

/// The first `from __future__ import` inside these statements (at any depth: in a
/// function, a class or a compound statement), which is never at the beginning of the file.
fn nested_future_import(body: &[crate::ast::Stmt]) -> Option<crate::ast::Range> {
    for s in body {
        let inner: Vec<&[crate::ast::Stmt]> = match &s.node {
            StmtKind::ImportFrom {
                module: Some(m),
                level: 0,
                ..
            } if &**m == "__future__" => return Some(s.range),
            StmtKind::FunctionDef(f) | StmtKind::AsyncFunctionDef(f) => vec![&f.body],
            StmtKind::ClassDef(c) => vec![&c.body],
            StmtKind::For(f) | StmtKind::AsyncFor(f) => vec![&f.body, &f.orelse],
            StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
                vec![body, orelse]
            }
            StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => vec![body],
            StmtKind::Try(t) | StmtKind::TryStar(t) => {
                let mut v: Vec<&[crate::ast::Stmt]> = vec![&t.body, &t.orelse, &t.finalbody];
                v.extend(t.handlers.iter().map(|h| h.body.as_slice()));
                v
            }
            StmtKind::Match { cases, .. } => cases.iter().map(|c| c.body.as_slice()).collect(),
            _ => vec![],
        };
        if let Some(r) = inner.into_iter().find_map(nested_future_import) {
            return Some(r);
        }
    }
    None
}
