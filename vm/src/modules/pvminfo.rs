//! `_pvminfo`: what the pure-Python `linecache` and `traceback` need from the VM in place of
//! the files and `ast` module CPython uses: `source(filename)` (the source text embedded in the
//! bundle, or None), `code_position(code, lasti)` (the (line, end_line, col, end_col) of the
//! instruction at byte offset `lasti`, as `code.co_positions()` would give) and
//! `caret_line(line, lineno, end_lineno, colno, end_colno)` (the `~~^^` indicator line the VM
//! prints in tracebacks, or None when CPython prints none).

use crate::object::Object;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

fn source(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match a.first() {
        Some(Value::Str(f)) => Ok(super::source_text(vm, f.as_str()).map(Value::str).unwrap_or(Value::None)),
        _ => Ok(Value::None),
    }
}

fn opt(v: u32) -> Value {
    Value::Int(v as i64)
}

fn code_position(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let code = match a.first() {
        Some(Value::Obj(o)) => match &**o {
            Object::Code(c) => c.clone(),
            _ => return Err(vm.type_error("code_position() needs a code object")),
        },
        _ => return Err(vm.type_error("code_position() needs a code object")),
    };
    let lasti = crate::types::to_index(vm, a.get(1).unwrap_or(&Value::Int(0)))?;
    if lasti < 0 {
        return Ok(Value::tuple(vec![Value::None; 4]));
    }
    let p = code.co.position((lasti / 2) as u32);
    if p.line == 0 {
        return Ok(Value::tuple(vec![Value::None; 4]));
    }
    Ok(Value::tuple(vec![opt(p.line), opt(p.end_line), opt(p.col), opt(p.end_col)]))
}

fn caret_line(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let line = match a.first() {
        Some(Value::Str(l)) => l.as_str().to_string(),
        _ => return Ok(Value::None),
    };
    let mut n = [0u32; 4];
    for (i, slot) in n.iter_mut().enumerate() {
        match a.get(i + 1) {
            Some(Value::Int(v)) if *v >= 0 => *slot = *v as u32,
            _ => return Ok(Value::None),
        }
    }
    let pos = format::Position { line: n[0], end_line: n[1], col: n[2], end_col: n[3] };
    let _ = vm;
    Ok(crate::carets::caret_line(&line, pos).map(Value::str).unwrap_or(Value::None))
}

/// Builds the `_pvminfo` module.
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("_pvminfo");
    let mut d = d.borrow_mut();
    d.set_str(s("source"), native("source", source));
    d.set_str(s("code_position"), native("code_position", code_position));
    d.set_str(s("caret_line"), native("caret_line", caret_line));
    m
}
