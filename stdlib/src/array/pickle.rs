//! The array iterator (`array.arrayiterator`) and pickling: `__reduce_ex__` and
//! `_array_reconstructor`, which rebuilds an array from machine values pickled on any
//! platform (CPython's "machine format codes", PEP 3118 style descriptions of the bytes).

use super::typecode::{Kind, TypeCode};
use super::{array_new, this, PyArray};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use vm::builtins::args::MethodArgs;
use vm::errors::PyResult;
use vm::object::PyPayload;
use vm::objects::bytes::PyBytes;
use vm::objects::descr::add_method;
use vm::objects::seq::trace_value;
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::PyType;
use vm::protocols;
use vm::runtime::none;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// An iterator over an array; the array is dropped once exhausted.
pub struct PyArrayIter {
    arr: Mutex<Option<Value>>,
    /// Next index. ORDERING: Relaxed throughout: a shared iterator may repeat or skip items
    /// (as in CPython's free-threaded build) but every read is bounds-checked.
    pos: AtomicUsize,
}

impl PyPayload for PyArrayIter {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        if let Ok(g) = self.arr.try_lock() {
            if let Some(v) = &*g {
                trace_value(v, t);
            }
        }
    }
    fn clear(&self) {
        let old = self.arr.lock().ok().and_then(|mut g| g.take());
        drop(old);
    }
}

impl PyArrayIter {
    fn array(&self) -> Option<Value> {
        self.arr.lock().ok().and_then(|g| g.clone())
    }
}

static ITER_TYPE: OnceLock<&'static PyType> = OnceLock::new();

pub(super) fn iter_type(ts: &ThreadState) -> &'static PyType {
    ITER_TYPE.get_or_init(|| {
        vm::runtime::new_native_type::<PyArrayIter>(ts, "array.arrayiterator", None, 0, |ts, t| {
            t.slots.new.set(Some(iter_new));
            t.slots.iter.set(Some(self_iter));
            t.slots.iternext.set(Some(iter_next));
            add_method(ts, t, "__reduce__", m_iter_reduce);
            add_method(ts, t, "__setstate__", m_iter_setstate);
        })
    })
}

fn iter_new(ts: &ThreadState, _cls: &Value, _a: &[Value], _k: Option<&PyTuple>) -> PyResult<Value> {
    Err(ts.type_error("cannot create 'array.arrayiterator' instances"))
}

fn self_iter(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

pub(super) fn array_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    this(ts, v)?;
    vm::object::alloc(
        ts,
        iter_type(ts),
        PyArrayIter {
            arr: Mutex::new(Some(v.clone())),
            pos: AtomicUsize::new(0),
        },
    )
}

fn iter_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyArrayIter> {
    v.downcast::<PyArrayIter>()
        .ok_or_else(|| ts.type_error("descriptor requires an 'array.arrayiterator' object"))
}

fn iter_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let it = iter_of(ts, v)?;
    let Some(av) = it.array() else {
        return Ok(None);
    };
    let Some(a) = av.downcast::<PyArray>() else {
        return Ok(None);
    };
    let i = it.pos.fetch_add(1, Ordering::Relaxed);
    match a.item(i) {
        Some(x) => a.tc.to_value(ts, x).map(Some),
        None => {
            let old = it.arr.lock().ok().and_then(|mut g| g.take());
            drop(old);
            Ok(None)
        }
    }
}

fn builtin_iter(ts: &ThreadState) -> PyResult<Value> {
    let b = vm::import::import_module(ts, "builtins")?;
    protocols::get_attr_str(ts, &b, "iter")
}

fn m_iter_reduce(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "__reduce__")?;
    let it = iter_of(ts, s)?;
    let f = builtin_iter(ts)?;
    Ok(match it.array() {
        Some(arr) => ts.new_tuple(vec![
            f,
            ts.new_tuple(vec![arr]),
            ts.new_usize(it.pos.load(Ordering::Relaxed)),
        ]),
        None => ts.new_tuple(vec![f, ts.new_tuple(vec![ts.new_tuple(vec![])])]),
    })
}

fn m_iter_setstate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [state] = a.parse::<1>(ts, "__setstate__", &[""], 1)?;
    let it = iter_of(ts, s)?;
    let i = protocols::index_i64(ts, &state.unwrap_or_else(none))?;
    if let Some(arr) = it.array() {
        let n = arr.downcast::<PyArray>().map_or(0, PyArray::len);
        let i = (i.max(0) as usize).min(n);
        it.pos.store(i, Ordering::Relaxed);
    }
    Ok(none())
}

// --- pickling ---

/// `a.__reduce_ex__(protocol)`.
pub(super) fn m_reduce_ex(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "__reduce_ex__", &[""], 1)?;
    let protocol = protocols::index_i64(ts, &p.unwrap_or_else(none))?;
    let arr = this(ts, s)?;
    let cls = s.class().to_value();
    let dict = match protocols::get_attr_opt(ts, s, &ts.intern("__dict__")) {
        Ok(Some(d)) => d,
        _ => none(),
    };
    let code = ts.new_str(&arr.tc.name().to_string());
    if protocol < 3 {
        let list = ts.new_list(arr.values(ts)?);
        return Ok(ts.new_tuple(vec![cls, ts.new_tuple(vec![code, list]), dict]));
    }
    let m = vm::import::import_module(ts, "array")?;
    let recon = protocols::get_attr_str(ts, &m, "_array_reconstructor")?;
    let data = vm::objects::bytes::new_bytes(ts, arr.bytes().clone());
    let args = ts.new_tuple(vec![cls, code, ts.new_int(arr.tc.mformat()), data]);
    Ok(ts.new_tuple(vec![recon, args, dict]))
}

/// What the bytes of a machine format code are.
enum MFormat {
    Int {
        size: usize,
        signed: bool,
        big: bool,
    },
    Float {
        size: usize,
        big: bool,
    },
    Text(&'static str),
}

fn mformat_of(code: i64) -> Option<MFormat> {
    let big = code % 2 == 1;
    Some(match code {
        0 | 1 => MFormat::Int {
            size: 1,
            signed: code == 1,
            big: false,
        },
        2..=13 => {
            let k = (code - 2) / 2;
            MFormat::Int {
                size: [2, 2, 4, 4, 8, 8][k as usize],
                signed: k % 2 == 1,
                big,
            }
        }
        14 | 15 => MFormat::Float { size: 4, big },
        16 | 17 => MFormat::Float { size: 8, big },
        18 => MFormat::Text("utf-16-le"),
        19 => MFormat::Text("utf-16-be"),
        20 => MFormat::Text("utf-32-le"),
        21 => MFormat::Text("utf-32-be"),
        _ => return None,
    })
}

/// `array._array_reconstructor(arraytype, typecode, mformat_code, items)`.
pub(super) fn array_reconstructor(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [cls, code, mf, items] = a.parse::<4>(ts, "_array_reconstructor", &["", "", "", ""], 4)?;
    let (cls, code, mf, items) = (
        cls.unwrap_or_else(none),
        code.unwrap_or_else(none),
        mf.unwrap_or_else(none),
        items.unwrap_or_else(none),
    );
    let Some(ty) = cls.downcast::<PyType>() else {
        return Err(ts.type_error(format!(
            "first argument must be a type object, not {}",
            cls.class().name()
        )));
    };
    if !ty.is_subtype(super::array_type(ts)) {
        return Err(ts.type_error(format!("{} is not a subtype of array.array", ty.name())));
    }
    let c = match code.downcast::<PyStr>().map(|s| s.to_cps()) {
        Some(cps) if cps.len() == 1 => cps[0],
        Some(cps) => {
            return Err(ts.type_error(format!(
                "_array_reconstructor() argument 2 must be a unicode character, not a string of length {}",
                cps.len()
            )))
        }
        None => {
            return Err(ts.type_error(format!(
                "_array_reconstructor() argument 2 must be a unicode character, not {}",
                code.class().name()
            )))
        }
    };
    let mf = protocols::index_i64(ts, &mf)?;
    let Some(tc) = TypeCode::from_char(c) else {
        return Err(ts.value_error("second argument must be a valid type code"));
    };
    let Some(fmt) = mformat_of(mf) else {
        return Err(ts.value_error("third argument must be a valid machine format code."));
    };
    let Some(b) = items.downcast::<PyBytes>() else {
        return Err(ts.type_error(format!(
            "fourth argument should be bytes, not {}",
            items.class().name()
        )));
    };
    let make = |tc_char: u32, init: Value| {
        let code = ts.new_str_from_cps(&[tc_char]);
        array_new(ts, &cls, &[code, init], None)
    };
    if mf == tc.mformat() {
        return make(c, items.clone());
    }
    let data: &[u8] = &b.data;
    let not_multiple = || ts.value_error("string length not a multiple of item size");
    match fmt {
        MFormat::Text(enc) => {
            let s = protocols::call_method(ts, &items, "decode", &[ts.new_str(enc)])?;
            make(c, s)
        }
        MFormat::Float { size, big } => {
            if !data.len().is_multiple_of(size) {
                return Err(not_multiple());
            }
            let vals = data
                .chunks_exact(size)
                .map(|raw| {
                    let x = if size == 4 {
                        let r: [u8; 4] = raw.try_into().unwrap_or_default();
                        let bits = if big {
                            u32::from_be_bytes(r)
                        } else {
                            u32::from_le_bytes(r)
                        };
                        f32::from_bits(bits) as f64
                    } else {
                        let r: [u8; 8] = raw.try_into().unwrap_or_default();
                        let bits = if big {
                            u64::from_be_bytes(r)
                        } else {
                            u64::from_le_bytes(r)
                        };
                        f64::from_bits(bits)
                    };
                    ts.new_float(x)
                })
                .collect();
            make(c, ts.new_list(vals))
        }
        MFormat::Int { size, signed, big } => {
            if !data.len().is_multiple_of(size) {
                return Err(not_multiple());
            }
            // As CPython: prefer the (last listed) integer code of the pickled size and
            // signedness, which may differ from the pickled one across platforms.
            let kind = if signed { Kind::Signed } else { Kind::Unsigned };
            let best = super::typecode::ALL
                .iter()
                .rev()
                .find(|t| t.kind == kind && t.size == size)
                .map_or(c, |t| t.code as u32);
            let vals = data
                .chunks_exact(size)
                .map(|raw| {
                    let mut le = [0u8; 8];
                    for (k, byte) in raw.iter().enumerate() {
                        le[if big { size - 1 - k } else { k }] = *byte;
                    }
                    let u = u64::from_le_bytes(le);
                    if signed {
                        let shift = 64 - 8 * size as u32;
                        ts.new_int(((u << shift) as i64) >> shift)
                    } else {
                        match i64::try_from(u) {
                            Ok(x) => ts.new_int(x),
                            Err(_) => ts.new_bigint(u.into()),
                        }
                    }
                })
                .collect();
            make(best, ts.new_list(vals))
        }
    }
}
