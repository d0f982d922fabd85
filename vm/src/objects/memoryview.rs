//! `memoryview`: a typed, possibly strided window on the memory of a bytes-like exporter
//! (`bytes`, `bytearray`), without copying.
//!
//! A view holds its exporter and a layout (byte offset of item 0, shape, strides, item
//! format). Reads and writes go through the exporter's storage, so writes through a view of
//! a bytearray are seen by the bytearray and by every other view of it. While a view of a
//! bytearray is alive and not released, the bytearray refuses to resize (its `exports`
//! count, CPython's `ob_exports`); the count drops on `release()`, on `__exit__`, when the
//! collector clears the view, or when the view is freed.
//!
//! Exporters defined outside the VM (`array.array`) plug in through [`BUFFER_HOOK`] and the
//! [`BufferExporter`] trait.
//!
//! `memoryview(x)` of a class with `__buffer__` (PEP 688) views what that method returns;
//! bytes-like arguments elsewhere do not call it yet.
//!
//! Not here: suboffsets, Fortran order, and sub-views of multi-dimensional casts (as in CPython, an
//! int index on an N-d view raises NotImplementedError).
//!
//! Entry points: [`init`] fills the type; [`memoryview_bytes`] gives the bytes of a view to
//! the rest of the VM (`bytes_data` uses it, so every bytes-like argument accepts views).

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::bytes::{hash_bytes, new_bytes, PyByteArray, PyBytes};
use crate::objects::range::PySlice;
use crate::objects::seq::trace_value;
use crate::objects::slots::CmpOp;
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{none, not_implemented, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use num_traits::ToPrimitive;
use std::sync::atomic::Ordering;
use std::sync::{Mutex, OnceLock};

/// A buffer exporter implemented outside the VM (the `array` module): how memoryview and
/// every bytes-like argument ([`crate::objects::bytes::bytes_data`]) reach its memory.
pub trait BufferExporter: Sync {
    /// The struct-module format letter of one item and the item size in bytes.
    fn buffer_format(&self) -> (u8, usize);
    /// Runs `f` on the whole memory under the exporter's own lock; `f` runs no Python code.
    fn with_buffer(&self, f: &mut dyn FnMut(&mut [u8]));
    /// A view of the memory starts (`+1`) or ends (`-1`): while any is alive the exporter
    /// must not resize.
    fn add_export(&self, delta: isize);
}

/// Finds the [`BufferExporter`] behind a value, if its type is one.
pub type BufferHook = for<'a> fn(&'a Value) -> Option<&'a dyn BufferExporter>;

/// Set once by the stdlib crate before any program runs.
pub static BUFFER_HOOK: OnceLock<BufferHook> = OnceLock::new();

/// The external exporter behind `v`, if any.
pub fn external_exporter(v: &Value) -> Option<&dyn BufferExporter> {
    BUFFER_HOOK.get().and_then(|h| h(v))
}

/// A copy of an external exporter's memory.
pub fn external_bytes(v: &Value) -> Option<Vec<u8>> {
    let e = external_exporter(v)?;
    let mut out = Vec::new();
    e.with_buffer(&mut |m| out.extend_from_slice(m));
    Some(out)
}

/// One native item format (struct-module letters, native size and alignment).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Fmt {
    code: u8,
    size: usize,
}

impl Fmt {
    const BYTE: Fmt = Fmt {
        code: b'B',
        size: 1,
    };

    /// `"B"`, `"@i"`, ...; `None` for anything else.
    fn parse(s: &str) -> Option<Fmt> {
        let s = s.strip_prefix('@').unwrap_or(s);
        let [c] = s.as_bytes() else { return None };
        let size = match c {
            b'c' | b'b' | b'B' | b'?' => 1,
            b'h' | b'H' | b'e' => 2,
            b'i' | b'I' | b'f' => 4,
            b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'd' | b'P' => 8,
            _ => return None,
        };
        Some(Fmt { code: *c, size })
    }

    fn is_byte(self) -> bool {
        matches!(self.code, b'B' | b'b' | b'c')
    }

    fn name(self) -> char {
        self.code as char
    }

    fn signed(self) -> bool {
        matches!(self.code, b'b' | b'h' | b'i' | b'l' | b'q' | b'n')
    }

    /// The item in `raw` (exactly `size` bytes, native byte order) as a Python value.
    fn unpack(self, ts: &ThreadState, raw: &[u8]) -> Value {
        let mut buf = [0u8; 8];
        buf[..raw.len().min(8)].copy_from_slice(&raw[..raw.len().min(8)]);
        let u = u64::from_ne_bytes(buf);
        match self.code {
            b'c' => new_bytes(ts, raw.to_vec()),
            b'?' => py_bool(u != 0),
            b'f' => ts.new_float(f32::from_bits(u as u32) as f64),
            b'd' => ts.new_float(f64::from_bits(u)),
            b'e' => ts.new_float(half_to_f64(u as u16)),
            _ if self.signed() => {
                let shift = 64 - 8 * self.size as u32;
                ts.new_int(((u << shift) as i64) >> shift)
            }
            _ => ts.new_bigint(u.into()),
        }
    }

    /// `v` packed as one item, or CPython's "invalid type/value for format" errors.
    fn pack(self, ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
        let bad_type = || {
            ts.type_error(format!(
                "memoryview: invalid type for format '{}'",
                self.name()
            ))
        };
        let bad_value = || {
            ts.value_error(format!(
                "memoryview: invalid value for format '{}'",
                self.name()
            ))
        };
        match self.code {
            b'c' => match v.downcast::<PyBytes>() {
                Some(b) if b.data.len() == 1 => Ok(b.data.to_vec()),
                Some(_) => Err(bad_value()),
                None => Err(bad_type()),
            },
            b'?' => Ok(vec![protocols::is_true(ts, v)? as u8]),
            b'f' | b'd' | b'e' => {
                let x = protocols::to_float(ts, v).map_err(|_| bad_type())?;
                Ok(match self.code {
                    b'f' => (x as f32).to_ne_bytes().to_vec(),
                    b'd' => x.to_ne_bytes().to_vec(),
                    _ => f64_to_half(x).to_ne_bytes().to_vec(),
                })
            }
            _ => {
                if !v.is_inline_int() && !v.class().slots.index.is_set() {
                    return Err(bad_type());
                }
                let i = protocols::index(ts, v)?;
                let big = crate::objects::int::as_int(&i)
                    .map(|x| x.to_big())
                    .ok_or_else(bad_type)?;
                let bits = 8 * self.size as u32;
                let fits = if self.signed() {
                    big.to_i64()
                        .filter(|x| {
                            bits == 64 || (-(1i64 << (bits - 1))..(1i64 << (bits - 1))).contains(x)
                        })
                        .map(|x| x as u64)
                } else {
                    big.to_u64().filter(|x| bits == 64 || *x < (1u64 << bits))
                };
                let u = fits.ok_or_else(bad_value)?;
                Ok(u.to_ne_bytes()[..self.size].to_vec())
            }
        }
    }
}

/// IEEE 754 binary16 to f64.
fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let frac = (h & 0x3ff) as f64;
    sign * match exp {
        0 => frac * 2f64.powi(-24),
        31 if frac == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + frac / 1024.0) * 2f64.powi(exp - 15),
    }
}

/// f64 to binary16, rounding to nearest (overflow gives infinity).
fn f64_to_half(x: f64) -> u16 {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    let a = x.abs();
    if a.is_nan() {
        return sign | 0x7e00;
    }
    if a >= 65520.0 {
        return sign | 0x7c00;
    }
    if a < 2f64.powi(-14) {
        return sign | (a / 2f64.powi(-24)).round_ties_even() as u16;
    }
    let e = a.log2().floor() as i32;
    let m = ((a / 2f64.powi(e) - 1.0) * 1024.0).round_ties_even() as u32;
    let (e, m) = if m == 1024 { (e + 1, 0) } else { (e, m) };
    sign | (((e + 15) as u16) << 10) | m as u16
}

/// Where a view's items are in its exporter's memory.
#[derive(Clone, Debug)]
struct Layout {
    /// Byte offset of the first item.
    start: isize,
    shape: Vec<usize>,
    /// Bytes between consecutive items, per dimension.
    strides: Vec<isize>,
    fmt: Fmt,
    readonly: bool,
}

impl Layout {
    fn items(&self) -> usize {
        self.shape.iter().product()
    }

    fn nbytes(&self) -> usize {
        self.items() * self.fmt.size
    }

    fn c_contiguous(&self) -> bool {
        let mut want = self.fmt.size as isize;
        for (&n, &s) in self.shape.iter().zip(&self.strides).rev() {
            if n > 1 && s != want {
                return false;
            }
            want *= n as isize;
        }
        true
    }

    /// Byte offsets of every item, in C order.
    fn offsets(&self) -> Vec<isize> {
        let mut out = vec![self.start];
        for (&n, &s) in self.shape.iter().zip(&self.strides) {
            out = out
                .iter()
                .flat_map(|&o| (0..n).map(move |k| o + k as isize * s))
                .collect();
        }
        out
    }

    fn c_strides(shape: &[usize], size: usize) -> Vec<isize> {
        let mut st = vec![0isize; shape.len()];
        let mut acc = size as isize;
        for (i, &n) in shape.iter().enumerate().rev() {
            st[i] = acc;
            acc *= n as isize;
        }
        st
    }
}

/// A Python `memoryview`.
pub struct PyMemoryView {
    /// The exporter; `None` once released.
    obj: Mutex<Option<Value>>,
    layout: Layout,
}

impl PyPayload for PyMemoryView {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        if let Ok(g) = self.obj.try_lock() {
            if let Some(v) = &*g {
                trace_value(v, t);
            }
        }
    }
    fn clear(&self) {
        self.unexport();
    }
}

impl Drop for PyMemoryView {
    fn drop(&mut self) {
        self.unexport();
    }
}

impl PyMemoryView {
    /// Releases the exporter (once): a bytearray may resize again when no view is left.
    fn unexport(&self) {
        let old = self.obj.lock().ok().and_then(|mut g| g.take());
        if let Some(ba) = old.as_ref().and_then(|o| o.downcast::<PyByteArray>()) {
            // ORDERING: Relaxed: the count is only a guard checked under the bytearray's own
            // lock by resizers; no other memory is published through it.
            ba.exports.fetch_sub(1, Ordering::Relaxed);
        } else if let Some(e) = old.as_ref().and_then(external_exporter) {
            e.add_export(-1);
        }
        drop(old);
    }

    /// The exporter, or ValueError once released.
    fn exporter(&self, ts: &ThreadState) -> PyResult<Value> {
        self.obj
            .lock()
            .ok()
            .and_then(|g| g.clone())
            .ok_or_else(|| ts.value_error("operation forbidden on released memoryview object"))
    }

    /// Runs `f` on the exporter's whole memory (under the bytearray's lock: `f` must not
    /// run Python code).
    fn with_mem<R>(&self, ts: &ThreadState, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
        let o = self.exporter(ts)?;
        if let Some(b) = o.downcast::<PyBytes>() {
            return Ok(f(&b.data));
        }
        if let Some(b) = o.downcast::<PyByteArray>() {
            let d = b
                .data
                .lock()
                .map_err(|_| ts.runtime_error("bytearray lock poisoned"))?;
            return Ok(f(&d));
        }
        if let Some(e) = external_exporter(&o) {
            let mut f = Some(f);
            let mut res = None;
            e.with_buffer(&mut |m| res = f.take().map(|f| f(m)));
            return res.ok_or_else(|| ts.runtime_error("memoryview: exporter gave no memory"));
        }
        Err(ts.type_error("memoryview: unsupported exporter"))
    }

    /// The items' bytes, gathered in C order.
    fn gather(&self, ts: &ThreadState) -> PyResult<Vec<u8>> {
        let offs = self.layout.offsets();
        let size = self.layout.fmt.size;
        self.with_mem(ts, |m| {
            let mut out = Vec::with_capacity(offs.len() * size);
            for o in offs {
                let s = usize::try_from(o).ok().and_then(|o| m.get(o..o + size))?;
                out.extend_from_slice(s);
            }
            Some(out)
        })?
        .ok_or_else(|| ts.index_error("memoryview: exporter was resized"))
    }

    /// Writes `data` (one item's bytes per offset) at `offs`.
    fn scatter(&self, ts: &ThreadState, offs: &[isize], data: &[u8]) -> PyResult<()> {
        let o = self.exporter(ts)?;
        let size = self.layout.fmt.size;
        let write = |d: &mut [u8]| -> Option<()> {
            for (k, &off) in offs.iter().enumerate() {
                let dst = usize::try_from(off)
                    .ok()
                    .and_then(|o| d.get_mut(o..o + size))?;
                dst.copy_from_slice(&data[k * size..(k + 1) * size]);
            }
            Some(())
        };
        let done = if let Some(e) = external_exporter(&o) {
            let mut res = None;
            e.with_buffer(&mut |m| res = write(m));
            res
        } else {
            let b = o
                .downcast::<PyByteArray>()
                .ok_or_else(|| ts.type_error("cannot modify read-only memory"))?;
            let mut d = b
                .data
                .lock()
                .map_err(|_| ts.runtime_error("bytearray lock poisoned"))?;
            write(&mut d)
        };
        done.ok_or_else(|| ts.index_error("memoryview: exporter was resized"))
    }
}

fn this<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyMemoryView> {
    v.downcast::<PyMemoryView>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'memoryview' object but received a '{}'",
            v.class().name()
        ))
    })
}

/// Allocates a view of `obj` (an exporter) with `layout`, registering the export.
fn new_view(ts: &ThreadState, obj: Value, layout: Layout) -> PyResult<Value> {
    if let Some(ba) = obj.downcast::<PyByteArray>() {
        // ORDERING: see `unexport`.
        ba.exports.fetch_add(1, Ordering::Relaxed);
    } else if let Some(e) = external_exporter(&obj) {
        e.add_export(1);
    }
    crate::object::alloc(
        ts,
        types().memoryview,
        PyMemoryView {
            obj: Mutex::new(Some(obj)),
            layout,
        },
    )
}

/// `memoryview(obj)`.
pub fn memoryview_of(ts: &ThreadState, obj: &Value) -> PyResult<Value> {
    if let Some(mv) = obj.downcast::<PyMemoryView>() {
        let o = mv.exporter(ts)?;
        return new_view(ts, o, mv.layout.clone());
    }
    let (len, readonly) = if let Some(b) = obj.downcast::<PyBytes>() {
        (b.data.len(), true)
    } else if let Some(b) = obj.downcast::<PyByteArray>() {
        (b.data.lock().map(|d| d.len()).unwrap_or(0), false)
    } else if let Some(e) = external_exporter(obj) {
        let (code, size) = e.buffer_format();
        let fmt = Fmt { code, size };
        let mut nbytes = 0;
        e.with_buffer(&mut |m| nbytes = m.len());
        let n = nbytes / size.max(1);
        let layout = Layout {
            start: 0,
            shape: vec![n],
            strides: vec![size as isize],
            fmt,
            readonly: false,
        };
        return new_view(ts, obj.clone(), layout);
    } else {
        return Err(ts.type_error(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            obj.class().name()
        )));
    };
    let layout = Layout {
        start: 0,
        shape: vec![len],
        strides: vec![1],
        fmt: Fmt::BYTE,
        readonly,
    };
    new_view(ts, obj.clone(), layout)
}

/// The bytes a view shows (C order), if `v` is an unreleased memoryview.
pub fn memoryview_bytes(v: &Value) -> Option<Vec<u8>> {
    let mv = v.downcast::<PyMemoryView>()?;
    let offs = mv.layout.offsets();
    let size = mv.layout.fmt.size;
    let o = mv.obj.lock().ok()?.clone()?;
    let collect = |m: &[u8]| -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(offs.len() * size);
        for &off in &offs {
            out.extend_from_slice(
                m.get(usize::try_from(off).ok()?..usize::try_from(off).ok()? + size)?,
            );
        }
        Some(out)
    };
    if let Some(b) = o.downcast::<PyBytes>() {
        return collect(&b.data);
    }
    if let Some(e) = external_exporter(&o) {
        let mut res = None;
        e.with_buffer(&mut |m| res = collect(m));
        return res;
    }
    let b = o.downcast::<PyByteArray>()?;
    let d = b.data.lock().ok()?;
    collect(&d)
}

fn mv_new(ts: &ThreadState, _cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let a = crate::builtins::args::parse(ts, "memoryview", args, kw, &["object"], 1, 0)?;
    let obj = a[0]
        .clone()
        .ok_or_else(|| ts.type_error("memoryview() missing required argument 'object' (pos 1)"))?;
    let builtin = obj.downcast::<PyMemoryView>().is_some()
        || obj.downcast::<PyBytes>().is_some()
        || obj.downcast::<PyByteArray>().is_some()
        || external_exporter(&obj).is_some();
    if !builtin {
        // PEP 688: a class exports its buffer through `__buffer__(flags)`, asked for with
        // PyBUF_FULL_RO as CPython's memoryview() does.
        if let Some(f) = obj.class().lookup(ts, &ts.intern("__buffer__")) {
            const PYBUF_FULL_RO: i64 = 0x11c;
            let view = protocols::call_method_descr(ts, &f, &obj, &[ts.new_int(PYBUF_FULL_RO)])?;
            if view.downcast::<PyMemoryView>().is_none() {
                return Err(ts.type_error("__buffer__ returned non-memoryview object"));
            }
            return memoryview_of(ts, &view);
        }
    }
    memoryview_of(ts, &obj)
}

/// `bytes.__buffer__(flags)` etc.: the Python-level face of the buffer protocol (PEP 688).
fn m_buffer(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [flags] = a.parse::<1>(ts, "__buffer__", &[""], 1)?;
    if let Some(f) = flags {
        protocols::index_i64(ts, &f)?;
    }
    memoryview_of(ts, s)
}

/// `bytearray.__release_buffer__(view)`: ends the export `view` stands for.
fn m_release_buffer(ts: &ThreadState, _s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [view] = a.parse::<1>(ts, "__release_buffer__", &[""], 1)?;
    if let Some(v) = view {
        this(ts, &v)?.unexport();
    }
    Ok(none())
}

fn mv_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let mv = this(ts, v)?;
    let released = mv.obj.lock().map(|g| g.is_none()).unwrap_or(true);
    let pre = if released { "released " } else { "" };
    Ok(ts.new_str(&format!("<{pre}memory at {:#x}>", v.identity())))
}

fn mv_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    let mv = this(ts, v)?;
    mv.exporter(ts)?;
    mv.layout
        .shape
        .first()
        .copied()
        .ok_or_else(|| ts.type_error("0-dim memory has no length"))
}

fn mv_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let mv = this(ts, v)?;
    let o = mv.exporter(ts)?;
    let l = &mv.layout;
    if l.shape.is_empty() {
        if key.downcast::<PyTuple>().is_some_and(|t| t.is_empty()) {
            let raw = mv.gather(ts)?;
            return Ok(l.fmt.unpack(ts, &raw));
        }
        return Err(ts.type_error("invalid indexing of 0-dim memory"));
    }
    if let Some(s) = key.downcast::<PySlice>() {
        let r = s.resolve(ts, l.shape[0])?;
        let mut nl = l.clone();
        nl.start = l.start + r.start * l.strides[0];
        nl.shape[0] = r.len;
        nl.strides[0] = l.strides[0] * r.step;
        return new_view(ts, o, nl);
    }
    let Some(i) = protocols::try_index(ts, key)? else {
        return Err(ts.type_error("memoryview: invalid slice key"));
    };
    if l.shape.len() > 1 {
        return Err(ts.not_implemented_error("multi-dimensional sub-views are not implemented"));
    }
    let off = item_offset(ts, l, i)?;
    let size = l.fmt.size;
    let raw = mv
        .with_mem(ts, |m| {
            usize::try_from(off)
                .ok()
                .and_then(|o| m.get(o..o + size))
                .map(<[u8]>::to_vec)
        })?
        .ok_or_else(|| ts.index_error("memoryview: exporter was resized"))?;
    Ok(l.fmt.unpack(ts, &raw))
}

/// Byte offset of item `i` of a 1-D view (negative `i` counts from the end).
fn item_offset(ts: &ThreadState, l: &Layout, i: i64) -> PyResult<isize> {
    let n = l.shape[0] as i64;
    let j = if i < 0 { i + n } else { i };
    if !(0..n).contains(&j) {
        return Err(ts.index_error("index out of bounds on dimension 1"));
    }
    Ok(l.start + j as isize * l.strides[0])
}

fn mv_setitem(ts: &ThreadState, v: &Value, key: &Value, val: Option<Value>) -> PyResult<()> {
    let mv = this(ts, v)?;
    mv.exporter(ts)?;
    let l = &mv.layout;
    if l.readonly {
        return Err(ts.type_error("cannot modify read-only memory"));
    }
    let Some(val) = val else {
        return Err(ts.type_error("cannot delete memory"));
    };
    if l.shape.len() != 1 {
        return Err(
            ts.not_implemented_error("memoryview assignments are currently restricted to ndim = 1")
        );
    }
    if let Some(s) = key.downcast::<PySlice>() {
        let r = s.resolve(ts, l.shape[0])?;
        let src_fmt = match (val.downcast::<PyMemoryView>(), external_exporter(&val)) {
            (Some(m), _) => m.layout.fmt,
            (None, Some(e)) => {
                let (code, size) = e.buffer_format();
                Fmt { code, size }
            }
            (None, None) => Fmt::BYTE,
        };
        let data = crate::objects::bytes::bytes_data(&val).ok_or_else(|| {
            ts.type_error(format!(
                "a bytes-like object is required, not '{}'",
                val.class().name()
            ))
        })?;
        if src_fmt.code != l.fmt.code
            && !(src_fmt.is_byte() && l.fmt.is_byte() && l.fmt.code == b'B')
            || data.len() != r.len * l.fmt.size
        {
            return Err(ts.value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let offs: Vec<isize> = (0..r.len)
            .map(|k| l.start + (r.start + k as isize * r.step) * l.strides[0])
            .collect();
        return mv.scatter(ts, &offs, &data);
    }
    let Some(i) = protocols::try_index(ts, key)? else {
        return Err(ts.type_error("memoryview: invalid slice key"));
    };
    let off = item_offset(ts, l, i)?;
    let data = l.fmt.pack(ts, &val)?;
    mv.scatter(ts, &[off], &data)
}

/// The items as Python values, nested by dimension.
fn to_list(ts: &ThreadState, mv: &PyMemoryView) -> PyResult<Value> {
    let raw = mv.gather(ts)?;
    let l = &mv.layout;
    let items: Vec<Value> = raw
        .chunks(l.fmt.size.max(1))
        .map(|c| l.fmt.unpack(ts, c))
        .collect();
    if l.shape.is_empty() {
        return Ok(items.into_iter().next().unwrap_or_else(none));
    }
    Ok(nest(ts, &l.shape, &mut items.into_iter()))
}

fn nest(ts: &ThreadState, shape: &[usize], it: &mut impl Iterator<Item = Value>) -> Value {
    match shape {
        [n] => ts.new_list(it.take(*n).collect()),
        [n, rest @ ..] => {
            let v = (0..*n).map(|_| nest(ts, rest, it)).collect();
            ts.new_list(v)
        }
        [] => none(),
    }
}

fn mv_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let mv = this(ts, v)?;
    if mv.layout.shape.len() != 1 {
        mv.exporter(ts)?;
        return Err(ts.not_implemented_error("multi-dimensional sub-views are not implemented"));
    }
    let l = to_list(ts, mv)?;
    protocols::get_iter(ts, &l)
}

fn mv_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(not_implemented());
    }
    let mva = this(ts, a)?;
    if a.is(b) {
        return Ok(py_bool(op == CmpOp::Eq));
    }
    let bview = match b.downcast::<PyMemoryView>() {
        Some(_) => b.clone(),
        None if crate::objects::bytes::bytes_data(b).is_some() => memoryview_of(ts, b)?,
        None => return Ok(not_implemented()),
    };
    let mvb = this(ts, &bview)?;
    let released = mva.exporter(ts).is_err() || mvb.exporter(ts).is_err();
    let eq = if released || mva.layout.shape != mvb.layout.shape {
        false
    } else if mva.layout.fmt == mvb.layout.fmt && !matches!(mva.layout.fmt.code, b'f' | b'd' | b'e')
    {
        mva.gather(ts)? == mvb.gather(ts)?
    } else {
        let (x, y) = (to_list(ts, mva)?, to_list(ts, mvb)?);
        protocols::eq(ts, &x, &y)?
    };
    Ok(py_bool(eq == (op == CmpOp::Eq)))
}

fn mv_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let mv = this(ts, v)?;
    mv.exporter(ts)?;
    if !mv.layout.readonly {
        return Err(ts.value_error("cannot hash writable memoryview object"));
    }
    if !mv.layout.fmt.is_byte() {
        return Err(ts.value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
    }
    Ok(hash_bytes(&mv.gather(ts)?))
}

fn m_tobytes(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [_order] = a.parse::<1>(ts, "tobytes", &["order"], 0)?;
    Ok(new_bytes(ts, this(ts, s)?.gather(ts)?))
}

fn m_tolist(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "tolist")?;
    to_list(ts, this(ts, s)?)
}

fn m_hex(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let data = this(ts, s)?.gather(ts)?;
    crate::objects::bytes::hex_with_args(ts, &data, a)
}

fn m_release(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "release")?;
    this(ts, s)?.unexport();
    Ok(none())
}

fn m_enter(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    this(ts, s)?.exporter(ts)?;
    Ok(s.clone())
}

fn m_exit(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    this(ts, s)?.unexport();
    Ok(none())
}

fn m_toreadonly(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "toreadonly")?;
    let mv = this(ts, s)?;
    let o = mv.exporter(ts)?;
    let mut l = mv.layout.clone();
    l.readonly = true;
    new_view(ts, o, l)
}

fn m_cast(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [format, shape] = a.parse::<2>(ts, "cast", &["format", "shape"], 1)?;
    let mv = this(ts, s)?;
    let o = mv.exporter(ts)?;
    let l = &mv.layout;
    let format = format.unwrap_or_else(none);
    let Some(fs) = format.downcast::<crate::objects::str::PyStr>() else {
        return Err(ts.type_error(format!(
            "cast() argument 'format' must be str, not {}",
            format.class().name()
        )));
    };
    if !l.c_contiguous() {
        return Err(ts.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    let fmt = Fmt::parse(&fs.to_string_lossy()).ok_or_else(|| {
        ts.value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        )
    })?;
    if !fmt.is_byte() && !l.fmt.is_byte() {
        return Err(ts.type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let nbytes = l.nbytes();
    let shape = match shape.filter(|s| !s.is_none()) {
        None => {
            if nbytes % fmt.size != 0 {
                return Err(ts.type_error("memoryview: length is not a multiple of itemsize"));
            }
            vec![nbytes / fmt.size]
        }
        Some(sh) => {
            if l.shape.len() != 1 {
                return Err(ts.type_error("memoryview: cast must be 1D -> ND or ND -> 1D"));
            }
            let mut dims = Vec::new();
            for d in protocols::collect(ts, &sh)? {
                let n = protocols::index_i64(ts, &d)?;
                if n <= 0 {
                    return Err(
                        ts.value_error("memoryview.cast(): elements of shape must be integers > 0")
                    );
                }
                dims.push(n as usize);
            }
            if dims.iter().product::<usize>() * fmt.size != nbytes {
                return Err(ts.type_error("memoryview: product(shape) * itemsize != buffer size"));
            }
            dims
        }
    };
    let strides = Layout::c_strides(&shape, fmt.size);
    let nl = Layout {
        start: l.start,
        shape,
        strides,
        fmt,
        readonly: l.readonly,
    };
    new_view(ts, o, nl)
}

fn m_count(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "count", &[""], 1)?;
    let x = x.unwrap_or_else(none);
    let items = protocols::collect(ts, &to_list(ts, this(ts, s)?)?)?;
    let mut n = 0;
    for it in &items {
        if protocols::eq_identity_first(ts, it, &x)? {
            n += 1;
        }
    }
    Ok(ts.new_int(n))
}

fn m_index(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, start, stop] = a.parse::<3>(ts, "index", &["", "", ""], 1)?;
    let x = x.unwrap_or_else(none);
    let items = protocols::collect(ts, &to_list(ts, this(ts, s)?)?)?;
    let (lo, hi) = crate::objects::seq::start_stop(ts, start, stop, items.len())?;
    for (i, it) in items.iter().enumerate().take(hi).skip(lo) {
        if protocols::eq_identity_first(ts, it, &x)? {
            return Ok(ts.new_usize(i));
        }
    }
    Err(ts.value_error("memoryview.index(x): x not found"))
}

fn g_obj(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    this(ts, v)?.exporter(ts)
}

/// The layout of an unreleased view.
fn live(ts: &ThreadState, v: &Value) -> PyResult<Layout> {
    let mv = this(ts, v)?;
    mv.exporter(ts)?;
    Ok(mv.layout.clone())
}

fn g_nbytes(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_usize(live(ts, v)?.nbytes()))
}
fn g_readonly(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(py_bool(live(ts, v)?.readonly))
}
fn g_itemsize(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_usize(live(ts, v)?.fmt.size))
}
fn g_format(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_str(&live(ts, v)?.fmt.name().to_string()))
}
fn g_ndim(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_usize(live(ts, v)?.shape.len()))
}
fn g_shape(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let l = live(ts, v)?;
    Ok(ts.new_tuple(l.shape.iter().map(|&n| ts.new_usize(n)).collect()))
}
fn g_strides(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let l = live(ts, v)?;
    Ok(ts.new_tuple(l.strides.iter().map(|&n| ts.new_int(n as i64)).collect()))
}
fn g_suboffsets(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    live(ts, v)?;
    Ok(ts.new_tuple(Vec::new()))
}
fn g_c_contiguous(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(py_bool(live(ts, v)?.c_contiguous()))
}
fn g_f_contiguous(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let l = live(ts, v)?;
    Ok(py_bool(l.shape.len() <= 1 && l.c_contiguous()))
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_getset, add_method};
    let t = types().memoryview;
    let s = &t.slots;
    s.new.set(Some(mv_new));
    s.repr.set(Some(mv_repr));
    s.len.set(Some(mv_len));
    s.getitem.set(Some(mv_getitem));
    s.setitem.set(Some(mv_setitem));
    s.iter.set(Some(mv_iter));
    s.richcompare.set(Some(mv_richcompare));
    s.hash.set(Some(mv_hash));
    add_method(ts, t, "tobytes", m_tobytes);
    for ty in [types().bytes, types().bytearray, t] {
        add_method(ts, ty, "__buffer__", m_buffer);
    }
    for ty in [types().bytearray, t] {
        add_method(ts, ty, "__release_buffer__", m_release_buffer);
    }
    add_method(ts, t, "tolist", m_tolist);
    add_method(ts, t, "hex", m_hex);
    add_method(ts, t, "release", m_release);
    add_method(ts, t, "__enter__", m_enter);
    add_method(ts, t, "__exit__", m_exit);
    add_method(ts, t, "toreadonly", m_toreadonly);
    add_method(ts, t, "cast", m_cast);
    add_method(ts, t, "count", m_count);
    add_method(ts, t, "index", m_index);
    add_getset(ts, t, "obj", g_obj, None);
    add_getset(ts, t, "nbytes", g_nbytes, None);
    add_getset(ts, t, "readonly", g_readonly, None);
    add_getset(ts, t, "itemsize", g_itemsize, None);
    add_getset(ts, t, "format", g_format, None);
    add_getset(ts, t, "ndim", g_ndim, None);
    add_getset(ts, t, "shape", g_shape, None);
    add_getset(ts, t, "strides", g_strides, None);
    add_getset(ts, t, "suboffsets", g_suboffsets, None);
    add_getset(ts, t, "c_contiguous", g_c_contiguous, None);
    add_getset(ts, t, "f_contiguous", g_f_contiguous, None);
    add_getset(ts, t, "contiguous", g_c_contiguous, None);
}
