//! Methods of int, float and complex.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::object::Object;
use crate::types::add_method;
use crate::value::Value;
use crate::vm::{native, Kw, PyResult, Vm};

fn int_self(vm: &mut Vm, a: &[Value]) -> PyResult<BigInt> {
    let p = vm.payload(a.first().unwrap_or(&Value::None));
    crate::num::to_big(&p).ok_or_else(|| vm.type_error("descriptor requires an 'int' object"))
}

fn float_self(vm: &mut Vm, a: &[Value]) -> PyResult<f64> {
    match a.first().map(|v| vm.payload(v)) {
        Some(Value::Float(f)) => Ok(f),
        _ => Err(vm.type_error("descriptor requires a 'float' object")),
    }
}

fn i_bit_length(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let b = int_self(vm, &a)?;
    Ok(Value::Int(b.abs().bits() as i64))
}
fn i_bit_count(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let b = int_self(vm, &a)?;
    let n: u64 = b.abs().to_u64_digits().1.iter().map(|d| d.count_ones() as u64).sum();
    Ok(Value::Int(n as i64))
}
fn i_conjugate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::from_bigint(int_self(vm, &a)?))
}
fn i_ratio(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let b = int_self(vm, &a)?;
    Ok(Value::tuple(vec![Value::from_bigint(b), Value::Int(1)]))
}
fn i_to_bytes(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let b = int_self(vm, &a)?;
    let len = match a.get(1).cloned().or_else(|| kw.iter().find(|(k, _)| k.as_str() == "length").map(|x| x.1.clone())) {
        Some(v) => crate::types::to_index(vm, &v)? as usize,
        None => 1,
    };
    let order = a.get(2).cloned().or_else(|| kw.iter().find(|(k, _)| k.as_str() == "byteorder").map(|x| x.1.clone()));
    let big = matches!(&order, Some(Value::Str(s)) if s.as_str() == "big") || order.is_none();
    let signed = kw.iter().any(|(k, v)| k.as_str() == "signed" && matches!(v, Value::Bool(true)));
    let mut bytes = if signed { b.to_signed_bytes_le() } else {
        if b.is_negative() {
            return Err(vm.overflow_error("can't convert negative int to unsigned"));
        }
        b.to_bytes_le().1
    };
    if b.is_zero() {
        bytes = vec![0];
    }
    if bytes.len() > len && !(bytes.len() == len + 1 && !signed && bytes[len] == 0) {
        if !(b.is_zero() && len == 0) {
            return Err(vm.overflow_error("int too big to convert"));
        }
    }
    let fill = if signed && b.is_negative() { 0xff } else { 0 };
    bytes.resize(len, fill);
    if big {
        bytes.reverse();
    }
    Ok(Value::obj(Object::Bytes(bytes)))
}
fn f_is_integer(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = float_self(vm, &a)?;
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}
fn f_conjugate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Float(float_self(vm, &a)?))
}
fn f_ratio(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = float_self(vm, &a)?;
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    let (m, e) = crate::num::frexp(f);
    let mut mant = BigInt::from((m * 2f64.powi(53)) as i64);
    let mut exp = e - 53;
    let mut den = BigInt::from(1);
    while exp < 0 && (&mant % 2u32).is_zero() && !mant.is_zero() {
        mant /= 2;
        exp += 1;
    }
    if mant.is_zero() {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    if exp >= 0 {
        mant <<= exp as usize;
    } else {
        den <<= (-exp) as usize;
    }
    Ok(Value::tuple(vec![Value::from_bigint(mant), Value::from_bigint(den)]))
}
fn f_hex(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = float_self(vm, &a)?;
    if f == 0.0 {
        return Ok(Value::str(if f.is_sign_negative() { "-0x0.0p+0" } else { "0x0.0p+0" }));
    }
    if !f.is_finite() {
        return Ok(Value::str(crate::repr::float_repr(f)));
    }
    let bits = f.to_bits();
    let sign = if f < 0.0 { "-" } else { "" };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1u64 << 52) - 1);
    let (lead, e) = if exp == 0 { (0, -1022) } else { (1, exp - 1023) };
    let mut hex = format!("{mant:013x}");
    while hex.len() > 1 && hex.ends_with('0') {
        hex.pop();
    }
    let es = if e >= 0 { format!("+{e}") } else { format!("{e}") };
    Ok(Value::str(format!("{sign}0x{lead}.{hex}p{es}")))
}
fn c_conjugate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let Some(Value::Obj(o)) = a.first() {
        if let Object::Complex(r, i) = &**o {
            return Ok(Value::obj(Object::Complex(*r, -i)));
        }
    }
    Err(vm.type_error("descriptor requires a 'complex' object"))
}
fn f_fromhex(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = match a.get(1) {
        Some(Value::Str(s)) => s.as_str().trim().to_ascii_lowercase(),
        _ => return Err(vm.type_error("fromhex() argument must be str")),
    };
    let (neg, body) = match s.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, s.trim_start_matches('+').to_string()),
    };
    let body = body.trim_start_matches("0x");
    let (mant, exp) = match body.split_once('p') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (body, 0),
    };
    let (ip, fp) = mant.split_once('.').unwrap_or((mant, ""));
    let mut v = 0f64;
    for c in ip.chars() {
        v = v * 16.0 + c.to_digit(16).ok_or_else(|| vm.value_error("invalid hexadecimal floating-point string"))? as f64;
    }
    let mut scale = 1.0 / 16.0;
    for c in fp.chars() {
        v += c.to_digit(16).ok_or_else(|| vm.value_error("invalid hexadecimal floating-point string"))? as f64 * scale;
        scale /= 16.0;
    }
    let r = v * 2f64.powi(exp);
    Ok(Value::Float(if neg { -r } else { r }))
}

/// Installs numeric methods.
pub fn init(vm: &mut Vm) {
    let t = vm.t.int.clone();
    add_method(&t, "bit_length", i_bit_length);
    add_method(&t, "bit_count", i_bit_count);
    add_method(&t, "conjugate", i_conjugate);
    add_method(&t, "as_integer_ratio", i_ratio);
    add_method(&t, "to_bytes", i_to_bytes);
    let f = vm.t.float.clone();
    add_method(&f, "is_integer", f_is_integer);
    add_method(&f, "conjugate", f_conjugate);
    add_method(&f, "as_integer_ratio", f_ratio);
    add_method(&f, "hex", f_hex);
    f.dict.borrow_mut().set_str(crate::value::s("fromhex"), Value::obj(Object::ClassMethod(native("fromhex", f_fromhex))));
    add_method(&vm.t.complex.clone(), "conjugate", c_conjugate);
    let _ = ToPrimitive::to_i64(&BigInt::from(0));
}
