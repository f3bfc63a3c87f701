//! The disassembler (`pyc dis`), in the spirit of `python3 -m dis`: every code object,
//! recursively, with its metadata, then one line per instruction with its offset, source line,
//! opcode name, argument and what the argument means. Names and argument kinds come from the
//! opcode table (`opcode.rs`); there is no second table here.

use crate::code::{CodeObject, Constant};
use crate::opcode::{ArgKind, BinaryOpKind, CompareOpKind, Opcode};
use std::fmt::Write;

/// Renders a constant like Python's `repr` (approximately, for reading).
pub fn const_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(b) => bigint_repr(b),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex { re, im } => {
            if *re == 0.0 && re.is_sign_positive() {
                format!("{}j", float_repr(*im).trim_end_matches(".0"))
            } else {
                format!("({}{:+}j)", float_repr(*re), im)
            }
        }
        Constant::Str(s) => str_repr(s),
        Constant::Bytes(b) => {
            let mut out = String::from("b'");
            for &x in b {
                match x {
                    b'\'' => out.push_str("\\'"),
                    b'\\' => out.push_str("\\\\"),
                    b'\n' => out.push_str("\\n"),
                    b'\r' => out.push_str("\\r"),
                    b'\t' => out.push_str("\\t"),
                    0x20..=0x7e => out.push(x as char),
                    _ => {
                        let _ = write!(out, "\\x{x:02x}");
                    }
                }
            }
            out.push('\'');
            out
        }
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::FrozenSet(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            format!("frozenset({{{}}})", parts.join(", "))
        }
        Constant::Code(c) => format!("<code object {} at line {}>", c.name, c.firstlineno),
        Constant::Ellipsis => "Ellipsis".into(),
    }
}

fn float_repr(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.into()
    } else if f == f.trunc() && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

fn bigint_repr(le: &[u8]) -> String {
    // Two's complement little-endian → decimal, by repeated division of the magnitude.
    let neg = le.last().map_or(false, |&b| b & 0x80 != 0);
    let mut mag: Vec<u8> = le.to_vec();
    if neg {
        let mut carry = 1u16;
        for b in mag.iter_mut() {
            let v = (!*b) as u16 + carry;
            *b = v as u8;
            carry = v >> 8;
        }
    }
    let mut digits = Vec::new();
    let mut be: Vec<u8> = mag.into_iter().rev().collect();
    while be.iter().any(|&b| b != 0) {
        let mut rem = 0u32;
        for b in be.iter_mut() {
            let cur = (rem << 8) | *b as u32;
            *b = (cur / 10) as u8;
            rem = cur % 10;
        }
        digits.push(b'0' + rem as u8);
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
    if neg {
        digits.push(b'-');
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

const FLAG_NAMES: [(u32, &str); 11] = [
    (0x0001, "OPTIMIZED"),
    (0x0002, "NEWLOCALS"),
    (0x0004, "VARARGS"),
    (0x0008, "VARKEYWORDS"),
    (0x0010, "NESTED"),
    (0x0020, "GENERATOR"),
    (0x0040, "NOFREE"),
    (0x0080, "COROUTINE"),
    (0x0100, "ITERABLE_COROUTINE"),
    (0x0200, "ASYNC_GENERATOR"),
    (0x0100_0000, "FUTURE_ANNOTATIONS"),
];

/// The `co_flags` names, e.g. `OPTIMIZED, NEWLOCALS, NOFREE`.
pub fn flag_names(flags: u32) -> String {
    let v: Vec<&str> = FLAG_NAMES.iter().filter(|(b, _)| flags & b != 0).map(|(_, n)| *n).collect();
    v.join(", ")
}

/// What an argument means, for the disassembly's last column.
fn arg_meaning(code: &CodeObject, op: Opcode, arg: u32) -> String {
    let get = |v: &Vec<String>, i: u32| v.get(i as usize).cloned().unwrap_or_else(|| "<out of range>".into());
    match op.arg_kind() {
        ArgKind::None => String::new(),
        ArgKind::Const => code.consts.get(arg as usize).map_or("<out of range>".into(), const_repr),
        ArgKind::Name => get(&code.names, arg),
        ArgKind::Local => get(&code.varnames, arg),
        ArgKind::Deref => {
            let nc = code.cellvars.len() as u32;
            if arg < nc {
                get(&code.cellvars, arg)
            } else {
                get(&code.freevars, arg - nc)
            }
        }
        ArgKind::Jump => format!("to {arg}"),
        ArgKind::BinaryOp => BinaryOpKind::from_arg(arg).map_or("?".into(), |k| k.symbol()),
        ArgKind::CompareOp => CompareOpKind::from_arg(arg).map_or("?".into(), |k| k.symbol().to_string()),
        ArgKind::Count => match op {
            Opcode::IS_OP => if arg == 1 { "is not" } else { "is" }.into(),
            Opcode::CONTAINS_OP => if arg == 1 { "not in" } else { "in" }.into(),
            Opcode::FORMAT_VALUE => {
                let conv = ["", "str", "repr", "ascii"][(arg & 3) as usize];
                let spec = if arg & 4 != 0 { "with format" } else { "" };
                [conv, spec].iter().filter(|s| !s.is_empty()).cloned().collect::<Vec<_>>().join(", ")
            }
            Opcode::MAKE_FUNCTION => {
                let names = ["defaults", "kwdefaults", "annotations", "closure"];
                (0..4).filter(|b| arg & (1 << b) != 0).map(|b| names[b]).collect::<Vec<_>>().join(", ")
            }
            _ => String::new(),
        },
    }
}

/// Disassembles `code` and every code object among its constants (depth first).
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    dis_one(code, &mut out);
    out
}

fn dis_one(code: &CodeObject, out: &mut String) {
    let _ = writeln!(
        out,
        "Disassembly of <code object {} at line {}, file \"{}\">:",
        code.qualname, code.firstlineno, code.filename
    );
    let _ = writeln!(
        out,
        "  argcount {}  posonlyargcount {}  kwonlyargcount {}  stacksize {}  flags 0x{:04x} ({})",
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.stacksize,
        code.flags,
        flag_names(code.flags)
    );
    let list = |label: &str, v: &[String], out: &mut String| {
        if !v.is_empty() {
            let _ = writeln!(
                out,
                "  {label}: {}",
                v.iter().enumerate().map(|(i, n)| format!("{i}={n}")).collect::<Vec<_>>().join(" ")
            );
        }
    };
    let consts: Vec<String> = code.consts.iter().map(const_repr).collect();
    list("consts", &consts, out);
    list("names", &code.names, out);
    list("varnames", &code.varnames, out);
    list("cellvars", &code.cellvars, out);
    list("freevars", &code.freevars, out);
    let targets: std::collections::HashSet<u32> = code
        .instructions()
        .iter()
        .filter_map(|&(_, op, arg)| Opcode::from_u8(op).filter(|o| o.has_jump()).map(|_| arg))
        .chain(code.exceptiontable.iter().map(|e| e.target))
        .collect();
    let mut last_line = 0;
    for (off, opb, arg) in code.instructions() {
        let line = code.position(off).line;
        let line_col = if line != last_line && line != 0 {
            last_line = line;
            format!("{line:>4}")
        } else {
            "    ".to_string()
        };
        let mark = if targets.contains(&off) { ">>" } else { "  " };
        match Opcode::from_u8(opb) {
            Some(op) => {
                let meaning = arg_meaning(code, op, arg);
                let argtxt = if op.arg_kind() == ArgKind::None && arg == 0 { String::new() } else { arg.to_string() };
                let mut l = format!("{line_col} {mark}{:>6} {:<24} {:>5}", off, op.name(), argtxt);
                if !meaning.is_empty() {
                    let _ = write!(l, " ({meaning})");
                }
                let _ = writeln!(out, "{}", l.trim_end());
            }
            None => {
                let _ = writeln!(out, "{line_col} {mark}{off:>6} <{opb}> {arg:>5}");
            }
        }
    }
    if !code.exceptiontable.is_empty() {
        let _ = writeln!(out, "ExceptionTable:");
        for e in &code.exceptiontable {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                e.start,
                e.end,
                e.target,
                e.depth,
                if e.lasti { " lasti" } else { "" }
            );
        }
    }
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            out.push('\n');
            dis_one(inner, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::{ExceptionEntry, LineEntry, Position};

    fn sample() -> CodeObject {
        let inner = CodeObject {
            argcount: 1,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            stacksize: 2,
            flags: 0x3,
            // LOAD_FAST 0; LOAD_DEREF 0; BINARY_OP 0 (+); RETURN_VALUE
            code: vec![6, 0, 15, 0, 29, 0, 28, 0],
            consts: vec![Constant::None],
            names: vec![],
            varnames: vec!["x".into()],
            cellvars: vec![],
            freevars: vec!["y".into()],
            filename: "t.py".into(),
            name: "f".into(),
            qualname: "g.<locals>.f".into(),
            firstlineno: 2,
            linetable: vec![LineEntry { start: 0, pos: Position { line: 3, end_line: 3, col: 4, end_col: 9 } }],
            exceptiontable: vec![],
        };
        CodeObject {
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            stacksize: 1,
            flags: 0,
            // EXTENDED_ARG 1; LOAD_CONST 256 (out of range); JUMP 3; LOAD_CONST 1; RETURN_VALUE
            code: vec![97, 1, 5, 0, 58, 3, 5, 1, 28, 0],
            consts: vec![Constant::BigInt(vec![0, 0, 0, 0, 0, 0, 0, 0, 0x80]), Constant::Code(Box::new(inner))],
            names: vec![],
            varnames: vec![],
            cellvars: vec![],
            freevars: vec![],
            filename: "t.py".into(),
            name: "<module>".into(),
            qualname: "<module>".into(),
            firstlineno: 1,
            linetable: vec![LineEntry { start: 0, pos: Position { line: 1, end_line: 1, col: 0, end_col: 1 } }],
            exceptiontable: vec![ExceptionEntry { start: 0, end: 3, target: 3, depth: 0, lasti: true }],
        }
    }

    #[test]
    fn disassembly_names_arguments() {
        let text = disassemble(&sample());
        assert!(text.contains("Disassembly of <code object <module> at line 1, file \"t.py\">:"), "{text}");
        assert!(text.contains("LOAD_CONST                 256 (<out of range>)"), "{text}");
        assert!(text.contains(">>     3 LOAD_CONST                   1 (<code object f at line 2>)"), "{text}");
        assert!(text.contains("JUMP                         3 (to 3)"), "{text}");
        assert!(text.contains("0 to 3 -> 3 [0] lasti"), "{text}");
        assert!(text.contains("Disassembly of <code object g.<locals>.f at line 2"), "{text}");
        assert!(text.contains("LOAD_DEREF                   0 (y)"), "{text}");
        assert!(text.contains("BINARY_OP                    0 (+)"), "{text}");
        assert!(text.contains("flags 0x0003 (OPTIMIZED, NEWLOCALS)"), "{text}");
    }

    #[test]
    fn constant_reprs() {
        assert_eq!(const_repr(&Constant::BigInt(vec![0, 0, 0, 0, 0, 0, 0, 0, 0x80])), "-2361183241434822606848");
        assert_eq!(const_repr(&Constant::BigInt(vec![0, 0, 0, 0, 0, 0, 0, 0x80, 0])), "9223372036854775808");
        assert_eq!(const_repr(&Constant::Str("it's".into())), "\"it's\"");
        assert_eq!(const_repr(&Constant::Tuple(vec![Constant::Int(1)])), "(1,)");
        assert_eq!(const_repr(&Constant::Float(2.0)), "2.0");
        assert_eq!(const_repr(&Constant::Complex { re: 0.0, im: 3.0 }), "3j");
        assert_eq!(const_repr(&Constant::Bytes(b"a'\x00".to_vec())), "b'a\\'\\x00'");
    }
}
