//! Shared helpers for the differential tests: reading CPython-written TSV vectors.
#![allow(dead_code)]

use vm::text::{FormatError, Wtf8Buf};

/// Decodes Python's `unicode_escape` text into code points.
pub fn unescape(s: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c as u32);
            continue;
        }
        let n = match it.next() {
            Some('x') => 2,
            Some('u') => 4,
            Some('U') => 8,
            Some('t') => {
                out.push(9);
                continue;
            }
            Some('n') => {
                out.push(10);
                continue;
            }
            Some('r') => {
                out.push(13);
                continue;
            }
            Some(o) => {
                out.push(o as u32);
                continue;
            }
            None => break,
        };
        let hex: String = (0..n).filter_map(|_| it.next()).collect();
        out.push(u32::from_str_radix(&hex, 16).expect("bad escape in vector file"));
    }
    out
}

pub fn wtf8(cps: &[u32]) -> Wtf8Buf {
    let mut b = Wtf8Buf::new();
    for &c in cps {
        b.push_code_point(c);
    }
    b
}

pub fn cps(w: &Wtf8Buf) -> Vec<u32> {
    w.code_points().collect()
}

pub fn f64_bits(s: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(s, 16).expect("bad float bits"))
}

/// Renders a result the way the vector files write it.
pub fn show(r: &Result<Vec<u32>, FormatError>) -> Vec<u32> {
    match r {
        Ok(v) => v.clone(),
        Err(e) => format!("!{}: {}", e.kind.name(), e.message)
            .chars()
            .map(u32::from)
            .collect(),
    }
}

pub fn lossy(v: &[u32]) -> String {
    v.iter()
        .map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}'))
        .collect()
}

/// Runs `check` over the lines of a data file; prints failures and `N passed, M failed`.
pub struct Tally {
    name: &'static str,
    pub passed: usize,
    pub failed: usize,
}

impl Tally {
    pub fn new(name: &'static str) -> Self {
        Tally {
            name,
            passed: 0,
            failed: 0,
        }
    }
    pub fn check(&mut self, ctx: &str, got: &[u32], want: &[u32]) {
        if got == want {
            self.passed += 1;
        } else {
            self.failed += 1;
            if self.failed <= 30 {
                eprintln!(
                    "FAIL {}: {ctx}\n   got  {:?}\n   want {:?}",
                    self.name,
                    lossy(got),
                    lossy(want)
                );
            }
        }
    }
    pub fn finish(self) {
        println!(
            "{}: {} passed, {} failed",
            self.name, self.passed, self.failed
        );
        eprintln!(
            "{}: {} passed, {} failed",
            self.name, self.passed, self.failed
        );
        assert_eq!(self.failed, 0, "{}: {} failures", self.name, self.failed);
    }
}

pub fn data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}
