//! `_string`: `formatter_parser` and `formatter_field_name_split`, what `string.Formatter`
//! uses (CPython's `Objects/unicodeobject.c` + `stringlib/unicode_format.h`).
//!
//! The parsing is the VM's `text::fstring` (shared with `str.format`). The Rust functions
//! return every item parsed before the first error plus that error; `_string.py` turns them
//! into iterators that raise the error after the items, as CPython's lazy iterators do.

use crate::pysource::module_from_source;
use vm::builtins::args::MethodArgs;
use vm::builtins::modules::NativeInit;
use vm::objects::str::PyStr;
use vm::runtime::{none, py_bool};
use vm::text::fstring::{field_name_split, Accessor, FieldFirst, MarkupIter, ParserItem};
use vm::{PyResult, ThreadState, Value};

const SOURCE: &str = include_str!("_string.py");

/// The code points of the one `str` argument.
fn str_arg(ts: &ThreadState, a: &MethodArgs<'_>, fname: &str) -> PyResult<Vec<u32>> {
    let [s] = a.parse::<1>(ts, fname, &[""], 1)?;
    let s = s.ok_or_else(|| ts.type_error(format!("{fname}() missing argument")))?;
    match s.downcast::<PyStr>() {
        Some(p) => Ok(p.to_cps()),
        None => Err(ts.type_error(format!("expected str, got {}", s.class().name()))),
    }
}

fn opt_str(ts: &ThreadState, cps: Option<&[u32]>) -> Value {
    cps.map_or_else(none, |c| ts.new_str_from_cps(c))
}

/// `_parse(s)`: `([(literal, field_name, format_spec, conversion)...], error or None)`.
fn _parse(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let s = str_arg(ts, &a, "formatter_parser")?;
    let mut items = Vec::new();
    let mut err = none();
    for m in MarkupIter::new(&s) {
        match m {
            Ok(m) => {
                let it = ParserItem::new(&s, &m);
                items.push(ts.new_tuple(vec![
                    ts.new_str_from_cps(&it.literal),
                    opt_str(ts, it.field_name.as_deref()),
                    opt_str(ts, it.format_spec.as_deref()),
                    it.conversion
                        .map_or_else(none, |c| ts.new_str_from_cps(&[c])),
                ]));
            }
            Err(e) => {
                err = ts.format_error(e).into_value();
                break;
            }
        }
    }
    Ok(ts.new_tuple(vec![ts.new_list(items), err]))
}

/// `_split(name)`: `(first, [(is_attr, key)...], error or None)`.
fn _split(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let s = str_arg(ts, &a, "formatter_field_name_split")?;
    let (first, rest) = field_name_split(&s, None).map_err(|e| ts.format_error(e))?;
    let first = match first {
        FieldFirst::Index(i) => ts.new_usize(i),
        FieldFirst::Name(n) => ts.new_str_from_cps(&n),
    };
    let mut items = Vec::new();
    let mut err = none();
    for acc in rest {
        match acc {
            Ok(Accessor::Attr(n)) => {
                items.push(ts.new_tuple(vec![py_bool(true), ts.new_str_from_cps(&n)]))
            }
            Ok(Accessor::Index(i)) => {
                items.push(ts.new_tuple(vec![py_bool(false), ts.new_usize(i)]))
            }
            Ok(Accessor::Key(k)) => {
                items.push(ts.new_tuple(vec![py_bool(false), ts.new_str_from_cps(&k)]))
            }
            Err(e) => {
                err = ts.format_error(e).into_value();
                break;
            }
        }
    }
    Ok(ts.new_tuple(vec![first, ts.new_list(items), err]))
}

fn string_init(ts: &ThreadState) -> PyResult<Value> {
    module_from_source(
        ts,
        "_string",
        &[("_parse", _parse), ("_split", _split)],
        SOURCE,
    )
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(string_init);
