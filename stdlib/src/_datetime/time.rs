//! `datetime.time`: a time of day with an optional tzinfo and PEP 495 fold: construction
//! (including CPython's pickle state), ISO formats, comparison across UTC offsets, hashing
//! and pickling.

use super::{
    bytes_of, call_tz_offset, call_tzname, check_tzinfo, delta_of, dt_of, format_offset, is_time,
    is_tzinfo, latin1_state, new_time_of, new_time_raw, no_args, opt_int, parse_args,
    set_class_attr, tp_name, wrap_strftime, PyDT, State,
};
use vm::builtins::args::MethodArgs;
use vm::objects::descr::{add_classmethod, add_getset, add_method};
use vm::objects::slots::CmpOp;
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::runtime::{none, not_implemented, py_bool};
use vm::{protocols, PyResult, ThreadState, Value};

pub(super) fn make_type(ts: &ThreadState) -> &'static PyType {
    vm::runtime::new_native_type::<PyDT>(ts, "datetime.time", None, flags::BASETYPE, |ts, t| {
        t.slots.new.set(Some(time_new));
        t.slots.repr.set(Some(time_repr));
        t.slots.str.set(Some(|ts, v| {
            protocols::call_method(ts, v, "isoformat", &[])
        }));
        t.slots.hash.set(Some(time_hash));
        t.slots.richcompare.set(Some(time_richcompare));
        add_time_getsets(ts, t);
        add_method(ts, t, "isoformat", isoformat);
        add_method(ts, t, "strftime", strftime);
        add_method(ts, t, "__format__", super::format_method);
        add_method(ts, t, "utcoffset", |ts, v, a| {
            no_args(ts, &a, "utcoffset")?;
            call_tz_offset(ts, &dt_of(ts, v)?.tzinfo(), "utcoffset", &none())
        });
        add_method(ts, t, "dst", |ts, v, a| {
            no_args(ts, &a, "dst")?;
            call_tz_offset(ts, &dt_of(ts, v)?.tzinfo(), "dst", &none())
        });
        add_method(ts, t, "tzname", |ts, v, a| {
            no_args(ts, &a, "tzname")?;
            call_tzname(ts, &dt_of(ts, v)?.tzinfo(), &none())
        });
        add_method(ts, t, "replace", replace);
        add_method(ts, t, "__replace__", replace);
        add_classmethod(ts, t, "fromisoformat", fromisoformat);
        add_classmethod(ts, t, "strptime", |ts, cls, a| {
            super::strptime_via(ts, cls, a, "_strptime_datetime_time")
        });
        add_method(ts, t, "__reduce_ex__", reduce_ex);
        add_method(ts, t, "__reduce__", |ts, v, a| {
            no_args(ts, &a, "__reduce__")?;
            reduce_with(ts, v, 2, false)
        });
    })
}

/// `hour`, `minute`, `second`, `microsecond`, `tzinfo`, `fold` (shared with `datetime`).
pub(super) fn add_time_getsets(ts: &ThreadState, t: &PyType) {
    add_getset(
        ts,
        t,
        "hour",
        |ts, v| Ok(ts.new_int(i64::from(dt_of(ts, v)?.hour))),
        None,
    );
    add_getset(
        ts,
        t,
        "minute",
        |ts, v| Ok(ts.new_int(i64::from(dt_of(ts, v)?.minute))),
        None,
    );
    add_getset(
        ts,
        t,
        "second",
        |ts, v| Ok(ts.new_int(i64::from(dt_of(ts, v)?.second))),
        None,
    );
    add_getset(
        ts,
        t,
        "microsecond",
        |ts, v| Ok(ts.new_int(i64::from(dt_of(ts, v)?.us))),
        None,
    );
    add_getset(ts, t, "tzinfo", |ts, v| Ok(dt_of(ts, v)?.tzinfo()), None);
    add_getset(
        ts,
        t,
        "fold",
        |ts, v| Ok(ts.new_int(i64::from(dt_of(ts, v)?.fold))),
        None,
    );
}

pub(super) fn add_class_attrs(ts: &ThreadState, s: &State) -> PyResult<()> {
    set_class_attr(ts, s.time, "__doc__", ts.new_str("time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object\n\nAll arguments are optional. tzinfo may be None, or an instance of\na tzinfo subclass. The remaining arguments may be ints.\n"))?;
    set_class_attr(
        ts,
        s.time,
        "min",
        new_time_raw(ts, s.time, (0, 0, 0, 0), none(), 0)?,
    )?;
    let max = new_time_raw(ts, s.time, (23, 59, 59, 999_999), none(), 0)?;
    set_class_attr(ts, s.time, "max", max)?;
    set_class_attr(ts, s.time, "resolution", super::new_delta(ts, 0, 0, 1)?)
}

/// The pickle state of a time/datetime: bytes plus an optional tzinfo, if `args` is one.
pub(super) fn pickle_state(
    ts: &ThreadState,
    args: &[Value],
    kw: Option<&PyTuple>,
    len: usize,
    what: &str,
    sane: fn(&[u8]) -> bool,
) -> PyResult<Option<(Vec<u8>, Value)>> {
    if kw.is_some() || args.is_empty() || args.len() > 2 {
        return Ok(None);
    }
    let raw = match bytes_of(&args[0]) {
        Some(b) => Some(b.to_vec()),
        None => match args[0].downcast::<PyStr>() {
            Some(s) if s.len() == len => latin1_state(ts, &args[0], what)?,
            _ => None,
        },
    };
    let Some(b) = raw.filter(|b| b.len() == len && sane(b)) else {
        return Ok(None);
    };
    let tz = args.get(1).cloned().unwrap_or_else(none);
    if !tz.is_none() && !is_tzinfo(&tz) {
        return Err(ts.type_error("bad tzinfo state arg"));
    }
    Ok(Some((b, tz)))
}

fn time_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    if let Some((b, tz)) = pickle_state(ts, args, kw, 6, "time", |b| (b[0] & 0x7f) < 24)? {
        let us = (i32::from(b[3]) << 16) | (i32::from(b[4]) << 8) | i32::from(b[5]);
        let fold = i32::from(b[0] >> 7);
        let h = i32::from(b[0] & 0x7f);
        let p = PyDT::new(
            0,
            0,
            0,
            h,
            i32::from(b[1]),
            i32::from(b[2]),
            us,
            Some(tz),
            fold,
        );
        return vm::object::alloc(ts, cls.as_type(), p);
    }
    let names = ["hour", "minute", "second", "microsecond", "tzinfo", "fold"];
    let a = parse_args(ts, None, args, kw, &names, 0, 5)?;
    let hms = (
        opt_int(ts, &a[0], 0)?,
        opt_int(ts, &a[1], 0)?,
        opt_int(ts, &a[2], 0)?,
        opt_int(ts, &a[3], 0)?,
    );
    let tz = a[4].clone().unwrap_or_else(none);
    let fold = opt_int(ts, &a[5], 0)?;
    new_time_raw(ts, cls.as_type(), hms, tz, fold)
}

/// `, tzinfo=...)` / `, fold=1)` suffixes of the reprs.
pub(super) fn repr_tzinfo(ts: &ThreadState, p: &PyDT) -> PyResult<String> {
    match &p.tz {
        Some(tz) => Ok(format!(", tzinfo={}", protocols::repr_string(ts, tz)?)),
        None => Ok(String::new()),
    }
}

fn time_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let p = dt_of(ts, v)?;
    let (h, m, s, us) = p.hms();
    let mut r = if us != 0 {
        format!("{}({h}, {m}, {s}, {us}", tp_name(v))
    } else if s != 0 {
        format!("{}({h}, {m}, {s}", tp_name(v))
    } else {
        format!("{}({h}, {m}", tp_name(v))
    };
    r.push_str(&repr_tzinfo(ts, p)?);
    if p.fold != 0 {
        r.push_str(&format!(", fold={}", p.fold));
    }
    r.push(')');
    Ok(ts.new_str(&r))
}

/// `HH[:MM[:SS[.fff[fff]]]]` per `timespec`.
pub(super) fn format_time(ts: &ThreadState, p: &PyDT, spec: Option<&str>) -> PyResult<String> {
    let (h, m, s, us) = p.hms();
    let spec = match spec {
        None | Some("auto") if us == 0 => "seconds",
        None | Some("auto") => "microseconds",
        Some(x) => x,
    };
    Ok(match spec {
        "hours" => format!("{h:02}"),
        "minutes" => format!("{h:02}:{m:02}"),
        "seconds" => format!("{h:02}:{m:02}:{s:02}"),
        "milliseconds" => format!("{h:02}:{m:02}:{s:02}.{:03}", us / 1000),
        "microseconds" => format!("{h:02}:{m:02}:{s:02}.{us:06}"),
        _ => return Err(ts.value_error("Unknown timespec value")),
    })
}

/// The `timespec` argument as a string (`None` when omitted).
pub(super) fn timespec_arg(
    ts: &ThreadState,
    v: &Option<Value>,
    pos: usize,
) -> PyResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(v) => match v.downcast::<PyStr>() {
            Some(s) => Ok(Some(s.to_string_lossy())),
            None => Err(ts.type_error(format!(
                "isoformat() argument {pos} must be str, not {}",
                tp_name(v)
            ))),
        },
    }
}

fn isoformat(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = parse_args(
        ts,
        Some("isoformat"),
        a.args,
        a.kwnames,
        &["timespec"],
        0,
        1,
    )?;
    let spec = timespec_arg(ts, &v[0], 1)?;
    let p = dt_of(ts, slf)?;
    let mut s = format_time(ts, p, spec.as_deref())?;
    if let Some(tz) = &p.tz {
        s.push_str(&format_offset(
            &call_tz_offset(ts, tz, "utcoffset", &none())?,
            ":",
        ));
    }
    Ok(ts.new_str(&s))
}

fn strftime(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let f = super::date::format_arg(ts, &a)?;
    let p = dt_of(ts, slf)?;
    let (h, m, s, _) = p.hms();
    let tt: Vec<Value> = [1900, 1, 1, h, m, s, 0, 1, -1]
        .iter()
        .map(|x| ts.new_int(i64::from(*x)))
        .collect();
    let fs = super::str_arg(ts, &f, "strftime", 1)?;
    wrap_strftime(ts, slf, fs, ts.new_tuple(tt), &none())
}

fn utcoffset_of(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    call_tz_offset(ts, &dt_of(ts, v)?.tzinfo(), "utcoffset", &none())
}

fn time_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    if !is_time(b) {
        return Ok(not_implemented());
    }
    let (x, y) = (dt_of(ts, a)?, dt_of(ts, b)?);
    let fields = |p: &PyDT| (p.hour, p.minute, p.second, p.us);
    if x.tzinfo().is(&y.tzinfo()) {
        return Ok(py_bool(op.test(fields(x).cmp(&fields(y)))));
    }
    let (o1, o2) = (utcoffset_of(ts, a)?, utcoffset_of(ts, b)?);
    match (delta_of(&o1), delta_of(&o2)) {
        (None, None) => Ok(py_bool(op.test(fields(x).cmp(&fields(y))))),
        (Some(d1), Some(d2)) if super::delta::cmp(d1, d2).is_eq() => {
            Ok(py_bool(op.test(fields(x).cmp(&fields(y)))))
        }
        (Some(d1), Some(d2)) => {
            let secs = |p: &PyDT, d: &super::PyDelta| {
                i64::from(p.hour) * 3600 + i64::from(p.minute) * 60 + i64::from(p.second)
                    - i64::from(d.days) * 86_400
                    - i64::from(d.secs)
            };
            let k1 = (secs(x, d1), x.us);
            let k2 = (secs(y, d2), y.us);
            Ok(py_bool(op.test(k1.cmp(&k2))))
        }
        _ => match op {
            CmpOp::Eq => Ok(py_bool(false)),
            CmpOp::Ne => Ok(py_bool(true)),
            _ => Err(ts.type_error("can't compare offset-naive and offset-aware times")),
        },
    }
}

/// Hash of a normalized microsecond count, as the hash of the equal `timedelta`.
pub(super) fn hash_us(ts: &ThreadState, total: i64) -> PyResult<i64> {
    let (s, us) = super::calendar::divmod(total, 1_000_000);
    let (d, s) = super::calendar::divmod(s, 86_400);
    let t = ts.new_tuple(vec![ts.new_int(d), ts.new_int(s), ts.new_int(us)]);
    protocols::hash(ts, &t)
}

fn time_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let p = dt_of(ts, v)?;
    p.cached_hash(|| {
        let v0 = if p.fold != 0 {
            new_time_raw(ts, v.class(), p.hms(), p.tzinfo(), 0)?
        } else {
            v.clone()
        };
        let off = utcoffset_of(ts, &v0)?;
        match delta_of(&off) {
            None => Ok(vm::objects::bytes::hash_bytes(&p.time_bytes())),
            Some(d) => {
                let (h, m, s, us) = p.hms();
                let total = (i64::from(h) * 3600 + i64::from(m) * 60 + i64::from(s)) * 1_000_000
                    + i64::from(us)
                    - super::delta::to_us(d);
                hash_us(ts, total)
            }
        }
    })
}

fn replace(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let p = dt_of(ts, slf)?;
    let names = ["hour", "minute", "second", "microsecond", "tzinfo", "fold"];
    let v = parse_args(ts, Some("replace"), a.args, a.kwnames, &names, 0, 5)?;
    let (h, m, s, us) = p.hms();
    let hms = (
        opt_int(ts, &v[0], h)?,
        opt_int(ts, &v[1], m)?,
        opt_int(ts, &v[2], s)?,
        opt_int(ts, &v[3], us)?,
    );
    let tz = v[4].clone().unwrap_or_else(|| p.tzinfo());
    let fold = opt_int(ts, &v[5], i32::from(p.fold))?;
    check_tzinfo(ts, &tz)?;
    new_time_of(ts, &slf.class().to_value(), hms, tz, fold)
}

/// Checks the 3.14 rule for `24:00`: only exact midnight of the next day is allowed.
pub(super) fn hour24_ok(ts: &ThreadState, t: &super::calendar::ParsedTime) -> PyResult<bool> {
    if t.hour != 24 {
        return Ok(false);
    }
    if t.minute != 0 || t.second != 0 || t.us != 0 {
        return Err(ts.value_error("minute, second, and microsecond must be 0 when hour is 24"));
    }
    Ok(true)
}

fn fromisoformat(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = super::one_arg(ts, &a, "fromisoformat")?;
    let s = super::date::iso_arg(ts, &v)?;
    let b = s.as_bytes();
    let b = b.strip_prefix(b"T").unwrap_or(b);
    let t = super::calendar::parse_time(b).ok_or_else(|| super::date::invalid_iso(ts, &v))?;
    let hour = if hour24_ok(ts, &t)? { 0 } else { t.hour };
    let tz = super::tz_from_parsed(ts, t.tz)?;
    new_time_of(ts, cls, (hour, t.minute, t.second, t.us), tz, 0)
}

/// `(cls, (state_bytes[, tzinfo]))`; protocol > 3 stores fold in the high bit of byte
/// `fold_byte` of the state.
pub(super) fn reduce_with(
    ts: &ThreadState,
    v: &Value,
    proto: i32,
    is_datetime: bool,
) -> PyResult<Value> {
    let p = dt_of(ts, v)?;
    let mut b: Vec<u8> = if is_datetime {
        let mut b = p.date_bytes().to_vec();
        b.extend_from_slice(&p.time_bytes());
        b
    } else {
        p.time_bytes().to_vec()
    };
    if proto > 3 && p.fold != 0 {
        b[if is_datetime { 2 } else { 0 }] |= 0x80;
    }
    let mut state = vec![vm::objects::bytes::new_bytes(ts, b)];
    if let Some(tz) = &p.tz {
        state.push(tz.clone());
    }
    Ok(ts.new_tuple(vec![v.class().to_value(), ts.new_tuple(state)]))
}

pub(super) fn proto_arg(ts: &ThreadState, a: &MethodArgs<'_>) -> PyResult<i32> {
    let v = super::one_arg(ts, a, "__reduce_ex__")?;
    super::c_int(ts, &v)
}

fn reduce_ex(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let proto = proto_arg(ts, &a)?;
    reduce_with(ts, slf, proto, false)
}
