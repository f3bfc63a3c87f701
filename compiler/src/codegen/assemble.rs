//! The assembler: turns a unit's instruction list into a `CodeObject`.
//!
//! 1. Flow analysis from unit 0 (and along `SETUP_*` edges into handlers) computes the stack
//!    depth before every instruction (→ `co_stacksize` and each handler's depth); instructions
//!    never reached are dropped, like CPython's unreachable-block elimination.
//! 2. Pseudo-instructions are removed; jump targets are resolved to absolute code-unit offsets,
//!    iterating until the `EXTENDED_ARG` prefix counts are stable.
//! 3. Runs of instructions with the same handler become exception-table entries; runs with the
//!    same position become line-table entries.

use super::{CResult, Instr, Unit};
use format::code::{ExceptionEntry, LineEntry};
use format::opcode::stack_effect;
use format::{CodeObject, Opcode, Position};

fn ext_units(arg: u32) -> u32 {
    if arg > 0xff_ffff {
        3
    } else if arg > 0xffff {
        2
    } else if arg > 0xff {
        1
    } else {
        0
    }
}

/// Effect of a jump edge, from the opcode table (`SETUP_WITH`'s is +1 as in CPython: its
/// handler runs with the `__enter__` result popped, then lasti and the exception pushed).
fn jump_effect(op: Opcode, arg: u32) -> i32 {
    stack_effect(op, arg, true).unwrap_or(0)
}

/// Assembles `u` with code flags `flags`.
pub(crate) fn assemble(u: Unit<'_>, flags: u32, filename: &str) -> CResult<CodeObject> {
    let n = u.instrs.len();
    let label_at = |l: super::Label| u.labels[l.0].unwrap_or(n);
    // ---- stack depth -------------------------------------------------------------------
    let mut depth: Vec<Option<i32>> = vec![None; n + 1];
    let mut work: Vec<usize> = Vec::new();
    let mut maxdepth = 0i32;
    let mut conflict: Option<usize> = None;
    let mut push = |depth: &mut Vec<Option<i32>>, work: &mut Vec<usize>, i: usize, d: i32| {
        if i <= n {
            match depth[i] {
                None => {
                    depth[i] = Some(d);
                    work.push(i);
                }
                Some(old) if old != d || d < 0 => conflict = Some(i),
                _ => {}
            }
        }
    };
    if n > 0 {
        push(&mut depth, &mut work, 0, 0);
    }
    while let Some(i) = work.pop() {
        if i >= n {
            continue;
        }
        let d = depth[i].unwrap_or(0);
        let ins = &u.instrs[i];
        let op = ins.op;
        if let Some(t) = ins.target {
            let e = jump_effect(op, ins.arg);
            maxdepth = maxdepth.max(d + e);
            push(&mut depth, &mut work, label_at(t), d + e);
        }
        let e = stack_effect(op, ins.arg, false).unwrap_or(0);
        maxdepth = maxdepth.max(d + e).max(d);
        if !op.is_terminator() {
            push(&mut depth, &mut work, i + 1, d + e);
        }
    }
    if let Some(i) = conflict {
        let p = u.instrs.get(i).map_or(Position::default(), |x| x.pos);
        return Err(crate::error::SyntaxError::new(
            crate::error::ErrorKind::SyntaxError,
            format!("internal compiler error: inconsistent stack depth in {} at instruction {i}", u.qualname),
            p.line,
            0,
        ));
    }
    // ---- layout ----------------------------------------------------------------------------
    // Drop unreachable code, pseudo-ops and NOPs; thread jumps to unconditional jumps; drop
    // jumps to the next instruction (CPython's CFG optimizer does the same).
    let mut keep: Vec<bool> =
        (0..n).map(|i| depth[i].is_some() && !u.instrs[i].op.is_pseudo() && u.instrs[i].op != Opcode::NOP).collect();
    let mut next_kept = vec![n; n + 1];
    let recompute = |keep: &Vec<bool>, next_kept: &mut Vec<usize>| {
        next_kept[n] = n;
        for i in (0..n).rev() {
            next_kept[i] = if keep[i] { i } else { next_kept[i + 1] };
        }
    };
    recompute(&keep, &mut next_kept);
    let mut targets: Vec<Option<usize>> = u.instrs.iter().map(|ins| ins.target.map(label_at)).collect();
    for i in 0..n {
        // Only unconditional and pop-and-jump instructions are threaded (as CPython: FOR_ITER,
        // SEND and JUMP_IF_*_OR_POP keep their targets).
        if !keep[i]
            || !matches!(
                u.instrs[i].op,
                Opcode::JUMP
                    | Opcode::POP_JUMP_IF_FALSE
                    | Opcode::POP_JUMP_IF_TRUE
                    | Opcode::POP_JUMP_IF_NONE
                    | Opcode::POP_JUMP_IF_NOT_NONE
            )
        {
            continue;
        }
        let Some(mut t) = targets[i] else { continue };
        for _ in 0..16 {
            let j = next_kept[t.min(n)];
            if j < n && j != i && u.instrs[j].op == Opcode::JUMP {
                if let Some(t2) = targets[j] {
                    t = t2;
                    continue;
                }
            }
            break;
        }
        targets[i] = Some(t);
    }
    loop {
        let mut changed = false;
        for i in 0..n {
            if keep[i] && u.instrs[i].op == Opcode::JUMP {
                if let Some(t) = targets[i] {
                    if next_kept[t.min(n)] == next_kept[i + 1] {
                        keep[i] = false;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
        recompute(&keep, &mut next_kept);
    }
    let kept: Vec<usize> = (0..n).filter(|&i| keep[i]).collect();
    let mut sizes: Vec<u32> = kept.iter().map(|&i| 1 + ext_units(u.instrs[i].arg)).collect();
    let mut offsets: Vec<u32>;
    let mut index_of = vec![usize::MAX; n + 1];
    for (k, &i) in kept.iter().enumerate() {
        index_of[i] = k;
    }
    let mut total;
    let mut args: Vec<u32> = kept.iter().map(|&i| u.instrs[i].arg).collect();
    loop {
        offsets = Vec::with_capacity(kept.len() + 1);
        let mut off = 0;
        for s in &sizes {
            offsets.push(off);
            off += s;
        }
        offsets.push(off);
        total = off;
        let target_off = |t: usize| -> u32 {
            let i = next_kept[t.min(n)];
            if i >= n {
                total
            } else {
                offsets[index_of[i]]
            }
        };
        let mut changed = false;
        for (k, &i) in kept.iter().enumerate() {
            if let Some(t) = targets[i] {
                args[k] = target_off(t);
                let s = 1 + ext_units(args[k]);
                if s != sizes[k] {
                    sizes[k] = s;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut code = Vec::with_capacity(total as usize * 2);
    for (k, &i) in kept.iter().enumerate() {
        let a = args[k];
        let ext = ext_units(a);
        for j in (1..=ext).rev() {
            code.push(Opcode::EXTENDED_ARG as u8);
            code.push(((a >> (8 * j)) & 0xff) as u8);
        }
        code.push(u.instrs[i].op as u8);
        code.push((a & 0xff) as u8);
    }
    // ---- exception table -----------------------------------------------------------------
    let handler_entry = |h: usize| -> Option<(u32, u32, bool)> {
        let hd = &u.handlers[h];
        let mut d = depth[hd.setup]?;
        if u.instrs[hd.setup].op == Opcode::SETUP_WITH {
            d -= 1; // the handler also drops the result of __enter__
        }
        let ti = next_kept[label_at(hd.target).min(n)];
        let target = if ti >= n { return None } else { offsets[index_of[ti]] };
        Some((target, d as u32, hd.lasti))
    };
    let mut table: Vec<ExceptionEntry> = Vec::new();
    for (k, &i) in kept.iter().enumerate() {
        let ins: &Instr = &u.instrs[i];
        let Some(h) = ins.handler else { continue };
        let Some((target, d, lasti)) = handler_entry(h) else { continue };
        let (start, end) = (offsets[k], offsets[k + 1]);
        if let Some(last) = table.last_mut() {
            if last.end == start && last.target == target && last.depth == d && last.lasti == lasti {
                last.end = end;
                continue;
            }
        }
        table.push(ExceptionEntry { start, end, target, depth: d, lasti });
    }
    // ---- line table ------------------------------------------------------------------------
    let mut lines: Vec<LineEntry> = Vec::new();
    let mut prev_line = u.firstlineno;
    for (k, &i) in kept.iter().enumerate() {
        let mut pos: Position = u.instrs[i].pos;
        if pos.line == 0 {
            // artificial instructions keep the line of what precedes them (for tracebacks)
            pos = lines.last().map_or(Position { line: prev_line, end_line: prev_line, col: 0, end_col: 0 }, |e| e.pos);
        }
        prev_line = pos.line;
        if lines.last().map_or(true, |e| e.pos != pos) {
            lines.push(LineEntry { start: offsets[k], pos });
        }
    }
    Ok(CodeObject {
        argcount: u.argcount,
        posonlyargcount: u.posonlyargcount,
        kwonlyargcount: u.kwonlyargcount,
        stacksize: maxdepth.max(0) as u32,
        flags,
        code,
        consts: u.consts,
        names: u.names,
        varnames: u.varnames,
        cellvars: u.cellvars,
        freevars: u.freevars,
        filename: filename.to_string(),
        name: u.name,
        qualname: u.qualname,
        firstlineno: u.firstlineno,
        linetable: lines,
        exceptiontable: table,
    })
}
