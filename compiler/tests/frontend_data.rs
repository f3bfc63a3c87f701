//! Front-end golden tests: every `.py` under `tests/data/frontend/{valid,errors}` is parsed,
//! dumped and tokenized, and compared with the outputs CPython 3.11 produced
//! (`tests/data/frontend/gen_expected.py`).

use compiler::{ast_dump, parser, source, tokens_dump};
use std::path::{Path, PathBuf};

fn files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/frontend");
    let mut v = Vec::new();
    for d in ["valid", "errors"] {
        for e in std::fs::read_dir(root.join(d)).expect("data dir") {
            let p = e.expect("entry").path();
            if p.extension().map_or(false, |x| x == "py") {
                v.push(p);
            }
        }
    }
    v.sort();
    assert!(v.len() > 100);
    v
}

fn ast_result(path: &Path, positions: bool) -> String {
    let bytes = std::fs::read(path).expect("read");
    let name = path.to_string_lossy();
    let r = source::decode_source(&bytes, &name).and_then(|s| parser::parse_module(&s, &name));
    match r {
        Ok(m) => ast_dump::dump_module(&m, positions),
        Err(e) => format!("ERR {} {}: {}\n", e.lineno, e.kind.name(), e.msg),
    }
}

fn expected(path: &Path, ext: &str) -> String {
    std::fs::read_to_string(path.with_extension(ext)).expect("expected output")
}

#[test]
fn ast_dumps_match_cpython() {
    let mut bad = Vec::new();
    for p in files() {
        for (ext, pos) in [("ast", false), ("astpos", true)] {
            let want = expected(&p, ext);
            let got = ast_result(&p, pos);
            // Syntax errors: kind, message and line must match exactly.
            if got != want {
                bad.push(format!(
                    "{} [{}]\n  want: {}\n  got:  {}",
                    p.display(),
                    ext,
                    &want[..want.len().min(300)],
                    &got[..got.len().min(300)]
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn token_dumps_match_cpython() {
    let mut bad = Vec::new();
    for p in files() {
        let bytes = std::fs::read(&p).expect("read");
        // The expected files were generated with relative paths `valid/x.py`.
        let rel = format!(
            "{}/{}",
            p.parent().and_then(|d| d.file_name()).map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            p.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
        );
        for (ext, exact) in [("tokens", false), ("tokense", true)] {
            let want = expected(&p, ext);
            let got = match tokens_dump::dump_tokens(&bytes, &rel, exact) {
                Ok(s) => s,
                Err(e) => format!("ERR: {e}"),
            };
            if got != want {
                bad.push(format!("{} [{}]", p.display(), ext));
            }
        }
    }
    assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn conformance_syntax_error_cases() {
    // Parser-stage cases of the shared conformance corpus, when it is present.
    let dir = Path::new("/work/shared/conformance/cases/syntax_errors");
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd {
        let p = e.expect("entry").path();
        if p.extension().map_or(true, |x| x != "py") {
            continue;
        }
        let exit = std::fs::read_to_string(p.with_extension("exit")).unwrap_or_default();
        let want = exit.lines().nth(1).unwrap_or("").to_string();
        let bytes = std::fs::read(&p).expect("read");
        let r = source::decode_source(&bytes, "f.py").and_then(|s| parser::parse_module(&s, "f.py"));
        if let Err(e) = r {
            assert_eq!(e.summary(), want, "{}", p.display());
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for n in [150usize, 300, 1000, 100_000] {
        let src = format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n));
        let r = parser::parse_module(&src, "deep.py");
        if n <= 200 {
            assert!(r.is_ok(), "{n}");
        } else {
            let e = r.expect_err("too deep");
            assert_eq!(e.msg, "too many nested parentheses");
        }
        let src = format!("x = {}1\n", "-".repeat(n));
        let _ = parser::parse_module(&src, "deep.py");
        let src = format!("x = {}\n", "[".repeat(n));
        assert!(parser::parse_module(&src, "deep.py").is_err());
    }
}

#[test]
fn ast_depth_limit_matches_cpython() {
    // ast.parse accepts 2985 nested unary minus operators and refuses 2986 (RecursionError).
    let ok = format!("x = {}1\n", "-".repeat(2985));
    assert!(parser::parse_module(&ok, "d.py").is_ok());
    let bad = format!("x = {}1\n", "-".repeat(2986));
    let e = parser::parse_module(&bad, "d.py").expect_err("too deep");
    assert_eq!(
        (e.kind.name(), e.msg.as_str()),
        ("RecursionError", "maximum recursion depth exceeded during compilation")
    );
    let indent: String =
        (0..100).map(|i| format!("{}if x:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(100) + "pass\n";
    let e = parser::parse_module(&indent, "d.py").expect_err("too many levels");
    assert_eq!((e.kind.name(), e.msg.as_str(), e.lineno), ("IndentationError", "too many levels of indentation", 101));
}

#[test]
fn cpython_test_syntax_cases() {
    // Parser-stage examples from CPython 3.11 Lib/test/test_syntax.py doctests and
    // test_fstring.py assertAllRaise cases, with the
    // kind, line and message CPython reports (syntax_cases.expected, one line per case).
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/frontend");
    let cases = std::fs::read_to_string(root.join("syntax_cases.txt")).expect("cases");
    let expected = std::fs::read_to_string(root.join("syntax_cases.expected")).expect("expected");
    let cases: Vec<&str> = cases.split("\n#####\n").collect();
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(cases.len(), expected.len());
    let mut bad = Vec::new();
    for (src, want) in cases.iter().zip(expected) {
        let got = match parser::parse_module(src, "<doctest>") {
            Ok(_) => "OK".to_string(),
            Err(e) => format!("ERR {} {}: {}", e.lineno, e.kind.name(), e.msg),
        };
        if got != want {
            bad.push(format!("{src:?}\n  want: {want}\n  got:  {got}"));
        }
    }
    assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn identifiers_are_nfkc_normalized_like_cpython() {
    // (identifier, unicodedata.normalize("NFKC", identifier)) from CPython 3.11: composition
    // across combining marks, canonical reordering, Hangul jamo, compatibility characters.
    let cases = [
        ("\u{65}\u{301}\u{74}\u{e9}", "\u{e9}\u{74}\u{e9}"),
        ("\u{41}\u{30a}", "\u{c5}"),
        ("\u{1100}\u{1161}\u{11a8}\u{78}", "\u{ac01}\u{78}"),
        ("\u{fb01}\u{6c}\u{65}", "\u{66}\u{69}\u{6c}\u{65}"),
        ("\u{61}\u{323}\u{301}", "\u{1ea1}\u{301}"),
        ("\u{65}\u{301}\u{323}", "\u{1eb9}\u{301}"),
        ("\u{1e9b}\u{323}", "\u{1e69}"),
        ("\u{212b}", "\u{c5}"),
        ("\u{c5}\u{327}", "\u{c5}\u{327}"),
        ("\u{6f}\u{308}\u{304}", "\u{22b}"),
        ("\u{b47}\u{b3e}", "\u{b4b}"),
        ("\u{78}\u{345}\u{314}\u{3b1}\u{314}\u{301}", "\u{78}\u{314}\u{345}\u{1f05}"),
        ("\u{2168}", "\u{49}\u{58}"),
        ("\u{ff21}\u{301}", "\u{c1}"),
    ];
    for (src, want) in cases {
        assert_eq!(compiler::lexer::nfkc_ident(src), want, "{src:?}");
    }
    let m = parser::parse_module("caf\u{65}\u{301} = 1\n", "t.py").unwrap();
    assert!(compiler::ast_dump::dump_module(&m, false).contains("Name(id='caf\u{e9}'"));
}
