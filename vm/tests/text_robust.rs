//! Robustness: random inputs through every text entry point must give a value or an
//! error, never a panic (DESIGN: user input never reaches a panic).
use num_bigint::BigInt;
use vm::text::format_num::{format_bigint, format_complex, format_float};
use vm::text::fstring::{field_name_split, MarkupIter};
use vm::text::numtext::round_float;
use vm::text::parse_float::{float_fromhex, parse_complex, parse_float};
use vm::text::parse_int::parse_int;
use vm::text::printf::{convert_basic, format, BasicArg, PrintfArgs, PrintfHost, PrintfValue};
use vm::text::spec::format_str;
use vm::text::{FmtResult, FormatError};
use vm::unicode::{names, normalize};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const ALPHABET: &[u32] = &[
    0x30, 0x31, 0x39, 0x2E, 0x2C, 0x5F, 0x2B, 0x2D, 0x20, 0x23, 0x7A, 0x3C, 0x3E, 0x3D, 0x5E, 0x25,
    0x28, 0x29, 0x7B, 0x7D, 0x5B, 0x5D, 0x21, 0x3A, 0x2A, 0x65, 0x66, 0x67, 0x78, 0x64, 0x73, 0x72,
    0x61, 0x63, 0x6E, 0x6A, 0x70, 0x69, 0x0, 0x661, 0xD800, 0x10FFFF, 0x3A3, 0x1100, 0x1161, 0x301,
    0xAC00, 0xFB01,
];

fn random_string(rng: &mut Rng) -> Vec<u32> {
    let n = (rng.next() % 12) as usize;
    (0..n).map(|_| rng.pick(ALPHABET)).collect()
}

struct Host;
impl PrintfHost for Host {
    type Arg = BasicArg;
    fn get_item(&mut self, _m: &BasicArg, _k: &[u32]) -> FmtResult<BasicArg> {
        Ok(BasicArg::Int(BigInt::from(7)))
    }
    fn star_int(&mut self, a: &BasicArg) -> FmtResult<BigInt> {
        match a {
            BasicArg::Int(v) => Ok(v.clone()),
            _ => Err(FormatError::type_error("* wants int")),
        }
    }
    fn convert(&mut self, a: &BasicArg, c: char, b: bool) -> FmtResult<PrintfValue> {
        convert_basic(a, c, b)
    }
}

#[test]
fn random_inputs_never_panic() {
    let mut rng = Rng(0x9E3779B97F4A7C15);
    let big = BigInt::from(10).pow(40);
    for _ in 0..8_000 {
        let s = random_string(&mut rng);
        let _ = format_bigint(&big, &s, "int");
        let _ = format_bigint(&BigInt::from(-65), &s, "int");
        let _ = format_float(-0.0, &s, "float");
        let _ = format_float(1e300, &s, "float");
        let _ = format_complex(1.5, f64::NAN, &s, "complex");
        let _ = format_str(&[0x61, 0xD800], &s);
        let args = vec![
            BasicArg::Int(BigInt::from(3)),
            BasicArg::Float(2.5),
            BasicArg::Str(vec![0x62]),
        ];
        let _ = format(&s, PrintfArgs::Tuple(args), &mut Host, rng.next() & 1 == 0);
        for m in MarkupIter::new(&s).flatten() {
            if let Some(f) = m.field {
                if let Ok((_, rest)) = field_name_split(&s[f.field_name.clone()], None) {
                    rest.for_each(drop);
                }
            }
        }
        let _ = parse_int(&s, (rng.next() % 38) as i64, 4300);
        let _ = parse_float(&s);
        let _ = parse_complex(&s);
        let _ = float_fromhex(&s);
        let _ = round_float(f64::from_bits(rng.next()), (rng.next() % 700) as i64 - 350);
        let ascii: String = s.iter().filter_map(|&c| char::from_u32(c)).collect();
        let _ = names::lookup(&ascii);
        for form in [normalize::Form::Nfc, normalize::Form::Nfkd] {
            let _ = normalize::normalize(form, &s);
        }
        let _ = names::name((rng.next() % 0x120000) as u32);
    }
}
