//! Compile-time constant folding (CPython's `ast_opt.c` and `flowgraph.c` folding):
//! unary and binary operators on constants, within CPython's size limits, and tuples
//! of constants. Folding never changes what a program computes: anything that could
//! raise (division by zero, huge results) is left to run time.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::ast::*;

/// Largest int (in bits) a fold may produce (CPython's `MAX_INT_SIZE`).
const MAX_INT_SIZE: u64 = 128;
/// Largest str/bytes a fold may produce (CPython's `MAX_STR_SIZE`).
const MAX_STR_SIZE: usize = 4096;
/// Largest tuple a fold may produce by repetition (CPython's `MAX_COLLECTION_SIZE`).
const MAX_COLLECTION_SIZE: usize = 256;

/// The constant value of `e`, if it is a foldable expression (not a plain constant).
pub fn fold(e: &Expr, optimize: u8) -> Option<Constant> {
    fold_depth(e, optimize, 0)
}

/// Nesting beyond which folding gives up (keeps the recursion shallow on long
/// operator chains; CPython's folding is bounded by its C stack in the same way).
const MAX_FOLD_DEPTH: u32 = 64;

fn fold_depth(e: &Expr, optimize: u8, depth: u32) -> Option<Constant> {
    if depth > MAX_FOLD_DEPTH {
        return None;
    }
    let value = |x: &Expr| value(x, optimize, depth + 1);
    match &e.node {
        ExprKind::UnaryOp { op, operand } => {
            let v = value(operand)?;
            unary(*op, &v)
        }
        ExprKind::BinOp { left, op, right } => {
            let l = value(left)?;
            let r = value(right)?;
            binary(&l, *op, &r)
        }
        ExprKind::Tuple {
            elts,
            ctx: ExprContext::Load,
        } => {
            let vs: Option<Vec<Constant>> = elts.iter().map(value).collect();
            vs.map(Constant::Tuple)
        }
        ExprKind::Name {
            id,
            ctx: ExprContext::Load,
        } if &**id == "__debug__" => Some(if optimize == 0 {
            Constant::True
        } else {
            Constant::False
        }),
        _ => None,
    }
}

fn value(e: &Expr, optimize: u8, depth: u32) -> Option<Constant> {
    match &e.node {
        ExprKind::Constant { value, .. } => Some(value.clone()),
        ExprKind::Starred { .. } => None,
        _ => fold_depth(e, optimize, depth),
    }
}

fn int_of(c: &Constant) -> Option<BigInt> {
    match c {
        Constant::Int(i) => Some(i.to_bigint()),
        Constant::True => Some(BigInt::from(1)),
        Constant::False => Some(BigInt::from(0)),
        _ => None,
    }
}

fn float_of(c: &Constant) -> Option<f64> {
    match c {
        Constant::Float(f) => Some(*f),
        Constant::Int(i) => i.to_bigint().to_f64().filter(|f| f.is_finite()),
        Constant::True => Some(1.0),
        Constant::False => Some(0.0),
        _ => None,
    }
}

fn complex_of(c: &Constant) -> Option<(f64, f64)> {
    match c {
        Constant::Complex { real, imag } => Some((*real, *imag)),
        _ => Some((float_of(c)?, 0.0)),
    }
}

fn mk_int(v: BigInt) -> Option<Constant> {
    if v.bits() > MAX_INT_SIZE {
        return None;
    }
    Some(Constant::Int(Int::from_bigint(v)))
}

fn unary(op: UnaryOp, v: &Constant) -> Option<Constant> {
    match (op, v) {
        (UnaryOp::USub, Constant::Int(i)) => mk_int(-i.to_bigint()),
        (UnaryOp::USub, Constant::Float(f)) => Some(Constant::Float(-f)),
        (UnaryOp::USub, Constant::Complex { real, imag }) => Some(Constant::Complex {
            real: -real,
            imag: -imag,
        }),
        (UnaryOp::UAdd, Constant::Int(_) | Constant::Float(_) | Constant::Complex { .. }) => {
            Some(v.clone())
        }
        (UnaryOp::Invert, Constant::Int(i)) => mk_int(!i.to_bigint()),
        (UnaryOp::Not, _) => None,
        _ => None,
    }
}

fn is_bool(c: &Constant) -> bool {
    matches!(c, Constant::True | Constant::False)
}

fn binary(l: &Constant, op: Operator, r: &Constant) -> Option<Constant> {
    // Bools are ints, but `True + 1` folding is rare; keep them out to stay simple.
    if is_bool(l) || is_bool(r) {
        return None;
    }
    match (l, r) {
        (Constant::Int(_), Constant::Int(_)) => int_binary(int_of(l)?, op, int_of(r)?),
        (Constant::Float(_), Constant::Int(_) | Constant::Float(_))
        | (Constant::Int(_), Constant::Float(_)) => float_binary(float_of(l)?, op, float_of(r)?),
        (Constant::Complex { .. }, _) | (_, Constant::Complex { .. }) => {
            let (ar, ai) = complex_of(l)?;
            let (br, bi) = complex_of(r)?;
            let (re, im) = match op {
                Operator::Add => (ar + br, ai + bi),
                Operator::Sub => (ar - br, ai - bi),
                Operator::Mult => (ar * br - ai * bi, ar * bi + ai * br),
                _ => return None,
            };
            if !re.is_finite() || !im.is_finite() {
                return None;
            }
            Some(Constant::Complex { real: re, imag: im })
        }
        (Constant::Str(a), Constant::Str(b)) if op == Operator::Add => {
            if a.len() + b.len() > MAX_STR_SIZE {
                return None;
            }
            let mut s = a.clone();
            s.push_wtf8(b);
            Some(Constant::Str(s))
        }
        (Constant::Bytes(a), Constant::Bytes(b)) if op == Operator::Add => {
            if a.len() + b.len() > MAX_STR_SIZE {
                return None;
            }
            let mut s = a.clone();
            s.extend_from_slice(b);
            Some(Constant::Bytes(s))
        }
        (Constant::Str(a), Constant::Int(n)) | (Constant::Int(n), Constant::Str(a))
            if op == Operator::Mult =>
        {
            let n = n_times(n, a.len(), MAX_STR_SIZE)?;
            let mut s = Wtf8Buf::with_capacity(a.len() * n);
            for _ in 0..n {
                s.push_wtf8(a);
            }
            Some(Constant::Str(s))
        }
        (Constant::Bytes(a), Constant::Int(n)) | (Constant::Int(n), Constant::Bytes(a))
            if op == Operator::Mult =>
        {
            let n = n_times(n, a.len(), MAX_STR_SIZE)?;
            Some(Constant::Bytes(a.repeat(n)))
        }
        (Constant::Tuple(a), Constant::Tuple(b)) if op == Operator::Add => {
            let mut t = a.clone();
            t.extend(b.iter().cloned());
            Some(Constant::Tuple(t))
        }
        (Constant::Tuple(a), Constant::Int(n)) | (Constant::Int(n), Constant::Tuple(a))
            if op == Operator::Mult =>
        {
            let n = n_times(n, a.len(), MAX_COLLECTION_SIZE)?;
            let mut t = Vec::with_capacity(a.len() * n);
            for _ in 0..n {
                t.extend(a.iter().cloned());
            }
            Some(Constant::Tuple(t))
        }
        _ => None,
    }
}

fn n_times(n: &Int, len: usize, limit: usize) -> Option<usize> {
    let Int::Small(n) = n else { return None };
    let n = (*n).max(0) as usize;
    if len > 0 && n > limit / len {
        return None;
    }
    Some(n)
}

fn int_binary(a: BigInt, op: Operator, b: BigInt) -> Option<Constant> {
    let res = match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => {
            if a.bits() + b.bits() > MAX_INT_SIZE {
                return None;
            }
            a * b
        }
        Operator::FloorDiv | Operator::Mod => {
            if b.is_zero() {
                return None;
            }
            let (q, r) = floor_divmod(&a, &b);
            if op == Operator::FloorDiv {
                q
            } else {
                r
            }
        }
        Operator::Pow => {
            if b.is_negative() {
                return None;
            }
            let e = b.to_u64()?;
            if a.bits().saturating_mul(e) > MAX_INT_SIZE {
                return None;
            }
            num_traits::pow::pow(a, e as usize)
        }
        Operator::LShift => {
            if b.is_negative() {
                return None;
            }
            let s = b.to_u64()?;
            if a.bits() + s > MAX_INT_SIZE {
                return None;
            }
            a << s as usize
        }
        Operator::RShift => {
            if b.is_negative() {
                return None;
            }
            let s = b.to_u64().unwrap_or(u64::MAX).min(1 << 20);
            a >> s as usize
        }
        Operator::BitOr => a | b,
        Operator::BitXor => a ^ b,
        Operator::BitAnd => a & b,
        Operator::Div => {
            if b.is_zero() {
                return None;
            }
            // True division of ints: only when both convert exactly.
            let (x, y) = (a.to_i64()?, b.to_i64()?);
            if x.unsigned_abs() > 1 << 53 || y.unsigned_abs() > 1 << 53 {
                return None;
            }
            return Some(Constant::Float(x as f64 / y as f64));
        }
        Operator::MatMult => return None,
    };
    mk_int(res)
}

fn floor_divmod(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    let q = a / b;
    let r = a - &q * b;
    if !r.is_zero() && (r.is_negative() != b.is_negative()) {
        (q - 1, r + b)
    } else {
        (q, r)
    }
}

fn float_binary(a: f64, op: Operator, b: f64) -> Option<Constant> {
    let v = match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => a * b,
        Operator::Div => {
            if b == 0.0 {
                return None;
            }
            a / b
        }
        _ => return None,
    };
    if !v.is_finite() {
        return None;
    }
    Some(Constant::Float(v))
}

/// Python truthiness of a constant.
pub fn truthiness(c: &Constant) -> Option<bool> {
    Some(match c {
        Constant::None | Constant::False => false,
        Constant::True | Constant::Ellipsis => true,
        Constant::Int(Int::Small(i)) => *i != 0,
        Constant::Int(Int::Big(_)) => true,
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
    })
}
