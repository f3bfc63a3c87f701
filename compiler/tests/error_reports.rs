//! Error reports byte for byte as CPython 3.11 prints them when running a file
//! (tests/data/report/*.py; expected *.err made by gen_expected.py there with `python3`):
//! `__future__` errors, no caret for TabError / unexpected indent, no `File` line for
//! encoding problems, `RecursionError` for too-deep nesting.
use std::path::Path;

#[test]
fn reports_match_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/report");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    files.retain(|p| p.extension().map_or(false, |x| x == "py") && !p.ends_with("gen_expected.py"));
    files.sort();
    assert!(files.len() >= 10);
    let bad: Vec<String> = std::thread::scope(|sc| {
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn_scoped(sc, || {
                let mut bad = Vec::new();
                for f in &files {
                    let name = f.file_name().unwrap().to_string_lossy().into_owned();
                    let want = std::fs::read_to_string(f.with_extension("err")).unwrap();
                    let got = match compiler::compile::compile_source(&std::fs::read(f).unwrap(), &name) {
                        Ok(_) => "(accepted)\n".to_string(),
                        Err(e) => format!("{e}\n"),
                    };
                    if got != want {
                        bad.push(format!("{name}:\n--- want\n{want}--- got\n{got}"));
                    }
                }
                bad
            })
            .unwrap()
            .join()
            .unwrap()
    });
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn pep646_starred_vararg_annotation_compiles() {
    // CPython 3.11 accepts `*args: *Ts` (evaluates Ts, UNPACK_SEQUENCE 1), also under PEP 563.
    for src in ["def f(*args: *Ts): pass\n", "from __future__ import annotations\ndef f(*args: *Ts): pass\n"] {
        assert!(compiler::compile::compile_source(src.as_bytes(), "t.py").is_ok(), "{src}");
    }
    let st = compiler::parser::parse_module("from __future__ import braces\n", "t.py").unwrap();
    assert_eq!(compiler::symtable::build(&st).err().map(|e| e.msg), Some("not a chance".to_string()));
}
