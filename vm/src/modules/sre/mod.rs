//! The `_sre` module: the C half of `re` (CPython's `Modules/_sre/`), in Rust. `re/_compiler.py`
//! turns a pattern into an opcode program and calls `_sre.compile`, which makes a `re.Pattern`
//! whose methods run the engine (`engine.rs`) and produce `re.Match` objects.

pub mod chars;
pub mod constants;
pub mod engine;
pub mod matchobj;
pub mod pattern;
pub mod subject;

use std::cell::RefCell;
use std::rc::Rc;

use crate::native_class::new_class;
use crate::object::{NativeFn, Object, Type};
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

use constants::*;

/// The native classes of the module.
#[derive(Clone)]
pub struct Types {
    /// `re.Pattern`.
    pub pattern: Rc<Type>,
    /// `re.Match`.
    pub match_: Rc<Type>,
    /// `_sre.SRE_Scanner`.
    pub scanner: Rc<Type>,
}

thread_local! {
    static TYPES: RefCell<Option<Types>> = const { RefCell::new(None) };
}

/// A read-only property whose getter is a native function.
pub(crate) fn prop(name: &'static str, f: NativeFn) -> Value {
    Value::obj(Object::Property { fget: native(name, f), fset: Value::None, fdel: Value::None, doc: Value::None })
}

/// The classes, created on first use.
pub fn types(vm: &mut Vm) -> Types {
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        return t;
    }
    let cg = || Value::obj(Object::ClassMethod(native("__class_getitem__", crate::descr::builtin_class_getitem)));
    let pattern = new_class(vm, "re", "Pattern", &[], pattern::METHODS, {
        let mut a = pattern::properties();
        a.push(("__class_getitem__", cg()));
        a
    });
    let match_ = new_class(vm, "re", "Match", &[], matchobj::METHODS, {
        let mut a = matchobj::properties();
        a.push(("__class_getitem__", cg()));
        a
    });
    let scanner = new_class(vm, "_sre", "SRE_Scanner", &[], pattern::SCANNER_METHODS, pattern::scanner_properties());
    let t = Types { pattern, match_, scanner };
    TYPES.with(|x| *x.borrow_mut() = Some(t.clone()));
    t
}

fn int_arg(vm: &mut Vm, a: &[Value], i: usize, fname: &str) -> PyResult<i64> {
    match a.get(i) {
        Some(v) => crate::types::to_index(vm, v),
        None => Err(vm.type_error(format!("{fname}() takes exactly one argument (0 given)"))),
    }
}

fn ch_arg(vm: &mut Vm, a: &[Value], fname: &str) -> PyResult<u32> {
    crate::types::args::check_count(vm, fname, a, &Vec::new(), 1, 1)?;
    let v = int_arg(vm, a, 0, fname)?;
    Ok(v as u32)
}

fn ascii_iscased(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "ascii_iscased", &a, &k, 1, 1)?;
    let c = ch_arg(vm, &a, "ascii_iscased")?;
    Ok(Value::Bool(c < 128 && (c as u8).is_ascii_alphabetic()))
}

fn unicode_iscased(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "unicode_iscased", &a, &k, 1, 1)?;
    let c = ch_arg(vm, &a, "unicode_iscased")?;
    Ok(Value::Bool(c != chars::lower_unicode(c) || c != chars::upper_unicode(c)))
}

fn ascii_tolower(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "ascii_tolower", &a, &k, 1, 1)?;
    let c = ch_arg(vm, &a, "ascii_tolower")?;
    Ok(Value::Int(chars::lower_ascii(c) as i64))
}

fn unicode_tolower(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    crate::types::args::check_count(vm, "unicode_tolower", &a, &k, 1, 1)?;
    let c = ch_arg(vm, &a, "unicode_tolower")?;
    Ok(Value::Int(chars::lower_unicode(c) as i64))
}

fn getcodesize(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(4))
}

/// Builds the `_sre` module.
pub fn make(vm: &mut Vm) -> Value {
    let t = types(vm);
    let (m, d) = super::new_module("_sre");
    let mut d = d.borrow_mut();
    d.set_str(s("MAGIC"), Value::Int(MAGIC));
    d.set_str(s("CODESIZE"), Value::Int(4));
    d.set_str(s("MAXREPEAT"), Value::Int(MAXREPEAT as i64));
    d.set_str(s("MAXGROUPS"), Value::Int(MAXGROUPS));
    d.set_str(s("copyright"), Value::str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "));
    d.set_str(s("compile"), native("compile", pattern::compile));
    d.set_str(s("getcodesize"), native("getcodesize", getcodesize));
    d.set_str(s("ascii_iscased"), native("ascii_iscased", ascii_iscased));
    d.set_str(s("unicode_iscased"), native("unicode_iscased", unicode_iscased));
    d.set_str(s("ascii_tolower"), native("ascii_tolower", ascii_tolower));
    d.set_str(s("unicode_tolower"), native("unicode_tolower", unicode_tolower));
    d.set_str(s("SRE_Scanner"), Value::Type(t.scanner));
    m
}
