//! Syntax errors and warnings, as CPython reports them.

/// Which exception class a [`SyntaxError`] is raised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
        }
    }
}

/// A `SyntaxError` (or subclass) with CPython's message and location.
///
/// `lineno` counts from 1; `col` and `end_col` are 0-based UTF-8 byte offsets into
/// their lines (convert with [`SyntaxError::offset`] to CPython's 1-based character
/// `offset`). `end_lineno == 0` means "no end position".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: ErrorKind,
    pub msg: String,
    pub lineno: u32,
    pub col: u32,
    pub end_lineno: u32,
    pub end_col: u32,
}

impl SyntaxError {
    pub fn new(
        kind: ErrorKind,
        msg: impl Into<String>,
        lineno: u32,
        col: u32,
        end_lineno: u32,
        end_col: u32,
    ) -> Self {
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno,
            col,
            end_lineno,
            end_col,
        }
    }

    pub fn syntax(
        msg: impl Into<String>,
        lineno: u32,
        col: u32,
        end_lineno: u32,
        end_col: u32,
    ) -> Self {
        Self::new(
            ErrorKind::SyntaxError,
            msg,
            lineno,
            col,
            end_lineno,
            end_col,
        )
    }

    /// CPython's 1-based character offset of `col` within `line_text`.
    pub fn offset(&self, line_text: &str) -> usize {
        byte_to_char_offset(line_text, self.col as usize) + 1
    }
}

/// Number of characters in the first `byte` bytes of `line` (clamped to the line).
pub fn byte_to_char_offset(line: &str, byte: usize) -> usize {
    let byte = byte.min(line.len());
    let mut n = 0;
    for (i, _) in line.char_indices() {
        if i >= byte {
            break;
        }
        n += 1;
    }
    n
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} (line {})",
            self.kind.name(),
            self.msg,
            self.lineno
        )
    }
}

impl std::error::Error for SyntaxError {}

/// A `SyntaxWarning` (e.g. an invalid escape sequence) with its location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub msg: String,
    pub lineno: u32,
    pub col: u32,
}
