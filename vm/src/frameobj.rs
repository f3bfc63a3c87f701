//! Frame and traceback objects as Python sees them (`sys._getframe()`, `exc.__traceback__`).
//!
//! pvm's frames live in `Vm::frames` and are not objects, so a frame object is a snapshot made
//! when asked for: `f_code`, `f_globals` (the live namespace), `f_locals` (a dict made from the
//! frame's locals at that moment; the namespace itself for module and class bodies), `f_lineno`,
//! `f_lasti` and `f_back` (the caller's snapshot). A traceback object is made from an
//! exception's traceback entries (code and instruction): `tb_frame`, `tb_lineno`, `tb_lasti`,
//! `tb_next`. The frame of a traceback entry gets the globals of the module the code comes from
//! (found by file name) and its locals are not kept (`f_locals` is empty for function frames).
//! The classes are created on first use.

use std::cell::RefCell;
use std::rc::Rc;

use crate::native_class::{new_class, new_instance};
use crate::object::{new_dict, Code, NativeFn, Object, Type};
use crate::value::{s, DictRef, PyStr, Value};
use crate::vm::{Kw, PyResult, Vm};

/// Marker data of frame and traceback instances.
struct Snapshot;

thread_local! {
    static TYPES: RefCell<Option<(Rc<Type>, Rc<Type>)>> = const { RefCell::new(None) };
}

/// The `frame` and `traceback` classes.
pub fn types(vm: &mut Vm) -> (Rc<Type>, Rc<Type>) {
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        return t;
    }
    let fm: &[(&'static str, NativeFn)] = &[("__repr__", frame_repr), ("clear", frame_clear)];
    let frame = new_class(vm, "builtins", "frame", &[], fm, vec![]);
    let traceback = new_class(vm, "builtins", "traceback", &[], &[], vec![]);
    TYPES.with(|t| *t.borrow_mut() = Some((frame.clone(), traceback.clone())));
    (frame, traceback)
}

fn frame_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = a.first().cloned().unwrap_or(Value::None);
    let get = |n: &str| match &f {
        Value::Inst(i) => i.dict.borrow().get_str(&PyStr::new(n)).cloned().unwrap_or(Value::None),
        _ => Value::None,
    };
    let (code, line) = (get("f_code"), get("f_lineno"));
    let (file, name) = match &code {
        Value::Obj(o) => match &**o {
            Object::Code(c) => (c.co.filename.clone(), c.name.as_str().to_string()),
            _ => (String::new(), String::new()),
        },
        _ => (String::new(), String::new()),
    };
    let line = crate::ops::repr(vm, &line)?;
    let file = crate::ops::repr(vm, &Value::str(file))?;
    Ok(Value::str(format!("<frame at {:#x}, file {file}, line {line}, code {name}>", f.id())))
}

fn frame_clear(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::None)
}

fn make_frame(vm: &mut Vm, code: &Rc<Code>, globals: DictRef, locals: Value, unit: usize, back: Value) -> Value {
    let (ft, _) = types(vm);
    let f = new_instance(&ft, Snapshot);
    let line = code.co.position(unit as u32).line;
    if let Value::Inst(i) = &f {
        let builtins = match globals.borrow().get_str(&PyStr::new("__builtins__")) {
            Some(Value::Dict(d)) => Value::Dict(d.clone()),
            Some(Value::Obj(o)) => match &**o {
                Object::Module { dict, .. } => Value::Dict(dict.clone()),
                _ => Value::Dict(vm.builtins.clone()),
            },
            _ => Value::Dict(vm.builtins.clone()),
        };
        let mut d = i.dict.borrow_mut();
        d.set_str(s("f_code"), Value::obj(Object::Code(code.clone())));
        d.set_str(s("f_globals"), Value::Dict(globals));
        d.set_str(s("f_locals"), locals);
        d.set_str(s("f_builtins"), builtins);
        d.set_str(s("f_lineno"), if line == 0 { Value::None } else { Value::Int(line as i64) });
        d.set_str(s("f_lasti"), Value::Int(2 * unit as i64));
        d.set_str(s("f_back"), back);
        d.set_str(s("f_trace"), Value::None);
        d.set_str(s("f_trace_lines"), Value::Bool(true));
        d.set_str(s("f_trace_opcodes"), Value::Bool(false));
    }
    f
}

/// The locals of live frame `fi` as a dict (as `locals()` in that frame would return).
pub fn live_locals(vm: &Vm, fi: usize) -> Value {
    let f = &vm.frames[fi];
    if let Some(l) = &f.locals {
        return l.clone();
    }
    let d = new_dict();
    let code = f.code.clone();
    let base = f.base;
    for (i, n) in code.varnames.iter().enumerate() {
        if let Some(v) = vm.stack.get(base + i) {
            if !v.is_null() {
                d.borrow_mut().set_str(n.clone(), v.clone());
            }
        }
    }
    for (i, n) in code.co.cellvars.iter().chain(code.co.freevars.iter()).enumerate() {
        if let Some(Value::Obj(o)) = vm.stack.get(base + code.nlocals + i) {
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

/// A frame object for live frame `fi` (0 = outermost) with its callers as `f_back`.
pub fn frame_object(vm: &mut Vm, fi: usize) -> Value {
    let mut back = Value::None;
    for i in 0..=fi.min(vm.frames.len().saturating_sub(1)) {
        if vm.frames.is_empty() {
            break;
        }
        let (code, globals, unit) = {
            let f = &vm.frames[i];
            (f.code.clone(), f.globals.clone(), f.lasti)
        };
        let locals = live_locals(vm, i);
        back = make_frame(vm, &code, globals, locals, unit, back);
    }
    back
}

/// `sys._getframe(depth)`: the frame `depth` calls below the caller's.
pub fn getframe(vm: &mut Vm, depth: usize) -> PyResult<Value> {
    let n = vm.frames.len();
    if depth >= n {
        return Err(vm.value_error("call stack is not deep enough"));
    }
    Ok(frame_object(vm, n - 1 - depth))
}

/// The globals of the module whose code lives in `filename` (empty when not found).
fn module_globals(vm: &mut Vm, filename: &str) -> DictRef {
    let mods: Vec<Value> = vm.modules.borrow().values();
    for m in mods {
        if let Value::Obj(o) = &m {
            if let Object::Module { dict, .. } = &**o {
                let f = dict.borrow().get_str(&PyStr::new("__file__")).cloned();
                if let Some(Value::Str(f)) = f {
                    if f.as_str() == filename {
                        return dict.clone();
                    }
                }
            }
        }
    }
    new_dict()
}

/// A traceback object chain for traceback entries (innermost first, as `ExcData` keeps them);
/// None when there are none.
pub fn traceback_object(vm: &mut Vm, entries: &[(Rc<Code>, u32)]) -> Value {
    let (_, tt) = types(vm);
    let mut next = Value::None;
    for (code, unit) in entries.iter() {
        let globals = module_globals(vm, &code.co.filename);
        let module_level = code.flags & format::code::flags::OPTIMIZED == 0;
        let locals = if module_level { Value::Dict(globals.clone()) } else { Value::Dict(new_dict()) };
        let frame = make_frame(vm, code, globals, locals, *unit as usize, Value::None);
        let tb = new_instance(&tt, Snapshot);
        if let Value::Inst(i) = &tb {
            let line = code.co.position(*unit).line;
            let mut d = i.dict.borrow_mut();
            d.set_str(s("tb_frame"), frame);
            d.set_str(s("tb_lineno"), Value::Int(line as i64));
            d.set_str(s("tb_lasti"), Value::Int(2 * *unit as i64));
            d.set_str(s("tb_next"), next);
        }
        next = tb;
    }
    next
}

/// The traceback entries (innermost first) described by traceback object `tb`, or None when
/// `tb` is not a traceback object.
pub fn entries_of(vm: &mut Vm, tb: &Value) -> Option<Vec<(Rc<Code>, u32)>> {
    let (_, tt) = types(vm);
    let mut out = Vec::new();
    let mut cur = tb.clone();
    let mut steps = 0;
    while let Value::Inst(i) = &cur {
        if !i.class().is_subtype(&tt) || steps > 100_000 {
            return None;
        }
        steps += 1;
        let d = i.dict.borrow();
        let frame = d.get_str(&PyStr::new("tb_frame")).cloned().unwrap_or(Value::None);
        let lasti = match d.get_str(&PyStr::new("tb_lasti")) {
            Some(Value::Int(n)) => (*n / 2).max(0) as u32,
            _ => 0,
        };
        let code = match &frame {
            Value::Inst(f) => f.dict.borrow().get_str(&PyStr::new("f_code")).cloned(),
            _ => None,
        };
        if let Some(Value::Obj(o)) = code {
            if let Object::Code(c) = &*o {
                out.push((c.clone(), lasti));
            }
        }
        let next = d.get_str(&PyStr::new("tb_next")).cloned().unwrap_or(Value::None);
        drop(d);
        cur = next;
    }
    if !cur.is_none() {
        return None;
    }
    out.reverse();
    Some(out)
}
