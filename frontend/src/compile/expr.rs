//! Code generation for expressions (CPython's `codegen_visit_expr` and friends).

use super::*;
use crate::opcode::{BinaryOp as Nb, CommonConstant, Intrinsic1};
use crate::symtable::ComprehensionKind;

/// Values kept on the stack before switching to incremental building (CPython's
/// `_PY_STACK_USE_GUIDELINE`).
pub(super) const STACK_USE_GUIDELINE: usize = 30;

pub(super) fn binop(op: Operator) -> u32 {
    (match op {
        Operator::Add => Nb::Add,
        Operator::Sub => Nb::Subtract,
        Operator::Mult => Nb::Multiply,
        Operator::MatMult => Nb::MatrixMultiply,
        Operator::Div => Nb::TrueDivide,
        Operator::Mod => Nb::Remainder,
        Operator::Pow => Nb::Power,
        Operator::LShift => Nb::Lshift,
        Operator::RShift => Nb::Rshift,
        Operator::BitOr => Nb::Or,
        Operator::BitXor => Nb::Xor,
        Operator::BitAnd => Nb::And,
        Operator::FloorDiv => Nb::FloorDivide,
    }) as u32
}

pub(super) fn inplace_binop(op: Operator) -> u32 {
    binop(op) + Nb::InplaceAdd as u32
}

/// `(lower, upper)` of a step-less slice, for BINARY_SLICE/STORE_SLICE.
pub(super) fn two_part_slice(e: &Expr) -> Option<(Option<&Expr>, Option<&Expr>)> {
    match &e.node {
        ExprKind::Slice {
            lower,
            upper,
            step: None,
        } => Some((lower.as_deref(), upper.as_deref())),
        _ => None,
    }
}

fn compare_arg(op: CmpOp) -> (Opcode, u32) {
    match op {
        CmpOp::Is => (Opcode::IsOp, 0),
        CmpOp::IsNot => (Opcode::IsOp, 1),
        CmpOp::In => (Opcode::ContainsOp, 0),
        CmpOp::NotIn => (Opcode::ContainsOp, 1),
        _ => {
            let (cmp, mask) = match op {
                CmpOp::Lt => (0, 2),
                CmpOp::LtE => (1, 2 | 8),
                CmpOp::Eq => (2, 8),
                CmpOp::NotEq => (3, 1 | 2 | 4), // unordered (NaN) compares not-equal
                CmpOp::Gt => (4, 4),
                _ => (5, 4 | 8),
            };
            (Opcode::CompareOp, (cmp << 5) | mask)
        }
    }
}

pub(super) fn type_name(c: &Constant) -> &'static str {
    match c {
        Constant::None => "NoneType",
        Constant::True | Constant::False => "bool",
        Constant::Ellipsis => "ellipsis",
        Constant::Int(_) => "int",
        Constant::Float(_) => "float",
        Constant::Complex { .. } => "complex",
        Constant::Str(_) => "str",
        Constant::Bytes(_) => "bytes",
        Constant::Tuple(_) => "tuple",
        Constant::FrozenSet(_) => "frozenset",
    }
}

pub(super) fn is_starred(e: &Expr) -> bool {
    matches!(e.node, ExprKind::Starred { .. })
}

impl<'a> Compiler<'a> {
    pub(super) fn expr(&mut self, e: &'a Expr) -> CResult {
        self.enter_nesting(e.range)?;
        let saved = self.set_loc(e.range);
        let r = self.expr_inner(e);
        self.u().loc = saved;
        self.leave_nesting();
        r
    }

    pub(super) fn expr_inner(&mut self, e: &'a Expr) -> CResult {
        // Hand-built ASTs may be malformed; the parser never produces these.
        match &e.node {
            ExprKind::BoolOp { values, .. } if values.len() < 2 => {
                return Err(err_at("BoolOp with less than 2 values", e.range));
            }
            ExprKind::Compare {
                ops, comparators, ..
            } if ops.is_empty() || ops.len() != comparators.len() => {
                return Err(err_at(
                    "Compare has a different number of comparators and operands",
                    e.range,
                ));
            }
            _ => {}
        }
        if let Some(c) = super::fold::fold(e, self.optimize) {
            self.load_const(c);
            return Ok(());
        }
        match &e.node {
            ExprKind::Constant { value, .. } => self.load_const(value.clone()),
            ExprKind::Name { id, ctx } => {
                if &**id == "__debug__" && *ctx == ExprContext::Load {
                    self.load_const(if self.optimize == 0 {
                        Constant::True
                    } else {
                        Constant::False
                    });
                } else {
                    self.nameop(id, *ctx)?;
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit_arg(Opcode::Copy, 1);
                self.expr(target)?;
            }
            ExprKind::BoolOp { op, values } => {
                // Non-popping conditional jumps, threaded by the assembler so that
                // each operand's __bool__ runs at most once (gh-124285).
                let jump = if *op == BoolOp::And {
                    Pseudo::JumpIfFalse
                } else {
                    Pseudo::JumpIfTrue
                };
                let end = self.new_block();
                let n = values.len();
                for v in &values[..n - 1] {
                    let truth = super::fold::fold(v, self.optimize)
                        .or_else(|| const_value(v))
                        .as_ref()
                        .and_then(super::fold::truthiness);
                    match truth {
                        // `True and x`, `False or x`: the constant does not decide.
                        Some(t) if t == (*op == BoolOp::And) => continue,
                        // `False and x`, `True or x`: the constant is the result.
                        Some(_) => {
                            self.expr(v)?;
                            self.jump(end);
                            let dead = self.new_block();
                            self.use_block(dead);
                            continue;
                        }
                        None => {}
                    }
                    self.expr(v)?;
                    self.set_loc(e.range);
                    self.emit_pseudo(jump, end);
                    self.emit(Opcode::PopTop);
                }
                self.expr(&values[n - 1])?;
                self.use_block(end);
            }
            ExprKind::BinOp { left, .. } => {
                // `a + b + c + ...` nests to the left: walk that spine iteratively so
                // that long chains do not recurse.
                let mut spine = vec![e];
                let mut cur = &**left;
                while matches!(cur.node, ExprKind::BinOp { .. })
                    && super::fold::fold(cur, self.optimize).is_none()
                {
                    spine.push(cur);
                    let ExprKind::BinOp { left, .. } = &cur.node else {
                        break;
                    };
                    cur = left;
                }
                self.expr(cur)?;
                for node in spine.into_iter().rev() {
                    if let ExprKind::BinOp { op, right, .. } = &node.node {
                        self.expr(right)?;
                        self.set_loc(node.range);
                        self.emit_arg(Opcode::BinaryOp, binop(*op));
                    }
                }
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.set_loc(e.range);
                match op {
                    UnaryOp::Invert => self.emit(Opcode::UnaryInvert),
                    UnaryOp::USub => self.emit(Opcode::UnaryNegative),
                    UnaryOp::UAdd => {
                        self.emit_arg(Opcode::CallIntrinsic1, Intrinsic1::UnaryPositive as u32)
                    }
                    UnaryOp::Not => {
                        self.emit(Opcode::ToBool);
                        self.emit(Opcode::UnaryNot);
                    }
                }
            }
            ExprKind::Lambda { args, body } => self.lambda(e, args, body)?,
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next = self.new_block();
                self.jump_if(test, next, false)?;
                self.expr(body)?;
                self.u().loc = Location::NONE;
                self.jump(end);
                self.use_block(next);
                self.expr(orelse)?;
                self.use_block(end);
            }
            ExprKind::Dict { keys, values } => self.dict(keys, values)?,
            ExprKind::Set { elts } => self.starunpack(
                elts,
                0,
                Opcode::BuildSet,
                Opcode::SetAdd,
                Opcode::SetUpdate,
                false,
            )?,
            ExprKind::ListComp { elt, generators } => self.comprehension(
                e,
                "<listcomp>",
                generators,
                elt,
                None,
                ComprehensionKind::List,
            )?,
            ExprKind::SetComp { elt, generators } => self.comprehension(
                e,
                "<setcomp>",
                generators,
                elt,
                None,
                ComprehensionKind::Set,
            )?,
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(
                e,
                "<dictcomp>",
                generators,
                key,
                Some(value),
                ComprehensionKind::Dict,
            )?,
            ExprKind::GeneratorExp { elt, generators } => self.comprehension(
                e,
                "<genexpr>",
                generators,
                elt,
                None,
                ComprehensionKind::Generator,
            )?,
            ExprKind::Yield { value } => {
                if !self.ste().is_function_like() {
                    return Err(err_at("'yield' outside function", e.range));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.set_loc(e.range);
                self.emit_yield();
            }
            ExprKind::YieldFrom { value } => {
                if !self.ste().is_function_like() {
                    return Err(err_at("'yield from' outside function", e.range));
                }
                if self.ur().kind == UnitKind::AsyncFunction {
                    return Err(err_at("'yield from' inside async function", e.range));
                }
                self.expr(value)?;
                self.set_loc(e.range);
                self.emit(Opcode::GetYieldFromIter);
                self.load_const(Constant::None);
                self.yield_from(false);
            }
            ExprKind::Await { value } => {
                if !self.ste().is_function_like() {
                    return Err(err_at("'await' outside function", e.range));
                }
                if !matches!(
                    self.ur().kind,
                    UnitKind::AsyncFunction | UnitKind::Comprehension
                ) {
                    return Err(err_at("'await' outside async function", e.range));
                }
                self.expr(value)?;
                self.set_loc(e.range);
                self.emit_arg(Opcode::GetAwaitable, 0);
                self.load_const(Constant::None);
                self.yield_from(true);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(e, left, ops, comparators)?,
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(e, func, args, keywords)?,
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                self.set_loc(e.range);
                if *conversion != -1 {
                    self.emit_arg(Opcode::ConvertValue, conversion_arg(*conversion));
                }
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                    self.set_loc(e.range);
                    self.emit(Opcode::FormatWithSpec);
                } else {
                    self.emit(Opcode::FormatSimple);
                }
            }
            ExprKind::Interpolation {
                value,
                str,
                conversion,
                format_spec,
            } => {
                self.expr(value)?;
                self.load_const(str.clone());
                let mut oparg = 2;
                if let Some(spec) = format_spec {
                    oparg += 1;
                    self.expr(spec)?;
                }
                if *conversion != -1 {
                    oparg |= conversion_arg(*conversion) << 2;
                }
                self.set_loc(e.range);
                self.emit_arg(Opcode::BuildInterpolation, oparg);
            }
            ExprKind::JoinedStr { values } => {
                if values.len() > STACK_USE_GUIDELINE {
                    self.load_const(Constant::str(""));
                    let ni = self.add_name_raw("join");
                    self.emit_arg(Opcode::LoadAttr, (ni << 1) | 1);
                    self.emit_arg(Opcode::BuildList, 0);
                    for v in values {
                        self.expr(v)?;
                        self.emit_arg(Opcode::ListAppend, 1);
                    }
                    self.emit_arg(Opcode::Call, 1);
                } else {
                    for v in values {
                        self.expr(v)?;
                    }
                    self.set_loc(e.range);
                    match values.len() {
                        0 => self.load_const(Constant::str("")),
                        1 => {}
                        n => self.emit_arg(Opcode::BuildString, n as u32),
                    }
                }
            }
            ExprKind::TemplateStr { values } => {
                let mut last_interp = true;
                let mut nstrings = 0;
                for v in values {
                    if matches!(v.node, ExprKind::Interpolation { .. }) {
                        if last_interp {
                            self.load_const(Constant::str(""));
                            nstrings += 1;
                        }
                        last_interp = true;
                    } else {
                        self.expr(v)?;
                        nstrings += 1;
                        last_interp = false;
                    }
                }
                if last_interp {
                    self.load_const(Constant::str(""));
                    nstrings += 1;
                }
                self.set_loc(e.range);
                self.emit_arg(Opcode::BuildTuple, nstrings);
                let mut n = 0;
                for v in values {
                    if matches!(v.node, ExprKind::Interpolation { .. }) {
                        self.expr(v)?;
                        n += 1;
                    }
                }
                self.set_loc(e.range);
                self.emit_arg(Opcode::BuildTuple, n);
                self.emit(Opcode::BuildTemplate);
            }
            ExprKind::Attribute { value, attr, ctx } => {
                if *ctx == ExprContext::Load && self.can_optimize_super_call(e) {
                    self.load_args_for_super(value)?;
                    let ni = self.add_name(attr);
                    let two = super_args(value) == 2;
                    self.set_loc(e.range);
                    self.emit_arg(Opcode::LoadSuperAttr, (ni << 2) | if two { 2 } else { 0 });
                    self.set_attr_loc(e.range, e);
                    self.emit(Opcode::Nop);
                    return Ok(());
                }
                if *ctx == ExprContext::Store {
                    self.maybe_add_static_attribute(value, attr);
                }
                self.expr(value)?;
                self.set_attr_loc(e.range, e);
                let ni = self.add_name(attr);
                match ctx {
                    ExprContext::Load => self.emit_arg(Opcode::LoadAttr, ni << 1),
                    ExprContext::Store => self.emit_arg(Opcode::StoreAttr, ni),
                    ExprContext::Del => self.emit_arg(Opcode::DeleteAttr, ni),
                }
            }
            ExprKind::Subscript { value, slice, ctx } => {
                if *ctx == ExprContext::Load {
                    self.check_subscripter(value);
                }
                self.expr(value)?;
                match (two_part_slice(slice), ctx) {
                    (Some((lo, hi)), ExprContext::Load | ExprContext::Store) => {
                        self.slice_parts(lo, hi)?;
                        self.set_loc(e.range);
                        if *ctx == ExprContext::Load {
                            self.emit(Opcode::BinarySlice);
                        } else {
                            self.emit(Opcode::StoreSlice);
                        }
                    }
                    _ => {
                        self.expr(slice)?;
                        self.set_loc(e.range);
                        match ctx {
                            ExprContext::Load => self.emit_arg(Opcode::BinaryOp, Nb::Subscr as u32),
                            ExprContext::Store => self.emit(Opcode::StoreSubscr),
                            ExprContext::Del => self.emit(Opcode::DeleteSubscr),
                        }
                    }
                }
            }
            ExprKind::Starred { ctx, .. } => {
                return Err(err_at(
                    if *ctx == ExprContext::Store {
                        "starred assignment target must be in a list or tuple"
                    } else {
                        "can't use starred expression here"
                    },
                    e.range,
                ));
            }
            ExprKind::Slice { lower, upper, step } => {
                self.slice_parts(lower.as_deref(), upper.as_deref())?;
                let mut n = 2;
                if let Some(s) = step {
                    self.expr(s)?;
                    n = 3;
                }
                self.set_loc(e.range);
                self.emit_arg(Opcode::BuildSlice, n);
            }
            ExprKind::List { elts, ctx } => match ctx {
                ExprContext::Load => self.starunpack(
                    elts,
                    0,
                    Opcode::BuildList,
                    Opcode::ListAppend,
                    Opcode::ListExtend,
                    false,
                )?,
                ExprContext::Store => self.assignment_helper(elts)?,
                ExprContext::Del => {
                    for x in elts {
                        self.expr(x)?;
                    }
                }
            },
            ExprKind::Tuple { elts, ctx } => match ctx {
                ExprContext::Load => self.starunpack(
                    elts,
                    0,
                    Opcode::BuildList,
                    Opcode::ListAppend,
                    Opcode::ListExtend,
                    true,
                )?,
                ExprContext::Store => self.assignment_helper(elts)?,
                ExprContext::Del => {
                    for x in elts {
                        self.expr(x)?;
                    }
                }
            },
        }
        Ok(())
    }

    pub(super) fn emit_yield(&mut self) {
        let ste = self.ste();
        if ste.generator && ste.coroutine {
            self.emit_arg(Opcode::CallIntrinsic1, Intrinsic1::AsyncGenWrap as u32);
        }
        self.emit_arg(Opcode::YieldValue, 0);
        self.emit_arg(Opcode::Resume, crate::opcode::RESUME_AFTER_YIELD);
    }

    pub(super) fn slice_parts(&mut self, lo: Option<&'a Expr>, hi: Option<&'a Expr>) -> CResult {
        match lo {
            Some(l) => self.expr(l)?,
            None => self.load_const(Constant::None),
        }
        match hi {
            Some(h) => self.expr(h)?,
            None => self.load_const(Constant::None),
        }
        Ok(())
    }

    pub(super) fn check_subscripter(&mut self, value: &Expr) {
        if let ExprKind::Constant { value: c, .. } = &value.node {
            if matches!(
                c,
                Constant::None
                    | Constant::True
                    | Constant::False
                    | Constant::Ellipsis
                    | Constant::Int(_)
                    | Constant::Float(_)
                    | Constant::Complex { .. }
            ) {
                let msg = format!(
                    "'{}' object is not subscriptable; perhaps you missed a comma?",
                    type_name(c)
                );
                self.warn(msg, value.range);
            }
        }
    }

    /// Pushes a tuple of constants, or builds one from `elts`.
    pub(super) fn const_or_tuple(&mut self, elts: &'a [Expr]) -> CResult {
        self.starunpack(
            elts,
            0,
            Opcode::BuildList,
            Opcode::ListAppend,
            Opcode::ListExtend,
            true,
        )
    }

    /// Builds a list/set/tuple from `elts`, some of which may be starred (CPython's
    /// `starunpack_helper`). `pushed` items are already on the stack.
    pub(super) fn starunpack(
        &mut self,
        elts: &'a [Expr],
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult {
        let n = elts.len();
        let consts: Option<Vec<Constant>> = elts
            .iter()
            .map(|x| super::fold::fold(x, self.optimize).or_else(|| const_value(x)))
            .collect();
        if let Some(cs) = consts {
            if pushed == 0 && (tuple || n > 2) {
                if tuple {
                    self.load_const(Constant::Tuple(cs));
                } else {
                    let folded = if add == Opcode::SetAdd {
                        Constant::FrozenSet(cs)
                    } else {
                        Constant::Tuple(cs)
                    };
                    self.emit_arg(build, 0);
                    self.load_const(folded);
                    self.emit_arg(extend, 1);
                }
                return Ok(());
            }
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(is_starred);
        if !seen_star && !big {
            for x in elts {
                self.expr(x)?;
            }
            let total = n as u32 + pushed;
            if tuple {
                self.emit_arg(Opcode::BuildTuple, total);
            } else {
                self.emit_arg(build, total);
            }
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit_arg(build, pushed);
            built = true;
        }
        for (i, x) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &x.node {
                if !built {
                    self.emit_arg(build, i as u32 + pushed);
                    built = true;
                }
                self.expr(value)?;
                self.emit_arg(extend, 1);
            } else {
                self.expr(x)?;
                if built {
                    self.emit_arg(add, 1);
                }
            }
        }
        if tuple {
            self.emit_arg(Opcode::CallIntrinsic1, Intrinsic1::ListToTuple as u32);
        }
        Ok(())
    }

    pub(super) fn assignment_helper(&mut self, elts: &'a [Expr]) -> CResult {
        let n = elts.len();
        let mut seen_star = false;
        for (i, x) in elts.iter().enumerate() {
            if is_starred(x) {
                if seen_star {
                    return Err(err_at(
                        "multiple starred expressions in assignment",
                        x.range,
                    ));
                }
                if i >= 256 || n - i > (i32::MAX >> 8) as usize {
                    return Err(err_at(
                        "too many expressions in star-unpacking assignment",
                        x.range,
                    ));
                }
                self.emit_arg(Opcode::UnpackEx, (i + ((n - i - 1) << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.emit_arg(Opcode::UnpackSequence, n as u32);
        }
        for x in elts {
            match &x.node {
                ExprKind::Starred { value, .. } => self.expr(value)?,
                _ => self.expr(x)?,
            }
        }
        Ok(())
    }

    pub(super) fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult {
        let n = values.len();
        let mut elements = 0usize;
        let mut have_dict = false;
        for i in 0..n {
            let is_unpacking = keys.get(i).is_none_or(|k| k.is_none());
            if is_unpacking {
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.emit_arg(Opcode::DictUpdate, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit_arg(Opcode::BuildMap, 0);
                    have_dict = true;
                }
                self.expr(&values[i])?;
                self.emit_arg(Opcode::DictUpdate, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.emit_arg(Opcode::DictUpdate, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.emit_arg(Opcode::DictUpdate, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit_arg(Opcode::BuildMap, 0);
        }
        Ok(())
    }

    pub(super) fn subdict(
        &mut self,
        keys: &'a [Option<Expr>],
        values: &'a [Expr],
        begin: usize,
        end: usize,
    ) -> CResult {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if big {
            self.emit_arg(Opcode::BuildMap, 0);
        }
        for i in begin..end {
            if let Some(Some(k)) = keys.get(i) {
                self.expr(k)?;
            }
            self.expr(&values[i])?;
            if big {
                self.emit_arg(Opcode::MapAdd, 1);
            }
        }
        if !big {
            self.emit_arg(Opcode::BuildMap, n as u32);
        }
        Ok(())
    }

    pub(super) fn check_compare(
        &mut self,
        e: &Expr,
        left: &Expr,
        ops: &[CmpOp],
        comparators: &[Expr],
    ) {
        fn is_arg(e: &Expr) -> bool {
            match &e.node {
                ExprKind::Constant { value, .. } => matches!(
                    value,
                    Constant::None | Constant::True | Constant::False | Constant::Ellipsis
                ),
                _ => true,
            }
        }
        let mut l = is_arg(left);
        let mut left_e = left;
        for (op, right_e) in ops.iter().zip(comparators) {
            let r = is_arg(right_e);
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && (!r || !l) {
                let lit = if !l { left_e } else { right_e };
                let tn = match &lit.node {
                    ExprKind::Constant { value, .. } => type_name(value),
                    _ => "object",
                };
                let msg = if *op == CmpOp::Is {
                    format!("\"is\" with '{tn}' literal. Did you mean \"==\"?")
                } else {
                    format!("\"is not\" with '{tn}' literal. Did you mean \"!=\"?")
                };
                self.warn(msg, e.range);
                return;
            }
            l = r;
            left_e = right_e;
        }
    }

    /// The right operand of a comparison: for `in`/`not in`, a list or set display
    /// of constants becomes a constant tuple or frozenset (as CPython's optimizer).
    pub(super) fn comparand(&mut self, op: CmpOp, e: &'a Expr) -> CResult {
        if matches!(op, CmpOp::In | CmpOp::NotIn) {
            return self.iterable(e);
        }
        self.expr(e)
    }

    /// An expression only iterated or searched: constant list displays become
    /// tuples, constant set displays frozensets.
    pub(super) fn iterable(&mut self, e: &'a Expr) -> CResult {
        let consts = |elts: &[Expr]| -> Option<Vec<Constant>> {
            elts.iter()
                .map(|x| super::fold::fold(x, self.optimize).or_else(|| const_value(x)))
                .collect()
        };
        match &e.node {
            ExprKind::List {
                elts,
                ctx: ExprContext::Load,
            } if !elts.iter().any(is_starred) => {
                if let Some(cs) = consts(elts) {
                    self.set_loc(e.range);
                    self.load_const(Constant::Tuple(cs));
                    return Ok(());
                }
                // A non-constant list display: build a tuple instead.
                for x in elts {
                    self.expr(x)?;
                }
                self.set_loc(e.range);
                self.emit_arg(Opcode::BuildTuple, elts.len() as u32);
                Ok(())
            }
            ExprKind::Set { elts } if !elts.iter().any(is_starred) => {
                if let Some(cs) = consts(elts) {
                    self.set_loc(e.range);
                    self.load_const(Constant::FrozenSet(cs));
                    return Ok(());
                }
                self.expr(e)
            }
            _ => self.expr(e),
        }
    }

    pub(super) fn emit_compare(&mut self, op: CmpOp) {
        let (o, a) = compare_arg(op);
        self.emit_arg(o, a);
    }

    pub(super) fn compare(
        &mut self,
        e: &'a Expr,
        left: &'a Expr,
        ops: &'a [CmpOp],
        comparators: &'a [Expr],
    ) -> CResult {
        self.check_compare(e, left, ops, comparators);
        self.expr(left)?;
        let n = ops.len();
        if n == 1 {
            self.comparand(ops[0], &comparators[0])?;
            self.set_loc(e.range);
            self.emit_compare(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_block();
        for i in 0..n - 1 {
            // A middle operand is also the next comparison's left: it keeps its type.
            self.expr(&comparators[i])?;
            self.set_loc(e.range);
            self.emit_arg(Opcode::Swap, 2);
            self.emit_arg(Opcode::Copy, 2);
            self.emit_compare(ops[i]);
            self.emit_arg(Opcode::Copy, 1);
            self.emit(Opcode::ToBool);
            self.emit_jump(Opcode::PopJumpIfFalse, cleanup);
            self.emit(Opcode::PopTop);
        }
        self.comparand(ops[n - 1], &comparators[n - 1])?;
        self.set_loc(e.range);
        self.emit_compare(ops[n - 1]);
        let end = self.new_block();
        self.u().loc = Location::NONE;
        self.jump(end);
        self.use_block(cleanup);
        self.set_loc(e.range);
        self.emit_arg(Opcode::Swap, 2);
        self.emit(Opcode::PopTop);
        self.use_block(end);
        Ok(())
    }

    /// Jumps to `next` if `e` is truthy (`cond`) or falsy (`!cond`).
    pub(super) fn jump_if(&mut self, e: &'a Expr, next: BlockId, cond: bool) -> CResult {
        self.enter_nesting(e.range)?;
        let r = self.jump_if_inner(e, next, cond);
        self.leave_nesting();
        r
    }

    pub(super) fn jump_if_inner(&mut self, e: &'a Expr, next: BlockId, cond: bool) -> CResult {
        match &e.node {
            ExprKind::BoolOp { values, .. } if values.len() < 2 => {
                return Err(err_at("BoolOp with less than 2 values", e.range));
            }
            ExprKind::Compare {
                ops, comparators, ..
            } if ops.is_empty() || ops.len() != comparators.len() => {
                return Err(err_at(
                    "Compare has a different number of comparators and operands",
                    e.range,
                ));
            }
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => return self.jump_if(operand, next, !cond),
            ExprKind::BoolOp { op, values } => {
                let cond2 = *op == BoolOp::Or;
                let next2 = if cond2 != cond {
                    self.new_block()
                } else {
                    next
                };
                let n = values.len();
                for v in &values[..n - 1] {
                    self.jump_if(v, next2, cond2)?;
                }
                self.jump_if(&values[n - 1], next, cond)?;
                if next2 != next {
                    self.use_block(next2);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next2 = self.new_block();
                self.jump_if(test, next2, false)?;
                self.jump_if(body, next, cond)?;
                self.u().loc = Location::NONE;
                self.jump(end);
                self.use_block(next2);
                self.jump_if(orelse, next, cond)?;
                self.use_block(end);
                return Ok(());
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } if ops.len() > 1 => {
                self.check_compare(e, left, ops, comparators);
                let cleanup = self.new_block();
                self.expr(left)?;
                let n = ops.len() - 1;
                for i in 0..n {
                    self.expr(&comparators[i])?;
                    self.set_loc(e.range);
                    self.emit_arg(Opcode::Swap, 2);
                    self.emit_arg(Opcode::Copy, 2);
                    self.emit_compare(ops[i]);
                    self.emit(Opcode::ToBool);
                    self.emit_jump(Opcode::PopJumpIfFalse, cleanup);
                }
                self.comparand(ops[n], &comparators[n])?;
                self.set_loc(e.range);
                self.emit_compare(ops[n]);
                self.emit(Opcode::ToBool);
                let j = if cond {
                    Opcode::PopJumpIfTrue
                } else {
                    Opcode::PopJumpIfFalse
                };
                self.emit_jump(j, next);
                let end = self.new_block();
                self.u().loc = Location::NONE;
                self.jump(end);
                self.use_block(cleanup);
                self.set_loc(e.range);
                self.emit(Opcode::PopTop);
                if !cond {
                    self.u().loc = Location::NONE;
                    self.jump(next);
                }
                self.use_block(end);
                return Ok(());
            }
            _ => {}
        }
        if let Some(truth) = super::fold::fold(e, self.optimize)
            .or_else(|| const_value(e))
            .as_ref()
            .and_then(super::fold::truthiness)
        {
            // A constant condition: an unconditional jump, or nothing.
            self.set_loc(e.range);
            if truth == cond {
                self.jump(next);
            } else {
                self.emit(Opcode::Nop);
            }
            return Ok(());
        }
        self.expr(e)?;
        self.set_loc(e.range);
        self.emit(Opcode::ToBool);
        let j = if cond {
            Opcode::PopJumpIfTrue
        } else {
            Opcode::PopJumpIfFalse
        };
        self.emit_jump(j, next);
        Ok(())
    }
}

fn conversion_arg(c: i32) -> u32 {
    match c {
        0x73 => 1, // 's'
        0x72 => 2, // 'r'
        0x61 => 3, // 'a'
        _ => 0,
    }
}

pub(super) fn super_args(call: &Expr) -> usize {
    match &call.node {
        ExprKind::Call { args, .. } => args.len(),
        _ => 0,
    }
}

/// The value of a constant expression node.
pub(super) fn const_value(e: &Expr) -> Option<Constant> {
    match &e.node {
        ExprKind::Constant { value, .. } => Some(value.clone()),
        _ => None,
    }
}

#[allow(dead_code)]
fn unused(_: CommonConstant) {}
