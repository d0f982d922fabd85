//! The frontend's command-line tools: `--dump-ast`, `--dis`, `--compile-all`.

use frontend::error::format_syntax_error;
use frontend::{Mode, SyntaxError};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Reads FILE or prints a one-line CLI error.
fn read(path: &Path) -> Result<Vec<u8>, ExitCode> {
    std::fs::read(path).map_err(|e| {
        eprintln!(
            "ladon: can't open file '{}': [Errno {}] {}",
            path.display(),
            e.raw_os_error().unwrap_or(0),
            io_reason(&e)
        );
        ExitCode::from(2)
    })
}

/// CPython's wording for the common `open()` failures.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

/// Prints a syntax error as CPython does and returns exit status 1.
fn report(err: &SyntaxError, path: &Path, source: &str) -> ExitCode {
    eprint!(
        "{}",
        format_syntax_error(err, &path.display().to_string(), source)
    );
    ExitCode::from(1)
}

/// Decodes and parses; on error reports it (decoding errors have no source text).
fn parse(path: &Path, bytes: &[u8]) -> Result<(String, frontend::ast::Mod), ExitCode> {
    let src = frontend::decode_source(bytes).map_err(|e| report(&e, path, ""))?;
    match frontend::parser::parse(&src, Mode::Exec) {
        Ok((m, _warnings)) => Ok((src, m)),
        Err(e) => Err(report(&e, path, &src)),
    }
}

pub fn dump_ast(path: &Path) -> ExitCode {
    let bytes = match read(path) {
        Ok(b) => b,
        Err(code) => return code,
    };
    match parse(path, &bytes) {
        Ok((_src, m)) => {
            let mut out = frontend::ast::dump::dump_mod(&m);
            out.push('\n');
            write_stdout(out.as_bytes())
        }
        Err(code) => code,
    }
}

pub fn dis(path: &Path) -> ExitCode {
    let bytes = match read(path) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let (src, m) = match parse(path, &bytes) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let filename = path.display().to_string();
    match frontend::compile_module(&m, &filename, Mode::Exec, 0) {
        Ok(code) => write_stdout(frontend::dis::disassemble(&code).as_bytes()),
        Err(e) => report(&e, path, &src),
    }
}

/// Writes to stdout; a closed pipe is not an error worth a panic.
fn write_stdout(bytes: &[u8]) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ladon: error writing output: {e}");
            ExitCode::from(120)
        }
    }
}

/// Every `.py` file under `dir`, sorted (symlinked directories are not followed).
fn python_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let ty = entry.file_type()?;
            let p = entry.path();
            if ty.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "py") && p.is_file() {
                // `is_file` follows symlinks: a dangling link is not a source file.
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// What happened to one file.
enum Outcome {
    Ok,
    Failed(String),
}

fn compile_one(path: &Path, parse_only: bool) -> (usize, Outcome) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return (0, Outcome::Failed(format!("can't read: {e}"))),
    };
    let n = bytes.len();
    let src = match frontend::decode_source(&bytes) {
        Ok(s) => s,
        Err(e) => return (n, Outcome::Failed(e.to_string())),
    };
    let m = match frontend::parser::parse(&src, Mode::Exec) {
        Ok((m, _)) => m,
        Err(e) => return (n, Outcome::Failed(e.to_string())),
    };
    if !parse_only {
        let filename = path.display().to_string();
        if let Err(e) = frontend::compile_module(&m, &filename, Mode::Exec, 0) {
            return (n, Outcome::Failed(e.to_string()));
        }
    }
    (n, Outcome::Ok)
}

pub fn compile_all(dir: &Path, parse_only: bool) -> ExitCode {
    let files = match python_files(dir) {
        Ok(f) => f,
        Err(e) => {
            eprintln!(
                "ladon: can't read directory '{}': {}",
                dir.display(),
                io_reason(&e)
            );
            return ExitCode::from(2);
        }
    };
    // Deeply nested sources need more than the 2 MiB default thread stack before the
    // frontend's own depth limits stop them (the main thread has 8 MiB).
    let pool = match rayon::ThreadPoolBuilder::new().stack_size(16 << 20).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("ladon: can't start worker threads: {e}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let results: Vec<(usize, Outcome)> = pool.install(|| {
        files
            .par_iter()
            .map(|p| compile_one(p, parse_only))
            .collect()
    });
    let secs = start.elapsed().as_secs_f64();
    let bytes: usize = results.iter().map(|r| r.0).sum();
    let mut failures = 0;
    for (path, (_, outcome)) in files.iter().zip(&results) {
        if let Outcome::Failed(msg) = outcome {
            failures += 1;
            println!("FAIL {}: {}", path.display(), msg);
        }
    }
    println!(
        "{} files, {:.1} MB in {:.3} s on {} threads: {:.0} files/s, {:.1} MB/s; {} failures",
        files.len(),
        bytes as f64 / 1e6,
        secs,
        pool.current_num_threads(),
        files.len() as f64 / secs,
        bytes as f64 / 1e6 / secs,
        failures
    );
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
