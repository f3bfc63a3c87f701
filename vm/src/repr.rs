//! repr(), str(), format() with the format-spec mini-language, %-formatting and str.format.
//! (Minimal text helpers; the `text` module from branch `vmtext` will replace the pure parts.)

use crate::object::Object;
use crate::ops::{self, user_method};
use crate::value::Value;
use crate::vm::{Kw, PyResult, Vm};

/// Python's repr of a float (shortest round-trip digits).
pub fn float_repr(f: f64) -> String {
    crate::text::float_repr(f)
}

/// repr of a str with Python's quoting and escapes.
pub fn str_repr(s: &str) -> String {
    crate::text::str_repr(s)
}

/// repr of bytes.
pub fn bytes_repr(b: &[u8]) -> String {
    crate::text::bytes_repr(b)
}

/// repr of a complex.
pub fn complex_repr(r: f64, i: f64) -> String {
    crate::text::complex_repr(r, i)
}

fn addr(v: &Value) -> String {
    format!("0x{:012x}", v.id() as u64 & 0xffff_ffff_ffff)
}

/// `<module.Class object at 0x...>`.
pub fn default_repr(vm: &mut Vm, v: &Value) -> String {
    let t = vm.type_of(v);
    let m = t.module.borrow().clone();
    let q = t.qualname.borrow().clone();
    if m == "builtins" {
        format!("<{q} object at {}>", addr(v))
    } else {
        format!("<{m}.{q} object at {}>", addr(v))
    }
}

fn guard<F: FnOnce(&mut Vm) -> PyResult<String>>(vm: &mut Vm, v: &Value, empty: &str, f: F) -> PyResult<String> {
    let id = v.id();
    if vm.repr_guard.contains(&id) {
        return Ok(empty.to_string());
    }
    vm.enter_native()?;
    vm.repr_guard.push(id);
    let r = f(vm);
    vm.repr_guard.pop();
    vm.native_depth -= 1;
    r
}

fn join_reprs(vm: &mut Vm, items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(vm, x)?);
    }
    Ok(out)
}

/// `repr(v)`.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    Ok(match v {
        Value::Null => "<NULL>".into(),
        Value::None => "None".into(),
        Value::NotImplemented => "NotImplemented".into(),
        Value::Ellipsis => "Ellipsis".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => crate::num::big_to_decimal(vm, b)?,
        Value::Float(f) => float_repr(*f),
        Value::Str(s) => str_repr(s.as_str()),
        Value::Tuple(t) => {
            if t.len() == 1 {
                return guard(vm, v, "(...)", |vm| Ok(format!("({},)", repr(vm, &t[0])?)));
            }
            let t = t.clone();
            guard(vm, v, "(...)", |vm| Ok(format!("({})", join_reprs(vm, &t)?)))?
        }
        Value::List(l) => {
            let items = l.borrow().clone();
            guard(vm, v, "[...]", |vm| Ok(format!("[{}]", join_reprs(vm, &items)?)))?
        }
        Value::Dict(d) => {
            let items = d.borrow().items();
            guard(vm, v, "{...}", |vm| {
                let mut out = String::from("{");
                for (i, (k, x)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&repr(vm, k)?);
                    out.push_str(": ");
                    out.push_str(&repr(vm, x)?);
                }
                out.push('}');
                Ok(out)
            })?
        }
        Value::Set(s) => {
            crate::types::set::normalize_order(s);
            let items = s.table.borrow().keys();
            let frozen = s.frozen;
            if items.is_empty() {
                return Ok(if frozen { "frozenset()".into() } else { "set()".into() });
            }
            guard(vm, v, "{...}", |vm| {
                let inner = join_reprs(vm, &items)?;
                Ok(if frozen { format!("frozenset({{{inner}}})") } else { format!("{{{inner}}}") })
            })?
        }
        Value::Func(f) => {
            let q = match &*f.qualname.borrow() {
                Value::Str(s) => s.as_str().to_string(),
                _ => String::new(),
            };
            format!("<function {q} at {}>", addr(v))
        }
        Value::Type(t) => {
            if let Some(r) = crate::descr::meta_dunder(vm, v, "__repr__", vec![])? {
                return match r {
                    Value::Str(s) => Ok(s.as_str().to_string()),
                    other => {
                        let n = vm.type_name(&other);
                        Err(vm.type_error(format!("__repr__ returned non-string (type {n})")))
                    }
                };
            }
            let m = t.module.borrow().clone();
            let q = t.qualname.borrow().clone();
            if m == "builtins" {
                format!("<class '{q}'>")
            } else {
                format!("<class '{m}.{q}'>")
            }
        }
        Value::Inst(i) => {
            let ty = i.class();
            if let Some(f) = user_method(&ty, &vm.t.s_repr.clone()) {
                vm.enter_native()?;
                let r = vm.call_descr(&f, v, vec![v.clone()]);
                vm.native_depth -= 1;
                let r = r?;
                return match r {
                    Value::Str(s) => Ok(s.as_str().to_string()),
                    other => {
                        let n = vm.type_name(&other);
                        Err(vm.type_error(format!("__repr__ returned non-string (type {n})")))
                    }
                };
            }
            if i.exc.is_some() {
                return crate::exceptions::exc_repr(vm, v);
            }
            if let Some(r) = crate::descr::alias_repr(vm, v)? {
                return Ok(r);
            }
            if let Some(args) = crate::types::union::args_of(vm, v) {
                return crate::types::union::repr(vm, &args);
            }
            if let Some(r) = crate::descr::union_repr(vm, v)? {
                return Ok(r);
            }
            if crate::types::memoryview::is_mv(vm, v) {
                return Ok(format!("<memory at {}>", addr(v)));
            }
            let p = vm.payload(v);
            if !p.is(v) {
                return repr(vm, &p);
            }
            default_repr(vm, v)
        }
        Value::Obj(o) => match &**o {
            Object::Builtin(b) => match &b.self_ {
                None => {
                    // An unbound method of a built-in class: `<method 'append' of 'list' objects>`
                    // (`<slot wrapper ...>` for special methods).
                    let t = &vm.t;
                    let owners = [
                        &t.int,
                        &t.bool,
                        &t.float,
                        &t.complex,
                        &t.str,
                        &t.bytes,
                        &t.bytearray,
                        &t.list,
                        &t.tuple,
                        &t.dict,
                        &t.set,
                        &t.frozenset,
                        &t.range,
                        &t.slice,
                        &t.object,
                        &t.type_,
                    ];
                    let owner = owners.iter().find(|ty| {
                        ty.dict.borrow().get_str(&crate::value::PyStr::new(b.name)).map(|m| m.is(v)).unwrap_or(false)
                    });
                    match owner {
                        Some(ty) if b.name.starts_with("__") && b.name.ends_with("__") => {
                            format!("<slot wrapper '{}' of '{}' objects>", b.name, ty.name())
                        }
                        Some(ty) => format!("<method '{}' of '{}' objects>", b.name, ty.name()),
                        None => format!("<built-in function {}>", b.name),
                    }
                }
                Some(s) => {
                    let n = vm.type_name(s);
                    format!("<built-in method {} of {n} object at {}>", b.name, addr(s))
                }
            },
            Object::Method { func, self_ } => {
                let q = match func {
                    Value::Func(f) => match &*f.qualname.borrow() {
                        Value::Str(s) => s.as_str().to_string(),
                        _ => String::new(),
                    },
                    _ => "?".into(),
                };
                let sr = repr(vm, self_)?;
                format!("<bound method {q} of {sr}>")
            }
            Object::Cell(_) => format!("<cell at {}>", addr(v)),
            Object::Code(c) => format!(
                "<code object {} at {}, file \"{}\", line {}>",
                c.co.name,
                addr(v),
                c.co.filename,
                c.co.firstlineno
            ),
            Object::Module { name, .. } => {
                if name == "sys" || name == "math" || name == "builtins" {
                    format!("<module '{name}' (built-in)>")
                } else {
                    format!("<module '{name}'>")
                }
            }
            Object::BigRange(r) => crate::types::range_slice::range_repr(&r[0], &r[1], &r[2]),
            Object::Range { start, stop, step } => {
                if *step == 1 {
                    format!("range({start}, {stop})")
                } else {
                    format!("range({start}, {stop}, {step})")
                }
            }
            Object::Slice { start, stop, step } => {
                format!("slice({}, {}, {})", repr(vm, start)?, repr(vm, stop)?, repr(vm, step)?)
            }
            Object::Iter(_) => format!("<{} object at {}>", vm.type_name(v), addr(v)),
            Object::Generator(g) => {
                let q = match &g.qualname {
                    Value::Str(s) => s.as_str().to_string(),
                    _ => String::new(),
                };
                let k = ["generator", "coroutine", "async_generator"][g.kind as usize % 3];
                format!("<{k} object {q} at {}>", addr(v))
            }
            Object::Property { .. } => format!("<property object at {}>", addr(v)),
            Object::ClassMethod(_) => format!("<classmethod object at {}>", addr(v)),
            Object::StaticMethod(_) => format!("<staticmethod object at {}>", addr(v)),
            Object::Super { this, .. } => format!("<super: <class '{}'>, <object>>", this.name()),
            Object::Complex(r, i) => complex_repr(*r, *i),
            Object::Bytes(b) => bytes_repr(b),
            Object::ByteArray(b) => format!("bytearray({})", bytes_repr(&b.borrow())),
            Object::DictView(k, d) => {
                let (name, items) = match k {
                    0 => ("dict_keys", d.borrow().keys()),
                    1 => ("dict_values", d.borrow().values()),
                    _ => {
                        ("dict_items", d.borrow().items().into_iter().map(|(a, b)| Value::tuple(vec![a, b])).collect())
                    }
                };
                format!("{name}([{}])", join_reprs(vm, &items)?)
            }
            Object::Stream(n) => format!(
                "<_io.TextIOWrapper name='<{}>' mode='{}' encoding='utf-8'>",
                match n {
                    0 => "stdin",
                    1 => "stdout",
                    _ => "stderr",
                },
                if *n == 0 { "r" } else { "w" }
            ),
            Object::Namespace(d) => {
                let items = d.borrow().items();
                let mut parts = Vec::new();
                for (k, x) in items {
                    let ks = match &k {
                        Value::Str(s) => s.as_str().to_string(),
                        _ => repr(vm, &k)?,
                    };
                    parts.push(format!("{ks}={}", repr(vm, &x)?));
                }
                format!("namespace({})", parts.join(", "))
            }
            Object::Member { name, owner, idx } if *idx >= crate::descr::WEAKREF_SLOT => {
                format!("<attribute '{}' of '{owner}' objects>", name.as_str())
            }
            Object::Member { name, owner, .. } => format!("<member '{}' of '{owner}' objects>", name.as_str()),
            Object::AgenOp(_) | Object::AgenWrapped(_) => format!("<async_generator_asend object at {:#x}>", v.id()),
            Object::NativeData(_) => format!("<native data at {:#x}>", v.id()),
        },
    })
}

/// `str(v)`.
pub fn to_str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Inst(i) => {
            let ty = i.class();
            if let Some(f) = user_method(&ty, &vm.t.s_str.clone()) {
                vm.enter_native()?;
                let r = vm.call_descr(&f, v, vec![v.clone()]);
                vm.native_depth -= 1;
                return match r? {
                    Value::Str(s) => Ok(s.as_str().to_string()),
                    other => {
                        let n = vm.type_name(&other);
                        Err(vm.type_error(format!("__str__ returned non-string (type {n})")))
                    }
                };
            }
            if user_method(&ty, &vm.t.s_repr.clone()).is_some() {
                return repr(vm, v);
            }
            if i.exc.is_some() {
                return crate::exceptions::exc_str(vm, v);
            }
            if crate::types::union::args_of(vm, v).is_some() || crate::types::memoryview::is_mv(vm, v) {
                return repr(vm, v);
            }
            let p = i.payload.borrow().clone();
            if !p.is_null() {
                return to_str(vm, &p);
            }
            repr(vm, v)
        }
        _ => repr(vm, v),
    }
}

/// `format(v, spec)`.
pub fn format(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    crate::types::formatting::format(vm, v, spec)
}

/// `fmt % args` for str.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<String> {
    crate::types::formatting::percent(vm, fmt, args, false)
}

/// `fmt.format(*args, **kw)`.
pub fn str_format(vm: &mut Vm, fmt: &str, args: &[Value], kw: &Kw) -> PyResult<String> {
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut auto = 0usize;
    let mut manual = false;
    let mut auto_used = false;
    while i < c.len() {
        let ch = c[i];
        if ch == '}' {
            if i + 1 < c.len() && c[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if ch != '{' {
            out.push(ch);
            i += 1;
            continue;
        }
        if i + 1 < c.len() && c[i + 1] == '{' {
            out.push('{');
            i += 2;
            continue;
        }
        // parse field until matching '}'
        let st = i + 1;
        let mut depth = 1;
        i += 1;
        while i < c.len() && depth > 0 {
            if c[i] == '{' {
                depth += 1;
            } else if c[i] == '}' {
                depth -= 1;
            }
            i += 1;
        }
        if depth > 0 {
            if st >= c.len() {
                return Err(vm.value_error("Single '{' encountered in format string"));
            }
            if c[st..].contains(&':') {
                return Err(vm.value_error("unmatched '{' in format spec"));
            }
            return Err(vm.value_error("expected '}' before end of string"));
        }
        let field: String = c[st..i - 1].iter().collect();
        let (name_part, spec) = match field.find(':') {
            Some(p) => (field[..p].to_string(), field[p + 1..].to_string()),
            None => (field.clone(), String::new()),
        };
        let (name, conv) = match name_part.find('!') {
            Some(p) => (name_part[..p].to_string(), name_part[p + 1..].chars().next()),
            None => (name_part.clone(), None),
        };
        let spec = if spec.contains('{') { str_format(vm, &spec, args, kw)? } else { spec };
        // first component
        let end = name.find(|c| c == '.' || c == '[').unwrap_or(name.len());
        let first = &name[..end];
        let mut v = if first.is_empty() {
            if manual {
                return Err(
                    vm.value_error("cannot switch from manual field specification to automatic field numbering")
                );
            }
            auto_used = true;
            let v = args.get(auto).cloned();
            let n = auto;
            auto += 1;
            match v {
                Some(v) => v,
                None => {
                    return Err(vm.index_error(format!("Replacement index {n} out of range for positional args tuple")))
                }
            }
        } else if let Ok(n) = first.parse::<usize>() {
            if auto_used {
                return Err(
                    vm.value_error("cannot switch from automatic field numbering to manual field specification")
                );
            }
            manual = true;
            match args.get(n) {
                Some(v) => v.clone(),
                None => {
                    return Err(vm.index_error(format!("Replacement index {n} out of range for positional args tuple")))
                }
            }
        } else {
            match kw.iter().find(|(k, _)| k.as_str() == first) {
                Some((_, v)) => v.clone(),
                None => return Err(vm.key_error(Value::str(first))),
            }
        };
        let mut rest = &name[end..];
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let e = r.find(|c| c == '.' || c == '[').unwrap_or(r.len());
                let attr = crate::value::s(&r[..e]);
                v = crate::attr::getattr(vm, &v, &attr)?;
                rest = &r[e..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let e = r.find(']').unwrap_or(r.len());
                let key = &r[..e];
                let k = match key.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::str(key),
                };
                v = ops::getitem(vm, &v, &k)?;
                rest = if e < r.len() { &r[e + 1..] } else { "" };
            } else {
                break;
            }
        }
        let v = match conv {
            Some('r') => Value::str(repr(vm, &v)?),
            Some('s') => Value::str(to_str(vm, &v)?),
            Some('a') => Value::str(crate::types::str::ascii_of(&repr(vm, &v)?)),
            _ => v,
        };
        out.push_str(&format(vm, &v, &spec)?);
    }
    Ok(out)
}
