//! `repr(float)`, `repr(complex)` and a port of CPython's `PyOS_double_to_string`
//! (`format_float_short` in `Python/pystrtod.c`).
//!
//! Digit generation uses Rust's `{:e}` / `{:.*e}` / `{:.*}` formatting, which is exact
//! (shortest round-trip, or correctly rounded half-even on the exact binary value), the
//! same results as David Gay's `dtoa` modes 0, 2 and 3 that CPython uses.

/// Flags for [`double_to_string`], mirroring CPython's `Py_DTSF_*`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DtoaFlags {
    /// `Py_DTSF_SIGN`: always emit a sign (`+` for non-negative values).
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: integral values in fixed notation get a trailing `.0`.
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: alternate form (`#`): keep the decimal point and trailing zeros.
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: negative values that round to zero lose their sign (`z`).
    pub no_neg_0: bool,
}

/// Digits of `|x|` (finite) as `(digits, decpt)` with value `0.DIGITS * 10**decpt`,
/// trailing zeros stripped, zero represented as `("0", 1)`.
/// `mode` 0: shortest round-trip; 2: `ndigits` significant digits; 3: `ndigits` after the point.
fn dtoa(x: f64, mode: u8, ndigits: i64) -> (Vec<u8>, i64) {
    let x = x.abs();
    let nd = ndigits.clamp(0, i32::MAX as i64) as usize;
    let (mut digits, mut decpt): (Vec<u8>, i64) = match mode {
        3 => {
            let s = format!("{:.*}", nd, x);
            let (ip, fp) = match s.find('.') {
                Some(i) => (&s[..i], &s[i + 1..]),
                None => (&s[..], ""),
            };
            let mut d: Vec<u8> = ip.bytes().chain(fp.bytes()).collect();
            let mut decpt = ip.len() as i64;
            let lead = d.iter().take_while(|&&c| c == b'0').count();
            d.drain(..lead);
            decpt -= lead as i64;
            (d, decpt)
        }
        _ => {
            let s = if mode == 0 { format!("{:e}", x) } else { format!("{:.*e}", nd.max(1) - 1, x) };
            let (m, e) = match s.find('e') {
                Some(i) => (&s[..i], &s[i + 1..]),
                None => (&s[..], "0"),
            };
            let exp: i64 = e.parse().unwrap_or(0);
            let d: Vec<u8> = m.bytes().filter(|c| c.is_ascii_digit()).collect();
            (d, exp + 1)
        }
    };
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() || digits.iter().all(|&c| c == b'0') {
        digits = vec![b'0'];
        decpt = 1;
    }
    (digits, decpt)
}

/// Port of CPython's `PyOS_double_to_string(val, format_code, precision, flags, NULL)`.
///
/// `format_code` is one of `e E f F g G r` (`r` = repr: shortest digits, precision ignored).
/// Any other code is treated as `r`.  Inf and nan come out as `inf`/`-inf`/`nan`
/// (upper-case for `E F G`); a nan never gets a sign.
pub fn double_to_string(val: f64, format_code: char, precision: i64, flags: DtoaFlags) -> String {
    let upper = matches!(format_code, 'E' | 'F' | 'G');
    let code = format_code.to_ascii_lowercase();
    let mut precision = precision.clamp(0, i32::MAX as i64);
    if val.is_nan() {
        // The sign of a nan is ignored, but an explicit '+' is still added.
        let body = if upper { "NAN" } else { "nan" };
        return if flags.sign { format!("+{}", body) } else { body.to_string() };
    }
    let negative = val.is_sign_negative();
    if val.is_infinite() {
        let mut s = String::new();
        if negative {
            s.push('-');
        } else if flags.sign {
            s.push('+');
        }
        s.push_str(if upper { "INF" } else { "inf" });
        return s;
    }
    let (mode, code) = match code {
        'e' => {
            precision += 1;
            (2u8, 'e')
        }
        'f' => (3, 'f'),
        'g' => {
            if precision == 0 {
                precision = 1;
            }
            (2, 'g')
        }
        _ => {
            precision = 0;
            (0, 'r')
        }
    };
    let (digits, mut decpt) = dtoa(val, mode, precision);
    let mut sign = negative;
    if flags.no_neg_0 && sign && digits == b"0" {
        sign = false;
    }
    let digits_len = digits.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let lim = if flags.add_dot_0 { precision - 1 } else { precision };
            if decpt <= -4 || decpt > lim {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0i64;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && flags.add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }
    let zeros = |s: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            s.push('0');
        }
    };
    let mut p = String::new();
    if sign {
        p.push('-');
    } else if flags.sign {
        p.push('+');
    }
    if decpt <= 0 {
        zeros(&mut p, decpt - vdigits_start);
        p.push('.');
        zeros(&mut p, -decpt);
    } else {
        zeros(&mut p, -vdigits_start);
    }
    let dstr = String::from_utf8_lossy(&digits).into_owned();
    if 0 < decpt && decpt <= digits_len {
        let k = decpt as usize;
        p.push_str(dstr.get(..k).unwrap_or(""));
        p.push('.');
        p.push_str(dstr.get(k..).unwrap_or(""));
    } else {
        p.push_str(&dstr);
    }
    if digits_len < decpt {
        zeros(&mut p, decpt - digits_len);
        p.push('.');
        zeros(&mut p, vdigits_end - decpt);
    } else {
        zeros(&mut p, vdigits_end - digits_len);
    }
    if p.ends_with('.') && !flags.alt {
        p.pop();
    }
    if use_exp {
        p.push(if upper { 'E' } else { 'e' });
        p.push(if exp < 0 { '-' } else { '+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            p.push('0');
        }
        p.push_str(&a.to_string());
    }
    p
}

/// `repr(x)` / `str(x)` for a Python float: shortest round-trip digits, exponent form
/// when the decimal exponent is < -4 or >= 16 (`1e+16`, `1e-05`), `.0` added to integral
/// values in fixed notation, `inf`, `-inf`, `nan`, `-0.0`.
pub fn float_repr(x: f64) -> String {
    double_to_string(x, 'r', 0, DtoaFlags { add_dot_0: true, ..Default::default() })
}

/// `repr(complex(re, im))` exactly as CPython 3.11 (`complex_repr` in `complexobject.c`):
/// `2j` when the real part is +0.0, otherwise `(re+imj)` with both parts in repr style
/// but without the `.0` suffix: `(1+2j)`, `(-0-1j)`, `(nan+infj)`, `(1e+16-1.5j)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let f = |x: f64, sign: bool| double_to_string(x, 'r', 0, DtoaFlags { sign, ..Default::default() });
    if re == 0.0 && re.is_sign_positive() {
        format!("{}j", f(im, false))
    } else {
        format!("({}{}j)", f(re, false), f(im, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(b: u64) -> f64 {
        f64::from_bits(b)
    }

    // (bits, repr(x)) pairs generated with python3.11.
    const REPR_CASES: &[(u64, &str)] = include!("testdata/float_repr.rs");
    // (flags, code, precision, bits, expected) generated with python3.11.
    const D2S_CASES: &[(&str, char, i64, u64, &str)] = include!("testdata/d2s.rs");
    // (re bits, im bits, repr) generated with python3.11.
    const COMPLEX_CASES: &[(u64, u64, &str)] = include!("testdata/complex_repr.rs");

    #[test]
    fn float_repr_matches_python() {
        for &(b, want) in REPR_CASES {
            assert_eq!(float_repr(bits(b)), want, "bits {:#x}", b);
        }
    }

    #[test]
    fn percent_style_conversions() {
        for &(fl, code, prec, b, want) in D2S_CASES {
            let flags = DtoaFlags { alt: fl.contains('#'), sign: fl.contains('+'), ..Default::default() };
            assert_eq!(double_to_string(bits(b), code, prec, flags), want, "{} {} {} {}", fl, code, prec, bits(b));
        }
    }

    #[test]
    fn complex_repr_matches_python() {
        for &(r, i, want) in COMPLEX_CASES {
            assert_eq!(complex_repr(bits(r), bits(i)), want);
        }
    }
}
