//! Native modules whose body is Python source run at import (a stop-gap for C modules whose
//! types need Rust payloads the VM cannot yet register from outside `vm/`).
//!
//! The source is compiled and executed in the new module's dict by the builtins `compile` and
//! `exec`, after the module's Rust functions are installed, so the Python part can use them.

// The C modules run from stdlib sources live beside this file; declared here so that lib.rs
// only needs their registration line.
#[path = "_decimal/mod.rs"]
pub(crate) mod _decimal;

use vm::builtins::modules::new_native_module;
use vm::objects::builtin_func::BuiltinFn;
use vm::objects::dict::PyDict;
use vm::{protocols, PyResult, ThreadState, Value};

/// A module named `name` with the Rust functions `fns`, then `src` run in its namespace.
pub(crate) fn module_from_source(
    ts: &ThreadState,
    name: &str,
    fns: &[(&str, BuiltinFn)],
    src: &str,
) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, name, fns)?;
    exec_source(ts, src, &format!("<frozen {name}>"), &d)?;
    Ok(m)
}

/// Runs Python `src` in the namespace `ns` (a dict), compiled under `filename`.
///
/// Every embedded body gets its own file name (CPython names frozen modules `<frozen NAME>`):
/// under the `exec` default "<string>" its lines would shadow those of a `-c` program in
/// tracebacks.
pub(crate) fn exec_source(ts: &ThreadState, src: &str, filename: &str, ns: &Value) -> PyResult<()> {
    let builtins = ts.rt.builtins_dict().downcast::<PyDict>();
    let builtin = |f: &str| {
        builtins
            .and_then(|b| b.get_str(ts, f))
            .ok_or_else(|| ts.runtime_error(format!("builtins.{f} is missing")))
    };
    let args = [ts.new_str(src), ts.new_str(filename), ts.new_str("exec")];
    let code = protocols::call(ts, &builtin("compile")?, &args, None)?;
    protocols::call(ts, &builtin("exec")?, &[code, ns.clone()], None)?;
    Ok(())
}

/// [`exec_source`] for a module's dict `d`, under the file name `<frozen NAME>` taken from its
/// `__name__`.
pub(crate) fn exec_in_module(ts: &ThreadState, src: &str, d: &Value) -> PyResult<()> {
    let name = d
        .downcast::<PyDict>()
        .and_then(|m| m.get_str(ts, "__name__"))
        .map(|n| vm::objects::str::str_lossy(&n))
        .unwrap_or_else(|| "module".to_string());
    exec_source(ts, src, &format!("<frozen {name}>"), d)
}

/// A C module of CPython's that Ladon runs from the pure-Python file the standard library
/// ships for it (DESIGN: static-like-types): `_decimal` is `Lib/_pydecimal.py`.
///
/// CPython's C types differ from Python classes in ways programs see: their `tp_name` is
/// `module.Name`, so messages say `'decimal.Decimal'`, and they are immutable (`cannot set
/// 'x' attribute of immutable type 'decimal.Decimal'`). The classes named in
/// [`static_like`](Self::static_like) are marked that way after the body ran
/// (`PyType::make_static_like`); the module keeps its C name as `__name__` even if the body
/// rebinds it (`_pydecimal` sets `__name__ = 'decimal'` so that its classes' `__module__` is
/// the C one's). The pure-Python module stays importable under its own name as a separate
/// module with separate classes, as in CPython.
pub(crate) struct CModuleFromSource {
    /// The C module's name (`_decimal`).
    pub name: &'static str,
    /// The file along `sys.path` that is its body (`_pydecimal.py`).
    pub file: &'static str,
    /// Classes of the body that CPython defines as C types.
    pub static_like: &'static [&'static str],
}

impl CModuleFromSource {
    /// Creates the module: runs the file as its body (registered in `sys.modules` meanwhile,
    /// as an import would) and marks the static-like classes.
    pub(crate) fn load(&self, ts: &ThreadState) -> PyResult<Value> {
        let (text, path) = find_on_sys_path(ts, self.file)?;
        let (m, d) = new_native_module(ts, self.name, &[])?;
        let dd = d
            .downcast::<PyDict>()
            .ok_or_else(|| ts.type_error("module dict is not a dict"))?;
        dd.set_str(ts, "__file__", ts.new_str(&path));
        dd.set_str(ts, "__builtins__", ts.rt.builtins_dict().clone());
        let modules = ts.rt.sys_modules().clone();
        let key = ts.new_str(self.name);
        protocols::set_item(ts, &modules, &key, m.clone())?;
        if let Err(e) = exec_source(ts, &text, &path, &d) {
            let _ = protocols::del_item(ts, &modules, &key);
            return Err(e);
        }
        dd.set_str(ts, "__name__", ts.new_str(self.name));
        for cls in self.static_like {
            if let Some(t) = dd.get_str(ts, cls) {
                if let Some(ty) = t.downcast::<vm::objects::typeobj::PyType>() {
                    ty.make_static_like(ts);
                }
            }
        }
        Ok(m)
    }
}

/// The text and path of `file` in the first `sys.path` entry that has it.
pub(crate) fn find_on_sys_path(ts: &ThreadState, file: &str) -> PyResult<(String, String)> {
    let sys = vm::import::import_module(ts, "sys")?;
    let path = protocols::get_attr_str(ts, &sys, "path")?;
    for entry in protocols::collect(ts, &path)? {
        let Some(dir) = entry
            .downcast::<vm::objects::str::PyStr>()
            .map(|s| s.to_string_lossy())
        else {
            continue;
        };
        let p = std::path::Path::new(if dir.is_empty() { "." } else { &dir }).join(file);
        if let Ok(text) = ts.detached(|| std::fs::read_to_string(&p)) {
            return Ok((text, p.to_string_lossy().into_owned()));
        }
    }
    Err(ts.import_error(format!("{file} was not found on sys.path")))
}
