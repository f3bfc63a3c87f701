//! Methods of range and slice objects: `slice.indices`, `range.index/count`, and the
//! CPython rules for their equality and hashing.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::object::Object;
use crate::types::add_method;
use crate::types::args::check_count;
use crate::types::{range_len, to_index};
use crate::value::Value;
use crate::vm::{Kw, PyResult, Vm};

fn big_index(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = crate::num::to_big(&vm.payload(v)) {
        return Ok(b);
    }
    let i = to_index(vm, v)?;
    Ok(BigInt::from(i))
}

/// `slice.indices(length)` with CPython's `PySlice_GetIndicesEx`-style clamping on big ints.
pub fn indices(
    vm: &mut Vm,
    start: &Value,
    stop: &Value,
    step: &Value,
    len: &BigInt,
) -> PyResult<(BigInt, BigInt, BigInt)> {
    let err = "slice indices must be integers or None or have an __index__ method";
    let get = |vm: &mut Vm, v: &Value| -> PyResult<Option<BigInt>> {
        if v.is_none() {
            return Ok(None);
        }
        big_index(vm, v).map(Some).map_err(|_| vm.type_error(err))
    };
    let st = get(vm, step)?.unwrap_or_else(|| BigInt::from(1));
    if st.is_zero() {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let neg = st.is_negative();
    let (lower, upper) = if neg { (BigInt::from(-1), len - 1) } else { (BigInt::from(0), len.clone()) };
    let fix = |v: Option<BigInt>, default: &BigInt| -> BigInt {
        match v {
            None => default.clone(),
            Some(mut x) => {
                if x.is_negative() {
                    x += len;
                    if x < lower {
                        x = lower.clone();
                    }
                } else if x > upper {
                    x = upper.clone();
                }
                x
            }
        }
    };
    let a = get(vm, start)?;
    let b = get(vm, stop)?;
    let s = fix(a, if neg { &upper } else { &lower });
    let e = fix(b, if neg { &lower } else { &upper });
    Ok((s, e, st))
}

fn s_indices(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let (start, stop, step) = match a.first() {
        Some(Value::Obj(o)) => match &**o {
            Object::Slice { start, stop, step } => (start.clone(), stop.clone(), step.clone()),
            _ => return Err(vm.type_error("descriptor 'indices' requires a 'slice' object")),
        },
        _ => return Err(vm.type_error("descriptor 'indices' requires a 'slice' object")),
    };
    check_count(vm, "slice.indices", &a[1..], &k, 1, 1)?;
    let len = big_index(vm, &a[1])?;
    if len.is_negative() {
        return Err(vm.value_error("length should not be negative"));
    }
    let (s, e, st) = indices(vm, &start, &stop, &step, &len)?;
    Ok(Value::tuple(vec![Value::from_bigint(s), Value::from_bigint(e), Value::from_bigint(st)]))
}

fn range_of(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<(i64, i64, i64)> {
    if let Some(Value::Obj(o)) = a.first() {
        if let Object::Range { start, stop, step } = &**o {
            return Ok((*start, *stop, *step));
        }
    }
    Err(vm.type_error(format!("descriptor '{name}' requires a 'range' object")))
}

/// Index of `x` in the range, if it is an int member.
fn range_find(r: (i64, i64, i64), x: &Value) -> Option<i64> {
    let (start, stop, step) = r;
    let v = match x {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ => return None,
    };
    let inside = if step > 0 { v >= start && v < stop } else { v <= start && v > stop };
    if !inside || (v as i128 - start as i128) % step as i128 != 0 {
        return None;
    }
    Some(((v as i128 - start as i128) / step as i128) as i64)
}

fn r_index(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let r = range_of(vm, &a, "index")?;
    check_count(vm, "index", &a[1..], &k, 1, 1)?;
    let x = vm.payload(&a[1]);
    if let Some(i) = range_find(r, &x) {
        return Ok(Value::Int(i));
    }
    if !crate::num::is_int(&x) {
        // Generic search by equality (e.g. 3.0 in range).
        let len = range_len(r.0, r.1, r.2);
        for i in 0..len.min(1 << 20) {
            if crate::ops::eq(vm, &Value::Int(r.0 + i * r.2), &a[1])? {
                return Ok(Value::Int(i));
            }
        }
    }
    let rep = crate::ops::repr(vm, &a[1])?;
    Err(vm.value_error(format!("{rep} is not in range")))
}

fn r_count(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let r = range_of(vm, &a, "count")?;
    check_count(vm, "count", &a[1..], &k, 1, 1)?;
    let x = vm.payload(&a[1]);
    if crate::num::is_int(&x) {
        return Ok(Value::Int(range_find(r, &x).is_some() as i64));
    }
    let len = range_len(r.0, r.1, r.2);
    let mut n = 0;
    for i in 0..len.min(1 << 20) {
        if crate::ops::eq(vm, &Value::Int(r.0 + i * r.2), &a[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// CPython's range equality: same length, and same start (and step when longer than 1).
pub fn range_eq(a: (i64, i64, i64), b: (i64, i64, i64)) -> bool {
    let la = range_len(a.0, a.1, a.2);
    let lb = range_len(b.0, b.1, b.2);
    if la != lb {
        return false;
    }
    if la == 0 {
        return true;
    }
    if a.0 != b.0 {
        return false;
    }
    la == 1 || a.2 == b.2
}

/// CPython's range hash: `hash((len, start, step))` with None for irrelevant parts.
pub fn range_hash(vm: &mut Vm, r: (i64, i64, i64)) -> PyResult<i64> {
    let len = range_len(r.0, r.1, r.2);
    let t = match len {
        0 => vec![Value::Int(0), Value::None, Value::None],
        1 => vec![Value::Int(1), Value::Int(r.0), Value::None],
        _ => vec![Value::Int(len), Value::Int(r.0), Value::Int(r.2)],
    };
    crate::ops::hash(vm, &Value::tuple(t))
}

/// Length of a range with big-int bounds.
pub fn big_len(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let one = BigInt::from(1);
    if step.is_positive() && start < stop {
        (stop - start - &one) / step + one
    } else if step.is_negative() && start > stop {
        (start - stop - &one) / (-step) + one
    } else {
        BigInt::zero()
    }
}

/// The bounds of a range object (small or big) as big ints.
pub fn parts(o: &Object) -> Option<(BigInt, BigInt, BigInt)> {
    match o {
        Object::Range { start, stop, step } => Some((BigInt::from(*start), BigInt::from(*stop), BigInt::from(*step))),
        Object::BigRange(r) => Some((r[0].clone(), r[1].clone(), r[2].clone())),
        _ => None,
    }
}

/// A range value: the i64 form when bounds and length fit, else the big form.
pub fn make_range(start: BigInt, stop: BigInt, step: BigInt) -> Value {
    let len = big_len(&start, &stop, &step);
    if let (Some(a), Some(b), Some(c), Some(_)) = (start.to_i64(), stop.to_i64(), step.to_i64(), len.to_i64()) {
        if a.checked_add(c).is_some() && b.checked_sub(c).is_some() {
            return Value::obj(Object::Range { start: a, stop: b, step: c });
        }
    }
    Value::obj(Object::BigRange(Box::new([start, stop, step])))
}

/// `len(range)` for a big range (OverflowError past ssize_t).
pub fn big_range_len(vm: &mut Vm, r: &[BigInt; 3]) -> PyResult<i64> {
    big_len(&r[0], &r[1], &r[2])
        .to_i64()
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))
}

/// `r[k]` for a big range.
pub fn big_getitem(vm: &mut Vm, r: &[BigInt; 3], k: &Value) -> PyResult<Value> {
    let len = big_len(&r[0], &r[1], &r[2]);
    if let Value::Obj(o) = k {
        if let Object::Slice { start, stop, step } = &**o {
            let (s, e, st) = indices(vm, start, stop, step, &len)?;
            return Ok(make_range(&r[0] + &s * &r[2], &r[0] + &e * &r[2], &r[2] * &st));
        }
    }
    let mut i = match crate::num::to_big(&vm.payload(k)) {
        Some(i) => i,
        None if matches!(k, Value::Inst(_)) => crate::types::index_big(vm, k)?,
        None => {
            let n = vm.type_name(k);
            return Err(vm.type_error(format!("range indices must be integers or slices, not {n}")));
        }
    };
    if i.is_negative() {
        i += &len;
    }
    if i.is_negative() || i >= len {
        return Err(vm.index_error("range object index out of range"));
    }
    Ok(Value::from_bigint(&r[0] + i * &r[2]))
}

/// Membership of a value in a big range.
pub fn big_contains(vm: &mut Vm, r: &[BigInt; 3], x: &Value) -> PyResult<bool> {
    let p = vm.payload(x);
    let Some(v) = crate::num::to_big(&p) else {
        return Ok(false);
    };
    let inside = if r[2].is_positive() { v >= r[0] && v < r[1] } else { v <= r[0] && v > r[1] };
    Ok(inside && ((v - &r[0]) % &r[2]).is_zero())
}

/// `repr(range)` for any range.
pub fn range_repr(start: &BigInt, stop: &BigInt, step: &BigInt) -> String {
    if *step == BigInt::from(1) {
        format!("range({start}, {stop})")
    } else {
        format!("range({start}, {stop}, {step})")
    }
}

/// Hash of a big range (same scheme as small ones).
pub fn big_range_hash(vm: &mut Vm, r: &[BigInt; 3]) -> PyResult<i64> {
    let len = big_len(&r[0], &r[1], &r[2]);
    let t = if len.is_zero() {
        vec![Value::Int(0), Value::None, Value::None]
    } else if len == BigInt::from(1) {
        vec![Value::Int(1), Value::from_bigint(r[0].clone()), Value::None]
    } else {
        vec![Value::from_bigint(len), Value::from_bigint(r[0].clone()), Value::from_bigint(r[2].clone())]
    };
    crate::ops::hash(vm, &Value::tuple(t))
}

fn big_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let Some(Value::List(st)) = a.first() else {
        return Ok(Value::None);
    };
    let (cur, stop, step) = {
        let s = st.borrow();
        match (
            s.first().and_then(crate::num::to_big),
            s.get(1).and_then(crate::num::to_big),
            s.get(2).and_then(crate::num::to_big),
        ) {
            (Some(a), Some(b), Some(c)) => (a, b, c),
            _ => return Ok(Value::None),
        }
    };
    let more = if step.is_positive() { cur < stop } else { cur > stop };
    if !more {
        return Ok(Value::None);
    }
    st.borrow_mut()[0] = Value::from_bigint(&cur + &step);
    let _ = vm;
    Ok(Value::from_bigint(cur))
}

/// An iterator over a big range (forward, or reversed when `rev`).
pub fn big_iter(r: &[BigInt; 3], rev: bool) -> Value {
    let (cur, stop, step) = if rev {
        let len = big_len(&r[0], &r[1], &r[2]);
        let last = &r[0] + (len - 1) * &r[2];
        (last, &r[0] - &r[2], -&r[2])
    } else {
        (r[0].clone(), r[1].clone(), r[2].clone())
    };
    let state = Value::list(vec![Value::from_bigint(cur), Value::from_bigint(stop), Value::from_bigint(step)]);
    let f =
        Value::obj(Object::Builtin(crate::object::Builtin { name: "range_iterator", f: big_next, self_: Some(state) }));
    crate::types::iter::new_iter(crate::object::IterKind::Callable { f, sentinel: Value::None })
}

/// Installs range and slice methods.
pub fn init(vm: &mut Vm) {
    add_method(&vm.t.slice.clone(), "indices", s_indices);
    let r = vm.t.range.clone();
    add_method(&r, "index", r_index);
    add_method(&r, "count", r_count);
    let _ = ToPrimitive::to_i64(&BigInt::from(0));
}
