//! Python `str` values that Rust `String` cannot hold directly.
//!
//! A Python string may contain lone surrogates (`"\ud800"`), which are not Unicode scalar
//! values. The AST keeps string constants as Rust `String`s ([`crate::ast::ConstValue::Str`]),
//! so the front end stores each lone surrogate `U+D800 + s` as two characters: the noncharacter
//! [`MARKER`] (U+FDD0, reserved by Unicode for internal use) followed by `U+F0000 + s`. A genuine
//! U+FDD0 in a literal is stored as two markers. Everything else is stored as is.
//! Consumers that need the exact code points use [`code_points`]; strings without a marker (all
//! ordinary programs) need no decoding.

/// The escape character (U+FDD0, a Unicode noncharacter).
pub const MARKER: char = '\u{FDD0}';
const SURR_BASE: u32 = 0xF0000;

/// Appends code point `cp` (any value below 0x110000, surrogates included) to `out`.
pub fn push_code_point(out: &mut String, cp: u32) {
    if (0xD800..0xE000).contains(&cp) {
        out.push(MARKER);
        out.push(char::from_u32(SURR_BASE + (cp - 0xD800)).unwrap_or(MARKER));
    } else if cp == MARKER as u32 {
        out.push(MARKER);
        out.push(MARKER);
    } else if let Some(c) = char::from_u32(cp) {
        out.push(c);
    }
}

/// Appends source text to a string constant, escaping any genuine U+FDD0.
pub fn push_text(out: &mut String, s: &str) {
    if s.contains(MARKER) {
        for c in s.chars() {
            push_code_point(out, c as u32);
        }
    } else {
        out.push_str(s);
    }
}

/// Whether `s` contains encoded code points (surrogates or an escaped U+FDD0).
pub fn is_encoded(s: &str) -> bool {
    s.contains(MARKER)
}

/// The Python code points of a stored string constant.
pub fn code_points(s: &str) -> Vec<u32> {
    let mut v = Vec::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == MARKER {
            match it.next() {
                Some(MARKER) | None => v.push(MARKER as u32),
                Some(d) => {
                    let x = d as u32;
                    if (SURR_BASE..SURR_BASE + 0x800).contains(&x) {
                        v.push(0xD800 + (x - SURR_BASE));
                    } else {
                        v.push(MARKER as u32);
                        v.push(x);
                    }
                }
            }
        } else {
            v.push(c as u32);
        }
    }
    v
}
