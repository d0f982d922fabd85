//! `grp`: the group database (`getgrgid`, `getgrnam`, `getgrall`) as `struct_group`
//! structseqs, over the reentrant libc calls (CPython's `Modules/grpmodule.c`).

use crate::posix::{new_structseq, req, Args};
use std::ffi::{CStr, CString};
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::int::{as_int, IntVal};
use vm::objects::str::PyStr;
use vm::protocols;
use vm::runtime::types;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_grp);

const PRELUDE_PY: &str = r#"
struct_group = _make_structseq(
    'grp.struct_group', ('gr_name', 'gr_passwd', 'gr_gid', 'gr_mem'))
del _make_structseq
"#;

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("getgrgid", getgrgid),
    ("getgrnam", getgrnam),
    ("getgrall", getgrall),
];

fn init_grp(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "grp", FUNCTIONS)?;
    crate::posix::run_prelude(ts, &d, crate::posix::STRUCTSEQ_PY)?;
    crate::posix::run_prelude(ts, &d, PRELUDE_PY)?;
    Ok(m)
}

fn cstr(ts: &ThreadState, p: *const libc::c_char) -> Value {
    if p.is_null() {
        return ts.new_str("");
    }
    // SAFETY: non-null fields of a group entry are NUL-terminated strings in its buffer.
    let b = unsafe { CStr::from_ptr(p) }.to_bytes();
    crate::posix::fs_decode(ts, b)
}

fn group_value(ts: &ThreadState, g: &libc::group) -> PyResult<Value> {
    let mut members = Vec::new();
    let mut p = g.gr_mem;
    // SAFETY: gr_mem is a null-terminated array of strings (or null), alive with the entry.
    while !p.is_null() && !unsafe { *p }.is_null() {
        // SAFETY: checked non-null just above.
        members.push(cstr(ts, unsafe { *p }));
        // SAFETY: the array continues until its null terminator.
        p = unsafe { p.add(1) };
    }
    let items = vec![
        cstr(ts, g.gr_name),
        cstr(ts, g.gr_passwd),
        ts.new_int(g.gr_gid as i64),
        ts.new_list(members),
    ];
    new_structseq(ts, "grp", "struct_group", items)
}

/// Runs a `getgr*_r` lookup with a growing buffer; `Ok(None)` when there is no entry.
fn lookup(
    ts: &ThreadState,
    f: impl Fn(*mut libc::group, *mut libc::c_char, usize, *mut *mut libc::group) -> i32,
) -> PyResult<Option<Value>> {
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0 as libc::c_char; size];
        // SAFETY: all-zero is a valid group (null pointers, zero id).
        let mut gr: libc::group = unsafe { std::mem::zeroed() };
        let mut res: *mut libc::group = std::ptr::null_mut();
        let r = ts.detached(|| f(&mut gr, buf.as_mut_ptr(), size, &mut res));
        if r == libc::ERANGE && size < (1 << 24) {
            size *= 4;
            continue;
        }
        if res.is_null() {
            return Ok(None);
        }
        // `gr`'s strings point into `buf`, alive until the end of this iteration.
        return group_value(ts, &gr).map(Some);
    }
}

fn getgrgid(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [id] = a.parse::<1>(ts, "getgrgid", &["id"], 1)?;
    let id = req(&id);
    if id.as_inline_int().is_none() && !id.class().slots.index.is_set() {
        return Err(ts.type_error(format!("gid should be integer, not {}", id.class().name())));
    }
    let i = protocols::index(ts, &id)?;
    let gid = match as_int(&i) {
        Some(IntVal::Small(x)) => x.to_string(),
        Some(IntVal::Big(b)) => b.to_string(),
        None => String::new(),
    };
    let not_found = || {
        let msg = format!("getgrgid(): gid not found: {gid}");
        ts.new_error(types().exc.key_error, msg)
    };
    // gid_t is unsigned; CPython also accepts -1 as (gid_t)-1.
    let g = match as_int(&i) {
        Some(IntVal::Small(-1)) => libc::gid_t::MAX,
        // CPython's _Py_Gid_Converter: a C long that gid_t cannot hold is an "underflow",
        // whatever its sign; only ints beyond a C long are "greater than maximum".
        Some(IntVal::Small(x)) => match libc::gid_t::try_from(x) {
            Ok(g) if g != libc::gid_t::MAX => g,
            _ => return Err(ts.overflow_error("gid is less than minimum")),
        },
        Some(IntVal::Big(b)) if b.sign() == num_bigint::Sign::Minus => {
            return Err(ts.overflow_error("gid is less than minimum"));
        }
        _ => return Err(ts.overflow_error("gid is greater than maximum")),
    };
    // SAFETY: the pointers come from `lookup` and are valid for the call.
    let r = lookup(ts, |gr, b, n, res| unsafe {
        libc::getgrgid_r(g, gr, b, n, res)
    })?;
    r.ok_or_else(not_found)
}

fn getgrnam(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "getgrnam", &["name"], 1)?;
    let n = req(&n);
    let Some(s) = n.downcast::<PyStr>() else {
        return Err(ts.type_error(format!(
            "getgrnam() argument 'name' must be str, not {}",
            n.class().name()
        )));
    };
    check_encodable(ts, &n, s)?;
    let name = CString::new(crate::posix::fs_encode(ts, s)?)
        .map_err(|_| ts.value_error("embedded null byte"))?;
    // SAFETY: the pointers come from `lookup` and are valid for the call.
    let r = lookup(ts, |gr, b, l, res| unsafe {
        libc::getgrnam_r(name.as_ptr(), gr, b, l, res)
    })?;
    r.ok_or_else(|| {
        let msg = format!("getgrnam(): name not found: '{}'", s.to_string_lossy());
        ts.new_error(types().exc.key_error, msg)
    })
}

/// UnicodeEncodeError('utf-8', name, i, i + 1, 'surrogates not allowed') for the first
/// surrogate that surrogateescape cannot encode, as `PyUnicode_EncodeFSDefault` raises.
fn check_encodable(ts: &ThreadState, v: &Value, s: &PyStr) -> PyResult<()> {
    if s.as_str().is_some() {
        return Ok(());
    }
    let bad = s
        .cps()
        .position(|cp| (0xD800..=0xDFFF).contains(&cp) && !(0xDC80..=0xDCFF).contains(&cp));
    let Some(i) = bad else {
        return Ok(());
    };
    let args = [
        ts.new_str("utf-8"),
        v.clone(),
        ts.new_int(i as i64),
        ts.new_int(i as i64 + 1),
        ts.new_str("surrogates not allowed"),
    ];
    let cls = types().exc.unicode_encode_error.to_value();
    Err(match protocols::call(ts, &cls, &args, None) {
        Ok(e) => vm::errors::PyErr::from_instance(e),
        Err(e) => e,
    })
}

fn getgrall(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "grp.getgrall")?;
    let mut out = Vec::new();
    // SAFETY: the getgrent iteration is process-global, as in CPython (which holds a lock we
    // don't have: concurrent getgrall calls may interleave); every entry is copied at once.
    unsafe { libc::setgrent() };
    loop {
        // SAFETY: see above.
        let p = unsafe { libc::getgrent() };
        if p.is_null() {
            break;
        }
        // SAFETY: non-null entry from getgrent, valid until the next call.
        out.push(group_value(ts, unsafe { &*p })?);
    }
    // SAFETY: see above.
    unsafe { libc::endgrent() };
    Ok(ts.new_list(out))
}
