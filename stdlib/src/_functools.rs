//! `_functools`: `reduce` in Rust (CPython's `Modules/_functoolsmodule.c`).
//!
//! `functools.py` imports each C name separately and keeps its pure-Python version of what is
//! missing here: `partial` (with `Placeholder`), `cmp_to_key` and `_lru_cache_wrapper` stay
//! Python until the VM lets this crate define types with Rust payloads.

use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::protocols;
use vm::runtime::types;
use vm::{PyResult, ThreadState, Value};

/// `reduce(function, iterable, /, initial=<missing>)`.
fn reduce(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let npos = a.positional().len();
    if npos < 2 {
        return Err(ts.type_error(format!(
            "reduce() takes at least 2 positional arguments ({npos} given)"
        )));
    }
    let [f, seq, initial] = a.parse::<3>(ts, "reduce", &["", "", "initial"], 2)?;
    let (Some(f), Some(seq)) = (f, seq) else {
        return Err(ts.type_error("reduce() missing required argument"));
    };
    let it = protocols::get_iter(ts, &seq).map_err(|e| {
        if e.matches(types().exc.type_error) {
            ts.type_error("reduce() arg 2 must support iteration")
        } else {
            e
        }
    })?;
    let mut acc = initial;
    while let Some(x) = protocols::next(ts, &it)? {
        acc = Some(match acc {
            None => x,
            Some(v) => protocols::call(ts, &f, &[v, x], None)?,
        });
    }
    acc.ok_or_else(|| ts.type_error("reduce() of empty iterable with no initial value"))
}

fn functools_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, _) = new_native_module(ts, "_functools", &[("reduce", reduce)])?;
    Ok(m)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(functools_init);
