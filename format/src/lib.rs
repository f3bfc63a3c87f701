//! The `.pyb` file format shared by `pyc` (writer) and `pvm` (reader): the instruction set,
//! code objects and constants, line and exception tables, the container with its header,
//! checksum and module table, and the disassembler. See `SPEC.md` for the byte layout.

pub mod code;
pub mod container;
pub mod dis;
pub mod mapped;
pub mod opcode;
pub mod verify;

pub use code::{CodeObject, Constant, ExceptionEntry, LineEntry, Position};
pub use container::{FormatError, ModuleInput, PybFile};
pub use opcode::{ArgKind, BinaryOpKind, CompareOpKind, Opcode};
