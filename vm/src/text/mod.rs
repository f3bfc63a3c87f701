//! Pure-Rust helpers that reproduce CPython 3.11's text and number formatting.
//!
//! Nothing here depends on the VM's object model: inputs and outputs are plain Rust
//! types (`&str`, `String`, `f64`, `BigInt`, `&[u8]`) plus the small types defined in
//! the submodules.  Failures are reported as [`TextError`], which carries the exact
//! message CPython would attach to the corresponding exception.
//!
//! Submodules:
//! - [`float_repr`]: `repr(float)`, `repr(complex)`, and the core `PyOS_double_to_string` port.
//! - [`format_spec`]: the format-spec mini-language (`format()`, `str.format`, f-strings)
//!   for int, float, complex and str.
//! - [`format_string`]: `str.format` template and field-name parsing.
//! - [`percent`]: `str % args` formatting.
//! - [`parse`]: `int(str, base)` and `float(str)`.
//! - [`repr`]: `repr`/`ascii` of `str`, `repr` of `bytes`.
//! - [`strmethods`]: str methods whose Python semantics differ from Rust's std.
//! - [`floatops`]: `float.hex`, `float.fromhex`, `as_integer_ratio`, `round`, `//`, `%`,
//!   int/int true division and big-int to float conversion.
//! - [`unicode_tables`]: generated tables (Python 3.11 / Unicode 14.0.0).

pub mod float_repr;
pub mod floatops;
pub mod format_spec;
pub mod format_string;
pub mod parse;
pub mod percent;
pub mod repr;
pub mod strmethods;
pub mod unicode_tables;

pub use float_repr::{complex_repr, double_to_string, float_repr, DtoaFlags};
pub use floatops::{
    bigint_to_f64, float_as_integer_ratio, float_divmod, float_floor_div, float_fromhex, float_hex, float_mod,
    int_true_divide, round_float, round_float_to_int, round_int,
};
pub use format_spec::{
    format_complex, format_float, format_int, format_str, int_to_decimal, int_to_str_radix, parse_format_spec, Align,
    FormatSpec, Grouping,
};
pub use format_string::{
    check_conversion, parse_format_string, split_field_name, AutoNumber, FieldAccessor, FieldAccessors, FieldKey,
    FormatField, FormatStringIter,
};
pub use parse::{parse_float, parse_int, parse_int_with_limit, DEFAULT_MAX_STR_DIGITS};
pub use percent::{float_to_bigint, percent_format, PercentArg, PercentArgs, PercentValue};
pub use repr::{ascii_escape, ascii_repr, bytes_repr, is_printable_char, str_repr};

/// An error to be raised as the named Python exception with exactly this message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// Raise `ValueError(msg)`.
    ValueError(String),
    /// Raise `OverflowError(msg)`.
    OverflowError(String),
    /// Raise `TypeError(msg)`.
    TypeError(String),
    /// Raise `KeyError(key)`; produced only by callbacks (e.g. `%(name)s` lookups).
    KeyError(String),
    /// Raise `ZeroDivisionError(msg)`.
    ZeroDivisionError(String),
    /// An arbitrary exception already produced by a VM callback (e.g. a failing `__str__`);
    /// the index is opaque to this module and passed straight back to the caller.
    Callback(usize),
}

impl TextError {
    /// The message carried by this error (empty for [`TextError::Callback`]).
    pub fn message(&self) -> &str {
        match self {
            TextError::ValueError(m)
            | TextError::OverflowError(m)
            | TextError::TypeError(m)
            | TextError::KeyError(m)
            | TextError::ZeroDivisionError(m) => m,
            TextError::Callback(_) => "",
        }
    }
}

#[cfg(test)]
mod no_panic_tests {
    //! Deterministic pseudo-random inputs through every entry point: nothing may panic.
    use super::*;
    use num_bigint::BigInt;

    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn string(&mut self, alphabet: &[char], max_len: u64) -> String {
            let n = self.next() % (max_len + 1);
            (0..n).map(|_| alphabet[(self.next() as usize) % alphabet.len()]).collect()
        }
    }

    #[test]
    fn random_inputs_do_not_panic() {
        let mut r = Lcg(12345);
        let spec_alpha: Vec<char> = "0123456789<>=^+- z#,_.%sdxXobcneEfFgGr*\u{e9}\u{661}\0".chars().collect();
        let pct_alpha: Vec<char> = "%()abcsrdiuoxXeEfFgGc*.-+ #0123456789lhLy\u{e9}".chars().collect();
        let num_alpha: Vec<char> = "0123456789_.eE+-xXoObBpPinfatyINF \t\u{661}\u{3000}abcdef".chars().collect();
        let floats = [0.0, -0.0, 1.5, -2.5e-300, 1e308, f64::INFINITY, f64::NAN, 5e-324, 123456.789];
        let ints: Vec<BigInt> =
            vec![0.into(), (-7).into(), 65.into(), BigInt::from(1u8) << 200usize, BigInt::from(0x110000)];
        for i in 0..4000 {
            let spec = r.string(&spec_alpha, 8);
            for tn in ["int", "float", "str"] {
                let dt = match tn {
                    "int" => 'd',
                    "float" => '\0',
                    _ => 's',
                };
                if let Ok(f) = parse_format_spec(&spec, tn, dt) {
                    let f = FormatSpec {
                        width: f.width.map(|w| w.min(64)),
                        precision: f.precision.map(|p| p.min(64)),
                        ..f
                    };
                    let _ = format_int(&ints[i % ints.len()], &f, tn);
                    let _ = format_float(floats[i % floats.len()], &f, tn);
                    let _ = format_str("h\u{e9}llo", &f, tn);
                }
            }
            let fmt = r.string(&pct_alpha, 10);
            let args =
                [PercentArg::Int(3.into()), PercentArg::Float(floats[i % floats.len()]), PercentArg::Str("x".into())];
            let _ = percent_format(&fmt, PercentArgs::Tuple(&args[..(i % 4).min(3)]));
            let lookup =
                |k: &str| if k == "a" { Ok(PercentArg::Int(1.into())) } else { Err(TextError::KeyError(k.into())) };
            let _ = percent_format(&fmt, PercentArgs::Mapping(&args[0], &lookup));
            let num = r.string(&num_alpha, 12);
            for base in [0, 2, 8, 10, 16, 36, 1, 37] {
                let _ = parse_int(&num, base);
            }
            let _ = parse_float(&num);
            let _ = float_fromhex(&num);
            let x = f64::from_bits(r.next() << 31 ^ r.next());
            let y = f64::from_bits(r.next() << 31 ^ r.next());
            let _ = (float_repr(x), complex_repr(x, y), float_hex(x), float_as_integer_ratio(x));
            let _ = (round_float(x, (r.next() % 700) as i64 - 350), round_float_to_int(x));
            let _ = (float_mod(x, y), float_divmod(x, y), float_floor_div(x, y));
            let _ = strmethods::title(&num);
            let _ = strmethods::center(&num, (r.next() % 30) as i64 - 5, '*');
            let _ = strmethods::zfill(&num, (r.next() % 30) as i64 - 5);
            let _ = strmethods::expandtabs(&num, (r.next() % 10) as i64 - 2);
            let _ = (str_repr(&num), ascii_repr(&num), bytes_repr(num.as_bytes()));
        }
    }
}
