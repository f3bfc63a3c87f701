//! The format-spec mini-language (`format(x, spec)`, `str.format`, f-strings), ported from
//! CPython 3.11's `Python/formatter_unicode.c`.
//!
//! Use [`parse_format_spec`] once, then [`format_int`], [`format_float`] or [`format_str`].
//! An empty spec should be handled by the caller as `str(x)` (CPython does the same).

use super::float_repr::{double_to_string, DtoaFlags};
use super::floatops::bigint_to_f64;
use super::TextError;
use num_bigint::{BigInt, Sign};

/// Alignment option of a format spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `>`
    Right,
    /// `^`
    Center,
    /// `=` (padding after the sign)
    AfterSign,
}

/// Thousands-separator option of a format spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// `,`
    Comma,
    /// `_` (every 3 digits, or every 4 for `b o x X`)
    Underscore,
}

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormatSpec {
    /// Explicit fill character (only set together with `align`).
    pub fill: Option<char>,
    /// Explicit alignment.
    pub align: Option<Align>,
    /// `'+'`, `'-'` or `' '`.
    pub sign: Option<char>,
    /// `z`: coerce negative zero to positive (floats only).
    pub no_neg_0: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// The `0` flag was given without an explicit fill (fill `'0'`, and for numbers
    /// default alignment `=`).
    pub zero_pad: bool,
    /// Minimum width.
    pub width: Option<usize>,
    /// Thousands separator.
    pub grouping: Option<Grouping>,
    /// Precision.
    pub precision: Option<usize>,
    /// Presentation type character.
    pub ty: Option<char>,
}

fn align_of(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

fn err<T>(m: impl Into<String>) -> Result<T, TextError> {
    Err(TextError::ValueError(m.into()))
}

/// Reads a run of decimal digits (any Unicode decimal digit, as CPython does).
/// Returns (number of chars consumed, value); errors on overflow of `isize`.
fn get_integer(chars: &[char], pos: &mut usize) -> Result<(usize, usize), TextError> {
    let mut n: usize = 0;
    let mut consumed = 0;
    while let Some(&c) = chars.get(*pos) {
        let Some(d) = super::unicode_tables::decimal_value(c) else { break };
        n = match n.checked_mul(10).and_then(|v| v.checked_add(d as usize)) {
            Some(v) if v <= isize::MAX as usize => v,
            _ => return err("Too many decimal digits in format string"),
        };
        *pos += 1;
        consumed += 1;
    }
    Ok((consumed, n))
}

/// Parses a format spec like CPython's `parse_internal_render_format_spec`.
/// `default_type` is the presentation type assumed when none is given: `'s'` for str,
/// `'d'` for int, `'\0'` for float and complex (it only affects the grouping check, e.g.
/// `Cannot specify ',' with 's'.`).  `type_name` is used only in the message
/// `Invalid format specifier '<spec>' for object of type '<type_name>'`.
/// Other errors: `Format specifier missing precision`, `Cannot specify both ',' and '_'.`,
/// `Cannot specify ',' with 's'.`, `Too many decimal digits in format string`.
pub fn parse_format_spec(spec: &str, type_name: &str, default_type: char) -> Result<FormatSpec, TextError> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut pos = 0usize;
    let mut f = FormatSpec::default();
    let at = |i: usize| chars.get(i).copied();
    if let (Some(c0), Some(a)) = (at(0), at(1).and_then(align_of)) {
        f.fill = Some(c0);
        f.align = Some(a);
        pos = 2;
    } else if let Some(a) = at(0).and_then(align_of) {
        f.align = Some(a);
        pos = 1;
    }
    if let Some(c @ ('+' | '-' | ' ')) = at(pos) {
        f.sign = Some(c);
        pos += 1;
    }
    if at(pos) == Some('z') {
        f.no_neg_0 = true;
        pos += 1;
    }
    if at(pos) == Some('#') {
        f.alternate = true;
        pos += 1;
    }
    if f.fill.is_none() && at(pos) == Some('0') {
        f.zero_pad = true;
        pos += 1;
    }
    let (consumed, w) = get_integer(&chars, &mut pos)?;
    if consumed > 0 {
        f.width = Some(w);
    }
    if at(pos) == Some(',') {
        f.grouping = Some(Grouping::Comma);
        pos += 1;
    }
    if at(pos) == Some('_') {
        if f.grouping.is_some() {
            return err("Cannot specify both ',' and '_'.");
        }
        f.grouping = Some(Grouping::Underscore);
        pos += 1;
    }
    if at(pos) == Some(',') && f.grouping == Some(Grouping::Underscore) {
        return err("Cannot specify both ',' and '_'.");
    }
    if at(pos) == Some('.') {
        pos += 1;
        let (consumed, p) = get_integer(&chars, &mut pos)?;
        if consumed == 0 {
            return err("Format specifier missing precision");
        }
        f.precision = Some(p);
    }
    if end.saturating_sub(pos) > 1 {
        return err(format!("Invalid format specifier '{}' for object of type '{}'", spec, type_name));
    }
    if let Some(c) = at(pos) {
        f.ty = Some(c);
    }
    if let Some(g) = f.grouping {
        let ty = f.ty.unwrap_or(default_type);
        let ok = match ty {
            '\0' | 'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' => true,
            'b' | 'o' | 'x' | 'X' => g == Grouping::Underscore,
            _ => false,
        };
        if !ok {
            let sc = if g == Grouping::Comma { ',' } else { '_' };
            let t = ty as u32;
            return if t > 32 && t < 128 {
                err(format!("Cannot specify '{}' with '{}'.", sc, char::from_u32(t).unwrap_or('?')))
            } else {
                err(format!("Cannot specify '{}' with '\\x{:x}'.", sc, t))
            };
        }
    }
    Ok(f)
}

fn unknown_code<T>(ty: char, type_name: &str) -> Result<T, TextError> {
    let t = ty as u32;
    if t > 32 && t < 128 {
        err(format!("Unknown format code '{}' for object of type '{}'", ty, type_name))
    } else {
        err(format!("Unknown format code '\\x{:x}' for object of type '{}'", t, type_name))
    }
}

/// Port of `_PyUnicode_InsertThousandsGrouping`: groups `digits` (ASCII) from the right,
/// padding with leading zeros (and separators) up to `min_width` characters.
fn group_digits(digits: &[char], sep: Option<char>, group: usize, mut min_width: isize) -> Vec<char> {
    let mut out_rev: Vec<char> = Vec::new();
    let mut remaining = digits.len() as isize;
    let mut use_sep = false;
    let sep_len: isize = if sep.is_some() { 1 } else { 0 };
    let mut idx = digits.len();
    let fill = |out: &mut Vec<char>, n_chars: isize, n_zeros: isize, use_sep: bool, idx: &mut usize| {
        if use_sep {
            if let Some(s) = sep {
                out.push(s);
            }
        }
        for _ in 0..n_chars.max(0) {
            *idx = idx.saturating_sub(1);
            out.push(digits.get(*idx).copied().unwrap_or('0'));
        }
        for _ in 0..n_zeros.max(0) {
            out.push('0');
        }
    };
    let mut broken = false;
    if let (Some(_), g) = (sep, group as isize) {
        loop {
            let l = g.min(remaining.max(min_width).max(1));
            let n_zeros = (l - remaining).max(0);
            let n_chars = remaining.min(l).max(0);
            fill(&mut out_rev, n_chars, n_zeros, use_sep, &mut idx);
            use_sep = true;
            remaining -= n_chars;
            min_width -= l;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= sep_len;
        }
    }
    if !broken {
        let l = remaining.max(min_width).max(1);
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        fill(&mut out_rev, n_chars, n_zeros, use_sep, &mut idx);
    }
    out_rev.reverse();
    out_rev
}

/// Everything `calc_number_widths` + `fill_number` need.
struct NumberParts<'a> {
    sign_char: Option<char>,
    prefix: &'a str,
    digits: Vec<char>,
    has_decimal: bool,
    remainder: &'a str,
}

fn fill_number(p: NumberParts, spec: &FormatSpec, sep: Option<char>, group: usize, upper: bool) -> String {
    let fill = spec.fill.unwrap_or(if spec.zero_pad { '0' } else { ' ' });
    let align = spec.align.unwrap_or(if spec.zero_pad { Align::AfterSign } else { Align::Right });
    let sign = match (spec.sign, p.sign_char) {
        (_, Some('-')) => Some('-'),
        (Some('+'), _) => Some('+'),
        (Some(' '), _) => Some(' '),
        _ => None,
    };
    let n_prefix = p.prefix.chars().count() as isize;
    let n_remainder = p.remainder.chars().count() as isize;
    let n_non_digit = sign.is_some() as isize + n_prefix + p.has_decimal as isize + n_remainder;
    let width: isize = spec.width.map(|w| w.min(isize::MAX as usize) as isize).unwrap_or(-1);
    let min_width = if fill == '0' && align == Align::AfterSign { width - n_non_digit } else { 0 };
    let grouped = if p.digits.is_empty() { Vec::new() } else { group_digits(&p.digits, sep, group, min_width) };
    let n_padding = width - (n_non_digit + grouped.len() as isize);
    let (mut lpad, mut spad, mut rpad) = (0isize, 0isize, 0isize);
    if n_padding > 0 {
        match align {
            Align::Left => rpad = n_padding,
            Align::Center => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            Align::AfterSign => spad = n_padding,
            Align::Right => lpad = n_padding,
        }
    }
    let mut out = String::new();
    let pad = |out: &mut String, n: isize| {
        for _ in 0..n {
            out.push(fill);
        }
    };
    pad(&mut out, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    if upper {
        out.push_str(&p.prefix.to_uppercase());
    } else {
        out.push_str(p.prefix);
    }
    pad(&mut out, spad);
    for c in grouped {
        out.push(if upper { c.to_ascii_uppercase() } else { c });
    }
    if p.has_decimal {
        out.push('.');
    }
    out.push_str(p.remainder);
    pad(&mut out, rpad);
    out
}

fn separator(spec: &FormatSpec, ty: char) -> (Option<char>, usize) {
    match spec.grouping {
        _ if ty == 'n' => (None, 3),
        Some(Grouping::Comma) => (Some(','), 3),
        Some(Grouping::Underscore) if matches!(ty, 'b' | 'o' | 'x' | 'X') => (Some('_'), 4),
        Some(Grouping::Underscore) => (Some('_'), 3),
        None => (None, 3),
    }
}

/// `format(int_value, spec)` for a parsed, non-empty spec (CPython's `format_long`).
/// Types `b c d o x X n` and none format the integer; `e E f F g G %` convert it to float
/// first (`OverflowError: int too large to convert to float`).  Errors: `Precision not
/// allowed in integer format specifier`, `Sign not allowed with integer format specifier
/// 'c'`, `%c arg not in range(0x110000)` (OverflowError), `Unknown format code 'q' for
/// object of type '<type_name>'`, ...
pub fn format_int(v: &BigInt, spec: &FormatSpec, type_name: &str) -> Result<String, TextError> {
    let ty = spec.ty.unwrap_or('d');
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = bigint_to_f64(v)?;
            return format_float(f, spec, type_name);
        }
        _ => return unknown_code(ty, type_name),
    }
    if spec.precision.is_some() {
        return err("Precision not allowed in integer format specifier");
    }
    if spec.no_neg_0 {
        return err("Negative zero coercion (z) not allowed in integer format specifier");
    }
    let (sep, group) = separator(spec, ty);
    if ty == 'c' {
        if spec.sign.is_some() {
            return err("Sign not allowed with integer format specifier 'c'");
        }
        if spec.alternate {
            return err("Alternate form (#) not allowed with integer format specifier 'c'");
        }
        if i64::try_from(v).is_err() {
            return Err(TextError::OverflowError("Python int too large to convert to C long".into()));
        }
        let ch = u32::try_from(v).ok().filter(|&x| x <= 0x10ffff);
        let Some(x) = ch else {
            return Err(TextError::OverflowError("%c arg not in range(0x110000)".into()));
        };
        // Surrogates cannot live in a Rust string; substitute U+FFFD.
        let c = char::from_u32(x).unwrap_or('\u{fffd}');
        let s = c.to_string();
        let parts = NumberParts { sign_char: None, prefix: "", digits: vec![], has_decimal: false, remainder: &s };
        return Ok(fill_number(parts, spec, sep, group, false));
    }
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits: Vec<char> = if radix == 10 {
        int_to_decimal(&BigInt::from(v.magnitude().clone()), super::parse::DEFAULT_MAX_STR_DIGITS)?.chars().collect()
    } else {
        v.magnitude().to_str_radix(radix).chars().collect()
    };
    let parts = NumberParts {
        sign_char: if v.sign() == Sign::Minus { Some('-') } else { None },
        prefix: if spec.alternate { prefix } else { "" },
        digits,
        has_decimal: false,
        remainder: "",
    };
    Ok(fill_number(parts, spec, sep, group, ty == 'X'))
}

/// `format(float_value, spec)` for a parsed, non-empty spec (CPython's `format_float`).
/// Types `e E f F g G n %` and none (repr-like; with a precision it is `g` that keeps at
/// least one digit after the point).  Error: `Unknown format code 'd' for object of type
/// 'float'`.
pub fn format_float(x: f64, spec: &FormatSpec, type_name: &str) -> Result<String, TextError> {
    let mut ty = match spec.ty {
        None | Some('\0') => 'r',
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%')) => t,
        Some(t) => return unknown_code(t, type_name),
    };
    let Ok(prec) = i32::try_from(spec.precision.unwrap_or(0)) else {
        return err("precision too big");
    };
    let mut flags = DtoaFlags { alt: spec.alternate, no_neg_0: spec.no_neg_0, ..Default::default() };
    let mut default_precision = 6i64;
    if ty == 'r' {
        flags.add_dot_0 = true;
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = x;
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        add_pct = true;
    }
    let precision = match spec.precision {
        None => default_precision,
        Some(_) => {
            if ty == 'r' {
                ty = 'g';
            }
            prec as i64
        }
    };
    let mut buf = double_to_string(val, ty, precision, flags);
    if add_pct {
        buf.push('%');
    }
    let (sign_char, digits, has_decimal, remainder) = split_number(&buf);
    let (sep, group) = separator(spec, spec.ty.unwrap_or('\0'));
    let parts = NumberParts { sign_char, prefix: "", digits, has_decimal, remainder };
    Ok(fill_number(parts, spec, sep, group, false))
}

/// Splits a `PyOS_double_to_string` result into sign, leading digits, decimal point and
/// remainder (CPython's `parse_number`).
fn split_number(buf: &str) -> (Option<char>, Vec<char>, bool, &str) {
    let (sign_char, body) = match buf.strip_prefix('-') {
        Some(rest) => (Some('-'), rest),
        None => (None, buf),
    };
    let ndig = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    let digits: Vec<char> = body[..ndig].chars().collect();
    let rest = &body[ndig..];
    match rest.strip_prefix('.') {
        Some(r) => (sign_char, digits, true, r),
        None => (sign_char, digits, false, rest),
    }
}

/// `format(complex(re, im), spec)` for a parsed, non-empty spec (CPython's
/// `format_complex_internal`; parse with default type `'\0'`).  Types `e E f F g G n` and
/// none (like `str()`: parentheses unless the real part is +0.0).  Errors: `Zero padding is
/// not allowed in complex format specifier`, `'=' alignment flag is not allowed in complex
/// format specifier`, `Unknown format code '%' for object of type 'complex'`.
pub fn format_complex(re: f64, im: f64, spec: &FormatSpec, type_name: &str) -> Result<String, TextError> {
    let mut ty = match spec.ty {
        None | Some('\0') => 'r',
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n')) => t,
        Some(t) => return unknown_code(t, type_name),
    };
    if spec.fill == Some('0') || (spec.fill.is_none() && spec.zero_pad) {
        return err("Zero padding is not allowed in complex format specifier");
    }
    if spec.align == Some(Align::AfterSign) {
        return err("'=' alignment flag is not allowed in complex format specifier");
    }
    let Ok(prec) = i32::try_from(spec.precision.unwrap_or(0)) else {
        return err("precision too big");
    };
    let flags = DtoaFlags { alt: spec.alternate, no_neg_0: spec.no_neg_0, ..Default::default() };
    let mut default_precision = 6i64;
    let (mut skip_re, mut add_parens) = (false, false);
    if ty == 'r' {
        default_precision = 0;
        if re == 0.0 && re.is_sign_positive() {
            skip_re = true;
        } else {
            add_parens = true;
        }
    }
    if ty == 'n' {
        ty = 'g';
    }
    let precision = match spec.precision {
        None => default_precision,
        Some(_) => {
            if ty == 'r' {
                ty = 'g';
            }
            prec as i64
        }
    };
    let re_buf = double_to_string(re, ty, precision, flags);
    let im_buf = double_to_string(im, ty, precision, flags);
    let (sep, group) = separator(spec, spec.ty.unwrap_or('\0'));
    let mut tmp = FormatSpec { fill: None, align: Some(Align::Left), width: None, zero_pad: false, ..spec.clone() };
    let (s, d, h, r) = split_number(&re_buf);
    let re_str = fill_number(
        NumberParts { sign_char: s, prefix: "", digits: d, has_decimal: h, remainder: r },
        &tmp,
        sep,
        group,
        false,
    );
    if !skip_re {
        tmp.sign = Some('+');
    }
    let (s, d, h, r) = split_number(&im_buf);
    let im_str = fill_number(
        NumberParts { sign_char: s, prefix: "", digits: d, has_decimal: h, remainder: r },
        &tmp,
        sep,
        group,
        false,
    );
    let mut body = String::new();
    if add_parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&re_str);
    }
    body.push_str(&im_str);
    body.push('j');
    if add_parens {
        body.push(')');
    }
    let len = body.chars().count();
    let total = spec.width.unwrap_or(0).max(len);
    let extra = total - len;
    let lpad = match spec.align.unwrap_or(Align::Right) {
        Align::Right => extra,
        Align::Center => extra / 2,
        _ => 0,
    };
    let fill = spec.fill.unwrap_or(' ');
    let mut out: String = std::iter::repeat(fill).take(lpad).collect();
    out.push_str(&body);
    out.extend(std::iter::repeat(fill).take(extra - lpad));
    Ok(out)
}

/// `format(str_value, spec)` for a parsed spec (CPython's `format_string_internal`):
/// type `s` or none; precision truncates (in code points); default alignment left.
/// Errors: `Sign not allowed in string format specifier`, `Space not allowed in string
/// format specifier`, `Alternate form (#) not allowed in string format specifier`,
/// `'=' alignment not allowed in string format specifier`, `Negative zero coercion (z) not
/// allowed in string format specifier`, `Unknown format code 'd' for object of type 'str'`.
pub fn format_str(s: &str, spec: &FormatSpec, type_name: &str) -> Result<String, TextError> {
    match spec.ty {
        None | Some('s') => {}
        Some(t) => return unknown_code(t, type_name),
    }
    match spec.sign {
        Some(' ') => return err("Space not allowed in string format specifier"),
        Some(_) => return err("Sign not allowed in string format specifier"),
        None => {}
    }
    if spec.no_neg_0 {
        return err("Negative zero coercion (z) not allowed in string format specifier");
    }
    if spec.alternate {
        return err("Alternate form (#) not allowed in string format specifier");
    }
    if spec.align == Some(Align::AfterSign) {
        return err("'=' alignment not allowed in string format specifier");
    }
    let mut len = s.chars().count();
    let body: &str = match spec.precision {
        Some(p) if p < len => {
            len = p;
            let end = s.char_indices().nth(p).map(|(i, _)| i).unwrap_or(s.len());
            &s[..end]
        }
        _ => s,
    };
    let fill = spec.fill.unwrap_or(if spec.zero_pad { '0' } else { ' ' });
    let total = spec.width.unwrap_or(0).max(len);
    let extra = total - len;
    let lpad = match spec.align.unwrap_or(Align::Left) {
        Align::Right => extra,
        Align::Center => extra / 2,
        _ => 0,
    };
    let mut out = String::with_capacity(s.len());
    out.extend(std::iter::repeat(fill).take(lpad));
    out.push_str(body);
    out.extend(std::iter::repeat(fill).take(extra - lpad));
    Ok(out)
}

/// `str(v)` for a Python int, enforcing CPython's integer string conversion limit
/// (`max_digits`, 0 = unlimited; CPython's default is 4300):
/// `ValueError: Exceeds the limit (4300 digits) for integer string conversion; use
/// sys.set_int_max_str_digits() to increase the limit`.
pub fn int_to_decimal(v: &BigInt, max_digits: usize) -> Result<String, TextError> {
    let too_big = || {
        TextError::ValueError(format!(
            "Exceeds the limit ({} digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit",
            max_digits
        ))
    };
    // Cheap early-out: 2**bits has more than bits*0.30103 decimal digits.
    if max_digits > 0 && (v.bits() as f64) * 0.30103 > max_digits as f64 + 2.0 {
        return Err(too_big());
    }
    let s = v.to_string();
    let ndigits = s.len() - (v.sign() == Sign::Minus) as usize;
    if max_digits > 0 && ndigits > max_digits {
        return Err(too_big());
    }
    Ok(s)
}

/// `hex(v)`, `oct(v)`, `bin(v)` (radix 16, 8, 2): digits with a `0x`/`0o`/`0b` prefix after
/// the sign, e.g. `-0x1f`.  Any other radix (2..=36) gives plain lower-case digits.
pub fn int_to_str_radix(v: &BigInt, radix: u32) -> String {
    let prefix = match radix {
        16 => "0x",
        8 => "0o",
        2 => "0b",
        _ => "",
    };
    let radix = radix.clamp(2, 36);
    let sign = if v.sign() == Sign::Minus { "-" } else { "" };
    format!("{}{}{}", sign, prefix, v.magnitude().to_str_radix(radix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(kind: &str, val: &str, spec: &str) -> Result<String, TextError> {
        let tn = match kind {
            "i" => "int",
            "f" => "float",
            "c" => "complex",
            _ => "str",
        };
        let dt = match kind {
            "i" => 'd',
            "f" | "c" => '\0',
            _ => 's',
        };
        let f = parse_format_spec(spec, tn, dt)?;
        match kind {
            "i" => format_int(&val.parse::<BigInt>().unwrap(), &f, tn),
            "f" => format_float(f64::from_bits(u64::from_str_radix(val, 16).unwrap()), &f, tn),
            "c" => {
                let (re, im) = val.split_once(',').unwrap();
                let g = |x: &str| f64::from_bits(u64::from_str_radix(x, 16).unwrap());
                format_complex(g(re), g(im), &f, tn)
            }
            _ => format_str(val, &f, tn),
        }
    }

    // (kind, value, spec, expected) where expected is "OK:<text>" or "<Exc>:<message>";
    // generated with python3.11 from format(value, spec).
    const CASES: &[(&str, &str, &str, &str)] = include!("testdata/format_spec.rs");

    #[test]
    fn format_matches_python() {
        let mut bad = Vec::new();
        for &(kind, val, spec, want) in CASES {
            let got = match run(kind, val, spec) {
                Ok(s) => format!("OK:{}", s),
                Err(TextError::ValueError(m)) => format!("ValueError:{}", m),
                Err(TextError::OverflowError(m)) => format!("OverflowError:{}", m),
                Err(e) => format!("{:?}", e),
            };
            if got != want {
                bad.push(format!("{} {:?} {:?}: got {:?} want {:?}", kind, val, spec, got, want));
            }
        }
        assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad[..bad.len().min(30)].join("\n"));
    }

    #[test]
    fn decimal_digit_limit() {
        let ten = BigInt::from(10);
        let big = num_traits::pow(ten.clone(), 4300);
        let msg = "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit";
        assert_eq!(int_to_decimal(&big, 4300), Err(TextError::ValueError(msg.into())));
        assert_eq!(int_to_decimal(&(-&big + 1), 4300).unwrap().len(), 4301);
        assert_eq!(int_to_decimal(&big, 0).unwrap().len(), 4301);
        assert_eq!(int_to_decimal(&BigInt::from(-12), 4300).unwrap(), "-12");
        let spec = parse_format_spec("d", "int", 'd').unwrap();
        assert_eq!(format_int(&big, &spec, "int"), Err(TextError::ValueError(msg.into())));
        let spec = parse_format_spec("x", "int", 'd').unwrap();
        assert!(format_int(&big, &spec, "int").is_ok());
    }

    #[test]
    fn radix_prefixes() {
        assert_eq!(int_to_str_radix(&BigInt::from(-31), 16), "-0x1f");
        assert_eq!(int_to_str_radix(&BigInt::from(8), 8), "0o10");
        assert_eq!(int_to_str_radix(&BigInt::from(0), 2), "0b0");
        assert_eq!(int_to_str_radix(&BigInt::from(-5), 2), "-0b101");
        assert_eq!(
            int_to_str_radix(&"123456789012345678901234567890".parse().unwrap(), 16),
            "0x18ee90ff6c373e0ee4e3f0ad2"
        );
    }
}
