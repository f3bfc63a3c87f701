//! Small argument helpers shared by the data-oriented native modules (`time`, `_random`,
//! `_struct`, `binascii`, the hash modules).

use std::rc::Rc;

use num_bigint::BigInt;

use crate::object::{Object, Type};
use crate::value::{s, Value};
use crate::vm::{Kw, PyResult, Vm};

/// Positional argument `i`, or keyword `name`, if given (and not None when `none_is_missing`).
pub fn arg(a: &[Value], k: &Kw, i: usize, name: &str) -> Option<Value> {
    a.get(i).cloned().or_else(|| k.iter().find(|(n, _)| n.as_str() == name).map(|(_, v)| v.clone()))
}

/// A new `bytes` value.
pub fn bytes(b: Vec<u8>) -> Value {
    Value::obj(Object::Bytes(b))
}

/// The contents of a bytes-like argument (bytes, bytearray, or an instance of a subclass).
pub fn bytes_of(vm: &mut Vm, v: &Value) -> Option<Vec<u8>> {
    let p = vm.payload(v);
    match &p {
        Value::Obj(o) => match &**o {
            Object::Bytes(b) => Some(b.clone()),
            Object::ByteArray(b) => Some(b.borrow().clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Like [`bytes_of`], raising CPython's "a bytes-like object is required" TypeError.
pub fn need_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match bytes_of(vm, v) {
        Some(b) => Ok(b),
        None => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("a bytes-like object is required, not '{n}'")))
        }
    }
}

/// An integer argument (via `__index__`) as a BigInt.
pub fn big_index(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if matches!(v, Value::Float(_)) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let i = crate::descr::index(vm, v)?;
    Ok(crate::num::to_big(&i).unwrap_or_default())
}

/// An integer argument (via `__index__`) that must fit in i64.
pub fn i64_index(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    use num_traits::ToPrimitive;
    let b = big_index(vm, v)?;
    b.to_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C long"))
}

/// A new exception class `module.name` deriving from `base`.
pub fn exc_class(vm: &mut Vm, module: &str, name: &str, base: &Rc<Type>) -> Rc<Type> {
    crate::native_class::new_class(vm, module, name, &[base.clone()], &[], vec![])
}

/// Sets `name` in a module namespace.
pub fn set(d: &crate::value::DictRef, name: &str, v: Value) {
    d.borrow_mut().set_str(s(name), v);
}
