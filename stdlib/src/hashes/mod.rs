//! The builtin hash modules `_md5`, `_sha1`, `_sha2`, `_sha3` and `_blake2` (CPython's
//! HACL*-based `Modules/{md5,sha1,sha2,sha3,blake2}module.c`), which `hashlib` uses when
//! there is no OpenSSL `_hashlib`.
//!
//! MD5/SHA-1/SHA-2/SHA-3/SHAKE come from the RustCrypto crates; BLAKE2 is [`blake2`] (for
//! its full parameter block). The hash object classes are Python source ([`PRELUDE`]):
//! the VM cannot register native types from this crate yet, so an object buffers its input
//! in a `bytearray` and `digest()` hashes the buffer in one shot. That costs memory
//! proportional to the input (not a fixed state) until native types are possible.

mod blake2;

use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::objects::bytes::{new_bytes, PyByteArray, PyBytes};
use vm::objects::str::PyStr;
use vm::runtime::none;
use vm::{protocols, PyResult, ThreadState, Value};

const PRELUDE: &str = include_str!("prelude.py");

pub const init_md5: Option<NativeInit> = Some(|ts| make(ts, "_md5", "_make_md5()"));
pub const init_sha1: Option<NativeInit> = Some(|ts| make(ts, "_sha1", "_make_sha1()"));
pub const init_sha2: Option<NativeInit> = Some(|ts| make(ts, "_sha2", "_make_sha2()"));
pub const init_sha3: Option<NativeInit> = Some(|ts| make(ts, "_sha3", "_make_sha3()"));
pub const init_blake2: Option<NativeInit> = Some(|ts| make(ts, "_blake2", "_make_blake2()"));

fn make(ts: &ThreadState, name: &str, call: &str) -> PyResult<Value> {
    let (m, d) = new_native_module(ts, name, &[("_update", update), ("_digest", digest)])?;
    let src = format!(
        "{PRELUDE}\n{call}\ndel _make_md5, _make_sha1, _make_sha2, _make_sha3, _make_blake2\n"
    );
    crate::_random::exec_in(ts, &src, &d)?;
    Ok(m)
}

/// The bytes of a buffer argument, or CPython's errors for str and non-buffers.
fn buffer(ts: &ThreadState, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = v.downcast::<PyBytes>() {
        return Ok(b.data.to_vec());
    }
    if let Some(b) = v.downcast::<PyByteArray>() {
        return Ok(match b.data.lock() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        });
    }
    if v.downcast::<PyStr>().is_some() {
        return Err(ts.type_error("Strings must be encoded before hashing"));
    }
    Err(ts.type_error("object supporting the buffer API required"))
}

/// `_update(buf, data)`: appends `data` to the object's buffer.
fn update(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [buf, data] = a.parse::<2>(ts, "update", &["", ""], 2)?;
    let (buf, data) = (buf.unwrap_or_else(none), data.unwrap_or_else(none));
    let bytes = buffer(ts, &data)?;
    let ba = buf
        .downcast::<PyByteArray>()
        .ok_or_else(|| ts.type_error("hash state is corrupted"))?;
    let mut g = match ba.data.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    g.extend_from_slice(&bytes);
    Ok(none())
}

fn one_shot<D: sha2::Digest>(data: &[u8]) -> Vec<u8> {
    D::digest(data).to_vec()
}

fn xof<X: Default + sha3::digest::Update + sha3::digest::ExtendableOutput>(
    data: &[u8],
    n: usize,
) -> Vec<u8> {
    let mut h = X::default();
    h.update(data);
    let mut out = vec![0u8; n];
    sha3::digest::ExtendableOutput::finalize_xof_into(h, &mut out);
    out
}

fn u64_of(ts: &ThreadState, v: &Value) -> PyResult<u64> {
    let b = protocols::number_to_int(ts, v)?;
    u64::try_from(&b).map_err(|_| ts.overflow_error("node_offset is too large"))
}

fn int_of(ts: &ThreadState, v: &Value) -> PyResult<i64> {
    protocols::index_i64(ts, v)
}

/// `_digest(name, buf, params, hex)`: the digest of everything buffered so far.
fn digest(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let [name, buf, params, hex] = a.parse::<4>(ts, "digest", &["", "", "", ""], 4)?;
    let name = vm::objects::str::str_lossy(&name.unwrap_or_else(none));
    let data = buffer(ts, &buf.unwrap_or_else(none))?;
    let params = params.unwrap_or_else(none);
    let out = match name.as_str() {
        "md5" => one_shot::<md5::Md5>(&data),
        "sha1" => one_shot::<sha1::Sha1>(&data),
        "sha224" => one_shot::<sha2::Sha224>(&data),
        "sha256" => one_shot::<sha2::Sha256>(&data),
        "sha384" => one_shot::<sha2::Sha384>(&data),
        "sha512" => one_shot::<sha2::Sha512>(&data),
        "sha3_224" => one_shot::<sha3::Sha3_224>(&data),
        "sha3_256" => one_shot::<sha3::Sha3_256>(&data),
        "sha3_384" => one_shot::<sha3::Sha3_384>(&data),
        "sha3_512" => one_shot::<sha3::Sha3_512>(&data),
        "shake_128" | "shake_256" => {
            let n = int_of(ts, &params)?;
            if n < 0 {
                return Err(ts.value_error("negative digest length"));
            }
            if n >= 1 << 29 {
                return Err(ts.value_error("digest length is too large"));
            }
            if name == "shake_128" {
                xof::<sha3::Shake128>(&data, n as usize)
            } else {
                xof::<sha3::Shake256>(&data, n as usize)
            }
        }
        "blake2b" | "blake2s" => {
            let t = params.as_tuple_slice().to_vec();
            if t.len() != 11 {
                return Err(ts.type_error("hash state is corrupted"));
            }
            let key = buffer(ts, &t[1])?;
            let salt = buffer(ts, &t[2])?;
            let person = buffer(ts, &t[3])?;
            let p = blake2::Params {
                digest_size: int_of(ts, &t[0])? as usize,
                key: &key,
                salt: &salt,
                person: &person,
                fanout: int_of(ts, &t[4])? as u8,
                depth: int_of(ts, &t[5])? as u8,
                leaf_size: int_of(ts, &t[6])? as u32,
                node_offset: u64_of(ts, &t[7])?,
                node_depth: int_of(ts, &t[8])? as u8,
                inner_size: int_of(ts, &t[9])? as u8,
                last_node: protocols::is_true(ts, &t[10])?,
            };
            if name == "blake2b" {
                blake2::blake2b(&data, &p)
            } else {
                blake2::blake2s(&data, &p)
            }
        }
        _ => return Err(ts.value_error(format!("unsupported hash type {name}"))),
    };
    if protocols::is_true(ts, &hex.unwrap_or_else(none))? {
        let s: String = out.iter().map(|b| format!("{b:02x}")).collect();
        return Ok(ts.new_str(&s));
    }
    Ok(new_bytes(ts, out))
}
