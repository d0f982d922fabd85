//! Calling Python functions: binding vectorcall arguments to parameters (positional-only,
//! defaults, keyword-only, `*args`, `**kwargs`, with CPython's error messages) and building
//! the callee's frame. The eval loop pushes that frame and continues (no Rust recursion);
//! native callers go through [`call_function_slot`], which runs a nested eval loop.

use crate::errors::PyResult;
use crate::interp::frame::{Frame, ReturnTo, SlotStorage};
use crate::objects::dict::PyDict;
use crate::objects::function::PyFunction;
use crate::objects::str::str_lossy;
use crate::objects::tuple::PyTuple;
use crate::runtime::types;
use crate::thread_state::ThreadState;
use crate::value::Value;

/// A frame for `code` with fresh empty slots (data stack, or heap for generator code).
pub fn new_frame(
    ts: &ThreadState,
    code: Value,
    func: Option<Value>,
    globals: Value,
    builtins: Value,
    locals: Option<Value>,
) -> Box<Frame> {
    // SAFETY: callers pass a code object.
    let c = unsafe { code.payload_unchecked::<crate::objects::code::PyCode>() };
    let n = c.frame_size;
    let sp = c.nlocalsplus;
    let (slots, storage) = frame_slots(ts, c.is_generator_like, n);
    ts.alloc_frame(fresh_frame(
        code,
        func,
        globals,
        builtins,
        locals,
        (slots, storage, n, sp),
    ))
}

/// A frame about to run `code` from its first instruction, with `slots` (`n` of them, the
/// stack starting at `sp`) from [`frame_slots`].
#[inline]
fn fresh_frame(
    code: Value,
    func: Option<Value>,
    globals: Value,
    builtins: Value,
    locals: Option<Value>,
    (slots, storage, nslots, sp): (*mut Option<Value>, SlotStorage, usize, usize),
) -> Frame {
    Frame {
        code,
        func,
        globals,
        builtins,
        locals,
        slots,
        nslots,
        sp,
        ip: 0,
        lasti: 0,
        storage,
        is_entry: false,
        ret: ReturnTo::Push,
        gen: None,
        frame_obj: None,
        pending_exc: None,
    }
}

/// `n` slots for a new frame: on the thread's data stack, or on the heap for a generator-like
/// code object, whose frame outlives the call.
#[inline(always)]
fn frame_slots(
    ts: &ThreadState,
    generator_like: bool,
    n: usize,
) -> (*mut Option<Value>, SlotStorage) {
    if generator_like {
        let mut b: Box<[Option<Value>]> = (0..n).map(|_| None).collect();
        let p = b.as_mut_ptr();
        (p, SlotStorage::Heap(b))
    } else {
        let (p, mark) = ts.data_stack.push(n);
        (p, SlotStorage::Stack(mark))
    }
}

/// [`new_frame`] for a function call, from borrowed code/globals/builtins: a pooled frame
/// header that last ran the same code with the same globals keeps its references to them, so
/// a call in a loop takes and drops none of those three (pooled headers keep them alive a
/// little longer; all three are long-lived: code objects and module dicts).
#[inline(always)]
fn function_call_frame(
    ts: &ThreadState,
    code: &Value,
    func: Value,
    globals: &Value,
    builtins: &Value,
) -> Box<Frame> {
    // SAFETY: a function's code is a code object.
    let c = unsafe { code.payload_unchecked::<crate::objects::code::PyCode>() };
    let n = c.frame_size;
    let sp = c.nlocalsplus;
    let (slots, storage) = frame_slots(ts, c.is_generator_like, n);
    let pooled = ts.frame_pool.borrow_mut().pop();
    let Some(mut b) = pooled else {
        return Box::new(fresh_frame(
            code.clone(),
            Some(func),
            globals.clone(),
            builtins.clone(),
            None,
            (slots, storage, n, sp),
        ));
    };
    if !b.code.is(code) {
        b.code = code.clone();
    }
    if !b.globals.is(globals) {
        b.globals = globals.clone();
    }
    if !b.builtins.is(builtins) {
        b.builtins = builtins.clone();
    }
    // `discard_frame` emptied the other references (func, locals, gen, frame_obj,
    // pending_exc), reset `ret` to Push and left `SlotStorage::Generator` (owns nothing), so
    // these writes need no drop of the old values (the drop glue is not even inlined here).
    debug_assert!(b.func.is_none() && b.locals.is_none() && b.gen.is_none());
    debug_assert!(b.frame_obj.is_none() && b.pending_exc.is_none());
    debug_assert!(matches!(b.ret, ReturnTo::Push));
    overwrite_empty(&mut b.func, Some(func));
    let old = std::mem::replace(&mut b.storage, storage);
    if matches!(old, SlotStorage::Generator) {
        std::mem::forget(old);
    } else {
        drop(old);
    }
    b.slots = slots;
    b.nslots = n;
    b.sp = sp;
    b.ip = 0;
    b.lasti = 0;
    b.is_entry = false;
    b
}

/// `*slot = v` for a slot that is normally already empty, without calling the drop glue then.
#[inline(always)]
fn overwrite_empty(slot: &mut Option<Value>, v: Option<Value>) {
    let old = std::mem::replace(slot, v);
    if old.is_some() {
        drop(old);
    } else {
        std::mem::forget(old);
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

fn name_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        0 => String::new(),
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}

/// Binds `args` (the last `len(kwnames)` by keyword) into `f`'s parameter slots.
pub fn bind_args(
    ts: &ThreadState,
    func: &PyFunction,
    frame: &mut Frame,
    args: &mut dyn Iterator<Item = Value>,
    nargs: usize,
    kwnames: Option<&PyTuple>,
) -> PyResult<()> {
    let co = func.code();
    let nkw = kwnames.map_or(0, |k| k.len());
    let npos = nargs - nkw;
    let argcount = co.argcount;
    let kwonly = co.kwonly;
    let total = argcount + kwonly;
    let qual = || func.qualname_string();
    let mut kwdict: Option<Value> = None;
    if co.has_varkw() {
        let d = ts.new_dict();
        let idx = total + usize::from(co.has_varargs());
        *frame.slot_mut(idx) = Some(d.clone());
        kwdict = Some(d);
    }
    let mut extra = Vec::new();
    for i in 0..npos {
        let Some(v) = args.next() else { break };
        if i < argcount {
            *frame.slot_mut(i) = Some(v);
        } else {
            extra.push(v);
        }
    }
    if co.has_varargs() {
        *frame.slot_mut(total) = Some(ts.new_tuple(extra));
    } else if !extra.is_empty() {
        let defaults = func.defaults();
        let ndef = defaults.as_ref().map_or(0, |d| d.as_tuple_slice().len());
        let kw_given = kwnames.map_or(0, |k| {
            k.as_slice()
                .iter()
                .filter(|n| co.localsplus[argcount..total].iter().any(|p| p.is(n)))
                .count()
        });
        let takes = if ndef > 0 {
            format!(
                "from {} to {} positional arguments",
                argcount - ndef,
                argcount
            )
        } else {
            plural(argcount, "positional argument", "positional arguments")
        };
        let given = if kw_given > 0 {
            format!(
                "{} (and {}) were given",
                plural(npos, "positional argument", "positional arguments"),
                plural(kw_given, "keyword-only argument", "keyword-only arguments")
            )
        } else if npos == 1 {
            "1 was given".to_string()
        } else {
            format!("{npos} were given")
        };
        return Err(ts.type_error(format!("{}() takes {takes} but {given}", qual())));
    }
    if let Some(k) = kwnames {
        let mut posonly_as_kw: Vec<String> = Vec::new();
        for name in k.as_slice() {
            let Some(v) = args.next() else { break };
            let mut found = None;
            for (j, p) in co.localsplus[..total].iter().enumerate() {
                if p.is(name) || crate::objects::dict::fast_eq(p, name) == Some(true) {
                    found = Some(j);
                    break;
                }
            }
            match found {
                Some(j) if j >= co.posonly => {
                    if frame.slot(j).is_some() {
                        return Err(ts.type_error(format!(
                            "{}() got multiple values for argument '{}'",
                            qual(),
                            str_lossy(name)
                        )));
                    }
                    *frame.slot_mut(j) = Some(v);
                }
                other => {
                    if let Some(d) = &kwdict {
                        if let Some(dd) = d.downcast::<PyDict>() {
                            dd.set_item(ts, name.clone(), v)?;
                        }
                        continue;
                    }
                    if other.is_some() {
                        posonly_as_kw.push(str_lossy(name));
                        continue;
                    }
                    if name.downcast::<crate::objects::str::PyStr>().is_none() {
                        return Err(ts.type_error("keywords must be strings"));
                    }
                    let wrong = str_lossy(name);
                    let cands: Vec<String> = co.unit.localsplus_names[co.posonly..total]
                        .iter()
                        .map(|s| s.to_string())
                        .collect();
                    let hint = match crate::suggestions::best_match_c(&cands, &wrong) {
                        Some(s) => format!(". Did you mean '{s}'?"),
                        None => String::new(),
                    };
                    return Err(ts.type_error(format!(
                        "{}() got an unexpected keyword argument '{wrong}'{hint}",
                        qual()
                    )));
                }
            }
        }
        if !posonly_as_kw.is_empty() {
            return Err(ts.type_error(format!(
                "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                qual(),
                posonly_as_kw.join(", ")
            )));
        }
    }
    // Defaults for missing positional parameters.
    if npos < argcount {
        let defaults = func.defaults();
        let defs = defaults.as_ref().map(|d| d.as_tuple_slice()).unwrap_or(&[]);
        let first_def = argcount - defs.len().min(argcount);
        let mut missing = Vec::new();
        for i in npos..argcount {
            if frame.slot(i).is_none() {
                if i >= first_def {
                    *frame.slot_mut(i) = Some(defs[i - first_def].clone());
                } else {
                    missing.push(co.unit.localsplus_names[i].to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(ts.type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                qual(),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
    }
    if kwonly > 0 {
        let kwdefaults = func.kwdefaults();
        let mut missing = Vec::new();
        for i in argcount..total {
            if frame.slot(i).is_none() {
                let name = &co.localsplus[i];
                let d = match kwdefaults.as_ref().and_then(|d| d.downcast::<PyDict>()) {
                    Some(dd) => dd.get_item_str(ts, name),
                    None => None,
                };
                match d {
                    Some(v) => *frame.slot_mut(i) = Some(v),
                    None => missing.push(co.unit.localsplus_names[i].to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(ts.type_error(format!(
                "{}() missing {} required keyword-only argument{}: {}",
                qual(),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            )));
        }
    }
    Ok(())
}

/// The frame for calling Python function `fv` with these arguments.
pub fn function_frame(
    ts: &ThreadState,
    fv: &Value,
    args: &mut dyn Iterator<Item = Value>,
    nargs: usize,
    kwnames: Option<&PyTuple>,
) -> PyResult<Box<Frame>> {
    // SAFETY: callers pass a function.
    let f = unsafe { fv.payload_unchecked::<PyFunction>() };
    let mut frame = function_call_frame(ts, &f.code, fv.clone(), &f.globals, &f.builtins);
    if let Err(e) = bind_args(ts, f, &mut frame, args, nargs, kwnames) {
        ts.discard_frame(frame);
        return Err(e);
    }
    Ok(frame)
}

/// The frame for a call of Python function `fv` with positional arguments only, when they
/// bind without `bind_args`' general machinery (CPython's CALL_PY_EXACT_ARGS / WITH_DEFAULTS):
/// no `*args`/`**kwargs`/keyword-only parameters, and `args` plus the defaults cover exactly
/// the positional parameters. `None` (arguments untouched) when that doesn't hold.
///
/// `args` are stack slots, all `Some`; they are moved into the frame.
#[inline(always)]
pub fn simple_frame(
    ts: &ThreadState,
    fv: &Value,
    args: &mut [Option<Value>],
) -> Option<Box<Frame>> {
    // SAFETY: callers pass a function.
    let f = unsafe { fv.payload_unchecked::<PyFunction>() };
    let co = f.code();
    let n = args.len();
    if co.flags & (frontend::code::flags::VARARGS | frontend::code::flags::VARKEYWORDS) != 0
        || co.kwonly != 0
        || n > co.argcount
    {
        return None;
    }
    let defaults = if n < co.argcount {
        let d = f.defaults()?;
        if n + d.as_tuple_slice().len() < co.argcount {
            return None;
        }
        Some(d)
    } else {
        None
    };
    let mut frame = function_call_frame(ts, &f.code, fv.clone(), &f.globals, &f.builtins);
    for (i, a) in args.iter_mut().enumerate() {
        *frame.slot_mut(i) = a.take();
    }
    if let Some(d) = defaults {
        let defs = d.as_tuple_slice();
        let first = co.argcount - defs.len();
        for i in n..co.argcount {
            *frame.slot_mut(i) = defs.get(i - first).cloned();
        }
    }
    Some(frame)
}

/// The `call` slot of `function`: runs the function in a nested eval loop.
pub fn call_function_slot(
    ts: &ThreadState,
    fv: &Value,
    args: &[Value],
    kwnames: Option<&PyTuple>,
) -> PyResult<Value> {
    let _d = ts.enter_native_call("")?;
    let frame = function_frame(ts, fv, &mut args.iter().cloned(), args.len(), kwnames)?;
    crate::interp::eval::run_to_return(ts, frame)
}

impl ThreadState {
    /// Boxes a frame header, reusing a pooled box.
    pub fn alloc_frame(&self, f: Frame) -> Box<Frame> {
        match self.frame_pool.borrow_mut().pop() {
            Some(mut b) => {
                *b = f;
                b
            }
            None => Box::new(f),
        }
    }

    /// Releases a frame that never ran (or finished): empties its slots, returns its data-stack
    /// run and pools its box.
    pub fn discard_frame(&self, mut f: Box<Frame>) {
        match std::mem::replace(&mut f.storage, SlotStorage::Generator) {
            SlotStorage::Stack(mark) => {
                // Slots at or above `sp` are already empty (every pop takes its slot), so only
                // the locals and the live stack need dropping: a returning frame's stack is
                // empty, which makes this the locals only.
                let live = f.sp.min(f.nslots);
                for i in 0..live {
                    drop(f.slot_mut(i).take());
                }
                debug_assert!((live..f.nslots).all(|i| f.slot(i).is_none()));
                self.data_stack.pop(mark);
            }
            SlotStorage::Heap(b) => drop(b),
            SlotStorage::Generator => {}
        }
        f.func = None;
        f.locals = None;
        if !matches!(f.ret, ReturnTo::Push) {
            f.ret = ReturnTo::Push;
        }
        f.gen = None;
        f.frame_obj = None;
        f.pending_exc = None;
        let mut pool = self.frame_pool.borrow_mut();
        if pool.len() < 64 {
            pool.push(f);
        }
    }
}

pub fn is_function(v: &Value) -> bool {
    v.class().is(types().function)
}
