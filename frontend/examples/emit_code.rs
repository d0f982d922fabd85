//! Compiles one file and prints its `CodeUnit` tree as JSON, for
//! `cpython_exec.py`, which rebuilds real CPython 3.14 code objects from it and runs
//! them: a differential test of the compiler's semantics before the VM exists.
//!
//! `cargo run --release -p ladon-frontend --example emit_code -- FILE [MODE]`
//! (MODE: exec (default), eval, single).

use std::fmt::Write;

use frontend::ast::{Constant, Int};
use frontend::code::{CodeConst, CodeUnit};

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

fn constant(c: &Constant, out: &mut String) {
    match c {
        Constant::None => out.push_str(r#"{"t":"none"}"#),
        Constant::True => out.push_str(r#"{"t":"true"}"#),
        Constant::False => out.push_str(r#"{"t":"false"}"#),
        Constant::Ellipsis => out.push_str(r#"{"t":"ellipsis"}"#),
        Constant::Int(i) => {
            let v = match i {
                Int::Small(v) => v.to_string(),
                Int::Big(b) => b.to_string(),
            };
            let _ = write!(out, r#"{{"t":"int","v":"{v}"}}"#);
        }
        Constant::Float(f) => {
            let _ = write!(out, r#"{{"t":"float","v":"{}"}}"#, f.to_bits());
        }
        Constant::Complex { real, imag } => {
            let _ = write!(
                out,
                r#"{{"t":"complex","r":"{}","i":"{}"}}"#,
                real.to_bits(),
                imag.to_bits()
            );
        }
        Constant::Str(s) => {
            let _ = write!(out, r#"{{"t":"str","v":"{}"}}"#, hex(s.as_bytes()));
        }
        Constant::Bytes(b) => {
            let _ = write!(out, r#"{{"t":"bytes","v":"{}"}}"#, hex(b));
        }
        Constant::Tuple(items) | Constant::FrozenSet(items) => {
            let t = if matches!(c, Constant::Tuple(_)) {
                "tuple"
            } else {
                "frozenset"
            };
            let _ = write!(out, r#"{{"t":"{t}","v":["#);
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                constant(x, out);
            }
            out.push_str("]}");
        }
    }
}

fn code(c: &CodeUnit, out: &mut String) {
    let mut bytes = Vec::with_capacity(c.code.len() * 2);
    for u in &c.code {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let _ = write!(
        out,
        r#"{{"name":"{}","qualname":"{}","filename":"{}","firstlineno":{},"argcount":{},"posonly":{},"kwonly":{},"flags":{},"stacksize":{},"code":"{}","#,
        hex(c.name.as_bytes()),
        hex(c.qualname.as_bytes()),
        hex(c.filename.as_bytes()),
        c.firstlineno,
        c.argcount,
        c.posonlyargcount,
        c.kwonlyargcount,
        c.flags,
        c.stacksize,
        hex(&bytes)
    );
    out.push_str(r#""names":["#);
    for (i, n) in c.names.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{}\"", hex(n.as_bytes()));
    }
    out.push_str(r#"],"localsplus":["#);
    for (i, (n, k)) in c
        .localsplus_names
        .iter()
        .zip(&c.localsplus_kinds)
        .enumerate()
    {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "[\"{}\",{k}]", hex(n.as_bytes()));
    }
    out.push_str(r#"],"exctable":["#);
    for (i, e) in c.exception_table.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "[{},{},{},{},{}]",
            e.start,
            e.end,
            e.target,
            e.depth,
            u8::from(e.lasti)
        );
    }
    out.push_str(r#"],"lines":["#);
    for (i, r) in c.line_table.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let l = r.loc;
        let _ = write!(
            out,
            "[{},{},{},{},{}]",
            r.units, l.lineno, l.end_lineno, l.col, l.end_col
        );
    }
    out.push_str(r#"],"consts":["#);
    for (i, k) in c.consts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match k {
            CodeConst::Value(v) => constant(v, out),
            CodeConst::Code(c) => {
                out.push_str(r#"{"t":"code","v":"#);
                code(c, out);
                out.push('}');
            }
        }
    }
    out.push_str("]}");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: emit_code FILE [exec|eval|single]");
        std::process::exit(2);
    };
    let mode = match args.get(1).map(String::as_str) {
        Some("eval") => frontend::Mode::Eval,
        Some("single") => frontend::Mode::Single,
        _ => frontend::Mode::Exec,
    };
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("cannot read {path}");
        std::process::exit(2);
    };
    let result = frontend::decode_source(&bytes)
        .and_then(|src| frontend::parser::parse(&src, mode))
        .and_then(|(m, _)| frontend::compile_module(&m, path, mode, 0));
    match result {
        Ok(c) => {
            let mut out = String::new();
            code(&c, &mut out);
            println!("{out}");
        }
        Err(e) => {
            println!(
                r#"{{"error":"{}","lineno":{}}}"#,
                hex(e.msg.as_bytes()),
                e.lineno
            );
        }
    }
}
