//! `pwd`: the password database (`getpwuid`, `getpwnam`, `getpwall`) as `struct_passwd`
//! structseqs, over the reentrant libc calls (CPython's `Modules/pwdmodule.c`).

use crate::posix::{int_arg, new_structseq, req, Args};
use std::ffi::{CStr, CString};
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::str::PyStr;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_pwd);

const PRELUDE_PY: &str = r#"
struct_passwd = _make_structseq(
    'pwd.struct_passwd',
    ('pw_name', 'pw_passwd', 'pw_uid', 'pw_gid', 'pw_gecos', 'pw_dir', 'pw_shell'))
del _make_structseq
"#;

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("getpwuid", getpwuid),
    ("getpwnam", getpwnam),
    ("getpwall", getpwall),
];

fn init_pwd(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "pwd", FUNCTIONS)?;
    crate::posix::run_prelude(ts, &d, crate::posix::STRUCTSEQ_PY)?;
    crate::posix::run_prelude(ts, &d, PRELUDE_PY)?;
    Ok(m)
}

fn cstr(ts: &ThreadState, p: *const libc::c_char) -> Value {
    if p.is_null() {
        return ts.new_str("");
    }
    // SAFETY: non-null fields of a passwd entry are NUL-terminated strings in its buffer.
    let b = unsafe { CStr::from_ptr(p) }.to_bytes();
    crate::posix::fs_decode(ts, b)
}

fn passwd_value(ts: &ThreadState, p: &libc::passwd) -> PyResult<Value> {
    let items = vec![
        cstr(ts, p.pw_name),
        cstr(ts, p.pw_passwd),
        ts.new_int(p.pw_uid as i64),
        ts.new_int(p.pw_gid as i64),
        cstr(ts, p.pw_gecos),
        cstr(ts, p.pw_dir),
        cstr(ts, p.pw_shell),
    ];
    new_structseq(ts, "pwd", "struct_passwd", items)
}

/// Runs a `getpw*_r` lookup with a growing buffer; `Ok(None)` when there is no entry.
fn lookup(
    ts: &ThreadState,
    f: impl Fn(*mut libc::passwd, *mut libc::c_char, usize, *mut *mut libc::passwd) -> i32,
) -> PyResult<Option<Value>> {
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0 as libc::c_char; size];
        // SAFETY: all-zero is a valid passwd (null pointers, zero ids).
        let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
        let mut res: *mut libc::passwd = std::ptr::null_mut();
        let r = f(&mut pw, buf.as_mut_ptr(), size, &mut res);
        if r == libc::ERANGE && size < (1 << 24) {
            size *= 4;
            continue;
        }
        if res.is_null() {
            return Ok(None);
        }
        // `pw`'s strings point into `buf`, alive until the end of this iteration.
        return passwd_value(ts, &pw).map(Some);
    }
}

fn getpwuid(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [u] = a.parse::<1>(ts, "getpwuid", &[""], 1)?;
    let u = req(&u);
    let uid = int_arg(ts, &u)?;
    let not_found = || {
        let msg = format!("getpwuid(): uid not found: {uid}");
        ts.new_error(vm::runtime::types().exc.key_error, msg)
    };
    let Ok(id) = libc::uid_t::try_from(uid) else {
        return Err(not_found());
    };
    // SAFETY: the pointers come from `lookup` and are valid for the call.
    let r = lookup(ts, |pw, b, n, res| unsafe {
        libc::getpwuid_r(id, pw, b, n, res)
    })?;
    r.ok_or_else(not_found)
}

fn getpwnam(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "getpwnam", &[""], 1)?;
    let n = req(&n);
    let Some(s) = n.downcast::<PyStr>() else {
        return Err(ts.type_error(format!(
            "getpwnam() argument must be str, not {}",
            n.class().name()
        )));
    };
    let name = CString::new(crate::posix::fs_encode(ts, s)?)
        .map_err(|_| ts.value_error("embedded null character"))?;
    // SAFETY: the pointers come from `lookup` and are valid for the call.
    let r = lookup(ts, |pw, b, l, res| unsafe {
        libc::getpwnam_r(name.as_ptr(), pw, b, l, res)
    })?;
    r.ok_or_else(|| {
        let msg = format!("getpwnam(): name not found: '{}'", s.to_string_lossy());
        ts.new_error(vm::runtime::types().exc.key_error, msg)
    })
}

fn getpwall(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "getpwall")?;
    let mut out = Vec::new();
    // SAFETY: the getpwent iteration is process-global, as in CPython (which holds a lock we
    // don't have: concurrent getpwall calls may interleave); every entry is copied at once.
    unsafe { libc::setpwent() };
    loop {
        // SAFETY: see above.
        let p = unsafe { libc::getpwent() };
        if p.is_null() {
            break;
        }
        // SAFETY: non-null entry from getpwent, valid until the next call.
        out.push(passwd_value(ts, unsafe { &*p })?);
    }
    // SAFETY: see above.
    unsafe { libc::endpwent() };
    Ok(ts.new_list(out))
}
