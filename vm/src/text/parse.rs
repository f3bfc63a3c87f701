//! `int(str, base)` and `float(str)` with CPython 3.11's rules
//! (`PyLong_FromUnicodeObject`/`PyLong_FromString`, `PyFloat_FromString`).

use super::repr::str_repr;
use super::unicode_tables::decimal_value;
use super::TextError;
use num_bigint::BigInt;
use num_traits::Zero;

/// CPython 3.11's default `sys.get_int_max_str_digits()`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: non-ASCII whitespace becomes `' '`,
/// non-ASCII decimal digits become their ASCII digit, anything else non-ASCII becomes `'?'`.
fn to_ascii(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c as u8
            } else if super::strmethods::is_space_char(c) {
                b' '
            } else if let Some(d) = decimal_value(c) {
                b'0' + d as u8
            } else {
                b'?'
            }
        })
        .collect()
}

fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => (b - b'0') as u32,
        b'a'..=b'z' => (b - b'a') as u32 + 10,
        b'A'..=b'Z' => (b - b'A') as u32 + 10,
        _ => 99,
    }
}

/// `int(s, base)` for a str `s` with the default 4300-digit limit.
/// See [`parse_int_with_limit`].
pub fn parse_int(s: &str, base: u32) -> Result<BigInt, TextError> {
    parse_int_with_limit(s, base, DEFAULT_MAX_STR_DIGITS)
}

/// `int(s, base)` for a str `s`: surrounding whitespace, one sign, optional `0x`/`0o`/`0b`
/// prefix (base 0 or the matching base), single underscores between digits (and after a
/// prefix), Unicode decimal digits; base 0 infers the base and rejects `010`.
/// Errors (ValueError): `int() base must be >= 2 and <= 36, or 0`,
/// `invalid literal for int() with base 10: '...'` (repr of `s`, cut to 200 characters),
/// and, when `max_digits > 0` and the base is not a power of two, `Exceeds the limit (4300
/// digits) for integer string conversion: value has N digits; use
/// sys.set_int_max_str_digits() to increase the limit`.
pub fn parse_int_with_limit(s: &str, base: u32, max_digits: usize) -> Result<BigInt, TextError> {
    if base == 1 || base > 36 {
        return Err(TextError::ValueError("int() base must be >= 2 and <= 36, or 0".into()));
    }
    let invalid = || {
        let r: String = str_repr(s).chars().take(200).collect();
        TextError::ValueError(format!("invalid literal for int() with base {}: {}", base, r))
    };
    let buf = to_ascii(s);
    let at = |i: usize| buf.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while is_ascii_space(at(i)) {
        i += 1;
    }
    let mut negative = false;
    if at(i) == b'+' {
        i += 1;
    } else if at(i) == b'-' {
        negative = true;
        i += 1;
    }
    let mut b = base;
    let mut error_if_nonzero = false;
    if b == 0 {
        b = match (at(i), at(i + 1)) {
            (b'0', b'x' | b'X') => 16,
            (b'0', b'o' | b'O') => 8,
            (b'0', b'b' | b'B') => 2,
            (b'0', _) => {
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    if at(i) == b'0'
        && ((b == 16 && matches!(at(i + 1), b'x' | b'X'))
            || (b == 8 && matches!(at(i + 1), b'o' | b'O'))
            || (b == 2 && matches!(at(i + 1), b'b' | b'B')))
    {
        i += 2;
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return Err(invalid());
    }
    let mut digits: Vec<u8> = Vec::new();
    let mut prev = 0u8;
    while i < buf.len() && (digit_value(at(i)) < b || at(i) == b'_') {
        let c = at(i);
        if c == b'_' {
            if prev == b'_' {
                return Err(invalid());
            }
        } else {
            digits.push(c);
        }
        prev = c;
        i += 1;
    }
    if prev == b'_' || digits.is_empty() {
        return Err(invalid());
    }
    if max_digits > 0 && b & (b - 1) != 0 && digits.len() > max_digits {
        return Err(TextError::ValueError(format!(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; \
             use sys.set_int_max_str_digits() to increase the limit",
            max_digits,
            digits.len()
        )));
    }
    while is_ascii_space(at(i)) {
        i += 1;
    }
    if i != buf.len() {
        return Err(invalid());
    }
    let v = BigInt::parse_bytes(&digits, b).ok_or_else(invalid)?;
    if error_if_nonzero && !v.is_zero() {
        return Err(invalid());
    }
    Ok(if negative { -v } else { v })
}

/// Checks the `float()` grammar: `[sign] (digits [. [digits]] | . digits) [(e|E) [sign] digits]`
/// or `[sign] (inf | infinity | nan)` in any case.
fn valid_float_syntax(b: &[u8]) -> bool {
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let rest = &b[i..];
    let lower: Vec<u8> = rest.iter().map(|c| c.to_ascii_lowercase()).collect();
    if lower == b"inf" || lower == b"infinity" || lower == b"nan" {
        return true;
    }
    let n_int = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut j = n_int;
    let mut n_frac = 0;
    if rest.get(j) == Some(&b'.') {
        j += 1;
        n_frac = rest[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        j += n_frac;
    }
    if n_int + n_frac == 0 {
        return false;
    }
    if matches!(rest.get(j), Some(b'e' | b'E')) {
        j += 1;
        if matches!(rest.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let n_exp = rest[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        if n_exp == 0 {
            return false;
        }
        j += n_exp;
    }
    j == rest.len()
}

/// `float(s)` for a str `s`: surrounding whitespace, Unicode decimal digits, underscores
/// only between digits, `inf`/`infinity`/`nan` in any case with optional sign, correctly
/// rounded; overflow gives `inf` as in CPython.  Error (ValueError):
/// `could not convert string to float: '...'` (repr of `s`).
pub fn parse_float(s: &str) -> Result<f64, TextError> {
    let invalid = || TextError::ValueError(format!("could not convert string to float: {}", str_repr(s)));
    let buf = to_ascii(s);
    let start = buf.iter().position(|&c| !is_ascii_space(c)).unwrap_or(buf.len());
    let end = buf.iter().rposition(|&c| !is_ascii_space(c)).map(|p| p + 1).unwrap_or(start);
    let body = &buf[start..end.max(start)];
    let mut clean: Vec<u8> = Vec::with_capacity(body.len());
    let mut prev = 0u8;
    for &c in body {
        if c == b'_' {
            if !prev.is_ascii_digit() {
                return Err(invalid());
            }
        } else {
            if prev == b'_' && !c.is_ascii_digit() {
                return Err(invalid());
            }
            clean.push(c);
        }
        prev = c;
    }
    if prev == b'_' || !valid_float_syntax(&clean) {
        return Err(invalid());
    }
    let text = std::str::from_utf8(&clean).map_err(|_| invalid())?;
    text.parse::<f64>().map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use super::*;

    // (input, base, expected "OK:<hex(value)>" or "E:<message>"), from python3.11 int(s, base).
    const INT_CASES: &[(&str, u32, &str)] = include!("testdata/parse_int.rs");
    // (input, expected "OK:<float bits hex>" or "E:<message>"), from python3.11 float(s).
    const FLOAT_CASES: &[(&str, &str)] = include!("testdata/parse_float.rs");

    #[test]
    fn parse_int_matches_python() {
        for &(s, base, want) in INT_CASES {
            let got = match parse_int(s, base) {
                Ok(v) => format!("OK:{}", crate::text::int_to_str_radix(&v, 16)),
                Err(e) => format!("E:{}", e.message()),
            };
            assert_eq!(got, want, "int({:?}, {})", s, base);
        }
    }

    #[test]
    fn parse_float_matches_python() {
        for &(s, want) in FLOAT_CASES {
            let got = match parse_float(s) {
                Ok(v) if v.is_nan() => "OK:nan".to_string(),
                Ok(v) => format!("OK:{:x}", v.to_bits()),
                Err(e) => format!("E:{}", e.message()),
            };
            assert_eq!(got, want, "float({:?})", s);
        }
    }
}
