//! Code generation for `match` statements (CPython's `codegen_pattern_*`).

use super::*;

impl<'a> Compiler<'a> {
    pub(super) fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> CResult {
        let _ = cases;
        Err(err_at(
            "match statements are not supported yet",
            subject.range,
        ))
    }
}
