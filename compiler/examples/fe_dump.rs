//! Front-end debugging tool: `fe_dump [--positions] [--tokens] [-e] FILE...`.
//! For each file prints one line: `FILE\t<ast dump>` or `FILE\tERR <line> <Kind>: <msg>`
//! (`--parse-only`: decode and parse, print nothing; for timing).
//! With `--tokens` prints the tokenize dump (or the error) instead.
use compiler::{ast_dump, parser, source, tokens_dump};

/// `fe_dump pyc ast [--positions] FILE` / `fe_dump pyc tokens [-e] FILE`: the front-end half
/// of the `pyc` CLI contract (stdout, stderr and exit status as `shared/tools/pyc_ref.sh`).
fn pyc_mode(args: &[String]) -> i32 {
    let Some(file) = args.last() else { return 2 };
    let Ok(bytes) = std::fs::read(file) else {
        eprintln!("cannot read {file}");
        return 1;
    };
    match args.first().map(|s| s.as_str()) {
        Some("tokens") => match tokens_dump::dump_tokens(&bytes, file, args.iter().any(|a| a == "-e")) {
            Ok(s) => {
                print!("{s}");
                0
            }
            Err(e) => {
                eprint!("{e}");
                1
            }
        },
        Some("ast") => {
            let r = source::decode_source(&bytes, file)
                .and_then(|s| parser::parse_module(&s, file).map_err(|e| e.with_source(file, &s)));
            match r {
                Ok(m) => {
                    print!("{}", ast_dump::dump_module(&m, args.iter().any(|a| a == "--positions")));
                    0
                }
                Err(e) => {
                    let e = if e.filename.is_empty() { e.with_source(file, "") } else { e };
                    eprintln!("{e}");
                    1
                }
            }
        }
        _ => 2,
    }
}

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(|s| s.as_str()) == Some("pyc") {
        std::process::exit(pyc_mode(&argv[1..]));
    }
    let mut positions = false;
    let mut parse_only = false;
    let mut tokens = false;
    let mut exact = false;
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--positions" => positions = true,
            "--tokens" => tokens = true,
            "--parse-only" => parse_only = true,
            "-e" => exact = true,
            _ => files.push(a),
        }
    }
    for f in files {
        let bytes = match std::fs::read(&f) {
            Ok(b) => b,
            Err(e) => {
                println!("{f}\tIOERR {e}");
                continue;
            }
        };
        if tokens {
            println!("==> {f}");
            match tokens_dump::dump_tokens(&bytes, &f, exact) {
                Ok(s) => print!("{s}"),
                Err(e) => print!("ERR: {e}"),
            }
            continue;
        }
        let r = source::decode_source(&bytes, &f).and_then(|s| parser::parse_module(&s, &f));
        if parse_only {
            continue;
        }
        match r {
            Ok(m) => print!("{f}\t{}", ast_dump::dump_module(&m, positions)),
            Err(e) => println!("{f}\tERR {} {}: {} (offset {})", e.lineno, e.kind.name(), e.msg, e.offset),
        }
    }
}
