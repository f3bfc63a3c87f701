//! The iteration protocol: `iter()`, `next()`, and the built-in iterator kinds.

use std::cell::RefCell;

use crate::object::{IterKind, Object};
use crate::ops::{self, user_method};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Wraps an iterator state.
pub fn new_iter(k: IterKind) -> Value {
    Value::obj(Object::Iter(RefCell::new(k)))
}

/// `iter(v)`.
pub fn get_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Some(r) = crate::descr::meta_dunder(vm, v, "__iter__", vec![])? {
        return Ok(r);
    }
    Ok(match v {
        Value::List(_) | Value::Tuple(_) => new_iter(IterKind::Seq { seq: v.clone(), idx: 0 }),
        Value::Str(s) => new_iter(IterKind::Str { s: s.clone(), byte: 0 }),
        Value::Dict(d) => {
            let len = d.borrow().len();
            new_iter(IterKind::DictKeys { d: d.clone(), idx: 0, version: 0, len })
        }
        Value::Set(s) => {
            crate::types::set::normalize_order(s);
            let len = s.table.borrow().len();
            new_iter(IterKind::Set { set: s.clone(), idx: 0, len })
        }
        Value::Obj(o) => match &**o {
            Object::Generator(g) if g.kind != 0 => {
                let n = vm.type_name(v);
                return Err(vm.type_error(format!("'{n}' object is not iterable")));
            }
            Object::Iter(_) | Object::Generator(_) => v.clone(),
            Object::Range { start, stop, step } => new_iter(IterKind::Range { cur: *start, stop: *stop, step: *step }),
            Object::BigRange(r) => crate::types::range_slice::big_iter(r, false),
            Object::DictView(k, d) => {
                let len = d.borrow().len();
                let d = d.clone();
                new_iter(match k {
                    0 => IterKind::DictKeys { d, idx: 0, version: 0, len },
                    1 => IterKind::DictValues { d, idx: 0, version: 0, len },
                    _ => IterKind::DictItems { d, idx: 0, version: 0, len },
                })
            }
            Object::Bytes(_) | Object::ByteArray(_) => new_iter(IterKind::Seq { seq: v.clone(), idx: 0 }),
            Object::Stream(_) => crate::modules::sys::stream_lines(v),
            _ => return Err(not_iterable(vm, v)),
        },
        Value::Inst(_) => {
            let ty = vm.type_of(v);
            if let Some(f) = user_method(&ty, &vm.t.s_iter.clone()) {
                let r = vm.call_descr(&f, v, vec![v.clone()])?;
                let rt = vm.type_of(&r);
                let ok = match &r {
                    Value::Obj(o) => matches!(&**o, Object::Iter(_) | Object::Generator(_)),
                    Value::Inst(_) => rt.lookup(&vm.t.s_next.clone()).is_some(),
                    _ => false,
                };
                if !ok {
                    return Err(vm.type_error(format!("iter() returned non-iterator of type '{}'", rt.name())));
                }
                return Ok(r);
            }
            let p = vm.payload(v);
            if !matches!(p, Value::Inst(_)) {
                return get_iter(vm, &p);
            }
            if user_method(&ty, &vm.t.s_getitem.clone()).is_some() {
                return Ok(new_iter(IterKind::Seq { seq: v.clone(), idx: 0 }));
            }
            return Err(not_iterable(vm, v));
        }
        Value::Type(t) => {
            // Metaclass __iter__ (e.g. Enum-like classes).
            let meta = vm.type_of(v);
            if let Some(f) = user_method(&meta, &vm.t.s_iter.clone()) {
                return vm.call_descr(&f, v, vec![v.clone()]);
            }
            let _ = t;
            return Err(not_iterable(vm, v));
        }
        _ => return Err(not_iterable(vm, v)),
    })
}

fn not_iterable(vm: &mut Vm, v: &Value) -> Value {
    let n = vm.type_name(v);
    vm.type_error(format!("'{n}' object is not iterable"))
}

/// Advances built-in iterators that need no Python code. `None` = take the slow path.
#[inline]
pub fn fast_next(st: &mut IterKind) -> Option<Option<Value>> {
    match st {
        IterKind::Range { cur, stop, step } => {
            if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                let v = *cur;
                *cur = cur.wrapping_add(*step);
                Some(Some(Value::Int(v)))
            } else {
                Some(None)
            }
        }
        IterKind::Seq { seq, idx } => match seq {
            Value::List(l) => {
                let l = l.borrow();
                if *idx < l.len() {
                    let v = l[*idx].clone();
                    *idx += 1;
                    Some(Some(v))
                } else {
                    *idx = usize::MAX / 2;
                    Some(None)
                }
            }
            Value::Tuple(t) => {
                if *idx < t.len() {
                    let v = t[*idx].clone();
                    *idx += 1;
                    Some(Some(v))
                } else {
                    Some(None)
                }
            }
            Value::Obj(o) => match &**o {
                Object::Bytes(b) => {
                    let r = b.get(*idx).map(|x| Value::Int(*x as i64));
                    *idx += 1;
                    Some(r)
                }
                Object::ByteArray(b) => {
                    let r = b.borrow().get(*idx).map(|x| Value::Int(*x as i64));
                    *idx += 1;
                    Some(r)
                }
                _ => None,
            },
            _ => None,
        },
        IterKind::Str { s, byte } => {
            let rest = &s.as_str()[*byte..];
            match rest.chars().next() {
                Some(c) => {
                    *byte += c.len_utf8();
                    let mut buf = [0u8; 4];
                    Some(Some(Value::str(&*c.encode_utf8(&mut buf))))
                }
                None => Some(None),
            }
        }
        IterKind::Vec { items, idx } => {
            let r = items.get(*idx).cloned();
            *idx += 1;
            Some(r)
        }
        IterKind::Done => Some(None),
        _ => None,
    }
}

/// `next(it)`: Ok(None) when exhausted.
pub fn next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    match it {
        Value::Obj(o) => match &**o {
            Object::Iter(st) => {
                if let Some(r) = fast_next(&mut st.borrow_mut()) {
                    return Ok(r);
                }
                slow_next(vm, st)
            }
            Object::Generator(g) if g.kind != 0 => {
                let n = vm.type_name(it);
                return Err(vm.type_error(format!("'{n}' object is not an iterator")));
            }
            Object::Generator(_) => match crate::generator::resume(vm, o, Value::None, None)? {
                (true, v) => Ok(Some(v)),
                (false, _) => Ok(None),
            },
            _ => Err(not_iterator(vm, it)),
        },
        Value::Inst(_) => {
            let ty = vm.type_of(it);
            let Some(f) = ty.lookup(&vm.t.s_next.clone()) else {
                return Err(not_iterator(vm, it));
            };
            match vm.call_descr(&f, it, vec![it.clone()]) {
                Ok(v) => Ok(Some(v)),
                Err(e) => {
                    let si = vm.t.stop_iteration.clone();
                    if vm.exc_matches(&e, &si) {
                        Ok(None)
                    } else {
                        Err(e)
                    }
                }
            }
        }
        _ => Err(not_iterator(vm, it)),
    }
}

fn not_iterator(vm: &mut Vm, v: &Value) -> Value {
    let n = vm.type_name(v);
    vm.type_error(format!("'{n}' object is not an iterator"))
}

fn slow_next(vm: &mut Vm, st: &RefCell<IterKind>) -> PyResult<Option<Value>> {
    // Take what we need out of the state without holding the borrow across Python calls.
    enum Step {
        SeqGet(Value, usize),
        Dict(u8, crate::value::DictRef, usize, usize),
        Set(std::rc::Rc<crate::value::SetObj>, usize, usize),
        Rev(Value, isize),
        Enum(Value, Value),
        Zip(Vec<Value>, bool),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
        Call(Value, Value),
    }
    let step = {
        let s = st.borrow();
        match &*s {
            IterKind::Seq { seq, idx } => Step::SeqGet(seq.clone(), *idx),
            IterKind::DictKeys { d, idx, len, .. } => Step::Dict(0, d.clone(), *idx, *len),
            IterKind::DictValues { d, idx, len, .. } => Step::Dict(1, d.clone(), *idx, *len),
            IterKind::DictItems { d, idx, len, .. } => Step::Dict(2, d.clone(), *idx, *len),
            IterKind::Set { set, idx, len } => Step::Set(set.clone(), *idx, *len),
            IterKind::Reversed { seq, idx } => Step::Rev(seq.clone(), *idx),
            IterKind::Enumerate { it, n } => Step::Enum(it.clone(), n.clone()),
            IterKind::Zip { its, strict } => Step::Zip(its.clone(), *strict),
            IterKind::Map { f, its } => Step::Map(f.clone(), its.clone()),
            IterKind::Filter { f, it } => Step::Filter(f.clone(), it.clone()),
            IterKind::Callable { f, sentinel } => Step::Call(f.clone(), sentinel.clone()),
            _ => return Ok(None),
        }
    };
    match step {
        Step::SeqGet(seq, idx) => match ops::getitem(vm, &seq, &Value::Int(idx as i64)) {
            Ok(v) => {
                if let IterKind::Seq { idx, .. } = &mut *st.borrow_mut() {
                    *idx += 1;
                }
                Ok(Some(v))
            }
            Err(e) => {
                let ie = vm.t.index_error.clone();
                let si = vm.t.stop_iteration.clone();
                if vm.exc_matches(&e, &ie) || vm.exc_matches(&e, &si) {
                    *st.borrow_mut() = IterKind::Done;
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        },
        Step::Dict(kind, d, mut idx, len) => {
            let db = d.borrow();
            if db.len() != len {
                drop(db);
                *st.borrow_mut() = IterKind::Done;
                return Err(vm.runtime_error("dictionary changed size during iteration"));
            }
            while idx < db.capacity_index() {
                if let Some(e) = db.entry_at(idx) {
                    let v = match kind {
                        0 => e.key.clone(),
                        1 => e.value.clone(),
                        _ => Value::tuple(vec![e.key.clone(), e.value.clone()]),
                    };
                    drop(db);
                    match &mut *st.borrow_mut() {
                        IterKind::DictKeys { idx: i, .. }
                        | IterKind::DictValues { idx: i, .. }
                        | IterKind::DictItems { idx: i, .. } => *i = idx + 1,
                        _ => {}
                    }
                    return Ok(Some(v));
                }
                idx += 1;
            }
            drop(db);
            *st.borrow_mut() = IterKind::Done;
            Ok(None)
        }
        Step::Set(set, mut idx, len) => {
            let tb = set.table.borrow();
            if tb.len() != len {
                drop(tb);
                *st.borrow_mut() = IterKind::Done;
                return Err(vm.runtime_error("Set changed size during iteration"));
            }
            while idx < tb.capacity_index() {
                if let Some(e) = tb.entry_at(idx) {
                    let v = e.key.clone();
                    drop(tb);
                    if let IterKind::Set { idx: i, .. } = &mut *st.borrow_mut() {
                        *i = idx + 1;
                    }
                    return Ok(Some(v));
                }
                idx += 1;
            }
            drop(tb);
            *st.borrow_mut() = IterKind::Done;
            Ok(None)
        }
        Step::Rev(seq, idx) => {
            if idx < 0 {
                return Ok(None);
            }
            let v = match ops::getitem(vm, &seq, &Value::Int(idx as i64)) {
                Ok(v) => v,
                Err(e) => {
                    let ie = vm.t.index_error.clone();
                    if vm.exc_matches(&e, &ie) {
                        *st.borrow_mut() = IterKind::Done;
                        return Ok(None);
                    }
                    return Err(e);
                }
            };
            if let IterKind::Reversed { idx: i, .. } = &mut *st.borrow_mut() {
                *i -= 1;
            }
            Ok(Some(v))
        }
        Step::Enum(it, n) => match next(vm, &it)? {
            Some(v) => {
                let n2 = crate::ops::binary_op(vm, format::BinaryOpKind::Add, &n, &Value::Int(1))?;
                if let IterKind::Enumerate { n: nn, .. } = &mut *st.borrow_mut() {
                    *nn = n2;
                }
                Ok(Some(Value::tuple(vec![n, v])))
            }
            None => Ok(None),
        },
        Step::Zip(its, strict) => {
            if its.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for (i, it) in its.iter().enumerate() {
                match next(vm, it)? {
                    Some(v) => out.push(v),
                    None => {
                        *st.borrow_mut() = IterKind::Done;
                        if strict {
                            if i > 0 {
                                let s = if i == 1 { " " } else { "s 1-" };
                                return Err(vm.value_error(format!(
                                    "zip() argument {} is shorter than argument{s}{}",
                                    i + 1,
                                    i
                                )));
                            }
                            for (j, other) in its.iter().enumerate().skip(1) {
                                if next(vm, other)?.is_some() {
                                    let s = if j == 1 { " " } else { "s 1-" };
                                    return Err(vm.value_error(format!(
                                        "zip() argument {} is longer than argument{s}{}",
                                        j + 1,
                                        j
                                    )));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(Value::tuple(out)))
        }
        Step::Map(f, its) => {
            let mut args = Vec::with_capacity(its.len());
            for it in &its {
                match next(vm, it)? {
                    Some(v) => args.push(v),
                    None => {
                        *st.borrow_mut() = IterKind::Done;
                        return Ok(None);
                    }
                }
            }
            vm.call0(&f, args).map(Some)
        }
        Step::Filter(f, it) => loop {
            match next(vm, &it)? {
                Some(v) => {
                    let keep = if f.is_none() {
                        ops::truthy(vm, &v)?
                    } else {
                        let r = vm.call0(&f, vec![v.clone()])?;
                        ops::truthy(vm, &r)?
                    };
                    if keep {
                        return Ok(Some(v));
                    }
                }
                None => return Ok(None),
            }
        },
        Step::Call(f, sentinel) => {
            let v = vm.call0(&f, vec![])?;
            if ops::eq(vm, &v, &sentinel)? {
                *st.borrow_mut() = IterKind::Done;
                Ok(None)
            } else {
                Ok(Some(v))
            }
        }
    }
}

thread_local! {
    static ITER_TYPES: std::cell::RefCell<Vec<(&'static str, std::rc::Rc<crate::object::Type>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// CPython's name for the class of a built-in iterator.
fn iter_type_name(k: &IterKind) -> &'static str {
    let seq_kind = |v: &Value| match v {
        Value::List(_) => Some("list"),
        Value::Tuple(_) => Some("tuple"),
        Value::Obj(o) => match &**o {
            Object::Bytes(_) => Some("bytes"),
            Object::ByteArray(_) => Some("bytearray"),
            _ => None,
        },
        _ => None,
    };
    match k {
        IterKind::Seq { seq, .. } => match seq_kind(seq) {
            Some("list") => "list_iterator",
            Some("tuple") => "tuple_iterator",
            Some("bytes") => "bytes_iterator",
            Some("bytearray") => "bytearray_iterator",
            _ => "iterator",
        },
        IterKind::Range { .. } => "range_iterator",
        IterKind::Str { s, .. } => {
            if s.is_ascii() {
                "str_ascii_iterator"
            } else {
                "str_iterator"
            }
        }
        IterKind::DictKeys { .. } => "dict_keyiterator",
        IterKind::DictValues { .. } => "dict_valueiterator",
        IterKind::DictItems { .. } => "dict_itemiterator",
        IterKind::Set { .. } => "set_iterator",
        IterKind::Reversed { seq, .. } => match seq_kind(seq) {
            Some("list") => "list_reverseiterator",
            _ => "reversed",
        },
        IterKind::Enumerate { .. } => "enumerate",
        IterKind::Zip { .. } => "zip",
        IterKind::Map { .. } => "map",
        IterKind::Filter { .. } => "filter",
        IterKind::Callable { f, .. } => match f {
            Value::Obj(o) if matches!(&**o, Object::Builtin(b) if b.name == "range_iterator") => "longrange_iterator",
            _ => "callable_iterator",
        },
        _ => "iterator",
    }
}

/// The class of a built-in iterator (one per CPython iterator type, sharing the generic
/// `iterator` methods).
pub fn iter_type(vm: &Vm, k: &IterKind) -> std::rc::Rc<crate::object::Type> {
    let name = iter_type_name(k);
    if name == "iterator" {
        return vm.t.iterator.clone();
    }
    ITER_TYPES.with(|c| {
        if let Some((_, t)) = c.borrow().iter().find(|(n, _)| *n == name) {
            return t.clone();
        }
        let t = crate::types_registry::new_type(name, Some(&vm.t.iterator), crate::object::Kind::Other, true);
        c.borrow_mut().push((name, t.clone()));
        t
    })
}
