//! "Did you mean" suggestions for uncaught NameError / AttributeError (CPython 3.11's
//! `Python/suggestions.c`: a Levenshtein distance with case-insensitive substitutions
//! costing half a move).

use std::rc::Rc;

use crate::object::Code;
use crate::value::{DictRef, Value};
use crate::vm::Vm;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// Where to look for a suggestion for the missing name.
pub enum Suggest {
    /// An attribute missing on the object.
    Attr(Value, String),
    /// A name missing in a frame: its code (locals), globals; then builtins.
    Name(Rc<Code>, DictRef, String),
}

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.to_ascii_lowercase() == b.to_ascii_lowercase() {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let mut a = a;
    let mut b = b;
    while !a.is_empty() && !b.is_empty() && a[0] == b[0] {
        a = &a[1..];
        b = &b[1..];
    }
    while !a.is_empty() && !b.is_empty() && a[a.len() - 1] == b[b.len() - 1] {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &bc) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(bc, ac);
            distance = row[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

fn calculate(dir: &[String], name: &str) -> Option<String> {
    if dir.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<&String> = None;
    let mut best_d = usize::MAX;
    for item in dir {
        if item == name {
            continue;
        }
        let mut max_d = (name.len() + item.len() + 3) * MOVE_COST / 6;
        max_d = max_d.min(best_d.saturating_sub(1));
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max_d);
        if d > max_d {
            continue;
        }
        if best.is_none() || d < best_d {
            best = Some(item);
            best_d = d;
        }
    }
    best.cloned()
}

fn keys(d: &DictRef) -> Vec<String> {
    d.borrow().keys().iter().filter_map(|k| k.as_pystr().map(|s| s.as_str().to_string())).collect()
}

/// The suggested name, if any.
pub fn suggestion(vm: &mut Vm, s: &Suggest) -> Option<String> {
    match s {
        Suggest::Attr(obj, name) => {
            let d = crate::builtins::dir_of(vm, obj).ok()?;
            let items = crate::ops::to_vec(vm, &d).ok()?;
            let dir: Vec<String> = items.iter().filter_map(|k| k.as_pystr().map(|s| s.as_str().to_string())).collect();
            calculate(&dir, name)
        }
        Suggest::Name(code, globals, name) => {
            let locals: Vec<String> = code.varnames.iter().map(|v| v.as_str().to_string()).collect();
            if let Some(r) = calculate(&locals, name) {
                return Some(r);
            }
            if let Some(r) = calculate(&keys(globals), name) {
                return Some(r);
            }
            let b = vm.builtins.clone();
            calculate(&keys(&b), name)
        }
    }
}
