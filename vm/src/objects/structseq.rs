//! Struct sequences: tuple subclasses whose items are also named attributes
//! (`sys.version_info`, `sys.flags`, `sys.float_info`, later `time.struct_time` and
//! `os.stat_result`), as CPython's `Objects/structseq.c`.
//!
//! A struct sequence type is a native type with `PyTuple` layout, so every tuple operation
//! (indexing, slicing to a plain tuple, comparison, hashing, iteration) works unchanged. Each
//! field is a getset descriptor on the type whose getter reads one tuple index; the getters are
//! one monomorphised function per index ([`FIELD_GETTERS`]), so no per-field closure is needed.
//! The type dict carries CPython's `n_fields`, `n_sequence_fields`, `n_unnamed_fields` and
//! `__match_args__`; `repr` is `name(field=value, ...)`.
//!
//! Not supported yet: fields outside the sequence part (CPython's "invisible" fields such as
//! `stat_result.st_atime_ns`). [`StructSeqDesc::extra`] adds constants to the type instead,
//! which is enough for singletons like `sys.flags`.
//!
//! Entry points: [`new_type`] (once per process, the type is immortal) and [`new_instance`].

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::objects::descr::{add_getset, add_method, GetterFn};
use crate::objects::tuple::{new_tuple_of_type, PyTuple};
use crate::objects::typeobj::{flags, PyType};
use crate::protocols;
use crate::runtime::{new_native_type, types};
use crate::thread_state::ThreadState;
use crate::value::Value;

/// The shape of one struct sequence type.
pub struct StructSeqDesc {
    /// `"module.name"`, as CPython's `tp_name` (`"sys.version_info"`).
    pub name: &'static str,
    /// Names of the sequence fields, in order (at most [`MAX_FIELDS`]).
    pub fields: &'static [&'static str],
    /// Whether `Type(sequence)` makes instances (`time.struct_time`) or raises
    /// "cannot create 'sys.version_info' instances".
    pub instantiable: bool,
}

/// Most fields one struct sequence type may have.
pub const MAX_FIELDS: usize = 32;

fn field<const I: usize>(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    v.downcast::<PyTuple>()
        .and_then(|t| t.as_slice().get(I).cloned())
        .ok_or_else(|| ts.type_error("descriptor requires a struct sequence"))
}

macro_rules! getters {
    ($($i:literal)*) => { [$(field::<$i> as GetterFn),*] };
}

/// The getter of field `i`, one function per index.
const FIELD_GETTERS: [GetterFn; MAX_FIELDS] = getters!(
    0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
);

/// Creates the type described by `desc`; `extra` are constants put in its dict (for fields a
/// singleton shows as attributes only, such as `sys.flags.gil`).
pub fn new_type(
    ts: &ThreadState,
    desc: &StructSeqDesc,
    extra: &[(&str, Value)],
) -> &'static PyType {
    debug_assert!(
        desc.fields.len() <= MAX_FIELDS,
        "{} has too many fields",
        desc.name
    );
    let fl = if desc.instantiable {
        flags::BASETYPE
    } else {
        0
    };
    new_native_type::<PyTuple>(ts, desc.name, Some(types().tuple), fl, |ts, t| {
        for (name, get) in desc.fields.iter().zip(FIELD_GETTERS) {
            add_getset(ts, t, name, get, None);
        }
        let n = desc.fields.len();
        let d = t.dict();
        let put = |k: &str, v: Value| {
            let _ = d.set_item(ts, ts.intern(k), v);
        };
        put("n_fields", ts.new_usize(n + extra.len()));
        put("n_sequence_fields", ts.new_usize(n));
        put("n_unnamed_fields", ts.new_int(0));
        let names = desc.fields.iter().map(|f| ts.intern(f)).collect();
        put("__match_args__", ts.new_tuple(names));
        for (k, v) in extra {
            put(k, v.clone());
        }
        t.slots.repr.set(Some(structseq_repr));
        t.slots.new.set(Some(if desc.instantiable {
            structseq_new
        } else {
            structseq_no_new
        }));
        add_method(ts, t, "__reduce__", structseq_reduce);
        add_method(ts, t, "__replace__", structseq_replace);
    })
}

/// An instance of struct sequence type `ty` with these items.
pub fn new_instance(ts: &ThreadState, ty: &PyType, items: Vec<Value>) -> PyResult<Value> {
    new_tuple_of_type(ts, ty, items)
}

/// The field names of `ty` (its `__match_args__`).
fn field_names(ts: &ThreadState, ty: &PyType) -> Vec<Value> {
    ty.lookup(ts, &ts.intern("__match_args__"))
        .map(|m| m.as_tuple_slice().to_vec())
        .unwrap_or_default()
}

fn structseq_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let ty = v.class();
    let items = v.as_tuple_slice();
    let names = field_names(ts, ty);
    let Some(_g) = ts.repr_enter(v) else {
        return Ok(ts.new_str(&format!("{}(...)", ty.name())));
    };
    let mut out = format!("{}(", ty.name());
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if let Some(n) = names.get(i) {
            out.push_str(&crate::objects::str::str_lossy(n));
            out.push('=');
        }
        out.push_str(&protocols::repr_string(ts, x)?);
    }
    out.push(')');
    Ok(ts.new_str(&out))
}

fn structseq_no_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    Err(ts.type_error(format!(
        "cannot create '{}' instances",
        cls.as_type().name()
    )))
}

/// `Type(sequence, dict=None)`.
fn structseq_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let ty = cls.as_type();
    let a = crate::builtins::args::parse(ts, &ty.name(), args, kw, &["sequence", "dict"], 1, 0)?;
    let seq = a[0].clone().unwrap_or_else(crate::runtime::none);
    let items = protocols::collect(ts, &seq).map_err(|e| {
        if e.matches(types().exc.type_error) {
            ts.type_error("constructor requires a sequence")
        } else {
            e
        }
    })?;
    let n = field_names(ts, ty).len();
    if items.len() != n {
        return Err(ts.type_error(format!(
            "{}() takes a {n}-sequence ({}-sequence given)",
            ty.name(),
            items.len()
        )));
    }
    new_instance(ts, ty, items)
}

fn structseq_reduce(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let items = ts.new_tuple(s.as_tuple_slice().to_vec());
    let args = ts.new_tuple(vec![items, ts.new_dict()]);
    Ok(ts.new_tuple(vec![s.class().to_value(), args]))
}

/// `copy.replace(seq, field=value, ...)`.
fn structseq_replace(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let ty = s.class();
    if !a.args.is_empty() && a.kwnames.is_none_or(|k| k.len() < a.args.len()) {
        return Err(ts.type_error("__replace__() takes no positional arguments"));
    }
    let names = field_names(ts, ty);
    let mut items = s.as_tuple_slice().to_vec();
    if let Some(kw) = a.kwnames {
        let vals = &a.args[a.args.len() - kw.len()..];
        for (k, v) in kw.as_slice().iter().zip(vals) {
            let key = crate::objects::str::str_lossy(k);
            let pos = names
                .iter()
                .position(|n| crate::objects::str::str_lossy(n) == key)
                .ok_or_else(|| {
                    ts.type_error(format!(
                        "__replace__() got an unexpected keyword argument '{key}'"
                    ))
                })?;
            if let Some(slot) = items.get_mut(pos) {
                *slot = v.clone();
            }
        }
    }
    new_instance(ts, ty, items)
}
