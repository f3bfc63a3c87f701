//! `pyc`'s library: the compiler pipeline from source text to code objects.
//! tokenize → parse → AST → symbol table → codegen (→ `format::CodeObject`).

pub mod ast;
pub mod check;
pub mod codegen;
pub mod compile;
pub mod diagnostics;
pub mod error;
pub mod project;
pub mod symtable;
pub mod symtable_dump;

pub use error::{ErrorKind, SyntaxError};
pub mod ast_dump;
pub mod lexer;
pub mod nfkc_tables;
pub mod parser;
pub mod pystr;
pub mod source;
mod source_tables;
pub mod stress;
pub mod token;
pub mod tokens_dump;
pub mod unicode_tables;
