//! Faults a user meets (issue #7): deep recursion, impossible allocations, a closed stdout
//! pipe, Ctrl-C, output flushed on every exit path, a `.pyb` changing while it is read. Each
//! ends as CPython ends it (or better), never in a crash.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;
use tests::{bin, last_line, run, Outcome, TempDir};

const T: Duration = Duration::from_secs(60);

fn compile(dir: &TempDir, name: &str, src: &str) -> PathBuf {
    let py = dir.path().join(format!("{name}.py"));
    std::fs::write(&py, src).unwrap();
    let out = dir.path().join(format!("{name}.pyb"));
    let mut c = Command::new(bin("pyc"));
    c.arg(&py).arg("-o").arg(&out);
    let o = run(c, b"", T);
    assert_eq!(o.status, 0, "pyc: {}", String::from_utf8_lossy(&o.stderr));
    out
}

fn pvm(pyb: &Path, args: &[&str]) -> Outcome {
    let mut c = Command::new(bin("pvm"));
    c.arg(pyb).args(args);
    run(c, b"", T)
}

fn stdout(o: &Outcome) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn assert_no_crash(o: &Outcome) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status < 128 && !o.timed_out && !err.contains("panicked"), "status {}: {err}", o.status);
}

#[test]
fn recursion_100000_deep_with_raised_limit() {
    let d = TempDir::new();
    let p = compile(
        &d,
        "rec",
        "import sys\nsys.setrecursionlimit(100000)\n\
         def f(n):\n    return 0 if n == 0 else 1 + f(n - 1)\n\
         print(f(99000))\n\
         try:\n    f(100000)\nexcept RecursionError as e:\n    print('RecursionError', e)\n",
    );
    let o = pvm(&p, &[]);
    assert_no_crash(&o);
    assert_eq!(stdout(&o), "99000\nRecursionError maximum recursion depth exceeded\n");
}

/// Native re-entries (`__repr__`, `__eq__`, `<`, nested containers) with the limit raised to
/// 100000: CPython 3.11 overflows its C stack here (segfault); pvm raises RecursionError.
#[test]
fn native_recursion_ends_in_recursion_error() {
    let d = TempDir::new();
    let src = r#"
import sys
sys.setrecursionlimit(100000)
class A:
    def __init__(self, n): self.n = n
    def __repr__(self): return "A(" + (repr(A(self.n - 1)) if self.n else "") + ")"
try:
    print(len(repr(A(100000))))
except RecursionError:
    print("RecursionError repr")
class E:
    def __eq__(self, o): return E() == o
try:
    E() == 1
except RecursionError:
    print("RecursionError eq")
class L:
    def __lt__(self, o): return L() < o
try:
    sorted([L(), L()])
except RecursionError:
    print("RecursionError lt")
N = int(sys.argv[1])
l = []
for i in range(N):
    l = [l]
try:
    print(len(repr(l)))
except RecursionError:
    print("RecursionError list repr")
try:
    print(l == l[0])
except RecursionError as e:
    print("RecursionError", e)
t = ()
for i in range(N):
    t = (t,)
try:
    print(hash(t) == hash(t[0]))
except RecursionError as e:
    print("RecursionError tuple hash")
try:
    print(t == t[0])
except RecursionError as e:
    print("RecursionError", e)
d = {}
for i in range(N):
    d = {1: d}
try:
    print(len(str(d)))
except RecursionError:
    print("RecursionError dict repr")
del l, t, d
print("done")
"#;
    let p = compile(&d, "deep", src);
    let o = pvm(&p, &["3000000"]);
    assert_no_crash(&o);
    assert_eq!(
        stdout(&o),
        "RecursionError repr\nRecursionError eq\nRecursionError lt\nRecursionError list repr\n\
         RecursionError maximum recursion depth exceeded in comparison\nRecursionError tuple hash\n\
         RecursionError maximum recursion depth exceeded in comparison\nRecursionError dict repr\ndone\n"
    );
}

/// Allocations whose size is known up front: MemoryError (or CPython's OverflowError), as
/// CPython 3.11 reports them (expected output produced by python3).
#[test]
fn impossible_allocations_raise_memory_error() {
    let cases = [
        ("[0] * 10**12", "MemoryError"),
        ("'x' * 10**12", "MemoryError"),
        ("bytes(10**12)", "MemoryError"),
        ("b'x' * 10**12", "MemoryError"),
        ("(0,) * 10**12", "MemoryError"),
        ("bytearray(10**12)", "MemoryError"),
        ("[None] * (2**62)", "MemoryError"),
        ("'ab' * (2**62)", "OverflowError repeated string is too long"),
        ("list(range(10**12))", "MemoryError"),
        ("'x'.ljust(10**12)", "MemoryError"),
        ("'x'.center(10**12)", "MemoryError"),
        ("'{:10000000000000}'.format(1)", "MemoryError"),
        ("'x'.zfill(10**12)", "MemoryError"),
        ("[1, 2] * 10**11", "MemoryError"),
        ("'%10000000000000d' % 1", "MemoryError"),
        ("10**12 * [0]", "MemoryError"),
        ("'a\\tb'.expandtabs(10**12)", "OverflowError Python int too large to convert to C int"),
        ("[0] * 10**20", "OverflowError cannot fit 'int' into an index-sized integer"),
        ("'x' * 10**20", "OverflowError cannot fit 'int' into an index-sized integer"),
        ("bytes(10**20)", "OverflowError cannot fit 'int' into an index-sized integer"),
    ];
    let mut src = String::new();
    let mut want = String::new();
    for (expr, out) in cases {
        src.push_str(&format!(
            "try:\n    r = {expr}\n    print('built', type(r).__name__)\n\
             except MemoryError as e:\n    print('MemoryError', *e.args)\n\
             except (OverflowError, ValueError) as e:\n    print(type(e).__name__, e)\n"
        ));
        want.push_str(out);
        want.push('\n');
    }
    src.push_str("l = [0]\ntry:\n    l *= 10**12\nexcept MemoryError:\n    print('imul', len(l))\n");
    want.push_str("imul 1\n");
    let d = TempDir::new();
    let p = compile(&d, "mem", &src);
    let o = pvm(&p, &[]);
    assert_no_crash(&o);
    assert_eq!(stdout(&o), want);
}

/// `pvm app.pyb | head -1`: the program keeps printing into a closed pipe. CPython 3.11 ends
/// with `BrokenPipeError: [Errno 32] Broken pipe` (traceback, status 1) instead of looping on
/// or dying of SIGPIPE; so does pvm.
#[test]
fn closed_stdout_pipe_ends_the_program() {
    let d = TempDir::new();
    for (name, src) in
        [("p1", "while True:\n    print('line')\n"), ("p2", "import sys\nwhile True:\n    sys.stdout.write('x\\n')\n")]
    {
        let p = compile(&d, name, src);
        let mut child = Command::new(bin("pvm"))
            .arg(&p)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        let mut first = [0u8; 5];
        out.read_exact(&mut first).unwrap();
        drop(out);
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let st = child.wait().unwrap();
        assert_eq!(st.code(), Some(1), "{err}");
        assert_eq!(last_line(err.as_bytes()), "BrokenPipeError: [Errno 32] Broken pipe");
        assert!(err.starts_with("Traceback (most recent call last):\n"), "{err}");
    }
}

/// Ctrl-C: `KeyboardInterrupt` traceback, then death by SIGINT (status 130 in a shell), as
/// CPython does; output printed before is kept.
#[test]
fn sigint_gives_keyboard_interrupt_and_status_130() {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    let d = TempDir::new();
    for (name, src) in [
        ("loop", "print('start', flush=True)\nx = 0\nwhile True:\n    x += 1\n"),
        ("calls", "def f(n):\n    return n if n < 1 else f(n - 1) + f(n - 1)\nprint('start', flush=True)\nf(200)\n"),
        // Blocked in a read of stdin (a pipe kept open that never gets a line).
        ("input", "print('start', flush=True)\ninput()\n"),
    ] {
        let p = compile(&d, name, src);
        let mut c = Command::new(bin("pvm"));
        c.arg(&p).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        // SAFETY: between fork and exec only async-signal-safe calls: signal(2) restores the
        // default SIGINT disposition the test runner may have inherited as "ignored".
        unsafe {
            c.pre_exec(|| {
                libc::signal(libc::SIGINT, libc::SIG_DFL);
                Ok(())
            });
        }
        let mut child = c.spawn().unwrap();
        let mut out = child.stdout.take().unwrap();
        let mut first = [0u8; 6];
        out.read_exact(&mut first).unwrap();
        assert_eq!(&first, b"start\n");
        std::thread::sleep(Duration::from_millis(100));
        // SAFETY: kill(2) on our own child's pid.
        unsafe {
            libc::kill(child.id() as i32, libc::SIGINT);
        }
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let st = child.wait().unwrap();
        assert_eq!(st.signal(), Some(libc::SIGINT), "{name}: {st:?} {err}");
        assert!(err.starts_with("Traceback (most recent call last):\n"), "{err}");
        assert_eq!(last_line(err.as_bytes()), "KeyboardInterrupt");
    }
}

/// A program can catch KeyboardInterrupt and go on.
#[test]
fn keyboard_interrupt_can_be_caught() {
    use std::os::unix::process::CommandExt;
    let d = TempDir::new();
    let p = compile(
        &d,
        "catch",
        "try:\n    print('start', flush=True)\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print('caught')\n",
    );
    let mut c = Command::new(bin("pvm"));
    c.arg(&p).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    // SAFETY: as above, only signal(2) between fork and exec.
    unsafe {
        c.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut child = c.spawn().unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 6];
    out.read_exact(&mut first).unwrap();
    // SAFETY: kill(2) on our own child's pid.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let mut rest = String::new();
    out.read_to_string(&mut rest).unwrap();
    let st = child.wait().unwrap();
    assert_eq!(rest, "caught\n");
    assert_eq!(st.code(), Some(0));
}

/// Buffered stdout reaches the pipe whatever way the program ends.
#[test]
fn stdout_is_flushed_on_every_exit_path() {
    let d = TempDir::new();
    let cases = [
        ("exit0", "print('a', end='')\nimport sys\nsys.exit()\n", 0),
        ("exit3", "print('a', end='')\nimport sys\nsys.exit(3)\n", 3),
        ("exitmsg", "print('a', end='')\nraise SystemExit('bye')\n", 1),
        ("uncaught", "print('a', end='')\n1/0\n", 1),
        ("nested", "def f():\n    print('a', end='')\n    raise KeyError(1)\nf()\n", 1),
        ("end", "print('a', end='')\n", 0),
        ("recursion", "print('a', end='')\ndef f(): f()\nf()\n", 1),
    ];
    for (name, src, status) in cases {
        let p = compile(&d, name, src);
        let o = pvm(&p, &[]);
        assert_eq!(stdout(&o), "a", "{name}");
        assert_eq!(o.status, status, "{name}: {}", String::from_utf8_lossy(&o.stderr));
    }
}

/// A `.pyb` truncated or rewritten while pvm starts: refused (status 2, one line) or run in
/// full, never a SIGBUS (pvm maps the file; `format::mapped` turns vanished pages into an error).
#[test]
fn file_changing_while_read_is_refused_not_crashed() {
    let d = TempDir::new();
    let mut src = String::from("x = 0\n");
    for i in 0..3000 {
        src.push_str(&format!("def f{i}(a):\n    return a + {i}\n"));
    }
    src.push_str("print('ran')\n");
    let p = compile(&d, "big", &src);
    let image = std::fs::read(&p).unwrap();
    let target = d.path().join("victim.pyb");
    for round in 0..30 {
        std::fs::write(&target, &image).unwrap();
        let child = Command::new(bin("pvm"))
            .arg(&target)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Truncate (and then regrow) the file under the running pvm.
        let f = std::fs::OpenOptions::new().write(true).open(&target).unwrap();
        f.set_len((image.len() * (round % 10) / 10) as u64).unwrap();
        if round % 2 == 0 {
            f.set_len(image.len() as u64).unwrap();
        }
        let o = child.wait_with_output().unwrap();
        let code = o.status.code();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(code == Some(0) || code == Some(2), "round {round}: {:?} {err}", o.status);
        if code == Some(2) {
            assert_eq!(err.lines().count(), 1, "{err}");
        } else {
            assert_eq!(String::from_utf8_lossy(&o.stdout), "ran\n");
        }
    }
}
