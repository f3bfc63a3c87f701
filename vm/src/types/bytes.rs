//! Methods of bytes and bytearray (ASCII semantics, CPython's argument handling).

use std::cell::RefCell;

use crate::object::Object;
use crate::types::add_method;
use crate::types::args::{bind, check_count};
use crate::types::to_index;
use crate::value::Value;
use crate::vm::{native, Kw, PyResult, Vm};

/// The bytes of a bytes/bytearray value (payload of subclasses included).
pub fn bytes_of(vm: &Vm, v: &Value) -> Option<Vec<u8>> {
    match vm.payload(v) {
        Value::Obj(o) => match &*o {
            Object::Bytes(b) => Some(b.clone()),
            Object::ByteArray(b) => Some(b.borrow().clone()),
            _ => None,
        },
        _ => None,
    }
}

fn is_bytearray(vm: &Vm, v: &Value) -> bool {
    matches!(vm.payload(v), Value::Obj(o) if matches!(&*o, Object::ByteArray(_)))
}

fn tname(vm: &Vm, a: &[Value]) -> &'static str {
    if a.first().map(|v| is_bytearray(vm, v)).unwrap_or(false) {
        "bytearray"
    } else {
        "bytes"
    }
}

fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Vec<u8>> {
    match a.first().and_then(|v| bytes_of(vm, v)) {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'bytes' object"))),
    }
}

/// A result of the same kind (bytes or bytearray) as `like`.
fn mk(vm: &Vm, like: &Value, v: Vec<u8>) -> Value {
    if is_bytearray(vm, like) {
        Value::obj(Object::ByteArray(RefCell::new(v)))
    } else {
        Value::obj(Object::Bytes(v))
    }
}

/// A bytes-like argument (`TypeError: a bytes-like object is required, not 'str'`).
fn buf_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match bytes_of(vm, v) {
        Some(b) => Ok(b),
        None => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("a bytes-like object is required, not '{n}'")))
        }
    }
}

/// A "sub" argument: bytes-like or an int in range(256).
fn sub_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if crate::num::is_int(v) {
        let i = to_index(vm, v)?;
        if !(0..256).contains(&i) {
            return Err(vm.value_error("byte must be in range(0, 256)"));
        }
        return Ok(vec![i as u8]);
    }
    match bytes_of(vm, v) {
        Some(b) => Ok(b),
        None => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("argument should be integer or bytes-like object, not '{n}'")))
        }
    }
}

fn slice_bounds(vm: &mut Vm, a: &[Value], i: usize, len: usize) -> PyResult<(usize, usize)> {
    let norm = |x: i64| -> usize {
        if x < 0 {
            (x + len as i64).max(0) as usize
        } else {
            (x as usize).min(len)
        }
    };
    let mut st = 0;
    let mut en = len;
    if let Some(v) = a.get(i) {
        if !v.is_none() {
            st = norm(to_index(vm, v)?);
        }
    }
    if let Some(v) = a.get(i + 1) {
        if !v.is_none() {
            en = norm(to_index(vm, v)?);
        }
    }
    Ok((st, en))
}

fn find_sub(h: &[u8], n: &[u8], rev: bool) -> Option<usize> {
    if n.len() > h.len() {
        return None;
    }
    if rev {
        (0..=h.len() - n.len()).rev().find(|&i| &h[i..i + n.len()] == n)
    } else {
        (0..=h.len() - n.len()).find(|&i| &h[i..i + n.len()] == n)
    }
}

fn find_impl(vm: &mut Vm, a: &[Value], k: &Kw, name: &str, rev: bool) -> PyResult<i64> {
    let b = this(vm, a, name)?;
    check_count(vm, name, &a[1..], k, 1, 3)?;
    let n = sub_arg(vm, &a[1])?;
    let (st, en) = slice_bounds(vm, a, 2, b.len())?;
    if st > en {
        return Ok(-1);
    }
    Ok(find_sub(&b[st..en], &n, rev).map(|i| (i + st) as i64).unwrap_or(-1))
}
fn m_find(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    Ok(Value::Int(find_impl(vm, &a, &k, "find", false)?))
}
fn m_rfind(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    Ok(Value::Int(find_impl(vm, &a, &k, "rfind", true)?))
}
fn m_index(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    match find_impl(vm, &a, &k, "index", false)? {
        -1 => Err(vm.value_error("subsection not found")),
        i => Ok(Value::Int(i)),
    }
}
fn m_rindex(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    match find_impl(vm, &a, &k, "rindex", true)? {
        -1 => Err(vm.value_error("subsection not found")),
        i => Ok(Value::Int(i)),
    }
}
fn m_count(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = this(vm, &a, "count")?;
    check_count(vm, "count", &a[1..], &k, 1, 3)?;
    let n = sub_arg(vm, &a[1])?;
    let (st, en) = slice_bounds(vm, &a, 2, b.len())?;
    if st > en {
        return Ok(Value::Int(0));
    }
    let h = &b[st..en];
    if n.is_empty() {
        return Ok(Value::Int(h.len() as i64 + 1));
    }
    let mut c = 0;
    let mut i = 0;
    while i + n.len() <= h.len() {
        if h[i..i + n.len()] == n[..] {
            c += 1;
            i += n.len();
        } else {
            i += 1;
        }
    }
    Ok(Value::Int(c))
}

fn affix(vm: &mut Vm, a: Vec<Value>, k: Kw, name: &str, end: bool) -> PyResult<Value> {
    let b = this(vm, &a, name)?;
    check_count(vm, name, &a[1..], &k, 1, 3)?;
    let (st, en) = slice_bounds(vm, &a, 2, b.len())?;
    let cands = match &a[1] {
        Value::Tuple(t) => t.iter().cloned().collect::<Vec<_>>(),
        v => vec![v.clone()],
    };
    for c in cands {
        let Some(p) = bytes_of(vm, &c) else {
            let n = vm.type_name(&c);
            return Err(vm.type_error(format!("{name} first arg must be bytes or a tuple of bytes, not {n}")));
        };
        if st > en || st > b.len() {
            continue;
        }
        let h = &b[st..en];
        if (end && h.ends_with(&p)) || (!end && h.starts_with(&p)) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}
fn m_startswith(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    affix(vm, a, k, "startswith", false)
}
fn m_endswith(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    affix(vm, a, k, "endswith", true)
}

fn map_bytes(vm: &mut Vm, a: Vec<Value>, k: Kw, name: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let b = this(vm, &a, name)?;
    check_count(vm, name, &a[1..], &k, 0, 0)?;
    Ok(mk(vm, &a[0], f(&b)))
}
fn title_bytes(b: &[u8]) -> Vec<u8> {
    let mut prev = false;
    b.iter()
        .map(|&c| {
            let r = if prev { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
            prev = c.is_ascii_alphabetic();
            r
        })
        .collect()
}
fn cap_bytes(b: &[u8]) -> Vec<u8> {
    b.iter().enumerate().map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect()
}
fn swap_bytes(b: &[u8]) -> Vec<u8> {
    b.iter().map(|&c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }).collect()
}
fn m_lower(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    map_bytes(vm, a, k, "lower", |b| b.to_ascii_lowercase())
}
fn m_upper(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    map_bytes(vm, a, k, "upper", |b| b.to_ascii_uppercase())
}
fn m_title(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    map_bytes(vm, a, k, "title", title_bytes)
}
fn m_capitalize(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    map_bytes(vm, a, k, "capitalize", cap_bytes)
}
fn m_swapcase(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    map_bytes(vm, a, k, "swapcase", swap_bytes)
}

fn pred(vm: &mut Vm, a: Vec<Value>, k: Kw, name: &str, f: fn(&[u8]) -> bool) -> PyResult<Value> {
    let b = this(vm, &a, name)?;
    check_count(vm, name, &a[1..], &k, 0, 0)?;
    Ok(Value::Bool(f(&b)))
}
fn all_nonempty(b: &[u8], f: fn(&u8) -> bool) -> bool {
    !b.is_empty() && b.iter().all(f)
}
fn m_isalpha(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    pred(vm, a, k, "isalpha", |b| all_nonempty(b, u8::is_ascii_alphabetic))
}
fn m_isdigit(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    pred(vm, a, k, "isdigit", |b| all_nonempty(b, u8::is_ascii_digit))
}
fn m_isalnum(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    pred(vm, a, k, "isalnum", |b| all_nonempty(b, u8::is_ascii_alphanumeric))
}
fn m_isspace(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    pred(vm, a, k, "isspace", |b| all_nonempty(b, |c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)))
}
fn m_isascii(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    pred(vm, a, k, "isascii", |b| b.is_ascii())
}
fn m_islower(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    pred(vm, a, k, "islower", |b| b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase))
}
fn m_isupper(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    pred(vm, a, k, "isupper", |b| b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase))
}
fn m_istitle(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    pred(vm, a, k, "istitle", |b| {
        let s: String = b.iter().map(|&c| if c.is_ascii() { c as char } else { '\u{0}' }).collect();
        crate::text::strmethods::istitle(&s)
    })
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn strip_impl(vm: &mut Vm, a: Vec<Value>, k: Kw, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let b = this(vm, &a, name)?;
    check_count(vm, name, &a[1..], &k, 0, 1)?;
    let chars = match a.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(buf_arg(vm, v)?),
    };
    let strip = |c: &u8| match &chars {
        None => is_ws(*c),
        Some(cs) => cs.contains(c),
    };
    let mut st = 0;
    let mut en = b.len();
    if left {
        while st < en && strip(&b[st]) {
            st += 1;
        }
    }
    if right {
        while en > st && strip(&b[en - 1]) {
            en -= 1;
        }
    }
    Ok(mk(vm, &a[0], b[st..en].to_vec()))
}
fn m_strip(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    strip_impl(vm, a, k, "strip", true, true)
}
fn m_lstrip(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    strip_impl(vm, a, k, "lstrip", true, false)
}
fn m_rstrip(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    strip_impl(vm, a, k, "rstrip", false, true)
}

fn split_impl(vm: &mut Vm, a: Vec<Value>, k: Kw, name: &str, rev: bool) -> PyResult<Value> {
    let b = this(vm, &a, name)?;
    let p = bind(vm, name, &a[1..], &k, &["sep", "maxsplit"], 0, 0, 2)?;
    let max = match &p[1] {
        Some(v) => to_index(vm, v)?,
        None => -1,
    };
    let sep = match &p[0] {
        None | Some(Value::None) => None,
        Some(v) => Some(buf_arg(vm, v)?),
    };
    let like = a[0].clone();
    let mut parts: Vec<Vec<u8>> = Vec::new();
    match sep {
        Some(sep) => {
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let mut rest = b.as_slice();
            let mut n = 0;
            if !rev {
                while max < 0 || n < max {
                    match find_sub(rest, &sep, false) {
                        Some(i) => {
                            parts.push(rest[..i].to_vec());
                            rest = &rest[i + sep.len()..];
                            n += 1;
                        }
                        None => break,
                    }
                }
                parts.push(rest.to_vec());
            } else {
                while max < 0 || n < max {
                    match find_sub(rest, &sep, true) {
                        Some(i) => {
                            parts.push(rest[i + sep.len()..].to_vec());
                            rest = &rest[..i];
                            n += 1;
                        }
                        None => break,
                    }
                }
                parts.push(rest.to_vec());
                parts.reverse();
            }
        }
        None => {
            let s: String = b
                .iter()
                .map(|&c| {
                    if is_ws(c) {
                        ' '
                    } else if c < 128 {
                        c as char
                    } else {
                        '\u{1}'
                    }
                })
                .collect();
            // Split on ASCII whitespace by positions (bytes are mapped 1:1 to chars above).
            let idx: Vec<(usize, usize)> = {
                let mut v = Vec::new();
                let mut i = 0;
                let by = s.as_bytes();
                let _ = by;
                while i < b.len() {
                    while i < b.len() && is_ws(b[i]) {
                        i += 1;
                    }
                    if i >= b.len() {
                        break;
                    }
                    let st = i;
                    while i < b.len() && !is_ws(b[i]) {
                        i += 1;
                    }
                    v.push((st, i));
                }
                v
            };
            if max < 0 || (idx.len() as i64) <= max + 0 {
                parts = idx.iter().map(|&(x, y)| b[x..y].to_vec()).collect();
            } else if !rev {
                let m = max as usize;
                for &(x, y) in &idx[..m] {
                    parts.push(b[x..y].to_vec());
                }
                parts.push(b[idx[m].0..].to_vec());
            } else {
                let m = max as usize;
                let cut = idx.len() - m;
                parts.push(b[..idx[cut - 1].1].to_vec());
                for &(x, y) in &idx[cut..] {
                    parts.push(b[x..y].to_vec());
                }
            }
        }
    }
    Ok(Value::list(parts.into_iter().map(|p| mk(vm, &like, p)).collect()))
}
fn m_split(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    split_impl(vm, a, k, "split", false)
}
fn m_rsplit(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    split_impl(vm, a, k, "rsplit", true)
}
fn m_splitlines(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = this(vm, &a, "splitlines")?;
    let p = bind(vm, "splitlines", &a[1..], &k, &["keepends"], 0, 0, 1)?;
    let keep = match &p[0] {
        Some(v) => crate::ops::truthy(vm, v)?,
        None => false,
    };
    let mut out = Vec::new();
    let mut i = 0;
    let mut st = 0;
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            let mut e = i + 1;
            if b[i] == b'\r' && e < b.len() && b[e] == b'\n' {
                e += 1;
            }
            out.push(b[st..if keep { e } else { i }].to_vec());
            st = e;
            i = e;
        } else {
            i += 1;
        }
    }
    if st < b.len() {
        out.push(b[st..].to_vec());
    }
    let like = a[0].clone();
    Ok(Value::list(out.into_iter().map(|p| mk(vm, &like, p)).collect()))
}

fn m_join(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let sep = this(vm, &a, "join")?;
    check_count(vm, "join", &a[1..], &k, 1, 1)?;
    let items = crate::ops::to_vec(vm, &a[1])?;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match bytes_of(vm, it) {
            Some(b) => out.extend(b),
            None => {
                let n = vm.type_name(it);
                return Err(vm.type_error(format!("sequence item {i}: expected a bytes-like object, {n} found")));
            }
        }
    }
    Ok(mk(vm, &a[0], out))
}

fn m_replace(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = this(vm, &a, "replace")?;
    check_count(vm, "replace", &a[1..], &k, 2, 3)?;
    let old = buf_arg(vm, &a[1])?;
    let new = buf_arg(vm, &a[2])?;
    let max = match a.get(3) {
        Some(v) => to_index(vm, v)?,
        None => -1,
    };
    let mut out = Vec::new();
    let mut n = 0;
    let mut i = 0;
    if old.is_empty() {
        for (j, &c) in b.iter().enumerate() {
            if max < 0 || n < max {
                out.extend_from_slice(&new);
                n += 1;
            }
            out.push(c);
            let _ = j;
        }
        if max < 0 || n < max {
            out.extend_from_slice(&new);
        }
        return Ok(mk(vm, &a[0], out));
    }
    while i < b.len() {
        if (max < 0 || n < max) && b[i..].starts_with(&old) {
            out.extend_from_slice(&new);
            i += old.len();
            n += 1;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(mk(vm, &a[0], out))
}

fn part_impl(vm: &mut Vm, a: Vec<Value>, k: Kw, name: &str, rev: bool) -> PyResult<Value> {
    let b = this(vm, &a, name)?;
    check_count(vm, name, &a[1..], &k, 1, 1)?;
    let sep = buf_arg(vm, &a[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let like = a[0].clone();
    let parts = match find_sub(&b, &sep, rev) {
        Some(i) => [b[..i].to_vec(), sep.clone(), b[i + sep.len()..].to_vec()],
        None if rev => [vec![], vec![], b.clone()],
        None => [b.clone(), vec![], vec![]],
    };
    Ok(Value::tuple(parts.into_iter().map(|p| mk(vm, &like, p)).collect()))
}
fn m_partition(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    part_impl(vm, a, k, "partition", false)
}
fn m_rpartition(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    part_impl(vm, a, k, "rpartition", true)
}

fn pad_impl(vm: &mut Vm, a: Vec<Value>, k: Kw, name: &str, mode: u8) -> PyResult<Value> {
    let b = this(vm, &a, name)?;
    check_count(vm, name, &a[1..], &k, 1, 2)?;
    let w = to_index(vm, &a[1])?;
    crate::types::alloc_guard(vm, w)?;
    let fill = match a.get(2) {
        None => b' ',
        Some(v) => match bytes_of(vm, v) {
            Some(f) if f.len() == 1 => f[0],
            _ => {
                let n = vm.type_name(v);
                return Err(vm.type_error(format!("{name}() argument 2 must be a byte string of length 1, not {n}")));
            }
        },
    };
    let len = b.len() as i64;
    if w <= len {
        return Ok(mk(vm, &a[0], b));
    }
    let total = (w - len) as usize;
    let (l, r) = match mode {
        0 => (0, total),
        1 => (total, 0),
        _ => {
            let l = total / 2 + (total & (w as usize) & 1);
            (l, total - l)
        }
    };
    let mut out = vec![fill; l];
    out.extend(b);
    out.extend(std::iter::repeat(fill).take(r));
    Ok(mk(vm, &a[0], out))
}
fn m_ljust(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    pad_impl(vm, a, k, "ljust", 0)
}
fn m_rjust(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    pad_impl(vm, a, k, "rjust", 1)
}
fn m_center(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    pad_impl(vm, a, k, "center", 2)
}
fn m_zfill(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = this(vm, &a, "zfill")?;
    check_count(vm, "zfill", &a[1..], &k, 1, 1)?;
    let w = to_index(vm, &a[1])?;
    crate::types::alloc_guard(vm, w)?;
    let s: String = b.iter().map(|&c| c as char).collect();
    let r = crate::text::strmethods::zfill(&s, w);
    Ok(mk(vm, &a[0], r.chars().map(|c| c as u32 as u8).collect()))
}
fn m_expandtabs(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = this(vm, &a, "expandtabs")?;
    let p = bind(vm, "expandtabs", &a[1..], &k, &["tabsize"], 0, 0, 1)?;
    let ts = match &p[0] {
        Some(v) => to_index(vm, v)?,
        None => 8,
    };
    if ts > crate::types::MAX_ALLOC && b.contains(&b'\t') {
        return Err(vm.overflow_error("result too long"));
    }
    let s: String = b.iter().map(|&c| c as char).collect();
    let r = crate::text::strmethods::expandtabs(&s, ts);
    Ok(mk(vm, &a[0], r.chars().map(|c| c as u32 as u8).collect()))
}
fn m_removeprefix(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = this(vm, &a, "removeprefix")?;
    check_count(vm, "removeprefix", &a[1..], &k, 1, 1)?;
    let p = buf_arg(vm, &a[1])?;
    let r = b.strip_prefix(p.as_slice()).unwrap_or(&b).to_vec();
    Ok(mk(vm, &a[0], r))
}
fn m_removesuffix(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = this(vm, &a, "removesuffix")?;
    check_count(vm, "removesuffix", &a[1..], &k, 1, 1)?;
    let p = buf_arg(vm, &a[1])?;
    let r = b.strip_suffix(p.as_slice()).unwrap_or(&b).to_vec();
    Ok(mk(vm, &a[0], r))
}

fn m_decode(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = this(vm, &a, "decode")?;
    let p = bind(vm, "decode", &a[1..], &k, &["encoding", "errors"], 0, 0, 2)?;
    let get = |vm: &mut Vm, v: &Option<Value>, d: &str, an: &str| -> PyResult<String> {
        match v {
            None => Ok(d.to_string()),
            Some(Value::Str(s)) => Ok(s.as_str().to_string()),
            Some(o) => {
                let n = vm.type_name(o);
                Err(vm.type_error(format!("decode() argument '{an}' must be str, not {n}")))
            }
        }
    };
    let enc = get(vm, &p[0], "utf-8", "encoding")?;
    let errors = get(vm, &p[1], "strict", "errors")?;
    Ok(Value::str(super::codecs::decode(vm, &b, &enc, &errors)?))
}

fn m_hex(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = this(vm, &a, "hex")?;
    let p = bind(vm, "hex", &a[1..], &k, &["sep", "bytes_per_sep"], 0, 0, 2)?;
    let sep = match &p[0] {
        None => None,
        Some(Value::Str(s)) => Some(s.as_str().to_string()),
        Some(v) => match bytes_of(vm, v) {
            Some(x) => Some(x.iter().map(|&c| c as char).collect()),
            None => return Err(vm.type_error("sep must be str or bytes.")),
        },
    };
    let per = match &p[1] {
        Some(v) => to_index(vm, v).map_err(|_| vm.overflow_error("Python int too large to convert to C int"))?,
        None => 1,
    };
    if i32::try_from(per).is_err() {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    let digits: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    let Some(sep) = sep else {
        return Ok(Value::str(digits.concat()));
    };
    if sep.chars().count() != 1 {
        return Err(vm.value_error("sep must be length 1."));
    }
    if per == 0 || digits.is_empty() {
        return Ok(Value::str(digits.concat()));
    }
    let n = per.unsigned_abs() as usize;
    let mut groups: Vec<String> = Vec::new();
    if per > 0 {
        // groups counted from the right
        let first = digits.len() % n;
        if first > 0 {
            groups.push(digits[..first].concat());
        }
        for c in digits[first..].chunks(n) {
            groups.push(c.concat());
        }
    } else {
        for c in digits.chunks(n) {
            groups.push(c.concat());
        }
    }
    Ok(Value::str(groups.join(&sep)))
}

fn m_fromhex(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    check_count(vm, "fromhex", &a[1..], &k, 1, 1)?;
    let s = match &a[1] {
        Value::Str(s) => s.as_str().to_string(),
        o => {
            let n = vm.type_name(o);
            return Err(vm.type_error(format!("fromhex() argument must be str, not {n}")));
        }
    };
    let c: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = c[i].to_digit(16);
        let lo = c.get(i + 1).and_then(|x| x.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 2;
            }
            (Some(_), None) if i + 1 >= c.len() => {
                return Err(
                    vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {}", i + 1))
                )
            }
            (Some(_), None) => {
                return Err(
                    vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {}", i + 1))
                )
            }
            _ => return Err(vm.value_error(format!("non-hexadecimal number found in fromhex() arg at position {i}"))),
        }
    }
    let ba = matches!(&a[0], Value::Type(t) if t.is_subtype(&vm.t.bytearray));
    Ok(if ba { Value::obj(Object::ByteArray(RefCell::new(out))) } else { Value::obj(Object::Bytes(out)) })
}

fn m_maketrans(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let args: Vec<Value> = a.into_iter().filter(|v| !matches!(v, Value::Type(_))).collect();
    check_count(vm, "maketrans", &args, &k, 2, 2)?;
    let x = buf_arg(vm, &args[0])?;
    let y = buf_arg(vm, &args[1])?;
    if x.len() != y.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255u8).collect();
    for (p, q) in x.iter().zip(y.iter()) {
        t[*p as usize] = *q;
    }
    Ok(Value::obj(Object::Bytes(t)))
}
fn m_translate(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = this(vm, &a, "translate")?;
    let p = bind(vm, "translate", &a[1..], &k, &["table", "delete"], 1, 1, 2)?;
    let table = match &p[0] {
        Some(Value::None) | None => None,
        Some(v) => {
            let t = buf_arg(vm, v)?;
            if t.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let del = match &p[1] {
        Some(v) => buf_arg(vm, v)?,
        None => vec![],
    };
    let out: Vec<u8> =
        b.iter().filter(|c| !del.contains(c)).map(|&c| table.as_ref().map(|t| t[c as usize]).unwrap_or(c)).collect();
    Ok(mk(vm, &a[0], out))
}

fn m_isdummy(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = tname(vm, &a);
    Err(vm.type_error(format!("unsupported operation on {n}")))
}

/// The bytearray storage of `a[0]`.
fn ba(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<std::rc::Rc<Object>> {
    if let Some(v) = a.first() {
        if let Value::Obj(o) = vm.payload(v) {
            if matches!(&*o, Object::ByteArray(_)) {
                return Ok(o);
            }
        }
    }
    Err(vm.type_error(format!("descriptor '{name}' requires a 'bytearray' object")))
}

fn byte_val(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    let i = to_index(vm, v)?;
    if !(0..256).contains(&i) {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    Ok(i as u8)
}

fn with_ba<T>(o: &Object, f: impl FnOnce(&mut Vec<u8>) -> T) -> Option<T> {
    match o {
        Object::ByteArray(b) => Some(f(&mut b.borrow_mut())),
        _ => None,
    }
}

fn ba_append(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let o = ba(vm, &a, "append")?;
    check_count(vm, "append", &a[1..], &k, 1, 1)?;
    let x = byte_val(vm, &a[1])?;
    with_ba(&o, |b| b.push(x));
    Ok(Value::None)
}
fn ba_extend(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let o = ba(vm, &a, "extend")?;
    check_count(vm, "extend", &a[1..], &k, 1, 1)?;
    let items = if let Some(b) = bytes_of(vm, &a[1]) {
        b
    } else {
        if let Value::Str(_) = &a[1] {
            return Err(vm.type_error("expected iterable of integers; got: 'str'"));
        }
        let vs = crate::ops::to_vec(vm, &a[1]).map_err(|_| {
            let n = vm.type_name(&a[1]);
            vm.type_error(format!("can't extend bytearray with {n}"))
        })?;
        let mut out = Vec::new();
        for v in vs {
            out.push(byte_val(vm, &v)?);
        }
        out
    };
    with_ba(&o, |b| b.extend(items));
    Ok(Value::None)
}
fn ba_insert(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let o = ba(vm, &a, "insert")?;
    check_count(vm, "insert", &a[1..], &k, 2, 2)?;
    let i = to_index(vm, &a[1])?;
    let x = byte_val(vm, &a[2])?;
    with_ba(&o, |b| {
        let n = b.len() as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        b.insert(j as usize, x);
    });
    Ok(Value::None)
}
fn ba_pop(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let o = ba(vm, &a, "pop")?;
    check_count(vm, "pop", &a[1..], &k, 0, 1)?;
    let i = match a.get(1) {
        Some(v) => to_index(vm, v)?,
        None => -1,
    };
    let r = with_ba(&o, |b| {
        if b.is_empty() {
            return Err("pop from empty bytearray");
        }
        let n = b.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err("pop index out of range");
        }
        Ok(b.remove(j as usize))
    });
    match r {
        Some(Ok(x)) => Ok(Value::Int(x as i64)),
        Some(Err(m)) => Err(vm.index_error(m)),
        None => Ok(Value::None),
    }
}
fn ba_remove(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let o = ba(vm, &a, "remove")?;
    check_count(vm, "remove", &a[1..], &k, 1, 1)?;
    let x = byte_val(vm, &a[1])?;
    let ok = with_ba(&o, |b| match b.iter().position(|&c| c == x) {
        Some(i) => {
            b.remove(i);
            true
        }
        None => false,
    });
    if ok != Some(true) {
        return Err(vm.value_error("value not found in bytearray"));
    }
    Ok(Value::None)
}
fn ba_reverse(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let o = ba(vm, &a, "reverse")?;
    check_count(vm, "reverse", &a[1..], &k, 0, 0)?;
    with_ba(&o, |b| b.reverse());
    Ok(Value::None)
}
fn ba_clear(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let o = ba(vm, &a, "clear")?;
    check_count(vm, "clear", &a[1..], &k, 0, 0)?;
    with_ba(&o, |b| b.clear());
    Ok(Value::None)
}
fn ba_copy(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let o = ba(vm, &a, "copy")?;
    check_count(vm, "copy", &a[1..], &k, 0, 0)?;
    let v = with_ba(&o, |b| b.clone()).unwrap_or_default();
    Ok(Value::obj(Object::ByteArray(RefCell::new(v))))
}

/// Installs bytes and bytearray methods.
pub fn init(vm: &mut Vm) {
    let common: &[(&'static str, crate::object::NativeFn)] = &[
        ("find", m_find),
        ("rfind", m_rfind),
        ("index", m_index),
        ("rindex", m_rindex),
        ("count", m_count),
        ("startswith", m_startswith),
        ("endswith", m_endswith),
        ("lower", m_lower),
        ("upper", m_upper),
        ("title", m_title),
        ("capitalize", m_capitalize),
        ("swapcase", m_swapcase),
        ("isalpha", m_isalpha),
        ("isdigit", m_isdigit),
        ("isalnum", m_isalnum),
        ("isspace", m_isspace),
        ("isascii", m_isascii),
        ("islower", m_islower),
        ("isupper", m_isupper),
        ("istitle", m_istitle),
        ("strip", m_strip),
        ("lstrip", m_lstrip),
        ("rstrip", m_rstrip),
        ("split", m_split),
        ("rsplit", m_rsplit),
        ("splitlines", m_splitlines),
        ("join", m_join),
        ("replace", m_replace),
        ("partition", m_partition),
        ("rpartition", m_rpartition),
        ("ljust", m_ljust),
        ("rjust", m_rjust),
        ("center", m_center),
        ("zfill", m_zfill),
        ("expandtabs", m_expandtabs),
        ("removeprefix", m_removeprefix),
        ("removesuffix", m_removesuffix),
        ("decode", m_decode),
        ("hex", m_hex),
        ("translate", m_translate),
    ];
    for t in [vm.t.bytes.clone(), vm.t.bytearray.clone()] {
        for (n, f) in common {
            add_method(&t, n, *f);
        }
        t.dict
            .borrow_mut()
            .set_str(crate::value::s("fromhex"), Value::obj(Object::ClassMethod(native("fromhex", m_fromhex))));
        t.dict
            .borrow_mut()
            .set_str(crate::value::s("maketrans"), Value::obj(Object::StaticMethod(native("maketrans", m_maketrans))));
    }
    let t = vm.t.bytearray.clone();
    let own: &[(&'static str, crate::object::NativeFn)] = &[
        ("append", ba_append),
        ("extend", ba_extend),
        ("insert", ba_insert),
        ("pop", ba_pop),
        ("remove", ba_remove),
        ("reverse", ba_reverse),
        ("clear", ba_clear),
        ("copy", ba_copy),
    ];
    for (n, f) in own {
        add_method(&t, n, *f);
    }
    let _ = m_isdummy;
}
