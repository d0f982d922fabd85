//! Code generation for `with`/`async with`, `try`/`except`/`finally` and `except*`
//! (CPython's `codegen_with`, `codegen_try_except`, `codegen_try_finally`,
//! `codegen_try_star_except`). Handlers are protected regions opened by SETUP_*
//! pseudo-instructions; the assembler turns them into the exception table.

use super::*;
use crate::opcode::{Intrinsic2, SpecialMethod};

impl<'a> Compiler<'a> {
    pub(super) fn with_stmt(
        &mut self,
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
        self.with_stmt(items, body, pos + 1, is_async)?;
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

    pub(super) fn with_except_finish(&mut self, cleanup: BlockId) {
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

    pub(super) fn try_except(&mut self, t: &'a Try) -> CResult {
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
    pub(super) fn handler_body(&mut self, h: &'a ExceptHandler, end: BlockId) -> CResult {
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

    pub(super) fn try_finally(&mut self, t: &'a Try, star: bool) -> CResult {
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
    pub(super) fn try_star_except(&mut self, t: &'a Try) -> CResult {
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
}
