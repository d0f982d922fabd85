//! The compiler's intermediate form: basic blocks of instructions with symbolic jump
//! targets and pseudo-instructions, before assembly into a `CodeUnit`.

use crate::code::Location;
use crate::opcode::Opcode;

pub type BlockId = usize;
pub const NO_BLOCK: BlockId = usize::MAX;

/// Pseudo-instructions, resolved by the assembler (CPython's pseudo ops).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pseudo {
    /// Protect what follows with the handler at `target` (pushes the exception).
    SetupFinally,
    /// As SetupFinally, also pushing `lasti` (cleanup handlers that re-raise).
    SetupCleanup,
    /// As SetupCleanup, one value lower on the stack (`with` blocks).
    SetupWith,
    /// End of the innermost protected region.
    PopBlock,
    /// Unconditional jump (becomes JUMP_FORWARD or JUMP_BACKWARD).
    Jump,
    /// Unconditional jump without an eval-breaker check.
    JumpNoInterrupt,
    /// Jump if the top value is falsy, keeping it (`and`); becomes
    /// `COPY 1; TO_BOOL; POP_JUMP_IF_FALSE` after threading.
    JumpIfFalse,
    /// As JumpIfFalse, for truthy values (`or`).
    JumpIfTrue,
    /// STORE_FAST of a value that may be NULL (restoring a local saved by
    /// LOAD_FAST_AND_CLEAR): the slot counts as possibly unbound afterwards.
    StoreFastMaybeNull,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Real(Opcode),
    Pseudo(Pseudo),
}

/// Operand tags for cell and free variables, whose localsplus index is only known
/// when the unit is finished (`arg = TAG | index into cellvars/freevars`).
pub const CELL_TAG: u32 = 1 << 28;
pub const FREE_TAG: u32 = 1 << 29;
pub const TAG_MASK: u32 = CELL_TAG | FREE_TAG;

#[derive(Clone, Copy, Debug)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
    pub target: BlockId,
    pub loc: Location,
}

impl Instr {
    pub fn is_jump(&self) -> bool {
        match self.op {
            Op::Real(o) => o.is_jump(),
            Op::Pseudo(p) => matches!(
                p,
                Pseudo::Jump | Pseudo::JumpNoInterrupt | Pseudo::JumpIfFalse | Pseudo::JumpIfTrue
            ),
        }
    }

    pub fn is_setup(&self) -> bool {
        matches!(
            self.op,
            Op::Pseudo(Pseudo::SetupFinally | Pseudo::SetupCleanup | Pseudo::SetupWith)
        )
    }

    pub fn is_unconditional_jump(&self) -> bool {
        matches!(
            self.op,
            Op::Pseudo(Pseudo::Jump | Pseudo::JumpNoInterrupt)
                | Op::Real(
                    Opcode::JumpForward | Opcode::JumpBackward | Opcode::JumpBackwardNoInterrupt
                )
        )
    }

    /// Control never continues to the next instruction.
    pub fn is_terminator(&self) -> bool {
        match self.op {
            Op::Real(o) => o.is_terminator(),
            Op::Pseudo(p) => matches!(p, Pseudo::Jump | Pseudo::JumpNoInterrupt),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Block {
    pub instrs: Vec<Instr>,
}
