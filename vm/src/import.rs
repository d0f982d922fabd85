//! The import system: `sys.modules`, native modules, `.py` modules and packages (regular and
//! namespace) found on `sys.path` / a package's `__path__`, relative imports, `from x import *`,
//! and per-module import locks (no global import lock is held while a module body runs).
//!
//! Entry points: [`import_full`] (`__import__`), [`import_module`], [`compile_source`],
//! [`run_main_source`].

use crate::errors::{PyErr, PyResult};
use crate::interp::frame::Frame;
use crate::objects::dict::PyDict;
use crate::objects::module::PyModule;
use crate::objects::str::{str_lossy, PyStr};
use crate::protocols;
use crate::runtime::{names, none, py_bool, types};
use crate::thread_state::ThreadState;
use crate::value::Value;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

/// A per-module import lock: owned by the importing thread while the module body runs.
pub struct ImportLock {
    owner: Mutex<Option<u64>>,
    cv: Condvar,
}

impl ImportLock {
    fn new() -> Self {
        ImportLock {
            owner: Mutex::new(None),
            cv: Condvar::new(),
        }
    }
}

fn lock_for(ts: &ThreadState, name: &str) -> Arc<ImportLock> {
    let mut m = match ts.rt.import_locks.lock() {
        Ok(m) => m,
        Err(p) => p.into_inner(),
    };
    m.entry(name.to_string())
        .or_insert_with(|| Arc::new(ImportLock::new()))
        .clone()
}

/// Waits (detached) until no other thread is importing `name`; returns whether we took the
/// lock (false: this thread already holds it, a circular import).
fn acquire_import(ts: &ThreadState, l: &ImportLock) -> bool {
    let me = ts.ident;
    ts.detached(|| {
        let mut g = match l.owner.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        loop {
            match *g {
                None => {
                    *g = Some(me);
                    return true;
                }
                Some(o) if o == me => return false,
                Some(_) => {
                    g = match l.cv.wait(g) {
                        Ok(g) => g,
                        Err(p) => p.into_inner(),
                    }
                }
            }
        }
    })
}

fn release_import(l: &ImportLock) {
    if let Ok(mut g) = l.owner.lock() {
        *g = None;
    }
    l.cv.notify_all();
}

fn sys_modules(ts: &ThreadState) -> &PyDict {
    ts.rt
        .sys_modules()
        .downcast::<PyDict>()
        .expect("sys.modules is a dict")
}

/// A SyntaxError exception value for a frontend error.
pub fn syntax_error_value(ts: &ThreadState, e: &frontend::SyntaxError) -> PyErr {
    syntax_error_at(ts, e, "<unknown>", None)
}

pub fn syntax_error_at(
    ts: &ThreadState,
    e: &frontend::SyntaxError,
    filename: &str,
    source: Option<&str>,
) -> PyErr {
    syntax_error_full(ts, e, filename, source, ErrorText::Source)
}

/// Where a SyntaxError's `text` comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ErrorText {
    /// The parser's line, with a newline (exec mode appends one to the source).
    Source,
    /// The parser's line as the source has it (eval and single modes append nothing).
    SourceAsIs,
    /// The compiler's: the line read back from the file `filename`, else None (CPython's
    /// `PyErr_ProgramTextObject`).
    Program,
}

/// A SyntaxError exception value for a frontend error, its offsets and `text` as CPython
/// words them (1-based character offsets; the quirks of some messages noted below).
pub fn syntax_error_full(
    ts: &ThreadState,
    e: &frontend::SyntaxError,
    filename: &str,
    source: Option<&str>,
    text_from: ErrorText,
) -> PyErr {
    let t = types();
    let ty = match e.kind {
        frontend::ErrorKind::IndentationError => t.exc.indentation_error,
        frontend::ErrorKind::TabError => t.exc.tab_error,
        frontend::ErrorKind::SyntaxError => t.exc.syntax_error,
        _ => t.exc.syntax_error,
    };
    // The line `n` without its line break, and whether the source has one after it.
    let nth = |s: &str, n: u32| -> Option<(String, bool)> {
        let l = s.split_inclusive('\n').nth((n as usize).checked_sub(1)?)?;
        let body = l.trim_end_matches('\n').trim_end_matches('\r');
        Some((body.to_string(), l.ends_with('\n')))
    };
    let line = source.and_then(|s| nth(s, e.lineno));
    let end_line = source.and_then(|s| nth(s, e.end_lineno));
    // A byte column to a 1-based character offset; columns past the text count the newline.
    let to_chars = |col: u32, l: &Option<(String, bool)>| -> i64 {
        let col = col as usize;
        match l {
            Some((s, _)) if col > s.len() => s.chars().count() as i64 + (col - s.len()) as i64 + 1,
            Some((s, _)) => s.get(..col).map_or(col, |p| p.chars().count()) as i64 + 1,
            None => col as i64 + 1,
        }
    };
    let mut offset = to_chars(e.col, &line);
    let mut end_offset = to_chars(e.end_col, &end_line);
    // The tokenizer's errors that quote its buffer up to where it stopped (no line break).
    const BUFFER_ERRORS: [&str; 10] = [
        "unterminated ",
        "invalid decimal literal",
        "invalid hexadecimal literal",
        "invalid octal literal",
        "invalid binary literal",
        "invalid digit",
        "f-string",
        "t-string",
        "unmatched ",
        "closing parenthesis",
    ];
    let tokenizer_text = BUFFER_ERRORS.iter().any(|p| e.msg.starts_with(p));
    let never_closed = e.msg.ends_with("was never closed");
    if never_closed
        || e.msg == "unexpected character after line continuation character"
        || e.msg == "inconsistent use of tabs and spaces in indentation"
    {
        // CPython's tokenizer raises it with no end column.
        end_offset = 0;
    }
    if e.kind == frontend::ErrorKind::IndentationError
        && (e.msg == "unexpected indent" || e.msg.starts_with("unindent does not match"))
    {
        end_offset = -1;
    }
    let at_eof_unterminated = line
        .as_ref()
        .is_some_and(|(l, nl)| !nl && e.col as usize >= l.len());
    if text_from == ErrorText::SourceAsIs && at_eof_unterminated && !tokenizer_text && !never_closed
    {
        // eval/single: an error at the end of a source without a final newline.
        offset = 0;
        end_offset = 0;
    }
    let text = match text_from {
        ErrorText::Program => std::fs::read_to_string(filename)
            .ok()
            .and_then(|s| nth(&s, e.lineno))
            .map(|(l, _)| ts.new_str(&format!("{l}\n"))),
        _ => line.as_ref().map(|(l, nl)| {
            // The tokenizer's own errors quote its buffer: the line without its break when
            // it has read past it (or stopped inside it), as an unclosed bracket's earlier
            // line or an unterminated string.
            let later_lines = source
                .is_some_and(|s| s.trim_end_matches('\n').lines().count() > e.lineno as usize);
            let bare = tokenizer_text
                || (never_closed && later_lines)
                || (text_from == ErrorText::SourceAsIs && !nl);
            if bare {
                ts.new_str(l)
            } else {
                ts.new_str(&format!("{l}\n"))
            }
        }),
    }
    .unwrap_or_else(none);
    let info = ts.new_tuple(vec![
        ts.new_str(filename),
        ts.new_int(e.lineno as i64),
        ts.new_int(offset),
        text,
        ts.new_int(e.end_lineno as i64),
        ts.new_int(end_offset),
    ]);
    ts.new_error_args(ty, vec![ts.new_str(&e.msg), info])
}

/// Compiles source text to a code object.
pub fn compile_source(
    ts: &ThreadState,
    text: &str,
    filename: &str,
    mode: frontend::Mode,
) -> PyResult<Value> {
    let parsed = frontend::parser::parse(text, mode);
    let (m, warnings) = match parsed {
        Ok(r) => r,
        Err(e) => {
            let text_from = match mode {
                frontend::Mode::Exec => ErrorText::Source,
                _ => ErrorText::SourceAsIs,
            };
            return Err(syntax_error_full(ts, &e, filename, Some(text), text_from));
        }
    };
    // As CPython, the tokenizer's and parser's warnings come out before the compiler's.
    use crate::builtins::compile::emit_syntax_warnings;
    emit_syntax_warnings(ts, filename, Some(text), &warnings)?;
    let level = ts.rt.sys_state.optimize();
    let (unit, warnings) = frontend::compile_module_with_warnings(&m, filename, mode, level)
        .map_err(|e| syntax_error_full(ts, &e, filename, Some(text), ErrorText::Program))?;
    emit_syntax_warnings(ts, filename, None, &warnings)?;
    crate::objects::code::new_code(ts, Arc::new(unit))
}

/// Where a module was found.
enum Found {
    Native,
    Source {
        file: PathBuf,
        package_dir: Option<PathBuf>,
    },
    Namespace(Vec<PathBuf>),
}

fn path_strings(ts: &ThreadState, v: &Value) -> Vec<String> {
    protocols::collect(ts, v)
        .unwrap_or_default()
        .iter()
        .filter(|x| x.downcast::<PyStr>().is_some())
        .map(str_lossy)
        .collect()
}

fn find(ts: &ThreadState, name: &str, search: &[String]) -> Option<Found> {
    let last = name.rsplit('.').next().unwrap_or(name);
    if !name.contains('.') && crate::builtins::modules::BUILTIN_MODULES.contains(&name) {
        return Some(Found::Native);
    }
    if !name.contains('.') {
        let reg = ts
            .rt
            .native_modules
            .lock()
            .map(|m| m.contains_key(name))
            .unwrap_or(false);
        if reg {
            return Some(Found::Native);
        }
    }
    let mut ns = Vec::new();
    for dir in search {
        let base = if dir.is_empty() {
            Path::new(".").to_path_buf()
        } else {
            PathBuf::from(dir)
        };
        let pkg = base.join(last);
        let init = pkg.join("__init__.py");
        if init.is_file() {
            return Some(Found::Source {
                file: init,
                package_dir: Some(pkg),
            });
        }
        let file = base.join(format!("{last}.py"));
        if file.is_file() {
            return Some(Found::Source {
                file,
                package_dir: None,
            });
        }
        if pkg.is_dir() {
            ns.push(pkg);
        }
    }
    if !ns.is_empty() {
        return Some(Found::Namespace(ns));
    }
    None
}

fn module_not_found(ts: &ThreadState, name: &str) -> PyErr {
    named_module_not_found(ts, name, format!("No module named '{name}'"))
}

/// A ModuleNotFoundError with `msg` and `.name` set.
fn named_module_not_found(ts: &ThreadState, name: &str, msg: String) -> PyErr {
    let e = ts.new_error(types().exc.module_not_found_error, msg);
    if let Some(x) = e
        .value()
        .downcast::<crate::objects::exceptions::PyBaseException>()
    {
        if let Some(d) = x.dict(ts).downcast::<PyDict>() {
            d.set_str(ts, "name", ts.new_str(name));
        }
    }
    e
}

/// Imports the module with absolute dotted name `name` (and its parents).
pub fn import_module(ts: &ThreadState, name: &str) -> PyResult<Value> {
    let key = ts.intern(name);
    if let Some(m) = sys_modules(ts).get_item_str(ts, &key) {
        if m.is_none() {
            return Err(named_module_not_found(
                ts,
                name,
                format!("import of {name} halted; None in sys.modules"),
            ));
        }
        // Another thread may still be running its body: wait for it.
        let l = lock_for(ts, name);
        let busy = l
            .owner
            .lock()
            .map(|g| g.is_some_and(|o| o != ts.ident))
            .unwrap_or(false);
        if busy && acquire_import(ts, &l) {
            release_import(&l);
        }
        return Ok(sys_modules(ts).get_item_str(ts, &key).unwrap_or(m));
    }
    let (parent, search) = match name.rsplit_once('.') {
        Some((p, _)) => {
            let pm = import_module(ts, p)?;
            if let Some(m) = sys_modules(ts).get_item_str(ts, &key) {
                return Ok(m);
            }
            let path = protocols::get_attr_opt(ts, &pm, &names().__path__)?;
            let Some(path) = path else {
                return Err(named_module_not_found(
                    ts,
                    name,
                    format!("No module named '{name}'; '{p}' is not a package"),
                ));
            };
            (Some(pm), path_strings(ts, &path))
        }
        None => {
            let sp = crate::builtins::sys::sys_attr(ts, "path")
                .map(|p| path_strings(ts, &p))
                .unwrap_or_default();
            (None, sp)
        }
    };
    let l = lock_for(ts, name);
    let took = acquire_import(ts, &l);
    let r = (|| {
        if let Some(m) = sys_modules(ts).get_item_str(ts, &key) {
            return Ok(m);
        }
        let found = find(ts, name, &search).ok_or_else(|| module_not_found(ts, name))?;
        load(ts, name, found)
    })();
    if took {
        release_import(&l);
    }
    let m = r?;
    if let Some(pm) = parent {
        let child = name.rsplit('.').next().unwrap_or(name);
        let _ = protocols::set_attr(ts, &pm, &ts.intern(child), m.clone());
    }
    Ok(m)
}

fn load(ts: &ThreadState, name: &str, found: Found) -> PyResult<Value> {
    if std::env::var_os("LADON_TRACE_IMPORT").is_some() {
        eprintln!("[import {name}]");
    }
    let key = ts.intern(name);
    match found {
        Found::Native => {
            let m = match crate::builtins::modules::create_native(ts, name) {
                Some(r) => r?,
                None => match name {
                    "sys" => ts
                        .rt
                        .sys
                        .get()
                        .cloned()
                        .ok_or_else(|| module_not_found(ts, name))?,
                    "builtins" => ts
                        .rt
                        .builtins
                        .get()
                        .cloned()
                        .ok_or_else(|| module_not_found(ts, name))?,
                    _ => return Err(module_not_found(ts, name)),
                },
            };
            sys_modules(ts).set_item(ts, key, m.clone())?;
            // `_imp` (which makes specs) may itself be loading: then importlib's `_setup`
            // gives builtin modules their specs later, as CPython's does.
            if let Some(imp) = sys_modules(ts).get_item_str(ts, &ts.intern("_imp")) {
                if let Some(md) = m.downcast::<PyModule>() {
                    if md
                        .dict()
                        .get_item_str(ts, &names().__spec__)
                        .is_none_or(|s| s.is_none())
                    {
                        let spec = new_spec(ts, &imp, name, Some("built-in"), None, true)?;
                        md.dict().set_item(ts, names().__spec__.clone(), spec)?;
                    }
                }
            }
            Ok(m)
        }
        Found::Namespace(dirs) => {
            let imp = import_module(ts, "_imp")?;
            let m = crate::objects::module::new_module(ts, name)?;
            let md = m.downcast::<PyModule>().expect("module").dict();
            let paths: Vec<Value> = dirs
                .iter()
                .map(|d| ts.new_str(&d.display().to_string()))
                .collect();
            let ns_path = protocols::call(
                ts,
                &protocols::get_attr_str(ts, &imp, "_NamespacePath")?,
                &[ts.new_str(name), ts.new_list(paths)],
                None,
            )?;
            let spec = new_spec(ts, &imp, name, None, Some(ns_path.clone()), false)?;
            md.set_item(ts, names().__file__.clone(), none())?;
            md.set_item(ts, names().__path__.clone(), ns_path)?;
            md.set_item(ts, names().__package__.clone(), ts.new_str(name))?;
            md.set_item(ts, names().__spec__.clone(), spec)?;
            md.set_item(ts, ts.intern("__loader__"), none())?;
            sys_modules(ts).set_item(ts, key, m.clone())?;
            Ok(m)
        }
        Found::Source { file, package_dir } => {
            let bytes = ts
                .detached(|| std::fs::read(&file))
                .map_err(|e| ts.import_error(format!("{}: {e}", file.display())))?;
            let fname = file.display().to_string();
            let text = frontend::decode_source(&bytes)
                .map_err(|e| syntax_error_at(ts, &e, &fname, None))?;
            let code = compile_source(ts, &text, &fname, frontend::Mode::Exec)?;
            let imp = import_module(ts, "_imp")?;
            let m = crate::objects::module::new_module(ts, name)?;
            let md_v = m.downcast::<PyModule>().expect("module").dict.clone();
            let md = md_v.downcast::<PyDict>().expect("dict");
            md.set_item(ts, names().__file__.clone(), ts.new_str(&fname))?;
            md.set_item(
                ts,
                names().__builtins__.clone(),
                ts.rt.builtins.get().cloned().unwrap_or_else(none),
            )?;
            let search = match &package_dir {
                Some(dir) => {
                    let path = ts.new_list(vec![ts.new_str(&dir.display().to_string())]);
                    md.set_item(ts, names().__path__.clone(), path.clone())?;
                    md.set_item(ts, names().__package__.clone(), ts.new_str(name))?;
                    Some(path)
                }
                None => {
                    let pkg = name.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
                    md.set_item(ts, names().__package__.clone(), ts.new_str(pkg))?;
                    None
                }
            };
            let spec = new_spec(ts, &imp, name, Some(&fname), search, false)?;
            md.set_item(ts, names().__spec__.clone(), spec.clone())?;
            md.set_item(ts, ts.intern("__loader__"), none())?;
            // Like importlib's `_load_unlocked`: `from m import x` on a module whose body is
            // still running reports a circular import.
            let initializing = ts.intern("_initializing");
            protocols::set_attr(ts, &spec, &initializing, py_bool(true))?;
            sys_modules(ts).set_item(ts, key.clone(), m.clone())?;
            let r = crate::interp::eval::run_code(ts, &code, md_v.clone(), Some(md_v.clone()));
            let _ = protocols::set_attr(ts, &spec, &initializing, py_bool(false));
            if let Err(e) = r {
                let _ = sys_modules(ts).del_item(ts, &key);
                return Err(e);
            }
            Ok(sys_modules(ts).get_item_str(ts, &key).unwrap_or(m))
        }
    }
}

/// `_imp._spec(name, origin, search_locations, builtin)`: a `ModuleSpec`.
fn new_spec(
    ts: &ThreadState,
    imp: &Value,
    name: &str,
    origin: Option<&str>,
    search_locations: Option<Value>,
    builtin: bool,
) -> PyResult<Value> {
    let f = protocols::get_attr_str(ts, imp, "_spec")?;
    let args = [
        ts.new_str(name),
        origin.map_or_else(none, |o| ts.new_str(o)),
        search_locations.unwrap_or_else(none),
        py_bool(builtin),
    ];
    protocols::call(ts, &f, &args, None)
}

/// Whether `m.__spec__._initializing` is true (its body is running).
fn is_initializing(ts: &ThreadState, m: &Value) -> bool {
    let Ok(Some(spec)) = protocols::get_attr_opt(ts, m, &names().__spec__) else {
        return false;
    };
    match protocols::get_attr_opt(ts, &spec, &ts.intern("_initializing")) {
        Ok(Some(v)) => protocols::is_true(ts, &v).unwrap_or(false),
        _ => false,
    }
}

/// The package a relative import is relative to.
fn resolve_name(
    ts: &ThreadState,
    name: &str,
    globals: Option<&Value>,
    level: i64,
) -> PyResult<String> {
    if level == 0 {
        return Ok(name.to_string());
    }
    let g = globals.and_then(|g| g.downcast::<PyDict>());
    let package = g
        .and_then(|g| g.get_item_str(ts, &names().__package__))
        .filter(|p| !p.is_none());
    let package = match package {
        Some(p) => str_lossy(&p),
        None => {
            let modname = g
                .and_then(|g| g.get_item_str(ts, &names().__name__))
                .map(|n| str_lossy(&n))
                .unwrap_or_default();
            let is_pkg = g.is_some_and(|g| g.get_item_str(ts, &names().__path__).is_some());
            if is_pkg {
                modname
            } else {
                modname
                    .rsplit_once('.')
                    .map(|(p, _)| p.to_string())
                    .unwrap_or_default()
            }
        }
    };
    if package.is_empty() {
        return Err(ts.import_error("attempted relative import with no known parent package"));
    }
    let parts: Vec<&str> = package.split('.').collect();
    if (level as usize) > parts.len() {
        return Err(ts.import_error("attempted relative import beyond top-level package"));
    }
    let base = parts[..parts.len() - (level as usize - 1)].join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{base}.{name}")
    })
}

/// `__import__(name, globals, locals, fromlist, level)`.
pub fn import_full(
    ts: &ThreadState,
    name: &Value,
    globals: Option<&Value>,
    fromlist: &Value,
    level: i64,
) -> PyResult<Value> {
    let n = name.downcast::<PyStr>().ok_or_else(|| {
        ts.type_error(format!(
            "module name must be str, not {}",
            name.class().name()
        ))
    })?;
    let n = n.to_string_lossy();
    if level < 0 {
        return Err(ts.value_error("level must be >= 0"));
    }
    if n.is_empty() && level == 0 {
        return Err(ts.value_error("Empty module name"));
    }
    let abs = resolve_name(ts, &n, globals, level)?;
    let m = import_module(ts, &abs)?;
    let from: Vec<Value> = if fromlist.is_none() {
        vec![]
    } else {
        protocols::collect(ts, fromlist)?
    };
    if from.is_empty() {
        if level == 0 {
            let top = abs.split('.').next().unwrap_or(&abs);
            return import_module(ts, top);
        }
        if n.is_empty() {
            return Ok(m);
        }
        let top_len = n.split('.').next().map_or(0, |t| t.len());
        let cut = abs.len() - (n.len() - top_len);
        return import_module(ts, &abs[..cut]);
    }
    if protocols::get_attr_opt(ts, &m, &names().__path__)?.is_some() {
        for x in &from {
            let xs = str_lossy(x);
            if xs == "*" {
                if let Some(all) = protocols::get_attr_opt(ts, &m, &names().__all__)? {
                    for y in protocols::collect(ts, &all)? {
                        let ys = str_lossy(&y);
                        if protocols::get_attr_opt(ts, &m, &y)?.is_none() {
                            let _ = import_submodule_opt(ts, &abs, &ys)?;
                        }
                    }
                }
                continue;
            }
            if protocols::get_attr_opt(ts, &m, &ts.intern(&xs))?.is_none() {
                import_submodule_opt(ts, &abs, &xs)?;
            }
        }
    }
    Ok(m)
}

fn import_submodule_opt(ts: &ThreadState, pkg: &str, name: &str) -> PyResult<Option<Value>> {
    let full = format!("{pkg}.{name}");
    match import_module(ts, &full) {
        Ok(m) => Ok(Some(m)),
        Err(e) if e.matches(types().exc.module_not_found_error) => {
            let en = protocols::get_attr_opt(ts, e.value(), &names().name)?.map(|n| str_lossy(&n));
            if en.as_deref() == Some(full.as_str()) {
                Ok(None)
            } else {
                Err(e)
            }
        }
        Err(e) => Err(e),
    }
}

/// IMPORT_NAME.
pub fn import_name(
    ts: &ThreadState,
    f: &Frame,
    name: &Value,
    fromlist: &Value,
    level: &Value,
) -> PyResult<Value> {
    let level = crate::objects::int::as_i64(level).unwrap_or(0);
    // A user-replaced builtins.__import__ is honoured.
    let imp = f
        .builtins
        .downcast::<PyDict>()
        .and_then(|b| b.get_item_str(ts, &names().__import__));
    if let Some(imp) = imp {
        let is_ours = imp
            .downcast::<crate::objects::builtin_func::PyBuiltinFunction>()
            .is_some();
        if !is_ours {
            let locals = f.locals.clone().unwrap_or_else(none);
            return protocols::call(
                ts,
                &imp,
                &[
                    name.clone(),
                    f.globals.clone(),
                    locals,
                    fromlist.clone(),
                    ts.new_int(level),
                ],
                None,
            );
        }
    }
    import_full(ts, name, Some(&f.globals), fromlist, level)
}

/// IMPORT_FROM.
pub fn import_from(ts: &ThreadState, m: &Value, name: &Value) -> PyResult<Value> {
    if let Some(v) = protocols::get_attr_opt(ts, m, name)? {
        return Ok(v);
    }
    let modname = protocols::get_attr_opt(ts, m, &names().__name__)?.map(|n| str_lossy(&n));
    if let Some(mn) = &modname {
        let full = format!("{mn}.{}", str_lossy(name));
        if let Some(v) = sys_modules(ts).get_item_str(ts, &ts.intern(&full)) {
            return Ok(v);
        }
    }
    let file = protocols::get_attr_opt(ts, m, &names().__file__)?
        .filter(|f| !f.is_none())
        .map(|f| str_lossy(&f));
    let mn = modname.unwrap_or_else(|| "<unknown module name>".into());
    let place = file.unwrap_or_else(|| "unknown location".into());
    let msg = if is_initializing(ts, m) {
        format!(
            "cannot import name '{}' from partially initialized module '{mn}' (most likely due to a circular import) ({place})",
            str_lossy(name)
        )
    } else {
        format!(
            "cannot import name '{}' from '{mn}' ({place})",
            str_lossy(name)
        )
    };
    let e = ts.import_error(msg);
    if let Some(x) = e
        .value()
        .downcast::<crate::objects::exceptions::PyBaseException>()
    {
        if let Some(d) = x.dict(ts).downcast::<PyDict>() {
            d.set_str(ts, "name", ts.new_str(&mn));
            d.set_str(ts, "name_from", name.clone());
        }
    }
    Err(e)
}

/// `from m import *` into the frame's locals.
pub fn import_star(ts: &ThreadState, f: &Frame, m: &Value) -> PyResult<()> {
    let locals = f.locals.clone().ok_or_else(|| {
        ts.new_error(
            types().exc.system_error,
            "no locals found during 'import *'",
        )
    })?;
    let (names_, check_private) = match protocols::get_attr_opt(ts, m, &names().__all__)? {
        Some(all) => (protocols::collect(ts, &all)?, false),
        None => {
            let d = protocols::get_attr(ts, m, &names().__dict__)?;
            (protocols::collect(ts, &d)?, true)
        }
    };
    for n in names_ {
        if check_private && str_lossy(&n).starts_with('_') {
            continue;
        }
        let v = protocols::get_attr(ts, m, &n)?;
        protocols::set_item(ts, &locals, &n, v)?;
    }
    Ok(())
}

pub fn is_stdlib_module_name(name: &str) -> bool {
    crate::builtins::sys::STDLIB_MODULE_NAMES.contains(&name)
}

/// Runs `text` as the `__main__` module (a script, `-c` or stdin).
pub fn run_main_source(ts: &ThreadState, text: &str, filename: &str) -> PyResult<()> {
    let code = compile_source(ts, text, filename, frontend::Mode::Exec)?;
    if filename == "<string>" {
        // Tracebacks show a `-c` program's lines (CPython 3.14 registers it in linecache as
        // "<string>", so code exec'd under that name shows them too); stdin's they don't.
        ts.rt.register_source(filename, text);
    }
    let m = crate::objects::module::new_module(ts, "__main__")?;
    let md_v = m.downcast::<PyModule>().expect("module").dict.clone();
    let md = md_v.downcast::<PyDict>().expect("dict");
    md.set_item(
        ts,
        names().__builtins__.clone(),
        ts.rt.builtins.get().cloned().unwrap_or_else(none),
    )?;
    if !filename.starts_with('<') {
        md.set_item(ts, names().__file__.clone(), ts.new_str(filename))?;
    }
    sys_modules(ts).set_item(ts, ts.intern("__main__"), m)?;
    crate::interp::eval::run_code(ts, &code, md_v.clone(), Some(md_v))?;
    Ok(())
}
