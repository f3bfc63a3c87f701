//! str methods (and a few bytes helpers), `str.format`.

use crate::object::Object;
use crate::ops;
use crate::types::{add_method, to_index};
use crate::value::Value;
use crate::vm::{Kw, PyResult, Vm};

/// `ascii()` of a repr: escapes non-ASCII characters.
pub fn ascii_of(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c);
        } else if n < 256 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 65536 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

fn this(vm: &mut Vm, v: Option<&Value>) -> PyResult<String> {
    match v.map(|v| vm.payload(v)) {
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        _ => Err(vm.type_error("descriptor requires a 'str' object")),
    }
}

fn arg_str(vm: &mut Vm, v: Option<&Value>, what: &str) -> PyResult<Option<String>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.as_str().to_string())),
        Some(other) => {
            let n = vm.type_name(other);
            Err(vm.type_error(format!("{what} arg must be None or str, not {n}")))
        }
    }
}

fn must_str(vm: &mut Vm, v: Option<&Value>, what: &str) -> PyResult<String> {
    match v {
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(other) => {
            let n = vm.type_name(other);
            Err(vm.type_error(format!("{what} must be str, not {n}")))
        }
        None => Err(vm.type_error(format!("{what} missing"))),
    }
}

fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

fn split_ws(s: &str, max: i64) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(py_isspace);
    while !rest.is_empty() {
        if max >= 0 && out.len() as i64 >= max {
            out.push(rest.to_string());
            return out;
        }
        match rest.find(py_isspace) {
            Some(i) => {
                out.push(rest[..i].to_string());
                rest = rest[i..].trim_start_matches(py_isspace);
            }
            None => {
                out.push(rest.to_string());
                break;
            }
        }
    }
    out
}

fn strs(v: Vec<String>) -> Value {
    Value::list(v.into_iter().map(Value::str).collect())
}

fn kwarg(a: &[Value], kw: &Kw, pos: usize, name: &str) -> Option<Value> {
    a.get(pos).cloned().or_else(|| kw.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v.clone()))
}

fn m_split(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let sep = arg_str(vm, kwarg(&a, &kw, 1, "sep").as_ref(), "sep")?;
    let max = match kwarg(&a, &kw, 2, "maxsplit") {
        Some(v) => to_index(vm, &v)?,
        None => -1,
    };
    match sep {
        None => Ok(strs(split_ws(&s, max))),
        Some(sep) => {
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let v: Vec<String> = if max < 0 {
                s.split(sep.as_str()).map(String::from).collect()
            } else {
                s.splitn(max as usize + 1, sep.as_str()).map(String::from).collect()
            };
            Ok(strs(v))
        }
    }
}
fn m_rsplit(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let sep = arg_str(vm, kwarg(&a, &kw, 1, "sep").as_ref(), "sep")?;
    let max = match kwarg(&a, &kw, 2, "maxsplit") {
        Some(v) => to_index(vm, &v)?,
        None => -1,
    };
    match sep {
        None => {
            if max < 0 {
                return Ok(strs(split_ws(&s, -1)));
            }
            let rev: String = s.chars().rev().collect();
            let mut parts: Vec<String> = split_ws(&rev, max).into_iter().map(|p| p.chars().rev().collect()).collect();
            parts.reverse();
            Ok(strs(parts))
        }
        Some(sep) => {
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let mut v: Vec<String> = if max < 0 {
                s.rsplit(sep.as_str()).map(String::from).collect()
            } else {
                s.rsplitn(max as usize + 1, sep.as_str()).map(String::from).collect()
            };
            v.reverse();
            Ok(strs(v))
        }
    }
}
fn m_splitlines(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let keep = match kwarg(&a, &kw, 1, "keepends") {
        Some(v) => ops::truthy(vm, &v)?,
        None => false,
    };
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            let mut end = i + 1;
            if c == '\r' && i + 1 < chars.len() && chars[i + 1] == '\n' {
                end = i + 2;
            }
            let line: String = if keep { chars[start..end].iter().collect() } else { chars[start..i].iter().collect() };
            out.push(line);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < chars.len() {
        out.push(chars[start..].iter().collect());
    }
    Ok(strs(out))
}
fn m_join(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let items = match ops::to_vec(vm, a.get(1).unwrap_or(&Value::None)) {
        Ok(i) => i,
        Err(_) => return Err(vm.type_error("can only join an iterable")),
    };
    // Exact size for the common all-`str` case (no reallocation while appending).
    let mut cap = s.len().saturating_mul(items.len().saturating_sub(1));
    for it in &items {
        if let Value::Str(x) = it {
            cap = cap.saturating_add(x.as_str().len());
        }
    }
    let mut out = String::with_capacity(cap);
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&s);
        }
        if let Value::Str(x) = it {
            out.push_str(x.as_str());
            continue;
        }
        match vm.payload(it) {
            Value::Str(x) => out.push_str(x.as_str()),
            other => {
                let n = vm.type_name(&other);
                return Err(vm.type_error(format!("sequence item {i}: expected str instance, {n} found")));
            }
        }
    }
    Ok(Value::str(out))
}
fn strip_impl(vm: &mut Vm, a: Vec<Value>, mode: u8) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let chars = arg_str(vm, a.get(1), "strip")?;
    let f = |c: char| match &chars {
        Some(cs) => cs.contains(c),
        None => py_isspace(c),
    };
    let r = match mode {
        0 => s.trim_matches(f),
        1 => s.trim_start_matches(f),
        _ => s.trim_end_matches(f),
    };
    Ok(Value::str(r))
}
fn m_strip(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    strip_impl(vm, a, 0)
}
fn m_lstrip(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    strip_impl(vm, a, 1)
}
fn m_rstrip(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    strip_impl(vm, a, 2)
}
fn m_upper(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::str(this(vm, a.first())?.to_uppercase()))
}
fn m_lower(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::str(this(vm, a.first())?.to_lowercase()))
}
fn m_swapcase(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    Ok(Value::str(
        s.chars()
            .map(|c| if c.is_uppercase() { c.to_lowercase().collect::<String>() } else { c.to_uppercase().collect() })
            .collect::<String>(),
    ))
}
fn m_capitalize(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let mut c = s.chars();
    let r = match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
        None => String::new(),
    };
    Ok(Value::str(r))
}
fn m_title(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    Ok(Value::str(out))
}
fn m_replace(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    crate::types::args::check_count(vm, "replace", &a[1..], &_k, 2, 3)?;
    let old = must_str(vm, a.get(1), "replace() argument 1")?;
    let new = must_str(vm, a.get(2), "replace() argument 2")?;
    let count = match a.get(3) {
        Some(v) => to_index(vm, v)?,
        None => -1,
    };
    if count < 0 {
        return Ok(Value::str(s.replace(&old, &new)));
    }
    Ok(Value::str(s.replacen(&old, &new, count as usize)))
}
fn prefix_impl(vm: &mut Vm, a: Vec<Value>, end: bool) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len() as i64;
    let norm = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let st = match a.get(2) {
        Some(Value::None) | None => 0,
        Some(v) => norm(to_index(vm, v)?),
    };
    let en = match a.get(3) {
        Some(Value::None) | None => n,
        Some(v) => norm(to_index(vm, v)?),
    };
    let sub: String =
        if st <= en { chars[st as usize..en as usize].iter().collect() } else { return Ok(Value::Bool(false)) };
    let pats: Vec<String> = match a.get(1) {
        Some(Value::Str(p)) => vec![p.as_str().to_string()],
        Some(Value::Tuple(t)) => t.iter().filter_map(|x| x.as_pystr().map(|p| p.as_str().to_string())).collect(),
        Some(other) => {
            let nm = vm.type_name(other);
            let w = if end { "endswith" } else { "startswith" };
            return Err(vm.type_error(format!("{w} first arg must be str or a tuple of str, not {nm}")));
        }
        None => return Err(vm.type_error("missing argument")),
    };
    Ok(Value::Bool(pats.iter().any(|p| if end { sub.ends_with(p.as_str()) } else { sub.starts_with(p.as_str()) })))
}
fn m_startswith(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    prefix_impl(vm, a, false)
}
fn m_endswith(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    prefix_impl(vm, a, true)
}
fn find_impl(vm: &mut Vm, a: &[Value], rev: bool) -> PyResult<i64> {
    let s = this(vm, a.first())?;
    let sub = sub_str(vm, a.get(1))?;
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len() as i64;
    let norm = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let st = match a.get(2) {
        Some(Value::None) | None => 0,
        Some(v) => norm(to_index(vm, v)?),
    };
    let en = match a.get(3) {
        Some(Value::None) | None => n,
        Some(v) => norm(to_index(vm, v)?),
    };
    if st > en {
        return Ok(-1);
    }
    let hay: String = chars[st as usize..en as usize].iter().collect();
    let r = if rev { hay.rfind(&sub) } else { hay.find(&sub) };
    Ok(match r {
        Some(b) => st + hay[..b].chars().count() as i64,
        None => -1,
    })
}
fn m_find(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(find_impl(vm, &a, false)?))
}
fn m_rfind(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(find_impl(vm, &a, true)?))
}
fn m_index(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let r = find_impl(vm, &a, false)?;
    if r < 0 {
        return Err(vm.value_error("substring not found"));
    }
    Ok(Value::Int(r))
}
fn m_rindex(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let r = find_impl(vm, &a, true)?;
    if r < 0 {
        return Err(vm.value_error("substring not found"));
    }
    Ok(Value::Int(r))
}
fn sub_str(vm: &mut Vm, v: Option<&Value>) -> PyResult<String> {
    match v.map(|v| vm.payload(v)) {
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(_) => {
            let n = vm.type_name(v.unwrap_or(&Value::None));
            Err(vm.type_error(format!("must be str, not {n}")))
        }
        None => Err(vm.type_error("expected at least 1 argument, got 0")),
    }
}
fn m_count(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let sub = sub_str(vm, a.get(1))?;
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len() as i64;
    let norm = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let st = match a.get(2) {
        Some(Value::None) | None => 0,
        Some(v) => norm(to_index(vm, v)?),
    };
    let en = match a.get(3) {
        Some(Value::None) | None => n,
        Some(v) => norm(to_index(vm, v)?),
    };
    if st > en {
        return Ok(Value::Int(0));
    }
    if sub.is_empty() {
        return Ok(Value::Int(en - st + 1));
    }
    let hay: String = chars[st as usize..en as usize].iter().collect();
    Ok(Value::Int(hay.matches(sub.as_str()).count() as i64))
}
fn pred(vm: &mut Vm, a: Vec<Value>, f: fn(char) -> bool, empty: bool) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    if s.is_empty() {
        return Ok(Value::Bool(empty));
    }
    Ok(Value::Bool(s.chars().all(f)))
}
fn m_isdigit(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    pred(vm, a, |c| c.is_ascii_digit() || c.is_numeric(), false)
}
fn m_isalpha(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    pred(vm, a, |c| c.is_alphabetic(), false)
}
fn m_isalnum(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    pred(vm, a, |c| c.is_alphanumeric(), false)
}
fn m_isspace(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    pred(vm, a, py_isspace, false)
}
fn m_isupper(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    Ok(Value::Bool(s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())))
}
fn m_islower(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    Ok(Value::Bool(s.chars().any(|c| c.is_lowercase()) && !s.chars().any(|c| c.is_uppercase())))
}
fn m_isidentifier(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let mut c = s.chars();
    let ok = match c.next() {
        Some(f) => (f.is_alphabetic() || f == '_') && c.all(|x| x.is_alphanumeric() || x == '_'),
        None => false,
    };
    Ok(Value::Bool(ok))
}
fn m_casefold(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::str(this(vm, a.first())?.to_lowercase().replace('ß', "ss")))
}
fn m_format_map(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let m = a.get(1).cloned().unwrap_or(Value::None);
    let items = crate::types::dict::mapping_items(vm, &m)?;
    let kw: Kw = items
        .into_iter()
        .filter_map(|(k, v)| match k {
            Value::Str(k) => Some((k, v)),
            _ => None,
        })
        .collect();
    Ok(Value::str(crate::repr::str_format(vm, &s, &[], &kw)?))
}
fn m_istitle(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let mut prev_cased = false;
    let mut any = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::Bool(any))
}
fn m_isprintable(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    Ok(Value::Bool(s.chars().all(|c| !c.is_control() && c != '\u{ad}')))
}
fn m_isascii(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    Ok(Value::Bool(s.is_ascii()))
}
fn pad(vm: &mut Vm, a: Vec<Value>, mode: u8) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let w = to_index(vm, a.get(1).unwrap_or(&Value::None))?;
    let fill = match a.get(2) {
        Some(Value::Str(f)) if f.len() == 1 => f.as_str().chars().next().unwrap_or(' '),
        Some(_) => return Err(vm.type_error("The fill character must be exactly one character long")),
        None => ' ',
    };
    let n = s.chars().count() as i64;
    if w <= n {
        return Ok(Value::str(s));
    }
    let total = (w - n) as usize;
    let (l, r) = match mode {
        0 => (0, total),
        1 => (total, 0),
        _ => {
            let left = total / 2 + (total & (w as usize) & 1);
            (left, total - left)
        }
    };
    let fs = |k: usize| std::iter::repeat(fill).take(k).collect::<String>();
    Ok(Value::str(format!("{}{}{}", fs(l), s, fs(r))))
}
fn m_ljust(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    pad(vm, a, 0)
}
fn m_rjust(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    pad(vm, a, 1)
}
fn m_center(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    pad(vm, a, 2)
}
fn m_zfill(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let w = to_index(vm, a.get(1).unwrap_or(&Value::None))?;
    let n = s.chars().count() as i64;
    if w <= n {
        return Ok(Value::str(s));
    }
    let zeros = "0".repeat((w - n) as usize);
    let r =
        if s.starts_with('+') || s.starts_with('-') { format!("{}{}{}", &s[..1], zeros, &s[1..]) } else { zeros + &s };
    Ok(Value::str(r))
}
fn part(vm: &mut Vm, a: Vec<Value>, rev: bool) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let sep = must_str(vm, a.get(1), "must be str")?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let r = if rev { s.rfind(&sep) } else { s.find(&sep) };
    Ok(Value::tuple(match r {
        Some(i) => vec![Value::str(&s[..i]), Value::str(sep.as_str()), Value::str(&s[i + sep.len()..])],
        None if rev => vec![Value::str(""), Value::str(""), Value::str(s)],
        None => vec![Value::str(s), Value::str(""), Value::str("")],
    }))
}
fn m_partition(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    part(vm, a, false)
}
fn m_rpartition(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    part(vm, a, true)
}
fn m_encode(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let enc = a.get(1).cloned().or_else(|| k.iter().find(|(n, _)| n.as_str() == "encoding").map(|x| x.1.clone()));
    if let Some(Value::Str(e)) = enc {
        let e = e.as_str().to_ascii_lowercase().replace('_', "-");
        match e.as_str() {
            "utf-8" | "utf8" => {}
            "ascii" | "latin-1" | "latin1" | "iso-8859-1" => {
                let limit = if e == "ascii" { 128 } else { 256 };
                let mut out = Vec::new();
                for c in s.chars() {
                    if (c as u32) < limit {
                        out.push(c as u32 as u8);
                    } else {
                        let t =
                            vm.t.all_exc
                                .iter()
                                .find(|x| x.name() == "UnicodeEncodeError")
                                .cloned()
                                .unwrap_or(vm.t.unicode_error.clone());
                        let codec = if e == "ascii" { "ascii" } else { "latin-1" };
                        return Err(
                            vm.new_exc(&t, format!("'{codec}' codec can't encode character '\\u{:04x}'", c as u32))
                        );
                    }
                }
                return Ok(Value::obj(Object::Bytes(out)));
            }
            _ => {
                let t = vm.t.lookup_error.clone();
                return Err(vm.new_exc(&t, format!("unknown encoding: {}", e)));
            }
        }
    }
    Ok(Value::obj(Object::Bytes(s.into_bytes())))
}
fn m_removeprefix(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let p = must_str(vm, a.get(1), "must be str")?;
    Ok(Value::str(s.strip_prefix(p.as_str()).unwrap_or(&s)))
}
fn m_removesuffix(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let p = must_str(vm, a.get(1), "must be str")?;
    Ok(Value::str(s.strip_suffix(p.as_str()).unwrap_or(&s)))
}
fn m_expandtabs(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let ts = match a.get(1) {
        Some(v) => to_index(vm, v)?,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in s.chars() {
        match c {
            '\t' => {
                if ts > 0 {
                    let k = ts - col % ts;
                    out.push_str(&" ".repeat(k as usize));
                    col += k;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(Value::str(out))
}
fn m_format(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let r = crate::repr::str_format(vm, &s, &a[1..], &kw)?;
    Ok(Value::str(r))
}
fn m_len(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    Ok(Value::Int(s.chars().count() as i64))
}
fn m_maketrans(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let d = crate::object::new_dict();
    let args: Vec<Value> = a.into_iter().filter(|v| !matches!(v, Value::Type(_))).collect();
    match (args.first(), args.get(1)) {
        (Some(Value::Str(x)), Some(Value::Str(y))) => {
            if x.len() != y.len() {
                return Err(vm.value_error("the first two maketrans arguments must have equal length"));
            }
            for (p, q) in x.as_str().chars().zip(y.as_str().chars()) {
                crate::types::dict::dict_set(vm, &d, Value::Int(p as i64), Value::Int(q as i64))?;
            }
            if let Some(Value::Str(z)) = args.get(2) {
                for p in z.as_str().chars() {
                    crate::types::dict::dict_set(vm, &d, Value::Int(p as i64), Value::None)?;
                }
            }
        }
        (Some(Value::Dict(src)), None) => {
            for (k, v) in src.borrow().items() {
                let k = match &k {
                    Value::Str(s) => Value::Int(s.as_str().chars().next().map(|c| c as i64).unwrap_or(0)),
                    other => other.clone(),
                };
                d.borrow_mut().insert_new(
                    crate::num::hash_int(match k {
                        Value::Int(i) => i,
                        _ => 0,
                    }),
                    k,
                    v,
                );
            }
        }
        _ => return Err(vm.type_error("maketrans() arguments must be strings or a dict")),
    }
    Ok(Value::Dict(d))
}
fn m_translate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let table = a.get(1).cloned().unwrap_or(Value::None);
    let mut out = String::new();
    for c in s.chars() {
        match ops::getitem(vm, &table, &Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(Value::Str(r)) => out.push_str(r.as_str()),
            Ok(Value::Int(i)) => out.push(char::from_u32(i as u32).unwrap_or(c)),
            Ok(_) => out.push(c),
            Err(_) => out.push(c),
        }
    }
    Ok(Value::str(out))
}

fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Obj(o) => match &**o {
            Object::Bytes(b) => Some(b.clone()),
            Object::ByteArray(b) => Some(b.borrow().clone()),
            _ => None,
        },
        _ => None,
    }
}

/// bytes/bytearray `+` and `*`.
pub fn bytes_binop(vm: &mut Vm, op: u32, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    let mk = |v: Vec<u8>, like: &Value| match like {
        Value::Obj(o) if matches!(&**o, Object::ByteArray(_)) => {
            Value::obj(Object::ByteArray(std::cell::RefCell::new(v)))
        }
        _ => Value::obj(Object::Bytes(v)),
    };
    match (op, bytes_of(a), bytes_of(b)) {
        (crate::num::ADD, Some(mut x), Some(y)) => {
            x.extend(y);
            Ok(Some(mk(x, a)))
        }
        (crate::num::MUL, Some(x), None) if crate::num::is_int(b) => {
            let n = to_index(vm, b)?.max(0);
            if n > 0 {
                crate::types::alloc_guard(vm, (x.len() as i64).saturating_mul(n))?;
            }
            Ok(Some(mk(x.repeat(n as usize), a)))
        }
        _ => Ok(None),
    }
}

fn b_decode(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = bytes_of(a.first().unwrap_or(&Value::None)).unwrap_or_default();
    let enc = a.get(1).cloned().or_else(|| k.iter().find(|(n, _)| n.as_str() == "encoding").map(|x| x.1.clone()));
    let errors = a.get(2).cloned().or_else(|| k.iter().find(|(n, _)| n.as_str() == "errors").map(|x| x.1.clone()));
    if let Some(Value::Str(e)) = &enc {
        let e = e.as_str().to_ascii_lowercase().replace('_', "-");
        if matches!(e.as_str(), "latin-1" | "latin1" | "iso-8859-1") {
            return Ok(Value::str(b.iter().map(|&x| x as char).collect::<String>()));
        }
        if !matches!(e.as_str(), "utf-8" | "utf8" | "ascii") {
            let t = vm.t.lookup_error.clone();
            return Err(vm.new_exc(&t, format!("unknown encoding: {e}")));
        }
    }
    match String::from_utf8(b.clone()) {
        Ok(s) => Ok(Value::str(s)),
        Err(err) => {
            if let Some(Value::Str(m)) = &errors {
                if m.as_str() == "replace" || m.as_str() == "ignore" {
                    let s = String::from_utf8_lossy(&b).into_owned();
                    return Ok(Value::str(if m.as_str() == "ignore" { s.replace('\u{fffd}', "") } else { s }));
                }
            }
            let pos = err.utf8_error().valid_up_to();
            let t =
                vm.t.all_exc
                    .iter()
                    .find(|x| x.name() == "UnicodeDecodeError")
                    .cloned()
                    .unwrap_or(vm.t.unicode_error.clone());
            let why = if b[pos] >= 0x80 && b[pos] < 0xc0 || b[pos] >= 0xf8 {
                "invalid start byte"
            } else {
                "unexpected end of data"
            };
            Err(crate::exceptions::make_exc(
                &t,
                Value::tuple(vec![
                    Value::str("utf-8"),
                    Value::obj(Object::Bytes(b.clone())),
                    Value::Int(pos as i64),
                    Value::Int(pos as i64 + 1),
                    Value::str(why),
                ]),
            ))
        }
    }
}
fn b_hex(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let b = bytes_of(a.first().unwrap_or(&Value::None)).unwrap_or_default();
    Ok(Value::str(b.iter().map(|x| format!("{x:02x}")).collect::<String>()))
}
fn ba_append(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let Some(Value::Obj(o)) = a.first() {
        if let Object::ByteArray(b) = &**o {
            let n = to_index(vm, a.get(1).unwrap_or(&Value::None))?;
            if !(0..256).contains(&n) {
                return Err(vm.value_error("byte must be in range(0, 256)"));
            }
            b.borrow_mut().push(n as u8);
        }
    }
    Ok(Value::None)
}

/// Installs str (and bytes) methods.
pub fn init(vm: &mut Vm) {
    let t = vm.t.str.clone();
    let table: &[(&'static str, crate::object::NativeFn)] = &[
        ("split", m_split),
        ("rsplit", m_rsplit),
        ("splitlines", m_splitlines),
        ("join", m_join),
        ("strip", m_strip),
        ("lstrip", m_lstrip),
        ("rstrip", m_rstrip),
        ("upper", m_upper),
        ("lower", m_lower),
        ("casefold", m_casefold),
        ("format_map", m_format_map),
        ("swapcase", m_swapcase),
        ("capitalize", m_capitalize),
        ("title", m_title),
        ("replace", m_replace),
        ("startswith", m_startswith),
        ("endswith", m_endswith),
        ("find", m_find),
        ("rfind", m_rfind),
        ("index", m_index),
        ("rindex", m_rindex),
        ("count", m_count),
        ("isdigit", m_isdigit),
        ("isdecimal", m_isdigit),
        ("isnumeric", m_isdigit),
        ("isalpha", m_isalpha),
        ("isalnum", m_isalnum),
        ("isspace", m_isspace),
        ("isupper", m_isupper),
        ("islower", m_islower),
        ("isidentifier", m_isidentifier),
        ("ljust", m_ljust),
        ("rjust", m_rjust),
        ("center", m_center),
        ("zfill", m_zfill),
        ("partition", m_partition),
        ("rpartition", m_rpartition),
        ("encode", m_encode),
        ("removeprefix", m_removeprefix),
        ("removesuffix", m_removesuffix),
        ("expandtabs", m_expandtabs),
        ("format", m_format),
        ("__len__", m_len),
        ("translate", m_translate),
        ("istitle", m_istitle),
        ("isprintable", m_isprintable),
        ("isascii", m_isascii),
    ];
    for (n, f) in table {
        add_method(&t, n, *f);
    }
    t.dict.borrow_mut().set_str(
        crate::value::s("maketrans"),
        Value::obj(Object::StaticMethod(crate::vm::native("maketrans", m_maketrans))),
    );
    for bt in [vm.t.bytes.clone(), vm.t.bytearray.clone()] {
        add_method(&bt, "decode", b_decode);
        add_method(&bt, "hex", b_hex);
    }
    add_method(&vm.t.bytearray.clone(), "append", ba_append);
    init_bytes(vm);
}

/// bytes -> str, one char per byte (latin-1), so str methods can be reused for bytes.
fn latin1(b: &[u8]) -> String {
    b.iter().map(|&x| x as char).collect()
}

fn to_latin1_arg(v: &Value) -> Value {
    match v {
        Value::Obj(o) => match &**o {
            Object::Bytes(b) => Value::str(latin1(b)),
            Object::ByteArray(b) => Value::str(latin1(&b.borrow())),
            _ => v.clone(),
        },
        Value::Tuple(t) => Value::tuple(t.iter().map(to_latin1_arg).collect()),
        Value::List(l) => Value::list(l.borrow().iter().map(to_latin1_arg).collect()),
        _ => v.clone(),
    }
}

fn from_latin1(v: Value, array: bool) -> Value {
    match &v {
        Value::Str(s) => {
            let b: Vec<u8> = s.as_str().chars().map(|c| c as u32 as u8).collect();
            if array {
                Value::obj(Object::ByteArray(std::cell::RefCell::new(b)))
            } else {
                Value::obj(Object::Bytes(b))
            }
        }
        Value::List(l) => Value::list(l.borrow().iter().cloned().map(|x| from_latin1(x, array)).collect()),
        Value::Tuple(t) => Value::tuple(t.iter().cloned().map(|x| from_latin1(x, array)).collect()),
        _ => v,
    }
}

fn via_str(vm: &mut Vm, a: Vec<Value>, kw: Kw, f: crate::object::NativeFn) -> PyResult<Value> {
    let array = matches!(a.first(), Some(Value::Obj(o)) if matches!(&**o, Object::ByteArray(_)));
    let mut args: Vec<Value> = a.iter().map(to_latin1_arg).collect();
    if let Some(first) = args.get_mut(0) {
        if !matches!(first, Value::Str(_)) {
            return Err(vm.type_error("descriptor requires a bytes object"));
        }
    }
    // join(): items of the iterable are bytes too
    if args.len() == 2 && !matches!(args[1], Value::Str(_) | Value::Tuple(_) | Value::Int(_) | Value::None) {
        if let Ok(items) = ops::to_vec(vm, &a[1]) {
            args[1] = Value::list(items.iter().map(to_latin1_arg).collect());
        }
    }
    let r = f(vm, args, kw)?;
    Ok(from_latin1(r, array))
}

macro_rules! bytes_via_str {
    ($( $w:ident => $name:literal, $f:ident; )*) => {
        $( fn $w(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> { via_str(vm, a, kw, $f) } )*
        fn install_bytes_methods(t: &std::rc::Rc<crate::object::Type>) {
            $( add_method(t, $name, $w); )*
        }
    };
}

bytes_via_str! {
    bw_lower => "lower", m_lower; bw_upper => "upper", m_upper; bw_split => "split", m_split;
    bw_rsplit => "rsplit", m_rsplit; bw_replace => "replace", m_replace; bw_find => "find", m_find;
    bw_rfind => "rfind", m_rfind; bw_index => "index", m_index; bw_rindex => "rindex", m_rindex;
    bw_count => "count", m_count; bw_startswith => "startswith", m_startswith;
    bw_endswith => "endswith", m_endswith; bw_strip => "strip", m_strip; bw_lstrip => "lstrip", m_lstrip;
    bw_rstrip => "rstrip", m_rstrip; bw_join => "join", m_join; bw_partition => "partition", m_partition;
    bw_rpartition => "rpartition", m_rpartition; bw_center => "center", m_center; bw_ljust => "ljust", m_ljust;
    bw_rjust => "rjust", m_rjust; bw_zfill => "zfill", m_zfill; bw_title => "title", m_title;
    bw_capitalize => "capitalize", m_capitalize; bw_swapcase => "swapcase", m_swapcase;
    bw_isdigit => "isdigit", m_isdigit; bw_isalpha => "isalpha", m_isalpha; bw_isalnum => "isalnum", m_isalnum;
    bw_isspace => "isspace", m_isspace; bw_isupper => "isupper", m_isupper; bw_islower => "islower", m_islower;
    bw_splitlines => "splitlines", m_splitlines; bw_expandtabs => "expandtabs", m_expandtabs;
    bw_removeprefix => "removeprefix", m_removeprefix; bw_removesuffix => "removesuffix", m_removesuffix;
}

fn b_fromhex(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = match a.last() {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => return Err(vm.type_error("fromhex() argument must be str")),
    };
    let digits: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    for pair in digits.chunks(2) {
        let t: String = pair.iter().collect();
        match u8::from_str_radix(&t, 16) {
            Ok(b) if t.len() == 2 => out.push(b),
            _ => return Err(vm.value_error("non-hexadecimal number found in fromhex() arg")),
        }
    }
    let is_array = matches!(a.first(), Some(Value::Type(t)) if t.name() == "bytearray");
    Ok(if is_array {
        Value::obj(Object::ByteArray(std::cell::RefCell::new(out)))
    } else {
        Value::obj(Object::Bytes(out))
    })
}

fn b_hex_sep(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let b = bytes_of(a.first().unwrap_or(&Value::None)).unwrap_or_default();
    let sep = match a.get(1) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(Value::Obj(o)) => match &**o {
            Object::Bytes(x) => latin1(x),
            _ => String::new(),
        },
        _ => String::new(),
    };
    let group = match a.get(2) {
        Some(v) => to_index(vm, v)?,
        None => 1,
    };
    if sep.is_empty() {
        return Ok(Value::str(b.iter().map(|x| format!("{x:02x}")).collect::<String>()));
    }
    let hexes: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    let g = group.unsigned_abs() as usize;
    let mut parts = Vec::new();
    if group > 0 {
        let first = hexes.len() % g;
        if first > 0 {
            parts.push(hexes[..first].concat());
        }
        for c in hexes[first..].chunks(g) {
            parts.push(c.concat());
        }
    } else {
        for c in hexes.chunks(g) {
            parts.push(c.concat());
        }
    }
    Ok(Value::str(parts.join(&sep)))
}

/// Installs the bytes/bytearray methods that reuse the str implementations.
pub fn init_bytes(vm: &mut Vm) {
    for t in [vm.t.bytes.clone(), vm.t.bytearray.clone()] {
        install_bytes_methods(&t);
        add_method(&t, "hex", b_hex_sep);
        t.dict.borrow_mut().set_str(
            crate::value::s("fromhex"),
            Value::obj(Object::ClassMethod(crate::vm::native("fromhex", b_fromhex))),
        );
    }
}
