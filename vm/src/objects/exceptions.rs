//! `BaseException` and the builtin exception hierarchy, plus `traceback` and `frame` objects
//! (the snapshot kind: a frame object records code, globals and the line, which is what
//! tracebacks and `sys._getframe` callers read).
//!
//! Every exception instance has the `PyBaseException` layout; subclass-specific attributes
//! (`StopIteration.value`, `OSError.errno`, `SyntaxError.lineno`, …) live in the instance dict,
//! set by the class's `__init__` (builtin classes) or by Python code.

use crate::builtins::args::MethodArgs;
use crate::errors::{PyErr, PyResult};
use crate::object::PyPayload;
use crate::objects::seq::trace_value;
use crate::objects::str::str_lossy;
use crate::objects::tuple::PyTuple;
use crate::objects::typeobj::PyType;
use crate::protocols;
use crate::runtime::{empty_tuple, names, none, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use gc::Tracer;
use std::sync::atomic::Ordering;
use std::sync::{Mutex, OnceLock};

#[derive(Default)]
pub struct ExcState {
    pub args: Option<Value>,
    pub traceback: Option<Value>,
    pub cause: Option<Value>,
    pub context: Option<Value>,
    pub suppress_context: bool,
}

pub struct PyBaseException {
    pub state: Mutex<ExcState>,
    dict: OnceLock<Value>,
    /// `BaseExceptionGroup`'s message and exceptions, set once by its `__new__`.
    group: OnceLock<GroupData>,
}

/// The immutable part of an exception group (`message`, `exceptions`).
pub struct GroupData {
    pub msg: Value,
    /// A tuple.
    pub excs: Value,
    /// `repr` of the exceptions argument when it was neither a list nor a tuple.
    pub excs_str: Option<Value>,
}

impl PyPayload for PyBaseException {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        if let Ok(s) = self.state.try_lock() {
            for v in [&s.args, &s.traceback, &s.cause, &s.context]
                .into_iter()
                .flatten()
            {
                trace_value(v, t);
            }
        }
        if let Some(d) = self.dict.get() {
            trace_value(d, t);
        }
        if let Some(g) = self.group.get() {
            trace_value(&g.msg, t);
            trace_value(&g.excs, t);
            if let Some(s) = &g.excs_str {
                trace_value(s, t);
            }
        }
    }
    fn clear(&self) {
        let old = self.state.lock().ok().map(|mut s| std::mem::take(&mut *s));
        drop(old);
    }
}

impl PyBaseException {
    fn new(args: Value) -> PyBaseException {
        PyBaseException {
            state: Mutex::new(ExcState {
                args: Some(args),
                ..Default::default()
            }),
            dict: OnceLock::new(),
            group: OnceLock::new(),
        }
    }

    pub fn group(&self) -> Option<&GroupData> {
        self.group.get()
    }

    pub fn set_group(&self, g: GroupData) {
        let _ = self.group.set(g);
    }

    pub fn dict(&self, ts: &ThreadState) -> Value {
        self.dict.get_or_init(|| ts.new_dict()).clone()
    }

    fn with<R>(&self, f: impl FnOnce(&mut ExcState) -> R) -> R {
        match self.state.lock() {
            Ok(mut g) => f(&mut g),
            Err(p) => f(&mut p.into_inner()),
        }
    }

    pub fn args(&self) -> Value {
        self.with(|s| s.args.clone()).unwrap_or_else(empty_tuple)
    }
    pub fn traceback(&self) -> Option<Value> {
        self.with(|s| s.traceback.clone())
    }
    pub fn set_traceback(&self, tb: Option<Value>) {
        let old = self.with(|s| std::mem::replace(&mut s.traceback, tb));
        drop(old);
    }
    pub fn cause(&self) -> Option<Value> {
        self.with(|s| s.cause.clone())
    }
    pub fn set_cause(&self, c: Option<Value>) {
        let old = self.with(|s| {
            s.suppress_context = true;
            std::mem::replace(&mut s.cause, c)
        });
        drop(old);
    }
    pub fn context(&self) -> Option<Value> {
        self.with(|s| s.context.clone())
    }
    pub fn set_context(&self, c: Option<Value>) {
        let old = self.with(|s| std::mem::replace(&mut s.context, c));
        drop(old);
    }
    pub fn suppress_context(&self) -> bool {
        self.with(|s| s.suppress_context)
    }
}

/// A new exception instance of builtin class `ty` (no `__init__` runs).
pub fn new_exception(ts: &ThreadState, ty: &PyType, args: Vec<Value>) -> PyResult<Value> {
    let a = ts.new_tuple(args);
    let v = crate::object::alloc(ts, ty, PyBaseException::new(a.clone()))?;
    init_special(ts, &v, a.as_tuple_slice())?;
    Ok(v)
}

/// A new instance of exception class `ty` with `args`; no `__init__` and no derived
/// attributes (the caller's `__new__` sets what it needs).
pub fn alloc_exception(ts: &ThreadState, ty: &PyType, args: Value) -> PyResult<Value> {
    crate::object::alloc(ts, ty, PyBaseException::new(args))
}

fn exc_of(v: &Value) -> Option<&PyBaseException> {
    v.downcast::<PyBaseException>()
}

/// Sets `name`/`obj` on an AttributeError (for "Did you mean" suggestions).
pub fn set_attr_error_context(ts: &ThreadState, e: &PyErr, obj: &Value, name: &Value) {
    let v = e.value();
    if let Some(x) = exc_of(v) {
        let d = x.dict(ts);
        if let Some(dd) = d.downcast::<crate::objects::dict::PyDict>() {
            dd.set_str(ts, "name", name.clone());
            dd.set_str(ts, "obj", obj.clone());
        }
    }
}

/// Appends to `__notes__`.
pub fn add_note(ts: &ThreadState, e: &PyErr, note: &str) {
    if let Some(x) = exc_of(e.value()) {
        let d = x.dict(ts);
        if let Some(dd) = d.downcast::<crate::objects::dict::PyDict>() {
            let notes = match dd.get_str(ts, "__notes__") {
                Some(n) => n,
                None => {
                    let l = ts.new_list(vec![]);
                    dd.set_str(ts, "__notes__", l.clone());
                    l
                }
            };
            if let Some(l) = notes.downcast::<crate::objects::list::PyList>() {
                l.append(ts, ts.new_str(note));
            }
        }
    }
}

fn set_attr(ts: &ThreadState, v: &Value, name: &str, x: Value) {
    if let Some(e) = exc_of(v) {
        if let Some(dd) = e.dict(ts).downcast::<crate::objects::dict::PyDict>() {
            dd.set_str(ts, name, x);
        }
    }
}

fn get_attr(ts: &ThreadState, v: &Value, name: &str) -> Option<Value> {
    let e = exc_of(v)?;
    e.dict(ts)
        .downcast::<crate::objects::dict::PyDict>()?
        .get_str(ts, name)
}

/// Attributes some builtin exception classes derive from their args.
/// The special initialiser an exception class's instances get (`init_special`).
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum SpecialKind {
    Plain = 1,
    StopIteration,
    SystemExit,
    OsError,
    UnicodeError,
    ImportError,
    SyntaxError,
    NameOrAttribute,
}

/// `ty`'s [`SpecialKind`], cached in the type (its MRO never changes): most exceptions are
/// plain, and finding that out walks the MRO once per special base.
fn special_kind(ty: &PyType) -> SpecialKind {
    use SpecialKind::*;
    // ORDERING: Relaxed: a pure function of the immutable MRO; racing threads store the same.
    let k = ty.exc_kind.load(Ordering::Relaxed);
    let all = [
        Plain,
        StopIteration,
        SystemExit,
        OsError,
        UnicodeError,
        ImportError,
        SyntaxError,
        NameOrAttribute,
    ];
    if let Some(&c) = all.iter().find(|c| **c as u8 == k) {
        return c;
    }
    let t = &types().exc;
    let kind = if ty.is_subtype(t.stop_iteration) || ty.is_subtype(t.stop_async_iteration) {
        StopIteration
    } else if ty.is_subtype(t.system_exit) {
        SystemExit
    } else if ty.is_subtype(t.os_error) {
        OsError
    } else if ty.is_subtype(t.unicode_error) {
        UnicodeError
    } else if ty.is_subtype(t.import_error) {
        ImportError
    } else if ty.is_subtype(t.syntax_error) {
        SyntaxError
    } else if ty.is_subtype(t.name_error) || ty.is_subtype(t.attribute_error) {
        NameOrAttribute
    } else {
        Plain
    };
    // ORDERING: Relaxed: see above.
    ty.exc_kind.store(kind as u8, Ordering::Relaxed);
    kind
}

fn init_special(ts: &ThreadState, v: &Value, args: &[Value]) -> PyResult<()> {
    let t = types();
    let ty = v.class();
    let kind = special_kind(ty);
    if kind == SpecialKind::Plain {
        return Ok(());
    }
    let arg0 = || args.first().cloned().unwrap_or_else(none);
    if kind == SpecialKind::StopIteration {
        set_attr(ts, v, "value", arg0());
    } else if kind == SpecialKind::SystemExit {
        let code = match args.len() {
            0 => none(),
            1 => args[0].clone(),
            _ => ts.new_tuple(args.to_vec()),
        };
        set_attr(ts, v, "code", code);
    } else if kind == SpecialKind::OsError {
        let (errno, strerror, filename) = if (2..=5).contains(&args.len()) {
            (
                args[0].clone(),
                args[1].clone(),
                args.get(2).cloned().unwrap_or_else(none),
            )
        } else {
            (none(), none(), none())
        };
        set_attr(ts, v, "errno", errno);
        set_attr(ts, v, "strerror", strerror);
        set_attr(ts, v, "filename", filename);
        set_attr(
            ts,
            v,
            "filename2",
            args.get(4).cloned().unwrap_or_else(none),
        );
    } else if kind == SpecialKind::UnicodeError {
        init_unicode_error(ts, v, args)?;
    } else if kind == SpecialKind::ImportError {
        set_attr(ts, v, "msg", arg0());
        if get_attr(ts, v, "name").is_none() {
            set_attr(ts, v, "name", none());
        }
        if get_attr(ts, v, "path").is_none() {
            set_attr(ts, v, "path", none());
        }
    } else if kind == SpecialKind::SyntaxError {
        set_attr(ts, v, "msg", arg0());
        let info = args
            .get(1)
            .map(|i| i.as_tuple_slice().to_vec())
            .unwrap_or_default();
        let names_ = [
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
        ];
        for (i, n) in names_.iter().enumerate() {
            set_attr(ts, v, n, info.get(i).cloned().unwrap_or_else(none));
        }
        set_attr(ts, v, "print_file_and_line", none());
    } else if kind == SpecialKind::NameOrAttribute {
        if get_attr(ts, v, "name").is_none() {
            set_attr(ts, v, "name", none());
        }
        if ty.is_subtype(t.exc.attribute_error) && get_attr(ts, v, "obj").is_none() {
            set_attr(ts, v, "obj", none());
        }
    }
    Ok(())
}

/// `UnicodeEncodeError(encoding, object, start, end, reason)`, `UnicodeDecodeError(...)`
/// (object: bytes-like) and `UnicodeTranslateError(object, start, end, reason)`: CPython's
/// `UnicodeError` initialisers check the argument types and store the attributes.
fn init_unicode_error(ts: &ThreadState, v: &Value, args: &[Value]) -> PyResult<()> {
    let t = &types().exc;
    let ty = v.class();
    let (kind, fmt) = if ty.is_subtype(t.unicode_encode_error) {
        (0, "UUnnU")
    } else if ty.is_subtype(t.unicode_decode_error) {
        (1, "UOnnU")
    } else if ty.is_subtype(t.unicode_translate_error) {
        (2, "UnnU")
    } else {
        return Ok(());
    };
    if args.len() != fmt.len() {
        return Err(ts.type_error(format!(
            "function takes exactly {} arguments ({} given)",
            fmt.len(),
            args.len()
        )));
    }
    let mut vals = Vec::with_capacity(5);
    for (i, (c, a)) in fmt.chars().zip(args).enumerate() {
        let x = match c {
            'U' if a.downcast::<crate::objects::str::PyStr>().is_none() => {
                return Err(ts.type_error(format!(
                    "argument {} must be str, not {}",
                    i + 1,
                    a.class().name()
                )))
            }
            'n' => ts.new_int(protocols::index_i64(ts, a)?),
            'O' if a.downcast::<crate::objects::bytes::PyBytes>().is_none()
                || !a.class().is(types().bytes) =>
            {
                let b =
                    protocols::call(ts, &types().bytes.to_value(), std::slice::from_ref(a), None)
                        .map_err(|_| {
                        ts.type_error(format!(
                            "a bytes-like object is required, not '{}'",
                            a.class().name()
                        ))
                    })?;
                b
            }
            _ => a.clone(),
        };
        vals.push(x);
    }
    let names: &[&str] = if kind == 2 {
        set_attr(ts, v, "encoding", none());
        &["object", "start", "end", "reason"]
    } else {
        &["encoding", "object", "start", "end", "reason"]
    };
    for (n, x) in names.iter().zip(vals) {
        set_attr(ts, v, n, x);
    }
    Ok(())
}

/// `str()` of a UnicodeError subclass (CPython's `UnicodeEncodeError_str` and siblings);
/// `None` when the attributes are missing (not initialised: `str(exc)` is then "").
fn unicode_error_str(ts: &ThreadState, v: &Value) -> PyResult<Option<String>> {
    let t = &types().exc;
    let ty = v.class();
    let Some(object) = get_attr(ts, v, "object") else {
        return Ok(None);
    };
    let reason = protocols::str_string(ts, &get_attr(ts, v, "reason").unwrap_or_else(none))?;
    let encoding = protocols::str_string(ts, &get_attr(ts, v, "encoding").unwrap_or_else(none))?;
    let int_attr = |n: &str| {
        get_attr(ts, v, n)
            .and_then(|x| crate::objects::int::as_i64(&x))
            .unwrap_or(0)
    };
    let (start, end) = (int_attr("start"), int_attr("end"));
    let one = |len: usize| start >= 0 && (start as usize) < len && end == start + 1;
    if ty.is_subtype(t.unicode_decode_error) {
        let data = object
            .downcast::<crate::objects::bytes::PyBytes>()
            .map(|b| b.data.to_vec())
            .unwrap_or_default();
        if one(data.len()) {
            return Ok(Some(format!(
                "'{encoding}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
                data[start as usize]
            )));
        }
        return Ok(Some(format!(
            "'{encoding}' codec can't decode bytes in position {start}-{}: {reason}",
            end - 1
        )));
    }
    let cps = object
        .downcast::<crate::objects::str::PyStr>()
        .map(|s| s.to_cps())
        .unwrap_or_default();
    let prefix = if ty.is_subtype(t.unicode_encode_error) {
        format!("'{encoding}' codec can't encode")
    } else {
        "can't translate".to_string()
    };
    if one(cps.len()) {
        let c = cps[start as usize];
        let shown = if c <= 0xff {
            format!("\\x{c:02x}")
        } else if c <= 0xffff {
            format!("\\u{c:04x}")
        } else {
            format!("\\U{c:08x}")
        };
        return Ok(Some(format!(
            "{prefix} character '{shown}' in position {start}: {reason}"
        )));
    }
    Ok(Some(format!(
        "{prefix} characters in position {start}-{}: {reason}",
        end - 1
    )))
}

/// The OSError subclass CPython picks for an errno (`OSError(2, ...)` is FileNotFoundError).
fn oserror_subclass(errno: i64) -> Option<&'static crate::objects::typeobj::PyType> {
    let e = &types().exc;
    Some(match errno {
        1 | 13 => e.permission_error,
        2 => e.file_not_found_error,
        3 => e.process_lookup_error,
        4 => e.interrupted_error,
        10 => e.child_process_error,
        11 | 114 | 115 => e.blocking_io_error,
        17 => e.file_exists_error,
        20 => e.not_a_directory_error,
        21 => e.is_a_directory_error,
        32 | 108 => e.broken_pipe_error,
        103 => e.connection_aborted_error,
        104 => e.connection_reset_error,
        110 => e.timeout_error,
        111 => e.connection_refused_error,
        _ => return None,
    })
}

fn exc_new(ts: &ThreadState, cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let nkw = kw.map_or(0, |k| k.len());
    let pos = &args[..args.len() - nkw];
    let mut ty = cls.as_type();
    if ty.is(types().exc.os_error) && (2..=5).contains(&pos.len()) {
        if let Some(sub) = crate::objects::int::as_i64(&pos[0]).and_then(oserror_subclass) {
            ty = sub;
        }
    }
    let a = ts.new_tuple(pos.to_vec());
    crate::object::alloc(ts, ty, PyBaseException::new(a))
}

fn exc_init(ts: &ThreadState, v: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<()> {
    let nkw = kw.map_or(0, |k| k.len());
    let pos = &args[..args.len() - nkw];
    let ty = v.class();
    if nkw > 0 {
        if ty.is_subtype(types().exc.import_error) {
            for (k, x) in kw
                .map(|k| k.as_slice())
                .unwrap_or(&[])
                .iter()
                .zip(&args[pos.len()..])
            {
                let n = str_lossy(k);
                if n != "name" && n != "path" && n != "name_from" {
                    return Err(ts.type_error(format!(
                        "'{n}' is an invalid keyword argument for {}()",
                        ty.name()
                    )));
                }
                set_attr(ts, v, &n, x.clone());
            }
        } else if ty.is_subtype(types().exc.attribute_error)
            || ty.is_subtype(types().exc.name_error)
        {
            for (k, x) in kw
                .map(|k| k.as_slice())
                .unwrap_or(&[])
                .iter()
                .zip(&args[pos.len()..])
            {
                set_attr(ts, v, &str_lossy(k), x.clone());
            }
        } else {
            return Err(ts.type_error(format!("{}() takes no keyword arguments", ty.name())));
        }
    }
    if let Some(e) = exc_of(v) {
        // OSError(errno, strerror, filename, ...) keeps only (errno, strerror) in args.
        let keep = if (3..=5).contains(&pos.len()) && ty.is_subtype(types().exc.os_error) {
            2
        } else {
            pos.len()
        };
        let a = ts.new_tuple(pos[..keep].to_vec());
        let old = e.with(|s| s.args.replace(a));
        drop(old);
    }
    init_special(ts, v, pos)
}

/// `str(exc)`.
pub fn exc_str(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let e = exc_of(v).ok_or_else(|| ts.type_error("expected exception"))?;
    let t = types();
    let ty = v.class();
    let args = e.args();
    let a = args.as_tuple_slice();
    if ty.is_subtype(t.exc.key_error) && a.len() == 1 {
        return protocols::repr(ts, &a[0]);
    }
    if ty.is_subtype(t.exc.os_error) {
        let errno = get_attr(ts, v, "errno").unwrap_or_else(none);
        let strerror = get_attr(ts, v, "strerror").unwrap_or_else(none);
        let filename = get_attr(ts, v, "filename").unwrap_or_else(none);
        let filename2 = get_attr(ts, v, "filename2").unwrap_or_else(none);
        if !filename.is_none() && !filename2.is_none() {
            return Ok(ts.new_str(&format!(
                "[Errno {}] {}: {} -> {}",
                protocols::str_string(ts, &errno)?,
                protocols::str_string(ts, &strerror)?,
                protocols::repr_string(ts, &filename)?,
                protocols::repr_string(ts, &filename2)?
            )));
        }
        if !filename.is_none() {
            return Ok(ts.new_str(&format!(
                "[Errno {}] {}: {}",
                protocols::str_string(ts, &errno)?,
                protocols::str_string(ts, &strerror)?,
                protocols::repr_string(ts, &filename)?
            )));
        }
        if !errno.is_none() && !strerror.is_none() {
            return Ok(ts.new_str(&format!(
                "[Errno {}] {}",
                protocols::str_string(ts, &errno)?,
                protocols::str_string(ts, &strerror)?
            )));
        }
    }
    if ty.is_subtype(t.exc.unicode_error) && !ty.is(t.exc.unicode_error) {
        return Ok(ts.new_str(&unicode_error_str(ts, v)?.unwrap_or_default()));
    }
    if ty.is_subtype(t.exc.syntax_error) {
        let msg = get_attr(ts, v, "msg").unwrap_or_else(none);
        let msg_s = protocols::str_string(ts, &msg)?;
        let filename = get_attr(ts, v, "filename").filter(|f| !f.is_none());
        let lineno = get_attr(ts, v, "lineno").filter(|f| !f.is_none());
        let fname = filename.map(|f| {
            let s = str_lossy(&f);
            s.rsplit('/').next().unwrap_or(&s).to_string()
        });
        return Ok(ts.new_str(&match (fname, lineno) {
            (Some(f), Some(l)) => format!("{msg_s} ({f}, line {})", protocols::str_string(ts, &l)?),
            (Some(f), None) => format!("{msg_s} ({f})"),
            (None, Some(l)) => format!("{msg_s} (line {})", protocols::str_string(ts, &l)?),
            (None, None) => msg_s,
        }));
    }
    match a.len() {
        0 => Ok(ts.new_str("")),
        1 => protocols::str(ts, &a[0]),
        _ => protocols::str(ts, &args),
    }
}

fn exc_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let e = exc_of(v).ok_or_else(|| ts.type_error("expected exception"))?;
    let name = str_lossy(&v.class().qualname(ts));
    let name = if v.class().is_heap() {
        name
    } else {
        v.class().name()
    };
    let args = e.args();
    let a = args.as_tuple_slice();
    if a.len() == 1 {
        return Ok(ts.new_str(&format!("{name}({})", protocols::repr_string(ts, &a[0])?)));
    }
    Ok(ts.new_str(&format!("{name}{}", protocols::repr_string(ts, &args)?)))
}

fn g_args(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(exc_of(v).ok_or_else(|| ts.type_error("exception"))?.args())
}
fn s_args(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let x = x.ok_or_else(|| ts.type_error("args may not be deleted"))?;
    let t = ts.new_tuple(protocols::collect(ts, &x)?);
    if let Some(e) = exc_of(v) {
        let old = e.with(|s| s.args.replace(t));
        drop(old);
    }
    Ok(())
}
fn g_tb(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(exc_of(v).and_then(|e| e.traceback()).unwrap_or_else(none))
}
fn s_tb(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let x = x.ok_or_else(|| ts.type_error("__traceback__ may not be deleted"))?;
    if !x.is_none() && x.downcast::<PyTraceback>().is_none() {
        return Err(ts.type_error("__traceback__ must be a traceback or None"));
    }
    if let Some(e) = exc_of(v) {
        e.set_traceback(if x.is_none() { None } else { Some(x) });
    }
    Ok(())
}
fn g_cause(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(exc_of(v).and_then(|e| e.cause()).unwrap_or_else(none))
}
fn s_cause(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let x = x.ok_or_else(|| ts.type_error("__cause__ may not be deleted"))?;
    if !x.is_none() && exc_of(&x).is_none() {
        return Err(ts.type_error("exception cause must be None or derive from BaseException"));
    }
    if let Some(e) = exc_of(v) {
        e.set_cause(if x.is_none() { None } else { Some(x) });
    }
    Ok(())
}
fn g_context(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(exc_of(v).and_then(|e| e.context()).unwrap_or_else(none))
}
fn s_context(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let x = x.ok_or_else(|| ts.type_error("__context__ may not be deleted"))?;
    if let Some(e) = exc_of(v) {
        e.set_context(if x.is_none() { None } else { Some(x) });
    }
    Ok(())
}
fn g_suppress(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(py_bool(exc_of(v).is_some_and(|e| e.suppress_context())))
}
fn s_suppress(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let b = match x {
        Some(x) => protocols::is_true(ts, &x)?,
        None => false,
    };
    if let Some(e) = exc_of(v) {
        e.with(|s| s.suppress_context = b);
    }
    Ok(())
}
fn g_dict(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(exc_of(v)
        .ok_or_else(|| ts.type_error("exception"))?
        .dict(ts))
}

fn m_with_traceback(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [tb] = a.parse::<1>(ts, "with_traceback", &[""], 1)?;
    s_tb(ts, s, tb)?;
    Ok(s.clone())
}

fn m_add_note(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [n] = a.parse::<1>(ts, "add_note", &[""], 1)?;
    let n = n.expect("required");
    if n.downcast::<crate::objects::str::PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "add_note() argument must be str, not {}",
            n.class().name()
        )));
    }
    let e = PyErr::from_instance(s.clone());
    add_note(ts, &e, &str_lossy(&n));
    Ok(none())
}

fn m_reduce(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let e = exc_of(s).ok_or_else(|| ts.type_error("exception"))?;
    Ok(ts.new_tuple(vec![s.class().to_value(), e.args()]))
}

// --- traceback and frame objects ---

pub struct PyTraceback {
    pub next: Mutex<Option<Value>>,
    pub frame: Value,
    pub lasti: u32,
    pub lineno: i32,
}

impl PyPayload for PyTraceback {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.frame, t);
        if let Ok(g) = self.next.try_lock() {
            if let Some(v) = &*g {
                trace_value(v, t);
            }
        }
    }
    fn clear(&self) {
        let old = self.next.lock().ok().and_then(|mut g| g.take());
        drop(old);
    }
}

/// A frame snapshot: code, globals, line, and (for `f_locals`) the locals mapping if any.
pub struct PyFrameObj {
    pub code: Value,
    pub globals: Value,
    pub locals: Option<Value>,
    pub lineno: i32,
    pub lasti: u32,
    pub back: Option<Value>,
    /// The running frame this one was taken from (`sys._getframe`): its thread state's and
    /// its own address and stack index, only ever compared, never dereferenced. While that
    /// frame is still on its thread's stack, `f_lineno`/`f_lasti` read its current position.
    pub live: Option<(usize, usize, usize)>,
}

impl PyFrameObj {
    /// `(lineno, lasti)` now: the live frame's if it is still running and asked about from
    /// its own thread, else the snapshot's.
    fn position(&self, ts: &ThreadState) -> (i32, u32) {
        if let Some((tsa, idx, addr)) = self.live {
            if tsa == ts as *const ThreadState as usize {
                if let Ok(frames) = ts.frames.try_borrow() {
                    if let Some(f) = frames.get(idx) {
                        let f: &crate::interp::frame::Frame = f;
                        if f as *const _ as usize == addr && f.code.is(&self.code) {
                            let loc = f.code().unit.location(f.lasti as u32);
                            return (loc.lineno, f.lasti as u32);
                        }
                    }
                }
            }
        }
        (self.lineno, self.lasti)
    }
}

impl PyPayload for PyFrameObj {
    const GC: bool = true;
    fn trace(&self, t: &mut Tracer<'_>) {
        trace_value(&self.code, t);
        trace_value(&self.globals, t);
        if let Some(l) = &self.locals {
            trace_value(l, t);
        }
        if let Some(b) = &self.back {
            trace_value(b, t);
        }
    }
}

pub fn new_traceback(
    ts: &ThreadState,
    next: Option<Value>,
    frame: Value,
    lasti: u32,
    lineno: i32,
) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        types().traceback,
        PyTraceback {
            next: Mutex::new(next),
            frame,
            lasti,
            lineno,
        },
    )
}

pub fn new_frame_obj(
    ts: &ThreadState,
    code: Value,
    globals: Value,
    locals: Option<Value>,
    lineno: i32,
    lasti: u32,
    back: Option<Value>,
) -> PyResult<Value> {
    crate::object::alloc(
        ts,
        types().frame,
        PyFrameObj {
            code,
            globals,
            locals,
            lineno,
            lasti,
            back,
            live: None,
        },
    )
}

/// A frame object for running frame `f`, at index `idx` of this thread's stack, that follows
/// its line while it runs (`sys._getframe`).
pub fn new_live_frame_obj(
    ts: &ThreadState,
    f: &crate::interp::frame::Frame,
    idx: usize,
    locals: Value,
    back: Option<Value>,
) -> PyResult<Value> {
    let lasti = f.lasti as u32;
    crate::object::alloc(
        ts,
        types().frame,
        PyFrameObj {
            code: f.code.clone(),
            globals: f.globals.clone(),
            locals: Some(locals),
            lineno: f.code().unit.location(lasti).lineno,
            lasti,
            back,
            live: Some((
                ts as *const ThreadState as usize,
                idx,
                f as *const crate::interp::frame::Frame as usize,
            )),
        },
    )
}

fn tb_of(v: &Value) -> &PyTraceback {
    // SAFETY: getsets installed on traceback only.
    unsafe { v.payload_unchecked::<PyTraceback>() }
}
fn tb_next(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(tb_of(v)
        .next
        .lock()
        .ok()
        .and_then(|g| g.clone())
        .unwrap_or_else(none))
}
fn tb_set_next(ts: &ThreadState, v: &Value, x: Option<Value>) -> PyResult<()> {
    let x = x.filter(|x| !x.is_none());
    if let Some(n) = &x {
        if n.downcast::<PyTraceback>().is_none() {
            return Err(ts.type_error("expected traceback object or None"));
        }
    }
    let old = tb_of(v)
        .next
        .lock()
        .ok()
        .map(|mut g| std::mem::replace(&mut *g, x));
    drop(old);
    Ok(())
}
fn tb_frame(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(tb_of(v).frame.clone())
}
fn tb_lineno(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_int(tb_of(v).lineno as i64))
}
fn tb_lasti(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_int(tb_of(v).lasti as i64 * 2))
}

fn fr_of(v: &Value) -> &PyFrameObj {
    // SAFETY: getsets installed on frame only.
    unsafe { v.payload_unchecked::<PyFrameObj>() }
}
fn f_code(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(fr_of(v).code.clone())
}
fn f_globals(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(fr_of(v).globals.clone())
}
fn f_locals(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(fr_of(v).locals.clone().unwrap_or_else(|| ts.new_dict()))
}
fn f_lineno(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_int(fr_of(v).position(ts).0 as i64))
}
fn f_lasti(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(ts.new_int(fr_of(v).position(ts).1 as i64 * 2))
}
fn f_back(_ts: &ThreadState, v: &Value) -> PyResult<Value> {
    Ok(fr_of(v).back.clone().unwrap_or_else(none))
}
fn f_builtins(ts: &ThreadState, _v: &Value) -> PyResult<Value> {
    Ok(ts.rt.builtins_dict().clone())
}
/// `frame.clear()`: these frame objects are snapshots that hold no locals of their own, so
/// there is nothing to drop (`traceback.clear_frames`, unittest's `assertRaises`).
fn m_frame_clear(ts: &ThreadState, _v: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    a.none(ts, "clear")?;
    Ok(none())
}
fn frame_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let f = fr_of(v);
    let c = f.code.downcast::<crate::objects::code::PyCode>();
    Ok(ts.new_str(&format!(
        "<frame at {:#x}, file '{}', line {}, code {}>",
        v.identity(),
        c.map(|c| c.unit.filename.to_string()).unwrap_or_default(),
        f.position(ts).0,
        c.map(|c| c.unit.name.to_string()).unwrap_or_default()
    )))
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_getset, add_method};
    let b = types().exc.base_exception;
    let s = &b.slots;
    s.new.set(Some(exc_new));
    s.init.set(Some(exc_init));
    s.str.set(Some(exc_str));
    s.repr.set(Some(exc_repr));
    add_getset(ts, b, "args", g_args, Some(s_args));
    add_getset(ts, b, "__traceback__", g_tb, Some(s_tb));
    add_getset(ts, b, "__cause__", g_cause, Some(s_cause));
    add_getset(ts, b, "__context__", g_context, Some(s_context));
    add_getset(ts, b, "__suppress_context__", g_suppress, Some(s_suppress));
    add_getset(ts, b, "__dict__", g_dict, None);
    add_method(ts, b, "with_traceback", m_with_traceback);
    add_method(ts, b, "add_note", m_add_note);
    add_method(ts, b, "__reduce__", m_reduce);
    let tb = types().traceback;
    add_getset(ts, tb, "tb_next", tb_next, Some(tb_set_next));
    add_getset(ts, tb, "tb_frame", tb_frame, None);
    add_getset(ts, tb, "tb_lineno", tb_lineno, None);
    add_getset(ts, tb, "tb_lasti", tb_lasti, None);
    let fr = types().frame;
    fr.slots.repr.set(Some(frame_repr));
    add_getset(ts, fr, "f_code", f_code, None);
    add_getset(ts, fr, "f_globals", f_globals, None);
    add_getset(ts, fr, "f_locals", f_locals, None);
    add_getset(ts, fr, "f_lineno", f_lineno, None);
    add_getset(ts, fr, "f_lasti", f_lasti, None);
    add_getset(ts, fr, "f_back", f_back, None);
    add_getset(ts, fr, "f_builtins", f_builtins, None);
    add_method(ts, fr, "clear", m_frame_clear);
    let _ = names();
}
