//! Tokens: the contract between the tokenizer and the parser.
//!
//! Positions are CPython's: `lineno` counts from 1, `col` is the UTF-8 byte offset
//! within the line; `start`/`end` are byte offsets into the (decoded, UTF-8) source,
//! so `&src[tok.start as usize..tok.end as usize]` is the token's text.
//!
//! Positions CPython's C tokenizer leaves undefined (`col_offset == -1`), where its
//! parser reports errors at the tokenizer's cursor instead:
//! - INDENT spans the indentation: `col` 0, `end_col` its width (CPython's
//!   "unexpected indent" offset is that width).
//! - DEDENT is empty, at the first token of its line (as `python -m tokenize`).
//! - At end of input, the final DEDENTs and ENDMARKER are empty tokens on the
//!   *last* line, at its newline character (CPython reports EOF errors such as
//!   "expected an indented block" there, at offset `col + 1`).
//! - NEWLINE spans one character (`\r\n` counts as one, as CPython translates it);
//!   at the end of a file without a final newline it is empty (`start == end`).
//!   After a trailing comment it starts at the `#` (CPython's parser reports
//!   "expected ':'" there), so its text includes the comment.

/// One token. `end_lineno`/`end_col` point just past the last byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    pub start: u32,
    pub end: u32,
    pub lineno: u32,
    pub col: u32,
    pub end_lineno: u32,
    pub end_col: u32,
}

/// Token kinds. Hard keywords get their own kinds; soft keywords (`match`, `case`,
/// `type`, `_`) are `Name` and recognised by the parser from the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokKind {
    EndMarker,
    Name,
    /// Any numeric literal (int, float, imaginary), text as written.
    Number,
    /// A complete non-f/t string literal, prefix and quotes included (`rb'\d'`).
    String,
    /// `f"` / `rf'''` etc.: prefix and opening quote(s).
    FStringStart,
    /// Literal text inside an f-string (also inside a format spec), raw as written:
    /// escapes undecoded and a doubled `{{`/`}}` kept whole (both braces inside the
    /// span); the parser's literal decoder turns `{{` into `{`. Consecutive literal
    /// text is one token, never split at a doubled brace.
    FStringMiddle,
    /// The closing quote(s) of an f-string.
    FStringEnd,
    TStringStart,
    TStringMiddle,
    TStringEnd,
    Newline,
    Indent,
    Dedent,

    // Hard keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,

    // Operators and delimiters.
    LPar,             // (
    RPar,             // )
    LSqb,             // [
    RSqb,             // ]
    Colon,            // :
    Comma,            // ,
    Semi,             // ;
    Plus,             // +
    Minus,            // -
    Star,             // *
    Slash,            // /
    VBar,             // |
    Amper,            // &
    Less,             // <
    Greater,          // >
    Equal,            // =
    Dot,              // .
    Percent,          // %
    LBrace,           // {
    RBrace,           // }
    EqEqual,          // ==
    NotEqual,         // != (also `<>`, as CPython's tokenizer; its parser rejects it)
    LessEqual,        // <=
    GreaterEqual,     // >=
    Tilde,            // ~
    Circumflex,       // ^
    LeftShift,        // <<
    RightShift,       // >>
    DoubleStar,       // **
    PlusEqual,        // +=
    MinEqual,         // -=
    StarEqual,        // *=
    SlashEqual,       // /=
    PercentEqual,     // %=
    AmperEqual,       // &=
    VBarEqual,        // |=
    CircumflexEqual,  // ^=
    LeftShiftEqual,   // <<=
    RightShiftEqual,  // >>=
    DoubleStarEqual,  // **=
    DoubleSlash,      // //
    DoubleSlashEqual, // //=
    At,               // @
    AtEqual,          // @=
    RArrow,           // ->
    Ellipsis,         // ...
    ColonEqual,       // :=
    Exclamation,      // ! (only inside f/t-string replacement fields)
}

impl TokKind {
    /// The keyword kind for a hard keyword's text.
    pub fn keyword(text: &str) -> Option<TokKind> {
        use TokKind::*;
        Some(match text {
            "False" => False,
            "None" => None,
            "True" => True,
            "and" => And,
            "as" => As,
            "assert" => Assert,
            "async" => Async,
            "await" => Await,
            "break" => Break,
            "class" => Class,
            "continue" => Continue,
            "def" => Def,
            "del" => Del,
            "elif" => Elif,
            "else" => Else,
            "except" => Except,
            "finally" => Finally,
            "for" => For,
            "from" => From,
            "global" => Global,
            "if" => If,
            "import" => Import,
            "in" => In,
            "is" => Is,
            "lambda" => Lambda,
            "nonlocal" => Nonlocal,
            "not" => Not,
            "or" => Or,
            "pass" => Pass,
            "raise" => Raise,
            "return" => Return,
            "try" => Try,
            "while" => While,
            "with" => With,
            "yield" => Yield,
            _ => return Option::None,
        })
    }

    /// True for hard keywords (names the user cannot assign to).
    pub fn is_keyword(self) -> bool {
        (self as u8) >= (TokKind::False as u8) && (self as u8) <= (TokKind::Yield as u8)
    }
}
