//! Tokenizer throughput: decodes and tokenizes every `.py` file under a directory
//! (default: CPython 3.14's stdlib) and prints MB/s for the tokenize step alone.
//!
//! cargo run --release -p ladon-frontend --example tokenize_bench [DIR]

use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/root/.cache/cpython314/root/usr/lib/python3.14".into());
    let mut files = Vec::new();
    walk(Path::new(&root), &mut files);
    files.sort();
    let mut sources = Vec::new();
    let mut failed = 0;
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        match frontend::tokenizer::decode_source(&bytes) {
            Ok(s) => sources.push((f, s)),
            Err(e) => {
                failed += 1;
                println!("{}: {e}", f.display());
            }
        }
    }
    let bytes: usize = sources.iter().map(|(_, s)| s.len()).sum();
    let mut best = f64::INFINITY;
    let mut tokens = 0;
    for round in 0..5 {
        let t0 = Instant::now();
        tokens = 0;
        for (f, s) in &sources {
            match frontend::tokenizer::tokenize(s) {
                Ok(t) => tokens += t.len(),
                Err(e) => {
                    if round == 0 {
                        failed += 1;
                        println!("{}: {e}", f.display());
                    }
                }
            }
        }
        best = best.min(t0.elapsed().as_secs_f64());
    }
    println!(
        "{} files ({failed} failed), {:.1} MB, {tokens} tokens: best of 5 {:.3} s, {:.0} MB/s",
        files.len(),
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best
    );
}
