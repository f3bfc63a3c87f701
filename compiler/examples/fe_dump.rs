//! Front-end debugging tool: `fe_dump [--positions] [--tokens] [-e] FILE...`.
//! For each file prints one line: `FILE\t<ast dump>` or `FILE\tERR <line> <Kind>: <msg>`.
//! With `--tokens` prints the tokenize dump (or the error) instead.
use compiler::{ast_dump, parser, source, tokens_dump};

fn main() {
    let mut positions = false;
    let mut tokens = false;
    let mut exact = false;
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--positions" => positions = true,
            "--tokens" => tokens = true,
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
        match r {
            Ok(m) => print!("{f}\t{}", ast_dump::dump_module(&m, positions)),
            Err(e) => println!("{f}\tERR {} {}: {} (offset {})", e.lineno, e.kind.name(), e.msg, e.offset),
        }
    }
}
