//! `_stat`: file-mode constants and tests (`S_ISDIR`, …, `filemode`) as CPython's
//! `Modules/_stat.c` defines them on Linux (`stat.py` re-exports them).

use crate::posix::{int_arg, req, Args};
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::PyResult;
use vm::objects::builtin_func::BuiltinFn;
use vm::runtime::py_bool;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_stat);

/// Every integer constant with its Linux value (BSD/macOS-only flags are 0 or their BSD
/// values, as CPython defines them everywhere).
const CONSTANTS: &[(&str, i64)] = &[
    ("SF_APPEND", 262144),
    ("SF_ARCHIVED", 65536),
    ("SF_DATALESS", 1073741824),
    ("SF_FIRMLINK", 8388608),
    ("SF_IMMUTABLE", 131072),
    ("SF_NOUNLINK", 1048576),
    ("SF_SETTABLE", 4294901760),
    ("SF_SNAPSHOT", 2097152),
    ("ST_ATIME", 7),
    ("ST_CTIME", 9),
    ("ST_DEV", 2),
    ("ST_GID", 5),
    ("ST_INO", 1),
    ("ST_MODE", 0),
    ("ST_MTIME", 8),
    ("ST_NLINK", 3),
    ("ST_SIZE", 6),
    ("ST_UID", 4),
    ("S_ENFMT", 1024),
    ("S_IEXEC", 64),
    ("S_IFBLK", 24576),
    ("S_IFCHR", 8192),
    ("S_IFDIR", 16384),
    ("S_IFDOOR", 0),
    ("S_IFIFO", 4096),
    ("S_IFLNK", 40960),
    ("S_IFPORT", 0),
    ("S_IFREG", 32768),
    ("S_IFSOCK", 49152),
    ("S_IFWHT", 0),
    ("S_IREAD", 256),
    ("S_IRGRP", 32),
    ("S_IROTH", 4),
    ("S_IRUSR", 256),
    ("S_IRWXG", 56),
    ("S_IRWXO", 7),
    ("S_IRWXU", 448),
    ("S_ISGID", 1024),
    ("S_ISUID", 2048),
    ("S_ISVTX", 512),
    ("S_IWGRP", 16),
    ("S_IWOTH", 2),
    ("S_IWRITE", 128),
    ("S_IWUSR", 128),
    ("S_IXGRP", 8),
    ("S_IXOTH", 1),
    ("S_IXUSR", 64),
    ("UF_APPEND", 4),
    ("UF_COMPRESSED", 32),
    ("UF_DATAVAULT", 128),
    ("UF_HIDDEN", 32768),
    ("UF_IMMUTABLE", 2),
    ("UF_NODUMP", 1),
    ("UF_NOUNLINK", 16),
    ("UF_OPAQUE", 8),
    ("UF_SETTABLE", 65535),
    ("UF_TRACKED", 64),
];

const S_IFMT: u32 = 0o170000;

fn mode_arg(ts: &ThreadState, a: &Args<'_>, f: &str) -> PyResult<u32> {
    let [m] = a.parse::<1>(ts, f, &["mode"], 1)?;
    let v = int_arg(ts, &req(&m))?;
    u32::try_from(v).map_err(|_| ts.overflow_error("mode out of range"))
}

macro_rules! s_is {
    ($name:ident, $py:literal, $fmt:expr) => {
        fn $name(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
            let m = mode_arg(ts, &a, $py)?;
            Ok(py_bool($fmt != 0 && m & S_IFMT == $fmt))
        }
    };
}
s_is!(s_isdir, "S_ISDIR", 0o040000);
s_is!(s_ischr, "S_ISCHR", 0o020000);
s_is!(s_isblk, "S_ISBLK", 0o060000);
s_is!(s_isreg, "S_ISREG", 0o100000);
s_is!(s_isfifo, "S_ISFIFO", 0o010000);
s_is!(s_islnk, "S_ISLNK", 0o120000);
s_is!(s_issock, "S_ISSOCK", 0o140000);
s_is!(s_isdoor, "S_ISDOOR", 0);
s_is!(s_isport, "S_ISPORT", 0);
s_is!(s_iswht, "S_ISWHT", 0);

fn s_imode(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    Ok(ts.new_int((mode_arg(ts, &a, "S_IMODE")? & 0o7777) as i64))
}

fn s_ifmt(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    Ok(ts.new_int((mode_arg(ts, &a, "S_IFMT")? & S_IFMT) as i64))
}

/// `ls -l`'s mode string.
fn filemode_str(m: u32) -> String {
    let kind = match m & S_IFMT {
        0o140000 => 's',
        0o120000 => 'l',
        0o100000 => '-',
        0o060000 => 'b',
        0o040000 => 'd',
        0o020000 => 'c',
        0o010000 => 'p',
        _ => '?',
    };
    let bit = |b: u32, c: char| if m & b != 0 { c } else { '-' };
    let special = |x: u32, s: u32, on: char, off: char| match (m & x != 0, m & s != 0) {
        (true, true) => on,
        (false, true) => off,
        (true, false) => 'x',
        (false, false) => '-',
    };
    [
        kind,
        bit(0o400, 'r'),
        bit(0o200, 'w'),
        special(0o100, 0o4000, 's', 'S'),
        bit(0o040, 'r'),
        bit(0o020, 'w'),
        special(0o010, 0o2000, 's', 'S'),
        bit(0o004, 'r'),
        bit(0o002, 'w'),
        special(0o001, 0o1000, 't', 'T'),
    ]
    .iter()
    .collect()
}

fn filemode(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    Ok(ts.new_str(&filemode_str(mode_arg(ts, &a, "filemode")?)))
}

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("S_ISDIR", s_isdir),
    ("S_ISCHR", s_ischr),
    ("S_ISBLK", s_isblk),
    ("S_ISREG", s_isreg),
    ("S_ISFIFO", s_isfifo),
    ("S_ISLNK", s_islnk),
    ("S_ISSOCK", s_issock),
    ("S_ISDOOR", s_isdoor),
    ("S_ISPORT", s_isport),
    ("S_ISWHT", s_iswht),
    ("S_IMODE", s_imode),
    ("S_IFMT", s_ifmt),
    ("filemode", filemode),
];

fn init_stat(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "_stat", FUNCTIONS)?;
    let dd = crate::posix::dict_of(ts, &d)?;
    for (name, v) in CONSTANTS {
        dd.set_str(ts, name, ts.new_int(*v));
    }
    Ok(m)
}
