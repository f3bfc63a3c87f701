//! Float helpers with CPython semantics.

use super::TextError;
use num_bigint::{BigInt, Sign};

/// `float(v)` for a Python int: correctly rounded (half-even);
/// `OverflowError: int too large to convert to float` when out of range.
pub fn bigint_to_f64(v: &BigInt) -> Result<f64, TextError> {
    let mag = v.magnitude();
    let bits = mag.bits();
    let f = if bits <= 64 {
        let digits = mag.to_u64_digits();
        digits.first().copied().unwrap_or(0) as f64
    } else {
        let shift = bits - 64;
        let top = mag >> shift;
        let mut m = top.to_u64_digits().first().copied().unwrap_or(0);
        // Sticky bit: any nonzero bit below the top 64 makes the value above any tie.
        if mag.trailing_zeros().unwrap_or(0) < shift {
            m |= 1;
        }
        if shift > 1100 {
            f64::INFINITY
        } else {
            (m as f64) * 2f64.powi(shift as i32)
        }
    };
    if f.is_infinite() {
        return Err(TextError::OverflowError("int too large to convert to float".into()));
    }
    Ok(if v.sign() == Sign::Minus { -f } else { f })
}
