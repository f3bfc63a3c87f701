//! Tokenizer and parser on arbitrary text: errors are fine, panics and overflows are not.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = compiler::lexer::tokenize(text);
        let _ = compiler::parser::parse_module(text, "<fuzz>");
    }
});
