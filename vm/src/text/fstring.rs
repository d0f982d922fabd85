//! `str.format` / `str.format_map` / `string.Formatter` parsing of replacement fields
//! (CPython's Objects/stringlib/unicode_format.h).
//!
//! A format string is literal text and `{field_name!conversion:format_spec}` fields. The
//! spec may hold nested fields (`{0:{1}}`), two levels at most. CPython parses lazily,
//! one field at a time, interleaved with evaluation, so which error wins depends on the
//! order; this module keeps that shape:
//! - [`MarkupIter`] yields one [`Markup`] (literal text plus an optional field) at a time;
//! - [`field_name_split`] splits a field name into its first part (auto-numbered, an
//!   index, or a keyword) and a lazy [`FieldNameIter`] of `.attr` / `[key]` accessors;
//! - [`str_format`] drives both over a [`FormatHost`] that evaluates objects, for the
//!   interpreter's `str.format` and for tests.

use super::{FmtResult, FormatError};
use crate::unicode;

/// A replacement field found by [`MarkupIter`], as ranges into the format string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMarkup {
    pub field_name: std::ops::Range<usize>,
    /// The character after `!`, if any (not validated: see [`check_conversion`]).
    pub conversion: Option<u32>,
    /// The spec after `:` (empty range if none); `None` when there was no `:`.
    pub format_spec: Option<std::ops::Range<usize>>,
    /// The spec contains `{`: it must be expanded before use.
    pub spec_needs_expanding: bool,
}

/// Literal text (escaped braces already halved) followed by an optional field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Markup {
    pub literal: std::ops::Range<usize>,
    pub field: Option<FieldMarkup>,
}

/// Iterates over the markup of a format string; stops after the first error.
pub struct MarkupIter<'a> {
    s: &'a [u32],
    pos: usize,
    end: usize,
    failed: bool,
}

impl<'a> MarkupIter<'a> {
    pub fn new(s: &'a [u32]) -> Self {
        Self::with_range(s, 0..s.len())
    }

    /// Iterates over `s[range]` (a nested format spec).
    pub fn with_range(s: &'a [u32], range: std::ops::Range<usize>) -> Self {
        MarkupIter {
            s,
            pos: range.start,
            end: range.end,
            failed: false,
        }
    }

    fn next_markup(&mut self) -> FmtResult<Option<Markup>> {
        if self.pos >= self.end {
            return Ok(None);
        }
        let s = self.s;
        let start = self.pos;
        let mut c = 0;
        let mut markup_follows = false;
        while self.pos < self.end {
            c = s[self.pos];
            self.pos += 1;
            if c == 0x7B || c == 0x7D {
                markup_follows = true;
                break;
            }
        }
        let at_end = self.pos >= self.end;
        let mut len = self.pos - start;
        if c == 0x7D && markup_follows && (at_end || s[self.pos] != c) {
            return Err(FormatError::value(
                "Single '}' encountered in format string",
            ));
        }
        if at_end && c == 0x7B && markup_follows {
            return Err(FormatError::value(
                "Single '{' encountered in format string",
            ));
        }
        if !at_end && markup_follows {
            if s[self.pos] == c {
                // An escaped brace: keep one in the literal, skip the other.
                self.pos += 1;
                markup_follows = false;
            } else {
                len -= 1;
            }
        }
        let literal = start..start + len;
        if !markup_follows {
            return Ok(Some(Markup {
                literal,
                field: None,
            }));
        }
        let field = self.parse_field()?;
        Ok(Some(Markup {
            literal,
            field: Some(field),
        }))
    }

    /// Parses `field_name[!conv][:spec]}` after a `{` (CPython's `parse_field`).
    fn parse_field(&mut self) -> FmtResult<FieldMarkup> {
        let s = self.s;
        let name_start = self.pos;
        let mut c = 0;
        while self.pos < self.end {
            c = s[self.pos];
            self.pos += 1;
            match c {
                0x7B => return Err(FormatError::value("unexpected '{' in field name")),
                0x5B => {
                    while self.pos < self.end && s[self.pos] != 0x5D {
                        self.pos += 1;
                    }
                    continue;
                }
                0x7D | 0x3A | 0x21 => break,
                _ => continue,
            }
        }
        let mut field = FieldMarkup {
            field_name: name_start..self.pos.saturating_sub(1).max(name_start),
            conversion: None,
            format_spec: None,
            spec_needs_expanding: false,
        };
        if c == 0x21 || c == 0x3A {
            if c == 0x21 {
                if self.pos >= self.end {
                    return Err(FormatError::value(
                        "end of string while looking for conversion specifier",
                    ));
                }
                field.conversion = Some(s[self.pos]);
                self.pos += 1;
                if self.pos < self.end {
                    let c2 = s[self.pos];
                    self.pos += 1;
                    if c2 == 0x7D {
                        return Ok(field);
                    }
                    if c2 != 0x3A {
                        return Err(FormatError::value(
                            "expected ':' after conversion specifier",
                        ));
                    }
                }
            }
            let spec_start = self.pos;
            let mut count = 1;
            while self.pos < self.end {
                let c2 = s[self.pos];
                self.pos += 1;
                if c2 == 0x7B {
                    field.spec_needs_expanding = true;
                    count += 1;
                } else if c2 == 0x7D {
                    count -= 1;
                    if count == 0 {
                        field.format_spec = Some(spec_start..self.pos - 1);
                        return Ok(field);
                    }
                }
            }
            return Err(FormatError::value("unmatched '{' in format spec"));
        } else if c != 0x7D {
            return Err(FormatError::value("expected '}' before end of string"));
        }
        Ok(field)
    }
}

impl Iterator for MarkupIter<'_> {
    type Item = FmtResult<Markup>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.next_markup() {
            Ok(m) => m.map(Ok),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

/// One item of `_string.formatter_parser(s)` (what `string.Formatter.parse` yields):
/// `(literal, field_name, format_spec, conversion)`, `None` where CPython gives `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParserItem {
    pub literal: Vec<u32>,
    pub field_name: Option<Vec<u32>>,
    pub format_spec: Option<Vec<u32>>,
    pub conversion: Option<u32>,
}

impl ParserItem {
    /// Builds the tuple for one [`Markup`] of `s`.
    pub fn new(s: &[u32], m: &Markup) -> Self {
        let literal = s[m.literal.clone()].to_vec();
        match &m.field {
            None => ParserItem {
                literal,
                field_name: None,
                format_spec: None,
                conversion: None,
            },
            Some(f) => ParserItem {
                literal,
                field_name: Some(s[f.field_name.clone()].to_vec()),
                format_spec: Some(f.format_spec.clone().map_or(Vec::new(), |r| s[r].to_vec())),
                conversion: f.conversion,
            },
        }
    }
}

/// `"Unknown conversion specifier X"` unless `conv` is `r`, `s` or `a`.
pub fn check_conversion(conv: u32) -> FmtResult<char> {
    match conv {
        0x72 => Ok('r'),
        0x73 => Ok('s'),
        0x61 => Ok('a'),
        c if c > 32 && c < 127 => Err(FormatError::value(format!(
            "Unknown conversion specifier {}",
            char::from_u32(c).unwrap_or('?')
        ))),
        c => Err(FormatError::value(format!(
            "Unknown conversion specifier \\x{c:x}"
        ))),
    }
}

/// Auto-numbering state shared by a format string and its nested specs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AutoNumber {
    state: AutoState,
    next: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum AutoState {
    #[default]
    Init,
    Auto,
    Manual,
}

/// The first part of a field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldFirst {
    /// A positional index (given, or assigned by auto-numbering).
    Index(usize),
    /// A keyword name.
    Name(Vec<u32>),
}

/// One `.attr` or `[key]` step after the first part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Accessor {
    Attr(Vec<u32>),
    Index(usize),
    Key(Vec<u32>),
}

/// CPython's `get_integer`: the value of an all-decimal-digit string (any Unicode
/// decimal digits), `None` if empty or not all digits.
fn get_integer(s: &[u32]) -> FmtResult<Option<usize>> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for &c in s {
        let Some(d) = unicode::to_decimal(c) else {
            return Ok(None);
        };
        if acc > (isize::MAX as usize - d as usize) / 10 {
            return Err(FormatError::value(
                "Too many decimal digits in format string",
            ));
        }
        acc = acc * 10 + d as usize;
    }
    Ok(Some(acc))
}

/// Splits a field name (CPython's `field_name_split`), numbering empty names with `auto`
/// (pass `None` for `string.Formatter`, which numbers fields itself; an empty name is then
/// `Name([])`).
pub fn field_name_split<'a>(
    name: &'a [u32],
    auto: Option<&mut AutoNumber>,
) -> FmtResult<(FieldFirst, FieldNameIter<'a>)> {
    let split = name
        .iter()
        .position(|&c| c == 0x2E || c == 0x5B)
        .unwrap_or(name.len());
    let first = &name[..split];
    let rest = FieldNameIter {
        s: name,
        pos: split,
    };
    let mut idx = get_integer(first)?;
    let empty = first.is_empty();
    let numeric = empty || idx.is_some();
    if let Some(auto) = auto {
        if auto.state == AutoState::Init && numeric {
            auto.state = if empty {
                AutoState::Auto
            } else {
                AutoState::Manual
            };
        }
        if numeric {
            if auto.state == AutoState::Manual && empty {
                return Err(FormatError::value(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            if auto.state != AutoState::Manual && !empty {
                return Err(FormatError::value(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
        }
        if empty {
            idx = Some(auto.next);
            auto.next += 1;
        }
    }
    let first = match idx {
        Some(i) => FieldFirst::Index(i),
        None => FieldFirst::Name(first.to_vec()),
    };
    Ok((first, rest))
}

/// The `.attr` / `[key]` steps of a field name, parsed lazily as CPython does.
#[derive(Clone, Debug)]
pub struct FieldNameIter<'a> {
    s: &'a [u32],
    pos: usize,
}

impl FieldNameIter<'_> {
    fn next_accessor(&mut self) -> FmtResult<Option<Accessor>> {
        let s = self.s;
        if self.pos >= s.len() {
            return Ok(None);
        }
        let c = s[self.pos];
        self.pos += 1;
        let acc = match c {
            0x2E => {
                let start = self.pos;
                while self.pos < s.len() && s[self.pos] != 0x2E && s[self.pos] != 0x5B {
                    self.pos += 1;
                }
                let name = &s[start..self.pos];
                if name.is_empty() {
                    return Err(FormatError::value("Empty attribute in format string"));
                }
                Accessor::Attr(name.to_vec())
            }
            0x5B => {
                let start = self.pos;
                while self.pos < s.len() && s[self.pos] != 0x5D {
                    self.pos += 1;
                }
                if self.pos >= s.len() {
                    return Err(FormatError::value("Missing ']' in format string"));
                }
                let key = &s[start..self.pos];
                self.pos += 1;
                let idx = get_integer(key)?;
                if key.is_empty() {
                    return Err(FormatError::value("Empty attribute in format string"));
                }
                match idx {
                    Some(i) => Accessor::Index(i),
                    None => Accessor::Key(key.to_vec()),
                }
            }
            _ => {
                return Err(FormatError::value(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ))
            }
        };
        Ok(Some(acc))
    }
}

impl Iterator for FieldNameIter<'_> {
    type Item = FmtResult<Accessor>;
    fn next(&mut self) -> Option<Self::Item> {
        match self.next_accessor() {
            Ok(a) => a.map(Ok),
            Err(e) => {
                self.pos = self.s.len();
                Some(Err(e))
            }
        }
    }
}

/// What [`str_format`] needs from the interpreter.
pub trait FormatHost {
    type Obj;
    /// `args[i]`; CPython: IndexError "Replacement index 3 out of range for positional
    /// args tuple" (see [`index_error`]), or ValueError "Format string contains
    /// positional fields" for `format_map`.
    fn positional(&mut self, i: usize) -> FmtResult<Self::Obj>;
    /// `kwargs[name]` (KeyError with the name's repr when missing).
    fn keyword(&mut self, name: &[u32]) -> FmtResult<Self::Obj>;
    fn getattr(&mut self, obj: &Self::Obj, name: &[u32]) -> FmtResult<Self::Obj>;
    fn getitem_index(&mut self, obj: &Self::Obj, i: usize) -> FmtResult<Self::Obj>;
    fn getitem_key(&mut self, obj: &Self::Obj, key: &[u32]) -> FmtResult<Self::Obj>;
    /// `!r`, `!s` or `!a`.
    fn convert(&mut self, obj: &Self::Obj, conv: char) -> FmtResult<Self::Obj>;
    /// `format(obj, spec)`.
    fn format(&mut self, obj: &Self::Obj, spec: &[u32]) -> FmtResult<Vec<u32>>;
}

/// The IndexError for a missing positional argument.
pub fn index_error(i: usize) -> FormatError {
    FormatError::new(
        super::ExcKind::IndexError,
        format!("Replacement index {i} out of range for positional args tuple"),
    )
}

/// `s.format(*args, **kwargs)`, evaluating through `host`.
pub fn str_format<H: FormatHost>(s: &[u32], host: &mut H) -> FmtResult<Vec<u32>> {
    let mut auto = AutoNumber::default();
    build_string(s, 0..s.len(), host, 2, &mut auto)
}

fn build_string<H: FormatHost>(
    s: &[u32],
    range: std::ops::Range<usize>,
    host: &mut H,
    depth: u32,
    auto: &mut AutoNumber,
) -> FmtResult<Vec<u32>> {
    if depth == 0 {
        return Err(FormatError::value("Max string recursion exceeded"));
    }
    let mut out = Vec::with_capacity(range.len() + 16);
    for m in MarkupIter::with_range(s, range) {
        let m = m?;
        out.extend_from_slice(&s[m.literal.clone()]);
        let Some(field) = m.field else { continue };
        let (first, rest) = field_name_split(&s[field.field_name.clone()], Some(auto))?;
        let mut obj = match first {
            FieldFirst::Index(i) => host.positional(i)?,
            FieldFirst::Name(n) => host.keyword(&n)?,
        };
        for acc in rest {
            obj = match acc? {
                Accessor::Attr(a) => host.getattr(&obj, &a)?,
                Accessor::Index(i) => host.getitem_index(&obj, i)?,
                Accessor::Key(k) => host.getitem_key(&obj, &k)?,
            };
        }
        if let Some(c) = field.conversion {
            obj = host.convert(&obj, check_conversion(c)?)?;
        }
        let spec_range = field.format_spec.clone().unwrap_or(0..0);
        let text = if field.spec_needs_expanding {
            let spec = build_string(s, spec_range, host, depth - 1, auto)?;
            host.format(&obj, &spec)?
        } else {
            host.format(&obj, &s[spec_range])?
        };
        out.extend_from_slice(&text);
    }
    Ok(out)
}
