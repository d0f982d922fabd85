//! `_struct`: packing Python values into C structs and back (`pack`, `unpack`, `calcsize`,
//! `pack_into`, `unpack_from`, `iter_unpack`, `Struct`, `error`), as CPython's
//! `Modules/_struct.c`.
//!
//! A format is parsed into [`Item`]s once per call; `Struct` is a small Python class (made in
//! [`init`]) that keeps its format and calls these functions. Byte orders: `@` native with
//! alignment, `=` native order with standard sizes, `<`, `>` and `!` standard sizes.

use num_bigint::BigInt;
use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::{PyErr, PyResult};
use vm::objects::bytes::{bytes_data, new_bytes, PyByteArray};
use vm::objects::dict::PyDict;
use vm::objects::str::PyStr;
use vm::protocols;
use vm::runtime::{none, py_bool, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_module);

/// One format code with its repeat count, resolved to a size and offset.
struct Item {
    code: u8,
    count: usize,
    size: usize,
    offset: usize,
}

struct Format {
    items: Vec<Item>,
    size: usize,
    little: bool,
    native: bool,
}

fn struct_error(ts: &ThreadState, msg: impl AsRef<str>) -> PyErr {
    let cls = ts
        .rt
        .sys_modules()
        .downcast::<PyDict>()
        .and_then(|d| d.get_str(ts, "_struct"))
        .and_then(|m| protocols::get_attr_str(ts, &m, "error").ok());
    match cls {
        Some(c) => match protocols::call(ts, &c, &[ts.new_str(msg.as_ref())], None) {
            Ok(e) => PyErr::from_instance(e),
            Err(e) => e,
        },
        None => ts.value_error(msg),
    }
}

/// (size, alignment) of `code`; None if it is not a code of this mode.
fn code_size(code: u8, native: bool) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

fn parse_format(ts: &ThreadState, fmt: &Value) -> PyResult<Format> {
    let text = if let Some(s) = fmt.downcast::<PyStr>() {
        s.to_string_lossy().into_bytes()
    } else if let Some(b) = bytes_data(fmt) {
        b
    } else {
        return Err(ts.type_error(format!(
            "Struct() argument 1 must be a str or bytes object, not {}",
            fmt.class().name()
        )));
    };
    let (native, little, body) = match text.first() {
        Some(b'@') => (true, cfg!(target_endian = "little"), &text[1..]),
        Some(b'=') => (false, cfg!(target_endian = "little"), &text[1..]),
        Some(b'<') => (false, true, &text[1..]),
        Some(b'>') | Some(b'!') => (false, false, &text[1..]),
        _ => (true, cfg!(target_endian = "little"), &text[..]),
    };
    let mut items = Vec::new();
    let mut size = 0usize;
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count: Option<usize> = None;
        while i < body.len() && body[i].is_ascii_digit() {
            let d = (body[i] - b'0') as usize;
            count = Some(
                count
                    .unwrap_or(0)
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(d))
                    .ok_or_else(|| struct_error(ts, "total struct size too long"))?,
            );
            i += 1;
        }
        let Some(&code) = body.get(i) else {
            return Err(struct_error(
                ts,
                "repeat count given without format specifier",
            ));
        };
        i += 1;
        let sz =
            code_size(code, native).ok_or_else(|| struct_error(ts, "bad char in struct format"))?;
        let count = count.unwrap_or(1);
        if native && !matches!(code, b's' | b'p' | b'x' | b'c' | b'b' | b'B' | b'?') {
            size = size.div_ceil(sz) * sz;
        }
        items.push(Item {
            code,
            count,
            size: sz,
            offset: size,
        });
        let total = sz
            .checked_mul(count)
            .and_then(|n| n.checked_add(size))
            .ok_or_else(|| struct_error(ts, "total struct size too long"))?;
        size = total;
    }
    Ok(Format {
        items,
        size,
        little,
        native,
    })
}

impl Format {
    /// Number of values `pack` takes / `unpack` returns.
    fn nvalues(&self) -> usize {
        self.items
            .iter()
            .map(|it| match it.code {
                b'x' => 0,
                b's' | b'p' => 1,
                _ => it.count,
            })
            .sum()
    }
}

fn int_range_error(ts: &ThreadState, code: u8, size: usize, signed: bool) -> PyErr {
    let bits = size * 8;
    let (lo, hi): (i128, i128) = if signed {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    } else {
        (0, (1i128 << bits) - 1)
    };
    struct_error(
        ts,
        format!("'{}' format requires {lo} <= number <= {hi}", code as char),
    )
}

fn get_int(ts: &ThreadState, v: &Value) -> PyResult<BigInt> {
    if let Some(i) = vm::objects::int::as_int(v) {
        return Ok(i.to_big());
    }
    if v.class().lookup_str(ts, "__index__").is_some() {
        let i = protocols::index(ts, v)?;
        if let Some(i) = vm::objects::int::as_int(&i) {
            return Ok(i.to_big());
        }
    }
    Err(struct_error(ts, "required argument is not an integer"))
}

fn get_float(ts: &ThreadState, v: &Value) -> PyResult<f64> {
    if let Some(f) = vm::objects::float::as_float(v) {
        return Ok(f);
    }
    if vm::objects::int::as_int(v).is_some() || v.class().lookup_str(ts, "__float__").is_some() {
        return protocols::to_float(ts, v);
    }
    Err(struct_error(ts, "required argument is not a float"))
}

/// f64 to IEEE half precision (round half to even), or None on overflow.
fn to_half(x: f64) -> Option<u16> {
    let sign = if x.is_sign_negative() { 0x8000u16 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7E00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Some(sign | 0x7C00);
    }
    if a >= 65520.0 {
        return None;
    }
    if a < 6.103515625e-05 {
        // Subnormal: units of 2^-24.
        let m = (a * 16777216.0).round_ties_even() as u16;
        return Some(sign | m);
    }
    let e = a.log2().floor() as i32;
    let mut e = e.clamp(-14, 15);
    let mut m = (a / 2f64.powi(e) - 1.0) * 1024.0;
    m = m.round_ties_even();
    if m >= 1024.0 {
        m = 0.0;
        e += 1;
    }
    if e > 15 {
        return None;
    }
    Some(sign | (((e + 15) as u16) << 10) | m as u16)
}

fn from_half(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1F) as i32;
    let m = (h & 0x3FF) as f64;
    sign * match e {
        0 => m * 2f64.powi(-24),
        31 if m == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + m / 1024.0) * 2f64.powi(e - 15),
    }
}

fn put_bytes(out: &mut [u8], little: bool, bytes: &[u8]) {
    if little {
        out.copy_from_slice(bytes);
    } else {
        for (o, b) in out.iter_mut().zip(bytes.iter().rev()) {
            *o = *b;
        }
    }
}

fn pack_one(
    ts: &ThreadState,
    f: &Format,
    code: u8,
    size: usize,
    v: &Value,
    out: &mut [u8],
) -> PyResult<()> {
    match code {
        b'c' => match bytes_data(v) {
            Some(b) if b.len() == 1 && v.downcast::<PyByteArray>().is_none() => out[0] = b[0],
            _ => {
                return Err(struct_error(
                    ts,
                    "char format requires a bytes object of length 1",
                ))
            }
        },
        b'?' => out[0] = protocols::is_true(ts, v)? as u8,
        b'e' => {
            let x = get_float(ts, v)?;
            let h = to_half(x)
                .ok_or_else(|| ts.overflow_error("float too large to pack with e format"))?;
            put_bytes(out, f.little, &h.to_le_bytes());
        }
        b'f' => {
            let x = get_float(ts, v)?;
            let y = x as f32;
            if y.is_infinite() && x.is_finite() {
                return Err(ts.overflow_error("float too large to pack with f format"));
            }
            put_bytes(out, f.little, &y.to_le_bytes());
        }
        b'd' => put_bytes(out, f.little, &get_float(ts, v)?.to_le_bytes()),
        _ => {
            let signed = matches!(code, b'b' | b'h' | b'i' | b'l' | b'q' | b'n');
            let n = get_int(ts, v)?;
            let bits = size * 8;
            let ok = if signed {
                n >= -(BigInt::from(1) << (bits - 1)) && n < BigInt::from(1) << (bits - 1)
            } else {
                n >= BigInt::from(0) && n < BigInt::from(1) << bits
            };
            if !ok {
                return Err(int_range_error(ts, code, size, signed));
            }
            let mut le = n.to_signed_bytes_le();
            let fill = if n.sign() == num_bigint::Sign::Minus {
                0xFF
            } else {
                0
            };
            le.resize(size.max(le.len()), fill);
            put_bytes(out, f.little, &le[..size]);
        }
    }
    Ok(())
}

/// Packs `args` per `f` into `out` (of length `f.size`).
fn pack_values(
    ts: &ThreadState,
    f: &Format,
    args: &[Value],
    out: &mut [u8],
    what: &str,
) -> PyResult<()> {
    let n = f.nvalues();
    if args.len() != n {
        return Err(struct_error(
            ts,
            format!("{what} expected {n} items for packing (got {})", args.len()),
        ));
    }
    let mut ai = args.iter();
    for it in &f.items {
        match it.code {
            b'x' => {}
            b's' | b'p' => {
                let v = ai.next().cloned().unwrap_or_else(none);
                let b = match bytes_data(&v) {
                    Some(b) => b,
                    None => {
                        return Err(struct_error(
                            ts,
                            format!("argument for '{}' must be a bytes object", it.code as char),
                        ))
                    }
                };
                let dst = &mut out[it.offset..it.offset + it.count];
                if it.code == b's' {
                    let k = b.len().min(it.count);
                    dst[..k].copy_from_slice(&b[..k]);
                } else if it.count > 0 {
                    let k = b.len().min(it.count - 1).min(255);
                    dst[1..1 + k].copy_from_slice(&b[..k]);
                    dst[0] = k as u8;
                }
            }
            _ => {
                for k in 0..it.count {
                    let v = ai.next().cloned().unwrap_or_else(none);
                    let at = it.offset + k * it.size;
                    pack_one(ts, f, it.code, it.size, &v, &mut out[at..at + it.size])?;
                }
            }
        }
    }
    Ok(())
}

fn unpack_values(ts: &ThreadState, f: &Format, data: &[u8]) -> Value {
    let mut vals = Vec::with_capacity(f.nvalues());
    let read = |b: &[u8]| -> Vec<u8> {
        if f.little {
            b.to_vec()
        } else {
            b.iter().rev().copied().collect()
        }
    };
    for it in &f.items {
        let chunk = &data[it.offset..it.offset + it.size * it.count];
        match it.code {
            b'x' => {}
            b's' => vals.push(new_bytes(ts, chunk.to_vec())),
            b'p' => {
                let k = chunk
                    .first()
                    .map_or(0, |&n| (n as usize).min(it.count.saturating_sub(1)));
                vals.push(new_bytes(ts, chunk.get(1..1 + k).unwrap_or(&[]).to_vec()));
            }
            code => {
                for b in chunk.chunks(it.size) {
                    let le = read(b);
                    let v = match code {
                        b'c' => new_bytes(ts, b.to_vec()),
                        b'?' => py_bool(b[0] != 0),
                        b'e' => ts.new_float(from_half(u16::from_le_bytes([le[0], le[1]]))),
                        b'f' => {
                            ts.new_float(f32::from_le_bytes([le[0], le[1], le[2], le[3]]) as f64)
                        }
                        b'd' => {
                            let mut a = [0u8; 8];
                            a.copy_from_slice(&le);
                            ts.new_float(f64::from_le_bytes(a))
                        }
                        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => {
                            ts.new_bigint(BigInt::from_signed_bytes_le(&le))
                        }
                        _ => ts.new_bigint(BigInt::from_bytes_le(num_bigint::Sign::Plus, &le)),
                    };
                    vals.push(v);
                }
            }
        }
    }
    let _ = f.native;
    ts.new_tuple(vals)
}

fn buffer_of(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_data(v) {
        return Ok(b);
    }
    if v.class().name() == "memoryview" || v.class().lookup_str(ts, "tobytes").is_some() {
        if let Some(b) = bytes_data(&protocols::call_method(ts, v, "tobytes", &[])?) {
            return Ok(b);
        }
    }
    Err(ts.type_error(format!(
        "a bytes-like object is required, not '{}'",
        v.class().name()
    )))
}

fn s_pack(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let args = a.positional();
    let Some(fmt) = args.first() else {
        return Err(ts.type_error("pack expected at least 1 argument, got 0"));
    };
    let f = parse_format(ts, fmt)?;
    let mut out = vec![0u8; f.size];
    pack_values(ts, &f, &args[1..], &mut out, "pack")?;
    Ok(new_bytes(ts, out))
}

fn s_pack_into(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let args = a.positional();
    if args.len() < 3 {
        return Err(ts.type_error(format!(
            "pack_into expected at least 3 arguments, got {}",
            args.len()
        )));
    }
    let f = parse_format(ts, &args[0])?;
    let buf = args[1]
        .downcast::<PyByteArray>()
        .ok_or_else(|| ts.type_error("argument must be read-write bytes-like object, not bytes"))?;
    let mut packed = vec![0u8; f.size];
    pack_values(ts, &f, &args[3..], &mut packed, "pack_into")?;
    let off = protocols::index_i64(ts, &args[2])?;
    let mut data = match buf.data.lock() {
        Ok(d) => d,
        Err(p) => p.into_inner(),
    };
    let start = window_start(ts, off, data.len(), f.size, Access::Pack)?;
    let s = start;
    data[s..s + f.size].copy_from_slice(&packed);
    Ok(none())
}

/// Which of `pack_into`/`unpack_from` checks a buffer window (their messages differ).
#[derive(Clone, Copy, PartialEq)]
enum Access {
    Pack,
    Unpack,
}

/// The start of the `size`-byte window at `off` (negative: from the end) in a `len`-byte
/// buffer, or CPython's struct.error for an offset out of range or a window too short.
fn window_start(
    ts: &ThreadState,
    off: i64,
    len: usize,
    size: usize,
    access: Access,
) -> PyResult<usize> {
    let len = len as i64;
    let start = if off < 0 {
        if off + len < 0 {
            return Err(struct_error(
                ts,
                format!("offset {off} out of range for {len}-byte buffer"),
            ));
        }
        off + len
    } else {
        off
    };
    if len - start < size as i64 {
        let need = size as i64 + start;
        let msg = match (access, off < 0) {
            (Access::Pack, true) => format!("no space to pack {size} bytes at offset {off}"),
            (Access::Unpack, true) => {
                format!("not enough data to unpack {size} bytes at offset {off}")
            }
            (Access::Pack, false) => format!(
                "pack_into requires a buffer of at least {need} bytes for packing {size} bytes at offset {off} (actual buffer size is {len})"
            ),
            (Access::Unpack, false) => format!(
                "unpack_from requires a buffer of at least {need} bytes for unpacking {size} bytes at offset {off} (actual buffer size is {len})"
            ),
        };
        return Err(struct_error(ts, msg));
    }
    Ok(start as usize)
}

fn s_unpack(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [fmt, buf] = a.parse::<2>(ts, "unpack", &["", ""], 2)?;
    let f = parse_format(ts, &fmt.expect("required"))?;
    let data = buffer_of(ts, &buf.expect("required"))?;
    if data.len() != f.size {
        return Err(struct_error(
            ts,
            format!("unpack requires a buffer of {} bytes", f.size),
        ));
    }
    Ok(unpack_values(ts, &f, &data))
}

fn s_unpack_from(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [fmt, buf, off] = a.parse::<3>(ts, "unpack_from", &["", "buffer", "offset"], 2)?;
    let f = parse_format(ts, &fmt.expect("required"))?;
    let data = buffer_of(ts, &buf.expect("required"))?;
    let off = match off {
        Some(o) => protocols::index_i64(ts, &o)?,
        None => 0,
    };
    let start = window_start(ts, off, data.len(), f.size, Access::Unpack)?;
    let s = start;
    Ok(unpack_values(ts, &f, &data[s..s + f.size]))
}

fn s_iter_unpack(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [fmt, buf] = a.parse::<2>(ts, "iter_unpack", &["", ""], 2)?;
    let f = parse_format(ts, &fmt.expect("required"))?;
    let data = buffer_of(ts, &buf.expect("required"))?;
    if f.size == 0 {
        return Err(struct_error(
            ts,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    if data.len() % f.size != 0 {
        return Err(struct_error(
            ts,
            format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                f.size
            ),
        ));
    }
    let items: Vec<Value> = data
        .chunks(f.size)
        .map(|c| unpack_values(ts, &f, c))
        .collect();
    protocols::get_iter(ts, &ts.new_list(items))
}

fn s_calcsize(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [fmt] = a.parse::<1>(ts, "calcsize", &[""], 1)?;
    Ok(ts.new_usize(parse_format(ts, &fmt.expect("required"))?.size))
}

fn s_clearcache(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(none())
}

/// `Struct`: a format compiled once (here: checked once and kept), with the module's
/// functions as methods.
const STRUCT_CLASS: &str = r#"
class Struct:
    """Struct(format)

Create a compiled struct object."""
    __slots__ = ("format", "size", "__weakref__")
    __module__ = "_struct"

    def __init__(self, format):
        if isinstance(format, bytes):
            format = format.decode("ascii")
        elif not isinstance(format, str):
            raise TypeError(f"Struct() argument 1 must be a str or bytes object, not {type(format).__name__}")
        self.size = calcsize(format)
        self.format = format

    def pack(self, *values):
        return pack(self.format, *values)

    def pack_into(self, buffer, offset, *values):
        return pack_into(self.format, buffer, offset, *values)

    def unpack(self, buffer):
        return unpack(self.format, buffer)

    def unpack_from(self, buffer, offset=0):
        return unpack_from(self.format, buffer, offset)

    def iter_unpack(self, buffer):
        return iter_unpack(self.format, buffer)

    def __repr__(self):
        return f"Struct({self.format!r})"

class error(Exception):
    __module__ = "struct"
"#;

fn init_module(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(
        ts,
        "_struct",
        &[
            ("pack", s_pack),
            ("pack_into", s_pack_into),
            ("unpack", s_unpack),
            ("unpack_from", s_unpack_from),
            ("iter_unpack", s_iter_unpack),
            ("calcsize", s_calcsize),
            ("_clearcache", s_clearcache),
        ],
    )?;
    if let Some(dd) = d.downcast::<PyDict>() {
        dd.set_str(ts, "__builtins__", ts.rt.builtins_dict().clone());
        dd.set_str(
            ts,
            "__doc__",
            ts.new_str("Functions to convert between Python values and C structs."),
        );
    }
    crate::pysource::exec_source(ts, STRUCT_CLASS, "<frozen _struct>", &d)?;
    let _ = types;
    Ok(m)
}
