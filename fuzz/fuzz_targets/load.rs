//! The `.pyb` loader and verifier on mutated real files (seed corpus): the image as given
//! (nearly always refused by the checksum), then resealed (length and CRC fixed up) so the
//! module table, the decoder, the verifier, the disassembler and the conversion to runnable
//! code see the mutation.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = pyb_fuzz::load_all(data);
    let mut v = data.to_vec();
    format::container::reseal(&mut v);
    let _ = pyb_fuzz::load_all(&v);
});
