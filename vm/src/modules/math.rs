//! The `math` module.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::num::{is_int, to_big};
use crate::types::construct::to_float;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

fn farg(vm: &mut Vm, a: &[Value], i: usize, name: &str) -> PyResult<f64> {
    match a.get(i) {
        Some(v @ (Value::Float(_) | Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => to_float(vm, v),
        Some(v @ Value::Inst(_)) => to_float(vm, v),
        Some(v) => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("must be real number, not {n}")))
        }
        None => Err(vm.type_error(format!("{name}() missing argument"))),
    }
}

fn domain(vm: &mut Vm) -> Value {
    vm.value_error("math domain error")
}

fn range_err(vm: &mut Vm) -> Value {
    vm.overflow_error("math range error")
}

macro_rules! unary {
    ($name:ident, $pyname:literal, $f:expr, $check:expr) => {
        fn $name(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
            let x = farg(vm, &a, 0, $pyname)?;
            let check: fn(f64) -> bool = $check;
            if !check(x) {
                return Err(domain(vm));
            }
            let f: fn(f64) -> f64 = $f;
            let r = f(x);
            if r.is_infinite() && x.is_finite() {
                return Err(range_err(vm));
            }
            if r.is_nan() && !x.is_nan() {
                return Err(domain(vm));
            }
            Ok(Value::Float(r))
        }
    };
}

unary!(m_sqrt, "sqrt", f64::sqrt, |x| !(x < 0.0));
unary!(m_sin, "sin", f64::sin, |x| !x.is_infinite());
unary!(m_cos, "cos", f64::cos, |x| !x.is_infinite());
unary!(m_tan, "tan", f64::tan, |x| !x.is_infinite());
unary!(m_asin, "asin", f64::asin, |x| x.is_nan() || (-1.0..=1.0).contains(&x));
unary!(m_acos, "acos", f64::acos, |x| x.is_nan() || (-1.0..=1.0).contains(&x));
unary!(m_atan, "atan", f64::atan, |_| true);
unary!(m_sinh, "sinh", f64::sinh, |_| true);
unary!(m_cosh, "cosh", f64::cosh, |_| true);
unary!(m_tanh, "tanh", f64::tanh, |_| true);
unary!(m_asinh, "asinh", glibc_asinh, |_| true);
unary!(m_acosh, "acosh", glibc_acosh, |x| !(x < 1.0));
unary!(m_atanh, "atanh", glibc_atanh, |x| x.is_nan() || (x > -1.0 && x < 1.0));
unary!(m_exp, "exp", f64::exp, |_| true);
unary!(m_expm1, "expm1", f64::exp_m1, |_| true);
unary!(m_log1p, "log1p", f64::ln_1p, |x| !(x <= -1.0));
unary!(m_fabs, "fabs", f64::abs, |_| true);
unary!(m_degrees, "degrees", f64::to_degrees, |_| true);
unary!(m_radians, "radians", f64::to_radians, |_| true);
unary!(m_erf, "erf", super::matherf::erf, |_| true);
unary!(m_erfc, "erfc", super::matherf::erfc, |_| true);
unary!(m_gamma, "gamma", super::mathgamma::tgamma, |x| !(x <= 0.0 && x.fract() == 0.0) && x != f64::NEG_INFINITY);
unary!(m_lgamma, "lgamma", super::mathgamma::lgamma, |x| !(x <= 0.0 && x.fract() == 0.0));

/// CPython's `loghelper`: ints too large for a float are logged as `f(m) + f(2) * e` with
/// `x = m * 2**e`; non-positive arguments are a domain error.
fn log_helper(vm: &mut Vm, v: &Value, name: &str, f: fn(f64) -> f64) -> PyResult<f64> {
    let p = vm.payload(v);
    if is_int(&p) || matches!(p, Value::Bool(_)) {
        let b = to_big(&p).unwrap_or_else(|| BigInt::from(matches!(p, Value::Bool(true)) as i64));
        if !b.is_positive() {
            return Err(domain(vm));
        }
        if let Some(x) = b.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        let bits = b.bits() as i64;
        let shift = (bits - 55).max(0) as usize;
        let top = (&b >> shift).to_f64().unwrap_or(1.0);
        let m = top / 2f64.powi(55.min(bits as i32));
        let e = bits;
        return Ok(f(m) + f(2.0) * e as f64);
    }
    let x = farg(vm, std::slice::from_ref(v), 0, name)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(f(x))
}

fn m_log(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if a.is_empty() || a.len() > 2 {
        return Err(vm.type_error(format!("log expected 1 or 2 arguments, got {}", a.len())));
    }
    let x = log_helper(vm, &a[0], "log", f64::ln)?;
    match a.get(1) {
        Some(b) => {
            let lb = log_helper(vm, b, "log", f64::ln)?;
            if lb == 0.0 {
                return Err(vm.zero_div("float division by zero"));
            }
            Ok(Value::Float(x / lb))
        }
        None => Ok(Value::Float(x)),
    }
}

fn m_log2(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    Ok(Value::Float(log_helper(vm, &v, "log2", f64::log2)?))
}

fn m_log10(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    Ok(Value::Float(log_helper(vm, &v, "log10", f64::log10)?))
}

/// CPython's `vector_norm`: the Euclidean norm of non-negative finite coordinates with a
/// correctly rounded result in nearly all cases (lossless scaling, compensated summation,
/// one differential correction).
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = crate::num::frexp(max);
    if max_e < -1023 {
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = 2f64.powi(-max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    let fast_sum = |a: f64, b: f64| {
        let x = a + b;
        (x, (a - x) + b)
    };
    let mul = |x: f64, y: f64| {
        let z = x * y;
        (z, x.mul_add(y, -z))
    };
    for x in vec.iter() {
        let x = x * scale;
        let pr = mul(x, x);
        let sm = fast_sum(csum, pr.0);
        csum = sm.0;
        frac1 += pr.1;
        frac2 += sm.1;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let pr = mul(-h, h);
    let sm = fast_sum(csum, pr.0);
    csum = sm.0;
    frac1 += pr.1;
    frac2 += sm.1;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

fn to_int_result(vm: &mut Vm, f: f64) -> PyResult<Value> {
    crate::types::construct::float_to_int(vm, f)
}

fn round_op(vm: &mut Vm, a: Vec<Value>, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let v = a.first().cloned().unwrap_or(Value::None);
    if is_int(&v) {
        return Ok(match v {
            Value::Bool(b) => Value::Int(b as i64),
            other => other,
        });
    }
    if let Value::Inst(_) = &v {
        let n = crate::value::s(&format!("__{name}__"));
        if let Some(r) = vm.call_method(&v, &n, vec![])? {
            return Ok(r);
        }
    }
    let x = farg(vm, &a, 0, name)?;
    to_int_result(vm, f(x))
}
fn m_floor(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    round_op(vm, a, "floor", f64::floor)
}
fn m_ceil(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    round_op(vm, a, "ceil", f64::ceil)
}
fn m_trunc(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    round_op(vm, a, "trunc", f64::trunc)
}
fn m_pow(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "pow")?;
    let y = farg(vm, &a, 1, "pow")?;
    if x == 0.0 && y < 0.0 {
        return Err(domain(vm));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        return Err(domain(vm));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_err(vm));
    }
    Ok(Value::Float(r))
}
fn m_atan2(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let y = farg(vm, &a, 0, "atan2")?;
    let x = farg(vm, &a, 1, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}
fn m_hypot(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let mut v = Vec::with_capacity(a.len());
    let (mut max, mut nan) = (0f64, false);
    for i in 0..a.len() {
        let x = farg(vm, &a, i, "hypot")?.abs();
        nan |= x.is_nan();
        if x > max {
            max = x;
        }
        v.push(x);
    }
    Ok(Value::Float(vector_norm(&mut v, max, nan)))
}
fn m_copysign(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "copysign")?;
    let y = farg(vm, &a, 1, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}
fn m_fmod(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "fmod")?;
    let y = farg(vm, &a, 1, "fmod")?;
    if y == 0.0 {
        return Err(domain(vm));
    }
    Ok(Value::Float(x % y))
}
fn m_isnan(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(farg(vm, &a, 0, "isnan")?.is_nan()))
}
fn m_isinf(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(farg(vm, &a, 0, "isinf")?.is_infinite()))
}
fn m_isfinite(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(Value::Bool(farg(vm, &a, 0, "isfinite")?.is_finite()))
}
fn m_isclose(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "isclose")?;
    let y = farg(vm, &a, 1, "isclose")?;
    let mut rel = 1e-9;
    let mut abs = 0.0;
    for (k, v) in &kw {
        let f = to_float(vm, v)?;
        match k.as_str() {
            "rel_tol" => rel = f,
            "abs_tol" => abs = f,
            _ => {}
        }
    }
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let d = (x - y).abs();
    Ok(Value::Bool(d <= (rel * y.abs()).max(rel * x.abs()) || d <= abs))
}
fn int_arg(vm: &mut Vm, a: &[Value], i: usize, name: &str) -> PyResult<BigInt> {
    match a.get(i) {
        Some(v) if is_int(v) => Ok(to_big(v).unwrap_or_default()),
        Some(Value::Float(_)) => Err(vm.type_error("'float' object cannot be interpreted as an integer")),
        Some(v) => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("'{n}' object cannot be interpreted as an integer")))
        }
        None => Err(vm.type_error(format!("{name}() missing argument"))),
    }
}
fn m_isqrt(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = int_arg(vm, &a, 0, "isqrt")?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}
fn m_gcd(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let mut g = BigInt::zero();
    for i in 0..a.len() {
        let x = int_arg(vm, &a, i, "gcd")?;
        g = g.gcd(&x);
    }
    Ok(Value::from_bigint(g))
}
fn m_lcm(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let mut l = BigInt::one();
    for i in 0..a.len() {
        let x = int_arg(vm, &a, i, "lcm")?;
        if x.is_zero() {
            return Ok(Value::Int(0));
        }
        l = l.lcm(&x);
    }
    Ok(Value::from_bigint(l))
}
fn m_factorial(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if let Some(Value::Float(_)) = a.first() {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = int_arg(vm, &a, 0, "factorial")?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let n = n.to_u64().unwrap_or(0);
    let mut r = BigInt::one();
    for i in 2..=n {
        r *= i;
    }
    Ok(Value::from_bigint(r))
}
fn m_comb(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = int_arg(vm, &a, 0, "comb")?;
    let k = int_arg(vm, &a, 1, "comb")?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k.clone().min(&n - &k).to_u64().unwrap_or(0);
    let mut r = BigInt::one();
    for i in 0..k {
        r = r * (&n - i) / (i + 1);
    }
    Ok(Value::from_bigint(r))
}
fn m_perm(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let n = int_arg(vm, &a, 0, "perm")?;
    let k = if a.len() > 1 && !a[1].is_none() { int_arg(vm, &a, 1, "perm")? } else { n.clone() };
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let mut r = BigInt::one();
    let k = k.to_u64().unwrap_or(0);
    for i in 0..k {
        r *= &n - i;
    }
    Ok(Value::from_bigint(r))
}
fn m_fsum(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let items = crate::ops::to_vec(vm, a.first().unwrap_or(&Value::None))?;
    // Shewchuk's exact summation (as CPython's msum).
    let mut partials: Vec<f64> = Vec::new();
    for it in items {
        let mut x = to_float(vm, &it)?;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
    }
    let mut hi = 0.0;
    if let Some(mut n) = partials.len().checked_sub(1) {
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}
fn m_prod(vm: &mut Vm, a: Vec<Value>, kw: Kw) -> PyResult<Value> {
    let items = crate::ops::to_vec(vm, a.first().unwrap_or(&Value::None))?;
    let mut acc = kw.iter().find(|(k, _)| k.as_str() == "start").map(|x| x.1.clone()).unwrap_or(Value::Int(1));
    for it in items {
        acc = crate::ops::binary_op(vm, format::BinaryOpKind::Multiply, &acc, &it)?;
    }
    Ok(acc)
}
fn m_modf(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "modf")?;
    Ok(Value::tuple(vec![Value::Float(x.fract()), Value::Float(x.trunc())]))
}
fn m_frexp(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "frexp")?;
    let (m, e) = crate::num::frexp(x);
    Ok(Value::tuple(vec![Value::Float(m), Value::Int(e as i64)]))
}
fn m_ldexp(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "ldexp")?;
    let e = crate::types::to_index(vm, a.get(1).unwrap_or(&Value::None))?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    // Scale exactly, rounding once at the end (also into the subnormal range).
    let (m, ex) = crate::num::frexp(x);
    let total = ex as i64 + e.clamp(-100_000, 100_000);
    let r = if total > 1024 {
        f64::INFINITY.copysign(x)
    } else if total >= -1021 {
        let t = total as i32;
        m * 2f64.powi(t / 2) * 2f64.powi(t - t / 2)
    } else if total < -1076 {
        0.0f64.copysign(x)
    } else {
        m * 2f64.powi((total + 1074) as i32) * 2f64.powi(-1074)
    };
    if r.is_infinite() {
        return Err(range_err(vm));
    }
    Ok(Value::Float(r))
}
fn m_dist(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error(format!("dist expected 2 arguments, got {}", a.len())));
    }
    let p = crate::ops::to_vec(vm, &a[0])?;
    let q = crate::ops::to_vec(vm, &a[1])?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut v = Vec::with_capacity(p.len());
    let (mut max, mut nan) = (0f64, false);
    for (x, y) in p.iter().zip(q.iter()) {
        let px = farg(vm, std::slice::from_ref(x), 0, "dist")?;
        let qy = farg(vm, std::slice::from_ref(y), 0, "dist")?;
        let d = (px - qy).abs();
        nan |= d.is_nan();
        if d > max {
            max = d;
        }
        v.push(d);
    }
    Ok(Value::Float(vector_norm(&mut v, max, nan)))
}

fn m_remainder(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "remainder")?;
    let y = farg(vm, &a, 1, "remainder")?;
    if y == 0.0 || x.is_infinite() {
        return Err(domain(vm));
    }
    if y.is_infinite() {
        return Ok(Value::Float(x));
    }
    let n = (x / y).round_ties_even();
    let r = x - n * y;
    // exact computation via fmod as CPython does
    let m = x % y;
    let absy = y.abs();
    let c = absy - m.abs();
    let res = if m.abs() < c {
        m
    } else if m.abs() > c {
        -(m.signum()) * c
    } else {
        let half = 0.5 * (x - m) / absy;
        if half % 2.0 == 0.0 {
            m
        } else {
            -(m.signum()) * c
        }
    };
    let _ = r;
    Ok(Value::Float(res))
}
fn m_exp2(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "exp2")?;
    let r = x.exp2();
    if r.is_infinite() && x.is_finite() {
        return Err(range_err(vm));
    }
    Ok(Value::Float(r))
}
// glibc's (fdlibm-derived) versions of functions where Rust's std computes differently in
// the last bit; CPython calls the C library's.

/// glibc `asinh`.
pub fn glibc_asinh(x: f64) -> f64 {
    let ax = x.abs();
    if !x.is_finite() {
        return x + x;
    }
    if ax < 2f64.powi(-28) {
        return x;
    }
    let w = if ax > 2f64.powi(28) {
        ax.ln() + std::f64::consts::LN_2
    } else if ax > 2.0 {
        (2.0 * ax + 1.0 / ((x * x + 1.0).sqrt() + ax)).ln()
    } else {
        let t = x * x;
        (ax + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
    };
    w.copysign(x)
}

/// glibc `acosh`.
pub fn glibc_acosh(x: f64) -> f64 {
    if x < 1.0 || x.is_nan() {
        return f64::NAN;
    }
    if x >= 2f64.powi(28) {
        if x.is_infinite() {
            return x + x;
        }
        return x.ln() + std::f64::consts::LN_2;
    }
    if x == 1.0 {
        return 0.0;
    }
    if x > 2.0 {
        let t = x * x;
        return (2.0 * x - 1.0 / (x + (t - 1.0).sqrt())).ln();
    }
    let t = x - 1.0;
    (t + (2.0 * t + t * t).sqrt()).ln_1p()
}

/// glibc `atanh`.
pub fn glibc_atanh(x: f64) -> f64 {
    let ax = x.abs();
    if ax >= 1.0 || x.is_nan() {
        return if ax == 1.0 { f64::INFINITY.copysign(x) } else { f64::NAN };
    }
    if ax < 2f64.powi(-28) {
        return x;
    }
    let t = if ax < 0.5 {
        let t = ax + ax;
        0.5 * (t + t * ax / (1.0 - ax)).ln_1p()
    } else {
        0.5 * ((ax + ax) / (1.0 - ax)).ln_1p()
    };
    t.copysign(x)
}

/// glibc `cbrt` (not correctly rounded: `cbrt(27.0)` is `3.0000000000000004`).
pub fn glibc_cbrt(x: f64) -> f64 {
    const CBRT2: f64 = 1.2599210498948731648;
    const SQR_CBRT2: f64 = 1.5874010519681994748;
    const FACTOR: [f64; 5] = [1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2];
    if x == 0.0 || !x.is_finite() {
        return x + x;
    }
    let (xm, xe) = crate::num::frexp(x.abs());
    let u = 0.354895765043919860
        + (1.50819193781584896
            + (-2.11499494167371287
                + (2.44693122563534430
                    + (-1.83469277483613086 + (0.784932344976639262 - 0.145263899385486377 * xm) * xm) * xm)
                    * xm)
                * xm)
            * xm;
    let t2 = u * u * u;
    let ym = u * (t2 + 2.0 * xm) / (2.0 * t2 + xm) * FACTOR[(2 + xe % 3) as usize];
    let r = if x > 0.0 { ym } else { -ym };
    r * 2f64.powi(xe / 3)
}

fn m_cbrt(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "cbrt")?;
    Ok(Value::Float(glibc_cbrt(x)))
}
fn m_nextafter(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "nextafter")?;
    let y = farg(vm, &a, 1, "nextafter")?;
    if x.is_nan() || y.is_nan() {
        return Ok(Value::Float(f64::NAN));
    }
    if x == y {
        return Ok(Value::Float(y));
    }
    if x == 0.0 {
        return Ok(Value::Float(f64::from_bits(1).copysign(y)));
    }
    let b = x.to_bits();
    let up = (y > x) == (x > 0.0);
    Ok(Value::Float(f64::from_bits(if up { b + 1 } else { b - 1 })))
}
fn m_ulp(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let x = farg(vm, &a, 0, "ulp")?.abs();
    if !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let n = f64::from_bits(x.to_bits() + 1);
    if n.is_infinite() {
        return Ok(Value::Float(x - f64::from_bits(x.to_bits() - 1)));
    }
    Ok(Value::Float(n - x))
}

/// Builds the `math` module.
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("math");
    let fns: &[(&'static str, crate::object::NativeFn)] = &[
        ("sqrt", m_sqrt),
        ("sin", m_sin),
        ("cos", m_cos),
        ("tan", m_tan),
        ("asin", m_asin),
        ("acos", m_acos),
        ("atan", m_atan),
        ("sinh", m_sinh),
        ("cosh", m_cosh),
        ("tanh", m_tanh),
        ("asinh", m_asinh),
        ("acosh", m_acosh),
        ("atanh", m_atanh),
        ("exp", m_exp),
        ("expm1", m_expm1),
        ("log", m_log),
        ("log2", m_log2),
        ("log10", m_log10),
        ("log1p", m_log1p),
        ("fabs", m_fabs),
        ("degrees", m_degrees),
        ("radians", m_radians),
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("pow", m_pow),
        ("atan2", m_atan2),
        ("hypot", m_hypot),
        ("copysign", m_copysign),
        ("fmod", m_fmod),
        ("isnan", m_isnan),
        ("isinf", m_isinf),
        ("isfinite", m_isfinite),
        ("isclose", m_isclose),
        ("isqrt", m_isqrt),
        ("gcd", m_gcd),
        ("lcm", m_lcm),
        ("factorial", m_factorial),
        ("comb", m_comb),
        ("perm", m_perm),
        ("fsum", m_fsum),
        ("prod", m_prod),
        ("modf", m_modf),
        ("frexp", m_frexp),
        ("ldexp", m_ldexp),
        ("dist", m_dist),
        ("erf", m_erf),
        ("erfc", m_erfc),
        ("gamma", m_gamma),
        ("lgamma", m_lgamma),
        ("remainder", m_remainder),
        ("exp2", m_exp2),
        ("cbrt", m_cbrt),
        ("nextafter", m_nextafter),
        ("ulp", m_ulp),
    ];
    let mut d = d.borrow_mut();
    for (n, f) in fns {
        d.set_str(s(n), native(n, *f));
    }
    d.set_str(s("pi"), Value::Float(std::f64::consts::PI));
    d.set_str(s("e"), Value::Float(std::f64::consts::E));
    d.set_str(s("tau"), Value::Float(std::f64::consts::TAU));
    d.set_str(s("inf"), Value::Float(f64::INFINITY));
    d.set_str(s("nan"), Value::Float(f64::NAN));
    m
}
