//! `pvm FILE.pyb [args...]`: runs a compiled bundle.

use std::path::Path;
use std::process::exit;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 2 {
        eprintln!("usage: pvm FILE.pyb [args...]");
        exit(2);
    }
    if args[1] == "--version" || args[1] == "-V" {
        println!("pvm {} (Python 3.11 bytecode)", env!("CARGO_PKG_VERSION"));
        exit(0);
    }
    let path = args[1].clone();
    let file = match format::PybFile::open(Path::new(&path)) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("pvm: {path}: {e}");
            exit(2);
        }
    };
    let argv: Vec<String> = args[1..].to_vec();
    // The interpreter never recurses on the Rust stack for Python-to-Python calls, but native
    // re-entries (__repr__, key functions, class bodies...) do: give them a big stack.
    let handle = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || vm::run_bundle(file, argv));
    let code = match handle {
        Ok(h) => match h.join() {
            Ok(c) => c,
            Err(_) => {
                eprintln!("pvm: internal error");
                70
            }
        },
        Err(e) => {
            eprintln!("pvm: cannot start interpreter thread: {e}");
            70
        }
    };
    exit(code);
}

// The VM allocates many small objects (tuples, instances, frames of generators); mimalloc is
// markedly faster than the system allocator for that pattern.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
