//! `str` methods whose Python semantics differ from Rust's std (whitespace and line-break
//! sets, Unicode 14 character classes and case mappings, padding rules).
//!
//! Strings are handled as `&str`; lengths, widths and indexes are in code points.

use super::unicode_tables as t;
use super::TextError;

/// Python's `str.isspace()` for one character: `\t \n \x0b \x0c \r \x1c-\x1f`, space,
/// `\x85`, `\xa0`, `\u1680`, `\u2000-\u200a`, `\u2028`, `\u2029`, `\u202f`, `\u205f`, `\u3000`.
pub fn is_space_char(c: char) -> bool {
    matches!(c as u32,
        0x09..=0x0d | 0x1c..=0x20 | 0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a
        | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000)
}

/// Python's line boundaries (`str.splitlines`): `\n \r \x0b \x0c \x1c \x1d \x1e \x85
/// \u2028 \u2029` (`\r\n` counts as one).
pub fn is_linebreak(c: char) -> bool {
    matches!(c as u32, 0x0a..=0x0d | 0x1c..=0x1e | 0x85 | 0x2028 | 0x2029)
}

/// `s.split(None, maxsplit)` (`maxsplit < 0`: no limit): runs of Python whitespace separate
/// words; no empty strings; after `maxsplit` splits the rest (leading whitespace removed,
/// trailing kept) is the last item.
pub fn split_whitespace_py(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut count = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(is_space_char);
        if rest.is_empty() {
            break;
        }
        if count == 0 {
            out.push(rest);
            break;
        }
        count -= 1;
        let end = rest.find(is_space_char).unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

/// `s.rsplit(None, maxsplit)`: like [`split_whitespace_py`] but splitting from the right.
pub fn rsplit_whitespace_py(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut count = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let mut rest = s;
    loop {
        rest = rest.trim_end_matches(is_space_char);
        if rest.is_empty() {
            break;
        }
        if count == 0 {
            out.push(rest);
            break;
        }
        count -= 1;
        let start =
            rest.rfind(is_space_char).map(|i| i + rest[i..].chars().next().map_or(1, char::len_utf8)).unwrap_or(0);
        out.push(&rest[start..]);
        rest = &rest[..start];
    }
    out.reverse();
    out
}

/// `s.split(sep, maxsplit)` with an explicit separator; `ValueError: empty separator`.
pub fn split_sep<'a>(s: &'a str, sep: &str, maxsplit: i64) -> Result<Vec<&'a str>, TextError> {
    if sep.is_empty() {
        return Err(TextError::ValueError("empty separator".into()));
    }
    Ok(match usize::try_from(maxsplit) {
        Ok(n) => s.splitn(n.saturating_add(1), sep).collect(),
        Err(_) => s.split(sep).collect(),
    })
}

/// `s.rsplit(sep, maxsplit)` with an explicit separator; `ValueError: empty separator`.
pub fn rsplit_sep<'a>(s: &'a str, sep: &str, maxsplit: i64) -> Result<Vec<&'a str>, TextError> {
    if sep.is_empty() {
        return Err(TextError::ValueError("empty separator".into()));
    }
    let mut v: Vec<&str> = match usize::try_from(maxsplit) {
        Ok(n) => s.rsplitn(n.saturating_add(1), sep).collect(),
        Err(_) => s.rsplit(sep).collect(),
    };
    v.reverse();
    Ok(v)
}

/// `s.splitlines(keepends)` with Python's line boundaries (see [`is_linebreak`]).
pub fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_linebreak(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(_, '\n')) = it.peek() {
                it.next();
                end += 1;
            }
        }
        out.push(&s[start..if keepends { end } else { i }]);
        start = end;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

fn strip_set(chars: Option<&str>) -> impl Fn(char) -> bool + '_ {
    move |c| match chars {
        None => is_space_char(c),
        Some(set) => set.contains(c),
    }
}

/// `s.strip(chars)`; `None` strips Python whitespace.
pub fn strip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    s.trim_matches(strip_set(chars))
}

/// `s.lstrip(chars)`; `None` strips Python whitespace.
pub fn lstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    s.trim_start_matches(strip_set(chars))
}

/// `s.rstrip(chars)`; `None` strips Python whitespace.
pub fn rstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    s.trim_end_matches(strip_set(chars))
}

fn lookup_map(map: &'static [(u32, &'static str)], c: char) -> Option<&'static str> {
    map.binary_search_by_key(&(c as u32), |&(k, _)| k).ok().and_then(|i| map.get(i)).map(|&(_, v)| v)
}

fn push_upper(out: &mut String, c: char) {
    match lookup_map(t::UPPER_MAP, c) {
        Some(m) => out.push_str(m),
        None => out.push(c),
    }
}

fn push_title(out: &mut String, c: char) {
    match lookup_map(t::TITLE_MAP, c) {
        Some(m) => out.push_str(m),
        None => push_upper(out, c),
    }
}

/// Lower-cases `chars[i]`, applying the final-sigma rule for U+03A3 like CPython.
fn push_lower(out: &mut String, chars: &[char], i: usize) {
    let Some(&c) = chars.get(i) else { return };
    if c == '\u{3a3}' {
        let before = chars[..i].iter().rev().find(|&&d| !is_case_ignorable(d));
        let mut fin = before.is_some_and(|&d| is_cased(d));
        if fin {
            let after = chars.get(i + 1..).unwrap_or(&[]).iter().find(|&&d| !is_case_ignorable(d));
            fin = after.map_or(true, |&d| !is_cased(d));
        }
        out.push(if fin { '\u{3c2}' } else { '\u{3c3}' });
        return;
    }
    match lookup_map(t::LOWER_MAP, c) {
        Some(m) => out.push_str(m),
        None => out.push(c),
    }
}

/// Unicode `Cased` property (Python's `_PyUnicode_IsCased`).
pub fn is_cased(c: char) -> bool {
    t::in_table(t::CASED, c)
}

/// Unicode `Case_Ignorable` property (Python's `_PyUnicode_IsCaseIgnorable`).
pub fn is_case_ignorable(c: char) -> bool {
    t::in_table(t::CASE_IGNORABLE, c)
}

/// `s.upper()` with full (Unicode 14) case mappings: `'ß'.upper() == 'SS'`.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_upper(&mut out, c);
    }
    out
}

/// `s.lower()` with full case mappings and the final-sigma rule.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        // ASCII has no multi-char mappings and no final sigma: byte-wise lowering is exact.
        return s.to_ascii_lowercase();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        push_lower(&mut out, &chars, i);
    }
    out
}

/// `s.casefold()`: full case folding (`'ß'` → `'ss'`), no final-sigma rule.
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match lookup_map(t::CASEFOLD_MAP, c).or_else(|| lookup_map(t::LOWER_MAP, c)) {
            Some(m) => out.push_str(m),
            None => out.push(c),
        }
    }
    out
}

/// `s.title()`: title-case a character that follows an uncased one, lower-case the rest.
pub fn title(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            push_lower(&mut out, &chars, i);
        } else {
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    out
}

/// `s.capitalize()` (3.8+): first character title-cased, the rest lower-cased.
pub fn capitalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            push_title(&mut out, c);
        } else {
            push_lower(&mut out, &chars, i);
        }
    }
    out
}

/// `s.swapcase()`: upper-case letters lowered (final sigma aware), lower-case raised.
pub fn swapcase(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if t::in_table(t::UPPER, c) {
            push_lower(&mut out, &chars, i);
        } else if t::in_table(t::LOWER, c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

fn pad(s: &str, left: usize, right: usize, fill: char) -> String {
    let mut out = String::with_capacity(s.len() + left + right);
    out.extend(std::iter::repeat(fill).take(left));
    out.push_str(s);
    out.extend(std::iter::repeat(fill).take(right));
    out
}

/// `s.center(width, fill)`, with CPython's odd-width rule (extra fill goes left when both
/// the margin and the width are odd).
pub fn center(s: &str, width: i64, fill: char) -> String {
    let len = s.chars().count() as i64;
    if width <= len {
        return s.to_string();
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    pad(s, left as usize, (marg - left) as usize, fill)
}

/// `s.ljust(width, fill)`.
pub fn ljust(s: &str, width: i64, fill: char) -> String {
    let len = s.chars().count() as i64;
    pad(s, 0, (width - len).max(0) as usize, fill)
}

/// `s.rjust(width, fill)`.
pub fn rjust(s: &str, width: i64, fill: char) -> String {
    let len = s.chars().count() as i64;
    pad(s, (width - len).max(0) as usize, 0, fill)
}

/// `s.zfill(width)`: zeros inserted after a leading `+`/`-`.
pub fn zfill(s: &str, width: i64) -> String {
    let len = s.chars().count() as i64;
    if width <= len {
        return s.to_string();
    }
    let n = (width - len) as usize;
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (Some(c), &s[1..]),
        _ => (None, s),
    };
    let mut out = String::with_capacity(s.len() + n);
    if let Some(c) = sign {
        out.push(c);
    }
    out.extend(std::iter::repeat('0').take(n));
    out.push_str(rest);
    out
}

/// `s.expandtabs(tabsize)`: the column resets after `\n` and `\r`; `tabsize <= 0`
/// removes tabs.
pub fn expandtabs(s: &str, tabsize: i64) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.extend(std::iter::repeat(' ').take(n as usize));
                    col = col.saturating_add(n);
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col = col.saturating_add(1);
            }
        }
    }
    out
}

/// Python's `str.isalpha()` for one character (categories Lm Lt Lu Ll Lo).
pub fn is_alpha_char(c: char) -> bool {
    t::in_table(t::ALPHA, c)
}
/// Python's `str.isdecimal()` for one character (category Nd).
pub fn is_decimal_char(c: char) -> bool {
    t::decimal_value(c).is_some()
}
/// Python's `str.isdigit()` for one character (has a digit value, e.g. `'²'`).
pub fn is_digit_char(c: char) -> bool {
    t::in_table(t::DIGIT, c)
}
/// Python's `str.isnumeric()` for one character (has a numeric value, e.g. `'½'`, `'五'`).
pub fn is_numeric_char(c: char) -> bool {
    t::in_table(t::NUMERIC, c)
}
/// Python's `str.isalnum()` for one character.
pub fn is_alnum_char(c: char) -> bool {
    is_alpha_char(c) || is_decimal_char(c) || is_digit_char(c) || is_numeric_char(c)
}

fn all_nonempty(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

/// `s.isalpha()`.
pub fn isalpha(s: &str) -> bool {
    all_nonempty(s, is_alpha_char)
}
/// `s.isdecimal()`.
pub fn isdecimal(s: &str) -> bool {
    all_nonempty(s, is_decimal_char)
}
/// `s.isdigit()`.
pub fn isdigit(s: &str) -> bool {
    all_nonempty(s, is_digit_char)
}
/// `s.isnumeric()`.
pub fn isnumeric(s: &str) -> bool {
    all_nonempty(s, is_numeric_char)
}
/// `s.isalnum()`.
pub fn isalnum(s: &str) -> bool {
    all_nonempty(s, is_alnum_char)
}
/// `s.isspace()`.
pub fn isspace(s: &str) -> bool {
    all_nonempty(s, is_space_char)
}
/// `s.isprintable()` (true for the empty string).
pub fn isprintable(s: &str) -> bool {
    s.chars().all(super::repr::is_printable_char)
}
/// `s.isascii()`.
pub fn isascii(s: &str) -> bool {
    s.is_ascii()
}
/// `s.isidentifier()`: XID_Start or `_`, then XID_Continue (Unicode 14).
pub fn isidentifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if t::in_table(t::XID_START, c) => it.all(|c| t::in_table(t::XID_CONTINUE, c)),
        _ => false,
    }
}
/// `s.islower()`: at least one cased character and no upper-case or title-case ones.
pub fn islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if t::in_table(t::UPPER, c) || t::in_table(t::TITLE, c) {
            return false;
        }
        cased |= t::in_table(t::LOWER, c);
    }
    cased
}
/// `s.isupper()`: at least one cased character and no lower-case or title-case ones.
pub fn isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if t::in_table(t::LOWER, c) || t::in_table(t::TITLE, c) {
            return false;
        }
        cased |= t::in_table(t::UPPER, c);
    }
    cased
}
/// `s.istitle()`: upper/title-case characters only after uncased ones, lower-case only
/// after cased ones, and at least one cased character.
pub fn istitle(s: &str) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if t::in_table(t::UPPER, c) || t::in_table(t::TITLE, c) {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if t::in_table(t::LOWER, c) {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEP: &str = "\u{e000}";
    // (method, input, encoded argument, expected; lists joined by U+E000), from python3.11.
    const CASES: &[(&str, &str, &str, &str)] = include!("testdata/strmethods.rs");
    // FNV-1a hashes over every non-surrogate code point of `f(chr(c))` (bools as 1/0),
    // each result followed by a 0xff byte, computed with python3.11.
    const HASHES: &[(&str, u64)] = include!("testdata/char_hashes.rs");

    fn b(x: bool) -> String {
        if x { "True" } else { "False" }.to_string()
    }

    fn run(m: &str, s: &str, a: &str) -> String {
        let n = || a.parse::<i64>().unwrap();
        let sep_arg = || {
            let (sep, m) = a.split_once(SEP).unwrap();
            (sep, m.parse::<i64>().unwrap())
        };
        let chars = a.strip_prefix('S');
        match m {
            "split_ws" => split_whitespace_py(s, n()).join(SEP),
            "rsplit_ws" => rsplit_whitespace_py(s, n()).join(SEP),
            "split_sep" => split_sep(s, sep_arg().0, sep_arg().1).unwrap().join(SEP),
            "rsplit_sep" => rsplit_sep(s, sep_arg().0, sep_arg().1).unwrap().join(SEP),
            "splitlines" => splitlines(s, a == "1").join(SEP),
            "strip" => strip(s, chars).to_string(),
            "lstrip" => lstrip(s, chars).to_string(),
            "rstrip" => rstrip(s, chars).to_string(),
            "upper" => upper(s),
            "lower" => lower(s),
            "casefold" => casefold(s),
            "title" => title(s),
            "capitalize" => capitalize(s),
            "swapcase" => swapcase(s),
            "center" => center(s, n(), '*'),
            "ljust" => ljust(s, n(), 'é'),
            "rjust" => rjust(s, n(), ' '),
            "zfill" => zfill(s, n()),
            "expandtabs" => expandtabs(s, n()),
            "isalpha" => b(isalpha(s)),
            "isdecimal" => b(isdecimal(s)),
            "isdigit" => b(isdigit(s)),
            "isnumeric" => b(isnumeric(s)),
            "isalnum" => b(isalnum(s)),
            "isspace" => b(isspace(s)),
            "isprintable" => b(isprintable(s)),
            "isascii" => b(isascii(s)),
            "isidentifier" => b(isidentifier(s)),
            "islower" => b(islower(s)),
            "isupper" => b(isupper(s)),
            "istitle" => b(istitle(s)),
            _ => panic!("unknown method {}", m),
        }
    }

    #[test]
    fn str_methods_match_python() {
        let mut bad = Vec::new();
        for &(m, s, a, want) in CASES {
            let got = run(m, s, a);
            if got != want {
                bad.push(format!("{}({:?}, {:?}): got {:?} want {:?}", m, s, a, got, want));
            }
        }
        assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad[..bad.len().min(30)].join("\n"));
    }

    #[test]
    fn empty_separator_is_an_error() {
        assert_eq!(split_sep("a", "", -1), Err(TextError::ValueError("empty separator".into())));
        assert_eq!(rsplit_sep("a", "", 1), Err(TextError::ValueError("empty separator".into())));
    }

    #[test]
    fn every_code_point_matches_python() {
        for &(name, want) in HASHES {
            let f: Box<dyn Fn(&str) -> String> = match name {
                "cont" => Box::new(|s: &str| (if isidentifier(&format!("a{}", s)) { "1" } else { "0" }).to_string()),
                "upper" | "lower" | "casefold" | "title" | "capitalize" | "swapcase" => {
                    Box::new(move |s: &str| run(name, s, ""))
                }
                _ => Box::new(move |s: &str| (if run(name, s, "") == "True" { "1" } else { "0" }).to_string()),
            };
            let mut h: u64 = 0xcbf29ce484222325;
            for v in 0..0x110000u32 {
                let Some(c) = char::from_u32(v) else { continue };
                let r = f(c.encode_utf8(&mut [0; 4]));
                for byte in r.bytes().chain(std::iter::once(0xff)) {
                    h = (h ^ byte as u64).wrapping_mul(0x100000001b3);
                }
            }
            assert_eq!(h, want, "{}", name);
        }
    }
}
