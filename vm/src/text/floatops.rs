//! Float helpers with CPython 3.11 semantics: `float.hex`, `float.fromhex`,
//! `float.as_integer_ratio`, `round(x, n)`, `//`, `%`, `divmod`, int/int true division and
//! int to float conversion.  All conversions are correctly rounded (half-even).

use super::percent::float_to_bigint;
use super::TextError;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Zero};

fn overflow<T>(m: &str) -> Result<T, TextError> {
    Err(TextError::OverflowError(m.into()))
}

/// `2.0**q` for `q` in the normal exponent range.
fn pow2(q: i64) -> f64 {
    f64::from_bits(((q.clamp(-1022, 1023) + 1023) as u64) << 52)
}

/// `m * 2**e` correctly rounded to a double (half-even, subnormals included);
/// `None` if the result overflows.  When `sticky` is set the true value is slightly
/// larger than `m * 2**e` (used to carry an inexact remainder; `m` must then have at
/// least 2 bits more than the target precision).
fn big_ldexp(m: &BigUint, e: i64, sticky: bool) -> Option<f64> {
    if m.is_zero() {
        return Some(0.0);
    }
    let nbits = m.bits() as i64;
    let top = nbits.saturating_add(e);
    if top > 1024 {
        return None;
    }
    // Round to a multiple of 2**q.
    let q = (top - 53).max(-1074);
    let shift = q - e;
    let mant: u64 = if shift <= 0 {
        let v: BigUint = m << ((-shift) as usize);
        v.to_u64_digits().first().copied().unwrap_or(0)
    } else {
        let s = shift as usize;
        let hi: BigUint = m >> s;
        let mut mant = hi.to_u64_digits().first().copied().unwrap_or(0);
        let half = BigUint::one() << (s - 1);
        let rem: BigUint = m - (&hi << s);
        let up = rem > half || (rem == half && (sticky || mant & 1 == 1));
        if up {
            mant += 1;
        }
        mant
    };
    let f = if q < -1022 {
        // 2**q is not a normal double: scale to an exact integer-valued double first, then
        // multiply by 2**-1074 (exact, since the result is representable).
        (mant as f64) * pow2(q + 1074) * f64::from_bits(1)
    } else {
        (mant as f64) * pow2(q)
    };
    if f.is_infinite() {
        None
    } else {
        Some(f)
    }
}

/// `float(v)` for a Python int: correctly rounded (half-even);
/// `OverflowError: int too large to convert to float` when out of range.
pub fn bigint_to_f64(v: &BigInt) -> Result<f64, TextError> {
    match big_ldexp(v.magnitude(), 0, false) {
        Some(f) => Ok(if v.sign() == Sign::Minus { -f } else { f }),
        None => overflow("int too large to convert to float"),
    }
}

/// `a / b` for Python ints (true division), correctly rounded.
/// `ZeroDivisionError: division by zero`,
/// `OverflowError: integer division result too large for a float`.
pub fn int_true_divide(a: &BigInt, b: &BigInt) -> Result<f64, TextError> {
    if b.is_zero() {
        return Err(TextError::ZeroDivisionError("division by zero".into()));
    }
    let negate = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let (n, d) = (a.magnitude(), b.magnitude());
    let f = if n.is_zero() {
        0.0
    } else {
        let e = n.bits() as i64 - d.bits() as i64;
        let s = 56 - e;
        let (num, den) = if s >= 0 { (n << (s as usize), d.clone()) } else { (n.clone(), d << ((-s) as usize)) };
        let (q, r) = num.div_rem(&den);
        let (q, exp) = if r.is_zero() { (q, -s) } else { ((q << 1usize) | BigUint::one(), -s - 1) };
        match big_ldexp(&q, exp, false) {
            Some(f) => f,
            None => return overflow("integer division result too large for a float"),
        }
    };
    Ok(if negate { -f } else { f })
}

/// `x.hex()`: `0x1.8000000000000p+0`, `-0x0.0p+0`, subnormals as `0x0.<13 digits>p-1022`;
/// `inf`, `-inf`, `nan` as their repr.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() || x.is_infinite() {
        return super::float_repr(x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{}0x0.0p+0", sign);
    }
    let bits = x.to_bits();
    let bexp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, e) = if bexp == 0 { (0, -1022) } else { (1, bexp - 1023) };
    format!("{}0x{}.{:013x}p{}{}", sign, lead, frac, if e < 0 { '-' } else { '+' }, e.abs())
}

fn hex_val(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

/// `float.fromhex(s)`: optional whitespace, sign, `0x`, hex digits with an optional point,
/// optional `p` exponent; or `inf`/`infinity`/`nan`.  Correctly rounded.
/// `ValueError: invalid hexadecimal floating-point string`,
/// `OverflowError: hexadecimal value too large to represent as a float`.
pub fn float_fromhex(s: &str) -> Result<f64, TextError> {
    let invalid = || Err(TextError::ValueError("invalid hexadecimal floating-point string".into()));
    let b = s.as_bytes();
    let sp = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = b.iter().position(|&c| !sp(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|&c| !sp(c)).map_or(start, |p| p + 1).max(start);
    let body = &b[start..end];
    let mut i = 0;
    let mut negate = false;
    match body.first() {
        Some(b'-') => {
            negate = true;
            i = 1;
        }
        Some(b'+') => i = 1,
        _ => {}
    }
    let word: Vec<u8> = body[i..].iter().map(|c| c.to_ascii_lowercase()).collect();
    if word == b"inf" || word == b"infinity" {
        return Ok(if negate { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if word == b"nan" {
        return Ok(f64::NAN);
    }
    if body.get(i) == Some(&b'0') && matches!(body.get(i + 1), Some(b'x' | b'X')) {
        i += 2;
    }
    let mut digits: Vec<u32> = Vec::new();
    let mut fdigits: i64 = 0;
    while let Some(v) = body.get(i).and_then(|&c| hex_val(c)) {
        digits.push(v);
        i += 1;
    }
    if body.get(i) == Some(&b'.') {
        i += 1;
        while let Some(v) = body.get(i).and_then(|&c| hex_val(c)) {
            digits.push(v);
            fdigits += 1;
            i += 1;
        }
    }
    if digits.is_empty() {
        return invalid();
    }
    let mut exp: i64 = 0;
    if matches!(body.get(i), Some(b'p' | b'P')) {
        i += 1;
        let mut eneg = false;
        if let Some(&c @ (b'+' | b'-')) = body.get(i) {
            eneg = c == b'-';
            i += 1;
        }
        if !body.get(i).is_some_and(|c| c.is_ascii_digit()) {
            return invalid();
        }
        while let Some(&c) = body.get(i).filter(|c| c.is_ascii_digit()) {
            exp = exp.saturating_mul(10).saturating_add((c - b'0') as i64);
            i += 1;
        }
        if eneg {
            exp = -exp;
        }
    }
    if i != body.len() {
        return invalid();
    }
    // Drop leading zeros so the mantissa stays small.
    let first = digits.iter().position(|&d| d != 0).unwrap_or(digits.len());
    let digits = &digits[first..];
    if digits.is_empty() {
        return Ok(if negate { -0.0 } else { 0.0 });
    }
    let total_exp = exp.saturating_sub(fdigits.saturating_mul(4));
    // Values far outside the double range: decide without building huge numbers.
    let top = (digits.len() as i64).saturating_mul(4).saturating_add(total_exp);
    if top > 1100 {
        return overflow("hexadecimal value too large to represent as a float");
    }
    if top < -1200 {
        return Ok(if negate { -0.0 } else { 0.0 });
    }
    // Keep at most ~70 significant hex digits (280 bits); the rest only matter as a sticky bit.
    let keep = digits.len().min(70);
    let sticky = digits[keep..].iter().any(|&d| d != 0);
    let mut m = BigUint::zero();
    for &d in &digits[..keep] {
        m = (m << 4usize) + BigUint::from(d);
    }
    let mut e = total_exp + 4 * (digits.len() - keep) as i64;
    if sticky {
        m = (m << 1usize) | BigUint::one();
        e -= 1;
    }
    match big_ldexp(&m, e, false) {
        Some(f) => Ok(if negate { -f } else { f }),
        None => overflow("hexadecimal value too large to represent as a float"),
    }
}

/// `x.as_integer_ratio()`: the exact value as `(numerator, denominator)` in lowest terms
/// with a positive power-of-two denominator.
/// `OverflowError: cannot convert Infinity to integer ratio`,
/// `ValueError: cannot convert NaN to integer ratio`.
pub fn float_as_integer_ratio(x: f64) -> Result<(BigInt, BigInt), TextError> {
    if x.is_infinite() {
        return overflow("cannot convert Infinity to integer ratio");
    }
    if x.is_nan() {
        return Err(TextError::ValueError("cannot convert NaN to integer ratio".into()));
    }
    if x == 0.0 {
        return Ok((BigInt::zero(), BigInt::one()));
    }
    let bits = x.to_bits();
    let bexp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mant, mut e) = if bexp == 0 { (frac, -1074) } else { (frac | (1u64 << 52), bexp - 1075) };
    while e < 0 && mant & 1 == 0 {
        mant >>= 1;
        e += 1;
    }
    let mut num = BigInt::from(mant);
    if x < 0.0 {
        num = -num;
    }
    if e >= 0 {
        Ok((num << (e as usize), BigInt::one()))
    } else {
        Ok((num, BigInt::one() << ((-e) as usize)))
    }
}

/// `round(x, ndigits)` for a float with an int `ndigits` (CPython's `double_round`): the
/// exact binary value is rounded half-even to `ndigits` decimal places (negative rounds to
/// tens, hundreds, ...).  Non-finite values are returned unchanged; huge `ndigits` return
/// `x`, very negative ones return `±0.0`.
/// `OverflowError: rounded value too large to represent`.
pub fn round_float(x: f64, ndigits: i64) -> Result<f64, TextError> {
    if !x.is_finite() {
        return Ok(x);
    }
    if ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let text = if ndigits >= 0 {
        format!("{}{:.*}", sign, ndigits as usize, x.abs())
    } else {
        // Round |x| / 10**k half-even to an integer, exactly.
        let k = (-ndigits) as u32;
        let (num, den) = float_as_integer_ratio(x.abs())?;
        let den = den * BigInt::from(10u32).pow(k);
        let (q, r) = num.div_rem(&den);
        let twice = r * 2u32;
        let q = if twice > den || (twice == den && q.is_odd()) { q + 1u32 } else { q };
        format!("{}{}e{}", sign, q, k)
    };
    let r: f64 = text.parse().unwrap_or(f64::NAN);
    if r.is_infinite() {
        return overflow("rounded value too large to represent");
    }
    Ok(r)
}

/// `round(v, ndigits)` for a Python int: unchanged for `ndigits >= 0`, otherwise rounded
/// half-even to a multiple of `10**-ndigits` (CPython's `long_round`).
pub fn round_int(v: &BigInt, ndigits: i64) -> BigInt {
    if ndigits >= 0 {
        return v.clone();
    }
    // 10**k with k beyond the number's size rounds to 0 (the divisor exceeds 2*|v|).
    let k = ndigits.unsigned_abs();
    if (k as f64) > (v.bits() as f64) * 0.30103 + 2.0 {
        return BigInt::zero();
    }
    let p = num_traits::pow(BigInt::from(10u32), k as usize);
    let (q, r) = v.div_mod_floor(&p);
    let twice = r * 2u32;
    let q = if twice > p || (twice == p && q.is_odd()) { q + 1u32 } else { q };
    q * p
}

/// `round(x)` (no ndigits): nearest integer, ties to even, as a Python int.
/// `OverflowError: cannot convert float infinity to integer`,
/// `ValueError: cannot convert float NaN to integer`.
pub fn round_float_to_int(x: f64) -> Result<BigInt, TextError> {
    let mut r = x.round();
    if (x - r).abs() == 0.5 {
        r = 2.0 * (x / 2.0).round();
    }
    float_to_bigint(r)
}

/// `x % y` for floats: the result has the sign of `y`; a zero result is `copysign(0, y)`.
/// `ZeroDivisionError: float modulo`.
pub fn float_mod(x: f64, y: f64) -> Result<f64, TextError> {
    if y == 0.0 {
        return Err(TextError::ZeroDivisionError("float modulo".into()));
    }
    let m = x % y;
    Ok(if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m + y
        } else {
            m
        }
    } else {
        0.0f64.copysign(y)
    })
}

fn divmod_inner(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// `divmod(x, y)` for floats: `(x // y, x % y)` as CPython computes them.
/// `ZeroDivisionError: float divmod()`.
pub fn float_divmod(x: f64, y: f64) -> Result<(f64, f64), TextError> {
    if y == 0.0 {
        return Err(TextError::ZeroDivisionError("float divmod()".into()));
    }
    Ok(divmod_inner(x, y))
}

/// `x // y` for floats.  `ZeroDivisionError: float floor division by zero`.
pub fn float_floor_div(x: f64, y: f64) -> Result<f64, TextError> {
    if y == 0.0 {
        return Err(TextError::ZeroDivisionError("float floor division by zero".into()));
    }
    Ok(divmod_inner(x, y).0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::int_to_str_radix;

    // (operation, arg1, arg2, expected) generated with python3.11; floats are given as
    // hex bit patterns, ints as `hex(n)`, results as `F:<bits>`, `I:<hex>`, `S:<text>`,
    // `T:<items>` or `E:<Exception>:<message>`.
    const CASES: &[(&str, &str, &str, &str)] = include!("testdata/floatops.rs");

    fn f(s: &str) -> f64 {
        f64::from_bits(u64::from_str_radix(s, 16).unwrap())
    }
    fn i(s: &str) -> BigInt {
        let (neg, s) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let v = BigInt::parse_bytes(s.trim_start_matches("0x").as_bytes(), 16).unwrap();
        if neg {
            -v
        } else {
            v
        }
    }
    fn ef(x: f64) -> String {
        if x.is_nan() {
            "F:nan".into()
        } else {
            format!("F:{:x}", x.to_bits())
        }
    }
    fn ee(e: TextError) -> String {
        let kind = format!("{:?}", e);
        format!("E:{}:{}", kind.split('(').next().unwrap(), e.message())
    }
    fn show<T>(r: Result<T, TextError>, g: impl Fn(T) -> String) -> String {
        r.map(g).unwrap_or_else(ee)
    }

    #[test]
    fn float_ops_match_python() {
        assert!(CASES.len() > 3000);
        let mut bad = Vec::new();
        for &(op, a, b, want) in CASES {
            let got = match op {
                "hex" => format!("S:{}", float_hex(f(a))),
                "ratio" => show(float_as_integer_ratio(f(a)), |(n, d)| {
                    format!("T:{},{}", int_to_str_radix(&n, 16), int_to_str_radix(&d, 16))
                }),
                "fromhex" | "fromhex_roundtrip" => show(float_fromhex(a), ef),
                "round0" => show(round_float_to_int(f(a)), |v| format!("I:{}", int_to_str_radix(&v, 16))),
                "round" => show(round_float(f(a), b.parse().unwrap()), ef),
                "mod" => show(float_mod(f(a), f(b)), ef),
                "floordiv" => show(float_floor_div(f(a), f(b)), ef),
                "divmod" => show(float_divmod(f(a), f(b)), |(q, r)| format!("T:{},{}", ef(q), ef(r))),
                "truediv" => show(int_true_divide(&i(a), &i(b)), ef),
                "tofloat" => show(bigint_to_f64(&i(a)), ef),
                "roundint" => format!("I:{}", int_to_str_radix(&round_int(&i(a), b.parse().unwrap()), 16)),
                _ => panic!("unknown op {}", op),
            };
            if got != want {
                bad.push(format!("{}({:?}, {:?}): got {:?} want {:?}", op, a, b, got, want));
            }
        }
        assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad[..bad.len().min(30)].join("\n"));
    }
}
