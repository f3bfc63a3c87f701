//! Constant folding in the spirit of CPython's AST optimizer (`Python/ast_opt.c`): literals,
//! unary `-`/`+`/`~`/`not` on numbers, simple arithmetic on small ints and floats, and tuples
//! whose items all fold. Anything that could raise or grow large is left to run time.

use crate::ast::*;
use format::Constant;
use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

/// The `co_consts` form of an AST constant.
pub(crate) fn const_value(v: &ConstValue) -> Constant {
    match v {
        ConstValue::None => Constant::None,
        ConstValue::Bool(b) => Constant::Bool(*b),
        ConstValue::Ellipsis => Constant::Ellipsis,
        ConstValue::Int(i) => int_const(i),
        ConstValue::Float(f) => Constant::Float(*f),
        ConstValue::Complex(im) => Constant::Complex { re: 0.0, im: *im },
        ConstValue::Str(s) => Constant::Str(s.clone()),
        ConstValue::Bytes(b) => Constant::Bytes(b.clone()),
    }
}

/// An int constant: `Int` when it fits in an `i64`, else `BigInt` little-endian bytes.
pub(crate) fn int_const(i: &BigInt) -> Constant {
    match i.to_i64() {
        Some(v) => Constant::Int(v),
        None => Constant::BigInt(i.to_signed_bytes_le()),
    }
}

fn as_big(c: &Constant) -> Option<BigInt> {
    match c {
        Constant::Int(i) => Some(BigInt::from(*i)),
        Constant::BigInt(b) => Some(BigInt::from_signed_bytes_le(b)),
        Constant::Bool(b) => Some(BigInt::from(*b as i32)),
        _ => None,
    }
}

fn as_float(c: &Constant) -> Option<f64> {
    match c {
        Constant::Float(f) => Some(*f),
        _ => as_big(c).and_then(|b| b.to_f64()),
    }
}

/// Folds `e` to a constant if it is one (after folding), else `None`.
pub(crate) fn fold(e: &Expr) -> Option<Constant> {
    match &e.kind {
        ExprKind::Constant { value, .. } => Some(const_value(value)),
        ExprKind::Tuple { elts, ctx: ExprContext::Load } => {
            let mut items = Vec::with_capacity(elts.len());
            for x in elts {
                items.push(fold(x)?);
            }
            Some(Constant::Tuple(items))
        }
        ExprKind::UnaryOp { op, operand } => {
            let v = fold(operand)?;
            match op {
                UnaryOp::USub => match &v {
                    Constant::Float(f) => Some(Constant::Float(-f)),
                    Constant::Complex { re, im } => Some(Constant::Complex { re: -re, im: -im }),
                    Constant::Int(_) | Constant::BigInt(_) | Constant::Bool(_) => Some(int_const(&-as_big(&v)?)),
                    _ => None,
                },
                UnaryOp::UAdd => match &v {
                    Constant::Float(_) | Constant::Complex { .. } => Some(v),
                    Constant::Int(_) | Constant::BigInt(_) | Constant::Bool(_) => Some(int_const(&as_big(&v)?)),
                    _ => None,
                },
                UnaryOp::Invert => match &v {
                    Constant::Int(_) | Constant::BigInt(_) | Constant::Bool(_) => Some(int_const(&!as_big(&v)?)),
                    _ => None,
                },
                UnaryOp::Not => None,
            }
        }
        ExprKind::BinOp { left, op, right } => {
            let a = fold(left)?;
            let b = fold(right)?;
            fold_binop(&a, *op, &b)
        }
        _ => None,
    }
}

fn is_int(c: &Constant) -> bool {
    matches!(c, Constant::Int(_) | Constant::BigInt(_))
}

fn fold_binop(a: &Constant, op: Operator, b: &Constant) -> Option<Constant> {
    if is_int(a) && is_int(b) {
        let x = as_big(a)?;
        let y = as_big(b)?;
        let small = |r: BigInt| if r.bits() <= 128 { Some(int_const(&r)) } else { None };
        return match op {
            Operator::Add => small(x + y),
            Operator::Sub => small(x - y),
            Operator::Mult => small(x * y),
            Operator::Pow => {
                let e = y.to_u32()?;
                if x.bits() as u64 * e as u64 > 128 {
                    return None;
                }
                small(num_traits::pow(x, e as usize))
            }
            Operator::LShift => {
                let s = y.to_u32()?;
                if x.bits() as u64 + s as u64 > 128 {
                    return None;
                }
                small(x << s as usize)
            }
            Operator::BitAnd => small(x & y),
            Operator::BitOr => small(x | y),
            Operator::BitXor => small(x ^ y),
            _ => None,
        };
    }
    let cplx = |c: &Constant| -> Option<(f64, f64)> {
        match c {
            Constant::Complex { re, im } => Some((*re, *im)),
            Constant::Float(_) | Constant::Int(_) | Constant::BigInt(_) => Some((as_float(c)?, 0.0)),
            _ => None,
        }
    };
    if matches!(a, Constant::Complex { .. }) || matches!(b, Constant::Complex { .. }) {
        let (ar, ai) = cplx(a)?;
        let (br, bi) = cplx(b)?;
        return match op {
            Operator::Add => Some(Constant::Complex { re: ar + br, im: ai + bi }),
            Operator::Sub => Some(Constant::Complex { re: ar - br, im: ai - bi }),
            _ => None,
        };
    }
    let floaty = |c: &Constant| matches!(c, Constant::Float(_)) || is_int(c);
    if floaty(a) && floaty(b) && (matches!(a, Constant::Float(_)) || matches!(b, Constant::Float(_))) {
        let x = as_float(a)?;
        let y = as_float(b)?;
        return match op {
            Operator::Add => Some(Constant::Float(x + y)),
            Operator::Sub => Some(Constant::Float(x - y)),
            Operator::Mult => Some(Constant::Float(x * y)),
            Operator::Div if !y.is_zero() => Some(Constant::Float(x / y)),
            _ => None,
        };
    }
    match (a, op, b) {
        (Constant::Str(x), Operator::Add, Constant::Str(y)) if x.len() + y.len() <= 4096 => {
            Some(Constant::Str(format!("{x}{y}")))
        }
        _ => None,
    }
}
