//! Code generation for `match` statements (CPython's `codegen_match` and
//! `codegen_pattern_*`).
//!
//! While a pattern is tried, the stack holds the subject, then `on_top` items the
//! pattern still needs, and captured values are rotated below those so that they can
//! be stored all at once when the whole case matches. A failure jumps to
//! `fail_pop[n]`, which pops the `n` items that are on the stack at that point.

use super::*;

struct PatternContext {
    stores: Vec<Box<str>>,
    allow_irrefutable: bool,
    fail_pop: Vec<BlockId>,
    on_top: usize,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        &p.node,
        PatternKind::MatchAs {
            pattern: None,
            name: None
        }
    )
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(&p.node, PatternKind::MatchStar { name: None })
}

impl<'a> Compiler<'a> {
    pub(super) fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> CResult {
        self.expr(subject)?;
        let end = self.new_block();
        let n = cases.len();
        let has_default = n > 1 && cases.last().is_some_and(|m| is_wildcard(&m.pattern));
        for (i, m) in cases[..n - usize::from(has_default)].iter().enumerate() {
            self.set_loc(m.pattern.range);
            let last = i == n - usize::from(has_default) - 1;
            if !last {
                self.emit_arg(Opcode::Copy, 1);
            }
            let mut pc = PatternContext {
                stores: Vec::new(),
                allow_irrefutable: m.guard.is_some() || i == n - 1,
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.pattern(&m.pattern, &mut pc)?;
            self.set_loc(m.pattern.range);
            for name in std::mem::take(&mut pc.stores) {
                self.nameop(&name, ExprContext::Store)?;
            }
            if let Some(g) = &m.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(g, target, false)?;
            }
            if !last {
                self.emit(Opcode::PopTop);
            }
            self.stmts(&m.body)?;
            self.u().loc = Location::NONE;
            self.jump(end);
            self.set_loc(m.pattern.range);
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            let m = &cases[n - 1];
            self.set_loc(m.pattern.range);
            if n == 1 {
                self.emit(Opcode::PopTop);
            } else {
                self.emit(Opcode::Nop);
            }
            if let Some(g) = &m.guard {
                self.jump_if(g, end, false)?;
            }
            self.stmts(&m.body)?;
        }
        self.use_block(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() <= n {
            let b = self.new_block();
            pc.fail_pop.push(b);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Option<Opcode>) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        let t = pc.fail_pop[pops];
        match op {
            Some(o) => self.emit_jump(o, t),
            None => self.jump(t),
        }
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.use_block(pc.fail_pop[i]);
            self.emit(Opcode::PopTop);
        }
        self.use_block(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.emit_arg(Opcode::Swap, count as u32);
            count -= 1;
        }
    }

    fn store_name(&mut self, name: Option<&str>, pc: &mut PatternContext, r: Range) -> CResult {
        let Some(n) = name else {
            self.emit(Opcode::PopTop);
            return Ok(());
        };
        if pc.stores.iter().any(|s| &**s == n) {
            return Err(err_at(
                format!("multiple assignments to name '{n}' in pattern"),
                r,
            ));
        }
        self.rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(n.into());
        Ok(())
    }

    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        let allow = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = allow;
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        self.enter_nesting(p.range)?;
        let saved = self.set_loc(p.range);
        let r = self.pattern_inner(p, pc);
        self.u().loc = saved;
        self.leave_nesting();
        r
    }

    fn pattern_inner(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        let r = p.range;
        match &p.node {
            PatternKind::MatchValue { value } => {
                let ok = matches!(
                    value.node,
                    ExprKind::Constant { .. } | ExprKind::Attribute { .. }
                ) || super::fold::fold(value, self.optimize).is_some();
                if !ok {
                    return Err(err_at(
                        "patterns may only match literals and attribute lookups",
                        r,
                    ));
                }
                self.expr(value)?;
                self.set_loc(r);
                self.emit_arg(Opcode::CompareOp, (2 << 5) | 8);
                self.emit(Opcode::ToBool);
                self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
            }
            PatternKind::MatchSingleton { value } => {
                self.load_const(value.clone());
                self.emit_arg(Opcode::IsOp, 0);
                self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
            }
            PatternKind::MatchSequence { patterns } => self.pattern_sequence(patterns, pc, r)?,
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => self.pattern_mapping(keys, patterns, rest.as_deref(), pc, r)?,
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => self.pattern_class(cls, patterns, kwd_attrs, kwd_patterns, pc, r)?,
            PatternKind::MatchStar { name } => self.store_name(name.as_deref(), pc, r)?,
            PatternKind::MatchAs { pattern, name } => {
                match pattern {
                    None => {
                        if !pc.allow_irrefutable {
                            return Err(err_at(
                                match name {
                                    Some(n) => {
                                        format!("name capture '{n}' makes remaining patterns unreachable")
                                    }
                                    None => "wildcard makes remaining patterns unreachable".into(),
                                },
                                r,
                            ));
                        }
                        self.store_name(name.as_deref(), pc, r)?;
                    }
                    Some(inner) => {
                        pc.on_top += 1;
                        self.emit_arg(Opcode::Copy, 1);
                        self.pattern(inner, pc)?;
                        pc.on_top -= 1;
                        self.set_loc(r);
                        self.store_name(name.as_deref(), pc, r)?;
                    }
                }
            }
            PatternKind::MatchOr { patterns } => self.pattern_or(patterns, pc, r)?,
        }
        Ok(())
    }

    fn pattern_sequence(
        &mut self,
        patterns: &'a [Pattern],
        pc: &mut PatternContext,
        r: Range,
    ) -> CResult {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, q) in patterns.iter().enumerate() {
            if matches!(q.node, PatternKind::MatchStar { .. }) {
                if star.is_some() {
                    return Err(err_at(
                        "multiple starred names in sequence pattern",
                        q.range,
                    ));
                }
                star_wildcard = is_star_wildcard(q);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(q);
        }
        pc.on_top += 1;
        self.emit(Opcode::MatchSequence);
        self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        if star.is_none() {
            self.emit(Opcode::GetLen);
            self.load_const(Constant::Int(Int::Small(size as i64)));
            self.emit_arg(Opcode::CompareOp, (2 << 5) | 8);
            self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        } else if size > 1 {
            // With a star: len(subject) >= size - 1 (also keeps UNPACK_EX from raising).
            self.emit(Opcode::GetLen);
            self.load_const(Constant::Int(Int::Small(size as i64 - 1)));
            self.emit_arg(Opcode::CompareOp, (5 << 5) | 4 | 8);
            self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.emit(Opcode::PopTop);
        } else if star_wildcard {
            let star = star.unwrap_or(usize::MAX);
            pc.on_top += 1;
            for (i, q) in patterns.iter().enumerate() {
                if is_wildcard(q) || i == star {
                    continue;
                }
                self.set_loc(r);
                self.emit_arg(Opcode::Copy, 1);
                if i < star {
                    self.load_const(Constant::Int(Int::Small(i as i64)));
                } else {
                    self.emit(Opcode::GetLen);
                    self.load_const(Constant::Int(Int::Small((size - i) as i64)));
                    self.emit_arg(Opcode::BinaryOp, crate::opcode::BinaryOp::Subtract as u32);
                }
                self.emit_arg(Opcode::BinaryOp, crate::opcode::BinaryOp::Subscr as u32);
                self.subpattern(q, pc)?;
            }
            pc.on_top -= 1;
            self.set_loc(r);
            self.emit(Opcode::PopTop);
        } else {
            // Unpack, then match each item.
            let mut seen_star = false;
            for (i, q) in patterns.iter().enumerate() {
                if matches!(q.node, PatternKind::MatchStar { .. }) && !seen_star {
                    if i >= 256 || size - i > (i32::MAX >> 8) as usize {
                        return Err(err_at(
                            "too many expressions in star-unpacking sequence pattern",
                            r,
                        ));
                    }
                    self.emit_arg(Opcode::UnpackEx, (i + ((size - i - 1) << 8)) as u32);
                    seen_star = true;
                }
            }
            if !seen_star {
                self.emit_arg(Opcode::UnpackSequence, size as u32);
            }
            pc.on_top += size;
            for q in patterns {
                pc.on_top -= 1;
                self.subpattern(q, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_mapping(
        &mut self,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&'a str>,
        pc: &mut PatternContext,
        r: Range,
    ) -> CResult {
        let size = keys.len();
        if size != patterns.len() {
            return Err(err_at(
                format!(
                    "keys ({size}) / patterns ({}) length mismatch in mapping pattern",
                    patterns.len()
                ),
                r,
            ));
        }
        pc.on_top += 1;
        self.emit(Opcode::MatchMapping);
        self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.emit(Opcode::PopTop);
            return Ok(());
        }
        if size > 0 {
            self.emit(Opcode::GetLen);
            self.load_const(Constant::Int(Int::Small(size as i64)));
            self.emit_arg(Opcode::CompareOp, (5 << 5) | 4 | 8);
            self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        }
        let mut seen = std::collections::HashSet::new();
        for k in keys {
            let value =
                match &k.node {
                    ExprKind::Constant { value, .. } => Some(value.clone()),
                    ExprKind::Attribute { .. } => None,
                    _ => match super::fold::fold(k, self.optimize) {
                        Some(v) => Some(v),
                        None => return Err(err_at(
                            "mapping pattern keys may only match literals and attribute lookups",
                            r,
                        )),
                    },
                };
            if let Some(v) = value {
                // Keys compare by Python equality: False, 0, 0.0 and 0j are one key.
                if !seen.insert(super::const_key(&numeric_key(&v))) {
                    return Err(err_at(
                        format!("mapping pattern checks duplicate key ({})", v.repr()),
                        r,
                    ));
                }
            }
            self.expr(k)?;
        }
        self.set_loc(r);
        self.emit_arg(Opcode::BuildTuple, size as u32);
        self.emit(Opcode::MatchKeys);
        pc.on_top += 2;
        self.emit_arg(Opcode::Copy, 1);
        self.load_const(Constant::None);
        self.emit_arg(Opcode::IsOp, 1);
        self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        self.emit_arg(Opcode::UnpackSequence, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for q in patterns {
            pc.on_top -= 1;
            self.subpattern(q, pc)?;
        }
        pc.on_top -= 2;
        self.set_loc(r);
        if let Some(star) = rest {
            self.emit_arg(Opcode::BuildMap, 0);
            self.emit_arg(Opcode::Swap, 3);
            self.emit_arg(Opcode::DictUpdate, 2);
            self.emit_arg(Opcode::UnpackSequence, size as u32);
            let mut s = size;
            while s > 0 {
                self.emit_arg(Opcode::Copy, 1 + s as u32);
                s -= 1;
                self.emit_arg(Opcode::Swap, 2);
                self.emit(Opcode::DeleteSubscr);
            }
            self.store_name(Some(star), pc, r)?;
        } else {
            self.emit(Opcode::PopTop);
            self.emit(Opcode::PopTop);
        }
        Ok(())
    }

    fn pattern_class(
        &mut self,
        cls: &'a Expr,
        patterns: &'a [Pattern],
        kwd_attrs: &'a [Ident],
        kwd_patterns: &'a [Pattern],
        pc: &mut PatternContext,
        r: Range,
    ) -> CResult {
        let nargs = patterns.len();
        let nattrs = kwd_attrs.len();
        if nattrs != kwd_patterns.len() {
            return Err(err_at(
                format!(
                    "kwd_attrs ({nattrs}) / kwd_patterns ({}) length mismatch in class pattern",
                    kwd_patterns.len()
                ),
                r,
            ));
        }
        for (i, a) in kwd_attrs.iter().enumerate() {
            for (j, b) in kwd_attrs.iter().enumerate().skip(i + 1) {
                if a == b {
                    return Err(err_at(
                        format!("attribute name repeated in class pattern: {a}"),
                        kwd_patterns[j].range,
                    ));
                }
            }
        }
        self.expr(cls)?;
        self.set_loc(r);
        self.load_const(Constant::Tuple(
            kwd_attrs.iter().map(|a| Constant::str(a)).collect(),
        ));
        self.emit_arg(Opcode::MatchClass, nargs as u32);
        self.emit_arg(Opcode::Copy, 1);
        self.load_const(Constant::None);
        self.emit_arg(Opcode::IsOp, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Some(Opcode::PopJumpIfFalse));
        self.emit_arg(Opcode::UnpackSequence, (nargs + nattrs) as u32);
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        for q in patterns.iter().chain(kwd_patterns) {
            pc.on_top -= 1;
            if is_wildcard(q) {
                self.set_loc(r);
                self.emit(Opcode::PopTop);
                continue;
            }
            self.subpattern(q, pc)?;
        }
        Ok(())
    }

    fn pattern_or(&mut self, alts: &'a [Pattern], pc: &mut PatternContext, r: Range) -> CResult {
        let end = self.new_block();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_allow = pc.allow_irrefutable;
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let mut control: Option<Vec<Box<str>>> = None;
        let n = alts.len();
        for (i, alt) in alts.iter().enumerate() {
            pc.stores = Vec::new();
            pc.allow_irrefutable = i == n - 1 && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.set_loc(alt.range);
            self.emit_arg(Opcode::Copy, 1);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) if ctl.len() != nstores => {
                    return Err(err_at("alternative patterns bind different names", r));
                }
                Some(ctl) => {
                    let ctl = ctl.clone();
                    let mut icontrol = nstores;
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &ctl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(err_at("alternative patterns bind different names", r));
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<Box<str>> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, x) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, x);
                            }
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.set_loc(alt.range);
            self.jump(end);
            self.emit_and_reset_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.allow_irrefutable = old_allow;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        self.set_loc(r);
        self.emit(Opcode::PopTop);
        self.jump_to_fail_pop(pc, None);
        self.use_block(end);
        let control = control.unwrap_or_default();
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(err_at(
                    format!("multiple assignments to name '{name}' in pattern"),
                    r,
                ));
            }
            pc.stores.push(name);
        }
        self.emit(Opcode::PopTop);
        Ok(())
    }
}

/// The canonical form of a numeric constant for equality: `True`/`False` and integral
/// floats or complexes with a zero imaginary part become ints, other complexes with a zero
/// imaginary part become floats. Non-numbers are returned as they are.
fn numeric_key(v: &Constant) -> Constant {
    let as_float = |f: f64| {
        if f.fract() == 0.0 && f.abs() < 9.0e15 {
            Constant::Int(Int::Small(f as i64))
        } else {
            Constant::Float(f)
        }
    };
    match v {
        Constant::True => Constant::Int(Int::Small(1)),
        Constant::False => Constant::Int(Int::Small(0)),
        Constant::Float(f) => as_float(*f),
        Constant::Complex { real, imag } if *imag == 0.0 => as_float(*real),
        _ => v.clone(),
    }
}
