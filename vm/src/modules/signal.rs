//! The `_signal` module (CPython's `signal.py` wraps it in enums): `signal`, `getsignal`,
//! `raise_signal`, `default_int_handler`, `SIG_DFL`/`SIG_IGN`, the Linux signal numbers,
//! `strsignal`, `valid_signals`, `alarm` (no timer: returns 0), `set_wakeup_fd`.
//!
//! pvm installs no OS handlers itself (no `unsafe`): handlers are kept in a table, and a signal
//! is delivered synchronously by `raise_signal`/`os.kill(os.getpid(), sig)`, running the Python
//! handler at once as CPython does at its next check. The Ctrl-C path of the interpreter calls
//! [`sigint_action`] to learn whether a Python SIGINT handler replaces `KeyboardInterrupt`.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::types::args::bind;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

thread_local! {
    /// Python-level handlers by signal number (absent: SIG_DFL, except SIGINT).
    static HANDLERS: RefCell<HashMap<i64, Value>> = RefCell::new(HashMap::new());
}

const NAMES: &[(&str, i64)] = &[
    ("SIGHUP", 1),
    ("SIGINT", 2),
    ("SIGQUIT", 3),
    ("SIGILL", 4),
    ("SIGTRAP", 5),
    ("SIGABRT", 6),
    ("SIGIOT", 6),
    ("SIGBUS", 7),
    ("SIGFPE", 8),
    ("SIGKILL", 9),
    ("SIGUSR1", 10),
    ("SIGSEGV", 11),
    ("SIGUSR2", 12),
    ("SIGPIPE", 13),
    ("SIGALRM", 14),
    ("SIGTERM", 15),
    ("SIGSTKFLT", 16),
    ("SIGCHLD", 17),
    ("SIGCONT", 18),
    ("SIGSTOP", 19),
    ("SIGTSTP", 20),
    ("SIGTTIN", 21),
    ("SIGTTOU", 22),
    ("SIGURG", 23),
    ("SIGXCPU", 24),
    ("SIGXFSZ", 25),
    ("SIGVTALRM", 26),
    ("SIGPROF", 27),
    ("SIGWINCH", 28),
    ("SIGIO", 29),
    ("SIGPOLL", 29),
    ("SIGPWR", 30),
    ("SIGSYS", 31),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
];

fn describe(sig: i64) -> Option<&'static str> {
    Some(match sig {
        1 => "Hangup",
        2 => "Interrupt",
        3 => "Quit",
        4 => "Illegal instruction",
        5 => "Trace/breakpoint trap",
        6 => "Aborted",
        7 => "Bus error",
        8 => "Floating point exception",
        9 => "Killed",
        10 => "User defined signal 1",
        11 => "Segmentation fault",
        12 => "User defined signal 2",
        13 => "Broken pipe",
        14 => "Alarm clock",
        15 => "Terminated",
        16 => "Stack fault",
        17 => "Child exited",
        18 => "Continued",
        19 => "Stopped (signal)",
        20 => "Stopped",
        21 => "Stopped (tty input)",
        22 => "Stopped (tty output)",
        23 => "Urgent I/O condition",
        24 => "CPU time limit exceeded",
        25 => "File size limit exceeded",
        26 => "Virtual timer expired",
        27 => "Profiling timer expired",
        28 => "Window changed",
        29 => "I/O possible",
        30 => "Power failure",
        31 => "Bad system call",
        _ => return None,
    })
}

fn signum_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let n = crate::types::to_index(vm, v)?;
    if !(1..65).contains(&n) {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n)
}

fn default_int_handler(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let t = vm.t.keyboard_interrupt.clone();
    Err(crate::exceptions::make_exc(&t, Value::tuple(vec![])))
}

/// The handler currently installed for `sig` (SIG_DFL as 0, SIG_IGN as 1).
fn current(vm: &mut Vm, sig: i64) -> Value {
    if let Some(h) = HANDLERS.with(|h| h.borrow().get(&sig).cloned()) {
        return h;
    }
    if sig == 2 {
        return module_attr(vm, "default_int_handler").unwrap_or(Value::Int(0));
    }
    Value::Int(0)
}

fn module_attr(vm: &mut Vm, name: &str) -> Option<Value> {
    let m = vm.modules.borrow().get_str(&crate::value::PyStr::new("_signal")).cloned()?;
    super::module_attr(&m, name)
}

fn py_signal(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "signal", &a, &k, &["signalnum", "handler"], 2, 2, 2)?;
    let sig = signum_arg(vm, p[0].as_ref().unwrap())?;
    let h = p[1].clone().unwrap();
    let is_const = matches!(h, Value::Int(0) | Value::Int(1));
    if !is_const && !is_callable(vm, &h) {
        return Err(vm.type_error("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object"));
    }
    if sig == 9 || sig == 19 {
        return Err(super::posix::os_error(vm, 22, None, None));
    }
    let old = current(vm, sig);
    HANDLERS.with(|t| t.borrow_mut().insert(sig, h));
    Ok(old)
}

fn is_callable(vm: &mut Vm, v: &Value) -> bool {
    match v {
        Value::Func(_) | Value::Type(_) => true,
        Value::Obj(o) => matches!(&**o, crate::object::Object::Builtin(_) | crate::object::Object::Method { .. }),
        Value::Inst(_) => vm.type_of(v).lookup(&vm.t.s_call.clone()).is_some(),
        _ => false,
    }
}

fn getsignal(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let sig = signum_arg(vm, a.first().unwrap_or(&Value::None))?;
    Ok(current(vm, sig))
}

/// Delivers signal `sig` to this process now: runs the Python handler, ignores it, or does
/// the default action (KeyboardInterrupt for SIGINT; otherwise the process ends with status
/// 128+sig after flushing output, as a shell reports a death by signal).
pub fn deliver(vm: &mut Vm, sig: i64) -> PyResult<Value> {
    let h = current(vm, sig);
    match h {
        Value::Int(1) => Ok(Value::None),
        Value::Int(0) => {
            // Signals whose default action is to be ignored.
            if matches!(sig, 17 | 18 | 23 | 28) {
                return Ok(Value::None);
            }
            vm.flush_out();
            std::process::exit(128 + sig as i32)
        }
        f => {
            vm.call0(&f, vec![Value::Int(sig), Value::None])?;
            Ok(Value::None)
        }
    }
}

/// What a Ctrl-C should do, for the interpreter's SIGINT path: `None` for the default
/// (`KeyboardInterrupt`), otherwise the result of running the Python handler (Ok when it
/// returned, or the exception it raised). SIG_IGN gives `Some(Ok(()))`.
pub fn sigint_action(vm: &mut Vm) -> Option<PyResult<()>> {
    let h = HANDLERS.with(|h| h.borrow().get(&2).cloned())?;
    match h {
        Value::Int(1) => Some(Ok(())),
        Value::Int(0) => None,
        f => {
            let dflt = module_attr(vm, "default_int_handler");
            if dflt.is_some_and(|d| d.is(&f)) {
                return None;
            }
            Some(vm.call0(&f, vec![Value::Int(2), Value::None]).map(|_| ()))
        }
    }
}

fn raise_signal(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let sig = signum_arg(vm, a.first().unwrap_or(&Value::None))?;
    deliver(vm, sig)
}

fn strsignal(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let sig = signum_arg(vm, a.first().unwrap_or(&Value::None))?;
    Ok(match describe(sig) {
        Some(d) => Value::str(d),
        None if (34..=64).contains(&sig) => Value::str(format!("Real-time signal {}", sig - 34)),
        None => Value::None,
    })
}

fn valid_signals(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let items: Vec<Value> = (1..65).filter(|n| *n != 32 && *n != 33).map(Value::Int).collect();
    let set = crate::types::set::new_set(vm, items, false)?;
    Ok(set)
}

fn alarm(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let _ = crate::types::to_index(vm, a.first().unwrap_or(&Value::None))?;
    Ok(Value::Int(0))
}

fn set_wakeup_fd(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(-1))
}

fn siginterrupt(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::None)
}

/// Builds the `_signal` module.
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("_signal");
    let mut d = d.borrow_mut();
    let funcs: &[(&'static str, crate::object::NativeFn)] = &[
        ("signal", py_signal),
        ("getsignal", getsignal),
        ("raise_signal", raise_signal),
        ("default_int_handler", default_int_handler),
        ("strsignal", strsignal),
        ("valid_signals", valid_signals),
        ("alarm", alarm),
        ("set_wakeup_fd", set_wakeup_fd),
        ("siginterrupt", siginterrupt),
    ];
    for (n, f) in funcs {
        d.set_str(s(n), native(n, *f));
    }
    for (n, v) in NAMES {
        d.set_str(s(n), Value::Int(*v));
    }
    d.set_str(s("SIG_DFL"), Value::Int(0));
    d.set_str(s("SIG_IGN"), Value::Int(1));
    d.set_str(s("NSIG"), Value::Int(65));
    d.set_str(s("SIG_BLOCK"), Value::Int(0));
    d.set_str(s("SIG_UNBLOCK"), Value::Int(1));
    d.set_str(s("SIG_SETMASK"), Value::Int(2));
    d.set_str(s("ITIMER_REAL"), Value::Int(0));
    d.set_str(s("ITIMER_VIRTUAL"), Value::Int(1));
    d.set_str(s("ITIMER_PROF"), Value::Int(2));
    m
}
