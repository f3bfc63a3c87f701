//! The `_pvm` module: helpers for standard-library code that CPython writes with `exec`
//! (pvm has no compiler at run time).
//!
//! `make_function(name, qualname, params, defaults, kwonly, kwdefaults, impl, module, posonly=0)`
//! builds a real Python function with the given signature (positional parameter names with
//! `defaults` for the last ones, keyword-only names with `kwdefaults`, the first `posonly`
//! parameters positional-only) whose body is `return impl(p1, ..., pn, k1, ..., km)`: argument
//! errors are then CPython's own (`Point.__new__() missing 1 required positional argument:
//! 'y'`), produced by the VM's argument binding. Used by `collections.namedtuple` and
//! `dataclasses`.

use std::rc::Rc;

use format::code::{flags as cf, CodeObject, Constant};
use format::Opcode;

use crate::object::{new_dict, Function};
use crate::ops;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

fn names_of(vm: &mut Vm, v: &Value) -> PyResult<Vec<String>> {
    let items = ops::to_vec(vm, v)?;
    let mut out = Vec::with_capacity(items.len());
    for x in items {
        match x {
            Value::Str(s) => out.push(s.as_str().to_string()),
            _ => return Err(vm.type_error("parameter names must be strings")),
        }
    }
    Ok(out)
}

fn make_function(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let b = crate::types::args::bind(
        vm,
        "make_function",
        &a,
        &k,
        &["name", "qualname", "params", "defaults", "kwonly", "kwdefaults", "impl", "module", "posonly"],
        8,
        0,
        9,
    )?;
    let arg = |i: usize| b[i].clone().unwrap_or(Value::None);
    let name = ops::to_str(vm, &arg(0))?;
    let qualname = ops::to_str(vm, &arg(1))?;
    let params = names_of(vm, &arg(2))?;
    let defaults = ops::to_vec(vm, &arg(3))?;
    let kwonly = if arg(4).is_none() { Vec::new() } else { names_of(vm, &arg(4))? };
    let kwdefaults = match arg(5) {
        Value::Dict(d) => Some(d),
        Value::None => None,
        _ => return Err(vm.type_error("kwdefaults must be a dict or None")),
    };
    let imp = arg(6);
    let module = arg(7);
    let posonly = match &b[8] {
        Some(v) => crate::types::to_index(vm, v)?.max(0) as u32,
        None => 0,
    };
    let n = params.len() + kwonly.len();
    if n > 255 {
        return Err(vm.value_error("too many parameters"));
    }
    let mut code = vec![Opcode::PUSH_NULL as u8, 0, Opcode::LOAD_CONST as u8, 0];
    for i in 0..n {
        code.push(Opcode::LOAD_FAST as u8);
        code.push(i as u8);
    }
    code.extend_from_slice(&[Opcode::CALL as u8, n as u8, Opcode::RETURN_VALUE as u8, 0]);
    let mut varnames = params.clone();
    varnames.extend(kwonly.iter().cloned());
    let co = CodeObject {
        argcount: params.len() as u32,
        posonlyargcount: posonly.min(params.len() as u32),
        kwonlyargcount: kwonly.len() as u32,
        stacksize: n as u32 + 2,
        flags: cf::OPTIMIZED | cf::NEWLOCALS | cf::NOFREE,
        code,
        consts: vec![Constant::None],
        names: Vec::new(),
        varnames,
        cellvars: Vec::new(),
        freevars: Vec::new(),
        filename: "<string>".to_string(),
        name: name.clone(),
        qualname: qualname.clone(),
        firstlineno: 1,
        linetable: Vec::new(),
        exceptiontable: Vec::new(),
    };
    let mut code = crate::loader::load_code(vm, co).map_err(|e| vm.value_error(e))?;
    match Rc::get_mut(&mut code) {
        Some(c) => c.consts[0] = imp,
        None => return Err(vm.runtime_error("make_function: code is shared")),
    }
    let globals = new_dict();
    globals.borrow_mut().set_str(s("__name__"), module.clone());
    let f = Function {
        name: std::cell::RefCell::new(Value::str(name)),
        qualname: std::cell::RefCell::new(Value::str(qualname)),
        code,
        globals,
        defaults: std::cell::RefCell::new(if defaults.is_empty() { None } else { Some(Rc::new(defaults)) }),
        kwdefaults: std::cell::RefCell::new(kwdefaults),
        closure: None,
        doc: std::cell::RefCell::new(Value::None),
        dict: new_dict(),
        annotations: std::cell::RefCell::new(Value::None),
        module,
        gc: Default::default(),
    };
    Ok(Value::Func(Rc::new(f)))
}

/// Builds the `_pvm` module.
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("_pvm");
    d.borrow_mut().set_str(s("make_function"), native("make_function", make_function));
    m
}
