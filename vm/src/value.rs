//! The value model: a 16-byte `Value` with small ints, floats, bools and the singletons unboxed;
//! every heap object sits behind one `Rc` (single-threaded reference counting, no atomics).

use num_bigint::BigInt;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::dict::Dict;
use crate::object::{Function, Instance, Object, Type};

/// A Python value. Immediate variants allocate nothing; heap variants are one `Rc` pointer.
#[repr(C, u64)]
pub enum Value {
    /// Internal marker: the NULL of `PUSH_NULL`, an unbound local, an empty slot.
    Null,
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    /// A small int (fits in i64).
    Int(i64),
    Float(f64),
    /// An int that does not fit in i64 (always normalized: never holds an i64-sized value).
    BigInt(Rc<BigInt>),
    Str(Rc<PyStr>),
    Tuple(Rc<Vec<Value>>),
    List(Rc<RefCell<Vec<Value>>>),
    Dict(Rc<RefCell<Dict>>),
    /// set and frozenset (the flag tells which).
    Set(Rc<SetObj>),
    Func(Rc<Function>),
    Type(Rc<Type>),
    Inst(Rc<Instance>),
    /// Every other kind of object.
    Obj(Rc<Object>),
}

impl Clone for Value {
    #[inline(always)]
    fn clone(&self) -> Value {
        if self.is_immediate() {
            // SAFETY: immediate variants (no heap pointer) own no resources, so a bitwise copy
            // is exactly their clone.
            unsafe { std::ptr::read(self) }
        } else {
            self.clone_heap()
        }
    }
}

impl Value {
    /// True for the variants that hold no heap pointer.
    #[inline(always)]
    pub fn is_immediate(&self) -> bool {
        matches!(
            self,
            Value::Null
                | Value::None
                | Value::NotImplemented
                | Value::Ellipsis
                | Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
        )
    }

    #[inline(always)]
    fn clone_heap(&self) -> Value {
        match self {
            Value::BigInt(r) => Value::BigInt(r.clone()),
            Value::Str(r) => Value::Str(r.clone()),
            Value::Tuple(r) => Value::Tuple(r.clone()),
            Value::List(r) => Value::List(r.clone()),
            Value::Dict(r) => Value::Dict(r.clone()),
            Value::Set(r) => Value::Set(r.clone()),
            Value::Func(r) => Value::Func(r.clone()),
            Value::Type(r) => Value::Type(r.clone()),
            Value::Inst(r) => Value::Inst(r.clone()),
            Value::Obj(r) => Value::Obj(r.clone()),
            // SAFETY: the remaining variants are immediates (see is_immediate).
            _ => unsafe { std::ptr::read(self) },
        }
    }
}

/// A shared, mutable dict.
pub type DictRef = Rc<RefCell<Dict>>;
/// A shared, mutable list.
pub type ListRef = Rc<RefCell<Vec<Value>>>;

/// A set or frozenset: a `Dict` whose values are unused.
pub struct SetObj {
    /// True for frozenset.
    pub frozen: bool,
    /// The members (keys of the table).
    pub table: RefCell<Dict>,
    /// `table.version` when the members were last put in CPython's iteration order
    /// (`types::set::normalize_order`); 0 = never.
    pub ordered_version: Cell<u64>,
}

/// An immutable str that knows whether it is ASCII (then indexing and len are O(1)).
pub struct PyStr {
    /// UTF-8 contents.
    pub s: Box<str>,
    /// Number of code points.
    pub nchars: usize,
    /// Cached hash (0 = not computed yet).
    pub hash: Cell<i64>,
    /// Set once the str is in the intern table (`s()`): it then lives as long as the thread,
    /// so its address identifies its contents (used by `Type::lookup`'s cache).
    pub interned: Cell<bool>,
}

impl PyStr {
    /// Makes a str from Rust text.
    pub fn new(s: impl Into<Box<str>>) -> PyStr {
        let s: Box<str> = s.into();
        let nchars = if s.is_ascii() { s.len() } else { s.chars().count() };
        PyStr { s, nchars, hash: Cell::new(0), interned: Cell::new(false) }
    }
    /// True when every character is ASCII.
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.nchars == self.s.len()
    }
    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }
    /// Length in code points.
    #[inline]
    pub fn len(&self) -> usize {
        self.nchars
    }
    /// True for the empty string.
    pub fn is_empty(&self) -> bool {
        self.nchars == 0
    }
    /// The hash (FNV-1a based, cached; never -1).
    #[inline]
    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != 0 {
            return h;
        }
        let mut x: u64 = 0xcbf29ce484222325;
        for b in self.s.bytes() {
            x ^= b as u64;
            x = x.wrapping_mul(0x100000001b3);
        }
        let mut h = (x >> 1) as i64;
        if h == 0 || h == -1 {
            h = 1;
        }
        self.hash.set(h);
        h
    }
    /// The `i`-th character (0 <= i < len).
    pub fn char_at(&self, i: usize) -> Option<char> {
        if self.is_ascii() {
            self.s.as_bytes().get(i).map(|&b| b as char)
        } else {
            self.s.chars().nth(i)
        }
    }
    /// Byte offset of character index `i` (clamped to the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i.min(self.s.len())
        } else {
            self.s.char_indices().nth(i).map(|(b, _)| b).unwrap_or(self.s.len())
        }
    }
    /// Substring by character indexes `[a, b)`.
    pub fn slice_chars(&self, a: usize, b: usize) -> &str {
        if a >= b {
            return "";
        }
        let x = self.byte_offset(a);
        let y = self.byte_offset(b);
        &self.s[x..y]
    }
}

impl Value {
    /// Makes a str value.
    pub fn str(s: impl Into<Box<str>>) -> Value {
        Value::Str(Rc::new(PyStr::new(s)))
    }
    /// Makes a tuple value.
    pub fn tuple(v: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(v))
    }
    /// Makes a list value.
    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(v)))
    }
    /// Makes a dict value.
    pub fn dict(d: Dict) -> Value {
        Value::Dict(Rc::new(RefCell::new(d)))
    }
    /// Wraps an object.
    pub fn obj(o: Object) -> Value {
        Value::Obj(Rc::new(o))
    }
    /// An int from a BigInt, normalized to `Int` when it fits.
    pub fn from_bigint(b: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }
    /// True for the NULL marker.
    #[inline]
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    /// True for None.
    #[inline]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
    /// Identity (`is`).
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Null, Null) | (None, None) | (NotImplemented, NotImplemented) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (BigInt(a), BigInt(b)) => Rc::ptr_eq(a, b),
            (Str(a), Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a.s == b.s),
            (Tuple(a), Tuple(b)) => Rc::ptr_eq(a, b) || (a.is_empty() && b.is_empty()),
            (List(a), List(b)) => Rc::ptr_eq(a, b),
            (Dict(a), Dict(b)) => Rc::ptr_eq(a, b),
            (Set(a), Set(b)) => Rc::ptr_eq(a, b),
            (Func(a), Func(b)) => Rc::ptr_eq(a, b),
            (Type(a), Type(b)) => Rc::ptr_eq(a, b),
            (Inst(a), Inst(b)) => Rc::ptr_eq(a, b),
            (Obj(a), Obj(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
    /// A stable identity number (`id()`).
    pub fn id(&self) -> i64 {
        use Value::*;
        match self {
            Null => 0,
            None => 0x1000,
            NotImplemented => 0x1010,
            Ellipsis => 0x1020,
            Bool(b) => 0x1030 + *b as i64 * 16,
            Int(i) => 0x10000 + i.wrapping_mul(32),
            Float(f) => f.to_bits() as i64,
            BigInt(a) => Rc::as_ptr(a) as i64,
            Str(a) => Rc::as_ptr(a) as i64,
            Tuple(a) => Rc::as_ptr(a) as i64,
            List(a) => Rc::as_ptr(a) as i64,
            Dict(a) => Rc::as_ptr(a) as i64,
            Set(a) => Rc::as_ptr(a) as i64,
            Func(a) => Rc::as_ptr(a) as i64,
            Type(a) => Rc::as_ptr(a) as i64,
            Inst(a) => Rc::as_ptr(a) as i64,
            Obj(a) => Rc::as_ptr(a) as *const u8 as i64,
        }
    }
    /// The str contents if this is a str.
    pub fn as_pystr(&self) -> Option<&Rc<PyStr>> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The intern table's key: the interned str itself, looked up by its text (no second copy).
struct InternKey(Rc<PyStr>);

impl std::borrow::Borrow<str> for InternKey {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}
impl PartialEq for InternKey {
    fn eq(&self, o: &Self) -> bool {
        self.0.as_str() == o.0.as_str()
    }
}
impl Eq for InternKey {}
impl std::hash::Hash for InternKey {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.as_str().hash(h)
    }
}

/// The intern table, hashed with FxHash (rustc-hash): it only holds names chosen by the program
/// and the VM, so SipHash's flooding resistance buys nothing here and its cost dominated VM
/// start-up.
type InternTable = std::collections::HashSet<InternKey, rustc_hash::FxBuildHasher>;

thread_local! {
    // Sized for the names the VM interns at start-up (about 600) so it never rehashes then.
    static INTERNED: RefCell<InternTable> =
        RefCell::new(InternTable::with_capacity_and_hasher(896, rustc_hash::FxBuildHasher));
}

/// An interned str: names used by code objects and the VM share one `Rc`, so namespace lookups
/// usually succeed on pointer equality.
pub fn s(text: &str) -> Rc<PyStr> {
    INTERNED.with(|m| {
        if let Some(r) = m.borrow().get(text) {
            return r.0.clone();
        }
        let r = Rc::new(PyStr::new(text));
        if text.len() <= 64 {
            r.interned.set(true);
            m.borrow_mut().insert(InternKey(r.clone()));
        }
        r
    })
}
