//! Source decoding as CPython does before tokenizing: UTF-8 BOM and PEP 263 coding cookies.

use crate::error::{ErrorKind, SyntaxError};

/// Finds a PEP 263 cookie (`coding[:=]name`) in a comment line; returns the raw name.
fn cookie_in_line(line: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < line.len() && matches!(line[i], b' ' | b'\t' | b'\x0c') {
        i += 1;
    }
    if line.get(i) != Some(&b'#') {
        return None;
    }
    let rest = &line[i..];
    let mut k = 0;
    while k + 7 <= rest.len() {
        if &rest[k..k + 6] == b"coding" && matches!(rest[k + 6], b':' | b'=') {
            let mut j = k + 7;
            while j < rest.len() && matches!(rest[j], b' ' | b'\t') {
                j += 1;
            }
            let st = j;
            while j < rest.len() && (rest[j].is_ascii_alphanumeric() || matches!(rest[j], b'-' | b'_' | b'.')) {
                j += 1;
            }
            if j > st {
                return Some(String::from_utf8_lossy(&rest[st..j]).into_owned());
            }
        }
        k += 1;
    }
    None
}

/// CPython's `get_normal_name`: `utf-8` and `iso-8859-1` aliases normalized.
pub fn normal_encoding_name(name: &str) -> String {
    let lower: String = name.chars().take(12).map(|c| if c == '_' { '-' } else { c.to_ascii_lowercase() }).collect();
    if lower == "utf-8" || lower.starts_with("utf-8-") {
        return "utf-8".into();
    }
    for p in ["latin-1", "iso-8859-1", "iso-latin-1"] {
        if lower == p || lower.starts_with(&format!("{p}-")) {
            return "iso-8859-1".into();
        }
    }
    name.to_string()
}

fn is_blank_or_comment(line: &[u8]) -> bool {
    let mut i = 0;
    while i < line.len() && matches!(line[i], b' ' | b'\t' | b'\x0c') {
        i += 1;
    }
    i >= line.len() || matches!(line[i], b'#' | b'\n' | b'\r')
}

/// Returns the declared encoding (normalized as CPython's tokenizer does) and whether a BOM was
/// present, or the CPython error message (without line information).
pub fn detect_encoding(bytes: &[u8]) -> Result<(String, bool), String> {
    let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let mut lines = body.split_inclusive(|&b| b == b'\n');
    let l1 = lines.next().unwrap_or(b"");
    let mut cookie = cookie_in_line(l1);
    if cookie.is_none() && is_blank_or_comment(l1) {
        if let Some(l2) = lines.next() {
            cookie = cookie_in_line(l2);
        }
    }
    match cookie {
        None => Ok(("utf-8".into(), bom)),
        Some(c) => {
            let n = normal_encoding_name(&c);
            if bom && n != "utf-8" {
                return Err(format!("encoding problem: {c} with BOM"));
            }
            Ok((n, bom))
        }
    }
}

/// Decodes source bytes to text as CPython does: strips a UTF-8 BOM, honours a coding cookie on
/// line 1 or 2 (utf-8, latin-1/iso-8859-1, ascii, cp1252-free single-byte Latin-1 aliases),
/// and reports CPython's SyntaxError for unknown encodings or undecodable bytes.
pub fn decode_source(bytes: &[u8], filename: &str) -> Result<String, SyntaxError> {
    let (enc, bom) = detect_encoding(bytes).map_err(|m| SyntaxError::new(ErrorKind::SyntaxError, m, 0, 0))?;
    let body = if bom { &bytes[3..] } else { bytes };
    if let Some(pos) = body.iter().position(|&b| b == 0) {
        // CPython checks this before tokenizing (when running a file).
        let line = body[..pos].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        return Err(SyntaxError::new(ErrorKind::SyntaxError, "source code cannot contain null bytes", line, 0));
    }
    decode_with(body, &enc, filename)
}

/// Decodes `body` (no BOM) with the named encoding (as returned by [`detect_encoding`]).
pub fn decode_source_with(body: &[u8], enc: &str) -> Result<String, SyntaxError> {
    decode_with(body, enc, "<source>")
}

fn decode_with(body: &[u8], enc: &str, filename: &str) -> Result<String, SyntaxError> {
    let lower = enc.to_ascii_lowercase().replace('_', "-");
    match lower.as_str() {
        "utf-8" | "utf8" => match std::str::from_utf8(body) {
            Ok(s) => Ok(s.to_string()),
            Err(e) => {
                let pos = e.valid_up_to();
                let line = body[..pos].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                // CPython decodes line by line while tokenizing: an error in the lines before
                // the undecodable one is reported instead.
                let line_start = body[..pos].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                if let Ok(prefix) = std::str::from_utf8(&body[..line_start]) {
                    if let Err(pe) = crate::parser::parse_module(prefix, filename) {
                        // Errors caused by the truncation itself do not count.
                        let at_eof = pe.msg.ends_with("was never closed")
                            || pe.msg.starts_with("unexpected EOF")
                            || pe.msg.starts_with("unterminated triple-quoted");
                        let block_at_end = pe.msg.starts_with("expected an indented block") && pe.lineno + 1 >= line;
                        if pe.lineno > 0 && pe.lineno < line && !at_eof && !block_at_end {
                            return Err(pe);
                        }
                    }
                }
                let msg = format!(
                    "Non-UTF-8 code starting with '\\x{:02x}' in file {} on line {}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                    body[pos], filename, line
                );
                Err(SyntaxError::new(ErrorKind::SyntaxError, msg, line, 0))
            }
        },
        "iso-8859-1" | "latin1" | "latin-1" | "l1" | "iso8859-1" => Ok(body.iter().map(|&b| b as char).collect()),
        "ascii" | "us-ascii" | "646" => {
            if let Some(pos) = body.iter().position(|&b| b >= 0x80) {
                let line = body[..pos].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                return Err(SyntaxError::new(
                    ErrorKind::SyntaxError,
                    format!(
                        "(unicode error) 'ascii' codec can't decode byte 0x{:02x} in position {}: ordinal not in range(128)",
                        body[pos], pos
                    ),
                    line,
                    0,
                ));
            }
            Ok(String::from_utf8_lossy(body).into_owned())
        }
        other => {
            for (aliases, table) in crate::source_tables::SINGLE_BYTE {
                if aliases.contains(&other) {
                    let mut s = String::with_capacity(body.len());
                    for (pos, &b) in body.iter().enumerate() {
                        if b < 0x80 {
                            s.push(b as char);
                            continue;
                        }
                        match char::from_u32(table[(b - 0x80) as usize] as u32) {
                            Some(c) if table[(b - 0x80) as usize] != 0xFFFF => s.push(c),
                            _ => {
                                let line = body[..pos].iter().filter(|&&x| x == b'\n').count() as u32 + 1;
                                return Err(SyntaxError::new(
                                    ErrorKind::SyntaxError,
                                    format!("(unicode error) '{other}' codec can't decode byte 0x{b:02x} in position {pos}: character maps to <undefined>"),
                                    line,
                                    0,
                                ));
                            }
                        }
                    }
                    return Ok(s);
                }
            }
            Err(SyntaxError::new(ErrorKind::SyntaxError, format!("encoding problem: {enc}"), 0, 0))
        }
    }
}
