//! `_socket`: BSD sockets (CPython's `Modules/socketmodule.c`), for Linux, under `socket.py`.
//!
//! The `socket` class and the exceptions are Python (`prelude.py`), so that `socket.socket`
//! subclasses them with its own `__slots__` as it does CPython's; the system calls are the
//! private functions `_s_*` ([`sock`]), which take the descriptor, and for addresses the
//! family. Addresses convert in [`addr`] (AF_INET, AF_INET6, AF_UNIX); the resolver and
//! conversion functions are in [`netdb`]; `sendmsg`/`recvmsg` in [`msg`].
//!
//! Not here: the other address families (AF_PACKET, AF_CAN, Bluetooth, ...; their
//! constants exist, their addresses are refused), `sendmsg_afalg`, `recvmsg_into`.

mod addr;
mod constants;
mod msg;
mod netdb;
mod sock;

use crate::posix::{int_arg, last_errno, module_class, os_error, req, run_prelude, Args};
use std::ffi::CStr;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::errors::{PyErr, PyResult};
use vm::objects::builtin_func::BuiltinFn;
use vm::runtime::none;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// The module's initializer.
pub const init: Option<NativeInit> = Some(init_socket);

const PRELUDE_PY: &str = include_str!("prelude.py");

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("_s_new", sock::new),
    ("_s_info", sock::info),
    ("_s_set_blocking", sock::set_blocking),
    ("_s_close", sock::close),
    ("_s_accept", sock::accept),
    ("_s_bind", sock::bind),
    ("_s_connect", sock::connect),
    ("_s_listen", sock::listen),
    ("_s_name", sock::name),
    ("_s_getsockopt", sock::getsockopt),
    ("_s_setsockopt", sock::setsockopt),
    ("_s_recv", sock::recv),
    ("_s_recvfrom", sock::recvfrom),
    ("_s_send", sock::send),
    ("_s_sendall", sock::sendall),
    ("_s_sendto", sock::sendto),
    ("_s_sendmsg", msg::sendmsg),
    ("_s_recvmsg", msg::recvmsg),
    ("_s_shutdown", sock::shutdown),
    ("_socketpair", socketpair),
    ("dup", dup),
    ("close", close),
    ("getaddrinfo", netdb::getaddrinfo),
    ("getnameinfo", netdb::getnameinfo),
    ("gethostname", netdb::gethostname),
    ("sethostname", netdb::sethostname),
    ("gethostbyname", netdb::gethostbyname),
    ("gethostbyname_ex", netdb::gethostbyname_ex),
    ("gethostbyaddr", netdb::gethostbyaddr),
    ("getservbyname", netdb::getservbyname),
    ("getservbyport", netdb::getservbyport),
    ("getprotobyname", netdb::getprotobyname),
    ("htons", netdb::htons),
    ("ntohs", netdb::ntohs),
    ("htonl", netdb::htonl),
    ("ntohl", netdb::ntohl),
    ("inet_aton", netdb::inet_aton),
    ("inet_ntoa", netdb::inet_ntoa),
    ("inet_pton", netdb::inet_pton),
    ("inet_ntop", netdb::inet_ntop),
    ("if_nameindex", netdb::if_nameindex),
    ("if_nametoindex", netdb::if_nametoindex),
    ("if_indextoname", netdb::if_indextoname),
    ("CMSG_LEN", netdb::cmsg_len),
    ("CMSG_SPACE", netdb::cmsg_space),
];

fn init_socket(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "_socket", FUNCTIONS)?;
    let dd = crate::posix::dict_of(ts, &d)?;
    for (name, v) in constants::CONSTANTS {
        dd.set_str(ts, name, ts.new_int(*v));
    }
    dd.set_str(ts, "BDADDR_ANY", ts.new_str("00:00:00:00:00:00"));
    dd.set_str(ts, "BDADDR_LOCAL", ts.new_str("00:00:00:FF:FF:FF"));
    dd.set_str(ts, "has_ipv6", vm::runtime::py_bool(true));
    run_prelude(ts, &d, PRELUDE_PY)?;
    Ok(m)
}

/// `socket.gaierror(code, gai_strerror(code))`.
pub(crate) fn gai_error(ts: &ThreadState, code: i32) -> PyErr {
    // SAFETY: gai_strerror returns a static NUL-terminated string for any code.
    let msg = unsafe { CStr::from_ptr(libc::gai_strerror(code)) }.to_string_lossy();
    module_error(ts, "gaierror", code, &msg)
}

/// `socket.herror(code, msg)`.
pub(crate) fn herror(ts: &ThreadState, code: i32, msg: &str) -> PyErr {
    module_error(ts, "herror", code, msg)
}

fn module_error(ts: &ThreadState, class: &str, code: i32, msg: &str) -> PyErr {
    let cls = match module_class(ts, "_socket", class) {
        Ok(c) => c,
        Err(e) => return e,
    };
    let args = [ts.new_int(code as i64), ts.new_str(msg)];
    match vm::protocols::call(ts, &cls, &args, None) {
        Ok(e) => PyErr::from_instance(e),
        Err(e) => e,
    }
}

/// `dup(fd)`: a close-on-exec duplicate.
fn dup(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "dup", &[""], 1)?;
    let fd = int_arg(ts, &req(&fd))? as i32;
    // SAFETY: F_DUPFD_CLOEXEC takes an int argument.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if r < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(ts.new_int(r as i64))
}

/// `close(fd)`: closes a socket descriptor; ECONNRESET is ignored.
fn close(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    sock::close(ts, a)?;
    Ok(none())
}

/// `_socketpair(family, type, proto)`: two connected close-on-exec descriptors.
fn socketpair(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [f, t, p] = a.parse::<3>(ts, "socketpair", &["", "", ""], 3)?;
    let f = int_arg(ts, &req(&f))? as i32;
    let t = int_arg(ts, &req(&t))? as i32;
    let p = int_arg(ts, &req(&p))? as i32;
    let mut fds = [0i32; 2];
    // SAFETY: `fds` has room for the two descriptors.
    if unsafe { libc::socketpair(f, t | libc::SOCK_CLOEXEC, p, fds.as_mut_ptr()) } < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(ts.new_tuple(vec![ts.new_int(fds[0] as i64), ts.new_int(fds[1] as i64)]))
}
