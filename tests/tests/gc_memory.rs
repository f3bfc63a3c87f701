//! The cycle collector keeps memory bounded: programs that build and drop a million reference
//! cycles (instances, lists, slots, bound methods, closures, exceptions) run under a peak-RSS
//! ceiling (issue 7, item 4). Without the collector the same programs need gigabytes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tests::{bin, TempDir};

/// Peak resident memory allowed for the cycle programs, in KiB.
const CEILING_KB: u64 = 100 * 1024;

fn compile(dir: &TempDir, name: &str, src: &str) -> PathBuf {
    let py = dir.path().join(format!("{name}.py"));
    std::fs::write(&py, src).unwrap();
    let out = dir.path().join(format!("{name}.pyb"));
    let o = Command::new(bin("pyc")).arg(&py).arg("-o").arg(&out).output().expect("run pyc");
    assert!(o.status.success(), "pyc failed: {}", String::from_utf8_lossy(&o.stderr));
    out
}

/// `VmHWM` (peak resident set) of a live process, in KiB.
fn peak_kb(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `pvm pyb`, sampling its peak RSS until it exits (or exceeds `kill_above` KiB, or
/// times out). Returns (stdout, exit status, peak KiB).
fn run_measured(pyb: &Path, kill_above: u64) -> (String, Option<i32>, u64) {
    let mut child = Command::new(bin("pvm"))
        .arg(pyb)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn pvm");
    let pid = child.id();
    let start = Instant::now();
    let mut peak = 0;
    let status = loop {
        if let Some(p) = peak_kb(pid) {
            peak = peak.max(p);
        }
        if let Some(st) = child.try_wait().expect("wait") {
            break st.code();
        }
        if peak > kill_above || start.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut out = String::new();
    if let Some(mut so) = child.stdout.take() {
        use std::io::Read;
        let _ = so.read_to_string(&mut out);
    }
    (out, status, peak)
}

const CYCLES: &str = r#"
import gc

class N:
    pass

class S:
    __slots__ = ('o', 'data')

class M:
    def method(self):
        return self

def pairs(n):
    for i in range(n):
        a = N(); b = N(); a.o = b; b.o = a

def parent_child(n):
    for i in range(n):
        a = N(); b = N(); a.children = [b]; b.parent = a

def slots(n):
    for i in range(n):
        a = S(); a.o = a; a.data = [i] * 10

def bound(n):
    for i in range(n):
        a = M(); a.cb = a.method; a.f = lambda x=a: x

def recursive_closures(n):
    for i in range(n):
        def rec(k):
            return k if k == 0 else rec(k - 1)
        rec(2)

def exceptions(n):
    for i in range(n):
        try:
            raise ValueError(i)
        except ValueError as e:
            e.me = e

N_CYCLES = int(__import__('sys').argv[1]) if len(__import__('sys').argv) > 1 else 1000000
pairs(N_CYCLES)
parent_child(N_CYCLES)
slots(N_CYCLES)
bound(N_CYCLES // 4)
exceptions(N_CYCLES // 4)
recursive_closures(N_CYCLES)
print("done", gc.isenabled())
"#;

#[test]
fn a_million_dropped_cycles_stay_under_the_memory_ceiling() {
    let d = TempDir::new();
    let pyb = compile(&d, "cycles", CYCLES);
    let (out, status, peak) = run_measured(&pyb, CEILING_KB * 4);
    eprintln!("peak RSS with the collector: {peak} KiB (ceiling {CEILING_KB} KiB)");
    assert_eq!(status, Some(0), "pvm failed (peak {peak} KiB)");
    assert_eq!(out, "done True\n");
    assert!(peak > 0, "could not read the peak RSS");
    assert!(peak < CEILING_KB, "peak RSS {peak} KiB is above the ceiling {CEILING_KB} KiB");
}

#[test]
fn without_the_collector_the_same_cycles_leak() {
    // Guards the measurement itself: with gc.disable(), a tenth of the cycles already need
    // more memory than the ceiling allows (the run is stopped once it is above it).
    let d = TempDir::new();
    let src = format!("import gc\ngc.disable()\n{CYCLES}").replace("N_CYCLES = int", "N_CYCLES = 100000 or int");
    let pyb = compile(&d, "leak", &src);
    let (_, _, peak) = run_measured(&pyb, CEILING_KB + 1024);
    eprintln!("peak RSS without the collector (100000 cycles each): {peak} KiB");
    assert!(peak > CEILING_KB, "expected the disabled run to pass the ceiling, peak {peak} KiB");
}
