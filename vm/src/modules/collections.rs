//! The `_collections` module: `deque` (a native class over a `VecDeque`, with CPython's
//! methods, messages, reprs and "deque mutated during iteration" checks), its iterators,
//! `defaultdict` (a native dict subclass whose `default_factory` is a slot, as in CPython),
//! `_count_elements` (Counter's fast path) and `_tuplegetter` (namedtuple field accessors).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use format::CompareOpKind;

use crate::native_class::{new_class, new_instance, with_data};
use crate::object::{NativeFn, Object, Type};
use crate::ops;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

/// The contents of a deque, shared with its iterators.
struct DequeInner {
    items: VecDeque<Value>,
    maxlen: Option<usize>,
    /// Bumped by every mutation that invalidates iterators.
    state: u64,
}

type DequeRef = Rc<RefCell<DequeInner>>;

/// A deque iterator (forward or reversed).
struct DequeIter {
    d: DequeRef,
    idx: usize,
    state: u64,
    counter: usize,
    reverse: bool,
}

/// A `_tuplegetter(index, doc)` descriptor.
struct TupleGetter {
    index: usize,
}

struct Classes {
    deque: Rc<Type>,
    iter: Rc<Type>,
    riter: Rc<Type>,
    defaultdict: Rc<Type>,
    tuplegetter: Rc<Type>,
}

thread_local! {
    static CLASSES: RefCell<Option<Rc<Classes>>> = const { RefCell::new(None) };
}

fn classes(vm: &mut Vm) -> Rc<Classes> {
    if let Some(c) = CLASSES.with(|c| c.borrow().clone()) {
        return c;
    }
    let dm: &[(&'static str, NativeFn)] = &[
        ("__new__", deque_new),
        ("__init__", deque_init),
        ("append", d_append),
        ("appendleft", d_appendleft),
        ("pop", d_pop),
        ("popleft", d_popleft),
        ("extend", d_extend),
        ("extendleft", d_extendleft),
        ("rotate", d_rotate),
        ("clear", d_clear),
        ("count", d_count),
        ("index", d_index),
        ("insert", d_insert),
        ("remove", d_remove),
        ("reverse", d_reverse),
        ("copy", d_copy),
        ("__copy__", d_copy),
        ("__len__", d_len),
        ("__bool__", d_bool),
        ("__getitem__", d_getitem),
        ("__setitem__", d_setitem),
        ("__delitem__", d_delitem),
        ("__contains__", d_contains),
        ("__iter__", d_iter),
        ("__reversed__", d_reversed),
        ("__repr__", d_repr),
        ("__eq__", d_eq),
        ("__ne__", d_ne),
        ("__lt__", d_lt),
        ("__le__", d_le),
        ("__gt__", d_gt),
        ("__ge__", d_ge),
        ("__add__", d_add),
        ("__iadd__", d_iadd),
        ("__mul__", d_mul),
        ("__rmul__", d_mul),
        ("__imul__", d_imul),
        ("__reduce__", d_reduce),
    ];
    let maxlen = Value::obj(Object::Property {
        fget: native("maxlen", d_maxlen),
        fset: Value::None,
        fdel: Value::None,
        doc: Value::None,
    });
    let cgi = Value::obj(Object::ClassMethod(native("__class_getitem__", class_getitem)));
    let deque = new_class(
        vm,
        "collections",
        "deque",
        &[],
        dm,
        vec![("maxlen", maxlen), ("__hash__", Value::None), ("__class_getitem__", cgi.clone())],
    );
    let im: &[(&'static str, NativeFn)] =
        &[("__iter__", iter_self), ("__next__", it_next), ("__length_hint__", it_length_hint)];
    let iter = new_class(vm, "_collections", "_deque_iterator", &[], im, vec![]);
    let riter = new_class(vm, "_collections", "_deque_reverse_iterator", &[], im, vec![]);
    let ddm: &[(&'static str, NativeFn)] = &[
        ("__init__", dd_init),
        ("__missing__", dd_missing),
        ("__repr__", dd_repr),
        ("copy", dd_copy),
        ("__copy__", dd_copy),
        ("__reduce__", dd_reduce),
        ("__or__", dd_or),
        ("__ror__", dd_ror),
    ];
    let dict = vm.t.dict.clone();
    let slots = Value::tuple(vec![Value::str("default_factory")]);
    let defaultdict = new_class(
        vm,
        "collections",
        "defaultdict",
        &[dict],
        ddm,
        vec![("__slots__", slots), ("__class_getitem__", cgi)],
    );
    let tgm: &[(&'static str, NativeFn)] =
        &[("__new__", tg_new), ("__get__", tg_get), ("__set__", tg_set), ("__repr__", tg_repr)];
    let tuplegetter = new_class(vm, "_collections", "_tuplegetter", &[], tgm, vec![]);
    let c = Rc::new(Classes { deque, iter, riter, defaultdict, tuplegetter });
    CLASSES.with(|x| *x.borrow_mut() = Some(c.clone()));
    c
}

fn class_getitem(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(a.into_iter().next().unwrap_or(Value::None))
}

fn iter_self(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(a.into_iter().next().unwrap_or(Value::None))
}

// ---- deque --------------------------------------------------------------------------------

fn this(a: &[Value]) -> Value {
    a.first().cloned().unwrap_or(Value::None)
}

fn dq(vm: &mut Vm, v: &Value) -> PyResult<DequeRef> {
    match with_data(vm, v, "deque", |d: &mut DequeRef| d.clone()) {
        Ok(d) => Ok(d),
        Err(_) => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("descriptor requires a 'collections.deque' object but received a '{n}'")))
        }
    }
}

fn is_deque(vm: &mut Vm, v: &Value) -> bool {
    let c = classes(vm);
    vm.type_of(v).is_subtype(&c.deque) && crate::native_class::has_data::<DequeRef>(v)
}

fn new_deque_ref(maxlen: Option<usize>) -> DequeRef {
    Rc::new(RefCell::new(DequeInner { items: VecDeque::new(), maxlen, state: 0 }))
}

fn deque_new(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let cls = match a.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => classes(vm).deque.clone(),
    };
    Ok(new_instance(&cls, new_deque_ref(None)))
}

fn maxlen_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let n = crate::types::to_index(vm, v)?;
            if n < 0 {
                return Err(vm.value_error("maxlen must be non-negative"));
            }
            Ok(Some(n as usize))
        }
    }
}

fn deque_init(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let b = crate::types::args::bind(vm, "deque", &a[1..], &k, &["iterable", "maxlen"], 0, 0, 2)?;
    let maxlen = maxlen_arg(vm, b[1].as_ref())?;
    let d = dq(vm, &me)?;
    {
        let mut d = d.borrow_mut();
        d.maxlen = maxlen;
        if !d.items.is_empty() {
            d.items.clear();
            d.state += 1;
        }
    }
    if let Some(it) = &b[0] {
        extend(vm, &d, it, false)?;
    }
    Ok(Value::None)
}

fn push(d: &mut DequeInner, v: Value, left: bool) {
    if d.maxlen == Some(0) {
        return;
    }
    d.state += 1;
    if left {
        d.items.push_front(v);
        if d.maxlen.is_some_and(|m| d.items.len() > m) {
            d.items.pop_back();
        }
    } else {
        d.items.push_back(v);
        if d.maxlen.is_some_and(|m| d.items.len() > m) {
            d.items.pop_front();
        }
    }
}

fn extend(vm: &mut Vm, d: &DequeRef, it: &Value, left: bool) -> PyResult<()> {
    // Extending a deque with itself (or any list/tuple) copies the items first.
    let fixed: Option<Vec<Value>> = match it {
        Value::List(l) => Some(l.borrow().clone()),
        Value::Tuple(t) => Some((**t).clone()),
        Value::Inst(_) if crate::native_class::has_data::<DequeRef>(it) => {
            let o = dq(vm, it)?;
            let v: Vec<Value> = o.borrow().items.iter().cloned().collect();
            Some(v)
        }
        _ => None,
    };
    if let Some(v) = fixed {
        let mut d = d.borrow_mut();
        for x in v {
            push(&mut d, x, left);
        }
        return Ok(());
    }
    let iter = ops::iter(vm, it)?;
    while let Some(x) = ops::next(vm, &iter)? {
        push(&mut d.borrow_mut(), x, left);
    }
    Ok(())
}

fn d_append(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "append", &a[1..], &k, 1, 1)?;
    let d = dq(vm, &a[0])?;
    push(&mut d.borrow_mut(), a[1].clone(), false);
    Ok(Value::None)
}

fn d_appendleft(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "appendleft", &a[1..], &k, 1, 1)?;
    let d = dq(vm, &a[0])?;
    push(&mut d.borrow_mut(), a[1].clone(), true);
    Ok(Value::None)
}

fn d_pop(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "pop", &a[1..], &k, 0, 0)?;
    let d = dq(vm, &a[0])?;
    let r = {
        let mut d = d.borrow_mut();
        d.state += 1;
        d.items.pop_back()
    };
    r.ok_or_else(|| vm.index_error("pop from an empty deque"))
}

fn d_popleft(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "popleft", &a[1..], &k, 0, 0)?;
    let d = dq(vm, &a[0])?;
    let r = {
        let mut d = d.borrow_mut();
        d.state += 1;
        d.items.pop_front()
    };
    r.ok_or_else(|| vm.index_error("pop from an empty deque"))
}

fn d_extend(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "extend", &a[1..], &k, 1, 1)?;
    let d = dq(vm, &a[0])?;
    extend(vm, &d, &a[1], false)?;
    Ok(Value::None)
}

fn d_extendleft(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "extendleft", &a[1..], &k, 1, 1)?;
    let d = dq(vm, &a[0])?;
    extend(vm, &d, &a[1], true)?;
    Ok(Value::None)
}

fn d_rotate(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "rotate", &a[1..], &k, 0, 1)?;
    let n = match a.get(1) {
        Some(v) => crate::types::to_index(vm, v)?,
        None => 1,
    };
    let d = dq(vm, &a[0])?;
    let mut d = d.borrow_mut();
    let len = d.items.len() as i64;
    if len > 1 {
        d.state += 1;
        let r = n.rem_euclid(len) as usize;
        d.items.rotate_right(r);
    }
    Ok(Value::None)
}

fn d_clear(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "clear", &a[1..], &k, 0, 0)?;
    let d = dq(vm, &a[0])?;
    let old = {
        let mut d = d.borrow_mut();
        d.state += 1;
        std::mem::take(&mut d.items)
    };
    drop(old);
    Ok(Value::None)
}

fn snapshot(d: &DequeRef) -> (Vec<Value>, u64) {
    let d = d.borrow();
    (d.items.iter().cloned().collect(), d.state)
}

fn d_count(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "count", &a[1..], &k, 1, 1)?;
    let d = dq(vm, &a[0])?;
    let (items, state) = snapshot(&d);
    let mut n = 0;
    for x in items {
        if x.is(&a[1]) || ops::eq(vm, &x, &a[1])? {
            n += 1;
        }
        if d.borrow().state != state {
            return Err(vm.runtime_error("deque mutated during iteration"));
        }
    }
    Ok(Value::Int(n))
}

fn clamp_index(vm: &mut Vm, v: Option<&Value>, len: i64, default: i64) -> PyResult<i64> {
    let Some(v) = v else { return Ok(default) };
    let mut i = crate::types::to_index(vm, v)?;
    if i < 0 {
        i += len;
        if i < 0 {
            i = 0;
        }
    }
    Ok(i.min(len))
}

fn d_index(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "index", &a[1..], &k, 1, 3)?;
    let d = dq(vm, &a[0])?;
    let (items, state) = snapshot(&d);
    let len = items.len() as i64;
    let start = clamp_index(vm, a.get(2), len, 0)?;
    let stop = clamp_index(vm, a.get(3), len, len)?;
    let mut i = start;
    while i < stop {
        let x = &items[i as usize];
        if x.is(&a[1]) || ops::eq(vm, x, &a[1])? {
            return Ok(Value::Int(i));
        }
        if d.borrow().state != state {
            return Err(vm.runtime_error("deque mutated during iteration"));
        }
        i += 1;
    }
    let r = ops::repr(vm, &a[1])?;
    Err(vm.value_error(format!("{r} is not in deque")))
}

fn d_insert(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "insert", &a[1..], &k, 2, 2)?;
    let i = crate::types::to_index(vm, &a[1])?;
    let d = dq(vm, &a[0])?;
    let full = {
        let d = d.borrow();
        d.maxlen.is_some_and(|m| d.items.len() >= m)
    };
    if full {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    let mut d = d.borrow_mut();
    let len = d.items.len() as i64;
    let mut i = if i < 0 { i + len } else { i };
    i = i.clamp(0, len);
    d.state += 1;
    d.items.insert(i as usize, a[2].clone());
    Ok(Value::None)
}

fn d_remove(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "remove", &a[1..], &k, 1, 1)?;
    let d = dq(vm, &a[0])?;
    let (items, state) = snapshot(&d);
    for (i, x) in items.iter().enumerate() {
        let eq = x.is(&a[1]) || ops::eq(vm, x, &a[1])?;
        if d.borrow().state != state {
            return Err(vm.index_error("deque mutated during remove()."));
        }
        if eq {
            let mut d = d.borrow_mut();
            d.state += 1;
            d.items.remove(i);
            return Ok(Value::None);
        }
    }
    let r = ops::repr(vm, &a[1])?;
    Err(vm.value_error(format!("{r} is not in deque")))
}

fn d_reverse(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "reverse", &a[1..], &k, 0, 0)?;
    let d = dq(vm, &a[0])?;
    let mut d = d.borrow_mut();
    d.items.make_contiguous().reverse();
    Ok(Value::None)
}

/// A new deque of the same class as `me` (`type(me)(items, maxlen)` for subclasses).
fn same_kind(vm: &mut Vm, me: &Value, items: Vec<Value>, maxlen: Option<usize>) -> PyResult<Value> {
    let c = classes(vm);
    let t = vm.type_of(me);
    if Rc::ptr_eq(&t, &c.deque) {
        let r = new_deque_ref(maxlen);
        {
            let mut rb = r.borrow_mut();
            for x in items {
                push(&mut rb, x, false);
            }
        }
        return Ok(new_instance(&c.deque, r));
    }
    let ml = maxlen.map(|m| Value::Int(m as i64)).unwrap_or(Value::None);
    let args = if maxlen.is_some() { vec![Value::list(items), ml] } else { vec![Value::list(items)] };
    vm.call(&Value::Type(t), args, Vec::new())
}

fn d_copy(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "copy", &a[1..], &k, 0, 0)?;
    let d = dq(vm, &a[0])?;
    let (items, _) = snapshot(&d);
    let maxlen = d.borrow().maxlen;
    same_kind(vm, &a[0], items, maxlen)
}

fn d_len(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = dq(vm, &this(&a))?;
    let n = d.borrow().items.len();
    Ok(Value::Int(n as i64))
}

fn d_bool(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = dq(vm, &this(&a))?;
    let n = d.borrow().items.len();
    Ok(Value::Bool(n > 0))
}

fn d_maxlen(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = dq(vm, &this(&a))?;
    let m = d.borrow().maxlen;
    Ok(m.map(|m| Value::Int(m as i64)).unwrap_or(Value::None))
}

fn item_index(vm: &mut Vm, k: &Value, len: usize) -> PyResult<usize> {
    let is_idx =
        crate::num::is_int(k) || (matches!(k, Value::Inst(_)) && vm.type_of(k).lookup(&s("__index__")).is_some());
    if !is_idx {
        let n = vm.type_name(k);
        return Err(vm.type_error(format!("sequence index must be integer, not '{n}'")));
    }
    let i = crate::types::to_index(vm, k)?;
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error("deque index out of range"));
    }
    Ok(j as usize)
}

fn d_getitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = dq(vm, &this(&a))?;
    let len = d.borrow().items.len();
    let i = item_index(vm, a.get(1).unwrap_or(&Value::None), len)?;
    let v = d.borrow().items.get(i).cloned();
    v.ok_or_else(|| vm.index_error("deque index out of range"))
}

fn d_setitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = dq(vm, &this(&a))?;
    let len = d.borrow().items.len();
    let i = item_index(vm, a.get(1).unwrap_or(&Value::None), len)?;
    let v = a.get(2).cloned().unwrap_or(Value::None);
    let old = d.borrow_mut().items.get_mut(i).map(|slot| std::mem::replace(slot, v));
    drop(old);
    Ok(Value::None)
}

fn d_delitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = dq(vm, &this(&a))?;
    let len = d.borrow().items.len();
    let i = item_index(vm, a.get(1).unwrap_or(&Value::None), len)?;
    let old = {
        let mut d = d.borrow_mut();
        d.state += 1;
        d.items.remove(i)
    };
    drop(old);
    Ok(Value::None)
}

fn d_contains(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = dq(vm, &this(&a))?;
    let x = a.get(1).cloned().unwrap_or(Value::None);
    let (items, state) = snapshot(&d);
    for y in items {
        if y.is(&x) || ops::eq(vm, &y, &x)? {
            return Ok(Value::Bool(true));
        }
        if d.borrow().state != state {
            return Err(vm.runtime_error("deque mutated during iteration"));
        }
    }
    Ok(Value::Bool(false))
}

fn make_iter(vm: &mut Vm, a: &[Value], reverse: bool) -> PyResult<Value> {
    let d = dq(vm, &this(a))?;
    let (state, counter) = {
        let b = d.borrow();
        (b.state, b.items.len())
    };
    let c = classes(vm);
    let cls = if reverse { c.riter.clone() } else { c.iter.clone() };
    Ok(new_instance(&cls, DequeIter { d, idx: 0, state, counter, reverse }))
}

fn d_iter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    make_iter(vm, &a, false)
}

fn d_reversed(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    make_iter(vm, &a, true)
}

fn it_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    // Ok(Some(v)): item; Ok(None): exhausted; Err(()): mutated.
    let r = with_data(vm, &me, "__next__", |it: &mut DequeIter| {
        let d = it.d.borrow();
        if d.state != it.state {
            it.counter = 0;
            return Err(());
        }
        if it.counter == 0 {
            return Ok(None);
        }
        let n = d.items.len();
        let v = if it.reverse { d.items.get(n - 1 - it.idx).cloned() } else { d.items.get(it.idx).cloned() };
        it.idx += 1;
        it.counter -= 1;
        Ok(v)
    })?;
    match r {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(vm.stop_iteration(Value::None)),
        Err(()) => Err(vm.runtime_error("deque mutated during iteration")),
    }
}

fn it_length_hint(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = with_data(vm, &this(&a), "__length_hint__", |it: &mut DequeIter| it.counter)?;
    Ok(Value::Int(n as i64))
}

fn d_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let id = me.id();
    if vm.repr_guard.contains(&id) {
        return Ok(Value::str("[...]"));
    }
    let d = dq(vm, &me)?;
    let (items, _) = snapshot(&d);
    let maxlen = d.borrow().maxlen;
    vm.repr_guard.push(id);
    let r = ops::repr(vm, &Value::list(items));
    vm.repr_guard.pop();
    let r = r?;
    let name = vm.type_of(&me).name();
    Ok(Value::str(match maxlen {
        Some(m) => format!("{name}({r}, maxlen={m})"),
        None => format!("{name}({r})"),
    }))
}

fn compare(vm: &mut Vm, a: &[Value], op: CompareOpKind) -> PyResult<Value> {
    let me = this(a);
    let other = a.get(1).cloned().unwrap_or(Value::None);
    if !is_deque(vm, &other) {
        return Ok(Value::NotImplemented);
    }
    let x = snapshot(&dq(vm, &me)?).0;
    let y = snapshot(&dq(vm, &other)?).0;
    if matches!(op, CompareOpKind::Eq | CompareOpKind::Ne) && x.len() != y.len() {
        return Ok(Value::Bool(op == CompareOpKind::Ne));
    }
    Ok(Value::Bool(crate::types::seq_compare(vm, op, &x, &y)?))
}

fn d_eq(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, CompareOpKind::Eq)
}
fn d_ne(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, CompareOpKind::Ne)
}
fn d_lt(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, CompareOpKind::Lt)
}
fn d_le(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, CompareOpKind::Le)
}
fn d_gt(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, CompareOpKind::Gt)
}
fn d_ge(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, CompareOpKind::Ge)
}

fn d_add(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let other = a.get(1).cloned().unwrap_or(Value::None);
    if !is_deque(vm, &other) {
        let n = vm.type_name(&other);
        return Err(vm.type_error(format!("can only concatenate deque (not \"{n}\") to deque")));
    }
    let d = dq(vm, &me)?;
    let (mut items, _) = snapshot(&d);
    items.extend(snapshot(&dq(vm, &other)?).0);
    let maxlen = d.borrow().maxlen;
    same_kind(vm, &me, items, maxlen)
}

fn d_iadd(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let d = dq(vm, &me)?;
    extend(vm, &d, a.get(1).unwrap_or(&Value::None), false)?;
    Ok(me)
}

fn repeat_into(vm: &mut Vm, d: &DequeRef, n: &Value) -> PyResult<()> {
    let n = crate::types::to_index(vm, n)?;
    let (items, _) = snapshot(d);
    let maxlen = d.borrow().maxlen;
    let len = items.len() as u128;
    let total = if n <= 0 { 0 } else { len * n as u128 };
    let keep = maxlen.map_or(total, |m| (m as u128).min(total));
    if keep > 1 << 32 {
        let t = vm.t.memory_error.clone();
        return Err(crate::exceptions::make_exc(&t, Value::tuple(vec![])));
    }
    let start = total - keep;
    let new: VecDeque<Value> = (start..total).map(|i| items[(i % len) as usize].clone()).collect();
    let mut d = d.borrow_mut();
    d.state += 1;
    d.items = new;
    Ok(())
}

fn d_mul(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let n = a.get(1).cloned().unwrap_or(Value::None);
    if !crate::num::is_int(&n) && !matches!(n, Value::Inst(_)) {
        return Ok(Value::NotImplemented);
    }
    let d = dq(vm, &me)?;
    let (items, _) = snapshot(&d);
    let maxlen = d.borrow().maxlen;
    let copy = same_kind(vm, &me, items, maxlen)?;
    let cd = dq(vm, &copy)?;
    repeat_into(vm, &cd, &n)?;
    Ok(copy)
}

fn d_imul(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let n = a.get(1).cloned().unwrap_or(Value::None);
    if !crate::num::is_int(&n) && !matches!(n, Value::Inst(_)) {
        return Ok(Value::NotImplemented);
    }
    let d = dq(vm, &me)?;
    repeat_into(vm, &d, &n)?;
    Ok(me)
}

fn d_reduce(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let d = dq(vm, &me)?;
    let (items, _) = snapshot(&d);
    let maxlen = d.borrow().maxlen;
    let t = vm.type_of(&me);
    let ml = maxlen.map(|m| Value::Int(m as i64)).unwrap_or(Value::None);
    Ok(Value::tuple(vec![Value::Type(t), Value::tuple(vec![Value::list(items), ml])]))
}

// ---- defaultdict ----------------------------------------------------------------------------

fn factory(v: &Value) -> Value {
    match v {
        Value::Inst(i) => match i.slots.borrow().first() {
            Some(x) if !x.is_null() => x.clone(),
            _ => Value::None,
        },
        _ => Value::None,
    }
}

fn set_factory(v: &Value, f: Value) {
    if let Value::Inst(i) = v {
        if let Some(slot) = i.slots.borrow_mut().first_mut() {
            *slot = f;
        }
    }
}

fn is_callable(vm: &mut Vm, v: &Value) -> bool {
    match v {
        Value::Func(_) | Value::Type(_) => true,
        Value::Obj(o) => matches!(&**o, Object::Builtin(_) | Object::Method { .. }),
        Value::Inst(_) => vm.type_of(v).lookup(&vm.t.s_call.clone()).is_some(),
        _ => false,
    }
}

fn dd_init(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let f = a.get(1).cloned().unwrap_or(Value::None);
    if !f.is_none() && !is_callable(vm, &f) {
        return Err(vm.type_error("first argument must be callable or None"));
    }
    set_factory(&me, f);
    let d = crate::types::dict::this_dict(vm, Some(&me))?;
    let rest = if a.len() > 2 { &a[2..] } else { &[][..] };
    crate::types::dict::dict_update_from(vm, &d, rest, k)?;
    Ok(Value::None)
}

fn dd_missing(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let key = a.get(1).cloned().unwrap_or(Value::None);
    let f = factory(&me);
    if f.is_none() {
        return Err(vm.key_error(key));
    }
    let v = vm.call(&f, vec![], Vec::new())?;
    ops::setitem(vm, &me, &key, v.clone())?;
    Ok(v)
}

fn dd_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let f = factory(&me);
    let fr = if f.is_none() {
        "None".to_string()
    } else {
        let id = f.id();
        if vm.repr_guard.contains(&id) {
            "...".to_string()
        } else {
            vm.repr_guard.push(id);
            let r = ops::repr(vm, &f);
            vm.repr_guard.pop();
            r?
        }
    };
    let d = crate::types::dict::this_dict(vm, Some(&me))?;
    let dr = ops::repr(vm, &Value::Dict(d))?;
    let name = vm.type_of(&me).name();
    Ok(Value::str(format!("{name}({fr}, {dr})")))
}

fn dd_copy(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let t = vm.type_of(&me);
    let f = factory(&me);
    vm.call(&Value::Type(t), vec![f, me], Vec::new())
}

fn dd_reduce(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let t = vm.type_of(&me);
    let f = factory(&me);
    let args = if f.is_none() { Value::tuple(vec![]) } else { Value::tuple(vec![f]) };
    let d = crate::types::dict::this_dict(vm, Some(&me))?;
    let items = d.borrow().items();
    let items: Vec<Value> = items.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect();
    let it = ops::iter(vm, &Value::list(items))?;
    Ok(Value::tuple(vec![Value::Type(t), args, Value::None, Value::None, it]))
}

fn is_dict(vm: &mut Vm, v: &Value) -> bool {
    matches!(vm.payload(v), Value::Dict(_))
}

fn dd_or(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let other = a.get(1).cloned().unwrap_or(Value::None);
    if !is_dict(vm, &me) || !is_dict(vm, &other) {
        return Ok(Value::NotImplemented);
    }
    let new = dd_copy(vm, vec![me], Vec::new())?;
    let d = crate::types::dict::this_dict(vm, Some(&new))?;
    crate::types::dict::dict_update_from(vm, &d, &[other], Vec::new())?;
    Ok(new)
}

fn dd_ror(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let other = a.get(1).cloned().unwrap_or(Value::None);
    if !is_dict(vm, &me) || !is_dict(vm, &other) {
        return Ok(Value::NotImplemented);
    }
    let t = vm.type_of(&me);
    let f = factory(&me);
    let new = vm.call(&Value::Type(t), vec![f, other], Vec::new())?;
    let d = crate::types::dict::this_dict(vm, Some(&new))?;
    crate::types::dict::dict_update_from(vm, &d, &[me], Vec::new())?;
    Ok(new)
}

// ---- _count_elements, _tuplegetter ----------------------------------------------------------

fn count_elements(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "_count_elements", &a, &k, 2, 2)?;
    let mapping = a[0].clone();
    let fast = match vm.payload(&mapping) {
        Value::Dict(d) => {
            let t = vm.type_of(&mapping);
            let plain = !matches!(mapping, Value::Inst(_))
                || (ops::user_method(&t, &s("get")).is_none()
                    && ops::user_method(&t, &vm.t.s_setitem.clone()).is_none());
            if plain {
                Some(d)
            } else {
                None
            }
        }
        _ => None,
    };
    let it = ops::iter(vm, &a[1])?;
    match fast {
        Some(d) => {
            while let Some(x) = ops::next(vm, &it)? {
                let old = crate::types::dict::dict_get(vm, &d, &x)?;
                let new = match old {
                    None => Value::Int(1),
                    Some(Value::Int(n)) if n < i64::MAX => Value::Int(n + 1),
                    Some(o) => ops::binary_op(vm, format::BinaryOpKind::Add, &o, &Value::Int(1))?,
                };
                crate::types::dict::dict_set(vm, &d, x, new)?;
            }
        }
        None => {
            let get = crate::attr::getattr(vm, &mapping, &s("get"))?;
            while let Some(x) = ops::next(vm, &it)? {
                let old = vm.call(&get, vec![x.clone(), Value::Int(0)], Vec::new())?;
                let new = ops::binary_op(vm, format::BinaryOpKind::Add, &old, &Value::Int(1))?;
                ops::setitem(vm, &mapping, &x, new)?;
            }
        }
    }
    Ok(Value::None)
}

fn tg_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "_tuplegetter", &a[1..], &k, 2, 2)?;
    let cls = match &a[0] {
        Value::Type(t) => t.clone(),
        _ => classes(vm).tuplegetter.clone(),
    };
    let index = crate::types::to_index(vm, &a[1])?.max(0) as usize;
    let inst = new_instance(&cls, TupleGetter { index });
    if let Value::Inst(i) = &inst {
        i.dict.borrow_mut().set_str(s("__doc__"), a[2].clone());
    }
    Ok(inst)
}

fn tg_get(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let obj = a.get(1).cloned().unwrap_or(Value::None);
    if obj.is_none() {
        return Ok(me);
    }
    let index = with_data(vm, &me, "__get__", |g: &mut TupleGetter| g.index)?;
    match vm.payload(&obj) {
        Value::Tuple(t) => match t.get(index) {
            Some(v) => Ok(v.clone()),
            None => Err(vm.index_error("tuple index out of range")),
        },
        _ => {
            let n = vm.type_name(&obj);
            Err(vm.type_error(format!(
                "descriptor for index '{index}' for tuple subclasses doesn't apply to '{n}' object"
            )))
        }
    }
}

fn tg_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let index = with_data(vm, &me, "__repr__", |g: &mut TupleGetter| g.index)?;
    let doc = match &me {
        Value::Inst(i) => i.dict.borrow().get_str(&s("__doc__")).cloned().unwrap_or(Value::None),
        _ => Value::None,
    };
    let dr = ops::repr(vm, &doc)?;
    Ok(Value::str(format!("_tuplegetter({index}, {dr})")))
}

fn tg_set(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Err(vm.attr_error("can't set attribute"))
}

/// Builds the `_collections` module.
pub fn make(vm: &mut Vm) -> Value {
    let c = classes(vm);
    let (m, d) = super::new_module("_collections");
    let mut d = d.borrow_mut();
    d.set_str(s("deque"), Value::Type(c.deque.clone()));
    d.set_str(s("_deque_iterator"), Value::Type(c.iter.clone()));
    d.set_str(s("_deque_reverse_iterator"), Value::Type(c.riter.clone()));
    d.set_str(s("defaultdict"), Value::Type(c.defaultdict.clone()));
    d.set_str(s("_tuplegetter"), Value::Type(c.tuplegetter.clone()));
    d.set_str(s("_count_elements"), native("_count_elements", count_elements));
    m
}
