//! Process-level behaviour of the `pvm` binary that its start-up code provides itself (it has
//! no Rust `lang_start`): arguments, SIGPIPE, the exit status; and name interning.

use std::io::Read;
use std::process::{Command, Stdio};

/// Compiles `src` to a bundle in a fresh temp dir; returns its path.
fn bundle(name: &str, src: &str) -> std::path::PathBuf {
    let code = compiler::compile::compile_source(src.as_bytes(), "t.py").expect("compiles");
    let input =
        format::ModuleInput { name: "__main__".into(), is_package: false, filename: "t.py".into(), code, source: None };
    let bytes = format::container::write_pyb(vec![input], Some("__main__"), 0, 0);
    let dir = std::env::temp_dir().join(format!("pvm-startup-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.pyb");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn argv_reaches_sys_argv() {
    let p = bundle("argv", "import sys\nprint(sys.argv[1:], len(sys.argv))\n");
    let out = Command::new(env!("CARGO_BIN_EXE_pvm")).arg(&p).args(["a b", "-x", "é"]).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "['a b', '-x', 'é'] 4\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn closed_stdout_pipe_is_broken_pipe_error_not_a_signal() {
    // Like CPython: SIGPIPE is ignored, the write fails with EPIPE, the program dies of an
    // uncaught BrokenPipeError with status 1 (it is not killed by the signal).
    let p = bundle("pipe", "for i in range(200000):\n    print(i)\n");
    let mut child =
        Command::new(env!("CARGO_BIN_EXE_pvm")).arg(&p).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "status {status:?}, stderr {err}");
    assert!(err.contains("BrokenPipeError"), "stderr: {err}");
}

#[test]
fn interned_names_are_shared_and_strs_compare_by_value() {
    let src = "import sys\n\
               a = ''.join(['spam', 'eggs'])\n\
               b = sys.intern(a)\n\
               print(b is sys.intern('spameggs'), a == 'spameggs', hash(a) == hash('spameggs'))\n\
               class C:\n    spameggs = 1\n\
               print(getattr(C, a), C.__dict__[a], 'x' * 70 == 'x' * 70)\n\
               d = {}\n\
               for i in range(2000):\n    d[sys.intern('n%d' % i)] = i\n\
               print(sum(d[sys.intern('n%d' % i)] for i in range(2000)))\n";
    let p = bundle("intern", src);
    let out = Command::new(env!("CARGO_BIN_EXE_pvm")).arg(&p).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "True True True\n1 1 True\n1999000\n",
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
}
