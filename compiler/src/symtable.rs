//! The symbol table: one scope per module, class, function, lambda and comprehension, built and
//! resolved the way CPython 3.11's `Python/symtable.c` does (same flag bits, same scopes, same
//! compile-time `SyntaxError` messages), so that `pyc symtable` prints what
//! `symtable_dump.py` prints and codegen picks the same load/store instructions as CPython.

use crate::ast::*;
use crate::error::{ErrorKind, SyntaxError};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// Raw `DEF_*` flag bits, as CPython's `symtable.h`.
pub mod flag {
    /// Named in a `global` statement.
    pub const DEF_GLOBAL: u32 = 1;
    /// Bound in the scope (assignment, def, for target, ...).
    pub const DEF_LOCAL: u32 = 2;
    /// A parameter.
    pub const DEF_PARAM: u32 = 4;
    /// Named in a `nonlocal` statement.
    pub const DEF_NONLOCAL: u32 = 8;
    /// Loaded in the scope.
    pub const USE: u32 = 16;
    /// Free variable (never set by CPython 3.11's symtable; kept for the dump).
    pub const DEF_FREE: u32 = 32;
    /// Bound in a class and free in one of its methods.
    pub const DEF_FREE_CLASS: u32 = 64;
    /// Bound by an import.
    pub const DEF_IMPORT: u32 = 128;
    /// Has an annotation in the scope.
    pub const DEF_ANNOT: u32 = 256;
    /// A comprehension iteration variable.
    pub const DEF_COMP_ITER: u32 = 512;
    /// Any kind of binding.
    pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;
    /// Bit position of the resolved scope inside the raw flags.
    pub const SCOPE_OFF: u32 = 11;
}
use flag::*;

/// Resolved scope of a name (`PyST_GetScope`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Unresolved = 0,
    Local = 1,
    GlobalExplicit = 2,
    GlobalImplicit = 3,
    Free = 4,
    Cell = 5,
}

impl Scope {
    fn from_bits(b: u32) -> Scope {
        match b {
            1 => Scope::Local,
            2 => Scope::GlobalExplicit,
            3 => Scope::GlobalImplicit,
            4 => Scope::Free,
            5 => Scope::Cell,
            _ => Scope::Unresolved,
        }
    }
}

/// The kind of a block (`_Py_block_ty`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Module,
    Class,
    Function,
}

/// Which comprehension a function block is, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    None,
    List,
    Set,
    Dict,
    Gen,
}

/// One scope (`PySTEntryObject`).
#[derive(Clone, Debug)]
pub struct ScopeInfo {
    pub kind: BlockKind,
    /// `top`, the function/class name, `lambda`, `listcomp`, `genexpr`...
    pub name: String,
    pub lineno: u32,
    pub nested: bool,
    /// Raw flags (DEF_* bits plus the scope at `SCOPE_OFF`) by (mangled) name.
    pub symbols: BTreeMap<String, u32>,
    /// Parameters in order (`ste_varnames`).
    pub varnames: Vec<String>,
    /// Child scopes (indexes into `SymbolTable::scopes`) in creation order.
    pub children: Vec<usize>,
    /// Contains `yield` (or is a generator expression).
    pub generator: bool,
    /// An `async def`, or contains `await` / async comprehensions.
    pub coroutine: bool,
    /// The comprehension kind of a comprehension scope.
    pub comprehension: CompKind,
    /// Has a `*args` parameter.
    pub varargs: bool,
    /// Has a `**kwargs` parameter.
    pub varkeywords: bool,
    /// A class whose methods use `__class__` / `super()`.
    pub needs_class_closure: bool,
    /// Has free variables or is nested in something that has (`ste_free`/`ste_child_free`).
    pub has_free: bool,
    /// Location of the `global`/`nonlocal` statement naming each name (for error positions).
    pub directives: BTreeMap<String, Loc>,
    comp_iter_target: bool,
    comp_iter_expr: u32,
}

impl ScopeInfo {
    /// Resolved scope of `name` (already mangled).
    pub fn scope_of(&self, name: &str) -> Scope {
        Scope::from_bits(self.symbols.get(name).map_or(0, |f| (f >> SCOPE_OFF) & 7))
    }
    /// Raw flags of `name`.
    pub fn flags_of(&self, name: &str) -> u32 {
        self.symbols.get(name).copied().unwrap_or(0)
    }
}

/// The symbol table of a module: scopes in creation order (index 0 is the module) and a map
/// from AST node addresses (function/class statements, lambdas, comprehensions) to scopes.
pub struct SymbolTable {
    /// Every scope in creation order; index 0 is the module.
    pub scopes: Vec<ScopeInfo>,
    by_node: FxHashMap<usize, usize>,
}

impl SymbolTable {
    /// The scope created for the AST node at address `node` (a `Stmt` or `Expr`).
    pub fn scope_for(&self, node: usize) -> Option<usize> {
        self.by_node.get(&node).copied()
    }
}

/// CPython's `_Py_Mangle`: `__name` inside class `C` becomes `_C__name`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    mangle_cow(private, name).into_owned()
}

/// [`mangle`] without allocating when the name is unchanged (the common case).
pub(crate) fn mangle_cow<'n>(private: Option<&str>, name: &'n str) -> std::borrow::Cow<'n, str> {
    let Some(p) = private else { return name.into() };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.into();
    }
    let stripped = p.trim_start_matches('_');
    if stripped.is_empty() {
        return name.into();
    }
    format!("_{stripped}{name}").into()
}

/// True when the module starts with `from __future__ import annotations` (PEP 563; future
/// imports may follow a docstring and each other only).
pub fn has_future_annotations(module: &Module) -> bool {
    let mut body = &module.body[..];
    if let Some(Stmt { kind: StmtKind::Expr { value }, .. }) = body.first() {
        if matches!(value.kind, ExprKind::Constant { value: ConstValue::Str(_), .. }) {
            body = &body[1..];
        }
    }
    for s in body {
        match &s.kind {
            StmtKind::ImportFrom { module: Some(m), names, level: 0 } if m == "__future__" => {
                if names.iter().any(|a| a.name == "annotations") {
                    return true;
                }
            }
            _ => return false,
        }
    }
    false
}

/// The `__future__` features CPython 3.11 knows (`from __future__ import X`).
const FUTURE_FEATURES: [&str; 10] = [
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// CPython's `future_parse` (Python/future.c): checks the leading `from __future__ import`
/// statements of a module (after an optional docstring) and returns the line of the last one
/// (0 if none), which the code generator uses to reject later future imports. Errors:
/// `future feature X is not defined`, `not a chance` (`braces`), and a future import after
/// another statement on the same line (`from __future__ imports must occur at the beginning
/// of the file`; later lines are left to the code generator, as in CPython).
pub fn future_lineno(module: &Module) -> Result<u32, SyntaxError> {
    let mut body = &module.body[..];
    if let Some(Stmt { kind: StmtKind::Expr { value }, .. }) = body.first() {
        if matches!(value.kind, ExprKind::Constant { value: ConstValue::Str(_), .. }) {
            body = &body[1..];
        }
    }
    let (mut done, mut prev_line, mut ff_lineno) = (false, 0u32, 0u32);
    for s in body {
        if done && s.loc.lineno > prev_line {
            break;
        }
        prev_line = s.loc.lineno;
        match &s.kind {
            StmtKind::ImportFrom { module: Some(m), names, .. } if m == "__future__" => {
                let at =
                    |msg: String| SyntaxError::new(ErrorKind::SyntaxError, msg, s.loc.lineno, s.loc.col_offset + 1);
                if done {
                    // CPython passes the 0-based column here (an off-by-one it keeps in 3.11).
                    let msg = "from __future__ imports must occur at the beginning of the file";
                    return Err(SyntaxError::new(ErrorKind::SyntaxError, msg, s.loc.lineno, s.loc.col_offset));
                }
                for a in names {
                    if a.name == "braces" {
                        return Err(at("not a chance".into()));
                    }
                    if !FUTURE_FEATURES.contains(&a.name.as_str()) {
                        return Err(at(format!("future feature {} is not defined", a.name)));
                    }
                }
                ff_lineno = s.loc.lineno;
            }
            _ => done = true,
        }
    }
    Ok(ff_lineno)
}

struct Builder {
    future_annotations: bool,
    scopes: Vec<ScopeInfo>,
    by_node: FxHashMap<usize, usize>,
    stack: Vec<usize>,
    private: Option<String>,
}

type R = Result<(), SyntaxError>;

fn err_at(msg: String, loc: Loc) -> SyntaxError {
    let mut e = SyntaxError::new(ErrorKind::SyntaxError, msg, loc.lineno, loc.col_offset + 1);
    e.end_lineno = loc.end_lineno;
    e.end_offset = loc.end_col_offset + 1;
    e
}

/// Builds and resolves the symbol table of `module`. Errors carry no filename/text yet.
pub fn build(module: &Module) -> Result<SymbolTable, SyntaxError> {
    future_lineno(module)?;
    let mut b = Builder {
        future_annotations: has_future_annotations(module),
        scopes: Vec::new(),
        by_node: FxHashMap::default(),
        stack: Vec::new(),
        private: None,
    };
    b.enter(BlockKind::Module, "top".into(), 0, 0);
    for s in &module.body {
        b.stmt(s)?;
    }
    b.stack.pop();
    let mut free = BTreeSet::new();
    let mut global = BTreeSet::new();
    analyze_block(&mut b.scopes, 0, None, &mut free, &mut global)?;
    Ok(SymbolTable { scopes: b.scopes, by_node: b.by_node })
}

impl Builder {
    fn cur(&mut self) -> &mut ScopeInfo {
        let i = *self.stack.last().expect("scope stack");
        &mut self.scopes[i]
    }

    fn enter(&mut self, kind: BlockKind, name: String, lineno: u32, node: usize) {
        let nested =
            self.stack.last().map_or(false, |&p| self.scopes[p].nested || self.scopes[p].kind == BlockKind::Function);
        let idx = self.scopes.len();
        self.scopes.push(ScopeInfo {
            kind,
            name,
            lineno,
            nested,
            symbols: BTreeMap::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            generator: false,
            coroutine: false,
            comprehension: CompKind::None,
            varargs: false,
            varkeywords: false,
            needs_class_closure: false,
            has_free: false,
            directives: BTreeMap::new(),
            comp_iter_target: false,
            comp_iter_expr: 0,
        });
        if let Some(&p) = self.stack.last() {
            self.scopes[p].children.push(idx);
        }
        if node != 0 {
            self.by_node.insert(node, idx);
        }
        self.stack.push(idx);
    }

    fn add_def_in(&mut self, scope: usize, name: &str, fl: u32, loc: Loc) -> R {
        let mangled = mangle_cow(self.private.as_deref(), name);
        let ste = &mut self.scopes[scope];
        let slot = ste.symbols.get_mut(mangled.as_ref());
        let mut val = slot.as_deref().copied().unwrap_or(0);
        if fl & DEF_PARAM != 0 && val & DEF_PARAM != 0 {
            return Err(err_at(format!("duplicate argument '{mangled}' in function definition"), loc));
        }
        val |= fl;
        if ste.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(err_at(
                    format!("assignment expression cannot rebind comprehension iteration variable '{mangled}'"),
                    loc,
                ));
            }
            val |= DEF_COMP_ITER;
        }
        match slot {
            Some(v) => *v = val,
            None => {
                ste.symbols.insert(mangled.clone().into_owned(), val);
            }
        }
        if fl & DEF_PARAM != 0 {
            ste.varnames.push(mangled.into_owned());
        } else if fl & DEF_GLOBAL != 0 {
            let g = self.scopes[0].symbols.entry(mangled.into_owned()).or_insert(0);
            *g |= fl;
        }
        Ok(())
    }

    fn add_def(&mut self, name: &str, fl: u32, loc: Loc) -> R {
        let s = *self.stack.last().expect("scope");
        self.add_def_in(s, name, fl, loc)
    }

    fn lookup(&self, name: &str) -> u32 {
        let s = *self.stack.last().expect("scope");
        self.scopes[s].flags_of(&mangle_cow(self.private.as_deref(), name))
    }

    fn stmts(&mut self, body: &[Stmt]) -> R {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn exprs(&mut self, es: &[Expr]) -> R {
        es.iter().try_for_each(|e| self.expr(e))
    }

    fn opt(&mut self, e: &Option<Box<Expr>>) -> R {
        if let Some(e) = e {
            self.expr(e)?;
        }
        Ok(())
    }

    fn annotations(&mut self, a: &Arguments, returns: &Option<Box<Expr>>) -> R {
        if self.future_annotations {
            // PEP 563: annotations live in hidden annotation blocks, invisible in the dump.
            return Ok(());
        }
        for arg in a.posonlyargs.iter().chain(&a.args) {
            self.opt(&arg.annotation)?;
        }
        if let Some(v) = &a.vararg {
            self.opt(&v.annotation)?;
        }
        for arg in &a.kwonlyargs {
            self.opt(&arg.annotation)?;
        }
        if let Some(v) = &a.kwarg {
            self.opt(&v.annotation)?;
        }
        self.opt(returns)
    }

    fn params(&mut self, a: &Arguments) -> R {
        for arg in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs) {
            self.add_def(&arg.arg, DEF_PARAM, arg.loc)?;
        }
        if let Some(v) = &a.vararg {
            self.add_def(&v.arg, DEF_PARAM, v.loc)?;
            self.cur().varargs = true;
        }
        if let Some(v) = &a.kwarg {
            self.add_def(&v.arg, DEF_PARAM, v.loc)?;
            self.cur().varkeywords = true;
        }
        Ok(())
    }

    fn function(
        &mut self,
        s: &Stmt,
        name: &str,
        args: &Arguments,
        body: &[Stmt],
        decos: &[Expr],
        returns: &Option<Box<Expr>>,
        is_async: bool,
    ) -> R {
        self.add_def(name, DEF_LOCAL, s.loc)?;
        self.exprs(&args.defaults)?;
        for d in args.kw_defaults.iter().flatten() {
            self.expr(d)?;
        }
        self.annotations(args, returns)?;
        self.exprs(decos)?;
        self.enter(BlockKind::Function, name.to_string(), s.loc.lineno, s as *const Stmt as usize);
        if is_async {
            self.cur().coroutine = true;
        }
        self.params(args)?;
        self.stmts(body)?;
        self.stack.pop();
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        match &s.kind {
            StmtKind::FunctionDef { name, args, body, decorator_list, returns, .. } => {
                self.function(s, name, args, body, decorator_list, returns, false)?
            }
            StmtKind::AsyncFunctionDef { name, args, body, decorator_list, returns, .. } => {
                self.function(s, name, args, body, decorator_list, returns, true)?
            }
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => {
                self.add_def(name, DEF_LOCAL, s.loc)?;
                self.exprs(bases)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.exprs(decorator_list)?;
                self.enter(BlockKind::Class, name.clone(), s.loc.lineno, s as *const Stmt as usize);
                let saved = self.private.replace(name.clone());
                self.stmts(body)?;
                self.private = saved;
                self.stack.pop();
            }
            StmtKind::Return { value } => self.opt(value)?,
            StmtKind::Delete { targets } => self.exprs(targets)?,
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets)?;
                self.expr(value)?;
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let cur = self.lookup(id);
                    let is_module = *self.stack.last().unwrap_or(&0) == 0;
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && !is_module && *simple {
                        let which = if cur & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
                        return Err(err_at(format!("annotated name '{id}' can't be {which}"), s.loc));
                    }
                    if *simple {
                        self.add_def(id, DEF_ANNOT | DEF_LOCAL, target.loc)?;
                    } else if value.is_some() {
                        self.add_def(id, DEF_LOCAL, target.loc)?;
                    }
                } else {
                    self.expr(target)?;
                }
                if !self.future_annotations {
                    self.expr(annotation)?;
                }
                self.opt(value)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)?;
            }
            StmtKind::For { target, iter, body, orelse, .. }
            | StmtKind::AsyncFor { target, iter, body, orelse, .. } => {
                self.expr(target)?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                for it in items {
                    self.expr(&it.context_expr)?;
                    self.opt(&it.optional_vars)?;
                }
                self.stmts(body)?;
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for c in cases {
                    self.pattern(&c.pattern)?;
                    self.opt(&c.guard)?;
                    self.stmts(&c.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                self.opt(exc)?;
                self.opt(cause)?;
            }
            StmtKind::Try { body, handlers, orelse, finalbody }
            | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                self.stmts(body)?;
                self.stmts(orelse)?;
                for h in handlers {
                    self.opt(&h.type_)?;
                    if let Some(n) = &h.name {
                        self.add_def(n, DEF_LOCAL, h.loc)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                self.opt(msg)?;
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if *self.stack.last().unwrap_or(&0) != 0 {
                            return Err(err_at("import * only allowed at module level".into(), s.loc));
                        }
                    } else {
                        let store = match &a.asname {
                            Some(n) => n.clone(),
                            None => a.name.split('.').next().unwrap_or("").to_string(),
                        };
                        self.add_def(&store, DEF_IMPORT, a.loc)?;
                    }
                }
            }
            StmtKind::Global { names } => {
                for n in names {
                    let cur = self.lookup(n);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let m = if cur & DEF_PARAM != 0 {
                            "is parameter and global"
                        } else if cur & USE != 0 {
                            "is used prior to global declaration"
                        } else if cur & DEF_ANNOT != 0 {
                            return Err(err_at(format!("annotated name '{n}' can't be global"), s.loc));
                        } else {
                            "is assigned to before global declaration"
                        };
                        return Err(err_at(format!("name '{n}' {m}"), s.loc));
                    }
                    self.add_def(n, DEF_GLOBAL, s.loc)?;
                    let m = mangle(self.private.as_deref(), n);
                    self.cur().directives.insert(m, s.loc);
                }
            }
            StmtKind::Nonlocal { names } => {
                for n in names {
                    let cur = self.lookup(n);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let m = if cur & DEF_PARAM != 0 {
                            "is parameter and nonlocal"
                        } else if cur & USE != 0 {
                            "is used prior to nonlocal declaration"
                        } else if cur & DEF_ANNOT != 0 {
                            return Err(err_at(format!("annotated name '{n}' can't be nonlocal"), s.loc));
                        } else {
                            "is assigned to before nonlocal declaration"
                        };
                        return Err(err_at(format!("name '{n}' {m}"), s.loc));
                    }
                    self.add_def(n, DEF_NONLOCAL, s.loc)?;
                    let m = mangle(self.private.as_deref(), n);
                    self.cur().directives.insert(m, s.loc);
                }
            }
            StmtKind::Expr { value } => self.expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern) -> R {
        match &p.kind {
            PatternKind::MatchValue { value } => self.expr(value),
            PatternKind::MatchSingleton { .. } => Ok(()),
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                patterns.iter().try_for_each(|q| self.pattern(q))
            }
            PatternKind::MatchStar { name } => match name {
                Some(n) => self.add_def(n, DEF_LOCAL, p.loc),
                None => Ok(()),
            },
            PatternKind::MatchMapping { keys, patterns, rest } => {
                self.exprs(keys)?;
                patterns.iter().try_for_each(|q| self.pattern(q))?;
                if let Some(r) = rest {
                    self.add_def(r, DEF_LOCAL, p.loc)?;
                }
                Ok(())
            }
            PatternKind::MatchClass { cls, patterns, kwd_patterns, .. } => {
                self.expr(cls)?;
                patterns.iter().try_for_each(|q| self.pattern(q))?;
                kwd_patterns.iter().try_for_each(|q| self.pattern(q))
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(q) = pattern {
                    self.pattern(q)?;
                }
                if let Some(n) = name {
                    self.add_def(n, DEF_LOCAL, p.loc)?;
                }
                Ok(())
            }
        }
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        kind: CompKind,
        gens: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> R {
        let Some(first) = gens.first() else { return Ok(()) };
        self.cur().comp_iter_expr += 1;
        self.expr(&first.iter)?;
        self.cur().comp_iter_expr -= 1;
        self.enter(BlockKind::Function, name.into(), e.loc.lineno, e as *const Expr as usize);
        self.cur().comprehension = kind;
        if first.is_async {
            self.cur().coroutine = true;
        }
        self.add_def(".0", DEF_PARAM, e.loc)?;
        self.cur().comp_iter_target = true;
        self.expr(&first.target)?;
        self.cur().comp_iter_target = false;
        self.exprs(&first.ifs)?;
        for g in &gens[1..] {
            self.cur().comp_iter_target = true;
            self.expr(&g.target)?;
            self.cur().comp_iter_target = false;
            self.cur().comp_iter_expr += 1;
            self.expr(&g.iter)?;
            self.cur().comp_iter_expr -= 1;
            self.exprs(&g.ifs)?;
            if g.is_async {
                self.cur().coroutine = true;
            }
        }
        if let Some(v) = value {
            self.expr(v)?;
        }
        self.expr(elt)?;
        let is_gen = kind == CompKind::Gen;
        self.cur().generator = is_gen;
        let is_async = self.cur().coroutine && !is_gen;
        self.stack.pop();
        if is_async {
            self.cur().coroutine = true;
        }
        Ok(())
    }

    fn namedexpr_scope(&mut self, target: &Expr, loc: Loc) -> R {
        let ExprKind::Name { id, .. } = &target.kind else { return Ok(()) };
        let cur = *self.stack.last().expect("scope");
        for &s in self.stack.clone().iter().rev() {
            let ste = &self.scopes[s];
            if ste.comprehension != CompKind::None {
                if ste.flags_of(id) & DEF_COMP_ITER != 0 {
                    return Err(err_at(
                        format!("assignment expression cannot rebind comprehension iteration variable '{id}'"),
                        loc,
                    ));
                }
                continue;
            }
            match ste.kind {
                BlockKind::Function => {
                    let fl = if ste.flags_of(id) & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.add_def_in(cur, id, fl, loc)?;
                    return self.add_def_in(s, id, DEF_LOCAL, loc);
                }
                BlockKind::Module => {
                    self.add_def_in(cur, id, DEF_GLOBAL, loc)?;
                    return self.add_def_in(s, id, DEF_GLOBAL, loc);
                }
                BlockKind::Class => {
                    return Err(err_at(
                        "assignment expression within a comprehension cannot be used in a class body".into(),
                        loc,
                    ))
                }
            }
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> R {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                if self.cur().comp_iter_expr > 0 {
                    return Err(err_at(
                        "assignment expression cannot be used in a comprehension iterable expression".into(),
                        e.loc,
                    ));
                }
                if self.cur().comprehension != CompKind::None {
                    self.namedexpr_scope(target, e.loc)?;
                }
                self.expr(value)?;
                self.expr(target)?;
            }
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.exprs(&args.defaults)?;
                for d in args.kw_defaults.iter().flatten() {
                    self.expr(d)?;
                }
                self.enter(BlockKind::Function, "lambda".into(), e.loc.lineno, e as *const Expr as usize);
                self.params(args)?;
                self.expr(body)?;
                self.stack.pop();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts)?,
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "listcomp", CompKind::List, generators, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "setcomp", CompKind::Set, generators, elt, None)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "genexpr", CompKind::Gen, generators, elt, None)?
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, "dictcomp", CompKind::Dict, generators, key, Some(value))?
            }
            ExprKind::Yield { value } => {
                self.opt(value)?;
                self.yield_check(e)?;
            }
            ExprKind::YieldFrom { value } => {
                self.expr(value)?;
                self.yield_check(e)?;
            }
            ExprKind::Await { value } => {
                self.expr(value)?;
                self.cur().coroutine = true;
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.expr(value)?;
                self.opt(format_spec)?;
            }
            ExprKind::JoinedStr { values } => self.exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                self.opt(lower)?;
                self.opt(upper)?;
                self.opt(step)?;
            }
            ExprKind::Name { id, ctx } => {
                let fl = if *ctx == ExprContext::Load { USE } else { DEF_LOCAL };
                self.add_def(id, fl, e.loc)?;
                if *ctx == ExprContext::Load && self.cur().kind == BlockKind::Function && id == "super" {
                    self.add_def("__class__", USE, e.loc)?;
                }
            }
        }
        Ok(())
    }

    fn yield_check(&mut self, e: &Expr) -> R {
        self.cur().generator = true;
        let what = match self.cur().comprehension {
            CompKind::None => return Ok(()),
            CompKind::List => "list comprehension",
            CompKind::Set => "set comprehension",
            CompKind::Dict => "dict comprehension",
            CompKind::Gen => "generator expression",
        };
        Err(err_at(format!("'yield' inside {what}"), e.loc))
    }
}

/// A set of names in [`analyze_block`]. The sets are copied for every child scope (as
/// CPython's `analyze_child_block` does), so the names are shared `Rc<str>`s: a copy costs
/// reference counts, not one string allocation per name.
type NameSet = BTreeSet<Rc<str>>;

/// `analyze_block`: resolves every name of scope `s` and its children.
fn analyze_block(
    scopes: &mut Vec<ScopeInfo>,
    s: usize,
    bound: Option<&NameSet>,
    free: &mut NameSet,
    global: &mut NameSet,
) -> Result<(), SyntaxError> {
    let mut local = NameSet::new();
    let mut sc: BTreeMap<Rc<str>, Scope> = BTreeMap::new();
    let mut bound_owned: Option<NameSet> = bound.cloned();
    let kind = scopes[s].kind;
    let mut newglobal = BTreeSet::new();
    let mut newbound = BTreeSet::new();
    let mut newfree = BTreeSet::new();
    if kind == BlockKind::Class {
        newglobal = global.clone();
        if let Some(b) = &bound_owned {
            newbound = b.clone();
        }
    }
    let syms: Vec<(Rc<str>, u32)> = scopes[s].symbols.iter().map(|(k, v)| (Rc::from(k.as_str()), *v)).collect();
    for (name, fl) in &syms {
        let r = if fl & DEF_GLOBAL != 0 {
            if fl & DEF_NONLOCAL != 0 {
                return Err(dir_err(&scopes[s], name, format!("name '{name}' is nonlocal and global")));
            }
            global.insert(name.clone());
            if let Some(b) = &mut bound_owned {
                b.remove(&**name);
            }
            Scope::GlobalExplicit
        } else if fl & DEF_NONLOCAL != 0 {
            match &bound_owned {
                None => {
                    return Err(dir_err(&scopes[s], name, "nonlocal declaration not allowed at module level".into()))
                }
                Some(b) if !b.contains(&**name) => {
                    return Err(dir_err(&scopes[s], name, format!("no binding for nonlocal '{name}' found")))
                }
                _ => {}
            }
            scopes[s].has_free = true;
            free.insert(name.clone());
            Scope::Free
        } else if fl & DEF_BOUND != 0 {
            local.insert(name.clone());
            global.remove(&**name);
            Scope::Local
        } else if bound_owned.as_ref().map_or(false, |b| b.contains(&**name)) {
            scopes[s].has_free = true;
            free.insert(name.clone());
            Scope::Free
        } else {
            if scopes[s].nested {
                scopes[s].has_free = true;
            }
            Scope::GlobalImplicit
        };
        sc.insert(name.clone(), r);
    }
    if kind != BlockKind::Class {
        if kind == BlockKind::Function {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = &bound_owned {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert(Rc::from("__class__"));
    }
    let mut allfree = BTreeSet::new();
    let children = scopes[s].children.clone();
    for c in children {
        let mut tf = newfree.clone();
        let mut tg = newglobal.clone();
        analyze_block(scopes, c, Some(&newbound), &mut tf, &mut tg)?;
        if scopes[c].has_free {
            scopes[s].has_free = true;
        }
        allfree.extend(tf);
    }
    newfree.extend(allfree);
    if kind == BlockKind::Function {
        for (name, scope) in sc.iter_mut() {
            if *scope == Scope::Local && newfree.remove(&**name) {
                *scope = Scope::Cell;
            }
        }
    } else if kind == BlockKind::Class && newfree.remove("__class__") {
        scopes[s].needs_class_closure = true;
    }
    // update_symbols
    let ste = &mut scopes[s];
    for (name, scope) in &sc {
        if let Some(v) = ste.symbols.get_mut(&**name) {
            *v |= (*scope as u32) << SCOPE_OFF;
        }
    }
    for name in &newfree {
        if let Some(v) = ste.symbols.get_mut(&**name) {
            if kind == BlockKind::Class && *v & (DEF_BOUND | DEF_GLOBAL) != 0 {
                *v |= DEF_FREE_CLASS;
            }
            continue;
        }
        if let Some(b) = &bound_owned {
            if !b.contains(&**name) {
                continue;
            }
        }
        ste.symbols.insert(name.to_string(), (Scope::Free as u32) << SCOPE_OFF);
    }
    free.extend(newfree);
    Ok(())
}

fn dir_err(ste: &ScopeInfo, name: &str, msg: String) -> SyntaxError {
    let loc = ste.directives.get(name).copied().unwrap_or(Loc { lineno: ste.lineno, ..Loc::default() });
    err_at(msg, loc)
}
