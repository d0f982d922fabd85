//! BLAKE2b and BLAKE2s (RFC 7693) with the full parameter block CPython's `_blake2` takes
//! (key, salt, person, fanout, depth, leaf_size, node_offset, node_depth, inner_size,
//! last_node), which the RustCrypto `blake2` crate does not expose all of.

/// The parameters of one BLAKE2 hash (sizes already checked by the caller).
pub struct Params<'a> {
    pub digest_size: usize,
    pub key: &'a [u8],
    pub salt: &'a [u8],
    pub person: &'a [u8],
    pub fanout: u8,
    pub depth: u8,
    pub leaf_size: u32,
    pub node_offset: u64,
    pub node_depth: u8,
    pub inner_size: u8,
    pub last_node: bool,
}

const SIGMA: [[usize; 16]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

macro_rules! blake2_impl {
    ($name:ident, $w:ty, $bytes:expr, $rounds:expr, $iv:expr, $r:expr, $salt_len:expr, $off_len:expr) => {
        /// One-shot hash of `data` with `p`.
        pub fn $name(data: &[u8], p: &Params<'_>) -> Vec<u8> {
            const WB: usize = std::mem::size_of::<$w>();
            const BLOCK: usize = 16 * WB;
            let iv: [$w; 8] = $iv;
            // The parameter block, as bytes.
            let mut pb = [0u8; 8 * WB];
            pb[0] = p.digest_size as u8;
            pb[1] = p.key.len() as u8;
            pb[2] = p.fanout;
            pb[3] = p.depth;
            pb[4..8].copy_from_slice(&p.leaf_size.to_le_bytes());
            pb[8..8 + $off_len].copy_from_slice(&p.node_offset.to_le_bytes()[..$off_len]);
            pb[8 + $off_len] = p.node_depth;
            pb[9 + $off_len] = p.inner_size;
            let salt_at = 8 * WB - 2 * $salt_len;
            pb[salt_at..salt_at + p.salt.len()].copy_from_slice(p.salt);
            let person_at = 8 * WB - $salt_len;
            pb[person_at..person_at + p.person.len()].copy_from_slice(p.person);
            let mut h = iv;
            for (i, hw) in h.iter_mut().enumerate() {
                let mut b = [0u8; WB];
                b.copy_from_slice(&pb[i * WB..(i + 1) * WB]);
                *hw ^= <$w>::from_le_bytes(b);
            }
            let compress = |h: &mut [$w; 8], block: &[u8], t: u128, last: bool| {
                let mut m = [0 as $w; 16];
                for (i, mw) in m.iter_mut().enumerate() {
                    let mut b = [0u8; WB];
                    b.copy_from_slice(&block[i * WB..(i + 1) * WB]);
                    *mw = <$w>::from_le_bytes(b);
                }
                let mut v = [0 as $w; 16];
                v[..8].copy_from_slice(h);
                v[8..].copy_from_slice(&iv);
                v[12] ^= t as $w;
                v[13] ^= (t >> (8 * WB)) as $w;
                if last {
                    v[14] = !v[14];
                    if p.last_node {
                        v[15] = !v[15];
                    }
                }
                let g = |v: &mut [$w; 16], a: usize, b: usize, c: usize, d: usize, x: $w, y: $w| {
                    v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
                    v[d] = (v[d] ^ v[a]).rotate_right($r[0]);
                    v[c] = v[c].wrapping_add(v[d]);
                    v[b] = (v[b] ^ v[c]).rotate_right($r[1]);
                    v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
                    v[d] = (v[d] ^ v[a]).rotate_right($r[2]);
                    v[c] = v[c].wrapping_add(v[d]);
                    v[b] = (v[b] ^ v[c]).rotate_right($r[3]);
                };
                for r in 0..$rounds {
                    let s = &SIGMA[r % 10];
                    g(&mut v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
                    g(&mut v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
                    g(&mut v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
                    g(&mut v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
                    g(&mut v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
                    g(&mut v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
                    g(&mut v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
                    g(&mut v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
                }
                for i in 0..8 {
                    h[i] ^= v[i] ^ v[i + 8];
                }
            };
            let mut msg = Vec::with_capacity(data.len() + BLOCK);
            if !p.key.is_empty() {
                let mut kb = [0u8; BLOCK];
                kb[..p.key.len()].copy_from_slice(p.key);
                msg.extend_from_slice(&kb);
            }
            msg.extend_from_slice(data);
            let n = msg.len();
            let mut t: u128 = 0;
            let mut off = 0;
            while n - off > BLOCK {
                t += BLOCK as u128;
                compress(&mut h, &msg[off..off + BLOCK], t, false);
                off += BLOCK;
            }
            let mut last = [0u8; BLOCK];
            last[..n - off].copy_from_slice(&msg[off..]);
            t += (n - off) as u128;
            compress(&mut h, &last, t, true);
            let mut out = Vec::with_capacity(8 * WB);
            for w in h {
                out.extend_from_slice(&w.to_le_bytes());
            }
            out.truncate(p.digest_size);
            out
        }
    };
}

blake2_impl!(
    blake2b,
    u64,
    8,
    12,
    [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179
    ],
    [32, 24, 16, 63],
    16,
    8
);

blake2_impl!(
    blake2s,
    u32,
    4,
    10,
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19
    ],
    [16, 12, 8, 7],
    8,
    6
);
