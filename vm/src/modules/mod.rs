//! Native modules (`sys`, `math`), the import system over the `.pyb` bundle, and running the
//! main module.

pub mod math;
pub mod sys;

use std::rc::Rc;

use crate::object::{new_dict, Object};
use crate::value::{s, DictRef, PyStr, Value};
use crate::vm::{PyResult, Vm};

/// Registers the native modules in `sys.modules`.
pub fn init(vm: &mut Vm) {
    let sysm = sys::make(vm);
    vm.modules.borrow_mut().set_str(s("sys"), sysm);
    let m = math::make(vm);
    vm.modules.borrow_mut().set_str(s("math"), m);
    let b = Value::obj(Object::Module { name: "builtins".into(), dict: vm.builtins.clone() });
    vm.modules.borrow_mut().set_str(s("builtins"), b);
}

/// Creates a module object with a fresh namespace.
pub fn new_module(name: &str) -> (Value, DictRef) {
    let d = new_dict();
    d.borrow_mut().set_str(s("__name__"), Value::str(name));
    d.borrow_mut().set_str(s("__doc__"), Value::None);
    (Value::obj(Object::Module { name: name.to_string(), dict: d.clone() }), d)
}

/// `sys.stdout` as currently set.
pub fn sys_stdout(vm: &mut Vm) -> Value {
    let m = vm.modules.borrow().get_str(&PyStr::new("sys")).cloned();
    if let Some(Value::Obj(o)) = m {
        if let Object::Module { dict, .. } = &*o {
            if let Some(v) = dict.borrow().get_str(&PyStr::new("stdout")) {
                return v.clone();
            }
        }
    }
    Value::None
}

/// A source line for tracebacks, when the bundle embeds sources.
pub fn source_line(vm: &Vm, filename: &str, line: u32) -> Option<String> {
    let b = vm.bundle.as_ref()?;
    let m = b.table.modules.iter().find(|m| m.filename == filename)?;
    let src = m.source.as_ref()?;
    src.lines().nth(line.checked_sub(1)? as usize).map(|l| l.to_string())
}

fn module_not_found(vm: &mut Vm, name: &str) -> Value {
    let t = vm.t.module_not_found_error.clone();
    let e = vm.new_exc(&t, format!("No module named '{name}'"));
    set_import_name(&e, name);
    e
}

fn set_import_name(e: &Value, name: &str) {
    if let Value::Inst(i) = e {
        i.dict.borrow_mut().set_str(s("name"), Value::str(name));
    }
}

/// Loads (or finds in sys.modules) the module with the full dotted `name`.
pub fn load_module(vm: &mut Vm, name: &str) -> PyResult<Value> {
    if let Some(m) = vm.modules.borrow().get_str(&PyStr::new(name)) {
        return Ok(m.clone());
    }
    if let Some((parent, _)) = name.rsplit_once('.') {
        let pm = load_module(vm, parent)?;
        if let Some(m) = vm.modules.borrow().get_str(&PyStr::new(name)) {
            return Ok(m.clone());
        }
        let is_pkg = match &pm {
            Value::Obj(o) => match &**o {
                Object::Module { dict, .. } => dict.borrow().get_str(&PyStr::new("__path__")).is_some(),
                _ => false,
            },
            _ => false,
        };
        if !is_pkg {
            let t = vm.t.module_not_found_error.clone();
            let e = vm.new_exc(&t, format!("No module named '{name}'; '{parent}' is not a package"));
            set_import_name(&e, name);
            return Err(e);
        }
    }
    let Some(bundle) = vm.bundle.clone() else {
        return Err(module_not_found(vm, name));
    };
    let Some(idx) = bundle.find(name) else {
        return Err(module_not_found(vm, name));
    };
    let entry = bundle.table.modules[idx].clone();
    let co = match bundle.load_module(idx) {
        Ok(c) => c,
        Err(e) => {
            let t = vm.t.import_error.clone();
            return Err(vm.new_exc(&t, format!("cannot load module '{name}': {e}")));
        }
    };
    let code = match crate::loader::load_code(vm, co) {
        Ok(c) => c,
        Err(e) => {
            let t = vm.t.import_error.clone();
            return Err(vm.new_exc(&t, format!("bad bytecode in module '{name}': {e}")));
        }
    };
    let (m, d) = new_module(name);
    d.borrow_mut().set_str(s("__file__"), Value::str(entry.filename.as_str()));
    let pkg = if entry.is_package { name.to_string() } else { name.rsplit_once('.').map(|x| x.0.to_string()).unwrap_or_default() };
    d.borrow_mut().set_str(s("__package__"), Value::str(pkg));
    if entry.is_package {
        d.borrow_mut().set_str(s("__path__"), Value::list(vec![]));
    }
    vm.modules.borrow_mut().set_str(s(name), m.clone());
    let r = exec_code(vm, code, d.clone());
    if let Err(e) = r {
        vm.modules.borrow_mut().del_str(&PyStr::new(name));
        return Err(e);
    }
    // Bind as attribute of the parent package.
    if let Some((parent, leaf)) = name.rsplit_once('.') {
        if let Some(Value::Obj(p)) = vm.modules.borrow().get_str(&PyStr::new(parent)).cloned() {
            if let Object::Module { dict, .. } = &*p {
                dict.borrow_mut().set_str(s(leaf), m.clone());
            }
        }
    }
    Ok(vm.modules.borrow().get_str(&PyStr::new(name)).cloned().unwrap_or(m))
}

/// Runs a module body in `globals`.
pub fn exec_code(vm: &mut Vm, code: Rc<crate::object::Code>, globals: DictRef) -> PyResult<Value> {
    vm.enter_native()?;
    crate::interp::push_code_frame(vm, code, globals.clone(), Some(Value::Dict(globals)));
    let r = crate::interp::run(vm, None);
    vm.native_depth -= 1;
    r
}

fn resolve_name(vm: &mut Vm, name: &str, level: i64, globals: &DictRef) -> PyResult<String> {
    if level <= 0 {
        return Ok(name.to_string());
    }
    let pkg = match globals.borrow().get_str(&PyStr::new("__package__")) {
        Some(Value::Str(p)) => p.as_str().to_string(),
        _ => String::new(),
    };
    let pkg = if pkg.is_empty() {
        match globals.borrow().get_str(&PyStr::new("__name__")) {
            Some(Value::Str(n)) => n.as_str().rsplit_once('.').map(|x| x.0.to_string()).unwrap_or_default(),
            _ => String::new(),
        }
    } else {
        pkg
    };
    if pkg.is_empty() {
        let t = vm.t.import_error.clone();
        return Err(vm.new_exc(&t, "attempted relative import with no known parent package"));
    }
    let mut base = pkg.as_str();
    for _ in 1..level {
        match base.rsplit_once('.') {
            Some((b, _)) => base = b,
            None => {
                let t = vm.t.import_error.clone();
                return Err(vm.new_exc(&t, "attempted relative import beyond top-level package"));
            }
        }
    }
    Ok(if name.is_empty() { base.to_string() } else { format!("{base}.{name}") })
}

/// IMPORT_NAME.
pub fn import(vm: &mut Vm, name: &PyStr, fromlist: &Value, level: &Value, globals: &DictRef) -> PyResult<Value> {
    let level = match level {
        Value::Int(i) => *i,
        _ => 0,
    };
    let full = resolve_name(vm, name.as_str(), level, globals)?;
    let m = load_module(vm, &full)?;
    let has_from = match fromlist {
        Value::None => false,
        Value::Tuple(t) => !t.is_empty(),
        _ => true,
    };
    if has_from {
        return Ok(m);
    }
    if level > 0 {
        return Ok(m);
    }
    let top = full.split('.').next().unwrap_or(&full).to_string();
    load_module(vm, &top)
}

/// IMPORT_FROM.
pub fn import_from(vm: &mut Vm, m: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
    if let Some(v) = crate::attr::getattr_opt(vm, m, name)? {
        return Ok(v);
    }
    let (mname, file) = match m {
        Value::Obj(o) => match &**o {
            Object::Module { name, dict } => (
                name.clone(),
                match dict.borrow().get_str(&PyStr::new("__file__")) {
                    Some(Value::Str(f)) => f.as_str().to_string(),
                    _ => String::new(),
                },
            ),
            _ => (String::new(), String::new()),
        },
        _ => (String::new(), String::new()),
    };
    let sub = format!("{mname}.{}", name.as_str());
    if let Some(b) = &vm.bundle {
        if b.find(&sub).is_some() {
            return load_module(vm, &sub);
        }
    }
    let t = vm.t.import_error.clone();
    let loc = if file.is_empty() { "unknown location".to_string() } else { file };
    let e = vm.new_exc(&t, format!("cannot import name '{}' from '{mname}' ({loc})", name.as_str()));
    set_import_name(&e, &mname);
    Err(e)
}

/// IMPORT_STAR.
pub fn import_star(vm: &mut Vm, fi: usize, m: &Value) -> PyResult<()> {
    let Value::Obj(o) = m else { return Ok(()) };
    let Object::Module { dict, .. } = &**o else { return Ok(()) };
    let all = dict.borrow().get_str(&PyStr::new("__all__")).cloned();
    let names: Vec<(Value, Value)> = match all {
        Some(a) => {
            let mut out = Vec::new();
            for n in crate::ops::to_vec(vm, &a)? {
                if let Value::Str(s) = &n {
                    let v = dict.borrow().get_str(s).cloned();
                    match v {
                        Some(v) => out.push((n.clone(), v)),
                        None => {
                            let t = vm.t.attribute_error.clone();
                            return Err(vm.new_exc(&t, format!("module has no attribute '{}'", s.as_str())));
                        }
                    }
                }
            }
            out
        }
        None => dict
            .borrow()
            .items()
            .into_iter()
            .filter(|(k, _)| matches!(k, Value::Str(s) if !s.as_str().starts_with('_')))
            .collect(),
    };
    let target = match &vm.frames[fi].locals {
        Some(Value::Dict(d)) => d.clone(),
        _ => vm.frames[fi].globals.clone(),
    };
    for (k, v) in names {
        if let Value::Str(s) = k {
            target.borrow_mut().set_str(s, v);
        }
    }
    Ok(())
}

/// Runs the bundle's main module as `__main__`; returns the process exit code.
pub fn run_main(vm: &mut Vm, bundle: Rc<format::PybFile>, argv: Vec<String>) -> i32 {
    vm.bundle = Some(bundle.clone());
    vm.argv = argv.clone();
    sys::set_argv(vm, &argv);
    let Some(main_idx) = bundle.table.main else {
        vm.write_err(&format!("pvm: {}: no main module in the bundle\n", argv.first().cloned().unwrap_or_default()));
        return 2;
    };
    let entry = bundle.table.modules[main_idx as usize].clone();
    let co = match bundle.load_module(main_idx as usize) {
        Ok(c) => c,
        Err(e) => {
            vm.write_err(&format!("pvm: {}: {e}\n", argv.first().cloned().unwrap_or_default()));
            return 2;
        }
    };
    let code = match crate::loader::load_code(vm, co) {
        Ok(c) => c,
        Err(e) => {
            vm.write_err(&format!("pvm: {}: bad bytecode: {e}\n", argv.first().cloned().unwrap_or_default()));
            return 2;
        }
    };
    vm.main_filename = entry.filename.clone();
    let (m, d) = new_module("__main__");
    d.borrow_mut().set_str(s("__file__"), Value::str(entry.filename.as_str()));
    d.borrow_mut().set_str(s("__builtins__"), vm.modules.borrow().get_str(&PyStr::new("builtins")).cloned().unwrap_or(Value::None));
    d.borrow_mut().set_str(s("__package__"), Value::None);
    vm.modules.borrow_mut().set_str(s("__main__"), m);
    let r = exec_code(vm, code, d);
    let code = match r {
        Ok(_) => 0,
        Err(e) => handle_uncaught(vm, &e),
    };
    vm.flush_out();
    code
}

/// Prints an uncaught exception (or handles SystemExit); returns the exit code.
pub fn handle_uncaught(vm: &mut Vm, e: &Value) -> i32 {
    let se = vm.t.system_exit.clone();
    if vm.exc_matches(e, &se) {
        let args = crate::exceptions::exc_args(e);
        let code = if args.len() > 1 { Value::tuple(args) } else { args.into_iter().next().unwrap_or(Value::None) };
        return match code {
            Value::None => 0,
            Value::Int(i) => i as i32,
            Value::Bool(b) => b as i32,
            other => {
                let s = crate::ops::to_str(vm, &other).unwrap_or_default();
                vm.write_err(&format!("{s}\n"));
                1
            }
        };
    }
    let text = crate::exceptions::format_exception(vm, e);
    vm.write_err(&text);
    1
}
