//! The whole pipeline: bytes → source text (PEP 263) → AST → symbol table → code object.

use crate::error::SyntaxError;
use format::CodeObject;

/// Compiles the bytes of a `.py` file to its module code object, reporting the first
/// `SyntaxError` as CPython 3.11 would (decode errors, tokenizer/parser errors, then the symbol
/// table and compiler errors).
pub fn compile_source(bytes: &[u8], filename: &str) -> Result<CodeObject, SyntaxError> {
    compile_source_optimized(bytes, filename, 0)
}

/// [`compile_source`] at CPython optimization level `optimize`: 0 (default), 1 (`python3 -O`:
/// no asserts, `__debug__` is False), 2 (`python3 -OO`: also no docstrings).
pub fn compile_source_optimized(bytes: &[u8], filename: &str, optimize: u8) -> Result<CodeObject, SyntaxError> {
    let source = crate::source::decode_source(bytes, filename).map_err(|mut e| {
        if e.filename.is_empty() {
            e.filename = filename.to_string();
        }
        e
    })?;
    let module = crate::parser::parse_module(&source, filename).map_err(|e| e.with_source(filename, &source))?;
    crate::codegen::compile_module_optimized(&module, filename, &source, optimize)
}
