//! Number parsing and printing against CPython 3.14 vectors (scripts/gen-vm-numbers.py).
mod common;
use common::*;
use num_bigint::BigInt;
use vm::text::byteshex::{bytes_fromhex, bytes_hex, hex_sep};
use vm::text::numtext::{
    as_integer_ratio, float_hex, int_to_float, round_float, round_int, round_to_int,
};
use vm::text::parse_float::{float_fromhex, parse_complex, parse_float, parse_float_bytes};
use vm::text::parse_int::{
    int_to_base, int_to_decimal, parse_int, parse_int_bytes, DEFAULT_MAX_STR_DIGITS,
};
use vm::text::FmtResult;

fn bits(x: f64) -> String {
    format!("{:016x}", x.to_bits())
}

fn text<T>(r: FmtResult<T>, f: impl Fn(T) -> String) -> Vec<u32> {
    show(&r.map(|v| f(v).chars().map(u32::from).collect()))
}

fn hex_int(s: &str) -> BigInt {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let v = BigInt::parse_bytes(body.as_bytes(), 16).expect("hex int");
    if neg {
        -v
    } else {
        v
    }
}

fn latin1(cps: &[u32]) -> Vec<u8> {
    cps.iter().map(|&c| c as u8).collect()
}

fn run(file: &'static str) {
    let data = data(file);
    let mut t = Tally::new(file);
    for line in data.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let (op, a, b, want) = (f[0], f[1], f[2], unescape(f[3]));
        let s = unescape(a);
        let got = match op {
            "int" => text(
                parse_int(&s, b.parse().unwrap_or(0), DEFAULT_MAX_STR_DIGITS),
                |v| v.to_str_radix(16),
            ),
            "intb" => text(
                parse_int_bytes(&latin1(&s), b.parse().unwrap_or(0), DEFAULT_MAX_STR_DIGITS),
                |v| v.to_str_radix(16),
            ),
            "float" => text(parse_float(&s), bits),
            "floatb" => text(parse_float_bytes(&latin1(&s)), bits),
            "complex" => text(parse_complex(&s), |(x, y)| {
                format!("{},{}", bits(x), bits(y))
            }),
            "fromhex" => text(float_fromhex(&s), bits),
            "hex" => text(Ok(float_hex(f64_bits(a))), |s| s),
            "repr" => text(Ok(vm::text::dtoa::float_repr(f64_bits(a))), |s| s),
            "crepr" => text(
                Ok(vm::text::dtoa::complex_repr(f64_bits(a), f64_bits(b))),
                |s| s,
            ),
            "round0" => text(round_to_int(f64_bits(a)), |v| v.to_string()),
            "round" => text(round_float(f64_bits(a), b.parse().unwrap_or(0)), bits),
            "ratio" => text(as_integer_ratio(f64_bits(a)), |(n, d)| format!("{n}/{d}")),
            "tostr" => text(int_to_decimal(&hex_int(a), DEFAULT_MAX_STR_DIGITS), |s| s),
            "bin" => text(Ok(int_to_base(&hex_int(a), 2)), |s| s),
            "oct" => text(Ok(int_to_base(&hex_int(a), 8)), |s| s),
            "hexint" => text(Ok(int_to_base(&hex_int(a), 16)), |s| s),
            "i2f" => text(int_to_float(&hex_int(a)), bits),
            "bfromhex" => text(bytes_fromhex(&s), |v| bytes_hex(&v, None, 0)),
            "bhex" => {
                let data: Vec<u8> = (0..a.len() / 2)
                    .map(|i| u8::from_str_radix(&a[2 * i..2 * i + 2], 16).expect("hex"))
                    .collect();
                let (sep, n) = b.rsplit_once(',').unwrap_or(("none", "1"));
                let r = if sep == "none" {
                    Ok(bytes_hex(&data, None, 1))
                } else {
                    hex_sep(&unescape(sep))
                        .map(|c| bytes_hex(&data, Some(c), n.parse().unwrap_or(1)))
                };
                text(r, |s| s)
            }
            "roundint" => text(
                Ok(round_int(&a.parse().expect("int"), b.parse().unwrap_or(0))),
                |v| v.to_string(),
            ),
            _ => panic!("unknown op {op}"),
        };
        let ctx: String = format!("{op} {} {b}", a.chars().take(80).collect::<String>());
        t.check(&ctx, &got, &want);
    }
    t.finish();
}

#[test]
fn int_parse_vectors() {
    run("int_parse.tsv");
}
#[test]
fn float_parse_vectors() {
    run("float_parse.tsv");
}
#[test]
fn float_misc_vectors() {
    run("float_misc.tsv");
}
#[test]
fn int_text_vectors() {
    run("int_text.tsv");
}
