//! The whole compiler (decoding, tokenizer, parser, symbol table, codegen) on arbitrary bytes
//! and on mutations of real source (seed corpus). Whatever it accepts must pass the verifier
//! and survive an encode/decode round trip.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(co) = compiler::compile::compile_source(data, "<fuzz>") {
        if let Err(e) = format::verify::verify_module("__main__", &co) {
            panic!("compiler output fails verification: {e}");
        }
        let blob = format::container::encode_code(&co);
        assert!(format::container::decode_code(&blob).ok().as_ref() == Some(&co), "round trip");
    }
});
