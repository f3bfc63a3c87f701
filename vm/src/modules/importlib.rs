//! The `importlib` module (`import_module`, `reload`, `invalidate_caches`) and the
//! `__import__` builtin, over the import system of [`super`].

use crate::object::{new_dict, Object};
use crate::value::{s, PyStr, Value};
use crate::vm::{native, Kw, PyResult, Vm};

/// Argument `i` (positional) or keyword `name`.
fn arg(a: &[Value], k: &Kw, i: usize, name: &str) -> Option<Value> {
    a.get(i).cloned().or_else(|| k.iter().find(|(n, _)| n.as_str() == name).map(|(_, v)| v.clone()))
}

fn check_kwargs(vm: &mut Vm, fname: &str, k: &Kw, allowed: &[&str]) -> PyResult<()> {
    for (n, _) in k {
        if !allowed.contains(&n.as_str()) {
            return Err(vm.type_error(format!("{fname}() got an unexpected keyword argument '{}'", n.as_str())));
        }
    }
    Ok(())
}

/// `importlib.import_module(name, package=None)`: imports `name` (relative to `package` when it
/// starts with dots) and returns that module itself, not the top-level package.
fn import_module(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    check_kwargs(vm, "import_module", &k, &["name", "package"])?;
    if a.len() > 2 {
        return Err(
            vm.type_error(format!("import_module() takes from 1 to 2 positional arguments but {} were given", a.len()))
        );
    }
    let Some(name) = arg(&a, &k, 0, "name") else {
        return Err(vm.type_error("import_module() missing 1 required positional argument: 'name'"));
    };
    let package = arg(&a, &k, 1, "package").unwrap_or(Value::None);
    let Value::Str(name) = name else {
        let tn = vm.type_name(&name);
        return Err(vm.type_error(format!("module name must be str, not {tn}")));
    };
    let name = name.as_str().to_string();
    let level = name.chars().take_while(|c| *c == '.').count();
    let full = if level > 0 {
        let pkg = match &package {
            Value::Str(p) if !p.as_str().is_empty() => p.as_str().to_string(),
            Value::None | Value::Str(_) => {
                let r = crate::repr::str_repr(&name);
                return Err(
                    vm.type_error(format!("the 'package' argument is required to perform a relative import for {r}"))
                );
            }
            other => {
                let tn = vm.type_name(other);
                return Err(vm.type_error(format!("__package__ not set to a string, not {tn}")));
            }
        };
        let bits: Vec<&str> = pkg.rsplitn(level, '.').collect();
        if bits.len() < level {
            let t = vm.t.import_error.clone();
            return Err(vm.new_exc(&t, "attempted relative import beyond top-level package"));
        }
        let base = bits[bits.len() - 1];
        let rest = &name[level..];
        if rest.is_empty() {
            base.to_string()
        } else {
            format!("{base}.{rest}")
        }
    } else {
        name.clone()
    };
    if full.is_empty() {
        return Err(vm.value_error("Empty module name"));
    }
    super::load_module(vm, &full)
}

/// `importlib.reload(module)`: runs the module's code again in its existing namespace.
fn reload(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let m = a.into_iter().next().unwrap_or(Value::None);
    let Value::Obj(o) = &m else {
        return Err(vm.type_error("reload() argument must be a module"));
    };
    let Object::Module { name, dict } = &**o else {
        return Err(vm.type_error("reload() argument must be a module"));
    };
    let name = name.clone();
    let dict = dict.clone();
    let present = matches!(vm.modules.borrow().get_str(&PyStr::new(name.as_str())), Some(v) if v.is(&m));
    if !present {
        let t = vm.t.import_error.clone();
        let e = vm.new_exc(&t, format!("module {name} not in sys.modules"));
        crate::exceptions::set_import_info(&e, &name, None);
        return Err(e);
    }
    let dirs = match name.rsplit_once('.') {
        Some((parent, _)) => {
            let pm = vm.modules.borrow().get_str(&PyStr::new(parent)).cloned();
            pm.map(|p| super::str_list(super::module_attr(&p, "__path__"))).unwrap_or_default()
        }
        None => super::sys_path(vm),
    };
    let Some(found) = super::find_module(vm, &name, &dirs) else {
        return Err(super::module_not_found(vm, &name));
    };
    let code = super::load_found_code(vm, &found);
    super::exec_code(vm, code, dict)?;
    Ok(vm.modules.borrow().get_str(&PyStr::new(name.as_str())).cloned().unwrap_or(m))
}

fn invalidate_caches(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::None)
}

/// The `__import__(name, globals=None, locals=None, fromlist=(), level=0)` builtin.
pub fn builtin_import(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    check_kwargs(vm, "__import__", &k, &["name", "globals", "locals", "fromlist", "level"])?;
    let Some(name) = arg(&a, &k, 0, "name") else {
        return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
    };
    let Value::Str(name) = name else {
        let tn = vm.type_name(&name);
        return Err(vm.type_error(format!("__import__() argument 1 must be str, not {tn}")));
    };
    let globals = match arg(&a, &k, 1, "globals") {
        Some(Value::Dict(d)) => d,
        _ => new_dict(),
    };
    let fromlist = arg(&a, &k, 3, "fromlist").unwrap_or(Value::None);
    let level = arg(&a, &k, 4, "level").unwrap_or(Value::Int(0));
    let level = match level {
        Value::Int(i) if i < 0 => return Err(vm.value_error("level must be >= 0")),
        Value::Int(i) => Value::Int(i),
        Value::Bool(b) => Value::Int(b as i64),
        other => {
            let tn = vm.type_name(&other);
            return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
        }
    };
    if name.as_str().is_empty() && matches!(level, Value::Int(0)) {
        return Err(vm.value_error("Empty module name"));
    }
    super::import_impl(vm, &name, &fromlist, &level, &globals)
}

/// Builds the `importlib` module.
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("importlib");
    let mut d = d.borrow_mut();
    d.set_str(s("import_module"), native("import_module", import_module));
    d.set_str(s("reload"), native("reload", reload));
    d.set_str(s("invalidate_caches"), native("invalidate_caches", invalidate_caches));
    d.set_str(s("__package__"), Value::str("importlib"));
    d.set_str(s("__path__"), Value::list(vec![]));
    m
}
