//! `_bisect`: binary search and insertion on sorted sequences (CPython's
//! `Modules/_bisectmodule.c`).
//!
//! Items are read one at a time through `__getitem__` (lists without a Python call), and
//! comparisons run with no lock held, since `__lt__` and `key` are Python code.

use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::list::PyList;
use vm::protocols;
use vm::runtime::none;
use vm::{PyResult, ThreadState, Value};

/// `(a, x, lo, hi, key)` with `hi` resolved (`len(a)` when omitted or None).
struct Args {
    a: Value,
    x: Value,
    lo: usize,
    hi: usize,
    key: Option<Value>,
}

fn parse(ts: &ThreadState, args: &MethodArgs<'_>, fname: &str) -> PyResult<Args> {
    let npos = args.positional().len();
    if args.nkw() == 0 && npos < 2 {
        let (name, pos) = if npos == 0 { ("a", 1) } else { ("x", 2) };
        return Err(ts.type_error(format!(
            "{fname}() missing required argument '{name}' (pos {pos})"
        )));
    }
    let [a, x, lo, hi, key] = args.parse::<5>(ts, fname, &["a", "x", "lo", "hi", "*key"], 2)?;
    let (Some(a), Some(x)) = (a, x) else {
        return Err(ts.type_error(format!("{fname}() missing required argument")));
    };
    let lo = match lo {
        Some(v) => protocols::index_i64(ts, &v)?,
        None => 0,
    };
    if lo < 0 {
        return Err(ts.value_error("lo must be non-negative"));
    }
    // As in CPython, an explicit -1 also means "up to the end".
    let hi = match hi.filter(|h| !h.is_none()) {
        Some(v) => protocols::index_i64(ts, &v)?,
        None => -1,
    };
    let hi = if hi == -1 {
        protocols::len(ts, &a)? as i64
    } else {
        hi
    };
    Ok(Args {
        a,
        x,
        lo: lo as usize,
        // A negative `hi` searches nothing, as in CPython.
        hi: hi.max(0) as usize,
        key: key.filter(|k| !k.is_none()),
    })
}

fn item(ts: &ThreadState, a: &Value, i: usize) -> PyResult<Value> {
    if let Some(l) = a.downcast::<PyList>() {
        if let Some(v) = l.get(ts, i) {
            return Ok(v);
        }
    }
    protocols::get_item(ts, a, &ts.new_usize(i))
}

/// The insertion point of `x` (already passed through `key`) in `a[lo:hi]`.
fn search(ts: &ThreadState, p: &Args, x: &Value, left: bool) -> PyResult<usize> {
    let (mut lo, mut hi) = (p.lo, p.hi);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let mut v = item(ts, &p.a, mid)?;
        if let Some(k) = &p.key {
            v = protocols::call(ts, k, &[v], None)?;
        }
        let go_left = if left {
            !protocols::lt_bool(ts, &v, x)?
        } else {
            protocols::lt_bool(ts, x, &v)?
        };
        if go_left {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

fn bisect(ts: &ThreadState, a: MethodArgs<'_>, fname: &str, left: bool) -> PyResult<Value> {
    let p = parse(ts, &a, fname)?;
    let i = search(ts, &p, &p.x, left)?;
    Ok(ts.new_usize(i))
}

fn insort(ts: &ThreadState, a: MethodArgs<'_>, fname: &str, left: bool) -> PyResult<Value> {
    let p = parse(ts, &a, fname)?;
    let kx = match &p.key {
        Some(k) => protocols::call(ts, k, std::slice::from_ref(&p.x), None)?,
        None => p.x.clone(),
    };
    let i = search(ts, &p, &kx, left)?;
    if let Some(l) =
        p.a.downcast::<PyList>()
            .filter(|_| p.a.class().is(vm::runtime::types().list))
    {
        l.with_items(ts, |v| {
            let at = i.min(v.len());
            v.insert(at, p.x.clone());
        });
    } else {
        protocols::call_method(ts, &p.a, "insert", &[ts.new_usize(i), p.x.clone()])?;
    }
    Ok(none())
}

fn bisect_right(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    bisect(ts, a, "bisect_right", false)
}
fn bisect_left(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    bisect(ts, a, "bisect_left", true)
}
fn insort_right(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    insort(ts, a, "insort_right", false)
}
fn insort_left(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    insort(ts, a, "insort_left", true)
}

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("bisect_left", bisect_left),
    ("bisect_right", bisect_right),
    ("insort_left", insort_left),
    ("insort_right", insort_right),
];

fn bisect_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, _) = new_native_module(ts, "_bisect", FUNCTIONS)?;
    Ok(m)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(bisect_init);
