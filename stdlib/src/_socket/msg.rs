//! `sendmsg` and `recvmsg`: scatter/gather I/O with ancillary data (file descriptors over
//! AF_UNIX with SCM_RIGHTS, credentials), as `socket.send_fds`/`recv_fds` use them.

use super::addr::{self, SockAddr};
use super::sock::{data_arg, sock_call};
use crate::posix::{int_arg, req, Args};
use vm::errors::PyResult;
use vm::objects::bytes::new_bytes;
use vm::protocols;
use vm::thread_state::ThreadState;
use vm::value::Value;

fn i32_of(ts: &ThreadState, v: &Value) -> PyResult<i32> {
    i32::try_from(int_arg(ts, v)?)
        .map_err(|_| ts.overflow_error("signed integer is greater than maximum"))
}

/// `_s_sendmsg(fd, family, buffers, ancdata, flags, address, timeout)`: bytes sent.
pub(super) fn sendmsg(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, fam, bufs, anc, flags, address, t] =
        a.parse::<7>(ts, "sendmsg", &["", "", "", "", "", "", ""], 7)?;
    let fd = i32_of(ts, &req(&fd))?;
    let fam = i32_of(ts, &req(&fam))?;
    let flags = i32_of(ts, &req(&flags))? | libc::MSG_NOSIGNAL;
    let timeout = protocols::to_float(ts, &req(&t))?;
    let bufs: Vec<Vec<u8>> = protocols::collect(ts, &req(&bufs))?
        .iter()
        .map(|b| data_arg(ts, b))
        .collect::<PyResult<_>>()?;
    let mut anc_items = Vec::new();
    for item in protocols::collect(ts, &req(&anc))? {
        let parts = protocols::collect(ts, &item)?;
        let [level, ty, data] = parts.as_slice() else {
            return Err(ts.type_error("ancillary data items must be (level, type, data) tuples"));
        };
        anc_items.push((i32_of(ts, level)?, i32_of(ts, ty)?, data_arg(ts, data)?));
    }
    let address = req(&address);
    let sa = if address.is_none() {
        None
    } else {
        Some(addr::parse(ts, fam, &address, "sendmsg")?)
    };
    // The control buffer: one cmsghdr per item, each CMSG_SPACE-aligned.
    let mut space = 0usize;
    for (_, _, d) in &anc_items {
        let n = u32::try_from(d.len()).map_err(|_| ts.os_error("ancillary data item too large"))?;
        // SAFETY: CMSG_SPACE is arithmetic.
        space += unsafe { libc::CMSG_SPACE(n) } as usize;
    }
    // u64 words keep the buffer aligned for cmsghdr.
    let mut control = vec![0u64; space.div_ceil(8)];
    let mut iov: Vec<libc::iovec> = bufs
        .iter()
        .map(|b| libc::iovec {
            iov_base: b.as_ptr() as *mut libc::c_void,
            iov_len: b.len(),
        })
        .collect();
    // SAFETY: all-zero is a valid msghdr (null pointers, zero lengths).
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_iov = iov.as_mut_ptr();
    msg.msg_iovlen = iov.len();
    if let Some(sa) = &sa {
        msg.msg_name = sa.as_ptr() as *mut libc::c_void;
        msg.msg_namelen = sa.len;
    }
    if space > 0 {
        msg.msg_control = control.as_mut_ptr().cast();
        msg.msg_controllen = space;
        // SAFETY: the control buffer holds `space` bytes, enough for every item's
        // CMSG_SPACE; CMSG_FIRSTHDR/NXTHDR stay within it.
        unsafe {
            let mut c = libc::CMSG_FIRSTHDR(&msg);
            for (level, ty, d) in &anc_items {
                if c.is_null() {
                    break;
                }
                (*c).cmsg_level = *level;
                (*c).cmsg_type = *ty;
                (*c).cmsg_len = libc::CMSG_LEN(d.len() as u32) as usize;
                std::ptr::copy_nonoverlapping(d.as_ptr(), libc::CMSG_DATA(c), d.len());
                c = libc::CMSG_NXTHDR(&msg, c);
            }
        }
    }
    let (sent, ()) = sock_call(ts, fd, timeout, true, || {
        // SAFETY: `msg` points at live buffers (iov, name, control) for the call.
        let r = unsafe { libc::sendmsg(fd, &msg, flags) };
        (r, ())
    })?;
    Ok(ts.new_int(sent as i64))
}

/// `_s_recvmsg(fd, family, bufsize, ancbufsize, flags, timeout)`:
/// `(data, [(level, type, data), ...], msg_flags, address)`.
pub(super) fn recvmsg(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fd, _fam, n, ancn, flags, t] =
        a.parse::<6>(ts, "recvmsg", &["", "", "", "", "", ""], 6)?;
    let fd = i32_of(ts, &req(&fd))?;
    let n = usize::try_from(int_arg(ts, &req(&n))?)
        .map_err(|_| ts.value_error("negative buffer size in recvmsg()"))?;
    let ancn = usize::try_from(int_arg(ts, &req(&ancn))?)
        .map_err(|_| ts.value_error("negative buffer size in recvmsg()"))?;
    let flags = i32_of(ts, &req(&flags))? | libc::MSG_CMSG_CLOEXEC;
    let timeout = protocols::to_float(ts, &req(&t))?;
    let mut buf = vec![0u8; n];
    let mut control = vec![0u64; ancn.div_ceil(8)];
    let mut sa = SockAddr::empty();
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr().cast(),
        iov_len: n,
    };
    // SAFETY: all-zero is a valid msghdr.
    let mut msg: libc::msghdr = unsafe { std::mem::zeroed() };
    msg.msg_name = sa.as_mut_ptr().cast();
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    if ancn > 0 {
        msg.msg_control = control.as_mut_ptr().cast();
    }
    let (got, ()) = sock_call(ts, fd, timeout, false, || {
        msg.msg_namelen = std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t;
        msg.msg_controllen = ancn;
        // SAFETY: `msg` points at live buffers of the lengths it states.
        let r = unsafe { libc::recvmsg(fd, &mut msg, flags) };
        (r, ())
    })?;
    sa.len = msg.msg_namelen;
    let mut items = Vec::new();
    if ancn > 0 && msg.msg_controllen > 0 {
        let end = msg.msg_control as usize + (msg.msg_controllen).min(ancn);
        // SAFETY: the kernel filled `msg_controllen` bytes of the control buffer with
        // cmsghdrs; each item's data is clipped to the buffer's end.
        unsafe {
            let mut c = libc::CMSG_FIRSTHDR(&msg);
            while !c.is_null() {
                let data = libc::CMSG_DATA(c);
                let hdr = data as usize - c as usize;
                let len = ((*c).cmsg_len).saturating_sub(hdr);
                let len = len.min(end.saturating_sub(data as usize));
                let bytes = std::slice::from_raw_parts(data, len).to_vec();
                items.push(ts.new_tuple(vec![
                    ts.new_int((*c).cmsg_level as i64),
                    ts.new_int((*c).cmsg_type as i64),
                    new_bytes(ts, bytes),
                ]));
                c = libc::CMSG_NXTHDR(&msg, c);
            }
        }
    }
    buf.truncate(got);
    Ok(ts.new_tuple(vec![
        new_bytes(ts, buf),
        ts.new_list(items),
        ts.new_int(msg.msg_flags as i64),
        addr::to_value(ts, &sa),
    ]))
}
