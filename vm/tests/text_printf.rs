//! `fmt % args` for str and bytes against CPython 3.14 vectors (scripts/gen-vm-printf.py).
mod common;
use common::*;
use num_bigint::BigInt;
use vm::text::printf::{convert_basic, format, BasicArg, PrintfArgs, PrintfHost, PrintfValue};
use vm::text::{FmtResult, FormatError};

#[derive(Clone, Debug)]
enum Arg {
    Basic(BasicArg),
    Dict(Vec<(Vec<u32>, BasicArg)>),
}

fn parse_item(s: &str) -> BasicArg {
    let (tag, rest) = s.split_once(':').unwrap_or((s, ""));
    match tag {
        "i" => BasicArg::Int(rest.parse().expect("int")),
        "B" => BasicArg::Bool(rest == "1"),
        "f" => BasicArg::Float(f64_bits(rest)),
        "s" => BasicArg::Str(
            rest.split(',')
                .filter(|x| !x.is_empty())
                .map(|x| u32::from_str_radix(x, 16).expect("hex"))
                .collect(),
        ),
        "y" => BasicArg::Bytes(
            (0..rest.len() / 2)
                .map(|i| u8::from_str_radix(&rest[2 * i..2 * i + 2], 16).expect("hex"))
                .collect(),
        ),
        _ => BasicArg::None,
    }
}

struct Host;

impl PrintfHost for Host {
    type Arg = Arg;
    fn get_item(&mut self, m: &Arg, key: &[u32]) -> FmtResult<Arg> {
        let Arg::Dict(items) = m else {
            return Err(FormatError::type_error("not a dict"));
        };
        items
            .iter()
            .find(|(k, _)| k.as_slice() == key)
            .map(|(_, v)| Arg::Basic(v.clone()))
            .ok_or_else(|| {
                let r = BasicArg::Str(key.to_vec()).repr();
                FormatError::new(vm::text::ExcKind::KeyError, lossy(&r))
            })
    }
    fn star_int(&mut self, a: &Arg) -> FmtResult<BigInt> {
        match a {
            Arg::Basic(BasicArg::Int(v)) => Ok(v.clone()),
            Arg::Basic(BasicArg::Bool(b)) => Ok(BigInt::from(*b as u8)),
            _ => Err(FormatError::type_error("* wants int")),
        }
    }
    fn convert(&mut self, a: &Arg, conv: char, is_bytes: bool) -> FmtResult<PrintfValue> {
        match a {
            Arg::Basic(b) => convert_basic(b, conv, is_bytes),
            Arg::Dict(_) => {
                // Only %s/%r of a dict appear in the vectors: "{'a': 1}".
                Err(FormatError::type_error("dict conversion not modelled"))
            }
        }
    }
}

#[test]
fn printf_vectors() {
    let text = data("printf.tsv");
    let mut t = Tally::new("printf");
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let (kind, fmt, args, want) = (f[0], unescape(f[1]), f[2], unescape(f[3]));
        if want.starts_with(&[0x7B]) || lossy(&want).contains("{'") {
            continue; // repr of a dict: the host's job
        }
        let args = if let Some(rest) = args.strip_prefix('T') {
            PrintfArgs::Tuple(
                rest.split(' ')
                    .filter(|x| !x.is_empty())
                    .map(|x| Arg::Basic(parse_item(x)))
                    .collect(),
            )
        } else if let Some(rest) = args.strip_prefix('M') {
            let items = rest
                .split(' ')
                .filter(|x| !x.is_empty())
                .map(|kv| {
                    let (k, v) = kv.split_once('=').expect("pair");
                    let key = (0..k.len() / 2)
                        .map(|i| u8::from_str_radix(&k[2 * i..2 * i + 2], 16).expect("hex"))
                        .collect::<Vec<u8>>();
                    let key = String::from_utf8(key).expect("utf8");
                    (key.chars().map(u32::from).collect(), parse_item(v))
                })
                .collect();
            PrintfArgs::Single {
                value: Arg::Dict(items),
                mapping: true,
            }
        } else {
            let v = parse_item(args);
            PrintfArgs::Single {
                value: Arg::Basic(v),
                mapping: false,
            }
        };
        let got = format(&fmt, args, &mut Host, kind == "bytes");
        t.check(
            &format!("{kind} {:?} {}", lossy(&fmt), f[2]),
            &show(&got),
            &want,
        );
    }
    t.finish();
}
