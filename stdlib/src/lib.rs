//! The pure-Python part of pvm's standard library, frozen: the `.py` sources under `lib/` are
//! compiled at build time (see `build.rs`) into one `.pyb` bundle image embedded here. `pvm`
//! decodes a module from it only when a program imports that module.
//!
//! Most sources are CPython 3.11's own (PSF license, see `lib/LICENSE`), some adapted where
//! CPython generates code at run time with `exec` (pvm carries no compiler).

/// The frozen bundle image: a `.pyb` file (header, module table, code objects) whose module
/// names are the dotted import names (`json`, `json.decoder`) and whose file names are
/// `<frozen NAME>`, as CPython shows its frozen modules in tracebacks.
pub static FROZEN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/stdlib.pyb"));
