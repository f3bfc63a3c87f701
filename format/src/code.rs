//! Code objects and their constants, line table and exception table: what `pyc` produces and
//! `pvm` executes. Field names follow CPython's `types.CodeType` (`co_consts`, `co_varnames`...).

use bincode::{Decode, Encode};

/// `co_flags` bits, as in CPython 3.11 (`inspect.CO_*`).
pub mod flags {
    /// Locals are fast slots (functions).
    pub const OPTIMIZED: u32 = 0x0001;
    /// A new locals dict is made for the frame.
    pub const NEWLOCALS: u32 = 0x0002;
    /// Has a `*args` parameter.
    pub const VARARGS: u32 = 0x0004;
    /// Has a `**kwargs` parameter.
    pub const VARKEYWORDS: u32 = 0x0008;
    /// Defined inside another function.
    pub const NESTED: u32 = 0x0010;
    /// A generator function.
    pub const GENERATOR: u32 = 0x0020;
    /// No cell or free variables.
    pub const NOFREE: u32 = 0x0040;
    /// An `async def` function.
    pub const COROUTINE: u32 = 0x0080;
    /// A generator usable in `await` (`types.coroutine`).
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    /// An async generator function.
    pub const ASYNC_GENERATOR: u32 = 0x0200;
    /// Compiled under `from __future__ import annotations` (annotations are strings); set on
    /// every code object of such a module, as CPython does. Informational for the VM.
    pub const FUTURE_ANNOTATIONS: u32 = 0x0100_0000;
}

/// A constant of `co_consts`. Ints that fit in an `i64` are `Int`; larger ones are `BigInt`
/// holding the two's-complement little-endian bytes (as `int.to_bytes(n, 'little',
/// signed=True)`). `FrozenSet` items are kept in the order the compiler emitted them.
///
/// Decoding is hand-written (same wire format as the derive: variant index, then fields) so that
/// it can bound the nesting depth: see [`MAX_CONST_DEPTH`].
#[derive(Clone, Debug, PartialEq, Encode)]
pub enum Constant {
    None,
    Bool(bool),
    Int(i64),
    BigInt(Vec<u8>),
    Float(f64),
    Complex { re: f64, im: f64 },
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Constant>),
    FrozenSet(Vec<Constant>),
    Code(Box<CodeObject>),
    Ellipsis,
}

/// Deepest nesting of constants (tuples and frozensets inside each other, and the constants of
/// nested code objects) that decoding accepts. Decoding recurses once per level, so without a
/// bound a small hostile file (`((((...))))` a hundred thousand levels deep) would overflow the
/// Rust stack before the verifier ever sees it. CPython's own parser stops at 200 levels of
/// nesting, so real programs stay far below this.
pub const MAX_CONST_DEPTH: u32 = 256;

thread_local! {
    static CONST_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Counts one level of constant nesting for as long as it lives.
struct DepthGuard;

impl DepthGuard {
    fn enter() -> Result<DepthGuard, bincode::error::DecodeError> {
        CONST_DEPTH.with(|d| {
            let n = d.get();
            if n >= MAX_CONST_DEPTH {
                return Err(bincode::error::DecodeError::Other("constants nested too deeply"));
            }
            d.set(n + 1);
            Ok(DepthGuard)
        })
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        CONST_DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

impl<Context> Decode<Context> for Constant {
    fn decode<D: bincode::de::Decoder<Context = Context>>(d: &mut D) -> Result<Self, bincode::error::DecodeError> {
        let _level = DepthGuard::enter()?;
        let variant: u32 = Decode::decode(d)?;
        Ok(match variant {
            0 => Constant::None,
            1 => Constant::Bool(Decode::decode(d)?),
            2 => Constant::Int(Decode::decode(d)?),
            3 => Constant::BigInt(Decode::decode(d)?),
            4 => Constant::Float(Decode::decode(d)?),
            5 => Constant::Complex { re: Decode::decode(d)?, im: Decode::decode(d)? },
            6 => Constant::Str(Decode::decode(d)?),
            7 => Constant::Bytes(Decode::decode(d)?),
            8 => Constant::Tuple(Decode::decode(d)?),
            9 => Constant::FrozenSet(Decode::decode(d)?),
            10 => Constant::Code(Decode::decode(d)?),
            11 => Constant::Ellipsis,
            found => {
                return Err(bincode::error::DecodeError::UnexpectedVariant {
                    type_name: "Constant",
                    allowed: &bincode::error::AllowedEnumVariants::Range { min: 0, max: 11 },
                    found,
                })
            }
        })
    }
}

bincode::impl_borrow_decode!(Constant);

/// Source position of a run of instructions. Lines are 1-based; columns are 0-based UTF-8 byte
/// offsets as in CPython (`co_positions()`); 0 for a line or column that is unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, Default)]
pub struct Position {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// One run of the line table: the instructions from code unit `start` up to the next entry's
/// `start` (or the end of the code) have position `pos`. Entries are sorted by `start`, the
/// first has `start == 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
pub struct LineEntry {
    pub start: u32,
    pub pos: Position,
}

/// One exception-table entry (CPython 3.11's zero-cost `try`): an exception raised by an
/// instruction in code units `[start, end)` pops the value stack down to `depth` items, pushes
/// the offset of the raising instruction when `lasti` is set, pushes the exception and jumps to
/// `target`. Entries do not overlap; the first entry that covers an offset wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

/// A compiled code object (module body, function, class body, lambda, comprehension).
#[derive(Clone, Debug, PartialEq, Encode, Decode)]
pub struct CodeObject {
    /// Number of positional parameters, positional-only included.
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// Maximum value-stack depth.
    pub stacksize: u32,
    /// `flags::*` bits.
    pub flags: u32,
    /// The instructions: 2-byte units `(opcode, arg)`; see `opcode`.
    pub code: Vec<u8>,
    pub consts: Vec<Constant>,
    /// Global, attribute and imported names.
    pub names: Vec<String>,
    /// Fast locals: parameters first (positional, keyword-only, `*args`, `**kwargs`), then the
    /// other locals.
    pub varnames: Vec<String>,
    /// Locals captured by nested scopes. A cell whose name is also a parameter starts with the
    /// argument's value.
    pub cellvars: Vec<String>,
    /// Variables of enclosing scopes used here.
    pub freevars: Vec<String>,
    pub filename: String,
    pub name: String,
    pub qualname: String,
    pub firstlineno: u32,
    pub linetable: Vec<LineEntry>,
    pub exceptiontable: Vec<ExceptionEntry>,
}

impl CodeObject {
    /// Number of code units (instructions including `EXTENDED_ARG` prefixes).
    pub fn len_units(&self) -> usize {
        self.code.len() / 2
    }

    /// The position of the instruction at code unit `unit`, from the line table.
    pub fn position(&self, unit: u32) -> Position {
        let idx = self.linetable.partition_point(|e| e.start <= unit);
        if idx == 0 {
            Position::default()
        } else {
            self.linetable[idx - 1].pos
        }
    }

    /// The exception-table entry covering code unit `unit`, if any.
    pub fn handler_for(&self, unit: u32) -> Option<&ExceptionEntry> {
        self.exceptiontable.iter().find(|e| e.start <= unit && unit < e.end)
    }

    /// Decodes the instruction stream into `(unit_offset, opcode_byte, full_arg)` triples,
    /// folding `EXTENDED_ARG` prefixes into the argument of the instruction they prefix. The
    /// offset is that of the first prefix. Unknown opcode bytes are returned as they are.
    pub fn instructions(&self) -> Vec<(u32, u8, u32)> {
        let mut out = Vec::with_capacity(self.code.len() / 2);
        let mut ext: u32 = 0;
        let mut start: Option<u32> = None;
        for (i, pair) in self.code.chunks_exact(2).enumerate() {
            let (op, arg) = (pair[0], pair[1] as u32);
            if op == crate::opcode::Opcode::EXTENDED_ARG as u8 {
                ext = (ext << 8) | arg;
                start.get_or_insert(i as u32);
                continue;
            }
            out.push((start.take().unwrap_or(i as u32), op, (ext << 8) | arg));
            ext = 0;
        }
        out
    }
}
