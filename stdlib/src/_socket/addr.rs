//! Socket addresses: Python address objects to `sockaddr` and back (CPython's
//! `getsockaddrarg` and `makesockaddr`), for AF_INET, AF_INET6 and AF_UNIX, and host-name
//! resolution for them (`setipaddr`).

use super::gai_error;
use crate::posix::{fs_decode, fs_encode};
use std::ffi::CString;
use std::net::{Ipv4Addr, Ipv6Addr};
use vm::errors::PyResult;
use vm::objects::bytes::{bytes_data, new_bytes};
use vm::objects::str::PyStr;
use vm::protocols;
use vm::runtime::types;
use vm::thread_state::ThreadState;
use vm::value::Value;

/// A `sockaddr_storage` and the length of the address in it.
pub(crate) struct SockAddr {
    pub storage: libc::sockaddr_storage,
    pub len: libc::socklen_t,
}

impl SockAddr {
    pub fn empty() -> SockAddr {
        SockAddr {
            // SAFETY: all-zero is a valid sockaddr_storage.
            storage: unsafe { std::mem::zeroed() },
            len: std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t,
        }
    }

    pub fn as_ptr(&self) -> *const libc::sockaddr {
        (&self.storage as *const libc::sockaddr_storage).cast()
    }

    pub fn as_mut_ptr(&mut self) -> *mut libc::sockaddr {
        (&mut self.storage as *mut libc::sockaddr_storage).cast()
    }

    /// Copies `len` bytes of a C address (from getaddrinfo or recvmsg).
    ///
    /// # Safety
    /// `p` must point at `len` readable bytes.
    pub unsafe fn from_raw(p: *const libc::sockaddr, len: libc::socklen_t) -> SockAddr {
        let mut a = SockAddr::empty();
        let n = (len as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
        // SAFETY: the caller vouches for `n <= len` readable bytes at `p`; the storage has
        // room for `n` bytes.
        unsafe { std::ptr::copy_nonoverlapping(p.cast::<u8>(), a.as_mut_ptr().cast::<u8>(), n) };
        a.len = n as libc::socklen_t;
        a
    }

    fn family(&self) -> i32 {
        self.storage.ss_family as i32
    }
}

/// The host of an address tuple as a C string: str (IDNA-encoded), bytes or bytearray.
pub(crate) fn host_bytes(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = v.downcast::<PyStr>() {
        if let Some(t) = s.as_str().filter(|t| t.is_ascii()) {
            return Ok(t.as_bytes().to_vec());
        }
        let enc = protocols::call_method(ts, v, "encode", &[ts.new_str("idna")])?;
        return Ok(bytes_data(&enc).unwrap_or_default());
    }
    if let Some(b) = bytes_data(v) {
        return Ok(b);
    }
    Err(ts.type_error(format!(
        "str, bytes or bytearray expected, not {}",
        v.class().name()
    )))
}

/// Resolves a host for `family` (CPython's `setipaddr`): '' is the any-address,
/// '<broadcast>' the IPv4 broadcast address, numeric hosts parse directly, anything else
/// goes through getaddrinfo.
fn resolve(ts: &ThreadState, host: &[u8], family: i32) -> PyResult<SockAddr> {
    let mut a = SockAddr::empty();
    if host.is_empty() || host == b"<broadcast>" || host == b"255.255.255.255" {
        let ip = if host.is_empty() {
            Ipv4Addr::UNSPECIFIED
        } else {
            Ipv4Addr::BROADCAST
        };
        if family == libc::AF_INET6 && host.is_empty() {
            set_v6(&mut a, Ipv6Addr::UNSPECIFIED, 0, 0, 0);
        } else if family == libc::AF_INET6 {
            return Err(ts.os_error("address family mismatched"));
        } else {
            set_v4(&mut a, ip, 0);
        }
        return Ok(a);
    }
    if let Ok(s) = std::str::from_utf8(host) {
        if family != libc::AF_INET6 {
            if let Ok(ip) = s.parse::<Ipv4Addr>() {
                set_v4(&mut a, ip, 0);
                return Ok(a);
            }
        }
        if family != libc::AF_INET && !s.contains('%') {
            if let Ok(ip) = s.parse::<Ipv6Addr>() {
                set_v6(&mut a, ip, 0, 0, 0);
                return Ok(a);
            }
        }
    }
    let c = CString::new(host.to_vec()).map_err(|_| ts.value_error("embedded null character"))?;
    let list = super::netdb::getaddrinfo_raw(ts, Some(&c), None, family, 0, 0, 0)?;
    list.into_iter()
        .next()
        .map(|(_, _, _, _, a)| a)
        .ok_or_else(|| gai_error(ts, libc::EAI_NONAME))
}

fn set_v4(a: &mut SockAddr, ip: Ipv4Addr, port: u16) {
    let sin = libc::sockaddr_in {
        sin_family: libc::AF_INET as libc::sa_family_t,
        sin_port: port.to_be(),
        sin_addr: libc::in_addr {
            s_addr: u32::from(ip).to_be(),
        },
        sin_zero: [0; 8],
    };
    // SAFETY: sockaddr_storage is larger than and suitably aligned for sockaddr_in.
    unsafe { std::ptr::write(a.as_mut_ptr().cast::<libc::sockaddr_in>(), sin) };
    a.len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
}

fn set_v6(a: &mut SockAddr, ip: Ipv6Addr, port: u16, flowinfo: u32, scope_id: u32) {
    let sin6 = libc::sockaddr_in6 {
        sin6_family: libc::AF_INET6 as libc::sa_family_t,
        sin6_port: port.to_be(),
        sin6_flowinfo: flowinfo.to_be(),
        sin6_addr: libc::in6_addr {
            s6_addr: ip.octets(),
        },
        sin6_scope_id: scope_id,
    };
    // SAFETY: sockaddr_storage is larger than and suitably aligned for sockaddr_in6.
    unsafe { std::ptr::write(a.as_mut_ptr().cast::<libc::sockaddr_in6>(), sin6) };
    a.len = std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t;
}

fn port_arg(ts: &ThreadState, v: &Value, caller: &str) -> PyResult<u16> {
    let p = protocols::index_i64_clamped(ts, v)?;
    u16::try_from(p).map_err(|_| ts.overflow_error(format!("{caller}(): port must be 0-65535.")))
}

fn u32_arg(ts: &ThreadState, v: &Value, caller: &str, what: &str) -> PyResult<u32> {
    let p = protocols::index_i64_clamped(ts, v)?;
    u32::try_from(p).map_err(|_| {
        ts.overflow_error(format!(
            "{caller}(): {what} must be 0-{}.",
            if what == "flowinfo" {
                0xfffff
            } else {
                u32::MAX
            }
        ))
    })
}

/// A Python address for a socket of `family` (CPython's `getsockaddrarg`); `caller` names
/// the method in error messages.
pub(crate) fn parse(ts: &ThreadState, family: i32, v: &Value, caller: &str) -> PyResult<SockAddr> {
    match family {
        libc::AF_INET => {
            if !v.class().is_subtype(types().tuple) {
                return Err(ts.type_error(format!(
                    "{caller}(): AF_INET address must be tuple, not {}",
                    v.class().name()
                )));
            }
            let t = v.as_tuple_slice();
            if t.len() != 2 {
                return Err(ts.type_error("AF_INET address must be a pair (host, port)"));
            }
            let host = host_bytes(ts, &t[0])?;
            let port = port_arg(ts, &t[1], caller)?;
            let mut a = resolve(ts, &host, libc::AF_INET)?;
            if a.family() != libc::AF_INET {
                return Err(ts.os_error("address family mismatched"));
            }
            // SAFETY: `resolve` stored a sockaddr_in (checked just above).
            unsafe { (*a.as_mut_ptr().cast::<libc::sockaddr_in>()).sin_port = port.to_be() };
            Ok(a)
        }
        libc::AF_INET6 => {
            let t = if v.class().is_subtype(types().tuple) {
                v.as_tuple_slice()
            } else {
                return Err(ts.type_error(format!(
                    "{caller}(): AF_INET6 address must be tuple, not {}",
                    v.class().name()
                )));
            };
            if !(2..=4).contains(&t.len()) {
                return Err(ts.type_error(
                    "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])",
                ));
            }
            let host = host_bytes(ts, &t[0])?;
            let port = port_arg(ts, &t[1], caller)?;
            let flowinfo = match t.get(2) {
                Some(f) => u32_arg(ts, f, caller, "flowinfo")?,
                None => 0,
            };
            if flowinfo > 0xfffff {
                return Err(ts.overflow_error(format!("{caller}(): flowinfo must be 0-1048575.")));
            }
            let scope_id = match t.get(3) {
                Some(f) => u32_arg(ts, f, caller, "scope_id")?,
                None => 0,
            };
            let mut a = resolve(ts, &host, libc::AF_INET6)?;
            if a.family() != libc::AF_INET6 {
                return Err(ts.os_error("address family mismatched"));
            }
            // SAFETY: `resolve` stored a sockaddr_in6 (checked just above).
            let sin6 = unsafe { &mut *a.as_mut_ptr().cast::<libc::sockaddr_in6>() };
            sin6.sin6_port = port.to_be();
            sin6.sin6_flowinfo = flowinfo.to_be();
            if t.len() == 4 || sin6.sin6_scope_id == 0 {
                sin6.sin6_scope_id = scope_id;
            }
            Ok(a)
        }
        libc::AF_UNIX => {
            let path = if let Some(s) = v.downcast::<PyStr>() {
                fs_encode(ts, s)?
            } else if let Some(b) = bytes_data(v) {
                b
            } else {
                return Err(ts.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    v.class().name()
                )));
            };
            let mut a = SockAddr::empty();
            // SAFETY: sockaddr_storage is larger than and suitably aligned for sockaddr_un.
            let sun = unsafe { &mut *a.as_mut_ptr().cast::<libc::sockaddr_un>() };
            if path.len() >= sun.sun_path.len() {
                return Err(ts.os_error("AF_UNIX path too long"));
            }
            sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (d, s) in sun.sun_path.iter_mut().zip(&path) {
                *d = *s as libc::c_char;
            }
            let base = std::mem::size_of::<libc::sa_family_t>();
            // A regular path is NUL-terminated; an abstract one (leading NUL) is not.
            let extra = usize::from(path.first().is_some_and(|&b| b != 0));
            a.len = (base + path.len() + extra) as libc::socklen_t;
            Ok(a)
        }
        _ => Err(ts.os_error(format!("{caller}(): bad family"))),
    }
}

/// The text form of an IPv6 address with its scope, as getnameinfo(NI_NUMERICHOST) gives it.
fn v6_text(ip: Ipv6Addr, scope: u32) -> String {
    let s = ip.to_string();
    let link_local = ip.segments()[0] & 0xffc0 == 0xfe80;
    if scope != 0 && (link_local || ip.is_multicast()) {
        let mut buf = [0 as libc::c_char; libc::IF_NAMESIZE];
        // SAFETY: `buf` has room for IF_NAMESIZE bytes, as if_indextoname requires.
        let p = unsafe { libc::if_indextoname(scope, buf.as_mut_ptr()) };
        if !p.is_null() {
            // SAFETY: on success `buf` holds a NUL-terminated name.
            let name = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) };
            return format!("{s}%{}", name.to_string_lossy());
        }
        return format!("{s}%{scope}");
    }
    s
}

/// The Python form of an address (CPython's `makesockaddr`).
pub(crate) fn to_value(ts: &ThreadState, a: &SockAddr) -> Value {
    if a.len == 0 {
        return vm::runtime::none();
    }
    match a.family() {
        libc::AF_INET => {
            // SAFETY: the family says the storage holds a sockaddr_in.
            let sin = unsafe { &*a.as_ptr().cast::<libc::sockaddr_in>() };
            let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            ts.new_tuple(vec![
                ts.new_str(&ip.to_string()),
                ts.new_int(u16::from_be(sin.sin_port) as i64),
            ])
        }
        libc::AF_INET6 => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let sin6 = unsafe { &*a.as_ptr().cast::<libc::sockaddr_in6>() };
            let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            ts.new_tuple(vec![
                ts.new_str(&v6_text(ip, sin6.sin6_scope_id)),
                ts.new_int(u16::from_be(sin6.sin6_port) as i64),
                ts.new_int(u32::from_be(sin6.sin6_flowinfo) as i64),
                ts.new_int(sin6.sin6_scope_id as i64),
            ])
        }
        libc::AF_UNIX => {
            // SAFETY: the family says the storage holds a sockaddr_un.
            let sun = unsafe { &*a.as_ptr().cast::<libc::sockaddr_un>() };
            let base = std::mem::size_of::<libc::sa_family_t>();
            let n = (a.len as usize)
                .saturating_sub(base)
                .min(sun.sun_path.len());
            let path: Vec<u8> = sun.sun_path[..n].iter().map(|&c| c as u8).collect();
            if path.first() == Some(&0) {
                // Linux's abstract namespace: the bytes as they are.
                return new_bytes(ts, path);
            }
            let end = path.iter().position(|&b| b == 0).unwrap_or(path.len());
            fs_decode(ts, &path[..end])
        }
        fam => {
            // CPython: (family, raw sa_data bytes) for a family it does not know.
            // SAFETY: every sockaddr starts with the family then 14 bytes of data, within
            // the storage.
            let sa = unsafe { &*a.as_ptr() };
            let data: Vec<u8> = sa.sa_data.iter().map(|&c| c as u8).collect();
            ts.new_tuple(vec![ts.new_int(fam as i64), new_bytes(ts, data)])
        }
    }
}
