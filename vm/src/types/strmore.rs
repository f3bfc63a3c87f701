//! str methods with exact Python semantics from `text::strmethods` (case mapping with
//! special casing, Unicode predicates, padding, tabs, line splitting), `encode`,
//! `format_map`. Installed after `str::init`, replacing its simpler versions.

use crate::text::strmethods as sm;
use crate::types::add_method;
use crate::types::args::{bind, check_count};
use crate::types::to_index;
use crate::value::Value;
use crate::vm::{Kw, PyResult, Vm};

fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<String> {
    match a.first().map(|v| vm.payload(v)) {
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(_) => {
            let n = vm.type_name(&a[0]);
            Err(vm.type_error(format!("descriptor '{name}' for 'str' objects doesn't apply to a '{n}' object")))
        }
        None => Err(vm.type_error(format!("unbound method str.{name}() needs an argument"))),
    }
}

macro_rules! transform {
    ($fname:ident, $name:literal, $f:expr) => {
        fn $fname(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
            let s = this(vm, &a, $name)?;
            check_count(vm, concat!("str.", $name), &a[1..], &k, 0, 0)?;
            let f: fn(&str) -> String = $f;
            Ok(Value::str(f(&s)))
        }
    };
}

macro_rules! predicate {
    ($fname:ident, $name:literal, $f:expr) => {
        fn $fname(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
            let s = this(vm, &a, $name)?;
            check_count(vm, concat!("str.", $name), &a[1..], &k, 0, 0)?;
            let f: fn(&str) -> bool = $f;
            Ok(Value::Bool(f(&s)))
        }
    };
}

transform!(m_upper, "upper", sm::upper);
transform!(m_lower, "lower", sm::lower);
transform!(m_casefold, "casefold", sm::casefold);
transform!(m_title, "title", sm::title);
transform!(m_capitalize, "capitalize", sm::capitalize);
transform!(m_swapcase, "swapcase", sm::swapcase);
predicate!(m_isalpha, "isalpha", sm::isalpha);
predicate!(m_isdecimal, "isdecimal", sm::isdecimal);
predicate!(m_isdigit, "isdigit", sm::isdigit);
predicate!(m_isnumeric, "isnumeric", sm::isnumeric);
predicate!(m_isalnum, "isalnum", sm::isalnum);
predicate!(m_isspace, "isspace", sm::isspace);
predicate!(m_isprintable, "isprintable", sm::isprintable);
predicate!(m_isascii, "isascii", sm::isascii);
predicate!(m_isidentifier, "isidentifier", sm::isidentifier);
predicate!(m_islower, "islower", sm::islower);
predicate!(m_isupper, "isupper", sm::isupper);
predicate!(m_istitle, "istitle", sm::istitle);

fn fill_char(vm: &mut Vm, name: &str, v: Option<&Value>) -> PyResult<char> {
    match v {
        None => Ok(' '),
        Some(Value::Str(s)) if s.len() == 1 => Ok(s.as_str().chars().next().unwrap_or(' ')),
        Some(Value::Str(_)) => Err(vm.type_error("The fill character must be exactly one character long")),
        Some(o) => {
            let n = vm.type_name(o);
            Err(vm.type_error(format!("{name}() argument 2 must be str, not {n}")))
        }
    }
}

fn padding(vm: &mut Vm, a: Vec<Value>, k: Kw, name: &str, f: fn(&str, i64, char) -> String) -> PyResult<Value> {
    let s = this(vm, &a, name)?;
    check_count(vm, name, &a[1..], &k, 1, 2)?;
    let w = to_index(vm, &a[1])?;
    crate::types::alloc_guard(vm, w)?;
    let c = fill_char(vm, name, a.get(2))?;
    if w <= s.chars().count() as i64 {
        return Ok(Value::str(s));
    }
    Ok(Value::str(f(&s, w, c)))
}
fn m_center(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    padding(vm, a, k, "center", sm::center)
}
fn m_ljust(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    padding(vm, a, k, "ljust", sm::ljust)
}
fn m_rjust(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    padding(vm, a, k, "rjust", sm::rjust)
}
fn m_zfill(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let s = this(vm, &a, "zfill")?;
    check_count(vm, "zfill", &a[1..], &k, 1, 1)?;
    let w = to_index(vm, &a[1])?;
    crate::types::alloc_guard(vm, w)?;
    Ok(Value::str(sm::zfill(&s, w)))
}
fn m_expandtabs(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let s = this(vm, &a, "expandtabs")?;
    let p = bind(vm, "expandtabs", &a[1..], &k, &["tabsize"], 0, 0, 1)?;
    let ts = match &p[0] {
        Some(v) => to_index(vm, v)?,
        None => 8,
    };
    if ts > i32::MAX as i64 || ts < i32::MIN as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    if ts > crate::types::MAX_ALLOC && s.contains('\t') {
        return Err(vm.overflow_error("new string is too long"));
    }
    Ok(Value::str(sm::expandtabs(&s, ts)))
}
fn m_splitlines(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let s = this(vm, &a, "splitlines")?;
    let p = bind(vm, "splitlines", &a[1..], &k, &["keepends"], 0, 0, 1)?;
    let keep = match &p[0] {
        Some(v) => crate::ops::truthy(vm, v)?,
        None => false,
    };
    Ok(Value::list(sm::splitlines(&s, keep).into_iter().map(Value::str).collect()))
}

fn strip_chars(vm: &mut Vm, name: &str, a: &[Value], k: &Kw) -> PyResult<Option<String>> {
    check_count(vm, name, &a[1..], k, 0, 1)?;
    match a.get(1) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.as_str().to_string())),
        Some(o) => {
            let n = vm.type_name(o);
            let _ = n;
            Err(vm.type_error(format!("{name} arg must be None or str")))
        }
    }
}
fn m_strip(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let s = this(vm, &a, "strip")?;
    let c = strip_chars(vm, "strip", &a, &k)?;
    Ok(Value::str(sm::strip(&s, c.as_deref())))
}
fn m_lstrip(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let s = this(vm, &a, "lstrip")?;
    let c = strip_chars(vm, "lstrip", &a, &k)?;
    Ok(Value::str(sm::lstrip(&s, c.as_deref())))
}
fn m_rstrip(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let s = this(vm, &a, "rstrip")?;
    let c = strip_chars(vm, "rstrip", &a, &k)?;
    Ok(Value::str(sm::rstrip(&s, c.as_deref())))
}

fn str_arg(vm: &mut Vm, fname: &str, argname: &str, v: &Option<Value>, default: &str) -> PyResult<String> {
    match v {
        None => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(o) => {
            let n = vm.type_name(o);
            Err(vm.type_error(format!("{fname}() argument '{argname}' must be str, not {n}")))
        }
    }
}

fn m_encode(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let s = this(vm, &a, "encode")?;
    let p = bind(vm, "encode", &a[1..], &k, &["encoding", "errors"], 0, 0, 2)?;
    let enc = str_arg(vm, "encode", "encoding", &p[0], "utf-8")?;
    let errors = str_arg(vm, "encode", "errors", &p[1], "strict")?;
    let b = super::codecs::encode(vm, &s, &enc, &errors)?;
    Ok(Value::obj(crate::object::Object::Bytes(b)))
}

fn m_format_map(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let s = this(vm, &a, "format_map")?;
    check_count(vm, "format_map", &a[1..], &k, 1, 1)?;
    let m = a[1].clone();
    let mut kw: Kw = Vec::new();
    // Collect only the names the template uses, looked up lazily through the mapping.
    let mut names = Vec::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '{' {
            if it.peek() == Some(&'{') {
                it.next();
                continue;
            }
            let mut name = String::new();
            while let Some(&d) = it.peek() {
                if matches!(d, '}' | '!' | ':' | '.' | '[') {
                    break;
                }
                name.push(d);
                it.next();
            }
            if !name.is_empty() && !name.chars().all(|c| c.is_ascii_digit()) && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    for n in names {
        let v = crate::ops::getitem(vm, &m, &Value::str(n.as_str()))?;
        kw.push((crate::value::s(&n), v));
    }
    Ok(Value::str(crate::repr::str_format(vm, &s, &[], &kw)?))
}

/// Installs the str methods defined here (replacing simpler versions).
pub fn init(vm: &mut Vm) {
    let t = vm.t.str.clone();
    let table: &[(&'static str, crate::object::NativeFn)] = &[
        ("upper", m_upper),
        ("lower", m_lower),
        ("casefold", m_casefold),
        ("title", m_title),
        ("capitalize", m_capitalize),
        ("swapcase", m_swapcase),
        ("isalpha", m_isalpha),
        ("isdecimal", m_isdecimal),
        ("isdigit", m_isdigit),
        ("isnumeric", m_isnumeric),
        ("isalnum", m_isalnum),
        ("isspace", m_isspace),
        ("isprintable", m_isprintable),
        ("isascii", m_isascii),
        ("isidentifier", m_isidentifier),
        ("islower", m_islower),
        ("isupper", m_isupper),
        ("istitle", m_istitle),
        ("center", m_center),
        ("ljust", m_ljust),
        ("rjust", m_rjust),
        ("zfill", m_zfill),
        ("expandtabs", m_expandtabs),
        ("splitlines", m_splitlines),
        ("strip", m_strip),
        ("lstrip", m_lstrip),
        ("rstrip", m_rstrip),
        ("encode", m_encode),
        ("format_map", m_format_map),
    ];
    for (n, f) in table {
        add_method(&t, n, *f);
    }
}
