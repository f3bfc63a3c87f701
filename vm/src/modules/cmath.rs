//! The `cmath` module, with CPython's algorithms (`cmathmodule.c`) for finite arguments so
//! results match bit for bit: scaled `sqrt`, `log` near 1 via `log1p`, Kahan's inverse
//! trigonometric and hyperbolic functions, overflow-avoiding `exp`/`cosh`/`sinh`/`tanh`.
//! Infinite and NaN arguments follow C99 Annex G in the common cases.

use super::datautil::set;
use crate::object::Object;
use crate::value::Value;
use crate::vm::{native, Kw, PyResult, Vm};

type C = (f64, f64);

const LARGE: f64 = f64::MAX / 4.0;
const SQRT_LARGE: f64 = 6.703903964971299e153; // sqrt(DBL_MAX / 4)
const SQRT_DBL_MIN: f64 = 1.4916681462400413e-154;
const LN2: f64 = std::f64::consts::LN_2;
const LN10: f64 = std::f64::consts::LN_10;
const E: f64 = std::f64::consts::E;
const PI: f64 = std::f64::consts::PI;

fn log_large() -> f64 {
    LARGE.ln()
}

/// Error kinds as cmathmodule.c's errno.
enum Err {
    Dom,
    Range,
}

fn carg(vm: &mut Vm, a: &[Value], i: usize) -> PyResult<C> {
    let Some(v) = a.get(i) else {
        return Err(vm.type_error("function missing required argument 'z' (pos 1)"));
    };
    let p = vm.payload(v);
    if let Value::Obj(o) = &p {
        if let Object::Complex(r, im) = &**o {
            return Ok((*r, *im));
        }
    }
    if let Value::Inst(_) = v {
        let cn = vm.t.s_complex.clone();
        if let Some(r) = vm.call_method(v, &cn, vec![])? {
            if let Value::Obj(o) = &r {
                if let Object::Complex(a, b) = &**o {
                    return Ok((*a, *b));
                }
            }
            let n = vm.type_name(&r);
            return Err(vm.type_error(format!("__complex__ returned non-complex (type {n})")));
        }
    }
    match &p {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) | Value::Inst(_) => {
            if let Value::Inst(_) = p {
                let fl = vm.t.s_float.clone();
                if vm.type_of(v).lookup(&fl).is_none() && vm.type_of(v).lookup(&vm.t.s_index.clone()).is_none() {
                    let n = vm.type_name(v);
                    return Err(vm.type_error(format!("must be real number, not {n}")));
                }
            }
            Ok((crate::types::construct::to_float(vm, v)?, 0.0))
        }
        _ => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("must be real number, not {n}")))
        }
    }
}

fn cval(c: C) -> Value {
    Value::obj(Object::Complex(c.0, c.1))
}

/// glibc's (fdlibm's) `asinh`, which CPython calls; Rust's differs in the last bit.
trait AsinhC {
    fn asinh_c(self) -> f64;
}

impl AsinhC for f64 {
    fn asinh_c(self) -> f64 {
        let x = self;
        let ax = x.abs();
        if !x.is_finite() {
            return x + x;
        }
        if ax < 2f64.powi(-28) {
            return x;
        }
        let w = if ax > 2f64.powi(28) {
            ax.ln() + LN2
        } else if ax > 2.0 {
            (2.0 * ax + 1.0 / ((x * x + 1.0).sqrt() + ax)).ln()
        } else {
            let t = x * x;
            (ax + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
        };
        w.copysign(x)
    }
}

fn c_sqrt(z: C) -> C {
    if !z.0.is_finite() || !z.1.is_finite() {
        if z.1.is_infinite() {
            return (f64::INFINITY, z.1);
        }
        if z.0.is_nan() {
            return (f64::NAN, f64::NAN);
        }
        if z.0.is_infinite() {
            if z.1.is_nan() {
                return if z.0 > 0.0 { (z.0, z.1) } else { (f64::NAN, f64::INFINITY) };
            }
            return if z.0 > 0.0 { (z.0, 0.0f64.copysign(z.1)) } else { (0.0, f64::INFINITY.copysign(z.1)) };
        }
        return (f64::NAN, f64::NAN);
    }
    if z.0 == 0.0 && z.1 == 0.0 {
        return (0.0, z.1);
    }
    let ax = z.0.abs();
    let ay = z.1.abs();
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        let axs = ax * 2f64.powi(53);
        (axs + axs.hypot(ay * 2f64.powi(53))).sqrt() * 2f64.powi(-26)
    } else {
        let ax8 = ax / 8.0;
        2.0 * (ax8 + ax8.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if z.0 >= 0.0 {
        (s, d.copysign(z.1))
    } else {
        (d, s.copysign(z.1))
    }
}

fn c_log(z: C) -> Result<C, Err> {
    if !z.0.is_finite() || !z.1.is_finite() {
        if z.0.is_nan() || z.1.is_nan() {
            if z.0.is_infinite() || z.1.is_infinite() {
                return Ok((f64::INFINITY, f64::NAN));
            }
            return Ok((f64::NAN, f64::NAN));
        }
        return Ok((f64::INFINITY, z.1.atan2(z.0)));
    }
    let ax = z.0.abs();
    let ay = z.1.abs();
    let re = if ax > LARGE || ay > LARGE {
        (ax / 2.0).hypot(ay / 2.0).ln() + LN2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            (ax * 2f64.powi(53)).hypot(ay * 2f64.powi(53)).ln() - 53.0 * LN2
        } else {
            return Err(Err::Dom);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let am = if ax > ay { ax } else { ay };
            let an = if ax > ay { ay } else { ax };
            ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    Ok((re, z.1.atan2(z.0)))
}

fn c_exp(z: C) -> Result<C, Err> {
    if !z.0.is_finite() || !z.1.is_finite() {
        if z.0.is_infinite() && z.1.is_finite() && z.1 != 0.0 {
            return Ok(if z.0 > 0.0 {
                (z.0 * z.1.cos(), z.0 * z.1.sin())
            } else {
                (0.0f64.copysign(z.1.cos()), 0.0f64.copysign(z.1.sin()))
            });
        }
        if z.0.is_infinite() && z.1 == 0.0 {
            return Ok(if z.0 > 0.0 { (z.0, z.1) } else { (0.0, z.1) });
        }
        if z.0.is_infinite() {
            return Ok(if z.0 > 0.0 { (f64::INFINITY, f64::NAN) } else { (0.0, 0.0) });
        }
        if z.0.is_nan() && z.1 == 0.0 {
            return Ok((f64::NAN, z.1));
        }
        if z.1.is_infinite() && z.0.is_finite() {
            return Err(Err::Dom);
        }
        return Ok((f64::NAN, f64::NAN));
    }
    let r = if z.0 > log_large() {
        let l = (z.0 - 1.0).exp();
        (l * z.1.cos() * E, l * z.1.sin() * E)
    } else {
        let l = z.0.exp();
        (l * z.1.cos(), l * z.1.sin())
    };
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err(Err::Range);
    }
    Ok(r)
}

fn c_asinh(z: C) -> C {
    if z.0.abs() > LARGE || z.1.abs() > LARGE {
        let re = if z.1 >= 0.0 {
            ((z.0 / 2.0).hypot(z.1 / 2.0).ln() + LN2 * 2.0).copysign(z.0)
        } else {
            -((z.0 / 2.0).hypot(z.1 / 2.0).ln() + LN2 * 2.0).copysign(-z.0)
        };
        return (re, z.1.atan2(z.0.abs()));
    }
    let s1 = c_sqrt((1.0 + z.1, -z.0));
    let s2 = c_sqrt((1.0 - z.1, z.0));
    ((s1.0 * s2.1 - s2.0 * s1.1).asinh_c(), z.1.atan2(s1.0 * s2.0 - s1.1 * s2.1))
}

fn c_asin(z: C) -> C {
    let s = c_asinh((-z.1, z.0));
    (s.1, -s.0)
}

fn c_acos(z: C) -> C {
    if z.0.abs() > LARGE || z.1.abs() > LARGE {
        let re = z.1.abs().atan2(z.0);
        let im = if z.0 < 0.0 {
            -((z.0 / 2.0).hypot(z.1 / 2.0).ln() + LN2 * 2.0).copysign(z.1)
        } else {
            ((z.0 / 2.0).hypot(z.1 / 2.0).ln() + LN2 * 2.0).copysign(-z.1)
        };
        return (re, im);
    }
    let s1 = c_sqrt((1.0 - z.0, -z.1));
    let s2 = c_sqrt((1.0 + z.0, z.1));
    (2.0 * s1.0.atan2(s2.0), (s2.0 * s1.1 - s2.1 * s1.0).asinh_c())
}

fn c_acosh(z: C) -> C {
    if z.0.abs() > LARGE || z.1.abs() > LARGE {
        return ((z.0 / 2.0).hypot(z.1 / 2.0).ln() + LN2 * 2.0, z.1.atan2(z.0));
    }
    let s1 = c_sqrt((z.0 - 1.0, z.1));
    let s2 = c_sqrt((z.0 + 1.0, z.1));
    ((s1.0 * s2.0 + s1.1 * s2.1).asinh_c(), 2.0 * s1.1.atan2(s2.0))
}

fn c_atanh(z: C) -> Result<C, Err> {
    if z.0 < 0.0 {
        let r = c_atanh((-z.0, -z.1))?;
        return Ok((-r.0, -r.1));
    }
    let ay = z.1.abs();
    if z.0 > SQRT_LARGE || ay > SQRT_LARGE {
        let h = (z.0 / 2.0).hypot(z.1 / 2.0);
        return Ok((z.0 / 4.0 / h / h, -(PI / 2.0).copysign(-z.1)));
    }
    if z.0 == 1.0 && ay < SQRT_DBL_MIN {
        if ay == 0.0 {
            return Err(Err::Dom);
        }
        return Ok((-(ay.sqrt() / ay.hypot(2.0).sqrt()).ln(), ((2.0f64).atan2(-ay) / 2.0).copysign(z.1)));
    }
    Ok((
        (4.0 * z.0 / ((1.0 - z.0) * (1.0 - z.0) + ay * ay)).ln_1p() / 4.0,
        -(-2.0 * z.1).atan2((1.0 - z.0) * (1.0 + z.0) - ay * ay) / 2.0,
    ))
}

fn c_atan(z: C) -> Result<C, Err> {
    let s = c_atanh((-z.1, z.0))?;
    Ok((s.1, -s.0))
}

fn c_cosh(z: C) -> Result<C, Err> {
    let r = if z.0.abs() > log_large() {
        let x1 = z.0 - 1.0f64.copysign(z.0);
        (z.1.cos() * x1.cosh() * E, z.1.sin() * x1.sinh() * E)
    } else {
        (z.1.cos() * z.0.cosh(), z.1.sin() * z.0.sinh())
    };
    if (r.0.is_infinite() || r.1.is_infinite()) && z.0.is_finite() && z.1.is_finite() {
        return Err(Err::Range);
    }
    Ok(r)
}

fn c_sinh(z: C) -> Result<C, Err> {
    let r = if z.0.abs() > log_large() {
        let x1 = z.0 - 1.0f64.copysign(z.0);
        (z.1.cos() * x1.sinh() * E, z.1.sin() * x1.cosh() * E)
    } else {
        (z.1.cos() * z.0.sinh(), z.1.sin() * z.0.cosh())
    };
    if (r.0.is_infinite() || r.1.is_infinite()) && z.0.is_finite() && z.1.is_finite() {
        return Err(Err::Range);
    }
    Ok(r)
}

fn c_tanh(z: C) -> C {
    if z.0.abs() > log_large() {
        return (1.0f64.copysign(z.0), 4.0 * z.1.sin() * z.1.cos() * (-2.0 * z.0.abs()).exp());
    }
    let tx = z.0.tanh();
    let ty = z.1.tan();
    let cx = 1.0 / z.0.cosh();
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    (tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
}

/// CPython's `_Py_c_quot` (Smith's method with scaling).
fn c_quot(a: C, b: C) -> Option<C> {
    let abs_breal = b.0.abs();
    let abs_bimag = b.1.abs();
    if abs_breal >= abs_bimag {
        if abs_breal == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bimag >= abs_breal {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn finish(vm: &mut Vm, z: C, r: Result<C, Err>) -> PyResult<Value> {
    match r {
        Ok(c) => {
            if (c.0.is_nan() || c.1.is_nan()) && z.0.is_finite() && z.1.is_finite() {
                return Err(vm.value_error("math domain error"));
            }
            Ok(cval(c))
        }
        Err(Err::Dom) => Err(vm.value_error("math domain error")),
        Err(Err::Range) => Err(vm.overflow_error("math range error")),
    }
}

macro_rules! cfun {
    ($name:ident, $f:expr) => {
        fn $name(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
            let z = carg(vm, &a, 0)?;
            let f: fn(C) -> Result<C, Err> = $f;
            let r = f(z);
            finish(vm, z, r)
        }
    };
}

cfun!(m_sqrt, |z| Ok(c_sqrt(z)));
cfun!(m_exp, c_exp);
cfun!(m_asinh, |z| Ok(c_asinh(z)));
cfun!(m_asin, |z| Ok(c_asin(z)));
cfun!(m_acos, |z| Ok(c_acos(z)));
cfun!(m_acosh, |z| Ok(c_acosh(z)));
cfun!(m_atanh, c_atanh);
cfun!(m_atan, c_atan);
cfun!(m_cosh, c_cosh);
cfun!(m_sinh, c_sinh);
cfun!(m_tanh, |z| Ok(c_tanh(z)));
cfun!(m_cos, |z| c_cosh((-z.1, z.0)));
cfun!(m_sin, |z| c_sinh((-z.1, z.0)).map(|s| (s.1, -s.0)));
cfun!(m_tan, |z| {
    let s = c_tanh((-z.1, z.0));
    Ok((s.1, -s.0))
});
cfun!(m_log10, |z| c_log(z).map(|r| (r.0 / LN10, r.1 / LN10)));

fn m_log(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let z = carg(vm, &a, 0)?;
    let x = match c_log(z) {
        Ok(x) => x,
        Err(e) => return finish(vm, z, Err(e)),
    };
    if a.len() < 2 {
        return finish(vm, z, Ok(x));
    }
    let b = carg(vm, &a, 1)?;
    let y = match c_log(b) {
        Ok(y) => y,
        Err(e) => return finish(vm, b, Err(e)),
    };
    match c_quot(x, y) {
        Some(r) => finish(vm, z, Ok(r)),
        None => Err(vm.zero_div("complex division by zero")),
    }
}

fn m_phase(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let z = carg(vm, &a, 0)?;
    Ok(Value::Float(z.1.atan2(z.0)))
}

fn c_abs(vm: &mut Vm, z: C) -> PyResult<f64> {
    let r = z.0.hypot(z.1);
    if r.is_infinite() && z.0.is_finite() && z.1.is_finite() {
        return Err(vm.overflow_error("absolute value too large"));
    }
    Ok(r)
}

fn m_polar(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let z = carg(vm, &a, 0)?;
    let r = c_abs(vm, z)?;
    Ok(Value::tuple(vec![Value::Float(r), Value::Float(z.1.atan2(z.0))]))
}

fn real_arg(vm: &mut Vm, a: &[Value], i: usize) -> PyResult<f64> {
    match a.get(i) {
        Some(v) => {
            if let Value::Obj(o) = v {
                if let Object::Complex(..) = &**o {
                    return Err(vm.type_error("must be real number, not complex"));
                }
            }
            if let Value::Str(_) = v {
                return Err(vm.type_error("must be real number, not str"));
            }
            crate::types::construct::to_float(vm, v)
        }
        None => Err(vm.type_error(format!("rect expected 2 arguments, got {i}"))),
    }
}

fn m_rect(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let r = real_arg(vm, &a, 0)?;
    let phi = real_arg(vm, &a, 1)?;
    if r.is_finite() && phi.is_infinite() {
        return Err(vm.value_error("math domain error"));
    }
    if phi == 0.0 {
        return Ok(cval((r, if r.is_nan() { phi } else { r * phi })));
    }
    Ok(cval((r * phi.cos(), r * phi.sin())))
}

fn m_isfinite(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let z = carg(vm, &a, 0)?;
    Ok(Value::Bool(z.0.is_finite() && z.1.is_finite()))
}
fn m_isinf(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let z = carg(vm, &a, 0)?;
    Ok(Value::Bool(z.0.is_infinite() || z.1.is_infinite()))
}
fn m_isnan(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let z = carg(vm, &a, 0)?;
    Ok(Value::Bool(z.0.is_nan() || z.1.is_nan()))
}

fn m_isclose(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    if a.len() != 2 {
        return Err(vm.type_error(format!("isclose() takes exactly 2 positional arguments ({} given)", a.len())));
    }
    let x = carg(vm, &a, 0)?;
    let y = carg(vm, &a, 1)?;
    let mut rel = 1e-9;
    let mut abs_tol = 0.0;
    for (n, v) in &k {
        match n.as_str() {
            "rel_tol" => rel = crate::types::construct::to_float(vm, v)?,
            "abs_tol" => abs_tol = crate::types::construct::to_float(vm, v)?,
            other => return Err(vm.type_error(format!("isclose() got an unexpected keyword argument '{other}'"))),
        }
    }
    if rel < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.0.is_infinite() || x.1.is_infinite() || y.0.is_infinite() || y.1.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (x.0 - y.0).hypot(x.1 - y.1);
    let ax = x.0.hypot(x.1);
    let ay = y.0.hypot(y.1);
    Ok(Value::Bool((diff <= rel * ay) || (diff <= rel * ax) || diff <= abs_tol))
}

/// Builds the `cmath` module.
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("cmath");
    let fns: &[(&'static str, crate::object::NativeFn)] = &[
        ("sqrt", m_sqrt),
        ("exp", m_exp),
        ("log", m_log),
        ("log10", m_log10),
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
        ("phase", m_phase),
        ("polar", m_polar),
        ("rect", m_rect),
        ("isfinite", m_isfinite),
        ("isinf", m_isinf),
        ("isnan", m_isnan),
        ("isclose", m_isclose),
    ];
    for (n, f) in fns {
        set(&d, n, native(n, *f));
    }
    set(&d, "pi", Value::Float(PI));
    set(&d, "e", Value::Float(E));
    set(&d, "tau", Value::Float(std::f64::consts::TAU));
    set(&d, "inf", Value::Float(f64::INFINITY));
    set(&d, "nan", Value::Float(f64::NAN));
    set(&d, "infj", cval((0.0, f64::INFINITY)));
    set(&d, "nanj", cval((0.0, f64::NAN)));
    m
}
