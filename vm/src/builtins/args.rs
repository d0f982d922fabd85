//! Argument parsing for builtin functions and methods (CPython's Argument Clinic, by table).
//!
//! Builtins receive vectorcall arguments: a slice whose last `len(kwnames)` items are keyword
//! arguments. [`MethodArgs::parse`] binds them to a parameter list written as names: `""` is a
//! positional-only parameter, `"*name"` keyword-only, `"name"` positional-or-keyword.

use crate::errors::PyResult;
use crate::objects::str::PyStr;
use crate::objects::tuple::PyTuple;
use crate::thread_state::ThreadState;
use crate::value::Value;

/// The arguments of a builtin call.
#[derive(Clone, Copy)]
pub struct MethodArgs<'a> {
    pub args: &'a [Value],
    pub kwnames: Option<&'a PyTuple>,
}

impl<'a> MethodArgs<'a> {
    pub fn new(args: &'a [Value], kwnames: Option<&'a PyTuple>) -> Self {
        MethodArgs { args, kwnames }
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
        let v = parse(ts, fname, self.args, self.kwnames, names, required, 0)?;
        let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
        for (o, x) in out.iter_mut().zip(v) {
            *o = x;
        }
        Ok(out)
    }

    /// Fails unless there are no arguments.
    pub fn none(&self, ts: &ThreadState, fname: &str) -> PyResult<()> {
        if !self.args.is_empty() {
            return Err(ts.type_error(format!(
                "{fname}() takes no arguments ({} given)",
                self.args.len()
            )));
        }
        Ok(())
    }
}

/// Binds `args`/`kwnames` to `names` (see the module doc). `_flags` is reserved.
pub fn parse(
    ts: &ThreadState,
    fname: &str,
    args: &[Value],
    kwnames: Option<&PyTuple>,
    names: &[&str],
    required: usize,
    _flags: u32,
) -> PyResult<Vec<Option<Value>>> {
    let nkw = kwnames.map_or(0, |k| k.len());
    let npos = args.len() - nkw;
    let max_pos = names.iter().take_while(|n| !n.starts_with('*')).count();
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    if npos > max_pos {
        let msg = if max_pos == 0 {
            format!("{fname}() takes no arguments ({npos} given)")
        } else if max_pos == 1 && required == 1 {
            format!("{fname}() takes exactly one argument ({npos} given)")
        } else if required == max_pos {
            format!("{fname}() takes exactly {max_pos} arguments ({npos} given)")
        } else {
            format!("{fname}() takes at most {max_pos} arguments ({npos} given)")
        };
        return Err(ts.type_error(msg));
    }
    for (o, a) in out.iter_mut().zip(&args[..npos]) {
        *o = Some(a.clone());
    }
    if let Some(k) = kwnames {
        for (name, val) in k.as_slice().iter().zip(&args[npos..]) {
            let n = name
                .downcast::<PyStr>()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            let idx = names
                .iter()
                .position(|p| !p.is_empty() && p.trim_start_matches('*') == n);
            match idx {
                Some(i) => {
                    if out[i].is_some() {
                        return Err(ts.type_error(format!(
                            "argument for {fname}() given by name ('{n}') and position ({})",
                            i + 1
                        )));
                    }
                    out[i] = Some(val.clone());
                }
                None => {
                    if names.iter().all(|p| p.is_empty()) {
                        return Err(ts.type_error(format!("{fname}() takes no keyword arguments")));
                    }
                    return Err(ts.type_error(format!(
                        "{fname}() got an unexpected keyword argument '{n}'"
                    )));
                }
            }
        }
    }
    for (i, o) in out.iter().enumerate().take(required) {
        if o.is_none() {
            let name = names[i].trim_start_matches('*');
            if !name.is_empty() && (nkw > 0 || names[i].starts_with('*')) {
                return Err(ts.type_error(format!(
                    "{fname}() missing required argument '{name}' (pos {})",
                    i + 1
                )));
            }
            let msg = if required == 1 && max_pos == 1 {
                format!("{fname}() takes exactly one argument ({npos} given)")
            } else if required == max_pos {
                format!("{fname}() takes exactly {required} arguments ({npos} given)")
            } else {
                format!("{fname}() takes at least {required} arguments ({npos} given)")
            };
            return Err(ts.type_error(msg));
        }
    }
    Ok(out)
}
