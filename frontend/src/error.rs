//! Syntax errors and warnings, as CPython reports them.

/// Which exception class a [`SyntaxError`] is raised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// Source too deeply nested for the parser: CPython raises `MemoryError("Parser stack
    /// overflowed - Python source too complex to parse")`.
    MemoryError,
    /// AST too deep for the compiler: CPython raises `RecursionError`.
    RecursionError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::RecursionError => "RecursionError",
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

/// The text of line `lineno` (1-based) of `source`, with its line ending, as
/// CPython's `SyntaxError.text` holds it; `None` past the end.
pub fn source_line(source: &str, lineno: u32) -> Option<&str> {
    if lineno == 0 {
        return None;
    }
    let mut rest = source;
    for _ in 1..lineno {
        let nl = rest.find('\n')?;
        rest = &rest[nl + 1..];
    }
    if rest.is_empty() {
        return None;
    }
    Some(match rest.find('\n') {
        Some(nl) => &rest[..=nl],
        None => rest,
    })
}

/// Formats a syntax error the way CPython 3.14's `traceback` prints it (no colour):
///
/// ```text
///   File "x.py", line 2
///     2 3)
///     ^^^
/// SyntaxError: invalid syntax. Perhaps you forgot a comma?
/// ```
pub fn format_syntax_error(err: &SyntaxError, filename: &str, source: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!("  File \"{}\", line {}\n", filename, err.lineno));
    if let Some(text) = source_line(source, err.lineno) {
        // Mirror traceback.TracebackException._format_syntax_error, in characters.
        let text_len = text.chars().count() as i64;
        let rtext = text.trim_end_matches('\n');
        let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
        let rlen = rtext.chars().count() as i64;
        let spaces = rlen - ltext.chars().count() as i64;
        let mut offset = err.offset(text) as i64;
        let mut end_offset = if err.end_lineno == err.lineno {
            if err.end_col > 0 {
                byte_to_char_offset(text, err.end_col as usize) as i64 + 1
            } else {
                offset
            }
        } else {
            rlen + 1
        };
        if offset > text_len {
            offset = rlen + 1;
        }
        if end_offset > text_len {
            end_offset = rlen + 1;
        }
        if offset >= end_offset || end_offset < 0 {
            end_offset = offset + 1;
        }
        let colno = offset - 1 - spaces;
        let end_colno = end_offset - 1 - spaces;
        out.push_str("    ");
        out.push_str(ltext);
        out.push('\n');
        if colno >= 0 {
            out.push_str("    ");
            for c in ltext.chars().take(colno as usize) {
                out.push(if c.is_whitespace() { c } else { ' ' });
            }
            for _ in 0..(end_colno - colno).max(0) {
                out.push('^');
            }
            out.push('\n');
        }
    }
    out.push_str(err.kind.name());
    out.push_str(": ");
    out.push_str(if err.msg.is_empty() {
        "<no detail available>"
    } else {
        &err.msg
    });
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_cpython() {
        let src = "x = (1,\n  2 3)\n";
        let err = SyntaxError::syntax("invalid syntax. Perhaps you forgot a comma?", 2, 2, 2, 5);
        assert_eq!(
            format_syntax_error(&err, "e1.py", src),
            "  File \"e1.py\", line 2\n    2 3)\n    ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"
        );
        let src = "def f():\n\treturn 1 +\n";
        let err = SyntaxError::syntax("invalid syntax", 2, 11, 2, 12);
        assert_eq!(
            format_syntax_error(&err, "e2.py", src),
            "  File \"e2.py\", line 2\n    \treturn 1 +\n    \t          ^\nSyntaxError: invalid syntax\n"
        );
    }
}
