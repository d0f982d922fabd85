//! PEP 649 annotations: the `__annotate__` functions of functions, classes and modules.

use super::*;
use crate::symtable::{key_of, tag};

impl<'a> Compiler<'a> {
    /// Pushes the `__annotate__` function of a def (or, with `from __future__ import
    /// annotations`, a tuple of name/string pairs); returns the function-attribute flag.
    pub(super) fn function_annotations(
        &mut self,
        s: &'a Stmt,
        args: &'a Arguments,
        returns: Option<&'a Expr>,
    ) -> CResult<u32> {
        let Some(ab) = self.st.lookup(key_of(args, tag::ANNOTATIONS)) else {
            return Ok(0);
        };
        if !self.st.scopes[ab].annotations_used {
            return Ok(0);
        }
        let mut entries: Vec<(String, &'a Expr)> = Vec::new();
        for a in args.posonlyargs.iter().chain(&args.args) {
            if let Some(an) = &a.annotation {
                entries.push((self.mangle(&a.arg), an));
            }
        }
        if let Some(v) = &args.vararg {
            if let Some(an) = &v.annotation {
                entries.push((self.mangle(&v.arg), an));
            }
        }
        for a in &args.kwonlyargs {
            if let Some(an) = &a.annotation {
                entries.push((self.mangle(&a.arg), an));
            }
        }
        if let Some(k) = &args.kwarg {
            if let Some(an) = &k.annotation {
                entries.push((self.mangle(&k.arg), an));
            }
        }
        if let Some(r) = returns {
            entries.push(("return".into(), r));
        }
        self.enter_scope_id("__annotate__", UnitKind::Annotations, ab, s.range.lineno)?;
        self.u().argcount = 1;
        self.u().posonlyargcount = 1;
        self.set_loc(s.range);
        self.format_check();
        for (name, an) in &entries {
            self.load_const(Constant::str(name));
            if self.future_annotations {
                // `from __future__ import annotations`: the source text.
                let text = super::unparse::unparse(an);
                self.load_const(Constant::Str(text.into()));
            } else if let ExprKind::Starred { value, .. } = &an.node {
                // `*args: *Ts`
                self.expr(value)?;
                self.emit_arg(Opcode::UnpackSequence, 1);
            } else {
                self.expr(an)?;
            }
        }
        self.set_loc(s.range);
        self.emit_arg(Opcode::BuildMap, entries.len() as u32);
        self.emit(Opcode::ReturnValue);
        let code = self.exit_scope()?;
        self.make_closure(code, 0)?;
        Ok(crate::opcode::FunctionAttr::Annotate as u32)
    }

    /// Emits the creation of a module's or class's `__annotate__` from its deferred
    /// annotations, and stores it (`__annotate__` / `__annotate_func__`).
    pub(super) fn emit_deferred_annotations(&mut self, r: Range) -> CResult {
        let Some(ab) = self.ste().annotation_block else {
            return Ok(());
        };
        let is_class = self.ur().kind == UnitKind::Class;
        let anns = self.ur().deferred_annotations.clone();
        let private = self.ur().private.clone();
        self.enter_scope_id("__annotate__", UnitKind::Annotations, ab, r.lineno)?;
        self.u().private = private;
        self.u().argcount = 1;
        self.u().posonlyargcount = 1;
        self.set_loc(r);
        self.format_check();
        self.emit_arg(Opcode::BuildMap, 0);
        for (s, idx) in &anns {
            let StmtKind::AnnAssign {
                target, annotation, ..
            } = &s.node
            else {
                continue;
            };
            let ExprKind::Name { id, .. } = &target.node else {
                continue;
            };
            self.set_loc(s.range);
            let not_set = self.new_block();
            if let Some(i) = idx {
                self.load_const(Constant::Int(Int::Small(*i as i64)));
                if is_class {
                    // Not a symbol of the annotation scope: added as a free variable
                    // here, as CPython's codegen does.
                    let f = self.u().freevars.add("__conditional_annotations__") | FREE_TAG;
                    self.emit_arg(Opcode::LoadDeref, f);
                } else {
                    let ni = self.add_name_raw("__conditional_annotations__");
                    self.emit_arg(Opcode::LoadGlobal, ni << 1);
                }
                self.emit_arg(Opcode::ContainsOp, 0);
                self.emit_jump(Opcode::PopJumpIfFalse, not_set);
            }
            self.expr(annotation)?;
            self.set_loc(s.range);
            self.emit_arg(Opcode::Copy, 2);
            let m = self.mangle(id);
            self.load_const(Constant::str(&m));
            self.emit(Opcode::StoreSubscr);
            self.use_block(not_set);
        }
        self.u().loc = Location::NONE;
        self.emit(Opcode::ReturnValue);
        let code = self.exit_scope()?;
        self.set_loc(r);
        self.make_closure(code, 0)?;
        let name = if is_class {
            "__annotate_func__"
        } else {
            "__annotate__"
        };
        self.nameop(name, ExprContext::Store)
    }
}
