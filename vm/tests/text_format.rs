//! `format(value, spec)` against vectors written by CPython 3.14 (scripts/gen-vm-format.py).
mod common;
use common::*;
use num_bigint::BigInt;
use vm::text::format_num::{format_bigint, format_complex, format_float};
use vm::text::spec::format_str;

#[test]
fn format_vectors() {
    run("format.tsv");
}

#[test]
fn format_extra_vectors() {
    run("format_extra.tsv");
}

fn run(file: &'static str) {
    let text = data(file);
    let mut t = Tally::new(file);
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let (kind, value, spec, want) = (f[0], f[1], unescape(f[2]), unescape(f[3]));
        let got = match kind {
            "int" => {
                let v: BigInt = value.parse().expect("int");
                format_bigint(&v, &spec, "int")
            }
            "float" => format_float(f64_bits(value), &spec, "float"),
            "complex" => {
                let (a, b) = value.split_once(',').expect("complex");
                format_complex(f64_bits(a), f64_bits(b), &spec, "complex")
            }
            _ => format_str(&unescape(value), &spec),
        };
        let got = got.map(|w| cps(&w));
        t.check(
            &format!("{kind} {value} {:?}", lossy(&spec)),
            &show(&got),
            &want,
        );
    }
    t.finish();
}

#[test]
fn huge_sizes_are_errors_not_aborts() {
    use vm::text::ExcKind;
    let spec: Vec<u32> = ".2147483647f".chars().map(u32::from).collect();
    let e = format_float(1.5, &spec, "float").unwrap_err();
    assert_eq!(
        (e.kind, e.message.as_str()),
        (ExcKind::ValueError, "precision too big")
    );
    let spec: Vec<u32> = "99999999999999999".chars().map(u32::from).collect();
    let e = format_str(&[0x61], &spec).unwrap_err();
    assert_eq!(e.kind, ExcKind::MemoryError);
    let spec: Vec<u32> = ".99999999999999999e".chars().map(u32::from).collect();
    let e = format_float(1.5, &spec, "float").unwrap_err();
    assert_eq!(e.message, "precision too big");
}
