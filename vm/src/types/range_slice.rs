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
pub fn indices(vm: &mut Vm, start: &Value, stop: &Value, step: &Value, len: &BigInt) -> PyResult<(BigInt, BigInt, BigInt)> {
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

/// Installs range and slice methods.
pub fn init(vm: &mut Vm) {
    add_method(&vm.t.slice.clone(), "indices", s_indices);
    let r = vm.t.range.clone();
    add_method(&r, "index", r_index);
    add_method(&r, "count", r_count);
    let _ = ToPrimitive::to_i64(&BigInt::from(0));
}
