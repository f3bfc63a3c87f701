//! Character predicates and case mappings used by the `_sre` engine, with CPython's
//! definitions (`Modules/_sre/sre.c`): ASCII, locale (treated as the C locale) and Unicode
//! variants of digit / space / word / line-break, and simple (single code point) case mappings.

use crate::text::strmethods as sm;
use crate::text::unicode_tables as t;

use super::constants::*;

/// Looks `c` up in a full case-mapping table and returns the first code point of the mapping
/// (what CPython's `_PyUnicode_ToLowercase`/`_PyUnicode_ToUppercase` return).
fn map_first(map: &'static [(u32, &'static str)], c: u32) -> u32 {
    match map.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => map[i].1.chars().next().map(|x| x as u32).unwrap_or(c),
        Err(_) => c,
    }
}

/// `sre_lower_ascii`.
#[inline]
pub fn lower_ascii(c: u32) -> u32 {
    if (b'A' as u32..=b'Z' as u32).contains(&c) {
        c + 32
    } else {
        c
    }
}

/// `sre_upper_ascii`.
#[inline]
pub fn upper_ascii(c: u32) -> u32 {
    if (b'a' as u32..=b'z' as u32).contains(&c) {
        c - 32
    } else {
        c
    }
}

/// `sre_lower_locale` in the C locale (bytes patterns only ever see values below 256).
#[inline]
pub fn lower_locale(c: u32) -> u32 {
    lower_ascii(c)
}

/// `sre_upper_locale` in the C locale.
#[inline]
pub fn upper_locale(c: u32) -> u32 {
    upper_ascii(c)
}

/// `sre_lower_unicode` (`_PyUnicode_ToLowercase`).
#[inline]
pub fn lower_unicode(c: u32) -> u32 {
    if c < 128 {
        return lower_ascii(c);
    }
    map_first(t::LOWER_MAP, c)
}

/// `sre_upper_unicode` (`_PyUnicode_ToUppercase`).
#[inline]
pub fn upper_unicode(c: u32) -> u32 {
    if c < 128 {
        return upper_ascii(c);
    }
    map_first(t::UPPER_MAP, c)
}

fn as_char(c: u32) -> Option<char> {
    char::from_u32(c)
}

#[inline]
fn is_digit(c: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&c)
}

#[inline]
fn is_space(c: u32) -> bool {
    matches!(c, 0x09..=0x0d | 0x20)
}

/// `SRE_IS_WORD`: ASCII letters, digits and underscore.
#[inline]
pub fn is_word(c: u32) -> bool {
    c < 128 && ((c as u8).is_ascii_alphanumeric() || c == b'_' as u32)
}

/// `SRE_LOC_IS_WORD` in the C locale.
#[inline]
pub fn is_loc_word(c: u32) -> bool {
    is_word(c)
}

/// `SRE_UNI_IS_WORD`: `str.isalnum()` or underscore.
#[inline]
pub fn is_uni_word(c: u32) -> bool {
    if c < 128 {
        return is_word(c);
    }
    as_char(c).is_some_and(sm::is_alnum_char)
}

fn is_uni_digit(c: u32) -> bool {
    if c < 128 {
        return is_digit(c);
    }
    as_char(c).is_some_and(sm::is_decimal_char)
}

fn is_uni_space(c: u32) -> bool {
    as_char(c).is_some_and(sm::is_space_char)
}

fn is_uni_linebreak(c: u32) -> bool {
    as_char(c).is_some_and(sm::is_linebreak)
}

/// `sre_category`: membership of `c` in category `code`.
pub fn category(code: u32, c: u32) -> bool {
    match code {
        CATEGORY_DIGIT => is_digit(c),
        CATEGORY_NOT_DIGIT => !is_digit(c),
        CATEGORY_SPACE => is_space(c),
        CATEGORY_NOT_SPACE => !is_space(c),
        CATEGORY_WORD => is_word(c),
        CATEGORY_NOT_WORD => !is_word(c),
        CATEGORY_LINEBREAK => c == b'\n' as u32,
        CATEGORY_NOT_LINEBREAK => c != b'\n' as u32,
        CATEGORY_LOC_WORD => is_loc_word(c),
        CATEGORY_LOC_NOT_WORD => !is_loc_word(c),
        CATEGORY_UNI_DIGIT => is_uni_digit(c),
        CATEGORY_UNI_NOT_DIGIT => !is_uni_digit(c),
        CATEGORY_UNI_SPACE => is_uni_space(c),
        CATEGORY_UNI_NOT_SPACE => !is_uni_space(c),
        CATEGORY_UNI_WORD => is_uni_word(c),
        CATEGORY_UNI_NOT_WORD => !is_uni_word(c),
        CATEGORY_UNI_LINEBREAK => is_uni_linebreak(c),
        CATEGORY_UNI_NOT_LINEBREAK => !is_uni_linebreak(c),
        _ => false,
    }
}

/// `SRE(charset)`: is `ch` a member of the set program starting at `code[set]` (ending with
/// FAILURE)?
pub fn charset(code: &[u32], mut set: usize, ch: u32) -> bool {
    loop {
        let Some(&op) = code.get(set) else { return false };
        set += 1;
        match op {
            OP_FAILURE => return false,
            OP_LITERAL => {
                if ch == code[set] {
                    return true;
                }
                set += 1;
            }
            OP_CATEGORY => {
                if category(code[set], ch) {
                    return true;
                }
                set += 1;
            }
            OP_CHARSET => {
                if ch < 256 && (code[set + (ch as usize) / 32] & (1u32 << (ch & 31))) != 0 {
                    return true;
                }
                set += 8;
            }
            OP_RANGE => {
                if code[set] <= ch && ch <= code[set + 1] {
                    return true;
                }
                set += 2;
            }
            OP_RANGE_UNI_IGNORE => {
                if code[set] <= ch && ch <= code[set + 1] {
                    return true;
                }
                let uch = upper_unicode(ch);
                if code[set] <= uch && uch <= code[set + 1] {
                    return true;
                }
                set += 2;
            }
            OP_NEGATE => return !charset(code, set, ch),
            OP_BIGCHARSET => {
                let count = code[set] as usize;
                set += 1;
                let block: Option<usize> = if ch < 0x10000 {
                    let idx = (ch >> 8) as usize;
                    // The 256 block numbers are bytes packed little-endian into 64 words.
                    Some(((code[set + idx / 4] >> (8 * (idx % 4))) & 0xff) as usize)
                } else {
                    None
                };
                set += 64;
                if let Some(b) = block {
                    let bit = b * 256 + (ch & 255) as usize;
                    if code[set + bit / 32] & (1u32 << (ch & 31)) != 0 {
                        return true;
                    }
                }
                set += count * 8;
            }
            _ => return false,
        }
    }
}

/// `SRE(charset_loc_ignore)`.
pub fn charset_loc_ignore(code: &[u32], set: usize, ch: u32) -> bool {
    let lo = lower_locale(ch);
    if charset(code, set, lo) {
        return true;
    }
    let up = upper_locale(ch);
    up != lo && charset(code, set, up)
}

/// `char_loc_ignore`: does `ch` match literal `pattern` ignoring case in the locale?
#[inline]
pub fn char_loc_ignore(pattern: u32, ch: u32) -> bool {
    ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern
}
