//! `datetime.datetime` (a `date` subclass): construction from fields, pickle state,
//! timestamps, the clock and ISO strings; arithmetic and comparison across UTC offsets with
//! PEP 495's fold rules; `astimezone` and POSIX timestamps through local time.

use super::time::{add_time_getsets, format_time, hash_us, reduce_with, repr_tzinfo, timespec_arg};
use super::{
    calendar, call_tz_offset, call_tzname, check_tzinfo, date_overflow, delta_of, dt_of,
    format_offset, is_date, is_datetime, is_time, new_datetime_of, new_datetime_raw, new_delta,
    no_args, one_arg, opt_int, parse_args, set_class_attr, st, tp_name, PyDT, State,
};
use std::sync::OnceLock;
use vm::builtins::args::MethodArgs;
use vm::objects::descr::{add_classmethod, add_method};
use vm::objects::slots::{BinOp, CmpOp};
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::runtime::{none, not_implemented, py_bool};
use vm::{protocols, PyResult, ThreadState, Value};

static EPOCH: OnceLock<Value> = OnceLock::new();

pub(super) fn make_type(ts: &ThreadState, date: &'static PyType) -> &'static PyType {
    let t = vm::runtime::new_native_type::<PyDT>(
        ts,
        "datetime.datetime",
        Some(date),
        flags::BASETYPE,
        |ts, t| {
            t.slots.new.set(Some(datetime_new));
            t.slots.repr.set(Some(datetime_repr));
            t.slots.str.set(Some(|ts, v| {
                protocols::call_method(ts, v, "isoformat", &[ts.new_str(" ")])
            }));
            t.slots.hash.set(Some(datetime_hash));
            t.slots.richcompare.set(Some(datetime_richcompare));
            t.slots.binary.set(Some(datetime_binary));
            add_time_getsets(ts, t);
            add_classmethod(ts, t, "now", now);
            add_classmethod(ts, t, "utcnow", utcnow);
            add_classmethod(ts, t, "fromtimestamp", fromtimestamp);
            add_classmethod(ts, t, "utcfromtimestamp", utcfromtimestamp);
            add_classmethod(ts, t, "strptime", |ts, cls, a| {
                super::strptime_via(ts, cls, a, "_strptime_datetime_datetime")
            });
            add_classmethod(ts, t, "combine", combine);
            add_classmethod(ts, t, "fromisoformat", fromisoformat);
            add_method(ts, t, "date", |ts, v, a| {
                no_args(ts, &a, "date")?;
                let (y, m, d) = dt_of(ts, v)?.ymd();
                vm::object::alloc(ts, st().date, PyDT::date(y, m, d))
            });
            add_method(ts, t, "time", |ts, v, a| {
                no_args(ts, &a, "time")?;
                let p = dt_of(ts, v)?;
                super::new_time_raw(ts, st().time, p.hms(), none(), i32::from(p.fold))
            });
            add_method(ts, t, "timetz", |ts, v, a| {
                no_args(ts, &a, "timetz")?;
                let p = dt_of(ts, v)?;
                super::new_time_raw(ts, st().time, p.hms(), p.tzinfo(), i32::from(p.fold))
            });
            add_method(ts, t, "ctime", |ts, v, a| {
                no_args(ts, &a, "ctime")?;
                let p = dt_of(ts, v)?;
                let s = super::date::format_ctime(p, p.hour, p.minute, p.second);
                Ok(ts.new_str(&s))
            });
            add_method(ts, t, "timetuple", timetuple);
            add_method(ts, t, "timestamp", timestamp);
            add_method(ts, t, "utctimetuple", utctimetuple);
            add_method(ts, t, "isoformat", isoformat);
            add_method(ts, t, "utcoffset", |ts, v, a| {
                no_args(ts, &a, "utcoffset")?;
                utcoffset_of(ts, v)
            });
            add_method(ts, t, "dst", |ts, v, a| {
                no_args(ts, &a, "dst")?;
                call_tz_offset(ts, &dt_of(ts, v)?.tzinfo(), "dst", v)
            });
            add_method(ts, t, "tzname", |ts, v, a| {
                no_args(ts, &a, "tzname")?;
                call_tzname(ts, &dt_of(ts, v)?.tzinfo(), v)
            });
            add_method(ts, t, "replace", replace);
            add_method(ts, t, "__replace__", replace);
            add_method(ts, t, "astimezone", astimezone);
            add_method(ts, t, "__reduce_ex__", |ts, v, a| {
                let proto = super::time::proto_arg(ts, &a)?;
                reduce_with(ts, v, proto, true)
            });
            add_method(ts, t, "__reduce__", |ts, v, a| {
                no_args(ts, &a, "__reduce__")?;
                reduce_with(ts, v, 2, true)
            });
        },
    );
    super::prune_binary(ts, t, &[BinOp::Add, BinOp::Sub]);
    t
}

pub(super) fn add_class_attrs(ts: &ThreadState, s: &State) -> PyResult<()> {
    set_class_attr(ts, s.datetime, "__doc__", ts.new_str("datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])\n\nThe year, month and day arguments are required. tzinfo may be None, or an\ninstance of a tzinfo subclass. The remaining arguments may be ints.\n"))?;
    let min = new_datetime_raw(ts, s.datetime, (1, 1, 1), (0, 0, 0, 0), none(), 0)?;
    let max = new_datetime_raw(
        ts,
        s.datetime,
        (9999, 12, 31),
        (23, 59, 59, 999_999),
        none(),
        0,
    )?;
    set_class_attr(ts, s.datetime, "min", min)?;
    set_class_attr(ts, s.datetime, "max", max)?;
    set_class_attr(ts, s.datetime, "resolution", new_delta(ts, 0, 0, 1)?)?;
    let epoch = new_datetime_raw(ts, s.datetime, (1970, 1, 1), (0, 0, 0, 0), s.utc.clone(), 0)?;
    let _ = EPOCH.set(epoch);
    Ok(())
}

/// The constructor's and `replace`'s parameters, in order.
const FIELDS: [&str; 9] = [
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "microsecond",
    "tzinfo",
    "fold",
];
fn datetime_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let sane = |b: &[u8]| (1..=12).contains(&(b[2] & 0x7f));
    if let Some((b, tz)) = super::time::pickle_state(ts, args, kw, 10, "datetime", sane)? {
        let year = (i32::from(b[0]) << 8) | i32::from(b[1]);
        let us = (i32::from(b[7]) << 16) | (i32::from(b[8]) << 8) | i32::from(b[9]);
        let p = PyDT::new(
            year,
            i32::from(b[2] & 0x7f),
            i32::from(b[3]),
            i32::from(b[4]),
            i32::from(b[5]),
            i32::from(b[6]),
            us,
            Some(tz),
            i32::from(b[2] >> 7),
        );
        return vm::object::alloc(ts, cls.as_type(), p);
    }
    let a = parse_args(ts, None, args, kw, &FIELDS, 3, 8)?;
    let mut n = [0i32; 7];
    for (o, v) in n.iter_mut().zip(&a) {
        *o = opt_int(ts, v, 0)?;
    }
    let tz = a[7].clone().unwrap_or_else(none);
    let fold = opt_int(ts, &a[8], 0)?;
    new_datetime_raw(
        ts,
        cls.as_type(),
        (n[0], n[1], n[2]),
        (n[3], n[4], n[5], n[6]),
        tz,
        fold,
    )
}

fn datetime_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let p = dt_of(ts, v)?;
    let (y, mo, d) = p.ymd();
    let (h, mi, s, us) = p.hms();
    let mut r = format!("{}({y}, {mo}, {d}, {h}, {mi}", tp_name(v));
    if us != 0 {
        r.push_str(&format!(", {s}, {us}"));
    } else if s != 0 {
        r.push_str(&format!(", {s}"));
    }
    if p.fold != 0 {
        r.push_str(&format!(", fold={}", p.fold));
    }
    r.push_str(&repr_tzinfo(ts, p)?);
    r.push(')');
    Ok(ts.new_str(&r))
}

fn utcoffset_of(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    call_tz_offset(ts, &dt_of(ts, v)?.tzinfo(), "utcoffset", v)
}

/// `dt + timedelta(days, secs, us)`, keeping dt's class and tzinfo (fold is reset).
fn add_parts(ts: &ThreadState, dt: &Value, days: i64, secs: i64, us: i64) -> PyResult<Value> {
    let p = dt_of(ts, dt)?;
    let (y, mo, d) = p.ymd();
    let (h, mi, s, u) = p.hms();
    let f = calendar::normalize_datetime(
        y,
        mo,
        i64::from(d) + days,
        i64::from(h),
        i64::from(mi),
        i64::from(s) + secs,
        i64::from(u) + us,
    )
    .ok_or_else(|| date_overflow(ts))?;
    new_datetime_of(
        ts,
        &dt.class().to_value(),
        (f.year, f.month, f.day),
        (f.hour, f.minute, f.second, f.us),
        p.tzinfo(),
        0,
    )
}

/// `dt + timedelta(microseconds=us)` (for offsets, which are under a day).
pub(super) fn add_us(ts: &ThreadState, dt: &Value, us: i64) -> PyResult<Value> {
    add_parts(ts, dt, 0, 0, us)
}

fn add_delta(ts: &ThreadState, dt: &Value, d: &super::PyDelta, sign: i64) -> PyResult<Value> {
    add_parts(
        ts,
        dt,
        sign * i64::from(d.days),
        sign * i64::from(d.secs),
        sign * i64::from(d.us),
    )
}

/// Microseconds of `a - b` for two datetimes (offsets applied when their tzinfos differ).
fn sub_us(ts: &ThreadState, a: &Value, b: &Value) -> PyResult<i64> {
    let (x, y) = (dt_of(ts, a)?, dt_of(ts, b)?);
    let mut off = 0i64;
    if !x.tzinfo().is(&y.tzinfo()) {
        let (o1, o2) = (utcoffset_of(ts, a)?, utcoffset_of(ts, b)?);
        match (delta_of(&o1), delta_of(&o2)) {
            (None, None) => {}
            (Some(d1), Some(d2)) => off = super::delta::to_us(d1) - super::delta::to_us(d2),
            _ => {
                return Err(ts.type_error("can't subtract offset-naive and offset-aware datetimes"))
            }
        }
    }
    let days = i64::from(x.ordinal() - y.ordinal());
    let secs = |p: &PyDT| i64::from(p.hour) * 3600 + i64::from(p.minute) * 60 + i64::from(p.second);
    Ok((days * 86_400 + secs(x) - secs(y)) * 1_000_000 + i64::from(x.us) - i64::from(y.us) - off)
}

fn datetime_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    match op {
        BinOp::Add => {
            if is_datetime(a) {
                if let Some(d) = delta_of(b) {
                    return add_delta(ts, a, d, 1);
                }
            } else if let Some(d) = delta_of(a) {
                if is_datetime(b) {
                    return add_delta(ts, b, d, 1);
                }
            }
            Ok(not_implemented())
        }
        BinOp::Sub if is_datetime(a) => {
            if is_datetime(b) {
                let us = sub_us(ts, a, b)?;
                return new_delta(ts, 0, 0, us);
            }
            if let Some(d) = delta_of(b) {
                return add_delta(ts, a, d, -1);
            }
            Ok(not_implemented())
        }
        _ => Ok(not_implemented()),
    }
}

/// `dt` with its fold flipped (same class, direct allocation as C's `flip_fold`).
fn flip_fold(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let p = dt_of(ts, v)?;
    new_datetime_raw(
        ts,
        v.class(),
        p.ymd(),
        p.hms(),
        p.tzinfo(),
        1 - i32::from(p.fold),
    )
}

fn offsets_differ(a: &Value, b: &Value) -> bool {
    match (delta_of(a), delta_of(b)) {
        (Some(x), Some(y)) => !super::delta::cmp(x, y).is_eq(),
        (None, None) => false,
        _ => !a.is(b),
    }
}

/// PEP 495: an inter-zone equality is false when either side's offset depends on its fold.
fn pep495_exception(
    ts: &ThreadState,
    a: &Value,
    b: &Value,
    o1: &Value,
    o2: &Value,
) -> PyResult<bool> {
    let f1 = utcoffset_of(ts, &flip_fold(ts, a)?)?;
    if offsets_differ(&f1, o1) {
        return Ok(true);
    }
    let f2 = utcoffset_of(ts, &flip_fold(ts, b)?)?;
    Ok(offsets_differ(&f2, o2))
}

fn datetime_richcompare(ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    if !is_datetime(b) {
        return Ok(not_implemented());
    }
    let (x, y) = (dt_of(ts, a)?, dt_of(ts, b)?);
    let key = |p: &PyDT| (p.ymd(), p.hms());
    if x.tzinfo().is(&y.tzinfo()) {
        return Ok(py_bool(op.test(key(x).cmp(&key(y)))));
    }
    let (o1, o2) = (utcoffset_of(ts, a)?, utcoffset_of(ts, b)?);
    let eq_op = matches!(op, CmpOp::Eq | CmpOp::Ne);
    let same_offset = match (delta_of(&o1), delta_of(&o2)) {
        (None, None) => Some(true),
        (Some(d1), Some(d2)) => Some(super::delta::cmp(d1, d2).is_eq()),
        _ => None,
    };
    let ord = match same_offset {
        Some(true) => key(x).cmp(&key(y)),
        Some(false) => sub_us(ts, a, b)?.cmp(&0),
        None => {
            return match op {
                CmpOp::Eq => Ok(py_bool(false)),
                CmpOp::Ne => Ok(py_bool(true)),
                _ => Err(ts.type_error("can't compare offset-naive and offset-aware datetimes")),
            }
        }
    };
    if eq_op && ord.is_eq() && pep495_exception(ts, a, b, &o1, &o2)? {
        return Ok(py_bool(op == CmpOp::Ne));
    }
    Ok(py_bool(op.test(ord)))
}

fn datetime_hash(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let p = dt_of(ts, v)?;
    p.cached_hash(|| {
        let v0 = if p.fold != 0 {
            new_datetime_raw(ts, v.class(), p.ymd(), p.hms(), p.tzinfo(), 0)?
        } else {
            v.clone()
        };
        let off = utcoffset_of(ts, &v0)?;
        match delta_of(&off) {
            None => {
                let mut b = p.date_bytes().to_vec();
                b.extend_from_slice(&p.time_bytes());
                Ok(vm::objects::bytes::hash_bytes(&b))
            }
            Some(d) => {
                let (h, m, s, us) = p.hms();
                let secs = i64::from(p.ordinal()) * 86_400
                    + i64::from(h) * 3600
                    + i64::from(m) * 60
                    + i64::from(s);
                hash_us(
                    ts,
                    secs * 1_000_000 + i64::from(us) - super::delta::to_us(d),
                )
            }
        }
    })
}

fn isoformat(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = parse_args(
        ts,
        Some("isoformat"),
        a.args,
        a.kwnames,
        &["sep", "timespec"],
        0,
        2,
    )?;
    let sep: u32 = match &v[0] {
        None => u32::from(b'T'),
        Some(s) => match s.downcast::<PyStr>().map(|st| st.to_cps()) {
            Some(cps) if cps.len() == 1 => cps[0],
            other => {
                let what = match other {
                    Some(cps) => format!("a string of length {}", cps.len()),
                    None => tp_name(s),
                };
                return Err(ts.type_error(format!(
                    "isoformat() argument 1 must be a unicode character, not {what}"
                )));
            }
        },
    };
    let spec = timespec_arg(ts, &v[1], 2)?;
    let p = dt_of(ts, slf)?;
    let mut s: Vec<u32> = super::date::iso_date(p).chars().map(u32::from).collect();
    s.push(sep);
    s.extend(format_time(ts, p, spec.as_deref())?.chars().map(u32::from));
    if let Some(tz) = &p.tz {
        let off = format_offset(&call_tz_offset(ts, tz, "utcoffset", slf)?, ":");
        s.extend(off.chars().map(u32::from));
    }
    Ok(ts.new_str_from_cps(&s))
}

fn timetuple(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "timetuple")?;
    let p = dt_of(ts, slf)?;
    let mut dst = -1;
    if let Some(tz) = &p.tz {
        let d = call_tz_offset(ts, tz, "dst", slf)?;
        if let Some(d) = delta_of(&d) {
            dst = i32::from(d.days != 0 || d.secs != 0 || d.us != 0);
        }
    }
    let (h, m, s, _) = p.hms();
    super::build_struct_time(ts, p.ymd(), (h, m, s), dst)
}

fn utctimetuple(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "utctimetuple")?;
    let p = dt_of(ts, slf)?;
    let mut utc = slf.clone();
    if let Some(tz) = &p.tz {
        let off = call_tz_offset(ts, tz, "utcoffset", slf)?;
        if let Some(d) = delta_of(&off) {
            utc = add_delta(ts, slf, d, -1)?;
        }
    }
    let q = dt_of(ts, &utc)?;
    let (h, m, s, _) = q.hms();
    super::build_struct_time(ts, q.ymd(), (h, m, s), 0)
}

fn timestamp(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "timestamp")?;
    let p = dt_of(ts, slf)?;
    if p.tz.is_some() {
        let epoch = EPOCH.get().cloned().unwrap_or_else(none);
        let us = sub_us(ts, slf, &epoch)?;
        return Ok(ts.new_float(super::delta::us_to_seconds(i128::from(us))));
    }
    let secs = super::tz::local_to_seconds(ts, p, p.fold != 0)?;
    Ok(ts.new_float((secs - calendar::EPOCH_SECONDS) as f64 + f64::from(p.us) / 1e6))
}

fn replace(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let p = dt_of(ts, slf)?;
    let v = parse_args(ts, Some("replace"), a.args, a.kwnames, &FIELDS, 0, 8)?;
    let (y, mo, d) = p.ymd();
    let (h, mi, s, us) = p.hms();
    let cur = [y, mo, d, h, mi, s, us];
    let mut n = [0i32; 7];
    for i in 0..7 {
        n[i] = opt_int(ts, &v[i], cur[i])?;
    }
    let tz = v[7].clone().unwrap_or_else(|| p.tzinfo());
    let fold = opt_int(ts, &v[8], i32::from(p.fold))?;
    check_tzinfo(ts, &tz)?;
    new_datetime_of(
        ts,
        &slf.class().to_value(),
        (n[0], n[1], n[2]),
        (n[3], n[4], n[5], n[6]),
        tz,
        fold,
    )
}

/// The fixed-offset local zone of naive local time `p` (CPython's
/// `local_timezone_from_local`).
fn local_tz_from_local(ts: &ThreadState, p: &PyDT) -> PyResult<Value> {
    let fold = p.fold != 0;
    let mut secs = super::tz::local_to_seconds(ts, p, fold)?;
    let secs2 = super::tz::local_to_seconds(ts, p, !fold)?;
    if secs2 != secs && (secs2 > secs) == fold {
        secs = secs2;
    }
    super::tz::local_timezone_at(ts, secs - calendar::EPOCH_SECONDS)
}

fn astimezone(ts: &ThreadState, slf: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = parse_args(ts, Some("astimezone"), a.args, a.kwnames, &["tz"], 0, 1)?;
    let tz = v[0].clone().unwrap_or_else(none);
    check_tzinfo(ts, &tz)?;
    let p = dt_of(ts, slf)?;
    let mut self_tz = match &p.tz {
        Some(t) => t.clone(),
        None => local_tz_from_local(ts, p)?,
    };
    let offset = loop {
        if self_tz.is(&tz) {
            return Ok(slf.clone());
        }
        let off = call_tz_offset(ts, &self_tz, "utcoffset", slf)?;
        if off.is_none() {
            self_tz = local_tz_from_local(ts, p)?;
            continue;
        }
        break off;
    };
    let d =
        delta_of(&offset).ok_or_else(|| ts.type_error("utcoffset() returned a non-timedelta"))?;
    let res = add_delta(ts, slf, d, -1)?;
    let r = dt_of(ts, &res)?;
    let target = if tz.is_none() {
        let epoch = EPOCH.get().cloned().unwrap_or_else(none);
        let as_utc = new_datetime_raw(
            ts,
            res.class(),
            r.ymd(),
            r.hms(),
            st().utc.clone(),
            i32::from(r.fold),
        )?;
        let us = sub_us(ts, &as_utc, &epoch)?;
        super::tz::local_timezone_at(ts, us.div_euclid(1_000_000))?
    } else {
        tz
    };
    let with_tz = new_datetime_raw(
        ts,
        res.class(),
        r.ymd(),
        r.hms(),
        target.clone(),
        i32::from(r.fold),
    )?;
    protocols::call_method(ts, &target, "fromutc", &[with_tz])
}

// --- class methods ---

/// A datetime of class `cls` from POSIX seconds and microseconds, in local time (detecting
/// fold) or UTC.
fn from_timet(
    ts: &ThreadState,
    cls: &Value,
    local: bool,
    t: i64,
    us: i32,
    tz: Value,
) -> PyResult<Value> {
    let tm = if local {
        super::tz::localtime(ts, t)?
    } else {
        super::tz::gmtime(ts, t)?
    };
    let (y, mo, d) = (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    let (h, mi, s) = (tm.tm_hour, tm.tm_min, tm.tm_sec.min(59));
    let mut fold = 0;
    if local && tz.is_none() {
        let secs =
            super::tz::utc_to_seconds(ts, y, mo, d, i64::from(h), i64::from(mi), i64::from(s))?;
        fold = i32::from(super::tz::detect_fold(ts, t, secs)?);
    }
    new_datetime_of(ts, cls, (y, mo, d), (h, mi, s, us), tz, fold)
}

fn now_parts() -> (i64, i32) {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => (d.as_secs() as i64, d.subsec_micros() as i32),
        Err(e) => {
            let d = e.duration();
            let us = d.as_micros() as i64;
            (
                -(us + 999_999) / 1_000_000,
                ((1_000_000 - us % 1_000_000) % 1_000_000) as i32,
            )
        }
    }
}

fn now(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = parse_args(ts, Some("now"), a.args, a.kwnames, &["tz"], 0, 1)?;
    let tz = v[0].clone().unwrap_or_else(none);
    check_tzinfo(ts, &tz)?;
    let (t, us) = now_parts();
    let r = from_timet(ts, cls, tz.is_none(), t, us, tz.clone())?;
    if tz.is_none() {
        return Ok(r);
    }
    protocols::call_method(ts, &tz, "fromutc", &[r])
}

fn utcnow(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    no_args(ts, &a, "utcnow")?;
    super::deprecation(
        ts,
        "datetime.datetime.utcnow() is deprecated and scheduled for removal in a future \
         version. Use timezone-aware objects to represent datetimes in UTC: \
         datetime.datetime.now(datetime.UTC).",
    )?;
    let (t, us) = now_parts();
    from_timet(ts, cls, false, t, us, none())
}

fn fromtimestamp(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = parse_args(
        ts,
        Some("fromtimestamp"),
        a.args,
        a.kwnames,
        &["timestamp", "tz"],
        1,
        2,
    )?;
    let stamp = v[0].clone().unwrap_or_else(none);
    let tz = v[1].clone().unwrap_or_else(none);
    check_tzinfo(ts, &tz)?;
    let (t, us) = super::tz::timestamp_us(ts, &stamp)?;
    let r = from_timet(ts, cls, tz.is_none(), t, us, tz.clone())?;
    if tz.is_none() {
        return Ok(r);
    }
    protocols::call_method(ts, &tz, "fromutc", &[r])
}

fn utcfromtimestamp(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    super::deprecation(
        ts,
        "datetime.datetime.utcfromtimestamp() is deprecated and scheduled for removal in a \
         future version. Use timezone-aware objects to represent datetimes in UTC: \
         datetime.datetime.fromtimestamp(timestamp, datetime.UTC).",
    )?;
    let stamp = one_arg(ts, &a, "utcfromtimestamp")?;
    let (t, us) = super::tz::timestamp_us(ts, &stamp)?;
    from_timet(ts, cls, false, t, us, none())
}

fn combine(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = parse_args(
        ts,
        Some("combine"),
        a.args,
        a.kwnames,
        &["date", "time", "tzinfo"],
        2,
        3,
    )?;
    let d = v[0].clone().unwrap_or_else(none);
    let t = v[1].clone().unwrap_or_else(none);
    if !is_date(&d) {
        return Err(ts.type_error(format!(
            "combine() argument 1 must be datetime.date, not {}",
            tp_name(&d)
        )));
    }
    if !is_time(&t) {
        return Err(ts.type_error(format!(
            "combine() argument 2 must be datetime.time, not {}",
            tp_name(&t)
        )));
    }
    let (dp, tp) = (dt_of(ts, &d)?, dt_of(ts, &t)?);
    let tz = v[2].clone().unwrap_or_else(|| tp.tzinfo());
    new_datetime_of(ts, cls, dp.ymd(), tp.hms(), tz, i32::from(tp.fold))
}

fn fromisoformat(ts: &ThreadState, cls: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let v = one_arg(ts, &a, "fromisoformat")?;
    let s = super::date::iso_arg(ts, &v)?;
    let b = s.as_bytes();
    let invalid = || super::date::invalid_iso(ts, &v);
    if s.chars().count() < 7 {
        return Err(invalid());
    }
    let sep = calendar::datetime_separator(b).min(b.len());
    let (y, mo, d) = calendar::parse_date(&b[..sep]).ok_or_else(invalid)?;
    let (mut y, mut mo, mut d) = (y, mo, d);
    let mut hms = (0, 0, 0, 0);
    let mut tz = none();
    if b.len() > sep {
        let skip = s
            .get(sep..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
        let t = calendar::parse_time(&b[sep + skip..]).ok_or_else(invalid)?;
        let mut hour = t.hour;
        if super::time::hour24_ok(ts, &t)? {
            hour = 0;
            if !(1..=12).contains(&mo) || d < 1 || d > calendar::days_in_month(y, mo) {
                super::check_date_args(ts, y, mo, d)?;
            }
            d += 1;
            if d > calendar::days_in_month(y, mo) {
                d = 1;
                mo += 1;
                if mo > 12 {
                    mo = 1;
                    y += 1;
                }
            }
        }
        hms = (hour, t.minute, t.second, t.us);
        tz = super::tz_from_parsed(ts, t.tz)?;
    }
    new_datetime_of(ts, cls, (y, mo, d), hms, tz, 0)
}
