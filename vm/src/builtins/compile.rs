//! The builtin `compile()` (CPython's `builtin_compile_impl`): flag and mode checks, source
//! text → code, and the AST paths (`PyCF_ONLY_AST`, compiling an `ast.AST` object).
//!
//! The `_ast` node classes live in the stdlib crate, which the vm cannot depend on, so the
//! AST paths go through [`AST_HOOKS`], installed once by the stdlib at startup.

use std::sync::OnceLock;

use super::args::MethodArgs;
use crate::errors::PyResult;
use crate::objects::str::str_lossy;
use crate::protocols;
use crate::thread_state::ThreadState;
use crate::value::Value;

/// What `compile()` needs from the stdlib's `_ast` module (CPython's `PyAST_Check`,
/// `PyAST_mod2obj` and `PyAST_obj2mod` + `PyAST_Validate`).
pub struct AstHooks {
    /// Whether a value is an `ast.AST` instance.
    pub is_ast: fn(&ThreadState, &Value) -> PyResult<bool>,
    /// A parsed tree → node objects; `Some(level)` first applies the
    /// `PyCF_OPTIMIZED_AST` pass for `-O` level `level`.
    pub to_object: fn(&ThreadState, frontend::ast::Mod, Option<u8>) -> PyResult<Value>,
    /// Node objects → a validated tree for `mode`, with CPython's errors.
    pub from_object: fn(&ThreadState, &Value, frontend::Mode) -> PyResult<frontend::ast::Mod>,
}

/// Installed by the stdlib crate before any code runs; unset, AST objects are rejected.
pub static AST_HOOKS: OnceLock<AstHooks> = OnceLock::new();

const PYCF_ONLY_AST: i64 = 0x400;
const PYCF_OPTIMIZED_AST: i64 = 0x8000 | PYCF_ONLY_AST;
/// `PyCF_MASK | PyCF_MASK_OBSOLETE | PyCF_COMPILE_MASK`: the future-feature flags, the
/// obsolete `CO_NESTED`, and the `PyCF_*` compile flags.
const ALLOWED_FLAGS: i64 = 0x1fe_0000 | 0x10 | 0x200 | 0x400 | 0x1000 | 0x2000 | 0x4000 | 0x8000;

pub(super) fn b_compile(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [src, filename, mode, flags, _dont_inherit, optimize, _feature_version] = a.parse::<7>(
        ts,
        "compile",
        &[
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
            "_feature_version",
        ],
        3,
    )?;
    let (Some(src), Some(filename), Some(mode)) = (src, filename, mode) else {
        return Err(ts.type_error("compile() missing required argument"));
    };
    let filename = str_lossy(&filename);
    let flags = match flags {
        Some(f) => c_int(ts, &f)?,
        None => 0,
    };
    if flags & !ALLOWED_FLAGS != 0 {
        return Err(ts.value_error("compile(): unrecognised flags"));
    }
    let optimize = match optimize {
        Some(o) => c_int(ts, &o)?,
        None => -1,
    };
    if !(-1..=2).contains(&optimize) {
        return Err(ts.value_error("compile(): invalid optimize value"));
    }
    // -1 means the interpreter's own -O level.
    let level = if optimize < 0 {
        ts.rt.sys_state.optimize()
    } else {
        optimize as u8
    };
    let only_ast = flags & PYCF_ONLY_AST != 0;
    let mode = match str_lossy(&mode).as_str() {
        "exec" => frontend::Mode::Exec,
        "eval" => frontend::Mode::Eval,
        "single" => frontend::Mode::Single,
        "func_type" if only_ast => frontend::Mode::FuncType,
        "func_type" => {
            return Err(ts.value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST"))
        }
        _ if only_ast => {
            return Err(
                ts.value_error("compile() mode must be 'exec', 'eval', 'single' or 'func_type'")
            )
        }
        _ => return Err(ts.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let optimized = (flags & PYCF_OPTIMIZED_AST == PYCF_OPTIMIZED_AST).then_some(level);
    if let Some(h) = AST_HOOKS.get() {
        if (h.is_ast)(ts, &src)? {
            let m = (h.from_object)(ts, &src, mode)?;
            if only_ast {
                return (h.to_object)(ts, m, optimized);
            }
            let (unit, warnings) =
                frontend::compile_module_with_warnings(&m, &filename, mode, level)
                    .map_err(|e| crate::import::syntax_error_at(ts, &e, &filename, None))?;
            emit_syntax_warnings(ts, &filename, None, &warnings)?;
            return crate::objects::code::new_code(ts, std::sync::Arc::new(unit));
        }
    }
    let text = super::source_of(ts, &src).map_err(|e| {
        if e.matches(crate::runtime::types().exc.type_error) {
            ts.type_error("compile() arg 1 must be a string, bytes or AST object")
        } else {
            e
        }
    })?;
    let text_from = match mode {
        frontend::Mode::Exec => crate::import::ErrorText::Source,
        _ => crate::import::ErrorText::SourceAsIs,
    };
    let (m, warnings) = frontend::parser::parse(&text, mode)
        .map_err(|e| crate::import::syntax_error_full(ts, &e, &filename, Some(&text), text_from))?;
    if only_ast {
        let Some(h) = AST_HOOKS.get() else {
            return Err(ts.runtime_error("compile(): the _ast module is not available"));
        };
        emit_syntax_warnings(ts, &filename, Some(&text), &warnings)?;
        return (h.to_object)(ts, m, optimized);
    }
    emit_syntax_warnings(ts, &filename, Some(&text), &warnings)?;
    let (unit, warnings) = frontend::compile_module_with_warnings(&m, &filename, mode, level)
        .map_err(|e| {
            use crate::import::{syntax_error_full, ErrorText};
            syntax_error_full(ts, &e, &filename, Some(&text), ErrorText::Program)
        })?;
    // The compiler's warnings carry no source line (CPython's `text` is None).
    emit_syntax_warnings(ts, &filename, None, &warnings)?;
    crate::objects::code::new_code(ts, std::sync::Arc::new(unit))
}

/// Reports the parser's and compiler's `SyntaxWarning`s through `warnings.warn_explicit`,
/// as CPython's `_PyErr_EmitSyntaxWarning` does: filters apply, and a warning turned into
/// an error becomes a `SyntaxError` at the warning's position.
pub(crate) fn emit_syntax_warnings(
    ts: &ThreadState,
    filename: &str,
    text: Option<&str>,
    warnings: &[frontend::Warning],
) -> PyResult<()> {
    if warnings.is_empty() {
        return Ok(());
    }
    let module = crate::import::import_module(ts, "warnings")?;
    let warn = protocols::get_attr_str(ts, &module, "warn_explicit")?;
    let category = crate::runtime::types().exc.syntax_warning.to_value();
    for w in warnings {
        let args = [
            ts.new_str(&w.msg),
            category.clone(),
            ts.new_str(filename),
            ts.new_int(w.lineno as i64),
        ];
        if let Err(e) = protocols::call(ts, &warn, &args, None) {
            if !e.matches(category.as_type()) {
                return Err(e);
            }
            // The tokenizer's error form of this warning drops the "future" sentence.
            let msg = w
                .msg
                .replace(" Such sequences will not work in the future.", "");
            let se = frontend::SyntaxError::new(
                frontend::ErrorKind::SyntaxError,
                msg,
                w.lineno,
                w.col,
                w.lineno,
                w.col,
            );
            return Err(crate::import::syntax_error_at(ts, &se, filename, text));
        }
    }
    Ok(())
}

/// A C `int` argument.
fn c_int(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    let i = protocols::index_i64(ts, v)?;
    if i32::try_from(i).is_err() {
        return Err(ts.overflow_error("Python int too large to convert to C int"));
    }
    Ok(i)
}
