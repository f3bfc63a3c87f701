//! `pyc`'s library: the compiler pipeline from source text to code objects.
//! tokenize → parse → AST → symbol table → codegen (→ `format::CodeObject`).

pub mod ast;
pub mod error;
pub mod symtable;
pub mod symtable_dump;
pub mod codegen;

pub use error::{ErrorKind, SyntaxError};
