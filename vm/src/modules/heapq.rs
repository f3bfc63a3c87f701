//! The `_heapq` module (what `heapq` imports when present, as CPython's C accelerator):
//! `heappush`, `heappop`, `heapify`, `heapreplace`, `heappushpop` and the `_max` variants,
//! with the same sift algorithms as `heapq.py` (so heap layouts are CPython's) and the C
//! module's messages.

use crate::ops;
use crate::value::{s, ListRef, Value};
use crate::vm::{native, Kw, PyResult, Vm};

fn lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        _ => ops::lt(vm, a, b),
    }
}

/// `a < b`, or `b < a` for the max-heap functions.
fn less(vm: &mut Vm, a: &Value, b: &Value, max: bool) -> PyResult<bool> {
    if max {
        lt(vm, b, a)
    } else {
        lt(vm, a, b)
    }
}

fn at(vm: &mut Vm, l: &ListRef, i: usize) -> PyResult<Value> {
    let v = l.borrow().get(i).cloned();
    v.ok_or_else(|| vm.runtime_error("list changed size during iteration"))
}

fn put(vm: &mut Vm, l: &ListRef, i: usize, v: Value) -> PyResult<()> {
    let mut b = l.borrow_mut();
    match b.get_mut(i) {
        Some(slot) => {
            *slot = v;
            Ok(())
        }
        None => {
            drop(b);
            Err(vm.runtime_error("list changed size during iteration"))
        }
    }
}

fn siftdown(vm: &mut Vm, l: &ListRef, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let newitem = at(vm, l, pos)?;
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        let parent = at(vm, l, parentpos)?;
        if less(vm, &newitem, &parent, max)? {
            put(vm, l, pos, parent)?;
            pos = parentpos;
            continue;
        }
        break;
    }
    put(vm, l, pos, newitem)
}

fn siftup(vm: &mut Vm, l: &ListRef, mut pos: usize, max: bool) -> PyResult<()> {
    let end = l.borrow().len();
    let start = pos;
    let newitem = at(vm, l, pos)?;
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end {
            let (c, r) = (at(vm, l, child)?, at(vm, l, right)?);
            if !less(vm, &c, &r, max)? {
                child = right;
            }
        }
        let c = at(vm, l, child)?;
        put(vm, l, pos, c)?;
        pos = child;
        child = 2 * pos + 1;
    }
    put(vm, l, pos, newitem)?;
    siftdown(vm, l, start, pos, max)
}

fn heap_arg(vm: &mut Vm, fname: &str, a: &[Value], n: usize) -> PyResult<ListRef> {
    if a.len() != n {
        let msg = if n == 1 {
            format!("{fname}() takes exactly one argument ({} given)", a.len())
        } else {
            format!("{fname} expected {n} arguments, got {}", a.len())
        };
        return Err(vm.type_error(msg));
    }
    match &a[0] {
        Value::List(l) => Ok(l.clone()),
        v => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("heap argument must be a list, not {t}")))
        }
    }
}

fn heappush(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let l = heap_arg(vm, "heappush", &a, 2)?;
    l.borrow_mut().push(a[1].clone());
    let n = l.borrow().len();
    siftdown(vm, &l, 0, n - 1, false)?;
    Ok(Value::None)
}

fn pop_impl(vm: &mut Vm, a: &[Value], name: &str, max: bool) -> PyResult<Value> {
    let l = heap_arg(vm, name, a, 1)?;
    let last = l.borrow_mut().pop();
    let Some(last) = last else {
        return Err(vm.index_error("index out of range"));
    };
    if l.borrow().is_empty() {
        return Ok(last);
    }
    let ret = std::mem::replace(&mut l.borrow_mut()[0], last);
    siftup(vm, &l, 0, max)?;
    Ok(ret)
}

fn heappop(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    pop_impl(vm, &a, "heappop", false)
}

fn heappop_max(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    pop_impl(vm, &a, "_heappop_max", true)
}

fn replace_impl(vm: &mut Vm, a: &[Value], name: &str, max: bool) -> PyResult<Value> {
    let l = heap_arg(vm, name, a, 2)?;
    if l.borrow().is_empty() {
        return Err(vm.index_error("index out of range"));
    }
    let ret = std::mem::replace(&mut l.borrow_mut()[0], a[1].clone());
    siftup(vm, &l, 0, max)?;
    Ok(ret)
}

fn heapreplace(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    replace_impl(vm, &a, "heapreplace", false)
}

fn heapreplace_max(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    replace_impl(vm, &a, "_heapreplace_max", true)
}

fn heappushpop(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let l = heap_arg(vm, "heappushpop", &a, 2)?;
    let top = l.borrow().first().cloned();
    let Some(top) = top else { return Ok(a[1].clone()) };
    if !lt(vm, &top, &a[1])? {
        return Ok(a[1].clone());
    }
    if l.borrow().is_empty() {
        return Err(vm.index_error("index out of range"));
    }
    let ret = std::mem::replace(&mut l.borrow_mut()[0], a[1].clone());
    siftup(vm, &l, 0, false)?;
    Ok(ret)
}

fn heapify_impl(vm: &mut Vm, a: &[Value], name: &str, max: bool) -> PyResult<Value> {
    let l = heap_arg(vm, name, a, 1)?;
    let n = l.borrow().len();
    for i in (0..n / 2).rev() {
        siftup(vm, &l, i, max)?;
    }
    Ok(Value::None)
}

fn heapify(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    heapify_impl(vm, &a, "heapify", false)
}

fn heapify_max(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    heapify_impl(vm, &a, "_heapify_max", true)
}

/// Builds the `_heapq` module.
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("_heapq");
    let mut d = d.borrow_mut();
    d.set_str(s("heappush"), native("heappush", heappush));
    d.set_str(s("heappop"), native("heappop", heappop));
    d.set_str(s("heapify"), native("heapify", heapify));
    d.set_str(s("heapreplace"), native("heapreplace", heapreplace));
    d.set_str(s("heappushpop"), native("heappushpop", heappushpop));
    d.set_str(s("_heappop_max"), native("_heappop_max", heappop_max));
    d.set_str(s("_heapify_max"), native("_heapify_max", heapify_max));
    d.set_str(s("_heapreplace_max"), native("_heapreplace_max", heapreplace_max));
    d.set_str(s("__about__"), Value::str("Heap queues"));
    m
}
