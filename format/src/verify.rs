//! The load-time bytecode verifier.
//!
//! `pvm` runs `.pyb` files it did not build, so every code object is checked before it runs:
//! the instruction stream decodes, every operand indexes its table, jumps and handlers land on
//! instruction boundaries, and a flow analysis proves the value-stack depth before every reachable
//! instruction is the same on all paths, never negative, at least what the instruction consumes
//! and never above `co_stacksize`. The invariants the interpreter may rely on afterwards are
//! listed in `format/VERIFIER.md`.
//!
//! The verifier never panics: all arithmetic on values read from the file is checked, and nested
//! constants are walked with an explicit work list (no recursion on input depth).

use crate::code::{flags, CodeObject, Constant, ExceptionEntry};
use crate::container::PybFile;
use crate::opcode::{stack_effect, stack_inputs, ArgKind, BinaryOpKind, CompareOpKind, Opcode};
use std::fmt;

/// Largest `co_stacksize` accepted.
pub const MAX_STACKSIZE: u32 = 1 << 20;
/// Most `EXTENDED_ARG` prefixes allowed before one instruction (3 give a full 32-bit argument).
pub const MAX_EXTENDED_ARGS: u32 = 3;
/// Every `co_flags` bit the verifier knows; any other bit is refused.
pub const KNOWN_FLAGS: u32 = flags::OPTIMIZED
    | flags::NEWLOCALS
    | flags::VARARGS
    | flags::VARKEYWORDS
    | flags::NESTED
    | flags::GENERATOR
    | flags::NOFREE
    | flags::COROUTINE
    | flags::ITERABLE_COROUTINE
    | flags::ASYNC_GENERATOR
    | flags::FUTURE_ANNOTATIONS;
/// Flags that make a code object resumable (it may contain `YIELD_VALUE` and `SEND`).
pub const RESUMABLE_FLAGS: u32 =
    flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR | flags::ITERABLE_COROUTINE;

/// Why a code object was refused. `Display` gives one line naming the module, the code object
/// (its qualname) and the offset (in code units) when the problem is at an instruction, e.g.
/// `module '__main__', code object 'f' at offset 12: jump target 999 out of range`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// The module the code object belongs to.
    pub module: String,
    /// The qualname of the offending code object (empty when the module could not be decoded).
    pub code: String,
    /// Code-unit offset of the offending instruction (of its first `EXTENDED_ARG` prefix), if any.
    pub offset: Option<u32>,
    /// What is wrong.
    pub message: String,
}

/// Renders a name from the file on one line: control characters escaped, long names cut.
fn one_line(s: &str) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n >= 200 {
            out.push_str("...");
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "module '{}'", one_line(&self.module))?;
        if !self.code.is_empty() {
            write!(f, ", code object '{}'", one_line(&self.code))?;
        }
        if let Some(o) = self.offset {
            write!(f, " at offset {o}")?;
        }
        write!(f, ": {}", one_line(&self.message))
    }
}

impl std::error::Error for VerifyError {}

/// Verifies `code` and every code object nested in its constants (inside tuples and frozensets
/// too). Errors name the module as `?`; use [`verify_module`] when the module is known.
pub fn verify_code(code: &CodeObject) -> Result<(), VerifyError> {
    verify_tree("?", code)
}

/// Verifies the top-level code object of module `name` and everything nested in it. On top of
/// [`verify_code`], a module body must take no arguments, have no free variables and not be a
/// generator or coroutine.
pub fn verify_module(name: &str, code: &CodeObject) -> Result<(), VerifyError> {
    let err =
        |m: String| VerifyError { module: name.to_string(), code: code.qualname.clone(), offset: None, message: m };
    if !code.freevars.is_empty() {
        return Err(err(format!("module code has {} free variables", code.freevars.len())));
    }
    if code.argcount != 0 || code.kwonlyargcount != 0 || code.posonlyargcount != 0 {
        return Err(err("module code takes arguments".into()));
    }
    let bad = code.flags & (RESUMABLE_FLAGS | flags::VARARGS | flags::VARKEYWORDS);
    if bad != 0 {
        return Err(err(format!("module code has function flags {bad:#x}")));
    }
    verify_tree(name, code)
}

/// Decodes module `index` of `f` and verifies it: what `pvm` calls when a module is first
/// imported. Decoding failures are reported as a `VerifyError` with an empty `code`.
pub fn load_verified(f: &PybFile, index: usize) -> Result<CodeObject, VerifyError> {
    let name = f.table.modules.get(index).map_or_else(|| format!("#{index}"), |m| m.name.clone());
    let code = f.load_module(index).map_err(|e| VerifyError {
        module: name.clone(),
        code: String::new(),
        offset: None,
        message: e.to_string(),
    })?;
    verify_module(&name, &code)?;
    Ok(code)
}

/// Decodes and verifies every module of `f` (for tools; `pvm` verifies lazily with
/// [`load_verified`]).
pub fn verify_file(f: &PybFile) -> Result<(), VerifyError> {
    for i in 0..f.table.modules.len() {
        load_verified(f, i)?;
    }
    Ok(())
}

/// Verifies `root` and all nested code objects, without recursion.
fn verify_tree(module: &str, root: &CodeObject) -> Result<(), VerifyError> {
    let mut codes: Vec<&CodeObject> = vec![root];
    let mut consts: Vec<&Constant> = Vec::new();
    while let Some(code) = codes.pop() {
        Verifier::new(module, code).run()?;
        consts.extend(code.consts.iter());
        while let Some(c) = consts.pop() {
            match c {
                Constant::Code(inner) => codes.push(inner),
                Constant::Tuple(items) | Constant::FrozenSet(items) => consts.extend(items.iter()),
                _ => {}
            }
        }
    }
    Ok(())
}

/// One decoded instruction.
#[derive(Clone, Copy, Debug)]
struct Ins {
    /// Code unit of the first `EXTENDED_ARG` prefix (or of the opcode when there is none).
    start: u32,
    op: Opcode,
    /// The full argument, prefixes folded in.
    arg: u32,
}

const NO_INS: u32 = u32::MAX;

struct Verifier<'a> {
    module: &'a str,
    code: &'a CodeObject,
    ins: Vec<Ins>,
    /// For every code unit, the index of the instruction starting there, or `NO_INS`.
    at: Vec<u32>,
    n_units: u32,
}

type R<T> = Result<T, VerifyError>;

impl<'a> Verifier<'a> {
    fn new(module: &'a str, code: &'a CodeObject) -> Self {
        Verifier { module, code, ins: Vec::new(), at: Vec::new(), n_units: 0 }
    }

    fn err(&self, offset: Option<u32>, message: impl Into<String>) -> VerifyError {
        VerifyError {
            module: self.module.to_string(),
            code: self.code.qualname.clone(),
            offset,
            message: message.into(),
        }
    }

    fn run(mut self) -> R<()> {
        self.check_header()?;
        self.decode()?;
        self.check_args()?;
        let handlers = self.check_exception_table()?;
        self.check_line_table()?;
        self.check_flow(&handlers)?;
        Ok(())
    }

    // ---- counts and flags ----------------------------------------------------------------

    fn check_header(&self) -> R<()> {
        let c = self.code;
        if c.stacksize > MAX_STACKSIZE {
            return Err(self.err(None, format!("stack size {} exceeds {MAX_STACKSIZE}", c.stacksize)));
        }
        let unknown = c.flags & !KNOWN_FLAGS;
        if unknown != 0 {
            return Err(self.err(None, format!("unknown code flags {unknown:#x}")));
        }
        if c.posonlyargcount > c.argcount {
            return Err(
                self.err(None, format!("posonlyargcount {} exceeds argcount {}", c.posonlyargcount, c.argcount))
            );
        }
        let params = c.argcount as u64
            + c.kwonlyargcount as u64
            + (c.flags & flags::VARARGS != 0) as u64
            + (c.flags & flags::VARKEYWORDS != 0) as u64;
        if params > c.varnames.len() as u64 {
            return Err(
                self.err(None, format!("{params} parameters but only {} local variable names", c.varnames.len()))
            );
        }
        let generatorish = (c.flags & flags::GENERATOR != 0) as u32
            + (c.flags & flags::COROUTINE != 0) as u32
            + (c.flags & flags::ASYNC_GENERATOR != 0) as u32;
        if generatorish > 1 {
            return Err(self.err(None, "at most one of GENERATOR, COROUTINE, ASYNC_GENERATOR may be set"));
        }
        Ok(())
    }

    // ---- instruction decoding --------------------------------------------------------------

    fn decode(&mut self) -> R<()> {
        let code = &self.code.code;
        if code.is_empty() {
            return Err(self.err(None, "empty code"));
        }
        if code.len() % 2 != 0 {
            return Err(self.err(None, format!("code length {} is odd", code.len())));
        }
        let n = code.len() / 2;
        self.n_units = u32::try_from(n).ok().filter(|&n| n < NO_INS).ok_or_else(|| self.err(None, "code too long"))?;
        self.at = vec![NO_INS; n];
        let mut ins = Vec::with_capacity(n);
        let mut ext: u32 = 0;
        let mut nprefix: u32 = 0;
        let mut start: u32 = 0;
        for (u, pair) in code.chunks_exact(2).enumerate() {
            let u = u as u32; // fits: n < u32::MAX
            let (byte, a) = (pair[0], pair[1] as u32);
            if nprefix == 0 {
                start = u;
            }
            if byte == Opcode::EXTENDED_ARG as u8 {
                nprefix += 1;
                if nprefix > MAX_EXTENDED_ARGS {
                    return Err(self.err(Some(start), format!("more than {MAX_EXTENDED_ARGS} EXTENDED_ARG prefixes")));
                }
                ext = (ext << 8) | a; // at most 24 bits before the shift: no overflow
                continue;
            }
            let op = Opcode::from_u8(byte).ok_or_else(|| self.err(Some(start), format!("unknown opcode {byte}")))?;
            if op.is_pseudo() {
                return Err(self.err(Some(start), format!("pseudo-instruction {} in code", op.name())));
            }
            if op.is_vm_internal() {
                return Err(self.err(Some(start), format!("VM-internal instruction {} in code", op.name())));
            }
            let idx = ins.len() as u32;
            self.at[start as usize] = idx;
            ins.push(Ins { start, op, arg: (ext << 8) | a });
            ext = 0;
            nprefix = 0;
        }
        if nprefix != 0 {
            return Err(self.err(Some(start), "code ends inside an instruction (after EXTENDED_ARG)"));
        }
        self.ins = ins;
        Ok(())
    }

    /// Index of the instruction starting at code unit `unit`, if `unit` is a boundary.
    fn boundary(&self, unit: u32) -> Option<usize> {
        match self.at.get(unit as usize) {
            Some(&i) if i != NO_INS => Some(i as usize),
            _ => None,
        }
    }

    fn check_target(&self, at: u32, what: &str, target: u32) -> R<usize> {
        if target >= self.n_units {
            return Err(self.err(Some(at), format!("{what} {target} out of range (code has {} units)", self.n_units)));
        }
        self.boundary(target)
            .ok_or_else(|| self.err(Some(at), format!("{what} {target} is not an instruction boundary")))
    }

    // ---- arguments ------------------------------------------------------------------------

    fn check_args(&self) -> R<()> {
        let c = self.code;
        let derefs = c.cellvars.len() as u64 + c.freevars.len() as u64;
        let mut targets = vec![false; self.ins.len()];
        for e in &c.exceptiontable {
            if let Some(i) = self.boundary(e.target) {
                targets[i] = true;
            }
        }
        for ins in &self.ins {
            if ins.op.has_jump() {
                if let Some(i) = self.boundary(ins.arg) {
                    targets[i] = true;
                }
            }
        }
        for (idx, ins) in self.ins.iter().enumerate() {
            let (op, a, at) = (ins.op, ins.arg, Some(ins.start));
            let name = op.name();
            let range = |len: u64, table: &str| -> R<()> {
                if a as u64 >= len {
                    Err(self.err(at, format!("{name} {a}: index out of range ({table} has {len})")))
                } else {
                    Ok(())
                }
            };
            match op.arg_kind() {
                ArgKind::None if a != 0 => return Err(self.err(at, format!("{name} takes no argument (got {a})"))),
                ArgKind::None => {}
                ArgKind::Const => range(c.consts.len() as u64, "co_consts")?,
                ArgKind::Name => range(c.names.len() as u64, "co_names")?,
                ArgKind::Local => range(c.varnames.len() as u64, "co_varnames")?,
                ArgKind::Deref => range(derefs, "cells and free variables")?,
                ArgKind::Jump => {
                    self.check_target(ins.start, "jump target", a)?;
                }
                ArgKind::Count => self.check_count(ins)?,
                ArgKind::BinaryOp => {
                    if BinaryOpKind::from_arg(a).is_none() {
                        return Err(self.err(at, format!("BINARY_OP: unknown operator {a}")));
                    }
                }
                ArgKind::CompareOp => {
                    if CompareOpKind::from_arg(a).is_none() {
                        return Err(self.err(at, format!("COMPARE_OP: unknown comparison {a}")));
                    }
                }
            }
            if stack_inputs(op, a).is_none() {
                return Err(self.err(at, format!("{name} {a}: invalid argument")));
            }
            match op {
                Opcode::KW_NAMES => {
                    let n = match c.consts.get(a as usize) {
                        Some(Constant::Tuple(items)) if items.iter().all(|x| matches!(x, Constant::Str(_))) => {
                            items.len()
                        }
                        _ => return Err(self.err(at, "KW_NAMES constant is not a tuple of str")),
                    };
                    match self.ins.get(idx + 1) {
                        Some(next) if next.op == Opcode::CALL => {
                            if (next.arg as usize) < n {
                                return Err(
                                    self.err(at, format!("KW_NAMES has {n} names but CALL has {} arguments", next.arg))
                                );
                            }
                            if targets[idx + 1] {
                                return Err(
                                    self.err(Some(next.start), "CALL after KW_NAMES is a jump or handler target")
                                );
                            }
                        }
                        _ => return Err(self.err(at, "KW_NAMES not followed by CALL")),
                    }
                }
                Opcode::MAKE_FUNCTION => {
                    let prev = idx.checked_sub(1).and_then(|p| self.ins.get(p));
                    let inner = match prev {
                        Some(p) if p.op == Opcode::LOAD_CONST => match c.consts.get(p.arg as usize) {
                            Some(Constant::Code(inner)) => Some(inner),
                            _ => None,
                        },
                        _ => None,
                    };
                    let Some(inner) = inner else {
                        return Err(self.err(at, "MAKE_FUNCTION not preceded by LOAD_CONST of a code object"));
                    };
                    if targets[idx] {
                        return Err(self.err(at, "MAKE_FUNCTION is a jump or handler target"));
                    }
                    let closure = a & crate::opcode::make_function::CLOSURE != 0;
                    if closure == inner.freevars.is_empty() {
                        return Err(self.err(
                            at,
                            format!(
                                "MAKE_FUNCTION closure flag does not match the {} free variables of '{}'",
                                inner.freevars.len(),
                                inner.qualname
                            ),
                        ));
                    }
                }
                Opcode::LOAD_CONST if matches!(c.consts.get(a as usize), Some(Constant::Code(_))) => {
                    if self.ins.get(idx + 1).map(|n| n.op) != Some(Opcode::MAKE_FUNCTION) {
                        return Err(self.err(at, "code object loaded but not passed to MAKE_FUNCTION"));
                    }
                }
                Opcode::YIELD_VALUE | Opcode::SEND if c.flags & RESUMABLE_FLAGS == 0 => {
                    return Err(self.err(at, format!("{name} in a code object that is not a generator or coroutine")));
                }
                Opcode::ASYNC_GEN_WRAP if c.flags & flags::ASYNC_GENERATOR == 0 => {
                    return Err(self.err(at, "ASYNC_GEN_WRAP outside an async generator"));
                }
                Opcode::LOAD_NAME
                | Opcode::STORE_NAME
                | Opcode::DELETE_NAME
                | Opcode::LOAD_CLASSDEREF
                | Opcode::IMPORT_STAR
                | Opcode::SETUP_ANNOTATIONS
                    if c.flags & flags::OPTIMIZED != 0 =>
                {
                    return Err(self.err(at, format!("{name} needs a locals mapping but the code is OPTIMIZED")));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Bounds of `ArgKind::Count` arguments, beyond what `stack_inputs` refuses.
    fn check_count(&self, ins: &Ins) -> R<()> {
        use Opcode::*;
        let (op, a) = (ins.op, ins.arg);
        let bad = |why: &str| Err(self.err(Some(ins.start), format!("{} {a}: {why}", op.name())));
        match op {
            COPY if a < 1 => bad("must be at least 1"),
            SWAP if a < 2 => bad("must be at least 2"),
            BUILD_SLICE if a != 2 && a != 3 => bad("must be 2 or 3"),
            RAISE_VARARGS if a > 2 => bad("must be 0, 1 or 2"),
            RERAISE if a > 3 => bad("must be at most 3"),
            MAKE_FUNCTION if a > 0xF => bad("unknown flags"),
            FORMAT_VALUE if a > 7 => bad("unknown flags"),
            IS_OP | CONTAINS_OP | CALL_FUNCTION_EX if a > 1 => bad("must be 0 or 1"),
            GET_AWAITABLE if a > 2 => bad("must be 0, 1 or 2"),
            UNPACK_EX if a > 0xFFFF => bad("more than 255 names on a side of the star"),
            LIST_APPEND | SET_ADD | MAP_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE if a < 1 => {
                bad("must be at least 1")
            }
            // Anything larger cannot fit on a stack of at most MAX_STACKSIZE items.
            _ if a > 2 * MAX_STACKSIZE => bad("count out of range"),
            _ => Ok(()),
        }
    }

    // ---- exception table ------------------------------------------------------------------

    /// Checks the table and returns, for every instruction, the index of the entry covering it.
    fn check_exception_table(&self) -> R<Vec<Option<usize>>> {
        let t = &self.code.exceptiontable;
        let mut prev_end = 0u32;
        for (k, e) in t.iter().enumerate() {
            let at = Some(e.start);
            let bad = |m: String| Err(self.err(at, format!("exception table entry {k}: {m}")));
            if e.start >= e.end {
                return bad(format!("empty range {}..{}", e.start, e.end));
            }
            if e.end > self.n_units {
                return bad(format!("end {} out of range (code has {} units)", e.end, self.n_units));
            }
            if k > 0 && e.start < prev_end {
                return bad(format!("starts at {} inside or before the previous entry (ends at {prev_end})", e.start));
            }
            if self.boundary(e.start).is_none() {
                return bad(format!("start {} is not an instruction boundary", e.start));
            }
            if e.end < self.n_units && self.boundary(e.end).is_none() {
                return bad(format!("end {} is not an instruction boundary", e.end));
            }
            if e.target >= self.n_units {
                return bad(format!("handler {} out of range (code has {} units)", e.target, self.n_units));
            }
            if self.boundary(e.target).is_none() {
                return bad(format!("handler {} is not an instruction boundary", e.target));
            }
            let entry = e.depth as u64 + e.lasti as u64 + 1;
            if entry > self.code.stacksize as u64 {
                return bad(format!("handler entry depth {entry} exceeds stack size {}", self.code.stacksize));
            }
            prev_end = e.end;
        }
        let mut cover = vec![None; self.ins.len()];
        for (i, ins) in self.ins.iter().enumerate() {
            let k = t.partition_point(|e| e.start <= ins.start);
            if k > 0 && ins.start < t[k - 1].end {
                cover[i] = Some(k - 1);
            }
        }
        Ok(cover)
    }

    // ---- line table -----------------------------------------------------------------------

    fn check_line_table(&self) -> R<()> {
        let lt = &self.code.linetable;
        for (k, e) in lt.iter().enumerate() {
            let bad = |m: String| Err(self.err(None, format!("line table entry {k}: {m}")));
            if k == 0 && e.start != 0 {
                return bad(format!("first entry starts at {}, not 0", e.start));
            }
            if k > 0 && e.start <= lt[k - 1].start {
                return bad(format!("start {} not after the previous entry's {}", e.start, lt[k - 1].start));
            }
            if e.start >= self.n_units {
                return bad(format!("start {} out of range (code has {} units)", e.start, self.n_units));
            }
            if e.pos.line != 0 && e.pos.end_line != 0 && e.pos.end_line < e.pos.line {
                return bad(format!("end line {} before line {}", e.pos.end_line, e.pos.line));
            }
        }
        Ok(())
    }

    // ---- stack depth ----------------------------------------------------------------------

    fn check_flow(&self, cover: &[Option<usize>]) -> R<()> {
        let stacksize = self.code.stacksize as i64;
        let mut depth: Vec<Option<u32>> = vec![None; self.ins.len()];
        let mut work: Vec<usize> = Vec::new();
        // Records depth `d` at instruction `to`, reached from instruction `from`.
        let reach =
            |depth: &mut Vec<Option<u32>>, work: &mut Vec<usize>, from: &Ins, to: usize, d: i64, how: &str| -> R<()> {
                if d < 0 {
                    return Err(self.err(Some(from.start), format!("stack underflow ({} {how})", from.op.name())));
                }
                if d > stacksize {
                    return Err(self.err(
                        Some(from.start),
                        format!("stack depth {d} exceeds stack size {stacksize} ({} {how})", from.op.name()),
                    ));
                }
                let d = d as u32;
                match depth[to] {
                    None => {
                        depth[to] = Some(d);
                        work.push(to);
                        Ok(())
                    }
                    Some(old) if old == d => Ok(()),
                    Some(old) => Err(self.err(
                        Some(self.ins[to].start),
                        format!(
                            "inconsistent stack depth: {old} on one path, {d} from {} at offset {} ({how})",
                            from.op.name(),
                            from.start
                        ),
                    )),
                }
            };
        if self.ins.is_empty() {
            return Err(self.err(None, "no instructions"));
        }
        depth[0] = Some(0);
        work.push(0);
        while let Some(i) = work.pop() {
            let ins = self.ins[i];
            let d = depth[i].unwrap_or(0);
            let (op, a) = (ins.op, ins.arg);
            let at = Some(ins.start);
            let need =
                stack_inputs(op, a).ok_or_else(|| self.err(at, format!("{} {a}: invalid argument", op.name())))?;
            if d < need {
                return Err(
                    self.err(at, format!("stack underflow: {} {a} needs {need} items, stack has {d}", op.name()))
                );
            }
            if op == Opcode::RETURN_VALUE && d != 1 {
                return Err(self.err(at, format!("RETURN_VALUE with {d} items on the stack (expected 1)")));
            }
            if let Some(k) = cover[i] {
                let e: &ExceptionEntry = &self.code.exceptiontable[k];
                if e.depth > d {
                    return Err(self.err(at, format!("exception handler depth {} exceeds stack depth {d}", e.depth)));
                }
                let low = d - need + kept_on_raise(op, a).min(need);
                if may_raise(op) && e.depth > low {
                    return Err(self.err(
                        at,
                        format!(
                            "exception handler depth {} exceeds the {low} items left if {} raises",
                            e.depth,
                            op.name()
                        ),
                    ));
                }
                let h = self.boundary(e.target).ok_or_else(|| self.err(at, "bad handler"))?;
                let hd = e.depth as i64 + e.lasti as i64 + 1;
                reach(&mut depth, &mut work, &ins, h, hd, "exception edge")?;
            }
            let eff = |jump: bool| -> R<i64> {
                stack_effect(op, a, jump)
                    .map(|e| e as i64)
                    .ok_or_else(|| self.err(at, format!("{} {a}: no stack effect", op.name())))
            };
            if op.has_jump() {
                let t = self.check_target(ins.start, "jump target", a)?;
                reach(&mut depth, &mut work, &ins, t, d as i64 + eff(true)?, "jump")?;
            }
            if !op.is_terminator() {
                if i + 1 >= self.ins.len() {
                    return Err(self.err(at, format!("execution falls off the end of the code after {}", op.name())));
                }
                reach(&mut depth, &mut work, &ins, i + 1, d as i64 + eff(false)?, "fallthrough")?;
            }
        }
        Ok(())
    }
}

/// False for the instructions that cannot raise, so their inputs may be popped below the
/// depth of the handler covering them.
fn may_raise(op: Opcode) -> bool {
    use Opcode::*;
    !matches!(
        op,
        NOP | POP_TOP
            | PUSH_NULL
            | COPY
            | SWAP
            | LOAD_CONST
            | STORE_FAST
            | LOAD_CLOSURE
            | KW_NAMES
            | JUMP
            | PUSH_EXC_INFO
            | POP_EXCEPT
            | POP_JUMP_IF_NONE
            | POP_JUMP_IF_NOT_NONE
            | RETURN_VALUE
    )
}

/// How many of its `stack_inputs` an instruction leaves on the stack when it raises (the items
/// it only reads, or keeps below what it pops), as in CPython 3.11. Anything not listed pops all
/// its inputs before it may raise. An instruction that raises leaves at least
/// `depth - stack_inputs + kept_on_raise` items, which the verifier proves is at least the
/// covering handler's depth.
pub fn kept_on_raise(op: Opcode, arg: u32) -> u32 {
    use Opcode::*;
    match op {
        // the container `arg` items down stays, with everything above it except what is popped
        LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE | MAP_ADD => arg,
        // the exception is popped, the lasti item and the rest stay
        RERAISE => arg,
        // [exit, lasti, prev_exc, exc] are only read
        WITH_EXCEPT_START => 4,
        // the subject and the keys tuple stay
        MATCH_KEYS => 2,
        // TOS is only read: the iterator, module, subject, exception...
        FOR_ITER
        | GET_ANEXT
        | IMPORT_FROM
        | GET_LEN
        | MATCH_MAPPING
        | MATCH_SEQUENCE
        | COPY_DICT_WITHOUT_KEYS
        | CHECK_EXC_MATCH
        | SEND
        | END_ASYNC_FOR => 1,
        _ => 0,
    }
}
