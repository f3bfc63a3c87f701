//! Code generation: AST + symbol table → `format::CodeObject`s, following the instruction shapes
//! of CPython 3.11's `Python/compile.c` (minus PRECALL/RESUME/CACHE, see `format::opcode`).
//!
//! Layout: this file holds the compiler state (one `Unit` per code object being built), name
//! resolution and instruction emission; `expr.rs`, `stmt.rs`, `exc.rs` (try/with/async),
//! `pattern.rs` (match) emit code; `fold.rs` folds constants; `assemble.rs` turns a unit's
//! instruction list into a code object (stack depth, exception table, line table, jumps).

mod assemble;
mod exc;
mod expr;
mod fold;
mod pattern;
mod stmt;
mod unparse;

use crate::ast::*;
use crate::error::{ErrorKind, SyntaxError};
use crate::symtable::{self, mangle, BlockKind, Scope, SymbolTable};
use format::code::flags;
use format::{CodeObject, Constant, Opcode, Position};
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;

/// A jump target inside one unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Label(usize);

/// One instruction before assembly.
#[derive(Clone, Debug)]
pub(crate) struct Instr {
    pub op: Opcode,
    pub arg: u32,
    pub target: Option<Label>,
    pub pos: Position,
    /// The exception handler covering this instruction (index into `Unit::handlers`).
    pub handler: Option<usize>,
}

/// An exception handler opened by a `SETUP_*` pseudo-instruction.
#[derive(Clone, Debug)]
pub(crate) struct Handler {
    pub target: Label,
    pub lasti: bool,
    /// Index of the `SETUP_*` instruction in `Unit::instrs` (its depth is the handler depth).
    pub setup: usize,
}

/// Kinds of frame blocks (`fblocktype` in compile.c).
#[derive(Clone, Debug)]
pub(crate) enum FBlock<'a> {
    WhileLoop { start: Label, exit: Label },
    ForLoop { start: Label, exit: Label },
    TryExcept,
    FinallyTry { body: &'a [Stmt] },
    FinallyEnd,
    With { loc: Loc, is_async: bool },
    HandlerCleanup { name: Option<String> },
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehension,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
}

/// The code object under construction.
pub(crate) struct Unit<'a> {
    pub kind: UnitKind,
    pub scope: usize,
    pub instrs: Vec<Instr>,
    pub labels: Vec<Option<usize>>,
    label_stacks: FxHashMap<usize, Vec<usize>>,
    pub handlers: Vec<Handler>,
    handler_stack: Vec<usize>,
    pub fblocks: Vec<FBlock<'a>>,
    pub consts: Vec<Constant>,
    const_index: FxHashMap<u64, u32>,
    pub names: Vec<String>,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub pos: Position,
    pub name: String,
    pub qualname: String,
    pub firstlineno: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub private: Option<String>,
}

/// The compiler: the symbol table, the stack of units, the file name.
pub(crate) struct Compiler<'a> {
    pub st: &'a SymbolTable,
    pub units: Vec<Unit<'a>>,
    pub filename: String,
    /// The module's source text (for PEP 563 annotation strings).
    pub source: &'a str,
    /// `from __future__ import annotations` is in effect.
    pub future_annotations: bool,
    /// CPython's optimization level: 0 (default), 1 (`-O`: asserts removed, `__debug__` is
    /// False), 2 (`-OO`: also no docstrings).
    pub optimize: u8,
    /// Line of the last leading `from __future__ import` (0 if none): a later one is an error.
    pub future_lineno: u32,
}

pub(crate) type CResult<T = ()> = Result<T, SyntaxError>;

/// A name operation kind.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ctx {
    Load,
    Store,
    Del,
}

/// Compiles a module: builds the symbol table, then the module code object (module name
/// `<module>`). Errors are CPython's compile-time `SyntaxError`s (with filename and source line).
pub fn compile_module(module: &Module, filename: &str, source: &str) -> Result<CodeObject, SyntaxError> {
    compile_module_optimized(module, filename, source, 0)
}

/// [`compile_module`] at CPython optimization level `optimize` (0, 1 = `-O`, 2 = `-OO`).
pub fn compile_module_optimized(
    module: &Module,
    filename: &str,
    source: &str,
    optimize: u8,
) -> Result<CodeObject, SyntaxError> {
    let st = symtable::build(module).map_err(|e| e.with_source(filename, source))?;
    compile_with_symtable(module, &st, filename, source, optimize).map_err(|e| e.with_source(filename, source))
}

fn compile_with_symtable<'a>(
    module: &'a Module,
    st: &'a SymbolTable,
    filename: &str,
    source: &'a str,
    optimize: u8,
) -> CResult<CodeObject> {
    let future_annotations = symtable::has_future_annotations(module);
    let future_lineno = symtable::future_lineno(module)?;
    let mut c = Compiler {
        st,
        units: Vec::new(),
        filename: filename.to_string(),
        source,
        future_annotations,
        optimize,
        future_lineno,
    };
    c.enter_unit(UnitKind::Module, 0, "<module>", 1);
    c.body(&module.body, true)?;
    c.load_const(Constant::None);
    c.emit(Opcode::RETURN_VALUE, 0);
    c.exit_unit()
}

/// Builds a `SyntaxError` at `loc` (1-based columns as CPython's `offset`).
pub(crate) fn error_at(msg: impl Into<String>, loc: Loc) -> SyntaxError {
    let mut e = SyntaxError::new(ErrorKind::SyntaxError, msg, loc.lineno, loc.col_offset + 1);
    e.end_lineno = loc.end_lineno;
    e.end_offset = loc.end_col_offset + 1;
    e
}

pub(crate) fn pos_of(loc: Loc) -> Position {
    Position { line: loc.lineno, end_line: loc.end_lineno, col: loc.col_offset, end_col: loc.end_col_offset }
}

/// A fingerprint of a constant for the per-unit constant table: equal (see [`const_same`])
/// constants have equal fingerprints. `None` for constants holding code objects, which are
/// compared by value instead. Floats count by their bits, so `0.0` and `-0.0` (and NaNs) stay
/// apart, as in CPython's `_PyCode_ConstantKey`.
fn const_fingerprint(c: &Constant) -> Option<u64> {
    fn feed(c: &Constant, h: &mut FxHasher) -> Option<()> {
        match c {
            Constant::None => h.write_u8(0),
            Constant::Bool(b) => h.write_u64(1 + *b as u64),
            Constant::Int(i) => {
                h.write_u8(3);
                h.write_u64(*i as u64)
            }
            Constant::BigInt(b) => {
                h.write_u8(4);
                h.write(b)
            }
            Constant::Float(f) => {
                h.write_u8(5);
                h.write_u64(f.to_bits())
            }
            Constant::Complex { re, im } => {
                h.write_u8(6);
                h.write_u64(re.to_bits());
                h.write_u64(im.to_bits())
            }
            Constant::Str(s) => {
                h.write_u8(7);
                h.write(s.as_bytes())
            }
            Constant::Bytes(b) => {
                h.write_u8(8);
                h.write(b)
            }
            Constant::Tuple(items) | Constant::FrozenSet(items) => {
                h.write_u8(if matches!(c, Constant::Tuple(_)) { 9 } else { 10 });
                h.write_usize(items.len());
                for i in items {
                    feed(i, h)?;
                }
            }
            Constant::Ellipsis => h.write_u8(11),
            Constant::Code(_) => return None,
        }
        Some(())
    }
    let mut h = FxHasher::default();
    feed(c, &mut h)?;
    Some(h.finish())
}

/// Whether two constants without code objects are the same entry of a constant table: same
/// kind and value, floats compared by their bits.
fn const_same(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::None, Constant::None) | (Constant::Ellipsis, Constant::Ellipsis) => true,
        (Constant::Bool(x), Constant::Bool(y)) => x == y,
        (Constant::Int(x), Constant::Int(y)) => x == y,
        (Constant::BigInt(x), Constant::BigInt(y)) | (Constant::Bytes(x), Constant::Bytes(y)) => x == y,
        (Constant::Float(x), Constant::Float(y)) => x.to_bits() == y.to_bits(),
        (Constant::Complex { re: a, im: b }, Constant::Complex { re: c, im: d }) => {
            a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
        }
        (Constant::Str(x), Constant::Str(y)) => x == y,
        (Constant::Tuple(x), Constant::Tuple(y)) | (Constant::FrozenSet(x), Constant::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| const_same(p, q))
        }
        _ => false,
    }
}

impl<'a> Compiler<'a> {
    pub(crate) fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("unit")
    }
    pub(crate) fn ur(&self) -> &Unit<'a> {
        self.units.last().expect("unit")
    }
    pub(crate) fn ste(&self) -> &'a symtable::ScopeInfo {
        &self.st.scopes[self.ur().scope]
    }

    /// Starts a new code object for symbol-table scope `scope`.
    pub(crate) fn enter_unit(&mut self, kind: UnitKind, scope: usize, name: &str, firstlineno: u32) {
        let ste = &self.st.scopes[scope];
        let private = match self.units.last() {
            Some(p) => p.private.clone(),
            None => None,
        };
        let mut cellvars: Vec<String> = ste
            .symbols
            .iter()
            .filter(|(_, &f)| ((f >> symtable::flag::SCOPE_OFF) & 7) == Scope::Cell as u32)
            .map(|(n, _)| n.clone())
            .collect();
        // CPython 3.11 order (localsplus): cells that are parameters first, in parameter
        // order, then the other cells by name.
        let mut ordered: Vec<String> = ste.varnames.iter().filter(|v| cellvars.contains(v)).cloned().collect();
        ordered.extend(cellvars.iter().filter(|c| !ste.varnames.contains(c)).cloned());
        cellvars = ordered;
        if ste.needs_class_closure {
            cellvars = vec!["__class__".to_string()];
        }
        let freevars: Vec<String> = ste
            .symbols
            .iter()
            .filter(|(_, &f)| {
                ((f >> symtable::flag::SCOPE_OFF) & 7) == Scope::Free as u32 || f & symtable::flag::DEF_FREE_CLASS != 0
            })
            .map(|(n, _)| n.clone())
            .collect();
        let qualname = self.qualname_for(kind, name);
        let mut u = Unit {
            kind,
            scope,
            instrs: Vec::new(),
            labels: Vec::new(),
            label_stacks: FxHashMap::default(),
            handlers: Vec::new(),
            handler_stack: Vec::new(),
            fblocks: Vec::new(),
            consts: Vec::new(),
            const_index: FxHashMap::default(),
            names: Vec::new(),
            varnames: ste.varnames.clone(),
            cellvars,
            freevars,
            pos: Position { line: firstlineno, end_line: firstlineno, col: 0, end_col: 0 },
            name: name.to_string(),
            qualname,
            firstlineno,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            private,
        };
        if kind == UnitKind::Module {
            u.pos = Position::default();
        }
        self.units.push(u);
    }

    fn qualname_for(&self, kind: UnitKind, name: &str) -> String {
        let Some(parent) = self.units.last() else { return name.to_string() };
        if parent.kind == UnitKind::Module {
            return name.to_string();
        }
        if matches!(kind, UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class) {
            let m = mangle(parent.private.as_deref(), name);
            if self.st.scopes[parent.scope].scope_of(&m) == Scope::GlobalExplicit {
                return name.to_string();
            }
        }
        if matches!(parent.kind, UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda) {
            format!("{}.<locals>.{}", parent.qualname, name)
        } else {
            format!("{}.{}", parent.qualname, name)
        }
    }

    /// Finishes the current unit and assembles it.
    pub(crate) fn exit_unit(&mut self) -> CResult<CodeObject> {
        let u = self.units.pop().expect("unit");
        let ste = &self.st.scopes[u.scope];
        let mut fl = 0;
        if ste.kind == BlockKind::Function {
            fl |= flags::NEWLOCALS | flags::OPTIMIZED;
            if ste.nested {
                fl |= flags::NESTED;
            }
            if ste.generator && !ste.coroutine {
                fl |= flags::GENERATOR;
            }
            if !ste.generator && ste.coroutine {
                fl |= flags::COROUTINE;
            }
            if ste.generator && ste.coroutine {
                fl |= flags::ASYNC_GENERATOR;
            }
            if ste.varargs {
                fl |= flags::VARARGS;
            }
            if ste.varkeywords {
                fl |= flags::VARKEYWORDS;
            }
        }
        // CPython 3.11 no longer sets CO_NOFREE.
        if self.future_annotations {
            fl |= flags::FUTURE_ANNOTATIONS;
        }
        assemble::assemble(u, fl, &self.filename)
    }

    // ---- emission -------------------------------------------------------------------------

    pub(crate) fn new_label(&mut self) -> Label {
        let u = self.u();
        u.labels.push(None);
        Label(u.labels.len() - 1)
    }

    pub(crate) fn bind(&mut self, l: Label) {
        let u = self.u();
        u.labels[l.0] = Some(u.instrs.len());
        if let Some(s) = u.label_stacks.get(&l.0) {
            u.handler_stack = s.clone();
        }
    }

    pub(crate) fn emit(&mut self, op: Opcode, arg: u32) {
        let u = self.u();
        let handler = u.handler_stack.last().copied();
        let pos = u.pos;
        u.instrs.push(Instr { op, arg, target: None, pos, handler });
    }

    pub(crate) fn jump(&mut self, op: Opcode, target: Label) {
        let u = self.u();
        let handler = u.handler_stack.last().copied();
        let pos = u.pos;
        if !u.label_stacks.contains_key(&target.0) && u.labels[target.0].is_none() {
            u.label_stacks.insert(target.0, u.handler_stack.clone());
        }
        u.instrs.push(Instr { op, arg: 0, target: Some(target), pos, handler });
    }

    /// Emits a `SETUP_*` pseudo-op and opens its handler region.
    pub(crate) fn setup(&mut self, op: Opcode, target: Label) {
        self.jump(op, target);
        let u = self.u();
        let setup = u.instrs.len() - 1;
        u.handlers.push(Handler { target, lasti: op != Opcode::SETUP_FINALLY, setup });
        let h = u.handlers.len() - 1;
        u.handler_stack.push(h);
    }

    /// `compiler_push_fblock`: at most 20 (`CO_MAXBLOCKS`) nested blocks, as CPython.
    pub(crate) fn push_fblock(&mut self, fb: FBlock<'a>) -> CResult {
        if self.ur().fblocks.len() >= 20 {
            let p = self.ur().pos;
            let loc = Loc { lineno: p.line, col_offset: p.col, end_lineno: p.end_line, end_col_offset: p.end_col };
            return Err(error_at("too many statically nested blocks", loc));
        }
        self.u().fblocks.push(fb);
        Ok(())
    }

    /// `POP_BLOCK`: closes the innermost handler region.
    pub(crate) fn pop_block(&mut self) {
        self.u().handler_stack.pop();
    }

    pub(crate) fn handler_snapshot(&self) -> Vec<usize> {
        self.ur().handler_stack.clone()
    }
    pub(crate) fn handler_restore(&mut self, s: Vec<usize>) {
        self.u().handler_stack = s;
    }

    pub(crate) fn add_const(&mut self, c: Constant) -> u32 {
        let u = self.u();
        if let Some(fp) = const_fingerprint(&c) {
            if let Some(&i) = u.const_index.get(&fp) {
                if const_same(&u.consts[i as usize], &c) {
                    return i;
                }
                // Two different constants with one fingerprint (rare): search them all.
                if let Some(i) = u.consts.iter().position(|x| const_same(x, &c)) {
                    return i as u32;
                }
            }
            u.consts.push(c);
            let i = (u.consts.len() - 1) as u32;
            u.const_index.entry(fp).or_insert(i);
            i
        } else {
            // Code objects are deduplicated by value, as CPython does (a `finally` body is
            // compiled twice and must not yield two functions).
            if let Some(i) = u.consts.iter().position(|x| x == &c) {
                return i as u32;
            }
            u.consts.push(c);
            (u.consts.len() - 1) as u32
        }
    }

    pub(crate) fn load_const(&mut self, c: Constant) {
        let i = self.add_const(c);
        self.emit(Opcode::LOAD_CONST, i);
    }

    pub(crate) fn add_name(&mut self, n: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.names.iter().position(|x| x == n) {
            return i as u32;
        }
        u.names.push(n.to_string());
        (u.names.len() - 1) as u32
    }

    /// `n` mangled for the current class (`__x` -> `_C__x`), borrowed when unchanged.
    pub(crate) fn mangle<'n>(&self, n: &'n str) -> std::borrow::Cow<'n, str> {
        symtable::mangle_cow(self.ur().private.as_deref(), n)
    }

    /// Emits `op` with the mangled `name` as a `co_names` argument.
    pub(crate) fn emit_name(&mut self, op: Opcode, name: &str) {
        let m = self.mangle(name);
        let i = self.add_name(&m);
        self.emit(op, i);
    }

    fn varname_index(&mut self, n: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.varnames.iter().position(|x| x == n) {
            return i as u32;
        }
        u.varnames.push(n.to_string());
        (u.varnames.len() - 1) as u32
    }

    fn deref_index(&self, n: &str) -> u32 {
        let u = self.ur();
        if let Some(i) = u.cellvars.iter().position(|x| x == n) {
            return i as u32;
        }
        let i = u.freevars.iter().position(|x| x == n).unwrap_or(0);
        (u.cellvars.len() + i) as u32
    }

    /// `compiler_nameop`: the load/store/delete of a variable, picking FAST/DEREF/GLOBAL/NAME
    /// from the symbol table as CPython does.
    pub(crate) fn nameop(&mut self, name: &str, ctx: Ctx) {
        let m = self.mangle(name);
        let ste = self.ste();
        let scope = ste.scope_of(&m);
        let is_func = ste.kind == BlockKind::Function;
        let is_class = ste.kind == BlockKind::Class;
        enum K {
            Fast,
            Deref,
            Global,
            Name,
        }
        let k = match scope {
            Scope::Free | Scope::Cell => K::Deref,
            Scope::Local if is_func => K::Fast,
            Scope::GlobalImplicit if is_func => K::Global,
            Scope::GlobalExplicit => K::Global,
            _ => K::Name,
        };
        use Opcode::*;
        match k {
            K::Fast => {
                let i = self.varname_index(&m);
                self.emit(
                    match ctx {
                        Ctx::Load => LOAD_FAST,
                        Ctx::Store => STORE_FAST,
                        Ctx::Del => DELETE_FAST,
                    },
                    i,
                );
            }
            K::Deref => {
                let i = self.deref_index(&m);
                let op = match ctx {
                    Ctx::Load if is_class => LOAD_CLASSDEREF,
                    Ctx::Load => LOAD_DEREF,
                    Ctx::Store => STORE_DEREF,
                    Ctx::Del => DELETE_DEREF,
                };
                self.emit(op, i);
            }
            K::Global | K::Name => {
                let i = self.add_name(&m);
                let g = matches!(k, K::Global);
                let op = match (ctx, g) {
                    (Ctx::Load, true) => LOAD_GLOBAL,
                    (Ctx::Store, true) => STORE_GLOBAL,
                    (Ctx::Del, true) => DELETE_GLOBAL,
                    (Ctx::Load, false) => LOAD_NAME,
                    (Ctx::Store, false) => STORE_NAME,
                    (Ctx::Del, false) => DELETE_NAME,
                };
                self.emit(op, i);
            }
        }
    }

    /// `compiler_make_closure`: pushes the closure tuple (if the code has free variables), the
    /// code constant and `MAKE_FUNCTION flags`.
    pub(crate) fn make_closure(&mut self, code: CodeObject, mut fl: u32) {
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                let u = self.ur();
                let is_class_cell = u.kind == UnitKind::Class && name == "__class__";
                let idx = if is_class_cell {
                    0
                } else {
                    match u.cellvars.iter().position(|x| x == name) {
                        Some(i) => i as u32,
                        None => (u.cellvars.len() + u.freevars.iter().position(|x| x == name).unwrap_or(0)) as u32,
                    }
                };
                self.emit(Opcode::LOAD_CLOSURE, idx);
            }
            self.emit(Opcode::BUILD_TUPLE, code.freevars.len() as u32);
            fl |= format::opcode::make_function::CLOSURE;
        }
        self.load_const(Constant::Code(Box::new(code)));
        self.emit(Opcode::MAKE_FUNCTION, fl);
    }

    /// Pushes the value of an annotation: the expression, or under PEP 563 its unparsed text.
    pub(crate) fn annotation(&mut self, e: &'a Expr) -> CResult {
        if self.future_annotations {
            let s = unparse::unparse(e, self.source);
            self.load_const(Constant::Str(s));
            Ok(())
        } else if let ExprKind::Starred { value, .. } = &e.kind {
            // PEP 646 `*args: *Ts`: CPython evaluates `Ts` and unpacks one item.
            self.expr(value)?;
            self.emit(Opcode::UNPACK_SEQUENCE, 1);
            Ok(())
        } else {
            self.expr(e)
        }
    }

    pub(crate) fn set_loc(&mut self, loc: Loc) -> Position {
        let p = pos_of(loc);
        std::mem::replace(&mut self.u().pos, p)
    }
    pub(crate) fn restore_loc(&mut self, p: Position) {
        self.u().pos = p;
    }

    pub(crate) fn scope_for_stmt(&self, s: &Stmt) -> usize {
        self.st.scope_for(s as *const Stmt as usize).unwrap_or(0)
    }
    pub(crate) fn scope_for_expr(&self, e: &Expr) -> usize {
        self.st.scope_for(e as *const Expr as usize).unwrap_or(0)
    }

    pub(crate) fn in_function(&self) -> bool {
        self.ste().kind == BlockKind::Function
    }
}

/// The docstring of a body: its first statement when that is a string constant expression.
pub(crate) fn docstring(body: &[Stmt]) -> Option<&str> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr { value }) => match &value.kind {
            ExprKind::Constant { value: ConstValue::Str(s), .. } => Some(s.as_str()),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests;
