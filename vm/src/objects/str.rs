//! `str`: immutable text in PEP 393-like compact storage.
//!
//! A `PyStr` stores its code points in the narrowest unit that holds them all: 1 byte
//! (Latin-1), 2 bytes (UCS-2) or 4 bytes (UCS-4), so indexing is O(1). Lone surrogates are
//! ordinary code points. The unit width is canonical (always the narrowest), so two equal
//! strings have equal bytes and compare with `memcmp` (DESIGN: str-canonical-kind). The hash is
//! CPython's (SipHash-1-3 over those bytes, key 0 as with `PYTHONHASHSEED=0`), cached.
//!
//! Python methods live in `str_methods.rs`.

use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::runtime::types;
use crate::text::Wtf8Buf;
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::OnceLock;

/// A Python `str`.
pub struct PyStr {
    /// Cached hash; `-1` = not computed yet.
    hash: AtomicI64,
    len: usize,
    /// Bytes per code point: 1, 2 or 4.
    kind: u8,
    ascii: bool,
    data: StrBytes,
}

/// Bytes of inline storage: short strings (most keys, names, single characters and tokens)
/// live inside the object, so creating one is a single allocation.
const INLINE: usize = 22;

/// The code-unit bytes of a str: inline when short, else one heap block.
enum StrBytes {
    Inline { n: u8, buf: [u8; INLINE] },
    Heap(Box<[u8]>),
}

impl StrBytes {
    #[inline]
    fn as_slice(&self) -> &[u8] {
        match self {
            StrBytes::Inline { n, buf } => &buf[..*n as usize],
            StrBytes::Heap(b) => b,
        }
    }

    fn from_slice(b: &[u8]) -> StrBytes {
        if b.len() <= INLINE {
            let mut buf = [0u8; INLINE];
            buf[..b.len()].copy_from_slice(b);
            StrBytes::Inline {
                n: b.len() as u8,
                buf,
            }
        } else {
            StrBytes::Heap(b.into())
        }
    }

    /// Exactly `nbytes` bytes from `it`.
    fn collect(nbytes: usize, it: impl Iterator<Item = u8>) -> StrBytes {
        if nbytes <= INLINE {
            let mut buf = [0u8; INLINE];
            let mut n = 0;
            for (dst, b) in buf.iter_mut().zip(it) {
                *dst = b;
                n += 1;
            }
            StrBytes::Inline { n: n as u8, buf }
        } else {
            StrBytes::Heap(it.collect())
        }
    }
}

impl PyPayload for PyStr {
    const GC: bool = false;
}

impl PyStr {
    pub const NAME: &str = "str";

    pub fn from_str(s: &str) -> PyStr {
        if s.is_ascii() {
            return PyStr {
                hash: AtomicI64::new(-1),
                len: s.len(),
                kind: 1,
                ascii: true,
                data: StrBytes::from_slice(s.as_bytes()),
            };
        }
        let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
        PyStr::from_cps(&cps)
    }

    /// From code points (surrogates allowed; values above U+10FFFF must not be passed).
    pub fn from_cps(cps: &[u32]) -> PyStr {
        let max = cps.iter().copied().max().unwrap_or(0);
        let n = cps.len();
        let (kind, data): (u8, StrBytes) = if max < 0x100 {
            (1, StrBytes::collect(n, cps.iter().map(|&c| c as u8)))
        } else if max < 0x10000 {
            (
                2,
                StrBytes::collect(2 * n, cps.iter().flat_map(|&c| (c as u16).to_ne_bytes())),
            )
        } else {
            (
                4,
                StrBytes::collect(4 * n, cps.iter().flat_map(|&c| c.to_ne_bytes())),
            )
        };
        PyStr {
            hash: AtomicI64::new(-1),
            len: n,
            kind,
            ascii: max < 0x80,
            data,
        }
    }

    /// From Latin-1 code units (each byte is one code point).
    pub fn from_latin1(b: &[u8]) -> PyStr {
        PyStr {
            hash: AtomicI64::new(-1),
            len: b.len(),
            kind: 1,
            ascii: b.is_ascii(),
            data: StrBytes::from_slice(b),
        }
    }

    /// Code points `start..end` (`start <= end <= len`) as a new str, in canonical form.
    pub fn substring(&self, start: usize, end: usize) -> PyStr {
        let k = self.kind as usize;
        let bytes = &self.data.as_slice()[start * k..end * k];
        if k == 1 {
            return PyStr {
                hash: AtomicI64::new(-1),
                len: end - start,
                kind: 1,
                ascii: self.ascii || bytes.is_ascii(),
                data: StrBytes::from_slice(bytes),
            };
        }
        let max = (start..end).map(|i| self.char_at(i)).max().unwrap_or(0);
        let need = if max < 0x100 {
            1
        } else if max < 0x10000 {
            2
        } else {
            4
        };
        if need == k {
            return PyStr {
                hash: AtomicI64::new(-1),
                len: end - start,
                kind: self.kind,
                ascii: false,
                data: StrBytes::from_slice(bytes),
            };
        }
        let cps: Vec<u32> = (start..end).map(|i| self.char_at(i)).collect();
        PyStr::from_cps(&cps)
    }

    /// `a + b`, built from the unit bytes (widened to the wider kind, which keeps the result
    /// canonical: the wider operand has a code point that needs it).
    pub fn concat(a: &PyStr, b: &PyStr) -> PyStr {
        let kind = a.kind.max(b.kind);
        let len = a.len + b.len;
        let ascii = a.ascii && b.ascii;
        let data = if a.kind == b.kind {
            let (x, y) = (a.data.as_slice(), b.data.as_slice());
            StrBytes::collect(x.len() + y.len(), x.iter().chain(y.iter()).copied())
        } else {
            let cps = a.cps().chain(b.cps());
            let k = kind as usize;
            match kind {
                2 => StrBytes::collect(len * k, cps.flat_map(|c| (c as u16).to_ne_bytes())),
                _ => StrBytes::collect(len * k, cps.flat_map(|c| c.to_ne_bytes())),
            }
        };
        PyStr {
            hash: AtomicI64::new(-1),
            len,
            kind,
            ascii,
            data,
        }
    }

    pub fn from_wtf8(w: &Wtf8Buf) -> PyStr {
        match w.as_str() {
            Some(s) => PyStr::from_str(s),
            None => PyStr::from_cps(&w.code_points().collect::<Vec<_>>()),
        }
    }

    /// Bytes per code point (1, 2 or 4).
    #[inline]
    pub fn kind(&self) -> u8 {
        self.kind
    }

    /// The code units as raw bytes (`len * kind` of them, native endian).
    #[inline]
    pub fn raw_bytes(&self) -> &[u8] {
        self.data.as_slice()
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// The text as `&str` when it is ASCII (the common case for identifiers and keys).
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        if self.ascii {
            // SAFETY: `ascii` is set only when every byte is below 0x80, which is valid UTF-8.
            Some(unsafe { std::str::from_utf8_unchecked(self.data.as_slice()) })
        } else {
            None
        }
    }

    /// Code point `i` (`i < len`).
    #[inline]
    pub fn char_at(&self, i: usize) -> u32 {
        let d = self.data.as_slice();
        match self.kind {
            1 => d[i] as u32,
            2 => u16::from_ne_bytes([d[2 * i], d[2 * i + 1]]) as u32,
            _ => u32::from_ne_bytes([d[4 * i], d[4 * i + 1], d[4 * i + 2], d[4 * i + 3]]),
        }
    }

    pub fn cps(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len).map(move |i| self.char_at(i))
    }

    pub fn to_cps(&self) -> Vec<u32> {
        let d = self.data.as_slice();
        match self.kind {
            1 => d.iter().map(|&b| b as u32).collect(),
            2 => d
                .chunks_exact(2)
                .map(|c| u16::from_ne_bytes([c[0], c[1]]) as u32)
                .collect(),
            _ => d
                .chunks_exact(4)
                .map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        }
    }

    /// The text as a Rust `String`; lone surrogates become U+FFFD.
    pub fn to_string_lossy(&self) -> String {
        if let Some(s) = self.as_str() {
            return s.to_string();
        }
        self.cps()
            .map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
            .collect()
    }

    pub fn to_wtf8(&self) -> Wtf8Buf {
        if let Some(s) = self.as_str() {
            return Wtf8Buf::from(s);
        }
        let mut w = Wtf8Buf::with_capacity(self.len);
        for c in self.cps() {
            w.push_code_point(c);
        }
        w
    }

    /// Content equality (canonical kinds make this a byte comparison).
    #[inline]
    pub fn eq_str(&self, other: &PyStr) -> bool {
        self.len == other.len
            && self.kind == other.kind
            && self.data.as_slice() == other.data.as_slice()
    }

    pub fn cmp_str(&self, other: &PyStr) -> std::cmp::Ordering {
        if self.kind == 1 && other.kind == 1 {
            return self.data.as_slice().cmp(other.data.as_slice());
        }
        self.cps().cmp(other.cps())
    }

    /// CPython's str hash.
    #[inline]
    pub fn hash(&self) -> i64 {
        // ORDERING: Relaxed: the hash is a pure function of immutable data; racing threads
        // store the same value.
        let h = self.hash.load(Ordering::Relaxed);
        if h != -1 {
            return h;
        }
        let h = if self.len == 0 {
            0
        } else {
            let x = siphash13(0, 0, self.data.as_slice()) as i64;
            if x == -1 {
                -2
            } else {
                x
            }
        };
        // ORDERING: Relaxed: see above.
        self.hash.store(h, Ordering::Relaxed);
        h
    }

    /// Whether `needle` occurs at code point offset `at`.
    pub fn matches_at(&self, needle: &PyStr, at: usize) -> bool {
        if at + needle.len > self.len {
            return false;
        }
        (0..needle.len).all(|j| self.char_at(at + j) == needle.char_at(j))
    }
}

/// SipHash-1-3 (CPython's `Python/pyhash.c`).
pub fn siphash13(k0: u64, k1: u64, src: &[u8]) -> u64 {
    let mut b: u64 = (src.len() as u64) << 56;
    let mut v0 = k0 ^ 0x736f6d6570736575;
    let mut v1 = k1 ^ 0x646f72616e646f6d;
    let mut v2 = k0 ^ 0x6c7967656e657261;
    let mut v3 = k1 ^ 0x7465646279746573;
    macro_rules! half {
        ($a:ident, $b:ident, $c:ident, $d:ident, $s:expr, $t:expr) => {
            $a = $a.wrapping_add($b);
            $c = $c.wrapping_add($d);
            $b = $b.rotate_left($s) ^ $a;
            $d = $d.rotate_left($t) ^ $c;
            $a = $a.rotate_left(32);
        };
    }
    macro_rules! round {
        () => {
            half!(v0, v1, v2, v3, 13, 16);
            half!(v2, v1, v0, v3, 17, 21);
        };
    }
    let mut chunks = src.chunks_exact(8);
    for c in &mut chunks {
        let mi = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        v3 ^= mi;
        round!();
        v0 ^= mi;
    }
    let mut t: u64 = 0;
    for (i, &byte) in chunks.remainder().iter().enumerate() {
        t |= (byte as u64) << (8 * i);
    }
    b |= t;
    v3 ^= b;
    round!();
    v0 ^= b;
    v2 ^= 0xff;
    round!();
    round!();
    round!();
    (v0 ^ v1) ^ (v2 ^ v3)
}

/// An immortal str (interned names, the empty str).
pub fn new_immortal_str(ts: &ThreadState, s: &str) -> Value {
    immortal_pystr(ts, PyStr::from_str(s))
}

fn immortal_pystr(ts: &ThreadState, s: PyStr) -> Value {
    let v = match crate::object::alloc(ts, types().str, s) {
        Ok(v) => v,
        Err(_) => std::process::abort(),
    };
    let r = v.to_obj().expect("str is an object");
    drop(v);
    let ok = r.immortalize(&ts.gc);
    debug_assert!(ok, "fresh str is unique");
    Value::from_obj(r)
}

/// The 256 one-character Latin-1 strs, immortal and shared (CPython's `LATIN1` singletons):
/// indexing and iterating text make one of these per character.
static LATIN1: OnceLock<Vec<Value>> = OnceLock::new();

/// Creates the one-character cache (bootstrap, after the str type exists).
pub(crate) fn init_char_cache(ts: &ThreadState) {
    let v = (0..=255u8)
        .map(|c| immortal_pystr(ts, PyStr::from_latin1(&[c])))
        .collect();
    let _ = LATIN1.set(v);
}

/// The shared immortal str of Latin-1 code point `c` (`None` for others, or during bootstrap
/// before the cache exists).
pub(crate) fn latin1_char(c: u32) -> Option<Value> {
    LATIN1.get()?.get(c as usize).cloned()
}

impl ThreadState {
    /// A new str.
    pub fn new_str(&self, s: &str) -> Value {
        match s.len() {
            0 => crate::runtime::empty_str(),
            1 => self.new_char(s.as_bytes()[0] as u32),
            2 => {
                let mut cs = s.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => self.new_char(c as u32),
                    _ => self.alloc_str(PyStr::from_str(s)),
                }
            }
            _ => self.alloc_str(PyStr::from_str(s)),
        }
    }

    pub fn new_str_from_cps(&self, cps: &[u32]) -> Value {
        match cps {
            [] => crate::runtime::empty_str(),
            [c] => self.new_char(*c),
            _ => self.alloc_str(PyStr::from_cps(cps)),
        }
    }

    /// The str of one code point (shared for Latin-1).
    #[inline]
    pub fn new_char(&self, c: u32) -> Value {
        if c < 0x100 {
            if let Some(t) = LATIN1.get() {
                return t[c as usize].clone();
            }
        }
        self.alloc_str(PyStr::from_cps(&[c]))
    }

    /// A str of Latin-1 code units (each byte one code point).
    pub fn new_str_latin1(&self, b: &[u8]) -> Value {
        match b {
            [] => crate::runtime::empty_str(),
            [c] => self.new_char(*c as u32),
            _ => self.alloc_str(PyStr::from_latin1(b)),
        }
    }

    /// `a + b` for two strs.
    pub fn new_str_concat(&self, a: &PyStr, b: &PyStr) -> Value {
        if a.len + b.len == 1 {
            let c = if a.len == 1 {
                a.char_at(0)
            } else {
                b.char_at(0)
            };
            return self.new_char(c);
        }
        self.alloc_str(PyStr::concat(a, b))
    }

    /// `s[start:end]` (code point offsets, `start <= end <= len`).
    pub fn new_substr(&self, s: &PyStr, start: usize, end: usize) -> Value {
        match end - start {
            0 => crate::runtime::empty_str(),
            1 => self.new_char(s.char_at(start)),
            _ => self.alloc_str(s.substring(start, end)),
        }
    }

    pub fn new_str_from_wtf8(&self, w: &Wtf8Buf) -> Value {
        if w.is_empty() {
            return crate::runtime::empty_str();
        }
        self.alloc_str(PyStr::from_wtf8(w))
    }

    fn alloc_str(&self, s: PyStr) -> Value {
        match crate::object::alloc(self, types().str, s) {
            Ok(v) => v,
            Err(_) => std::process::abort(),
        }
    }
}

/// The text of a str value, lossy (for messages); other values give their type name.
pub fn str_lossy(v: &Value) -> String {
    match v.downcast::<PyStr>() {
        Some(s) => s.to_string_lossy(),
        None => format!("<{}>", v.class().name()),
    }
}

/// `repr()` of a str, CPython's rules (quote choice, escapes, printable check).
pub fn repr_cps(cps: &[u32]) -> Vec<u32> {
    let has_sq = cps.contains(&('\'' as u32));
    let has_dq = cps.contains(&('"' as u32));
    let quote = if has_sq && !has_dq {
        '"' as u32
    } else {
        '\'' as u32
    };
    let mut out = Vec::with_capacity(cps.len() + 2);
    out.push(quote);
    for &c in cps {
        match c {
            _ if c == quote || c == '\\' as u32 => {
                out.push('\\' as u32);
                out.push(c);
            }
            0x09 => out.extend("\\t".chars().map(|c| c as u32)),
            0x0A => out.extend("\\n".chars().map(|c| c as u32)),
            0x0D => out.extend("\\r".chars().map(|c| c as u32)),
            0x20..=0x7E => out.push(c),
            _ if c < 0x80 => push_hex(&mut out, 'x', c, 2),
            _ if crate::unicode::is_printable(c) => out.push(c),
            _ if c < 0x100 => push_hex(&mut out, 'x', c, 2),
            _ if c < 0x10000 => push_hex(&mut out, 'u', c, 4),
            _ => push_hex(&mut out, 'U', c, 8),
        }
    }
    out.push(quote);
    out
}

fn push_hex(out: &mut Vec<u32>, k: char, c: u32, width: usize) {
    out.push('\\' as u32);
    out.push(k as u32);
    for ch in format!("{c:0width$x}").chars() {
        out.push(ch as u32);
    }
}

/// `ascii()`: `repr()` with non-ASCII escaped.
pub fn ascii_cps(cps: &[u32]) -> Vec<u32> {
    crate::text::printf::ascii_escape(&repr_cps(cps))
}

pub fn cps_to_string(cps: &[u32]) -> String {
    cps.iter()
        .map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}'))
        .collect()
}

pub fn str_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let s = v
        .downcast::<PyStr>()
        .ok_or_else(|| ts.type_error("expected str"))?;
    Ok(ts.new_str_from_cps(&repr_cps(&s.to_cps())))
}
