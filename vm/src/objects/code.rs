//! `code`: the VM's code object, a frontend `CodeUnit` plus its constants and names turned into
//! Python values once (names interned, nested code units wrapped recursively). Immutable and
//! shared by every thread; the eval loop reads `unit.code` directly.

use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::seq::trace_value;
use crate::runtime::{ellipsis, none, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use frontend::ast::{Constant, Int};
use frontend::code::{flags, kinds, CodeConst, CodeUnit};
use gc::Tracer;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

pub struct PyCode {
    pub unit: Arc<CodeUnit>,
    pub consts: Vec<Value>,
    /// `co_names`, interned.
    pub names: Vec<Value>,
    /// Localsplus names, interned.
    pub localsplus: Vec<Value>,
    pub name: Value,
    pub qualname: Value,
    pub filename: Value,
    /// Number of slots: localsplus + stack.
    pub frame_size: usize,
    pub nlocalsplus: usize,
    /// Positional parameters (`argcount`), keyword-only count, total named parameters.
    pub argcount: usize,
    pub posonly: usize,
    pub kwonly: usize,
    pub flags: u32,
    /// Localsplus index of each cell variable that is also an argument (MAKE_CELL handles it).
    pub is_generator_like: bool,
    /// CO_ITERABLE_COROUTINE set after creation, by `types.coroutine` assigning
    /// `f.__code__ = co.replace(co_flags=co.co_flags | 0x100)` (see `set_code_flags`).
    pub late_iterable_coroutine: AtomicBool,
    /// Per-instruction inline caches (specialization; owned by `interp/icache.rs`).
    pub icache: crate::interp::icache::InlineCache,
}

impl PyPayload for PyCode {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        for v in &self.consts {
            trace_value(v, t);
        }
    }
}

impl PyCode {
    /// `co_flags`, with a CO_ITERABLE_COROUTINE set after creation.
    pub fn all_flags(&self) -> u32 {
        // ORDERING: Relaxed: an independent flag; it only ever goes from false to true.
        if self.late_iterable_coroutine.load(Ordering::Relaxed) {
            self.flags | flags::ITERABLE_COROUTINE
        } else {
            self.flags
        }
    }

    /// Whether a generator of this code may be awaited (`types.coroutine`).
    pub fn is_iterable_coroutine(&self) -> bool {
        self.all_flags() & flags::ITERABLE_COROUTINE != 0
    }

    pub fn has_varargs(&self) -> bool {
        self.flags & flags::VARARGS != 0
    }
    pub fn has_varkw(&self) -> bool {
        self.flags & flags::VARKEYWORDS != 0
    }
    /// Total argument slots (including `*args`, `**kwargs`).
    pub fn total_args(&self) -> usize {
        self.argcount
            + self.kwonly
            + usize::from(self.has_varargs())
            + usize::from(self.has_varkw())
    }
    pub fn kinds(&self) -> &[u8] {
        &self.unit.localsplus_kinds
    }
    pub fn is_cell(&self, i: usize) -> bool {
        self.unit
            .localsplus_kinds
            .get(i)
            .is_some_and(|k| k & kinds::CELL != 0)
    }
}

/// Converts a constant to a value.
pub fn constant_to_value(ts: &ThreadState, c: &Constant) -> PyResult<Value> {
    Ok(match c {
        Constant::None => none(),
        Constant::True => py_bool(true),
        Constant::False => py_bool(false),
        Constant::Ellipsis => ellipsis(),
        Constant::Int(Int::Small(i)) => ts.new_int(*i),
        Constant::Int(Int::Big(b)) => ts.new_bigint((**b).clone()),
        Constant::Float(f) => ts.new_float(*f),
        Constant::Complex { real, imag } => crate::objects::float::new_complex(ts, *real, *imag)?,
        Constant::Str(s) => match s.as_str() {
            Some(t)
                if t.len() <= 40 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
            {
                ts.intern(t)
            }
            _ => ts.new_str_from_wtf8(s),
        },
        Constant::Bytes(b) => crate::objects::bytes::new_bytes(ts, b.clone()),
        Constant::Tuple(items) => {
            let v: PyResult<Vec<Value>> = items.iter().map(|c| constant_to_value(ts, c)).collect();
            ts.new_tuple(v?)
        }
        Constant::FrozenSet(items) => {
            let v: PyResult<Vec<Value>> = items.iter().map(|c| constant_to_value(ts, c)).collect();
            crate::objects::set::new_frozenset(ts, v?)?
        }
    })
}

/// Wraps a code unit (and, recursively, the code units among its constants).
pub fn new_code(ts: &ThreadState, unit: Arc<CodeUnit>) -> PyResult<Value> {
    let mut consts = Vec::with_capacity(unit.consts.len());
    for c in &unit.consts {
        consts.push(match c {
            CodeConst::Value(k) => constant_to_value(ts, k)?,
            CodeConst::Code(u) => new_code(ts, u.clone())?,
        });
    }
    let names = unit.names.iter().map(|n| ts.intern(n)).collect();
    let localsplus: Vec<Value> = unit.localsplus_names.iter().map(|n| ts.intern(n)).collect();
    let nlocalsplus = localsplus.len();
    let f = unit.flags;
    let code = PyCode {
        consts,
        names,
        localsplus,
        name: ts.intern(&unit.name),
        qualname: ts.new_str(&unit.qualname),
        filename: ts.new_str(&unit.filename),
        frame_size: nlocalsplus + unit.stacksize as usize + 1,
        nlocalsplus,
        argcount: unit.argcount as usize,
        posonly: unit.posonlyargcount as usize,
        kwonly: unit.kwonlyargcount as usize,
        flags: f,
        is_generator_like: f & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0,
        late_iterable_coroutine: AtomicBool::new(false),
        icache: Default::default(),
        unit,
    };
    let v = crate::object::alloc(ts, types().code, code)?;
    if let Some(r) = v.to_obj() {
        r.enable_deferred(&ts.gc);
    }
    Ok(v)
}

fn code_of(v: &Value) -> &PyCode {
    // SAFETY: getsets installed on `code` only.
    unsafe { v.payload_unchecked::<PyCode>() }
}

fn co_name(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(code_of(v).name.clone())
}
fn co_qualname(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(code_of(v).qualname.clone())
}
fn co_filename(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(code_of(v).filename.clone())
}
fn co_firstlineno(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_int(code_of(v).unit.firstlineno as i64))
}
fn co_argcount(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_usize(code_of(v).argcount))
}
fn co_posonlyargcount(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_usize(code_of(v).posonly))
}
fn co_kwonlyargcount(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_usize(code_of(v).kwonly))
}
fn co_flags(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_int(code_of(v).all_flags() as i64))
}

/// Lets `func.__code__ = new` succeed when `new` is `old.replace(co_flags=...)` adding only
/// CO_ITERABLE_COROUTINE (what `types.coroutine` does): functions cannot swap their code
/// object yet, so the flag is set on the old one. False for any other replacement.
pub fn set_code_flags(old: &PyCode, new: &PyCode) -> bool {
    let same = Arc::ptr_eq(&old.unit, &new.unit)
        && old.flags | flags::ITERABLE_COROUTINE == new.flags | flags::ITERABLE_COROUTINE
        && old.name.is(&new.name)
        && old.filename.is(&new.filename)
        && old.consts.len() == new.consts.len()
        && old.consts.iter().zip(&new.consts).all(|(a, b)| a.is(b));
    if !same {
        return false;
    }
    if new.flags & flags::ITERABLE_COROUTINE != 0 {
        // ORDERING: Relaxed: see `all_flags`.
        old.late_iterable_coroutine.store(true, Ordering::Relaxed);
    }
    true
}

/// `code.replace(**changes)`: a copy with some fields replaced. The fields that only
/// describe the code (`co_flags`, `co_name`, `co_qualname`, `co_filename`) are supported;
/// the others would need a recompiled unit and raise ValueError.
fn m_replace(
    ts: &ThreadState,
    s: &Value,
    a: crate::builtins::args::MethodArgs<'_>,
) -> PyResult<Value> {
    let c = code_of(s);
    let (pos, kw) = a.split();
    if !pos.is_empty() {
        return Err(ts.type_error(format!(
            "replace() takes 0 positional arguments but {} were given",
            pos.len()
        )));
    }
    let mut flags_v = c.all_flags();
    let (mut name, mut qualname, mut filename) =
        (c.name.clone(), c.qualname.clone(), c.filename.clone());
    for (k, v) in kw {
        let key = crate::objects::str::str_lossy(&k);
        let str_arg = |v: &Value| -> PyResult<Value> {
            if v.downcast::<crate::objects::str::PyStr>().is_none() {
                return Err(ts.type_error(format!(
                    "replace() argument '{key}' must be str, not {}",
                    v.class().name()
                )));
            }
            Ok(v.clone())
        };
        match key.as_str() {
            "co_flags" => {
                flags_v = u32::try_from(crate::protocols::index_i64(ts, &v)?)
                    .map_err(|_| ts.overflow_error("co_flags out of range"))?;
            }
            "co_name" => name = str_arg(&v)?,
            "co_qualname" => qualname = str_arg(&v)?,
            "co_filename" => filename = str_arg(&v)?,
            k if k.starts_with("co_") => {
                return Err(ts.value_error(format!("code.replace(): changing {k} is not supported")))
            }
            _ => {
                return Err(ts.type_error(format!(
                    "replace() got an unexpected keyword argument '{key}'"
                )))
            }
        }
    }
    let code = PyCode {
        unit: c.unit.clone(),
        consts: c.consts.clone(),
        names: c.names.clone(),
        localsplus: c.localsplus.clone(),
        name,
        qualname,
        filename,
        frame_size: c.frame_size,
        nlocalsplus: c.nlocalsplus,
        argcount: c.argcount,
        posonly: c.posonly,
        kwonly: c.kwonly,
        flags: flags_v,
        is_generator_like: c.is_generator_like,
        late_iterable_coroutine: AtomicBool::new(false),
        icache: Default::default(),
    };
    let v = crate::object::alloc(ts, types().code, code)?;
    if let Some(r) = v.to_obj() {
        r.enable_deferred(&ts.gc);
    }
    Ok(v)
}
fn co_varnames(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let c = code_of(v);
    Ok(ts.new_tuple(c.unit.varnames().iter().map(|n| ts.intern(n)).collect()))
}
fn co_freevars(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let c = code_of(v);
    Ok(ts.new_tuple(c.unit.freevars().iter().map(|n| ts.intern(n)).collect()))
}
fn co_cellvars(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let c = code_of(v);
    Ok(ts.new_tuple(c.unit.cellvars().iter().map(|n| ts.intern(n)).collect()))
}
fn co_names(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_tuple(code_of(v).names.clone()))
}
fn co_consts(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_tuple(code_of(v).consts.clone()))
}
fn co_nlocals(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_usize(code_of(v).unit.varnames().len()))
}

fn code_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let c = code_of(v);
    Ok(ts.new_str(&format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        c.unit.name,
        v.identity(),
        c.unit.filename,
        c.unit.firstlineno
    )))
}

/// A `Location` field as Python sees it: None when unknown (-1).
fn opt_int(ts: &ThreadState, x: i32) -> Value {
    if x < 0 {
        crate::runtime::none()
    } else {
        ts.new_int(x as i64)
    }
}

/// `code.co_positions()`: `(lineno, end_lineno, col, end_col)` for every code unit (caches
/// included), columns in UTF-8 bytes, as `traceback` indexes it with `tb_lasti // 2`.
fn m_co_positions(
    ts: &ThreadState,
    s: &Value,
    _a: crate::builtins::args::MethodArgs<'_>,
) -> PyResult<Value> {
    let unit = &code_of(s).unit;
    let mut out = Vec::with_capacity(unit.code.len());
    for run in &unit.line_table {
        let l = run.loc;
        let item = ts.new_tuple(vec![
            opt_int(ts, l.lineno),
            opt_int(ts, l.end_lineno),
            opt_int(ts, l.col),
            opt_int(ts, l.end_col),
        ]);
        for _ in 0..run.units {
            out.push(item.clone());
        }
    }
    crate::protocols::get_iter(ts, &ts.new_list(out))
}

/// `code.co_lines()`: `(start, end, lineno)` byte ranges of consecutive units on one line.
fn m_co_lines(
    ts: &ThreadState,
    s: &Value,
    _a: crate::builtins::args::MethodArgs<'_>,
) -> PyResult<Value> {
    let unit = &code_of(s).unit;
    let mut ranges: Vec<(u32, u32, i32)> = Vec::new();
    let mut pos = 0u32;
    for run in &unit.line_table {
        let end = pos + run.units * 2;
        match ranges.last_mut() {
            Some(last) if last.2 == run.loc.lineno && last.1 == pos => last.1 = end,
            _ => ranges.push((pos, end, run.loc.lineno)),
        }
        pos = end;
    }
    let out = ranges
        .into_iter()
        .filter(|r| r.1 > r.0)
        .map(|(a, b, l)| {
            ts.new_tuple(vec![
                ts.new_int(a as i64),
                ts.new_int(b as i64),
                opt_int(ts, l),
            ])
        })
        .collect();
    crate::protocols::get_iter(ts, &ts.new_list(out))
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::add_getset;
    crate::objects::descr::add_method(ts, types().code, "replace", m_replace);
    crate::objects::descr::add_method(ts, types().code, "co_positions", m_co_positions);
    crate::objects::descr::add_method(ts, types().code, "co_lines", m_co_lines);
    let t = types().code;
    t.slots.repr.set(Some(code_repr));
    add_getset(ts, t, "co_name", co_name, None);
    add_getset(ts, t, "co_qualname", co_qualname, None);
    add_getset(ts, t, "co_filename", co_filename, None);
    add_getset(ts, t, "co_firstlineno", co_firstlineno, None);
    add_getset(ts, t, "co_argcount", co_argcount, None);
    add_getset(ts, t, "co_posonlyargcount", co_posonlyargcount, None);
    add_getset(ts, t, "co_kwonlyargcount", co_kwonlyargcount, None);
    add_getset(ts, t, "co_flags", co_flags, None);
    add_getset(ts, t, "co_varnames", co_varnames, None);
    add_getset(ts, t, "co_freevars", co_freevars, None);
    add_getset(ts, t, "co_cellvars", co_cellvars, None);
    add_getset(ts, t, "co_names", co_names, None);
    add_getset(ts, t, "co_consts", co_consts, None);
    add_getset(ts, t, "co_nlocals", co_nlocals, None);
}
