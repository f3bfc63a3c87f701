//! Command-line behaviour of `pyc` and `pvm`: exit codes, error reports, refusal of damaged
//! files, deterministic output.

use std::process::Command;
use std::time::Duration;
use tests::{bin, run, TempDir};

const T: Duration = Duration::from_secs(20);

fn write(dir: &TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.path().join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

fn pyc(args: &[&std::ffi::OsStr]) -> tests::Outcome {
    let mut c = Command::new(bin("pyc"));
    c.args(args);
    run(c, b"", T)
}

fn pvm(args: &[&std::ffi::OsStr]) -> tests::Outcome {
    let mut c = Command::new(bin("pvm"));
    c.args(args);
    run(c, b"", T)
}

fn compile(dir: &TempDir, src: &str) -> std::path::PathBuf {
    let py = write(dir, "prog.py", src);
    let out = dir.path().join("prog.pyb");
    let o = pyc(&[py.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(o.status, 0, "pyc failed: {}", String::from_utf8_lossy(&o.stderr));
    out
}

#[test]
fn compiles_and_runs_with_arguments() {
    let d = TempDir::new();
    let pyb = compile(&d, "import sys\nprint('args', sys.argv[1:])\n");
    let o = pvm(&[pyb.as_os_str(), "x".as_ref(), "y".as_ref()]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "args ['x', 'y']\n");
    assert_eq!(o.status, 0);
}

#[test]
fn syntax_error_is_reported_like_cpython_and_writes_nothing() {
    let d = TempDir::new();
    let py = write(&d, "bad.py", "x = 1\nif x\n    pass\n");
    let out = d.path().join("bad.pyb");
    let o = pyc(&[py.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(o.status, 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("    if x\n"), "{err}");
    assert!(err.contains("^"), "{err}");
    assert_eq!(tests::last_line(&o.stderr), "SyntaxError: expected ':'");
    assert!(!out.exists(), "nothing may be written on error");
}

#[test]
fn same_source_gives_identical_bytes() {
    // Paths are recorded as given, so a build run from each tree's root with relative paths
    // must give the same bytes wherever the tree lives.
    let (a, b) = (TempDir::new(), TempDir::new());
    let src = "def f(x):\n    return [i * x for i in range(3)]\nprint(f(2))\n";
    let build = |d: &TempDir| {
        write(d, "prog.py", src);
        let mut c = Command::new(bin("pyc"));
        c.args(["prog.py", "-o", "prog.pyb"]).current_dir(d.path());
        assert_eq!(run(c, b"", T).status, 0);
        std::fs::read(d.path().join("prog.pyb")).unwrap()
    };
    assert_eq!(build(&a), build(&b));
}

#[test]
fn damaged_files_are_refused_with_one_line_and_status_2() {
    let d = TempDir::new();
    let pyb = compile(&d, "print('hello')\n");
    let good = std::fs::read(&pyb).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("text", b"print('hello')\n".to_vec()),
        ("truncated", good[..good.len() - 3].to_vec()),
        ("flipped", {
            let mut v = good.clone();
            let n = v.len();
            v[n - 2] ^= 0xff;
            v
        }),
        ("version", {
            let mut v = good.clone();
            v[8] = 99;
            v
        }),
    ];
    for (name, bytes) in cases {
        let p = d.path().join(format!("{name}.pyb"));
        std::fs::write(&p, &bytes).unwrap();
        let o = pvm(&[p.as_os_str()]);
        assert_eq!(o.status, 2, "{name}: {}", String::from_utf8_lossy(&o.stderr));
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}");
    }
    let p = d.path().join("version.pyb");
    let o = pvm(&[p.as_os_str()]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("built by format 99.0, this pvm reads"));
}

#[test]
fn missing_file_and_versions() {
    let o = pvm(&["/nonexistent/x.pyb".as_ref()]);
    assert_ne!(o.status, 0);
    assert!(pyc(&["--version".as_ref()]).status == 0);
    assert!(pvm(&["--version".as_ref()]).status == 0);
}

#[test]
fn dis_names_every_code_object() {
    let d = TempDir::new();
    let py = write(&d, "m.py", "def outer(a):\n    def inner():\n        return a\n    return inner\n");
    let o = pyc(&["dis".as_ref(), py.as_os_str()]);
    assert_eq!(o.status, 0, "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    for needle in ["<module>", "outer", "inner", "LOAD_CLOSURE", "LOAD_DEREF", "RETURN_VALUE"] {
        assert!(text.contains(needle), "missing {needle} in:\n{text}");
    }
}

#[test]
fn check_reports_each_failing_file() {
    let d = TempDir::new();
    write(&d, "ok.py", "x = 1\n");
    write(&d, "sub/bad.py", "def f(:\n");
    let o = pyc(&["check".as_ref(), d.path().as_os_str()]);
    assert_eq!(o.status, 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.py"));
    let ok = d.path().join("ok.py");
    assert_eq!(pyc(&["check".as_ref(), ok.as_os_str()]).status, 0);
}
