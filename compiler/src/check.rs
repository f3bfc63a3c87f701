//! `pyc check PATH...`: run every compiler stage (decode, tokenize, parse, symbol table,
//! code generation) over files and directories, write nothing, report every error.
//!
//! Files are compiled in parallel on `std` threads (one worker per CPU by default), each
//! worker pulling the next file from a shared counter, so a whole source tree costs one
//! process and no per-file start-up. Reports are printed in file order (sorted paths), so
//! the output does not depend on scheduling.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The result of a [`check_paths`] run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckSummary {
    /// Number of files examined.
    pub files: usize,
    /// Number of files that could not be read or failed to compile.
    pub failed: usize,
}

impl CheckSummary {
    /// Whether every file compiled (the process should exit 0).
    pub fn ok(&self) -> bool {
        self.failed == 0
    }
}

/// Every `.py` file under `dir` (recursively, skipping `__pycache__` and hidden directories),
/// sorted so that output is deterministic.
pub fn py_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let is_dir = e.file_type().map(|t| t.is_dir() || (t.is_symlink() && p.is_dir())).unwrap_or(false);
            if is_dir {
                if p.file_name().map_or(false, |n| n != "__pycache__" && !n.to_string_lossy().starts_with('.')) {
                    stack.push(p);
                }
            } else if p.extension().map_or(false, |x| x == "py") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Expands `paths` (files are taken as given, directories are searched with [`py_files`]).
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            files.extend(py_files(p));
        } else {
            files.push(p.clone());
        }
    }
    files
}

/// Compiles one file's bytes through the whole pipeline; `Err` is the report to print
/// (CPython's `SyntaxError` format, or a read error).
pub fn check_file(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("pyc: cannot read {}: {e}", path.display()))?;
    crate::compile::compile_source(&bytes, &path.to_string_lossy()).map(|_| ()).map_err(|e| e.to_string())
}

/// Stack size of a check worker: the parser runs on its own big-stack thread, but the symbol
/// table and code generator recurse over the tree on the worker's stack.
const WORKER_STACK: usize = 256 << 20;

/// Checks every file of `paths` (see [`collect_files`]) with `jobs` worker threads (0 = one
/// per available CPU), printing each error report to `err` in file order, one blank-line-free
/// report per failing file. Returns how many files were checked and how many failed.
pub fn check_paths(paths: &[PathBuf], jobs: usize, err: &mut dyn Write) -> CheckSummary {
    let files = collect_files(paths);
    let jobs = if jobs == 0 { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) } else { jobs };
    let jobs = jobs.clamp(1, files.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<String>>> = Mutex::new(vec![None; files.len()]);
    std::thread::scope(|sc| {
        let mut handles = Vec::new();
        for _ in 0..jobs {
            let h = std::thread::Builder::new().stack_size(WORKER_STACK).spawn_scoped(sc, || {
                crate::parser::set_big_stack(true);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= files.len() {
                        break;
                    }
                    let r = std::panic::catch_unwind(|| check_file(&files[i]))
                        .unwrap_or_else(|_| Err(format!("pyc: internal error while compiling {}", files[i].display())));
                    if let Err(msg) = r {
                        results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(msg);
                    }
                }
            });
            match h {
                Ok(h) => handles.push(h),
                Err(_) => break,
            }
        }
        if handles.is_empty() {
            // Could not start any thread: do the work here.
            let mut res = results.lock().unwrap_or_else(|p| p.into_inner());
            for (i, f) in files.iter().enumerate() {
                res[i] = check_file(f).err();
            }
        }
        for h in handles {
            let _ = h.join();
        }
    });
    let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut failed = 0;
    for msg in results.into_iter().flatten() {
        failed += 1;
        let _ = writeln!(err, "{msg}");
    }
    CheckSummary { files: files.len(), failed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_errors_in_file_order_and_counts_failures() {
        let dir = std::env::temp_dir().join(format!("pyc-check-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("a.py"), "x = 1\n").unwrap();
        std::fs::write(dir.join("b.py"), "def f(:\n").unwrap();
        std::fs::write(dir.join("pkg/c.py"), "if x:\n  y\n    z\n").unwrap();
        std::fs::write(dir.join("pkg/notes.txt"), "not python (").unwrap();
        let mut out = Vec::new();
        let s = check_paths(&[dir.clone()], 3, &mut out);
        assert_eq!(s, CheckSummary { files: 3, failed: 2 });
        let out = String::from_utf8(out).unwrap();
        let b = out.find("b.py\", line 1").expect(&out);
        let c = out.find("c.py\", line 3").expect(&out);
        assert!(b < c, "{out}");
        assert!(out.contains("SyntaxError: invalid syntax"), "{out}");
        assert!(out.contains("IndentationError: unexpected indent"), "{out}");
        let ok = check_paths(&[dir.join("a.py")], 0, &mut Vec::new());
        assert!(ok.ok());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
