//! `_json._scan_once`: the whole-document JSON scanner behind `_json.make_scanner`.
//!
//! Follows CPython's `scan_once_unicode` and its helpers in `Modules/_json.c`: the same
//! grammar leniencies, error messages and error positions. A syntax error is not raised here:
//! it comes back as `(False, msg, pos)` (a `JSONDecodeError`) or `(False, None, pos)` (a
//! `StopIteration`, which `JSONDecoder.raw_decode` turns into "Expecting value"), and the
//! Python wrapper in `_json`'s prelude raises it. Exceptions from hooks propagate as they are.

use std::collections::HashMap;
use vm::builtins::args::MethodArgs;
use vm::objects::dict::PyDict;
use vm::runtime::{none, py_bool, types};
use vm::{protocols, PyErr, PyResult, ThreadState, Value};

/// Why scanning stopped early.
enum Fail {
    /// `StopIteration(pos)`: no JSON value starts at `pos`.
    Stop(usize),
    /// `JSONDecodeError(msg, s, pos)`.
    Decode(&'static str, usize),
    /// A Python exception (from a hook, `parse_*`, or a RecursionError).
    Py(PyErr),
}

impl From<PyErr> for Fail {
    fn from(e: PyErr) -> Fail {
        Fail::Py(e)
    }
}

type Scan<T> = Result<T, Fail>;

struct Scanner<'a> {
    ts: &'a ThreadState,
    s: &'a [u32],
    strict: bool,
    object_hook: Option<Value>,
    object_pairs_hook: Option<Value>,
    /// `None` when it is `float` itself (parsed natively).
    parse_float: Option<Value>,
    /// `None` when it is `int` itself.
    parse_int: Option<Value>,
    parse_constant: Value,
    /// Equal keys share one str object (CPython's memo dict).
    memo: HashMap<Vec<u32>, Value>,
}

#[inline]
fn is_ws(c: u32) -> bool {
    c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d
}

fn not_none(v: Option<Value>) -> Option<Value> {
    v.filter(|v| !v.is_none())
}

/// `_scan_once(string, idx, strict, object_hook, object_pairs_hook, parse_float, parse_int,
/// parse_constant)`: `(True, value, end)`, `(False, msg, pos)` or `(False, None, pos)`.
pub(crate) fn scan_once(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [string, idx, strict, oh, oph, pf, pi, pc] =
        a.parse::<8>(ts, "_scan_once", &["", "", "", "", "", "", "", ""], 8)?;
    let string = string.unwrap_or_else(none);
    let s = super::the_str(ts, &string)?;
    let idx = protocols::index_i64(ts, &idx.unwrap_or_else(none))?;
    if idx < 0 {
        return Err(ts.value_error("idx cannot be negative"));
    }
    let cps = s.to_cps();
    let is_type = |v: &Option<Value>, ty: &vm::objects::typeobj::PyType| {
        v.as_ref().is_some_and(|v| v.is(&ty.to_value()))
    };
    let pf = if is_type(&pf, types().float) {
        None
    } else {
        pf
    };
    let pi = if is_type(&pi, types().int) { None } else { pi };
    let mut sc = Scanner {
        ts,
        s: &cps,
        strict: strict.is_some_and(|v| v.is_true_obj()),
        object_hook: not_none(oh),
        object_pairs_hook: not_none(oph),
        parse_float: pf,
        parse_int: pi,
        parse_constant: pc.unwrap_or_else(none),
        memo: HashMap::new(),
    };
    let r = sc.scan(idx as usize);
    drop(sc);
    match r {
        Ok((v, end)) => Ok(ts.new_tuple(vec![py_bool(true), v, ts.new_usize(end)])),
        Err(Fail::Stop(pos)) => Ok(ts.new_tuple(vec![py_bool(false), none(), ts.new_usize(pos)])),
        Err(Fail::Decode(msg, pos)) => {
            Ok(ts.new_tuple(vec![py_bool(false), ts.new_str(msg), ts.new_usize(pos)]))
        }
        Err(Fail::Py(e)) => Err(e),
    }
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<u32> {
        self.s.get(i).copied()
    }

    fn matches(&self, i: usize, word: &str) -> bool {
        let w = word.as_bytes();
        self.s.len() >= i + w.len()
            && self.s[i..i + w.len()]
                .iter()
                .zip(w)
                .all(|(&c, &b)| c == u32::from(b))
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while self.at(i).is_some_and(is_ws) {
            i += 1;
        }
        i
    }

    /// One JSON value at `idx`: the value and the index after it.
    fn scan(&mut self, idx: usize) -> Scan<(Value, usize)> {
        let Some(c) = self.at(idx) else {
            return Err(Fail::Stop(idx));
        };
        match char::from_u32(c) {
            Some('"') => {
                let (cps, end) = super::scan_str(self.s, idx + 1, self.strict)
                    .map_err(|(m, p)| Fail::Decode(m, p))?;
                return Ok((self.ts.new_str_from_cps(&cps), end));
            }
            Some('{') => {
                let _g = self
                    .ts
                    .enter_native_call(" while decoding a JSON object from a unicode string")?;
                return self.object(idx + 1);
            }
            Some('[') => {
                let _g = self
                    .ts
                    .enter_native_call(" while decoding a JSON array from a unicode string")?;
                return self.array(idx + 1);
            }
            Some('n') if self.matches(idx, "null") => return Ok((none(), idx + 4)),
            Some('t') if self.matches(idx, "true") => return Ok((py_bool(true), idx + 4)),
            Some('f') if self.matches(idx, "false") => return Ok((py_bool(false), idx + 5)),
            Some('N') if self.matches(idx, "NaN") => return self.constant("NaN", idx),
            Some('I') if self.matches(idx, "Infinity") => return self.constant("Infinity", idx),
            Some('-') if self.matches(idx, "-Infinity") => return self.constant("-Infinity", idx),
            _ => {}
        }
        self.number(idx)
    }

    fn constant(&mut self, name: &str, idx: usize) -> Scan<(Value, usize)> {
        let v = protocols::call(self.ts, &self.parse_constant, &[self.ts.intern(name)], None)?;
        Ok((v, idx + name.len()))
    }

    fn digit(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| (0x30..=0x39).contains(&c))
    }

    /// `_match_number_unicode`.
    fn number(&mut self, start: usize) -> Scan<(Value, usize)> {
        let s = self.s;
        let end_idx = s.len() - 1; // `scan` checked `start < len`
        let mut idx = start;
        if s[idx] == '-' as u32 {
            idx += 1;
            if idx > end_idx {
                return Err(Fail::Stop(start));
            }
        }
        if (0x31..=0x39).contains(&s[idx]) {
            idx += 1;
            while self.digit(idx) {
                idx += 1;
            }
        } else if s[idx] == '0' as u32 {
            idx += 1;
        } else {
            return Err(Fail::Stop(start));
        }
        let mut is_float = false;
        if idx < end_idx && s[idx] == '.' as u32 && self.digit(idx + 1) {
            is_float = true;
            idx += 2;
            while self.digit(idx) {
                idx += 1;
            }
        }
        if idx < end_idx && (s[idx] == 'e' as u32 || s[idx] == 'E' as u32) {
            let e_start = idx;
            idx += 1;
            if idx < end_idx && (s[idx] == '-' as u32 || s[idx] == '+' as u32) {
                idx += 1;
            }
            while self.digit(idx) {
                idx += 1;
            }
            if self.digit(idx - 1) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        // ASCII only from here on: the loops above accepted nothing else.
        let text: String = s[start..idx].iter().map(|&c| c as u8 as char).collect();
        let ts = self.ts;
        let custom = if is_float {
            &self.parse_float
        } else {
            &self.parse_int
        };
        let v = if let Some(f) = custom {
            protocols::call(ts, f, &[ts.new_str(&text)], None)?
        } else if is_float {
            match text.parse::<f64>() {
                Ok(x) => ts.new_float(x),
                Err(_) => {
                    protocols::call(ts, &types().float.to_value(), &[ts.new_str(&text)], None)?
                }
            }
        } else {
            match text.parse::<i64>() {
                Ok(i) => ts.new_int(i),
                // Big: `int(text)` applies the int max-str-digits limit as CPython's does.
                Err(_) => protocols::call(ts, &types().int.to_value(), &[ts.new_str(&text)], None)?,
            }
        };
        Ok((v, idx))
    }

    fn key(&mut self, cps: Vec<u32>) -> Value {
        if let Some(k) = self.memo.get(&cps) {
            return k.clone();
        }
        let k = self.ts.new_str_from_cps(&cps);
        self.memo.insert(cps, k.clone());
        k
    }

    /// `_parse_object_unicode`; `idx` is just after the `{`.
    fn object(&mut self, idx: usize) -> Scan<(Value, usize)> {
        let ts = self.ts;
        let s = self.s;
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let dict = if self.object_pairs_hook.is_none() {
            Some(ts.new_dict())
        } else {
            None
        };
        let mut idx = self.skip_ws(idx);
        if self.at(idx) != Some('}' as u32) {
            loop {
                if self.at(idx) != Some('"' as u32) {
                    return Err(Fail::Decode(
                        "Expecting property name enclosed in double quotes",
                        idx,
                    ));
                }
                let (kc, next) = super::scan_str(s, idx + 1, self.strict)
                    .map_err(|(m, p)| Fail::Decode(m, p))?;
                let key = self.key(kc);
                idx = self.skip_ws(next);
                if self.at(idx) != Some(':' as u32) {
                    return Err(Fail::Decode("Expecting ':' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
                let (val, next) = self.scan(idx)?;
                match &dict {
                    Some(d) => {
                        let dd = d
                            .downcast::<PyDict>()
                            .ok_or_else(|| ts.type_error("dict"))?;
                        dd.set_item(ts, key, val)?;
                    }
                    None => pairs.push((key, val)),
                }
                idx = self.skip_ws(next);
                if self.at(idx) == Some('}' as u32) {
                    break;
                }
                if self.at(idx) != Some(',' as u32) {
                    return Err(Fail::Decode("Expecting ',' delimiter", idx));
                }
                let comma = idx;
                idx = self.skip_ws(idx + 1);
                if self.at(idx) == Some('}' as u32) {
                    return Err(Fail::Decode(
                        "Illegal trailing comma before end of object",
                        comma,
                    ));
                }
            }
        }
        let end = idx + 1;
        if let Some(h) = &self.object_pairs_hook {
            let items: Vec<Value> = pairs
                .into_iter()
                .map(|(k, v)| ts.new_tuple(vec![k, v]))
                .collect();
            let v = protocols::call(ts, h, &[ts.new_list(items)], None)?;
            return Ok((v, end));
        }
        let d = dict.unwrap_or_else(|| ts.new_dict());
        if let Some(h) = &self.object_hook {
            return Ok((protocols::call(ts, h, &[d], None)?, end));
        }
        Ok((d, end))
    }

    /// `_parse_array_unicode`; `idx` is just after the `[`.
    fn array(&mut self, idx: usize) -> Scan<(Value, usize)> {
        let ts = self.ts;
        let mut items: Vec<Value> = Vec::new();
        let mut idx = self.skip_ws(idx);
        if self.at(idx) != Some(']' as u32) {
            loop {
                let (val, next) = self.scan(idx)?;
                items.push(val);
                idx = self.skip_ws(next);
                if self.at(idx) == Some(']' as u32) {
                    break;
                }
                if self.at(idx) != Some(',' as u32) {
                    return Err(Fail::Decode("Expecting ',' delimiter", idx));
                }
                let comma = idx;
                idx = self.skip_ws(idx + 1);
                if self.at(idx) == Some(']' as u32) {
                    return Err(Fail::Decode(
                        "Illegal trailing comma before end of array",
                        comma,
                    ));
                }
            }
        }
        Ok((ts.new_list(items), idx + 1))
    }
}
