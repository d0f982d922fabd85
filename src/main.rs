//! `ladon`: the command-line interface (CPython's flags, plus the frontend's tools).
//!
//! ```text
//! ladon FILE [ARGS]...        run a script (`-` or no FILE: stdin; -c CMD: a string)
//! ladon --dump-ast FILE       print ast.dump(ast.parse(src), include_attributes=True)
//! ladon --dis FILE            disassemble the module's bytecode, in `python -m dis` shape
//! ladon --compile-all DIR     parse+compile every .py under DIR on all cores
//! ladon -V | --version
//! ```

mod frontend_cmds;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The version line printed by `-V`.
const VERSION: &str = concat!("Python 3.14.0 (ladon ", env!("CARGO_PKG_VERSION"), ")");

#[derive(Parser, Debug)]
#[command(
    name = "ladon",
    about = "Ladon: a free-threaded Python 3.14 virtual machine",
    disable_version_flag = true,
    trailing_var_arg = true
)]
struct Cli {
    /// Print the version and exit.
    #[arg(short = 'V', long = "version")]
    version: bool,

    /// Print `ast.dump(ast.parse(source), include_attributes=True)` of FILE.
    #[arg(long = "dump-ast", value_name = "FILE", conflicts_with_all = ["dis", "compile_all"])]
    dump_ast: Option<PathBuf>,

    /// Disassemble FILE's bytecode in the shape of `python -m dis`.
    #[arg(long = "dis", value_name = "FILE", conflicts_with = "compile_all")]
    dis: Option<PathBuf>,

    /// Parse and compile every `.py` file under DIR on all cores; print files/s and failures.
    #[arg(long = "compile-all", value_name = "DIR")]
    compile_all: Option<PathBuf>,

    /// With --compile-all: only parse (no symtable/bytecode).
    #[arg(long = "parse-only", requires = "compile_all")]
    parse_only: bool,

    /// Directory of CPython 3.14's pure-Python standard library (`Lib/`).
    #[arg(long = "stdlib", value_name = "DIR")]
    stdlib: Option<PathBuf>,

    /// Program passed in as a string.
    #[arg(short = 'c', value_name = "CMD", allow_hyphen_values = true)]
    command: Option<String>,

    /// Run a library module as a script.
    #[arg(short = 'm', value_name = "MOD")]
    module: Option<String>,

    /// The script to run (or `-` for stdin) followed by its arguments.
    #[arg(value_name = "FILE", allow_hyphen_values = true)]
    args: Vec<String>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if cli.version {
        println!("{VERSION}");
        return ExitCode::SUCCESS;
    }
    if let Some(path) = &cli.dump_ast {
        return frontend_cmds::dump_ast(path);
    }
    if let Some(path) = &cli.dis {
        return frontend_cmds::dis(path);
    }
    if let Some(dir) = &cli.compile_all {
        return frontend_cmds::compile_all(dir, cli.parse_only);
    }
    if cli.module.is_some() {
        eprintln!("ladon: -m is not implemented yet");
        return ExitCode::from(2);
    }
    let (source, args) = if let Some(cmd) = cli.command {
        (vm::MainSource::Command(cmd), cli.args)
    } else if let Some((first, rest)) = cli.args.split_first() {
        let src = if first == "-" {
            vm::MainSource::Stdin
        } else {
            vm::MainSource::File(PathBuf::from(first))
        };
        (src, rest.to_vec())
    } else {
        (vm::MainSource::Stdin, Vec::new())
    };
    // The C-module ports of the stdlib crate, before any import can look for them.
    stdlib::register_all(&vm::Runtime::get());
    let code = vm::run_main(vm::MainOptions {
        source,
        args,
        stdlib: cli.stdlib,
    });
    ExitCode::from(code.clamp(0, 255) as u8)
}
