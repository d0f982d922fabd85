//! `_opcode`: CPython 3.14's opcode metadata (`Modules/_opcode.c`), which `opcode.py` and
//! `dis.py` import (and through them `inspect`, `dataclasses`, `asyncio`).
//!
//! The module is Python source (`_opcode.py`, generated from CPython 3.14's own answers):
//! tables of CPython's bytecode facts by opcode name (`stack_effect` formulas, the `has_*`
//! sets, intrinsic and binary-op names), with the numbers from CPython's
//! `_opcode_metadata.py`. They describe CPython's bytecode, not Ladon's: `dis` of a Ladon
//! code object is not meaningful, but every query answers as CPython's does.
//! `get_executor` finds no executors (Ladon has no tier-2 executors).

use crate::pysource::module_from_source;
use vm::builtins::modules::NativeInit;

const SOURCE: &str = include_str!("_opcode.py");

/// The module's initializer.
pub const init: Option<NativeInit> = Some(|ts| module_from_source(ts, "_opcode", &[], SOURCE));
