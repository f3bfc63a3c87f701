//! The `_weakref` module: `ref` (`ReferenceType`), `proxy` (`ProxyType`,
//! `CallableProxyType`), `getweakrefcount`, `getweakrefs`, `_remove_dead_weakref`.
//!
//! A weak reference holds an `std::rc::Weak` to the referent's allocation. Instances, functions,
//! classes, sets and a few built-in objects (methods, builtins, code, modules, generators) can be
//! weakly referenced, as in CPython.
//!
//! Callbacks: when an instance with registered weak references is dropped, `Instance`'s drop
//! hook calls [`on_instance_drop`], which queues the callbacks of the live weak references (the
//! drop happens where no `&mut Vm` is available); [`run_pending`] runs them at the next call of
//! a native function (every observation of the program's state goes through one: `print`,
//! `len`, calling a ref ...), most recently registered first, as CPython does. Callbacks of
//! weak references to functions or classes never run (those are freed without a hook).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use crate::native_class::{new_class, new_instance, with_data};
use crate::object::{Function, Instance, NativeFn, Object, Type};
use crate::value::{s, SetObj, Value};
use crate::vm::{native, Kw, PyResult, Vm};

/// The weak pointer of a reference.
#[derive(Clone)]
enum Target {
    Inst(Weak<Instance>),
    Func(Weak<Function>),
    Type(Weak<Type>),
    Obj(Weak<Object>),
    Set(Weak<SetObj>),
}

impl Target {
    fn get(&self) -> Option<Value> {
        match self {
            Target::Inst(w) => w.upgrade().map(Value::Inst),
            Target::Func(w) => w.upgrade().map(Value::Func),
            Target::Type(w) => w.upgrade().map(Value::Type),
            Target::Obj(w) => w.upgrade().map(Value::Obj),
            Target::Set(w) => w.upgrade().map(Value::Set),
        }
    }
}

/// The Rust value of a `ref` or proxy instance.
struct WeakRef {
    target: Target,
    callback: Value,
    /// Address of the referent (its `id()`).
    addr: usize,
    /// Cached hash of the referent.
    hash: Option<i64>,
    /// Class name of the referent (for the repr of a live reference).
    tname: String,
}

struct Types {
    reference: Rc<Type>,
    proxy: Rc<Type>,
    callable_proxy: Rc<Type>,
}

thread_local! {
    static TYPES: RefCell<Option<Rc<Types>>> = const { RefCell::new(None) };
    /// Referent address -> the weak reference objects to it, in creation order.
    static REGISTRY: RefCell<HashMap<usize, Vec<Weak<Instance>>>> = RefCell::new(HashMap::new());
    /// Number of referent addresses in the registry (cheap test in the drop hook).
    static LIVE: Cell<usize> = const { Cell::new(0) };
    /// Callbacks waiting to run: (callback, weak reference object).
    static PENDING: RefCell<Vec<(Value, Value)>> = const { RefCell::new(Vec::new()) };
    static HAS_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Drop hook of `Instance`: queues the callbacks of weak references to the instance at `addr`.
#[inline]
pub fn on_instance_drop(addr: usize) {
    if LIVE.with(|l| l.get()) == 0 {
        return;
    }
    // try_with: instances can be dropped while thread-locals are being destroyed at exit.
    let refs = REGISTRY
        .try_with(|r| match r.try_borrow_mut() {
            Ok(mut r) => {
                let v = r.remove(&addr);
                if v.is_some() {
                    LIVE.with(|l| l.set(r.len()));
                }
                v
            }
            Err(_) => None,
        })
        .ok()
        .flatten();
    let Some(refs) = refs else { return };
    let mut queued = Vec::new();
    for w in refs.iter().rev() {
        if let Some(r) = w.upgrade() {
            let rv = Value::Inst(r);
            let cb = data_of(&rv).map(|d| d.callback).unwrap_or(Value::None);
            if !cb.is_none() {
                queued.push((cb, rv));
            }
        }
    }
    if !queued.is_empty() {
        let _ = PENDING.try_with(|p| {
            if let Ok(mut p) = p.try_borrow_mut() {
                p.extend(queued);
                HAS_PENDING.with(|h| h.set(true));
            }
        });
    }
}

/// True when weak-reference callbacks are waiting to run.
#[inline]
pub fn has_pending() -> bool {
    HAS_PENDING.with(|h| h.get())
}

/// Runs the queued weak-reference callbacks. An exception in a callback is reported on stderr
/// ("Exception ignored in: ...") and otherwise ignored, as in CPython.
pub fn run_pending(vm: &mut Vm) {
    loop {
        let batch = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
        HAS_PENDING.with(|h| h.set(false));
        if batch.is_empty() {
            return;
        }
        for (cb, r) in batch {
            if let Err(e) = vm.call(&cb, vec![r], Vec::new()) {
                report_ignored(vm, &cb, &e);
            }
        }
    }
}

/// Prints "Exception ignored in: <obj>" and the traceback of `e` on stderr.
pub fn report_ignored(vm: &mut Vm, obj: &Value, e: &Value) {
    let r = crate::ops::repr(vm, obj).unwrap_or_else(|_| "<object repr() failed>".into());
    let text = crate::exceptions::format_exception(vm, e);
    vm.write_err(&format!("Exception ignored in: {r}\n{text}"));
}

fn data_of(v: &Value) -> Option<WeakRefInfo> {
    let Value::Inst(i) = v else { return None };
    let p = i.payload.borrow();
    let Value::Obj(o) = &*p else { return None };
    let Object::NativeData(d) = &**o else { return None };
    let b = d.try_borrow().ok()?;
    let w = b.downcast_ref::<WeakRef>()?;
    Some(WeakRefInfo { callback: w.callback.clone() })
}

struct WeakRefInfo {
    callback: Value,
}

fn types(vm: &mut Vm) -> Rc<Types> {
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        return t;
    }
    let callback_prop = Value::obj(Object::Property {
        fget: native("__callback__", ref_callback),
        fset: Value::None,
        fdel: Value::None,
        doc: Value::None,
    });
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", ref_new),
        ("__init__", ref_init),
        ("__call__", ref_call),
        ("__hash__", ref_hash),
        ("__eq__", ref_eq),
        ("__ne__", ref_ne),
        ("__repr__", ref_repr),
        ("__class_getitem__", crate::descr::builtin_class_getitem),
    ];
    let reference = new_class(vm, "weakref", "ReferenceType", &[], methods, vec![("__callback__", callback_prop)]);
    let pmethods: &[(&'static str, NativeFn)] = &[
        ("__new__", proxy_new_err),
        ("__getattr__", proxy_getattr),
        ("__setattr__", proxy_setattr),
        ("__delattr__", proxy_delattr),
        ("__repr__", proxy_repr),
        ("__str__", proxy_str),
        ("__bool__", proxy_bool),
        ("__len__", proxy_len),
        ("__iter__", proxy_iter),
        ("__next__", proxy_next),
        ("__contains__", proxy_contains),
        ("__getitem__", proxy_getitem),
        ("__setitem__", proxy_setitem),
        ("__delitem__", proxy_delitem),
        ("__eq__", proxy_eq),
        ("__ne__", proxy_ne),
        ("__lt__", proxy_lt),
        ("__le__", proxy_le),
        ("__gt__", proxy_gt),
        ("__ge__", proxy_ge),
        ("__add__", proxy_add),
        ("__sub__", proxy_sub),
        ("__mul__", proxy_mul),
        ("__hash__", proxy_hash),
    ];
    let proxy = new_class(vm, "weakref", "ProxyType", &[], pmethods, vec![]);
    let cmethods: &[(&'static str, NativeFn)] = &[("__call__", proxy_call)];
    let callable_proxy = new_class(vm, "weakref", "CallableProxyType", &[proxy.clone()], cmethods, vec![]);
    let t = Rc::new(Types { reference, proxy, callable_proxy });
    TYPES.with(|x| *x.borrow_mut() = Some(t.clone()));
    t
}

/// The weak pointer to `v`, or TypeError when `v` cannot be weakly referenced.
fn target_of(vm: &mut Vm, v: &Value) -> PyResult<Target> {
    let t = match v {
        Value::Inst(i) => {
            let cls = i.class();
            let ok = match cls.kind {
                crate::object::Kind::Int
                | crate::object::Kind::Bool
                | crate::object::Kind::Tuple
                | crate::object::Kind::Str
                | crate::object::Kind::Bytes => false,
                _ => cls.slots.is_none() || slots_weakref(&cls),
            };
            if ok {
                Some(Target::Inst(Rc::downgrade(i)))
            } else {
                None
            }
        }
        Value::Func(f) => Some(Target::Func(Rc::downgrade(f))),
        Value::Type(t) => Some(Target::Type(Rc::downgrade(t))),
        Value::Set(st) => Some(Target::Set(Rc::downgrade(st))),
        Value::Obj(o) => match &**o {
            Object::Builtin(_)
            | Object::Method { .. }
            | Object::Code(_)
            | Object::Module { .. }
            | Object::Generator(_)
            | Object::Namespace(_) => Some(Target::Obj(Rc::downgrade(o))),
            _ => None,
        },
        _ => None,
    };
    match t {
        Some(t) => Ok(t),
        None => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("cannot create weak reference to '{n}' object")))
        }
    }
}

/// True when `__weakref__` is named in the `__slots__` of the class or a base.
fn slots_weakref(cls: &Rc<Type>) -> bool {
    let mut types = vec![cls.clone()];
    types.extend(cls.mro.borrow().iter().cloned());
    types.iter().any(|t| {
        let sl = t.dict.borrow().get_str(&crate::value::PyStr::new("__slots__")).cloned();
        let is_wr = |v: &Value| matches!(v, Value::Str(n) if n.as_str() == "__weakref__");
        match sl {
            Some(v @ Value::Str(_)) => is_wr(&v),
            Some(Value::Tuple(items)) => items.iter().any(is_wr),
            Some(Value::List(items)) => items.borrow().iter().any(is_wr),
            _ => false,
        }
    })
}

/// Registers the weak reference object `r` to the referent at `addr`.
fn register(addr: usize, r: &Value) {
    let Value::Inst(i) = r else { return };
    REGISTRY.with(|reg| {
        let mut reg = reg.borrow_mut();
        let e = reg.entry(addr).or_default();
        e.retain(|w| w.strong_count() > 0);
        e.push(Rc::downgrade(i));
        LIVE.with(|l| l.set(reg.len()));
    });
}

/// The live weak reference objects to the referent at `addr`.
fn refs_to(addr: usize) -> Vec<Value> {
    REGISTRY.with(|reg| {
        reg.borrow()
            .get(&addr)
            .map(|v| v.iter().filter_map(|w| w.upgrade()).map(Value::Inst).collect())
            .unwrap_or_default()
    })
}

fn is_exact(v: &Value, t: &Rc<Type>) -> bool {
    matches!(v, Value::Inst(i) if Rc::ptr_eq(&i.class(), t))
}

fn callback_of(v: &Value) -> Value {
    data_of(v).map(|d| d.callback).unwrap_or(Value::None)
}

fn make_ref(vm: &mut Vm, cls: &Rc<Type>, ob: &Value, callback: Value, reuse_with: &Rc<Type>) -> PyResult<Value> {
    let target = target_of(vm, ob)?;
    let addr = ob.id() as usize;
    if callback.is_none() && Rc::ptr_eq(cls, reuse_with) {
        if let Some(r) = refs_to(addr).into_iter().find(|r| is_exact(r, cls) && callback_of(r).is_none()) {
            return Ok(r);
        }
    }
    let tname = vm.type_of(ob).name();
    let r = new_instance(cls, WeakRef { target, callback, addr, hash: None, tname });
    register(addr, &r);
    Ok(r)
}

fn arg(a: &[Value], k: &Kw, i: usize, name: &str) -> Option<Value> {
    a.get(i).cloned().or_else(|| k.iter().find(|(n, _)| n.as_str() == name).map(|(_, v)| v.clone()))
}

fn ref_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let t = types(vm);
    let cls = match a.first() {
        Some(Value::Type(c)) => c.clone(),
        _ => t.reference.clone(),
    };
    if a.len() < 2 {
        return Err(vm.type_error(format!("__new__ expected at least 1 argument, got {}", a.len().saturating_sub(1))));
    }
    if Rc::ptr_eq(&cls, &t.reference) && (a.len() > 3 || !k.is_empty()) {
        return Err(vm.type_error(format!("__new__ expected at most 2 arguments, got {}", a.len() - 1)));
    }
    let cb = a.get(2).cloned().unwrap_or(Value::None);
    let r = make_ref(vm, &cls, &a[1], cb, &t.reference);
    run_pending(vm);
    r
}

fn ref_init(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::None)
}

fn this(a: &[Value]) -> Value {
    a.first().cloned().unwrap_or(Value::None)
}

fn referent(vm: &mut Vm, r: &Value) -> PyResult<Option<Value>> {
    with_data(vm, r, "weakref", |w: &mut WeakRef| w.target.get())
}

fn ref_call(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    if a.len() > 1 || !k.is_empty() {
        return Err(vm.type_error(format!("weakref() takes no arguments ({} given)", a.len() - 1 + k.len())));
    }
    Ok(referent(vm, &this(&a))?.unwrap_or(Value::None))
}

fn ref_callback(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let r = this(&a);
    with_data(
        vm,
        &r,
        "__callback__",
        |w: &mut WeakRef| {
            if w.target.get().is_none() {
                Value::None
            } else {
                w.callback.clone()
            }
        },
    )
}

fn ref_hash(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let r = this(&a);
    let (cached, obj) = with_data(vm, &r, "__hash__", |w: &mut WeakRef| (w.hash, w.target.get()))?;
    if let Some(h) = cached {
        return Ok(Value::Int(h));
    }
    let Some(obj) = obj else {
        return Err(vm.type_error("weak object has gone away"));
    };
    let h = crate::ops::hash(vm, &obj)?;
    with_data(vm, &r, "__hash__", |w: &mut WeakRef| w.hash = Some(h))?;
    Ok(Value::Int(h))
}

fn ref_eq_impl(vm: &mut Vm, a: &[Value], negate: bool) -> PyResult<Value> {
    let x = this(a);
    let y = a.get(1).cloned().unwrap_or(Value::None);
    let t = types(vm);
    let isref = |v: &Value| matches!(v, Value::Inst(i) if i.class().is_subtype(&t.reference));
    if !isref(&y) {
        return Ok(Value::NotImplemented);
    }
    let ox = referent(vm, &x)?;
    let oy = referent(vm, &y)?;
    let r = match (ox, oy) {
        (Some(p), Some(q)) => crate::ops::eq(vm, &p, &q)?,
        _ => x.is(&y),
    };
    Ok(Value::Bool(r != negate))
}

fn ref_eq(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    ref_eq_impl(vm, &a, false)
}

fn ref_ne(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    ref_eq_impl(vm, &a, true)
}

fn ref_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let r = this(&a);
    let me = r.id();
    let (obj, addr, tname) =
        with_data(vm, &r, "__repr__", |w: &mut WeakRef| (w.target.get(), w.addr, w.tname.clone()))?;
    let cls = vm.type_of(&r);
    let kind = if cls.is_subtype(&types(vm).proxy) { "weakproxy" } else { "weakref" };
    Ok(Value::str(match obj {
        None => format!("<{kind} at {me:#x}; dead>"),
        Some(o) => {
            let name = crate::attr::getattr(vm, &o, &s("__name__")).ok();
            match name {
                Some(Value::Str(n)) if kind == "weakref" => {
                    format!("<{kind} at {me:#x}; to '{tname}' at {addr:#x} ({})>", n.as_str())
                }
                _ => format!("<{kind} at {me:#x}; to '{tname}' at {addr:#x}>"),
            }
        }
    }))
}

// ---- proxies ----------------------------------------------------------------------------

fn proxy_new_err(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'weakref.ProxyType' instances"))
}

/// The live referent of a proxy, or ReferenceError.
fn live(vm: &mut Vm, p: &Value) -> PyResult<Value> {
    match referent(vm, p)? {
        Some(o) => Ok(o),
        None => {
            let t = vm.t.all_exc.iter().find(|t| t.name() == "ReferenceError").cloned();
            let t = t.unwrap_or_else(|| vm.t.runtime_error.clone());
            Err(vm.new_exc(&t, "weakly-referenced object no longer exists"))
        }
    }
}

fn unwrap_arg(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let t = types(vm);
    match v {
        Value::Inst(i) if i.class().is_subtype(&t.proxy) => live(vm, v),
        _ => Ok(v.clone()),
    }
}

fn name_arg(vm: &mut Vm, a: &[Value]) -> PyResult<Rc<crate::value::PyStr>> {
    match a.get(1) {
        Some(Value::Str(n)) => Ok(n.clone()),
        _ => Err(vm.type_error("attribute name must be string")),
    }
}

fn proxy_getattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    let n = name_arg(vm, &a)?;
    crate::attr::getattr(vm, &o, &n)
}

fn proxy_setattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    let n = name_arg(vm, &a)?;
    let v = a.get(2).cloned().unwrap_or(Value::None);
    crate::attr::setattr(vm, &o, &n, Some(v))?;
    Ok(Value::None)
}

fn proxy_delattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    let n = name_arg(vm, &a)?;
    crate::attr::setattr(vm, &o, &n, None)?;
    Ok(Value::None)
}

fn proxy_repr(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    ref_repr(vm, a, k)
}

fn proxy_str(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    Ok(Value::str(crate::ops::to_str(vm, &o)?))
}

fn proxy_bool(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    Ok(Value::Bool(crate::ops::truthy(vm, &o)?))
}

fn proxy_len(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    let f = vm.builtins.borrow().get_str(&s("len")).cloned().unwrap_or(Value::None);
    vm.call(&f, vec![o], Vec::new())
}

fn proxy_iter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    crate::ops::iter(vm, &o)
}

fn proxy_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    match crate::ops::next(vm, &o)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn proxy_contains(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    let x = a.get(1).cloned().unwrap_or(Value::None);
    Ok(Value::Bool(crate::ops::contains(vm, &o, &x)?))
}

fn proxy_getitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    crate::ops::getitem(vm, &o, &a.get(1).cloned().unwrap_or(Value::None))
}

fn proxy_setitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    let v = a.get(2).cloned().unwrap_or(Value::None);
    crate::ops::setitem(vm, &o, &a.get(1).cloned().unwrap_or(Value::None), v)?;
    Ok(Value::None)
}

fn proxy_delitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    crate::ops::delitem(vm, &o, &a.get(1).cloned().unwrap_or(Value::None))?;
    Ok(Value::None)
}

fn proxy_cmp(vm: &mut Vm, a: &[Value], op: format::CompareOpKind) -> PyResult<Value> {
    let o = live(vm, &this(a))?;
    let other = unwrap_arg(vm, &a.get(1).cloned().unwrap_or(Value::None))?;
    crate::ops::compare(vm, op, &o, &other)
}

fn proxy_eq(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    proxy_cmp(vm, &a, format::CompareOpKind::Eq)
}
fn proxy_ne(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    proxy_cmp(vm, &a, format::CompareOpKind::Ne)
}
fn proxy_lt(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    proxy_cmp(vm, &a, format::CompareOpKind::Lt)
}
fn proxy_le(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    proxy_cmp(vm, &a, format::CompareOpKind::Le)
}
fn proxy_gt(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    proxy_cmp(vm, &a, format::CompareOpKind::Gt)
}
fn proxy_ge(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    proxy_cmp(vm, &a, format::CompareOpKind::Ge)
}

fn proxy_binop(vm: &mut Vm, a: &[Value], op: format::BinaryOpKind) -> PyResult<Value> {
    let o = live(vm, &this(a))?;
    let other = unwrap_arg(vm, &a.get(1).cloned().unwrap_or(Value::None))?;
    crate::ops::binary_op(vm, op, &o, &other)
}

fn proxy_add(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    proxy_binop(vm, &a, format::BinaryOpKind::Add)
}
fn proxy_sub(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    proxy_binop(vm, &a, format::BinaryOpKind::Subtract)
}
fn proxy_mul(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    proxy_binop(vm, &a, format::BinaryOpKind::Multiply)
}

fn proxy_hash(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = vm.type_name(&this(&a));
    Err(vm.type_error(format!("unhashable type: 'weakref.{n}'")))
}

fn proxy_call(vm: &mut Vm, mut a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let o = live(vm, &this(&a))?;
    a.remove(0);
    vm.call(&o, a, k)
}

fn proxy(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let Some(ob) = arg(&a, &k, 0, "object") else {
        return Err(vm.type_error("proxy expected at least 1 argument, got 0"));
    };
    let cb = arg(&a, &k, 1, "callback").unwrap_or(Value::None);
    let t = types(vm);
    let callable = match &ob {
        Value::Func(_) | Value::Type(_) => true,
        Value::Obj(o) => matches!(&**o, Object::Builtin(_) | Object::Method { .. }),
        Value::Inst(_) => vm.type_of(&ob).lookup(&vm.t.s_call.clone()).is_some(),
        _ => false,
    };
    let cls = if callable { t.callable_proxy.clone() } else { t.proxy.clone() };
    make_ref(vm, &cls, &ob, cb, &cls)
}

fn getweakrefcount(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    run_pending(vm);
    let ob = this(&a);
    if target_of(vm, &ob).is_err() {
        return Ok(Value::Int(0));
    }
    Ok(Value::Int(refs_to(ob.id() as usize).len() as i64))
}

fn getweakrefs(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    run_pending(vm);
    let ob = this(&a);
    if target_of(vm, &ob).is_err() {
        return Ok(Value::list(vec![]));
    }
    Ok(Value::list(refs_to(ob.id() as usize)))
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a dead weak reference.
fn remove_dead_weakref(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = this(&a);
    let key = a.get(1).cloned().unwrap_or(Value::None);
    let Value::Dict(_) = &d else {
        return Err(vm.type_error("_remove_dead_weakref() argument 1 must be dict"));
    };
    let cur = match crate::ops::getitem(vm, &d, &key) {
        Ok(v) => v,
        Err(e) => {
            let ke = vm.t.key_error.clone();
            if vm.exc_matches(&e, &ke) {
                return Ok(Value::None);
            }
            return Err(e);
        }
    };
    let t = types(vm);
    if matches!(&cur, Value::Inst(i) if i.class().is_subtype(&t.reference)) && referent(vm, &cur)?.is_none() {
        crate::ops::delitem(vm, &d, &key)?;
    }
    Ok(Value::None)
}

/// Builds the `_weakref` module.
pub fn make(vm: &mut Vm) -> Value {
    let t = types(vm);
    let (m, d) = super::new_module("_weakref");
    let mut d = d.borrow_mut();
    d.set_str(s("ref"), Value::Type(t.reference.clone()));
    d.set_str(s("ReferenceType"), Value::Type(t.reference.clone()));
    d.set_str(s("ProxyType"), Value::Type(t.proxy.clone()));
    d.set_str(s("CallableProxyType"), Value::Type(t.callable_proxy.clone()));
    d.set_str(s("proxy"), native("proxy", proxy));
    d.set_str(s("getweakrefcount"), native("getweakrefcount", getweakrefcount));
    d.set_str(s("getweakrefs"), native("getweakrefs", getweakrefs));
    d.set_str(s("_remove_dead_weakref"), native("_remove_dead_weakref", remove_dead_weakref));
    m
}
