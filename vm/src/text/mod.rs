//! Text and number algorithms behind Python's `int`, `float`, `complex`, `str` and `bytes`.
//!
//! These are plain functions on Rust values: no Python objects, no interpreter state. The
//! object types call them and turn a [`FormatError`] into the Python exception it names.
//! Every result and every error message is CPython 3.14's, character for character; the
//! differential tests in `vm/tests/text_*.rs` check them against vectors that CPython
//! itself wrote (`scripts/gen-vm-*.py`).
//!
//! Python strings may hold lone surrogates, so string inputs and outputs are
//! [`Wtf8Buf`]s where that matters (format specs, fill characters, `str` values).
//!
//! Map (main entry points):
//! - [`spec`]: the format-spec mini-language: `FormatSpec::parse`, `format_str`.
//! - [`format_num`]: `format(x, spec)` for numbers: `format_int` (`IntRef` small or big),
//!   `format_bigint`, `format_float`, `format_complex`; [`layout`] pads and groups them.
//! - [`dtoa`]: float to decimal text, CPython's `PyOS_double_to_string`.
//! - [`printf`]: `%`-formatting of str and bytes: `format` over a `PrintfHost`,
//!   `convert_basic` for builtin values.
//! - [`fstring`]: `str.format` parsing (`MarkupIter`, `field_name_split`) and the
//!   `str_format` driver over a `FormatHost`.
//! - [`parse_int`]: `int(s, base)` (`parse_int`, `parse_int_bytes`), `int_to_decimal`
//!   with the digit limit, `int_to_base` for bin/oct/hex.
//! - [`parse_float`]: `parse_float`, `parse_complex`, `float_fromhex`.
//! - [`byteshex`]: `bytes_hex` (`bytes.hex(sep, bytes_per_sep)`), `bytes_fromhex`.
//! - [`numtext`]: `float_hex`, `round_float`, `round_to_int`, `as_integer_ratio`,
//!   `float_to_int`, `int_to_float` (correctly rounded), `round_int` (`round(n, -k)`).
//!
//! Not here: locale-aware `'n'` (the C locale is assumed: no grouping), and anything that
//! needs objects (`__format__` dispatch, `%s` calling `str()`): the interpreter does that.

pub mod byteshex;
pub mod dtoa;
pub mod format_num;
pub mod fstring;
pub mod layout;
pub mod numtext;
pub mod parse_float;
pub mod parse_int;
pub mod printf;
pub mod spec;

pub use frontend::ast::Wtf8Buf;

use std::fmt;

/// The Python exception class a [`FormatError`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExcKind {
    ValueError,
    TypeError,
    OverflowError,
    KeyError,
    IndexError,
    MemoryError,
    ZeroDivisionError,
}

impl ExcKind {
    /// The Python name of the exception class.
    pub fn name(self) -> &'static str {
        match self {
            ExcKind::ValueError => "ValueError",
            ExcKind::TypeError => "TypeError",
            ExcKind::OverflowError => "OverflowError",
            ExcKind::KeyError => "KeyError",
            ExcKind::IndexError => "IndexError",
            ExcKind::MemoryError => "MemoryError",
            ExcKind::ZeroDivisionError => "ZeroDivisionError",
        }
    }
}

/// A Python exception to raise: its class and CPython's exact message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub kind: ExcKind,
    pub message: String,
}

impl FormatError {
    pub fn new(kind: ExcKind, message: impl Into<String>) -> Self {
        FormatError {
            kind,
            message: message.into(),
        }
    }
    pub fn value(message: impl Into<String>) -> Self {
        Self::new(ExcKind::ValueError, message)
    }
    pub fn type_error(message: impl Into<String>) -> Self {
        Self::new(ExcKind::TypeError, message)
    }
    pub fn overflow(message: impl Into<String>) -> Self {
        Self::new(ExcKind::OverflowError, message)
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl std::error::Error for FormatError {}

pub type FmtResult<T> = Result<T, FormatError>;

/// Fails with MemoryError when `n` bytes cannot be allocated, as CPython's allocator would,
/// instead of letting Rust abort: huge widths and precisions come from user input.
pub(crate) fn check_alloc(n: usize) -> FmtResult<()> {
    if n <= 1 << 20 {
        return Ok(());
    }
    let mut probe: Vec<u8> = Vec::new();
    probe
        .try_reserve_exact(n)
        .map_err(|_| FormatError::new(ExcKind::MemoryError, ""))
}
