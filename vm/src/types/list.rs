//! list and tuple methods, slice assignment, and the stable sort.

use crate::ops;
use crate::types::{add_method, slice_indices, to_index};
use crate::value::{ListRef, Value};
use crate::vm::{Kw, PyResult, Vm};

/// Stable merge sort using Python `<` (errors propagate).
pub fn sort_values(vm: &mut Vm, items: &mut Vec<Value>, keys: Option<Vec<Value>>, reverse: bool) -> PyResult<()> {
    let n = items.len();
    if n < 2 {
        return Ok(());
    }
    let keys = keys.unwrap_or_else(|| items.clone());
    let mut idx: Vec<usize> = (0..n).collect();
    let mut buf: Vec<usize> = vec![0; n];
    let mut width = 1;
    // Insertion sort small runs first.
    const RUN: usize = 16;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start {
                let (a, b) = (idx[j - 1], idx[j]);
                let less = if reverse { ops::lt(vm, &keys[a], &keys[b])? } else { ops::lt(vm, &keys[b], &keys[a])? };
                if !less {
                    break;
                }
                idx.swap(j - 1, j);
                j -= 1;
            }
        }
        start = end;
    }
    width = width.max(RUN);
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                let (a, b) = (idx[i], idx[j]);
                let take_right =
                    if reverse { ops::lt(vm, &keys[a], &keys[b])? } else { ops::lt(vm, &keys[b], &keys[a])? };
                if take_right {
                    buf[k] = b;
                    j += 1;
                } else {
                    buf[k] = a;
                    i += 1;
                }
                k += 1;
            }
            while i < mid {
                buf[k] = idx[i];
                i += 1;
                k += 1;
            }
            while j < hi {
                buf[k] = idx[j];
                j += 1;
                k += 1;
            }
            lo = hi;
        }
        std::mem::swap(&mut idx, &mut buf);
        width *= 2;
    }
    let old = std::mem::take(items);
    *items = idx.into_iter().map(|i| old[i].clone()).collect();
    Ok(())
}

/// Parses `key=` and `reverse=` and sorts.
pub fn sort_with_kw(vm: &mut Vm, items: &mut Vec<Value>, kw: &Kw) -> PyResult<()> {
    let mut key = Value::None;
    let mut reverse = false;
    for (k, v) in kw {
        match k.as_str() {
            "key" => key = v.clone(),
            "reverse" => reverse = ops::truthy(vm, v)?,
            other => return Err(vm.type_error(format!("'{other}' is an invalid keyword argument for sort()"))),
        }
    }
    let keys = if key.is_none() {
        None
    } else {
        let mut ks = Vec::with_capacity(items.len());
        for it in items.iter() {
            ks.push(vm.call0(&key, vec![it.clone()])?);
        }
        Some(ks)
    };
    sort_values(vm, items, keys, reverse)
}

fn this(vm: &mut Vm, v: Option<&Value>) -> PyResult<ListRef> {
    match v.map(|v| vm.payload(v)) {
        Some(Value::List(l)) => Ok(l),
        _ => Err(vm.type_error("descriptor requires a 'list' object")),
    }
}

fn seq_items(vm: &mut Vm, v: Option<&Value>) -> PyResult<Vec<Value>> {
    match v.map(|v| vm.payload(v)) {
        Some(Value::List(l)) => Ok(l.borrow().clone()),
        Some(Value::Tuple(t)) => Ok((*t).clone()),
        _ => Err(vm.type_error("descriptor requires a sequence")),
    }
}

/// `l[slice] = v` / `del l[slice]`.
pub fn list_set_slice(vm: &mut Vm, l: &ListRef, sl: &Value, v: Option<Value>) -> PyResult<()> {
    let len = l.borrow().len() as i64;
    let (start, stop, step, count) = slice_indices(vm, sl, len)?;
    match v {
        None => {
            let mut lb = l.borrow_mut();
            if step == 1 {
                if count > 0 {
                    lb.drain(start as usize..start as usize + count);
                }
            } else {
                let mut idxs: Vec<usize> = (0..count).map(|i| (start + i as i64 * step) as usize).collect();
                idxs.sort_unstable();
                for i in idxs.into_iter().rev() {
                    lb.remove(i);
                }
            }
            Ok(())
        }
        Some(v) => {
            let items = match ops::to_vec(vm, &v) {
                Ok(i) => i,
                Err(_) => return Err(vm.type_error("can only assign an iterable")),
            };
            if step == 1 {
                let s = start as usize;
                let e = if stop < start { s } else { stop as usize };
                let mut lb = l.borrow_mut();
                let e = e.min(lb.len()).max(s);
                lb.splice(s..e, items);
                Ok(())
            } else {
                if items.len() != count {
                    return Err(vm.value_error(format!(
                        "attempt to assign sequence of size {} to extended slice of size {count}",
                        items.len()
                    )));
                }
                let mut lb = l.borrow_mut();
                for (i, it) in items.into_iter().enumerate() {
                    lb[(start + i as i64 * step) as usize] = it;
                }
                Ok(())
            }
        }
    }
}

fn m_append(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(
            vm.type_error(format!("list.append() takes exactly one argument ({} given)", a.len().saturating_sub(1)))
        );
    }
    let l = this(vm, a.first())?;
    l.borrow_mut().push(a.get(1).cloned().unwrap_or(Value::None));
    Ok(Value::None)
}
fn m_extend(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let l = this(vm, a.first())?;
    let items = ops::to_vec(vm, a.get(1).unwrap_or(&Value::None))?;
    l.borrow_mut().extend(items);
    Ok(Value::None)
}
fn m_insert(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let l = this(vm, a.first())?;
    let i = to_index(vm, a.get(1).unwrap_or(&Value::None))?;
    let v = a.get(2).cloned().unwrap_or(Value::None);
    let mut lb = l.borrow_mut();
    let n = lb.len() as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    lb.insert(j as usize, v);
    Ok(Value::None)
}
fn m_pop(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let l = this(vm, a.first())?;
    let n = l.borrow().len() as i64;
    if n == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let i = match a.get(1) {
        Some(v) => to_index(vm, v)?,
        None => n - 1,
    };
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    let v = l.borrow_mut().remove(j as usize);
    Ok(v)
}
fn m_remove(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let l = this(vm, a.first())?;
    let x = a.get(1).cloned().unwrap_or(Value::None);
    let items = l.borrow().clone();
    for (i, it) in items.iter().enumerate() {
        if ops::eq(vm, it, &x)? {
            l.borrow_mut().remove(i);
            return Ok(Value::None);
        }
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}
fn m_index(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let is_list = matches!(a.first().map(|v| vm.payload(v)), Some(Value::List(_)));
    let items = seq_items(vm, a.first())?;
    let x = a.get(1).cloned().unwrap_or(Value::None);
    let n = items.len() as i64;
    let norm = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let start = match a.get(2) {
        Some(v) => norm(to_index(vm, v)?),
        None => 0,
    };
    let stop = match a.get(3) {
        Some(v) => norm(to_index(vm, v)?),
        None => n,
    };
    for i in start..stop {
        if ops::eq(vm, &items[i as usize], &x)? {
            return Ok(Value::Int(i));
        }
    }
    if is_list {
        let r = ops::repr(vm, &x)?;
        Err(vm.value_error(format!("{r} is not in list")))
    } else {
        Err(vm.value_error("tuple.index(x): x not in tuple"))
    }
}
fn m_count(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let items = seq_items(vm, a.first())?;
    let x = a.get(1).cloned().unwrap_or(Value::None);
    let mut c = 0;
    for it in &items {
        if ops::eq(vm, it, &x)? {
            c += 1;
        }
    }
    Ok(Value::Int(c))
}
fn m_sort(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let l = this(vm, a.first())?;
    if a.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let mut items = std::mem::take(&mut *l.borrow_mut());
    let r = sort_with_kw(vm, &mut items, &k);
    let modified = !l.borrow().is_empty();
    *l.borrow_mut() = items;
    r?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::None)
}
fn m_reverse(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let l = this(vm, a.first())?;
    l.borrow_mut().reverse();
    Ok(Value::None)
}
fn m_clear(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let l = this(vm, a.first())?;
    l.borrow_mut().clear();
    Ok(Value::None)
}
fn m_copy(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let l = this(vm, a.first())?;
    let v = l.borrow().clone();
    Ok(Value::list(v))
}
fn m_len(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let items = seq_items(vm, a.first())?;
    Ok(Value::Int(items.len() as i64))
}
fn m_getitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let p = vm.payload(a.first().unwrap_or(&Value::None));
    crate::types::getitem(vm, &p, a.get(1).unwrap_or(&Value::None))
}
fn m_setitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let p = vm.payload(a.first().unwrap_or(&Value::None));
    crate::types::setitem(vm, &p, a.get(1).unwrap_or(&Value::None), a.get(2).cloned())?;
    Ok(Value::None)
}
fn m_delitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let p = vm.payload(a.first().unwrap_or(&Value::None));
    crate::types::setitem(vm, &p, a.get(1).unwrap_or(&Value::None), None)?;
    Ok(Value::None)
}
fn m_iter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let p = vm.payload(a.first().unwrap_or(&Value::None));
    ops::iter(vm, &p)
}
fn m_contains(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let p = vm.payload(a.first().unwrap_or(&Value::None));
    Ok(Value::Bool(ops::contains(vm, &p, a.get(1).unwrap_or(&Value::None))?))
}
fn m_init(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let l = this(vm, a.first())?;
    if let Some(src) = a.get(1) {
        let items = ops::to_vec(vm, src)?;
        *l.borrow_mut() = items;
    }
    Ok(Value::None)
}

/// Installs list and tuple methods.
pub fn init(vm: &mut Vm) {
    let t = vm.t.list.clone();
    add_method(&t, "append", m_append);
    add_method(&t, "extend", m_extend);
    add_method(&t, "insert", m_insert);
    add_method(&t, "pop", m_pop);
    add_method(&t, "remove", m_remove);
    add_method(&t, "index", m_index);
    add_method(&t, "count", m_count);
    add_method(&t, "sort", m_sort);
    add_method(&t, "reverse", m_reverse);
    add_method(&t, "clear", m_clear);
    add_method(&t, "copy", m_copy);
    add_method(&t, "__init__", m_init);
    for t in [vm.t.list.clone(), vm.t.tuple.clone()] {
        add_method(&t, "__len__", m_len);
        add_method(&t, "__getitem__", m_getitem);
        add_method(&t, "__iter__", m_iter);
        add_method(&t, "__contains__", m_contains);
    }
    add_method(&vm.t.list.clone(), "__setitem__", m_setitem);
    add_method(&vm.t.list.clone(), "__delitem__", m_delitem);
    let t = vm.t.tuple.clone();
    add_method(&t, "index", m_index);
    add_method(&t, "count", m_count);
}
