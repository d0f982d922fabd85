//! `ladon`: the command-line interface.

use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    eprintln!("ladon: not yet implemented");
    ExitCode::from(2)
}
