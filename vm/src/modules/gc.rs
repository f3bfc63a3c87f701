//! The `gc` module: the interface to the cycle collector (`crate::gc`).

use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

fn no_kwargs(vm: &mut Vm, fname: &str, k: &Kw) -> PyResult<()> {
    match k.first() {
        Some((n, _)) => Err(vm.type_error(format!("{fname}() got an unexpected keyword argument '{}'", n.as_str()))),
        None => Ok(()),
    }
}

fn no_args(vm: &mut Vm, fname: &str, a: &[Value], k: &Kw) -> PyResult<()> {
    no_kwargs(vm, fname, k)?;
    if !a.is_empty() {
        return Err(vm.type_error(format!("{fname}() takes no arguments ({} given)", a.len())));
    }
    Ok(())
}

/// `gc.collect(generation=2)`: a full collection; returns the number of unreachable objects.
fn collect(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let mut gen = a.first().cloned();
    for (n, v) in &k {
        if n.as_str() != "generation" || gen.is_some() {
            return Err(vm.type_error(format!("collect() got an unexpected keyword argument '{}'", n.as_str())));
        }
        gen = Some(v.clone());
    }
    if a.len() > 1 {
        return Err(vm.type_error(format!("collect() takes at most 1 argument ({} given)", a.len())));
    }
    match gen {
        None | Some(Value::Int(0..=2)) | Some(Value::Bool(_)) => {}
        Some(Value::Int(_)) => return Err(vm.value_error("invalid generation")),
        Some(v) => {
            let tn = vm.type_name(&v);
            return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
        }
    }
    Ok(Value::Int(crate::gc::collect() as i64))
}

fn enable(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    no_args(vm, "enable", &a, &k)?;
    crate::gc::set_enabled(true);
    Ok(Value::None)
}

fn disable(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    no_args(vm, "disable", &a, &k)?;
    crate::gc::set_enabled(false);
    Ok(Value::None)
}

fn isenabled(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    no_args(vm, "isenabled", &a, &k)?;
    Ok(Value::Bool(crate::gc::is_enabled()))
}

fn get_count(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    no_args(vm, "get_count", &a, &k)?;
    let c = crate::gc::count() as i64;
    Ok(Value::tuple(vec![Value::Int(c), Value::Int(0), Value::Int(0)]))
}

thread_local! {
    /// The second and third thresholds (kept only to be reported back).
    static OLDER: std::cell::Cell<(i64, i64)> = const { std::cell::Cell::new((10, 10)) };
}

fn get_threshold(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    no_args(vm, "get_threshold", &a, &k)?;
    let (t1, t2) = OLDER.get();
    Ok(Value::tuple(vec![Value::Int(crate::gc::threshold() as i64), Value::Int(t1), Value::Int(t2)]))
}

/// `gc.set_threshold(threshold0[, threshold1[, threshold2]])`.
fn set_threshold(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    no_kwargs(vm, "set_threshold", &k)?;
    if a.is_empty() || a.len() > 3 {
        let n = a.len();
        let msg = if n == 0 {
            "set_threshold() takes at least 1 argument (0 given)".to_string()
        } else {
            format!("set_threshold() takes at most 3 arguments ({n} given)")
        };
        return Err(vm.type_error(msg));
    }
    let mut t = [0i64; 3];
    let (o1, o2) = OLDER.get();
    t[1] = o1;
    t[2] = o2;
    for (i, v) in a.iter().enumerate() {
        t[i] = match v {
            Value::Int(n) => *n,
            Value::Bool(b) => *b as i64,
            _ => {
                let tn = vm.type_name(v);
                return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
            }
        };
    }
    OLDER.set((t[1], t[2]));
    crate::gc::set_threshold(t[0].max(0) as usize);
    Ok(Value::None)
}

/// Builds the `gc` module.
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("gc");
    let mut d = d.borrow_mut();
    d.set_str(s("collect"), native("collect", collect));
    d.set_str(s("enable"), native("enable", enable));
    d.set_str(s("disable"), native("disable", disable));
    d.set_str(s("isenabled"), native("isenabled", isenabled));
    d.set_str(s("get_count"), native("get_count", get_count));
    d.set_str(s("get_threshold"), native("get_threshold", get_threshold));
    d.set_str(s("set_threshold"), native("set_threshold", set_threshold));
    d.set_str(s("garbage"), Value::list(vec![]));
    d.set_str(s("callbacks"), Value::list(vec![]));
    m
}
