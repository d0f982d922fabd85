//! `_operator`: the operator functions in Rust (CPython's `Modules/_operator.c`), so that
//! `operator.add` & co. cost one builtin call instead of a Python frame.
//!
//! `operator.py` does `from _operator import *` over its pure-Python definitions, so what is
//! not here (`itemgetter`, `attrgetter`, `methodcaller`, `length_hint`, `_compare_digest`)
//! keeps its Python version.

use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::slots::{BinOp, CmpOp, UnaryOp};
use vm::protocols;
use vm::runtime::{none, py_bool};
use vm::{PyResult, ThreadState, Value};

/// Exactly `N` positional arguments, with CPython's `_PyArg_CheckPositional` messages.
fn pos<'a, const N: usize>(
    ts: &ThreadState,
    a: &MethodArgs<'a>,
    name: &str,
) -> PyResult<&'a [Value; N]> {
    // `mod` and `pos` are spelled `mod_`/`pos_` in Rust (keyword, clash with this function).
    let name = match name {
        "mod_" => "mod",
        "pos_" => "pos",
        n => n,
    };
    if a.nkw() > 0 {
        return Err(ts.type_error(format!("{name}() takes no keyword arguments")));
    }
    let p = a.positional();
    p.try_into().map_err(|_| {
        let n = p.len();
        if N == 1 {
            ts.type_error(format!("{name}() takes exactly one argument ({n} given)"))
        } else {
            ts.type_error(format!("{name} expected {N} arguments, got {n}"))
        }
    })
}

macro_rules! binary {
    ($($f:ident => $op:ident),* $(,)?) => {$(
        fn $f(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
            let [x, y] = pos::<2>(ts, &a, stringify!($f))?;
            protocols::binary_op(ts, x, y, BinOp::$op)
        }
    )*};
}

macro_rules! inplace {
    ($($f:ident => $op:ident),* $(,)?) => {$(
        fn $f(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
            let [x, y] = pos::<2>(ts, &a, stringify!($f))?;
            protocols::inplace_op(ts, x, y, BinOp::$op)
        }
    )*};
}

macro_rules! compare {
    ($($f:ident => $op:ident),* $(,)?) => {$(
        fn $f(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
            let [x, y] = pos::<2>(ts, &a, stringify!($f))?;
            protocols::rich_compare(ts, x, y, CmpOp::$op)
        }
    )*};
}

macro_rules! unary {
    ($($f:ident => $op:ident),* $(,)?) => {$(
        fn $f(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
            let [x] = pos::<1>(ts, &a, stringify!($f))?;
            protocols::unary_op(ts, x, UnaryOp::$op)
        }
    )*};
}

binary! {
    add => Add, and_ => And, floordiv => FloorDiv, lshift => Lshift, matmul => MatMul,
    mul => Mul, mod_ => Mod, or_ => Or, pow => Pow, rshift => Rshift, sub => Sub,
    truediv => TrueDiv, xor => Xor,
}
inplace! {
    iadd => Add, iand => And, ifloordiv => FloorDiv, ilshift => Lshift, imatmul => MatMul,
    imul => Mul, imod => Mod, ior => Or, ipow => Pow, irshift => Rshift, isub => Sub,
    itruediv => TrueDiv, ixor => Xor,
}
compare! { lt => Lt, le => Le, eq => Eq, ne => Ne, gt => Gt, ge => Ge }
unary! { neg => Neg, pos_ => Pos, invert => Invert, inv => Invert, abs => Abs }

fn not_(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = pos::<1>(ts, &a, "not_")?;
    Ok(py_bool(!protocols::is_true(ts, x)?))
}

fn truth(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = pos::<1>(ts, &a, "truth")?;
    Ok(py_bool(protocols::is_true(ts, x)?))
}

fn is_(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y] = pos::<2>(ts, &a, "is_")?;
    Ok(py_bool(x.is(y)))
}

fn is_not(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y] = pos::<2>(ts, &a, "is_not")?;
    Ok(py_bool(!x.is(y)))
}

fn is_none(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = pos::<1>(ts, &a, "is_none")?;
    Ok(py_bool(x.is_none()))
}

fn is_not_none(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = pos::<1>(ts, &a, "is_not_none")?;
    Ok(py_bool(!x.is_none()))
}

fn index(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x] = pos::<1>(ts, &a, "index")?;
    protocols::index(ts, x)
}

fn contains(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y] = pos::<2>(ts, &a, "contains")?;
    Ok(py_bool(protocols::contains(ts, x, y)?))
}

fn getitem(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y] = pos::<2>(ts, &a, "getitem")?;
    protocols::get_item(ts, x, y)
}

fn setitem(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y, z] = pos::<3>(ts, &a, "setitem")?;
    protocols::set_item(ts, x, y, z.clone())?;
    Ok(none())
}

fn delitem(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y] = pos::<2>(ts, &a, "delitem")?;
    protocols::del_item(ts, x, y)?;
    Ok(none())
}

/// `a + b` for sequences: refuses operands without `__getitem__` first.
fn concat_impl(ts: &ThreadState, a: MethodArgs<'_>, name: &str, inplace: bool) -> PyResult<Value> {
    let [x, y] = pos::<2>(ts, &a, name)?;
    if !x.class().slots.getitem.is_set() {
        return Err(ts.type_error(format!(
            "'{}' object can't be concatenated",
            x.class().name()
        )));
    }
    if inplace {
        protocols::inplace_op(ts, x, y, BinOp::Add)
    } else {
        protocols::binary_op(ts, x, y, BinOp::Add)
    }
}

fn concat(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    concat_impl(ts, a, "concat", false)
}

fn iconcat(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    concat_impl(ts, a, "iconcat", true)
}

/// Calls `found(i)` for each index `i` where an item of `seq` is (or equals) `v`; stops
/// when it returns true.
fn scan(
    ts: &ThreadState,
    seq: &Value,
    v: &Value,
    mut found: impl FnMut(usize) -> bool,
) -> PyResult<()> {
    let it = protocols::get_iter(ts, seq)?;
    let mut i = 0usize;
    while let Some(x) = protocols::next(ts, &it)? {
        if protocols::eq_identity_first(ts, &x, v)? && found(i) {
            return Ok(());
        }
        i += 1;
    }
    Ok(())
}

fn countOf(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s, v] = pos::<2>(ts, &a, "countOf")?;
    let mut n = 0usize;
    scan(ts, s, v, |_| {
        n += 1;
        false
    })?;
    Ok(ts.new_usize(n))
}

fn indexOf(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [s, v] = pos::<2>(ts, &a, "indexOf")?;
    let mut at = None;
    scan(ts, s, v, |i| {
        at = Some(i);
        true
    })?;
    at.map(|i| ts.new_usize(i))
        .ok_or_else(|| ts.value_error("sequence.index(x): x not in sequence"))
}

fn call(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let Some((f, rest)) = a.positional().split_first() else {
        return Err(ts.type_error("call() missing 1 required positional argument: 'obj'"));
    };
    let _ = rest;
    protocols::call(ts, f, &a.args[1..], a.kwnames)
}

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("abs", abs),
    ("add", add),
    ("and_", and_),
    ("call", call),
    ("concat", concat),
    ("contains", contains),
    ("countOf", countOf),
    ("delitem", delitem),
    ("eq", eq),
    ("floordiv", floordiv),
    ("ge", ge),
    ("getitem", getitem),
    ("gt", gt),
    ("iadd", iadd),
    ("iand", iand),
    ("iconcat", iconcat),
    ("ifloordiv", ifloordiv),
    ("ilshift", ilshift),
    ("imatmul", imatmul),
    ("imod", imod),
    ("imul", imul),
    ("index", index),
    ("indexOf", indexOf),
    ("inv", inv),
    ("invert", invert),
    ("ior", ior),
    ("ipow", ipow),
    ("irshift", irshift),
    ("is_", is_),
    ("is_none", is_none),
    ("is_not", is_not),
    ("is_not_none", is_not_none),
    ("isub", isub),
    ("itruediv", itruediv),
    ("ixor", ixor),
    ("le", le),
    ("lshift", lshift),
    ("lt", lt),
    ("matmul", matmul),
    ("mod", mod_),
    ("mul", mul),
    ("ne", ne),
    ("neg", neg),
    ("not_", not_),
    ("or_", or_),
    ("pos", pos_),
    ("pow", pow),
    ("rshift", rshift),
    ("setitem", setitem),
    ("sub", sub),
    ("truediv", truediv),
    ("truth", truth),
    ("xor", xor),
];

fn operator_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, _) = new_native_module(ts, "_operator", FUNCTIONS)?;
    Ok(m)
}

/// The module's initializer.
pub const init: Option<NativeInit> = Some(operator_init);
