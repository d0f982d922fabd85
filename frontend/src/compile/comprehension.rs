//! Lambdas, comprehensions and generator expressions.
//!
//! List/set/dict comprehensions are inlined into the enclosing code object (PEP 709):
//! the names they bind are saved with LOAD_FAST_AND_CLEAR, the comprehension runs in
//! the same frame, and the saved values are restored afterwards (also on exceptions).
//! Generator expressions, and comprehensions in annotation scopes of classes, are
//! separate code objects called with the outermost iterator.

use super::expr::is_starred;
use super::*;
use crate::opcode::Intrinsic1;
use crate::symtable::{def, key_of, tag, ComprehensionKind};

impl<'a> Compiler<'a> {
    // ----- lambdas and comprehensions --------------------------------------------------

    pub(super) fn lambda(&mut self, e: &'a Expr, args: &'a Arguments, body: &'a Expr) -> CResult {
        let flags = self.default_arguments(args)?;
        self.enter_scope(
            "<lambda>",
            UnitKind::Lambda,
            key_of(e, tag::MAIN),
            e.range.lineno,
        )?;
        self.u().argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        self.u().posonlyargcount = args.posonlyargs.len() as u32;
        self.u().kwonlyargcount = args.kwonlyargs.len() as u32;
        self.expr(body)?;
        self.set_loc(body.range);
        self.emit(Opcode::ReturnValue);
        let code = self.exit_scope()?;
        self.set_loc(e.range);
        self.make_closure(code, flags)
    }

    pub(super) fn comprehension(
        &mut self,
        e: &'a Expr,
        name: &str,
        generators: &'a [Comprehension],
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: ComprehensionKind,
    ) -> CResult {
        let Some(sid) = self.st.lookup(key_of(e, tag::MAIN)) else {
            return Err(err_at(
                "internal compiler error: no comprehension scope",
                e.range,
            ));
        };
        let Some(outermost) = generators.first() else {
            return Err(err_at("comprehension with no generators", e.range));
        };
        let is_inlined = self.st.scopes[sid].comp_inlined;
        let is_async = self.st.scopes[sid].coroutine;
        let outer_kind = self.ur().kind;
        let mut state = None;
        if is_inlined {
            self.expr(&outermost.iter)?;
            self.set_loc(e.range);
            state = Some(self.push_inlined_comprehension(sid)?);
        } else {
            self.enter_scope_id(name, UnitKind::Comprehension, sid, e.range.lineno)?;
            self.u().argcount = 1;
        }
        if is_async
            && kind != ComprehensionKind::Generator
            && !matches!(
                outer_kind,
                UnitKind::AsyncFunction | UnitKind::Comprehension
            )
        {
            return Err(err_at(
                "asynchronous comprehension outside of an asynchronous function",
                e.range,
            ));
        }
        self.set_loc(e.range);
        if kind != ComprehensionKind::Generator {
            let op = match kind {
                ComprehensionKind::List => Opcode::BuildList,
                ComprehensionKind::Set => Opcode::BuildSet,
                _ => Opcode::BuildMap,
            };
            self.emit_arg(op, 0);
            if is_inlined {
                self.emit_arg(Opcode::Swap, 2);
            }
        }
        self.comprehension_generator(generators, 0, 0, elt, val, kind, is_inlined)?;
        if let Some(st) = state {
            self.set_loc(e.range);
            return self.pop_inlined_comprehension(st);
        }
        self.set_loc(e.range);
        if kind != ComprehensionKind::Generator {
            self.emit(Opcode::ReturnValue);
        } else {
            self.wrap_generator_expression()?;
        }
        let code = self.exit_scope()?;
        self.set_loc(e.range);
        self.make_closure(code, 0)?;
        self.expr(&outermost.iter)?;
        self.set_loc(e.range);
        if outermost.is_async != 0 {
            self.emit(Opcode::GetAiter);
        } else {
            self.emit(Opcode::GetIter);
        }
        self.emit_arg(Opcode::Call, 0);
        if is_async && kind != ComprehensionKind::Generator {
            self.emit_arg(Opcode::GetAwaitable, 0);
            self.load_const(Constant::None);
            self.yield_from(true);
        }
        Ok(())
    }

    /// Ends a generator expression body: `return None` and the StopIteration handler.
    pub(super) fn wrap_generator_expression(&mut self) -> CResult {
        let handler = self.new_block();
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
        self.u().loc = Location::NONE;
        self.load_const(Constant::None);
        self.emit(Opcode::ReturnValue);
        self.use_block(handler);
        self.emit_arg(
            Opcode::CallIntrinsic1,
            Intrinsic1::StopIterationError as u32,
        );
        self.emit_arg(Opcode::Reraise, 1);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        gen_index: usize,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: ComprehensionKind,
        iter_on_stack: bool,
    ) -> CResult {
        let g = &generators[gen_index];
        if g.is_async != 0 {
            self.async_comprehension_generator(
                generators,
                gen_index,
                depth,
                elt,
                val,
                kind,
                iter_on_stack,
            )
        } else {
            self.sync_comprehension_generator(
                generators,
                gen_index,
                depth,
                elt,
                val,
                kind,
                iter_on_stack,
            )
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn sync_comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        gen_index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: ComprehensionKind,
        iter_on_stack: bool,
    ) -> CResult {
        let g = &generators[gen_index];
        let start = self.new_block();
        let if_cleanup = self.new_block();
        let anchor = self.new_block();
        let mut has_loop = true;
        if !iter_on_stack {
            if gen_index == 0 {
                self.emit_arg(Opcode::LoadFast, 0);
            } else {
                let single = match &g.iter.node {
                    ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. }
                        if elts.len() == 1 && !is_starred(&elts[0]) =>
                    {
                        Some(&elts[0])
                    }
                    _ => None,
                };
                if let Some(x) = single {
                    self.expr(x)?;
                    has_loop = false;
                } else {
                    self.expr(&g.iter)?;
                }
            }
        }
        if has_loop {
            depth += 1;
            self.set_loc(g.iter.range);
            // The outermost iterator of a non-inlined comprehension arrives as `.0`,
            // already an iterator: calling iter() again would be observable.
            if gen_index > 0 || iter_on_stack {
                self.emit(Opcode::GetIter);
            }
            self.use_block(start);
            self.emit_jump(Opcode::ForIter, anchor);
        }
        self.expr(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if gen_index + 1 < generators.len() {
            self.comprehension_generator(generators, gen_index + 1, depth, elt, val, kind, false)?;
        } else {
            self.comprehension_element(elt, val, kind, depth)?;
        }
        self.use_block(if_cleanup);
        if has_loop {
            self.set_loc(elt.range);
            self.jump(start);
            self.use_block(anchor);
            self.u().loc = Location::NONE;
            self.emit(Opcode::EndFor);
            self.emit(Opcode::PopIter);
        }
        Ok(())
    }

    pub(super) fn comprehension_element(
        &mut self,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: ComprehensionKind,
        depth: u32,
    ) -> CResult {
        match kind {
            ComprehensionKind::Generator => {
                self.expr(elt)?;
                self.set_loc(elt.range);
                self.emit_yield();
                self.emit(Opcode::PopTop);
            }
            ComprehensionKind::List => {
                self.expr(elt)?;
                self.set_loc(elt.range);
                self.emit_arg(Opcode::ListAppend, depth + 1);
            }
            ComprehensionKind::Set => {
                self.expr(elt)?;
                self.set_loc(elt.range);
                self.emit_arg(Opcode::SetAdd, depth + 1);
            }
            _ => {
                self.expr(elt)?;
                if let Some(v) = val {
                    self.expr(v)?;
                }
                self.set_loc(elt.range);
                self.emit_arg(Opcode::MapAdd, depth + 1);
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn async_comprehension_generator(
        &mut self,
        generators: &'a [Comprehension],
        gen_index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: ComprehensionKind,
        iter_on_stack: bool,
    ) -> CResult {
        let g = &generators[gen_index];
        let start = self.new_block();
        let except = self.new_block();
        let if_cleanup = self.new_block();
        if !iter_on_stack {
            if gen_index == 0 {
                self.emit_arg(Opcode::LoadFast, 0);
            } else {
                self.expr(&g.iter)?;
                self.set_loc(g.iter.range);
                self.emit(Opcode::GetAiter);
            }
        } else {
            self.set_loc(g.iter.range);
            self.emit(Opcode::GetAiter);
        }
        self.use_block(start);
        self.push_fblock(FBlockKind::AsyncComprehensionGenerator, start, NO_BLOCK)?;
        self.emit_pseudo(Pseudo::SetupFinally, except);
        self.emit(Opcode::GetAnext);
        self.load_const(Constant::None);
        self.yield_from(true);
        self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
        self.expr(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        depth += 1;
        if gen_index + 1 < generators.len() {
            self.comprehension_generator(generators, gen_index + 1, depth, elt, val, kind, false)?;
        } else {
            self.comprehension_element(elt, val, kind, depth)?;
        }
        self.use_block(if_cleanup);
        self.u().loc = Location::NONE;
        self.jump(start);
        self.pop_fblock();
        self.use_block(except);
        self.set_loc(g.iter.range);
        self.emit(Opcode::EndAsyncFor);
        Ok(())
    }

    pub(super) fn push_inlined_comprehension(&mut self, comp: ScopeId) -> CResult<InlineState> {
        let outer = self.ur().scope;
        let in_class_block = self.st.scopes[outer].kind == crate::symtable::ScopeKind::Class
            && self.ur().in_inlined_comp == 0;
        self.u().in_inlined_comp += 1;
        let fnlike = self.st.scopes[outer].is_function_like();
        let mut st = InlineState::default();
        let syms = self.st.scopes[comp].symbols.clone();
        for (k, flags, scope) in syms {
            if flags & def::PARAM != 0 {
                continue;
            }
            let Some(oi) = self.st.scopes[outer].symbols.iter().position(|s| s.0 == k) else {
                continue;
            };
            let (oflags, outsc) = {
                let o = &self.st.scopes[outer].symbols[oi];
                (o.1, o.2)
            };
            if (scope != outsc
                && scope != SymbolScope::Free
                && !(scope == SymbolScope::Cell && outsc == SymbolScope::Free))
                || in_class_block
            {
                self.st.scopes[outer].symbols[oi].1 = flags;
                self.st.scopes[outer].symbols[oi].2 = scope;
                st.temp_symbols.push((oi, oflags, outsc));
            }
            if flags & def::LOCAL != 0 && flags & def::NONLOCAL == 0 {
                if !fnlike && self.ur().fasthidden.get(&k) != Some(&true) {
                    self.u().fasthidden.insert(k.clone(), true);
                    st.fast_hidden.push(k.clone());
                }
                let i = self.u().varnames.add(&k);
                self.emit_arg(Opcode::LoadFastAndClear, i);
                if scope == SymbolScope::Cell {
                    let r = if outsc == SymbolScope::Free {
                        self.ur().freevars.get(&k).map(|i| i | FREE_TAG)
                    } else {
                        self.ur().cellvars.get(&k).map(|i| i | CELL_TAG)
                    };
                    if let Some(r) = r {
                        self.emit_arg(Opcode::MakeCell, r);
                    }
                }
                st.pushed_locals.push(k.clone());
            }
        }
        if !st.pushed_locals.is_empty() {
            self.emit_arg(Opcode::Swap, st.pushed_locals.len() as u32 + 1);
            let cleanup = self.new_block();
            st.cleanup = cleanup;
            self.emit_pseudo(Pseudo::SetupFinally, cleanup);
        }
        Ok(st)
    }

    pub(super) fn pop_inlined_comprehension(&mut self, st: InlineState) -> CResult {
        self.u().in_inlined_comp -= 1;
        if !st.pushed_locals.is_empty() {
            let end = self.new_block();
            let saved = self.u().loc;
            self.u().loc = Location::NONE;
            self.emit_pseudo(Pseudo::PopBlock, NO_BLOCK);
            self.emit_pseudo(Pseudo::JumpNoInterrupt, end);
            self.use_block(st.cleanup);
            self.emit_arg(Opcode::Swap, 2);
            self.emit(Opcode::PopTop);
            self.restore_inlined_locals(&st.pushed_locals);
            self.emit_arg(Opcode::Reraise, 0);
            self.use_block(end);
            self.u().loc = saved;
            self.restore_inlined_locals(&st.pushed_locals);
        }
        let outer = self.ur().scope;
        for (oi, f, s) in st.temp_symbols {
            self.st.scopes[outer].symbols[oi].1 = f;
            self.st.scopes[outer].symbols[oi].2 = s;
        }
        for k in st.fast_hidden {
            self.u().fasthidden.insert(k, false);
        }
        Ok(())
    }

    pub(super) fn restore_inlined_locals(&mut self, pushed: &[Box<str>]) {
        self.emit_arg(Opcode::Swap, pushed.len() as u32 + 1);
        for k in pushed.iter().rev() {
            let i = self.u().varnames.add(k);
            self.emit_full(Op::Pseudo(Pseudo::StoreFastMaybeNull), i, NO_BLOCK);
        }
    }
}

#[derive(Default)]
pub(super) struct InlineState {
    pushed_locals: Vec<Box<str>>,
    temp_symbols: Vec<(usize, u32, SymbolScope)>,
    fast_hidden: Vec<Box<str>>,
    cleanup: BlockId,
}
