//! Methods of int, float and complex (the arithmetic special methods are in `dunders`).

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};

use crate::object::Object;
use crate::text;
use crate::types::args::{bind, check_count};
use crate::types::formatting::text_err;
use crate::types::{add_method, to_index};
use crate::value::Value;
use crate::vm::{native, Kw, PyResult, Vm};

fn int_self(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<BigInt> {
    let p = vm.payload(a.first().unwrap_or(&Value::None));
    match crate::num::to_big(&p) {
        Some(b) => Ok(b),
        None => {
            let n = a.first().map(|v| vm.type_name(v)).unwrap_or_default();
            Err(vm.type_error(format!("descriptor '{name}' for 'int' objects doesn't apply to a '{n}' object")))
        }
    }
}

fn float_self(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<f64> {
    match a.first().map(|v| vm.payload(v)) {
        Some(Value::Float(f)) => Ok(f),
        _ => {
            let n = a.first().map(|v| vm.type_name(v)).unwrap_or_default();
            Err(vm.type_error(format!("descriptor '{name}' for 'float' objects doesn't apply to a '{n}' object")))
        }
    }
}

fn i_bit_length(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = int_self(vm, &a, "bit_length")?;
    check_count(vm, "int.bit_length", &a[1..], &k, 0, 0)?;
    Ok(Value::Int(b.magnitude().bits() as i64))
}
fn i_bit_count(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = int_self(vm, &a, "bit_count")?;
    check_count(vm, "int.bit_count", &a[1..], &k, 0, 0)?;
    let n: u64 = b.magnitude().to_u64_digits().iter().map(|d| d.count_ones() as u64).sum();
    Ok(Value::Int(n as i64))
}
fn i_conjugate(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = int_self(vm, &a, "conjugate")?;
    check_count(vm, "int.conjugate", &a[1..], &k, 0, 0)?;
    Ok(Value::from_bigint(b))
}
fn i_ratio(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = int_self(vm, &a, "as_integer_ratio")?;
    check_count(vm, "int.as_integer_ratio", &a[1..], &k, 0, 0)?;
    Ok(Value::tuple(vec![Value::from_bigint(b), Value::Int(1)]))
}

/// Parses a `byteorder` argument: true for big-endian.
fn byteorder(vm: &mut Vm, fname: &str, v: Option<Value>) -> PyResult<bool> {
    match v {
        None => Ok(true),
        Some(Value::Str(s)) => match s.as_str() {
            "big" => Ok(true),
            "little" => Ok(false),
            _ => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
        },
        Some(o) => {
            let n = vm.type_name(&o);
            Err(vm.type_error(format!("{fname}() argument 'byteorder' must be str, not {n}")))
        }
    }
}

fn i_to_bytes(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let b = int_self(vm, &a, "to_bytes")?;
    let p = bind(vm, "to_bytes", &a[1..], &kw, &["length", "byteorder", "signed"], 0, 0, 2)?;
    let len = match &p[0] {
        Some(v) => to_index(vm, v)?,
        None => 1,
    };
    if len < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    crate::types::alloc_guard(vm, len)?;
    let big = byteorder(vm, "to_bytes", p[1].clone())?;
    let signed = match &p[2] {
        Some(v) => crate::ops::truthy(vm, v)?,
        None => false,
    };
    if !signed && b.is_negative() {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if b.is_zero() {
        vec![]
    } else if signed {
        b.to_signed_bytes_le()
    } else {
        b.to_bytes_le().1
    };
    if bytes.len() as i64 > len {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if signed && b.is_negative() { 0xff } else { 0 };
    bytes.resize(len as usize, fill);
    if big {
        bytes.reverse();
    }
    Ok(Value::obj(Object::Bytes(bytes)))
}

/// The bytes of a bytes-like object or an iterable of ints.
pub fn bytes_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match vm.payload(v) {
        Value::Obj(o) => match &*o {
            Object::Bytes(b) => return Ok(b.clone()),
            Object::ByteArray(b) => return Ok(b.borrow().clone()),
            _ => {}
        },
        Value::Str(_) => return Err(vm.type_error("cannot convert 'str' object to bytes")),
        _ => {}
    }
    let items = crate::ops::to_vec(vm, v).map_err(|_| {
        let n = vm.type_name(v);
        vm.type_error(format!("cannot convert '{n}' object to bytes"))
    })?;
    let mut out = Vec::with_capacity(items.len());
    for x in items {
        let i = to_index(vm, &x)?;
        if !(0..256).contains(&i) {
            return Err(vm.value_error("bytes must be in range(0, 256)"));
        }
        out.push(i as u8);
    }
    Ok(out)
}

fn i_from_bytes(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let cls = a.first().cloned().unwrap_or(Value::None);
    let p = bind(vm, "from_bytes", &a[1..], &kw, &["bytes", "byteorder", "signed"], 1, 0, 2)?;
    let data = bytes_arg(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    let big = byteorder(vm, "from_bytes", p[1].clone())?;
    let signed = match &p[2] {
        Some(v) => crate::ops::truthy(vm, v)?,
        None => false,
    };
    let r = match (big, signed) {
        (true, true) => BigInt::from_signed_bytes_be(&data),
        (false, true) => BigInt::from_signed_bytes_le(&data),
        (true, false) => BigInt::from_bytes_be(Sign::Plus, &data),
        (false, false) => BigInt::from_bytes_le(Sign::Plus, &data),
    };
    let v = Value::from_bigint(r);
    match &cls {
        Value::Type(t) if !std::rc::Rc::ptr_eq(t, &vm.t.int) => vm.call0(&cls, vec![v]),
        _ => Ok(v),
    }
}

fn f_is_integer(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let f = float_self(vm, &a, "is_integer")?;
    check_count(vm, "float.is_integer", &a[1..], &k, 0, 0)?;
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}
fn f_conjugate(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let f = float_self(vm, &a, "conjugate")?;
    check_count(vm, "float.conjugate", &a[1..], &k, 0, 0)?;
    Ok(Value::Float(f))
}
fn f_ratio(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let f = float_self(vm, &a, "as_integer_ratio")?;
    check_count(vm, "float.as_integer_ratio", &a[1..], &k, 0, 0)?;
    match text::float_as_integer_ratio(f) {
        Ok((n, d)) => Ok(Value::tuple(vec![Value::from_bigint(n), Value::from_bigint(d)])),
        Err(e) => Err(text_err(vm, e)),
    }
}
fn f_hex(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let f = float_self(vm, &a, "hex")?;
    check_count(vm, "float.hex", &a[1..], &k, 0, 0)?;
    Ok(Value::str(text::float_hex(f)))
}
fn f_fromhex(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    check_count(vm, "fromhex", &a[1..], &k, 1, 1)?;
    let s = match vm.payload(&a[1]) {
        Value::Str(s) => s.as_str().to_string(),
        _ => return Err(vm.type_error("bad argument type for built-in operation")),
    };
    let f = text::float_fromhex(&s).map_err(|e| text_err(vm, e))?;
    match &a[0] {
        Value::Type(t) if !std::rc::Rc::ptr_eq(t, &vm.t.float) => {
            let c = a[0].clone();
            vm.call0(&c, vec![Value::Float(f)])
        }
        _ => Ok(Value::Float(f)),
    }
}
fn c_conjugate(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    if let Some(Value::Obj(o)) = a.first().map(|v| vm.payload(v)) {
        if let Object::Complex(r, i) = &*o {
            check_count(vm, "complex.conjugate", &a[1..], &k, 0, 0)?;
            return Ok(Value::obj(Object::Complex(*r, -i)));
        }
    }
    Err(vm.type_error("descriptor 'conjugate' for 'complex' objects doesn't apply to this object"))
}

/// Installs numeric methods.
pub fn init(vm: &mut Vm) {
    let t = vm.t.int.clone();
    add_method(&t, "bit_length", i_bit_length);
    add_method(&t, "bit_count", i_bit_count);
    add_method(&t, "conjugate", i_conjugate);
    add_method(&t, "as_integer_ratio", i_ratio);
    add_method(&t, "to_bytes", i_to_bytes);
    t.dict
        .borrow_mut()
        .set_str(crate::value::s("from_bytes"), Value::obj(Object::ClassMethod(native("from_bytes", i_from_bytes))));
    let f = vm.t.float.clone();
    add_method(&f, "is_integer", f_is_integer);
    add_method(&f, "conjugate", f_conjugate);
    add_method(&f, "as_integer_ratio", f_ratio);
    add_method(&f, "hex", f_hex);
    f.dict
        .borrow_mut()
        .set_str(crate::value::s("fromhex"), Value::obj(Object::ClassMethod(native("fromhex", f_fromhex))));
    add_method(&vm.t.complex.clone(), "conjugate", c_conjugate);
}
