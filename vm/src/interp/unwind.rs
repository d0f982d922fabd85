//! Exception unwinding inside a frame: traceback entries, `__context__` chaining, and the
//! zero-cost exception table lookup (nothing is pushed on `try` entry; a raise looks up the
//! instruction offset in the code's table).

use crate::errors::PyErr;
use crate::interp::frame::Frame;
use crate::objects::exceptions::{new_frame_obj, new_traceback};
use crate::runtime::none;
use crate::thread_state::ThreadState;

/// Handles `e` raised at `f.lasti`: records the traceback entry (if `new_tb`), then jumps to
/// the handler (`Ok`) or reports that the frame has none (`Err`, the frame must be popped).
///
/// An exception arriving here without a traceback was just raised (by native code): it is
/// chained to the handled exception, as CPython's `_PyErr_SetObject` does at raise time. One
/// with a traceback is propagating and was chained where it was raised (RAISE_VARARGS chains
/// explicitly, `throw()` never does: [`handle_thrown`]).
pub fn handle_error(ts: &ThreadState, f: &mut Frame, e: PyErr, new_tb: bool) -> Result<(), PyErr> {
    if new_tb {
        if e.exc().traceback().is_none() && e.exc().context().is_none() {
            chain_context(ts, &e);
        }
        add_traceback(ts, f, &e);
    }
    find_handler(ts, f, e)
}

/// An exception thrown into a resumed generator frame (`throw()`, `close()`): it gets this
/// frame's traceback entry but no `__context__` (CPython restores it without chaining).
pub fn handle_thrown(ts: &ThreadState, f: &mut Frame, e: PyErr) -> Result<(), PyErr> {
    add_traceback(ts, f, &e);
    find_handler(ts, f, e)
}

/// Jumps to the handler covering `f.lasti` (`Ok`), or reports that there is none (`Err`).
fn find_handler(ts: &ThreadState, f: &mut Frame, e: PyErr) -> Result<(), PyErr> {
    let lasti = f.lasti as u32;
    let entry = f
        .code()
        .unit
        .exception_table
        .iter()
        .find(|x| x.start <= lasti && lasti < x.end)
        .copied();
    if trace_exc() {
        eprintln!(
            "[exc {} in {} at {} -> {:?}]",
            e.value().class().name(),
            f.code().unit.qualname,
            lasti,
            entry.map(|x| x.target)
        );
    }
    let Some(entry) = entry else {
        return Err(e);
    };
    let target_sp = f.code().nlocalsplus + entry.depth as usize;
    while f.sp > target_sp {
        let v = f.pop_opt();
        drop(v);
    }
    if entry.lasti {
        f.push(ts.new_int(lasti as i64));
    }
    f.push(e.into_value());
    f.ip = entry.target as usize;
    Ok(())
}

/// `LADON_TRACE_EXC` is set (read once: `getenv` takes the environment lock and scans it, too
/// slow for every raise).
fn trace_exc() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("LADON_TRACE_EXC").is_some())
}

/// Sets `__context__` to the exception being handled (CPython's `_PyErr_SetObject` chaining),
/// cutting a cycle if the new exception is already in that chain.
pub fn chain_context(ts: &ThreadState, e: &PyErr) {
    let Some(handled) = ts.handled_exception() else {
        return;
    };
    if handled.is(e.value()) {
        return;
    }
    let exc = e.exc();
    // Break a cycle: walk the handled exception's context chain.
    let mut o = handled.clone();
    for _ in 0..1000 {
        let Some(x) = o.downcast::<crate::objects::exceptions::PyBaseException>() else {
            break;
        };
        match x.context() {
            Some(c) if c.is(e.value()) => {
                x.set_context(None);
                break;
            }
            Some(c) => o = c,
            None => break,
        }
    }
    exc.set_context(Some(handled));
}

/// Prepends this frame's entry to the exception's traceback.
pub fn add_traceback(ts: &ThreadState, f: &mut Frame, e: &PyErr) {
    let loc = f.code().unit.location(f.lasti as u32);
    let lineno = loc.lineno;
    let fo = match &f.frame_obj {
        Some(o) => o.clone(),
        None => {
            let locals = Some(crate::interp::eval::frame_locals(ts, f));
            match new_frame_obj(
                ts,
                f.code.clone(),
                f.globals.clone(),
                locals,
                lineno,
                f.lasti as u32,
                None,
            ) {
                Ok(o) => {
                    f.frame_obj = Some(o.clone());
                    o
                }
                Err(_) => return,
            }
        }
    };
    let exc = e.exc();
    let next = exc.traceback();
    if let Ok(tb) = new_traceback(ts, next, fo, f.lasti as u32, lineno) {
        exc.set_traceback(Some(tb));
    }
    let _ = none;
}
