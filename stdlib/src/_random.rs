//! `_random`: the Mersenne Twister behind `random.Random`, bit-for-bit CPython's
//! (`Modules/_randommodule.c`, after Matsumoto and Nishimura's `mt19937ar.c`).
//!
//! The VM has no public way yet for a stdlib module to define a native type, so the
//! `Random` class is a small Python class (source below, run in the module's namespace)
//! whose state is a 2500-byte `bytearray` (624 state words, then the index, little-endian)
//! mutated in place by the native helpers `_mt_*`.

use vm::builtins::args::MethodArgs;
use vm::builtins::modules::{new_native_module, NativeInit};
use vm::objects::bytes::PyByteArray;
use vm::objects::int::{as_int, IntVal};
use vm::runtime::none;
use vm::{protocols, PyResult, ThreadState, Value};

/// The module's initializer.
pub const init: Option<NativeInit> = Some(random_init);

const N: usize = 624;
const M: usize = 397;
const STATE_BYTES: usize = (N + 1) * 4;

const SOURCE: &str = r#"
class Random:
    """Random() -> create a random number generator with its own internal state."""
    __slots__ = ('_mt_state', '__dict__')
    def __new__(cls, *args, **kwargs):
        if cls is Random and kwargs:
            raise TypeError('Random() takes no keyword arguments')
        if cls is Random and len(args) > 1:
            raise TypeError(f'Random() expected at most 1 argument, got {len(args)}')
        self = object.__new__(cls)
        self._mt_state = bytearray(2500)
        _mt_seed(self._mt_state, args[0] if args else None)
        return self
    def seed(self, n=None, /):
        """seed([n]) -> None.  Defaults to use urandom and falls back to a combination
of the current time and the process identifier."""
        _mt_seed(self._mt_state, n)
    def random(self):
        """random() -> x in the interval [0, 1)."""
        return _mt_random(self._mt_state)
    def getrandbits(self, k, /):
        """getrandbits(k) -> x.  Generates an int with k random bits."""
        return _mt_getrandbits(self._mt_state, k)
    def getstate(self):
        """getstate() -> tuple containing the current state."""
        return _mt_getstate(self._mt_state)
    def setstate(self, state, /):
        """setstate(state) -> None.  Restores generator state."""
        _mt_setstate(self._mt_state, state)
"#;

/// Runs Python `src` in the namespace `d` (the module's dict).
pub(crate) fn exec_in(ts: &ThreadState, src: &str, d: &Value) -> PyResult<()> {
    crate::pysource::exec_in_module(ts, src, d)
}

fn random_init(ts: &ThreadState) -> PyResult<Value> {
    let (m, d) = new_native_module(
        ts,
        "_random",
        &[
            ("_mt_seed", mt_seed),
            ("_mt_random", mt_random),
            ("_mt_getrandbits", mt_getrandbits),
            ("_mt_getstate", mt_getstate),
            ("_mt_setstate", mt_setstate),
        ],
    )?;
    exec_in(ts, SOURCE, &d)?;
    Ok(m)
}

/// The generator state, unpacked from / packed into its bytearray.
struct Mt {
    st: [u32; N],
    index: usize,
}

impl Mt {
    fn load(b: &[u8]) -> Mt {
        let mut st = [0u32; N];
        for (i, w) in st.iter_mut().enumerate() {
            *w = word(b, i);
        }
        Mt {
            st,
            index: (word(b, N) as usize).min(N),
        }
    }

    fn store(&self, b: &mut [u8]) {
        for (i, w) in self.st.iter().enumerate() {
            b[i * 4..i * 4 + 4].copy_from_slice(&w.to_le_bytes());
        }
        b[N * 4..N * 4 + 4].copy_from_slice(&(self.index as u32).to_le_bytes());
    }

    fn init_genrand(&mut self, s: u32) {
        self.st[0] = s;
        for i in 1..N {
            let prev = self.st[i - 1];
            self.st[i] = 1812433253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let (mut i, mut j) = (1usize, 0usize);
        let klen = key.len().max(1);
        for _ in 0..N.max(klen) {
            let prev = self.st[i - 1];
            let k = key.get(j).copied().unwrap_or(0);
            self.st[i] = (self.st[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1664525))
                .wrapping_add(k)
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.st[0] = self.st[N - 1];
                i = 1;
            }
            if j >= klen {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.st[i - 1];
            self.st[i] = (self.st[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1566083941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.st[0] = self.st[N - 1];
                i = 1;
            }
        }
        self.st[0] = 0x8000_0000;
        self.index = N;
    }

    fn genrand(&mut self) -> u32 {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        const MATRIX_A: u32 = 0x9908_b0df;
        if self.index >= N {
            for kk in 0..N {
                let y = (self.st[kk] & UPPER) | (self.st[(kk + 1) % N] & LOWER);
                let mag = if y & 1 != 0 { MATRIX_A } else { 0 };
                self.st[kk] = self.st[(kk + M) % N] ^ (y >> 1) ^ mag;
            }
            self.index = 0;
        }
        let mut y = self.st[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }
}

fn word(b: &[u8], i: usize) -> u32 {
    let mut w = [0u8; 4];
    if let Some(s) = b.get(i * 4..i * 4 + 4) {
        w.copy_from_slice(s);
    }
    u32::from_le_bytes(w)
}

/// Runs `f` on the generator held by the bytearray `v`, writing the state back.
fn with_mt<R>(ts: &ThreadState, v: &Value, f: impl FnOnce(&mut Mt) -> R) -> PyResult<R> {
    let ba = v
        .downcast::<PyByteArray>()
        .ok_or_else(|| ts.type_error("Random state is corrupted"))?;
    let mut g = match ba.data.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    if g.len() != STATE_BYTES {
        g.resize(STATE_BYTES, 0);
    }
    let mut mt = Mt::load(&g);
    let r = f(&mut mt);
    mt.store(&mut g);
    Ok(r)
}

fn args2(ts: &ThreadState, a: &MethodArgs<'_>, name: &str) -> PyResult<(Value, Value)> {
    let [s, x] = a.parse::<2>(ts, name, &["", ""], 1)?;
    Ok((s.unwrap_or_else(none), x.unwrap_or_else(none)))
}

fn os_random_key() -> Vec<u32> {
    use std::io::Read;
    let mut buf = [0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok();
    if ok {
        return buf
            .chunks(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
    }
    // Fallback as CPython's: time and pid.
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    vec![
        t as u32,
        (t >> 32) as u32,
        std::process::id(),
        std::time::Instant::now().elapsed().as_nanos() as u32,
    ]
}

fn mt_seed(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (st, n) = args2(ts, &a, "seed")?;
    let key: Vec<u32> = if n.is_none() {
        os_random_key()
    } else {
        let big = match as_int(&n) {
            Some(i) => i.to_big(),
            None => {
                let h = protocols::hash(ts, &n)?;
                num_bigint::BigInt::from(h as u64)
            }
        };
        let (_, mut digits) = big.to_u32_digits();
        if digits.is_empty() {
            digits.push(0);
        }
        digits
    };
    with_mt(ts, &st, |mt| mt.init_by_array(&key))?;
    Ok(none())
}

fn mt_random(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (st, _) = args2(ts, &a, "random")?;
    let x = with_mt(ts, &st, |mt| {
        let a = mt.genrand() >> 5;
        let b = mt.genrand() >> 6;
        (a as f64 * 67108864.0 + b as f64) * (1.0 / 9007199254740992.0)
    })?;
    Ok(ts.new_float(x))
}

fn mt_getrandbits(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (st, k) = args2(ts, &a, "getrandbits")?;
    let k = protocols::index_i64(ts, &k)?;
    if k < 0 {
        return Err(ts.value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return Ok(ts.new_int(0));
    }
    if k <= 32 {
        let r = with_mt(ts, &st, |mt| mt.genrand() >> (32 - k))?;
        return Ok(ts.new_int(r as i64));
    }
    let words = ((k - 1) / 32 + 1) as usize;
    let digits = with_mt(ts, &st, |mt| {
        let mut left = k;
        let mut out = Vec::with_capacity(words);
        for _ in 0..words {
            let mut r = mt.genrand();
            if left < 32 {
                r >>= 32 - left;
            }
            out.push(r);
            left -= 32;
        }
        out
    })?;
    Ok(ts.new_bigint(num_bigint::BigInt::from_slice(
        num_bigint::Sign::Plus,
        &digits,
    )))
}

fn mt_getstate(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (st, _) = args2(ts, &a, "getstate")?;
    let items = with_mt(ts, &st, |mt| {
        let mut v: Vec<i64> = mt.st.iter().map(|&w| w as i64).collect();
        v.push(mt.index as i64);
        v
    })?;
    Ok(ts.new_tuple(items.into_iter().map(|i| ts.new_int(i)).collect()))
}

fn mt_setstate(ts: &ThreadState, a: MethodArgs<'_>) -> PyResult<Value> {
    let (st, state) = args2(ts, &a, "setstate")?;
    if state.downcast::<vm::objects::tuple::PyTuple>().is_none() {
        return Err(ts.type_error("state vector must be a tuple"));
    }
    let items = state.as_tuple_slice().to_vec();
    if items.len() != N + 1 {
        return Err(ts.value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; N];
    for (w, v) in words.iter_mut().zip(&items) {
        *w = match as_int(v) {
            Some(IntVal::Small(i)) if (0..=u32::MAX as i64).contains(&i) => i as u32,
            Some(_) => {
                return Err(ts.overflow_error("Python int too large to convert to C unsigned long"))
            }
            None => return Err(ts.type_error("state vector items must be integers")),
        };
    }
    let index = protocols::index_i64(ts, &items[N])?;
    if !(0..=N as i64).contains(&index) {
        return Err(ts.value_error("invalid state"));
    }
    with_mt(ts, &st, |mt| {
        mt.st = words;
        mt.index = index as usize;
    })?;
    Ok(none())
}
