//! `datetime.date`: construction (including CPython's pickle state), the calendar methods,
//! ISO formats, arithmetic with `timedelta`, comparison and hashing. `datetime` inherits
//! the calendar methods from here.

use super::{
    bytes_of, c_int, calendar, check_date_args, date_overflow, delta_of, dt_of, is_date,
    is_datetime, latin1_state, new_date_of, new_delta, no_args, one_arg, opt_int, parse_args,
    set_class_attr, tp_name, wrap_strftime, PyDT, State,
};
use vm::builtins::args::MethodArgs;
use vm::objects::descr::{add_classmethod, add_getset, add_method};
use vm::objects::slots::{BinOp, CmpOp};
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::runtime::{not_implemented, py_bool};
use vm::{protocols, PyResult, ThreadState, Value};

pub(super) fn make_type(ts: &ThreadState) -> &'static PyType {
    let t = vm::runtime::new_native_type::<PyDT>(
        ts,
        "datetime.date",
        None,
        flags::BASETYPE,
        |ts, t| {
            t.slots.new.set(Some(date_new));
            t.slots.repr.set(Some(date_repr));
            t.slots.str.set(Some(date_str));
            t.slots.hash.set(Some(date_hash));
            t.slots.richcompare.set(Some(date_richcompare));
            t.slots.binary.set(Some(date_binary));
            add_getset(
                ts,
                t,
                "year",
                |ts, v| Ok(ts.new_int(i64::from(dt_of(ts, v)?.year))),
                None,
            );
            add_getset(
                ts,
                t,
                "month",
                |ts, v| Ok(ts.new_int(i64::from(dt_of(ts, v)?.month))),
                None,
            );
            add_getset(
                ts,
                t,
                "day",
                |ts, v| Ok(ts.new_int(i64::from(dt_of(ts, v)?.day))),
                None,
            );
            add_classmethod(ts, t, "fromtimestamp", fromtimestamp);
            add_classmethod(ts, t, "fromordinal", fromordinal);
            add_classmethod(ts, t, "fromisoformat", fromisoformat);
            add_classmethod(ts, t, "fromisocalendar", fromisocalendar);
            add_classmethod(ts, t, "today", today);
            add_classmethod(ts, t, "strptime", |ts, cls, a| {
                super::strptime_via(ts, cls, a, "_strptime_datetime_date")
            });
            add_method(ts, t, "ctime", ctime);
            add_method(ts, t, "strftime", strftime);
            add_method(ts, t, "__format__", super::format_method);
            add_method(ts, t, "timetuple", timetuple);
            add_method(ts, t, "isocalendar", isocalendar);
            add_method(ts, t, "isoformat", isoformat);
            add_method(ts, t, "isoweekday", isoweekday);
            add_method(ts, t, "toordinal", toordinal);
            add_method(ts, t, "weekday", weekday);
            add_method(ts, t, "replace", replace);
            add_method(ts, t, "__replace__", replace);
            add_method(ts, t, "__reduce__", reduce);
        },
    );
    super::prune_binary(ts, t, &[BinOp::Add, BinOp::Sub]);
    t
}

pub(super) fn add_class_attrs(ts: &ThreadState, s: &State) -> PyResult<()> {
    set_class_attr(
        ts,
        s.date,
        "__doc__",
        ts.new_str("date(year, month, day) --> date object"),
    )?;
    let mk = |y, m, d| vm::object::alloc(ts, s.date, PyDT::date(y, m, d));
    set_class_attr(ts, s.date, "min", mk(1, 1, 1)?)?;
    set_class_attr(ts, s.date, "max", mk(9999, 12, 31)?)?;
    set_class_attr(ts, s.date, "resolution", new_delta(ts, 1, 0, 0)?)
}

fn date_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    if let ([state], None) = (args, kw) {
        let raw = match bytes_of(state) {
            Some(b) => Some(b.to_vec()),
            None => match state.downcast::<PyStr>() {
                Some(s) if s.len() == 4 => latin1_state(ts, state, "date")?,
                _ => None,
            },
        };
        if let Some(b) = raw.filter(|b| b.len() == 4 && (1..=12).contains(&b[2])) {
            let year = (i32::from(b[0]) << 8) | i32::from(b[1]);
            let p = PyDT::date(year, i32::from(b[2]), i32::from(b[3]));
            return vm::object::alloc(ts, cls.as_type(), p);
        }
    }
    let a = parse_args(ts, None, args, kw, &["year", "month", "day"], 3, 3)?;
    let y = opt_int(ts, &a[0], 0)?;
    let m = opt_int(ts, &a[1], 0)?;
    let d = opt_int(ts, &a[2], 0)?;
    check_date_args(ts, y, m, d)?;
    vm::object::alloc(ts, cls.as_type(), PyDT::date(y, m, d))
}

fn date_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let p = dt_of(ts, v)?;
    Ok(ts.new_str(&format!(
        "{}({}, {}, {})",
        tp_name(v),
        p.year,
        p.month,
        p.day
    )))
}

pub(super) fn iso_date(p: &PyDT) -> String {
    format!("{:04}-{:02}-{:02}", p.year, p.month, p.day)
}

fn date_str(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    protocols::call_method(ts, v, "isoformat", &[])
}

fn date_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let p = dt_of(ts, v)?;
    p.cached_hash(|| Ok(vm::objects::bytes::hash_bytes(&p.date_bytes())))
}

fn date_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    if !is_date(b) || is_datetime(b) {
        return Ok(not_implemented());
    }
    let (x, y) = (dt_of(ts, a)?, dt_of(ts, b)?);
    Ok(py_bool(op.test(x.ymd().cmp(&y.ymd()))))
}

/// `date ± timedelta` (the result has the date's class).
fn add_days(ts: &ThreadState, date: &Value, days: i64) -> PyResult<Value> {
    let p = dt_of(ts, date)?;
    let (y, m, d) = p.ymd();
    let (y, m, d) =
        calendar::normalize_date(y, m, i64::from(d) + days).ok_or_else(|| date_overflow(ts))?;
    new_date_of(ts, &date.class().to_value(), y, m, d)
}

fn date_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    if is_datetime(a) || is_datetime(b) {
        return Ok(not_implemented());
    }
    match op {
        BinOp::Add => {
            if is_date(a) {
                if let Some(d) = delta_of(b) {
                    return add_days(ts, a, i64::from(d.days));
                }
            } else if let Some(d) = delta_of(a) {
                return add_days(ts, b, i64::from(d.days));
            }
            Ok(not_implemented())
        }
        BinOp::Sub if is_date(a) => {
            if is_date(b) {
                let diff = dt_of(ts, a)?.ordinal() - dt_of(ts, b)?.ordinal();
                return new_delta(ts, i64::from(diff), 0, 0);
            }
            if let Some(d) = delta_of(b) {
                return add_days(ts, a, -i64::from(d.days));
            }
            Ok(not_implemented())
        }
        _ => Ok(not_implemented()),
    }
}

/// `Www Mmm dd hh:mm:ss yyyy`.
pub(super) fn format_ctime(p: &PyDT, h: u8, mi: u8, s: u8) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, d) = p.ymd();
    let wd = calendar::weekday(y, m, d) as usize;
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {:04}",
        DAYS[wd % 7],
        MONTHS[(m as usize + 11) % 12],
        d,
        h,
        mi,
        s,
        y
    )
}

fn ctime(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "ctime")?;
    Ok(ts.new_str(&format_ctime(dt_of(ts, slf)?, 0, 0, 0)))
}

/// Parses the single `format` argument of `strftime`.
pub(super) fn format_arg(ts: &ThreadState, a: &MethodArgs<'_>) -> PyResult<Value> {
    let f = parse_args(ts, Some("strftime"), a.args, a.kwnames, &["format"], 1, 1)?;
    let f = f
        .into_iter()
        .next()
        .flatten()
        .unwrap_or_else(vm::runtime::none);
    super::str_arg(ts, &f, "strftime", 1)?;
    Ok(f)
}

fn strftime(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let f = format_arg(ts, &a)?;
    let tt = protocols::call_method(ts, slf, "timetuple", &[])?;
    let fs = super::str_arg(ts, &f, "strftime", 1)?;
    wrap_strftime(ts, slf, fs, tt, slf)
}

fn timetuple(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "timetuple")?;
    let p = dt_of(ts, slf)?;
    super::build_struct_time(ts, p.ymd(), (0, 0, 0), -1)
}

fn isocalendar(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "isocalendar")?;
    let (y, m, d) = dt_of(ts, slf)?.ymd();
    let (iy, w, wd) = calendar::isocalendar(y, m, d);
    super::isocalendar_value(ts, iy, w, wd)
}

fn isoformat(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "isoformat")?;
    Ok(ts.new_str(&iso_date(dt_of(ts, slf)?)))
}

fn isoweekday(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "isoweekday")?;
    let (y, m, d) = dt_of(ts, slf)?.ymd();
    Ok(ts.new_int(i64::from(calendar::weekday(y, m, d) + 1)))
}

fn weekday(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "weekday")?;
    let (y, m, d) = dt_of(ts, slf)?.ymd();
    Ok(ts.new_int(i64::from(calendar::weekday(y, m, d))))
}

fn toordinal(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "toordinal")?;
    Ok(ts.new_int(i64::from(dt_of(ts, slf)?.ordinal())))
}

fn replace(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let p = dt_of(ts, slf)?;
    let v = parse_args(
        ts,
        Some("replace"),
        a.args,
        a.kwnames,
        &["year", "month", "day"],
        0,
        3,
    )?;
    let y = opt_int(ts, &v[0], p.year)?;
    let m = opt_int(ts, &v[1], i32::from(p.month))?;
    let d = opt_int(ts, &v[2], i32::from(p.day))?;
    new_date_of(ts, &slf.class().to_value(), y, m, d)
}

fn reduce(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "__reduce__")?;
    let b = vm::objects::bytes::new_bytes(ts, dt_of(ts, slf)?.date_bytes().to_vec());
    Ok(ts.new_tuple(vec![slf.class().to_value(), ts.new_tuple(vec![b])]))
}

// --- class methods ---

fn fromtimestamp(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = one_arg(ts, &a, "fromtimestamp")?;
    let t = super::tz::timestamp_floor(ts, &v)?;
    let tm = super::tz::localtime(ts, t)?;
    new_date_of(ts, cls, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday)
}

fn fromordinal(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = one_arg(ts, &a, "fromordinal")?;
    let n = c_int(ts, &v)?;
    if n < 1 {
        return Err(ts.value_error("ordinal must be >= 1"));
    }
    let (y, m, d) = if n > calendar::MAXORDINAL {
        (10_000, 1, 1)
    } else {
        calendar::ord_to_ymd(n)
    };
    new_date_of(ts, cls, y, m, d)
}

pub(super) fn invalid_iso(ts: &ThreadState, s: &Value) -> vm::PyErr {
    match protocols::repr_string(ts, s) {
        Ok(r) => ts.value_error(format!("Invalid isoformat string: {r}")),
        Err(e) => e,
    }
}

/// The argument of a `fromisoformat`, as UTF-8 (lossy: a lone surrogate fails to parse).
pub(super) fn iso_arg(ts: &ThreadState, v: &Value) -> PyResult<String> {
    match v.downcast::<PyStr>() {
        Some(s) => Ok(s.to_string_lossy()),
        None => Err(ts.type_error("fromisoformat: argument must be str")),
    }
}

fn fromisoformat(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = one_arg(ts, &a, "fromisoformat")?;
    let s = iso_arg(ts, &v)?;
    let b = s.as_bytes();
    let parsed = if matches!(b.len(), 7 | 8 | 10) {
        calendar::parse_date(b)
    } else {
        None
    };
    let (y, m, d) = parsed.ok_or_else(|| invalid_iso(ts, &v))?;
    new_date_of(ts, cls, y, m, d)
}

fn fromisocalendar(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = parse_args(
        ts,
        Some("fromisocalendar"),
        a.args,
        a.kwnames,
        &["year", "week", "day"],
        3,
        3,
    )?;
    let mut n = [0i32; 3];
    for (o, x) in n.iter_mut().zip(&v) {
        *o = match opt_int(ts, x, 0) {
            Ok(i) => i,
            Err(e) if e.matches(vm::runtime::types().exc.overflow_error) => {
                return Err(ts.value_error("ISO calendar component out of range"))
            }
            Err(e) => return Err(e),
        };
    }
    let [year, week, day] = n;
    match calendar::iso_to_ymd(year, week, day) {
        Ok((y, m, d)) => new_date_of(ts, cls, y, m, d),
        Err(calendar::IsoErr::Year) => Err(ts.value_error(format!(
            "year must be in {}..{}, not {year}",
            calendar::MINYEAR,
            calendar::MAXYEAR
        ))),
        Err(calendar::IsoErr::Week) => Err(ts.value_error(format!("Invalid week: {week}"))),
        Err(calendar::IsoErr::Day) => {
            Err(ts.value_error(format!("Invalid weekday: {day} (range is [1, 7])")))
        }
    }
}

fn today(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    if !a.args.is_empty() {
        return Err(ts.type_error(format!(
            "{}.today() takes no arguments ({} given)",
            short_name(cls),
            a.args.len()
        )));
    }
    let t = protocols::call(ts, &super::time_module_attr(ts, "time")?, &[], None)?;
    protocols::call_method(ts, cls, "fromtimestamp", &[t])
}

/// A class's `__name__` (its `tp_name` without the module).
fn short_name(cls: &Value) -> String {
    let n = cls.as_type().name();
    n.rsplit('.').next().unwrap_or(&n).to_string()
}
