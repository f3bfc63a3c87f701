//! `re.Match`: the groups of a successful match (`group`, `groups`, `groupdict`, `start`,
//! `end`, `span`, `expand`, `regs`, `lastindex`, `lastgroup`, indexing, repr).

use std::rc::Rc;

use crate::native_class::{new_instance, with_data};
use crate::object::NativeFn;
use crate::types::args::bind;
use crate::value::Value;
use crate::vm::{Kw, PyResult, Vm};

use super::engine::State;
use super::pattern::{re_func, PatternData};
use super::subject::Subject;
use super::{prop, types};

/// A match result.
pub struct MatchData {
    /// The `re.Pattern` object.
    pub pattern: Value,
    /// Its data.
    pub pat: Rc<PatternData>,
    /// The subject.
    pub subj: Rc<Subject>,
    /// Spans of group 0..=groups; (-1, -1) for groups that did not take part.
    pub regs: Vec<(isize, isize)>,
    /// `pos` and `endpos` of the call.
    pub pos: usize,
    /// See `pos`.
    pub endpos: usize,
    /// Index of the last matched group, -1 for none.
    pub lastindex: isize,
}

/// Makes a `re.Match` from the state after a successful match.
pub fn new_match(
    vm: &mut Vm,
    pattern: &Value,
    pat: &Rc<PatternData>,
    subj: &Rc<Subject>,
    st: &State,
    pos: usize,
    endpos: usize,
) -> Value {
    let mut regs = Vec::with_capacity(pat.groups + 1);
    regs.push((st.start as isize, st.ptr as isize));
    for g in 1..=pat.groups {
        regs.push(match st.group_span(g) {
            Some((a, b)) => (a as isize, b as isize),
            None => (-1, -1),
        });
    }
    let d = MatchData {
        pattern: pattern.clone(),
        pat: pat.clone(),
        subj: subj.clone(),
        regs,
        pos,
        endpos,
        lastindex: st.lastindex,
    };
    let t = types(vm).match_;
    new_instance(&t, Rc::new(d))
}

fn data(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Rc<MatchData>> {
    with_data(vm, v, what, |d: &mut Rc<MatchData>| d.clone())
}

fn this(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<Rc<MatchData>> {
    match a.first() {
        Some(v) => data(vm, v, what),
        None => Err(vm.type_error(format!("descriptor '{what}' of 're.Match' object needs an argument"))),
    }
}

/// `match_getindex`: a group number from an int or a group name.
fn group_index(vm: &mut Vm, m: &MatchData, g: &Value) -> PyResult<usize> {
    let i: i64 = match g {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => match crate::types::to_index(vm, g) {
            Ok(i) => i,
            Err(_) => -1,
        },
        Value::Str(name) => match &m.pat.groupindex {
            Value::Dict(d) => match d.borrow().get_str(name) {
                Some(Value::Int(i)) => *i,
                _ => -1,
            },
            _ => -1,
        },
        Value::Inst(_) if crate::num::is_int(&vm.payload(g)) => crate::types::to_index(vm, g)?,
        Value::Inst(_) if matches!(vm.payload(g), Value::Str(_)) => {
            let p = vm.payload(g);
            return group_index(vm, m, &p);
        }
        _ => -1,
    };
    if i < 0 || i as usize >= m.regs.len() {
        return Err(vm.index_error("no such group"));
    }
    Ok(i as usize)
}

fn group_value(vm: &mut Vm, m: &MatchData, i: usize, default: &Value) -> PyResult<Value> {
    let (a, b) = m.regs[i];
    if a < 0 || b < 0 {
        return Ok(default.clone());
    }
    m.subj.slice(vm, a as usize, b as usize)
}

fn m_group(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let m = this(vm, &a, "group")?;
    if !k.is_empty() {
        return Err(vm.type_error("group() takes no keyword arguments"));
    }
    match a.len() {
        0 | 1 => group_value(vm, &m, 0, &Value::None),
        2 => {
            let i = group_index(vm, &m, &a[1])?;
            group_value(vm, &m, i, &Value::None)
        }
        _ => {
            let mut out = Vec::with_capacity(a.len() - 1);
            for g in &a[1..] {
                let i = group_index(vm, &m, g)?;
                out.push(group_value(vm, &m, i, &Value::None)?);
            }
            Ok(Value::tuple(out))
        }
    }
}

fn m_getitem(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let m = this(vm, &a, "__getitem__")?;
    let g = a.get(1).cloned().unwrap_or(Value::None);
    let i = group_index(vm, &m, &g)?;
    group_value(vm, &m, i, &Value::None)
}

fn m_groups(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let m = this(vm, &a, "groups")?;
    let b = bind(vm, "groups", &a[1..], &k, &["default"], 0, 0, 1)?;
    let default = b[0].clone().unwrap_or(Value::None);
    let mut out = Vec::with_capacity(m.regs.len() - 1);
    for i in 1..m.regs.len() {
        out.push(group_value(vm, &m, i, &default)?);
    }
    Ok(Value::tuple(out))
}

fn m_groupdict(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let m = this(vm, &a, "groupdict")?;
    let b = bind(vm, "groupdict", &a[1..], &k, &["default"], 0, 0, 1)?;
    let default = b[0].clone().unwrap_or(Value::None);
    let mut d = crate::dict::Dict::new();
    let items = match &m.pat.groupindex {
        Value::Dict(gi) => gi.borrow().items(),
        _ => Vec::new(),
    };
    for (name, _) in items {
        let i = group_index(vm, &m, &name)?;
        let v = group_value(vm, &m, i, &default)?;
        if let Value::Str(n) = &name {
            d.set_str(n.clone(), v);
        }
    }
    Ok(Value::dict(d))
}

fn span_of(vm: &mut Vm, a: &[Value], k: &Kw, fname: &str) -> PyResult<(isize, isize)> {
    let m = this(vm, a, fname)?;
    let b = bind(vm, fname, &a[1..], k, &["group"], 0, 1, 1)?;
    let i = match &b[0] {
        Some(g) => group_index(vm, &m, g)?,
        None => 0,
    };
    Ok(m.regs[i])
}

fn m_start(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    Ok(Value::Int(span_of(vm, &a, &k, "start")?.0 as i64))
}

fn m_end(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    Ok(Value::Int(span_of(vm, &a, &k, "end")?.1 as i64))
}

fn m_span(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let (x, y) = span_of(vm, &a, &k, "span")?;
    Ok(Value::tuple(vec![Value::Int(x as i64), Value::Int(y as i64)]))
}

fn m_expand(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let m = this(vm, &a, "expand")?;
    let b = bind(vm, "expand", &a[1..], &k, &["template"], 1, 0, 1)?;
    let template = b[0].clone().unwrap_or(Value::None);
    let f = re_func(vm, "_expand")?;
    vm.call(&f, vec![m.pattern.clone(), a[0].clone(), template], Vec::new())
}

fn m_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let m = this(vm, &a, "__repr__")?;
    let g = group_value(vm, &m, 0, &Value::None)?;
    let r = crate::ops::repr(vm, &g)?;
    let r: String = r.chars().take(50).collect();
    let (x, y) = m.regs[0];
    Ok(Value::str(format!("<re.Match object; span=({x}, {y}), match={r}>")))
}

fn m_copy(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(a.first().cloned().unwrap_or(Value::None))
}

fn m_new(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Err(vm.type_error("cannot create 're.Match' instances"))
}

fn g_pos(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &a, "pos")?.pos as i64))
}

fn g_endpos(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &a, "endpos")?.endpos as i64))
}

fn g_lastindex(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let m = this(vm, &a, "lastindex")?;
    Ok(if m.lastindex >= 0 { Value::Int(m.lastindex as i64) } else { Value::None })
}

fn g_lastgroup(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let m = this(vm, &a, "lastgroup")?;
    if m.lastindex < 0 {
        return Ok(Value::None);
    }
    Ok(match &m.pat.indexgroup {
        Value::Tuple(t) => t.get(m.lastindex as usize).cloned().unwrap_or(Value::None),
        _ => Value::None,
    })
}

fn g_re(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(this(vm, &a, "re")?.pattern.clone())
}

fn g_string(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(this(vm, &a, "string")?.subj.obj.clone())
}

fn g_regs(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let m = this(vm, &a, "regs")?;
    Ok(Value::tuple(
        m.regs.iter().map(|&(x, y)| Value::tuple(vec![Value::Int(x as i64), Value::Int(y as i64)])).collect(),
    ))
}

/// Methods of `re.Match`.
pub const METHODS: &[(&str, NativeFn)] = &[
    ("group", m_group),
    ("__getitem__", m_getitem),
    ("groups", m_groups),
    ("groupdict", m_groupdict),
    ("start", m_start),
    ("end", m_end),
    ("span", m_span),
    ("expand", m_expand),
    ("__repr__", m_repr),
    ("__copy__", m_copy),
    ("__deepcopy__", m_copy),
    ("__new__", m_new),
];

/// Read-only attributes of `re.Match`.
pub fn properties() -> Vec<(&'static str, Value)> {
    vec![
        ("pos", prop("pos", g_pos)),
        ("endpos", prop("endpos", g_endpos)),
        ("lastindex", prop("lastindex", g_lastindex)),
        ("lastgroup", prop("lastgroup", g_lastgroup)),
        ("re", prop("re", g_re)),
        ("string", prop("string", g_string)),
        ("regs", prop("regs", g_regs)),
    ]
}
