//! Tests of the load-time bytecode verifier: valid hand-built code passes, each rule refuses a
//! crafted violation with a precise one-line message, and no mutation of an encoded code object
//! makes decoding or verification panic.

use format::code::{flags, CodeObject, Constant, ExceptionEntry, LineEntry, Position};
use format::container::{decode_code, encode_code, write_pyb, ModuleInput, PybFile};
use format::opcode::Opcode::{self, *};
use format::verify::{verify_code, verify_file, verify_module, VerifyError};

/// Assembles `(op, arg)` pairs into code units, adding `EXTENDED_ARG` prefixes as needed. Jump
/// arguments are given as code-unit offsets directly.
fn asm(ins: &[(Opcode, u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    for &(op, a) in ins {
        for shift in [24, 16, 8] {
            if a >> shift != 0 {
                out.push(EXTENDED_ARG as u8);
                out.push((a >> shift) as u8);
            }
        }
        out.push(op as u8);
        out.push(a as u8);
    }
    out
}

fn code(name: &str, ins: &[(Opcode, u32)]) -> CodeObject {
    CodeObject {
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        stacksize: 8,
        flags: 0,
        code: asm(ins),
        consts: vec![Constant::None, Constant::Int(1)],
        names: vec!["x".into(), "y".into()],
        varnames: vec![],
        cellvars: vec![],
        freevars: vec![],
        filename: "t.py".into(),
        name: name.into(),
        qualname: name.into(),
        firstlineno: 1,
        linetable: vec![LineEntry { start: 0, pos: Position { line: 1, end_line: 1, col: 0, end_col: 1 } }],
        exceptiontable: vec![],
    }
}

fn func(name: &str, ins: &[(Opcode, u32)]) -> CodeObject {
    let mut c = code(name, ins);
    c.flags = flags::OPTIMIZED | flags::NEWLOCALS | flags::NOFREE;
    c.varnames = vec!["a".into(), "b".into()];
    c.argcount = 1;
    c
}

/// Wraps a function code object in a module that makes a function of it.
fn in_module(f: &CodeObject) -> CodeObject {
    let mut m = if f.freevars.is_empty() {
        code("<module>", &with_ret(&[(LOAD_CONST, 2), (MAKE_FUNCTION, 0), (POP_TOP, 0)]))
    } else {
        code("<module>", &with_ret(&[(BUILD_TUPLE, 0), (LOAD_CONST, 2), (MAKE_FUNCTION, 8), (POP_TOP, 0)]))
    };
    m.consts.push(Constant::Code(Box::new(f.clone())));
    m
}

fn refused(c: &CodeObject) -> VerifyError {
    let m;
    let c = if c.flags & flags::OPTIMIZED != 0 {
        m = in_module(c);
        &m
    } else {
        c
    };
    match verify_module("__main__", c) {
        Ok(()) => panic!("accepted:\n{c:?}"),
        Err(e) => e,
    }
}

/// Asserts `c` is refused with a message containing `needle`, and returns the full line.
fn refuse(c: &CodeObject, needle: &str) -> String {
    let e = refused(c);
    let s = e.to_string();
    assert!(s.contains(needle), "expected {needle:?} in {s:?}");
    assert!(!s.contains('\n'), "{s:?}");
    s
}

const RET_NONE: [(Opcode, u32); 2] = [(LOAD_CONST, 0), (RETURN_VALUE, 0)];

fn with_ret(ins: &[(Opcode, u32)]) -> Vec<(Opcode, u32)> {
    let mut v = ins.to_vec();
    v.extend_from_slice(&RET_NONE);
    v
}

/// `try: x  except: pass`, as CPython 3.11 compiles it.
fn try_except() -> CodeObject {
    let mut c = code(
        "<module>",
        &[
            (NOP, 0),
            (LOAD_NAME, 0), // 1  try body
            (POP_TOP, 0),   // 2
            (LOAD_CONST, 0),
            (RETURN_VALUE, 0),
            (PUSH_EXC_INFO, 0), // 5  handler, depth 1
            (POP_TOP, 0),       // 6
            (POP_EXCEPT, 0),    // 7
            (LOAD_CONST, 0),
            (RETURN_VALUE, 0),
            (COPY, 3), // 10 cleanup: [prev_exc, lasti, exc]
            (POP_EXCEPT, 0),
            (RERAISE, 1),
        ],
    );
    c.stacksize = 4;
    c.exceptiontable = vec![
        ExceptionEntry { start: 1, end: 3, target: 5, depth: 0, lasti: false },
        ExceptionEntry { start: 5, end: 7, target: 10, depth: 1, lasti: true },
    ];
    c
}

/// `for x in y: pass`.
fn for_loop() -> CodeObject {
    code(
        "<module>",
        &[
            (LOAD_NAME, 1),
            (GET_ITER, 0),
            (FOR_ITER, 5), // 2
            (STORE_NAME, 0),
            (JUMP, 2),
            (LOAD_CONST, 0), // 5
            (RETURN_VALUE, 0),
        ],
    )
}

/// A module defining `def f(a, b=1): return g(a, k=b)` and a generator.
fn module_with_functions() -> CodeObject {
    let mut f = func(
        "f",
        &[
            (LOAD_GLOBAL, 0),
            (PUSH_NULL, 0),
            (SWAP, 2),
            (LOAD_FAST, 0),
            (LOAD_FAST, 1),
            (KW_NAMES, 2),
            (CALL, 2),
            (RETURN_VALUE, 0),
        ],
    );
    f.argcount = 2;
    f.consts.push(Constant::Tuple(vec![Constant::Str("k".into())]));
    let mut g = func("g", &[(LOAD_FAST, 0), (YIELD_VALUE, 0), (POP_TOP, 0), (LOAD_CONST, 0), (RETURN_VALUE, 0)]);
    g.flags |= flags::GENERATOR;
    let mut m = code(
        "<module>",
        &[
            (LOAD_CONST, 2),
            (LOAD_CONST, 3),
            (MAKE_FUNCTION, 1),
            (STORE_NAME, 0),
            (LOAD_CONST, 4),
            (MAKE_FUNCTION, 0),
            (STORE_NAME, 1),
            (LOAD_CONST, 0),
            (RETURN_VALUE, 0),
        ],
    );
    m.consts.push(Constant::Tuple(vec![Constant::Int(1)]));
    m.consts.push(Constant::Code(Box::new(f)));
    m.consts.push(Constant::Code(Box::new(g)));
    m
}

/// A jump whose target needs an `EXTENDED_ARG` prefix, and a target that has one.
fn long_jumps() -> CodeObject {
    let mut v = vec![(LOAD_NAME, 0), (POP_JUMP_IF_FALSE, 0x300)]; // units 0, 1-2
    v.extend(std::iter::repeat((NOP, 0)).take(0x300 - 3)); // units 3..=0x2ff
    v.push((JUMP, 0x303)); // EXTENDED_ARG at 0x300, JUMP at 0x301
    v.push((NOP, 0)); // 0x302
    v.extend_from_slice(&RET_NONE); // 0x303
    code("<module>", &v)
}

#[test]
fn valid_code_passes() {
    for c in [code("<module>", &RET_NONE), try_except(), for_loop(), module_with_functions(), long_jumps()] {
        verify_module("__main__", &c).unwrap_or_else(|e| panic!("{e}"));
        verify_code(&c).unwrap();
    }
}

#[test]
fn display_is_one_line_naming_module_code_and_offset() {
    let c = code("f", &[(JUMP, 99)]);
    assert_eq!(
        refused(&c).to_string(),
        "module '__main__', code object 'f' at offset 0: jump target 99 out of range (code has 1 units)"
    );
    let mut c = code("evil\nname", &RET_NONE);
    c.stacksize = u32::MAX;
    assert_eq!(
        refused(&c).to_string(),
        "module '__main__', code object 'evil\\nname': stack size 4294967295 exceeds 1048576"
    );
}

// ---- decoding ------------------------------------------------------------------------------

#[test]
fn refuses_bad_encoding() {
    let mut c = code("<module>", &RET_NONE);
    c.code.clear();
    refuse(&c, "empty code");
    c.code = vec![5, 0, 28];
    refuse(&c, "code length 3 is odd");
    c.code = vec![5, 0, 200, 0];
    refuse(&c, "at offset 1: unknown opcode 200");
    c.code = asm(&[(LOAD_CONST, 0), (Opcode::SETUP_FINALLY, 0), (RETURN_VALUE, 0)]);
    refuse(&c, "at offset 1: pseudo-instruction SETUP_FINALLY in code");
    c.code = asm(&[(Opcode::LOAD_FAST__LOAD_FAST, 0), (RETURN_VALUE, 0)]);
    refuse(&c, "at offset 0: VM-internal instruction LOAD_FAST__LOAD_FAST in code");
    c.code = vec![97, 0, 97, 0, 97, 0, 97, 0, 5, 0, 28, 0];
    refuse(&c, "at offset 0: more than 3 EXTENDED_ARG prefixes");
    c.code = vec![5, 0, 28, 0, 97, 1];
    refuse(&c, "at offset 2: code ends inside an instruction");
    // three prefixes are fine
    c.code = vec![97, 0, 97, 0, 97, 0, 5, 0, 28, 0];
    verify_code(&c).unwrap();
}

#[test]
fn refuses_falling_off_the_end() {
    let c = code("<module>", &[(LOAD_CONST, 0), (POP_TOP, 0)]);
    refuse(&c, "at offset 1: execution falls off the end of the code after POP_TOP");
    // unreachable trailing code after a terminator is fine
    let c = code("<module>", &[(LOAD_CONST, 0), (RETURN_VALUE, 0), (NOP, 0)]);
    verify_code(&c).unwrap();
    // a conditional jump at the end falls off on the not-taken path
    let c = code("<module>", &[(LOAD_CONST, 0), (POP_JUMP_IF_FALSE, 0)]);
    refuse(&c, "falls off the end");
}

// ---- arguments -----------------------------------------------------------------------------

#[test]
fn refuses_out_of_range_operands() {
    // CPython segfaults on this one.
    let c = func("f", &with_ret(&[(LOAD_FAST, 250), (POP_TOP, 0)]));
    assert_eq!(
        refused(&c).to_string(),
        "module '__main__', code object 'f' at offset 0: LOAD_FAST 250: index out of range (co_varnames has 2)"
    );
    refuse(
        &code("m", &with_ret(&[(LOAD_CONST, 2), (POP_TOP, 0)])),
        "LOAD_CONST 2: index out of range (co_consts has 2)",
    );
    refuse(
        &code("m", &with_ret(&[(LOAD_NAME, 70000), (POP_TOP, 0)])),
        "at offset 0: LOAD_NAME 70000: index out of range (co_names has 2)",
    );
    refuse(
        &code("m", &with_ret(&[(LOAD_DEREF, 0), (POP_TOP, 0)])),
        "LOAD_DEREF 0: index out of range (cells and free variables has 0)",
    );
    let mut c = func("f", &with_ret(&[(LOAD_DEREF, 1), (POP_TOP, 0)]));
    c.cellvars = vec!["c".into()];
    c.freevars = vec!["d".into()];
    c.flags &= !flags::NOFREE;
    verify_module("m", &in_module(&c)).unwrap();
    let mut c = func("f", &with_ret(&[(LOAD_DEREF, 2), (POP_TOP, 0)]));
    c.cellvars = vec!["c".into()];
    c.freevars = vec!["d".into()];
    refuse(&c, "LOAD_DEREF 2: index out of range");
    refuse(&code("m", &[(LOAD_CONST, 0), (RETURN_VALUE, 3)]), "RETURN_VALUE takes no argument (got 3)");
    refuse(
        &code("m", &with_ret(&[(LOAD_CONST, 0), (LOAD_CONST, 0), (BINARY_OP, 26), (POP_TOP, 0)])),
        "BINARY_OP: unknown operator 26",
    );
    refuse(
        &code("m", &with_ret(&[(LOAD_CONST, 0), (LOAD_CONST, 0), (COMPARE_OP, 6), (POP_TOP, 0)])),
        "COMPARE_OP: unknown comparison 6",
    );
}

#[test]
fn refuses_bad_counts() {
    let cases: &[(Opcode, u32, &str)] = &[
        (COPY, 0, "COPY 0: must be at least 1"),
        (SWAP, 1, "SWAP 1: must be at least 2"),
        (BUILD_SLICE, 4, "BUILD_SLICE 4: must be 2 or 3"),
        (RAISE_VARARGS, 3, "RAISE_VARARGS 3: must be 0, 1 or 2"),
        (RERAISE, 4, "RERAISE 4: must be at most 3"),
        (MAKE_FUNCTION, 0x10, "MAKE_FUNCTION 16: unknown flags"),
        (FORMAT_VALUE, 8, "FORMAT_VALUE 8: unknown flags"),
        (IS_OP, 2, "IS_OP 2: must be 0 or 1"),
        (CONTAINS_OP, 2, "CONTAINS_OP 2: must be 0 or 1"),
        (CALL_FUNCTION_EX, 2, "CALL_FUNCTION_EX 2: must be 0 or 1"),
        (GET_AWAITABLE, 3, "GET_AWAITABLE 3: must be 0, 1 or 2"),
        (UNPACK_EX, 0x10000, "UNPACK_EX 65536"),
        (LIST_APPEND, 0, "LIST_APPEND 0: must be at least 1"),
        (MAP_ADD, 0, "MAP_ADD 0: must be at least 1"),
        (CALL, u32::MAX, "CALL 4294967295: count out of range"),
        (BUILD_MAP, 0x7fff_ffff, "count out of range"),
        (UNPACK_SEQUENCE, 0x8000_0000, "count out of range"),
    ];
    for &(op, a, msg) in cases {
        let c = code("m", &with_ret(&[(op, a)]));
        refuse(&c, msg);
    }
}

#[test]
fn refuses_bad_kw_names() {
    let mut c = code(
        "m",
        &with_ret(&[(PUSH_NULL, 0), (LOAD_NAME, 0), (LOAD_CONST, 1), (KW_NAMES, 2), (CALL, 1), (POP_TOP, 0)]),
    );
    c.consts.push(Constant::Tuple(vec![Constant::Str("k".into())]));
    verify_code(&c).unwrap();
    c.consts[2] = Constant::Tuple(vec![Constant::Int(1)]);
    refuse(&c, "at offset 3: KW_NAMES constant is not a tuple of str");
    c.consts[2] = Constant::Tuple(vec![Constant::Str("k".into()), Constant::Str("j".into())]);
    refuse(&c, "KW_NAMES has 2 names but CALL has 1 arguments");
    let mut c = code("m", &with_ret(&[(KW_NAMES, 2), (NOP, 0)]));
    c.consts.push(Constant::Tuple(vec![]));
    refuse(&c, "KW_NAMES not followed by CALL");
}

#[test]
fn refuses_bad_make_function() {
    let inner = func("g", &RET_NONE);
    let mut c = code("m", &with_ret(&[(LOAD_CONST, 2), (MAKE_FUNCTION, 0), (POP_TOP, 0)]));
    c.consts.push(Constant::Code(Box::new(inner.clone())));
    verify_code(&c).unwrap();
    let mut bad = c.clone();
    bad.code = asm(&with_ret(&[(LOAD_CONST, 1), (MAKE_FUNCTION, 0), (POP_TOP, 0)]));
    refuse(&bad, "at offset 1: MAKE_FUNCTION not preceded by LOAD_CONST of a code object");
    let mut bad = c.clone();
    bad.code = asm(&with_ret(&[(LOAD_CONST, 0), (LOAD_CONST, 2), (MAKE_FUNCTION, 8), (POP_TOP, 0)]));
    refuse(&bad, "MAKE_FUNCTION closure flag does not match the 0 free variables of 'g'");
    let mut bad = c.clone();
    let mut closed = inner;
    closed.freevars = vec!["v".into()];
    bad.consts[2] = Constant::Code(Box::new(closed));
    refuse(&bad, "closure flag does not match the 1 free variables");
    let mut bad = c.clone();
    bad.code = asm(&[(LOAD_CONST, 2), (RETURN_VALUE, 0)]);
    refuse(&bad, "at offset 0: code object loaded but not passed to MAKE_FUNCTION");
    // a jump straight onto MAKE_FUNCTION could bring anything on the stack
    let mut bad = c.clone();
    bad.code = asm(&[
        (LOAD_NAME, 0),
        (POP_JUMP_IF_FALSE, 4),
        (LOAD_CONST, 1),
        (JUMP, 5),
        (LOAD_CONST, 2),
        (MAKE_FUNCTION, 0), // 5
        (POP_TOP, 0),
        (LOAD_CONST, 0),
        (RETURN_VALUE, 0),
    ]);
    refuse(&bad, "at offset 5: MAKE_FUNCTION is a jump or handler target");
}

#[test]
fn refuses_misplaced_instructions() {
    let c = func("f", &[(LOAD_CONST, 0), (YIELD_VALUE, 0), (RETURN_VALUE, 0)]);
    refuse(&c, "at offset 1: YIELD_VALUE in a code object that is not a generator or coroutine");
    let mut c = func("f", &[(LOAD_CONST, 0), (ASYNC_GEN_WRAP, 0), (RETURN_VALUE, 0)]);
    c.flags |= flags::COROUTINE;
    refuse(&c, "ASYNC_GEN_WRAP outside an async generator");
    let c = func("f", &with_ret(&[(LOAD_NAME, 0), (POP_TOP, 0)]));
    refuse(&c, "LOAD_NAME needs a locals mapping but the code is OPTIMIZED");
}

// ---- jumps ---------------------------------------------------------------------------------

#[test]
fn refuses_jump_into_an_extended_arg_instruction() {
    let mut c = long_jumps();
    verify_code(&c).unwrap();
    // The JUMP at 0x300 has its EXTENDED_ARG at 0x300 and the opcode at 0x301.
    assert_eq!(&c.code[2..6], &[EXTENDED_ARG as u8, 3, POP_JUMP_IF_FALSE as u8, 0]);
    c.code[5] = 0x01; // POP_JUMP_IF_FALSE 0x301
    let s = refuse(&c, "jump target 769 is not an instruction boundary");
    assert!(s.contains("at offset 1:"), "{s}");
    // a jump to the second of two prefixes
    let mut c = code("m", &[(NOP, 0), (LOAD_CONST, 0), (RETURN_VALUE, 0)]);
    c.code = vec![58, 2, 97, 0, 97, 0, 5, 0, 28, 0];
    verify_code(&c).unwrap_err();
    c.code = vec![58, 3, 97, 0, 97, 0, 5, 0, 28, 0];
    refuse(&c, "jump target 3 is not an instruction boundary");
    c.code = vec![58, 1, 97, 0, 97, 0, 5, 0, 28, 0];
    verify_code(&c).unwrap();
}

// ---- stack depth ---------------------------------------------------------------------------

#[test]
fn refuses_stack_underflow_on_one_path() {
    // if x: y  -- but the jump path arrives with nothing and pops anyway
    let c = code(
        "m",
        &[
            (LOAD_NAME, 0),
            (POP_JUMP_IF_FALSE, 4),
            (LOAD_CONST, 0),
            (RETURN_VALUE, 0),
            (POP_TOP, 0), // 4: only the jump path gets here, with an empty stack
            (LOAD_CONST, 0),
            (RETURN_VALUE, 0),
        ],
    );
    refuse(&c, "at offset 4: stack underflow: POP_TOP 0 needs 1 items, stack has 0");
    refuse(&code("m", &with_ret(&[(LOAD_CONST, 0), (CALL, 0)])), "stack underflow: CALL 0 needs 2 items, stack has 1");
    refuse(&code("m", &with_ret(&[(LOAD_CONST, 0), (COPY, 2)])), "COPY 2 needs 2 items");
    refuse(&code("m", &with_ret(&[(LOAD_CONST, 0), (LOAD_CONST, 0), (LIST_APPEND, 2)])), "LIST_APPEND 2 needs 3 items");
    refuse(&code("m", &[(RETURN_VALUE, 0)]), "RETURN_VALUE 0 needs 1 items, stack has 0");
}

#[test]
fn refuses_inconsistent_depth_at_merge() {
    let c = code(
        "m",
        &[
            (LOAD_NAME, 0),
            (POP_JUMP_IF_FALSE, 3),
            (LOAD_NAME, 1), // fallthrough arrives at 3 with depth 1, the jump with 0
            (LOAD_CONST, 0),
            (RETURN_VALUE, 0),
        ],
    );
    refuse(&c, "at offset 3: inconsistent stack depth");
    // a loop that grows the stack each iteration
    let c = code("m", &[(LOAD_CONST, 0), (JUMP, 0)]);
    refuse(&c, "inconsistent stack depth");
}

#[test]
fn refuses_stack_overflow_and_bad_return_depth() {
    let mut c = code("m", &with_ret(&[(LOAD_CONST, 0), (LOAD_CONST, 0), (POP_TOP, 0), (POP_TOP, 0)]));
    c.stacksize = 1;
    refuse(&c, "at offset 1: stack depth 2 exceeds stack size 1");
    let c = code("m", &[(LOAD_CONST, 0), (LOAD_CONST, 0), (RETURN_VALUE, 0)]);
    refuse(&c, "RETURN_VALUE with 2 items on the stack (expected 1)");
    let mut c = code("m", &RET_NONE);
    c.stacksize = 0;
    refuse(&c, "stack depth 1 exceeds stack size 0");
}

// ---- exception table -----------------------------------------------------------------------

#[test]
fn refuses_bad_exception_tables() {
    let ok = try_except();
    let mut c = ok.clone();
    c.exceptiontable[0].end = 1;
    refuse(&c, "exception table entry 0: empty range 1..1");
    let mut c = ok.clone();
    c.exceptiontable[1].end = 99;
    refuse(&c, "exception table entry 1: end 99 out of range");
    let mut c = ok.clone();
    c.exceptiontable[1].start = 2;
    refuse(&c, "entry 1: starts at 2 inside or before the previous entry");
    let mut c = ok.clone();
    c.exceptiontable.swap(0, 1);
    refuse(&c, "entry 1: starts at 1 inside or before the previous entry");
    let mut c = ok.clone();
    c.exceptiontable[0].target = 1000;
    refuse(&c, "entry 0: handler 1000 out of range");
    let mut c = ok.clone();
    c.exceptiontable[1].lasti = false;
    // the cleanup handler now gets one item less: COPY 3 underflows... and depths conflict?
    refuse(&c, "COPY 3 needs 3 items, stack has 2");
    let mut c = ok.clone();
    c.exceptiontable[1].depth = 5;
    refuse(&c, "handler entry depth 7 exceeds stack size 4");
    let mut c = ok.clone();
    c.exceptiontable[0].depth = 1;
    refuse(&c, "at offset 1: exception handler depth 1 exceeds stack depth 0");
    let mut c = ok.clone();
    c.exceptiontable[0].depth = u32::MAX;
    refuse(&c, "handler entry depth 4294967296 exceeds stack size 4");
    // a handler entered with a different depth than another path into it
    let mut c = code("m", &[(NOP, 0), (LOAD_NAME, 0), (POP_TOP, 0), (LOAD_CONST, 0), (RETURN_VALUE, 0)]);
    c.exceptiontable = vec![ExceptionEntry { start: 1, end: 2, target: 3, depth: 0, lasti: false }];
    refuse(&c, "at offset 3: inconsistent stack depth: 1 on one path, 0 from POP_TOP at offset 2 (fallthrough)");
    // the raising instruction pops below the handler's depth
    let mut c = code(
        "m",
        &with_ret(&[
            (LOAD_NAME, 0),
            (LOAD_NAME, 0),
            (BINARY_OP, 0),
            (POP_TOP, 0),
            (LOAD_CONST, 0),
            (RETURN_VALUE, 0),
            (POP_TOP, 0),
            (POP_TOP, 0),
        ]),
    );
    c.exceptiontable = vec![ExceptionEntry { start: 2, end: 3, target: 6, depth: 1, lasti: false }];
    refuse(&c, "at offset 2: exception handler depth 1 exceeds the 0 items left if BINARY_OP raises");
}

#[test]
fn refuses_exception_entries_off_boundaries() {
    let mut c = long_jumps();
    c.exceptiontable = vec![ExceptionEntry { start: 0x301, end: 0x302, target: 0x303, depth: 0, lasti: false }];
    refuse(&c, "start 769 is not an instruction boundary");
    c.exceptiontable = vec![ExceptionEntry { start: 0x2ff, end: 0x301, target: 0x303, depth: 0, lasti: false }];
    refuse(&c, "end 769 is not an instruction boundary");
    c.exceptiontable = vec![ExceptionEntry { start: 0x2ff, end: 0x300, target: 0x301, depth: 0, lasti: false }];
    refuse(&c, "handler 769 is not an instruction boundary");
}

// ---- line table, counts and flags ----------------------------------------------------------

#[test]
fn refuses_bad_line_tables() {
    let pos = Position { line: 3, end_line: 3, col: 0, end_col: 0 };
    let mut c = code("m", &RET_NONE);
    c.linetable = vec![];
    verify_code(&c).unwrap();
    c.linetable = vec![LineEntry { start: 1, pos }];
    refuse(&c, "line table entry 0: first entry starts at 1, not 0");
    c.linetable = vec![LineEntry { start: 0, pos }, LineEntry { start: 0, pos }];
    refuse(&c, "line table entry 1: start 0 not after the previous entry's 0");
    c.linetable = vec![LineEntry { start: 0, pos }, LineEntry { start: 2, pos }];
    refuse(&c, "line table entry 1: start 2 out of range");
    c.linetable = vec![LineEntry { start: 0, pos: Position { line: 3, end_line: 2, col: 0, end_col: 0 } }];
    refuse(&c, "end line 2 before line 3");
}

#[test]
fn refuses_inconsistent_counts_and_flags() {
    let mut c = func("f", &RET_NONE);
    c.argcount = 3;
    refuse(&c, "3 parameters but only 2 local variable names");
    let mut c = func("f", &RET_NONE);
    c.flags |= flags::VARARGS | flags::VARKEYWORDS;
    refuse(&c, "3 parameters but only 2");
    let mut c = func("f", &RET_NONE);
    c.argcount = u32::MAX;
    c.kwonlyargcount = u32::MAX;
    refuse(&c, "8589934590 parameters");
    let mut c = func("f", &RET_NONE);
    c.posonlyargcount = 2;
    refuse(&c, "posonlyargcount 2 exceeds argcount 1");
    let mut c = func("f", &RET_NONE);
    c.flags |= 0x20000;
    refuse(&c, "unknown code flags 0x20000");
    let mut c = code("<module>", &RET_NONE);
    c.flags |= flags::FUTURE_ANNOTATIONS;
    verify_module("m", &c).unwrap();
    let mut c = func("f", &RET_NONE);
    c.flags |= flags::GENERATOR | flags::COROUTINE;
    refuse(&c, "at most one of GENERATOR, COROUTINE, ASYNC_GENERATOR");
    let mut c = code("<module>", &RET_NONE);
    c.freevars = vec!["x".into()];
    refuse(&c, "module code has 1 free variables");
    let mut c = code("<module>", &RET_NONE);
    c.flags = flags::GENERATOR;
    refuse(&c, "module code has function flags 0x20");
}

// ---- nested code objects -------------------------------------------------------------------

#[test]
fn refuses_bad_nested_code_objects() {
    let mut m = module_with_functions();
    if let Constant::Code(f) = &mut m.consts[3] {
        f.code = asm(&with_ret(&[(LOAD_FAST, 250), (POP_TOP, 0)]));
    }
    assert_eq!(
        refused(&m).to_string(),
        "module '__main__', code object 'f' at offset 0: LOAD_FAST 250: index out of range (co_varnames has 2)"
    );
    // hidden inside a tuple inside a frozenset
    let mut m = code("<module>", &RET_NONE);
    let mut bad = func("hidden", &[(JUMP, 7)]);
    bad.qualname = "outer.<locals>.hidden".into();
    m.consts.push(Constant::FrozenSet(vec![Constant::Int(3), Constant::Tuple(vec![Constant::Code(Box::new(bad))])]));
    refuse(&m, "code object 'outer.<locals>.hidden' at offset 0: jump target 7 out of range");
}

// ---- files and robustness ------------------------------------------------------------------

#[test]
fn verify_file_checks_every_module() {
    let module = |name: &str, code: CodeObject| ModuleInput {
        name: name.into(),
        is_package: false,
        filename: format!("{name}.py"),
        code,
        source: None,
    };
    let img = write_pyb(vec![module("__main__", try_except()), module("lib", for_loop())], Some("__main__"), 0, 0);
    verify_file(&PybFile::from_bytes(img).unwrap()).unwrap();
    let img = write_pyb(
        vec![module("__main__", try_except()), module("lib", code("<module>", &[(JUMP, 5)]))],
        Some("__main__"),
        0,
        0,
    );
    let e = verify_file(&PybFile::from_bytes(img).unwrap()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "module 'lib', code object '<module>' at offset 0: jump target 5 out of range (code has 1 units)"
    );
}

/// A tiny deterministic generator (no dependencies).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }
}

fn sample_objects() -> Vec<CodeObject> {
    vec![try_except(), for_loop(), module_with_functions(), long_jumps()]
}

#[test]
fn flipping_or_truncating_encoded_code_never_panics() {
    for c in sample_objects() {
        let blob = encode_code(&c);
        assert_eq!(decode_code(&blob).unwrap(), c);
        for n in 0..blob.len() {
            if let Ok(d) = decode_code(&blob[..n]) {
                let _ = verify_code(&d);
            }
        }
        for i in 0..blob.len() {
            for mask in [0x01u8, 0x02, 0x10, 0x40, 0x80, 0xff] {
                let mut bad = blob.clone();
                bad[i] ^= mask;
                if let Ok(d) = decode_code(&bad) {
                    let _ = verify_module("m", &d);
                }
            }
        }
    }
}

#[test]
fn every_value_of_every_code_byte_never_panics() {
    for c in sample_objects() {
        if c.code.len() > 64 {
            continue;
        }
        for i in 0..c.code.len() {
            for v in 0..=255u8 {
                let mut bad = c.clone();
                bad.code[i] = v;
                let _ = verify_module("m", &bad);
            }
        }
    }
}

#[test]
fn random_code_never_panics_and_accepted_code_is_consistent() {
    let mut rng = Lcg(7);
    let mut accepted = 0;
    for _ in 0..20000 {
        let mut c = module_with_functions();
        let n = 1 + (rng.next() % 24) as usize;
        // mostly real opcodes with small args, sometimes anything
        c.code = (0..n)
            .flat_map(|_| {
                let op = if rng.next() % 8 == 0 { rng.next() as u8 } else { (rng.next() % 98) as u8 };
                let arg = if rng.next() % 8 == 0 { rng.next() as u8 } else { (rng.next() % 4) as u8 };
                [op, arg]
            })
            .collect();
        if rng.next() % 3 == 0 {
            let s = rng.next() % 30;
            c.exceptiontable = vec![ExceptionEntry {
                start: s,
                end: s + 1 + rng.next() % 4,
                target: rng.next() % 30,
                depth: rng.next() % 3,
                lasti: rng.next() % 2 == 0,
            }];
        }
        c.stacksize = rng.next() % 6;
        if verify_module("m", &c).is_ok() {
            accepted += 1;
        }
    }
    // Random programs are rarely valid, but some must be (e.g. LOAD_CONST; RETURN_VALUE).
    assert!(accepted > 0);
}

/// Replaces the single `Str("QQQQ")` constant of an encoded code object by `levels` nested
/// one-item tuples around an empty tuple.
fn nested_tuples_blob(levels: usize) -> Vec<u8> {
    let mut c = code("<module>", &RET_NONE);
    c.consts = vec![Constant::Str("QQQQ".into())];
    let b = encode_code(&c);
    let pos = b.windows(4).position(|w| w == b"QQQQ").unwrap();
    // [variant 6 = Str][len 4]["QQQQ"] -> [variant 8 = Tuple][len 1] * levels, [8][0]
    assert_eq!(&b[pos - 2..pos], &[6, 4]);
    let mut out = b[..pos - 2].to_vec();
    for _ in 0..levels {
        out.extend_from_slice(&[8, 1]);
    }
    out.extend_from_slice(&[8, 0]);
    out.extend_from_slice(&b[pos + 4..]);
    out
}

#[test]
fn deeply_nested_constants_are_refused_by_decoding_not_a_stack_overflow() {
    let ok = decode_code(&nested_tuples_blob(100)).unwrap();
    verify_code(&ok).unwrap();
    // this used to overflow the stack (abort) at ~20k levels
    let e = decode_code(&nested_tuples_blob(1_000_000)).unwrap_err();
    assert!(e.contains("constants nested too deeply"), "{e}");
    // the limit leaves the decoder usable afterwards (depth counter restored on error)
    assert!(decode_code(&nested_tuples_blob(255)).is_ok());
    assert!(decode_code(&nested_tuples_blob(256)).is_err());
    // nested code objects count too
    let mut c = code("<module>", &RET_NONE);
    for _ in 0..300 {
        let mut outer = code("<module>", &RET_NONE);
        outer.consts.push(Constant::Code(Box::new(c)));
        c = outer;
    }
    assert!(decode_code(&encode_code(&c)).is_err());
}

#[test]
fn load_verified_reports_undecodable_modules() {
    use format::verify::load_verified;
    let m = ModuleInput {
        name: "lib".into(),
        is_package: false,
        filename: "lib.py".into(),
        code: for_loop(),
        source: None,
    };
    let mut img = write_pyb(vec![m], None, 0, 0);
    let f = PybFile::from_bytes(img.clone()).unwrap();
    assert_eq!(load_verified(&f, 0).unwrap(), for_loop());
    // Corrupt the first byte of the module's blob (a varint) and fix the CRC.
    let off = format::container::HEADER_LEN + f.table.modules[0].offset as usize;
    img[off] = 255;
    let crc = crc32fast::hash(&img[format::container::HEADER_LEN..]);
    img[24..28].copy_from_slice(&crc.to_le_bytes());
    let f = PybFile::from_bytes(img).unwrap();
    let e = load_verified(&f, 0).unwrap_err();
    assert_eq!(e.code, "");
    assert!(e.to_string().starts_with("module 'lib': corrupted file: module 'lib': "), "{e}");
    assert!(load_verified(&f, 7).unwrap_err().to_string().contains("no module named '#7'"));
}

#[test]
fn large_code_verifies_in_linear_time() {
    // 300k instructions: `LOAD_NAME; POP_JUMP_IF_TRUE next` pairs (the jumps need EXTENDED_ARG
    // prefixes once offsets grow), each pair covered by its own exception-table entry.
    let pairs = 150_000usize;
    let mut ins = Vec::with_capacity(2 * pairs + 4);
    for _ in 0..pairs {
        ins.push((LOAD_NAME, 0));
        ins.push((POP_JUMP_IF_TRUE, 0));
    }
    ins.extend_from_slice(&RET_NONE);
    ins.extend_from_slice(&[(POP_TOP, 0), (LOAD_CONST, 0), (RETURN_VALUE, 0)]); // handler
    let size = |a: u32| 1 + (a > 0xff) as u32 + (a > 0xffff) as u32 + (a > 0xff_ffff) as u32;
    let offsets = loop {
        let mut offs = Vec::with_capacity(ins.len() + 1);
        let mut o = 0u32;
        for &(_, a) in &ins {
            offs.push(o);
            o += size(a);
        }
        offs.push(o);
        let mut changed = false;
        for k in 0..pairs {
            let t = offs[2 * k + 2];
            if ins[2 * k + 1].1 != t {
                ins[2 * k + 1].1 = t;
                changed = true;
            }
        }
        if !changed {
            break offs;
        }
    };
    let mut c = code("<module>", &ins);
    c.stacksize = 2;
    let handler = offsets[2 * pairs + 2];
    c.exceptiontable = (0..pairs)
        .map(|k| ExceptionEntry {
            start: offsets[2 * k],
            end: offsets[2 * k + 2],
            target: handler,
            depth: 0,
            lasti: false,
        })
        .collect();
    let t = std::time::Instant::now();
    verify_code(&c).unwrap();
    assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
}
