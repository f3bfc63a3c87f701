//! Link options for the `pvm` binary only (the library, tests and `pyc` are unaffected).
//!
//! `-no-pie`: a position-dependent executable has its ~8000 relative relocations (the vtables,
//! method tables and the embedded frozen stdlib's pointers) resolved at link time instead of by
//! ld.so at every start, which was about a quarter of an empty program's instructions.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bin=pvm=-no-pie");
    }
}
