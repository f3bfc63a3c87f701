//! Statements: simple statements, assignments, compound statements and blocks.

use super::expr::{expr_name, mk};
use super::{PResult, Parser};
use crate::ast::*;
use crate::error::ErrorKind;
use crate::token::Kind;

fn st(kind: StmtKind, loc: Loc) -> Stmt {
    Stmt { kind, loc }
}

impl<'a> Parser<'a> {
    /// One statement (a compound statement, or a line of `;`-separated simple statements),
    /// appended to `out`.
    pub(crate) fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let t = self.cur();
        match t.kind {
            Kind::Indent | Kind::Error => return Err(self.invalid()),
            Kind::Name => {
                let s = self.start();
                match self.text(t) {
                    "def" => return self.push1(out, |p| p.funcdef(s, Vec::new(), false)),
                    "class" => return self.push1(out, |p| p.classdef(s, Vec::new())),
                    "if" => return self.push1(out, |p| p.if_stmt()),
                    "while" => return self.push1(out, |p| p.while_stmt()),
                    "for" => return self.push1(out, |p| p.for_stmt(s, false)),
                    "with" => return self.push1(out, |p| p.with_stmt(s, false)),
                    "try" => return self.push1(out, |p| p.try_stmt()),
                    "async" => {
                        if self.peek_is_kw(1, "def") {
                            self.bump();
                            return self.push1(out, |p| p.funcdef(s, Vec::new(), true));
                        }
                        if self.peek_is_kw(1, "with") {
                            self.bump();
                            return self.push1(out, |p| p.with_stmt(s, true));
                        }
                        if self.peek_is_kw(1, "for") {
                            self.bump();
                            return self.push1(out, |p| p.for_stmt(s, true));
                        }
                        self.bump();
                        return Err(self.invalid());
                    }
                    "match" => {
                        let save = self.pos;
                        match self.match_stmt() {
                            Ok(Some(m)) => {
                                out.push(m);
                                return Ok(());
                            }
                            Ok(None) => {
                                self.pos = save;
                                if let Some(e) = self.match_colon_err.take() {
                                    return self.simple_stmts(out).map_err(|_| e);
                                }
                            }
                            Err(e) => return Err(e),
                        }
                    }
                    _ => {}
                }
            }
            Kind::Op if self.text(t) == "@" => return self.push1(out, |p| p.decorated()),
            _ => {}
        }
        self.simple_stmts(out)
    }

    fn push1(&mut self, out: &mut Vec<Stmt>, f: impl FnOnce(&mut Self) -> PResult<Stmt>) -> PResult<()> {
        let s = f(self)?;
        out.push(s);
        Ok(())
    }

    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let s = self.simple_stmt()?;
            out.push(s);
            if self.eat_op(";") {
                if self.kind() == Kind::Newline {
                    break;
                }
                continue;
            }
            break;
        }
        if self.kind() != Kind::Newline {
            return Err(self.invalid());
        }
        self.bump();
        Ok(())
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let t = self.cur();
        let s = self.start();
        if t.kind == Kind::Name {
            match self.text(t) {
                "pass" => {
                    self.bump();
                    return Ok(st(StmtKind::Pass, Self::tok_loc(t)));
                }
                "break" => {
                    self.bump();
                    return Ok(st(StmtKind::Break, Self::tok_loc(t)));
                }
                "continue" => {
                    self.bump();
                    return Ok(st(StmtKind::Continue, Self::tok_loc(t)));
                }
                "return" => {
                    self.bump();
                    let value = if self.starts_expr() { Some(Box::new(self.star_expressions()?)) } else { None };
                    return Ok(st(StmtKind::Return { value }, self.loc_from(s)));
                }
                "raise" => {
                    self.bump();
                    let mut exc = None;
                    let mut cause = None;
                    if self.starts_expr() {
                        exc = Some(Box::new(self.expression()?));
                        if self.eat_kw("from") {
                            cause = Some(Box::new(self.expression()?));
                        }
                    }
                    return Ok(st(StmtKind::Raise { exc, cause }, self.loc_from(s)));
                }
                "global" | "nonlocal" => {
                    self.bump();
                    let mut names = vec![self.expect_name()?];
                    while self.eat_op(",") {
                        names.push(self.expect_name()?);
                    }
                    let kind = if self.text(t) == "global" {
                        StmtKind::Global { names }
                    } else {
                        StmtKind::Nonlocal { names }
                    };
                    return Ok(st(kind, self.loc_from(s)));
                }
                "del" => {
                    self.bump();
                    let mut targets = Vec::new();
                    loop {
                        let mut e = self.star_expression()?;
                        self.set_ctx(&mut e, ExprContext::Del)?;
                        targets.push(e);
                        if !self.eat_op(",") {
                            break;
                        }
                        if !self.starts_expr() {
                            break;
                        }
                    }
                    if !(self.kind() == Kind::Newline || self.at_op(";")) {
                        return Err(self.invalid());
                    }
                    return Ok(st(StmtKind::Delete { targets }, self.loc_from(s)));
                }
                "assert" => {
                    self.bump();
                    let test = Box::new(self.expression()?);
                    let msg = if self.eat_op(",") { Some(Box::new(self.expression()?)) } else { None };
                    return Ok(st(StmtKind::Assert { test, msg }, self.loc_from(s)));
                }
                "import" => return self.import_name(),
                "from" => return self.import_from(),
                _ => {}
            }
        }
        self.expr_or_assign()
    }

    fn rhs(&mut self) -> PResult<Expr> {
        if self.at_kw("yield") {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    fn expr_or_assign(&mut self) -> PResult<Stmt> {
        let s = self.start();
        let first_tok = self.cur();
        let e = self.rhs()?;
        if self.at_op(":") {
            self.bump();
            let parenthesized = first_tok.kind == Kind::Op && self.text(first_tok) == "(";
            let mut target = e;
            match &target.kind {
                ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
                ExprKind::Tuple { .. } => {
                    return Err(self.err_loc(target.loc, "only single target (not tuple) can be annotated"))
                }
                ExprKind::List { .. } => {
                    return Err(self.err_loc(target.loc, "only single target (not list) can be annotated"))
                }
                _ => return Err(self.err_loc(target.loc, "illegal target for annotation")),
            }
            let simple = matches!(target.kind, ExprKind::Name { .. }) && !parenthesized;
            self.set_ctx(&mut target, ExprContext::Store)?;
            let annotation = Box::new(self.expression()?);
            let value = if self.eat_op("=") { Some(Box::new(self.rhs()?)) } else { None };
            return Ok(st(
                StmtKind::AnnAssign { target: Box::new(target), annotation, value, simple },
                self.loc_from(s),
            ));
        }
        if self.at_op("=") {
            let mut exprs = vec![e];
            let mut paren = vec![first_tok.kind == Kind::Op && self.text(first_tok) == "("];
            while self.eat_op("=") {
                let ft = self.cur();
                paren.push(ft.kind == Kind::Op && self.text(ft) == "(");
                exprs.push(self.rhs()?);
            }
            let value = exprs
                .pop()
                .unwrap_or_else(|| mk(ExprKind::Tuple { elts: vec![], ctx: ExprContext::Load }, Loc::default()));
            let n = exprs.len();
            for (i, t) in exprs.iter_mut().enumerate() {
                if matches!(t.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }) && !paren[i] {
                    return Err(self.err_loc(t.loc, "assignment to yield expression not possible"));
                }
                if let Some(bad) = Self::invalid_target(t) {
                    let excluded =
                        matches!(
                            t.kind,
                            ExprKind::List { .. } | ExprKind::Tuple { .. } | ExprKind::GeneratorExp { .. }
                        ) || matches!(t.kind, ExprKind::Constant { value: ConstValue::None | ConstValue::Bool(_), .. })
                            || !(paren[i] || self.is_bitwise_level(t));
                    if i == 0 && n == 1 && !excluded && !self.at_op(":=") {
                        return Err(self.err_loc(
                            t.loc,
                            format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", expr_name(t)),
                        ));
                    }
                    let bad_loc = bad.loc;
                    return Err(self.err_loc(bad_loc, format!("cannot assign to {}", expr_name(bad))));
                }
                self.set_ctx(t, ExprContext::Store)?;
            }
            return Ok(st(
                StmtKind::Assign { targets: exprs, value: Box::new(value), type_comment: None },
                self.loc_from(s),
            ));
        }
        if let Some(op) = self.augassign_op() {
            let mut target = e;
            match target.kind {
                ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
                _ => {
                    return Err(self.err_loc(
                        target.loc,
                        format!("'{}' is an illegal expression for augmented assignment", expr_name(&target)),
                    ))
                }
            }
            self.bump();
            self.set_ctx(&mut target, ExprContext::Store)?;
            let value = self.rhs()?;
            return Ok(st(
                StmtKind::AugAssign { target: Box::new(target), op, value: Box::new(value) },
                self.loc_from(s),
            ));
        }
        if let ExprKind::Name { id, .. } = &e.kind {
            if (id == "print" || id == "exec") && self.starts_expr() && self.kind() != Kind::Op {
                let id = id.clone();
                let save = self.pos;
                let r = self.star_expressions();
                if r.is_ok() {
                    let loc = self.loc_from(s);
                    return Err(
                        self.err_loc(loc, format!("Missing parentheses in call to '{id}'. Did you mean {id}(...)?"))
                    );
                }
                self.pos = save;
            }
        }
        Ok(st(StmtKind::Expr { value: Box::new(e) }, self.loc_from(s)))
    }

    fn augassign_op(&self) -> Option<Operator> {
        let t = self.cur();
        if t.kind != Kind::Op {
            return None;
        }
        Some(match self.text(t) {
            "+=" => Operator::Add,
            "-=" => Operator::Sub,
            "*=" => Operator::Mult,
            "@=" => Operator::MatMult,
            "/=" => Operator::Div,
            "%=" => Operator::Mod,
            "&=" => Operator::BitAnd,
            "|=" => Operator::BitOr,
            "^=" => Operator::BitXor,
            "<<=" => Operator::LShift,
            ">>=" => Operator::RShift,
            "**=" => Operator::Pow,
            "//=" => Operator::FloorDiv,
            _ => return None,
        })
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = self.expect_name()?;
        while self.at_op(".") {
            self.bump();
            name.push('.');
            name.push_str(&self.expect_name()?);
        }
        Ok(name)
    }

    fn import_name(&mut self) -> PResult<Stmt> {
        let s = self.start();
        self.bump();
        let mut names = Vec::new();
        loop {
            let a = self.start();
            let name = self.dotted_name()?;
            let asname = if self.eat_kw("as") { Some(self.expect_name()?) } else { None };
            names.push(Alias { name, asname, loc: self.loc_from(a) });
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(st(StmtKind::Import { names }, self.loc_from(s)))
    }

    fn import_from(&mut self) -> PResult<Stmt> {
        let s = self.start();
        self.bump();
        let mut level = 0;
        loop {
            if self.eat_op(".") {
                level += 1;
            } else if self.eat_op("...") {
                level += 3;
            } else {
                break;
            }
        }
        let module = if level == 0 || !self.at_kw("import") { Some(self.dotted_name()?) } else { None };
        self.expect_kw("import")?;
        let mut names = Vec::new();
        if self.at_op("*") {
            let t = self.bump();
            names.push(Alias { name: "*".into(), asname: None, loc: Self::tok_loc(t) });
        } else {
            let paren = self.eat_op("(");
            loop {
                let a = self.start();
                let name = self.expect_name()?;
                let asname = if self.eat_kw("as") { Some(self.expect_name()?) } else { None };
                names.push(Alias { name, asname, loc: self.loc_from(a) });
                if !self.eat_op(",") {
                    break;
                }
                if paren && self.at_op(")") {
                    break;
                }
                if !paren && self.kind() == Kind::Newline {
                    return Err(self.err_tok(self.cur(), "trailing comma not allowed without surrounding parentheses"));
                }
            }
            if paren {
                self.expect_op(")")?;
            }
        }
        Ok(st(StmtKind::ImportFrom { module, names, level }, self.loc_from(s)))
    }

    // ---- compound statements -------------------------------------------------------------

    /// `:` required by the grammar (`&&':'`): always `expected ':'`.
    fn forced_colon(&mut self) -> PResult<()> {
        if self.eat_op(":") {
            return Ok(());
        }
        if self.kind() == Kind::Error {
            return Err(self.invalid());
        }
        Err(self.err_tok(self.cur(), "expected ':'"))
    }
    /// `:` whose absence gives `expected ':'` only before a NEWLINE.
    fn colon(&mut self) -> PResult<()> {
        if self.eat_op(":") {
            return Ok(());
        }
        if self.kind() == Kind::Newline {
            return Err(self.err_tok(self.cur(), "expected ':'"));
        }
        Err(self.invalid())
    }

    /// `block`: an indented suite or simple statements on the same line.
    fn block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if self.kind() == Kind::Newline {
            self.bump();
            if self.kind() != Kind::Indent {
                if self.kind() == Kind::Error {
                    return Err(self.invalid());
                }
                return Err(self.err_at(
                    ErrorKind::IndentationError,
                    format!("expected an indented block after {what} on line {line}"),
                    Self::tok_loc(self.cur()),
                ));
            }
            self.bump();
            while self.kind() != Kind::Dedent && self.kind() != Kind::EndMarker {
                self.statement(&mut body)?;
            }
            self.bump();
        } else {
            self.simple_stmts(&mut body)?;
        }
        Ok(body)
    }

    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            decorators.push(self.named_expression()?);
            if self.kind() != Kind::Newline {
                return Err(self.invalid());
            }
            self.bump();
        }
        let s = self.start();
        if self.at_kw("def") {
            return self.funcdef(s, decorators, false);
        }
        if self.at_kw("async") && self.peek_is_kw(1, "def") {
            self.bump();
            return self.funcdef(s, decorators, true);
        }
        if self.at_kw("class") {
            return self.classdef(s, decorators);
        }
        Err(self.invalid())
    }

    fn funcdef(&mut self, s: (u32, u32), decorator_list: Vec<Expr>, is_async: bool) -> PResult<Stmt> {
        let def = self.bump();
        let name = self.expect_name()?;
        if !self.at_op("(") {
            if self.kind() == Kind::Error {
                return Err(self.invalid());
            }
            return Err(self.err_tok(self.cur(), "expected '('"));
        }
        self.bump();
        let args = self.parameters(true)?;
        self.expect_op(")")?;
        let returns = if self.eat_op("->") { Some(Box::new(self.expression()?)) } else { None };
        self.forced_colon()?;
        let body = self.block("function definition", def.line)?;
        let kind = if is_async {
            StmtKind::AsyncFunctionDef { name, args: Box::new(args), body, decorator_list, returns, type_comment: None }
        } else {
            StmtKind::FunctionDef { name, args: Box::new(args), body, decorator_list, returns, type_comment: None }
        };
        Ok(st(kind, self.loc_from(s)))
    }

    fn classdef(&mut self, s: (u32, u32), decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let kw = self.bump();
        let name = self.expect_name()?;
        let (bases, keywords) = if self.at_op("(") { self.call_args(false)? } else { (Vec::new(), Vec::new()) };
        self.colon()?;
        let body = self.block("class definition", kw.line)?;
        Ok(st(StmtKind::ClassDef { name, bases, keywords, body, decorator_list }, self.loc_from(s)))
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let s = self.start();
        let kw = self.bump();
        let what = if self.text(kw) == "elif" { "'elif' statement" } else { "'if' statement" };
        let test = Box::new(self.named_expression()?);
        self.colon()?;
        let body = self.block(what, kw.line)?;
        let orelse = if self.at_kw("elif") {
            vec![self.if_stmt()?]
        } else if self.at_kw("else") {
            let e = self.bump();
            self.forced_colon()?;
            self.block("'else' statement", e.line)?
        } else {
            Vec::new()
        };
        Ok(st(StmtKind::If { test, body, orelse }, self.loc_from(s)))
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.at_kw("else") {
            let e = self.bump();
            self.forced_colon()?;
            self.block("'else' statement", e.line)
        } else {
            Ok(Vec::new())
        }
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let s = self.start();
        let kw = self.bump();
        let test = Box::new(self.named_expression()?);
        self.colon()?;
        let body = self.block("'while' statement", kw.line)?;
        let orelse = self.else_block()?;
        Ok(st(StmtKind::While { test, body, orelse }, self.loc_from(s)))
    }

    fn for_stmt(&mut self, s: (u32, u32), is_async: bool) -> PResult<Stmt> {
        let kw = self.bump();
        let mut target = self.target_list()?;
        if let Some(bad) = Self::invalid_target(&target) {
            return Err(self.err_loc(bad.loc, format!("cannot assign to {}", expr_name(bad))));
        }
        self.set_ctx(&mut target, ExprContext::Store)?;
        self.expect_kw("in")?;
        let iter = self.star_expressions()?;
        self.colon()?;
        let body = self.block("'for' statement", kw.line)?;
        let orelse = self.else_block()?;
        let (target, iter) = (Box::new(target), Box::new(iter));
        let kind = if is_async {
            StmtKind::AsyncFor { target, iter, body, orelse, type_comment: None }
        } else {
            StmtKind::For { target, iter, body, orelse, type_comment: None }
        };
        Ok(st(kind, self.loc_from(s)))
    }

    fn with_item(&mut self) -> PResult<WithItem> {
        let context_expr = self.expression()?;
        let optional_vars = if self.eat_kw("as") {
            let mut t = self.target_item_single()?;
            self.set_ctx(&mut t, ExprContext::Store)?;
            Some(Box::new(t))
        } else {
            None
        };
        Ok(WithItem { context_expr, optional_vars })
    }

    fn with_stmt(&mut self, s: (u32, u32), is_async: bool) -> PResult<Stmt> {
        let kw = self.bump();
        let mut items = Vec::new();
        let mut done = false;
        if self.at_op("(") {
            // Parenthesized with-items, if the parenthesis is followed by ':'.
            let save = self.pos;
            self.bump();
            let mut ok = true;
            let mut its = Vec::new();
            loop {
                if self.at_op(")") {
                    break;
                }
                match self.with_item_paren() {
                    Ok(i) => its.push(i),
                    Err(_) => {
                        ok = false;
                        break;
                    }
                }
                if !self.eat_op(",") {
                    break;
                }
            }
            if ok && !its.is_empty() && self.eat_op(")") && (self.at_op(":") || self.kind() == Kind::Newline) {
                if self.kind() == Kind::Newline {
                    return Err(self.err_tok(self.cur(), "expected ':'"));
                }
                items = its;
                done = true;
            } else {
                self.pos = save;
            }
        }
        if !done {
            loop {
                items.push(self.with_item()?);
                if !self.eat_op(",") {
                    break;
                }
            }
        }
        self.colon()?;
        let body = self.block("'with' statement", kw.line)?;
        let kind = if is_async {
            StmtKind::AsyncWith { items, body, type_comment: None }
        } else {
            StmtKind::With { items, body, type_comment: None }
        };
        Ok(st(kind, self.loc_from(s)))
    }

    fn with_item_paren(&mut self) -> PResult<WithItem> {
        let context_expr = self.expression()?;
        let optional_vars = if self.eat_kw("as") {
            let mut t = self.target_item_single()?;
            self.set_ctx(&mut t, ExprContext::Store)?;
            Some(Box::new(t))
        } else {
            None
        };
        if !(self.at_op(",") || self.at_op(")")) {
            return Err(self.invalid());
        }
        Ok(WithItem { context_expr, optional_vars })
    }

    fn target_item_single(&mut self) -> PResult<Expr> {
        let e = self.target_item()?;
        if let Some(bad) = Self::invalid_target(&e) {
            return Err(self.err_loc(bad.loc, format!("cannot assign to {}", expr_name(bad))));
        }
        Ok(e)
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let s = self.start();
        let kw = self.bump();
        self.forced_colon()?;
        let body = self.block("'try' statement", kw.line)?;
        let mut handlers = Vec::new();
        let mut star: Option<bool> = None;
        while self.at_kw("except") {
            let hs = self.start();
            let ex = self.bump();
            let is_star = self.eat_op("*");
            match star {
                None => star = Some(is_star),
                Some(prev) if prev != is_star => {
                    return Err(
                        self.err_loc(Self::tok_loc(ex), "cannot have both 'except' and 'except*' on the same 'try'")
                    );
                }
                _ => {}
            }
            let mut type_ = None;
            let mut name = None;
            if is_star && self.at_op(":") {
                return Err(self.err_tok(self.cur(), "expected one or more exception types"));
            }
            if !self.at_op(":") {
                if self.kind() == Kind::Newline {
                    return Err(self.err_tok(self.cur(), "expected ':'"));
                }
                let ts = self.start();
                let t = self.expression()?;
                if self.at_op(",") {
                    // The range covers `A, B`.
                    self.bump();
                    let _ = self.expression();
                    let loc = self.loc_from(ts);
                    return Err(self.err_loc(loc, "multiple exception types must be parenthesized"));
                }
                type_ = Some(Box::new(t));
                if self.eat_kw("as") {
                    name = Some(self.expect_name()?);
                }
            }
            self.colon()?;
            let what = if is_star { "'except*' statement" } else { "'except' statement" };
            let hbody = self.block(what, ex.line)?;
            handlers.push(ExceptHandler { type_, name, body: hbody, loc: self.loc_from(hs) });
        }
        let orelse = if !handlers.is_empty() { self.else_block()? } else { Vec::new() };
        let finalbody = if self.at_kw("finally") {
            let f = self.bump();
            self.forced_colon()?;
            self.block("'finally' statement", f.line)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(self.err_tok(self.cur(), "expected 'except' or 'finally' block"));
        }
        let kind = if star == Some(true) {
            StmtKind::TryStar { body, handlers, orelse, finalbody }
        } else {
            StmtKind::Try { body, handlers, orelse, finalbody }
        };
        Ok(st(kind, self.loc_from(s)))
    }

    /// `match` statement; `Ok(None)` when this `match` is not the soft keyword.
    fn match_stmt(&mut self) -> PResult<Option<Stmt>> {
        let s = self.start();
        let kw = self.bump();
        if !self.starts_expr() {
            return Ok(None);
        }
        let subject = {
            let ss = self.start();
            let first = match self.star_named_expression() {
                Ok(e) => e,
                Err(_) => return Ok(None),
            };
            if self.at_op(",") {
                let mut elts = vec![first];
                while self.eat_op(",") {
                    if !self.starts_expr() {
                        break;
                    }
                    match self.star_named_expression() {
                        Ok(e) => elts.push(e),
                        Err(_) => return Ok(None),
                    }
                }
                mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, self.loc_from(ss))
            } else {
                if matches!(first.kind, ExprKind::Starred { .. }) {
                    return Ok(None);
                }
                first
            }
        };
        if !self.at_op(":") {
            if self.kind() == Kind::Newline {
                // `match x` then newline: "expected ':'" unless it is an expression statement
                // such as `match(x)`.
                self.match_colon_err = Some(self.err_tok(self.cur(), "expected ':'"));
            }
            return Ok(None);
        }
        self.bump();
        if self.kind() != Kind::Newline {
            return Err(self.invalid());
        }
        self.bump();
        if self.kind() != Kind::Indent {
            if self.kind() == Kind::Error {
                return Err(self.invalid());
            }
            return Err(self.err_at(
                ErrorKind::IndentationError,
                format!("expected an indented block after 'match' statement on line {}", kw.line),
                Self::tok_loc(self.cur()),
            ));
        }
        self.bump();
        let mut cases = Vec::new();
        while self.at_kw("case") {
            let c = self.bump();
            let pattern = self.patterns()?;
            let guard = if self.eat_kw("if") { Some(Box::new(self.named_expression()?)) } else { None };
            self.colon()?;
            let body = self.block("'case' statement", c.line)?;
            cases.push(MatchCase { pattern, guard, body });
        }
        if cases.is_empty() || self.kind() != Kind::Dedent {
            return Err(self.invalid());
        }
        self.bump();
        Ok(Some(st(StmtKind::Match { subject: Box::new(subject), cases }, self.loc_from(s))))
    }
}
