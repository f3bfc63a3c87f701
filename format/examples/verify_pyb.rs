//! Verifies `.pyb` files: `cargo run -p format --example verify_pyb -- a.pyb b.pyb ...`.
//! Prints one line per refused file (`path: message`) and a summary; exits 1 if any file is
//! refused. Paths may also be read from stdin, one per line, with `-`.

use format::container::PybFile;
use format::verify::verify_file;
use std::io::BufRead;
use std::path::PathBuf;

fn main() {
    let mut paths: Vec<PathBuf> = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "-" {
            for line in std::io::stdin().lock().lines().map_while(Result::ok) {
                if !line.trim().is_empty() {
                    paths.push(PathBuf::from(line.trim()));
                }
            }
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    let (mut ok, mut bad) = (0usize, 0usize);
    for p in &paths {
        let r = PybFile::open(p).map_err(|e| e.to_string()).and_then(|f| verify_file(&f).map_err(|e| e.to_string()));
        match r {
            Ok(()) => ok += 1,
            Err(e) => {
                bad += 1;
                println!("{}: {e}", p.display());
            }
        }
    }
    println!("{ok} verified, {bad} refused");
    if bad > 0 {
        std::process::exit(1);
    }
}
