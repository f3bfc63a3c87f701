//! Basic `memoryview`: a view of a bytes or bytearray object (its payload), supporting
//! len, indexing, slicing (as copies), iteration, comparison, `tobytes`, `tolist`, `hex`,
//! `release`, the shape attributes and use as a context manager.

use std::cell::RefCell;
use std::rc::Rc;

use crate::object::{new_dict, Instance, Kind, Object, Type};
use crate::types::add_method;
use crate::value::{s, Value};
use crate::vm::{Kw, PyResult, Vm};

thread_local! {
    static MV: RefCell<Option<Rc<Type>>> = const { RefCell::new(None) };
}

/// The memoryview class (created on first use).
pub fn mv_type(vm: &Vm) -> Rc<Type> {
    MV.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(t) = &*m {
            return t.clone();
        }
        let t = crate::types_registry::new_type("memoryview", Some(&vm.t.object), Kind::Other, true);
        let methods: &[(&'static str, crate::object::NativeFn)] = &[
            ("tobytes", mv_tobytes),
            ("tolist", mv_tolist),
            ("hex", mv_hex),
            ("release", mv_release),
            ("__enter__", mv_enter),
            ("__exit__", mv_exit),
            ("cast", mv_cast),
            ("toreadonly", mv_enter),
        ];
        for (n, f) in methods {
            add_method(&t, n, *f);
        }
        *m = Some(t.clone());
        t
    })
}

/// `memoryview(obj)`.
pub fn construct(vm: &mut Vm, args: &[Value], kw: &Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "memoryview", args, kw, 1, 1)?;
    let obj = args[0].clone();
    let p = vm.payload(&obj);
    let readonly = match &p {
        Value::Obj(o) => match &**o {
            Object::Bytes(_) => true,
            Object::ByteArray(_) => false,
            _ => return bad(vm, &obj),
        },
        Value::Inst(_) if Rc::ptr_eq(&vm.type_of(&p), &mv_type(vm)) => {
            return Ok(p);
        }
        _ => return bad(vm, &obj),
    };
    let n = crate::builtins::len(vm, &p)?;
    let d = new_dict();
    {
        let mut d = d.borrow_mut();
        d.set_str(s("obj"), obj.clone());
        d.set_str(s("readonly"), Value::Bool(readonly));
        d.set_str(s("format"), Value::str("B"));
        d.set_str(s("itemsize"), Value::Int(1));
        d.set_str(s("ndim"), Value::Int(1));
        d.set_str(s("nbytes"), Value::Int(n));
        d.set_str(s("shape"), Value::tuple(vec![Value::Int(n)]));
        d.set_str(s("strides"), Value::tuple(vec![Value::Int(1)]));
        d.set_str(s("c_contiguous"), Value::Bool(true));
        d.set_str(s("contiguous"), Value::Bool(true));
    }
    Ok(Value::Inst(Instance::new(mv_type(vm), d, p, None, Vec::new())))
}

fn bad(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let n = vm.type_name(v);
    Err(vm.type_error(format!("memoryview: a bytes-like object is required, not '{n}'")))
}

fn data(vm: &mut Vm, a: &[Value]) -> PyResult<Vec<u8>> {
    match a.first().and_then(|v| crate::types::bytes::bytes_of(vm, v)) {
        Some(b) => Ok(b),
        None => Err(vm.type_error("descriptor requires a 'memoryview' object")),
    }
}

fn mv_tobytes(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::obj(Object::Bytes(data(vm, &a)?)))
}
fn mv_tolist(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::list(data(vm, &a)?.into_iter().map(|b| Value::Int(b as i64)).collect()))
}
fn mv_hex(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::str(data(vm, &a)?.iter().map(|b| format!("{b:02x}")).collect::<String>()))
}
fn mv_release(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::None)
}
fn mv_enter(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(a.first().cloned().unwrap_or(Value::None))
}
fn mv_exit(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::None)
}
fn mv_cast(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(a.first().cloned().unwrap_or(Value::None))
}

/// True when `v` is a memoryview.
pub fn is_mv(vm: &Vm, v: &Value) -> bool {
    matches!(v, Value::Inst(i) if Rc::ptr_eq(&i.class(), &mv_type(vm)))
}
