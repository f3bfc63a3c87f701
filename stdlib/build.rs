//! Compiles the pure-Python standard library under `lib/` into one frozen bundle
//! (`$OUT_DIR/stdlib.pyb`) that `pvm` embeds. A module that does not compile fails the build
//! with the compiler's diagnostic.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lib");
    println!("cargo:rerun-if-changed=lib");
    println!("cargo:rerun-if-changed=build.rs");
    let files = compiler::project::discover(&root);
    let mut modules = Vec::with_capacity(files.len());
    let mut all = Vec::new();
    let mut failed = Vec::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.path.display());
        let bytes = std::fs::read(&f.path).unwrap_or_else(|e| panic!("cannot read {}: {e}", f.path.display()));
        // As CPython names its frozen modules in tracebacks: `<frozen json.decoder>`.
        let filename = format!("<frozen {}>", f.name);
        match compiler::compile::compile_source_optimized(&bytes, &filename, 0) {
            Ok(code) => modules.push(format::ModuleInput {
                name: f.name.clone(),
                is_package: f.is_package,
                filename,
                code,
                source: None,
            }),
            Err(e) => failed.push(format!("{}: {e:?}", f.rel)),
        }
        all.extend_from_slice(f.rel.as_bytes());
        all.push(0);
        all.extend_from_slice(&bytes);
    }
    if !failed.is_empty() {
        panic!("stdlib modules failed to compile:\n{}", failed.join("\n"));
    }
    let hash = format::container::source_hash(&all);
    let image = format::container::write_pyb(modules, None, format::container::header_flags::BUNDLE, hash);
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("stdlib.pyb");
    std::fs::write(&out, image).unwrap();
}
