//! The `sys` module: interpreter facts (`version_info`, `flags`, `float_info`, `maxsize`, ...),
//! the standard streams (`stdin` with read/readline/iteration over the real stdin, `stdout` and
//! `stderr` with write/flush, and their binary `buffer`s), `exit`, `exc_info`/`exception`,
//! `_getframe`, the recursion limit, and the hooks (`excepthook`, `displayhook`, ...).

use std::cell::RefCell;
use std::io::Read;
use std::rc::Rc;

use crate::object::{new_dict, Instance, Kind, NativeFn, Object, Type};
use crate::value::{s, PyStr, Value};
use crate::vm::{native, Kw, PyResult, Vm};

fn sys_exit(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    if a.len() > 1 {
        return Err(vm.type_error(format!("exit expected at most 1 argument, got {}", a.len())));
    }
    crate::types::no_kwargs(vm, "exit", &k)?;
    let t = vm.t.system_exit.clone();
    Err(crate::exceptions::make_exc(&t, Value::tuple(a)))
}
fn set_limit(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = crate::types::to_index(vm, a.first().unwrap_or(&Value::None))?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    vm.recursion_limit = n.min(1_000_000) as usize;
    Ok(Value::None)
}
fn get_limit(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(vm.recursion_limit as i64))
}
fn exc_info(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let e = vm.handled_exc.clone();
    if e.is_none() || e.is_null() {
        return Ok(Value::tuple(vec![Value::None, Value::None, Value::None]));
    }
    let t = Value::Type(vm.type_of(&e));
    let tb = crate::exceptions::traceback_of(vm, &e);
    Ok(Value::tuple(vec![t, e, tb]))
}
fn exception(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let e = vm.handled_exc.clone();
    Ok(if e.is_null() { Value::None } else { e })
}

// ---- streams -----------------------------------------------------------------------------

/// Stream numbers of `Object::Stream`: 0 stdin, 1 stdout, 2 stderr.
fn stream_no(v: Option<&Value>) -> u8 {
    match v {
        Some(Value::Obj(o)) => match &**o {
            Object::Stream(n) => *n,
            _ => 1,
        },
        _ => 1,
    }
}

fn stream_write(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let text = match a.get(1) {
        Some(Value::Str(t)) => t.clone(),
        Some(other) => {
            let n = vm.type_name(other);
            return Err(vm.type_error(format!("write() argument must be str, not {n}")));
        }
        None => return Err(vm.type_error("write() takes exactly one argument (0 given)")),
    };
    match stream_no(a.first()) {
        0 => return Err(unsupported(vm, "not writable")),
        2 => vm.write_err(text.as_str()),
        _ => vm.write_out(text.as_str()),
    }
    vm.check_out()?;
    Ok(Value::Int(text.len() as i64))
}
fn stream_writelines(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let lines = crate::ops::to_vec(vm, a.get(1).unwrap_or(&Value::None))?;
    for l in lines {
        stream_write(vm, vec![a[0].clone(), l], Vec::new())?;
    }
    Ok(Value::None)
}
fn stream_flush(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    vm.flush_out();
    vm.check_out()?;
    Ok(Value::None)
}

fn unsupported(vm: &mut Vm, what: &str) -> Value {
    let t =
        vm.t.all_exc
            .iter()
            .find(|t| t.name() == "UnsupportedOperation")
            .cloned()
            .unwrap_or_else(|| vm.t.os_error.clone());
    vm.new_exc(&t, what)
}

fn read_line_bytes(vm: &mut Vm) -> PyResult<Vec<u8>> {
    crate::stdin::read(vm, true)
}

fn read_all_bytes(vm: &mut Vm) -> PyResult<Vec<u8>> {
    crate::stdin::read(vm, false)
}

/// Reads up to `n` characters of UTF-8 text from stdin.
fn read_chars(vm: &mut Vm, n: usize) -> String {
    vm.flush_out();
    let mut out: Vec<u8> = Vec::new();
    let mut chars = 0;
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    while chars < n {
        let mut b = [0u8; 1];
        match lock.read(&mut b) {
            Ok(1) => {
                out.push(b[0]);
                // A character is complete when the byte is not a continuation of a sequence
                // still missing bytes.
                if std::str::from_utf8(&out).is_ok() {
                    chars = String::from_utf8_lossy(&out).chars().count();
                }
            }
            _ => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn text(b: Vec<u8>) -> Value {
    Value::str(String::from_utf8_lossy(&b).into_owned())
}

fn size_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(-1),
        Some(v) => crate::types::to_index(vm, v),
    }
}

fn stream_read(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if stream_no(a.first()) != 0 {
        return Err(unsupported(vm, "not readable"));
    }
    let n = size_arg(vm, a.get(1))?;
    if n < 0 {
        let b = read_all_bytes(vm)?;
        return Ok(text(b));
    }
    Ok(Value::str(read_chars(vm, n as usize)))
}
fn stream_readline(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if stream_no(a.first()) != 0 {
        return Err(unsupported(vm, "not readable"));
    }
    let n = size_arg(vm, a.get(1))?;
    if n >= 0 {
        // Bounded: read characters up to the limit or the newline.
        let mut out = String::new();
        while (out.chars().count() as i64) < n {
            let c = read_chars(vm, 1);
            if c.is_empty() {
                break;
            }
            out.push_str(&c);
            if c == "\n" {
                break;
            }
        }
        return Ok(Value::str(out));
    }
    Ok(text(read_line_bytes(vm)?))
}
fn stream_readlines(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if stream_no(a.first()) != 0 {
        return Err(unsupported(vm, "not readable"));
    }
    let mut lines = Vec::new();
    loop {
        let l = read_line_bytes(vm)?;
        if l.is_empty() {
            break;
        }
        lines.push(text(l));
    }
    Ok(Value::list(lines))
}
/// `iter(sys.stdin)`: the lines of the stream (`iter(stream.readline, '')`).
pub fn stream_lines(v: &Value) -> Value {
    let f = Value::obj(Object::Builtin(crate::object::Builtin {
        name: "readline",
        f: stream_readline,
        self_: Some(v.clone()),
    }));
    Value::obj(Object::Iter(RefCell::new(crate::object::IterKind::Callable { f, sentinel: Value::str("") })))
}

fn stream_iter(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(a.first().cloned().unwrap_or(Value::None))
}
fn stream_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if stream_no(a.first()) != 0 {
        return Err(unsupported(vm, "not readable"));
    }
    let l = read_line_bytes(vm)?;
    if l.is_empty() {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(text(l))
}
fn stream_fileno(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(stream_no(a.first()) as i64))
}
fn stream_isatty(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    use std::io::IsTerminal;
    Ok(Value::Bool(match stream_no(a.first()) {
        0 => std::io::stdin().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => std::io::stdout().is_terminal(),
    }))
}
fn stream_readable(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(stream_no(a.first()) == 0))
}
fn stream_writable(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(stream_no(a.first()) != 0))
}
fn stream_false(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(false))
}
fn stream_none(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::None)
}
fn stream_enter(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(a.first().cloned().unwrap_or(Value::None))
}
fn stream_name(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::str(match stream_no(a.first()) {
        0 => "<stdin>",
        2 => "<stderr>",
        _ => "<stdout>",
    }))
}
fn stream_mode(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::str(if stream_no(a.first()) == 0 { "r" } else { "w" }))
}
fn stream_encoding(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::str("utf-8"))
}
fn stream_errors(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::str(if stream_no(a.first()) == 2 { "backslashreplace" } else { "strict" }))
}
fn stream_line_buffering(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    use std::io::IsTerminal;
    Ok(Value::Bool(stream_no(a.first()) == 2 || std::io::stdout().is_terminal()))
}
fn stream_buffer(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(buffer_object(vm, stream_no(a.first())))
}

// ---- binary buffers (sys.stdin.buffer, sys.stdout.buffer, sys.stderr.buffer) -----------

/// Rust data of a binary standard stream: its number.
struct RawStream(u8);

thread_local! {
    static BUFFERS: RefCell<Option<[Value; 3]>> = const { RefCell::new(None) };
}

fn buffer_object(vm: &mut Vm, n: u8) -> Value {
    if let Some(b) = BUFFERS.with(|b| b.borrow().clone()) {
        return b[n.min(2) as usize].clone();
    }
    let common: Vec<(&'static str, NativeFn)> = vec![
        ("flush", stream_flush),
        ("fileno", raw_fileno),
        ("isatty", raw_isatty),
        ("readable", raw_readable),
        ("writable", raw_writable),
        ("seekable", stream_false),
        ("close", stream_none),
        ("__enter__", stream_enter),
        ("__exit__", stream_none),
        ("__repr__", raw_repr),
        ("__iter__", stream_iter),
        ("__next__", raw_next),
        ("write", raw_write),
        ("read", raw_read),
        ("read1", raw_read),
        ("readline", raw_readline),
        ("readlines", raw_readlines),
    ];
    let reader = crate::native_class::new_class(vm, "_io", "BufferedReader", &[], &common, vec![]);
    let writer = crate::native_class::new_class(vm, "_io", "BufferedWriter", &[], &common, vec![]);
    for t in [&reader, &writer] {
        let prop = |f: NativeFn, n: &'static str| {
            Value::obj(Object::Property { fget: native(n, f), fset: Value::None, fdel: Value::None, doc: Value::None })
        };
        let mut d = t.dict.borrow_mut();
        d.set_str(s("name"), prop(raw_name, "name"));
        d.set_str(s("mode"), prop(raw_mode, "mode"));
        d.set_str(s("closed"), prop(stream_false, "closed"));
    }
    let b = [
        crate::native_class::new_instance(&reader, RawStream(0)),
        crate::native_class::new_instance(&writer, RawStream(1)),
        crate::native_class::new_instance(&writer, RawStream(2)),
    ];
    BUFFERS.with(|x| *x.borrow_mut() = Some(b.clone()));
    b[n.min(2) as usize].clone()
}

fn raw_no(vm: &mut Vm, a: &[Value]) -> PyResult<u8> {
    let v = a.first().cloned().unwrap_or(Value::None);
    crate::native_class::with_data(vm, &v, "buffer", |r: &mut RawStream| r.0)
}
fn raw_fileno(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(raw_no(vm, &a)? as i64))
}
fn raw_isatty(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = raw_no(vm, &a)?;
    stream_isatty(vm, vec![Value::obj(Object::Stream(n))], Vec::new())
}
fn raw_readable(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(raw_no(vm, &a)? == 0))
}
fn raw_writable(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(raw_no(vm, &a)? != 0))
}
fn raw_name(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = raw_no(vm, &a)?;
    stream_name(vm, vec![Value::obj(Object::Stream(n))], Vec::new())
}
fn raw_mode(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::str(if raw_no(vm, &a)? == 0 { "rb" } else { "wb" }))
}
fn raw_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = raw_no(vm, &a)?;
    Ok(Value::str(match n {
        0 => "<_io.BufferedReader name='<stdin>'>",
        1 => "<_io.BufferedWriter name='<stdout>'>",
        _ => "<_io.BufferedWriter name='<stderr>'>",
    }))
}
fn raw_write(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = raw_no(vm, &a)?;
    if n == 0 {
        return Err(unsupported(vm, "write"));
    }
    let v = a.get(1).cloned().unwrap_or(Value::None);
    let Some(b) = crate::types::bytes::bytes_of(vm, &v).or_else(|| memory_bytes(vm, &v)) else {
        let tn = vm.type_name(&v);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
    };
    if n == 1 {
        vm.out.extend_from_slice(&b);
        if vm.out.len() > 1 << 16 {
            vm.flush_out();
        }
        vm.check_out()?;
    } else {
        use std::io::Write;
        vm.flush_out();
        let _ = std::io::stderr().write_all(&b);
    }
    Ok(Value::Int(b.len() as i64))
}
fn memory_bytes(vm: &mut Vm, v: &Value) -> Option<Vec<u8>> {
    let f = crate::attr::getattr(vm, v, &s("tobytes")).ok()?;
    let r = vm.call(&f, vec![], Vec::new()).ok()?;
    crate::types::bytes::bytes_of(vm, &r)
}
fn raw_read(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if raw_no(vm, &a)? != 0 {
        return Err(unsupported(vm, "read"));
    }
    let n = size_arg(vm, a.get(1))?;
    let b = if n < 0 {
        read_all_bytes(vm)?
    } else {
        vm.flush_out();
        let mut buf = vec![0u8; n as usize];
        let mut got = 0;
        let stdin = std::io::stdin();
        let mut lock = stdin.lock();
        while got < buf.len() {
            match lock.read(&mut buf[got..]) {
                Ok(0) | Err(_) => break,
                Ok(k) => got += k,
            }
        }
        buf.truncate(got);
        buf
    };
    Ok(Value::obj(Object::Bytes(b)))
}
fn raw_readline(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if raw_no(vm, &a)? != 0 {
        return Err(unsupported(vm, "readline"));
    }
    Ok(Value::obj(Object::Bytes(read_line_bytes(vm)?)))
}
fn raw_readlines(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if raw_no(vm, &a)? != 0 {
        return Err(unsupported(vm, "readlines"));
    }
    let mut out = Vec::new();
    loop {
        let l = read_line_bytes(vm)?;
        if l.is_empty() {
            break;
        }
        out.push(Value::obj(Object::Bytes(l)));
    }
    Ok(Value::list(out))
}
fn raw_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if raw_no(vm, &a)? != 0 {
        return Err(unsupported(vm, "read"));
    }
    let l = read_line_bytes(vm)?;
    if l.is_empty() {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(Value::obj(Object::Bytes(l)))
}

// ---- sizes, hooks and the rest ------------------------------------------------------------

fn getsizeof(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = crate::types::args::bind(vm, "getsizeof", &a, &k, &["object", "default"], 1, 0, 2)?;
    let v = p[0].clone().unwrap_or(Value::None);
    let n = match &v {
        Value::None => 16,
        Value::Bool(_) => 28,
        Value::Int(i) => {
            let bits = (64 - i.unsigned_abs().leading_zeros() as i64).max(1);
            24 + 4 * ((bits + 29) / 30)
        }
        Value::BigInt(b) => 24 + 4 * ((b.bits() as i64 + 29) / 30),
        Value::Float(_) => 24,
        Value::Str(st) => {
            let max = st.as_str().chars().map(|c| c as u32).max().unwrap_or(0);
            let n = st.len() as i64;
            if max < 128 {
                49 + n
            } else if max < 256 {
                73 + n
            } else if max < 65536 {
                74 + 2 * (n + 1) - 2
            } else {
                76 + 4 * (n + 1) - 4
            }
        }
        Value::List(l) => 56 + 8 * l.borrow().len() as i64,
        Value::Tuple(t) => 40 + 8 * t.len() as i64,
        Value::Dict(d) => {
            let d = d.borrow();
            let n = d.len();
            if n == 0 {
                64
            } else {
                let mut size: i64 = 8;
                while size * 2 / 3 < n as i64 {
                    size *= 2;
                }
                let all_str = d.keys().iter().all(|k| matches!(k, Value::Str(_)));
                let idx = if size <= 128 {
                    1
                } else if size <= 1 << 16 {
                    2
                } else {
                    4
                };
                64 + 32 + idx * size + (size * 2 / 3) * if all_str { 16 } else { 24 }
            }
        }
        Value::Set(st) => {
            let n = st.table.borrow().len();
            let mut size = 8usize;
            for i in 1..=n {
                if i * 5 >= (size - 1) * 3 {
                    let want = i * if i > 50000 { 2 } else { 4 };
                    size = 8;
                    while size <= want {
                        size <<= 1;
                    }
                }
            }
            216 + if size > 8 { 16 * size as i64 } else { 0 }
        }
        Value::Obj(o) => match &**o {
            Object::Bytes(b) => 33 + b.len() as i64,
            Object::ByteArray(b) => 57 + b.borrow().len() as i64,
            Object::Range { .. } => 48,
            Object::Complex(..) => 32,
            _ => 48,
        },
        Value::Inst(_) => {
            let f = crate::attr::getattr_opt(vm, &v, &s("__sizeof__"))?;
            match f {
                Some(f) => {
                    let r = vm.call(&f, vec![], Vec::new())?;
                    let n = crate::types::to_index(vm, &r)?;
                    if n < 0 {
                        return Err(vm.value_error("__sizeof__() should return >= 0"));
                    }
                    n + 16
                }
                None => 56,
            }
        }
        _ => 48,
    };
    Ok(Value::Int(n))
}
fn set_int_max_str_digits(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = crate::types::args::bind(vm, "set_int_max_str_digits", &a, &k, &["maxdigits"], 1, 0, 1)?;
    let n = crate::types::to_index(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    if n != 0 && n < 640 {
        return Err(vm.value_error("maxdigits must be 0 or larger than 640"));
    }
    crate::num::set_max_str_digits(n as usize);
    Ok(Value::None)
}
fn get_int_max_str_digits(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(crate::num::max_str_digits() as i64))
}
fn intern(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    match a.first() {
        Some(Value::Str(st)) => {
            if st.interned.get() {
                return Ok(Value::Str(st.clone()));
            }
            let i = s(st.as_str());
            Ok(Value::Str(if i.interned.get() { i } else { st.clone() }))
        }
        Some(v) => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("intern() argument must be str, not {n}")))
        }
        None => Err(vm.type_error("intern() takes exactly one argument (0 given)")),
    }
}
fn getrefcount(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = match a.first() {
        Some(Value::Inst(r)) => Rc::strong_count(r),
        Some(Value::List(r)) => Rc::strong_count(r),
        Some(Value::Dict(r)) => Rc::strong_count(r),
        Some(Value::Func(r)) => Rc::strong_count(r),
        Some(Value::Obj(r)) => Rc::strong_count(r),
        Some(Value::Tuple(r)) => Rc::strong_count(r),
        _ => 1,
    };
    Ok(Value::Int(n as i64 + 1))
}
fn getframe(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let depth = match a.first() {
        Some(v) => crate::types::to_index(vm, v)?,
        None => 0,
    };
    crate::frameobj::getframe(vm, depth.max(0) as usize)
}
fn const_str(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let _ = vm;
    Ok(Value::str("utf-8"))
}
fn fs_errors(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::str("surrogateescape"))
}
fn none_fn(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::None)
}
fn false_fn(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(false))
}
fn zero_fn(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(0))
}

thread_local! {
    /// settrace / setprofile / switch interval / asyncgen hooks / coroutine origin depth.
    static STATE: RefCell<HookState> = RefCell::new(HookState::default());
}

#[derive(Default)]
struct HookState {
    trace: Value,
    profile: Value,
    switch: Option<f64>,
    firstiter: Value,
    finalizer: Value,
    origin_depth: i64,
}

fn settrace(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    STATE.with(|st| st.borrow_mut().trace = a.first().cloned().unwrap_or(Value::None));
    Ok(Value::None)
}
fn gettrace(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(STATE.with(|st| st.borrow().trace.clone()))
}
fn setprofile(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    STATE.with(|st| st.borrow_mut().profile = a.first().cloned().unwrap_or(Value::None));
    Ok(Value::None)
}
fn getprofile(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(STATE.with(|st| st.borrow().profile.clone()))
}
fn setswitchinterval(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    let f = match v {
        Value::Float(f) => f,
        Value::Int(i) => i as f64,
        _ => return Err(vm.type_error("must be real number")),
    };
    if f <= 0.0 {
        return Err(vm.value_error("switch interval must be strictly positive"));
    }
    STATE.with(|st| st.borrow_mut().switch = Some(f));
    Ok(Value::None)
}
fn getswitchinterval(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Float(STATE.with(|st| st.borrow().switch.unwrap_or(0.005))))
}
fn set_asyncgen_hooks(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let p = crate::types::args::bind(vm, "set_asyncgen_hooks", &a, &k, &["firstiter", "finalizer"], 0, 0, 2)?;
    STATE.with(|st| {
        let mut st = st.borrow_mut();
        if let Some(f) = &p[0] {
            st.firstiter = f.clone();
        }
        if let Some(f) = &p[1] {
            st.finalizer = f.clone();
        }
    });
    Ok(Value::None)
}
fn get_asyncgen_hooks(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let (f, g) = STATE.with(|st| {
        let st = st.borrow();
        (st.firstiter.clone(), st.finalizer.clone())
    });
    Ok(struct_seq(vm, "asyncgen_hooks", "builtins", &[("firstiter", f), ("finalizer", g)]))
}
fn set_origin_depth(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = crate::types::to_index(vm, a.first().unwrap_or(&Value::Int(0)))?;
    if n < 0 {
        return Err(vm.value_error("depth must be >= 0"));
    }
    STATE.with(|st| st.borrow_mut().origin_depth = n);
    Ok(Value::None)
}
fn get_origin_depth(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(STATE.with(|st| st.borrow().origin_depth)))
}
fn call_tracing(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let f = a.first().cloned().unwrap_or(Value::None);
    let args = crate::ops::to_vec(vm, a.get(1).unwrap_or(&Value::tuple(vec![])))?;
    vm.call(&f, args, Vec::new())
}

/// `sys.displayhook(value)`: prints `repr(value)` and stores it in `builtins._`.
fn displayhook(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    if v.is_none() {
        return Ok(Value::None);
    }
    vm.builtins.borrow_mut().set_str(s("_"), Value::None);
    let r = crate::ops::repr(vm, &v)?;
    let out = super::sys_stdout(vm);
    crate::builtins::write_to(vm, &out, &format!("{r}\n"))?;
    vm.builtins.borrow_mut().set_str(s("_"), v);
    Ok(Value::None)
}

/// `sys.excepthook(type, value, traceback)`: prints the exception as an uncaught one.
fn excepthook(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if a.len() != 3 {
        return Err(vm.type_error(format!("excepthook expected 3 arguments, got {}", a.len())));
    }
    let e = a[1].clone();
    if let Value::Inst(i) = &e {
        if i.exc.is_some() {
            if !a[2].is_none() {
                crate::exceptions::set_traceback_attr(vm, &e, &a[2])?;
            }
            let text = crate::exceptions::format_exception(vm, &e);
            vm.write_err(&text);
            return Ok(Value::None);
        }
    }
    let tn = vm.type_name(&e);
    vm.write_err(&format!("TypeError: print_exception(): Exception expected for value, {tn} found\n"));
    Ok(Value::None)
}

fn unraisablehook(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let u = a.first().cloned().unwrap_or(Value::None);
    let get = |vm: &mut Vm, n: &str| crate::attr::getattr(vm, &u, &s(n)).unwrap_or(Value::None);
    let (msg, obj, e) = (get(vm, "err_msg"), get(vm, "object"), get(vm, "exc_value"));
    let msg = match msg {
        Value::Str(m) => m.as_str().to_string(),
        _ => "Exception ignored in".into(),
    };
    let mut out = if obj.is_none() { format!("{msg}:\n") } else { format!("{msg}: {}\n", crate::ops::repr(vm, &obj)?) };
    if !e.is_none() {
        out.push_str(&crate::exceptions::format_exception(vm, &e));
    }
    vm.write_err(&out);
    Ok(Value::None)
}

/// Calls a user-installed `sys.excepthook` for an uncaught exception. Returns false when the
/// hook is the default one (the caller prints the traceback itself).
pub fn call_excepthook(vm: &mut Vm, e: &Value) -> bool {
    let m = vm.modules.borrow().get_str(&PyStr::new("sys")).cloned();
    let Some(m) = m else { return false };
    let hook = super::module_attr(&m, "excepthook");
    let Some(hook) = hook else {
        vm.write_err("sys.excepthook is missing\n");
        return false;
    };
    if let Value::Obj(o) = &hook {
        if let Object::Builtin(b) = &**o {
            if b.name == "excepthook" && b.self_.is_none() {
                return false;
            }
        }
    }
    let t = Value::Type(vm.type_of(e));
    let tb = crate::exceptions::traceback_of(vm, e);
    if let Err(err) = vm.call(&hook, vec![t, e.clone(), tb], Vec::new()) {
        let a = crate::exceptions::format_exception(vm, &err);
        let b = crate::exceptions::format_exception(vm, e);
        vm.write_err(&format!("Error in sys.excepthook:\n{a}\nOriginal exception was:\n{b}"));
    }
    true
}

// ---- struct sequences ---------------------------------------------------------------------

thread_local! {
    static SEQ_TYPES: RefCell<Vec<(String, Rc<Type>)>> = const { RefCell::new(Vec::new()) };
}

fn seq_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    let Value::Inst(i) = &v else { return Ok(Value::str("()")) };
    let cls = i.class();
    let fields = cls.dict.borrow().get_str(&PyStr::new("_pvm_fields")).cloned();
    let names: Vec<Value> = match fields {
        Some(Value::Tuple(t)) => (*t).clone(),
        _ => Vec::new(),
    };
    let items: Vec<Value> = match &*i.payload.borrow() {
        Value::Tuple(t) => (**t).clone(),
        _ => Vec::new(),
    };
    let mut parts = Vec::new();
    for (n, x) in names.iter().zip(items.iter()) {
        let n = match n {
            Value::Str(n) => n.as_str().to_string(),
            _ => String::new(),
        };
        parts.push(format!("{n}={}", crate::ops::repr(vm, x)?));
    }
    let m = cls.module.borrow().clone();
    let prefix = if m == "builtins" { String::new() } else { format!("{m}.") };
    Ok(Value::str(format!("{prefix}{}({})", cls.name(), parts.join(", "))))
}

fn seq_reduce(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    let cls = Value::Type(vm.type_of(&v));
    let p = vm.payload(&v);
    Ok(Value::tuple(vec![cls, Value::tuple(vec![p, Value::dict(crate::dict::Dict::new())])]))
}

/// A struct sequence (`sys.version_info`-like): a tuple subclass `module.name` whose items are
/// also attributes.
pub fn struct_seq(vm: &mut Vm, name: &str, module: &str, fields: &[(&str, Value)]) -> Value {
    let key = format!("{module}.{name}");
    let existing = SEQ_TYPES.with(|t| t.borrow().iter().find(|(k, _)| *k == key).map(|(_, t)| t.clone()));
    let t = match existing {
        Some(t) => t,
        None => {
            let tb = vm.t.tuple.clone();
            let t = crate::types_registry::new_type(name, Some(&tb), Kind::Tuple, false);
            *t.module.borrow_mut() = module.into();
            *t.qualname.borrow_mut() = name.into();
            crate::types::add_method(&t, "__repr__", seq_repr);
            crate::types::add_method(&t, "__reduce__", seq_reduce);
            let names: Vec<Value> = fields.iter().map(|(k, _)| Value::str(*k)).collect();
            {
                let mut d = t.dict.borrow_mut();
                d.set_str(s("_pvm_fields"), Value::tuple(names.clone()));
                d.set_str(s("__match_args__"), Value::tuple(names));
                d.set_str(s("n_fields"), Value::Int(fields.len() as i64));
                d.set_str(s("n_sequence_fields"), Value::Int(fields.len() as i64));
                d.set_str(s("n_unnamed_fields"), Value::Int(0));
                d.set_str(s("__module__"), Value::str(module));
            }
            SEQ_TYPES.with(|x| x.borrow_mut().push((key, t.clone())));
            t
        }
    };
    let items: Vec<Value> = fields.iter().map(|(_, v)| v.clone()).collect();
    let inst = Instance::new(t, new_dict(), Value::tuple(items.clone()), None, Vec::new());
    for ((k, _), v) in fields.iter().zip(items) {
        inst.dict.borrow_mut().set_str(s(k), v);
    }
    Value::Inst(inst)
}

/// Sets `sys.argv`.
pub fn set_argv(vm: &mut Vm, argv: &[String]) {
    let m = vm.modules.borrow().get_str(&PyStr::new("sys")).cloned();
    if let Some(Value::Obj(o)) = m {
        if let Object::Module { dict, .. } = &*o {
            dict.borrow_mut().set_str(s("argv"), Value::list(argv.iter().map(|a| Value::str(a.as_str())).collect()));
        }
    }
}

fn version_info(vm: &mut Vm) -> Value {
    struct_seq(
        vm,
        "version_info",
        "sys",
        &[
            ("major", Value::Int(3)),
            ("minor", Value::Int(11)),
            ("micro", Value::Int(7)),
            ("releaselevel", Value::str("final")),
            ("serial", Value::Int(0)),
        ],
    )
}

fn stream_type_init(vm: &mut Vm) {
    let tio = vm.t.text_io.clone();
    let methods: &[(&'static str, NativeFn)] = &[
        ("write", stream_write),
        ("writelines", stream_writelines),
        ("flush", stream_flush),
        ("read", stream_read),
        ("readline", stream_readline),
        ("readlines", stream_readlines),
        ("__iter__", stream_iter),
        ("__next__", stream_next),
        ("fileno", stream_fileno),
        ("isatty", stream_isatty),
        ("readable", stream_readable),
        ("writable", stream_writable),
        ("seekable", stream_false),
        ("close", stream_none),
        ("reconfigure", stream_none),
        ("__enter__", stream_enter),
        ("__exit__", stream_none),
    ];
    for (n, f) in methods {
        crate::types::add_method(&tio, n, *f);
    }
    let props: &[(&'static str, NativeFn)] = &[
        ("name", stream_name),
        ("mode", stream_mode),
        ("encoding", stream_encoding),
        ("errors", stream_errors),
        ("line_buffering", stream_line_buffering),
        ("buffer", stream_buffer),
        ("closed", stream_false),
        ("newlines", none_fn),
    ];
    let mut d = tio.dict.borrow_mut();
    for (n, f) in props {
        d.set_str(
            s(n),
            Value::obj(Object::Property {
                fget: native(n, *f),
                fset: Value::None,
                fdel: Value::None,
                doc: Value::None,
            }),
        );
    }
}

const BUILTINS_DOC: &str = "Built-in functions, types, exceptions, and other objects.\n\nThis module provides direct access to all 'built-in'\nidentifiers of Python; for example, builtins.len is\nthe full name for the built-in function len().\n\nThis module is not normally accessed explicitly by most\napplications, but can be useful in modules that provide\nobjects with the same name as a built-in value, but in\nwhich the built-in of that name is also needed.";

/// `breakpoint(*args, **kws)`: calls `sys.breakpointhook` (a no-op by default: pvm has no pdb).
fn breakpoint(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let m = vm.modules.borrow().get_str(&PyStr::new("sys")).cloned();
    let hook = m.and_then(|m| super::module_attr(&m, "breakpointhook"));
    match hook {
        Some(h) => vm.call(&h, a, k),
        None => {
            let t = vm.t.runtime_error.clone();
            Err(vm.new_exc(&t, "lost sys.breakpointhook"))
        }
    }
}

/// 1 when environment variable `name` is set to a non-empty value (CPython's flag variables).
fn env_flag(name: &str) -> i64 {
    std::env::var(name).map(|v| !v.is_empty()).unwrap_or(false) as i64
}

/// Builds the `sys` module.
pub fn make(vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("sys");
    stream_type_init(vm);
    let vi = version_info(vm);
    let flags = struct_seq(
        vm,
        "flags",
        "sys",
        &[
            ("debug", Value::Int(0)),
            ("inspect", Value::Int(0)),
            ("interactive", Value::Int(0)),
            ("optimize", Value::Int(env_flag("PYTHONOPTIMIZE"))),
            ("dont_write_bytecode", Value::Int(env_flag("PYTHONDONTWRITEBYTECODE"))),
            ("no_user_site", Value::Int(0)),
            ("no_site", Value::Int(0)),
            ("ignore_environment", Value::Int(0)),
            ("verbose", Value::Int(0)),
            ("bytes_warning", Value::Int(0)),
            ("quiet", Value::Int(0)),
            ("hash_randomization", Value::Int((std::env::var("PYTHONHASHSEED").ok().as_deref() != Some("0")) as i64)),
            ("isolated", Value::Int(0)),
            ("dev_mode", Value::Bool(false)),
            ("utf8_mode", Value::Int((std::env::var("PYTHONUTF8").ok().as_deref() == Some("1")) as i64)),
            ("warn_default_encoding", Value::Int(0)),
            ("safe_path", Value::Bool(false)),
            ("int_max_str_digits", Value::Int(-1)),
        ],
    );
    let float_info = struct_seq(
        vm,
        "float_info",
        "sys",
        &[
            ("max", Value::Float(f64::MAX)),
            ("max_exp", Value::Int(1024)),
            ("max_10_exp", Value::Int(308)),
            ("min", Value::Float(f64::MIN_POSITIVE)),
            ("min_exp", Value::Int(-1021)),
            ("min_10_exp", Value::Int(-307)),
            ("dig", Value::Int(15)),
            ("mant_dig", Value::Int(53)),
            ("epsilon", Value::Float(f64::EPSILON)),
            ("radix", Value::Int(2)),
            ("rounds", Value::Int(1)),
        ],
    );
    let int_info = struct_seq(
        vm,
        "int_info",
        "sys",
        &[
            ("bits_per_digit", Value::Int(30)),
            ("sizeof_digit", Value::Int(4)),
            ("default_max_str_digits", Value::Int(4300)),
            ("str_digits_check_threshold", Value::Int(640)),
        ],
    );
    let hash_info = struct_seq(
        vm,
        "hash_info",
        "sys",
        &[
            ("width", Value::Int(64)),
            ("modulus", Value::Int((1i64 << 61) - 1)),
            ("inf", Value::Int(314159)),
            ("nan", Value::Int(0)),
            ("imag", Value::Int(1000003)),
            ("algorithm", Value::str("siphash13")),
            ("hash_bits", Value::Int(64)),
            ("seed_bits", Value::Int(128)),
            ("cutoff", Value::Int(0)),
        ],
    );
    let thread_info = struct_seq(
        vm,
        "thread_info",
        "sys",
        &[("name", Value::str("pthread")), ("lock", Value::str("semaphore")), ("version", Value::None)],
    );
    let mut d = d.borrow_mut();
    let set = |d: &mut crate::dict::Dict, k: &str, v: Value| d.set_str(s(k), v);
    let fns: &[(&'static str, NativeFn)] = &[
        ("exit", sys_exit),
        ("setrecursionlimit", set_limit),
        ("getrecursionlimit", get_limit),
        ("exc_info", exc_info),
        ("exception", exception),
        ("getsizeof", getsizeof),
        ("intern", intern),
        ("set_int_max_str_digits", set_int_max_str_digits),
        ("get_int_max_str_digits", get_int_max_str_digits),
        ("getrefcount", getrefcount),
        ("_getframe", getframe),
        ("getdefaultencoding", const_str),
        ("getfilesystemencoding", const_str),
        ("getfilesystemencodeerrors", fs_errors),
        ("settrace", settrace),
        ("gettrace", gettrace),
        ("setprofile", setprofile),
        ("getprofile", getprofile),
        ("setswitchinterval", setswitchinterval),
        ("getswitchinterval", getswitchinterval),
        ("set_asyncgen_hooks", set_asyncgen_hooks),
        ("get_asyncgen_hooks", get_asyncgen_hooks),
        ("set_coroutine_origin_tracking_depth", set_origin_depth),
        ("get_coroutine_origin_tracking_depth", get_origin_depth),
        ("call_tracing", call_tracing),
        ("is_finalizing", false_fn),
        ("getallocatedblocks", zero_fn),
        ("audit", none_fn),
        ("addaudithook", none_fn),
        ("_clear_type_cache", none_fn),
    ];
    for (n, f) in fns {
        set(&mut d, n, native(n, *f));
    }
    set(&mut d, "breakpointhook", native("breakpointhook", none_fn));
    set(&mut d, "__breakpointhook__", native("breakpointhook", none_fn));
    {
        // The builtins module's own attributes (it has no spec or loader in pvm).
        let mut b = vm.builtins.borrow_mut();
        b.set_str(s("__doc__"), Value::str(BUILTINS_DOC));
        b.set_str(s("__package__"), Value::str(""));
        b.set_str(s("__loader__"), Value::None);
        b.set_str(s("__spec__"), Value::None);
        b.set_str(s("breakpoint"), native("breakpoint", breakpoint));
    }
    let dh = native("displayhook", displayhook);
    let eh = native("excepthook", excepthook);
    let uh = native("unraisablehook", unraisablehook);
    set(&mut d, "displayhook", dh.clone());
    set(&mut d, "__displayhook__", dh);
    set(&mut d, "excepthook", eh.clone());
    set(&mut d, "__excepthook__", eh);
    set(&mut d, "unraisablehook", uh.clone());
    set(&mut d, "__unraisablehook__", uh);
    set(&mut d, "argv", Value::list(vec![]));
    let orig: Vec<Value> = std::env::args().map(|a| Value::str(a.as_str())).collect();
    set(&mut d, "orig_argv", Value::list(orig));
    let exe = std::env::current_exe().map(|p| p.display().to_string()).unwrap_or_default();
    set(&mut d, "executable", Value::str(exe.as_str()));
    set(&mut d, "_base_executable", Value::str(exe.as_str()));
    for k in ["prefix", "base_prefix", "exec_prefix", "base_exec_prefix"] {
        set(&mut d, k, Value::str("/usr/local"));
    }
    set(&mut d, "platlibdir", Value::str("lib"));
    set(&mut d, "pycache_prefix", Value::None);
    set(&mut d, "dont_write_bytecode", Value::Bool(env_flag("PYTHONDONTWRITEBYTECODE") != 0));
    set(&mut d, "api_version", Value::Int(1013));
    set(&mut d, "float_repr_style", Value::str("short"));
    set(&mut d, "abiflags", Value::str(""));
    set(&mut d, "copyright", Value::str("Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.\n\nCopyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\nCopyright (c) 1995-2001 Corporation for National Research Initiatives.\nAll Rights Reserved.\n\nCopyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll Rights Reserved."));
    set(&mut d, "warnoptions", Value::list(vec![]));
    set(&mut d, "_xoptions", Value::Dict(new_dict()));
    set(&mut d, "meta_path", Value::list(vec![]));
    set(&mut d, "path_hooks", Value::list(vec![]));
    set(&mut d, "path_importer_cache", Value::Dict(new_dict()));
    set(&mut d, "maxsize", Value::Int(i64::MAX));
    set(&mut d, "maxunicode", Value::Int(0x10ffff));
    set(&mut d, "byteorder", Value::str("little"));
    set(&mut d, "platform", Value::str("linux"));
    set(&mut d, "version", Value::str("3.11.7 (main, pvm) [Rust]"));
    set(&mut d, "hexversion", Value::Int(0x030b07f0));
    set(&mut d, "version_info", vi.clone());
    set(&mut d, "flags", flags);
    set(&mut d, "float_info", float_info);
    set(&mut d, "int_info", int_info);
    set(&mut d, "hash_info", hash_info);
    set(&mut d, "thread_info", thread_info);
    let (stdin, stdout, stderr) =
        (Value::obj(Object::Stream(0)), Value::obj(Object::Stream(1)), Value::obj(Object::Stream(2)));
    set(&mut d, "stdin", stdin.clone());
    set(&mut d, "stdout", stdout.clone());
    set(&mut d, "stderr", stderr.clone());
    set(&mut d, "__stdin__", stdin);
    set(&mut d, "__stdout__", stdout);
    set(&mut d, "__stderr__", stderr);
    set(&mut d, "modules", Value::Dict(vm.modules.clone()));
    set(&mut d, "path", Value::list(vec![]));
    let names = ["_thread", "_weakref", "atexit", "builtins", "math", "sys"];
    set(&mut d, "builtin_module_names", Value::tuple(names.iter().map(|n| Value::str(*n)).collect()));
    let imp = new_dict();
    imp.borrow_mut().set_str(s("name"), Value::str("pvm"));
    imp.borrow_mut().set_str(s("cache_tag"), Value::None);
    imp.borrow_mut().set_str(s("version"), vi);
    imp.borrow_mut().set_str(s("hexversion"), Value::Int(0x030b07f0));
    imp.borrow_mut().set_str(s("_multiarch"), Value::str("x86_64-linux-gnu"));
    set(&mut d, "implementation", Value::obj(Object::Namespace(imp)));
    m
}
