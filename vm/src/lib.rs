//! `pvm`'s library: the value model, object model, interpreter loop, built-in types and
//! functions, and the native modules. See DESIGN.md for the architecture.

pub mod agen;
pub mod attr;
pub mod builtins;
pub mod carets;
pub mod classes;
pub mod descr;
pub mod dict;
pub mod egroup;
pub mod exceptions;
pub mod fastcall;
pub mod frameobj;
pub mod frames;
pub mod gc;
pub mod generator;
pub mod interp;
pub mod loader;
pub mod matching;
pub mod modules;
pub mod native_class;
pub mod num;
pub mod object;
pub mod ops;
pub mod repr;
pub mod stdin;
pub mod suggest;
pub mod tbformat;
pub mod text;
pub mod types;
pub mod types_registry;
pub mod value;
pub mod vm;

pub use value::Value;
pub use vm::Vm;

/// Runs a verified bundle as `__main__`; returns the exit status.
pub fn run_bundle(file: format::PybFile, argv: Vec<String>) -> i32 {
    let mut vm = Vm::new();
    let code = modules::run_main(&mut vm, std::rc::Rc::new(file), argv);
    vm.flush_out();
    code
}
