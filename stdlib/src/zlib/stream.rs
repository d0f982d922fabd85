//! [`ZStream`]: one zlib `z_stream` (a deflate or an inflate state) behind a safe API, and
//! [`ZStream::pump`], the call loop every zlib operation of the module is made of.
//!
//! The only file of `zlib/` with `unsafe`. The C library is stock zlib (libz-sys), so the
//! compressed bytes are the ones CPython's `zlib` module produces.

use libz_sys as z;
use std::ffi::{c_char, c_int, c_uint, c_void, CStr};

pub const Z_OK: c_int = z::Z_OK;
pub const Z_STREAM_END: c_int = z::Z_STREAM_END;
pub const Z_NEED_DICT: c_int = z::Z_NEED_DICT;
pub const Z_STREAM_ERROR: c_int = z::Z_STREAM_ERROR;
pub const Z_DATA_ERROR: c_int = z::Z_DATA_ERROR;
pub const Z_MEM_ERROR: c_int = z::Z_MEM_ERROR;
pub const Z_BUF_ERROR: c_int = z::Z_BUF_ERROR;
pub const Z_VERSION_ERROR: c_int = z::Z_VERSION_ERROR;

/// Whether a stream compresses or decompresses (which of zlib's function families it uses).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Deflate,
    Inflate,
}

/// A zlib error: its code and the stream's `msg`, if zlib set one.
#[derive(Debug)]
pub struct ZError {
    pub code: c_int,
    pub msg: Option<String>,
}

/// One initialised `z_stream`, ended (`deflateEnd`/`inflateEnd`) when dropped.
///
/// The `z_stream` is boxed because zlib's internal state points back at it: it must not
/// move after `*Init2`. `next_in`/`next_out` are set right before each zlib call and cleared
/// after it, so no pointer into a caller's buffer survives a call.
pub struct ZStream {
    strm: Box<z::z_stream>,
    kind: Kind,
}

// SAFETY: the stream is plain memory owned by this value (zlib keeps no thread-local state
// and calls no callbacks but our allocator, which is thread-safe); every use goes through
// `&mut self`, so the object that holds it serialises access with its lock.
unsafe impl Send for ZStream {}
// SAFETY: no `&self` method touches the stream's memory except reading `msg`, which zlib
// only writes during a `&mut self` call.
unsafe impl Sync for ZStream {}

unsafe extern "C" fn zalloc(_opaque: *mut c_void, items: c_uint, size: c_uint) -> *mut c_void {
    // SAFETY: calloc with any sizes is sound; it returns null on overflow or exhaustion,
    // which zlib reports as Z_MEM_ERROR.
    unsafe { libc::calloc(items as usize, size as usize) }
}

unsafe extern "C" fn zfree(_opaque: *mut c_void, p: *mut c_void) {
    // SAFETY: zlib frees only blocks that `zalloc` returned.
    unsafe { libc::free(p) }
}

fn blank() -> Box<z::z_stream> {
    Box::new(z::z_stream {
        next_in: std::ptr::null_mut(),
        avail_in: 0,
        total_in: 0,
        next_out: std::ptr::null_mut(),
        avail_out: 0,
        total_out: 0,
        msg: std::ptr::null_mut(),
        state: std::ptr::null_mut(),
        zalloc,
        zfree,
        opaque: std::ptr::null_mut(),
        data_type: 0,
        adler: 0,
        reserved: 0,
    })
}

/// The largest length zlib takes in one call (its counters are `uInt`).
const MAX_CHUNK: usize = c_uint::MAX as usize;

const KB: usize = 1024;
const MB: usize = 1024 * KB;

/// The output room of successive zlib calls: the block sizes of CPython's
/// `pycore_blocks_output_buffer.h`. Stored (level 0) deflate blocks end where the output
/// room does, so matching them is what makes our compressed bytes equal CPython's.
pub const BLOCK_SIZES: [usize; 17] = [
    32 * KB,
    64 * KB,
    256 * KB,
    MB,
    4 * MB,
    8 * MB,
    16 * MB,
    16 * MB,
    32 * MB,
    32 * MB,
    32 * MB,
    32 * MB,
    64 * MB,
    64 * MB,
    128 * MB,
    128 * MB,
    256 * MB,
];

/// What [`ZStream::pump`] ended with (Z_OK when the output limit stopped it).
pub struct Pumped {
    /// The last zlib return code.
    pub code: c_int,
    /// How many input bytes were consumed.
    pub consumed: usize,
}

impl ZStream {
    fn version() -> *const c_char {
        // SAFETY: zlibVersion returns a static NUL-terminated string.
        unsafe { z::zlibVersion() }
    }

    fn size() -> c_int {
        std::mem::size_of::<z::z_stream>() as c_int
    }

    /// `deflateInit2`.
    pub fn deflate(
        level: c_int,
        method: c_int,
        wbits: c_int,
        mem_level: c_int,
        strategy: c_int,
    ) -> Result<ZStream, ZError> {
        let mut strm = blank();
        // SAFETY: `strm` is a valid, boxed (non-moving) z_stream with our allocator.
        let r = unsafe {
            z::deflateInit2_(
                &mut *strm,
                level,
                method,
                wbits,
                mem_level,
                strategy,
                Self::version(),
                Self::size(),
            )
        };
        Self::made(strm, Kind::Deflate, r)
    }

    /// `inflateInit2`.
    pub fn inflate(wbits: c_int) -> Result<ZStream, ZError> {
        let mut strm = blank();
        // SAFETY: as in `deflate`.
        let r = unsafe { z::inflateInit2_(&mut *strm, wbits, Self::version(), Self::size()) };
        Self::made(strm, Kind::Inflate, r)
    }

    fn made(strm: Box<z::z_stream>, kind: Kind, r: c_int) -> Result<ZStream, ZError> {
        if r != Z_OK {
            // A failed *Init2 frees what it allocated; nothing to end.
            return Err(ZError {
                code: r,
                msg: msg_of(&strm),
            });
        }
        Ok(ZStream { strm, kind })
    }

    /// The stream's last error message, if any.
    pub fn msg(&self) -> Option<String> {
        msg_of(&self.strm)
    }

    pub fn error(&self, code: c_int) -> ZError {
        ZError {
            code,
            msg: self.msg(),
        }
    }

    /// `deflateCopy`/`inflateCopy`.
    pub fn copy(&mut self) -> Result<ZStream, ZError> {
        let mut dst = blank();
        // SAFETY: both streams are valid; the copy gets its own state (allocated with our
        // allocator, which the source carries) and its own box.
        let r = unsafe {
            match self.kind {
                Kind::Deflate => z::deflateCopy(&mut *dst, &mut *self.strm),
                Kind::Inflate => z::inflateCopy(&mut *dst, &mut *self.strm),
            }
        };
        Self::made(dst, self.kind, r)
    }

    /// `deflateSetDictionary`/`inflateSetDictionary`.
    pub fn set_dictionary(&mut self, dict: &[u8]) -> Result<(), ZError> {
        let len = c_uint::try_from(dict.len()).map_err(|_| ZError {
            code: Z_STREAM_ERROR,
            msg: None,
        })?;
        // SAFETY: zlib reads `len` bytes of `dict` during the call only.
        let r = unsafe {
            match self.kind {
                Kind::Deflate => z::deflateSetDictionary(&mut *self.strm, dict.as_ptr(), len),
                Kind::Inflate => z::inflateSetDictionary(&mut *self.strm, dict.as_ptr(), len),
            }
        };
        if r == Z_OK {
            Ok(())
        } else {
            Err(self.error(r))
        }
    }

    /// One `deflate`/`inflate` call over `input` (at most `MAX_CHUNK` of it), writing at most
    /// `room` bytes after `out`'s end. Returns the code, the bytes consumed, and whether the
    /// output room was filled (zlib may have more to give).
    fn call(
        &mut self,
        input: &[u8],
        out: &mut Vec<u8>,
        room: usize,
        flush: c_int,
    ) -> (c_int, usize, bool) {
        let room = room.min(MAX_CHUNK);
        out.reserve(room);
        let avail_in = input.len().min(MAX_CHUNK);
        let s = &mut *self.strm;
        // zlib never writes through next_in; the field is `*mut` only by C's signature.
        s.next_in = input.as_ptr().cast_mut();
        s.avail_in = avail_in as c_uint;
        // SAFETY: `reserve` made `room` bytes of spare capacity after `out.len()`.
        s.next_out = unsafe { out.as_mut_ptr().add(out.len()) };
        s.avail_out = room as c_uint;
        // SAFETY: the stream is initialised; next_in/next_out describe live buffers of the
        // given sizes for the duration of the call.
        let r = unsafe {
            match self.kind {
                Kind::Deflate => z::deflate(s, flush),
                Kind::Inflate => z::inflate(s, flush),
            }
        };
        let produced = room - s.avail_out as usize;
        let consumed = avail_in - s.avail_in as usize;
        let full = s.avail_out == 0;
        s.next_in = std::ptr::null_mut();
        s.next_out = std::ptr::null_mut();
        s.avail_in = 0;
        s.avail_out = 0;
        // SAFETY: zlib initialised exactly `produced` bytes after the old length.
        unsafe { out.set_len(out.len() + produced) };
        (r, consumed, full)
    }

    /// Calls zlib with `flush` until the input is consumed and the output room was not
    /// filled, the stream ends, an error occurs, or `out` reaches `limit` bytes (CPython's
    /// loops in `Modules/zlibmodule.c`). `first` is the initial output room, then each call
    /// gets CPython's next output block size ([`BLOCK_SIZES`]).
    /// Z_NEED_DICT is answered with `dict` when there is one. Errors of zlib calls come back
    /// in `Pumped::code`; `Err` is only a failed `set_dictionary`.
    pub fn pump(
        &mut self,
        input: &[u8],
        out: &mut Vec<u8>,
        flush: c_int,
        first: usize,
        limit: Option<usize>,
        dict: Option<&[u8]>,
    ) -> Result<Pumped, ZError> {
        let mut consumed = 0;
        let mut block = 0;
        let mut room = first.max(1);
        loop {
            if let Some(l) = limit {
                if out.len() >= l {
                    return Ok(Pumped {
                        code: Z_OK,
                        consumed,
                    });
                }
                room = room.min(l - out.len());
            }
            let (code, used, full) = self.call(&input[consumed..], out, room, flush);
            consumed += used;
            let done = Pumped { code, consumed };
            match code {
                Z_OK | Z_BUF_ERROR => {}
                Z_NEED_DICT => match dict {
                    Some(d) => {
                        self.set_dictionary(d)?;
                        continue;
                    }
                    None => return Ok(done),
                },
                _ => return Ok(done),
            }
            if !full && (consumed == input.len() || used == 0) {
                return Ok(done);
            }
            if full {
                block += 1;
                room = BLOCK_SIZES[block.min(BLOCK_SIZES.len() - 1)];
            }
        }
    }
}

fn msg_of(s: &z::z_stream) -> Option<String> {
    if s.msg.is_null() {
        return None;
    }
    // SAFETY: zlib's msg is a static NUL-terminated string when non-null.
    Some(
        unsafe { CStr::from_ptr(s.msg) }
            .to_string_lossy()
            .into_owned(),
    )
}

impl Drop for ZStream {
    fn drop(&mut self) {
        // SAFETY: the stream was initialised by *Init2 (or *Copy) and is ended once, here.
        unsafe {
            match self.kind {
                Kind::Deflate => z::deflateEnd(&mut *self.strm),
                Kind::Inflate => z::inflateEnd(&mut *self.strm),
            };
        }
    }
}

/// `crc32(value, data)`, over any length.
pub fn crc32(mut value: u32, data: &[u8]) -> u32 {
    for c in data.chunks(MAX_CHUNK) {
        // SAFETY: zlib reads `c.len()` bytes of `c`.
        value = unsafe { z::crc32(value.into(), c.as_ptr(), c.len() as c_uint) } as u32;
    }
    value
}

/// `adler32(value, data)`, over any length.
pub fn adler32(mut value: u32, data: &[u8]) -> u32 {
    for c in data.chunks(MAX_CHUNK) {
        // SAFETY: zlib reads `c.len()` bytes of `c`.
        value = unsafe { z::adler32(value.into(), c.as_ptr(), c.len() as c_uint) } as u32;
    }
    value
}

/// The zlib library's version string.
pub fn runtime_version() -> String {
    // SAFETY: zlibVersion returns a static NUL-terminated string.
    unsafe { CStr::from_ptr(z::zlibVersion()) }
        .to_string_lossy()
        .into_owned()
}
