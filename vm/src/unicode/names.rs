//! Character names: `unicodedata.name()` and `unicodedata.lookup()`.
//!
//! Explicit names live in `names.bin` (format in `scripts/gen-vm-unicode.py`): a word
//! lexicon plus, per name, its word numbers, in code point order with a checkpoint every
//! 32 names, so `name` decodes at most one chunk. Hangul syllables and the
//! `PREFIX-<hex>` ranges (CJK ideographs, ...) are computed. `lookup` also accepts formal
//! name aliases and ignores ASCII case, as CPython does; it scans the table (about a
//! millisecond), which is fine for a function called with literal names.
//!
//! Not here: named sequences (`lookup('LATIN SMALL LETTER R WITH TILDE')`), for lack of
//! an offline source of NamedSequences.txt.

use super::tables::{ALGORITHMIC_NAMES, LOOKUP_ONLY_NAMES, NAME_ALIASES};
use crate::text::{ExcKind, FmtResult, FormatError};

static NAMES_BIN: &[u8] = include_bytes!("names.bin");

const JAMO_L: [&str; 19] = [
    "G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P",
    "H",
];
const JAMO_V: [&str; 21] = [
    "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE",
    "WI", "YU", "EU", "YI", "I",
];
const JAMO_T: [&str; 28] = [
    "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M",
    "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H",
];
const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_LAST: u32 = 0xD7A3;

/// CPython's `NAME_MAXLEN`: longer names are rejected before any search.
const NAME_MAXLEN: usize = 256;

fn u32_at(at: usize) -> u32 {
    NAMES_BIN
        .get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The parsed layout of `names.bin`.
struct Layout {
    words: usize,
    word_offsets: usize,
    lexicon: usize,
    checkpoints: usize,
    n_checkpoints: usize,
    stream: usize,
}

fn layout() -> Layout {
    let words = u32_at(0) as usize;
    let lex_len = u32_at(4) as usize;
    let n_checkpoints = u32_at(12) as usize;
    let word_offsets = 16;
    let lexicon = word_offsets + 4 * (words + 1);
    let checkpoints = lexicon + lex_len;
    let stream = checkpoints + 8 * n_checkpoints;
    Layout {
        words,
        word_offsets,
        lexicon,
        checkpoints,
        n_checkpoints,
        stream,
    }
}

impl Layout {
    fn word(&self, i: usize) -> &'static [u8] {
        if i >= self.words {
            return b"";
        }
        let a = u32_at(self.word_offsets + 4 * i) as usize;
        let b = u32_at(self.word_offsets + 4 * (i + 1)) as usize;
        NAMES_BIN
            .get(self.lexicon + a..self.lexicon + b)
            .unwrap_or(b"")
    }

    fn checkpoint(&self, i: usize) -> (u32, usize) {
        let at = self.checkpoints + 8 * i;
        (u32_at(at), self.stream + u32_at(at + 4) as usize)
    }
}

/// Reads one name entry at `pos`: returns its code point delta, its tokens and the next
/// position.
fn read_entry(pos: usize, tokens: &mut Vec<u16>) -> Option<(u32, usize)> {
    let mut pos = pos;
    let mut delta = 0u32;
    let mut shift = 0;
    loop {
        let b = *NAMES_BIN.get(pos)?;
        pos += 1;
        delta |= ((b & 0x7F) as u32) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            break;
        }
    }
    let n = *NAMES_BIN.get(pos)? as usize;
    pos += 1;
    tokens.clear();
    for _ in 0..n {
        let b = *NAMES_BIN.get(pos)?;
        if b < 0x80 {
            tokens.push(b as u16);
            pos += 1;
        } else {
            let lo = *NAMES_BIN.get(pos + 1)?;
            tokens.push(((b as u16 & 0x7F) << 8) | lo as u16);
            pos += 2;
        }
    }
    Some((delta, pos))
}

fn render(l: &Layout, tokens: &[u16]) -> String {
    let mut s = String::new();
    for (i, &t) in tokens.iter().enumerate() {
        s.push_str(std::str::from_utf8(l.word(t as usize / 2)).unwrap_or(""));
        if i + 1 < tokens.len() {
            s.push(if t & 1 == 1 { '-' } else { ' ' });
        }
    }
    s
}

/// `unicodedata.name(chr(cp))`, or `None` if the code point has no name.
pub fn name(cp: u32) -> Option<String> {
    if (HANGUL_FIRST..=HANGUL_LAST).contains(&cp) {
        let s = cp - HANGUL_FIRST;
        let (l, v, t) = (s / 588, (s % 588) / 28, s % 28);
        return Some(format!(
            "HANGUL SYLLABLE {}{}{}",
            JAMO_L[l as usize], JAMO_V[v as usize], JAMO_T[t as usize]
        ));
    }
    for &(prefix, first, last) in ALGORITHMIC_NAMES.iter() {
        if (first..=last).contains(&cp) {
            return Some(format!("{prefix}{cp:04X}"));
        }
    }
    // Unassigned, private-use, surrogate and control code points have no names.
    if matches!(super::category(cp), "Cn" | "Co" | "Cs" | "Cc") {
        return None;
    }
    let l = layout();
    // The last checkpoint at or before `cp`.
    let (mut lo, mut hi) = (0, l.n_checkpoints);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if l.checkpoint(mid).0 <= cp {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if lo == 0 {
        return None;
    }
    let (mut cur, mut pos) = l.checkpoint(lo - 1);
    let mut tokens = Vec::with_capacity(16);
    for _ in 0..32 {
        let (delta, next) = read_entry(pos, &mut tokens)?;
        cur += delta;
        if cur == cp {
            return Some(render(&l, &tokens));
        }
        if cur > cp {
            return None;
        }
        pos = next;
        if pos >= NAMES_BIN.len() {
            return None;
        }
    }
    None
}

/// Longest-match parse of one Hangul jamo column (CPython's `find_syllable`).
fn find_jamo(s: &[u8], column: &[&str]) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, j) in column.iter().enumerate() {
        if s.starts_with(j.as_bytes()) && best.is_none_or(|(_, len)| j.len() > len) {
            best = Some((i, j.len()));
        }
    }
    best
}

fn lookup_hangul(rest: &[u8]) -> Option<u32> {
    let (l, a) = find_jamo(rest, &JAMO_L)?;
    let (v, b) = find_jamo(&rest[a..], &JAMO_V)?;
    let (t, c) = find_jamo(&rest[a + b..], &JAMO_T)?;
    (a + b + c == rest.len()).then(|| HANGUL_FIRST + (l as u32 * 21 + v as u32) * 28 + t as u32)
}

fn undefined(name: &str) -> FormatError {
    FormatError::new(
        ExcKind::KeyError,
        format!("undefined character name '{name}'"),
    )
}

/// `unicodedata.lookup(name)`: the code point, or CPython's KeyError.
pub fn lookup(name: &str) -> FmtResult<u32> {
    if name.len() > NAME_MAXLEN {
        return Err(FormatError::new(ExcKind::KeyError, "name too long"));
    }
    lookup_cp(name, true).ok_or_else(|| undefined(name))
}

/// `lookup` without formal aliases (`unicodedata.ucd_3_2_0.lookup`).
pub fn lookup_no_alias(name: &str) -> FmtResult<u32> {
    if name.len() > NAME_MAXLEN {
        return Err(FormatError::new(ExcKind::KeyError, "name too long"));
    }
    lookup_cp(name, false).ok_or_else(|| undefined(name))
}

fn lookup_cp(name: &str, aliases: bool) -> Option<u32> {
    if !name.is_ascii() || name.is_empty() {
        return None;
    }
    let upper = name.to_ascii_uppercase();
    let ub = upper.as_bytes();
    if let Some(rest) = ub.strip_prefix(b"HANGUL SYLLABLE ") {
        if let Some(cp) = lookup_hangul(rest) {
            return Some(cp);
        }
    }
    for &(prefix, first, last) in ALGORITHMIC_NAMES.iter().chain(LOOKUP_ONLY_NAMES.iter()) {
        if let Some(hex) = upper.strip_prefix(prefix) {
            if (4..=5).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                if let Ok(cp) = u32::from_str_radix(hex, 16) {
                    // As CPython: exactly 4 digits in the BMP, 5 above (no leading zeros).
                    let digits = if cp < 0x10000 { 4 } else { 5 };
                    if (first..=last).contains(&cp) && hex.len() == digits {
                        return Some(cp);
                    }
                }
            }
        }
    }
    if aliases {
        if let Some(&(_, cp)) = NAME_ALIASES.iter().find(|(a, _)| *a == upper) {
            return Some(cp);
        }
    }
    scan_names(ub)
}

/// Finds `name` (uppercase ASCII) among the explicit names: its words are mapped to
/// lexicon numbers first (an unknown word ends the search), then names are compared as
/// token lists.
fn scan_names(name: &[u8]) -> Option<u32> {
    let l = layout();
    let mut want: Vec<u16> = Vec::new();
    let mut start = 0;
    for (i, &b) in name
        .iter()
        .enumerate()
        .chain(std::iter::once((name.len(), &b' ')))
    {
        if b == b' ' || b == b'-' {
            let word = &name[start..i];
            let idx = (0..l.words).find(|&w| l.word(w) == word)?;
            let hyphen = (i < name.len() && b == b'-') as u16;
            want.push(idx as u16 * 2 + hyphen);
            start = i + 1;
        }
    }
    // Walk the stream without materializing entries: compare tokens as they are read.
    let mut pos = l.stream;
    let mut cur = 0u32;
    let mut c = 0;
    while pos < NAMES_BIN.len() {
        if c < l.n_checkpoints && pos == l.checkpoint(c).1 {
            cur = l.checkpoint(c).0;
            c += 1;
        }
        let mut delta = 0u32;
        let mut shift = 0;
        loop {
            let b = *NAMES_BIN.get(pos)?;
            pos += 1;
            delta |= ((b & 0x7F) as u32) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
        }
        cur += delta;
        let n = *NAMES_BIN.get(pos)? as usize;
        pos += 1;
        let mut same = n == want.len();
        for i in 0..n {
            // Every token is read, matching or not, to find the next entry.
            let b = *NAMES_BIN.get(pos)?;
            let t = if b < 0x80 {
                pos += 1;
                b as u16
            } else {
                pos += 2;
                ((b as u16 & 0x7F) << 8) | *NAMES_BIN.get(pos - 1)? as u16
            };
            same = same && want.get(i) == Some(&t);
        }
        if same {
            return Some(cur);
        }
    }
    None
}
