//! Parsing of `str.format` / `str.format_map` templates, ported from CPython 3.11's
//! `Objects/stringlib/unicode_format.h` (`MarkupIterator`, `parse_field`,
//! `field_name_split`, `FieldNameIterator`).
//!
//! The VM drives rendering: iterate with [`FormatStringIter`] (errors surface in the same
//! order as in CPython because parsing is incremental), resolve each field name with
//! [`split_field_name`] and its lazy accessor iterator, apply the conversion
//! ([`check_conversion`]), expand nested `{}` in the spec when
//! `spec_needs_expanding` is set (recursively, at most 2 levels deep, else
//! `ValueError: Max string recursion exceeded`), then call `__format__`.

use super::unicode_tables::decimal_value;
use super::TextError;

fn verr<T>(m: &str) -> Result<T, TextError> {
    Err(TextError::ValueError(m.into()))
}

/// One replacement field `{field_name!conversion:format_spec}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatField {
    /// Everything before `!` or `:` (may be empty for auto-numbering).
    pub field_name: String,
    /// The conversion character after `!`, if any (not validated; see [`check_conversion`]).
    pub conversion: Option<char>,
    /// The format spec after `:` (empty if absent).
    pub format_spec: String,
    /// The spec contains `{`: it must be expanded (formatted) before use.
    pub spec_needs_expanding: bool,
}

/// Iterator over `(literal_text, Option<field>)` chunks of a format string, like
/// `_string.formatter_parser`.  Yields an `Err` at most once, then stops.
pub struct FormatStringIter<'a> {
    chars: Vec<char>,
    pos: usize,
    done: bool,
    _s: std::marker::PhantomData<&'a str>,
}

impl<'a> FormatStringIter<'a> {
    /// Starts iterating over the template `s`.
    pub fn new(s: &'a str) -> Self {
        FormatStringIter { chars: s.chars().collect(), pos: 0, done: false, _s: std::marker::PhantomData }
    }

    fn next_chunk(&mut self) -> Result<Option<(String, Option<FormatField>)>, TextError> {
        let chars = &self.chars;
        let end = chars.len();
        if self.pos >= end {
            return Ok(None);
        }
        let start = self.pos;
        let mut c = '\0';
        let mut markup = false;
        while self.pos < end {
            c = chars[self.pos];
            self.pos += 1;
            if c == '{' || c == '}' {
                markup = true;
                break;
            }
        }
        let at_end = self.pos >= end;
        let mut len = self.pos - start;
        if c == '}' && markup && (at_end || chars.get(self.pos) != Some(&'}')) {
            return verr("Single '}' encountered in format string");
        }
        if at_end && c == '{' && markup {
            return verr("Single '{' encountered in format string");
        }
        if !at_end && markup {
            if chars.get(self.pos) == Some(&c) {
                self.pos += 1;
                markup = false;
            } else {
                len -= 1;
            }
        }
        let literal: String = chars[start..start + len].iter().collect();
        if !markup {
            return Ok(Some((literal, None)));
        }
        let field = self.parse_field()?;
        Ok(Some((literal, Some(field))))
    }

    fn parse_field(&mut self) -> Result<FormatField, TextError> {
        let chars = &self.chars;
        let end = chars.len();
        let name_start = self.pos;
        let mut c = '\0';
        while self.pos < end {
            c = chars[self.pos];
            self.pos += 1;
            match c {
                '{' => return verr("unexpected '{' in field name"),
                '[' => {
                    while self.pos < end && chars[self.pos] != ']' {
                        self.pos += 1;
                    }
                    continue;
                }
                '}' | ':' | '!' => break,
                _ => continue,
            }
        }
        let name: String = chars[name_start..self.pos.saturating_sub(1).max(name_start)].iter().collect();
        let mut field =
            FormatField { field_name: name, conversion: None, format_spec: String::new(), spec_needs_expanding: false };
        if c == '!' || c == ':' {
            if c == '!' {
                if self.pos >= end {
                    return verr("end of string while looking for conversion specifier");
                }
                field.conversion = Some(chars[self.pos]);
                self.pos += 1;
                if self.pos < end {
                    let c2 = chars[self.pos];
                    self.pos += 1;
                    if c2 == '}' {
                        return Ok(field);
                    }
                    if c2 != ':' {
                        return verr("expected ':' after conversion specifier");
                    }
                }
            }
            let spec_start = self.pos;
            let mut count = 1;
            while self.pos < end {
                let c3 = chars[self.pos];
                self.pos += 1;
                if c3 == '{' {
                    field.spec_needs_expanding = true;
                    count += 1;
                } else if c3 == '}' {
                    count -= 1;
                    if count == 0 {
                        field.format_spec = chars[spec_start..self.pos - 1].iter().collect();
                        return Ok(field);
                    }
                }
            }
            return verr("unmatched '{' in format spec");
        }
        if c != '}' {
            return verr("expected '}' before end of string");
        }
        Ok(field)
    }
}

impl<'a> Iterator for FormatStringIter<'a> {
    type Item = Result<(String, Option<FormatField>), TextError>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.next_chunk() {
            Ok(Some(x)) => Some(Ok(x)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// Parses a whole template eagerly (first error wins).
pub fn parse_format_string(s: &str) -> Result<Vec<(String, Option<FormatField>)>, TextError> {
    FormatStringIter::new(s).collect()
}

/// `Ok(())` for the conversions `r`, `s`, `a`; otherwise CPython's
/// `ValueError: Unknown conversion specifier X` (or `\xNN` form for non-printable ASCII).
pub fn check_conversion(c: char) -> Result<(), TextError> {
    match c {
        'r' | 's' | 'a' => Ok(()),
        _ => {
            let v = c as u32;
            if v > 32 && v < 127 {
                Err(TextError::ValueError(format!("Unknown conversion specifier {}", c)))
            } else {
                Err(TextError::ValueError(format!("Unknown conversion specifier \\x{:x}", v)))
            }
        }
    }
}

/// The first part of a field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKey {
    /// A positional argument index (explicit or auto-numbered).
    Index(usize),
    /// A keyword argument name (or `""` when splitting without auto-numbering).
    Name(String),
}

/// One `.attr` or `[key]` step after the first part of a field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldAccessor {
    /// `.name`: `getattr(obj, name)`.
    Attr(String),
    /// `[123]`: `obj[123]` (an all-digit key is an int).
    Index(usize),
    /// `[key]`: `obj['key']`.
    Key(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum AnState {
    #[default]
    Init,
    Auto,
    Manual,
}

/// Auto-numbering state of one `str.format` call (shared with nested specs).
#[derive(Debug, Clone, Default)]
pub struct AutoNumber {
    state: AnState,
    next: usize,
}

/// `get_integer`: the value of an all-decimal-digit string, `None` otherwise.
fn get_integer(s: &[char]) -> Result<Option<usize>, TextError> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for &c in s {
        let Some(d) = decimal_value(c) else { return Ok(None) };
        acc = match acc.checked_mul(10).and_then(|a| a.checked_add(d as usize)) {
            Some(a) if a <= isize::MAX as usize => a,
            _ => return verr("Too many decimal digits in format string"),
        };
    }
    Ok(Some(acc))
}

/// Lazy iterator over the accessors of a field name; errors (`Only '.' or '[' may follow
/// ']' in format field specifier`, `Missing ']' in format string`, `Empty attribute in
/// format string`) appear when reached, as in CPython.
pub struct FieldAccessors {
    chars: Vec<char>,
    pos: usize,
    failed: bool,
}

impl FieldAccessors {
    fn step(&mut self) -> Result<Option<FieldAccessor>, TextError> {
        let chars = &self.chars;
        let Some(&c) = chars.get(self.pos) else { return Ok(None) };
        self.pos += 1;
        let start = self.pos;
        let acc = match c {
            '.' => {
                while self.pos < chars.len() && chars[self.pos] != '.' && chars[self.pos] != '[' {
                    self.pos += 1;
                }
                let name: String = chars[start..self.pos].iter().collect();
                if name.is_empty() {
                    return verr("Empty attribute in format string");
                }
                FieldAccessor::Attr(name)
            }
            '[' => {
                while self.pos < chars.len() && chars[self.pos] != ']' {
                    self.pos += 1;
                }
                if self.pos >= chars.len() {
                    return verr("Missing ']' in format string");
                }
                let item = &chars[start..self.pos];
                self.pos += 1;
                let idx = get_integer(item)?;
                if item.is_empty() {
                    return verr("Empty attribute in format string");
                }
                match idx {
                    Some(i) => FieldAccessor::Index(i),
                    None => FieldAccessor::Key(item.iter().collect()),
                }
            }
            _ => return verr("Only '.' or '[' may follow ']' in format field specifier"),
        };
        Ok(Some(acc))
    }
}

impl Iterator for FieldAccessors {
    type Item = Result<FieldAccessor, TextError>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.step() {
            Ok(x) => x.map(Ok),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

/// Splits a field name into its first part and the lazy accessor iterator
/// (`field_name_split`).  With `auto`, an empty first part takes the next auto number,
/// and mixing styles fails with `cannot switch from manual field specification to
/// automatic field numbering` (or the reverse).  Without `auto` (as in
/// `_string.formatter_field_name_split`) an empty first part is `FieldKey::Name("")`.
pub fn split_field_name(name: &str, auto: Option<&mut AutoNumber>) -> Result<(FieldKey, FieldAccessors), TextError> {
    let chars: Vec<char> = name.chars().collect();
    let split = chars.iter().position(|&c| c == '.' || c == '[').unwrap_or(chars.len());
    let first = &chars[..split];
    let mut idx = get_integer(first)?;
    let empty = first.is_empty();
    let numeric = empty || idx.is_some();
    if let Some(an) = auto {
        if an.state == AnState::Init && numeric {
            an.state = if empty { AnState::Auto } else { AnState::Manual };
        }
        if numeric {
            if an.state == AnState::Manual && empty {
                return verr("cannot switch from manual field specification to automatic field numbering");
            }
            if an.state != AnState::Manual && !empty {
                return verr("cannot switch from automatic field numbering to manual field specification");
            }
        }
        if empty {
            idx = Some(an.next);
            an.next += 1;
        }
    }
    let key = match idx {
        Some(i) => FieldKey::Index(i),
        None => FieldKey::Name(first.iter().collect()),
    };
    let rest = FieldAccessors { chars: chars[split..].to_vec(), pos: 0, failed: false };
    Ok((key, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    // (template, expected) where expected is "OK:" + chunks joined by U+E000, each chunk
    // `literal U+E001 field_name U+E001 spec U+E001 conversion` (or just the literal when no
    // field), or "E:<message>"; from python3.11 `list(_string.formatter_parser(t))`.
    const PARSE_CASES: &[(&str, &str)] = include!("testdata/format_string.rs");
    // (field name, expected) from `_string.formatter_field_name_split`: "OK:" + first
    // (`I<n>` or `S<name>`) + accessors (`A<attr>`, `I<n>`, `K<key>`) joined by U+E000,
    // or "E:<message>".
    const FIELD_CASES: &[(&str, &str)] = include!("testdata/field_names.rs");
    // (template, expected) from python3.11 `t.format(*"abcde", x="X")`, "OK:" or "E:<msg>";
    // rendered here with a tiny renderer (str args, `s`/`r` conversions, `format_str`).
    const RENDER_CASES: &[(&str, &str)] = include!("testdata/format_render.rs");

    fn show_chunks(t: &str) -> String {
        match parse_format_string(t) {
            Ok(chunks) => {
                let parts: Vec<String> = chunks
                    .into_iter()
                    .map(|(lit, f)| match f {
                        None => lit,
                        Some(f) => format!(
                            "{}\u{e001}{}\u{e001}{}\u{e001}{}",
                            lit,
                            f.field_name,
                            f.format_spec,
                            f.conversion.map(String::from).unwrap_or_default()
                        ),
                    })
                    .collect();
                format!("OK:{}", parts.join("\u{e000}"))
            }
            Err(e) => format!("E:{}", e.message()),
        }
    }

    fn show_field(name: &str) -> String {
        let r = (|| -> Result<String, TextError> {
            let (k, rest) = split_field_name(name, None)?;
            let mut out = vec![match k {
                FieldKey::Index(i) => format!("I{}", i),
                FieldKey::Name(n) => format!("S{}", n),
            }];
            for a in rest {
                out.push(match a? {
                    FieldAccessor::Attr(n) => format!("A{}", n),
                    FieldAccessor::Index(i) => format!("I{}", i),
                    FieldAccessor::Key(k) => format!("K{}", k),
                });
            }
            Ok(out.join("\u{e000}"))
        })();
        match r {
            Ok(s) => format!("OK:{}", s),
            Err(e) => format!("E:{}", e.message()),
        }
    }

    fn render(t: &str, auto: &mut AutoNumber, depth: u32) -> Result<String, TextError> {
        if depth == 0 {
            return verr("Max string recursion exceeded");
        }
        let args = ["a", "b", "c", "d", "e"];
        let mut out = String::new();
        for chunk in FormatStringIter::new(t) {
            let (lit, field) = chunk?;
            out.push_str(&lit);
            let Some(f) = field else { continue };
            let (key, rest) = split_field_name(&f.field_name, Some(auto))?;
            let mut val = match key {
                FieldKey::Index(i) => args.get(i).map(|s| s.to_string()).ok_or(TextError::Callback(1))?,
                FieldKey::Name(n) if n == "x" => "X".to_string(),
                FieldKey::Name(_) => return Err(TextError::Callback(2)),
            };
            for a in rest {
                a?;
                return Err(TextError::Callback(3));
            }
            if let Some(c) = f.conversion {
                check_conversion(c)?;
                if c != 's' {
                    val = super::super::str_repr(&val);
                }
            }
            let spec = if f.spec_needs_expanding { render(&f.format_spec, auto, depth - 1)? } else { f.format_spec };
            let parsed = super::super::parse_format_spec(&spec, "str", 's')?;
            out.push_str(&super::super::format_str(&val, &parsed, "str")?);
        }
        Ok(out)
    }

    #[test]
    fn parser_matches_python() {
        for &(t, want) in PARSE_CASES {
            assert_eq!(show_chunks(t), want, "{:?}", t);
        }
    }

    #[test]
    fn field_names_match_python() {
        for &(n, want) in FIELD_CASES {
            assert_eq!(show_field(n), want, "{:?}", n);
        }
    }

    #[test]
    fn rendering_matches_python() {
        for &(t, want) in RENDER_CASES {
            let got = match render(t, &mut AutoNumber::default(), 2) {
                Ok(s) => format!("OK:{}", s),
                Err(TextError::Callback(_)) => "CB".to_string(),
                Err(e) => format!("E:{}", e.message()),
            };
            if got == "CB" {
                assert!(!want.starts_with("OK:"), "{:?}", t);
                continue;
            }
            assert_eq!(got, want, "{:?}", t);
        }
    }
}
