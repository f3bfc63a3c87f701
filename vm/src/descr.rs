//! Descriptors and the built-in methods of `type` that make up the class protocol:
//! `__slots__` member descriptors, `type.__new__` / `__init__` / `__call__` / `__prepare__`,
//! `__subclasses__`, `__instancecheck__` / `__subclasscheck__`, and `function.__get__`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::object::{Object, Type};
use crate::value::{s, PyStr, Value};
use crate::vm::{native, Kw, PyResult, Vm};

thread_local! {
    static MEMBER_TYPE: RefCell<Option<Rc<Type>>> = const { RefCell::new(None) };
}

/// The `member_descriptor` class (created on first use).
pub fn member_type(vm: &Vm) -> Rc<Type> {
    MEMBER_TYPE.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(t) = &*m {
            return t.clone();
        }
        let t =
            crate::types_registry::new_type("member_descriptor", Some(&vm.t.object), crate::object::Kind::Other, true);
        *m = Some(t.clone());
        t
    })
}

/// Member index of the `__dict__` descriptor of classes.
pub const DICT_SLOT: usize = usize::MAX;
/// Member index of the `__weakref__` descriptor of classes.
pub const WEAKREF_SLOT: usize = usize::MAX - 1;

thread_local! {
    static GETSET_TYPE: RefCell<Option<Rc<Type>>> = const { RefCell::new(None) };
}

/// The class of a member descriptor with index `idx` (`getset_descriptor` for `__dict__`).
pub fn member_type_for(vm: &Vm, idx: usize) -> Rc<Type> {
    if idx < WEAKREF_SLOT {
        return member_type(vm);
    }
    GETSET_TYPE.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(t) = &*m {
            return t.clone();
        }
        let t =
            crate::types_registry::new_type("getset_descriptor", Some(&vm.t.object), crate::object::Kind::Other, true);
        *m = Some(t.clone());
        t
    })
}

/// Reads slot member `name` (index `idx`) of `obj`.
pub fn member_get(vm: &mut Vm, obj: &Value, name: &PyStr, idx: usize) -> PyResult<Value> {
    if idx == DICT_SLOT {
        if let Value::Inst(i) = obj {
            return Ok(Value::Dict(i.dict.clone()));
        }
    }
    if idx == WEAKREF_SLOT {
        return Ok(Value::None);
    }
    if let Value::Inst(i) = obj {
        if let Some(v) = i.slots.borrow().get(idx) {
            if !v.is_null() {
                return Ok(v.clone());
            }
        }
    }
    let tn = vm.type_name(obj);
    Err(vm.attr_error(format!("'{tn}' object has no attribute '{}'", name.as_str())))
}

/// Writes (or deletes, when `v` is None) slot member `name` of `obj`.
pub fn member_set(vm: &mut Vm, obj: &Value, name: &PyStr, idx: usize, v: Option<Value>) -> PyResult<()> {
    if idx == DICT_SLOT {
        if let Value::Inst(i) = obj {
            return match v.map(|x| vm.payload(&x)) {
                Some(Value::Dict(d)) => {
                    let copy = d.borrow().clone();
                    *i.dict.borrow_mut() = copy;
                    Ok(())
                }
                Some(other) => {
                    let tn = vm.type_name(&other);
                    Err(vm.type_error(format!("__dict__ must be set to a dictionary, not a '{tn}'")))
                }
                None => Err(vm.type_error("cannot delete __dict__")),
            };
        }
    }
    if idx == WEAKREF_SLOT {
        let tn = vm.type_name(obj);
        return Err(vm.attr_error(format!("attribute '__weakref__' of '{tn}' objects is not writable")));
    }
    if let Value::Inst(i) = obj {
        let mut sl = i.slots.borrow_mut();
        if idx < sl.len() {
            match v {
                Some(v) => {
                    sl[idx] = v;
                    return Ok(());
                }
                None => {
                    if !sl[idx].is_null() {
                        sl[idx] = Value::Null;
                        return Ok(());
                    }
                }
            }
        }
    }
    let tn = vm.type_name(obj);
    Err(vm.attr_error(format!("'{tn}' object has no attribute '{}'", name.as_str())))
}

fn arg_type(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Rc<Type>> {
    match a.first() {
        Some(Value::Type(t)) => Ok(t.clone()),
        Some(v) => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("descriptor '{what}' requires a 'type' object but received a '{n}'")))
        }
        None => Err(vm.type_error(format!("descriptor '{what}' of 'type' object needs an argument"))),
    }
}

/// `type.__new__(mcs, name, bases, ns, **kw)`.
fn type_new(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let mcs = arg_type(vm, &a, "__new__")?;
    if !mcs.is_subtype(&vm.t.type_) {
        return Err(vm.type_error(format!("type.__new__({}): {} is not a subtype of type", mcs.name(), mcs.name())));
    }
    if a.len() == 2 && kw.is_empty() && Rc::ptr_eq(&mcs, &vm.t.type_) {
        return Ok(Value::Type(vm.type_of(&a[1])));
    }
    if a.len() != 4 {
        return Err(vm.type_error(
            "type.__new__() takes exactly 3 arguments (0 given)".replace('0', &(a.len().saturating_sub(1)).to_string()),
        ));
    }
    crate::classes::new_class_from_args(vm, &mcs, a[1..].to_vec(), kw)
}

fn type_init(_vm: &mut Vm, _a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    Ok(Value::None)
}

/// `type.__call__(cls, *args, **kw)`: the default instantiation.
fn type_call(vm: &mut Vm, mut a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let t = arg_type(vm, &a, "__call__")?;
    a.remove(0);
    crate::classes::type_call_default(vm, &t, a, kw)
}

fn type_prepare(_vm: &mut Vm, _a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    Ok(Value::dict(crate::dict::Dict::new()))
}

fn type_subclasses(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let t = arg_type(vm, &a, "__subclasses__")?;
    let v: Vec<Value> = t.subclasses.borrow().iter().filter_map(|w| w.upgrade()).map(Value::Type).collect();
    Ok(Value::list(v))
}

fn type_instancecheck(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let t = arg_type(vm, &a, "__instancecheck__")?;
    let v = a.get(1).cloned().unwrap_or(Value::None);
    Ok(Value::Bool(vm.type_of(&v).is_subtype(&t)))
}

fn type_subclasscheck(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let t = arg_type(vm, &a, "__subclasscheck__")?;
    match a.get(1) {
        Some(Value::Type(c)) => Ok(Value::Bool(c.is_subtype(&t))),
        _ => Err(vm.type_error("issubclass() arg 1 must be a class")),
    }
}

/// `object.__init_subclass__()`: accepts no keyword arguments.
fn object_init_subclass(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    if !kw.is_empty() || a.len() > 1 {
        let n = match a.first() {
            Some(Value::Type(t)) => t.name(),
            _ => "object".into(),
        };
        return Err(vm.type_error(format!("{n}.__init_subclass__() takes no keyword arguments")));
    }
    Ok(Value::None)
}

/// `function.__get__(obj, type=None)`.
fn func_get(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let f = a.first().cloned().unwrap_or(Value::None);
    match a.get(1) {
        None => Err(vm.type_error("expected at least 1 argument, got 0")),
        Some(Value::None) => Ok(f),
        Some(o) => Ok(Value::obj(Object::Method { func: f, self_: o.clone() })),
    }
}

/// `classmethod.__get__(obj, type=None)`: the function bound to the class.
fn classmethod_get(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let f = match a.first() {
        Some(Value::Obj(o)) => match &**o {
            Object::ClassMethod(f) => f.clone(),
            _ => return Err(vm.type_error("descriptor '__get__' requires a 'classmethod' object")),
        },
        _ => return Err(vm.type_error("descriptor '__get__' requires a 'classmethod' object")),
    };
    let cls = match (a.get(1), a.get(2)) {
        (_, Some(t)) if !t.is_none() => t.clone(),
        (Some(o), _) => Value::Type(vm.type_of(o)),
        _ => return Err(vm.type_error("__get__(None, None) is invalid")),
    };
    Ok(Value::obj(Object::Method { func: f, self_: cls }))
}

/// `staticmethod.__get__(obj, type=None)`: the function itself.
fn staticmethod_get(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    match a.first() {
        Some(Value::Obj(o)) => match &**o {
            Object::StaticMethod(f) => Ok(f.clone()),
            _ => Err(vm.type_error("descriptor '__get__' requires a 'staticmethod' object")),
        },
        _ => Err(vm.type_error("descriptor '__get__' requires a 'staticmethod' object")),
    }
}

fn add(t: &Rc<Type>, name: &'static str, f: crate::object::NativeFn) {
    t.dict.borrow_mut().set_str(s(name), native(name, f));
}

/// Installs the class-protocol methods on `type` and `function`.
pub fn init(vm: &mut Vm) {
    let t = vm.t.type_.clone();
    t.dict.borrow_mut().set_str(s("__new__"), Value::obj(Object::StaticMethod(native("__new__", type_new))));
    add(&t, "__init__", type_init);
    add(&t, "__call__", type_call);
    add(&t, "__subclasses__", type_subclasses);
    add(&t, "__instancecheck__", type_instancecheck);
    add(&t, "__subclasscheck__", type_subclasscheck);
    t.dict.borrow_mut().set_str(s("__prepare__"), Value::obj(Object::ClassMethod(native("__prepare__", type_prepare))));
    let f = vm.t.function.clone();
    add(&f, "__get__", func_get);
    add(&vm.t.classmethod.clone(), "__get__", classmethod_get);
    add(&vm.t.staticmethod.clone(), "__get__", staticmethod_get);
    let o = vm.t.object.clone();
    o.dict.borrow_mut().set_str(
        s("__init_subclass__"),
        Value::obj(Object::ClassMethod(native("__init_subclass__", object_init_subclass))),
    );
    let tt = &vm.t;
    for b in [
        &tt.int,
        &tt.float,
        &tt.complex,
        &tt.str,
        &tt.bytes,
        &tt.bytearray,
        &tt.list,
        &tt.tuple,
        &tt.dict,
        &tt.set,
        &tt.frozenset,
    ] {
        if b.dict.borrow().get_str(&PyStr::new("__new__")).is_none() {
            b.dict.borrow_mut().set_str(
                s("__new__"),
                Value::obj(Object::StaticMethod(native("__new__", crate::classes::builtin_new))),
            );
        }
    }
    init_generics(vm);
    init_object_extras(vm);
    init_property(vm);
    // Namespaces changed after start-up: invalidate any cached lookups.
    let tt = &vm.t;
    for t in [
        &tt.object,
        &tt.type_,
        &tt.function,
        &tt.property,
        &tt.iterator,
        &tt.int,
        &tt.float,
        &tt.complex,
        &tt.str,
        &tt.bytes,
        &tt.bytearray,
        &tt.list,
        &tt.tuple,
        &tt.dict,
        &tt.set,
        &tt.frozenset,
    ] {
        t.touch();
    }
    let it = vm.t.iterator.clone();
    if it.dict.borrow().get_str(&PyStr::new("__next__")).is_none() {
        add(&it, "__next__", iter_next);
    }
    if it.dict.borrow().get_str(&PyStr::new("__iter__")).is_none() {
        add(&it, "__iter__", iter_self);
    }
}

fn iter_next(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    match crate::ops::next(vm, &v)? {
        Some(x) => Ok(x),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn iter_self(_vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    Ok(a.first().cloned().unwrap_or(Value::None))
}

/// For a class whose metaclass defines special method `name` (`len(C)`, `iter(C)`, `C[k]`):
/// calls it with the class first and returns its result; None when not defined.
pub fn meta_dunder(vm: &mut Vm, v: &Value, name: &str, args: Vec<Value>) -> PyResult<Option<Value>> {
    let Value::Type(t) = v else {
        return Ok(None);
    };
    let meta = t.meta.borrow().clone();
    let Some(meta) = meta else {
        return Ok(None);
    };
    match crate::ops::user_method(&meta, &s(name)) {
        Some(f) => {
            let mut a = vec![v.clone()];
            a.extend(args);
            crate::classes::call_with_self(vm, &f, a, vec![]).map(Some)
        }
        None => Ok(None),
    }
}

thread_local! {
    static ALIAS_TYPE: RefCell<Option<Rc<Type>>> = const { RefCell::new(None) };
}

/// The `types.GenericAlias` class (`list[int]`).
pub fn alias_type(vm: &Vm) -> Rc<Type> {
    ALIAS_TYPE.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(t) = &*m {
            return t.clone();
        }
        let t = crate::types_registry::new_type("GenericAlias", Some(&vm.t.object), crate::object::Kind::Object, false);
        *t.module.borrow_mut() = "types".into();
        add(&t, "__call__", alias_call);
        add(&t, "__new__", alias_new);
        add(&t, "__eq__", alias_eq);
        add(&t, "__hash__", alias_hash);
        add(&t, "__mro_entries__", alias_mro_entries);
        *m = Some(t.clone());
        t
    })
}

fn alias_parts(v: &Value) -> Option<(Value, Value)> {
    let Value::Inst(i) = v else { return None };
    let d = i.dict.borrow();
    Some((d.get_str(&PyStr::new("__origin__"))?.clone(), d.get_str(&PyStr::new("__args__"))?.clone()))
}

/// `types.GenericAlias(origin, args)`.
fn alias_new(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    if a.len() != 3 || !kw.is_empty() {
        return Err(vm.type_error(format!("GenericAlias expected 2 arguments, got {}", a.len().saturating_sub(1))));
    }
    builtin_class_getitem(vm, a[1..].to_vec(), kw)
}

fn alias_eq(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let (Some((o1, a1)), Some((o2, a2))) = (a.first().and_then(alias_parts), a.get(1).and_then(alias_parts)) else {
        return Ok(Value::NotImplemented);
    };
    Ok(Value::Bool(crate::ops::eq(vm, &o1, &o2)? && crate::ops::eq(vm, &a1, &a2)?))
}

fn alias_hash(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let Some((o, args)) = a.first().and_then(alias_parts) else {
        return Err(vm.type_error("GenericAlias.__hash__ needs an alias"));
    };
    Ok(Value::Int(crate::ops::hash(vm, &o)? ^ crate::ops::hash(vm, &args)?))
}

fn alias_call(vm: &mut Vm, mut a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let Some((origin, _)) = a.first().and_then(alias_parts) else {
        return Err(vm.type_error("GenericAlias.__call__ needs an alias"));
    };
    a.remove(0);
    vm.call(&origin, a, kw)
}

fn alias_mro_entries(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let Some((origin, _)) = a.first().and_then(alias_parts) else {
        return Err(vm.type_error("GenericAlias.__mro_entries__ needs an alias"));
    };
    Ok(Value::tuple(vec![origin]))
}

/// `cls[item]` for builtin and native generic classes (`__class_getitem__`): a GenericAlias
/// with `__origin__` = `args[0]` and `__args__` = `args[1]` as a tuple.
pub fn builtin_class_getitem(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let origin = a.first().cloned().unwrap_or(Value::None);
    let args = match a.get(1) {
        Some(Value::Tuple(t)) => Value::Tuple(t.clone()),
        Some(x) => Value::tuple(vec![x.clone()]),
        None => Value::tuple(vec![]),
    };
    let t = alias_type(vm);
    let inst = crate::classes::new_instance(vm, &t, vec![], vec![])?;
    if let Value::Inst(i) = &inst {
        let mut d = i.dict.borrow_mut();
        d.set_str(s("__origin__"), origin);
        d.set_str(s("__args__"), args);
    }
    Ok(inst)
}

fn alias_item_repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Ellipsis => Ok("...".into()),
        Value::Type(t) => {
            let m = t.module.borrow().clone();
            let q = t.qualname.borrow().clone();
            Ok(if m == "builtins" { q } else { format!("{m}.{q}") })
        }
        _ => crate::ops::repr(vm, v),
    }
}

/// repr of a GenericAlias (`dict[str, list[int]]`); None for other values.
pub fn alias_repr(vm: &mut Vm, v: &Value) -> PyResult<Option<String>> {
    if !matches!(v, Value::Inst(i) if Rc::ptr_eq(&i.class(), &alias_type(vm))) {
        return Ok(None);
    }
    let Some((origin, args)) = alias_parts(v) else { return Ok(None) };
    let mut out = alias_item_repr(vm, &origin)?;
    let items = crate::ops::to_vec(vm, &args)?;
    let mut parts = Vec::new();
    for x in &items {
        parts.push(alias_item_repr(vm, x)?);
    }
    if parts.is_empty() {
        parts.push("()".into());
    }
    out.push('[');
    out.push_str(&parts.join(", "));
    out.push(']');
    Ok(Some(out))
}

/// Installs `__class_getitem__` on the builtin generic classes.
pub fn init_generics(vm: &mut Vm) {
    let tt = &vm.t;
    for b in [&tt.list, &tt.dict, &tt.tuple, &tt.set, &tt.frozenset, &tt.type_] {
        b.dict.borrow_mut().set_str(
            s("__class_getitem__"),
            Value::obj(Object::ClassMethod(native("__class_getitem__", builtin_class_getitem))),
        );
    }
}

thread_local! {
    static UNION_TYPE: RefCell<Option<Rc<Type>>> = const { RefCell::new(None) };
}

/// The `types.UnionType` class (`int | str`).
pub fn union_type(vm: &Vm) -> Rc<Type> {
    UNION_TYPE.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(t) = &*m {
            return t.clone();
        }
        let t = crate::types_registry::new_type("UnionType", Some(&vm.t.object), crate::object::Kind::Object, true);
        *t.module.borrow_mut() = "types".into();
        *m = Some(t.clone());
        t
    })
}

/// The members of a `X | Y` union value, None for other values.
pub fn union_args(vm: &Vm, v: &Value) -> Option<Vec<Value>> {
    let Value::Inst(i) = v else { return None };
    if !Rc::ptr_eq(&i.class(), &union_type(vm)) {
        return None;
    }
    match i.dict.borrow().get_str(&PyStr::new("__args__")) {
        Some(Value::Tuple(t)) => Some((**t).clone()),
        _ => None,
    }
}

fn union_member(vm: &Vm, v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::None => Some(vec![Value::Type(vm.t.none_type.clone())]),
        Value::Type(_) => Some(vec![v.clone()]),
        Value::Inst(i) if Rc::ptr_eq(&i.class(), &alias_type(vm)) => Some(vec![v.clone()]),
        _ => union_args(vm, v),
    }
}

/// `a | b` for classes: a `types.UnionType`; None when an operand is not a type.
pub fn make_union(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    let (Some(x), Some(y)) = (union_member(vm, a), union_member(vm, b)) else {
        return Ok(None);
    };
    let mut args: Vec<Value> = Vec::new();
    for v in x.into_iter().chain(y) {
        if !args.iter().any(|w| w.is(&v)) {
            args.push(v);
        }
    }
    if args.len() == 1 {
        return Ok(Some(args.remove(0)));
    }
    let t = union_type(vm);
    let inst = crate::classes::new_instance(vm, &t, vec![], vec![])?;
    if let Value::Inst(i) = &inst {
        i.dict.borrow_mut().set_str(s("__args__"), Value::tuple(args));
    }
    Ok(Some(inst))
}

/// repr of a union (`int | str | None`); None for other values.
pub fn union_repr(vm: &mut Vm, v: &Value) -> PyResult<Option<String>> {
    let Some(args) = union_args(vm, v) else { return Ok(None) };
    let mut parts = Vec::new();
    for a in &args {
        if matches!(a, Value::Type(t) if Rc::ptr_eq(t, &vm.t.none_type)) {
            parts.push("None".to_string());
        } else {
            parts.push(alias_item_repr(vm, a)?);
        }
    }
    Ok(Some(parts.join(" | ")))
}

fn not_implemented(_vm: &mut Vm, _a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    Ok(Value::NotImplemented)
}

fn object_sizeof(_vm: &mut Vm, _a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    Ok(Value::Int(16))
}

fn object_getstate(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    match a.first() {
        Some(Value::Inst(i)) if !i.dict.borrow().is_empty() => Ok(Value::Dict(i.dict.clone())),
        _ => {
            let _ = vm;
            Ok(Value::None)
        }
    }
}

fn object_reduce(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    crate::modules::reduce::reduce(vm, a, kw)
}

/// The remaining members of `object.__dict__` (rich comparisons returning NotImplemented,
/// `__sizeof__`, `__reduce__`, `__getstate__`, `__subclasshook__`, `__doc__`).
fn init_object_extras(vm: &mut Vm) {
    let o = vm.t.object.clone();
    for (n, f) in [
        ("__lt__", not_implemented as crate::object::NativeFn),
        ("__le__", not_implemented),
        ("__gt__", not_implemented),
        ("__ge__", not_implemented),
        ("__sizeof__", object_sizeof),
        ("__getstate__", object_getstate),
        ("__reduce__", object_reduce),
    ] {
        if o.dict.borrow().get_str(&PyStr::new(n)).is_none() {
            add(&o, n, f);
        }
    }
    let mut d = o.dict.borrow_mut();
    if d.get_str(&PyStr::new("__subclasshook__")).is_none() {
        d.set_str(s("__subclasshook__"), Value::obj(Object::ClassMethod(native("__subclasshook__", not_implemented))));
    }
    if d.get_str(&PyStr::new("__doc__")).is_none() {
        d.set_str(s("__doc__"), Value::str("The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n"));
    }
}

/// `operator.index(v)`: an int, from `__index__` for other objects (TypeError otherwise).
pub fn index(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        x if crate::num::is_int(x) => return Ok(x.clone()),
        _ => {}
    }
    let p = vm.payload(v);
    if crate::num::is_int(&p) && !matches!(p, Value::Inst(_)) {
        return index(vm, &p);
    }
    let ix = vm.t.s_index.clone();
    match vm.call_method(v, &ix, vec![])? {
        Some(r) if crate::num::is_int(&r) => match r {
            Value::Bool(b) => Ok(Value::Int(b as i64)),
            Value::Inst(_) => Ok(vm.payload(&r)),
            other => Ok(other),
        },
        Some(r) => {
            let n = vm.type_name(&r);
            Err(vm.type_error(format!("__index__ returned non-int (type {n})")))
        }
        None => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("'{n}' object cannot be interpreted as an integer")))
        }
    }
}

/// (fget, fset, fdel, doc) of a property or of an instance of a property subclass.
fn prop_parts(v: &Value) -> Option<(Value, Value, Value, Value)> {
    let p = match v {
        Value::Inst(i) => i.payload.borrow().clone(),
        other => other.clone(),
    };
    match &p {
        Value::Obj(o) => match &**o {
            Object::Property { fget, fset, fdel, doc } => Some((fget.clone(), fset.clone(), fdel.clone(), doc.clone())),
            _ => None,
        },
        _ => None,
    }
}

fn prop_copy(vm: &mut Vm, a: &[Value], which: u8) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let Some((mut g, mut st, mut d, doc)) = prop_parts(&this) else {
        return Err(vm.type_error("descriptor requires a 'property' object"));
    };
    let f = a.get(1).cloned().unwrap_or(Value::None);
    match which {
        0 => g = f,
        1 => st = f,
        _ => d = f,
    }
    if let Value::Inst(_) = &this {
        let t = Value::Type(vm.type_of(&this));
        return vm.call0(&t, vec![g, st, d, doc]);
    }
    Ok(Value::obj(Object::Property { fget: g, fset: st, fdel: d, doc }))
}

fn prop_getter(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    prop_copy(vm, &a, 0)
}
fn prop_setter(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    prop_copy(vm, &a, 1)
}
fn prop_deleter(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    prop_copy(vm, &a, 2)
}

fn prop_missing(vm: &mut Vm, prop: &Value, obj: &Value, what: &str) -> Value {
    let ty = vm.type_of(obj);
    let mut pname = None;
    for t in std::iter::once(ty.clone()).chain(ty.mro.borrow().iter().cloned()) {
        for e in t.dict.borrow().iter() {
            if e.value.is(prop) {
                if let Value::Str(s) = &e.key {
                    pname = Some(s.as_str().to_string());
                }
            }
        }
    }
    match pname {
        Some(n) => vm.attr_error(format!("property '{n}' of '{}' object has no {what}", ty.name())),
        None => vm.attr_error(format!("property of '{}' object has no {what}", ty.name())),
    }
}

fn prop_get(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let Some((g, ..)) = prop_parts(&this) else {
        return Err(vm.type_error("descriptor '__get__' requires a 'property' object"));
    };
    match a.get(1) {
        None | Some(Value::None) => Ok(this),
        Some(obj) => {
            if g.is_none() {
                return Err(prop_missing(vm, &this, obj, "getter"));
            }
            vm.call0(&g, vec![obj.clone()])
        }
    }
}

fn prop_set(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let Some((_, st, ..)) = prop_parts(&this) else {
        return Err(vm.type_error("descriptor '__set__' requires a 'property' object"));
    };
    let obj = a.get(1).cloned().unwrap_or(Value::None);
    if st.is_none() {
        return Err(prop_missing(vm, &this, &obj, "setter"));
    }
    vm.call0(&st, vec![obj, a.get(2).cloned().unwrap_or(Value::None)])?;
    Ok(Value::None)
}

fn prop_delete(vm: &mut Vm, a: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let Some((_, _, d, _)) = prop_parts(&this) else {
        return Err(vm.type_error("descriptor '__delete__' requires a 'property' object"));
    };
    let obj = a.get(1).cloned().unwrap_or(Value::None);
    if d.is_none() {
        return Err(prop_missing(vm, &this, &obj, "deleter"));
    }
    vm.call0(&d, vec![obj])?;
    Ok(Value::None)
}

/// property's methods, working for subclasses of property too.
pub fn init_property(vm: &mut Vm) {
    let p = vm.t.property.clone();
    add(&p, "getter", prop_getter);
    add(&p, "setter", prop_setter);
    add(&p, "deleter", prop_deleter);
    add(&p, "__get__", prop_get);
    add(&p, "__set__", prop_set);
    add(&p, "__delete__", prop_delete);
}
