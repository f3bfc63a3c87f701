//! dict: lookup/store with Python equality, and the dict methods.

use std::cell::RefCell;

use crate::dict::{Dict, Probe};
use crate::object::{new_dict, Object};
use crate::ops;
use crate::types::add_method;
use crate::value::{DictRef, Value};
use crate::vm::{Kw, PyResult, Vm};

/// Finds the entry index of `k` (hash `h`) in a table, running `__eq__` when needed.
pub fn find(vm: &mut Vm, t: &RefCell<Dict>, h: i64, k: &Value) -> PyResult<Option<usize>> {
    let p = t.borrow().probe(h, k);
    match p {
        Probe::Found(i) => Ok(Some(i)),
        Probe::Missing => Ok(None),
        Probe::Slow(c) => {
            for i in c {
                let key = t.borrow().key_at(i);
                if let Some(key) = key {
                    if ops::eq(vm, &key, k)? {
                        return Ok(Some(i));
                    }
                }
            }
            Ok(None)
        }
    }
}

/// `d.get(k)` without default: Ok(None) when missing.
pub fn dict_get(vm: &mut Vm, d: &DictRef, k: &Value) -> PyResult<Option<Value>> {
    if let Value::Str(s) = k {
        return Ok(d.borrow().get_str(s).cloned());
    }
    let h = ops::hash(vm, k)?;
    match find(vm, d, h, k)? {
        Some(i) => Ok(d.borrow().entry_at(i).map(|e| e.value.clone())),
        None => Ok(None),
    }
}

/// `d[k] = v`.
pub fn dict_set(vm: &mut Vm, d: &DictRef, k: Value, v: Value) -> PyResult<()> {
    let h = ops::hash(vm, &k)?;
    match find(vm, d, h, &k)? {
        Some(i) => d.borrow_mut().set_at(i, v),
        None => d.borrow_mut().insert_new(h, k, v),
    }
    Ok(())
}

/// `del d[k]`: returns the removed value.
pub fn dict_del(vm: &mut Vm, d: &DictRef, k: &Value) -> PyResult<Option<Value>> {
    let h = ops::hash(vm, k)?;
    match find(vm, d, h, k)? {
        Some(i) => Ok(d.borrow_mut().remove_at(i).map(|x| x.1)),
        None => Ok(None),
    }
}

/// (key, value) pairs of any mapping (dict, or an object with keys() and __getitem__).
pub fn mapping_items(vm: &mut Vm, m: &Value) -> PyResult<Vec<(Value, Value)>> {
    let p = vm.payload(m);
    if let Value::Dict(d) = &p {
        if !matches!(m, Value::Inst(_)) || crate::ops::user_method(&vm.type_of(m), &vm.t.s_keys.clone()).is_none() {
            return Ok(d.borrow().items());
        }
    }
    let keys_name = vm.t.s_keys.clone();
    let keys = crate::attr::getattr(vm, m, &keys_name)?;
    let keys = vm.call0(&keys, vec![])?;
    let keys = ops::to_vec(vm, &keys)?;
    let mut out = Vec::with_capacity(keys.len());
    for k in keys {
        let v = ops::getitem(vm, m, &k)?;
        out.push((k, v));
    }
    Ok(out)
}

/// `a == b` for dicts.
pub fn dict_eq(vm: &mut Vm, a: &DictRef, b: &DictRef) -> PyResult<bool> {
    if a.borrow().len() != b.borrow().len() {
        return Ok(false);
    }
    for (k, v) in a.borrow().items() {
        match dict_get(vm, b, &k)? {
            Some(w) => {
                if !ops::eq(vm, &v, &w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// The dict behind `self` (a dict or an instance of a dict subclass).
pub fn this_dict(vm: &mut Vm, v: Option<&Value>) -> PyResult<DictRef> {
    match v.map(|v| vm.payload(v)) {
        Some(Value::Dict(d)) => Ok(d),
        _ => Err(vm.type_error("descriptor requires a 'dict' object")),
    }
}

/// Fills `d` from dict(...) style arguments.
pub fn dict_update_from(vm: &mut Vm, d: &DictRef, args: &[Value], kw: Kw) -> PyResult<()> {
    if args.len() > 1 {
        return Err(vm.type_error(format!("dict expected at most 1 argument, got {}", args.len())));
    }
    if let Some(src) = args.first() {
        let p = vm.payload(src);
        let is_mapping = matches!(p, Value::Dict(_)) || {
            let kn = vm.t.s_keys.clone();
            crate::attr::getattr_opt(vm, src, &kn)?.is_some()
        };
        if is_mapping {
            for (k, v) in mapping_items(vm, src)? {
                dict_set(vm, d, k, v)?;
            }
        } else {
            let items = ops::to_vec(vm, src)?;
            for (n, it) in items.iter().enumerate() {
                let pair = match ops::to_vec(vm, it) {
                    Ok(p) => p,
                    Err(_) => {
                        let tn = vm.type_name(it);
                        return Err(vm
                            .type_error(format!("cannot convert dictionary update sequence element #{n} to a sequence"))
                            .or_else_msg(tn));
                    }
                };
                if pair.len() != 2 {
                    return Err(vm.value_error(format!(
                        "dictionary update sequence element #{n} has length {}; 2 is required",
                        pair.len()
                    )));
                }
                let mut p = pair.into_iter();
                let k = p.next().unwrap_or(Value::None);
                let v = p.next().unwrap_or(Value::None);
                dict_set(vm, d, k, v)?;
            }
        }
    }
    for (k, v) in kw {
        d.borrow_mut().set_str(k, v);
    }
    Ok(())
}

trait OrElseMsg {
    fn or_else_msg(self, _t: String) -> Self;
}
impl OrElseMsg for Value {
    fn or_else_msg(self, _t: String) -> Self {
        self
    }
}

fn m_keys(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    Ok(Value::obj(Object::DictView(0, d)))
}
fn m_values(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    Ok(Value::obj(Object::DictView(1, d)))
}
fn m_items(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    Ok(Value::obj(Object::DictView(2, d)))
}
fn m_get(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    let Some(k) = a.get(1) else {
        return Err(vm.type_error("get expected at least 1 argument, got 0"));
    };
    Ok(dict_get(vm, &d, k)?.unwrap_or_else(|| a.get(2).cloned().unwrap_or(Value::None)))
}
fn m_setdefault(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    let k = a.get(1).cloned().unwrap_or(Value::None);
    if let Some(v) = dict_get(vm, &d, &k)? {
        return Ok(v);
    }
    let v = a.get(2).cloned().unwrap_or(Value::None);
    dict_set(vm, &d, k, v.clone())?;
    Ok(v)
}
fn m_pop(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    let k = a.get(1).cloned().unwrap_or(Value::None);
    match dict_del(vm, &d, &k)? {
        Some(v) => Ok(v),
        None => match a.get(2) {
            Some(dv) => Ok(dv.clone()),
            None => Err(vm.key_error(k)),
        },
    }
}
fn m_popitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    let r = d.borrow_mut().pop_last();
    match r {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => {
            let t = vm.t.key_error.clone();
            Err(vm.new_exc(&t, "popitem(): dictionary is empty"))
        }
    }
}
fn m_update(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    dict_update_from(vm, &d, &a[1..], k)?;
    Ok(Value::None)
}
fn m_clear(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    d.borrow_mut().clear();
    Ok(Value::None)
}
fn m_copy(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    let n = new_dict();
    *n.borrow_mut() = d.borrow().clone();
    Ok(Value::Dict(n))
}
fn m_fromkeys(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let keys = a.get(1).cloned().unwrap_or(Value::None);
    let v = a.get(2).cloned().unwrap_or(Value::None);
    let d = new_dict();
    for k in ops::to_vec(vm, &keys)? {
        dict_set(vm, &d, k, v.clone())?;
    }
    Ok(Value::Dict(d))
}
fn m_getitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    let k = a.get(1).cloned().unwrap_or(Value::None);
    match dict_get(vm, &d, &k)? {
        Some(v) => Ok(v),
        None => {
            if let Some(s) = a.first() {
                if let Value::Inst(_) = s {
                    let ty = vm.type_of(s);
                    if let Some(m) = crate::ops::user_method(&ty, &vm.t.s_missing.clone()) {
                        return vm.call_descr(&m, s, vec![s.clone(), k]);
                    }
                }
            }
            Err(vm.key_error(k))
        }
    }
}
fn m_setitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    let k = a.get(1).cloned().unwrap_or(Value::None);
    let v = a.get(2).cloned().unwrap_or(Value::None);
    dict_set(vm, &d, k, v)?;
    Ok(Value::None)
}
fn m_delitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    let k = a.get(1).cloned().unwrap_or(Value::None);
    if dict_del(vm, &d, &k)?.is_none() {
        return Err(vm.key_error(k));
    }
    Ok(Value::None)
}
fn m_contains(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    let k = a.get(1).cloned().unwrap_or(Value::None);
    Ok(Value::Bool(dict_get(vm, &d, &k)?.is_some()))
}
fn m_len(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    let n = d.borrow().len();
    Ok(Value::Int(n as i64))
}
fn m_iter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    crate::ops::iter(vm, &Value::Dict(d))
}
fn m_init(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let d = this_dict(vm, a.first())?;
    dict_update_from(vm, &d, &a[1..], k)?;
    Ok(Value::None)
}

/// Installs dict methods.
pub fn init(vm: &mut Vm) {
    let t = vm.t.dict.clone();
    add_method(&t, "keys", m_keys);
    add_method(&t, "values", m_values);
    add_method(&t, "items", m_items);
    add_method(&t, "get", m_get);
    add_method(&t, "setdefault", m_setdefault);
    add_method(&t, "pop", m_pop);
    add_method(&t, "popitem", m_popitem);
    add_method(&t, "update", m_update);
    add_method(&t, "clear", m_clear);
    add_method(&t, "copy", m_copy);
    add_method(&t, "__getitem__", m_getitem);
    add_method(&t, "__setitem__", m_setitem);
    add_method(&t, "__delitem__", m_delitem);
    add_method(&t, "__contains__", m_contains);
    add_method(&t, "__len__", m_len);
    add_method(&t, "__iter__", m_iter);
    add_method(&t, "__init__", m_init);
    t.dict.borrow_mut().set_str(
        crate::value::s("fromkeys"),
        Value::obj(Object::ClassMethod(crate::vm::native("fromkeys", m_fromkeys))),
    );
}
