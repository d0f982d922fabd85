//! Code generation for calls: positional/keyword/star arguments, method calls
//! (LOAD_ATTR with the method bit), zero-argument `super()` (LOAD_SUPER_ATTR) and
//! CALL_FUNCTION_EX (CPython's `codegen_call`, `codegen_call_helper`).

use super::expr::{is_starred, super_args, type_name, STACK_USE_GUIDELINE};
use super::*;
use crate::opcode::Intrinsic1;
use crate::symtable::def;

impl<'a> Compiler<'a> {
    // ----- calls ------------------------------------------------------------------------

    pub(super) fn validate_keywords(&self, keywords: &[Keyword]) -> CResult {
        for (i, k) in keywords.iter().enumerate() {
            let Some(a) = &k.arg else { continue };
            for other in &keywords[i + 1..] {
                if other.arg.as_deref() == Some(&**a) {
                    return Err(err_at(
                        format!("keyword argument repeated: {a}"),
                        other.range,
                    ));
                }
            }
        }
        Ok(())
    }

    pub(super) fn is_import_originated(&self, e: &Expr) -> bool {
        let ExprKind::Name { id, .. } = &e.node else {
            return false;
        };
        self.st.scopes[0].flags(id) & def::IMPORT != 0
    }

    pub(super) fn can_optimize_super_call(&self, attr: &Expr) -> bool {
        let ExprKind::Attribute {
            value, attr: name, ..
        } = &attr.node
        else {
            return false;
        };
        let ExprKind::Call {
            func,
            args,
            keywords,
        } = &value.node
        else {
            return false;
        };
        let ExprKind::Name { id, .. } = &func.node else {
            return false;
        };
        if &**id != "super" || &**name == "__class__" || !keywords.is_empty() {
            return false;
        }
        if self.ste().scope_of("super") != Some(SymbolScope::GlobalImplicit) {
            return false;
        }
        if self.st.scopes[0].scope_of("super").is_some() {
            return false;
        }
        if args.len() == 2 {
            return !args.iter().any(is_starred);
        }
        if !args.is_empty() {
            return false;
        }
        let u = self.ur();
        if u.argcount == 0 && u.posonlyargcount == 0 {
            return false;
        }
        let scope = self.ste().scope_of("__class__");
        scope == Some(SymbolScope::Free) && u.freevars.get("__class__").is_some()
    }

    pub(super) fn load_args_for_super(&mut self, call: &'a Expr) -> CResult {
        let ExprKind::Call { func, args, .. } = &call.node else {
            return Ok(());
        };
        self.set_loc(func.range);
        self.nameop("super", ExprContext::Load)?;
        if args.len() == 2 {
            self.expr(&args[0])?;
            self.expr(&args[1])?;
            return Ok(());
        }
        self.set_loc(call.range);
        self.nameop("__class__", ExprContext::Load)?;
        let first = self.ur().varnames.list.first().cloned().unwrap_or_default();
        self.nameop(&first, ExprContext::Load)
    }

    pub(super) fn call(
        &mut self,
        e: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CResult {
        self.validate_keywords(keywords)?;
        if self.maybe_optimize_method_call(e, func, args, keywords)? {
            return Ok(());
        }
        if let ExprKind::Constant { value, .. } = &func.node {
            {
                let msg = format!(
                    "'{}' object is not callable; perhaps you missed a comma?",
                    type_name(value)
                );
                self.warn(msg, func.range);
            }
        }
        self.expr(func)?;
        self.set_loc(func.range);
        self.emit(Opcode::PushNull);
        self.set_loc(e.range);
        self.call_helper(0, args, keywords, None)
    }

    pub(super) fn maybe_optimize_method_call(
        &mut self,
        e: &'a Expr,
        meth: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CResult<bool> {
        let ExprKind::Attribute {
            value,
            attr,
            ctx: ExprContext::Load,
        } = &meth.node
        else {
            return Ok(false);
        };
        if self.is_import_originated(value) {
            return Ok(false);
        }
        let kwn = keywords.len();
        if args.len() + kwn + usize::from(kwn != 0) >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if args.iter().any(is_starred) || keywords.iter().any(|k| k.arg.is_none()) {
            return Ok(false);
        }
        if self.can_optimize_super_call(meth) {
            self.load_args_for_super(value)?;
            let ni = self.add_name(attr);
            let two = super_args(value) == 2;
            self.set_loc(meth.range);
            self.emit_arg(Opcode::LoadSuperAttr, (ni << 2) | if two { 3 } else { 1 });
        } else {
            self.expr(value)?;
            self.set_attr_loc(meth.range, meth);
            let ni = self.add_name(attr);
            self.emit_arg(Opcode::LoadAttr, (ni << 1) | 1);
        }
        for a in args {
            self.expr(a)?;
        }
        if kwn > 0 {
            for k in keywords {
                self.expr(&k.value)?;
            }
            self.kwnames(keywords);
            self.set_attr_loc(e.range, meth);
            self.emit_arg(Opcode::CallKw, (args.len() + kwn) as u32);
        } else {
            self.set_attr_loc(e.range, meth);
            self.emit_arg(Opcode::Call, args.len() as u32);
        }
        Ok(true)
    }

    pub(super) fn kwnames(&mut self, keywords: &[Keyword]) {
        let names = keywords
            .iter()
            .map(|k| Constant::str(k.arg.as_deref().unwrap_or("")))
            .collect();
        self.load_const(Constant::Tuple(names));
    }

    /// Emits the arguments and the call; `n` positional arguments are already pushed
    /// after the callable and NULL (CPython's `codegen_call_helper_impl`).
    pub(super) fn call_helper(
        &mut self,
        n: u32,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        injected: Option<&str>,
    ) -> CResult {
        self.validate_keywords(keywords)?;
        let loc = self.ur().loc;
        let nelts = args.len();
        let nkw = keywords.len();
        let simple = nelts + nkw * 2 <= STACK_USE_GUIDELINE
            && !args.iter().any(is_starred)
            && !keywords.iter().any(|k| k.arg.is_none());
        if simple {
            for a in args {
                self.expr(a)?;
            }
            let mut nelts = nelts as u32;
            if let Some(inj) = injected {
                self.nameop(inj, ExprContext::Load)?;
                nelts += 1;
            }
            self.u().loc = loc;
            if nkw > 0 {
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.kwnames(keywords);
                self.u().loc = loc;
                self.emit_arg(Opcode::CallKw, n + nelts + nkw as u32);
            } else {
                self.emit_arg(Opcode::Call, n + nelts);
            }
            return Ok(());
        }
        // CALL_FUNCTION_EX: a tuple of positional arguments, a dict (or NULL).
        if n == 0 && nelts == 1 && injected.is_none() {
            if let ExprKind::Starred { value, .. } = &args[0].node {
                self.expr(value)?;
            } else {
                self.starunpack(
                    args,
                    0,
                    Opcode::BuildList,
                    Opcode::ListAppend,
                    Opcode::ListExtend,
                    true,
                )?;
            }
        } else {
            self.starunpack_injected(args, n, injected)?;
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(&keywords[i - nseen..i])?;
                        if have_dict {
                            self.emit_arg(Opcode::DictMerge, 1);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.emit_arg(Opcode::BuildMap, 0);
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.emit_arg(Opcode::DictMerge, 1);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(&keywords[nkw - nseen..])?;
                if have_dict {
                    self.emit_arg(Opcode::DictMerge, 1);
                }
            }
        } else {
            self.emit(Opcode::PushNull);
        }
        self.u().loc = loc;
        self.emit(Opcode::CallFunctionEx);
        Ok(())
    }

    pub(super) fn starunpack_injected(
        &mut self,
        args: &'a [Expr],
        pushed: u32,
        injected: Option<&str>,
    ) -> CResult {
        let Some(inj) = injected else {
            return self.starunpack(
                args,
                pushed,
                Opcode::BuildList,
                Opcode::ListAppend,
                Opcode::ListExtend,
                true,
            );
        };
        // Build a list of the pushed values and args, then append the injected one.
        self.emit_arg(Opcode::BuildList, pushed);
        for a in args {
            if let ExprKind::Starred { value, .. } = &a.node {
                self.expr(value)?;
                self.emit_arg(Opcode::ListExtend, 1);
            } else {
                self.expr(a)?;
                self.emit_arg(Opcode::ListAppend, 1);
            }
        }
        self.nameop(inj, ExprContext::Load)?;
        self.emit_arg(Opcode::ListAppend, 1);
        self.emit_arg(Opcode::CallIntrinsic1, Intrinsic1::ListToTuple as u32);
        Ok(())
    }

    pub(super) fn subkwargs(&mut self, kws: &'a [Keyword]) -> CResult {
        let n = kws.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if big {
            self.emit_arg(Opcode::BuildMap, 0);
        }
        for k in kws {
            self.load_const(Constant::str(k.arg.as_deref().unwrap_or("")));
            self.expr(&k.value)?;
            if big {
                self.emit_arg(Opcode::MapAdd, 1);
            }
        }
        if !big {
            self.emit_arg(Opcode::BuildMap, n as u32);
        }
        Ok(())
    }
}
