//! `_socket`'s module-level functions over the resolver and the byte-order and text
//! conversions: `getaddrinfo`, `getnameinfo`, `gethostname`, `gethostby*`, `getservby*`,
//! `getprotobyname`, `inet_*`, `hton*`/`ntoh*`, `if_*`, `CMSG_*`.
//! Resolver calls run detached (they may block on DNS).

use super::addr::{self, host_bytes, SockAddr};
use super::{gai_error, herror};
use crate::posix::{int_arg, last_errno, os_error, req, Args};
use std::ffi::{CStr, CString};
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::Mutex;
use vm::errors::PyResult;
use vm::objects::bytes::{bytes_data, new_bytes};
use vm::objects::str::{str_lossy, PyStr};
use vm::protocols;
use vm::runtime::{none, types};
use vm::thread_state::ThreadState;
use vm::value::Value;

/// getservby*/getprotobyname return pointers into static storage: one caller at a time.
static NETDB_LOCK: Mutex<()> = Mutex::new(());

/// One getaddrinfo result: family, type, protocol, canonical name, address.
pub(crate) type AddrInfo = (i32, i32, i32, Option<String>, SockAddr);

/// `getaddrinfo(3)`, detached; the error is a `gaierror` (or OSError for EAI_SYSTEM).
pub(crate) fn getaddrinfo_raw(
    ts: &ThreadState,
    host: Option<&CStr>,
    port: Option<&CStr>,
    family: i32,
    socktype: i32,
    proto: i32,
    flags: i32,
) -> PyResult<Vec<AddrInfo>> {
    // SAFETY: all-zero is a valid addrinfo (null pointers, zero fields).
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    let (r, errno, out) = ts.detached(|| {
        let mut res: *mut libc::addrinfo = std::ptr::null_mut();
        // SAFETY: the strings are NUL-terminated or null; `hints` and `res` are valid.
        let r = unsafe {
            libc::getaddrinfo(
                host.map_or(std::ptr::null(), |h| h.as_ptr()),
                port.map_or(std::ptr::null(), |p| p.as_ptr()),
                &hints,
                &mut res,
            )
        };
        let errno = last_errno();
        let mut out = Vec::new();
        if r == 0 {
            let mut p = res;
            while !p.is_null() {
                // SAFETY: `p` walks the list getaddrinfo returned, freed only below.
                let ai = unsafe { &*p };
                let canon = (!ai.ai_canonname.is_null()).then(|| {
                    // SAFETY: a non-null canonname is a NUL-terminated string.
                    unsafe { CStr::from_ptr(ai.ai_canonname) }
                        .to_string_lossy()
                        .into_owned()
                });
                // SAFETY: ai_addr points at ai_addrlen bytes.
                let a = unsafe { SockAddr::from_raw(ai.ai_addr, ai.ai_addrlen) };
                out.push((ai.ai_family, ai.ai_socktype, ai.ai_protocol, canon, a));
                p = ai.ai_next;
            }
            // SAFETY: `res` came from a successful getaddrinfo and is freed once.
            unsafe { libc::freeaddrinfo(res) };
        }
        (r, errno, out)
    });
    if r != 0 {
        if r == libc::EAI_SYSTEM {
            return Err(os_error(ts, errno, None, None));
        }
        return Err(gai_error(ts, r));
    }
    Ok(out)
}

/// `getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)`.
pub(super) fn getaddrinfo(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [host, port, family, ty, proto, flags] = a.parse::<6>(
        ts,
        "getaddrinfo",
        &["host", "port", "family", "type", "proto", "flags"],
        2,
    )?;
    let host = req(&host);
    let host = if host.is_none() {
        None
    } else if host.downcast::<PyStr>().is_some() || bytes_data(&host).is_some() {
        Some(host_bytes(ts, &host)?)
    } else {
        return Err(ts.type_error("getaddrinfo() argument 1 must be string or None"));
    };
    let port = req(&port);
    let port = if port.is_none() {
        None
    } else if let Some(i) = vm::objects::int::as_int(&port) {
        Some(i.to_big().to_string().into_bytes())
    } else if let Some(s) = port.downcast::<PyStr>() {
        Some(str_lossy(&port).into_bytes()).filter(|_| s.as_str().is_some())
    } else if let Some(b) = bytes_data(&port) {
        Some(b)
    } else {
        return Err(ts.os_error("Int or String expected"));
    };
    let int = |v: &Option<Value>| -> PyResult<i32> {
        match v {
            Some(v) => Ok(int_arg(ts, v)? as i32),
            None => Ok(0),
        }
    };
    let nul = |_| ts.value_error("embedded null character");
    let host = host.map(CString::new).transpose().map_err(nul)?;
    let port = port.map(CString::new).transpose().map_err(nul)?;
    let list = getaddrinfo_raw(
        ts,
        host.as_deref(),
        port.as_deref(),
        int(&family)?,
        int(&ty)?,
        int(&proto)?,
        int(&flags)?,
    )?;
    let items = list
        .into_iter()
        .map(|(f, t, p, canon, sa)| {
            ts.new_tuple(vec![
                ts.new_int(f as i64),
                ts.new_int(t as i64),
                ts.new_int(p as i64),
                ts.new_str(canon.as_deref().unwrap_or("")),
                addr::to_value(ts, &sa),
            ])
        })
        .collect();
    Ok(ts.new_list(items))
}

/// `getnameinfo(sockaddr, flags)`: `(host, port)` as strings.
pub(super) fn getnameinfo(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [sa, flags] = a.parse::<2>(ts, "getnameinfo", &["", ""], 2)?;
    let sa = req(&sa);
    if !sa.class().is_subtype(types().tuple) {
        return Err(ts.type_error("getnameinfo() argument 1 must be a tuple"));
    }
    let flags = int_arg(ts, &req(&flags))? as i32;
    let t = sa.as_tuple_slice();
    if !(2..=4).contains(&t.len()) {
        return Err(ts.type_error("getnameinfo(): illegal sockaddr argument"));
    }
    let host = host_bytes(ts, &t[0])?;
    let port = protocols::index_i64(ts, &t[1])?;
    let flowinfo = match t.get(2) {
        Some(v) => protocols::index_i64(ts, v)?,
        None => 0,
    };
    if !(0..=0xfffff).contains(&flowinfo) {
        return Err(ts.overflow_error("getnameinfo(): flowinfo must be 0-1048575."));
    }
    let scope_id = match t.get(3) {
        Some(v) => protocols::index_i64(ts, v)? as u32,
        None => 0,
    };
    let chost = CString::new(host).map_err(|_| ts.value_error("embedded null character"))?;
    let cport = CString::new(port.to_string()).unwrap_or_default();
    let list = getaddrinfo_raw(
        ts,
        Some(&chost),
        Some(&cport),
        libc::AF_UNSPEC,
        libc::SOCK_DGRAM,
        0,
        libc::AI_NUMERICHOST,
    )?;
    if list.len() != 1 {
        return Err(ts.os_error("sockaddr resolved to multiple addresses"));
    }
    let mut sa = match list.into_iter().next() {
        Some(x) => x.4,
        None => return Err(gai_error(ts, libc::EAI_NONAME)),
    };
    match sa.storage.ss_family as i32 {
        libc::AF_INET if t.len() != 2 => {
            return Err(ts.os_error("IPv4 sockaddr must be 2 tuple"));
        }
        libc::AF_INET6 => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let sin6 = unsafe { &mut *sa.as_mut_ptr().cast::<libc::sockaddr_in6>() };
            sin6.sin6_flowinfo = (flowinfo as u32).to_be();
            sin6.sin6_scope_id = scope_id;
        }
        _ => {}
    }
    let mut hbuf = [0 as libc::c_char; 1025];
    let mut pbuf = [0 as libc::c_char; 32];
    let r = ts.detached(|| {
        // SAFETY: the address and both buffers are valid for the lengths passed.
        unsafe {
            libc::getnameinfo(
                sa.as_ptr(),
                sa.len,
                hbuf.as_mut_ptr(),
                hbuf.len() as libc::socklen_t,
                pbuf.as_mut_ptr(),
                pbuf.len() as libc::socklen_t,
                flags,
            )
        }
    });
    if r != 0 {
        return Err(gai_error(ts, r));
    }
    // SAFETY: getnameinfo NUL-terminates both buffers on success.
    let (h, p) = unsafe { (CStr::from_ptr(hbuf.as_ptr()), CStr::from_ptr(pbuf.as_ptr())) };
    Ok(ts.new_tuple(vec![
        ts.new_str(&h.to_string_lossy()),
        ts.new_str(&p.to_string_lossy()),
    ]))
}

/// `gethostname()`.
pub(super) fn gethostname(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "gethostname")?;
    let mut buf = [0u8; 1024];
    // SAFETY: `buf` has room for `len - 1` bytes plus the NUL we keep.
    let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len() - 1) };
    if r < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Ok(crate::posix::fs_decode(ts, &buf[..end]))
}

/// `sethostname(name)`.
pub(super) fn sethostname(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [name] = a.parse::<1>(ts, "sethostname", &[""], 1)?;
    let name = req(&name);
    let b = match name.downcast::<PyStr>() {
        Some(s) => crate::posix::fs_encode(ts, s)?,
        None => bytes_data(&name).ok_or_else(|| {
            ts.type_error(format!(
                "sethostname() argument 1 must be str or bytes, not {}",
                name.class().name()
            ))
        })?,
    };
    // SAFETY: `b` is valid for its length.
    if unsafe { libc::sethostname(b.as_ptr().cast(), b.len()) } < 0 {
        return Err(os_error(ts, last_errno(), None, None));
    }
    Ok(none())
}

fn ipv4_of(sa: &SockAddr) -> Option<Ipv4Addr> {
    (sa.storage.ss_family as i32 == libc::AF_INET).then(|| {
        // SAFETY: the family says the storage holds a sockaddr_in.
        let sin = unsafe { &*sa.as_ptr().cast::<libc::sockaddr_in>() };
        Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr))
    })
}

fn host_cstring(ts: &ThreadState, v: &Value) -> PyResult<CString> {
    let b = host_bytes(ts, v)?;
    CString::new(b).map_err(|_| ts.value_error("embedded null character"))
}

/// `gethostbyname(host)`: the first IPv4 address, as a string.
pub(super) fn gethostbyname(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [host] = a.parse::<1>(ts, "gethostbyname", &[""], 1)?;
    let sa = addr::parse(
        ts,
        libc::AF_INET,
        &ts.new_tuple(vec![req(&host), ts.new_int(0)]),
        "gethostbyname",
    )?;
    let ip = ipv4_of(&sa).ok_or_else(|| gai_error(ts, libc::EAI_NONAME))?;
    Ok(ts.new_str(&ip.to_string()))
}

/// `gethostbyname_ex(host)`: `(name, aliases, addresses)` for IPv4.
pub(super) fn gethostbyname_ex(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [host] = a.parse::<1>(ts, "gethostbyname_ex", &[""], 1)?;
    let c = host_cstring(ts, &req(&host))?;
    let list = getaddrinfo_raw(
        ts,
        Some(&c),
        None,
        libc::AF_INET,
        libc::SOCK_STREAM,
        0,
        libc::AI_CANONNAME,
    )?;
    let name = list
        .iter()
        .find_map(|x| x.3.clone())
        .unwrap_or_else(|| c.to_string_lossy().into_owned());
    let mut addrs: Vec<String> = Vec::new();
    for x in &list {
        if let Some(ip) = ipv4_of(&x.4) {
            let s = ip.to_string();
            if !addrs.contains(&s) {
                addrs.push(s);
            }
        }
    }
    let addrs = addrs.iter().map(|s| ts.new_str(s)).collect();
    Ok(ts.new_tuple(vec![
        ts.new_str(&name),
        ts.new_list(Vec::new()),
        ts.new_list(addrs),
    ]))
}

/// `gethostbyaddr(ip)`: `(name, aliases, addresses)` by reverse lookup.
pub(super) fn gethostbyaddr(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [host] = a.parse::<1>(ts, "gethostbyaddr", &[""], 1)?;
    let c = host_cstring(ts, &req(&host))?;
    let list = getaddrinfo_raw(ts, Some(&c), None, libc::AF_UNSPEC, libc::SOCK_STREAM, 0, 0)?;
    let Some((_, _, _, _, sa)) = list.into_iter().next() else {
        return Err(gai_error(ts, libc::EAI_NONAME));
    };
    let mut hbuf = [0 as libc::c_char; 1025];
    let r = ts.detached(|| {
        // SAFETY: the address and the buffer are valid for the lengths passed.
        unsafe {
            libc::getnameinfo(
                sa.as_ptr(),
                sa.len,
                hbuf.as_mut_ptr(),
                hbuf.len() as libc::socklen_t,
                std::ptr::null_mut(),
                0,
                libc::NI_NAMEREQD,
            )
        }
    });
    if r != 0 {
        return Err(herror(ts, 1, "Unknown host"));
    }
    // SAFETY: getnameinfo NUL-terminates the buffer on success.
    let name = unsafe { CStr::from_ptr(hbuf.as_ptr()) }.to_string_lossy();
    let ip = addr::to_value(ts, &sa);
    let ip = ip.as_tuple_slice().first().cloned().unwrap_or_else(none);
    Ok(ts.new_tuple(vec![
        ts.new_str(&name),
        ts.new_list(Vec::new()),
        ts.new_list(vec![ip]),
    ]))
}

fn opt_proto(ts: &ThreadState, v: &Option<Value>, fname: &str) -> PyResult<Option<CString>> {
    match v {
        None => Ok(None),
        Some(p) if p.is_none() => Ok(None),
        Some(p) => {
            if p.downcast::<PyStr>().is_none() {
                return Err(ts.type_error(format!(
                    "{fname}() argument 2 must be str, not {}",
                    p.class().name()
                )));
            }
            CString::new(str_lossy(p))
                .map(Some)
                .map_err(|_| ts.value_error("embedded null character"))
        }
    }
}

/// `getservbyname(servicename[, protocolname])`: the port number.
pub(super) fn getservbyname(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [name, proto] = a.parse::<2>(ts, "getservbyname", &["", ""], 1)?;
    let name = req(&name);
    if name.downcast::<PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "getservbyname() argument 1 must be str, not {}",
            name.class().name()
        )));
    }
    let name =
        CString::new(str_lossy(&name)).map_err(|_| ts.value_error("embedded null character"))?;
    let proto = opt_proto(ts, &proto, "getservbyname")?;
    let _g = NETDB_LOCK.lock().unwrap_or_else(|p| p.into_inner());
    // SAFETY: both strings are NUL-terminated (or null); the static result is read under
    // NETDB_LOCK before anyone else can call into netdb.
    let sp = unsafe {
        libc::getservbyname(
            name.as_ptr(),
            proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
        )
    };
    if sp.is_null() {
        return Err(ts.os_error("service/proto not found"));
    }
    // SAFETY: non-null result, read under the lock.
    let port = u16::from_be(unsafe { (*sp).s_port } as u16);
    Ok(ts.new_int(port as i64))
}

/// `getservbyport(port[, protocolname])`: the service name.
pub(super) fn getservbyport(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [port, proto] = a.parse::<2>(ts, "getservbyport", &["", ""], 1)?;
    let port = int_arg(ts, &req(&port))?;
    let port = u16::try_from(port)
        .map_err(|_| ts.overflow_error("getservbyport: port must be 0-65535."))?;
    let proto = opt_proto(ts, &proto, "getservbyport")?;
    let _g = NETDB_LOCK.lock().unwrap_or_else(|p| p.into_inner());
    // SAFETY: as in getservbyname.
    let sp = unsafe {
        libc::getservbyport(
            port.to_be() as i32,
            proto.as_ref().map_or(std::ptr::null(), |p| p.as_ptr()),
        )
    };
    if sp.is_null() {
        return Err(ts.os_error("port/proto not found"));
    }
    // SAFETY: non-null result with a NUL-terminated name, read under the lock.
    let name = unsafe { CStr::from_ptr((*sp).s_name) }.to_string_lossy();
    Ok(ts.new_str(&name))
}

/// `getprotobyname(name)`: the protocol number.
pub(super) fn getprotobyname(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [name] = a.parse::<1>(ts, "getprotobyname", &[""], 1)?;
    let name = req(&name);
    if name.downcast::<PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "getprotobyname() argument 1 must be str, not {}",
            name.class().name()
        )));
    }
    let name =
        CString::new(str_lossy(&name)).map_err(|_| ts.value_error("embedded null character"))?;
    let _g = NETDB_LOCK.lock().unwrap_or_else(|p| p.into_inner());
    // SAFETY: NUL-terminated name; the static result is read under the lock.
    let pp = unsafe { libc::getprotobyname(name.as_ptr()) };
    if pp.is_null() {
        return Err(ts.os_error("protocol not found"));
    }
    // SAFETY: non-null result, read under the lock.
    Ok(ts.new_int(unsafe { (*pp).p_proto } as i64))
}

fn u16_arg(ts: &ThreadState, v: &Option<Value>, fname: &str) -> PyResult<u16> {
    let x = int_arg(ts, &req(v))?;
    if x < 0 {
        return Err(ts.overflow_error(format!(
            "{fname}: can't convert negative Python int to C 16-bit unsigned integer"
        )));
    }
    u16::try_from(x).map_err(|_| {
        ts.overflow_error(format!(
            "{fname}: Python int too large to convert to C 16-bit unsigned integer"
        ))
    })
}

fn u32_arg(ts: &ThreadState, v: &Option<Value>) -> PyResult<u32> {
    let v = req(v);
    let b = protocols::number_to_int(ts, &protocols::index(ts, &v)?)?;
    if b.sign() == num_bigint::Sign::Minus {
        return Err(ts.overflow_error("can't convert negative value to unsigned int"));
    }
    u32::try_from(&b).map_err(|_| ts.overflow_error("int larger than 32 bits"))
}

pub(super) fn htons(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "htons", &[""], 1)?;
    Ok(ts.new_int(u16_arg(ts, &x, "htons")?.to_be() as i64))
}

pub(super) fn ntohs(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "ntohs", &[""], 1)?;
    Ok(ts.new_int(u16::from_be(u16_arg(ts, &x, "ntohs")?) as i64))
}

pub(super) fn htonl(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "htonl", &[""], 1)?;
    Ok(ts.new_int(u32_arg(ts, &x)?.to_be() as i64))
}

pub(super) fn ntohl(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [x] = a.parse::<1>(ts, "ntohl", &[""], 1)?;
    Ok(ts.new_int(u32::from_be(u32_arg(ts, &x)?) as i64))
}

/// `inet_aton(string)`: 4 packed bytes; accepts the classic forms (`127.1`, hex, octal).
pub(super) fn inet_aton(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [s] = a.parse::<1>(ts, "inet_aton", &[""], 1)?;
    let s = req(&s);
    if s.downcast::<PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "inet_aton() argument 1 must be str, not {}",
            s.class().name()
        )));
    }
    let c = CString::new(str_lossy(&s))
        .map_err(|_| ts.os_error("illegal IP address string passed to inet_aton"))?;
    let mut out = libc::in_addr { s_addr: 0 };
    // SAFETY: NUL-terminated input, valid output struct.
    if unsafe { inet_aton_c(c.as_ptr(), &mut out) } == 0 {
        return Err(ts.os_error("illegal IP address string passed to inet_aton"));
    }
    Ok(new_bytes(ts, out.s_addr.to_ne_bytes().to_vec()))
}

extern "C" {
    #[link_name = "inet_aton"]
    fn inet_aton_c(cp: *const libc::c_char, inp: *mut libc::in_addr) -> libc::c_int;
}

fn packed(ts: &ThreadState, v: &Value, fname: &str) -> PyResult<Vec<u8>> {
    bytes_data(v).ok_or_else(|| {
        ts.type_error(format!(
            "{fname}() argument 1 must be a bytes-like object, not '{}'",
            v.class().name()
        ))
    })
}

/// `inet_ntoa(packed)`.
pub(super) fn inet_ntoa(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [p] = a.parse::<1>(ts, "inet_ntoa", &[""], 1)?;
    let b = packed(ts, &req(&p), "inet_ntoa")?;
    let b: [u8; 4] = b
        .try_into()
        .map_err(|_| ts.os_error("packed IP wrong length for inet_ntoa"))?;
    Ok(ts.new_str(&Ipv4Addr::from(b).to_string()))
}

/// `inet_pton(family, string)`.
pub(super) fn inet_pton(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fam, s] = a.parse::<2>(ts, "inet_pton", &["", ""], 2)?;
    let fam = int_arg(ts, &req(&fam))? as i32;
    let s = req(&s);
    if s.downcast::<PyStr>().is_none() {
        return Err(ts.type_error(format!(
            "inet_pton() argument 2 must be str, not {}",
            s.class().name()
        )));
    }
    let text = str_lossy(&s);
    let illegal = || ts.os_error("illegal IP address string passed to inet_pton");
    match fam {
        libc::AF_INET => {
            let ip: Ipv4Addr = text.parse().map_err(|_| illegal())?;
            Ok(new_bytes(ts, ip.octets().to_vec()))
        }
        libc::AF_INET6 => {
            let ip: Ipv6Addr = text.parse().map_err(|_| illegal())?;
            Ok(new_bytes(ts, ip.octets().to_vec()))
        }
        _ => Err(os_error(ts, libc::EAFNOSUPPORT, None, None)),
    }
}

/// `inet_ntop(family, packed)`.
pub(super) fn inet_ntop(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [fam, p] = a.parse::<2>(ts, "inet_ntop", &["", ""], 2)?;
    let fam = int_arg(ts, &req(&fam))? as i32;
    let b = packed(ts, &req(&p), "inet_ntop")?;
    match fam {
        libc::AF_INET => {
            let b: [u8; 4] = b
                .try_into()
                .map_err(|_| ts.value_error("invalid length of packed IP address string"))?;
            Ok(ts.new_str(&Ipv4Addr::from(b).to_string()))
        }
        libc::AF_INET6 => {
            let b: [u8; 16] = b
                .try_into()
                .map_err(|_| ts.value_error("invalid length of packed IP address string"))?;
            Ok(ts.new_str(&Ipv6Addr::from(b).to_string()))
        }
        _ => Err(ts.value_error(format!("unknown address family {fam}"))),
    }
}

/// `if_nameindex()`: `[(index, name), ...]`.
pub(super) fn if_nameindex(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    a.none(ts, "if_nameindex")?;
    // SAFETY: no arguments; the list is freed below.
    let list = unsafe { libc::if_nameindex() };
    if list.is_null() {
        return Err(os_error(ts, last_errno(), None, None));
    }
    let mut out = Vec::new();
    let mut p = list;
    // SAFETY: the array ends with an entry whose index is 0 and name null.
    unsafe {
        while (*p).if_index != 0 && !(*p).if_name.is_null() {
            let name = CStr::from_ptr((*p).if_name).to_bytes().to_vec();
            out.push(ts.new_tuple(vec![
                ts.new_int((*p).if_index as i64),
                crate::posix::fs_decode(ts, &name),
            ]));
            p = p.add(1);
        }
        libc::if_freenameindex(list);
    }
    Ok(ts.new_list(out))
}

/// `if_nametoindex(name)`.
pub(super) fn if_nametoindex(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [name] = a.parse::<1>(ts, "if_nametoindex", &[""], 1)?;
    let name = req(&name);
    let b = match name.downcast::<PyStr>() {
        Some(s) => crate::posix::fs_encode(ts, s)?,
        None => bytes_data(&name).ok_or_else(|| {
            ts.type_error(format!(
                "if_nametoindex(): argument 1 must be str, bytes or os.PathLike, not {}",
                name.class().name()
            ))
        })?,
    };
    let c = CString::new(b).map_err(|_| ts.value_error("embedded null character"))?;
    // SAFETY: NUL-terminated name.
    let i = unsafe { libc::if_nametoindex(c.as_ptr()) };
    if i == 0 {
        return Err(ts.os_error("no interface with this name"));
    }
    Ok(ts.new_int(i as i64))
}

/// `if_indextoname(index)`.
pub(super) fn if_indextoname(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let [i] = a.parse::<1>(ts, "if_indextoname", &[""], 1)?;
    let i = req(&i);
    if vm::objects::int::as_int(&i).is_none() {
        return Err(ts.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            i.class().name()
        )));
    }
    let i = u32_arg(ts, &Some(i))?;
    let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
    // SAFETY: `buf` has IF_NAMESIZE bytes.
    let p = unsafe { libc::if_indextoname(i, buf.as_mut_ptr()) };
    if p.is_null() {
        return Err(os_error(ts, last_errno(), None, None));
    }
    // SAFETY: on success the buffer holds a NUL-terminated name.
    let name = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_bytes().to_vec();
    Ok(crate::posix::fs_decode(ts, &name))
}

fn cmsg_arg(ts: &ThreadState, a: Args<'_>, fname: &str) -> PyResult<u32> {
    let [n] = a.parse::<1>(ts, fname, &[""], 1)?;
    let n = int_arg(ts, &req(&n))?;
    u32::try_from(n)
        .ok()
        .filter(|n| *n <= i32::MAX as u32 - 64)
        .ok_or_else(|| ts.overflow_error(format!("{fname}() argument out of range")))
}

/// `CMSG_LEN(length)`.
pub(super) fn cmsg_len(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let n = cmsg_arg(ts, a, "CMSG_LEN")?;
    // SAFETY: CMSG_LEN is arithmetic.
    Ok(ts.new_int(unsafe { libc::CMSG_LEN(n) } as i64))
}

/// `CMSG_SPACE(length)`.
pub(super) fn cmsg_space(ts: &ThreadState, a: Args<'_>) -> PyResult<Value> {
    let n = cmsg_arg(ts, a, "CMSG_SPACE")?;
    // SAFETY: CMSG_SPACE is arithmetic.
    Ok(ts.new_int(unsafe { libc::CMSG_SPACE(n) } as i64))
}
