//! Instruction bodies too large to inline in the dispatch loop: calls, name resolution,
//! unpacking, intrinsics, exception matching, `with`, pattern matching, function attributes.

use crate::errors::{PyErr, PyResult};
use crate::interp::eval::{binop_of, Flow};
use crate::interp::frame::Frame;
use crate::objects::dict::PyDict;
use crate::objects::function::{PyCell, PyFunction};
use crate::objects::slots::CmpOp;
use crate::objects::str::str_lossy;
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{names, none, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use frontend::opcode::{CommonConstant, FunctionAttr, Intrinsic1};

/// Whatever the eval breaker left for the VM (collections; signals later).
pub fn handle_breaker(ts: &ThreadState) -> PyResult<()> {
    crate::objects::finalize::maybe_collect(ts);
    Ok(())
}

pub fn pop_n(f: &mut Frame, n: usize) -> Vec<Value> {
    let mut v = Vec::with_capacity(n);
    let base = f.sp - n;
    for i in 0..n {
        v.push(f.slot_mut(base + i).take().unwrap_or_else(none));
    }
    f.sp = base;
    v
}

pub fn unbound_local(ts: &ThreadState, f: &Frame, i: usize) -> PyErr {
    let name = f
        .code()
        .unit
        .localsplus_names
        .get(i)
        .map(|s| s.to_string())
        .unwrap_or_default();
    ts.unbound_local_error(&name)
}

pub fn name_error(ts: &ThreadState, name: &Value) -> PyErr {
    let e = ts.name_error(format!("name '{}' is not defined", str_lossy(name)));
    if let Some(x) = e
        .value()
        .downcast::<crate::objects::exceptions::PyBaseException>()
    {
        if let Some(d) = x.dict(ts).downcast::<PyDict>() {
            d.set_str(ts, "name", name.clone());
        }
    }
    e
}

pub fn common_constant(ts: &ThreadState, arg: u32) -> Value {
    let t = types();
    let b = ts.rt.builtins_dict();
    let get = |n: &str| {
        b.downcast::<PyDict>()
            .and_then(|d| d.get_str(ts, n))
            .unwrap_or_else(none)
    };
    match arg {
        x if x == CommonConstant::AssertionError as u32 => t.exc.assertion_error.to_value(),
        x if x == CommonConstant::NotImplementedError as u32 => {
            t.exc.not_implemented_error.to_value()
        }
        x if x == CommonConstant::BuiltinTuple as u32 => t.tuple.to_value(),
        x if x == CommonConstant::BuiltinAll as u32 => get("all"),
        _ => get("any"),
    }
}

pub fn builtins_for(ts: &ThreadState, globals: &Value) -> Value {
    let b = globals
        .downcast::<PyDict>()
        .and_then(|g| g.get_item_str(ts, &names().__builtins__));
    match b {
        Some(b) => match b.downcast::<crate::objects::module::PyModule>() {
            Some(m) => m.dict.clone(),
            None => b,
        },
        None => ts.rt.builtins_dict().clone(),
    }
}

pub fn binary_op(ts: &ThreadState, a: &Value, b: &Value, arg: u32) -> PyResult<Value> {
    if let Some(r) = binary_fast(ts, a, b, arg) {
        return Ok(r);
    }
    if arg == 26 {
        return protocols::get_item(ts, a, b);
    }
    match binop_of(arg) {
        (Some(op), false) => protocols::binary_op(ts, a, b, op),
        (Some(op), true) => protocols::inplace_op(ts, a, b, op),
        (None, _) => Err(ts.new_error(types().exc.system_error, "bad BINARY_OP operand")),
    }
}

/// `BINARY_OP` on exact ints that fit a word, exact floats, or `list`/`tuple[int]`: the result
/// without a protocol dispatch, or `None` for the generic path (which also raises every error:
/// overflow, division by zero, index out of range all fall back). Exact types only, so a
/// subclass's dunders are never bypassed.
#[inline]
fn binary_fast(ts: &ThreadState, a: &Value, b: &Value, arg: u32) -> Option<Value> {
    if let (Some(x), Some(y)) = (a.as_inline_int(), b.as_inline_int()) {
        return int_fast(
            ts,
            x,
            y,
            if (13..26).contains(&arg) {
                arg - 13
            } else {
                arg
            },
        );
    }
    if arg == 26 {
        let i = b.as_inline_int()?;
        return subscr_fast(ts, a, i);
    }
    let op = if (13..26).contains(&arg) {
        arg - 13
    } else {
        arg
    };
    let x = exact_float_or_int(a)?;
    let y = exact_float_or_int(b)?;
    let r = match op {
        0 => x + y,
        10 => x - y,
        5 => x * y,
        11 if y != 0.0 => x / y,
        _ => return None,
    };
    Some(ts.new_float(r))
}

/// An exact float's value, or an inline int's when it converts exactly.
#[inline]
fn exact_float_or_int(v: &Value) -> Option<f64> {
    if let Some(i) = v.as_inline_int() {
        return (i.unsigned_abs() <= 1 << 53).then_some(i as f64);
    }
    v.header()?;
    if !v.class().is(types().float) {
        return None;
    }
    // SAFETY: the exact type is float, whose payload is `PyFloat`.
    Some(unsafe { v.payload_unchecked::<crate::objects::float::PyFloat>() }.v)
}

#[inline]
fn int_fast(ts: &ThreadState, x: i64, y: i64, op: u32) -> Option<Value> {
    let r = match op {
        0 => x.checked_add(y)?,
        10 => x.checked_sub(y)?,
        5 => x.checked_mul(y)?,
        1 => x & y,
        7 => x | y,
        12 => x ^ y,
        2 if y != 0 => {
            let q = x.checked_div(y)?;
            if x % y != 0 && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            }
        }
        6 if y != 0 => {
            let r = x.checked_rem(y)?;
            if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            }
        }
        9 if y >= 0 => x >> y.min(63),
        3 if (0..63).contains(&y) => {
            let r = x << y;
            if r >> y != x {
                return None;
            }
            r
        }
        11 if y != 0 && x.unsigned_abs() <= 1 << 53 && y.unsigned_abs() <= 1 << 53 => {
            // Both convert exactly, so one IEEE division is correctly rounded, as CPython's.
            return Some(ts.new_float(x as f64 / y as f64));
        }
        _ => return None,
    };
    Value::try_inline_int(r)
}

/// `list[i]` / `tuple[i]` for exact lists and tuples.
#[inline]
fn subscr_fast(ts: &ThreadState, c: &Value, i: i64) -> Option<Value> {
    let ty = c.class();
    if ty.is(types().list) {
        // SAFETY: exact list.
        let l = unsafe { c.payload_unchecked::<crate::objects::list::PyList>() };
        return l.get_index(ts, i);
    }
    if ty.is(types().tuple) {
        // SAFETY: exact tuple.
        let t = unsafe { c.payload_unchecked::<crate::objects::tuple::PyTuple>() };
        let s = t.as_slice();
        let n = s.len() as i64;
        let j = if i < 0 { i + n } else { i };
        return (0..n).contains(&j).then(|| s[j as usize].clone());
    }
    None
}

/// `COMPARE_OP` on two exact floats, or an exact float and an inline int that converts
/// exactly; `None` otherwise.
#[inline]
pub fn compare_fast(a: &Value, b: &Value, cmp: CmpOp) -> Option<bool> {
    let x = exact_float_or_int(a)?;
    let y = exact_float_or_int(b)?;
    Some(match x.partial_cmp(&y) {
        Some(o) => cmp.test(o),
        None => matches!(cmp, CmpOp::Ne),
    })
}

pub fn load_name(ts: &ThreadState, f: &Frame, name: &Value) -> PyResult<Value> {
    if let Some(l) = &f.locals {
        let r = match l.downcast::<PyDict>() {
            Some(d) if l.class().is(types().dict) => d.get_item_str(ts, name),
            _ => protocols::get_item_opt(ts, l, name)?,
        };
        if let Some(v) = r {
            return Ok(v);
        }
    }
    crate::interp::cache::load_global(ts, &f.globals, &f.builtins, name)?
        .ok_or_else(|| name_error(ts, name))
}

pub fn store_name(ts: &ThreadState, f: &Frame, name: Value, v: Value) -> PyResult<()> {
    match &f.locals {
        Some(l) => protocols::set_item(ts, l, &name, v),
        None => Err(ts.new_error(
            types().exc.system_error,
            format!("no locals found when storing {}", str_lossy(&name)),
        )),
    }
}

pub fn delete_name(ts: &ThreadState, f: &Frame, name: &Value) -> PyResult<()> {
    let Some(l) = &f.locals else {
        return Err(ts.new_error(types().exc.system_error, "no locals when deleting"));
    };
    match protocols::del_item(ts, l, name) {
        Err(e) if e.matches(types().exc.key_error) => Err(name_error(ts, name)),
        r => r,
    }
}

pub fn delete_global(ts: &ThreadState, f: &Frame, name: &Value) -> PyResult<()> {
    let g = f
        .globals
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("globals must be a dict"))?;
    match g.del_item(ts, name)? {
        Some(_) => Ok(()),
        None => Err(name_error(ts, name)),
    }
}

/// LOAD_ATTR with the method bit: `(meth, self)` for a plain method, else `(attr, NULL)`.
pub fn load_method(
    ts: &ThreadState,
    owner: &Value,
    name: &Value,
) -> PyResult<(Value, Option<Value>)> {
    let ty = owner.class();
    let generic = ty.slots.getattro.get().is_some_and(|g| {
        std::ptr::fn_addr_eq(
            g,
            crate::objects::object_type::generic_getattr as crate::objects::slots::GetattroFn,
        )
    });
    if generic {
        if let Some(d) = ty.lookup(ts, name) {
            let dt = d.class();
            if dt.is(types().function) || dt.is(types().method_descr) {
                // Shadowed by the instance dict?
                let shadow = match crate::objects::object_type::instance_dict(ts, owner) {
                    Some(dict) => dict
                        .downcast::<PyDict>()
                        .and_then(|dd| dd.get_item_str(ts, name)),
                    None => None,
                };
                if let Some(v) = shadow {
                    return Ok((v, None));
                }
                return Ok((d, Some(owner.clone())));
            }
        }
    }
    Ok((protocols::get_attr(ts, owner, name)?, None))
}

/// CALL / CALL_KW: `(callable, self_or_null, args[n] [, kwnames] -- res)`.
pub fn call(ts: &ThreadState, f: &mut Frame, n: usize, kw: bool) -> PyResult<Flow> {
    let kwnames = if kw { f.pop_opt() } else { None };
    let kwt = kwnames.as_ref().and_then(|k| k.downcast::<PyTuple>());
    let base = f.sp - n - 2;
    if f.slot(base + 1).is_none() {
        unpack_bound_method(f, base);
    }
    let has_self = f.slot(base + 1).is_some();
    if has_self && n == 1 && kwt.is_none() {
        if let Some(fr) = generator_send_inline(ts, f, base) {
            return Ok(Flow::Call(fr));
        }
    }
    let start = if has_self { base + 1 } else { base + 2 };
    let end = base + 2 + n;
    let nargs = end - start;
    let slots = f.slots;
    let is_function = f
        .slot(base)
        .as_ref()
        .is_some_and(|c| c.class().is(types().function));
    if is_function && kwt.is_none() {
        // SAFETY: `start..end` are this frame's stack slots, all `Some` (arguments; only
        // self_or_null may be NULL and it is outside the run when NULL); nothing else borrows
        // them during the call below.
        let args = unsafe { std::slice::from_raw_parts_mut(slots.add(start), nargs) };
        // SAFETY: slot `base` is below the argument run, so it doesn't alias `args`.
        let callable = unsafe { &*slots.add(base) };
        let fr = match callable {
            Some(c) => crate::interp::call::simple_frame(ts, c, args),
            None => None,
        };
        if let Some(fr) = fr {
            drop(f.slot_mut(base).take());
            f.sp = base;
            return Ok(Flow::Call(fr));
        }
    }
    if is_function {
        let callable = f.slot_mut(base).take().unwrap_or_else(none);
        // The arguments move straight from the stack into the callee's frame (no Vec).
        // SAFETY: `start..end` are stack slots of this frame; each is taken exactly once and
        // the stack top is lowered below them before anything else can look at them.
        let mut it = (start..end).map(|i| unsafe { (*slots.add(i)).take() }.unwrap_or_else(none));
        let r = crate::interp::call::function_frame(ts, &callable, &mut it, nargs, kwt);
        it.for_each(drop);
        f.sp = base;
        return Ok(Flow::Call(r?));
    }
    if !has_self {
        if let Some(flow) = alloc_and_enter_init(ts, f, base, kwt)? {
            drop(kwnames);
            return Ok(flow);
        }
    }
    // Args are non-NULL stack values (only self_or_null may be NULL, and it is excluded when
    // NULL), so the run `start..end` of `Option<Value>` is a run of `Value`s.
    // Checked even in release: a NULL read as a `Value` would be a zero `NonZeroUsize`.
    if (start..end).any(|i| f.slot(i).is_none()) {
        return Err(ts.new_error(types().exc.system_error, "NULL argument on the stack"));
    }
    // SAFETY: `Value` is a `repr(transparent)` NonZeroUsize, so `Option<Value>` has the same
    // layout and `Some(v)` the same bits as `v`; all these slots are `Some` (see above) and stay
    // untouched until the call returns (callees push frames above this frame's slots).
    let args: &[Value] =
        unsafe { std::slice::from_raw_parts(slots.add(start) as *const Value, nargs) };
    let none_v = none();
    let callable: &Value = f.slot(base).as_ref().unwrap_or(&none_v);
    let r = protocols::call(ts, callable, args, kwt);
    // Arguments that die here finalize before the next instruction (as CPython's decrefs do).
    for i in base..end {
        drop(f.slot_mut(i).take());
    }
    f.sp = base;
    drop(kwnames);
    f.push(r?);
    crate::objects::finalize::poll(ts);
    Ok(Flow::Next)
}

/// CALL_BOUND_METHOD: a bound method object called with a NULL `self_or_null` is replaced by
/// its function and `self`, so a Python function behind it gets a frame in this loop.
#[inline]
fn unpack_bound_method(f: &mut Frame, base: usize) {
    let Some(c) = f.slot(base) else { return };
    if !c.class().is(types().bound_method) {
        return;
    }
    // SAFETY: the class check above.
    let bm = unsafe { c.payload_unchecked::<crate::objects::function::PyBoundMethod>() };
    let (func, self_) = (bm.func.clone(), bm.self_.clone());
    *f.slot_mut(base + 1) = Some(self_);
    let m = f.slot_mut(base).replace(func);
    drop(m);
}

/// `gen.send(v)` called from bytecode (the method form: `send` descriptor, generator, value):
/// the generator's frame is returned to run in this loop, as SEND does for `yield from`.
/// `None` (stack untouched) when it isn't that call or the generator can't resume in line.
#[inline]
fn generator_send_inline(
    ts: &ThreadState,
    f: &mut Frame,
    base: usize,
) -> Option<Box<crate::interp::frame::Frame>> {
    let d = f.slot(base).as_ref()?;
    if !d.class().is(types().method_descr) {
        return None;
    }
    // SAFETY: the class check above.
    let md = unsafe { d.payload_unchecked::<crate::objects::descr::PyMethodDescr>() };
    let crate::objects::descr::DescrKind::Method(m) = md.kind else {
        return None;
    };
    let send = crate::objects::generator::m_send as crate::objects::descr::MethodFn;
    if !std::ptr::fn_addr_eq(m, send) {
        return None;
    }
    let g = f.slot(base + 1).clone()?;
    let v = f.slot_mut(base + 2).take()?;
    let ret = crate::interp::frame::ReturnTo::SendMethod;
    match crate::objects::generator::resume_inline(ts, &g, v, ret) {
        crate::objects::generator::Inline::Frame(fr) => {
            for i in base..base + 2 {
                drop(f.slot_mut(i).take());
            }
            f.sp = base;
            Some(fr)
        }
        crate::objects::generator::Inline::Fallback(v) => {
            *f.slot_mut(base + 2) = Some(v);
            None
        }
    }
}

/// CALL_ALLOC_AND_ENTER_INIT: calling a class (a heap type whose metatype keeps `type`'s call)
/// whose `__init__` is a Python function creates the instance and returns the `__init__` frame
/// to run in this loop; when it returns, the eval loop checks that it returned None and gives
/// the caller the instance ([`ReturnTo::Init`]). `None` (stack untouched) for other callables.
/// Mirrors `type_call`: `__new__` first, and an instance of another class skips `__init__`.
fn alloc_and_enter_init(
    ts: &ThreadState,
    f: &mut Frame,
    base: usize,
    kwt: Option<&PyTuple>,
) -> PyResult<Option<Flow>> {
    let Some(cls) = f.slot(base) else {
        return Ok(None);
    };
    if !cls.is_type() {
        return Ok(None);
    }
    let ty = cls.as_type();
    let plain_meta = cls
        .class()
        .slots
        .call
        .is(crate::objects::object_type::type_call);
    if !ty.is_heap() || !plain_meta {
        return Ok(None);
    }
    let Some(new) = ty.slots.new.get() else {
        return Ok(None);
    };
    let cls = cls.clone();
    let start = base + 2;
    let end = f.sp;
    let nargs = end - start;
    if (start..end).any(|i| f.slot(i).is_none()) {
        return Err(ts.new_error(types().exc.system_error, "NULL argument on the stack"));
    }
    let slots = f.slots;
    // SAFETY: as in `call`: `start..end` are `Some` stack slots (see the check above), which
    // nothing else touches while `new` and `init` run (callees push frames above this one).
    let args: &[Value] =
        unsafe { std::slice::from_raw_parts(slots.add(start) as *const Value, nargs) };
    let obj = new(ts, &cls, args, kwt)?;
    let oc = obj.class();
    let is_instance = oc.is_subtype(ty);
    let init = if is_instance {
        oc.lookup(ts, &names().__init__)
            .filter(|i| i.class().is(types().function))
    } else {
        None
    };
    let Some(init) = init else {
        // No Python `__init__`: finish as `type_call` does.
        if is_instance {
            if let Some(init) = oc.slots.init.get() {
                init(ts, &obj, args, kwt)?;
            }
        }
        for i in base..end {
            drop(f.slot_mut(i).take());
        }
        f.sp = base;
        f.push(obj);
        crate::objects::finalize::poll(ts);
        return Ok(Some(Flow::Next));
    };
    // `(self, *args)` in place: the instance goes in the NULL self slot.
    *f.slot_mut(base + 1) = Some(obj.clone());
    // SAFETY: `base + 1..end` are now all `Some` stack slots of this frame; they are moved
    // into the callee's frame (or taken below) and the stack top lowered below them.
    let run = unsafe { std::slice::from_raw_parts_mut(slots.add(base + 1), nargs + 1) };
    let simple = if kwt.is_none() {
        crate::interp::call::simple_frame(ts, &init, run)
    } else {
        None
    };
    let fr = match simple {
        Some(fr) => Ok(fr),
        None => {
            let mut it = run.iter_mut().map(|s| s.take().unwrap_or_else(none));
            let r = crate::interp::call::function_frame(ts, &init, &mut it, nargs + 1, kwt);
            it.for_each(drop);
            r
        }
    };
    for i in base..end {
        drop(f.slot_mut(i).take());
    }
    f.sp = base;
    let mut fr = fr?;
    fr.ret = crate::interp::frame::ReturnTo::Init(obj);
    Ok(Some(Flow::Call(fr)))
}

/// CALL_FUNCTION_EX: `(func, self_or_null, callargs, kwargs_or_null -- res)`.
pub fn call_function_ex(ts: &ThreadState, f: &mut Frame) -> PyResult<Flow> {
    let kwargs = f.pop_opt();
    let callargs = f.pop_opt().unwrap_or_else(none);
    let self_ = f.pop_opt();
    let func = f.pop_opt().unwrap_or_else(none);
    let mut args: Vec<Value> = Vec::new();
    if let Some(s) = self_ {
        args.push(s);
    }
    if callargs.downcast::<PyTuple>().is_some() {
        args.extend(callargs.as_tuple_slice().iter().cloned());
    } else {
        match protocols::collect(ts, &callargs) {
            Ok(v) => args.extend(v),
            Err(e)
                if e.matches(types().exc.type_error) && !callargs.class().slots.iter.is_set() =>
            {
                return Err(ts.type_error(format!(
                    "{} argument after * must be an iterable, not {}",
                    func_display(ts, &func),
                    callargs.class().name()
                )))
            }
            Err(e) => return Err(e),
        }
    }
    let mut names_ = Vec::new();
    if let Some(kw) = kwargs.filter(|k| !k.is_none()) {
        let d = match kw.downcast::<PyDict>() {
            Some(d) => d.items(ts),
            None => {
                let tmp = ts.new_dict();
                dict_merge(ts, &func, &tmp, &kw)?;
                tmp.downcast::<PyDict>()
                    .map(|d| d.items(ts))
                    .unwrap_or_default()
            }
        };
        for (k, v) in d {
            if k.downcast::<crate::objects::str::PyStr>().is_none() {
                return Err(ts.type_error("keywords must be strings"));
            }
            names_.push(k);
            args.push(v);
        }
    }
    let kwt = if names_.is_empty() {
        None
    } else {
        Some(ts.new_tuple(names_))
    };
    let kwp = kwt.as_ref().and_then(|k| k.downcast::<PyTuple>());
    if func.class().is(types().function) {
        let n = args.len();
        let frame = crate::interp::call::function_frame(ts, &func, &mut args.into_iter(), n, kwp)?;
        return Ok(Flow::Call(frame));
    }
    let r = protocols::call(ts, &func, &args, kwp)?;
    f.push(r);
    Ok(Flow::Next)
}

/// `f()`-style name of a callable for error messages.
pub fn func_display(ts: &ThreadState, func: &Value) -> String {
    if let Some(fu) = func.downcast::<PyFunction>() {
        let module = fu.attrs().module.map(|m| str_lossy(&m));
        return match module {
            Some(m) if m != "builtins" => format!("{m}.{}()", fu.qualname_string()),
            _ => format!("{}()", fu.qualname_string()),
        };
    }
    if func.is_type() {
        return format!("{}()", func.as_type().name());
    }
    // CPython's `_PyObject_FunctionStr`: `module.qualname()` unless the module is builtins.
    match protocols::get_attr_opt(ts, func, &names().__qualname__) {
        Ok(Some(q)) => {
            let module = protocols::get_attr_opt(ts, func, &names().__module__)
                .ok()
                .flatten()
                .filter(|m| !m.is_none())
                .map(|m| str_lossy(&m));
            match module {
                Some(m) if m != "builtins" => format!("{m}.{}()", str_lossy(&q)),
                _ => format!("{}()", str_lossy(&q)),
            }
        }
        _ => format!("{} object", func.class().name()),
    }
}

pub fn list_extend(ts: &ThreadState, l: &Value, v: &Value) -> PyResult<()> {
    let list = l
        .downcast::<crate::objects::list::PyList>()
        .ok_or_else(|| ts.type_error("LIST_EXTEND on a non-list"))?;
    let items = match protocols::collect(ts, v) {
        Ok(x) => x,
        Err(e)
            if e.matches(types().exc.type_error)
                && !v.class().slots.iter.is_set()
                && !v.class().slots.getitem.is_set() =>
        {
            return Err(ts.type_error(format!(
                "Value after * must be an iterable, not {}",
                v.class().name()
            )))
        }
        Err(e) => return Err(e),
    };
    list.with_items(ts, |it| it.extend(items));
    Ok(())
}

pub fn dict_update(ts: &ThreadState, d: &Value, v: &Value) -> PyResult<()> {
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("DICT_UPDATE on a non-dict"))?;
    if v.downcast::<PyDict>().is_none() && protocols::get_attr_opt(ts, v, &names().keys)?.is_none()
    {
        return Err(ts.type_error(format!("'{}' object is not a mapping", v.class().name())));
    }
    crate::objects::dict::dict_update_from(ts, dd, v)
}

pub fn dict_merge(ts: &ThreadState, callee: &Value, d: &Value, v: &Value) -> PyResult<()> {
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("DICT_MERGE on a non-dict"))?;
    let items: Vec<(Value, Value)> = if let Some(src) = v.downcast::<PyDict>() {
        src.items(ts)
    } else {
        let Some(keys) = protocols::get_attr_opt(ts, v, &names().keys)? else {
            return Err(ts.type_error(format!(
                "{} argument after ** must be a mapping, not {}",
                func_display(ts, callee),
                v.class().name()
            )));
        };
        let ks = protocols::call(ts, &keys, &[], None)?;
        let mut out = Vec::new();
        for k in protocols::collect(ts, &ks)? {
            let x = protocols::get_item(ts, v, &k)?;
            out.push((k, x));
        }
        out
    };
    for (k, x) in items {
        if dd.get_item(ts, &k)?.is_some() {
            let kn = if k.downcast::<crate::objects::str::PyStr>().is_some() {
                str_lossy(&k)
            } else {
                return Err(ts.type_error("keywords must be strings"));
            };
            return Err(ts.type_error(format!(
                "{} got multiple values for keyword argument '{kn}'",
                func_display(ts, callee)
            )));
        }
        dd.set_item(ts, k, x)?;
    }
    Ok(())
}

/// UNPACK_SEQUENCE (`star == None`) / UNPACK_EX: the items in order.
pub fn unpack(
    ts: &ThreadState,
    v: &Value,
    before: usize,
    after: Option<usize>,
) -> PyResult<Vec<Value>> {
    let items = if let Some(t) = v.downcast::<PyTuple>() {
        t.as_slice().to_vec()
    } else if let Some(l) = v.downcast::<crate::objects::list::PyList>() {
        l.to_vec(ts)
    } else {
        if !v.class().slots.iter.is_set() && !v.class().slots.getitem.is_set() {
            return Err(ts.type_error(format!(
                "cannot unpack non-iterable {} object",
                v.class().name()
            )));
        }
        let it = protocols::get_iter(ts, v)?;
        let mut out = Vec::new();
        while let Some(x) = protocols::next(ts, &it)? {
            out.push(x);
            if after.is_none() && out.len() > before {
                return Err(
                    ts.value_error(format!("too many values to unpack (expected {before})"))
                );
            }
        }
        out
    };
    match after {
        None => {
            if items.len() < before {
                return Err(ts.value_error(format!(
                    "not enough values to unpack (expected {before}, got {})",
                    items.len()
                )));
            }
            if items.len() > before {
                return Err(ts.value_error(
                    if v.downcast::<PyTuple>().is_some()
                        || v.downcast::<crate::objects::list::PyList>().is_some()
                    {
                        format!(
                            "too many values to unpack (expected {before}, got {})",
                            items.len()
                        )
                    } else {
                        format!("too many values to unpack (expected {before})")
                    },
                ));
            }
            Ok(items)
        }
        Some(after) => {
            if items.len() < before + after {
                return Err(ts.value_error(format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    items.len()
                )));
            }
            let mut items = items;
            let tail = items.split_off(items.len() - after);
            let mid = items.split_off(before);
            let mut out = items;
            out.push(ts.new_list(mid));
            out.extend(tail);
            Ok(out)
        }
    }
}

pub fn intrinsic1(ts: &ThreadState, f: &mut Frame, arg: u32, v: Value) -> PyResult<Value> {
    match arg {
        x if x == Intrinsic1::Print as u32 => {
            // As CPython: the value goes to whatever `sys.displayhook` is now (doctest and
            // the REPL rely on replacing it or `sys.stdout`).
            let Some(hook) = crate::builtins::sys::sys_attr(ts, "displayhook") else {
                return Err(ts.runtime_error("lost sys.displayhook"));
            };
            protocols::call(ts, &hook, &[v], None)?;
            Ok(none())
        }
        x if x == Intrinsic1::ImportStar as u32 => {
            crate::import::import_star(ts, f, &v)?;
            Ok(none())
        }
        x if x == Intrinsic1::StopIterationError as u32 => {
            let e = PyErr::from_instance(v.clone());
            if e.matches(types().exc.stop_iteration) {
                let msg = if f.code().flags & frontend::code::flags::COROUTINE != 0 {
                    "coroutine raised StopIteration"
                } else if f.code().flags & frontend::code::flags::ASYNC_GENERATOR != 0 {
                    "async generator raised StopIteration"
                } else {
                    "generator raised StopIteration"
                };
                let r = ts.runtime_error(msg);
                r.exc().set_cause(Some(v));
                r.exc().set_context(Some(e.into_value()));
                return Ok(r.into_value());
            }
            if f.code().flags & frontend::code::flags::ASYNC_GENERATOR != 0
                && e.matches(types().exc.stop_async_iteration)
            {
                let r = ts.runtime_error("async generator raised StopAsyncIteration");
                r.exc().set_cause(Some(v));
                r.exc().set_context(Some(e.into_value()));
                return Ok(r.into_value());
            }
            Ok(v)
        }
        x if x == Intrinsic1::UnaryPositive as u32 => {
            protocols::unary_op(ts, &v, crate::objects::slots::UnaryOp::Pos)
        }
        x if x == Intrinsic1::ListToTuple as u32 => {
            let items = v
                .downcast::<crate::objects::list::PyList>()
                .map(|l| l.to_vec(ts))
                .unwrap_or_default();
            Ok(ts.new_tuple(items))
        }
        x if x == Intrinsic1::AsyncGenWrap as u32 => crate::objects::async_gen::wrap(ts, v),
        x if (Intrinsic1::TypeVar as u32..=Intrinsic1::TypeAlias as u32).contains(&x) => {
            crate::typing_intrinsics::intrinsic1(ts, x, v).unwrap_or_else(|| Ok(none()))
        }
        _ => Err(ts.new_error(
            types().exc.system_error,
            format!("unsupported intrinsic {arg}"),
        )),
    }
}

pub fn intrinsic2(ts: &ThreadState, arg: u32, v2: Value, v1: Value) -> PyResult<Value> {
    use frontend::opcode::Intrinsic2;
    match arg {
        x if x == Intrinsic2::PrepReraiseStar as u32 => {
            crate::objects::exception_group::prep_reraise_star(ts, &v2, &v1)
        }
        x if x == Intrinsic2::SetFunctionTypeParams as u32 => {
            if let Some(func) = v2.downcast::<PyFunction>() {
                if let Ok(mut a) = func.attrs.lock() {
                    a.type_params = Some(v1);
                }
            }
            Ok(v2)
        }
        _ => crate::typing_intrinsics::intrinsic2(ts, arg, v2, v1).unwrap_or_else(|| {
            Err(ts.new_error(
                types().exc.system_error,
                format!("unsupported intrinsic {arg}"),
            ))
        }),
    }
}

pub fn set_function_attribute(
    ts: &ThreadState,
    func: &Value,
    arg: u32,
    attr: Value,
) -> PyResult<()> {
    let f = func
        .downcast::<PyFunction>()
        .ok_or_else(|| ts.type_error("SET_FUNCTION_ATTRIBUTE on a non-function"))?;
    match arg {
        x if x == FunctionAttr::Closure as u32 => {
            let _ = f.closure.set(attr);
        }
        x => {
            if let Ok(mut a) = f.attrs.lock() {
                match x {
                    x if x == FunctionAttr::Defaults as u32 => a.defaults = Some(attr),
                    x if x == FunctionAttr::KwDefaults as u32 => a.kwdefaults = Some(attr),
                    x if x == FunctionAttr::Annotate as u32 => a.annotate = Some(attr),
                    _ => {
                        let d = ts.new_dict();
                        if let Some(dd) = d.downcast::<PyDict>() {
                            let items = attr.as_tuple_slice();
                            let mut i = 0;
                            while i + 1 < items.len() {
                                let _ = dd.set_item(ts, items[i].clone(), items[i + 1].clone());
                                i += 2;
                            }
                        }
                        a.annotations = Some(d);
                    }
                }
            }
        }
    }
    Ok(())
}

pub fn cell_get(ts: &ThreadState, f: &Frame, i: usize) -> PyResult<Value> {
    let c = f.slot(i).clone();
    let v = c
        .as_ref()
        .and_then(|c| c.downcast::<PyCell>())
        .and_then(|c| c.get());
    v.ok_or_else(|| {
        let name = f.code().unit.localsplus_names.get(i).map(|s| s.to_string()).unwrap_or_default();
        let kind = f.code().kinds().get(i).copied().unwrap_or(0);
        if kind & frontend::code::kinds::FREE != 0 {
            ts.name_error(format!(
                "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
            ))
        } else {
            ts.unbound_local_error(&name)
        }
    })
}

pub fn cell_set(ts: &ThreadState, f: &mut Frame, i: usize, v: Option<Value>) -> PyResult<()> {
    let c = f.slot(i).clone();
    match c.as_ref().and_then(|c| c.downcast::<PyCell>()) {
        Some(cell) => {
            drop(cell.set(v));
            Ok(())
        }
        None => Err(ts.new_error(types().exc.system_error, "no cell in slot")),
    }
}

pub fn setup_annotations(ts: &ThreadState, f: &Frame) -> PyResult<()> {
    let Some(l) = &f.locals else {
        return Err(ts.new_error(
            types().exc.system_error,
            "no locals found when setting up annotations",
        ));
    };
    if protocols::get_item_opt(ts, l, &names().__annotations__)?.is_none() {
        protocols::set_item(ts, l, &names().__annotations__, ts.new_dict())?;
    }
    Ok(())
}

/// RAISE_VARARGS.
pub fn raise_varargs(ts: &ThreadState, f: &mut Frame, arg: u32) -> PyResult<Flow> {
    match arg {
        0 => match ts.handled_exception() {
            Some(e) => Ok(Flow::Reraise(PyErr::from_instance(e))),
            None => Err(ts.runtime_error("No active exception to reraise")),
        },
        1 => {
            let exc = f.pop_opt().unwrap_or_else(none);
            let e = make_exception(ts, exc)?;
            crate::interp::unwind::chain_context(ts, &e);
            Err(e)
        }
        _ => {
            let cause = f.pop_opt().unwrap_or_else(none);
            let exc = f.pop_opt().unwrap_or_else(none);
            let e = make_exception(ts, exc)?;
            let cause = if cause.is_none() {
                None
            } else if cause.is_type() && cause.as_type().is_subtype(types().exc.base_exception) {
                // Instantiated and checked as `raise cause` would be.
                Some(make_exception(ts, cause)?.value().clone())
            } else if cause.is_instance_of(types().exc.base_exception) {
                Some(cause)
            } else {
                return Err(ts.type_error("exception causes must derive from BaseException"));
            };
            e.exc().set_cause(cause);
            crate::interp::unwind::chain_context(ts, &e);
            Err(e)
        }
    }
}

/// `raise X`: an exception instance from a class or an instance.
pub fn make_exception(ts: &ThreadState, exc: Value) -> PyResult<PyErr> {
    if exc.is_type() && exc.as_type().is_subtype(types().exc.base_exception) {
        let v = protocols::call(ts, &exc, &[], None)?;
        if !v.is_instance_of(types().exc.base_exception) {
            return Err(ts.type_error(format!(
                "calling {} should have returned an instance of BaseException, not {}",
                protocols::repr_string(ts, &exc)?,
                v.class().name()
            )));
        }
        return Ok(PyErr::from_instance(v));
    }
    if exc.is_instance_of(types().exc.base_exception) {
        return Ok(PyErr::from_instance(exc));
    }
    Err(ts.type_error("exceptions must derive from BaseException"))
}

pub fn check_except_type(ts: &ThreadState, ty: &Value) -> PyResult<()> {
    let ok = |t: &Value| t.is_type() && t.as_type().is_subtype(types().exc.base_exception);
    let valid = if let Some(t) = ty.downcast::<PyTuple>() {
        t.as_slice().iter().all(ok)
    } else {
        ok(ty)
    };
    if !valid {
        return Err(
            ts.type_error("catching classes that do not inherit from BaseException is not allowed")
        );
    }
    Ok(())
}

/// CHECK_EG_MATCH (`except*`), simplified: whole-group matching.
pub fn exception_group_match(ts: &ThreadState, exc: Value, ty: &Value) -> PyResult<(Value, Value)> {
    check_except_type(ts, ty)?;
    crate::objects::exception_group::exception_group_match(ts, exc, ty)
}

/// WITH_EXCEPT_START: `exit(type(val), val, tb)`.
pub fn with_exit(
    ts: &ThreadState,
    exit: &Value,
    exit_self: Option<Value>,
    val: &Value,
) -> PyResult<Value> {
    let tb = val
        .downcast::<crate::objects::exceptions::PyBaseException>()
        .and_then(|e| e.traceback())
        .unwrap_or_else(none);
    let ty = val.class().to_value();
    let mut args = Vec::with_capacity(4);
    if let Some(s) = exit_self {
        args.push(s);
    }
    args.extend([ty, val.clone(), tb]);
    protocols::call(ts, exit, &args, None)
}

/// LOAD_SPECIAL: `(owner -- meth, self_or_null)`.
pub fn load_special(ts: &ThreadState, owner: &Value, arg: u32) -> PyResult<(Value, Option<Value>)> {
    let n = names();
    let name = match arg {
        0 => &n.__enter__,
        1 => &n.__exit__,
        2 => &n.__aenter__,
        _ => &n.__aexit__,
    };
    match owner.class().lookup(ts, name) {
        Some(m) => {
            let mt = m.class();
            if mt.is(types().function) || mt.is(types().method_descr) {
                Ok((m, Some(owner.clone())))
            } else if let Some(get) = mt.slots.descr_get.get() {
                Ok((get(ts, &m, Some(owner), &owner.class().to_value())?, None))
            } else {
                Ok((m, None))
            }
        }
        None => {
            let tn = owner.class().name();
            let msg = match arg {
                0 => format!("'{tn}' object does not support the context manager protocol"),
                1 => format!("'{tn}' object does not support the context manager protocol (missed __exit__ method)"),
                2 => format!("'{tn}' object does not support the asynchronous context manager protocol"),
                _ => format!("'{tn}' object does not support the asynchronous context manager protocol (missed __aexit__ method)"),
            };
            Err(ts.type_error(msg))
        }
    }
}

pub fn is_mapping_for_match(ts: &ThreadState, v: &Value) -> bool {
    if v.downcast::<PyDict>().is_some() {
        return true;
    }
    abc_registered(ts, v, "Mapping")
}

pub fn is_sequence_for_match(ts: &ThreadState, v: &Value) -> bool {
    if v.downcast::<crate::objects::str::PyStr>().is_some()
        || crate::objects::bytes::bytes_data(v).is_some()
        || v.downcast::<PyDict>().is_some()
    {
        return false;
    }
    if v.downcast::<PyTuple>().is_some()
        || v.downcast::<crate::objects::list::PyList>().is_some()
        || v.downcast::<crate::objects::range::PyRange>().is_some()
    {
        return true;
    }
    abc_registered(ts, v, "Sequence")
}

fn abc_registered(ts: &ThreadState, v: &Value, abc: &str) -> bool {
    if !v.class().is_heap() {
        return false;
    }
    let Ok(m) = crate::import::import_module(ts, "collections.abc") else {
        return false;
    };
    let Ok(c) = protocols::get_attr_str(ts, &m, abc) else {
        return false;
    };
    protocols::isinstance(ts, v, &c).unwrap_or(false)
}

pub fn match_keys(ts: &ThreadState, subject: &Value, keys: &Value) -> PyResult<Value> {
    let mut vals = Vec::new();
    let get = protocols::get_attr_opt(ts, subject, &names().get)?;
    let dummy = ts.new_list(vec![]);
    for k in keys.as_tuple_slice() {
        let v = match &get {
            Some(g) => protocols::call(ts, g, &[k.clone(), dummy.clone()], None)?,
            None => return Ok(none()),
        };
        if v.is(&dummy) {
            return Ok(none());
        }
        vals.push(v);
    }
    Ok(ts.new_tuple(vals))
}

pub fn match_class(
    ts: &ThreadState,
    subject: &Value,
    cls: &Value,
    npos: usize,
    kwnames: &Value,
) -> PyResult<Value> {
    if !cls.is_type() {
        return Err(ts.type_error("called match pattern must be a class"));
    }
    if !protocols::isinstance(ts, subject, cls)? {
        return Ok(none());
    }
    let mut out = Vec::new();
    if npos > 0 {
        let ct = cls.as_type();
        let match_args = protocols::get_attr_opt(ts, cls, &ts.intern("__match_args__"))?;
        let self_match = [
            types().bool,
            types().bytearray,
            types().bytes,
            types().dict,
            types().float,
            types().frozenset,
            types().int,
            types().list,
            types().set,
            types().str,
            types().tuple,
        ]
        .iter()
        .any(|t| ct.is_subtype(t));
        match match_args {
            Some(ma) => {
                let names_ = ma.as_tuple_slice().to_vec();
                if ma.downcast::<PyTuple>().is_none() {
                    return Err(ts.type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        ct.name(),
                        ma.class().name()
                    )));
                }
                if npos > names_.len() {
                    return Err(ts.type_error(format!(
                        "{}() accepts {} positional sub-pattern{} ({npos} given)",
                        ct.name(),
                        names_.len(),
                        if names_.len() == 1 { "" } else { "s" }
                    )));
                }
                for n in names_.iter().take(npos) {
                    match protocols::get_attr_opt(ts, subject, n)? {
                        Some(v) => out.push(v),
                        None => return Ok(none()),
                    }
                }
            }
            None if self_match => {
                if npos > 1 {
                    return Err(ts.type_error(format!(
                        "{}() accepts 1 positional sub-pattern ({npos} given)",
                        ct.name()
                    )));
                }
                out.push(subject.clone());
            }
            None => {
                return Err(ts.type_error(format!(
                    "{}() accepts 0 positional sub-patterns ({npos} given)",
                    ct.name()
                )))
            }
        }
    }
    for n in kwnames.as_tuple_slice() {
        match protocols::get_attr_opt(ts, subject, n)? {
            Some(v) => out.push(v),
            None => return Ok(none()),
        }
    }
    Ok(ts.new_tuple(out))
}

pub fn truth(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(py_bool(protocols::is_true(ts, v)?))
}

/// LOAD_SUPER_ATTR: `super(class, self).name` (method form: `(func, self)`).
pub fn load_super_attr(
    ts: &ThreadState,
    gsuper: &Value,
    class: &Value,
    self_: &Value,
    name: &Value,
    arg: u32,
) -> PyResult<(Value, Option<Value>)> {
    let is_builtin_super = gsuper.is(&types().super_.to_value());
    if !is_builtin_super {
        let args: Vec<Value> = if arg & 2 != 0 {
            vec![class.clone(), self_.clone()]
        } else {
            vec![]
        };
        let s = protocols::call(ts, gsuper, &args, None)?;
        return Ok((protocols::get_attr(ts, &s, name)?, None));
    }
    if !class.is_type() {
        return Err(ts.type_error(format!(
            "super() argument 1 must be a type, not {}",
            class.class().name()
        )));
    }
    let s = crate::objects::super_::new_super(ts, class.clone(), Some(self_.clone()))?;
    if arg & 1 != 0 {
        // Method form: an unbound function found on the MRO is returned with self.
        let st = crate::objects::super_::SuperState {
            ty: class.clone(),
            obj: Some(self_.clone()),
            obj_type: Some(
                if self_.is_type() && self_.as_type().is_subtype(class.as_type()) {
                    self_.clone()
                } else {
                    self_.class().to_value()
                },
            ),
        };
        if let Some(start) = &st.obj_type {
            let mro = start.as_type().mro();
            let mut i = mro
                .iter()
                .position(|c| c.is(class))
                .map_or(mro.len(), |p| p + 1);
            while i < mro.len() {
                if let Some(v) = mro[i].as_type().dict().get_item_str(ts, name) {
                    if v.class().is(types().function) && !self_.is(start) {
                        return Ok((v, Some(self_.clone())));
                    }
                    break;
                }
                i += 1;
            }
        }
    }
    Ok((protocols::get_attr(ts, &s, name)?, None))
}
