//! `match` statement patterns (PEP 634), with CPython's node shapes and positions.

use super::expr::mk;
use super::{PResult, Parser};
use crate::ast::*;
use crate::token::Kind;

fn pat(kind: PatternKind, loc: Loc) -> Pattern {
    Pattern { kind, loc }
}

impl<'a> Parser<'a> {
    /// `patterns`: an open sequence pattern (`case a, b:`) or a single pattern.
    pub(crate) fn patterns(&mut self) -> PResult<Pattern> {
        let s = self.start();
        let first = self.maybe_star_pattern()?;
        if !self.at_op(",") {
            if matches!(first.kind, PatternKind::MatchStar { .. }) {
                return Ok(pat(PatternKind::MatchSequence { patterns: vec![first] }, self.loc_from(s)));
            }
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat_op(",") {
            if self.at_op(":") || self.at_kw("if") {
                break;
            }
            patterns.push(self.maybe_star_pattern()?);
        }
        Ok(pat(PatternKind::MatchSequence { patterns }, self.loc_from(s)))
    }

    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if self.at_op("*") {
            let s = self.start();
            self.bump();
            let t = self.cur();
            if !self.at_name() {
                return Err(self.invalid());
            }
            self.bump();
            let n = self.ident(t);
            let name = if n == "_" { None } else { Some(n) };
            return Ok(pat(PatternKind::MatchStar { name }, self.loc_from(s)));
        }
        self.pattern()
    }

    /// `pattern`: `or_pattern ['as' NAME]`.
    pub(crate) fn pattern(&mut self) -> PResult<Pattern> {
        self.enter()?;
        let s = self.start();
        let p = self.or_pattern()?;
        if self.at_kw("as") {
            self.bump();
            let t = self.cur();
            if !self.at_name() {
                return Err(self.err_tok(t, "invalid pattern target"));
            }
            let n = self.ident(t);
            if n == "_" {
                return Err(self.err_tok(t, "cannot use '_' as a target"));
            }
            self.bump();
            if self.at_op(".") || self.at_op("(") || self.at_op("[") {
                return Err(self.err_tok(t, "invalid pattern target"));
            }
            self.leave();
            return Ok(pat(PatternKind::MatchAs { pattern: Some(Box::new(p)), name: Some(n) }, self.loc_from(s)));
        }
        self.leave();
        Ok(p)
    }

    fn or_pattern(&mut self) -> PResult<Pattern> {
        let s = self.start();
        let first = self.closed_pattern()?;
        if !self.at_op("|") {
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat_op("|") {
            patterns.push(self.closed_pattern()?);
        }
        Ok(pat(PatternKind::MatchOr { patterns }, self.loc_from(s)))
    }

    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let s = self.start();
        let t = self.cur();
        match t.kind {
            Kind::Number | Kind::String => {
                let v = self.literal_expr()?;
                Ok(pat(PatternKind::MatchValue { value: Box::new(v) }, self.loc_from(s)))
            }
            Kind::Op if self.text(t) == "-" => {
                let v = self.literal_expr()?;
                Ok(pat(PatternKind::MatchValue { value: Box::new(v) }, self.loc_from(s)))
            }
            Kind::Name => {
                let txt = self.text(t);
                match txt {
                    "None" => {
                        self.bump();
                        return Ok(pat(PatternKind::MatchSingleton { value: ConstValue::None }, Self::tok_loc(t)));
                    }
                    "True" | "False" => {
                        self.bump();
                        return Ok(pat(
                            PatternKind::MatchSingleton { value: ConstValue::Bool(txt == "True") },
                            Self::tok_loc(t),
                        ));
                    }
                    _ => {}
                }
                if super::is_keyword(txt) {
                    return Err(self.invalid());
                }
                // name_or_attr
                self.bump();
                let mut e = mk(ExprKind::Name { id: self.ident(t), ctx: ExprContext::Load }, Self::tok_loc(t));
                let mut dotted = false;
                while self.at_op(".") {
                    self.bump();
                    let a = self.expect_name()?;
                    e = mk(
                        ExprKind::Attribute { value: Box::new(e), attr: a, ctx: ExprContext::Load },
                        self.loc_from(s),
                    );
                    dotted = true;
                }
                if self.at_op("(") {
                    return self.class_pattern(s, e);
                }
                if dotted {
                    return Ok(pat(PatternKind::MatchValue { value: Box::new(e) }, self.loc_from(s)));
                }
                let name = self.ident(t);
                if name == "_" {
                    return Ok(pat(PatternKind::MatchAs { pattern: None, name: None }, Self::tok_loc(t)));
                }
                Ok(pat(PatternKind::MatchAs { pattern: None, name: Some(name) }, Self::tok_loc(t)))
            }
            Kind::Op if self.text(t) == "(" => {
                self.bump();
                if self.eat_op(")") {
                    return Ok(pat(PatternKind::MatchSequence { patterns: vec![] }, self.loc_from(s)));
                }
                let first = self.maybe_star_pattern()?;
                if self.eat_op(")") {
                    if matches!(first.kind, PatternKind::MatchStar { .. }) {
                        return Ok(pat(PatternKind::MatchSequence { patterns: vec![first] }, self.loc_from(s)));
                    }
                    return Ok(first);
                }
                let mut patterns = vec![first];
                while self.eat_op(",") {
                    if self.at_op(")") {
                        break;
                    }
                    patterns.push(self.maybe_star_pattern()?);
                }
                self.expect_op(")")?;
                Ok(pat(PatternKind::MatchSequence { patterns }, self.loc_from(s)))
            }
            Kind::Op if self.text(t) == "[" => {
                self.bump();
                let mut patterns = Vec::new();
                while !self.at_op("]") {
                    patterns.push(self.maybe_star_pattern()?);
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.expect_op("]")?;
                Ok(pat(PatternKind::MatchSequence { patterns }, self.loc_from(s)))
            }
            Kind::Op if self.text(t) == "{" => self.mapping_pattern(),
            _ => Err(self.invalid()),
        }
    }

    /// `literal_expr` of patterns: signed numbers, complex numbers, strings, None/True/False,
    /// or a dotted name (`attr`).
    fn literal_expr(&mut self) -> PResult<Expr> {
        let s = self.start();
        let t = self.cur();
        match t.kind {
            Kind::String => {
                let e = self.strings()?;
                if matches!(e.kind, ExprKind::JoinedStr { .. }) {
                    return Err(self.err_loc(e.loc, "patterns may only match literals and attribute lookups"));
                }
                Ok(e)
            }
            Kind::Name => {
                let txt = self.text(t);
                let v = match txt {
                    "None" => ConstValue::None,
                    "True" => ConstValue::Bool(true),
                    "False" => ConstValue::Bool(false),
                    _ => {
                        let mut e =
                            mk(ExprKind::Name { id: self.expect_name()?, ctx: ExprContext::Load }, Self::tok_loc(t));
                        if !self.at_op(".") {
                            return Err(self.invalid());
                        }
                        while self.eat_op(".") {
                            let a = self.expect_name()?;
                            e = mk(
                                ExprKind::Attribute { value: Box::new(e), attr: a, ctx: ExprContext::Load },
                                self.loc_from(s),
                            );
                        }
                        return Ok(e);
                    }
                };
                self.bump();
                Ok(mk(ExprKind::Constant { value: v, kind: None }, Self::tok_loc(t)))
            }
            _ => {
                let real = self.signed_number()?;
                if self.at_op("+") || self.at_op("-") {
                    let bt = self.bump();
                    let op = if self.text(bt) == "+" { Operator::Add } else { Operator::Sub };
                    let it = self.cur();
                    if it.kind != Kind::Number {
                        return Err(self.invalid());
                    }
                    let imag = self.signed_number()?;
                    if !matches!(imag.kind, ExprKind::Constant { value: ConstValue::Complex(_), .. }) {
                        return Err(self.err_loc(imag.loc, "imaginary number required in complex literal"));
                    }
                    if matches!(real.kind, ExprKind::Constant { value: ConstValue::Complex(_), .. })
                        || matches!(&real.kind, ExprKind::UnaryOp { operand, .. } if matches!(operand.kind, ExprKind::Constant { value: ConstValue::Complex(_), .. }))
                    {
                        return Err(self.err_loc(real.loc, "real number required in complex literal"));
                    }
                    return Ok(mk(
                        ExprKind::BinOp { left: Box::new(real), op, right: Box::new(imag) },
                        self.loc_from(s),
                    ));
                }
                Ok(real)
            }
        }
    }

    fn signed_number(&mut self) -> PResult<Expr> {
        let s = self.start();
        let neg = self.eat_op("-");
        let t = self.cur();
        if t.kind != Kind::Number {
            return Err(self.invalid());
        }
        self.bump();
        let v = super::expr::parse_number(self.text(t)).ok_or_else(|| self.err_tok(t, "invalid number literal"))?;
        let c = mk(ExprKind::Constant { value: v, kind: None }, Self::tok_loc(t));
        if neg {
            return Ok(mk(ExprKind::UnaryOp { op: UnaryOp::USub, operand: Box::new(c) }, self.loc_from(s)));
        }
        Ok(c)
    }

    fn mapping_pattern(&mut self) -> PResult<Pattern> {
        let s = self.start();
        self.bump();
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at_op("}") {
            if self.eat_op("**") {
                if self.at_kw("_") {
                    return Err(self.invalid());
                }
                rest = Some(self.expect_name()?);
                self.eat_op(",");
                break;
            }
            let k = self.literal_expr()?;
            self.expect_op(":")?;
            keys.push(k);
            patterns.push(self.pattern()?);
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op("}")?;
        Ok(pat(PatternKind::MatchMapping { keys, patterns, rest }, self.loc_from(s)))
    }

    fn class_pattern(&mut self, s: (u32, u32), cls: Expr) -> PResult<Pattern> {
        self.bump();
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        while !self.at_op(")") {
            if self.at_name() && self.peek_is_op(1, "=") {
                let n = self.expect_name()?;
                self.bump();
                kwd_attrs.push(n);
                kwd_patterns.push(self.pattern()?);
            } else {
                let p = self.pattern()?;
                if !kwd_attrs.is_empty() {
                    return Err(self.err_loc(p.loc, "positional patterns follow keyword patterns"));
                }
                patterns.push(p);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        Ok(pat(PatternKind::MatchClass { cls: Box::new(cls), patterns, kwd_attrs, kwd_patterns }, self.loc_from(s)))
    }
}
