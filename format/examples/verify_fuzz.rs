//! Mutation fuzzer for the verifier: `cargo run -p format --example verify_fuzz -- N a.pyb ...`
//! decodes every module of the given files and, N times per code object, verifies a randomly
//! mutated copy (code bytes, arguments, exception and line tables, counts). A panic is a bug;
//! the summary counts how many mutants were still accepted.

use format::code::{CodeObject, Constant};
use format::container::{decode_code, encode_code, PybFile};
use format::verify::verify_code;
use std::path::Path;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            self.next() as usize % n
        }
    }
}

fn collect<'a>(c: &'a CodeObject, out: &mut Vec<&'a CodeObject>) {
    out.push(c);
    let mut stack: Vec<&Constant> = c.consts.iter().collect();
    while let Some(k) = stack.pop() {
        match k {
            Constant::Code(inner) => collect(inner, out),
            Constant::Tuple(v) | Constant::FrozenSet(v) => stack.extend(v.iter()),
            _ => {}
        }
    }
}

fn mutate(c: &mut CodeObject, r: &mut Lcg) {
    let n = c.code.len();
    match r.next() % 10 {
        0..=3 if n > 0 => {
            let i = r.below(n);
            c.code[i] = r.next() as u8;
        }
        4 if n > 1 => {
            let i = r.below(n / 2) * 2 + 1;
            c.code[i] = c.code[i].wrapping_add(1 + (r.next() % 3) as u8);
        }
        5 if !c.exceptiontable.is_empty() => {
            let k = r.below(c.exceptiontable.len());
            let e = &mut c.exceptiontable[k];
            match r.next() % 5 {
                0 => e.start = e.start.wrapping_add(r.next() % 3).wrapping_sub(1),
                1 => e.end = e.end.wrapping_add(r.next() % 3).wrapping_sub(1),
                2 => e.target = e.target.wrapping_add(r.next() % 5).wrapping_sub(2),
                3 => e.depth = e.depth.wrapping_add(r.next() % 3).wrapping_sub(1),
                _ => e.lasti = !e.lasti,
            }
        }
        6 => c.stacksize = c.stacksize.wrapping_add(r.next() % 3).wrapping_sub(1),
        7 if n > 2 => {
            let cut = r.below(n);
            c.code.truncate(cut);
        }
        8 if n > 3 => {
            // swap two instructions
            let (i, j) = (r.below(n / 2) * 2, r.below(n / 2) * 2);
            c.code.swap(i, j);
            c.code.swap(i + 1, j + 1);
        }
        _ => {
            let blob = encode_code(c);
            if !blob.is_empty() {
                let mut b = blob;
                let i = r.below(b.len());
                b[i] ^= 1 << (r.next() % 8);
                if let Ok(d) = decode_code(&b) {
                    *c = d;
                }
            }
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let iters: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let mut r = Lcg(0x5eed);
    let (mut total, mut accepted) = (0usize, 0usize);
    for path in args {
        let Ok(f) = PybFile::open(Path::new(&path)) else { continue };
        for m in 0..f.table.modules.len() {
            let Ok(root) = f.load_module(m) else { continue };
            let mut codes = Vec::new();
            collect(&root, &mut codes);
            for c in codes {
                for _ in 0..iters {
                    let mut x = c.clone();
                    for _ in 0..1 + r.next() % 3 {
                        mutate(&mut x, &mut r);
                    }
                    total += 1;
                    if verify_code(&x).is_ok() {
                        accepted += 1;
                    }
                }
            }
        }
    }
    println!("{total} mutants verified without panic, {accepted} accepted");
}
