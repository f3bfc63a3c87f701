//! No input makes the compiler panic: a small deterministic sweep of truncated and
//! line-shuffled versions of the checked-in test programs through every stage, plus
//! edge-case inputs kept as regression tests (tests/data/robust/*.py: cuts inside f-strings,
//! strings, UTF-8 sequences, patterns, comprehensions; mixed tabs; deep nesting).
use compiler::stress::{install_quiet_panic_hook, run_all_stages, variants, Outcome};
use std::path::Path;

fn sources() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut v =
        compiler::check::collect_files(&[root.join("codegen"), root.join("frontend/valid"), root.join("symtable")]);
    v.truncate(40);
    v
}

fn on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|sc| {
        std::thread::Builder::new().stack_size(256 << 20).spawn_scoped(sc, f).unwrap().join().unwrap()
    })
}

#[test]
fn truncated_and_shuffled_inputs_do_not_panic() {
    install_quiet_panic_hook();
    let files = sources();
    assert!(files.len() >= 5, "test data missing");
    let bad = on_big_stack(|| {
        let mut bad = Vec::new();
        let mut n = 0;
        for f in &files {
            let src = std::fs::read(f).unwrap();
            for (k, v) in variants(&src, 12, 3, 1).iter().enumerate() {
                n += 1;
                if let Outcome::Panic(stage) = run_all_stages(v, "t.py") {
                    bad.push(format!("{} variant {k}: panic in {stage}", f.display()));
                }
            }
        }
        assert!(n > 500, "only {n} inputs");
        bad
    });
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn regression_inputs_do_not_panic() {
    install_quiet_panic_hook();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/robust");
    let files = compiler::check::collect_files(&[dir]);
    let bad = on_big_stack(|| {
        files
            .iter()
            .filter(|f| run_all_stages(&std::fs::read(f).unwrap(), "t.py") != Outcome::Ok)
            .map(|f| f.display().to_string())
            .collect::<Vec<_>>()
    });
    assert!(bad.is_empty(), "{bad:?}");
}
