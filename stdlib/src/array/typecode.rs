//! The array type codes: item size, how a Python value becomes an item's bytes (with
//! CPython's exact conversion errors) and back, and the machine format codes of pickling.
//!
//! Items are stored in native byte order, `size` bytes each, as CPython's `arraymodule.c`
//! does; 'u' and 'w' both hold UCS-4 code points (wchar_t is 4 bytes on Linux).

use vm::errors::PyResult;
use vm::objects::float::PyFloat;
use vm::objects::int::{as_int, IntVal};
use vm::objects::str::PyStr;
use vm::protocols;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// What an item is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Signed,
    Unsigned,
    Float,
    Char,
}

/// One type code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct TypeCode {
    pub code: u8,
    pub size: usize,
    pub kind: Kind,
}

const fn tc(code: u8, size: usize, kind: Kind) -> TypeCode {
    TypeCode { code, size, kind }
}

/// Every type code, in `array.typecodes` order.
pub(crate) const ALL: [TypeCode; 14] = [
    tc(b'b', 1, Kind::Signed),
    tc(b'B', 1, Kind::Unsigned),
    tc(b'u', 4, Kind::Char),
    tc(b'w', 4, Kind::Char),
    tc(b'h', 2, Kind::Signed),
    tc(b'H', 2, Kind::Unsigned),
    tc(b'i', 4, Kind::Signed),
    tc(b'I', 4, Kind::Unsigned),
    tc(b'l', 8, Kind::Signed),
    tc(b'L', 8, Kind::Unsigned),
    tc(b'q', 8, Kind::Signed),
    tc(b'Q', 8, Kind::Unsigned),
    tc(b'f', 4, Kind::Float),
    tc(b'd', 8, Kind::Float),
];

/// One item, decoded.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Item {
    I(i64),
    U(u64),
    F(f64),
    C(u32),
}

impl Item {
    /// Total order for same-kind items (floats use IEEE partial order; NaN is "unordered").
    pub fn partial_cmp(&self, o: &Item) -> Option<std::cmp::Ordering> {
        match (self, o) {
            (Item::I(a), Item::I(b)) => Some(a.cmp(b)),
            (Item::U(a), Item::U(b)) => Some(a.cmp(b)),
            (Item::C(a), Item::C(b)) => Some(a.cmp(b)),
            (Item::F(a), Item::F(b)) => a.partial_cmp(b),
            _ => None,
        }
    }
}

impl TypeCode {
    pub fn from_char(c: u32) -> Option<TypeCode> {
        ALL.iter().copied().find(|t| t.code as u32 == c)
    }

    pub fn is_unicode(self) -> bool {
        self.kind == Kind::Char
    }

    pub fn name(self) -> char {
        self.code as char
    }

    /// The struct-module format a memoryview of the array shows (CPython shows 'w' for both
    /// unicode codes).
    pub fn buffer_code(self) -> u8 {
        if self.is_unicode() {
            b'w'
        } else {
            self.code
        }
    }

    /// Decodes one item from exactly `size` native-order bytes.
    pub fn load(self, raw: &[u8]) -> Item {
        let mut buf = [0u8; 8];
        let n = raw.len().min(8);
        // Native order: the item's bytes are the low-order end of the 8-byte word.
        if cfg!(target_endian = "little") {
            buf[..n].copy_from_slice(&raw[..n]);
        } else {
            buf[8 - n..].copy_from_slice(&raw[..n]);
        }
        let u = u64::from_ne_bytes(buf);
        match self.kind {
            Kind::Signed => {
                let shift = 64 - 8 * self.size as u32;
                Item::I(((u << shift) as i64) >> shift)
            }
            Kind::Unsigned => Item::U(u),
            Kind::Char => Item::C(u as u32),
            Kind::Float if self.size == 4 => Item::F(f32::from_bits(u as u32) as f64),
            Kind::Float => Item::F(f64::from_bits(u)),
        }
    }

    /// Encodes one item into `out` (exactly `size` bytes, native order).
    pub fn store(self, it: Item, out: &mut [u8]) {
        let bits: u64 = match it {
            Item::I(x) => x as u64,
            Item::U(x) => x,
            Item::C(c) => c as u64,
            Item::F(x) if self.size == 4 => (x as f32).to_bits() as u64,
            Item::F(x) => x.to_bits(),
        };
        let bytes = bits.to_ne_bytes();
        if cfg!(target_endian = "little") {
            out.copy_from_slice(&bytes[..self.size]);
        } else {
            out.copy_from_slice(&bytes[8 - self.size..]);
        }
    }

    /// The Python value of an item.
    pub fn to_value(self, ts: &ThreadState, it: Item) -> PyResult<Value> {
        Ok(match it {
            Item::I(x) => ts.new_int(x),
            Item::U(x) => match i64::try_from(x) {
                Ok(x) => ts.new_int(x),
                Err(_) => ts.new_bigint(x.into()),
            },
            Item::F(x) => ts.new_float(x),
            Item::C(c) => {
                if c > 0x10ffff {
                    return Err(ts.value_error("chr() arg not in range(0x110000)"));
                }
                ts.new_str_from_cps(&[c])
            }
        })
    }

    /// Converts a Python value to an item, with CPython's errors for this code (`arraymodule.c`
    /// parses most integer codes through a wider C type first, so an int out of that wider
    /// range reports the wider type).
    pub fn item_from(self, ts: &ThreadState, v: &Value) -> PyResult<Item> {
        match self.kind {
            Kind::Float => float_arg(ts, v).map(Item::F),
            Kind::Char => char_arg(ts, v).map(Item::C),
            Kind::Signed | Kind::Unsigned => self.int_item(ts, v),
        }
    }

    fn int_item(self, ts: &ThreadState, v: &Value) -> PyResult<Item> {
        let ovf = |what: &str, big: bool| {
            let dir = if big {
                "greater than maximum"
            } else {
                "less than minimum"
            };
            ts.overflow_error(format!("{what} is {dir}"))
        };
        let range = |x: i64, lo: i64, hi: i64, what: &str| {
            if x < lo {
                Err(ovf(what, false))
            } else if x > hi {
                Err(ovf(what, true))
            } else {
                Ok(x)
            }
        };
        let i = protocols::index(ts, v)?;
        let Some(n) = as_int(&i) else {
            return Err(ts.type_error("an integer is required"));
        };
        match self.code {
            b'I' | b'L' => {
                if is_negative(n) {
                    return Err(ts.overflow_error("can't convert negative value to unsigned int"));
                }
                let x = to_u64(n).ok_or_else(|| {
                    ts.overflow_error("Python int too large to convert to C unsigned long")
                })?;
                if self.code == b'I' && x > u32::MAX as u64 {
                    return Err(ovf("unsigned int", true));
                }
                Ok(Item::U(x))
            }
            b'q' => to_i64(n)
                .map(Item::I)
                .ok_or_else(|| ts.overflow_error("int too big to convert")),
            b'Q' => {
                if is_negative(n) {
                    return Err(ts.overflow_error("can't convert negative int to unsigned"));
                }
                to_u64(n)
                    .map(Item::U)
                    .ok_or_else(|| ts.overflow_error("int too big to convert"))
            }
            _ => {
                let x = to_i64(n).ok_or_else(|| {
                    ts.overflow_error("Python int too large to convert to C long")
                })?;
                const SHORT: (i64, i64) = (i16::MIN as i64, i16::MAX as i64);
                const INT: (i64, i64) = (i32::MIN as i64, i32::MAX as i64);
                match self.code {
                    b'b' => {
                        range(x, SHORT.0, SHORT.1, "signed short integer")?;
                        range(x, -128, 127, "signed char").map(Item::I)
                    }
                    b'B' => range(x, 0, 255, "unsigned byte integer").map(|x| Item::U(x as u64)),
                    b'h' => range(x, SHORT.0, SHORT.1, "signed short integer").map(Item::I),
                    b'H' => {
                        range(x, INT.0, INT.1, "signed integer")?;
                        range(x, 0, 65535, "unsigned short").map(|x| Item::U(x as u64))
                    }
                    b'i' => range(x, INT.0, INT.1, "signed integer").map(Item::I),
                    _ => Ok(Item::I(x)),
                }
            }
        }
    }

    /// CPython's `enum machine_format_code` value of this code on this machine.
    pub fn mformat(self) -> i64 {
        let le = cfg!(target_endian = "little");
        let endian = if le { 0 } else { 1 };
        match (self.kind, self.size) {
            (Kind::Unsigned, 1) => 0,
            (Kind::Signed, 1) => 1,
            (Kind::Unsigned, 2) => 2 + endian,
            (Kind::Signed, 2) => 4 + endian,
            (Kind::Unsigned, 4) => 6 + endian,
            (Kind::Signed, 4) => 8 + endian,
            (Kind::Unsigned, _) => 10 + endian,
            (Kind::Signed, _) => 12 + endian,
            (Kind::Float, 4) => 14 + endian,
            (Kind::Float, _) => 16 + endian,
            (Kind::Char, _) => 20 + endian,
        }
    }
}

fn is_negative(n: IntVal<'_>) -> bool {
    match n {
        IntVal::Small(x) => x < 0,
        IntVal::Big(b) => b.sign() == num_bigint::Sign::Minus,
    }
}

fn to_i64(n: IntVal<'_>) -> Option<i64> {
    match n {
        IntVal::Small(x) => Some(x),
        IntVal::Big(b) => i64::try_from(b).ok(),
    }
}

fn to_u64(n: IntVal<'_>) -> Option<u64> {
    match n {
        IntVal::Small(x) => u64::try_from(x).ok(),
        IntVal::Big(b) => u64::try_from(b).ok(),
    }
}

/// `PyFloat_AsDouble` with the array module's "must be real number" error.
fn float_arg(ts: &ThreadState, v: &Value) -> PyResult<f64> {
    if let Some(f) = v.downcast::<PyFloat>() {
        return Ok(f.v);
    }
    if let Some(i) = as_int(v) {
        return vm::objects::int::int_to_f64(ts, i);
    }
    let slots = &v.class().slots;
    if slots.float.is_set() || slots.index.is_set() {
        return protocols::to_float(ts, v);
    }
    Err(ts.type_error(format!("must be real number, not {}", v.class().name())))
}

/// A str of length 1, as a code point.
fn char_arg(ts: &ThreadState, v: &Value) -> PyResult<u32> {
    let Some(s) = v.downcast::<PyStr>() else {
        return Err(ts.type_error(format!(
            "array item must be a unicode character, not {}",
            v.class().name()
        )));
    };
    match s.to_cps().as_slice() {
        [c] => Ok(*c),
        cps => Err(ts.type_error(format!(
            "array item must be a unicode character, not a string of length {}",
            cps.len()
        ))),
    }
}
