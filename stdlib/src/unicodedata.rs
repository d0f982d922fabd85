//! `unicodedata` (CPython's `Modules/unicodedata.c`): character properties, names and
//! normalization, answered from the tables in `vm::unicode` (Unicode 16.0), plus
//! `ucd_3_2_0`, an instance of `unicodedata.UCD` answering from the Unicode 3.2 database
//! (`stringprep` and the `idna` codec need it).
//!
//! Every function exists twice (module function, `UCD` method); both go through one
//! implementation taking a [`Db`]. Not provided: `_ucnhash_CAPI` (the VM resolves `\N{...}`
//! itself) and named sequences in `lookup` (`vm::unicode::names` has no table for them).

use std::sync::OnceLock;

use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::object::PyPayload;
use vm::objects::bytes::PyBytes;
use vm::objects::descr::add_method;
use vm::objects::dict::PyDict;
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::PyType;
use vm::runtime::none;
use vm::unicode::{self, normalize::Form, ucd_3_2_0 as v32};
use vm::{PyResult, ThreadState, Value};

/// The module's initializer.
pub const init: Option<NativeInit> = Some(unicodedata_init);

/// Which Unicode database a call answers from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Db {
    Current,
    V32,
}

/// A `unicodedata.UCD` object; the only one is `ucd_3_2_0`.
pub struct PyUcd;

impl PyPayload for PyUcd {
    const GC: bool = false;
}

static UCD_TYPE: OnceLock<&'static PyType> = OnceLock::new();

/// Makes a module function and a `UCD` method out of one implementation.
macro_rules! both {
    ($($f:ident),*) => {
        mod module_fns {
            use super::*;
            $(pub fn $f(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
                super::$f(ts, Db::Current, a)
            })*
        }
        mod ucd_methods {
            use super::*;
            $(pub fn $f(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
                check_ucd(ts, s)?;
                super::$f(ts, Db::V32, a)
            })*
        }
        const MODULE_FNS: &[(&str, vm::objects::builtin_func::BuiltinFn)] =
            &[$((stringify!($f), module_fns::$f)),*];
        const UCD_METHODS: &[(&str, vm::objects::descr::MethodFn)] =
            &[$((stringify!($f), ucd_methods::$f)),*];
    };
}

both!(
    lookup,
    name,
    decimal,
    digit,
    numeric,
    category,
    bidirectional,
    combining,
    mirrored,
    east_asian_width,
    decomposition,
    normalize,
    is_normalized
);

fn check_ucd(ts: &ThreadState, s: &Value) -> PyResult<()> {
    match s.downcast::<PyUcd>() {
        Some(_) => Ok(()),
        None => Err(ts.type_error(format!(
            "descriptor requires a 'unicodedata.UCD' object but received a '{}'",
            s.class().name()
        ))),
    }
}

fn ucd_type(ts: &ThreadState) -> &'static PyType {
    UCD_TYPE.get_or_init(|| {
        vm::runtime::new_native_type::<PyUcd>(ts, "unicodedata.UCD", None, 0, |ts, t| {
            t.slots.new.set(Some(ucd_new));
            for (n, f) in UCD_METHODS {
                add_method(ts, t, n, *f);
            }
        })
    })
}

fn ucd_new(ts: &ThreadState, _cls: &Value, _a: &[Value], _k: Option<&PyTuple>) -> PyResult<Value> {
    Err(ts.type_error("cannot create 'unicodedata.UCD' instances"))
}

fn unicodedata_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "unicodedata", MODULE_FNS)?;
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("module dict is not a dict"))?;
    let ty = ucd_type(ts);
    ty.dict()
        .set_str(ts, "unidata_version", ts.new_str(v32::UNIDATA_VERSION));
    let ucd = vm::object::alloc(ts, ty, PyUcd)?;
    dd.set_str(ts, "UCD", ty.to_value());
    dd.set_str(ts, "ucd_3_2_0", ucd);
    dd.set_str(ts, "unidata_version", ts.new_str(unicode::UNIDATA_VERSION));
    dd.set_str(
        ts,
        "__doc__",
        ts.new_str(
            "This module provides access to the Unicode Character Database which\n\
             defines character properties for all Unicode characters. The data in\n\
             this database is based on the UnicodeData.txt file version\n\
             16.0.0 which is publicly available from ftp://ftp.unicode.org/.\n\n\
             The module uses the same names and symbols as defined by the\n\
             UnicodeData File Format 16.0.0.",
        ),
    );
    Ok(m)
}

// --- arguments ---

/// The one-character argument of `fname`; `numbered` says whether CPython's message
/// names it "argument 1" (functions with a second parameter).
fn char_arg(ts: &ThreadState, fname: &str, v: &Value, numbered: bool) -> PyResult<u32> {
    let which = if numbered { "argument 1" } else { "argument" };
    let Some(s) = v.downcast::<PyStr>() else {
        return Err(ts.type_error(format!(
            "{fname}() {which} must be a unicode character, not {}",
            type_label(v)
        )));
    };
    if s.len() != 1 {
        return Err(ts.type_error(format!(
            "{fname}(): {which} must be a unicode character, not a string of length {}",
            s.len()
        )));
    }
    Ok(s.char_at(0))
}

/// How CPython's argument errors name a value's type ("None" rather than "NoneType").
fn type_label(v: &Value) -> String {
    if v.is_none() {
        "None".to_string()
    } else {
        v.class().name().to_string()
    }
}

/// A character and an optional default (`name`, `decimal`, `digit`, `numeric`).
fn char_default(
    ts: &ThreadState,
    fname: &str,
    a: MethodArgs<'_>,
) -> PyResult<(u32, Option<Value>)> {
    let [c, default] = a.parse::<2>(ts, fname, &["", ""], 1)?;
    let c = char_arg(ts, fname, &c.unwrap_or_else(none), true)?;
    Ok((c, default))
}

/// A single character (the one-parameter functions).
fn one_char(ts: &ThreadState, fname: &str, a: MethodArgs<'_>) -> PyResult<u32> {
    let [c] = a.parse::<1>(ts, fname, &[""], 1)?;
    char_arg(ts, fname, &c.unwrap_or_else(none), false)
}

/// Returns `default`, or raises ValueError `msg` when there is none.
fn or_default(ts: &ThreadState, default: Option<Value>, msg: &str) -> PyResult<Value> {
    default.ok_or_else(|| ts.value_error(msg))
}

/// The form (`None` for an empty string, which CPython answers before looking at the
/// form) and string of `normalize` / `is_normalized`.
fn form_and_str(
    ts: &ThreadState,
    fname: &str,
    a: MethodArgs<'_>,
) -> PyResult<(Option<Form>, Value, Vec<u32>)> {
    let [form, s] = a.parse::<2>(ts, fname, &["", ""], 2)?;
    let (form, s) = (form.unwrap_or_else(none), s.unwrap_or_else(none));
    let form_s = str_arg(ts, fname, 1, &form)?.to_string_lossy();
    let cps = str_arg(ts, fname, 2, &s)?.to_cps();
    // As CPython, an empty string is answered before the form is looked at.
    if cps.is_empty() {
        return Ok((None, s, cps));
    }
    let form = Form::from_name(&form_s).map_err(|e| ts.format_error(e))?;
    Ok((Some(form), s, cps))
}

fn str_arg<'v>(ts: &ThreadState, fname: &str, n: usize, v: &'v Value) -> PyResult<&'v PyStr> {
    v.downcast::<PyStr>().ok_or_else(|| {
        ts.type_error(format!(
            "{fname}() argument {n} must be str, not {}",
            type_label(v)
        ))
    })
}

// --- the functions ---

fn lookup(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "lookup", &[""], 1)?;
    let n = n.unwrap_or_else(none);
    let text = if let Some(s) = n.downcast::<PyStr>() {
        s.to_string_lossy()
    } else if let Some(b) = n.downcast::<PyBytes>() {
        String::from_utf8_lossy(&b.data).into_owned()
    } else {
        return Err(ts.type_error(format!(
            "a bytes-like object is required, not '{}'",
            n.class().name()
        )));
    };
    let cp = match db {
        Db::Current => unicode::names::lookup(&text),
        Db::V32 => v32::lookup(&text),
    }
    .map_err(|e| ts.format_error(e))?;
    Ok(ts.new_char(cp))
}

fn name(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let (c, default) = char_default(ts, "name", a)?;
    let n = match db {
        Db::Current => unicode::names::name(c),
        Db::V32 => v32::name(c),
    };
    match n {
        Some(n) => Ok(ts.new_str(&n)),
        None => or_default(ts, default, "no such name"),
    }
}

fn decimal(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let (c, default) = char_default(ts, "decimal", a)?;
    let d = match db {
        Db::Current => unicode::to_decimal(c),
        Db::V32 => v32::decimal(c),
    };
    match d {
        Some(d) => Ok(ts.new_int(d as i64)),
        None => or_default(ts, default, "not a decimal"),
    }
}

fn digit(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let (c, default) = char_default(ts, "digit", a)?;
    let d = match db {
        Db::Current => unicode::to_digit(c),
        Db::V32 => v32::digit(c),
    };
    match d {
        Some(d) => Ok(ts.new_int(d as i64)),
        None => or_default(ts, default, "not a digit"),
    }
}

fn numeric(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let (c, default) = char_default(ts, "numeric", a)?;
    let d = match db {
        Db::Current => unicode::to_numeric(c),
        Db::V32 => v32::numeric(c),
    };
    match d {
        Some(d) => Ok(ts.new_float(d)),
        None => or_default(ts, default, "not a numeric character"),
    }
}

fn category(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = one_char(ts, "category", a)?;
    Ok(ts.new_str(match db {
        Db::Current => unicode::category(c),
        Db::V32 => v32::category(c),
    }))
}

fn bidirectional(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = one_char(ts, "bidirectional", a)?;
    Ok(ts.new_str(match db {
        Db::Current => unicode::bidirectional(c),
        Db::V32 => v32::bidirectional(c),
    }))
}

fn combining(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = one_char(ts, "combining", a)?;
    Ok(ts.new_int(match db {
        Db::Current => unicode::combining(c),
        Db::V32 => v32::combining(c),
    } as i64))
}

fn mirrored(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = one_char(ts, "mirrored", a)?;
    Ok(ts.new_int(match db {
        Db::Current => unicode::mirrored(c),
        Db::V32 => v32::mirrored(c),
    } as i64))
}

fn east_asian_width(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = one_char(ts, "east_asian_width", a)?;
    Ok(ts.new_str(match db {
        Db::Current => unicode::east_asian_width(c),
        Db::V32 => v32::east_asian_width(c),
    }))
}

fn decomposition(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let c = one_char(ts, "decomposition", a)?;
    Ok(ts.new_str(&match db {
        Db::Current => unicode::decomposition(c),
        Db::V32 => v32::decomposition(c),
    }))
}

fn normalize(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let (form, s, cps) = form_and_str(ts, "normalize", a)?;
    let Some(form) = form else {
        return Ok(ts.new_str(""));
    };
    let out = match db {
        Db::Current => unicode::normalize::normalize(form, &cps),
        Db::V32 => v32::normalize(form, &cps),
    };
    // CPython hands back the argument itself when it is already normalized (an exact str:
    // a subclass's value is copied).
    if out == cps && s.class().is(vm::runtime::types().str) {
        return Ok(s);
    }
    Ok(ts.new_str_from_cps(&out))
}

fn is_normalized(ts: &ThreadState, db: Db, a: MethodArgs<'_>) -> PyResult<Value> {
    let (form, _s, cps) = form_and_str(ts, "is_normalized", a)?;
    let Some(form) = form else {
        return Ok(vm::runtime::py_bool(true));
    };
    Ok(vm::runtime::py_bool(match db {
        Db::Current => unicode::normalize::is_normalized(form, &cps),
        Db::V32 => v32::is_normalized(form, &cps),
    }))
}
