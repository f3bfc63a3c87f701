//! Numeric semantics: int (i64 fast path with transparent num-bigint overflow), float and
//! complex arithmetic with Python's rules (floor division, modulo sign, shifts, `**`).

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::rc::Rc;

use crate::object::Object;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Operator numbers (BinaryOpKind base values).
pub const ADD: u32 = 0;
pub const AND: u32 = 1;
pub const FLOORDIV: u32 = 2;
pub const LSHIFT: u32 = 3;
pub const MUL: u32 = 5;
pub const MOD: u32 = 6;
pub const OR: u32 = 7;
pub const POW: u32 = 8;
pub const RSHIFT: u32 = 9;
pub const SUB: u32 = 10;
pub const TRUEDIV: u32 = 11;
pub const XOR: u32 = 12;

/// Python floor division on i64 (None on overflow or zero divisor).
#[inline(always)]
pub fn floordiv_i64(a: i64, b: i64) -> Option<i64> {
    if b == 0 || (a == i64::MIN && b == -1) {
        return None;
    }
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

/// Python modulo on i64 (None for a zero divisor).
#[inline(always)]
pub fn mod_i64(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    if b == -1 {
        return Some(0);
    }
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some(r + b)
    } else {
        Some(r)
    }
}

/// Fast int op without allocation; None means "take the slow path".
#[inline(always)]
pub fn int_fast(arg: u32, p: i64, q: i64) -> Option<Value> {
    let op = if arg >= 13 { arg - 13 } else { arg };
    Some(Value::Int(match op {
        ADD => p.checked_add(q)?,
        SUB => p.checked_sub(q)?,
        MUL => p.checked_mul(q)?,
        AND => p & q,
        OR => p | q,
        XOR => p ^ q,
        FLOORDIV => floordiv_i64(p, q)?,
        MOD => mod_i64(p, q)?,
        RSHIFT => {
            if q < 0 {
                return None;
            }
            p >> q.min(63)
        }
        LSHIFT => {
            if !(0..63).contains(&q) {
                return None;
            }
            let r = p << q;
            if (r >> q) != p {
                return None;
            }
            r
        }
        TRUEDIV => {
            if q == 0 || p.unsigned_abs() > (1 << 53) || q.unsigned_abs() > (1 << 53) {
                return None;
            }
            return Some(Value::Float(p as f64 / q as f64));
        }
        _ => return None,
    }))
}

/// Python float modulo.
pub fn fmod_py(x: f64, y: f64) -> f64 {
    let m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m + y
        } else {
            m
        }
    } else {
        0.0f64.copysign(y)
    }
}

/// Python float floor division.
pub fn ffloordiv_py(x: f64, y: f64) -> f64 {
    let m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 && ((y < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    }
}

/// Fast float op; None means slow path (errors, complex results).
#[inline(always)]
pub fn float_fast(arg: u32, p: f64, q: f64) -> Option<Value> {
    let op = if arg >= 13 { arg - 13 } else { arg };
    Some(Value::Float(match op {
        ADD => p + q,
        SUB => p - q,
        MUL => p * q,
        TRUEDIV => {
            if q == 0.0 {
                return None;
            }
            p / q
        }
        POW => {
            if p > 0.0 && p.is_finite() && q.is_finite() {
                let r = p.powf(q);
                if r.is_infinite() {
                    return None;
                }
                r
            } else {
                return None;
            }
        }
        FLOORDIV if q != 0.0 => ffloordiv_py(p, q),
        MOD if q != 0.0 => fmod_py(p, q),
        _ => return None,
    }))
}

/// The BigInt of an int-like value (Int, Bool, BigInt).
pub fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// An int-like value as f64 (OverflowError when too large).
pub fn int_to_f64(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => match b.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(vm.overflow_error("int too large to convert to float")),
        },
        _ => Err(vm.type_error("expected int")),
    }
}

/// True for int, bool and big int values.
pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
}

/// Binary op on two ints with Python semantics.
pub fn int_binop(vm: &mut Vm, op: u32, a: &Value, b: &Value) -> PyResult<Value> {
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        match op {
            AND => return Ok(Value::Bool(*x & *y)),
            OR => return Ok(Value::Bool(*x | *y)),
            XOR => return Ok(Value::Bool(*x ^ *y)),
            _ => {}
        }
    }
    if let (Some(x), Some(y)) = (small(a), small(b)) {
        if let Some(v) = int_fast(op, x, y) {
            return Ok(v);
        }
    }
    let x = to_big(a).unwrap_or_default();
    let y = to_big(b).unwrap_or_default();
    Ok(match op {
        ADD => Value::from_bigint(x + y),
        SUB => Value::from_bigint(x - y),
        MUL => Value::from_bigint(x * y),
        AND => Value::from_bigint(x & y),
        OR => Value::from_bigint(x | y),
        XOR => Value::from_bigint(x ^ y),
        FLOORDIV => {
            if y.is_zero() {
                return Err(vm.zero_div("integer division or modulo by zero"));
            }
            Value::from_bigint(x.div_floor(&y))
        }
        MOD => {
            if y.is_zero() {
                return Err(vm.zero_div("integer modulo by zero"));
            }
            Value::from_bigint(x.mod_floor(&y))
        }
        LSHIFT => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let n = match y.to_usize() {
                Some(n) if n < 1 << 28 => n,
                _ => return Err(vm.overflow_error("too many digits in integer")),
            };
            Value::from_bigint(x << n)
        }
        RSHIFT => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let n = y.to_usize().unwrap_or(usize::MAX);
            if n > x.bits() as usize + 1 {
                Value::Int(if x.is_negative() { -1 } else { 0 })
            } else {
                // Arithmetic shift (floor) for negatives.
                Value::from_bigint(x.div_floor(&(BigInt::one() << n)))
            }
        }
        TRUEDIV => {
            if y.is_zero() {
                return Err(vm.zero_div("division by zero"));
            }
            let r = big_truediv(&x, &y);
            if !r.is_finite() {
                return Err(vm.overflow_error("integer division result too large for a float"));
            }
            Value::Float(r)
        }
        POW => {
            if y.is_negative() {
                let fx = int_to_f64(vm, a)?;
                let fy = int_to_f64(vm, b)?;
                if fx == 0.0 {
                    return Err(vm.zero_div("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::Float(fx.powf(fy)));
            }
            let e = match y.to_u32() {
                Some(e) => e,
                None => {
                    if x.is_zero() || x.is_one() {
                        return Ok(Value::from_bigint(x));
                    }
                    if x == BigInt::from(-1) {
                        return Ok(Value::Int(if y.is_even() { 1 } else { -1 }));
                    }
                    return Err(vm.overflow_error("exponent too large"));
                }
            };
            Value::from_bigint(num_traits::pow::Pow::pow(x, e))
        }
        _ => {
            let s = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"][op as usize % 13];
            return Err(vm.type_error(format!("unsupported operand type(s) for {s}: 'int' and 'int'")));
        }
    })
}

fn big_truediv(x: &BigInt, y: &BigInt) -> f64 {
    match (x.to_f64(), y.to_f64()) {
        (Some(a), Some(b)) if a.abs() < 9.0e15 && b.abs() < 9.0e15 => a / b,
        _ => {
            // Scale to keep precision: compute x / y with integer division to 64 bits.
            let shift = (x.bits() as i64 - y.bits() as i64 - 60).max(0) as usize;
            let q = x / (y << shift);
            let rest = (q.to_f64().unwrap_or(f64::INFINITY)) * 2f64.powi(shift as i32);
            if shift == 0 {
                let (q, r) = x.div_rem(y);
                q.to_f64().unwrap_or(f64::INFINITY) + r.to_f64().unwrap_or(0.0) / y.to_f64().unwrap_or(f64::INFINITY)
            } else {
                rest
            }
        }
    }
}

/// The i64 of a small int or bool.
#[inline]
pub fn small(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

/// Binary op on two floats.
pub fn float_binop(vm: &mut Vm, op: u32, x: f64, y: f64) -> PyResult<Value> {
    if let Some(v) = float_fast(op, x, y) {
        return Ok(v);
    }
    Ok(Value::Float(match op {
        TRUEDIV => return Err(vm.zero_div("float division by zero")),
        FLOORDIV => return Err(vm.zero_div("float floor division by zero")),
        MOD => return Err(vm.zero_div("float modulo")),
        POW => {
            if x == 0.0 && y < 0.0 {
                return Err(vm.zero_div("0.0 cannot be raised to a negative power"));
            }
            if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                return complex_binop(vm, POW, (x, 0.0), (y, 0.0));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(vm.overflow_error("(34, 'Numerical result out of range')"));
            }
            r
        }
        _ => {
            let s = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"][op as usize % 13];
            return Err(vm.type_error(format!("unsupported operand type(s) for {s}: 'float' and 'float'")));
        }
    }))
}

/// Complex arithmetic.
pub fn complex_binop(vm: &mut Vm, op: u32, a: (f64, f64), b: (f64, f64)) -> PyResult<Value> {
    let (ar, ai) = a;
    let (br, bi) = b;
    let r = match op {
        ADD => (ar + br, ai + bi),
        SUB => (ar - br, ai - bi),
        MUL => (ar * br - ai * bi, ar * bi + ai * br),
        TRUEDIV => {
            let d = br * br + bi * bi;
            if d == 0.0 {
                return Err(vm.zero_div("complex division by zero"));
            }
            ((ar * br + ai * bi) / d, (ai * br - ar * bi) / d)
        }
        POW => {
            if br == 0.0 && bi == 0.0 {
                (1.0, 0.0)
            } else if ar == 0.0 && ai == 0.0 {
                if bi != 0.0 || br < 0.0 {
                    return Err(vm.zero_div("0.0 to a negative or complex power"));
                }
                (0.0, 0.0)
            } else if bi == 0.0 && br.fract() == 0.0 && br.abs() < 100.0 {
                // integer power by repeated multiplication (as CPython does)
                let n = br as i64;
                let mut res = (1.0, 0.0);
                let mut base = (ar, ai);
                let mut k = n.abs();
                while k > 0 {
                    if k & 1 == 1 {
                        res = (res.0 * base.0 - res.1 * base.1, res.0 * base.1 + res.1 * base.0);
                    }
                    base = (base.0 * base.0 - base.1 * base.1, 2.0 * base.0 * base.1);
                    k >>= 1;
                }
                if n < 0 {
                    let d = res.0 * res.0 + res.1 * res.1;
                    (res.0 / d, -res.1 / d)
                } else {
                    res
                }
            } else {
                let vabs = ar.hypot(ai);
                let mut len = vabs.powf(br);
                let at = ai.atan2(ar);
                let mut phase = at * br;
                if bi != 0.0 {
                    len /= (at * bi).exp();
                    phase += bi * vabs.ln();
                }
                (len * phase.cos(), len * phase.sin())
            }
        }
        _ => {
            let s = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"][op as usize % 13];
            return Err(vm.type_error(format!("unsupported operand type(s) for {s}: 'complex' and 'complex'")));
        }
    };
    Ok(Value::obj(Object::Complex(r.0, r.1)))
}

/// Numeric binary op when both operands are numbers (int/bool/float/complex); Ok(None) when
/// either is not a number.
pub fn numeric_binop(vm: &mut Vm, op: u32, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    let cx = |v: &Value| match v {
        Value::Obj(o) => match &**o {
            Object::Complex(r, i) => Some((*r, *i)),
            _ => None,
        },
        _ => None,
    };
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        match op {
            AND => return Ok(Some(Value::Bool(*x & *y))),
            OR => return Ok(Some(Value::Bool(*x | *y))),
            XOR => return Ok(Some(Value::Bool(*x ^ *y))),
            _ => {}
        }
    }
    if is_int(a) && is_int(b) {
        return int_binop(vm, op, a, b).map(Some);
    }
    let fa = match a {
        Value::Float(f) => Some(*f),
        _ if is_int(a) => None,
        _ => None,
    };
    let fb = match b {
        Value::Float(f) => Some(*f),
        _ => None,
    };
    let ca = cx(a);
    let cb = cx(b);
    if ca.is_some() || cb.is_some() {
        let ta = match (ca, fa) {
            (Some(c), _) => c,
            (None, Some(f)) => (f, 0.0),
            _ if is_int(a) => (int_to_f64(vm, a)?, 0.0),
            _ => return Ok(None),
        };
        let tb = match (cb, fb) {
            (Some(c), _) => c,
            (None, Some(f)) => (f, 0.0),
            _ if is_int(b) => (int_to_f64(vm, b)?, 0.0),
            _ => return Ok(None),
        };
        if matches!(op, FLOORDIV | MOD | AND | OR | XOR | LSHIFT | RSHIFT) {
            return Ok(None);
        }
        return complex_binop(vm, op, ta, tb).map(Some);
    }
    let x = match (fa, is_int(a)) {
        (Some(f), _) => f,
        (None, true) => int_to_f64(vm, a)?,
        _ => return Ok(None),
    };
    let y = match (fb, is_int(b)) {
        (Some(f), _) => f,
        (None, true) => int_to_f64(vm, b)?,
        _ => return Ok(None),
    };
    if matches!(op, AND | OR | XOR | LSHIFT | RSHIFT) {
        return Ok(None);
    }
    float_binop(vm, op, x, y).map(Some)
}

/// Python's hash of an int.
pub fn hash_int(i: i64) -> i64 {
    const M: i64 = (1 << 61) - 1;
    let h = if i >= 0 { i % M } else { -((-(i as i128) % M as i128) as i64) };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Python's hash of a big int.
pub fn hash_big(b: &BigInt) -> i64 {
    let m = BigInt::from((1i64 << 61) - 1);
    let r = (b.abs() % &m).to_i64().unwrap_or(0);
    let h = if b.is_negative() { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Python's hash of a float.
pub fn hash_float(f: f64) -> i64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return hash_int(f as i64);
    }
    // CPython's algorithm.
    const BITS: i32 = 61;
    const M: u64 = (1u64 << 61) - 1;
    let (mut m, mut e) = frexp(f.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & M) | (x >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= M {
            x -= M;
        }
    }
    let e = if e >= 0 { e % BITS } else { BITS - 1 - ((-1 - e) % BITS) };
    x = ((x << e) & M) | (x >> (BITS - e));
    let mut h = x as i64;
    if f < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

/// frexp: f = m * 2^e with 0.5 <= m < 1.
pub fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 || !f.is_finite() {
        return (f, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(f * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e)
}

/// A BigInt value as `Rc`.
pub fn big(v: BigInt) -> Value {
    Value::BigInt(Rc::new(v))
}

thread_local! {
    static MAX_STR_DIGITS: std::cell::Cell<usize> = const { std::cell::Cell::new(crate::text::DEFAULT_MAX_STR_DIGITS) };
}

/// `sys.get_int_max_str_digits()` (0 = unlimited).
pub fn max_str_digits() -> usize {
    MAX_STR_DIGITS.with(|c| c.get())
}

/// `sys.set_int_max_str_digits(n)`.
pub fn set_max_str_digits(n: usize) {
    MAX_STR_DIGITS.with(|c| c.set(n))
}

/// `str(int)` for a big int, honouring the digit limit.
pub fn big_to_decimal(vm: &mut Vm, b: &BigInt) -> PyResult<String> {
    crate::text::int_to_decimal(b, max_str_digits()).map_err(|e| crate::types::formatting::text_err(vm, e))
}
