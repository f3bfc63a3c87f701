//! Pure-Rust helpers that reproduce CPython 3.11's text and number formatting.
//!
//! Nothing here depends on the VM's object model: inputs and outputs are plain Rust
//! types (`&str`, `String`, `f64`, `BigInt`, `&[u8]`) plus the small types defined in
//! the submodules.  Failures are reported as [`TextError`], which carries the exact
//! message CPython would attach to the corresponding exception.
//!
//! Submodules:
//! - [`float_repr`]: `repr(float)`, `repr(complex)`, and the core `PyOS_double_to_string` port.
//! - [`format_spec`]: the format-spec mini-language (`format()`, `str.format`, f-strings).
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
pub mod parse;
pub mod percent;
pub mod repr;
pub mod strmethods;
pub mod unicode_tables;

pub use float_repr::{complex_repr, double_to_string, float_repr, DtoaFlags};
pub use floatops::{
    bigint_to_f64, float_as_integer_ratio, float_divmod, float_floor_div, float_fromhex, float_hex,
    float_mod, int_true_divide, round_float, round_float_to_int,
};
pub use format_spec::{
    format_float, format_int, format_str, int_to_str_radix, parse_format_spec, Align, FormatSpec,
    Grouping,
};
pub use percent::{float_to_bigint, percent_format, PercentArg, PercentArgs, PercentValue};
pub use parse::{parse_float, parse_int, parse_int_with_limit, DEFAULT_MAX_STR_DIGITS};
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

