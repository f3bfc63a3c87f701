//! Async generators: `__aiter__`, `__anext__`, `asend`, `athrow`, `aclose`, and the awaitable
//! objects they return (which drive the generator one step, turning its wrapped `yield`s into
//! `StopIteration(value)` and its end into `StopAsyncIteration`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::object::{Object, Type};
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

/// State of one `asend`/`athrow`/`aclose` awaitable.
pub struct AgenOp {
    /// The async generator object.
    pub gen: Rc<Object>,
    /// 0 asend (and `__anext__`), 1 athrow, 2 aclose.
    pub mode: u8,
    /// The value to send or the exception to throw first.
    pub arg: Value,
    /// 0 not started, 1 started, 2 finished.
    pub state: u8,
    /// `anext(it, default)`: returned instead of raising StopAsyncIteration.
    pub default: Option<Value>,
}

thread_local! {
    static OP_TYPE: RefCell<Option<Rc<Type>>> = const { RefCell::new(None) };
}

/// The class of the awaitables (`async_generator_asend`).
pub fn op_type(vm: &Vm) -> Rc<Type> {
    OP_TYPE.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(t) = &*m {
            return t.clone();
        }
        let t = crate::types_registry::new_type(
            "async_generator_asend",
            Some(&vm.t.object),
            crate::object::Kind::Other,
            true,
        );
        {
            let mut d = t.dict.borrow_mut();
            d.set_str(s("send"), native("send", op_send_native));
            d.set_str(s("__next__"), native("__next__", op_next_native));
            d.set_str(s("throw"), native("throw", op_throw_native));
            d.set_str(s("close"), native("close", op_close_native));
            d.set_str(s("__await__"), native("__await__", self_native));
            d.set_str(s("__iter__"), native("__iter__", self_native));
        }
        *m = Some(t.clone());
        t
    })
}

/// ASYNC_GEN_WRAP: marks a value yielded by `yield` (not by `await`) in an async generator.
pub fn wrap(v: Value) -> Value {
    Value::obj(Object::AgenWrapped(v))
}

fn unwrap(v: &Value) -> Option<Value> {
    match v {
        Value::Obj(o) => match &**o {
            Object::AgenWrapped(x) => Some(x.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// One step of an awaitable: `sent` is the value sent in, `throw` an exception to raise inside.
pub fn op_step(vm: &mut Vm, op: &RefCell<AgenOp>, sent: Value, throw: Option<Value>) -> PyResult<Value> {
    let (gen, mode, arg, state, default) = {
        let o = op.borrow();
        (o.gen.clone(), o.mode, o.arg.clone(), o.state, o.default.clone())
    };
    if mode == 3 {
        // Awaiting another awaitable on behalf of anext(it, default).
        let r = crate::generator::resume(vm, &gen, sent, throw);
        return match r {
            Ok((true, y)) => Ok(y),
            Ok((false, v)) => {
                op.borrow_mut().state = 2;
                Err(vm.stop_iteration(v))
            }
            Err(e) => {
                op.borrow_mut().state = 2;
                let sai = vm.t.stop_async_iteration.clone();
                match default {
                    Some(d) if vm.exc_matches(&e, &sai) => Err(vm.stop_iteration(d)),
                    _ => Err(e),
                }
            }
        };
    }
    if state == 2 {
        return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()"));
    }
    op.borrow_mut().state = 1;
    let (send, thr) = if state == 0 {
        match mode {
            0 => (if sent.is_none() { arg } else { sent }, throw),
            _ => (Value::None, Some(throw.unwrap_or(arg))),
        }
    } else {
        (sent, throw)
    };
    let r = crate::generator::resume(vm, &gen, send, thr);
    let ge = vm.t.generator_exit.clone();
    match r {
        Ok((true, y)) => match unwrap(&y) {
            Some(v) => {
                op.borrow_mut().state = 2;
                if mode == 2 {
                    return Err(vm.runtime_error("async generator ignored GeneratorExit"));
                }
                Err(vm.stop_iteration(v))
            }
            None => Ok(y),
        },
        Ok((false, _)) => {
            op.borrow_mut().state = 2;
            if mode == 2 {
                return Err(vm.stop_iteration(Value::None));
            }
            if let Some(d) = default {
                return Err(vm.stop_iteration(d));
            }
            let t = vm.t.stop_async_iteration.clone();
            Err(crate::exceptions::make_exc(&t, Value::tuple(vec![])))
        }
        Err(e) => {
            op.borrow_mut().state = 2;
            let sai = vm.t.stop_async_iteration.clone();
            if mode == 2 && (vm.exc_matches(&e, &ge) || vm.exc_matches(&e, &sai)) {
                return Err(vm.stop_iteration(Value::None));
            }
            if let (Some(d), true) = (default, vm.exc_matches(&e, &sai)) {
                return Err(vm.stop_iteration(d));
            }
            Err(e)
        }
    }
}

fn this_op(vm: &mut Vm, a: &[Value]) -> PyResult<Rc<Object>> {
    match a.first() {
        Some(Value::Obj(o)) if matches!(&**o, Object::AgenOp(_)) => Ok(o.clone()),
        _ => Err(vm.type_error("descriptor requires an async generator awaitable")),
    }
}

fn op_send_native(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = this_op(vm, &a)?;
    let Object::AgenOp(op) = &*o else { return Ok(Value::None) };
    op_step(vm, op, a.get(1).cloned().unwrap_or(Value::None), None)
}

fn op_next_native(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = this_op(vm, &a)?;
    let Object::AgenOp(op) = &*o else { return Ok(Value::None) };
    op_step(vm, op, Value::None, None)
}

fn op_throw_native(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = this_op(vm, &a)?;
    let Object::AgenOp(op) = &*o else { return Ok(Value::None) };
    let e = make_throw(vm, &a[1..])?;
    op_step(vm, op, Value::None, Some(e))
}

fn op_close_native(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let o = this_op(vm, &a)?;
    if let Object::AgenOp(op) = &*o {
        op.borrow_mut().state = 2;
    }
    Ok(Value::None)
}

fn self_native(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(a.first().cloned().unwrap_or(Value::None))
}

fn make_throw(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    let mut e = a.first().cloned().unwrap_or(Value::None);
    if let (Value::Type(t), Some(val)) = (&e, a.get(1)) {
        // As generator.throw: an instance of the type is thrown as is.
        if vm.type_of(val).is_subtype(t) {
            e = val.clone();
        } else if let Value::Tuple(items) = val {
            e = vm.call0(&e, (**items).clone())?;
        } else if !val.is_none() {
            e = vm.call0(&e, vec![val.clone()])?;
        }
    }
    crate::exceptions::to_exception(vm, e)
}

fn this_agen(vm: &mut Vm, a: &[Value]) -> PyResult<Rc<Object>> {
    match a.first() {
        Some(Value::Obj(o)) if matches!(&**o, Object::Generator(g) if g.kind == 2) => Ok(o.clone()),
        _ => Err(vm.type_error("descriptor requires an 'async_generator' object")),
    }
}

fn new_op(gen: Rc<Object>, mode: u8, arg: Value) -> Value {
    Value::obj(Object::AgenOp(RefCell::new(AgenOp { gen, mode, arg, state: 0, default: None })))
}

/// `anext(it[, default])`.
pub fn anext(vm: &mut Vm, a: Vec<Value>) -> PyResult<Value> {
    let Some(it) = a.first().cloned() else {
        return Err(vm.type_error("anext expected at least 1 argument, got 0"));
    };
    if a.len() > 2 {
        return Err(vm.type_error(format!("anext expected at most 2 arguments, got {}", a.len())));
    }
    let default = a.get(1).cloned();
    if let Value::Obj(o) = &it {
        if matches!(&**o, Object::Generator(g) if g.kind == 2) {
            return Ok(Value::obj(Object::AgenOp(RefCell::new(AgenOp {
                gen: o.clone(),
                mode: 0,
                arg: Value::None,
                state: 0,
                default,
            }))));
        }
    }
    let n = vm.t.s_anext.clone();
    let Some(aw) = vm.call_method(&it, &n, vec![])? else {
        let tn = vm.type_name(&it);
        return Err(vm.type_error(format!("'{tn}' object is not an async iterator")));
    };
    let Some(d) = default else { return Ok(aw) };
    let inner = crate::generator::get_awaitable(vm, &aw)?;
    match &inner {
        Value::Obj(o) if matches!(&**o, Object::Generator(_)) => Ok(Value::obj(Object::AgenOp(RefCell::new(AgenOp {
            gen: o.clone(),
            mode: 3,
            arg: Value::None,
            state: 0,
            default: Some(d),
        })))),
        _ => Ok(aw),
    }
}

fn agen_anext(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let g = this_agen(vm, &a)?;
    Ok(new_op(g, 0, Value::None))
}

fn agen_asend(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let g = this_agen(vm, &a)?;
    Ok(new_op(g, 0, a.get(1).cloned().unwrap_or(Value::None)))
}

fn agen_athrow(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let g = this_agen(vm, &a)?;
    let e = make_throw(vm, &a[1..])?;
    Ok(new_op(g, 1, e))
}

fn agen_aclose(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let g = this_agen(vm, &a)?;
    let ge = vm.t.generator_exit.clone();
    let e = crate::exceptions::make_exc(&ge, Value::tuple(vec![]));
    Ok(new_op(g, 2, e))
}

/// Installs the async generator protocol on `async_generator`.
pub fn init(vm: &mut Vm) {
    let t = vm.t.async_generator.clone();
    let mut d = t.dict.borrow_mut();
    for n in ["send", "throw", "close", "__next__", "__iter__"] {
        d.del_str(&crate::value::PyStr::new(n));
    }
    d.set_str(s("__aiter__"), native("__aiter__", self_native));
    d.set_str(s("__anext__"), native("__anext__", agen_anext));
    d.set_str(s("asend"), native("asend", agen_asend));
    d.set_str(s("athrow"), native("athrow", agen_athrow));
    d.set_str(s("aclose"), native("aclose", agen_aclose));
}
