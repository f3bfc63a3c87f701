//! Every single-byte corruption and every truncation of three real `.pyb` files is refused or
//! runs to a Python-level outcome; none crashes (issue #7).
//!
//! Each variant is checked twice:
//! - as is: the header's length and CRC32 must refuse it when the damage is in the payload (a
//!   CRC detects every single-byte error); damage to the header fields outside the checksum
//!   (flags, source hash) may load, and is then run like the resealed variants;
//! - resealed (length and CRC rewritten to match, what a crafted file looks like): the module
//!   table, decoder, verifier and the conversion to runnable code run in-process and must not
//!   panic; accepted variants are run by `pvm` with a timeout (all raw ones, a sample of the
//!   resealed ones: see [`RESEALED_RUNS_PER_FILE`]) and must end with a normal exit status
//!   (no signal, no internal error), or be stopped by the timeout.
//!
//! The three programs come from the shared conformance corpus when it is beside the checkout,
//! else from the project's own cases.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use tests::{bin, par_map, run, TempDir};

const SHARED: [&str; 3] = ["programs/game_of_life", "programs/nqueens_pi", "programs/sudoku"];
const OWN: [&str; 3] = ["basics/control", "functions/closures", "generators/basic"];

fn sources() -> Vec<PathBuf> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = manifest.join("../../../shared/conformance/cases");
    let shared2 = manifest.join("../../shared/conformance/cases");
    for root in [shared, shared2] {
        let files: Vec<PathBuf> = SHARED.iter().map(|c| root.join(format!("{c}.py"))).collect();
        if files.iter().all(|f| f.is_file()) {
            return files;
        }
    }
    eprintln!("shared conformance corpus not found: using the project's own cases");
    OWN.iter().map(|c| manifest.join("cases").join(format!("{c}.py"))).collect()
}

fn compile(src: &Path, out: &Path) -> Vec<u8> {
    let mut c = Command::new(bin("pyc"));
    c.arg(src).arg("-o").arg(out);
    let o = run(c, b"", Duration::from_secs(60));
    assert_eq!(o.status, 0, "pyc {}: {}", src.display(), String::from_utf8_lossy(&o.stderr));
    std::fs::read(out).unwrap()
}

/// The single-byte corruptions of `img`: every offset, with a low-bit flip, a high-bit flip,
/// 0x00 and 0xff.
fn corruptions(img: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for i in 0..img.len() {
        let b = img[i];
        let mut vals = vec![b ^ 0x01, b ^ 0x80, 0x00, 0xff];
        vals.sort();
        vals.dedup();
        for v in vals.into_iter().filter(|&v| v != b) {
            let mut x = img.to_vec();
            x[i] = v;
            out.push(x);
        }
    }
    out
}

/// Loads `img` as pvm does before running it; true when every module is accepted.
fn accepted(vm: &mut vm::Vm, img: &[u8]) -> bool {
    let Ok(f) = format::PybFile::from_bytes(img.to_vec()) else { return false };
    if f.table.main.is_none() {
        return false;
    }
    for i in 0..f.table.modules.len() {
        let Ok(co) = format::verify::load_verified(&f, i) else { return false };
        let _ = format::dis::disassemble(&co);
        if vm::loader::load_code(vm, co).is_err() {
            return false;
        }
    }
    true
}

/// Runs the in-process checks over `variants` on two threads; returns the accepted resealed
/// variants, deduplicated.
fn screen(variants: Vec<Vec<u8>>) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let chunks: Vec<&[Vec<u8>]> = variants.chunks(variants.len().div_ceil(2).max(1)).collect();
    let found: Vec<(Vec<Vec<u8>>, Vec<Vec<u8>>)> = std::thread::scope(|sc| {
        let hs: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                sc.spawn(move || {
                    let mut vm = vm::Vm::new();
                    let (mut raw, mut resealed) = (Vec::new(), Vec::new());
                    for v in chunk.iter() {
                        // The header fields outside the CRC (flags, source hash) may still load.
                        if accepted(&mut vm, v) {
                            raw.push(v.clone());
                        }
                        let mut r = v.clone();
                        format::container::reseal(&mut r);
                        if accepted(&mut vm, &r) {
                            resealed.push(r);
                        }
                    }
                    vm.out.clear();
                    (raw, resealed)
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().expect("loader or verifier panicked")).collect()
    });
    let mut seen = HashSet::new();
    let (mut raw, mut resealed) = (Vec::new(), Vec::new());
    for (a, b) in found {
        raw.extend(a.into_iter().filter(|v| seen.insert(v.clone())));
        resealed.extend(b.into_iter().filter(|v| seen.insert(v.clone())));
    }
    (raw, resealed)
}

/// Resealed variants the loader accepts run by the thousand (most touch line tables, names or
/// constants); a subprocess each would take an hour, so an evenly spread sample of this many
/// per file is run here. The `run` fuzz target executes such variants exhaustively in-process
/// under a step budget.
const RESEALED_RUNS_PER_FILE: usize = 150;

#[test]
fn corrupted_and_truncated_files_never_crash() {
    let d = TempDir::new();
    let pvm = bin("pvm");
    let mut total = 0;
    let mut accepted_resealed = 0;
    let mut to_run = Vec::new();
    for (k, src) in sources().iter().enumerate() {
        let img = compile(src, &d.path().join(format!("p{k}.pyb")));
        let mut variants = corruptions(&img);
        // The CRC catches every single-byte error of the payload.
        for v in &variants {
            let i = (0..img.len()).find(|&i| v[i] != img[i]).unwrap();
            if i >= format::container::HEADER_LEN {
                assert!(format::PybFile::from_bytes(v.clone()).is_err(), "damage at {i} passed the CRC");
            }
        }
        variants.extend((0..img.len()).map(|n| img[..n].to_vec()));
        total += variants.len();
        let (raw, resealed) = screen(variants);
        eprintln!("{}: {} raw variants load, {} resealed ones", src.display(), raw.len(), resealed.len());
        accepted_resealed += resealed.len();
        to_run.extend(raw);
        let step = resealed.len().div_ceil(RESEALED_RUNS_PER_FILE).max(1);
        to_run.extend(resealed.into_iter().step_by(step));
    }
    let files: Vec<PathBuf> = to_run
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let p = d.path().join(format!("v{i}.pyb"));
            std::fs::write(&p, v).unwrap();
            p
        })
        .collect();
    let work = d.path().join("cwd");
    std::fs::create_dir_all(&work).unwrap();
    let outcomes = par_map(&files, 2, |p| {
        let mut c = Command::new(&pvm);
        c.arg(p).current_dir(&work);
        let o = run(c, b"", Duration::from_secs(5));
        (o.status, o.timed_out, String::from_utf8_lossy(&o.stderr).to_string())
    });
    let mut timeouts = 0;
    for (p, (status, timed_out, err)) in files.iter().zip(&outcomes) {
        if *timed_out {
            timeouts += 1;
            continue;
        }
        let crashed = *status >= 128 || *status == 70 || err.contains("panicked") || err.contains("internal error");
        assert!(!crashed, "{} crashed pvm: status {status}\n{err}", p.display());
    }
    eprintln!(
        "{total} variants; {accepted_resealed} resealed ones loaded; {} run, {timeouts} stopped by the timeout",
        files.len()
    );
}
