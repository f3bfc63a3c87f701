//! The `sys` module.

use crate::object::{new_dict, Object};
use crate::ops;
use crate::value::{s, PyStr, Value};
use crate::vm::{native, Kw, PyResult, Vm};

fn sys_exit(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let t = vm.t.system_exit.clone();
    Err(crate::exceptions::make_exc(&t, Value::tuple(a)))
}
fn set_limit(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = crate::types::to_index(vm, a.first().unwrap_or(&Value::None))?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    vm.recursion_limit = n.min(1_000_000) as usize;
    Ok(Value::None)
}
fn get_limit(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(vm.recursion_limit as i64))
}
fn exc_info(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let e = vm.handled_exc.clone();
    if e.is_none() || e.is_null() {
        return Ok(Value::tuple(vec![Value::None, Value::None, Value::None]));
    }
    let t = Value::Type(vm.type_of(&e));
    let tb = crate::exceptions::traceback_of(vm, &e);
    Ok(Value::tuple(vec![t, e, tb]))
}
fn exception(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let e = vm.handled_exc.clone();
    Ok(if e.is_null() { Value::None } else { e })
}
fn stream_write(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let text = match a.get(1) {
        Some(Value::Str(t)) => t.as_str().to_string(),
        Some(other) => {
            let n = vm.type_name(other);
            return Err(vm.type_error(format!("write() argument must be str, not {n}")));
        }
        None => String::new(),
    };
    let n = text.chars().count();
    match a.first() {
        Some(Value::Obj(o)) => match &**o {
            Object::Stream(2) => vm.write_err(&text),
            _ => vm.write_out(&text),
        },
        _ => vm.write_out(&text),
    }
    vm.check_out()?;
    Ok(Value::Int(n as i64))
}
fn stream_flush(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    vm.flush_out();
    vm.check_out()?;
    Ok(Value::None)
}
fn getsizeof(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    let n = match &v {
        Value::Str(s) => 49 + s.s.len() as i64,
        Value::List(l) => 56 + 8 * l.borrow().len() as i64,
        Value::Tuple(t) => 40 + 8 * t.len() as i64,
        _ => 28,
    };
    let _ = vm;
    Ok(Value::Int(n))
}
fn set_int_max_str_digits(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = crate::types::args::bind(vm, "set_int_max_str_digits", &a, &k, &["maxdigits"], 1, 0, 1)?;
    let n = crate::types::to_index(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    if n != 0 && n < 640 {
        return Err(vm.value_error("maxdigits must be 0 or larger than 640"));
    }
    crate::num::set_max_str_digits(n as usize);
    Ok(Value::None)
}
fn get_int_max_str_digits(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(crate::num::max_str_digits() as i64))
}
fn intern(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(a.first().cloned().unwrap_or(Value::None))
}
fn getrefcount(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(2))
}

/// Sets `sys.argv`.
pub fn set_argv(vm: &mut Vm, argv: &[String]) {
    let m = vm.modules.borrow().get_str(&PyStr::new("sys")).cloned();
    if let Some(Value::Obj(o)) = m {
        if let Object::Module { dict, .. } = &*o {
            dict.borrow_mut().set_str(s("argv"), Value::list(argv.iter().map(|a| Value::str(a.as_str())).collect()));
        }
    }
}

fn version_info(vm: &mut Vm) -> Value {
    let items = vec![Value::Int(3), Value::Int(11), Value::Int(7), Value::str("final"), Value::Int(0)];
    let tb = vm.t.tuple.clone();
    let t = crate::types_registry::new_type("version_info", Some(&tb), crate::object::Kind::Tuple, false);
    *t.module.borrow_mut() = "sys".into();
    let inst = crate::object::Instance::new(t, new_dict(), Value::tuple(items.clone()), None, Vec::new());
    for (k, v) in ["major", "minor", "micro", "releaselevel", "serial"].iter().zip(items) {
        inst.dict.borrow_mut().set_str(s(k), v);
    }
    Value::Inst(inst)
}

/// Builds the `sys` module.
pub fn make(vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("sys");
    let tio = vm.t.text_io.clone();
    crate::types::add_method(&tio, "write", stream_write);
    crate::types::add_method(&tio, "flush", stream_flush);
    let mut d = d.borrow_mut();
    let set = |d: &mut crate::dict::Dict, k: &str, v: Value| d.set_str(s(k), v);
    set(&mut d, "argv", Value::list(vec![]));
    set(&mut d, "exit", native("exit", sys_exit));
    set(&mut d, "setrecursionlimit", native("setrecursionlimit", set_limit));
    set(&mut d, "getrecursionlimit", native("getrecursionlimit", get_limit));
    set(&mut d, "exc_info", native("exc_info", exc_info));
    set(&mut d, "exception", native("exception", exception));
    set(&mut d, "getsizeof", native("getsizeof", getsizeof));
    set(&mut d, "intern", native("intern", intern));
    set(&mut d, "set_int_max_str_digits", native("set_int_max_str_digits", set_int_max_str_digits));
    set(&mut d, "get_int_max_str_digits", native("get_int_max_str_digits", get_int_max_str_digits));
    set(&mut d, "getrefcount", native("getrefcount", getrefcount));
    set(&mut d, "maxsize", Value::Int(i64::MAX));
    set(&mut d, "maxunicode", Value::Int(0x10ffff));
    set(&mut d, "byteorder", Value::str("little"));
    set(&mut d, "platform", Value::str("linux"));
    set(&mut d, "version", Value::str("3.11.7 (pvm)"));
    set(&mut d, "hexversion", Value::Int(0x030b07f0));
    set(&mut d, "version_info", version_info(vm));
    set(&mut d, "stdout", Value::obj(Object::Stream(1)));
    set(&mut d, "stderr", Value::obj(Object::Stream(2)));
    set(&mut d, "__stdout__", Value::obj(Object::Stream(1)));
    set(&mut d, "__stderr__", Value::obj(Object::Stream(2)));
    set(&mut d, "stdin", Value::None);
    set(&mut d, "modules", Value::Dict(vm.modules.clone()));
    set(&mut d, "path", Value::list(vec![]));
    set(
        &mut d,
        "builtin_module_names",
        Value::tuple(vec![Value::str("builtins"), Value::str("math"), Value::str("sys")]),
    );
    let imp = new_dict();
    imp.borrow_mut().set_str(s("name"), Value::str("pvm"));
    imp.borrow_mut().set_str(s("cache_tag"), Value::None);
    imp.borrow_mut().set_str(
        s("version"),
        Value::tuple(vec![Value::Int(0), Value::Int(1), Value::Int(0), Value::str("final"), Value::Int(0)]),
    );
    set(&mut d, "implementation", Value::obj(Object::Namespace(imp)));
    let fi = new_dict();
    for (k, v) in [("max", f64::MAX), ("min", f64::MIN_POSITIVE), ("epsilon", f64::EPSILON)] {
        fi.borrow_mut().set_str(s(k), Value::Float(v));
    }
    for (k, v) in [
        ("dig", 15),
        ("mant_dig", 53),
        ("max_exp", 1024),
        ("max_10_exp", 308),
        ("min_exp", -1021),
        ("min_10_exp", -307),
        ("radix", 2),
        ("rounds", 1),
    ] {
        fi.borrow_mut().set_str(s(k), Value::Int(v));
    }
    let ii = new_dict();
    for (k, v) in [
        ("bits_per_digit", 30),
        ("sizeof_digit", 4),
        ("default_max_str_digits", 4300),
        ("str_digits_check_threshold", 640),
    ] {
        ii.borrow_mut().set_str(s(k), Value::Int(v));
    }
    set(&mut d, "int_info", Value::obj(Object::Namespace(ii)));
    let hi = new_dict();
    for (k, v) in [
        ("width", 64),
        ("modulus", (1i64 << 61) - 1),
        ("inf", 314159),
        ("nan", 0),
        ("imag", 1000003),
        ("hash_bits", 64),
        ("seed_bits", 128),
        ("cutoff", 0),
    ] {
        hi.borrow_mut().set_str(s(k), Value::Int(v));
    }
    hi.borrow_mut().set_str(s("algorithm"), Value::str("siphash13"));
    set(&mut d, "hash_info", Value::obj(Object::Namespace(hi)));
    fi.borrow_mut().set_str(s("mant_dig"), Value::Int(53));
    set(&mut d, "float_info", Value::obj(Object::Namespace(fi)));
    let _ = ops::truthy;
    m
}
