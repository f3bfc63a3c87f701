//! Function parameters (`def` and `lambda`) and call arguments.

use super::expr::mk;
use super::{PResult, Parser};
use crate::ast::*;

impl<'a> Parser<'a> {
    /// Parses a parameter list up to (not including) `)` for `def` (`annotations` true) or `:`
    /// for `lambda`.
    pub(crate) fn parameters(&mut self, annotations: bool) -> PResult<Arguments> {
        let close = if annotations { ")" } else { ":" };
        let mut a = Arguments::default();
        let mut seen_star = false;
        let mut seen_slash = false;
        let mut seen_default = false;
        let mut seen_kwarg = false;
        while !self.at_op(close) {
            if seen_kwarg {
                return Err(self.err_tok(self.cur(), "arguments cannot follow var-keyword argument"));
            }
            if self.at_op("(") {
                let msg = if annotations {
                    "Function parameters cannot be parenthesized"
                } else {
                    "Lambda expression parameters cannot be parenthesized"
                };
                return Err(self.err_tok(self.cur(), msg));
            }
            if self.at_op("/") {
                let t = self.bump();
                if self.at_op("*") {
                    return Err(self.err_tok(self.cur(), "expected comma between / and *"));
                }
                if seen_slash {
                    return Err(self.err_tok(t, "/ may appear only once"));
                }
                if seen_star {
                    return Err(self.err_tok(t, "/ must be ahead of *"));
                }
                if a.args.is_empty() {
                    return Err(self.err_tok(t, "at least one argument must precede /"));
                }
                seen_slash = true;
                a.posonlyargs = std::mem::take(&mut a.args);
            } else if self.at_op("*") {
                let t = self.bump();
                if seen_star {
                    return Err(self.err_tok(t, "* argument may appear only once"));
                }
                seen_star = true;
                if self.at_op(",") || self.at_op(close) {
                    // bare star: keyword-only marker
                    if self.at_op(close) || self.peek_is_op(1, close) || self.peek_is_op(1, "**") {
                        return Err(self.err_tok(t, "named arguments must follow bare *"));
                    }
                } else {
                    let arg = self.param(annotations, true)?;
                    if self.at_op("=") {
                        return Err(self.err_tok(self.cur(), "var-positional argument cannot have default value"));
                    }
                    a.vararg = Some(arg);
                }
            } else if self.at_op("**") {
                self.bump();
                let arg = self.param(annotations, false)?;
                if self.at_op("=") {
                    return Err(self.err_tok(self.cur(), "var-keyword argument cannot have default value"));
                }
                a.kwarg = Some(arg);
                seen_kwarg = true;
            } else {
                let arg = self.param(annotations, false)?;
                let default = if self.at_op("=") {
                    let eq = self.bump();
                    if self.at_op(",") || self.at_op(close) {
                        return Err(self.err_tok(eq, "expected default value expression"));
                    }
                    Some(self.expression()?)
                } else {
                    None
                };
                if seen_star {
                    a.kwonlyargs.push(arg);
                    a.kw_defaults.push(default);
                } else {
                    match default {
                        Some(d) => {
                            seen_default = true;
                            a.defaults.push(d);
                        }
                        None if seen_default => {
                            return Err(self.err_loc(arg.loc, "non-default argument follows default argument"));
                        }
                        None => {}
                    }
                    a.args.push(arg);
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        if !self.at_op(close) {
            return Err(self.invalid());
        }
        Ok(a)
    }

    fn param(&mut self, annotations: bool, star: bool) -> PResult<Arg> {
        let s = self.start();
        let t = self.cur();
        if !self.at_name() {
            return Err(self.invalid());
        }
        self.bump();
        let name = self.ident(t);
        let mut annotation = None;
        if annotations && self.eat_op(":") {
            let ann = if star && self.at_op("*") { self.star_expression()? } else { self.expression()? };
            annotation = Some(Box::new(ann));
        }
        Ok(Arg { arg: name, annotation, type_comment: None, loc: self.loc_from(s) })
    }

    /// Parses `( arguments )` of a call, starting at `(`.
    pub(crate) fn call_args(&mut self, allow_genexp: bool) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let open = self.start();
        self.bump();
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_dstar = false;
        let mut count = 0usize;
        while !self.at_op(")") {
            count += 1;
            let s = self.start();
            if self.at_op("*") {
                let star = self.bump();
                if seen_dstar {
                    return Err(self.err_tok(star, "iterable argument unpacking follows keyword argument unpacking"));
                }
                let v = self.expression()?;
                if seen_dstar {
                    return Err(self
                        .err_loc(self.loc_from(s), "iterable argument unpacking follows keyword argument unpacking"));
                }
                args.push(mk(ExprKind::Starred { value: Box::new(v), ctx: ExprContext::Load }, self.loc_from(s)));
            } else if self.at_op("**") {
                self.bump();
                let v = self.expression()?;
                seen_dstar = true;
                keywords.push(Keyword { arg: None, value: v, loc: self.loc_from(s) });
            } else if self.at_name() && self.peek_is_op(1, "=") {
                let t = self.bump();
                self.bump();
                let v = self.expression()?;
                keywords.push(Keyword { arg: Some(self.ident(t)), value: v, loc: self.loc_from(s) });
            } else {
                let e = if self.at_name() && self.peek_is_op(1, ":=") {
                    self.named_expression()?
                } else {
                    self.expression()?
                };
                if allow_genexp && (self.at_kw("for") || (self.at_kw("async") && self.peek_is_kw(1, "for"))) {
                    self.no_starred_elt(&e)?;
                    let generators = self.comprehension_clauses()?;
                    if count == 1 && self.at_op(")") && args.is_empty() && keywords.is_empty() {
                        self.bump();
                        let loc = self.loc_from(open);
                        let g = mk(ExprKind::GeneratorExp { elt: Box::new(e), generators }, loc);
                        return Ok((vec![g], keywords));
                    }
                    let g = mk(ExprKind::GeneratorExp { elt: Box::new(e), generators }, self.loc_from(s));
                    return Err(self.err_loc(g.loc, "Generator expression must be parenthesized"));
                }
                if self.at_op("=") {
                    let msg = match &e.kind {
                        ExprKind::Constant { value: ConstValue::Bool(true), .. } => "cannot assign to True".to_string(),
                        ExprKind::Constant { value: ConstValue::Bool(false), .. } => {
                            "cannot assign to False".to_string()
                        }
                        ExprKind::Constant { value: ConstValue::None, .. } => "cannot assign to None".to_string(),
                        _ => "expression cannot contain assignment, perhaps you meant \"==\"?".to_string(),
                    };
                    let end = self.cur();
                    let loc = Loc { end_lineno: end.end_line, end_col_offset: end.end_col, ..e.loc };
                    return Err(self.err_loc(loc, msg));
                }
                if !keywords.is_empty() {
                    let msg = if seen_dstar {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    // CPython reports this at the last token read (the closing parenthesis).
                    let mut depth = 0i32;
                    let mut i = self.pos;
                    while i < self.toks.len() - 1 {
                        let tk = self.toks[i];
                        if tk.kind == crate::token::Kind::Op {
                            match self.text(tk) {
                                "(" | "[" | "{" => depth += 1,
                                ")" | "]" | "}" => {
                                    if depth == 0 {
                                        break;
                                    }
                                    depth -= 1;
                                }
                                _ => {}
                            }
                        }
                        i += 1;
                    }
                    return Err(self.err_tok(self.toks[i], msg));
                }
                args.push(e);
            }
            if !self.eat_op(",") {
                if !self.at_op(")") {
                    if let Some(last) = args.last().cloned() {
                        return Err(self.comma_error(&last));
                    }
                    return Err(self.invalid());
                }
                break;
            }
            // a generator expression after a comma needs parentheses
        }
        self.expect_op(")")?;
        Ok((args, keywords))
    }
}
