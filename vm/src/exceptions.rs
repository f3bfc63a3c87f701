//! Exceptions: creation, the attributes of BaseException, raise/match helpers, context and
//! cause chaining, tracebacks and CPython-style printing.

use std::cell::RefCell;
use std::rc::Rc;

use crate::object::{new_dict, ExcData, Instance, Object, Type};
use crate::value::{PyStr, Value};
use crate::vm::{native, Kw, PyResult, Vm};

/// Makes an exception instance of class `ty` with the `args` tuple.
pub fn make_exc(ty: &Rc<Type>, args: Value) -> Value {
    Value::Inst(Rc::new(Instance {
        class: RefCell::new(ty.clone()),
        dict: new_dict(),
        payload: RefCell::new(Value::Null),
        exc: Some(RefCell::new(ExcData {
            args,
            traceback: Vec::new(),
            context: Value::None,
            cause: Value::None,
            suppress_context: false,
        })),
    }))
}

fn exc_data(v: &Value) -> Option<&RefCell<ExcData>> {
    match v {
        Value::Inst(i) => i.exc.as_ref(),
        _ => None,
    }
}

/// The args tuple items of an exception.
pub fn exc_args(v: &Value) -> Vec<Value> {
    match exc_data(v) {
        Some(d) => match &d.borrow().args {
            Value::Tuple(t) => (**t).clone(),
            _ => Vec::new(),
        },
        None => Vec::new(),
    }
}

/// Attributes served by BaseException itself.
pub fn exc_getattr(vm: &mut Vm, i: &Instance, name: &PyStr) -> Option<Value> {
    let d = i.exc.as_ref()?;
    let d = d.borrow();
    Some(match name.as_str() {
        "args" => d.args.clone(),
        "__context__" => d.context.clone(),
        "__cause__" => d.cause.clone(),
        "__suppress_context__" => Value::Bool(d.suppress_context),
        "__traceback__" => {
            if d.traceback.is_empty() {
                Value::None
            } else {
                let ns = new_dict();
                let (code, unit) = &d.traceback[d.traceback.len() - 1];
                let line = code.co.position(*unit).line;
                ns.borrow_mut().set_str(crate::value::s("tb_lineno"), Value::Int(line as i64));
                ns.borrow_mut().set_str(crate::value::s("tb_next"), Value::None);
                Value::obj(Object::Namespace(ns))
            }
        }
        "value" | "code" | "errno" | "strerror" | "filename" | "name" | "msg" => {
            if i.dict.borrow().get_str(name).is_some() {
                return None;
            }
            let cls = i.class();
            let args = match &d.args {
                Value::Tuple(t) => (**t).clone(),
                _ => vec![],
            };
            let first = args.first().cloned().unwrap_or(Value::None);
            match name.as_str() {
                "value" if cls.is_subtype(&vm.t.stop_iteration) => first,
                "code" if cls.is_subtype(&vm.t.system_exit) => {
                    if args.len() > 1 {
                        d.args.clone()
                    } else {
                        first
                    }
                }
                "errno" if cls.is_subtype(&vm.t.os_error) => if args.len() >= 2 { first } else { Value::None },
                "strerror" if cls.is_subtype(&vm.t.os_error) => if args.len() >= 2 { args[1].clone() } else { Value::None },
                "filename" if cls.is_subtype(&vm.t.os_error) => args.get(2).cloned().unwrap_or(Value::None),
                "name" if cls.is_subtype(&vm.t.import_error) || cls.is_subtype(&vm.t.name_error) || cls.is_subtype(&vm.t.attribute_error) => Value::None,
                "msg" if cls.is_subtype(&vm.t.import_error) => first,
                _ => return None,
            }
        }
        _ => return None,
    })
}

/// Sets BaseException's own attributes; Ok(true) when handled.
pub fn exc_setattr(vm: &mut Vm, i: &Instance, name: &PyStr, v: &Option<Value>) -> PyResult<bool> {
    let Some(d) = i.exc.as_ref() else { return Ok(false) };
    let v = v.clone().unwrap_or(Value::None);
    match name.as_str() {
        "args" => {
            let items = crate::ops::to_vec(vm, &v)?;
            d.borrow_mut().args = Value::tuple(items);
        }
        "__context__" => d.borrow_mut().context = v,
        "__cause__" => {
            let mut d = d.borrow_mut();
            d.cause = v;
            d.suppress_context = true;
        }
        "__suppress_context__" => d.borrow_mut().suppress_context = crate::ops::truthy(vm, &v)?,
        "__traceback__" => {
            if v.is_none() {
                d.borrow_mut().traceback.clear();
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// Turns a raised object into an exception instance (instantiating classes).
pub fn to_exception(vm: &mut Vm, v: Value) -> PyResult<Value> {
    match &v {
        Value::Type(t) if t.is_subtype(&vm.t.base_exception) => {
            let r = vm.call(&v, vec![], vec![])?;
            if exc_data(&r).is_none() {
                let n = vm.type_name(&r);
                return Err(vm.type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {n}",
                    t.name()
                )));
            }
            Ok(r)
        }
        Value::Inst(i) if i.exc.is_some() => Ok(v),
        _ => Err(vm.type_error("exceptions must derive from BaseException")),
    }
}

/// RAISE_VARARGS: returns the exception to raise.
pub fn do_raise(vm: &mut Vm, a: usize) -> PyResult<Value> {
    match a {
        0 => {
            let e = vm.handled_exc.clone();
            if e.is_none() || e.is_null() {
                return Err(vm.runtime_error("No active exception to reraise"));
            }
            Ok(e)
        }
        1 => {
            let v = vm.stack.pop().unwrap_or(Value::None);
            to_exception(vm, v)
        }
        _ => {
            let cause = vm.stack.pop().unwrap_or(Value::None);
            let v = vm.stack.pop().unwrap_or(Value::None);
            let e = to_exception(vm, v)?;
            let cause = match cause {
                Value::None => Value::None,
                Value::Type(t) if t.is_subtype(&vm.t.base_exception) => vm.call(&Value::Type(t), vec![], vec![])?,
                c @ Value::Inst(_) if exc_data(&c).is_some() => c,
                _ => return Err(vm.type_error("exception causes must derive from BaseException")),
            };
            if let Some(d) = exc_data(&e) {
                let mut d = d.borrow_mut();
                d.cause = cause;
                d.suppress_context = true;
            }
            Ok(e)
        }
    }
}

/// CHECK_EXC_MATCH.
pub fn exc_match(vm: &mut Vm, e: &Value, ty: &Value) -> PyResult<bool> {
    match ty {
        Value::Type(t) => {
            if !t.is_subtype(&vm.t.base_exception) {
                return Err(vm.type_error("catching classes that do not inherit from BaseException is not allowed"));
            }
            Ok(vm.type_of(e).is_subtype(t))
        }
        Value::Tuple(ts) => {
            for t in ts.iter() {
                if exc_match(vm, e, t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(vm.type_error("catching classes that do not inherit from BaseException is not allowed")),
    }
}

/// The traceback argument passed to `__exit__`.
pub fn traceback_of(vm: &mut Vm, e: &Value) -> Value {
    match e {
        Value::Inst(i) => exc_getattr(vm, i, &PyStr::new("__traceback__")).unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// BEFORE_WITH: returns (bound __exit__, result of __enter__()).
pub fn before_with(vm: &mut Vm, m: &Value, is_async: bool) -> PyResult<(Value, Value)> {
    let ty = vm.type_of(m);
    let (en, ex) = if is_async {
        (vm.t.s_aenter.clone(), vm.t.s_aexit.clone())
    } else {
        (vm.t.s_enter.clone(), vm.t.s_exit.clone())
    };
    let proto = if is_async { "asynchronous context manager" } else { "context manager" };
    let Some(enter) = ty.lookup(&en) else {
        return Err(vm.type_error(format!("'{}' object does not support the {proto} protocol", ty.name())));
    };
    let Some(exit) = ty.lookup(&ex) else {
        return Err(vm.type_error(format!(
            "'{}' object does not support the {proto} protocol (missed {} method)",
            ty.name(),
            ex.as_str()
        )));
    };
    let bexit = crate::attr::bind_descr(vm, &exit, m)?;
    let r = vm.call_descr(&enter, m, vec![m.clone()])?;
    Ok((bexit, r))
}

/// Records the current frame's position in the exception's traceback.
pub fn add_traceback(vm: &mut Vm, e: &Value, unit: usize) {
    if let (Some(d), Some(f)) = (exc_data(e), vm.frames.last()) {
        d.borrow_mut().traceback.push((f.code.clone(), unit as u32));
    }
}

/// Sets `__context__` of a newly raised exception to the exception being handled.
pub fn set_context(vm: &mut Vm, e: &Value) {
    let h = vm.handled_exc.clone();
    if h.is_none() || h.is_null() || h.is(e) {
        return;
    }
    let Some(d) = exc_data(e) else { return };
    if !d.borrow().context.is_none() {
        return;
    }
    // Break cycles: cut the chain where it reaches `e`.
    let mut cur = h.clone();
    let mut steps = 0;
    while let Some(cd) = exc_data(&cur) {
        let next = cd.borrow().context.clone();
        if next.is(e) {
            cd.borrow_mut().context = Value::None;
            break;
        }
        cur = next;
        steps += 1;
        if steps > 1000 {
            break;
        }
    }
    d.borrow_mut().context = h;
}

fn type_display(t: &Rc<Type>) -> String {
    let m = t.module.borrow().clone();
    if m == "builtins" || m == "__main__" {
        t.qualname.borrow().clone()
    } else {
        format!("{m}.{}", t.qualname.borrow())
    }
}

/// The last line of a traceback: `Type: message` (or just `Type`).
pub fn exc_line(vm: &mut Vm, e: &Value) -> String {
    let t = vm.type_of(e);
    let msg = match crate::ops::to_str(vm, e) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".to_string(),
    };
    if msg.is_empty() {
        type_display(&t)
    } else {
        format!("{}: {msg}", type_display(&t))
    }
}

/// Formats an uncaught exception with its chain, as CPython prints it.
pub fn format_exception(vm: &mut Vm, e: &Value) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    format_chain(vm, e, &mut out, &mut seen);
    out
}

fn format_chain(vm: &mut Vm, e: &Value, out: &mut String, seen: &mut Vec<i64>) {
    seen.push(e.id());
    if let Some(d) = exc_data(e) {
        let (cause, ctx, sup) = {
            let d = d.borrow();
            (d.cause.clone(), d.context.clone(), d.suppress_context)
        };
        if !cause.is_none() && !seen.contains(&cause.id()) {
            format_chain(vm, &cause, out, seen);
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        } else if !ctx.is_none() && !sup && !seen.contains(&ctx.id()) {
            format_chain(vm, &ctx, out, seen);
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
        let tb = d.borrow().traceback.clone();
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for (code, unit) in tb.iter().rev() {
                let line = code.co.position(*unit).line;
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    code.co.filename, line, code.co.name
                ));
                if let Some(src) = crate::modules::source_line(vm, &code.co.filename, line) {
                    out.push_str(&format!("    {}\n", src.trim()));
                }
            }
        }
    }
    let l = exc_line(vm, e);
    out.push_str(&l);
    out.push('\n');
    if let Value::Inst(i) = e {
        let notes = i.dict.borrow().get_str(&PyStr::new("__notes__")).cloned();
        if let Some(Value::List(l)) = notes {
            let items = l.borrow().clone();
            for n in items {
                let t = crate::ops::to_str(vm, &n).unwrap_or_default();
                out.push_str(&t);
                out.push('\n');
            }
        }
    }
}

fn exc_init(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    if let Some(Value::Inst(i)) = args.first() {
        if let Some(d) = &i.exc {
            d.borrow_mut().args = Value::tuple(args[1..].to_vec());
        }
    }
    let _ = vm;
    Ok(Value::None)
}

/// str() of an exception.
pub fn exc_str(vm: &mut Vm, e: &Value) -> PyResult<String> {
    let args = exc_args(e);
    let t = vm.type_of(e);
    if t.is_subtype(&vm.t.key_error) && args.len() == 1 {
        return crate::ops::repr(vm, &args[0]);
    }
    if t.is_subtype(&vm.t.os_error) && args.len() >= 2 {
        let a = crate::ops::to_str(vm, &args[0])?;
        let b = crate::ops::to_str(vm, &args[1])?;
        if args.len() >= 3 {
            let c = crate::ops::repr(vm, &args[2])?;
            return Ok(format!("[Errno {a}] {b}: {c}"));
        }
        return Ok(format!("[Errno {a}] {b}"));
    }
    if t.name() == "UnicodeDecodeError" && args.len() == 5 {
        let enc = crate::ops::to_str(vm, &args[0])?;
        let pos = crate::ops::to_str(vm, &args[2])?;
        let byte = match &args[1] {
            Value::Obj(o) => match &**o {
                Object::Bytes(b) => b.get(crate::types::to_index(vm, &args[2]).unwrap_or(0) as usize).copied().unwrap_or(0),
                _ => 0,
            },
            _ => 0,
        };
        let why = crate::ops::to_str(vm, &args[4])?;
        return Ok(format!("'{enc}' codec can't decode byte 0x{byte:02x} in position {pos}: {why}"));
    }
    match args.len() {
        0 => Ok(String::new()),
        1 => crate::ops::to_str(vm, &args[0]),
        _ => crate::ops::repr(vm, &Value::tuple(args)),
    }
}

fn exc_str_native(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let e = args.first().cloned().unwrap_or(Value::None);
    Ok(Value::str(exc_str(vm, &e)?))
}

/// repr() of an exception.
pub fn exc_repr(vm: &mut Vm, e: &Value) -> PyResult<String> {
    let args = exc_args(e);
    let n = vm.type_of(e).name();
    if args.len() == 1 {
        let r = crate::ops::repr(vm, &args[0])?;
        return Ok(format!("{n}({r})"));
    }
    let r = crate::ops::repr(vm, &Value::tuple(args))?;
    if r == "()" {
        Ok(format!("{n}()"))
    } else {
        Ok(format!("{n}{r}"))
    }
}

fn exc_repr_native(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let e = args.first().cloned().unwrap_or(Value::None);
    Ok(Value::str(exc_repr(vm, &e)?))
}

fn with_traceback(_vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    Ok(args.first().cloned().unwrap_or(Value::None))
}

fn add_note(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    if let Some(n) = args.get(1) {
        if !matches!(n, Value::Str(_)) {
            let tn = vm.type_name(n);
            return Err(vm.type_error(format!("note must be a str, not '{tn}'")));
        }
    }
    if let (Some(Value::Inst(i)), Some(n)) = (args.first(), args.get(1)) {
        let key = crate::value::s("__notes__");
        let existing = i.dict.borrow().get_str(&key).cloned();
        match existing {
            Some(Value::List(l)) => l.borrow_mut().push(n.clone()),
            _ => i.dict.borrow_mut().set_str(key, Value::list(vec![n.clone()])),
        }
    }
    let _ = vm;
    Ok(Value::None)
}

/// Installs BaseException's methods.
pub fn init(vm: &mut Vm) {
    let d = vm.t.base_exception.dict.clone();
    let mut d = d.borrow_mut();
    d.set_str(crate::value::s("__init__"), native("__init__", exc_init));
    d.set_str(crate::value::s("__str__"), native("__str__", exc_str_native));
    d.set_str(crate::value::s("__repr__"), native("__repr__", exc_repr_native));
    d.set_str(crate::value::s("with_traceback"), native("with_traceback", with_traceback));
    d.set_str(crate::value::s("add_note"), native("add_note", add_note));
}
