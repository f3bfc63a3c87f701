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
    if let Some(m) = meta {
        if let Some(c) = user_method(&m, &vm.t.s_call.clone()) {
            let mut a = vec![Value::Type(t.clone())];
            a.extend(args);
            return vm.call(&c, a, kw);
        }
    }
    call_type_plain(vm, t, args, kw)
}

/// Instantiation without the metaclass `__call__` hook.
pub fn call_type_plain(vm: &mut Vm, t: &Rc<Type>, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    if Rc::ptr_eq(t, &vm.t.type_) {
        if args.len() == 1 && kw.is_empty() {
            return Ok(Value::Type(vm.type_of(&args[0])));
        }
        if args.len() == 3 {
            let meta = vm.t.type_.clone();
            return new_class_from_args(vm, &meta, args, kw);
        }
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    if t.is_subtype(&vm.t.type_) {
        // A metaclass: __new__ then __init__.
        let newf = t.lookup(&vm.t.s_new.clone());
        let cls = match newf {
            Some(f) if user_method(t, &vm.t.s_new.clone()).is_some() => {
                let mut a = vec![Value::Type(t.clone())];
                a.extend(args.iter().cloned());
                let f = unwrap_static(&f);
                vm.call(&f, a, kw.clone())?
            }
            _ => new_class_from_args(vm, t, args.clone(), kw.clone())?,
        };
        if let Value::Type(c) = &cls {
            if vm.type_of(&cls).is_subtype(t) {
                if let Some(init) = user_method(t, &vm.t.s_init.clone()) {
                    let mut a = vec![Value::Type(c.clone())];
                    a.extend(args);
                    vm.call(&init, a, kw)?;
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
            if user_init.is_none() && (!args.is_empty() || !kw.is_empty()) && t.kind == Kind::Object {
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
            let r = vm.call(&init, a, kw)?;
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

/// Creates a bare instance of class `t` (`object.__new__(t, *args)`).
pub fn new_instance(vm: &mut Vm, t: &Rc<Type>, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let payload = match t.kind {
        Kind::Object => Value::Null,
        Kind::Exception => {
            let mut t = t.clone();
            if Rc::ptr_eq(&t, &vm.t.os_error) && args.len() >= 2 {
                let sub = match &args[0] {
                    Value::Int(2) => Some("FileNotFoundError"),
                    Value::Int(17) => Some("FileExistsError"),
                    Value::Int(13) => Some("PermissionError"),
                    Value::Int(21) => Some("IsADirectoryError"),
                    Value::Int(20) => Some("NotADirectoryError"),
                    _ => None,
                };
                if let Some(n) = sub {
                    if let Some(x) = vm.t.all_exc.iter().find(|x| x.name() == n) {
                        t = x.clone();
                    }
                }
            }
            return Ok(crate::exceptions::make_exc(&t, Value::tuple(args)));
        }
        _ => {
            let b = builtin_base(vm, t);
            crate::types::construct(vm, &b, args, kw)?
        }
    };
    Ok(Value::Inst(Rc::new(Instance {
        class: RefCell::new(t.clone()),
        dict: new_dict(),
        payload: RefCell::new(payload),
        exc: None,
    })))
}

/// `object.__new__(cls, *args)`.
pub fn object_new(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    match args.first() {
        Some(Value::Type(t)) => {
            let t = t.clone();
            if t.builtin && t.kind != Kind::Exception && t.kind != Kind::Object {
                let n = t.name();
                return Err(vm.type_error(format!("object.__new__({n}) is not safe, use {n}.__new__()")));
            }
            let rest = if t.kind == Kind::Object { vec![] } else { args[1..].to_vec() };
            new_instance(vm, &t, rest, vec![])
        }
        _ => Err(vm.type_error("object.__new__(X): X is not a type object")),
    }
}

fn new_class_from_args(vm: &mut Vm, meta: &Rc<Type>, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let name = match args.first() {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => return Err(vm.type_error("type.__new__() argument 1 must be str")),
    };
    let bases = match args.get(1) {
        Some(Value::Tuple(t)) => (**t).clone(),
        _ => return Err(vm.type_error("type.__new__() argument 2 must be tuple")),
    };
    let ns = match args.get(2) {
        Some(Value::Dict(d)) => d.clone(),
        _ => return Err(vm.type_error("type.__new__() argument 3 must be dict")),
    };
    let ns2 = new_dict();
    *ns2.borrow_mut() = ns.borrow().clone();
    new_class(vm, meta, &name, bases, ns2, kw)
}

/// C3 linearization of `bases` (the class itself excluded).
pub fn c3(vm: &mut Vm, bases: &[Rc<Type>]) -> PyResult<Vec<Rc<Type>>> {
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
            let names: Vec<String> = bases.iter().map(|b| b.name()).collect();
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
        _ => "__main__".to_string(),
    };
    let slots = {
        let sl = ns.borrow().get_str(&PyStr::new("__slots__")).cloned();
        match sl {
            Some(v) => {
                let mut names: Vec<String> = match &v {
                    Value::Str(x) => vec![x.as_str().to_string()],
                    other => crate::ops::to_vec(vm, other)?
                        .iter()
                        .filter_map(|x| x.as_pystr().map(|p| p.as_str().to_string()))
                        .collect(),
                };
                let mut all_slotted = true;
                for b in mro.iter() {
                    if b.builtin {
                        continue;
                    }
                    match &b.slots {
                        Some(bs) => names.extend(bs.iter().cloned()),
                        None => all_slotted = false,
                    }
                }
                if names.iter().any(|n| n == "__dict__") {
                    all_slotted = false;
                }
                if all_slotted {
                    Some(names)
                } else {
                    None
                }
            }
            None => None,
        }
    };
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
        subclasses: RefCell::new(Vec::new()),
        hook_flags: Cell::new(0),
    });
    for b in &tb {
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
                vm.call_descr(&f, &v, vec![v.clone(), tv.clone(), k.clone()])?;
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
    let is_default = matches!(&found, Some(Value::Obj(o)) if matches!(&**o, Object::ClassMethod(Value::Obj(b)) if matches!(&**b, Object::Builtin(_))));
    if is_default && !kw.is_empty() {
        return Err(vm.type_error(format!("{}.__init_subclass__() takes no keyword arguments", name)));
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
    for b in &args[2..] {
        if !matches!(b, Value::Type(_)) {
            if let Some(me) = crate::attr::getattr_opt(vm, b, &s("__mro_entries__"))? {
                let r = vm.call0(&me, vec![Value::tuple(args[2..].to_vec())])?;
                bases.extend(crate::ops::to_vec(vm, &r)?);
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
        Some(m) => m,
        None => Value::Type(vm.t.type_.clone()),
    };
    // The most derived metaclass among the explicit one and the bases' metaclasses.
    let meta = if let Value::Type(mt) = &meta {
        let mut winner = mt.clone();
        for b in &bases {
            let bt = vm.type_of(b);
            if winner.is_subtype(&bt) {
                continue;
            }
            if bt.is_subtype(&winner) {
                winner = bt;
                continue;
            }
            return Err(vm.type_error("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases"));
        }
        Value::Type(winner)
    } else {
        meta
    };
    let ns = new_dict();
    if let Value::Type(mt) = &meta {
        if let Some(p) = user_method(mt, &vm.t.s_prepare.clone()) {
            let f = match &p {
                Value::Obj(o) => match &**o {
                    Object::ClassMethod(g) => Some((g.clone(), true)),
                    Object::StaticMethod(g) => Some((g.clone(), false)),
                    _ => None,
                },
                _ => None,
            };
            let (f, pass_meta) = f.unwrap_or((p.clone(), true));
            let mut pargs = Vec::new();
            if pass_meta {
                pargs.push(meta.clone());
            }
            pargs.push(Value::str(name.as_str()));
            pargs.push(Value::tuple(bases.clone()));
            let r = vm.call(&f, pargs, rest.clone())?;
            if let Value::Dict(d) = r {
                *ns.borrow_mut() = d.borrow().clone();
            }
        }
    }
    vm.call_function(&func, vec![], vec![], Some(Value::Dict(ns.clone())))?;
    match &meta {
        Value::Type(mt) if Rc::ptr_eq(mt, &vm.t.type_) => new_class(vm, mt, &name, bases, ns, rest),
        _ => {
            let r = vm.call(&meta, vec![Value::str(name.as_str()), Value::tuple(bases), Value::Dict(ns.clone())], rest)?;
            let cc = ns.borrow().get_str(&PyStr::new("__classcell__")).cloned();
            if let Some(Value::Obj(c)) = cc {
                if let Object::Cell(c) = &*c {
                    if c.borrow().is_null() {
                        *c.borrow_mut() = r.clone();
                    }
                }
            }
            Ok(r)
        }
    }
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
    let start = match obj {
        Value::Type(t) if t.is_subtype(this) => t.clone(),
        _ => vm.type_of(obj),
    };
    let mut chain = vec![start.clone()];
    chain.extend(start.mro.borrow().iter().cloned());
    let pos = chain.iter().position(|t| Rc::ptr_eq(t, this)).map(|p| p + 1).unwrap_or(chain.len());
    for t in &chain[pos..] {
        let v = t.dict.borrow().get_str(name).cloned();
        if let Some(a) = v {
            let is_type = matches!(obj, Value::Type(_));
            return match &a {
                Value::Func(_) if is_type => Ok(a),
                Value::Obj(o) => match &**o {
                    Object::ClassMethod(g) => Ok(Value::obj(Object::Method { func: g.clone(), self_: Value::Type(start) })),
                    Object::StaticMethod(g) => Ok(g.clone()),
                    _ => crate::attr::bind_descr(vm, &a, obj),
                },
                _ => crate::attr::bind_descr(vm, &a, obj),
            };
        }
    }
    if name.as_str() == "__class__" {
        return Ok(Value::Type(vm.t.super_.clone()));
    }
    Err(vm.attr_error(format!("'super' object has no attribute '{}'", name.as_str())))
}

/// Keeps `Kind` visible for callers constructing types.
pub fn is_exception_class(t: &Rc<Type>) -> bool {
    t.kind == Kind::Exception
}

/// `type.__new__(mcs, name, bases, ns, **kw)`.
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
            call_type_plain(vm, &t, args[1..].to_vec(), kw)
        }
        _ => Err(vm.type_error("descriptor '__call__' requires a 'type' object")),
    }
}
