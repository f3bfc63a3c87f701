//! `pyc` command-line behaviour: outputs, exit statuses, CPython-style error reports.

use std::path::PathBuf;
use std::process::Command;

fn pyc() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pyc"))
}

fn tmpdir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pyc-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn compiles_a_file_and_disassembles_it() {
    let d = tmpdir("file");
    std::fs::write(d.join("m.py"), "def f(x):\n    return x + 1\nprint(f(2))\n").unwrap();
    let st = pyc().arg(d.join("m.py")).arg("-o").arg(d.join("m.pyb")).status().unwrap();
    assert!(st.success());
    let img = std::fs::read(d.join("m.pyb")).unwrap();
    let f = format::PybFile::from_bytes(img.clone()).unwrap();
    assert_eq!(f.table.modules[0].name, "__main__");
    assert_eq!(f.table.main, Some(0));
    // deterministic
    pyc().arg(d.join("m.py")).arg("-o").arg(d.join("m2.pyb")).status().unwrap();
    assert_eq!(img, std::fs::read(d.join("m2.pyb")).unwrap());
    let out = pyc().arg("dis").arg(d.join("m.pyb")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("BINARY_OP                    0 (+)"), "{text}");
    assert!(text.contains("STORE_NAME                   0 (f)"), "{text}");
}

#[test]
fn syntax_errors_are_reported_like_cpython() {
    let d = tmpdir("err");
    std::fs::write(d.join("bad.py"), "print(1)\nreturn 2\n").unwrap();
    let out = pyc().arg("bad.py").arg("-o").arg("bad.pyb").current_dir(&d).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "  File \"bad.py\", line 2\n    return 2\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n"
    );
    assert!(!d.join("bad.pyb").exists());
    let out = pyc().arg("check").arg(".").current_dir(&d).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(pyc().status().unwrap().code(), Some(2));
    assert_eq!(pyc().arg("dis").status().unwrap().code(), Some(2));
    let v = pyc().arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("pyc "));
}

#[test]
fn bundles_a_directory() {
    let d = tmpdir("dir");
    std::fs::create_dir_all(d.join("app/pkg")).unwrap();
    std::fs::write(d.join("app/main.py"), "from pkg import mod\nprint(mod.X)\n").unwrap();
    std::fs::write(d.join("app/pkg/__init__.py"), "").unwrap();
    std::fs::write(d.join("app/pkg/mod.py"), "X = 1\n").unwrap();
    let st = pyc().arg(d.join("app")).arg("-o").arg(d.join("app.pyb")).arg("--main").arg("main.py").status().unwrap();
    assert!(st.success());
    let f = format::PybFile::from_bytes(std::fs::read(d.join("app.pyb")).unwrap()).unwrap();
    let names: Vec<(&str, bool, &str)> =
        f.table.modules.iter().map(|m| (m.name.as_str(), m.is_package, m.filename.as_str())).collect();
    assert_eq!(
        names,
        vec![("main", false, "main.py"), ("pkg", true, "pkg/__init__.py"), ("pkg.mod", false, "pkg/mod.py")]
    );
    assert_eq!(f.table.main, Some(0));
}

#[test]
fn symtable_command_matches_reference_format() {
    let d = tmpdir("st");
    std::fs::write(d.join("s.py"), "def f(a):\n    return lambda: a\n").unwrap();
    let out = pyc().arg("symtable").arg("s.py").current_dir(&d).output().unwrap();
    // Generated with: python3 /work/shared/tools/symtable_dump.py s.py
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "scope module top line 0\n  f local assigned namespace\nscope function top.f line 1\n  a cell parameter\n\
scope function top.f.lambda line 2 nested\n  a free referenced\n"
    );
}
