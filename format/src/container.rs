//! The `.pyb` container: a fixed 40-byte header, then a payload made of a module table and one
//! encoded code object per module. See `SPEC.md` for the byte layout.

use crate::code::CodeObject;
use crate::mapped::MappedFile;
use bincode::{Decode, Encode};
use std::fmt;
use std::path::Path;

/// The 8-byte magic, PNG-style: a non-ASCII first byte, CR LF and ^Z catch text-mode damage.
pub const MAGIC: [u8; 8] = *b"\x89PYB\r\n\x1a\n";
/// Format major version: a reader refuses any other major.
pub const VERSION_MAJOR: u16 = 1;
/// Format minor version: a reader accepts files with a minor up to its own.
pub const VERSION_MINOR: u16 = 0;
/// Size of the fixed header in bytes.
pub const HEADER_LEN: usize = 40;
/// Upper bound on a payload, to refuse absurd lengths before allocating anything.
pub const MAX_PAYLOAD: u64 = 1 << 32;

/// Header flag bits.
pub mod header_flags {
    /// The file holds a bundle (a project) rather than a single module.
    pub const BUNDLE: u32 = 0x1;
    /// Docstrings and asserts were stripped (`--strip`, like `python3 -OO`).
    pub const STRIPPED: u32 = 0x2;
    /// Source lines are embedded for tracebacks.
    pub const EMBEDDED_SOURCE: u32 = 0x4;
}

/// One module of the module table. `offset`/`len` locate its encoded `CodeObject` inside the
/// payload (relative to the payload's first byte).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct ModuleEntry {
    /// Dotted module name (`pkg.sub`); the main module of a single-file build is `__main__`.
    pub name: String,
    /// True for a package's `__init__` module.
    pub is_package: bool,
    /// The path recorded for `__file__` and tracebacks (relative to the project root).
    pub filename: String,
    pub offset: u64,
    pub len: u64,
    /// Embedded source text (only with `EMBEDDED_SOURCE`), for tracebacks.
    pub source: Option<String>,
}

/// The module table at the start of the payload.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, Default)]
pub struct ModuleTable {
    /// Sorted by name.
    pub modules: Vec<ModuleEntry>,
    /// Index of the module to run as `__main__`, if any.
    pub main: Option<u32>,
}

/// A module given to the writer.
pub struct ModuleInput {
    pub name: String,
    pub is_package: bool,
    pub filename: String,
    pub code: CodeObject,
    pub source: Option<String>,
}

/// Why a file could not be read. `Display` gives the one-line message `pvm` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    Io(String),
    TooShort { len: usize },
    BadMagic,
    Version { major: u16, minor: u16 },
    Length { declared: u64, actual: u64 },
    Checksum { declared: u32, actual: u32 },
    Corrupt(String),
    NoSuchModule(String),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Io(e) => write!(f, "{e}"),
            FormatError::TooShort { len } => {
                write!(f, "truncated file: {len} bytes, shorter than the {HEADER_LEN}-byte header")
            }
            FormatError::BadMagic => write!(f, "not a .pyb file (bad magic number)"),
            FormatError::Version { major, minor } => {
                write!(f, "built by format {major}.{minor}, this pvm reads {VERSION_MAJOR}.{VERSION_MINOR}")
            }
            FormatError::Length { declared, actual } => {
                write!(f, "truncated or padded file: header declares {declared} payload bytes, found {actual}")
            }
            FormatError::Checksum { declared, actual } => {
                write!(f, "checksum mismatch (header {declared:08x}, payload {actual:08x}): file is corrupted")
            }
            FormatError::Corrupt(what) => write!(f, "corrupted file: {what}"),
            FormatError::NoSuchModule(m) => write!(f, "no module named '{m}' in the bundle"),
        }
    }
}

impl std::error::Error for FormatError {}

fn config() -> impl bincode::config::Config {
    bincode::config::standard().with_limit::<{ 1 << 32 }>()
}

/// FNV-1a 64-bit hash of source bytes, stored in the header so build tools can skip files
/// whose source did not change.
pub fn source_hash(src: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in src {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Encodes one code object with the format's bincode configuration.
pub fn encode_code(code: &CodeObject) -> Vec<u8> {
    bincode::encode_to_vec(code, config()).expect("encoding to a Vec cannot fail")
}

/// Builds a complete `.pyb` file image. Modules are sorted by name for deterministic output;
/// `main` names the module to run (`None` for a library bundle).
pub fn write_pyb(mut modules: Vec<ModuleInput>, main: Option<&str>, flags: u32, source_hash: u64) -> Vec<u8> {
    modules.sort_by(|a, b| a.name.cmp(&b.name));
    let blobs: Vec<Vec<u8>> = modules.iter().map(|m| encode_code(&m.code)).collect();
    let mut table = ModuleTable {
        modules: Vec::with_capacity(modules.len()),
        main: main.and_then(|n| modules.iter().position(|m| m.name == n).map(|i| i as u32)),
    };
    for m in &modules {
        table.modules.push(ModuleEntry {
            name: m.name.clone(),
            is_package: m.is_package,
            filename: m.filename.clone(),
            offset: 0,
            len: 0,
            source: m.source.clone(),
        });
    }
    // The table's encoded size depends on the offsets (varints), so iterate to a fixed point.
    let mut table_bytes = Vec::new();
    for _ in 0..8 {
        table_bytes = bincode::encode_to_vec(&table, config()).expect("encode table");
        let mut off = 4 + table_bytes.len() as u64;
        let mut changed = false;
        for (e, b) in table.modules.iter_mut().zip(&blobs) {
            if e.offset != off || e.len != b.len() as u64 {
                changed = true;
            }
            e.offset = off;
            e.len = b.len() as u64;
            off += b.len() as u64;
        }
        if !changed {
            break;
        }
    }
    let mut payload = Vec::new();
    payload.extend_from_slice(&(table_bytes.len() as u32).to_le_bytes());
    payload.extend_from_slice(&table_bytes);
    for b in &blobs {
        payload.extend_from_slice(b);
    }
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&VERSION_MAJOR.to_le_bytes());
    out.extend_from_slice(&VERSION_MINOR.to_le_bytes());
    out.extend_from_slice(&flags.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&source_hash.to_le_bytes());
    debug_assert_eq!(out.len(), HEADER_LEN);
    out.extend_from_slice(&payload);
    out
}

/// The parsed fixed header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub major: u16,
    pub minor: u16,
    pub flags: u32,
    pub payload_len: u64,
    pub crc32: u32,
    pub source_hash: u64,
}

/// Parses and checks the header of a file image (magic, version, declared length against the
/// actual length). Does not check the CRC.
pub fn read_header(bytes: &[u8]) -> Result<Header, FormatError> {
    if bytes.len() < 8 || bytes[..8] != MAGIC {
        if bytes.len() < 8 && MAGIC.starts_with(bytes) {
            return Err(FormatError::TooShort { len: bytes.len() });
        }
        return Err(FormatError::BadMagic);
    }
    if bytes.len() < HEADER_LEN {
        return Err(FormatError::TooShort { len: bytes.len() });
    }
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
    let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap());
    let u64_at = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().unwrap());
    let h = Header {
        major: u16_at(8),
        minor: u16_at(10),
        flags: u32_at(12),
        payload_len: u64_at(16),
        crc32: u32_at(24),
        source_hash: u64_at(32),
    };
    if h.major != VERSION_MAJOR || h.minor > VERSION_MINOR {
        return Err(FormatError::Version { major: h.major, minor: h.minor });
    }
    let actual = (bytes.len() - HEADER_LEN) as u64;
    if h.payload_len != actual || h.payload_len > MAX_PAYLOAD {
        return Err(FormatError::Length { declared: h.payload_len, actual });
    }
    Ok(h)
}

/// Rewrites the declared payload length and the CRC32 of a file image so they match its
/// current contents (no-op on an image shorter than the header). For fuzzing and corruption
/// tests: it turns an arbitrary edit of a real file into one that passes the checksum, so the
/// structural checks and the verifier behind it are exercised.
pub fn reseal(image: &mut [u8]) {
    if image.len() < HEADER_LEN {
        return;
    }
    let len = (image.len() - HEADER_LEN) as u64;
    image[16..24].copy_from_slice(&len.to_le_bytes());
    let crc = crc32fast::hash(&image[HEADER_LEN..]);
    image[24..28].copy_from_slice(&crc.to_le_bytes());
}

enum Backing {
    Owned(Vec<u8>),
    Static(&'static [u8]),
    Mapped(MappedFile),
}

impl Backing {
    fn bytes(&self) -> &[u8] {
        match self {
            Backing::Owned(v) => v,
            Backing::Static(b) => b,
            Backing::Mapped(m) => m.bytes(),
        }
    }

    /// Refuses an image whose file was truncated while mapped (see [`crate::mapped`]): what was
    /// read since may be zeros instead of the file's bytes.
    fn check_intact(&self) -> Result<(), FormatError> {
        match self {
            Backing::Mapped(m) if m.damaged() => Err(FormatError::Io("the file was truncated while being read".into())),
            _ => Ok(()),
        }
    }
}

/// A verified `.pyb` file: header and checksum checked, module table decoded. Code objects are
/// decoded on demand with [`PybFile::load_module`].
pub struct PybFile {
    backing: Backing,
    pub header: Header,
    pub table: ModuleTable,
}

impl PybFile {
    /// Maps and verifies the file at `path` (magic, version, length, CRC32, table).
    ///
    /// The file is memory-mapped read-only (memmap2) and guarded by [`crate::mapped`]: if it is
    /// truncated while mapped, the vanished pages read as zeros and the open (or a later
    /// [`PybFile::load_module`]) fails with "the file was truncated while being read" instead of
    /// the process dying of SIGBUS. Falls back to reading the file when it cannot be mapped.
    pub fn open(path: &Path) -> Result<PybFile, FormatError> {
        let io = |e: std::io::Error| FormatError::Io(format!("cannot read {}: {e}", path.display()));
        let file = std::fs::File::open(path).map_err(io)?;
        if file.metadata().map_err(io)?.len() == 0 {
            return Err(FormatError::TooShort { len: 0 });
        }
        match MappedFile::open(&file) {
            Ok(Some(m)) => Self::verify(Backing::Mapped(m)),
            _ => {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut &file, &mut bytes).map_err(io)?;
                if bytes.is_empty() {
                    return Err(FormatError::TooShort { len: 0 });
                }
                Self::verify(Backing::Owned(bytes))
            }
        }
    }

    /// Verifies an in-memory file image.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<PybFile, FormatError> {
        Self::verify(Backing::Owned(bytes))
    }

    /// Verifies a file image built into the binary (pvm's frozen standard library).
    pub fn from_static(bytes: &'static [u8]) -> Result<PybFile, FormatError> {
        Self::verify(Backing::Static(bytes))
    }

    fn verify(backing: Backing) -> Result<PybFile, FormatError> {
        let bytes = backing.bytes();
        let header = read_header(bytes)?;
        let payload = &bytes[HEADER_LEN..];
        let actual = crc32fast::hash(payload);
        backing.check_intact()?;
        if actual != header.crc32 {
            return Err(FormatError::Checksum { declared: header.crc32, actual });
        }
        if payload.len() < 4 {
            return Err(FormatError::Corrupt("missing module table".into()));
        }
        let tlen = u32::from_le_bytes(payload[..4].try_into().unwrap()) as usize;
        if tlen > payload.len() - 4 {
            return Err(FormatError::Corrupt("module table runs past the end".into()));
        }
        let (table, used): (ModuleTable, usize) = bincode::decode_from_slice(&payload[4..4 + tlen], config())
            .map_err(|e| FormatError::Corrupt(format!("module table: {e}")))?;
        if used != tlen {
            return Err(FormatError::Corrupt("module table has trailing bytes".into()));
        }
        for m in &table.modules {
            let end = m.offset.checked_add(m.len);
            if m.offset < 4 + tlen as u64 || end.map_or(true, |e| e > payload.len() as u64) {
                return Err(FormatError::Corrupt(format!("module '{}' out of bounds", m.name)));
            }
        }
        if let Some(i) = table.main {
            if i as usize >= table.modules.len() {
                return Err(FormatError::Corrupt("main module index out of range".into()));
            }
        }
        Ok(PybFile { backing, header, table })
    }

    fn payload(&self) -> &[u8] {
        &self.backing.bytes()[HEADER_LEN..]
    }

    /// Index of the module named `name` in the table.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.table.modules.binary_search_by(|m| m.name.as_str().cmp(name)).ok()
    }

    /// Decodes the code object of module `index` (structure only: see the verifier for the
    /// instruction-level checks).
    pub fn load_module(&self, index: usize) -> Result<CodeObject, FormatError> {
        let m = self.table.modules.get(index).ok_or_else(|| FormatError::NoSuchModule(format!("#{index}")))?;
        let blob = &self.payload()[m.offset as usize..(m.offset + m.len) as usize];
        let code = decode_code(blob).map_err(|e| FormatError::Corrupt(format!("module '{}': {e}", m.name)));
        self.backing.check_intact()?;
        code
    }
}

/// Decodes one code object encoded by [`encode_code`].
pub fn decode_code(blob: &[u8]) -> Result<CodeObject, String> {
    let (code, used): (CodeObject, usize) = bincode::decode_from_slice(blob, config()).map_err(|e| e.to_string())?;
    if used != blob.len() {
        return Err("trailing bytes after code object".into());
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::{Constant, LineEntry, Position};

    fn sample() -> CodeObject {
        CodeObject {
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            stacksize: 1,
            flags: 0,
            code: vec![5, 0, 28, 0],
            consts: vec![Constant::Int(42), Constant::Str("é".into())],
            names: vec![],
            varnames: vec![],
            cellvars: vec![],
            freevars: vec![],
            filename: "t.py".into(),
            name: "<module>".into(),
            qualname: "<module>".into(),
            firstlineno: 1,
            linetable: vec![LineEntry { start: 0, pos: Position { line: 1, end_line: 1, col: 0, end_col: 2 } }],
            exceptiontable: vec![],
        }
    }

    fn image() -> Vec<u8> {
        let m = ModuleInput {
            name: "__main__".into(),
            is_package: false,
            filename: "t.py".into(),
            code: sample(),
            source: None,
        };
        write_pyb(vec![m], Some("__main__"), 0, source_hash(b"42"))
    }

    #[test]
    fn round_trip() {
        let f = PybFile::from_bytes(image()).unwrap();
        assert_eq!(f.table.main, Some(0));
        assert_eq!(f.load_module(0).unwrap(), sample());
        assert_eq!(f.header.source_hash, source_hash(b"42"));
    }

    #[test]
    fn deterministic() {
        assert_eq!(image(), image());
    }

    #[test]
    fn every_truncation_and_flip_is_refused_or_decodes() {
        let img = image();
        for n in 0..img.len() {
            assert!(PybFile::from_bytes(img[..n].to_vec()).is_err(), "truncated at {n}");
        }
        for i in 0..img.len() {
            let mut bad = img.clone();
            bad[i] ^= 0x40;
            if let Ok(f) = PybFile::from_bytes(bad) {
                let _ = f.load_module(0);
            }
        }
    }

    #[test]
    fn version_message() {
        let mut img = image();
        img[8] = 9;
        let e = PybFile::from_bytes(img).err().unwrap();
        assert_eq!(e.to_string(), "built by format 9.0, this pvm reads 1.0");
    }
}
