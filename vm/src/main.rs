//! `pvm FILE.pyb [args...]` runs a compiled file (a bundle's main module, or one module of a
//! `pyc -d` tree) as `__main__`; `pvm -m pkg.mod [args...]` finds a module on the search path
//! (the current directory, then `PVMPATH`) and runs it, like `python3 -m`.
//!
//! Exit status: the program's (0, 1 for an uncaught exception, `SystemExit`'s code); 1 when
//! `-m` finds no such module; 2 for a usage error or a file that pvm refuses (damaged header,
//! checksum or code that fails verification).

// No Rust runtime start-up (`lang_start`): it reads /proc/self/maps to locate the main
// thread's stack guard (about 4% of an empty program's instructions plus the syscalls), for a
// stack the interpreter does not run on. What it did that pvm needs is done in `main` below.
// (The unit-test build keeps the harness's own `main`.)
#![cfg_attr(not(test), no_main)]
#![cfg_attr(test, allow(dead_code))]

use std::path::Path;
use std::process::exit;

const USAGE: &str = "usage: pvm [--stats] FILE.pyb [args...] | pvm -m MODULE [args...] | pvm --version";

/// What to run.
enum Target {
    File(String, format::PybFile),
    Module(String),
}

/// The C entry point. `std::env::args` still works without `lang_start` (on glibc the
/// arguments are captured by std's own initializer); SIGPIPE is ignored as Rust's runtime and
/// CPython both do, so writing to a closed pipe is an `EPIPE` error (`BrokenPipeError`), not a
/// silent death.
#[cfg(not(test))]
#[no_mangle]
pub extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
    // SAFETY: setting a signal's disposition to SIG_IGN is a plain syscall with no
    // memory-safety preconditions.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    run()
}

fn run() -> ! {
    let mut args: Vec<String> = std::env::args().collect();
    // `--stats` (before the file): count executions, specialization hits, misses and
    // deoptimizations per opcode family; the report goes to stderr at exit.
    let stats = args.get(1).map_or(false, |a| a == "--stats");
    if stats {
        args.remove(1);
        vm::interp::stats::enable();
    }
    if args.len() < 2 {
        eprintln!("{USAGE}");
        exit(2);
    }
    if args[1] == "--version" || args[1] == "-V" {
        println!("pvm {} (Python 3.11 bytecode)", env!("CARGO_PKG_VERSION"));
        exit(0);
    }
    let (target, rest) = if args[1] == "-m" {
        match args.get(2) {
            Some(m) => (Target::Module(m.clone()), args[3..].to_vec()),
            None => {
                eprintln!("pvm: Argument expected for the -m option\n{USAGE}");
                exit(2);
            }
        }
    } else if let Some(m) = args[1].strip_prefix("-m").filter(|m| !m.is_empty()) {
        (Target::Module(m.to_string()), args[2..].to_vec())
    } else if args[1].starts_with('-') && args[1] != "-" {
        eprintln!("pvm: unknown option {}\n{USAGE}", args[1]);
        exit(2);
    } else {
        let path = args[1].clone();
        match format::PybFile::open(Path::new(&path)) {
            Ok(f) => (Target::File(path, f), args[2..].to_vec()),
            Err(e) => {
                eprintln!("pvm: {path}: {e}");
                exit(2);
            }
        }
    };
    install_sigint_handler();
    // The interpreter never recurses on the Rust stack for Python-to-Python calls, but native
    // re-entries (__repr__, key functions, class bodies...) do: give them a big stack.
    let handle = std::thread::Builder::new().stack_size(1 << 30).spawn(move || match target {
        Target::File(path, file) => {
            let mut argv = vec![path];
            argv.extend(rest);
            vm::run_bundle(file, argv)
        }
        Target::Module(name) => {
            let mut vm = vm::Vm::new();
            let code = vm::modules::run_module_main(&mut vm, &name, rest);
            vm.flush_out();
            code
        }
    });
    // Ctrl-C must reach the interpreter thread (it interrupts a blocked read there, e.g. in
    // `input()`), not this one, which only waits.
    block_sigint_here();
    let code = match handle {
        Ok(h) => match h.join() {
            Ok(c) => c,
            Err(_) => {
                eprintln!("pvm: internal error");
                70
            }
        },
        Err(e) => {
            eprintln!("pvm: cannot start interpreter thread: {e}");
            70
        }
    };
    if stats {
        eprint!("{}", vm::interp::stats::report());
    }
    if vm::vm::DIED_OF_INTERRUPT.load(std::sync::atomic::Ordering::Relaxed) {
        // Like CPython: after the KeyboardInterrupt traceback, die of SIGINT so the parent
        // (a shell: status 130) sees the interruption.
        // SAFETY: restoring the default disposition and raising a signal in our own process
        // are plain syscalls with no memory-safety preconditions.
        unsafe {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, libc::SIGINT);
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            libc::raise(libc::SIGINT);
        }
        exit(130);
    }
    exit(code);
}

extern "C" fn on_sigint(_: libc::c_int) {
    vm::vm::INTERRUPTED.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Ctrl-C sets a flag the interpreter turns into `KeyboardInterrupt` (unless SIGINT is ignored,
/// as for a background job of a non-interactive shell: CPython leaves it ignored too).
fn install_sigint_handler() {
    // SAFETY: `on_sigint` only stores to an atomic, which is async-signal-safe; the sigaction
    // struct is zero-initialized (a valid empty mask and no flags) before the fields are set.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGINT, std::ptr::null(), &mut old) == 0 && old.sa_sigaction == libc::SIG_IGN {
            return;
        }
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_sigint as extern "C" fn(libc::c_int) as usize;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut());
    }
}

/// Blocks SIGINT in the calling thread (threads started before keep it unblocked).
fn block_sigint_here() {
    // SAFETY: building a signal set on the stack and changing this thread's own mask are plain
    // libc calls with no memory-safety preconditions.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
    }
}

// The VM allocates many small objects (tuples, instances, frames of generators); mimalloc is
// markedly faster than the system allocator for that pattern.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
