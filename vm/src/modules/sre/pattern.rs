//! `re.Pattern` (match, fullmatch, search, findall, finditer, sub, subn, split, scanner) and
//! `_sre.SRE_Scanner`, following CPython's `Modules/_sre/sre.c`.

use std::rc::Rc;

use crate::native_class::{new_instance, with_data};
use crate::object::{IterKind, NativeFn, Object};
use crate::types::args::bind;
use crate::value::{s, Value};
use crate::vm::{Kw, PyResult, Vm};

use super::constants::*;
use super::engine::State;
use super::matchobj::new_match;
use super::subject::{with_units, Subject};
use super::{prop, types};

/// A compiled pattern.
pub struct PatternData {
    /// The opcode program.
    pub code: Vec<u32>,
    /// Number of capturing groups.
    pub groups: usize,
    /// `{name: index}` (a dict).
    pub groupindex: Value,
    /// `(None, name1, ...)`: group names by index.
    pub indexgroup: Value,
    /// The source pattern (str, bytes or None).
    pub pattern: Value,
    /// The flags.
    pub flags: i64,
    /// Bytes pattern (None when the pattern is not known, e.g. `re.Scanner`).
    pub isbytes: Option<bool>,
}

/// The pattern data of a `re.Pattern` instance.
pub fn data(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Rc<PatternData>> {
    with_data(vm, v, what, |d: &mut Rc<PatternData>| d.clone())
}

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
pub fn compile(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let names = ["pattern", "flags", "code", "groups", "groupindex", "indexgroup"];
    let b = bind(vm, "compile", &a, &k, &names, 6, 0, 6)?;
    let b: Vec<Value> = b.into_iter().map(|x| x.unwrap_or(Value::None)).collect();
    let flags = crate::types::to_index(vm, &b[1])?;
    let items = crate::ops::to_vec(vm, &b[2])?;
    let mut code = Vec::with_capacity(items.len());
    for it in &items {
        let v = match crate::types::to_index(vm, it) {
            Ok(v) => v,
            Err(_) => return Err(vm.overflow_error("regular expression code size limit exceeded")),
        };
        if !(0..=u32::MAX as i64).contains(&v) {
            return Err(vm.overflow_error("regular expression code size limit exceeded"));
        }
        code.push(v as u32);
    }
    let groups = crate::types::to_index(vm, &b[3])?.max(0) as usize;
    let pattern = b[0].clone();
    let isbytes = match vm.payload(&pattern) {
        Value::None => None,
        Value::Str(_) => Some(false),
        _ => Some(true),
    };
    let groupindex = match &b[4] {
        Value::Dict(d) => Value::dict(d.borrow().clone()),
        other => other.clone(),
    };
    let data = PatternData { code, groups, groupindex, indexgroup: b[5].clone(), pattern, flags, isbytes };
    let t = types(vm).pattern;
    Ok(new_instance(&t, Rc::new(data)))
}

/// CPython's `getstring` + `state_init` checks: the subject of a call and its bounds.
pub fn prepare(
    vm: &mut Vm,
    p: &PatternData,
    string: &Value,
    pos: i64,
    endpos: i64,
) -> PyResult<(Rc<Subject>, usize, usize)> {
    let Some(subj) = Subject::of(vm, string) else {
        let tn = vm.type_name(string);
        return Err(vm.type_error(format!("expected string or bytes-like object, got '{tn}'")));
    };
    match p.isbytes {
        Some(false) if subj.isbytes => {
            return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
        }
        Some(true) if !subj.isbytes => {
            return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
        }
        _ => {}
    }
    let len = subj.len() as i64;
    let pos = pos.clamp(0, len) as usize;
    let endpos = endpos.clamp(0, len) as usize;
    Ok((Rc::new(subj), pos, endpos))
}

fn opt_index(vm: &mut Vm, v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        Some(x) => crate::types::to_index(vm, x),
        None => Ok(default),
    }
}

/// Binds `(string, pos=0, endpos=maxsize)` and prepares the subject.
fn string_args(
    vm: &mut Vm,
    fname: &str,
    a: &[Value],
    k: &Kw,
) -> PyResult<(Value, Rc<PatternData>, Rc<Subject>, usize, usize)> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let p = data(vm, &this, fname)?;
    let b = bind(vm, fname, &a[1.min(a.len())..], k, &["string", "pos", "endpos"], 1, 0, 3)?;
    let string = b[0].clone().unwrap_or(Value::None);
    let pos = opt_index(vm, &b[1], 0)?;
    let endpos = opt_index(vm, &b[2], i64::MAX)?;
    let (subj, pos, endpos) = prepare(vm, &p, &string, pos, endpos)?;
    Ok((this, p, subj, pos, endpos))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Match,
    FullMatch,
    Search,
}

fn run_one(vm: &mut Vm, a: Vec<Value>, k: Kw, fname: &str, mode: Mode) -> PyResult<Value> {
    let (this, p, subj, pos, endpos) = string_args(vm, fname, &a, &k)?;
    let mut st = State::new(p.groups, pos, endpos);
    st.match_all = mode == Mode::FullMatch;
    let ok = with_units!(subj, s => match mode {
        Mode::Search => st.search(s, &p.code),
        _ => st.sre_match(s, &p.code, 0, true),
    });
    if !ok {
        return Ok(Value::None);
    }
    Ok(new_match(vm, &this, &p, &subj, &st, pos, endpos))
}

fn p_match(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    run_one(vm, a, k, "match", Mode::Match)
}

fn p_fullmatch(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    run_one(vm, a, k, "fullmatch", Mode::FullMatch)
}

fn p_search(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    run_one(vm, a, k, "search", Mode::Search)
}

/// The value of group `g` (1-based) after a match, or `default` when it did not take part.
fn state_group(vm: &mut Vm, st: &State, subj: &Subject, g: usize, default: Option<Value>) -> PyResult<Value> {
    match st.group_span(g) {
        Some((a, b)) => subj.slice(vm, a, b),
        None => match default {
            Some(d) => Ok(d),
            None => subj.slice(vm, 0, 0),
        },
    }
}

fn p_findall(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let (_this, p, subj, pos, endpos) = string_args(vm, "findall", &a, &k)?;
    let mut st = State::new(p.groups, pos, endpos);
    let mut out = Vec::new();
    while st.start <= st.end {
        st.reset();
        st.ptr = st.start;
        let ok = with_units!(subj, s => st.search(s, &p.code));
        if !ok {
            break;
        }
        let item = match p.groups {
            0 => subj.slice(vm, st.start, st.ptr)?,
            1 => state_group(vm, &st, &subj, 1, None)?,
            n => {
                let mut t = Vec::with_capacity(n);
                for g in 1..=n {
                    t.push(state_group(vm, &st, &subj, g, None)?);
                }
                Value::tuple(t)
            }
        };
        out.push(item);
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
    }
    Ok(Value::list(out))
}

fn make_scanner(vm: &mut Vm, this: Value, p: Rc<PatternData>, subj: Rc<Subject>, pos: usize, endpos: usize) -> Value {
    let t = types(vm).scanner;
    new_instance(&t, ScannerData { pattern: this, pat: p, subj, start: Some(pos), must_advance: false, pos, endpos })
}

fn p_scanner(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let (this, p, subj, pos, endpos) = string_args(vm, "scanner", &a, &k)?;
    Ok(make_scanner(vm, this, p, subj, pos, endpos))
}

fn p_finditer(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let (this, p, subj, pos, endpos) = string_args(vm, "finditer", &a, &k)?;
    let sc = make_scanner(vm, this, p, subj, pos, endpos);
    let search = crate::attr::getattr(vm, &sc, &s("search"))?;
    Ok(crate::types::iter::new_iter(IterKind::Callable { f: search, sentinel: Value::None }))
}

fn p_split(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let p = data(vm, &this, "split")?;
    let b = bind(vm, "split", &a[1.min(a.len())..], &k, &["string", "maxsplit"], 1, 0, 2)?;
    let string = b[0].clone().unwrap_or(Value::None);
    let maxsplit = opt_index(vm, &b[1], 0)?;
    let (subj, pos, endpos) = prepare(vm, &p, &string, 0, i64::MAX)?;
    let mut st = State::new(p.groups, pos, endpos);
    let mut out = Vec::new();
    let mut n = 0i64;
    let mut last = st.start;
    while maxsplit == 0 || n < maxsplit {
        st.reset();
        st.ptr = st.start;
        let ok = with_units!(subj, s => st.search(s, &p.code));
        if !ok {
            break;
        }
        out.push(subj.slice(vm, last, st.start)?);
        for g in 1..=p.groups {
            out.push(state_group(vm, &st, &subj, g, Some(Value::None))?);
        }
        n += 1;
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
        last = st.start;
    }
    out.push(subj.slice(vm, last, endpos)?);
    Ok(Value::list(out))
}

fn is_callable(vm: &mut Vm, v: &Value) -> bool {
    match v {
        Value::Func(_) | Value::Type(_) => true,
        Value::Obj(o) => matches!(&**o, Object::Builtin(_) | Object::Method { .. }),
        Value::Inst(_) => vm.type_of(v).lookup(&vm.t.s_call.clone()).is_some(),
        _ => false,
    }
}

/// `re.<name>` (the Python half of the module), for `_subx` and `_expand`.
pub fn re_func(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let m = crate::modules::load_module(vm, "re")?;
    crate::attr::getattr(vm, &m, &s(name))
}

fn subx(vm: &mut Vm, a: Vec<Value>, k: Kw, fname: &str, subn: bool) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let p = data(vm, &this, fname)?;
    let b = bind(vm, fname, &a[1.min(a.len())..], &k, &["repl", "string", "count"], 2, 0, 3)?;
    let repl = b[0].clone().unwrap_or(Value::None);
    let string = b[1].clone().unwrap_or(Value::None);
    let count = opt_index(vm, &b[2], 0)?;
    let (filter, callable) = if is_callable(vm, &repl) {
        (repl, true)
    } else {
        let literal = match Subject::of(vm, &repl) {
            Some(r) => with_units!(r, u => !u.iter().any(|&c| c as u32 == b'\\' as u32)),
            None => false,
        };
        if literal {
            (repl, false)
        } else {
            let f = re_func(vm, "_subx")?;
            let filter = vm.call(&f, vec![this.clone(), repl], Vec::new())?;
            let c = is_callable(vm, &filter);
            (filter, c)
        }
    };
    let (subj, pos, endpos) = prepare(vm, &p, &string, 0, i64::MAX)?;
    let mut st = State::new(p.groups, pos, endpos);
    let mut pieces: Vec<Value> = Vec::new();
    let mut n = 0i64;
    let mut i = 0usize;
    while count == 0 || n < count {
        st.ptr = st.start;
        let ok = with_units!(subj, s => st.search(s, &p.code));
        if !ok {
            break;
        }
        let (b, e) = (st.start, st.ptr);
        if i < b {
            pieces.push(subj.slice(vm, i, b)?);
        }
        if callable {
            let m = new_match(vm, &this, &p, &subj, &st, pos, endpos);
            let item = vm.call(&filter, vec![m], Vec::new())?;
            if !item.is_none() {
                pieces.push(item);
            }
        } else if !filter.is_none() {
            pieces.push(filter.clone());
        }
        i = e;
        n += 1;
        st.must_advance = st.ptr == st.start;
        st.start = st.ptr;
        st.reset();
    }
    if i < endpos {
        pieces.push(subj.slice(vm, i, endpos)?);
    }
    let joiner = subj.slice(vm, 0, 0)?;
    let result = if pieces.is_empty() {
        joiner
    } else if !subj.isbytes && pieces.iter().all(|x| matches!(x, Value::Str(_))) {
        let mut out = String::new();
        for x in &pieces {
            if let Value::Str(t) = x {
                out.push_str(t.as_str());
            }
        }
        Value::str(out)
    } else {
        let joiner = if subj.isbytes { Value::obj(Object::Bytes(Vec::new())) } else { joiner };
        match vm.call_method(&joiner, &s("join"), vec![Value::list(pieces)])? {
            Some(v) => v,
            None => Value::None,
        }
    };
    if subn {
        Ok(Value::tuple(vec![result, Value::Int(n)]))
    } else {
        Ok(result)
    }
}

fn p_sub(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    subx(vm, a, k, "sub", false)
}

fn p_subn(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    subx(vm, a, k, "subn", true)
}

fn p_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let p = data(vm, &this, "__repr__")?;
    let names: [(&str, i64); 9] = [
        ("re.TEMPLATE", FLAG_TEMPLATE),
        ("re.IGNORECASE", FLAG_IGNORECASE),
        ("re.LOCALE", FLAG_LOCALE),
        ("re.MULTILINE", FLAG_MULTILINE),
        ("re.DOTALL", FLAG_DOTALL),
        ("re.UNICODE", FLAG_UNICODE),
        ("re.VERBOSE", FLAG_VERBOSE),
        ("re.DEBUG", FLAG_DEBUG),
        ("re.ASCII", FLAG_ASCII),
    ];
    let mut flags = p.flags;
    // Omit re.UNICODE for valid string patterns.
    if p.isbytes == Some(false) && flags & (FLAG_LOCALE | FLAG_UNICODE | FLAG_ASCII) == FLAG_UNICODE {
        flags &= !FLAG_UNICODE;
    }
    let mut items: Vec<String> = Vec::new();
    for (n, v) in names {
        if flags & v != 0 {
            items.push(n.to_string());
            flags &= !v;
        }
    }
    if flags != 0 {
        items.push(format!("0x{flags:x}"));
    }
    let r = crate::ops::repr(vm, &p.pattern)?;
    let r: String = r.chars().take(200).collect();
    Ok(Value::str(if items.is_empty() {
        format!("re.compile({r})")
    } else {
        format!("re.compile({r}, {})", items.join("|"))
    }))
}

fn p_eq(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let other = a.get(1).cloned().unwrap_or(Value::None);
    let t = types(vm).pattern;
    if !vm.isinstance(&other, &t) {
        return Ok(Value::NotImplemented);
    }
    if this.is(&other) {
        return Ok(Value::Bool(true));
    }
    let x = data(vm, &this, "__eq__")?;
    let y = data(vm, &other, "__eq__")?;
    if x.flags != y.flags || x.isbytes != y.isbytes || x.code != y.code {
        return Ok(Value::Bool(false));
    }
    Ok(Value::Bool(crate::ops::eq(vm, &x.pattern, &y.pattern)?))
}

fn p_ne(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    match p_eq(vm, a, k)? {
        Value::Bool(b) => Ok(Value::Bool(!b)),
        other => Ok(other),
    }
}

fn p_hash(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let p = data(vm, &this, "__hash__")?;
    let mut h = crate::ops::hash(vm, &p.pattern)?;
    let mut x: u64 = 0xcbf29ce484222325;
    for c in &p.code {
        x ^= *c as u64;
        x = x.wrapping_mul(0x100000001b3);
    }
    h ^= (x >> 1) as i64;
    h ^= p.flags;
    h ^= p.isbytes.unwrap_or(false) as i64;
    h ^= p.code.len() as i64;
    if h == -1 {
        h = -2;
    }
    Ok(Value::Int(h))
}

fn p_copy(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(a.first().cloned().unwrap_or(Value::None))
}

fn p_new(vm: &mut Vm, _a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Err(vm.type_error("cannot create 're.Pattern' instances"))
}

fn g_pattern(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(data(vm, &a[0], "pattern")?.pattern.clone())
}

fn g_flags(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(data(vm, &a[0], "flags")?.flags))
}

fn g_groups(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Int(data(vm, &a[0], "groups")?.groups as i64))
}

fn g_groupindex(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let p = data(vm, &a[0], "groupindex")?;
    Ok(match &p.groupindex {
        Value::Dict(d) => Value::dict(d.borrow().clone()),
        _ => Value::dict(crate::dict::Dict::new()),
    })
}

/// Methods of `re.Pattern`.
pub const METHODS: &[(&str, NativeFn)] = &[
    ("match", p_match),
    ("fullmatch", p_fullmatch),
    ("search", p_search),
    ("findall", p_findall),
    ("finditer", p_finditer),
    ("scanner", p_scanner),
    ("split", p_split),
    ("sub", p_sub),
    ("subn", p_subn),
    ("__repr__", p_repr),
    ("__eq__", p_eq),
    ("__ne__", p_ne),
    ("__hash__", p_hash),
    ("__copy__", p_copy),
    ("__deepcopy__", p_copy),
    ("__new__", p_new),
];

/// Read-only attributes of `re.Pattern`.
pub fn properties() -> Vec<(&'static str, Value)> {
    vec![
        ("pattern", prop("pattern", g_pattern)),
        ("flags", prop("flags", g_flags)),
        ("groups", prop("groups", g_groups)),
        ("groupindex", prop("groupindex", g_groupindex)),
    ]
}

/// A scanner: successive matches over one subject.
pub struct ScannerData {
    pattern: Value,
    pat: Rc<PatternData>,
    subj: Rc<Subject>,
    /// Where the next attempt starts; None once exhausted.
    start: Option<usize>,
    must_advance: bool,
    pos: usize,
    endpos: usize,
}

fn scan(vm: &mut Vm, a: Vec<Value>, search: bool) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let (pattern, pat, subj, start, must_advance, pos, endpos) =
        with_data(vm, &this, if search { "search" } else { "match" }, |d: &mut ScannerData| {
            (d.pattern.clone(), d.pat.clone(), d.subj.clone(), d.start, d.must_advance, d.pos, d.endpos)
        })?;
    let Some(start) = start else { return Ok(Value::None) };
    let mut st = State::new(pat.groups, start, endpos);
    st.must_advance = must_advance;
    st.ptr = start;
    let ok = with_units!(subj, s => if search { st.search(s, &pat.code) } else { st.sre_match(s, &pat.code, 0, true) });
    let (next, adv) = if ok { (Some(st.ptr), st.ptr == st.start) } else { (None, false) };
    with_data(vm, &this, "search", |d: &mut ScannerData| {
        d.start = next;
        d.must_advance = adv;
    })?;
    if !ok {
        return Ok(Value::None);
    }
    Ok(new_match(vm, &pattern, &pat, &subj, &st, pos, endpos))
}

fn sc_match(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    scan(vm, a, false)
}

fn sc_search(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    scan(vm, a, true)
}

fn sc_pattern(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    with_data(vm, &a[0], "pattern", |d: &mut ScannerData| d.pattern.clone())
}

/// Methods of `_sre.SRE_Scanner`.
pub const SCANNER_METHODS: &[(&str, NativeFn)] = &[("match", sc_match), ("search", sc_search)];

/// Attributes of `_sre.SRE_Scanner`.
pub fn scanner_properties() -> Vec<(&'static str, Value)> {
    vec![("pattern", prop("pattern", sc_pattern))]
}
