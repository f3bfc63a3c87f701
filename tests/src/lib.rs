//! Test harness shared by the workspace integration tests: locating the `pyc`/`pvm` binaries,
//! running a conformance case (compile, run, compare with CPython's checked-in results) the
//! way `shared/conformance/run.sh` does.
//!
//! A case is `<dir>/<area>/<name>.py` (or a directory `<name>/main.py`) with `<name>.out`
//! (expected stdout) and `<name>.exit` (line 1: exit status, line 2: last non-blank stderr
//! line); optional `<name>.args` (arguments, whitespace separated) and `<name>.in` (stdin).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Path of a workspace binary (`pyc` or `pvm`) of the same profile as the running test.
/// Panics with a hint when it was not built (`cargo build --workspace` first).
pub fn bin(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("current exe");
    let profile_dir = exe.parent().and_then(|d| d.parent()).expect("target/<profile>");
    let p = profile_dir.join(name);
    assert!(p.exists(), "{} not found: run `cargo build --workspace` before `cargo test`", p.display());
    p
}

/// Result of running a command with a timeout.
#[derive(Debug)]
pub struct Outcome {
    pub status: i32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub timed_out: bool,
}

/// Runs `cmd` with `stdin` bytes, killing it after `timeout`. The exit status of a process
/// killed by a signal is reported as 128 + signal, as a shell does.
pub fn run(mut cmd: Command, stdin: &[u8], timeout: Duration) -> Outcome {
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn");
    let mut sin = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = sin.write_all(&input);
    });
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let ro = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let re = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            timed_out = true;
            break child.wait().expect("wait");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let _ = writer.join();
    let stdout = ro.join().unwrap_or_default();
    let stderr = re.join().unwrap_or_default();
    let code = status.code().unwrap_or_else(|| {
        use std::os::unix::process::ExitStatusExt;
        128 + status.signal().unwrap_or(0)
    });
    Outcome { status: code, stdout, stderr, timed_out }
}

/// The last non-blank line of `bytes`, trailing whitespace stripped.
pub fn last_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| l.trim_end())
        .filter(|l| !l.trim().is_empty())
        .last()
        .unwrap_or("")
        .to_string()
}

/// Every case id (`area/name`) under `root`, sorted.
pub fn list_cases(root: &Path) -> Vec<String> {
    let mut ids = Vec::new();
    let Ok(areas) = std::fs::read_dir(root) else { return ids };
    for area in areas.flatten() {
        if !area.path().is_dir() {
            continue;
        }
        let aname = area.file_name().to_string_lossy().to_string();
        for e in std::fs::read_dir(area.path()).into_iter().flatten().flatten() {
            let p = e.path();
            let n = e.file_name().to_string_lossy().to_string();
            if p.is_file() && n.ends_with(".py") {
                ids.push(format!("{aname}/{}", n.trim_end_matches(".py")));
            } else if p.is_dir() && p.join("main.py").is_file() {
                ids.push(format!("{aname}/{n}"));
            }
        }
    }
    ids.sort();
    ids
}

/// Compiles and runs case `id` of corpus `root`; `Ok(())` when stdout, exit status and last
/// stderr line match CPython's, else `Err(reason)`.
pub fn check_case(root: &Path, id: &str, pyc: &Path, pvm: &Path) -> Result<(), String> {
    let base = root.join(id);
    let expected_out = std::fs::read(format!("{}.out", base.display())).map_err(|e| format!("missing .out: {e}"))?;
    let exit =
        std::fs::read_to_string(format!("{}.exit", base.display())).map_err(|e| format!("missing .exit: {e}"))?;
    let mut lines = exit.lines();
    let want_rc: i32 = lines.next().unwrap_or("0").trim().parse().unwrap_or(0);
    let want_err = lines.next().unwrap_or("").trim_end().to_string();
    let args: Vec<String> = std::fs::read_to_string(format!("{}.args", base.display()))
        .map(|s| s.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    let stdin = std::fs::read(format!("{}.in", base.display())).unwrap_or_default();

    let tmp = TempDir::new();
    let cwd = tmp.path().join("cwd");
    std::fs::create_dir(&cwd).unwrap();
    let pyb = tmp.path().join("case.pyb");
    let mut c = Command::new(pyc);
    if base.is_dir() {
        c.arg(&base).arg("-o").arg(&pyb).arg("--main").arg("main.py");
    } else {
        c.arg(format!("{}.py", base.display())).arg("-o").arg(&pyb);
    }
    c.current_dir(&cwd);
    let timeout = Duration::from_secs(20);
    let mut o = run(c, b"", timeout);
    let mut step = "compile";
    if !o.timed_out && o.status == 0 {
        let mut r = Command::new(pvm);
        r.arg(&pyb).args(&args).current_dir(&cwd);
        r.env("PYTHONDONTWRITEBYTECODE", "1").env("PYTHONUTF8", "1");
        o = run(r, &stdin, timeout);
        step = "run";
    }
    let mut why = Vec::new();
    if o.timed_out {
        why.push(format!("timeout in {step}"));
    } else {
        if o.stdout != expected_out {
            why.push(format!(
                "stdout differs:\n--- expected\n{}\n--- actual\n{}",
                String::from_utf8_lossy(&expected_out),
                String::from_utf8_lossy(&o.stdout)
            ));
        }
        if o.status != want_rc {
            why.push(format!("exit {} want {want_rc}", o.status));
        }
        let got_err = last_line(&o.stderr);
        if got_err != want_err {
            why.push(format!("stderr last line {got_err:?} want {want_err:?}"));
        }
    }
    if why.is_empty() {
        Ok(())
    } else {
        Err(format!("[{step}] {}", why.join("; ")))
    }
}

/// Runs `f` over `items` on `jobs` threads, returning results in input order.
pub fn par_map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> = items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let r = f(&items[i]);
                *results[i].lock().unwrap() = Some(r);
            });
        }
    });
    results.into_iter().map(|m| m.into_inner().unwrap().unwrap()).collect()
}

/// A temporary directory removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    /// Creates a fresh directory under the system temp dir.
    pub fn new() -> TempDir {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let p = std::env::temp_dir().join(format!("pyb-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).expect("create temp dir");
        TempDir(p)
    }
    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Default for TempDir {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
