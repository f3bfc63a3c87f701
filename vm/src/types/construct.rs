//! Constructors of built-in types (`int(...)`, `list(...)`, `range(...)` ...) and the methods
//! of object, type, property, classmethod and staticmethod.

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;

use crate::object::{Kind, Object, Type};
use crate::ops;
use crate::types::{add_method, to_index};
use crate::value::Value;
use crate::vm::{native, Kw, PyResult, Vm};

fn kw_get(kw: &Kw, name: &str) -> Option<Value> {
    kw.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v.clone())
}

/// `range(stop)`, `range(start, stop[, step])` when every argument is an `int` well inside the
/// `i64` range (so the length and `start + step` cannot overflow) and the step is not 0: the
/// same `Object::Range` that `range_slice::make_range` builds from big ints. None otherwise.
fn small_range(args: &[Value]) -> Option<Value> {
    const LIM: i64 = 1 << 60;
    let mut v = [0i64; 3];
    for (i, a) in args.iter().enumerate() {
        match a {
            Value::Int(x) if i < 3 && (-LIM..LIM).contains(x) => v[i] = *x,
            _ => return None,
        }
    }
    let (start, stop, step) = match args.len() {
        1 => (0, v[0], 1),
        2 => (v[0], v[1], 1),
        3 if v[2] != 0 => (v[0], v[1], v[2]),
        _ => return None,
    };
    Some(Value::obj(Object::Range { start, stop, step }))
}

/// Parses an int literal string in `base` (0 = auto), Python rules (None when invalid).
pub fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    crate::text::parse_int_with_limit(s, base, crate::num::max_str_digits()).ok()
}

/// `int(s, base)` with CPython's error messages.
pub fn int_from_str(vm: &mut Vm, s: &str, base: u32) -> PyResult<Value> {
    match crate::text::parse_int_with_limit(s, base, crate::num::max_str_digits()) {
        Ok(b) => Ok(Value::from_bigint(b)),
        Err(e) => Err(crate::types::formatting::text_err(vm, e)),
    }
}

/// Parses a float literal string, Python rules (None when invalid).
pub fn parse_float(s: &str) -> Option<f64> {
    crate::text::parse_float(s).ok()
}

/// `int(v)` conversion.
pub fn to_int(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => float_to_int(vm, *f),
        Value::Str(s) => int_from_str(vm, s.as_str(), 10),
        Value::Inst(_) => {
            let p = vm.payload(v);
            if !matches!(p, Value::Inst(_)) {
                return to_int(vm, &p);
            }
            for n in [vm.t.s_int.clone(), vm.t.s_index.clone(), vm.t.s_trunc.clone()] {
                if let Some(r) = vm.call_method(v, &n, vec![])? {
                    return Ok(r);
                }
            }
            let n = vm.type_name(v);
            Err(vm.type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{n}'"
            )))
        }
        Value::Obj(o) => match &**o {
            Object::Bytes(b) => match parse_int(&String::from_utf8_lossy(b), 10) {
                Some(b) => Ok(Value::from_bigint(b)),
                None => {
                    let r = crate::text::bytes_repr(b);
                    Err(vm.value_error(format!("invalid literal for int() with base 10: {r}")))
                }
            },
            _ => {
                let n = vm.type_name(v);
                Err(vm.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{n}'"
                )))
            }
        },
        _ => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{n}'"
            )))
        }
    }
}

/// Truncating float -> int.
pub fn float_to_int(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return Ok(Value::Int(t as i64));
    }
    let (m, e) = crate::num::frexp(t);
    let mant = (m * 2f64.powi(53)) as i64;
    Ok(Value::from_bigint(BigInt::from(mant) << ((e - 53).max(0) as usize)))
}

/// `float(v)` conversion.
pub fn to_float(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => crate::num::int_to_f64(vm, v),
        Value::Str(s) => match parse_float(s.as_str()) {
            Some(f) => Ok(f),
            None => {
                let r = ops::repr(vm, v)?;
                Err(vm.value_error(format!("could not convert string to float: {r}")))
            }
        },
        Value::Inst(_) => {
            let p = vm.payload(v);
            if !matches!(p, Value::Inst(_)) {
                return to_float(vm, &p);
            }
            for n in [vm.t.s_float.clone(), vm.t.s_index.clone()] {
                if let Some(r) = vm.call_method(v, &n, vec![])? {
                    return to_float(vm, &r);
                }
            }
            let n = vm.type_name(v);
            Err(vm.type_error(format!("float() argument must be a string or a real number, not '{n}'")))
        }
        _ => {
            // float(b"1.5") / float(bytearray(...)) parse the ASCII text, as CPython.
            if let Some(b) = crate::types::bytes::bytes_of(vm, v) {
                if let Some(f) = std::str::from_utf8(&b).ok().and_then(parse_float) {
                    return Ok(f);
                }
                let r = ops::repr(vm, v)?;
                return Err(vm.value_error(format!("could not convert string to float: {r}")));
            }
            let n = vm.type_name(v);
            Err(vm.type_error(format!("float() argument must be a string or a real number, not '{n}'")))
        }
    }
}

fn range_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::BigInt(_) => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        Value::Float(_) | Value::Str(_) | Value::None => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("'{n}' object cannot be interpreted as an integer")))
        }
        _ => to_index(vm, v),
    }
}

fn bytes_from(vm: &mut Vm, args: &[Value]) -> PyResult<Vec<u8>> {
    match args.first() {
        None => Ok(Vec::new()),
        Some(Value::Str(s)) => {
            if args.len() < 2 {
                return Err(vm.type_error("string argument without an encoding"));
            }
            let enc = match &args[1] {
                Value::Str(e) => e.as_str().to_string(),
                o => {
                    let n = vm.type_name(o);
                    return Err(vm.type_error(format!("bytes() argument 'encoding' must be str, not {n}")));
                }
            };
            let errors = match args.get(2) {
                Some(Value::Str(e)) => e.as_str().to_string(),
                _ => "strict".to_string(),
            };
            crate::types::codecs::encode(vm, s.as_str(), &enc, &errors)
        }
        Some(v) => {
            if args.len() > 1 {
                return Err(vm.type_error(if matches!(args[1], Value::Str(_)) {
                    "encoding without a string argument"
                } else {
                    "errors without a string argument"
                }));
            }
            if let Some(b) = crate::types::bytes::bytes_of(vm, v) {
                return Ok(b);
            }
            if let Value::Inst(_) = v {
                let bn = vm.t.s_bytes.clone();
                if let Some(r) = vm.call_method(v, &bn, vec![])? {
                    return match crate::types::bytes::bytes_of(vm, &r) {
                        Some(b) => Ok(b),
                        None => {
                            let n = vm.type_name(&r);
                            Err(vm.type_error(format!("__bytes__ returned non-bytes (type {n})")))
                        }
                    };
                }
            }
            if crate::num::is_int(&vm.payload(v))
                || matches!(v, Value::Inst(_)) && vm.type_of(v).lookup(&vm.t.s_index).is_some()
            {
                let n =
                    to_index(vm, v).map_err(|_| vm.overflow_error("cannot fit 'int' into an index-sized integer"))?;
                if n < 0 {
                    return Err(vm.value_error("negative count"));
                }
                crate::types::alloc_guard(vm, n)?;
                return Ok(vec![0; n as usize]);
            }
            let items = match ops::to_vec(vm, v) {
                Ok(i) => i,
                Err(_) => {
                    let n = vm.type_name(v);
                    return Err(vm.type_error(format!("cannot convert '{n}' object to bytes")));
                }
            };
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                let n = to_index(vm, &it)?;
                if !(0..256).contains(&n) {
                    return Err(vm.value_error("bytes must be in range(0, 256)"));
                }
                out.push(n as u8);
            }
            Ok(out)
        }
    }
}

/// Calls a built-in class with `args`.
pub fn construct(vm: &mut Vm, t: &Rc<Type>, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    // `list(x)`, `set(x)` and `range(ints)` of the builtin types (hot in comprehension-heavy
    // code): the same results as the generic arms below, without the type-name `String`, and
    // `range` without going through big ints.
    if t.builtin && kw.is_empty() {
        match (t.kind, args.as_slice()) {
            (Kind::List, [v]) => return Ok(Value::list(ops::to_vec(vm, v)?)),
            (Kind::Set, [v]) => {
                let items = ops::to_vec(vm, v)?;
                return crate::types::set::new_set(vm, items, false);
            }
            (Kind::Other, _) if Rc::ptr_eq(t, &vm.t.range) => {
                if let Some(r) = small_range(&args) {
                    return Ok(r);
                }
            }
            _ => {}
        }
    }
    let name = t.name();
    let a0 = args.first().cloned();
    // Argument-count and keyword checks of the simple constructors.
    let simple = match t.kind {
        Kind::Bool | Kind::List | Kind::Tuple | Kind::Set | Kind::FrozenSet | Kind::Float => Some(1),
        _ => None,
    };
    if let Some(max) = simple {
        let pyname = match t.kind {
            Kind::Bool => "bool",
            Kind::List => "list",
            Kind::Tuple => "tuple",
            Kind::Set => "set",
            Kind::FrozenSet => "frozenset",
            _ => "float",
        };
        if !kw.is_empty() && (t.builtin || !matches!(t.kind, Kind::List | Kind::Set)) && t.builtin {
            return Err(vm.type_error(format!("{pyname}() takes no keyword arguments")));
        }
        if args.len() > max {
            return Err(vm.type_error(format!("{pyname} expected at most {max} argument, got {}", args.len())));
        }
    }
    if name == "slice" && t.builtin && args.is_empty() {
        return Err(vm.type_error("slice expected at least 1 argument, got 0"));
    }
    match t.kind {
        Kind::Object => {
            if Rc::ptr_eq(t, &vm.t.object) {
                if !args.is_empty() {
                    return Err(vm.type_error("object() takes no arguments"));
                }
                return crate::classes::new_instance(vm, t, vec![], vec![]);
            }
            match name.as_str() {
                "property" => {
                    let g = |i: usize, n: &str| args.get(i).cloned().or_else(|| kw_get(&kw, n)).unwrap_or(Value::None);
                    return Ok(Value::obj(Object::Property {
                        fget: g(0, "fget"),
                        fset: g(1, "fset"),
                        fdel: g(2, "fdel"),
                        doc: g(3, "doc"),
                    }));
                }
                "classmethod" => return Ok(Value::obj(Object::ClassMethod(a0.unwrap_or(Value::None)))),
                "staticmethod" => return Ok(Value::obj(Object::StaticMethod(a0.unwrap_or(Value::None)))),
                "GenericAlias" if Rc::ptr_eq(t, &crate::descr::alias_type(vm)) => {
                    let f = t.lookup(&crate::value::PyStr::new("__new__")).unwrap_or(Value::None);
                    let mut a = vec![Value::Type(t.clone())];
                    a.extend(args);
                    return vm.call(&f, a, kw);
                }
                _ => {}
            }
            crate::classes::new_instance(vm, t, vec![], vec![])
        }
        Kind::Int => {
            let base = args.get(1).cloned().or_else(|| kw_get(&kw, "base"));
            match (a0, base) {
                (None, _) => Ok(Value::Int(0)),
                (Some(v), None) => to_int(vm, &v),
                (Some(Value::Str(s)), Some(b)) => {
                    let b = to_index(vm, &b)?;
                    if b != 0 && !(2..=36).contains(&b) {
                        return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
                    }
                    int_from_str(vm, s.as_str(), b as u32)
                }
                // int(b'101', 2): bytes and bytearray literals with a base (used by re's compiler).
                (Some(v), Some(b)) if crate::types::bytes::bytes_of(vm, &v).is_some() => {
                    let text: String =
                        crate::types::bytes::bytes_of(vm, &v).unwrap_or_default().iter().map(|&c| c as char).collect();
                    let b = to_index(vm, &b)?;
                    if b != 0 && !(2..=36).contains(&b) {
                        return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
                    }
                    int_from_str(vm, &text, b as u32)
                }
                (Some(_), Some(_)) => Err(vm.type_error("int() can't convert non-string with explicit base")),
            }
        }
        Kind::Bool => match a0 {
            None => Ok(Value::Bool(false)),
            Some(v) => Ok(Value::Bool(ops::truthy(vm, &v)?)),
        },
        Kind::Float => match a0 {
            None => Ok(Value::Float(0.0)),
            Some(v) => Ok(Value::Float(to_float(vm, &v)?)),
        },
        Kind::Complex => {
            let re = a0.unwrap_or(Value::Int(0));
            if let Value::Str(s) = &re {
                if args.len() > 1 {
                    return Err(vm.type_error("complex() can't take second arg if first is a string"));
                }
                return parse_complex(vm, s.as_str());
            }
            if let Some(Value::Str(_)) = args.get(1) {
                return Err(vm.type_error("complex() second arg can't be a string"));
            }
            let is_cx = |v: &Value| matches!(v, Value::Obj(o) if matches!(&**o, Object::Complex(..)));
            let (mut r, i1) = complex_parts(vm, &re)?;
            let mut i = match args.get(1) {
                Some(v) => {
                    let (r2, i2) = complex_parts(vm, v)?;
                    if is_cx(v) {
                        r -= i2;
                    }
                    r2
                }
                None => 0.0,
            };
            if is_cx(&re) || matches!(re, Value::Inst(_)) {
                i += i1;
            }
            Ok(Value::obj(Object::Complex(r, i)))
        }
        Kind::Str => match a0 {
            None => Ok(Value::str("")),
            Some(v) => {
                if args.len() > 1 || !kw.is_empty() {
                    let bytes = match &v {
                        Value::Obj(o) => match &**o {
                            Object::Bytes(b) => b.clone(),
                            Object::ByteArray(b) => b.borrow().clone(),
                            _ => {
                                let n = vm.type_name(&v);
                                return Err(
                                    vm.type_error(format!("decoding to str: need a bytes-like object, {n} found"))
                                );
                            }
                        },
                        Value::Str(_) => return Err(vm.type_error("decoding str is not supported")),
                        _ => {
                            let n = vm.type_name(&v);
                            return Err(vm.type_error(format!("decoding to str: need a bytes-like object, {n} found")));
                        }
                    };
                    let p = crate::types::args::bind(vm, "str", &args[1..], &kw, &["encoding", "errors"], 0, 0, 2)?;
                    let get = |v: &Option<Value>, d: &str| match v {
                        Some(Value::Str(s)) => s.as_str().to_string(),
                        _ => d.to_string(),
                    };
                    let (enc, err) = (get(&p[0], "utf-8"), get(&p[1], "strict"));
                    return Ok(Value::str(crate::types::codecs::decode(vm, &bytes, &enc, &err)?));
                }
                Ok(Value::str(ops::to_str(vm, &v)?))
            }
        },
        Kind::Bytes => Ok(Value::obj(Object::Bytes(bytes_from(vm, &args)?))),
        Kind::ByteArray => Ok(Value::obj(Object::ByteArray(RefCell::new(bytes_from(vm, &args)?)))),
        Kind::List => match a0 {
            None => Ok(Value::list(vec![])),
            Some(v) => Ok(Value::list(ops::to_vec(vm, &v)?)),
        },
        Kind::Tuple => match a0 {
            None => Ok(Value::tuple(vec![])),
            Some(Value::Tuple(t)) => Ok(Value::Tuple(t)),
            Some(v) => Ok(Value::tuple(ops::to_vec(vm, &v)?)),
        },
        Kind::Dict => {
            let d = crate::object::new_dict();
            crate::types::dict::dict_update_from(vm, &d, &args, kw)?;
            Ok(Value::Dict(d))
        }
        Kind::Set | Kind::FrozenSet => {
            let items = match a0 {
                None => vec![],
                Some(v) => ops::to_vec(vm, &v)?,
            };
            crate::types::set::new_set(vm, items, t.kind == Kind::FrozenSet)
        }
        Kind::Type => crate::classes::call_type(vm, t, args, kw),
        Kind::Exception => crate::classes::new_instance(vm, t, args, kw),
        Kind::Other => match name.as_str() {
            "memoryview" if t.builtin => crate::types::memoryview::construct(vm, &args, &kw),
            "range" => {
                if !kw.is_empty() {
                    return Err(vm.type_error("range() takes no keyword arguments"));
                }
                let mut b = Vec::new();
                for a in &args {
                    if matches!(a, Value::Float(_) | Value::Str(_) | Value::None) {
                        let _ = range_arg(vm, a)?;
                    }
                    b.push(crate::types::index_big(vm, a)?);
                }
                let one = num_bigint::BigInt::from(1);
                let zero = num_bigint::BigInt::from(0);
                let (start, stop, step) = match b.len() {
                    1 => (zero, b[0].clone(), one),
                    2 => (b[0].clone(), b[1].clone(), one),
                    3 => (b[0].clone(), b[1].clone(), b[2].clone()),
                    0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
                    n => return Err(vm.type_error(format!("range expected at most 3 arguments, got {n}"))),
                };
                if step == num_bigint::BigInt::from(0) {
                    return Err(vm.value_error("range() arg 3 must not be zero"));
                }
                Ok(crate::types::range_slice::make_range(start, stop, step))
            }
            "slice" => {
                let (start, stop, step) = match args.len() {
                    1 => (Value::None, args[0].clone(), Value::None),
                    2 => (args[0].clone(), args[1].clone(), Value::None),
                    _ => (
                        args.first().cloned().unwrap_or(Value::None),
                        args.get(1).cloned().unwrap_or(Value::None),
                        args.get(2).cloned().unwrap_or(Value::None),
                    ),
                };
                Ok(Value::obj(Object::Slice { start, stop, step }))
            }
            "super" => crate::classes::super_new(vm, args, kw),
            "NoneType" => Ok(Value::None),
            "method" if t.builtin => {
                // types.MethodType(function, instance)
                if args.len() != 2 || !kw.is_empty() {
                    return Err(vm.type_error(format!("method expected 2 arguments, got {}", args.len())));
                }
                if args[1].is_none() {
                    return Err(vm.type_error("instance must not be None"));
                }
                Ok(Value::obj(Object::Method { func: args[0].clone(), self_: args[1].clone() }))
            }
            "module" if t.builtin => {
                // types.ModuleType(name, doc=None)
                let p = crate::types::args::bind(vm, "module", &args, &kw, &["name", "doc"], 1, 0, 2)?;
                let Some(Value::Str(n)) = &p[0] else {
                    let tn = p[0].as_ref().map(|v| vm.type_name(v)).unwrap_or_default();
                    return Err(vm.type_error(format!("module.__init__() argument 'name' must be str, not {tn}")));
                };
                let (m, d) = crate::modules::new_module(n.as_str());
                d.borrow_mut().set_str(crate::value::s("__doc__"), p[1].clone().unwrap_or(Value::None));
                d.borrow_mut().set_str(crate::value::s("__package__"), Value::None);
                Ok(m)
            }
            _ => Err(vm.type_error(format!("cannot create '{name}' instances"))),
        },
    }
}

fn complex_parts(vm: &mut Vm, v: &Value) -> PyResult<(f64, f64)> {
    if let Value::Inst(_) = v {
        let p = vm.payload(v);
        if !matches!(p, Value::Inst(_)) {
            return complex_parts(vm, &p);
        }
        let cn = vm.t.s_complex.clone();
        if let Some(r) = vm.call_method(v, &cn, vec![])? {
            if let Value::Obj(o) = &r {
                if let Object::Complex(a, b) = &**o {
                    return Ok((*a, *b));
                }
            }
            let n = vm.type_name(&r);
            return Err(vm.type_error(format!("__complex__ returned non-complex (type {n})")));
        }
    }
    if let Value::Obj(o) = v {
        if let Object::Complex(r, i) = &**o {
            return Ok((*r, *i));
        }
    }
    Ok((to_float(vm, v)?, 0.0))
}

fn parse_complex(vm: &mut Vm, s: &str) -> PyResult<Value> {
    let t = s.trim().trim_start_matches('(').trim_end_matches(')');
    let bad = |vm: &mut Vm| vm.value_error("complex() arg is a malformed string");
    if let Some(body) = t.strip_suffix('j').or_else(|| t.strip_suffix('J')) {
        // find split point between real and imaginary parts
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
                split = Some(i);
                break;
            }
        }
        let (re, im) = match split {
            Some(i) => (&body[..i], &body[i..]),
            None => ("0", body),
        };
        let im = match im {
            "" | "+" => "1",
            "-" => "-1",
            x => x,
        };
        match (parse_float(re), parse_float(im)) {
            (Some(r), Some(i)) => Ok(Value::obj(Object::Complex(r, i))),
            _ => Err(bad(vm)),
        }
    } else {
        match parse_float(t) {
            Some(r) => Ok(Value::obj(Object::Complex(r, 0.0))),
            None => Err(bad(vm)),
        }
    }
}

fn obj_init(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::None)
}
fn obj_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    if !matches!(v, Value::Inst(_)) {
        return Ok(Value::str(ops::repr(vm, &v)?));
    }
    Ok(Value::str(crate::repr::default_repr(vm, &v)))
}
fn obj_str(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    Ok(Value::str(ops::repr(vm, &v)?))
}
fn obj_eq(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match (a.first(), a.get(1)) {
        (Some(x), Some(y)) if x.is(y) => Ok(Value::Bool(true)),
        _ => Ok(Value::NotImplemented),
    }
}
fn obj_ne(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match (a.first(), a.get(1)) {
        (Some(x), Some(y)) => {
            let r = ops::eq(vm, x, y)?;
            Ok(Value::Bool(!r))
        }
        _ => Ok(Value::NotImplemented),
    }
}
fn obj_hash(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    Ok(Value::Int((v.id() >> 4) ^ (v.id() << 60)))
}
fn obj_setattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let (Some(o), Some(Value::Str(n)), Some(v)) = (a.first(), a.get(1), a.get(2)) {
        crate::attr::generic_setattr(vm, o, n, Some(v.clone()))?;
        return Ok(Value::None);
    }
    Err(vm.type_error("__setattr__ expected 2 arguments"))
}
fn obj_delattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let (Some(o), Some(Value::Str(n))) = (a.first(), a.get(1)) {
        crate::attr::generic_setattr(vm, o, n, None)?;
        return Ok(Value::None);
    }
    Err(vm.type_error("__delattr__ expected 1 argument"))
}
fn obj_getattribute(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let (Some(o), Some(Value::Str(n))) = (a.first(), a.get(1)) {
        return crate::attr::generic_getattr(vm, o, n);
    }
    Err(vm.type_error("__getattribute__ expected 1 argument"))
}
fn obj_format(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    match a.get(1) {
        Some(Value::Str(s)) if !s.is_empty() => {
            let n = vm.type_name(&v);
            Err(vm.type_error(format!("unsupported format string passed to {n}.__format__")))
        }
        _ => Ok(Value::str(ops::to_str(vm, &v)?)),
    }
}
fn obj_init_subclass(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    if !k.is_empty() {
        let n = match a.first() {
            Some(Value::Type(t)) => t.name(),
            _ => "object".into(),
        };
        return Err(vm.type_error(format!("{n}.__init_subclass__() takes no keyword arguments")));
    }
    Ok(Value::None)
}
fn obj_dir(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    crate::builtins::dir_of(vm, a.first().unwrap_or(&Value::None))
}
fn obj_reduce(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::modules::reduce::reduce_ex(vm, a, k)
}
fn type_mro(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match a.first() {
        Some(Value::Type(t)) => {
            let mut v = vec![Value::Type(t.clone())];
            v.extend(t.mro.borrow().iter().map(|x| Value::Type(x.clone())));
            Ok(Value::list(v))
        }
        _ => Err(vm.type_error("mro() needs a type")),
    }
}
fn type_subclasses(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match a.first() {
        Some(Value::Type(t)) => {
            Ok(Value::list(t.subclasses.borrow().iter().filter_map(|w| w.upgrade()).map(Value::Type).collect()))
        }
        _ => Ok(Value::list(vec![])),
    }
}
fn func_get(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match (a.first(), a.get(1)) {
        (Some(f), Some(Value::None)) | (Some(f), None) => Ok(f.clone()),
        (Some(f), Some(obj)) => Ok(Value::obj(Object::Method { func: f.clone(), self_: obj.clone() })),
        _ => Err(vm.type_error("__get__ needs an argument")),
    }
}
fn prop_with(vm: &mut Vm, a: Vec<Value>, which: u8) -> PyResult<Value> {
    if let Some(Value::Obj(o)) = a.first() {
        if let Object::Property { fget, fset, fdel, doc } = &**o {
            let f = a.get(1).cloned().unwrap_or(Value::None);
            let (mut g, mut s, mut d) = (fget.clone(), fset.clone(), fdel.clone());
            match which {
                0 => g = f,
                1 => s = f,
                _ => d = f,
            }
            return Ok(Value::obj(Object::Property { fget: g, fset: s, fdel: d, doc: doc.clone() }));
        }
    }
    Err(vm.type_error("descriptor requires a property"))
}
fn prop_getter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    prop_with(vm, a, 0)
}
fn prop_setter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    prop_with(vm, a, 1)
}
fn prop_deleter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    prop_with(vm, a, 2)
}
fn prop_get(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match (a.first(), a.get(1)) {
        (Some(p), Some(Value::None)) | (Some(p), None) => Ok(p.clone()),
        (Some(p), Some(obj)) => crate::attr::bind_descr(vm, p, obj),
        _ => Ok(Value::None),
    }
}
fn prop_set(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let (Some(Value::Obj(o)), Some(obj), Some(v)) = (a.first(), a.get(1), a.get(2)) {
        if let Object::Property { fset, .. } = &**o {
            let f = fset.clone();
            if f.is_none() {
                return Err(vm.attr_error("can't set attribute"));
            }
            vm.call0(&f, vec![obj.clone(), v.clone()])?;
        }
    }
    Ok(Value::None)
}
fn slice_indices_m(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let sl = a.first().cloned().unwrap_or(Value::None);
    let n = to_index(vm, a.get(1).unwrap_or(&Value::None))?;
    if n < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (s, e, st, _) = crate::types::slice_indices(vm, &sl, n)?;
    Ok(Value::tuple(vec![Value::Int(s), Value::Int(e), Value::Int(st)]))
}
fn ba_extend(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let Some(Value::Obj(o)) = a.first() {
        if let Object::ByteArray(b) = &**o {
            let items = ops::to_vec(vm, a.get(1).unwrap_or(&Value::None))?;
            let mut out = Vec::new();
            for it in items {
                let n = to_index(vm, &it)?;
                if !(0..256).contains(&n) {
                    return Err(vm.value_error("byte must be in range(0, 256)"));
                }
                out.push(n as u8);
            }
            b.borrow_mut().extend(out);
        }
    }
    Ok(Value::None)
}
fn ba_pop(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let Some(Value::Obj(o)) = a.first() {
        if let Object::ByteArray(b) = &**o {
            let n = b.borrow().len() as i64;
            if n == 0 {
                return Err(vm.index_error("pop from empty bytearray"));
            }
            let i = match a.get(1) {
                Some(v) => to_index(vm, v)?,
                None => n - 1,
            };
            let j = if i < 0 { i + n } else { i };
            if j < 0 || j >= n {
                return Err(vm.index_error("pop index out of range"));
            }
            let v = b.borrow_mut().remove(j as usize);
            return Ok(Value::Int(v as i64));
        }
    }
    Ok(Value::None)
}
fn ba_reverse(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let Some(Value::Obj(o)) = a.first() {
        if let Object::ByteArray(b) = &**o {
            b.borrow_mut().reverse();
        }
    }
    Ok(Value::None)
}
fn ba_clear(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let Some(Value::Obj(o)) = a.first() {
        if let Object::ByteArray(b) = &**o {
            b.borrow_mut().clear();
        }
    }
    Ok(Value::None)
}
fn ba_insert(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let Some(Value::Obj(o)) = a.first() {
        if let Object::ByteArray(b) = &**o {
            let i = to_index(vm, a.get(1).unwrap_or(&Value::None))?;
            let v = to_index(vm, a.get(2).unwrap_or(&Value::None))?;
            let n = b.borrow().len() as i64;
            let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
            b.borrow_mut().insert(j as usize, v as u8);
        }
    }
    Ok(Value::None)
}
fn int_index(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let p = vm.payload(a.first().unwrap_or(&Value::None));
    to_int(vm, &p)
}

/// Installs object/type/property methods and the constructors' helpers.
pub fn init(vm: &mut Vm) {
    let o = vm.t.object.clone();
    add_method(&o, "__init__", obj_init);
    add_method(&o, "__repr__", obj_repr);
    add_method(&o, "__str__", obj_str);
    add_method(&o, "__eq__", obj_eq);
    add_method(&o, "__ne__", obj_ne);
    add_method(&o, "__hash__", obj_hash);
    add_method(&o, "__setattr__", obj_setattr);
    add_method(&o, "__delattr__", obj_delattr);
    add_method(&o, "__getattribute__", obj_getattribute);
    add_method(&o, "__format__", obj_format);
    add_method(&o, "__dir__", obj_dir);
    add_method(&o, "__reduce_ex__", obj_reduce);
    // The mutable built-in containers are unhashable: `list.__hash__ is None` (dataclasses'
    // mutable-default check and collections.abc.Hashable rely on it).
    for t in [&vm.t.list, &vm.t.dict, &vm.t.set, &vm.t.bytearray] {
        t.dict.borrow_mut().set_str(crate::value::s("__hash__"), Value::None);
    }
    o.dict.borrow_mut().set_str(
        crate::value::s("__init_subclass__"),
        Value::obj(Object::ClassMethod(native("__init_subclass__", obj_init_subclass))),
    );
    o.dict.borrow_mut().set_str(
        crate::value::s("__new__"),
        Value::obj(Object::StaticMethod(native("__new__", crate::classes::object_new))),
    );
    let t = vm.t.type_.clone();
    add_method(&t, "mro", type_mro);
    add_method(&t, "__subclasses__", type_subclasses);
    t.dict.borrow_mut().set_str(
        crate::value::s("__new__"),
        Value::obj(Object::StaticMethod(native("__new__", crate::classes::type_new_native))),
    );
    add_method(&t, "__call__", crate::classes::type_call_native);
    add_method(&vm.t.function.clone(), "__get__", func_get);
    let p = vm.t.property.clone();
    add_method(&p, "getter", prop_getter);
    add_method(&p, "setter", prop_setter);
    add_method(&p, "deleter", prop_deleter);
    add_method(&p, "__get__", prop_get);
    add_method(&p, "__set__", prop_set);
    add_method(&vm.t.int.clone(), "__index__", int_index);
    let _ = slice_indices_m; // superseded by range_slice::s_indices (big-int aware)
    let ba = vm.t.bytearray.clone();
    add_method(&ba, "extend", ba_extend);
    add_method(&ba, "pop", ba_pop);
    add_method(&ba, "reverse", ba_reverse);
    add_method(&ba, "clear", ba_clear);
    add_method(&ba, "insert", ba_insert);
    add_method(&vm.t.int.clone(), "__int__", int_index);
}
