//! The registry of built-in classes (including the exception hierarchy) and the interned
//! names of special methods.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::object::{new_dict, next_version, Kind, Type};
use crate::value::{s, PyStr};
use crate::vm::Vm;

macro_rules! types_struct {
    ($($f:ident),* ; $($e:ident),* ; $($n:ident = $txt:literal),*) => {
        /// Built-in classes and interned special-method names.
        pub struct Types {
            $(pub $f: Rc<Type>,)*
            $(pub $e: Rc<Type>,)*
            $(pub $n: Rc<PyStr>,)*
            /// Every exception class by name (for the builtins module).
            pub all_exc: Vec<Rc<Type>>,
            /// `__add__`... indexed by `BinaryOpKind` base number.
            pub binop: Vec<Rc<PyStr>>,
            /// `__radd__`...
            pub rbinop: Vec<Rc<PyStr>>,
            /// `__iadd__`...
            pub ibinop: Vec<Rc<PyStr>>,
            /// `__lt__`... indexed by `CompareOpKind`.
            pub cmpop: Vec<Rc<PyStr>>,
        }
    };
}

types_struct!(
    object, type_, int, bool, float, complex, str, bytes, bytearray, list, tuple, dict, set,
    frozenset, none_type, notimpl_type, ellipsis_type, function, builtin_function, method, cell,
    code, module, range, slice, iterator, generator, coroutine, async_generator, property,
    classmethod, staticmethod, super_, dict_keys, dict_values, dict_items, text_io, namespace;
    base_exception, exception, type_error, value_error, index_error, key_error, attribute_error,
    name_error, unbound_local_error, zero_division_error, overflow_error, runtime_error,
    recursion_error, stop_iteration, stop_async_iteration, generator_exit, system_exit,
    assertion_error, not_implemented_error, import_error, module_not_found_error, lookup_error,
    arithmetic_error, os_error, unicode_error, keyboard_interrupt, memory_error, eof_error;
    s_init = "__init__", s_new = "__new__", s_call = "__call__", s_repr = "__repr__",
    s_str = "__str__", s_eq = "__eq__", s_ne = "__ne__", s_hash = "__hash__", s_iter = "__iter__",
    s_next = "__next__", s_len = "__len__", s_bool = "__bool__", s_getitem = "__getitem__",
    s_setitem = "__setitem__", s_delitem = "__delitem__", s_contains = "__contains__",
    s_enter = "__enter__", s_exit = "__exit__", s_getattr = "__getattr__",
    s_getattribute = "__getattribute__", s_setattr = "__setattr__", s_delattr = "__delattr__",
    s_get = "__get__", s_set = "__set__", s_delete = "__delete__", s_index = "__index__",
    s_format = "__format__", s_class = "__class__", s_dict = "__dict__", s_name = "__name__",
    s_doc = "__doc__", s_module = "__module__", s_qualname = "__qualname__",
    s_classcell = "__classcell__", s_init_subclass = "__init_subclass__",
    s_set_name = "__set_name__", s_neg = "__neg__", s_pos = "__pos__", s_invert = "__invert__",
    s_abs = "__abs__", s_float = "__float__", s_int = "__int__", s_missing = "__missing__",
    s_reversed = "__reversed__", s_round = "__round__", s_slots = "__slots__",
    s_trunc = "__trunc__", s_aenter = "__aenter__", s_aexit = "__aexit__",
    s_await = "__await__", s_aiter = "__aiter__", s_anext = "__anext__",
    s_builtins = "__builtins__", s_mro_entries = "__mro_entries__", s_prepare = "__prepare__",
    s_instancecheck = "__instancecheck__", s_subclasscheck = "__subclasscheck__",
    s_class_getitem = "__class_getitem__", s_complex = "__complex__", s_bytes = "__bytes__",
    s_ceil = "__ceil__", s_floor = "__floor__", s_sizeof = "__sizeof__", s_dir = "__dir__",
    s_match_args = "__match_args__", s_length_hint = "__length_hint__",
    s_annotations = "__annotations__", s_send = "send", s_throw = "throw", s_close = "close",
    s_keys = "keys", s_args = "args", s_value = "value", s_main = "__main__",
    s_file = "__file__", s_spec = "__spec__"
);

/// Makes a built-in class with single inheritance.
pub fn new_type(name: &str, base: Option<&Rc<Type>>, kind: Kind, builtin: bool) -> Rc<Type> {
    let mut mro = Vec::new();
    let mut bases = Vec::new();
    if let Some(b) = base {
        bases.push(b.clone());
        mro.push(b.clone());
        mro.extend(b.mro.borrow().iter().cloned());
    }
    Rc::new(Type {
        name: RefCell::new(name.to_string()),
        qualname: RefCell::new(name.to_string()),
        module: RefCell::new("builtins".to_string()),
        bases: RefCell::new(bases),
        mro: RefCell::new(mro),
        dict: {
            let d = new_dict();
            d.borrow_mut().type_dict = true;
            d
        },
        version: Cell::new(next_version()),
        kind,
        builtin,
        meta: RefCell::new(None),
        slots: None,
        nslots: 0,
        subclasses: RefCell::new(Vec::new()),
        hook_flags: Cell::new(0),
    })
}

impl Types {
    /// Builds every built-in class.
    pub fn new() -> Types {
        use Kind::*;
        let object = new_type("object", None, Kind::Object, true);
        let o = Some(&object);
        let ty = |n: &str, k: Kind| new_type(n, o, k, true);
        let int = ty("int", Int);
        let bool_ = new_type("bool", Some(&int), Bool, true);
        let mut all_exc = Vec::new();
        let base_exception = ty("BaseException", Exception);
        all_exc.push(base_exception.clone());
        let mut ex = |n: &str, b: &Rc<crate::object::Type>| {
            let t = new_type(n, Some(b), Exception, true);
            all_exc.push(t.clone());
            t
        };
        let exception = ex("Exception", &base_exception);
        let generator_exit = ex("GeneratorExit", &base_exception);
        let keyboard_interrupt = ex("KeyboardInterrupt", &base_exception);
        let system_exit = ex("SystemExit", &base_exception);
        let arithmetic_error = ex("ArithmeticError", &exception);
        ex("FloatingPointError", &arithmetic_error);
        let overflow_error = ex("OverflowError", &arithmetic_error);
        let zero_division_error = ex("ZeroDivisionError", &arithmetic_error);
        let assertion_error = ex("AssertionError", &exception);
        let attribute_error = ex("AttributeError", &exception);
        ex("BufferError", &exception);
        let eof_error = ex("EOFError", &exception);
        let import_error = ex("ImportError", &exception);
        let module_not_found_error = ex("ModuleNotFoundError", &import_error);
        let lookup_error = ex("LookupError", &exception);
        let index_error = ex("IndexError", &lookup_error);
        let key_error = ex("KeyError", &lookup_error);
        let memory_error = ex("MemoryError", &exception);
        let name_error = ex("NameError", &exception);
        let unbound_local_error = ex("UnboundLocalError", &name_error);
        let os_error = ex("OSError", &exception);
        for n in [
            "BlockingIOError",
            "ChildProcessError",
            "FileExistsError",
            "FileNotFoundError",
            "InterruptedError",
            "IsADirectoryError",
            "NotADirectoryError",
            "PermissionError",
            "ProcessLookupError",
            "TimeoutError",
        ] {
            ex(n, &os_error);
        }
        let conn = ex("ConnectionError", &os_error);
        for n in ["BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError"] {
            ex(n, &conn);
        }
        ex("ReferenceError", &exception);
        let runtime_error = ex("RuntimeError", &exception);
        let not_implemented_error = ex("NotImplementedError", &runtime_error);
        let recursion_error = ex("RecursionError", &runtime_error);
        let stop_async_iteration = ex("StopAsyncIteration", &exception);
        let stop_iteration = ex("StopIteration", &exception);
        let syntax_error = ex("SyntaxError", &exception);
        let ind = ex("IndentationError", &syntax_error);
        ex("TabError", &ind);
        ex("SystemError", &exception);
        let type_error = ex("TypeError", &exception);
        let value_error = ex("ValueError", &exception);
        let unicode_error = ex("UnicodeError", &value_error);
        ex("UnicodeDecodeError", &unicode_error);
        ex("UnicodeEncodeError", &unicode_error);
        ex("UnicodeTranslateError", &unicode_error);
        let warning = ex("Warning", &exception);
        for n in [
            "BytesWarning",
            "DeprecationWarning",
            "EncodingWarning",
            "FutureWarning",
            "ImportWarning",
            "PendingDeprecationWarning",
            "ResourceWarning",
            "RuntimeWarning",
            "SyntaxWarning",
            "UnicodeWarning",
            "UserWarning",
        ] {
            ex(n, &warning);
        }
        let beg = ex("BaseExceptionGroup", &base_exception);
        let eg = ex("ExceptionGroup", &beg);
        eg.bases.borrow_mut().push(exception.clone());
        {
            let mut m = eg.mro.borrow_mut();
            *m = vec![beg.clone(), exception.clone(), base_exception.clone(), object.clone()];
        }
        crate::dict::bump_type_epoch();
        let n = |t: &str| s(t);
        let binop_names = [
            "add", "and", "floordiv", "lshift", "matmul", "mul", "mod", "or", "pow", "rshift", "sub", "truediv", "xor",
        ];
        Types {
            type_: ty("type", Type),
            bool: bool_,
            float: ty("float", Float),
            complex: ty("complex", Complex),
            str: ty("str", Str),
            bytes: ty("bytes", Bytes),
            bytearray: ty("bytearray", ByteArray),
            list: ty("list", List),
            tuple: ty("tuple", Tuple),
            dict: ty("dict", Dict),
            set: ty("set", Set),
            frozenset: ty("frozenset", FrozenSet),
            none_type: ty("NoneType", Other),
            notimpl_type: ty("NotImplementedType", Other),
            ellipsis_type: ty("ellipsis", Other),
            function: ty("function", Other),
            builtin_function: ty("builtin_function_or_method", Other),
            method: ty("method", Other),
            cell: ty("cell", Other),
            code: ty("code", Other),
            module: ty("module", Other),
            range: ty("range", Other),
            slice: ty("slice", Other),
            iterator: ty("iterator", Other),
            generator: ty("generator", Other),
            coroutine: ty("coroutine", Other),
            async_generator: ty("async_generator", Other),
            property: ty("property", Object),
            classmethod: ty("classmethod", Object),
            staticmethod: ty("staticmethod", Object),
            super_: ty("super", Other),
            dict_keys: ty("dict_keys", Other),
            dict_values: ty("dict_values", Other),
            dict_items: ty("dict_items", Other),
            text_io: ty("TextIOWrapper", Other),
            namespace: ty("SimpleNamespace", Other),
            int,
            object,
            base_exception,
            exception,
            type_error,
            value_error,
            index_error,
            key_error,
            attribute_error,
            name_error,
            unbound_local_error,
            zero_division_error,
            overflow_error,
            runtime_error,
            recursion_error,
            stop_iteration,
            stop_async_iteration,
            generator_exit,
            system_exit,
            assertion_error,
            not_implemented_error,
            import_error,
            module_not_found_error,
            lookup_error,
            arithmetic_error,
            os_error,
            unicode_error,
            keyboard_interrupt,
            memory_error,
            eof_error,
            s_init: n("__init__"),
            s_new: n("__new__"),
            s_call: n("__call__"),
            s_repr: n("__repr__"),
            s_str: n("__str__"),
            s_eq: n("__eq__"),
            s_ne: n("__ne__"),
            s_hash: n("__hash__"),
            s_iter: n("__iter__"),
            s_next: n("__next__"),
            s_len: n("__len__"),
            s_bool: n("__bool__"),
            s_getitem: n("__getitem__"),
            s_setitem: n("__setitem__"),
            s_delitem: n("__delitem__"),
            s_contains: n("__contains__"),
            s_enter: n("__enter__"),
            s_exit: n("__exit__"),
            s_getattr: n("__getattr__"),
            s_getattribute: n("__getattribute__"),
            s_setattr: n("__setattr__"),
            s_delattr: n("__delattr__"),
            s_get: n("__get__"),
            s_set: n("__set__"),
            s_delete: n("__delete__"),
            s_index: n("__index__"),
            s_format: n("__format__"),
            s_class: n("__class__"),
            s_dict: n("__dict__"),
            s_name: n("__name__"),
            s_doc: n("__doc__"),
            s_module: n("__module__"),
            s_qualname: n("__qualname__"),
            s_classcell: n("__classcell__"),
            s_init_subclass: n("__init_subclass__"),
            s_set_name: n("__set_name__"),
            s_neg: n("__neg__"),
            s_pos: n("__pos__"),
            s_invert: n("__invert__"),
            s_abs: n("__abs__"),
            s_float: n("__float__"),
            s_int: n("__int__"),
            s_missing: n("__missing__"),
            s_reversed: n("__reversed__"),
            s_round: n("__round__"),
            s_slots: n("__slots__"),
            s_trunc: n("__trunc__"),
            s_aenter: n("__aenter__"),
            s_aexit: n("__aexit__"),
            s_await: n("__await__"),
            s_aiter: n("__aiter__"),
            s_anext: n("__anext__"),
            s_builtins: n("__builtins__"),
            s_mro_entries: n("__mro_entries__"),
            s_prepare: n("__prepare__"),
            s_instancecheck: n("__instancecheck__"),
            s_subclasscheck: n("__subclasscheck__"),
            s_class_getitem: n("__class_getitem__"),
            s_complex: n("__complex__"),
            s_bytes: n("__bytes__"),
            s_ceil: n("__ceil__"),
            s_floor: n("__floor__"),
            s_sizeof: n("__sizeof__"),
            s_dir: n("__dir__"),
            s_match_args: n("__match_args__"),
            s_length_hint: n("__length_hint__"),
            s_annotations: n("__annotations__"),
            s_send: n("send"),
            s_throw: n("throw"),
            s_close: n("close"),
            s_keys: n("keys"),
            s_args: n("args"),
            s_value: n("value"),
            s_main: n("__main__"),
            s_file: n("__file__"),
            s_spec: n("__spec__"),
            all_exc,
            binop: binop_names.iter().map(|x| n(&format!("__{x}__"))).collect(),
            rbinop: binop_names.iter().map(|x| n(&format!("__r{x}__"))).collect(),
            ibinop: binop_names.iter().map(|x| n(&format!("__i{x}__"))).collect(),
            cmpop: ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"].iter().map(|x| n(x)).collect(),
        }
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

/// Installs the methods of every built-in class.
pub fn init_methods(vm: &mut Vm) {
    crate::types::init(vm);
}
