//! `pvm`'s import system from the command line: verification of every module it decodes
//! (refusal = one line, exit 2), lazy decoding, running a module of a `pyc -d` tree with the
//! tree root on `sys.path`, `pvm -m` with `PVMPATH`, `importlib.import_module` and `__import__`.
//! Run `cargo build --workspace` first.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use format::code::flags;
use format::container::write_pyb;
use format::{CodeObject, Constant, ModuleInput, Opcode};
use tests::{bin, run, Outcome, TempDir};

const T: Duration = Duration::from_secs(20);

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

fn pyc(args: &[&OsStr]) -> Outcome {
    let mut c = Command::new(bin("pyc"));
    c.args(args);
    run(c, b"", T)
}

/// Runs pvm in `cwd` with `PVMPATH` set to `pvmpath` (or unset).
fn pvm_in(cwd: &Path, pvmpath: Option<&str>, args: &[&OsStr]) -> Outcome {
    let mut c = Command::new(bin("pvm"));
    c.args(args).current_dir(cwd);
    match pvmpath {
        Some(p) => c.env("PVMPATH", p),
        None => c.env_remove("PVMPATH"),
    };
    run(c, b"", T)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Compiles the tree `src` into `out` with `pyc SRC -d OUT`.
fn tree(src: &Path, out: &Path) {
    let o = pyc(&[src.as_os_str(), "-d".as_ref(), out.as_os_str()]);
    assert_eq!(o.status, 0, "pyc -d failed: {}", text(&o.stderr));
}

/// A module body made by hand from raw instructions.
fn module_code(code: Vec<u8>, consts: Vec<Constant>) -> CodeObject {
    CodeObject {
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        stacksize: 2,
        flags: 0,
        code,
        consts,
        names: vec![],
        varnames: vec![],
        cellvars: vec![],
        freevars: vec![],
        filename: "bad.py".into(),
        name: "<module>".into(),
        qualname: "<module>".into(),
        firstlineno: 1,
        linetable: vec![],
        exceptiontable: vec![],
    }
}

/// `LOAD_FAST 250; RETURN_VALUE` in a module without locals: refused by the verifier.
fn bad_code() -> CodeObject {
    module_code(vec![Opcode::LOAD_FAST as u8, 250, Opcode::RETURN_VALUE as u8, 0], vec![])
}

/// `LOAD_CONST None; RETURN_VALUE`: a valid, silent module.
fn good_code() -> CodeObject {
    module_code(vec![Opcode::LOAD_CONST as u8, 0, Opcode::RETURN_VALUE as u8, 0], vec![Constant::None])
}

fn input(name: &str, code: CodeObject) -> ModuleInput {
    ModuleInput { name: name.into(), is_package: false, filename: format!("{name}.py"), code, source: None }
}

fn assert_refused(o: &Outcome, file: &Path, module: &str) {
    assert_eq!(o.status, 2, "stderr: {}", text(&o.stderr));
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "one line expected: {err:?}");
    let want = format!("pvm: {}: module '{module}', code object '<module>' at offset 0: ", file.display());
    assert!(err.starts_with(&want), "{err:?} should start with {want:?}");
    assert!(err.contains("250"), "the message names the bad operand: {err:?}");
}

#[test]
fn a_main_module_that_fails_verification_is_refused_with_one_line() {
    let d = TempDir::new();
    let f = d.path().join("bad.pyb");
    std::fs::write(&f, write_pyb(vec![input("bad", bad_code())], Some("bad"), 0, 0)).unwrap();
    let o = pvm_in(d.path(), None, &[f.as_os_str()]);
    assert_refused(&o, &f, "bad");
    assert!(o.stdout.is_empty());
    // A nested code object is verified with its module.
    let mut outer = good_code();
    outer.consts.push(Constant::Code(Box::new(CodeObject { flags: flags::OPTIMIZED, ..bad_code() })));
    let f2 = d.path().join("nested.pyb");
    std::fs::write(&f2, write_pyb(vec![input("nested", outer)], Some("nested"), 0, 0)).unwrap();
    let o = pvm_in(d.path(), None, &[f2.as_os_str()]);
    assert_eq!(o.status, 2, "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr).lines().count(), 1);
    assert!(text(&o.stderr).contains("module 'nested'"), "{}", text(&o.stderr));
}

#[test]
fn an_imported_module_is_verified_before_any_of_it_runs() {
    let d = TempDir::new();
    let src = d.path().join("src");
    write(&src, "main.py", "print('before', flush=False)\nimport bad\nprint('after')\n");
    let out = d.path().join("out");
    tree(&src, &out);
    let bad = out.join("bad.pyb");
    std::fs::write(&bad, write_pyb(vec![input("bad", bad_code())], Some("bad"), 0, 0)).unwrap();
    let o = pvm_in(d.path(), None, &[out.join("main.pyb").as_os_str()]);
    assert_refused(&o, &bad, "bad");
    assert_eq!(text(&o.stdout), "before\n", "output before the import is kept");
    // A damaged imported file (checksum) is refused the same way.
    let mut bytes = std::fs::read(&bad).unwrap();
    let n = bytes.len();
    bytes[n - 1] ^= 0xff;
    std::fs::write(&bad, bytes).unwrap();
    let o = pvm_in(d.path(), None, &[out.join("main.pyb").as_os_str()]);
    assert_eq!(o.status, 2);
    let err = text(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with(&format!("pvm: {}: ", bad.display())), "{err}");
}

#[test]
fn modules_that_are_not_imported_are_never_decoded() {
    let d = TempDir::new();
    let f = d.path().join("lib.pyb");
    // The bad module sits in the bundle but nothing imports it: the program runs.
    std::fs::write(&f, write_pyb(vec![input("main", good_code()), input("unused", bad_code())], Some("main"), 0, 0))
        .unwrap();
    let o = pvm_in(d.path(), None, &[f.as_os_str()]);
    assert_eq!(o.status, 0, "{}", text(&o.stderr));
    assert!(o.stderr.is_empty());
}

fn sample_tree(d: &TempDir) -> PathBuf {
    let src = d.path().join("src");
    write(&src, "pkg/__init__.py", "print('init', __name__, __package__)\nX = 1\n");
    write(&src, "pkg/util.py", "def f():\n    return 'util.f'\n");
    write(&src, "pkg/sub/__init__.py", "");
    write(
        &src,
        "pkg/sub/__main__.py",
        "import sys\nprint('sub main', __name__, __package__, sys.argv[1:])\nfrom .. import util\nprint(util.f())\n",
    );
    write(
        &src,
        "pkg/mod.py",
        concat!(
            "import sys\n",
            "print(__name__, __package__, sys.argv[1:])\n",
            "from . import util\n",
            "from .util import f\n",
            "import pkg.util as pu\n",
            "print(f(), pu is util, sys.modules['pkg.util'] is util, sys.modules['pkg'].util is util)\n",
            "print(sys.path[0])\n",
        ),
    );
    write(&src, "top.py", "import sys\nprint('top', __name__, repr(__package__), sys.argv[1:])\n");
    let out = d.path().join("out");
    tree(&src, &out);
    out
}

#[test]
fn a_tree_module_runs_with_the_tree_root_on_the_path() {
    let d = TempDir::new();
    let out = sample_tree(&d);
    let o = pvm_in(d.path(), None, &[out.join("pkg/mod.pyb").as_os_str(), "a".as_ref()]);
    assert_eq!(o.status, 0, "{}", text(&o.stderr));
    let root = std::path::absolute(&out).unwrap();
    assert_eq!(
        text(&o.stdout),
        format!("__main__ pkg ['a']\ninit pkg pkg\nutil.f True True True\n{}\n", root.display())
    );
}

#[test]
fn dash_m_runs_modules_and_packages_from_the_search_path() {
    let d = TempDir::new();
    let out = sample_tree(&d);
    // The current directory is searched.
    let o = pvm_in(&out, None, &["-m".as_ref(), "pkg.mod".as_ref(), "x".as_ref()]);
    assert_eq!(o.status, 0, "{}", text(&o.stderr));
    let cwd = std::path::absolute(&out).unwrap();
    assert_eq!(
        text(&o.stdout),
        format!("init pkg pkg\n__main__ pkg ['x']\nutil.f True True True\n{}\n", cwd.display())
    );
    // PVMPATH entries come after the current directory; a package runs its __main__.
    let elsewhere = d.path();
    let pp = format!("/nonexistent:{}", out.display());
    let o = pvm_in(elsewhere, Some(&pp), &["-m".as_ref(), "pkg.sub".as_ref(), "q".as_ref()]);
    assert_eq!(o.status, 0, "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "init pkg pkg\nsub main __main__ pkg.sub ['q']\nutil.f\n");
    let o = pvm_in(elsewhere, Some(&pp), &["-m".as_ref(), "top".as_ref()]);
    assert_eq!(text(&o.stdout), "top __main__ '' []\n", "{}", text(&o.stderr));
    // Errors as python3 -m: missing module, package without __main__, missing parent.
    let o = pvm_in(elsewhere, Some(&pp), &["-m".as_ref(), "nosuch".as_ref()]);
    assert_eq!((o.status, text(&o.stderr)), (1, "pvm: No module named nosuch\n".to_string()));
    let o = pvm_in(elsewhere, Some(&pp), &["-m".as_ref(), "pkg".as_ref()]);
    assert_eq!(o.status, 1);
    assert_eq!(
        text(&o.stderr),
        "pvm: No module named pkg.__main__; 'pkg' is a package and cannot be directly executed\n"
    );
    let o = pvm_in(elsewhere, Some(&pp), &["-m".as_ref(), "nosuch.x".as_ref()]);
    assert_eq!(o.status, 1);
    assert_eq!(
        text(&o.stderr),
        "pvm: Error while finding module specification for 'nosuch.x' (ModuleNotFoundError: No module named 'nosuch')\n"
    );
    // Without PVMPATH the tree is not found from elsewhere.
    let o = pvm_in(elsewhere, None, &["-m".as_ref(), "pkg.mod".as_ref()]);
    assert_eq!(o.status, 1);
    // -m needs an argument: usage error; `-mNAME` is accepted as by python3.
    let o = pvm_in(elsewhere, None, &["-m".as_ref()]);
    assert_eq!(o.status, 2);
    let o = pvm_in(&out, None, &["-mtop".as_ref(), "z".as_ref()]);
    assert_eq!((o.status, text(&o.stdout)), (0, "top __main__ '' ['z']\n".to_string()), "{}", text(&o.stderr));
    // An unknown option is a usage error.
    let o = pvm_in(elsewhere, None, &["--frobnicate".as_ref()]);
    assert_eq!(o.status, 2);
    assert!(text(&o.stderr).starts_with("pvm: unknown option --frobnicate"), "{}", text(&o.stderr));
}

#[test]
fn namespace_packages_in_a_tree() {
    let d = TempDir::new();
    let src = d.path().join("src");
    write(&src, "ns/a.py", "A = 'a'\n");
    write(&src, "ns/sub/b.py", "from ..a import A\nB = A + 'b'\n");
    write(
        &src,
        "main.py",
        "import ns.sub.b\nfrom ns import a\nprint(ns.sub.b.B, a.A, ns.__file__, ns.sub.__package__)\n",
    );
    let out = d.path().join("out");
    tree(&src, &out);
    let o = pvm_in(d.path(), None, &[out.join("main.pyb").as_os_str()]);
    assert_eq!((o.status, text(&o.stdout)), (0, "ab a None ns.sub\n".to_string()), "{}", text(&o.stderr));
}

#[test]
fn importlib_import_module_and_dunder_import() {
    let d = TempDir::new();
    let src = d.path().join("src");
    write(&src, "pkg/__init__.py", "");
    write(&src, "pkg/a.py", "NAME = 'a'\n");
    write(&src, "pkg/b/__init__.py", "");
    write(&src, "pkg/b/c.py", "NAME = 'c'\n");
    write(
        &src,
        "main.py",
        concat!(
            "import importlib, sys\n",
            "m = importlib.import_module('pkg.b.c')\n",
            "print(m.__name__, m.NAME)\n",
            "print(importlib.import_module('.a', 'pkg').NAME)\n",
            "print(importlib.import_module('..a', 'pkg.b').NAME)\n",
            "try:\n    importlib.import_module('.a')\nexcept TypeError as e:\n    print(e)\n",
            "try:\n    importlib.import_module('...x', 'pkg')\nexcept ImportError as e:\n    print(e)\n",
            "try:\n    importlib.import_module('pkg.zz')\nexcept ModuleNotFoundError as e:\n    print(e, e.name)\n",
            "print(__import__('pkg.b.c').__name__, __import__('pkg.b.c', fromlist=['NAME']).__name__)\n",
            "print(__import__('a', globals={'__package__': 'pkg', '__name__': 'pkg.x'}, level=1).NAME)\n",
            "print(importlib.reload(m) is m)\n",
        ),
    );
    let out = d.path().join("out");
    tree(&src, &out);
    let o = pvm_in(d.path(), None, &[out.join("main.pyb").as_os_str()]);
    assert_eq!(o.status, 0, "{}", text(&o.stderr));
    let py = Command::new("python3").arg(src.join("main.py")).output().expect("python3");
    assert_eq!(text(&o.stdout), text(&py.stdout), "same as CPython");
}

#[test]
fn bundle_modules_come_first_then_the_search_path() {
    let d = TempDir::new();
    let app = d.path().join("app");
    write(
        &app,
        "main.py",
        concat!(
            "import sys, util, extra\n",
            "print(util.WHERE, extra.WHERE)\n",
            "print(sys.path[0] == sys.argv[1], sys.path[1:] == sys.argv[2:])\n",
        ),
    );
    write(&app, "util.py", "WHERE = 'bundle'\n");
    let bundle = d.path().join("app.pyb");
    let o = pyc(&[app.as_os_str(), "-o".as_ref(), bundle.as_os_str(), "--main".as_ref(), "main.py".as_ref()]);
    assert_eq!(o.status, 0, "{}", text(&o.stderr));
    let lib = d.path().join("lib");
    write(&lib, "util.py", "WHERE = 'path'\n");
    write(&lib, "extra.py", "WHERE = 'path'\n");
    let libout = d.path().join("libout");
    tree(&lib, &libout);
    let root = std::path::absolute(d.path()).unwrap();
    let libabs = std::path::absolute(&libout).unwrap();
    let pp = format!("{}::/nowhere", libabs.display());
    let o =
        pvm_in(d.path(), Some(&pp), &[bundle.as_os_str(), root.as_os_str(), libabs.as_os_str(), "/nowhere".as_ref()]);
    assert_eq!((o.status, text(&o.stdout)), (0, "bundle path\nTrue True\n".to_string()), "{}", text(&o.stderr));
}

#[test]
fn usage_errors_and_version() {
    let d = TempDir::new();
    let o = pvm_in(d.path(), None, &[]);
    assert_eq!(o.status, 2);
    assert!(text(&o.stderr).starts_with("usage: pvm"), "{}", text(&o.stderr));
    let o = pvm_in(d.path(), None, &["-V".as_ref()]);
    assert_eq!(o.status, 0);
    assert!(text(&o.stdout).starts_with("pvm "));
    let missing = d.path().join("missing.pyb");
    let o = pvm_in(d.path(), None, &[missing.as_os_str()]);
    assert_eq!(o.status, 2);
    assert_eq!(text(&o.stderr).lines().count(), 1);
}

#[test]
fn sys_path_changes_at_run_time_are_searched() {
    let d = TempDir::new();
    let lib = d.path().join("lib");
    write(&lib, "late.py", "print('late imported', __name__)\n");
    let libout = d.path().join("libout");
    tree(&lib, &libout);
    let app = d.path().join("app");
    write(
        &app,
        "main.py",
        concat!(
            "import sys\n",
            "try:\n    import late\nexcept ModuleNotFoundError as e:\n    print(e)\n",
            "sys.path.insert(0, sys.argv[1])\n",
            "import late\n",
            "print(sys.modules['late'] is late)\n",
        ),
    );
    let out = d.path().join("out");
    tree(&app, &out);
    let o = pvm_in(d.path(), None, &[out.join("main.pyb").as_os_str(), libout.as_os_str()]);
    assert_eq!(
        (o.status, text(&o.stdout)),
        (0, "No module named 'late'\nlate imported late\nTrue\n".to_string()),
        "{}",
        text(&o.stderr)
    );
}
