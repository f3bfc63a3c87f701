//! `str % args` (printf-style formatting), ported from CPython 3.11's
//! `PyUnicode_Format` in `Objects/unicodeobject.c`.
//!
//! The VM supplies arguments through the [`PercentValue`] trait (so `str()`, `repr()`,
//! `__index__`, `__int__`, `__float__` can be called lazily on arbitrary objects), or uses
//! the ready-made [`PercentArg`] enum for pre-converted values.

use super::float_repr::{double_to_string, DtoaFlags};
use super::floatops::bigint_to_f64;
use super::repr::ascii_escape;
use super::TextError;
use num_bigint::{BigInt, Sign};

/// What `%`-formatting needs from one Python object.  Errors returned by the callbacks
/// are passed through unchanged.
pub trait PercentValue {
    /// `type(obj).__name__`, for error messages.
    fn type_name(&self) -> String;
    /// `str(obj)` (used by `%s`).
    fn py_str(&self) -> Result<String, TextError>;
    /// `repr(obj)` (used by `%r`, and by `%a` after ASCII escaping).
    fn py_repr(&self) -> Result<String, TextError>;
    /// `Some(value)` if `obj` is an int (including bool and int subclasses): `PyLong_Check`.
    fn as_int(&self) -> Option<BigInt>;
    /// `Some(s)` if `obj` is a str or a str subclass (used by `%c`).
    fn as_str(&self) -> Option<String>;
    /// `int(obj)` for a non-int number (float truncation, `__int__`); `Ok(None)` when the
    /// object is not a real number (then `%d format: a real number is required, not T`).
    fn to_int(&self) -> Result<Option<BigInt>, TextError>;
    /// `obj.__index__()` for a non-int; `Ok(None)` when absent.
    fn to_index(&self) -> Result<Option<BigInt>, TextError>;
    /// `float(obj)` as `PyFloat_AsDouble` does it (`__float__`, or `__index__`);
    /// `Ok(None)` when neither exists (then `must be real number, not T`).
    fn to_float(&self) -> Result<Option<f64>, TextError>;
}

/// A pre-converted argument; implements [`PercentValue`] with CPython's behaviour for
/// ints, bools, floats and strs.  `Other` covers any other object by its `str()`/`repr()`.
#[derive(Debug, Clone, PartialEq)]
pub enum PercentArg {
    /// A Python int.
    Int(BigInt),
    /// A Python bool.
    Bool(bool),
    /// A Python float.
    Float(f64),
    /// A Python str.
    Str(String),
    /// Any other object (not a number): its type name, `str()` and `repr()`.
    Other { type_name: String, str: String, repr: String },
}

impl PercentValue for PercentArg {
    fn type_name(&self) -> String {
        match self {
            PercentArg::Int(_) => "int".into(),
            PercentArg::Bool(_) => "bool".into(),
            PercentArg::Float(_) => "float".into(),
            PercentArg::Str(_) => "str".into(),
            PercentArg::Other { type_name, .. } => type_name.clone(),
        }
    }
    fn py_str(&self) -> Result<String, TextError> {
        Ok(match self {
            PercentArg::Int(i) => super::int_to_decimal(i, super::DEFAULT_MAX_STR_DIGITS)?,
            PercentArg::Bool(b) => if *b { "True" } else { "False" }.into(),
            PercentArg::Float(f) => super::float_repr(*f),
            PercentArg::Str(s) => s.clone(),
            PercentArg::Other { str, .. } => str.clone(),
        })
    }
    fn py_repr(&self) -> Result<String, TextError> {
        match self {
            PercentArg::Str(s) => Ok(super::str_repr(s)),
            PercentArg::Other { repr, .. } => Ok(repr.clone()),
            _ => self.py_str(),
        }
    }
    fn as_int(&self) -> Option<BigInt> {
        match self {
            PercentArg::Int(i) => Some(i.clone()),
            PercentArg::Bool(b) => Some(BigInt::from(*b as u8)),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<String> {
        match self {
            PercentArg::Str(s) => Some(s.clone()),
            _ => None,
        }
    }
    fn to_int(&self) -> Result<Option<BigInt>, TextError> {
        match self {
            PercentArg::Float(f) => float_to_bigint(*f).map(Some),
            _ => Ok(self.as_int()),
        }
    }
    fn to_index(&self) -> Result<Option<BigInt>, TextError> {
        Ok(self.as_int())
    }
    fn to_float(&self) -> Result<Option<f64>, TextError> {
        match self {
            PercentArg::Float(f) => Ok(Some(*f)),
            _ => match self.as_int() {
                Some(i) => bigint_to_f64(&i).map(Some),
                None => Ok(None),
            },
        }
    }
}

/// `int(x)` for a float: truncation toward zero; `OverflowError: cannot convert float
/// infinity to integer`, `ValueError: cannot convert float NaN to integer`.
pub fn float_to_bigint(x: f64) -> Result<BigInt, TextError> {
    if x.is_nan() {
        return Err(TextError::ValueError("cannot convert float NaN to integer".into()));
    }
    if x.is_infinite() {
        return Err(TextError::OverflowError("cannot convert float infinity to integer".into()));
    }
    let t = x.trunc();
    let bits = t.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    if exp == 0 {
        return Ok(BigInt::from(0));
    }
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let shift = exp - 1075;
    let mag = if shift >= 0 {
        BigInt::from(mant) << (shift as usize)
    } else {
        BigInt::from(mant >> ((-shift).min(63) as u32))
    };
    Ok(if t < 0.0 { -mag } else { mag })
}

/// The right operand of `fmt % args`.
pub enum PercentArgs<'a, V: PercentValue> {
    /// `fmt % (a, b, ...)`: a tuple.
    Tuple(&'a [V]),
    /// `fmt % x` where `x` is neither a tuple nor a mapping.
    Single(&'a V),
    /// `fmt % m` where `m` is a mapping (has `__getitem__`, not a tuple or str): `m` itself
    /// serves plain `%s`, and `lookup(key)` serves `%(key)s` (it should return
    /// `TextError::KeyError` or a callback error when the key is missing).
    Mapping(&'a V, &'a dyn Fn(&str) -> Result<V, TextError>),
}

enum Cur<'a, V> {
    Tuple(&'a [V]),
    One(&'a V),
    Owned(V),
}

struct Ctx<'a, V: PercentValue> {
    cur: Cur<'a, V>,
    arglen: i64,
    argidx: i64,
    dict: Option<&'a dyn Fn(&str) -> Result<V, TextError>>,
}

impl<'a, V: PercentValue> Ctx<'a, V> {
    fn next_arg(&mut self) -> Result<&V, TextError> {
        if self.argidx < self.arglen {
            self.argidx += 1;
            let item = match &self.cur {
                Cur::Tuple(t) => usize::try_from(self.argidx - 1).ok().and_then(|i| t.get(i)),
                Cur::One(v) => Some(*v),
                Cur::Owned(v) => Some(v),
            };
            if let Some(v) = item {
                return Ok(v);
            }
        }
        Err(TextError::TypeError("not enough arguments for format string".into()))
    }
}

#[derive(Default)]
struct Arg {
    ch: char,
    ljust: bool,
    sign: bool,
    blank: bool,
    alt: bool,
    zero: bool,
    width: i64,
    prec: i64,
}

/// `fmt % args` with CPython 3.11 semantics: conversions `s r a d i u o x X e E f F g G c %`,
/// flags `-+ #0`, width and precision (numbers or `*`), `h`/`l`/`L` length modifiers
/// (ignored), and `%(key)` mapping lookups.  Errors carry CPython's messages, e.g.
/// `not enough arguments for format string`, `not all arguments converted during string
/// formatting`, `%d format: a real number is required, not str`, `unsupported format
/// character 'y' (0x79) at index 3`, `incomplete format`, `format requires a mapping`.
pub fn percent_format<V: PercentValue>(fmt: &str, args: PercentArgs<'_, V>) -> Result<String, TextError> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut ctx = match args {
        PercentArgs::Tuple(t) => Ctx { cur: Cur::Tuple(t), arglen: t.len() as i64, argidx: 0, dict: None },
        PercentArgs::Single(v) => Ctx { cur: Cur::One(v), arglen: -1, argidx: -2, dict: None },
        PercentArgs::Mapping(v, f) => Ctx { cur: Cur::One(v), arglen: -1, argidx: -2, dict: Some(f) },
    };
    let mut out = String::with_capacity(fmt.len());
    let mut pos = 0usize;
    while pos < chars.len() {
        let c = chars[pos];
        if c != '%' {
            out.push(c);
            pos += 1;
            continue;
        }
        pos += 1;
        if chars.get(pos) == Some(&'%') {
            out.push('%');
            pos += 1;
            continue;
        }
        format_one(&chars, &mut pos, &mut ctx, &mut out)?;
    }
    if ctx.argidx < ctx.arglen && ctx.dict.is_none() {
        return Err(TextError::TypeError("not all arguments converted during string formatting".into()));
    }
    Ok(out)
}

fn star_arg<V: PercentValue>(ctx: &mut Ctx<'_, V>) -> Result<BigInt, TextError> {
    let v = ctx.next_arg()?;
    v.as_int().ok_or_else(|| TextError::TypeError("* wants int".into()))
}

fn format_one<V: PercentValue>(
    chars: &[char],
    pos: &mut usize,
    ctx: &mut Ctx<'_, V>,
    out: &mut String,
) -> Result<(), TextError> {
    let incomplete = || TextError::ValueError("incomplete format".into());
    let mut a = Arg { width: -1, prec: -1, ..Default::default() };
    // Mapping key.
    if chars.get(*pos) == Some(&'(') {
        let Some(lookup) = ctx.dict else {
            return Err(TextError::TypeError("format requires a mapping".into()));
        };
        *pos += 1;
        let start = *pos;
        let mut depth = 1;
        while depth > 0 {
            match chars.get(*pos) {
                None => return Err(TextError::ValueError("incomplete format key".into())),
                Some(')') => depth -= 1,
                Some('(') => depth += 1,
                _ => {}
            }
            *pos += 1;
        }
        let key: String = chars[start..*pos - 1].iter().collect();
        let v = lookup(&key)?;
        ctx.cur = Cur::Owned(v);
        ctx.arglen = -1;
        ctx.argidx = -2;
    }
    let next = |pos: &mut usize| -> Option<char> {
        let c = chars.get(*pos).copied();
        if c.is_some() {
            *pos += 1;
        }
        c
    };
    // Flags.
    loop {
        let Some(c) = next(pos) else { return Err(incomplete()) };
        a.ch = c;
        match c {
            '-' => a.ljust = true,
            '+' => a.sign = true,
            ' ' => a.blank = true,
            '#' => a.alt = true,
            '0' => a.zero = true,
            _ => break,
        }
    }
    // Width.
    if a.ch == '*' {
        let w = star_arg(ctx)?;
        let Ok(mut w) = i64::try_from(&w) else {
            return Err(TextError::OverflowError("Python int too large to convert to C ssize_t".into()));
        };
        if w < 0 {
            a.ljust = true;
            w = w.checked_neg().unwrap_or(i64::MAX);
        }
        a.width = w;
        a.ch = next(pos).ok_or_else(incomplete)?;
    } else if a.ch.is_ascii_digit() {
        a.width = a.ch as i64 - '0' as i64;
        loop {
            a.ch = next(pos).ok_or_else(incomplete)?;
            let Some(d) = a.ch.to_digit(10).filter(|_| a.ch.is_ascii_digit()) else { break };
            a.width = a
                .width
                .checked_mul(10)
                .and_then(|w| w.checked_add(d as i64))
                .ok_or_else(|| TextError::ValueError("width too big".into()))?;
        }
    }
    // Precision.
    if a.ch == '.' {
        a.prec = 0;
        a.ch = next(pos).ok_or_else(incomplete)?;
        if a.ch == '*' {
            let p = star_arg(ctx)?;
            let Ok(p) = i32::try_from(&p) else {
                return Err(TextError::OverflowError("Python int too large to convert to C int".into()));
            };
            a.prec = p.max(0) as i64;
            a.ch = next(pos).ok_or_else(incomplete)?;
        } else if a.ch.is_ascii_digit() {
            a.prec = a.ch as i64 - '0' as i64;
            loop {
                a.ch = next(pos).ok_or_else(incomplete)?;
                let Some(d) = a.ch.to_digit(10).filter(|_| a.ch.is_ascii_digit()) else { break };
                a.prec = a
                    .prec
                    .checked_mul(10)
                    .and_then(|w| w.checked_add(d as i64))
                    .filter(|&p| p <= i32::MAX as i64)
                    .ok_or_else(|| TextError::ValueError("precision too big".into()))?;
            }
        }
    }
    if matches!(a.ch, 'h' | 'l' | 'L') {
        a.ch = next(pos).ok_or_else(incomplete)?;
    }
    let v = ctx.next_arg()?;
    let mut numeric = false;
    let s: String = match a.ch {
        's' => v.py_str()?,
        'r' => v.py_repr()?,
        'a' => ascii_escape(&v.py_repr()?),
        'i' | 'd' | 'u' | 'o' | 'x' | 'X' => {
            numeric = true;
            format_long(v, &a)?
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            numeric = true;
            let x = match v.to_float()? {
                Some(x) => x,
                None => return Err(TextError::TypeError(format!("must be real number, not {}", v.type_name()))),
            };
            let prec = if a.prec < 0 { 6 } else { a.prec };
            double_to_string(x, a.ch, prec, DtoaFlags { alt: a.alt, ..Default::default() })
        }
        'c' => format_char(v)?.to_string(),
        c => {
            let shown = if (31..=126).contains(&(c as u32)) { c } else { '?' };
            return Err(TextError::ValueError(format!(
                "unsupported format character '{}' (0x{:x}) at index {}",
                shown,
                c as u32,
                pos.saturating_sub(1)
            )));
        }
    };
    output(&a, numeric, &s, out);
    if ctx.dict.is_some() && ctx.argidx < ctx.arglen {
        return Err(TextError::TypeError("not all arguments converted during string formatting".into()));
    }
    Ok(())
}

fn format_char<V: PercentValue>(v: &V) -> Result<char, TextError> {
    let bad = || TextError::TypeError("%c requires int or char".into());
    if let Some(s) = v.as_str() {
        let mut it = s.chars();
        return match (it.next(), it.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(bad()),
        };
    }
    let i = match v.as_int() {
        Some(i) => i,
        None => match v.to_index() {
            Ok(Some(i)) => i,
            Ok(None) | Err(TextError::TypeError(_)) => return Err(bad()),
            Err(e) => return Err(e),
        },
    };
    match u32::try_from(&i).ok().filter(|&x| x <= 0x10ffff) {
        // Surrogates cannot be stored in a Rust string; they become U+FFFD.
        Some(x) => Ok(char::from_u32(x).unwrap_or('\u{fffd}')),
        None => Err(TextError::OverflowError("%c arg not in range(0x110000)".into())),
    }
}

/// `mainformatlong` + `_PyUnicode_FormatLong`.
fn format_long<V: PercentValue>(v: &V, a: &Arg) -> Result<String, TextError> {
    let index_only = matches!(a.ch, 'o' | 'x' | 'X');
    let wrong = || {
        let what = if index_only { "an integer is required" } else { "a real number is required" };
        TextError::TypeError(format!("%{} format: {}, not {}", a.ch, what, v.type_name()))
    };
    let i = match v.as_int() {
        Some(i) => i,
        None => {
            let r = if index_only { v.to_index() } else { v.to_int() };
            match r {
                Ok(Some(i)) => i,
                Ok(None) | Err(TextError::TypeError(_)) => return Err(wrong()),
                Err(e) => return Err(e),
            }
        }
    };
    let (radix, prefix) = match a.ch {
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = if radix == 10 {
        super::int_to_decimal(&BigInt::from(i.magnitude().clone()), super::DEFAULT_MAX_STR_DIGITS)?
    } else {
        i.magnitude().to_str_radix(radix)
    };
    if a.ch == 'X' {
        digits.make_ascii_uppercase();
    }
    let ndig = digits.len() as i64;
    let mut s = String::new();
    if i.sign() == Sign::Minus {
        s.push('-');
    }
    if a.alt {
        s.push_str(prefix);
    }
    for _ in ndig..a.prec {
        s.push('0');
    }
    s.push_str(&digits);
    Ok(s)
}

/// `unicode_format_arg_output`: sign, alternate prefix, padding.
fn output(a: &Arg, numeric: bool, s: &str, out: &mut String) {
    let chars: Vec<char> = s.chars().collect();
    let mut len = chars.len() as i64;
    let mut width = a.width;
    if matches!(a.ch, 's' | 'r' | 'a') && a.prec >= 0 && len > a.prec {
        len = a.prec;
    }
    let fill = if numeric && a.zero { '0' } else { ' ' };
    let mut pindex = 0usize;
    let mut sign = numeric;
    let mut signchar = '\0';
    if sign {
        match chars.first() {
            Some(&c @ ('-' | '+')) => {
                signchar = c;
                len -= 1;
                pindex = 1;
            }
            _ if a.sign => signchar = '+',
            _ if a.blank => signchar = ' ',
            _ => sign = false,
        }
    }
    if width < len {
        width = len;
    }
    if sign {
        if fill != ' ' {
            out.push(signchar);
        }
        if width > len {
            width -= 1;
        }
    }
    let has_prefix = a.alt && matches!(a.ch, 'x' | 'X' | 'o');
    if has_prefix {
        if fill != ' ' {
            out.extend(chars.get(pindex..pindex + 2).unwrap_or(&[]));
            pindex += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && !a.ljust {
        for _ in 0..width - len {
            out.push(fill);
        }
        width = len;
    }
    if fill == ' ' {
        if sign {
            out.push(signchar);
        }
        if has_prefix {
            out.extend(chars.get(pindex..pindex + 2).unwrap_or(&[]));
            pindex += 2;
        }
    }
    let end = (pindex as i64 + len.max(0)) as usize;
    out.extend(chars.get(pindex..end.min(chars.len())).unwrap_or(&[]));
    if width > len {
        for _ in 0..width - len {
            out.push(' ');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> PercentArg {
        let (k, v) = s.split_at(2);
        match k {
            "i:" => PercentArg::Int(v.parse().unwrap()),
            "b:" => PercentArg::Bool(v == "1"),
            "f:" => PercentArg::Float(f64::from_bits(u64::from_str_radix(v, 16).unwrap())),
            "s:" => PercentArg::Str(v.to_string()),
            _ => {
                let (t, r) = v.split_once(':').unwrap();
                PercentArg::Other { type_name: t.into(), str: r.into(), repr: r.into() }
            }
        }
    }

    // (format, mode T=tuple S=single M=mapping, encoded args, expected "OK:..." or
    // "<Exception>:<message>"), generated with python3.11 from `fmt % args`.
    const CASES: &[(&str, &str, &[&str], &str)] = include!("testdata/percent.rs");

    fn show(r: Result<String, TextError>) -> String {
        match r {
            Ok(s) => format!("OK:{}", s),
            Err(TextError::KeyError(k)) => format!("KeyError:{}", k),
            Err(e) => format!("{}:{}", format!("{:?}", e).split('(').next().unwrap(), e.message()),
        }
    }

    #[test]
    fn percent_matches_python() {
        assert!(CASES.len() > 2000);
        let mut bad = Vec::new();
        for &(fmt, mode, enc, want) in CASES {
            let got = match mode {
                "M" => {
                    let items: Vec<(String, PercentArg)> = enc
                        .iter()
                        .map(|e| {
                            let (k, v) = e.split_once('=').unwrap();
                            (k.to_string(), dec(v))
                        })
                        .collect();
                    let dict_repr = "{'x': 1, 'y': 'z', '(a)': 5, 'f': 2.5}".to_string();
                    let this = PercentArg::Other { type_name: "dict".into(), str: dict_repr.clone(), repr: dict_repr };
                    let lookup = |k: &str| -> Result<PercentArg, TextError> {
                        items
                            .iter()
                            .find(|(n, _)| n == k)
                            .map(|(_, v)| v.clone())
                            .ok_or_else(|| TextError::KeyError(str_repr_key(k)))
                    };
                    show(percent_format(fmt, PercentArgs::Mapping(&this, &lookup)))
                }
                "S" => show(percent_format(fmt, PercentArgs::Single(&dec(enc[0])))),
                _ => {
                    let args: Vec<PercentArg> = enc.iter().map(|e| dec(e)).collect();
                    show(percent_format(fmt, PercentArgs::Tuple(&args)))
                }
            };
            if got != want {
                bad.push(format!("{:?} {} {:?}: got {:?} want {:?}", fmt, mode, enc, got, want));
            }
        }
        assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad[..bad.len().min(30)].join("\n"));
    }

    fn str_repr_key(k: &str) -> String {
        super::super::str_repr(k)
    }
}
