//! `ast.dump` of CPython 3.11, byte for byte: what
//! `python3 shared/tools/ast_dump.py FILE [--positions]` prints.

use crate::ast::*;
use std::fmt::Write;

/// Returns `ast.dump(tree, include_attributes=positions)` followed by a newline (the output of
/// `print`). Fields whose value is `None` and optional in the ASDL are omitted, as `ast.dump`
/// does; constants are printed with Python's `repr`.
pub fn dump_module(m: &Module, positions: bool) -> String {
    let mut d = Dumper { out: String::with_capacity(4096), pos: positions };
    d.out.push_str("Module(body=");
    d.stmts(&m.body);
    d.out.push_str(", type_ignores=[])\n");
    d.out
}

struct Dumper {
    out: String,
    pos: bool,
}

/// Python's `repr()` of a `str` holding exactly the characters of `s`.
pub fn py_str_repr(s: &str) -> String {
    repr_code_points(s, s.chars().map(|c| c as u32))
}

/// Python's `repr()` of a string constant from the AST (decoding lone surrogates, see
/// [`crate::pystr`]).
pub fn py_const_str_repr(s: &str) -> String {
    if crate::pystr::is_encoded(s) {
        let v = crate::pystr::code_points(s);
        repr_code_points(s, v.into_iter())
    } else {
        py_str_repr(s)
    }
}

fn repr_code_points(s: &str, cps: impl Iterator<Item = u32>) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut o = String::with_capacity(s.len() + 2);
    o.push(q);
    for cp in cps {
        let Some(c) = char::from_u32(cp) else {
            // lone surrogate
            let _ = write!(o, "\\u{:04x}", cp);
            continue;
        };
        match c {
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if c == q => {
                o.push('\\');
                o.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(o, "\\x{:02x}", c as u32);
            }
            c if c.is_ascii() => o.push(c),
            c if !crate::lexer::is_printable(c) || (c.is_whitespace() && c != ' ') => {
                let v = c as u32;
                if v < 0x100 {
                    let _ = write!(o, "\\x{:02x}", v);
                } else if v < 0x10000 {
                    let _ = write!(o, "\\u{:04x}", v);
                } else {
                    let _ = write!(o, "\\U{:08x}", v);
                }
            }
            c => o.push(c),
        }
    }
    o.push(q);
    o
}

/// Python's `repr()` of a `bytes`.
pub fn py_bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut o = String::with_capacity(b.len() + 3);
    o.push('b');
    o.push(q as char);
    for &c in b {
        match c {
            b'\\' => o.push_str("\\\\"),
            b'\n' => o.push_str("\\n"),
            b'\r' => o.push_str("\\r"),
            b'\t' => o.push_str("\\t"),
            c if c == q => {
                o.push('\\');
                o.push(c as char);
            }
            c if !(0x20..0x7f).contains(&c) => {
                let _ = write!(o, "\\x{:02x}", c);
            }
            c => o.push(c as char),
        }
    }
    o.push(q as char);
    o
}

/// Python's `repr()` of a float (`float_repr_style = 'short'`); with `complex_style` the
/// `.0` of integral values is not added (as in the imaginary part of a complex repr).
pub fn py_float_repr(f: f64, complex_style: bool) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        let s = if f.is_sign_negative() { "-0" } else { "0" };
        return if complex_style { s.into() } else { format!("{s}.0") };
    }
    let e = format!("{:e}", f);
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mant) = match mant.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mant),
    };
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = tie_to_even(f.abs(), digits, exp);
    let decpt = exp + 1;
    let mut o = String::new();
    if neg {
        o.push('-');
    }
    let n = digits.len() as i32;
    if decpt > -4 && decpt <= 16 {
        if decpt <= 0 {
            o.push_str("0.");
            for _ in 0..(-decpt) {
                o.push('0');
            }
            o.push_str(&digits);
        } else if decpt < n {
            o.push_str(&digits[..decpt as usize]);
            o.push('.');
            o.push_str(&digits[decpt as usize..]);
        } else {
            o.push_str(&digits);
            for _ in 0..(decpt - n) {
                o.push('0');
            }
            if !complex_style {
                o.push_str(".0");
            }
        }
    } else {
        o.push_str(&digits[..1]);
        if n > 1 {
            o.push('.');
            o.push_str(&digits[1..]);
        }
        let x = decpt - 1;
        let _ = write!(o, "e{}{:02}", if x < 0 { '-' } else { '+' }, x.abs());
    }
    o
}

/// Rust's shortest round-trip digits may pick the odd one of two equally close candidates;
/// Python's dtoa picks the even one. `digits` × 10^(exp + 1 - len) is the candidate.
fn tie_to_even(f: f64, digits: String, exp: i32) -> String {
    use num_bigint::BigInt;
    let n = digits.len();
    let last = digits.as_bytes()[n - 1] - b'0';
    if last % 2 == 0 || n < 2 {
        return digits;
    }
    let k = exp + 1 - n as i32; // value = C * 10^k
    let bits = f.to_bits();
    let (mant, e2) = {
        let ex = ((bits >> 52) & 0x7ff) as i32;
        let fr = bits & ((1u64 << 52) - 1);
        if ex == 0 {
            (fr, -1074)
        } else {
            (fr | (1u64 << 52), ex - 1075)
        }
    };
    let scale = |c: &BigInt| -> (BigInt, BigInt) {
        // returns (c * 10^k, f) both scaled to integers
        let k2 = (-k).max(0) as u32;
        let e2n = (-e2).max(0) as u32;
        let ten = BigInt::from(10u32);
        let two = BigInt::from(2u32);
        let cs = c * ten.pow((k + k2 as i32) as u32) * two.pow(e2n);
        let fs = BigInt::from(mant) * two.pow((e2 + e2n as i32) as u32) * ten.pow(k2);
        (cs, fs)
    };
    let Ok(c) = digits.parse::<BigInt>() else { return digits };
    let (cs, fs) = scale(&c);
    let d0 = if cs > fs { &cs - &fs } else { &fs - &cs };
    let one = BigInt::from(1u32);
    for alt in [&c - &one, &c + &one] {
        let s = alt.to_string();
        if s.len() != n {
            continue;
        }
        let (as_, fs2) = scale(&alt);
        let d1 = if as_ > fs2 { &as_ - &fs2 } else { &fs2 - &as_ };
        if d1 == d0 {
            // equally close: both round-trip; take the even one
            return s;
        }
    }
    digits
}

fn const_repr(v: &ConstValue) -> String {
    match v {
        ConstValue::None => "None".into(),
        ConstValue::Bool(true) => "True".into(),
        ConstValue::Bool(false) => "False".into(),
        ConstValue::Ellipsis => "Ellipsis".into(),
        ConstValue::Int(i) => i.to_string(),
        ConstValue::Float(f) => py_float_repr(*f, false),
        ConstValue::Complex(f) => format!("{}j", py_float_repr(*f, true)),
        ConstValue::Str(s) => py_const_str_repr(s),
        ConstValue::Bytes(b) => py_bytes_repr(b),
    }
}

fn op_name(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add()",
        Operator::Sub => "Sub()",
        Operator::Mult => "Mult()",
        Operator::MatMult => "MatMult()",
        Operator::Div => "Div()",
        Operator::Mod => "Mod()",
        Operator::Pow => "Pow()",
        Operator::LShift => "LShift()",
        Operator::RShift => "RShift()",
        Operator::BitOr => "BitOr()",
        Operator::BitXor => "BitXor()",
        Operator::BitAnd => "BitAnd()",
        Operator::FloorDiv => "FloorDiv()",
    }
}

fn cmp_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq()",
        CmpOp::NotEq => "NotEq()",
        CmpOp::Lt => "Lt()",
        CmpOp::LtE => "LtE()",
        CmpOp::Gt => "Gt()",
        CmpOp::GtE => "GtE()",
        CmpOp::Is => "Is()",
        CmpOp::IsNot => "IsNot()",
        CmpOp::In => "In()",
        CmpOp::NotIn => "NotIn()",
    }
}

fn ctx_name(c: ExprContext) -> &'static str {
    match c {
        ExprContext::Load => "Load()",
        ExprContext::Store => "Store()",
        ExprContext::Del => "Del()",
    }
}

impl Dumper {
    fn s(&mut self, x: &str) {
        self.out.push_str(x);
    }
    fn loc(&mut self, l: &Loc, first: bool) {
        if self.pos {
            let _ = write!(
                self.out,
                "{}lineno={}, col_offset={}, end_lineno={}, end_col_offset={}",
                if first { "" } else { ", " },
                l.lineno,
                l.col_offset,
                l.end_lineno,
                l.end_col_offset
            );
        }
    }
    fn stmts(&mut self, v: &[Stmt]) {
        if v.is_empty() {
            return self.s("[]");
        }
        self.s("[");
        for (i, x) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.stmt(x);
        }
        self.s("]");
    }
    fn exprs(&mut self, v: &[Expr]) {
        if v.is_empty() {
            return self.s("[]");
        }
        self.s("[");
        for (i, x) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.expr(x);
        }
        self.s("]");
    }
    fn idents(&mut self, v: &[Ident]) {
        self.s("[");
        for (i, x) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            let r = py_str_repr(x);
            self.s(&r);
        }
        self.s("]");
    }
    fn opt_expr(&mut self, name: &str, e: &Option<Box<Expr>>) {
        if let Some(e) = e {
            self.s(", ");
            self.s(name);
            self.s("=");
            self.expr(e);
        }
    }
    fn ident_field(&mut self, name: &str, v: &str) {
        self.s(name);
        self.s("=");
        let r = py_str_repr(v);
        self.s(&r);
    }
    fn opt_ident(&mut self, name: &str, v: &Option<Ident>) {
        if let Some(v) = v {
            self.s(", ");
            self.ident_field(name, v);
        }
    }
    fn end(&mut self, l: &Loc) {
        self.loc(l, false);
        self.s(")");
    }

    fn stmt(&mut self, st: &Stmt) {
        use StmtKind::*;
        match &st.kind {
            FunctionDef { name, args, body, decorator_list, returns, type_comment: _ }
            | AsyncFunctionDef { name, args, body, decorator_list, returns, type_comment: _ } => {
                self.s(if matches!(st.kind, FunctionDef { .. }) { "FunctionDef(" } else { "AsyncFunctionDef(" });
                self.ident_field("name", name);
                self.s(", args=");
                self.arguments(args);
                self.s(", body=");
                self.stmts(body);
                self.s(", decorator_list=");
                self.exprs(decorator_list);
                self.opt_expr("returns", returns);
            }
            ClassDef { name, bases, keywords, body, decorator_list } => {
                self.s("ClassDef(");
                self.ident_field("name", name);
                self.s(", bases=");
                self.exprs(bases);
                self.s(", keywords=");
                self.keywords(keywords);
                self.s(", body=");
                self.stmts(body);
                self.s(", decorator_list=");
                self.exprs(decorator_list);
            }
            Return { value } => {
                self.s("Return(");
                if let Some(v) = value {
                    self.s("value=");
                    self.expr(v);
                } else {
                    self.loc(&st.loc, true);
                    return self.s(")");
                }
            }
            Delete { targets } => {
                self.s("Delete(targets=");
                self.exprs(targets);
            }
            Assign { targets, value, .. } => {
                self.s("Assign(targets=");
                self.exprs(targets);
                self.s(", value=");
                self.expr(value);
            }
            AugAssign { target, op, value } => {
                self.s("AugAssign(target=");
                self.expr(target);
                self.s(", op=");
                self.s(op_name(*op));
                self.s(", value=");
                self.expr(value);
            }
            AnnAssign { target, annotation, value, simple } => {
                self.s("AnnAssign(target=");
                self.expr(target);
                self.s(", annotation=");
                self.expr(annotation);
                self.opt_expr("value", value);
                self.s(if *simple { ", simple=1" } else { ", simple=0" });
            }
            For { target, iter, body, orelse, .. } | AsyncFor { target, iter, body, orelse, .. } => {
                self.s(if matches!(st.kind, For { .. }) { "For(target=" } else { "AsyncFor(target=" });
                self.expr(target);
                self.s(", iter=");
                self.expr(iter);
                self.s(", body=");
                self.stmts(body);
                self.s(", orelse=");
                self.stmts(orelse);
            }
            While { test, body, orelse } | If { test, body, orelse } => {
                self.s(if matches!(st.kind, While { .. }) { "While(test=" } else { "If(test=" });
                self.expr(test);
                self.s(", body=");
                self.stmts(body);
                self.s(", orelse=");
                self.stmts(orelse);
            }
            With { items, body, .. } | AsyncWith { items, body, .. } => {
                self.s(if matches!(st.kind, With { .. }) { "With(items=[" } else { "AsyncWith(items=[" });
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    self.s("withitem(context_expr=");
                    self.expr(&it.context_expr);
                    self.opt_expr("optional_vars", &it.optional_vars);
                    self.s(")");
                }
                self.s("], body=");
                self.stmts(body);
            }
            Match { subject, cases } => {
                self.s("Match(subject=");
                self.expr(subject);
                self.s(", cases=[");
                for (i, c) in cases.iter().enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    self.s("match_case(pattern=");
                    self.pattern(&c.pattern);
                    self.opt_expr("guard", &c.guard);
                    self.s(", body=");
                    self.stmts(&c.body);
                    self.s(")");
                }
                self.s("]");
            }
            Raise { exc, cause } => {
                self.s("Raise(");
                let mut first = true;
                if let Some(e) = exc {
                    self.s("exc=");
                    self.expr(e);
                    first = false;
                }
                if let Some(c) = cause {
                    if !first {
                        self.s(", ");
                    }
                    self.s("cause=");
                    self.expr(c);
                    first = false;
                }
                self.loc(&st.loc, first);
                return self.s(")");
            }
            Try { body, handlers, orelse, finalbody } | TryStar { body, handlers, orelse, finalbody } => {
                self.s(if matches!(st.kind, Try { .. }) { "Try(body=" } else { "TryStar(body=" });
                self.stmts(body);
                self.s(", handlers=[");
                for (i, h) in handlers.iter().enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    self.s("ExceptHandler(");
                    if let Some(t) = &h.type_ {
                        self.s("type=");
                        self.expr(t);
                        self.s(", ");
                    }
                    if let Some(n) = &h.name {
                        self.ident_field("name", n);
                        self.s(", ");
                    }
                    self.s("body=");
                    self.stmts(&h.body);
                    self.end(&h.loc);
                }
                self.s("], orelse=");
                self.stmts(orelse);
                self.s(", finalbody=");
                self.stmts(finalbody);
            }
            Assert { test, msg } => {
                self.s("Assert(test=");
                self.expr(test);
                self.opt_expr("msg", msg);
            }
            Import { names } => {
                self.s("Import(names=");
                self.aliases(names);
            }
            ImportFrom { module, names, level } => {
                self.s("ImportFrom(");
                if let Some(m) = module {
                    self.ident_field("module", m);
                    self.s(", ");
                }
                self.s("names=");
                self.aliases(names);
                let _ = write!(self.out, ", level={}", level);
            }
            Global { names } | Nonlocal { names } => {
                self.s(if matches!(st.kind, Global { .. }) { "Global(names=" } else { "Nonlocal(names=" });
                self.idents(names);
            }
            Expr { value } => {
                self.s("Expr(value=");
                self.expr(value);
            }
            Pass | Break | Continue => {
                self.s(match st.kind {
                    Pass => "Pass(",
                    Break => "Break(",
                    _ => "Continue(",
                });
                self.loc(&st.loc, true);
                return self.s(")");
            }
        }
        self.end(&st.loc);
    }

    fn aliases(&mut self, v: &[Alias]) {
        self.s("[");
        for (i, a) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.s("alias(");
            self.ident_field("name", &a.name);
            self.opt_ident("asname", &a.asname);
            self.end(&a.loc);
        }
        self.s("]");
    }

    fn keywords(&mut self, v: &[Keyword]) {
        if v.is_empty() {
            return self.s("[]");
        }
        self.s("[");
        for (i, k) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.s("keyword(");
            if let Some(a) = &k.arg {
                self.ident_field("arg", a);
                self.s(", ");
            }
            self.s("value=");
            self.expr(&k.value);
            self.end(&k.loc);
        }
        self.s("]");
    }

    fn arg(&mut self, a: &Arg) {
        self.s("arg(");
        self.ident_field("arg", &a.arg);
        self.opt_expr("annotation", &a.annotation);
        self.end(&a.loc);
    }

    fn args(&mut self, v: &[Arg]) {
        self.s("[");
        for (i, a) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.arg(a);
        }
        self.s("]");
    }

    fn arguments(&mut self, a: &Arguments) {
        self.s("arguments(posonlyargs=");
        self.args(&a.posonlyargs);
        self.s(", args=");
        self.args(&a.args);
        if let Some(v) = &a.vararg {
            self.s(", vararg=");
            self.arg(v);
        }
        self.s(", kwonlyargs=");
        self.args(&a.kwonlyargs);
        self.s(", kw_defaults=[");
        for (i, d) in a.kw_defaults.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            match d {
                Some(e) => self.expr(e),
                None => self.s("None"),
            }
        }
        self.s("]");
        if let Some(v) = &a.kwarg {
            self.s(", kwarg=");
            self.arg(v);
        }
        self.s(", defaults=");
        self.exprs(&a.defaults);
        self.s(")");
    }

    fn comps(&mut self, v: &[Comprehension]) {
        self.s("[");
        for (i, c) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.s("comprehension(target=");
            self.expr(&c.target);
            self.s(", iter=");
            self.expr(&c.iter);
            self.s(", ifs=");
            self.exprs(&c.ifs);
            self.s(if c.is_async { ", is_async=1)" } else { ", is_async=0)" });
        }
        self.s("]");
    }

    fn expr(&mut self, e: &Expr) {
        use ExprKind::*;
        match &e.kind {
            BoolOp { op, values } => {
                self.s(if *op == crate::ast::BoolOp::And {
                    "BoolOp(op=And(), values="
                } else {
                    "BoolOp(op=Or(), values="
                });
                self.exprs(values);
            }
            NamedExpr { target, value } => {
                self.s("NamedExpr(target=");
                self.expr(target);
                self.s(", value=");
                self.expr(value);
            }
            BinOp { left, op, right } => {
                self.s("BinOp(left=");
                self.expr(left);
                self.s(", op=");
                self.s(op_name(*op));
                self.s(", right=");
                self.expr(right);
            }
            UnaryOp { op, operand } => {
                self.s(match op {
                    crate::ast::UnaryOp::Invert => "UnaryOp(op=Invert(), operand=",
                    crate::ast::UnaryOp::Not => "UnaryOp(op=Not(), operand=",
                    crate::ast::UnaryOp::UAdd => "UnaryOp(op=UAdd(), operand=",
                    crate::ast::UnaryOp::USub => "UnaryOp(op=USub(), operand=",
                });
                self.expr(operand);
            }
            Lambda { args, body } => {
                self.s("Lambda(args=");
                self.arguments(args);
                self.s(", body=");
                self.expr(body);
            }
            IfExp { test, body, orelse } => {
                self.s("IfExp(test=");
                self.expr(test);
                self.s(", body=");
                self.expr(body);
                self.s(", orelse=");
                self.expr(orelse);
            }
            Dict { keys, values } => {
                self.s("Dict(keys=[");
                for (i, k) in keys.iter().enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    match k {
                        Some(k) => self.expr(k),
                        None => self.s("None"),
                    }
                }
                self.s("], values=");
                self.exprs(values);
            }
            Set { elts } => {
                self.s("Set(elts=");
                self.exprs(elts);
            }
            ListComp { elt, generators } | SetComp { elt, generators } | GeneratorExp { elt, generators } => {
                self.s(match e.kind {
                    ListComp { .. } => "ListComp(elt=",
                    SetComp { .. } => "SetComp(elt=",
                    _ => "GeneratorExp(elt=",
                });
                self.expr(elt);
                self.s(", generators=");
                self.comps(generators);
            }
            DictComp { key, value, generators } => {
                self.s("DictComp(key=");
                self.expr(key);
                self.s(", value=");
                self.expr(value);
                self.s(", generators=");
                self.comps(generators);
            }
            Await { value } => {
                self.s("Await(value=");
                self.expr(value);
            }
            Yield { value } => {
                self.s("Yield(");
                match value {
                    Some(v) => {
                        self.s("value=");
                        self.expr(v);
                    }
                    None => {
                        self.loc(&e.loc, true);
                        return self.s(")");
                    }
                }
            }
            YieldFrom { value } => {
                self.s("YieldFrom(value=");
                self.expr(value);
            }
            Compare { left, ops, comparators } => {
                self.s("Compare(left=");
                self.expr(left);
                self.s(", ops=[");
                for (i, o) in ops.iter().enumerate() {
                    if i > 0 {
                        self.s(", ");
                    }
                    self.s(cmp_name(*o));
                }
                self.s("], comparators=");
                self.exprs(comparators);
            }
            Call { func, args, keywords } => {
                self.s("Call(func=");
                self.expr(func);
                self.s(", args=");
                self.exprs(args);
                self.s(", keywords=");
                self.keywords(keywords);
            }
            FormattedValue { value, conversion, format_spec } => {
                self.s("FormattedValue(value=");
                self.expr(value);
                let _ = write!(self.out, ", conversion={}", conversion);
                self.opt_expr("format_spec", format_spec);
            }
            JoinedStr { values } => {
                self.s("JoinedStr(values=");
                self.exprs(values);
            }
            Constant { value, kind } => {
                self.s("Constant(value=");
                let r = const_repr(value);
                self.s(&r);
                if let Some(k) = kind {
                    self.s(", ");
                    self.ident_field("kind", k);
                }
            }
            Attribute { value, attr, ctx } => {
                self.s("Attribute(value=");
                self.expr(value);
                self.s(", ");
                self.ident_field("attr", attr);
                self.s(", ctx=");
                self.s(ctx_name(*ctx));
            }
            Subscript { value, slice, ctx } => {
                self.s("Subscript(value=");
                self.expr(value);
                self.s(", slice=");
                self.expr(slice);
                self.s(", ctx=");
                self.s(ctx_name(*ctx));
            }
            Starred { value, ctx } => {
                self.s("Starred(value=");
                self.expr(value);
                self.s(", ctx=");
                self.s(ctx_name(*ctx));
            }
            Name { id, ctx } => {
                self.s("Name(");
                self.ident_field("id", id);
                self.s(", ctx=");
                self.s(ctx_name(*ctx));
            }
            List { elts, ctx } | Tuple { elts, ctx } => {
                self.s(if matches!(e.kind, List { .. }) { "List(elts=" } else { "Tuple(elts=" });
                self.exprs(elts);
                self.s(", ctx=");
                self.s(ctx_name(*ctx));
            }
            Slice { lower, upper, step } => {
                self.s("Slice(");
                let mut first = true;
                for (n, v) in [("lower", lower), ("upper", upper), ("step", step)] {
                    if let Some(v) = v {
                        if !first {
                            self.s(", ");
                        }
                        self.s(n);
                        self.s("=");
                        self.expr(v);
                        first = false;
                    }
                }
                self.loc(&e.loc, first);
                return self.s(")");
            }
        }
        self.end(&e.loc);
    }

    fn patterns(&mut self, v: &[Pattern]) {
        if v.is_empty() {
            return self.s("[]");
        }
        self.s("[");
        for (i, p) in v.iter().enumerate() {
            if i > 0 {
                self.s(", ");
            }
            self.pattern(p);
        }
        self.s("]");
    }

    fn pattern(&mut self, p: &Pattern) {
        use PatternKind::*;
        match &p.kind {
            MatchValue { value } => {
                self.s("MatchValue(value=");
                self.expr(value);
            }
            MatchSingleton { value } => {
                self.s("MatchSingleton(value=");
                let r = const_repr(value);
                self.s(&r);
            }
            MatchSequence { patterns } => {
                self.s("MatchSequence(patterns=");
                self.patterns(patterns);
            }
            MatchMapping { keys, patterns, rest } => {
                self.s("MatchMapping(keys=");
                self.exprs(keys);
                self.s(", patterns=");
                self.patterns(patterns);
                self.opt_ident("rest", rest);
            }
            MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                self.s("MatchClass(cls=");
                self.expr(cls);
                self.s(", patterns=");
                self.patterns(patterns);
                self.s(", kwd_attrs=");
                self.idents(kwd_attrs);
                self.s(", kwd_patterns=");
                self.patterns(kwd_patterns);
            }
            MatchStar { name } => {
                self.s("MatchStar(");
                match name {
                    Some(n) => self.ident_field("name", n),
                    None => {
                        self.loc(&p.loc, true);
                        return self.s(")");
                    }
                }
            }
            MatchAs { pattern, name } => {
                self.s("MatchAs(");
                let mut first = true;
                if let Some(pt) = pattern {
                    self.s("pattern=");
                    self.pattern(pt);
                    first = false;
                }
                if let Some(n) = name {
                    if !first {
                        self.s(", ");
                    }
                    self.ident_field("name", n);
                    first = false;
                }
                self.loc(&p.loc, first);
                return self.s(")");
            }
            MatchOr { patterns } => {
                self.s("MatchOr(patterns=");
                self.patterns(patterns);
            }
        }
        self.end(&p.loc);
    }
}
