//! Inputs found by the fuzz targets (`fuzz/`), replayed in the normal test suite. A crashing
//! input is saved as `tests/fuzz_regressions/<target>/<name>` and checked the way its target
//! checks it:
//! - `parse`: tokenizer and parser (UTF-8 text), errors are fine;
//! - `compile`: the whole compiler; accepted output must pass the verifier and round-trip;
//! - `load`: the `.pyb` image as is and resealed, through the loader, verifier,
//!   disassembler and conversion to runnable code;
//! - `run`: resealed, loaded as above and, when accepted, run by `pvm` with a timeout: a
//!   Python-level outcome (normal exit status), never a signal or internal error.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use tests::{bin, run, TempDir};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz_regressions").join(target);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Runs `f` on a thread with pvm's stack size, reporting a panic with the input's name.
fn on_big_stack(name: &Path, f: impl FnOnce() + Send + 'static) {
    let h = std::thread::Builder::new().stack_size(1 << 30).spawn(f).unwrap();
    assert!(h.join().is_ok(), "{} panicked", name.display());
}

fn load_all(image: &[u8]) -> bool {
    let Ok(f) = format::PybFile::from_bytes(image.to_vec()) else { return false };
    let mut vm = vm::Vm::new();
    for i in 0..f.table.modules.len() {
        let Ok(co) = format::verify::load_verified(&f, i) else { return false };
        let _ = format::dis::disassemble(&co);
        if vm::loader::load_code(&mut vm, co).is_err() {
            return false;
        }
    }
    f.table.main.is_some()
}

#[test]
fn parse_inputs() {
    for p in inputs("parse") {
        let data = std::fs::read(&p).unwrap();
        on_big_stack(&p, move || {
            if let Ok(text) = std::str::from_utf8(&data) {
                let _ = compiler::lexer::tokenize(text);
                let _ = compiler::parser::parse_module(text, "<fuzz>");
            }
        });
    }
}

#[test]
fn compile_inputs() {
    for p in inputs("compile") {
        let data = std::fs::read(&p).unwrap();
        on_big_stack(&p, move || {
            if let Ok(co) = compiler::compile::compile_source(&data, "<fuzz>") {
                format::verify::verify_module("__main__", &co).expect("compiler output fails verification");
                let blob = format::container::encode_code(&co);
                assert!(format::container::decode_code(&blob).ok().as_ref() == Some(&co), "round trip");
            }
        });
    }
}

#[test]
fn load_inputs() {
    for p in inputs("load") {
        let data = std::fs::read(&p).unwrap();
        on_big_stack(&p, move || {
            load_all(&data);
            let mut v = data.clone();
            format::container::reseal(&mut v);
            load_all(&v);
        });
    }
}

#[test]
fn run_inputs() {
    let d = TempDir::new();
    for p in inputs("run") {
        let mut v = std::fs::read(&p).unwrap();
        format::container::reseal(&mut v);
        let img = v.clone();
        let accepted = std::thread::Builder::new().stack_size(1 << 30).spawn(move || load_all(&img)).unwrap().join();
        match accepted {
            Ok(true) => {}
            Ok(false) => continue,
            Err(_) => panic!("{} panicked in the loader", p.display()),
        }
        let f = d.path().join("input.pyb");
        std::fs::write(&f, &v).unwrap();
        let mut c = Command::new(bin("pvm"));
        c.arg(&f).current_dir(d.path());
        let o = run(c, b"", Duration::from_secs(20));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            o.timed_out || (o.status < 128 && o.status != 70 && !err.contains("panicked")),
            "{}: status {}\n{err}",
            p.display(),
            o.status
        );
    }
}
