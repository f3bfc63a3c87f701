//! The `_struct` module (behind CPython's `struct.py`): `pack`, `unpack`, `calcsize`,
//! `iter_unpack`, `pack_into`, `unpack_from`, the `Struct` class and `error`, with CPython's
//! format codes, byte orders, native alignment and error messages (x86-64 Linux sizes).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::datautil::{bytes, bytes_of, set};
use crate::native_class::{new_class, new_instance, set_data, with_data};
use crate::object::{Object, Type};
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

#[derive(Clone, Copy, PartialEq)]
enum Order {
    Native,
    Little,
    Big,
}

#[derive(Clone, Copy)]
struct Item {
    code: u8,
    /// Repeat count (the length for `s` and `p`).
    count: usize,
    /// Size of one element.
    size: usize,
    /// Offset of the first element.
    offset: usize,
}

/// A parsed format.
struct Fmt {
    items: Vec<Item>,
    size: usize,
    order: Order,
    /// Native sizes (`@` or no prefix).
    native: bool,
    nargs: usize,
    text: String,
}

thread_local! {
    static STATE: RefCell<Option<(Rc<Type>, Rc<Type>)>> = const { RefCell::new(None) };
    static CACHE: RefCell<HashMap<String, Rc<Fmt>>> = RefCell::new(HashMap::new());
}

fn types(vm: &mut Vm) -> (Rc<Type>, Rc<Type>) {
    if let Some(t) = STATE.with(|t| t.borrow().clone()) {
        return t;
    }
    let exc = vm.t.exception.clone();
    let err = super::datautil::exc_class(vm, "struct", "error", &exc);
    let methods: &[(&'static str, crate::object::NativeFn)] = &[
        ("__new__", st_new),
        ("__init__", st_init),
        ("pack", st_pack),
        ("pack_into", st_pack_into),
        ("unpack", st_unpack),
        ("unpack_from", st_unpack_from),
        ("iter_unpack", st_iter_unpack),
        ("__sizeof__", st_sizeof),
    ];
    let cls = new_class(vm, "_struct", "Struct", &[], methods, vec![]);
    STATE.with(|t| *t.borrow_mut() = Some((err.clone(), cls.clone())));
    (err, cls)
}

fn err(vm: &mut Vm, msg: impl Into<String>) -> Value {
    let t = types(vm).0;
    vm.new_exc(&t, msg)
}

/// (size, alignment) of a code in native mode; None for unknown codes.
fn native_size(c: u8) -> Option<usize> {
    Some(match c {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'd' | b'P' => 8,
        _ => return None,
    })
}

fn std_size(c: u8) -> Option<usize> {
    Some(match c {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'l' | b'L' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        _ => return None,
    })
}

fn parse(vm: &mut Vm, text: &str) -> PyResult<Rc<Fmt>> {
    if let Some(f) = CACHE.with(|c| c.borrow().get(text).cloned()) {
        return Ok(f);
    }
    let b = text.as_bytes();
    let (order, native, mut i) = match b.first() {
        Some(b'@') => (Order::Native, true, 1),
        Some(b'=') => (Order::Native, false, 1),
        Some(b'<') => (Order::Little, false, 1),
        Some(b'>') | Some(b'!') => (Order::Big, false, 1),
        _ => (Order::Native, true, 0),
    };
    let mut items = Vec::new();
    let mut size: usize = 0;
    let mut nargs = 0;
    let too_long = |vm: &mut Vm| err(vm, "total struct size too long");
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count: usize = 1;
        if c.is_ascii_digit() {
            let mut n: usize = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                n = match n.checked_mul(10).and_then(|n| n.checked_add((b[i] - b'0') as usize)) {
                    Some(n) => n,
                    None => return Err(too_long(vm)),
                };
                i += 1;
            }
            if i >= b.len() {
                return Err(err(vm, "repeat count given without format specifier"));
            }
            count = n;
        }
        let c = b[i];
        i += 1;
        let sz = if native { native_size(c) } else { std_size(c) };
        let Some(sz) = sz else {
            return Err(err(vm, "bad char in struct format"));
        };
        if native {
            size = match size.checked_add(sz - 1) {
                Some(x) => x / sz * sz,
                None => return Err(too_long(vm)),
            };
        }
        let total = match if c == b's' || c == b'p' { Some(count) } else { count.checked_mul(sz) } {
            Some(t) => t,
            None => return Err(too_long(vm)),
        };
        items.push(Item { code: c, count, size: sz, offset: size });
        size = match size.checked_add(total) {
            Some(x) if x <= isize::MAX as usize => x,
            _ => return Err(too_long(vm)),
        };
        nargs += match c {
            b'x' => 0,
            b's' | b'p' => 1,
            _ => count,
        };
    }
    let f = Rc::new(Fmt { items, size, order, native, nargs, text: text.to_string() });
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 100 {
            c.clear();
        }
        c.insert(text.to_string(), f.clone());
    });
    Ok(f)
}

fn fmt_arg(vm: &mut Vm, v: Option<&Value>, who: &str) -> PyResult<Rc<Fmt>> {
    match v {
        Some(Value::Str(s)) => {
            let t = s.as_str().to_string();
            parse(vm, &t)
        }
        Some(v) => match bytes_of(vm, v) {
            Some(b) if matches!(v, Value::Obj(o) if matches!(&**o, Object::Bytes(_))) => {
                let t = String::from_utf8_lossy(&b).into_owned();
                parse(vm, &t)
            }
            _ => {
                if let Some(f) = struct_fmt(vm, v) {
                    return Ok(f);
                }
                let n = vm.type_name(v);
                Err(vm.type_error(format!("{who}() argument 1 must be a str or bytes object, not {n}")))
            }
        },
        None => Err(vm.type_error(format!("{who}() missing required argument 'format' (pos 1)"))),
    }
}

/// The format of a `Struct` instance (used when a Struct is passed where a format is expected).
fn struct_fmt(vm: &mut Vm, v: &Value) -> Option<Rc<Fmt>> {
    with_data(vm, v, "format", |f: &mut Rc<Fmt>| f.clone()).ok()
}

fn put_uint(out: &mut [u8], x: u64, size: usize, order: Order) {
    let le = x.to_le_bytes();
    match order {
        Order::Big => {
            for k in 0..size {
                out[k] = le[size - 1 - k];
            }
        }
        _ => out[..size].copy_from_slice(&le[..size]),
    }
}

fn get_uint(b: &[u8], size: usize, order: Order) -> u64 {
    let mut le = [0u8; 8];
    match order {
        Order::Big => {
            for k in 0..size {
                le[k] = b[size - 1 - k];
            }
        }
        _ => le[..size].copy_from_slice(&b[..size]),
    }
    u64::from_le_bytes(le)
}

/// The integer value of a pack argument (`__index__`), or struct.error.
fn int_value(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    let p = vm.payload(v);
    if let Some(b) = crate::num::to_big(&p) {
        return Ok(b);
    }
    if let Value::Bool(b) = p {
        return Ok(BigInt::from(b as i64));
    }
    if matches!(v, Value::Float(_) | Value::Str(_)) || !matches!(v, Value::Inst(_)) {
        return Err(err(vm, "required argument is not an integer"));
    }
    match crate::descr::index(vm, v) {
        Ok(i) => Ok(crate::num::to_big(&i).unwrap_or_default()),
        Err(e) => {
            let te = vm.t.type_error.clone();
            if crate::exceptions::exc_match(vm, &e, &Value::Type(te))? {
                Err(err(vm, "required argument is not an integer"))
            } else {
                Err(e)
            }
        }
    }
}

fn pack_int(vm: &mut Vm, it: &Item, native: bool, v: &Value, out: &mut [u8], order: Order) -> PyResult<()> {
    let b = int_value(vm, v)?;
    let c = it.code;
    let size = it.size;
    let unsigned = matches!(c, b'B' | b'H' | b'I' | b'L' | b'Q' | b'N');
    let oor = |vm: &mut Vm| err(vm, "argument out of range");
    let x: u64 = if c == b'P' {
        match (b.to_i64(), b.to_u64()) {
            (Some(i), _) => i as u64,
            (_, Some(u)) => u,
            _ => return Err(oor(vm)),
        }
    } else if unsigned {
        if b.is_negative() && !matches!(c, b'B' | b'H') {
            return Err(oor(vm));
        }
        if matches!(c, b'B' | b'H') {
            let Some(i) = b.to_i64() else { return Err(oor(vm)) };
            let max = if c == b'B' { 255 } else { 65535 };
            if i < 0 || i > max {
                let name = if c == b'B' { "ubyte" } else { "ushort" };
                return Err(err(vm, format!("{name} format requires 0 <= number <= {max}")));
            }
            i as u64
        } else {
            let Some(u) = b.to_u64() else { return Err(oor(vm)) };
            if size < 8 && u >> (size * 8) != 0 {
                let max = (1u64 << (size * 8)) - 1;
                return Err(err(vm, format!("'{}' format requires 0 <= number <= {max}", c as char)));
            }
            u
        }
    } else {
        let Some(i) = b.to_i64() else { return Err(oor(vm)) };
        if size < 8 {
            let max = (1i64 << (size * 8 - 1)) - 1;
            let min = -max - 1;
            if i < min || i > max {
                let msg = match c {
                    b'b' => format!("byte format requires {min} <= number <= {max}"),
                    b'h' => format!("short format requires {min} <= number <= {max}"),
                    _ => format!("'{}' format requires {min} <= number <= {max}", c as char),
                };
                return Err(err(vm, msg));
            }
        }
        i as u64
    };
    let _ = native;
    put_uint(out, x, size, order);
    Ok(())
}

fn float_value(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Str(_) | Value::BigInt(_) => {
            if let Value::BigInt(b) = v {
                if let Some(f) = b.to_f64().filter(|f| f.is_finite()) {
                    return Ok(f);
                }
            }
            Err(err(vm, "required argument is not a float"))
        }
        _ => {
            let ff = vm.t.s_float.clone();
            match crate::ops::user_method(&vm.type_of(v), &ff) {
                Some(_) => crate::types::construct::to_float(vm, v),
                None => {
                    if crate::num::is_int(&vm.payload(v)) {
                        return crate::types::construct::to_float(vm, v);
                    }
                    Err(err(vm, "required argument is not a float"))
                }
            }
        }
    }
}

/// IEEE 754 half precision from a double, rounding half to even (CPython's PyFloat_Pack2).
fn f64_to_f16(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    if x.is_infinite() {
        return Some(sign | 0x7c00);
    }
    let a = x.abs();
    if a == 0.0 {
        return Some(sign);
    }
    // Scale to units of the smallest subnormal (2^-24) or to a 10-bit mantissa.
    let (m, e) = crate::num::frexp(a); // a = m * 2^e, 0.5 <= m < 1
    let mut e = e - 1; // a = (2m) * 2^e with 1 <= 2m < 2
    let f;
    if e < -14 {
        // subnormal: value / 2^-24
        let scaled = a * 2f64.powi(24);
        let r = round_half_even(scaled);
        if r >= 1024.0 {
            return Some(sign | 0x0400);
        }
        return Some(sign | r as u16);
    } else {
        let frac = (2.0 * m - 1.0) * 1024.0;
        let mut r = round_half_even(frac);
        if r >= 1024.0 {
            r = 0.0;
            e += 1;
        }
        f = r as u16;
    }
    if e > 15 {
        return None;
    }
    Some(sign | (((e + 15) as u16) << 10) | f)
}

fn round_half_even(x: f64) -> f64 {
    x.round_ties_even()
}

fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let f = (h & 0x3ff) as f64;
    sign * match e {
        0 => f * 2f64.powi(-24),
        31 => {
            if f == 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            }
        }
        _ => (1.0 + f / 1024.0) * 2f64.powi(e - 15),
    }
}

fn pack_to(vm: &mut Vm, f: &Fmt, args: &[Value], out: &mut [u8]) -> PyResult<()> {
    if args.len() != f.nargs {
        return Err(err(vm, format!("pack expected {} items for packing (got {})", f.nargs, args.len())));
    }
    let mut ai = 0;
    for it in &f.items {
        match it.code {
            b'x' => {
                for b in &mut out[it.offset..it.offset + it.count] {
                    *b = 0;
                }
            }
            b's' | b'p' => {
                let v = &args[ai];
                ai += 1;
                let data = match v {
                    Value::Obj(o) if matches!(&**o, Object::Bytes(_) | Object::ByteArray(_)) => {
                        bytes_of(vm, v).unwrap_or_default()
                    }
                    _ => return Err(err(vm, format!("argument for '{}' must be a bytes object", it.code as char))),
                };
                let dst = &mut out[it.offset..it.offset + it.count];
                dst.fill(0);
                if it.code == b's' {
                    let n = data.len().min(it.count);
                    dst[..n].copy_from_slice(&data[..n]);
                } else if it.count > 0 {
                    let n = data.len().min(it.count - 1);
                    dst[1..1 + n].copy_from_slice(&data[..n]);
                    dst[0] = n.min(255) as u8;
                }
            }
            code => {
                for k in 0..it.count {
                    let v = &args[ai];
                    ai += 1;
                    let o = it.offset + k * it.size;
                    let dst = &mut out[o..o + it.size];
                    match code {
                        b'c' => match bytes_of(vm, v) {
                            Some(b) if b.len() == 1 && !matches!(v, Value::Str(_)) => dst[0] = b[0],
                            _ => return Err(err(vm, "char format requires a bytes object of length 1")),
                        },
                        b'?' => dst[0] = crate::ops::truthy(vm, v)? as u8,
                        b'e' => {
                            let x = float_value(vm, v)?;
                            let Some(h) = f64_to_f16(x) else {
                                return Err(vm.overflow_error("float too large to pack with e format"));
                            };
                            put_uint(dst, h as u64, 2, f.order);
                        }
                        b'f' => {
                            let x = float_value(vm, v)?;
                            let y = x as f32;
                            if y.is_infinite() && x.is_finite() && !f.native {
                                return Err(vm.overflow_error("float too large to pack with f format"));
                            }
                            put_uint(dst, y.to_bits() as u64, 4, f.order);
                        }
                        b'd' => {
                            let x = float_value(vm, v)?;
                            put_uint(dst, x.to_bits(), 8, f.order);
                        }
                        _ => pack_int(vm, it, f.native, v, dst, f.order)?,
                    }
                }
            }
        }
    }
    Ok(())
}

fn unpack_at(f: &Fmt, b: &[u8]) -> Value {
    let mut out = Vec::with_capacity(f.nargs);
    for it in &f.items {
        match it.code {
            b'x' => {}
            b's' => out.push(bytes(b[it.offset..it.offset + it.count].to_vec())),
            b'p' => {
                if it.count == 0 {
                    out.push(bytes(Vec::new()));
                } else {
                    let n = (b[it.offset] as usize).min(it.count - 1);
                    out.push(bytes(b[it.offset + 1..it.offset + 1 + n].to_vec()));
                }
            }
            code => {
                for k in 0..it.count {
                    let o = it.offset + k * it.size;
                    let src = &b[o..o + it.size];
                    let u = get_uint(src, it.size, f.order);
                    out.push(match code {
                        b'c' => bytes(vec![src[0]]),
                        b'?' => Value::Bool(src[0] != 0),
                        b'e' => Value::Float(f16_to_f64(u as u16)),
                        b'f' => Value::Float(f32::from_bits(u as u32) as f64),
                        b'd' => Value::Float(f64::from_bits(u)),
                        b'B' | b'H' | b'I' | b'L' | b'Q' | b'N' | b'P' => {
                            if u > i64::MAX as u64 {
                                Value::from_bigint(BigInt::from(u))
                            } else {
                                Value::Int(u as i64)
                            }
                        }
                        _ => {
                            let bits = it.size * 8;
                            let v = if bits == 64 { u as i64 } else { ((u << (64 - bits)) as i64) >> (64 - bits) };
                            Value::Int(v)
                        }
                    });
                }
            }
        }
    }
    Value::tuple(out)
}

fn buffer_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Vec<u8>> {
    match v {
        Some(v) => match bytes_of(vm, v) {
            Some(b) => Ok(b),
            None => {
                let n = vm.type_name(v);
                Err(vm.type_error(format!("a bytes-like object is required, not '{n}'")))
            }
        },
        None => Err(vm.type_error("missing required argument 'buffer'")),
    }
}

fn do_pack(vm: &mut Vm, f: &Fmt, args: &[Value]) -> PyResult<Value> {
    let mut out = vec![0u8; f.size];
    pack_to(vm, f, args, &mut out)?;
    Ok(bytes(out))
}

fn do_unpack(vm: &mut Vm, f: &Fmt, buf: Option<&Value>) -> PyResult<Value> {
    let b = buffer_arg(vm, buf)?;
    if b.len() != f.size {
        return Err(err(vm, format!("unpack requires a buffer of {} bytes", f.size)));
    }
    Ok(unpack_at(f, &b))
}

fn offset_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        Some(v) => super::datautil::i64_index(vm, v),
        None => Ok(0),
    }
}

fn do_unpack_from(vm: &mut Vm, f: &Fmt, buf: Option<&Value>, off: Option<&Value>) -> PyResult<Value> {
    let b = buffer_arg(vm, buf)?;
    let mut offset = offset_arg(vm, off)?;
    let len = b.len() as i64;
    if offset < 0 {
        if offset + len < 0 {
            return Err(err(vm, format!("offset {offset} out of range for {len}-byte buffer")));
        }
        offset += len;
    }
    if len - offset < f.size as i64 {
        return Err(err(
            vm,
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
                f.size as i64 + offset,
                f.size,
                offset,
                len
            ),
        ));
    }
    Ok(unpack_at(f, &b[offset as usize..]))
}

fn do_pack_into(vm: &mut Vm, f: &Fmt, a: &[Value]) -> PyResult<Value> {
    if a.len() < 2 {
        return Err(vm.type_error(format!("pack_into expected at least 2 arguments, got {}", a.len())));
    }
    let buf = a[0].clone();
    let target = match vm.payload(&buf) {
        Value::Obj(o) if matches!(&*o, Object::ByteArray(_)) => o.clone(),
        _ => {
            let n = vm.type_name(&buf);
            let msg = if matches!(&buf, Value::Obj(o) if matches!(&**o, Object::Bytes(_))) {
                "argument must be read-write bytes-like object, not bytes".to_string()
            } else {
                format!("argument must be read-write bytes-like object, not {n}")
            };
            return Err(vm.type_error(msg));
        }
    };
    let len = match &*target {
        Object::ByteArray(b) => b.borrow().len() as i64,
        _ => 0,
    };
    let mut offset = offset_arg(vm, a.get(1))?;
    let args = &a[2..];
    if args.len() != f.nargs {
        return Err(err(vm, format!("pack expected {} items for packing (got {})", f.nargs, args.len())));
    }
    if offset < 0 {
        if offset + (f.size as i64) > 0 {
            return Err(err(vm, format!("no space to pack {} bytes at offset {}", f.size, offset)));
        }
        if offset + len < 0 {
            return Err(err(vm, format!("offset {offset} out of range for {len}-byte buffer")));
        }
        offset += len;
    }
    if len - offset < f.size as i64 {
        return Err(err(
            vm,
            format!(
                "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {} (actual buffer size is {})",
                f.size as i64 + offset,
                f.size,
                offset,
                len
            ),
        ));
    }
    let mut out = vec![0u8; f.size];
    pack_to(vm, f, args, &mut out)?;
    if let Object::ByteArray(b) = &*target {
        b.borrow_mut()[offset as usize..offset as usize + f.size].copy_from_slice(&out);
    }
    Ok(Value::None)
}

fn do_iter_unpack(vm: &mut Vm, f: &Fmt, buf: Option<&Value>) -> PyResult<Value> {
    let b = buffer_arg(vm, buf)?;
    if f.size == 0 {
        return Err(err(vm, "cannot iteratively unpack with a struct of length 0"));
    }
    if b.len() % f.size != 0 {
        return Err(err(vm, format!("iterative unpacking requires a buffer of a multiple of {} bytes", f.size)));
    }
    let items: Vec<Value> = b.chunks(f.size).map(|c| unpack_at(f, c)).collect();
    crate::ops::iter(vm, &Value::list(items))
}

// ---- module functions -------------------------------------------------------------------

fn m_pack(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = fmt_arg(vm, a.first(), "pack")?;
    do_pack(vm, &f, a.get(1..).unwrap_or(&[]))
}
fn m_unpack(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = fmt_arg(vm, a.first(), "unpack")?;
    do_unpack(vm, &f, a.get(1))
}
fn m_calcsize(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = fmt_arg(vm, a.first(), "calcsize")?;
    Ok(Value::Int(f.size as i64))
}
fn m_unpack_from(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let f = fmt_arg(vm, a.first(), "unpack_from")?;
    let buf = super::datautil::arg(&a, &k, 1, "buffer");
    let off = super::datautil::arg(&a, &k, 2, "offset");
    do_unpack_from(vm, &f, buf.as_ref(), off.as_ref())
}
fn m_pack_into(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = fmt_arg(vm, a.first(), "pack_into")?;
    do_pack_into(vm, &f, a.get(1..).unwrap_or(&[]))
}
fn m_iter_unpack(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = fmt_arg(vm, a.first(), "iter_unpack")?;
    do_iter_unpack(vm, &f, a.get(1))
}
fn m_clearcache(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    CACHE.with(|c| c.borrow_mut().clear());
    Ok(Value::None)
}

// ---- Struct -----------------------------------------------------------------------------

fn this_fmt(vm: &mut Vm, a: &[Value]) -> PyResult<Rc<Fmt>> {
    let this = a.first().cloned().unwrap_or(Value::None);
    with_data(vm, &this, "Struct", |f: &mut Rc<Fmt>| f.clone())
}

fn set_attrs(v: &Value, f: &Fmt) {
    if let Value::Inst(i) = v {
        let mut d = i.dict.borrow_mut();
        d.set_str(s("format"), Value::str(f.text.as_str()));
        d.set_str(s("size"), Value::Int(f.size as i64));
    }
}

fn st_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = match a.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => types(vm).1,
    };
    let fv = super::datautil::arg(&a, &k, 1, "format");
    let f = match fv {
        Some(v) => fmt_arg(vm, Some(&v), "Struct")?,
        None => parse(vm, "")?,
    };
    let inst = new_instance(&cls, f.clone());
    set_attrs(&inst, &f);
    Ok(inst)
}

fn st_init(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let fv = super::datautil::arg(&a, &k, 1, "format");
    if let Some(v) = fv {
        let f = fmt_arg(vm, Some(&v), "Struct")?;
        set_data(&this, f.clone());
        set_attrs(&this, &f);
    }
    Ok(Value::None)
}

fn st_pack(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = this_fmt(vm, &a)?;
    do_pack(vm, &f, &a[1..])
}
fn st_unpack(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = this_fmt(vm, &a)?;
    do_unpack(vm, &f, a.get(1))
}
fn st_unpack_from(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let f = this_fmt(vm, &a)?;
    let buf = super::datautil::arg(&a, &k, 1, "buffer");
    let off = super::datautil::arg(&a, &k, 2, "offset");
    do_unpack_from(vm, &f, buf.as_ref(), off.as_ref())
}
fn st_pack_into(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = this_fmt(vm, &a)?;
    do_pack_into(vm, &f, &a[1..])
}
fn st_iter_unpack(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = this_fmt(vm, &a)?;
    do_iter_unpack(vm, &f, a.get(1))
}
fn st_sizeof(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = this_fmt(vm, &a)?;
    Ok(Value::Int(40 + 32 * (f.items.len() as i64 + 1)))
}

/// Builds the `_struct` module.
pub fn make(vm: &mut Vm) -> Value {
    let (e, cls) = types(vm);
    let (m, d) = super::new_module("_struct");
    set(&d, "error", Value::Type(e));
    set(&d, "Struct", Value::Type(cls));
    set(&d, "__doc__", Value::str("Functions to convert between Python values and C structs."));
    let fns: &[(&'static str, crate::object::NativeFn)] = &[
        ("pack", m_pack),
        ("unpack", m_unpack),
        ("calcsize", m_calcsize),
        ("unpack_from", m_unpack_from),
        ("pack_into", m_pack_into),
        ("iter_unpack", m_iter_unpack),
        ("_clearcache", m_clearcache),
    ];
    for (n, f) in fns {
        set(&d, n, native(n, *f));
    }
    m
}
