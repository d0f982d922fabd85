//! `time`: clocks, `sleep`, `struct_time` and the calendar conversions (CPython's
//! `Modules/timemodule.c`), over `libc` (`clock_gettime`, `localtime_r`, `mktime`,
//! `strftime`). Registered as "time", it replaces the VM's minimal builtin `time`.
//!
//! `struct_time` and `get_clock_info`'s namespace are defined by a small Python prelude on the
//! shared structseq base; `strptime` delegates to `_strptime.py` as CPython does. `sleep`
//! runs detached from the runtime.

use crate::posix::{int_arg, new_structseq, req, Args};
use std::ffi::{CStr, CString};
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::protocols;
use vm::runtime::{none, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_time);

const PRELUDE_PY: &str = r#"
struct_time = _make_structseq(
    'time.struct_time',
    ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec', 'tm_wday', 'tm_yday',
     'tm_isdst'),
    ('tm_zone', 'tm_gmtoff'))
del _make_structseq

class _namespace:
    def __init__(self, **kw):
        self.__dict__.update(kw)
    def __repr__(self):
        items = ', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())
        return f'namespace({items})'
_namespace.__name__ = _namespace.__qualname__ = 'namespace'
_namespace.__module__ = 'types'

def get_clock_info(name, /):
    impl, mono, adj, res = _clock_info(name)
    return _namespace(implementation=impl, monotonic=mono, adjustable=adj, resolution=res)

def strptime(data_string, format="%a %b %d %H:%M:%S %Y", /):
    import _strptime
    return _strptime._strptime_time(data_string, format)
"#;

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("time", time),
    ("time_ns", time_ns),
    ("monotonic", monotonic),
    ("monotonic_ns", monotonic_ns),
    ("perf_counter", perf_counter),
    ("perf_counter_ns", perf_counter_ns),
    ("process_time", process_time),
    ("process_time_ns", process_time_ns),
    ("thread_time", thread_time),
    ("thread_time_ns", thread_time_ns),
    ("clock_gettime", clock_gettime),
    ("clock_gettime_ns", clock_gettime_ns),
    ("clock_getres", clock_getres),
    ("sleep", sleep),
    ("gmtime", gmtime),
    ("localtime", localtime),
    ("mktime", mktime),
    ("asctime", asctime),
    ("ctime", ctime),
    ("strftime", strftime),
    ("tzset", tzset),
    ("_clock_info", clock_info),
];

const CLOCKS: &[(&str, libc::clockid_t)] = &[
    ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
    ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
    ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
    ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
    ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
    ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
    ("CLOCK_TAI", libc::CLOCK_TAI),
];

fn init_time(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "time", FUNCTIONS)?;
    let dd = crate::posix::dict_of(ts, &d)?;
    for (name, c) in CLOCKS {
        dd.set_str(ts, name, ts.new_int(*c as i64));
    }
    set_timezone(ts, dd);
    crate::posix::run_prelude(ts, &d, crate::posix::STRUCTSEQ_PY)?;
    crate::posix::run_prelude(ts, &d, PRELUDE_PY)?;
    Ok(m)
}

// --- clocks ---

/// Reads `clock` as nanoseconds; errors only for an invalid clock id.
fn clock_ns(clock: libc::clockid_t) -> Result<i64, i32> {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid out-pointer.
    if unsafe { libc::clock_gettime(clock, &mut t) } < 0 {
        return Err(crate::posix::last_errno());
    }
    Ok(t.tv_sec
        .saturating_mul(1_000_000_000)
        .saturating_add(t.tv_nsec))
}

fn read_clock(ts: &ThreadState, a: &Args<'_>, f: &str, clock: libc::clockid_t) -> PyResult<i64> {
    a.none(ts, f)?;
    clock_ns(clock).map_err(|e| crate::posix::os_error(ts, e, None, None))
}

macro_rules! clock_fns {
    ($($f:ident, $fns:ident, $py:literal, $clock:expr;)*) => {$(
        fn $f(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
            Ok(ts.new_float(read_clock(ts, &a, $py, $clock)? as f64 * 1e-9))
        }
        fn $fns(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
            Ok(ts.new_int(read_clock(ts, &a, concat!($py, "_ns"), $clock)?))
        }
    )*};
}
clock_fns! {
    time, time_ns, "time", libc::CLOCK_REALTIME;
    monotonic, monotonic_ns, "monotonic", libc::CLOCK_MONOTONIC;
    perf_counter, perf_counter_ns, "perf_counter", libc::CLOCK_MONOTONIC;
    process_time, process_time_ns, "process_time", libc::CLOCK_PROCESS_CPUTIME_ID;
    thread_time, thread_time_ns, "thread_time", libc::CLOCK_THREAD_CPUTIME_ID;
}

fn clock_id(ts: &ThreadState, a: &Args<'_>, f: &str) -> PyResult<libc::clockid_t> {
    let [c] = a.parse::<1>(ts, f, &[""], 1)?;
    Ok(int_arg(ts, &req(&c))? as libc::clockid_t)
}

fn clock_gettime(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let c = clock_id(ts, &a, "clock_gettime")?;
    let ns = clock_ns(c).map_err(|e| crate::posix::os_error(ts, e, None, None))?;
    Ok(ts.new_float(ns as f64 * 1e-9))
}

fn clock_gettime_ns(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let c = clock_id(ts, &a, "clock_gettime_ns")?;
    let ns = clock_ns(c).map_err(|e| crate::posix::os_error(ts, e, None, None))?;
    Ok(ts.new_int(ns))
}

fn clock_getres(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let c = clock_id(ts, &a, "clock_getres")?;
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid out-pointer.
    if unsafe { libc::clock_getres(c, &mut t) } < 0 {
        return Err(crate::posix::last_os_error(ts, None));
    }
    Ok(ts.new_float(t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9))
}

/// `_clock_info(name)`: (implementation, monotonic, adjustable, resolution).
fn clock_info(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "get_clock_info", &[""], 1)?;
    let name = vm::objects::str::str_lossy(&req(&n));
    let (imp, clock, mono, adj) = match name.as_str() {
        "time" => (
            "clock_gettime(CLOCK_REALTIME)",
            libc::CLOCK_REALTIME,
            false,
            true,
        ),
        "monotonic" | "perf_counter" => (
            "clock_gettime(CLOCK_MONOTONIC)",
            libc::CLOCK_MONOTONIC,
            true,
            false,
        ),
        "process_time" => (
            "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)",
            libc::CLOCK_PROCESS_CPUTIME_ID,
            true,
            false,
        ),
        "thread_time" => (
            "clock_gettime(CLOCK_THREAD_CPUTIME_ID)",
            libc::CLOCK_THREAD_CPUTIME_ID,
            true,
            false,
        ),
        _ => return Err(ts.value_error("unknown clock")),
    };
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid out-pointer.
    unsafe { libc::clock_getres(clock, &mut t) };
    let res = t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9;
    Ok(ts.new_tuple(vec![
        ts.new_str(imp),
        vm::runtime::py_bool(mono),
        vm::runtime::py_bool(adj),
        ts.new_float(res),
    ]))
}

fn sleep(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "sleep", &[""], 1)?;
    let s = req(&s);
    let secs = if let Some(i) = vm::objects::int::as_int(&s) {
        i.to_i64().map(|x| x as f64).unwrap_or(f64::INFINITY)
    } else if vm::objects::float::as_float(&s).is_some()
        || s.class().lookup_str(ts, "__float__").is_some()
    {
        protocols::to_float(ts, &s)?
    } else {
        return Err(ts.type_error(format!(
            "'{}' object cannot be interpreted as an integer or float",
            s.class().name()
        )));
    };
    if secs.is_nan() {
        return Err(ts.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(ts.value_error("sleep length must be non-negative"));
    }
    // PyTime_t is i64 nanoseconds: about 9.2e9 s.
    if !secs.is_finite() || secs > 9_223_372_036.0 {
        return Err(ts.overflow_error("timestamp out of range for C PyTime_t"));
    }
    // nanosleep until the deadline; a signal interrupts it, its Python handler runs (and may
    // raise), then the sleep goes on (PEP 475).
    let deadline = clock_ns(libc::CLOCK_MONOTONIC).unwrap_or(0) + (secs * 1e9) as i64;
    loop {
        let now = clock_ns(libc::CLOCK_MONOTONIC).unwrap_or(deadline);
        let left = deadline - now;
        if left <= 0 {
            crate::_signal::check_signals(ts)?;
            return Ok(none());
        }
        let req_ts = libc::timespec {
            tv_sec: left / 1_000_000_000,
            tv_nsec: left % 1_000_000_000,
        };
        // SAFETY: `req_ts` is valid; no remainder is requested (the deadline is recomputed).
        let r = ts.detached(|| unsafe { libc::nanosleep(&req_ts, std::ptr::null_mut()) });
        if r < 0 {
            crate::_signal::check_signals(ts)?;
        }
    }
}

// --- calendar conversions ---

fn zero_tm() -> libc::tm {
    // SAFETY: `tm` is plain old data (its zone pointer may be null); all-zero is valid.
    unsafe { std::mem::zeroed() }
}

/// A `time_t` argument: None → now; int or float (truncated toward zero, as CPython's
/// `_PyTime_ObjectToTime_t` with ROUND_FLOOR… CPython floors), else TypeError.
fn time_t_arg(ts: &ThreadState, v: Option<Value>) -> PyResult<libc::time_t> {
    let v = match v {
        Some(v) if !v.is_none() => v,
        _ => {
            let ns = clock_ns(libc::CLOCK_REALTIME).unwrap_or(0);
            return Ok(ns.div_euclid(1_000_000_000));
        }
    };
    if let Some(f) = vm::objects::float::as_float(&v) {
        if f.is_nan() {
            return Err(ts.value_error("Invalid value NaN (not a number)"));
        }
        let t = f.floor();
        if !(-9.2e18..9.2e18).contains(&t) {
            return Err(ts.overflow_error("timestamp out of range for platform time_t"));
        }
        return Ok(t as libc::time_t);
    }
    if vm::objects::int::as_int(&v).is_none() && v.class().lookup_str(ts, "__index__").is_none() {
        return Err(ts.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.class().name()
        )));
    }
    protocols::index_i64(ts, &v)
        .map_err(|_| ts.overflow_error("timestamp out of range for platform time_t"))
}

fn tm_to_struct(ts: &ThreadState, tm: &libc::tm) -> PyResult<Value> {
    let zone = if tm.tm_zone.is_null() {
        none()
    } else {
        // SAFETY: a non-null tm_zone from gmtime_r/localtime_r points at a static C string.
        let z = unsafe { CStr::from_ptr(tm.tm_zone) };
        crate::posix::fs_decode(ts, z.to_bytes())
    };
    let items = vec![
        ts.new_int(tm.tm_year as i64 + 1900),
        ts.new_int(tm.tm_mon as i64 + 1),
        ts.new_int(tm.tm_mday as i64),
        ts.new_int(tm.tm_hour as i64),
        ts.new_int(tm.tm_min as i64),
        ts.new_int(tm.tm_sec as i64),
        ts.new_int((tm.tm_wday as i64 + 6) % 7),
        ts.new_int(tm.tm_yday as i64 + 1),
        ts.new_int(tm.tm_isdst as i64),
        zone,
        ts.new_int(tm.tm_gmtoff),
    ];
    new_structseq(ts, "time", "struct_time", items)
}

fn convert(ts: &ThreadState, a: Args<'_>, f: &str, local: bool) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, f, &[""], 0)?;
    let t = time_t_arg(ts, s)?;
    let mut tm = zero_tm();
    // SAFETY: `t` and `tm` are valid pointers for the call.
    let r = unsafe {
        if local {
            libc::localtime_r(&t, &mut tm)
        } else {
            libc::gmtime_r(&t, &mut tm)
        }
    };
    if r.is_null() {
        return Err(ts.overflow_error("timestamp out of range for platform time_t"));
    }
    tm_to_struct(ts, &tm)
}

fn gmtime(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    convert(ts, a, "gmtime", false)
}

fn localtime(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    convert(ts, a, "localtime", true)
}

/// A struct_time or 9-tuple as a `tm` (CPython's `gettmarg`); the zone string, if any, is
/// kept alive in the returned CString.
fn tm_arg(ts: &ThreadState, v: &Value, f: &str) -> PyResult<(libc::tm, Option<CString>)> {
    if !v.class().is_subtype(types().tuple) {
        return Err(ts.type_error("Tuple or struct_time argument required"));
    }
    let items = v.as_tuple_slice().to_vec();
    if items.len() != 9 {
        return Err(ts.type_error(format!("{f}(): illegal time tuple argument")));
    }
    let mut n = [0i64; 9];
    for (o, x) in n.iter_mut().zip(&items) {
        *o = protocols::index_i64(ts, x)?;
    }
    let i32_of = |x: i64| -> PyResult<i32> {
        i32::try_from(x).map_err(|_| ts.overflow_error("Python int too large to convert to C int"))
    };
    let mut tm = zero_tm();
    tm.tm_year = i32_of(n[0] - 1900)?;
    tm.tm_mon = i32_of(n[1] - 1)?;
    tm.tm_mday = i32_of(n[2])?;
    tm.tm_hour = i32_of(n[3])?;
    tm.tm_min = i32_of(n[4])?;
    tm.tm_sec = i32_of(n[5])?;
    tm.tm_wday = i32_of((n[6] + 1).rem_euclid(7))?;
    tm.tm_yday = i32_of(n[7] - 1)?;
    tm.tm_isdst = i32_of(n[8])?;
    let mut zone = None;
    if v.class().lookup_str(ts, "n_fields").is_some() {
        if let Ok(z) = protocols::get_attr_str(ts, v, "tm_zone") {
            if !z.is_none() {
                let s = vm::objects::str::str_lossy(&z);
                zone = CString::new(s).ok();
            }
        }
        if let Ok(g) = protocols::get_attr_str(ts, v, "tm_gmtoff") {
            if !g.is_none() {
                tm.tm_gmtoff = protocols::index_i64(ts, &g)?;
            }
        }
    }
    if let Some(z) = &zone {
        tm.tm_zone = z.as_ptr();
    }
    Ok((tm, zone))
}

/// CPython's `checktm`: the ranges strftime and asctime accept.
fn check_tm(ts: &ThreadState, tm: &mut libc::tm, f: &str) -> PyResult<()> {
    let bad = |what: &str| Err(ts.value_error(format!("{what} out of range")));
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    } else if !(0..=11).contains(&tm.tm_mon) {
        return bad("month");
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    } else if !(0..=31).contains(&tm.tm_mday) {
        return bad("day of month");
    }
    if !(0..=23).contains(&tm.tm_hour) {
        return bad("hour");
    }
    if !(0..=59).contains(&tm.tm_min) {
        return bad("minute");
    }
    if !(0..=61).contains(&tm.tm_sec) {
        return bad("seconds");
    }
    if tm.tm_wday < 0 {
        return bad("day of week");
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    } else if !(0..=365).contains(&tm.tm_yday) {
        return bad("day of year");
    }
    if f == "strftime" && tm.tm_isdst < -1 {
        tm.tm_isdst = -1;
    } else if tm.tm_isdst > 1 {
        tm.tm_isdst = 1;
    }
    Ok(())
}

fn tm_or_now(ts: &ThreadState, v: Option<Value>, f: &str) -> PyResult<(libc::tm, Option<CString>)> {
    match v {
        Some(v) => tm_arg(ts, &v, f),
        None => {
            let t = time_t_arg(ts, None)?;
            let mut tm = zero_tm();
            // SAFETY: valid pointers.
            unsafe { libc::localtime_r(&t, &mut tm) };
            Ok((tm, None))
        }
    }
}

fn mktime(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [v] = a.parse::<1>(ts, "mktime", &[""], 1)?;
    let (mut tm, _zone) = tm_arg(ts, &req(&v), "mktime")?;
    tm.tm_wday = -1;
    // SAFETY: `tm` is a valid in/out pointer.
    let t = unsafe { libc::mktime(&mut tm) };
    if t == -1 && tm.tm_wday == -1 {
        return Err(ts.overflow_error("mktime argument out of range"));
    }
    Ok(ts.new_float(t as f64))
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn asctime_str(tm: &libc::tm) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        DAYS[tm.tm_wday.rem_euclid(7) as usize],
        MONTHS[tm.tm_mon.rem_euclid(12) as usize],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tm.tm_year as i64 + 1900
    )
}

fn asctime(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [v] = a.parse::<1>(ts, "asctime", &[""], 0)?;
    let (mut tm, _z) = tm_or_now(ts, v, "asctime")?;
    check_tm(ts, &mut tm, "asctime")?;
    Ok(ts.new_str(&asctime_str(&tm)))
}

fn ctime(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "ctime", &[""], 0)?;
    let t = time_t_arg(ts, s)?;
    let mut tm = zero_tm();
    // SAFETY: valid pointers.
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        return Err(ts.overflow_error("timestamp out of range for platform time_t"));
    }
    Ok(ts.new_str(&asctime_str(&tm)))
}

fn strftime(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fmt, v] = a.parse::<2>(ts, "strftime", &["", ""], 1)?;
    let fmt = req(&fmt);
    let Some(fs) = fmt.downcast::<vm::objects::str::PyStr>() else {
        return Err(ts.type_error(format!(
            "strftime() argument 1 must be str, not {}",
            fmt.class().name()
        )));
    };
    let (mut tm, _z) = tm_or_now(ts, v, "strftime")?;
    check_tm(ts, &mut tm, "strftime")?;
    let raw = crate::posix::fs_encode(ts, fs)?;
    // Each NUL-free piece is formatted on its own, so embedded NULs survive (as 3.13+).
    let mut out: Vec<u8> = Vec::new();
    for (i, piece) in raw.split(|b| *b == 0).enumerate() {
        if i > 0 {
            out.push(0);
        }
        if piece.is_empty() {
            continue;
        }
        let c = CString::new(piece).map_err(|_| ts.value_error("embedded null character"))?;
        let mut cap = 256 + piece.len() * 8;
        loop {
            let mut buf = vec![0u8; cap];
            // SAFETY: `buf` is writable for `cap` bytes; `c` and `tm` are valid.
            let n = unsafe { libc::strftime(buf.as_mut_ptr().cast(), cap, c.as_ptr(), &tm) };
            if n > 0 || cap > 256 * piece.len() + 4096 {
                out.extend_from_slice(&buf[..n]);
                break;
            }
            cap *= 4;
        }
    }
    Ok(crate::posix::fs_decode(ts, &out))
}

/// `timezone`, `altzone`, `daylight`, `tzname` from January and July of this year (as
/// CPython's `init_timezone`).
fn set_timezone(ts: &ThreadState, dd: &vm::objects::dict::PyDict) {
    // SAFETY: tzset reads TZ and updates libc's globals; CPython calls it the same way.
    unsafe { tzset_c() };
    let now = clock_ns(libc::CLOCK_REALTIME).unwrap_or(0) / 1_000_000_000;
    let year_start = (now / (365 * 86400)) * (365 * 86400);
    let probe = |t: i64| {
        let mut tm = zero_tm();
        // SAFETY: valid pointers.
        unsafe { libc::localtime_r(&t, &mut tm) };
        let zone = if tm.tm_zone.is_null() {
            String::new()
        } else {
            // SAFETY: non-null static C string from localtime_r.
            unsafe { CStr::from_ptr(tm.tm_zone) }
                .to_string_lossy()
                .into_owned()
        };
        (-tm.tm_gmtoff, zone)
    };
    let (jan_off, jan_name) = probe(year_start);
    let (jul_off, jul_name) = probe(year_start + 182 * 86400);
    let (std_off, dst_off, std_name, dst_name) = if jan_off < jul_off {
        // Southern hemisphere: DST in January.
        (jul_off, jan_off, jul_name, jan_name)
    } else {
        (jan_off, jul_off, jan_name, jul_name)
    };
    dd.set_str(ts, "timezone", ts.new_int(std_off));
    dd.set_str(ts, "altzone", ts.new_int(dst_off));
    dd.set_str(ts, "daylight", ts.new_int((jan_off != jul_off) as i64));
    dd.set_str(
        ts,
        "tzname",
        ts.new_tuple(vec![ts.new_str(&std_name), ts.new_str(&dst_name)]),
    );
}

extern "C" {
    #[link_name = "tzset"]
    fn tzset_c();
}

fn tzset(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "tzset")?;
    if let Ok(m) = protocols::get_item(ts, ts.rt.sys_modules(), &ts.new_str("time")) {
        if let Ok(d) = protocols::get_attr_str(ts, &m, "__dict__") {
            if let Some(dd) = d.downcast::<vm::objects::dict::PyDict>() {
                set_timezone(ts, dd);
            }
        }
    }
    Ok(none())
}
