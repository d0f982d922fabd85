//! `strftime` (CPython's `wrap_strftime`: `%z`, `%:z`, `%Z`, `%f` and, where libc prints
//! short years, `%Y`/`%G`/`%F`/`%C` are expanded here, the rest goes to `time.strftime`),
//! `__format__`, and `strptime` through `_strptime`.

use super::{
    call_tz_offset, call_tzname, format_offset, is_date, is_datetime, one_arg, str_arg,
    time_module_attr, PyDT,
};
use vm::objects::int::as_int;
use vm::objects::str::PyStr;
use vm::{protocols, PyResult, ThreadState, Value};

fn push_str(out: &mut Vec<u32>, s: &str) {
    out.extend(s.chars().map(u32::from));
}

/// The year in a timetuple (its first item), if it is an int.
fn tuple_year(ts: &ThreadState, tt: &Value) -> PyResult<Option<i64>> {
    let y = protocols::get_item(ts, tt, &ts.new_int(0))?;
    Ok(as_int(&y).and_then(|i| i.to_i64()))
}

/// `time.strftime` on `format` after replacing `%z`, `%:z`, `%Z` and `%f` (computed from
/// `obj` and its tzinfo called with `tzarg`).
pub(crate) fn wrap_strftime(
    ts: &ThreadState,
    obj: &Value,
    format: &PyStr,
    timetuple: Value,
    tzarg: &Value,
) -> PyResult<Value> {
    let p = obj.downcast::<PyDT>();
    let tz = p.and_then(|p| p.tz.clone());
    let us = p
        .filter(|_| !is_date(obj) || is_datetime(obj))
        .map_or(0, |p| p.us);
    let strftime = time_module_attr(ts, "strftime")?;
    let cps = format.to_cps();
    let mut out: Vec<u32> = Vec::with_capacity(cps.len() + 8);
    let mut z: Option<String> = None;
    let mut colonz: Option<String> = None;
    let mut zname: Option<Vec<u32>> = None;
    let mut year: Option<Option<i64>> = None;
    let offset_str = |sep: &str, cache: &mut Option<String>| -> PyResult<String> {
        if let Some(s) = cache {
            return Ok(s.clone());
        }
        let s = match &tz {
            None => String::new(),
            Some(tz) => format_offset(&call_tz_offset(ts, tz, "utcoffset", tzarg)?, sep),
        };
        *cache = Some(s.clone());
        Ok(s)
    };
    let pct = u32::from(b'%');
    let is = |c: u32, b: u8| c == u32::from(b);
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        if c != pct || i + 1 >= cps.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let n = cps[i + 1];
        i += 2;
        if is(n, b'z') {
            let s = offset_str("", &mut z)?;
            push_str(&mut out, &s);
        } else if is(n, b':') && cps.get(i).is_some_and(|&c| is(c, b'z')) {
            let s = offset_str(":", &mut colonz)?;
            push_str(&mut out, &s);
            i += 1;
        } else if is(n, b'Z') {
            if zname.is_none() {
                zname = Some(tzname_replacement(ts, &tz, tzarg)?);
            }
            out.extend(zname.iter().flatten());
        } else if is(n, b'f') {
            push_str(&mut out, &format!("{us:06}"));
        } else if [b'Y', b'G', b'F', b'C'].iter().any(|&b| is(n, b)) {
            if year.is_none() {
                year = Some(tuple_year(ts, &timetuple)?);
            }
            match year.flatten() {
                // glibc prints years below 1000 unpadded; CPython pads them.
                Some(y) if y < 1000 => {
                    let y = if is(n, b'G') {
                        let f = ts.new_str("%G");
                        let g = protocols::call(ts, &strftime, &[f, timetuple.clone()], None)?;
                        vm::objects::str::str_lossy(&g).trim().parse().unwrap_or(y)
                    } else {
                        y
                    };
                    if is(n, b'C') {
                        push_str(&mut out, &format!("{:02}", y.div_euclid(100)));
                    } else {
                        push_str(&mut out, &format!("{y:04}"));
                        if is(n, b'F') {
                            push_str(&mut out, "-%m-%d");
                        }
                    }
                }
                _ => {
                    out.push(c);
                    out.push(n);
                }
            }
        } else {
            out.push(c);
            out.push(n);
        }
    }
    protocols::call(ts, &strftime, &[ts.new_str_from_cps(&out), timetuple], None)
}

/// `%Z`'s text: the tzname with `%` doubled (through its own `replace`, as C calls it).
fn tzname_replacement(ts: &ThreadState, tz: &Option<Value>, tzarg: &Value) -> PyResult<Vec<u32>> {
    let Some(tz) = tz else {
        return Ok(Vec::new());
    };
    let r = call_tzname(ts, tz, tzarg)?;
    if r.is_none() {
        return Ok(Vec::new());
    }
    let rep = protocols::call_method(ts, &r, "replace", &[ts.new_str("%"), ts.new_str("%%")])?;
    match rep.downcast::<PyStr>() {
        Some(s) => Ok(s.to_cps()),
        None => Err(ts.type_error("tzname.replace() did not return a string")),
    }
}

/// `__format__(fmt)`: `str(self)` for an empty format, else `self.strftime(fmt)`.
pub(crate) fn format_method(
    ts: &ThreadState,
    slf: &Value,
    a: vm::builtins::args::MethodArgs<'_>,
) -> PyResult<Value> {
    let f = one_arg(ts, &a, "__format__")?;
    let s = str_arg(ts, &f, "__format__", 1)?;
    if s.is_empty() {
        return protocols::str(ts, slf);
    }
    protocols::call_method(ts, slf, "strftime", std::slice::from_ref(&f))
}

/// `_strptime._strptime_datetime_<kind>(cls, string, format)` (3.14's per-kind helpers).
pub(crate) fn strptime_via(
    ts: &ThreadState,
    cls: &Value,
    a: vm::builtins::args::MethodArgs<'_>,
    helper: &str,
) -> PyResult<Value> {
    if a.nkw() > 0 {
        return Err(ts.type_error("strptime() takes no keyword arguments"));
    }
    let [s, f] = a.args else {
        return Err(ts.type_error(format!(
            "strptime expected 2 arguments, got {}",
            a.args.len()
        )));
    };
    str_arg(ts, s, "strptime", 1)?;
    str_arg(ts, f, "strptime", 2)?;
    let m = vm::import::import_module(ts, "_strptime")?;
    let func = protocols::get_attr_str(ts, &m, helper)?;
    protocols::call(ts, &func, &[cls.clone(), s.clone(), f.clone()], None)
}
