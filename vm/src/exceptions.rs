//! Exceptions: creation, the attributes of BaseException, raise/match helpers, context and
//! cause chaining, tracebacks and CPython-style printing.

use std::cell::RefCell;
use std::rc::Rc;

use crate::object::{new_dict, ExcData, Instance, Object, Type};
use crate::value::{PyStr, Value};
use crate::vm::{native, Kw, PyResult, Vm};

/// Makes an exception instance of class `ty` with the `args` tuple.
pub fn make_exc(ty: &Rc<Type>, args: Value) -> Value {
    Value::Inst(Instance::new(
        ty.clone(),
        new_dict(),
        Value::Null,
        Some(ExcData {
            args,
            traceback: Vec::new(),
            context: Value::None,
            cause: Value::None,
            suppress_context: false,
            suggest: None,
        }),
        vec![Value::Null; ty.nslots],
    ))
}

fn exc_data(v: &Value) -> Option<&RefCell<ExcData>> {
    match v {
        Value::Inst(i) => i.exc.as_deref(),
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
            let entries = d.traceback.clone();
            drop(d);
            return Some(crate::frameobj::traceback_object(vm, &entries));
        }
        "msg" | "filename" | "lineno" | "offset" | "text" | "end_lineno" | "end_offset" | "print_file_and_line"
            if i.dict.borrow().get_str(name).is_none()
                && (i.class().mro.borrow().iter().any(|t| t.builtin && t.name() == "SyntaxError")
                    || (i.class().builtin && i.class().name() == "SyntaxError")) =>
        {
            // SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset])).
            let args = match &d.args {
                Value::Tuple(t) => (**t).clone(),
                _ => vec![],
            };
            let info = match args.get(1) {
                Some(Value::Tuple(t)) if args.len() == 2 => (**t).clone(),
                _ => vec![],
            };
            let at = |k: usize| info.get(k).cloned().unwrap_or(Value::None);
            match name.as_str() {
                "msg" => args.first().cloned().unwrap_or(Value::None),
                "filename" => at(0),
                "lineno" => at(1),
                "offset" => at(2),
                "text" => at(3),
                "end_lineno" => at(4),
                "end_offset" => at(5),
                _ => Value::None,
            }
        }
        "value" | "code" | "errno" | "strerror" | "filename" | "name" | "msg" | "obj" => {
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
                "errno" if cls.is_subtype(&vm.t.os_error) => {
                    if args.len() >= 2 {
                        first
                    } else {
                        Value::None
                    }
                }
                "strerror" if cls.is_subtype(&vm.t.os_error) => {
                    if args.len() >= 2 {
                        args[1].clone()
                    } else {
                        Value::None
                    }
                }
                "filename" if cls.is_subtype(&vm.t.os_error) => args.get(2).cloned().unwrap_or(Value::None),
                "name"
                    if cls.is_subtype(&vm.t.import_error)
                        || cls.is_subtype(&vm.t.name_error)
                        || cls.is_subtype(&vm.t.attribute_error) =>
                {
                    match &d.suggest {
                        Some(crate::suggest::Suggest::Attr(_, n)) | Some(crate::suggest::Suggest::Name(_, _, n)) => {
                            Value::str(n.as_str())
                        }
                        None => Value::None,
                    }
                }
                "msg" if cls.is_subtype(&vm.t.import_error) => first,
                "obj" if cls.is_subtype(&vm.t.attribute_error) => match &d.suggest {
                    Some(crate::suggest::Suggest::Attr(o, _)) => o.clone(),
                    _ => Value::None,
                },
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
            set_traceback(vm, d, &v)?;
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
    crate::tbformat::format_exception(vm, e)
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
    if crate::egroup::is_group(vm, e) {
        return crate::egroup::group_str(vm, e);
    }
    let args = exc_args(e);
    let t = vm.type_of(e);
    if t.is_subtype(&vm.t.os_error) && args.len() == 5 && !args[4].is_none() {
        // OSError(errno, strerror, filename, winerror, filename2), as from os.rename.
        let en = crate::ops::to_str(vm, &args[0])?;
        let se = crate::ops::to_str(vm, &args[1])?;
        let f = crate::ops::repr(vm, &args[2])?;
        let f2 = crate::ops::repr(vm, &args[4])?;
        return Ok(format!("[Errno {en}] {se}: {f} -> {f2}"));
    }
    if t.is_subtype(&vm.t.os_error) && (2..=3).contains(&args.len()) {
        let en = crate::ops::to_str(vm, &args[0])?;
        let se = crate::ops::to_str(vm, &args[1])?;
        if args.len() == 3 {
            let f = crate::ops::repr(vm, &args[2])?;
            return Ok(format!("[Errno {en}] {se}: {f}"));
        }
        return Ok(format!("[Errno {en}] {se}"));
    }
    if args.len() == 5 && t.is_subtype(&vm.t.unicode_error) {
        if let (Value::Str(enc), Value::Int(a), Value::Int(b), Value::Str(reason)) =
            (&args[0], &args[2], &args[3], &args[4])
        {
            let tn = t.name();
            let byte = match &args[1] {
                Value::Obj(o) => match &**o {
                    Object::Bytes(bs) => bs.get(*a as usize).copied(),
                    _ => None,
                },
                _ => None,
            };
            if tn.contains("Decode") {
                if b - a == 1 {
                    if let Some(x) = byte {
                        return Ok(format!(
                            "'{}' codec can't decode byte {x:#04x} in position {a}: {}",
                            enc.as_str(),
                            reason.as_str()
                        ));
                    }
                }
                return Ok(format!(
                    "'{}' codec can't decode bytes in position {a}-{}: {}",
                    enc.as_str(),
                    b - 1,
                    reason.as_str()
                ));
            }
        }
    }
    if t.is_subtype(&vm.t.key_error) && args.len() == 1 {
        return crate::ops::repr(vm, &args[0]);
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

fn with_traceback(vm: &mut Vm, args: Vec<Value>, _kw: Kw) -> PyResult<Value> {
    let e = args.first().cloned().unwrap_or(Value::None);
    if let Some(d) = exc_data(&e) {
        set_traceback(vm, d, &args.get(1).cloned().unwrap_or(Value::None))?;
    }
    Ok(e)
}

/// Sets the traceback of exception `e` from traceback object `tb` (or None).
pub fn set_traceback_attr(vm: &mut Vm, e: &Value, tb: &Value) -> PyResult<()> {
    match exc_data(e) {
        Some(d) => set_traceback(vm, d, tb),
        None => Ok(()),
    }
}

/// Replaces an exception's traceback entries with those of traceback object `tb` (or none).
fn set_traceback(vm: &mut Vm, d: &RefCell<ExcData>, tb: &Value) -> PyResult<()> {
    if tb.is_none() {
        d.borrow_mut().traceback.clear();
        return Ok(());
    }
    match crate::frameobj::entries_of(vm, tb) {
        Some(entries) => {
            d.borrow_mut().traceback = entries;
            Ok(())
        }
        None => Err(vm.type_error("__traceback__ must be a traceback or None")),
    }
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
    drop(d);
    crate::egroup::init(vm);
}

/// Sets `name` (and `path`) on an ImportError instance.
pub fn set_import_info(e: &Value, name: &str, path: Option<&str>) {
    if let Value::Inst(i) = e {
        let mut d = i.dict.borrow_mut();
        d.set_str(crate::value::s("name"), Value::str(name));
        d.set_str(crate::value::s("path"), path.map(Value::str).unwrap_or(Value::None));
    }
}

/// True while module `m`'s body is still executing (a circular import).
pub fn module_initializing(vm: &Vm, m: &Value) -> bool {
    let Value::Obj(o) = m else { return false };
    let Object::Module { dict, .. } = &**o else { return false };
    vm.frames.iter().any(|f| Rc::ptr_eq(&f.globals, dict))
}

/// `OSError(errno, ...)` picks the subclass matching errno (2 gives FileNotFoundError...).
pub fn os_error_subclass(vm: &Vm, t: &Rc<Type>, args: &[Value]) -> Rc<Type> {
    if !Rc::ptr_eq(t, &vm.t.os_error) || args.len() < 2 {
        return t.clone();
    }
    let Value::Int(n) = args[0] else { return t.clone() };
    let name = match n {
        2 => "FileNotFoundError",
        17 => "FileExistsError",
        13 | 1 => "PermissionError",
        21 => "IsADirectoryError",
        20 => "NotADirectoryError",
        3 => "ProcessLookupError",
        110 => "TimeoutError",
        4 => "InterruptedError",
        11 | 115 | 114 => "BlockingIOError",
        10 => "ChildProcessError",
        32 => "BrokenPipeError",
        111 => "ConnectionRefusedError",
        104 => "ConnectionResetError",
        103 => "ConnectionAbortedError",
        _ => return t.clone(),
    };
    vm.t.all_exc.iter().find(|x| x.name() == name).cloned().unwrap_or_else(|| t.clone())
}

/// CPython's `_PyObject_FunctionStr`: `module.qualname()` (no module for builtins).
pub fn function_str(vm: &mut Vm, f: &Value) -> String {
    let q = crate::attr::getattr_opt(vm, f, &crate::value::s("__qualname__")).ok().flatten();
    let Some(Value::Str(q)) = q else {
        return crate::ops::to_str(vm, f).unwrap_or_default();
    };
    let m = crate::attr::getattr_opt(vm, f, &crate::value::s("__module__")).ok().flatten();
    match m {
        Some(Value::Str(m)) if m.as_str() != "builtins" => format!("{}.{}()", m.as_str(), q.as_str()),
        _ => format!("{}()", q.as_str()),
    }
}

/// Rewrites a DICT_MERGE error (`f(**m)`) the way CPython words it.
pub fn kwargs_error(vm: &mut Vm, e: Value, f: &Value, m: &Value) -> Value {
    let te = vm.t.type_error.clone();
    if !vm.exc_matches(&e, &te) {
        return e;
    }
    let msg = exc_str(vm, &e).unwrap_or_default();
    if msg.starts_with("got multiple values") {
        let fs = function_str(vm, f);
        return vm.type_error(format!("{fs} {msg}"));
    }
    if msg.ends_with("is not a mapping") {
        let fs = function_str(vm, f);
        let tn = vm.type_name(m);
        return vm.type_error(format!("{fs} argument after ** must be a mapping, not {tn}"));
    }
    e
}

/// Records where a NameError for `name` happened (for the "Did you mean" hint).
pub fn attach_name_ctx(vm: &Vm, e: &Value, name: &str) {
    let (Value::Inst(i), Some(f)) = (e, vm.frames.last()) else { return };
    if let Some(d) = &i.exc {
        d.borrow_mut().suggest =
            Some(crate::suggest::Suggest::Name(f.code.clone(), f.globals.clone(), name.to_string()));
    }
}

/// Records the object and name of an AttributeError (`e.obj`, `e.name`, the hint).
pub fn attach_attr_ctx(e: &Value, obj: &Value, name: &str) {
    if let Value::Inst(i) = e {
        if let Some(d) = &i.exc {
            d.borrow_mut().suggest = Some(crate::suggest::Suggest::Attr(obj.clone(), name.to_string()));
        }
    }
}
