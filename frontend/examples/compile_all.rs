//! Compiles every `.py` file under a directory (or one file) and reports failures.
//!
//! `cargo run --release -p ladon-frontend --example compile_all -- DIR [--dis FILE]`

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

fn meta(c: &frontend::code::CodeUnit) {
    const MASK: u32 =
        0x1 | 0x2 | 0x4 | 0x8 | 0x10 | 0x20 | 0x80 | 0x100 | 0x200 | 0x400_0000 | 0x800_0000;
    let mut cells = c.cellvars();
    cells.sort();
    let mut names: Vec<&str> = c.names.iter().map(|n| &**n).collect();
    names.sort();
    names.dedup();
    println!(
        "{}|{:x}|{}|{}|{}|{}|{}|{}|{}|{}",
        c.qualname,
        c.flags & MASK,
        c.argcount,
        c.posonlyargcount,
        c.kwonlyargcount,
        c.varnames().join(","),
        cells.join(","),
        c.freevars().join(","),
        names.join(","),
        c.stacksize
    );
    for k in c.nested() {
        meta(k);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--dis") {
        for f in &args[1..] {
            let bytes = std::fs::read(f).expect("readable file");
            match frontend::parse_file(&bytes)
                .and_then(|m| frontend::compile_module(&m, f, frontend::Mode::Exec, 0))
            {
                Ok(c) => print!("{}", frontend::dis::disassemble(&c)),
                Err(e) => println!("{f}: {e}"),
            }
        }
        return;
    }
    if args.first().map(String::as_str) == Some("--meta") {
        // One line per code object, as /tmp/diff/dump.py prints them for CPython.
        let mut files = Vec::new();
        walk(Path::new(&args[1]), &mut files);
        files.sort();
        for p in files {
            let bytes = std::fs::read(&p).unwrap_or_default();
            let name = p.to_string_lossy().to_string();
            let Ok(c) = frontend::parse_file(&bytes)
                .and_then(|m| frontend::compile_module(&m, &name, frontend::Mode::Exec, 0))
            else {
                continue;
            };
            println!("FILE {name}");
            meta(&c);
        }
        return;
    }
    let root = PathBuf::from(args.first().cloned().unwrap_or_else(|| ".".into()));
    let mut files = Vec::new();
    if root.is_file() {
        files.push(root);
    } else {
        walk(&root, &mut files);
    }
    files.sort();
    // LADON_PARSE_ONLY=1 measures the parser alone, for comparison.
    let parse_only = std::env::var_os("LADON_PARSE_ONLY").is_some();
    let t0 = Instant::now();
    let results: Vec<(PathBuf, Result<(), String>, usize)> = files
        .par_iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            let n = bytes.len();
            let r = std::panic::catch_unwind(|| {
                frontend::parse_file(&bytes)
                    .map_err(|e| format!("parse: {e}"))
                    .and_then(|m| {
                        if parse_only {
                            return Ok(());
                        }
                        frontend::compile_module(&m, &p.to_string_lossy(), frontend::Mode::Exec, 0)
                            .map_err(|e| format!("compile: {e}"))
                            .and_then(|c| {
                                c.check_invariants().map_err(|e| format!("invariant: {e}"))
                            })
                    })
            })
            .unwrap_or_else(|_| Err("PANIC".into()));
            (p.clone(), r, n)
        })
        .collect();
    let dt = t0.elapsed();
    let mut ok = 0;
    let mut bytes = 0;
    for (p, r, n) in &results {
        bytes += n;
        match r {
            Ok(()) => ok += 1,
            Err(e) => println!("FAIL {}: {e}", p.display()),
        }
    }
    println!(
        "{ok}/{} files compiled, {:.1} MB in {:.2?} ({:.1} MB/s)",
        results.len(),
        bytes as f64 / 1e6,
        dt,
        bytes as f64 / 1e6 / dt.as_secs_f64()
    );
}
