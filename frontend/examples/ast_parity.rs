//! AST parity harness: parses every `.py` file of CPython's Lib and compares
//! `dump_mod` with CPython 3.14's `ast.dump(ast.parse(src), include_attributes=True)`.
//!
//! First write the expected dumps with CPython (once):
//!     python3.14 frontend/examples/ast_parity_dump.py [LIB] [/tmp/astdump]
//! then run:
//!     cargo run --release -p ladon-frontend --example ast_parity -- [FILTER] [-v]
//! `-m` also requires rejected files to give CPython's exception type and message.
//! Prints `N passed, M failed`, the first failing files with the first differing
//! position, and the parse speed (MB/s, parse only, one core).

use std::path::{Path, PathBuf};
use std::time::Instant;

const LIB: &str = "/root/.cache/cpython314/root/usr/lib/python3.14";
const EXPECTED: &str = "/tmp/astdump";

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    // -m: errors must also match CPython's exception type and message.
    let check_msg = args.iter().any(|a| a == "-m");
    // -o: ... and CPython's 1-based character offset.
    let check_offset = args.iter().any(|a| a == "-o");
    let filter = args.iter().find(|a| !a.starts_with('-')).cloned();
    let lib = std::env::var("LADON_LIB").unwrap_or_else(|_| LIB.to_string());
    let expected_dir = std::env::var("LADON_ASTDUMP").unwrap_or_else(|_| EXPECTED.to_string());
    let mut files = Vec::new();
    walk(Path::new(&lib), &mut files);
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut bytes_total = 0usize;
    let mut parse_secs = 0f64;
    let mut tok_secs = 0f64;
    let mut parse_only_secs = 0f64;
    let mut shown = 0;
    for path in &files {
        let rel = path
            .strip_prefix(&lib)
            .unwrap_or(path)
            .to_string_lossy()
            .to_string();
        if let Some(f) = &filter {
            if !rel.contains(f.as_str()) {
                continue;
            }
        }
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let ok_path = format!("{expected_dir}/{rel}.txt");
        let err_path = format!("{expected_dir}/{rel}.err");
        let expected_ok = std::fs::read_to_string(&ok_path).ok();
        let expected_err = std::fs::read_to_string(&err_path).ok();
        if expected_ok.is_none() && expected_err.is_none() {
            skipped += 1;
            continue;
        }
        let t0 = Instant::now();
        let res = frontend::decode_source(&bytes)
            .and_then(|src| frontend::parser::parse(&src, frontend::Mode::Exec));
        parse_secs += t0.elapsed().as_secs_f64();
        // Split timing: tokenizer alone, then parser alone on the same tokens.
        if let Ok(src) = frontend::decode_source(&bytes) {
            let t1 = Instant::now();
            let toks = frontend::tokenizer::tokenize(&src);
            tok_secs += t1.elapsed().as_secs_f64();
            if let Ok(toks) = toks {
                let t2 = Instant::now();
                let r = frontend::parser::parse_tokens(&src, toks, frontend::Mode::Exec);
                parse_only_secs += t2.elapsed().as_secs_f64();
                drop(r);
            }
        }
        bytes_total += bytes.len();
        let problem = match (&res, &expected_ok, &expected_err) {
            (Ok((m, _)), Some(exp), _) => {
                let got = frontend::ast::dump::dump_mod(m);
                if &got == exp {
                    None
                } else {
                    let i = got
                        .bytes()
                        .zip(exp.bytes())
                        .position(|(a, b)| a != b)
                        .unwrap_or(got.len().min(exp.len()));
                    let lo = i.saturating_sub(150);
                    let ctx = |s: &str| {
                        let mut a = lo;
                        while !s.is_char_boundary(a) {
                            a -= 1;
                        }
                        let mut b = (i + 150).min(s.len());
                        while !s.is_char_boundary(b) {
                            b += 1;
                        }
                        s[a..b].to_string()
                    };
                    Some(format!(
                        "AST differs at byte {i}\n   got: {}\n  want: {}",
                        ctx(&got),
                        ctx(exp)
                    ))
                }
            }
            (Ok(_), None, Some(err)) => Some(format!("accepted, CPython rejects: {}", err.trim())),
            (Err(e), Some(_), _) => Some(format!(
                "rejected: {} {} at {}:{}",
                e.kind.name(),
                e.msg,
                e.lineno,
                e.col
            )),
            (Err(e), None, Some(err)) => {
                let parts: Vec<&str> = err.trim().splitn(4, '\t').collect();
                let line: u32 = parts.get(1).and_then(|l| l.parse().ok()).unwrap_or(0);
                let want_kind = parts.first().copied().unwrap_or("");
                let want_msg = parts.get(3).copied().unwrap_or("");
                let want_off: i64 = parts.get(2).and_then(|o| o.parse().ok()).unwrap_or(0);
                let got_off = frontend::decode_source(&bytes)
                    .ok()
                    .and_then(|src| {
                        src.split('\n')
                            .nth(e.lineno.saturating_sub(1) as usize)
                            .map(|l| e.offset(l) as i64)
                    })
                    .unwrap_or(0);
                let off_ok = !check_offset || want_off == got_off;
                if line == e.lineno
                    && off_ok
                    && (!check_msg || (want_kind == e.kind.name() && want_msg == e.msg))
                {
                    None
                } else {
                    Some(format!(
                        "wrong error: {} {} at line {} offset {} (CPython: {})",
                        e.kind.name(),
                        e.msg,
                        e.lineno,
                        got_off,
                        err.trim()
                    ))
                }
            }
            (_, None, None) => None,
        };
        match problem {
            None => passed += 1,
            Some(p) => {
                failed += 1;
                if shown < 10 || verbose {
                    shown += 1;
                    println!("FAIL {rel}: {p}");
                }
            }
        }
    }
    println!("{passed} passed, {failed} failed, {skipped} skipped (no expected dump)");
    if parse_secs > 0.0 {
        println!(
            "parsed {:.1} MB in {:.3} s: {:.1} MB/s (decode + tokenize + parse)",
            bytes_total as f64 / 1e6,
            parse_secs,
            bytes_total as f64 / 1e6 / parse_secs
        );
        println!(
            "tokenizer alone {:.1} MB/s, parser alone {:.1} MB/s",
            bytes_total as f64 / 1e6 / tok_secs,
            bytes_total as f64 / 1e6 / parse_only_secs
        );
    }
}
