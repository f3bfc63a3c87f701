//! The cycle collector: reclaims reference cycles that `Rc` counting alone never frees.
//!
//! **What is tracked.** Every `Instance` (instances of user classes, exceptions, ...) and
//! every Python `Function` is registered at creation (`Instance::new` → [`track`],
//! `MAKE_FUNCTION` → [`track_func`]) in a per-thread registry of tagged raw pointers and
//! removed by its `Drop` ([`untrack`] / [`untrack_func`]: swap-remove, fixing the moved entry's
//! index). No `Weak` pointers are kept, so a dead object's memory is freed at once, and the
//! fast path is one push and one swap-remove. Other containers (lists, dicts, tuples, sets,
//! cells, bound methods, generators, iterators ...) are not tracked; the collector looks
//! *through* them when they are exclusively owned (strong count 1) by what it is scanning, so
//! cycles such as `a.o = b; b.o = a`, `a.children = [b]; b.parent = a`, `self.cb =
//! self.method`, a recursive inner function (function → closure → cell → function) or a
//! closure cell referring back to an instance are found. Cycles made only of untracked
//! containers (`l.append(l)`, `d['d'] = d`) and cycles through classes are not reclaimed.
//!
//! **Algorithm** (CPython's trial deletion, `Modules/gcmodule.c`, over the tracked set):
//! 1. `refs[i] = strong_count(i)` for every tracked object.
//! 2. For every tracked object, enumerate its *edges*: the references to tracked objects held
//!    in its own fields (an instance's `__dict__` when exclusively owned, `__slots__`, builtin
//!    payload, exception args/context/cause; a function's closure, defaults, `__dict__`, ...),
//!    following references through untracked containers only while each is exclusively owned
//!    (strong count 1: then the reference being followed is its only owner, so every
//!    reference inside it is a distinct reference held on behalf of the object). Each edge
//!    `i → j` does `refs[j] -= 1`.
//! 3. Objects with `refs > 0` are referenced from outside the tracked set (the value stack,
//!    globals, a shared container, Rust locals ...): they are roots. Everything reachable from
//!    a root along the *same* edges is alive.
//! 4. The rest is garbage: every strong reference to it is one of the counted edges from other
//!    garbage. The collector takes a strong reference to each garbage object, moves the
//!    contents of the mutable slots it looked into (see `Clearer`) out into a side vector,
//!    which breaks the cycles, and then drops that vector and its references.
//!
//! **Soundness.** Edges are only ever *under*-counted: a container that is shared, borrowed
//! (`try_borrow` fails) or nested too deeply is simply not looked into, which leaves the
//! instances it refers to with `refs > 0` (roots): a leak, never a premature free. Steps 2
//! and 3 run the same deterministic enumeration on an unchanged heap (no Python code runs and
//! nothing is dropped until step 4), so every edge subtracted in step 2 is followed in step 3.
//! Clearing uses `try_borrow_mut` and skips what is borrowed, so Rust code up the stack that
//! still holds a borrow guard into an object never sees it change underneath it.
//!
//! **When.** Automatic collections run in `Instance::new` and `MAKE_FUNCTION` (once the new
//! object is registered), when the number of tracked objects exceeds
//! `survivors + max(threshold, survivors)` (`survivors` = tracked objects left by the last
//! collection): a program whose objects die by reference counting never collects, and the
//! work of collecting stays proportional to the allocations (each collection costs O(live
//! tracked objects), and a new one only starts after as many new objects again).
//! `gc.disable()` stops automatic collections.
//! `__del__` methods of collected instances are not called (pvm calls `__del__` nowhere).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::dict::Dict;
use crate::object::{Function, Instance, IterKind, Object};
use crate::value::{SetObj, Value};

/// The default first threshold (CPython's `gc.get_threshold()[0]`).
pub const DEFAULT_THRESHOLD: usize = 700;

/// How many untracked containers deep the collector looks below a tracked object; deeper
/// references are not counted (conservative: they keep their targets alive).
const MAX_DEPTH: u32 = 256;

thread_local! {
    /// Every live tracked object (a tagged pointer, see [`Entry`]); the object's `GcLink` /
    /// `Instance::gc_index` is its position here.
    static REGISTRY: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
    /// Registry length at which the next automatic collection runs.
    static NEXT_AT: Cell<usize> = const { Cell::new(DEFAULT_THRESHOLD) };
    /// Tracked objects left after the last collection.
    static SURVIVORS: Cell<usize> = const { Cell::new(0) };
    /// `gc.set_threshold(t)`'s first value.
    static THRESHOLD: Cell<usize> = const { Cell::new(DEFAULT_THRESHOLD) };
    /// `gc.isenabled()`.
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    /// A collection is running (collections do not nest).
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
}

/// A registry entry: the address of a tracked object, with bit 0 set for a `Function` (clear
/// for an `Instance`; both are at least 8-byte aligned).
type Entry = usize;
const FUNC_TAG: usize = 1;

/// A tracked object's position in the collector's registry (`usize::MAX`: not tracked).
/// `Default` is untracked; [`track_func`] registers a function once it is in its `Rc`.
pub struct GcLink(Cell<usize>);

impl Default for GcLink {
    fn default() -> GcLink {
        GcLink(Cell::new(usize::MAX))
    }
}

/// Registers a new instance (called by `Instance::new` once it is in its `Rc`); then runs an
/// automatic collection if one is due (the new instance is referenced from its caller, so it
/// is a root).
#[inline]
pub fn track(inst: &Rc<Instance>) {
    if register(Rc::as_ptr(inst) as usize, inst.gc_index()) {
        collect_due();
    }
}

/// Registers a new function (called by `MAKE_FUNCTION` once it is in its `Rc`), then collects
/// if due (see [`track`]).
#[inline]
pub fn track_func(f: &Rc<Function>) {
    if register(Rc::as_ptr(f) as usize | FUNC_TAG, &f.gc.0) {
        collect_due();
    }
}

/// Adds entry `e`; true when an automatic collection is due.
#[inline]
fn register(e: Entry, link: &Cell<usize>) -> bool {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        link.set(r.len());
        r.push(e);
        r.len() > NEXT_AT.get()
    })
}

#[cold]
#[inline(never)]
fn collect_due() {
    if ENABLED.get() {
        collect();
    }
}

/// Unregisters a dying instance (called by its `Drop`).
#[inline]
pub fn untrack(inst: &Instance) {
    unregister(inst as *const Instance as usize, inst.gc_index());
}

/// Unregisters a dying function (called by its `Drop`).
#[inline]
pub fn untrack_func(f: &Function) {
    unregister(f as *const Function as usize | FUNC_TAG, &f.gc.0);
}

#[inline]
fn unregister(e: Entry, link: &Cell<usize>) {
    let i = link.get();
    if i == usize::MAX {
        return;
    }
    link.set(usize::MAX);
    // `try_with`: during thread teardown the registry may already be gone.
    let _ = REGISTRY.try_with(|r| {
        let mut r = r.borrow_mut();
        if r.get(i) != Some(&e) {
            return;
        }
        r.swap_remove(i);
        if let Some(&moved) = r.get(i) {
            // SAFETY: registry entries are live objects: an object is registered right after
            // its `Rc` is made and removed (here) when it is dropped, before its memory is
            // freed; `Rc` contents never move. So `moved` points to a live `Function` (tag set)
            // or `Instance` (tag clear).
            unsafe {
                if moved & FUNC_TAG != 0 {
                    (*((moved & !FUNC_TAG) as *const Function)).gc.0.set(i);
                } else {
                    (*(moved as *const Instance)).gc_index().set(i);
                }
            }
        }
    });
}

/// True unless `gc.disable()` is in effect.
pub fn is_enabled() -> bool {
    ENABLED.get()
}

/// `gc.enable()` / `gc.disable()`.
pub fn set_enabled(on: bool) {
    ENABLED.set(on);
}

/// `gc.get_threshold()[0]`.
pub fn threshold() -> usize {
    THRESHOLD.get()
}

/// `gc.set_threshold(t)`: collections run after `max(t, survivors)` new tracked objects
/// (t = 0 disables automatic collection, as in CPython).
pub fn set_threshold(t: usize) {
    THRESHOLD.set(t);
    schedule();
}

/// `gc.get_count()[0]`: tracked objects added since the last collection.
pub fn count() -> usize {
    let n = REGISTRY.with(|r| r.borrow().len());
    n.saturating_sub(SURVIVORS.get())
}

/// Number of tracked (live) objects.
pub fn tracked() -> usize {
    REGISTRY.with(|r| r.borrow().len())
}

/// Sets when the next automatic collection runs, from the survivors of the last one.
fn schedule() {
    let s = SURVIVORS.get();
    let t = THRESHOLD.get();
    NEXT_AT.set(if t == 0 { usize::MAX } else { s.saturating_add(t.max(s)) });
}

/// What the edge enumeration reports.
enum Hit {
    /// A reference to the tracked object at this registry index.
    Tracked(usize),
    /// Entered an untracked container that CPython would count as collectable garbage.
    Container,
}

/// A tracked object, borrowed from the registry.
#[derive(Clone, Copy)]
enum Node<'a> {
    Inst(&'a Instance),
    Func(&'a Function),
}

/// Enumerates the references held by tracked objects (see the module doc, step 2).
struct Walker<'r> {
    reg: &'r [Entry],
}

/// True for values that hold no references to containers (CPython's "atomic" objects).
fn atomic(v: &Value) -> bool {
    match v {
        Value::Str(_) | Value::BigInt(_) => true,
        Value::Obj(o) => matches!(
            &**o,
            Object::Complex(..) | Object::Bytes(_) | Object::Range { .. } | Object::BigRange(_) | Object::Code(_)
        ),
        v => v.is_immediate(),
    }
}

/// The tracked object at registry entry `e`.
///
/// # Safety
/// `e` must be a current registry entry and nothing may be dropped while the result is used
/// (registry entries are live objects, see `unregister`).
unsafe fn node<'a>(e: Entry) -> Node<'a> {
    // SAFETY: per the contract, `e` is the address of a live object of the tagged type.
    unsafe {
        if e & FUNC_TAG != 0 {
            Node::Func(&*((e & !FUNC_TAG) as *const Function))
        } else {
            Node::Inst(&*(e as *const Instance))
        }
    }
}

/// Strong count of the object at registry entry `e` (same contract as [`node`]).
unsafe fn strong_count(e: Entry) -> usize {
    // SAFETY: `e` came from `Rc::as_ptr` of a live `Rc` of the tagged type; the `ManuallyDrop`
    // makes this a borrowed view that never changes the counts.
    unsafe {
        if e & FUNC_TAG != 0 {
            Rc::strong_count(&std::mem::ManuallyDrop::new(Rc::from_raw((e & !FUNC_TAG) as *const Function)))
        } else {
            Rc::strong_count(&std::mem::ManuallyDrop::new(Rc::from_raw(e as *const Instance)))
        }
    }
}

impl Walker<'_> {
    /// Registry index of the object at `addr` (tagged) if it is tracked under `link`.
    #[inline]
    fn index_of(&self, e: Entry, link: &Cell<usize>) -> Option<usize> {
        let i = link.get();
        (self.reg.get(i) == Some(&e)).then_some(i)
    }

    /// Reports the edges held by the fields of tracked object `n`.
    fn node(&self, n: Node, f: &mut dyn FnMut(Hit)) {
        match n {
            Node::Inst(i) => self.instance(i, 0, f),
            Node::Func(g) => self.function(g, 0, f),
        }
    }

    /// Reports the edges held by the fields of instance `inst`.
    fn instance(&self, inst: &Instance, depth: u32, f: &mut dyn FnMut(Hit)) {
        if Rc::strong_count(&inst.dict) == 1 {
            self.dict_contents(&inst.dict, depth, f);
        }
        if let Ok(p) = inst.payload.try_borrow() {
            self.payload(&p, depth, f);
        }
        if let Ok(sl) = inst.slots.try_borrow() {
            for v in sl.iter() {
                self.value(v, depth, f);
            }
        }
        if let Some(e) = &inst.exc {
            if let Ok(e) = e.try_borrow() {
                self.value(&e.args, depth, f);
                self.value(&e.context, depth, f);
                self.value(&e.cause, depth, f);
            }
        }
    }

    /// An instance's builtin payload: part of the instance for CPython, so an exclusively
    /// owned list, dict, set or tuple payload is looked into without being counted itself.
    fn payload(&self, v: &Value, depth: u32, f: &mut dyn FnMut(Hit)) {
        let d = depth + 1;
        match v {
            Value::List(l) if Rc::strong_count(l) == 1 => {
                if let Ok(l) = l.try_borrow() {
                    self.values(&l, d, f);
                }
            }
            Value::Tuple(t) if Rc::strong_count(t) == 1 => self.values(t, d, f),
            Value::Dict(x) if Rc::strong_count(x) == 1 => self.dict_contents(x, d, f),
            Value::Set(x) if Rc::strong_count(x) == 1 => self.set(x, d, f),
            // Native data of native classes holds nothing the collector follows.
            Value::Obj(o) if matches!(&**o, Object::NativeData(_)) => {}
            v => self.value(v, depth, f),
        }
    }

    fn dict_contents(&self, d: &RefCell<Dict>, depth: u32, f: &mut dyn FnMut(Hit)) {
        if let Ok(d) = d.try_borrow() {
            for e in d.iter() {
                self.value(&e.key, depth, f);
                self.value(&e.value, depth, f);
            }
        }
    }

    /// A `DictRef` field of an exclusively owned object.
    fn dict_rc(&self, d: &Rc<RefCell<Dict>>, depth: u32, f: &mut dyn FnMut(Hit)) {
        if Rc::strong_count(d) == 1 && depth < MAX_DEPTH {
            if let Ok(b) = d.try_borrow() {
                if b.iter().any(|e| !atomic(&e.key) || !atomic(&e.value)) {
                    f(Hit::Container);
                }
            }
            self.dict_contents(d, depth + 1, f);
        }
    }

    fn values(&self, vs: &[Value], depth: u32, f: &mut dyn FnMut(Hit)) {
        for v in vs {
            self.value(v, depth, f);
        }
    }

    /// A reference to a function: tracked, or looked into when exclusively owned.
    fn func_rc(&self, func: &Rc<Function>, depth: u32, f: &mut dyn FnMut(Hit)) {
        if let Some(ix) = self.index_of(Rc::as_ptr(func) as usize | FUNC_TAG, &func.gc.0) {
            f(Hit::Tracked(ix));
        } else if Rc::strong_count(func) == 1 && depth < MAX_DEPTH {
            f(Hit::Container);
            self.function(func, depth + 1, f);
        }
    }

    /// Reports the edges held by the fields of function `func`.
    fn function(&self, func: &Function, depth: u32, f: &mut dyn FnMut(Hit)) {
        if let Some(c) = &func.closure {
            if Rc::strong_count(c) == 1 {
                f(Hit::Container);
                self.values(c, depth + 1, f);
            }
        }
        if let Ok(d) = func.defaults.try_borrow() {
            if let Some(d) = &*d {
                if Rc::strong_count(d) == 1 {
                    if d.iter().any(|x| !atomic(x)) {
                        f(Hit::Container);
                    }
                    self.values(d, depth + 1, f);
                }
            }
        }
        if let Ok(k) = func.kwdefaults.try_borrow() {
            if let Some(k) = &*k {
                self.dict_rc(k, depth, f);
            }
        }
        self.dict_rc(&func.dict, depth, f);
        self.dict_rc(&func.globals, depth, f);
        for c in [&func.name, &func.qualname, &func.doc, &func.annotations] {
            if let Ok(v) = c.try_borrow() {
                self.value(&v, depth, f);
            }
        }
        self.value(&func.module, depth, f);
    }

    fn set(&self, s: &SetObj, depth: u32, f: &mut dyn FnMut(Hit)) {
        if let Ok(t) = s.table.try_borrow() {
            for e in t.iter() {
                self.value(&e.key, depth, f);
            }
        }
    }

    fn object(&self, o: &Object, depth: u32, f: &mut dyn FnMut(Hit)) {
        match o {
            Object::Method { func, self_ } => {
                self.value(func, depth, f);
                self.value(self_, depth, f);
            }
            Object::Cell(c) => {
                if let Ok(v) = c.try_borrow() {
                    self.value(&v, depth, f);
                }
            }
            Object::Slice { start, stop, step } => self.values_of(&[start, stop, step], depth, f),
            Object::Property { fget, fset, fdel, doc } => self.values_of(&[fget, fset, fdel, doc], depth, f),
            Object::ClassMethod(v) | Object::StaticMethod(v) | Object::AgenWrapped(v) => self.value(v, depth, f),
            Object::Super { obj, .. } => self.value(obj, depth, f),
            Object::Builtin(b) => {
                if let Some(v) = &b.self_ {
                    self.value(v, depth, f);
                }
            }
            Object::Namespace(d) | Object::DictView(_, d) => self.dict_rc(d, depth, f),
            Object::Generator(g) => {
                self.value(&g.name, depth, f);
                self.value(&g.qualname, depth, f);
                if let Ok(st) = g.state.try_borrow() {
                    self.values(&st.values, depth, f);
                    self.value(&st.exc, depth, f);
                    if let Some(func) = &st.func {
                        self.func_rc(func, depth, f);
                    }
                    self.dict_rc(&st.globals, depth, f);
                }
            }
            Object::Iter(it) => {
                if let Ok(it) = it.try_borrow() {
                    match &*it {
                        IterKind::Seq { seq, .. } | IterKind::Reversed { seq, .. } => self.value(seq, depth, f),
                        IterKind::Enumerate { it, n } => self.values_of(&[it, n], depth, f),
                        IterKind::Zip { its, .. } => self.values(its, depth, f),
                        IterKind::Map { f: g, its } => {
                            self.value(g, depth, f);
                            self.values(its, depth, f);
                        }
                        IterKind::Filter { f: g, it } => self.values_of(&[g, it], depth, f),
                        IterKind::Callable { f: g, sentinel } => self.values_of(&[g, sentinel], depth, f),
                        IterKind::Vec { items, .. } => self.values(items, depth, f),
                        IterKind::DictKeys { d, .. }
                        | IterKind::DictValues { d, .. }
                        | IterKind::DictItems { d, .. } => self.dict_rc(d, depth, f),
                        IterKind::Set { set, .. } => {
                            if Rc::strong_count(set) == 1 {
                                self.set(set, depth + 1, f);
                            }
                        }
                        IterKind::Range { .. } | IterKind::Str { .. } | IterKind::Done => {}
                    }
                }
            }
            // Modules are shared through sys.modules; the async-generator operation objects
            // and the rest hold nothing the collector follows (conservative).
            _ => {}
        }
    }

    fn values_of(&self, vs: &[&Value], depth: u32, f: &mut dyn FnMut(Hit)) {
        for v in vs {
            self.value(v, depth, f);
        }
    }

    /// Reports the edge `v` (a field of an object being scanned): a tracked object is
    /// reported; an exclusively owned untracked container is looked into.
    fn value(&self, v: &Value, depth: u32, f: &mut dyn FnMut(Hit)) {
        if v.is_immediate() || depth >= MAX_DEPTH {
            return;
        }
        let d = depth + 1;
        match v {
            Value::Inst(i) => match self.index_of(Rc::as_ptr(i) as usize, i.gc_index()) {
                Some(ix) => f(Hit::Tracked(ix)),
                None if Rc::strong_count(i) == 1 => {
                    f(Hit::Container);
                    self.instance(i, d, f);
                }
                None => {}
            },
            Value::Func(func) => self.func_rc(func, depth, f),
            Value::List(l) if Rc::strong_count(l) == 1 => {
                f(Hit::Container);
                if let Ok(l) = l.try_borrow() {
                    self.values(&l, d, f);
                }
            }
            Value::Tuple(t) if Rc::strong_count(t) == 1 => {
                if t.iter().any(|x| !atomic(x)) {
                    f(Hit::Container);
                }
                self.values(t, d, f);
            }
            Value::Dict(x) => self.dict_rc(x, depth, f),
            Value::Set(s) if Rc::strong_count(s) == 1 => {
                f(Hit::Container);
                self.set(s, d, f);
            }
            Value::Obj(o) if Rc::strong_count(o) == 1 => {
                let bound = matches!(&**o, Object::Builtin(b) if b.self_.is_some());
                if !atomic(v) && !matches!(&**o, Object::Builtin(_) | Object::Stream(_)) || bound {
                    f(Hit::Container);
                }
                self.object(o, d, f);
            }
            _ => {}
        }
    }
}

/// A garbage object, held strongly while its contents are cleared.
enum Garbage {
    Inst(Rc<Instance>),
    Func(Rc<Function>),
}

/// Breaks the cycles among garbage: moves the contents of every mutable slot the walk looks
/// into (from a garbage object, through exclusively owned containers, never into a tracked
/// object) out into `sink`, to be dropped once everything is cleared. Every cycle holds a
/// tracked object, and the path from one tracked object of a cycle to the next passes a
/// mutable slot somewhere along the cycle (immutable references, such as tuple items, a
/// closure or a bound method's fields, only ever point to older objects), so clearing the
/// first mutable slot on each path breaks every cycle.
struct Clearer<'r> {
    w: Walker<'r>,
    sink: Vec<Value>,
    dicts: Vec<Dict>,
}

impl Clearer<'_> {
    fn take_dict(&mut self, d: &RefCell<Dict>) {
        if let Ok(mut d) = d.try_borrow_mut() {
            let old = std::mem::replace(&mut *d, Dict::new());
            d.clear();
            self.dicts.push(old);
        }
    }

    fn take_dict_rc(&mut self, d: &Rc<RefCell<Dict>>) {
        if Rc::strong_count(d) == 1 {
            self.take_dict(d);
        }
    }

    fn take_cell(&mut self, c: &RefCell<Value>) {
        if let Ok(mut v) = c.try_borrow_mut() {
            self.sink.push(std::mem::take(&mut *v));
        }
    }

    fn instance(&mut self, inst: &Instance) {
        self.take_dict_rc(&inst.dict);
        if let Ok(mut p) = inst.payload.try_borrow_mut() {
            self.sink.push(std::mem::replace(&mut *p, Value::Null));
        }
        if let Ok(mut sl) = inst.slots.try_borrow_mut() {
            for v in sl.iter_mut() {
                self.sink.push(std::mem::replace(v, Value::Null));
            }
        }
        if let Some(e) = &inst.exc {
            if let Ok(mut e) = e.try_borrow_mut() {
                self.sink.push(std::mem::take(&mut e.args));
                self.sink.push(std::mem::take(&mut e.context));
                self.sink.push(std::mem::take(&mut e.cause));
            }
        }
    }

    fn function(&mut self, func: &Function, depth: u32) {
        if let Some(c) = &func.closure {
            if Rc::strong_count(c) == 1 {
                for v in c.iter() {
                    self.value(v, depth + 1);
                }
            }
        }
        if let Ok(mut d) = func.defaults.try_borrow_mut() {
            if let Some(d) = d.take() {
                self.sink.push(Value::Tuple(d));
            }
        }
        if let Ok(mut k) = func.kwdefaults.try_borrow_mut() {
            if let Some(k) = k.take() {
                self.sink.push(Value::Dict(k));
            }
        }
        self.take_dict_rc(&func.dict);
        self.take_dict_rc(&func.globals);
        for c in [&func.name, &func.qualname, &func.doc, &func.annotations] {
            self.take_cell(c);
        }
        self.value(&func.module, depth);
    }

    /// Clears the first mutable slots below `v` (an immutable reference from garbage).
    fn value(&mut self, v: &Value, depth: u32) {
        if v.is_immediate() || depth >= MAX_DEPTH {
            return;
        }
        let d = depth + 1;
        match v {
            Value::Inst(i) => {
                if self.w.index_of(Rc::as_ptr(i) as usize, i.gc_index()).is_none() && Rc::strong_count(i) == 1 {
                    self.instance(i);
                }
            }
            Value::Func(func) => {
                let tracked = self.w.index_of(Rc::as_ptr(func) as usize | FUNC_TAG, &func.gc.0).is_some();
                if !tracked && Rc::strong_count(func) == 1 {
                    self.function(func, d);
                }
            }
            Value::List(l) if Rc::strong_count(l) == 1 => {
                if let Ok(mut l) = l.try_borrow_mut() {
                    self.sink.append(&mut l);
                }
            }
            Value::Tuple(t) if Rc::strong_count(t) == 1 => {
                for x in t.iter() {
                    self.value(x, d);
                }
            }
            Value::Dict(x) => self.take_dict_rc(x),
            Value::Set(s) if Rc::strong_count(s) == 1 => self.take_dict(&s.table),
            Value::Obj(o) if Rc::strong_count(o) == 1 => match &**o {
                Object::Method { func, self_ } => {
                    self.value(func, d);
                    self.value(self_, d);
                }
                Object::Cell(c) => self.take_cell(c),
                Object::Slice { start, stop, step } => {
                    for x in [start, stop, step] {
                        self.value(x, d);
                    }
                }
                Object::Property { fget, fset, fdel, doc } => {
                    for x in [fget, fset, fdel, doc] {
                        self.value(x, d);
                    }
                }
                Object::ClassMethod(x) | Object::StaticMethod(x) | Object::AgenWrapped(x) => self.value(x, d),
                Object::Super { obj, .. } => self.value(obj, d),
                Object::Builtin(b) => {
                    if let Some(x) = &b.self_ {
                        self.value(x, d);
                    }
                }
                Object::Namespace(x) | Object::DictView(_, x) => self.take_dict_rc(x),
                Object::Generator(g) => {
                    if let Ok(mut st) = g.state.try_borrow_mut() {
                        self.sink.append(&mut st.values);
                        self.sink.push(std::mem::take(&mut st.exc));
                        if let Some(func) = st.func.take() {
                            self.sink.push(Value::Func(func));
                        }
                    }
                }
                Object::Iter(it) => {
                    if let Ok(mut it) = it.try_borrow_mut() {
                        let old = std::mem::replace(&mut *it, IterKind::Done);
                        self.sink.push(Value::obj(Object::Iter(RefCell::new(old))));
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
}

/// `gc.collect()`: runs a full collection now; returns the number of unreachable objects
/// found (instances and functions, plus the lists, dicts, tuples, cells ... only they owned,
/// counted the way CPython counts its tracked objects).
pub fn collect() -> usize {
    if COLLECTING.get() {
        return 0;
    }
    COLLECTING.set(true);
    let (garbage, found) = find_garbage();
    // Break the cycles. What is taken out is dropped only after all borrows are released
    // (dropping may free other garbage, whose `Drop` unregisters it).
    let (sink, dicts) = REGISTRY.with(|r| {
        // The registry stays borrowed (read-only) while clearing: moving values into the sink
        // drops nothing, so no object is unregistered meanwhile.
        let Ok(reg) = r.try_borrow() else { return (Vec::new(), Vec::new()) };
        let mut c = Clearer { w: Walker { reg: &reg }, sink: Vec::new(), dicts: Vec::new() };
        for g in &garbage {
            match g {
                Garbage::Inst(i) => c.instance(i),
                Garbage::Func(f) => c.function(f, 0),
            }
        }
        (c.sink, c.dicts)
    });
    drop(dicts);
    drop(sink);
    drop(garbage);
    SURVIVORS.set(REGISTRY.with(|r| r.borrow().len()));
    schedule();
    COLLECTING.set(false);
    found
}

/// Steps 1-3 of the module doc: returns strong references to the garbage objects and the
/// number of garbage objects (CPython's count).
fn find_garbage() -> (Vec<Garbage>, usize) {
    REGISTRY.with(|r| {
        // No object is created or dropped while the registry is borrowed here: the walk only
        // reads (no Python code runs, no `Value` is cloned or dropped).
        let Ok(reg) = r.try_borrow() else {
            return (Vec::new(), 0);
        };
        let reg: &[Entry] = &reg;
        let n = reg.len();
        let w = Walker { reg };
        // SAFETY (for both closures): `reg[i]` is a current registry entry, and nothing is
        // dropped while `reg` is borrowed.
        let node_at = |i: usize| unsafe { node(reg[i]) };
        let mut refs: Vec<isize> = (0..n).map(|i| unsafe { strong_count(reg[i]) } as isize).collect();
        for i in 0..n {
            w.node(node_at(i), &mut |h| {
                if let Hit::Tracked(j) = h {
                    refs[j] -= 1;
                }
            });
        }
        if refs.iter().any(|&c| c < 0) {
            // More edges than references: the enumeration is wrong somewhere. Collect nothing.
            debug_assert!(false, "gc: negative reference count");
            return (Vec::new(), 0);
        }
        let mut alive = vec![false; n];
        let mut work: Vec<usize> = Vec::new();
        for i in 0..n {
            if refs[i] > 0 {
                alive[i] = true;
                work.push(i);
            }
        }
        while let Some(i) = work.pop() {
            w.node(node_at(i), &mut |h| {
                if let Hit::Tracked(j) = h {
                    if !alive[j] {
                        alive[j] = true;
                        work.push(j);
                    }
                }
            });
        }
        let mut found = 0usize;
        let mut garbage = Vec::new();
        for i in 0..n {
            if alive[i] {
                continue;
            }
            found += 1;
            w.node(node_at(i), &mut |h| {
                if let Hit::Container = h {
                    found += 1;
                }
            });
            let e = reg[i];
            // SAFETY: `e` is a live object of the tagged type (see above); incrementing its
            // strong count before `from_raw` makes the new `Rc` an owned reference of its own.
            garbage.push(unsafe {
                if e & FUNC_TAG != 0 {
                    let p = (e & !FUNC_TAG) as *const Function;
                    Rc::increment_strong_count(p);
                    Garbage::Func(Rc::from_raw(p))
                } else {
                    let p = e as *const Instance;
                    Rc::increment_strong_count(p);
                    Garbage::Inst(Rc::from_raw(p))
                }
            });
        }
        (garbage, found)
    })
}
