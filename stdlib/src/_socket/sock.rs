//! The per-descriptor system calls behind `_socket.socket`'s methods (`_s_*`).
//!
//! Timeouts follow CPython's `sock_call_ex`: a socket with a positive timeout has a
//! non-blocking descriptor, and each call first polls for readiness until the deadline, then
//! tries the call, polling again on EWOULDBLOCK; a timeout of 0 makes the call once; -1
//! (blocking) makes the call on a blocking descriptor. Every call runs detached from the
//! runtime; EINTR runs the signal handlers and retries (PEP 475).

use super::addr::{self, SockAddr};
use crate::posix::{int_arg, last_errno, os_error, req, Args};
use crate::select::{wait_fd, Timeout};
use vm::errors::{PyErr, PyResult};
use vm::objects::bytes::{bytes_data, new_bytes};
use vm::objects::str::PyStr;
use vm::protocols;
use vm::runtime::{none, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

fn fd_of(ts: &ThreadState, v: &Option<Value>) -> PyResult<i32> {
    let fd = int_arg(ts, &req(v))?;
    i32::try_from(fd).map_err(|_| ts.overflow_error("fd is greater than maximum"))
}

fn i32_of(ts: &ThreadState, v: &Option<Value>) -> PyResult<i32> {
    let x = int_arg(ts, &req(v))?;
    i32::try_from(x).map_err(|_| ts.overflow_error("signed integer is greater than maximum"))
}

/// The socket timeout argument in seconds; negative means blocking.
fn timeout_of(ts: &ThreadState, v: &Option<Value>) -> PyResult<f64> {
    protocols::to_float(ts, &req(v))
}

fn timed_out(ts: &ThreadState) -> PyErr {
    ts.new_error(types().exc.timeout_error, "timed out")
}

/// The bytes of a bytes-like argument: bytes, bytearray, or an object with `tobytes()`
/// (memoryview, array).
pub(crate) fn data_arg(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_data(v) {
        return Ok(b);
    }
    if v.downcast::<PyStr>().is_none() {
        if let Some(f) = protocols::get_attr_opt(ts, v, &ts.intern("tobytes"))? {
            let b = protocols::call(ts, &f, &[], None)?;
            if let Some(b) = bytes_data(&b) {
                return Ok(b);
            }
        }
    }
    Err(ts.type_error(format!(
        "a bytes-like object is required, not '{}'",
        v.class().name()
    )))
}

/// Runs `call` on `fd` with the socket timeout semantics of the module doc. `call` returns
/// the system call's result (negative on failure); `writing` picks the readiness to poll for.
pub(super) fn sock_call<T: Copy>(
    ts: &ThreadState,
    fd: i32,
    timeout: f64,
    writing: bool,
    mut call: impl FnMut() -> (isize, T),
) -> PyResult<(usize, T)> {
    let deadline = (timeout > 0.0).then(|| Timeout::after_secs(timeout));
    let events = if writing { libc::POLLOUT } else { libc::POLLIN };
    loop {
        if let Some(d) = deadline {
            if !wait_fd(ts, fd, events, d)? {
                return Err(timed_out(ts));
            }
        }
        let (r, extra, e) = ts.detached(|| {
            let (r, extra) = call();
            (r, extra, if r < 0 { last_errno() } else { 0 })
        });
        if r >= 0 {
            return Ok((r as usize, extra));
        }
        if e == libc::EINTR {
            crate::_signal::check_signals(ts)?;
            continue;
        }
        if deadline.is_some() && (e == libc::EWOULDBLOCK || e == libc::EAGAIN) {
            continue;
        }
        return Err(os_error(ts, e, None, None));
    }
}

/// `_s_new(family, type, proto)`: a new close-on-exec socket descriptor.
pub(super) fn new(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [f, t, p] = a.parse::<3>(ts, "socket", &["", "", ""], 3)?;
    let (f, t, p) = (i32_of(ts, &f)?, i32_of(ts, &t)?, i32_of(ts, &p)?);
    // SAFETY: socket() takes no pointers.
    let fd = unsafe { libc::socket(f, t | libc::SOCK_CLOEXEC, p) };
    if fd < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(ts.new_int(fd as i64))
}

fn getsockopt_int(fd: i32, level: i32, opt: i32) -> Result<i32, i32> {
    let mut v: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `v` and `len` are valid for an int option.
    let r = unsafe {
        libc::getsockopt(
            fd,
            level,
            opt,
            (&mut v as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    if r < 0 {
        Err(last_errno())
    } else {
        Ok(v)
    }
}

/// `_s_info(fd)`: `(family, type, proto)` of an existing socket descriptor.
pub(super) fn info(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "socket", &[""], 1)?;
    let fd = fd_of(ts, &fd)?;
    let mut out = Vec::with_capacity(3);
    for opt in [libc::SO_DOMAIN, libc::SO_TYPE, libc::SO_PROTOCOL] {
        let v =
            getsockopt_int(fd, libc::SOL_SOCKET, opt).map_err(|e| os_error(ts, e, None, None))?;
        out.push(ts.new_int(v as i64));
    }
    Ok(ts.new_tuple(out))
}

/// `_s_set_blocking(fd, blocking)`: clears or sets O_NONBLOCK.
pub(super) fn set_blocking(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, block] = a.parse::<2>(ts, "setblocking", &["", ""], 2)?;
    let fd = fd_of(ts, &fd)?;
    let block = protocols::is_true(ts, &req(&block))?;
    // SAFETY: fcntl with F_GETFL/F_SETFL takes no pointers.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    let new = if block {
        flags & !libc::O_NONBLOCK
    } else {
        flags | libc::O_NONBLOCK
    };
    // SAFETY: as above.
    if new != flags && unsafe { libc::fcntl(fd, libc::F_SETFL, new) } < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(none())
}

/// `_s_close(fd)`: closes; ECONNRESET is not an error (CPython's `sock_close`).
pub(super) fn close(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd] = a.parse::<1>(ts, "close", &[""], 1)?;
    let fd = fd_of(ts, &fd)?;
    let (r, e) = ts.detached(|| {
        // SAFETY: closing any int is memory-safe; EINTR is not retried (the fd is gone on
        // Linux).
        let r = unsafe { libc::close(fd) };
        (r, if r < 0 { last_errno() } else { 0 })
    });
    if r < 0 && e != libc::ECONNRESET {
        return Err(os_error(ts, e, None, None));
    }
    Ok(none())
}

/// `_s_accept(fd, family, timeout)`: `(new_fd, address)`; the new descriptor is
/// close-on-exec.
pub(super) fn accept(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, _fam, t] = a.parse::<3>(ts, "_accept", &["", "", ""], 3)?;
    let fd = fd_of(ts, &fd)?;
    let timeout = timeout_of(ts, &t)?;
    let mut sa = SockAddr::empty();
    let (newfd, len) = sock_call(ts, fd, timeout, false, || {
        let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: the storage has `len` writable bytes.
        let r = unsafe { libc::accept4(fd, sa.as_mut_ptr(), &mut len, libc::SOCK_CLOEXEC) };
        (r as isize, len)
    })?;
    sa.len = len;
    Ok(ts.new_tuple(vec![ts.new_int(newfd as i64), addr::to_value(ts, &sa)]))
}

/// `_s_bind(fd, family, address)`.
pub(super) fn bind(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, fam, address] = a.parse::<3>(ts, "bind", &["", "", ""], 3)?;
    let fd = fd_of(ts, &fd)?;
    let sa = addr::parse(ts, i32_of(ts, &fam)?, &req(&address), "bind")?;
    // SAFETY: `sa` holds `sa.len` valid bytes.
    if unsafe { libc::bind(fd, sa.as_ptr(), sa.len) } < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(none())
}

/// `_s_connect(fd, family, address, timeout, raise)`: connects; with `raise` false the
/// errno is returned instead of raised (`connect_ex`).
pub(super) fn connect(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, fam, address, t, raise] = a.parse::<5>(ts, "connect", &["", "", "", "", ""], 5)?;
    let fd = fd_of(ts, &fd)?;
    let sa = addr::parse(ts, i32_of(ts, &fam)?, &req(&address), "connect")?;
    let timeout = timeout_of(ts, &t)?;
    let raise = protocols::is_true(ts, &req(&raise))?;
    let errno = connect_errno(ts, fd, &sa, timeout)?;
    match errno {
        0 => Ok(ts.new_int(0)),
        e if e == -1 && raise => Err(timed_out(ts)),
        -1 => Ok(ts.new_int(libc::EWOULDBLOCK as i64)),
        e if raise => Err(os_error(ts, e, None, None)),
        e => Ok(ts.new_int(e as i64)),
    }
}

/// connect(2) with CPython's `internal_connect` logic: 0, an errno, or -1 for a timeout.
fn connect_errno(ts: &ThreadState, fd: i32, sa: &SockAddr, timeout: f64) -> PyResult<i32> {
    let (r, e) = ts.detached(|| {
        // SAFETY: `sa` holds `sa.len` valid bytes.
        let r = unsafe { libc::connect(fd, sa.as_ptr(), sa.len) };
        (r, if r < 0 { last_errno() } else { 0 })
    });
    if r == 0 {
        return Ok(0);
    }
    let waiting = if e == libc::EINTR {
        crate::_signal::check_signals(ts)?;
        // The connection goes on in the background: wait for it unless non-blocking.
        timeout != 0.0
    } else {
        e == libc::EINPROGRESS && timeout > 0.0
    };
    if !waiting {
        return Ok(e);
    }
    let deadline = if timeout > 0.0 {
        Timeout::after_secs(timeout)
    } else {
        Timeout(None)
    };
    if !wait_fd(ts, fd, libc::POLLOUT, deadline)? {
        return Ok(-1);
    }
    match getsockopt_int(fd, libc::SOL_SOCKET, libc::SO_ERROR) {
        Ok(err) => Ok(err),
        Err(err) => Ok(err),
    }
}

/// `_s_listen(fd, backlog)`.
pub(super) fn listen(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, backlog] = a.parse::<2>(ts, "listen", &["", ""], 2)?;
    let fd = fd_of(ts, &fd)?;
    let backlog = i32_of(ts, &backlog)?;
    // SAFETY: listen() takes no pointers.
    if unsafe { libc::listen(fd, backlog) } < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(none())
}

/// `_s_name(fd, family, peer)`: getsockname, or getpeername when `peer`.
pub(super) fn name(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, _fam, peer] = a.parse::<3>(ts, "getsockname", &["", "", ""], 3)?;
    let fd = fd_of(ts, &fd)?;
    let peer = protocols::is_true(ts, &req(&peer))?;
    let mut sa = SockAddr::empty();
    // SAFETY: the storage has `sa.len` writable bytes.
    let r = unsafe {
        if peer {
            libc::getpeername(fd, sa.as_mut_ptr(), &mut sa.len)
        } else {
            libc::getsockname(fd, sa.as_mut_ptr(), &mut sa.len)
        }
    };
    if r < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(addr::to_value(ts, &sa))
}

/// `_s_getsockopt(fd, level, option, buflen)`: an int, or `buflen` bytes.
pub(super) fn getsockopt(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, level, opt, buflen] = a.parse::<4>(ts, "getsockopt", &["", "", "", ""], 4)?;
    let fd = fd_of(ts, &fd)?;
    let (level, opt) = (i32_of(ts, &level)?, i32_of(ts, &opt)?);
    let buflen = req(&buflen);
    if buflen.is_none() {
        return getsockopt_int(fd, level, opt)
            .map(|v| ts.new_int(v as i64))
            .map_err(|e| os_error(ts, e, None, None));
    }
    let n = int_arg(ts, &buflen)?;
    if !(1..=1024).contains(&n) {
        return Err(ts.os_error("getsockopt buflen out of range"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut len = n as libc::socklen_t;
    // SAFETY: `buf` has `len` writable bytes.
    let r = unsafe { libc::getsockopt(fd, level, opt, buf.as_mut_ptr().cast(), &mut len) };
    if r < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    buf.truncate(len as usize);
    Ok(new_bytes(ts, buf))
}

/// `_s_setsockopt(fd, level, option, value, optlen)`: an int value, a buffer, or None
/// with `optlen`.
pub(super) fn setsockopt(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, level, opt, value, optlen] =
        a.parse::<5>(ts, "setsockopt", &["", "", "", "", ""], 5)?;
    let fd = fd_of(ts, &fd)?;
    let (level, opt) = (i32_of(ts, &level)?, i32_of(ts, &opt)?);
    let value = req(&value);
    let optlen = req(&optlen);
    let r = if !optlen.is_none() {
        let n = int_arg(ts, &optlen)?;
        let n =
            libc::socklen_t::try_from(n).map_err(|_| ts.overflow_error("optlen out of range"))?;
        // SAFETY: a null value with a length is what the 4-argument form asks for.
        unsafe { libc::setsockopt(fd, level, opt, std::ptr::null(), n) }
    } else if vm::objects::int::as_int(&value).is_some() {
        let v = i32::try_from(int_arg(ts, &value)?)
            .map_err(|_| ts.overflow_error("Python int too large to convert to C int"))?;
        // SAFETY: `v` is a valid int for the duration of the call.
        unsafe {
            libc::setsockopt(
                fd,
                level,
                opt,
                (&v as *const i32).cast(),
                std::mem::size_of::<i32>() as libc::socklen_t,
            )
        }
    } else {
        let b = data_arg(ts, &value)?;
        // SAFETY: `b` is valid for its length.
        unsafe {
            libc::setsockopt(
                fd,
                level,
                opt,
                b.as_ptr().cast(),
                b.len() as libc::socklen_t,
            )
        }
    };
    if r < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(none())
}

/// `_s_recv(fd, n, flags, timeout)`: up to `n` bytes.
pub(super) fn recv(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, n, flags, t] = a.parse::<4>(ts, "recv", &["", "", "", ""], 4)?;
    let fd = fd_of(ts, &fd)?;
    let n = usize::try_from(int_arg(ts, &req(&n))?)
        .map_err(|_| ts.value_error("negative buffersize in recv"))?;
    let flags = i32_of(ts, &flags)?;
    let timeout = timeout_of(ts, &t)?;
    let mut buf = vec![0u8; n];
    let (got, ()) = sock_call(ts, fd, timeout, false, || {
        // SAFETY: `buf` has `n` writable bytes.
        let r = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), n, flags) };
        (r, ())
    })?;
    buf.truncate(got);
    Ok(new_bytes(ts, buf))
}

/// `_s_recvfrom(fd, family, n, flags, timeout)`: `(bytes, address)`.
pub(super) fn recvfrom(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, _fam, n, flags, t] = a.parse::<5>(ts, "recvfrom", &["", "", "", "", ""], 5)?;
    let fd = fd_of(ts, &fd)?;
    let n = usize::try_from(int_arg(ts, &req(&n))?)
        .map_err(|_| ts.value_error("negative buffersize in recvfrom"))?;
    let flags = i32_of(ts, &flags)?;
    let timeout = timeout_of(ts, &t)?;
    let mut buf = vec![0u8; n];
    let mut sa = SockAddr::empty();
    let (got, len) = sock_call(ts, fd, timeout, false, || {
        let mut len = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        // SAFETY: `buf` has `n` writable bytes and the storage `len`.
        let r = unsafe {
            libc::recvfrom(
                fd,
                buf.as_mut_ptr().cast(),
                n,
                flags,
                sa.as_mut_ptr(),
                &mut len,
            )
        };
        (r, len)
    })?;
    sa.len = len;
    buf.truncate(got);
    Ok(ts.new_tuple(vec![new_bytes(ts, buf), addr::to_value(ts, &sa)]))
}

/// `_s_send(fd, data, flags, timeout)`: the number of bytes sent.
pub(super) fn send(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, data, flags, t] = a.parse::<4>(ts, "send", &["", "", "", ""], 4)?;
    let fd = fd_of(ts, &fd)?;
    let data = data_arg(ts, &req(&data))?;
    let flags = i32_of(ts, &flags)? | libc::MSG_NOSIGNAL;
    let timeout = timeout_of(ts, &t)?;
    let (sent, ()) = sock_call(ts, fd, timeout, true, || {
        // SAFETY: `data` is valid for its length.
        let r = unsafe { libc::send(fd, data.as_ptr().cast(), data.len(), flags) };
        (r, ())
    })?;
    Ok(ts.new_int(sent as i64))
}

/// `_s_sendall(fd, data, flags, timeout)`: sends everything; the timeout bounds the whole
/// call, as in CPython.
pub(super) fn sendall(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, data, flags, t] = a.parse::<4>(ts, "sendall", &["", "", "", ""], 4)?;
    let fd = fd_of(ts, &fd)?;
    let data = data_arg(ts, &req(&data))?;
    let flags = i32_of(ts, &flags)? | libc::MSG_NOSIGNAL;
    let timeout = timeout_of(ts, &t)?;
    let deadline = (timeout > 0.0).then(|| Timeout::after_secs(timeout));
    let mut off = 0;
    while off < data.len() {
        let left = match deadline {
            Some(d) => match d.0 {
                Some(t) => {
                    let rem = t.saturating_duration_since(std::time::Instant::now());
                    if rem.is_zero() {
                        return Err(timed_out(ts));
                    }
                    rem.as_secs_f64()
                }
                None => -1.0,
            },
            None => timeout,
        };
        let rest = &data[off..];
        let (sent, ()) = sock_call(ts, fd, left, true, || {
            // SAFETY: `rest` is valid for its length.
            let r = unsafe { libc::send(fd, rest.as_ptr().cast(), rest.len(), flags) };
            (r, ())
        })?;
        off += sent;
        crate::_signal::check_signals(ts)?;
    }
    Ok(none())
}

/// `_s_sendto(fd, family, data, flags, address, timeout)`.
pub(super) fn sendto(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, fam, data, flags, address, t] =
        a.parse::<6>(ts, "sendto", &["", "", "", "", "", ""], 6)?;
    let fd = fd_of(ts, &fd)?;
    let data = data_arg(ts, &req(&data))?;
    let flags = i32_of(ts, &flags)? | libc::MSG_NOSIGNAL;
    let sa = addr::parse(ts, i32_of(ts, &fam)?, &req(&address), "sendto")?;
    let timeout = timeout_of(ts, &t)?;
    let (sent, ()) = sock_call(ts, fd, timeout, true, || {
        // SAFETY: `data` and `sa` are valid for their lengths.
        let r = unsafe {
            libc::sendto(
                fd,
                data.as_ptr().cast(),
                data.len(),
                flags,
                sa.as_ptr(),
                sa.len,
            )
        };
        (r, ())
    })?;
    Ok(ts.new_int(sent as i64))
}

/// `_s_shutdown(fd, how)`.
pub(super) fn shutdown(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, how] = a.parse::<2>(ts, "shutdown", &["", ""], 2)?;
    let fd = fd_of(ts, &fd)?;
    let how = i32_of(ts, &how)?;
    // SAFETY: shutdown() takes no pointers.
    if unsafe { libc::shutdown(fd, how) } < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(none())
}
