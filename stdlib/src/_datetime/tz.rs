//! `datetime.tzinfo` (the abstract base), `datetime.timezone` (fixed offsets, with the `utc`
//! singleton), and the local-time machinery over libc (`localtime_r`, `gmtime_r`): timestamp
//! conversion, PEP 495 fold detection and the local zone `astimezone()` attaches.

use super::{
    calendar, call_tz_offset, delta_of, format_offset, is_datetime, new_delta, new_timezone,
    no_args, one_arg, parse_args, set_class_attr, st, tp_name, PyDT, PyTz, State,
};
use std::ffi::CStr;
use vm::builtins::args::MethodArgs;
use vm::objects::descr::add_method;
use vm::objects::float::as_float;
use vm::objects::slots::CmpOp;
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::runtime::{none, not_implemented, py_bool};
use vm::{protocols, PyResult, ThreadState, Value};

pub(super) fn make_tzinfo_type(ts: &ThreadState) -> &'static PyType {
    vm::runtime::new_native_type::<PyTz>(ts, "datetime.tzinfo", None, flags::BASETYPE, |ts, t| {
        t.slots.new.set(Some(tzinfo_new));
        add_method(ts, t, "tzname", |ts, _, a| nogo(ts, &a, "tzname"));
        add_method(ts, t, "utcoffset", |ts, _, a| nogo(ts, &a, "utcoffset"));
        add_method(ts, t, "dst", |ts, _, a| nogo(ts, &a, "dst"));
        add_method(ts, t, "fromutc", tzinfo_fromutc);
        add_method(ts, t, "__reduce__", tzinfo_reduce);
    })
}

pub(super) fn make_timezone_type(ts: &ThreadState, base: &'static PyType) -> &'static PyType {
    vm::runtime::new_native_type::<PyTz>(ts, "datetime.timezone", Some(base), 0, |ts, t| {
        t.slots.new.set(Some(timezone_new));
        t.slots.repr.set(Some(timezone_repr));
        t.slots.str.set(Some(timezone_str));
        t.slots.hash.set(Some(timezone_hash));
        t.slots.richcompare.set(Some(timezone_richcompare));
        add_method(ts, t, "tzname", timezone_tzname);
        add_method(ts, t, "utcoffset", timezone_utcoffset);
        add_method(ts, t, "dst", timezone_dst);
        add_method(ts, t, "fromutc", timezone_fromutc);
        add_method(ts, t, "__getinitargs__", timezone_getinitargs);
    })
}

pub(super) fn add_class_attrs(ts: &ThreadState, s: &State) -> PyResult<()> {
    let doc = ts.new_str("Abstract base class for time zone info objects.");
    set_class_attr(ts, s.tzinfo, "__doc__", doc)?;
    let doc = ts.new_str("Fixed offset from UTC implementation of tzinfo.");
    set_class_attr(ts, s.timezone, "__doc__", doc)?;
    set_class_attr(ts, s.timezone, "utc", s.utc.clone())?;
    let min = new_delta(ts, 0, -(23 * 3600 + 59 * 60), 0)?;
    let max = new_delta(ts, 0, 23 * 3600 + 59 * 60, 0)?;
    set_class_attr(ts, s.timezone, "min", new_timezone(ts, &min, None)?)?;
    set_class_attr(ts, s.timezone, "max", new_timezone(ts, &max, None)?)
}

fn tzinfo_new(
    ts: &ThreadState,
    cls: &Value,
    _args: &[Value],
    _kw: Option<&PyTuple>,
) -> PyResult<Value> {
    vm::object::alloc(
        ts,
        cls.as_type(),
        PyTz {
            offset: None,
            name: None,
        },
    )
}

fn nogo(ts: &ThreadState, a: &MethodArgs<'_>, name: &str) -> PyResult<Value> {
    one_arg(ts, a, name)?;
    Err(ts.not_implemented_error(format!("a tzinfo subclass must implement {name}()")))
}

fn tzinfo_fromutc(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let dt = one_arg(ts, &a, "fromutc")?;
    if !is_datetime(&dt) {
        return Err(ts.type_error("fromutc: argument must be a datetime"));
    }
    let p = super::dt_of(ts, &dt)?;
    if !p.tzinfo().is(slf) {
        return Err(ts.value_error("fromutc: dt.tzinfo is not self"));
    }
    let off = protocols::call_method(ts, &dt, "utcoffset", &[])?;
    let Some(o) = delta_of(&off) else {
        return Err(ts.value_error("fromutc: non-None utcoffset() result required"));
    };
    let dst = protocols::call_method(ts, &dt, "dst", &[])?;
    let Some(d) = delta_of(&dst) else {
        return Err(ts.value_error("fromutc: non-None dst() result required"));
    };
    let delta = super::delta::to_us(o) - super::delta::to_us(d);
    let res = super::datetime::add_us(ts, &dt, delta)?;
    let dst2 = call_tz_offset(ts, slf, "dst", &res)?;
    let Some(d2) = delta_of(&dst2) else {
        return Err(ts.value_error("fromutc: tz.dst() gave inconsistent results; cannot convert"));
    };
    let extra = super::delta::to_us(d2);
    if extra != 0 {
        return super::datetime::add_us(ts, &res, extra);
    }
    Ok(res)
}

fn tzinfo_reduce(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "__reduce__")?;
    let args = match protocols::get_attr_opt(ts, slf, &ts.intern("__getinitargs__"))? {
        Some(f) => protocols::call(ts, &f, &[], None)?,
        None => ts.new_tuple(vec![]),
    };
    let state = match protocols::get_attr_opt(ts, slf, &ts.intern("__getstate__"))? {
        Some(f) => protocols::call(ts, &f, &[], None)?,
        None => match vm::object::instance_dict(slf) {
            Some(d) if protocols::len(ts, &d)? > 0 => d,
            _ => none(),
        },
    };
    Ok(ts.new_tuple(vec![slf.class().to_value(), args, state]))
}

fn tz_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyTz> {
    v.downcast::<PyTz>()
        .ok_or_else(|| ts.type_error("descriptor requires a 'datetime.timezone' object"))
}

fn offset_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a Value> {
    tz_of(ts, v)?
        .offset
        .as_ref()
        .ok_or_else(|| ts.type_error("timezone has no offset"))
}

fn timezone_new(
    ts: &ThreadState,
    _cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = parse_args(ts, Some("timezone"), args, kw, &["offset", "name"], 1, 2)?;
    let offset = a[0].clone().unwrap_or_else(none);
    if delta_of(&offset).is_none() {
        return Err(ts.type_error(format!(
            "timezone() argument 1 must be datetime.timedelta, not {}",
            tp_name(&offset)
        )));
    }
    let name = match &a[1] {
        Some(n) if n.downcast::<PyStr>().is_some() => Some(n.clone()),
        Some(n) => {
            return Err(ts.type_error(format!(
                "timezone() argument 2 must be str, not {}",
                tp_name(n)
            )))
        }
        None => None,
    };
    new_timezone(ts, &offset, name)
}

fn timezone_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let name = tp_name(v);
    if v.is(&st().utc) {
        return Ok(ts.new_str(&format!("{name}.utc")));
    }
    let z = tz_of(ts, v)?;
    let off = protocols::repr_string(ts, offset_of(ts, v)?)?;
    match &z.name {
        None => Ok(ts.new_str(&format!("{name}({off})"))),
        Some(n) => {
            let n = protocols::repr_string(ts, n)?;
            Ok(ts.new_str(&format!("{name}({off}, {n})")))
        }
    }
}

fn timezone_str(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let z = tz_of(ts, v)?;
    if let Some(n) = &z.name {
        return Ok(n.clone());
    }
    let off = offset_of(ts, v)?;
    let zero = delta_of(off).is_some_and(|d| d.days == 0 && d.secs == 0 && d.us == 0);
    if v.is(&st().utc) || zero {
        return Ok(ts.new_str("UTC"));
    }
    Ok(ts.new_str(&format!("UTC{}", format_offset(off, ":"))))
}

fn timezone_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    match delta_of(offset_of(ts, v)?) {
        Some(d) => super::delta::hash_delta(ts, d),
        None => Ok(0),
    }
}

fn timezone_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) || !b.class().is_subtype(st().timezone) {
        return Ok(not_implemented());
    }
    let (x, y) = (offset_of(ts, a)?, offset_of(ts, b)?);
    match (delta_of(x), delta_of(y)) {
        (Some(x), Some(y)) => Ok(py_bool(op.test(super::delta::cmp(x, y)))),
        _ => Ok(not_implemented()),
    }
}

fn check_dt_arg(ts: &ThreadState, dt: &Value, meth: &str) -> PyResult<()> {
    if dt.is_none() || is_datetime(dt) {
        return Ok(());
    }
    Err(ts.type_error(format!(
        "{meth}(dt) argument must be a datetime instance or None, not {}",
        tp_name(dt)
    )))
}

fn timezone_tzname(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    check_dt_arg(ts, &one_arg(ts, &a, "tzname")?, "tzname")?;
    timezone_str(ts, slf)
}

fn timezone_utcoffset(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    check_dt_arg(ts, &one_arg(ts, &a, "utcoffset")?, "utcoffset")?;
    Ok(offset_of(ts, slf)?.clone())
}

fn timezone_dst(ts: &ThreadState, _slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    check_dt_arg(ts, &one_arg(ts, &a, "dst")?, "dst")?;
    Ok(none())
}

fn timezone_fromutc(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let dt = one_arg(ts, &a, "fromutc")?;
    if !is_datetime(&dt) {
        return Err(ts.type_error("fromutc: argument must be a datetime"));
    }
    if !super::dt_of(ts, &dt)?.tzinfo().is(slf) {
        return Err(ts.value_error("fromutc: dt.tzinfo is not self"));
    }
    let off = delta_of(offset_of(ts, slf)?).map_or(0, super::delta::to_us);
    super::datetime::add_us(ts, &dt, off)
}

fn timezone_getinitargs(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "__getinitargs__")?;
    let z = tz_of(ts, slf)?;
    let mut items = vec![offset_of(ts, slf)?.clone()];
    if let Some(n) = &z.name {
        items.push(n.clone());
    }
    Ok(ts.new_tuple(items))
}

// --- libc time ---

fn overflow(ts: &ThreadState) -> vm::PyErr {
    ts.overflow_error("timestamp out of range for platform time_t")
}

fn blank_tm() -> libc::tm {
    // SAFETY: `tm` is plain old data; all-zero is a valid value (a null `tm_zone`).
    unsafe { std::mem::zeroed() }
}

/// `localtime_r(t)`.
pub(super) fn localtime(ts: &ThreadState, t: i64) -> PyResult<libc::tm> {
    let tt: libc::time_t = t;
    let mut tm = blank_tm();
    // SAFETY: valid pointers to a time_t and an out `tm`.
    let r = unsafe { libc::localtime_r(&tt, &mut tm) };
    if r.is_null() {
        return Err(overflow(ts));
    }
    Ok(tm)
}

/// `gmtime_r(t)`.
pub(super) fn gmtime(ts: &ThreadState, t: i64) -> PyResult<libc::tm> {
    let tt: libc::time_t = t;
    let mut tm = blank_tm();
    // SAFETY: as in `localtime`.
    let r = unsafe { libc::gmtime_r(&tt, &mut tm) };
    if r.is_null() {
        return Err(overflow(ts));
    }
    Ok(tm)
}

fn index_to_i64(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let i = protocols::index(ts, v)?;
    let b = protocols::number_to_int(ts, &i)?;
    i64::try_from(&b).map_err(|_| overflow(ts))
}

fn f64_to_timet(ts: &ThreadState, x: f64) -> PyResult<i64> {
    if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&x) {
        return Err(overflow(ts));
    }
    Ok(x as i64)
}

fn check_nan(ts: &ThreadState, x: f64) -> PyResult<()> {
    if x.is_nan() {
        return Err(ts.value_error("Invalid value NaN (not a number)"));
    }
    Ok(())
}

/// A timestamp (int or float) rounded down to whole seconds.
pub(super) fn timestamp_floor(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    if let Some(x) = as_float(v) {
        check_nan(ts, x)?;
        return f64_to_timet(ts, x.floor());
    }
    index_to_i64(ts, v)
}

/// A timestamp as seconds and microseconds, rounded half-even to the microsecond.
pub(super) fn timestamp_us(ts: &ThreadState, v: &Value) -> PyResult<(i64, i32)> {
    let Some(x) = as_float(v) else {
        if vm::objects::int::as_int(v).is_none() {
            return Err(ts.type_error(format!("argument must be int or float, not {}", tp_name(v))));
        }
        return Ok((index_to_i64(ts, v)?, 0));
    };
    check_nan(ts, x)?;
    let mut int_part = x.trunc();
    let mut frac = ((x - int_part) * 1e6).round_ties_even();
    if frac >= 1e6 {
        frac -= 1e6;
        int_part += 1.0;
    } else if frac < 0.0 {
        frac += 1e6;
        int_part -= 1.0;
    }
    Ok((f64_to_timet(ts, int_part)?, frac as i32))
}

fn tm_seconds(ts: &ThreadState, tm: &libc::tm) -> PyResult<i64> {
    utc_to_seconds(
        ts,
        tm.tm_year + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        i64::from(tm.tm_hour),
        i64::from(tm.tm_min),
        i64::from(tm.tm_sec),
    )
}

/// Seconds since 0001-01-01 of a (naive) UTC wall time.
pub(super) fn utc_to_seconds(
    ts: &ThreadState,
    y: i32,
    m: i32,
    d: i32,
    hh: i64,
    mm: i64,
    ss: i64,
) -> PyResult<i64> {
    if !(calendar::MINYEAR..=calendar::MAXYEAR).contains(&y) {
        return Err(ts.value_error(format!(
            "year must be in {}..{}, not {y}",
            calendar::MINYEAR,
            calendar::MAXYEAR
        )));
    }
    let ord = i64::from(calendar::ymd_to_ord(y, m, d));
    Ok(((ord * 24 + hh) * 60 + mm) * 60 + ss)
}

/// The local wall time (seconds since 0001) of UTC instant `u` (same scale).
fn local(ts: &ThreadState, u: i64) -> PyResult<i64> {
    let tm = localtime(ts, u - calendar::EPOCH_SECONDS)?;
    tm_seconds(ts, &tm)
}

const MAX_FOLD_SECONDS: i64 = 24 * 3600;

/// Solves `local(u) == t` for the UTC instant `u`, choosing by `fold` (CPython's
/// `local_to_seconds`).
pub(super) fn local_to_seconds(ts: &ThreadState, p: &PyDT, fold: bool) -> PyResult<i64> {
    let (y, m, d) = p.ymd();
    let (hh, mm, ss, _) = p.hms();
    let t = utc_to_seconds(ts, y, m, d, i64::from(hh), i64::from(mm), i64::from(ss))?;
    let a = local(ts, t)? - t;
    let u1 = t - a;
    let t1 = local(ts, u1)?;
    let b;
    if t1 == t {
        let u2 = if fold {
            u1 + MAX_FOLD_SECONDS
        } else {
            u1 - MAX_FOLD_SECONDS
        };
        b = local(ts, u2)? - u2;
        if a == b {
            return Ok(u1);
        }
    } else {
        b = t1 - u1;
    }
    let u2 = t - b;
    let t2 = local(ts, u2)?;
    if t2 == t {
        return Ok(u2);
    }
    if t1 == t {
        return Ok(u1);
    }
    Ok(if fold { u1.min(u2) } else { u1.max(u2) })
}

/// Whether local time `secs` (a POSIX time) is the second occurrence of its wall time.
pub(super) fn detect_fold(ts: &ThreadState, timet: i64, result_seconds: i64) -> PyResult<bool> {
    let probe = local(ts, calendar::EPOCH_SECONDS + timet - MAX_FOLD_SECONDS)?;
    let transition = result_seconds - probe - MAX_FOLD_SECONDS;
    if transition < 0 {
        let probe = local(ts, calendar::EPOCH_SECONDS + timet + transition)?;
        return Ok(probe == result_seconds);
    }
    Ok(false)
}

/// The fixed-offset `timezone` in effect locally at POSIX time `t`, named as libc names it.
pub(super) fn local_timezone_at(ts: &ThreadState, t: i64) -> PyResult<Value> {
    let tm = localtime(ts, t)?;
    let delta = new_delta(ts, 0, tm.tm_gmtoff, 0)?;
    let name = if tm.tm_zone.is_null() {
        None
    } else {
        // SAFETY: libc's `tm_zone` points at a NUL-terminated string that lives as long as
        // the time zone data (static storage).
        let s = unsafe { CStr::from_ptr(tm.tm_zone) };
        Some(ts.new_str(&s.to_string_lossy()))
    };
    new_timezone(ts, &delta, name)
}
