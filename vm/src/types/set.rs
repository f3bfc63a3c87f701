//! set and frozenset.

use std::cell::RefCell;
use std::rc::Rc;

use format::CompareOpKind;

use crate::dict::Dict;
use crate::ops;
use crate::types::add_method;
use crate::types::dict::find;
use crate::value::{SetObj, Value};
use crate::vm::{Kw, PyResult, Vm};

/// Makes a set (or frozenset) of `items`.
pub fn new_set(vm: &mut Vm, items: Vec<Value>, frozen: bool) -> PyResult<Value> {
    let s = Rc::new(SetObj { frozen, table: RefCell::new(Dict::new()), ordered_version: Default::default() });
    for it in items {
        set_add(vm, &s, it)?;
    }
    Ok(Value::Set(s))
}

/// Adds a member.
pub fn set_add(vm: &mut Vm, s: &SetObj, v: Value) -> PyResult<()> {
    let h = ops::hash(vm, &v)?;
    if find(vm, &s.table, h, &v)?.is_none() {
        s.table.borrow_mut().insert_new(h, v, Value::None);
    }
    Ok(())
}

/// Membership test.
pub fn set_contains(vm: &mut Vm, s: &SetObj, v: &Value) -> PyResult<bool> {
    let h = match v {
        Value::Set(inner) if !inner.frozen => {
            let items = inner.table.borrow().keys();
            let fz = new_set(vm, items, true)?;
            return set_contains(vm, s, &fz);
        }
        _ => ops::hash(vm, v)?,
    };
    Ok(find(vm, &s.table, h, v)?.is_some())
}

fn set_remove(vm: &mut Vm, s: &SetObj, v: &Value) -> PyResult<bool> {
    let h = ops::hash(vm, v)?;
    match find(vm, &s.table, h, v)? {
        Some(i) => {
            s.table.borrow_mut().remove_at(i);
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Any iterable as a set object.
pub fn to_set(vm: &mut Vm, v: &Value) -> PyResult<Rc<SetObj>> {
    if let Value::Set(s) = v {
        return Ok(s.clone());
    }
    let items = ops::to_vec(vm, v)?;
    match new_set(vm, items, false)? {
        Value::Set(s) => Ok(s),
        _ => Err(vm.type_error("set expected")),
    }
}

/// `a | b`, `a & b`, `a - b`, `a ^ b`.
pub fn set_op(vm: &mut Vm, op: u32, a: &SetObj, b: &SetObj) -> PyResult<Value> {
    let ak = a.table.borrow().keys();
    let bk = b.table.borrow().keys();
    let mut out = Vec::new();
    match op {
        crate::num::OR => {
            out.extend(ak);
            out.extend(bk);
        }
        crate::num::AND => {
            for k in ak {
                if set_contains(vm, b, &k)? {
                    out.push(k);
                }
            }
        }
        crate::num::SUB => {
            for k in ak {
                if !set_contains(vm, b, &k)? {
                    out.push(k);
                }
            }
        }
        _ => {
            for k in ak {
                if !set_contains(vm, b, &k)? {
                    out.push(k);
                }
            }
            for k in bk {
                if !set_contains(vm, a, &k)? {
                    out.push(k);
                }
            }
        }
    }
    new_set(vm, out, a.frozen)
}

fn subset(vm: &mut Vm, a: &SetObj, b: &SetObj) -> PyResult<bool> {
    if a.table.borrow().len() > b.table.borrow().len() {
        return Ok(false);
    }
    for k in a.table.borrow().keys() {
        if !set_contains(vm, b, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Set comparisons (subset order).
pub fn set_compare(vm: &mut Vm, op: CompareOpKind, a: &SetObj, b: &SetObj) -> PyResult<Option<bool>> {
    let la = a.table.borrow().len();
    let lb = b.table.borrow().len();
    Ok(Some(match op {
        CompareOpKind::Eq => la == lb && subset(vm, a, b)?,
        CompareOpKind::Ne => !(la == lb && subset(vm, a, b)?),
        CompareOpKind::Le => subset(vm, a, b)?,
        CompareOpKind::Lt => la < lb && subset(vm, a, b)?,
        CompareOpKind::Ge => subset(vm, b, a)?,
        CompareOpKind::Gt => la > lb && subset(vm, b, a)?,
    }))
}

fn this(vm: &mut Vm, v: Option<&Value>) -> PyResult<Rc<SetObj>> {
    match v.map(|v| vm.payload(v)) {
        Some(Value::Set(s)) => Ok(s),
        _ => Err(vm.type_error("descriptor requires a 'set' object")),
    }
}

fn m_add(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    set_add(vm, &s, a.get(1).cloned().unwrap_or(Value::None))?;
    Ok(Value::None)
}
fn m_remove(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let v = a.get(1).cloned().unwrap_or(Value::None);
    if !set_remove(vm, &s, &v)? {
        return Err(vm.key_error(v));
    }
    Ok(Value::None)
}
fn m_discard(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let v = a.get(1).cloned().unwrap_or(Value::None);
    set_remove(vm, &s, &v)?;
    Ok(Value::None)
}
fn m_pop(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let first = {
        let t = s.table.borrow();
        (0..t.capacity_index()).find(|&i| t.entry_at(i).is_some())
    };
    match first {
        Some(i) => Ok(s.table.borrow_mut().remove_at(i).map(|x| x.0).unwrap_or(Value::None)),
        None => {
            let t = vm.t.key_error.clone();
            Err(vm.new_exc(&t, "pop from an empty set"))
        }
    }
}
fn m_clear(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    s.table.borrow_mut().clear();
    Ok(Value::None)
}
fn m_copy(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let t = s.table.borrow().clone();
    Ok(Value::Set(Rc::new(SetObj { frozen: s.frozen, table: RefCell::new(t), ordered_version: Default::default() })))
}
fn multi(vm: &mut Vm, a: Vec<Value>, op: u32) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let mut cur = Value::Set(s.clone());
    for other in &a[1..] {
        let o = to_set(vm, other)?;
        if let Value::Set(c) = &cur {
            cur = set_op(vm, op, c, &o)?;
        }
    }
    if a.len() == 1 {
        return m_copy(vm, a, vec![]);
    }
    Ok(cur)
}
fn m_union(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    multi(vm, a, crate::num::OR)
}
fn m_intersection(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    multi(vm, a, crate::num::AND)
}
fn m_difference(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    multi(vm, a, crate::num::SUB)
}
fn m_symdiff(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    multi(vm, a, crate::num::XOR)
}
fn update_with(vm: &mut Vm, a: Vec<Value>, op: u32) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let r = multi(vm, a, op)?;
    if let Value::Set(r) = r {
        let t = r.table.borrow().clone();
        *s.table.borrow_mut() = t;
    }
    Ok(Value::None)
}
fn m_update(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    for other in &a[1..] {
        for x in ops::to_vec(vm, other)? {
            set_add(vm, &s, x)?;
        }
    }
    Ok(Value::None)
}
fn m_iupdate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    update_with(vm, a, crate::num::AND)
}
fn m_dupdate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    update_with(vm, a, crate::num::SUB)
}
fn m_sdupdate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    update_with(vm, a, crate::num::XOR)
}
fn m_issubset(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let o = to_set(vm, a.get(1).unwrap_or(&Value::None))?;
    Ok(Value::Bool(subset(vm, &s, &o)?))
}
fn m_issuperset(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let o = to_set(vm, a.get(1).unwrap_or(&Value::None))?;
    Ok(Value::Bool(subset(vm, &o, &s)?))
}
fn m_isdisjoint(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let o = to_set(vm, a.get(1).unwrap_or(&Value::None))?;
    for k in s.table.borrow().keys() {
        if set_contains(vm, &o, &k)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}
fn m_contains(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    Ok(Value::Bool(set_contains(vm, &s, a.get(1).unwrap_or(&Value::None))?))
}
fn m_len(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let s = this(vm, a.first())?;
    let n = s.table.borrow().len();
    Ok(Value::Int(n as i64))
}

/// Installs set/frozenset methods.
pub fn init(vm: &mut Vm) {
    for (t, mutable) in [(vm.t.set.clone(), true), (vm.t.frozenset.clone(), false)] {
        add_method(&t, "copy", m_copy);
        add_method(&t, "union", m_union);
        add_method(&t, "intersection", m_intersection);
        add_method(&t, "difference", m_difference);
        add_method(&t, "symmetric_difference", m_symdiff);
        add_method(&t, "issubset", m_issubset);
        add_method(&t, "issuperset", m_issuperset);
        add_method(&t, "isdisjoint", m_isdisjoint);
        add_method(&t, "__contains__", m_contains);
        add_method(&t, "__len__", m_len);
        if mutable {
            add_method(&t, "add", m_add);
            add_method(&t, "remove", m_remove);
            add_method(&t, "discard", m_discard);
            add_method(&t, "pop", m_pop);
            add_method(&t, "clear", m_clear);
            add_method(&t, "update", m_update);
            add_method(&t, "intersection_update", m_iupdate);
            add_method(&t, "difference_update", m_dupdate);
            add_method(&t, "symmetric_difference_update", m_sdupdate);
        }
    }
}

/// Puts the members of `s` in the order CPython 3.11 iterates them: the slot order of its hash
/// table (`Objects/setobject.c`), simulated by inserting the members, in their current order,
/// into a table that grows as CPython's does (start at 8 slots, linear probing over 10 slots
/// then perturbation, resize to `used * 4` (`* 2` past 50000) when `fill * 5 >= mask * 3`).
/// Exact for sets built by insertions; after deletions CPython keeps its larger table and
/// dummy slots, which this does not model. Called before a set is iterated or printed.
pub fn normalize_order(s: &SetObj) {
    if s.ordered_version.get() == s.table.borrow().version {
        return;
    }
    let order = {
        let t = s.table.borrow();
        let entries: Vec<(i64, usize)> =
            (0..t.capacity_index()).filter_map(|i| t.entry_at(i).map(|e| (e.hash, i))).collect();
        let order = cpython_slot_order(&entries);
        if order.iter().zip(&entries).all(|(a, b)| *a == b.1) {
            s.ordered_version.set(t.version);
            return;
        }
        order
    };
    let old = std::mem::replace(&mut *s.table.borrow_mut(), Dict::new());
    let mut fresh = Dict::new();
    for i in order {
        if let Some(e) = old.entry_at(i) {
            fresh.insert_new(e.hash, e.key.clone(), e.value.clone());
        }
    }
    s.ordered_version.set(fresh.version);
    *s.table.borrow_mut() = fresh;
}

/// Entry indexes of `entries` (hash, index) in CPython's table slot order.
fn cpython_slot_order(entries: &[(i64, usize)]) -> Vec<usize> {
    const LINEAR_PROBES: usize = 9;
    const PERTURB_SHIFT: u32 = 5;
    fn insert(table: &mut [Option<(i64, usize)>], h: i64, idx: usize) {
        let mask = table.len() - 1;
        let mut perturb = h as u64;
        let mut i = (h as u64 as usize) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in 0..=probes {
                if table[i + j].is_none() {
                    table[i + j] = Some((h, idx));
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }
    let mut table: Vec<Option<(i64, usize)>> = vec![None; 8];
    let mut used = 0usize;
    for &(h, idx) in entries {
        insert(&mut table, h, idx);
        used += 1;
        let mask = table.len() - 1;
        if used * 5 >= mask * 3 {
            let minused = if used > 50000 { used * 2 } else { used * 4 };
            let mut size = 8usize;
            while size <= minused {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for (oh, oi) in old.into_iter().flatten() {
                insert(&mut table, oh, oi);
            }
        }
    }
    table.into_iter().flatten().map(|(_, i)| i).collect()
}
