//! The `gc` module: `collect()` runs gc's cycle collector over the VM's objects (see
//! `objects/finalize.rs`), `gc.callbacks` are called around every collection, automatic
//! collections follow the allocation threshold, the rest is statistics and switches. Also
//! `_tracemalloc`, which reports that allocations are not traced (Ladon has no allocation
//! tracing), so `tracemalloc` and the warnings module work.

use super::args::MethodArgs;
use super::set;
use crate::errors::PyResult;
use crate::objects::dict::PyDict;
use crate::objects::finalize;
use crate::protocols;
use crate::runtime::{none, py_bool};
use crate::thread_state::ThreadState;
use crate::value::Value;

/// Runs a collection with `gc.callbacks` called before ("start") and after ("stop"); returns
/// how many unreachable objects were found.
pub fn collect_with_callbacks(ts: &ThreadState, generation: i64) -> usize {
    let callbacks = callbacks(ts);
    let info = |collected: usize| -> PyResult<Value> {
        let d = ts.new_dict();
        if let Some(dd) = d.downcast::<PyDict>() {
            dd.set_str(ts, "generation", ts.new_int(generation));
            dd.set_str(ts, "collected", ts.new_int(collected as i64));
            dd.set_str(ts, "uncollectable", ts.new_int(0));
        }
        Ok(d)
    };
    run_callbacks(ts, &callbacks, "start", info(0));
    let c = finalize::collect(ts);
    run_callbacks(ts, &callbacks, "stop", info(c.collected));
    c.collected
}

/// A snapshot of `gc.callbacks` if the module was imported (automatic collections don't import).
fn callbacks(ts: &ThreadState) -> Vec<Value> {
    let Some(mods) = ts.rt.sys_modules().downcast::<PyDict>() else {
        return Vec::new();
    };
    let Some(m) = mods.get_item_str(ts, &ts.intern("gc")) else {
        return Vec::new();
    };
    match protocols::get_attr_str(ts, &m, "callbacks") {
        Ok(l) => protocols::collect(ts, &l).unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

fn run_callbacks(ts: &ThreadState, cbs: &[Value], phase: &str, info: PyResult<Value>) {
    if cbs.is_empty() {
        return;
    }
    let Ok(info) = info else { return };
    let phase = ts.new_str(phase);
    for cb in cbs {
        if let Err(e) = protocols::call(ts, cb, &[phase.clone(), info.clone()], None) {
            finalize::write_unraisable(
                ts,
                e,
                Some("Exception ignored in garbage collector callback"),
                Some(cb.clone()),
            );
        }
    }
}

fn gc_collect(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [g] = a.parse::<1>(ts, "collect", &["generation"], 0)?;
    let generation = match g {
        Some(g) => protocols::index_i64(ts, &g)?,
        None => 2,
    };
    if !(0..=2).contains(&generation) {
        return Err(ts.value_error("invalid generation"));
    }
    Ok(ts.new_int(collect_with_callbacks(ts, generation) as i64))
}

fn gc_enable(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    gc::set_enabled(true);
    Ok(none())
}

fn gc_disable(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    gc::set_enabled(false);
    Ok(none())
}

fn gc_isenabled(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(gc::is_enabled()))
}

fn gc_get_threshold(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_tuple(vec![
        ts.new_int(gc::threshold() as i64),
        ts.new_int(0),
        ts.new_int(0),
    ]))
}

fn gc_set_threshold(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [t0, _t1, _t2] = a.parse::<3>(ts, "set_threshold", &["", "", ""], 1)?;
    if let Some(v) = t0 {
        let n = protocols::index_i64(ts, &v)?;
        if n == 0 {
            gc::set_enabled(false);
        } else {
            gc::set_threshold(n.max(1) as isize);
        }
    }
    Ok(none())
}

fn gc_get_count(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    let n = gc::allocations_since_collect().max(0);
    Ok(ts.new_tuple(vec![ts.new_int(n as i64), ts.new_int(0), ts.new_int(0)]))
}

fn bits_of(ts: &ThreadState, a: MethodArgs<'_>, name: &str) -> PyResult<u8> {
    let [o] = a.parse::<1>(ts, name, &[""], 1)?;
    Ok(o.and_then(|o| o.header().map(|h| h.gc_bits())).unwrap_or(0))
}

fn gc_is_tracked(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let b = bits_of(ts, a, "is_tracked")?;
    Ok(py_bool(b & gc::gc_bits::TRACKED != 0))
}

fn gc_is_finalized(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let b = bits_of(ts, a, "is_finalized")?;
    Ok(py_bool(b & gc::gc_bits::FINALIZED != 0))
}

fn to_values(v: Vec<gc::ObjRef>) -> Vec<Value> {
    v.into_iter().map(Value::from_obj).collect()
}

fn gc_get_objects(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [g] = a.parse::<1>(ts, "get_objects", &["generation"], 0)?;
    if let Some(g) = g.filter(|g| !g.is_none()) {
        let g = protocols::index_i64(ts, &g)?;
        if !(0..=2).contains(&g) {
            return Err(ts.value_error(
                "generation parameter must be less than the number of available generations (3)",
            ));
        }
    }
    Ok(ts.new_list(to_values(gc::tracked_objects(&ts.gc))))
}

fn gc_get_referents(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let mut out = Vec::new();
    for o in a.positional() {
        if let Some(r) = o.to_obj() {
            out.extend(to_values(gc::referents(&ts.gc, &r)));
        }
    }
    Ok(ts.new_list(out))
}

fn gc_get_referrers(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let targets: Vec<gc::ObjRef> = a.positional().iter().filter_map(|o| o.to_obj()).collect();
    Ok(ts.new_list(to_values(gc::referrers(&ts.gc, &targets))))
}

fn gc_noop(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(none())
}

fn gc_zero(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(0))
}

/// The `gc` module.
pub fn module(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = super::modules::new_native_module(
        ts,
        "gc",
        &[
            ("collect", gc_collect),
            ("enable", gc_enable),
            ("disable", gc_disable),
            ("isenabled", gc_isenabled),
            ("get_threshold", gc_get_threshold),
            ("set_threshold", gc_set_threshold),
            ("get_count", gc_get_count),
            ("is_tracked", gc_is_tracked),
            ("is_finalized", gc_is_finalized),
            ("freeze", gc_noop),
            ("unfreeze", gc_noop),
            ("get_freeze_count", gc_zero),
            ("get_objects", gc_get_objects),
            ("get_referents", gc_get_referents),
            ("get_referrers", gc_get_referrers),
        ],
    )?;
    if let Some(dd) = d.downcast::<PyDict>() {
        set(ts, dd, "garbage", ts.new_list(vec![]));
        set(ts, dd, "callbacks", ts.new_list(vec![]));
        set(ts, dd, "DEBUG_STATS", ts.new_int(1));
        set(ts, dd, "DEBUG_COLLECTABLE", ts.new_int(2));
        set(ts, dd, "DEBUG_UNCOLLECTABLE", ts.new_int(4));
        set(ts, dd, "DEBUG_SAVEALL", ts.new_int(32));
        set(ts, dd, "DEBUG_LEAK", ts.new_int(38));
    }
    Ok(m)
}

// --- _tracemalloc (no tracing) ---

fn tm_false(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(false))
}

fn tm_none(_ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(none())
}

fn tm_start(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Err(ts.runtime_error("tracemalloc: allocation tracing is not supported by Ladon"))
}

fn tm_object_traceback(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let _ = a.parse::<1>(ts, "_get_object_traceback", &[""], 1)?;
    Ok(none())
}

fn tm_traces(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_list(vec![]))
}

fn tm_limit(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(1))
}

fn tm_memory(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_tuple(vec![ts.new_int(0), ts.new_int(0)]))
}

fn tm_zero(ts: &ThreadState, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(0))
}

/// The `_tracemalloc` module: never tracing; `start()` raises RuntimeError.
pub fn tracemalloc_module(ts: &ThreadState) -> PyResult<Value> {
    let (m, _) = super::modules::new_native_module(
        ts,
        "_tracemalloc",
        &[
            ("is_tracing", tm_false),
            ("start", tm_start),
            ("stop", tm_none),
            ("clear_traces", tm_none),
            ("reset_peak", tm_none),
            ("_get_object_traceback", tm_object_traceback),
            ("_get_traces", tm_traces),
            ("get_traceback_limit", tm_limit),
            ("get_traced_memory", tm_memory),
            ("get_tracemalloc_memory", tm_zero),
        ],
    )?;
    Ok(m)
}
