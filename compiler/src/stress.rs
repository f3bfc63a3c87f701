//! Robustness sweeps: damaged versions of real source files (truncated at many cut points,
//! lines shuffled) are pushed through every compiler stage, and any panic is reported.
//!
//! The rule is that no input makes `pyc` panic: every stage either succeeds or returns a
//! `SyntaxError`. Used by the `stress_sweep` example (big sweeps over a source tree) and by
//! `tests/robustness.rs` (a small deterministic sweep in `cargo test`).

use std::sync::atomic::{AtomicUsize, Ordering};

/// A tiny deterministic PRNG (xorshift64*), so sweeps are reproducible from a seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed` (any value; 0 is remapped).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// The next pseudo-random 64-bit value.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A value in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Damaged variants of `src`: `cuts` truncations at evenly spread byte offsets (plus offsets
/// just before and after each of a few random points, so cuts land inside tokens, strings and
/// multi-byte characters), and `shuffles` versions with lines permuted -- a full shuffle, and
/// swaps of a few random line pairs (which keeps most of the structure intact).
pub fn variants(src: &[u8], cuts: usize, shuffles: usize, seed: u64) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(seed ^ src.len() as u64);
    let mut out = Vec::new();
    if !src.is_empty() {
        for i in 1..=cuts {
            let at = src.len() * i / (cuts + 1);
            out.push(src[..at].to_vec());
        }
        for _ in 0..cuts.min(8) {
            let at = rng.below(src.len());
            for d in [0usize, 1, 2] {
                out.push(src[..(at + d).min(src.len())].to_vec());
            }
        }
    }
    let lines: Vec<&[u8]> = src.split_inclusive(|&b| b == b'\n').collect();
    if lines.len() > 1 {
        for k in 0..shuffles {
            let mut v = lines.clone();
            if k == 0 {
                for i in (1..v.len()).rev() {
                    let j = rng.below(i + 1);
                    v.swap(i, j);
                }
            } else {
                for _ in 0..1 + k % 4 {
                    let (a, b) = (rng.below(v.len()), rng.below(v.len()));
                    v.swap(a, b);
                }
            }
            out.push(v.concat());
        }
    }
    out
}

/// How one input fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every stage finished (with or without a syntax error).
    Ok,
    /// A stage panicked; the string names the stage.
    Panic(&'static str),
}

static PANICS: AtomicUsize = AtomicUsize::new(0);

/// Installs (once) a panic hook that counts panics instead of printing them; the parser runs
/// on its own thread and turns a panic there into an `internal parser error`, so this count
/// is how such panics are still detected.
pub fn install_quiet_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|_| {
            PANICS.fetch_add(1, Ordering::SeqCst);
        }));
    });
}

/// Total number of panics seen since [`install_quiet_panic_hook`] (all threads).
pub fn panic_count() -> usize {
    PANICS.load(Ordering::SeqCst)
}

/// Runs `bytes` through every stage: `tokens` (`pyc tokens` and `tokens -e`), `ast` (decode,
/// parse, dump with and without positions), `symtable` (build and dump) and `compile`
/// (the whole pipeline to a code object). Call from a thread with a large stack (the code
/// generator recurses over the tree); call [`install_quiet_panic_hook`] first.
pub fn run_all_stages(bytes: &[u8], filename: &str) -> Outcome {
    use std::panic::catch_unwind;
    let internal = |e: &crate::SyntaxError| e.msg == "internal parser error";
    if catch_unwind(|| {
        let _ = crate::tokens_dump::dump_tokens(bytes, filename, false);
        let _ = crate::tokens_dump::dump_tokens(bytes, filename, true);
    })
    .is_err()
    {
        return Outcome::Panic("tokens");
    }
    let parsed = catch_unwind(|| {
        let src = crate::source::decode_source(bytes, filename).ok()?;
        match crate::parser::parse_module(&src, filename) {
            Ok(m) => Some(Ok(m)),
            Err(e) => Some(Err(e)),
        }
    });
    let module = match parsed {
        Err(_) => return Outcome::Panic("parse"),
        Ok(Some(Err(e))) if internal(&e) => return Outcome::Panic("parse"),
        Ok(Some(Ok(m))) => m,
        Ok(_) => return Outcome::Ok,
    };
    if catch_unwind(|| {
        let _ = crate::ast_dump::dump_module(&module, true);
        let _ = crate::ast_dump::dump_module(&module, false);
    })
    .is_err()
    {
        return Outcome::Panic("ast dump");
    }
    if catch_unwind(|| {
        if let Ok(t) = crate::symtable::build(&module) {
            let _ = crate::symtable_dump::dump_symtable(&t);
        }
    })
    .is_err()
    {
        return Outcome::Panic("symtable");
    }
    if catch_unwind(|| crate::compile::compile_source(bytes, filename)).is_err() {
        return Outcome::Panic("compile");
    }
    Outcome::Ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_deterministic_and_damaged() {
        let src = b"def f(x):\n    return x + 1\n\nclass C:\n    pass\n";
        let a = variants(src, 5, 3, 7);
        assert_eq!(a, variants(src, 5, 3, 7));
        assert_eq!(a.len(), 5 + 5 * 3 + 3);
        assert!(a[..5].iter().all(|v| v.len() < src.len() && src.starts_with(v)));
        let shuffled = &a[a.len() - 3];
        let mut x: Vec<_> = shuffled.split_inclusive(|&b| b == b'\n').collect();
        let mut y: Vec<_> = src.split_inclusive(|&b| b == b'\n').collect();
        x.sort();
        y.sort();
        assert_eq!(x, y);
    }
}
