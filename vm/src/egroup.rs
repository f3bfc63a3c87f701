//! Exception groups: `BaseExceptionGroup` / `ExceptionGroup` construction and validation,
//! `message`, `exceptions`, `split`, `subgroup`, `derive`, and the two `except*` opcodes
//! (`CHECK_EG_MATCH`, `PREP_RERAISE_STAR`).

use std::rc::Rc;

use crate::object::Type;
use crate::value::{s, PyStr, Value};
use crate::vm::{native, Kw, PyResult, Vm};

/// The `BaseExceptionGroup` class.
pub fn beg_type(vm: &Vm) -> Rc<Type> {
    vm.t.all_exc
        .iter()
        .find(|t| t.name() == "BaseExceptionGroup")
        .cloned()
        .unwrap_or_else(|| vm.t.base_exception.clone())
}

/// The `ExceptionGroup` class.
pub fn eg_type(vm: &Vm) -> Rc<Type> {
    vm.t.all_exc.iter().find(|t| t.name() == "ExceptionGroup").cloned().unwrap_or_else(|| vm.t.exception.clone())
}

/// True when `v` is an exception group instance.
pub fn is_group(vm: &Vm, v: &Value) -> bool {
    matches!(v, Value::Inst(i) if i.exc.is_some()) && is_group_type(vm, &vm.type_of(v))
}

/// True when class `t` is `BaseExceptionGroup` or a subclass of it. Compares names along the
/// MRO first (no match for ordinary exceptions, so raising them never scans `all_exc`), and
/// confirms a name match by identity with the builtin class.
pub fn is_group_type(vm: &Vm, t: &Rc<Type>) -> bool {
    let is_beg = |m: &Type| m.name.borrow().as_str() == "BaseExceptionGroup";
    let named = is_beg(t) || t.mro.borrow().iter().any(|m| is_beg(m));
    named && t.is_subtype(&beg_type(vm))
}

/// The sub-exceptions of a group (from its args).
pub fn group_excs(vm: &mut Vm, v: &Value) -> Vec<Value> {
    let args = crate::exceptions::exc_args(v);
    match args.get(1) {
        Some(x) => crate::ops::to_vec(vm, x).unwrap_or_default(),
        None => Vec::new(),
    }
}

/// The message of a group.
pub fn group_message(v: &Value) -> Value {
    crate::exceptions::exc_args(v).first().cloned().unwrap_or_else(|| Value::str(""))
}

/// Validates `BaseExceptionGroup(message, exceptions)` for class `t`; returns the class to
/// instantiate (BaseExceptionGroup becomes ExceptionGroup when every member is an Exception).
pub fn check_new(vm: &mut Vm, t: &Rc<Type>, args: &[Value]) -> PyResult<Rc<Type>> {
    if args.len() != 2 {
        return Err(
            vm.type_error(format!("BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)", args.len()))
        );
    }
    if !matches!(args[0], Value::Str(_)) {
        let n = vm.type_name(&args[0]);
        return Err(vm.type_error(format!("argument 1 must be str, not {n}")));
    }
    let seq_ok = matches!(vm.payload(&args[1]), Value::List(_) | Value::Tuple(_));
    if !seq_ok {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let excs = crate::ops::to_vec(vm, &args[1])?;
    if excs.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut all_exc = true;
    for (i, e) in excs.iter().enumerate() {
        if !matches!(e, Value::Inst(x) if x.exc.is_some()) {
            return Err(vm.value_error(format!("Item {i} of second argument (exceptions) is not an exception")));
        }
        if !vm.type_of(e).is_subtype(&vm.t.exception) {
            all_exc = false;
        }
    }
    let beg = beg_type(vm);
    if Rc::ptr_eq(t, &beg) {
        if all_exc {
            return Ok(eg_type(vm));
        }
    } else if t.is_subtype(&vm.t.exception) && !all_exc {
        let eg = eg_type(vm);
        if Rc::ptr_eq(t, &eg) {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
        return Err(vm.type_error(format!("Cannot nest BaseExceptions in '{}'", t.name())));
    }
    Ok(t.clone())
}

/// What `split` matches against.
enum Cond {
    Types(Value),
    Pred(Value),
    Ids(Vec<i64>),
}

fn cond_of(vm: &mut Vm, v: &Value) -> PyResult<Cond> {
    let is_types = match v {
        Value::Type(t) => t.is_subtype(&vm.t.base_exception),
        Value::Tuple(items) => items.iter().all(|x| matches!(x, Value::Type(t) if t.is_subtype(&vm.t.base_exception))),
        _ => false,
    };
    if is_types {
        return Ok(Cond::Types(v.clone()));
    }
    let callable = match v {
        Value::Func(_) => true,
        Value::Obj(o) => matches!(&**o, crate::object::Object::Builtin(_) | crate::object::Object::Method { .. }),
        Value::Inst(_) => vm.type_of(v).lookup(&vm.t.s_call.clone()).is_some(),
        _ => false,
    };
    if callable {
        return Ok(Cond::Pred(v.clone()));
    }
    Err(vm.type_error("expected a function, exception type or tuple of exception types"))
}

fn cond_match(vm: &mut Vm, c: &Cond, e: &Value) -> PyResult<bool> {
    match c {
        Cond::Types(t) => crate::exceptions::exc_match(vm, e, t),
        Cond::Pred(f) => {
            let r = vm.call0(f, vec![e.clone()])?;
            crate::ops::truthy(vm, &r)
        }
        Cond::Ids(ids) => Ok(ids.contains(&e.id())),
    }
}

fn copy_metadata(vm: &mut Vm, from: &Value, to: &Value) {
    if let (Value::Inst(a), Value::Inst(b)) = (from, to) {
        if let (Some(da), Some(db)) = (&a.exc, &b.exc) {
            let da = da.borrow();
            let mut db = db.borrow_mut();
            db.traceback = da.traceback.clone();
            db.cause = da.cause.clone();
            db.context = da.context.clone();
            db.suppress_context = da.suppress_context;
        }
        let notes = a.dict.borrow().get_str(&PyStr::new("__notes__")).cloned();
        if let Some(n) = notes {
            b.dict.borrow_mut().set_str(s("__notes__"), n);
        }
    }
    let _ = vm;
}

fn derive(vm: &mut Vm, eg: &Value, excs: Vec<Value>) -> PyResult<Value> {
    let f = crate::attr::getattr(vm, eg, &s("derive"))?;
    let r = vm.call0(&f, vec![Value::list(excs)])?;
    copy_metadata(vm, eg, &r);
    Ok(r)
}

/// `eg.split(cond)` as (match, rest), each None when empty.
fn split(vm: &mut Vm, e: &Value, c: &Cond) -> PyResult<(Value, Value)> {
    if cond_match(vm, c, e)? {
        return Ok((e.clone(), Value::None));
    }
    if !is_group(vm, e) {
        return Ok((Value::None, e.clone()));
    }
    let (mut m, mut r) = (Vec::new(), Vec::new());
    for x in group_excs(vm, e) {
        let (a, b) = split(vm, &x, c)?;
        if !a.is_none() {
            m.push(a);
        }
        if !b.is_none() {
            r.push(b);
        }
    }
    let m = if m.is_empty() { Value::None } else { derive(vm, e, m)? };
    let r = if r.is_empty() { Value::None } else { derive(vm, e, r)? };
    Ok((m, r))
}

fn self_group(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    match a.first() {
        Some(v) if is_group(vm, v) => Ok(v.clone()),
        _ => Err(vm.type_error("descriptor requires a 'BaseExceptionGroup' object")),
    }
}

fn eg_split(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let eg = self_group(vm, &a)?;
    let c = cond_of(vm, a.get(1).unwrap_or(&Value::None))?;
    let (m, r) = split(vm, &eg, &c)?;
    Ok(Value::tuple(vec![m, r]))
}

fn eg_subgroup(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let eg = self_group(vm, &a)?;
    let c = cond_of(vm, a.get(1).unwrap_or(&Value::None))?;
    Ok(split(vm, &eg, &c)?.0)
}

fn eg_derive(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let eg = self_group(vm, &a)?;
    let msg = group_message(&eg);
    let beg = Value::Type(beg_type(vm));
    vm.call0(&beg, vec![msg, a.get(1).cloned().unwrap_or(Value::None)])
}

fn leaf_ids(vm: &mut Vm, e: &Value, out: &mut Vec<i64>) {
    if is_group(vm, e) {
        for x in group_excs(vm, e) {
            leaf_ids(vm, &x, out);
        }
    } else {
        out.push(e.id());
    }
}

/// CHECK_EG_MATCH: with `exc` and the except* type, returns (rest, match).
pub fn check_eg_match(vm: &mut Vm, exc: &Value, ty: &Value) -> PyResult<(Value, Value)> {
    let beg = beg_type(vm);
    let items: Vec<Value> = match ty {
        Value::Tuple(t) => (**t).clone(),
        other => vec![other.clone()],
    };
    for it in &items {
        match it {
            Value::Type(t) if t.is_subtype(&vm.t.base_exception) => {
                if t.is_subtype(&beg) {
                    return Err(
                        vm.type_error("catching ExceptionGroup with except* is not allowed. Use except instead.")
                    );
                }
            }
            _ => return Err(vm.type_error("catching classes that do not inherit from BaseException is not allowed")),
        }
    }
    if exc.is_none() {
        return Ok((Value::None, Value::None));
    }
    if crate::exceptions::exc_match(vm, exc, ty)? {
        if is_group(vm, exc) {
            return Ok((Value::None, exc.clone()));
        }
        let g = vm.call0(&Value::Type(beg), vec![Value::str(""), Value::tuple(vec![exc.clone()])])?;
        copy_metadata(vm, exc, &g);
        return Ok((Value::None, g));
    }
    if is_group(vm, exc) {
        let (m, r) = split(vm, exc, &Cond::Types(ty.clone()))?;
        return Ok((r, m));
    }
    Ok((exc.clone(), Value::None))
}

/// PREP_RERAISE_STAR: combines what the except* clauses raised with what is left of `orig`.
pub fn prep_reraise_star(vm: &mut Vm, orig: &Value, excs: &Value) -> PyResult<Value> {
    let excs = crate::ops::to_vec(vm, excs)?;
    if !is_group(vm, orig) {
        return Ok(excs.into_iter().find(|e| !e.is_none()).unwrap_or(Value::None));
    }
    let mut orig_leaves = Vec::new();
    leaf_ids(vm, orig, &mut orig_leaves);
    let (mut raised, mut reraised_ids) = (Vec::new(), Vec::new());
    for e in excs {
        if e.is_none() {
            continue;
        }
        let mut l = Vec::new();
        leaf_ids(vm, &e, &mut l);
        if !l.is_empty() && l.iter().all(|x| orig_leaves.contains(x)) {
            reraised_ids.extend(l);
        } else {
            raised.push(e);
        }
    }
    let reraised = if reraised_ids.is_empty() { Value::None } else { split(vm, orig, &Cond::Ids(reraised_ids))?.0 };
    if raised.is_empty() {
        return Ok(reraised);
    }
    if !reraised.is_none() {
        raised.push(reraised);
    }
    if raised.len() > 1 {
        let beg = Value::Type(beg_type(vm));
        return vm.call0(&beg, vec![Value::str(""), Value::list(raised)]);
    }
    Ok(raised.pop().unwrap_or(Value::None))
}

/// `str(eg)`: `message (N sub-exception[s])`.
pub fn group_str(vm: &mut Vm, e: &Value) -> PyResult<String> {
    let m = group_message(e);
    let m = crate::ops::to_str(vm, &m)?;
    let n = group_excs(vm, e).len();
    Ok(format!("{m} ({n} sub-exception{})", if n == 1 { "" } else { "s" }))
}

/// Installs the methods of BaseExceptionGroup.
pub fn init(vm: &mut Vm) {
    let t = beg_type(vm);
    let mut d = t.dict.borrow_mut();
    d.set_str(s("split"), native("split", eg_split));
    d.set_str(s("subgroup"), native("subgroup", eg_subgroup));
    d.set_str(s("derive"), native("derive", eg_derive));
}
