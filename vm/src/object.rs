//! Heap object layouts: classes, instances, functions, code, and the `Object` enum for the
//! remaining built-in kinds.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::dict::Dict;
use crate::value::{DictRef, PyStr, Value};
use crate::vm::{PyResult, Vm};

/// Which built-in layout instances of a class use (inherited from the builtin base).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Object,
    Type,
    Int,
    Bool,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Exception,
    /// Built-in kinds that cannot be subclassed (function, generator, ...).
    Other,
}

/// A class. The version tag changes whenever the class namespace (or a base's) changes, so an
/// attribute cache keyed on (version, index) stays valid.
pub struct Type {
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    pub module: RefCell<String>,
    pub bases: RefCell<Vec<Rc<Type>>>,
    /// Method resolution order, starting with the class itself is implied: `mro` holds the
    /// bases in C3 order *excluding* the class itself (avoids an Rc cycle).
    pub mro: RefCell<Vec<Rc<Type>>>,
    pub dict: DictRef,
    pub version: Cell<u64>,
    /// Instance layout inherited from the builtin base.
    pub kind: Kind,
    /// True for built-in types (attributes cannot be set).
    pub builtin: bool,
    /// The metaclass when it is not `type`.
    pub meta: RefCell<Option<Rc<Type>>>,
    /// `__slots__` names when the class (and all bases) restrict instance attributes.
    pub slots: Option<Vec<String>>,
    /// Number of `__slots__` storage cells instances carry (own slots plus the bases').
    pub nslots: usize,
    /// Direct subclasses (weak, for `__subclasses__`).
    pub subclasses: RefCell<Vec<std::rc::Weak<Type>>>,
    /// Lazily computed `TF_*` bits (which attribute hooks are defined in Python).
    pub hook_flags: Cell<u32>,
}

const LOOKUP_CACHE_SIZE: usize = 2048;
const NOT_FOUND: u8 = u8::MAX;

/// One memoized `Type::lookup` (see there).
struct LookupEntry {
    /// Address of the class (with `tyver`, which is unique per class, it identifies it).
    ty: usize,
    tyver: u64,
    hash: i64,
    name: Box<str>,
    /// Address of the name (compared instead of `name` when the name is interned).
    name_ptr: *const PyStr,
    /// The name was interned when the entry was made (so `name_ptr` cannot have been reused).
    name_interned: bool,
    /// `dict::type_epoch()` when the entry was made.
    epoch: u64,
    /// Position along the MRO of the dict holding the name, or `NOT_FOUND`.
    found: u8,
    /// Entry index in that dict.
    idx: u32,
}

thread_local! {
    static LOOKUP_CACHE: RefCell<Vec<Option<LookupEntry>>> = const { RefCell::new(Vec::new()) };
}

/// `hook_flags`: the flags are computed.
pub const TF_VALID: u32 = 0x100;
/// A Python `__getattribute__` is defined.
pub const TF_GETATTRIBUTE: u32 = 1;
/// A Python `__getattr__` is defined.
pub const TF_GETATTR: u32 = 2;
/// A Python `__setattr__` is defined.
pub const TF_SETATTR: u32 = 4;
/// A Python `__delattr__` is defined.
pub const TF_DELATTR: u32 = 8;
/// The class's own `__abstractmethods__` is non-empty (instances cannot be created).
pub const TF_ABSTRACT: u32 = 16;

thread_local! {
    static VERSION: Cell<u64> = const { Cell::new(1) };
    static MCACHE: RefCell<Vec<(u64, Option<Rc<PyStr>>, Option<Value>)>> =
        RefCell::new((0..MCACHE_SIZE).map(|_| (0, None, None)).collect());
}

const MCACHE_SIZE: usize = 4096;

/// A fresh class version tag.
pub fn next_version() -> u64 {
    VERSION.with(|v| {
        let n = v.get() + 1;
        v.set(n);
        n
    })
}

impl Type {
    /// The class name.
    pub fn name(&self) -> String {
        self.name.borrow().clone()
    }
    /// Looks `name` up along the MRO (class first).
    ///
    /// Results are memoized in a small global cache keyed on (class identity and version, name)
    /// and valid while `dict::type_epoch()` is unchanged: the epoch moves whenever a key is added
    /// to or removed from any class namespace (or an MRO changes), so the position found (which
    /// dict along the MRO, which entry) stays right; the value itself is re-read from the dict
    /// (values can be replaced in place without changing the epoch).
    pub fn lookup(&self, name: &PyStr) -> Option<Value> {
        let h = name.hash();
        let tid = self as *const Type as usize;
        let slot = (tid >> 4 ^ (h as usize).wrapping_mul(0x9e37_79b9)) & (LOOKUP_CACHE_SIZE - 1);
        let hit = LOOKUP_CACHE.with(|c| {
            let c = c.borrow();
            let e = c.get(slot)?.as_ref()?;
            if e.ty != tid || e.tyver != self.version.get() || e.hash != h {
                return None;
            }
            // An interned name's address identifies it (interned strs are never freed);
            // otherwise compare the text.
            let same = if name.interned.get() && e.name_interned {
                e.name_ptr == name as *const PyStr
            } else {
                *e.name == *name.s
            };
            if !same {
                return None;
            }
            if e.epoch != crate::dict::type_epoch() {
                return None;
            }
            if e.found == NOT_FOUND {
                return Some(None);
            }
            let v = if e.found == 0 {
                self.dict.borrow().value_at(e.idx as usize).cloned()
            } else {
                let mro = self.mro.borrow();
                let d = &mro.get(e.found as usize - 1)?.dict;
                let v = d.borrow().value_at(e.idx as usize).cloned();
                v
            };
            Some(Some(v?))
        });
        if let Some(r) = hit {
            return r;
        }
        self.lookup_walk(name, h, tid, slot)
    }

    /// Cached MRO lookup (see `lookup`); the cache entry keeps `name` alive so pointer
    /// equality identifies it.
    #[inline]
    pub fn lookup_rc(&self, name: &Rc<PyStr>) -> Option<Value> {
        let ver = self.version.get();
        let slot = ((ver as usize).wrapping_mul(31) ^ ((Rc::as_ptr(name) as usize) >> 4)) & (MCACHE_SIZE - 1);
        let hit = MCACHE.with(|c| {
            let c = c.borrow();
            let e = &c[slot];
            match &e.1 {
                Some(n) if e.0 == ver && Rc::ptr_eq(n, name) => Some(e.2.clone()),
                _ => None,
            }
        });
        if let Some(r) = hit {
            return r;
        }
        let r = self.lookup_uncached(name);
        MCACHE.with(|c| {
            c.borrow_mut()[slot] = (ver, Some(name.clone()), r.clone());
        });
        r
    }

    /// MRO lookup without the cache.
    pub fn lookup_uncached(&self, name: &PyStr) -> Option<Value> {
        if let Some(v) = self.dict.borrow().get_str(name) {
            return Some(v.clone());
        }
        for t in self.mro.borrow().iter() {
            if let Some(v) = t.dict.borrow().get_str(name) {
                return Some(v.clone());
            }
        }
        None
    }

    /// `lookup`'s slow path: walks the MRO and fills the epoch-validated cache entry.
    fn lookup_walk(&self, name: &PyStr, h: i64, tid: usize, slot: usize) -> Option<Value> {
        // Slow path: walk the MRO, then remember the answer.
        let mro = self.mro.borrow();
        let n = mro.len() + 1;
        let mut result = None;
        let mut found = NOT_FOUND;
        let mut idx = 0u32;
        for k in 0..n {
            let d = if k == 0 { &self.dict } else { &mro[k - 1].dict };
            let db = d.borrow();
            if let Some(i) = db.index_str(name) {
                result = db.value_at(i).cloned();
                found = k as u8;
                idx = i as u32;
                break;
            }
        }
        if n < NOT_FOUND as usize {
            let e = LookupEntry {
                ty: tid,
                tyver: self.version.get(),
                hash: h,
                name: name.s.clone(),
                name_ptr: name as *const PyStr,
                name_interned: name.interned.get(),
                epoch: crate::dict::type_epoch(),
                found,
                idx,
            };
            LOOKUP_CACHE.with(|c| {
                let mut c = c.borrow_mut();
                if c.is_empty() {
                    c.resize_with(LOOKUP_CACHE_SIZE, || None);
                }
                c[slot] = Some(e);
            });
        }
        result
    }
    /// True when `self` is `other` or a subclass of it.
    pub fn is_subtype(self: &Rc<Type>, other: &Rc<Type>) -> bool {
        if Rc::ptr_eq(self, other) {
            return true;
        }
        self.mro.borrow().iter().any(|t| Rc::ptr_eq(t, other))
    }
    /// Marks the class and its subclasses as changed (new version tags).
    pub fn touch(&self) {
        self.version.set(next_version());
        let subs: Vec<Rc<Type>> = self.subclasses.borrow().iter().filter_map(|w| w.upgrade()).collect();
        for t in subs {
            t.touch();
        }
    }
}

/// Exception state carried by instances of BaseException subclasses.
#[derive(Default)]
pub struct ExcData {
    pub args: Value,
    /// Traceback entries, innermost first: (code, unit offset).
    pub traceback: Vec<(Rc<Code>, u32)>,
    pub context: Value,
    pub cause: Value,
    pub suppress_context: bool,
    /// What a "Did you mean" suggestion is computed from (NameError / AttributeError).
    pub suggest: Option<crate::suggest::Suggest>,
}

impl Default for Value {
    fn default() -> Value {
        Value::None
    }
}

/// An instance of a user class (or of a builtin class such as an exception type).
///
/// Made only by [`Instance::new`], which registers it with the cycle collector (`crate::gc`)
/// by address: an instance must never be moved out of its `Rc` (no `Rc::try_unwrap`).
pub struct Instance {
    pub class: RefCell<Rc<Type>>,
    pub dict: DictRef,
    /// For subclasses of builtins: the builtin value (int, str, list, dict ...).
    pub payload: RefCell<Value>,
    /// For exceptions. Boxed: most instances are not exceptions, and an inline `ExcData` made
    /// every instance about 100 bytes larger (binary_trees peak RSS 53.8 MB -> 42.9 MB boxed).
    pub exc: Option<Box<RefCell<ExcData>>>,
    /// `__slots__` storage (Null = unset), indexed by member descriptors.
    pub slots: RefCell<Vec<Value>>,
    /// Position in the cycle collector's registry (see `crate::gc`). Private, so instances can
    /// only be made by `Instance::new`, which registers them.
    gc_index: Cell<usize>,
}

impl Instance {
    /// Makes an instance and registers it with the cycle collector (which then runs a
    /// collection when enough objects were created since the last one; see `crate::gc::track`).
    pub fn new(
        class: Rc<Type>,
        dict: DictRef,
        payload: Value,
        exc: Option<ExcData>,
        slots: Vec<Value>,
    ) -> Rc<Instance> {
        let inst = Rc::new(Instance {
            class: RefCell::new(class),
            dict,
            payload: RefCell::new(payload),
            exc: exc.map(|e| Box::new(RefCell::new(e))),
            slots: RefCell::new(slots),
            gc_index: Cell::new(usize::MAX),
        });
        crate::gc::track(&inst);
        inst
    }
    /// The collector's registry position (`usize::MAX` while untracked).
    #[inline]
    pub(crate) fn gc_index(&self) -> &Cell<usize> {
        &self.gc_index
    }
    /// The class.
    pub fn class(&self) -> Rc<Type> {
        self.class.borrow().clone()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        crate::gc::untrack(self);
        crate::modules::weakref::on_instance_drop(self as *const Instance as usize);
    }
}

/// One pre-decoded instruction: `EXTENDED_ARG` prefixes folded in. The entry at a prefix's
/// unit holds the whole instruction, `len` is the number of units it spans (so jump targets,
/// which may point at a prefix, stay unit indexes).
#[derive(Clone, Copy, Debug)]
pub struct Inst {
    pub op: format::Opcode,
    pub len: u8,
    /// Index of this instruction's inline cache in `Code::icache` (`NO_CACHE` for none).
    pub cache: u16,
    pub arg: u32,
}

/// `Inst::cache` of an instruction without an inline cache.
pub const NO_CACHE: u16 = u16::MAX;

/// Entries of a polymorphic inline cache (receivers of up to this many classes stay fast).
pub const PIC: usize = 4; // `ICache::find` is unrolled for 4

/// One inline cache of the adaptive interpreter (attribute instructions, `CALL`): what the
/// quickened instruction beside it was specialized for, for up to `PIC` receiver classes.
/// Written only by the dispatch loop.
pub struct ICache {
    /// Guards: class version (`Type::version`, unique per class) or module dict version, per
    /// entry; 0 = unused entry (versions start at 1).
    pub ver: [Cell<u64>; PIC],
    /// Dict entry index hints (instance dict or module dict).
    pub idx: [Cell<u32>; PIC],
    /// Cached values (method, class attribute, `__init__`).
    pub val: [RefCell<Value>; PIC],
    /// Warm-up / back-off counter for a generic instruction; remaining misses before
    /// deoptimization for a quickened one.
    pub counter: Cell<u16>,
    /// Back-off exponent (doubles the wait after each failed specialization).
    pub backoff: Cell<u8>,
    /// Entry the next receiver class replaces (round robin).
    pub next: Cell<u8>,
    /// The quickened form of the instruction (None: the generic form, adaptive).
    pub op: Cell<Option<format::Opcode>>,
}

impl Default for ICache {
    fn default() -> ICache {
        ICache {
            ver: Default::default(),
            idx: Default::default(),
            val: Default::default(),
            counter: Cell::new(2),
            backoff: Cell::new(0),
            next: Cell::new(0),
            op: Cell::new(None),
        }
    }
}

impl ICache {
    /// The entry guarded by version `v`.
    #[inline(always)]
    pub fn find(&self, v: u64) -> Option<usize> {
        // Unrolled (the iterator form was left out of line: 2% of richards).
        if self.ver[0].get() == v {
            Some(0)
        } else if self.ver[1].get() == v {
            Some(1)
        } else if self.ver[2].get() == v {
            Some(2)
        } else if self.ver[3].get() == v {
            Some(3)
        } else {
            None
        }
    }
    /// Forgets every entry.
    pub fn clear(&self) {
        for k in 0..PIC {
            self.ver[k].set(0);
            *self.val[k].borrow_mut() = Value::None;
        }
        self.next.set(0);
    }
    /// The entry to fill for a new receiver class (round robin).
    pub fn take_slot(&self) -> usize {
        let k = self.next.get() as usize % PIC;
        self.next.set(((k + 1) % PIC) as u8);
        k
    }
}

/// A code object ready to run: the decoded format object plus constants turned into values.
pub struct Code {
    /// Pre-decoded instructions, one per code unit (read-only: quickened forms are recorded in
    /// the inline caches, see `interp::quick_op`).
    pub insts: Vec<Inst>,
    /// Inline caches, indexed by `Inst::cache`; allocated when the first instruction that has
    /// one runs (most loaded code never runs). Boxed: a `Cell`/`OnceCell` stored inline would
    /// make `Code` non-`Freeze`, and the dispatch loop's `&Code` would lose LLVM's read-only
    /// guarantee (every field reloaded after every store; fib ran 30% slower).
    pub icache: Box<std::cell::OnceCell<Box<[ICache]>>>,
    /// Number of inline caches.
    pub ncache: usize,
    /// LOAD_GLOBAL inline caches, one per code unit: (globals version, builtins version or 0
    /// when found in globals, entry index).
    pub gcache: Box<[Cell<(u64, u64, u32)>]>,
    pub co: format::CodeObject,
    pub consts: Vec<Value>,
    pub names: Vec<Rc<PyStr>>,
    pub varnames: Vec<Rc<PyStr>>,
    pub nlocals: usize,
    pub ncells: usize,
    pub nfree: usize,
    /// For each cell, the argument slot it starts from (or None).
    pub cell2arg: Vec<Option<usize>>,
    pub name: Rc<PyStr>,
    pub qualname: Rc<PyStr>,
    pub flags: u32,
    /// Number of parameters filled by binding (positional + kw-only + *args + **kwargs).
    pub total_args: usize,
}

/// A Python function.
///
/// `MAKE_FUNCTION` registers it with the cycle collector (`crate::gc::track_func`) by address:
/// a function must never be moved out of its `Rc` (no `Rc::try_unwrap`).
pub struct Function {
    pub code: Rc<Code>,
    pub globals: DictRef,
    pub name: RefCell<Value>,
    pub qualname: RefCell<Value>,
    pub defaults: RefCell<Option<Rc<Vec<Value>>>>,
    pub kwdefaults: RefCell<Option<DictRef>>,
    pub closure: Option<Rc<Vec<Value>>>,
    pub doc: RefCell<Value>,
    pub dict: DictRef,
    pub annotations: RefCell<Value>,
    pub module: Value,
    /// Registry position for the cycle collector (`Default`: untracked; `MAKE_FUNCTION`
    /// registers its functions with `crate::gc::track_func`).
    pub gc: crate::gc::GcLink,
}

impl Drop for Function {
    fn drop(&mut self) {
        crate::gc::untrack_func(self);
    }
}

/// Signature of a native (Rust) function: positional args and keyword args.
pub type NativeFn = fn(&mut Vm, Vec<Value>, Vec<(Rc<PyStr>, Value)>) -> PyResult<Value>;

/// A native function or method (`self_` set when bound).
pub struct Builtin {
    pub name: &'static str,
    pub f: NativeFn,
    pub self_: Option<Value>,
}

/// Generator / coroutine saved state.
pub struct GenState {
    pub code: Rc<Code>,
    pub globals: DictRef,
    pub func: Option<Rc<Function>>,
    /// Saved locals, cells and value stack.
    pub values: Vec<Value>,
    pub pc: usize,
    pub started: bool,
    pub finished: bool,
    pub running: bool,
    /// The exception being handled inside the generator when it last suspended (None: none).
    pub exc: Value,
    /// How many `except` handlers of the generator's own frames were active when it last
    /// suspended (`Vm::handler_depth`): 0 means it handles nothing and inherits the caller's
    /// exception state, as CPython's generator `exc_state` entry with a NULL value.
    pub exc_depth: u32,
}

/// A generator, coroutine or async generator.
pub struct Generator {
    pub state: RefCell<GenState>,
    pub name: Value,
    pub qualname: Value,
    /// 0 generator, 1 coroutine, 2 async generator.
    pub kind: u8,
}

/// Built-in iterator states.
pub enum IterKind {
    Seq {
        seq: Value,
        idx: usize,
    },
    Range {
        cur: i64,
        stop: i64,
        step: i64,
    },
    Str {
        s: Rc<PyStr>,
        byte: usize,
    },
    DictKeys {
        d: DictRef,
        idx: usize,
        version: u64,
        len: usize,
    },
    DictValues {
        d: DictRef,
        idx: usize,
        version: u64,
        len: usize,
    },
    DictItems {
        d: DictRef,
        idx: usize,
        version: u64,
        len: usize,
    },
    Set {
        set: Rc<crate::value::SetObj>,
        idx: usize,
        len: usize,
    },
    Reversed {
        seq: Value,
        idx: isize,
    },
    Enumerate {
        it: Value,
        n: Value,
    },
    Zip {
        its: Vec<Value>,
        strict: bool,
    },
    Map {
        f: Value,
        its: Vec<Value>,
    },
    Filter {
        f: Value,
        it: Value,
    },
    Callable {
        f: Value,
        sentinel: Value,
    },
    /// Items precomputed (sorted views, etc).
    Vec {
        items: Vec<Value>,
        idx: usize,
    },
    Done,
}

/// Every other kind of heap object.
pub enum Object {
    Builtin(Builtin),
    Method {
        func: Value,
        self_: Value,
    },
    Cell(RefCell<Value>),
    Code(Rc<Code>),
    Module {
        name: String,
        dict: DictRef,
    },
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    /// A range whose bounds or length do not fit in i64: [start, stop, step].
    BigRange(Box<[num_bigint::BigInt; 3]>),
    Slice {
        start: Value,
        stop: Value,
        step: Value,
    },
    Iter(RefCell<IterKind>),
    Generator(Generator),
    Property {
        fget: Value,
        fset: Value,
        fdel: Value,
        doc: Value,
    },
    ClassMethod(Value),
    StaticMethod(Value),
    Super {
        this: Rc<Type>,
        obj: Value,
    },
    Complex(f64, f64),
    Bytes(Vec<u8>),
    ByteArray(RefCell<Vec<u8>>),
    /// dict_keys (0), dict_values (1), dict_items (2).
    DictView(u8, DictRef),
    /// A native file-like object: 1 stdout, 2 stderr.
    Stream(u8),
    /// sys.implementation-like simple namespace.
    Namespace(DictRef),
    /// A `__slots__` member descriptor: attribute `name` stored in instance slot `idx`.
    Member {
        name: Rc<PyStr>,
        idx: usize,
        owner: String,
    },
    /// The awaitable returned by an async generator's `__anext__`/`asend`/`athrow`/`aclose`.
    AgenOp(RefCell<crate::agen::AgenOp>),
    /// A value yielded by `yield` inside an async generator (ASYNC_GEN_WRAP).
    AgenWrapped(Value),
    /// The Rust value carried by an instance of a native class (see `native_class`); only ever
    /// stored in `Instance::payload`, never visible to Python code.
    NativeData(RefCell<Box<dyn std::any::Any>>),
}

/// A new empty namespace dict.
pub fn new_dict() -> DictRef {
    Rc::new(RefCell::new(Dict::new()))
}
