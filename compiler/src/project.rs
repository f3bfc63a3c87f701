//! Projects: finding the modules of a source tree, naming them, compiling them in parallel, and
//! writing either one bundle (`pyc DIR -o app.pyb --main main.py`) or one `.pyb` per module in
//! the same layout (`pyc DIR -d OUT`, as `python3 -m compileall`).
//!
//! Everything recorded comes from paths relative to the project root (written with `/`) and
//! from file contents, so the same tree gives the same bytes wherever it lives.

use crate::diagnostics::Diagnostic;
use format::container::{header_flags, read_header, source_hash, write_pyb};
use format::{CodeObject, ModuleInput};
use std::path::{Path, PathBuf};

/// Options that change the compiled output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeOptions {
    /// `--strip`: as `python3 -OO` (no docstrings, no asserts, `__debug__` False).
    pub strip: bool,
    /// `--embed-source`: keep each module's source in the module table for tracebacks.
    pub embed_source: bool,
}

impl CodeOptions {
    /// CPython's optimization level for these options.
    pub fn optimize(&self) -> u8 {
        if self.strip {
            2
        } else {
            0
        }
    }

    /// Header flags for these options (without `BUNDLE`).
    pub fn flags(&self) -> u32 {
        let mut f = 0;
        if self.strip {
            f |= header_flags::STRIPPED;
        }
        if self.embed_source {
            f |= header_flags::EMBEDDED_SOURCE;
        }
        f
    }
}

/// One `.py` file of a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The file on disk.
    pub path: PathBuf,
    /// Its path relative to the root, with `/` separators (`pkg/sub/mod.py`).
    pub rel: String,
    /// Dotted module name (`pkg.sub.mod`; `pkg/__init__.py` is `pkg`).
    pub name: String,
    /// True for a package's `__init__.py`.
    pub is_package: bool,
}

/// The dotted module name of a root-relative path, and whether it is a package.
/// `pkg/sub/mod.py` → (`pkg.sub.mod`, false); `pkg/__init__.py` → (`pkg`, true).
pub fn module_name(rel: &str) -> (String, bool) {
    let stem = rel.strip_suffix(".py").unwrap_or(rel);
    let mut parts: Vec<&str> = stem.split('/').collect();
    let is_package = parts.len() > 1 && parts.last() == Some(&"__init__");
    if is_package {
        parts.pop();
    }
    (parts.join("."), is_package)
}

/// Every `.py` file under `root` (skipping `__pycache__` and hidden directories), sorted by
/// relative path so that the result does not depend on the directory listing order.
pub fn discover(root: &Path) -> Vec<SourceFile> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let fname = e.file_name().to_string_lossy().to_string();
            if p.is_dir() {
                if fname != "__pycache__" && !fname.starts_with('.') {
                    stack.push(p);
                }
            } else if fname.ends_with(".py") && !fname.starts_with('.') {
                let rel_path = p.strip_prefix(root).unwrap_or(&p);
                let rel = rel_path
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect::<Vec<_>>()
                    .join("/");
                let (name, is_package) = module_name(&rel);
                out.push(SourceFile { path: p, rel, name, is_package });
            }
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

/// Finds the main module given to `--main`: a root-relative file (`main.py`, `app/cli.py`) or a
/// dotted module name (`main`, `app.cli`). Returns its index in `files`.
pub fn find_main(files: &[SourceFile], spec: &str) -> Option<usize> {
    let spec_path = spec.replace('\\', "/");
    let spec_path = spec_path.trim_start_matches("./");
    if spec_path.ends_with(".py") {
        files.iter().position(|f| f.rel == spec_path)
    } else {
        files.iter().position(|f| f.name == spec_path)
    }
}

/// The result of compiling one source file.
pub struct Compiled {
    /// The source bytes.
    pub bytes: Vec<u8>,
    /// The code object, or the diagnostic that stopped it.
    pub code: Result<CodeObject, Diagnostic>,
}

/// Reads and compiles one file, recording `rel` as its file name.
pub fn compile_file(path: &Path, rel: &str, opts: CodeOptions) -> Compiled {
    match std::fs::read(path) {
        Err(e) => Compiled { bytes: Vec::new(), code: Err(Diagnostic::file_error(rel, format!("cannot read: {e}"))) },
        Ok(bytes) => {
            let code = crate::compile::compile_source_optimized(&bytes, rel, opts.optimize())
                .map_err(|e| Diagnostic::from_syntax_error(&e));
            Compiled { bytes, code }
        }
    }
}

/// Stack size of compiler worker threads (the parser and code generator recurse over the tree).
pub const WORKER_STACK: usize = 256 << 20;

/// Runs `f` over `items` on up to `jobs` threads (each with a [`WORKER_STACK`] stack) and
/// returns the results in input order, so the output never depends on scheduling.
pub fn par_map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    let jobs = jobs.max(1).min(items.len().max(1));
    if jobs == 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        let mut handles = Vec::new();
        for _ in 0..jobs {
            let work = || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let r = f(&items[i]);
                if let Ok(mut slot) = results[i].lock() {
                    *slot = Some(r);
                }
            };
            match std::thread::Builder::new().stack_size(WORKER_STACK).spawn_scoped(s, work) {
                Ok(h) => handles.push(h),
                Err(_) => break,
            }
        }
        if handles.is_empty() {
            // Could not start any thread: do the work here.
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let r = f(&items[i]);
                if let Ok(mut slot) = results[i].lock() {
                    *slot = Some(r);
                }
            }
        }
    });
    results.into_iter().map(|m| m.into_inner().ok().flatten().expect("every item was processed")).collect()
}

/// The FNV-1a source hash of a bundle as SPEC.md defines it: over `rel`, a 0 byte and the file
/// bytes of each module in sorted path order.
pub fn bundle_hash(files: &[SourceFile], sources: &[&[u8]]) -> u64 {
    let mut all = Vec::new();
    for (f, b) in files.iter().zip(sources) {
        all.extend_from_slice(f.rel.as_bytes());
        all.push(0);
        all.extend_from_slice(b);
    }
    source_hash(&all)
}

/// Builds a bundle image from compiled modules. `main` is the index of the main module.
pub fn bundle_image(files: &[SourceFile], compiled: Vec<Compiled>, main: Option<usize>, opts: CodeOptions) -> Vec<u8> {
    let hash = {
        let srcs: Vec<&[u8]> = compiled.iter().map(|c| c.bytes.as_slice()).collect();
        bundle_hash(files, &srcs)
    };
    let main_name = main.map(|i| files[i].name.clone());
    let mut modules = Vec::with_capacity(files.len());
    for (f, c) in files.iter().zip(compiled) {
        let Ok(code) = c.code else { continue };
        let source = if opts.embed_source { String::from_utf8(c.bytes).ok() } else { None };
        modules.push(ModuleInput {
            name: f.name.clone(),
            is_package: f.is_package,
            filename: f.rel.clone(),
            code,
            source,
        });
    }
    write_pyb(modules, main_name.as_deref(), header_flags::BUNDLE | opts.flags(), hash)
}

/// The image of a single-module `.pyb` of a tree built with `-d`: the module keeps its dotted
/// name and is also marked as the file's main module, so `pvm OUT/pkg/mod.pyb` runs it.
pub fn tree_module_image(f: &SourceFile, code: CodeObject, bytes: &[u8], opts: CodeOptions) -> Vec<u8> {
    let source = if opts.embed_source { String::from_utf8(bytes.to_vec()).ok() } else { None };
    let m = ModuleInput { name: f.name.clone(), is_package: f.is_package, filename: f.rel.clone(), code, source };
    write_pyb(vec![m], Some(&f.name), opts.flags(), source_hash(bytes))
}

/// Where `-d OUT` puts the compiled form of `f`: `OUT/<rel with .pyb>`.
pub fn tree_output(out_dir: &Path, f: &SourceFile) -> PathBuf {
    let rel = f.rel.strip_suffix(".py").unwrap_or(&f.rel);
    let mut p = out_dir.to_path_buf();
    for part in rel.split('/') {
        p.push(part);
    }
    p.set_extension("pyb");
    p
}

/// True when `out` already holds the compilation of `source` with these options: its header
/// reads, has the same source hash and the same flags.
pub fn up_to_date(out: &Path, source: &[u8], opts: CodeOptions) -> bool {
    let Ok(bytes) = std::fs::read(out) else { return false };
    match read_header(&bytes) {
        Ok(h) => h.source_hash == source_hash(source) && h.flags == opts.flags(),
        Err(_) => false,
    }
}

/// Escapes a path for a Makefile rule (spaces, `#`, `$`, `:` and backslashes).
pub fn make_escape(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        match c {
            ' ' | '#' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '$' => out.push_str("$$"),
            c => out.push(c),
        }
    }
    out
}

/// One Make rule `target: dep1 dep2 ...` (continuation lines of one dependency each), then a
/// phony rule for each dependency so that deleting a source does not break `make`.
pub fn make_rule(target: &str, deps: &[String]) -> String {
    let mut s = make_escape(target);
    s.push(':');
    for d in deps {
        s.push_str(" \\\n  ");
        s.push_str(&make_escape(d));
    }
    s.push('\n');
    for d in deps {
        s.push('\n');
        s.push_str(&make_escape(d));
        s.push_str(":\n");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(module_name("pkg/sub/mod.py"), ("pkg.sub.mod".into(), false));
        assert_eq!(module_name("pkg/__init__.py"), ("pkg".into(), true));
        assert_eq!(module_name("main.py"), ("main".into(), false));
        assert_eq!(module_name("__init__.py"), ("__init__".into(), false));
    }

    #[test]
    fn make_syntax() {
        assert_eq!(make_escape("a b$c"), "a\\ b$$c");
        assert_eq!(make_rule("o.pyb", &["a.py".into()]), "o.pyb: \\\n  a.py\n\na.py:\n");
    }

    #[test]
    fn main_by_file_or_module() {
        let f = |rel: &str| {
            let (name, is_package) = module_name(rel);
            SourceFile { path: rel.into(), rel: rel.into(), name, is_package }
        };
        let files = vec![f("app/__init__.py"), f("app/cli.py"), f("main.py")];
        assert_eq!(find_main(&files, "main.py"), Some(2));
        assert_eq!(find_main(&files, "app.cli"), Some(1));
        assert_eq!(find_main(&files, "app/cli.py"), Some(1));
        assert_eq!(find_main(&files, "app"), Some(0));
        assert_eq!(find_main(&files, "nope"), None);
    }
}
