//! Built-in types: constructors, special attributes, subscripting, containment, sequence and
//! set operators, comparisons of built-in values. Methods live in the per-type modules.

pub mod args;
pub mod bytes;
pub mod codecs;
pub mod construct;
pub mod dict;
pub mod dunders;
pub mod formatting;
pub mod iter;
pub mod list;
pub mod memoryview;
pub mod numbers;
pub mod range_slice;
pub mod set;
pub mod str;
pub mod strmore;
pub mod union;

use std::rc::Rc;

use format::{CompareOpKind, Opcode};
use num_traits::{Signed, ToPrimitive, Zero};

use crate::num;
use crate::object::{Kind, Object, Type};
use crate::ops::{self, user_method};
use crate::value::{PyStr, Value};
use crate::vm::{Kw, PyResult, Vm};

pub use construct::construct;

/// Installs the methods of every built-in type.
pub fn init(vm: &mut Vm) {
    list::init(vm);
    dict::init(vm);
    set::init(vm);
    str::init(vm);
    numbers::init(vm);
    construct::init(vm);
    // The fuller method sets replace simpler versions registered above.
    strmore::init(vm);
    bytes::init(vm);
    range_slice::init(vm);
    dunders::init(vm);
    crate::exceptions::init(vm);
    crate::generator::init(vm);
}

/// Adds a native method to a type.
pub fn add_method(t: &Rc<Type>, name: &'static str, f: crate::object::NativeFn) {
    t.dict.borrow_mut().set_str(crate::value::s(name), crate::vm::native(name, f));
}

/// Largest result (in elements) built eagerly; beyond it CPython would exhaust memory.
pub const MAX_ALLOC: i64 = 1 << 31;

/// `MemoryError` when a result of `n` elements is too large to build.
pub fn alloc_guard(vm: &mut Vm, n: i64) -> PyResult<()> {
    if n > MAX_ALLOC {
        return Err(vm.memory_error());
    }
    Ok(())
}

/// Length of range(start, stop, step).
pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as i64
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as i64
    } else {
        0
    }
}

/// `operator.index(v)` as i64.
pub fn to_index(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Err(vm.index_error("cannot fit 'int' into an index-sized integer")),
        Value::Inst(_) => {
            let p = vm.payload(v);
            if !matches!(p, Value::Inst(_)) {
                return to_index(vm, &p);
            }
            let ix = vm.t.s_index.clone();
            match vm.call_method(v, &ix, vec![])? {
                Some(r) if num::is_int(&r) => to_index(vm, &r),
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
        _ => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("'{n}' object cannot be interpreted as an integer")))
        }
    }
}

/// Resolves a slice against a sequence length: (start, stop, step, count).
pub fn slice_indices(vm: &mut Vm, sl: &Value, len: i64) -> PyResult<(i64, i64, i64, usize)> {
    let (a, b, c) = match sl {
        Value::Obj(o) => match &**o {
            Object::Slice { start, stop, step } => (start.clone(), stop.clone(), step.clone()),
            _ => return Err(vm.type_error("expected slice")),
        },
        _ => return Err(vm.type_error("expected slice")),
    };
    let step = if c.is_none() { 1 } else { slice_int(vm, &c)? };
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let clamp = |v: i64, lo: i64, hi: i64| v.max(lo).min(hi);
    let (lo, hi) = if step > 0 { (0, len) } else { (-1, len - 1) };
    let start = if a.is_none() {
        if step > 0 {
            0
        } else {
            len - 1
        }
    } else {
        let s = slice_int(vm, &a)?;
        if s < 0 {
            clamp(s + len, lo, hi)
        } else {
            clamp(s, lo, hi)
        }
    };
    let stop = if b.is_none() {
        if step > 0 {
            len
        } else {
            -1
        }
    } else {
        let s = slice_int(vm, &b)?;
        if s < 0 {
            clamp(s + len, lo, hi)
        } else {
            clamp(s, lo, hi)
        }
    };
    let count = if step > 0 {
        if stop > start {
            ((stop - start - 1) / step + 1) as usize
        } else {
            0
        }
    } else if start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    };
    Ok((start, stop, step, count))
}

fn slice_int(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::BigInt(b) => Ok(if b.is_negative() { i64::MIN / 2 } else { i64::MAX / 2 }),
        Value::Int(_) | Value::Bool(_) | Value::Inst(_) => to_index(vm, v),
        _ => Err(vm.type_error("slice indices must be integers or None or have an __index__ method")),
    }
}

fn is_slice(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(&**o, Object::Slice { .. }))
}

fn seq_index(vm: &mut Vm, k: &Value, len: usize, what: &str) -> PyResult<usize> {
    let i = match k {
        Value::Int(i) => *i,
        _ => to_index(vm, k)?,
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        if what.is_empty() {
            return Err(vm.index_error("index out of range"));
        }
        return Err(vm.index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

fn take_slice<T: Clone>(items: &[T], start: i64, step: i64, count: usize) -> Vec<T> {
    let mut out = Vec::with_capacity(count);
    let mut i = start;
    for _ in 0..count {
        out.push(items[i as usize].clone());
        i += step;
    }
    out
}

fn index_type_error(vm: &mut Vm, what: &str, k: &Value) -> Value {
    let n = vm.type_name(k);
    vm.type_error(format!("{what} indices must be integers or slices, not {n}"))
}

/// `o[k]`.
pub fn getitem(vm: &mut Vm, o: &Value, k: &Value) -> PyResult<Value> {
    match o {
        Value::List(l) => {
            if is_slice(k) {
                let len = l.borrow().len() as i64;
                let (s, _, st, n) = slice_indices(vm, k, len)?;
                return Ok(Value::list(take_slice(&l.borrow(), s, st, n)));
            }
            if !has_index(vm, k) {
                return Err(index_type_error(vm, "list", k));
            }
            let len = l.borrow().len();
            let i = seq_index(vm, k, len, "list")?;
            let v = l.borrow().get(i).cloned();
            v.ok_or_else(|| vm.index_error("list index out of range"))
        }
        Value::Tuple(t) => {
            if is_slice(k) {
                let (s, _, st, n) = slice_indices(vm, k, t.len() as i64)?;
                return Ok(Value::tuple(take_slice(t, s, st, n)));
            }
            if !has_index(vm, k) {
                return Err(index_type_error(vm, "tuple", k));
            }
            let i = seq_index(vm, k, t.len(), "tuple")?;
            Ok(t[i].clone())
        }
        Value::Str(s) => {
            if is_slice(k) {
                let (st, _, step, n) = slice_indices(vm, k, s.len() as i64)?;
                if step == 1 {
                    return Ok(Value::str(s.slice_chars(st as usize, st as usize + n)));
                }
                let chars: Vec<char> = s.as_str().chars().collect();
                let out: String = take_slice(&chars, st, step, n).into_iter().collect();
                return Ok(Value::str(out));
            }
            if !has_index(vm, k) {
                let n = vm.type_name(k);
                return Err(vm.type_error(format!("string indices must be integers, not '{n}'")));
            }
            let i = seq_index(vm, k, s.len(), "string")?;
            Ok(Value::str(s.char_at(i).map(|c| c.to_string()).unwrap_or_default()))
        }
        Value::Dict(d) => match dict::dict_get(vm, d, k)? {
            Some(v) => Ok(v),
            None => Err(vm.key_error(k.clone())),
        },
        Value::Inst(_) => {
            let ty = vm.type_of(o);
            if let Some(f) = user_method(&ty, &vm.t.s_getitem.clone()) {
                return vm.call_descr(&f, o, vec![o.clone(), k.clone()]);
            }
            let p = vm.payload(o);
            if let Value::Dict(d) = &p {
                if let Some(v) = dict::dict_get(vm, d, k)? {
                    return Ok(v);
                }
                if let Some(m) = user_method(&ty, &vm.t.s_missing.clone()) {
                    return vm.call_descr(&m, o, vec![o.clone(), k.clone()]);
                }
                return Err(vm.key_error(k.clone()));
            }
            if !matches!(p, Value::Inst(_)) {
                return getitem(vm, &p, k);
            }
            Err(vm.type_error(format!("'{}' object is not subscriptable", ty.name())))
        }
        Value::Type(t) => {
            let meta = vm.type_of(o);
            if let Some(f) = user_method(&meta, &vm.t.s_getitem.clone()) {
                return vm.call_descr(&f, o, vec![o.clone(), k.clone()]);
            }
            if let Some(f) = t.lookup(&vm.t.s_class_getitem.clone()) {
                let f = match &f {
                    Value::Obj(x) => match &**x {
                        Object::ClassMethod(g) => g.clone(),
                        _ => f.clone(),
                    },
                    _ => f.clone(),
                };
                return vm.call0(&f, vec![o.clone(), k.clone()]);
            }
            if t.builtin {
                return Ok(o.clone());
            }
            Err(vm.type_error(format!("type '{}' is not subscriptable", t.name())))
        }
        Value::Obj(x) => match &**x {
            Object::BigRange(r) => range_slice::big_getitem(vm, r, k),
            Object::Range { start, stop, step } => {
                let len = range_len(*start, *stop, *step);
                if is_slice(k) {
                    let (s, e, st, _) = slice_indices(vm, k, len)?;
                    let nstart = start + s * step;
                    let nstep = step * st;
                    return Ok(Value::obj(Object::Range { start: nstart, stop: start + e * step, step: nstep }));
                }
                if !has_index(vm, k) {
                    return Err(index_type_error(vm, "range", k));
                }
                let i = seq_index(vm, k, len as usize, "range object")?;
                Ok(Value::Int(start + i as i64 * step))
            }
            Object::Bytes(b) => {
                if is_slice(k) {
                    let (s, _, st, n) = slice_indices(vm, k, b.len() as i64)?;
                    return Ok(Value::obj(Object::Bytes(take_slice(b, s, st, n))));
                }
                let i = seq_index(vm, k, b.len(), "")?;
                Ok(Value::Int(b[i] as i64))
            }
            Object::ByteArray(b) => {
                if is_slice(k) {
                    let len = b.borrow().len() as i64;
                    let (s, _, st, n) = slice_indices(vm, k, len)?;
                    return Ok(Value::obj(Object::ByteArray(std::cell::RefCell::new(take_slice(
                        &b.borrow(),
                        s,
                        st,
                        n,
                    )))));
                }
                let len = b.borrow().len();
                let i = seq_index(vm, k, len, "bytearray")?;
                Ok(Value::Int(b.borrow()[i] as i64))
            }
            _ => {
                let n = vm.type_name(o);
                Err(vm.type_error(format!("'{n}' object is not subscriptable")))
            }
        },
        _ => {
            let n = vm.type_name(o);
            Err(vm.type_error(format!("'{n}' object is not subscriptable")))
        }
    }
}

/// `operator.index(v)` as a BigInt (CPython's messages for missing or bad `__index__`).
pub fn index_big(vm: &mut Vm, v: &Value) -> PyResult<num_bigint::BigInt> {
    let p = vm.payload(v);
    if let Some(b) = num::to_big(&p) {
        return Ok(b);
    }
    if let Value::Inst(_) = v {
        let ix = vm.t.s_index.clone();
        if let Some(r) = vm.call_method(v, &ix, vec![])? {
            return match num::to_big(&r) {
                Some(b) if !matches!(r, Value::Inst(_)) => Ok(b),
                _ => {
                    let n = vm.type_name(&r);
                    Err(vm.type_error(format!("__index__ returned non-int (type {n})")))
                }
            };
        }
    }
    let n = vm.type_name(v);
    Err(vm.type_error(format!("'{n}' object cannot be interpreted as an integer")))
}

fn has_index(vm: &Vm, k: &Value) -> bool {
    match k {
        Value::Inst(_) => {
            !matches!(vm.payload(k), Value::Inst(_)) && num::is_int(&vm.payload(k))
                || vm.type_of(k).lookup(&vm.t.s_index).is_some()
        }
        _ => is_indexable(k),
    }
}

fn is_indexable(k: &Value) -> bool {
    match k {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => true,
        Value::Inst(i) => i.class().lookup(&PyStr::new("__index__")).is_some(),
        _ => false,
    }
}

/// `o[k] = v` or `del o[k]` (v None).
pub fn setitem(vm: &mut Vm, o: &Value, k: &Value, v: Option<Value>) -> PyResult<()> {
    match o {
        Value::List(l) => {
            if is_slice(k) {
                return list::list_set_slice(vm, l, k, v);
            }
            if !has_index(vm, k) {
                return Err(index_type_error(vm, "list", k));
            }
            let len = l.borrow().len();
            let i = match seq_index(vm, k, len, "list") {
                Ok(i) => i,
                Err(_) => {
                    let m = if v.is_some() {
                        "list assignment index out of range"
                    } else {
                        "list assignment index out of range"
                    };
                    return Err(vm.index_error(m));
                }
            };
            match v {
                Some(v) => l.borrow_mut()[i] = v,
                None => {
                    l.borrow_mut().remove(i);
                }
            }
            Ok(())
        }
        Value::Dict(d) => match v {
            Some(v) => dict::dict_set(vm, d, k.clone(), v),
            None => {
                if dict::dict_del(vm, d, k)?.is_none() {
                    return Err(vm.key_error(k.clone()));
                }
                Ok(())
            }
        },
        Value::Inst(_) => {
            let ty = vm.type_of(o);
            let name = if v.is_some() { vm.t.s_setitem.clone() } else { vm.t.s_delitem.clone() };
            if let Some(f) = user_method(&ty, &name) {
                let mut args = vec![o.clone(), k.clone()];
                if let Some(v) = v {
                    args.push(v);
                }
                vm.call_descr(&f, o, args)?;
                return Ok(());
            }
            let p = vm.payload(o);
            if !matches!(p, Value::Inst(_)) {
                return setitem(vm, &p, k, v);
            }
            if v.is_some() {
                Err(vm.type_error(format!("'{}' object does not support item assignment", ty.name())))
            } else {
                Err(vm.type_error(format!("'{}' object doesn't support item deletion", ty.name())))
            }
        }
        Value::Obj(x) if matches!(&**x, Object::ByteArray(_)) => {
            if let Object::ByteArray(b) = &**x {
                if is_slice(k) {
                    let tmp: Vec<Value> = b.borrow().iter().map(|&c| Value::Int(c as i64)).collect();
                    let l = std::rc::Rc::new(std::cell::RefCell::new(tmp));
                    let nv = match v {
                        Some(v) => {
                            let items = match bytes::bytes_of(vm, &v) {
                                Some(bs) => bs,
                                None => {
                                    if crate::num::is_int(&v) {
                                        return Err(vm.type_error(
                                            "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                                        ));
                                    }
                                    let vs = ops::to_vec(vm, &v)?;
                                    let mut out = Vec::new();
                                    for x in vs {
                                        let n = to_index(vm, &x)?;
                                        if !(0..256).contains(&n) {
                                            return Err(vm.value_error("byte must be in range(0, 256)"));
                                        }
                                        out.push(n as u8);
                                    }
                                    out
                                }
                            };
                            Some(Value::list(items.into_iter().map(|c| Value::Int(c as i64)).collect()))
                        }
                        None => None,
                    };
                    list::list_set_slice(vm, &l, k, nv)?;
                    let out: Vec<u8> =
                        l.borrow().iter().map(|x| if let Value::Int(i) = x { *i as u8 } else { 0 }).collect();
                    *b.borrow_mut() = out;
                    return Ok(());
                }
                let len = b.borrow().len();
                let i = seq_index(vm, k, len, "bytearray")?;
                match v {
                    Some(v) => {
                        let n = to_index(vm, &v)?;
                        if !(0..256).contains(&n) {
                            return Err(vm.value_error("byte must be in range(0, 256)"));
                        }
                        b.borrow_mut()[i] = n as u8;
                    }
                    None => {
                        b.borrow_mut().remove(i);
                    }
                }
            }
            Ok(())
        }
        _ => {
            let n = vm.type_name(o);
            if v.is_some() {
                Err(vm.type_error(format!("'{n}' object does not support item assignment")))
            } else {
                Err(vm.type_error(format!("'{n}' object doesn't support item deletion")))
            }
        }
    }
}

/// `x in c`.
pub fn contains(vm: &mut Vm, c: &Value, x: &Value) -> PyResult<bool> {
    match c {
        Value::List(l) => {
            let n = l.borrow().len();
            for i in 0..n {
                let item = match l.borrow().get(i) {
                    Some(v) => v.clone(),
                    None => break,
                };
                if ops::eq(vm, &item, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Tuple(t) => {
            for item in t.iter() {
                if ops::eq(vm, item, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Str(s) => match x {
            Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
            _ => {
                let n = vm.type_name(x);
                Err(vm.type_error(format!("'in <string>' requires string as left operand, not {n}")))
            }
        },
        Value::Dict(d) => Ok(dict::dict_get(vm, d, x)?.is_some()),
        Value::Set(s) => set::set_contains(vm, s, x),
        Value::Inst(_) | Value::Type(_) => {
            let ty = vm.type_of(c);
            if let Some(f) = user_method(&ty, &vm.t.s_contains.clone()) {
                let r = vm.call_descr(&f, c, vec![c.clone(), x.clone()])?;
                return ops::truthy(vm, &r);
            }
            let p = vm.payload(c);
            if !matches!(p, Value::Inst(_)) {
                return contains(vm, &p, x);
            }
            contains_by_iter(vm, c, x)
        }
        Value::Obj(o) => match &**o {
            Object::BigRange(r) => range_slice::big_contains(vm, r, x),
            Object::Range { start, stop, step } => {
                let v = match x {
                    Value::Int(i) => *i,
                    Value::Bool(b) => *b as i64,
                    Value::Float(f) if f.fract() == 0.0 => *f as i64,
                    _ => return Ok(false),
                };
                let ok = if *step > 0 { v >= *start && v < *stop } else { v <= *start && v > *stop };
                Ok(ok && (v - start) % step == 0)
            }
            Object::DictView(k, d) => {
                if *k == 0 {
                    return Ok(dict::dict_get(vm, d, x)?.is_some());
                }
                let items = if *k == 1 {
                    d.borrow().values()
                } else {
                    d.borrow().items().into_iter().map(|(a, b)| Value::tuple(vec![a, b])).collect()
                };
                for it in items {
                    if ops::eq(vm, &it, x)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Object::Bytes(b) => match x {
                Value::Int(i) => Ok(b.contains(&(*i as u8))),
                Value::Obj(y) => match &**y {
                    Object::Bytes(sub) => Ok(sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..])),
                    _ => Ok(false),
                },
                _ => Ok(false),
            },
            _ => contains_by_iter(vm, c, x),
        },
        _ => contains_by_iter(vm, c, x),
    }
}

fn contains_by_iter(vm: &mut Vm, c: &Value, x: &Value) -> PyResult<bool> {
    let it = match ops::iter(vm, c) {
        Ok(it) => it,
        Err(_) => {
            let n = vm.type_name(c);
            return Err(vm.type_error(format!("argument of type '{n}' is not iterable")));
        }
    };
    while let Some(v) = ops::next(vm, &it)? {
        if ops::eq(vm, &v, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Unary operators.
pub fn unary(vm: &mut Vm, op: Opcode, v: &Value) -> PyResult<Value> {
    let (name, sym) = match op {
        Opcode::UNARY_NEGATIVE => (vm.t.s_neg.clone(), "-"),
        Opcode::UNARY_POSITIVE => (vm.t.s_pos.clone(), "+"),
        _ => (vm.t.s_invert.clone(), "~"),
    };
    match (op, v) {
        (Opcode::UNARY_NEGATIVE, Value::Int(i)) => {
            return Ok(match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::from_bigint(-num_bigint::BigInt::from(*i)),
            })
        }
        (Opcode::UNARY_NEGATIVE, Value::Bool(b)) => return Ok(Value::Int(-(*b as i64))),
        (Opcode::UNARY_NEGATIVE, Value::Float(f)) => return Ok(Value::Float(-f)),
        (Opcode::UNARY_NEGATIVE, Value::BigInt(b)) => return Ok(Value::from_bigint(-(**b).clone())),
        (Opcode::UNARY_POSITIVE, Value::Int(_) | Value::Float(_) | Value::BigInt(_)) => return Ok(v.clone()),
        (Opcode::UNARY_POSITIVE, Value::Bool(b)) => return Ok(Value::Int(*b as i64)),
        (Opcode::UNARY_INVERT, Value::Int(i)) => return Ok(Value::Int(!i)),
        (Opcode::UNARY_INVERT, Value::Bool(b)) => return Ok(Value::Int(!(*b as i64))),
        (Opcode::UNARY_INVERT, Value::BigInt(b)) => return Ok(Value::from_bigint(-(**b).clone() - 1)),
        (_, Value::Obj(o)) => {
            if let Object::Complex(r, i) = &**o {
                match op {
                    Opcode::UNARY_NEGATIVE => return Ok(Value::obj(Object::Complex(-r, -i))),
                    Opcode::UNARY_POSITIVE => return Ok(v.clone()),
                    _ => {}
                }
            }
        }
        (_, Value::Inst(_)) => {
            let ty = vm.type_of(v);
            if let Some(f) = user_method(&ty, &name) {
                return vm.call_descr(&f, v, vec![v.clone()]);
            }
            let p = vm.payload(v);
            if !matches!(p, Value::Inst(_)) {
                return unary(vm, op, &p);
            }
        }
        _ => {}
    }
    let n = vm.type_name(v);
    Err(vm.type_error(format!("bad operand type for unary {sym}: '{n}'")))
}

fn repeat<T: Clone>(vm: &mut Vm, items: &[T], n: &Value) -> PyResult<Vec<T>> {
    let n = to_index(vm, n).map_err(|_| vm.overflow_error("cannot fit 'int' into an index-sized integer"))?;
    if n <= 0 || items.is_empty() {
        return Ok(Vec::new());
    }
    if (items.len() as u128) * (n as u128) > (1u128 << 32) {
        return Err(vm.memory_error());
    }
    let mut out = Vec::new();
    if out.try_reserve_exact(items.len() * n as usize).is_err() {
        return Err(vm.memory_error());
    }
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    Ok(out)
}

/// Sequence, set and mapping operators of built-in values; Ok(None) = NotImplemented.
pub fn seq_binop(vm: &mut Vm, op: u32, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    use num::{ADD, AND, MOD, MUL, OR, SUB, XOR};
    Ok(Some(match (op, a, b) {
        (ADD, Value::Str(x), Value::Str(y)) => {
            let mut s = String::with_capacity(x.s.len() + y.s.len());
            s.push_str(x.as_str());
            s.push_str(y.as_str());
            Value::str(s)
        }
        (ADD, Value::List(x), Value::List(y)) => {
            let mut v = x.borrow().clone();
            v.extend(y.borrow().iter().cloned());
            Value::list(v)
        }
        (ADD, Value::Tuple(x), Value::Tuple(y)) => {
            let mut v = (**x).clone();
            v.extend(y.iter().cloned());
            Value::tuple(v)
        }
        (MUL, Value::Str(x), n) | (MUL, n, Value::Str(x)) if num::is_int(n) => {
            if let Ok(k) = to_index(vm, n) {
                if k > 0 && (x.s.len() as u128) * (k as u128) > i64::MAX as u128 {
                    return Err(vm.overflow_error("repeated string is too long"));
                }
            }
            let chars: Vec<u8> = x.as_str().as_bytes().to_vec();
            let r = repeat(vm, &chars, n)?;
            Value::str(String::from_utf8(r).unwrap_or_default())
        }
        (MUL, Value::List(x), n) | (MUL, n, Value::List(x)) if num::is_int(n) => {
            let items = x.borrow().clone();
            Value::list(repeat(vm, &items, n)?)
        }
        (MUL, Value::Tuple(x), n) | (MUL, n, Value::Tuple(x)) if num::is_int(n) => Value::tuple(repeat(vm, x, n)?),
        (MOD, Value::Str(fmt), args) => Value::str(crate::repr::percent_format(vm, fmt.as_str(), args)?),
        (MOD, Value::Obj(x), args) if matches!(&**x, Object::Bytes(_) | Object::ByteArray(_)) => {
            let (fmt, is_ba): (String, bool) = match &**x {
                Object::Bytes(b) => (b.iter().map(|&c| c as char).collect(), false),
                Object::ByteArray(b) => (b.borrow().iter().map(|&c| c as char).collect(), true),
                _ => return Ok(None),
            };
            let r = formatting::percent(vm, &fmt, args, true)?;
            let out: Vec<u8> = r.chars().map(|c| c as u32 as u8).collect();
            if is_ba {
                Value::obj(Object::ByteArray(std::cell::RefCell::new(out)))
            } else {
                Value::obj(Object::Bytes(out))
            }
        }
        (AND | OR | SUB | XOR, Value::Set(x), Value::Set(y)) => set::set_op(vm, op, x, y)?,
        (OR, Value::Dict(x), Value::Dict(y)) => {
            let d = crate::object::new_dict();
            *d.borrow_mut() = x.borrow().clone();
            for (k, v) in y.borrow().items() {
                dict::dict_set(vm, &d, k, v)?;
            }
            Value::Dict(d)
        }
        (_, Value::Obj(x), _) | (_, _, Value::Obj(x)) => match &**x {
            Object::Bytes(_) | Object::ByteArray(_) => match str::bytes_binop(vm, op, a, b)? {
                Some(v) => v,
                None => return Ok(None),
            },
            Object::DictView(..) if matches!(op, AND | OR | SUB | XOR) => {
                let sa = set::to_set(vm, a)?;
                let sb = set::to_set(vm, b)?;
                set::set_op(vm, op, &sa, &sb)?
            }
            _ => return Ok(None),
        },
        _ => return Ok(None),
    }))
}

/// In-place operators that mutate built-in containers; Ok(None) = use the plain operator.
pub fn inplace_builtin(vm: &mut Vm, op: u32, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    let target = vm.payload(a);
    match (op, &target) {
        (num::ADD, Value::List(l)) => {
            let items = ops::to_vec(vm, b).map_err(|_| {
                let n = vm.type_name(b);
                vm.type_error(format!("'{n}' object is not iterable"))
            })?;
            l.borrow_mut().extend(items);
            Ok(Some(a.clone()))
        }
        (num::MUL, Value::List(l)) if num::is_int(b) => {
            let items = l.borrow().clone();
            let r = repeat(vm, &items, b)?;
            *l.borrow_mut() = r;
            Ok(Some(a.clone()))
        }
        (num::OR | num::AND | num::SUB | num::XOR, Value::Set(s)) if !s.frozen => {
            if let Value::Set(other) = b {
                let r = set::set_op(vm, op, s, other)?;
                if let Value::Set(rs) = r {
                    *s.table.borrow_mut() = rs.table.borrow().clone();
                }
                return Ok(Some(a.clone()));
            }
            Ok(None)
        }
        (num::OR, Value::Dict(d)) => {
            let items = dict::mapping_items(vm, b)?;
            for (k, v) in items {
                dict::dict_set(vm, d, k, v)?;
            }
            Ok(Some(a.clone()))
        }
        _ => Ok(None),
    }
}

fn cmp_result(op: CompareOpKind, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CompareOpKind::Lt => ord == Less,
        CompareOpKind::Le => ord != Greater,
        CompareOpKind::Eq => ord == Equal,
        CompareOpKind::Ne => ord != Equal,
        CompareOpKind::Gt => ord == Greater,
        CompareOpKind::Ge => ord != Less,
    }
}

fn num_cmp(a: &Value, b: &Value) -> Option<Option<std::cmp::Ordering>> {
    use num_bigint::BigInt;
    let as_f = |v: &Value| match v {
        Value::Float(f) => Some(*f),
        _ => None,
    };
    if num::is_int(a) && num::is_int(b) {
        if let (Some(x), Some(y)) = (num::small(a), num::small(b)) {
            return Some(Some(x.cmp(&y)));
        }
        let x: BigInt = num::to_big(a)?;
        let y: BigInt = num::to_big(b)?;
        return Some(Some(x.cmp(&y)));
    }
    match (as_f(a), as_f(b)) {
        (Some(x), Some(y)) => Some(x.partial_cmp(&y)),
        (Some(x), None) if num::is_int(b) => Some(float_int_cmp(x, b).map(|o| o)),
        (None, Some(y)) if num::is_int(a) => Some(float_int_cmp(y, a).map(|o| o.reverse())),
        _ => None,
    }
}

fn float_int_cmp(x: f64, i: &Value) -> Option<std::cmp::Ordering> {
    if x.is_nan() {
        return None;
    }
    if let Some(s) = num::small(i) {
        if s.unsigned_abs() < (1 << 53) {
            return x.partial_cmp(&(s as f64));
        }
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Less });
    }
    let b = num::to_big(i)?;
    let fl = x.floor();
    let xb = num_bigint::BigInt::from(fl as i128);
    match xb.cmp(&b) {
        std::cmp::Ordering::Equal => {
            if x > fl {
                Some(std::cmp::Ordering::Greater)
            } else {
                Some(std::cmp::Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

/// Comparisons between built-in values; Ok(None) = NotImplemented.
pub fn builtin_compare(vm: &mut Vm, op: CompareOpKind, a: &Value, b: &Value) -> PyResult<Option<bool>> {
    if let Some(o) = num_cmp(a, b) {
        return Ok(Some(match o {
            Some(ord) => cmp_result(op, ord),
            None => op == CompareOpKind::Ne,
        }));
    }
    let eqop = matches!(op, CompareOpKind::Eq | CompareOpKind::Ne);
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(Some(cmp_result(op, x.as_str().cmp(y.as_str())))),
        (Value::Tuple(x), Value::Tuple(y)) => seq_compare(vm, op, &x[..].to_vec(), &y[..].to_vec()).map(Some),
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.borrow().clone(), y.borrow().clone());
            seq_compare(vm, op, &x, &y).map(Some)
        }
        (Value::Set(x), Value::Set(y)) => set::set_compare(vm, op, x, y),
        (Value::Dict(x), Value::Dict(y)) if eqop => {
            let r = dict::dict_eq(vm, x, y)?;
            Ok(Some(r == (op == CompareOpKind::Eq)))
        }
        (Value::None, Value::None) if eqop => Ok(Some(op == CompareOpKind::Eq)),
        (Value::Obj(x), Value::Obj(y)) => match (&**x, &**y) {
            (Object::Complex(a1, b1), Object::Complex(a2, b2)) if eqop => {
                Ok(Some((a1 == a2 && b1 == b2) == (op == CompareOpKind::Eq)))
            }
            (Object::Bytes(p), Object::Bytes(q)) => Ok(Some(cmp_result(op, p.cmp(q)))),
            (Object::ByteArray(p), Object::ByteArray(q)) => Ok(Some(cmp_result(op, p.borrow().cmp(&q.borrow())))),
            (Object::Bytes(p), Object::ByteArray(q)) => Ok(Some(cmp_result(op, p.cmp(&q.borrow())))),
            (Object::BigRange(_), Object::Range { .. } | Object::BigRange(_))
            | (Object::Range { .. }, Object::BigRange(_))
                if eqop =>
            {
                let (Some(p), Some(q)) = (range_slice::parts(x), range_slice::parts(y)) else { return Ok(None) };
                let lp = range_slice::big_len(&p.0, &p.1, &p.2);
                let lq = range_slice::big_len(&q.0, &q.1, &q.2);
                let one = num_bigint::BigInt::from(1);
                let same = lp == lq && (lp == num_bigint::BigInt::from(0) || (p.0 == q.0 && (lp == one || p.2 == q.2)));
                Ok(Some(same == (op == CompareOpKind::Eq)))
            }
            (Object::Range { start: s1, stop: e1, step: t1 }, Object::Range { start: s2, stop: e2, step: t2 })
                if eqop =>
            {
                let r = range_slice::range_eq((*s1, *e1, *t1), (*s2, *e2, *t2));
                Ok(Some(r == (op == CompareOpKind::Eq)))
            }
            (Object::Slice { start: a1, stop: b1, step: c1 }, Object::Slice { start: a2, stop: b2, step: c2 }) => {
                let x = vec![a1.clone(), b1.clone(), c1.clone()];
                let y = vec![a2.clone(), b2.clone(), c2.clone()];
                seq_compare(vm, op, &x, &y).map(Some)
            }
            (Object::DictView(..), Object::DictView(..)) if eqop => {
                let sa = set::to_set(vm, a)?;
                let sb = set::to_set(vm, b)?;
                set::set_compare(vm, op, &sa, &sb)
            }
            (Object::Method { func: f1, self_: s1 }, Object::Method { func: f2, self_: s2 }) if eqop => {
                Ok(Some((f1.is(f2) && s1.is(s2)) == (op == CompareOpKind::Eq)))
            }
            _ => Ok(None),
        },
        (Value::Obj(x), Value::Set(s)) | (Value::Set(s), Value::Obj(x)) if eqop => {
            if let Object::DictView(0 | 2, _) = &**x {
                let sa = set::to_set(vm, a)?;
                let sb = set::to_set(vm, b)?;
                let _ = s;
                return set::set_compare(vm, op, &sa, &sb);
            }
            Ok(None)
        }
        (Value::Obj(x), n) | (n, Value::Obj(x)) if eqop && matches!(&**x, Object::Complex(..)) => {
            if let Object::Complex(r, i) = &**x {
                let f = match n {
                    Value::Float(f) => *f,
                    _ if num::is_int(n) => num::int_to_f64(vm, n)?,
                    _ => return Ok(None),
                };
                return Ok(Some((*i == 0.0 && *r == f) == (op == CompareOpKind::Eq)));
            }
            Ok(None)
        }
        _ => Ok(None),
    }
}

/// Lexicographic comparison of two sequences.
pub fn seq_compare(vm: &mut Vm, op: CompareOpKind, x: &[Value], y: &[Value]) -> PyResult<bool> {
    let n = x.len().min(y.len());
    for i in 0..n {
        if !ops::eq(vm, &x[i], &y[i])? {
            return match op {
                CompareOpKind::Eq => Ok(false),
                CompareOpKind::Ne => Ok(true),
                _ => {
                    let r = ops::compare(vm, op, &x[i], &y[i])?;
                    ops::truthy(vm, &r)
                }
            };
        }
    }
    Ok(cmp_result(op, x.len().cmp(&y.len())))
}

/// Attributes of built-in objects that are not methods.
pub fn special_attr(vm: &mut Vm, obj: &Value, name: &Rc<PyStr>) -> PyResult<Option<Value>> {
    let n = name.as_str();
    Ok(match obj {
        Value::Func(f) => match n {
            "__name__" => Some(f.name.borrow().clone()),
            "__qualname__" => Some(f.qualname.borrow().clone()),
            "__doc__" => Some(f.doc.borrow().clone()),
            "__module__" => Some(f.module.clone()),
            "__defaults__" => {
                Some(f.defaults.borrow().as_ref().map(|d| Value::Tuple(d.clone())).unwrap_or(Value::None))
            }
            "__kwdefaults__" => {
                Some(f.kwdefaults.borrow().as_ref().map(|d| Value::Dict(d.clone())).unwrap_or(Value::None))
            }
            "__code__" => Some(Value::obj(Object::Code(f.code.clone()))),
            "__globals__" => Some(Value::Dict(f.globals.clone())),
            "__closure__" => Some(f.closure.as_ref().map(|c| Value::Tuple(c.clone())).unwrap_or(Value::None)),
            "__dict__" => Some(Value::Dict(f.dict.clone())),
            "__annotations__" => {
                let a = f.annotations.borrow().clone();
                if a.is_null() {
                    let d = Value::Dict(crate::object::new_dict());
                    *f.annotations.borrow_mut() = d.clone();
                    Some(d)
                } else {
                    Some(a)
                }
            }
            _ => f.dict.borrow().get_str(name).cloned(),
        },
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => match n {
            "real" | "numerator" => Some(match obj {
                Value::Bool(b) => Value::Int(*b as i64),
                _ => obj.clone(),
            }),
            "imag" => Some(Value::Int(0)),
            "denominator" => Some(Value::Int(1)),
            _ => None,
        },
        Value::Float(f) => match n {
            "real" => Some(Value::Float(*f)),
            "imag" => Some(Value::Float(0.0)),
            _ => None,
        },
        Value::Obj(o) => match &**o {
            Object::Method { func, self_ } => match n {
                "__self__" => Some(self_.clone()),
                "__func__" => Some(func.clone()),
                "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                    Some(crate::attr::getattr(vm, &func.clone(), name)?)
                }
                // Attributes of the method type itself (found on the class).
                "__class__" | "__eq__" | "__ne__" | "__hash__" | "__call__" | "__get__" | "__repr__" | "__str__"
                | "__reduce__" | "__reduce_ex__" | "__getattribute__" | "__setattr__" | "__delattr__" | "__init__"
                | "__new__" | "__dir__" | "__format__" | "__sizeof__" | "__lt__" | "__le__" | "__gt__" | "__ge__"
                | "__init_subclass__" | "__subclasshook__" => None,
                // Everything else is the function's (CPython's method_getattro), e.g. attributes
                // set by decorators: `getattr(obj.method, '__unittest_expecting_failure__')`.
                _ => Some(crate::attr::getattr(vm, &func.clone(), name)?),
            },
            Object::Builtin(b) => match n {
                "__name__" | "__qualname__" => Some(Value::str(b.name)),
                "__self__" => Some(b.self_.clone().unwrap_or(Value::None)),
                "__doc__" => Some(Value::None),
                "__module__" => Some(Value::str("builtins")),
                _ => None,
            },
            Object::Generator(g) => match n {
                "__name__" => Some(g.name.clone()),
                "__qualname__" => Some(g.qualname.clone()),
                "gi_running" | "cr_running" => Some(Value::Bool(g.state.borrow().running)),
                "gi_frame" | "cr_frame" => {
                    Some(if g.state.borrow().finished { Value::None } else { Value::Bool(true) })
                }
                "gi_code" | "cr_code" => Some(Value::obj(Object::Code(g.state.borrow().code.clone()))),
                _ => None,
            },
            Object::Complex(r, i) => match n {
                "real" => Some(Value::Float(*r)),
                "imag" => Some(Value::Float(*i)),
                _ => None,
            },
            Object::BigRange(r) => match n {
                "start" => Some(Value::from_bigint(r[0].clone())),
                "stop" => Some(Value::from_bigint(r[1].clone())),
                "step" => Some(Value::from_bigint(r[2].clone())),
                _ => None,
            },
            Object::Range { start, stop, step } => match n {
                "start" => Some(Value::Int(*start)),
                "stop" => Some(Value::Int(*stop)),
                "step" => Some(Value::Int(*step)),
                _ => None,
            },
            Object::Slice { start, stop, step } => match n {
                "start" => Some(start.clone()),
                "stop" => Some(stop.clone()),
                "step" => Some(step.clone()),
                _ => None,
            },
            Object::Property { fget, fset, fdel, .. } if n == "__isabstractmethod__" => {
                let mut r = false;
                for f in [fget, fset, fdel] {
                    r = r || is_abstract(vm, f)?;
                }
                Some(Value::Bool(r))
            }
            Object::Property { fget, fset, fdel, doc } => match n {
                "fget" => Some(fget.clone()),
                "fset" => Some(fset.clone()),
                "fdel" => Some(fdel.clone()),
                "__doc__" => Some(if doc.is_none() && !fget.is_none() {
                    crate::attr::getattr(vm, &fget.clone(), name)?
                } else {
                    doc.clone()
                }),
                _ => None,
            },
            Object::ClassMethod(f) | Object::StaticMethod(f) => match n {
                "__func__" | "__wrapped__" => Some(f.clone()),
                "__isabstractmethod__" => Some(Value::Bool(is_abstract(vm, f)?)),
                "__doc__" | "__name__" => Some(crate::attr::getattr(vm, &f.clone(), name)?),
                _ => None,
            },
            Object::Code(c) => match n {
                "co_name" => Some(Value::Str(c.name.clone())),
                "co_qualname" => Some(Value::Str(c.qualname.clone())),
                "co_filename" => Some(Value::str(c.co.filename.as_str())),
                "co_argcount" => Some(Value::Int(c.co.argcount as i64)),
                "co_firstlineno" => Some(Value::Int(c.co.firstlineno as i64)),
                "co_varnames" => Some(Value::tuple(c.varnames.iter().map(|v| Value::Str(v.clone())).collect())),
                "co_flags" => Some(Value::Int(c.flags as i64)),
                "co_posonlyargcount" => Some(Value::Int(c.co.posonlyargcount as i64)),
                "co_kwonlyargcount" => Some(Value::Int(c.co.kwonlyargcount as i64)),
                "co_nlocals" => Some(Value::Int(c.nlocals as i64)),
                "co_stacksize" => Some(Value::Int(c.co.stacksize as i64)),
                "co_names" => Some(Value::tuple(c.names.iter().map(|v| Value::Str(v.clone())).collect())),
                "co_cellvars" => Some(Value::tuple(c.co.cellvars.iter().map(|v| Value::str(v.as_str())).collect())),
                "co_freevars" => Some(Value::tuple(c.co.freevars.iter().map(|v| Value::str(v.as_str())).collect())),
                "co_consts" => Some(Value::tuple(c.consts.clone())),
                "co_code" => Some(Value::obj(Object::Bytes(c.co.code.clone()))),
                "co_lines" => Some(code_method(vm, name, c, code_lines)),
                "co_positions" => Some(code_method(vm, name, c, code_positions)),
                _ => None,
            },
            Object::Cell(c) => match n {
                "cell_contents" => {
                    let v = c.borrow().clone();
                    if v.is_null() {
                        return Err(vm.value_error("Cell is empty"));
                    }
                    Some(v)
                }
                _ => None,
            },
            _ => None,
        },
        _ => None,
    })
}

/// `getattr(f, "__isabstractmethod__", False)` as a bool (for descriptors wrapping `f`).
fn is_abstract(vm: &mut Vm, f: &Value) -> PyResult<bool> {
    if f.is_none() {
        return Ok(false);
    }
    match crate::attr::getattr_opt(vm, f, &crate::value::s("__isabstractmethod__"))? {
        Some(v) => crate::ops::truthy(vm, &v),
        None => Ok(false),
    }
}

/// Kind check helper for callers.
pub fn kind_is(vm: &Vm, v: &Value, k: Kind) -> bool {
    vm.type_of(v).kind == k
}

/// True when `b` is zero (for callers validating divisors).
pub fn big_is_zero(b: &num_bigint::BigInt) -> bool {
    b.is_zero() && b.to_i64() == Some(0)
}

/// The unused keyword-argument guard shared by natives.
pub fn no_kwargs(vm: &mut Vm, name: &str, kw: &Kw) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

/// `code.co_lines`/`code.co_positions` bound to their code object.
fn code_method(
    _vm: &mut Vm,
    name: &Rc<crate::value::PyStr>,
    c: &Rc<crate::object::Code>,
    f: crate::object::NativeFn,
) -> Value {
    let n: &'static str = if name.as_str() == "co_lines" { "co_lines" } else { "co_positions" };
    Value::obj(Object::Builtin(crate::object::Builtin { name: n, f, self_: Some(Value::obj(Object::Code(c.clone()))) }))
}

fn code_of(a: &[Value]) -> Option<Rc<crate::object::Code>> {
    match a.first() {
        Some(Value::Obj(o)) => match &**o {
            Object::Code(c) => Some(c.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The position of every code unit (`None` where the line table has no entry).
fn unit_positions(c: &crate::object::Code) -> Vec<Option<format::Position>> {
    let n = c.co.code.len() / 2;
    let mut out = vec![None; n];
    let lt = &c.co.linetable;
    for (i, e) in lt.iter().enumerate() {
        let end = lt.get(i + 1).map(|x| x.start as usize).unwrap_or(n).min(n);
        for slot in out.iter_mut().take(end).skip(e.start as usize) {
            *slot = if e.pos.line == 0 { None } else { Some(e.pos) };
        }
    }
    out
}

/// `code.co_positions()`: (line, end_line, col, end_col) for each instruction (code unit), as
/// CPython 3.11 (columns are UTF-8 byte offsets; None where unknown).
fn code_positions(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let Some(c) = code_of(&a) else { return Err(vm.type_error("co_positions() needs a code object")) };
    let items = unit_positions(&c)
        .into_iter()
        .map(|p| match p {
            Some(p) => Value::tuple(vec![
                Value::Int(p.line as i64),
                Value::Int(p.end_line as i64),
                Value::Int(p.col as i64),
                Value::Int(p.end_col as i64),
            ]),
            None => Value::tuple(vec![Value::None, Value::None, Value::None, Value::None]),
        })
        .collect();
    crate::ops::iter(vm, &Value::list(items))
}

/// `code.co_lines()`: (start, end, line) byte ranges with the same line, as CPython 3.11.
fn code_lines(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let Some(c) = code_of(&a) else { return Err(vm.type_error("co_lines() needs a code object")) };
    let mut out: Vec<(usize, usize, Option<u32>)> = Vec::new();
    for (i, p) in unit_positions(&c).into_iter().enumerate() {
        let line = p.map(|p| p.line);
        match out.last_mut() {
            Some(last) if last.2 == line => last.1 = 2 * i + 2,
            _ => out.push((2 * i, 2 * i + 2, line)),
        }
    }
    let items = out
        .into_iter()
        .map(|(s, e, l)| {
            Value::tuple(vec![
                Value::Int(s as i64),
                Value::Int(e as i64),
                l.map_or(Value::None, |l| Value::Int(l as i64)),
            ])
        })
        .collect();
    crate::ops::iter(vm, &Value::list(items))
}
