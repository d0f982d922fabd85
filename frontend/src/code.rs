//! `CodeUnit`: the compiler's output, a code object as plain data.
//!
//! Nothing here refers to the VM: a `CodeUnit` is immutable once built, `Send + Sync`,
//! and shared by every thread (the VM wraps it in its code object and keeps its own
//! quickened copy of [`CodeUnit::code`] if it specializes).

use std::sync::Arc;

use crate::ast::Constant;
use crate::opcode::Opcode;

/// A constant of a code object: a value, or a nested code object (function bodies,
/// class bodies, lambdas, generator expressions, annotation functions).
#[derive(Clone, Debug, PartialEq)]
pub enum CodeConst {
    Value(Constant),
    Code(Arc<CodeUnit>),
}

/// `co_flags` bits, CPython's values.
pub mod flags {
    pub const OPTIMIZED: u32 = 0x0001;
    pub const NEWLOCALS: u32 = 0x0002;
    pub const VARARGS: u32 = 0x0004;
    pub const VARKEYWORDS: u32 = 0x0008;
    pub const NESTED: u32 = 0x0010;
    pub const GENERATOR: u32 = 0x0020;
    pub const NOFREE: u32 = 0x0040;
    pub const COROUTINE: u32 = 0x0080;
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    pub const ASYNC_GENERATOR: u32 = 0x0200;
    pub const HAS_DOCSTRING: u32 = 0x0400_0000;
    pub const METHOD: u32 = 0x0800_0000;
    /// `from __future__ import annotations` was in effect.
    pub const FUTURE_ANNOTATIONS: u32 = 0x0100_0000;
}

/// Kinds of localsplus slots (`co_localspluskinds`), CPython's bits.
pub mod kinds {
    pub const ARG_POS: u8 = 0x02;
    pub const ARG_KW: u8 = 0x04;
    pub const ARG_VAR: u8 = 0x08;
    /// Bound by an inlined comprehension: hidden from `locals()`.
    pub const HIDDEN: u8 = 0x10;
    pub const LOCAL: u8 = 0x20;
    pub const CELL: u8 = 0x40;
    pub const FREE: u8 = 0x80;
}

/// One row of the exception table: instructions in `start..end` (code-unit offsets)
/// that raise jump to `target`, after popping the value stack down to `depth` items and,
/// if `lasti`, pushing the offset of the raising instruction; then the exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

/// Source span of an instruction; `lineno == -1` means "no location" (artificial
/// instructions, e.g. the implicit `return None` of a function ending in a loop).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    pub lineno: i32,
    pub end_lineno: i32,
    /// 0-based UTF-8 byte column (as the AST), -1 if unknown.
    pub col: i32,
    pub end_col: i32,
}

impl Location {
    pub const NONE: Location = Location {
        lineno: -1,
        end_lineno: -1,
        col: -1,
        end_col: -1,
    };
}

/// A run of `units` consecutive code units sharing one [`Location`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRun {
    pub units: u32,
    pub loc: Location,
}

/// A compiled code object (CPython's `PyCodeObject` fields, as plain data).
///
/// Invariants (established by the assembler, relied on by the VM):
/// - `code` is a sequence of 16-bit code units, `opcode | arg << 8`. An operand above
///   255 is spelled with up to three `EXTENDED_ARG` prefixes carrying its high bytes.
///   Every instruction is followed by exactly `Opcode::cache_entries()` zero units
///   (`CACHE`), which the VM may use as inline caches in its own copy.
/// - Every opcode byte is a valid [`Opcode`]; jump targets are instruction starts inside
///   `code`; `LOAD_CONST` indexes `consts`, name operands index `names`, local operands
///   index `localsplus_names`.
/// - `localsplus_names` lists arguments first (positional-only, positional, keyword-only,
///   `*args`, `**kwargs`, in that order: `argcount + kwonlyargcount + VARARGS? + VARKW?`
///   slots), then other locals, then cells that are not arguments, then the free
///   variables (the last `freevars_count()` slots, in the order of the closure tuple).
///   An argument that is also a cell keeps its slot and has `CELL` in its kind.
/// - The frame needs `localsplus_names.len() + stacksize` value slots; the stack never
///   exceeds `stacksize` on any path.
/// - `exception_table` rows are sorted by `start` and do not overlap.
/// - `line_table` runs cover `code` exactly (sum of `units` == `code.len()`).
/// - Code starts with `COPY_FREE_VARS` (if free vars), `MAKE_CELL`s (if cells),
///   `RETURN_GENERATOR`+`POP_TOP` (generators/coroutines), then `RESUME 0`.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeUnit {
    pub code: Vec<u16>,
    pub consts: Vec<CodeConst>,
    pub names: Vec<Box<str>>,
    pub localsplus_names: Vec<Box<str>>,
    pub localsplus_kinds: Vec<u8>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub stacksize: u32,
    pub name: Box<str>,
    pub qualname: Box<str>,
    pub filename: Arc<str>,
    pub firstlineno: u32,
    pub exception_table: Vec<ExceptEntry>,
    pub line_table: Vec<LineRun>,
}

/// One decoded instruction of a [`CodeUnit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// Offset (in code units) of the first `EXTENDED_ARG` prefix, or the opcode.
    pub start: u32,
    /// Offset of the opcode itself.
    pub offset: u32,
    pub op: Opcode,
    /// The full operand, `EXTENDED_ARG`s folded in.
    pub arg: u32,
}

impl Instruction {
    /// Offset of the next instruction (after the inline caches).
    pub fn next_offset(&self) -> u32 {
        self.offset + 1 + self.op.cache_entries() as u32
    }

    /// Jump target offset, for jump instructions.
    pub fn jump_target(&self) -> Option<u32> {
        use crate::opcode::ArgKind;
        match self.op.arg_kind() {
            ArgKind::JumpForward => Some(self.next_offset() + self.arg),
            ArgKind::JumpBackward => Some(self.next_offset().saturating_sub(self.arg)),
            _ => None,
        }
    }
}

impl CodeUnit {
    /// Number of free variables (the last slots of localsplus).
    pub fn freevars_count(&self) -> usize {
        self.localsplus_kinds
            .iter()
            .filter(|k| **k & kinds::FREE != 0)
            .count()
    }

    /// `co_varnames`: localsplus names that are plain locals or arguments.
    pub fn varnames(&self) -> Vec<&str> {
        self.localsplus_names
            .iter()
            .zip(&self.localsplus_kinds)
            .filter(|(_, k)| **k & kinds::LOCAL != 0 || **k & 0x0E != 0)
            .map(|(n, _)| &**n)
            .collect()
    }

    /// `co_cellvars`.
    pub fn cellvars(&self) -> Vec<&str> {
        self.localsplus_names
            .iter()
            .zip(&self.localsplus_kinds)
            .filter(|(_, k)| **k & kinds::CELL != 0)
            .map(|(n, _)| &**n)
            .collect()
    }

    /// `co_freevars`.
    pub fn freevars(&self) -> Vec<&str> {
        self.localsplus_names
            .iter()
            .zip(&self.localsplus_kinds)
            .filter(|(_, k)| **k & kinds::FREE != 0)
            .map(|(n, _)| &**n)
            .collect()
    }

    /// Decodes the instructions (skipping caches, folding `EXTENDED_ARG`s).
    pub fn instructions(&self) -> Vec<Instruction> {
        let mut out = Vec::new();
        let mut i = 0usize;
        let mut ext: u32 = 0;
        let mut start = None;
        while i < self.code.len() {
            let unit = self.code[i];
            let op = Opcode::from_u8((unit & 0xFF) as u8).unwrap_or(Opcode::Nop);
            let arg = ext << 8 | u32::from(unit >> 8);
            if op == Opcode::ExtendedArg {
                ext = arg;
                start.get_or_insert(i as u32);
                i += 1;
                continue;
            }
            out.push(Instruction {
                start: start.take().unwrap_or(i as u32),
                offset: i as u32,
                op,
                arg,
            });
            ext = 0;
            i += 1 + op.cache_entries();
        }
        out
    }

    /// The location of the code unit at `offset`.
    pub fn location(&self, offset: u32) -> Location {
        let mut pos = 0u32;
        for run in &self.line_table {
            if offset < pos + run.units {
                return run.loc;
            }
            pos += run.units;
        }
        Location::NONE
    }

    /// Checks the invariants listed on [`CodeUnit`] (for tests, and for code objects
    /// that come from outside the compiler, e.g. a bytecode cache).
    pub fn check_invariants(&self) -> Result<(), String> {
        use crate::opcode::ArgKind;
        let instrs = self.instructions();
        let starts: std::collections::HashSet<u32> = instrs.iter().map(|i| i.start).collect();
        let nlocals = self.localsplus_names.len() as u32;
        if self.localsplus_kinds.len() != self.localsplus_names.len() {
            return Err("localsplus names and kinds differ in length".into());
        }
        let mut i = 0;
        while i < self.code.len() {
            let op = (self.code[i] & 0xFF) as u8;
            let Some(op) = Opcode::from_u8(op) else {
                return Err(format!("unknown opcode {op} at {i}"));
            };
            i += 1 + if op == Opcode::ExtendedArg {
                0
            } else {
                op.cache_entries()
            };
        }
        if i != self.code.len() {
            return Err("truncated instruction at the end".into());
        }
        for ins in &instrs {
            let bad = |what: &str| Err(format!("{} at {}: {what}", ins.op.name(), ins.offset));
            match ins.op.arg_kind() {
                ArgKind::Const if ins.arg as usize >= self.consts.len() => {
                    return bad("const index")
                }
                ArgKind::Name if ins.arg as usize >= self.names.len() => return bad("name index"),
                ArgKind::Global | ArgKind::Attr if (ins.arg >> 1) as usize >= self.names.len() => {
                    return bad("name index")
                }
                ArgKind::SuperAttr if (ins.arg >> 2) as usize >= self.names.len() => {
                    return bad("name index")
                }
                ArgKind::Local if ins.arg >= nlocals => return bad("local index"),
                ArgKind::LocalPair if (ins.arg >> 4) >= nlocals || (ins.arg & 15) >= nlocals => {
                    return bad("local index")
                }
                ArgKind::JumpForward | ArgKind::JumpBackward => {
                    let t = ins.jump_target().unwrap_or(u32::MAX);
                    if !starts.contains(&t) {
                        return bad("jump target is not an instruction");
                    }
                }
                _ => {}
            }
        }
        let mut prev_end = 0;
        for e in &self.exception_table {
            if e.start < prev_end || e.start >= e.end || !starts.contains(&e.target) {
                return Err(format!("bad exception table entry {e:?}"));
            }
            if e.depth + u32::from(e.lasti) + 1 > self.stacksize {
                return Err(format!("handler depth above stacksize in {e:?}"));
            }
            prev_end = e.end;
        }
        let units: u32 = self.line_table.iter().map(|r| r.units).sum();
        if units as usize != self.code.len() {
            return Err("line table does not cover the code".into());
        }
        for c in self.nested() {
            c.check_invariants()
                .map_err(|e| format!("{}: {e}", c.qualname))?;
        }
        Ok(())
    }

    /// Nested code objects in `consts`.
    pub fn nested(&self) -> impl Iterator<Item = &Arc<CodeUnit>> {
        self.consts.iter().filter_map(|c| match c {
            CodeConst::Code(c) => Some(c),
            CodeConst::Value(_) => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn code_unit_is_shareable() {
        assert_send_sync::<CodeUnit>();
    }
}
