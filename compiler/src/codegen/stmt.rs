//! Statement code generation (`compiler_visit_stmt` of CPython 3.11's compile.c), plus
//! function and class definitions.

use super::expr::{binop_kind, ctx_of};
use super::fold::fold;
use super::*;
use format::opcode::make_function;
use Opcode::*;

/// `find_ann`: does the body contain an annotated assignment (outside nested scopes)?
fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::For { body, orelse, .. }
        | StmtKind::AsyncFor { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::If { body, orelse, .. } => find_ann(body) || find_ann(orelse),
        StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => find_ann(body),
        StmtKind::Try { body, handlers, orelse, finalbody }
        | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
            find_ann(body) || find_ann(orelse) || find_ann(finalbody) || handlers.iter().any(|h| find_ann(&h.body))
        }
        StmtKind::Match { cases, .. } => cases.iter().any(|c| find_ann(&c.body)),
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    /// `compiler_body`: module/class body with `SETUP_ANNOTATIONS` and the `__doc__` store.
    pub(crate) fn body(&mut self, body: &'a [Stmt], _is_module: bool) -> CResult {
        if find_ann(body) {
            self.emit(SETUP_ANNOTATIONS, 0);
        }
        let mut rest = body;
        if let Some(doc) = docstring(body).filter(|_| self.optimize < 2) {
            let saved = self.set_loc(body[0].loc);
            self.load_const(Constant::Str(doc.to_string()));
            self.nameop("__doc__", Ctx::Store);
            self.restore_loc(saved);
            rest = &body[1..];
        }
        self.stmts(rest)
    }

    pub(crate) fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(crate) fn stmt(&mut self, s: &'a Stmt) -> CResult {
        self.set_loc(s.loc);
        match &s.kind {
            StmtKind::FunctionDef { name, args, body, decorator_list, returns, .. } => {
                self.function(s, name, args, body, decorator_list, returns, false)?
            }
            StmtKind::AsyncFunctionDef { name, args, body, decorator_list, returns, .. } => {
                self.function(s, name, args, body, decorator_list, returns, true)?
            }
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => {
                self.class(s, name, bases, keywords, body, decorator_list)?
            }
            StmtKind::Return { value } => self.return_stmt(s, value)?,
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.expr(t)?;
                }
            }
            StmtKind::Assign { targets, value, .. } => {
                self.expr(value)?;
                let n = targets.len();
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(COPY, 1);
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.augassign(target, *op, value)?,
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                self.annassign(s, target, annotation, value.as_deref(), *simple)?
            }
            StmtKind::For { target, iter, body, orelse, .. } => self.for_stmt(target, iter, body, orelse)?,
            StmtKind::AsyncFor { target, iter, body, orelse, .. } => self.async_for(s, target, iter, body, orelse)?,
            StmtKind::While { test, body, orelse } => self.while_stmt(test, body, orelse)?,
            StmtKind::If { test, body, orelse } => {
                let end = self.new_label();
                let next = if orelse.is_empty() { end } else { self.new_label() };
                self.jump_if(test, next, false)?;
                self.stmts(body)?;
                if !orelse.is_empty() {
                    self.jump(JUMP, end);
                    self.bind(next);
                    self.stmts(orelse)?;
                }
                self.bind(end);
            }
            StmtKind::With { items, body, .. } => self.with(s, items, 0, body)?,
            StmtKind::AsyncWith { items, body, .. } => self.async_with(s, items, 0, body)?,
            StmtKind::Match { subject, cases } => self.match_stmt(s, subject, cases)?,
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.set_loc(s.loc);
                self.emit(RAISE_VARARGS, n);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                if !finalbody.is_empty() {
                    self.try_finally(s, body, handlers, orelse, finalbody, false)?
                } else {
                    self.try_except(s, body, handlers, orelse)?
                }
            }
            StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                if !finalbody.is_empty() {
                    self.try_finally(s, body, handlers, orelse, finalbody, true)?
                } else {
                    self.try_star_except(s, body, handlers, orelse)?
                }
            }
            StmtKind::Assert { .. } if self.optimize > 0 => {}
            StmtKind::Assert { test, msg } => {
                if let ExprKind::Tuple { elts, .. } = &test.kind {
                    let _ = elts; // CPython only warns ("assertion is always true").
                }
                let end = self.new_label();
                self.jump_if(test, end, true)?;
                self.emit(LOAD_ASSERTION_ERROR, 0);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(CALL, 0);
                }
                self.set_loc(s.loc);
                self.emit(RAISE_VARARGS, 1);
                self.bind(end);
            }
            StmtKind::Import { names } => {
                for a in names {
                    self.set_loc(s.loc);
                    self.load_const(Constant::Int(0));
                    self.load_const(Constant::None);
                    self.emit_name_raw(IMPORT_NAME, &a.name);
                    match &a.asname {
                        Some(asname) => self.import_as(&a.name, asname),
                        None => {
                            let first = a.name.split('.').next().unwrap_or("");
                            self.nameop(first, Ctx::Store);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names, level } => {
                if s.loc.lineno > self.future_lineno && module.as_deref() == Some("__future__") {
                    return Err(error_at("from __future__ imports must occur at the beginning of the file", s.loc));
                }
                self.load_const(Constant::Int(*level as i64));
                let fromlist = names.iter().map(|a| Constant::Str(a.name.clone())).collect();
                self.load_const(Constant::Tuple(fromlist));
                self.emit_name_raw(IMPORT_NAME, module.as_deref().unwrap_or(""));
                if names.len() == 1 && names[0].name == "*" {
                    self.emit(IMPORT_STAR, 0);
                } else {
                    for a in names {
                        self.emit_name_raw(IMPORT_FROM, &a.name);
                        let store = a.asname.as_deref().unwrap_or(&a.name);
                        self.nameop(store, Ctx::Store);
                    }
                    self.emit(POP_TOP, 0);
                }
            }
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => {}
            StmtKind::Expr { value } => {
                if matches!(value.kind, ExprKind::Constant { .. }) {
                    self.emit(NOP, 0);
                } else {
                    self.expr(value)?;
                    self.emit(POP_TOP, 0);
                }
            }
            StmtKind::Pass => self.emit(NOP, 0),
            StmtKind::Break => self.break_stmt(s)?,
            StmtKind::Continue => self.continue_stmt(s)?,
        }
        Ok(())
    }

    /// Emits `op` with an unmangled `co_names` entry (import names are never mangled).
    fn emit_name_raw(&mut self, op: Opcode, name: &str) {
        let i = self.add_name(name);
        self.emit(op, i);
    }

    fn import_as(&mut self, name: &str, asname: &str) {
        let parts: Vec<&str> = name.split('.').collect();
        if parts.len() > 1 {
            for (i, attr) in parts[1..].iter().enumerate() {
                self.emit_name_raw(IMPORT_FROM, attr);
                if i + 2 < parts.len() {
                    self.emit(SWAP, 2);
                    self.emit(POP_TOP, 0);
                }
            }
            self.nameop(asname, Ctx::Store);
            self.emit(POP_TOP, 0);
        } else {
            self.nameop(asname, Ctx::Store);
        }
    }

    fn augassign(&mut self, target: &'a Expr, op: Operator, value: &'a Expr) -> CResult {
        let k = binop_kind(op, true);
        match &target.kind {
            ExprKind::Attribute { value: obj, attr, .. } => {
                self.expr(obj)?;
                self.emit(COPY, 1);
                self.emit_name(LOAD_ATTR, attr);
                self.expr(value)?;
                self.emit(BINARY_OP, k);
                self.emit(SWAP, 2);
                self.emit_name(STORE_ATTR, attr);
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(COPY, 2);
                self.emit(COPY, 2);
                self.emit(BINARY_SUBSCR, 0);
                self.expr(value)?;
                self.emit(BINARY_OP, k);
                self.emit(SWAP, 3);
                self.emit(SWAP, 2);
                self.emit(STORE_SUBSCR, 0);
            }
            ExprKind::Name { id, .. } => {
                self.nameop(id, Ctx::Load);
                self.expr(value)?;
                self.emit(BINARY_OP, k);
                self.nameop(id, Ctx::Store);
            }
            _ => return Err(error_at("'expression' is an illegal expression for augmented assignment", target.loc)),
        }
        Ok(())
    }

    fn annassign(
        &mut self,
        _s: &'a Stmt,
        target: &'a Expr,
        ann: &'a Expr,
        value: Option<&'a Expr>,
        simple: bool,
    ) -> CResult {
        if let Some(v) = value {
            self.expr(v)?;
            self.store_target(target)?;
        }
        let module_or_class = matches!(self.ur().kind, UnitKind::Module | UnitKind::Class);
        match &target.kind {
            ExprKind::Name { id, .. } => {
                if simple && module_or_class {
                    self.annotation(ann)?;
                    self.nameop("__annotations__", Ctx::Load);
                    let m = self.mangle(id).into_owned();
                    self.load_const(Constant::Str(m));
                    self.emit(STORE_SUBSCR, 0);
                }
            }
            ExprKind::Attribute { value: obj, .. } => {
                if value.is_none() {
                    self.expr(obj)?;
                    self.emit(POP_TOP, 0);
                }
            }
            ExprKind::Subscript { value: obj, slice, .. } => {
                if value.is_none() {
                    self.expr(obj)?;
                    self.emit(POP_TOP, 0);
                    self.expr(slice)?;
                    self.emit(POP_TOP, 0);
                }
            }
            _ => {}
        }
        if !simple && module_or_class && !self.future_annotations {
            self.expr(ann)?;
            self.emit(POP_TOP, 0);
        }
        Ok(())
    }

    fn for_stmt(&mut self, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.expr(iter)?;
        self.emit(GET_ITER, 0);
        self.push_fblock(FBlock::ForLoop { start, exit: end })?;
        self.bind(start);
        self.jump(FOR_ITER, cleanup);
        self.store_target(target)?;
        self.stmts(body)?;
        self.jump(JUMP, start);
        self.bind(cleanup);
        self.u().fblocks.pop();
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    /// `while`: the test at the top, and (as CPython 3.11) repeated at the bottom of the body so
    /// that each iteration runs one conditional jump instead of a jump plus a test.
    fn while_stmt(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult {
        let start = self.new_label();
        let body_l = self.new_label();
        let anchor = self.new_label();
        let exit = self.new_label();
        self.bind(start);
        self.jump_if(test, anchor, false)?;
        self.bind(body_l);
        self.push_fblock(FBlock::WhileLoop { start, exit })?;
        self.stmts(body)?;
        self.jump_if(test, body_l, true)?;
        self.u().fblocks.pop();
        self.bind(anchor);
        self.stmts(orelse)?;
        self.bind(exit);
        Ok(())
    }

    fn return_stmt(&mut self, s: &'a Stmt, value: &'a Option<Box<Expr>>) -> CResult {
        if !self.in_function() || self.ur().kind == UnitKind::Comprehension {
            return Err(error_at("'return' outside function", s.loc));
        }
        if value.is_some() && self.ste().coroutine && self.ste().generator {
            return Err(error_at("'return' with value in async generator", s.loc));
        }
        let konst = value.as_ref().and_then(|v| fold(v));
        let preserve = value.is_some() && konst.is_none();
        if preserve {
            self.expr(value.as_ref().expect("value"))?;
        }
        let snap = self.handler_snapshot();
        let fbs = self.ur().fblocks.clone();
        self.unwind_fblock_stack(preserve, false)?;
        self.set_loc(s.loc);
        if let Some(c) = konst {
            self.load_const(c);
        } else if value.is_none() {
            self.load_const(Constant::None);
        }
        self.emit(RETURN_VALUE, 0);
        self.u().fblocks = fbs;
        self.handler_restore(snap);
        Ok(())
    }

    fn break_stmt(&mut self, s: &'a Stmt) -> CResult {
        let snap = self.handler_snapshot();
        let fbs = self.ur().fblocks.clone();
        let lp = self.unwind_fblock_stack(false, true)?;
        let Some(lp) = lp else { return Err(error_at("'break' outside loop", s.loc)) };
        self.unwind_fblock(&lp, false)?;
        self.set_loc(s.loc);
        if let FBlock::WhileLoop { exit, .. } | FBlock::ForLoop { exit, .. } = lp {
            self.jump(JUMP, exit);
        }
        self.u().fblocks = fbs;
        self.handler_restore(snap);
        Ok(())
    }

    fn continue_stmt(&mut self, s: &'a Stmt) -> CResult {
        let snap = self.handler_snapshot();
        let fbs = self.ur().fblocks.clone();
        let lp = self.unwind_fblock_stack(false, true)?;
        let Some(lp) = lp else { return Err(error_at("'continue' not properly in loop", s.loc)) };
        self.set_loc(s.loc);
        if let FBlock::WhileLoop { start, .. } | FBlock::ForLoop { start, .. } = lp {
            self.jump(JUMP, start);
        }
        self.u().fblocks = fbs;
        self.handler_restore(snap);
        Ok(())
    }

    // ---- definitions -----------------------------------------------------------------------

    fn annotations(&mut self, args: &'a Arguments, returns: &'a Option<Box<Expr>>) -> CResult<u32> {
        let mut n = 0;
        let list = args.args.iter().chain(&args.posonlyargs);
        for a in list {
            if let Some(ann) = &a.annotation {
                let m = self.mangle(&a.arg).into_owned();
                self.load_const(Constant::Str(m));
                self.annotation(ann)?;
                n += 1;
            }
        }
        if let Some(a) = &args.vararg {
            if let Some(ann) = &a.annotation {
                let m = self.mangle(&a.arg).into_owned();
                self.load_const(Constant::Str(m));
                self.annotation(ann)?;
                n += 1;
            }
        }
        for a in &args.kwonlyargs {
            if let Some(ann) = &a.annotation {
                let m = self.mangle(&a.arg).into_owned();
                self.load_const(Constant::Str(m));
                self.annotation(ann)?;
                n += 1;
            }
        }
        if let Some(a) = &args.kwarg {
            if let Some(ann) = &a.annotation {
                let m = self.mangle(&a.arg).into_owned();
                self.load_const(Constant::Str(m));
                self.annotation(ann)?;
                n += 1;
            }
        }
        if let Some(r) = returns {
            self.load_const(Constant::Str("return".into()));
            self.annotation(r)?;
            n += 1;
        }
        if n > 0 {
            self.emit(BUILD_TUPLE, n * 2);
            return Ok(make_function::ANNOTATIONS);
        }
        Ok(0)
    }

    #[allow(clippy::too_many_arguments)]
    fn function(
        &mut self,
        s: &'a Stmt,
        name: &str,
        args: &'a Arguments,
        body: &'a [Stmt],
        decos: &'a [Expr],
        returns: &'a Option<Box<Expr>>,
        is_async: bool,
    ) -> CResult {
        for d in decos {
            self.expr(d)?;
        }
        let firstlineno = decos.first().map_or(s.loc.lineno, |d| d.loc.lineno);
        let mut fl = self.default_args(args)?;
        fl |= self.annotations(args, returns)?;
        let scope = self.scope_for_stmt(s);
        let kind = if is_async { UnitKind::AsyncFunction } else { UnitKind::Function };
        self.enter_unit(kind, scope, name, firstlineno);
        let doc = docstring(body);
        let stripped = if self.optimize < 2 { doc } else { None };
        self.add_const(stripped.map_or(Constant::None, |d| Constant::Str(d.to_string())));
        self.set_arg_counts(args);
        let rest = if stripped.is_some() { &body[1..] } else { body };
        self.stmts(rest)?;
        self.u().pos = Position::default();
        if let Some(last) = body.last() {
            self.u().pos = pos_of(last.loc);
            self.u().pos.line = last.loc.end_lineno;
            self.u().pos.end_line = last.loc.end_lineno;
        }
        self.load_const(Constant::None);
        self.emit(RETURN_VALUE, 0);
        let code = self.exit_unit()?;
        self.set_loc(s.loc);
        self.make_closure(code, fl);
        for _ in decos {
            self.emit(CALL, 0);
        }
        self.nameop(name, Ctx::Store);
        Ok(())
    }

    fn class(
        &mut self,
        s: &'a Stmt,
        name: &str,
        bases: &'a [Expr],
        keywords: &'a [Keyword],
        body: &'a [Stmt],
        decos: &'a [Expr],
    ) -> CResult {
        for d in decos {
            self.expr(d)?;
        }
        let firstlineno = decos.first().map_or(s.loc.lineno, |d| d.loc.lineno);
        let scope = self.scope_for_stmt(s);
        self.enter_unit(UnitKind::Class, scope, name, firstlineno);
        self.u().private = Some(name.to_string());
        self.set_loc(s.loc);
        self.nameop("__name__", Ctx::Load);
        self.nameop("__module__", Ctx::Store);
        let q = self.ur().qualname.clone();
        self.load_const(Constant::Str(q));
        self.nameop("__qualname__", Ctx::Store);
        self.body(body, false)?;
        self.u().pos = Position::default();
        if self.ste().needs_class_closure {
            self.emit(LOAD_CLOSURE, 0);
            self.emit(COPY, 1);
            self.nameop("__classcell__", Ctx::Store);
        } else {
            self.load_const(Constant::None);
        }
        self.emit(RETURN_VALUE, 0);
        let code = self.exit_unit()?;
        self.set_loc(s.loc);
        self.emit(PUSH_NULL, 0);
        self.emit(LOAD_BUILD_CLASS, 0);
        self.make_closure(code, 0);
        self.load_const(Constant::Str(name.to_string()));
        self.call_helper(2, bases, keywords)?;
        for _ in decos {
            self.emit(CALL, 0);
        }
        self.nameop(name, Ctx::Store);
        Ok(())
    }
}

/// Truth value of a folded constant (for `if`/`while` with a constant test).
pub(crate) fn const_truth(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Int(i) => *i != 0,
        Constant::BigInt(b) => b.iter().any(|&x| x != 0),
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { re, im } => *re != 0.0 || *im != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
        Constant::Code(_) | Constant::Ellipsis => true,
    }
}

#[allow(dead_code)]
fn _unused(c: ExprContext) -> Ctx {
    ctx_of(c)
}
