//! Generic operations: binary operators with dunder dispatch (reflected and in-place forms),
//! rich comparison, truthiness, subscripting, containment, iteration, hashing, str/repr.

use std::rc::Rc;

use format::{BinaryOpKind, CompareOpKind, Opcode};

use crate::num;
use crate::object::{Object, Type};
use crate::value::{PyStr, Value};
use crate::vm::{Kw, PyResult, Vm};

pub use crate::num::{float_fast, int_fast};

const SYMS: [&str; 13] = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"];

/// A special method defined in Python (not a native default) on `ty`.
pub fn user_method(ty: &Rc<Type>, name: &Rc<PyStr>) -> Option<Value> {
    if ty.builtin {
        return None;
    }
    match ty.lookup_rc(name) {
        // Natives inherited from a built-in class are handled by the native dispatch; natives of
        // a native class (`native_class`) are its methods.
        Some(Value::Obj(o)) if matches!(&*o, Object::Builtin(_)) => {
            let owner = std::iter::once(ty.clone())
                .chain(ty.mro.borrow().iter().cloned())
                .find(|t| t.dict.borrow().get_str(name).is_some());
            match owner {
                Some(t) if !t.builtin => Some(Value::Obj(o)),
                _ => None,
            }
        }
        Some(Value::Obj(o)) if matches!(&*o, Object::StaticMethod(Value::Obj(b)) if matches!(&**b, Object::Builtin(_))) => {
            None
        }
        other => other,
    }
}

/// `a <op> b` for any operands.
pub fn binary_op(vm: &mut Vm, kind: BinaryOpKind, a: &Value, b: &Value) -> PyResult<Value> {
    let op = kind.base() as u32;
    if kind.is_inplace() {
        let ta = vm.type_of(a);
        if let Some(f) = user_method(&ta, &vm.t.ibinop[op as usize].clone()) {
            let r = vm.call_descr(&f, a, vec![a.clone(), b.clone()])?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        if let Some(r) = crate::types::inplace_builtin(vm, op, a, b)? {
            return Ok(r);
        }
    }
    binary_op_plain(vm, op, a, b, kind.symbol())
}

/// Non-in-place binary operator dispatch.
pub fn binary_op_plain(vm: &mut Vm, op: u32, a: &Value, b: &Value, sym: String) -> PyResult<Value> {
    let user_a = matches!(a, Value::Inst(_) | Value::Type(_));
    let user_b = matches!(b, Value::Inst(_) | Value::Type(_));
    if !user_a && !user_b {
        if let Some(r) = builtin_binop(vm, op, a, b)? {
            return Ok(r);
        }
        return Err(binop_error(vm, op, a, b, &sym));
    }
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let name = vm.t.binop[op as usize].clone();
    let rname = vm.t.rbinop[op as usize].clone();
    let fa = user_method(&ta, &name);
    let fb = if Rc::ptr_eq(&ta, &tb) { None } else { user_method(&tb, &rname) };
    // A subclass's reflected method goes first.
    if let Some(g) = &fb {
        if tb.is_subtype(&ta) && !Rc::ptr_eq(&ta, &tb) {
            let r = vm.call_descr(g, b, vec![b.clone(), a.clone()])?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
    }
    if let Some(f) = fa {
        let r = vm.call_descr(&f, a, vec![a.clone(), b.clone()])?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    // Builtin behaviour of payloads (subclasses of int, str, list ...).
    let pa = vm.payload(a);
    let pb = vm.payload(b);
    if !matches!(pa, Value::Inst(_) | Value::Type(_)) && !matches!(pb, Value::Inst(_) | Value::Type(_)) {
        if let Some(r) = builtin_binop(vm, op, &pa, &pb)? {
            return Ok(r);
        }
    }
    // `str % obj` formats any object (str's nb_remainder never defers to obj).
    if op == crate::num::MOD && matches!(pa, Value::Str(_)) {
        if let Some(r) = builtin_binop(vm, op, &pa, b)? {
            return Ok(r);
        }
    }
    if let Some(g) = fb {
        if !tb.is_subtype(&ta) {
            let r = vm.call_descr(&g, b, vec![b.clone(), a.clone()])?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
    }
    if op == crate::num::MUL {
        // sequence * object-with-__index__
        let seq_a = matches!(pa, Value::List(_) | Value::Tuple(_) | Value::Str(_));
        let seq_b = matches!(pb, Value::List(_) | Value::Tuple(_) | Value::Str(_));
        if seq_a && matches!(b, Value::Inst(_)) && vm.type_of(b).lookup(&vm.t.s_index.clone()).is_some() {
            let n = crate::types::to_index(vm, b)?;
            return binary_op_plain(vm, op, &pa, &Value::Int(n), sym);
        }
        if seq_b && matches!(a, Value::Inst(_)) && vm.type_of(a).lookup(&vm.t.s_index.clone()).is_some() {
            let n = crate::types::to_index(vm, a)?;
            return binary_op_plain(vm, op, &Value::Int(n), &pb, sym);
        }
    }
    if op == 7 {
        // Two implementations of `X | Y` landed in parallel: `types::union` (plain types, with
        // equality and hashing) and `descr::make_union` (also generic aliases). Plain types go
        // to the first; the rest to the second. To be unified into one.
        if let Some(u) = crate::types::union::make(vm, a, b)? {
            return Ok(u);
        }
        if let Some(u) = crate::descr::make_union(vm, a, b)? {
            return Ok(u);
        }
    }
    Err(binop_error(vm, op, a, b, &sym))
}

pub(crate) fn binop_error(vm: &mut Vm, op: u32, a: &Value, b: &Value, sym: &str) -> Value {
    let na = vm.type_name(a);
    let nb = vm.type_name(b);
    if op == num::ADD {
        if let Value::Str(_) = a {
            return vm.type_error(format!("can only concatenate str (not \"{nb}\") to str"));
        }
        if let Value::List(_) = a {
            return vm.type_error(format!("can only concatenate list (not \"{nb}\") to list"));
        }
        if let Value::Tuple(_) = a {
            return vm.type_error(format!("can only concatenate tuple (not \"{nb}\") to tuple"));
        }
        if matches!(a, Value::Obj(o) if matches!(&**o, Object::Bytes(_) | Object::ByteArray(_))) {
            return vm.type_error(format!("can't concat {nb} to {na}"));
        }
    }
    if op == num::MUL && matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) && !matches!(b, Value::Inst(_)) {
        return vm.type_error(format!("can't multiply sequence by non-int of type '{nb}'"));
    }
    if op == num::MUL && matches!(b, Value::Str(_) | Value::List(_) | Value::Tuple(_)) && !matches!(a, Value::Inst(_)) {
        return vm.type_error(format!("can't multiply sequence by non-int of type '{na}'"));
    }
    if op == num::POW {
        return vm.type_error(format!("unsupported operand type(s) for ** or pow(): '{na}' and '{nb}'"));
    }
    let _ = SYMS;
    vm.type_error(format!("unsupported operand type(s) for {sym}: '{na}' and '{nb}'"))
}

/// Binary operators of built-in types; Ok(None) = NotImplemented.
pub fn builtin_binop(vm: &mut Vm, op: u32, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    if let Some(r) = num::numeric_binop(vm, op, a, b)? {
        return Ok(Some(r));
    }
    crate::types::seq_binop(vm, op, a, b)
}

/// Truthiness (`bool(v)`).
pub fn truthy(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(match v {
        Value::Null | Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::BigInt(_) => true,
        Value::Str(s) => !s.is_empty(),
        Value::Tuple(t) => !t.is_empty(),
        Value::List(l) => !l.borrow().is_empty(),
        Value::Dict(d) => !d.borrow().is_empty(),
        Value::Set(s) => !s.table.borrow().is_empty(),
        Value::Inst(_) => {
            let ty = vm.type_of(v);
            if let Some(f) = user_method(&ty, &vm.t.s_bool.clone()) {
                let r = vm.call_descr(&f, v, vec![v.clone()])?;
                return match r {
                    Value::Bool(b) => Ok(b),
                    _ => {
                        let n = vm.type_name(&r);
                        Err(vm.type_error(format!("__bool__ should return bool, returned {n}")))
                    }
                };
            }
            if let Some(f) = user_method(&ty, &vm.t.s_len.clone()) {
                let r = vm.call_descr(&f, v, vec![v.clone()])?;
                let n = crate::builtins::len_result(vm, r)?;
                return Ok(n != 0);
            }
            let p = vm.payload(v);
            if !matches!(p, Value::Inst(_)) {
                return truthy(vm, &p);
            }
            true
        }
        Value::Obj(o) => match &**o {
            Object::Range { start, stop, step } => crate::types::range_len(*start, *stop, *step) != 0,
            Object::BigRange(r) => {
                crate::types::range_slice::big_len(&r[0], &r[1], &r[2]) != num_bigint::BigInt::from(0)
            }
            Object::Complex(r, i) => *r != 0.0 || *i != 0.0,
            Object::Bytes(b) => !b.is_empty(),
            Object::ByteArray(b) => !b.borrow().is_empty(),
            Object::DictView(_, d) => !d.borrow().is_empty(),
            _ => true,
        },
        _ => true,
    })
}

/// Rich comparison `a <cmp> b`.
pub fn compare(vm: &mut Vm, op: CompareOpKind, a: &Value, b: &Value) -> PyResult<Value> {
    let user = matches!(a, Value::Inst(_)) || matches!(b, Value::Inst(_));
    if !user {
        // Containers compare their items recursively: count it as a native re-entry.
        let nested = matches!(a, Value::List(_) | Value::Tuple(_) | Value::Dict(_));
        if nested {
            vm.enter_native_cmp()?;
        }
        let r = crate::types::builtin_compare(vm, op, a, b);
        if nested {
            vm.native_depth -= 1;
        }
        if let Some(r) = r? {
            return Ok(Value::Bool(r));
        }
    } else {
        let ta = vm.type_of(a);
        let tb = vm.type_of(b);
        let swapped = [4usize, 5, 2, 3, 0, 1][op as usize];
        let name = vm.t.cmpop[op as usize].clone();
        let sname = vm.t.cmpop[swapped].clone();
        let fa = user_method(&ta, &name);
        let fb = user_method(&tb, &sname);
        let b_first = !Rc::ptr_eq(&ta, &tb) && tb.is_subtype(&ta) && fb.is_some();
        if b_first {
            let r = vm.call_descr(fb.as_ref().unwrap_or(&Value::None), b, vec![b.clone(), a.clone()])?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        if let Some(f) = &fa {
            let r = vm.call_descr(f, a, vec![a.clone(), b.clone()])?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        } else if op == CompareOpKind::Ne {
            // default __ne__ inverts __eq__
            if let Some(f) = user_method(&ta, &vm.t.s_eq.clone()) {
                let r = vm.call_descr(&f, a, vec![a.clone(), b.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    let t = truthy(vm, &r)?;
                    return Ok(Value::Bool(!t));
                }
            }
        }
        if !b_first {
            if let Some(f) = &fb {
                let r = vm.call_descr(f, b, vec![b.clone(), a.clone()])?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        let pa = vm.payload(a);
        let pb = vm.payload(b);
        if !matches!(pa, Value::Inst(_)) && !matches!(pb, Value::Inst(_)) {
            if let Some(r) = crate::types::builtin_compare(vm, op, &pa, &pb)? {
                return Ok(Value::Bool(r));
            }
        }
    }
    match op {
        CompareOpKind::Eq => Ok(Value::Bool(a.is(b))),
        CompareOpKind::Ne => Ok(Value::Bool(!a.is(b))),
        _ => {
            let na = vm.type_name(a);
            let nb = vm.type_name(b);
            Err(vm.type_error(format!("'{}' not supported between instances of '{na}' and '{nb}'", op.symbol())))
        }
    }
}

/// `a == b` as a bool.
pub fn eq(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = crate::dict::fast_eq(a, b) {
        return Ok(r);
    }
    let r = compare(vm, CompareOpKind::Eq, a, b)?;
    match r {
        Value::Bool(b) => Ok(b),
        other => truthy(vm, &other),
    }
}

/// `a < b` as a bool.
pub fn lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => return Ok(x < y),
        (Value::Float(x), Value::Float(y)) => return Ok(x < y),
        (Value::Str(x), Value::Str(y)) => return Ok(x.as_str() < y.as_str()),
        _ => {}
    }
    let r = compare(vm, CompareOpKind::Lt, a, b)?;
    match r {
        Value::Bool(b) => Ok(b),
        other => truthy(vm, &other),
    }
}

/// `hash(v)`.
pub fn hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    Ok(match v {
        Value::Int(i) => num::hash_int(*i),
        Value::Bool(b) => *b as i64,
        Value::Str(s) => s.hash(),
        Value::Float(f) => num::hash_float(*f),
        Value::BigInt(b) => num::hash_big(b),
        Value::None => 0x5f5e100,
        Value::Tuple(t) => {
            // CPython's xxHash-based tuple hash.
            let mut acc: u64 = 2870177450012600261;
            for x in t.iter() {
                // Nested tuples hash recursively: bounded like any native re-entry.
                let lane = if matches!(x, Value::Tuple(_)) {
                    vm.enter_native()?;
                    let h = hash(vm, x);
                    vm.native_depth -= 1;
                    h? as u64
                } else {
                    hash(vm, x)? as u64
                };
                acc = acc.wrapping_add(lane.wrapping_mul(14029467366897019727));
                acc = acc.rotate_left(31);
                acc = acc.wrapping_mul(11400714785074694791);
            }
            acc = acc.wrapping_add((t.len() as u64) ^ (2870177450012600261 ^ 3527539));
            if acc == u64::MAX {
                1546275796
            } else {
                acc as i64
            }
        }
        Value::List(_) | Value::Dict(_) => {
            let n = vm.type_name(v);
            return Err(vm.type_error(format!("unhashable type: '{n}'")));
        }
        Value::Set(s) => {
            if !s.frozen {
                return Err(vm.type_error("unhashable type: 'set'"));
            }
            let shuffle = |h: u64| ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
            let n = s.table.borrow().len() as u64;
            let mut h: u64 = 0;
            for k in s.table.borrow().iter() {
                h ^= shuffle(k.hash as u64);
            }
            // The NULL/dummy entry corrections of CPython cancel out: only members count.
            h ^= (n + 1).wrapping_mul(1927868237);
            h ^= (h >> 11) ^ (h >> 25);
            h = h.wrapping_mul(69069).wrapping_add(907133923);
            if h == u64::MAX {
                590923713
            } else {
                h as i64
            }
        }
        Value::Inst(_) => {
            let ty = vm.type_of(v);
            let hn = vm.t.s_hash.clone();
            match ty.lookup(&hn) {
                Some(Value::None) => {
                    let n = ty.name();
                    return Err(vm.type_error(format!("unhashable type: '{n}'")));
                }
                // (A native `__hash__` counts when a native class defines it.)
                Some(f @ (Value::Func(_) | Value::Obj(_)))
                    if !matches!(&f, Value::Obj(o) if matches!(&**o, Object::Builtin(_)))
                        || user_method(&ty, &hn).is_some() =>
                {
                    let r = vm.call_descr(&f, v, vec![v.clone()])?;
                    return match r {
                        Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
                        Value::BigInt(b) => Ok(num::hash_big(&b)),
                        Value::Bool(b) => Ok(b as i64),
                        _ => Err(vm.type_error("__hash__ method should return an integer")),
                    };
                }
                _ => {}
            }
            // __eq__ defined without __hash__ makes the class unhashable.
            if user_method(&ty, &vm.t.s_eq.clone()).is_some() && !ty.dict.borrow().get_str(&hn).is_some() {
                let p = vm.payload(v);
                if matches!(p, Value::Inst(_)) {
                    let n = ty.name();
                    return Err(vm.type_error(format!("unhashable type: '{n}'")));
                }
            }
            let p = vm.payload(v);
            if !matches!(p, Value::Inst(_)) {
                return hash(vm, &p);
            }
            (v.id() >> 4) ^ (v.id() << 60)
        }
        Value::Obj(o) => match &**o {
            Object::Complex(r, i) => {
                let h = num::hash_float(*r).wrapping_add(1000003i64.wrapping_mul(num::hash_float(*i)));
                if h == -1 {
                    -2
                } else {
                    h
                }
            }
            Object::Bytes(b) => {
                let s = PyStr::new(String::from_utf8_lossy(b).into_owned());
                s.hash()
            }
            Object::ByteArray(_) | Object::DictView(..) => {
                let n = vm.type_name(v);
                return Err(vm.type_error(format!("unhashable type: '{n}'")));
            }
            Object::Slice { .. } => return Err(vm.type_error("unhashable type: 'slice'")),
            Object::Range { start, stop, step } => crate::types::range_slice::range_hash(vm, (*start, *stop, *step))?,
            Object::BigRange(r) => crate::types::range_slice::big_range_hash(vm, &r)?,
            Object::Method { func, self_ } => hash(vm, func)? ^ hash(vm, self_)?,
            _ => (v.id() >> 4) ^ (v.id() << 60),
        },
        _ => (v.id() >> 4) ^ (v.id() << 60),
    })
}

/// `repr(v)`.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    crate::repr::repr(vm, v)
}

/// `str(v)`.
pub fn to_str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    crate::repr::to_str(vm, v)
}

/// `format(v, spec)`.
pub fn format(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    crate::repr::format(vm, v, spec)
}

/// `o[k]`.
pub fn getitem(vm: &mut Vm, o: &Value, k: &Value) -> PyResult<Value> {
    crate::types::getitem(vm, o, k)
}

/// `o[k] = v`.
pub fn setitem(vm: &mut Vm, o: &Value, k: &Value, v: Value) -> PyResult<()> {
    crate::types::setitem(vm, o, k, Some(v))
}

/// `del o[k]`.
pub fn delitem(vm: &mut Vm, o: &Value, k: &Value) -> PyResult<()> {
    crate::types::setitem(vm, o, k, None)
}

/// `x in c`.
pub fn contains(vm: &mut Vm, c: &Value, x: &Value) -> PyResult<bool> {
    crate::types::contains(vm, c, x)
}

/// Unary `+`, `-`, `~`.
pub fn unary(vm: &mut Vm, op: Opcode, v: &Value) -> PyResult<Value> {
    crate::types::unary(vm, op, v)
}

/// `iter(v)`.
pub fn iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    crate::types::iter::get_iter(vm, v)
}

/// `next(it)`: Ok(None) when exhausted.
pub fn next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    // Native loops (`sum(range(10**20))`) count against the fuzzing step budget and honour
    // Ctrl-C like the dispatch loop.
    #[cfg(feature = "step-budget")]
    if let Some(e) = vm.take_step() {
        return Err(e);
    }
    if crate::vm::INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed) {
        if let Some(e) = crate::vm::take_interrupt(vm) {
            return Err(e);
        }
    }
    crate::types::iter::next(vm, it)
}

/// Collects any iterable into a Vec.
pub fn to_vec(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::Tuple(t) => return Ok((**t).clone()),
        Value::List(l) => return Ok(l.borrow().clone()),
        Value::Obj(o) => match &**o {
            // Known length: refuse up front, as CPython's length hint does.
            Object::Range { start, stop, step } => {
                crate::types::alloc_guard(vm, crate::types::range_len(*start, *stop, *step))?
            }
            Object::BigRange(r) => {
                let n = crate::types::range_slice::big_range_len(vm, r)?;
                crate::types::alloc_guard(vm, n)?
            }
            _ => {}
        },
        _ => {}
    }
    let it = iter(vm, v)?;
    let mut out = Vec::new();
    while let Some(x) = next(vm, &it)? {
        if out.len() == out.capacity() && out.try_reserve(1).is_err() {
            return Err(vm.memory_error());
        }
        out.push(x);
    }
    Ok(out)
}

/// Unpacks `v` into exactly `n` items (or `n` before + list + `after` with a star).
pub fn unpack(vm: &mut Vm, v: &Value, n: usize, after: Option<usize>) -> PyResult<Vec<Value>> {
    let it = match iter(vm, v) {
        Ok(it) => it,
        Err(e) => {
            let te = vm.t.type_error.clone();
            if vm.exc_matches(&e, &te) {
                let tn = vm.type_name(v);
                return Err(vm.type_error(format!("cannot unpack non-iterable {tn} object")));
            }
            return Err(e);
        }
    };
    match after {
        None => {
            let mut out = Vec::with_capacity(n);
            while out.len() < n {
                match next(vm, &it)? {
                    Some(x) => out.push(x),
                    None => {
                        let got = out.len();
                        return Err(vm.value_error(format!("not enough values to unpack (expected {n}, got {got})")));
                    }
                }
            }
            if next(vm, &it)?.is_some() {
                return Err(vm.value_error(format!("too many values to unpack (expected {n})")));
            }
            Ok(out)
        }
        Some(after) => {
            let mut all = Vec::new();
            while let Some(x) = next(vm, &it)? {
                all.push(x);
            }
            if all.len() < n + after {
                let got = all.len();
                return Err(
                    vm.value_error(format!("not enough values to unpack (expected at least {}, got {got})", n + after))
                );
            }
            let tail = all.split_off(all.len() - after);
            let mid = all.split_off(n);
            all.push(Value::list(mid));
            all.extend(tail);
            Ok(all)
        }
    }
}

/// Adds keyword arguments from a mapping (for `f(**m)`).
pub fn kwargs_from_mapping(vm: &mut Vm, m: &Value, kw: &mut Kw) -> PyResult<()> {
    let items = crate::types::dict::mapping_items(vm, m)?;
    for (k, v) in items {
        match k {
            Value::Str(s) => {
                if kw.iter().any(|(n, _)| n.as_str() == s.as_str()) {
                    return Err(vm.type_error(format!("got multiple values for keyword argument '{}'", s.as_str())));
                }
                kw.push((s, v))
            }
            _ => return Err(vm.type_error("keywords must be strings")),
        }
    }
    Ok(())
}

/// LIST_APPEND / SET_ADD / LIST_EXTEND / SET_UPDATE / DICT_UPDATE / DICT_MERGE.
pub fn collection_add(vm: &mut Vm, op: Opcode, target: &Value, v: Value) -> PyResult<()> {
    match (op, target) {
        (Opcode::LIST_APPEND, Value::List(l)) => l.borrow_mut().push(v),
        (Opcode::LIST_EXTEND, Value::List(l)) => {
            let items = match to_vec(vm, &v) {
                Ok(i) => i,
                Err(e) => {
                    let te = vm.t.type_error.clone();
                    if vm.exc_matches(&e, &te) && !matches!(v, Value::Inst(_)) {
                        let tn = vm.type_name(&v);
                        return Err(vm.type_error(format!("Value after * must be an iterable, not {tn}")));
                    }
                    return Err(e);
                }
            };
            l.borrow_mut().extend(items);
        }
        (Opcode::SET_ADD, Value::Set(s)) => crate::types::set::set_add(vm, s, v)?,
        (Opcode::SET_UPDATE, Value::Set(s)) => {
            for x in to_vec(vm, &v)? {
                crate::types::set::set_add(vm, s, x)?;
            }
        }
        (Opcode::DICT_UPDATE | Opcode::DICT_MERGE, Value::Dict(d)) => {
            let items = match crate::types::dict::mapping_items(vm, &v) {
                Ok(i) => i,
                Err(_) => {
                    let tn = vm.type_name(&v);
                    return Err(vm.type_error(format!("'{tn}' object is not a mapping")));
                }
            };
            for (k, x) in items {
                if op == Opcode::DICT_MERGE && crate::types::dict::dict_get(vm, d, &k)?.is_some() {
                    let ks = repr(vm, &k)?;
                    return Err(vm.type_error(format!("got multiple values for keyword argument {ks}")));
                }
                crate::types::dict::dict_set(vm, d, k, x)?;
            }
        }
        _ => return Err(vm.type_error("bad collection operation")),
    }
    Ok(())
}
