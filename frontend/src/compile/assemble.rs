//! Assembly: a unit's blocks → [`CodeUnit`].
//!
//! Passes, in order (CPython's `flowgraph.c` + `assemble.c`, simplified):
//! 1. split blocks after jumps/returns into basic blocks; add the implicit `return None`;
//! 2. propagate the exception-handler stack from `SETUP_*`/`POP_BLOCK` pseudo-ops along
//!    the control flow, giving each instruction its handler; unreached blocks drop out;
//! 3. small peepholes (`LOAD_GLOBAL`+`PUSH_NULL`, `COMPARE_OP`+`TO_BOOL`, `is None` jumps);
//! 4. stack depth by abstract interpretation over the opcode table's effects;
//! 5. localsplus layout (args, locals, cells, frees) and the prologue
//!    (`COPY_FREE_VARS`, `MAKE_CELL`, `RETURN_GENERATOR`);
//! 6. NOP removal, jump direction and offsets (iterated until EXTENDED_ARGs settle);
//! 7. encoding, exception table and line table.

use std::sync::Arc;

use super::ir::*;
use super::{CResult, Unit};
use crate::ast::Constant;
use crate::code::{flags, kinds, CodeConst, CodeUnit, ExceptEntry, LineRun, Location};
use crate::error::SyntaxError;
use crate::opcode::{ArgKind, Opcode};
use crate::symtable::SymbolTable;

const IMPLICIT_NONE: u32 = u32::MAX;

#[derive(Clone, Copy, PartialEq, Eq)]
struct Handler {
    block: usize,
    kind: Pseudo,
}

struct BB {
    instrs: Vec<Instr>,
    handlers: Vec<Option<Handler>>,
    /// Index of the basic block each instruction's `target` (IR block) maps to.
    reachable: bool,
    depth: Option<u32>,
    except_stack: Option<Vec<Handler>>,
}

fn internal(msg: &str, u: &Unit) -> SyntaxError {
    SyntaxError::syntax(
        format!("internal compiler error in {}: {msg}", u.qualname),
        u.firstlineno,
        0,
        0,
        0,
    )
}

pub(super) fn assemble(
    mut u: Unit,
    code_flags: u32,
    _st: &SymbolTable,
    filename: &Arc<str>,
) -> CResult<CodeUnit> {
    // --- 1. basic blocks -------------------------------------------------------------
    let mut seen = vec![false; u.blocks.len()];
    let mut bbs: Vec<BB> = Vec::new();
    let mut first_bb = vec![usize::MAX; u.blocks.len()];
    let order = std::mem::take(&mut u.order);
    let new_bb = |bbs: &mut Vec<BB>| {
        bbs.push(BB {
            instrs: Vec::new(),
            handlers: Vec::new(),
            reachable: false,
            depth: None,
            except_stack: None,
        });
        bbs.len() - 1
    };
    for &b in &order {
        if seen[b] {
            continue;
        }
        seen[b] = true;
        let mut cur = new_bb(&mut bbs);
        first_bb[b] = cur;
        let instrs = std::mem::take(&mut u.blocks[b].instrs);
        let n = instrs.len();
        for (i, ins) in instrs.into_iter().enumerate() {
            let ends = ins.is_jump() || ins.is_terminator();
            bbs[cur].instrs.push(ins);
            if ends && i + 1 < n {
                cur = new_bb(&mut bbs);
            }
        }
    }
    // Implicit `return None` at the end.
    {
        let last = new_bb(&mut bbs);
        for op in [Opcode::LoadConst, Opcode::ReturnValue] {
            bbs[last].instrs.push(Instr {
                op: Op::Real(op),
                arg: if op == Opcode::LoadConst {
                    IMPLICIT_NONE
                } else {
                    0
                },
                target: NO_BLOCK,
                loc: Location::NONE,
            });
        }
    }
    // Map IR targets to basic blocks.
    for bb in &mut bbs {
        for ins in &mut bb.instrs {
            if ins.target != NO_BLOCK {
                let t = first_bb.get(ins.target).copied().unwrap_or(usize::MAX);
                if t == usize::MAX {
                    return Err(internal("jump to a block that was never placed", &u));
                }
                ins.target = t;
            }
        }
        bb.handlers = vec![None; bb.instrs.len()];
    }

    // Drop empty blocks: their jumps go to the next non-empty block (so that line
    // propagation and jump threading see real first instructions).
    {
        let n = bbs.len();
        let mut map = vec![0usize; n];
        let mut next_new = 0usize;
        // Index of the next non-empty block at or after each block, in the new order.
        for b in 0..n {
            map[b] = next_new;
            if !bbs[b].instrs.is_empty() {
                next_new += 1;
            }
        }
        // The last block (implicit return) is never empty, so every map entry is valid.
        bbs.retain(|bb| !bb.instrs.is_empty());
        for bb in &mut bbs {
            for ins in &mut bb.instrs {
                if ins.target != NO_BLOCK {
                    ins.target = map[ins.target];
                }
            }
            bb.handlers = vec![None; bb.instrs.len()];
        }
    }

    // --- 2. exception targets and reachability ---------------------------------------
    let nbb = bbs.len();
    bbs[0].except_stack = Some(Vec::new());
    let mut work = vec![0usize];
    while let Some(b) = work.pop() {
        if bbs[b].reachable {
            continue;
        }
        bbs[b].reachable = true;
        let mut stack = bbs[b].except_stack.clone().unwrap_or_default();
        let mut falls = true;
        for i in 0..bbs[b].instrs.len() {
            let ins = bbs[b].instrs[i];
            match ins.op {
                Op::Pseudo(
                    p @ (Pseudo::SetupFinally | Pseudo::SetupCleanup | Pseudo::SetupWith),
                ) => {
                    let t = ins.target;
                    if bbs[t].except_stack.is_none() {
                        bbs[t].except_stack = Some(stack.clone());
                        work.push(t);
                    }
                    stack.push(Handler { block: t, kind: p });
                    bbs[b].handlers[i] = stack.last().copied();
                }
                Op::Pseudo(Pseudo::PopBlock) => {
                    stack.pop();
                    bbs[b].handlers[i] = stack.last().copied();
                }
                _ => {
                    bbs[b].handlers[i] = stack.last().copied();
                    if ins.is_jump() {
                        let t = ins.target;
                        if bbs[t].except_stack.is_none() {
                            bbs[t].except_stack = Some(stack.clone());
                            work.push(t);
                        }
                    }
                }
            }
            if ins.is_terminator() {
                falls = false;
                break;
            }
        }
        if falls && b + 1 < nbb && bbs[b + 1].except_stack.is_none() {
            bbs[b + 1].except_stack = Some(stack);
            work.push(b + 1);
        }
    }
    for bb in &mut bbs {
        if !bb.reachable {
            bb.instrs.clear();
            bb.handlers.clear();
        }
    }

    // Jump threading: a jump to an unconditional jump goes straight to its target
    // (same handler only; conditional jumps only forward).
    for b in 0..nbb {
        for i in 0..bbs[b].instrs.len() {
            let ins = bbs[b].instrs[i];
            let conditional = match ins.op {
                Op::Pseudo(Pseudo::Jump) => false,
                Op::Real(
                    Opcode::PopJumpIfFalse
                    | Opcode::PopJumpIfTrue
                    | Opcode::PopJumpIfNone
                    | Opcode::PopJumpIfNotNone,
                ) => true,
                _ => continue,
            };
            let mut t = ins.target;
            for _ in 0..8 {
                let Some(first) = bbs[t].instrs.first() else {
                    break;
                };
                if first.op != Op::Pseudo(Pseudo::Jump)
                    || bbs[t].handlers.first().copied().flatten() != bbs[b].handlers[i]
                    || first.target == t
                    || (conditional && first.target <= b)
                {
                    break;
                }
                t = first.target;
            }
            bbs[b].instrs[i].target = t;
        }
    }

    // `a and b or c`: a JumpIfFalse landing on a JumpIfTrue of the same value knows
    // the answer (falsy) and goes past it; same-kind chains jump straight through.
    for b in 0..nbb {
        for i in 0..bbs[b].instrs.len() {
            let ins = bbs[b].instrs[i];
            let kind = match ins.op {
                Op::Pseudo(p @ (Pseudo::JumpIfFalse | Pseudo::JumpIfTrue)) => p,
                _ => continue,
            };
            let mut t = ins.target;
            for _ in 0..16 {
                let Some(first) = bbs[t].instrs.first().copied() else {
                    break;
                };
                if bbs[t].handlers.first().copied().flatten() != bbs[b].handlers[i] {
                    break;
                }
                let next = match first.op {
                    Op::Pseudo(p) if p == kind => first.target,
                    Op::Pseudo(Pseudo::JumpIfFalse | Pseudo::JumpIfTrue) => t + 1,
                    Op::Pseudo(Pseudo::Jump) => first.target,
                    _ => break,
                };
                if next <= b || next >= nbb || next == t {
                    break;
                }
                t = next;
            }
            bbs[b].instrs[i].target = t;
        }
    }
    // Expand them: COPY 1; TO_BOOL; POP_JUMP_IF_X.
    for bb in &mut bbs {
        if !bb
            .instrs
            .iter()
            .any(|x| matches!(x.op, Op::Pseudo(Pseudo::JumpIfFalse | Pseudo::JumpIfTrue)))
        {
            continue;
        }
        let old = std::mem::take(&mut bb.instrs);
        let old_h = std::mem::take(&mut bb.handlers);
        for (ins, h) in old.into_iter().zip(old_h) {
            let jump = match ins.op {
                Op::Pseudo(Pseudo::JumpIfFalse) => Opcode::PopJumpIfFalse,
                Op::Pseudo(Pseudo::JumpIfTrue) => Opcode::PopJumpIfTrue,
                _ => {
                    bb.instrs.push(ins);
                    bb.handlers.push(h);
                    continue;
                }
            };
            for (op, arg, target) in [
                (Opcode::Copy, 1, NO_BLOCK),
                (Opcode::ToBool, 0, NO_BLOCK),
                (jump, 0, ins.target),
            ] {
                bb.instrs.push(Instr {
                    op: Op::Real(op),
                    arg,
                    target,
                    loc: ins.loc,
                });
                bb.handlers.push(h);
            }
        }
    }

    // --- 3. peepholes ------------------------------------------------------------------
    for bb in &mut bbs {
        peephole(bb, &u);
    }

    // Resolve the implicit `return None` constant.
    let mut none_idx = None;
    for b in 0..nbb {
        for i in 0..bbs[b].instrs.len() {
            if bbs[b].instrs[i].op == Op::Real(Opcode::LoadConst)
                && bbs[b].instrs[i].arg == IMPLICIT_NONE
            {
                let idx = *none_idx.get_or_insert_with(|| add_none(&mut u));
                bbs[b].instrs[i].arg = idx;
            }
        }
    }

    // Drop constants only unreachable code used (CPython's `remove_unused_consts`);
    // consts[0] stays (it may be the docstring).
    if u.consts.len() > 1 {
        let mut used = vec![false; u.consts.len()];
        used[0] = true;
        for bb in &bbs {
            for ins in &bb.instrs {
                if ins.op == Op::Real(Opcode::LoadConst) {
                    if let Some(x) = used.get_mut(ins.arg as usize) {
                        *x = true;
                    }
                }
            }
        }
        if used.iter().any(|x| !x) {
            let mut map = vec![0u32; used.len()];
            let mut next = 0u32;
            for (i, &keep) in used.iter().enumerate() {
                map[i] = next;
                if keep {
                    next += 1;
                }
            }
            let old = std::mem::take(&mut u.consts);
            u.consts = old
                .into_iter()
                .zip(&used)
                .filter_map(|(c, &k)| k.then_some(c))
                .collect();
            for bb in &mut bbs {
                for ins in &mut bb.instrs {
                    if ins.op == Op::Real(Opcode::LoadConst) {
                        ins.arg = map.get(ins.arg as usize).copied().unwrap_or(0);
                    }
                }
            }
        }
    }

    // A jump to a small exit block (return/raise) is replaced by a copy of it (CPython's
    // `inline_small_or_no_lineno_blocks`): fewer jumps, and each copy gets its
    // predecessor's line.
    for b in 0..bbs.len() {
        let Some(last) = bbs[b].instrs.last().copied() else {
            continue;
        };
        if last.op != Op::Pseudo(Pseudo::Jump) || !bbs[b].reachable {
            continue;
        }
        let t = last.target;
        if t == b || t >= bbs.len() {
            continue;
        }
        let tb = &bbs[t];
        let exits = tb.instrs.last().is_some_and(|l| {
            matches!(
                l.op,
                Op::Real(Opcode::ReturnValue | Opcode::Reraise | Opcode::RaiseVarargs)
            )
        });
        let small = tb.instrs.len() <= 3 || tb.instrs.iter().all(|i| i.loc.lineno < 0);
        if !exits || !small || tb.instrs.iter().any(|i| i.is_jump() || i.is_setup()) {
            continue;
        }
        let (instrs, handlers) = (tb.instrs.clone(), tb.handlers.clone());
        let bb = &mut bbs[b];
        bb.instrs.pop();
        bb.handlers.pop();
        bb.instrs.extend(instrs);
        bb.handlers.extend(handlers);
    }

    // Exit blocks without a line number that several jumps share are copied, one per
    // jump, so that each return gets its predecessor's line (CPython's
    // `duplicate_exits_without_lineno`): `f_lineno` at an implicit return is right.
    duplicate_exits_without_lineno(&mut bbs);
    let nbb = bbs.len();

    // --- 4. stack depth -------------------------------------------------------------------
    let mut maxdepth: u32 = 0;
    let mut work = vec![0usize];
    bbs[0].depth = Some(0);
    let mut handler_depth = vec![None::<u32>; nbb];
    // (handler, stack depth at a protected instruction), checked below.
    let mut depth_checks: Vec<(Handler, u32)> = Vec::new();
    while let Some(b) = work.pop() {
        let Some(mut depth) = bbs[b].depth else {
            continue;
        };
        let mut falls = true;
        for i in 0..bbs[b].instrs.len() {
            let ins = bbs[b].instrs[i];
            if let Some(h) = bbs[b].handlers[i] {
                depth_checks.push((h, depth));
            }
            let mut target_depth = None;
            match ins.op {
                Op::Pseudo(p) => match p {
                    Pseudo::SetupFinally | Pseudo::SetupWith => target_depth = Some(depth + 1),
                    Pseudo::SetupCleanup => target_depth = Some(depth + 2),
                    Pseudo::PopBlock => {}
                    Pseudo::StoreFastMaybeNull => {
                        if depth == 0 {
                            return Err(internal("stack underflow at STORE_FAST", &u));
                        }
                        depth -= 1;
                    }
                    Pseudo::Jump
                    | Pseudo::JumpNoInterrupt
                    | Pseudo::JumpIfFalse
                    | Pseudo::JumpIfTrue => target_depth = Some(depth),
                },
                Op::Real(op) => {
                    let (pops, pushes) = op.stack_effect(ins.arg);
                    if depth < pops {
                        return Err(internal(
                            &format!("stack underflow at {} (depth {depth})", op.name()),
                            &u,
                        ));
                    }
                    if op.is_jump() {
                        let (bp, bpush) = op.branch_stack_effect(ins.arg);
                        target_depth = Some(depth - bp + bpush);
                    }
                    depth = depth - pops + pushes;
                }
            }
            maxdepth = maxdepth.max(depth);
            if let Some(td) = target_depth {
                maxdepth = maxdepth.max(td);
                let t = ins.target;
                if ins.is_setup() {
                    handler_depth[t] = Some(td);
                }
                match bbs[t].depth {
                    None => {
                        bbs[t].depth = Some(td);
                        work.push(t);
                    }
                    Some(d) if d != td => {
                        return Err(internal(
                            &format!("inconsistent stack depth ({d} vs {td}) at a jump target"),
                            &u,
                        ))
                    }
                    _ => {}
                }
            }
            if ins.is_terminator() {
                falls = false;
                break;
            }
        }
        if falls && b + 1 < nbb {
            match bbs[b + 1].depth {
                None => {
                    bbs[b + 1].depth = Some(depth);
                    work.push(b + 1);
                }
                Some(d) if d != depth && bbs[b + 1].reachable => {
                    return Err(internal(
                        &format!("inconsistent stack depth ({d} vs {depth}) on fallthrough"),
                        &u,
                    ))
                }
                _ => {}
            }
        }
    }

    propagate_line_numbers(&mut bbs);

    // An unconditional jump to the next non-empty block becomes a NOP (kept below
    // only if it carries a line of its own, e.g. `while 0:`).
    for b in 0..nbb {
        let Some(last) = bbs[b].instrs.last().copied() else {
            continue;
        };
        if !matches!(last.op, Op::Pseudo(Pseudo::Jump | Pseudo::JumpNoInterrupt)) {
            continue;
        }
        let mut next = b + 1;
        while next < nbb && bbs[next].instrs.is_empty() {
            next += 1;
        }
        if last.target == next
            || (last.target > b && (b + 1..last.target).all(|k| bbs[k].instrs.is_empty()))
        {
            if let Some(l) = bbs[b].instrs.last_mut() {
                l.op = Op::Real(Opcode::Nop);
                l.target = NO_BLOCK;
            }
        }
    }

    // Unwinding to a handler must never pop below what the handler expects.
    for (h, d) in depth_checks {
        let hd = handler_depth[h.block].unwrap_or(0);
        let lasti = u32::from(h.kind != Pseudo::SetupFinally);
        if hd < 1 + lasti || hd - 1 - lasti > d {
            return Err(internal(
                &format!("exception handler depth {hd} above protected stack depth {d}"),
                &u,
            ));
        }
    }

    // Loads of locals that may be unbound become LOAD_FAST_CHECK; plain LOAD_FAST
    // is then guaranteed to find a value (CPython's
    // `add_checks_for_loads_of_uninitialized_variables`).
    let nparams = u.argcount as usize
        + u.kwonlyargcount as usize
        + usize::from(code_flags & flags::VARARGS != 0)
        + usize::from(code_flags & flags::VARKEYWORDS != 0);
    mark_unbound_loads(&mut bbs, nparams, u.varnames.list.len());
    superinstructions(&mut bbs);

    // --- 5. localsplus -------------------------------------------------------------------
    let nvar = u.varnames.list.len();
    let mut names: Vec<Box<str>> = u.varnames.list.clone();
    let mut lkinds: Vec<u8> = vec![kinds::LOCAL; nvar];
    let nargs = u.argcount as usize
        + u.kwonlyargcount as usize
        + usize::from(code_flags & flags::VARARGS != 0)
        + usize::from(code_flags & flags::VARKEYWORDS != 0);
    for (i, k) in lkinds.iter_mut().enumerate().take(nargs.min(nvar)) {
        let posonly = u.posonlyargcount as usize;
        let argc = u.argcount as usize;
        let kwonly = u.kwonlyargcount as usize;
        *k |= if i < posonly {
            kinds::ARG_POS
        } else if i < argc {
            kinds::ARG_POS | kinds::ARG_KW
        } else if i < argc + kwonly {
            kinds::ARG_KW
        } else {
            kinds::ARG_VAR
        };
    }
    // Names ever hidden by an inlined comprehension (either value) are HIDDEN.
    for k in u.fasthidden.keys() {
        if let Some(i) = u.varnames.get(k) {
            lkinds[i as usize] |= kinds::HIDDEN;
        }
    }
    let mut cell_slot = Vec::with_capacity(u.cellvars.list.len());
    for c in &u.cellvars.list {
        if let Some(i) = u.varnames.get(c) {
            lkinds[i as usize] |= kinds::CELL;
            cell_slot.push(i);
        } else {
            cell_slot.push(names.len() as u32);
            names.push(c.clone());
            lkinds.push(kinds::CELL);
        }
    }
    let free_base = names.len() as u32;
    for f in &u.freevars.list {
        names.push(f.clone());
        lkinds.push(kinds::FREE);
    }
    let nfree = u.freevars.list.len() as u32;
    let fix = |arg: u32| -> u32 {
        if arg & CELL_TAG != 0 {
            cell_slot
                .get((arg & !TAG_MASK) as usize)
                .copied()
                .unwrap_or(0)
        } else if arg & FREE_TAG != 0 {
            free_base + (arg & !TAG_MASK)
        } else {
            arg
        }
    };

    // --- 6. linearize, drop NOPs and pseudo-ops -----------------------------------------
    struct Out {
        op: Opcode,
        arg: u32,
        target: usize,
        loc: Location,
        handler: Option<Handler>,
        no_interrupt: bool,
    }
    let mut out: Vec<Out> = Vec::new();
    let mut bb_start = vec![0usize; nbb + 1];
    // Prologue.
    if nfree > 0 {
        out.push(Out {
            op: Opcode::CopyFreeVars,
            arg: nfree,
            target: usize::MAX,
            loc: Location::NONE,
            handler: None,
            no_interrupt: false,
        });
    }
    for &slot in &cell_slot {
        out.push(Out {
            op: Opcode::MakeCell,
            arg: slot,
            target: usize::MAX,
            loc: Location::NONE,
            handler: None,
            no_interrupt: false,
        });
    }
    let is_gen = code_flags & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0;
    if is_gen {
        let l = Location {
            lineno: u.firstlineno as i32,
            end_lineno: u.firstlineno as i32,
            col: -1,
            end_col: -1,
        };
        for op in [Opcode::ReturnGenerator, Opcode::PopTop] {
            out.push(Out {
                op,
                arg: 0,
                target: usize::MAX,
                loc: l,
                handler: None,
                no_interrupt: false,
            });
        }
        maxdepth = maxdepth.max(1);
    }
    for (b, bb) in bbs.iter().enumerate() {
        bb_start[b] = out.len();
        let n = bb.instrs.len();
        for i in 0..n {
            let ins = bb.instrs[i];
            let op = match ins.op {
                // SETUP_*/POP_BLOCK become NOPs (like CPython's `convert_pseudo_ops`),
                // kept only for a line of their own (`try:` line events).
                Op::Real(Opcode::Nop)
                | Op::Pseudo(
                    Pseudo::SetupFinally
                    | Pseudo::SetupCleanup
                    | Pseudo::SetupWith
                    | Pseudo::PopBlock,
                ) => {
                    // Keep a NOP only when it carries a line nobody else has.
                    let prev_line = out.last().map_or(-2, |o| o.loc.lineno);
                    let next_line = bb.instrs.get(i + 1).map_or(-2, |x| x.loc.lineno);
                    if ins.loc.lineno < 0
                        || ins.loc.lineno == prev_line
                        || ins.loc.lineno == next_line
                    {
                        continue;
                    }
                    Opcode::Nop
                }
                Op::Real(o) => o,
                Op::Pseudo(Pseudo::StoreFastMaybeNull) => Opcode::StoreFast,
                Op::Pseudo(Pseudo::Jump) => Opcode::JumpForward,
                Op::Pseudo(Pseudo::JumpNoInterrupt) => Opcode::JumpForward,
                Op::Pseudo(_) => continue,
            };
            out.push(Out {
                op,
                arg: fix(ins.arg),
                target: ins.target,
                loc: ins.loc,
                handler: bb.handlers[i],
                no_interrupt: ins.op == Op::Pseudo(Pseudo::JumpNoInterrupt),
            });
        }
    }
    bb_start[nbb] = out.len();
    // Jumps to the next instruction are dropped (unconditional only).
    let mut keep = vec![true; out.len()];
    for (i, o) in out.iter().enumerate() {
        if matches!(o.op, Opcode::JumpForward | Opcode::JumpBackwardNoInterrupt)
            && o.target != usize::MAX
        {
            let t = bb_start[o.target];
            // Target is the next kept instruction?
            if t == i + 1 {
                keep[i] = false;
            }
        }
    }
    // Re-index after removals.
    let mut new_index = vec![0usize; out.len() + 1];
    let mut k = 0;
    for i in 0..out.len() {
        new_index[i] = k;
        if keep[i] {
            k += 1;
        }
    }
    new_index[out.len()] = k;
    let bb_idx: Vec<usize> = bb_start.iter().map(|&s| new_index[s]).collect();
    let mut instrs: Vec<Out> = out
        .into_iter()
        .zip(keep)
        .filter_map(|(o, k)| k.then_some(o))
        .collect();
    for o in &mut instrs {
        if o.target != usize::MAX {
            o.target = bb_idx[o.target];
        }
        if let Some(h) = &mut o.handler {
            h.block = bb_idx[h.block];
        }
    }
    // Handler depths by instruction index.
    let mut hdepth = std::collections::HashMap::new();
    for (b, d) in handler_depth.iter().enumerate() {
        if let Some(d) = d {
            hdepth.insert(bb_idx[b], *d);
        }
    }

    // --- 7. offsets, jumps, encoding ----------------------------------------------------
    let n = instrs.len();
    let mut ext = vec![0u32; n];
    let mut offsets = vec![0u32; n + 1];
    for _round in 0..8 {
        let mut off = 0u32;
        for i in 0..n {
            off += ext[i];
            offsets[i] = off;
            off += 1 + instrs[i].op.cache_entries() as u32;
        }
        offsets[n] = off;
        let mut changed = false;
        for i in 0..n {
            let o = &mut instrs[i];
            if o.target == usize::MAX {
                continue;
            }
            let next = offsets[i] + 1 + o.op.cache_entries() as u32;
            let t = offsets[o.target.min(n)];
            // The target offset is the start of its EXTENDED_ARG prefixes.
            let t = if o.target < n { t - ext[o.target] } else { t };
            if matches!(
                o.op,
                Opcode::JumpForward | Opcode::JumpBackward | Opcode::JumpBackwardNoInterrupt
            ) {
                let before = o.op;
                let no_interrupt = o.op == Opcode::JumpBackwardNoInterrupt || o.no_interrupt;
                o.no_interrupt = no_interrupt;
                o.op = if t >= next {
                    Opcode::JumpForward
                } else if no_interrupt {
                    Opcode::JumpBackwardNoInterrupt
                } else {
                    Opcode::JumpBackward
                };
                if o.op != before {
                    changed = true;
                }
            }
            let next = offsets[i] + 1 + o.op.cache_entries() as u32;
            o.arg = match o.op.arg_kind() {
                ArgKind::JumpBackward => next.saturating_sub(t),
                _ => {
                    if t < next {
                        return Err(internal(
                            &format!("backward conditional jump ({})", o.op.name()),
                            &u,
                        ));
                    }
                    t - next
                }
            };
            let e = ext_count(o.arg);
            if e != ext[i] {
                ext[i] = e;
                changed = true;
            }
        }
        for i in 0..n {
            let e = ext_count(instrs[i].arg);
            if e > ext[i] {
                ext[i] = e;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Encode.
    let mut code: Vec<u16> = Vec::with_capacity(offsets[n] as usize);
    let mut line_table: Vec<LineRun> = Vec::new();
    let push_loc = |units: u32, loc: Location, lt: &mut Vec<LineRun>| {
        if let Some(last) = lt.last_mut() {
            if last.loc == loc {
                last.units += units;
                return;
            }
        }
        lt.push(LineRun { units, loc });
    };
    for (i, o) in instrs.iter().enumerate() {
        let arg = o.arg;
        let e = ext[i];
        for k in (1..=e).rev() {
            let byte = (arg >> (8 * k)) & 0xFF;
            code.push(Opcode::ExtendedArg as u16 | (byte as u16) << 8);
        }
        code.push(o.op as u16 | ((arg & 0xFF) as u16) << 8);
        code.extend(std::iter::repeat_n(0, o.op.cache_entries()));
        let units = e + 1 + o.op.cache_entries() as u32;
        push_loc(units, o.loc, &mut line_table);
    }
    // Exception table.
    let mut table: Vec<ExceptEntry> = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(h) = instrs[i].handler else {
            i += 1;
            continue;
        };
        let start = offsets[i] - ext[i];
        let mut j = i + 1;
        while j < n && instrs[j].handler == Some(h) {
            j += 1;
        }
        let end = if j < n {
            offsets[j] - ext[j]
        } else {
            offsets[n]
        };
        let target = offsets[h.block.min(n)] - if h.block < n { ext[h.block] } else { 0 };
        let hd = hdepth.get(&h.block).copied().unwrap_or(1);
        let lasti = h.kind != Pseudo::SetupFinally;
        let depth = hd.saturating_sub(1 + u32::from(lasti));
        table.push(ExceptEntry {
            start,
            end,
            target,
            depth,
            lasti,
        });
        i = j;
    }

    let consts = std::mem::take(&mut u.consts);
    let mut flags_out = code_flags;
    if nfree == 0 && u.cellvars.list.is_empty() {
        flags_out |= flags::NOFREE;
    }
    Ok(CodeUnit {
        code,
        consts,
        names: u.names.list,
        localsplus_names: names,
        localsplus_kinds: lkinds,
        argcount: u.argcount,
        posonlyargcount: u.posonlyargcount,
        kwonlyargcount: u.kwonlyargcount,
        flags: flags_out & !flags::NOFREE,
        stacksize: maxdepth,
        name: u.name,
        qualname: u.qualname.into(),
        filename: filename.clone(),
        firstlineno: u.firstlineno,
        exception_table: table,
        line_table,
    })
}

/// Forward dataflow of "may be unbound" over the first 64 locals; slots beyond are
/// always checked. Cell and free slots (tagged operands) are always bound.
fn mark_unbound_loads(bbs: &mut [BB], nparams: usize, nlocals: usize) {
    let n = bbs.len();
    let all: u64 = if nlocals >= 64 {
        u64::MAX
    } else {
        (1u64 << nlocals) - 1
    };
    let params: u64 = if nparams >= 64 {
        u64::MAX
    } else {
        (1u64 << nparams) - 1
    };
    let mut entry: Vec<Option<u64>> = vec![None; n];
    if n == 0 {
        return;
    }
    entry[0] = Some(all & !params);
    let mut work = vec![0usize];
    let merge = |entry: &mut Vec<Option<u64>>, work: &mut Vec<usize>, t: usize, m: u64| {
        if t >= entry.len() {
            return;
        }
        let new = entry[t].unwrap_or(0) | m;
        if entry[t] != Some(new) {
            entry[t] = Some(new);
            work.push(t);
        }
    };
    while let Some(b) = work.pop() {
        let Some(mut m) = entry[b] else { continue };
        let mut falls = true;
        for i in 0..bbs[b].instrs.len() {
            if let Some(h) = bbs[b].handlers[i] {
                merge(&mut entry, &mut work, h.block, m);
            }
            let ins = bbs[b].instrs[i];
            let local = ins.arg & TAG_MASK == 0;
            let bit = if local && ins.arg < 64 {
                1u64 << ins.arg
            } else {
                0
            };
            match ins.op {
                Op::Real(Opcode::LoadFast) if local => {
                    if ins.arg >= 64 || m & bit != 0 {
                        bbs[b].instrs[i].op = Op::Real(Opcode::LoadFastCheck);
                    }
                    m &= !bit;
                }
                Op::Real(Opcode::LoadFastCheck | Opcode::StoreFast) if local => m &= !bit,
                Op::Real(Opcode::DeleteFast | Opcode::LoadFastAndClear) if local => m |= bit,
                Op::Pseudo(Pseudo::StoreFastMaybeNull) => m |= bit,
                _ => {}
            }
            if ins.is_jump() || ins.is_setup() {
                merge(&mut entry, &mut work, ins.target, m);
            }
            if ins.is_terminator() {
                falls = false;
                break;
            }
        }
        if falls && b + 1 < n {
            merge(&mut entry, &mut work, b + 1, m);
        }
    }
}

/// LOAD_FAST+LOAD_FAST, STORE_FAST+STORE_FAST and STORE_FAST+LOAD_FAST on one line,
/// with slots below 16, become one instruction.
fn superinstructions(bbs: &mut [BB]) {
    for bb in bbs.iter_mut() {
        let n = bb.instrs.len();
        let mut i = 0;
        while i + 1 < n {
            let (a, b) = (bb.instrs[i], bb.instrs[i + 1]);
            let sup = match (a.op, b.op) {
                (Op::Real(Opcode::LoadFast), Op::Real(Opcode::LoadFast)) => {
                    Some(Opcode::LoadFastLoadFast)
                }
                (Op::Real(Opcode::StoreFast), Op::Real(Opcode::StoreFast)) => {
                    Some(Opcode::StoreFastStoreFast)
                }
                (Op::Real(Opcode::StoreFast), Op::Real(Opcode::LoadFast)) => {
                    Some(Opcode::StoreFastLoadFast)
                }
                _ => None,
            };
            let same_line = a.loc.lineno < 0 || b.loc.lineno < 0 || a.loc.lineno == b.loc.lineno;
            if let Some(op) = sup {
                if same_line && a.arg < 16 && b.arg < 16 && bb.handlers[i] == bb.handlers[i + 1] {
                    bb.instrs[i].op = Op::Real(op);
                    bb.instrs[i].arg = a.arg << 4 | b.arg;
                    bb.instrs[i + 1].op = Op::Real(Opcode::Nop);
                    bb.instrs[i + 1].arg = 0;
                    i += 2;
                    continue;
                }
            }
            i += 1;
        }
    }
}

fn duplicate_exits_without_lineno(bbs: &mut Vec<BB>) {
    let n = bbs.len();
    // Jumps into each block, collected once (linear in the code size).
    let mut jumps_into: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (pb, p) in bbs.iter().enumerate() {
        if !p.reachable {
            continue;
        }
        for (pi, ins) in p.instrs.iter().enumerate() {
            if ins.is_jump() && ins.target < n {
                jumps_into[ins.target].push((pb, pi));
            }
        }
    }
    for b in 0..n {
        let bb = &bbs[b];
        let is_exit = bb.reachable
            && !bb.instrs.is_empty()
            && bb.instrs.len() <= 4
            && bb
                .instrs
                .last()
                .is_some_and(|l| l.op == Op::Real(Opcode::ReturnValue))
            && bb.instrs.iter().all(|i| i.loc.lineno < 0);
        if !is_exit {
            continue;
        }
        let falls_in = b > 0
            && bbs[b - 1].reachable
            && bbs[b - 1].instrs.last().is_none_or(|l| !l.is_terminator());
        let jumps = std::mem::take(&mut jumps_into[b]);
        if jumps.len() + usize::from(falls_in) < 2 {
            continue;
        }
        // The fallthrough predecessor (or the first jump) keeps the original.
        let skip = usize::from(!falls_in);
        for &(pb, pi) in &jumps[skip..] {
            let copy = BB {
                instrs: bbs[b].instrs.clone(),
                handlers: bbs[b].handlers.clone(),
                reachable: true,
                depth: None,
                except_stack: bbs[b].except_stack.clone(),
            };
            bbs.push(copy);
            let new = bbs.len() - 1;
            bbs[pb].instrs[pi].target = new;
        }
    }
}

/// Artificial instructions take the location of the instruction before them in their
/// block, and a block with a single predecessor continues its location (CPython's
/// `propagate_line_numbers`), so that tracebacks rarely show "no line".
fn propagate_line_numbers(bbs: &mut [BB]) {
    let n = bbs.len();
    let mut preds = vec![0u32; n];
    for b in 0..n {
        let bb = &bbs[b];
        for ins in &bb.instrs {
            if ins.target != NO_BLOCK && (ins.is_jump() || ins.is_setup()) {
                if let Some(p) = preds.get_mut(ins.target) {
                    *p += 1;
                }
            }
        }
        let falls = bb.instrs.last().is_none_or(|l| !l.is_terminator());
        if falls && bb.reachable && b + 1 < n {
            preds[b + 1] += 1;
        }
    }
    for b in 0..n {
        if bbs[b].instrs.is_empty() {
            continue;
        }
        let mut prev = Location::NONE;
        for ins in &mut bbs[b].instrs {
            if ins.loc.lineno < 0 {
                ins.loc = prev;
            } else {
                prev = ins.loc;
            }
        }
        let Some(last) = bbs[b].instrs.last().copied() else {
            continue;
        };
        if !last.is_terminator() && b + 1 < n && preds[b + 1] == 1 {
            if let Some(first) = bbs[b + 1].instrs.first_mut() {
                if first.loc.lineno < 0 {
                    first.loc = prev;
                }
            }
        }
        if last.is_jump() && last.target < n && preds[last.target] == 1 {
            if let Some(first) = bbs[last.target].instrs.first_mut() {
                if first.loc.lineno < 0 {
                    first.loc = prev;
                }
            }
        }
    }
}

fn add_none(u: &mut Unit) -> u32 {
    for (i, c) in u.consts.iter().enumerate() {
        if matches!(c, CodeConst::Value(Constant::None)) {
            return i as u32;
        }
    }
    u.consts.push(CodeConst::Value(Constant::None));
    (u.consts.len() - 1) as u32
}

fn ext_count(arg: u32) -> u32 {
    if arg > 0xFF_FFFF {
        3
    } else if arg > 0xFFFF {
        2
    } else if arg > 0xFF {
        1
    } else {
        0
    }
}

fn is_none_const(u: &Unit, ins: &Instr) -> bool {
    ins.op == Op::Real(Opcode::LoadConst)
        && matches!(
            u.consts.get(ins.arg as usize),
            Some(CodeConst::Value(Constant::None))
        )
}

fn nop(ins: &mut Instr) {
    ins.op = Op::Real(Opcode::Nop);
    ins.arg = 0;
    ins.target = NO_BLOCK;
}

/// Local rewrites inside one basic block that keep every stack effect.
fn peephole(bb: &mut BB, u: &Unit) {
    let n = bb.instrs.len();
    for i in 0..n.saturating_sub(1) {
        let (a, b) = (bb.instrs[i], bb.instrs[i + 1]);
        if bb.handlers[i] != bb.handlers[i + 1] {
            continue;
        }
        match (a.op, b.op) {
            (Op::Real(Opcode::LoadGlobal), Op::Real(Opcode::PushNull)) if a.arg & 1 == 0 => {
                bb.instrs[i].arg |= 1;
                nop(&mut bb.instrs[i + 1]);
                bb.instrs[i + 1].loc = Location::NONE;
            }
            (Op::Real(Opcode::CompareOp), Op::Real(Opcode::ToBool)) => {
                bb.instrs[i].arg |= 16;
                nop(&mut bb.instrs[i + 1]);
                bb.instrs[i + 1].loc = Location::NONE;
            }
            (
                Op::Real(Opcode::IsOp | Opcode::ContainsOp | Opcode::UnaryNot | Opcode::ToBool),
                Op::Real(Opcode::ToBool),
            ) => {
                nop(&mut bb.instrs[i + 1]);
                bb.instrs[i + 1].loc = Location::NONE;
            }
            _ => {}
        }
    }
    // `not (a is b)` / `not (a in b)`: invert the test instead (skipping NOPs).
    for i in 0..n {
        if !matches!(bb.instrs[i].op, Op::Real(Opcode::IsOp | Opcode::ContainsOp)) {
            continue;
        }
        let mut j = i + 1;
        while j < n && bb.instrs[j].op == Op::Real(Opcode::Nop) && bb.instrs[j].loc.lineno < 0 {
            j += 1;
        }
        if j < n
            && bb.instrs[j].op == Op::Real(Opcode::UnaryNot)
            && bb.handlers[i] == bb.handlers[j]
        {
            bb.instrs[i].arg ^= 1;
            nop(&mut bb.instrs[j]);
            bb.instrs[j].loc = Location::NONE;
        }
    }
    // `x is None` / `x is not None` feeding a conditional jump.
    for i in 0..n.saturating_sub(2) {
        let (a, b, c) = (bb.instrs[i], bb.instrs[i + 1], bb.instrs[i + 2]);
        if !is_none_const(u, &a) || b.op != Op::Real(Opcode::IsOp) {
            continue;
        }
        if bb.handlers[i] != bb.handlers[i + 2] {
            continue;
        }
        // Skip NOP left by the TO_BOOL removal.
        let (ci, c) = if c.op == Op::Real(Opcode::Nop) && i + 3 < n {
            (i + 3, bb.instrs[i + 3])
        } else {
            (i + 2, c)
        };
        let jump_if_true = match c.op {
            Op::Real(Opcode::PopJumpIfTrue) => true,
            Op::Real(Opcode::PopJumpIfFalse) => false,
            _ => continue,
        };
        let is_not = b.arg == 1;
        // `is None` and jump-if-true ⇒ POP_JUMP_IF_NONE.
        let op = if jump_if_true != is_not {
            Opcode::PopJumpIfNone
        } else {
            Opcode::PopJumpIfNotNone
        };
        nop(&mut bb.instrs[i]);
        nop(&mut bb.instrs[i + 1]);
        bb.instrs[ci].op = Op::Real(op);
    }
}
