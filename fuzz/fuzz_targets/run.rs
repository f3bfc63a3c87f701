//! Loader, verifier and interpreter on mutated real files (seed corpus, resealed): whatever
//! the verifier accepts runs under a step budget and must end in a Python-level outcome.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut v = data.to_vec();
    format::container::reseal(&mut v);
    if let Some(f) = pyb_fuzz::load_all(&v) {
        let _ = pyb_fuzz::run_image(f);
    }
});
