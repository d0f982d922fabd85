//! `str`'s slots and Python methods, `%`-formatting, `str.format`, and the codecs the core
//! needs (utf-8, ascii, latin-1).

use crate::builtins::args::MethodArgs;
use crate::errors::{PyErr, PyResult};
use crate::objects::slots::{BinOp, CmpOp};
use crate::objects::str::{repr_cps, str_lossy, PyStr};
use crate::objects::tuple::PyTuple;
use crate::protocols;
use crate::runtime::{none, not_implemented, py_bool, types};
use crate::text::{FmtResult, FormatError};
use crate::thread_state::ThreadState;
use crate::unicode;
use crate::value::Value;

fn s_of<'a>(ts: &ThreadState, v: &'a Value) -> PyResult<&'a PyStr> {
    v.downcast::<PyStr>().ok_or_else(|| {
        ts.type_error(format!(
            "descriptor requires a 'str' object but received a '{}'",
            v.class().name()
        ))
    })
}

fn arg_str<'a>(ts: &ThreadState, v: &'a Value, what: &str) -> PyResult<&'a PyStr> {
    v.downcast::<PyStr>()
        .ok_or_else(|| ts.type_error(format!("{what} must be str, not {}", v.class().name())))
}

fn str_hash(_ts: &ThreadState, v: &Value) -> PyResult<i64> {
    Ok(v.downcast::<PyStr>().map_or(0, |s| s.hash()))
}

fn str_repr(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let s = s_of(ts, v)?;
    Ok(ts.new_str_from_cps(&repr_cps(&s.to_cps())))
}

fn str_str(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    let s = s_of(ts, v)?;
    if v.class().is(types().str) {
        return Ok(v.clone());
    }
    Ok(ts.new_str_from_cps(&s.to_cps()))
}

fn str_len(ts: &ThreadState, v: &Value) -> PyResult<usize> {
    Ok(s_of(ts, v)?.len())
}

fn str_richcompare(_ts: &ThreadState, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<PyStr>(), b.downcast::<PyStr>()) else {
        return Ok(not_implemented());
    };
    Ok(py_bool(match op {
        CmpOp::Eq => x.eq_str(y),
        CmpOp::Ne => !x.eq_str(y),
        _ => op.test(x.cmp_str(y)),
    }))
}

fn str_getitem(ts: &ThreadState, v: &Value, key: &Value) -> PyResult<Value> {
    let s = s_of(ts, v)?;
    match crate::objects::seq::index_or_slice(ts, key, s.len(), "string")? {
        crate::objects::seq::Index::One(i) => Ok(ts.new_char(s.char_at(i))),
        crate::objects::seq::Index::Slice(r) if r.step == 1 => {
            let start = r.start as usize;
            if start == 0 && r.len == s.len() && v.class().is(types().str) {
                return Ok(v.clone());
            }
            Ok(ts.new_substr(s, start, start + r.len))
        }
        crate::objects::seq::Index::Slice(r) => {
            let cps: Vec<u32> = r.indices().map(|i| s.char_at(i)).collect();
            Ok(ts.new_str_from_cps(&cps))
        }
    }
}

fn find_cps(h: &[u32], n: &[u32], from: usize, to: usize) -> Option<usize> {
    let to = to.min(h.len());
    if n.is_empty() {
        return (from <= to).then_some(from);
    }
    if n.len() > to || from > to - n.len() {
        return None;
    }
    // Scan for the first code point, compare the rest only there (no memcmp per position).
    let (first, rest) = (n[0], &n[1..]);
    let last = to - n.len();
    let mut i = from;
    while i <= last {
        i += h[i..=last].iter().position(|&c| c == first)?;
        if h[i + 1..i + n.len()] == *rest {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn rfind_cps(h: &[u32], n: &[u32], from: usize, to: usize) -> Option<usize> {
    let to = to.min(h.len());
    if n.is_empty() {
        return (from <= to).then_some(to);
    }
    if n.len() > to || from > to - n.len() {
        return None;
    }
    let (first, rest) = (n[0], &n[1..]);
    let mut end = to - n.len() + 1; // candidates are from..end
    while end > from {
        let i = from + h[from..end].iter().rposition(|&c| c == first)?;
        if h[i + 1..i + n.len()] == *rest {
            return Some(i);
        }
        end = i;
    }
    None
}

fn str_contains(ts: &ThreadState, v: &Value, x: &Value) -> PyResult<bool> {
    let s = s_of(ts, v)?;
    let n = x.downcast::<PyStr>().ok_or_else(|| {
        ts.type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            x.class().name()
        ))
    })?;
    if let (Some(a), Some(b)) = (s.as_str(), n.as_str()) {
        return Ok(a.contains(b));
    }
    Ok(find_cps(&s.to_cps(), &n.to_cps(), 0, s.len()).is_some())
}

fn str_iter(ts: &ThreadState, v: &Value) -> PyResult<Value> {
    crate::objects::iter::new_seq_iter(ts, types().str_iter, v.clone())
}

fn str_binary(ts: &ThreadState, a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    match op {
        BinOp::Add => {
            let (Some(x), Some(y)) = (a.downcast::<PyStr>(), b.downcast::<PyStr>()) else {
                return Ok(not_implemented());
            };
            let exact = |v: &Value| v.class().is(types().str);
            if y.is_empty() && exact(a) {
                return Ok(a.clone());
            }
            if x.is_empty() && exact(b) {
                return Ok(b.clone());
            }
            if x.len() as u128 + y.len() as u128 > isize::MAX as u128 / 4 {
                return Err(ts.overflow_error("strings are too large to concat"));
            }
            Ok(ts.new_str_concat(x, y))
        }
        BinOp::Mul => {
            let (s, n) = match (a.downcast::<PyStr>(), b.downcast::<PyStr>()) {
                (Some(s), _) => (s, b),
                (None, Some(s)) => (s, a),
                _ => return Ok(not_implemented()),
            };
            let Some(n) = protocols::try_index(ts, n)? else {
                return Ok(not_implemented());
            };
            if n <= 0 {
                return Ok(crate::runtime::empty_str());
            }
            if (s.len() as u128) * (n as u128) > (1u128 << 32) {
                return Err(ts.memory_error());
            }
            let c = s.to_cps();
            Ok(ts.new_str_from_cps(&c.repeat(n as usize)))
        }
        BinOp::Mod => str_mod(ts, a, b),
        _ => Ok(not_implemented()),
    }
}

struct Printf<'a> {
    ts: &'a ThreadState,
    err: Option<PyErr>,
    /// Formatting bytes: mapping keys are bytes.
    bytes: bool,
}

/// `%s`/`%b` of bytes formatting: a buffer, or what `__bytes__` returns.
fn bytes_conv(ts: &ThreadState, arg: &Value) -> PyResult<Option<Vec<u8>>> {
    if let Some(b) = crate::objects::bytes::bytes_data(arg) {
        return Ok(Some(b));
    }
    if let Some(f) = arg.class().lookup(ts, &crate::runtime::names().__bytes__) {
        let r = protocols::call_method_descr(ts, &f, arg, &[])?;
        return match r.downcast::<crate::objects::bytes::PyBytes>() {
            Some(b) => Ok(Some(b.data.to_vec())),
            None => Err(ts.type_error(format!(
                "__bytes__ returned non-bytes (type {})",
                r.class().name()
            ))),
        };
    }
    Ok(None)
}

fn stash(h: &mut Printf<'_>, e: PyErr) -> FormatError {
    h.err = Some(e);
    FormatError::value("<python error>")
}

impl crate::text::printf::PrintfHost for Printf<'_> {
    type Arg = Value;
    fn get_item(&mut self, mapping: &Value, key: &[u32]) -> FmtResult<Value> {
        let k = if self.bytes {
            crate::objects::bytes::new_bytes(self.ts, key.iter().map(|&c| c as u8).collect())
        } else {
            self.ts.new_str_from_cps(key)
        };
        protocols::get_item(self.ts, mapping, &k).map_err(|e| stash(self, e))
    }
    fn star_int(&mut self, arg: &Value) -> FmtResult<num_bigint::BigInt> {
        match crate::objects::int::as_int(arg) {
            Some(i) => Ok(i.to_big()),
            None => Err(FormatError::type_error("* wants int")),
        }
    }
    fn convert(
        &mut self,
        arg: &Value,
        conv: char,
        is_bytes: bool,
    ) -> FmtResult<crate::text::printf::PrintfValue> {
        use crate::text::printf::PrintfValue;
        let ts = self.ts;
        let r = (|| -> PyResult<FmtResult<PrintfValue>> {
            if is_bytes {
                let tn = arg.class().name();
                match conv {
                    's' | 'b' => {
                        return Ok(match bytes_conv(ts, arg)? {
                            Some(b) => Ok(PrintfValue::Text(b.iter().map(|&x| x as u32).collect())),
                            None => Err(FormatError::type_error(format!(
                                "%b requires a bytes-like object, or an object that implements __bytes__, not '{tn}'"
                            ))),
                        })
                    }
                    'r' | 'a' => {
                        return Ok(Ok(PrintfValue::Text(crate::text::printf::ascii_escape(
                            &protocols::repr_cps(ts, arg)?,
                        ))))
                    }
                    'c' => {
                        if let Some(b) = crate::objects::bytes::bytes_data(arg) {
                            if arg.downcast::<crate::objects::memoryview::PyMemoryView>().is_none() {
                                return Ok(if b.len() == 1 {
                                    Ok(PrintfValue::Text(vec![b[0] as u32]))
                                } else {
                                    Err(FormatError::type_error(format!(
                                        "%c requires an integer in range(256) or a single byte, not a bytes object of length {}",
                                        b.len()
                                    )))
                                });
                            }
                        }
                        return Ok(match crate::objects::int::as_int(arg) {
                            Some(i) => match i.to_i64() {
                                Some(c) if (0..256).contains(&c) => Ok(PrintfValue::Text(vec![c as u32])),
                                _ => Err(FormatError::overflow("%c arg not in range(256)")),
                            },
                            None => Err(FormatError::type_error(format!(
                                "%c requires an integer in range(256) or a single byte, not {tn}"
                            ))),
                        });
                    }
                    _ => {}
                }
            }
            Ok(match conv {
                's' => Ok(PrintfValue::Text(protocols::str_cps(ts, arg)?)),
                'r' => Ok(PrintfValue::Text(protocols::repr_cps(ts, arg)?)),
                'a' => Ok(PrintfValue::Text(crate::text::printf::ascii_escape(
                    &protocols::repr_cps(ts, arg)?,
                ))),
                'c' => {
                    if let Some(s) = arg.downcast::<PyStr>() {
                        if s.len() == 1 {
                            return Ok(Ok(PrintfValue::Text(s.to_cps())));
                        }
                        return Ok(Err(FormatError::type_error(
                            "%c requires an int or a unicode character, not a string of length "
                                .to_string()
                                + &s.len().to_string(),
                        )));
                    }
                    match crate::objects::int::as_int(arg) {
                        Some(i) => match i.to_i64() {
                            Some(c) if (0..=0x10FFFF).contains(&c) => {
                                Ok(PrintfValue::Text(vec![c as u32]))
                            }
                            _ => {
                                return Ok(Err(FormatError::overflow(
                                    "%c arg not in range(0x110000)",
                                )))
                            }
                        },
                        None => Err(FormatError::type_error(format!(
                            "%c requires an int or a unicode character, not {}",
                            arg.class().name()
                        ))),
                    }
                }
                'd' | 'i' | 'u' => {
                    if let Some(i) = crate::objects::int::as_int(arg) {
                        Ok(PrintfValue::Int(i.to_big()))
                    } else if let Some(f) = crate::objects::float::as_float(arg) {
                        if f.is_nan() {
                            return Ok(Err(FormatError::value(
                                "cannot convert float NaN to integer",
                            )));
                        }
                        if f.is_infinite() {
                            return Ok(Err(FormatError::overflow(
                                "cannot convert float infinity to integer",
                            )));
                        }
                        Ok(PrintfValue::Int(crate::objects::float::float_to_bigint(
                            f.trunc(),
                        )))
                    } else if arg.class().slots.int.is_set() || arg.class().slots.index.is_set() {
                        Ok(PrintfValue::Int(protocols::number_to_int(ts, arg)?))
                    } else {
                        Err(FormatError::type_error(format!(
                            "%{conv} format: a real number is required, not {}",
                            arg.class().name()
                        )))
                    }
                }
                'x' | 'X' | 'o' => {
                    if let Some(i) = crate::objects::int::as_int(arg) {
                        Ok(PrintfValue::Int(i.to_big()))
                    } else if arg.class().slots.index.is_set() {
                        let v = protocols::index(ts, arg)?;
                        Ok(PrintfValue::Int(
                            crate::objects::int::as_int(&v)
                                .map(|i| i.to_big())
                                .unwrap_or_default(),
                        ))
                    } else {
                        Err(FormatError::type_error(format!(
                            "%{conv} format: an integer is required, not {}",
                            arg.class().name()
                        )))
                    }
                }
                'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                    if arg.downcast::<PyStr>().is_some()
                        || (!arg.class().slots.float.is_set()
                            && !arg.class().slots.index.is_set()
                            && crate::objects::int::as_int(arg).is_none())
                    {
                        Err(FormatError::type_error(format!(
                            "must be real number, not {}",
                            arg.class().name()
                        )))
                    } else {
                        Ok(PrintfValue::Float(protocols::to_float(ts, arg)?))
                    }
                }
                _ => {
                    let _ = is_bytes;
                    Err(FormatError::value(format!(
                        "unsupported format character '{conv}'"
                    )))
                }
            })
        })();
        match r {
            Ok(x) => x,
            Err(e) => Err(stash(self, e)),
        }
    }
}

/// `fmt % args`.
pub fn str_mod(ts: &ThreadState, a: &Value, b: &Value) -> PyResult<Value> {
    let Some(fmt) = a.downcast::<PyStr>() else {
        return Ok(not_implemented());
    };
    use crate::text::printf::PrintfArgs;
    let args = if let Some(t) = b.downcast::<PyTuple>() {
        PrintfArgs::Tuple(t.as_slice().to_vec())
    } else {
        let mapping = b.class().slots.getitem.is_set() && b.downcast::<PyStr>().is_none();
        PrintfArgs::Single {
            value: b.clone(),
            mapping,
        }
    };
    let mut host = Printf {
        ts,
        err: None,
        bytes: false,
    };
    match crate::text::printf::format(&fmt.to_cps(), args, &mut host, false) {
        Ok(out) => Ok(ts.new_str_from_cps(&out)),
        Err(e) => Err(host.err.take().unwrap_or_else(|| ts.format_error(e))),
    }
}

/// `bytes % args` (and bytearray): the result has the format's type.
pub fn bytes_mod(ts: &ThreadState, a: &Value, b: &Value) -> PyResult<Value> {
    use crate::objects::bytes::{PyByteArray, PyBytes};
    let fmt = match (a.downcast::<PyBytes>(), a.downcast::<PyByteArray>()) {
        (Some(x), _) => x.data.to_vec(),
        (_, Some(x)) => x.data.lock().map(|d| d.clone()).unwrap_or_default(),
        _ => return Ok(not_implemented()),
    };
    use crate::text::printf::PrintfArgs;
    let args = if let Some(t) = b.downcast::<PyTuple>() {
        PrintfArgs::Tuple(t.as_slice().to_vec())
    } else {
        let mapping = b.class().slots.getitem.is_set()
            && b.downcast::<PyStr>().is_none()
            && crate::objects::bytes::bytes_data(b).is_none();
        PrintfArgs::Single {
            value: b.clone(),
            mapping,
        }
    };
    let mut host = Printf {
        ts,
        err: None,
        bytes: true,
    };
    let cps: Vec<u32> = fmt.iter().map(|&c| c as u32).collect();
    match crate::text::printf::format(&cps, args, &mut host, true) {
        Ok(out) => {
            let data: Vec<u8> = out.iter().map(|&c| c as u8).collect();
            if a.downcast::<PyByteArray>().is_some() {
                crate::objects::bytes::new_bytearray(ts, data)
            } else {
                Ok(crate::objects::bytes::new_bytes(ts, data))
            }
        }
        Err(e) => Err(host.err.take().unwrap_or_else(|| ts.format_error(e))),
    }
}

struct FmtHost<'a> {
    ts: &'a ThreadState,
    args: &'a [Value],
    kwargs: Option<Value>,
    err: Option<PyErr>,
}

impl FmtHost<'_> {
    fn stash(&mut self, e: PyErr) -> FormatError {
        self.err = Some(e);
        FormatError::value("<python error>")
    }
}

impl crate::text::fstring::FormatHost for FmtHost<'_> {
    type Obj = Value;
    fn positional(&mut self, i: usize) -> FmtResult<Value> {
        self.args
            .get(i)
            .cloned()
            .ok_or_else(|| crate::text::fstring::index_error(i))
    }
    fn keyword(&mut self, name: &[u32]) -> FmtResult<Value> {
        let k = self.ts.new_str_from_cps(name);
        match &self.kwargs {
            Some(d) => match protocols::get_item(self.ts, d, &k) {
                Ok(v) => Ok(v),
                Err(e) => Err(self.stash(e)),
            },
            None => {
                let e = self.ts.key_error(k);
                Err(self.stash(e))
            }
        }
    }
    fn getattr(&mut self, obj: &Value, name: &[u32]) -> FmtResult<Value> {
        let n = self.ts.new_str_from_cps(name);
        protocols::get_attr(self.ts, obj, &n).map_err(|e| self.stash(e))
    }
    fn getitem_index(&mut self, obj: &Value, i: usize) -> FmtResult<Value> {
        let k = self.ts.new_usize(i);
        protocols::get_item(self.ts, obj, &k).map_err(|e| self.stash(e))
    }
    fn getitem_key(&mut self, obj: &Value, key: &[u32]) -> FmtResult<Value> {
        let k = self.ts.new_str_from_cps(key);
        protocols::get_item(self.ts, obj, &k).map_err(|e| self.stash(e))
    }
    fn convert(&mut self, obj: &Value, conv: char) -> FmtResult<Value> {
        let ts = self.ts;
        let r = match conv {
            'r' => protocols::repr(ts, obj),
            's' => protocols::str(ts, obj),
            _ => protocols::repr_cps(ts, obj)
                .map(|c| ts.new_str_from_cps(&crate::text::printf::ascii_escape(&c))),
        };
        r.map_err(|e| self.stash(e))
    }
    fn format(&mut self, obj: &Value, spec: &[u32]) -> FmtResult<Vec<u32>> {
        let ts = self.ts;
        let sp = ts.new_str_from_cps(spec);
        match protocols::format(ts, obj, &sp) {
            Ok(v) => Ok(v
                .downcast::<PyStr>()
                .map(|s| s.to_cps())
                .unwrap_or_default()),
            Err(e) => Err(self.stash(e)),
        }
    }
}

fn m_format(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let me = s_of(ts, s)?;
    let (pos, kw) = a.split();
    let kwargs = if kw.is_empty() {
        None
    } else {
        let d = ts.new_dict();
        if let Some(dd) = d.downcast::<crate::objects::dict::PyDict>() {
            for (k, v) in kw {
                dd.set_item(ts, k, v)?;
            }
        }
        Some(d)
    };
    let mut host = FmtHost {
        ts,
        args: &pos,
        kwargs,
        err: None,
    };
    match crate::text::fstring::str_format(&me.to_cps(), &mut host) {
        Ok(out) => Ok(ts.new_str_from_cps(&out)),
        Err(e) => Err(host.err.take().unwrap_or_else(|| ts.format_error(e))),
    }
}

fn m_format_map(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [m] = a.parse::<1>(ts, "format_map", &[""], 1)?;
    let me = s_of(ts, s)?;
    let mut host = FmtHost {
        ts,
        args: &[],
        kwargs: m,
        err: None,
    };
    match crate::text::fstring::str_format(&me.to_cps(), &mut host) {
        Ok(out) => Ok(ts.new_str_from_cps(&out)),
        Err(e) => Err(host.err.take().unwrap_or_else(|| ts.format_error(e))),
    }
}

fn m_dunder_format(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [spec] = a.parse::<1>(ts, "__format__", &[""], 1)?;
    let spec = spec.expect("required");
    let sp = arg_str(ts, &spec, "format() argument 2")?;
    let me = s_of(ts, s)?;
    if sp.is_empty() {
        // `str(self)`: a subclass's `__str__` decides (CPython's PyObject_Str).
        return protocols::str(ts, s);
    }
    let out = crate::text::spec::format_str(&me.to_cps(), &sp.to_cps())
        .map_err(|e| ts.format_error(e))?;
    Ok(ts.new_str_from_wtf8(&out))
}

fn str_new(ts: &ThreadState, cls: &Value, args: &[Value], kw: Option<&PyTuple>) -> PyResult<Value> {
    let a = crate::builtins::args::parse(
        ts,
        "str",
        args,
        kw,
        &["object", "encoding", "errors"],
        0,
        crate::builtins::args::VECTORCALL,
    )?;
    let s = match (&a[0], &a[1], &a[2]) {
        (None, _, _) => crate::runtime::empty_str(),
        (Some(o), None, None) => protocols::str(ts, o)?,
        (Some(o), enc, errs) => {
            let data = crate::objects::bytes::bytes_data(o).ok_or_else(|| {
                ts.type_error(format!(
                    "decoding to str: need a bytes-like object, {} found",
                    o.class().name()
                ))
            })?;
            let enc = enc
                .as_ref()
                .map(str_lossy)
                .unwrap_or_else(|| "utf-8".into());
            let errs = errs.as_ref().map(str_lossy);
            decode(ts, &data, &enc, errs.as_deref())?
        }
    };
    let ty = cls.as_type();
    if ty.is(types().str) {
        return Ok(s);
    }
    let cps = s
        .downcast::<PyStr>()
        .map(|x| x.to_cps())
        .unwrap_or_default();
    crate::object::alloc(ts, ty, PyStr::from_cps(&cps))
}

fn normalize_encoding(e: &str) -> String {
    e.to_ascii_lowercase().replace(['-', ' '], "_")
}

/// The codec registry's `CodecInfo` for a text encoding (`_codecs.lookup`), or LookupError
/// for a codec that is not a text encoding (`hex`, `zlib`...).
fn text_codec(ts: &ThreadState, encoding: &str) -> PyResult<Value> {
    let m = crate::import::import_module(ts, "_codecs")?;
    let info = protocols::call_method(ts, &m, "lookup", &[ts.new_str(encoding)])?;
    if let Some(t) = protocols::get_attr_opt(ts, &info, &ts.intern("_is_text_encoding"))? {
        if !protocols::is_true(ts, &t)? {
            return Err(ts.new_error(
                types().exc.lookup_error,
                format!("'{encoding}' is not a text encoding; use codecs.encode() to handle arbitrary codecs"),
            ));
        }
    }
    Ok(info)
}

/// Calls the encoder (`which` 0) or decoder (1) of a text codec on `obj`; item 0 of the
/// pair it returns.
fn run_codec(
    ts: &ThreadState,
    encoding: &str,
    which: i64,
    obj: Value,
    errors: Option<&str>,
) -> PyResult<Value> {
    let info = text_codec(ts, encoding)?;
    let f = protocols::get_item(ts, &info, &ts.new_int(which))?;
    let r = protocols::call(ts, &f, &[obj, ts.new_str(errors.unwrap_or("strict"))], None)?;
    match r.downcast::<PyTuple>() {
        Some(t) if t.len() == 2 => Ok(t.as_slice()[0].clone()),
        _ => Err(ts.type_error(if which == 0 {
            "encoder must return a tuple (object, integer)"
        } else {
            "decoder must return a tuple (object, integer)"
        })),
    }
}

/// `s.encode(encoding, errors)`: strict UTF-8, ASCII and Latin-1 directly, everything else
/// (other codecs, error handlers, error messages) through the codec registry.
pub fn encode(
    ts: &ThreadState,
    s: &Value,
    encoding: &str,
    errors: Option<&str>,
) -> PyResult<Vec<u8>> {
    let st = s_of(ts, s)?;
    let enc = normalize_encoding(encoding);
    // Text these codecs can encode without an error comes out the same whatever the error
    // handler (CPython looks handlers up only on an error), so only failures go to the registry.
    let limit = match enc.as_str() {
        "utf_8" | "utf8" => Some(u32::MAX),
        "ascii" | "us_ascii" => Some(0x80),
        "latin_1" | "latin1" | "iso_8859_1" | "iso8859_1" | "l1" => Some(0x100),
        _ => None,
    };
    if let Some(limit) = limit {
        if limit == u32::MAX {
            if let Some(t) = st.as_str() {
                return Ok(t.as_bytes().to_vec());
            }
            // No lone surrogates: every code point is a `char`.
            let text: Option<String> = st.cps().map(char::from_u32).collect();
            if let Some(t) = text {
                return Ok(t.into_bytes());
            }
        } else if st.kind() == 1 && limit == 0x100 {
            return Ok(st.raw_bytes().to_vec());
        } else if st.cps().all(|c| c < limit) {
            return Ok(st.cps().map(|c| c as u8).collect());
        }
    }
    let r = run_codec(ts, encoding, 0, s.clone(), errors)?;
    if let Some(b) = r.downcast::<crate::objects::bytes::PyBytes>() {
        return Ok(b.data.to_vec());
    }
    if let Some(b) = r.downcast::<crate::objects::bytes::PyByteArray>() {
        return Ok(b.data.lock().map(|d| d.clone()).unwrap_or_default());
    }
    Err(ts.type_error(format!(
        "'{encoding}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
        r.class().name()
    )))
}

/// `bytes.decode(encoding, errors)`: valid UTF-8, ASCII and Latin-1 directly, everything
/// else through the codec registry.
pub fn decode(
    ts: &ThreadState,
    data: &[u8],
    encoding: &str,
    errors: Option<&str>,
) -> PyResult<Value> {
    let enc = normalize_encoding(encoding);
    match enc.as_str() {
        "utf_8" | "utf8" => {
            if let Ok(s) = std::str::from_utf8(data) {
                return Ok(ts.new_str(s));
            }
        }
        "ascii" | "us_ascii" if data.is_ascii() => {
            return Ok(ts.new_str_latin1(data));
        }
        "latin_1" | "latin1" | "iso_8859_1" | "iso8859_1" | "l1" => {
            return Ok(ts.new_str_latin1(data));
        }
        _ => {}
    }
    let obj = crate::objects::bytes::new_bytes(ts, data.to_vec());
    let r = run_codec(ts, encoding, 1, obj, errors)?;
    if r.downcast::<PyStr>().is_some() {
        return Ok(r);
    }
    Err(ts.type_error(format!(
        "'{encoding}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
        r.class().name()
    )))
}

fn m_encode(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [enc, errors] = a.parse::<2>(ts, "encode", &["encoding", "errors"], 0)?;
    for (v, what) in [(&enc, "encoding"), (&errors, "errors")] {
        if let Some(v) = v.as_ref().filter(|v| v.downcast::<PyStr>().is_none()) {
            return Err(ts.type_error(format!(
                "encode() argument '{what}' must be str, not {}",
                v.class().name()
            )));
        }
    }
    let enc = enc.map(|e| str_lossy(&e)).unwrap_or_else(|| "utf-8".into());
    let errors = errors.map(|e| str_lossy(&e));
    Ok(crate::objects::bytes::new_bytes(
        ts,
        encode(ts, s, &enc, errors.as_deref())?,
    ))
}

fn m_join(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [it] = a.parse::<1>(ts, "join", &[""], 1)?;
    let sep = s_of(ts, s)?;
    let it = it.expect("required");
    // Exact list/tuple: their items (CPython's PySequence_Fast); anything else iterates.
    let items = if let Some(t) = it
        .downcast::<PyTuple>()
        .filter(|_| it.class().is(types().tuple))
    {
        t.as_slice().to_vec()
    } else if let Some(l) = it
        .downcast::<crate::objects::list::PyList>()
        .filter(|_| it.class().is(types().list))
    {
        l.to_vec(ts)
    } else {
        if protocols::get_iter(ts, &it).is_err() {
            return Err(ts.type_error("can only join an iterable"));
        }
        protocols::collect(ts, &it)?
    };
    // One pass to check the items and size the result; CPython's `PyUnicode_Join`.
    let mut parts: Vec<&PyStr> = Vec::with_capacity(items.len());
    let mut kind = sep.kind();
    let mut len = sep.len().saturating_mul(items.len().saturating_sub(1));
    for (i, x) in items.iter().enumerate() {
        let p = x.downcast::<PyStr>().ok_or_else(|| {
            ts.type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                x.class().name()
            ))
        })?;
        kind = kind.max(p.kind());
        len = len.saturating_add(p.len());
        parts.push(p);
    }
    if items.len() == 1 && items[0].class().is(types().str) {
        return Ok(items[0].clone());
    }
    if len > isize::MAX as usize / 4 {
        return Err(ts.overflow_error("join() result is too long for a Python string"));
    }
    if kind == 1 {
        let mut out: Vec<u8> = Vec::with_capacity(len);
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(sep.raw_bytes());
            }
            out.extend_from_slice(p.raw_bytes());
        }
        return Ok(ts.new_str_latin1(&out));
    }
    let mut out: Vec<u32> = Vec::with_capacity(len);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.extend(sep.cps());
        }
        out.extend(p.cps());
    }
    Ok(ts.new_str_from_cps(&out))
}

fn is_space(c: u32) -> bool {
    unicode::is_space(c)
}

fn m_split_impl(ts: &ThreadState, s: &Value, a: MethodArgs<'_>, right: bool) -> PyResult<Value> {
    let [sep, maxsplit] = a.parse::<2>(
        ts,
        if right { "rsplit" } else { "split" },
        &["sep", "maxsplit"],
        0,
    )?;
    let st = s_of(ts, s)?;
    let c = st.to_cps();
    let max = match maxsplit {
        Some(m) => protocols::index_i64(ts, &m)?,
        None => -1,
    };
    // Code point ranges of the parts, made into strs (by bytes) at the end.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    match sep.filter(|x| !x.is_none()) {
        None => {
            if !right {
                let mut i = 0;
                let n = c.len();
                loop {
                    while i < n && is_space(c[i]) {
                        i += 1;
                    }
                    if i >= n {
                        break;
                    }
                    if max >= 0 && parts.len() as i64 == max {
                        let mut end = n;
                        while end > i && is_space(c[end - 1]) {
                            end -= 1;
                        }
                        parts.push((i, end));
                        break;
                    }
                    let start = i;
                    while i < n && !is_space(c[i]) {
                        i += 1;
                    }
                    parts.push((start, i));
                }
            } else {
                let mut i = c.len();
                loop {
                    while i > 0 && is_space(c[i - 1]) {
                        i -= 1;
                    }
                    if i == 0 {
                        break;
                    }
                    if max >= 0 && parts.len() as i64 == max {
                        let mut st = 0;
                        while st < i && is_space(c[st]) {
                            st += 1;
                        }
                        parts.push((st, i));
                        break;
                    }
                    let end = i;
                    while i > 0 && !is_space(c[i - 1]) {
                        i -= 1;
                    }
                    parts.push((i, end));
                }
                parts.reverse();
            }
        }
        Some(sep) => {
            let sp = arg_str(ts, &sep, "must be str or None, not")
                .map_err(|_| {
                    ts.type_error(format!("must be str or None, not {}", sep.class().name()))
                })?
                .to_cps();
            if sp.is_empty() {
                return Err(ts.value_error("empty separator"));
            }
            if !right {
                let mut i = 0;
                while let Some(j) = find_cps(&c, &sp, i, c.len()) {
                    if max >= 0 && parts.len() as i64 == max {
                        break;
                    }
                    parts.push((i, j));
                    i = j + sp.len();
                }
                parts.push((i, c.len()));
            } else {
                let mut end = c.len();
                while let Some(j) = rfind_cps(&c, &sp, 0, end) {
                    if max >= 0 && parts.len() as i64 == max {
                        break;
                    }
                    parts.push((j + sp.len(), end));
                    end = j;
                }
                parts.push((0, end));
                parts.reverse();
            }
        }
    }
    if parts.len() == 1 && parts[0] == (0, c.len()) && s.class().is(types().str) {
        return Ok(ts.new_list(vec![s.clone()]));
    }
    Ok(ts.new_list(
        parts
            .iter()
            .map(|&(a, b)| ts.new_substr(st, a, b))
            .collect(),
    ))
}

fn m_split(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    m_split_impl(ts, s, a, false)
}
fn m_rsplit(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    m_split_impl(ts, s, a, true)
}

fn m_splitlines(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [keep] = a.parse::<1>(ts, "splitlines", &["keepends"], 0)?;
    let keep = match keep {
        Some(k) => protocols::is_true(ts, &k)?,
        None => false,
    };
    let c = s_of(ts, s)?.to_cps();
    let mut out = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < c.len() {
        if unicode::is_linebreak(c[i]) {
            let mut end = i + 1;
            if c[i] == '\r' as u32 && end < c.len() && c[end] == '\n' as u32 {
                end += 1;
            }
            out.push(ts.new_str_from_cps(&c[start..if keep { end } else { i }]));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < c.len() {
        out.push(ts.new_str_from_cps(&c[start..]));
    }
    Ok(ts.new_list(out))
}

fn strip_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    left: bool,
    right: bool,
) -> PyResult<Value> {
    let [chars] = a.parse::<1>(ts, "strip", &[""], 0)?;
    let st = s_of(ts, s)?;
    let set: Option<Vec<u32>> = match chars.filter(|x| !x.is_none()) {
        Some(x) => Some(
            arg_str(ts, &x, "strip arg")
                .map_err(|_| ts.type_error("strip arg must be None or str"))?
                .to_cps(),
        ),
        None => None,
    };
    let test = |ch: u32| match &set {
        Some(v) => v.contains(&ch),
        None => is_space(ch),
    };
    let mut lo = 0;
    let mut hi = st.len();
    if left {
        while lo < hi && test(st.char_at(lo)) {
            lo += 1;
        }
    }
    if right {
        while hi > lo && test(st.char_at(hi - 1)) {
            hi -= 1;
        }
    }
    if lo == 0 && hi == st.len() && s.class().is(types().str) {
        return Ok(s.clone());
    }
    Ok(ts.new_substr(st, lo, hi))
}

fn m_strip(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    strip_impl(ts, s, a, true, true)
}
fn m_lstrip(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    strip_impl(ts, s, a, true, false)
}
fn m_rstrip(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    strip_impl(ts, s, a, false, true)
}

/// `start`/`end` arguments clamped as slice bounds.
fn bounds(
    ts: &ThreadState,
    start: Option<Value>,
    end: Option<Value>,
    len: usize,
) -> PyResult<(usize, usize, bool)> {
    // CPython's ADJUST_INDICES: `end` is clamped to the length, `start` is not, so a start
    // past the end finds nothing (not even "").
    let raw_start = match &start {
        Some(v) if !v.is_none() => protocols::index_i64_clamped(ts, v)?,
        _ => 0,
    };
    let (lo, hi) = crate::objects::seq::start_stop(ts, start, end, len)?;
    Ok((lo, hi, lo > hi || raw_start > len as i64))
}

fn find_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    right: bool,
) -> PyResult<Option<usize>> {
    let [sub, start, end] = a.parse::<3>(ts, name, &["", "", ""], 1)?;
    let c = s_of(ts, s)?.to_cps();
    let sub = sub.expect("required");
    let n = arg_str(ts, &sub, "must be str")
        .map_err(|_| ts.type_error(format!("must be str, not {}", sub.class().name())))?
        .to_cps();
    let (lo, hi, empty) = bounds(ts, start, end, c.len())?;
    if empty {
        return Ok(None);
    }
    Ok(if right {
        rfind_cps(&c, &n, lo, hi)
    } else {
        find_cps(&c, &n, lo, hi)
    })
}

fn m_find(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(find_impl(ts, s, a, "find", false)?.map_or(-1, |i| i as i64)))
}
fn m_rfind(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(ts.new_int(find_impl(ts, s, a, "rfind", true)?.map_or(-1, |i| i as i64)))
}
fn m_index(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    match find_impl(ts, s, a, "index", false)? {
        Some(i) => Ok(ts.new_usize(i)),
        None => Err(ts.value_error("substring not found")),
    }
}
fn m_rindex(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    match find_impl(ts, s, a, "rindex", true)? {
        Some(i) => Ok(ts.new_usize(i)),
        None => Err(ts.value_error("substring not found")),
    }
}

fn m_count(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [sub, start, end] = a.parse::<3>(ts, "count", &["", "", ""], 1)?;
    let c = s_of(ts, s)?.to_cps();
    let sub = sub.expect("required");
    let n = arg_str(ts, &sub, "must be str")?.to_cps();
    let (lo, hi, empty) = bounds(ts, start, end, c.len())?;
    if empty {
        return Ok(ts.new_int(0));
    }
    if n.is_empty() {
        return Ok(ts.new_usize(hi - lo + 1));
    }
    let mut k = 0;
    let mut i = lo;
    while let Some(j) = find_cps(&c, &n, i, hi) {
        k += 1;
        i = j + n.len();
    }
    Ok(ts.new_int(k))
}

fn m_replace(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [old, new, count] = a.parse::<3>(ts, "replace", &["", "", "count"], 2)?;
    let c = s_of(ts, s)?.to_cps();
    let o = arg_str(ts, old.as_ref().expect("required"), "replace() argument 1")?.to_cps();
    let n = arg_str(ts, new.as_ref().expect("required"), "replace() argument 2")?.to_cps();
    let mut max = match count {
        Some(x) => protocols::index_i64(ts, &x)?,
        None => -1,
    };
    let mut out = Vec::new();
    if o.is_empty() {
        for (k, &ch) in c.iter().enumerate() {
            if max != 0 {
                out.extend_from_slice(&n);
                max -= 1;
            }
            out.push(ch);
            let _ = k;
        }
        if max != 0 {
            out.extend_from_slice(&n);
        }
        return Ok(ts.new_str_from_cps(&out));
    }
    let mut i = 0;
    while max != 0 {
        let Some(j) = find_cps(&c, &o, i, c.len()) else {
            break;
        };
        if out.capacity() == 0 {
            out.reserve(c.len());
        }
        out.extend_from_slice(&c[i..j]);
        out.extend_from_slice(&n);
        i = j + o.len();
        max -= 1;
    }
    if i == 0 && s.class().is(types().str) {
        return Ok(s.clone()); // nothing replaced: CPython returns the str itself
    }
    out.extend_from_slice(&c[i..]);
    Ok(ts.new_str_from_cps(&out))
}

fn affix_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    end: bool,
) -> PyResult<Value> {
    let [p, start, stop] = a.parse::<3>(ts, name, &["", "", ""], 1)?;
    let c = s_of(ts, s)?.to_cps();
    let (lo, hi, empty) = bounds(ts, start, stop, c.len())?;
    let p = p.expect("required");
    let cands: Vec<Value> = if let Some(t) = p.downcast::<PyTuple>() {
        t.as_slice().to_vec()
    } else {
        vec![p.clone()]
    };
    for x in cands {
        let pc = x.downcast::<PyStr>().ok_or_else(|| {
            if p.downcast::<PyTuple>().is_some() {
                ts.type_error(format!(
                    "tuple for {name} must only contain str, not {}",
                    x.class().name()
                ))
            } else {
                ts.type_error(format!(
                    "{name} first arg must be str or a tuple of str, not {}",
                    x.class().name()
                ))
            }
        })?;
        if empty {
            continue;
        }
        let pc = pc.to_cps();
        let seg = &c[lo..hi];
        let ok = if end {
            seg.ends_with(&pc)
        } else {
            seg.starts_with(&pc)
        };
        if ok {
            return Ok(py_bool(true));
        }
    }
    Ok(py_bool(false))
}

fn m_startswith(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    affix_impl(ts, s, a, "startswith", false)
}
fn m_endswith(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    affix_impl(ts, s, a, "endswith", true)
}

fn map_cps(ts: &ThreadState, s: &Value, f: fn(&[u32]) -> Vec<u32>) -> PyResult<Value> {
    let c = s_of(ts, s)?.to_cps();
    Ok(ts.new_str_from_cps(&f(&c)))
}

fn m_upper(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    if let Some(t) = s_of(ts, s)?.as_str() {
        return Ok(ts.new_str(&t.to_ascii_uppercase()));
    }
    map_cps(ts, s, unicode::str_upper)
}
fn m_lower(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    if let Some(t) = s_of(ts, s)?.as_str() {
        return Ok(ts.new_str(&t.to_ascii_lowercase()));
    }
    map_cps(ts, s, unicode::str_lower)
}
fn m_casefold(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    map_cps(ts, s, unicode::str_casefold)
}
fn m_title(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    map_cps(ts, s, unicode::str_title)
}
fn m_capitalize(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    map_cps(ts, s, unicode::str_capitalize)
}
fn m_swapcase(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    map_cps(ts, s, unicode::str_swapcase)
}

fn pred(ts: &ThreadState, s: &Value, f: fn(u32) -> bool) -> PyResult<Value> {
    let c = s_of(ts, s)?;
    Ok(py_bool(!c.is_empty() && c.cps().all(f)))
}

fn m_isdigit(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    pred(ts, s, unicode::is_digit)
}
fn m_isdecimal(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    pred(ts, s, unicode::is_decimal)
}
fn m_isnumeric(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    pred(ts, s, unicode::is_numeric)
}
fn m_isalpha(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    pred(ts, s, unicode::is_alpha)
}
fn m_isalnum(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    pred(ts, s, unicode::is_alnum)
}
fn m_isspace(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    pred(ts, s, unicode::is_space)
}
fn m_isascii(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(s_of(ts, s)?.is_ascii()))
}
fn m_isprintable(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(s_of(ts, s)?.cps().all(unicode::is_printable)))
}
fn m_isidentifier(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    Ok(py_bool(unicode::is_identifier(&s_of(ts, s)?.to_cps())))
}
fn m_isupper(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let c = s_of(ts, s)?;
    let mut cased = false;
    for ch in c.cps() {
        if unicode::is_lower(ch) || unicode::is_title(ch) {
            return Ok(py_bool(false));
        }
        cased |= unicode::is_upper(ch);
    }
    Ok(py_bool(cased))
}
fn m_islower(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let c = s_of(ts, s)?;
    let mut cased = false;
    for ch in c.cps() {
        if unicode::is_upper(ch) || unicode::is_title(ch) {
            return Ok(py_bool(false));
        }
        cased |= unicode::is_lower(ch);
    }
    Ok(py_bool(cased))
}
fn m_istitle(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let c = s_of(ts, s)?;
    let (mut cased, mut prev_cased) = (false, false);
    for ch in c.cps() {
        if unicode::is_upper(ch) || unicode::is_title(ch) {
            if prev_cased {
                return Ok(py_bool(false));
            }
            prev_cased = true;
            cased = true;
        } else if unicode::is_lower(ch) {
            if !prev_cased {
                return Ok(py_bool(false));
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(py_bool(cased))
}

fn pad_impl(
    ts: &ThreadState,
    s: &Value,
    a: MethodArgs<'_>,
    name: &str,
    how: u8,
) -> PyResult<Value> {
    let [w, fill] = a.parse::<2>(ts, name, &["", ""], 1)?;
    let width = protocols::index_i64(ts, &w.expect("required"))?;
    let fillc = match fill {
        Some(f) => {
            let fs = arg_str(ts, &f, "fill character")?;
            if fs.len() != 1 {
                return Err(ts.type_error("The fill character must be exactly one character long"));
            }
            fs.char_at(0)
        }
        None => ' ' as u32,
    };
    let c = s_of(ts, s)?.to_cps();
    if width <= c.len() as i64 {
        if s.class().is(types().str) {
            return Ok(s.clone());
        }
        return Ok(ts.new_str_from_cps(&c));
    }
    let pad = width as usize - c.len();
    let (l, r) = match how {
        b'l' => (0, pad),
        b'r' => (pad, 0),
        _ => {
            let left = pad / 2 + (pad & width as usize & 1);
            (left, pad - left)
        }
    };
    let mut out = vec![fillc; l];
    out.extend_from_slice(&c);
    out.extend(std::iter::repeat_n(fillc, r));
    Ok(ts.new_str_from_cps(&out))
}

fn m_ljust(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    pad_impl(ts, s, a, "ljust", b'l')
}
fn m_rjust(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    pad_impl(ts, s, a, "rjust", b'r')
}
fn m_center(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    pad_impl(ts, s, a, "center", b'c')
}

fn m_zfill(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [w] = a.parse::<1>(ts, "zfill", &[""], 1)?;
    let width = protocols::index_i64(ts, &w.expect("required"))?;
    let c = s_of(ts, s)?.to_cps();
    if width <= c.len() as i64 {
        return Ok(ts.new_str_from_cps(&c));
    }
    let pad = width as usize - c.len();
    let mut out = Vec::with_capacity(width as usize);
    let (sign, rest) = match c.first() {
        Some(&ch) if ch == '+' as u32 || ch == '-' as u32 => (Some(ch), &c[1..]),
        _ => (None, &c[..]),
    };
    if let Some(sg) = sign {
        out.push(sg);
    }
    out.extend(std::iter::repeat_n('0' as u32, pad));
    out.extend_from_slice(rest);
    Ok(ts.new_str_from_cps(&out))
}

fn partition_impl(ts: &ThreadState, s: &Value, a: MethodArgs<'_>, right: bool) -> PyResult<Value> {
    let [sep] = a.parse::<1>(ts, if right { "rpartition" } else { "partition" }, &[""], 1)?;
    let c = s_of(ts, s)?.to_cps();
    let sep = sep.expect("required");
    let sp = arg_str(ts, &sep, "must be str")?.to_cps();
    if sp.is_empty() {
        return Err(ts.value_error("empty separator"));
    }
    let found = if right {
        rfind_cps(&c, &sp, 0, c.len())
    } else {
        find_cps(&c, &sp, 0, c.len())
    };
    let e = crate::runtime::empty_str;
    let st = s_of(ts, s)?;
    let whole = || {
        if s.class().is(types().str) {
            s.clone()
        } else {
            ts.new_substr(st, 0, c.len())
        }
    };
    Ok(match found {
        Some(i) => ts.new_tuple(vec![
            ts.new_substr(st, 0, i),
            sep.clone(),
            ts.new_substr(st, i + sp.len(), c.len()),
        ]),
        None if right => ts.new_tuple(vec![e(), e(), whole()]),
        None => ts.new_tuple(vec![whole(), e(), e()]),
    })
}

fn m_partition(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    partition_impl(ts, s, a, false)
}
fn m_rpartition(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    partition_impl(ts, s, a, true)
}

fn m_removeprefix(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "removeprefix", &[""], 1)?;
    let c = s_of(ts, s)?.to_cps();
    let p = arg_str(ts, p.as_ref().expect("required"), "removeprefix() argument")?.to_cps();
    Ok(ts.new_str_from_cps(if c.starts_with(&p) { &c[p.len()..] } else { &c }))
}
fn m_removesuffix(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "removesuffix", &[""], 1)?;
    let c = s_of(ts, s)?.to_cps();
    let p = arg_str(ts, p.as_ref().expect("required"), "removesuffix() argument")?.to_cps();
    Ok(ts.new_str_from_cps(if !p.is_empty() && c.ends_with(&p) {
        &c[..c.len() - p.len()]
    } else {
        &c
    }))
}

fn m_expandtabs(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [t] = a.parse::<1>(ts, "expandtabs", &["tabsize"], 0)?;
    let tab = match t {
        Some(t) => protocols::index_i64(ts, &t)?,
        None => 8,
    };
    let c = s_of(ts, s)?.to_cps();
    let mut out = Vec::new();
    let mut col = 0i64;
    for ch in c {
        if ch == '\t' as u32 {
            if tab > 0 {
                let n = tab - col % tab;
                out.extend(std::iter::repeat_n(' ' as u32, n as usize));
                col += n;
            }
        } else {
            out.push(ch);
            col = if ch == '\n' as u32 || ch == '\r' as u32 {
                0
            } else {
                col + 1
            };
        }
    }
    Ok(ts.new_str_from_cps(&out))
}

fn m_translate(ts: &ThreadState, s: &Value, a: MethodArgs<'_>) -> PyResult<Value> {
    let [table] = a.parse::<1>(ts, "translate", &[""], 1)?;
    let table = table.expect("required");
    let c = s_of(ts, s)?.to_cps();
    // An exact dict is probed without raising KeyError for every unmapped character.
    let dict = table
        .downcast::<crate::objects::dict::PyDict>()
        .filter(|_| table.class().is(types().dict));
    // Mappings of Latin-1 characters seen so far (`None` = not looked up yet; the inner
    // `None` = unmapped), as CPython's translate caches its 1-byte lookups.
    let mut seen: Vec<Option<Option<Value>>> = vec![None; 256];
    let mut out = Vec::with_capacity(c.len());
    for ch in c {
        let cached = seen.get(ch as usize).and_then(|e| e.clone());
        let mapped = match cached {
            Some(m) => m,
            None => {
                let k = ts.new_int(ch as i64);
                let m = match dict {
                    Some(d) => d.get_item(ts, &k)?,
                    None => match protocols::get_item(ts, &table, &k) {
                        Ok(v) => Some(v),
                        Err(e) if e.matches(types().exc.lookup_error) => None,
                        Err(e) => return Err(e),
                    },
                };
                if let Some(e) = seen.get_mut(ch as usize) {
                    *e = Some(m.clone());
                }
                m
            }
        };
        match mapped {
            None => out.push(ch),
            Some(v) if v.is_none() => {}
            Some(v) => {
                if let Some(i) = crate::objects::int::as_i64(&v) {
                    if !(0..=0x10FFFF).contains(&i) {
                        return Err(ts.value_error("character mapping must be in range(0x110000)"));
                    }
                    out.push(i as u32);
                } else if let Some(st) = v.downcast::<PyStr>() {
                    out.extend(st.cps());
                } else {
                    return Err(ts.type_error("character mapping must return integer, None or str"));
                }
            }
        }
    }
    Ok(ts.new_str_from_cps(&out))
}

fn m_maketrans(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [x, y, z] = a.parse::<3>(ts, "maketrans", &["", "", ""], 1)?;
    let d = ts.new_dict();
    let dd = d
        .downcast::<crate::objects::dict::PyDict>()
        .ok_or_else(|| ts.type_error("dict"))?;
    let x = x.expect("required");
    match y {
        None => {
            let src = x
                .downcast::<crate::objects::dict::PyDict>()
                .ok_or_else(|| {
                    ts.type_error("if you give only one argument to maketrans it must be a dict")
                })?;
            for (k, v) in src.items(ts) {
                let key = match k.downcast::<PyStr>() {
                    Some(ks) if ks.len() == 1 => ts.new_int(ks.char_at(0) as i64),
                    Some(_) => {
                        return Err(
                            ts.value_error("string keys in translatetable must be of length 1")
                        )
                    }
                    None => k,
                };
                dd.set_item(ts, key, v)?;
            }
        }
        Some(y) => {
            let xs = arg_str(ts, &x, "maketrans() argument 1")?.to_cps();
            let ys = arg_str(ts, &y, "maketrans() argument 2")?.to_cps();
            if xs.len() != ys.len() {
                return Err(
                    ts.value_error("the first two maketrans arguments must have equal length")
                );
            }
            for (a1, b1) in xs.iter().zip(&ys) {
                dd.set_item(ts, ts.new_int(*a1 as i64), ts.new_int(*b1 as i64))?;
            }
            if let Some(z) = z {
                for ch in arg_str(ts, &z, "maketrans() argument 3")?.cps() {
                    dd.set_item(ts, ts.new_int(ch as i64), none())?;
                }
            }
        }
    }
    Ok(d)
}

fn m_getnewargs(ts: &ThreadState, s: &Value, _a: MethodArgs<'_>) -> PyResult<Value> {
    let c = s_of(ts, s)?.to_cps();
    Ok(ts.new_tuple(vec![ts.new_str_from_cps(&c)]))
}

pub fn init(ts: &ThreadState) {
    use crate::objects::descr::{add_method, add_staticmethod};
    let t = types().str;
    let s = &t.slots;
    s.hash.set(Some(str_hash));
    s.repr.set(Some(str_repr));
    s.str.set(Some(str_str));
    s.len.set(Some(str_len));
    s.richcompare.set(Some(str_richcompare));
    s.getitem.set(Some(str_getitem));
    s.contains.set(Some(str_contains));
    s.iter.set(Some(str_iter));
    s.binary.set(Some(str_binary));
    s.new.set(Some(str_new));
    let methods: &[(&str, crate::objects::descr::MethodFn)] = &[
        ("format", m_format),
        ("format_map", m_format_map),
        ("__format__", m_dunder_format),
        ("encode", m_encode),
        ("join", m_join),
        ("split", m_split),
        ("rsplit", m_rsplit),
        ("splitlines", m_splitlines),
        ("strip", m_strip),
        ("lstrip", m_lstrip),
        ("rstrip", m_rstrip),
        ("find", m_find),
        ("rfind", m_rfind),
        ("index", m_index),
        ("rindex", m_rindex),
        ("count", m_count),
        ("replace", m_replace),
        ("startswith", m_startswith),
        ("endswith", m_endswith),
        ("upper", m_upper),
        ("lower", m_lower),
        ("casefold", m_casefold),
        ("title", m_title),
        ("capitalize", m_capitalize),
        ("swapcase", m_swapcase),
        ("isdigit", m_isdigit),
        ("isdecimal", m_isdecimal),
        ("isnumeric", m_isnumeric),
        ("isalpha", m_isalpha),
        ("isalnum", m_isalnum),
        ("isspace", m_isspace),
        ("isascii", m_isascii),
        ("isprintable", m_isprintable),
        ("isidentifier", m_isidentifier),
        ("isupper", m_isupper),
        ("islower", m_islower),
        ("istitle", m_istitle),
        ("ljust", m_ljust),
        ("rjust", m_rjust),
        ("center", m_center),
        ("zfill", m_zfill),
        ("partition", m_partition),
        ("rpartition", m_rpartition),
        ("removeprefix", m_removeprefix),
        ("removesuffix", m_removesuffix),
        ("expandtabs", m_expandtabs),
        ("translate", m_translate),
        ("__getnewargs__", m_getnewargs),
    ];
    for (n, f) in methods {
        add_method(ts, t, n, *f);
    }
    add_staticmethod(ts, t, "maketrans", m_maketrans);
}
