//! Structural pattern matching support opcodes.

use format::Opcode;

use crate::object::{Kind, Object};
use crate::value::{s, Value};
use crate::vm::{PyResult, Vm};

fn pop(vm: &mut Vm) -> Value {
    vm.stack.pop().unwrap_or(Value::None)
}

fn top(vm: &Vm) -> Value {
    vm.stack.last().cloned().unwrap_or(Value::None)
}

fn is_sequence(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::List(_) | Value::Tuple(_) => true,
        Value::Obj(o) => matches!(&**o, Object::Range { .. }),
        Value::Inst(_) => matches!(vm.type_of(v).kind, Kind::List | Kind::Tuple),
        _ => false,
    }
}

fn is_mapping(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Dict(_) => true,
        Value::Inst(_) => vm.type_of(v).kind == Kind::Dict,
        _ => false,
    }
}

/// Executes one of the matching opcodes.
pub fn exec(vm: &mut Vm, op: Opcode, arg: usize) -> PyResult<()> {
    match op {
        Opcode::GET_LEN => {
            let v = top(vm);
            let n = crate::builtins::len(vm, &v)?;
            vm.stack.push(Value::Int(n));
        }
        Opcode::MATCH_MAPPING => {
            let v = top(vm);
            let r = is_mapping(vm, &v);
            vm.stack.push(Value::Bool(r));
        }
        Opcode::MATCH_SEQUENCE => {
            let v = top(vm);
            let r = is_sequence(vm, &v);
            vm.stack.push(Value::Bool(r));
        }
        Opcode::MATCH_KEYS => {
            let keys = top(vm);
            let l = vm.stack.len();
            let subject = if l >= 2 { vm.stack[l - 2].clone() } else { Value::None };
            let keys = crate::ops::to_vec(vm, &keys)?;
            let mut vals = Vec::with_capacity(keys.len());
            let get = s("get");
            let getm = crate::attr::getattr(vm, &subject, &get)?;
            let sentinel = Value::obj(Object::Cell(std::cell::RefCell::new(Value::None)));
            let mut ok = true;
            for k in keys {
                let v = vm.call0(&getm, vec![k, sentinel.clone()])?;
                if v.is(&sentinel) {
                    ok = false;
                    break;
                }
                vals.push(v);
            }
            vm.stack.push(if ok { Value::tuple(vals) } else { Value::None });
        }
        Opcode::COPY_DICT_WITHOUT_KEYS => {
            let keys = pop(vm);
            let subject = top(vm);
            let d = crate::object::new_dict();
            for (k, v) in crate::types::dict::mapping_items(vm, &subject)? {
                crate::types::dict::dict_set(vm, &d, k, v)?;
            }
            for k in crate::ops::to_vec(vm, &keys)? {
                crate::types::dict::dict_del(vm, &d, &k)?;
            }
            vm.stack.push(Value::Dict(d));
        }
        Opcode::MATCH_CLASS => {
            let kwnames = pop(vm);
            let cls = pop(vm);
            let subject = pop(vm);
            let Value::Type(t) = &cls else {
                return Err(vm.type_error("called match pattern must be a class"));
            };
            if !vm.type_of(&subject).is_subtype(t) {
                vm.stack.push(Value::None);
                return Ok(());
            }
            let mut out = Vec::new();
            let mut seen: Vec<String> = Vec::new();
            let kwlist = crate::ops::to_vec(vm, &kwnames)?;
            if arg > 0 {
                let ma = vm.t.s_match_args.clone();
                let match_args = t.lookup(&ma);
                match match_args {
                    Some(m) => {
                        if !matches!(m, Value::Tuple(_)) {
                            let tn = vm.type_name(&m);
                            return Err(
                                vm.type_error(format!("{}.__match_args__ must be a tuple (got {tn})", t.name()))
                            );
                        }
                        let names = crate::ops::to_vec(vm, &m)?;
                        if arg > names.len() {
                            return Err(vm.type_error(format!(
                                "{}() accepts {} positional sub-pattern{} ({arg} given)",
                                t.name(),
                                names.len(),
                                if names.len() == 1 { "" } else { "s" }
                            )));
                        }
                        for n in names.iter().take(arg) {
                            let Value::Str(ns) = n else {
                                let tn = vm.type_name(n);
                                return Err(
                                    vm.type_error(format!("__match_args__ elements must be strings (got {tn})"))
                                );
                            };
                            if seen.iter().any(|x| x == ns.as_str())
                                || kwlist.iter().any(|k| matches!(k, Value::Str(k) if k.as_str() == ns.as_str()))
                            {
                                return Err(vm.type_error(format!(
                                    "{}() got multiple sub-patterns for attribute '{}'",
                                    t.name(),
                                    ns.as_str()
                                )));
                            }
                            seen.push(ns.as_str().to_string());
                            match crate::attr::getattr_opt(vm, &subject, ns)? {
                                Some(v) => out.push(v),
                                None => {
                                    vm.stack.push(Value::None);
                                    return Ok(());
                                }
                            }
                        }
                    }
                    None => {
                        let self_match =
                            t.builtin && !matches!(t.kind, Kind::Object | Kind::Other | Kind::Exception | Kind::Type);
                        if self_match && arg == 1 {
                            out.push(subject.clone());
                        } else {
                            return Err(vm.type_error(format!(
                                "{}() accepts {} positional sub-pattern{} ({arg} given)",
                                t.name(),
                                if self_match { 1 } else { 0 },
                                if self_match { "" } else { "s" }
                            )));
                        }
                    }
                }
            }
            for n in crate::ops::to_vec(vm, &kwnames)? {
                let Value::Str(ns) = &n else { continue };
                match crate::attr::getattr_opt(vm, &subject, ns)? {
                    Some(v) => out.push(v),
                    None => {
                        vm.stack.push(Value::None);
                        return Ok(());
                    }
                }
            }
            vm.stack.push(Value::tuple(out));
        }
        Opcode::CHECK_EG_MATCH => {
            let ty = pop(vm);
            let exc = pop(vm);
            let (rest, m) = crate::egroup::check_eg_match(vm, &exc, &ty)?;
            if !m.is_none() {
                vm.handled_exc = m.clone();
            }
            vm.stack.push(rest);
            vm.stack.push(m);
        }
        Opcode::PREP_RERAISE_STAR => {
            let list = pop(vm);
            let orig = pop(vm);
            let r = crate::egroup::prep_reraise_star(vm, &orig, &list)?;
            vm.stack.push(r);
        }
        _ => {
            let t = vm.t.not_implemented_error.clone();
            return Err(vm.new_exc(&t, "unsupported matching opcode"));
        }
    }
    Ok(())
}
