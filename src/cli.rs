//! CPython 3.14's command line (`Python/getopt.c`, `Python/initconfig.c`): options come
//! before the program (`-c CMD`, `-m MOD`, FILE or `-`), short flags group (`-IEs`,
//! `-uc CMD`), an option's argument may be glued on (`-Werror`) or follow, everything after
//! the program is `sys.argv[1:]` untouched. The `PYTHON*` environment variables are then
//! merged in (unless `-E`/`-I`) to give [`vm::Flags`]. Ladon's own tools are long options.

use std::path::PathBuf;
use vm::{Flags, MainSource};

/// Short options; a `:` marks one that takes an argument (CPython's optstring plus `-t`,
/// which it still accepts and ignores).
const SHORT_OPTS: &str = "bBc:dEhiIm:OPqRsStuvVW:xX:?";

/// What the command line asks for.
pub enum Action {
    Run(RunConfig),
    /// Help, version or a usage error was printed: exit with this status.
    Exit(u8),
    DumpAst(PathBuf),
    Dis(PathBuf),
    CompileAll {
        dir: PathBuf,
        parse_only: bool,
    },
}

pub struct RunConfig {
    pub source: MainSource,
    pub argv: Vec<String>,
    pub stdlib: Option<PathBuf>,
    pub flags: Flags,
}

/// The parsed options before the environment is merged in.
#[derive(Default)]
struct Opts {
    flags: Flags,
    ignore_env: bool,
    cmdline_warnoptions: Vec<String>,
    print_version: u32,
    hash_seed_random: bool,
    stdlib: Option<PathBuf>,
    dump_ast: Option<PathBuf>,
    dis: Option<PathBuf>,
    compile_all: Option<PathBuf>,
    parse_only: bool,
}

/// `-V` text (CPython prints `PY_VERSION`).
pub const VERSION: &str = "Python 3.14.0";
/// `-VV` text (CPython prints `sys.version`).
const VERSION_LONG: &str = concat!(
    "Python 3.14.0 (ladon ",
    env!("CARGO_PKG_VERSION"),
    ", free-threading build)"
);

fn usage_line(prog: &str) -> String {
    format!("usage: {prog} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n")
}

/// A usage error: the message, CPython's two usage lines, status 2.
fn usage_error(prog: &str, msg: &str) -> Action {
    eprint!(
        "{msg}\n{}Try `python -h' for more information.\n",
        usage_line(prog)
    );
    Action::Exit(2)
}

const HELP: &str = "\
Options (and corresponding environment variables):
-b     : issue warnings about converting bytes/bytearray to str and comparing
         bytes/bytearray with str or bytes with int. (-bb: issue errors)
-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x
-c cmd : program passed in as string (terminates option list)
-d     : turn on parser debugging output (sys.flags.debug only in Ladon); also PYTHONDEBUG=x
-E     : ignore PYTHON* environment variables (such as PYTHONPATH)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script; forces a prompt even
         if stdin does not appear to be a terminal; also PYTHONINSPECT=x
-I     : isolate Python from the user's environment (implies -E, -P and -s)
-m mod : run library module as a script (terminates option list)
-O     : remove assert and __debug__-dependent statements; also PYTHONOPTIMIZE=x
-OO    : do -O changes and also discard docstrings
-P     : don't prepend a potentially unsafe path to sys.path; also
         PYTHONSAFEPATH
-q     : don't print version and copyright messages on interactive startup
-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE=x
-S     : don't imply 'import site' on initialization
-u     : force the stdout and stderr streams to be unbuffered;
         this option has no effect on stdin; also PYTHONUNBUFFERED=x
-v     : verbose (trace import statements); also PYTHONVERBOSE=x
         can be supplied multiple times to increase verbosity
-V     : print the Python version number and exit (also --version)
         when given twice, print more information about the build
-W arg : warning control; arg is action:message:category:module:lineno
         also PYTHONWARNINGS=arg
-x     : skip first line of source, allowing use of non-Unix forms of #!cmd
-X opt : set implementation-specific option
--check-hash-based-pycs always|default|never:
         control how Python invalidates hash-based .pyc files
--help-env: print help about Python environment variables and exit
--help-xoptions: print help about implementation-specific -X options and exit
--help-all: print complete help information and exit

Ladon's tools (instead of a program):
--dump-ast FILE   : print ast.dump(ast.parse(source), include_attributes=True)
--dis FILE        : disassemble FILE's bytecode in the shape of `python -m dis`
--compile-all DIR : parse and compile every .py under DIR on all cores
                    (--parse-only: only parse)
--stdlib DIR      : CPython 3.14's pure-Python Lib/ (also LADON_STDLIB)

Arguments:
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]
";

const HELP_ENV: &str = "\
Environment variables that change behavior:
PYTHONSTARTUP   : file executed on interactive startup (no default)
PYTHONPATH      : ':'-separated list of directories prefixed to the
                  default module search path.  The result is sys.path.
PYTHONHASHSEED  : reported in sys.flags.hash_randomization
PYTHONINTMAXSTRDIGITS: limit the size of int<->str conversions;
                  0 disables the limit
PYTHONUTF8      : control the UTF-8 mode (sys.flags.utf8_mode)
PYTHONDEVMODE   : enable the development mode
PYTHONWARNDEFAULTENCODING: enable opt-in EncodingWarning for 'encoding=None'
LADON_STDLIB    : CPython 3.14's pure-Python Lib/ directory

These variables have equivalent command-line options (see --help for details):
PYTHONDEBUG             : -d
PYTHONDONTWRITEBYTECODE : -B
PYTHONINSPECT           : -i
PYTHONINTMAXSTRDIGITS   : -X int_max_str_digits
PYTHONNOUSERSITE        : -s
PYTHONOPTIMIZE          : -O
PYTHONSAFEPATH          : -P
PYTHONUNBUFFERED        : -u
PYTHONVERBOSE           : -v
PYTHONWARNINGS=arg      : -W arg
";

const HELP_XOPTIONS: &str = "\
The following implementation-specific options are available:
-X dev : enable the development mode (sys.flags.dev_mode, -W default)
-X int_max_str_digits=N: limit the size of int<->str conversions;
         0 disables the limit; also PYTHONINTMAXSTRDIGITS
-X utf8[=0|1]: enable (1) or disable (0) UTF-8 mode; also PYTHONUTF8
-X warn_default_encoding: enable opt-in EncodingWarning for 'encoding=None';
         also PYTHONWARNDEFAULTENCODING
Any other -X option is accepted and recorded in sys._xoptions.
";

/// Parses `args` (`args[0]` is the program's name).
pub fn parse(args: &[String]) -> Action {
    let prog = args.first().map(String::as_str).unwrap_or("ladon");
    let mut o = Opts::default();
    let mut i = 1;
    // The rest of a group of short flags being read (`-IEs` → "Es" after `-I`).
    let mut group = String::new();
    let mut run: Option<MainSource> = None;
    loop {
        if group.is_empty() {
            let Some(a) = args.get(i) else { break };
            if !a.starts_with('-') || a == "-" {
                break;
            }
            i += 1;
            if a == "--" {
                break;
            }
            if let Some(long) = a.strip_prefix("--") {
                match long_option(prog, long, args, &mut i, &mut o) {
                    Ok(()) => continue,
                    Err(action) => return action,
                }
            }
            group = a[1..].to_string();
        }
        let c = group.remove(0);
        let Some(pos) = SHORT_OPTS.find(c) else {
            return usage_error(prog, &format!("Unknown option: -{c}"));
        };
        let takes_arg = SHORT_OPTS[pos + c.len_utf8()..].starts_with(':');
        let arg = if takes_arg {
            if !group.is_empty() {
                Some(std::mem::take(&mut group))
            } else if let Some(a) = args.get(i) {
                i += 1;
                Some(a.clone())
            } else {
                return usage_error(prog, &format!("Argument expected for the -{c} option"));
            }
        } else {
            None
        };
        let f = &mut o.flags;
        match (c, arg) {
            ('c', Some(cmd)) => {
                run = Some(MainSource::Command(cmd));
                break;
            }
            ('m', Some(module)) => {
                run = Some(MainSource::Module(module));
                break;
            }
            ('b', _) => f.bytes_warning += 1,
            ('B', _) => f.dont_write_bytecode = true,
            ('d', _) => f.debug += 1,
            ('E', _) => o.ignore_env = true,
            ('h' | '?', _) => {
                print!("{}{HELP}", usage_line(prog));
                return Action::Exit(0);
            }
            ('i', _) => {
                f.inspect = true;
                f.interactive = true;
            }
            ('I', _) => {
                f.isolated = true;
                o.ignore_env = true;
                f.safe_path = true;
                f.no_user_site = true;
            }
            ('O', _) => f.optimize += 1,
            ('P', _) => f.safe_path = true,
            ('q', _) => f.quiet = true,
            ('R', _) => o.hash_seed_random = true,
            ('s', _) => f.no_user_site = true,
            ('S', _) => f.no_site = true,
            ('t', _) => {}
            ('u', _) => f.unbuffered = true,
            ('v', _) => f.verbose += 1,
            ('V', _) => o.print_version += 1,
            ('W', Some(w)) => o.cmdline_warnoptions.push(w),
            ('x', _) => f.skip_first_line = true,
            ('X', Some(x)) => match x.split_once('=') {
                Some((k, v)) => f.xoptions.push((k.to_string(), Some(v.to_string()))),
                None => f.xoptions.push((x, None)),
            },
            _ => return usage_error(prog, &format!("Unknown option: -{c}")),
        }
    }
    if o.print_version > 0 {
        println!(
            "{}",
            if o.print_version >= 2 {
                VERSION_LONG
            } else {
                VERSION
            }
        );
        return Action::Exit(0);
    }
    if let Some(p) = o.dump_ast.take() {
        return Action::DumpAst(p);
    }
    if let Some(p) = o.dis.take() {
        return Action::Dis(p);
    }
    if let Some(dir) = o.compile_all.take() {
        return Action::CompileAll {
            dir,
            parse_only: o.parse_only,
        };
    }
    let rest = &args[i.min(args.len())..];
    let (source, argv) = match run {
        Some(src @ MainSource::Command(_)) => (src, with_arg0("-c", rest)),
        Some(src @ MainSource::Module(_)) => (src, with_arg0("-m", rest)),
        _ => match rest.first() {
            None => (MainSource::Stdin, vec![String::new()]),
            Some(first) if first == "-" => (MainSource::Stdin, rest.to_vec()),
            Some(first) => (MainSource::File(PathBuf::from(first)), rest.to_vec()),
        },
    };
    let stdlib = o.stdlib.take();
    match finish_flags(o) {
        Ok(flags) => Action::Run(RunConfig {
            source,
            argv,
            stdlib,
            flags,
        }),
        Err(msg) => {
            eprint!("{msg}");
            Action::Exit(1)
        }
    }
}

fn with_arg0(arg0: &str, rest: &[String]) -> Vec<String> {
    let mut v = vec![arg0.to_string()];
    v.extend(rest.iter().cloned());
    v
}

/// `--NAME` (CPython's and Ladon's long options). `Err` is the action to return at once.
fn long_option(
    prog: &str,
    long: &str,
    args: &[String],
    i: &mut usize,
    o: &mut Opts,
) -> Result<(), Action> {
    let (name, glued) = match long.split_once('=') {
        Some((n, v)) => (n, Some(v.to_string())),
        None => (long, None),
    };
    let mut value = |what: &str| -> Result<String, Action> {
        if let Some(v) = glued.clone() {
            return Ok(v);
        }
        match args.get(*i) {
            Some(v) => {
                *i += 1;
                Ok(v.clone())
            }
            None => Err(usage_error(
                prog,
                &format!("Argument expected for the --{what} options"),
            )),
        }
    };
    match name {
        "help" => {
            print!("{}{HELP}", usage_line(prog));
            return Err(Action::Exit(0));
        }
        "version" => o.print_version += 1,
        "help-env" => {
            print!("{HELP_ENV}");
            return Err(Action::Exit(0));
        }
        "help-xoptions" => {
            print!("{HELP_XOPTIONS}");
            return Err(Action::Exit(0));
        }
        "help-all" => {
            print!("{}{HELP}\n{HELP_ENV}\n{HELP_XOPTIONS}", usage_line(prog));
            return Err(Action::Exit(0));
        }
        "check-hash-based-pycs" => {
            let v = value(name)?;
            if !matches!(v.as_str(), "always" | "never" | "default") {
                return Err(usage_error(
                    prog,
                    "--check-hash-based-pycs must be one of 'default', 'always', or 'never'",
                ));
            }
        }
        "stdlib" => o.stdlib = Some(PathBuf::from(value(name)?)),
        "dump-ast" => o.dump_ast = Some(PathBuf::from(value(name)?)),
        "dis" => o.dis = Some(PathBuf::from(value(name)?)),
        "compile-all" => o.compile_all = Some(PathBuf::from(value(name)?)),
        "parse-only" => o.parse_only = true,
        _ => return Err(usage_error(prog, &format!("Unknown option: --{long}"))),
    }
    Ok(())
}

/// A `PYTHON*` variable's value, unless ignored or empty (CPython's `_Py_GetEnv`).
fn env(use_env: bool, name: &str) -> Option<String> {
    if !use_env {
        return None;
    }
    std::env::var_os(name)
        .map(|v| v.to_string_lossy().into_owned())
        .filter(|v| !v.is_empty())
}

/// CPython's `_Py_get_env_flag`: a set variable raises the flag to its integer value (text
/// and negative numbers count as 1).
fn env_level(use_env: bool, name: &str, flag: &mut u32) {
    if let Some(v) = env(use_env, name) {
        let n = v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|&n| n >= 0)
            .unwrap_or(1);
        *flag = (*flag).max(n.min(i64::from(u32::MAX)) as u32);
    }
}

fn env_bool(use_env: bool, name: &str, flag: &mut bool) {
    let mut n = u32::from(*flag);
    env_level(use_env, name, &mut n);
    *flag = n > 0;
}

/// The value of `-X name` (the last one given): `Some(None)` for a bare `-X name`.
fn xoption<'a>(f: &'a Flags, name: &str) -> Option<Option<&'a str>> {
    f.xoptions
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_deref())
}

/// Parses an int-digits limit as CPython does; `Err` is its fatal-error text.
fn max_str_digits(v: &str, source: &str) -> Result<usize, String> {
    match v.trim().parse::<i64>() {
        Ok(n) if n == 0 || (640..=i64::from(i32::MAX)).contains(&n) => Ok(n as usize),
        _ => Err(format!(
            "Fatal Python error: config_init_int_max_str_digits: {source}: invalid limit; \
             must be >= 640 or 0 for unlimited.\nPython runtime state: preinitialized\n\n"
        )),
    }
}

/// Merges the environment into the options (CPython's `config_read`); `Err` is a fatal
/// error's text (exit status 1).
fn finish_flags(o: Opts) -> Result<Flags, String> {
    let mut f = o.flags;
    let use_env = !o.ignore_env;
    f.ignore_environment = o.ignore_env;
    env_level(use_env, "PYTHONDEBUG", &mut f.debug);
    env_level(use_env, "PYTHONVERBOSE", &mut f.verbose);
    env_level(use_env, "PYTHONOPTIMIZE", &mut f.optimize);
    env_bool(use_env, "PYTHONINSPECT", &mut f.inspect);
    env_bool(
        use_env,
        "PYTHONDONTWRITEBYTECODE",
        &mut f.dont_write_bytecode,
    );
    env_bool(use_env, "PYTHONNOUSERSITE", &mut f.no_user_site);
    env_bool(use_env, "PYTHONUNBUFFERED", &mut f.unbuffered);
    env_bool(use_env, "PYTHONSAFEPATH", &mut f.safe_path);
    env_bool(use_env, "PYTHONDEVMODE", &mut f.dev_mode);
    env_bool(
        use_env,
        "PYTHONWARNDEFAULTENCODING",
        &mut f.warn_default_encoding,
    );
    if xoption(&f, "dev").is_some() {
        f.dev_mode = true;
    }
    if xoption(&f, "warn_default_encoding").is_some() {
        f.warn_default_encoding = true;
    }
    f.utf8_mode = match xoption(&f, "utf8") {
        Some(None | Some("1")) => true,
        Some(Some("0")) => false,
        Some(Some(_)) => {
            return Err("Fatal Python error: config_init_utf8_mode: invalid -X utf8 option value\nPython runtime state: preinitialized\n\n".into())
        }
        None => match env(use_env, "PYTHONUTF8").as_deref() {
            Some("1") => true,
            Some("0") => false,
            Some(_) => return Err("Fatal Python error: preconfig_init_utf8_mode: invalid PYTHONUTF8 environment variable value\nPython runtime state: preinitialized\n\n".into()),
            // CPython turns UTF-8 mode on for the C/POSIX locale.
            None => legacy_locale(),
        },
    };
    f.int_max_str_digits = match xoption(&f, "int_max_str_digits") {
        Some(v) => Some(max_str_digits(v.unwrap_or(""), "-X int_max_str_digits")?),
        None => match env(use_env, "PYTHONINTMAXSTRDIGITS") {
            Some(v) => Some(max_str_digits(&v, "PYTHONINTMAXSTRDIGITS")?),
            None => None,
        },
    };
    f.hash_randomization =
        o.hash_seed_random || env(use_env, "PYTHONHASHSEED").as_deref() != Some("0");
    if let Some(p) = env(use_env, "PYTHONPATH") {
        f.pythonpath = p
            .split(':')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
    }
    f.startup = env(use_env, "PYTHONSTARTUP").map(PathBuf::from);
    // sys.warnoptions, lowest priority first, without repeats (`config_init_warnoptions`).
    let mut w: Vec<String> = Vec::new();
    let mut add = |s: &str| {
        if !w.iter().any(|x| x == s) {
            w.push(s.to_string());
        }
    };
    if f.dev_mode {
        add("default");
    }
    if let Some(env_w) = env(use_env, "PYTHONWARNINGS") {
        env_w
            .split(',')
            .filter(|s| !s.is_empty())
            .for_each(&mut add);
    }
    o.cmdline_warnoptions.iter().for_each(|s| add(s));
    match f.bytes_warning {
        0 => {}
        1 => add("default::BytesWarning"),
        _ => add("error::BytesWarning"),
    }
    f.warnoptions = w;
    Ok(f)
}

/// Is the C library's locale the legacy "C"/"POSIX" one (LC_ALL, LC_CTYPE, LANG in turn)?
fn legacy_locale() -> bool {
    let value = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty());
    matches!(value.as_deref(), None | Some("C") | Some("POSIX"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> RunConfig {
        let v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        match parse(&v) {
            Action::Run(r) => r,
            _ => panic!("not a run: {args:?}"),
        }
    }

    #[test]
    fn grouped_flags_and_command() {
        let r = run(&["ladon", "-IEsuc", "print(1)", "-x", "y"]);
        assert!(matches!(&r.source, MainSource::Command(c) if c == "print(1)"));
        assert_eq!(r.argv, ["-c", "-x", "y"]);
        assert!(r.flags.isolated && r.flags.ignore_environment && r.flags.unbuffered);
        assert!(r.flags.safe_path && r.flags.no_user_site);
    }

    #[test]
    fn module_and_file_and_stdin() {
        let r = run(&["ladon", "-m", "json.tool", "--sort-keys"]);
        assert!(matches!(&r.source, MainSource::Module(m) if m == "json.tool"));
        assert_eq!(r.argv, ["-m", "--sort-keys"]);
        let r = run(&["ladon", "-O", "x.py", "-O"]);
        assert!(matches!(&r.source, MainSource::File(_)));
        assert_eq!(r.argv, ["x.py", "-O"]);
        assert_eq!(r.flags.optimize, 1);
        let r = run(&["ladon", "-", "a"]);
        assert!(matches!(r.source, MainSource::Stdin));
        assert_eq!(r.argv, ["-", "a"]);
        let r = run(&["ladon", "--", "-c"]);
        assert!(matches!(&r.source, MainSource::File(p) if p.as_os_str() == "-c"));
    }

    #[test]
    fn options_with_glued_arguments() {
        let r = run(&[
            "ladon", "-E", "-Werror", "-W", "ignore", "-Xdev", "-X", "a=b", "-c", "",
        ]);
        assert_eq!(r.flags.warnoptions, ["default", "error", "ignore"]);
        assert!(r.flags.dev_mode);
        assert_eq!(
            r.flags.xoptions[1],
            ("a".to_string(), Some("b".to_string()))
        );
    }

    #[test]
    fn usage_errors_exit_2() {
        let v: Vec<String> = ["ladon", "-Z"].iter().map(|s| s.to_string()).collect();
        assert!(matches!(parse(&v), Action::Exit(2)));
        let v: Vec<String> = ["ladon", "-c"].iter().map(|s| s.to_string()).collect();
        assert!(matches!(parse(&v), Action::Exit(2)));
    }
}
