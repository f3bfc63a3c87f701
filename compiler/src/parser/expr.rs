//! Expressions: the precedence ladder from `star_expressions` down to atoms, comprehensions,
//! slices, and conversion of expressions to assignment/deletion targets.

use super::{PResult, Parser};
use crate::ast::*;
use crate::token::Kind;
use num_bigint::BigInt;

pub(crate) fn mk(kind: ExprKind, loc: Loc) -> Expr {
    Expr { kind, loc }
}

/// CPython's `_PyPegen_get_expr_name`: how an expression is named in error messages.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            ConstValue::None => "None",
            ConstValue::Bool(true) => "True",
            ConstValue::Bool(false) => "False",
            ConstValue::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

impl<'a> Parser<'a> {
    /// Whether the current token can start an expression.
    pub(crate) fn starts_expr(&self) -> bool {
        let t = self.cur();
        match t.kind {
            Kind::Name => {
                let s = self.text(t);
                !super::is_keyword(s) || matches!(s, "None" | "True" | "False" | "not" | "lambda" | "await")
            }
            Kind::Number | Kind::String => true,
            Kind::Op => matches!(self.text(t), "(" | "[" | "{" | "-" | "+" | "~" | "..." | "*"),
            _ => false,
        }
    }

    /// `star_expressions`: a bare tuple when there is a comma.
    pub(crate) fn star_expressions(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.star_expression()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !self.starts_expr() {
                break;
            }
            elts.push(self.star_expression()?);
        }
        Ok(mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.loc_from(s)))
    }

    pub(crate) fn star_expression(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            let s = self.start();
            self.bump();
            let v = self.bitwise_or()?;
            return Ok(mk(ExprKind::Starred { value: Box::new(v), ctx: ExprContext::Load }, self.loc_from(s)));
        }
        self.expression()
    }

    pub(crate) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            let s = self.start();
            self.bump();
            let v = self.bitwise_or()?;
            return Ok(mk(ExprKind::Starred { value: Box::new(v), ctx: ExprContext::Load }, self.loc_from(s)));
        }
        self.named_expression()
    }

    /// Whether `e` can be a `bitwise_or` (what CPython's invalid_named_expression matches).
    pub(crate) fn is_bitwise_level(&self, e: &Expr) -> bool {
        !matches!(
            e.kind,
            ExprKind::BoolOp { .. }
                | ExprKind::UnaryOp { op: UnaryOp::Not, .. }
                | ExprKind::Compare { .. }
                | ExprKind::IfExp { .. }
                | ExprKind::Lambda { .. }
                | ExprKind::NamedExpr { .. }
                | ExprKind::Starred { .. }
        )
    }

    /// CPython's `invalid_named_expression` for `expr = value` where only an expression is
    /// allowed; the current token is `=`.
    fn invalid_named_eq(&self, e: &Expr) -> Option<crate::error::SyntaxError> {
        let mut p = Parser::new_sub(self.src, self.toks, self.lex_err.clone());
        p.line_starts = self.line_starts;
        p.pos = self.pos + 1;
        p.fstring_mode = self.fstring_mode;
        p.fstring_shift = self.fstring_shift;
        p.speculative = true;
        let r = p.bitwise_or();
        if p.kind() == Kind::Error {
            if let Some(le) = &self.lex_err {
                return Some(le.clone());
            }
        }
        r.ok()?;
        if p.at_op("=") || p.at_op(":=") {
            return None;
        }
        if let ExprKind::Name { .. } = e.kind {
            let end = p.prev_end();
            let loc = Loc { end_lineno: end.0, end_col_offset: end.1, ..e.loc };
            return Some(self.err_loc(loc, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"));
        }
        let excluded = matches!(e.kind, ExprKind::List { .. } | ExprKind::Tuple { .. } | ExprKind::GeneratorExp { .. })
            || matches!(e.kind, ExprKind::Constant { value: ConstValue::None | ConstValue::Bool(_), .. });
        if excluded || !self.is_bitwise_level(e) {
            return None;
        }
        Some(
            self.err_loc(
                e.loc,
                format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(e)),
            ),
        )
    }

    /// `named_expression`: `NAME := expression` or an expression.
    pub(crate) fn named_expression(&mut self) -> PResult<Expr> {
        if self.at_name() && self.peek_is_op(1, ":=") {
            let s = self.start();
            let t = self.bump();
            let target = mk(ExprKind::Name { id: self.ident(t), ctx: ExprContext::Store }, Self::tok_loc(t));
            self.bump();
            let value = self.expression()?;
            return Ok(mk(ExprKind::NamedExpr { target: Box::new(target), value: Box::new(value) }, self.loc_from(s)));
        }
        let e = self.expression()?;
        if self.at_op("=") && !self.fstring_mode {
            if let Some(err) = self.invalid_named_eq(&e) {
                return Err(err);
            }
        }
        if self.at_op(":=") {
            return Err(self.err_loc(e.loc, format!("cannot use assignment expressions with {}", expr_name(&e))));
        }
        Ok(e)
    }

    /// `expression`: conditional expressions and lambdas.
    pub(crate) fn expression(&mut self) -> PResult<Expr> {
        if self.at_kw("lambda") {
            return self.lambdef();
        }
        self.enter()?;
        let s = self.start();
        let body = self.disjunction()?;
        if self.at_kw("if") {
            self.bump();
            let test = self.disjunction()?;
            if !self.eat_kw("else") {
                self.leave();
                if self.at_op(":") {
                    return Err(self.invalid());
                }
                return Err(self.err_loc(self.loc_from(s), "expected 'else' after 'if' expression"));
            }
            let orelse = self.expression()?;
            self.leave();
            return Ok(mk(
                ExprKind::IfExp { test: Box::new(test), body: Box::new(body), orelse: Box::new(orelse) },
                self.loc_from(s),
            ));
        }
        self.leave();
        Ok(body)
    }

    fn lambdef(&mut self) -> PResult<Expr> {
        let s = self.start();
        self.bump();
        let args = self.parameters(false)?;
        self.expect_op(":")?;
        let body = self.expression()?;
        Ok(mk(ExprKind::Lambda { args: Box::new(args), body: Box::new(body) }, self.loc_from(s)))
    }

    pub(crate) fn disjunction(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.conjunction()?;
        if !self.at_kw("or") {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw("or") {
            values.push(self.conjunction()?);
        }
        Ok(mk(ExprKind::BoolOp { op: BoolOp::Or, values }, self.loc_from(s)))
    }

    fn conjunction(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.inversion()?;
        if !self.at_kw("and") {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw("and") {
            values.push(self.inversion()?);
        }
        Ok(mk(ExprKind::BoolOp { op: BoolOp::And, values }, self.loc_from(s)))
    }

    fn inversion(&mut self) -> PResult<Expr> {
        if self.at_kw("not") {
            self.enter()?;
            let s = self.start();
            self.bump();
            let operand = self.inversion()?;
            self.leave();
            return Ok(mk(ExprKind::UnaryOp { op: UnaryOp::Not, operand: Box::new(operand) }, self.loc_from(s)));
        }
        self.comparison()
    }

    fn comp_op(&self) -> Option<(CmpOp, usize)> {
        let t = self.cur();
        match t.kind {
            Kind::Op => match self.text(t) {
                "==" => Some((CmpOp::Eq, 1)),
                "!=" => Some((CmpOp::NotEq, 1)),
                "<" => Some((CmpOp::Lt, 1)),
                "<=" => Some((CmpOp::LtE, 1)),
                ">" => Some((CmpOp::Gt, 1)),
                ">=" => Some((CmpOp::GtE, 1)),
                _ => None,
            },
            Kind::Name => match self.text(t) {
                "in" => Some((CmpOp::In, 1)),
                "not" if self.peek_is_kw(1, "in") => Some((CmpOp::NotIn, 2)),
                "is" if self.peek_is_kw(1, "not") => Some((CmpOp::IsNot, 2)),
                "is" => Some((CmpOp::Is, 1)),
                _ => None,
            },
            _ => None,
        }
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let s = self.start();
        let left = self.bitwise_or()?;
        let Some(_) = self.comp_op() else { return Ok(left) };
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some((op, n)) = self.comp_op() {
            for _ in 0..n {
                self.bump();
            }
            ops.push(op);
            comparators.push(self.bitwise_or()?);
        }
        Ok(mk(ExprKind::Compare { left: Box::new(left), ops, comparators }, self.loc_from(s)))
    }

    /// The binary operator at the current token and its precedence level, from 0 (`|`,
    /// loosest) to 5 (`*`, `/`, `//`, `%`, `@`), as in the grammar's `bitwise_or` ... `term`.
    fn bin_op(&self) -> Option<(Operator, u8)> {
        let t = self.cur();
        if t.kind != Kind::Op {
            return None;
        }
        Some(match self.text(t).as_bytes() {
            b"|" => (Operator::BitOr, 0),
            b"^" => (Operator::BitXor, 1),
            b"&" => (Operator::BitAnd, 2),
            b"<<" => (Operator::LShift, 3),
            b">>" => (Operator::RShift, 3),
            b"+" => (Operator::Add, 4),
            b"-" => (Operator::Sub, 4),
            b"*" => (Operator::Mult, 5),
            b"/" => (Operator::Div, 5),
            b"//" => (Operator::FloorDiv, 5),
            b"%" => (Operator::Mod, 5),
            b"@" => (Operator::MatMult, 5),
            _ => return None,
        })
    }

    pub(crate) fn bitwise_or(&mut self) -> PResult<Expr> {
        let s = self.start();
        let left = self.factor()?;
        self.binary_rest(0, s, left)
    }

    /// Precedence climbing over the left-associative binary operators: extends `left` (an
    /// operand that started at `s`) with every following operator of level `level` or
    /// tighter. Builds the same tree, with the same positions, as one grammar rule per level
    /// (`bitwise_or: bitwise_or '|' bitwise_xor | bitwise_xor`, ...), without descending
    /// through six rules for every operand.
    fn binary_rest(&mut self, level: u8, s: (u32, u32), mut left: Expr) -> PResult<Expr> {
        while let Some((op, l)) = self.bin_op() {
            if l < level {
                break;
            }
            self.bump();
            let rs = self.start();
            let mut right = self.factor()?;
            while let Some((_, l2)) = self.bin_op() {
                if l2 <= l {
                    break;
                }
                right = self.binary_rest(l + 1, rs, right)?;
            }
            left = mk(ExprKind::BinOp { left: Box::new(left), op, right: Box::new(right) }, self.loc_from(s));
        }
        Ok(left)
    }

    fn factor(&mut self) -> PResult<Expr> {
        let t = self.cur();
        if t.kind == Kind::Op {
            let op = match self.text(t) {
                "+" => Some(UnaryOp::UAdd),
                "-" => Some(UnaryOp::USub),
                "~" => Some(UnaryOp::Invert),
                _ => None,
            };
            if let Some(op) = op {
                self.enter()?;
                let s = self.start();
                self.bump();
                let operand = self.factor()?;
                self.leave();
                return Ok(mk(ExprKind::UnaryOp { op, operand: Box::new(operand) }, self.loc_from(s)));
            }
        }
        self.power()
    }

    fn power(&mut self) -> PResult<Expr> {
        let s = self.start();
        let left = self.await_primary()?;
        if self.eat_op("**") {
            let right = self.factor()?;
            return Ok(mk(
                ExprKind::BinOp { left: Box::new(left), op: Operator::Pow, right: Box::new(right) },
                self.loc_from(s),
            ));
        }
        Ok(left)
    }

    fn await_primary(&mut self) -> PResult<Expr> {
        if self.at_kw("await") {
            let s = self.start();
            self.bump();
            let v = self.primary()?;
            return Ok(mk(ExprKind::Await { value: Box::new(v) }, self.loc_from(s)));
        }
        self.primary()
    }

    pub(crate) fn primary(&mut self) -> PResult<Expr> {
        self.enter()?;
        let s = self.start();
        let mut e = self.atom()?;
        loop {
            if self.at_op(".") {
                self.bump();
                let attr = self.expect_name()?;
                e = mk(ExprKind::Attribute { value: Box::new(e), attr, ctx: ExprContext::Load }, self.loc_from(s));
            } else if self.at_op("(") {
                let (args, keywords) = self.call_args(true)?;
                e = mk(ExprKind::Call { func: Box::new(e), args, keywords }, self.loc_from(s));
            } else if self.at_op("[") {
                self.bump();
                let slice = self.slices()?;
                self.expect_op("]")?;
                e = mk(
                    ExprKind::Subscript { value: Box::new(e), slice: Box::new(slice), ctx: ExprContext::Load },
                    self.loc_from(s),
                );
            } else {
                break;
            }
        }
        self.leave();
        Ok(e)
    }

    fn slices(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.slice_item()?;
        if !self.at_op(",") {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Ok(mk(ExprKind::Tuple { elts: vec![first], ctx: ExprContext::Load }, self.loc_from(s)));
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if self.at_op("]") {
                break;
            }
            elts.push(self.slice_item()?);
        }
        Ok(mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.loc_from(s)))
    }

    fn slice_item(&mut self) -> PResult<Expr> {
        let s = self.start();
        if self.at_op("*") {
            return self.star_expression();
        }
        let lower = if self.at_op(":") { None } else { Some(self.named_expression()?) };
        if !self.at_op(":") {
            return lower.ok_or_else(|| self.invalid());
        }
        if let Some(l) = &lower {
            if matches!(l.kind, ExprKind::NamedExpr { .. }) {
                return Err(self.invalid());
            }
        }
        self.bump();
        let upper = if self.at_op(":") || self.at_op(",") || self.at_op("]") {
            None
        } else {
            Some(Box::new(self.expression()?))
        };
        let mut step = None;
        if self.eat_op(":") {
            if !(self.at_op(",") || self.at_op("]")) {
                step = Some(Box::new(self.expression()?));
            }
        }
        Ok(mk(ExprKind::Slice { lower: lower.map(Box::new), upper, step }, self.loc_from(s)))
    }

    fn atom(&mut self) -> PResult<Expr> {
        let t = self.cur();
        match t.kind {
            Kind::Name => {
                let txt = self.text(t);
                let v = match txt {
                    "None" => Some(ConstValue::None),
                    "True" => Some(ConstValue::Bool(true)),
                    "False" => Some(ConstValue::Bool(false)),
                    _ => None,
                };
                if let Some(v) = v {
                    self.bump();
                    return Ok(mk(ExprKind::Constant { value: v, kind: None }, Self::tok_loc(t)));
                }
                if super::is_keyword(txt) {
                    return Err(self.invalid());
                }
                self.bump();
                Ok(mk(ExprKind::Name { id: self.ident(t), ctx: ExprContext::Load }, Self::tok_loc(t)))
            }
            Kind::Number => {
                self.bump();
                let v = parse_number(self.text(t)).ok_or_else(|| self.err_tok(t, "invalid number literal"))?;
                Ok(mk(ExprKind::Constant { value: v, kind: None }, Self::tok_loc(t)))
            }
            Kind::String => self.strings(),
            Kind::Op => match self.text(t) {
                "(" => self.paren_atom(),
                "[" => self.list_atom(),
                "{" => self.brace_atom(),
                "..." => {
                    self.bump();
                    Ok(mk(ExprKind::Constant { value: ConstValue::Ellipsis, kind: None }, Self::tok_loc(t)))
                }
                _ => Err(self.invalid()),
            },
            _ => Err(self.invalid()),
        }
    }

    fn paren_atom(&mut self) -> PResult<Expr> {
        let s = self.start();
        self.bump();
        if self.at_op(")") {
            self.bump();
            return Ok(mk(ExprKind::Tuple { elts: vec![], ctx: ExprContext::Load }, self.loc_from(s)));
        }
        if self.at_kw("yield") {
            let y = self.yield_expr()?;
            self.expect_op(")")?;
            return Ok(y);
        }
        let first = self.star_named_expression()?;
        if self.at_kw("for") || (self.at_kw("async") && self.peek_is_kw(1, "for")) {
            self.no_starred_elt(&first)?;
            let generators = self.comprehension_clauses()?;
            self.expect_op(")")?;
            return Ok(mk(ExprKind::GeneratorExp { elt: Box::new(first), generators }, self.loc_from(s)));
        }
        if self.at_op(")") {
            self.bump();
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.err_loc(first.loc, "cannot use starred expression here"));
            }
            return Ok(first);
        }
        if !self.at_op(",") {
            return Err(self.comma_error(&first));
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if self.at_op(")") {
                break;
            }
            let e = self.star_named_expression()?;
            elts.push(e);
            if !self.at_op(",") && !self.at_op(")") {
                return Err(self.comma_error(&elts[elts.len() - 1]));
            }
        }
        self.expect_op(")")?;
        Ok(mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.loc_from(s)))
    }

    /// The error for a missing comma between two expressions, CPython's
    /// `invalid syntax. Perhaps you forgot a comma?` when applicable.
    pub(crate) fn comma_error(&self, prev: &Expr) -> crate::error::SyntaxError {
        if let Some(e) = self.unclosed_override() {
            return e;
        }
        // `NAME STRING` (e.g. `print "x"`) is excluded, as in CPython's invalid_expression.
        let prev_tok = self.toks[self.pos.saturating_sub(1)];
        let name_string = prev_tok.kind == Kind::Name && self.kind() == Kind::String;
        // ... and so is an expression starting with a soft keyword (`match x`).
        let soft_start = self.toks[..self.pos]
            .iter()
            .rev()
            .find(|t| t.line == prev.loc.lineno && t.col == prev.loc.col_offset)
            .map_or(false, |t| t.kind == Kind::Name && matches!(self.text(*t), "match" | "case" | "_"));
        let name_string = name_string || soft_start;
        let can_start = self.kind() != Kind::Op || self.at_op("{") || self.at_op("...") || self.at_op("~");
        if self.starts_expr() && can_start && !name_string {
            // CPython's invalid_expression: two expressions side by side inside brackets
            let nxt = self.cur();
            let nt = self.text(nxt);
            if !matches!(nt, "not" | "lambda" | "await") || nxt.kind != Kind::Name {
                let end = match self.expr_end_after() {
                    Ok(x) => x,
                    Err(e) => return e,
                };
                if let Some(end) = end {
                    return self.err_loc(
                        Loc {
                            lineno: prev.loc.lineno,
                            col_offset: prev.loc.col_offset,
                            end_lineno: end.0,
                            end_col_offset: end.1,
                        },
                        "invalid syntax. Perhaps you forgot a comma?",
                    );
                }
            }
        }
        self.invalid()
    }

    /// End position of the expression starting at the current token (parsed speculatively).
    fn expr_end_after(&self) -> Result<Option<(u32, u32)>, crate::error::SyntaxError> {
        if self.speculative {
            return Ok(None);
        }
        let mut p = Parser::new_sub(self.src, self.toks, self.lex_err.clone());
        p.line_starts = self.line_starts;
        p.pos = self.pos;
        p.fstring_mode = self.fstring_mode;
        p.fstring_shift = self.fstring_shift;
        p.speculative = true;
        let r = p.disjunction();
        // CPython's parser raises a tokenizer error as soon as it fetches the bad token.
        if p.kind() == Kind::Error {
            if let Some(e) = &self.lex_err {
                return Err(e.clone());
            }
        }
        if r.is_err() {
            return Ok(None);
        }
        Ok(Some(p.prev_end()))
    }

    /// Whether parsing an expression from the current token runs into the tokenizer error
    /// (CPython's error-pass rules look that far ahead); returns that error.
    pub(crate) fn lookahead_lex_error(&self) -> Option<crate::error::SyntaxError> {
        if self.speculative {
            return None;
        }
        self.lex_err.as_ref()?;
        if !self.starts_expr() {
            return None;
        }
        self.expr_end_after().err()
    }

    fn list_atom(&mut self) -> PResult<Expr> {
        let s = self.start();
        self.bump();
        let mut elts = Vec::new();
        if self.eat_op("]") {
            return Ok(mk(ExprKind::List { elts, ctx: ExprContext::Load }, self.loc_from(s)));
        }
        let first = self.star_named_expression()?;
        if self.at_kw("for") || (self.at_kw("async") && self.peek_is_kw(1, "for")) {
            self.no_starred_elt(&first)?;
            let generators = self.comprehension_clauses()?;
            self.expect_op("]")?;
            return Ok(mk(ExprKind::ListComp { elt: Box::new(first), generators }, self.loc_from(s)));
        }
        elts.push(first);
        loop {
            if self.eat_op("]") {
                break;
            }
            if !self.eat_op(",") {
                if self.at_kw("for") || (self.at_kw("async") && self.peek_is_kw(1, "for")) {
                    return Err(self.comp_target_error(&elts));
                }
                return Err(self.comma_error(&elts[elts.len() - 1]));
            }
            if self.at_kw("for") || (self.at_kw("async") && self.peek_is_kw(1, "for")) {
                return Err(self.comp_target_error(&elts));
            }
            if self.eat_op("]") {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        Ok(mk(ExprKind::List { elts, ctx: ExprContext::Load }, self.loc_from(s)))
    }

    fn brace_atom(&mut self) -> PResult<Expr> {
        let s = self.start();
        self.bump();
        if self.eat_op("}") {
            return Ok(mk(ExprKind::Dict { keys: vec![], values: vec![] }, self.loc_from(s)));
        }
        // first element decides dict vs set
        if self.at_op("**") {
            let dstar = self.bump();
            let v = self.bitwise_or()?;
            if self.at_kw("for") || (self.at_kw("async") && self.peek_is_kw(1, "for")) {
                return Err(self.err_tok(dstar, "dict unpacking cannot be used in dict comprehension"));
            }
            return self.dict_rest(s, vec![None], vec![v]);
        }
        let first = self.star_named_expression()?;
        if self.at_op(":") && !matches!(first.kind, ExprKind::Starred { .. }) {
            self.bump();
            if self.at_op("}") || self.at_op(",") {
                return Err(self.err_tok(self.toks[self.pos - 1], "expression expected after dictionary key and ':'"));
            }
            if self.at_op("*") {
                return Err(self.err_tok(self.cur(), "cannot use a starred expression in a dictionary value"));
            }
            let v = self.expression()?;
            if self.at_kw("for") || (self.at_kw("async") && self.peek_is_kw(1, "for")) {
                let generators = self.comprehension_clauses()?;
                self.expect_op("}")?;
                return Ok(mk(
                    ExprKind::DictComp { key: Box::new(first), value: Box::new(v), generators },
                    self.loc_from(s),
                ));
            }
            return self.dict_rest(s, vec![Some(first)], vec![v]);
        }
        if self.at_kw("for") || (self.at_kw("async") && self.peek_is_kw(1, "for")) {
            self.no_starred_elt(&first)?;
            let generators = self.comprehension_clauses()?;
            self.expect_op("}")?;
            return Ok(mk(ExprKind::SetComp { elt: Box::new(first), generators }, self.loc_from(s)));
        }
        let mut elts = vec![first];
        loop {
            if self.eat_op("}") {
                break;
            }
            if !self.eat_op(",") {
                if self.at_kw("for") || (self.at_kw("async") && self.peek_is_kw(1, "for")) {
                    return Err(self.comp_target_error(&elts));
                }
                return Err(self.comma_error(&elts[elts.len() - 1]));
            }
            if self.at_kw("for") || (self.at_kw("async") && self.peek_is_kw(1, "for")) {
                return Err(self.comp_target_error(&elts));
            }
            if self.eat_op("}") {
                break;
            }
            elts.push(self.star_named_expression()?);
        }
        Ok(mk(ExprKind::Set { elts }, self.loc_from(s)))
    }

    fn dict_rest(&mut self, s: (u32, u32), mut keys: Vec<Option<Expr>>, mut values: Vec<Expr>) -> PResult<Expr> {
        let mut need_comma = !keys.is_empty();
        loop {
            if self.eat_op("}") {
                break;
            }
            if need_comma {
                if !self.eat_op(",") {
                    if let Some(v) = values.last() {
                        let v = v.clone();
                        return Err(self.comma_error(&v));
                    }
                    return Err(self.invalid());
                }
                if self.eat_op("}") {
                    break;
                }
            }
            need_comma = true;
            if self.eat_op("**") {
                keys.push(None);
                values.push(self.bitwise_or()?);
            } else {
                let k = self.expression()?;
                if !self.at_op(":") {
                    if self.at_op("}") || self.at_op(",") {
                        return Err(self.err_loc(k.loc, "':' expected after dictionary key"));
                    }
                    return Err(self.invalid());
                }
                self.bump();
                if self.at_op("}") || self.at_op(",") {
                    return Err(
                        self.err_tok(self.toks[self.pos - 1], "expression expected after dictionary key and ':'")
                    );
                }
                if self.at_op("*") {
                    return Err(self.err_tok(self.cur(), "cannot use a starred expression in a dictionary value"));
                }
                keys.push(Some(k));
                values.push(self.expression()?);
            }
        }
        Ok(mk(ExprKind::Dict { keys, values }, self.loc_from(s)))
    }

    /// `for_if_clauses`.
    pub(crate) fn comprehension_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut gens = Vec::new();
        loop {
            let is_async = if self.at_kw("async") && self.peek_is_kw(1, "for") {
                self.bump();
                true
            } else {
                false
            };
            if !self.eat_kw("for") {
                break;
            }
            let mut target = self.target_list()?;
            self.set_ctx(&mut target, ExprContext::Store)?;
            if !self.eat_kw("in") {
                return Err(self.invalid());
            }
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.disjunction()?);
            }
            gens.push(Comprehension { target, iter, ifs, is_async });
        }
        Ok(gens)
    }

    fn comp_target_error(&self, elts: &[Expr]) -> crate::error::SyntaxError {
        let a = elts[0].loc;
        let b = elts[elts.len() - 1].loc;
        let loc = Loc {
            lineno: a.lineno,
            col_offset: a.col_offset,
            end_lineno: b.end_lineno,
            end_col_offset: b.end_col_offset,
        };
        self.err_loc(loc, "did you forget parentheses around the comprehension target?")
    }

    pub(crate) fn no_starred_elt(&self, e: &Expr) -> PResult<()> {
        if matches!(e.kind, ExprKind::Starred { .. }) {
            return Err(self.err_loc(e.loc, "iterable unpacking cannot be used in comprehension"));
        }
        Ok(())
    }

    /// `star_targets` as an expression (Load context; convert with [`Parser::set_ctx`]).
    pub(crate) fn target_list(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.target_item()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !self.starts_expr() {
                break;
            }
            elts.push(self.target_item()?);
        }
        Ok(mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.loc_from(s)))
    }

    pub(crate) fn target_item(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            let s = self.start();
            self.bump();
            let v = self.target_item()?;
            return Ok(mk(ExprKind::Starred { value: Box::new(v), ctx: ExprContext::Load }, self.loc_from(s)));
        }
        self.bitwise_or()
    }

    /// `yield_expr`: `yield`, `yield <star_expressions>`, `yield from <expression>`.
    pub(crate) fn yield_expr(&mut self) -> PResult<Expr> {
        let s = self.start();
        self.bump();
        if self.eat_kw("from") {
            let v = self.expression()?;
            return Ok(mk(ExprKind::YieldFrom { value: Box::new(v) }, self.loc_from(s)));
        }
        let value = if self.starts_expr() { Some(Box::new(self.star_expressions()?)) } else { None };
        Ok(mk(ExprKind::Yield { value }, self.loc_from(s)))
    }

    /// Sets the context of an assignment (`Store`) or `del` (`Del`) target, with CPython's
    /// errors for expressions that cannot be targets.
    pub(crate) fn set_ctx(&self, e: &mut Expr, ctx: ExprContext) -> PResult<()> {
        match &mut e.kind {
            ExprKind::Name { ctx: c, .. } | ExprKind::Attribute { ctx: c, .. } | ExprKind::Subscript { ctx: c, .. } => {
                *c = ctx;
                Ok(())
            }
            ExprKind::Starred { value, ctx: c } => {
                if ctx == ExprContext::Del {
                    return Err(self.err_loc(e.loc, "cannot delete starred"));
                }
                *c = ctx;
                self.set_ctx(value, ctx)
            }
            ExprKind::Tuple { elts, ctx: c } | ExprKind::List { elts, ctx: c } => {
                *c = ctx;
                for x in elts.iter_mut() {
                    self.set_ctx(x, ctx)?;
                }
                Ok(())
            }
            _ => {
                let what = if ctx == ExprContext::Del { "delete" } else { "assign to" };
                Err(self.err_loc(e.loc, format!("cannot {} {}", what, expr_name(e))))
            }
        }
    }

    /// The first sub-expression that cannot be a target (for error reporting).
    pub(crate) fn invalid_target<'e>(e: &'e Expr) -> Option<&'e Expr> {
        match &e.kind {
            ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
            ExprKind::Starred { value, .. } => Self::invalid_target(value),
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => elts.iter().find_map(Self::invalid_target),
            _ => Some(e),
        }
    }
}

/// Parses a NUMBER token's text into a constant (ints of any size, floats, imaginary).
pub fn parse_number(text: &str) -> Option<ConstValue> {
    let t: String = text.chars().filter(|&c| c != '_').collect();
    let lower = t.to_ascii_lowercase();
    if lower.len() > 2 && lower.starts_with('0') && matches!(lower.as_bytes()[1], b'x' | b'o' | b'b') {
        let radix = match lower.as_bytes()[1] {
            b'x' => 16,
            b'o' => 8,
            _ => 2,
        };
        return BigInt::parse_bytes(&lower.as_bytes()[2..], radix).map(ConstValue::Int);
    }
    if let Some(body) = lower.strip_suffix('j') {
        return parse_float(body).map(ConstValue::Complex);
    }
    if lower.contains(['.', 'e']) {
        return parse_float(&lower).map(ConstValue::Float);
    }
    BigInt::parse_bytes(lower.as_bytes(), 10).map(ConstValue::Int)
}

fn parse_float(s: &str) -> Option<f64> {
    let mut t = s.to_string();
    if t.starts_with('.') {
        t.insert(0, '0');
    }
    if let Some(i) = t.find('.') {
        let next = t.as_bytes().get(i + 1).copied();
        if !matches!(next, Some(b'0'..=b'9')) {
            t.insert(i + 1, '0');
        }
    }
    t.parse::<f64>().ok()
}
