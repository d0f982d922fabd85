//! `_locale`: `setlocale`, `localeconv`, `nl_langinfo`, `getencoding`, `strcoll`/`strxfrm`
//! (CPython's `Modules/_localemodule.c`) over libc. As CPython does at startup, the module
//! sets `LC_CTYPE` from the environment when it is first imported; Ladon runs in UTF-8 mode,
//! so `getencoding()` is always "UTF-8".

use crate::posix::{int_arg, req, Args};
use std::ffi::{CStr, CString};
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::dict::PyDict;
use vm::objects::str::PyStr;
use vm::protocols;
use vm::runtime::none;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_locale);

const PRELUDE_PY: &str = r#"
class Error(ValueError):
    pass
Error.__module__ = 'locale'
"#;

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("setlocale", setlocale),
    ("localeconv", localeconv),
    ("nl_langinfo", nl_langinfo),
    ("getencoding", getencoding),
    ("strcoll", strcoll),
    ("strxfrm", strxfrm),
    ("gettext", gettext),
    ("dgettext", dgettext),
    ("dcgettext", dcgettext),
    ("textdomain", textdomain),
    ("bindtextdomain", bindtextdomain),
    ("bind_textdomain_codeset", bind_textdomain_codeset),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("LC_CTYPE", libc::LC_CTYPE as i64),
    ("LC_COLLATE", libc::LC_COLLATE as i64),
    ("LC_TIME", libc::LC_TIME as i64),
    ("LC_MONETARY", libc::LC_MONETARY as i64),
    ("LC_NUMERIC", libc::LC_NUMERIC as i64),
    ("LC_ALL", libc::LC_ALL as i64),
    ("LC_MESSAGES", libc::LC_MESSAGES as i64),
    ("CHAR_MAX", 127),
    ("CODESET", libc::CODESET as i64),
    ("D_T_FMT", libc::D_T_FMT as i64),
    ("D_FMT", libc::D_FMT as i64),
    ("T_FMT", libc::T_FMT as i64),
    ("T_FMT_AMPM", libc::T_FMT_AMPM as i64),
    ("AM_STR", libc::AM_STR as i64),
    ("PM_STR", libc::PM_STR as i64),
    ("DAY_1", libc::DAY_1 as i64),
    ("DAY_2", libc::DAY_2 as i64),
    ("DAY_3", libc::DAY_3 as i64),
    ("DAY_4", libc::DAY_4 as i64),
    ("DAY_5", libc::DAY_5 as i64),
    ("DAY_6", libc::DAY_6 as i64),
    ("DAY_7", libc::DAY_7 as i64),
    ("ABDAY_1", libc::ABDAY_1 as i64),
    ("ABDAY_2", libc::ABDAY_2 as i64),
    ("ABDAY_3", libc::ABDAY_3 as i64),
    ("ABDAY_4", libc::ABDAY_4 as i64),
    ("ABDAY_5", libc::ABDAY_5 as i64),
    ("ABDAY_6", libc::ABDAY_6 as i64),
    ("ABDAY_7", libc::ABDAY_7 as i64),
    ("MON_1", libc::MON_1 as i64),
    ("MON_2", libc::MON_2 as i64),
    ("MON_3", libc::MON_3 as i64),
    ("MON_4", libc::MON_4 as i64),
    ("MON_5", libc::MON_5 as i64),
    ("MON_6", libc::MON_6 as i64),
    ("MON_7", libc::MON_7 as i64),
    ("MON_8", libc::MON_8 as i64),
    ("MON_9", libc::MON_9 as i64),
    ("MON_10", libc::MON_10 as i64),
    ("MON_11", libc::MON_11 as i64),
    ("MON_12", libc::MON_12 as i64),
    ("ABMON_1", libc::ABMON_1 as i64),
    ("ABMON_2", libc::ABMON_2 as i64),
    ("ABMON_3", libc::ABMON_3 as i64),
    ("ABMON_4", libc::ABMON_4 as i64),
    ("ABMON_5", libc::ABMON_5 as i64),
    ("ABMON_6", libc::ABMON_6 as i64),
    ("ABMON_7", libc::ABMON_7 as i64),
    ("ABMON_8", libc::ABMON_8 as i64),
    ("ABMON_9", libc::ABMON_9 as i64),
    ("ABMON_10", libc::ABMON_10 as i64),
    ("ABMON_11", libc::ABMON_11 as i64),
    ("ABMON_12", libc::ABMON_12 as i64),
    ("RADIXCHAR", libc::RADIXCHAR as i64),
    ("THOUSEP", libc::THOUSEP as i64),
    ("YESEXPR", libc::YESEXPR as i64),
    ("NOEXPR", libc::NOEXPR as i64),
    ("CRNCYSTR", libc::CRNCYSTR as i64),
    ("ERA", libc::ERA as i64),
    ("ERA_D_FMT", libc::ERA_D_FMT as i64),
    ("ERA_D_T_FMT", libc::ERA_D_T_FMT as i64),
    ("ERA_T_FMT", libc::ERA_T_FMT as i64),
    ("ALT_DIGITS", libc::ALT_DIGITS as i64),
];

fn init_locale(ts: &ThreadState) -> PyResult<Value> {
    // SAFETY: setlocale with a valid category and "" reads the environment (CPython does this
    // at startup); it races only with other setlocale callers, as in CPython.
    unsafe { libc::setlocale(libc::LC_CTYPE, c"".as_ptr()) };
    let (m, d) = new_native_module(ts, "_locale", FUNCTIONS)?;
    let dd = crate::posix::dict_of(ts, &d)?;
    for (name, v) in CONSTANTS {
        dd.set_str(ts, name, ts.new_int(*v));
    }
    crate::posix::run_prelude(ts, &d, PRELUDE_PY)?;
    Ok(m)
}

fn c_string(ts: &ThreadState, p: *const libc::c_char) -> Value {
    if p.is_null() {
        return ts.new_str("");
    }
    // SAFETY: libc returned a NUL-terminated string; it is copied at once.
    let b = unsafe { CStr::from_ptr(p) }.to_bytes();
    crate::posix::fs_decode(ts, b)
}

fn locale_error(ts: &ThreadState, msg: &str) -> vm::errors::PyErr {
    match crate::posix::module_class(ts, "_locale", "Error")
        .and_then(|cls| protocols::call(ts, &cls, &[ts.new_str(msg)], None))
    {
        Ok(e) => vm::errors::PyErr::from_instance(e),
        Err(e) => e,
    }
}

fn setlocale(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [cat, loc] = a.parse::<2>(ts, "setlocale", &["", ""], 1)?;
    let cat = int_arg(ts, &req(&cat))? as libc::c_int;
    let loc = loc.filter(|v| !v.is_none());
    let r = match loc {
        None => {
            // SAFETY: a query with a null locale does not change state.
            let r = unsafe { libc::setlocale(cat, std::ptr::null()) };
            if r.is_null() {
                return Err(locale_error(ts, "locale query failed"));
            }
            r
        }
        Some(l) => {
            let Some(s) = l.downcast::<PyStr>() else {
                return Err(ts.type_error(format!(
                    "setlocale() argument 2 must be str or None, not {}",
                    l.class().name()
                )));
            };
            let c = CString::new(s.to_string_lossy())
                .map_err(|_| ts.value_error("embedded null character"))?;
            // SAFETY: valid category and NUL-terminated locale name.
            let r = unsafe { libc::setlocale(cat, c.as_ptr()) };
            if r.is_null() {
                return Err(locale_error(ts, "unsupported locale setting"));
            }
            r
        }
    };
    Ok(c_string(ts, r))
}

fn grouping(ts: &ThreadState, p: *const libc::c_char) -> Value {
    let mut out = Vec::new();
    if !p.is_null() {
        // SAFETY: a NUL-terminated grouping string from localeconv.
        let b = unsafe { CStr::from_ptr(p) }.to_bytes();
        for &x in b {
            out.push(ts.new_int(x as i64));
            if x == 127 {
                break;
            }
        }
    }
    ts.new_list(out)
}

fn localeconv(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "localeconv")?;
    // SAFETY: localeconv returns a pointer to static data, copied at once (CPython does the
    // same; concurrent setlocale may change it).
    let lc = unsafe { &*libc::localeconv() };
    let d = PyDict::new_value(ts)?;
    let dd = crate::posix::dict_of(ts, &d)?;
    let s = |p| c_string(ts, p);
    let n = |c: libc::c_char| ts.new_int(c as u8 as i64);
    dd.set_str(ts, "int_curr_symbol", s(lc.int_curr_symbol));
    dd.set_str(ts, "currency_symbol", s(lc.currency_symbol));
    dd.set_str(ts, "mon_decimal_point", s(lc.mon_decimal_point));
    dd.set_str(ts, "mon_thousands_sep", s(lc.mon_thousands_sep));
    dd.set_str(ts, "mon_grouping", grouping(ts, lc.mon_grouping));
    dd.set_str(ts, "positive_sign", s(lc.positive_sign));
    dd.set_str(ts, "negative_sign", s(lc.negative_sign));
    dd.set_str(ts, "int_frac_digits", n(lc.int_frac_digits));
    dd.set_str(ts, "frac_digits", n(lc.frac_digits));
    dd.set_str(ts, "p_cs_precedes", n(lc.p_cs_precedes));
    dd.set_str(ts, "p_sep_by_space", n(lc.p_sep_by_space));
    dd.set_str(ts, "n_cs_precedes", n(lc.n_cs_precedes));
    dd.set_str(ts, "n_sep_by_space", n(lc.n_sep_by_space));
    dd.set_str(ts, "p_sign_posn", n(lc.p_sign_posn));
    dd.set_str(ts, "n_sign_posn", n(lc.n_sign_posn));
    dd.set_str(ts, "decimal_point", s(lc.decimal_point));
    dd.set_str(ts, "thousands_sep", s(lc.thousands_sep));
    dd.set_str(ts, "grouping", grouping(ts, lc.grouping));
    Ok(d)
}

fn nl_langinfo(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [k] = a.parse::<1>(ts, "nl_langinfo", &[""], 1)?;
    let k = int_arg(ts, &req(&k))?;
    if k == libc::CODESET as i64 {
        return Ok(ts.new_str("UTF-8"));
    }
    if !CONSTANTS
        .iter()
        .skip_while(|(n, _)| *n != "CODESET")
        .any(|(_, v)| *v == k)
    {
        return Err(ts.value_error("unsupported langinfo constant"));
    }
    // SAFETY: `k` is one of the nl_item constants above; the result is copied at once.
    Ok(c_string(ts, unsafe {
        libc::nl_langinfo(k as libc::nl_item)
    }))
}

fn getencoding(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "getencoding")?;
    Ok(ts.new_str("UTF-8"))
}

fn str_arg(ts: &ThreadState, v: &Option<Value>, f: &str, i: usize) -> PyResult<Vec<u32>> {
    let v = req(v);
    match v.downcast::<PyStr>() {
        Some(s) => Ok(s.to_cps()),
        None => Err(ts.type_error(format!(
            "{f}() argument {i} must be str, not {}",
            v.class().name()
        ))),
    }
}

/// Code-point order: the C and C.UTF-8 locales collate that way.
fn strcoll(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [x, y] = a.parse::<2>(ts, "strcoll", &["", ""], 2)?;
    let (x, y) = (
        str_arg(ts, &x, "strcoll", 1)?,
        str_arg(ts, &y, "strcoll", 2)?,
    );
    Ok(ts.new_int(x.cmp(&y) as i64))
}

fn strxfrm(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "strxfrm", &[""], 1)?;
    let x = str_arg(ts, &x, "strxfrm", 1)?;
    Ok(ts.new_str_from_cps(&x))
}

/// The gettext family without message catalogs: messages come back unchanged.
fn gettext(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [m] = a.parse::<1>(ts, "gettext", &[""], 1)?;
    Ok(req(&m))
}

fn dgettext(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [_d, m] = a.parse::<2>(ts, "dgettext", &["", ""], 2)?;
    Ok(req(&m))
}

fn dcgettext(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [_d, m, _c] = a.parse::<3>(ts, "dcgettext", &["", "", ""], 3)?;
    Ok(req(&m))
}

fn textdomain(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [d] = a.parse::<1>(ts, "textdomain", &[""], 1)?;
    Ok(d.filter(|v| !v.is_none())
        .unwrap_or_else(|| ts.new_str("messages")))
}

fn bindtextdomain(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [_d, dir] = a.parse::<2>(ts, "bindtextdomain", &["", ""], 2)?;
    Ok(dir.unwrap_or_else(none))
}

fn bind_textdomain_codeset(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [_d, c] = a.parse::<2>(ts, "bind_textdomain_codeset", &["", ""], 2)?;
    Ok(c.unwrap_or_else(none))
}
