//! `BaseExceptionGroup` and `ExceptionGroup` (PEP 654): construction rules, `split`,
//! `subgroup`, `derive`, and the two helpers `except*` compiles to (CHECK_EG_MATCH and the
//! PREP_RERAISE_STAR intrinsic).
//!
//! Follows CPython's `Objects/exceptions.c` (`BaseExceptionGroup_new`,
//! `exceptiongroup_split_recursive`, `_PyExc_PrepReraiseStar`). The message and the exceptions
//! tuple live in the exception's payload (`PyBaseException::group`), set once by `__new__`.

use crate::builtins::args::MethodArgs;
use crate::errors::{PyErr, PyResult};
use crate::objects::exceptions::{GroupData, PyBaseException};
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{none, types};
use crate::thread_state::ThreadState;
use crate::value::Value;

fn exc_of(v: &Value) -> Option<&PyBaseException> {
    v.downcast::<PyBaseException>()
}

/// The group data of `v`, if it is an exception group made by `BaseExceptionGroup.__new__`.
pub fn group_of(v: &Value) -> Option<&GroupData> {
    exc_of(v)?.group()
}

/// The sub-exceptions of a group (empty for anything else).
pub fn group_exceptions(v: &Value) -> Vec<Value> {
    group_of(v)
        .map(|g| g.excs.as_tuple_slice().to_vec())
        .unwrap_or_default()
}

fn is_group(v: &Value) -> bool {
    v.is_instance_of(types().exc.base_exception_group)
}

/// CPython's `PySequence_Check`: not a dict, and indexable.
fn is_sequence(v: &Value) -> bool {
    let c = v.class();
    !c.is_subtype(types().dict) && c.slots.getitem.is_set()
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`.
fn eg_new(ts: &ThreadState, cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let nkw = kw.map_or(0, |k| k.len());
    let cls_t = cls.as_type();
    if nkw > 0 {
        return Err(ts.type_error(format!("{}() takes no keyword arguments", cls_t.name())));
    }
    if args.len() != 2 {
        return Err(ts.type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            args.len()
        )));
    }
    let (message, exceptions) = (&args[0], &args[1]);
    if message.downcast::<PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            message.class().name()
        )));
    }
    if !is_sequence(exceptions) {
        return Err(ts.type_error("second argument (exceptions) must be a sequence"));
    }
    let excs = protocols::collect(ts, exceptions)?;
    if excs.is_empty() {
        return Err(ts.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut nested_base = false;
    for (i, e) in excs.iter().enumerate() {
        if !e.is_instance_of(types().exc.base_exception) {
            return Err(ts.value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        if !e.is_instance_of(types().exc.exception) {
            nested_base = true;
        }
    }
    let t = &types().exc;
    let mut ty = cls_t;
    if ty.is(t.exception_group) {
        if nested_base {
            return Err(ts.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if ty.is(t.base_exception_group) {
        if !nested_base {
            ty = t.exception_group;
        }
    } else if nested_base && ty.is_subtype(t.exception) {
        return Err(ts.type_error(format!("Cannot nest BaseExceptions in '{}'", ty.name())));
    }
    let excs_str =
        if exceptions.downcast::<PyTuple>().is_some() || exceptions.is_instance_of(types().list) {
            None
        } else {
            Some(protocols::repr(ts, exceptions)?)
        };
    let v = crate::objects::exceptions::alloc_exception(ts, ty, ts.new_tuple(args.to_vec()))?;
    if let Some(e) = exc_of(&v) {
        e.set_group(GroupData {
            msg: message.clone(),
            excs: ts.new_tuple(excs),
            excs_str,
        });
    }
    Ok(v)
}

/// `str(group)`: "message (N sub-exceptions)".
pub fn eg_str(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let Some(g) = group_of(v) else {
        return crate::objects::exceptions::exc_str(ts, v);
    };
    let n = g.excs.as_tuple_slice().len();
    Ok(ts.new_str(&format!(
        "{} ({n} sub-exception{})",
        protocols::str_string(ts, &g.msg)?,
        if n == 1 { "" } else { "s" }
    )))
}

/// `repr(group)`: the exceptions shown as a list when they were given as one (CPython 3.14
/// shows `self.exceptions`, not the possibly mutated `args[1]`).
fn eg_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let Some(g) = group_of(v) else {
        return Ok(ts.new_str(&format!("{}()", v.class().name())));
    };
    let excs = match &g.excs_str {
        Some(s) => crate::objects::str::str_lossy(s),
        None => {
            let args = exc_of(v).map(|e| e.args()).unwrap_or_else(none);
            let given_list = args
                .as_tuple_slice()
                .get(1)
                .is_some_and(|a| a.is_instance_of(types().list));
            if given_list {
                let l = ts.new_list(g.excs.as_tuple_slice().to_vec());
                protocols::repr_string(ts, &l)?
            } else {
                protocols::repr_string(ts, &g.excs)?
            }
        }
    };
    Ok(ts.new_str(&format!(
        "{}({}, {excs})",
        v.class().name(),
        protocols::repr_string(ts, &g.msg)?
    )))
}

fn g_message(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(group_of(v).map(|g| g.msg.clone()).unwrap_or_else(none))
}

fn g_exceptions(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(group_of(v).map(|g| g.excs.clone()).unwrap_or_else(none))
}

/// `derive(excs)`: a group like this one (same message) holding `excs`.
fn m_derive(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [excs] = a.parse::<1>(ts, "derive", &[""], 1)?;
    let msg = group_of(s).map(|g| g.msg.clone()).unwrap_or_else(none);
    protocols::call(
        ts,
        &types().exc.base_exception_group.to_value(),
        &[msg, excs.expect("required")],
        None,
    )
}

/// How `split`/`subgroup` recognise a matching leaf.
enum Matcher {
    /// An exception class or a tuple of them.
    Type(Value),
    /// A callable predicate.
    Predicate(Value),
    /// Leaves whose identities are listed (PREP_RERAISE_STAR).
    Ids(Vec<usize>),
}

fn matcher_of(ts: &ThreadState, v: &Value) -> PyResult<Matcher> {
    let is_exc_class =
        |t: &Value| t.is_type() && t.as_type().is_subtype(types().exc.base_exception);
    if protocols::is_callable(v) && !v.is_type() {
        return Ok(Matcher::Predicate(v.clone()));
    }
    if is_exc_class(v) {
        return Ok(Matcher::Type(v.clone()));
    }
    if let Some(t) = v.downcast::<PyTuple>() {
        if t.as_slice().iter().all(is_exc_class) {
            return Ok(Matcher::Type(v.clone()));
        }
    }
    Err(ts.type_error(
        "expected an exception type, a tuple of exception types, or a callable (other than a class)",
    ))
}

fn matches(ts: &ThreadState, exc: &Value, m: &Matcher) -> PyResult<bool> {
    match m {
        Matcher::Type(t) => protocols::isinstance(ts, exc, t),
        Matcher::Predicate(f) => {
            let r = protocols::call(ts, f, std::slice::from_ref(exc), None)?;
            protocols::is_true(ts, &r)
        }
        Matcher::Ids(ids) => Ok(ids.contains(&exc.identity())),
    }
}

/// `(match, rest)` of CPython's `exceptiongroup_split_recursive`.
fn split_recursive(
    ts: &ThreadState,
    exc: &Value,
    m: &Matcher,
    construct_rest: bool,
) -> PyResult<(Option<Value>, Option<Value>)> {
    if matches(ts, exc, m)? {
        return Ok((Some(exc.clone()), None));
    }
    if !is_group(exc) {
        return Ok((None, construct_rest.then(|| exc.clone())));
    }
    let _depth = ts.enter_native_call(" in exceptiongroup_split_recursive")?;
    let mut match_list = Vec::new();
    let mut rest_list = Vec::new();
    for e in group_exceptions(exc) {
        let (mm, rr) = split_recursive(ts, &e, m, construct_rest)?;
        match_list.extend(mm);
        rest_list.extend(rr);
    }
    let matched = subset(ts, exc, match_list)?;
    let rest = if construct_rest {
        subset(ts, exc, rest_list)?
    } else {
        None
    };
    Ok((matched, rest))
}

/// A group derived from `orig` holding `excs`, with `orig`'s traceback, cause, context and a
/// copy of its notes (CPython's `exceptiongroup_subset`); `None` for no exceptions.
fn subset(ts: &ThreadState, orig: &Value, excs: Vec<Value>) -> PyResult<Option<Value>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let eg = protocols::call_method(ts, orig, "derive", &[ts.new_list(excs)])?;
    if !is_group(&eg) {
        return Err(ts.type_error("derive must return an instance of BaseExceptionGroup"));
    }
    if let (Some(o), Some(n)) = (exc_of(orig), exc_of(&eg)) {
        n.set_traceback(o.traceback());
        n.set_context(o.context());
        n.set_cause(o.cause());
    }
    if let Some(notes) = protocols::get_attr_opt(ts, orig, &ts.intern("__notes__"))? {
        if is_sequence(&notes) {
            let copy = ts.new_list(protocols::collect(ts, &notes)?);
            protocols::set_attr(ts, &eg, &ts.intern("__notes__"), copy)?;
        }
    }
    Ok(Some(eg))
}

fn m_split(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [m] = a.parse::<1>(ts, "split", &[""], 1)?;
    let m = matcher_of(ts, &m.expect("required"))?;
    let (mm, rr) = split_recursive(ts, s, &m, true)?;
    Ok(ts.new_tuple(vec![mm.unwrap_or_else(none), rr.unwrap_or_else(none)]))
}

fn m_subgroup(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [m] = a.parse::<1>(ts, "subgroup", &[""], 1)?;
    let m = matcher_of(ts, &m.expect("required"))?;
    let (mm, _) = split_recursive(ts, s, &m, false)?;
    Ok(mm.unwrap_or_else(none))
}

/// CHECK_EG_MATCH: `(rest, match)` of `exc` against the `except*` type `ty`. A naked
/// exception that matches is wrapped in a group (keeping its traceback); the matched part
/// becomes the handled exception.
pub fn exception_group_match(ts: &ThreadState, exc: Value, ty: &Value) -> PyResult<(Value, Value)> {
    if exc.is_none() {
        return Ok((none(), none()));
    }
    let is_group_class =
        |t: &Value| t.is_type() && t.as_type().is_subtype(types().exc.base_exception_group);
    let bad = match ty.downcast::<PyTuple>() {
        Some(t) => t.as_slice().iter().any(is_group_class),
        None => is_group_class(ty),
    };
    if bad {
        return Err(ts.type_error(
            "catching ExceptionGroup with except* is not allowed. Use except instead.",
        ));
    }
    if protocols::isinstance(ts, &exc, ty)? {
        let matched = if is_group(&exc) {
            exc.clone()
        } else {
            let wrapped = protocols::call(
                ts,
                &types().exc.base_exception_group.to_value(),
                &[ts.new_str(""), ts.new_tuple(vec![exc.clone()])],
                None,
            )?;
            if let (Some(o), Some(n)) = (exc_of(&exc), exc_of(&wrapped)) {
                n.set_traceback(o.traceback());
            }
            wrapped
        };
        ts.set_handled(Some(matched.clone()));
        return Ok((none(), matched));
    }
    if is_group(&exc) {
        let pair = protocols::call_method(ts, &exc, "split", std::slice::from_ref(ty))?;
        let parts = pair.as_tuple_slice();
        if pair.downcast::<PyTuple>().is_none() || parts.len() != 2 {
            return Err(ts.type_error(format!(
                "{}.split must return a 2-tuple, got {}",
                exc.class().name(),
                pair.class().name()
            )));
        }
        let (matched, rest) = (parts[0].clone(), parts[1].clone());
        if !matched.is_none() {
            ts.set_handled(Some(matched.clone()));
        }
        return Ok((rest, matched));
    }
    Ok((exc, none()))
}

/// Whether `a` and `b` share traceback, cause, context and notes (a re-raise of `b`).
fn same_metadata(ts: &ThreadState, a: &Value, b: &Value) -> bool {
    let (Some(x), Some(y)) = (exc_of(a), exc_of(b)) else {
        return false;
    };
    let same = |p: Option<Value>, q: Option<Value>| match (p, q) {
        (None, None) => true,
        (Some(p), Some(q)) => p.is(&q),
        _ => false,
    };
    let notes = |v: &Value| {
        protocols::get_attr_opt(ts, v, &ts.intern("__notes__"))
            .ok()
            .flatten()
    };
    same(x.traceback(), y.traceback())
        && same(x.cause(), y.cause())
        && same(x.context(), y.context())
        && same(notes(a), notes(b))
}

fn collect_leaf_ids(v: &Value, out: &mut Vec<usize>, depth: usize) {
    if v.is_none() || depth > 1000 {
        return;
    }
    if is_group(v) && group_of(v).is_some() {
        for e in group_exceptions(v) {
            collect_leaf_ids(&e, out, depth + 1);
        }
    } else {
        out.push(v.identity());
    }
}

/// The PREP_RERAISE_STAR intrinsic: what an `except*` block re-raises. `orig` is the group
/// that was caught, `excs` what each clause raised or re-raised (None for nothing).
/// Re-raised parts keep their place in the original group's tree; new exceptions are
/// grouped with them (CPython's `_PyExc_PrepReraiseStar`).
pub fn prep_reraise_star(ts: &ThreadState, orig: &Value, excs: &Value) -> PyResult<Value> {
    let items = protocols::collect(ts, excs)?;
    if items.is_empty() {
        return Ok(none());
    }
    if !is_group(orig) {
        // A naked exception was wrapped: only one clause ran.
        return Ok(items[0].clone());
    }
    let mut raised = Vec::new();
    let mut reraised = Vec::new();
    for e in items.into_iter().filter(|e| !e.is_none()) {
        if same_metadata(ts, &e, orig) {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let mut ids = Vec::new();
    for e in &reraised {
        collect_leaf_ids(e, &mut ids, 0);
    }
    let reraised_eg = if ids.is_empty() {
        none()
    } else {
        split_recursive(ts, orig, &Matcher::Ids(ids), false)?
            .0
            .unwrap_or_else(none)
    };
    if raised.is_empty() {
        return Ok(reraised_eg);
    }
    if !reraised_eg.is_none() {
        raised.push(reraised_eg);
    }
    if raised.len() > 1 {
        return protocols::call(
            ts,
            &types().exc.base_exception_group.to_value(),
            &[ts.new_str(""), ts.new_list(raised)],
            None,
        );
    }
    Ok(raised.swap_remove(0))
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_classmethod, add_getset, add_method};
    let b = types().exc.base_exception_group;
    b.slots.new.set(Some(eg_new));
    b.slots.str.set(Some(eg_str));
    b.slots.repr.set(Some(eg_repr));
    add_getset(ts, b, "message", g_message, None);
    add_getset(ts, b, "exceptions", g_exceptions, None);
    add_method(ts, b, "derive", m_derive);
    add_method(ts, b, "split", m_split);
    add_method(ts, b, "subgroup", m_subgroup);
    add_classmethod(
        ts,
        b,
        "__class_getitem__",
        crate::objects::generic_alias::class_getitem,
    );
    let _ = PyErr::from_instance;
}
