//! `pyc`: the compiler's command line.
//!
//! ```text
//! pyc FILE.py [-o FILE.pyb]            compile one module (run as __main__)
//! pyc DIR -o app.pyb --main main.py    compile every .py under DIR into one bundle
//! pyc dis FILE.pyb|FILE.py             disassemble
//! pyc tokens [-e] FILE                 token dump (as `python3 -m tokenize [-e]`)
//! pyc ast [--positions] FILE           AST dump (as `ast.dump(..., indent=1)`)
//! pyc symtable FILE                    symbol-table dump (as symtable_dump.py)
//! pyc check PATH...                    run every stage, write nothing
//! ```
//! A syntax error prints CPython's report on stderr and exits 1; usage errors exit 2.

use clap::{Parser, Subcommand};
use compiler::SyntaxError;
use format::container::{header_flags, source_hash, write_pyb};
use format::ModuleInput;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "pyc", version, about = "Python 3.11 to .pyb compiler")]
struct BuildCli {
    /// A .py file, or a directory of .py files to bundle.
    input: PathBuf,
    /// Output file (default: the input with a .pyb extension).
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// For a directory: the file (relative to it) to run as `__main__`.
    #[arg(long = "main")]
    main: Option<String>,
}

#[derive(Parser)]
#[command(name = "pyc", version)]
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
                    out!("Module {}{} ({}){}\n", m.name, if m.is_package { " [package]" } else { "" }, m.filename, main);
                    let code = f.load_module(i).map_err(|e| {
                        eprintln!("pyc: {e}");
                        ExitCode::from(1)
                    })?;
                    out!("{}", format::dis::disassemble(&code));
                    out!("
");
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
        Tool::Check { paths } => {
            let mut failed = false;
            for p in paths {
                let files = if p.is_dir() { py_files(&p) } else { vec![p.clone()] };
                for f in files {
                    let bytes = match std::fs::read(&f) {
                        Ok(b) => b,
                        Err(e) => {
                            eprintln!("pyc: cannot read {}: {e}", f.display());
                            failed = true;
                            continue;
                        }
                    };
                    if let Err(e) = compiler::compile::compile_source(&bytes, &f.to_string_lossy()) {
                        report(&e);
                        failed = true;
                    }
                }
            }
            if failed {
                return Err(ExitCode::from(1));
            }
        }
    }
    Ok(())
}

/// Every `.py` file under `dir`, sorted (deterministic output).
fn py_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
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

fn write_out(path: &Path, bytes: &[u8]) -> Result<(), ExitCode> {
    std::fs::write(path, bytes).map_err(|e| {
        eprintln!("pyc: cannot write {}: {e}", path.display());
        ExitCode::from(1)
    })
}

fn build(cli: BuildCli) -> Result<(), ExitCode> {
    if cli.input.is_dir() {
        let Some(out) = cli.output.clone() else {
            eprintln!("pyc: -o OUTPUT is required when compiling a directory");
            return Err(ExitCode::from(2));
        };
        let root = cli.input.clone();
        let mut modules = Vec::new();
        let mut all_src = Vec::new();
        let mut main_name = None;
        for f in py_files(&root) {
            let rel = f.strip_prefix(&root).unwrap_or(&f).to_path_buf();
            let rel_s = rel.to_string_lossy().replace('\\', "/");
            let bytes = read(&f)?;
            let code = compiler::compile::compile_source(&bytes, &rel_s).map_err(|e| {
                report(&e);
                ExitCode::from(1)
            })?;
            let mut parts: Vec<String> = rel_s.trim_end_matches(".py").split('/').map(|s| s.to_string()).collect();
            let is_package = parts.last().map_or(false, |p| p == "__init__");
            if is_package {
                parts.pop();
            }
            let name = parts.join(".");
            if cli.main.as_deref() == Some(rel_s.as_str()) {
                main_name = Some(name.clone());
            }
            all_src.extend_from_slice(rel_s.as_bytes());
            all_src.push(0);
            all_src.extend_from_slice(&bytes);
            let source = String::from_utf8(bytes).ok();
            modules.push(ModuleInput { name, is_package, filename: rel_s, code, source });
        }
        if let Some(m) = &cli.main {
            if main_name.is_none() {
                eprintln!("pyc: main file {m} not found under {}", root.display());
                return Err(ExitCode::from(1));
            }
        }
        let img = write_pyb(
            modules,
            main_name.as_deref(),
            header_flags::BUNDLE | header_flags::EMBEDDED_SOURCE,
            source_hash(&all_src),
        );
        return write_out(&out, &img);
    }
    let name = cli.input.to_string_lossy().to_string();
    let bytes = read(&cli.input)?;
    let code = compiler::compile::compile_source(&bytes, &name).map_err(|e| {
        report(&e);
        ExitCode::from(1)
    })?;
    let out = cli.output.clone().unwrap_or_else(|| cli.input.with_extension("pyb"));
    let source = String::from_utf8(bytes.clone()).ok();
    let m = ModuleInput { name: "__main__".into(), is_package: false, filename: name, code, source };
    let img = write_pyb(vec![m], Some("__main__"), header_flags::EMBEDDED_SOURCE, source_hash(&bytes));
    write_out(&out, &img)
}
