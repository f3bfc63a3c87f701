//! Codegen unit tests on hand-built ASTs (independent of the parser).

use super::*;
use format::Opcode::*;

fn loc(line: u32, col: u32, end: u32) -> Loc {
    Loc { lineno: line, col_offset: col, end_lineno: line, end_col_offset: end }
}

fn name(id: &str, ctx: ExprContext, l: Loc) -> Expr {
    Expr { kind: ExprKind::Name { id: id.into(), ctx }, loc: l }
}

fn int(v: i64, l: Loc) -> Expr {
    Expr { kind: ExprKind::Constant { value: ConstValue::Int(v.into()), kind: None }, loc: l }
}

fn ops(code: &CodeObject) -> Vec<(Opcode, u32)> {
    code.instructions().into_iter().map(|(_, op, arg)| (Opcode::from_u8(op).unwrap(), arg)).collect()
}

#[test]
fn assignment_at_module_level() {
    // x = -1
    let value = Expr {
        kind: ExprKind::UnaryOp { op: UnaryOp::USub, operand: Box::new(int(1, loc(1, 5, 6))) },
        loc: loc(1, 4, 6),
    };
    let m = Module {
        body: vec![Stmt {
            kind: StmtKind::Assign {
                targets: vec![name("x", ExprContext::Store, loc(1, 0, 1))],
                value: Box::new(value),
                type_comment: None,
            },
            loc: loc(1, 0, 6),
        }],
    };
    let code = compile_module(&m, "t.py", "x = -1\n").unwrap();
    assert_eq!(ops(&code), vec![(LOAD_CONST, 0), (STORE_NAME, 0), (LOAD_CONST, 1), (RETURN_VALUE, 0)]);
    assert_eq!(code.consts, vec![Constant::Int(-1), Constant::None]);
    assert_eq!(code.names, vec!["x".to_string()]);
    assert_eq!(code.linetable[0].pos, Position { line: 1, end_line: 1, col: 4, end_col: 6 });
    assert_eq!(code.stacksize, 1);
}

#[test]
fn while_loop_with_break_and_local_function() {
    // def f(n):
    //     while n:
    //         break
    //     return n
    let body = vec![
        Stmt {
            kind: StmtKind::While {
                test: Box::new(name("n", ExprContext::Load, loc(2, 10, 11))),
                body: vec![Stmt { kind: StmtKind::Break, loc: loc(3, 8, 13) }],
                orelse: vec![],
            },
            loc: loc(2, 4, 13),
        },
        Stmt {
            kind: StmtKind::Return { value: Some(Box::new(name("n", ExprContext::Load, loc(4, 11, 12)))) },
            loc: loc(4, 4, 12),
        },
    ];
    let args = Arguments {
        args: vec![Arg { arg: "n".into(), annotation: None, type_comment: None, loc: loc(1, 6, 7) }],
        ..Default::default()
    };
    let m = Module {
        body: vec![Stmt {
            kind: StmtKind::FunctionDef {
                name: "f".into(),
                args: Box::new(args),
                body,
                decorator_list: vec![],
                returns: None,
                type_comment: None,
            },
            loc: Loc { lineno: 1, col_offset: 0, end_lineno: 4, end_col_offset: 12 },
        }],
    };
    let code = compile_module(&m, "t.py", "").unwrap();
    let Constant::Code(f) = &code.consts[0] else { panic!("function code expected") };
    assert_eq!(f.varnames, vec!["n".to_string()]);
    assert_eq!(f.argcount, 1);
    assert_eq!(f.flags, format::code::flags::OPTIMIZED | format::code::flags::NEWLOCALS);
    // The break's jump lands on the next instruction and is dropped.
    assert_eq!(ops(f), vec![(LOAD_FAST, 0), (POP_JUMP_IF_FALSE, 2), (LOAD_FAST, 0), (RETURN_VALUE, 0)]);
}

#[test]
fn errors_carry_positions() {
    let m = Module { body: vec![Stmt { kind: StmtKind::Break, loc: loc(1, 0, 5) }] };
    let e = compile_module(&m, "t.py", "break\n").unwrap_err();
    assert_eq!((e.msg.as_str(), e.lineno, e.offset, e.text.as_deref()), ("'break' outside loop", 1, 1, Some("break")));
}
