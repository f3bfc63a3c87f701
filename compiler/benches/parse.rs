//! Front-end throughput benchmark (`harness = false`, no extra crates):
//!
//! ```text
//! cargo bench -p compiler --bench parse [-- DIR...]
//! ```
//!
//! Loads every `.py` file under DIR (default: CPython's standard library directory if
//! `python3` is on PATH, else the checked-in test data) into memory, then times each stage
//! single-threaded over the whole corpus -- decode (PEP 263), tokenize, parse (tokenize + AST),
//! symbol table, and the full pipeline to code objects -- and prints wall and thread-CPU time and MB/s per stage, best of
//! `BENCH_ROUNDS` runs (default 3). Files the compiler rejects are counted and skipped.
use compiler::{codegen, lexer, parser, source, symtable};

// mimalloc, as in the `pyc` binary (which also takes `mi_malloc` directly for word-aligned
// layouts), so the numbers are close to what `pyc check` sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn default_corpus() -> Vec<PathBuf> {
    let out = std::process::Command::new("python3")
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        .output();
    if let Ok(o) = out {
        let p = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
        if o.status.success() && p.is_dir() {
            return vec![p];
        }
    }
    vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")]
}

/// CPU time of the calling thread (Linux `/proc/thread-self/schedstat`, nanoseconds on CPU);
/// `None` elsewhere. On a shared machine this is steadier than wall time.
fn thread_cpu() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(s.split_whitespace().next()?.parse().ok()?))
}

/// Best (wall, CPU) time of `rounds` runs of `f` (CPU falls back to wall when unavailable).
fn best<T>(rounds: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut b = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds.max(1) {
        let (t, c) = (Instant::now(), thread_cpu());
        std::hint::black_box(f());
        let wall = t.elapsed();
        let cpu = match (c, thread_cpu()) {
            (Some(a), Some(z)) => z.saturating_sub(a),
            _ => wall,
        };
        b = (b.0.min(wall), b.1.min(cpu));
    }
    b
}

fn main() {
    let args: Vec<PathBuf> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).map(PathBuf::from).collect();
    let dirs = if args.is_empty() { default_corpus() } else { args };
    // The standard library's site-packages is not part of the corpus.
    let files: Vec<PathBuf> = compiler::check::collect_files(&dirs)
        .into_iter()
        .filter(|p| !p.components().any(|c| c.as_os_str() == "site-packages"))
        .collect();
    let rounds: usize = std::env::var("BENCH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    let std_thread = std::thread::Builder::new().stack_size(512 << 20);
    let h = std_thread
        .spawn(move || {
            // Parse on this thread (it has a big stack), so its CPU time is measured.
            parser::set_big_stack(true);
            let bytes: Vec<(String, Vec<u8>)> =
                files.iter().filter_map(|f| Some((f.to_string_lossy().into_owned(), std::fs::read(f).ok()?))).collect();
            let total: usize = bytes.iter().map(|(_, b)| b.len()).sum();
            let texts: Vec<(String, String)> =
                bytes.iter().filter_map(|(n, b)| Some((n.clone(), source::decode_source(b, n).ok()?))).collect();
            let modules: Vec<_> =
                texts.iter().filter_map(|(n, t)| parser::parse_module(t, n).ok().map(|m| (n, t, m))).collect();
            println!(
                "corpus: {} files, {:.1} MB ({} decode, {} parse with errors); {} rounds, best time",
                bytes.len(),
                total as f64 / 1e6,
                bytes.len() - texts.len(),
                texts.len() - modules.len(),
                rounds
            );
            let mb = total as f64 / 1e6;
            println!("{:<28} {:>9} {:>10} {:>9} {:>10}", "stage", "wall", "MB/s", "cpu", "MB/s(cpu)");
            let report = |name: &str, (w, c): (Duration, Duration)| {
                let (w, c) = (w.as_secs_f64(), c.as_secs_f64());
                println!("{name:<28} {w:>8.3}s {:>10.1} {c:>8.3}s {:>10.1}", mb / w, mb / c);
            };
            report(
                "decode",
                best(rounds, || bytes.iter().map(|(n, b)| source::decode_source(b, n).is_ok() as usize).sum::<usize>()),
            );
            report(
                "tokenize",
                best(rounds, || texts.iter().map(|(_, t)| lexer::tokenize(t).tokens.len()).sum::<usize>()),
            );
            report(
                "parse (tokenize + AST)",
                best(rounds, || texts.iter().filter(|(n, t)| parser::parse_module(t, n).is_ok()).count()),
            );
            report("symtable", best(rounds, || modules.iter().filter(|(_, _, m)| symtable::build(m).is_ok()).count()));
            report(
                "symtable + codegen",
                best(rounds, || modules.iter().filter(|(n, t, m)| codegen::compile_module(m, n, t).is_ok()).count()),
            );
            report(
                "whole pipeline (bytes->code)",
                best(rounds, || bytes.iter().filter(|(n, b)| compiler::compile::compile_source(b, n).is_ok()).count()),
            );
        })
        .expect("thread");
    let _ = h.join();
}
