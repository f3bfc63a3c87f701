//! `str.encode` / `bytes.decode` for utf-8, ascii and latin-1 with the standard error
//! handlers (strict, ignore, replace, backslashreplace, xmlcharrefreplace, namereplace is
//! treated as backslashreplace), and CPython's UnicodeError messages.

use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A supported encoding.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Ascii,
    Latin1,
    /// UTF-16: Some(true) little-endian, Some(false) big-endian, None with BOM.
    Utf16(Option<bool>),
    /// UTF-32, same convention.
    Utf32(Option<bool>),
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Utf16(_) => "utf-16",
            Codec::Utf32(_) => "utf-32",
        }
    }
    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => 0x110000,
            Codec::Ascii => 128,
            Codec::Latin1 => 256,
            _ => 0x110000,
        }
    }
}

/// Looks an encoding name up (`LookupError: unknown encoding: X`).
pub fn lookup(vm: &mut Vm, name: &str) -> PyResult<Codec> {
    let n: String = name.trim().to_ascii_lowercase().replace('_', "-");
    Ok(match n.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Codec::Utf8,
        "ascii" | "us-ascii" | "646" => Codec::Ascii,
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "latin" | "8859" | "cp819" | "iso-ir-100" => {
            Codec::Latin1
        }
        "utf-16" | "utf16" => Codec::Utf16(None),
        "utf-16-le" | "utf-16le" => Codec::Utf16(Some(true)),
        "utf-16-be" | "utf-16be" => Codec::Utf16(Some(false)),
        "utf-32" | "utf32" => Codec::Utf32(None),
        "utf-32-le" | "utf-32le" => Codec::Utf32(Some(true)),
        "utf-32-be" | "utf-32be" => Codec::Utf32(Some(false)),
        _ => return Err(exc(vm, "LookupError", format!("unknown encoding: {name}"))),
    })
}

fn exc(vm: &mut Vm, ty: &str, msg: String) -> Value {
    let t = vm.t.all_exc.iter().find(|t| t.name() == ty).cloned().unwrap_or_else(|| vm.t.value_error.clone());
    vm.new_exc(&t, msg)
}

fn check_errors(vm: &mut Vm, errors: &str) -> PyResult<()> {
    match errors {
        "strict" | "ignore" | "replace" | "backslashreplace" | "xmlcharrefreplace" | "namereplace"
        | "surrogateescape" | "surrogatepass" => Ok(()),
        _ => Err(exc(vm, "LookupError", format!("unknown error handler name '{errors}'"))),
    }
}

/// Encodes `s`.
pub fn encode(vm: &mut Vm, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let c = lookup(vm, encoding)?;
    match c {
        Codec::Utf8 => return Ok(s.as_bytes().to_vec()),
        Codec::Utf16(le) => {
            let mut out = Vec::new();
            if le.is_none() {
                out.extend([0xff, 0xfe]);
            }
            for u in s.encode_utf16() {
                out.extend(if le == Some(false) { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            return Ok(out);
        }
        Codec::Utf32(le) => {
            let mut out = Vec::new();
            if le.is_none() {
                out.extend([0xff, 0xfe, 0, 0]);
            }
            for ch in s.chars() {
                let u = ch as u32;
                out.extend(if le == Some(false) { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            return Ok(out);
        }
        _ => {}
    }
    let limit = c.limit();
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        if (ch as u32) < limit {
            out.push(ch as u32 as u8);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j] as u32 >= limit {
            j += 1;
        }
        match errors {
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat(b'?').take(j - i)),
            "backslashreplace" | "namereplace" => {
                for &c in &chars[i..j] {
                    out.extend(crate::text::ascii_escape(&c.to_string()).bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &c in &chars[i..j] {
                    out.extend(format!("&#{};", c as u32).bytes());
                }
            }
            _ => {
                check_errors(vm, errors)?;
                let reason = format!("ordinal not in range({limit})");
                let msg = if j - i == 1 {
                    let r = crate::text::ascii_escape(&ch.to_string());
                    let r = if r.starts_with('\\') { r } else { format!("{r}") };
                    format!("'{}' codec can't encode character '{}' in position {i}: {reason}", c.name(), r)
                } else {
                    format!("'{}' codec can't encode characters in position {i}-{}: {reason}", c.name(), j - 1)
                };
                return Err(exc(vm, "UnicodeEncodeError", msg));
            }
        }
        i = j;
    }
    Ok(out)
}

fn decode_fail(vm: &mut Vm, c: Codec, b: &[u8], start: usize, end: usize, reason: &str) -> Value {
    let msg = if end - start == 1 {
        format!("'{}' codec can't decode byte 0x{:02x} in position {start}: {reason}", c.name(), b[start])
    } else {
        format!("'{}' codec can't decode bytes in position {start}-{}: {reason}", c.name(), end - 1)
    };
    exc(vm, "UnicodeDecodeError", msg)
}

fn handle(
    vm: &mut Vm,
    out: &mut String,
    c: Codec,
    b: &[u8],
    start: usize,
    end: usize,
    reason: &str,
    errors: &str,
) -> PyResult<()> {
    match errors {
        "ignore" => Ok(()),
        "replace" => {
            out.push('\u{fffd}');
            Ok(())
        }
        "backslashreplace" => {
            for &x in &b[start..end] {
                out.push_str(&format!("\\x{x:02x}"));
            }
            Ok(())
        }
        _ => {
            check_errors(vm, errors)?;
            Err(decode_fail(vm, c, b, start, end, reason))
        }
    }
}

/// Decodes `b`.
pub fn decode(vm: &mut Vm, b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let c = lookup(vm, encoding)?;
    match c {
        Codec::Latin1 => Ok(b.iter().map(|&x| x as char).collect()),
        Codec::Utf16(le) => {
            let (mut le, mut body) = (le.unwrap_or(true), b);
            if c == Codec::Utf16(None) && b.len() >= 2 {
                if b[..2] == [0xff, 0xfe] {
                    body = &b[2..];
                } else if b[..2] == [0xfe, 0xff] {
                    le = false;
                    body = &b[2..];
                }
            }
            let units: Vec<u16> = body
                .chunks(2)
                .filter(|c| c.len() == 2)
                .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
                .collect();
            let mut out = String::new();
            for r in char::decode_utf16(units) {
                match r {
                    Ok(ch) => out.push(ch),
                    Err(_) if errors == "replace" => out.push('\u{fffd}'),
                    Err(_) if errors == "ignore" => {}
                    Err(_) => {
                        return Err(exc(
                            vm,
                            "UnicodeDecodeError",
                            "'utf-16' codec can't decode bytes: illegal encoding".into(),
                        ))
                    }
                }
            }
            if body.len() % 2 == 1 && errors == "strict" {
                let n = b.len() - 1;
                return Err(exc(
                    vm,
                    "UnicodeDecodeError",
                    format!("'utf-16-le' codec can't decode byte 0x{:02x} in position {n}: truncated data", b[n]),
                ));
            }
            Ok(out)
        }
        Codec::Utf32(le) => {
            let (mut le, mut body) = (le.unwrap_or(true), b);
            if c == Codec::Utf32(None) && b.len() >= 4 {
                if b[..4] == [0xff, 0xfe, 0, 0] {
                    body = &b[4..];
                } else if b[..4] == [0, 0, 0xfe, 0xff] {
                    le = false;
                    body = &b[4..];
                }
            }
            let mut out = String::new();
            for c in body.chunks(4) {
                let ok = c.len() == 4;
                let u = if !ok {
                    u32::MAX
                } else if le {
                    u32::from_le_bytes([c[0], c[1], c[2], c[3]])
                } else {
                    u32::from_be_bytes([c[0], c[1], c[2], c[3]])
                };
                match char::from_u32(u) {
                    Some(ch) => out.push(ch),
                    None if errors == "replace" => out.push('\u{fffd}'),
                    None if errors == "ignore" => {}
                    None => {
                        return Err(exc(
                            vm,
                            "UnicodeDecodeError",
                            "'utf-32' codec can't decode bytes: code point not in range(0x110000)".into(),
                        ))
                    }
                }
            }
            Ok(out)
        }
        Codec::Ascii => {
            let mut out = String::with_capacity(b.len());
            for (i, &x) in b.iter().enumerate() {
                if x < 128 {
                    out.push(x as char);
                } else {
                    handle(vm, &mut out, c, b, i, i + 1, "ordinal not in range(128)", errors)?;
                }
            }
            Ok(out)
        }
        Codec::Utf8 => {
            let mut out = String::with_capacity(b.len());
            let mut pos = 0;
            loop {
                match std::str::from_utf8(&b[pos..]) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(out);
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&b[pos..pos + good]).unwrap_or_default());
                        let start = pos + good;
                        let (end, reason) = match e.error_len() {
                            None => (b.len(), "unexpected end of data"),
                            Some(n) => {
                                let x = b[start];
                                let bad_start = n == 1 && (x < 0xc2 || x > 0xf4);
                                (start + n, if bad_start { "invalid start byte" } else { "invalid continuation byte" })
                            }
                        };
                        handle(vm, &mut out, c, b, start, end, reason, errors)?;
                        pos = end;
                        if pos >= b.len() {
                            return Ok(out);
                        }
                    }
                }
            }
        }
    }
}
