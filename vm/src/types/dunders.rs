//! Special methods of built-in types reachable as attributes: `(5).__add__(3)`,
//! `int.__add__(5, 3)`, `list.__len__([1])`, `float.__int__(x)` ... Each is a native
//! function instantiated per (type, operation) from const generics; binary operators return
//! `NotImplemented` for operands their type does not handle, as CPython's slots do.

use format::{CompareOpKind, Opcode};

use crate::num;
use crate::object::Object;
use crate::ops;
use crate::types::add_method;
use crate::value::Value;
use crate::vm::{Kw, PyResult, Vm};

/// Type codes used as const parameters.
const INT: u8 = 0;
const BOOL: u8 = 1;
const FLOAT: u8 = 2;
const COMPLEX: u8 = 3;
const STR: u8 = 4;
const BYTES: u8 = 5;
const BYTEARRAY: u8 = 6;
const LIST: u8 = 7;
const TUPLE: u8 = 8;
const SET: u8 = 9;
const FROZENSET: u8 = 10;
const DICT: u8 = 11;
const RANGE: u8 = 12;

const TYPE_NAMES: [&str; 13] = [
    "int",
    "bool",
    "float",
    "complex",
    "str",
    "bytes",
    "bytearray",
    "list",
    "tuple",
    "set",
    "frozenset",
    "dict",
    "range",
];

const BIN_NAMES: [&str; 13] =
    ["add", "and", "floordiv", "lshift", "matmul", "mul", "mod", "or", "pow", "rshift", "sub", "truediv", "xor"];

fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_))
}
fn is_complex(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(&**o, Object::Complex(..)))
}
fn is_bytes_like(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(&**o, Object::Bytes(_) | Object::ByteArray(_)))
}

/// True when `v` (a payload) is an instance of the type code `t`.
fn kind_ok(t: u8, v: &Value) -> bool {
    match t {
        INT => is_int(v),
        BOOL => matches!(v, Value::Bool(_)),
        FLOAT => matches!(v, Value::Float(_)),
        COMPLEX => is_complex(v),
        STR => matches!(v, Value::Str(_)),
        BYTES => matches!(v, Value::Obj(o) if matches!(&**o, Object::Bytes(_))),
        BYTEARRAY => matches!(v, Value::Obj(o) if matches!(&**o, Object::ByteArray(_))),
        LIST => matches!(v, Value::List(_)),
        TUPLE => matches!(v, Value::Tuple(_)),
        SET => matches!(v, Value::Set(s) if !s.frozen),
        FROZENSET => matches!(v, Value::Set(s) if s.frozen),
        DICT => matches!(v, Value::Dict(_)),
        RANGE => matches!(v, Value::Obj(o) if matches!(&**o, Object::Range { .. } | Object::BigRange(_))),
        _ => false,
    }
}

/// True when a binary operator of type `t` handles `other` (else NotImplemented).
fn accepts(t: u8, op: u32, other: &Value) -> bool {
    match t {
        INT => is_int(other),
        BOOL => matches!(other, Value::Bool(_)) || is_int(other),
        FLOAT => is_int(other) || matches!(other, Value::Float(_)),
        COMPLEX => is_int(other) || matches!(other, Value::Float(_)) || is_complex(other),
        STR | BYTES | BYTEARRAY if op == num::MOD => true,
        STR if op == num::ADD => matches!(other, Value::Str(_)),
        BYTES | BYTEARRAY if op == num::ADD => is_bytes_like(other),
        LIST if op == num::ADD => matches!(other, Value::List(_)),
        TUPLE if op == num::ADD => matches!(other, Value::Tuple(_)),
        STR | BYTES | BYTEARRAY | LIST | TUPLE if op == num::MUL => is_int(other) || matches!(other, Value::Inst(_)),
        SET | FROZENSET => matches!(other, Value::Set(_)),
        DICT => matches!(other, Value::Dict(_)),
        _ => false,
    }
}

/// The payload of `args[0]` checked against type code `t`, and the payload of the other operands.
fn self_arg(vm: &mut Vm, t: u8, name: &str, args: &[Value], nother: usize) -> PyResult<Value> {
    let tn = TYPE_NAMES[t as usize];
    let Some(first) = args.first() else {
        return Err(vm.type_error(format!("descriptor '{name}' of '{tn}' object needs an argument")));
    };
    let p = vm.payload(first);
    if !kind_ok(t, &p) && !(t == INT && matches!(p, Value::Bool(_))) {
        let got = vm.type_name(first);
        return Err(vm.type_error(format!("descriptor '{name}' requires a '{tn}' object but received a '{got}'")));
    }
    if args.len() - 1 != nother {
        let s = if nother == 1 { "" } else { "s" };
        return Err(vm.type_error(format!("expected {nother} argument{s}, got {}", args.len() - 1)));
    }
    Ok(p)
}

fn bin_name(op: u32, rev: bool) -> String {
    format!("__{}{}__", if rev { "r" } else { "" }, BIN_NAMES[op as usize])
}

fn bin<const T: u8, const OP: u32, const REV: bool>(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::no_kwargs(vm, &bin_name(OP, REV), &k)?;
    let name = bin_name(OP, REV);
    let n = if OP == num::POW && a.len() == 3 { 2 } else { 1 };
    let s = self_arg(vm, T, &name, &a, n)?;
    let o = vm.payload(&a[1]);
    if OP == num::POW && n == 2 && !a[2].is_none() {
        if !is_int(&o) || T != INT && T != BOOL {
            return Ok(Value::NotImplemented);
        }
        let (x, y) = if REV { (o, s) } else { (s, o) };
        let pow = builtin_fn(vm, "pow");
        return vm.call0(&pow, vec![x, y, a[2].clone()]);
    }
    if !accepts(T, OP, &o) {
        return Ok(Value::NotImplemented);
    }
    if matches!(o, Value::Inst(_)) {
        // `seq * obj_with___index__`
        let i = crate::types::to_index(vm, &o);
        return match i {
            Ok(i) => {
                let (x, y) = if REV { (Value::Int(i), s) } else { (s, Value::Int(i)) };
                Ok(ops::builtin_binop(vm, OP, &x, &y)?.unwrap_or(Value::NotImplemented))
            }
            Err(_) => Ok(Value::NotImplemented),
        };
    }
    let (x, y) = if REV { (o, s) } else { (s, o) };
    Ok(ops::builtin_binop(vm, OP, &x, &y)?.unwrap_or(Value::NotImplemented))
}

fn inplace<const T: u8, const OP: u32>(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let name = format!("__i{}__", BIN_NAMES[OP as usize]);
    self_arg(vm, T, &name, &a, 1)?;
    match crate::types::inplace_builtin(vm, OP, &a[0], &a[1])? {
        Some(r) => Ok(r),
        None => Ok(Value::NotImplemented),
    }
}

fn divmod<const T: u8, const REV: bool>(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let name = if REV { "__rdivmod__" } else { "__divmod__" };
    let s = self_arg(vm, T, name, &a, 1)?;
    let o = vm.payload(&a[1]);
    if !accepts(T, num::FLOORDIV, &o) {
        return Ok(Value::NotImplemented);
    }
    let (x, y) = if REV { (o, s) } else { (s, o) };
    let q = ops::builtin_binop(vm, num::FLOORDIV, &x, &y)?;
    let r = ops::builtin_binop(vm, num::MOD, &x, &y)?;
    match (q, r) {
        (Some(q), Some(r)) => Ok(Value::tuple(vec![q, r])),
        _ => Ok(Value::NotImplemented),
    }
}

const CMP_NAMES: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];

fn cmp_accepts(t: u8, other: &Value) -> bool {
    match t {
        INT | BOOL => is_int(other),
        FLOAT => is_int(other) || matches!(other, Value::Float(_)),
        COMPLEX => is_int(other) || matches!(other, Value::Float(_)) || is_complex(other),
        BYTES | BYTEARRAY => is_bytes_like(other),
        _ => kind_ok(t, other) || (matches!(t, SET | FROZENSET) && matches!(other, Value::Set(_))),
    }
}

fn cmp<const T: u8, const OP: u32>(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = self_arg(vm, T, CMP_NAMES[OP as usize], &a, 1)?;
    let o = vm.payload(&a[1]);
    if !cmp_accepts(T, &o) {
        return Ok(Value::NotImplemented);
    }
    let Some(op) = CompareOpKind::from_arg(OP) else {
        return Ok(Value::NotImplemented);
    };
    match crate::types::builtin_compare(vm, op, &s, &o)? {
        Some(b) => Ok(Value::Bool(b)),
        None => Ok(Value::NotImplemented),
    }
}

/// Unary special methods, by code.
const U_NEG: u8 = 0;
const U_POS: u8 = 1;
const U_INVERT: u8 = 2;
const U_ABS: u8 = 3;
const U_BOOL: u8 = 4;
const U_INT: u8 = 5;
const U_FLOAT: u8 = 6;
const U_INDEX: u8 = 7;
const U_TRUNC: u8 = 8;
const U_FLOOR: u8 = 9;
const U_CEIL: u8 = 10;
const U_HASH: u8 = 11;
const U_REPR: u8 = 12;
const U_STR: u8 = 13;
const U_LEN: u8 = 14;
const U_ITER: u8 = 15;
const U_COMPLEX: u8 = 16;
const U_REVERSED: u8 = 17;
const U_SIZEOF: u8 = 18;
const U_GETNEWARGS: u8 = 19;

const UN_NAMES: [&str; 20] = [
    "__neg__",
    "__pos__",
    "__invert__",
    "__abs__",
    "__bool__",
    "__int__",
    "__float__",
    "__index__",
    "__trunc__",
    "__floor__",
    "__ceil__",
    "__hash__",
    "__repr__",
    "__str__",
    "__len__",
    "__iter__",
    "__complex__",
    "__reversed__",
    "__sizeof__",
    "__getnewargs__",
];

fn un<const T: u8, const U: u8>(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = self_arg(vm, T, UN_NAMES[U as usize], &a, 0)?;
    match U {
        U_NEG => ops::unary(vm, Opcode::UNARY_NEGATIVE, &s),
        U_POS => ops::unary(vm, Opcode::UNARY_POSITIVE, &s),
        U_INVERT => ops::unary(vm, Opcode::UNARY_INVERT, &s),
        U_ABS => {
            let f = builtin_fn(vm, "abs");
            vm.call0(&f, vec![s])
        }
        U_BOOL => Ok(Value::Bool(ops::truthy(vm, &s)?)),
        U_INT | U_INDEX | U_TRUNC | U_FLOOR | U_CEIL => match s {
            Value::Bool(b) => Ok(Value::Int(b as i64)),
            Value::Int(_) | Value::BigInt(_) => Ok(s),
            Value::Float(f) => {
                let g = match U {
                    U_FLOOR => f.floor(),
                    U_CEIL => f.ceil(),
                    _ => f,
                };
                crate::types::construct::float_to_int(vm, g)
            }
            _ => Err(vm.type_error("bad operand")),
        },
        U_FLOAT => Ok(Value::Float(crate::types::construct::to_float(vm, &s)?)),
        U_COMPLEX => match s {
            Value::Obj(_) => Ok(s),
            _ => Ok(Value::obj(Object::Complex(crate::types::construct::to_float(vm, &s)?, 0.0))),
        },
        U_HASH => Ok(Value::Int(ops::hash(vm, &s)?)),
        U_REPR => Ok(Value::str(ops::repr(vm, &s)?)),
        U_STR => Ok(Value::str(ops::to_str(vm, &s)?)),
        U_LEN => Ok(Value::Int(crate::builtins::len(vm, &s)?)),
        U_ITER => ops::iter(vm, &s),
        U_REVERSED => {
            let f = builtin_fn(vm, "reversed");
            vm.call0(&f, vec![s])
        }
        U_SIZEOF => Ok(Value::Int(sizeof_estimate(&s))),
        U_GETNEWARGS => Ok(Value::tuple(vec![s])),
        _ => Ok(Value::NotImplemented),
    }
}

fn getitem<const T: u8>(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = self_arg(vm, T, "__getitem__", &a, 1)?;
    ops::getitem(vm, &s, &a[1])
}
fn setitem<const T: u8>(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = self_arg(vm, T, "__setitem__", &a, 2)?;
    ops::setitem(vm, &s, &a[1], a[2].clone())?;
    Ok(Value::None)
}
fn delitem<const T: u8>(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = self_arg(vm, T, "__delitem__", &a, 1)?;
    ops::delitem(vm, &s, &a[1])?;
    Ok(Value::None)
}
fn contains<const T: u8>(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = self_arg(vm, T, "__contains__", &a, 1)?;
    Ok(Value::Bool(ops::contains(vm, &s, &a[1])?))
}
fn round<const T: u8>(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let tn = TYPE_NAMES[T as usize];
    if a.is_empty() {
        return Err(vm.type_error(format!("descriptor '__round__' of '{tn}' object needs an argument")));
    }
    let n = a.len() - 1;
    if n > 1 {
        return Err(vm.type_error(format!("__round__ expected at most 1 argument, got {n}")));
    }
    let s = self_arg(vm, T, "__round__", &a[..1], 0)?;
    let mut args = vec![s];
    args.extend(a[1..].iter().cloned());
    let f = builtin_fn(vm, "round");
    vm.call0(&f, args)
}
fn fmt<const T: u8>(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = self_arg(vm, T, "__format__", &a, 1)?;
    match &a[1] {
        Value::Str(spec) => Ok(Value::str(ops::format(vm, &s, spec.as_str())?)),
        other => {
            let n = vm.type_name(other);
            Err(vm.type_error(format!("__format__() argument must be str, not {n}")))
        }
    }
}

macro_rules! bins {
    ($t:expr, $code:expr, [$($op:expr),*], $rev:expr) => {{
        $(
            add_method(&$t, leak(bin_name($op, false)), bin::<$code, $op, false>);
            if $rev {
                add_method(&$t, leak(bin_name($op, true)), bin::<$code, $op, true>);
            }
        )*
    }};
}

macro_rules! cmps {
    ($t:expr, $code:expr) => {{
        add_method(&$t, "__lt__", cmp::<$code, 0>);
        add_method(&$t, "__le__", cmp::<$code, 1>);
        add_method(&$t, "__eq__", cmp::<$code, 2>);
        add_method(&$t, "__ne__", cmp::<$code, 3>);
        add_method(&$t, "__gt__", cmp::<$code, 4>);
        add_method(&$t, "__ge__", cmp::<$code, 5>);
    }};
}

macro_rules! uns {
    ($t:expr, $code:expr, [$($u:expr),*]) => {{
        $( add_method(&$t, UN_NAMES[$u as usize], un::<$code, $u>); )*
    }};
}

macro_rules! seq_common {
    ($t:expr, $code:expr) => {{
        add_method(&$t, "__getitem__", getitem::<$code>);
        add_method(&$t, "__contains__", contains::<$code>);
        uns!($t, $code, [U_LEN, U_ITER, U_REPR, U_SIZEOF]);
    }};
}

fn builtin_fn(vm: &mut Vm, name: &str) -> Value {
    vm.builtins.borrow().get_str(&crate::value::PyStr::new(name)).cloned().unwrap_or(Value::None)
}

/// A plausible `__sizeof__` (CPython's 64-bit sizes for small objects).
fn sizeof_estimate(v: &Value) -> i64 {
    match v {
        Value::Int(0) | Value::Bool(false) => 24,
        Value::Int(_) | Value::Bool(true) => 28,
        Value::BigInt(b) => 24 + 4 * ((b.bits() as i64 + 29) / 30),
        Value::Float(_) => 24,
        Value::Str(s) => 49 + s.as_str().len() as i64,
        Value::Tuple(t) => 24 + 8 * t.len() as i64,
        Value::List(l) => 40 + 8 * l.borrow().capacity() as i64,
        _ => 48,
    }
}

/// Method names must be `&'static str`; the set is fixed, so leaking a few is fine.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn it_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let Some(it) = a.first() else {
        return Err(vm.type_error("descriptor '__next__' of 'iterator' object needs an argument"));
    };
    match ops::next(vm, it)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::None)),
    }
}
fn it_iter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match a.first() {
        Some(v) => Ok(v.clone()),
        None => Err(vm.type_error("descriptor '__iter__' of 'iterator' object needs an argument")),
    }
}

/// Installs the special methods on the built-in types.
pub fn init(vm: &mut Vm) {
    let t = vm.t.iterator.clone();
    if t.lookup(&crate::value::PyStr::new("__next__")).is_none() {
        add_method(&t, "__next__", it_next);
    }
    if t.lookup(&crate::value::PyStr::new("__iter__")).is_none() {
        add_method(&t, "__iter__", it_iter);
    }
    use num::*;
    let t = vm.t.int.clone();
    bins!(t, INT, [ADD, SUB, MUL, FLOORDIV, TRUEDIV, MOD, POW, LSHIFT, RSHIFT, AND, OR, XOR], true);
    add_method(&t, "__divmod__", divmod::<INT, false>);
    add_method(&t, "__rdivmod__", divmod::<INT, true>);
    cmps!(t, INT);
    uns!(
        t,
        INT,
        [
            U_NEG,
            U_POS,
            U_INVERT,
            U_ABS,
            U_BOOL,
            U_INT,
            U_FLOAT,
            U_INDEX,
            U_TRUNC,
            U_FLOOR,
            U_CEIL,
            U_HASH,
            U_REPR,
            U_SIZEOF,
            U_GETNEWARGS
        ]
    );
    add_method(&t, "__round__", round::<INT>);
    add_method(&t, "__format__", fmt::<INT>);
    let t = vm.t.bool.clone();
    bins!(t, BOOL, [AND, OR, XOR], true);
    uns!(t, BOOL, [U_REPR]);
    let t = vm.t.float.clone();
    bins!(t, FLOAT, [ADD, SUB, MUL, FLOORDIV, TRUEDIV, MOD, POW], true);
    add_method(&t, "__divmod__", divmod::<FLOAT, false>);
    add_method(&t, "__rdivmod__", divmod::<FLOAT, true>);
    cmps!(t, FLOAT);
    uns!(
        t,
        FLOAT,
        [U_NEG, U_POS, U_ABS, U_BOOL, U_INT, U_FLOAT, U_TRUNC, U_FLOOR, U_CEIL, U_HASH, U_REPR, U_GETNEWARGS]
    );
    add_method(&t, "__round__", round::<FLOAT>);
    add_method(&t, "__format__", fmt::<FLOAT>);
    let t = vm.t.complex.clone();
    bins!(t, COMPLEX, [ADD, SUB, MUL, TRUEDIV, POW], true);
    add_method(&t, "__eq__", cmp::<COMPLEX, 2>);
    add_method(&t, "__ne__", cmp::<COMPLEX, 3>);
    uns!(t, COMPLEX, [U_NEG, U_POS, U_ABS, U_BOOL, U_HASH, U_REPR, U_COMPLEX, U_GETNEWARGS]);
    add_method(&t, "__format__", fmt::<COMPLEX>);
    let t = vm.t.str.clone();
    bins!(t, STR, [ADD, MUL, MOD], false);
    add_method(&t, "__rmul__", bin::<STR, MUL, true>);
    cmps!(t, STR);
    seq_common!(t, STR);
    uns!(t, STR, [U_HASH, U_STR]);
    add_method(&t, "__format__", fmt::<STR>);
    let t = vm.t.bytes.clone();
    bins!(t, BYTES, [ADD, MUL, MOD], false);
    add_method(&t, "__rmul__", bin::<BYTES, MUL, true>);
    cmps!(t, BYTES);
    seq_common!(t, BYTES);
    uns!(t, BYTES, [U_HASH, U_STR, U_GETNEWARGS]);
    let t = vm.t.bytearray.clone();
    bins!(t, BYTEARRAY, [ADD, MUL, MOD], false);
    add_method(&t, "__rmul__", bin::<BYTEARRAY, MUL, true>);
    add_method(&t, "__iadd__", inplace::<BYTEARRAY, ADD>);
    add_method(&t, "__imul__", inplace::<BYTEARRAY, MUL>);
    cmps!(t, BYTEARRAY);
    seq_common!(t, BYTEARRAY);
    add_method(&t, "__setitem__", setitem::<BYTEARRAY>);
    add_method(&t, "__delitem__", delitem::<BYTEARRAY>);
    uns!(t, BYTEARRAY, [U_STR]);
    let t = vm.t.list.clone();
    bins!(t, LIST, [ADD, MUL], false);
    add_method(&t, "__rmul__", bin::<LIST, MUL, true>);
    add_method(&t, "__iadd__", inplace::<LIST, ADD>);
    add_method(&t, "__imul__", inplace::<LIST, MUL>);
    cmps!(t, LIST);
    seq_common!(t, LIST);
    uns!(t, LIST, [U_REVERSED]);
    add_method(&t, "__setitem__", setitem::<LIST>);
    add_method(&t, "__delitem__", delitem::<LIST>);
    let t = vm.t.tuple.clone();
    bins!(t, TUPLE, [ADD, MUL], false);
    add_method(&t, "__rmul__", bin::<TUPLE, MUL, true>);
    cmps!(t, TUPLE);
    seq_common!(t, TUPLE);
    uns!(t, TUPLE, [U_HASH, U_GETNEWARGS]);
    for (t, code) in [(vm.t.set.clone(), SET), (vm.t.frozenset.clone(), FROZENSET)] {
        if code == SET {
            bins!(t, SET, [AND, OR, SUB, XOR], true);
            cmps!(t, SET);
            add_method(&t, "__contains__", contains::<SET>);
            uns!(t, SET, [U_LEN, U_ITER, U_REPR, U_SIZEOF]);
            add_method(&t, "__iand__", inplace::<SET, AND>);
            add_method(&t, "__ior__", inplace::<SET, OR>);
            add_method(&t, "__isub__", inplace::<SET, SUB>);
            add_method(&t, "__ixor__", inplace::<SET, XOR>);
        } else {
            bins!(t, FROZENSET, [AND, OR, SUB, XOR], true);
            cmps!(t, FROZENSET);
            add_method(&t, "__contains__", contains::<FROZENSET>);
            uns!(t, FROZENSET, [U_LEN, U_ITER, U_REPR, U_HASH, U_SIZEOF]);
        }
    }
    let t = vm.t.dict.clone();
    bins!(t, DICT, [OR], true);
    add_method(&t, "__ior__", inplace::<DICT, OR>);
    add_method(&t, "__eq__", cmp::<DICT, 2>);
    add_method(&t, "__ne__", cmp::<DICT, 3>);
    add_method(&t, "__getitem__", getitem::<DICT>);
    add_method(&t, "__setitem__", setitem::<DICT>);
    add_method(&t, "__delitem__", delitem::<DICT>);
    add_method(&t, "__contains__", contains::<DICT>);
    uns!(t, DICT, [U_LEN, U_ITER, U_REPR, U_REVERSED, U_SIZEOF]);
    let t = vm.t.range.clone();
    add_method(&t, "__eq__", cmp::<RANGE, 2>);
    add_method(&t, "__ne__", cmp::<RANGE, 3>);
    seq_common!(t, RANGE);
    uns!(t, RANGE, [U_HASH, U_BOOL, U_REVERSED]);
    // collections.abc looks in the class dicts: dict views are unhashable and reversible,
    // built-in functions and methods are callable.
    for t in [vm.t.dict_keys.clone(), vm.t.dict_values.clone(), vm.t.dict_items.clone()] {
        if !std::rc::Rc::ptr_eq(&t, &vm.t.dict_values) {
            t.dict.borrow_mut().set_str(crate::value::s("__hash__"), Value::None);
        }
        add_method(&t, "__reversed__", view_reversed);
        if t.dict.borrow().get_str(&crate::value::PyStr::new("__iter__")).is_none() {
            add_method(&t, "__iter__", view_iter);
        }
    }
    add_method(&vm.t.iterator.clone(), "__length_hint__", it_length_hint);
    add_method(&vm.t.builtin_function.clone(), "__call__", call_self);
    add_method(&vm.t.method.clone(), "__call__", call_self);
}

fn view_reversed(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = builtin_fn(vm, "reversed");
    vm.call0(&f, a.into_iter().take(1).collect())
}

/// `iterator.__length_hint__()`: the items left, for the iterators that know it.
fn it_length_hint(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    use crate::object::IterKind;
    let Some(Value::Obj(o)) = a.first() else { return Ok(Value::NotImplemented) };
    let Object::Iter(k) = &**o else { return Ok(Value::NotImplemented) };
    let n: i64 = match &*k.borrow() {
        IterKind::Seq { seq, idx } => {
            let len = match seq {
                Value::List(l) => l.borrow().len(),
                Value::Tuple(t) => t.len(),
                _ => return Ok(Value::NotImplemented),
            };
            len.saturating_sub(*idx) as i64
        }
        IterKind::Range { cur, stop, step } => {
            if *step > 0 && cur < stop {
                (stop - cur + step - 1) / step
            } else if *step < 0 && cur > stop {
                (cur - stop - step - 1) / -step
            } else {
                0
            }
        }
        IterKind::Str { s, byte } => s.as_str()[(*byte).min(s.as_str().len())..].chars().count() as i64,
        IterKind::DictKeys { idx, len, .. }
        | IterKind::DictValues { idx, len, .. }
        | IterKind::DictItems { idx, len, .. } => len.saturating_sub(*idx) as i64,
        IterKind::Vec { items, idx } => items.len().saturating_sub(*idx) as i64,
        IterKind::Done => 0,
        _ => return Ok(Value::NotImplemented),
    };
    let _ = vm;
    Ok(Value::Int(n))
}

fn view_iter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    ops::iter(vm, a.first().unwrap_or(&Value::None))
}

fn call_self(vm: &mut Vm, mut a: Vec<Value>, k: Kw) -> PyResult<Value> {
    if a.is_empty() {
        return Err(vm.type_error("descriptor '__call__' needs an argument"));
    }
    let f = a.remove(0);
    vm.call(&f, a, k)
}
