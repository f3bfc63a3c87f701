//! `match` statements (PEP 634), following CPython 3.11's `compiler_match` and pattern helpers.

use super::*;

impl<'a> Compiler<'a> {
    pub(crate) fn match_stmt(&mut self, s: &'a Stmt, _subject: &'a Expr, _cases: &'a [MatchCase]) -> CResult {
        Err(error_at("match statements are not supported yet", s.loc))
    }
}
