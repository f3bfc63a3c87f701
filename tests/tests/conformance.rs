//! Conformance: programs whose expected stdout, exit status and last stderr line came from
//! CPython 3.11, compiled with `pyc` and run with `pvm`.
//!
//! Two corpora: the project's own `tests/cases` and, when present beside the checkout,
//! `../shared/conformance/cases`. Each corpus has a ratchet file `tests/passing/<corpus>.txt`
//! listing the cases known to pass: any of them failing fails the test (a regression); cases
//! that pass but are not listed are printed so the list can be extended
//! (`UPDATE_PASSING=1 cargo test -p tests --test conformance` rewrites the lists).

use std::path::{Path, PathBuf};
use tests::{bin, check_case, list_cases, par_map};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run_corpus(name: &str, root: &Path) {
    let ids = list_cases(root);
    assert!(!ids.is_empty(), "no cases under {}", root.display());
    let (pyc, pvm) = (bin("pyc"), bin("pvm"));
    let filter = std::env::var("CASE").unwrap_or_default();
    let ids: Vec<String> = ids.into_iter().filter(|i| i.contains(&filter)).collect();
    let jobs = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let results = par_map(&ids, jobs, |id| check_case(root, id, &pyc, &pvm));
    let list_path = manifest().join("passing").join(format!("{name}.txt"));
    let listed: Vec<String> = std::fs::read_to_string(&list_path)
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut passed = Vec::new();
    let mut regressions = Vec::new();
    let mut failed = 0;
    for (id, r) in ids.iter().zip(&results) {
        match r {
            Ok(()) => passed.push(id.clone()),
            Err(why) => {
                failed += 1;
                if listed.contains(id) {
                    regressions.push(format!("{id}: {why}"));
                } else if std::env::var("VERBOSE").is_ok() {
                    eprintln!("{id}: {why}");
                }
            }
        }
    }
    let new: Vec<&String> = passed.iter().filter(|p| !listed.contains(p)).collect();
    eprintln!("{name}: {} passed, {failed} failed ({} listed as passing)", passed.len(), listed.len());
    if !new.is_empty() {
        eprintln!("{name}: newly passing, not yet in {}:", list_path.display());
        for n in &new {
            eprintln!("  {n}");
        }
    }
    if std::env::var("UPDATE_PASSING").is_ok() && filter.is_empty() {
        let mut text = format!("# {name}: cases that must keep passing (see tests/conformance.rs)\n");
        for p in &passed {
            text.push_str(p);
            text.push('\n');
        }
        std::fs::write(&list_path, text).unwrap();
    }
    assert!(regressions.is_empty(), "regressions in {name}:\n{}", regressions.join("\n"));
}

#[test]
fn own_cases() {
    run_corpus("own", &manifest().join("cases"));
}

#[test]
fn shared_conformance() {
    // The corpus sits beside the repository; from a worktree (wt/<name>) it is one level further up.
    let root = manifest()
        .ancestors()
        .map(|a| a.join("shared/conformance/cases"))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| manifest().join("../../shared/conformance/cases"));
    if !root.is_dir() {
        eprintln!("shared corpus not found at {}: skipped", root.display());
        return;
    }
    run_corpus("shared", &root);
}
