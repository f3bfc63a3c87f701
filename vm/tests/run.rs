//! End-to-end tests: each program is compiled with the `compiler` crate (a dev-dependency
//! only; pvm itself does not link it), written as a .pyb bundle and run with the `pvm` binary.
//! Expected output was produced by CPython 3.11.

use std::process::Command;

fn run(name: &str, src: &str) -> (String, i32, String) {
    let code = compiler::compile::compile_source(src.as_bytes(), "t.py").expect("compiles");
    let input =
        format::ModuleInput { name: "__main__".into(), is_package: false, filename: "t.py".into(), code, source: None };
    let bytes = format::container::write_pyb(vec![input], Some("__main__"), 0, 0);
    let dir = std::env::temp_dir().join(format!("pvm-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.pyb");
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pvm")).arg(&path).output().expect("pvm runs");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let last = stderr.trim().lines().last().unwrap_or("").to_string();
    (String::from_utf8_lossy(&out.stdout).to_string(), out.status.code().unwrap_or(-1), last)
}

#[test]
fn arith() {
    let (out, rc, err) =
        run("arith", "print(7 // -2, -7 % 3, 2 ** 70, 10 / 4, 1 << 65, (-8) >> 1, 0.1 + 0.2, 1e16, 1.5e-7)\n");
    assert_eq!(out, "-4 2 1180591620717411303424 2.5 36893488147419103232 -4 0.30000000000000004 1e+16 1.5e-07\n");
    assert_eq!(rc, 0);
    assert_eq!(err, "");
}

#[test]
fn bigint() {
    let (out, rc, err) = run("bigint", "x = 2 ** 100; print(x * x - 1, x // 7, x % 1000, -x >> 3, hex(x))\n");
    assert_eq!(out, "1606938044258990275541962092341162602522202993782792835301375 181092942889747057356671886482 376 -158456325028528675187087900672 0x10000000000000000000000000\n");
    assert_eq!(rc, 0);
    assert_eq!(err, "");
}

#[test]
fn strings() {
    let (out, rc, err) = run("strings", "s = \"héllo wörld\"; print(len(s), s[1], s[-1], s.upper(), s.split(), repr(s), \"%5.2f|%-4d|%s\" % (3.14159, 7, \"x\"), f\"{42:>6}|{3.5:.3e}|{255:#x}\")\n");
    assert_eq!(out, "11 é d HÉLLO WÖRLD ['héllo', 'wörld'] 'héllo wörld'  3.14|7   |x     42|3.500e+00|0xff\n");
    assert_eq!(rc, 0);
    assert_eq!(err, "");
}

#[test]
fn containers() {
    let (out, rc, err) = run("containers", "d = {\"b\": 2, \"a\": 1}; d[\"c\"] = 3; print(d, list(d.items()), sorted(d), {1, 2, 3} | {4}, (1,) + (2, 3), [1, 2, 3][::-1])\n");
    assert_eq!(
        out,
        "{'b': 2, 'a': 1, 'c': 3} [('b', 2), ('a', 1), ('c', 3)] ['a', 'b', 'c'] {1, 2, 3, 4} (1, 2, 3) [3, 2, 1]\n"
    );
    assert_eq!(rc, 0);
    assert_eq!(err, "");
}

#[test]
fn classes() {
    let (out, rc, err) = run("classes", "class A:\n    def __init__(self, v): self.v = v\n    def __repr__(self): return f\"A({self.v})\"\n    def __add__(self, o): return A(self.v + o.v)\n    def __eq__(self, o): return isinstance(o, A) and self.v == o.v\nclass B(A):\n    def __init__(self, v): super().__init__(v * 2)\nprint(A(1) + B(2), A(3) == A(3), B.__mro__[1].__name__, hash(A) == hash(A))\n");
    assert_eq!(out, "A(5) True A True\n");
    assert_eq!(rc, 0);
    assert_eq!(err, "");
}

#[test]
fn generators() {
    let (out, rc, err) = run("generators", "def g(n):\n    for i in range(n):\n        x = yield i\n        if x: print(\"got\", x)\n    return \"done\"\nit = g(3)\nprint(next(it), it.send(\"hi\"), list(it))\ndef outer():\n    r = yield from g(2)\n    print(\"r\", r)\nprint(list(outer()))\n");
    assert_eq!(out, "got hi\n0 1 [2]\nr done\n[0, 1]\n");
    assert_eq!(rc, 0);
    assert_eq!(err, "");
}

#[test]
fn exceptions() {
    let (out, rc, err) = run("exceptions", "def f():\n    try:\n        {}[\"k\"]\n    except KeyError as e:\n        raise ValueError(\"bad\") from e\ntry:\n    f()\nexcept ValueError as e:\n    print(repr(e), repr(e.__cause__), e.__context__ is e.__cause__)\ntry:\n    1/0\nexcept (TypeError, ZeroDivisionError) as e:\n    print(type(e).__name__, e)\nfinally:\n    print(\"finally\")\n");
    assert_eq!(out, "ValueError('bad') KeyError('k') True\nZeroDivisionError division by zero\nfinally\n");
    assert_eq!(rc, 0);
    assert_eq!(err, "");
}

#[test]
fn closures() {
    let (out, rc, err) = run("closures", "def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\nc = counter(); c(); print(c(), [ (lambda x: x * i)(2) for i in range(3)])\n");
    assert_eq!(out, "2 [0, 2, 4]\n");
    assert_eq!(rc, 0);
    assert_eq!(err, "");
}

#[test]
fn kwargs() {
    let (out, rc, err) = run("kwargs", "def f(a, b=2, *args, c, d=4, **kw): return (a, b, args, c, d, kw)\nprint(f(1, c=3), f(1, 5, 6, 7, c=8, z=9))\ntry:\n    f()\nexcept TypeError as e:\n    print(e)\n");
    assert_eq!(
        out,
        "(1, 2, (), 3, 4, {}) (1, 5, (6, 7), 8, 4, {'z': 9})\nf() missing 1 required positional argument: 'a'\n"
    );
    assert_eq!(rc, 0);
    assert_eq!(err, "");
}

#[test]
fn with_stmt() {
    let (out, rc, err) = run("with_stmt", "class CM:\n    def __enter__(self): print(\"enter\"); return self\n    def __exit__(self, t, v, tb): print(\"exit\", t.__name__ if t else None); return True\nwith CM() as c:\n    raise KeyError(1)\nprint(\"after\")\n");
    assert_eq!(out, "enter\nexit KeyError\nafter\n");
    assert_eq!(rc, 0);
    assert_eq!(err, "");
}

#[test]
fn uncaught() {
    let (out, rc, err) = run("uncaught", "def f():\n    raise RuntimeError(\"boom\")\nprint(\"before\")\nf()\n");
    assert_eq!(out, "before\n");
    assert_eq!(rc, 1);
    assert_eq!(err, "RuntimeError: boom");
}

#[test]
fn sysexit() {
    let (out, rc, err) = run("sysexit", "import sys\nprint(\"x\")\nsys.exit(3)\n");
    assert_eq!(out, "x\n");
    assert_eq!(rc, 3);
    assert_eq!(err, "");
}

#[test]
fn bad_file_is_a_clean_error() {
    let dir = std::env::temp_dir().join(format!("pvm-test-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.pyb");
    std::fs::write(&path, b"not a pyb file at all, definitely not").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pvm")).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("pvm: "), "{err}");
    assert_eq!(err.lines().count(), 1);
}
