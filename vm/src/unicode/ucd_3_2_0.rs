//! `unicodedata.ucd_3_2_0`: the Unicode 3.2 database that `stringprep` and the `idna`
//! codec (RFC 3490/3491) require.
//!
//! Records come from CPython's own `ucd_3_2_0` object (`scripts/gen-vm-unicode.py`). As in
//! CPython, names, decompositions and normalization are today's data restricted to code
//! points assigned in 3.2, with five decomposition corrections; canonical ordering and
//! composition use today's tables.

use super::tables::{
    UCD32_BIDI_NAMES, UCD32_CATEGORY_NAMES, UCD32_EAW_NAMES, UCD32_INDEX1, UCD32_INDEX2,
    UCD32_NORMALIZATION_CHANGES, UCD32_NUMERIC_VALUES, UCD32_RECORDS, UCD32_SHIFT,
};
use super::{lookup2, names, normalize::Form, Ucd32Record};
use crate::text::FmtResult;

/// `unicodedata.ucd_3_2_0.unidata_version`.
pub const UNIDATA_VERSION: &str = "3.2.0";

fn record(cp: u32) -> &'static Ucd32Record {
    let cp = cp.min(0x10FFFF);
    &UCD32_RECORDS[lookup2(cp, UCD32_SHIFT, &UCD32_INDEX1, &UCD32_INDEX2)]
}

/// Whether the code point was assigned in Unicode 3.2.
pub fn is_assigned(cp: u32) -> bool {
    category(cp) != "Cn"
}

pub fn category(cp: u32) -> &'static str {
    UCD32_CATEGORY_NAMES[record(cp).category as usize]
}
pub fn bidirectional(cp: u32) -> &'static str {
    UCD32_BIDI_NAMES[record(cp).bidi as usize]
}
pub fn east_asian_width(cp: u32) -> &'static str {
    UCD32_EAW_NAMES[record(cp).east_asian_width as usize]
}
pub fn combining(cp: u32) -> u8 {
    record(cp).combining
}
pub fn mirrored(cp: u32) -> bool {
    record(cp).mirrored
}
pub fn decimal(cp: u32) -> Option<u32> {
    match record(cp).decimal {
        0xFF => None,
        d => Some(d as u32),
    }
}
pub fn digit(cp: u32) -> Option<u32> {
    match record(cp).digit {
        0xFF => None,
        d => Some(d as u32),
    }
}
pub fn numeric(cp: u32) -> Option<f64> {
    match record(cp).numeric {
        0 => None,
        i => Some(UCD32_NUMERIC_VALUES[i as usize]),
    }
}

/// `decomposition()`: today's mapping, empty for code points unassigned in 3.2.
pub fn decomposition(cp: u32) -> String {
    if is_assigned(cp) {
        super::decomposition(cp)
    } else {
        String::new()
    }
}

/// `name()`: today's name for code points assigned in 3.2.
pub fn name(cp: u32) -> Option<String> {
    if is_assigned(cp) {
        names::name(cp)
    } else {
        None
    }
}

/// `lookup()`: today's names without formal aliases. CPython does not check that the
/// character existed in 3.2 (`lookup('ADLAM CAPITAL LETTER BA')` succeeds).
pub fn lookup(name: &str) -> FmtResult<u32> {
    names::lookup_no_alias(name)
}

fn decompose_into(cp: u32, compat: bool, out: &mut Vec<u32>) {
    if !is_assigned(cp) {
        out.push(cp);
        return;
    }
    if let Some(&(_, to)) = UCD32_NORMALIZATION_CHANGES
        .iter()
        .find(|&&(from, _)| from == cp)
    {
        decompose_into(to, compat, out);
        return;
    }
    let start = out.len();
    super::normalize::decompose_one(cp, compat, out);
    // Each character of a decomposition goes through the same 3.2 checks.
    let produced: Vec<u32> = out.drain(start..).collect();
    if produced == [cp] {
        out.push(cp);
    } else {
        for c in produced {
            decompose_into(c, compat, out);
        }
    }
}

/// `normalize(form, s)` with 3.2 data.
pub fn normalize(form: Form, s: &[u32]) -> Vec<u32> {
    let compat = matches!(form, Form::Nfkc | Form::Nfkd);
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        decompose_into(c, compat, &mut out);
    }
    super::normalize::canonical_order(&mut out);
    match form {
        Form::Nfc | Form::Nfkc => super::normalize::compose(out),
        Form::Nfd | Form::Nfkd => out,
    }
}

/// `is_normalized(form, s)` with 3.2 data.
pub fn is_normalized(form: Form, s: &[u32]) -> bool {
    normalize(form, s) == s
}
