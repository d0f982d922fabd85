//! `_datetime`: the native `date`, `time`, `datetime`, `timedelta`, `tzinfo` and `timezone`
//! types behind `datetime.py` (CPython's `Modules/_datetimemodule.c`), so `datetime`
//! no longer falls back to `_pydatetime`.
//!
//! Layouts: `timedelta` is a [`PyDelta`]; `date`, `datetime` and `time` share one payload,
//! [`PyDT`] (a `datetime` is a `date` subclass, and the VM gives a subclass its base's
//! layout), whose unused fields are zero; `tzinfo` and `timezone` share [`PyTz`]. All are
//! immutable after construction (only the hash cache is written, atomically), so instances
//! are safe to share between threads.
//!
//! `IsoCalendarDate` (a tuple subclass) is a few lines of Python run in the module namespace.
//! `strftime` and `strptime` delegate to `time.strftime` and `_strptime`, as C does.

mod calendar;
mod date;
mod datetime;
mod delta;
mod strftime;
mod time;
mod tz;

use gc::Tracer;
use num_bigint::BigInt;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::OnceLock;
pub(crate) use strftime::{format_method, strptime_via, wrap_strftime};
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::object::PyPayload;
use vm::objects::bytes::PyBytes;
use vm::objects::dict::PyDict;
use vm::objects::float::as_float;
use vm::objects::int::as_int;
use vm::objects::seq::trace_value;
use vm::objects::slots::BinOp;
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::PyType;
use vm::runtime::{none, types};
use vm::{protocols, PyErr, PyResult, ThreadState, Value};

pub use calendar::{MAXYEAR, MINYEAR};

/// The module's initializer.
pub const init: Option<NativeInit> = Some(datetime_init);

/// A `timedelta`: normalized so that `0 <= secs < 86400` and `0 <= us < 10**6`.
pub struct PyDelta {
    pub days: i32,
    pub secs: i32,
    pub us: i32,
}

impl PyPayload for PyDelta {
    const GC: bool = false;
}

/// A `date`, `datetime` or `time` (fields a kind does not have are zero).
pub struct PyDT {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub us: u32,
    pub fold: u8,
    pub tz: Option<Value>,
    /// Cached hash, -1 until computed (computing twice is a benign race: same value).
    hash: AtomicI64,
}

impl PyPayload for PyDT {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        if let Some(v) = &self.tz {
            trace_value(v, t);
        }
    }
}

impl PyDT {
    fn date(year: i32, month: i32, day: i32) -> PyDT {
        PyDT::new(year, month, day, 0, 0, 0, 0, None, 0)
    }

    #[allow(clippy::too_many_arguments)]
    fn new(
        year: i32,
        month: i32,
        day: i32,
        hour: i32,
        minute: i32,
        second: i32,
        us: i32,
        tz: Option<Value>,
        fold: i32,
    ) -> PyDT {
        PyDT {
            year,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            us: us as u32,
            fold: fold as u8,
            tz: tz.filter(|t| !t.is_none()),
            hash: AtomicI64::new(-1),
        }
    }

    fn ymd(&self) -> (i32, i32, i32) {
        (self.year, i32::from(self.month), i32::from(self.day))
    }

    fn hms(&self) -> (i32, i32, i32, i32) {
        (
            i32::from(self.hour),
            i32::from(self.minute),
            i32::from(self.second),
            self.us as i32,
        )
    }

    fn ordinal(&self) -> i32 {
        let (y, m, d) = self.ymd();
        calendar::ymd_to_ord(y, m, d)
    }

    fn tzinfo(&self) -> Value {
        self.tz.clone().unwrap_or_else(none)
    }

    /// CPython's 10-byte datetime state (date: first 4, time: the last 6 shifted).
    fn date_bytes(&self) -> [u8; 4] {
        [
            (self.year >> 8) as u8,
            self.year as u8,
            self.month,
            self.day,
        ]
    }

    fn time_bytes(&self) -> [u8; 6] {
        [
            self.hour,
            self.minute,
            self.second,
            (self.us >> 16) as u8,
            (self.us >> 8) as u8,
            self.us as u8,
        ]
    }

    fn cached_hash(&self, compute: impl FnOnce() -> PyResult<i64>) -> PyResult<i64> {
        // ORDERING: Relaxed: the hash is a pure function of immutable fields.
        let h = self.hash.load(Ordering::Relaxed);
        if h != -1 {
            return Ok(h);
        }
        let h = compute()?;
        let h = if h == -1 { -2 } else { h };
        // ORDERING: Relaxed: see above.
        self.hash.store(h, Ordering::Relaxed);
        Ok(h)
    }
}

/// A `tzinfo` (both `None`) or a `timezone` (`offset` set).
pub struct PyTz {
    pub offset: Option<Value>,
    pub name: Option<Value>,
}

impl PyPayload for PyTz {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        for v in [&self.offset, &self.name].into_iter().flatten() {
            trace_value(v, t);
        }
    }
}

/// The module's types and singletons, made once per process.
pub struct State {
    pub delta: &'static PyType,
    pub date: &'static PyType,
    pub datetime: &'static PyType,
    pub time: &'static PyType,
    pub tzinfo: &'static PyType,
    pub timezone: &'static PyType,
    pub utc: Value,
}

static STATE: OnceLock<State> = OnceLock::new();
static ISOCAL: OnceLock<Value> = OnceLock::new();

/// The module state; the types exist before any of their methods can run.
fn st() -> &'static State {
    STATE.get().expect("_datetime types are made at import")
}

fn make_state(ts: &ThreadState) -> PyResult<&'static State> {
    if let Some(s) = STATE.get() {
        return Ok(s);
    }
    let delta = delta::make_type(ts);
    let date = date::make_type(ts);
    let datetime = datetime::make_type(ts, date);
    let time = time::make_type(ts);
    let tzinfo = tz::make_tzinfo_type(ts);
    let timezone = tz::make_timezone_type(ts, tzinfo);
    let zero = vm::object::alloc(
        ts,
        delta,
        PyDelta {
            days: 0,
            secs: 0,
            us: 0,
        },
    )?;
    let utc = vm::object::alloc(
        ts,
        timezone,
        PyTz {
            offset: Some(zero),
            name: None,
        },
    )?;
    let _ = STATE.set(State {
        delta,
        date,
        datetime,
        time,
        tzinfo,
        timezone,
        utc,
    });
    let s = st();
    delta::add_class_attrs(ts, s)?;
    date::add_class_attrs(ts, s)?;
    datetime::add_class_attrs(ts, s)?;
    time::add_class_attrs(ts, s)?;
    tz::add_class_attrs(ts, s)?;
    Ok(s)
}

const PRELUDE: &str = r#"
class IsoCalendarDate(tuple):
    """The result of date.isocalendar() or datetime.isocalendar()

This object may be accessed either as a tuple of
  ((year, week, weekday)
or via the object attributes as named in the above tuple."""
    __slots__ = ()
    __module__ = 'datetime'
    def __new__(cls, year, week, weekday):
        return tuple.__new__(cls, (year.__index__(), week.__index__(), weekday.__index__()))
    def __init_subclass__(cls, /, **kwargs):
        raise TypeError("type 'datetime.IsoCalendarDate' is not an acceptable base type")
    @property
    def year(self):
        return self[0]
    @property
    def week(self):
        return self[1]
    @property
    def weekday(self):
        return self[2]
    def __repr__(self):
        return (f'datetime.IsoCalendarDate(year={self[0]!r}, week={self[1]!r}, '
                f'weekday={self[2]!r})')
    def __reduce__(self):
        return (tuple, (tuple(self),))
"#;

fn datetime_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "_datetime", &[])?;
    let s = make_state(ts)?;
    crate::pysource::exec_in_module(ts, PRELUDE, &d)?;
    let dd = d
        .downcast::<PyDict>()
        .ok_or_else(|| ts.type_error("module dict is not a dict"))?;
    if let Some(c) = dd.get_str(ts, "IsoCalendarDate") {
        let _ = ISOCAL.set(c);
    }
    // `datetime.IsoCalendarDate` is not exported by name in CPython's `_datetime`.
    let _ = dd.del_item(ts, &ts.new_str("IsoCalendarDate"));
    for (name, ty) in [
        ("date", s.date),
        ("datetime", s.datetime),
        ("time", s.time),
        ("timedelta", s.delta),
        ("tzinfo", s.tzinfo),
        ("timezone", s.timezone),
    ] {
        dd.set_str(ts, name, ty.to_value());
    }
    dd.set_str(ts, "MINYEAR", ts.new_int(i64::from(MINYEAR)));
    dd.set_str(ts, "MAXYEAR", ts.new_int(i64::from(MAXYEAR)));
    dd.set_str(ts, "UTC", s.utc.clone());
    Ok(m)
}

// --- type helpers ---

fn is_type(v: &Value, ty: &PyType) -> bool {
    v.class().is_subtype(ty)
}

fn is_date(v: &Value) -> bool {
    is_type(v, st().date)
}

fn is_datetime(v: &Value) -> bool {
    is_type(v, st().datetime)
}

fn is_time(v: &Value) -> bool {
    is_type(v, st().time)
}

fn is_tzinfo(v: &Value) -> bool {
    is_type(v, st().tzinfo)
}

fn delta_of(v: &Value) -> Option<&PyDelta> {
    v.downcast::<PyDelta>()
}

fn dt_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyDT> {
    v.downcast::<PyDT>()
        .ok_or_else(|| ts.type_error("descriptor requires a 'datetime.date' object"))
}

/// A type's `tp_name`: `datetime.date` for the builtin types, the bare name for subclasses.
fn tp_name(v: &Value) -> String {
    v.class().name()
}

/// Deletes the binary dunders `t` got for every operator but `keep`.
fn prune_binary(ts: &ThreadState, t: &PyType, keep: &[BinOp]) {
    for op in BinOp::ALL {
        if !keep.contains(&op) {
            for n in [op.dunder(), op.rdunder()] {
                let _ = t.dict().del_item(ts, &ts.new_str(n));
            }
        }
    }
}

fn set_class_attr(ts: &ThreadState, t: &PyType, name: &str, v: Value) -> PyResult<()> {
    t.dict().set_item(ts, ts.intern(name), v)
}

// --- argument parsing (CPython's PyArg_ParseTupleAndKeywords messages) ---

/// Binds `args` to `names`; `kwonly` names start at that index (`names.len()` if none).
/// `fname` is `None` for CPython's anonymous "function" messages.
fn parse_args(
    ts: &ThreadState,
    fname: Option<&str>,
    args: &[Value],
    kw: Option<&PyTuple>,
    names: &[&str],
    required: usize,
    kwonly: usize,
) -> PyResult<Vec<Option<Value>>> {
    // Built only for an error message: the success path allocates nothing but `out`.
    let prefix = || fname.map_or_else(|| "function".to_string(), |f| format!("{f}()"));
    let nkw = kw.map_or(0, |k| k.len());
    let npos = args.len() - nkw;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if args.len() > names.len() {
        return Err(ts.type_error(format!(
            "{} takes at most {} argument{} ({} given)",
            prefix(),
            names.len(),
            plural(names.len()),
            args.len()
        )));
    }
    if npos > kwonly {
        return Err(ts.type_error(format!(
            "{} takes at most {kwonly} positional argument{} ({npos} given)",
            prefix(),
            plural(kwonly)
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (o, a) in out.iter_mut().zip(&args[..npos]) {
        *o = Some(a.clone());
    }
    if let Some(k) = kw {
        for (name, val) in k.as_slice().iter().zip(&args[npos..]) {
            let n = vm::objects::str::str_lossy(name);
            match names.iter().position(|p| *p == n) {
                Some(i) if out[i].is_some() => {
                    return Err(ts.type_error(format!(
                        "argument for {} given by name ('{n}') and position ({})",
                        prefix(),
                        i + 1
                    )));
                }
                Some(i) => out[i] = Some(val.clone()),
                None => {
                    let who =
                        fname.map_or_else(|| "this function".to_string(), |f| format!("{f}()"));
                    return Err(
                        ts.type_error(format!("{who} got an unexpected keyword argument '{n}'"))
                    );
                }
            }
        }
    }
    for (i, o) in out.iter().enumerate().take(required) {
        if o.is_none() {
            return Err(ts.type_error(format!(
                "{} missing required argument '{}' (pos {})",
                prefix(),
                names[i],
                i + 1
            )));
        }
    }
    Ok(out)
}

/// No arguments allowed (`METH_NOARGS`).
fn no_args(ts: &ThreadState, a: &vm::builtins::args::MethodArgs<'_>, f: &str) -> PyResult<()> {
    if !a.args.is_empty() {
        return Err(ts.type_error(format!("{f}() takes no arguments ({} given)", a.args.len())));
    }
    Ok(())
}

/// One positional argument (`METH_O`).
fn one_arg(ts: &ThreadState, a: &vm::builtins::args::MethodArgs<'_>, f: &str) -> PyResult<Value> {
    if a.nkw() > 0 {
        return Err(ts.type_error(format!("{f}() takes no keyword arguments")));
    }
    match a.args {
        [v] => Ok(v.clone()),
        _ => Err(ts.type_error(format!(
            "{f}() takes exactly one argument ({} given)",
            a.args.len()
        ))),
    }
}

/// A C `int` argument (`"i"`): `__index__`, range-checked.
fn c_int(ts: &ThreadState, v: &Value) -> PyResult<i32> {
    if as_float(v).is_some() {
        return Err(ts.type_error("'float' object cannot be interpreted as an integer"));
    }
    let big = match as_int(v) {
        Some(i) => i.to_big(),
        None => protocols::number_to_int(ts, &protocols::index(ts, v)?)?,
    };
    i32::try_from(&big).map_err(|_| {
        if big > BigInt::from(0) {
            ts.overflow_error("signed integer is greater than maximum")
        } else {
            ts.overflow_error("signed integer is less than minimum")
        }
    })
}

fn opt_int(ts: &ThreadState, v: &Option<Value>, default: i32) -> PyResult<i32> {
    match v {
        Some(v) => c_int(ts, v),
        None => Ok(default),
    }
}

/// A `str` argument (`"U"`): `fname() argument N must be str, not T`.
fn str_arg<'a>(ts: &ThreadState, v: &'a Value, fname: &str, pos: usize) -> PyResult<&'a PyStr> {
    v.downcast::<PyStr>().ok_or_else(|| {
        ts.type_error(format!(
            "{fname}() argument {pos} must be str, not {}",
            tp_name(v)
        ))
    })
}

fn bytes_of(v: &Value) -> Option<&[u8]> {
    v.downcast::<PyBytes>().map(|b| &b.data[..])
}

/// Latin-1 bytes of a pickled-under-Python-2 state string, if it is one.
fn latin1_state(ts: &ThreadState, v: &Value, what: &str) -> PyResult<Option<Vec<u8>>> {
    let Some(s) = v.downcast::<PyStr>() else {
        return Ok(None);
    };
    let mut out = Vec::with_capacity(s.len());
    for c in s.cps() {
        if c > 255 {
            return Err(ts.value_error(format!(
                "Failed to encode latin1 string when unpickling a {what} object. \
                 pickle.load(data, encoding='latin1') is assumed."
            )));
        }
        out.push(c as u8);
    }
    Ok(Some(out))
}

// --- range checks (3.14 messages) ---

fn check_date_args(ts: &ThreadState, y: i32, m: i32, d: i32) -> PyResult<()> {
    if !(MINYEAR..=MAXYEAR).contains(&y) {
        return Err(ts.value_error(format!("year must be in {MINYEAR}..{MAXYEAR}, not {y}")));
    }
    if !(1..=12).contains(&m) {
        return Err(ts.value_error(format!("month must be in 1..12, not {m}")));
    }
    let dim = calendar::days_in_month(y, m);
    if d < 1 || d > dim {
        return Err(ts.value_error(format!(
            "day {d} must be in range 1..{dim} for month {m} in year {y}"
        )));
    }
    Ok(())
}

fn check_time_args(ts: &ThreadState, h: i32, m: i32, s: i32, us: i32, fold: i32) -> PyResult<()> {
    for (name, v, hi) in [
        ("hour", h, 23),
        ("minute", m, 59),
        ("second", s, 59),
        ("microsecond", us, 999_999),
    ] {
        if v < 0 || v > hi {
            return Err(ts.value_error(format!("{name} must be in 0..{hi}, not {v}")));
        }
    }
    if fold != 0 && fold != 1 {
        return Err(ts.value_error(format!("fold must be either 0 or 1, not {fold}")));
    }
    Ok(())
}

fn check_tzinfo(ts: &ThreadState, tz: &Value) -> PyResult<()> {
    if tz.is_none() || is_tzinfo(tz) {
        return Ok(());
    }
    Err(ts.type_error(format!(
        "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
        tp_name(tz)
    )))
}

fn date_overflow(ts: &ThreadState) -> PyErr {
    ts.overflow_error("date value out of range")
}

// --- constructors ---

fn alloc_dt(ts: &ThreadState, ty: &PyType, p: PyDT) -> PyResult<Value> {
    vm::object::alloc(ts, ty, p)
}

/// `cls(year, month, day)`: direct for `date`/`datetime`, else through the subclass.
fn new_date_of(ts: &ThreadState, cls: &Value, y: i32, m: i32, d: i32) -> PyResult<Value> {
    let s = st();
    if cls.is(&s.date.to_value()) || cls.is(&s.datetime.to_value()) {
        check_date_args(ts, y, m, d)?;
        return alloc_dt(ts, cls.as_type(), PyDT::date(y, m, d));
    }
    let args = [y, m, d].map(|v| ts.new_int(i64::from(v)));
    protocols::call(ts, cls, &args, None)
}

#[allow(clippy::too_many_arguments)]
fn new_datetime_raw(
    ts: &ThreadState,
    ty: &PyType,
    (y, mo, d): (i32, i32, i32),
    (h, mi, s, us): (i32, i32, i32, i32),
    tz: Value,
    fold: i32,
) -> PyResult<Value> {
    check_date_args(ts, y, mo, d)?;
    check_time_args(ts, h, mi, s, us, fold)?;
    check_tzinfo(ts, &tz)?;
    alloc_dt(ts, ty, PyDT::new(y, mo, d, h, mi, s, us, Some(tz), fold))
}

/// `cls(y, m, d, hh, mm, ss, us, tz, fold=fold)`: direct for `datetime`, else through the
/// subclass constructor (CPython's `new_datetime_subclass_fold_ex`).
fn new_datetime_of(
    ts: &ThreadState,
    cls: &Value,
    ymd: (i32, i32, i32),
    hms: (i32, i32, i32, i32),
    tz: Value,
    fold: i32,
) -> PyResult<Value> {
    if cls.is(&st().datetime.to_value()) {
        return new_datetime_raw(ts, st().datetime, ymd, hms, tz, fold);
    }
    let mut args: Vec<Value> = [ymd.0, ymd.1, ymd.2, hms.0, hms.1, hms.2, hms.3]
        .iter()
        .map(|v| ts.new_int(i64::from(*v)))
        .collect();
    args.push(tz);
    call_with_fold(ts, cls, args, fold)
}

fn call_with_fold(
    ts: &ThreadState,
    cls: &Value,
    mut args: Vec<Value>,
    fold: i32,
) -> PyResult<Value> {
    if fold == 0 {
        return protocols::call(ts, cls, &args, None);
    }
    args.push(ts.new_int(i64::from(fold)));
    let names = ts.new_tuple(vec![ts.new_str("fold")]);
    let kw = names.downcast::<PyTuple>();
    protocols::call(ts, cls, &args, kw)
}

fn new_time_raw(
    ts: &ThreadState,
    ty: &PyType,
    (h, m, s, us): (i32, i32, i32, i32),
    tz: Value,
    fold: i32,
) -> PyResult<Value> {
    check_time_args(ts, h, m, s, us, fold)?;
    check_tzinfo(ts, &tz)?;
    alloc_dt(ts, ty, PyDT::new(0, 0, 0, h, m, s, us, Some(tz), fold))
}

fn new_time_of(
    ts: &ThreadState,
    cls: &Value,
    hms: (i32, i32, i32, i32),
    tz: Value,
    fold: i32,
) -> PyResult<Value> {
    if cls.is(&st().time.to_value()) {
        return new_time_raw(ts, st().time, hms, tz, fold);
    }
    let mut args: Vec<Value> = [hms.0, hms.1, hms.2, hms.3]
        .iter()
        .map(|v| ts.new_int(i64::from(*v)))
        .collect();
    args.push(tz);
    call_with_fold(ts, cls, args, fold)
}

/// A `timedelta`, normalizing seconds and microseconds into days.
fn new_delta(ts: &ThreadState, days: i64, secs: i64, us: i64) -> PyResult<Value> {
    new_delta_of(ts, st().delta, days, secs, us)
}

fn new_delta_of(ts: &ThreadState, ty: &PyType, days: i64, secs: i64, us: i64) -> PyResult<Value> {
    let (cs, us) = calendar::divmod(us, 1_000_000);
    let (cd, secs) = calendar::divmod(secs + cs, 86_400);
    let days = days + cd;
    if days.abs() > i64::from(calendar::MAX_DELTA_DAYS) {
        return Err(ts.overflow_error(format!(
            "days={days}; must have magnitude <= {}",
            calendar::MAX_DELTA_DAYS
        )));
    }
    vm::object::alloc(
        ts,
        ty,
        PyDelta {
            days: days as i32,
            secs: secs as i32,
            us: us as i32,
        },
    )
}

/// A `timezone(offset[, name])` after CPython's range check; UTC for a nameless zero.
fn new_timezone(ts: &ThreadState, offset: &Value, name: Option<Value>) -> PyResult<Value> {
    let Some(d) = delta_of(offset) else {
        return Err(ts.type_error("offset must be a timedelta"));
    };
    if name.is_none() && d.days == 0 && d.secs == 0 && d.us == 0 {
        return Ok(st().utc.clone());
    }
    if !delta_in_day(d) {
        return Err(ts.value_error(format!(
            "offset must be a timedelta strictly between -timedelta(hours=24) and \
             timedelta(hours=24), not {}",
            protocols::repr_string(ts, offset)?
        )));
    }
    vm::object::alloc(
        ts,
        st().timezone,
        PyTz {
            offset: Some(offset.clone()),
            name,
        },
    )
}

/// Whether `-1 day < d < 1 day`.
fn delta_in_day(d: &PyDelta) -> bool {
    !((d.days == -1 && d.secs == 0 && d.us < 1) || d.days < -1 || d.days >= 1)
}

/// The tzinfo made from `fromisoformat`'s parsed offset.
fn tz_from_parsed(ts: &ThreadState, tz: Option<(i32, i32)>) -> PyResult<Value> {
    match tz {
        None => Ok(none()),
        Some((0, 0)) => Ok(st().utc.clone()),
        Some((secs, us)) => {
            let d = new_delta(ts, 0, i64::from(secs), i64::from(us))?;
            new_timezone(ts, &d, None)
        }
    }
}

// --- tzinfo calls ---

/// `tzinfo.<name>(arg)`, checked to be None or a timedelta strictly within a day.
fn call_tz_offset(ts: &ThreadState, tz: &Value, name: &str, arg: &Value) -> PyResult<Value> {
    if tz.is_none() {
        return Ok(none());
    }
    let r = protocols::call_method(ts, tz, name, std::slice::from_ref(arg))?;
    if r.is_none() {
        return Ok(r);
    }
    match delta_of(&r) {
        Some(d) if delta_in_day(d) => Ok(r),
        Some(_) => Err(ts.value_error(format!(
            "offset must be a timedelta strictly between -timedelta(hours=24) and \
             timedelta(hours=24), not {}",
            protocols::repr_string(ts, &r)?
        ))),
        None => Err(ts.type_error(format!(
            "tzinfo.{name}() must return None or timedelta, not '{}'",
            tp_name(&r)
        ))),
    }
}

fn call_tzname(ts: &ThreadState, tz: &Value, arg: &Value) -> PyResult<Value> {
    if tz.is_none() {
        return Ok(none());
    }
    let r = protocols::call_method(ts, tz, "tzname", std::slice::from_ref(arg))?;
    if r.is_none() || r.downcast::<PyStr>().is_some() {
        return Ok(r);
    }
    Err(ts.type_error(format!(
        "tzinfo.tzname() must return None or a string, not '{}'",
        tp_name(&r)
    )))
}

/// `+HH<sep>MM[<sep>SS[.ffffff]]` of a utcoffset result, or "" for None.
fn format_offset(off: &Value, sep: &str) -> String {
    let Some(d) = delta_of(off) else {
        return String::new();
    };
    let (sign, days, secs, us) = if d.days < 0 {
        let total =
            -(i64::from(d.days) * 86_400_000_000 + i64::from(d.secs) * 1_000_000 + i64::from(d.us));
        ('-', 0, total / 1_000_000, total % 1_000_000)
    } else {
        ('+', d.days, i64::from(d.secs), i64::from(d.us))
    };
    let secs = secs + i64::from(days) * 86_400;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if us != 0 {
        format!("{sign}{h:02}{sep}{m:02}{sep}{s:02}.{us:06}")
    } else if s != 0 {
        format!("{sign}{h:02}{sep}{m:02}{sep}{s:02}")
    } else {
        format!("{sign}{h:02}{sep}{m:02}")
    }
}

// --- strftime / struct_time ---

fn time_module_attr(ts: &ThreadState, name: &str) -> PyResult<Value> {
    let m = vm::import::import_module(ts, "time")?;
    protocols::get_attr_str(ts, &m, name)
}

/// `time.struct_time((y, m, d, hh, mm, ss, wday, yday, dst))`.
fn build_struct_time(
    ts: &ThreadState,
    (y, m, d): (i32, i32, i32),
    (hh, mm, ss): (i32, i32, i32),
    dst: i32,
) -> PyResult<Value> {
    let cls = time_module_attr(ts, "struct_time")?;
    let items = [
        y,
        m,
        d,
        hh,
        mm,
        ss,
        calendar::weekday(y, m, d),
        calendar::day_of_year(y, m, d),
        dst,
    ]
    .iter()
    .map(|v| ts.new_int(i64::from(*v)))
    .collect();
    protocols::call(ts, &cls, &[ts.new_tuple(items)], None)
}

/// Issues a `DeprecationWarning` attributed to the caller.
fn deprecation(ts: &ThreadState, msg: &str) -> PyResult<()> {
    let w = vm::import::import_module(ts, "warnings")?;
    let f = protocols::get_attr_str(ts, &w, "warn")?;
    let cat = types().exc.deprecation_warning.to_value();
    protocols::call(ts, &f, &[ts.new_str(msg), cat, ts.new_int(1)], None)?;
    Ok(())
}

fn isocalendar_value(ts: &ThreadState, y: i32, w: i32, d: i32) -> PyResult<Value> {
    let args = [y, w, d].map(|v| ts.new_int(i64::from(v)));
    match ISOCAL.get() {
        Some(c) => protocols::call(ts, c, &args, None),
        None => Ok(ts.new_tuple(args.to_vec())),
    }
}
