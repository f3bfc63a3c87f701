//! The `binascii` module: hex (`hexlify`/`unhexlify`, `b2a_hex`/`a2b_hex` with separators),
//! base64 (`b2a_base64`, `a2b_base64` incl. `strict_mode`), `crc32`, `crc_hqx`, and the
//! `Error`/`Incomplete` exceptions, with CPython's messages.

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use super::datautil::{arg, bytes, bytes_of, set};
use crate::object::Type;
use crate::value::Value;
use crate::vm::{native, Kw, PyResult, Vm};

thread_local! {
    static ERR: std::cell::RefCell<Option<(Rc<Type>, Rc<Type>)>> = const { std::cell::RefCell::new(None) };
}

fn errs(vm: &mut Vm) -> (Rc<Type>, Rc<Type>) {
    if let Some(t) = ERR.with(|t| t.borrow().clone()) {
        return t;
    }
    let ve = vm.t.value_error.clone();
    let ex = vm.t.exception.clone();
    let e = super::datautil::exc_class(vm, "binascii", "Error", &ve);
    let i = super::datautil::exc_class(vm, "binascii", "Incomplete", &ex);
    ERR.with(|t| *t.borrow_mut() = Some((e.clone(), i.clone())));
    (e, i)
}

fn error(vm: &mut Vm, msg: impl Into<String>) -> Value {
    let t = errs(vm).0;
    vm.new_exc(&t, msg)
}

/// A bytes-like argument for the b2a functions.
fn data_in(vm: &mut Vm, v: Option<Value>) -> PyResult<Vec<u8>> {
    let Some(v) = v else {
        return Err(vm.type_error("missing required argument 'data' (pos 1)"));
    };
    match bytes_of(vm, &v) {
        Some(b) => Ok(b),
        None => {
            let n = vm.type_name(&v);
            Err(vm.type_error(format!("a bytes-like object is required, not '{n}'")))
        }
    }
}

/// An argument for the a2b functions: bytes-like or an ASCII-only str.
fn ascii_in(vm: &mut Vm, v: Option<Value>) -> PyResult<Vec<u8>> {
    if let Some(Value::Str(s)) = &v {
        if !s.as_str().is_ascii() {
            return Err(vm.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.as_str().as_bytes().to_vec());
    }
    match &v {
        Some(x) if bytes_of(vm, x).is_none() => {
            let n = vm.type_name(x);
            Err(vm.type_error(format!("argument should be bytes, buffer or ASCII string, not '{n}'")))
        }
        _ => data_in(vm, v),
    }
}

/// hexlify with CPython's `sep`/`bytes_per_sep` grouping (counted from the right when positive).
fn hex_with_sep(vm: &mut Vm, data: &[u8], sep: Option<Value>, per: Option<Value>) -> PyResult<Vec<u8>> {
    let hex: Vec<u8> = data.iter().flat_map(|b| format!("{b:02x}").into_bytes()).collect();
    let sep = match sep {
        None | Some(Value::None) => return Ok(hex),
        Some(Value::Str(s)) => s.as_str().as_bytes().to_vec(),
        Some(v) => bytes_of(vm, &v).unwrap_or_default(),
    };
    if sep.len() != 1 {
        return Err(vm.value_error("sep must be length 1."));
    }
    if sep[0] >= 128 {
        return Err(vm.value_error("sep must be ASCII."));
    }
    let per = match per {
        Some(v) => super::datautil::i64_index(vm, &v)?,
        None => 1,
    };
    if per == 0 || data.is_empty() {
        return Ok(hex);
    }
    let n = per.unsigned_abs() as usize;
    let chunks: Vec<&[u8]> = if per > 0 {
        // groups counted from the right
        let first = data.len() % n;
        let mut v = Vec::new();
        if first > 0 {
            v.push(&data[..first]);
        }
        v.extend(data[first..].chunks(n));
        v
    } else {
        data.chunks(n).collect()
    };
    let mut out = Vec::new();
    for (i, c) in chunks.iter().enumerate() {
        if i > 0 {
            out.push(sep[0]);
        }
        for b in c.iter() {
            out.extend(format!("{b:02x}").into_bytes());
        }
    }
    Ok(out)
}

fn b_hexlify(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let d = data_in(vm, arg(&a, &k, 0, "data"))?;
    let out = hex_with_sep(vm, &d, arg(&a, &k, 1, "sep"), arg(&a, &k, 2, "bytes_per_sep"))?;
    Ok(bytes(out))
}

fn b_unhexlify(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let d = ascii_in(vm, arg(&a, &k, 0, "hexstr"))?;
    if d.len() % 2 != 0 {
        return Err(error(vm, "Odd-length string"));
    }
    let mut out = Vec::with_capacity(d.len() / 2);
    for p in d.chunks(2) {
        let h = (p[0] as char).to_digit(16);
        let l = (p[1] as char).to_digit(16);
        match (h, l) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(error(vm, "Non-hexadecimal digit found")),
        }
    }
    Ok(bytes(out))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b_b2a_base64(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let d = data_in(vm, arg(&a, &k, 0, "data"))?;
    let newline = match k.iter().find(|(n, _)| n.as_str() == "newline") {
        Some((_, v)) => crate::ops::truthy(vm, v)?,
        None => true,
    };
    let mut out = Vec::with_capacity(d.len() / 3 * 4 + 5);
    for c in d.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        out.push(B64[(n >> 18) as usize & 63]);
        out.push(B64[(n >> 12) as usize & 63]);
        out.push(if c.len() > 1 { B64[(n >> 6) as usize & 63] } else { b'=' });
        out.push(if c.len() > 2 { B64[n as usize & 63] } else { b'=' });
    }
    if newline {
        out.push(b'\n');
    }
    Ok(bytes(out))
}

fn b64_val(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

fn b_a2b_base64(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let d = ascii_in(vm, arg(&a, &k, 0, "data"))?;
    let strict = match k.iter().find(|(n, _)| n.as_str() == "strict_mode") {
        Some((_, v)) => crate::ops::truthy(vm, v)?,
        None => false,
    };
    let mut out = Vec::with_capacity(d.len() / 4 * 3);
    let (mut quad, mut left, mut pads, mut padding_started) = (0u32, 0u32, 0u32, false);
    let mut ndata = 0usize;
    if strict && d.first() == Some(&b'=') {
        return Err(error(vm, "Leading padding not allowed"));
    }
    let mut i = 0;
    let mut done = false;
    while i < d.len() {
        let c = d[i];
        if c == b'=' {
            padding_started = true;
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    if strict && i + 1 < d.len() {
                        return Err(error(vm, "Excess data after padding"));
                    }
                    done = true;
                    break;
                }
            }
            i += 1;
            continue;
        }
        let Some(v) = b64_val(c) else {
            if strict {
                return Err(error(vm, "Only base64 data is allowed"));
            }
            i += 1;
            continue;
        };
        if strict && padding_started {
            return Err(error(vm, "Discontinuous padding not allowed"));
        }
        pads = 0;
        ndata += 1;
        match quad {
            0 => {
                quad = 1;
                left = v;
            }
            1 => {
                quad = 2;
                out.push(((left << 2) | (v >> 4)) as u8);
                left = v & 0x0f;
            }
            2 => {
                quad = 3;
                out.push(((left << 4) | (v >> 2)) as u8);
                left = v & 0x03;
            }
            _ => {
                quad = 0;
                out.push(((left << 6) | v) as u8);
                left = 0;
            }
        }
        i += 1;
    }
    if !done && quad != 0 {
        if quad == 1 {
            return Err(error(
                vm,
                format!(
                    "Invalid base64-encoded string: number of data characters ({ndata}) cannot be 1 more than a multiple of 4"
                ),
            ));
        }
        return Err(error(vm, "Incorrect padding"));
    }
    Ok(bytes(out))
}

fn crc_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<u32> {
    match v {
        None => Ok(0),
        Some(v) => {
            let b: BigInt = super::datautil::big_index(vm, &v)?;
            let m = b & BigInt::from(0xffff_ffffu32);
            Ok(m.to_u32().unwrap_or(0))
        }
    }
}

fn b_crc32(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let d = data_in(vm, arg(&a, &k, 0, "data"))?;
    let crc = crc_arg(vm, arg(&a, &k, 1, "crc"))?;
    let mut h = crc32fast::Hasher::new_with_initial(crc);
    h.update(&d);
    Ok(Value::Int(h.finalize() as i64))
}

fn b_crc_hqx(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let d = data_in(vm, arg(&a, &k, 0, "data"))?;
    let mut crc = (crc_arg(vm, arg(&a, &k, 1, "crc"))? & 0xffff) as u16;
    for &b in &d {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    Ok(Value::Int(crc as i64))
}

/// Builds the `binascii` module.
pub fn make(vm: &mut Vm) -> Value {
    let (e, i) = errs(vm);
    let (m, d) = super::new_module("binascii");
    set(&d, "Error", Value::Type(e));
    set(&d, "Incomplete", Value::Type(i));
    let fns: &[(&'static str, crate::object::NativeFn)] = &[
        ("hexlify", b_hexlify),
        ("b2a_hex", b_hexlify),
        ("unhexlify", b_unhexlify),
        ("a2b_hex", b_unhexlify),
        ("b2a_base64", b_b2a_base64),
        ("a2b_base64", b_a2b_base64),
        ("crc32", b_crc32),
        ("crc_hqx", b_crc_hqx),
    ];
    for (n, f) in fns {
        set(&d, n, native(n, *f));
    }
    m
}
