//! The Unicode database against CPython 3.14 vectors (scripts/gen-vm-unidata.py).
mod common;
use common::*;
use vm::unicode::{self, names, normalize, ucd_3_2_0};

fn hexes(s: &str) -> Vec<u32> {
    s.split(' ')
        .filter(|x| !x.is_empty())
        .map(|x| u32::from_str_radix(x, 16).expect("hex"))
        .collect()
}

fn hx(v: &[u32]) -> String {
    v.iter()
        .map(|c| format!("{c:X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn s(x: &str) -> Vec<u32> {
    x.chars().map(u32::from).collect()
}

fn flags(c: u32) -> String {
    let preds = [
        ('a', unicode::is_alpha(c)),
        ('d', unicode::is_decimal(c)),
        ('g', unicode::is_digit(c)),
        ('n', unicode::is_numeric(c)),
        ('l', unicode::is_lower(c)),
        ('u', unicode::is_upper(c)),
        ('t', unicode::is_title(c) || unicode::is_upper(c)),
        ('s', unicode::is_space(c)),
        ('p', unicode::is_printable(c)),
        ('i', unicode::is_identifier(&[c])),
    ];
    let f: String = preds.iter().filter(|p| p.1).map(|p| p.0).collect();
    if f.is_empty() {
        "-".into()
    } else {
        f
    }
}

fn py_float_repr(x: f64) -> String {
    vm::text::dtoa::float_repr(x)
}

fn char_row(c: u32) -> String {
    let dec = unicode::to_decimal(c).map_or(-1, |d| d as i64);
    let dig = unicode::to_digit(c).map_or(-1, |d| d as i64);
    [
        format!("{c:X}"),
        flags(c),
        dec.to_string(),
        dig.to_string(),
        unicode::to_numeric(c).map_or("-".into(), py_float_repr),
        hx(&unicode::str_lower(&[c])),
        hx(&unicode::str_upper(&[c])),
        hx(&unicode::str_title(&[c])),
        hx(&unicode::str_casefold(&[c])),
        unicode::category(c).to_string(),
        match unicode::bidirectional(c) {
            "" => "-".to_string(),
            b => b.to_string(),
        },
        unicode::combining(c).to_string(),
        (unicode::mirrored(c) as u8).to_string(),
        unicode::east_asian_width(c).to_string(),
        match unicode::decomposition(c) {
            d if d.is_empty() => "-".to_string(),
            d => d,
        },
        names::name(c).unwrap_or_else(|| "-".into()),
    ]
    .join("\t")
}

/// Planes 4 to 13 hold no characters in Unicode 16; their 160 blocks are checked only
/// with LADON_SLOW=1, which keeps the default run short in debug builds.
fn skip_block(block: u32) -> bool {
    (0x40000..0xE0000).contains(&block) && std::env::var_os("LADON_SLOW").is_none()
}

fn fnv1a(data: &[u8], mut h: u64) -> u64 {
    for &b in data {
        h = (h ^ b as u64).wrapping_mul(0x100000001B3);
    }
    h
}

#[test]
fn unicode_digest_vectors() {
    let text = data("unicode_digest.tsv");
    let mut t = Tally::new("unicode_digest");
    for line in text.lines() {
        let (block, want) = line.split_once('\t').expect("two fields");
        let block = u32::from_str_radix(block, 16).expect("hex");
        if skip_block(block) {
            continue;
        }
        let mut h = 0xCBF29CE484222325u64;
        for c in block..block + 4096 {
            let row = format!("{}\t{}\n", char_row(c), unicode::is_linebreak(c) as u8);
            h = fnv1a(row.as_bytes(), h);
        }
        t.check(
            &format!("block {block:X}"),
            &s(&format!("{h:016x}")),
            &s(want),
        );
    }
    t.finish();
}

#[test]
fn unicode_char_vectors() {
    let text = data("unicode_chars.tsv");
    let mut t = Tally::new("unicode_chars");
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let c = u32::from_str_radix(f[0], 16).expect("cp");
        let got = char_row(c);
        t.check(&format!("U+{}", f[0]), &s(&got), &s(line));
    }
    t.finish();
}

#[test]
fn unicode_string_vectors() {
    let text = data("unicode_strings.tsv");
    let mut t = Tally::new("unicode_strings");
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let (op, input) = (f[0], hexes(f[1]));
        let got = match op {
            "lower" => hx(&unicode::str_lower(&input)),
            "upper" => hx(&unicode::str_upper(&input)),
            "title" => hx(&unicode::str_title(&input)),
            "capitalize" => hx(&unicode::str_capitalize(&input)),
            "swapcase" => hx(&unicode::str_swapcase(&input)),
            "casefold" => hx(&unicode::str_casefold(&input)),
            "isidentifier" => (unicode::is_identifier(&input) as u8).to_string(),
            "32NFC" => hx(&ucd_3_2_0::normalize(normalize::Form::Nfc, &input)),
            "32NFKD" => hx(&ucd_3_2_0::normalize(normalize::Form::Nfkd, &input)),
            "preds" => {
                let preds = [
                    ('l', unicode::str_islower(&input)),
                    ('u', unicode::str_isupper(&input)),
                    ('t', unicode::str_istitle(&input)),
                    ('a', unicode::str_all(&input, unicode::is_alpha)),
                    ('d', unicode::str_all(&input, unicode::is_decimal)),
                    ('g', unicode::str_all(&input, unicode::is_digit)),
                    ('n', unicode::str_all(&input, unicode::is_numeric)),
                    ('N', unicode::str_all(&input, unicode::is_alnum)),
                    ('s', unicode::str_all(&input, unicode::is_space)),
                    ('p', unicode::str_isprintable(&input)),
                ];
                let f: String = preds.iter().filter(|p| p.1).map(|p| p.0).collect();
                if f.is_empty() {
                    "-".into()
                } else {
                    f
                }
            }
            form => {
                let form = normalize::Form::from_name(form).expect("form");
                hx(&normalize::normalize(form, &input))
            }
        };
        t.check(&format!("{op} {}", f[1]), &s(&got), &s(f[2]));
    }
    t.finish();
}

#[test]
fn unicode_lookup_vectors() {
    let text = data("unicode_lookup.tsv");
    let mut t = Tally::new("unicode_lookup");
    for line in text.lines() {
        let (name, want) = line.split_once('\t').expect("two fields");
        let (name, want, lookup): (&str, &str, fn(&str) -> _) = match name {
            "32" => {
                let (n, w) = want.split_once('\t').expect("three fields");
                (n, w, ucd_3_2_0::lookup)
            }
            _ => (name, want, names::lookup),
        };
        let got = match lookup(name) {
            Ok(cp) => format!("{cp:X}"),
            Err(e) => format!("!{}: {}", e.kind.name(), e.message),
        };
        t.check(name, &s(&got), &s(want));
    }
    t.finish();
}

fn ucd32_row(c: u32) -> String {
    let or_dash = |s: String| if s.is_empty() { "-".to_string() } else { s };
    [
        format!("{c:X}"),
        ucd_3_2_0::category(c).to_string(),
        or_dash(ucd_3_2_0::bidirectional(c).to_string()),
        ucd_3_2_0::east_asian_width(c).to_string(),
        (ucd_3_2_0::mirrored(c) as u8).to_string(),
        ucd_3_2_0::combining(c).to_string(),
        ucd_3_2_0::decimal(c).map_or(-1, |d| d as i64).to_string(),
        ucd_3_2_0::digit(c).map_or(-1, |d| d as i64).to_string(),
        ucd_3_2_0::numeric(c).map_or("-".into(), py_float_repr),
        or_dash(ucd_3_2_0::decomposition(c)),
        ucd_3_2_0::name(c).unwrap_or_else(|| "-".into()),
    ]
    .join("\t")
}

#[test]
fn ucd32_digest_vectors() {
    let text = data("ucd32_digest.tsv");
    let mut t = Tally::new("ucd32_digest");
    for line in text.lines() {
        let (block, want) = line.split_once('\t').expect("two fields");
        let block = u32::from_str_radix(block, 16).expect("hex");
        if skip_block(block) {
            continue;
        }
        let mut h = 0xCBF29CE484222325u64;
        for c in block..block + 4096 {
            h = fnv1a(format!("{}\n", ucd32_row(c)).as_bytes(), h);
        }
        t.check(
            &format!("block {block:X}"),
            &s(&format!("{h:016x}")),
            &s(want),
        );
    }
    t.finish();
}
