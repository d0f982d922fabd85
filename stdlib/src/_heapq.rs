//! `_heapq`: heap queue primitives on lists (CPython's `Modules/_heapqmodule.c`), min-heaps
//! and the `_max` variants of 3.14.
//!
//! Comparisons run Python code (`__lt__`), which may mutate the list, so no critical section
//! is held across one: each step reads the items it compares, compares, then swaps under the
//! list's lock after checking that the list still has the size it had ("list changed size
//! during iteration" otherwise, as CPython). Indices are re-checked under the lock, so a
//! concurrent mutation never reads out of bounds.

use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::list::PyList;
use vm::protocols;
use vm::runtime::none;
use vm::{PyResult, ThreadState, Value};

/// `a < b` for a min-heap, `b < a` for a max-heap.
fn less(ts: &ThreadState, max: bool, a: &Value, b: &Value) -> PyResult<bool> {
    if max {
        protocols::lt_bool(ts, b, a)
    } else {
        protocols::lt_bool(ts, a, b)
    }
}

fn changed(ts: &ThreadState) -> vm::PyErr {
    ts.runtime_error("list changed size during iteration")
}

/// Items `i` and `j`, if the list still has `size` items.
fn pair(ts: &ThreadState, l: &PyList, size: usize, i: usize, j: usize) -> PyResult<(Value, Value)> {
    l.with_items(ts, |v| {
        if v.len() != size {
            return None;
        }
        Some((v.get(i)?.clone(), v.get(j)?.clone()))
    })
    .ok_or_else(|| changed(ts))
}

/// Swaps items `i` and `j` if the list still has `size` items.
fn swap(ts: &ThreadState, l: &PyList, size: usize, i: usize, j: usize) -> PyResult<()> {
    l.with_items(ts, |v| {
        if v.len() != size || i >= size || j >= size {
            return false;
        }
        v.swap(i, j);
        true
    })
    .then_some(())
    .ok_or_else(|| changed(ts))
}

/// Moves the item at `pos` up towards `start` while it is less than its parent.
fn sift_down(
    ts: &ThreadState,
    l: &PyList,
    max: bool,
    start: usize,
    mut pos: usize,
) -> PyResult<()> {
    let size = l.len(ts);
    if pos >= size {
        return Err(ts.index_error("index out of range"));
    }
    while pos > start {
        let parent = (pos - 1) >> 1;
        let (new, par) = pair(ts, l, size, pos, parent)?;
        let lt = less(ts, max, &new, &par)?;
        if l.len(ts) != size {
            return Err(changed(ts));
        }
        if !lt {
            break;
        }
        swap(ts, l, size, pos, parent)?;
        pos = parent;
    }
    Ok(())
}

/// Moves the item at `pos` down to a leaf along smaller children, then back up.
fn sift_up(ts: &ThreadState, l: &PyList, max: bool, mut pos: usize) -> PyResult<()> {
    let end = l.len(ts);
    let start = pos;
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let (a, b) = pair(ts, l, end, child, child + 1)?;
            let lt = less(ts, max, &a, &b)?;
            if l.len(ts) != end {
                return Err(changed(ts));
            }
            if !lt {
                child += 1;
            }
        }
        swap(ts, l, end, pos, child)?;
        pos = child;
    }
    sift_down(ts, l, max, start, pos)
}

/// The list argument, with CPython's messages.
fn heap_arg<'a>(ts: &ThreadState, v: &'a Value, fname: &str, what: &str) -> PyResult<&'a PyList> {
    v.downcast::<PyList>().ok_or_else(|| {
        ts.type_error(format!(
            "{fname}() {what} must be list, not {}",
            v.class().name()
        ))
    })
}

fn args<'a, const N: usize>(
    ts: &ThreadState,
    a: &MethodArgs<'a>,
    fname: &str,
) -> PyResult<&'a [Value; N]> {
    if a.nkw() > 0 {
        return Err(ts.type_error(format!("{fname}() takes no keyword arguments")));
    }
    let p = a.positional();
    p.try_into().map_err(|_| {
        let n = p.len();
        if N == 1 {
            ts.type_error(format!("{fname}() takes exactly one argument ({n} given)"))
        } else {
            ts.type_error(format!("{fname} expected {N} arguments, got {n}"))
        }
    })
}

fn push(ts: &ThreadState, a: MethodArgs<'_>, fname: &str, max: bool) -> PyResult<Value> {
    let [h, item] = args::<2>(ts, &a, fname)?;
    let l = heap_arg(ts, h, fname, "argument 1")?;
    let n = l.with_items(ts, |v| {
        v.push(item.clone());
        v.len()
    });
    sift_down(ts, l, max, 0, n - 1)?;
    Ok(none())
}

fn pop(ts: &ThreadState, a: MethodArgs<'_>, fname: &str, max: bool) -> PyResult<Value> {
    let [h] = args::<1>(ts, &a, fname)?;
    let l = heap_arg(ts, h, fname, "argument")?;
    let r = l.with_items(ts, |v| {
        let last = v.pop()?;
        Some(match v.first_mut() {
            Some(first) => std::mem::replace(first, last),
            None => last,
        })
    });
    let r = r.ok_or_else(|| ts.index_error("index out of range"))?;
    if l.len(ts) > 0 {
        sift_up(ts, l, max, 0)?;
    }
    Ok(r)
}

fn replace(ts: &ThreadState, a: MethodArgs<'_>, fname: &str, max: bool) -> PyResult<Value> {
    let [h, item] = args::<2>(ts, &a, fname)?;
    let l = heap_arg(ts, h, fname, "argument 1")?;
    let r = l.with_items(ts, |v| {
        v.first_mut().map(|f| std::mem::replace(f, item.clone()))
    });
    let r = r.ok_or_else(|| ts.index_error("index out of range"))?;
    sift_up(ts, l, max, 0)?;
    Ok(r)
}

fn pushpop(ts: &ThreadState, a: MethodArgs<'_>, fname: &str, max: bool) -> PyResult<Value> {
    let [h, item] = args::<2>(ts, &a, fname)?;
    let l = heap_arg(ts, h, fname, "argument 1")?;
    let Some(top) = l.get(ts, 0) else {
        return Ok(item.clone());
    };
    if !less(ts, max, &top, item)? {
        return Ok(item.clone());
    }
    let r = l.with_items(ts, |v| {
        v.first_mut().map(|f| std::mem::replace(f, item.clone()))
    });
    let r = r.ok_or_else(|| ts.index_error("index out of range"))?;
    sift_up(ts, l, max, 0)?;
    Ok(r)
}

fn heapify_impl(ts: &ThreadState, a: MethodArgs<'_>, fname: &str, max: bool) -> PyResult<Value> {
    let [h] = args::<1>(ts, &a, fname)?;
    let l = heap_arg(ts, h, fname, "argument")?;
    let n = l.len(ts);
    for i in (0..n / 2).rev() {
        sift_up(ts, l, max, i)?;
    }
    Ok(none())
}

macro_rules! entry {
    ($($f:ident = $imp:ident($name:literal, $max:expr);)*) => {
        $(fn $f(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
            $imp(ts, a, $name, $max)
        })*
        const FUNCTIONS: &[(&str, BuiltinFn)] = &[$(($name, $f)),*];
    };
}

entry! {
    heappush = push("heappush", false);
    heappop = pop("heappop", false);
    heapreplace = replace("heapreplace", false);
    heappushpop = pushpop("heappushpop", false);
    heapify = heapify_impl("heapify", false);
    heappush_max = push("heappush_max", true);
    heappop_max = pop("heappop_max", true);
    heapreplace_max = replace("heapreplace_max", true);
    heappushpop_max = pushpop("heappushpop_max", true);
    heapify_max = heapify_impl("heapify_max", true);
}

fn heapq_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, _) = new_native_module(ts, "_heapq", FUNCTIONS)?;
    Ok(m)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(heapq_init);
