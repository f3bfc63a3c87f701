//! `repr()` / `ascii()` of str and `repr()` of bytes, as CPython 3.11 does them.

use super::unicode_tables::{in_table, NONPRINTABLE};

/// Python's `str.isprintable()` for one character (Unicode 14 data from Python 3.11):
/// false for categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than the ASCII space.
pub fn is_printable_char(c: char) -> bool {
    if (c as u32) < 0x7f {
        return c >= ' ';
    }
    !in_table(NONPRINTABLE, c)
}

fn push_hex(out: &mut String, prefix: &str, v: u32, width: usize) {
    out.push_str(prefix);
    out.push_str(&format!("{:0width$x}", v, width = width));
}

/// `repr(s)` for a Python str: single quotes unless `s` contains `'` and no `"`;
/// escapes `\\`, the quote, `\t \n \r`; other non-printable characters as `\xNN`,
/// `\uNNNN` or `\UNNNNNNNN`; printable non-ASCII characters are kept.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        let v = c as u32;
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(c);
            }
            _ if v < 0x20 || v == 0x7f => push_hex(&mut out, "\\x", v, 2),
            _ if v < 0x7f => out.push(c),
            _ if is_printable_char(c) => out.push(c),
            _ if v <= 0xff => push_hex(&mut out, "\\x", v, 2),
            _ if v <= 0xffff => push_hex(&mut out, "\\u", v, 4),
            _ => push_hex(&mut out, "\\U", v, 8),
        }
    }
    out.push(quote);
    out
}

/// Replaces every non-ASCII character by `\xNN`, `\uNNNN` or `\UNNNNNNNN` (the
/// `backslashreplace` error handler), which turns `repr(x)` into `ascii(x)`.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let v = c as u32;
        if v < 0x80 {
            out.push(c);
        } else if v <= 0xff {
            push_hex(&mut out, "\\x", v, 2);
        } else if v <= 0xffff {
            push_hex(&mut out, "\\u", v, 4);
        } else {
            push_hex(&mut out, "\\U", v, 8);
        }
    }
    out
}

/// `ascii(s)` for a Python str: `repr(s)` with non-ASCII characters escaped.
pub fn ascii_repr(s: &str) -> String {
    ascii_escape(&str_repr(s))
}

/// `repr(b)` for Python bytes: `b'...'` (double quotes if the data contains `'` and no `"`),
/// escapes `\\`, the quote, `\t \n \r`, and `\xNN` for bytes < 0x20 or >= 0x7f.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            _ if !(0x20..0x7f).contains(&c) => push_hex(&mut out, "\\x", c as u32, 2),
            _ => out.push(c as char),
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // (input, repr, ascii) generated with python3.11.
    const STR_CASES: &[(&str, &str, &str)] = include!("testdata/str_repr.rs");
    // (input bytes, repr) generated with python3.11.
    const BYTES_CASES: &[(&[u8], &str)] = include!("testdata/bytes_repr.rs");

    #[test]
    fn str_repr_matches_python() {
        for &(s, r, a) in STR_CASES {
            assert_eq!(str_repr(s), r, "{:?}", s);
            assert_eq!(ascii_repr(s), a, "{:?}", s);
        }
    }

    #[test]
    fn bytes_repr_matches_python() {
        for &(b, r) in BYTES_CASES {
            assert_eq!(bytes_repr(b), r, "{:?}", b);
        }
    }

    #[test]
    fn printable_table_spot_checks() {
        // Every code point's printability, checked against python3.11 via a hash of
        // the sequence of booleans for 0..0x110000 (surrogates count as non-printable).
        let mut h: u64 = 0xcbf29ce484222325;
        for v in 0..0x110000u32 {
            let p = char::from_u32(v).map(is_printable_char).unwrap_or(false);
            h = (h ^ p as u64).wrapping_mul(0x100000001b3);
        }
        assert_eq!(h, include!("testdata/printable_hash.rs"));
    }
}
