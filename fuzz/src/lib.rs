//! Shared pieces of the fuzz targets (see README.md).

use std::rc::Rc;

/// Instructions a fuzzed program may execute before it is unwound.
pub const STEP_BUDGET: u64 = 200_000;

/// Loads every module of a `.pyb` image the way `pvm` would before running it (header, CRC,
/// table, decoding, verifier, conversion to runnable code). Returns the file when all of it is
/// accepted: only then may its code run (`pvm` would refuse it, exit 2, at the first import of
/// a bad module; the fuzz target must not exit).
pub fn load_all(image: &[u8]) -> Option<format::PybFile> {
    let f = format::PybFile::from_bytes(image.to_vec()).ok()?;
    for i in 0..f.table.modules.len() {
        let co = format::verify::load_verified(&f, i).ok()?;
        let _ = format::dis::disassemble(&co);
        SCRATCH.with(|v| vm::loader::load_code(&mut v.borrow_mut(), co).ok())?;
    }
    Some(f)
}

thread_local! {
    /// One VM for the conversions of `load_all`: a VM's built-in object graph has reference
    /// cycles, so making one per input would grow the process by ~20 KB each time.
    static SCRATCH: std::cell::RefCell<vm::Vm> = std::cell::RefCell::new(vm::Vm::new());
}

/// Runs an accepted image's main module with the step budget on a thread with pvm's stack
/// size; returns the exit status.
pub fn run_image(f: format::PybFile) -> i32 {
    let h = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || {
            let mut v = vm::Vm::new();
            v.steps_left = STEP_BUDGET;
            let code = vm::modules::run_main(&mut v, Rc::new(f), vec!["<fuzz>".into()]);
            v.out.clear();
            code
        })
        .expect("thread");
    h.join().expect("interpreter panicked")
}
