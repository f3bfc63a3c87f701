//! The `_thread` module for a single-threaded VM: `allocate_lock`/`LockType`, `RLock`,
//! `get_ident`, `get_native_id`, `TIMEOUT_MAX`, `error`. Locks behave as CPython's when only one
//! thread exists: acquiring a held lock without blocking fails, blocking on it would deadlock
//! (reported as `RuntimeError` instead of hanging forever).

use std::rc::Rc;

use crate::native_class::{new_class, new_instance, with_data};
use crate::object::Type;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

struct Lock {
    /// Times acquired (0 or 1 for a plain lock; the recursion depth for an RLock).
    count: u32,
    reentrant: bool,
}

thread_local! {
    static TYPES: std::cell::RefCell<Option<(Rc<Type>, Rc<Type>)>> = const { std::cell::RefCell::new(None) };
}

fn types(vm: &mut Vm) -> (Rc<Type>, Rc<Type>) {
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        return t;
    }
    let methods: &[(&'static str, crate::object::NativeFn)] = &[
        ("acquire", acquire),
        ("acquire_lock", acquire),
        ("release", release),
        ("release_lock", release),
        ("locked", locked),
        ("locked_lock", locked),
        ("__enter__", acquire),
        ("__exit__", exit),
        ("__new__", lock_new),
    ];
    let lock = new_class(vm, "_thread", "lock", &[], methods, vec![]);
    let rmethods: &[(&'static str, crate::object::NativeFn)] = &[
        ("acquire", acquire),
        ("release", release),
        ("_is_owned", locked),
        ("__enter__", acquire),
        ("__exit__", exit),
        ("__new__", rlock_new),
    ];
    let rlock = new_class(vm, "_thread", "RLock", &[], rmethods, vec![]);
    TYPES.with(|t| *t.borrow_mut() = Some((lock.clone(), rlock.clone())));
    (lock, rlock)
}

fn lock_new(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let cls = match a.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => types(vm).0,
    };
    Ok(new_instance(&cls, Lock { count: 0, reentrant: false }))
}

fn rlock_new(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let cls = match a.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => types(vm).1,
    };
    Ok(new_instance(&cls, Lock { count: 0, reentrant: true }))
}

fn allocate_lock(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let t = types(vm).0;
    Ok(new_instance(&t, Lock { count: 0, reentrant: false }))
}

fn acquire(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let blocking = match a.get(1).or_else(|| k.iter().find(|(n, _)| n.as_str() == "blocking").map(|(_, v)| v)) {
        Some(v) => crate::ops::truthy(vm, v)?,
        None => true,
    };
    let r = with_data(vm, &this, "acquire", |l: &mut Lock| {
        if l.count == 0 || l.reentrant {
            l.count += 1;
            Some(true)
        } else if !blocking {
            Some(false)
        } else {
            None
        }
    })?;
    match r {
        Some(b) => Ok(Value::Bool(b)),
        None => Err(vm.runtime_error("deadlock: acquiring a lock already held by the only thread")),
    }
}

fn release(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let (ok, reentrant) = with_data(vm, &this, "release", |l: &mut Lock| {
        if l.count == 0 {
            (false, l.reentrant)
        } else {
            l.count -= 1;
            (true, l.reentrant)
        }
    })?;
    if !ok {
        return Err(vm.runtime_error(if reentrant {
            "cannot release un-acquired lock"
        } else {
            "release unlocked lock"
        }));
    }
    Ok(Value::None)
}

fn exit(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    release(vm, a.into_iter().take(1).collect(), Vec::new())?;
    Ok(Value::Bool(false))
}

fn locked(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    Ok(Value::Bool(with_data(vm, &this, "locked", |l: &mut Lock| l.count > 0)?))
}

fn get_ident(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(std::process::id() as i64))
}

/// Builds the `_thread` module.
pub fn make(vm: &mut Vm) -> Value {
    let (lock, rlock) = types(vm);
    let (m, d) = super::new_module("_thread");
    let mut d = d.borrow_mut();
    d.set_str(s("LockType"), Value::Type(lock));
    d.set_str(s("RLock"), Value::Type(rlock));
    d.set_str(s("allocate_lock"), native("allocate_lock", allocate_lock));
    d.set_str(s("allocate"), native("allocate", allocate_lock));
    d.set_str(s("get_ident"), native("get_ident", get_ident));
    d.set_str(s("get_native_id"), native("get_native_id", get_ident));
    d.set_str(s("TIMEOUT_MAX"), Value::Float(9223372036.0));
    d.set_str(s("error"), Value::Type(vm.t.runtime_error.clone()));
    m
}
