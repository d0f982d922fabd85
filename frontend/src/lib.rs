//! Ladon's compiler frontend: source bytes → tokens → AST → symtable → `CodeUnit`.
//!
//! Plain data in, plain data out: nothing here knows about the VM, so every thread
//! (and `rayon` for `--compile-all`) can use it at once. Entry points:
//! [`decode_source`], [`tokenizer::tokenize`], [`parser::parse`], [`ast::dump::dump_mod`],
//! [`parse_file`], [`compile_module`] (AST → [`code::CodeUnit`], via [`symtable`]),
//! [`dis::disassemble`].

pub mod ast;
pub mod code;
pub mod compile;
pub mod dis;
pub mod error;
pub mod opcode;
pub mod parser;
pub mod symtable;
pub mod tokenizer;

pub use compile::{compile_module, compile_module_with_warnings};
pub use error::{ErrorKind, SyntaxError, Warning};

/// What to parse the source as (CPython's `mode` argument of `compile()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `exec`: a module.
    Exec,
    /// `eval`: a single expression.
    Eval,
    /// `single`: one interactive statement.
    Single,
    /// `func_type`: a function type comment.
    FuncType,
}

/// Decodes raw source bytes (BOM, PEP 263 coding declaration) to UTF-8 text.
pub fn decode_source(bytes: &[u8]) -> Result<String, SyntaxError> {
    tokenizer::decode_source(bytes)
}

/// Decodes, tokenizes and parses a module.
pub fn parse_file(bytes: &[u8]) -> Result<ast::Mod, SyntaxError> {
    let src = decode_source(bytes)?;
    parser::parse(&src, Mode::Exec).map(|(m, _warnings)| m)
}
