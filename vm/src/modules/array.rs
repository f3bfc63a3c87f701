//! The `array` module: `array.array` as a native class storing typed items (typecodes
//! b/B/h/H/i/I/l/L/q/Q/f/d/u with CPython's sizes on 64-bit Linux), with CPython's range
//! checks and messages, reprs, slicing, comparison, concatenation and the bytes conversions.

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::native_class::{new_class, new_instance, with_data};
use crate::object::{NativeFn, Object, Type};
use crate::ops;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

/// The items, by storage kind.
#[derive(Clone)]
enum Items {
    Int(Vec<i128>),
    Float(Vec<f64>),
    Char(Vec<char>),
}

/// An array: its typecode and items.
#[derive(Clone)]
struct Arr {
    code: char,
    items: Items,
}

impl Items {
    fn len(&self) -> usize {
        match self {
            Items::Int(v) => v.len(),
            Items::Float(v) => v.len(),
            Items::Char(v) => v.len(),
        }
    }
}

const CODES: &str = "bBuhHiIlLqQfd";

fn itemsize(code: char) -> usize {
    match code {
        'b' | 'B' => 1,
        'h' | 'H' => 2,
        'i' | 'I' | 'f' | 'u' => 4,
        _ => 8,
    }
}

fn empty(code: char) -> Items {
    match code {
        'f' | 'd' => Items::Float(Vec::new()),
        'u' => Items::Char(Vec::new()),
        _ => Items::Int(Vec::new()),
    }
}

thread_local! {
    static CLASS: RefCell<Option<(Rc<Type>, Rc<Type>)>> = const { RefCell::new(None) };
}

fn classes(vm: &mut Vm) -> (Rc<Type>, Rc<Type>) {
    if let Some(c) = CLASS.with(|c| c.borrow().clone()) {
        return c;
    }
    let m: &[(&'static str, NativeFn)] = &[
        ("__new__", a_new),
        ("append", a_append),
        ("extend", a_extend),
        ("insert", a_insert),
        ("pop", a_pop),
        ("remove", a_remove),
        ("index", a_index),
        ("count", a_count),
        ("reverse", a_reverse),
        ("tolist", a_tolist),
        ("tobytes", a_tobytes),
        ("frombytes", a_frombytes),
        ("fromlist", a_fromlist),
        ("tounicode", a_tounicode),
        ("fromunicode", a_fromunicode),
        ("byteswap", a_byteswap),
        ("buffer_info", a_buffer_info),
        ("__len__", a_len),
        ("__getitem__", a_getitem),
        ("__setitem__", a_setitem),
        ("__delitem__", a_delitem),
        ("__iter__", a_iter),
        ("__repr__", a_repr),
        ("__contains__", a_contains),
        ("__eq__", a_eq),
        ("__ne__", a_ne),
        ("__lt__", a_lt),
        ("__le__", a_le),
        ("__gt__", a_gt),
        ("__ge__", a_ge),
        ("__add__", a_add),
        ("__iadd__", a_iadd),
        ("__mul__", a_mul),
        ("__rmul__", a_mul),
        ("__imul__", a_imul),
        ("__copy__", a_copy),
        ("__deepcopy__", a_copy),
        ("__reduce_ex__", a_reduce),
    ];
    let prop = |name: &'static str, f: NativeFn| {
        Value::obj(Object::Property { fget: native(name, f), fset: Value::None, fdel: Value::None, doc: Value::None })
    };
    let attrs = vec![
        ("typecode", prop("typecode", a_typecode)),
        ("itemsize", prop("itemsize", a_itemsize)),
        ("__hash__", Value::None),
    ];
    let cls = new_class(vm, "array", "array", &[], m, attrs);
    let im: &[(&'static str, NativeFn)] = &[("__iter__", it_iter), ("__next__", it_next)];
    let it = new_class(vm, "array", "arrayiterator", &[], im, vec![]);
    CLASS.with(|c| *c.borrow_mut() = Some((cls.clone(), it.clone())));
    (cls, it)
}

fn this(a: &[Value]) -> Value {
    a.first().cloned().unwrap_or(Value::None)
}

fn get(vm: &mut Vm, v: &Value) -> PyResult<Arr> {
    with_data(vm, v, "array", |d: &mut Arr| d.clone())
}

fn code_of(vm: &mut Vm, v: &Value) -> PyResult<char> {
    with_data(vm, v, "array", |d: &mut Arr| d.code)
}

fn is_array(v: &Value) -> bool {
    crate::native_class::has_data::<Arr>(v)
}

fn overflow(vm: &mut Vm, msg: &str) -> Value {
    vm.overflow_error(msg)
}

/// Converts `v` to an item for typecode `code` with CPython's checks and messages.
fn to_int_item(vm: &mut Vm, code: char, v: &Value) -> PyResult<i128> {
    let big: BigInt = match v {
        Value::Int(i) => BigInt::from(*i),
        Value::Bool(b) => BigInt::from(*b as i64),
        Value::BigInt(b) => (**b).clone(),
        Value::Inst(_) if !matches!(vm.payload(v), Value::Inst(_)) => return to_int_item(vm, code, &vm.payload(v)),
        Value::Inst(_) => {
            let i = crate::types::index_big(vm, v)?;
            return to_int_item(vm, code, &Value::from_bigint(i));
        }
        _ => {
            let n = vm.type_name(v);
            return Err(vm.type_error(format!("'{n}' object cannot be interpreted as an integer")));
        }
    };
    let long = big.to_i64();
    let c_long = "Python int too large to convert to C long";
    let x = match code {
        'b' | 'B' | 'h' | 'H' | 'i' | 'l' => match long {
            Some(x) => x as i128,
            None => return Err(overflow(vm, c_long)),
        },
        'I' | 'L' => {
            if big.sign() == num_bigint::Sign::Minus {
                return Err(overflow(vm, "can't convert negative value to unsigned int"));
            }
            match big.to_u64() {
                Some(x) => x as i128,
                None => return Err(overflow(vm, "Python int too large to convert to C unsigned long")),
            }
        }
        'q' => match long {
            Some(x) => x as i128,
            None => return Err(overflow(vm, "int too big to convert")),
        },
        _ => {
            if big.sign() == num_bigint::Sign::Minus {
                return Err(overflow(vm, "can't convert negative int to unsigned"));
            }
            match big.to_u64() {
                Some(x) => x as i128,
                None => return Err(overflow(vm, "int too big to convert")),
            }
        }
    };
    let range = |vm: &mut Vm, lo: i128, hi: i128, what: &str| -> PyResult<()> {
        if x > hi {
            return Err(overflow(vm, &format!("{what} is greater than maximum")));
        }
        if x < lo {
            return Err(overflow(vm, &format!("{what} is less than minimum")));
        }
        Ok(())
    };
    match code {
        'b' => {
            range(vm, -32768, 32767, "signed short integer")?;
            range(vm, -128, 127, "signed char")?;
        }
        'B' => range(vm, 0, 255, "unsigned byte integer")?,
        'h' => range(vm, -32768, 32767, "signed short integer")?,
        'H' => {
            range(vm, i32::MIN as i128, i32::MAX as i128, "signed integer")?;
            range(vm, 0, 65535, "unsigned short")?;
        }
        'i' => range(vm, i32::MIN as i128, i32::MAX as i128, "signed integer")?,
        'I' => range(vm, 0, u32::MAX as i128, "unsigned int")?,
        _ => {}
    }
    Ok(x)
}

fn to_float_item(vm: &mut Vm, code: char, v: &Value) -> PyResult<f64> {
    let f = match v {
        Value::Float(f) => *f,
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Inst(_) => crate::types::construct::to_float(vm, v)?,
        _ => {
            let n = vm.type_name(v);
            return Err(vm.type_error(format!("must be real number, not {n}")));
        }
    };
    Ok(if code == 'f' { f as f32 as f64 } else { f })
}

fn to_char_item(vm: &mut Vm, v: &Value) -> PyResult<char> {
    match v {
        Value::Str(s) if s.len() == 1 => Ok(s.as_str().chars().next().unwrap_or('\0')),
        Value::Str(_) => Err(vm.type_error("array item must be unicode character")),
        _ => Err(vm.type_error("array item must be unicode character")),
    }
}

/// Converts the values to items of `code` (all checked before any is stored).
fn convert(vm: &mut Vm, code: char, vals: &[Value]) -> PyResult<Items> {
    Ok(match code {
        'f' | 'd' => {
            let mut out = Vec::with_capacity(vals.len());
            for v in vals {
                out.push(to_float_item(vm, code, v)?);
            }
            Items::Float(out)
        }
        'u' => {
            let mut out = Vec::with_capacity(vals.len());
            for v in vals {
                out.push(to_char_item(vm, v)?);
            }
            Items::Char(out)
        }
        _ => {
            let mut out = Vec::with_capacity(vals.len());
            for v in vals {
                out.push(to_int_item(vm, code, v)?);
            }
            Items::Int(out)
        }
    })
}

fn item_value(items: &Items, i: usize) -> Value {
    match items {
        Items::Int(v) => {
            let x = v[i];
            if let Ok(s) = i64::try_from(x) {
                Value::Int(s)
            } else {
                Value::from_bigint(BigInt::from(x))
            }
        }
        Items::Float(v) => Value::Float(v[i]),
        Items::Char(v) => Value::str(v[i].to_string()),
    }
}

fn values(items: &Items) -> Vec<Value> {
    (0..items.len()).map(|i| item_value(items, i)).collect()
}

fn append_items(dst: &mut Items, src: Items) {
    match (dst, src) {
        (Items::Int(a), Items::Int(b)) => a.extend(b),
        (Items::Float(a), Items::Float(b)) => a.extend(b),
        (Items::Char(a), Items::Char(b)) => a.extend(b),
        _ => {}
    }
}

fn set(vm: &mut Vm, v: &Value, f: impl FnOnce(&mut Arr)) -> PyResult<()> {
    with_data(vm, v, "array", f)
}

fn make(cls: &Rc<Type>, code: char, items: Items) -> Value {
    new_instance(cls, Arr { code, items })
}

/// The class of arrays made from `me` (slices, concatenations, copies): `array.array` itself,
/// even for subclasses, as in CPython.
fn same_class(vm: &mut Vm, _me: &Value) -> Rc<Type> {
    classes(vm).0
}

fn from_bytes(vm: &mut Vm, code: char, b: &[u8]) -> PyResult<Items> {
    let n = itemsize(code);
    if b.len() % n != 0 {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    let chunks = b.chunks(n);
    Ok(match code {
        'f' => Items::Float(chunks.map(|c| f32::from_le_bytes(c.try_into().unwrap_or([0; 4])) as f64).collect()),
        'd' => Items::Float(chunks.map(|c| f64::from_le_bytes(c.try_into().unwrap_or([0; 8]))).collect()),
        'u' => Items::Char(
            chunks
                .map(|c| char::from_u32(u32::from_le_bytes(c.try_into().unwrap_or([0; 4]))).unwrap_or('\u{fffd}'))
                .collect(),
        ),
        _ => Items::Int(
            chunks
                .map(|c| {
                    let mut buf = [0u8; 8];
                    buf[..n].copy_from_slice(c);
                    let u = u64::from_le_bytes(buf);
                    let signed = matches!(code, 'b' | 'h' | 'i' | 'l' | 'q');
                    if signed {
                        let shift = 64 - 8 * n as u32;
                        (((u << shift) as i64) >> shift) as i128
                    } else {
                        u as i128
                    }
                })
                .collect(),
        ),
    })
}

fn to_bytes(a: &Arr) -> Vec<u8> {
    let n = itemsize(a.code);
    let mut out = Vec::with_capacity(a.items.len() * n);
    match &a.items {
        Items::Int(v) => {
            for x in v {
                out.extend_from_slice(&(*x as u64).to_le_bytes()[..n]);
            }
        }
        Items::Float(v) => {
            for x in v {
                if a.code == 'f' {
                    out.extend_from_slice(&(*x as f32).to_le_bytes());
                } else {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
        Items::Char(v) => {
            for c in v {
                out.extend_from_slice(&(*c as u32).to_le_bytes());
            }
        }
    }
    out
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

fn a_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = match a.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => classes(vm).0,
    };
    if !k.is_empty() {
        return Err(vm.type_error("array.array() takes no keyword arguments"));
    }
    let args = &a[1..];
    if args.is_empty() || args.len() > 2 {
        return Err(vm.type_error(format!("array() takes at most 2 arguments ({} given)", args.len())));
    }
    let code = match &args[0] {
        Value::Str(s) if s.len() == 1 => s.as_str().chars().next().unwrap_or(' '),
        _ => {
            let n = vm.type_name(&args[0]);
            return Err(vm.type_error(format!("array() argument 1 must be a unicode character, not {n}")));
        }
    };
    if !CODES.contains(code) {
        return Err(vm.value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)"));
    }
    let items = match args.get(1) {
        None => empty(code),
        Some(Value::Str(st)) => {
            if code != 'u' {
                return Err(vm.type_error(format!("cannot use a str to initialize an array with typecode '{code}'")));
            }
            Items::Char(st.as_str().chars().collect())
        }
        Some(init) => {
            if let Some(b) = bytes_of(init) {
                from_bytes(vm, code, &b)?
            } else if is_array(init) {
                let src = get(vm, init)?;
                if (src.code == 'u') != (code == 'u') {
                    return Err(vm.type_error(format!(
                        "cannot use a unicode array to initialize an array with typecode '{code}'"
                    )));
                }
                let vals = values(&src.items);
                convert(vm, code, &vals)?
            } else {
                let vals = ops::to_vec(vm, init)?;
                convert(vm, code, &vals)?
            }
        }
    };
    Ok(make(&cls, code, items))
}

fn a_typecode(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let c = code_of(vm, &this(&a))?;
    Ok(Value::str(c.to_string()))
}

fn a_itemsize(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let c = code_of(vm, &this(&a))?;
    Ok(Value::Int(itemsize(c) as i64))
}

fn a_append(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "append", &a[1..], &k, 1, 1)?;
    let code = code_of(vm, &a[0])?;
    let it = convert(vm, code, &a[1..2])?;
    set(vm, &a[0], |d| append_items(&mut d.items, it))?;
    Ok(Value::None)
}

fn a_extend(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "extend", &a[1..], &k, 1, 1)?;
    let code = code_of(vm, &a[0])?;
    let src = &a[1];
    let items = if is_array(src) {
        let o = get(vm, src)?;
        if o.code != code {
            return Err(vm.type_error("can only extend with array of same kind"));
        }
        o.items
    } else {
        let vals = ops::to_vec(vm, src)?;
        convert(vm, code, &vals)?
    };
    set(vm, &a[0], |d| append_items(&mut d.items, items))?;
    Ok(Value::None)
}

fn a_fromlist(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "fromlist", &a[1..], &k, 1, 1)?;
    if !matches!(a[1], Value::List(_)) {
        return Err(vm.type_error("arg must be list"));
    }
    a_extend(vm, a, k)
}

fn norm_index(i: i64, len: usize) -> Option<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    (j >= 0 && j < len as i64).then_some(j as usize)
}

fn a_insert(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "insert", &a[1..], &k, 2, 2)?;
    let i = crate::types::to_index(vm, &a[1])?;
    let code = code_of(vm, &a[0])?;
    let it = convert(vm, code, &a[2..3])?;
    set(vm, &a[0], |d| {
        let len = d.items.len() as i64;
        let j = (if i < 0 { i + len } else { i }).clamp(0, len) as usize;
        match (&mut d.items, it) {
            (Items::Int(v), Items::Int(x)) => v.insert(j, x[0]),
            (Items::Float(v), Items::Float(x)) => v.insert(j, x[0]),
            (Items::Char(v), Items::Char(x)) => v.insert(j, x[0]),
            _ => {}
        }
    })?;
    Ok(Value::None)
}

fn remove_at(items: &mut Items, i: usize) -> Value {
    let v = item_value(items, i);
    match items {
        Items::Int(v) => {
            v.remove(i);
        }
        Items::Float(v) => {
            v.remove(i);
        }
        Items::Char(v) => {
            v.remove(i);
        }
    }
    v
}

fn a_pop(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "pop", &a[1..], &k, 0, 1)?;
    let i = match a.get(1) {
        Some(v) => crate::types::to_index(vm, v)?,
        None => -1,
    };
    let r = with_data(vm, &a[0], "pop", |d: &mut Arr| {
        let len = d.items.len();
        if len == 0 {
            return Err(true);
        }
        match norm_index(i, len) {
            Some(j) => Ok(remove_at(&mut d.items, j)),
            None => Err(false),
        }
    })?;
    match r {
        Ok(v) => Ok(v),
        Err(true) => Err(vm.index_error("pop from empty array")),
        Err(false) => Err(vm.index_error("pop index out of range")),
    }
}

fn find(vm: &mut Vm, me: &Value, x: &Value) -> PyResult<Option<usize>> {
    let arr = get(vm, me)?;
    for (i, v) in values(&arr.items).iter().enumerate() {
        if ops::eq(vm, v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn a_remove(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "remove", &a[1..], &k, 1, 1)?;
    match find(vm, &a[0], &a[1])? {
        Some(i) => {
            set(vm, &a[0], |d| {
                remove_at(&mut d.items, i);
            })?;
            Ok(Value::None)
        }
        None => Err(vm.value_error("array.remove(x): x not in array")),
    }
}

fn a_index(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "index", &a[1..], &k, 1, 3)?;
    let arr = get(vm, &a[0])?;
    let len = arr.items.len() as i64;
    let clamp = |vm: &mut Vm, v: Option<&Value>, d: i64| -> PyResult<i64> {
        let Some(v) = v else { return Ok(d) };
        let i = crate::types::to_index(vm, v)?;
        Ok((if i < 0 { (i + len).max(0) } else { i }).min(len))
    };
    let start = clamp(vm, a.get(2), 0)?;
    let stop = clamp(vm, a.get(3), len)?;
    let vals = values(&arr.items);
    for i in start..stop {
        if ops::eq(vm, &vals[i as usize], &a[1])? {
            return Ok(Value::Int(i));
        }
    }
    Err(vm.value_error("array.index(x): x not in array"))
}

fn a_count(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "count", &a[1..], &k, 1, 1)?;
    let arr = get(vm, &a[0])?;
    let mut n = 0;
    for v in values(&arr.items) {
        if ops::eq(vm, &v, &a[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn a_reverse(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "reverse", &a[1..], &k, 0, 0)?;
    set(vm, &a[0], |d| match &mut d.items {
        Items::Int(v) => v.reverse(),
        Items::Float(v) => v.reverse(),
        Items::Char(v) => v.reverse(),
    })?;
    Ok(Value::None)
}

fn a_byteswap(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let arr = get(vm, &a[0])?;
    let n = itemsize(arr.code);
    let mut b = to_bytes(&arr);
    for c in b.chunks_mut(n) {
        c.reverse();
    }
    let items = from_bytes(vm, arr.code, &b)?;
    set(vm, &a[0], |d| d.items = items)?;
    Ok(Value::None)
}

fn a_buffer_info(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let n = get(vm, &me)?.items.len();
    Ok(Value::tuple(vec![Value::Int(me.id()), Value::Int(n as i64)]))
}

fn a_tolist(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let arr = get(vm, &this(&a))?;
    Ok(Value::list(values(&arr.items)))
}

fn a_tobytes(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let arr = get(vm, &this(&a))?;
    Ok(Value::obj(Object::Bytes(to_bytes(&arr))))
}

fn a_frombytes(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "frombytes", &a[1..], &k, 1, 1)?;
    let code = code_of(vm, &a[0])?;
    let Some(b) = bytes_of(&a[1]) else {
        let n = vm.type_name(&a[1]);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{n}'")));
    };
    let items = from_bytes(vm, code, &b)?;
    set(vm, &a[0], |d| append_items(&mut d.items, items))?;
    Ok(Value::None)
}

fn a_tounicode(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let arr = get(vm, &this(&a))?;
    match arr.items {
        Items::Char(v) => Ok(Value::str(v.into_iter().collect::<String>())),
        _ => Err(vm.value_error("tounicode() may only be called on unicode type arrays")),
    }
}

fn a_fromunicode(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "fromunicode", &a[1..], &k, 1, 1)?;
    let code = code_of(vm, &a[0])?;
    if code != 'u' {
        return Err(vm.value_error("fromunicode() may only be called on unicode type arrays"));
    }
    let Value::Str(st) = &a[1] else {
        let n = vm.type_name(&a[1]);
        return Err(vm.type_error(format!("fromunicode() argument must be str, not {n}")));
    };
    let items = Items::Char(st.as_str().chars().collect());
    set(vm, &a[0], |d| append_items(&mut d.items, items))?;
    Ok(Value::None)
}

fn a_len(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = with_data(vm, &this(&a), "__len__", |d: &mut Arr| d.items.len())?;
    Ok(Value::Int(n as i64))
}

fn slice_of(items: &Items, idx: &[usize]) -> Items {
    match items {
        Items::Int(v) => Items::Int(idx.iter().map(|&i| v[i]).collect()),
        Items::Float(v) => Items::Float(idx.iter().map(|&i| v[i]).collect()),
        Items::Char(v) => Items::Char(idx.iter().map(|&i| v[i]).collect()),
    }
}

fn slice_positions(vm: &mut Vm, k: &Value, len: usize) -> PyResult<Vec<usize>> {
    let (start, _, step, n) = crate::types::slice_indices(vm, k, len as i64)?;
    Ok((0..n).map(|j| (start + j as i64 * step) as usize).collect())
}

fn is_slice(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(&**o, Object::Slice { .. }))
}

fn a_getitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let k = a.get(1).cloned().unwrap_or(Value::None);
    let arr = get(vm, &me)?;
    if is_slice(&k) {
        let pos = slice_positions(vm, &k, arr.items.len())?;
        let cls = same_class(vm, &me);
        return Ok(make(&cls, arr.code, slice_of(&arr.items, &pos)));
    }
    if !crate::num::is_int(&k) && !matches!(k, Value::Inst(_)) {
        return Err(vm.type_error("array indices must be integers"));
    }
    let i = crate::types::to_index(vm, &k)?;
    match norm_index(i, arr.items.len()) {
        Some(j) => Ok(item_value(&arr.items, j)),
        None => Err(vm.index_error("array index out of range")),
    }
}

fn a_setitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let k = a.get(1).cloned().unwrap_or(Value::None);
    let v = a.get(2).cloned().unwrap_or(Value::None);
    let arr = get(vm, &me)?;
    if is_slice(&k) {
        if !is_array(&v) {
            let n = vm.type_name(&v);
            return Err(vm.type_error(format!("can only assign array (not \"{n}\") to array slice")));
        }
        let src = get(vm, &v)?;
        if src.code != arr.code {
            return Err(vm.type_error("bad argument type for built-in operation"));
        }
        let (start, stop, step, n) = crate::types::slice_indices(vm, &k, arr.items.len() as i64)?;
        let mut all = values(&arr.items);
        let newv = values(&src.items);
        if step == 1 {
            let (s0, e0) = (start as usize, (stop.max(start)) as usize);
            all.splice(s0..e0, newv);
        } else {
            if newv.len() != n {
                return Err(vm.value_error(format!(
                    "attempt to assign array of size {} to extended slice of size {n}",
                    newv.len()
                )));
            }
            for (j, x) in newv.into_iter().enumerate() {
                all[(start + j as i64 * step) as usize] = x;
            }
        }
        let items = convert(vm, arr.code, &all)?;
        set(vm, &me, |d| d.items = items)?;
        return Ok(Value::None);
    }
    let i = crate::types::to_index(vm, &k)?;
    let Some(j) = norm_index(i, arr.items.len()) else {
        return Err(vm.index_error("array assignment index out of range"));
    };
    let it = convert(vm, arr.code, &[v])?;
    set(vm, &me, |d| match (&mut d.items, it) {
        (Items::Int(v), Items::Int(x)) => v[j] = x[0],
        (Items::Float(v), Items::Float(x)) => v[j] = x[0],
        (Items::Char(v), Items::Char(x)) => v[j] = x[0],
        _ => {}
    })?;
    Ok(Value::None)
}

fn a_delitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let k = a.get(1).cloned().unwrap_or(Value::None);
    let arr = get(vm, &me)?;
    let len = arr.items.len();
    let del: Vec<usize> = if is_slice(&k) {
        slice_positions(vm, &k, len)?
    } else {
        let i = crate::types::to_index(vm, &k)?;
        match norm_index(i, len) {
            Some(j) => vec![j],
            None => return Err(vm.index_error("array assignment index out of range")),
        }
    };
    let keep: Vec<usize> = (0..len).filter(|i| !del.contains(i)).collect();
    let items = slice_of(&arr.items, &keep);
    set(vm, &me, |d| d.items = items)?;
    Ok(Value::None)
}

/// Iterator state: the array and the next index.
struct ArrIter {
    arr: Value,
    idx: usize,
}

fn a_iter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let it = classes(vm).1;
    Ok(new_instance(&it, ArrIter { arr: this(&a), idx: 0 }))
}

fn it_iter(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(this(&a))
}

fn it_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let (arr, idx) = with_data(vm, &me, "__next__", |it: &mut ArrIter| (it.arr.clone(), it.idx))?;
    let v = with_data(vm, &arr, "__next__", |d: &mut Arr| (idx < d.items.len()).then(|| item_value(&d.items, idx)))?;
    match v {
        Some(v) => {
            with_data(vm, &me, "__next__", |it: &mut ArrIter| it.idx += 1)?;
            Ok(v)
        }
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn a_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let arr = get(vm, &me)?;
    let name = vm.type_of(&me).name();
    if arr.items.len() == 0 {
        return Ok(Value::str(format!("{name}('{}')", arr.code)));
    }
    let body = match &arr.items {
        Items::Char(v) => crate::repr::str_repr(&v.iter().collect::<String>()),
        items => ops::repr(vm, &Value::list(values(items)))?,
    };
    Ok(Value::str(format!("{name}('{}', {body})", arr.code)))
}

fn a_contains(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = a.get(1).cloned().unwrap_or(Value::None);
    Ok(Value::Bool(find(vm, &this(&a), &x)?.is_some()))
}

fn compare(vm: &mut Vm, a: &[Value], op: format::CompareOpKind) -> PyResult<Value> {
    let other = a.get(1).cloned().unwrap_or(Value::None);
    if !is_array(&other) {
        return Ok(Value::NotImplemented);
    }
    let x = values(&get(vm, &this(a))?.items);
    let y = values(&get(vm, &other)?.items);
    use format::CompareOpKind as C;
    if matches!(op, C::Eq | C::Ne) && x.len() != y.len() {
        return Ok(Value::Bool(op == C::Ne));
    }
    Ok(Value::Bool(crate::types::seq_compare(vm, op, &x, &y)?))
}

fn a_eq(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, format::CompareOpKind::Eq)
}
fn a_ne(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, format::CompareOpKind::Ne)
}
fn a_lt(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, format::CompareOpKind::Lt)
}
fn a_le(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, format::CompareOpKind::Le)
}
fn a_gt(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, format::CompareOpKind::Gt)
}
fn a_ge(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    compare(vm, &a, format::CompareOpKind::Ge)
}

fn a_add(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let other = a.get(1).cloned().unwrap_or(Value::None);
    if !is_array(&other) {
        let n = vm.type_name(&other);
        return Err(vm.type_error(format!("can only append array (not \"{n}\") to array")));
    }
    let mut x = get(vm, &me)?;
    let y = get(vm, &other)?;
    if x.code != y.code {
        return Err(vm.type_error("bad argument type for built-in operation"));
    }
    append_items(&mut x.items, y.items);
    let cls = same_class(vm, &me);
    Ok(make(&cls, x.code, x.items))
}

fn a_iadd(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let other = a.get(1).cloned().unwrap_or(Value::None);
    if !is_array(&other) {
        let n = vm.type_name(&other);
        return Err(vm.type_error(format!("can only extend array with array (not \"{n}\")")));
    }
    let x = code_of(vm, &me)?;
    let y = get(vm, &other)?;
    if x != y.code {
        return Err(vm.type_error("can only extend with array of same kind"));
    }
    set(vm, &me, |d| append_items(&mut d.items, y.items))?;
    Ok(me)
}

fn repeated(vm: &mut Vm, arr: &Arr, n: &Value) -> PyResult<Items> {
    let n = crate::types::to_index(vm, n)?.max(0) as usize;
    let len = arr.items.len();
    if len.saturating_mul(n) > 1 << 32 {
        let t = vm.t.memory_error.clone();
        return Err(crate::exceptions::make_exc(&t, Value::tuple(vec![])));
    }
    let idx: Vec<usize> = (0..len * n).map(|i| i % len.max(1)).collect();
    Ok(slice_of(&arr.items, &idx))
}

fn a_mul(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let n = a.get(1).cloned().unwrap_or(Value::None);
    if !crate::num::is_int(&n) && !matches!(n, Value::Inst(_)) {
        return Ok(Value::NotImplemented);
    }
    let arr = get(vm, &me)?;
    let items = repeated(vm, &arr, &n)?;
    let cls = same_class(vm, &me);
    Ok(make(&cls, arr.code, items))
}

fn a_imul(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let n = a.get(1).cloned().unwrap_or(Value::None);
    if !crate::num::is_int(&n) && !matches!(n, Value::Inst(_)) {
        return Ok(Value::NotImplemented);
    }
    let arr = get(vm, &me)?;
    let items = repeated(vm, &arr, &n)?;
    set(vm, &me, |d| d.items = items)?;
    Ok(me)
}

fn a_copy(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let arr = get(vm, &me)?;
    let cls = same_class(vm, &me);
    Ok(make(&cls, arr.code, arr.items))
}

fn a_reduce(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let me = this(&a);
    let arr = get(vm, &me)?;
    let cls = same_class(vm, &me);
    let init = match &arr.items {
        Items::Char(v) => Value::str(v.iter().collect::<String>()),
        items => Value::list(values(items)),
    };
    Ok(Value::tuple(vec![Value::Type(cls), Value::tuple(vec![Value::str(arr.code.to_string()), init])]))
}

/// Builds the `array` module.
pub fn make_module(vm: &mut Vm) -> Value {
    let (cls, _) = classes(vm);
    // As CPython's array module: registered as a collections.abc.MutableSequence.
    if let Ok(abc) = super::load_module(vm, "collections.abc") {
        if let Ok(ms) = crate::attr::getattr(vm, &abc, &s("MutableSequence")) {
            if let Ok(reg) = crate::attr::getattr(vm, &ms, &s("register")) {
                let _ = vm.call(&reg, vec![Value::Type(cls.clone())], Vec::new());
            }
        }
    }
    let (m, d) = super::new_module("array");
    let mut d = d.borrow_mut();
    d.set_str(s("array"), Value::Type(cls.clone()));
    d.set_str(s("ArrayType"), Value::Type(cls));
    d.set_str(s("typecodes"), Value::str("bBuhHiIlLqQfd"));
    m
}
