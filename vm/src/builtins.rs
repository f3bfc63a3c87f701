//! The `builtins` module: built-in functions and the names of built-in classes.

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::object::{IterKind, Object};
use crate::ops::{self, user_method};
use crate::types::iter::new_iter;
use crate::types::to_index;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

fn kw_take(kw: &mut Kw, name: &str) -> Option<Value> {
    let i = kw.iter().position(|(k, _)| k.as_str() == name)?;
    Some(kw.remove(i).1)
}

fn check_no_kw(vm: &mut Vm, name: &str, kw: &Kw) -> PyResult<()> {
    if let Some((k, _)) = kw.first() {
        return Err(vm.type_error(format!("'{}' is an invalid keyword argument for {name}()", k.as_str())));
    }
    Ok(())
}

fn nargs(vm: &mut Vm, name: &str, a: &[Value], min: usize, max: usize) -> PyResult<()> {
    if a.len() < min || a.len() > max {
        let msg = if min == 1 && max == 1 {
            format!("{name}() takes exactly one argument ({} given)", a.len())
        } else if min == max {
            format!("{name}() takes exactly {} argument{} ({} given)", min, if min == 1 { "" } else { "s" }, a.len())
        } else if a.len() < min {
            format!("{name} expected at least {min} argument{}, got {}", if min == 1 { "" } else { "s" }, a.len())
        } else {
            format!("{name} expected at most {max} argument{}, got {}", if max == 1 { "" } else { "s" }, a.len())
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

/// Writes to a file-like value (sys.stdout / sys.stderr / object with write()).
pub fn write_to(vm: &mut Vm, file: &Value, text: &str) -> PyResult<()> {
    match file {
        Value::None | Value::Null => {
            vm.write_out(text);
            vm.check_out()
        }
        Value::Obj(o) if matches!(&**o, Object::Stream(_)) => {
            if let Object::Stream(n) = &**o {
                if *n == 1 {
                    vm.write_out(text);
                    return vm.check_out();
                } else {
                    vm.write_err(text);
                }
            }
            Ok(())
        }
        _ => {
            let w = crate::attr::getattr(vm, file, &s("write"))?;
            vm.call0(&w, vec![Value::str(text)])?;
            Ok(())
        }
    }
}

fn b_print(vm: &mut Vm, a: Vec<Value>, mut kw: Kw) -> PyResult<Value> {
    let sep = kw_take(&mut kw, "sep");
    let end = kw_take(&mut kw, "end");
    let file = kw_take(&mut kw, "file").unwrap_or(Value::None);
    let flush = kw_take(&mut kw, "flush");
    check_no_kw(vm, "print", &kw)?;
    let sep = match sep {
        None | Some(Value::None) => " ".to_string(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(v) => {
            let n = vm.type_name(&v);
            return Err(vm.type_error(format!("sep must be None or a string, not {n}")));
        }
    };
    let end = match end {
        None | Some(Value::None) => "\n".to_string(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(v) => {
            let n = vm.type_name(&v);
            return Err(vm.type_error(format!("end must be None or a string, not {n}")));
        }
    };
    let file = if file.is_none() { crate::modules::sys_stdout(vm) } else { file };
    if !matches!(&file, Value::Obj(o) if matches!(&**o, Object::Stream(_))) && !file.is_none() {
        // A Python file object: write each piece separately, as CPython does.
        for (i, x) in a.iter().enumerate() {
            if i > 0 {
                write_to(vm, &file, &sep)?;
            }
            let t = ops::to_str(vm, x)?;
            write_to(vm, &file, &t)?;
        }
        write_to(vm, &file, &end)?;
        return Ok(Value::None);
    }
    let mut out = String::new();
    for (i, x) in a.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match x {
            Value::Str(s) => out.push_str(s.as_str()),
            _ => out.push_str(&ops::to_str(vm, x)?),
        }
    }
    out.push_str(&end);
    write_to(vm, &file, &out)?;
    if let Some(f) = flush {
        if ops::truthy(vm, &f)? {
            vm.flush_out();
            vm.check_out()?;
        }
    }
    Ok(Value::None)
}

/// Converts a `__len__` result to usize with CPython's checks.
pub fn len_result(vm: &mut Vm, r: Value) -> PyResult<i64> {
    match r {
        Value::Int(n) if n >= 0 => Ok(n),
        Value::Int(_) => Err(vm.value_error("__len__() should return >= 0")),
        Value::Bool(b) => Ok(b as i64),
        Value::BigInt(_) => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
        other => {
            let n = vm.type_name(&other);
            Err(vm.type_error(format!("'{n}' object cannot be interpreted as an integer")))
        }
    }
}

/// `len(v)`.
pub fn len(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if let Some(r) = crate::descr::meta_dunder(vm, v, "__len__", vec![])? {
        return len_result(vm, r);
    }
    Ok(match v {
        Value::Str(s) => s.len() as i64,
        Value::List(l) => l.borrow().len() as i64,
        Value::Tuple(t) => t.len() as i64,
        Value::Dict(d) => d.borrow().len() as i64,
        Value::Set(s) => s.table.borrow().len() as i64,
        Value::Inst(_) | Value::Type(_) => {
            let ty = vm.type_of(v);
            if let Some(f) = user_method(&ty, &vm.t.s_len.clone()) {
                let r = vm.call_descr(&f, v, vec![v.clone()])?;
                return len_result(vm, r);
            }
            let p = vm.payload(v);
            if !matches!(p, Value::Inst(_)) {
                return len(vm, &p);
            }
            return Err(vm.type_error(format!("object of type '{}' has no len()", ty.name())));
        }
        Value::Obj(o) => match &**o {
            Object::Range { start, stop, step } => crate::types::range_len(*start, *stop, *step),
            Object::BigRange(r) => crate::types::range_slice::big_range_len(vm, r)?,
            Object::Bytes(b) => b.len() as i64,
            Object::ByteArray(b) => b.borrow().len() as i64,
            Object::DictView(_, d) => d.borrow().len() as i64,
            _ => {
                let n = vm.type_name(v);
                return Err(vm.type_error(format!("object of type '{n}' has no len()")));
            }
        },
        _ => {
            let n = vm.type_name(v);
            return Err(vm.type_error(format!("object of type '{n}' has no len()")));
        }
    })
}

fn b_len(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "len", &a, 1, 1)?;
    Ok(Value::Int(len(vm, &a[0])?))
}

/// `isinstance(v, cls)`.
pub fn isinstance(vm: &mut Vm, v: &Value, cls: &Value) -> PyResult<bool> {
    match cls {
        Value::Type(t) => {
            if vm.type_of(v).is_subtype(t) {
                return Ok(true);
            }
            let meta = vm.type_of(cls);
            if let Some(f) = user_method(&meta, &vm.t.s_instancecheck.clone()) {
                let r = vm.call_descr(&f, cls, vec![cls.clone(), v.clone()])?;
                return ops::truthy(vm, &r);
            }
            Ok(false)
        }
        Value::Inst(_) if crate::types::union::args_of(vm, cls).is_some() => {
            for t in crate::types::union::args_of(vm, cls).unwrap_or_default() {
                if isinstance(vm, v, &t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Tuple(ts) => {
            for t in ts.iter() {
                if isinstance(vm, v, t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            // Any object whose class defines __instancecheck__ (typing's aliases).
            if let Value::Inst(_) = cls {
                let ct = vm.type_of(cls);
                if let Some(f) = user_method(&ct, &vm.t.s_instancecheck.clone()) {
                    let r = vm.call_descr(&f, cls, vec![cls.clone(), v.clone()])?;
                    return ops::truthy(vm, &r);
                }
            }
            if let Some(args) = crate::descr::union_args(vm, cls) {
                for t in &args {
                    if isinstance(vm, v, t)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
        }
    }
}

/// The `isinstance` builtin (the dispatch loop recognizes it to call `isinstance` directly).
pub(crate) fn b_isinstance(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "isinstance", &a, 2, 2)?;
    Ok(Value::Bool(isinstance(vm, &a[0], &a[1])?))
}

fn issubclass(vm: &mut Vm, c: &Value, cls: &Value) -> PyResult<bool> {
    let Value::Type(ct) = c else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    match cls {
        Value::Type(t) => {
            let meta = vm.type_of(cls);
            if let Some(f) = user_method(&meta, &vm.t.s_subclasscheck.clone()) {
                let r = vm.call_descr(&f, cls, vec![cls.clone(), c.clone()])?;
                return ops::truthy(vm, &r);
            }
            Ok(ct.is_subtype(t))
        }
        Value::Inst(_) if crate::types::union::args_of(vm, cls).is_some() => {
            for t in crate::types::union::args_of(vm, cls).unwrap_or_default() {
                if issubclass(vm, c, &t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Tuple(ts) => {
            for t in ts.iter() {
                if issubclass(vm, c, t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            if let Value::Inst(_) = cls {
                let ct = vm.type_of(cls);
                if let Some(f) = user_method(&ct, &vm.t.s_subclasscheck.clone()) {
                    let r = vm.call_descr(&f, cls, vec![cls.clone(), c.clone()])?;
                    return ops::truthy(vm, &r);
                }
            }
            if let Some(args) = crate::descr::union_args(vm, cls) {
                for t in &args {
                    if issubclass(vm, c, t)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Err(vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        }
    }
}

fn b_issubclass(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "issubclass", &a, 2, 2)?;
    Ok(Value::Bool(issubclass(vm, &a[0], &a[1])?))
}

fn b_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "repr", &a, 1, 1)?;
    Ok(Value::str(ops::repr(vm, &a[0])?))
}
fn b_ascii(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "ascii", &a, 1, 1)?;
    let r = ops::repr(vm, &a[0])?;
    Ok(Value::str(crate::types::str::ascii_of(&r)))
}

fn b_sorted(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    if a.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", a.len())));
    }
    let mut items = ops::to_vec(vm, &a[0])?;
    crate::types::list::sort_with_kw(vm, &mut items, &kw)?;
    Ok(Value::list(items))
}

fn b_reversed(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "reversed", &a, 1, 1)?;
    let v = a[0].clone();
    match &v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) => {
            let n = len(vm, &v)?;
            Ok(new_iter(IterKind::Reversed { seq: v, idx: n as isize - 1 }))
        }
        Value::Obj(o) if matches!(&**o, Object::BigRange(_)) => {
            if let Object::BigRange(r) = &**o {
                return Ok(crate::types::range_slice::big_iter(r, true));
            }
            Ok(Value::None)
        }
        Value::Obj(o) if matches!(&**o, Object::Range { .. }) => {
            if let Object::Range { start, stop, step } = &**o {
                let n = crate::types::range_len(*start, *stop, *step);
                let last = start + (n - 1) * step;
                return Ok(new_iter(IterKind::Range { cur: last, stop: start - step, step: -step }));
            }
            Ok(Value::None)
        }
        Value::Dict(d) => {
            let mut keys = d.borrow().keys();
            keys.reverse();
            Ok(new_iter(IterKind::Vec { items: keys, idx: 0 }))
        }
        Value::Obj(o) if matches!(&**o, Object::DictView(..)) => {
            let mut items = ops::to_vec(vm, &v)?;
            items.reverse();
            Ok(new_iter(IterKind::Vec { items, idx: 0 }))
        }
        _ => {
            let ty = vm.type_of(&v);
            if let Some(f) = user_method(&ty, &vm.t.s_reversed.clone()) {
                return vm.call_descr(&f, &v, vec![v.clone()]);
            }
            if user_method(&ty, &vm.t.s_getitem.clone()).is_some() && user_method(&ty, &vm.t.s_len.clone()).is_some() {
                let n = len(vm, &v)?;
                return Ok(new_iter(IterKind::Reversed { seq: v, idx: n as isize - 1 }));
            }
            let p = vm.payload(&v);
            if !matches!(p, Value::Inst(_)) && matches!(v, Value::Inst(_)) {
                return b_reversed(vm, vec![p], vec![]);
            }
            Err(vm.type_error(format!("'{}' object is not reversible", ty.name())))
        }
    }
}

fn minmax(vm: &mut Vm, a: Vec<Value>, mut kw: Kw, is_max: bool) -> PyResult<Value> {
    let name = if is_max { "max" } else { "min" };
    let key = kw_take(&mut kw, "key").unwrap_or(Value::None);
    let default = kw_take(&mut kw, "default");
    check_no_kw(vm, name, &kw)?;
    let items = if a.len() == 1 {
        ops::to_vec(vm, &a[0])?
    } else if a.is_empty() {
        return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0")));
    } else {
        if default.is_some() {
            return Err(
                vm.type_error(format!("Cannot specify a default for {name}() with multiple positional arguments"))
            );
        }
        a
    };
    let mut best: Option<(Value, Value)> = None;
    for it in items {
        let k = if key.is_none() { it.clone() } else { vm.call0(&key, vec![it.clone()])? };
        match &best {
            None => best = Some((k, it)),
            Some((bk, _)) => {
                let better = if is_max { ops::lt(vm, bk, &k)? } else { ops::lt(vm, &k, bk)? };
                if better {
                    best = Some((k, it));
                }
            }
        }
    }
    match best {
        Some((_, v)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}
fn b_max(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    minmax(vm, a, k, true)
}
fn b_min(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    minmax(vm, a, k, false)
}

fn b_sum(vm: &mut Vm, a: Vec<Value>, mut kw: Kw) -> PyResult<Value> {
    let start = kw_take(&mut kw, "start").or_else(|| a.get(1).cloned()).unwrap_or(Value::Int(0));
    if a.is_empty() {
        return Err(vm.type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    match &start {
        Value::Str(_) => return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]")),
        Value::Obj(o) if matches!(&**o, Object::Bytes(_)) => {
            return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"))
        }
        _ => {}
    }
    let it = ops::iter(vm, &a[0])?;
    let mut acc = start;
    let mut fsum: Option<f64> = None;
    while let Some(x) = ops::next(vm, &it)? {
        if let (Some(f), Value::Float(y)) = (fsum, &x) {
            fsum = Some(f + y);
            continue;
        }
        if let Some(f) = fsum.take() {
            acc = Value::Float(f);
        }
        acc = match (&acc, &x) {
            (Value::Int(p), Value::Int(q)) => match p.checked_add(*q) {
                Some(r) => Value::Int(r),
                None => ops::binary_op(vm, format::BinaryOpKind::Add, &acc, &x)?,
            },
            (Value::Float(p), Value::Float(q)) => {
                fsum = Some(p + q);
                continue;
            }
            _ => ops::binary_op(vm, format::BinaryOpKind::Add, &acc, &x)?,
        };
        if let Value::Float(f) = acc {
            fsum = Some(f);
        }
    }
    if let Some(f) = fsum {
        return Ok(Value::Float(f));
    }
    Ok(acc)
}

fn b_abs(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "abs", &a, 1, 1)?;
    let v = &a[0];
    Ok(match v {
        Value::Int(i) => match i.checked_abs() {
            Some(x) => Value::Int(x),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::BigInt(b) => Value::from_bigint(b.abs()),
        Value::Float(f) => Value::Float(f.abs()),
        Value::Obj(o) if matches!(&**o, Object::Complex(..)) => {
            if let Object::Complex(r, i) = &**o {
                Value::Float(r.hypot(*i))
            } else {
                Value::None
            }
        }
        _ => {
            let ty = vm.type_of(v);
            if let Some(f) = user_method(&ty, &vm.t.s_abs.clone()) {
                return vm.call_descr(&f, v, vec![v.clone()]);
            }
            let p = vm.payload(v);
            if !matches!(p, Value::Inst(_)) && matches!(v, Value::Inst(_)) {
                return b_abs(vm, vec![p], vec![]);
            }
            return Err(vm.type_error(format!("bad operand type for abs(): '{}'", ty.name())));
        }
    })
}

fn b_enumerate(vm: &mut Vm, a: Vec<Value>, mut kw: Kw) -> PyResult<Value> {
    let start = kw_take(&mut kw, "start").or_else(|| a.get(1).cloned()).unwrap_or(Value::Int(0));
    let Some(src) = a.first() else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable' (pos 1)"));
    };
    let it = ops::iter(vm, src)?;
    Ok(new_iter(IterKind::Enumerate { it, n: start }))
}
fn b_zip(vm: &mut Vm, a: Vec<Value>, mut kw: Kw) -> PyResult<Value> {
    let strict = match kw_take(&mut kw, "strict") {
        Some(v) => ops::truthy(vm, &v)?,
        None => false,
    };
    let mut its = Vec::with_capacity(a.len());
    for (i, x) in a.iter().enumerate() {
        match ops::iter(vm, x) {
            Ok(it) => its.push(it),
            Err(_) => {
                let n = vm.type_name(x);
                return Err(vm.type_error(format!("zip argument #{} must support iteration", i + 1)).tap(n));
            }
        }
    }
    Ok(new_iter(IterKind::Zip { its, strict }))
}
trait Tap {
    fn tap(self, _s: String) -> Self;
}
impl Tap for Value {
    fn tap(self, _s: String) -> Self {
        self
    }
}
fn b_map(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if a.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut its = Vec::new();
    for x in &a[1..] {
        its.push(ops::iter(vm, x)?);
    }
    Ok(new_iter(IterKind::Map { f: a[0].clone(), its }))
}
fn b_filter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "filter", &a, 2, 2)?;
    let it = ops::iter(vm, &a[1])?;
    Ok(new_iter(IterKind::Filter { f: a[0].clone(), it }))
}
fn b_any(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "any", &a, 1, 1)?;
    let it = ops::iter(vm, &a[0])?;
    while let Some(x) = ops::next(vm, &it)? {
        if ops::truthy(vm, &x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}
fn b_all(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "all", &a, 1, 1)?;
    let it = ops::iter(vm, &a[0])?;
    while let Some(x) = ops::next(vm, &it)? {
        if !ops::truthy(vm, &x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// Rounds a float to `nd` decimal digits the way CPython does (exact decimal rounding).
pub fn round_float(x: f64, nd: i64) -> f64 {
    if !x.is_finite() || nd > 300 {
        return x;
    }
    if nd >= 0 {
        let s = format!("{:.*}", nd as usize, x);
        s.parse().unwrap_or(x)
    } else {
        let p = 10f64.powi((-nd) as i32);
        let y = (x / p).round_ties_even() * p;
        if y.is_finite() {
            y
        } else {
            0.0
        }
    }
}

fn b_round(vm: &mut Vm, a: Vec<Value>, mut kw: Kw) -> PyResult<Value> {
    let nd = kw_take(&mut kw, "ndigits").or_else(|| a.get(1).cloned()).unwrap_or(Value::None);
    let Some(x) = a.first() else {
        return Err(vm.type_error("round() missing required argument 'number' (pos 1)"));
    };
    // Clamp huge ndigits: beyond any float's digits, the result is x (or zero).
    let nd = match crate::num::to_big(&vm.payload(&nd)) {
        Some(b) if !matches!(nd, Value::Int(_)) && matches!(vm.payload(&nd), Value::BigInt(_)) => {
            Value::Int(if b.is_negative() { -100_000 } else { 100_000 })
        }
        _ => nd,
    };
    match x {
        Value::Float(f) => {
            if nd.is_none() {
                let r = f.round_ties_even();
                return crate::types::construct::float_to_int(vm, r);
            }
            let n = to_index(vm, &nd)?;
            crate::text::round_float(*f, n).map(Value::Float).map_err(|e| crate::types::formatting::text_err(vm, e))
        }
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
            if nd.is_none() {
                return Ok(match x {
                    Value::Bool(b) => Value::Int(*b as i64),
                    _ => x.clone(),
                });
            }
            let n = to_index(vm, &nd)?;
            if n >= 0 {
                return Ok(x.clone());
            }
            let b = crate::num::to_big(x).unwrap_or_default();
            let p = num_traits::pow::Pow::pow(BigInt::from(10), (-n) as u32);
            let q = num_integer::Integer::div_floor(&b, &p);
            let r = &b - &q * &p;
            let twice = &r * 2;
            let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) { q + 1 } else { q };
            Ok(Value::from_bigint(q * p))
        }
        _ => {
            let ty = vm.type_of(x);
            if let Some(f) = user_method(&ty, &vm.t.s_round.clone()) {
                let mut args = vec![x.clone()];
                if !nd.is_none() {
                    args.push(nd);
                }
                return vm.call_descr(&f, x, args);
            }
            let p = vm.payload(x);
            if matches!(p, Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_)) {
                let mut args = vec![p];
                if !nd.is_none() {
                    args.push(nd);
                }
                return b_round(vm, args, vec![]);
            }
            Err(vm.type_error(format!("type {} doesn't define __round__ method", ty.name())))
        }
    }
}

fn b_divmod(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "divmod", &a, 2, 2)?;
    if matches!(a[0], Value::Float(_)) || matches!(a[1], Value::Float(_)) {
        let x = crate::num::small(&a[0]).map(|i| i as f64).or(if let Value::Float(f) = a[0] { Some(f) } else { None });
        let y = crate::num::small(&a[1]).map(|i| i as f64).or(if let Value::Float(f) = a[1] { Some(f) } else { None });
        if let (Some(x), Some(y)) = (x, y) {
            return match crate::text::float_divmod(x, y) {
                Ok((q, r)) => Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)])),
                Err(e) => Err(crate::types::formatting::text_err(vm, e)),
            };
        }
    }
    let q =
        ops::binary_op(vm, format::BinaryOpKind::FloorDivide, &a[0], &a[1]).map_err(|e| fix_divmod_msg(vm, e, &a))?;
    let r = ops::binary_op(vm, format::BinaryOpKind::Remainder, &a[0], &a[1])?;
    Ok(Value::tuple(vec![q, r]))
}
fn fix_divmod_msg(vm: &mut Vm, e: Value, a: &[Value]) -> Value {
    let te = vm.t.type_error.clone();
    if vm.exc_matches(&e, &te) {
        let (x, y) = (vm.type_name(&a[0]), vm.type_name(&a[1]));
        return vm.type_error(format!("unsupported operand type(s) for divmod(): '{x}' and '{y}'"));
    }
    e
}

fn b_pow(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "pow", &a, 2, 3)?;
    if a.len() == 3 && !a[2].is_none() {
        let (Some(b), Some(e), Some(m)) =
            (crate::num::to_big(&a[0]), crate::num::to_big(&a[1]), crate::num::to_big(&a[2]))
        else {
            return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
        };
        if m.is_zero() {
            return Err(vm.value_error("pow() 3rd argument cannot be 0"));
        }
        let base = if e.is_negative() {
            match modinv(&b, &m) {
                Some(inv) => inv,
                None => return Err(vm.value_error("base is not invertible for the given modulus")),
            }
        } else {
            b
        };
        let r = base.modpow(&e.abs(), &m.abs());
        let r = if m.is_negative() && !r.is_zero() {
            r + &m
        } else if r.is_negative() {
            r + m.abs()
        } else {
            r
        };
        return Ok(Value::from_bigint(r));
    }
    ops::binary_op(vm, format::BinaryOpKind::Power, &a[0], &a[1])
}

fn modinv(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let m = m.abs();
    let g = num_integer::Integer::extended_gcd(&num_integer::Integer::mod_floor(a, &m), &m);
    if g.gcd != BigInt::from(1) {
        return None;
    }
    Some(num_integer::Integer::mod_floor(&g.x, &m))
}

fn b_chr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "chr", &a, 1, 1)?;
    let i = match &a[0] {
        Value::BigInt(_) => return Err(vm.overflow_error("Python int too large to convert to C int")),
        v => to_index(vm, v)?,
    };
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::str(c.to_string())),
        None => {
            if (0xd800..0xe000).contains(&i) {
                return Ok(Value::str("\u{fffd}"));
            }
            Err(vm.value_error("chr() arg not in range(0x110000)"))
        }
    }
}
fn b_ord(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "ord", &a, 1, 1)?;
    let p = vm.payload(&a[0]);
    let bytes = |n: usize, b: Option<u8>, vm: &mut Vm| -> PyResult<Value> {
        match b {
            Some(x) if n == 1 => Ok(Value::Int(x as i64)),
            _ => Err(vm.type_error(format!("ord() expected a character, but string of length {n} found"))),
        }
    };
    match &p {
        Value::Str(s) => {
            if s.len() != 1 {
                return Err(
                    vm.type_error(format!("ord() expected a character, but string of length {} found", s.len()))
                );
            }
            Ok(Value::Int(s.as_str().chars().next().map(|c| c as i64).unwrap_or(0)))
        }
        Value::Obj(o) if matches!(&**o, Object::Bytes(_) | Object::ByteArray(_)) => match &**o {
            Object::Bytes(b) => bytes(b.len(), b.first().copied(), vm),
            Object::ByteArray(b) => {
                let (n, f) = (b.borrow().len(), b.borrow().first().copied());
                bytes(n, f, vm)
            }
            _ => Ok(Value::None),
        },
        _ => {
            let n = vm.type_name(&a[0]);
            Err(vm.type_error(format!("ord() expected string of length 1, but {n} found")))
        }
    }
}
fn radix(vm: &mut Vm, a: Vec<Value>, r: u32, p: &str, name: &str) -> PyResult<Value> {
    nargs(vm, name, &a, 1, 1)?;
    let v = crate::descr::index(vm, &a[0])?;
    let b = crate::num::to_big(&v).unwrap_or_default();
    let s = if b.is_negative() { format!("-{p}{}", (-b).to_str_radix(r)) } else { format!("{p}{}", b.to_str_radix(r)) };
    Ok(Value::str(s))
}
fn b_hex(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    radix(vm, a, 16, "0x", "hex")
}
fn b_bin(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    radix(vm, a, 2, "0b", "bin")
}
fn b_oct(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    radix(vm, a, 8, "0o", "oct")
}
fn b_iter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "iter", &a, 1, 2)?;
    if a.len() == 2 {
        return Ok(new_iter(IterKind::Callable { f: a[0].clone(), sentinel: a[1].clone() }));
    }
    ops::iter(vm, &a[0])
}
fn b_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "next", &a, 1, 2)?;
    let is_iter = match &a[0] {
        Value::Obj(o) => match &**o {
            Object::Generator(g) => g.kind == 0,
            Object::Iter(_) => true,
            _ => vm.type_of(&a[0]).lookup(&vm.t.s_next.clone()).is_some(),
        },
        Value::Inst(_) => vm.type_of(&a[0]).lookup(&vm.t.s_next.clone()).is_some(),
        _ => false,
    };
    if !is_iter {
        let n = vm.type_name(&a[0]);
        return Err(vm.type_error(format!("'{n}' object is not an iterator")));
    }
    if let Value::Obj(o) = &a[0] {
        if let Object::Generator(_) = &**o {
            return match crate::generator::resume(vm, o, Value::None, None)? {
                (true, v) => Ok(v),
                (false, r) => match a.get(1) {
                    Some(d) => Ok(d.clone()),
                    None => Err(vm.stop_iteration(r)),
                },
            };
        }
    }
    if let Value::Inst(_) = &a[0] {
        if a.len() == 1 {
            let nm = vm.t.s_next.clone();
            return vm.call_method(&a[0], &nm, vec![]).map(|r| r.unwrap_or(Value::None));
        }
    }
    match ops::next(vm, &a[0])? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.stop_iteration(Value::None)),
        },
    }
}
fn attr_name(vm: &mut Vm, v: &Value) -> PyResult<Rc<crate::value::PyStr>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => {
            let n = vm.type_name(other);
            Err(vm.type_error(format!("attribute name must be string, not '{n}'")))
        }
    }
}
fn b_getattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "getattr", &a, 2, 3)?;
    let n = attr_name(vm, &a[1])?;
    if a.len() == 3 {
        return Ok(crate::attr::getattr_opt(vm, &a[0], &n)?.unwrap_or_else(|| a[2].clone()));
    }
    crate::attr::getattr(vm, &a[0], &n)
}
fn b_setattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "setattr", &a, 3, 3)?;
    let n = attr_name(vm, &a[1])?;
    crate::attr::setattr(vm, &a[0], &n, Some(a[2].clone()))?;
    Ok(Value::None)
}
fn b_delattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "delattr", &a, 2, 2)?;
    let n = attr_name(vm, &a[1])?;
    crate::attr::setattr(vm, &a[0], &n, None)?;
    Ok(Value::None)
}
fn b_hasattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "hasattr", &a, 2, 2)?;
    let n = attr_name(vm, &a[1])?;
    Ok(Value::Bool(crate::attr::getattr_opt(vm, &a[0], &n)?.is_some()))
}
fn b_hash(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "hash", &a, 1, 1)?;
    Ok(Value::Int(ops::hash(vm, &a[0])?))
}
fn b_id(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "id", &a, 1, 1)?;
    Ok(Value::Int(a[0].id() & 0x7fff_ffff_ffff))
}
fn b_callable(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "callable", &a, 1, 1)?;
    let r = match &a[0] {
        Value::Func(_) | Value::Type(_) => true,
        Value::Obj(o) => matches!(&**o, Object::Builtin(_) | Object::Method { .. }),
        Value::Inst(_) => vm.type_of(&a[0]).lookup(&vm.t.s_call.clone()).is_some(),
        _ => false,
    };
    Ok(Value::Bool(r))
}
fn b_format(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    nargs(vm, "format", &a, 1, 2)?;
    let spec = match a.get(1) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => String::new(),
    };
    Ok(Value::str(ops::format(vm, &a[0], &spec)?))
}
fn b_input(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let Some(p) = a.first() {
        let s = ops::to_str(vm, p)?;
        vm.write_out(&s);
    }
    let bytes = crate::stdin::read(vm, true)?;
    if bytes.is_empty() {
        let t = vm.t.eof_error.clone();
        return Err(vm.new_exc(&t, "EOF when reading a line"));
    }
    let mut line = String::from_utf8_lossy(&bytes).into_owned();
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    Ok(Value::str(line))
}

/// Current frame's locals as a dict.
pub fn frame_locals(vm: &mut Vm) -> Value {
    let Some(f) = vm.frames.last() else { return Value::Dict(vm.builtins.clone()) };
    if let Some(l) = &f.locals {
        return l.clone();
    }
    let d = crate::object::new_dict();
    let code = f.code.clone();
    let base = f.base;
    for (i, n) in code.varnames.iter().enumerate() {
        let v = vm.stack[base + i].clone();
        if !v.is_null() {
            d.borrow_mut().set_str(n.clone(), v);
        }
    }
    for (i, n) in code.co.cellvars.iter().chain(code.co.freevars.iter()).enumerate() {
        if let Value::Obj(o) = &vm.stack[base + code.nlocals + i] {
            if let Object::Cell(c) = &**o {
                let v = c.borrow().clone();
                if !v.is_null() {
                    d.borrow_mut().set_str(s(n), v);
                }
            }
        }
    }
    Value::Dict(d)
}

fn b_vars(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match a.first() {
        None => Ok(frame_locals(vm)),
        Some(v) => match crate::attr::getattr_opt(vm, v, &s("__dict__"))? {
            Some(d) => Ok(d),
            None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
        },
    }
}
fn b_locals(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(frame_locals(vm))
}
fn b_globals(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match vm.frames.last() {
        Some(f) => Ok(Value::Dict(f.globals.clone())),
        None => Ok(Value::Dict(crate::object::new_dict())),
    }
}

/// `dir(v)`.
pub fn dir_of(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let mut names: Vec<String> = Vec::new();
    let add_dict = |d: &crate::value::DictRef, names: &mut Vec<String>| {
        for k in d.borrow().keys() {
            if let Value::Str(s) = k {
                names.push(s.as_str().to_string());
            }
        }
    };
    match v {
        Value::Obj(o) if matches!(&**o, Object::Module { .. }) => {
            if let Object::Module { dict, .. } = &**o {
                let custom = dict.borrow().get_str(&crate::value::PyStr::new("__dir__")).cloned();
                if let Some(f) = custom {
                    let r = vm.call0(&f, vec![])?;
                    let mut items = crate::ops::to_vec(vm, &r)?;
                    crate::types::list::sort_values(vm, &mut items, None, false)?;
                    return Ok(Value::list(items));
                }
                add_dict(dict, &mut names);
            }
        }
        Value::Type(t) => {
            add_dict(&t.dict, &mut names);
            for b in t.mro.borrow().iter() {
                add_dict(&b.dict, &mut names);
            }
            names.push("__class__".to_string());
        }
        _ => {
            if let Value::Inst(i) = v {
                add_dict(&i.dict, &mut names);
            }
            let t = vm.type_of(v);
            add_dict(&t.dict, &mut names);
            for b in t.mro.borrow().iter() {
                add_dict(&b.dict, &mut names);
            }
            names.push("__class__".to_string());
        }
    }
    let extra: &[&str] = match vm.payload(v) {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => &["real", "imag", "numerator", "denominator"],
        Value::Float(_) => &["real", "imag"],
        Value::Obj(o) => match &*o {
            Object::Complex(..) => &["real", "imag"],
            Object::Range { .. } | Object::BigRange(_) | Object::Slice { .. } => &["start", "stop", "step"],
            _ => &[],
        },
        _ => &[],
    };
    if !matches!(v, Value::Type(_)) {
        names.extend(extra.iter().map(|s| s.to_string()));
    }
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::str).collect()))
}
fn b_dir(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match a.first() {
        Some(v @ Value::Inst(_)) => {
            let ty = vm.type_of(v);
            if let Some(f) = user_method(&ty, &s("__dir__")) {
                let r = vm.call_descr(&f, v, vec![v.clone()])?;
                let mut items = ops::to_vec(vm, &r)?;
                crate::types::list::sort_values(vm, &mut items, None, false)?;
                return Ok(Value::list(items));
            }
            dir_of(vm, v)
        }
        Some(v) => dir_of(vm, v),
        None => {
            let l = frame_locals(vm);
            let mut keys: Vec<String> = match &l {
                Value::Dict(d) => {
                    d.borrow().keys().iter().filter_map(|k| k.as_pystr().map(|s| s.as_str().to_string())).collect()
                }
                _ => vec![],
            };
            keys.sort();
            Ok(Value::list(keys.into_iter().map(Value::str).collect()))
        }
    }
}
fn b_no_compiler(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let t = vm.t.not_implemented_error.clone();
    Err(vm.new_exc(&t, "pvm runs precompiled bytecode only: eval/exec/compile are not available"))
}
fn b_open(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::modules::io::builtin_open(vm, a, k)
}
fn b_exit(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let t = vm.t.system_exit.clone();
    Err(crate::exceptions::make_exc(&t, Value::tuple(a)))
}
fn b_build_class(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::classes::build_class(vm, a, k)
}
fn b_aiter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = vm.t.s_aiter.clone();
    vm.call_method(a.first().unwrap_or(&Value::None), &n, vec![]).map(|r| r.unwrap_or(Value::None))
}
fn b_anext(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    crate::agen::anext(vm, a)
}

/// Fills the builtins dict.
pub fn init(vm: &mut Vm) {
    let fns: &[(&'static str, crate::object::NativeFn)] = &[
        ("print", b_print),
        ("len", b_len),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("repr", b_repr),
        ("ascii", b_ascii),
        ("sorted", b_sorted),
        ("reversed", b_reversed),
        ("min", b_min),
        ("max", b_max),
        ("sum", b_sum),
        ("abs", b_abs),
        ("enumerate", b_enumerate),
        ("zip", b_zip),
        ("map", b_map),
        ("filter", b_filter),
        ("any", b_any),
        ("all", b_all),
        ("round", b_round),
        ("divmod", b_divmod),
        ("pow", b_pow),
        ("chr", b_chr),
        ("ord", b_ord),
        ("hex", b_hex),
        ("bin", b_bin),
        ("oct", b_oct),
        ("iter", b_iter),
        ("next", b_next),
        ("getattr", b_getattr),
        ("setattr", b_setattr),
        ("delattr", b_delattr),
        ("hasattr", b_hasattr),
        ("hash", b_hash),
        ("id", b_id),
        ("callable", b_callable),
        ("format", b_format),
        ("input", b_input),
        ("vars", b_vars),
        ("dir", b_dir),
        ("globals", b_globals),
        ("locals", b_locals),
        ("eval", b_no_compiler),
        ("exec", b_no_compiler),
        ("compile", b_no_compiler),
        ("open", b_open),
        ("exit", b_exit),
        ("quit", b_exit),
        ("__build_class__", b_build_class),
        ("aiter", b_aiter),
        ("anext", b_anext),
    ];
    let b = vm.builtins.clone();
    let mut d = b.borrow_mut();
    for (n, f) in fns {
        d.set_str(s(n), native(n, *f));
    }
    let t = &vm.t;
    for ty in [
        &t.object,
        &t.type_,
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
        &t.property,
        &t.classmethod,
        &t.staticmethod,
        &t.super_,
    ] {
        d.set_str(s(&ty.name()), Value::Type((*ty).clone()));
    }
    for ty in &t.all_exc {
        d.set_str(s(&ty.name()), Value::Type(ty.clone()));
    }
    d.set_str(s("EnvironmentError"), Value::Type(t.os_error.clone()));
    d.set_str(s("memoryview"), Value::Type(crate::types::memoryview::mv_type(vm)));
    d.set_str(s("IOError"), Value::Type(t.os_error.clone()));
    d.set_str(s("None"), Value::None);
    d.set_str(s("True"), Value::Bool(true));
    d.set_str(s("False"), Value::Bool(false));
    d.set_str(s("NotImplemented"), Value::NotImplemented);
    d.set_str(s("Ellipsis"), Value::Ellipsis);
    d.set_str(s("__name__"), Value::str("builtins"));
    d.set_str(s("__debug__"), Value::Bool(true));
    let _ = ToPrimitive::to_i64(&BigInt::from(0));
}
