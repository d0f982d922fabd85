//! `str.format` against CPython 3.14 vectors (scripts/gen-vm-strformat.py).
mod common;
use common::*;
use num_bigint::BigInt;
use vm::text::format_num::{format_bigint, format_float};
use vm::text::fstring::{index_error, str_format, FormatHost};
use vm::text::printf::{ascii_escape, BasicArg};
use vm::text::spec::format_str;
use vm::text::{ExcKind, FmtResult, FormatError};

#[derive(Clone, Debug)]
enum Obj {
    Int(i64),
    Float(f64),
    Str(Vec<u32>),
    List(Vec<Obj>),
    Dict(Vec<(Vec<u32>, Obj)>),
}

fn s(x: &str) -> Vec<u32> {
    x.chars().map(u32::from).collect()
}

impl Obj {
    fn type_name(&self) -> &'static str {
        match self {
            Obj::Int(_) => "int",
            Obj::Float(_) => "float",
            Obj::Str(_) => "str",
            Obj::List(_) => "list",
            Obj::Dict(_) => "dict",
        }
    }
    fn repr(&self) -> Vec<u32> {
        match self {
            Obj::Int(v) => s(&v.to_string()),
            Obj::Float(x) => s(&vm::text::dtoa::float_repr(*x)),
            Obj::Str(t) => BasicArg::Str(t.clone()).repr(),
            Obj::List(items) => {
                let parts: Vec<String> = items.iter().map(|o| lossy(&o.repr())).collect();
                s(&format!("[{}]", parts.join(", ")))
            }
            Obj::Dict(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|(k, v)| {
                        format!(
                            "{}: {}",
                            lossy(&Obj::Str(k.clone()).repr()),
                            lossy(&v.repr())
                        )
                    })
                    .collect();
                s(&format!("{{{}}}", parts.join(", ")))
            }
        }
    }
    fn str(&self) -> Vec<u32> {
        match self {
            Obj::Str(t) => t.clone(),
            o => o.repr(),
        }
    }
}

struct Host {
    args: Vec<Obj>,
    kwargs: Vec<(Vec<u32>, Obj)>,
}

fn key_error(k: &[u32]) -> FormatError {
    FormatError::new(ExcKind::KeyError, lossy(&Obj::Str(k.to_vec()).repr()))
}

impl FormatHost for Host {
    type Obj = Obj;
    fn positional(&mut self, i: usize) -> FmtResult<Obj> {
        self.args.get(i).cloned().ok_or_else(|| index_error(i))
    }
    fn keyword(&mut self, name: &[u32]) -> FmtResult<Obj> {
        self.kwargs
            .iter()
            .find(|(k, _)| k.as_slice() == name)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| key_error(name))
    }
    fn getattr(&mut self, o: &Obj, name: &[u32]) -> FmtResult<Obj> {
        match (o, lossy(name).as_str()) {
            (Obj::Int(_), "real") | (Obj::Float(_), "real") => Ok(o.clone()),
            (Obj::Int(_), "imag") => Ok(Obj::Int(0)),
            (Obj::Float(_), "imag") => Ok(Obj::Float(0.0)),
            (_, n) => Err(FormatError::new(
                ExcKind::TypeError,
                format!("'{}' object has no attribute '{n}'", o.type_name()),
            )
            .with_attr()),
        }
    }
    fn getitem_index(&mut self, o: &Obj, i: usize) -> FmtResult<Obj> {
        match o {
            Obj::List(items) => items
                .get(i)
                .cloned()
                .ok_or_else(|| FormatError::new(ExcKind::IndexError, "list index out of range")),
            Obj::Str(t) => t
                .get(i)
                .map(|&c| Obj::Str(vec![c]))
                .ok_or_else(|| FormatError::new(ExcKind::IndexError, "string index out of range")),
            Obj::Dict(items) => items
                .iter()
                .find(|(k, _)| lossy(k) == i.to_string() && false)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| FormatError::new(ExcKind::KeyError, i.to_string())),
            _ => Err(FormatError::type_error(format!(
                "'{}' object is not subscriptable",
                o.type_name()
            ))),
        }
    }
    fn getitem_key(&mut self, o: &Obj, key: &[u32]) -> FmtResult<Obj> {
        match o {
            Obj::Dict(items) => items
                .iter()
                .find(|(k, _)| k.as_slice() == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| key_error(key)),
            Obj::List(_) => Err(FormatError::type_error(
                "list indices must be integers or slices, not str",
            )),
            Obj::Str(_) => Err(FormatError::type_error(
                "string indices must be integers, not 'str'",
            )),
            _ => Err(FormatError::type_error(format!(
                "'{}' object is not subscriptable",
                o.type_name()
            ))),
        }
    }
    fn convert(&mut self, o: &Obj, conv: char) -> FmtResult<Obj> {
        Ok(Obj::Str(match conv {
            'r' => o.repr(),
            'a' => ascii_escape(&o.repr()),
            _ => o.str(),
        }))
    }
    fn format(&mut self, o: &Obj, spec: &[u32]) -> FmtResult<Vec<u32>> {
        let w = match o {
            Obj::Int(v) => format_bigint(&BigInt::from(*v), spec, "int")?,
            Obj::Float(x) => {
                if spec.is_empty() {
                    return Ok(o.str());
                }
                format_float(*x, spec, "float")?
            }
            Obj::Str(t) => format_str(t, spec)?,
            _ => {
                if !spec.is_empty() {
                    return Err(FormatError::type_error(format!(
                        "unsupported format string passed to {}.__format__",
                        o.type_name()
                    )));
                }
                return Ok(o.str());
            }
        };
        Ok(cps(&w))
    }
}

trait WithAttr {
    fn with_attr(self) -> Self;
}
impl WithAttr for FormatError {
    /// The vectors name AttributeError, which ExcKind does not model: compare by text.
    fn with_attr(mut self) -> Self {
        self.message = format!("\u{0}AttributeError: {}", self.message);
        self
    }
}

#[test]
fn strformat_vectors() {
    let text = data("strformat.tsv");
    let mut t = Tally::new("strformat");
    for line in text.lines() {
        let (fmt, want) = line.split_once('\t').expect("two fields");
        let (fmt, want) = (unescape(fmt), unescape(want));
        let mut host = Host {
            args: vec![
                Obj::Int(42),
                Obj::Str(s("abc")),
                Obj::Float(-1.5),
                Obj::List(vec![Obj::Int(7), Obj::Str(s("x"))]),
                Obj::Dict(vec![(s("k"), Obj::Str(s("v")))]),
                Obj::Int(3),
            ],
            kwargs: vec![
                (s("name"), Obj::Str(s("Ann"))),
                (s("n"), Obj::Int(8)),
                (s("f"), Obj::Float(0.25)),
                (s("lst"), Obj::List(vec![Obj::Int(1), Obj::Int(2)])),
                (
                    s("d"),
                    Obj::Dict(vec![(s("a"), Obj::Int(1)), (s("0"), Obj::Str(s("zero")))]),
                ),
            ],
        };
        let got = match str_format(&fmt, &mut host) {
            Err(e) if e.message.starts_with('\u{0}') => s(&format!("!{}", &e.message[1..])),
            r => show(&r),
        };
        t.check(&format!("{:?}", lossy(&fmt)), &got, &want);
    }
    t.finish();
}

/// Python's `unicode_escape` of code points (as the generator writes strings).
fn py_esc(v: &[u32]) -> String {
    let mut out = String::new();
    for &c in v {
        match c {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            0x20..=0x7E => out.push(char::from_u32(c).unwrap_or('?')),
            0..=0xFF => out.push_str(&format!("\\x{c:02x}")),
            0x100..=0xFFFF => out.push_str(&format!("\\u{c:04x}")),
            _ => out.push_str(&format!("\\U{c:08x}")),
        }
    }
    out
}

fn show_str(v: &[u32]) -> String {
    format!("'{}'", py_esc(v).replace('\'', "\\x27"))
}

fn show_opt(v: &Option<Vec<u32>>) -> String {
    v.as_ref().map_or("None".into(), |s| show_str(s))
}

#[test]
fn formatter_parser_vectors() {
    use vm::text::fstring::{field_name_split, Accessor, FieldFirst, MarkupIter, ParserItem};
    let text = data("formatter_parser.tsv");
    let mut t = Tally::new("formatter_parser");
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let (op, input, want) = (f[0], unescape(f[1]), f[2]);
        let got: Result<String, vm::text::FormatError> = if op == "parse" {
            MarkupIter::new(&input)
                .map(|m| {
                    m.map(|m| {
                        let p = ParserItem::new(&input, &m);
                        let conv = p.conversion.map_or("None".into(), |c| show_str(&[c]));
                        format!(
                            "({},{},{},{conv})",
                            show_str(&p.literal),
                            show_opt(&p.field_name),
                            show_opt(&p.format_spec)
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map(|items| format!("({})", items.join(",")))
        } else {
            field_name_split(&input, None).and_then(|(first, rest)| {
                let first = match first {
                    FieldFirst::Index(i) => i.to_string(),
                    FieldFirst::Name(n) => show_str(&n),
                };
                let rest = rest
                    .map(|a| {
                        a.map(|a| match a {
                            Accessor::Attr(n) => format!("(True,{})", show_str(&n)),
                            Accessor::Index(i) => format!("(False,{i})"),
                            Accessor::Key(k) => format!("(False,{})", show_str(&k)),
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(format!("({first},({}))", rest.join(",")))
            })
        };
        let got = match got {
            Ok(s) => s,
            Err(e) => format!("!{}: {}", e.kind.name(), py_esc(&s(&e.message))),
        };
        t.check(&format!("{op} {}", f[1]), &s(&got), &s(want));
    }
    t.finish();
}
