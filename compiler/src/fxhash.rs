//! A small, fast, non-cryptographic hasher for the compiler's internal maps (the "Fx" hash
//! used by rustc: rotate, xor, multiply per word). The keys are node addresses and
//! constant fingerprints computed by the compiler itself, so resistance to hash flooding
//! (what `std`'s SipHash buys) is not needed, and SipHash cost ~2% of `pyc check`.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Fx hasher state: one word, mixed with each written word.
#[derive(Clone, Copy, Default)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` using [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    fn h<T: Hash + ?Sized>(t: &T) -> u64 {
        let mut s = FxHasher::default();
        t.hash(&mut s);
        s.finish()
    }

    #[test]
    fn distinguishes_close_keys() {
        assert_ne!(h("ab"), h("ba"));
        assert_ne!(h(&[0u8; 3][..]), h(&[0u8; 4][..]));
        assert_ne!(h(&1usize), h(&2usize));
        let mut m: FxHashMap<usize, u32> = FxHashMap::default();
        for i in 0..1000 {
            m.insert(i * 8, i as u32);
        }
        assert_eq!(m.len(), 1000);
        assert_eq!(m[&(8 * 999)], 999);
    }
}
