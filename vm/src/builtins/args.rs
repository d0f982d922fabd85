//! Argument parsing for builtin functions and methods (CPython's Argument Clinic, by table).
//!
//! Builtins receive vectorcall arguments: a slice whose last `len(kwnames)` items are keyword
//! arguments. [`MethodArgs::parse`] binds them to a parameter list written as names: `""` is a
//! positional-only parameter, `"*name"` keyword-only, `"name"` positional-or-keyword.

use crate::errors::PyResult;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::objects::typeobj::PyType;
use crate::thread_state::ThreadState;
use crate::value::Value;

/// The arguments of a builtin call.
#[derive(Clone, Copy)]
pub struct MethodArgs<'a> {
    pub args: &'a [Value],
    pub kwnames: Option<&'a PyTuple>,
    /// The type defining the called method, if it is one: CPython names a method `list.append()`
    /// in the messages its call machinery raises (no arguments, one argument, no keywords).
    pub owner: Option<&'static PyType>,
}

impl<'a> MethodArgs<'a> {
    pub fn new(args: &'a [Value], kwnames: Option<&'a PyTuple>) -> Self {
        MethodArgs {
            args,
            kwnames,
            owner: None,
        }
    }

    /// The same arguments, for a method of `owner`.
    pub fn of_method(self, owner: &'static PyType) -> Self {
        MethodArgs {
            owner: Some(owner),
            ..self
        }
    }

    pub fn nkw(&self) -> usize {
        self.kwnames.map_or(0, |k| k.len())
    }

    /// Positional arguments.
    pub fn positional(&self) -> &'a [Value] {
        &self.args[..self.args.len() - self.nkw()]
    }

    /// `(positional, [(name, value)])`.
    pub fn split(&self) -> (Vec<Value>, Vec<(Value, Value)>) {
        let n = self.args.len() - self.nkw();
        let pos = self.args[..n].to_vec();
        let kw = match self.kwnames {
            Some(k) => k
                .as_slice()
                .iter()
                .cloned()
                .zip(self.args[n..].iter().cloned())
                .collect(),
            None => Vec::new(),
        };
        (pos, kw)
    }

    /// Binds to `N` parameters (see the module doc); the first `required` are required.
    pub fn parse<const N: usize>(
        &self,
        ts: &ThreadState,
        fname: &str,
        names: &[&str; N],
        required: usize,
    ) -> PyResult<[Option<Value>; N]> {
        let v = parse_as(
            ts,
            fname,
            self.owner,
            self.args,
            self.kwnames,
            names,
            required,
        )?;
        let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
        for (o, x) in out.iter_mut().zip(v) {
            *o = x;
        }
        Ok(out)
    }

    /// Fails unless there are no arguments.
    pub fn none(&self, ts: &ThreadState, fname: &str) -> PyResult<()> {
        if !self.args.is_empty() {
            let f = call_name(fname, self.owner);
            return Err(ts.type_error(if self.nkw() > 0 {
                format!("{f} takes no keyword arguments")
            } else {
                format!("{f} takes no arguments ({} given)", self.args.len())
            }));
        }
        Ok(())
    }
}

/// `len()`, or `list.append()` for a method of `list`.
fn call_name(fname: &str, owner: Option<&PyType>) -> String {
    match owner {
        Some(t) => format!("{}.{fname}()", t.name()),
        None => format!("{fname}()"),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// A [`parse`] flag: the builtin is a type with CPython's vectorcall constructor (`int`,
/// `str`), which checks a call without keywords by `_PyArg_CheckPositional`
/// ("int expected at most 2 arguments, got 3").
pub const VECTORCALL: u32 = 1;

/// Binds `args`/`kwnames` to `names` (see the module doc); `flags` is 0 or [`VECTORCALL`].
pub fn parse(
    ts: &ThreadState,
    fname: &str,
    args: &[Value],
    kwnames: Option<&PyTuple>,
    names: &[&str],
    required: usize,
    flags: u32,
) -> PyResult<Vec<Option<Value>>> {
    if flags & VECTORCALL != 0 && kwnames.is_none_or(|k| k.is_empty()) {
        let max = names.iter().take_while(|n| !n.starts_with('*')).count();
        if args.len() < required.min(max) || args.len() > max {
            return parse_positional(ts, fname, None, args, 0, max, required.min(max), false);
        }
    }
    parse_as(ts, fname, None, args, kwnames, names, required)
}

/// [`parse`], with CPython's messages: a builtin whose parameters are all positional-only words
/// them as its call machinery does (`METH_O`: "len() takes exactly one argument (2 given)",
/// else `_PyArg_CheckPositional`: "divmod expected 2 arguments, got 1"); one with named
/// parameters as Argument Clinic's `_PyArg_UnpackKeywords` does.
fn parse_as(
    ts: &ThreadState,
    fname: &str,
    owner: Option<&PyType>,
    args: &[Value],
    kwnames: Option<&PyTuple>,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let nkw = kwnames.map_or(0, |k| k.len());
    let npos = args.len() - nkw;
    let max_pos = names.iter().take_while(|n| !n.starts_with('*')).count();
    if names.iter().all(|n| n.is_empty()) {
        return parse_positional(ts, fname, owner, args, nkw, names.len(), required, true);
    }
    let total = names.len();
    if npos + nkw > total {
        let kwd = if npos == 0 { "keyword " } else { "" };
        return Err(ts.type_error(format!(
            "{fname}() takes at most {total} {kwd}argument{} ({} given)",
            plural(total),
            npos + nkw
        )));
    }
    if npos > max_pos {
        return Err(ts.type_error(if max_pos == 0 {
            format!("{fname}() takes no positional arguments")
        } else {
            let how = if required < max_pos {
                "at most"
            } else {
                "exactly"
            };
            format!(
                "{fname}() takes {how} {max_pos} positional argument{} ({npos} given)",
                plural(max_pos)
            )
        }));
    }
    let posonly = names.iter().take_while(|n| n.is_empty()).count();
    let min_posonly = posonly.min(required);
    if npos < min_posonly {
        let how = if min_posonly < max_pos {
            "at least"
        } else {
            "exactly"
        };
        return Err(ts.type_error(format!(
            "{fname}() takes {how} {min_posonly} positional argument{} ({npos} given)",
            plural(min_posonly)
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (o, a) in out.iter_mut().zip(&args[..npos]) {
        *o = Some(a.clone());
    }
    // Keywords bind first; errors come in CPython's order: a missing required argument, then
    // one given twice, then an unknown keyword.
    let mut twice: Option<(String, usize)> = None;
    let mut unknown: Option<String> = None;
    if let Some(k) = kwnames {
        for (name, val) in k.as_slice().iter().zip(&args[npos..]) {
            let Some(n) = name.downcast::<PyStr>().map(|s| s.to_string_lossy()) else {
                return Err(ts.type_error("keywords must be strings"));
            };
            let idx = names
                .iter()
                .position(|p| !p.is_empty() && p.trim_start_matches('*') == n);
            match idx {
                Some(i) if i < npos => {
                    twice.get_or_insert((n, i));
                }
                Some(i) => out[i] = Some(val.clone()),
                None => {
                    unknown.get_or_insert(n);
                }
            }
        }
    }
    for (i, o) in out.iter().enumerate().take(required).skip(npos) {
        if o.is_none() {
            let name = names[i].trim_start_matches('*');
            return Err(ts.type_error(format!(
                "{fname}() missing required argument '{name}' (pos {})",
                i + 1
            )));
        }
    }
    if let Some((n, i)) = twice {
        return Err(ts.type_error(format!(
            "argument for {fname}() given by name ('{n}') and position ({})",
            i + 1
        )));
    }
    if let Some(n) = unknown {
        return Err(unexpected_keyword(ts, fname, names, &n));
    }
    Ok(out)
}

/// "f() got an unexpected keyword argument 'x'", with CPython's "Did you mean" hint drawn
/// from the named parameters among `names`.
pub fn unexpected_keyword(
    ts: &ThreadState,
    fname: &str,
    names: &[&str],
    wrong: &str,
) -> crate::errors::PyErr {
    let cands: Vec<String> = names
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.trim_start_matches('*').to_string())
        .collect();
    let hint = match crate::suggestions::best_match_c(&cands, wrong) {
        Some(s) => format!(". Did you mean '{s}'?"),
        None => String::new(),
    };
    ts.type_error(format!(
        "{fname}() got an unexpected keyword argument '{wrong}'{hint}"
    ))
}

/// Binds a builtin whose `n` parameters are all positional-only; `meth_o`: one required
/// parameter is worded as CPython's METH_O ("takes exactly one argument").
#[allow(clippy::too_many_arguments)]
fn parse_positional(
    ts: &ThreadState,
    fname: &str,
    owner: Option<&PyType>,
    args: &[Value],
    nkw: usize,
    n: usize,
    required: usize,
    meth_o: bool,
) -> PyResult<Vec<Option<Value>>> {
    let npos = args.len() - nkw;
    if nkw > 0 {
        return Err(ts.type_error(format!(
            "{} takes no keyword arguments",
            call_name(fname, owner)
        )));
    }
    if meth_o && n == 1 && required == 1 {
        if npos != 1 {
            return Err(ts.type_error(format!(
                "{} takes exactly one argument ({npos} given)",
                call_name(fname, owner)
            )));
        }
    } else if npos < required {
        let how = if required == n { "" } else { "at least " };
        return Err(ts.type_error(format!(
            "{fname} expected {how}{required} argument{}, got {npos}",
            plural(required)
        )));
    } else if npos > n {
        if n == 0 {
            return Err(ts.type_error(format!(
                "{} takes no arguments ({npos} given)",
                call_name(fname, owner)
            )));
        }
        let how = if required == n { "" } else { "at most " };
        return Err(ts.type_error(format!(
            "{fname} expected {how}{n} argument{}, got {npos}",
            plural(n)
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; n];
    for (o, a) in out.iter_mut().zip(args) {
        *o = Some(a.clone());
    }
    Ok(out)
}
