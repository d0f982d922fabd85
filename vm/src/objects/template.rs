//! Template strings (PEP 750): `string.templatelib.Template` and `Interpolation`, the values of
//! `t"..."` literals, and the two opcodes that build them (BUILD_INTERPOLATION, BUILD_TEMPLATE).
//!
//! As in CPython (`Objects/templateobject.c`, `Objects/interpolationobject.c`) these are
//! builtin types; `Lib/string/templatelib.py` finds them with `type(t"{0}")`. A template holds
//! `strings` (one more than the interpolations, possibly empty) and `interpolations`, both
//! tuples, immutable after creation.

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::object::PyPayload;
use crate::objects::seq::trace_value;
use crate::objects::slots::BinOp;
use crate::objects::str::{str_lossy, PyStr};
use crate::objects::tuple::PyTuple;
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::{none, not_implemented};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use std::sync::OnceLock;

/// A `string.templatelib.Template`.
pub struct PyTemplate {
    /// Tuple of str, `interpolations.len() + 1` items.
    strings: Value,
    /// Tuple of Interpolation.
    interpolations: Value,
}

impl PyPayload for PyTemplate {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.strings, t);
        trace_value(&self.interpolations, t);
    }
}

/// A `string.templatelib.Interpolation`.
pub struct PyInterpolation {
    value: Value,
    expression: Value,
    /// None or one of "s", "r", "a".
    conversion: Value,
    format_spec: Value,
}

impl PyPayload for PyInterpolation {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        for v in [
            &self.value,
            &self.expression,
            &self.conversion,
            &self.format_spec,
        ] {
            trace_value(v, t);
        }
    }
}

static TEMPLATE: OnceLock<&'static PyType> = OnceLock::new();
static INTERPOLATION: OnceLock<&'static PyType> = OnceLock::new();

fn template_type(ts: &ThreadState) -> &'static PyType {
    TEMPLATE.get_or_init(|| {
        crate::runtime::new_native_type::<PyTemplate>(
            ts,
            "string.templatelib.Template",
            None,
            0,
            setup_template,
        )
    })
}

fn interpolation_type(ts: &ThreadState) -> &'static PyType {
    INTERPOLATION.get_or_init(|| {
        crate::runtime::new_native_type::<PyInterpolation>(
            ts,
            "string.templatelib.Interpolation",
            None,
            0,
            setup_interpolation,
        )
    })
}

fn new_template(ts: &ThreadState, strings: Vec<Value>, interps: Vec<Value>) -> PyResult<Value> {
    debug_assert_eq!(strings.len(), interps.len() + 1, "template shape");
    crate::object::alloc(
        ts,
        template_type(ts),
        PyTemplate {
            strings: ts.new_tuple(strings),
            interpolations: ts.new_tuple(interps),
        },
    )
}

fn conversion_value(ts: &ThreadState, c: u32) -> Value {
    match c {
        1 => ts.new_str("s"),
        2 => ts.new_str("r"),
        3 => ts.new_str("a"),
        _ => none(),
    }
}

/// BUILD_INTERPOLATION: `(value, expression[, format_spec] -- interpolation)`; bit 0 of
/// `oparg` says whether a format spec is on the stack, `oparg >> 2` is the conversion.
pub fn build_interpolation(
    ts: &ThreadState,
    value: Value,
    expression: Value,
    format_spec: Option<Value>,
    oparg: u32,
) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        interpolation_type(ts),
        PyInterpolation {
            value,
            expression,
            conversion: conversion_value(ts, oparg >> 2),
            format_spec: format_spec.unwrap_or_else(crate::runtime::empty_str),
        },
    )
}

/// BUILD_TEMPLATE: `(strings, interpolations -- template)`, both tuples.
pub fn build_template(ts: &ThreadState, strings: Value, interps: Value) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        template_type(ts),
        PyTemplate {
            strings,
            interpolations: interps,
        },
    )
}

fn tpl(v: &Value) -> Option<&PyTemplate> {
    v.downcast::<PyTemplate>()
}

fn interp(v: &Value) -> Option<&PyInterpolation> {
    v.downcast::<PyInterpolation>()
}

/// Joins `parts` (str and Interpolation, in order) into the strings/interpolations shape:
/// adjacent strings concatenate, and a string is implied between two interpolations.
fn normalize(ts: &ThreadState, parts: &[Value]) -> PyResult<(Vec<Value>, Vec<Value>)> {
    let mut strings = Vec::new();
    let mut interps = Vec::new();
    let mut pending = String::new();
    for p in parts {
        if p.downcast::<PyStr>().is_some() {
            pending.push_str(&str_lossy(p));
        } else if interp(p).is_some() {
            strings.push(ts.new_str(&std::mem::take(&mut pending)));
            interps.push(p.clone());
        } else {
            return Err(ts.type_error(format!(
                "Template.__new__ *args need to be of type 'str' or 'Interpolation', got {}",
                p.class().name()
            )));
        }
    }
    strings.push(ts.new_str(&pending));
    Ok((strings, interps))
}

fn template_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    if kw.is_some_and(|k| !k.is_empty()) {
        return Err(ts.type_error("Template.__new__ only accepts *args arguments"));
    }
    let (s, i) = normalize(ts, args)?;
    new_template(ts, s, i)
}

fn template_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = tpl(v).ok_or_else(|| ts.type_error("expected a Template"))?;
    Ok(ts.new_str(&format!(
        "Template(strings={}, interpolations={})",
        protocols::repr_string(ts, &t.strings)?,
        protocols::repr_string(ts, &t.interpolations)?
    )))
}

/// Iteration: the non-empty strings and the interpolations, in order.
fn template_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = tpl(v).ok_or_else(|| ts.type_error("expected a Template"))?;
    let strings = t.strings.as_tuple_slice();
    let interps = t.interpolations.as_tuple_slice();
    let mut items = Vec::with_capacity(strings.len() + interps.len());
    for (i, s) in strings.iter().enumerate() {
        if !str_lossy(s).is_empty() {
            items.push(s.clone());
        }
        if let Some(x) = interps.get(i) {
            items.push(x.clone());
        }
    }
    protocols::get_iter(ts, &ts.new_list(items))
}

fn template_add(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if op != BinOp::Add {
        return Ok(not_implemented());
    }
    let (Some(x), Some(y)) = (tpl(a), tpl(b)) else {
        if tpl(a).is_some() && b.downcast::<PyStr>().is_some() {
            return Err(ts.type_error(format!(
                "can only concatenate string.templatelib.Template (not \"{}\") to string.templatelib.Template",
                b.class().name()
            )));
        }
        if tpl(b).is_some() && a.downcast::<PyStr>().is_some() {
            return Err(ts.type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                b.class().name()
            )));
        }
        return Ok(not_implemented());
    };
    let mut parts = Vec::new();
    for t in [x, y] {
        let strings = t.strings.as_tuple_slice();
        let interps = t.interpolations.as_tuple_slice();
        for (i, s) in strings.iter().enumerate() {
            parts.push(s.clone());
            if let Some(x) = interps.get(i) {
                parts.push(x.clone());
            }
        }
    }
    let (s, i) = normalize(ts, &parts)?;
    new_template(ts, s, i)
}

fn t_strings(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(tpl(v)
        .ok_or_else(|| ts.type_error("expected a Template"))?
        .strings
        .clone())
}

fn t_interpolations(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(tpl(v)
        .ok_or_else(|| ts.type_error("expected a Template"))?
        .interpolations
        .clone())
}

fn t_values(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let t = tpl(v).ok_or_else(|| ts.type_error("expected a Template"))?;
    let vals = t
        .interpolations
        .as_tuple_slice()
        .iter()
        .map(|i| interp(i).map(|x| x.value.clone()).unwrap_or_else(none))
        .collect();
    Ok(ts.new_tuple(vals))
}

/// `__reduce__`: `(string.templatelib._template_unpickle, (strings, interpolations))`.
fn template_reduce(ts: &ThreadState, v: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let t = tpl(v).ok_or_else(|| ts.type_error("expected a Template"))?;
    let m = crate::import::import_module(ts, "string.templatelib")?;
    let f = protocols::get_attr_str(ts, &m, "_template_unpickle")?;
    Ok(ts.new_tuple(vec![
        f,
        ts.new_tuple(vec![t.strings.clone(), t.interpolations.clone()]),
    ]))
}

fn setup_template(ts: &ThreadState, t: &'static PyType) {
    use crate::objects::descr::{add_getset, add_method};
    t.slots.new.set(Some(template_new));
    t.slots.repr.set(Some(template_repr));
    t.slots.iter.set(Some(template_iter));
    t.slots.binary.set(Some(template_add));
    add_getset(ts, t, "strings", t_strings, None);
    add_getset(ts, t, "interpolations", t_interpolations, None);
    add_getset(ts, t, "values", t_values, None);
    add_method(ts, t, "__reduce__", template_reduce);
}

fn interpolation_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = MethodArgs::new(args, kw);
    let [value, expression, conversion, format_spec] = a.parse::<4>(
        ts,
        "Interpolation",
        &["value", "expression", "conversion", "format_spec"],
        1,
    )?;
    let expression = expression.unwrap_or_else(crate::runtime::empty_str);
    let format_spec = format_spec.unwrap_or_else(crate::runtime::empty_str);
    for (n, v, i) in [
        ("expression", &expression, 2),
        ("format_spec", &format_spec, 4),
    ] {
        if v.downcast::<PyStr>().is_none() {
            return Err(ts.type_error(format!(
                "Interpolation() argument '{n}' (pos {i}) must be str, not {}",
                v.class().name()
            )));
        }
    }
    let conversion = conversion.unwrap_or_else(none);
    let ok = conversion.is_none()
        || (conversion.downcast::<PyStr>().is_some()
            && matches!(str_lossy(&conversion).as_str(), "s" | "r" | "a"));
    if !ok {
        return Err(
            ts.value_error("Interpolation() argument 'conversion' must be one of 's', 'a' or 'r'")
        );
    }
    crate::object::alloc(
        ts,
        interpolation_type(ts),
        PyInterpolation {
            value: value.expect("required"),
            expression,
            conversion,
            format_spec,
        },
    )
}

fn interpolation_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let i = interp(v).ok_or_else(|| ts.type_error("expected an Interpolation"))?;
    Ok(ts.new_str(&format!(
        "Interpolation({}, {}, {}, {})",
        protocols::repr_string(ts, &i.value)?,
        protocols::repr_string(ts, &i.expression)?,
        protocols::repr_string(ts, &i.conversion)?,
        protocols::repr_string(ts, &i.format_spec)?
    )))
}

macro_rules! interp_getter {
    ($fname:ident, $field:ident) => {
        fn $fname(ts: &ThreadState, v: &Value) -> PyResult<Value> {
            Ok(interp(v)
                .ok_or_else(|| ts.type_error("expected an Interpolation"))?
                .$field
                .clone())
        }
    };
}
interp_getter!(i_value, value);
interp_getter!(i_expression, expression);
interp_getter!(i_conversion, conversion);
interp_getter!(i_format_spec, format_spec);

fn interpolation_reduce(ts: &ThreadState, v: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let i = interp(v).ok_or_else(|| ts.type_error("expected an Interpolation"))?;
    Ok(ts.new_tuple(vec![
        v.class().to_value(),
        ts.new_tuple(vec![
            i.value.clone(),
            i.expression.clone(),
            i.conversion.clone(),
            i.format_spec.clone(),
        ]),
    ]))
}

fn setup_interpolation(ts: &ThreadState, t: &'static PyType) {
    use crate::objects::descr::{add_getset, add_method};
    t.slots.new.set(Some(interpolation_new));
    t.slots.repr.set(Some(interpolation_repr));
    add_getset(ts, t, "value", i_value, None);
    add_getset(ts, t, "expression", i_expression, None);
    add_getset(ts, t, "conversion", i_conversion, None);
    add_getset(ts, t, "format_spec", i_format_spec, None);
    add_method(ts, t, "__reduce__", interpolation_reduce);
    let names = ["value", "expression", "conversion", "format_spec"]
        .iter()
        .map(|n| ts.new_str(n))
        .collect();
    let _ = t.set_attr_str(ts, "__match_args__", ts.new_tuple(names));
}
