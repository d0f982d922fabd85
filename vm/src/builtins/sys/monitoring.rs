//! `sys.monitoring` (PEP 669): the tool registry of the monitoring API.
//!
//! What is kept: the six tool ids and their names, each tool's global event set, per-code
//! local event sets, and the registered callbacks, with CPython 3.14's argument checks and
//! messages (`Python/instrumentation.c`). Debuggers and coverage tools (`bdb`, `pdb`,
//! `doctest` through `pdb`) use this API at import and set-up time.
//!
//! What is not built yet: Ladon's eval loop does not deliver events, so registered callbacks
//! are never called (the same holds for `sys.settrace`). The state lives in one process-wide
//! [`Monitoring`] behind a mutex: calls are rare (tool set-up), never on a hot path.

use crate::builtins::args::MethodArgs;
use crate::builtins::{func, set};
use crate::errors::PyResult;
use crate::objects::code::PyCode;
use crate::objects::dict::PyDict;
use crate::objects::int::{as_int, IntVal};
use crate::objects::module::{new_module, new_namespace, PyModule};
use crate::protocols;
use crate::runtime::{none, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// Event names in bit order (`1 << index`), as in CPython 3.14.
const EVENT_NAMES: [&str; 19] = [
    "PY_START",
    "PY_RESUME",
    "PY_RETURN",
    "PY_YIELD",
    "CALL",
    "LINE",
    "INSTRUCTION",
    "JUMP",
    "BRANCH_LEFT",
    "BRANCH_RIGHT",
    "STOP_ITERATION",
    "RAISE",
    "EXCEPTION_HANDLED",
    "PY_UNWIND",
    "PY_THROW",
    "RERAISE",
    "C_RETURN",
    "C_RAISE",
    "BRANCH",
];
/// Events that may be set per code object (the first 11).
const LOCAL_EVENTS: u32 = 11;
/// Events with their own tool bitmap; C_RETURN and C_RAISE ride on CALL, BRANCH on the two
/// branch directions.
const UNGROUPED_EVENTS: usize = 16;
const ALL_EVENTS: u32 = EVENT_NAMES.len() as u32;
const EV_CALL: u32 = 1 << 4;
const EV_BRANCH_LEFT: u32 = 1 << 8;
const EV_BRANCH_RIGHT: u32 = 1 << 9;
const EV_BRANCH: u32 = 1 << 18;
const C_RETURN_EVENTS: u32 = (1 << 16) | (1 << 17);
const C_CALL_EVENTS: u32 = C_RETURN_EVENTS | EV_CALL;
/// Tool ids 0..=5 (6 and 7 are CPython's internal sys.setprofile/settrace tools).
const TOOLS: usize = 6;

/// The registry. Invariant: `callbacks[t][e]` and `global[t]` are only non-empty for tools
/// that were in use when they were set (clearing a tool empties both).
struct Monitoring {
    names: [Option<Value>; TOOLS],
    /// Per tool, the global event set (a bitmask over the ungrouped events).
    global: [u32; TOOLS],
    callbacks: [[Option<Value>; EVENT_NAMES.len()]; TOOLS],
    /// Per code object (by identity; the value keeps it alive), its local event sets.
    local: HashMap<usize, (Value, [u32; TOOLS])>,
}

static STATE: Mutex<Option<Monitoring>> = Mutex::new(None);

fn state() -> MutexGuard<'static, Option<Monitoring>> {
    // A panic while holding the lock cannot leave the registry inconsistent (each update
    // is one assignment), so a poisoned lock is still usable.
    STATE.lock().unwrap_or_else(|p| p.into_inner())
}

fn with_state<R>(f: impl FnOnce(&mut Monitoring) -> R) -> R {
    let mut g = state();
    let m = g.get_or_insert_with(|| Monitoring {
        names: Default::default(),
        global: [0; TOOLS],
        callbacks: Default::default(),
        local: HashMap::new(),
    });
    f(m)
}

/// A C `int` argument, with CPython's errors.
fn c_int(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let i = protocols::index(ts, v)?;
    match as_int(&i) {
        Some(IntVal::Small(x)) if i32::try_from(x).is_ok() => Ok(x),
        _ => Err(ts.overflow_error("Python int too large to convert to C int")),
    }
}

fn valid_tool(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    let t = c_int(ts, v)?;
    if !(0..TOOLS as i64).contains(&t) {
        return Err(ts.value_error(format!("invalid tool {t} (must be between 0 and 5)")));
    }
    Ok(t as usize)
}

fn not_in_use(ts: &ThreadState, tool: usize) -> crate::errors::PyErr {
    ts.value_error(format!("tool {tool} is not in use"))
}

/// The positional arguments of `name`, exactly `N` of them.
fn args<const N: usize>(ts: &ThreadState, a: &MethodArgs<'_>, name: &str) -> PyResult<[Value; N]> {
    if a.nkw() > 0 {
        return Err(ts.type_error(format!(
            "sys.monitoring.{name}() takes no keyword arguments"
        )));
    }
    let pos = a.positional();
    if pos.len() != N {
        return Err(ts.type_error(if N == 0 {
            format!(
                "sys.monitoring.{name}() takes no arguments ({} given)",
                pos.len()
            )
        } else if N == 1 {
            format!(
                "sys.monitoring.{name}() takes exactly one argument ({} given)",
                pos.len()
            )
        } else {
            format!("{name} expected {N} arguments, got {}", pos.len())
        }));
    }
    Ok(std::array::from_fn(|i| pos[i].clone()))
}

fn code_key(ts: &ThreadState, code: &Value) -> PyResult<usize> {
    if code.downcast::<PyCode>().is_none() {
        return Err(ts.type_error("code must be a code object"));
    }
    Ok(code.identity())
}

/// Empties a tool's callbacks and global events (CPython's `_PyMonitoring_ClearToolId`;
/// local event sets are kept, as CPython only invalidates them lazily).
fn clear_tool(m: &mut Monitoring, tool: usize) {
    m.callbacks[tool] = Default::default();
    m.global[tool] = 0;
}

fn use_tool_id(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [tool, name] = args::<2>(ts, &a, "use_tool_id")?;
    let tool = valid_tool(ts, &tool)?;
    if !name.class().is_subtype(types().str) {
        return Err(ts.value_error("tool name must be a str"));
    }
    with_state(|m| {
        if m.names[tool].is_some() {
            return Err(ts.value_error(format!("tool {tool} is already in use")));
        }
        m.names[tool] = Some(name);
        Ok(none())
    })
}

fn clear_tool_id(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [tool] = args::<1>(ts, &a, "clear_tool_id")?;
    let tool = valid_tool(ts, &tool)?;
    with_state(|m| {
        if m.names[tool].is_some() {
            clear_tool(m, tool);
        }
    });
    Ok(none())
}

fn free_tool_id(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [tool] = args::<1>(ts, &a, "free_tool_id")?;
    let tool = valid_tool(ts, &tool)?;
    // The old callbacks and name are dropped after the lock is released: dropping a Python
    // object may run `__del__`, which may call back into this module.
    let _old = with_state(|m| {
        let cbs = std::mem::take(&mut m.callbacks[tool]);
        m.global[tool] = 0;
        (cbs, m.names[tool].take())
    });
    Ok(none())
}

fn get_tool(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [tool] = args::<1>(ts, &a, "get_tool")?;
    let tool = valid_tool(ts, &tool)?;
    Ok(with_state(|m| m.names[tool].clone()).unwrap_or_else(none))
}

fn register_callback(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [tool, event, f] = args::<3>(ts, &a, "register_callback")?;
    let tool = valid_tool(ts, &tool)?;
    let event = c_int(ts, &event)?;
    if (event as u32).count_ones() != 1 {
        return Err(ts.value_error("The callback can only be set for one event at a time"));
    }
    let id = (event as u32).trailing_zeros();
    if event < 0 || id >= ALL_EVENTS {
        return Err(ts.value_error(format!("invalid event {event}")));
    }
    let new = (!f.is_none()).then_some(f);
    let old = with_state(|m| {
        let cbs = &mut m.callbacks[tool];
        if 1 << id == EV_BRANCH {
            // The legacy BRANCH event stands for both directions.
            let left = EV_BRANCH_LEFT.trailing_zeros() as usize;
            let right = EV_BRANCH_RIGHT.trailing_zeros() as usize;
            let old_right = std::mem::replace(&mut cbs[right], new.clone());
            let old_left = std::mem::replace(&mut cbs[left], new);
            (old_left, old_right)
        } else {
            (std::mem::replace(&mut cbs[id as usize], new), None)
        }
    });
    Ok(old.0.unwrap_or_else(none))
}

fn get_events(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [tool] = args::<1>(ts, &a, "get_events")?;
    let tool = valid_tool(ts, &tool)?;
    Ok(ts.new_int(with_state(|m| m.global[tool]) as i64))
}

/// Applies the C-event rule and expands BRANCH.
fn normalize(ts: &ThreadState, mut set: u32) -> PyResult<u32> {
    if set & C_RETURN_EVENTS != 0 && set & C_CALL_EVENTS != C_CALL_EVENTS {
        return Err(ts.value_error("cannot set C_RETURN or C_RAISE events independently"));
    }
    set &= !C_RETURN_EVENTS;
    if set & EV_BRANCH != 0 {
        set = (set & !EV_BRANCH) | EV_BRANCH_LEFT | EV_BRANCH_RIGHT;
    }
    Ok(set)
}

fn set_events(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [tool, events] = args::<2>(ts, &a, "set_events")?;
    let tool = valid_tool(ts, &tool)?;
    let events = c_int(ts, &events)?;
    if !(0..1 << ALL_EVENTS).contains(&events) {
        return Err(ts.value_error(format!("invalid event set 0x{:x}", events as u32)));
    }
    let events = normalize(ts, events as u32)?;
    with_state(|m| {
        if m.names[tool].is_none() {
            return Err(not_in_use(ts, tool));
        }
        m.global[tool] = events;
        Ok(none())
    })
}

fn get_local_events(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [tool, code] = args::<2>(ts, &a, "get_local_events")?;
    let tool_id = c_int(ts, &tool)?;
    let key = code_key(ts, &code)?;
    let tool = valid_tool(ts, &ts.new_int(tool_id))?;
    let set = with_state(|m| m.local.get(&key).map_or(0, |(_, sets)| sets[tool]));
    Ok(ts.new_int(set as i64))
}

fn set_local_events(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [tool, code, events] = args::<3>(ts, &a, "set_local_events")?;
    let tool_id = c_int(ts, &tool)?;
    let events = c_int(ts, &events)? as i32 as u32;
    let key = code_key(ts, &code)?;
    let tool = valid_tool(ts, &ts.new_int(tool_id))?;
    let events = normalize(ts, events)?;
    if events >= 1 << LOCAL_EVENTS {
        return Err(ts.value_error(format!("invalid local event set 0x{events:x}")));
    }
    with_state(|m| {
        if m.names[tool].is_none() {
            return Err(not_in_use(ts, tool));
        }
        m.local.entry(key).or_insert_with(|| (code, [0; TOOLS])).1[tool] = events;
        Ok(none())
    })
}

fn restart_events(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    args::<0>(ts, &a, "restart_events")?;
    // Events disabled by a callback returning DISABLE come back; none are disabled while
    // events are not delivered.
    Ok(none())
}

fn all_events(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    args::<0>(ts, &a, "_all_events")?;
    let d = ts.new_dict();
    let globals = with_state(|m| m.global);
    if let Some(dd) = d.downcast::<PyDict>() {
        for (e, name) in EVENT_NAMES.iter().enumerate().take(UNGROUPED_EVENTS) {
            let tools = globals
                .iter()
                .enumerate()
                .filter(|(_, set)| *set & (1 << e) != 0)
                .fold(0i64, |acc, (t, _)| acc | 1 << t);
            if tools != 0 {
                dd.set_str(ts, name, ts.new_int(tools));
            }
        }
    }
    Ok(d)
}

/// Builds the `sys.monitoring` module.
pub(super) fn new_monitoring_module(ts: &ThreadState) -> PyResult<Value> {
    let m = new_module(ts, "sys.monitoring")?;
    let Some(d) = m.downcast::<PyModule>().map(|m| m.dict.clone()) else {
        return Ok(m);
    };
    let Some(d) = d.downcast::<PyDict>() else {
        return Ok(m);
    };
    let fns: &[(&str, crate::builtins::BuiltinFn)] = &[
        ("use_tool_id", use_tool_id),
        ("clear_tool_id", clear_tool_id),
        ("free_tool_id", free_tool_id),
        ("get_tool", get_tool),
        ("register_callback", register_callback),
        ("get_events", get_events),
        ("set_events", set_events),
        ("get_local_events", get_local_events),
        ("set_local_events", set_local_events),
        ("restart_events", restart_events),
        ("_all_events", all_events),
    ];
    for (n, f) in fns {
        func(ts, d, n, *f);
    }
    let object = types().object.to_value();
    set(ts, d, "DISABLE", protocols::call(ts, &object, &[], None)?);
    set(ts, d, "MISSING", protocols::call(ts, &object, &[], None)?);
    let mut events: Vec<(&str, Value)> = EVENT_NAMES
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, ts.new_int(1 << i)))
        .collect();
    events.push(("NO_EVENTS", ts.new_int(0)));
    set(ts, d, "events", new_namespace(ts, events)?);
    for (n, id) in [
        ("DEBUGGER_ID", 0),
        ("COVERAGE_ID", 1),
        ("PROFILER_ID", 2),
        ("OPTIMIZER_ID", 5),
    ] {
        set(ts, d, n, ts.new_int(id));
    }
    Ok(m)
}
