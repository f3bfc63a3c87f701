//! Allocation-free calls of Python functions from Rust for the operator protocols the dispatch
//! loop cannot run inline (the caller needs the result before it continues): the arguments are
//! pushed straight onto the value stack and the callee's frame is built with the same
//! field-by-field frame push as an inline `CALL`, then a nested dispatch loop runs it (as
//! CPython 3.11 does for `nb_add` & co. of a Python class). No argument `Vec`, no `bind_args`.

use std::rc::Rc;

use format::BinaryOpKind;

use crate::object::{Function, Kind};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Calls the simple Python function `f` (see `interp::simple_call`: exact positional
/// arguments, no `*args`/`**kwargs`, not a generator) with `args` from Rust, through a nested
/// dispatch loop. The caller checks `simple_call(f, args.len())` first.
pub fn call_simple<const N: usize>(vm: &mut Vm, f: &Rc<Function>, args: [Value; N]) -> PyResult<Value> {
    vm.enter_native()?;
    let cs = vm.stack.len();
    for v in args {
        vm.stack.push(v);
    }
    let closure = if f.code.nfree > 0 { f.closure.clone() } else { None };
    if let Err(e) = crate::interp::push_fast_frame(vm, f.code.clone(), f.globals.clone(), closure, cs, cs, N) {
        vm.stack.truncate(cs);
        vm.native_depth -= 1;
        return Err(e);
    }
    if let Some(fr) = vm.frames.last_mut() {
        fr.entry = true;
    }
    let r = crate::interp::run(vm, None);
    vm.native_depth -= 1;
    r
}

/// `a <op> b` (a non-in-place `kind`) when `a` is an instance of a plain Python class (no
/// builtin base, no payload) whose `__op__` is a simple Python function, and `b` is an int, a
/// float or an instance of the same class: exactly the cases where CPython's `binary_op1` calls
/// only `type(a).__op__` (same type: no reflected method; int/float: their `__rop__` never
/// accepts a Python instance), so a `NotImplemented` result means the usual `TypeError`.
/// Returns None when the operands are not such a case (the generic `ops::binary_op` runs).
#[inline(never)]
pub fn user_binop(vm: &mut Vm, kind: BinaryOpKind, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    if kind.is_inplace() {
        return None;
    }
    let Value::Inst(ia) = a else { return None };
    if ia.exc.is_some() || !ia.payload.borrow().is_null() {
        return None;
    }
    let ta = ia.class.borrow().clone();
    if ta.builtin || ta.kind != Kind::Object {
        return None;
    }
    match b {
        Value::Int(_) | Value::Float(_) => {}
        Value::Inst(ib) if ib.exc.is_none() && Rc::ptr_eq(&ib.class.borrow(), &ta) => {}
        _ => return None,
    }
    let name = vm.t.binop.get(kind as usize)?.clone();
    let f = match crate::ops::user_method(&ta, &name) {
        Some(Value::Func(f)) if crate::interp::simple_call(&f, 2) => f,
        _ => return None,
    };
    Some(match call_simple(vm, &f, [a.clone(), b.clone()]) {
        Ok(Value::NotImplemented) => Err(crate::ops::binop_error(vm, kind as u32, a, b, &kind.symbol())),
        r => r,
    })
}
