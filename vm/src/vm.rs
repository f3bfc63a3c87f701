//! The virtual machine state: the contiguous value stack and frame stack, the built-in type
//! registry, error helpers, hashing, truthiness and the generic call machinery.

use std::cell::RefCell;
use std::rc::Rc;

use crate::object::{Builtin, Code, Function, Kind, NativeFn, Object, Type};
use crate::types_registry::Types;
use crate::value::{DictRef, PyStr, Value};

/// Result of a Python-level operation: the error is the exception instance.
pub type PyResult<T> = Result<T, Value>;

/// Keyword arguments of a call.
pub type Kw = Vec<(Rc<PyStr>, Value)>;

/// One activation record. Locals, cells and the value stack live in `Vm::stack` starting at
/// `base`; the frame itself is a small struct in `Vm::frames` (no heap allocation per call).
pub struct Frame {
    pub code: Rc<Code>,
    pub globals: DictRef,
    /// The locals mapping of module and class bodies.
    pub locals: Option<Value>,
    pub pc: usize,
    /// Index of local 0 in the stack.
    pub base: usize,
    /// Index of the first value-stack slot.
    pub stack_base: usize,
    /// Where the stack is truncated to when the frame returns.
    pub call_start: usize,
    /// Returning from this frame returns from `Vm::run` to Rust.
    pub entry: bool,
    /// The frame belongs to a generator (YIELD_VALUE suspends it).
    pub gen: Option<Rc<Object>>,
    /// Keyword names set by KW_NAMES for the next CALL.
    pub kwnames: Option<Rc<Vec<Value>>>,
    /// For an inlined `__init__` call: the new instance, returned instead of `None`.
    pub init_self: Option<Value>,
    /// Unit offset of the instruction being executed (for tracebacks).
    pub lasti: usize,
}

/// The interpreter state.
pub struct Vm {
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    pub t: Types,
    pub builtins: DictRef,
    /// sys.modules
    pub modules: DictRef,
    /// The exception being handled (`sys.exc_info()`), None when none.
    pub handled_exc: Value,
    /// Number of `except` handlers entered (PUSH_EXC_INFO) and not yet left (POP_EXCEPT)
    /// since the innermost generator resumption: tells whether a suspending generator owns
    /// the exception being handled.
    pub handler_depth: u32,
    pub recursion_limit: usize,
    /// Rust-level re-entries of the interpreter (calls from native code into Python).
    pub native_depth: usize,
    /// Buffered stdout.
    pub out: Vec<u8>,
    /// errno of the last failed write of stdout (EPIPE when the reader went away), raised as
    /// `OSError` (`BrokenPipeError`) by [`Vm::check_out`] at the next Python-level write.
    pub out_errno: Option<i32>,
    /// Objects whose repr is in progress (for `[...]`).
    pub repr_guard: Vec<i64>,
    /// Set by the loop when a generator frame yields.
    pub yielded: bool,
    pub argv: Vec<String>,
    /// Modules available in the bundle: name -> (loader index).
    pub bundle: Option<Rc<format::PybFile>>,
    /// The frozen standard library (`stdlib::FROZEN`), opened on the first import that needs it.
    pub frozen: Option<Rc<format::PybFile>>,
    pub main_filename: String,
    /// Instructions the dispatch loop may still execute (feature `step-budget`, for fuzzing:
    /// unlimited unless set). Once it reaches zero every further instruction raises, so the
    /// program unwinds to its end whatever handlers it has.
    #[cfg(feature = "step-budget")]
    pub steps_left: u64,
}

/// Creates a native function value.
pub fn native(name: &'static str, f: NativeFn) -> Value {
    Value::obj(Object::Builtin(Builtin { name, f, self_: None }))
}

impl Vm {
    /// Creates a VM with the builtins, `sys` and `math` set up.
    pub fn new() -> Vm {
        let t = Types::new();
        let mut vm = Vm {
            stack: Vec::with_capacity(1 << 16),
            frames: Vec::with_capacity(256),
            t,
            builtins: crate::object::new_dict(),
            modules: crate::object::new_dict(),
            handled_exc: Value::None,
            handler_depth: 0,
            recursion_limit: 1000,
            native_depth: 0,
            out: Vec::with_capacity(1 << 16),
            out_errno: None,
            repr_guard: Vec::new(),
            yielded: false,
            argv: Vec::new(),
            bundle: None,
            frozen: None,
            main_filename: String::new(),
            #[cfg(feature = "step-budget")]
            steps_left: u64::MAX,
        };
        crate::types_registry::init_methods(&mut vm);
        crate::builtins::init(&mut vm);
        crate::modules::init(&mut vm);
        crate::descr::init(&mut vm);
        vm
    }

    // ---- errors --------------------------------------------------------------------------

    /// Creates an exception instance of `ty` with one str argument.
    pub fn new_exc(&mut self, ty: &Rc<Type>, msg: impl Into<String>) -> Value {
        let args = Value::tuple(vec![Value::str(msg.into())]);
        crate::exceptions::make_exc(ty, args)
    }
    /// TypeError(msg).
    pub fn type_error(&mut self, msg: impl Into<String>) -> Value {
        let t = self.t.type_error.clone();
        self.new_exc(&t, msg)
    }
    /// ValueError(msg).
    pub fn value_error(&mut self, msg: impl Into<String>) -> Value {
        let t = self.t.value_error.clone();
        self.new_exc(&t, msg)
    }
    /// IndexError(msg).
    pub fn index_error(&mut self, msg: impl Into<String>) -> Value {
        let t = self.t.index_error.clone();
        self.new_exc(&t, msg)
    }
    /// AttributeError(msg).
    pub fn attr_error(&mut self, msg: impl Into<String>) -> Value {
        let t = self.t.attribute_error.clone();
        self.new_exc(&t, msg)
    }
    /// ZeroDivisionError(msg).
    pub fn zero_div(&mut self, msg: impl Into<String>) -> Value {
        let t = self.t.zero_division_error.clone();
        self.new_exc(&t, msg)
    }
    /// OverflowError(msg).
    pub fn overflow_error(&mut self, msg: impl Into<String>) -> Value {
        let t = self.t.overflow_error.clone();
        self.new_exc(&t, msg)
    }
    /// MemoryError() (no arguments, as CPython raises it).
    pub fn memory_error(&mut self) -> Value {
        let t = self.t.memory_error.clone();
        crate::exceptions::make_exc(&t, Value::tuple(vec![]))
    }
    /// RuntimeError(msg).
    pub fn runtime_error(&mut self, msg: impl Into<String>) -> Value {
        let t = self.t.runtime_error.clone();
        self.new_exc(&t, msg)
    }
    /// KeyError(key).
    pub fn key_error(&mut self, key: Value) -> Value {
        let t = self.t.key_error.clone();
        crate::exceptions::make_exc(&t, Value::tuple(vec![key]))
    }
    /// NameError(msg).
    pub fn name_error(&mut self, name: &str) -> Value {
        let t = self.t.name_error.clone();
        let e = self.new_exc(&t, format!("name '{name}' is not defined"));
        crate::exceptions::attach_name_ctx(self, &e, name);
        e
    }
    /// StopIteration(value).
    pub fn stop_iteration(&mut self, v: Value) -> Value {
        let t = self.t.stop_iteration.clone();
        let args = if v.is_none() { Value::tuple(vec![]) } else { Value::tuple(vec![v]) };
        crate::exceptions::make_exc(&t, args)
    }
    /// True when the exception `e` is an instance of `ty`.
    pub fn exc_matches(&self, e: &Value, ty: &Rc<Type>) -> bool {
        match e {
            Value::Inst(i) => i.class().is_subtype(ty),
            _ => false,
        }
    }

    // ---- types ---------------------------------------------------------------------------

    /// The class of a value.
    pub fn type_of(&self, v: &Value) -> Rc<Type> {
        let t = &self.t;
        match v {
            Value::Null | Value::None => t.none_type.clone(),
            Value::NotImplemented => t.notimpl_type.clone(),
            Value::Ellipsis => t.ellipsis_type.clone(),
            Value::Bool(_) => t.bool.clone(),
            Value::Int(_) | Value::BigInt(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Str(_) => t.str.clone(),
            Value::Tuple(_) => t.tuple.clone(),
            Value::List(_) => t.list.clone(),
            Value::Dict(_) => t.dict.clone(),
            Value::Set(s) => {
                if s.frozen {
                    t.frozenset.clone()
                } else {
                    t.set.clone()
                }
            }
            Value::Func(_) => t.function.clone(),
            Value::Type(ty) => match &*ty.meta.borrow() {
                Some(m) => m.clone(),
                None => t.type_.clone(),
            },
            Value::Inst(i) => i.class(),
            Value::Obj(o) => match &**o {
                Object::Builtin(_) => t.builtin_function.clone(),
                Object::Method { .. } => t.method.clone(),
                Object::Cell(_) => t.cell.clone(),
                Object::Code(_) => t.code.clone(),
                Object::Module { .. } => t.module.clone(),
                Object::Range { .. } | Object::BigRange(_) => t.range.clone(),
                Object::Slice { .. } => t.slice.clone(),
                Object::Iter(k) => crate::types::iter::iter_type(self, &k.borrow()),
                Object::Generator(g) => match g.kind {
                    1 => t.coroutine.clone(),
                    2 => t.async_generator.clone(),
                    _ => t.generator.clone(),
                },
                Object::Property { .. } => t.property.clone(),
                Object::ClassMethod(_) => t.classmethod.clone(),
                Object::StaticMethod(_) => t.staticmethod.clone(),
                Object::Super { .. } => t.super_.clone(),
                Object::Complex(..) => t.complex.clone(),
                Object::Bytes(_) => t.bytes.clone(),
                Object::ByteArray(_) => t.bytearray.clone(),
                Object::DictView(k, _) => match k {
                    0 => t.dict_keys.clone(),
                    1 => t.dict_values.clone(),
                    _ => t.dict_items.clone(),
                },
                Object::Stream(_) => t.text_io.clone(),
                Object::Namespace(_) => t.namespace.clone(),
                Object::Member { idx, .. } => crate::descr::member_type_for(self, *idx),
                Object::AgenOp(_) | Object::AgenWrapped(_) => crate::agen::op_type(self),
                Object::NativeData(_) => t.object.clone(),
            },
        }
    }

    /// The class name of a value (for messages).
    pub fn type_name(&self, v: &Value) -> String {
        self.type_of(v).name()
    }

    /// `isinstance(v, ty)` on the real class.
    pub fn isinstance(&self, v: &Value, ty: &Rc<Type>) -> bool {
        self.type_of(v).is_subtype(ty)
    }

    /// The builtin payload of an instance of a builtin subclass, or the value itself.
    pub fn payload(&self, v: &Value) -> Value {
        match v {
            Value::Inst(i) => {
                let p = i.payload.borrow();
                if p.is_null() || matches!(&*p, Value::Obj(o) if matches!(&**o, Object::NativeData(_))) {
                    v.clone()
                } else {
                    p.clone()
                }
            }
            _ => v.clone(),
        }
    }

    // ---- calls ---------------------------------------------------------------------------

    /// Calls any callable from Rust.
    pub fn call(&mut self, f: &Value, mut args: Vec<Value>, kw: Kw) -> PyResult<Value> {
        match f {
            Value::Func(func) => {
                let func = func.clone();
                self.call_function(&func, args, kw, None)
            }
            Value::Obj(o) => match &**o {
                Object::Builtin(b) => {
                    if let Some(s) = &b.self_ {
                        args.insert(0, s.clone());
                    }
                    if crate::modules::weakref::has_pending() {
                        crate::modules::weakref::run_pending(self);
                    }
                    self.enter_native()?;
                    let r = (b.f)(self, args, kw);
                    self.native_depth -= 1;
                    r
                }
                Object::Method { func, self_ } => {
                    args.insert(0, self_.clone());
                    let func = func.clone();
                    self.call(&func, args, kw)
                }
                _ => self.call_dunder_call(f, args, kw),
            },
            Value::Type(t) => {
                let t = t.clone();
                crate::classes::call_type(self, &t, args, kw)
            }
            _ => self.call_dunder_call(f, args, kw),
        }
    }

    fn call_dunder_call(&mut self, f: &Value, mut args: Vec<Value>, kw: Kw) -> PyResult<Value> {
        let ty = self.type_of(f);
        if let Value::Inst(_) = f {
            if let Some(c) = ty.lookup(&self.t.s_call.clone()) {
                args.insert(0, f.clone());
                return crate::classes::call_with_self(self, &c, args, kw);
            }
        }
        if let Value::Obj(o) = f {
            if let Object::StaticMethod(g) = &**o {
                let g = g.clone();
                return self.call(&g, args, kw);
            }
        }
        Err(self.type_error(format!("'{}' object is not callable", ty.name())))
    }

    /// Convenience: call with positional args only.
    pub fn call0(&mut self, f: &Value, args: Vec<Value>) -> PyResult<Value> {
        self.call(f, args, Vec::new())
    }

    /// Counts one instruction against the step budget (feature `step-budget`); the exception
    /// to raise once it is spent (a `KeyboardInterrupt`: only `except BaseException` and bare
    /// `except` catch it, and the next instruction raises again anyway).
    #[cfg(feature = "step-budget")]
    #[inline(always)]
    pub fn take_step(&mut self) -> Option<Value> {
        if self.steps_left == 0 {
            let t = self.t.keyboard_interrupt.clone();
            return Some(self.new_exc(&t, "step budget exhausted"));
        }
        self.steps_left -= 1;
        None
    }

    /// Counts a Rust-level re-entry; RecursionError past the limit.
    pub fn enter_native(&mut self) -> PyResult<()> {
        self.native_depth += 1;
        if self.native_depth > self.recursion_limit.max(50) + 50 || self.native_depth > 20000 {
            self.native_depth -= 1;
            let t = self.t.recursion_error.clone();
            return Err(self.new_exc(&t, "maximum recursion depth exceeded"));
        }
        Ok(())
    }

    /// [`Vm::enter_native`] for a container comparison (CPython's message names it).
    pub fn enter_native_cmp(&mut self) -> PyResult<()> {
        self.enter_native().map_err(|_| {
            let t = self.t.recursion_error.clone();
            self.new_exc(&t, "maximum recursion depth exceeded in comparison")
        })
    }

    /// Calls a Python function from Rust (runs a nested dispatch loop).
    pub fn call_function(
        &mut self,
        func: &Rc<Function>,
        args: Vec<Value>,
        kw: Kw,
        locals: Option<Value>,
    ) -> PyResult<Value> {
        let flags = func.code.flags;
        if flags
            & (format::code::flags::GENERATOR | format::code::flags::COROUTINE | format::code::flags::ASYNC_GENERATOR)
            != 0
        {
            return crate::generator::make_generator(self, func, args, kw);
        }
        self.enter_native()?;
        let call_start = self.stack.len();
        if let Err(e) = crate::interp::push_frame(self, func, args, kw, call_start, true) {
            self.native_depth -= 1;
            return Err(e);
        }
        if let Some(l) = locals {
            if let Some(fr) = self.frames.last_mut() {
                fr.locals = Some(l);
            }
        }
        let r = crate::interp::run(self, None);
        self.native_depth -= 1;
        r
    }

    /// Looks a special method up on the type of `v` and calls it with `v` first.
    pub fn call_method(&mut self, v: &Value, name: &Rc<PyStr>, mut args: Vec<Value>) -> PyResult<Option<Value>> {
        let ty = self.type_of(v);
        match ty.lookup(name) {
            Some(f) => {
                args.insert(0, v.clone());
                let r = self.call_descr(&f, v, args)?;
                Ok(Some(r))
            }
            None => Ok(None),
        }
    }

    /// Calls a class attribute `f` found for `obj` with `args` (obj already first).
    pub fn call_descr(&mut self, f: &Value, obj: &Value, mut args: Vec<Value>) -> PyResult<Value> {
        match f {
            Value::Func(_) => self.call(f, args, Vec::new()),
            Value::Obj(o) => match &**o {
                Object::Builtin(b) if b.self_.is_none() => self.call(f, args, Vec::new()),
                Object::StaticMethod(g) => {
                    args.remove(0);
                    let g = g.clone();
                    self.call(&g, args, Vec::new())
                }
                Object::ClassMethod(g) => {
                    args[0] = Value::Type(self.type_of(obj));
                    let g = g.clone();
                    self.call(&g, args, Vec::new())
                }
                _ => {
                    args.remove(0);
                    let b = crate::attr::bind_descr(self, f, obj)?;
                    self.call(&b, args, Vec::new())
                }
            },
            _ => {
                args.remove(0);
                let b = crate::attr::bind_descr(self, f, obj)?;
                self.call(&b, args, Vec::new())
            }
        }
    }

    /// Writes text to the buffered stdout.
    pub fn write_out(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
        if self.out.len() > 1 << 16 {
            self.flush_out();
        }
    }

    /// Flushes buffered stdout. A failed write drops the buffer (as CPython's does) and
    /// records the error for [`Vm::check_out`].
    pub fn flush_out(&mut self) {
        use std::io::Write;
        if !self.out.is_empty() {
            let mut so = std::io::stdout().lock();
            if let Err(e) = so.write_all(&self.out).and_then(|_| so.flush()) {
                self.out_errno = Some(e.raw_os_error().unwrap_or(5));
            }
            self.out.clear();
        }
    }

    /// Raises the error of a failed stdout write (`BrokenPipeError: [Errno 32] Broken pipe`
    /// when the reading end of a pipe was closed), once.
    pub fn check_out(&mut self) -> PyResult<()> {
        let Some(n) = self.out_errno.take() else { return Ok(()) };
        let text = std::io::Error::from_raw_os_error(n).to_string();
        let text = match text.rfind(" (os error") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        let t = Value::Type(self.t.os_error.clone());
        match self.call(&t, vec![Value::Int(n as i64), Value::str(text)], Vec::new()) {
            Ok(e) | Err(e) => Err(e),
        }
    }

    /// Writes to stderr (after flushing stdout).
    pub fn write_err(&mut self, s: &str) {
        use std::io::Write;
        self.flush_out();
        let _ = std::io::stderr().write_all(s.as_bytes());
    }

    /// A new class object for a builtin kind check.
    pub fn kind_of(&self, v: &Value) -> Kind {
        self.type_of(v).kind
    }
}

/// Set by pvm's SIGINT handler; the dispatch loop turns it into `KeyboardInterrupt` at the next
/// backward jump or function entry.
pub static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Set when the program ended with an uncaught `KeyboardInterrupt`: pvm then exits by SIGINT,
/// as CPython does (status 130 in a shell).
pub static DIED_OF_INTERRUPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Consumes a pending Ctrl-C: the `KeyboardInterrupt` to raise, if any.
#[cold]
pub fn take_interrupt(vm: &mut Vm) -> Option<Value> {
    if INTERRUPTED.swap(false, std::sync::atomic::Ordering::Relaxed) {
        let t = vm.t.keyboard_interrupt.clone();
        return Some(crate::exceptions::make_exc(&t, Value::tuple(vec![])));
    }
    None
}

impl Drop for Vm {
    /// Whatever the exit path (including an internal panic unwinding), buffered output is
    /// written.
    fn drop(&mut self) {
        self.flush_out();
    }
}

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}

/// Shorthand for an empty RefCell-wrapped Value.
pub fn cell(v: Value) -> RefCell<Value> {
    RefCell::new(v)
}
