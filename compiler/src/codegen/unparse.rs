//! Expression unparsing for `from __future__ import annotations` (PEP 563): annotations are
//! stored as the string CPython 3.11's `Python/ast_unparse.c` would produce. The common
//! expression forms are rendered with the same precedence rules; rarer ones fall back to the
//! exact source text of the node.

use crate::ast::*;
use crate::ast_dump::{py_bytes_repr, py_const_str_repr, py_float_repr};

// Precedence levels of ast_unparse.c.
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_BOR: u8 = 6;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// The annotation string of `e` (`ast.unparse` as done by the PEP 563 compiler).
pub(crate) fn unparse(e: &Expr, source: &str) -> String {
    let mut out = String::new();
    Unparser { source }.expr(e, PR_TEST, &mut out);
    out
}

struct Unparser<'s> {
    source: &'s str,
}

fn binop(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => ("+", PR_ARITH),
        Operator::Sub => ("-", PR_ARITH),
        Operator::Mult => ("*", PR_TERM),
        Operator::MatMult => ("@", PR_TERM),
        Operator::Div => ("/", PR_TERM),
        Operator::Mod => ("%", PR_TERM),
        Operator::FloorDiv => ("//", PR_TERM),
        Operator::Pow => ("**", PR_POWER),
        Operator::LShift => ("<<", PR_SHIFT),
        Operator::RShift => (">>", PR_SHIFT),
        Operator::BitOr => ("|", PR_BOR),
        Operator::BitXor => ("^", PR_BXOR),
        Operator::BitAnd => ("&", PR_BAND),
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

impl<'s> Unparser<'s> {
    /// The source text of `loc` (UTF-8 byte columns), used for forms not rendered here.
    fn source_of(&self, loc: Loc) -> String {
        let lines: Vec<&str> = self.source.lines().collect();
        let (l0, l1) = (loc.lineno as usize, loc.end_lineno as usize);
        if l0 == 0 || l1 < l0 || l1 > lines.len() {
            return String::new();
        }
        if l0 == l1 {
            let line = lines[l0 - 1];
            return line.get(loc.col_offset as usize..loc.end_col_offset as usize).unwrap_or("").to_string();
        }
        let mut s = lines[l0 - 1].get(loc.col_offset as usize..).unwrap_or("").to_string();
        for l in &lines[l0..l1 - 1] {
            s.push('\n');
            s.push_str(l);
        }
        s.push('\n');
        s.push_str(lines[l1 - 1].get(..loc.end_col_offset as usize).unwrap_or(""));
        s
    }

    fn seq(&self, items: &[Expr], out: &mut String) {
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.expr(x, PR_TEST, out);
        }
    }

    fn expr(&self, e: &Expr, level: u8, out: &mut String) {
        let paren = |own: u8, out: &mut String, f: &dyn Fn(&mut String)| {
            if level > own {
                out.push('(');
                f(out);
                out.push(')');
            } else {
                f(out);
            }
        };
        match &e.kind {
            ExprKind::Name { id, .. } => out.push_str(id),
            ExprKind::Constant { value, .. } => match value {
                ConstValue::None => out.push_str("None"),
                ConstValue::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
                ConstValue::Ellipsis => out.push_str("..."),
                ConstValue::Int(i) => out.push_str(&i.to_string()),
                ConstValue::Float(f) => out.push_str(&py_float_repr(*f, false)),
                ConstValue::Complex(f) => out.push_str(&format!("{}j", py_float_repr(*f, true))),
                ConstValue::Str(s) => out.push_str(&py_const_str_repr(s)),
                ConstValue::Bytes(b) => out.push_str(&py_bytes_repr(b)),
            },
            ExprKind::Attribute { value, attr, .. } => {
                // An int literal needs a space (or parens) before the dot: `1 .real`.
                let is_int = matches!(&value.kind, ExprKind::Constant { value: ConstValue::Int(_), .. });
                self.expr(value, PR_ATOM, out);
                if is_int {
                    out.push(' ');
                }
                out.push('.');
                out.push_str(attr);
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value, PR_ATOM, out);
                out.push('[');
                match &slice.kind {
                    ExprKind::Tuple { elts, .. } if !elts.is_empty() => {
                        for (i, x) in elts.iter().enumerate() {
                            if i > 0 {
                                out.push_str(", ");
                            }
                            self.expr(x, PR_TEST, out);
                        }
                        if elts.len() == 1 {
                            out.push(',');
                        }
                    }
                    _ => self.expr(slice, PR_TUPLE, out),
                }
                out.push(']');
            }
            ExprKind::Slice { lower, upper, step } => {
                if let Some(x) = lower {
                    self.expr(x, PR_TEST, out);
                }
                out.push(':');
                if let Some(x) = upper {
                    self.expr(x, PR_TEST, out);
                }
                if let Some(x) = step {
                    out.push(':');
                    self.expr(x, PR_TEST, out);
                }
            }
            ExprKind::Tuple { elts, .. } => {
                if elts.is_empty() {
                    out.push_str("()");
                } else {
                    paren(PR_TUPLE, out, &|o: &mut String| {
                        self.seq(elts, o);
                        if elts.len() == 1 {
                            o.push(',');
                        }
                    });
                }
            }
            ExprKind::List { elts, .. } => {
                out.push('[');
                self.seq(elts, out);
                out.push(']');
            }
            ExprKind::Set { elts } => {
                out.push('{');
                self.seq(elts, out);
                out.push('}');
            }
            ExprKind::Dict { keys, values } => {
                out.push('{');
                for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match k {
                        Some(k) => {
                            self.expr(k, PR_TEST, out);
                            out.push_str(": ");
                            self.expr(v, PR_TEST, out);
                        }
                        None => {
                            out.push_str("**");
                            self.expr(v, PR_BOR, out);
                        }
                    }
                }
                out.push('}');
            }
            ExprKind::BinOp { left, op, right } => {
                let (sym, pr) = binop(*op);
                let right_assoc = *op == Operator::Pow;
                paren(pr, out, &|o: &mut String| {
                    self.expr(left, if right_assoc { pr + 1 } else { pr }, o);
                    o.push(' ');
                    o.push_str(sym);
                    o.push(' ');
                    self.expr(right, if right_assoc { pr } else { pr + 1 }, o);
                });
            }
            ExprKind::UnaryOp { op, operand } => {
                let (sym, pr) = match op {
                    UnaryOp::Not => ("not ", PR_NOT),
                    UnaryOp::Invert => ("~", PR_FACTOR),
                    UnaryOp::UAdd => ("+", PR_FACTOR),
                    UnaryOp::USub => ("-", PR_FACTOR),
                };
                paren(pr, out, &|o: &mut String| {
                    o.push_str(sym);
                    self.expr(operand, pr, o);
                });
            }
            ExprKind::BoolOp { op, values } => {
                let (sym, pr) = if *op == BoolOp::And { (" and ", PR_AND) } else { (" or ", PR_OR) };
                paren(pr, out, &|o: &mut String| {
                    for (i, v) in values.iter().enumerate() {
                        if i > 0 {
                            o.push_str(sym);
                        }
                        self.expr(v, pr + 1, o);
                    }
                });
            }
            ExprKind::Compare { left, ops, comparators } => {
                paren(PR_CMP, out, &|o: &mut String| {
                    self.expr(left, PR_CMP + 1, o);
                    for (op, c) in ops.iter().zip(comparators) {
                        o.push(' ');
                        o.push_str(cmpop(*op));
                        o.push(' ');
                        self.expr(c, PR_CMP + 1, o);
                    }
                });
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func, PR_ATOM, out);
                out.push('(');
                let mut first = true;
                for a in args {
                    if !first {
                        out.push_str(", ");
                    }
                    first = false;
                    self.expr(a, PR_TEST, out);
                }
                for k in keywords {
                    if !first {
                        out.push_str(", ");
                    }
                    first = false;
                    match &k.arg {
                        Some(n) => {
                            out.push_str(n);
                            out.push('=');
                        }
                        None => out.push_str("**"),
                    }
                    self.expr(&k.value, PR_TEST, out);
                }
                out.push(')');
            }
            ExprKind::Starred { value, .. } => {
                out.push('*');
                self.expr(value, PR_BOR, out);
            }
            ExprKind::IfExp { test, body, orelse } => {
                paren(PR_TEST, out, &|o: &mut String| {
                    self.expr(body, PR_TEST + 1, o);
                    o.push_str(" if ");
                    self.expr(test, PR_TEST + 1, o);
                    o.push_str(" else ");
                    self.expr(orelse, PR_TEST, o);
                });
            }
            ExprKind::Await { value } => {
                paren(PR_AWAIT, out, &|o: &mut String| {
                    o.push_str("await ");
                    self.expr(value, PR_ATOM, o);
                });
            }
            _ => {
                let s = self.source_of(e.loc);
                if matches!(e.kind, ExprKind::Lambda { .. } | ExprKind::NamedExpr { .. }) && level > PR_TEST {
                    out.push('(');
                    out.push_str(&s);
                    out.push(')');
                } else {
                    out.push_str(&s);
                }
            }
        }
    }
}
