//! Turns decoded `format::CodeObject`s into runnable `Code` (constants as values) after a cheap
//! structural check: opcodes known and not pseudo, operand indexes and jump targets in range.

use std::rc::Rc;

use format::code::flags as cf;
use format::{ArgKind, CodeObject, Constant, Opcode};
use num_bigint::BigInt;

use crate::object::{Code, Object};
use crate::value::{s, Value};
use crate::vm::Vm;

/// Verifies the instruction stream of one code object (not its nested code constants).
pub fn verify(co: &CodeObject) -> Result<(), String> {
    if co.code.len() % 2 != 0 {
        return Err(format!("{}: odd code length", co.name));
    }
    let n = co.code.len() / 2;
    if n == 0 {
        return Err(format!("{}: empty code", co.name));
    }
    let nargs = co.argcount as usize
        + co.kwonlyargcount as usize
        + (co.flags & cf::VARARGS != 0) as usize
        + (co.flags & cf::VARKEYWORDS != 0) as usize;
    if nargs > co.varnames.len() || co.posonlyargcount > co.argcount {
        return Err(format!("{}: argument counts exceed varnames", co.name));
    }
    let nderef = co.cellvars.len() + co.freevars.len();
    let mut ext: u32 = 0;
    let mut last_op = Opcode::NOP;
    for i in 0..n {
        let b = co.code[2 * i];
        let a = co.code[2 * i + 1] as u32;
        let op = Opcode::from_u8(b).ok_or_else(|| format!("{}: unknown opcode {b} at {i}", co.name))?;
        if op.is_vm_internal() {
            return Err(format!("{}: VM-internal opcode {} at {i}", co.name, op.name()));
        }
        if op.is_pseudo() {
            return Err(format!("{}: pseudo-instruction {} at {i}", co.name, op.name()));
        }
        let arg = (ext << 8) | a;
        if op == Opcode::EXTENDED_ARG {
            if ext > 0xffffff {
                return Err(format!("{}: too many EXTENDED_ARG prefixes", co.name));
            }
            ext = arg;
            continue;
        }
        ext = 0;
        last_op = op;
        let arg = arg as usize;
        let ok = match op.arg_kind() {
            ArgKind::Const => arg < co.consts.len(),
            ArgKind::Name => arg < co.names.len(),
            ArgKind::Local => arg < co.varnames.len(),
            ArgKind::Deref => arg < nderef,
            ArgKind::Jump => arg < n,
            ArgKind::BinaryOp => arg < 26,
            ArgKind::CompareOp => arg < 6,
            ArgKind::None | ArgKind::Count => true,
        };
        if !ok {
            return Err(format!("{}: operand {arg} of {} out of range at {i}", co.name, op.name()));
        }
        if op == Opcode::KW_NAMES {
            match &co.consts[arg] {
                Constant::Tuple(t) if t.iter().all(|c| matches!(c, Constant::Str(_))) => {}
                _ => return Err(format!("{}: KW_NAMES operand is not a tuple of str", co.name)),
            }
        }
    }
    if ext != 0 {
        return Err(format!("{}: EXTENDED_ARG at end of code", co.name));
    }
    if !last_op.is_terminator() {
        return Err(format!("{}: code does not end with a return, raise or jump", co.name));
    }
    for e in &co.exceptiontable {
        if e.start > e.end || e.end as usize > n || e.target as usize >= n || e.depth > co.stacksize.max(e.depth) {
            return Err(format!("{}: exception table entry out of range", co.name));
        }
    }
    Ok(())
}

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

/// Verifies and converts a code object (and its nested code objects).
pub fn load_code(vm: &mut Vm, co: CodeObject) -> Result<Rc<Code>, String> {
    load_code_depth(vm, co, 0)
}

fn load_code_depth(vm: &mut Vm, mut co: CodeObject, depth: usize) -> Result<Rc<Code>, String> {
    verify(&co)?;
    let consts_in = std::mem::take(&mut co.consts);
    let mut consts = Vec::with_capacity(consts_in.len());
    for c in consts_in.iter().cloned() {
        consts.push(constant(vm, c, depth)?);
    }
    co.consts = consts_in.into_iter().map(|c| match c {
        Constant::Code(_) => Constant::None,
        other => other,
    }).collect();
    let total_args = co.argcount as usize
        + co.kwonlyargcount as usize
        + (co.flags & cf::VARARGS != 0) as usize
        + (co.flags & cf::VARKEYWORDS != 0) as usize;
    let cell2arg = co
        .cellvars
        .iter()
        .map(|c| co.varnames[..total_args].iter().position(|v| v == c))
        .collect();
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
            insts.push(crate::object::Inst { op, len: (j - i + 1) as u8, arg });
            break;
        }
    }
    crate::interp::fuse_superinstructions(&mut insts);
    let gcache = (0..nunits).map(|_| std::cell::Cell::new((0, 0, 0))).collect();
    Ok(Rc::new(Code {
        gcache,
        insts,
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
