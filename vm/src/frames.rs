//! Frame set-up for calls (argument binding with CPython's error messages, cells and free
//! variables), module frames, MAKE_FUNCTION and the name-based load/store helpers.

use std::rc::Rc;

use format::code::flags as cf;

use crate::object::{Code, Function, Object};
use crate::ops;
use crate::value::{PyStr, Value};
use crate::vm::{Frame, Kw, PyResult, Vm};

macro_rules! pop {
    ($vm:expr) => {
        match $vm.stack.pop() {
            Some(v) => v,
            None => Value::Null,
        }
    };
}

fn bad_code(vm: &mut Vm, what: &str) -> Value {
    let t = vm.t.base_exception.clone();
    let st = vm.t.all_exc.iter().find(|t| t.name() == "SystemError").cloned().unwrap_or(t);
    vm.new_exc(&st, format!("bad bytecode: {what}"))
}

/// Binds `args`/`kw` for `func` into a new frame pushed on the frame stack.
pub fn push_frame(
    vm: &mut Vm,
    func: &Rc<Function>,
    args: Vec<Value>,
    kw: Kw,
    call_start: usize,
    entry: bool,
) -> PyResult<()> {
    let code = func.code.clone();
    let base = vm.stack.len();
    let nslots = code.nlocals + code.ncells + code.nfree;
    vm.stack.resize(base + nslots, Value::Null);
    if let Err(e) = bind_args(vm, func, base, args, kw) {
        vm.stack.truncate(base);
        return Err(e);
    }
    finish_frame(vm, func, code, base, call_start, entry)
}

/// Initializes cells/free vars and pushes the frame record (locals already in place).
#[inline]
pub(crate) fn finish_frame(
    vm: &mut Vm,
    func: &Rc<Function>,
    code: Rc<Code>,
    base: usize,
    call_start: usize,
    entry: bool,
) -> PyResult<()> {
    // Weak-reference callbacks queued by a drop run before the next Python call.
    if crate::modules::weakref::has_pending() {
        crate::modules::weakref::run_pending(vm);
    }
    if vm.frames.len() >= vm.recursion_limit {
        vm.stack.truncate(call_start.min(base));
        let t = vm.t.recursion_error.clone();
        return Err(vm.new_exc(&t, "maximum recursion depth exceeded"));
    }
    let nl = code.nlocals;
    if code.ncells + code.nfree > 0 {
        for (i, a) in code.cell2arg.iter().enumerate() {
            let init = match a {
                Some(j) => std::mem::replace(&mut vm.stack[base + j], Value::Null),
                None => Value::Null,
            };
            vm.stack[base + nl + i] = Value::obj(Object::Cell(std::cell::RefCell::new(init)));
        }
        if let Some(cl) = &func.closure {
            for (i, c) in cl.iter().enumerate().take(code.nfree) {
                vm.stack[base + nl + code.ncells + i] = c.clone();
            }
        }
    }
    let stack_base = base + nl + code.ncells + code.nfree;
    vm.frames.push(Frame {
        code,
        globals: func.globals.clone(),
        locals: None,
        pc: 0,
        base,
        stack_base,
        call_start,
        entry,
        gen: None,
        kwnames: None,
        init_self: None,
        lasti: 0,
    });
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn name_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.len() {
        1 => q[0].clone(),
        2 => format!("{} and {}", q[0], q[1]),
        _ => format!("{}, and {}", q[..q.len() - 1].join(", "), q[q.len() - 1]),
    }
}

/// Binds positional and keyword arguments into the local slots at `base`.
pub fn bind_args(vm: &mut Vm, func: &Function, base: usize, args: Vec<Value>, kw: Kw) -> PyResult<()> {
    let code = &func.code;
    let co = &code.co;
    let argc = co.argcount as usize;
    let posonly = co.posonlyargcount as usize;
    let kwonly = co.kwonlyargcount as usize;
    let total = argc + kwonly;
    let has_var = co.flags & cf::VARARGS != 0;
    let has_kw = co.flags & cf::VARKEYWORDS != 0;
    let nargs = args.len();
    let qn = code.qualname.as_str().to_string();
    if nargs > argc && !has_var {
        let ndef = func.defaults.borrow().as_ref().map_or(0, |d| d.len());
        let takes = if ndef > 0 {
            format!("from {} to {} positional arguments", argc - ndef.min(argc), argc)
        } else {
            format!("{}", plural(argc, "positional argument"))
        };
        let kwonly_given = kw
            .iter()
            .filter(|(k, _)| {
                code.varnames[argc..total.min(code.varnames.len())].iter().any(|n| n.as_str() == k.as_str())
            })
            .count();
        let kwsig = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {kwonly_given} keyword-only argument{})",
                if nargs != 1 { "s" } else { "" },
                if kwonly_given != 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        let was = if nargs == 1 && kwonly_given == 0 { "was" } else { "were" };
        return Err(vm.type_error(format!("{qn}() takes {takes} but {nargs}{kwsig} {was} given")));
    }
    let mut it = args.into_iter();
    for i in 0..nargs.min(argc) {
        vm.stack[base + i] = it.next().unwrap_or(Value::None);
    }
    if has_var {
        let rest: Vec<Value> = it.collect();
        vm.stack[base + total] = Value::tuple(rest);
    }
    let kwdict = if has_kw {
        let d = crate::object::new_dict();
        vm.stack[base + total + has_var as usize] = Value::Dict(d.clone());
        Some(d)
    } else {
        None
    };
    for (k, v) in kw {
        let mut found = None;
        for j in posonly..total {
            if code.varnames[j].as_str() == k.as_str() {
                found = Some(j);
                break;
            }
        }
        match found {
            Some(j) => {
                if !vm.stack[base + j].is_null() {
                    return Err(vm.type_error(format!("{qn}() got multiple values for argument '{}'", k.as_str())));
                }
                vm.stack[base + j] = v;
            }
            None => {
                if let Some(d) = &kwdict {
                    d.borrow_mut().set_str(k, v);
                } else if code.varnames[..posonly].iter().any(|n| n.as_str() == k.as_str()) {
                    return Err(vm.type_error(format!(
                        "{qn}() got some positional-only arguments passed as keyword arguments: '{}'",
                        k.as_str()
                    )));
                } else {
                    return Err(vm.type_error(format!("{qn}() got an unexpected keyword argument '{}'", k.as_str())));
                }
            }
        }
    }
    if nargs < argc {
        let defaults = func.defaults.borrow().clone();
        let ndef = defaults.as_ref().map_or(0, |d| d.len());
        let mut missing = Vec::new();
        for i in nargs..argc {
            if vm.stack[base + i].is_null() {
                if i + ndef >= argc {
                    if let Some(d) = &defaults {
                        vm.stack[base + i] = d[i + ndef - argc].clone();
                    }
                } else {
                    missing.push(code.varnames[i].as_str().to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(vm.type_error(format!(
                "{qn}() missing {} required positional {}: {}",
                missing.len(),
                if missing.len() == 1 { "argument" } else { "arguments" },
                name_list(&missing)
            )));
        }
    }
    if kwonly > 0 {
        let kwd = func.kwdefaults.borrow().clone();
        let mut missing = Vec::new();
        for i in argc..total {
            if vm.stack[base + i].is_null() {
                let name = &code.varnames[i];
                let dv = kwd.as_ref().and_then(|d| d.borrow().get_str(name).cloned());
                match dv {
                    Some(v) => vm.stack[base + i] = v,
                    None => missing.push(name.as_str().to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(vm.type_error(format!(
                "{qn}() missing {} required keyword-only {}: {}",
                missing.len(),
                if missing.len() == 1 { "argument" } else { "arguments" },
                name_list(&missing)
            )));
        }
    }
    Ok(())
}

/// Pushes a frame running `code` with the given globals and locals mapping (module bodies).
pub fn push_code_frame(vm: &mut Vm, code: Rc<Code>, globals: crate::value::DictRef, locals: Option<Value>) {
    let base = vm.stack.len();
    let n = code.nlocals + code.ncells + code.nfree;
    vm.stack.resize(base + n, Value::Null);
    for i in 0..code.ncells {
        vm.stack[base + code.nlocals + i] = Value::obj(Object::Cell(std::cell::RefCell::new(Value::Null)));
    }
    let stack_base = base + n;
    vm.frames.push(Frame {
        code,
        globals,
        locals,
        pc: 0,
        base,
        stack_base,
        call_start: base,
        entry: true,
        gen: None,
        kwnames: None,
        init_self: None,
        lasti: 0,
    });
}

pub(crate) fn deref_name(code: &Code, a: usize) -> String {
    let nc = code.co.cellvars.len();
    if a < nc {
        code.co.cellvars[a].clone()
    } else {
        code.co.freevars.get(a - nc).cloned().unwrap_or_default()
    }
}

pub(crate) fn unbound_deref(vm: &mut Vm, code: &Code, a: usize) -> Value {
    let name = deref_name(code, a);
    if a < code.co.cellvars.len() {
        let t = vm.t.unbound_local_error.clone();
        vm.new_exc(&t, format!("cannot access local variable '{name}' where it is not associated with a value"))
    } else {
        let t = vm.t.name_error.clone();
        vm.new_exc(
            &t,
            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    }
}

pub(crate) fn load_name(vm: &mut Vm, fi: usize, name: &Rc<PyStr>) -> PyResult<Value> {
    let locals = vm.frames[fi].locals.clone();
    match &locals {
        Some(Value::Dict(d)) => {
            if let Some(v) = d.borrow().get_str(name) {
                return Ok(v.clone());
            }
        }
        Some(m) => {
            let r = ops::getitem(vm, m, &Value::Str(name.clone()));
            match r {
                Ok(v) => return Ok(v),
                Err(e) => {
                    let ke = vm.t.key_error.clone();
                    if !vm.exc_matches(&e, &ke) {
                        return Err(e);
                    }
                }
            }
        }
        None => {}
    }
    if let Some(v) = vm.frames[fi].globals.borrow().get_str(name) {
        return Ok(v.clone());
    }
    if let Some(v) = vm.builtins.borrow().get_str(name) {
        return Ok(v.clone());
    }
    Err(vm.name_error(name.as_str()))
}

pub(crate) fn store_name(vm: &mut Vm, fi: usize, name: Rc<PyStr>, v: Option<Value>) -> PyResult<()> {
    let locals = vm.frames[fi].locals.clone();
    let target = match locals {
        Some(l) => l,
        None => Value::Dict(vm.frames[fi].globals.clone()),
    };
    match (&target, v) {
        (Value::Dict(d), Some(v)) => {
            d.borrow_mut().set_str(name, v);
            Ok(())
        }
        (Value::Dict(d), None) => {
            if d.borrow_mut().del_str(&name).is_none() {
                return Err(vm.name_error(name.as_str()));
            }
            Ok(())
        }
        (m, Some(v)) => ops::setitem(vm, m, &Value::Str(name), v),
        (m, None) => ops::delitem(vm, m, &Value::Str(name)),
    }
}

pub(crate) fn make_function(vm: &mut Vm, fi: usize, flags: usize) -> PyResult<Value> {
    let code = pop!(vm);
    let closure = if flags & 8 != 0 { Some(pop!(vm)) } else { None };
    let ann = if flags & 4 != 0 { Some(pop!(vm)) } else { None };
    let kwd = if flags & 2 != 0 { Some(pop!(vm)) } else { None };
    let defs = if flags & 1 != 0 { Some(pop!(vm)) } else { None };
    let code = match &code {
        Value::Obj(o) => match &**o {
            Object::Code(c) => c.clone(),
            _ => return Err(bad_code(vm, "MAKE_FUNCTION without code")),
        },
        _ => return Err(bad_code(vm, "MAKE_FUNCTION without code")),
    };
    let closure = match closure {
        Some(Value::Tuple(t)) => Some(t),
        _ => None,
    };
    if code.nfree > closure.as_ref().map_or(0, |c| c.len()) {
        return Err(bad_code(vm, "closure too short"));
    }
    let globals = vm.frames[fi].globals.clone();
    let doc = match code.consts.first() {
        Some(Value::Str(s)) => Value::Str(s.clone()),
        _ => Value::None,
    };
    let annotations = match ann {
        Some(Value::Tuple(t)) => {
            let d = crate::object::new_dict();
            let mut i = 0;
            while i + 1 < t.len() {
                crate::types::dict::dict_set(vm, &d, t[i].clone(), t[i + 1].clone())?;
                i += 2;
            }
            Value::Dict(d)
        }
        Some(v @ Value::Dict(_)) => v,
        _ => Value::Null,
    };
    let module = globals.borrow().get_str(&PyStr::new("__name__")).cloned().unwrap_or(Value::None);
    let f = Function {
        name: std::cell::RefCell::new(Value::Str(code.name.clone())),
        qualname: std::cell::RefCell::new(Value::Str(code.qualname.clone())),
        code,
        globals,
        defaults: std::cell::RefCell::new(match defs {
            Some(Value::Tuple(t)) => Some(t),
            _ => None,
        }),
        kwdefaults: std::cell::RefCell::new(match kwd {
            Some(Value::Dict(d)) => Some(d),
            _ => None,
        }),
        closure,
        doc: std::cell::RefCell::new(doc),
        dict: crate::object::new_dict(),
        annotations: std::cell::RefCell::new(annotations),
        module,
        gc: Default::default(),
    };
    let f = Rc::new(f);
    crate::gc::track_func(&f);
    Ok(Value::Func(f))
}
