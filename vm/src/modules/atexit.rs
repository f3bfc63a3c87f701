//! The `atexit` module: `register`, `unregister`, `_run_exitfuncs`, `_clear`, `_ncallbacks`.
//! The registered functions run (last registered first) when the main module finishes,
//! including after an uncaught exception or `sys.exit()`; an exception in one is reported as
//! "Exception ignored in atexit callback: ..." and the others still run, as in CPython.

use std::cell::RefCell;

use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

/// A registered call; `None` once unregistered (CPython keeps the slot, so `_ncallbacks`
/// still counts it).
type Entry = Option<(Value, Vec<Value>, Kw)>;

thread_local! {
    static CALLBACKS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

fn register(vm: &mut Vm, mut a: Vec<Value>, k: Kw) -> PyResult<Value> {
    if a.is_empty() {
        return Err(vm.type_error("register() takes at least 1 argument (0 given)"));
    }
    let f = a.remove(0);
    let callable = match &f {
        Value::Func(_) | Value::Type(_) => true,
        Value::Obj(o) => matches!(&**o, crate::object::Object::Builtin(_) | crate::object::Object::Method { .. }),
        Value::Inst(_) => vm.type_of(&f).lookup(&vm.t.s_call.clone()).is_some(),
        _ => false,
    };
    if !callable {
        return Err(vm.type_error("the first argument must be callable"));
    }
    CALLBACKS.with(|c| c.borrow_mut().push(Some((f.clone(), a, k))));
    Ok(f)
}

fn unregister(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = a.first().cloned().unwrap_or(Value::None);
    let funcs: Vec<(usize, Value)> = CALLBACKS.with(|c| {
        c.borrow().iter().enumerate().filter_map(|(i, e)| e.as_ref().map(|(g, _, _)| (i, g.clone()))).collect()
    });
    for (i, g) in funcs {
        if crate::ops::eq(vm, &g, &f)? {
            CALLBACKS.with(|c| c.borrow_mut()[i] = None);
        }
    }
    Ok(Value::None)
}

/// Runs and clears the registered functions (last registered first).
pub fn run_exitfuncs(vm: &mut Vm) {
    loop {
        let next = CALLBACKS.with(|c| {
            let mut c = c.borrow_mut();
            while let Some(e) = c.pop() {
                if e.is_some() {
                    return e;
                }
            }
            None
        });
        let Some((f, args, kw)) = next else { break };
        if let Err(e) = vm.call(&f, args, kw) {
            let r = crate::ops::repr(vm, &f).unwrap_or_else(|_| "<object repr() failed>".into());
            let text = crate::exceptions::format_exception(vm, &e);
            vm.write_err(&format!("Exception ignored in atexit callback: {r}\n{text}"));
        }
    }
    crate::modules::weakref::run_pending(vm);
}

fn run_exitfuncs_py(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    run_exitfuncs(vm);
    Ok(Value::None)
}

fn clear(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    CALLBACKS.with(|c| c.borrow_mut().clear());
    Ok(Value::None)
}

fn ncallbacks(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(CALLBACKS.with(|c| c.borrow().len()) as i64))
}

/// Builds the `atexit` module.
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("atexit");
    let mut d = d.borrow_mut();
    d.set_str(s("register"), native("register", register));
    d.set_str(s("unregister"), native("unregister", unregister));
    d.set_str(s("_run_exitfuncs"), native("_run_exitfuncs", run_exitfuncs_py));
    d.set_str(s("_clear"), native("_clear", clear));
    d.set_str(s("_ncallbacks"), native("_ncallbacks", ncallbacks));
    m
}
