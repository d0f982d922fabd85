//! Unicode character database for `str` methods and the `unicodedata` module.
//!
//! Everything is generated from CPython 3.14's own database (Unicode 16.0.0) by
//! `scripts/gen-vm-unicode.py` into `tables.rs` (two-level lookup tables) and `names.bin`
//! (character names). The API works on `u32` code points, lone surrogates included;
//! values above U+10FFFF behave like unassigned code points.
//!
//! Entry points: the `is_*` predicates and `to_decimal`/`to_digit`/`to_numeric` behind
//! `str.isdigit` and friends; [`lower_full`], [`upper_full`], [`title_full`],
//! [`casefold_full`] and the string-level [`str_lower`] (final sigma), [`str_upper`],
//! [`str_title`], [`str_capitalize`], [`str_swapcase`], [`str_casefold`] for case mapping;
//! [`str_islower`], [`str_isupper`], [`str_istitle`], [`str_all`], [`str_isprintable`] and
//! [`is_identifier`] for the string predicates;
//! [`category`], [`bidirectional`], [`combining`], [`east_asian_width`], [`mirrored`],
//! [`decomposition`] for `unicodedata`; [`names::name`], [`names::lookup`] and
//! [`normalize::normalize`]; [`ucd_3_2_0`] for `unicodedata.ucd_3_2_0`.

pub mod names;
pub mod normalize;
pub mod ucd_3_2_0;
#[rustfmt::skip]
mod tables;

pub use tables::UNIDATA_VERSION;

/// Per-code-point data behind CPython's `Py_UNICODE_IS*`/`TO*` macros.
#[derive(Clone, Copy, Debug)]
pub struct CtypeRecord {
    pub flags: u16,
    pub lower: i32,
    pub upper: i32,
    pub title: i32,
    pub fold: i32,
    pub decimal: u8,
    pub digit: u8,
    pub numeric: u8,
}

/// Per-code-point data behind `unicodedata.category()` and friends.
#[derive(Clone, Copy, Debug)]
pub struct DbRecord {
    pub category: u8,
    pub bidi: u8,
    pub combining: u8,
    pub mirrored: bool,
    pub east_asian_width: u8,
}

/// Per-code-point data of `unicodedata.ucd_3_2_0`.
#[derive(Clone, Copy, Debug)]
pub struct Ucd32Record {
    pub category: u8,
    pub bidi: u8,
    pub combining: u8,
    pub mirrored: bool,
    pub east_asian_width: u8,
    pub decimal: u8,
    pub digit: u8,
    pub numeric: u8,
}

const ALPHA: u16 = 1;
const DECIMAL: u16 = 1 << 1;
const DIGIT: u16 = 1 << 2;
const LOWER: u16 = 1 << 3;
const LINEBREAK: u16 = 1 << 4;
const SPACE: u16 = 1 << 5;
const TITLE: u16 = 1 << 6;
const UPPER: u16 = 1 << 7;
const XID_START: u16 = 1 << 8;
const XID_CONTINUE: u16 = 1 << 9;
const PRINTABLE: u16 = 1 << 10;
const NUMERIC: u16 = 1 << 11;
const CASE_IGNORABLE: u16 = 1 << 12;
const CASED: u16 = 1 << 13;

/// An entry type of a generated index table.
trait Idx: Copy {
    fn get(self) -> usize;
}
impl Idx for u8 {
    fn get(self) -> usize {
        self as usize
    }
}
impl Idx for u16 {
    fn get(self) -> usize {
        self as usize
    }
}

/// Looks `cp` up in a two-level table: block number from `index1`, entry from `index2`.
/// Code points past U+10FFFF give entry 0.
fn lookup2<A: Idx, B: Idx>(cp: u32, shift: u32, index1: &[A], index2: &[B]) -> usize {
    let cp = cp as usize;
    let Some(block) = index1.get(cp >> shift) else {
        return 0;
    };
    let i = (block.get() << shift) + (cp & ((1 << shift) - 1));
    index2.get(i).map_or(0, |e| e.get())
}

fn ctype(cp: u32) -> &'static CtypeRecord {
    let cp = cp.min(0x10FFFF); // U+10FFFF is unassigned: stands for anything beyond
    &tables::CTYPE_RECORDS[lookup2(
        cp,
        tables::CTYPE_SHIFT,
        &tables::CTYPE_INDEX1,
        &tables::CTYPE_INDEX2,
    )]
}

fn db(cp: u32) -> &'static DbRecord {
    let cp = cp.min(0x10FFFF); // U+10FFFF is unassigned: stands for anything beyond
    &tables::DB_RECORDS[lookup2(cp, tables::DB_SHIFT, &tables::DB_INDEX1, &tables::DB_INDEX2)]
}

fn has(cp: u32, flag: u16) -> bool {
    ctype(cp).flags & flag != 0
}

/// `str.isalpha()` for one character.
pub fn is_alpha(cp: u32) -> bool {
    has(cp, ALPHA)
}
/// `str.isdecimal()` for one character.
pub fn is_decimal(cp: u32) -> bool {
    has(cp, DECIMAL)
}
/// `str.isdigit()` for one character.
pub fn is_digit(cp: u32) -> bool {
    has(cp, DIGIT)
}
/// `str.isnumeric()` for one character.
pub fn is_numeric(cp: u32) -> bool {
    has(cp, NUMERIC)
}
/// `str.isalnum()` for one character.
pub fn is_alnum(cp: u32) -> bool {
    has(cp, ALPHA | DECIMAL | DIGIT | NUMERIC)
}
/// `str.isspace()` for one character (also what `str.split()` and `int()` strip).
pub fn is_space(cp: u32) -> bool {
    if cp < 128 {
        return matches!(cp, 0x09..=0x0D | 0x1C..=0x20);
    }
    has(cp, SPACE)
}
/// A line boundary for `str.splitlines()`.
pub fn is_linebreak(cp: u32) -> bool {
    has(cp, LINEBREAK)
}
/// `str.islower()` for one character.
pub fn is_lower(cp: u32) -> bool {
    has(cp, LOWER)
}
/// `str.isupper()` for one character.
pub fn is_upper(cp: u32) -> bool {
    has(cp, UPPER)
}
/// Titlecase letter (category Lt): CPython's `Py_UNICODE_ISTITLE`.
pub fn is_title(cp: u32) -> bool {
    has(cp, TITLE)
}
/// `str.isprintable()` for one character.
pub fn is_printable(cp: u32) -> bool {
    has(cp, PRINTABLE)
}
/// May start an identifier (XID_Start; `_` is not included, as in CPython).
pub fn is_xid_start(cp: u32) -> bool {
    has(cp, XID_START)
}
/// May continue an identifier (XID_Continue).
pub fn is_xid_continue(cp: u32) -> bool {
    has(cp, XID_CONTINUE)
}
/// The Unicode `Cased` property (used by `str.title`, `istitle` and final sigma).
pub fn is_cased(cp: u32) -> bool {
    has(cp, CASED)
}
/// The Unicode `Case_Ignorable` property.
pub fn is_case_ignorable(cp: u32) -> bool {
    has(cp, CASE_IGNORABLE)
}

/// `str.isidentifier()` on a sequence of code points.
pub fn is_identifier(s: &[u32]) -> bool {
    match s.split_first() {
        None => false,
        Some((&first, rest)) => {
            (first == 0x5F || is_xid_start(first)) && rest.iter().all(|&c| is_xid_continue(c))
        }
    }
}

/// Decimal digit value (`unicodedata.decimal`, what `int()` accepts).
pub fn to_decimal(cp: u32) -> Option<u32> {
    match ctype(cp).decimal {
        0xFF => None,
        d => Some(d as u32),
    }
}
/// Digit value (`unicodedata.digit`).
pub fn to_digit(cp: u32) -> Option<u32> {
    match ctype(cp).digit {
        0xFF => None,
        d => Some(d as u32),
    }
}
/// Numeric value (`unicodedata.numeric`).
pub fn to_numeric(cp: u32) -> Option<f64> {
    match ctype(cp).numeric {
        0 => None,
        i => Some(tables::NUMERIC_VALUES[i as usize]),
    }
}

/// Case mappings are one or more code points; most are one, found by a delta.
fn mapping(cp: u32, field: i32) -> CaseMapping {
    if field & 0x4000_0000 != 0 && field > 0 {
        let len = ((field >> 24) & 0x3F) as usize;
        let idx = (field & 0xFFFF) as usize;
        let mut m = CaseMapping {
            cps: [0; 3],
            len: len as u8,
        };
        m.cps[..len].copy_from_slice(&tables::EXTENDED_CASE[idx..idx + len]);
        m
    } else {
        CaseMapping {
            cps: [(cp as i64 + field as i64) as u32, 0, 0],
            len: 1,
        }
    }
}

/// The result of a full case mapping: one to three code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseMapping {
    cps: [u32; 3],
    len: u8,
}

impl CaseMapping {
    pub fn as_slice(&self) -> &[u32] {
        &self.cps[..self.len as usize]
    }
}

/// Full lowercase mapping (`'İ'.lower()` is two characters). Without final-sigma context.
pub fn lower_full(cp: u32) -> CaseMapping {
    mapping(cp, ctype(cp).lower)
}
/// Full uppercase mapping (`'ß'.upper() == 'SS'`).
pub fn upper_full(cp: u32) -> CaseMapping {
    mapping(cp, ctype(cp).upper)
}
/// Full titlecase mapping.
pub fn title_full(cp: u32) -> CaseMapping {
    mapping(cp, ctype(cp).title)
}
/// Full case folding (`str.casefold()`).
pub fn casefold_full(cp: u32) -> CaseMapping {
    mapping(cp, ctype(cp).fold)
}

/// Whether the capital sigma at `i` is word-final (lowercases to 'ς'), per CPython's
/// `handle_capital_sigma`: `\p{cased}\p{case-ignorable}* Σ !(\p{case-ignorable}* \p{cased})`.
pub fn is_final_sigma(s: &[u32], i: usize) -> bool {
    let before = s[..i].iter().rev().find(|&&c| !is_case_ignorable(c));
    if !before.is_some_and(|&c| is_cased(c)) {
        return false;
    }
    let after = s[i + 1..].iter().find(|&&c| !is_case_ignorable(c));
    !after.is_some_and(|&c| is_cased(c))
}

/// `str.lower()`: full lowercase mapping with the final-sigma rule.
pub fn str_lower(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for (i, &c) in s.iter().enumerate() {
        if c == 0x3A3 {
            out.push(if is_final_sigma(s, i) { 0x3C2 } else { 0x3C3 });
        } else {
            out.extend_from_slice(lower_full(c).as_slice());
        }
    }
    out
}

/// `str.upper()`.
pub fn str_upper(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        out.extend_from_slice(upper_full(c).as_slice());
    }
    out
}

/// `str.casefold()`.
pub fn str_casefold(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        out.extend_from_slice(casefold_full(c).as_slice());
    }
    out
}

/// `str.title()`: titlecase after an uncased character, lowercase after a cased one.
pub fn str_title(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    let mut prev_cased = false;
    for (i, &c) in s.iter().enumerate() {
        if prev_cased {
            if c == 0x3A3 {
                out.push(if is_final_sigma(s, i) { 0x3C2 } else { 0x3C3 });
            } else {
                out.extend_from_slice(lower_full(c).as_slice());
            }
        } else {
            out.extend_from_slice(title_full(c).as_slice());
        }
        prev_cased = is_cased(c);
    }
    out
}

/// `str.capitalize()`: first character titlecased, the rest lowercased.
pub fn str_capitalize(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for (i, &c) in s.iter().enumerate() {
        if i == 0 {
            out.extend_from_slice(title_full(c).as_slice());
        } else if c == 0x3A3 {
            out.push(if is_final_sigma(s, i) { 0x3C2 } else { 0x3C3 });
        } else {
            out.extend_from_slice(lower_full(c).as_slice());
        }
    }
    out
}

/// `str.swapcase()`.
pub fn str_swapcase(s: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for (i, &c) in s.iter().enumerate() {
        if is_upper(c) {
            if c == 0x3A3 {
                out.push(if is_final_sigma(s, i) { 0x3C2 } else { 0x3C3 });
            } else {
                out.extend_from_slice(lower_full(c).as_slice());
            }
        } else if is_lower(c) {
            out.extend_from_slice(upper_full(c).as_slice());
        } else {
            out.push(c);
        }
    }
    out
}

/// `str.islower()`: some cased character and no uppercase or titlecase one.
pub fn str_islower(s: &[u32]) -> bool {
    let mut cased = false;
    for &c in s {
        if is_upper(c) || is_title(c) {
            return false;
        }
        cased |= is_lower(c);
    }
    cased
}

/// `str.isupper()`: some cased character and no lowercase or titlecase one.
pub fn str_isupper(s: &[u32]) -> bool {
    let mut cased = false;
    for &c in s {
        if is_lower(c) || is_title(c) {
            return false;
        }
        cased |= is_upper(c);
    }
    cased
}

/// `str.istitle()`: uppercase/titlecase only after uncased characters, lowercase only
/// after cased ones, and at least one cased character.
pub fn str_istitle(s: &[u32]) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for &c in s {
        if is_upper(c) || is_title(c) {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// `str.isalpha()`, `isdecimal()`, `isdigit()`, `isnumeric()`, `isalnum()`, `isspace()`:
/// non-empty and every character has the property.
pub fn str_all(s: &[u32], pred: fn(u32) -> bool) -> bool {
    !s.is_empty() && s.iter().all(|&c| pred(c))
}

/// `str.isprintable()`: true for the empty string too.
pub fn str_isprintable(s: &[u32]) -> bool {
    s.iter().all(|&c| is_printable(c))
}

/// `unicodedata.category()`: two-letter general category ("Cn" when unassigned).
pub fn category(cp: u32) -> &'static str {
    tables::CATEGORY_NAMES[db(cp).category as usize]
}
/// `unicodedata.bidirectional()` ("" when unassigned).
pub fn bidirectional(cp: u32) -> &'static str {
    tables::BIDI_NAMES[db(cp).bidi as usize]
}
/// `unicodedata.combining()`: canonical combining class.
pub fn combining(cp: u32) -> u8 {
    db(cp).combining
}
/// `unicodedata.mirrored()`.
pub fn mirrored(cp: u32) -> bool {
    db(cp).mirrored
}
/// `unicodedata.east_asian_width()`.
pub fn east_asian_width(cp: u32) -> &'static str {
    tables::EAW_NAMES[db(cp).east_asian_width as usize]
}

/// A decomposition mapping: its tag (`None` for canonical) and code points.
pub fn decomposition_mapping(cp: u32) -> Option<(Option<&'static str>, &'static [u32])> {
    if cp >= 0x110000 {
        return None;
    }
    let i = lookup2(
        cp,
        tables::DECOMP_SHIFT,
        &tables::DECOMP_INDEX1,
        &tables::DECOMP_INDEX2,
    );
    if i == 0 {
        return None;
    }
    let header = tables::DECOMP_DATA[i];
    let tag = (header >> 8) as usize;
    let len = (header & 0xFF) as usize;
    let cps = &tables::DECOMP_DATA[i + 1..i + 1 + len];
    Some(((tag != 0).then(|| tables::DECOMP_TAGS[tag]), cps))
}

/// `unicodedata.decomposition()`: e.g. `"<compat> 0020 0301"`, or "" if none.
pub fn decomposition(cp: u32) -> String {
    let Some((tag, cps)) = decomposition_mapping(cp) else {
        return String::new();
    };
    let mut parts: Vec<String> = Vec::with_capacity(cps.len() + 1);
    if let Some(t) = tag {
        parts.push(t.to_string());
    }
    parts.extend(cps.iter().map(|c| format!("{c:04X}")));
    parts.join(" ")
}
