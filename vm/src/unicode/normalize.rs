//! `unicodedata.normalize()` and `is_normalized()`: NFC, NFD, NFKC, NFKD (UAX #15).
//!
//! Decompositions and combining classes come from the generated tables; the composition
//! pairs are the canonical decompositions of length two that CPython's NFC recomposes
//! (so exclusions and singletons are already left out); Hangul syllables are composed
//! and decomposed arithmetically. The `unicode-normalization` crate was not used: it
//! implements Unicode 18, CPython 3.14 is on 16.0.

// `u32::is_multiple_of` needs Rust 1.87; the workspace's MSRV is 1.85.
#![allow(clippy::manual_is_multiple_of)]

use super::{combining, decomposition_mapping, tables::COMPOSITIONS};
use crate::text::{FmtResult, FormatError};

/// A normalization form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Nfc,
    Nfd,
    Nfkc,
    Nfkd,
}

impl Form {
    /// Parses a form name; ValueError "invalid normalization form" otherwise.
    pub fn from_name(s: &str) -> FmtResult<Form> {
        match s {
            "NFC" => Ok(Form::Nfc),
            "NFD" => Ok(Form::Nfd),
            "NFKC" => Ok(Form::Nfkc),
            "NFKD" => Ok(Form::Nfkd),
            _ => Err(FormatError::value("invalid normalization form")),
        }
    }
}

const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// One level of decomposition of `cp` (Hangul arithmetically), or `cp` itself.
pub(crate) fn decompose_one(cp: u32, compat: bool, out: &mut Vec<u32>) {
    if (S_BASE..S_BASE + S_COUNT).contains(&cp) {
        let s = cp - S_BASE;
        out.push(L_BASE + s / N_COUNT);
        out.push(V_BASE + (s % N_COUNT) / T_COUNT);
        if s % T_COUNT != 0 {
            out.push(T_BASE + s % T_COUNT);
        }
        return;
    }
    match decomposition_mapping(cp) {
        Some((tag, cps)) if tag.is_none() || compat => out.extend_from_slice(cps),
        _ => out.push(cp),
    }
}

fn decompose_into(cp: u32, compat: bool, out: &mut Vec<u32>) {
    let start = out.len();
    decompose_one(cp, compat, out);
    if out.len() == start + 1 && out[start] == cp {
        return;
    }
    let produced: Vec<u32> = out.drain(start..).collect();
    for c in produced {
        decompose_into(c, compat, out);
    }
}

/// Canonical ordering: a stable sort of each run of non-starters by combining class.
pub(crate) fn canonical_order(out: &mut [u32]) {
    let mut i = 0;
    while i < out.len() {
        if combining(out[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < out.len() && combining(out[i]) != 0 {
            i += 1;
        }
        out[start..i].sort_by_key(|&c| combining(c));
    }
}

/// Full decomposition followed by canonical ordering.
fn decompose(s: &[u32], compat: bool) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        decompose_into(c, compat, &mut out);
    }
    canonical_order(&mut out);
    out
}

fn compose_pair(a: u32, b: u32) -> Option<u32> {
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        return Some(S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a)
        && (a - S_BASE) % T_COUNT == 0
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&b)
    {
        return Some(a + (b - T_BASE));
    }
    COMPOSITIONS
        .binary_search_by(|&(x, y, _)| (x, y).cmp(&(a, b)))
        .ok()
        .map(|i| COMPOSITIONS[i].2)
}

/// Canonical composition of a decomposed, canonically ordered string.
pub(crate) fn compose(s: Vec<u32>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(s.len());
    let mut starter: Option<usize> = None;
    let mut last_ccc: i32 = -1;
    for c in s {
        let ccc = combining(c) as i32;
        if let Some(si) = starter {
            // Not blocked: nothing between, or everything between has a lower class.
            let unblocked = last_ccc == -1 || (last_ccc != 0 && last_ccc < ccc);
            if unblocked {
                if let Some(comp) = compose_pair(out[si], c) {
                    out[si] = comp;
                    continue;
                }
            }
        }
        if ccc == 0 {
            starter = Some(out.len());
            last_ccc = -1;
        } else {
            last_ccc = ccc;
        }
        out.push(c);
    }
    out
}

/// `unicodedata.normalize(form, s)`.
pub fn normalize(form: Form, s: &[u32]) -> Vec<u32> {
    match form {
        Form::Nfd => decompose(s, false),
        Form::Nfkd => decompose(s, true),
        Form::Nfc => compose(decompose(s, false)),
        Form::Nfkc => compose(decompose(s, true)),
    }
}

/// `unicodedata.is_normalized(form, s)`.
pub fn is_normalized(form: Form, s: &[u32]) -> bool {
    normalize(form, s) == s
}
