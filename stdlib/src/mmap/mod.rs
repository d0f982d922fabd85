//! `mmap`: memory-mapped files (CPython's `Modules/mmapmodule.c`, Unix part).
//!
//! An `mmap.mmap` object owns one mapping (`libc::mmap`), a file position and a dup of the
//! file descriptor. Its state sits behind a mutex; every access to the mapped bytes happens
//! under it, so `close`/`resize` never free memory that another thread is copying. Exported
//! buffers (memoryview) count in `exports`, and while any is alive the mapping can be
//! neither closed nor resized (BufferError, as CPython).

mod methods;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::object::PyPayload;
use vm::objects::memoryview::BufferExporter;
use vm::objects::tuple::PyTuple;
use vm::objects::typeobj::{flags, PyType};
use vm::protocols;
use vm::runtime::types;
use vm::{PyErr, PyResult, ThreadState, Value};

/// The module's initializer.
pub const init: Option<NativeInit> = Some(mmap_init);

pub(crate) const ACCESS_DEFAULT: i64 = 0;
pub(crate) const ACCESS_READ: i64 = 1;
pub(crate) const ACCESS_WRITE: i64 = 2;
pub(crate) const ACCESS_COPY: i64 = 3;

/// One mapping. `addr` is the mapping's address (0 when closed).
pub(crate) struct Map {
    pub addr: usize,
    pub len: usize,
    pub pos: usize,
    pub fd: i32,
    pub access: i64,
    pub offset: i64,
    pub closed: bool,
    /// Made with `trackfd=False`: no fd kept, so no `size()` or `resize()`.
    pub untracked: bool,
    /// A shared anonymous mapping (fileno -1, MAP_SHARED): Linux cannot grow it.
    pub shared_anonymous: bool,
}

impl Map {
    /// The mapped bytes.
    pub fn bytes(&self) -> &[u8] {
        if self.addr == 0 || self.len == 0 {
            return &[];
        }
        // SAFETY: `addr..addr+len` is a live mapping owned by this Map (unmapped only by
        // `unmap`, which needs `&mut self`).
        unsafe { std::slice::from_raw_parts(self.addr as *const u8, self.len) }
    }

    /// The mapped bytes, writable: callers check the access mode first.
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        if self.addr == 0 || self.len == 0 {
            return &mut [];
        }
        // SAFETY: as in `bytes`; `&mut self` makes this the only view.
        unsafe { std::slice::from_raw_parts_mut(self.addr as *mut u8, self.len) }
    }

    pub fn unmap(&mut self) {
        if self.addr != 0 {
            // SAFETY: the mapping was made by mmap/mremap with this address and length.
            unsafe { libc::munmap(self.addr as *mut libc::c_void, self.len) };
            self.addr = 0;
            self.len = 0;
        }
        if self.fd >= 0 {
            // SAFETY: the fd is our own dup.
            unsafe { libc::close(self.fd) };
            self.fd = -1;
        }
        self.closed = true;
    }
}

/// An `mmap.mmap` object.
pub struct PyMmap {
    pub(crate) map: Mutex<Map>,
    pub(crate) exports: AtomicUsize,
}

impl PyPayload for PyMmap {
    const GC: bool = false;
}

impl Drop for PyMmap {
    fn drop(&mut self) {
        self.map
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .unmap();
    }
}

impl BufferExporter for PyMmap {
    fn buffer_format(&self) -> (u8, usize) {
        (b'B', 1)
    }

    fn with_buffer(&self, f: &mut dyn FnMut(&mut [u8])) {
        let mut m = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        f(m.bytes_mut());
    }

    fn add_export(&self, delta: isize) {
        // ORDERING: Relaxed: the count is a guard read by close/resize under the map lock;
        // it publishes no other memory.
        if delta >= 0 {
            self.exports.fetch_add(delta as usize, Ordering::Relaxed);
        } else {
            self.exports
                .fetch_sub(delta.unsigned_abs(), Ordering::Relaxed);
        }
    }
}

impl PyMmap {
    /// The locked map, waiting detached when another thread holds it (a leaf lock: its
    /// holder runs no Python code).
    pub(crate) fn lock(&self, ts: &ThreadState) -> MutexGuard<'_, Map> {
        match self.map.try_lock() {
            Ok(g) => g,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => {
                ts.detached(|| self.map.lock().unwrap_or_else(PoisonError::into_inner))
            }
        }
    }

    /// The locked map, or ValueError when it is closed.
    pub(crate) fn open(&self, ts: &ThreadState) -> PyResult<MutexGuard<'_, Map>> {
        let g = self.lock(ts);
        if g.closed {
            return Err(ts.value_error("mmap closed or invalid"));
        }
        Ok(g)
    }
}

static TYPE: OnceLock<&'static PyType> = OnceLock::new();

pub(crate) fn mmap_type(ts: &ThreadState) -> &'static PyType {
    TYPE.get_or_init(|| {
        vm::runtime::new_native_type::<PyMmap>(
            ts,
            "mmap.mmap",
            None,
            flags::BASETYPE | flags::WEAKREFABLE,
            methods::setup,
        )
    })
}

fn mmap_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, "mmap", &[])?;
    let dd = crate::posix::dict_of(ts, &d)?;
    dd.set_str(ts, "mmap", mmap_type(ts).to_value());
    dd.set_str(ts, "error", types().exc.os_error.to_value());
    // SAFETY: sysconf has no memory effects.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as i64;
    let consts: &[(&str, i64)] = &[
        ("PROT_READ", libc::PROT_READ as i64),
        ("PROT_WRITE", libc::PROT_WRITE as i64),
        ("PROT_EXEC", libc::PROT_EXEC as i64),
        ("MAP_SHARED", libc::MAP_SHARED as i64),
        ("MAP_PRIVATE", libc::MAP_PRIVATE as i64),
        ("MAP_ANON", libc::MAP_ANONYMOUS as i64),
        ("MAP_ANONYMOUS", libc::MAP_ANONYMOUS as i64),
        ("MAP_DENYWRITE", libc::MAP_DENYWRITE as i64),
        ("MAP_EXECUTABLE", libc::MAP_EXECUTABLE as i64),
        ("MAP_POPULATE", libc::MAP_POPULATE as i64),
        ("MAP_STACK", libc::MAP_STACK as i64),
        ("MAP_NORESERVE", libc::MAP_NORESERVE as i64),
        ("PAGESIZE", page),
        ("ALLOCATIONGRANULARITY", page),
        ("ACCESS_DEFAULT", ACCESS_DEFAULT),
        ("ACCESS_READ", ACCESS_READ),
        ("ACCESS_WRITE", ACCESS_WRITE),
        ("ACCESS_COPY", ACCESS_COPY),
        ("MADV_NORMAL", libc::MADV_NORMAL as i64),
        ("MADV_RANDOM", libc::MADV_RANDOM as i64),
        ("MADV_SEQUENTIAL", libc::MADV_SEQUENTIAL as i64),
        ("MADV_WILLNEED", libc::MADV_WILLNEED as i64),
        ("MADV_DONTNEED", libc::MADV_DONTNEED as i64),
        ("MADV_REMOVE", libc::MADV_REMOVE as i64),
        ("MADV_DONTFORK", libc::MADV_DONTFORK as i64),
        ("MADV_DOFORK", libc::MADV_DOFORK as i64),
        ("MADV_HWPOISON", libc::MADV_HWPOISON as i64),
        ("MADV_MERGEABLE", libc::MADV_MERGEABLE as i64),
        ("MADV_UNMERGEABLE", libc::MADV_UNMERGEABLE as i64),
        ("MADV_HUGEPAGE", libc::MADV_HUGEPAGE as i64),
        ("MADV_NOHUGEPAGE", libc::MADV_NOHUGEPAGE as i64),
        ("MADV_DONTDUMP", libc::MADV_DONTDUMP as i64),
        ("MADV_DODUMP", libc::MADV_DODUMP as i64),
        ("MADV_FREE", libc::MADV_FREE as i64),
    ];
    for (name, v) in consts {
        dd.set_str(ts, name, ts.new_int(*v));
    }
    Ok(m)
}

fn overflow(ts: &ThreadState, msg: &str) -> PyErr {
    ts.overflow_error(msg)
}

fn int_of(ts: &ThreadState, v: Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(v) => protocols::index_i64(ts, &v),
    }
}

/// `mmap(fileno, length, flags=MAP_SHARED, prot=PROT_WRITE|PROT_READ,
/// access=ACCESS_DEFAULT, offset=0, *, trackfd=True)`.
pub(crate) fn mmap_new(
    ts: &ThreadState,
    cls: &Value,
    args: &[Value],
    kw: Option<&PyTuple>,
) -> PyResult<Value> {
    let a = MethodArgs::new(args, kw);
    let names = [
        "fileno", "length", "flags", "prot", "access", "offset", "*trackfd",
    ];
    let [fileno, length, fl, prot, access, offset, trackfd] =
        a.parse::<7>(ts, "mmap", &names, 2)?;
    let fd = int_of(ts, fileno, -1)?;
    let length = int_of(ts, length, 0)?;
    let mut fl = int_of(ts, fl, libc::MAP_SHARED as i64)? as i32;
    let mut prot = int_of(ts, prot, (libc::PROT_READ | libc::PROT_WRITE) as i64)? as i32;
    let access = int_of(ts, access, ACCESS_DEFAULT)?;
    let offset = int_of(ts, offset, 0)?;
    let trackfd = match trackfd {
        Some(v) => protocols::is_true(ts, &v)?,
        None => true,
    };
    if length < 0 {
        return Err(overflow(ts, "memory mapped length must be positive"));
    }
    if offset < 0 {
        return Err(overflow(ts, "memory mapped offset must be positive"));
    }
    // As CPython: explicit flags/prot equal to the defaults do not conflict with `access`.
    if access != ACCESS_DEFAULT
        && (fl != libc::MAP_SHARED || prot != libc::PROT_READ | libc::PROT_WRITE)
    {
        return Err(ts.value_error("mmap can't specify both access and flags, prot."));
    }
    match access {
        ACCESS_READ => {
            fl = libc::MAP_SHARED;
            prot = libc::PROT_READ;
        }
        ACCESS_WRITE => {
            fl = libc::MAP_SHARED;
            prot = libc::PROT_READ | libc::PROT_WRITE;
        }
        ACCESS_COPY => {
            fl = libc::MAP_PRIVATE;
            prot = libc::PROT_READ | libc::PROT_WRITE;
        }
        ACCESS_DEFAULT => {
            // A map that cannot be written behaves as ACCESS_READ for the write methods.
        }
        _ => return Err(ts.value_error("mmap invalid access parameter.")),
    }
    let access = if access == ACCESS_DEFAULT && prot & libc::PROT_WRITE == 0 {
        ACCESS_READ
    } else {
        access
    };
    let fd = i32::try_from(fd).map_err(|_| overflow(ts, "fd is greater than maximum"))?;
    let mut length = length as usize;
    let mut own_fd = -1;
    if fd != -1 {
        // SAFETY: all-zero is a valid stat; fstat fills it.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        // SAFETY: `st` is a valid out-parameter.
        if unsafe { libc::fstat(fd, &mut st) } == 0 && st.st_mode & libc::S_IFMT == libc::S_IFREG {
            let size = st.st_size;
            if length == 0 {
                if size == 0 {
                    return Err(ts.value_error("cannot mmap an empty file"));
                }
                if offset >= size {
                    return Err(ts.value_error("mmap offset is greater than file size"));
                }
                length = (size - offset) as usize;
            } else if offset > size || ((size - offset) as u64) < length as u64 {
                return Err(ts.value_error("mmap length is greater than file size"));
            }
        }
        if trackfd {
            // SAFETY: dup of a caller's fd; the copy is ours to close.
            own_fd = unsafe { libc::dup(fd) };
            if own_fd == -1 {
                return Err(crate::posix::last_os_error(ts, None));
            }
        }
    } else {
        fl |= libc::MAP_ANONYMOUS;
    }
    // SAFETY: a fresh mapping chosen by the kernel; the arguments are plain values.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            length,
            prot,
            fl,
            fd,
            offset as libc::off_t,
        )
    };
    if p == libc::MAP_FAILED {
        let e = crate::posix::last_os_error(ts, None);
        if own_fd >= 0 {
            // SAFETY: our own dup.
            unsafe { libc::close(own_fd) };
        }
        return Err(e);
    }
    let m = PyMmap {
        map: Mutex::new(Map {
            addr: p as usize,
            len: length,
            pos: 0,
            fd: own_fd,
            access,
            offset,
            closed: false,
            untracked: !trackfd,
            shared_anonymous: fd == -1 && fl & libc::MAP_SHARED != 0,
        }),
        exports: AtomicUsize::new(0),
    };
    vm::object::alloc(ts, cls.as_type(), m)
}
