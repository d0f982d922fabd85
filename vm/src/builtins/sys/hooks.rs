//! `sys` functions beyond the basics: the hooks (`breakpointhook`, `unraisablehook`,
//! `audit`/`addaudithook`), `call_tracing`, `_getframemodulename`, the integer string
//! conversion limit, and the per-runtime state they keep ([`SysState`]).

use crate::builtins::args::MethodArgs;
use crate::errors::PyResult;
use crate::objects::dict::PyDict;
use crate::protocols;
use crate::runtime::{none, types, Runtime};
use crate::text::parse_int::DEFAULT_MAX_STR_DIGITS;
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::Mutex;

/// `sys`'s runtime-wide settings (a field of `Runtime`).
pub struct SysState {
    /// `sys.get_int_max_str_digits()`; 0 means unlimited.
    int_max_str_digits: AtomicUsize,
    /// Callables added by `sys.addaudithook`, called by `sys.audit`.
    audit_hooks: Mutex<Vec<Value>>,
    /// Async generator hooks, trace and profile functions of each thread.
    pub(super) thread_hooks: super::misc::ThreadHooks,
    /// `-O` level: what `compile()` and imports use when not told otherwise.
    optimize: AtomicU8,
    /// `-u`: every write to `sys.stdout` goes straight to the file descriptor.
    unbuffered: AtomicBool,
}

impl Default for SysState {
    fn default() -> Self {
        SysState {
            int_max_str_digits: AtomicUsize::new(DEFAULT_MAX_STR_DIGITS),
            audit_hooks: Mutex::new(Vec::new()),
            thread_hooks: Default::default(),
            optimize: AtomicU8::new(0),
            unbuffered: AtomicBool::new(false),
        }
    }
}

impl SysState {
    /// The limit on decimal digits of int <-> str conversions (0: unlimited).
    pub fn int_max_str_digits(&self) -> usize {
        // ORDERING: Relaxed: a setting; a conversion racing with a change may see either.
        self.int_max_str_digits.load(Ordering::Relaxed)
    }

    /// Sets the int <-> str digit limit (the command line's `-X int_max_str_digits`).
    pub fn set_int_max_str_digits(&self, n: usize) {
        // ORDERING: Relaxed: see `int_max_str_digits`.
        self.int_max_str_digits.store(n, Ordering::Relaxed);
    }

    /// The interpreter's optimization level (`-O`: 1, `-OO`: 2).
    pub fn optimize(&self) -> u8 {
        // ORDERING: Relaxed: set once at start-up, before any Python code runs.
        self.optimize.load(Ordering::Relaxed)
    }

    pub fn set_optimize(&self, level: u8) {
        // ORDERING: Relaxed: see `optimize`.
        self.optimize.store(level.min(2), Ordering::Relaxed);
    }

    /// `-u`: is stdout unbuffered?
    pub fn unbuffered(&self) -> bool {
        // ORDERING: Relaxed: set once at start-up, before any Python code runs.
        self.unbuffered.load(Ordering::Relaxed)
    }

    pub fn set_unbuffered(&self, on: bool) {
        // ORDERING: Relaxed: see `unbuffered`.
        self.unbuffered.store(on, Ordering::Relaxed);
    }
}

/// CPython's `_PY_LONG_MAX_STR_DIGITS_THRESHOLD`: the smallest limit one may set.
const MAX_STR_DIGITS_THRESHOLD: i64 = 640;

pub(super) fn get_int_max_str_digits(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "get_int_max_str_digits")?;
    // ORDERING: Relaxed: see `SysState::int_max_str_digits`.
    let n = ts.rt.sys_state.int_max_str_digits.load(Ordering::Relaxed);
    Ok(ts.new_usize(n))
}

pub(super) fn set_int_max_str_digits(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "set_int_max_str_digits", &["maxdigits"], 1)?;
    let n = protocols::index_i64(ts, &n.expect("required"))?;
    if n != 0 && !(MAX_STR_DIGITS_THRESHOLD..=i64::from(i32::MAX)).contains(&n) {
        return Err(ts.value_error(format!(
            "maxdigits must be >= {MAX_STR_DIGITS_THRESHOLD} or 0 for unlimited"
        )));
    }
    // ORDERING: Relaxed: see `SysState::int_max_str_digits`.
    ts.rt
        .sys_state
        .int_max_str_digits
        .store(n as usize, Ordering::Relaxed);
    Ok(none())
}

/// `builtins.breakpoint(*args, **kws)`: calls `sys.breakpointhook`.
pub fn breakpoint(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let hook = super::sys_attr(ts, "breakpointhook")
        .ok_or_else(|| ts.runtime_error("lost sys.breakpointhook"))?;
    protocols::call(ts, &hook, a.args, a.kwnames)
}

/// The default `sys.breakpointhook`: `$PYTHONBREAKPOINT` names the callable (`pdb.set_trace`
/// when unset or empty); `0` disables it.
pub(super) fn breakpointhook(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let env = std::env::var("PYTHONBREAKPOINT").unwrap_or_default();
    if env == "0" {
        return Ok(none());
    }
    let target = if env.is_empty() {
        "pdb.set_trace".to_string()
    } else {
        env
    };
    let (module, attr) = match target.rsplit_once('.') {
        Some((m, a)) => (m.to_string(), a.to_string()),
        None => ("builtins".to_string(), target.clone()),
    };
    let found = crate::import::import_module(ts, &module)
        .and_then(|m| protocols::get_attr_str(ts, &m, &attr));
    match found {
        Ok(f) => protocols::call(ts, &f, a.args, a.kwnames),
        Err(e) if e.matches(types().exc.import_error) || e.matches(types().exc.attribute_error) => {
            let msg = format!("Ignoring unimportable $PYTHONBREAKPOINT: \"{target}\"");
            warn(ts, types().exc.runtime_warning.to_value(), &msg)?;
            Ok(none())
        }
        Err(e) => Err(e),
    }
}

/// `warnings.warn(msg, category)`.
fn warn(ts: &ThreadState, category: Value, msg: &str) -> PyResult<()> {
    let w = crate::import::import_module(ts, "warnings")?;
    let f = protocols::get_attr_str(ts, &w, "warn")?;
    protocols::call(ts, &f, &[ts.new_str(msg), category], None)?;
    Ok(())
}

/// The default `sys.unraisablehook(unraisable)`: prints "Exception ignored ..." and the
/// traceback to stderr.
pub(super) fn unraisablehook(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [u] = a.parse::<1>(ts, "unraisablehook", &[""], 1)?;
    let u = u.expect("required");
    let get = |n: &str| protocols::get_attr_str(ts, &u, n);
    let msg = get("err_msg")?;
    let obj = get("object")?;
    let exc = get("exc_value")?;
    let mut out = if msg.is_none() {
        "Exception ignored in".to_string()
    } else {
        protocols::str_string(ts, &msg)?
    };
    if !obj.is_none() {
        let r =
            protocols::repr_string(ts, &obj).unwrap_or_else(|_| "<object repr() failed>".into());
        out.push_str(&format!(": {r}"));
    } else if !msg.is_none() {
        // CPython: "<err_msg>:" alone on its line when there is no object.
        out.push(':');
    }
    out.push('\n');
    if !exc.is_none() {
        out.push_str(&crate::traceback::format_exception(ts, &exc));
    }
    ts.rt.flush_stdout(ts);
    super::super::write_stderr(ts, &out)?;
    Ok(none())
}

/// `sys.call_tracing(func, args)`: `func(*args)` (tracing is not implemented).
pub(super) fn call_tracing(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [f, args] = a.parse::<2>(ts, "call_tracing", &["", ""], 2)?;
    let args = args.expect("required");
    if !args.is_instance_of(types().tuple) {
        return Err(ts.type_error(format!(
            "call_tracing() argument 2 must be tuple, not {}",
            args.class().name()
        )));
    }
    protocols::call(ts, &f.expect("required"), args.as_tuple_slice(), None)
}

/// `sys._getframemodulename(depth=0)`: `__name__` of the caller's globals.
pub(super) fn getframemodulename(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [d] = a.parse::<1>(ts, "_getframemodulename", &["depth"], 0)?;
    let depth = match d {
        Some(d) => protocols::index_i64(ts, &d)?.max(0) as usize,
        None => 0,
    };
    let globals = ts.with_frame_at(depth, |f| f.map(|f| f.globals.clone()));
    Ok(globals
        .and_then(|g| {
            g.downcast::<PyDict>()
                .and_then(|g| g.get_str(ts, "__name__"))
        })
        .unwrap_or_else(none))
}

/// `sys.addaudithook(hook)`.
pub(super) fn addaudithook(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [h] = a.parse::<1>(ts, "addaudithook", &["hook"], 1)?;
    if let Ok(mut hooks) = ts.rt.sys_state.audit_hooks.lock() {
        hooks.push(h.expect("required"));
    }
    Ok(none())
}

/// `sys.audit(event, *args)`: calls every hook with `(event, args)`.
pub(super) fn audit(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    if a.nkw() > 0 {
        return Err(ts.type_error("audit() takes no keyword arguments"));
    }
    let Some((event, rest)) = a.args.split_first() else {
        return Err(ts.type_error("audit() missing 1 required positional argument: 'event'"));
    };
    if !event.is_instance_of(types().str) {
        return Err(ts.type_error(format!(
            "expected str for argument 'event', not {}",
            event.class().name()
        )));
    }
    let hooks = match ts.rt.sys_state.audit_hooks.lock() {
        Ok(h) => h.clone(),
        Err(_) => return Ok(none()),
    };
    if hooks.is_empty() {
        return Ok(none());
    }
    let args = ts.new_tuple(rest.to_vec());
    for h in hooks {
        protocols::call(ts, &h, &[event.clone(), args.clone()], None)?;
    }
    Ok(none())
}

/// `sys.builtin_module_names`: the modules compiled into the VM plus those the stdlib crate
/// registered, sorted.
pub fn builtin_module_names(ts: &ThreadState, rt: &Runtime) -> Value {
    let mut names: Vec<String> = crate::builtins::modules::BUILTIN_MODULES
        .iter()
        .map(|s| s.to_string())
        .collect();
    if let Ok(m) = rt.native_modules.lock() {
        names.extend(m.keys().cloned());
    }
    names.sort();
    names.dedup();
    ts.new_tuple(names.iter().map(|n| ts.new_str(n)).collect())
}

/// Rebuilds `sys.builtin_module_names` after native modules were registered.
pub fn refresh_builtin_module_names(ts: &ThreadState) {
    if let Some(sys) = ts.rt.sys.get() {
        let names = builtin_module_names(ts, &ts.rt);
        let _ = protocols::set_attr(ts, sys, &ts.intern("builtin_module_names"), names);
    }
}
