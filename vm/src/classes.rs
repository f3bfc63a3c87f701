//! Classes: `__build_class__`, `type(name, bases, ns)`, C3 MRO, instantiation (`__new__` /
//! `__init__`), `__init_subclass__`, `__set_name__`, and `super`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::object::{new_dict, next_version, Instance, Kind, Object, Type};
use crate::ops::user_method;
use crate::value::{s, DictRef, PyStr, Value};
use crate::vm::{Kw, PyResult, Vm};

/// Calls a class: `type(x)`, metaclass calls, builtin constructors, user instantiation.
pub fn call_type(vm: &mut Vm, t: &Rc<Type>, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let meta = t.meta.borrow().clone();
    if let Some(meta) = meta {
        if let Some(c) = user_method(&meta, &vm.t.s_call.clone()) {
            let mut a = vec![Value::Type(t.clone())];
            a.extend(args);
            return call_with_self(vm, &c, a, kw);
        }
    }
    type_call_default(vm, t, args, kw)
}

/// Calls class attribute `f` (a function or descriptor) with `args[0]` as the instance.
pub fn call_with_self(vm: &mut Vm, f: &Value, mut args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    match f {
        Value::Func(_) => vm.call(f, args, kw),
        _ => {
            let obj = args.remove(0);
            let b = crate::attr::bind_descr(vm, f, &obj)?;
            vm.call(&b, args, kw)
        }
    }
}

/// `type.__call__(t, *args, **kw)`: `__new__` then `__init__`.
pub fn type_call_default(vm: &mut Vm, t: &Rc<Type>, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    if Rc::ptr_eq(t, &vm.t.type_) {
        if args.len() == 1 && kw.is_empty() {
            return Ok(Value::Type(vm.type_of(&args[0])));
        }
        if args.len() == 3 {
            let meta = vm.t.type_.clone();
            // As type_new: a more derived metaclass of the bases with its own __new__ makes
            // the class (`type(name, (SomeEnum,), ns, boundary=...)` runs EnumType.__new__).
            if let Some(Value::Tuple(bs)) = args.get(1) {
                let bases: Vec<Rc<Type>> =
                    bs.iter().filter_map(|b| if let Value::Type(t) = b { Some(t.clone()) } else { None }).collect();
                let winner = calculate_meta(vm, &meta, &bases)?;
                if !Rc::ptr_eq(&winner, &meta) && user_method(&winner, &vm.t.s_new.clone()).is_some() {
                    return call_type(vm, &winner, args, kw);
                }
                if !Rc::ptr_eq(&winner, &meta) {
                    return new_class_from_args(vm, &winner, args, kw);
                }
            }
            return new_class_from_args(vm, &meta, args, kw);
        }
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    if t.is_subtype(&vm.t.type_) {
        // A metaclass: __new__ then __init__.
        let cls = match user_method(t, &vm.t.s_new.clone()) {
            Some(f) => {
                let mut a = vec![Value::Type(t.clone())];
                a.extend(args.iter().cloned());
                let f = unwrap_static(&f);
                vm.call(&f, a, kw.clone())?
            }
            None => new_class_from_args(vm, t, args.clone(), kw.clone())?,
        };
        if let Value::Type(c) = &cls {
            if vm.type_of(&cls).is_subtype(t) {
                if let Some(init) = user_method(t, &vm.t.s_init.clone()) {
                    let mut a = vec![Value::Type(c.clone())];
                    a.extend(args);
                    call_with_self(vm, &init, a, kw)?;
                }
            }
        }
        return Ok(cls);
    }
    if t.builtin && t.kind != Kind::Exception {
        return crate::types::construct(vm, t, args, kw);
    }
    let new_name = vm.t.s_new.clone();
    let init_name = vm.t.s_init.clone();
    let user_new = user_method(t, &new_name);
    let user_init = user_method(t, &init_name);
    let inst = match &user_new {
        Some(f) => {
            let f = unwrap_static(f);
            let mut a = vec![Value::Type(t.clone())];
            a.extend(args.iter().cloned());
            vm.call(&f, a, kw.clone())?
        }
        None => {
            if user_init.is_none()
                && (!args.is_empty() || !kw.is_empty())
                && t.kind == Kind::Object
                && !is_descr_base(vm, t)
            {
                return Err(vm.type_error(format!("{}() takes no arguments", t.name())));
            }
            let payload_args = if user_init.is_some() && matches!(t.kind, Kind::List | Kind::Dict | Kind::Set) {
                (vec![], vec![])
            } else {
                (args.clone(), kw.clone())
            };
            new_instance(vm, t, payload_args.0, payload_args.1)?
        }
    };
    if let Some(init) = user_init {
        if vm.type_of(&inst).is_subtype(t) {
            let mut a = vec![inst.clone()];
            a.extend(args);
            let r = call_with_self(vm, &init, a, kw)?;
            if !r.is_none() {
                let n = vm.type_name(&r);
                return Err(vm.type_error(format!("__init__() should return None, not '{n}'")));
            }
        }
    }
    Ok(inst)
}

fn unwrap_static(f: &Value) -> Value {
    if let Value::Obj(o) = f {
        if let Object::StaticMethod(g) = &**o {
            return g.clone();
        }
    }
    f.clone()
}

/// The builtin base class providing the layout of `t`.
pub fn builtin_base(vm: &Vm, t: &Rc<Type>) -> Rc<Type> {
    if t.builtin {
        return t.clone();
    }
    for b in t.mro.borrow().iter() {
        if b.builtin {
            return b.clone();
        }
    }
    vm.t.object.clone()
}

/// True when `t` derives from property, classmethod or staticmethod (instances carry the
/// builtin descriptor as payload).
pub fn is_descr_base(vm: &Vm, t: &Rc<Type>) -> bool {
    !t.builtin && {
        let b = builtin_base(vm, t);
        Rc::ptr_eq(&b, &vm.t.property) || Rc::ptr_eq(&b, &vm.t.classmethod) || Rc::ptr_eq(&b, &vm.t.staticmethod)
    }
}

/// "Can't instantiate abstract class X with abstract method(s) ..." (CPython's object_new).
fn abstract_error(vm: &mut Vm, t: &Rc<Type>) -> Value {
    let am = t.dict.borrow().get_str(&PyStr::new("__abstractmethods__")).cloned().unwrap_or(Value::None);
    let mut names: Vec<String> = match crate::ops::to_vec(vm, &am) {
        Ok(items) => items
            .iter()
            .map(|v| match v {
                Value::Str(s) => s.as_str().to_string(),
                _ => crate::ops::to_str(vm, v).unwrap_or_default(),
            })
            .collect(),
        Err(e) => return e,
    };
    names.sort();
    vm.type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        t.name(),
        if names.len() > 1 { "s" } else { "" },
        names.join(", ")
    ))
}

/// Creates a bare instance of class `t` (`object.__new__(t, *args)`).
pub fn new_instance(vm: &mut Vm, t: &Rc<Type>, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    if t.kind == Kind::Object && crate::attr::hooks(vm, t) & crate::object::TF_ABSTRACT != 0 {
        return Err(abstract_error(vm, t));
    }
    let payload = match t.kind {
        Kind::Object if is_descr_base(vm, t) => {
            let b = builtin_base(vm, t);
            crate::types::construct(vm, &b, args, kw)?
        }
        Kind::Object => Value::Null,
        Kind::Exception => {
            if crate::egroup::is_group_type(vm, t) {
                let t2 = crate::egroup::check_new(vm, t, &args)?;
                return Ok(crate::exceptions::make_exc(&t2, Value::tuple(args)));
            }
            let t = &crate::exceptions::os_error_subclass(vm, t, &args);
            let e = crate::exceptions::make_exc(t, Value::tuple(args));
            if !kw.is_empty() {
                let allowed: &[&str] = if t.is_subtype(&vm.t.import_error) {
                    &["name", "path"]
                } else if t.is_subtype(&vm.t.attribute_error) {
                    &["name", "obj"]
                } else if t.is_subtype(&vm.t.name_error) {
                    &["name"]
                } else {
                    &[]
                };
                if allowed.is_empty() {
                    if t.builtin {
                        return Err(vm.type_error(format!("{}() takes no keyword arguments", t.name())));
                    }
                    return Ok(e);
                }
                if let Value::Inst(i) = &e {
                    for (k, v) in kw {
                        if !allowed.contains(&k.as_str()) {
                            return Err(vm.type_error(format!(
                                "'{}' is an invalid keyword argument for {}()",
                                k.as_str(),
                                t.name()
                            )));
                        }
                        i.dict.borrow_mut().set_str(k, v);
                    }
                }
            }
            return Ok(e);
        }
        _ => {
            let b = builtin_base(vm, t);
            crate::types::construct(vm, &b, args, kw)?
        }
    };
    Ok(Value::Inst(Instance::new(t.clone(), new_dict(), payload, None, vec![Value::Null; t.nslots])))
}

/// `object.__new__(cls, *args)`.
pub fn object_new(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    match args.first() {
        Some(Value::Type(t)) => {
            let t = t.clone();
            if t.builtin && t.kind != Kind::Exception && t.kind != Kind::Object {
                return Err(vm.type_error(format!("object.__new__({0}) is not safe, use {0}.__new__()", t.name())));
            }
            if !t.builtin && t.kind != Kind::Exception && t.kind != Kind::Object {
                let b = builtin_base(vm, &t);
                return Err(vm.type_error(format!(
                    "object.__new__({}) is not safe, use {}.__new__()",
                    t.name(),
                    b.name()
                )));
            }
            if args.len() > 1 && t.kind == Kind::Object && !is_descr_base(vm, &t) {
                if user_method(&t, &vm.t.s_new.clone()).is_some() {
                    return Err(vm.type_error("object.__new__() takes exactly one argument (the type to instantiate)"));
                }
                if user_method(&t, &vm.t.s_init.clone()).is_none() {
                    return Err(vm.type_error(format!("{}() takes no arguments", t.name())));
                }
            }
            let rest = if t.kind == Kind::Object { vec![] } else { args[1..].to_vec() };
            new_instance(vm, &t, rest, vec![])
        }
        Some(v) => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("object.__new__(X): X is not a type object ({n})")))
        }
        None => Err(vm.type_error("object.__new__(): not enough arguments")),
    }
}

/// `type.__new__(meta, name, bases, ns, **kw)` with already-unpacked arguments.
pub fn new_class_from_args(vm: &mut Vm, meta: &Rc<Type>, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let name = match args.first() {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => return Err(vm.type_error("type.__new__() argument 1 must be str")),
    };
    let bases = match args.get(1) {
        Some(Value::Tuple(t)) => (**t).clone(),
        _ => return Err(vm.type_error("type.__new__() argument 2 must be tuple")),
    };
    let ns = match args.get(2).map(|v| vm.payload(v)) {
        Some(Value::Dict(d)) => d.clone(),
        _ => return Err(vm.type_error("type.__new__() argument 3 must be dict")),
    };
    let ns2 = new_dict();
    *ns2.borrow_mut() = ns.borrow().clone();
    new_class(vm, meta, &name, bases, ns2, kw)
}

/// C3 linearization of `bases` (the class itself excluded).
pub fn c3(vm: &mut Vm, bases: &[Rc<Type>]) -> PyResult<Vec<Rc<Type>>> {
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|x| Rc::ptr_eq(x, b)) {
            return Err(vm.type_error(format!("duplicate base class {}", b.name())));
        }
    }
    let mut seqs: Vec<Vec<Rc<Type>>> = bases
        .iter()
        .map(|b| {
            let mut v = vec![b.clone()];
            v.extend(b.mro.borrow().iter().cloned());
            v
        })
        .collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Type>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut cand = None;
        for s in &seqs {
            let head = &s[0];
            if !seqs.iter().any(|t| t[1..].iter().any(|x| Rc::ptr_eq(x, head))) {
                cand = Some(head.clone());
                break;
            }
        }
        let Some(c) = cand else {
            let mut names: Vec<String> = Vec::new();
            for sq in &seqs {
                let n = sq[0].name();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// Creates a class object from a namespace.
pub fn new_class(vm: &mut Vm, meta: &Rc<Type>, name: &str, bases: Vec<Value>, ns: DictRef, kw: Kw) -> PyResult<Value> {
    let metas: Vec<Rc<Type>> = bases.iter().map(|b| vm.type_of(b)).collect();
    let meta = &calculate_meta_of(vm, meta, &metas)?;
    let mut tb: Vec<Rc<Type>> = Vec::new();
    for b in &bases {
        match b {
            Value::Type(t) => {
                if matches!(t.kind, Kind::Other) || (t.builtin && ["bool", "range", "slice", "function"].contains(&t.name().as_str())) {
                    return Err(vm.type_error(format!("type '{}' is not an acceptable base type", t.name())));
                }
                tb.push(t.clone())
            }
            _ => return Err(vm.type_error("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases")),
        }
    }
    if tb.is_empty() {
        tb.push(vm.t.object.clone());
    }
    let mut layouts: Vec<Kind> = Vec::new();
    for b in &tb {
        let k = builtin_base(vm, b).kind;
        if k != Kind::Object && !layouts.contains(&k) {
            layouts.push(k);
        }
    }
    if layouts.len() > 1 {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    let mro = c3(vm, &tb)?;
    let kind = tb.iter().map(|b| b.kind).find(|k| *k != Kind::Object).unwrap_or(Kind::Object);
    // Wrap implicit static/class methods.
    {
        let mut d = ns.borrow_mut();
        for (n, wrap) in [("__new__", 0u8), ("__init_subclass__", 1), ("__class_getitem__", 1)] {
            let key = PyStr::new(n);
            if let Some(f @ Value::Func(_)) = d.get_str(&key).cloned() {
                let w = if wrap == 0 { Object::StaticMethod(f) } else { Object::ClassMethod(f) };
                d.set_str(s(n), Value::obj(w));
            }
        }
    }
    {
        let mut d = ns.borrow_mut();
        if d.get_str(&PyStr::new("__eq__")).is_some() && d.get_str(&PyStr::new("__hash__")).is_none() {
            d.set_str(s("__hash__"), Value::None);
        }
    }
    let classcell = ns.borrow_mut().del_str(&PyStr::new("__classcell__"));
    let qualname = match ns.borrow_mut().del_str(&PyStr::new("__qualname__")) {
        Some(Value::Str(q)) => q.as_str().to_string(),
        _ => name.to_string(),
    };
    let module = match ns.borrow().get_str(&PyStr::new("__module__")) {
        Some(Value::Str(m)) => m.as_str().to_string(),
        // As CPython: the `__name__` of the calling frame's globals.
        _ => match vm.frames.last().and_then(|f| f.globals.borrow().get_str(&PyStr::new("__name__")).cloned()) {
            Some(Value::Str(m)) => m.as_str().to_string(),
            _ => "__main__".to_string(),
        },
    };
    let (slots, nslots) = make_slots(vm, name, &tb, &mro, &ns)?;
    add_implicit_attrs(vm, name, kind, &mro, &ns)?;
    ns.borrow_mut().type_dict = true;
    crate::dict::bump_type_epoch();
    let t = Rc::new(Type {
        name: RefCell::new(name.to_string()),
        qualname: RefCell::new(qualname),
        module: RefCell::new(module),
        bases: RefCell::new(tb.clone()),
        mro: RefCell::new(mro),
        dict: ns.clone(),
        version: Cell::new(next_version()),
        kind,
        builtin: false,
        meta: RefCell::new(if Rc::ptr_eq(meta, &vm.t.type_) { None } else { Some(meta.clone()) }),
        slots,
        nslots,
        subclasses: RefCell::new(Vec::new()),
        hook_flags: Cell::new(0),
    });
    for b in &tb {
        b.subclasses.borrow_mut().retain(|w| w.strong_count() > 0);
        b.subclasses.borrow_mut().push(Rc::downgrade(&t));
    }
    let tv = Value::Type(t.clone());
    if let Some(Value::Obj(c)) = classcell {
        if let Object::Cell(c) = &*c {
            *c.borrow_mut() = tv.clone();
        }
    }
    // __set_name__
    let items = ns.borrow().items();
    let set_name = vm.t.s_set_name.clone();
    for (k, v) in items {
        if let Value::Inst(_) = &v {
            let vt = vm.type_of(&v);
            if let Some(f) = user_method(&vt, &set_name) {
                if let Err(e) = vm.call_descr(&f, &v, vec![v.clone(), tv.clone(), k.clone()]) {
                    let kn = crate::ops::to_str(vm, &k).unwrap_or_default();
                    let re = vm.runtime_error(format!(
                        "Error calling __set_name__ on '{}' instance '{kn}' in '{name}'",
                        vt.name()
                    ));
                    if let Value::Inst(ri) = &re {
                        if let Some(d) = &ri.exc {
                            let mut d = d.borrow_mut();
                            d.cause = e.clone();
                            d.context = e;
                            d.suppress_context = true;
                        }
                    }
                    return Err(re);
                }
            }
        }
    }
    // __init_subclass__ of the nearest base.
    let isn = vm.t.s_init_subclass.clone();
    let mut found = None;
    for b in t.mro.borrow().iter() {
        if let Some(v) = b.dict.borrow().get_str(&isn) {
            found = Some(v.clone());
            break;
        }
    }
    match found {
        Some(Value::Obj(o)) if matches!(&*o, Object::ClassMethod(_)) => {
            if let Object::ClassMethod(f) = &*o {
                let f = f.clone();
                vm.call(&f, vec![tv.clone()], kw)?;
            }
        }
        _ => {
            if !kw.is_empty() {
                return Err(vm.type_error(format!("{}.__init_subclass__() takes no keyword arguments", name)));
            }
        }
    }
    Ok(tv)
}

/// The most derived metaclass among `meta` and the metaclasses of `bases` (TypeError on conflict).
pub fn calculate_meta(vm: &mut Vm, meta: &Rc<Type>, bases: &[Rc<Type>]) -> PyResult<Rc<Type>> {
    let metas: Vec<Rc<Type>> = bases.iter().map(|b| vm.type_of(&Value::Type(b.clone()))).collect();
    calculate_meta_of(vm, meta, &metas)
}

fn calculate_meta_of(vm: &mut Vm, meta: &Rc<Type>, metas: &[Rc<Type>]) -> PyResult<Rc<Type>> {
    let mut winner = meta.clone();
    for bt in metas {
        let bt = bt.clone();
        if winner.is_subtype(&bt) {
            continue;
        }
        if bt.is_subtype(&winner) {
            winner = bt;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// Mangles a private name (`__x` in class `C` becomes `_C__x`).
pub fn mangle(class: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let c = class.trim_start_matches('_');
    if c.is_empty() {
        return name.to_string();
    }
    format!("_{c}{name}")
}

/// Adds what CPython puts in every class namespace: the `__dict__` and `__weakref__`
/// descriptors (unless a base provides them or `__slots__` leaves them out) and `__doc__`.
fn add_implicit_attrs(vm: &mut Vm, name: &str, kind: Kind, mro: &[Rc<Type>], ns: &DictRef) -> PyResult<()> {
    let slot_names: Option<Vec<String>> = match ns.borrow().get_str(&PyStr::new("__slots__")).cloned() {
        Some(Value::Str(x)) => Some(vec![x.as_str().to_string()]),
        Some(v) => Some(
            crate::ops::to_vec(vm, &v)?.iter().filter_map(|x| x.as_pystr().map(|p| p.as_str().to_string())).collect(),
        ),
        None => None,
    };
    let wants = |n: &str| slot_names.as_ref().map_or(true, |s| s.iter().any(|x| x == n));
    let inherited = |n: &str| mro.iter().any(|b| b.dict.borrow().get_str(&PyStr::new(n)).is_some());
    // Metaclasses add neither: their instances (classes) have them as `type`'s own attributes.
    let add_dict = wants("__dict__") && !inherited("__dict__") && kind != Kind::Exception && kind != Kind::Type;
    let add_weak = wants("__weakref__") && !inherited("__weakref__") && kind != Kind::Type;
    let mut d = ns.borrow_mut();
    if add_dict {
        d.set_str(
            s("__dict__"),
            Value::obj(Object::Member { name: s("__dict__"), idx: crate::descr::DICT_SLOT, owner: name.to_string() }),
        );
    }
    if add_weak {
        d.set_str(
            s("__weakref__"),
            Value::obj(Object::Member {
                name: s("__weakref__"),
                idx: crate::descr::WEAKREF_SLOT,
                owner: name.to_string(),
            }),
        );
    }
    if d.get_str(&PyStr::new("__doc__")).is_none() {
        d.set_str(s("__doc__"), Value::None);
    }
    Ok(())
}

/// Processes `__slots__`: adds member descriptors to `ns`; returns the restricted attribute
/// names (None when instances have a `__dict__`) and the number of slot cells.
fn make_slots(
    vm: &mut Vm,
    name: &str,
    tb: &[Rc<Type>],
    mro: &[Rc<Type>],
    ns: &DictRef,
) -> PyResult<(Option<Vec<String>>, usize)> {
    let base_n = tb.iter().map(|b| b.nslots).max().unwrap_or(0);
    let sl = ns.borrow().get_str(&PyStr::new("__slots__")).cloned();
    let Some(v) = sl else {
        return Ok((None, base_n));
    };
    let items: Vec<Value> = match &v {
        Value::Str(_) => vec![v.clone()],
        other => crate::ops::to_vec(vm, other)?,
    };
    let mut own: Vec<String> = Vec::new();
    let mut has_dict = false;
    for it in &items {
        let Some(p) = it.as_pystr() else {
            let n = vm.type_name(it);
            return Err(vm.type_error(format!("__slots__ items must be strings, not '{n}'")));
        };
        let n = p.as_str().to_string();
        if n == "__dict__" {
            has_dict = true;
            continue;
        }
        if n == "__weakref__" || own.contains(&n) {
            // A repeated name makes one slot (CPython dedups `('a', 'a')`; datetime relies on it).
            continue;
        }
        own.push(n);
    }
    let mut idx = base_n;
    for n in &own {
        let m = mangle(name, n);
        if ns.borrow().get_str(&PyStr::new(m.as_str())).is_some() {
            return Err(vm.value_error(format!("'{n}' in __slots__ conflicts with class variable")));
        }
        let d = Object::Member { name: s(&m), idx, owner: name.to_string() };
        ns.borrow_mut().set_str(s(&m), Value::obj(d));
        idx += 1;
    }
    let mut names = own;
    let mut all_slotted = !has_dict;
    for b in mro.iter() {
        if b.builtin {
            continue;
        }
        match &b.slots {
            Some(bs) => names.extend(bs.iter().cloned()),
            None => all_slotted = false,
        }
    }
    Ok((if all_slotted { Some(names) } else { None }, idx))
}

/// `__build_class__(func, name, *bases, metaclass=..., **kw)`.
pub fn build_class(vm: &mut Vm, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let func = match &args[0] {
        Value::Func(f) => f.clone(),
        _ => return Err(vm.type_error("__build_class__: func must be a function")),
    };
    let name = match &args[1] {
        Value::Str(s) => s.as_str().to_string(),
        _ => return Err(vm.type_error("__build_class__: name is not a string")),
    };
    let mut bases = Vec::new();
    let mut bases_changed = false;
    for b in &args[2..] {
        if !matches!(b, Value::Type(_)) {
            if let Some(me) = crate::attr::getattr_opt(vm, b, &s("__mro_entries__"))? {
                let r = vm.call0(&me, vec![Value::tuple(args[2..].to_vec())])?;
                bases.extend(crate::ops::to_vec(vm, &r)?);
                bases_changed = true;
                continue;
            }
        }
        bases.push(b.clone());
    }
    let mut meta: Option<Value> = None;
    let mut rest: Kw = Vec::new();
    for (k, v) in kw {
        if k.as_str() == "metaclass" {
            meta = Some(v);
        } else {
            rest.push((k, v));
        }
    }
    let meta = match meta {
        Some(Value::Type(m)) => {
            let tb: Vec<Rc<Type>> =
                bases.iter().filter_map(|b| if let Value::Type(t) = b { Some(t.clone()) } else { None }).collect();
            Value::Type(calculate_meta(vm, &m, &tb)?)
        }
        Some(m) => m,
        None => {
            let tb: Vec<Rc<Type>> =
                bases.iter().filter_map(|b| if let Value::Type(t) = b { Some(t.clone()) } else { None }).collect();
            let ty = vm.t.type_.clone();
            Value::Type(calculate_meta(vm, &ty, &tb)?)
        }
    };
    let is_plain_type = matches!(&meta, Value::Type(mt) if Rc::ptr_eq(mt, &vm.t.type_));
    let ns_val = if is_plain_type {
        Value::Dict(new_dict())
    } else {
        match crate::attr::getattr_opt(vm, &meta, &vm.t.s_prepare.clone())? {
            Some(p) => {
                let r = vm.call(&p, vec![Value::str(name.as_str()), Value::tuple(bases.clone())], rest.clone())?;
                if !matches!(vm.payload(&r), Value::Dict(_)) && vm.type_of(&r).lookup(&vm.t.s_getitem.clone()).is_none()
                {
                    let mn = match &meta {
                        Value::Type(t) => t.name(),
                        _ => "<metaclass>".into(),
                    };
                    let tn = vm.type_name(&r);
                    return Err(vm.type_error(format!("{mn}.__prepare__() must return a mapping, not {tn}")));
                }
                r
            }
            None => Value::Dict(new_dict()),
        }
    };
    vm.call_function(&func, vec![], vec![], Some(ns_val.clone()))?;
    if bases_changed {
        // As CPython: the bases as written, before `__mro_entries__` replaced them.
        crate::ops::setitem(vm, &ns_val, &Value::str("__orig_bases__"), Value::tuple(args[2..].to_vec()))?;
    }
    if let (true, Value::Dict(ns)) = (is_plain_type, &ns_val) {
        let ty = vm.t.type_.clone();
        return new_class(vm, &ty, &name, bases, ns.clone(), rest);
    }
    let r = vm.call(&meta, vec![Value::str(name.as_str()), Value::tuple(bases), ns_val.clone()], rest)?;
    if let Value::Dict(ns) = vm.payload(&ns_val) {
        let cc = ns.borrow().get_str(&PyStr::new("__classcell__")).cloned();
        if let Some(Value::Obj(c)) = cc {
            if let Object::Cell(c) = &*c {
                if c.borrow().is_null() {
                    *c.borrow_mut() = r.clone();
                }
            }
        }
    }
    Ok(r)
}

/// Attributes every class has (`__name__`, `__mro__`, ...).
pub fn type_special_attr(vm: &mut Vm, t: &Rc<Type>, name: &PyStr) -> Option<Value> {
    Some(match name.as_str() {
        "__name__" => Value::str(t.name()),
        "__qualname__" => Value::str(t.qualname.borrow().clone()),
        "__module__" => Value::str(t.module.borrow().clone()),
        "__dict__" => Value::Dict(t.dict.clone()),
        "__mro__" => {
            let mut v = vec![Value::Type(t.clone())];
            v.extend(t.mro.borrow().iter().map(|x| Value::Type(x.clone())));
            Value::tuple(v)
        }
        "__bases__" => {
            let b: Vec<Value> = t.bases.borrow().iter().map(|x| Value::Type(x.clone())).collect();
            Value::tuple(b)
        }
        "__base__" => t.bases.borrow().first().map(|x| Value::Type(x.clone())).unwrap_or(Value::None),
        "__doc__" => Value::None,
        "__class__" => Value::Type(vm.type_of(&Value::Type(t.clone()))),
        "__abstractmethods__" => return None,
        _ => return None,
    })
}

/// `super()` / `super(type, obj)`.
pub fn super_new(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let (this, obj) = if args.len() >= 2 {
        match &args[0] {
            Value::Type(t) => (t.clone(), args[1].clone()),
            _ => return Err(vm.type_error("super() argument 1 must be a type")),
        }
    } else {
        let Some(f) = vm.frames.last() else {
            return Err(vm.runtime_error("super(): no current frame"));
        };
        let code = f.code.clone();
        let base = f.base;
        if code.co.argcount == 0 && code.co.flags & format::code::flags::VARARGS == 0 {
            return Err(vm.runtime_error("super(): no arguments"));
        }
        let mut first = vm.stack[base].clone();
        if first.is_null() {
            // The first argument may live in a cell.
            for (i, a) in code.cell2arg.iter().enumerate() {
                if *a == Some(0) {
                    if let Value::Obj(o) = &vm.stack[base + code.nlocals + i] {
                        if let Object::Cell(c) = &**o {
                            first = c.borrow().clone();
                        }
                    }
                }
            }
        }
        let idx = code.co.freevars.iter().position(|n| n == "__class__");
        let Some(idx) = idx else {
            return Err(vm.runtime_error("super(): __class__ cell not found"));
        };
        let cell = vm.stack[base + code.nlocals + code.ncells + idx].clone();
        let cls = match &cell {
            Value::Obj(o) => match &**o {
                Object::Cell(c) => c.borrow().clone(),
                _ => Value::Null,
            },
            _ => Value::Null,
        };
        match cls {
            Value::Type(t) => (t, first),
            _ => return Err(vm.runtime_error("super(): empty __class__ cell")),
        }
    };
    Ok(Value::obj(Object::Super { this, obj }))
}

/// Attribute lookup through a super object.
pub fn super_getattr(vm: &mut Vm, this: &Rc<Type>, obj: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    // super(this, obj): obj is an instance of `this` (bind to it) or a subclass of it (unbound).
    let inst_of = vm.type_of(obj).is_subtype(this);
    let (start, inst) = match obj {
        Value::Type(t) if !inst_of && t.is_subtype(this) => (t.clone(), None),
        _ => (vm.type_of(obj), Some(obj.clone())),
    };
    let mut chain = vec![start.clone()];
    chain.extend(start.mro.borrow().iter().cloned());
    let pos = chain.iter().position(|t| Rc::ptr_eq(t, this)).map(|p| p + 1).unwrap_or(chain.len());
    for t in &chain[pos..] {
        let v = t.dict.borrow().get_str(name).cloned();
        if let Some(a) = v {
            let Some(inst) = &inst else {
                // Class-level lookup: like `start.attr` but starting after `this`.
                return Ok(match &a {
                    Value::Obj(o) => match &**o {
                        Object::ClassMethod(g) => {
                            Value::obj(Object::Method { func: g.clone(), self_: Value::Type(start) })
                        }
                        Object::StaticMethod(g) => g.clone(),
                        _ => a.clone(),
                    },
                    Value::Inst(_) => {
                        let dt = vm.type_of(&a);
                        if let Some(g) = user_method(&dt, &vm.t.s_get.clone()) {
                            return vm.call_descr(&g, &a, vec![a.clone(), Value::None, Value::Type(start)]);
                        }
                        a.clone()
                    }
                    _ => a.clone(),
                });
            };
            return match &a {
                Value::Obj(o) => match &**o {
                    Object::ClassMethod(g) => {
                        Ok(Value::obj(Object::Method { func: g.clone(), self_: Value::Type(start) }))
                    }
                    Object::StaticMethod(g) => Ok(g.clone()),
                    _ => crate::attr::bind_descr(vm, &a, inst),
                },
                _ => crate::attr::bind_descr(vm, &a, inst),
            };
        }
    }
    if name.as_str() == "__class__" {
        return Ok(Value::Type(vm.t.super_.clone()));
    }
    Err(vm.attr_error(format!("'super' object has no attribute '{}'", name.as_str())))
}

/// `int.__new__(cls, *args)` and the other builtin constructors reached through `super()`.
pub fn builtin_new(vm: &mut Vm, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    match args.first() {
        Some(Value::Type(t)) => {
            let t = t.clone();
            if t.builtin {
                return crate::types::construct(vm, &t, args[1..].to_vec(), kw);
            }
            new_instance(vm, &t, args[1..].to_vec(), kw)
        }
        _ => Err(vm.type_error("__new__(X): X is not a type object")),
    }
}

/// Keeps `Kind` visible for callers constructing types.
pub fn is_exception_class(t: &Rc<Type>) -> bool {
    t.kind == Kind::Exception
}

/// Instantiation without the metaclass `__call__` hook (alias of [`type_call_default`]).
pub fn call_type_plain(vm: &mut Vm, t: &Rc<Type>, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    type_call_default(vm, t, args, kw)
}

/// `type.__new__(mcs, name, bases, ns, **kw)` (also installed by `descr::init`).
pub fn type_new_native(vm: &mut Vm, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    match args.first() {
        Some(Value::Type(m)) => {
            let m = m.clone();
            if args.len() == 2 {
                return Ok(Value::Type(vm.type_of(&args[1])));
            }
            new_class_from_args(vm, &m, args[1..].to_vec(), kw)
        }
        _ => Err(vm.type_error("type.__new__(X): X is not a type object")),
    }
}

/// `type.__call__(cls, *args, **kw)`: the default instantiation protocol.
pub fn type_call_native(vm: &mut Vm, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    match args.first() {
        Some(Value::Type(t)) => {
            let t = t.clone();
            type_call_default(vm, &t, args[1..].to_vec(), kw)
        }
        _ => Err(vm.type_error("descriptor '__call__' requires a 'type' object")),
    }
}
