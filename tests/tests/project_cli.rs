//! `pyc` for projects and build scripts: bundles of nested packages, `-d` trees (incremental,
//! parallel), exit codes, diagnostics formats, depfiles, determinism, `--strip`,
//! `--embed-source`, versions.

use format::container::header_flags;
use format::{Constant, PybFile};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use tests::{bin, run, Outcome, TempDir};

const T: Duration = Duration::from_secs(30);

fn write(root: &Path, name: &str, text: &str) -> PathBuf {
    let p = root.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

fn pyc_in(cwd: &Path, args: &[&OsStr]) -> Outcome {
    let mut c = Command::new(bin("pyc"));
    c.args(args).current_dir(cwd);
    run(c, b"", T)
}

fn pvm_in(cwd: &Path, args: &[&OsStr]) -> Outcome {
    let mut c = Command::new(bin("pvm"));
    c.args(args).current_dir(cwd);
    run(c, b"", T)
}

fn s(o: &[u8]) -> String {
    String::from_utf8_lossy(o).to_string()
}

fn os(x: &str) -> &OsStr {
    OsStr::new(x)
}

/// A small project with nested packages under `root/src`.
fn project(root: &Path) -> PathBuf {
    let src = root.join("src");
    write(&src, "main.py", "import app.util.text as t\nfrom app import VERSION\nprint(t.shout('hi'), VERSION)\n");
    write(&src, "app/__init__.py", "\"\"\"The app.\"\"\"\nVERSION = 3\n");
    write(&src, "app/util/__init__.py", "");
    write(&src, "app/util/text.py", "def shout(s):\n    \"\"\"Upper-cases.\"\"\"\n    return s.upper() + '!'\n");
    write(&src, "app/cli.py", "import sys\nprint('cli', sys.argv[1:])\n");
    src
}

fn ok(o: &Outcome) {
    assert_eq!(o.status, 0, "stdout: {}\nstderr: {}", s(&o.stdout), s(&o.stderr));
}

#[test]
fn bundle_has_a_sorted_module_table_and_runs_main() {
    let d = TempDir::new();
    let src = project(d.path());
    let o = pyc_in(d.path(), &[os("src"), os("-o"), os("app.pyb"), os("--main"), os("main.py")]);
    ok(&o);
    assert!(o.stdout.is_empty() && o.stderr.is_empty(), "quiet by default: {}", s(&o.stderr));
    let f = PybFile::open(&d.path().join("app.pyb")).unwrap();
    let names: Vec<(&str, bool, &str)> =
        f.table.modules.iter().map(|m| (m.name.as_str(), m.is_package, m.filename.as_str())).collect();
    assert_eq!(
        names,
        vec![
            ("app", true, "app/__init__.py"),
            ("app.cli", false, "app/cli.py"),
            ("app.util", true, "app/util/__init__.py"),
            ("app.util.text", false, "app/util/text.py"),
            ("main", false, "main.py"),
        ]
    );
    assert_eq!(f.table.main, Some(4));
    assert_ne!(f.header.flags & header_flags::BUNDLE, 0);
    // Each code object records the root-relative file name.
    assert_eq!(f.load_module(3).unwrap().filename, "app/util/text.py");
    let r = pvm_in(d.path(), &[os("app.pyb")]);
    assert_eq!(s(&r.stdout), "HI! 3\n", "{}", s(&r.stderr));
    assert_eq!(r.status, 0);
    drop(src);
}

#[test]
fn main_can_be_a_dotted_module_name() {
    let d = TempDir::new();
    project(d.path());
    let o = pyc_in(d.path(), &[os("src"), os("-o"), os("cli.pyb"), os("--main"), os("app.cli")]);
    ok(&o);
    let f = PybFile::open(&d.path().join("cli.pyb")).unwrap();
    assert_eq!(f.table.modules[f.table.main.unwrap() as usize].name, "app.cli");
    let r = pvm_in(d.path(), &[os("cli.pyb"), os("a"), os("b")]);
    assert_eq!(s(&r.stdout), "cli ['a', 'b']\n", "{}", s(&r.stderr));
    // A nested file path works too.
    ok(&pyc_in(d.path(), &[os("src"), os("-o"), os("cli2.pyb"), os("--main"), os("app/cli.py")]));
    assert_eq!(std::fs::read(d.path().join("cli.pyb")).unwrap(), std::fs::read(d.path().join("cli2.pyb")).unwrap());
}

#[test]
fn identical_sources_give_identical_bytes_in_any_directory() {
    let (a, b) = (TempDir::new(), TempDir::new());
    let deeper = b.path().join("some/where/else");
    std::fs::create_dir_all(&deeper).unwrap();
    let sa = project(a.path());
    let sb = project(&deeper);
    // Different working directories, relative vs absolute paths, different job counts.
    ok(&pyc_in(a.path(), &[os("src"), os("-o"), os("x.pyb"), os("--main"), os("main.py"), os("-j"), os("1")]));
    let out_b = b.path().join("y.pyb");
    ok(&pyc_in(
        Path::new("/"),
        &[sb.as_os_str(), os("-o"), out_b.as_os_str(), os("--main"), os("main.py"), os("-j"), os("4")],
    ));
    assert_eq!(std::fs::read(a.path().join("x.pyb")).unwrap(), std::fs::read(&out_b).unwrap());
    // Trees too.
    ok(&pyc_in(a.path(), &[os("src"), os("-d"), os("tree")]));
    let tb = b.path().join("tree2");
    ok(&pyc_in(Path::new("/"), &[sb.as_os_str(), os("-d"), tb.as_os_str(), os("-j"), os("3")]));
    for rel in ["main.pyb", "app/__init__.pyb", "app/util/text.pyb"] {
        assert_eq!(
            std::fs::read(a.path().join("tree").join(rel)).unwrap(),
            std::fs::read(tb.join(rel)).unwrap(),
            "{rel}"
        );
    }
    drop(sa);
}

#[test]
fn tree_has_one_pyb_per_module_in_the_same_layout() {
    let d = TempDir::new();
    project(d.path());
    write(&d.path().join("src"), "__pycache__/junk.py", "x = (\n");
    let o = pyc_in(d.path(), &[os("src"), os("-d"), os("out")]);
    ok(&o);
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
    let out = d.path().join("out");
    for (rel, name, pkg) in [
        ("main.pyb", "main", false),
        ("app/__init__.pyb", "app", true),
        ("app/cli.pyb", "app.cli", false),
        ("app/util/__init__.pyb", "app.util", true),
        ("app/util/text.pyb", "app.util.text", false),
    ] {
        let f = PybFile::open(&out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
        assert_eq!(f.table.modules.len(), 1);
        let m = &f.table.modules[0];
        assert_eq!((m.name.as_str(), m.is_package), (name, pkg), "{rel}");
        assert_eq!(m.filename, rel.replace(".pyb", ".py"));
        assert_eq!(f.table.main, Some(0));
        assert_eq!(f.header.flags & header_flags::BUNDLE, 0);
        let text = std::fs::read(d.path().join("src").join(rel.replace(".pyb", ".py"))).unwrap();
        assert_eq!(f.header.source_hash, format::container::source_hash(&text));
    }
    assert!(!out.join("__pycache__").exists());
    // A module of the tree that imports nothing runs directly.
    let r = pvm_in(d.path(), &[out.join("app/cli.pyb").as_os_str(), os("z")]);
    assert_eq!(s(&r.stdout), "cli ['z']\n", "{}", s(&r.stderr));
}

fn mtimes(dir: &Path) -> Vec<(PathBuf, std::time::SystemTime)> {
    let mut v = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                v.push((e.path(), e.metadata().unwrap().modified().unwrap()));
            }
        }
    }
    v.sort();
    v
}

#[test]
fn tree_recompiles_only_changed_files_unless_forced() {
    let d = TempDir::new();
    let src = project(d.path());
    ok(&pyc_in(d.path(), &[os("src"), os("-d"), os("out")]));
    let before = mtimes(&d.path().join("out"));
    std::thread::sleep(Duration::from_millis(30));
    // Nothing changed: everything is skipped.
    let o = pyc_in(d.path(), &[os("src"), os("-d"), os("out"), os("-v")]);
    ok(&o);
    let log = s(&o.stderr);
    assert!(log.contains("0 compiled, 5 up to date, 0 failed"), "{log}");
    assert_eq!(mtimes(&d.path().join("out")), before);
    // Touching the file without changing it recompiles nothing either (hashes, not times).
    let t = src.join("app/util/text.py");
    std::fs::write(&t, std::fs::read(&t).unwrap()).unwrap();
    let o = pyc_in(d.path(), &[os("src"), os("-d"), os("out"), os("-v")]);
    assert!(s(&o.stderr).contains("0 compiled, 5 up to date"), "{}", s(&o.stderr));
    // Editing one file recompiles only that one.
    write(&src, "app/util/text.py", "def shout(s):\n    return s.upper() + '!!'\n");
    let o = pyc_in(d.path(), &[os("src"), os("-d"), os("out"), os("-v")]);
    ok(&o);
    let log = s(&o.stderr);
    assert!(log.contains("Compiled app/util/text.py"), "{log}");
    assert!(log.contains("1 compiled, 4 up to date, 0 failed"), "{log}");
    let after = mtimes(&d.path().join("out"));
    let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).map(|(a, _)| a.0.clone()).collect();
    assert_eq!(changed, vec![d.path().join("out/app/util/text.pyb")]);
    // --force recompiles everything.
    let o = pyc_in(d.path(), &[os("src"), os("-d"), os("out"), os("-v"), os("--force")]);
    assert!(s(&o.stderr).contains("5 compiled, 0 up to date"), "{}", s(&o.stderr));
    // Different options make the outputs stale.
    let o = pyc_in(d.path(), &[os("src"), os("-d"), os("out"), os("-v"), os("--strip")]);
    assert!(s(&o.stderr).contains("5 compiled, 0 up to date"), "{}", s(&o.stderr));
    // A damaged output is rebuilt.
    std::fs::write(d.path().join("out/main.pyb"), b"junk").unwrap();
    let o = pyc_in(d.path(), &[os("src"), os("-d"), os("out"), os("-v"), os("--strip")]);
    assert!(s(&o.stderr).contains("1 compiled, 4 up to date"), "{}", s(&o.stderr));
    assert!(PybFile::open(&d.path().join("out/main.pyb")).is_ok());
}

#[test]
fn jobs_quiet_and_verbose() {
    let d = TempDir::new();
    project(d.path());
    for j in ["1", "2", "8"] {
        let out = format!("out{j}");
        let o = pyc_in(d.path(), &[os("src"), os("-d"), os(&out), os("-j"), os(j), os("-q")]);
        ok(&o);
        assert!(o.stderr.is_empty() && o.stdout.is_empty(), "-q prints nothing: {}", s(&o.stderr));
    }
    assert_eq!(mtimes(&d.path().join("out1")).len(), 5);
    for rel in ["main.pyb", "app/cli.pyb", "app/util/text.pyb"] {
        let a = std::fs::read(d.path().join("out1").join(rel)).unwrap();
        assert_eq!(a, std::fs::read(d.path().join("out8").join(rel)).unwrap());
    }
    let o = pyc_in(d.path(), &[os("src"), os("-o"), os("b.pyb"), os("-v")]);
    ok(&o);
    let log = s(&o.stderr);
    for f in ["Compiled main.py", "Compiled app/util/text.py", "Bundled 5 modules into b.pyb"] {
        assert!(log.contains(f), "{log}");
    }
    // A library bundle (no --main) has no main module.
    assert_eq!(PybFile::open(&d.path().join("b.pyb")).unwrap().table.main, None);
    let bad = pyc_in(d.path(), &[os("src"), os("-d"), os("o"), os("-j"), os("many")]);
    assert_eq!(bad.status, 2);
    let both = pyc_in(d.path(), &[os("src"), os("-d"), os("o"), os("-q"), os("-v")]);
    assert_eq!(both.status, 2);
}

#[test]
fn exit_codes_zero_one_two() {
    let d = TempDir::new();
    project(d.path());
    write(d.path(), "bad/main.py", "x = 1\n");
    write(d.path(), "bad/pkg/broken.py", "def f(:\n    pass\n");
    ok(&pyc_in(d.path(), &[os("src"), os("-o"), os("a.pyb")]));
    // Source errors: 1, and nothing is written.
    let o = pyc_in(d.path(), &[os("bad"), os("-o"), os("bad.pyb"), os("--main"), os("main.py")]);
    assert_eq!(o.status, 1);
    assert!(!d.path().join("bad.pyb").exists());
    assert_eq!(tests::last_line(&o.stderr), "SyntaxError: invalid syntax");
    assert!(s(&o.stderr).contains("File \"pkg/broken.py\", line 1"), "{}", s(&o.stderr));
    let o = pyc_in(d.path(), &[os("bad"), os("-d"), os("badtree")]);
    assert_eq!(o.status, 1);
    assert!(d.path().join("badtree/main.pyb").exists(), "good files of a tree are still written");
    assert!(!d.path().join("badtree/pkg/broken.pyb").exists());
    let o = pyc_in(d.path(), &[os("nonexistent.py")]);
    assert_eq!(o.status, 1);
    // An output that cannot be written is an error of 1 too, with one line naming it.
    let o = pyc_in(d.path(), &[os("src"), os("-o"), os("src/main.py/x.pyb")]);
    assert_eq!(o.status, 1);
    assert!(s(&o.stderr).starts_with("pyc: cannot write src/main.py/x.pyb"), "{}", s(&o.stderr));
    // Usage errors: 2.
    for args in [
        vec!["src"],                                     // a directory needs -o or -d
        vec!["src", "-o", "x.pyb", "--main", "nope.py"], // no such main
        vec!["src", "-o", "x.pyb", "-d", "out"],         // -o and -d
        vec!["src/main.py", "-d", "out"],                // -d needs a directory
        vec!["src/main.py", "--main", "main.py"],        // --main needs a directory
        vec!["src", "-o", "x.pyb", "--message-format", "xml"],
        vec!["src", "-o", "x.pyb", "--no-such-flag"],
        vec![],
    ] {
        let a: Vec<&OsStr> = args.iter().map(|x| os(x)).collect();
        let o = pyc_in(d.path(), &a);
        assert_eq!(o.status, 2, "{args:?}: {}", s(&o.stderr));
        assert!(!o.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn short_messages_one_line_per_error() {
    let d = TempDir::new();
    write(d.path(), "p/a.py", "x = (1,\n");
    write(d.path(), "p/b.py", "ok = 1\n");
    write(d.path(), "p/sub/c.py", "if x\n    pass\n");
    let o = pyc_in(d.path(), &[os("p"), os("-d"), os("out"), os("--message-format"), os("short")]);
    assert_eq!(o.status, 1);
    let err = s(&o.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        vec!["a.py:1:5: SyntaxError: '(' was never closed", "sub/c.py:1:5: SyntaxError: expected ':'"],
        "{err}"
    );
    // A bundle reports every failing module, not only the first.
    let o = pyc_in(d.path(), &[os("p"), os("-o"), os("x.pyb"), os("--message-format"), os("short")]);
    assert_eq!(o.status, 1);
    assert_eq!(s(&o.stderr).lines().count(), 2, "{}", s(&o.stderr));
    // A single file.
    let o = pyc_in(d.path(), &[os("p/sub/c.py"), os("--message-format=short")]);
    assert_eq!(s(&o.stderr), "p/sub/c.py:1:5: SyntaxError: expected ':'\n");
}

#[test]
fn json_messages_one_object_per_diagnostic() {
    let d = TempDir::new();
    write(d.path(), "p/a.py", "x = (1,\n");
    write(d.path(), "p/sub/c.py", "if x\n    pass\n");
    write(d.path(), "p/tabs.py", "if 1:\n\tx = 1\n        y = 2\n");
    let o = pyc_in(d.path(), &[os("p"), os("-o"), os("x.pyb"), os("--message-format"), os("json")]);
    assert_eq!(o.status, 1);
    let out = s(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    // (end_column is the front end's business: CPython says 5 here.)
    let l1 = lines[1];
    assert!(l1.starts_with("{\"file\":\"sub/c.py\",\"line\":1,\"column\":5,\"end_line\":1,\"end_column\":"), "{l1}");
    assert!(
        l1.ends_with(
            ",\"severity\":\"error\",\"kind\":\"SyntaxError\",\"message\":\"expected ':'\",\"text\":\"if x\",\
             \"rendered\":\"sub/c.py:1:5: SyntaxError: expected ':'\"}"
        ),
        "{l1}"
    );
    assert!(lines[0].contains("\"file\":\"a.py\"") && lines[0].contains("was never closed"), "{}", lines[0]);
    assert!(lines[2].contains("\"kind\":\"TabError\""), "{}", lines[2]);
    for l in &lines {
        assert!(l.starts_with('{') && l.ends_with('}'));
    }
    // Success: no output at all.
    write(d.path(), "q/m.py", "print(1)\n");
    let o = pyc_in(d.path(), &[os("q"), os("-o"), os("q.pyb"), os("--message-format"), os("json")]);
    ok(&o);
    assert!(o.stdout.is_empty());
    // Unwritable outputs are diagnostics too.
    write(d.path(), "blocker", "a file, not a directory\n");
    let o = pyc_in(d.path(), &[os("q"), os("-d"), os("blocker/out"), os("--message-format"), os("json")]);
    assert_eq!(o.status, 1);
    let out = s(&o.stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("{\"file\":\"blocker/out/m.pyb\",\"line\":0,") && out.contains("\"kind\":\"error\""),
        "{out}"
    );
}

#[test]
fn depfile_lists_every_source_in_make_syntax() {
    let d = TempDir::new();
    project(d.path());
    write(d.path(), "src/dir with space/m.py", "pass\n");
    ok(&pyc_in(
        d.path(),
        &[os("src"), os("-o"), os("app.pyb"), os("--main"), os("main.py"), os("--depfile"), os("app.d")],
    ));
    let dep = std::fs::read_to_string(d.path().join("app.d")).unwrap();
    let first_rule: String = dep.split("\n\n").next().unwrap().to_string();
    assert_eq!(
        first_rule,
        "app.pyb: \\\n  src/app/__init__.py \\\n  src/app/cli.py \\\n  src/app/util/__init__.py \\\n  \
         src/app/util/text.py \\\n  src/dir\\ with\\ space/m.py \\\n  src/main.py"
    );
    assert!(dep.contains("\nsrc/main.py:\n"), "phony targets: {dep}");
    // Single file.
    ok(&pyc_in(d.path(), &[os("src/main.py"), os("-o"), os("one.pyb"), os("--depfile"), os("one.d")]));
    assert_eq!(
        std::fs::read_to_string(d.path().join("one.d")).unwrap(),
        "one.pyb: \\\n  src/main.py\n\nsrc/main.py:\n"
    );
    // Tree: one rule per output.
    ok(&pyc_in(d.path(), &[os("src"), os("-d"), os("out"), os("--depfile"), os("out.d")]));
    let dep = std::fs::read_to_string(d.path().join("out.d")).unwrap();
    assert!(dep.contains("out/app/cli.pyb: \\\n  src/app/cli.py\n"), "{dep}");
    assert_eq!(dep.matches(".pyb:").count(), 6, "{dep}");
    // No depfile on failure.
    write(d.path(), "src/broken.py", "(\n");
    let o = pyc_in(d.path(), &[os("src"), os("-o"), os("b.pyb"), os("--depfile"), os("b.d")]);
    assert_eq!(o.status, 1);
    assert!(!d.path().join("b.d").exists());
}

const STRIP_SRC: &str = "\"\"\"Module doc.\"\"\"\n\
class C:\n    \"\"\"Class doc.\"\"\"\n    def m(self):\n        \"\"\"Method doc.\"\"\"\n        return 1\n\
def f():\n    \"\"\"F doc.\"\"\"\n\
print(__doc__, C.__doc__, C.m.__doc__, f.__doc__, __debug__)\n\
try:\n    assert False, 'asserted'\n    print('no assert')\nexcept AssertionError as e:\n    print('assert', e)\n\
if __debug__:\n    print('debug')\n";

#[test]
fn strip_is_python_oo() {
    let d = TempDir::new();
    write(d.path(), "p/main.py", STRIP_SRC);
    ok(&pyc_in(d.path(), &[os("p"), os("-o"), os("full.pyb"), os("--main"), os("main")]));
    ok(&pyc_in(d.path(), &[os("p"), os("-o"), os("strip.pyb"), os("--main"), os("main"), os("--strip")]));
    let full = pvm_in(d.path(), &[os("full.pyb")]);
    assert_eq!(
        s(&full.stdout),
        "Module doc. Class doc. Method doc. F doc. True\nassert asserted\ndebug\n",
        "{}",
        s(&full.stderr)
    );
    let stripped = pvm_in(d.path(), &[os("strip.pyb")]);
    assert_eq!(s(&stripped.stdout), "None None None None False\nno assert\n", "{}", s(&stripped.stderr));
    // The oracle agrees, when it is installed.
    if let Ok(py) = Command::new("python3").arg("-OO").arg(d.path().join("p/main.py")).output() {
        if py.status.success() {
            assert_eq!(s(&py.stdout), s(&stripped.stdout));
        }
    }
    let f = PybFile::open(&d.path().join("strip.pyb")).unwrap();
    assert_ne!(f.header.flags & header_flags::STRIPPED, 0);
    let code = f.load_module(0).unwrap();
    let strings: Vec<String> = code
        .consts
        .iter()
        .flat_map(|c| match c {
            Constant::Code(inner) => inner.consts.iter().cloned().collect::<Vec<_>>(),
            other => vec![other.clone()],
        })
        .filter_map(|c| if let Constant::Str(s) = c { Some(s) } else { None })
        .collect();
    assert!(!strings.iter().any(|s| s.contains("doc.")), "docstrings left: {strings:?}");
    let fcode = code.consts.iter().find_map(|c| match c {
        Constant::Code(k) if k.name == "f" => Some(k.clone()),
        _ => None,
    });
    assert_eq!(fcode.unwrap().consts[0], Constant::None, "co_consts[0] of a function is None");
    // Single files strip too; unstripped files do not carry the flag.
    ok(&pyc_in(d.path(), &[os("p/main.py"), os("-o"), os("one.pyb"), os("--strip")]));
    assert_eq!(s(&pvm_in(d.path(), &[os("one.pyb")]).stdout), s(&stripped.stdout));
    assert_eq!(PybFile::open(&d.path().join("full.pyb")).unwrap().header.flags & header_flags::STRIPPED, 0);
}

#[test]
fn tracebacks_name_files_and_lines_and_embed_source_adds_the_text() {
    let d = TempDir::new();
    write(d.path(), "p/main.py", "import pkg.mod\npkg.mod.fail(2)\n");
    write(d.path(), "p/pkg/__init__.py", "");
    write(d.path(), "p/pkg/mod.py", "def fail(n):\n    x = 10\n    return x // (n - 2)\n");
    ok(&pyc_in(d.path(), &[os("p"), os("-o"), os("plain.pyb"), os("--main"), os("main.py")]));
    ok(&pyc_in(d.path(), &[os("p"), os("-o"), os("src.pyb"), os("--main"), os("main.py"), os("--embed-source")]));
    let plain = PybFile::open(&d.path().join("plain.pyb")).unwrap();
    assert!(plain.table.modules.iter().all(|m| m.source.is_none()));
    assert_eq!(plain.header.flags & header_flags::EMBEDDED_SOURCE, 0);
    let with = PybFile::open(&d.path().join("src.pyb")).unwrap();
    assert_eq!(
        with.table.modules[with.find("pkg.mod").unwrap()].source.as_deref(),
        Some("def fail(n):\n    x = 10\n    return x // (n - 2)\n")
    );
    assert_ne!(with.header.flags & header_flags::EMBEDDED_SOURCE, 0);

    let o = pvm_in(d.path(), &[os("plain.pyb")]);
    assert_eq!(o.status, 1);
    let err = s(&o.stderr);
    assert!(err.contains("File \"main.py\", line 2, in <module>"), "{err}");
    assert!(err.contains("File \"pkg/mod.py\", line 3, in fail"), "{err}");
    assert!(!err.contains("return x // (n - 2)"), "{err}");
    assert_eq!(tests::last_line(&o.stderr), "ZeroDivisionError: integer division or modulo by zero");
    let o = pvm_in(d.path(), &[os("src.pyb")]);
    let err = s(&o.stderr);
    assert!(err.contains("File \"pkg/mod.py\", line 3, in fail\n    return x // (n - 2)"), "{err}");
    // Trees honour the flag as well.
    ok(&pyc_in(d.path(), &[os("p"), os("-d"), os("t"), os("--embed-source")]));
    assert!(PybFile::open(&d.path().join("t/pkg/mod.pyb")).unwrap().table.modules[0].source.is_some());
}

#[test]
fn versions() {
    let d = TempDir::new();
    let o = pyc_in(d.path(), &[os("--version")]);
    ok(&o);
    let v = s(&o.stdout);
    let want = format!("pyb format {}.{}", format::container::VERSION_MAJOR, format::container::VERSION_MINOR);
    assert!(v.starts_with("pyc ") && v.contains(&want), "{v}");
    let o = pvm_in(d.path(), &[os("--version")]);
    ok(&o);
    assert!(s(&o.stdout).starts_with("pvm "));
    // A bundle of another format version is refused with both versions named.
    write(d.path(), "p/main.py", "print(1)\n");
    ok(&pyc_in(d.path(), &[os("p"), os("-o"), os("a.pyb"), os("--main"), os("main.py")]));
    let mut bytes = std::fs::read(d.path().join("a.pyb")).unwrap();
    bytes[8] = 7;
    std::fs::write(d.path().join("a.pyb"), bytes).unwrap();
    let o = pvm_in(d.path(), &[os("a.pyb")]);
    assert_eq!(o.status, 2);
    assert!(s(&o.stderr).contains("built by format 7.0, this pvm reads 1.0"), "{}", s(&o.stderr));
}

#[test]
fn check_still_works_beside_builds() {
    let d = TempDir::new();
    project(d.path());
    ok(&pyc_in(d.path(), &[os("check"), os("src")]));
    write(d.path(), "src/bad.py", "def f(:\n");
    assert_eq!(pyc_in(d.path(), &[os("check"), os("src")]).status, 1);
}

/// Writes a project of `p * s * m` modules in nested packages (`p0/s0/m0.py`...) whose
/// `main.py` imports one of them.
fn big_project(root: &Path, p: usize, s: usize, m: usize) {
    for i in 0..p {
        write(root, &format!("p{i}/__init__.py"), &format!("\"\"\"Package p{i}.\"\"\"\n"));
        for j in 0..s {
            write(root, &format!("p{i}/s{j}/__init__.py"), "");
            for k in 0..m {
                write(
                    root,
                    &format!("p{i}/s{j}/m{k}.py"),
                    &format!("N = {}\ndef f(x):\n    return [x * N + k for k in range(3)]\nclass C:\n    def g(self):\n        return f(2)\n", i * 100 + j * 10 + k),
                );
            }
        }
    }
    write(root, "main.py", "import p3.s4.m5 as t\nprint(t.C().g(), t.__name__)\n");
}

#[test]
fn a_thousand_modules_in_nested_packages_make_one_bundle() {
    let d = TempDir::new();
    big_project(&d.path().join("big"), 10, 10, 10);
    let o = pyc_in(d.path(), &[os("big"), os("-o"), os("big.pyb"), os("--main"), os("main.py")]);
    ok(&o);
    let f = PybFile::open(&d.path().join("big.pyb")).unwrap();
    assert_eq!(f.table.modules.len(), 1000 + 110 + 1);
    assert_eq!(f.table.modules.iter().filter(|m| m.is_package).count(), 110);
    let names: Vec<&str> = f.table.modules.iter().map(|m| m.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(f.find("p9.s9.m9").is_some() && f.find("p0.s0").is_some());
    let r = pvm_in(d.path(), &[os("big.pyb")]);
    assert_eq!(s(&r.stdout), "[690, 691, 692] p3.s4.m5\n", "{}", s(&r.stderr));
}

/// Start-up of a 1,000-module bundle against a one-module bundle, interleaved, comparing the
/// fastest of many runs. Timing-sensitive: run it on a quiet machine with release binaries,
/// `cargo test --release -p tests --test project_cli -- --ignored`.
#[test]
#[ignore]
fn big_bundle_starts_within_1_2x_of_one_module() {
    let d = TempDir::new();
    big_project(&d.path().join("big"), 10, 10, 10);
    write(d.path(), "one.py", "N = 345\ndef f(x):\n    return [x * N + k for k in range(3)]\nclass C:\n    def g(self):\n        return f(2)\nprint(C().g(), __name__)\n");
    ok(&pyc_in(d.path(), &[os("big"), os("-o"), os("big.pyb"), os("--main"), os("main.py")]));
    ok(&pyc_in(d.path(), &[os("one.py"), os("-o"), os("one.pyb")]));
    let time = |f: &str| {
        let t = std::time::Instant::now();
        let o = pvm_in(d.path(), &[os(f)]);
        assert_eq!(o.status, 0);
        t.elapsed()
    };
    let (mut big, mut one) = (Duration::MAX, Duration::MAX);
    for _ in 0..200 {
        one = one.min(time("one.pyb"));
        big = big.min(time("big.pyb"));
    }
    let ratio = big.as_secs_f64() / one.as_secs_f64();
    eprintln!("one.pyb {one:?}, big.pyb {big:?}, ratio {ratio:.2}");
    assert!(ratio < 1.2, "big bundle starts {ratio:.2}x slower");
}
