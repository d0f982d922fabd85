//! Disassembler: prints a [`CodeUnit`] in the shape of CPython 3.14's `python -m dis`.
//!
//! Line numbers in the first column, labels (`L1:`) at jump targets and handler
//! starts, opnames, operands with their meaning in parentheses, the exception table,
//! then each nested code object ("Disassembly of <code object ...>:").

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::code::{CodeConst, CodeUnit};
use crate::opcode::*;

/// Disassembles `code` and, recursively, its nested code objects.
pub fn disassemble(code: &CodeUnit) -> String {
    let mut out = String::new();
    disassemble_one(code, &mut out);
    let mut stack: Vec<&CodeUnit> = code.nested().map(|c| &**c).collect();
    stack.reverse();
    while let Some(c) = stack.pop() {
        let _ = writeln!(out, "\nDisassembly of {}:", code_repr(c));
        disassemble_one(c, &mut out);
        let mut kids: Vec<&CodeUnit> = c.nested().map(|c| &**c).collect();
        kids.reverse();
        stack.extend(kids);
    }
    out
}

fn code_repr(c: &CodeUnit) -> String {
    format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        c.name, c as *const CodeUnit as usize, c.filename, c.firstlineno
    )
}

fn const_repr(c: &CodeConst) -> String {
    match c {
        CodeConst::Value(v) => v.repr(),
        CodeConst::Code(c) => code_repr(c),
    }
}

/// The parenthesized meaning of an operand (`dis`'s argrepr).
fn argrepr(
    code: &CodeUnit,
    op: Opcode,
    arg: u32,
    labels: &BTreeMap<u32, usize>,
    target: Option<u32>,
) -> String {
    let name = |i: u32| {
        code.names
            .get(i as usize)
            .map_or("?".to_string(), |n| n.to_string())
    };
    let local = |i: u32| {
        code.localsplus_names
            .get(i as usize)
            .map_or("?".to_string(), |n| n.to_string())
    };
    match op.arg_kind() {
        ArgKind::None | ArgKind::Raw => match op {
            Opcode::Resume | Opcode::Copy | Opcode::Swap | Opcode::CopyFreeVars => String::new(),
            _ => String::new(),
        },
        ArgKind::Const => code.consts.get(arg as usize).map_or("?".into(), const_repr),
        ArgKind::SmallInt => String::new(),
        ArgKind::Name => name(arg),
        ArgKind::Global => {
            let n = name(arg >> 1);
            if arg & 1 != 0 {
                format!("{n} + NULL")
            } else {
                n
            }
        }
        ArgKind::Attr => {
            let n = name(arg >> 1);
            if arg & 1 != 0 {
                format!("{n} + NULL|self")
            } else {
                n
            }
        }
        ArgKind::SuperAttr => {
            let n = name(arg >> 2);
            if arg & 1 != 0 {
                format!("{n} + NULL|self")
            } else {
                n
            }
        }
        ArgKind::Local => local(arg),
        ArgKind::LocalPair => format!("{}, {}", local(arg >> 4), local(arg & 15)),
        ArgKind::JumpForward | ArgKind::JumpBackward => match target.and_then(|t| labels.get(&t)) {
            Some(l) => format!("to L{l}"),
            None => format!("to {}", target.unwrap_or(0) * 2),
        },
        ArgKind::BinOp => BinaryOp::symbol_of(arg).to_string(),
        ArgKind::Compare => {
            let s = COMPARE_SYMBOLS
                .get((arg >> 5) as usize)
                .copied()
                .unwrap_or("?");
            if arg & 16 != 0 {
                format!("bool({s})")
            } else {
                s.to_string()
            }
        }
        ArgKind::Invert => match (op, arg) {
            (Opcode::IsOp, 0) => "is".into(),
            (Opcode::IsOp, _) => "is not".into(),
            (_, 0) => "in".into(),
            _ => "not in".into(),
        },
        ArgKind::Intrinsic1 => INTRINSIC1_NAMES
            .get(arg as usize)
            .copied()
            .unwrap_or("?")
            .into(),
        ArgKind::Intrinsic2 => INTRINSIC2_NAMES
            .get(arg as usize)
            .copied()
            .unwrap_or("?")
            .into(),
        ArgKind::FuncAttr => function_attr_name(arg).into(),
        ArgKind::Convert => match arg {
            1 => "str".into(),
            2 => "repr".into(),
            3 => "ascii".into(),
            _ => String::new(),
        },
        ArgKind::CommonConst => COMMON_CONSTANT_NAMES
            .get(arg as usize)
            .copied()
            .unwrap_or("?")
            .into(),
        ArgKind::Special => SPECIAL_METHOD_NAMES
            .get(arg as usize)
            .copied()
            .unwrap_or("?")
            .into(),
        ArgKind::Awaitable => match arg {
            1 => "__aenter__".into(),
            2 => "__aexit__".into(),
            _ => String::new(),
        },
        ArgKind::Interpolation => String::new(),
    }
}

fn disassemble_one(code: &CodeUnit, out: &mut String) {
    let instrs = code.instructions();
    // Labels: jump targets and exception handler targets, numbered in offset order.
    let mut targets: Vec<u32> = instrs.iter().filter_map(|i| i.jump_target()).collect();
    for e in &code.exception_table {
        targets.push(e.start);
        targets.push(e.end);
        targets.push(e.target);
    }
    targets.sort_unstable();
    targets.dedup();
    let starts: std::collections::HashSet<u32> = instrs.iter().map(|i| i.start).collect();
    let mut labels = BTreeMap::new();
    for t in targets {
        if starts.contains(&t) {
            let n = labels.len() + 1;
            labels.insert(t, n);
        }
    }
    let maxline = code
        .line_table
        .iter()
        .map(|r| r.loc.lineno)
        .max()
        .unwrap_or(0)
        .max(0);
    let lw = maxline.to_string().len().max(3);
    let labw = if labels.len() >= 10 { 5 } else { 4 };
    let mut last_line = i32::MIN;
    for (k, ins) in instrs.iter().enumerate() {
        let loc = code.location(ins.offset);
        let line = loc.lineno;
        let line_col = if line != last_line {
            if k > 0 {
                out.push('\n');
            }
            last_line = line;
            if line < 0 {
                "--".to_string()
            } else {
                line.to_string()
            }
        } else {
            String::new()
        };
        let label = labels
            .get(&ins.start)
            .map_or(String::new(), |l| format!("L{l}:"));
        let _ = write!(
            out,
            "{line_col:>lw$}   {label:>labw$}  {:<26}",
            ins.op.name()
        );
        if ins.op.has_arg() {
            let _ = write!(out, " {:>3}", ins.arg);
            let r = argrepr(code, ins.op, ins.arg, &labels, ins.jump_target());
            if !r.is_empty() {
                let _ = write!(out, " ({r})");
            }
        }
        // Trim trailing spaces of arg-less instructions.
        while out.ends_with(' ') {
            out.pop();
        }
        out.push('\n');
    }
    if !code.exception_table.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &code.exception_table {
            let l = |o: u32| labels.get(&o).map_or(format!("{o}"), |n| format!("L{n}"));
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                l(e.start),
                l(e.end),
                l(e.target),
                e.depth,
                if e.lasti { " lasti" } else { "" }
            );
        }
    }
}
