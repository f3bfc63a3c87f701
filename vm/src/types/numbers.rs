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
    let hex = format!("{mant:013x}");
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
    let mut r = v;
    let mut e = exp;
    while e > 0 {
        let step = e.min(1000);
        r *= 2f64.powi(step);
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(1000);
        r /= 2f64.powi(step);
        e += step;
    }
    Ok(Value::Float(if neg { -r } else { r }))
}

fn i_from_bytes(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let data = a.get(1).cloned().unwrap_or(Value::None);
    let bytes: Vec<u8> = match &data {
        Value::Obj(o) => match &**o {
            Object::Bytes(b) => b.clone(),
            Object::ByteArray(b) => b.borrow().clone(),
            _ => crate::ops::to_vec(vm, &data)?.iter().map(|v| crate::num::small(v).unwrap_or(0) as u8).collect(),
        },
        _ => crate::ops::to_vec(vm, &data)?.iter().map(|v| crate::num::small(v).unwrap_or(0) as u8).collect(),
    };
    let order = a.get(2).cloned().or_else(|| kw.iter().find(|(k, _)| k.as_str() == "byteorder").map(|x| x.1.clone()));
    let big = !matches!(&order, Some(Value::Str(s)) if s.as_str() == "little");
    let signed = kw.iter().any(|(k, v)| k.as_str() == "signed" && matches!(v, Value::Bool(true)));
    let mut le = bytes.clone();
    if big {
        le.reverse();
    }
    let v = if signed { BigInt::from_signed_bytes_le(&le) } else { BigInt::from_bytes_le(num_bigint::Sign::Plus, &le) };
    Ok(Value::from_bigint(v))
}

/// Installs numeric methods.
pub fn init(vm: &mut Vm) {
    let t = vm.t.int.clone();
    add_method(&t, "bit_length", i_bit_length);
    add_method(&t, "bit_count", i_bit_count);
    add_method(&t, "conjugate", i_conjugate);
    add_method(&t, "as_integer_ratio", i_ratio);
    add_method(&t, "to_bytes", i_to_bytes);
    t.dict.borrow_mut().set_str(crate::value::s("from_bytes"), Value::obj(Object::ClassMethod(native("from_bytes", i_from_bytes))));
    let f = vm.t.float.clone();
    add_method(&f, "is_integer", f_is_integer);
    add_method(&f, "conjugate", f_conjugate);
    add_method(&f, "as_integer_ratio", f_ratio);
    add_method(&f, "hex", f_hex);
    f.dict.borrow_mut().set_str(crate::value::s("fromhex"), Value::obj(Object::ClassMethod(native("fromhex", f_fromhex))));
    add_method(&vm.t.complex.clone(), "conjugate", c_conjugate);
    init_dunders(vm);
    let _ = ToPrimitive::to_i64(&BigInt::from(0));
}

macro_rules! num_dunders {
    ($( $fname:ident = $name:literal, $op:expr, $refl:expr; )*) => {
        $(
            fn $fname(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
                let x = vm.payload(a.first().unwrap_or(&Value::None));
                let y = vm.payload(a.get(1).unwrap_or(&Value::None));
                let self_is_int = matches!(x, Value::Int(_) | Value::Bool(_) | Value::BigInt(_));
                let self_is_float = matches!(x, Value::Float(_));
                let other_ok = match &y {
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => true,
                    Value::Float(_) => !self_is_int,
                    _ => !self_is_int && !self_is_float,
                };
                if !other_ok {
                    return Ok(Value::NotImplemented);
                }
                let (p, q) = if $refl { (y, x) } else { (x, y) };
                let numeric = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_))
                    || matches!(v, Value::Obj(o) if matches!(&**o, Object::Complex(..)));
                if !numeric(&p) || !numeric(&q) {
                    return Ok(Value::NotImplemented);
                }
                match crate::num::numeric_binop(vm, $op, &p, &q)? {
                    Some(r) => Ok(r),
                    None => Ok(Value::NotImplemented),
                }
            }
        )*
        fn install_num_dunders(t: &std::rc::Rc<crate::object::Type>) {
            $( add_method(t, $name, $fname); )*
        }
    };
}

num_dunders! {
    d_add = "__add__", crate::num::ADD, false; d_radd = "__radd__", crate::num::ADD, true;
    d_sub = "__sub__", crate::num::SUB, false; d_rsub = "__rsub__", crate::num::SUB, true;
    d_mul = "__mul__", crate::num::MUL, false; d_rmul = "__rmul__", crate::num::MUL, true;
    d_truediv = "__truediv__", crate::num::TRUEDIV, false; d_rtruediv = "__rtruediv__", crate::num::TRUEDIV, true;
    d_floordiv = "__floordiv__", crate::num::FLOORDIV, false; d_rfloordiv = "__rfloordiv__", crate::num::FLOORDIV, true;
    d_mod = "__mod__", crate::num::MOD, false; d_rmod = "__rmod__", crate::num::MOD, true;
    d_pow = "__pow__", crate::num::POW, false; d_rpow = "__rpow__", crate::num::POW, true;
    d_and = "__and__", crate::num::AND, false; d_rand = "__rand__", crate::num::AND, true;
    d_or = "__or__", crate::num::OR, false; d_ror = "__ror__", crate::num::OR, true;
    d_xor = "__xor__", crate::num::XOR, false; d_rxor = "__rxor__", crate::num::XOR, true;
    d_lshift = "__lshift__", crate::num::LSHIFT, false; d_rlshift = "__rlshift__", crate::num::LSHIFT, true;
    d_rshift = "__rshift__", crate::num::RSHIFT, false; d_rrshift = "__rrshift__", crate::num::RSHIFT, true;
}

macro_rules! cmp_dunders {
    ($( $fname:ident = $name:literal, $op:expr; )*) => {
        $(
            fn $fname(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
                let x = vm.payload(a.first().unwrap_or(&Value::None));
                let y = vm.payload(a.get(1).unwrap_or(&Value::None));
                match crate::types::builtin_compare(vm, $op, &x, &y)? {
                    Some(r) => Ok(Value::Bool(r)),
                    None => Ok(Value::NotImplemented),
                }
            }
        )*
        /// Installs rich-comparison dunders on a builtin type.
        pub fn install_cmp_dunders(t: &std::rc::Rc<crate::object::Type>) {
            $( add_method(t, $name, $fname); )*
        }
    };
}

cmp_dunders! {
    c_lt = "__lt__", format::CompareOpKind::Lt; c_le = "__le__", format::CompareOpKind::Le;
    c_eq = "__eq__", format::CompareOpKind::Eq; c_ne = "__ne__", format::CompareOpKind::Ne;
    c_gt = "__gt__", format::CompareOpKind::Gt; c_ge = "__ge__", format::CompareOpKind::Ge;
}

fn u_neg(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = vm.payload(a.first().unwrap_or(&Value::None));
    crate::types::unary(vm, format::Opcode::UNARY_NEGATIVE, &x)
}
fn u_pos(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = vm.payload(a.first().unwrap_or(&Value::None));
    crate::types::unary(vm, format::Opcode::UNARY_POSITIVE, &x)
}
fn u_invert(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = vm.payload(a.first().unwrap_or(&Value::None));
    crate::types::unary(vm, format::Opcode::UNARY_INVERT, &x)
}
fn u_bool(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = vm.payload(a.first().unwrap_or(&Value::None));
    Ok(Value::Bool(crate::ops::truthy(vm, &x)?))
}
fn u_float(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = vm.payload(a.first().unwrap_or(&Value::None));
    Ok(Value::Float(crate::types::construct::to_float(vm, &x)?))
}
fn u_hash(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = vm.payload(a.first().unwrap_or(&Value::None));
    Ok(Value::Int(crate::ops::hash(vm, &x)?))
}
fn u_abs(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = vm.payload(a.first().unwrap_or(&Value::None));
    Ok(match x {
        Value::Float(f) => Value::Float(f.abs()),
        Value::Int(i) => match i.checked_abs() {
            Some(v) => Value::Int(v),
            None => Value::from_bigint(BigInt::from(i).abs()),
        },
        Value::Bool(b) => Value::Int(b as i64),
        Value::BigInt(b) => Value::from_bigint(b.abs()),
        other => other,
    })
}
fn u_trunc(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = vm.payload(a.first().unwrap_or(&Value::None));
    crate::types::construct::to_int(vm, &x)
}

fn d_divmod(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = vm.payload(a.first().unwrap_or(&Value::None));
    let y = vm.payload(a.get(1).unwrap_or(&Value::None));
    let q = crate::num::numeric_binop(vm, crate::num::FLOORDIV, &x, &y)?;
    let r = crate::num::numeric_binop(vm, crate::num::MOD, &x, &y)?;
    match (q, r) {
        (Some(q), Some(r)) => Ok(Value::tuple(vec![q, r])),
        _ => Ok(Value::NotImplemented),
    }
}
fn d_rdivmod(vm: &mut Vm, mut a: Vec<Value>, k: Kw) -> PyResult<Value> {
    if a.len() >= 2 {
        a.swap(0, 1);
    }
    d_divmod(vm, a, k)
}
fn u_round(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = vm.payload(a.first().unwrap_or(&Value::None));
    let f = crate::vm::native("round", |_, _, _| Ok(Value::None));
    let _ = f;
    let round = vm.builtins.borrow().get_str(&crate::value::PyStr::new("round")).cloned().unwrap_or(Value::None);
    let mut args = vec![x];
    if let Some(n) = a.get(1) {
        args.push(n.clone());
    }
    vm.call0(&round, args)
}

/// Installs the arithmetic dunders of int, bool and float (for explicit `x.__add__(y)` calls).
pub fn init_dunders(vm: &mut Vm) {
    for t in [vm.t.int.clone(), vm.t.float.clone(), vm.t.complex.clone()] {
        install_num_dunders(&t);
        install_cmp_dunders(&t);
        add_method(&t, "__neg__", u_neg);
        add_method(&t, "__pos__", u_pos);
        add_method(&t, "__bool__", u_bool);
        add_method(&t, "__float__", u_float);
        add_method(&t, "__hash__", u_hash);
        add_method(&t, "__abs__", u_abs);
        add_method(&t, "__divmod__", d_divmod);
        add_method(&t, "__rdivmod__", d_rdivmod);
        add_method(&t, "__round__", u_round);
    }
    add_method(&vm.t.int.clone(), "__invert__", u_invert);
    add_method(&vm.t.float.clone(), "__trunc__", u_trunc);
    add_method(&vm.t.float.clone(), "__int__", u_trunc);
    for t in [vm.t.str.clone(), vm.t.list.clone(), vm.t.tuple.clone()] {
        install_cmp_dunders(&t);
    }
}
