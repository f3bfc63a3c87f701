//! Robustness sweep: `cargo run --release -p compiler --example stress_sweep -- [--cuts N]
//! [--shuffles N] [--seed S] [--jobs J] PATH...`
//!
//! For every `.py` file under the PATHs, builds damaged variants (truncated at N evenly
//! spread cut points plus random ones, and line-shuffled; see `compiler::stress::variants`)
//! and runs each through every stage (tokens, parse, AST dump, symbol table, code
//! generation). Prints each input that panicked or took over a second (saved under
//! `$STRESS_OUT`, default `/tmp/pyc-stress`), then a summary line; exits 1 on any panic.
use compiler::stress::{install_quiet_panic_hook, panic_count, run_all_stages, variants, Outcome};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut cuts, mut shuffles, mut seed, mut jobs) = (40usize, 6usize, 1u64, 0usize);
    let mut paths = Vec::new();
    while let Some(a) = args.next() {
        let mut num = || args.next().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        match a.as_str() {
            "--cuts" => cuts = num() as usize,
            "--shuffles" => shuffles = num() as usize,
            "--seed" => seed = num(),
            "--jobs" => jobs = num() as usize,
            _ => paths.push(PathBuf::from(a)),
        }
    }
    let files = compiler::check::collect_files(&paths);
    if jobs == 0 {
        jobs = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    }
    let out_dir = PathBuf::from(std::env::var("STRESS_OUT").unwrap_or_else(|_| "/tmp/pyc-stress".into()));
    install_quiet_panic_hook();
    let start = Instant::now();
    let next = AtomicUsize::new(0);
    let inputs = AtomicUsize::new(0);
    let bad = Mutex::new(Vec::<String>::new());
    std::thread::scope(|sc| {
        for _ in 0..jobs {
            let _ = std::thread::Builder::new().stack_size(256 << 20).spawn_scoped(sc, || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(f) = files.get(i) else { break };
                let Ok(src) = std::fs::read(f) else { continue };
                for (k, v) in variants(&src, cuts, shuffles, seed).iter().enumerate() {
                    inputs.fetch_add(1, Ordering::Relaxed);
                    let t = Instant::now();
                    let r = run_all_stages(v, "stress.py");
                    let secs = t.elapsed().as_secs_f64();
                    let panicked = r != Outcome::Ok;
                    if panicked || secs > 1.0 {
                        let _ = std::fs::create_dir_all(&out_dir);
                        let name = format!("{}-{k}.py", f.file_stem().unwrap_or_default().to_string_lossy());
                        let _ = std::fs::write(out_dir.join(&name), v);
                        let what = if panicked { format!("PANIC {r:?}") } else { format!("SLOW {secs:.2}s") };
                        let line =
                            format!("{what}: {} variant {k} (saved as {})", f.display(), out_dir.join(&name).display());
                        println!("{line}");
                        bad.lock().unwrap().push(line);
                    }
                }
            });
        }
    });
    let bad = bad.into_inner().unwrap();
    let panics = bad.iter().filter(|l| l.starts_with("PANIC")).count();
    println!(
        "{} panic hook calls; {} files, {} inputs, {} panics, {} slow (>1 s), {:.1}s",
        panic_count(),
        files.len(),
        inputs.load(Ordering::Relaxed),
        panics,
        bad.len() - panics,
        start.elapsed().as_secs_f64()
    );
    std::process::exit(if panics > 0 { 1 } else { 0 });
}
