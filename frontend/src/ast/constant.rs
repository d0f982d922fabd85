//! Values of `ast.Constant` and the literal text they came from.
//!
//! Python `str` values may hold lone surrogates (`"\ud800"`), which Rust's `String`
//! cannot, so string constants are [`Wtf8Buf`]: UTF-8 extended to encode surrogate
//! code points with the usual 3-byte form (WTF-8). Valid text is plain UTF-8.

use num_bigint::BigInt;

/// A Python `str` value: WTF-8 bytes (UTF-8 plus lone surrogates).
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Wtf8Buf {
    bytes: Vec<u8>,
}

impl Wtf8Buf {
    pub fn new() -> Self {
        Wtf8Buf { bytes: Vec::new() }
    }

    pub fn with_capacity(n: usize) -> Self {
        Wtf8Buf {
            bytes: Vec::with_capacity(n),
        }
    }

    pub fn push_str(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub fn push_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }

    pub fn push_wtf8(&mut self, other: &Wtf8Buf) {
        self.bytes.extend_from_slice(&other.bytes);
    }

    /// Appends a code point, which may be a lone surrogate (U+D800..U+DFFF).
    /// Returns false (appending nothing) for values above U+10FFFF.
    pub fn push_code_point(&mut self, cp: u32) -> bool {
        if let Some(c) = char::from_u32(cp) {
            self.push_char(c);
            true
        } else if (0xD800..=0xDFFF).contains(&cp) {
            self.bytes.push(0xE0 | (cp >> 12) as u8);
            self.bytes.push(0x80 | ((cp >> 6) & 0x3F) as u8);
            self.bytes.push(0x80 | (cp & 0x3F) as u8);
            true
        } else {
            false
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Length in WTF-8 bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The text, when it holds no lone surrogate.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    /// The code points, surrogates included.
    pub fn code_points(&self) -> CodePoints<'_> {
        CodePoints {
            bytes: &self.bytes,
            pos: 0,
        }
    }

    /// Number of code points (Python's `len()`).
    pub fn char_len(&self) -> usize {
        self.bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
    }
}

impl From<&str> for Wtf8Buf {
    fn from(s: &str) -> Self {
        Wtf8Buf {
            bytes: s.as_bytes().to_vec(),
        }
    }
}

impl From<String> for Wtf8Buf {
    fn from(s: String) -> Self {
        Wtf8Buf {
            bytes: s.into_bytes(),
        }
    }
}

impl std::fmt::Debug for Wtf8Buf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::repr::str_repr(self))
    }
}

/// Iterator over the code points of a [`Wtf8Buf`].
pub struct CodePoints<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Iterator for CodePoints<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let b = &self.bytes[self.pos..];
        let first = *b.first()? as u32;
        let (cp, n) = if first < 0x80 {
            (first, 1)
        } else if first < 0xE0 {
            (((first & 0x1F) << 6) | (b[1] as u32 & 0x3F), 2)
        } else if first < 0xF0 {
            (
                ((first & 0x0F) << 12) | ((b[1] as u32 & 0x3F) << 6) | (b[2] as u32 & 0x3F),
                3,
            )
        } else {
            (
                ((first & 0x07) << 18)
                    | ((b[1] as u32 & 0x3F) << 12)
                    | ((b[2] as u32 & 0x3F) << 6)
                    | (b[3] as u32 & 0x3F),
                4,
            )
        };
        self.pos += n;
        Some(cp)
    }
}

/// A Python int constant: inline when it fits in an `i64`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Int {
    Small(i64),
    Big(Box<BigInt>),
}

impl Int {
    /// Normalizes: values that fit in an `i64` become `Small`.
    pub fn from_bigint(v: BigInt) -> Int {
        match i64::try_from(&v) {
            Ok(i) => Int::Small(i),
            Err(_) => Int::Big(Box::new(v)),
        }
    }

    pub fn to_bigint(&self) -> BigInt {
        match self {
            Int::Small(i) => BigInt::from(*i),
            Int::Big(b) => (**b).clone(),
        }
    }
}

impl std::fmt::Display for Int {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Int::Small(i) => write!(f, "{i}"),
            Int::Big(b) => write!(f, "{b}"),
        }
    }
}

/// The value of an `ast.Constant` (and, after folding, of a code object constant).
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    True,
    False,
    Ellipsis,
    Int(Int),
    Float(f64),
    /// `real + imag*j`; literals only ever produce `real == 0.0`.
    Complex {
        real: f64,
        imag: f64,
    },
    Str(Wtf8Buf),
    Bytes(Vec<u8>),
    /// Produced by constant folding in the compiler, never by the parser.
    Tuple(Vec<Constant>),
    /// Produced by constant folding (`x in {1, 2}`), never by the parser.
    FrozenSet(Vec<Constant>),
}

impl Constant {
    pub fn str(s: &str) -> Constant {
        Constant::Str(Wtf8Buf::from(s))
    }

    /// Python's `repr()` of the value, as `ast.dump` prints it.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        super::repr::constant_repr(self, &mut out);
        out
    }
}
