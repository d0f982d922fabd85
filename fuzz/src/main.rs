//! A mutation fuzzer for the frontend, on stable Rust.
//!
//! Seeds are real Python files (by default CPython's `Lib/`). Each round takes a seed,
//! applies a few random mutations that are likely to reach deep parser states (byte
//! flips, splices from other files, duplicated ranges, inserted brackets, quotes,
//! keywords and f-string fragments, truncation), then decodes, tokenizes, parses and
//! compiles and disassembles it. A panic is a crash; a round slower than the hang limit is a hang. Either
//! way the input is saved under `fuzz/artifacts/` and the run fails.
//!
//! ```text
//! cargo run --release -p ladon-fuzz -- --seconds 600 [--threads N] [--seed S] [DIR...]
//! ```
//! Replay one input: `ladon-fuzz --replay FILE`.

use std::panic;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Fragments that steer mutations toward interesting grammar.
const FRAGMENTS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ";",
    "\\\n",
    "\n",
    "\t",
    "    ",
    "'",
    "\"",
    "'''",
    "\"\"\"",
    "f'",
    "f\"{",
    "t'",
    "rb'",
    "}",
    "{x!r:>{w}}",
    "=",
    ":=",
    "*",
    "**",
    "lambda ",
    "yield ",
    "await ",
    "async ",
    "match x:\n case ",
    "case ",
    "type X[T] = ",
    "def f[T](",
    "class C(",
    "->",
    "except* ",
    "except A, B:",
    "try:\n",
    "with (",
    "global ",
    "nonlocal ",
    "@",
    "if ",
    "else",
    "elif ",
    "for ",
    "while ",
    "return ",
    "import ",
    "from . import ",
    "0x",
    "1_000",
    "1e",
    "1j",
    ".5",
    "\\N{",
    "\\u",
    "\\x",
    "\u{e9}",
    "\u{20ac}",
    "\u{200b}",
    "\0",
    "\r",
    "\x0c",
    "# coding: latin-1\n",
    "\u{feff}",
    "not ",
    " is not ",
    " in ",
    "...",
    "_",
    "*_",
    "|",
    "->",
    "del ",
    "assert ",
];

/// xorshift64*: small, fast, and reproducible from `--seed`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    let rounds = 1 + rng.below(8);
    for _ in 0..rounds {
        let len = input.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1);
                input.insert(i, rng.next() as u8);
            }
            2 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                input.drain(a..b);
            }
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(256)).min(len);
                let chunk = input[a..b].to_vec();
                let at = rng.below(len + 1);
                input.splice(at..at, chunk);
            }
            4 => {
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(512)).min(other.len());
                    let at = rng.below(len + 1);
                    input.splice(at..at, other[a..b].iter().copied());
                }
            }
            5 if len > 0 => input.truncate(rng.below(len)),
            6 => {
                // Deep nesting: a run of one opener.
                let opener = [b'(', b'[', b'{', b'-', b'~'][rng.below(5)];
                let n = 1 + rng.below(400);
                let at = rng.below(len + 1);
                input.splice(at..at, std::iter::repeat_n(opener, n));
            }
            _ => {
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                let at = rng.below(len + 1);
                input.splice(at..at, frag.iter().copied());
            }
        }
    }
}

/// Runs the whole frontend on one input. Errors are fine; panics are not.
fn exercise(input: &[u8]) {
    let Ok(src) = frontend::decode_source(input) else {
        return;
    };
    let _ = frontend::tokenizer::tokenize(&src);
    if let Ok((module, _warnings)) = frontend::parser::parse(&src, frontend::Mode::Exec) {
        let _ = frontend::ast::dump::dump_mod(&module);
        if let Ok(code) = frontend::compile_module(&module, "<fuzz>", frontend::Mode::Exec, 0) {
            let _ = frontend::dis::disassemble(&code);
        }
    }
}

fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            python_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

fn save_artifact(kind: &str, input: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    let _ = std::fs::create_dir_all(&dir);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in input {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    let path = dir.join(format!("{kind}-{h:016x}.py"));
    let _ = std::fs::write(&path, input);
    path
}

struct Args {
    seconds: u64,
    threads: usize,
    seed: u64,
    hang_ms: u64,
    replay: Option<PathBuf>,
    dirs: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        seconds: 60,
        threads: 2,
        seed: 0x5eed,
        hang_ms: 10_000,
        replay: None,
        dirs: vec![],
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut num = |name: &str| -> Result<u64, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--seconds" => a.seconds = num("--seconds")?,
            "--threads" => a.threads = num("--threads")? as usize,
            "--seed" => a.seed = num("--seed")?,
            "--hang-ms" => a.hang_ms = num("--hang-ms")?,
            "--replay" => a.replay = Some(it.next().ok_or("--replay needs a file")?.into()),
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ => a.dirs.push(arg.into()),
        }
    }
    Ok(a)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("ladon-fuzz: {e}");
            std::process::exit(2);
        }
    };
    if let Some(path) = &args.replay {
        let input = std::fs::read(path).unwrap_or_else(|e| {
            eprintln!("ladon-fuzz: can't read {}: {e}", path.display());
            std::process::exit(2)
        });
        exercise(&input);
        println!("no crash");
        return;
    }
    let mut files = Vec::new();
    for d in &args.dirs {
        python_files(d, &mut files);
    }
    files.sort();
    let seeds: Arc<Vec<Vec<u8>>> = Arc::new(
        files
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .filter(|s| s.len() < 200_000)
            .collect(),
    );
    if seeds.is_empty() {
        eprintln!("ladon-fuzz: no seed .py files found (pass a directory such as CPython's Lib/)");
        std::process::exit(2);
    }
    // Panics are reported as findings; keep the default hook's output short.
    panic::set_hook(Box::new(|info| eprintln!("panic: {info}")));
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let execs = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicBool::new(false));
    let current: Arc<Vec<Mutex<(Instant, Vec<u8>)>>> = Arc::new(
        (0..args.threads)
            .map(|_| Mutex::new((Instant::now(), Vec::new())))
            .collect(),
    );
    let mut workers = Vec::new();
    for t in 0..args.threads {
        let (seeds, execs, failed, current) = (
            seeds.clone(),
            execs.clone(),
            failed.clone(),
            current.clone(),
        );
        let mut rng = Rng(args.seed.wrapping_add(t as u64 * 0x9E37_79B9_7F4A_7C15) | 1);
        let worker = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(move || {
                while Instant::now() < deadline && !failed.load(Ordering::Relaxed) {
                    let mut input = seeds[rng.below(seeds.len())].clone();
                    mutate(&mut rng, &mut input, &seeds);
                    if let Ok(mut slot) = current[t].lock() {
                        *slot = (Instant::now(), input.clone());
                    }
                    if panic::catch_unwind(|| exercise(&input)).is_err() {
                        let path = save_artifact("crash", &input);
                        eprintln!("CRASH: input saved to {}", path.display());
                        failed.store(true, Ordering::Relaxed);
                    }
                    execs.fetch_add(1, Ordering::Relaxed);
                }
            });
        match worker {
            Ok(h) => workers.push(h),
            Err(e) => {
                eprintln!("ladon-fuzz: can't start a thread: {e}");
                std::process::exit(2);
            }
        }
    }
    // Watchdog: a round that runs past the hang limit is a hang.
    let start = Instant::now();
    let mut last_report = Instant::now();
    while workers.iter().any(|w| !w.is_finished()) {
        std::thread::sleep(Duration::from_millis(200));
        for slot in current.iter() {
            if let Ok(slot) = slot.lock() {
                if slot.0.elapsed() > Duration::from_millis(args.hang_ms)
                    && Instant::now() < deadline
                {
                    let path = save_artifact("hang", &slot.1);
                    eprintln!(
                        "HANG: a round ran over {} ms; input saved to {}",
                        args.hang_ms,
                        path.display()
                    );
                    std::process::exit(1);
                }
            }
        }
        if last_report.elapsed() > Duration::from_secs(30) {
            last_report = Instant::now();
            let n = execs.load(Ordering::Relaxed);
            eprintln!(
                "{:>5.0} s  {n} execs  {:.0}/s",
                start.elapsed().as_secs_f64(),
                n as f64 / start.elapsed().as_secs_f64()
            );
        }
    }
    for w in workers {
        let _ = w.join();
    }
    let n = execs.load(Ordering::Relaxed);
    let secs = start.elapsed().as_secs_f64();
    if failed.load(Ordering::Relaxed) {
        println!("fuzz: crash found after {n} execs");
        std::process::exit(1);
    }
    println!(
        "fuzz: {n} execs in {secs:.0} s ({:.0}/s) from {} seeds, no crash, no hang",
        n as f64 / secs,
        seeds.len()
    );
}
