//! `_json._encode`: the whole-document JSON encoder behind `_json.make_encoder`.
//!
//! Follows CPython's `encoder_listencode_obj`, `encoder_listencode_dict` and
//! `encoder_listencode_list` (`Modules/_json.c`): exact `str`/`int`/`float`/`list`/`tuple`/
//! `dict` checks that accept subclasses, `int.__repr__`/`float.__repr__` whatever a subclass
//! overrides, `default()` for everything else, circular-reference detection by identity, and
//! the same error notes ("when serializing list item 0"). The output is built as code points
//! in one buffer and becomes one str.

use std::collections::HashSet;
use vm::builtins::args::MethodArgs;
use vm::objects::dict::PyDict;
use vm::objects::float::PyFloat;
use vm::objects::int::{as_int, IntVal};
use vm::objects::list::PyList;
use vm::objects::str::PyStr;
use vm::objects::tuple::PyTuple;
use vm::runtime::{none, types};
use vm::{protocols, PyErr, PyResult, ThreadState, Value};

struct Encoder<'a> {
    ts: &'a ThreadState,
    /// Identities of the containers being encoded (`markers`), if circular checks are on.
    markers: Option<HashSet<usize>>,
    default: Value,
    encoder: Value,
    /// 1: `encode_basestring_ascii`, 2: `encode_basestring` (both native), 0: call `encoder`.
    mode: u8,
    indent: Option<Vec<u32>>,
    key_sep: Vec<u32>,
    item_sep: Vec<u32>,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
    out: Vec<u32>,
}

fn cps_of(v: &Value) -> Vec<u32> {
    v.downcast::<PyStr>()
        .map(|s| s.to_cps())
        .unwrap_or_default()
}

/// `_encode(obj, level, check_circular, default, encoder, mode, indent, key_separator,
/// item_separator, sort_keys, skipkeys, allow_nan)`: the JSON text of `obj`.
pub(crate) fn encode(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [obj, level, circ, default, encoder, mode, indent, ksep, isep, sort, skip, nan] = a
        .parse::<12>(
            ts,
            "_encode",
            &["", "", "", "", "", "", "", "", "", "", "", ""],
            12,
        )?;
    let flag = |v: &Option<Value>| v.as_ref().is_some_and(|v| v.is_true_obj());
    let level = protocols::index_i64(ts, &level.unwrap_or_else(none))?;
    let mode = mode
        .as_ref()
        .and_then(vm::objects::int::as_i64)
        .unwrap_or(0) as u8;
    let indent = indent.filter(|v| !v.is_none()).map(|v| cps_of(&v));
    let mut e = Encoder {
        ts,
        markers: flag(&circ).then(HashSet::new),
        default: default.unwrap_or_else(none),
        encoder: encoder.unwrap_or_else(none),
        mode,
        indent,
        key_sep: ksep.map(|v| cps_of(&v)).unwrap_or_default(),
        item_sep: isep.map(|v| cps_of(&v)).unwrap_or_default(),
        sort_keys: flag(&sort),
        skipkeys: flag(&skip),
        allow_nan: flag(&nan),
        out: Vec::new(),
    };
    e.obj(&obj.unwrap_or_else(none), level.max(0) as usize)?;
    Ok(ts.new_str_from_cps(&e.out))
}

fn int_repr(ts: &ThreadState, v: &Value, i: IntVal<'_>) -> PyResult<String> {
    match i {
        IntVal::Small(x) => Ok(x.to_string()),
        // `int.__repr__` itself: it applies the max-str-digits limit.
        IntVal::Big(_) => {
            let r = protocols::call_method_descr(
                ts,
                &protocols::get_attr(ts, &types().int.to_value(), &ts.intern("__repr__"))?,
                v,
                &[],
            )?;
            Ok(vm::objects::str::str_lossy(&r))
        }
    }
}

impl Encoder<'_> {
    fn push_str(&mut self, s: &str) {
        self.out.extend(s.chars().map(|c| c as u32));
    }

    fn string(&mut self, v: &Value, s: &PyStr) -> PyResult<()> {
        match self.mode {
            1 => super::escape_into(&mut self.out, s, true),
            2 => super::escape_into(&mut self.out, s, false),
            _ => {
                let r = protocols::call(self.ts, &self.encoder, std::slice::from_ref(v), None)?;
                match r.downcast::<PyStr>() {
                    Some(rs) => self.out.extend(rs.cps()),
                    None => {
                        return Err(self.ts.type_error(format!(
                            "encoder() must return a string, not {}",
                            r.class().name()
                        )))
                    }
                }
            }
        }
        Ok(())
    }

    /// `encoder_encode_float`.
    fn float_text(&self, v: &Value, x: f64) -> PyResult<String> {
        if !x.is_finite() {
            if !self.allow_nan {
                let r = protocols::repr(self.ts, v)?;
                return Err(self.ts.value_error(format!(
                    "Out of range float values are not JSON compliant: {}",
                    vm::objects::str::str_lossy(&r)
                )));
            }
            return Ok(if x > 0.0 {
                "Infinity"
            } else if x < 0.0 {
                "-Infinity"
            } else {
                "NaN"
            }
            .to_string());
        }
        Ok(vm::objects::float::float_repr_str(x))
    }

    fn newline_indent(&mut self, level: usize) {
        if let Some(ind) = &self.indent {
            self.out.push('\n' as u32);
            for _ in 0..level {
                self.out.extend_from_slice(ind);
            }
        }
    }

    fn item_separator(&mut self, level: usize) {
        self.out.extend_from_slice(&self.item_sep);
        self.newline_indent(level);
    }

    fn enter(&mut self, v: &Value) -> PyResult<()> {
        if let Some(m) = &mut self.markers {
            if !m.insert(v.identity()) {
                return Err(self.ts.value_error("Circular reference detected"));
            }
        }
        Ok(())
    }

    fn leave(&mut self, v: &Value) {
        if let Some(m) = &mut self.markers {
            m.remove(&v.identity());
        }
    }

    /// `encoder_listencode_obj`.
    fn obj(&mut self, v: &Value, level: usize) -> PyResult<()> {
        let ts = self.ts;
        if v.is_none() {
            self.push_str("null");
        } else if v.is_true_obj() {
            self.push_str("true");
        } else if v.is_false_obj() {
            self.push_str("false");
        } else if let Some(s) = v.downcast::<PyStr>() {
            self.string(v, s)?;
        } else if let Some(i) = as_int(v) {
            let t = int_repr(ts, v, i)?;
            self.push_str(&t);
        } else if let Some(f) = v.downcast::<PyFloat>() {
            let t = self.float_text(v, f.v)?;
            self.push_str(&t);
        } else if v.downcast::<PyList>().is_some() || v.downcast::<PyTuple>().is_some() {
            let _g = ts.enter_native_call(" while encoding a JSON object")?;
            self.list(v, level)?;
        } else if v.downcast::<PyDict>().is_some() {
            let _g = ts.enter_native_call(" while encoding a JSON object")?;
            self.dict(v, level)?;
        } else {
            self.enter(v)?;
            let new = protocols::call(ts, &self.default, std::slice::from_ref(v), None)?;
            let r = {
                let _g = ts.enter_native_call(" while encoding a JSON object")?;
                self.obj(&new, level)
            };
            if let Err(e) = r {
                return Err(note(
                    ts,
                    e,
                    &format!("when serializing {} object", v.class().name()),
                ));
            }
            self.leave(v);
        }
        Ok(())
    }

    /// `encoder_listencode_list` (lists and tuples).
    fn list(&mut self, v: &Value, mut level: usize) -> PyResult<()> {
        let ts = self.ts;
        let items: Vec<Value> = match v.downcast::<PyList>() {
            Some(l) => l.to_vec(ts),
            None => v
                .downcast::<PyTuple>()
                .map(|t| t.as_slice().to_vec())
                .unwrap_or_default(),
        };
        if items.is_empty() {
            self.push_str("[]");
            return Ok(());
        }
        self.enter(v)?;
        self.out.push('[' as u32);
        if self.indent.is_some() {
            level += 1;
            self.newline_indent(level);
        }
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.item_separator(level);
            }
            if let Err(e) = self.obj(x, level) {
                return Err(note(
                    ts,
                    e,
                    &format!("when serializing {} item {i}", v.class().name()),
                ));
            }
        }
        self.leave(v);
        if self.indent.is_some() {
            level -= 1;
            self.newline_indent(level);
        }
        self.out.push(']' as u32);
        Ok(())
    }

    /// The `(key, value)` pairs of a dict (`PyMapping_Items`), sorted if asked.
    fn items(&self, v: &Value) -> PyResult<Vec<(Value, Value)>> {
        let ts = self.ts;
        let mut items = match v.downcast::<PyDict>() {
            Some(d) if v.class().is(types().dict) => d.items(ts),
            _ => {
                let it = protocols::get_iter(ts, &protocols::call_method(ts, v, "items", &[])?)?;
                let mut out = Vec::new();
                while let Some(pair) = protocols::next(ts, &it)? {
                    let kv = protocols::get_iter(ts, &pair)?;
                    let k = protocols::next(ts, &kv)?.unwrap_or_else(none);
                    let x = protocols::next(ts, &kv)?.unwrap_or_else(none);
                    out.push((k, x));
                }
                out
            }
        };
        if self.sort_keys {
            let mut lt = |a: &Value, b: &Value| protocols::lt_bool(ts, a, b);
            vm::objects::list::merge_sort(&mut items, &mut lt)?;
        }
        Ok(items)
    }

    /// A dict key as JSON text (`None` when `skipkeys` skips it).
    fn key_text(&mut self, k: &Value) -> PyResult<Option<Value>> {
        let ts = self.ts;
        if k.downcast::<PyStr>().is_some() {
            return Ok(Some(k.clone()));
        }
        let text = if let Some(f) = k.downcast::<PyFloat>() {
            self.float_text(k, f.v)?
        } else if k.is_true_obj() {
            "true".into()
        } else if k.is_false_obj() {
            "false".into()
        } else if k.is_none() {
            "null".into()
        } else if let Some(i) = as_int(k) {
            int_repr(ts, k, i)?
        } else if self.skipkeys {
            return Ok(None);
        } else {
            return Err(ts.type_error(format!(
                "keys must be str, int, float, bool or None, not {}",
                k.class().name()
            )));
        };
        Ok(Some(ts.new_str(&text)))
    }

    /// `encoder_listencode_dict`.
    fn dict(&mut self, v: &Value, mut level: usize) -> PyResult<()> {
        let ts = self.ts;
        let n = v.downcast::<PyDict>().map_or(0, |d| d.len(ts));
        if n == 0 {
            self.push_str("{}");
            return Ok(());
        }
        self.enter(v)?;
        self.out.push('{' as u32);
        if self.indent.is_some() {
            level += 1;
            self.newline_indent(level);
        }
        let items = self.items(v)?;
        let mut first = true;
        for (k, x) in &items {
            let Some(key) = self.key_text(k)? else {
                continue;
            };
            if !first {
                self.item_separator(level);
            }
            first = false;
            let r = match key.downcast::<PyStr>() {
                Some(ks) => self.string(&key, ks),
                None => Ok(()),
            };
            let r = r.and_then(|()| {
                let ks = std::mem::take(&mut self.key_sep);
                self.out.extend_from_slice(&ks);
                self.key_sep = ks;
                self.obj(x, level)
            });
            if let Err(e) = r {
                let kr = protocols::repr(ts, k)
                    .map(|r| vm::objects::str::str_lossy(&r))
                    .unwrap_or_default();
                return Err(note(
                    ts,
                    e,
                    &format!("when serializing {} item {kr}", v.class().name()),
                ));
            }
        }
        self.leave(v);
        if self.indent.is_some() {
            level -= 1;
            self.newline_indent(level);
        }
        self.out.push('}' as u32);
        Ok(())
    }
}

/// Adds CPython's context note to an exception on its way out.
fn note(ts: &ThreadState, e: PyErr, text: &str) -> PyErr {
    vm::objects::exceptions::add_note(ts, &e, text);
    e
}
