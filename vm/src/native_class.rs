//! Classes implemented in Rust for native modules (`collections.deque`, `re.Pattern`, ...).
//!
//! A native class is an ordinary class object (made as `type(name, bases, ns)` makes one, so it
//! has an MRO, can be subclassed in Python, and its special methods are found by the operator
//! protocol) whose namespace holds native functions, and whose instances carry a Rust value
//! (`Object::NativeData`) in the instance payload.
//!
//! Methods receive the instance as `args[0]`; [`with_data`] gives them the Rust value. A method
//! must not call back into Python while it holds the value (clone what it needs out first):
//! a re-entrant borrow is reported as `RuntimeError`, never a panic.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::object::{new_dict, Instance, NativeFn, Object, Type};
use crate::value::{s, Value};
use crate::vm::{native, PyResult, Vm};

/// Creates class `module.name` with `bases` (empty: `object`) and the given native methods,
/// plus any extra class attributes. `__new__` in `methods` is called as `__new__(cls, *args)`.
pub fn new_class(
    vm: &mut Vm,
    module: &str,
    name: &str,
    bases: &[Rc<Type>],
    methods: &[(&'static str, NativeFn)],
    attrs: Vec<(&str, Value)>,
) -> Rc<Type> {
    let ns = new_dict();
    {
        let mut d = ns.borrow_mut();
        d.set_str(s("__module__"), Value::str(module));
        d.set_str(s("__qualname__"), Value::str(name));
        for (n, f) in methods {
            d.set_str(s(n), native(n, *f));
        }
        for (n, v) in attrs {
            d.set_str(s(n), v);
        }
    }
    let bases: Vec<Value> = bases.iter().map(|b| Value::Type(b.clone())).collect();
    let meta = vm.t.type_.clone();
    let args = vec![Value::str(name), Value::tuple(bases), Value::Dict(ns)];
    match crate::classes::new_class_from_args(vm, &meta, args, Vec::new()) {
        Ok(Value::Type(t)) => t,
        _ => panic!("native class {module}.{name} could not be created"),
    }
}

/// A new instance of `cls` (a native class or a Python subclass of one) carrying `data`.
pub fn new_instance<T: Any>(cls: &Rc<Type>, data: T) -> Value {
    let payload = Value::obj(Object::NativeData(RefCell::new(Box::new(data))));
    Value::Inst(Instance::new(cls.clone(), new_dict(), payload, None, vec![Value::Null; cls.nslots]))
}

/// Replaces the Rust value carried by instance `v` (for `__init__` of subclass instances whose
/// `__new__` was not the native one). Returns false when `v` is not an instance.
pub fn set_data<T: Any>(v: &Value, data: T) -> bool {
    match v {
        Value::Inst(i) => {
            *i.payload.borrow_mut() = Value::obj(Object::NativeData(RefCell::new(Box::new(data))));
            true
        }
        _ => false,
    }
}

/// True when `v` carries a Rust value of type `T`.
pub fn has_data<T: Any>(v: &Value) -> bool {
    let Value::Inst(i) = v else { return false };
    let p = i.payload.borrow();
    match &*p {
        Value::Obj(o) => match &**o {
            Object::NativeData(d) => d.try_borrow().map(|b| b.is::<T>()).unwrap_or(true),
            _ => false,
        },
        _ => false,
    }
}

/// Runs `f` on the Rust value of type `T` carried by `v`. `TypeError` ("descriptor 'name'
/// requires a 'cls' object") when `v` does not carry one; `RuntimeError` on re-entrant use.
pub fn with_data<T: Any, R>(vm: &mut Vm, v: &Value, what: &str, f: impl FnOnce(&mut T) -> R) -> PyResult<R> {
    let obj = match v {
        Value::Inst(i) => i.payload.borrow().clone(),
        _ => Value::Null,
    };
    if let Value::Obj(o) = &obj {
        if let Object::NativeData(d) = &**o {
            let Ok(mut b) = d.try_borrow_mut() else {
                return Err(vm.runtime_error(format!("{what}: object in use (re-entrant call)")));
            };
            if let Some(t) = b.downcast_mut::<T>() {
                return Ok(f(t));
            }
        }
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(format!("descriptor '{what}' requires a native object, not '{tn}'")))
}
