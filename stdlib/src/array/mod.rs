//! `array`: compact arrays of C numbers and characters (CPython's `Modules/arraymodule.c`).
//!
//! An array's items live in one byte vector, `itemsize` bytes each in native byte order,
//! behind the array's own lock. That lock is a leaf: it is taken only around byte copies,
//! never while Python code runs, so values are converted (which may call `__index__` or
//! `__float__`) before it is taken and each operation is atomic for other threads. The array
//! is a buffer exporter (`vm::objects::memoryview::BufferExporter`): memoryviews and every
//! bytes-like argument read and write its memory, and while a view lives the array refuses
//! to change size (CPython's `ob_exports`).
//!
//! Entry points: [`init`] (the module), [`PyArray`]. Methods are in `methods.rs`, the
//! iterator and pickling in `pickle.rs`, the type codes in `typecode.rs`.

mod methods;
mod pickle;
mod typecode;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use typecode::{Item, TypeCode};
use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::{PyErr, PyResult};
use vm::object::PyPayload;
use vm::objects::builtin_func::{BuiltinKind, PyBuiltinFunction};
use vm::objects::bytes::{PyByteArray, PyBytes};
use vm::objects::dict::PyDict;
use vm::objects::list::PyList;
use vm::objects::memoryview::BufferExporter;
use vm::objects::range::PySlice;
use vm::objects::seq::SliceRange;
use vm::objects::slots::{BinOp, CmpOp};
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::protocols;
use vm::runtime::{not_implemented, py_bool, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_array);

const MODULE_DOC: &str = "This module defines an object type which can efficiently represent
an array of basic values: characters, integers, floating-point
numbers.  Arrays are sequence types and behave very much like lists,
except that the type of objects stored in them is constrained.
";

const ARRAY_DOC: &str = "array(typecode [, initializer]) -> array

Return a new array whose items are restricted by typecode, and
initialized from the optional initializer value, which must be a list,
string or iterable over elements of the appropriate type.

Arrays represent basic values and behave very much like lists, except
the type of objects stored in them is constrained. The type is specified
at object creation time by using a type code, which is a single character.
The following type codes are defined:

    Type code   C Type             Minimum size in bytes
    'b'         signed integer     1
    'B'         unsigned integer   1
    'u'         Unicode character  2 (see note)
    'w'         Py_UCS4            4
    'h'         signed integer     2
    'H'         unsigned integer   2
    'i'         signed integer     2
    'I'         unsigned integer   2
    'l'         signed integer     4
    'L'         unsigned integer   4
    'q'         signed integer     8 (see note)
    'Q'         unsigned integer   8 (see note)
    'f'         floating-point     4
    'd'         floating-point     8

NOTE: The 'u' typecode corresponds to Python's unicode character. On
narrow builds this is 2-bytes on wide builds this is 4-bytes.

NOTE: The 'q' and 'Q' type codes are only available if the platform
C compiler used to build Python supports 'long long', or, on Windows,
'__int64'.

Methods:

append() -- append a new item to the end of the array
buffer_info() -- return information giving the current memory info
byteswap() -- byteswap all the items of the array
count() -- return number of occurrences of an object
extend() -- extend array by appending multiple elements from an iterable
fromfile() -- read items from a file object
fromlist() -- append items from the list
frombytes() -- append items from the string
index() -- return index of first occurrence of an object
insert() -- insert a new item into the array at a provided position
pop() -- remove and return item (default last)
remove() -- remove first occurrence of an object
reverse() -- reverse the order of the items in the array
tofile() -- write all items to a file object
tolist() -- return the array converted to an ordinary list
tobytes() -- return the array converted to a string

Attributes:

typecode -- the typecode character used to create the array
itemsize -- the length in bytes of one array item
";

/// A Python `array.array`.
pub struct PyArray {
    tc: TypeCode,
    /// The items' bytes (`len * tc.size`); a leaf lock, see the module doc.
    data: Mutex<Vec<u8>>,
    /// Live buffer views; while non-zero the array may not change size.
    exports: AtomicUsize,
}

impl PyPayload for PyArray {
    const GC: bool = false;
}

impl BufferExporter for PyArray {
    fn buffer_format(&self) -> (u8, usize) {
        (self.tc.buffer_code(), self.tc.size)
    }

    fn with_buffer(&self, f: &mut dyn FnMut(&mut [u8])) {
        f(&mut self.bytes());
    }

    fn add_export(&self, delta: isize) {
        // ORDERING: Relaxed: the count is a guard read by resizers under the data lock; it
        // publishes no other memory.
        if delta >= 0 {
            self.exports.fetch_add(delta as usize, Ordering::Relaxed);
        } else {
            self.exports
                .fetch_sub(delta.unsigned_abs(), Ordering::Relaxed);
        }
    }
}

impl PyArray {
    fn new(tc: TypeCode, data: Vec<u8>) -> PyArray {
        PyArray {
            tc,
            data: Mutex::new(data),
            exports: AtomicUsize::new(0),
        }
    }

    /// The items' bytes, locked (no Python code may run while the guard lives).
    fn bytes(&self) -> MutexGuard<'_, Vec<u8>> {
        // A panic while copying bytes leaves them consistent: ignore poisoning.
        self.data.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn len(&self) -> usize {
        self.bytes().len() / self.tc.size
    }

    /// The bytes locked for a change of size, or BufferError while views exist.
    fn resizable(&self, ts: &ThreadState) -> PyResult<MutexGuard<'_, Vec<u8>>> {
        let g = self.bytes();
        // ORDERING: Relaxed: see `add_export`; views are counted before they read the data.
        if self.exports.load(Ordering::Relaxed) > 0 {
            return Err(ts.new_error(
                types().exc.buffer_error,
                "cannot resize an array that is exporting buffers",
            ));
        }
        Ok(g)
    }

    fn item(&self, i: usize) -> Option<Item> {
        let sz = self.tc.size;
        self.bytes()
            .get(i * sz..(i + 1) * sz)
            .map(|raw| self.tc.load(raw))
    }

    fn items(&self) -> Vec<Item> {
        self.bytes()
            .chunks_exact(self.tc.size)
            .map(|raw| self.tc.load(raw))
            .collect()
    }

    fn values(&self, ts: &ThreadState) -> PyResult<Vec<Value>> {
        self.items()
            .into_iter()
            .map(|it| self.tc.to_value(ts, it))
            .collect()
    }

    /// Appends `more` (whole items) at the end.
    fn append_bytes(&self, ts: &ThreadState, more: &[u8]) -> PyResult<()> {
        if more.is_empty() {
            return Ok(());
        }
        self.resizable(ts)?.extend_from_slice(more);
        Ok(())
    }
}

/// Converts values to one code's bytes (before any lock is taken: conversion runs Python).
fn encode(ts: &ThreadState, tc: TypeCode, vals: &[Value]) -> PyResult<Vec<u8>> {
    let mut out = vec![0u8; vals.len() * tc.size];
    for (v, dst) in vals.iter().zip(out.chunks_exact_mut(tc.size)) {
        tc.store(tc.item_from(ts, v)?, dst);
    }
    Ok(out)
}

fn encode_one(ts: &ThreadState, tc: TypeCode, v: &Value) -> PyResult<Vec<u8>> {
    let mut out = vec![0u8; tc.size];
    tc.store(tc.item_from(ts, v)?, &mut out);
    Ok(out)
}

static ARRAY_TYPE: OnceLock<&'static PyType> = OnceLock::new();

fn array_type(ts: &ThreadState) -> &'static PyType {
    ARRAY_TYPE.get_or_init(|| {
        vm::runtime::new_native_type::<PyArray>(
            ts,
            "array.array",
            None,
            flags::BASETYPE | flags::WEAKREFABLE,
            |ts, t| {
                let s = &t.slots;
                s.new.set(Some(array_new));
                s.repr.set(Some(array_repr));
                s.len.set(Some(array_len));
                s.getitem.set(Some(array_getitem));
                s.setitem.set(Some(array_setitem));
                s.contains.set(Some(array_contains));
                s.iter.set(Some(pickle::array_iter));
                s.richcompare.set(Some(array_richcompare));
                s.binary.set(Some(array_binary));
                s.inplace.set(Some(array_inplace));
                s.hash
                    .set(Some(vm::objects::object_type::hash_not_implemented));
                methods::add_methods(ts, t);
                t.dict().set_str(ts, "__doc__", ts.new_str(ARRAY_DOC));
            },
        )
    })
}

/// The array payload of `v`, or TypeError (a method called on the wrong object).
fn this<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyArray> {
    v.downcast::<PyArray>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'array.array' object but received a '{}'",
            v.class().name()
        ))
    })
}

/// A new plain `array.array` (slices, sums and copies are never of a subclass, as in CPython).
fn new_array(ts: &ThreadState, tc: TypeCode, data: Vec<u8>) -> PyResult<Value> {
    vm::object::alloc(ts, array_type(ts), PyArray::new(tc, data))
}

fn bad_argument(ts: &ThreadState) -> PyErr {
    ts.type_error("bad argument type for built-in operation")
}

// --- construction ---

fn array_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = MethodArgs::new(args, kw);
    let cls_ty = cls.as_type();
    let base = array_type(ts);
    // Keywords are refused unless a subclass has its own __init__ to take them.
    let own_init =
        cls_ty.slots.init.get().map(|f| f as usize) != base.slots.init.get().map(|f| f as usize);
    if a.nkw() > 0 && (std::ptr::eq(cls_ty, base) || !own_init) {
        return Err(ts.type_error("array.array() takes no keyword arguments"));
    }
    let pos = a.positional();
    if pos.is_empty() {
        return Err(ts.type_error(format!(
            "array() takes at least 1 argument ({} given)",
            pos.len()
        )));
    }
    if pos.len() > 2 {
        return Err(ts.type_error(format!(
            "array() takes at most 2 arguments ({} given)",
            pos.len()
        )));
    }
    let code = match pos[0].downcast::<PyStr>().map(|s| s.to_cps()) {
        Some(cps) if cps.len() == 1 => cps[0],
        Some(cps) => {
            return Err(ts.type_error(format!(
                "array() argument 1 must be a unicode character, not a string of length {}",
                cps.len()
            )))
        }
        None => {
            return Err(ts.type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                pos[0].class().name()
            )))
        }
    };
    let initial = pos.get(1);
    if code == 'u' as u32 {
        warn_deprecated_u(ts)?;
    }
    let unicode = code == 'u' as u32 || code == 'w' as u32;
    if let Some(v) = initial {
        let c = char::from_u32(code).unwrap_or('?');
        if !unicode && v.downcast::<PyStr>().is_some() {
            return Err(ts.type_error(format!(
                "cannot use a str to initialize an array with typecode '{c}'"
            )));
        }
        if !unicode && v.downcast::<PyArray>().is_some_and(|o| o.tc.is_unicode()) {
            return Err(ts.type_error(format!(
                "cannot use a unicode array to initialize an array with typecode '{c}'"
            )));
        }
    }
    let tc = TypeCode::from_char(code).ok_or_else(|| {
        ts.value_error("bad typecode (must be b, B, u, w, h, H, i, I, l, L, q, Q, f or d)")
    })?;
    let data = match initial {
        None => Vec::new(),
        Some(v) => initial_bytes(ts, tc, v)?,
    };
    vm::object::alloc(ts, cls_ty, PyArray::new(tc, data))
}

/// The bytes of an initializer: bytes-like objects are raw machine values, str gives
/// characters, another array of the same code is copied, anything else is iterated.
fn initial_bytes(ts: &ThreadState, tc: TypeCode, v: &Value) -> PyResult<Vec<u8>> {
    if v.downcast::<PyBytes>().is_some() || v.downcast::<PyByteArray>().is_some() {
        let b = vm::objects::bytes::bytes_data(v).unwrap_or_default();
        if !b.len().is_multiple_of(tc.size) {
            return Err(ts.value_error("bytes length not a multiple of item size"));
        }
        return Ok(b);
    }
    if let Some(s) = v.downcast::<PyStr>() {
        return Ok(methods::unicode_bytes(tc, &s.to_cps()));
    }
    if let Some(o) = v.downcast::<PyArray>() {
        if o.tc == tc {
            return Ok(o.bytes().clone());
        }
        return encode(ts, tc, &o.values(ts)?);
    }
    let vals = if let Some(l) = v.downcast::<PyList>() {
        l.to_vec(ts)
    } else if let Some(t) = v.downcast::<PyTuple>() {
        t.as_slice().to_vec()
    } else {
        // A general iterable: items converted as they come, so an error mid-way still
        // reports the conversion error of that item.
        let it = protocols::get_iter(ts, v)?;
        let mut out = Vec::new();
        while let Some(x) = protocols::next(ts, &it)? {
            out.extend(encode_one(ts, tc, &x)?);
        }
        return Ok(out);
    };
    encode(ts, tc, &vals)
}

/// `DeprecationWarning` for the 'u' code (PEP 393 made it a misnomer).
fn warn_deprecated_u(ts: &ThreadState) -> PyResult<()> {
    let w = vm::import::import_module(ts, "warnings")?;
    let f = protocols::get_attr_str(ts, &w, "warn")?;
    let msg = ts.new_str("The 'u' type code is deprecated and will be removed in Python 3.16");
    let cat = types().exc.deprecation_warning.to_value();
    protocols::call(ts, &f, &[msg, cat, ts.new_int(1)], None)?;
    Ok(())
}

// --- slots ---

fn array_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let a = this(ts, v)?;
    let full = v.class().name();
    let name = full.rsplit('.').next().unwrap_or(&full);
    let c = a.tc.name();
    if a.len() == 0 {
        return Ok(ts.new_str(&format!("{name}('{c}')")));
    }
    let inner = if a.tc.is_unicode() {
        let s = methods::to_unicode(ts, a)?;
        protocols::repr_string(ts, &s)?
    } else {
        let l = ts.new_list(a.values(ts)?);
        protocols::repr_string(ts, &l)?
    };
    Ok(ts.new_str(&format!("{name}('{c}', {inner})")))
}

fn array_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    Ok(this(ts, v)?.len())
}

/// An int index of `key`, or TypeError "array indices must be integers".
fn int_key(ts: &ThreadState, key: &Value) -> PyResult<i64> {
    protocols::try_index(ts, key)?.ok_or_else(|| ts.type_error("array indices must be integers"))
}

fn norm(i: i64, len: usize) -> Option<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&j).then_some(j as usize)
}

fn array_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let a = this(ts, v)?;
    if let Some(s) = key.downcast::<PySlice>() {
        let r = s.resolve(ts, a.len())?;
        let sz = a.tc.size;
        let out = {
            let d = a.bytes();
            let mut out = Vec::with_capacity(r.len * sz);
            for i in r.indices() {
                if let Some(raw) = d.get(i * sz..(i + 1) * sz) {
                    out.extend_from_slice(raw);
                }
            }
            out
        };
        return new_array(ts, a.tc, out);
    }
    let i = int_key(ts, key)?;
    let it = norm(i, a.len())
        .and_then(|i| a.item(i))
        .ok_or_else(|| ts.index_error("array index out of range"))?;
    a.tc.to_value(ts, it)
}

fn array_setitem(ts: &ThreadState, v: &Value, key: &Value, val: Option<Value>) -> PyResult<()> {
    let a = this(ts, v)?;
    if let Some(s) = key.downcast::<PySlice>() {
        let r = s.resolve(ts, a.len())?;
        return match val {
            None => delete_slice(ts, a, r),
            Some(val) => assign_slice(ts, a, r, &val),
        };
    }
    let i = int_key(ts, key)?;
    let sz = a.tc.size;
    match val {
        Some(val) => {
            let raw = encode_one(ts, a.tc, &val)?;
            let mut d = a.bytes();
            let i = norm(i, d.len() / sz)
                .ok_or_else(|| ts.index_error("array assignment index out of range"))?;
            d[i * sz..(i + 1) * sz].copy_from_slice(&raw);
        }
        None => {
            let mut d = a.resizable(ts)?;
            let i = norm(i, d.len() / sz)
                .ok_or_else(|| ts.index_error("array assignment index out of range"))?;
            d.drain(i * sz..(i + 1) * sz);
        }
    }
    Ok(())
}

fn delete_slice(ts: &ThreadState, a: &PyArray, r: SliceRange) -> PyResult<()> {
    if r.len == 0 {
        return Ok(());
    }
    let sz = a.tc.size;
    let mut d = a.resizable(ts)?;
    let mut gone = vec![false; d.len() / sz];
    for i in r.indices() {
        if let Some(g) = gone.get_mut(i) {
            *g = true;
        }
    }
    let kept: Vec<u8> = d
        .chunks_exact(sz)
        .zip(&gone)
        .filter(|(_, g)| !**g)
        .flat_map(|(c, _)| c.iter().copied())
        .collect();
    *d = kept;
    Ok(())
}

fn assign_slice(ts: &ThreadState, a: &PyArray, r: SliceRange, val: &Value) -> PyResult<()> {
    let Some(o) = val.downcast::<PyArray>() else {
        return Err(ts.type_error(format!(
            "can only assign array (not \"{}\") to array slice",
            val.class().name()
        )));
    };
    if o.tc != a.tc {
        return Err(bad_argument(ts));
    }
    // A copy first: `val` may be `a` itself.
    let src = o.bytes().clone();
    let sz = a.tc.size;
    let n = src.len() / sz;
    if r.step == 1 {
        let start = r.start as usize * sz;
        let end = start + r.len * sz;
        let mut d = if n == r.len {
            a.bytes()
        } else {
            a.resizable(ts)?
        };
        let end = end.min(d.len());
        let start = start.min(end);
        d.splice(start..end, src);
        return Ok(());
    }
    if n != r.len {
        return Err(ts.value_error(format!(
            "attempt to assign array of size {n} to extended slice of size {}",
            r.len
        )));
    }
    let mut d = a.bytes();
    for (k, i) in r.indices().enumerate() {
        if let Some(dst) = d.get_mut(i * sz..(i + 1) * sz) {
            dst.copy_from_slice(&src[k * sz..(k + 1) * sz]);
        }
    }
    Ok(())
}

fn array_contains(ts: &ThreadState, v: &Value, x: &Value) -> PyResult<bool> {
    Ok(methods::find(ts, this(ts, v)?, x, 0, usize::MAX)?.is_some())
}

fn array_richcompare(ts: &ThreadState, v: &Value, w: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(a), Some(b)) = (v.downcast::<PyArray>(), w.downcast::<PyArray>()) else {
        return Ok(not_implemented());
    };
    let (xs, ys) = (a.items(), b.items());
    if xs.len() != ys.len() && matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(py_bool(op == CmpOp::Ne));
    }
    if a.tc.kind == b.tc.kind && a.tc.kind != typecode::Kind::Float {
        // Same kind of integer or character: compare the items themselves.
        let ord = xs
            .iter()
            .zip(&ys)
            .find_map(|(x, y)| x.partial_cmp(y).filter(|o| o.is_ne()))
            .unwrap_or_else(|| xs.len().cmp(&ys.len()));
        return Ok(py_bool(op.test(ord)));
    }
    // Mixed codes or floats: as CPython, find the first items that are not equal as Python
    // objects and compare those.
    for (x, y) in xs.iter().zip(&ys) {
        let (xv, yv) = (a.tc.to_value(ts, *x)?, b.tc.to_value(ts, *y)?);
        if !protocols::eq(ts, &xv, &yv)? {
            return match op {
                CmpOp::Eq => Ok(py_bool(false)),
                CmpOp::Ne => Ok(py_bool(true)),
                _ => protocols::rich_compare(ts, &xv, &yv, op),
            };
        }
    }
    Ok(py_bool(op.test(xs.len().cmp(&ys.len()))))
}

/// `a * n` bytes.
fn repeat(ts: &ThreadState, d: &[u8], n: i64) -> PyResult<Vec<u8>> {
    if n <= 0 || d.is_empty() {
        return Ok(Vec::new());
    }
    let total = usize::try_from(n)
        .ok()
        .and_then(|n| d.len().checked_mul(n))
        .filter(|&t| t <= isize::MAX as usize)
        .ok_or_else(|| ts.memory_error())?;
    // A failed allocation is a MemoryError, as in CPython, not an abort.
    let mut out = Vec::new();
    out.try_reserve_exact(total)
        .map_err(|_| ts.memory_error())?;
    for _ in 0..n {
        out.extend_from_slice(d);
    }
    Ok(out)
}

fn mul_count(ts: &ThreadState, n: &Value) -> PyResult<i64> {
    match protocols::try_index(ts, n) {
        Ok(Some(n)) => Ok(n),
        Ok(None) => Err(ts.type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            n.class().name()
        ))),
        Err(e) if e.matches(types().exc.index_error) => Err(ts.memory_error()),
        Err(e) => Err(e),
    }
}

fn array_binary(ts: &ThreadState, v: &Value, w: &Value, op: BinOp) -> PyResult<Value> {
    match op {
        BinOp::Add => {
            let Some(a) = v.downcast::<PyArray>() else {
                return Ok(not_implemented());
            };
            let Some(b) = w.downcast::<PyArray>() else {
                return Err(ts.type_error(format!(
                    "can only append array (not \"{}\") to array",
                    w.class().name()
                )));
            };
            if a.tc != b.tc {
                return Err(bad_argument(ts));
            }
            let mut d = a.bytes().clone();
            d.extend_from_slice(&b.bytes());
            new_array(ts, a.tc, d)
        }
        BinOp::Mul => {
            let (a, n) = match (v.downcast::<PyArray>(), w.downcast::<PyArray>()) {
                (Some(a), _) => (a, w),
                (None, Some(a)) => (a, v),
                _ => return Ok(not_implemented()),
            };
            let n = mul_count(ts, n)?;
            let d = a.bytes().clone();
            new_array(ts, a.tc, repeat(ts, &d, n)?)
        }
        _ => Ok(not_implemented()),
    }
}

fn array_inplace(ts: &ThreadState, v: &Value, w: &Value, op: BinOp) -> PyResult<Value> {
    let Some(a) = v.downcast::<PyArray>() else {
        return Ok(not_implemented());
    };
    match op {
        BinOp::Add => {
            let Some(b) = w.downcast::<PyArray>() else {
                return Err(ts.type_error(format!(
                    "can only extend array with array (not \"{}\")",
                    w.class().name()
                )));
            };
            if a.tc != b.tc {
                return Err(bad_argument(ts));
            }
            let more = b.bytes().clone();
            a.append_bytes(ts, &more)?;
            Ok(v.clone())
        }
        BinOp::Mul => {
            let n = mul_count(ts, w)?;
            let mut d = a.resizable(ts)?;
            let new = repeat(ts, &d, n)?;
            *d = new;
            Ok(v.clone())
        }
        _ => Ok(not_implemented()),
    }
}

// --- the module ---

/// Lets memoryview and bytes-like arguments find arrays.
fn buffer_hook(v: &Value) -> Option<&dyn BufferExporter> {
    v.downcast::<PyArray>().map(|a| a as &dyn BufferExporter)
}

fn init_array(ts: &ThreadState) -> PyResult<Value> {
    let _ = vm::objects::memoryview::BUFFER_HOOK.set(buffer_hook);
    let (m, d) = new_native_module(ts, "array", &[])?;
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("module dict is not a dict"))?;
    // Bound to the module, so that its `__module__` is "array" and pickle finds it there.
    let recon = PyBuiltinFunction {
        name: ts.intern("_array_reconstructor"),
        kind: BuiltinKind::Free(pickle::array_reconstructor, Some(m.clone())),
    };
    let recon = vm::object::alloc(ts, types().builtin_function, recon)?;
    dd.set_str(ts, "_array_reconstructor", recon);
    let t = array_type(ts).to_value();
    dd.set_str(ts, "array", t.clone());
    dd.set_str(ts, "ArrayType", t.clone());
    dd.set_str(ts, "typecodes", ts.new_str("bBuwhHiIlLqQfd"));
    dd.set_str(ts, "__doc__", ts.new_str(MODULE_DOC));
    pickle::iter_type(ts);
    // As CPython: arrays are registered as mutable sequences.
    let abc = vm::import::import_module(ts, "collections.abc")?;
    let ms = protocols::get_attr_str(ts, &abc, "MutableSequence")?;
    protocols::call_method(ts, &ms, "register", &[t])?;
    Ok(m)
}
