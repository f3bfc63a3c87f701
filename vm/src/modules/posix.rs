//! The `posix` module (what CPython's `os.py` builds `os` from): files and directories (stat,
//! listdir, scandir, mkdir, remove, rename, ...), the process environment, file descriptors
//! opened with `os.open` (kept in a table of Rust `File`s: pvm uses no `unsafe`, so descriptors
//! are only those it opened itself, plus 0/1/2), and CPython's `OSError` messages
//! (`[Errno 2] No such file or directory: 'x'`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;
use std::rc::Rc;

use crate::native_class::{new_class, new_instance, with_data};
use crate::object::{new_dict, Instance, Object, Type};
use crate::types::args::bind;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

thread_local! {
    /// Descriptors opened with `os.open`, by number.
    static FDS: RefCell<HashMap<i32, File>> = RefCell::new(HashMap::new());
    static TYPES: RefCell<Option<Types>> = const { RefCell::new(None) };
}

#[derive(Clone)]
struct Types {
    stat_result: Rc<Type>,
    dir_entry: Rc<Type>,
    scandir_iter: Rc<Type>,
    uname_result: Rc<Type>,
    terminal_size: Rc<Type>,
    times_result: Rc<Type>,
}

/// Registers an open file under its descriptor number (for `os.open`).
pub fn fd_register(f: File) -> i32 {
    use std::os::unix::io::AsRawFd;
    let n = f.as_raw_fd();
    FDS.with(|t| t.borrow_mut().insert(n, f));
    n
}

/// Takes the file registered under `fd` out of the table (for `open(fd)`).
pub fn fd_take(fd: i32) -> Option<File> {
    FDS.with(|t| t.borrow_mut().remove(&fd))
}

/// The C library's message for `errno` (without Rust's " (os error N)" suffix).
pub fn strerror(errno: i32) -> String {
    let m = std::io::Error::from_raw_os_error(errno).to_string();
    match m.rfind(" (os error") {
        Some(i) => m[..i].to_string(),
        None => m,
    }
}

/// An `OSError` (the subclass CPython picks for the errno) with `filename` and `filename2`.
pub fn os_error(vm: &mut Vm, errno: i32, filename: Option<Value>, filename2: Option<Value>) -> Value {
    let base = vm.t.os_error.clone();
    let mut args = vec![Value::Int(errno as i64), Value::str(strerror(errno))];
    let t = crate::exceptions::os_error_subclass(vm, &base, &args);
    let e = crate::exceptions::make_exc(&t, Value::tuple(args.clone()));
    if let Some(f) = filename {
        if filename2.is_none() {
            args.push(f.clone());
            let e = crate::exceptions::make_exc(&t, Value::tuple(args));
            if let Value::Inst(i) = &e {
                i.dict.borrow_mut().set_str(s("filename"), f);
            }
            return e;
        }
        if let Value::Inst(i) = &e {
            i.dict.borrow_mut().set_str(s("filename"), f);
        }
    }
    if let Some(f2) = filename2 {
        if let Value::Inst(i) = &e {
            i.dict.borrow_mut().set_str(s("filename2"), f2);
        }
    }
    e
}

/// Converts a Rust I/O error into CPython's `OSError`.
pub fn io_error(vm: &mut Vm, e: &std::io::Error, filename: Option<Value>) -> Value {
    match e.raw_os_error() {
        Some(n) => os_error(vm, n, filename, None),
        None => {
            let t = vm.t.os_error.clone();
            vm.new_exc(&t, e.to_string())
        }
    }
}

/// A two-filename error (`rename`...): args `(errno, strerror, a, None, b)`, whose str() is
/// `[Errno 2] No such file or directory: 'a' -> 'b'`.
fn os_err2(vm: &mut Vm, e: &std::io::Error, a: &Value, b: &Value) -> Value {
    let n = e.raw_os_error().unwrap_or(5);
    let base = vm.t.os_error.clone();
    let args = vec![Value::Int(n as i64), Value::str(strerror(n)), a.clone(), Value::None, b.clone()];
    let t = crate::exceptions::os_error_subclass(vm, &base, &args);
    let ex = crate::exceptions::make_exc(&t, Value::tuple(args));
    if let Value::Inst(i) = &ex {
        i.dict.borrow_mut().set_str(s("filename2"), b.clone());
    }
    ex
}

fn num_f64(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        Value::Bool(b) => Ok(*b as i64 as f64),
        _ => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("must be real number, not {tn}")))
        }
    }
}

/// A path argument: str, bytes or os.PathLike (`__fspath__`). Returns the path and whether
/// it was given as bytes.
pub fn path_arg(vm: &mut Vm, v: &Value, fname: &str, argname: &str) -> PyResult<(PathBuf, bool)> {
    match v {
        Value::Str(p) => {
            if p.as_str().contains('\0') {
                return Err(vm.value_error(format!("{fname}: embedded null character in {argname}")));
            }
            Ok((PathBuf::from(p.as_str()), false))
        }
        _ => {
            if let Some(b) = crate::types::bytes::bytes_of(vm, v) {
                return Ok((PathBuf::from(std::ffi::OsStr::from_bytes(&b)), true));
            }
            if matches!(v, Value::Inst(_)) {
                if let Some(f) = crate::attr::getattr_opt(vm, v, &s("__fspath__"))? {
                    let r = vm.call0(&f, vec![])?;
                    if matches!(r, Value::Str(_)) || crate::types::bytes::bytes_of(vm, &r).is_some() {
                        return path_arg(vm, &r, fname, argname);
                    }
                    let tn = vm.type_name(v);
                    let rn = vm.type_name(&r);
                    return Err(vm.type_error(format!("expected {tn}.__fspath__() to return str or bytes, not {rn}")));
                }
            }
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("{fname}: {argname} should be string, bytes or os.PathLike, not {tn}")))
        }
    }
}

fn path_value(p: &std::path::Path, as_bytes: bool) -> Value {
    if as_bytes {
        Value::obj(Object::Bytes(p.as_os_str().as_bytes().to_vec()))
    } else {
        Value::str(p.to_string_lossy().into_owned())
    }
}

fn arg<'a>(a: &'a [Value], i: usize) -> &'a Value {
    a.get(i).unwrap_or(&Value::None)
}

fn opt_bool(vm: &mut Vm, v: &Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => crate::ops::truthy(vm, v),
        None => Ok(default),
    }
}

fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    crate::types::to_index(vm, v)
}

fn types(vm: &mut Vm) -> Types {
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        return t;
    }
    let tb = vm.t.tuple.clone();
    let seq = |name: &str| {
        let t = crate::types_registry::new_type(name, Some(&tb), crate::object::Kind::Tuple, false);
        *t.module.borrow_mut() = "os".into();
        *t.qualname.borrow_mut() = name.into();
        crate::types::add_method(&t, "__repr__", structseq_repr);
        t
    };
    let stat_result = seq("stat_result");
    let uname_result = seq("uname_result");
    *uname_result.module.borrow_mut() = "posix".into();
    let terminal_size = seq("terminal_size");
    let times_result = seq("times_result");
    *times_result.module.borrow_mut() = "posix".into();
    let de: &[(&'static str, crate::object::NativeFn)] = &[
        ("is_dir", de_is_dir),
        ("is_file", de_is_file),
        ("is_symlink", de_is_symlink),
        ("stat", de_stat),
        ("inode", de_inode),
        ("__fspath__", de_fspath),
        ("__repr__", de_repr),
    ];
    let dir_entry = new_class(vm, "posix", "DirEntry", &[], de, vec![]);
    let si: &[(&'static str, crate::object::NativeFn)] = &[
        ("__iter__", si_iter),
        ("__next__", si_next),
        ("__enter__", si_iter),
        ("__exit__", si_exit),
        ("close", si_close),
    ];
    let scandir_iter = new_class(vm, "posix", "ScandirIterator", &[], si, vec![]);
    let t = Types { stat_result, dir_entry, scandir_iter, uname_result, terminal_size, times_result };
    TYPES.with(|x| *x.borrow_mut() = Some(t.clone()));
    t
}

/// Field names of each struct sequence type (for attributes and repr).
fn seq_fields(name: &str) -> &'static [&'static str] {
    match name {
        "stat_result" => &[
            "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime", "st_mtime",
            "st_ctime",
        ],
        "uname_result" => &["sysname", "nodename", "release", "version", "machine"],
        "terminal_size" => &["columns", "lines"],
        "times_result" => &["user", "system", "children_user", "children_system", "elapsed"],
        _ => &[],
    }
}

fn new_structseq(t: &Rc<Type>, items: Vec<Value>, extra: Vec<(&str, Value)>) -> Value {
    let inst = Instance::new(t.clone(), new_dict(), Value::tuple(items.clone()), None, Vec::new());
    let name = t.name();
    for (k, v) in seq_fields(&name).iter().zip(items) {
        inst.dict.borrow_mut().set_str(s(k), v);
    }
    for (k, v) in extra {
        inst.dict.borrow_mut().set_str(s(k), v);
    }
    Value::Inst(inst)
}

fn structseq_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0).clone();
    let t = vm.type_of(&this);
    let name = t.name();
    let module = t.module.borrow().clone();
    let items = match vm.payload(&this) {
        Value::Tuple(t) => t.to_vec(),
        _ => vec![],
    };
    let mut parts = Vec::new();
    for (k, v) in seq_fields(&name).iter().zip(items.iter()) {
        parts.push(format!("{k}={}", crate::ops::repr(vm, v)?));
    }
    Ok(Value::str(format!("{module}.{name}({})", parts.join(", "))))
}

fn stat_value(vm: &mut Vm, m: &std::fs::Metadata) -> Value {
    let t = types(vm).stat_result;
    let ft = |sec: i64, nsec: i64| Value::Float(sec as f64 + nsec as f64 * 1e-9);
    let ns = |sec: i64, nsec: i64| Value::from_bigint(num_bigint::BigInt::from(sec) * 1_000_000_000 + nsec);
    let items = vec![
        Value::Int(m.mode() as i64),
        Value::Int(m.ino() as i64),
        Value::Int(m.dev() as i64),
        Value::Int(m.nlink() as i64),
        Value::Int(m.uid() as i64),
        Value::Int(m.gid() as i64),
        Value::Int(m.size() as i64),
        Value::Int(m.atime()),
        Value::Int(m.mtime()),
        Value::Int(m.ctime()),
    ];
    let extra = vec![
        ("st_atime", ft(m.atime(), m.atime_nsec())),
        ("st_mtime", ft(m.mtime(), m.mtime_nsec())),
        ("st_ctime", ft(m.ctime(), m.ctime_nsec())),
        ("st_atime_ns", ns(m.atime(), m.atime_nsec())),
        ("st_mtime_ns", ns(m.mtime(), m.mtime_nsec())),
        ("st_ctime_ns", ns(m.ctime(), m.ctime_nsec())),
        ("st_blksize", Value::Int(m.blksize() as i64)),
        ("st_blocks", Value::Int(m.blocks() as i64)),
        ("st_rdev", Value::Int(m.rdev() as i64)),
        ("n_sequence_fields", Value::Int(10)),
        ("n_fields", Value::Int(19)),
    ];
    new_structseq(&t, items, extra)
}

/// `stat(path, *, dir_fd=None, follow_symlinks=True)`; also accepts an open descriptor.
fn stat(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "stat", &a, &k, &["path", "dir_fd", "follow_symlinks"], 1, 0, 1)?;
    let follow = opt_bool(vm, &p[2], true)?;
    do_stat(vm, p[0].as_ref().unwrap(), follow, "stat")
}

fn lstat(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "lstat", &a, &k, &["path", "dir_fd"], 1, 0, 1)?;
    do_stat(vm, p[0].as_ref().unwrap(), false, "lstat")
}

fn fstat(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let fd = int_arg(vm, arg(&a, 0))? as i32;
    let r = FDS.with(|t| t.borrow().get(&fd).map(|f| f.metadata()));
    match r {
        Some(Ok(m)) => Ok(stat_value(vm, &m)),
        Some(Err(e)) => Err(io_error(vm, &e, None)),
        None => {
            let path = format!("/proc/self/fd/{fd}");
            match std::fs::metadata(path) {
                Ok(m) => Ok(stat_value(vm, &m)),
                Err(_) => Err(os_error(vm, 9, None, None)),
            }
        }
    }
}

fn do_stat(vm: &mut Vm, pv: &Value, follow: bool, fname: &str) -> PyResult<Value> {
    if let Value::Int(fd) = pv {
        return fstat(vm, vec![Value::Int(*fd)], vec![]);
    }
    let (p, _) = path_arg(vm, pv, fname, "path")?;
    let r = if follow { std::fs::metadata(&p) } else { std::fs::symlink_metadata(&p) };
    match r {
        Ok(m) => Ok(stat_value(vm, &m)),
        Err(e) => Err(io_error(vm, &e, Some(pv.clone()))),
    }
}

fn getcwd(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match std::env::current_dir() {
        Ok(p) => Ok(path_value(&p, false)),
        Err(e) => Err(io_error(vm, &e, None)),
    }
}

fn getcwdb(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match std::env::current_dir() {
        Ok(p) => Ok(path_value(&p, true)),
        Err(e) => Err(io_error(vm, &e, None)),
    }
}

fn chdir(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "chdir", &a, &k, &["path"], 1, 0, 1)?;
    let pv = p[0].clone().unwrap();
    let (path, _) = path_arg(vm, &pv, "chdir", "path")?;
    std::env::set_current_dir(&path).map_err(|e| io_error(vm, &e, Some(pv)))?;
    Ok(Value::None)
}

fn listdir(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "listdir", &a, &k, &["path"], 0, 0, 1)?;
    let pv = match &p[0] {
        None | Some(Value::None) => Value::str("."),
        Some(v) => v.clone(),
    };
    let (path, as_bytes) = path_arg(vm, &pv, "listdir", "path")?;
    let rd = std::fs::read_dir(&path).map_err(|e| io_error(vm, &e, Some(pv.clone())))?;
    let mut out = Vec::new();
    for ent in rd {
        let ent = ent.map_err(|e| io_error(vm, &e, Some(pv.clone())))?;
        let name = ent.file_name();
        out.push(if as_bytes {
            Value::obj(Object::Bytes(name.as_bytes().to_vec()))
        } else {
            Value::str(name.to_string_lossy().into_owned())
        });
    }
    Ok(Value::list(out))
}

struct DirEntry {
    dir: PathBuf,
    name: std::ffi::OsString,
    as_bytes: bool,
    file_type: Option<std::fs::FileType>,
    ino: u64,
}

struct ScanIter {
    rd: Option<std::fs::ReadDir>,
    dir: PathBuf,
    as_bytes: bool,
}

fn scandir(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "scandir", &a, &k, &["path"], 0, 0, 1)?;
    let pv = match &p[0] {
        None | Some(Value::None) => Value::str("."),
        Some(v) => v.clone(),
    };
    let (path, as_bytes) = path_arg(vm, &pv, "scandir", "path")?;
    let rd = std::fs::read_dir(&path).map_err(|e| io_error(vm, &e, Some(pv.clone())))?;
    let t = types(vm).scandir_iter;
    Ok(new_instance(&t, ScanIter { rd: Some(rd), dir: path, as_bytes }))
}

fn si_iter(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(arg(&a, 0).clone())
}

fn si_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0).clone();
    let r = with_data(vm, &this, "__next__", |it: &mut ScanIter| {
        let rd = it.rd.as_mut()?;
        match rd.next() {
            Some(Ok(e)) => {
                use std::os::unix::fs::DirEntryExt;
                Some(Ok(DirEntry {
                    dir: it.dir.clone(),
                    name: e.file_name(),
                    as_bytes: it.as_bytes,
                    file_type: e.file_type().ok(),
                    ino: e.ino(),
                }))
            }
            Some(Err(e)) => Some(Err(e)),
            None => {
                it.rd = None;
                None
            }
        }
    })?;
    match r {
        Some(Ok(de)) => {
            let t = types(vm).dir_entry;
            let name = path_value(std::path::Path::new(&de.name), de.as_bytes);
            let path = path_value(&de.dir.join(&de.name), de.as_bytes);
            let inst = new_instance(&t, de);
            if let Value::Inst(i) = &inst {
                i.dict.borrow_mut().set_str(s("name"), name);
                i.dict.borrow_mut().set_str(s("path"), path);
            }
            Ok(inst)
        }
        Some(Err(e)) => Err(io_error(vm, &e, None)),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn si_close(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    with_data(vm, arg(&a, 0), "close", |it: &mut ScanIter| it.rd = None)?;
    Ok(Value::None)
}

fn si_exit(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    si_close(vm, a, vec![])?;
    Ok(Value::Bool(false))
}

fn de_full(vm: &mut Vm, this: &Value) -> PyResult<(PathBuf, Option<std::fs::FileType>)> {
    with_data(vm, this, "DirEntry", |d: &mut DirEntry| (d.dir.join(&d.name), d.file_type))
}

fn de_is(vm: &mut Vm, a: Vec<Value>, k: Kw, name: &str, want_dir: bool) -> PyResult<Value> {
    let p = bind(vm, name, &a[1.min(a.len())..], &k, &["follow_symlinks"], 0, 0, 0)?;
    let follow = opt_bool(vm, &p[0], true)?;
    let (path, ft) = de_full(vm, arg(&a, 0))?;
    let ft = match ft {
        Some(ft) if !(ft.is_symlink() && follow) => Some(ft),
        _ => std::fs::metadata(&path).ok().map(|m| m.file_type()),
    };
    Ok(Value::Bool(ft.is_some_and(|ft| if want_dir { ft.is_dir() } else { ft.is_file() })))
}

fn de_is_dir(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    de_is(vm, a, k, "is_dir", true)
}

fn de_is_file(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    de_is(vm, a, k, "is_file", false)
}

fn de_is_symlink(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let (_, ft) = de_full(vm, arg(&a, 0))?;
    Ok(Value::Bool(ft.is_some_and(|f| f.is_symlink())))
}

fn de_stat(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "stat", &a[1.min(a.len())..], &k, &["follow_symlinks"], 0, 0, 0)?;
    let follow = opt_bool(vm, &p[0], true)?;
    let this = arg(&a, 0).clone();
    let pv = crate::attr::getattr(vm, &this, &s("path"))?;
    do_stat(vm, &pv, follow, "stat")
}

fn de_inode(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(with_data(vm, arg(&a, 0), "inode", |d: &mut DirEntry| d.ino as i64)?))
}

fn de_fspath(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    crate::attr::getattr(vm, arg(&a, 0), &s("path"))
}

fn de_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = crate::attr::getattr(vm, arg(&a, 0), &s("name"))?;
    let r = crate::ops::repr(vm, &n)?;
    Ok(Value::str(format!("<DirEntry {r}>")))
}

fn mkdir(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "mkdir", &a, &k, &["path", "mode", "dir_fd"], 1, 0, 2)?;
    let pv = p[0].clone().unwrap();
    let mode = match &p[1] {
        Some(v) => int_arg(vm, v)? as u32,
        None => 0o777,
    };
    let (path, _) = path_arg(vm, &pv, "mkdir", "path")?;
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().mode(mode).create(&path).map_err(|e| io_error(vm, &e, Some(pv)))?;
    Ok(Value::None)
}

fn path_op(
    vm: &mut Vm,
    a: Vec<Value>,
    k: Kw,
    name: &str,
    f: fn(&std::path::Path) -> std::io::Result<()>,
) -> PyResult<Value> {
    let p = bind(vm, name, &a, &k, &["path", "dir_fd"], 1, 0, 1)?;
    let pv = p[0].clone().unwrap();
    let (path, _) = path_arg(vm, &pv, name, "path")?;
    f(&path).map_err(|e| io_error(vm, &e, Some(pv)))?;
    Ok(Value::None)
}

fn rmdir(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    path_op(vm, a, k, "rmdir", |p| std::fs::remove_dir(p))
}

fn remove(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    path_op(vm, a, k, "remove", |p| std::fs::remove_file(p))
}

fn unlink(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    path_op(vm, a, k, "unlink", |p| std::fs::remove_file(p))
}

fn two_paths(vm: &mut Vm, a: Vec<Value>, k: Kw, name: &str) -> PyResult<(Value, Value, PathBuf, PathBuf)> {
    let p = bind(vm, name, &a, &k, &["src", "dst", "src_dir_fd", "dst_dir_fd"], 2, 0, 2)?;
    let sv = p[0].clone().unwrap();
    let dv = p[1].clone().unwrap();
    let (sp, _) = path_arg(vm, &sv, name, "src")?;
    let (dp, _) = path_arg(vm, &dv, name, "dst")?;
    Ok((sv, dv, sp, dp))
}

fn rename(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let (sv, dv, sp, dp) = two_paths(vm, a, k, "rename")?;
    std::fs::rename(&sp, &dp).map_err(|e| os_err2(vm, &e, &sv, &dv))?;
    Ok(Value::None)
}

fn replace(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let (sv, dv, sp, dp) = two_paths(vm, a, k, "replace")?;
    std::fs::rename(&sp, &dp).map_err(|e| os_err2(vm, &e, &sv, &dv))?;
    Ok(Value::None)
}

fn link(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let (sv, dv, sp, dp) = two_paths(vm, a, k, "link")?;
    std::fs::hard_link(&sp, &dp).map_err(|e| os_err2(vm, &e, &sv, &dv))?;
    Ok(Value::None)
}

fn symlink(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let a2: Vec<Value> = a.iter().take(2).cloned().collect();
    let k2: Kw = k.into_iter().filter(|(n, _)| n.as_str() != "target_is_directory" && n.as_str() != "dir_fd").collect();
    let (sv, dv, sp, dp) = two_paths(vm, a2, k2, "symlink")?;
    std::os::unix::fs::symlink(&sp, &dp).map_err(|e| os_err2(vm, &e, &sv, &dv))?;
    Ok(Value::None)
}

fn readlink(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "readlink", &a, &k, &["path", "dir_fd"], 1, 0, 1)?;
    let pv = p[0].clone().unwrap();
    let (path, b) = path_arg(vm, &pv, "readlink", "path")?;
    let r = std::fs::read_link(&path).map_err(|e| io_error(vm, &e, Some(pv)))?;
    Ok(path_value(&r, b))
}

fn chmod(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "chmod", &a, &k, &["path", "mode", "dir_fd", "follow_symlinks"], 2, 0, 2)?;
    let pv = p[0].clone().unwrap();
    let mode = int_arg(vm, p[1].as_ref().unwrap())? as u32;
    let (path, _) = path_arg(vm, &pv, "chmod", "path")?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).map_err(|e| io_error(vm, &e, Some(pv)))?;
    Ok(Value::None)
}

fn access(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "access", &a, &k, &["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"], 2, 0, 2)?;
    let pv = p[0].clone().unwrap();
    let mode = int_arg(vm, p[1].as_ref().unwrap())? as u32;
    let (path, _) = path_arg(vm, &pv, "access", "path")?;
    let Ok(m) = std::fs::metadata(&path) else { return Ok(Value::Bool(false)) };
    // Permission bits for the owner (pvm runs as the file's owner in the common case; root may
    // do anything but execute needs some x bit).
    let perm = m.permissions().mode();
    let uid = proc_status_id("Uid:");
    let bits = if uid == Some(0) {
        if perm & 0o111 != 0 || m.is_dir() {
            7
        } else {
            6
        }
    } else if uid == Some(m.uid() as i64) {
        (perm >> 6) & 7
    } else {
        perm & 7
    };
    Ok(Value::Bool(mode & 7 & !bits == 0))
}

fn utime(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "utime", &a, &k, &["path", "times", "ns", "dir_fd", "follow_symlinks"], 1, 0, 2)?;
    let pv = p[0].clone().unwrap();
    let (path, _) = path_arg(vm, &pv, "utime", "path")?;
    let to_time = |secs: f64| std::time::UNIX_EPOCH + std::time::Duration::from_secs_f64(secs.max(0.0));
    let (at, mt) = match (&p[1], &p[2]) {
        (Some(Value::Tuple(t)), _) if t.len() == 2 => {
            let a = num_f64(vm, &t[0])?;
            let m = num_f64(vm, &t[1])?;
            (to_time(a), to_time(m))
        }
        (_, Some(Value::Tuple(t))) if t.len() == 2 => {
            let a = num_f64(vm, &t[0])? / 1e9;
            let m = num_f64(vm, &t[1])? / 1e9;
            (to_time(a), to_time(m))
        }
        _ => (std::time::SystemTime::now(), std::time::SystemTime::now()),
    };
    let f = File::options().write(true).open(&path).or_else(|_| File::open(&path));
    let f = f.map_err(|e| io_error(vm, &e, Some(pv.clone())))?;
    let times = std::fs::FileTimes::new().set_accessed(at).set_modified(mt);
    f.set_times(times).map_err(|e| io_error(vm, &e, Some(pv)))?;
    Ok(Value::None)
}

fn truncate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let pv = arg(&a, 0).clone();
    let len = int_arg(vm, arg(&a, 1))?;
    if let Value::Int(fd) = pv {
        return ftruncate(vm, vec![Value::Int(fd), Value::Int(len)], vec![]);
    }
    let (path, _) = path_arg(vm, &pv, "truncate", "path")?;
    let f = File::options().write(true).open(&path).map_err(|e| io_error(vm, &e, Some(pv.clone())))?;
    f.set_len(len as u64).map_err(|e| io_error(vm, &e, Some(pv)))?;
    Ok(Value::None)
}

fn ftruncate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let fd = int_arg(vm, arg(&a, 0))? as i32;
    let len = int_arg(vm, arg(&a, 1))?;
    let r = FDS.with(|t| t.borrow().get(&fd).map(|f| f.set_len(len as u64)));
    match r {
        Some(Ok(())) => Ok(Value::None),
        Some(Err(e)) => Err(io_error(vm, &e, None)),
        None => Err(os_error(vm, 9, None, None)),
    }
}

fn getpid(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(std::process::id() as i64))
}

fn getppid(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(std::os::unix::process::parent_id() as i64))
}

/// A numeric field of /proc/self/status (`Uid:`, `Gid:`): the real id.
fn proc_status_id(field: &str) -> Option<i64> {
    let st = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = st.lines().find(|l| l.starts_with(field))?;
    line[field.len()..].split_whitespace().next()?.parse().ok()
}

fn proc_status_eid(field: &str) -> Option<i64> {
    let st = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = st.lines().find(|l| l.starts_with(field))?;
    line[field.len()..].split_whitespace().nth(1)?.parse().ok()
}

fn getuid(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(proc_status_id("Uid:").unwrap_or(0)))
}

fn geteuid(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(proc_status_eid("Uid:").unwrap_or(0)))
}

fn getgid(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(proc_status_id("Gid:").unwrap_or(0)))
}

fn getegid(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(proc_status_eid("Gid:").unwrap_or(0)))
}

fn cpu_count(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    // CPython counts the online CPUs (sysconf), not the affinity mask.
    let n = std::fs::read_to_string("/sys/devices/system/cpu/online").ok().and_then(|s| {
        let mut n = 0;
        for part in s.trim().split(',') {
            match part.split_once('-') {
                Some((a, b)) => n += b.parse::<i64>().ok()? - a.parse::<i64>().ok()? + 1,
                None => n += 1,
            }
        }
        Some(n)
    });
    let n = n.or_else(|| std::thread::available_parallelism().ok().map(|n| n.get() as i64));
    Ok(n.map(Value::Int).unwrap_or(Value::None))
}

fn urandom(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = int_arg(vm, arg(&a, 0))?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut f = File::open("/dev/urandom").map_err(|e| io_error(vm, &e, None))?;
    f.read_exact(&mut buf).map_err(|e| io_error(vm, &e, None))?;
    Ok(Value::obj(Object::Bytes(buf)))
}

fn py_strerror(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = int_arg(vm, arg(&a, 0))?;
    Ok(Value::str(strerror(n as i32)))
}

fn bytes_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Vec<u8>> {
    match v {
        Value::Str(x) => Ok(x.as_str().as_bytes().to_vec()),
        _ => match crate::types::bytes::bytes_of(vm, v) {
            Some(b) => Ok(b),
            None => {
                let tn = vm.type_name(v);
                Err(vm.type_error(format!("{what}: expected str or bytes, not {tn}")))
            }
        },
    }
}

fn putenv(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let k = bytes_arg(vm, arg(&a, 0), "putenv")?;
    let v = bytes_arg(vm, arg(&a, 1), "putenv")?;
    if k.is_empty() || k.contains(&b'=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    std::env::set_var(std::ffi::OsStr::from_bytes(&k), std::ffi::OsStr::from_bytes(&v));
    Ok(Value::None)
}

fn unsetenv(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let k = bytes_arg(vm, arg(&a, 0), "unsetenv")?;
    if k.is_empty() || k.contains(&b'=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    std::env::remove_var(std::ffi::OsStr::from_bytes(&k));
    Ok(Value::None)
}

fn environ_dict(vm: &mut Vm) -> Value {
    let d = new_dict();
    for (k, v) in std::env::vars_os() {
        let kv = Value::obj(Object::Bytes(k.as_bytes().to_vec()));
        let vv = Value::obj(Object::Bytes(v.as_bytes().to_vec()));
        let _ = crate::types::dict::dict_set(vm, &d, kv, vv);
    }
    Value::Dict(d)
}

/// `open(path, flags, mode=0o777)`: a descriptor number.
fn os_open(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "open", &a, &k, &["path", "flags", "mode", "dir_fd"], 2, 0, 3)?;
    let pv = p[0].clone().unwrap();
    let (path, _) = path_arg(vm, &pv, "open", "path")?;
    let flags = int_arg(vm, p[1].as_ref().unwrap())? as i32;
    let mode = match &p[2] {
        Some(v) => int_arg(vm, v)? as u32,
        None => 0o777,
    };
    let f = open_flags(&path, flags, mode).map_err(|e| io_error(vm, &e, Some(pv)))?;
    Ok(Value::Int(fd_register(f) as i64))
}

/// Opens `path` with POSIX `flags` (O_RDONLY, O_CREAT, ...) and creation `mode`.
pub fn open_flags(path: &std::path::Path, flags: i32, mode: u32) -> std::io::Result<File> {
    let acc = flags & 3;
    let mut o = std::fs::OpenOptions::new();
    o.read(acc == 0 || acc == 2).write(acc == 1 || acc == 2);
    if flags & 0o2000 != 0 {
        o.append(true);
    }
    if flags & 0o100 != 0 {
        if flags & 0o200 != 0 {
            o.create_new(true);
        } else {
            o.create(true);
        }
    }
    if flags & 0o1000 != 0 {
        o.truncate(true);
    }
    o.mode(mode);
    // Flags std does not model (O_NOFOLLOW, O_CLOEXEC, O_DIRECTORY, ...) go through as they are.
    o.custom_flags(flags & !(3 | 0o2000 | 0o100 | 0o200 | 0o1000));
    if acc == 0 && flags & 0o1000 == 0 && flags & 0o100 == 0 {
        return o.open(path);
    }
    o.open(path)
}

fn os_read(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let fd = int_arg(vm, arg(&a, 0))? as i32;
    let n = int_arg(vm, arg(&a, 1))?;
    if n < 0 {
        return Err(vm.value_error("negative count"));
    }
    let mut buf = vec![0u8; n as usize];
    let r = if fd == 0 {
        Some(std::io::stdin().read(&mut buf))
    } else {
        FDS.with(|t| t.borrow_mut().get_mut(&fd).map(|f| f.read(&mut buf)))
    };
    match r {
        Some(Ok(k)) => {
            buf.truncate(k);
            Ok(Value::obj(Object::Bytes(buf)))
        }
        Some(Err(e)) => Err(io_error(vm, &e, None)),
        None => Err(os_error(vm, 9, None, None)),
    }
}

fn os_write(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let fd = int_arg(vm, arg(&a, 0))? as i32;
    let Some(data) = crate::types::bytes::bytes_of(vm, arg(&a, 1)) else {
        let tn = vm.type_name(arg(&a, 1));
        return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
    };
    let r = match fd {
        1 => {
            vm.flush_out();
            let mut o = std::io::stdout();
            Some(o.write_all(&data).and_then(|_| o.flush()).map(|_| data.len()))
        }
        2 => {
            vm.flush_out();
            Some(std::io::stderr().write_all(&data).map(|_| data.len()))
        }
        _ => FDS.with(|t| t.borrow_mut().get_mut(&fd).map(|f| f.write(&data))),
    };
    match r {
        Some(Ok(k)) => Ok(Value::Int(k as i64)),
        Some(Err(e)) => Err(io_error(vm, &e, None)),
        None => Err(os_error(vm, 9, None, None)),
    }
}

fn os_close(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let fd = int_arg(vm, arg(&a, 0))? as i32;
    match fd_take(fd) {
        Some(_) => Ok(Value::None),
        None if (0..=2).contains(&fd) => Ok(Value::None),
        None => Err(os_error(vm, 9, None, None)),
    }
}

fn lseek(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let fd = int_arg(vm, arg(&a, 0))? as i32;
    let pos = int_arg(vm, arg(&a, 1))?;
    let how = int_arg(vm, arg(&a, 2))?;
    let sf = match how {
        0 => SeekFrom::Start(pos.max(0) as u64),
        1 => SeekFrom::Current(pos),
        _ => SeekFrom::End(pos),
    };
    let r = FDS.with(|t| t.borrow_mut().get_mut(&fd).map(|f| f.seek(sf)));
    match r {
        Some(Ok(k)) => Ok(Value::Int(k as i64)),
        Some(Err(e)) => Err(io_error(vm, &e, None)),
        None => Err(os_error(vm, 9, None, None)),
    }
}

fn fsync(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = arg(&a, 0).clone();
    let fd = match v {
        Value::Int(n) => n as i32,
        _ => {
            let f = crate::attr::getattr(vm, &v, &s("fileno"))?;
            let r = vm.call0(&f, vec![])?;
            int_arg(vm, &r)? as i32
        }
    };
    let _ = FDS.with(|t| t.borrow().get(&fd).map(|f| f.sync_all()));
    Ok(Value::None)
}

fn isatty(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    use std::io::IsTerminal;
    let fd = int_arg(vm, arg(&a, 0))?;
    Ok(Value::Bool(match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => false,
    }))
}

fn get_terminal_size(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    use std::io::IsTerminal;
    let fd = match a.first() {
        Some(v) => int_arg(vm, v)?,
        None => 1,
    };
    let tty = match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => false,
    };
    if !tty {
        return Err(os_error(vm, 25, None, None));
    }
    // Without ioctl: the size the shell exported, else the classic 80x24.
    let env = |k: &str, d: i64| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let t = types(vm).terminal_size;
    Ok(new_structseq(&t, vec![Value::Int(env("COLUMNS", 80)), Value::Int(env("LINES", 24))], vec![]))
}

fn terminal_size_new(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let t = types(vm).terminal_size;
    let items = match a.get(1) {
        Some(Value::Tuple(x)) => x.to_vec(),
        Some(Value::List(x)) => x.borrow().clone(),
        _ => vec![],
    };
    if items.len() != 2 {
        return Err(vm.type_error(format!("os.terminal_size() takes a 2-sequence ({}-sequence given)", items.len())));
    }
    Ok(new_structseq(&t, items, vec![]))
}

fn uname(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let rd = |p: &str| std::fs::read_to_string(p).map(|s| s.trim().to_string()).unwrap_or_default();
    let machine = match std::env::consts::ARCH {
        "x86" => "i686",
        a => a,
    };
    let items = vec![
        Value::str(rd("/proc/sys/kernel/ostype")),
        Value::str(rd("/proc/sys/kernel/hostname")),
        Value::str(rd("/proc/sys/kernel/osrelease")),
        Value::str(rd("/proc/sys/kernel/version")),
        Value::str(machine),
    ];
    let t = types(vm).uname_result;
    Ok(new_structseq(&t, items, vec![]))
}

fn times(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let st = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = st.rsplit_once(')').map(|x| x.1).unwrap_or("");
    let f: Vec<f64> = after.split_whitespace().map(|x| x.parse().unwrap_or(0.0)).collect();
    let g = |i: usize| Value::Float(f.get(i).copied().unwrap_or(0.0) / 100.0);
    let up = std::fs::read_to_string("/proc/uptime").unwrap_or_default();
    let el = up.split_whitespace().next().and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields after the command: state=0, ..., utime=11, stime=12, cutime=13, cstime=14.
    let items = vec![g(11), g(12), g(13), g(14), Value::Float(el)];
    let t = types(vm).times_result;
    Ok(new_structseq(&t, items, vec![]))
}

fn system(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let cmd = bytes_arg(vm, arg(&a, 0), "system")?;
    vm.flush_out();
    let st = std::process::Command::new("/bin/sh").arg("-c").arg(std::ffi::OsStr::from_bytes(&cmd)).status();
    match st {
        Ok(st) => {
            use std::os::unix::process::ExitStatusExt;
            Ok(Value::Int(st.into_raw() as i64))
        }
        Err(e) => Err(io_error(vm, &e, None)),
    }
}

fn exit_now(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = int_arg(vm, arg(&a, 0))?;
    std::process::exit(n as i32)
}

/// `os.fspath(path)`: str or bytes, or the result of `__fspath__`.
pub fn fspath(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = bind(vm, "fspath", &a, &k, &["path"], 1, 0, 1)?;
    let v = p[0].clone().unwrap();
    if matches!(v, Value::Str(_)) || crate::types::bytes::bytes_of(vm, &v).is_some() {
        return Ok(v);
    }
    let t = vm.type_of(&v);
    if let Some(f) = t.lookup(&s("__fspath__")) {
        if !f.is_none() {
            let r = vm.call_descr(&f, &v, vec![v.clone()])?;
            if matches!(r, Value::Str(_)) || crate::types::bytes::bytes_of(vm, &r).is_some() {
                return Ok(r);
            }
            let rn = vm.type_name(&r);
            let tn = t.name();
            return Err(vm.type_error(format!("expected {tn}.__fspath__() to return str or bytes, not {rn}")));
        }
    }
    let tn = t.name();
    Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {tn}")))
}

fn kill(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let pid = int_arg(vm, &a.first().cloned().unwrap_or(Value::None))?;
    let sig = int_arg(vm, &a.get(1).cloned().unwrap_or(Value::None))?;
    if pid == std::process::id() as i64 {
        super::signal::deliver(vm, sig)?;
        return Ok(Value::None);
    }
    let st = std::process::Command::new("kill").arg(format!("-{sig}")).arg(pid.to_string()).status();
    match st {
        Ok(s) if s.success() => Ok(Value::None),
        Ok(_) => Err(os_error(vm, 3, None, None)),
        Err(e) => Err(io_error(vm, &e, None)),
    }
}

fn umask(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    // Without libc the mask cannot be changed: report the usual default.
    let _ = int_arg(vm, arg(&a, 0))?;
    Ok(Value::Int(0o022))
}

fn device_encoding(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::None)
}

fn waitstatus_to_exitcode(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let st = int_arg(vm, arg(&a, 0))?;
    if st & 0x7f == 0 {
        Ok(Value::Int((st >> 8) & 0xff))
    } else {
        Ok(Value::Int(-(st & 0x7f)))
    }
}

/// Builds the `posix` module.
pub fn make(vm: &mut Vm) -> Value {
    let tys = types(vm);
    let (m, d) = super::new_module("posix");
    let environ = environ_dict(vm);
    let funcs: &[(&'static str, crate::object::NativeFn)] = &[
        ("stat", stat),
        ("lstat", lstat),
        ("fstat", fstat),
        ("getcwd", getcwd),
        ("getcwdb", getcwdb),
        ("chdir", chdir),
        ("listdir", listdir),
        ("scandir", scandir),
        ("mkdir", mkdir),
        ("rmdir", rmdir),
        ("remove", remove),
        ("unlink", unlink),
        ("rename", rename),
        ("replace", replace),
        ("link", link),
        ("symlink", symlink),
        ("readlink", readlink),
        ("chmod", chmod),
        ("access", access),
        ("utime", utime),
        ("truncate", truncate),
        ("ftruncate", ftruncate),
        ("getpid", getpid),
        ("getppid", getppid),
        ("getuid", getuid),
        ("geteuid", geteuid),
        ("getgid", getgid),
        ("getegid", getegid),
        ("cpu_count", cpu_count),
        ("urandom", urandom),
        ("strerror", py_strerror),
        ("putenv", putenv),
        ("unsetenv", unsetenv),
        ("open", os_open),
        ("read", os_read),
        ("write", os_write),
        ("close", os_close),
        ("lseek", lseek),
        ("fsync", fsync),
        ("isatty", isatty),
        ("get_terminal_size", get_terminal_size),
        ("uname", uname),
        ("times", times),
        ("system", system),
        ("_exit", exit_now),
        ("fspath", fspath),
        ("umask", umask),
        ("kill", kill),
        ("device_encoding", device_encoding),
        ("waitstatus_to_exitcode", waitstatus_to_exitcode),
    ];
    {
        let mut d = d.borrow_mut();
        for (n, f) in funcs {
            d.set_str(s(n), native(n, *f));
        }
        d.set_str(s("environ"), environ);
        d.set_str(s("error"), Value::Type(vm.t.os_error.clone()));
        d.set_str(s("stat_result"), Value::Type(tys.stat_result.clone()));
        d.set_str(s("uname_result"), Value::Type(tys.uname_result.clone()));
        d.set_str(s("times_result"), Value::Type(tys.times_result.clone()));
        d.set_str(s("DirEntry"), Value::Type(tys.dir_entry.clone()));
        crate::types::add_method(&tys.terminal_size, "__new__", terminal_size_new);
        d.set_str(s("terminal_size"), Value::Type(tys.terminal_size.clone()));
        d.set_str(s("_have_functions"), Value::list(vec![]));
        let ints: &[(&str, i64)] = &[
            ("F_OK", 0),
            ("R_OK", 4),
            ("W_OK", 2),
            ("X_OK", 1),
            ("O_RDONLY", 0),
            ("O_WRONLY", 1),
            ("O_RDWR", 2),
            ("O_ACCMODE", 3),
            ("O_CREAT", 0o100),
            ("O_EXCL", 0o200),
            ("O_NOCTTY", 0o400),
            ("O_TRUNC", 0o1000),
            ("O_APPEND", 0o2000),
            ("O_NONBLOCK", 0o4000),
            ("O_NDELAY", 0o4000),
            ("O_DSYNC", 0o10000),
            ("O_SYNC", 0o4010000),
            ("O_DIRECTORY", 0o200000),
            ("O_NOFOLLOW", 0o400000),
            ("O_CLOEXEC", 0o2000000),
            ("O_NOATIME", 0o1000000),
            ("O_PATH", 0o10000000),
            ("O_TMPFILE", 0o20200000),
            ("O_LARGEFILE", 0),
            ("EX_OK", 0),
            ("EX_USAGE", 64),
            ("EX_DATAERR", 65),
            ("EX_NOINPUT", 66),
            ("EX_SOFTWARE", 70),
            ("EX_OSERR", 71),
            ("EX_IOERR", 74),
            ("WNOHANG", 1),
            ("P_WAIT", 0),
            ("P_NOWAIT", 1),
        ];
        for (n, v) in ints {
            d.set_str(s(n), Value::Int(*v));
        }
    }
    m
}
