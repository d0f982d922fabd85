//! The combinatoric iterators: product, permutations, combinations,
//! combinations_with_replacement. Each keeps its pools (tuples read once at construction)
//! and an index vector advanced under the iterator's lock; a step runs no Python code, so
//! the lock covers it whole and the result tuple is built after it is released.

use super::{iter_type, lock, payload};
use std::sync::Mutex;
use vm::builtins::args::parse;
use vm::object::PyPayload;
use vm::objects::seq::trace_value;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::PyType;
use vm::protocols;
use vm::runtime::{none, types};
use vm::{PyResult, ThreadState, Value};

pub(super) fn all_types(ts: &ThreadState) -> Vec<&'static PyType> {
    vec![
        iter_type::<PyProduct>(ts, "product", product_new, product_next, |_, _| {}),
        iter_type::<PyPermutations>(
            ts,
            "permutations",
            permutations_new,
            permutations_next,
            |_, _| {},
        ),
        iter_type::<PyCombinations>(
            ts,
            "combinations",
            combinations_new,
            combinations_next,
            |_, _| {},
        ),
        iter_type::<PyCwr>(
            ts,
            "combinations_with_replacement",
            cwr_new,
            cwr_next,
            |_, _| {},
        ),
    ]
}

/// Indices state shared by the four iterators.
struct Step {
    indices: Vec<usize>,
    /// `permutations` only.
    cycles: Vec<usize>,
    first: bool,
    stopped: bool,
}

impl Step {
    fn new(indices: Vec<usize>, cycles: Vec<usize>, stopped: bool) -> Mutex<Step> {
        Mutex::new(Step {
            indices,
            cycles,
            first: true,
            stopped,
        })
    }
}

fn trace_pool(pool: &[Value], t: &mut gc::Tracer<'_>) {
    for v in pool {
        trace_value(v, t);
    }
}

fn pool_of(ts: &ThreadState, v: &Value) -> PyResult<Vec<Value>> {
    protocols::collect(ts, v)
}

/// `r` for combinations: a `Py_ssize_t`, non-negative.
fn r_arg(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    let r = match protocols::index_i64(ts, v) {
        Err(e) if e.matches(types().exc.index_error) => {
            return Err(ts.overflow_error("Python int too large to convert to C ssize_t"))
        }
        r => r?,
    };
    if r < 0 {
        return Err(ts.value_error("r must be non-negative"));
    }
    Ok(r as usize)
}

/// Runs one step under the lock and builds the tuple outside it.
fn emit(
    ts: &ThreadState,
    st: &Mutex<Step>,
    advance: impl FnOnce(&mut Step) -> bool,
    pick: impl FnOnce(&Step) -> Vec<Value>,
) -> PyResult<Option<Value>> {
    let items = {
        let mut g = lock(st);
        if g.stopped {
            return Ok(None);
        }
        if g.first {
            g.first = false;
        } else if !advance(&mut g) {
            g.stopped = true;
            return Ok(None);
        }
        pick(&g)
    };
    Ok(Some(ts.new_tuple(items)))
}

// --- product ---

pub struct PyProduct {
    pools: Vec<Vec<Value>>,
    st: Mutex<Step>,
}

impl PyPayload for PyProduct {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        for p in &self.pools {
            trace_pool(p, t);
        }
    }
}

fn product_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let nkw = kw.map_or(0, |k| k.len());
    let npos = args.len() - nkw;
    let mut repeat = 1i64;
    if let Some(k) = kw {
        for (name, v) in k.as_slice().iter().zip(&args[npos..]) {
            let n = vm::objects::str::str_lossy(name);
            if n != "repeat" {
                return Err(ts.type_error(format!(
                    "product() got an unexpected keyword argument '{n}'"
                )));
            }
            repeat = match protocols::index_i64(ts, v) {
                Err(e) if e.matches(types().exc.index_error) => {
                    return Err(ts.overflow_error("Python int too large to convert to C ssize_t"))
                }
                r => r?,
            };
        }
    }
    if repeat < 0 {
        return Err(ts.value_error("repeat argument cannot be negative"));
    }
    let mut base = Vec::with_capacity(npos);
    for a in &args[..npos] {
        base.push(pool_of(ts, a)?);
    }
    let total = base
        .len()
        .checked_mul(repeat as usize)
        .filter(|t| *t <= isize::MAX as usize / 64)
        .ok_or_else(|| ts.overflow_error("repeat argument too large"))?;
    let mut pools = Vec::with_capacity(total);
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let stopped = pools.iter().any(|p| p.is_empty());
    let st = Step::new(vec![0; pools.len()], Vec::new(), stopped);
    vm::object::alloc(ts, cls.as_type(), PyProduct { pools, st })
}

fn product_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let p = payload::<PyProduct>(ts, v, "product")?;
    emit(
        ts,
        &p.st,
        |s| {
            // The odometer: bump the rightmost index that can move, reset those after it.
            for i in (0..s.indices.len()).rev() {
                s.indices[i] += 1;
                if s.indices[i] < p.pools[i].len() {
                    return true;
                }
                s.indices[i] = 0;
            }
            false
        },
        |s| {
            s.indices
                .iter()
                .zip(&p.pools)
                .map(|(&i, pool)| pool[i].clone())
                .collect()
        },
    )
}

// --- permutations ---

pub struct PyPermutations {
    pool: Vec<Value>,
    r: usize,
    st: Mutex<Step>,
}

impl PyPayload for PyPermutations {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_pool(&self.pool, t);
    }
}

fn permutations_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = parse(ts, "permutations", args, kw, &["iterable", "r"], 1, 0)?;
    let pool = pool_of(ts, &a[0].clone().unwrap_or_else(none))?;
    let n = pool.len();
    let r = match a[1].clone().filter(|r| !r.is_none()) {
        None => n,
        Some(r) => {
            if vm::objects::int::as_int(&r).is_none() {
                return Err(ts.type_error("Expected int as r"));
            }
            r_arg(ts, &r)?
        }
    };
    let stopped = r > n;
    let cycles = if stopped {
        Vec::new()
    } else {
        (0..r).map(|i| n - i).collect()
    };
    let st = Step::new((0..n).collect(), cycles, stopped);
    vm::object::alloc(ts, cls.as_type(), PyPermutations { pool, r, st })
}

fn permutations_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let p = payload::<PyPermutations>(ts, v, "permutations")?;
    let n = p.pool.len();
    let r = p.r;
    emit(
        ts,
        &p.st,
        |s| {
            if n == 0 {
                return false;
            }
            for i in (0..r).rev() {
                s.cycles[i] -= 1;
                if s.cycles[i] == 0 {
                    // Rotate indices[i..] left by one.
                    s.indices[i..].rotate_left(1);
                    s.cycles[i] = n - i;
                } else {
                    let j = s.cycles[i];
                    s.indices.swap(i, n - j);
                    return true;
                }
            }
            false
        },
        |s| s.indices[..r].iter().map(|&i| p.pool[i].clone()).collect(),
    )
}

// --- combinations ---

pub struct PyCombinations {
    pool: Vec<Value>,
    st: Mutex<Step>,
}

impl PyPayload for PyCombinations {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_pool(&self.pool, t);
    }
}

fn combinations_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = parse(ts, "combinations", args, kw, &["iterable", "r"], 2, 0)?;
    let pool = pool_of(ts, &a[0].clone().unwrap_or_else(none))?;
    let r = r_arg(ts, &a[1].clone().unwrap_or_else(none))?;
    let st = Step::new((0..r).collect(), Vec::new(), r > pool.len());
    vm::object::alloc(ts, cls.as_type(), PyCombinations { pool, st })
}

fn combinations_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let p = payload::<PyCombinations>(ts, v, "combinations")?;
    let n = p.pool.len();
    emit(
        ts,
        &p.st,
        |s| {
            let r = s.indices.len();
            // The rightmost index not at its maximum (i + n - r).
            let Some(i) = (0..r).rev().find(|&i| s.indices[i] != i + n - r) else {
                return false;
            };
            s.indices[i] += 1;
            for j in i + 1..r {
                s.indices[j] = s.indices[j - 1] + 1;
            }
            true
        },
        |s| s.indices.iter().map(|&i| p.pool[i].clone()).collect(),
    )
}

// --- combinations_with_replacement ---

pub struct PyCwr {
    pool: Vec<Value>,
    st: Mutex<Step>,
}

impl PyPayload for PyCwr {
    const GC: bool = true;
    fn trace(&self, t: &mut gc::Tracer<'_>) {
        trace_pool(&self.pool, t);
    }
}

fn cwr_new(ts: &ThreadState, cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let a = parse(
        ts,
        "combinations_with_replacement",
        args,
        kw,
        &["iterable", "r"],
        2,
        0,
    )?;
    let pool = pool_of(ts, &a[0].clone().unwrap_or_else(none))?;
    let r = r_arg(ts, &a[1].clone().unwrap_or_else(none))?;
    let st = Step::new(vec![0; r], Vec::new(), pool.is_empty() && r > 0);
    vm::object::alloc(ts, cls.as_type(), PyCwr { pool, st })
}

fn cwr_next(ts: &ThreadState, v: &Value) -> PyResult<Option<Value>> {
    let p = payload::<PyCwr>(ts, v, "combinations_with_replacement")?;
    let n = p.pool.len();
    emit(
        ts,
        &p.st,
        |s| {
            let r = s.indices.len();
            let Some(i) = (0..r).rev().find(|&i| s.indices[i] != n - 1) else {
                return false;
            };
            let k = s.indices[i] + 1;
            for j in i..r {
                s.indices[j] = k;
            }
            true
        },
        |s| s.indices.iter().map(|&i| p.pool[i].clone()).collect(),
    )
}
