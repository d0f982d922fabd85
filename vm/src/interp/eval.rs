//! The eval loop: dispatch on the code units of the top frame of the thread's frame stack.
//!
//! A Python→Python call pushes the callee's frame and continues in the same loop; a return
//! pops it and pushes the result on the caller's stack. Only the frame pushed by [`run`]'s
//! caller (`is_entry`) returns to Rust. So Python recursion costs no Rust stack; it ends in
//! RecursionError at `sys.getrecursionlimit()` (`py_depth`). Generators resumed by FOR_ITER,
//! SEND or a `send()` call, and the `__init__` of a class call, are pushed the same way; a
//! non-entry frame's [`ReturnTo`] says what its caller gets when it yields or returns. Native
//! code calling Python (`call_function_slot`, `next()` of a generator, dunder dispatch)
//! re-enters [`run`] and is bounded by the native-depth budget.
//!
//! Errors: an instruction that fails yields a `PyErr`; [`unwind`](super::unwind) adds the
//! traceback entry, looks the instruction up in the exception table and either jumps to the
//! handler or pops the frame and continues unwinding in the caller.
//!
//! The eval breaker (gc's `check_eval_breaker`: stop-the-world, biased-RC merges, QSBR) is
//! checked at RESUME (calls), JUMP_BACKWARD and returns.

use crate::errors::{PyErr, PyResult};
use crate::interp::frame::{Frame, ReturnTo, SlotStorage};
use crate::interp::icache;
use crate::interp::ops;
use crate::objects::slots::{BinOp, CmpOp, UnaryOp};
use crate::protocols;
use crate::runtime::{none, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use frontend::opcode::Opcode;

/// How a `run` ended.
pub enum Exit {
    Return(Value),
    /// The entry frame yielded; here it is back (its slots live in its heap block).
    Yield(Value, Box<Frame>),
}

/// Runs `frame` to completion (it must not yield).
pub fn run_to_return(ts: &ThreadState, frame: Box<Frame>) -> PyResult<Value> {
    match run(ts, frame)? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(v, f) => {
            ts.discard_frame(f);
            Ok(v)
        }
    }
}

/// What an instruction handler tells the loop.
pub enum Flow {
    Next,
    /// A new frame was pushed (call).
    Call(Box<Frame>),
    Return(Value),
    Yield(Value),
    /// RETURN_GENERATOR: turn the top frame into a generator and return it.
    ReturnGenerator,
    /// Re-raise without a new traceback entry (RERAISE, END_ASYNC_FOR …).
    Reraise(PyErr),
}

/// Runs `entry` and everything it calls until it returns or yields.
pub fn run(ts: &ThreadState, mut entry: Box<Frame>) -> PyResult<Exit> {
    entry.is_entry = true;
    let pending = entry.pending_exc.take();
    let _g = ts.enter_native_call("")?;
    let _fin = crate::objects::finalize::enter(ts);
    let mut fp = ts.push_frame(entry)?;
    if let Some(e) = pending {
        // SAFETY: just pushed.
        let f = unsafe { &mut *fp };
        if let Err(e) = crate::interp::unwind::handle_thrown(ts, f, e) {
            pop_for_unwind(ts, &mut fp, e)?;
        }
    }
    loop {
        // SAFETY: `fp` points to the boxed top frame of this thread's frame stack; boxes don't
        // move, and the frame stays on the stack until this loop pops it.
        let f = unsafe { &mut *fp };
        let res = step(ts, f);
        let err = match res {
            Ok(Flow::Next) => continue,
            Ok(Flow::Call(new)) => {
                match ts.push_frame(new) {
                    Ok(p) => fp = p,
                    Err(e) => {
                        // The callee's frame was released by push_frame; raise in the caller.
                        // SAFETY: as above.
                        let f = unsafe { &mut *fp };
                        match crate::interp::unwind::handle_error(ts, f, e, true) {
                            Ok(()) => continue,
                            Err(e) => match pop_for_unwind(ts, &mut fp, e) {
                                Ok(()) => continue,
                                Err(e) => return Err(e),
                            },
                        }
                    }
                }
                continue;
            }
            Ok(Flow::Return(v)) => {
                if f.is_entry {
                    ts.pop_frame();
                    return Ok(Exit::Return(v));
                }
                let plain = matches!(f.ret, ReturnTo::Push) && f.gen.is_none();
                let ret = if plain {
                    ReturnTo::Push
                } else {
                    leave_special_frame(ts, f)
                };
                ts.pop_frame();
                fp = ts.top_frame_ptr();
                // SAFETY: the caller frame, still on the stack.
                let caller = unsafe { &mut *fp };
                let mut r = if plain {
                    caller.push(v);
                    Ok(())
                } else {
                    deliver_return(ts, caller, ret, v)
                };
                if r.is_ok() && !ts.gc.check_eval_breaker().is_empty() {
                    r = crate::interp::ops::handle_breaker(ts);
                }
                if let Err(e) = r {
                    match crate::interp::unwind::handle_error(ts, caller, e, true) {
                        Ok(()) => {}
                        Err(e) => pop_for_unwind(ts, &mut fp, e)?,
                    }
                }
                continue;
            }
            Ok(Flow::Yield(v)) => {
                if f.is_entry {
                    match ts.pop_frame_keep() {
                        Some(fr) => return Ok(Exit::Yield(v, fr)),
                        None => return Ok(Exit::Return(v)),
                    }
                }
                // An in-line generator frame (resumed by FOR_ITER, SEND or `send()`): back
                // into its generator, and the value to the caller.
                if let Some(fr) = ts.pop_frame_keep() {
                    crate::objects::generator::suspend_inline(ts, fr);
                }
                fp = ts.top_frame_ptr();
                // SAFETY: the caller frame, still on the stack.
                unsafe { (*fp).push(v) };
                continue;
            }
            Ok(Flow::ReturnGenerator) => {
                let was_entry = f.is_entry;
                let ret = std::mem::take(&mut f.ret);
                let Some(fr) = ts.pop_frame_keep() else {
                    return Err(ts.runtime_error("RETURN_GENERATOR without a frame"));
                };
                let g = crate::objects::generator::new_generator(ts, fr)?;
                if was_entry {
                    return Ok(Exit::Return(g));
                }
                fp = ts.top_frame_ptr();
                // SAFETY: the caller frame, still on the stack.
                let caller = unsafe { &mut *fp };
                if let Err(e) = deliver_return(ts, caller, ret, g) {
                    match crate::interp::unwind::handle_error(ts, caller, e, true) {
                        Ok(()) => {}
                        Err(e) => pop_for_unwind(ts, &mut fp, e)?,
                    }
                }
                continue;
            }
            Ok(Flow::Reraise(e)) => (e, false),
            Err(e) => (e, true),
        };
        let (e, new_tb) = err;
        // SAFETY: as above.
        let f = unsafe { &mut *fp };
        match crate::interp::unwind::handle_error(ts, f, e, new_tb) {
            Ok(()) => continue,
            Err(e) => pop_for_unwind(ts, &mut fp, e)?,
        }
    }
}

/// The top frame found no handler for `e`: pop it and continue in the caller (which gets a
/// traceback entry and its own handler lookup), until a handler is found or the entry frame
/// is popped (then `Err`).
fn pop_for_unwind(ts: &ThreadState, fp: &mut *mut Frame, mut e: PyErr) -> Result<(), PyErr> {
    loop {
        // SAFETY: `fp` is the top frame.
        let top = unsafe { &mut **fp };
        if top.is_entry {
            ts.pop_frame();
            return Err(e);
        }
        if top.gen.is_some() {
            // An in-line generator frame raised: the generator is finished.
            crate::objects::generator::finish_inline(ts, top);
        }
        ts.pop_frame();
        *fp = ts.top_frame_ptr();
        // SAFETY: the caller frame.
        let f = unsafe { &mut **fp };
        match crate::interp::unwind::handle_error(ts, f, e, true) {
            Ok(()) => return Ok(()),
            Err(e2) => e = e2,
        }
    }
}

/// A returning frame that is an in-line generator or has a special `ret`: the generator is
/// finished; gives the `ret` for [`deliver_return`].
#[inline(never)]
fn leave_special_frame(ts: &ThreadState, f: &mut Frame) -> ReturnTo {
    if f.gen.is_some() {
        crate::objects::generator::finish_inline(ts, f);
    }
    std::mem::take(&mut f.ret)
}

/// Gives the result `v` of a popped non-entry frame to its caller, as `ret` says.
#[inline(never)]
fn deliver_return(ts: &ThreadState, caller: &mut Frame, ret: ReturnTo, v: Value) -> PyResult<()> {
    match ret {
        ReturnTo::Push => caller.push(v),
        ReturnTo::ForIter(n) => {
            // The generator's return value ends the loop (CPython drops it too).
            drop(v);
            caller.ip += n as usize;
        }
        ReturnTo::Send(n) => {
            caller.push(v);
            caller.ip += n as usize;
        }
        ReturnTo::SendMethod => return Err(crate::objects::generator::stop_with(ts, v)),
        ReturnTo::Init(obj) => {
            if !v.is_none() {
                return Err(ts.type_error(format!(
                    "__init__() should return None, not '{}'",
                    v.class().name()
                )));
            }
            caller.push(obj);
        }
    }
    Ok(())
}

/// Decodes the instruction at `f.ip` (with its EXTENDED_ARG prefixes) and moves `f.ip` past
/// it and its inline cache units. The common case (no prefix) is one load, one table lookup
/// and two stores; prefixes take the out-of-line loop.
#[inline(always)]
fn fetch(f: &mut Frame, code: &[u16]) -> (Opcode, u32) {
    let ip = f.ip;
    let unit = code.get(ip).copied().unwrap_or(RETURN_GUARD);
    let (opc, cache) = Opcode::decode((unit & 0xFF) as u8);
    if opc == Opcode::ExtendedArg {
        return fetch_extended(f, code);
    }
    f.lasti = ip;
    f.ip = ip + 1 + cache;
    (opc, u32::from(unit >> 8))
}

/// A unit past the end of the code (never reached: the compiler ends code with a return).
const RETURN_GUARD: u16 = 0x0023;

#[cold]
#[inline(never)]
fn fetch_extended(f: &mut Frame, code: &[u16]) -> (Opcode, u32) {
    let mut ip = f.ip;
    let mut arg: u32 = 0;
    loop {
        let unit = code.get(ip).copied().unwrap_or(RETURN_GUARD);
        let op = (unit & 0xFF) as u8;
        arg = arg << 8 | u32::from(unit >> 8);
        if op == Opcode::ExtendedArg as u8 {
            ip += 1;
            continue;
        }
        let (opc, cache) = Opcode::decode(op);
        f.lasti = ip;
        f.ip = ip + 1 + cache;
        return (opc, arg);
    }
}

#[inline]
fn pop(f: &mut Frame) -> Value {
    match f.pop_opt() {
        Some(v) => v,
        None => none(),
    }
}

#[inline]
fn jump_forward(f: &mut Frame, arg: u32) {
    f.ip += arg as usize;
}

#[inline]
fn jump_backward(f: &mut Frame, arg: u32) {
    f.ip -= arg as usize;
}

/// `co_names[i]`, borrowed (a bad index is a SystemError, not a panic).
#[inline(always)]
fn name_ref<'a>(ts: &ThreadState, names: &'a [Value], i: u32) -> PyResult<&'a Value> {
    match names.get(i as usize) {
        Some(n) => Ok(n),
        None => Err(bad_name_index(ts)),
    }
}

#[cold]
fn bad_name_index(ts: &ThreadState) -> PyErr {
    ts.new_error(types().exc.system_error, "bad co_names index")
}

fn name_at(f: &Frame, i: u32) -> Value {
    f.code().names.get(i as usize).cloned().unwrap_or_else(none)
}

/// Executes instructions of `f` until one needs the outer loop (a call, return, yield or
/// error): the common instructions loop here without a call and return per instruction.
#[inline(always)]
fn step(ts: &ThreadState, f: &mut Frame) -> PyResult<Flow> {
    // SAFETY: the code object outlives this call (the frame holds it), and its code units are
    // immutable, so the slice stays valid while `f` is mutated below.
    let code: &[u16] = unsafe { &*(f.code().unit.code.as_slice() as *const [u16]) };
    // SAFETY: as for `code`: `names` is immutable and lives as long as the code object.
    let names: &[Value] = unsafe { &*(f.code().names.as_slice() as *const [Value]) };
    // SAFETY: as for `code`: the frame holds the code object for the whole call.
    let pycode: &crate::objects::code::PyCode = unsafe { &*(f.code() as *const _) };
    loop {
        let (op, arg) = fetch(f, code);
        #[cfg(debug_assertions)]
        if ts.trace_ops {
            eprintln!(
                "[{} {} {:?} {} sp={}]",
                f.code().unit.qualname,
                f.lasti,
                op,
                arg,
                f.sp
            );
        }
        use Opcode::*;
        match op {
            Cache | Nop | NotTaken | ExtendedArg => {}
            Resume => {
                if !ts.gc.check_eval_breaker().is_empty() {
                    ops::handle_breaker(ts)?;
                }
            }
            LoadFast | LoadFastCheck => {
                let v = f.slot(arg as usize).clone();
                match v {
                    Some(v) => f.push(v),
                    None => return Err(ops::unbound_local(ts, f, arg as usize)),
                }
            }
            LoadFastAndClear => {
                let v = f.slot_mut(arg as usize).take();
                f.push_opt(v);
            }
            LoadFastLoadFast => {
                let (a, b) = ((arg >> 4) as usize, (arg & 15) as usize);
                let va = f
                    .slot(a)
                    .clone()
                    .ok_or_else(|| ops::unbound_local(ts, f, a))?;
                let vb = f
                    .slot(b)
                    .clone()
                    .ok_or_else(|| ops::unbound_local(ts, f, b))?;
                f.push(va);
                f.push(vb);
            }
            StoreFast => {
                let v = f.pop_opt();
                let old = std::mem::replace(f.slot_mut(arg as usize), v);
                drop(old);
                crate::objects::finalize::poll(ts);
            }
            StoreFastLoadFast => {
                let (a, b) = ((arg >> 4) as usize, (arg & 15) as usize);
                let v = f.pop_opt();
                let old = std::mem::replace(f.slot_mut(a), v);
                drop(old);
                let vb = f
                    .slot(b)
                    .clone()
                    .ok_or_else(|| ops::unbound_local(ts, f, b))?;
                f.push(vb);
            }
            StoreFastStoreFast => {
                let (a, b) = ((arg >> 4) as usize, (arg & 15) as usize);
                let v1 = f.pop_opt();
                let old = std::mem::replace(f.slot_mut(a), v1);
                drop(old);
                let v2 = f.pop_opt();
                let old = std::mem::replace(f.slot_mut(b), v2);
                drop(old);
                crate::objects::finalize::poll(ts);
            }
            DeleteFast => {
                if f.slot(arg as usize).is_none() {
                    return Err(ops::unbound_local(ts, f, arg as usize));
                }
                let old = f.slot_mut(arg as usize).take();
                drop(old);
                crate::objects::finalize::poll(ts);
            }
            LoadConst => {
                let v = f
                    .code()
                    .consts
                    .get(arg as usize)
                    .cloned()
                    .unwrap_or_else(none);
                f.push(v);
            }
            LoadSmallInt => f.push(ts.new_int(arg as i64)),
            LoadCommonConstant => f.push(ops::common_constant(ts, arg)),
            PopTop | EndFor | PopIter => {
                let v = f.pop_opt();
                drop(v);
                crate::objects::finalize::poll(ts);
            }
            PushNull => f.push_opt(None),
            Copy => {
                let v = f.peek(arg as usize - 1).clone();
                f.push_opt(v);
            }
            Swap => {
                let top = f.sp - 1;
                let other = f.sp - arg as usize;
                // SAFETY: both indexes are inside the frame's stack.
                unsafe { std::ptr::swap(f.slots.add(top), f.slots.add(other)) };
            }
            ReturnValue => {
                let v = pop(f);
                return Ok(Flow::Return(v));
            }
            BinaryOp => {
                let b = pop(f);
                let a = pop(f);
                let r = ops::binary_op(ts, &a, &b, arg)?;
                f.push(r);
            }
            CompareOp => {
                let b = pop(f);
                let a = pop(f);
                let cmp = CmpOp::from_u32(arg >> 5);
                let r = if let (Some(x), Some(y)) = (a.as_inline_int(), b.as_inline_int()) {
                    py_bool(cmp.test(x.cmp(&y)))
                } else if let Some(t) = ops::compare_fast(&a, &b, cmp) {
                    py_bool(t)
                } else {
                    let r = protocols::rich_compare(ts, &a, &b, cmp)?;
                    if arg & 16 != 0 {
                        py_bool(protocols::is_true(ts, &r)?)
                    } else {
                        r
                    }
                };
                f.push(r);
            }
            IsOp => {
                let b = pop(f);
                let a = pop(f);
                f.push(py_bool(a.is(&b) != (arg == 1)));
            }
            ContainsOp => {
                let b = pop(f);
                let a = pop(f);
                let r = protocols::contains(ts, &b, &a)?;
                f.push(py_bool(r != (arg == 1)));
            }
            ToBool => {
                let v = pop(f);
                let b = protocols::is_true(ts, &v)?;
                f.push(py_bool(b));
            }
            UnaryNot => {
                let v = pop(f);
                let b = protocols::is_true(ts, &v)?;
                f.push(py_bool(!b));
            }
            UnaryNegative => {
                let v = pop(f);
                f.push(protocols::unary_op(ts, &v, UnaryOp::Neg)?);
            }
            UnaryInvert => {
                let v = pop(f);
                f.push(protocols::unary_op(ts, &v, UnaryOp::Invert)?);
            }
            PopJumpIfFalse | PopJumpIfTrue => {
                let v = pop(f);
                let b = if v.is_true_obj() {
                    true
                } else if v.is_false_obj() {
                    false
                } else {
                    protocols::is_true(ts, &v)?
                };
                if b == (op == PopJumpIfTrue) {
                    jump_forward(f, arg);
                }
            }
            PopJumpIfNone | PopJumpIfNotNone => {
                let v = pop(f);
                if v.is_none() == (op == PopJumpIfNone) {
                    jump_forward(f, arg);
                }
            }
            JumpForward => jump_forward(f, arg),
            JumpBackward => {
                jump_backward(f, arg);
                if !ts.gc.check_eval_breaker().is_empty() {
                    ops::handle_breaker(ts)?;
                }
            }
            JumpBackwardNoInterrupt => jump_backward(f, arg),
            GetIter => {
                let v = pop(f);
                f.push(protocols::get_iter(ts, &v)?);
            }
            ForIter => {
                let slot: *const Option<Value> = f.peek(0);
                // SAFETY: the iterator's stack slot stays put and untouched while `next` runs:
                // nested calls push frames above this one, and this frame (running, so not
                // resumable by them) executes nothing until `next` returns. Borrowing it saves
                // an incref/decref per iteration.
                let it_slot = unsafe { &*slot };
                let none_tmp;
                let it: &Value = match it_slot {
                    Some(v) => v,
                    None => {
                        none_tmp = none();
                        &none_tmp
                    }
                };
                let next = if let Some(r) = crate::objects::range::range_iter_fast(it) {
                    r.map(|i| ts.new_int(i))
                } else if let Some(r) = crate::objects::iter::seq_iter_fast(ts, it) {
                    r?
                } else if it.class().is(types().generator) {
                    // FOR_ITER_GEN: the generator's frame runs in this loop.
                    let ret = ReturnTo::ForIter(arg + 1);
                    match crate::objects::generator::resume_inline(ts, it, none(), ret) {
                        crate::objects::generator::Inline::Frame(fr) => return Ok(Flow::Call(fr)),
                        crate::objects::generator::Inline::Fallback(_) => protocols::next(ts, it)?,
                    }
                } else {
                    protocols::next(ts, it)?
                };
                match next {
                    Some(v) => f.push(v),
                    None => jump_forward(f, arg + 1),
                }
            }
            LoadGlobal => {
                let name = name_ref(ts, names, arg >> 1)?;
                let v = icache::load_global(ts, pycode, f.lasti, &f.globals, &f.builtins, name)?
                    .ok_or_else(|| ops::name_error(ts, name))?;
                f.push(v);
                if arg & 1 != 0 {
                    f.push_opt(None);
                }
            }
            StoreGlobal => {
                let name = name_at(f, arg);
                let v = pop(f);
                protocols::set_item(ts, &f.globals, &name, v)?;
                crate::objects::finalize::poll(ts);
            }
            DeleteGlobal => {
                let name = name_at(f, arg);
                ops::delete_global(ts, f, &name)?;
                crate::objects::finalize::poll(ts);
            }
            LoadName => {
                let name = name_at(f, arg);
                let v = ops::load_name(ts, f, &name)?;
                f.push(v);
            }
            StoreName => {
                let name = name_at(f, arg);
                let v = pop(f);
                ops::store_name(ts, f, name, v)?;
                crate::objects::finalize::poll(ts);
            }
            DeleteName => {
                let name = name_at(f, arg);
                ops::delete_name(ts, f, &name)?;
                crate::objects::finalize::poll(ts);
            }
            LoadAttr => {
                let owner = pop(f);
                let name = name_ref(ts, names, arg >> 1)?;
                let method = arg & 1 != 0;
                let (m, s) = icache::load_attr(ts, pycode, f.lasti, owner, name, method)?;
                f.push(m);
                if method {
                    f.push_opt(s);
                }
            }
            StoreAttr => {
                let owner = pop(f);
                let v = pop(f);
                let name = name_ref(ts, names, arg)?;
                icache::store_attr(ts, pycode, f.lasti, &owner, name, v)?;
                drop(owner);
                crate::objects::finalize::poll(ts);
            }
            DeleteAttr => {
                let owner = pop(f);
                let name = name_at(f, arg);
                protocols::del_attr(ts, &owner, &name)?;
                drop(owner);
                crate::objects::finalize::poll(ts);
            }
            StoreSubscr => {
                let key = pop(f);
                let container = pop(f);
                let v = pop(f);
                protocols::set_item(ts, &container, &key, v)?;
                drop((key, container));
                crate::objects::finalize::poll(ts);
            }
            DeleteSubscr => {
                let key = pop(f);
                let container = pop(f);
                protocols::del_item(ts, &container, &key)?;
                drop((key, container));
                crate::objects::finalize::poll(ts);
            }
            BinarySlice => {
                let stop = pop(f);
                let start = pop(f);
                let c = pop(f);
                let s = crate::objects::range::new_slice(ts, start, stop, none())?;
                f.push(protocols::get_item(ts, &c, &s)?);
            }
            StoreSlice => {
                let stop = pop(f);
                let start = pop(f);
                let c = pop(f);
                let v = pop(f);
                let s = crate::objects::range::new_slice(ts, start, stop, none())?;
                protocols::set_item(ts, &c, &s, v)?;
            }
            BuildTuple => {
                let items = ops::pop_n(f, arg as usize);
                f.push(ts.new_tuple(items));
            }
            BuildList => {
                let items = ops::pop_n(f, arg as usize);
                f.push(ts.new_list(items));
            }
            BuildSet => {
                let items = ops::pop_n(f, arg as usize);
                let s = crate::objects::set::new_set(ts)?;
                let set = s
                    .downcast::<crate::objects::set::PySet>()
                    .ok_or_else(|| ts.type_error("set"))?;
                for v in items {
                    set.add(ts, v)?;
                }
                f.push(s);
            }
            BuildMap => {
                let items = ops::pop_n(f, 2 * arg as usize);
                let d = ts.new_dict();
                let dd = d
                    .downcast::<crate::objects::dict::PyDict>()
                    .ok_or_else(|| ts.type_error("dict"))?;
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    dd.set_item(ts, k, v)?;
                }
                f.push(d);
            }
            BuildSlice => {
                let step = if arg == 3 { pop(f) } else { none() };
                let stop = pop(f);
                let start = pop(f);
                f.push(crate::objects::range::new_slice(ts, start, stop, step)?);
            }
            BuildString => {
                let items = ops::pop_n(f, arg as usize);
                let mut out: Vec<u32> = Vec::new();
                for v in &items {
                    if let Some(s) = v.downcast::<crate::objects::str::PyStr>() {
                        out.extend(s.cps());
                    }
                }
                f.push(ts.new_str_from_cps(&out));
            }
            ListAppend => {
                let v = pop(f);
                let l = f.peek(arg as usize - 1).clone().unwrap_or_else(none);
                match l.downcast::<crate::objects::list::PyList>() {
                    Some(l) => l.append(ts, v),
                    None => return Err(ts.type_error("LIST_APPEND on a non-list")),
                }
            }
            ListExtend => {
                let v = pop(f);
                let l = f.peek(arg as usize - 1).clone().unwrap_or_else(none);
                ops::list_extend(ts, &l, &v)?;
            }
            SetAdd => {
                let v = pop(f);
                let s = f.peek(arg as usize - 1).clone().unwrap_or_else(none);
                match s.downcast::<crate::objects::set::PySet>() {
                    Some(s) => s.add(ts, v)?,
                    None => return Err(ts.type_error("SET_ADD on a non-set")),
                }
            }
            SetUpdate => {
                let v = pop(f);
                let s = f.peek(arg as usize - 1).clone().unwrap_or_else(none);
                match s.downcast::<crate::objects::set::PySet>() {
                    Some(s) => s.update(ts, &v)?,
                    None => return Err(ts.type_error("SET_UPDATE on a non-set")),
                }
            }
            MapAdd => {
                let v = pop(f);
                let k = pop(f);
                let d = f.peek(arg as usize - 1).clone().unwrap_or_else(none);
                match d.downcast::<crate::objects::dict::PyDict>() {
                    Some(d) => d.set_item(ts, k, v)?,
                    None => return Err(ts.type_error("MAP_ADD on a non-dict")),
                }
            }
            DictUpdate => {
                let v = pop(f);
                let d = f.peek(arg as usize - 1).clone().unwrap_or_else(none);
                ops::dict_update(ts, &d, &v)?;
            }
            DictMerge => {
                let v = pop(f);
                let d = f.peek(arg as usize - 1).clone().unwrap_or_else(none);
                let callee = f.peek(arg as usize + 2).clone().unwrap_or_else(none);
                ops::dict_merge(ts, &callee, &d, &v)?;
            }
            UnpackSequence => {
                let v = pop(f);
                let items = ops::unpack(ts, &v, arg as usize, None)?;
                for x in items.into_iter().rev() {
                    f.push(x);
                }
            }
            UnpackEx => {
                let v = pop(f);
                let (lo, hi) = ((arg & 0xFF) as usize, (arg >> 8) as usize);
                let items = ops::unpack(ts, &v, lo, Some(hi))?;
                for x in items.into_iter().rev() {
                    f.push(x);
                }
            }
            Call => return ops::call(ts, f, arg as usize, false),
            CallKw => return ops::call(ts, f, arg as usize, true),
            CallFunctionEx => return ops::call_function_ex(ts, f),
            CallIntrinsic1 => {
                let v = pop(f);
                let r = ops::intrinsic1(ts, f, arg, v)?;
                f.push(r);
            }
            CallIntrinsic2 => {
                let v1 = pop(f);
                let v2 = pop(f);
                let r = ops::intrinsic2(ts, arg, v2, v1)?;
                f.push(r);
            }
            MakeFunction => {
                let code = pop(f);
                let func = crate::objects::function::new_function(ts, code, f.globals.clone())?;
                if f.func.is_none() || f.locals.is_some() {
                    // Module-level and class-body functions: deferred reference counting.
                    if let Some(r) = func.to_obj() {
                        r.enable_deferred(&ts.gc);
                    }
                }
                f.push(func);
            }
            SetFunctionAttribute => {
                let func = pop(f);
                let attr = pop(f);
                ops::set_function_attribute(ts, &func, arg, attr)?;
                f.push(func);
            }
            MakeCell => {
                let v = f.slot_mut(arg as usize).take();
                let c = crate::objects::function::new_cell(ts, v)?;
                *f.slot_mut(arg as usize) = Some(c);
            }
            CopyFreeVars => {
                let n = arg as usize;
                let closure = f
                    .func
                    .as_ref()
                    .and_then(|fv| fv.downcast::<crate::objects::function::PyFunction>())
                    .and_then(|fu| fu.closure().cloned());
                if let Some(c) = closure {
                    let cells = c.as_tuple_slice();
                    let base = f.code().nlocalsplus - n;
                    for (i, cell) in cells.iter().take(n).enumerate() {
                        *f.slot_mut(base + i) = Some(cell.clone());
                    }
                }
            }
            LoadDeref => {
                let v = ops::cell_get(ts, f, arg as usize)?;
                f.push(v);
            }
            StoreDeref => {
                let v = pop(f);
                ops::cell_set(ts, f, arg as usize, Some(v))?;
            }
            DeleteDeref => {
                ops::cell_get(ts, f, arg as usize)?;
                ops::cell_set(ts, f, arg as usize, None)?;
            }
            LoadFromDictOrDeref => {
                let mapping = pop(f);
                let name = f
                    .code()
                    .localsplus
                    .get(arg as usize)
                    .cloned()
                    .unwrap_or_else(none);
                match protocols::get_item_opt(ts, &mapping, &name)? {
                    Some(v) => f.push(v),
                    None => {
                        let v = ops::cell_get(ts, f, arg as usize)?;
                        f.push(v);
                    }
                }
            }
            LoadFromDictOrGlobals => {
                let mapping = pop(f);
                let name = name_at(f, arg);
                let v = match protocols::get_item_opt(ts, &mapping, &name)? {
                    Some(v) => v,
                    None => crate::interp::cache::load_global(ts, &f.globals, &f.builtins, &name)?
                        .ok_or_else(|| ops::name_error(ts, &name))?,
                };
                f.push(v);
            }
            LoadLocals => {
                let l = f
                    .locals
                    .clone()
                    .ok_or_else(|| ts.new_error(types().exc.system_error, "no locals found"))?;
                f.push(l);
            }
            LoadBuildClass => {
                let v = protocols::get_item_opt(
                    ts,
                    &f.builtins,
                    &crate::runtime::names().__build_class__,
                )?
                .ok_or_else(|| ts.name_error("__build_class__ not found"))?;
                f.push(v);
            }
            SetupAnnotations => ops::setup_annotations(ts, f)?,
            ImportName => {
                let fromlist = pop(f);
                let level = pop(f);
                let name = name_at(f, arg);
                let m = crate::import::import_name(ts, f, &name, &fromlist, &level)?;
                f.push(m);
            }
            ImportFrom => {
                let m = f.peek(0).clone().unwrap_or_else(none);
                let name = name_at(f, arg);
                let v = crate::import::import_from(ts, &m, &name)?;
                f.push(v);
            }
            RaiseVarargs => return ops::raise_varargs(ts, f, arg),
            Reraise => {
                // The handler lookup uses this instruction's offset (CPython's INSTR_OFFSET), not
                // the saved `lasti` below the exception, which only matters for tracebacks: this
                // frame's entry was recorded when the exception was first raised here.
                let exc = pop(f);
                return Ok(Flow::Reraise(PyErr::from_instance(exc)));
            }
            PushExcInfo => {
                let exc = pop(f);
                let prev = ts.set_handled(Some(exc.clone()));
                f.push(prev.unwrap_or_else(none));
                f.push(exc);
            }
            PopExcept => {
                let prev = pop(f);
                let old = ts.set_handled(if prev.is_none() { None } else { Some(prev) });
                drop(old);
            }
            CheckExcMatch => {
                let ty = pop(f);
                let exc = f.peek(0).clone().unwrap_or_else(none);
                ops::check_except_type(ts, &ty)?;
                let m = protocols::isinstance(ts, &exc, &ty)?;
                f.push(py_bool(m));
            }
            CheckEgMatch => {
                let ty = pop(f);
                let exc = pop(f);
                let (rest, matched) = ops::exception_group_match(ts, exc, &ty)?;
                f.push(rest);
                f.push(matched);
            }
            WithExceptStart => {
                let val = f.peek(0).clone().unwrap_or_else(none);
                let exit_self = f.peek(3).clone();
                let exit_func = f.peek(4).clone().unwrap_or_else(none);
                let r = ops::with_exit(ts, &exit_func, exit_self, &val)?;
                f.push(r);
            }
            LoadSpecial => {
                let owner = pop(f);
                let (m, s) = ops::load_special(ts, &owner, arg)?;
                f.push(m);
                f.push_opt(s);
            }
            ExitInitCheck => {
                let v = pop(f);
                if !v.is_none() {
                    return Err(ts.type_error(format!(
                        "__init__() should return None, not '{}'",
                        v.class().name()
                    )));
                }
            }
            FormatSimple => {
                let v = pop(f);
                let r = protocols::format(ts, &v, &crate::runtime::empty_str())?;
                f.push(r);
            }
            FormatWithSpec => {
                let spec = pop(f);
                let v = pop(f);
                f.push(protocols::format(ts, &v, &spec)?);
            }
            ConvertValue => {
                let v = pop(f);
                let r = match arg {
                    1 => protocols::str(ts, &v)?,
                    2 => protocols::repr(ts, &v)?,
                    _ => {
                        let r = protocols::repr_cps(ts, &v)?;
                        ts.new_str_from_cps(&crate::text::printf::ascii_escape(&r))
                    }
                };
                f.push(r);
            }
            GetLen => {
                let v = f.peek(0).clone().unwrap_or_else(none);
                let n = protocols::len(ts, &v)?;
                f.push(ts.new_usize(n));
            }
            MatchMapping => {
                let v = f.peek(0).clone().unwrap_or_else(none);
                f.push(py_bool(ops::is_mapping_for_match(ts, &v)));
            }
            MatchSequence => {
                let v = f.peek(0).clone().unwrap_or_else(none);
                f.push(py_bool(ops::is_sequence_for_match(ts, &v)));
            }
            MatchKeys => {
                let keys = f.peek(0).clone().unwrap_or_else(none);
                let subject = f.peek(1).clone().unwrap_or_else(none);
                let r = ops::match_keys(ts, &subject, &keys)?;
                f.push(r);
            }
            MatchClass => {
                let names = pop(f);
                let cls = pop(f);
                let subject = pop(f);
                let r = ops::match_class(ts, &subject, &cls, arg as usize, &names)?;
                f.push(r);
            }
            ReturnGenerator => return Ok(Flow::ReturnGenerator),
            YieldValue => {
                let v = pop(f);
                return Ok(Flow::Yield(v));
            }
            GetYieldFromIter => {
                let v = pop(f);
                let r = if crate::objects::generator::is_generator(&v) {
                    v
                } else {
                    protocols::get_iter(ts, &v)?
                };
                f.push(r);
            }
            Send => return crate::objects::generator::send_op(ts, f, arg),
            EndSend => {
                let v = pop(f);
                let r = f.pop_opt();
                drop(r);
                f.push(v);
            }
            CleanupThrow => {
                let exc = pop(f);
                let _last = pop(f);
                let _sub = pop(f);
                if exc.is_instance_of(types().exc.stop_iteration) {
                    let val = protocols::get_attr_opt(ts, &exc, &crate::runtime::names().value)?
                        .unwrap_or_else(none);
                    f.push(none());
                    f.push(val);
                } else {
                    return Ok(Flow::Reraise(PyErr::from_instance(exc)));
                }
            }
            GetAwaitable => {
                let v = pop(f);
                f.push(crate::objects::generator::get_awaitable(ts, v, arg)?);
            }
            GetAiter => {
                let v = pop(f);
                f.push(crate::objects::generator::get_aiter(ts, &v)?);
            }
            GetAnext => {
                let v = f.peek(0).clone().unwrap_or_else(none);
                f.push(crate::objects::generator::get_anext(ts, &v)?);
            }
            EndAsyncFor => {
                let exc = pop(f);
                let _aw = pop(f);
                if !exc.is_instance_of(types().exc.stop_async_iteration) {
                    return Ok(Flow::Reraise(PyErr::from_instance(exc)));
                }
            }
            LoadSuperAttr => {
                let self_ = pop(f);
                let class = pop(f);
                let gsuper = pop(f);
                let name = name_at(f, arg >> 2);
                let r = ops::load_super_attr(ts, &gsuper, &class, &self_, &name, arg)?;
                f.push(r.0);
                if arg & 1 != 0 {
                    f.push_opt(r.1);
                }
            }
            BuildInterpolation => {
                let spec = if arg & 1 != 0 { Some(pop(f)) } else { None };
                let expr = pop(f);
                let value = pop(f);
                let r = crate::objects::template::build_interpolation(ts, value, expr, spec, arg)?;
                f.push(r);
            }
            BuildTemplate => {
                let interps = pop(f);
                let strings = pop(f);
                f.push(crate::objects::template::build_template(
                    ts, strings, interps,
                )?);
            }
        }
    }
}

/// A new frame for module/class-body code with `globals` (and `locals`).
pub fn run_code(
    ts: &ThreadState,
    code: &Value,
    globals: Value,
    locals: Option<Value>,
) -> PyResult<Value> {
    let builtins = ops::builtins_for(ts, &globals);
    let frame = crate::interp::call::new_frame(ts, code.clone(), None, globals, builtins, locals);
    run_to_return(ts, frame)
}

impl ThreadState {
    /// Pushes a frame on this thread's frame stack (RecursionError past the limit).
    pub(crate) fn push_frame(&self, mut f: Box<Frame>) -> PyResult<*mut Frame> {
        let d = self.py_depth.get() + 1;
        if d > self.rt.recursion_limit() + 50 * u32::from(self.in_recursion_error.get()) {
            if !f.is_entry && f.gen.is_some() {
                // A generator resumed in line: it ends here, as a nested resumption that
                // failed to start would.
                crate::objects::generator::finish_inline(self, &mut f);
            }
            self.discard_frame(f);
            self.in_recursion_error.set(true);
            return Err(self.recursion_error("maximum recursion depth exceeded"));
        }
        self.py_depth.set(d);
        let mut v = self.frames.borrow_mut();
        v.push(f);
        let p: *mut Frame = &mut **v.last_mut().expect("just pushed");
        Ok(p)
    }

    /// Pops and releases the top frame.
    pub(crate) fn pop_frame(&self) {
        let f = self.frames.borrow_mut().pop();
        if let Some(f) = f {
            self.py_depth.set(self.py_depth.get().saturating_sub(1));
            if self.py_depth.get() + 40 < self.rt.recursion_limit() {
                self.in_recursion_error.set(false);
            }
            self.discard_frame(f);
        }
    }

    /// Pops the top frame without releasing its slots (a generator keeps them).
    pub(crate) fn pop_frame_keep(&self) -> Option<Box<Frame>> {
        let f = self.frames.borrow_mut().pop();
        if f.is_some() {
            self.py_depth.set(self.py_depth.get().saturating_sub(1));
        }
        f
    }

    pub(crate) fn top_frame_ptr(&self) -> *mut Frame {
        let mut v = self.frames.borrow_mut();
        match v.last_mut() {
            Some(b) => &mut **b,
            None => std::ptr::null_mut(),
        }
    }

    /// The globals of the innermost Python frame.
    pub fn current_globals(&self) -> Option<Value> {
        self.frames.borrow().last().map(|f| f.globals.clone())
    }

    /// The locals mapping of the innermost frame (module/class bodies), or its fast locals
    /// as a new dict.
    pub fn current_locals(&self) -> Option<Value> {
        let v = self.frames.borrow();
        let f = v.last()?;
        Some(frame_locals(self, f))
    }

    /// Runs `f` with the innermost frame (for `super()` and `sys._getframe`).
    pub fn with_frame_at<R>(&self, depth: usize, f: impl FnOnce(Option<&Frame>) -> R) -> R {
        let v = self.frames.borrow();
        let n = v.len();
        f(if depth < n {
            Some(&*v[n - 1 - depth])
        } else {
            None
        })
    }

    pub fn frame_depth(&self) -> usize {
        self.frames.borrow().len()
    }
}

impl Frame {
    /// Whether this frame's slots belong to a generator (not the data stack).
    pub fn in_generator(&self) -> bool {
        matches!(self.storage, SlotStorage::Generator | SlotStorage::Heap(_))
    }
}

/// Binary op operand → protocol call (`BINARY_OP`'s operand numbering).
pub(crate) fn binop_of(arg: u32) -> (Option<BinOp>, bool) {
    match arg {
        0..=12 => (BinOp::from_u32(arg), false),
        13..=25 => (BinOp::from_u32(arg - 13), true),
        _ => (None, false),
    }
}

/// A frame's locals: its mapping (module/class bodies) or a snapshot of its fast locals.
pub fn frame_locals(ts: &ThreadState, f: &Frame) -> Value {
    if let Some(l) = &f.locals {
        return l.clone();
    }
    let d = ts.new_dict();
    let Some(dd) = d.downcast::<crate::objects::dict::PyDict>() else {
        return d;
    };
    let c = f.code();
    for (i, name) in c.localsplus.iter().enumerate() {
        let kind = c.kinds()[i];
        if kind & frontend::code::kinds::HIDDEN != 0 {
            continue;
        }
        if let Some(v) = f.slot(i) {
            let v = if kind & (frontend::code::kinds::CELL | frontend::code::kinds::FREE) != 0 {
                match v.downcast::<crate::objects::function::PyCell>() {
                    Some(c) => match c.get() {
                        Some(x) => x,
                        None => continue,
                    },
                    None => v.clone(),
                }
            } else {
                v.clone()
            };
            let _ = dd.set_item(ts, name.clone(), v);
        }
    }
    d
}
