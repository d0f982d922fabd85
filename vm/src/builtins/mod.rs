//! The `builtins` module: builtin functions and the names of the builtin types and
//! exceptions. Also hosts the native modules the core needs (`sys`, `_thread`, `time`,
//! `_weakref`): see `sys.rs`, `thread.rs`, `modules.rs`.

pub mod args;
pub(crate) mod compile;
pub mod docs;
mod gamma;
pub mod gc_module;
pub mod modules;
pub mod sys;
pub mod thread;

use crate::errors::PyResult;
use crate::objects::builtin_func::{new_builtin, BuiltinFn};
use crate::objects::dict::PyDict;
use crate::objects::str::{str_lossy, PyStr};
use crate::protocols;
use crate::runtime::{names, none, py_bool, types, Runtime};
use crate::thread_state::ThreadState;
use crate::value::Value;
use args::MethodArgs;
use std::io::Write;

pub use compile::{AstHooks, AST_HOOKS};

/// Writes to the process's stdout (detached: it may block).
pub fn write_stdout(ts: &ThreadState, s: &str) -> PyResult<()> {
    let r = ts.detached(|| {
        let mut out = std::io::stdout().lock();
        out.write_all(s.as_bytes())
    });
    r.map_err(|e| ts.os_error(e.to_string()))
}

pub fn write_stderr(ts: &ThreadState, s: &str) -> PyResult<()> {
    let r = ts.detached(|| {
        let mut out = std::io::stderr().lock();
        out.write_all(s.as_bytes())
    });
    r.map_err(|e| ts.os_error(e.to_string()))
}

fn b_print(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (pos, kw) = a.split();
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file: Option<Value> = None;
    let mut flush = false;
    for (k, v) in kw {
        let kn = str_lossy(&k);
        match kn.as_str() {
            "sep" | "end" => {
                if !v.is_none() {
                    let s = v.downcast::<PyStr>().ok_or_else(|| {
                        ts.type_error(format!(
                            "{kn} must be None or a string, not {}",
                            v.class().name()
                        ))
                    })?;
                    if kn == "sep" {
                        sep = s.to_string_lossy();
                    } else {
                        end = s.to_string_lossy();
                    }
                }
            }
            "file" => {
                if !v.is_none() {
                    file = Some(v);
                }
            }
            "flush" => flush = protocols::is_true(ts, &v)?,
            _ => {
                return Err(args::unexpected_keyword(
                    ts,
                    "print",
                    &["*sep", "*end", "*file", "*flush"],
                    &kn,
                ))
            }
        }
    }
    let explicit_file = file.is_some();
    let file = match file {
        Some(f) => f,
        None => sys::sys_attr(ts, "stdout").unwrap_or_else(none),
    };
    if file.is_none() {
        return Ok(none());
    }
    let std = (!explicit_file)
        .then(|| file.downcast::<sys::stdio::PyStdText>())
        .flatten();
    if let Some(std) = std {
        // The real standard stream: one native write, no method lookup. A piece with lone
        // surrogates goes on its own, so the stream's error handler sees it.
        let mut text = String::new();
        for (i, v) in pos.iter().enumerate() {
            if i > 0 {
                text.push_str(&sep);
            }
            let piece = protocols::str(ts, v)?;
            match piece.downcast::<PyStr>() {
                Some(p) if p.as_str().is_some() => text.push_str(p.as_str().unwrap_or("")),
                Some(p) if p.cps().any(|c| (0xd800..0xe000).contains(&c)) => {
                    std.write_utf8(ts, &std::mem::take(&mut text))?;
                    std.write_text(ts, &piece)?;
                }
                _ => text.push_str(&str_lossy(&piece)),
            }
        }
        text.push_str(&end);
        std.write_utf8(ts, &text)?;
        if flush {
            protocols::call_method(ts, &file, "flush", &[])?;
        }
        return Ok(none());
    }
    let w = protocols::get_attr(ts, &file, &names().write)?;
    if explicit_file {
        // CPython writes each piece with its own `write` call; a custom writer sees them.
        let (sep_v, end_v) = (ts.new_str(&sep), ts.new_str(&end));
        for (i, v) in pos.iter().enumerate() {
            if i > 0 {
                protocols::call(ts, &w, std::slice::from_ref(&sep_v), None)?;
            }
            let piece = protocols::str(ts, v)?;
            protocols::call(ts, &w, &[piece], None)?;
        }
        protocols::call(ts, &w, &[end_v], None)?;
    } else {
        let mut text = String::new();
        for (i, v) in pos.iter().enumerate() {
            if i > 0 {
                text.push_str(&sep);
            }
            text.push_str(&protocols::str_string(ts, v)?);
        }
        text.push_str(&end);
        protocols::call(ts, &w, &[ts.new_str(&text)], None)?;
    }
    if flush {
        if let Some(fl) = protocols::get_attr_opt(ts, &file, &names().flush)? {
            protocols::call(ts, &fl, &[], None)?;
        }
    }
    Ok(none())
}

fn one(ts: &ThreadState, a: &MethodArgs<'_>, name: &str) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, name, &[""], 1)?;
    Ok(x.expect("required"))
}

fn b_len(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "len")?;
    Ok(ts.new_usize(protocols::len(ts, &x)?))
}

fn b_repr(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "repr")?;
    protocols::repr(ts, &x)
}

fn b_ascii(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "ascii")?;
    let r = protocols::repr_cps(ts, &x)?;
    Ok(ts.new_str_from_cps(&crate::text::printf::ascii_escape(&r)))
}

fn b_isinstance(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, c] = a.parse::<2>(ts, "isinstance", &["", ""], 2)?;
    Ok(py_bool(protocols::isinstance(
        ts,
        &x.expect("required"),
        &c.expect("required"),
    )?))
}

fn b_issubclass(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, c] = a.parse::<2>(ts, "issubclass", &["", ""], 2)?;
    Ok(py_bool(protocols::issubclass(
        ts,
        &x.expect("required"),
        &c.expect("required"),
    )?))
}

fn b_iter(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, sentinel] = a.parse::<2>(ts, "iter", &["", ""], 1)?;
    let x = x.expect("required");
    match sentinel {
        Some(s) => {
            if !protocols::is_callable(&x) {
                return Err(ts.type_error("iter(v, w): v must be callable"));
            }
            crate::objects::iter::new_callable_iter(ts, x, s)
        }
        None => protocols::get_iter(ts, &x),
    }
}

fn b_next(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [it, default] = a.parse::<2>(ts, "next", &["", ""], 1)?;
    let it = it.expect("required");
    if !it.class().slots.iternext.is_set() {
        return Err(ts.type_error(format!("'{}' object is not an iterator", it.class().name())));
    }
    match protocols::next_raw(ts, &it) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => match default {
            Some(d) => Ok(d),
            None => Err(ts.stop_iteration(None)),
        },
        Err(e) if default.is_some() && e.matches(types().exc.stop_iteration) => {
            Ok(default.unwrap_or_else(none))
        }
        Err(e) => Err(e),
    }
}

fn b_build_class(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (pos, kw) = a.split();
    if pos.len() < 2 {
        return Err(ts.type_error("__build_class__: not enough arguments"));
    }
    let func = &pos[0];
    let name = &pos[1];
    if func
        .downcast::<crate::objects::function::PyFunction>()
        .is_none()
    {
        return Err(ts.type_error("__build_class__: func must be a function"));
    }
    if name.downcast::<PyStr>().is_none() {
        return Err(ts.type_error("__build_class__: name is not a string"));
    }
    let orig_bases: Vec<Value> = pos[2..].to_vec();
    // __mro_entries__
    let mut bases = Vec::new();
    let mut changed = false;
    for b in &orig_bases {
        if b.is_type() {
            bases.push(b.clone());
            continue;
        }
        match protocols::get_attr_opt(ts, b, &names().__mro_entries__)? {
            Some(me) => {
                let r = protocols::call(ts, &me, &[ts.new_tuple(orig_bases.clone())], None)?;
                if r.downcast::<crate::objects::tuple::PyTuple>().is_none() {
                    return Err(ts.type_error("__mro_entries__ must return a tuple"));
                }
                bases.extend(r.as_tuple_slice().iter().cloned());
                changed = true;
            }
            None => bases.push(b.clone()),
        }
    }
    let mut meta: Option<Value> = None;
    let mut kwargs: Vec<(Value, Value)> = Vec::new();
    for (k, v) in kw {
        if str_lossy(&k) == "metaclass" {
            meta = Some(v);
        } else {
            kwargs.push((k, v));
        }
    }
    let is_class = meta.as_ref().is_none_or(|m| m.is_type());
    let mut meta = match meta {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => b.class().to_value(),
            None => types().type_.to_value(),
        },
    };
    if is_class {
        meta = crate::objects::class_new::calculate_metaclass(ts, &meta, &bases)?;
    }
    let bases_t = ts.new_tuple(bases);
    let (kn, kv): (Vec<Value>, Vec<Value>) = kwargs.iter().cloned().unzip();
    let kwt = if kn.is_empty() {
        None
    } else {
        Some(ts.new_tuple(kn.clone()))
    };
    let kwp = kwt
        .as_ref()
        .and_then(|k| k.downcast::<crate::objects::tuple::PyTuple>());
    let ns = match protocols::get_attr_opt(ts, &meta, &names().__prepare__)? {
        Some(p) => {
            let mut args = vec![name.clone(), bases_t.clone()];
            args.extend(kv.iter().cloned());
            protocols::call(ts, &p, &args, kwp)?
        }
        None => ts.new_dict(),
    };
    if ns.downcast::<PyDict>().is_none() && !ns.class().slots.getitem.is_set() {
        return Err(ts.type_error(format!(
            "{}.__prepare__() must return a mapping, not {}",
            if meta.is_type() {
                meta.as_type().name()
            } else {
                "<metaclass>".into()
            },
            ns.class().name()
        )));
    }
    // Run the class body with `ns` as its locals.
    let f = func
        .downcast::<crate::objects::function::PyFunction>()
        .expect("checked");
    let mut frame = crate::interp::call::new_frame(
        ts,
        f.code.clone(),
        Some(func.clone()),
        f.globals.clone(),
        f.builtins.clone(),
        Some(ns.clone()),
    );
    frame.locals = Some(ns.clone());
    let cell = crate::interp::eval::run_to_return(ts, frame)?;
    if changed {
        protocols::set_item(ts, &ns, &names().__orig_bases__, ts.new_tuple(orig_bases))?;
    }
    let mut args = vec![name.clone(), bases_t, ns];
    args.extend(kv);
    let cls = protocols::call(ts, &meta, &args, kwp)?;
    if let Some(c) = cell.downcast::<crate::objects::function::PyCell>() {
        if cls.is_type() {
            let cur = c.get();
            if cur.as_ref().is_none_or(|x| !x.is(&cls)) {
                if cur.is_none() {
                    drop(c.set(Some(cls.clone())));
                } else {
                    return Err(ts.type_error(format!(
                        "__class__ set to {} defining {} as {}",
                        protocols::repr_string(ts, &cur.unwrap_or_else(none))?,
                        str_lossy(name),
                        protocols::repr_string(ts, &cls)?
                    )));
                }
            }
        }
    }
    Ok(cls)
}

fn b_abs(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "abs")?;
    protocols::unary_op(ts, &x, crate::objects::slots::UnaryOp::Abs)
}

fn minmax(ts: &ThreadState, a: MethodArgs<'_>, name: &str, want_max: bool) -> PyResult<Value> {
    let (pos, kw) = a.split();
    let mut key = None;
    let mut default = None;
    for (k, v) in kw {
        match str_lossy(&k).as_str() {
            "key" => key = Some(v).filter(|v| !v.is_none()),
            "default" => default = Some(v),
            other => {
                return Err(ts.type_error(format!(
                    "{name}() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    let items: Vec<Value> = match pos.len() {
        0 => return Err(ts.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => protocols::collect(ts, &pos[0])?,
        _ => {
            if default.is_some() {
                return Err(ts.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            pos
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for v in items {
        let k = match &key {
            Some(f) => protocols::call(ts, f, std::slice::from_ref(&v), None)?,
            None => v.clone(),
        };
        best = match best {
            None => Some((k, v)),
            Some((bk, bv)) => {
                let better = if want_max {
                    protocols::rich_compare_bool(ts, &k, &bk, crate::objects::slots::CmpOp::Gt)?
                } else {
                    protocols::rich_compare_bool(ts, &k, &bk, crate::objects::slots::CmpOp::Lt)?
                };
                if better {
                    Some((k, v))
                } else {
                    Some((bk, bv))
                }
            }
        };
    }
    match best {
        Some((_, v)) => Ok(v),
        None => {
            default.ok_or_else(|| ts.value_error(format!("{name}() iterable argument is empty")))
        }
    }
}

fn b_min(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    minmax(ts, a, "min", false)
}
fn b_max(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    minmax(ts, a, "max", true)
}

fn b_sum(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [it, start] = a.parse::<2>(ts, "sum", &["", "start"], 1)?;
    let mut acc = start.unwrap_or_else(|| ts.new_int(0));
    if acc.downcast::<PyStr>().is_some() {
        return Err(ts.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if crate::objects::bytes::bytes_data(&acc).is_some() {
        return Err(ts.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    let iter = protocols::get_iter(ts, &it.expect("required"))?;
    let mut fsum: Option<f64> = None;
    // Neumaier's compensation for the float run, as CPython's sum() (3.12+).
    let mut comp = 0.0f64;
    while let Some(v) = protocols::next(ts, &iter)? {
        if let (Some(x), Some(y)) = (acc.as_inline_int(), v.as_inline_int()) {
            if let Some(r) = x.checked_add(y) {
                acc = ts.new_int(r);
                continue;
            }
        }
        if let (Some(f), true) = (
            crate::objects::float::as_float(&v),
            acc.class().is(types().float) || fsum.is_some(),
        ) {
            let cur = fsum.unwrap_or_else(|| crate::objects::float::as_float(&acc).unwrap_or(0.0));
            let t = cur + f;
            if cur.abs() >= f.abs() {
                comp += (cur - t) + f;
            } else {
                comp += (f - t) + cur;
            }
            fsum = Some(t);
            let total = if comp != 0.0 && comp.is_finite() {
                t + comp
            } else {
                t
            };
            acc = ts.new_float(total);
            continue;
        }
        fsum = None;
        comp = 0.0;
        acc = protocols::binary_op(ts, &acc, &v, crate::objects::slots::BinOp::Add)?;
    }
    Ok(acc)
}

fn b_sorted(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let npos = a.positional().len();
    if npos != 1 {
        return Err(ts.type_error(format!("sorted expected 1 argument, got {npos}")));
    }
    // The keywords are `list.sort`'s, and so are its messages.
    let [it, key, reverse] = a.parse::<3>(ts, "sort", &["", "*key", "*reverse"], 1)?;
    let items = protocols::collect(ts, &it.expect("required"))?;
    let reverse = match reverse {
        Some(r) => protocols::is_true(ts, &r)?,
        None => false,
    };
    match crate::objects::list::sort_values(ts, items, key.filter(|k| !k.is_none()), reverse) {
        Ok(v) => Ok(ts.new_list(v)),
        Err((_, e)) => Err(e),
    }
}

fn b_any(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "any")?;
    let it = protocols::get_iter(ts, &x)?;
    while let Some(v) = protocols::next(ts, &it)? {
        if protocols::is_true(ts, &v)? {
            return Ok(py_bool(true));
        }
    }
    Ok(py_bool(false))
}

fn b_all(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "all")?;
    let it = protocols::get_iter(ts, &x)?;
    while let Some(v) = protocols::next(ts, &it)? {
        if !protocols::is_true(ts, &v)? {
            return Ok(py_bool(false));
        }
    }
    Ok(py_bool(true))
}

fn attr_name(ts: &ThreadState, v: &Value, f: &str) -> PyResult<Value> {
    if v.downcast::<PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "attribute name must be string, not '{}'",
            v.class().name()
        )));
    }
    let _ = f;
    Ok(ts.rt.intern_value(ts, v))
}

fn b_getattr(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o, n, d] = a.parse::<3>(ts, "getattr", &["", "", ""], 2)?;
    let o = o.expect("required");
    let n = attr_name(ts, &n.expect("required"), "getattr")?;
    match d {
        None => protocols::get_attr(ts, &o, &n),
        Some(d) => match protocols::get_attr_opt(ts, &o, &n) {
            Ok(v) => Ok(v.unwrap_or(d)),
            Err(e) if e.matches(types().exc.attribute_error) => Ok(d),
            Err(e) => Err(e),
        },
    }
}

fn b_setattr(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o, n, v] = a.parse::<3>(ts, "setattr", &["", "", ""], 3)?;
    let n = attr_name(ts, &n.expect("required"), "setattr")?;
    protocols::set_attr(ts, &o.expect("required"), &n, v.expect("required"))?;
    Ok(none())
}

fn b_delattr(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o, n] = a.parse::<2>(ts, "delattr", &["", ""], 2)?;
    let n = attr_name(ts, &n.expect("required"), "delattr")?;
    protocols::del_attr(ts, &o.expect("required"), &n)?;
    Ok(none())
}

fn b_hasattr(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o, n] = a.parse::<2>(ts, "hasattr", &["", ""], 2)?;
    let n = attr_name(ts, &n.expect("required"), "hasattr")?;
    match protocols::get_attr_opt(ts, &o.expect("required"), &n) {
        Ok(v) => Ok(py_bool(v.is_some())),
        // Only AttributeError means "no attribute"; anything else propagates.
        Err(e) if e.matches(types().exc.attribute_error) => Ok(py_bool(false)),
        Err(e) => Err(e),
    }
}

fn b_callable(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "callable")?;
    Ok(py_bool(protocols::is_callable(&x)))
}

fn b_id(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "id")?;
    Ok(ts.new_usize(x.identity()))
}

fn b_hash(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "hash")?;
    Ok(ts.new_int(protocols::hash(ts, &x)?))
}

fn b_ord(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "ord")?;
    if let Some(s) = x.downcast::<PyStr>() {
        if s.len() == 1 {
            return Ok(ts.new_int(s.char_at(0) as i64));
        }
        return Err(ts.type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.len()
        )));
    }
    if let Some(b) = crate::objects::bytes::bytes_data(&x) {
        if b.len() == 1 {
            return Ok(ts.new_int(b[0] as i64));
        }
        return Err(ts.type_error(format!(
            "ord() expected a character, but string of length {} found",
            b.len()
        )));
    }
    Err(ts.type_error(format!(
        "ord() expected string of length 1, but {} found",
        x.class().name()
    )))
}

fn b_chr(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "chr")?;
    let i = protocols::index_i64(ts, &x)?;
    if !(0..=0x10FFFF).contains(&i) {
        return Err(ts.value_error("chr() arg not in range(0x110000)"));
    }
    Ok(ts.new_str_from_cps(&[i as u32]))
}

fn radix(ts: &ThreadState, a: MethodArgs<'_>, name: &str, r: u32, prefix: &str) -> PyResult<Value> {
    let x = one(ts, &a, name)?;
    let i = protocols::index(ts, &x)?;
    let b = crate::objects::int::as_int(&i)
        .map(|v| v.to_big())
        .unwrap_or_default();
    let neg = b.sign() == num_bigint::Sign::Minus;
    let digits = b.magnitude().to_str_radix(r);
    Ok(ts.new_str(&format!("{}{prefix}{digits}", if neg { "-" } else { "" })))
}

fn b_hex(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    radix(ts, a, "hex", 16, "0x")
}
fn b_oct(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    radix(ts, a, "oct", 8, "0o")
}
fn b_bin(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    radix(ts, a, "bin", 2, "0b")
}

fn b_round(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, nd] = a.parse::<2>(ts, "round", &["number", "ndigits"], 1)?;
    let x = x.expect("required");
    let m = x.class().lookup(ts, &names().__round__).ok_or_else(|| {
        ts.type_error(format!(
            "type {} doesn't define __round__ method",
            x.class().name()
        ))
    })?;
    match nd {
        Some(n) if !n.is_none() => protocols::call_method_descr(ts, &m, &x, &[n]),
        _ => protocols::call_method_descr(ts, &m, &x, &[]),
    }
}

/// `divmod(a, b)` for builtin numbers (`None` when not both int/float).
pub fn numeric_divmod(ts: &ThreadState, x: &Value, y: &Value) -> PyResult<Option<Value>> {
    use crate::objects::slots::BinOp;
    let num = |v: &Value| {
        crate::objects::int::as_int(v).is_some() || crate::objects::float::as_float(v).is_some()
    };
    let builtin = |v: &Value| !v.class().is_heap();
    if num(x) && num(y) && builtin(x) && builtin(y) {
        let q = protocols::binary_op(ts, x, y, BinOp::FloorDiv)?;
        let r = protocols::binary_op(ts, x, y, BinOp::Mod)?;
        return Ok(Some(ts.new_tuple(vec![q, r])));
    }
    Ok(None)
}

fn b_divmod(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y] = a.parse::<2>(ts, "divmod", &["", ""], 2)?;
    let (x, y) = (x.expect("required"), y.expect("required"));
    if let Some(r) = numeric_divmod(ts, &x, &y)? {
        return Ok(r);
    }
    if let Some(m) = x.class().lookup(ts, &ts.intern("__divmod__")) {
        let r = protocols::call_method_descr(ts, &m, &x, std::slice::from_ref(&y))?;
        if !r.is_not_implemented() {
            return Ok(r);
        }
    }
    if let Some(m) = y.class().lookup(ts, &ts.intern("__rdivmod__")) {
        let r = protocols::call_method_descr(ts, &m, &y, std::slice::from_ref(&x))?;
        if !r.is_not_implemented() {
            return Ok(r);
        }
    }
    Err(ts.type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        x.class().name(),
        y.class().name()
    )))
}

fn b_anext(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [it, default] = a.parse::<2>(ts, "anext", &["", ""], 1)?;
    crate::objects::async_gen::builtin_anext(ts, &it.unwrap_or_else(none), default)
}

fn b_help(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    let _ = ts;
    Ok(none())
}

fn b_pow(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [b, e, m] = a.parse::<3>(ts, "pow", &["base", "exp", "mod"], 2)?;
    let (b, e) = (b.expect("required"), e.expect("required"));
    match m.filter(|m| !m.is_none()) {
        None => protocols::binary_op(ts, &b, &e, crate::objects::slots::BinOp::Pow),
        Some(m) => {
            let (Some(bi), Some(ei), Some(mi)) = (
                crate::objects::int::as_int(&b),
                crate::objects::int::as_int(&e),
                crate::objects::int::as_int(&m),
            ) else {
                // A three-argument __pow__ of the base's class (CPython's ternary slot).
                if b.class().is_heap() {
                    if let Some(f) = b.class().lookup(ts, &ts.intern("__pow__")) {
                        let r = protocols::call_method_descr(ts, &f, &b, &[e.clone(), m.clone()])?;
                        if !r.is_not_implemented() {
                            return Ok(r);
                        }
                    }
                }
                return Err(ts.type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            int_pow_mod(ts, &bi.to_big(), &ei.to_big(), &mi.to_big())
        }
    }
}

/// `pow(b, e, m)` on ints (negative `e`: through the modular inverse).
pub fn int_pow_mod(
    ts: &ThreadState,
    b: &num_bigint::BigInt,
    e: &num_bigint::BigInt,
    m: &num_bigint::BigInt,
) -> PyResult<Value> {
    let mb = m.clone();
    if mb == num_bigint::BigInt::from(0) {
        return Err(ts.value_error("pow() 3rd argument cannot be 0"));
    }
    let mut eb = e.clone();
    let mut base = b.clone();
    if eb.sign() == num_bigint::Sign::Minus {
        // modular inverse
        let inv = mod_inverse(&base, &mb)
            .ok_or_else(|| ts.value_error("base is not invertible for the given modulus"))?;
        base = inv;
        eb = -eb;
    }
    let r = base.modpow(&eb, &mb);
    let r = if r.sign() != num_bigint::Sign::NoSign && r.sign() != mb.sign() {
        r + &mb
    } else {
        r
    };
    Ok(ts.new_bigint(r))
}

fn mod_inverse(a: &num_bigint::BigInt, m: &num_bigint::BigInt) -> Option<num_bigint::BigInt> {
    use num_bigint::BigInt;
    let (mut old_r, mut r) = (a.clone() % m, m.clone());
    let (mut old_s, mut s) = (BigInt::from(1), BigInt::from(0));
    while r != BigInt::from(0) {
        let q = &old_r / &r;
        let t = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, t);
        let t = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, t);
    }
    if old_r != BigInt::from(1) && old_r != BigInt::from(-1) {
        return None;
    }
    Some(((old_s * old_r) % m + m) % m)
}

fn b_format(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [v, spec] = a.parse::<2>(ts, "format", &["", ""], 1)?;
    let spec = spec.unwrap_or_else(crate::runtime::empty_str);
    protocols::format(ts, &v.expect("required"), &spec)
}

/// `dir(obj)`.
pub fn dir_of(ts: &ThreadState, obj: &Value) -> PyResult<Value> {
    let m = obj
        .class()
        .lookup(ts, &ts.intern("__dir__"))
        .ok_or_else(|| ts.type_error("object does not provide __dir__"))?;
    let r = protocols::call_method_descr(ts, &m, obj, &[])?;
    let items = protocols::collect(ts, &r)?;
    match crate::objects::list::sort_values(ts, items, None, false) {
        Ok(v) => Ok(ts.new_list(v)),
        Err((_, e)) => Err(e),
    }
}

fn b_dir(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "dir", &[""], 0)?;
    match o {
        Some(o) => dir_of(ts, &o),
        None => {
            let l = ts.current_locals().unwrap_or_else(|| ts.new_dict());
            let keys = protocols::collect(ts, &l)?;
            match crate::objects::list::sort_values(ts, keys, None, false) {
                Ok(v) => Ok(ts.new_list(v)),
                Err((_, e)) => Err(e),
            }
        }
    }
}

fn b_vars(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [o] = a.parse::<1>(ts, "vars", &[""], 0)?;
    match o {
        Some(o) => protocols::get_attr_opt(ts, &o, &names().__dict__)?
            .ok_or_else(|| ts.type_error("vars() argument must have __dict__ attribute")),
        None => Ok(ts.current_locals().unwrap_or_else(|| ts.new_dict())),
    }
}

fn b_globals(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.current_globals().unwrap_or_else(|| ts.new_dict()))
}

fn b_locals(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.current_locals().unwrap_or_else(|| ts.new_dict()))
}

fn b_input(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [prompt] = a.parse::<1>(ts, "input", &[""], 0)?;
    let (fin, fout) = (sys::sys_attr(ts, "stdin"), sys::sys_attr(ts, "stdout"));
    let native = |v: &Option<Value>| {
        v.as_ref()
            .is_some_and(|v| v.downcast::<sys::stdio::PyStdText>().is_some())
    };
    if !native(&fin) || !native(&fout) {
        // Replaced streams (a test's StringIO): CPython goes through their methods.
        let lost = |n: &str| ts.runtime_error(format!("input(): lost sys.{n}"));
        let fin = fin.filter(|v| !v.is_none()).ok_or_else(|| lost("stdin"))?;
        let fout = fout
            .filter(|v| !v.is_none())
            .ok_or_else(|| lost("stdout"))?;
        if let Some(p) = prompt {
            let p = protocols::str(ts, &p)?;
            protocols::call_method(ts, &fout, "write", &[p])?;
        }
        let _ = protocols::call_method(ts, &fout, "flush", &[]);
        let line = protocols::call_method(ts, &fin, "readline", &[])?;
        let Some(l) = line.downcast::<PyStr>() else {
            return Err(ts.type_error("object.readline() returned non-string"));
        };
        if l.is_empty() {
            return Err(ts.new_error(types().exc.eof_error, "EOF when reading a line"));
        }
        let n = l.len();
        let end = if l.char_at(n - 1) == 0x0a { n - 1 } else { n };
        return Ok(ts.new_substr(l, 0, end));
    }
    if let Some(p) = prompt {
        write_stdout(ts, &protocols::str_string(ts, &p)?)?;
        let _ = ts.detached(|| std::io::stdout().flush());
    }
    let mut line = String::new();
    let n = ts
        .detached(|| std::io::stdin().read_line(&mut line))
        .map_err(|e| ts.os_error(e.to_string()))?;
    if n == 0 {
        return Err(ts.new_error(types().exc.eof_error, "EOF when reading a line"));
    }
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    Ok(ts.new_str(&line))
}

fn source_of(ts: &ThreadState, v: &Value) -> PyResult<String> {
    if let Some(s) = v.downcast::<PyStr>() {
        return Ok(s.to_string_lossy());
    }
    if let Some(b) = crate::objects::bytes::bytes_data(v) {
        return frontend::decode_source(&b).map_err(|e| crate::import::syntax_error_value(ts, &e));
    }
    Err(ts.type_error("exec() arg 1 must be a string, bytes or code object"))
}

fn exec_or_eval(
    ts: &ThreadState,
    a: MethodArgs<'_>,
    name: &str,
    mode: frontend::Mode,
) -> PyResult<Value> {
    let [src, globals, locals] = a.parse::<3>(ts, name, &["", "globals", "locals"], 1)?;
    let src = src.expect("required");
    let globals = match globals.filter(|g| !g.is_none()) {
        Some(g) => {
            if g.downcast::<PyDict>().is_none() {
                return Err(ts.type_error(format!(
                    "{name}() globals must be a dict, not {}",
                    g.class().name()
                )));
            }
            g
        }
        None => ts.current_globals().unwrap_or_else(|| ts.new_dict()),
    };
    let gd = globals.downcast::<PyDict>().expect("checked");
    if gd.get_item_str(ts, &names().__builtins__).is_none() {
        gd.set_item(
            ts,
            names().__builtins__.clone(),
            ts.rt.builtins.get().cloned().unwrap_or_else(none),
        )?;
    }
    let locals = match locals.filter(|l| !l.is_none()) {
        Some(l) => l,
        None => {
            if a.nkw() == 0 && a.args.len() < 2 {
                ts.current_locals().unwrap_or_else(|| globals.clone())
            } else {
                globals.clone()
            }
        }
    };
    let code = if src.downcast::<crate::objects::code::PyCode>().is_some() {
        src
    } else {
        let text = source_of(ts, &src)?;
        let text = if mode == frontend::Mode::Eval {
            text.trim_start_matches([' ', '\t']).to_string()
        } else {
            text
        };
        crate::import::compile_source(ts, &text, "<string>", mode)?
    };
    crate::interp::eval::run_code(ts, &code, globals, Some(locals))
}

fn b_exec(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    exec_or_eval(ts, a, "exec", frontend::Mode::Exec)?;
    Ok(none())
}

fn b_eval(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    exec_or_eval(ts, a, "eval", frontend::Mode::Eval)
}

fn b_import(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [name, globals, _locals, fromlist, level] = a.parse::<5>(
        ts,
        "__import__",
        &["name", "globals", "locals", "fromlist", "level"],
        1,
    )?;
    let name = name.expect("required");
    let level = match level {
        Some(l) => protocols::index_i64(ts, &l)?,
        None => 0,
    };
    let fromlist = fromlist.unwrap_or_else(none);
    crate::import::import_full(ts, &name, globals.as_ref(), &fromlist, level)
}

fn b_open(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let io = crate::import::import_module(ts, "io")?;
    let f = protocols::get_attr_str(ts, &io, "open")?;
    protocols::call(ts, &f, a.args, a.kwnames)
}

fn b_breakpoint(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    sys::breakpoint(ts, a)
}

fn b_aiter(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let x = one(ts, &a, "aiter")?;
    crate::objects::async_gen::builtin_aiter(ts, &x)
}

pub(crate) fn set(ts: &ThreadState, d: &PyDict, name: &str, v: Value) {
    let k = ts.intern(name);
    let _ = d.set_item(ts, k, v);
}

pub(crate) fn func(ts: &ThreadState, d: &PyDict, name: &str, f: BuiltinFn) {
    set(ts, d, name, new_builtin(ts, name, f));
}

/// Creates `builtins`, `sys` and `sys.modules`.
pub fn init(ts: &ThreadState, rt: &Runtime) {
    let m = crate::objects::module::new_module(ts, "builtins").expect("bootstrap allocation");
    let md = m
        .downcast::<crate::objects::module::PyModule>()
        .expect("module")
        .dict
        .clone();
    let d = md.downcast::<PyDict>().expect("dict");
    let fns: &[(&str, BuiltinFn)] = &[
        ("print", b_print),
        ("len", b_len),
        ("repr", b_repr),
        ("ascii", b_ascii),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("iter", b_iter),
        ("next", b_next),
        ("__build_class__", b_build_class),
        ("abs", b_abs),
        ("min", b_min),
        ("max", b_max),
        ("sum", b_sum),
        ("sorted", b_sorted),
        ("any", b_any),
        ("all", b_all),
        ("getattr", b_getattr),
        ("setattr", b_setattr),
        ("delattr", b_delattr),
        ("hasattr", b_hasattr),
        ("callable", b_callable),
        ("id", b_id),
        ("hash", b_hash),
        ("ord", b_ord),
        ("chr", b_chr),
        ("hex", b_hex),
        ("oct", b_oct),
        ("bin", b_bin),
        ("round", b_round),
        ("divmod", b_divmod),
        ("pow", b_pow),
        ("format", b_format),
        ("dir", b_dir),
        ("vars", b_vars),
        ("globals", b_globals),
        ("locals", b_locals),
        ("input", b_input),
        ("exec", b_exec),
        ("eval", b_eval),
        ("compile", compile::b_compile),
        ("__import__", b_import),
        ("open", b_open),
        ("breakpoint", b_breakpoint),
        ("aiter", b_aiter),
        ("anext", b_anext),
        ("help", b_help),
    ];
    for (n, f) in fns {
        func(ts, d, n, *f);
    }
    let t = types();
    let tys: &[(&str, &crate::objects::typeobj::PyType)] = &[
        ("object", t.object),
        ("type", t.type_),
        ("int", t.int),
        ("bool", t.bool),
        ("float", t.float),
        ("complex", t.complex),
        ("str", t.str),
        ("bytes", t.bytes),
        ("bytearray", t.bytearray),
        ("tuple", t.tuple),
        ("list", t.list),
        ("dict", t.dict),
        ("set", t.set),
        ("frozenset", t.frozenset),
        ("range", t.range),
        ("slice", t.slice),
        ("enumerate", t.enumerate),
        ("zip", t.zip),
        ("map", t.map),
        ("filter", t.filter),
        ("reversed", t.reversed),
        ("super", t.super_),
        ("property", t.property),
        ("classmethod", t.classmethod),
        ("staticmethod", t.staticmethod),
        ("memoryview", t.memoryview),
    ];
    for (n, ty) in tys {
        set(ts, d, n, ty.to_value());
    }
    for (n, ty) in t.exc.all() {
        set(ts, d, n, ty.to_value());
    }
    set(ts, d, "EnvironmentError", t.exc.os_error.to_value());
    set(ts, d, "IOError", t.exc.os_error.to_value());
    set(ts, d, "None", none());
    set(ts, d, "True", py_bool(true));
    set(ts, d, "False", py_bool(false));
    set(ts, d, "Ellipsis", crate::runtime::ellipsis());
    set(ts, d, "NotImplemented", crate::runtime::not_implemented());
    set(ts, d, "__debug__", py_bool(true));
    set(ts, d, "__name__", ts.new_str("builtins"));
    let _ = rt.builtins.set(m.clone());
    let _ = rt.builtins_dict.set(md.clone());
    let modules = ts.new_dict();
    let _ = rt.modules.set(modules.clone());
    if let Some(mm) = modules.downcast::<PyDict>() {
        let _ = mm.set_item(ts, ts.intern("builtins"), m);
    }
    sys::init(ts, rt);
}
