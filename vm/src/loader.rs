//! Turns decoded `format::CodeObject`s into runnable `Code` (constants as values).
//!
//! Input must have passed `format::verify` (`modules` loads every module with
//! `verify::load_verified`): the interpreter relies on its guarantees (operands in range, jumps
//! to instruction boundaries, consistent stack depths). What the verifier leaves to run time
//! (value types, NULLs, closure lengths, unbound locals) is checked by the interpreter.
//! Conversion itself never panics, even on unverified input.

use std::rc::Rc;

use format::code::flags as cf;
use format::{CodeObject, Constant, Opcode};
use num_bigint::BigInt;

use crate::object::{Code, Object};
use crate::value::{s, Value};
use crate::vm::Vm;

fn constant(vm: &mut Vm, c: Constant, depth: usize) -> Result<Value, String> {
    if depth > 200 {
        return Err("constants nested too deeply".into());
    }
    Ok(match c {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(b),
        Constant::Int(i) => Value::Int(i),
        Constant::BigInt(bytes) => Value::from_bigint(BigInt::from_signed_bytes_le(&bytes)),
        Constant::Float(f) => Value::Float(f),
        Constant::Complex { re, im } => Value::obj(Object::Complex(re, im)),
        Constant::Str(st) => Value::Str(s(&st)),
        Constant::Bytes(b) => Value::obj(Object::Bytes(b)),
        Constant::Tuple(items) => {
            let mut v = Vec::with_capacity(items.len());
            for it in items {
                v.push(constant(vm, it, depth + 1)?);
            }
            Value::tuple(v)
        }
        Constant::FrozenSet(items) => {
            let mut v = Vec::with_capacity(items.len());
            for it in items {
                v.push(constant(vm, it, depth + 1)?);
            }
            crate::types::set::new_set(vm, v, true).map_err(|_| "unhashable frozenset constant".to_string())?
        }
        Constant::Code(co) => Value::obj(Object::Code(load_code_depth(vm, *co, depth + 1)?)),
        Constant::Ellipsis => Value::Ellipsis,
    })
}

/// Converts a verified code object (and its nested code objects).
pub fn load_code(vm: &mut Vm, co: CodeObject) -> Result<Rc<Code>, String> {
    load_code_depth(vm, co, 0)
}

fn load_code_depth(vm: &mut Vm, mut co: CodeObject, depth: usize) -> Result<Rc<Code>, String> {
    let consts_in = std::mem::take(&mut co.consts);
    let mut consts = Vec::with_capacity(consts_in.len());
    for c in consts_in.iter().cloned() {
        consts.push(constant(vm, c, depth)?);
    }
    co.consts = consts_in
        .into_iter()
        .map(|c| match c {
            Constant::Code(_) => Constant::None,
            other => other,
        })
        .collect();
    let total_args = co.argcount as usize
        + co.kwonlyargcount as usize
        + (co.flags & cf::VARARGS != 0) as usize
        + (co.flags & cf::VARKEYWORDS != 0) as usize;
    let cell2arg =
        co.cellvars.iter().map(|c| co.varnames.get(..total_args).unwrap_or(&[]).iter().position(|v| v == c)).collect();
    let names = co.names.iter().map(|n| s(n)).collect();
    let varnames = co.varnames.iter().map(|n| s(n)).collect();
    let raw = &co.code;
    let nunits = raw.len() / 2;
    let mut insts = Vec::with_capacity(nunits);
    for i in 0..nunits {
        let mut j = i;
        let mut arg: u32 = 0;
        loop {
            let op = raw[2 * j];
            arg = (arg << 8) | raw[2 * j + 1] as u32;
            if op == Opcode::EXTENDED_ARG as u8 && j + 1 < nunits {
                j += 1;
                continue;
            }
            let op = Opcode::from_u8(op).ok_or_else(|| "unknown opcode".to_string())?;
            insts.push(crate::object::Inst { op, len: (j - i + 1) as u8, cache: crate::object::NO_CACHE, arg });
            break;
        }
    }
    crate::interp::fuse_superinstructions(&mut insts);
    // Inline caches for the instructions the adaptive interpreter specializes.
    let mut ncache = 0usize;
    for ins in insts.iter_mut() {
        if ncache < crate::object::NO_CACHE as usize
            && matches!(ins.op, Opcode::LOAD_ATTR | Opcode::LOAD_METHOD | Opcode::STORE_ATTR | Opcode::CALL)
        {
            ins.cache = ncache as u16;
            ncache += 1;
        }
    }
    let gcache = (0..nunits).map(|_| std::cell::Cell::new((0, 0, 0))).collect();
    Ok(Rc::new(Code {
        gcache,
        insts,
        icache: Box::new(std::cell::OnceCell::new()),
        ncache,
        nlocals: co.varnames.len(),
        ncells: co.cellvars.len(),
        nfree: co.freevars.len(),
        cell2arg,
        name: s(&co.name),
        qualname: s(&co.qualname),
        flags: co.flags,
        total_args,
        consts,
        names,
        varnames,
        co,
    }))
}
