//! Generators and coroutines: creation from a flagged code object, resumption (send / throw /
//! close) by re-entering the dispatch loop with the saved frame, `yield from` via SEND.

use std::cell::RefCell;
use std::rc::Rc;

use format::code::flags as cf;
use format::Opcode;

use crate::object::{Function, GenState, Generator, Object};
use crate::value::Value;
use crate::vm::{native, Frame, Kw, PyResult, Vm};

/// Calling a generator function: binds the arguments and returns the generator object.
pub fn make_generator(vm: &mut Vm, func: &Rc<Function>, args: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let base = vm.stack.len();
    crate::interp::push_frame(vm, func, args, kw, base, true)?;
    let _ = vm.frames.pop();
    let values: Vec<Value> = vm.stack.drain(base..).collect();
    let flags = func.code.flags;
    let kind = if flags & cf::COROUTINE != 0 {
        1
    } else if flags & cf::ASYNC_GENERATOR != 0 {
        2
    } else {
        0
    };
    Ok(Value::obj(Object::Generator(Generator {
        state: RefCell::new(GenState {
            code: func.code.clone(),
            globals: func.globals.clone(),
            func: Some(func.clone()),
            values,
            pc: 0,
            started: false,
            finished: false,
            running: false,
            exc: Value::None,
            exc_depth: 0,
        }),
        name: func.name.borrow().clone(),
        qualname: func.qualname.borrow().clone(),
        kind,
    })))
}

fn gen_of(o: &Rc<Object>) -> Option<&Generator> {
    match &**o {
        Object::Generator(g) => Some(g),
        _ => None,
    }
}

/// Resumes a generator: Ok((true, v)) when it yields v, Ok((false, v)) when it returns v.
pub fn resume(vm: &mut Vm, go: &Rc<Object>, sent: Value, throw: Option<Value>) -> PyResult<(bool, Value)> {
    let Some(g) = gen_of(go) else {
        return Err(vm.type_error("not a generator"));
    };
    let what = if g.kind == 1 { "coroutine" } else { "generator" };
    let (code, globals, values, pc, started) = {
        let mut st = g.state.borrow_mut();
        if st.running {
            drop(st);
            return Err(vm.value_error(format!("{what} already executing")));
        }
        if st.finished {
            drop(st);
            if let Some(e) = throw {
                return Err(e);
            }
            if g.kind == 1 {
                return Err(vm.runtime_error("cannot reuse already awaited coroutine"));
            }
            return Ok((false, Value::None));
        }
        if !st.started && !sent.is_none() && throw.is_none() {
            drop(st);
            return Err(vm.type_error(format!("can't send non-None value to a just-started {what}")));
        }
        // Delegate a throw to the sub-iterator of a suspended `yield from`.
        (st.code.clone(), st.globals.clone(), std::mem::take(&mut st.values), st.pc, st.started)
    };
    let mut throw = throw;
    let mut values = values;
    let mut pc = pc;
    if let Some(e) = &throw {
        if started
            && pc >= 2
            && code.co.code.get((pc - 1) * 2) == Some(&(Opcode::YIELD_VALUE as u8))
            && code.co.code.get((pc - 2) * 2) == Some(&(Opcode::SEND as u8))
        {
            if let Some(Value::Obj(sub)) = values.last().cloned() {
                if gen_of(&sub).is_some() {
                    match resume(vm, &sub, Value::None, Some(e.clone())) {
                        Ok((true, y)) => {
                            g.state.borrow_mut().values = values;
                            return Ok((true, y));
                        }
                        Ok((false, r)) => {
                            // Sub-generator finished: continue after the SEND loop with r.
                            values.pop();
                            values.push(r);
                            let arg = send_target(&code.co.code, pc - 2);
                            pc = arg;
                            let mut st = g.state.borrow_mut();
                            st.values = values;
                            st.pc = pc;
                            drop(st);
                            return resume_frame(vm, go, g, code, globals, pc, None, None);
                        }
                        Err(e2) => {
                            throw = Some(e2);
                        }
                    }
                }
            }
        }
    }
    g.state.borrow_mut().values = values;
    let push = if started && throw.is_none() { Some(sent) } else { None };
    resume_frame(vm, go, g, code, globals, pc, push, throw)
}

fn send_target(code: &[u8], unit: usize) -> usize {
    let mut arg = code.get(unit * 2 + 1).copied().unwrap_or(0) as usize;
    let mut shift = 8;
    let mut u = unit;
    while u > 0 && code.get((u - 1) * 2) == Some(&(Opcode::EXTENDED_ARG as u8)) {
        u -= 1;
        arg |= (code[u * 2 + 1] as usize) << shift;
        shift += 8;
    }
    arg
}

#[allow(clippy::too_many_arguments)]
/// The frame record of generator `go` resuming at `pc` with its values from stack index `base`;
/// `entry` marks a frame entered by a native call (`resume_frame`) rather than inline.
#[inline(always)]
fn gen_frame(
    code: Rc<crate::object::Code>,
    globals: crate::value::DictRef,
    pc: usize,
    base: usize,
    go: &Rc<Object>,
    entry: bool,
) -> Frame {
    let stack_base = base + code.nlocals + code.ncells + code.nfree;
    Frame {
        code,
        globals,
        locals: None,
        pc,
        base,
        stack_base,
        call_start: base,
        entry,
        gen: Some(go.clone()),
        kwnames: None,
        init_self: None,
        lasti: pc.saturating_sub(1),
    }
}

fn resume_frame(
    vm: &mut Vm,
    go: &Rc<Object>,
    g: &Generator,
    code: Rc<crate::object::Code>,
    globals: crate::value::DictRef,
    pc: usize,
    push: Option<Value>,
    throw: Option<Value>,
) -> PyResult<(bool, Value)> {
    let what = if g.kind == 1 { "coroutine" } else { "generator" };
    vm.enter_native()?;
    let base = vm.stack.len();
    {
        let mut st = g.state.borrow_mut();
        // Moved with one memcpy (`append`); the saved-values Vec keeps its capacity for the
        // next yield.
        vm.stack.append(&mut st.values);
        st.started = true;
        st.running = true;
    }
    if let Some(v) = push {
        vm.stack.push(v);
    }
    let saved = vm.handled_exc.clone();
    let saved_depth = vm.handler_depth;
    let (own, own_depth) = {
        let mut st = g.state.borrow_mut();
        (std::mem::replace(&mut st.exc, Value::None), std::mem::replace(&mut st.exc_depth, 0))
    };
    if own_depth > 0 {
        vm.handled_exc = own;
    }
    vm.handler_depth = own_depth;
    vm.frames.push(gen_frame(code, globals, pc, base, go, true));
    vm.yielded = false;
    let r = crate::interp::run(vm, throw);
    vm.native_depth -= 1;
    let inner = std::mem::replace(&mut vm.handled_exc, saved);
    let depth = std::mem::replace(&mut vm.handler_depth, saved_depth);
    if vm.yielded && depth > 0 {
        let mut st = g.state.borrow_mut();
        st.exc = inner;
        st.exc_depth = depth;
    }
    let yielded = std::mem::replace(&mut vm.yielded, false);
    let mut st = g.state.borrow_mut();
    st.running = false;
    match r {
        Ok(v) if yielded => Ok((true, v)),
        Ok(v) => {
            st.finished = true;
            st.values.clear();
            Ok((false, v))
        }
        Err(e) => {
            st.finished = true;
            st.values.clear();
            drop(st);
            let si = vm.t.stop_iteration.clone();
            if vm.exc_matches(&e, &si) {
                return Err(stop_iteration_error(vm, e, what));
            }
            Err(e)
        }
    }
}

/// `FOR_ITER` on a plain generator, resumed inside the running dispatch loop (CPython 3.11's
/// generator frame pushed on the frame stack): moves the saved locals/stack onto the VM stack,
/// pushes the `None` sent by `next()` if it had started, and pushes the generator's frame as a
/// non-entry frame above the caller (whose `pc`/`lasti` the caller saved first). While it runs,
/// the generator's state keeps the caller's exception state (`exc`, `exc_depth`); YIELD_VALUE
/// (`yield_inline`) and the frame's end (`finish_inline`) put it back. Returns false (nothing
/// done) when the generic path must run instead: not a plain generator, already running or
/// finished (the generic path raises / stops), or the frame stack at the recursion limit.
/// `Some(true)`: the generator had started, so the caller must push the `None` that `next()`
/// sends (the value of the suspended `yield` expression) before running the frame.
pub fn enter_inline(vm: &mut Vm, go: &Rc<Object>) -> Option<bool> {
    let g = gen_of(go)?;
    if g.kind != 0 || vm.frames.len() + 1 >= vm.recursion_limit {
        return None;
    }
    let Ok(mut st) = g.state.try_borrow_mut() else { return None };
    if st.running || st.finished {
        return None;
    }
    let base = vm.stack.len();
    vm.stack.append(&mut st.values);
    let started = st.started;
    st.started = true;
    st.running = true;
    let own = std::mem::replace(&mut st.exc, Value::None);
    let own_depth = st.exc_depth;
    st.exc = if own_depth > 0 { std::mem::replace(&mut vm.handled_exc, own) } else { vm.handled_exc.clone() };
    st.exc_depth = std::mem::replace(&mut vm.handler_depth, own_depth);
    let (code, globals, pc) = (st.code.clone(), st.globals.clone(), st.pc);
    drop(st);
    let frame = gen_frame(code, globals, pc, base, go, false);
    vm.frames.reserve(1);
    // SAFETY: after `reserve(1)`, `len < capacity`: the slot at `len` is allocated and
    // uninitialized; writing it and bumping the length keeps the Vec invariant. (An inline
    // write instead of `push`, whose out-of-line `push_mut` was ~4% of `closures_gen`.)
    unsafe {
        let n = vm.frames.len();
        std::ptr::write(vm.frames.as_mut_ptr().add(n), frame);
        vm.frames.set_len(n + 1);
    }
    Some(started)
}

/// YIELD_VALUE in a generator frame pushed by `enter_inline` (the top frame): saves its
/// locals/stack and `pc` (the unit after the yield) in the generator, restores the caller's
/// exception state (keeping the generator's own if it suspends inside an `except`) and pops the
/// frame; the caller then pushes the yielded value for its `FOR_ITER`.
pub fn yield_inline(vm: &mut Vm, pc: usize) {
    let Some(f) = vm.frames.pop() else { return };
    if let Some(Object::Generator(gen)) = f.gen.as_deref() {
        let mut st = gen.state.borrow_mut();
        st.values.clear();
        move_tail(&mut vm.stack, f.base, &mut st.values);
        st.pc = pc;
        st.running = false;
        let caller_exc = std::mem::replace(&mut st.exc, Value::None);
        let caller_depth = std::mem::replace(&mut st.exc_depth, 0);
        let inner = std::mem::replace(&mut vm.handled_exc, caller_exc);
        let depth = std::mem::replace(&mut vm.handler_depth, caller_depth);
        if depth > 0 {
            st.exc = inner;
            st.exc_depth = depth;
        }
    }
    vm.stack.truncate(f.call_start);
}

/// The end of a generator frame pushed by `enter_inline` (already popped, its stack
/// truncated): marks the generator finished and restores the caller's exception state. `err`
/// is the exception leaving the frame (None for a return); a `StopIteration` becomes
/// `RuntimeError: generator raised StopIteration` (PEP 479), as in `resume`.
pub fn finish_inline(vm: &mut Vm, f: &Frame, err: Option<Value>) -> Option<Value> {
    if let Some(Object::Generator(gen)) = f.gen.as_deref() {
        let old = {
            let mut st = gen.state.borrow_mut();
            st.running = false;
            st.finished = true;
            vm.handled_exc = std::mem::replace(&mut st.exc, Value::None);
            vm.handler_depth = std::mem::replace(&mut st.exc_depth, 0);
            std::mem::take(&mut st.values)
        };
        drop(old);
    }
    let e = err?;
    let si = vm.t.stop_iteration.clone();
    if vm.exc_matches(&e, &si) {
        return Some(stop_iteration_error(vm, e, "generator"));
    }
    Some(e)
}

/// `RuntimeError: {what} raised StopIteration` with `e` as its cause.
fn stop_iteration_error(vm: &mut Vm, e: Value, what: &str) -> Value {
    let re = vm.runtime_error(format!("{what} raised StopIteration"));
    if let Value::Inst(i) = &re {
        if let Some(d) = &i.exc {
            let mut d = d.borrow_mut();
            d.cause = e.clone();
            d.context = e;
            d.suppress_context = true;
        }
    }
    re
}

/// Moves `src[from..]` to the end of `dst` (one `memcpy`, no per-element iterator: the
/// `extend(drain(..))` it replaces was 16% of `closures_gen`). `from` past the end moves nothing.
pub fn move_tail(src: &mut Vec<Value>, from: usize, dst: &mut Vec<Value>) {
    let from = from.min(src.len());
    let n = src.len() - from;
    dst.reserve(n);
    // SAFETY: `from <= src.len()`, so `src[from..from + n]` are initialized values; `dst` has
    // room for `n` more after `reserve`. The values are moved bitwise: `src`'s length is cut to
    // `from` first, so each value is owned by exactly one Vec afterwards (nothing in between can
    // panic).
    unsafe {
        let d = dst.len();
        std::ptr::copy_nonoverlapping(src.as_ptr().add(from), dst.as_mut_ptr().add(d), n);
        src.set_len(from);
        dst.set_len(d + n);
    }
}

/// SEND: (true, yielded) or (false, return value).
pub fn send_to(vm: &mut Vm, recv: &Value, v: Value) -> PyResult<(bool, Value)> {
    if let Value::Obj(o) = recv {
        if gen_of(o).is_some() {
            return resume(vm, o, v, None);
        }
        if let Object::AgenOp(op) = &**o {
            return match crate::agen::op_step(vm, op, v, None) {
                Ok(y) => Ok((true, y)),
                Err(e) => {
                    let si = vm.t.stop_iteration.clone();
                    if vm.exc_matches(&e, &si) {
                        Ok((false, crate::exceptions::exc_args(&e).first().cloned().unwrap_or(Value::None)))
                    } else {
                        Err(e)
                    }
                }
            };
        }
    }
    if v.is_none() {
        return match next_with_value(vm, recv)? {
            Ok(x) => Ok((true, x)),
            Err(r) => Ok((false, r)),
        };
    }
    let sendm = vm.t.s_send.clone();
    match crate::attr::getattr(vm, recv, &sendm) {
        Ok(m) => match vm.call0(&m, vec![v]) {
            Ok(x) => Ok((true, x)),
            Err(e) => {
                let si = vm.t.stop_iteration.clone();
                if vm.exc_matches(&e, &si) {
                    let val = crate::exceptions::exc_args(&e).first().cloned().unwrap_or(Value::None);
                    Ok((false, val))
                } else {
                    Err(e)
                }
            }
        },
        Err(e) => Err(e),
    }
}

/// next() keeping the StopIteration value: Ok(Ok(item)) or Ok(Err(return value)).
pub fn next_with_value(vm: &mut Vm, it: &Value) -> PyResult<Result<Value, Value>> {
    if let Value::Inst(_) = it {
        let nm = vm.t.s_next.clone();
        return match vm.call_method(it, &nm, vec![]) {
            Ok(Some(x)) => Ok(Ok(x)),
            Ok(None) => {
                let n = vm.type_name(it);
                Err(vm.type_error(format!("'{n}' object is not an iterator")))
            }
            Err(e) => {
                let si = vm.t.stop_iteration.clone();
                if vm.exc_matches(&e, &si) {
                    Ok(Err(crate::exceptions::exc_args(&e).first().cloned().unwrap_or(Value::None)))
                } else {
                    Err(e)
                }
            }
        };
    }
    match crate::ops::next(vm, it)? {
        Some(x) => Ok(Ok(x)),
        None => Ok(Err(Value::None)),
    }
}

/// GET_AWAITABLE.
pub fn get_awaitable(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Value::Obj(o) = v {
        if let Some(g) = gen_of(o) {
            if g.kind == 1 || g.state.borrow().code.flags & cf::ITERABLE_COROUTINE != 0 {
                return Ok(v.clone());
            }
        }
    }
    let aw = vm.t.s_await.clone();
    let ty = vm.type_of(v);
    if let Some(f) = ty.lookup(&aw) {
        let r = vm.call_descr(&f, v, vec![v.clone()])?;
        return Ok(r);
    }
    let n = ty.name();
    Err(vm.type_error(format!("object {n} can't be used in 'await' expression")))
}

fn this_gen(vm: &mut Vm, args: &[Value]) -> PyResult<Rc<Object>> {
    match args.first() {
        Some(Value::Obj(o)) if gen_of(o).is_some() => Ok(o.clone()),
        _ => Err(vm.type_error("descriptor requires a generator")),
    }
}

fn gen_send(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let g = this_gen(vm, &args)?;
    let v = args.get(1).cloned().unwrap_or(Value::None);
    match resume(vm, &g, v, None)? {
        (true, y) => Ok(y),
        (false, r) => Err(vm.stop_iteration(r)),
    }
}

fn gen_next(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let g = this_gen(vm, &args)?;
    match resume(vm, &g, Value::None, None)? {
        (true, y) => Ok(y),
        (false, r) => Err(vm.stop_iteration(r)),
    }
}

fn gen_throw(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let g = this_gen(vm, &args)?;
    let mut e = args.get(1).cloned().unwrap_or(Value::None);
    if let (Value::Type(t), Some(val)) = (&e, args.get(2)) {
        // throw(type, value[, tb]): a value that is an instance of the type is thrown as is;
        // otherwise the type is called with it (a tuple gives the arguments).
        if vm.type_of(val).is_subtype(t) {
            e = val.clone();
        } else if let Value::Tuple(items) = val {
            e = vm.call0(&e, (**items).clone())?;
        } else if !val.is_none() {
            e = vm.call0(&e, vec![val.clone()])?;
        }
    }
    let e = crate::exceptions::to_exception(vm, e)?;
    if let Some(tb) = args.get(3) {
        if !tb.is_none() {
            crate::exceptions::set_traceback_attr(vm, &e, tb)?;
        }
    }
    match resume(vm, &g, Value::None, Some(e))? {
        (true, y) => Ok(y),
        (false, r) => Err(vm.stop_iteration(r)),
    }
}

/// `generator.close()`.
pub fn gen_close_obj(vm: &mut Vm, g: &Rc<Object>) -> PyResult<Value> {
    let Some(gen) = gen_of(g) else { return Ok(Value::None) };
    {
        let mut st = gen.state.borrow_mut();
        if st.finished {
            return Ok(Value::None);
        }
        if !st.started {
            st.finished = true;
            st.values.clear();
            return Ok(Value::None);
        }
    }
    let ge = vm.t.generator_exit.clone();
    let e = crate::exceptions::make_exc(&ge, Value::tuple(vec![]));
    match resume(vm, g, Value::None, Some(e)) {
        Ok((true, _)) => Err(vm.runtime_error("generator ignored GeneratorExit")),
        Ok((false, _)) => Ok(Value::None),
        Err(e) => {
            let si = vm.t.stop_iteration.clone();
            if vm.exc_matches(&e, &ge) || vm.exc_matches(&e, &si) {
                Ok(Value::None)
            } else {
                Err(e)
            }
        }
    }
}

fn gen_close(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let g = this_gen(vm, &args)?;
    gen_close_obj(vm, &g)
}

fn gen_iter(_vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    Ok(args.first().cloned().unwrap_or(Value::None))
}

/// Installs generator/coroutine methods.
pub fn init(vm: &mut Vm) {
    for t in [vm.t.generator.clone(), vm.t.coroutine.clone(), vm.t.async_generator.clone()] {
        let mut d = t.dict.borrow_mut();
        d.set_str(crate::value::s("send"), native("send", gen_send));
        d.set_str(crate::value::s("throw"), native("throw", gen_throw));
        d.set_str(crate::value::s("close"), native("close", gen_close));
        d.set_str(crate::value::s("__next__"), native("__next__", gen_next));
        d.set_str(crate::value::s("__iter__"), native("__iter__", gen_iter));
    }
    crate::agen::init(vm);
}
