//! `pyc`: the compiler's command line.
//!
//! ```text
//! pyc FILE.py [-o FILE.pyb]            compile one module (run as __main__)
//! pyc DIR -o app.pyb [--main main.py]  compile every .py under DIR into one bundle
//! pyc DIR -d OUT_DIR                   one .pyb per module, same layout (compileall style)
//!   options: -j N, -q, -v, --force, --message-format human|short|json, --depfile FILE,
//!            --strip (python3 -OO), --embed-source
//! pyc --version
//! pyc dis FILE.pyb|FILE.py             disassemble
//! pyc tokens [-e] FILE                 token dump (as `python3 -m tokenize [-e]`)
//! pyc ast [--positions] FILE           AST dump (as `ast.dump(..., indent=1)`)
//! pyc symtable FILE                    symbol-table dump (as symtable_dump.py)
//! pyc check PATH...                    run every stage, write nothing
//! ```
//! A syntax error prints CPython's report on stderr (or, with `--message-format`, one line or
//! one JSON object per error) and exits 1; usage errors exit 2.

use clap::{Parser, Subcommand};
use compiler::diagnostics::{Diagnostic, MessageFormat};
use compiler::project::{self, make_rule, CodeOptions};
use compiler::SyntaxError;
use format::container::{source_hash, write_pyb, VERSION_MAJOR, VERSION_MINOR};
use format::ModuleInput;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "pyc", about = "Python 3.11 to .pyb compiler")]
struct BuildCli {
    /// A .py file, or a project directory (compiled into one bundle with -o, or into a tree of
    /// .pyb files with -d).
    input: PathBuf,
    /// Output file (default for a file: the input with a .pyb extension).
    #[arg(short = 'o', long = "output", conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Compile a directory to one .pyb per module under OUT_DIR, in the same layout.
    #[arg(short = 'd', long = "out-dir", value_name = "OUT_DIR")]
    out_dir: Option<PathBuf>,
    /// For a bundle: the module run as `__main__`, as a file relative to the directory
    /// (`main.py`, `app/cli.py`) or a dotted name (`app.cli`).
    #[arg(long = "main", conflicts_with = "out_dir")]
    main: Option<String>,
    /// Parallel compile jobs (default: all cores).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    jobs: Option<usize>,
    /// Print nothing but diagnostics (the default).
    #[arg(short = 'q', long = "quiet", conflicts_with = "verbose")]
    quiet: bool,
    /// List each file compiled or skipped, then a summary (on stderr).
    #[arg(short = 'v', long = "verbose")]
    verbose: bool,
    /// With -d: recompile every file, even those whose output is up to date.
    #[arg(long = "force")]
    force: bool,
    /// Diagnostics as CPython's report (human), `file:line:col: message` lines (short), or one
    /// JSON object per line on stdout (json).
    #[arg(long = "message-format", value_name = "FMT", default_value = "human",
          value_parser = ["human", "short", "json"])]
    message_format: String,
    /// Write a Make rule listing every source the output was built from.
    #[arg(long = "depfile", value_name = "FILE")]
    depfile: Option<PathBuf>,
    /// As `python3 -OO`: drop docstrings and asserts, `__debug__` is False.
    #[arg(long = "strip")]
    strip: bool,
    /// Keep source lines in a bundle or tree for tracebacks (a single file always keeps them).
    #[arg(long = "embed-source")]
    embed_source: bool,
}

#[derive(Parser)]
#[command(name = "pyc")]
struct ToolCli {
    #[command(subcommand)]
    cmd: Tool,
}

#[derive(Subcommand)]
enum Tool {
    /// Disassemble a .pyb file or a .py file.
    Dis { file: PathBuf },
    /// Print the tokens of a file.
    Tokens {
        /// Exact token types for operators.
        #[arg(short = 'e', long = "exact")]
        exact: bool,
        file: PathBuf,
    },
    /// Print the AST of a file.
    Ast {
        #[arg(long = "positions")]
        positions: bool,
        file: PathBuf,
    },
    /// Print the symbol table of a file.
    Symtable { file: PathBuf },
    /// Compile files or directories without writing anything.
    Check {
        /// Parallel jobs (default: all cores).
        #[arg(short = 'j', long = "jobs", value_name = "N")]
        jobs: Option<usize>,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// Writes to stdout; a closed pipe (`pyc dis x | head`) ends the program quietly.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write;
        if write!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

fn read(path: &Path) -> Result<Vec<u8>, ExitCode> {
    std::fs::read(path).map_err(|e| {
        eprintln!("pyc: cannot read {}: {e}", path.display());
        ExitCode::from(1)
    })
}

/// `pyc X.Y.Z (pyb format M.m, Python 3.11)`.
fn version() -> String {
    format!("pyc {} (pyb format {VERSION_MAJOR}.{VERSION_MINOR}, Python 3.11)", env!("CARGO_PKG_VERSION"))
}

fn report(e: &SyntaxError) {
    eprintln!("{e}");
}

fn main() -> ExitCode {
    // The parser and code generator recurse over the tree; give them a deep stack so that
    // deeply nested (but valid) programs never overflow it.
    let worker = std::thread::Builder::new().stack_size(512 << 20).spawn(real_main);
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("pyc: internal error");
            ExitCode::from(1)
        }
    }
}

fn real_main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 2 && (args[1] == "--version" || args[1] == "-V") {
        out!("{}\n", version());
        return ExitCode::SUCCESS;
    }
    let tools = ["dis", "tokens", "ast", "symtable", "check", "help"];
    if args.len() > 1 && tools.contains(&args[1].as_str()) {
        let cli = ToolCli::parse();
        return match run_tool(cli.cmd) {
            Ok(()) => ExitCode::SUCCESS,
            Err(c) => c,
        };
    }
    let cli = BuildCli::parse();
    match build(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(c) => c,
    }
}

fn run_tool(t: Tool) -> Result<(), ExitCode> {
    match t {
        Tool::Dis { file } => {
            let bytes = read(&file)?;
            if file.extension().map_or(false, |e| e == "py") {
                let name = file.to_string_lossy().to_string();
                let code = compiler::compile::compile_source(&bytes, &name).map_err(|e| {
                    report(&e);
                    ExitCode::from(1)
                })?;
                out!("{}", format::dis::disassemble(&code));
            } else {
                let f = format::PybFile::from_bytes(bytes).map_err(|e| {
                    eprintln!("pyc: {}: {e}", file.display());
                    ExitCode::from(1)
                })?;
                for i in 0..f.table.modules.len() {
                    let m = &f.table.modules[i];
                    let main = if f.table.main == Some(i as u32) { " (main)" } else { "" };
                    out!(
                        "Module {}{} ({}){}\n",
                        m.name,
                        if m.is_package { " [package]" } else { "" },
                        m.filename,
                        main
                    );
                    let code = f.load_module(i).map_err(|e| {
                        eprintln!("pyc: {e}");
                        ExitCode::from(1)
                    })?;
                    out!("{}", format::dis::disassemble(&code));
                    out!(
                        "
"
                    );
                }
            }
        }
        Tool::Tokens { exact, file } => {
            let bytes = read(&file)?;
            match compiler::tokens_dump::dump_tokens(&bytes, &file.to_string_lossy(), exact) {
                Ok(s) => out!("{s}"),
                Err(e) => {
                    eprint!("{e}");
                    if !e.ends_with('\n') {
                        eprintln!();
                    }
                    return Err(ExitCode::from(1));
                }
            }
        }
        Tool::Ast { positions, file } => {
            let bytes = read(&file)?;
            let name = file.to_string_lossy().to_string();
            let m = compiler::source::decode_source(&bytes, &name)
                .and_then(|src| compiler::parser::parse_module(&src, &name).map_err(|e| e.with_source(&name, &src)))
                .map_err(|e| {
                    report(&e);
                    ExitCode::from(1)
                })?;
            out!("{}", compiler::ast_dump::dump_module(&m, positions));
        }
        Tool::Symtable { file } => {
            let bytes = read(&file)?;
            let name = file.to_string_lossy().to_string();
            let res = compiler::source::decode_source(&bytes, &name)
                .and_then(|src| compiler::parser::parse_module(&src, &name))
                .and_then(|m| compiler::symtable::build(&m));
            match res {
                Ok(t) => out!("{}", compiler::symtable_dump::dump_symtable(&t)),
                Err(e) => {
                    eprintln!("  File \"{}\", line {}", name, e.lineno);
                    eprintln!("{}", e.summary());
                    return Err(ExitCode::from(1));
                }
            }
        }
        Tool::Check { paths, jobs } => {
            // Files are checked in parallel; reports come out in file order.
            if !compiler::check::check_paths(&paths, jobs.unwrap_or(0), &mut std::io::stderr().lock()).ok() {
                return Err(ExitCode::from(1));
            }
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file and a rename, so that a reader (or a
/// failed build) never sees a half-written output.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)?;
        }
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path)).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn write_out(path: &Path, bytes: &[u8]) -> Result<(), ExitCode> {
    write_atomic(path, bytes).map_err(|e| {
        eprintln!("pyc: cannot write {}: {e}", path.display());
        ExitCode::from(1)
    })
}

/// Settings shared by the build modes.
struct Build {
    fmt: MessageFormat,
    verbose: bool,
    jobs: usize,
}

impl Build {
    /// Prints one diagnostic in the chosen format (JSON on stdout, the others on stderr).
    fn diag(&self, d: &Diagnostic) {
        match self.fmt {
            MessageFormat::Json => out!("{}\n", d.to_json()),
            f => eprintln!("{}", d.render(f)),
        }
    }
    fn note(&self, msg: &str) {
        if self.verbose {
            eprintln!("{msg}");
        }
    }
}

fn usage(msg: &str) -> ExitCode {
    eprintln!("pyc: {msg}");
    ExitCode::from(2)
}

fn build(cli: BuildCli) -> Result<(), ExitCode> {
    let fmt = MessageFormat::parse(&cli.message_format).unwrap_or_default();
    let jobs = match cli.jobs {
        Some(0) | None => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        Some(n) => n,
    };
    let b = Build { fmt, verbose: cli.verbose && !cli.quiet, jobs };
    let is_dir = cli.input.is_dir();
    if !is_dir && !cli.input.exists() {
        eprintln!("pyc: cannot read {}: no such file or directory", cli.input.display());
        return Err(ExitCode::from(1));
    }
    if let Some(out_dir) = cli.out_dir.clone() {
        if !is_dir {
            return Err(usage("-d OUT_DIR needs a source directory"));
        }
        let opts = CodeOptions { strip: cli.strip, embed_source: cli.embed_source };
        return build_tree(&b, &cli, &out_dir, opts);
    }
    if is_dir {
        let Some(out) = cli.output.clone() else {
            return Err(usage("-o OUTPUT (a bundle) or -d OUT_DIR (a tree) is required when compiling a directory"));
        };
        let opts = CodeOptions { strip: cli.strip, embed_source: cli.embed_source };
        return build_bundle(&b, &cli, &out, opts);
    }
    if cli.main.is_some() {
        return Err(usage("--main applies to a directory"));
    }
    // A single file: its source is always embedded (tracebacks show lines, as python3 does).
    let opts = CodeOptions { strip: cli.strip, embed_source: true };
    let name = cli.input.to_string_lossy().to_string();
    let bytes = read(&cli.input)?;
    let code = compiler::compile::compile_source_optimized(&bytes, &name, opts.optimize()).map_err(|e| {
        b.diag(&Diagnostic::from_syntax_error(&e));
        ExitCode::from(1)
    })?;
    let out = cli.output.clone().unwrap_or_else(|| cli.input.with_extension("pyb"));
    let source = String::from_utf8(bytes.clone()).ok();
    let m = ModuleInput { name: "__main__".into(), is_package: false, filename: name.clone(), code, source };
    let img = write_pyb(vec![m], Some("__main__"), opts.flags(), source_hash(&bytes));
    write_out(&out, &img)?;
    b.note(&format!("Compiled {name}"));
    if let Some(dep) = &cli.depfile {
        write_out(dep, make_rule(&out.to_string_lossy(), &[name]).as_bytes())?;
    }
    Ok(())
}

/// `pyc DIR -o app.pyb [--main M]`: every module of DIR into one bundle.
fn build_bundle(b: &Build, cli: &BuildCli, out: &Path, opts: CodeOptions) -> Result<(), ExitCode> {
    let root = &cli.input;
    let files = project::discover(root);
    if files.is_empty() {
        eprintln!("pyc: no .py files under {}", root.display());
        return Err(ExitCode::from(1));
    }
    let main = match &cli.main {
        Some(m) => match project::find_main(&files, m) {
            Some(i) => Some(i),
            None => return Err(usage(&format!("main module {m} not found under {}", root.display()))),
        },
        None => None,
    };
    let compiled = project::par_map(&files, b.jobs, |f| project::compile_file(&f.path, &f.rel, opts));
    let mut errors = 0;
    for (f, c) in files.iter().zip(&compiled) {
        match &c.code {
            Ok(_) => b.note(&format!("Compiled {}", f.rel)),
            Err(d) => {
                errors += 1;
                b.diag(d);
            }
        }
    }
    if errors > 0 {
        b.note(&format!("pyc: {errors} of {} modules failed; nothing written", files.len()));
        return Err(ExitCode::from(1));
    }
    let img = project::bundle_image(&files, compiled, main, opts);
    write_out(out, &img)?;
    b.note(&format!("Bundled {} modules into {}", files.len(), out.display()));
    if let Some(dep) = &cli.depfile {
        let deps: Vec<String> = files.iter().map(|f| root.join(&f.rel).to_string_lossy().to_string()).collect();
        write_out(dep, make_rule(&out.to_string_lossy(), &deps).as_bytes())?;
    }
    Ok(())
}

/// What happened to one file of a `-d` build.
enum TreeStep {
    Skipped,
    Compiled,
    Failed(Diagnostic),
    WriteFailed(Diagnostic),
}

/// `pyc DIR -d OUT`: one .pyb per module, skipping up-to-date outputs unless `--force`.
fn build_tree(b: &Build, cli: &BuildCli, out_dir: &Path, opts: CodeOptions) -> Result<(), ExitCode> {
    let root = &cli.input;
    let files = project::discover(root);
    let force = cli.force;
    let steps = project::par_map(&files, b.jobs, |f| {
        let target = project::tree_output(out_dir, f);
        let bytes = match std::fs::read(&f.path) {
            Ok(bytes) => bytes,
            Err(e) => return TreeStep::Failed(Diagnostic::file_error(&f.rel, format!("cannot read: {e}"))),
        };
        if !force && project::up_to_date(&target, &bytes, opts) {
            return TreeStep::Skipped;
        }
        match compiler::compile::compile_source_optimized(&bytes, &f.rel, opts.optimize()) {
            Err(e) => TreeStep::Failed(Diagnostic::from_syntax_error(&e)),
            Ok(code) => {
                let img = project::tree_module_image(f, code, &bytes, opts);
                match write_atomic(&target, &img) {
                    Ok(()) => TreeStep::Compiled,
                    Err(e) => TreeStep::WriteFailed(Diagnostic::file_error(
                        &target.to_string_lossy(),
                        format!("cannot write: {e}"),
                    )),
                }
            }
        }
    });
    let (mut compiled, mut skipped, mut failed) = (0, 0, 0);
    for (f, s) in files.iter().zip(&steps) {
        match s {
            TreeStep::Skipped => {
                skipped += 1;
                b.note(&format!("Up to date {}", f.rel));
            }
            TreeStep::Compiled => {
                compiled += 1;
                b.note(&format!("Compiled {}", f.rel));
            }
            TreeStep::Failed(d) => {
                failed += 1;
                b.diag(d);
            }
            TreeStep::WriteFailed(d) => {
                failed += 1;
                b.diag(d);
            }
        }
    }
    b.note(&format!("pyc: {compiled} compiled, {skipped} up to date, {failed} failed"));
    if let Some(dep) = &cli.depfile {
        let mut text = String::new();
        for f in &files {
            let target = project::tree_output(out_dir, f);
            let src = root.join(&f.rel).to_string_lossy().to_string();
            text.push_str(&make_rule(&target.to_string_lossy(), &[src]));
        }
        write_out(dep, text.as_bytes())?;
    }
    if failed > 0 {
        return Err(ExitCode::from(1));
    }
    Ok(())
}

// The front end allocates many small AST nodes and vectors and frees them per file; with the
// system allocator malloc/free took about a third of `pyc check` (perf, CPython's stdlib).
// `mimalloc::MiMalloc` sends every request through mimalloc's aligned entry points, a few
// calls deeper than `mi_malloc`; most front-end allocations only need word alignment, which
// every mimalloc block has, so they take the plain fast path (about 3% of `pyc check`).
#[global_allocator]
static GLOBAL: FastMiMalloc = FastMiMalloc;

/// mimalloc with the plain `mi_malloc`/`mi_realloc` fast paths for word-aligned layouts.
struct FastMiMalloc;

/// Alignment every mimalloc block has (block sizes are multiples of the word size).
const WORD_ALIGN: usize = std::mem::size_of::<usize>();

// SAFETY: each method forwards to mimalloc with the caller's layout. `mi_malloc`/`mi_realloc`
// return blocks aligned to at least the word size, so they are only used when the layout asks
// for no more than that; larger alignments go to `MiMalloc`, which uses the aligned calls.
// Every block, however obtained, is released with `mi_free` (what `MiMalloc::dealloc` does).
unsafe impl std::alloc::GlobalAlloc for FastMiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD_ALIGN {
            libmimalloc_sys::mi_malloc(layout.size()) as *mut u8
        } else {
            std::alloc::GlobalAlloc::alloc(&mimalloc::MiMalloc, layout)
        }
    }
    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= WORD_ALIGN {
            libmimalloc_sys::mi_zalloc(layout.size()) as *mut u8
        } else {
            std::alloc::GlobalAlloc::alloc_zeroed(&mimalloc::MiMalloc, layout)
        }
    }
    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        libmimalloc_sys::mi_free(ptr as *mut std::ffi::c_void)
    }
    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= WORD_ALIGN {
            libmimalloc_sys::mi_realloc(ptr as *mut std::ffi::c_void, new_size) as *mut u8
        } else {
            std::alloc::GlobalAlloc::realloc(&mimalloc::MiMalloc, ptr, layout, new_size)
        }
    }
}
