//! `resource`: process resource limits and usage (`getrlimit`, `setrlimit`, `prlimit`,
//! `getrusage`, `getpagesize`, `struct_rusage`), as CPython's `Modules/resource.c` on Linux.
//!
//! Limits are `rlim_t` (unsigned); Python sees `RLIM_INFINITY` as -1, as CPython does.

use crate::posix::{last_os_error, new_structseq, req, Args};
use num_bigint::BigInt;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::int::{as_int, IntVal};
use vm::protocols;
use vm::runtime::{none, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_resource);

const PRELUDE_PY: &str = r#"
struct_rusage = _make_structseq(
    'resource.struct_rusage',
    ('ru_utime', 'ru_stime', 'ru_maxrss', 'ru_ixrss', 'ru_idrss', 'ru_isrss', 'ru_minflt',
     'ru_majflt', 'ru_nswap', 'ru_inblock', 'ru_oublock', 'ru_msgsnd', 'ru_msgrcv',
     'ru_nsignals', 'ru_nvcsw', 'ru_nivcsw'))
del _make_structseq
"#;

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("getrlimit", getrlimit),
    ("setrlimit", setrlimit),
    ("prlimit", prlimit),
    ("getrusage", getrusage),
    ("getpagesize", getpagesize),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("RLIMIT_CPU", libc::RLIMIT_CPU as i64),
    ("RLIMIT_FSIZE", libc::RLIMIT_FSIZE as i64),
    ("RLIMIT_DATA", libc::RLIMIT_DATA as i64),
    ("RLIMIT_STACK", libc::RLIMIT_STACK as i64),
    ("RLIMIT_CORE", libc::RLIMIT_CORE as i64),
    ("RLIMIT_RSS", libc::RLIMIT_RSS as i64),
    ("RLIMIT_NPROC", libc::RLIMIT_NPROC as i64),
    ("RLIMIT_NOFILE", libc::RLIMIT_NOFILE as i64),
    ("RLIMIT_OFILE", libc::RLIMIT_NOFILE as i64),
    ("RLIMIT_MEMLOCK", libc::RLIMIT_MEMLOCK as i64),
    ("RLIMIT_AS", libc::RLIMIT_AS as i64),
    ("RLIMIT_LOCKS", libc::RLIMIT_LOCKS as i64),
    ("RLIMIT_SIGPENDING", libc::RLIMIT_SIGPENDING as i64),
    ("RLIMIT_MSGQUEUE", libc::RLIMIT_MSGQUEUE as i64),
    ("RLIMIT_NICE", libc::RLIMIT_NICE as i64),
    ("RLIMIT_RTPRIO", libc::RLIMIT_RTPRIO as i64),
    ("RLIMIT_RTTIME", libc::RLIMIT_RTTIME as i64),
    ("RUSAGE_SELF", libc::RUSAGE_SELF as i64),
    ("RUSAGE_CHILDREN", libc::RUSAGE_CHILDREN as i64),
    ("RUSAGE_THREAD", libc::RUSAGE_THREAD as i64),
    ("RLIM_INFINITY", -1),
];

fn init_resource(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "resource", FUNCTIONS)?;
    crate::posix::run_prelude(ts, &d, crate::posix::STRUCTSEQ_PY)?;
    crate::posix::run_prelude(ts, &d, PRELUDE_PY)?;
    let dd = crate::posix::dict_of(ts, &d)?;
    // CPython 3.14 on Linux does not export RLIMIT_LOCKS.
    for (name, v) in CONSTANTS.iter().filter(|(n, _)| *n != "RLIMIT_LOCKS") {
        dd.set_str(ts, name, ts.new_int(*v));
    }
    dd.set_str(ts, "error", types().exc.os_error.to_value());
    Ok(m)
}

/// A C `int` argument: OverflowError (not IndexError) for ints beyond it.
fn c_int(ts: &ThreadState, v: &Value) -> PyResult<i32> {
    let i = protocols::index(ts, v)?;
    let big = |neg: bool| {
        let how = if neg { "small" } else { "large" };
        ts.overflow_error(format!("Python int too {how} to convert to C int"))
    };
    match as_int(&i) {
        Some(IntVal::Small(x)) => i32::try_from(x).map_err(|_| big(x < 0)),
        Some(IntVal::Big(b)) => Err(big(b.sign() == num_bigint::Sign::Minus)),
        None => Err(ts.type_error("an integer is required")),
    }
}

/// Linux's `RLIM_NLIMITS` (glibc headers; libc deprecates its constant as unstable across
/// kernel versions, but CPython checks against the value its headers had).
const RLIM_NLIMITS: i64 = 16;

/// A resource number, or CPython's ValueError for one out of range.
fn resource_arg(ts: &ThreadState, v: &Value) -> PyResult<libc::__rlimit_resource_t> {
    let r = c_int(ts, v)? as i64;
    if !(0..RLIM_NLIMITS).contains(&r) {
        return Err(ts.value_error("invalid resource specified"));
    }
    Ok(r as libc::__rlimit_resource_t)
}

fn rlim_value(ts: &ThreadState, r: libc::rlim_t) -> Value {
    if r == libc::RLIM_INFINITY {
        ts.new_int(-1)
    } else {
        ts.new_bigint(BigInt::from(r))
    }
}

/// One limit of a `(soft, hard)` pair: -1 is RLIM_INFINITY, other negatives are refused.
fn rlim_arg(ts: &ThreadState, v: &Value) -> PyResult<libc::rlim_t> {
    let i = protocols::index(ts, v)?;
    match as_int(&i) {
        Some(IntVal::Small(-1)) => Ok(libc::RLIM_INFINITY),
        Some(IntVal::Small(x)) if x >= 0 => Ok(x as libc::rlim_t),
        Some(IntVal::Big(b)) if b.sign() != num_bigint::Sign::Minus => libc::rlim_t::try_from(b)
            .map_err(|_| ts.overflow_error("Python int too large to convert to C rlim_t")),
        _ => Err(ts.value_error("Cannot convert negative int")),
    }
}

/// `limits` as an rlimit: a sequence of exactly two ints.
fn limits_arg(ts: &ThreadState, v: &Value) -> PyResult<libc::rlimit> {
    let items = protocols::collect(ts, v)?;
    let [soft, hard] = items.as_slice() else {
        return Err(ts.value_error("expected a tuple of 2 integers"));
    };
    Ok(libc::rlimit {
        rlim_cur: rlim_arg(ts, soft)?,
        rlim_max: rlim_arg(ts, hard)?,
    })
}

fn pair(ts: &ThreadState, rl: &libc::rlimit) -> Value {
    ts.new_tuple(vec![
        rlim_value(ts, rl.rlim_cur),
        rlim_value(ts, rl.rlim_max),
    ])
}

/// The error of a failed setrlimit/prlimit, with CPython's messages for the common cases.
fn set_error(ts: &ThreadState) -> vm::errors::PyErr {
    match crate::posix::last_errno() {
        libc::EINVAL => ts.value_error("current limit exceeds maximum limit"),
        libc::EPERM => ts.value_error("not allowed to raise maximum limit"),
        _ => last_os_error(ts, None),
    }
}

fn getrlimit(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [r] = a.parse::<1>(ts, "resource.getrlimit", &[""], 1)?;
    let r = resource_arg(ts, &req(&r))?;
    let mut rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `rl` is a valid out-parameter.
    if unsafe { libc::getrlimit(r, &mut rl) } == -1 {
        return Err(last_os_error(ts, None));
    }
    Ok(pair(ts, &rl))
}

fn setrlimit(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [r, limits] = a.parse::<2>(ts, "setrlimit", &["", ""], 2)?;
    let r = resource_arg(ts, &req(&r))?;
    let rl = limits_arg(ts, &req(&limits))?;
    // SAFETY: `rl` is a valid rlimit.
    if unsafe { libc::setrlimit(r, &rl) } == -1 {
        return Err(set_error(ts));
    }
    Ok(none())
}

fn prlimit(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [pid, r, limits] = a.parse::<3>(ts, "prlimit", &["", "", ""], 2)?;
    let pid = c_int(ts, &req(&pid))?;
    let r = resource_arg(ts, &req(&r))?;
    let new = match limits.filter(|l| !l.is_none()) {
        Some(l) => Some(limits_arg(ts, &l)?),
        None => None,
    };
    let mut old = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    let newp = new
        .as_ref()
        .map_or(std::ptr::null(), |n| n as *const libc::rlimit);
    // SAFETY: `newp` is null or points at a live rlimit; `old` is a valid out-parameter.
    if unsafe { libc::prlimit(pid, r, newp, &mut old) } == -1 {
        return Err(if new.is_some() {
            set_error(ts)
        } else {
            last_os_error(ts, None)
        });
    }
    Ok(pair(ts, &old))
}

fn timeval_secs(t: &libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 * 1e-6
}

fn getrusage(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [who] = a.parse::<1>(ts, "resource.getrusage", &[""], 1)?;
    let who = c_int(ts, &req(&who))?;
    // SAFETY: all-zero is a valid rusage.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `ru` is a valid out-parameter.
    if unsafe { libc::getrusage(who, &mut ru) } == -1 {
        if crate::posix::last_errno() == libc::EINVAL {
            return Err(ts.value_error("invalid who parameter"));
        }
        return Err(last_os_error(ts, None));
    }
    let ints = [
        ru.ru_maxrss,
        ru.ru_ixrss,
        ru.ru_idrss,
        ru.ru_isrss,
        ru.ru_minflt,
        ru.ru_majflt,
        ru.ru_nswap,
        ru.ru_inblock,
        ru.ru_oublock,
        ru.ru_msgsnd,
        ru.ru_msgrcv,
        ru.ru_nsignals,
        ru.ru_nvcsw,
        ru.ru_nivcsw,
    ];
    let mut items = vec![
        ts.new_float(timeval_secs(&ru.ru_utime)),
        ts.new_float(timeval_secs(&ru.ru_stime)),
    ];
    items.extend(ints.iter().map(|&n| ts.new_int(n)));
    new_structseq(ts, "resource", "struct_rusage", items)
}

fn getpagesize(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "resource.getpagesize")?;
    // SAFETY: sysconf has no memory effects.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Ok(ts.new_int(n as i64))
}
