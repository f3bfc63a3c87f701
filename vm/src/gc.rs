//! The cycle collector: reclaims reference cycles that `Rc` counting alone never frees.
//!
//! **What is tracked.** Every `Instance` (instances of user classes, exceptions, ...) is
//! registered at creation (`Instance::new` → [`track`]) in a per-thread registry of raw
//! pointers and removed by its `Drop` ([`untrack`]: swap-remove, fixing the moved entry's
//! index). No `Weak` pointers are kept, so a dead instance's memory is freed at once, and the
//! fast path is one push and one swap-remove. Other containers (lists, dicts, tuples, sets,
//! functions, cells, bound methods, generators, iterators ...) are not tracked; the collector
//! looks *through* them when they are exclusively owned (strong count 1) by what it is
//! scanning, so cycles such as `a.o = b; b.o = a`, `a.children = [b]; b.parent = a`,
//! `self.cb = self.method` or a closure cell referring back to an instance are found. Cycles
//! made only of untracked containers (`l.append(l)`) are not reclaimed.
//!
//! **Algorithm** (CPython's trial deletion, `Modules/gcmodule.c`, over the tracked set):
//! 1. `refs[i] = strong_count(i)` for every tracked instance.
//! 2. For every tracked instance, enumerate its *edges*: the references to tracked instances
//!    held in its own fields (`__dict__` when exclusively owned, `__slots__`, the builtin
//!    payload, exception args/context/cause), following references through untracked
//!    containers only while each is exclusively owned (strong count 1: then the reference
//!    being followed is its only owner, so every reference inside it is a distinct reference
//!    held on behalf of the instance). Each edge `i → j` does `refs[j] -= 1`.
//! 3. Instances with `refs > 0` are referenced from outside the tracked set (the value stack,
//!    globals, a shared container, Rust locals ...): they are roots. Everything reachable from
//!    a root along the *same* edges is alive.
//! 4. The rest is garbage: every strong reference to it is one of the counted edges from other
//!    garbage. The collector takes a strong reference to each garbage instance, clears the
//!    contents it counted (the exclusively owned `__dict__`, slots, payload, exception data),
//!    which drops every edge and breaks the cycles, and then lets go.
//!
//! **Soundness.** Edges are only ever *under*-counted: a container that is shared, borrowed
//! (`try_borrow` fails) or nested too deeply is simply not looked into, which leaves the
//! instances it refers to with `refs > 0` (roots): a leak, never a premature free. Steps 2
//! and 3 run the same deterministic enumeration on an unchanged heap (no Python code runs and
//! nothing is dropped until step 4), so every edge subtracted in step 2 is followed in step 3.
//! Clearing uses `try_borrow_mut` and skips what is borrowed, so Rust code up the stack that
//! still holds a borrow guard into an object never sees it change underneath it.
//!
//! **When.** Automatic collections run in `Instance::new` (before the new instance exists),
//! when the number of tracked instances exceeds `survivors + max(threshold, survivors)`
//! (`survivors` = tracked instances left by the last collection): a program whose instances
//! die by reference counting never collects, and the work of collecting stays proportional to
//! the allocations (each collection costs O(live tracked objects), and a new one only starts
//! after as many new instances again). `gc.disable()` stops automatic collections.
//! `__del__` methods of collected instances are not called.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::dict::Dict;
use crate::object::{Function, Instance, IterKind, Object};
use crate::value::{SetObj, Value};

/// The default first threshold (CPython's `gc.get_threshold()[0]`).
pub const DEFAULT_THRESHOLD: usize = 700;

/// How many untracked containers deep the collector looks below a tracked instance; deeper
/// references are not counted (conservative: they keep their targets alive).
const MAX_DEPTH: u32 = 256;

thread_local! {
    /// Every live tracked instance; `Instance::gc_index` is its position here.
    static REGISTRY: RefCell<Vec<*const Instance>> = const { RefCell::new(Vec::new()) };
    /// Registry length at which the next automatic collection runs.
    static NEXT_AT: Cell<usize> = const { Cell::new(DEFAULT_THRESHOLD) };
    /// Tracked instances left after the last collection.
    static SURVIVORS: Cell<usize> = const { Cell::new(0) };
    /// `gc.set_threshold(t)`'s first value.
    static THRESHOLD: Cell<usize> = const { Cell::new(DEFAULT_THRESHOLD) };
    /// `gc.isenabled()`.
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    /// A collection is running (collections do not nest).
    static COLLECTING: Cell<bool> = const { Cell::new(false) };
}

/// Registers a new instance (called by `Instance::new` once it is in its `Rc`).
#[inline]
pub fn track(inst: &Rc<Instance>) {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        inst.gc_index().set(r.len());
        r.push(Rc::as_ptr(inst));
    });
}

/// Unregisters a dying instance (called by its `Drop`).
#[inline]
pub fn untrack(inst: &Instance) {
    let i = inst.gc_index().get();
    if i == usize::MAX {
        return;
    }
    inst.gc_index().set(usize::MAX);
    // `try_with`: during thread teardown the registry may already be gone.
    let _ = REGISTRY.try_with(|r| {
        let mut r = r.borrow_mut();
        if r.get(i) != Some(&(inst as *const Instance)) {
            return;
        }
        r.swap_remove(i);
        if let Some(&moved) = r.get(i) {
            // SAFETY: registry entries are live instances: an instance is registered right
            // after its `Rc` is made and removed (here) when it is dropped, before its memory
            // is freed; `Rc` contents never move. So `moved` points to a live `Instance`.
            unsafe { (*moved).gc_index().set(i) };
        }
    });
}

/// Runs an automatic collection when one is due (called before each instance is created).
#[inline]
pub fn maybe_collect() {
    let due = REGISTRY.with(|r| r.try_borrow().map(|r| r.len() >= NEXT_AT.get()).unwrap_or(false));
    if due && ENABLED.get() {
        collect();
    }
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

/// `gc.set_threshold(t)`: collections run after `max(t, survivors)` new tracked instances
/// (t = 0 disables automatic collection, as in CPython).
pub fn set_threshold(t: usize) {
    THRESHOLD.set(t);
    schedule();
}

/// `gc.get_count()[0]`: tracked instances added since the last collection.
pub fn count() -> usize {
    let n = REGISTRY.with(|r| r.borrow().len());
    n.saturating_sub(SURVIVORS.get())
}

/// Number of tracked (live) instances.
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
    /// A reference to the tracked instance at this registry index.
    Tracked(usize),
    /// Entered an untracked container that CPython would count as collectable garbage.
    Container,
}

/// Enumerates the references held by tracked instances (see the module doc, step 2).
struct Walker<'r> {
    reg: &'r [*const Instance],
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

impl Walker<'_> {
    /// Registry index of `inst` if it is tracked.
    #[inline]
    fn index_of(&self, inst: &Rc<Instance>) -> Option<usize> {
        let i = inst.gc_index().get();
        (self.reg.get(i) == Some(&Rc::as_ptr(inst))).then_some(i)
    }

    /// Reports the edges held by the fields of instance `inst`.
    fn instance(&self, inst: &Instance, depth: u32, f: &mut dyn FnMut(Hit)) {
        if Rc::strong_count(&inst.dict) == 1 {
            self.dict_contents(&inst.dict, depth, f);
        }
        if let Ok(p) = inst.payload.try_borrow() {
            self.value(&p, depth, f);
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
                        if Rc::strong_count(func) == 1 {
                            self.function(func, depth + 1, f);
                        }
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

    /// Reports the edge `v` (a field of an object being scanned): a tracked instance is
    /// reported; an exclusively owned untracked container is looked into.
    fn value(&self, v: &Value, depth: u32, f: &mut dyn FnMut(Hit)) {
        if v.is_immediate() || depth >= MAX_DEPTH {
            return;
        }
        let d = depth + 1;
        match v {
            Value::Inst(i) => match self.index_of(i) {
                Some(ix) => f(Hit::Tracked(ix)),
                None if Rc::strong_count(i) == 1 => {
                    f(Hit::Container);
                    self.instance(i, d, f);
                }
                None => {}
            },
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
            Value::Func(func) if Rc::strong_count(func) == 1 => {
                f(Hit::Container);
                self.function(func, d, f);
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

/// `gc.collect()`: runs a full collection now; returns the number of unreachable objects
/// found (instances, plus the lists, dicts, tuples, functions, cells ... only they owned,
/// counted the way CPython counts its tracked objects).
pub fn collect() -> usize {
    if COLLECTING.get() {
        return 0;
    }
    COLLECTING.set(true);
    let (garbage, found) = find_garbage();
    // Break the cycles: clear every field the enumeration looked into. What is taken out is
    // dropped only after all guards are released (dropping may free other garbage, whose
    // `Drop` unregisters it).
    let mut sink: Vec<Value> = Vec::new();
    let mut dicts: Vec<Dict> = Vec::new();
    for g in &garbage {
        if Rc::strong_count(&g.dict) == 1 {
            if let Ok(mut d) = g.dict.try_borrow_mut() {
                let old = std::mem::replace(&mut *d, Dict::new());
                d.clear();
                dicts.push(old);
            }
        }
        if let Ok(mut p) = g.payload.try_borrow_mut() {
            sink.push(std::mem::replace(&mut *p, Value::Null));
        }
        if let Ok(mut sl) = g.slots.try_borrow_mut() {
            for v in sl.iter_mut() {
                sink.push(std::mem::replace(v, Value::Null));
            }
        }
        if let Some(e) = &g.exc {
            if let Ok(mut e) = e.try_borrow_mut() {
                sink.push(std::mem::take(&mut e.args));
                sink.push(std::mem::take(&mut e.context));
                sink.push(std::mem::take(&mut e.cause));
            }
        }
    }
    drop(dicts);
    drop(sink);
    drop(garbage);
    SURVIVORS.set(REGISTRY.with(|r| r.borrow().len()));
    schedule();
    COLLECTING.set(false);
    found
}

/// Steps 1-3 of the module doc: returns strong references to the garbage instances and the
/// number of garbage objects (CPython's count).
fn find_garbage() -> (Vec<Rc<Instance>>, usize) {
    REGISTRY.with(|r| {
        // No instance is created or dropped while the registry is borrowed here: the walk only
        // reads (no Python code runs, no `Value` is cloned or dropped).
        let Ok(reg) = r.try_borrow() else {
            return (Vec::new(), 0);
        };
        let reg: &[*const Instance] = &reg;
        let n = reg.len();
        let w = Walker { reg };
        // SAFETY (for every `&*reg[i]` below): registry entries point to live instances (see
        // `untrack`), and nothing is dropped while `reg` is borrowed.
        let inst = |i: usize| -> &Instance { unsafe { &*reg[i] } };
        let count_of = |i: usize| -> isize {
            // SAFETY: `reg[i]` came from `Rc::as_ptr` of a live `Rc<Instance>`; the
            // `ManuallyDrop` makes this a borrowed view that never changes the counts.
            let rc = std::mem::ManuallyDrop::new(unsafe { Rc::from_raw(reg[i]) });
            Rc::strong_count(&rc) as isize
        };
        let mut refs: Vec<isize> = (0..n).map(count_of).collect();
        for i in 0..n {
            w.instance(inst(i), 0, &mut |h| {
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
            w.instance(inst(i), 0, &mut |h| {
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
            w.instance(inst(i), 0, &mut |h| {
                if let Hit::Container = h {
                    found += 1;
                }
            });
            // SAFETY: `reg[i]` is a live instance (see above); incrementing its strong count
            // before `from_raw` makes the new `Rc` an owned reference of its own.
            garbage.push(unsafe {
                Rc::increment_strong_count(reg[i]);
                Rc::from_raw(reg[i])
            });
        }
        (garbage, found)
    })
}
