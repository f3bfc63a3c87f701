//! Native modules (`sys`, `math`), the import system over the `.pyb` bundle, and running the
//! main module.

pub mod array;
pub mod atexit;
pub mod binascii;
pub mod cmath;
pub mod collections;
pub mod datautil;
pub mod errno;
pub mod gc;
pub mod hashlib;
pub mod heapq;
pub mod importlib;
pub mod io;
pub mod itertools;
pub mod json;
pub mod math;
pub mod matherf;
pub mod mathgamma;
pub mod posix;
pub mod pvm_native;
pub mod pvminfo;
pub mod random;
pub mod reduce;
pub mod signal;
pub mod sre;
pub mod string_mod;
pub mod structmod;
pub mod sys;
pub mod thread;
pub mod time;
pub mod weakref;

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
    let imp = crate::vm::native("__import__", importlib::builtin_import);
    vm.builtins.borrow_mut().set_str(s("__import__"), imp);
}

/// Creates a module object with a fresh namespace.
pub fn new_module(name: &str) -> (Value, DictRef) {
    let d = new_dict();
    d.borrow_mut().set_str(s("__name__"), Value::str(name));
    d.borrow_mut().set_str(s("__doc__"), Value::None);
    // pvm has no module specs or loader objects: both are None, as for CPython's `__main__`
    // run from a file (`__spec__`) and modules created by hand.
    d.borrow_mut().set_str(s("__spec__"), Value::None);
    d.borrow_mut().set_str(s("__loader__"), Value::None);
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

/// A source line for tracebacks, when the bundle (or a file loaded from the search path) embeds
/// sources.
pub fn source_line(vm: &Vm, filename: &str, line: u32) -> Option<String> {
    let find = |b: &format::PybFile| -> Option<String> {
        let m = b.table.modules.iter().find(|m| m.filename == filename)?;
        let src = m.source.as_ref()?;
        src.lines().nth(line.checked_sub(1)? as usize).map(|l| l.to_string())
    };
    if let Some(b) = vm.bundle.as_ref() {
        if let Some(l) = find(b) {
            return Some(l);
        }
    }
    LOADED.with(|l| l.borrow().iter().find_map(|(_, f)| find(f)))
}

/// The whole source text of `filename`, when the bundle (or a file loaded from the search path)
/// embeds it.
pub fn source_text(vm: &Vm, filename: &str) -> Option<String> {
    let find = |b: &format::PybFile| -> Option<String> {
        let m = b.table.modules.iter().find(|m| m.filename == filename)?;
        m.source.as_ref().map(|s| s.to_string())
    };
    if let Some(b) = vm.bundle.as_ref() {
        if let Some(t) = find(b) {
            return Some(t);
        }
    }
    LOADED.with(|l| l.borrow().iter().find_map(|(_, f)| find(f)))
}

thread_local! {
    /// Every `.pyb` file opened so far (the main file first), with the path it was opened from:
    /// kept alive for source lines and for refusal messages naming the file.
    static LOADED: std::cell::RefCell<Vec<(String, Rc<format::PybFile>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn remember_file(path: &str, f: &Rc<format::PybFile>) {
    LOADED.with(|l| l.borrow_mut().push((path.to_string(), f.clone())));
}

fn file_path(f: &Rc<format::PybFile>) -> String {
    LOADED.with(|l| {
        l.borrow().iter().find(|(_, g)| Rc::ptr_eq(f, g)).map(|(p, _)| p.clone()).unwrap_or_else(|| "<bundle>".into())
    })
}

/// A file pvm refuses (bad header, checksum or code): one line on stderr, exit status 2. The
/// program's output so far is flushed first.
pub fn refuse(vm: &mut Vm, file: &str, err: &dyn std::fmt::Display) -> ! {
    vm.write_err(&format!("pvm: {file}: {err}\n"));
    vm.flush_out();
    std::process::exit(2)
}

/// Where the code of a module comes from: entry `index` of `file`.
#[derive(Clone)]
pub struct Found {
    /// The bundle or tree file holding the module.
    pub file: Rc<format::PybFile>,
    /// Index of the module in the file's module table.
    pub index: usize,
    /// For a package found on the search path, the directory that becomes its `__path__`.
    pub pkg_dir: Option<String>,
    /// The path of the `.pyb` file (for `sys.argv[0]` under `-m` and for messages).
    pub path: String,
}

impl Found {
    /// True when the module is a package (`__init__`).
    pub fn is_package(&self) -> bool {
        self.pkg_dir.is_some() || self.file.table.modules.get(self.index).is_some_and(|m| m.is_package)
    }
}

/// The string entries of a list-valued attribute (`sys.path`, a package's `__path__`).
pub(crate) fn str_list(v: Option<Value>) -> Vec<String> {
    match v {
        Some(Value::List(l)) => l
            .borrow()
            .iter()
            .filter_map(|x| match x {
                Value::Str(s) => Some(s.as_str().to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn module_attr(m: &Value, attr: &str) -> Option<Value> {
    match m {
        Value::Obj(o) => match &**o {
            Object::Module { dict, .. } => dict.borrow().get_str(&PyStr::new(attr)).cloned(),
            _ => None,
        },
        _ => None,
    }
}

/// The current `sys.path` (only its string entries).
pub fn sys_path(vm: &Vm) -> Vec<String> {
    let sysm = vm.modules.borrow().get_str(&PyStr::new("sys")).cloned();
    sysm.map(|m| str_list(module_attr(&m, "path"))).unwrap_or_default()
}

/// Sets `sys.path`.
pub fn set_sys_path(vm: &mut Vm, entries: &[String]) {
    let sysm = vm.modules.borrow().get_str(&PyStr::new("sys")).cloned();
    if let Some(Value::Obj(o)) = sysm {
        if let Object::Module { dict, .. } = &*o {
            dict.borrow_mut().set_str(s("path"), Value::list(entries.iter().map(|e| Value::str(e.as_str())).collect()));
        }
    }
}

/// Opens a `.pyb` file found on the search path (refusing a damaged one) and picks the entry
/// for module `name`.
fn open_tree_file(vm: &mut Vm, path: &std::path::Path, name: &str, pkg_dir: Option<String>) -> Option<Found> {
    if !path.is_file() {
        return None;
    }
    let shown = path.display().to_string();
    let existing = LOADED.with(|l| l.borrow().iter().find(|(p, _)| *p == shown).map(|(_, f)| f.clone()));
    let file = match existing {
        Some(f) => f,
        None => match format::PybFile::open(path) {
            Ok(f) => {
                let f = Rc::new(f);
                remember_file(&shown, &f);
                f
            }
            Err(e) => refuse(vm, &shown, &e),
        },
    };
    let index = match file.find(name) {
        Some(i) => i,
        // A single-module file compiled on its own (`__main__`): the file name decides.
        None if file.table.modules.len() == 1 => 0,
        None => return None,
    };
    Some(Found { file, index, pkg_dir, path: shown })
}

/// Finds module `name` (a full dotted name): in the main bundle first, then as
/// `DIR/leaf/__init__.pyb` or `DIR/leaf.pyb` in each directory of `dirs` (the parent package's
/// `__path__`, or `sys.path` for a top-level module). Nothing is decoded.
pub fn find_module(vm: &mut Vm, name: &str, dirs: &[String]) -> Option<Found> {
    if let Some(b) = vm.bundle.clone() {
        if let Some(index) = b.find(name) {
            let path = file_path(&b);
            return Some(Found { file: b, index, pkg_dir: None, path });
        }
    }
    let leaf = name.rsplit('.').next().unwrap_or(name);
    if leaf.is_empty() || leaf.contains(['/', '\\', '\0']) || leaf == ".." || leaf == "." {
        return None;
    }
    for d in dirs {
        let dir = if d.is_empty() { std::path::PathBuf::from(".") } else { std::path::PathBuf::from(d) };
        let pkg = dir.join(leaf);
        let init = pkg.join("__init__.pyb");
        if let Some(f) = open_tree_file(vm, &init, name, Some(pkg.display().to_string())) {
            return Some(f);
        }
        if let Some(f) = open_tree_file(vm, &dir.join(format!("{leaf}.pyb")), name, None) {
            return Some(f);
        }
    }
    find_frozen(vm, name)
}

/// Finds module `name` in the frozen standard library embedded in pvm (decoded lazily: the
/// first lookup checks the image's header, checksum and module table).
fn find_frozen(vm: &mut Vm, name: &str) -> Option<Found> {
    if vm.frozen.is_none() {
        match format::PybFile::from_static(stdlib::FROZEN) {
            Ok(f) => {
                let f = Rc::new(f);
                remember_file("<frozen>", &f);
                vm.frozen = Some(f);
            }
            Err(e) => refuse(vm, "<frozen>", &e),
        }
    }
    let f = vm.frozen.clone()?;
    let index = f.find(name)?;
    Some(Found { file: f, index, pkg_dir: None, path: "<frozen>".into() })
}

/// Decodes and verifies module `found`, refusing the file (exit 2) if verification fails.
pub(crate) fn load_found_code(vm: &mut Vm, found: &Found) -> Rc<crate::object::Code> {
    let co = match format::verify::load_verified(&found.file, found.index) {
        Ok(c) => c,
        Err(e) => refuse(vm, &found.path, &e),
    };
    match crate::loader::load_code(vm, co) {
        Ok(c) => c,
        Err(e) => refuse(vm, &found.path, &e),
    }
}

/// `ModuleNotFoundError: No module named 'name'` (with CPython's "is not a package" variant).
pub fn module_not_found(vm: &mut Vm, name: &str) -> Value {
    // A dotted name whose parent is a plain module: "...; 'parent' is not a package".
    let mut msg = format!("No module named '{name}'");
    if let Some((parent, _)) = name.rsplit_once('.') {
        if let Some(p) = vm.modules.borrow().get_str(&PyStr::new(parent)).cloned() {
            if matches!(p, Value::Obj(ref o) if matches!(&**o, Object::Module { .. }))
                && module_attr(&p, "__path__").is_none()
            {
                msg = format!("No module named '{name}'; '{parent}' is not a package");
            }
        }
    }
    let t = vm.t.module_not_found_error.clone();
    let e = vm.new_exc(&t, msg);
    crate::exceptions::set_import_info(&e, name, None);
    e
}

/// Native modules created when first imported.
fn native_module(vm: &mut Vm, name: &str) -> Option<Value> {
    match name {
        "importlib" => Some(importlib::make(vm)),
        "_thread" => Some(thread::make(vm)),
        "_weakref" => Some(weakref::make(vm)),
        "atexit" => Some(atexit::make(vm)),
        "_pvminfo" => Some(pvminfo::make(vm)),
        "_string" => Some(string_mod::make(vm)),
        "posix" => Some(posix::make(vm)),
        "errno" => Some(errno::make(vm)),
        "_io" => Some(io::make(vm)),
        "_signal" => Some(signal::make(vm)),
        "gc" => Some(gc::make(vm)),
        "itertools" => Some(itertools::make(vm)),
        "_collections" => Some(collections::make(vm)),
        "_pvm" => Some(pvm_native::make(vm)),
        "array" => Some(array::make_module(vm)),
        "_heapq" => Some(heapq::make(vm)),
        "_sre" => Some(sre::make(vm)),
        "_time" => Some(time::make(vm)),
        "_random" => Some(random::make(vm)),
        "_struct" => Some(structmod::make(vm)),
        "binascii" => Some(binascii::make(vm)),
        "cmath" => Some(cmath::make(vm)),
        "_json" => Some(json::make(vm)),
        "_md5" | "_sha1" | "_sha256" | "_sha512" | "_sha3" | "_blake2" => Some(hashlib::make(vm, name)),
        _ => None,
    }
}

/// A namespace package (PEP 420), made when no regular module or package `name` exists but the
/// bundle has modules under `name.` or a search directory has a subdirectory named like it.
/// Its `__path__` lists those directories; `__file__` is None.
fn namespace_package(vm: &mut Vm, name: &str, dirs: &[String]) -> Option<Value> {
    let leaf = name.rsplit('.').next().unwrap_or(name);
    if leaf.is_empty() || leaf.contains(['/', '\\', '\0']) || leaf == ".." || leaf == "." {
        return None;
    }
    let prefix = format!("{name}.");
    let in_bundle = vm.bundle.as_ref().is_some_and(|b| {
        let mods = &b.table.modules;
        let i = mods.partition_point(|m| m.name.as_str() < prefix.as_str());
        mods.get(i).is_some_and(|m| m.name.starts_with(&prefix))
    });
    let portions: Vec<String> = dirs
        .iter()
        .map(|d| std::path::Path::new(if d.is_empty() { "." } else { d }).join(leaf))
        .filter(|p| p.is_dir())
        .map(|p| p.display().to_string())
        .collect();
    if !in_bundle && portions.is_empty() {
        return None;
    }
    let (m, d) = new_module(name);
    d.borrow_mut().set_str(s("__file__"), Value::None);
    d.borrow_mut().set_str(s("__package__"), Value::str(name));
    d.borrow_mut().set_str(s("__path__"), Value::list(portions.iter().map(|p| Value::str(p.as_str())).collect()));
    vm.modules.borrow_mut().set_str(s(name), m.clone());
    bind_on_parent(vm, name, &m);
    Some(m)
}

/// Binds submodule `name` as an attribute of its parent package (`pkg.sub` on `pkg`).
fn bind_on_parent(vm: &mut Vm, name: &str, m: &Value) {
    let Some((parent, leaf)) = name.rsplit_once('.') else { return };
    let p = vm.modules.borrow().get_str(&PyStr::new(parent)).cloned();
    if let Some(Value::Obj(o)) = p {
        if let Object::Module { dict, .. } = &*o {
            dict.borrow_mut().set_str(s(leaf), m.clone());
        }
    }
}

/// `sys.modules[name]`, if present; `None` there blocks the import, as in CPython.
fn cached(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    let m = vm.modules.borrow().get_str(&PyStr::new(name)).cloned();
    match m {
        Some(Value::None) => {
            let t = vm.t.module_not_found_error.clone();
            let e = vm.new_exc(&t, format!("import of {name} halted; None in sys.modules"));
            crate::exceptions::set_import_info(&e, name, None);
            Err(e)
        }
        other => Ok(other),
    }
}

/// Loads (or finds in sys.modules) the module with the full dotted `name`.
pub fn load_module(vm: &mut Vm, name: &str) -> PyResult<Value> {
    if let Some(m) = cached(vm, name)? {
        return Ok(m);
    }
    let dirs = if let Some((parent, _)) = name.rsplit_once('.') {
        let pm = load_module(vm, parent)?;
        if let Some(m) = cached(vm, name)? {
            return Ok(m);
        }
        let path = module_attr(&pm, "__path__");
        if path.is_none() {
            let t = vm.t.module_not_found_error.clone();
            let e = vm.new_exc(&t, format!("No module named '{name}'; '{parent}' is not a package"));
            crate::exceptions::set_import_info(&e, name, None);
            return Err(e);
        }
        str_list(path)
    } else {
        if let Some(m) = native_module(vm, name) {
            vm.modules.borrow_mut().set_str(s(name), m.clone());
            return Ok(m);
        }
        sys_path(vm)
    };
    let Some(found) = find_module(vm, name, &dirs) else {
        if let Some(m) = namespace_package(vm, name, &dirs) {
            return Ok(m);
        }
        return Err(module_not_found(vm, name));
    };
    let code = load_found_code(vm, &found);
    let entry = found.file.table.modules[found.index].clone();
    let is_pkg = found.is_package();
    let (m, d) = new_module(name);
    d.borrow_mut().set_str(s("__file__"), Value::str(entry.filename.as_str()));
    let pkg =
        if is_pkg { name.to_string() } else { name.rsplit_once('.').map(|x| x.0.to_string()).unwrap_or_default() };
    d.borrow_mut().set_str(s("__package__"), Value::str(pkg));
    if is_pkg {
        let p: Vec<Value> = found.pkg_dir.iter().map(|p| Value::str(p.as_str())).collect();
        d.borrow_mut().set_str(s("__path__"), Value::list(p));
    }
    vm.modules.borrow_mut().set_str(s(name), m.clone());
    let r = exec_code(vm, code, d.clone());
    if let Err(e) = r {
        vm.modules.borrow_mut().del_str(&PyStr::new(name));
        return Err(e);
    }
    // The module as left in sys.modules (a module may replace itself there).
    let m = vm.modules.borrow().get_str(&PyStr::new(name)).cloned().unwrap_or(m);
    bind_on_parent(vm, name, &m);
    Ok(m)
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

/// IMPORT_NAME: calls `builtins.__import__` when a program replaced it, else [`import_impl`].
pub fn import(vm: &mut Vm, name: &PyStr, fromlist: &Value, level: &Value, globals: &DictRef) -> PyResult<Value> {
    // A program may replace `builtins.__import__`; the import statement then calls it.
    let hook = vm.builtins.borrow().get_str(&PyStr::new("__import__")).cloned();
    if let Some(h) = hook {
        let ours = matches!(&h, Value::Obj(o) if matches!(&**o, Object::Builtin(b) if b.name == "__import__"));
        if !ours {
            let args = vec![
                Value::str(name.as_str()),
                Value::Dict(globals.clone()),
                Value::None,
                fromlist.clone(),
                level.clone(),
            ];
            return vm.call(&h, args, Vec::new());
        }
    }
    import_impl(vm, name, fromlist, level, globals)
}

/// The import statement's work without the `builtins.__import__` hook (what the built-in
/// `__import__` does).
pub fn import_impl(vm: &mut Vm, name: &PyStr, fromlist: &Value, level: &Value, globals: &DictRef) -> PyResult<Value> {
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
        handle_fromlist(vm, &m, fromlist)?;
        return Ok(m);
    }
    if level > 0 {
        return Ok(m);
    }
    let top = full.split('.').next().unwrap_or(&full).to_string();
    load_module(vm, &top)
}

/// CPython's `_handle_fromlist`: for a package, imports each name of `fromlist` that is not
/// yet an attribute as a submodule (`*` stands for the names of `__all__`). A missing
/// submodule is not an error here: `IMPORT_FROM` reports the name.
fn handle_fromlist(vm: &mut Vm, m: &Value, fromlist: &Value) -> PyResult<()> {
    if module_attr(m, "__path__").is_none() {
        return Ok(());
    }
    let Some(Value::Str(mname)) = module_attr(m, "__name__") else { return Ok(()) };
    let names = crate::ops::to_vec(vm, fromlist)?;
    for n in names {
        let Value::Str(n) = n else {
            let tn = vm.type_name(&n);
            return Err(vm.type_error(format!("Item in {}.__all__ must be str, not {tn}", mname.as_str())));
        };
        if n.as_str() == "*" {
            if let Some(all) = module_attr(m, "__all__") {
                handle_fromlist(vm, m, &all)?;
            }
            continue;
        }
        if crate::attr::getattr_opt(vm, m, &n)?.is_some() {
            continue;
        }
        let sub = format!("{}.{}", mname.as_str(), n.as_str());
        if let Err(e) = load_module(vm, &sub) {
            let t = vm.t.module_not_found_error.clone();
            let missing = vm.exc_matches(&e, &t) && exc_name_is(&e, &sub);
            if !missing {
                return Err(e);
            }
        }
    }
    Ok(())
}

fn exc_name_is(e: &Value, name: &str) -> bool {
    match e {
        Value::Inst(i) => {
            matches!(i.dict.borrow().get_str(&PyStr::new("name")), Some(Value::Str(s)) if s.as_str() == name)
        }
        _ => false,
    }
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
    // A submodule imported by the fromlist (or earlier) but not bound on the package, e.g.
    // because the package's `__init__` deleted it or a circular import is in progress.
    let sub = format!("{mname}.{}", name.as_str());
    if let Some(v) = vm.modules.borrow().get_str(&PyStr::new(sub.as_str())).cloned() {
        return Ok(v);
    }
    let t = vm.t.import_error.clone();
    let loc = if file.is_empty() { "unknown location".to_string() } else { file.clone() };
    let initializing = crate::exceptions::module_initializing(vm, m);
    let msg = if initializing {
        format!("cannot import name '{}' from partially initialized module '{mname}' (most likely due to a circular import) ({loc})", name.as_str())
    } else {
        format!("cannot import name '{}' from '{mname}' ({loc})", name.as_str())
    };
    let e = vm.new_exc(&t, msg);
    crate::exceptions::set_import_info(&e, &mname, if file.is_empty() { None } else { Some(&file) });
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
                            let mname = match module_attr(m, "__name__") {
                                Some(Value::Str(n)) => n.as_str().to_string(),
                                _ => "?".to_string(),
                            };
                            return Err(vm.new_exc(&t, format!("module '{mname}' has no attribute '{}'", s.as_str())));
                        }
                    }
                } else {
                    let mname = match module_attr(m, "__name__") {
                        Some(Value::Str(n)) => n.as_str().to_string(),
                        _ => "?".to_string(),
                    };
                    let tn = vm.type_name(&n);
                    return Err(vm.type_error(format!("Item in {mname}.__all__ must be str, not {tn}")));
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

/// The `PVMPATH` entries (`:`-separated, empty entries skipped), like `PYTHONPATH`.
pub fn pvmpath() -> Vec<String> {
    std::env::var("PVMPATH")
        .map(|p| p.split(':').filter(|e| !e.is_empty()).map(|e| e.to_string()).collect())
        .unwrap_or_default()
}

fn absolute(p: &std::path::Path) -> std::path::PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The directory that roots the module tree a file belongs to: for a file holding the single
/// module `a.b.c` at `ROOT/a/b/c.pyb` (or package `a.b` at `ROOT/a/b/__init__.pyb`), `ROOT`;
/// otherwise (a bundle, or a file outside such a layout) the file's own directory.
pub fn tree_root(path: &std::path::Path, file: &format::PybFile, main: usize) -> std::path::PathBuf {
    let path = absolute(path);
    let dir = path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    let Some(entry) = file.table.modules.get(main) else { return dir };
    if file.table.modules.len() != 1 || entry.name == "__main__" {
        return dir;
    }
    let parts: Vec<&str> = entry.name.split('.').collect();
    // Directories that must name the packages: all but the leaf, or all for a package.
    let pkgs = if entry.is_package { &parts[..] } else { &parts[..parts.len() - 1] };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let expect_stem = if entry.is_package { "__init__" } else { parts[parts.len() - 1] };
    if stem != expect_stem {
        return dir;
    }
    let mut root = dir.clone();
    for p in pkgs.iter().rev() {
        if root.file_name().and_then(|n| n.to_str()) != Some(*p) {
            return dir;
        }
        match root.parent() {
            Some(r) => root = r.to_path_buf(),
            None => return dir,
        }
    }
    root
}

/// Executes `code` as the `__main__` module (`__file__` = `filename`, `__package__` =
/// `package`); returns the exit status.
fn exec_main(vm: &mut Vm, code: Rc<crate::object::Code>, filename: &str, package: Value) -> i32 {
    vm.main_filename = filename.to_string();
    let (m, d) = new_module("__main__");
    d.borrow_mut().set_str(s("__file__"), Value::str(filename));
    d.borrow_mut().set_str(
        s("__builtins__"),
        vm.modules.borrow().get_str(&PyStr::new("builtins")).cloned().unwrap_or(Value::None),
    );
    d.borrow_mut().set_str(s("__package__"), package);
    vm.modules.borrow_mut().set_str(s("__main__"), m);
    let r = exec_code(vm, code, d);
    let code = match r {
        Ok(_) => 0,
        Err(e) => handle_uncaught(vm, &e),
    };
    atexit::run_exitfuncs(vm);
    vm.flush_out();
    code
}

/// Runs the bundle's main module as `__main__`; returns the process exit code. `argv[0]` is the
/// file's path; `sys.path` is the tree root of the file (see [`tree_root`]) then `PVMPATH`.
pub fn run_main(vm: &mut Vm, bundle: Rc<format::PybFile>, argv: Vec<String>) -> i32 {
    let file = argv.first().cloned().unwrap_or_default();
    vm.bundle = Some(bundle.clone());
    remember_file(&file, &bundle);
    vm.argv = argv.clone();
    sys::set_argv(vm, &argv);
    let Some(main_idx) = bundle.table.main else {
        vm.write_err(&format!("pvm: {file}: no main module in the bundle\n"));
        return 2;
    };
    let main_idx = main_idx as usize;
    let mut path = vec![tree_root(std::path::Path::new(&file), &bundle, main_idx).display().to_string()];
    path.extend(pvmpath());
    set_sys_path(vm, &path);
    let found = Found { file: bundle.clone(), index: main_idx, pkg_dir: None, path: file.clone() };
    let code = load_found_code(vm, &found);
    let entry = bundle.table.modules[main_idx].clone();
    // A module of a tree knows its package, so its relative imports work as under `-m`.
    let package = if entry.is_package && entry.name != "__main__" {
        Value::str(entry.name.as_str())
    } else {
        match entry.name.rsplit_once('.') {
            Some((p, _)) => Value::str(p),
            None => Value::None,
        }
    };
    exec_main(vm, code, &entry.filename, package)
}

/// `pvm -m NAME [args]`: finds module `NAME` on `sys.path` (the current directory, then
/// `PVMPATH`) and runs it as `__main__`, as `python3 -m` does: parent packages are imported
/// first, and a package runs its `NAME.__main__` submodule. Returns the exit status.
pub fn run_module_main(vm: &mut Vm, name: &str, args: Vec<String>) -> i32 {
    let cwd = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_else(|_| ".".into());
    let mut path = vec![cwd];
    path.extend(pvmpath());
    set_sys_path(vm, &path);
    let mut argv = vec!["-m".to_string()];
    argv.extend(args.iter().cloned());
    vm.argv = argv.clone();
    sys::set_argv(vm, &argv);
    let mut name = name.to_string();
    loop {
        if name.is_empty() || name.starts_with('.') || name.ends_with('.') || name.contains("..") {
            vm.write_err("pvm: Relative module names not supported\n");
            return 1;
        }
        let dirs = if let Some((parent, _)) = name.rsplit_once('.') {
            match load_module(vm, parent) {
                Ok(pm) => {
                    let p = module_attr(&pm, "__path__");
                    if p.is_none() {
                        vm.write_err(&format!("pvm: Error while finding module specification for '{name}' (ModuleNotFoundError: __path__ attribute not found on '{parent}' while trying to find '{name}')\n"));
                        return 1;
                    }
                    str_list(p)
                }
                Err(e) => {
                    let t = vm.t.import_error.clone();
                    if vm.exc_matches(&e, &t) {
                        let ty = vm.type_name(&e);
                        let msg = crate::ops::to_str(vm, &e).unwrap_or_default();
                        vm.write_err(&format!(
                            "pvm: Error while finding module specification for '{name}' ({ty}: {msg})\n"
                        ));
                        return 1;
                    }
                    let c = handle_uncaught(vm, &e);
                    vm.flush_out();
                    return c;
                }
            }
        } else {
            sys_path(vm)
        };
        let Some(found) = find_module(vm, &name, &dirs) else {
            vm.write_err(&format!("pvm: No module named {name}\n"));
            return 1;
        };
        if found.is_package() {
            if name.ends_with(".__main__") || name == "__main__" {
                vm.write_err("pvm: Cannot use package as __main__ module\n");
                return 1;
            }
            let pkg = name.clone();
            if let Err(e) = load_module(vm, &pkg) {
                let c = handle_uncaught(vm, &e);
                vm.flush_out();
                return c;
            }
            let main = format!("{pkg}.__main__");
            let dirs = vm
                .modules
                .borrow()
                .get_str(&PyStr::new(pkg.as_str()))
                .cloned()
                .map(|m| str_list(module_attr(&m, "__path__")))
                .unwrap_or_default();
            if find_module(vm, &main, &dirs).is_none() {
                vm.write_err(&format!(
                    "pvm: No module named {main}; '{pkg}' is a package and cannot be directly executed\n"
                ));
                return 1;
            }
            name = main;
            continue;
        }
        argv[0] = found.path.clone();
        vm.argv = argv.clone();
        sys::set_argv(vm, &argv);
        let code = load_found_code(vm, &found);
        let filename = found.file.table.modules[found.index].filename.clone();
        let package = Value::str(name.rsplit_once('.').map(|x| x.0).unwrap_or(""));
        return exec_main(vm, code, &filename, package);
    }
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
    if sys::call_excepthook(vm, e) {
        return 1;
    }
    let text = crate::exceptions::format_exception(vm, e);
    vm.write_err(&text);
    let ki = vm.t.keyboard_interrupt.clone();
    if vm.exc_matches(e, &ki) {
        crate::vm::DIED_OF_INTERRUPT.store(true, std::sync::atomic::Ordering::Relaxed);
        return 130;
    }
    1
}
