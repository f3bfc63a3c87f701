//! `object.__reduce_ex__` / `object.__reduce__` as CPython's `reduce_newobj` computes them, so
//! `copy.copy`, `copy.deepcopy` (and pickle-like code) work on plain instances: the result is
//! `(copyreg.__newobj__, (cls, *newargs), state, listitems, dictitems)`, where `state` is
//! `__getstate__()` (by default the instance `__dict__`, or `(dict, slots)` when the class has
//! `__slots__`), and list/dict subclasses pass their items.

use crate::object::{Kind, Object};
use crate::value::{s, PyStr, Value};
use crate::vm::{Kw, PyResult, Vm};

fn copyreg_attr(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let m = super::load_module(vm, "copyreg")?;
    crate::attr::getattr(vm, &m, &s(name))
}

/// True when class attribute `name` of `v`'s class is still `object`'s own.
fn is_object_default(vm: &mut Vm, v: &Value, name: &str) -> bool {
    let ty = vm.type_of(v);
    let mine = ty.lookup(&PyStr::new(name));
    let base = vm.t.object.dict.borrow().get_str(&PyStr::new(name)).cloned();
    match (mine, base) {
        (Some(a), Some(b)) => a.is(&b),
        (None, _) => true,
        _ => false,
    }
}

/// The default `__getstate__`: the instance dict (None when empty), paired with a dict of the
/// set `__slots__` values when the class has slots.
fn default_state(vm: &mut Vm, v: &Value) -> Value {
    let Value::Inst(i) = v else { return Value::None };
    let dict = if i.dict.borrow().is_empty() { Value::None } else { Value::Dict(i.dict.clone()) };
    let cls = i.class();
    let mut slots = crate::dict::Dict::new();
    let mut types = vec![cls.clone()];
    types.extend(cls.mro.borrow().iter().cloned());
    let vals = i.slots.borrow().clone();
    for t in types.iter() {
        for (k, d) in t.dict.borrow().items() {
            if let Value::Obj(o) = &d {
                if let Object::Member { name, idx, .. } = &**o {
                    if let Some(x) = vals.get(*idx) {
                        if !x.is_null() && slots.get_str(name).is_none() {
                            let _ = &k;
                            slots.set_str(name.clone(), x.clone());
                        }
                    }
                }
            }
        }
    }
    let _ = vm;
    if slots.is_empty() {
        dict
    } else {
        Value::tuple(vec![dict, Value::dict(slots)])
    }
}

/// `object.__reduce_ex__(self, protocol)`.
pub fn reduce_ex(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let obj = a.first().cloned().unwrap_or(Value::None);
    if !is_object_default(vm, &obj, "__reduce__") {
        let f = crate::attr::getattr(vm, &obj, &s("__reduce__"))?;
        return vm.call(&f, vec![], Vec::new());
    }
    reduce_newobj(vm, &obj)
}

/// `object.__reduce__(self)`.
pub fn reduce(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let obj = a.first().cloned().unwrap_or(Value::None);
    reduce_newobj(vm, &obj)
}

fn reduce_newobj(vm: &mut Vm, obj: &Value) -> PyResult<Value> {
    let cls = vm.type_of(obj);
    if !matches!(obj, Value::Inst(_)) {
        return Err(vm.type_error(format!("cannot pickle '{}' object", cls.name())));
    }
    let clsv = Value::Type(cls.clone());
    if matches!(cls.kind, Kind::Set | Kind::FrozenSet) {
        // set.__reduce__: (cls, (members,), state).
        let p = vm.payload(obj);
        let members = Value::list(crate::ops::to_vec(vm, &p)?);
        let state = default_state(vm, obj);
        return Ok(Value::tuple(vec![clsv, Value::tuple(vec![members]), state]));
    }
    // Arguments for __new__.
    let mut newargs: Vec<Value> = Vec::new();
    let mut newkw: Option<Value> = None;
    if let Some(f) = crate::attr::getattr_opt(vm, obj, &s("__getnewargs_ex__"))? {
        let r = vm.call(&f, vec![], Vec::new())?;
        let parts = crate::ops::to_vec(vm, &r)?;
        if parts.len() != 2 {
            return Err(vm.type_error("__getnewargs_ex__ should return a tuple of length 2"));
        }
        newargs = crate::ops::to_vec(vm, &parts[0])?;
        newkw = Some(parts[1].clone());
    } else if let Some(f) = crate::attr::getattr_opt(vm, obj, &s("__getnewargs__"))? {
        let r = vm.call(&f, vec![], Vec::new())?;
        newargs = crate::ops::to_vec(vm, &r)?;
    } else if matches!(
        cls.kind,
        Kind::Int | Kind::Bool | Kind::Float | Kind::Complex | Kind::Str | Kind::Bytes | Kind::Tuple | Kind::FrozenSet
    ) {
        // Immutable builtin payload: passed to __new__.
        let p = vm.payload(obj);
        newargs = vec![p];
    }
    let state = if is_object_default(vm, obj, "__getstate__") {
        default_state(vm, obj)
    } else {
        let f = crate::attr::getattr(vm, obj, &s("__getstate__"))?;
        vm.call(&f, vec![], Vec::new())?
    };
    let (listitems, dictitems) = match cls.kind {
        Kind::List => (crate::ops::iter(vm, &vm.payload(obj))?, Value::None),
        Kind::Dict => {
            let p = vm.payload(obj);
            let items = crate::attr::getattr(vm, &p, &s("items"))?;
            let it = vm.call(&items, vec![], Vec::new())?;
            (Value::None, crate::ops::iter(vm, &it)?)
        }
        _ => (Value::None, Value::None),
    };
    let (func, args) = match newkw {
        Some(kw) if !matches!(&kw, Value::Dict(d) if d.borrow().is_empty()) => {
            (copyreg_attr(vm, "__newobj_ex__")?, Value::tuple(vec![clsv, Value::tuple(newargs), kw]))
        }
        _ => {
            let mut v = vec![clsv];
            v.extend(newargs);
            (copyreg_attr(vm, "__newobj__")?, Value::tuple(v))
        }
    };
    Ok(Value::tuple(vec![func, args, state, listitems, dictitems]))
}
