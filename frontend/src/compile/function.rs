//! Code generation for functions, classes and PEP 695 generics: defaults, closures,
//! decorators, `__annotate__`, class bodies (`__module__`, `__qualname__`,
//! `__firstlineno__`, `__static_attributes__`, `__classcell__`, `__classdictcell__`),
//! type parameter scopes and `type` aliases.

use super::stmt::{clean_doc, collect_annotations, docstring_value};
use super::*;
use crate::opcode::{Intrinsic1, Intrinsic2};
use crate::symtable::{key_of, tag};

impl<'a> Compiler<'a> {
    // ----- functions and classes ------------------------------------------------------

    pub(super) fn decorators(&mut self, decos: &'a [Expr]) -> CResult {
        for d in decos {
            self.expr(d)?;
        }
        Ok(())
    }

    pub(super) fn apply_decorators(&mut self, decos: &'a [Expr]) {
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

    pub(super) fn function_def(
        &mut self,
        s: &'a Stmt,
        fd: &'a FunctionDef,
        is_async: bool,
    ) -> CResult {
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

    pub(super) fn function_body(
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

    pub(super) fn class_def(&mut self, s: &'a Stmt, cd: &'a ClassDef) -> CResult {
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

    pub(super) fn class_body(
        &mut self,
        s: &'a Stmt,
        cd: &'a ClassDef,
        firstlineno: u32,
    ) -> CResult {
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
                self.defer_annotation(a, if has_cond { Some(i as u32) } else { None });
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
    pub(super) fn type_params(&mut self, tps: &'a [TypeParam]) -> CResult {
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
    pub(super) fn lazy_scope(
        &mut self,
        e: &'a Expr,
        name: &str,
        key: ScopeKey,
        tuple: bool,
    ) -> CResult {
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

    pub(super) fn type_alias(
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
