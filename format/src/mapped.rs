//! A read-only memory mapping of a `.pyb` file that survives the file shrinking under it.
//!
//! `pvm` maps the file it runs (memmap2) instead of reading it. A mapped file that another
//! process truncates while we read it would normally kill us with `SIGBUS` on the first page past
//! the new end. Every [`MappedFile`] registers its address range in a small process-wide table;
//! a `SIGBUS` handler that finds the faulting address in a registered range replaces the whole
//! range with anonymous zero pages and marks it damaged, then returns, so the faulting read
//! completes (reading zeros). Readers check [`MappedFile::damaged`] after they have read what they
//! need (the container does so after the checksum and after decoding each module) and turn it
//! into a clear error. A `SIGBUS` anywhere else is passed on to the handler installed before ours
//! (Rust's own, or the default action).

use memmap2::Mmap;
use std::fs::File;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Once;

/// How many mappings can be guarded at once; a file opened while all slots are taken is read
/// into memory instead (see [`MappedFile::open`]).
const SLOTS: usize = 16;

struct Slot {
    /// Start address of the mapping (0: slot free).
    start: AtomicUsize,
    /// Length in bytes.
    len: AtomicUsize,
    /// Set by the signal handler when a page of the mapping vanished.
    damaged: AtomicBool,
}

#[allow(clippy::declare_interior_mutable_const)]
const FREE: Slot = Slot { start: AtomicUsize::new(0), len: AtomicUsize::new(0), damaged: AtomicBool::new(false) };
static TABLE: [Slot; SLOTS] = [FREE; SLOTS];
static INSTALL: Once = Once::new();
/// The `SIGBUS` action that was in place before ours (written once, before ours is installed).
static mut PREVIOUS: Option<libc::sigaction> = None;

/// A read-only mapping of a whole file, guarded against the file being truncated.
pub struct MappedFile {
    map: Mmap,
    slot: usize,
}

impl MappedFile {
    /// Maps `file` (which must be non-empty) read-only. Returns `Ok(None)` when every guard slot
    /// is in use, so the caller reads the file instead; `Err` when mapping fails.
    pub fn open(file: &File) -> std::io::Result<Option<MappedFile>> {
        INSTALL.call_once(install_handler);
        // SAFETY: the mapping is read-only and private; the only way its contents can change
        // under us is the file being modified or truncated by another process. Truncation is
        // caught by the SIGBUS guard registered below before any byte is read; modification in
        // place can only change bytes, which the container's checksum and decoders treat as
        // untrusted input anyway (nothing relies on the bytes staying the same after checking).
        let map = unsafe { Mmap::map(file)? };
        let start = map.as_ptr() as usize;
        for (i, s) in TABLE.iter().enumerate() {
            if s.start.compare_exchange(0, start, Ordering::AcqRel, Ordering::Acquire).is_ok() {
                s.damaged.store(false, Ordering::Release);
                s.len.store(map.len(), Ordering::Release);
                return Ok(Some(MappedFile { map, slot: i }));
            }
        }
        Ok(None)
    }

    /// The mapped bytes. After a truncation the vanished part reads as zeros.
    pub fn bytes(&self) -> &[u8] {
        &self.map
    }

    /// True when part of the file vanished while mapped (the bytes read since are not the
    /// file's).
    pub fn damaged(&self) -> bool {
        TABLE[self.slot].damaged.load(Ordering::Acquire)
    }
}

impl Drop for MappedFile {
    fn drop(&mut self) {
        let s = &TABLE[self.slot];
        s.len.store(0, Ordering::Release);
        s.start.store(0, Ordering::Release);
    }
}

fn install_handler() {
    // SAFETY: plain sigaction calls with zero-initialised structs; PREVIOUS is written here,
    // exactly once (inside `Once`), before our handler can run, and only read by the handler.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        let mut act: libc::sigaction = std::mem::zeroed();
        act.sa_sigaction = on_sigbus as *const () as usize;
        act.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK | libc::SA_NODEFER;
        libc::sigemptyset(&mut act.sa_mask);
        if libc::sigaction(libc::SIGBUS, std::ptr::null(), &mut old) != 0 {
            return;
        }
        PREVIOUS = Some(old);
        libc::sigaction(libc::SIGBUS, &act, std::ptr::null_mut());
    }
}

extern "C" fn on_sigbus(sig: libc::c_int, info: *mut libc::siginfo_t, ctx: *mut libc::c_void) {
    // SAFETY: `info` is the kernel-provided siginfo of a SA_SIGINFO handler. The handler only
    // uses async-signal-safe operations: atomics, `mmap` (a raw system call on Linux) and
    // `sigaction`/calling the previous handler.
    unsafe {
        let addr = (*info).si_addr() as usize;
        for s in TABLE.iter() {
            let start = s.start.load(Ordering::Acquire);
            let len = s.len.load(Ordering::Acquire);
            if start != 0 && addr >= start && addr < start + len {
                let page = libc::sysconf(libc::_SC_PAGESIZE).max(1) as usize;
                let span = len.div_ceil(page) * page;
                let flags = libc::MAP_PRIVATE | libc::MAP_FIXED | libc::MAP_ANONYMOUS;
                let p = libc::mmap(start as *mut libc::c_void, span, libc::PROT_READ, flags, -1, 0);
                if p != libc::MAP_FAILED {
                    s.damaged.store(true, Ordering::Release);
                    return;
                }
            }
        }
        // Not ours: hand over to whoever was there before.
        let prev = std::ptr::addr_of!(PREVIOUS).read();
        match prev {
            Some(old) if old.sa_sigaction == libc::SIG_IGN => {}
            Some(old) if old.sa_sigaction != libc::SIG_DFL => {
                if old.sa_flags & libc::SA_SIGINFO != 0 {
                    let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                        std::mem::transmute(old.sa_sigaction);
                    f(sig, info, ctx);
                } else {
                    let f: extern "C" fn(libc::c_int) = std::mem::transmute(old.sa_sigaction);
                    f(sig);
                }
            }
            _ => {
                // Default action: restore it and return; the faulting access repeats and the
                // process ends with SIGBUS as it would have without us.
                let mut dfl: libc::sigaction = std::mem::zeroed();
                dfl.sa_sigaction = libc::SIG_DFL;
                libc::sigaction(libc::SIGBUS, &dfl, std::ptr::null_mut());
            }
        }
    }
}
