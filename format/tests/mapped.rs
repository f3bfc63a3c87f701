//! A `.pyb` file is memory-mapped; truncating it while it is mapped must give an error from the
//! reader, never a SIGBUS (issue #7: "a .pyb truncated while being read ... reported, not
//! crashed").

use format::code::{CodeObject, Constant, LineEntry, Position};
use format::container::{write_pyb, ModuleInput, PybFile, HEADER_LEN};

/// A module whose encoded code object spans many pages (a large string constant).
fn big_module(name: &str, fill: char) -> ModuleInput {
    let code = CodeObject {
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        stacksize: 1,
        flags: 0,
        code: vec![format::Opcode::LOAD_CONST as u8, 0, format::Opcode::RETURN_VALUE as u8, 0],
        consts: vec![Constant::Str(std::iter::repeat(fill).take(256 * 1024).collect())],
        names: vec![],
        varnames: vec![],
        cellvars: vec![],
        freevars: vec![],
        filename: format!("{name}.py"),
        name: "<module>".into(),
        qualname: "<module>".into(),
        firstlineno: 1,
        linetable: vec![LineEntry { start: 0, pos: Position { line: 1, end_line: 1, col: 0, end_col: 1 } }],
        exceptiontable: vec![],
    };
    ModuleInput { name: name.into(), is_package: false, filename: format!("{name}.py"), code, source: None }
}

fn temp_pyb(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pyb-mapped-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("app.pyb");
    let image = write_pyb(vec![big_module("a", 'a'), big_module("b", 'b')], None, 0, 0);
    std::fs::write(&path, image).unwrap();
    path
}

#[test]
fn mapped_file_reads_like_the_bytes() {
    let path = temp_pyb("ok");
    let f = PybFile::open(&path).expect("valid file opens");
    let b = f.find("b").unwrap();
    let code = f.load_module(b).unwrap();
    assert!(matches!(&code.consts[0], Constant::Str(s) if s.len() == 256 * 1024 && s.starts_with('b')));
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}

#[test]
fn truncation_while_mapped_is_an_error_not_a_crash() {
    let path = temp_pyb("trunc");
    let f = PybFile::open(&path).expect("valid file opens");
    // Another process shortens the file while pvm has it mapped.
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(HEADER_LEN as u64 + 16).unwrap();
    let mut refused = 0;
    for name in ["a", "b"] {
        let i = f.find(name).unwrap();
        match f.load_module(i) {
            // Bytes past the new end but on the last page read as zeros without a fault: the
            // decoder then refuses them as corrupt; a vanished page is reported as truncation.
            Err(e) if e.to_string().contains("truncated while being read") => refused += 1,
            Err(e) => assert!(e.to_string().contains("module '"), "{e}"),
            // Pages the reader already had in memory may still be readable on some kernels;
            // then the content must be the file's.
            Ok(code) => assert!(matches!(&code.consts[0], Constant::Str(s) if s.len() == 256 * 1024)),
        }
    }
    assert!(refused > 0, "reading past the new end must be reported");
    std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
}
