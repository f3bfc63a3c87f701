//! Glue between the VM and the `text` library: `format(v, spec)` and `%`-formatting of str
//! and bytes, with Python callbacks (`__str__`, `__repr__`, `__index__`, `__float__` ...)
//! reached through the `PercentValue` trait.

use std::cell::RefCell;

use num_bigint::BigInt;

use crate::object::Object;
use crate::ops::{self, user_method};
use crate::text::{self, PercentArgs, PercentValue, TextError};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Converts a `TextError` into a Python exception.
pub fn text_err(vm: &mut Vm, e: TextError) -> Value {
    match e {
        TextError::ValueError(m) => vm.value_error(m),
        TextError::OverflowError(m) => vm.overflow_error(m),
        TextError::TypeError(m) => vm.type_error(m),
        TextError::KeyError(m) => vm.key_error(Value::str(m)),
        TextError::ZeroDivisionError(m) => vm.zero_div(m),
        TextError::Callback(_) => vm.runtime_error("formatting callback failed"),
    }
}

/// `format(v, spec)` for built-in values (int, bool, float, complex, str); `None` for others.
pub fn format_builtin(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<Option<String>> {
    if let Ok(sp) = text::parse_format_spec(spec, "object", '\0') {
        let big = |x: Option<usize>| x.map(|w| w as i64 > crate::types::MAX_ALLOC).unwrap_or(false);
        if big(sp.width) || big(sp.precision) {
            crate::types::alloc_guard(vm, i64::MAX)?;
        }
    }
    let r = match v {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
            if let Value::Bool(b) = v {
                if spec.is_empty() {
                    return Ok(Some(if *b { "True" } else { "False" }.into()));
                }
            }
            let tn = vm.type_name(v);
            let big = crate::num::to_big(v).unwrap_or_default();
            text::parse_format_spec(spec, &tn, 'd').and_then(|sp| text::format_int(&big, &sp, &tn))
        }
        Value::Float(f) => text::parse_format_spec(spec, "float", '\0').and_then(|sp| {
            if spec.is_empty() {
                Ok(text::float_repr(*f))
            } else {
                text::format_float(*f, &sp, "float")
            }
        }),
        Value::Str(s) => {
            text::parse_format_spec(spec, "str", 's').and_then(|sp| text::format_str(s.as_str(), &sp, "str"))
        }
        Value::Obj(o) => match &**o {
            Object::Complex(re, im) => text::parse_format_spec(spec, "complex", '\0').and_then(|sp| {
                if spec.is_empty() {
                    Ok(text::complex_repr(*re, *im))
                } else {
                    text::format_complex(*re, *im, &sp, "complex")
                }
            }),
            _ => return Ok(None),
        },
        _ => return Ok(None),
    };
    r.map(Some).map_err(|e| text_err(vm, e))
}

/// `format(v, spec)`.
pub fn format(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    if let Value::Inst(i) = v {
        let ty = i.class();
        if let Some(f) = user_method(&ty, &vm.t.s_format.clone()) {
            let r = vm.call_descr(&f, v, vec![v.clone(), Value::str(spec)])?;
            return match r {
                Value::Str(s) => Ok(s.as_str().to_string()),
                other => {
                    let n = vm.type_name(&other);
                    Err(vm.type_error(format!("__format__ must return a str, not {n}")))
                }
            };
        }
        let p = i.payload.borrow().clone();
        if !p.is_null() && !spec.is_empty() {
            return format(vm, &p, spec);
        }
    }
    if spec.is_empty() {
        if let Value::Float(_) | Value::Int(_) | Value::Str(_) = v {
            if let Some(s) = format_builtin(vm, v, spec)? {
                return Ok(s);
            }
        }
        return ops::to_str(vm, v);
    }
    if let Some(s) = format_builtin(vm, v, spec)? {
        return Ok(s);
    }
    let n = vm.type_name(v);
    Err(vm.type_error(format!("unsupported format string passed to {n}.__format__")))
}

/// One `%` argument: a value plus access to the VM for lazy conversions.
struct Arg<'a> {
    v: Value,
    vm: &'a RefCell<&'a mut Vm>,
    errs: &'a RefCell<Vec<Value>>,
    bytes: bool,
}

impl Arg<'_> {
    fn fail(&self, e: Value) -> TextError {
        let mut errs = self.errs.borrow_mut();
        errs.push(e);
        TextError::Callback(errs.len() - 1)
    }
    fn with<T>(&self, f: impl FnOnce(&mut Vm, &Value) -> PyResult<T>) -> Result<T, TextError> {
        let r = {
            let mut g = self.vm.borrow_mut();
            f(&mut g, &self.v)
        };
        r.map_err(|e| self.fail(e))
    }
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

fn latin1(b: &[u8]) -> String {
    b.iter().map(|&c| c as char).collect()
}

impl PercentValue for Arg<'_> {
    fn type_name(&self) -> String {
        self.vm.borrow().type_name(&self.v)
    }
    fn py_str(&self) -> Result<String, TextError> {
        if self.bytes {
            let p = self.vm.borrow().payload(&self.v);
            if let Some(b) = bytes_of(&p) {
                return Ok(latin1(&b));
            }
            let bn = self.vm.borrow().t.s_bytes.clone();
            let r = self.with(|vm, v| vm.call_method(v, &bn, vec![]))?;
            if let Some(b) = r.as_ref().and_then(bytes_of) {
                return Ok(latin1(&b));
            }
            let n = self.type_name();
            return Err(TextError::TypeError(format!(
                "%b requires a bytes-like object, or an object that implements __bytes__, not '{n}'"
            )));
        }
        self.with(|vm, v| ops::to_str(vm, v))
    }
    fn py_repr(&self) -> Result<String, TextError> {
        let r = self.with(|vm, v| ops::repr(vm, v))?;
        Ok(if self.bytes { text::ascii_escape(&r) } else { r })
    }
    fn as_int(&self) -> Option<BigInt> {
        let p = self.vm.borrow().payload(&self.v);
        crate::num::to_big(&p)
    }
    fn as_str(&self) -> Option<String> {
        let p = self.vm.borrow().payload(&self.v);
        if self.bytes {
            return match bytes_of(&p) {
                Some(b) if b.len() == 1 => Some(latin1(&b)),
                _ => None,
            };
        }
        match p {
            Value::Str(s) => Some(s.as_str().to_string()),
            _ => None,
        }
    }
    fn to_int(&self) -> Result<Option<BigInt>, TextError> {
        let p = self.vm.borrow().payload(&self.v);
        match p {
            Value::Float(f) => text::float_to_bigint(f).map(Some),
            Value::Inst(_) => {
                let n = self.vm.borrow().t.s_int.clone();
                let r = self.with(|vm, v| vm.call_method(v, &n, vec![]))?;
                match r {
                    Some(r) => Ok(crate::num::to_big(&r)),
                    None => self.to_index(),
                }
            }
            other => Ok(crate::num::to_big(&other)),
        }
    }
    fn to_index(&self) -> Result<Option<BigInt>, TextError> {
        let p = self.vm.borrow().payload(&self.v);
        if let Value::Inst(_) = p {
            let n = self.vm.borrow().t.s_index.clone();
            let r = self.with(|vm, v| vm.call_method(v, &n, vec![]))?;
            return Ok(r.as_ref().and_then(crate::num::to_big));
        }
        Ok(crate::num::to_big(&p))
    }
    fn to_float(&self) -> Result<Option<f64>, TextError> {
        let p = self.vm.borrow().payload(&self.v);
        match p {
            Value::Float(f) => Ok(Some(f)),
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
                self.with(|vm, v| crate::num::int_to_f64(vm, v)).map(Some)
            }
            Value::Inst(_) => {
                let n = self.vm.borrow().t.s_float.clone();
                let r = self.with(|vm, v| vm.call_method(v, &n, vec![]))?;
                match r {
                    Some(Value::Float(f)) => Ok(Some(f)),
                    Some(_) => Ok(None),
                    None => Ok(self.to_index()?.and_then(|b| text::bigint_to_f64(&b).ok())),
                }
            }
            _ => Ok(None),
        }
    }
}

fn is_mapping(vm: &mut Vm, v: &Value) -> bool {
    match v {
        Value::Dict(_) => true,
        Value::Tuple(_) | Value::Str(_) => false,
        Value::Inst(_) => {
            let p = vm.payload(v);
            if matches!(p, Value::Tuple(_) | Value::Str(_)) {
                return false;
            }
            let t = vm.type_of(v);
            t.lookup(&vm.t.s_getitem.clone()).is_some()
        }
        _ => false,
    }
}

/// `fmt % args` for str (`bytes == false`) or bytes (fmt and result are latin-1 text).
pub fn percent(vm: &mut Vm, fmt: &str, args: &Value, bytes: bool) -> PyResult<String> {
    let fixed;
    let fmt = if bytes && fmt.contains('b') {
        fixed = bytes_b_to_s(fmt);
        fixed.as_str()
    } else {
        fmt
    };
    // Widths and precisions too large to build (CPython: MemoryError).
    let mut run: i64 = 0;
    for c in fmt.chars() {
        match c.to_digit(10) {
            Some(d) => run = run.saturating_mul(10).saturating_add(d as i64),
            None => run = 0,
        }
        if run > crate::types::MAX_ALLOC {
            crate::types::alloc_guard(vm, run)?;
        }
    }
    if fmt.contains('*') {
        if let Value::Tuple(t) = vm.payload(args) {
            for x in t.iter() {
                if let Some(b) = crate::num::to_big(x) {
                    if !matches!(x, Value::Bool(_)) && b > num_bigint::BigInt::from(crate::types::MAX_ALLOC) {
                        crate::types::alloc_guard(vm, i64::MAX)?;
                    }
                }
            }
        }
    }
    let mapping = is_mapping(vm, args);
    let tuple = match vm.payload(args) {
        Value::Tuple(t) if !mapping => Some(t),
        _ => None,
    };
    let errs = RefCell::new(Vec::new());
    let r = {
        let cell = RefCell::new(&mut *vm);
        let mk = |v: Value| Arg { v, vm: &cell, errs: &errs, bytes };
        if let Some(t) = tuple {
            let items: Vec<Arg> = t.iter().map(|v| mk(v.clone())).collect();
            text::percent_format(fmt, PercentArgs::Tuple(&items))
        } else if mapping {
            let me = mk(args.clone());
            let lookup = |k: &str| -> Result<Arg, TextError> {
                let key = if bytes {
                    Value::obj(Object::Bytes(k.chars().map(|c| c as u32 as u8).collect()))
                } else {
                    Value::str(k)
                };
                let r = {
                    let mut g = cell.borrow_mut();
                    ops::getitem(&mut g, args, &key)
                };
                match r {
                    Ok(v) => Ok(mk(v)),
                    Err(e) => {
                        let mut es = errs.borrow_mut();
                        es.push(e);
                        Err(TextError::Callback(es.len() - 1))
                    }
                }
            };
            text::percent_format(fmt, PercentArgs::Mapping(&me, &lookup))
        } else {
            let me = mk(args.clone());
            text::percent_format(fmt, PercentArgs::Single(&me))
        }
    };
    match r {
        Ok(s) => Ok(s),
        Err(TextError::Callback(i)) => {
            let e = errs.borrow_mut().get(i).cloned();
            Err(e.unwrap_or(Value::None))
        }
        Err(TextError::KeyError(k)) => {
            let key = if bytes {
                Value::obj(Object::Bytes(k.chars().map(|c| c as u32 as u8).collect()))
            } else {
                Value::str(k)
            };
            Err(vm.key_error(key))
        }
        Err(e) => Err(text_err(vm, e)),
    }
}

/// In bytes formatting `%b` means `%s`: rewrites the conversion characters.
fn bytes_b_to_s(fmt: &str) -> String {
    let mut c: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < c.len() {
        if c[i] != '%' {
            i += 1;
            continue;
        }
        i += 1;
        if i < c.len() && c[i] == '(' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '(' {
                    depth += 1;
                } else if c[i] == ')' {
                    depth -= 1;
                    if depth == 0 {
                        i += 1;
                        break;
                    }
                }
                i += 1;
            }
        }
        while i < c.len() && matches!(c[i], '-' | '+' | ' ' | '#' | '0') {
            i += 1;
        }
        while i < c.len() && (c[i] == '*' || c[i].is_ascii_digit()) {
            i += 1;
        }
        if i < c.len() && c[i] == '.' {
            i += 1;
            while i < c.len() && (c[i] == '*' || c[i].is_ascii_digit()) {
                i += 1;
            }
        }
        while i < c.len() && matches!(c[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i < c.len() && c[i] == 'b' {
            c[i] = 's';
        }
        i += 1;
    }
    c.into_iter().collect()
}
