//! The instruction set: every opcode is defined exactly once, in the `opcodes!` table below.
//! Names, numbers, argument kinds, the pseudo/real split, stack effects and the disassembler's
//! argument rendering are all derived from (or keyed on) this one table.
//!
//! Encoding (see `SPEC.md`): code is a sequence of 2-byte code units `(opcode, arg)`, as in
//! CPython 3.11. Arguments larger than 255 are built with `EXTENDED_ARG` prefixes (each shifts the
//! accumulated argument left by 8 bits). Jump arguments are *absolute* targets, counted in code
//! units from the start of the code (the index of the target's first unit, which may be an
//! `EXTENDED_ARG` prefix). There are no inline cache units in the file; `pvm` keeps its caches in
//! side tables.

/// What an instruction's argument means; used by the disassembler, the verifier and codegen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// The argument is unused and must be 0.
    None,
    /// Index into `co_consts`.
    Const,
    /// Index into `co_names`.
    Name,
    /// Index into `co_varnames` (a fast local).
    Local,
    /// Index into cells then free variables: `i < co_cellvars.len()` is cell `i`, otherwise free
    /// variable `i - co_cellvars.len()`.
    Deref,
    /// Absolute jump target in code units.
    Jump,
    /// A plain count or small number (argc, element count, stack position, flags).
    Count,
    /// A `BinaryOpKind` (`BINARY_OP`).
    BinaryOp,
    /// A `CompareOpKind` (`COMPARE_OP`).
    CompareOp,
}

macro_rules! opcodes {
    ($( $(#[$doc:meta])* $name:ident = $num:literal, $kind:ident, $pseudo:literal; )*) => {
        /// One opcode. The numeric value is the byte stored in the code stream.
        #[allow(non_camel_case_types)]
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Opcode {
            $( $(#[$doc])* $name = $num, )*
        }

        impl Opcode {
            /// Every opcode, real and pseudo, in table order.
            pub const ALL: &'static [Opcode] = &[ $( Opcode::$name, )* ];

            /// Decodes a code byte; `None` for a byte that is no opcode.
            #[inline]
            pub fn from_u8(b: u8) -> Option<Opcode> {
                match b { $( $num => Some(Opcode::$name), )* _ => None }
            }

            /// The CPython-style upper-case name, e.g. `"LOAD_FAST"`.
            pub fn name(self) -> &'static str {
                match self { $( Opcode::$name => stringify!($name), )* }
            }

            /// What the argument means.
            pub fn arg_kind(self) -> ArgKind {
                match self { $( Opcode::$name => ArgKind::$kind, )* }
            }

            /// Pseudo-instructions exist only inside the compiler (they are turned into the
            /// exception table) and are invalid in a `.pyb` file.
            pub fn is_pseudo(self) -> bool {
                match self { $( Opcode::$name => $pseudo, )* }
            }

            /// Looks an opcode up by its name.
            pub fn from_name(name: &str) -> Option<Opcode> {
                match name { $( stringify!($name) => Some(Opcode::$name), )* _ => None }
            }
        }
    };
}

opcodes! {
    /// Does nothing.
    NOP = 0, None, false;
    /// Pops TOS.
    POP_TOP = 1, None, false;
    /// Pushes NULL (the "no self" marker below a callable for `CALL`).
    PUSH_NULL = 2, None, false;
    /// Pushes a copy of the n-th item from the top (n >= 1; `COPY 1` duplicates TOS).
    COPY = 3, Count, false;
    /// Swaps TOS with the n-th item from the top (n >= 2).
    SWAP = 4, Count, false;
    /// Pushes `co_consts[arg]`.
    LOAD_CONST = 5, Const, false;
    /// Pushes local `co_varnames[arg]`; `UnboundLocalError` if unset.
    LOAD_FAST = 6, Local, false;
    /// Pops TOS into local `co_varnames[arg]`.
    STORE_FAST = 7, Local, false;
    /// Unbinds local `co_varnames[arg]`; `UnboundLocalError` if unset.
    DELETE_FAST = 8, Local, false;
    /// Pushes the name from locals, then globals, then builtins (`NameError` otherwise).
    LOAD_NAME = 9, Name, false;
    /// Pops TOS into the locals mapping under `co_names[arg]`.
    STORE_NAME = 10, Name, false;
    /// Deletes `co_names[arg]` from the locals mapping.
    DELETE_NAME = 11, Name, false;
    /// Pushes the global (or builtin) `co_names[arg]`; `NameError` otherwise.
    LOAD_GLOBAL = 12, Name, false;
    /// Pops TOS into the global `co_names[arg]`.
    STORE_GLOBAL = 13, Name, false;
    /// Deletes the global `co_names[arg]`.
    DELETE_GLOBAL = 14, Name, false;
    /// Pushes the contents of cell/free variable `arg`; `NameError`/`UnboundLocalError` if empty.
    LOAD_DEREF = 15, Deref, false;
    /// Pops TOS into cell/free variable `arg`.
    STORE_DEREF = 16, Deref, false;
    /// Empties cell/free variable `arg`.
    DELETE_DEREF = 17, Deref, false;
    /// Class bodies: looks the variable's name up in the locals mapping first, then the cell.
    LOAD_CLASSDEREF = 18, Deref, false;
    /// Pushes the cell object of cell/free variable `arg` itself (to build a closure).
    LOAD_CLOSURE = 19, Deref, false;
    /// Replaces TOS with `getattr(TOS, co_names[arg])`.
    LOAD_ATTR = 20, Name, false;
    /// `TOS.name = TOS1`; pops both.
    STORE_ATTR = 21, Name, false;
    /// `del TOS.name`; pops TOS.
    DELETE_ATTR = 22, Name, false;
    /// Pops obj; pushes `(unbound method, obj)` when `co_names[arg]` is a plain method found on
    /// the type, otherwise `(NULL, getattr(obj, name))`. Followed by `CALL`.
    LOAD_METHOD = 23, Name, false;
    /// Sets the keyword names (`co_consts[arg]`, a tuple of str) for the next `CALL`.
    KW_NAMES = 24, Const, false;
    /// Calls with `arg` arguments. Stack: `[NULL, callable, args...]` or
    /// `[method, self, args...]`; the last `len(kwnames)` args are keyword arguments.
    CALL = 25, Count, false;
    /// Stack `[NULL, callable, args_tuple]` plus a kwargs mapping when `arg & 1`; calls.
    CALL_FUNCTION_EX = 26, Count, false;
    /// Pops a code object and, below it by flag bit, closure tuple (0x08), annotations tuple of
    /// name/value pairs (0x04), kw-defaults dict (0x02), defaults tuple (0x01); pushes a function.
    MAKE_FUNCTION = 27, Count, false;
    /// Returns TOS to the caller.
    RETURN_VALUE = 28, None, false;
    /// `TOS = TOS1 <op> TOS`, op is a `BinaryOpKind` (in-place forms included).
    BINARY_OP = 29, BinaryOp, false;
    /// `TOS = TOS1 <cmp> TOS`, cmp is a `CompareOpKind`.
    COMPARE_OP = 30, CompareOp, false;
    /// `TOS = TOS1 is TOS` (`is not` when arg is 1).
    IS_OP = 31, Count, false;
    /// `TOS = TOS1 in TOS` (`not in` when arg is 1).
    CONTAINS_OP = 32, Count, false;
    /// `TOS = +TOS`.
    UNARY_POSITIVE = 33, None, false;
    /// `TOS = -TOS`.
    UNARY_NEGATIVE = 34, None, false;
    /// `TOS = not TOS`.
    UNARY_NOT = 35, None, false;
    /// `TOS = ~TOS`.
    UNARY_INVERT = 36, None, false;
    /// `TOS = TOS1[TOS]`.
    BINARY_SUBSCR = 37, None, false;
    /// `TOS1[TOS] = TOS2`; pops all three.
    STORE_SUBSCR = 38, None, false;
    /// `del TOS1[TOS]`; pops both.
    DELETE_SUBSCR = 39, None, false;
    /// Pushes `slice(TOS1, TOS)` (arg 2) or `slice(TOS2, TOS1, TOS)` (arg 3).
    BUILD_SLICE = 40, Count, false;
    /// Pops `arg` items, pushes a tuple of them.
    BUILD_TUPLE = 41, Count, false;
    /// Pops `arg` items, pushes a list of them.
    BUILD_LIST = 42, Count, false;
    /// Pops `arg` items, pushes a set of them.
    BUILD_SET = 43, Count, false;
    /// Pops `2*arg` items (key, value, key, value, ...), pushes a dict.
    BUILD_MAP = 44, Count, false;
    /// Pops a tuple of keys (TOS) and `arg` values, pushes a dict.
    BUILD_CONST_KEY_MAP = 45, Count, false;
    /// Pops `arg` strings, pushes their concatenation.
    BUILD_STRING = 46, Count, false;
    /// Pops TOS, appends it to the list at `stack[-arg]` (after the pop).
    LIST_APPEND = 47, Count, false;
    /// Pops TOS, adds it to the set at `stack[-arg]`.
    SET_ADD = 48, Count, false;
    /// Pops value (TOS) and key (TOS1), stores into the dict at `stack[-arg]`.
    MAP_ADD = 49, Count, false;
    /// Pops an iterable, extends the list at `stack[-arg]`.
    LIST_EXTEND = 50, Count, false;
    /// Pops an iterable, updates the set at `stack[-arg]`.
    SET_UPDATE = 51, Count, false;
    /// Pops a mapping, updates the dict at `stack[-arg]` (`{**m}`).
    DICT_UPDATE = 52, Count, false;
    /// Like `DICT_UPDATE` but a repeated key is a `TypeError` (`f(**a, **b)`).
    DICT_MERGE = 53, Count, false;
    /// Replaces the list at TOS with a tuple.
    LIST_TO_TUPLE = 54, None, false;
    /// f-string field: bits 0-1 conversion (0 none, 1 `!s`, 2 `!r`, 3 `!a`), bit 2 a format
    /// spec is on TOS (above the value). Pushes the formatted str.
    FORMAT_VALUE = 55, Count, false;
    /// Pops a sequence, pushes its `arg` items so that the first ends on top.
    UNPACK_SEQUENCE = 56, Count, false;
    /// Starred unpacking: low byte = names before the star, high byte = names after.
    UNPACK_EX = 57, Count, false;
    /// Unconditional jump.
    JUMP = 58, Jump, false;
    /// Pops TOS; jumps if it is false.
    POP_JUMP_IF_FALSE = 59, Jump, false;
    /// Pops TOS; jumps if it is true.
    POP_JUMP_IF_TRUE = 60, Jump, false;
    /// Pops TOS; jumps if it is None.
    POP_JUMP_IF_NONE = 61, Jump, false;
    /// Pops TOS; jumps if it is not None.
    POP_JUMP_IF_NOT_NONE = 62, Jump, false;
    /// Jumps keeping TOS if it is false, else pops it.
    JUMP_IF_FALSE_OR_POP = 63, Jump, false;
    /// Jumps keeping TOS if it is true, else pops it.
    JUMP_IF_TRUE_OR_POP = 64, Jump, false;
    /// `TOS = iter(TOS)`.
    GET_ITER = 65, None, false;
    /// TOS is an iterator: pushes its next item, or when exhausted pops the iterator and jumps.
    FOR_ITER = 66, Jump, false;
    /// `TOS = iter(TOS)` unless it already is a generator/coroutine (for `yield from`).
    GET_YIELD_FROM_ITER = 67, None, false;
    /// Yields TOS to the generator's caller; the value sent in replaces it on resumption.
    YIELD_VALUE = 68, None, false;
    /// Stack `[receiver, value]`: sends value into receiver. If it yields, TOS becomes the
    /// yielded value and execution continues; if it returns, both are replaced by the return
    /// value and execution jumps to the target.
    SEND = 69, Jump, false;
    /// Pushes `builtins.__build_class__`.
    LOAD_BUILD_CLASS = 70, None, false;
    /// Creates `__annotations__` in the locals mapping if missing.
    SETUP_ANNOTATIONS = 71, None, false;
    /// Pops fromlist (TOS) and level (TOS1); imports `co_names[arg]`, pushes the module.
    IMPORT_NAME = 72, Name, false;
    /// Pushes `TOS.co_names[arg]` (from the module on TOS, kept); `ImportError` if missing.
    IMPORT_FROM = 73, Name, false;
    /// Pops a module, binds all its public names in the locals mapping.
    IMPORT_STAR = 74, None, false;
    /// `raise` (0), `raise TOS` (1), `raise TOS1 from TOS` (2).
    RAISE_VARARGS = 75, Count, false;
    /// Pops an exception and re-raises it. If arg is non-zero, `stack[-arg]` (counted after
    /// popping the exception; `PEEK(oparg + 1)` before it, as CPython 3.11) holds the `lasti`
    /// pushed by the handler entry; the VM keeps the traceback it already has, so it is
    /// informational.
    RERAISE = 76, Count, false;
    /// Handler entry: TOS is the caught exception; inserts the previously handled exception
    /// below it and makes TOS the handled exception (`sys.exc_info()`).
    PUSH_EXC_INFO = 77, None, false;
    /// Pops the saved previous exception and restores it as the handled exception.
    POP_EXCEPT = 78, None, false;
    /// Pops a type/tuple (TOS); pushes whether the exception at TOS1 matches it.
    CHECK_EXC_MATCH = 79, None, false;
    /// `except*`: pops type (TOS), splits the group at TOS1: replaces it with the rest and pushes
    /// the match (or None).
    CHECK_EG_MATCH = 80, None, false;
    /// `except*`: combines the raised list (TOS) with the original (TOS1) into what to re-raise.
    PREP_RERAISE_STAR = 81, None, false;
    /// Stack `[exit, lasti, prev_exc, exc]`: calls `exit(type, exc, tb)` and pushes the result.
    WITH_EXCEPT_START = 82, None, false;
    /// Pops a context manager; pushes its bound `__exit__`, then the result of `__enter__()`.
    BEFORE_WITH = 83, None, false;
    /// Async form of `BEFORE_WITH`: pushes bound `__aexit__` and the awaitable of `__aenter__()`.
    BEFORE_ASYNC_WITH = 84, None, false;
    /// `TOS = awaitable iterator of TOS` (arg: 0 await, 1 after `__aenter__`, 2 after `__aexit__`).
    GET_AWAITABLE = 85, Count, false;
    /// `TOS = TOS.__aiter__()`.
    GET_AITER = 86, None, false;
    /// Pushes the awaitable of `TOS.__anext__()` (TOS kept).
    GET_ANEXT = 87, None, false;
    /// Ends `async for` when the exception (TOS) is `StopAsyncIteration`: pops it and the
    /// iterator below; otherwise re-raises.
    END_ASYNC_FOR = 88, None, false;
    /// Wraps TOS as the value yielded by an async generator.
    ASYNC_GEN_WRAP = 89, None, false;
    /// Pushes `AssertionError`.
    LOAD_ASSERTION_ERROR = 90, None, false;
    /// Class pattern: pops keyword-names tuple (TOS), class (TOS1), subject (TOS2); pushes a
    /// tuple of `arg` positional + keyword attributes, or None when there is no match.
    MATCH_CLASS = 91, Count, false;
    /// Pushes whether TOS is a mapping (TOS kept).
    MATCH_MAPPING = 92, None, false;
    /// Pushes whether TOS is a sequence for pattern matching (TOS kept).
    MATCH_SEQUENCE = 93, None, false;
    /// TOS is a tuple of keys, TOS1 the subject: pushes a tuple of the values or None.
    MATCH_KEYS = 94, None, false;
    /// Pushes `len(TOS)` (TOS kept).
    GET_LEN = 95, None, false;
    /// Pushes `dict(TOS1)` minus the keys in the tuple TOS, replacing TOS (for `**rest`).
    COPY_DICT_WITHOUT_KEYS = 96, None, false;
    /// Prefix: the next instruction's argument is `(arg << 8) | its own arg`.
    EXTENDED_ARG = 97, Count, false;

    /// VM-internal superinstruction (never in a `.pyb`: `pvm` rejects a file containing it and
    /// the compiler never emits it): `LOAD_FAST (arg & 0xff)` then `LOAD_FAST (arg >> 8)`.
    LOAD_FAST__LOAD_FAST = 220, Count, false;
    /// VM-internal superinstruction: `LOAD_FAST (arg & 0xff)` then `LOAD_CONST (arg >> 8)`.
    LOAD_FAST__LOAD_CONST = 221, Count, false;
    /// VM-internal superinstruction: `STORE_FAST (arg & 0xff)` then `LOAD_FAST (arg >> 8)`.
    STORE_FAST__LOAD_FAST = 222, Count, false;
    /// VM-internal superinstruction: `LOAD_FAST (arg & 0xff)`, `LOAD_CONST ((arg >> 8) & 0xff)`,
    /// `BINARY_SUBSCR`.
    LOAD_FAST__LOAD_CONST__BINARY_SUBSCR = 223, Count, false;
    /// VM-internal superinstruction: `LOAD_FAST (arg & 0xff)`, `LOAD_CONST ((arg >> 8) & 0xff)`,
    /// `BINARY_OP (arg >> 16)`.
    LOAD_FAST__LOAD_CONST__BINARY_OP = 224, Count, false;
    /// VM-internal superinstruction: `LOAD_FAST (arg & 0xff)`, `LOAD_FAST ((arg >> 8) & 0xff)`,
    /// `BINARY_OP (arg >> 16)`.
    LOAD_FAST__LOAD_FAST__BINARY_OP = 225, Count, false;
    /// VM-internal quickened `LOAD_ATTR` (rewritten in place by the adaptive interpreter, with
    /// an inline cache beside it): attribute found in the instance dict (class-version guard,
    /// dict entry hint).
    LOAD_ATTR_INSTANCE = 226, Name, false;
    /// VM-internal quickened `LOAD_ATTR`: module attribute (module dict version guard).
    LOAD_ATTR_MODULE = 227, Name, false;
    /// VM-internal quickened `LOAD_ATTR`: plain class-level value read through an instance
    /// (class-version guard, instance dict checked not to shadow it).
    LOAD_ATTR_CLASS = 228, Name, false;
    /// VM-internal quickened `LOAD_ATTR`: plain attribute of a class object (class version).
    LOAD_ATTR_TYPE = 229, Name, false;
    /// VM-internal quickened `LOAD_METHOD`: Python method of an instance (class version, not
    /// shadowed in the instance dict).
    LOAD_METHOD_INSTANCE = 230, Name, false;
    /// VM-internal quickened `LOAD_METHOD`: module attribute (module dict version).
    LOAD_METHOD_MODULE = 231, Name, false;
    /// VM-internal quickened `LOAD_METHOD`: method of an exact built-in type (list, dict, str,
    /// tuple; built-in types are immutable).
    LOAD_METHOD_BUILTIN = 232, Name, false;
    /// VM-internal quickened `STORE_ATTR`: plain instance-dict store (class version guard).
    STORE_ATTR_INSTANCE = 233, Name, false;

    /// VM-internal superinstruction: `LOAD_FAST arg` directly followed by a `LOAD_ATTR`,
    /// `LOAD_METHOD` or `STORE_ATTR` (which keeps its own entry); when that instruction is
    /// quickened for instances and its guard holds, both run in one dispatch.
    LOAD_FAST__ATTR = 236, Local, false;

    /// Compiler-only: starts a `try` body; the handler at the target receives the exception.
    SETUP_FINALLY = 240, Jump, true;
    /// Compiler-only: like `SETUP_FINALLY`, the handler also receives `lasti`.
    SETUP_CLEANUP = 241, Jump, true;
    /// Compiler-only: starts a `with` body; the handler also receives `lasti` (its entry depth
    /// drops the `__enter__` result: setup depth - 1).
    SETUP_WITH = 242, Jump, true;
    /// Compiler-only: ends the innermost `SETUP_*` region.
    POP_BLOCK = 243, None, true;
}

impl Opcode {
    /// VM-internal opcodes: `pvm` rewrites its private copy of the code to use them; they are
    /// invalid in a `.pyb` file (rejected at load) and the compiler never emits them.
    pub fn is_vm_internal(self) -> bool {
        matches!(
            self,
            Opcode::LOAD_FAST__LOAD_FAST
                | Opcode::LOAD_FAST__LOAD_CONST
                | Opcode::STORE_FAST__LOAD_FAST
                | Opcode::LOAD_FAST__LOAD_CONST__BINARY_SUBSCR
                | Opcode::LOAD_FAST__LOAD_CONST__BINARY_OP
                | Opcode::LOAD_FAST__LOAD_FAST__BINARY_OP
                | Opcode::LOAD_FAST__ATTR
                | Opcode::LOAD_ATTR_INSTANCE
                | Opcode::LOAD_ATTR_MODULE
                | Opcode::LOAD_ATTR_CLASS
                | Opcode::LOAD_ATTR_TYPE
                | Opcode::LOAD_METHOD_INSTANCE
                | Opcode::LOAD_METHOD_MODULE
                | Opcode::LOAD_METHOD_BUILTIN
                | Opcode::STORE_ATTR_INSTANCE
        )
    }

    /// The generic instruction a quickened (specialized) VM-internal opcode stands for; the
    /// opcode itself for every other one.
    pub fn generic(self) -> Opcode {
        use Opcode::*;
        match self {
            LOAD_ATTR_INSTANCE | LOAD_ATTR_MODULE | LOAD_ATTR_CLASS | LOAD_ATTR_TYPE => LOAD_ATTR,
            LOAD_METHOD_INSTANCE | LOAD_METHOD_MODULE | LOAD_METHOD_BUILTIN => LOAD_METHOD,
            STORE_ATTR_INSTANCE => STORE_ATTR,
            other => other,
        }
    }

    /// True for the instructions that may transfer control to their argument.
    pub fn has_jump(self) -> bool {
        self.arg_kind() == ArgKind::Jump
    }

    /// True when control never falls through to the next instruction.
    pub fn is_terminator(self) -> bool {
        matches!(self, Opcode::JUMP | Opcode::RETURN_VALUE | Opcode::RAISE_VARARGS | Opcode::RERAISE)
    }
}

/// Net stack effect of `op` with argument `arg`. `jump` selects the effect on the branch taken
/// (for instructions that can jump); for `SETUP_*` pseudo-ops the taken branch is the handler
/// entry. Returns `None` for a combination that cannot occur.
pub fn stack_effect(op: Opcode, arg: u32, jump: bool) -> Option<i32> {
    use Opcode::*;
    let a = arg as i32;
    Some(match op {
        NOP | EXTENDED_ARG => 0,
        LOAD_FAST__LOAD_FAST | LOAD_FAST__LOAD_CONST => 2,
        STORE_FAST__LOAD_FAST => 0,
        LOAD_FAST__LOAD_CONST__BINARY_SUBSCR | LOAD_FAST__LOAD_CONST__BINARY_OP | LOAD_FAST__LOAD_FAST__BINARY_OP => 1,
        LOAD_FAST__ATTR => 1,
        POP_TOP => -1,
        PUSH_NULL => 1,
        COPY => 1,
        SWAP => 0,
        LOAD_CONST | LOAD_FAST | LOAD_NAME | LOAD_GLOBAL | LOAD_DEREF | LOAD_CLASSDEREF | LOAD_CLOSURE => 1,
        STORE_FAST | STORE_NAME | STORE_GLOBAL | STORE_DEREF => -1,
        DELETE_FAST | DELETE_NAME | DELETE_GLOBAL | DELETE_DEREF => 0,
        LOAD_ATTR | LOAD_ATTR_INSTANCE | LOAD_ATTR_MODULE | LOAD_ATTR_CLASS | LOAD_ATTR_TYPE => 0,
        STORE_ATTR | STORE_ATTR_INSTANCE => -2,
        DELETE_ATTR => -1,
        LOAD_METHOD | LOAD_METHOD_INSTANCE | LOAD_METHOD_MODULE | LOAD_METHOD_BUILTIN => 1,
        KW_NAMES => 0,
        CALL => -a - 1,
        CALL_FUNCTION_EX => -2 - (a & 1),
        MAKE_FUNCTION => -((a & 1) + ((a >> 1) & 1) + ((a >> 2) & 1) + ((a >> 3) & 1)),
        RETURN_VALUE => -1,
        BINARY_OP | COMPARE_OP | IS_OP | CONTAINS_OP => -1,
        UNARY_POSITIVE | UNARY_NEGATIVE | UNARY_NOT | UNARY_INVERT => 0,
        BINARY_SUBSCR => -1,
        STORE_SUBSCR => -3,
        DELETE_SUBSCR => -2,
        BUILD_SLICE => 1 - a,
        BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_STRING => 1 - a,
        BUILD_MAP => 1 - 2 * a,
        BUILD_CONST_KEY_MAP => -a,
        LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE => -1,
        MAP_ADD => -2,
        LIST_TO_TUPLE => 0,
        FORMAT_VALUE => {
            if a & 4 != 0 {
                -1
            } else {
                0
            }
        }
        UNPACK_SEQUENCE => a - 1,
        UNPACK_EX => (a & 0xff) + (a >> 8),
        JUMP => 0,
        POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE | POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE => -1,
        JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP => {
            if jump {
                0
            } else {
                -1
            }
        }
        GET_ITER | GET_YIELD_FROM_ITER => 0,
        FOR_ITER => {
            if jump {
                -1
            } else {
                1
            }
        }
        YIELD_VALUE => 0,
        SEND => {
            if jump {
                -1
            } else {
                0
            }
        }
        LOAD_BUILD_CLASS => 1,
        SETUP_ANNOTATIONS => 0,
        IMPORT_NAME => -1,
        IMPORT_FROM => 1,
        IMPORT_STAR => -1,
        RAISE_VARARGS => -a,
        RERAISE => -1,
        PUSH_EXC_INFO => 1,
        POP_EXCEPT => -1,
        CHECK_EXC_MATCH => 0,
        CHECK_EG_MATCH => 0,
        PREP_RERAISE_STAR => -1,
        WITH_EXCEPT_START => 1,
        BEFORE_WITH | BEFORE_ASYNC_WITH => 1,
        GET_AWAITABLE | GET_AITER => 0,
        GET_ANEXT => 1,
        END_ASYNC_FOR => -2,
        ASYNC_GEN_WRAP => 0,
        LOAD_ASSERTION_ERROR => 1,
        MATCH_CLASS => -2,
        MATCH_MAPPING | MATCH_SEQUENCE | MATCH_KEYS | GET_LEN => 1,
        COPY_DICT_WITHOUT_KEYS => 0,
        SETUP_FINALLY => {
            if jump {
                1
            } else {
                0
            }
        }
        SETUP_CLEANUP => {
            if jump {
                2
            } else {
                0
            }
        }
        // As CPython: the handler gets lasti and the exception but no longer the `__enter__`
        // result, so the handler depth is the setup depth - 1 + 2.
        SETUP_WITH => {
            if jump {
                1
            } else {
                0
            }
        }
        POP_BLOCK => 0,
    })
}

/// Number of stack items `op` with argument `arg` needs on the value stack before it runs: the
/// items it pops plus any it only reads in place (`COPY n` reads the n-th item, `GET_LEN` reads
/// TOS, `LIST_APPEND i` pops TOS and appends to the list `i` below it, ...). The verifier proves
/// the depth before every reachable instruction is at least this, so the interpreter may pop and
/// peek that many items without checking. `None` for an argument the verifier refuses anyway
/// (e.g. `COPY 0`, `SWAP 1`, `BUILD_SLICE 4`) or one too large to be meaningful (`> 1 << 24`).
///
/// Consistency with [`stack_effect`]: for every real opcode, `stack_inputs + stack_effect >= 0`
/// on both edges (the number of items left or pushed is never negative).
pub fn stack_inputs(op: Opcode, arg: u32) -> Option<u32> {
    use Opcode::*;
    if arg > 1 << 24 {
        return None;
    }
    let a = arg;
    Some(match op {
        NOP | EXTENDED_ARG | PUSH_NULL | KW_NAMES | JUMP | LOAD_BUILD_CLASS | SETUP_ANNOTATIONS
        | LOAD_ASSERTION_ERROR => 0,
        // VM-internal superinstructions (refused in files; listed for completeness).
        LOAD_FAST__LOAD_FAST
        | LOAD_FAST__LOAD_CONST
        | LOAD_FAST__LOAD_CONST__BINARY_SUBSCR
        | LOAD_FAST__LOAD_CONST__BINARY_OP
        | LOAD_FAST__LOAD_FAST__BINARY_OP
        | LOAD_FAST__ATTR => 0,
        STORE_FAST__LOAD_FAST => 1,
        LOAD_CONST | LOAD_FAST | LOAD_NAME | LOAD_GLOBAL | LOAD_DEREF | LOAD_CLASSDEREF | LOAD_CLOSURE => 0,
        DELETE_FAST | DELETE_NAME | DELETE_GLOBAL | DELETE_DEREF => 0,
        POP_TOP => 1,
        COPY if a >= 1 => a,
        SWAP if a >= 2 => a,
        COPY | SWAP => return None,
        STORE_FAST | STORE_NAME | STORE_GLOBAL | STORE_DEREF => 1,
        LOAD_ATTR | DELETE_ATTR | LOAD_METHOD => 1,
        LOAD_ATTR_INSTANCE | LOAD_ATTR_MODULE | LOAD_ATTR_CLASS | LOAD_ATTR_TYPE => 1,
        LOAD_METHOD_INSTANCE | LOAD_METHOD_MODULE | LOAD_METHOD_BUILTIN => 1,
        STORE_ATTR | STORE_ATTR_INSTANCE => 2,
        // [NULL or method, callable or self, args...]
        CALL => a + 2,
        // [NULL, callable, args tuple, kwargs mapping if arg & 1]
        CALL_FUNCTION_EX if a <= 1 => 3 + (a & 1),
        CALL_FUNCTION_EX => return None,
        // the code object plus one item per flag bit
        MAKE_FUNCTION if a <= 0xF => 1 + a.count_ones(),
        MAKE_FUNCTION => return None,
        RETURN_VALUE => 1,
        BINARY_OP | COMPARE_OP | IS_OP | CONTAINS_OP => 2,
        UNARY_POSITIVE | UNARY_NEGATIVE | UNARY_NOT | UNARY_INVERT => 1,
        BINARY_SUBSCR | DELETE_SUBSCR => 2,
        STORE_SUBSCR => 3,
        BUILD_SLICE if a == 2 || a == 3 => a,
        BUILD_SLICE => return None,
        BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_STRING => a,
        BUILD_MAP => 2 * a,
        // the keys tuple plus `arg` values
        BUILD_CONST_KEY_MAP => a + 1,
        // TOS is popped, the container is `stack[-arg]` after the pop
        LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE if a >= 1 => a + 1,
        // key and value are popped, the dict is `stack[-arg]` after the pops
        MAP_ADD if a >= 1 => a + 2,
        LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE | MAP_ADD => return None,
        LIST_TO_TUPLE => 1,
        // the value, plus the format spec above it when bit 2 is set
        FORMAT_VALUE if a <= 7 => 1 + ((a >> 2) & 1),
        FORMAT_VALUE => return None,
        UNPACK_SEQUENCE => 1,
        UNPACK_EX if a <= 0xFFFF => 1,
        UNPACK_EX => return None,
        POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE | POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE => 1,
        JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP => 1,
        GET_ITER | GET_YIELD_FROM_ITER | FOR_ITER => 1,
        YIELD_VALUE => 1,
        // [receiver, value]
        SEND => 2,
        // [level, fromlist]
        IMPORT_NAME => 2,
        IMPORT_FROM | IMPORT_STAR => 1,
        RAISE_VARARGS if a <= 2 => a,
        RAISE_VARARGS => return None,
        // the exception, and with a non-zero arg the lasti item at `stack[-arg-1]` counted
        // before the exception is popped (CPython 3.11's `PEEK(oparg + 1)`)
        RERAISE if a <= 3 => a + 1,
        RERAISE => return None,
        PUSH_EXC_INFO | POP_EXCEPT => 1,
        CHECK_EXC_MATCH | CHECK_EG_MATCH | PREP_RERAISE_STAR => 2,
        // [exit, lasti, prev_exc, exc]
        WITH_EXCEPT_START => 4,
        BEFORE_WITH | BEFORE_ASYNC_WITH => 1,
        GET_AWAITABLE if a <= 2 => 1,
        GET_AWAITABLE => return None,
        GET_AITER | GET_ANEXT | ASYNC_GEN_WRAP => 1,
        // [async iterator, exception]
        END_ASYNC_FOR => 2,
        // [subject, class, keyword names]
        MATCH_CLASS => 3,
        MATCH_MAPPING | MATCH_SEQUENCE | GET_LEN => 1,
        // [subject, keys]
        MATCH_KEYS | COPY_DICT_WITHOUT_KEYS => 2,
        SETUP_FINALLY | SETUP_CLEANUP | SETUP_WITH | POP_BLOCK => 0,
    })
}

/// The operator of `BINARY_OP`, numbered as CPython 3.11's `NB_*` constants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BinaryOpKind {
    Add = 0,
    And = 1,
    FloorDivide = 2,
    LShift = 3,
    MatrixMultiply = 4,
    Multiply = 5,
    Remainder = 6,
    Or = 7,
    Power = 8,
    RShift = 9,
    Subtract = 10,
    TrueDivide = 11,
    Xor = 12,
    InplaceAdd = 13,
    InplaceAnd = 14,
    InplaceFloorDivide = 15,
    InplaceLShift = 16,
    InplaceMatrixMultiply = 17,
    InplaceMultiply = 18,
    InplaceRemainder = 19,
    InplaceOr = 20,
    InplacePower = 21,
    InplaceRShift = 22,
    InplaceSubtract = 23,
    InplaceTrueDivide = 24,
    InplaceXor = 25,
}

const BINARY_SYMBOLS: [&str; 13] = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"];

impl BinaryOpKind {
    /// Decodes a `BINARY_OP` argument.
    pub fn from_arg(arg: u32) -> Option<BinaryOpKind> {
        use BinaryOpKind::*;
        const ALL: [BinaryOpKind; 26] = [
            Add,
            And,
            FloorDivide,
            LShift,
            MatrixMultiply,
            Multiply,
            Remainder,
            Or,
            Power,
            RShift,
            Subtract,
            TrueDivide,
            Xor,
            InplaceAdd,
            InplaceAnd,
            InplaceFloorDivide,
            InplaceLShift,
            InplaceMatrixMultiply,
            InplaceMultiply,
            InplaceRemainder,
            InplaceOr,
            InplacePower,
            InplaceRShift,
            InplaceSubtract,
            InplaceTrueDivide,
            InplaceXor,
        ];
        ALL.get(arg as usize).copied()
    }
    /// True for the augmented-assignment forms (`+=` ...).
    pub fn is_inplace(self) -> bool {
        self as u8 >= 13
    }
    /// The non-in-place operator of the same kind.
    pub fn base(self) -> BinaryOpKind {
        BinaryOpKind::from_arg((self as u32) % 13).unwrap()
    }
    /// The Python operator symbol: `"+"`, `"+="`, ...
    pub fn symbol(self) -> String {
        let s = BINARY_SYMBOLS[(self as usize) % 13];
        if self.is_inplace() {
            format!("{s}=")
        } else {
            s.to_string()
        }
    }
}

/// The comparison of `COMPARE_OP`, numbered as CPython's `Py_LT`...`Py_GE`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CompareOpKind {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CompareOpKind {
    /// Decodes a `COMPARE_OP` argument.
    pub fn from_arg(arg: u32) -> Option<CompareOpKind> {
        use CompareOpKind::*;
        [Lt, Le, Eq, Ne, Gt, Ge].get(arg as usize).copied()
    }
    /// The Python operator symbol.
    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }
}

/// Flag bits of `MAKE_FUNCTION`.
pub mod make_function {
    /// A tuple of positional defaults is on the stack.
    pub const DEFAULTS: u32 = 0x01;
    /// A dict of keyword-only defaults is on the stack.
    pub const KWDEFAULTS: u32 = 0x02;
    /// A tuple of annotations (name, value, name, value...) is on the stack.
    pub const ANNOTATIONS: u32 = 0x04;
    /// A tuple of cells (the closure) is on the stack.
    pub const CLOSURE: u32 = 0x08;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_and_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &op in Opcode::ALL {
            assert_eq!(Opcode::from_u8(op as u8), Some(op));
            assert_eq!(Opcode::from_name(op.name()), Some(op));
            assert!(seen.insert(op as u8), "duplicate number for {}", op.name());
        }
        assert_eq!(Opcode::from_u8(200), None);
    }

    #[test]
    fn every_opcode_has_a_stack_effect() {
        for &op in Opcode::ALL {
            assert!(stack_effect(op, 1, false).is_some(), "{}", op.name());
            assert!(stack_effect(op, 1, true).is_some(), "{}", op.name());
        }
        assert_eq!(stack_effect(Opcode::CALL, 2, false), Some(-3));
        assert_eq!(stack_effect(Opcode::FOR_ITER, 0, true), Some(-1));
    }

    #[test]
    fn stack_inputs_agree_with_stack_effect() {
        for &op in Opcode::ALL {
            for arg in 0..=40u32 {
                let Some(inp) = stack_inputs(op, arg) else { continue };
                for jump in [false, true] {
                    let e = stack_effect(op, arg, jump).unwrap();
                    assert!(inp as i32 + e >= 0, "{} {arg} jump={jump}", op.name());
                }
            }
        }
        assert_eq!(stack_inputs(Opcode::CALL, 2), Some(4));
        assert_eq!(stack_inputs(Opcode::COPY, 0), None);
        assert_eq!(stack_inputs(Opcode::MAKE_FUNCTION, 0x9), Some(3));
    }

    #[test]
    fn binary_op_symbols() {
        assert_eq!(BinaryOpKind::from_arg(0).unwrap().symbol(), "+");
        assert_eq!(BinaryOpKind::from_arg(21).unwrap().symbol(), "**=");
        assert_eq!(BinaryOpKind::InplaceXor.base(), BinaryOpKind::Xor);
        assert!(BinaryOpKind::from_arg(26).is_none());
    }
}
