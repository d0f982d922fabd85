//! `ladon`: the command-line interface (CPython 3.14's options, plus the frontend's tools).
//!
//! ```text
//! ladon [option] ... [-c cmd | -m mod | file | -] [arg] ...   as python3.14 (see -h)
//! ladon --dump-ast FILE       print ast.dump(ast.parse(src), include_attributes=True)
//! ladon --dis FILE            disassemble the module's bytecode, in `python -m dis` shape
//! ladon --compile-all DIR     parse+compile every .py under DIR on all cores
//! ```

mod cli;
mod frontend_cmds;

use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Arguments that are not UTF-8 are taken with replacement characters, never a panic.
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let run = match cli::parse(&args) {
        cli::Action::Run(run) => run,
        cli::Action::Exit(code) => return ExitCode::from(code),
        cli::Action::DumpAst(path) => return frontend_cmds::dump_ast(&path),
        cli::Action::Dis(path) => return frontend_cmds::dis(&path),
        cli::Action::CompileAll { dir, parse_only } => {
            return frontend_cmds::compile_all(&dir, parse_only)
        }
    };
    // The C-module ports of the stdlib crate, before any import can look for them.
    stdlib::register_all(&vm::Runtime::get());
    let code = vm::run_main(vm::MainOptions {
        source: run.source,
        argv: run.argv,
        stdlib: run.stdlib,
        flags: run.flags,
    });
    ExitCode::from(code.clamp(0, 255) as u8)
}
