//! Reading the process's standard input so that Ctrl-C interrupts a blocked read.
//!
//! Rust's `Stdin::read_line`/`read_to_end` retry a read interrupted by a signal, so a program
//! waiting in `input()` would ignore Ctrl-C until the next line arrived. These readers go
//! through the same buffer (`StdinLock::fill_buf`, which reports `EINTR`) and, when a read is
//! interrupted and pvm's SIGINT flag is set, raise `KeyboardInterrupt` as CPython does.

use std::io::{BufRead, ErrorKind};

use crate::vm::{PyResult, Vm};

/// Reads bytes from stdin up to and including the next `\n` (or up to end of file when
/// `line` is false). Returns what was read: empty at end of file. A read error other than an
/// interruption ends the read like end of file (as before); Ctrl-C raises `KeyboardInterrupt`
/// (the bytes read so far stay consumed, as in CPython).
pub fn read(vm: &mut Vm, line: bool) -> PyResult<Vec<u8>> {
    vm.flush_out();
    let stdin = std::io::stdin();
    let mut lock = stdin.lock();
    let mut out = Vec::new();
    loop {
        let (used, done) = match lock.fill_buf() {
            Ok([]) => return Ok(out),
            Ok(buf) => match buf.iter().position(|&b| b == b'\n').filter(|_| line) {
                Some(i) => {
                    out.extend_from_slice(&buf[..=i]);
                    (i + 1, true)
                }
                None => {
                    out.extend_from_slice(buf);
                    (buf.len(), false)
                }
            },
            Err(e) if e.kind() == ErrorKind::Interrupted => {
                if let Some(exc) = crate::vm::take_interrupt(vm) {
                    return Err(exc);
                }
                continue;
            }
            Err(_) => return Ok(out),
        };
        lock.consume(used);
        if done {
            return Ok(out);
        }
    }
}
