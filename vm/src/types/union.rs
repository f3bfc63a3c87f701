//! `types.UnionType`: the result of `int | str` on classes, usable with isinstance/issubclass.

use std::cell::RefCell;
use std::rc::Rc;

use crate::object::{new_dict, Instance, Kind, Type};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

thread_local! {
    static UNION: RefCell<Option<Rc<Type>>> = const { RefCell::new(None) };
}

/// The UnionType class (created on first use).
pub fn union_type(vm: &Vm) -> Rc<Type> {
    UNION.with(|u| {
        let mut u = u.borrow_mut();
        if let Some(t) = &*u {
            return t.clone();
        }
        let t = crate::types_registry::new_type("UnionType", Some(&vm.t.object), Kind::Object, true);
        *t.module.borrow_mut() = "types".to_string();
        *u = Some(t.clone());
        t
    })
}

/// The member types when `v` is a union.
pub fn args_of(vm: &Vm, v: &Value) -> Option<Vec<Value>> {
    if let Value::Inst(i) = v {
        if Rc::ptr_eq(&i.class(), &union_type(vm)) {
            if let Value::Tuple(t) = &*i.payload.borrow() {
                return Some(t.to_vec());
            }
        }
    }
    None
}

fn is_unionable(vm: &Vm, v: &Value) -> bool {
    matches!(v, Value::Type(_) | Value::None) || args_of(vm, v).is_some()
}

/// `a | b` for classes, None and unions; `None` when the operands do not form a union.
pub fn make(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    if !is_unionable(vm, a) || !is_unionable(vm, b) {
        return Ok(None);
    }
    let mut items: Vec<Value> = Vec::new();
    for v in [a, b] {
        let parts = args_of(vm, v).unwrap_or_else(|| vec![v.clone()]);
        for p in parts {
            let p = if p.is_none() { Value::Type(vm.t.none_type.clone()) } else { p };
            if !items.iter().any(|x| x.is(&p)) {
                items.push(p);
            }
        }
    }
    if items.len() == 1 {
        return Ok(Some(items.remove(0)));
    }
    let t = union_type(vm);
    let d = new_dict();
    d.borrow_mut().set_str(crate::value::s("__args__"), Value::tuple(items.clone()));
    Ok(Some(Value::Inst(Instance::new(t, d, Value::tuple(items), None, Vec::new()))))
}

/// `repr(int | None)` = `int | None`.
pub fn repr(vm: &mut Vm, args: &[Value]) -> PyResult<String> {
    let mut parts = Vec::new();
    for a in args {
        parts.push(match a {
            Value::Type(t) if Rc::ptr_eq(t, &vm.t.none_type) => "None".to_string(),
            Value::Type(t) => {
                let m = t.module.borrow().clone();
                let q = t.qualname.borrow().clone();
                if m == "builtins" {
                    q
                } else {
                    format!("{m}.{q}")
                }
            }
            other => crate::ops::repr(vm, other)?,
        });
    }
    Ok(parts.join(" | "))
}
