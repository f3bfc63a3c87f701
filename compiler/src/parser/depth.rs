//! CPython refuses ASTs nested deeper than about 3000 nodes (`RecursionError: maximum recursion
//! depth exceeded during ast construction`); checking the same bound here also keeps later
//! recursive passes (dumping, code generation) within a bounded stack depth.

use crate::ast::*;

/// Deepest allowed path of nodes from the module down (CPython 3.11's ast2obj limit is
/// 3 * the recursion limit of 1000, minus the frames in use when `ast.parse` runs).
const LIMIT: u32 = 2988;

/// Whether some path of nested nodes in `m` exceeds CPython's limit.
pub(crate) fn too_deep(m: &Module) -> bool {
    let mut d = Depth { max: 0 };
    for s in &m.body {
        d.stmt(s, 2);
        if d.max > LIMIT {
            return true;
        }
    }
    d.max > LIMIT
}

struct Depth {
    max: u32,
}

impl Depth {
    fn at(&mut self, n: u32) -> bool {
        if n > self.max {
            self.max = n;
        }
        n > LIMIT
    }
    fn stmts(&mut self, v: &[Stmt], n: u32) {
        for s in v {
            self.stmt(s, n);
        }
    }
    fn exprs(&mut self, v: &[Expr], n: u32) {
        for e in v {
            self.expr(e, n);
        }
    }
    fn oexpr(&mut self, e: &Option<Box<Expr>>, n: u32) {
        if let Some(e) = e {
            self.expr(e, n);
        }
    }
    fn args(&mut self, a: &Arguments, n: u32) {
        if self.at(n) {
            return;
        }
        for x in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs).chain(a.vararg.iter()).chain(a.kwarg.iter()) {
            self.at(n + 1);
            self.oexpr(&x.annotation, n + 2);
        }
        self.exprs(&a.defaults, n + 1);
        for d in a.kw_defaults.iter().flatten() {
            self.expr(d, n + 1);
        }
    }
    fn comps(&mut self, g: &[Comprehension], n: u32) {
        for c in g {
            self.at(n);
            self.expr(&c.target, n + 1);
            self.expr(&c.iter, n + 1);
            self.exprs(&c.ifs, n + 1);
        }
    }
    fn stmt(&mut self, s: &Stmt, n: u32) {
        if self.at(n) {
            return;
        }
        let m = n + 1;
        use StmtKind::*;
        match &s.kind {
            FunctionDef { args, body, decorator_list, returns, .. }
            | AsyncFunctionDef { args, body, decorator_list, returns, .. } => {
                self.args(args, m);
                self.stmts(body, m);
                self.exprs(decorator_list, m);
                self.oexpr(returns, m);
            }
            ClassDef { bases, keywords, body, decorator_list, .. } => {
                self.exprs(bases, m);
                for k in keywords {
                    self.at(m);
                    self.expr(&k.value, m + 1);
                }
                self.stmts(body, m);
                self.exprs(decorator_list, m);
            }
            Return { value } => self.oexpr(value, m),
            Delete { targets } => self.exprs(targets, m),
            Assign { targets, value, .. } => {
                self.exprs(targets, m);
                self.expr(value, m);
            }
            AugAssign { target, value, .. } => {
                self.expr(target, m);
                self.expr(value, m);
            }
            AnnAssign { target, annotation, value, .. } => {
                self.expr(target, m);
                self.expr(annotation, m);
                self.oexpr(value, m);
            }
            For { target, iter, body, orelse, .. } | AsyncFor { target, iter, body, orelse, .. } => {
                self.expr(target, m);
                self.expr(iter, m);
                self.stmts(body, m);
                self.stmts(orelse, m);
            }
            While { test, body, orelse } | If { test, body, orelse } => {
                self.expr(test, m);
                self.stmts(body, m);
                self.stmts(orelse, m);
            }
            With { items, body, .. } | AsyncWith { items, body, .. } => {
                for i in items {
                    self.at(m);
                    self.expr(&i.context_expr, m + 1);
                    self.oexpr(&i.optional_vars, m + 1);
                }
                self.stmts(body, m);
            }
            Match { subject, cases } => {
                self.expr(subject, m);
                for c in cases {
                    self.at(m);
                    self.pattern(&c.pattern, m + 1);
                    self.oexpr(&c.guard, m + 1);
                    self.stmts(&c.body, m + 1);
                }
            }
            Raise { exc, cause } => {
                self.oexpr(exc, m);
                self.oexpr(cause, m);
            }
            Try { body, handlers, orelse, finalbody } | TryStar { body, handlers, orelse, finalbody } => {
                self.stmts(body, m);
                for h in handlers {
                    self.at(m);
                    self.oexpr(&h.type_, m + 1);
                    self.stmts(&h.body, m + 1);
                }
                self.stmts(orelse, m);
                self.stmts(finalbody, m);
            }
            Assert { test, msg } => {
                self.expr(test, m);
                self.oexpr(msg, m);
            }
            Import { .. } | ImportFrom { .. } => {
                self.at(m);
            }
            Expr { value } => self.expr(value, m),
            Global { .. } | Nonlocal { .. } | Pass | Break | Continue => {}
        }
    }
    fn expr(&mut self, e: &Expr, n: u32) {
        if self.at(n) {
            return;
        }
        let m = n + 1;
        use ExprKind::*;
        match &e.kind {
            BoolOp { values, .. } => self.exprs(values, m),
            NamedExpr { target, value } => {
                self.expr(target, m);
                self.expr(value, m);
            }
            BinOp { left, right, .. } => {
                self.expr(left, m);
                self.expr(right, m);
            }
            UnaryOp { operand, .. } => self.expr(operand, m),
            Lambda { args, body } => {
                self.args(args, m);
                self.expr(body, m);
            }
            IfExp { test, body, orelse } => {
                self.expr(test, m);
                self.expr(body, m);
                self.expr(orelse, m);
            }
            Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k, m);
                }
                self.exprs(values, m);
            }
            Set { elts } | List { elts, .. } | Tuple { elts, .. } => self.exprs(elts, m),
            ListComp { elt, generators } | SetComp { elt, generators } | GeneratorExp { elt, generators } => {
                self.expr(elt, m);
                self.comps(generators, m);
            }
            DictComp { key, value, generators } => {
                self.expr(key, m);
                self.expr(value, m);
                self.comps(generators, m);
            }
            Await { value } | YieldFrom { value } | Starred { value, .. } | Attribute { value, .. } => {
                self.expr(value, m)
            }
            Yield { value } => self.oexpr(value, m),
            Compare { left, comparators, .. } => {
                self.expr(left, m);
                self.exprs(comparators, m);
            }
            Call { func, args, keywords } => {
                self.expr(func, m);
                self.exprs(args, m);
                for k in keywords {
                    self.at(m);
                    self.expr(&k.value, m + 1);
                }
            }
            FormattedValue { value, format_spec, .. } => {
                self.expr(value, m);
                self.oexpr(format_spec, m);
            }
            JoinedStr { values } => self.exprs(values, m),
            Subscript { value, slice, .. } => {
                self.expr(value, m);
                self.expr(slice, m);
            }
            Slice { lower, upper, step } => {
                self.oexpr(lower, m);
                self.oexpr(upper, m);
                self.oexpr(step, m);
            }
            Constant { .. } | Name { .. } => {}
        }
    }
    fn pattern(&mut self, p: &Pattern, n: u32) {
        if self.at(n) {
            return;
        }
        let m = n + 1;
        use PatternKind::*;
        match &p.kind {
            MatchValue { value } => self.expr(value, m),
            MatchSingleton { .. } | MatchStar { .. } => {}
            MatchSequence { patterns } | MatchOr { patterns } => {
                for q in patterns {
                    self.pattern(q, m);
                }
            }
            MatchMapping { keys, patterns, .. } => {
                self.exprs(keys, m);
                for q in patterns {
                    self.pattern(q, m);
                }
            }
            MatchClass { cls, patterns, kwd_patterns, .. } => {
                self.expr(cls, m);
                for q in patterns.iter().chain(kwd_patterns) {
                    self.pattern(q, m);
                }
            }
            MatchAs { pattern, .. } => {
                if let Some(q) = pattern {
                    self.pattern(q, m);
                }
            }
        }
    }
}
