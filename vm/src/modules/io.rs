//! The `_io` module and the `open()` builtin: `StringIO`, `BytesIO`, and files (`FileIO`,
//! `BufferedReader`/`BufferedWriter`/`BufferedRandom`, `TextIOWrapper`) with CPython's modes,
//! encodings (through `types::codecs`), newline handling (universal newlines on input, `newline=`
//! translation on output), `seek`/`tell`, and CPython's error messages.
//!
//! A file object is one native instance carrying an `Rc<RefCell<FState>>`: the OS file with a
//! read-ahead buffer and a write buffer, plus (in text mode) the decoded-text buffer. A text
//! file's `.buffer` is a binary view sharing the same state. Write buffers are flushed on
//! `flush`/`close`/`seek`/`tell`, when the object is freed, and when the interpreter thread ends
//! (a registry of live files), as CPython flushes unclosed files at exit.
//!
//! The base classes `_IOBase`, `_RawIOBase`, `_BufferedIOBase`, `_TextIOBase` implement the
//! generic protocol (context manager, iteration, `readlines`, `writelines`) by calling methods
//! by name, so Python subclasses of `io.IOBase` work too.

use std::cell::RefCell;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::rc::{Rc, Weak};

use crate::native_class::{new_class, new_instance, with_data};
use crate::object::{NativeFn, Object, Type};
use crate::types::args::bind;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

const CHUNK: usize = 8192;

#[derive(Clone)]
struct Types {
    iobase: Rc<Type>,
    rawiobase: Rc<Type>,
    bufferediobase: Rc<Type>,
    textiobase: Rc<Type>,
    fileio: Rc<Type>,
    breader: Rc<Type>,
    bwriter: Rc<Type>,
    brandom: Rc<Type>,
    textio: Rc<Type>,
    stringio: Rc<Type>,
    bytesio: Rc<Type>,
    unsupported: Rc<Type>,
}

/// Flushes every live file when the interpreter thread ends.
struct Registry(Vec<Weak<RefCell<FState>>>);

impl Drop for Registry {
    fn drop(&mut self) {
        for w in &self.0 {
            if let Some(st) = w.upgrade() {
                if let Ok(mut st) = st.try_borrow_mut() {
                    let _ = st.flush_raw();
                }
            }
        }
    }
}

thread_local! {
    static TYPES: RefCell<Option<Types>> = const { RefCell::new(None) };
    static LIVE: RefCell<Registry> = const { RefCell::new(Registry(Vec::new())) };
}

fn types(vm: &mut Vm) -> Types {
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        return t;
    }
    let base: &[(&'static str, NativeFn)] = &[
        ("__enter__", base_enter),
        ("__exit__", base_exit),
        ("__iter__", base_iter),
        ("__next__", base_next),
        ("readlines", base_readlines),
        ("writelines", base_writelines),
        ("readable", false_fn),
        ("writable", false_fn),
        ("seekable", false_fn),
        ("isatty", false_fn),
        ("flush", base_flush),
        ("close", base_close),
        ("fileno", base_fileno),
        ("__del__", none_fn),
    ];
    let iobase = new_class(vm, "_io", "_IOBase", &[], base, vec![("closed", prop("closed", base_closed))]);
    let rawiobase = new_class(vm, "_io", "_RawIOBase", &[iobase.clone()], &[], vec![]);
    let bufferediobase = new_class(vm, "_io", "_BufferedIOBase", &[iobase.clone()], &[], vec![]);
    let textiobase = new_class(vm, "_io", "_TextIOBase", &[iobase.clone()], &[], vec![]);
    let file_methods: &[(&'static str, NativeFn)] = &[
        ("read", f_read),
        ("read1", f_read),
        ("readall", f_readall),
        ("readinto", f_readinto),
        ("readline", f_readline),
        ("write", f_write),
        ("seek", f_seek),
        ("tell", f_tell),
        ("truncate", f_truncate),
        ("flush", f_flush),
        ("close", f_close),
        ("detach", f_detach),
        ("fileno", f_fileno),
        ("isatty", f_isatty),
        ("readable", f_readable),
        ("writable", f_writable),
        ("seekable", f_seekable),
        ("peek", f_peek),
        ("__repr__", f_repr),
        ("__getattr__", f_getattr),
        ("__next__", f_next),
    ];
    let fileio =
        new_class(vm, "_io", "FileIO", &[rawiobase.clone()], file_methods, vec![("closed", prop("closed", f_closed))]);
    let breader = new_class(
        vm,
        "_io",
        "BufferedReader",
        &[bufferediobase.clone()],
        file_methods,
        vec![("closed", prop("closed", f_closed))],
    );
    let bwriter = new_class(
        vm,
        "_io",
        "BufferedWriter",
        &[bufferediobase.clone()],
        file_methods,
        vec![("closed", prop("closed", f_closed))],
    );
    let brandom = new_class(
        vm,
        "_io",
        "BufferedRandom",
        &[bufferediobase.clone()],
        file_methods,
        vec![("closed", prop("closed", f_closed))],
    );
    let mut text_methods = file_methods.to_vec();
    text_methods.push(("__new__", textio_new));
    let textio = new_class(
        vm,
        "_io",
        "TextIOWrapper",
        &[textiobase.clone()],
        &text_methods,
        vec![("closed", prop("closed", f_closed))],
    );
    let sio: &[(&'static str, NativeFn)] = &[
        ("__new__", sio_new),
        ("__init__", sio_init),
        ("getvalue", sio_getvalue),
        ("read", sio_read),
        ("readline", sio_readline),
        ("write", sio_write),
        ("seek", sio_seek),
        ("tell", sio_tell),
        ("truncate", sio_truncate),
        ("close", sio_close),
        ("readable", mem_true),
        ("writable", mem_true),
        ("seekable", mem_true),
        ("flush", mem_flush),
        ("__next__", sio_next),
        ("__getattr__", sio_getattr),
        ("__getstate__", sio_getstate),
    ];
    let stringio =
        new_class(vm, "_io", "StringIO", &[textiobase.clone()], sio, vec![("closed", prop("closed", sio_closed))]);
    let bio: &[(&'static str, NativeFn)] = &[
        ("__new__", bio_new),
        ("__init__", bio_init),
        ("getvalue", bio_getvalue),
        ("getbuffer", bio_getvalue),
        ("read", bio_read),
        ("read1", bio_read),
        ("readinto", bio_readinto),
        ("readline", bio_readline),
        ("write", bio_write),
        ("seek", bio_seek),
        ("tell", bio_tell),
        ("truncate", bio_truncate),
        ("close", bio_close),
        ("readable", mem_true),
        ("writable", mem_true),
        ("seekable", mem_true),
        ("flush", mem_flush),
        ("__next__", bio_next),
        ("__getattr__", bio_getattr),
    ];
    let bytesio =
        new_class(vm, "_io", "BytesIO", &[bufferediobase.clone()], bio, vec![("closed", prop("closed", bio_closed))]);
    let ose = vm.t.os_error.clone();
    let vae = vm.t.value_error.clone();
    let meta = vm.t.type_.clone();
    let ns = crate::object::new_dict();
    ns.borrow_mut().set_str(s("__module__"), Value::str("io"));
    let args = vec![
        Value::str("UnsupportedOperation"),
        Value::tuple(vec![Value::Type(ose), Value::Type(vae)]),
        Value::Dict(ns),
    ];
    let unsupported = match crate::classes::new_class_from_args(vm, &meta, args, Vec::new()) {
        Ok(Value::Type(t)) => t,
        _ => vm.t.os_error.clone(),
    };
    let t = Types {
        iobase,
        rawiobase,
        bufferediobase,
        textiobase,
        fileio,
        breader,
        bwriter,
        brandom,
        textio,
        stringio,
        bytesio,
        unsupported,
    };
    TYPES.with(|x| *x.borrow_mut() = Some(t.clone()));
    t
}

/// A read-only property computed by a native function.
fn prop(name: &'static str, f: NativeFn) -> Value {
    Value::obj(Object::Property { fget: native(name, f), fset: Value::None, fdel: Value::None, doc: Value::None })
}

fn base_closed(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(match a.first() {
        Some(Value::Inst(i)) => i.dict.borrow().get_str(&crate::value::PyStr::new("__IOBase_closed")).is_some(),
        _ => false,
    }))
}

fn f_closed(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let (st, _) = state(vm, &arg(&a, 0), "closed")?;
    let st = st.borrow();
    Ok(Value::Bool(st.file.is_none() && !st.is_std))
}

fn sio_closed(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(with_data(vm, &arg(&a, 0), "closed", |d: &mut StringIOData| d.closed)?))
}

fn bio_closed(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(with_data(vm, &arg(&a, 0), "closed", |d: &mut BytesIOData| d.closed)?))
}

fn arg(a: &[Value], i: usize) -> Value {
    a.get(i).cloned().unwrap_or(Value::None)
}

fn unsupported(vm: &mut Vm, msg: &str) -> Value {
    let t = types(vm).unsupported;
    vm.new_exc(&t, msg)
}

fn closed_err(vm: &mut Vm) -> Value {
    vm.value_error("I/O operation on closed file.")
}

fn bytes_value(b: Vec<u8>) -> Value {
    Value::obj(Object::Bytes(b))
}

fn size_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(-1),
        Some(v) => {
            if let Value::Float(_) = v {
                let tn = vm.type_name(v);
                return Err(vm.type_error(format!("argument should be integer or None, not '{tn}'")));
            }
            crate::types::to_index(vm, v)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Generic base-class methods (work for any object implementing read/readline/write/close).

fn call_method(vm: &mut Vm, this: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let f = crate::attr::getattr(vm, this, &s(name))?;
    vm.call0(&f, args)
}

fn is_closed(vm: &mut Vm, this: &Value) -> PyResult<bool> {
    let c = crate::attr::getattr(vm, this, &s("closed"))?;
    crate::ops::truthy(vm, &c)
}

fn base_enter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    if is_closed(vm, &this)? {
        return Err(closed_err(vm));
    }
    Ok(this)
}

fn base_exit(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    call_method(vm, &arg(&a, 0), "close", vec![])?;
    Ok(Value::None)
}

fn base_iter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    if is_closed(vm, &this)? {
        return Err(closed_err(vm));
    }
    Ok(this)
}

fn base_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let line = call_method(vm, &arg(&a, 0), "readline", vec![])?;
    let empty = match &line {
        Value::Str(x) => x.as_str().is_empty(),
        v => crate::types::bytes::bytes_of(vm, v).is_some_and(|b| b.is_empty()),
    };
    if empty {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(line)
}

fn base_readlines(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let hint = size_arg(vm, a.get(1))?;
    let mut out = Vec::new();
    let mut total = 0i64;
    loop {
        let line = call_method(vm, &this, "readline", vec![])?;
        let n = match &line {
            Value::Str(x) => x.nchars as i64,
            v => crate::types::bytes::bytes_of(vm, v).map(|b| b.len() as i64).unwrap_or(0),
        };
        if n == 0 {
            break;
        }
        out.push(line);
        total += n;
        if hint > 0 && total >= hint {
            break;
        }
    }
    Ok(Value::list(out))
}

fn base_writelines(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    if is_closed(vm, &this)? {
        return Err(closed_err(vm));
    }
    let it = crate::ops::iter(vm, &arg(&a, 1))?;
    let w = crate::attr::getattr(vm, &this, &s("write"))?;
    while let Some(x) = crate::ops::next(vm, &it)? {
        vm.call0(&w, vec![x])?;
    }
    Ok(Value::None)
}

fn false_fn(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(false))
}

fn none_fn(_vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::None)
}

fn base_flush(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    if is_closed(vm, &this)? {
        return Err(closed_err(vm));
    }
    Ok(Value::None)
}

fn base_close(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    if let Value::Inst(i) = &this {
        i.dict.borrow_mut().set_str(s("__IOBase_closed"), Value::Bool(true));
    }
    let _ = vm;
    Ok(Value::None)
}

fn base_fileno(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Err(unsupported(vm, "fileno"))
}

// ---------------------------------------------------------------------------------------------
// Files.

/// Text layer of a file opened in text mode.
struct Text {
    encoding: String,
    errors: String,
    /// `newline=`: None for universal newlines.
    newline: Option<String>,
    /// Decoded, not yet consumed text (newlines untranslated) and the read position in it.
    dbuf: Vec<char>,
    dpos: usize,
    /// Raw bytes read but not decoded yet (an incomplete UTF-8 sequence).
    pending: Vec<u8>,
    eof: bool,
    line_buffering: bool,
    utf8: bool,
    /// Fixed width of one encoded char (1 for latin-1/ascii), 0 when variable.
    width: usize,
}

/// The state of an open file.
struct FState {
    file: Option<File>,
    rbuf: Vec<u8>,
    rpos: usize,
    wbuf: Vec<u8>,
    text: Option<Text>,
    readable: bool,
    writable: bool,
    append: bool,
    closefd: bool,
    /// Text files: the mode as given to open(); binary files: the normalized mode ("rb+").
    mode: String,
    raw_mode: String,
    name: Value,
    is_std: bool,
}

impl Drop for FState {
    fn drop(&mut self) {
        let _ = self.flush_raw();
    }
}

impl FState {
    fn flush_raw(&mut self) -> std::io::Result<()> {
        if self.wbuf.is_empty() {
            return Ok(());
        }
        let buf = std::mem::take(&mut self.wbuf);
        match self.file.as_mut() {
            Some(f) => f.write_all(&buf),
            None => Ok(()),
        }
    }

    fn unread(&self) -> usize {
        self.rbuf.len() - self.rpos
    }

    /// Drops read-ahead data, moving the OS position back to the logical one.
    fn drop_readahead(&mut self) -> std::io::Result<()> {
        let n = self.unread();
        self.rbuf.clear();
        self.rpos = 0;
        if n > 0 {
            if let Some(f) = self.file.as_mut() {
                f.seek(SeekFrom::Current(-(n as i64)))?;
            }
        }
        Ok(())
    }

    /// Reads one chunk (from the read-ahead buffer first). Empty at end of file.
    fn read_chunk(&mut self) -> std::io::Result<Vec<u8>> {
        self.flush_raw()?;
        if self.unread() > 0 {
            let v = self.rbuf[self.rpos..].to_vec();
            self.rbuf.clear();
            self.rpos = 0;
            return Ok(v);
        }
        self.read_os()
    }

    /// Reads one chunk from the OS (never from the read-ahead buffer).
    fn read_os(&mut self) -> std::io::Result<Vec<u8>> {
        self.flush_raw()?;
        let mut buf = vec![0u8; CHUNK];
        let f = self.file.as_mut().expect("open file");
        let n = loop {
            match f.read(&mut buf) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                r => break r?,
            }
        };
        buf.truncate(n);
        Ok(buf)
    }

    /// Appends one chunk from the OS to the read-ahead buffer. False at end of file.
    fn fill(&mut self) -> std::io::Result<bool> {
        let c = self.read_os()?;
        if c.is_empty() {
            return Ok(false);
        }
        if self.rpos > 0 {
            self.rbuf.drain(..self.rpos);
            self.rpos = 0;
        }
        self.rbuf.extend_from_slice(&c);
        Ok(true)
    }

    fn read_bytes(&mut self, n: i64) -> std::io::Result<Vec<u8>> {
        self.flush_raw()?;
        if n < 0 {
            let mut out = self.rbuf[self.rpos..].to_vec();
            self.rbuf.clear();
            self.rpos = 0;
            self.file.as_mut().expect("open file").read_to_end(&mut out)?;
            return Ok(out);
        }
        let n = n as usize;
        while self.unread() < n {
            if !self.fill()? {
                break;
            }
        }
        let k = n.min(self.unread());
        let out = self.rbuf[self.rpos..self.rpos + k].to_vec();
        self.rpos += k;
        Ok(out)
    }

    fn readline_bytes(&mut self, limit: i64) -> std::io::Result<Vec<u8>> {
        self.flush_raw()?;
        let mut scanned = 0;
        loop {
            let avail = &self.rbuf[self.rpos..];
            let lim = if limit >= 0 { (limit as usize).min(avail.len()) } else { avail.len() };
            if let Some(i) = avail[scanned.min(lim)..lim].iter().position(|&b| b == b'\n') {
                let end = self.rpos + scanned.min(lim) + i + 1;
                let out = self.rbuf[self.rpos..end].to_vec();
                self.rpos = end;
                return Ok(out);
            }
            if limit >= 0 && avail.len() >= limit as usize {
                let end = self.rpos + limit as usize;
                let out = self.rbuf[self.rpos..end].to_vec();
                self.rpos = end;
                return Ok(out);
            }
            scanned = avail.len();
            if !self.fill()? {
                let out = self.rbuf[self.rpos..].to_vec();
                self.rbuf.clear();
                self.rpos = 0;
                return Ok(out);
            }
        }
    }

    fn write_bytes(&mut self, data: &[u8]) -> std::io::Result<()> {
        self.drop_readahead()?;
        if self.is_std {
            return Ok(());
        }
        self.wbuf.extend_from_slice(data);
        if self.wbuf.len() >= CHUNK {
            self.flush_raw()?;
        }
        Ok(())
    }

    fn raw_tell(&mut self) -> std::io::Result<u64> {
        self.flush_raw()?;
        let p = self.file.as_mut().expect("open file").stream_position()?;
        Ok(p - self.unread() as u64)
    }

    fn raw_seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.flush_raw()?;
        let pos = match pos {
            SeekFrom::Current(n) => SeekFrom::Current(n - self.unread() as i64),
            p => p,
        };
        self.rbuf.clear();
        self.rpos = 0;
        if let Some(t) = self.text.as_mut() {
            t.dbuf.clear();
            t.dpos = 0;
            t.pending.clear();
            t.eof = false;
        }
        self.file.as_mut().expect("open file").seek(pos)
    }
}

impl Text {
    fn avail(&self) -> usize {
        self.dbuf.len() - self.dpos
    }
    fn encoded_len(&self, chars: &[char]) -> usize {
        if self.width > 0 {
            chars.len() * self.width
        } else if self.utf8 {
            chars.iter().map(|c| c.len_utf8()).sum()
        } else {
            chars.len()
        }
    }
    fn compact(&mut self) {
        if self.dpos > 4 * CHUNK && self.dpos * 2 > self.dbuf.len() {
            self.dbuf.drain(..self.dpos);
            self.dpos = 0;
        }
    }
}

struct FileObj {
    st: Rc<RefCell<FState>>,
    /// A binary view of a text file (its `.buffer`).
    binary_view: bool,
}

fn state(vm: &mut Vm, this: &Value, what: &str) -> PyResult<(Rc<RefCell<FState>>, bool)> {
    with_data(vm, this, what, |d: &mut FileObj| (d.st.clone(), d.binary_view))
}

fn open_state(vm: &mut Vm, this: &Value, what: &str) -> PyResult<(Rc<RefCell<FState>>, bool)> {
    let (st, bv) = state(vm, this, what)?;
    if st.borrow().file.is_none() && !st.borrow().is_std {
        return Err(closed_err(vm));
    }
    Ok((st, bv))
}

fn ioerr(vm: &mut Vm, e: std::io::Error) -> Value {
    super::posix::io_error(vm, &e, None)
}

/// Decodes more raw input into the text buffer. False at end of file.
fn text_fill(vm: &mut Vm, st: &mut FState) -> PyResult<bool> {
    let chunk = st.read_chunk().map_err(|e| ioerr(vm, e))?;
    let t = st.text.as_mut().expect("text file");
    t.compact();
    if chunk.is_empty() {
        t.eof = true;
        if !t.pending.is_empty() {
            let p = std::mem::take(&mut t.pending);
            let (enc, err) = (t.encoding.clone(), t.errors.clone());
            let d = crate::types::codecs::decode(vm, &p, &enc, &err)?;
            st.text.as_mut().unwrap().dbuf.extend(d.chars());
        }
        return Ok(false);
    }
    t.pending.extend_from_slice(&chunk);
    let cut = if t.utf8 {
        // Keep an incomplete trailing sequence for the next chunk.
        let p = &t.pending;
        let mut cut = p.len();
        for back in 1..=3.min(p.len()) {
            let b = p[p.len() - back];
            if b & 0xC0 == 0x80 {
                continue;
            }
            if b >= 0xC0 {
                let need = if b >= 0xF0 {
                    4
                } else if b >= 0xE0 {
                    3
                } else {
                    2
                };
                if need > back {
                    cut = p.len() - back;
                }
            }
            break;
        }
        cut
    } else if t.width > 0 {
        t.pending.len() - t.pending.len() % t.width
    } else {
        // Variable-width codecs other than UTF-8 are decoded once the whole input is in.
        return Ok(true);
    };
    let head: Vec<u8> = t.pending.drain(..cut).collect();
    let (enc, err) = (t.encoding.clone(), t.errors.clone());
    let d = crate::types::codecs::decode(vm, &head, &enc, &err)?;
    st.text.as_mut().unwrap().dbuf.extend(d.chars());
    Ok(true)
}

/// Takes `n` chars (or all) from the text buffer, translating newlines for universal mode.
fn text_take(t: &mut Text, n: usize) -> String {
    let universal = t.newline.is_none();
    let mut out = String::new();
    let mut taken = 0;
    while taken < n && t.dpos < t.dbuf.len() {
        let c = t.dbuf[t.dpos];
        t.dpos += 1;
        if universal && c == '\r' {
            if t.dpos < t.dbuf.len() && t.dbuf[t.dpos] == '\n' {
                t.dpos += 1;
            }
            out.push('\n');
        } else {
            out.push(c);
        }
        taken += 1;
    }
    out
}

fn text_read(vm: &mut Vm, st: &mut FState, n: i64) -> PyResult<String> {
    if n < 0 {
        while text_fill(vm, st)? {}
        let t = st.text.as_mut().unwrap();
        return Ok(text_take(t, usize::MAX));
    }
    let n = n as usize;
    loop {
        let t = st.text.as_ref().unwrap();
        if t.avail() > n || t.eof {
            break;
        }
        text_fill(vm, st)?;
    }
    Ok(text_take(st.text.as_mut().unwrap(), n))
}

fn text_readline(vm: &mut Vm, st: &mut FState, limit: i64) -> PyResult<String> {
    let mut scanned = 0usize;
    loop {
        let t = st.text.as_ref().unwrap();
        let buf = &t.dbuf[t.dpos..];
        let mut end = None;
        let mut need_more = false;
        let upto = if limit >= 0 { (limit as usize).min(buf.len()) } else { buf.len() };
        let mut i = scanned.min(upto);
        match t.newline.as_deref() {
            None | Some("") => {
                while i < upto {
                    let c = buf[i];
                    if c == '\n' {
                        end = Some(i + 1);
                        break;
                    }
                    if c == '\r' {
                        if i + 1 < buf.len() {
                            end = Some(if buf[i + 1] == '\n' { i + 2 } else { i + 1 });
                        } else if t.eof {
                            end = Some(i + 1);
                        } else {
                            need_more = true;
                        }
                        break;
                    }
                    i += 1;
                }
            }
            Some(nl) => {
                let nlc: Vec<char> = nl.chars().collect();
                while i < upto {
                    if buf[i..].starts_with(&nlc) {
                        end = Some(i + nlc.len());
                        break;
                    }
                    if nlc.len() == 2 && buf[i] == '\r' && i + 1 == buf.len() && !t.eof {
                        need_more = true;
                        break;
                    }
                    i += 1;
                }
            }
        }
        if let Some(e) = end {
            let (count, line) = {
                let t = st.text.as_mut().unwrap();
                let slice = &t.dbuf[t.dpos..t.dpos + e];
                let count = if t.newline.is_none() {
                    // The terminator becomes one '\n'.
                    slice.iter().filter(|&&c| c != '\r' && c != '\n').count() + 1
                } else {
                    e
                };
                (count, ())
            };
            let _ = line;
            let t = st.text.as_mut().unwrap();
            let lim = if limit >= 0 { (limit as usize).min(count) } else { count };
            return Ok(text_take(t, lim));
        }
        if !need_more {
            if limit >= 0 && buf.len() >= limit as usize {
                let t = st.text.as_mut().unwrap();
                return Ok(text_take(t, limit as usize));
            }
            if t.eof {
                let t = st.text.as_mut().unwrap();
                return Ok(text_take(t, usize::MAX));
            }
            scanned = buf.len();
        } else {
            scanned = i;
        }
        if !text_fill(vm, st)? {
            let t = st.text.as_mut().unwrap();
            if t.avail() == 0 {
                return Ok(String::new());
            }
        }
    }
}

fn text_tell(vm: &mut Vm, st: &mut FState) -> PyResult<u64> {
    let raw = st.raw_tell().map_err(|e| ioerr(vm, e))?;
    let t = st.text.as_ref().unwrap();
    let ahead = t.pending.len() + t.encoded_len(&t.dbuf[t.dpos..]);
    Ok(raw - ahead as u64)
}

/// Moves the OS position back to the logical text position before a write.
fn text_sync_for_write(vm: &mut Vm, st: &mut FState) -> PyResult<()> {
    let t = st.text.as_ref().unwrap();
    if t.avail() > 0 || !t.pending.is_empty() || st.unread() > 0 {
        let pos = text_tell(vm, st)?;
        st.raw_seek(SeekFrom::Start(pos)).map_err(|e| ioerr(vm, e))?;
    }
    let t = st.text.as_mut().unwrap();
    t.dbuf.clear();
    t.dpos = 0;
    t.eof = false;
    Ok(())
}

fn check_readable(vm: &mut Vm, st: &FState) -> PyResult<()> {
    if !st.readable {
        let m = if st.text.is_some() { "not readable" } else { "read" };
        return Err(unsupported(vm, m));
    }
    Ok(())
}

fn check_writable(vm: &mut Vm, st: &FState) -> PyResult<()> {
    if !st.writable {
        let m = if st.text.is_some() { "not writable" } else { "write" };
        return Err(unsupported(vm, m));
    }
    Ok(())
}

fn f_read(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let p = bind(vm, "read", &a[1..], &k, &["size"], 0, 1, 1)?;
    let n = size_arg(vm, p[0].as_ref())?;
    let (st, bv) = open_state(vm, &this, "read")?;
    let mut st = st.borrow_mut();
    check_readable(vm, &st)?;
    if st.text.is_some() && !bv {
        let r = text_read(vm, &mut st, n)?;
        return Ok(Value::str(r));
    }
    let r = st.read_bytes(n).map_err(|e| ioerr(vm, e))?;
    Ok(bytes_value(r))
}

fn f_readall(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    f_read(vm, vec![arg(&a, 0)], vec![])
}

fn f_readinto(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let target = arg(&a, 1);
    let (st, _) = open_state(vm, &this, "readinto")?;
    let Value::Obj(o) = vm.payload(&target) else {
        return Err(vm.type_error("readinto() argument must be read-write bytes-like object"));
    };
    let Object::ByteArray(ba) = &*o else {
        return Err(vm.type_error("readinto() argument must be read-write bytes-like object"));
    };
    let n = ba.borrow().len();
    let data = st.borrow_mut().read_bytes(n as i64).map_err(|e| ioerr(vm, e))?;
    ba.borrow_mut()[..data.len()].copy_from_slice(&data);
    Ok(Value::Int(data.len() as i64))
}

fn f_readline(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let p = bind(vm, "readline", &a[1..], &k, &["size"], 0, 1, 1)?;
    let n = size_arg(vm, p[0].as_ref())?;
    let (st, bv) = open_state(vm, &this, "readline")?;
    let mut st = st.borrow_mut();
    check_readable(vm, &st)?;
    if st.text.is_some() && !bv {
        let r = text_readline(vm, &mut st, n)?;
        return Ok(Value::str(r));
    }
    let r = st.readline_bytes(n).map_err(|e| ioerr(vm, e))?;
    Ok(bytes_value(r))
}

fn f_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let line = f_readline(vm, vec![arg(&a, 0)], vec![])?;
    let empty = match &line {
        Value::Str(x) => x.as_str().is_empty(),
        Value::Obj(o) => matches!(&**o, Object::Bytes(b) if b.is_empty()),
        _ => false,
    };
    if empty {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(line)
}

fn f_write(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let data = arg(&a, 1);
    let (st, bv) = open_state(vm, &this, "write")?;
    let is_std = st.borrow().is_std;
    let mut st = st.borrow_mut();
    check_writable(vm, &st)?;
    if st.text.is_some() && !bv {
        let Value::Str(text) = &data else {
            let tn = vm.type_name(&data);
            return Err(vm.type_error(format!("write() argument must be str, not {tn}")));
        };
        if is_std {
            drop(st);
            let fd = if is_std_err(&this) { 2 } else { 1 };
            if fd == 1 {
                vm.write_out(text.as_str());
            } else {
                vm.write_err(text.as_str());
            }
            return Ok(Value::Int(text.nchars as i64));
        }
        text_sync_for_write(vm, &mut st)?;
        let t = st.text.as_ref().unwrap();
        let translated;
        let src = match t.newline.as_deref() {
            Some("\r") | Some("\r\n") if text.as_str().contains('\n') => {
                translated = text.as_str().replace('\n', t.newline.as_deref().unwrap());
                translated.as_str()
            }
            _ => text.as_str(),
        };
        let (enc, err) = (t.encoding.clone(), t.errors.clone());
        let lb = t.line_buffering && (text.as_str().contains('\n') || text.as_str().contains('\r'));
        let bytes = crate::types::codecs::encode(vm, src, &enc, &err)?;
        st.write_bytes(&bytes).map_err(|e| ioerr(vm, e))?;
        if lb {
            st.flush_raw().map_err(|e| ioerr(vm, e))?;
        }
        return Ok(Value::Int(text.nchars as i64));
    }
    let Some(bytes) = crate::types::bytes::bytes_of(vm, &data) else {
        let tn = vm.type_name(&data);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
    };
    st.write_bytes(&bytes).map_err(|e| ioerr(vm, e))?;
    Ok(Value::Int(bytes.len() as i64))
}

fn is_std_err(this: &Value) -> bool {
    with_name(this).is_some_and(|n| n == "<stderr>")
}

fn with_name(this: &Value) -> Option<String> {
    if let Value::Inst(i) = this {
        if let Value::Obj(o) = i.payload.borrow().clone() {
            if let Object::NativeData(d) = &*o {
                if let Ok(b) = d.try_borrow() {
                    if let Some(f) = b.downcast_ref::<FileObj>() {
                        if let Ok(st) = f.st.try_borrow() {
                            if let Value::Str(n) = &st.name {
                                return Some(n.as_str().to_string());
                            }
                        }
                    }
                }
            }
        }
    }
    None
}

fn f_seek(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let p = bind(vm, "seek", &a[1..], &k, &["cookie", "whence"], 1, 2, 2)?;
    let pos_v = p[0].clone().unwrap();
    if let Value::Float(_) = pos_v {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let pos = crate::types::to_index(vm, &pos_v)?;
    let whence = match &p[1] {
        Some(v) => crate::types::to_index(vm, v)?,
        None => 0,
    };
    let (st, bv) = open_state(vm, &this, "seek")?;
    let mut st = st.borrow_mut();
    let text = st.text.is_some() && !bv;
    let sf = match whence {
        0 => {
            if pos < 0 {
                let m = if text { format!("negative seek position {pos}") } else { "negative seek value".into() };
                return Err(vm.value_error(m));
            }
            SeekFrom::Start(pos as u64)
        }
        1 => {
            if text && pos != 0 {
                return Err(unsupported(vm, "can't do nonzero cur-relative seeks"));
            }
            if text {
                let here = text_tell(vm, &mut st)?;
                SeekFrom::Start(here)
            } else {
                SeekFrom::Current(pos)
            }
        }
        2 => {
            if text && pos != 0 {
                return Err(unsupported(vm, "can't do nonzero end-relative seeks"));
            }
            SeekFrom::End(pos)
        }
        _ => {
            let m = if text {
                format!("invalid whence ({whence}, should be 0, 1 or 2)")
            } else {
                format!("whence value {whence} unsupported")
            };
            return Err(vm.value_error(m));
        }
    };
    let r = st.raw_seek(sf).map_err(|e| ioerr(vm, e))?;
    Ok(Value::Int(r as i64))
}

fn f_tell(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let (st, bv) = open_state(vm, &arg(&a, 0), "tell")?;
    let mut st = st.borrow_mut();
    if st.text.is_some() && !bv {
        return Ok(Value::Int(text_tell(vm, &mut st)? as i64));
    }
    let r = st.raw_tell().map_err(|e| ioerr(vm, e))?;
    Ok(Value::Int(r as i64))
}

fn f_truncate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let (st, bv) = open_state(vm, &this, "truncate")?;
    let mut st = st.borrow_mut();
    check_writable(vm, &st)?;
    let size = match a.get(1) {
        None | Some(Value::None) => {
            if st.text.is_some() && !bv {
                text_tell(vm, &mut st)?
            } else {
                st.raw_tell().map_err(|e| ioerr(vm, e))?
            }
        }
        Some(v) => crate::types::to_index(vm, v)? as u64,
    };
    if st.text.is_some() && !bv {
        text_sync_for_write(vm, &mut st)?;
    }
    st.flush_raw().map_err(|e| ioerr(vm, e))?;
    st.drop_readahead().map_err(|e| ioerr(vm, e))?;
    st.file.as_mut().unwrap().set_len(size).map_err(|e| ioerr(vm, e))?;
    Ok(Value::Int(size as i64))
}

fn f_flush(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let (st, _) = state(vm, &arg(&a, 0), "flush")?;
    if st.borrow().is_std {
        vm.flush_out();
        return Ok(Value::None);
    }
    if st.borrow().file.is_none() {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    st.borrow_mut().flush_raw().map_err(|e| ioerr(vm, e))?;
    Ok(Value::None)
}

fn f_close(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let (st, _) = state(vm, &arg(&a, 0), "close")?;
    let mut st = st.borrow_mut();
    if st.is_std {
        return Ok(Value::None);
    }
    let r = st.flush_raw();
    let f = st.file.take();
    if !st.closefd {
        if let Some(f) = f {
            super::posix::fd_register(f);
        }
    }
    r.map_err(|e| ioerr(vm, e))?;
    Ok(Value::None)
}

fn f_detach(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Err(unsupported(vm, "detach"))
}

fn f_fileno(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    use std::os::unix::io::AsRawFd;
    let (st, _) = state(vm, &arg(&a, 0), "fileno")?;
    let st = st.borrow();
    if st.is_std {
        return Ok(Value::Int(if let Value::Str(n) = &st.name {
            if n.as_str() == "<stderr>" {
                2
            } else {
                1
            }
        } else {
            1
        }));
    }
    match &st.file {
        Some(f) => Ok(Value::Int(f.as_raw_fd() as i64)),
        None => Err(vm.value_error("I/O operation on closed file")),
    }
}

fn f_isatty(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    use std::io::IsTerminal;
    let (st, _) = open_state(vm, &arg(&a, 0), "isatty")?;
    let st = st.borrow();
    Ok(Value::Bool(st.file.as_ref().is_some_and(|f| f.is_terminal())))
}

fn f_readable(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let (st, _) = open_state(vm, &arg(&a, 0), "readable")?;
    let r = st.borrow().readable;
    Ok(Value::Bool(r))
}

fn f_writable(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let (st, _) = open_state(vm, &arg(&a, 0), "writable")?;
    let r = st.borrow().writable;
    Ok(Value::Bool(r))
}

fn f_seekable(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let (st, _) = open_state(vm, &arg(&a, 0), "seekable")?;
    let r = !st.borrow().is_std;
    Ok(Value::Bool(r))
}

fn f_peek(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let (st, _) = open_state(vm, &arg(&a, 0), "peek")?;
    let mut st = st.borrow_mut();
    if st.unread() == 0 {
        st.fill().map_err(|e| ioerr(vm, e))?;
    }
    Ok(bytes_value(st.rbuf[st.rpos..].to_vec()))
}

fn f_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let (st, bv) = state(vm, &this, "__repr__")?;
    let (name, mode, enc, text) = {
        let st = st.borrow();
        (st.name.clone(), st.mode.clone(), st.text.as_ref().map(|t| t.encoding.clone()), st.text.is_some() && !bv)
    };
    let t = vm.type_of(&this);
    let tn = format!("{}.{}", t.module.borrow(), t.name());
    let nr = crate::ops::repr(vm, &name)?;
    if text {
        let er = crate::ops::repr(vm, &Value::str(enc.unwrap_or_default()))?;
        let mr = crate::ops::repr(vm, &Value::str(mode))?;
        return Ok(Value::str(format!("<{tn} name={nr} mode={mr} encoding={er}>")));
    }
    if t.name() == "FileIO" {
        let closefd = if st.borrow().closefd { "True" } else { "False" };
        let raw_mode = st.borrow().raw_mode.clone();
        if st.borrow().file.is_none() {
            return Ok(Value::str(format!("<{tn} [closed]>")));
        }
        return Ok(Value::str(format!("<{tn} name={nr} mode='{raw_mode}' closefd={closefd}>")));
    }
    Ok(Value::str(format!("<{tn} name={nr}>")))
}

/// Attributes computed from the state: closed, name, mode, encoding, errors, newlines,
/// line_buffering, buffer, raw, closefd.
fn f_getattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let name = match a.get(1) {
        Some(Value::Str(n)) => n.as_str().to_string(),
        _ => String::new(),
    };
    let (st, bv) = state(vm, &this, "__getattr__")?;
    let text = st.borrow().text.is_some() && !bv;
    let r = {
        let stb = st.borrow();
        match name.as_str() {
            "closed" => Some(Value::Bool(stb.file.is_none() && !stb.is_std)),
            "name" => Some(stb.name.clone()),
            "mode" => Some(Value::str(if bv { stb.raw_mode.clone() } else { stb.mode.clone() })),
            "closefd" => Some(Value::Bool(stb.closefd)),
            "encoding" if text => Some(Value::str(stb.text.as_ref().unwrap().encoding.clone())),
            "errors" if text => Some(Value::str(stb.text.as_ref().unwrap().errors.clone())),
            "line_buffering" if text => Some(Value::Bool(stb.text.as_ref().unwrap().line_buffering)),
            "newlines" if text => Some(Value::None),
            "write_through" if text => Some(Value::Bool(false)),
            _ => None,
        }
    };
    if let Some(v) = r {
        return Ok(v);
    }
    if name == "buffer" && text || name == "raw" && !text {
        let tys = types(vm);
        let (readable, writable) = (st.borrow().readable, st.borrow().writable);
        let cls = if name == "raw" {
            tys.fileio
        } else if readable && writable {
            tys.brandom
        } else if writable {
            tys.bwriter
        } else {
            tys.breader
        };
        return Ok(new_instance(&cls, FileObj { st, binary_view: true }));
    }
    let tn = vm.type_of(&this).name();
    Err(vm.attr_error(format!("'_io.{tn}' object has no attribute '{name}'")))
}

fn register(st: &Rc<RefCell<FState>>) {
    LIVE.with(|l| {
        let mut l = l.borrow_mut();
        if l.0.len() > 64 {
            l.0.retain(|w| w.strong_count() > 0);
        }
        l.0.push(Rc::downgrade(st));
    });
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
/// opener=None)`.
pub fn builtin_open(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let names = ["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"];
    let p = bind(vm, "open", &a, &k, &names, 1, 0, 8)?;
    let file = p[0].clone().unwrap();
    let mode = match &p[1] {
        None => "r".to_string(),
        Some(Value::Str(m)) => m.as_str().to_string(),
        Some(v) => {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("open() argument 'mode' must be str, not {tn}")));
        }
    };
    let buffering = match &p[2] {
        None => -1,
        Some(v) => crate::types::to_index(vm, v)?,
    };
    let str_opt = |vm: &mut Vm, v: &Option<Value>, what: &str| -> PyResult<Option<String>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(x)) => Ok(Some(x.as_str().to_string())),
            Some(v) => {
                let tn = vm.type_name(v);
                Err(vm.type_error(format!("open() argument '{what}' must be str or None, not {tn}")))
            }
        }
    };
    let encoding = str_opt(vm, &p[3], "encoding")?;
    let errors = str_opt(vm, &p[4], "errors")?;
    let newline = str_opt(vm, &p[5], "newline")?;
    let closefd = match &p[6] {
        Some(v) => crate::ops::truthy(vm, v)?,
        None => true,
    };
    // Mode validation, with CPython's messages.
    let (mut r, mut w, mut ap, mut x, mut plus, mut b, mut t) = (false, false, false, false, false, false, false);
    for c in mode.chars() {
        let flag = match c {
            'r' => &mut r,
            'w' => &mut w,
            'a' => &mut ap,
            'x' => &mut x,
            '+' => &mut plus,
            'b' => &mut b,
            't' => &mut t,
            _ => return Err(vm.value_error(format!("invalid mode: '{mode}'"))),
        };
        if *flag {
            return Err(vm.value_error(format!("invalid mode: '{mode}'")));
        }
        *flag = true;
    }
    if t && b {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    if !(r || w || ap || x) {
        return Err(vm.value_error("Must have exactly one of create/read/write/append mode and at most one plus"));
    }
    if [r, w, ap, x].iter().filter(|f| **f).count() != 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    if b && encoding.is_some() {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    if b && errors.is_some() {
        return Err(vm.value_error("binary mode doesn't take an errors argument"));
    }
    if b && newline.is_some() {
        return Err(vm.value_error("binary mode doesn't take a newline argument"));
    }
    if let Some(nl) = &newline {
        if !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n") {
            return Err(vm.value_error(format!("illegal newline value: {nl}")));
        }
    }
    // The file itself.
    let f = match &file {
        Value::Int(fd) => match super::posix::fd_take(*fd as i32) {
            Some(f) => f,
            None => return Err(super::posix::os_error(vm, 9, None, None)),
        },
        Value::Bool(_) | Value::Float(_) => {
            let tn = vm.type_name(&file);
            return Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {tn}")));
        }
        _ => {
            if !closefd {
                return Err(vm.value_error("Cannot use closefd=False with file name"));
            }
            let pv = if matches!(file, Value::Inst(_)) {
                super::posix::fspath(vm, vec![file.clone()], vec![]).ok()
            } else {
                None
            };
            let pv = pv.unwrap_or_else(|| file.clone());
            if !matches!(pv, Value::Str(_)) && crate::types::bytes::bytes_of(vm, &pv).is_none() {
                let tn = vm.type_name(&file);
                return Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {tn}")));
            }
            let (path, _) = super::posix::path_arg(vm, &pv, "open", "file")?;
            let mut flags = if plus {
                2
            } else if r {
                0
            } else {
                1
            };
            if w {
                flags |= 0o100 | 0o1000;
            }
            if ap {
                flags |= 0o100 | 0o2000;
            }
            if x {
                flags |= 0o100 | 0o200;
            }
            flags |= 0o2000000;
            let f = match &p[7] {
                Some(opener) if !opener.is_none() => {
                    // opener(file, flags) returns a descriptor opened by the program.
                    let fd = vm.call0(opener, vec![file.clone(), Value::Int(flags as i64)])?;
                    let fd = crate::types::to_index(vm, &fd)?;
                    if fd < 0 {
                        return Err(vm.value_error(format!("opener returned {fd}")));
                    }
                    match super::posix::fd_take(fd as i32) {
                        Some(f) => f,
                        None => return Err(super::posix::os_error(vm, 9, None, None)),
                    }
                }
                _ => super::posix::open_flags(&path, flags, 0o666)
                    .map_err(|e| super::posix::io_error(vm, &e, Some(pv.clone())))?,
            };
            if f.metadata().is_ok_and(|m| m.is_dir()) {
                return Err(super::posix::os_error(vm, 21, Some(pv), None));
            }
            f
        }
    };
    // As CPython, the file is opened (and created) before the text layer is checked.
    if !b && buffering == 0 {
        return Err(vm.value_error("can't have unbuffered text I/O"));
    }
    let enc_name = encoding.clone().unwrap_or_else(|| "utf-8".into());
    let codec = if b { None } else { Some(crate::types::codecs::lookup(vm, &enc_name)?) };
    let mut f = f;
    if ap {
        let _ = f.seek(SeekFrom::End(0));
    }
    let raw_mode = format!(
        "{}b{}",
        if x {
            "x"
        } else if ap {
            "a"
        } else if w {
            "w"
        } else {
            "r"
        },
        if plus { "+" } else { "" }
    );
    let name = match &file {
        Value::Inst(_) => super::posix::fspath(vm, vec![file.clone()], vec![]).unwrap_or(file.clone()),
        _ => file.clone(),
    };
    let text = codec.map(|c| {
        use crate::types::codecs::Codec;
        Text {
            encoding: enc_name.clone(),
            errors: errors.clone().unwrap_or_else(|| "strict".into()),
            newline: newline.clone(),
            dbuf: Vec::new(),
            dpos: 0,
            pending: Vec::new(),
            eof: false,
            line_buffering: buffering == 1,
            utf8: c == Codec::Utf8,
            width: match c {
                Codec::Latin1 | Codec::Ascii => 1,
                _ => 0,
            },
        }
    });
    let st = FState {
        file: Some(f),
        rbuf: Vec::new(),
        rpos: 0,
        wbuf: Vec::new(),
        text,
        readable: r || plus,
        writable: w || ap || x || plus,
        append: ap,
        closefd,
        mode: if b { raw_mode.clone() } else { mode.clone() },
        raw_mode,
        name,
        is_std: false,
    };
    let _ = st.append;
    let st = Rc::new(RefCell::new(st));
    register(&st);
    let tys = types(vm);
    let cls = if !b {
        tys.textio
    } else if buffering == 0 {
        tys.fileio
    } else if plus {
        tys.brandom
    } else if r {
        tys.breader
    } else {
        tys.bwriter
    };
    Ok(new_instance(&cls, FileObj { st, binary_view: false }))
}

fn textio_new(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Err(unsupported(vm, "TextIOWrapper over a Python buffer object is not supported by pvm"))
}

// ---------------------------------------------------------------------------------------------
// StringIO.

struct StringIOData {
    buf: Vec<char>,
    pos: usize,
    closed: bool,
    /// `newline=` (default "\n"; None: universal newlines, translating on write).
    newline: Option<String>,
}

fn sio_new(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let cls = match a.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => types(vm).stringio,
    };
    Ok(new_instance(&cls, StringIOData { buf: Vec::new(), pos: 0, closed: false, newline: Some("\n".into()) }))
}

fn sio_init(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let p = bind(vm, "StringIO", &a[1..], &k, &["initial_value", "newline"], 0, 0, 2)?;
    let newline = match &p[1] {
        None => Some("\n".to_string()),
        Some(Value::None) => None,
        Some(Value::Str(x)) => {
            if !matches!(x.as_str(), "" | "\n" | "\r" | "\r\n") {
                let r = crate::ops::repr(vm, &Value::str(x.as_str()))?;
                return Err(vm.value_error(format!("illegal newline value: {r}")));
            }
            Some(x.as_str().to_string())
        }
        Some(v) => {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("newline must be str or None, not {tn}")));
        }
    };
    let init: Vec<char> = match &p[0] {
        None | Some(Value::None) => Vec::new(),
        Some(Value::Str(x)) => sio_translate(x.as_str(), &newline).chars().collect(),
        Some(v) => {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("initial_value must be str or None, not {tn}")));
        }
    };
    if !crate::native_class::has_data::<StringIOData>(&this) {
        crate::native_class::set_data(&this, StringIOData { buf: Vec::new(), pos: 0, closed: false, newline: None });
    }
    with_data(vm, &this, "__init__", |d: &mut StringIOData| {
        d.buf = init;
        d.pos = 0;
        d.closed = false;
        d.newline = newline;
    })?;
    Ok(Value::None)
}

fn sio_translate(s: &str, newline: &Option<String>) -> String {
    match newline.as_deref() {
        None => s.replace("\r\n", "\n").replace('\r', "\n"),
        Some("\r") | Some("\r\n") => s.replace('\n', newline.as_deref().unwrap()),
        _ => s.to_string(),
    }
}

fn sio<R>(vm: &mut Vm, this: &Value, what: &str, f: impl FnOnce(&mut StringIOData) -> R) -> PyResult<R> {
    let closed = with_data(vm, this, what, |d: &mut StringIOData| d.closed)?;
    if closed {
        return Err(vm.value_error("I/O operation on closed file"));
    }
    with_data(vm, this, what, f)
}

fn sio_getvalue(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s: String = sio(vm, &arg(&a, 0), "getvalue", |d| d.buf.iter().collect())?;
    Ok(Value::str(s))
}

fn sio_read(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = size_arg(vm, a.get(1))?;
    let s: String = sio(vm, &arg(&a, 0), "read", |d| {
        let start = d.pos.min(d.buf.len());
        let end = if n < 0 { d.buf.len() } else { (start + n as usize).min(d.buf.len()) };
        d.pos = end.max(d.pos);
        d.buf[start..end].iter().collect()
    })?;
    Ok(Value::str(s))
}

fn sio_readline_impl(d: &mut StringIOData, limit: i64) -> String {
    let start = d.pos.min(d.buf.len());
    let mut end = d.buf.len();
    let universal_read = matches!(d.newline.as_deref(), Some(""));
    let mut i = start;
    while i < d.buf.len() {
        if limit >= 0 && i - start >= limit as usize {
            end = i;
            break;
        }
        let c = d.buf[i];
        if universal_read && c == '\r' {
            end = if i + 1 < d.buf.len() && d.buf[i + 1] == '\n' { i + 2 } else { i + 1 };
            break;
        }
        let term = match d.newline.as_deref() {
            Some("\r") => '\r',
            _ => '\n',
        };
        if c == term {
            end = i + 1;
            break;
        }
        i += 1;
    }
    if limit >= 0 {
        end = end.min(start + limit as usize);
    }
    d.pos = end.max(d.pos);
    d.buf[start..end].iter().collect()
}

fn sio_readline(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = size_arg(vm, a.get(1))?;
    let s = sio(vm, &arg(&a, 0), "readline", |d| sio_readline_impl(d, n))?;
    Ok(Value::str(s))
}

fn sio_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let exact = vm.type_of(&this).name() == "StringIO";
    let line = if exact {
        Value::str(sio(vm, &this, "__next__", |d| sio_readline_impl(d, -1))?)
    } else {
        call_method(vm, &this, "readline", vec![])?
    };
    if matches!(&line, Value::Str(x) if x.as_str().is_empty()) {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(line)
}

fn sio_write(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let data = arg(&a, 1);
    let Value::Str(text) = &data else {
        let tn = vm.type_name(&data);
        return Err(vm.type_error(format!("string argument expected, got '{tn}'")));
    };
    let n = text.nchars;
    sio(vm, &arg(&a, 0), "write", |d| {
        let t = sio_translate(text.as_str(), &d.newline);
        if d.pos == d.buf.len() {
            d.buf.extend(t.chars());
        } else {
            if d.pos > d.buf.len() {
                d.buf.resize(d.pos, '\0');
            }
            let chars: Vec<char> = t.chars().collect();
            let end = (d.pos + chars.len()).min(d.buf.len());
            d.buf.splice(d.pos..end, chars.iter().copied());
        }
        d.pos += t.chars().count();
    })?;
    Ok(Value::Int(n as i64))
}

fn sio_seek(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let pos = crate::types::to_index(vm, &arg(&a, 1))?;
    let whence = match a.get(2) {
        Some(v) => crate::types::to_index(vm, v)?,
        None => 0,
    };
    let this = arg(&a, 0);
    sio(vm, &this, "seek", |_| ())?;
    if whence == 0 && pos < 0 {
        return Err(vm.value_error(format!("Negative seek position {pos}")));
    }
    if (whence == 1 || whence == 2) && pos != 0 {
        let m = if whence == 1 { "Can't do nonzero cur-relative seeks" } else { "Can't do nonzero end-relative seeks" };
        return Err(unsupported(vm, m));
    }
    if !(0..=2).contains(&whence) {
        return Err(vm.value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)")));
    }
    let r = sio(vm, &this, "seek", |d| {
        match whence {
            0 => d.pos = pos as usize,
            2 => d.pos = d.buf.len(),
            _ => {}
        }
        d.pos
    })?;
    Ok(Value::Int(r as i64))
}

fn sio_tell(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(sio(vm, &arg(&a, 0), "tell", |d| d.pos)? as i64))
}

fn sio_truncate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let size = match a.get(1) {
        None | Some(Value::None) => None,
        Some(v) => {
            let n = crate::types::to_index(vm, v)?;
            if n < 0 {
                return Err(vm.value_error(format!("Negative size value {n}")));
            }
            Some(n as usize)
        }
    };
    let r = sio(vm, &arg(&a, 0), "truncate", |d| {
        let n = size.unwrap_or(d.pos);
        if n < d.buf.len() {
            d.buf.truncate(n);
        }
        n
    })?;
    Ok(Value::Int(r as i64))
}

fn sio_close(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    with_data(vm, &arg(&a, 0), "close", |d: &mut StringIOData| {
        d.closed = true;
        d.buf = Vec::new();
    })?;
    Ok(Value::None)
}

fn mem_true(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if is_closed(vm, &arg(&a, 0))? {
        return Err(closed_err(vm));
    }
    Ok(Value::Bool(true))
}

fn mem_flush(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if is_closed(vm, &arg(&a, 0))? {
        return Err(closed_err(vm));
    }
    Ok(Value::None)
}

fn sio_getattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let name = match a.get(1) {
        Some(Value::Str(n)) => n.as_str().to_string(),
        _ => String::new(),
    };
    match name.as_str() {
        "closed" => Ok(Value::Bool(with_data(vm, &this, "closed", |d: &mut StringIOData| d.closed)?)),
        "line_buffering" => Ok(Value::Bool(false)),
        "newlines" | "encoding" | "errors" => Ok(Value::None),
        _ => {
            let tn = vm.type_of(&this).name();
            let q = if tn == "StringIO" { "_io.StringIO".to_string() } else { tn };
            Err(vm.attr_error(format!("'{q}' object has no attribute '{name}'")))
        }
    }
}

fn sio_getstate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let (v, pos): (String, usize) = sio(vm, &this, "__getstate__", |d| (d.buf.iter().collect(), d.pos))?;
    Ok(Value::tuple(vec![Value::str(v), Value::str("\n"), Value::Int(pos as i64), Value::None]))
}

// ---------------------------------------------------------------------------------------------
// BytesIO.

struct BytesIOData {
    buf: Vec<u8>,
    pos: usize,
    closed: bool,
}

fn bio_new(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let cls = match a.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => types(vm).bytesio,
    };
    Ok(new_instance(&cls, BytesIOData { buf: Vec::new(), pos: 0, closed: false }))
}

fn bio_init(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let p = bind(vm, "BytesIO", &a[1..], &k, &["initial_bytes"], 0, 0, 1)?;
    let init = match &p[0] {
        None | Some(Value::None) => Vec::new(),
        Some(v) => match crate::types::bytes::bytes_of(vm, v) {
            Some(b) => b,
            None => {
                let tn = vm.type_name(v);
                return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
            }
        },
    };
    if !crate::native_class::has_data::<BytesIOData>(&this) {
        crate::native_class::set_data(&this, BytesIOData { buf: Vec::new(), pos: 0, closed: false });
    }
    with_data(vm, &this, "__init__", |d: &mut BytesIOData| {
        d.buf = init;
        d.pos = 0;
        d.closed = false;
    })?;
    Ok(Value::None)
}

fn bio<R>(vm: &mut Vm, this: &Value, what: &str, f: impl FnOnce(&mut BytesIOData) -> R) -> PyResult<R> {
    let closed = with_data(vm, this, what, |d: &mut BytesIOData| d.closed)?;
    if closed {
        return Err(closed_err(vm));
    }
    with_data(vm, this, what, f)
}

fn bio_getvalue(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(bytes_value(bio(vm, &arg(&a, 0), "getvalue", |d| d.buf.clone())?))
}

fn bio_read(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = size_arg(vm, a.get(1))?;
    let r = bio(vm, &arg(&a, 0), "read", |d| {
        let start = d.pos.min(d.buf.len());
        let end = if n < 0 { d.buf.len() } else { (start + n as usize).min(d.buf.len()) };
        d.pos = end.max(d.pos);
        d.buf[start..end].to_vec()
    })?;
    Ok(bytes_value(r))
}

fn bio_readinto(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let target = arg(&a, 1);
    let Value::Obj(o) = vm.payload(&target) else {
        return Err(vm.type_error("readinto() argument must be read-write bytes-like object"));
    };
    let Object::ByteArray(ba) = &*o else {
        return Err(vm.type_error("readinto() argument must be read-write bytes-like object"));
    };
    let n = ba.borrow().len();
    let data = bio(vm, &arg(&a, 0), "readinto", |d| {
        let start = d.pos.min(d.buf.len());
        let end = (start + n).min(d.buf.len());
        d.pos = end.max(d.pos);
        d.buf[start..end].to_vec()
    })?;
    ba.borrow_mut()[..data.len()].copy_from_slice(&data);
    Ok(Value::Int(data.len() as i64))
}

fn bio_readline_impl(d: &mut BytesIOData, limit: i64) -> Vec<u8> {
    let start = d.pos.min(d.buf.len());
    let mut end = match d.buf[start..].iter().position(|&b| b == b'\n') {
        Some(i) => start + i + 1,
        None => d.buf.len(),
    };
    if limit >= 0 {
        end = end.min(start + limit as usize);
    }
    d.pos = end.max(d.pos);
    d.buf[start..end].to_vec()
}

fn bio_readline(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = size_arg(vm, a.get(1))?;
    Ok(bytes_value(bio(vm, &arg(&a, 0), "readline", |d| bio_readline_impl(d, n))?))
}

fn bio_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let r = bio(vm, &arg(&a, 0), "__next__", |d| bio_readline_impl(d, -1))?;
    if r.is_empty() {
        return Err(vm.stop_iteration(Value::None));
    }
    Ok(bytes_value(r))
}

fn bio_write(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let data = arg(&a, 1);
    let Some(b) = crate::types::bytes::bytes_of(vm, &data) else {
        let tn = vm.type_name(&data);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
    };
    let n = b.len();
    bio(vm, &arg(&a, 0), "write", |d| {
        if d.pos > d.buf.len() {
            d.buf.resize(d.pos, 0);
        }
        let end = (d.pos + n).min(d.buf.len());
        d.buf.splice(d.pos..end, b);
        d.pos += n;
    })?;
    Ok(Value::Int(n as i64))
}

fn bio_seek(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let pos = crate::types::to_index(vm, &arg(&a, 1))?;
    let whence = match a.get(2) {
        Some(v) => crate::types::to_index(vm, v)?,
        None => 0,
    };
    let this = arg(&a, 0);
    bio(vm, &this, "seek", |_| ())?;
    if whence == 0 && pos < 0 {
        return Err(vm.value_error(format!("negative seek value {pos}")));
    }
    if !(0..=2).contains(&whence) {
        return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)")));
    }
    let r = bio(vm, &this, "seek", |d| {
        let base = match whence {
            0 => 0,
            1 => d.pos as i64,
            _ => d.buf.len() as i64,
        };
        d.pos = (base + pos).max(0) as usize;
        d.pos
    })?;
    Ok(Value::Int(r as i64))
}

fn bio_tell(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(bio(vm, &arg(&a, 0), "tell", |d| d.pos)? as i64))
}

fn bio_truncate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let size = match a.get(1) {
        None | Some(Value::None) => None,
        Some(v) => {
            let n = crate::types::to_index(vm, v)?;
            if n < 0 {
                return Err(vm.value_error(format!("negative size value {n}")));
            }
            Some(n as usize)
        }
    };
    let r = bio(vm, &arg(&a, 0), "truncate", |d| {
        let n = size.unwrap_or(d.pos);
        if n < d.buf.len() {
            d.buf.truncate(n);
        }
        n
    })?;
    Ok(Value::Int(r as i64))
}

fn bio_close(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    with_data(vm, &arg(&a, 0), "close", |d: &mut BytesIOData| {
        d.closed = true;
        d.buf = Vec::new();
    })?;
    Ok(Value::None)
}

fn bio_getattr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = arg(&a, 0);
    let name = match a.get(1) {
        Some(Value::Str(n)) => n.as_str().to_string(),
        _ => String::new(),
    };
    if name == "closed" {
        return Ok(Value::Bool(with_data(vm, &this, "closed", |d: &mut BytesIOData| d.closed)?));
    }
    let tn = vm.type_of(&this).name();
    let q = if tn == "BytesIO" { "_io.BytesIO".to_string() } else { tn };
    Err(vm.attr_error(format!("'{q}' object has no attribute '{name}'")))
}

/// `open_code(path)`: the file opened for reading in binary mode.
fn open_code(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    builtin_open(vm, vec![arg(&a, 0), Value::str("rb")], vec![])
}

fn text_encoding(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(match a.first() {
        None | Some(Value::None) => Value::str("utf-8"),
        Some(v) => v.clone(),
    })
}

/// Builds the `_io` module.
pub fn make(vm: &mut Vm) -> Value {
    let t = types(vm);
    let (m, d) = super::new_module("_io");
    let mut d = d.borrow_mut();
    d.set_str(s("open"), native("open", builtin_open));
    d.set_str(s("open_code"), native("open_code", open_code));
    d.set_str(s("text_encoding"), native("text_encoding", text_encoding));
    d.set_str(s("DEFAULT_BUFFER_SIZE"), Value::Int(CHUNK as i64));
    for (n, ty) in [
        ("_IOBase", &t.iobase),
        ("_RawIOBase", &t.rawiobase),
        ("_BufferedIOBase", &t.bufferediobase),
        ("_TextIOBase", &t.textiobase),
        ("FileIO", &t.fileio),
        ("BufferedReader", &t.breader),
        ("BufferedWriter", &t.bwriter),
        ("BufferedRandom", &t.brandom),
        ("BufferedRWPair", &t.brandom),
        ("TextIOWrapper", &t.textio),
        ("StringIO", &t.stringio),
        ("BytesIO", &t.bytesio),
        ("UnsupportedOperation", &t.unsupported),
    ] {
        d.set_str(s(n), Value::Type(ty.clone()));
    }
    d.set_str(s("BlockingIOError"), Value::Type(vm.t.os_error.clone()));
    if let Some(b) = vm.t.all_exc.iter().find(|x| x.name() == "BlockingIOError").cloned() {
        d.set_str(s("BlockingIOError"), Value::Type(b));
    }
    m
}
