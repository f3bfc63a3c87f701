//! Attribute access: the generic instance protocol (data descriptors, instance dict, non-data
//! descriptors, `__getattr__`), class attributes, modules and built-in attributes.

use std::rc::Rc;

use crate::object::{Builtin, Object, Type};
use crate::ops::user_method;
use crate::value::{PyStr, Value};
use crate::vm::{PyResult, Vm};

fn no_attr(vm: &mut Vm, obj: &Value, name: &PyStr) -> Value {
    let msg = match obj {
        Value::Type(t) => format!("type object '{}' has no attribute '{}'", t.name(), name.as_str()),
        Value::Obj(o) => match &**o {
            Object::Module { name: m, .. } => format!("module '{m}' has no attribute '{}'", name.as_str()),
            _ => format!("'{}' object has no attribute '{}'", vm.type_name(obj), name.as_str()),
        },
        _ => format!("'{}' object has no attribute '{}'", vm.type_name(obj), name.as_str()),
    };
    let e = vm.attr_error(msg);
    crate::exceptions::attach_attr_ctx(&e, obj, name.as_str());
    e
}

/// True for data descriptors (property, or objects whose class defines `__set__`/`__delete__`).
pub fn is_data_descr(vm: &Vm, a: &Value) -> bool {
    match a {
        Value::Obj(o) => matches!(&**o, Object::Property { .. } | Object::Member { .. }),
        Value::Inst(i) => {
            let t = i.class();
            t.lookup(&vm.t.s_set).is_some() || t.lookup(&vm.t.s_delete).is_some()
        }
        _ => false,
    }
}

/// Binds a class attribute found for instance `obj` (functions become bound methods...).
pub fn bind_descr(vm: &mut Vm, a: &Value, obj: &Value) -> PyResult<Value> {
    match a {
        Value::Func(_) => Ok(Value::obj(Object::Method { func: a.clone(), self_: obj.clone() })),
        Value::Obj(o) => match &**o {
            Object::Builtin(b) if b.self_.is_none() => {
                Ok(Value::obj(Object::Builtin(Builtin { name: b.name, f: b.f, self_: Some(obj.clone()) })))
            }
            Object::ClassMethod(g) => {
                let t = Value::Type(vm.type_of(obj));
                Ok(Value::obj(Object::Method { func: g.clone(), self_: t }))
            }
            Object::StaticMethod(g) => Ok(g.clone()),
            Object::Property { fget, .. } => {
                if fget.is_none() {
                    let ty = vm.type_of(obj);
                    let n = find_prop_name(&ty, a).map(|n| format!("'{n}' ")).unwrap_or_default();
                    return Err(vm.attr_error(format!("property {n}of '{}' object has no getter", ty.name())));
                }
                let f = fget.clone();
                vm.call0(&f, vec![obj.clone()])
            }
            Object::Member { name, idx, .. } => crate::descr::member_get(vm, obj, name, *idx),
            _ => Ok(a.clone()),
        },
        Value::Inst(i) => {
            let t = vm.type_of(a);
            if let Some(g) = user_method(&t, &vm.t.s_get.clone()) {
                let ot = Value::Type(vm.type_of(obj));
                return vm.call_descr(&g, a, vec![a.clone(), obj.clone(), ot]);
            }
            let p = i.payload.borrow().clone();
            if matches!(&p, Value::Obj(o) if matches!(&**o, Object::Property { .. } | Object::ClassMethod(_) | Object::StaticMethod(_)))
            {
                return bind_descr(vm, &p, obj);
            }
            Ok(a.clone())
        }
        _ => Ok(a.clone()),
    }
}

/// The attribute-hook flags of a class (computed on first use).
#[inline]
pub fn hooks(vm: &Vm, ty: &Rc<Type>) -> u32 {
    use crate::object::*;
    let f = ty.hook_flags.get();
    if f & TF_VALID != 0 {
        return f;
    }
    let mut f = TF_VALID;
    if !ty.builtin {
        if user_method(ty, &vm.t.s_getattribute).is_some() {
            f |= TF_GETATTRIBUTE;
        }
        if user_method(ty, &vm.t.s_getattr).is_some() {
            f |= TF_GETATTR;
        }
        if user_method(ty, &vm.t.s_setattr).is_some() {
            f |= TF_SETATTR;
        }
        if user_method(ty, &vm.t.s_delattr).is_some() {
            f |= TF_DELATTR;
        }
        let am = ty.dict.borrow().get_str(&PyStr::new("__abstractmethods__")).cloned();
        if let Some(am) = am {
            let empty = match &am {
                Value::Set(st) => st.table.borrow().len() == 0,
                Value::Tuple(t) => t.is_empty(),
                Value::List(l) => l.borrow().is_empty(),
                Value::Bool(b) => !*b,
                _ => false,
            };
            if !empty {
                f |= TF_ABSTRACT;
            }
        }
    }
    ty.hook_flags.set(f);
    f
}

/// Forgets cached hook flags of a class and its known subclasses (after a class attribute
/// changed).
pub fn reset_hooks(ty: &Rc<Type>) {
    ty.hook_flags.set(0);
    for w in ty.subclasses.borrow().iter() {
        if let Some(sub) = w.upgrade() {
            reset_hooks(&sub);
        }
    }
}

/// `getattr(obj, name)`.
pub fn getattr(vm: &mut Vm, obj: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    match obj {
        Value::Inst(i) => {
            let ty = i.class();
            if hooks(vm, &ty) & crate::object::TF_GETATTRIBUTE != 0 {
                if let Some(ga) = user_method(&ty, &vm.t.s_getattribute.clone()) {
                    let r = vm.call_descr(&ga, obj, vec![obj.clone(), Value::Str(name.clone())]);
                    return match r {
                        Err(e) => {
                            let ae = vm.t.attribute_error.clone();
                            if vm.exc_matches(&e, &ae) {
                                if let Some(g) = user_method(&ty, &vm.t.s_getattr.clone()) {
                                    return vm.call_descr(&g, obj, vec![obj.clone(), Value::Str(name.clone())]);
                                }
                            }
                            Err(e)
                        }
                        ok => ok,
                    };
                }
            }
            let r = generic_getattr(vm, obj, name);
            if let Err(e) = &r {
                if hooks(vm, &ty) & crate::object::TF_GETATTR != 0 {
                    if let Some(g) = user_method(&ty, &vm.t.s_getattr.clone()) {
                        let ae = vm.t.attribute_error.clone();
                        if vm.exc_matches(e, &ae) {
                            return vm.call_descr(&g, obj, vec![obj.clone(), Value::Str(name.clone())]);
                        }
                    }
                }
            }
            r
        }
        Value::Type(t) => type_getattr(vm, t, name),
        Value::Obj(o) => {
            if let Object::Module { dict, .. } = &**o {
                if let Some(v) = dict.borrow().get_str(name) {
                    return Ok(v.clone());
                }
                if name.as_str() == "__dict__" {
                    return Ok(Value::Dict(dict.clone()));
                }
                let ga = dict.borrow().get_str(&PyStr::new("__getattr__")).cloned();
                if let Some(f) = ga {
                    return vm.call0(&f, vec![Value::Str(name.clone())]);
                }
                if name.as_str() == "__class__" {
                    return Ok(Value::Type(vm.t.module.clone()));
                }
                return Err(no_attr(vm, obj, name));
            }
            if let Object::Member { name: mn, owner, .. } = &**o {
                match name.as_str() {
                    "__name__" => return Ok(Value::Str(mn.clone())),
                    "__qualname__" => return Ok(Value::str(format!("{owner}.{}", mn.as_str()))),
                    _ => {}
                }
            }
            if let Object::Super { this, obj: so } = &**o {
                let (this, so) = (this.clone(), so.clone());
                return crate::classes::super_getattr(vm, &this, &so, name);
            }
            if let Object::Namespace(d) = &**o {
                if let Some(v) = d.borrow().get_str(name) {
                    return Ok(v.clone());
                }
            }
            builtin_getattr(vm, obj, name)
        }
        _ => builtin_getattr(vm, obj, name),
    }
}

fn builtin_getattr(vm: &mut Vm, obj: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    if let Some(v) = crate::types::special_attr(vm, obj, name)? {
        return Ok(v);
    }
    let ty = vm.type_of(obj);
    if let Some(a) = ty.lookup_rc(name) {
        return bind_descr(vm, &a, obj);
    }
    if name.as_str() == "__class__" {
        return Ok(Value::Type(ty));
    }
    Err(no_attr(vm, obj, name))
}

/// The default `object.__getattribute__` for instances.
pub fn generic_getattr(vm: &mut Vm, obj: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    let Value::Inst(i) = obj else {
        return getattr(vm, obj, name);
    };
    let ty = i.class();
    if i.exc.is_some() {
        if let Some(v) = crate::exceptions::exc_getattr(vm, i, name) {
            return Ok(v);
        }
        if matches!(name.as_str(), "message" | "exceptions") && crate::egroup::is_group(vm, obj) {
            if name.as_str() == "message" {
                return Ok(crate::egroup::group_message(obj));
            }
            let v = crate::egroup::group_excs(vm, obj);
            return Ok(Value::tuple(v));
        }
    }
    let ca = ty.lookup_rc(name);
    if let Some(a) = &ca {
        if is_data_descr(vm, a) {
            // A data descriptor without __get__ yields to the instance dict.
            let has_get = !matches!(a, Value::Inst(_)) || vm.type_of(a).lookup(&vm.t.s_get.clone()).is_some();
            if has_get {
                return bind_descr(vm, a, obj);
            }
        }
    }
    if let Some(v) = i.dict.borrow().get_str(name) {
        return Ok(v.clone());
    }
    if let Some(a) = ca {
        return bind_descr(vm, &a, obj);
    }
    match name.as_str() {
        "__class__" => return Ok(Value::Type(ty)),
        "__dict__" if ty.slots.is_none() => return Ok(Value::Dict(i.dict.clone())),
        _ => {}
    }
    let p = i.payload.borrow().clone();
    if !p.is_null() {
        if let Some(v) = crate::types::special_attr(vm, &p, name)? {
            return Ok(v);
        }
    }
    Err(no_attr(vm, obj, name))
}

/// Attribute of a class (or metaclass).
pub fn type_getattr(vm: &mut Vm, t: &Rc<Type>, name: &Rc<PyStr>) -> PyResult<Value> {
    let meta = vm.type_of(&Value::Type(t.clone()));
    let meta_attr = if Rc::ptr_eq(&meta, &vm.t.type_) { None } else { meta.lookup(name) };
    if let Some(m) = &meta_attr {
        if is_data_descr(vm, m) {
            return bind_descr(vm, m, &Value::Type(t.clone()));
        }
    }
    // Data descriptors of `type` itself win over the class namespace.
    if matches!(
        name.as_str(),
        "__dict__" | "__name__" | "__qualname__" | "__mro__" | "__bases__" | "__base__" | "__class__"
    ) {
        if let Some(v) = crate::classes::type_special_attr(vm, t, name) {
            return Ok(v);
        }
    }
    if let Some(a) = t.lookup(name) {
        return Ok(match &a {
            Value::Obj(o) => match &**o {
                Object::ClassMethod(g) => Value::obj(Object::Method { func: g.clone(), self_: Value::Type(t.clone()) }),
                Object::StaticMethod(g) => g.clone(),
                _ => a.clone(),
            },
            Value::Inst(i) => {
                let dt = vm.type_of(&a);
                if let Some(g) = user_method(&dt, &vm.t.s_get.clone()) {
                    return vm.call_descr(&g, &a, vec![a.clone(), Value::None, Value::Type(t.clone())]);
                }
                let p = i.payload.borrow().clone();
                if let Value::Obj(o) = &p {
                    match &**o {
                        Object::ClassMethod(g) => {
                            return Ok(Value::obj(Object::Method { func: g.clone(), self_: Value::Type(t.clone()) }))
                        }
                        Object::StaticMethod(g) => return Ok(g.clone()),
                        _ => {}
                    }
                }
                a.clone()
            }
            _ => a.clone(),
        });
    }
    if let Some(v) = crate::classes::type_special_attr(vm, t, name) {
        return Ok(v);
    }
    if let Some(m) = meta_attr {
        return bind_descr(vm, &m, &Value::Type(t.clone()));
    }
    if let Some(a) = vm.t.type_.clone().lookup(name) {
        return bind_descr(vm, &a, &Value::Type(t.clone()));
    }
    if !Rc::ptr_eq(&meta, &vm.t.type_) {
        if let Some(g) = user_method(&meta, &vm.t.s_getattr.clone()) {
            return vm.call_descr(&g, &Value::Type(t.clone()), vec![Value::Type(t.clone()), Value::Str(name.clone())]);
        }
    }
    Err(no_attr(vm, &Value::Type(t.clone()), name))
}

/// LOAD_METHOD: `(method, self)` for plain methods, else `(NULL, attribute)`.
pub fn load_method(vm: &mut Vm, obj: Value, name: &Rc<PyStr>) -> PyResult<(Value, Value)> {
    match &obj {
        Value::Inst(i) => {
            let ty = i.class();
            if hooks(vm, &ty) & crate::object::TF_GETATTRIBUTE == 0 && i.exc.is_none() {
                if let Some(a) = ty.lookup_rc(name) {
                    let plain = match &a {
                        Value::Func(_) => true,
                        Value::Obj(o) => matches!(&**o, Object::Builtin(b) if b.self_.is_none()),
                        _ => false,
                    };
                    if plain && i.dict.borrow().get_str(name).is_none() {
                        return Ok((a, obj));
                    }
                }
            }
        }
        Value::Type(_) => {}
        Value::Obj(o) if matches!(&**o, Object::Module { .. } | Object::Super { .. } | Object::Namespace(_)) => {}
        _ => {
            let ty = vm.type_of(&obj);
            if let Some(a) = ty.lookup_rc(name) {
                if let Value::Obj(o) = &a {
                    if let Object::Builtin(b) = &**o {
                        if b.self_.is_none() {
                            return Ok((a, obj));
                        }
                    }
                }
            }
        }
    }
    let v = getattr(vm, &obj, name)?;
    Ok((Value::Null, v))
}

/// `setattr(obj, name, v)` (or `delattr` when `v` is None).
pub fn setattr(vm: &mut Vm, obj: &Value, name: &Rc<PyStr>, v: Option<Value>) -> PyResult<()> {
    setattr_impl(vm, obj, name, v, true)
}

/// `setattr`; `meta_hook` false skips a metaclass `__setattr__` (for `object.__setattr__`).
fn setattr_impl(vm: &mut Vm, obj: &Value, name: &Rc<PyStr>, v: Option<Value>, meta_hook: bool) -> PyResult<()> {
    match obj {
        Value::Inst(i) => {
            let ty = i.class();
            let bit = if v.is_some() { crate::object::TF_SETATTR } else { crate::object::TF_DELATTR };
            let hook = if v.is_some() { vm.t.s_setattr.clone() } else { vm.t.s_delattr.clone() };
            let found = if hooks(vm, &ty) & bit != 0 { user_method(&ty, &hook) } else { None };
            if let Some(f) = found {
                let mut args = vec![obj.clone(), Value::Str(name.clone())];
                if let Some(v) = v {
                    args.push(v);
                }
                vm.call_descr(&f, obj, args)?;
                return Ok(());
            }
            generic_setattr(vm, obj, name, v)
        }
        Value::Type(t) => {
            // A metaclass `__setattr__`/`__delattr__` written in Python (EnumType's) runs first.
            let meta = vm.type_of(obj);
            if meta_hook && !Rc::ptr_eq(&meta, &vm.t.type_) {
                let hook = if v.is_some() { vm.t.s_setattr.clone() } else { vm.t.s_delattr.clone() };
                if let Some(f @ Value::Func(_)) = user_method(&meta, &hook) {
                    let mut args = vec![obj.clone(), Value::Str(name.clone())];
                    if let Some(v) = v {
                        args.push(v);
                    }
                    vm.call_descr(&f, obj, args)?;
                    return Ok(());
                }
            }
            if t.builtin {
                return Err(vm.type_error(format!(
                    "cannot set '{}' attribute of immutable type '{}'",
                    name.as_str(),
                    t.name()
                )));
            }
            match name.as_str() {
                "__name__" => {
                    if let Some(Value::Str(s)) = &v {
                        *t.name.borrow_mut() = s.as_str().to_string();
                    }
                }
                "__qualname__" => {
                    if let Some(Value::Str(s)) = &v {
                        *t.qualname.borrow_mut() = s.as_str().to_string();
                    }
                }
                "__module__" => {
                    if let Some(Value::Str(s)) = &v {
                        *t.module.borrow_mut() = s.as_str().to_string();
                    }
                }
                _ => {}
            }
            match v {
                Some(v) => t.dict.borrow_mut().set_str(name.clone(), v),
                None => {
                    if t.dict.borrow_mut().del_str(name).is_none() {
                        return Err(no_attr(vm, obj, name));
                    }
                }
            }
            t.touch();
            reset_hooks(t);
            Ok(())
        }
        Value::Func(f) => {
            match (name.as_str(), v) {
                ("__name__", Some(v)) => *f.name.borrow_mut() = v,
                ("__qualname__", Some(v)) => *f.qualname.borrow_mut() = v,
                ("__doc__", Some(v)) => *f.doc.borrow_mut() = v,
                ("__defaults__", Some(v)) => {
                    *f.defaults.borrow_mut() = match v {
                        Value::Tuple(t) => Some(t),
                        _ => None,
                    }
                }
                ("__annotations__", Some(v)) => *f.annotations.borrow_mut() = v,
                (_, Some(v)) => f.dict.borrow_mut().set_str(name.clone(), v),
                (_, None) => {
                    f.dict.borrow_mut().del_str(name);
                }
            }
            Ok(())
        }
        Value::Obj(o) => match &**o {
            Object::Module { dict, .. } | Object::Namespace(dict) => {
                match v {
                    Some(v) => dict.borrow_mut().set_str(name.clone(), v),
                    None => {
                        if dict.borrow_mut().del_str(name).is_none() {
                            return Err(no_attr(vm, obj, name));
                        }
                    }
                }
                Ok(())
            }
            _ => Err(readonly(vm, obj, name)),
        },
        _ => Err(readonly(vm, obj, name)),
    }
}

fn readonly(vm: &mut Vm, obj: &Value, name: &PyStr) -> Value {
    let ty = vm.type_of(obj);
    if ty.lookup(name).is_some() {
        vm.attr_error(format!("'{}' object attribute '{}' is read-only", ty.name(), name.as_str()))
    } else {
        vm.attr_error(format!("'{}' object has no attribute '{}'", ty.name(), name.as_str()))
    }
}

/// The default `object.__setattr__` / `__delattr__`.
pub fn generic_setattr(vm: &mut Vm, obj: &Value, name: &Rc<PyStr>, v: Option<Value>) -> PyResult<()> {
    let Value::Inst(i) = obj else {
        return setattr_impl(vm, obj, name, v, false);
    };
    let ty = i.class();
    if let Some(mut a) = ty.lookup_rc(name) {
        if let Value::Inst(di) = &a {
            let p = di.payload.borrow().clone();
            let hook = if v.is_some() { vm.t.s_set.clone() } else { vm.t.s_delete.clone() };
            let dt = di.class();
            if user_method(&dt, &hook).is_none()
                && matches!(&p, Value::Obj(o) if matches!(&**o, Object::Property { .. }))
            {
                a = p;
            }
        }
        match &a {
            Value::Obj(o) => {
                if let Object::Property { fset, fdel, .. } = &**o {
                    let f = if v.is_some() { fset.clone() } else { fdel.clone() };
                    if f.is_none() {
                        let what = if v.is_some() { "setter" } else { "deleter" };
                        let pname = find_prop_name(&ty, &a).unwrap_or_else(|| name.as_str().to_string());
                        return Err(
                            vm.attr_error(format!("property '{pname}' of '{}' object has no {what}", ty.name()))
                        );
                    }
                    let mut args = vec![obj.clone()];
                    if let Some(v) = v {
                        args.push(v);
                    }
                    vm.call0(&f, args)?;
                    return Ok(());
                }
                if let Object::Member { name: mn, idx, .. } = &**o {
                    return crate::descr::member_set(vm, obj, mn, *idx, v);
                }
            }
            Value::Inst(di) => {
                let dt = vm.type_of(&a);
                let hook = if v.is_some() { vm.t.s_set.clone() } else { vm.t.s_delete.clone() };
                let _ = di;
                if let Some(f) = user_method(&dt, &hook) {
                    let mut args = vec![a.clone(), obj.clone()];
                    if let Some(v) = v {
                        args.push(v);
                    }
                    vm.call_descr(&f, &a, args)?;
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    if i.exc.is_some() && crate::exceptions::exc_setattr(vm, i, name, &v)? {
        return Ok(());
    }
    if name.as_str() == "__dict__" && ty.slots.is_none() {
        return match vm.payload(v.as_ref().unwrap_or(&Value::None)) {
            Value::Dict(d) => {
                let copy = d.borrow().clone();
                *i.dict.borrow_mut() = copy;
                Ok(())
            }
            other => {
                let tn = vm.type_name(&other);
                Err(vm.type_error(format!("__dict__ must be set to a dictionary, not a '{tn}'")))
            }
        };
    }
    if name.as_str() == "__class__" {
        if let Some(Value::Type(t)) = &v {
            *i.class.borrow_mut() = t.clone();
            return Ok(());
        }
    }
    if Rc::ptr_eq(&ty, &vm.t.object) {
        return Err(vm.attr_error(format!("'object' object has no attribute '{}'", name.as_str())));
    }
    if let Some(slots) = &ty.slots {
        if !slots.iter().any(|s| s == name.as_str()) {
            return Err(vm.attr_error(format!("'{}' object has no attribute '{}'", ty.name(), name.as_str())));
        }
    }
    match v {
        Some(v) => {
            i.dict.borrow_mut().set_str(name.clone(), v);
            Ok(())
        }
        None => {
            if i.dict.borrow_mut().del_str(name).is_none() {
                return Err(no_attr(vm, obj, name));
            }
            Ok(())
        }
    }
}

fn find_prop_name(ty: &Rc<Type>, p: &Value) -> Option<String> {
    for t in std::iter::once(ty.clone()).chain(ty.mro.borrow().iter().cloned()) {
        for e in t.dict.borrow().iter() {
            if e.value.is(p) {
                if let Value::Str(s) = &e.key {
                    return Some(s.as_str().to_string());
                }
            }
        }
    }
    None
}

/// `hasattr`-style lookup: Ok(None) when the attribute is missing (AttributeError).
pub fn getattr_opt(vm: &mut Vm, obj: &Value, name: &Rc<PyStr>) -> PyResult<Option<Value>> {
    match getattr(vm, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            let ae = vm.t.attribute_error.clone();
            if vm.exc_matches(&e, &ae) {
                Ok(None)
            } else {
                Err(e)
            }
        }
    }
}

// ---- adaptive specialization (see `interp.rs`: the quickened `*_INSTANCE`/`*_MODULE`/... ops) --

/// A class attribute that `bind_descr` returns unchanged and that can never be a data
/// descriptor, whatever happens to other classes: plain data (numbers, strings, containers,
/// classes). Functions, built-in descriptors and instances (whose class may gain `__get__` or
/// `__set__` later without this class's version changing) are excluded.
fn plain_value(a: &Value) -> bool {
    matches!(
        a,
        Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::BigInt(_)
            | Value::Float(_)
            | Value::Str(_)
            | Value::Tuple(_)
            | Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Type(_)
    )
}

/// A class attribute that is not a data descriptor whatever happens to other classes (so the
/// instance dict wins over it): plain data, functions, unbound built-ins, class/static methods.
fn never_data_descr(a: &Value) -> bool {
    plain_value(a)
        || match a {
            Value::Func(_) => true,
            Value::Obj(o) => matches!(&**o, Object::Builtin(_) | Object::ClassMethod(_) | Object::StaticMethod(_)),
            _ => false,
        }
}

/// Tag of an exact built-in receiver type for `LOAD_METHOD_BUILTIN` (and its type).
#[inline(always)]
pub fn builtin_tag(vm: &Vm, v: &Value) -> Option<(u32, Rc<Type>)> {
    Some(match v {
        Value::List(_) => (0, vm.t.list.clone()),
        Value::Dict(_) => (1, vm.t.dict.clone()),
        Value::Str(_) => (2, vm.t.str.clone()),
        Value::Tuple(_) => (3, vm.t.tuple.clone()),
        _ => return None,
    })
}

/// The quickened form of `LOAD_ATTR name` on `obj`, with its cache filled, or None when the
/// attribute is not one of the specialized kinds. Runs no Python code.
pub fn specialize_load_attr(
    vm: &mut Vm,
    c: &crate::object::ICache,
    k: usize,
    obj: &Value,
    name: &Rc<PyStr>,
) -> Option<format::Opcode> {
    use format::Opcode;
    match obj {
        Value::Inst(i) => {
            if i.exc.is_some() {
                return None;
            }
            let ty = i.class();
            if hooks(vm, &ty) & crate::object::TF_GETATTRIBUTE != 0 {
                return None;
            }
            let ca = ty.lookup_rc(name);
            let idx = i.dict.borrow().index_str(name);
            match (idx, ca) {
                (Some(ix), ca) if ca.as_ref().map_or(true, never_data_descr) => {
                    c.ver[k].set(ty.version.get());
                    c.idx[k].set(ix as u32);
                    Some(Opcode::LOAD_ATTR_INSTANCE)
                }
                (None, Some(a)) if plain_value(&a) => {
                    c.ver[k].set(ty.version.get());
                    *c.val[k].borrow_mut() = a;
                    Some(Opcode::LOAD_ATTR_CLASS)
                }
                _ => None,
            }
        }
        Value::Obj(o) => match &**o {
            Object::Module { dict, .. } => {
                let d = dict.borrow();
                let ix = d.index_str(name)?;
                c.ver[k].set(d.version);
                c.idx[k].set(ix as u32);
                Some(Opcode::LOAD_ATTR_MODULE)
            }
            _ => None,
        },
        Value::Type(t) => {
            let meta = vm.type_of(obj);
            if !Rc::ptr_eq(&meta, &vm.t.type_) || name.as_str().starts_with("__") {
                return None;
            }
            let a = t.lookup(name)?;
            if !(plain_value(&a) || matches!(a, Value::Func(_))) {
                return None;
            }
            c.ver[k].set(t.version.get());
            *c.val[k].borrow_mut() = a;
            Some(Opcode::LOAD_ATTR_TYPE)
        }
        _ => None,
    }
}

/// The quickened form of `LOAD_METHOD name` on `obj` (cache filled), or None.
pub fn specialize_load_method(
    vm: &mut Vm,
    c: &crate::object::ICache,
    k: usize,
    obj: &Value,
    name: &Rc<PyStr>,
) -> Option<format::Opcode> {
    use format::Opcode;
    match obj {
        Value::Inst(i) => {
            if i.exc.is_some() {
                return None;
            }
            let ty = i.class();
            if hooks(vm, &ty) & crate::object::TF_GETATTRIBUTE != 0 {
                return None;
            }
            let a = ty.lookup_rc(name)?;
            let plain = match &a {
                Value::Func(_) => true,
                Value::Obj(o) => matches!(&**o, Object::Builtin(b) if b.self_.is_none()),
                _ => false,
            };
            if !plain || i.dict.borrow().index_str(name).is_some() {
                return None;
            }
            c.ver[k].set(ty.version.get());
            *c.val[k].borrow_mut() = a;
            Some(Opcode::LOAD_METHOD_INSTANCE)
        }
        Value::Obj(o) => match &**o {
            Object::Module { dict, .. } => {
                let d = dict.borrow();
                let ix = d.index_str(name)?;
                c.ver[k].set(d.version);
                c.idx[k].set(ix as u32);
                Some(Opcode::LOAD_METHOD_MODULE)
            }
            _ => None,
        },
        _ => {
            let (tag, ty) = builtin_tag(vm, obj)?;
            let a = ty.lookup_rc(name)?;
            match &a {
                Value::Obj(o) if matches!(&**o, Object::Builtin(b) if b.self_.is_none()) => {}
                _ => return None,
            }
            c.ver[k].set(ty.version.get());
            c.idx[k].set(tag);
            *c.val[k].borrow_mut() = a;
            Some(Opcode::LOAD_METHOD_BUILTIN)
        }
    }
}

/// The quickened form of `STORE_ATTR name` on `obj` (cache filled), or None. Specialized only
/// when the store is a plain instance-dict store: no `__setattr__`, no class attribute of that
/// name anywhere along the MRO (so no descriptor), no `__slots__`, not an exception.
pub fn specialize_store_attr(
    vm: &mut Vm,
    c: &crate::object::ICache,
    k: usize,
    obj: &Value,
    name: &Rc<PyStr>,
) -> Option<format::Opcode> {
    let Value::Inst(i) = obj else {
        return None;
    };
    if i.exc.is_some() || matches!(name.as_str(), "__dict__" | "__class__") {
        return None;
    }
    let ty = i.class();
    if ty.slots.is_some() || Rc::ptr_eq(&ty, &vm.t.object) || hooks(vm, &ty) & crate::object::TF_SETATTR != 0 {
        return None;
    }
    if ty.lookup_rc(name).is_some() {
        return None;
    }
    c.ver[k].set(ty.version.get());
    c.idx[k].set(i.dict.borrow().index_str(name).map_or(u32::MAX, |x| x as u32));
    Some(format::Opcode::STORE_ATTR_INSTANCE)
}

/// True when entry `idx` of `d` is live and keyed by the str `name`.
#[inline(always)]
pub fn entry_is(d: &crate::dict::Dict, idx: usize, name: &Rc<PyStr>) -> bool {
    match d.entry_at(idx) {
        Some(e) => match &e.key {
            Value::Str(k) => Rc::ptr_eq(k, name) || k.s == name.s,
            _ => false,
        },
        None => false,
    }
}

/// The guard shared by the fused instance paths: for a non-exception instance `i` and a
/// quickened instruction `n` of `code` whose inline cache holds an entry for `i`'s class version,
/// returns (cache, quickened opcode, attribute name, index of that entry).
#[inline(always)]
fn instance_cache_hit<'c>(
    code: &'c crate::object::Code,
    n: &crate::object::Inst,
    i: &crate::object::Instance,
) -> Option<(&'c crate::object::ICache, format::Opcode, &'c Rc<PyStr>, usize)> {
    if i.exc.is_some() {
        return None;
    }
    let c = code.icache.get()?.get(n.cache as usize)?;
    let op = c.op.get()?;
    let name = code.names.get(n.arg as usize)?;
    let k = c.find(i.class.borrow().version.get())?;
    Some((c, op, name, k))
}

/// The result of a quickened `LOAD_ATTR_INSTANCE` / `LOAD_METHOD_INSTANCE` at instruction `n`
/// of `code` for receiver `i`, when its inline cache guard holds (the same checks as the
/// quickened arms of the dispatch loop): `(value, true)` for a method (the receiver goes above
/// it), `(value, false)` for an attribute. None when `n` is not such a quickened instruction or
/// the guard fails (the caller then runs the instructions one by one). Runs no Python code and
/// cannot raise, so the dispatch loop may fuse it with the `LOAD_FAST` that loaded `i`.
#[inline(always)]
pub fn fused_instance_load(
    code: &crate::object::Code,
    n: &crate::object::Inst,
    i: &crate::object::Instance,
) -> Option<(Value, bool)> {
    let (c, op, name, k) = instance_cache_hit(code, n, i)?;
    match op {
        format::Opcode::LOAD_ATTR_INSTANCE => {
            let d = i.dict.borrow();
            let ix = c.idx[k].get() as usize;
            if entry_is(&d, ix, name) {
                d.value_at(ix).map(|v| (v.clone(), false))
            } else {
                None
            }
        }
        format::Opcode::LOAD_METHOD_INSTANCE => {
            if i.dict.borrow().index_str(name).is_some() {
                return None;
            }
            let m = c.val[k].borrow().clone();
            Some((m, true))
        }
        _ => None,
    }
}

/// A quickened `STORE_ATTR_INSTANCE` at instruction `n` of `code` storing `v` into receiver
/// `i` when its guard holds and the cached dict entry is the attribute's: returns the old
/// value. Otherwise gives `v` back untouched (`Err`) and the caller runs the instructions one by
/// one. Runs no Python code and cannot raise.
#[inline(always)]
pub fn fused_instance_store(
    code: &crate::object::Code,
    n: &crate::object::Inst,
    i: &crate::object::Instance,
    v: Value,
) -> Result<Value, Value> {
    let Some((c, format::Opcode::STORE_ATTR_INSTANCE, name, k)) = instance_cache_hit(code, n, i) else {
        return Err(v);
    };
    let mut d = i.dict.borrow_mut();
    let ix = c.idx[k].get() as usize;
    if !entry_is(&d, ix, name) {
        return Err(v);
    }
    match d.value_at_mut(ix) {
        Some(slot) => Ok(std::mem::replace(slot, v)),
        None => Err(v),
    }
}
