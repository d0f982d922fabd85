//! Rust implementations of CPython's C modules, registered with the VM's native-module
//! registry ([`vm::runtime::Runtime::register_native_module`]).
//!
//! One file (or folder) per module, named after it. Where CPython's `Lib/` has a pure-Python
//! fallback (`_pydecimal`, `_py_abc`, `_pyio`), the
//! fallback is used until a port is measured to matter.
//! Entry point: [`register_all`], called by the `ladon` binary before the VM starts.

#![allow(non_snake_case, non_upper_case_globals)]

mod _ast;
mod _bisect;
mod _collections;
mod _contextvars;
mod _csv;
mod _functools;
mod _heapq;
mod _opcode;
mod _operator;
mod _string;
mod _tokenize;
mod atexit;
mod itertools;
mod mmap;
mod pysource;

mod _locale;
mod _posixsubprocess;
mod _signal;
mod _socket;
mod _stat;
mod errno;
mod fcntl;
mod grp;
mod posix;
mod pwd;
mod resource;
mod select;
mod termios;
mod time;

mod _abc;
mod _codecs;
mod _imp;
mod _io;
mod _struct;
mod _typing;
mod array;
mod binascii;

mod _datetime;
mod _hashlib;
mod _json;
mod _random;
mod _sre;
mod hashes;
mod unicodedata;
mod zlib;

use vm::builtins::modules::NativeInit;
use vm::runtime::Runtime;

/// Registers every module of this crate with the runtime.
pub fn register_all(rt: &Runtime) {
    _ast::install_hooks();
    let _ = vm::objects::memoryview::BUFFER_HOOK.set(buffer_hook);
    let modules: &[(&str, Option<NativeInit>)] = &[
        ("_ast", _ast::init),
        ("_bisect", _bisect::init),
        ("_collections", _collections::init),
        ("_contextvars", _contextvars::init),
        ("_functools", _functools::init),
        ("_heapq", _heapq::init),
        ("_opcode", _opcode::init),
        ("_operator", _operator::init),
        ("_string", _string::init),
        ("_tokenize", _tokenize::init),
        ("atexit", atexit::init),
        ("itertools", itertools::init),
        ("mmap", mmap::init),
        ("_locale", _locale::init),
        ("_posixsubprocess", _posixsubprocess::init),
        ("_signal", _signal::init),
        ("_socket", _socket::init),
        ("_stat", _stat::init),
        ("errno", errno::init),
        ("fcntl", fcntl::init),
        ("grp", grp::init),
        ("posix", posix::init),
        ("pwd", pwd::init),
        ("resource", resource::init),
        ("select", select::init),
        ("termios", termios::init),
        ("time", time::init),
        ("_codecs", _codecs::init),
        ("_csv", _csv::init),
        ("_io", _io::init),
        ("_struct", _struct::init),
        ("_typing", _typing::init),
        ("_abc", _abc::init),
        ("_imp", _imp::init),
        ("_warnings", _imp::init_warnings),
        ("marshal", _imp::init_marshal),
        ("array", array::init),
        ("binascii", binascii::init),
        ("_datetime", _datetime::init),
        ("_decimal", pysource::_decimal::init),
        ("_hashlib", _hashlib::init),
        ("_json", _json::init),
        ("_random", _random::init),
        ("unicodedata", unicodedata::init),
        ("_sre", _sre::init),
        ("_md5", hashes::init_md5),
        ("_sha1", hashes::init_sha1),
        ("_sha2", hashes::init_sha2),
        ("_sha3", hashes::init_sha3),
        ("_blake2", hashes::init_blake2),
        ("zlib", zlib::init),
    ];
    for (name, init) in modules {
        if let Some(init) = init {
            rt.register_native_module(name, *init);
        }
    }
    // CPython ignores SIGXFSZ at startup (pylifecycle's signal setup; Rust's runtime already
    // ignores SIGPIPE): a write past RLIMIT_FSIZE then fails with EFBIG instead of killing
    // the process (test_resource.test_fsize_enforced).
    // SAFETY: setting a signal's disposition to SIG_IGN has no memory effects.
    unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
    publish_builtin_names();
}

/// Lets memoryview and bytes-like arguments find the buffer exporters of this crate
/// (`array.array`, `BytesIO.getbuffer()`'s exporter).
fn buffer_hook(v: &vm::value::Value) -> Option<&dyn vm::objects::memoryview::BufferExporter> {
    if let Some(a) = v.downcast::<array::PyArray>() {
        return Some(a);
    }
    if let Some(m) = v.downcast::<mmap::PyMmap>() {
        return Some(m);
    }
    _io::buffer_exporter(v)
}

/// Rebuilds `sys.builtin_module_names` (made by the VM before these modules were registered),
/// where `os.py` looks for `posix`. Runs on a temporarily registered thread, as the VM's
/// bootstrap does.
fn publish_builtin_names() {
    let rt = Runtime::get();
    if let Ok(ts) = vm::ThreadState::new(rt) {
        vm::builtins::sys::refresh_builtin_module_names(&ts);
    }
}
