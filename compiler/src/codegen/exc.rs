//! try/except/else/finally, except*, with, async with, async for, and the unwinding of frame
//! blocks by return/break/continue, in CPython 3.11's code shapes (zero-cost exception table:
//! `SETUP_*`/`POP_BLOCK` only delimit handler regions, see `assemble.rs`).

use super::*;
use Opcode::*;

impl<'a> Compiler<'a> {
    /// `compiler_unwind_fblock_stack`: emits the cleanup of every frame block up to the
    /// innermost loop (when `want_loop`) or all of them; returns that loop block. The caller
    /// restores the fblock and handler stacks afterwards.
    pub(crate) fn unwind_fblock_stack(&mut self, preserve: bool, want_loop: bool) -> CResult<Option<FBlock<'a>>> {
        loop {
            let Some(top) = self.ur().fblocks.last().cloned() else { return Ok(None) };
            if matches!(top, FBlock::ExceptionGroupHandler) {
                let loc = Loc {
                    lineno: self.ur().pos.line,
                    col_offset: self.ur().pos.col,
                    end_lineno: self.ur().pos.end_line,
                    end_col_offset: self.ur().pos.end_col,
                };
                return Err(error_at("'break', 'continue' and 'return' cannot appear in an except* block", loc));
            }
            if want_loop && matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
                return Ok(Some(top));
            }
            self.u().fblocks.pop();
            self.unwind_fblock(&top, preserve)?;
        }
    }

    /// `compiler_unwind_fblock`.
    pub(crate) fn unwind_fblock(&mut self, fb: &FBlock<'a>, preserve: bool) -> CResult {
        match fb {
            FBlock::WhileLoop { .. }
            | FBlock::ExceptionHandler
            | FBlock::ExceptionGroupHandler
            | FBlock::AsyncComprehension => {}
            FBlock::ForLoop { .. } => {
                if preserve {
                    self.emit(SWAP, 2);
                }
                self.emit(POP_TOP, 0);
            }
            FBlock::TryExcept => self.pop_block(),
            FBlock::FinallyTry { body } => {
                self.pop_block();
                if preserve {
                    self.push_fblock(FBlock::PopValue)?;
                }
                let saved = self.ur().pos;
                self.stmts(body)?;
                self.restore_loc(saved);
                if preserve {
                    self.u().fblocks.pop();
                }
            }
            FBlock::FinallyEnd => {
                if preserve {
                    self.emit(SWAP, 2);
                }
                self.emit(POP_TOP, 0);
                if preserve {
                    self.emit(SWAP, 2);
                }
                self.pop_block();
                self.emit(POP_EXCEPT, 0);
            }
            FBlock::With { loc, is_async } => {
                let saved = self.set_loc(*loc);
                self.pop_block();
                if preserve {
                    self.emit(SWAP, 2);
                }
                self.call_exit_with_nones();
                if *is_async {
                    self.emit(GET_AWAITABLE, 2);
                    self.load_const(Constant::None);
                    self.yield_from();
                }
                self.emit(POP_TOP, 0);
                self.restore_loc(saved);
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.pop_block();
                }
                if preserve {
                    self.emit(SWAP, 2);
                }
                self.pop_block();
                self.emit(POP_EXCEPT, 0);
                if let Some(n) = name {
                    self.load_const(Constant::None);
                    self.nameop(n, Ctx::Store);
                    self.nameop(n, Ctx::Del);
                }
            }
            FBlock::PopValue => {
                if preserve {
                    self.emit(SWAP, 2);
                }
                self.emit(POP_TOP, 0);
            }
        }
        Ok(())
    }

    pub(crate) fn call_exit_with_nones(&mut self) {
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.emit(CALL, 2);
    }

    /// `[exc_info, lasti, exc]`: restore the previous exception and re-raise.
    pub(crate) fn pop_except_and_reraise(&mut self) {
        self.emit(COPY, 3);
        self.emit(POP_EXCEPT, 0);
        self.emit(RERAISE, 1);
    }

    fn artificial(&mut self) {
        self.u().pos = Position::default();
    }

    pub(crate) fn try_finally(
        &mut self,
        s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        star: bool,
    ) -> CResult {
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.setup(SETUP_FINALLY, end);
        self.push_fblock(FBlock::FinallyTry { body: finalbody })?;
        if !handlers.is_empty() {
            if star {
                self.try_star_except(s, body, handlers, orelse)?;
            } else {
                self.try_except(s, body, handlers, orelse)?;
            }
        } else {
            self.stmts(body)?;
        }
        self.pop_block();
        self.u().fblocks.pop();
        self.stmts(finalbody)?;
        self.jump(JUMP, exit);
        // finally block (exceptional path)
        self.bind(end);
        self.artificial();
        self.setup(SETUP_CLEANUP, cleanup);
        self.emit(PUSH_EXC_INFO, 0);
        self.push_fblock(FBlock::FinallyEnd)?;
        self.stmts(finalbody)?;
        self.u().fblocks.pop();
        self.artificial();
        self.emit(RERAISE, 0);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(exit);
        Ok(())
    }

    pub(crate) fn try_except(
        &mut self,
        _s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        let except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.setup(SETUP_FINALLY, except);
        self.push_fblock(FBlock::TryExcept)?;
        self.stmts(body)?;
        self.u().fblocks.pop();
        self.pop_block();
        self.stmts(orelse)?;
        self.jump(JUMP, end);
        self.bind(except);
        self.artificial();
        self.setup(SETUP_CLEANUP, cleanup);
        self.emit(PUSH_EXC_INFO, 0);
        self.push_fblock(FBlock::ExceptionHandler)?;
        let n = handlers.len();
        for (i, h) in handlers.iter().enumerate() {
            self.set_loc(h.loc);
            if h.type_.is_none() && i + 1 < n {
                return Err(error_at("default 'except:' must be last", h.loc));
            }
            let next = self.new_label();
            if let Some(t) = &h.type_ {
                self.expr(t)?;
                self.emit(CHECK_EXC_MATCH, 0);
                self.jump(POP_JUMP_IF_FALSE, next);
            }
            let snap = self.handler_snapshot();
            if let Some(name) = &h.name {
                let cleanup_end = self.new_label();
                self.nameop(name, Ctx::Store);
                self.setup(SETUP_CLEANUP, cleanup_end);
                self.push_fblock(FBlock::HandlerCleanup { name: Some(name.clone()) })?;
                self.stmts(&h.body)?;
                self.u().fblocks.pop();
                self.artificial();
                self.pop_block();
                self.pop_block();
                self.emit(POP_EXCEPT, 0);
                self.load_const(Constant::None);
                self.nameop(name, Ctx::Store);
                self.nameop(name, Ctx::Del);
                self.jump(JUMP, end);
                self.bind(cleanup_end);
                self.artificial();
                self.load_const(Constant::None);
                self.nameop(name, Ctx::Store);
                self.nameop(name, Ctx::Del);
                self.emit(RERAISE, 1);
            } else {
                self.emit(POP_TOP, 0);
                self.push_fblock(FBlock::HandlerCleanup { name: None })?;
                self.stmts(&h.body)?;
                self.u().fblocks.pop();
                self.artificial();
                self.pop_block();
                self.emit(POP_EXCEPT, 0);
                self.jump(JUMP, end);
            }
            self.handler_restore(snap);
            self.bind(next);
        }
        self.artificial();
        self.u().fblocks.pop();
        self.emit(RERAISE, 0);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    /// `compiler_try_star_except` (PEP 654).
    pub(crate) fn try_star_except(
        &mut self,
        _s: &'a Stmt,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        let mut except = self.new_label();
        let orelse_l = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let reraise_star = self.new_label();
        self.setup(SETUP_FINALLY, except);
        self.push_fblock(FBlock::TryExcept)?;
        self.stmts(body)?;
        self.u().fblocks.pop();
        self.pop_block();
        self.jump(JUMP, orelse_l);
        let n = handlers.len();
        self.bind(except);
        self.artificial();
        self.setup(SETUP_CLEANUP, cleanup);
        self.emit(PUSH_EXC_INFO, 0);
        self.push_fblock(FBlock::ExceptionGroupHandler)?;
        for (i, h) in handlers.iter().enumerate() {
            self.set_loc(h.loc);
            let next_except = self.new_label();
            except = next_except;
            let except_with_error = self.new_label();
            let no_match = self.new_label();
            if i == 0 {
                self.emit(BUILD_LIST, 0);
                self.emit(COPY, 2);
            }
            if let Some(t) = &h.type_ {
                self.expr(t)?;
                self.emit(CHECK_EG_MATCH, 0);
                self.emit(COPY, 1);
                self.jump(POP_JUMP_IF_NONE, no_match);
            }
            let cleanup_end = self.new_label();
            match &h.name {
                Some(name) => self.nameop(name, Ctx::Store),
                None => self.emit(POP_TOP, 0),
            }
            self.setup(SETUP_CLEANUP, cleanup_end);
            self.push_fblock(FBlock::HandlerCleanup { name: h.name.clone() })?;
            self.stmts(&h.body)?;
            self.u().fblocks.pop();
            self.artificial();
            self.pop_block();
            if let Some(name) = &h.name {
                self.load_const(Constant::None);
                self.nameop(name, Ctx::Store);
                self.nameop(name, Ctx::Del);
            }
            self.jump(JUMP, except);
            self.bind(cleanup_end);
            self.artificial();
            if let Some(name) = &h.name {
                self.load_const(Constant::None);
                self.nameop(name, Ctx::Store);
                self.nameop(name, Ctx::Del);
            }
            self.emit(LIST_APPEND, 3);
            self.emit(POP_TOP, 0);
            self.jump(JUMP, except_with_error);
            self.bind(except);
            self.emit(NOP, 0);
            self.jump(JUMP, except_with_error);
            self.bind(no_match);
            self.emit(POP_TOP, 0);
            self.bind(except_with_error);
            if i + 1 == n {
                self.emit(LIST_APPEND, 1);
                self.jump(JUMP, reraise_star);
            }
        }
        self.artificial();
        self.u().fblocks.pop();
        let reraise = self.new_label();
        self.bind(reraise_star);
        self.emit(PREP_RERAISE_STAR, 0);
        self.emit(COPY, 1);
        self.jump(POP_JUMP_IF_NOT_NONE, reraise);
        self.emit(POP_TOP, 0);
        self.pop_block();
        self.emit(POP_EXCEPT, 0);
        self.jump(JUMP, end);
        self.bind(reraise);
        self.pop_block();
        self.emit(SWAP, 2);
        self.emit(POP_EXCEPT, 0);
        self.emit(RERAISE, 0);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(orelse_l);
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    pub(crate) fn with(&mut self, s: &'a Stmt, items: &'a [WithItem], pos: usize, body: &'a [Stmt]) -> CResult {
        let Some(item) = items.get(pos) else { return self.stmts(body) };
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.expr(&item.context_expr)?;
        self.emit(BEFORE_WITH, 0);
        self.setup(SETUP_WITH, final_);
        self.push_fblock(FBlock::With { loc: s.loc, is_async: false })?;
        match &item.optional_vars {
            Some(v) => self.store_target(v)?,
            None => self.emit(POP_TOP, 0),
        }
        if pos + 1 == items.len() {
            self.stmts(body)?;
        } else {
            self.with(s, items, pos + 1, body)?;
        }
        self.pop_block();
        self.u().fblocks.pop();
        self.set_loc(s.loc);
        self.call_exit_with_nones();
        self.emit(POP_TOP, 0);
        self.jump(JUMP, exit);
        self.bind(final_);
        self.setup(SETUP_CLEANUP, cleanup);
        self.emit(PUSH_EXC_INFO, 0);
        self.emit(WITH_EXCEPT_START, 0);
        self.with_except_finish(cleanup);
        self.bind(exit);
        Ok(())
    }

    fn with_except_finish(&mut self, cleanup: Label) {
        self.artificial();
        let suppress = self.new_label();
        self.jump(POP_JUMP_IF_TRUE, suppress);
        self.emit(RERAISE, 2);
        self.bind(suppress);
        self.emit(POP_TOP, 0);
        self.pop_block();
        self.emit(POP_EXCEPT, 0);
        self.emit(POP_TOP, 0);
        self.emit(POP_TOP, 0);
        let exit = self.new_label();
        self.jump(JUMP, exit);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(exit);
    }

    fn check_async(&self, what: &str, loc: Loc) -> CResult {
        let k = self.ur().kind;
        if k != UnitKind::AsyncFunction && !(k == UnitKind::Comprehension && self.ste().coroutine) {
            return Err(error_at(format!("'{what}' outside async function"), loc));
        }
        Ok(())
    }

    pub(crate) fn async_with(&mut self, s: &'a Stmt, items: &'a [WithItem], pos: usize, body: &'a [Stmt]) -> CResult {
        self.check_async("async with", s.loc)?;
        let Some(item) = items.get(pos) else { return self.stmts(body) };
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.expr(&item.context_expr)?;
        self.emit(BEFORE_ASYNC_WITH, 0);
        self.emit(GET_AWAITABLE, 1);
        self.load_const(Constant::None);
        self.yield_from();
        self.setup(SETUP_WITH, final_);
        self.push_fblock(FBlock::With { loc: s.loc, is_async: true })?;
        match &item.optional_vars {
            Some(v) => self.store_target(v)?,
            None => self.emit(POP_TOP, 0),
        }
        if pos + 1 == items.len() {
            self.stmts(body)?;
        } else {
            self.async_with(s, items, pos + 1, body)?;
        }
        self.u().fblocks.pop();
        self.pop_block();
        self.set_loc(s.loc);
        self.call_exit_with_nones();
        self.emit(GET_AWAITABLE, 2);
        self.load_const(Constant::None);
        self.yield_from();
        self.emit(POP_TOP, 0);
        self.jump(JUMP, exit);
        self.bind(final_);
        self.setup(SETUP_CLEANUP, cleanup);
        self.emit(PUSH_EXC_INFO, 0);
        self.emit(WITH_EXCEPT_START, 0);
        self.emit(GET_AWAITABLE, 2);
        self.load_const(Constant::None);
        self.yield_from();
        self.with_except_finish(cleanup);
        self.bind(exit);
        Ok(())
    }

    pub(crate) fn async_for(
        &mut self,
        s: &'a Stmt,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult {
        self.check_async("async for", s.loc)?;
        let start = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        self.expr(iter)?;
        self.emit(GET_AITER, 0);
        self.bind(start);
        self.push_fblock(FBlock::ForLoop { start, exit: end })?;
        self.setup(SETUP_FINALLY, except);
        self.emit(GET_ANEXT, 0);
        self.load_const(Constant::None);
        self.yield_from();
        self.pop_block();
        self.store_target(target)?;
        self.stmts(body)?;
        self.jump(JUMP, start);
        self.u().fblocks.pop();
        self.bind(except);
        self.artificial();
        self.emit(END_ASYNC_FOR, 0);
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }
}
