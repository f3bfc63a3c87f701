//! Expression code generation (`compiler_visit_expr1` and helpers of CPython 3.11's compile.c).

use super::fold::{const_value, fold};
use super::*;
use format::opcode::{make_function, BinaryOpKind, CompareOpKind};
use Opcode::*;

const STACK_USE_GUIDELINE: usize = 30;

pub(crate) fn binop_kind(op: Operator, inplace: bool) -> u32 {
    let k = match op {
        Operator::Add => BinaryOpKind::Add,
        Operator::Sub => BinaryOpKind::Subtract,
        Operator::Mult => BinaryOpKind::Multiply,
        Operator::MatMult => BinaryOpKind::MatrixMultiply,
        Operator::Div => BinaryOpKind::TrueDivide,
        Operator::Mod => BinaryOpKind::Remainder,
        Operator::Pow => BinaryOpKind::Power,
        Operator::LShift => BinaryOpKind::LShift,
        Operator::RShift => BinaryOpKind::RShift,
        Operator::BitOr => BinaryOpKind::Or,
        Operator::BitXor => BinaryOpKind::Xor,
        Operator::BitAnd => BinaryOpKind::And,
        Operator::FloorDiv => BinaryOpKind::FloorDivide,
    };
    k as u32 + if inplace { 13 } else { 0 }
}

fn is_const(e: &Expr) -> bool {
    fold(e).is_some()
}

impl<'a> Compiler<'a> {
    /// Visits an expression, leaving its value on the stack.
    pub(crate) fn expr(&mut self, e: &'a Expr) -> CResult {
        let saved = self.set_loc(e.loc);
        let r = self.expr_inner(e);
        self.restore_loc(saved);
        r
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult {
        if !matches!(e.kind, ExprKind::Constant { .. }) {
            if let Some(c) = fold(e) {
                self.load_const(c);
                return Ok(());
            }
        }
        match &e.kind {
            ExprKind::Constant { value, .. } => self.load_const(const_value(value)),
            ExprKind::Name { id, ctx } => {
                if id == "__debug__" {
                    // The AST optimizer folds `__debug__` (no -O), and the compiler refuses to bind it.
                    match ctx {
                        ExprContext::Load => self.load_const(Constant::Bool(self.optimize == 0)),
                        ExprContext::Store => return Err(error_at("cannot assign to __debug__", e.loc)),
                        ExprContext::Del => return Err(error_at("cannot delete __debug__", e.loc)),
                    }
                    return Ok(());
                }
                self.nameop(id, ctx_of(*ctx))
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let jop = if *op == BoolOp::And { JUMP_IF_FALSE_OR_POP } else { JUMP_IF_TRUE_OR_POP };
                let n = values.len();
                for v in &values[..n.saturating_sub(1)] {
                    self.expr(v)?;
                    self.jump(jop, end);
                }
                if let Some(last) = values.last() {
                    self.expr(last)?;
                }
                self.bind(end);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(COPY, 1);
                self.store_target(target)?;
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(BINARY_OP, binop_kind(*op, false));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(
                    match op {
                        UnaryOp::Invert => UNARY_INVERT,
                        UnaryOp::Not => UNARY_NOT,
                        UnaryOp::UAdd => UNARY_POSITIVE,
                        UnaryOp::USub => UNARY_NEGATIVE,
                    },
                    0,
                );
            }
            ExprKind::Lambda { args, body } => self.lambda(e, args, body)?,
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(test, next, false)?;
                self.expr(body)?;
                self.jump(JUMP, end);
                self.bind(next);
                self.expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Dict { keys, values } => self.dict(keys, values)?,
            ExprKind::Set { elts } => self.starunpack(elts, 0, BUILD_SET, SET_ADD, SET_UPDATE, false)?,
            ExprKind::List { elts, ctx } => match ctx {
                ExprContext::Load => self.starunpack(elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, false)?,
                ExprContext::Store => self.unpack_store(elts, e.loc)?,
                ExprContext::Del => {
                    for x in elts {
                        self.expr(x)?;
                    }
                }
            },
            ExprKind::Tuple { elts, ctx } => match ctx {
                ExprContext::Load => self.starunpack(elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true)?,
                ExprContext::Store => self.unpack_store(elts, e.loc)?,
                ExprContext::Del => {
                    for x in elts {
                        self.expr(x)?;
                    }
                }
            },
            ExprKind::ListComp { elt, generators } => self.comprehension(e, "<listcomp>", generators, elt, None)?,
            ExprKind::SetComp { elt, generators } => self.comprehension(e, "<setcomp>", generators, elt, None)?,
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, "<dictcomp>", generators, key, Some(value))?
            }
            ExprKind::GeneratorExp { elt, generators } => self.comprehension(e, "<genexpr>", generators, elt, None)?,
            ExprKind::Yield { value } => {
                if !self.in_function() {
                    return Err(error_at("'yield' outside function", e.loc));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                if self.ur().kind == UnitKind::AsyncFunction {
                    self.emit(ASYNC_GEN_WRAP, 0);
                }
                self.emit(YIELD_VALUE, 0);
            }
            ExprKind::YieldFrom { value } => {
                if !self.in_function() {
                    return Err(error_at("'yield' outside function", e.loc));
                }
                if self.ur().kind == UnitKind::AsyncFunction {
                    return Err(error_at("'yield from' inside async function", e.loc));
                }
                self.expr(value)?;
                self.emit(GET_YIELD_FROM_ITER, 0);
                self.load_const(Constant::None);
                self.yield_from();
            }
            ExprKind::Await { value } => {
                if !self.in_function() {
                    return Err(error_at("'await' outside function", e.loc));
                }
                let k = self.ur().kind;
                if k != UnitKind::AsyncFunction && k != UnitKind::Comprehension {
                    return Err(error_at("'await' outside async function", e.loc));
                }
                self.expr(value)?;
                self.emit(GET_AWAITABLE, 0);
                self.load_const(Constant::None);
                self.yield_from();
            }
            ExprKind::Compare { left, ops, comparators } => self.compare(left, ops, comparators)?,
            ExprKind::Call { func, args, keywords } => self.call(func, args, keywords)?,
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.expr(value)?;
                let mut oparg = match *conversion {
                    115 => 1,
                    114 => 2,
                    97 => 3,
                    _ => 0,
                };
                if let Some(spec) = format_spec {
                    self.expr(spec)?;
                    oparg |= 4;
                }
                self.emit(FORMAT_VALUE, oparg);
            }
            ExprKind::JoinedStr { values } => {
                if values.len() > STACK_USE_GUIDELINE {
                    self.load_const(Constant::Str(String::new()));
                    self.emit_name(LOAD_METHOD, "join");
                    self.emit(BUILD_LIST, 0);
                    for v in values {
                        self.expr(v)?;
                        self.emit(LIST_APPEND, 1);
                    }
                    self.emit(CALL, 1);
                } else {
                    for v in values {
                        self.expr(v)?;
                    }
                    if values.len() != 1 {
                        self.emit(BUILD_STRING, values.len() as u32);
                    }
                }
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.expr(value)?;
                let saved = self.attr_loc(e);
                match ctx {
                    ExprContext::Load => self.emit_name(LOAD_ATTR, attr),
                    ExprContext::Store => self.emit_name(STORE_ATTR, attr),
                    ExprContext::Del => self.emit_name(DELETE_ATTR, attr),
                }
                self.restore_loc(saved);
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.expr(value)?;
                self.expr(slice)?;
                match ctx {
                    ExprContext::Load => self.emit(BINARY_SUBSCR, 0),
                    ExprContext::Store => self.emit(STORE_SUBSCR, 0),
                    ExprContext::Del => self.emit(DELETE_SUBSCR, 0),
                }
            }
            ExprKind::Starred { value, ctx } => match ctx {
                ExprContext::Store => {
                    return Err(error_at("starred assignment target must be in a list or tuple", e.loc))
                }
                _ => {
                    let _ = value;
                    return Err(error_at("can't use starred expression here", e.loc));
                }
            },
            ExprKind::Slice { lower, upper, step } => {
                let mut n = 2;
                match lower {
                    Some(x) => self.expr(x)?,
                    None => self.load_const(Constant::None),
                }
                match upper {
                    Some(x) => self.expr(x)?,
                    None => self.load_const(Constant::None),
                }
                if let Some(x) = step {
                    self.expr(x)?;
                    n = 3;
                }
                self.emit(BUILD_SLICE, n);
            }
        }
        Ok(())
    }

    /// CPython 3.11 reports attribute loads at the attribute name's line (`update_start_location_to_match_attr`).
    fn attr_loc(&mut self, e: &Expr) -> Position {
        let p = self.ur().pos;
        if let ExprKind::Attribute { value, .. } = &e.kind {
            if value.loc.end_lineno != e.loc.end_lineno {
                let mut np = p;
                np.line = e.loc.end_lineno;
                np.col = 0;
                self.u().pos = np;
            }
        }
        p
    }

    /// Stores TOS into an assignment target (`Name`, `Attribute`, `Subscript`, `Tuple`, `List`).
    pub(crate) fn store_target(&mut self, t: &'a Expr) -> CResult {
        self.expr(t)
    }

    fn unpack_store(&mut self, elts: &'a [Expr], loc: Loc) -> CResult {
        let mut star: Option<usize> = None;
        for (i, x) in elts.iter().enumerate() {
            if matches!(x.kind, ExprKind::Starred { .. }) {
                if star.is_some() {
                    return Err(error_at("multiple starred expressions in assignment", x.loc));
                }
                star = Some(i);
            }
        }
        let n = elts.len();
        match star {
            Some(i) => {
                let after = n - i - 1;
                if i >= 256 || after >= (1 << 24) {
                    return Err(error_at("too many expressions in star-unpacking assignment", loc));
                }
                self.emit(UNPACK_EX, (i as u32) | ((after as u32) << 8));
            }
            None => self.emit(UNPACK_SEQUENCE, n as u32),
        }
        for x in elts {
            match &x.kind {
                ExprKind::Starred { value, .. } => self.expr(value)?,
                _ => self.expr(x)?,
            }
        }
        Ok(())
    }

    /// `starunpack_helper`: list/tuple/set displays (and call argument tuples), with
    /// `pushed` items already on the stack.
    pub(crate) fn starunpack(
        &mut self,
        elts: &'a [Expr],
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult {
        let n = elts.len();
        let seen_star = elts.iter().any(|x| matches!(x.kind, ExprKind::Starred { .. }));
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        if n > 2 && elts.iter().all(is_const) {
            let items: Vec<Constant> = elts.iter().filter_map(fold).collect();
            if tuple && pushed == 0 {
                self.load_const(Constant::Tuple(items));
            } else {
                self.emit(build, pushed);
                if build == BUILD_SET {
                    self.load_const(Constant::FrozenSet(items));
                } else {
                    self.load_const(Constant::Tuple(items));
                }
                self.emit(extend, 1);
                if tuple {
                    self.emit(LIST_TO_TUPLE, 0);
                }
            }
            return Ok(());
        }
        if !seen_star && !big {
            for x in elts {
                self.expr(x)?;
            }
            self.emit(if tuple { BUILD_TUPLE } else { build }, n as u32 + pushed);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit(build, pushed);
            built = true;
        }
        for (i, x) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &x.kind {
                if !built {
                    self.emit(build, i as u32 + pushed);
                    built = true;
                }
                self.expr(value)?;
                self.emit(extend, 1);
            } else {
                self.expr(x)?;
                if built {
                    self.emit(add, 1);
                }
            }
        }
        if !built {
            self.emit(build, n as u32 + pushed);
        }
        if tuple {
            self.emit(LIST_TO_TUPLE, 0);
        }
        Ok(())
    }

    fn subdict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr], begin: usize, end: usize) -> CResult {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        let key_consts: Option<Vec<Constant>> = keys[begin..end].iter().map(|k| k.as_ref().and_then(fold)).collect();
        if n > 1 && !big {
            if let Some(ks) = key_consts {
                for v in &values[begin..end] {
                    self.expr(v)?;
                }
                self.load_const(Constant::Tuple(ks));
                self.emit(BUILD_CONST_KEY_MAP, n as u32);
                return Ok(());
            }
        }
        if big {
            self.emit(BUILD_MAP, 0);
        }
        for i in begin..end {
            if let Some(k) = &keys[i] {
                self.expr(k)?;
            }
            self.expr(&values[i])?;
            if big {
                self.emit(MAP_ADD, 1);
            }
        }
        if !big {
            self.emit(BUILD_MAP, n as u32);
        }
        Ok(())
    }

    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult {
        let n = values.len().min(keys.len());
        let mut elements = 0;
        let mut have_dict = false;
        for i in 0..n {
            if keys[i].is_none() {
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.emit(DICT_UPDATE, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(BUILD_MAP, 0);
                    have_dict = true;
                }
                self.expr(&values[i])?;
                self.emit(DICT_UPDATE, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.emit(DICT_UPDATE, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.emit(DICT_UPDATE, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(BUILD_MAP, 0);
        }
        Ok(())
    }

    fn cmpop(&mut self, op: CmpOp) {
        match op {
            CmpOp::Eq => self.emit(COMPARE_OP, CompareOpKind::Eq as u32),
            CmpOp::NotEq => self.emit(COMPARE_OP, CompareOpKind::Ne as u32),
            CmpOp::Lt => self.emit(COMPARE_OP, CompareOpKind::Lt as u32),
            CmpOp::LtE => self.emit(COMPARE_OP, CompareOpKind::Le as u32),
            CmpOp::Gt => self.emit(COMPARE_OP, CompareOpKind::Gt as u32),
            CmpOp::GtE => self.emit(COMPARE_OP, CompareOpKind::Ge as u32),
            CmpOp::Is => self.emit(IS_OP, 0),
            CmpOp::IsNot => self.emit(IS_OP, 1),
            CmpOp::In => self.emit(CONTAINS_OP, 0),
            CmpOp::NotIn => self.emit(CONTAINS_OP, 1),
        }
    }

    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comps: &'a [Expr]) -> CResult {
        self.expr(left)?;
        let n = ops.len().min(comps.len());
        if n == 0 {
            return Ok(());
        }
        if n == 1 {
            self.expr(&comps[0])?;
            self.cmpop(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n - 1 {
            self.expr(&comps[i])?;
            self.emit(SWAP, 2);
            self.emit(COPY, 2);
            self.cmpop(ops[i]);
            self.jump(JUMP_IF_FALSE_OR_POP, cleanup);
        }
        self.expr(&comps[n - 1])?;
        self.cmpop(ops[n - 1]);
        let end = self.new_label();
        self.jump(JUMP, end);
        self.bind(cleanup);
        self.emit(SWAP, 2);
        self.emit(POP_TOP, 0);
        self.bind(end);
        Ok(())
    }

    /// `compiler_jump_if`: evaluates `e` and jumps to `target` when its truth equals `cond`.
    pub(crate) fn jump_if(&mut self, e: &'a Expr, target: Label, cond: bool) -> CResult {
        let saved = self.set_loc(e.loc);
        let r = self.jump_if_inner(e, target, cond);
        self.restore_loc(saved);
        r
    }

    fn jump_if_inner(&mut self, e: &'a Expr, target: Label, cond: bool) -> CResult {
        if let Some(c) = fold(e) {
            if super::stmt::const_truth(&c) == cond {
                self.jump(JUMP, target);
            }
            return Ok(());
        }
        match &e.kind {
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => return self.jump_if(operand, target, !cond),
            ExprKind::BoolOp { op, values } => {
                let cond2 = *op == BoolOp::Or;
                let next2 = if cond2 != cond { Some(self.new_label()) } else { None };
                let t2 = next2.unwrap_or(target);
                let n = values.len();
                for v in &values[..n.saturating_sub(1)] {
                    self.jump_if(v, t2, cond2)?;
                }
                if let Some(last) = values.last() {
                    self.jump_if(last, target, cond)?;
                }
                if let Some(l) = next2 {
                    self.bind(l);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(test, next2, false)?;
                self.jump_if(body, target, cond)?;
                self.jump(JUMP, end);
                self.bind(next2);
                self.jump_if(orelse, target, cond)?;
                self.bind(end);
                return Ok(());
            }
            ExprKind::Compare { left, ops, comparators }
                if ops.len() == 1
                    && matches!(ops[0], CmpOp::Is | CmpOp::IsNot)
                    && matches!(
                        comparators.first().map(|c| &c.kind),
                        Some(ExprKind::Constant { value: ConstValue::None, .. })
                    ) =>
            {
                // `x is None` / `x is not None`: POP_JUMP_IF_NONE / POP_JUMP_IF_NOT_NONE.
                self.expr(left)?;
                let is = ops[0] == CmpOp::Is;
                self.jump(if is == cond { POP_JUMP_IF_NONE } else { POP_JUMP_IF_NOT_NONE }, target);
                return Ok(());
            }
            ExprKind::Compare { left, ops, comparators } if ops.len() > 1 && comparators.len() == ops.len() => {
                let n = ops.len();
                self.expr(left)?;
                let cleanup = self.new_label();
                for i in 0..n - 1 {
                    self.expr(&comparators[i])?;
                    self.emit(SWAP, 2);
                    self.emit(COPY, 2);
                    self.cmpop(ops[i]);
                    self.jump(POP_JUMP_IF_FALSE, cleanup);
                }
                self.expr(&comparators[n - 1])?;
                self.cmpop(ops[n - 1]);
                self.jump(if cond { POP_JUMP_IF_TRUE } else { POP_JUMP_IF_FALSE }, target);
                let end = self.new_label();
                self.jump(JUMP, end);
                self.bind(cleanup);
                self.emit(POP_TOP, 0);
                if !cond {
                    self.jump(JUMP, target);
                }
                self.bind(end);
                return Ok(());
            }
            _ => {}
        }
        self.expr(e)?;
        self.jump(if cond { POP_JUMP_IF_TRUE } else { POP_JUMP_IF_FALSE }, target);
        Ok(())
    }

    fn call(&mut self, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult {
        // maybe_optimize_method_call
        if let ExprKind::Attribute { value, attr, ctx: ExprContext::Load } = &func.kind {
            let simple = !args.iter().any(|a| matches!(a.kind, ExprKind::Starred { .. }))
                && !keywords.iter().any(|k| k.arg.is_none())
                && args.len() + keywords.len() < STACK_USE_GUIDELINE;
            if simple {
                self.expr(value)?;
                let saved = self.attr_loc(func);
                self.emit_name(LOAD_METHOD, attr);
                self.restore_loc(saved);
                for a in args {
                    self.expr(a)?;
                }
                self.kw_values(keywords)?;
                self.kw_names(keywords);
                self.emit(CALL, (args.len() + keywords.len()) as u32);
                return Ok(());
            }
        }
        self.emit(PUSH_NULL, 0);
        self.expr(func)?;
        self.call_helper(0, args, keywords)
    }

    fn kw_values(&mut self, keywords: &'a [Keyword]) -> CResult {
        for k in keywords {
            self.expr(&k.value)?;
        }
        Ok(())
    }

    fn kw_names(&mut self, keywords: &[Keyword]) {
        if !keywords.is_empty() {
            let names: Vec<Constant> =
                keywords.iter().map(|k| Constant::Str(k.arg.clone().unwrap_or_default())).collect();
            let i = self.add_const(Constant::Tuple(names));
            self.emit(KW_NAMES, i);
        }
    }

    /// `compiler_call_helper`: `n` positional arguments are already on the stack.
    pub(crate) fn call_helper(&mut self, n: u32, args: &'a [Expr], keywords: &'a [Keyword]) -> CResult {
        // Check for duplicate keywords.
        for (i, k) in keywords.iter().enumerate() {
            if let Some(name) = &k.arg {
                if keywords[i + 1..].iter().any(|o| o.arg.as_deref() == Some(name)) {
                    let dup =
                        keywords[i + 1..].iter().find(|o| o.arg.as_deref() == Some(name)).map_or(k.loc, |o| o.loc);
                    return Err(error_at(format!("keyword argument repeated: {name}"), dup));
                }
            }
        }
        let ex = args.iter().any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none())
            || args.len() + keywords.len() + n as usize > STACK_USE_GUIDELINE;
        if !ex {
            for a in args {
                self.expr(a)?;
            }
            self.kw_values(keywords)?;
            self.kw_names(keywords);
            self.emit(CALL, n + (args.len() + keywords.len()) as u32);
            return Ok(());
        }
        // CALL_FUNCTION_EX: a tuple of positional args, then a dict of keyword args.
        self.starunpack_always_list(args, n)?;
        if !keywords.is_empty() {
            let mut have_dict = false;
            let mut nseen = 0usize;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(&keywords[i - nseen..i])?;
                        if have_dict {
                            self.emit(DICT_MERGE, 1);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.emit(BUILD_MAP, 0);
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.emit(DICT_MERGE, 1);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(&keywords[keywords.len() - nseen..])?;
                if have_dict {
                    self.emit(DICT_MERGE, 1);
                }
            }
            self.emit(CALL_FUNCTION_EX, 1);
        } else {
            self.emit(CALL_FUNCTION_EX, 0);
        }
        Ok(())
    }

    fn starunpack_always_list(&mut self, args: &'a [Expr], pushed: u32) -> CResult {
        let seen_star = args.iter().any(|x| matches!(x.kind, ExprKind::Starred { .. }));
        if !seen_star && args.len() + (pushed as usize) <= STACK_USE_GUIDELINE {
            for a in args {
                self.expr(a)?;
            }
            self.emit(BUILD_TUPLE, args.len() as u32 + pushed);
            return Ok(());
        }
        let mut built = false;
        for (i, x) in args.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &x.kind {
                if !built {
                    self.emit(BUILD_LIST, i as u32 + pushed);
                    built = true;
                }
                self.expr(value)?;
                self.emit(LIST_EXTEND, 1);
            } else {
                self.expr(x)?;
                if built {
                    self.emit(LIST_APPEND, 1);
                }
            }
        }
        if !built {
            self.emit(BUILD_LIST, args.len() as u32 + pushed);
        }
        self.emit(LIST_TO_TUPLE, 0);
        Ok(())
    }

    fn subkwargs(&mut self, kws: &'a [Keyword]) -> CResult {
        let n = kws.len();
        if n > 1 {
            for k in kws {
                self.expr(&k.value)?;
            }
            let keys = kws.iter().map(|k| Constant::Str(k.arg.clone().unwrap_or_default())).collect();
            self.load_const(Constant::Tuple(keys));
            self.emit(BUILD_CONST_KEY_MAP, n as u32);
        } else {
            for k in kws {
                self.load_const(Constant::Str(k.arg.clone().unwrap_or_default()));
                self.expr(&k.value)?;
            }
            self.emit(BUILD_MAP, n as u32);
        }
        Ok(())
    }

    /// `compiler_add_yield_from`: the SEND / YIELD_VALUE loop used by `yield from` and `await`.
    pub(crate) fn yield_from(&mut self) {
        let start = self.new_label();
        let exit = self.new_label();
        self.bind(start);
        self.jump(SEND, exit);
        self.emit(YIELD_VALUE, 0);
        self.jump(JUMP, start);
        self.bind(exit);
    }

    // ---- functions, lambdas, comprehensions --------------------------------------------------

    /// Pushes defaults / kw-defaults; returns the MAKE_FUNCTION flags for them.
    pub(crate) fn default_args(&mut self, args: &'a Arguments) -> CResult<u32> {
        let mut fl = 0;
        if !args.defaults.is_empty() {
            let consts: Option<Vec<Constant>> = args.defaults.iter().map(fold).collect();
            if let Some(items) = consts {
                self.load_const(Constant::Tuple(items));
            } else {
                for d in &args.defaults {
                    self.expr(d)?;
                }
                self.emit(BUILD_TUPLE, args.defaults.len() as u32);
            }
            fl |= make_function::DEFAULTS;
        }
        let mut nkw = 0;
        for (a, d) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = d {
                let m = self.mangle(&a.arg).into_owned();
                self.load_const(Constant::Str(m));
                self.expr(d)?;
                nkw += 1;
            }
        }
        if nkw > 0 {
            self.emit(BUILD_MAP, nkw);
            fl |= make_function::KWDEFAULTS;
        }
        Ok(fl)
    }

    fn lambda(&mut self, e: &'a Expr, args: &'a Arguments, body: &'a Expr) -> CResult {
        let fl = self.default_args(args)?;
        let scope = self.scope_for_expr(e);
        self.enter_unit(UnitKind::Lambda, scope, "<lambda>", e.loc.lineno);
        self.set_arg_counts(args);
        self.add_const(Constant::None);
        self.expr(body)?;
        self.emit(RETURN_VALUE, 0);
        let code = self.exit_unit()?;
        self.make_closure(code, fl);
        Ok(())
    }

    pub(crate) fn set_arg_counts(&mut self, args: &Arguments) {
        let u = self.u();
        u.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        u.posonlyargcount = args.posonlyargs.len() as u32;
        u.kwonlyargcount = args.kwonlyargs.len() as u32;
    }

    fn comprehension(
        &mut self,
        e: &'a Expr,
        name: &str,
        gens: &'a [Comprehension],
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult {
        let Some(first) = gens.first() else { return Ok(()) };
        let scope = self.scope_for_expr(e);
        let outer_kind = self.ur().kind;
        let is_gen = matches!(e.kind, ExprKind::GeneratorExp { .. });
        self.enter_unit(UnitKind::Comprehension, scope, name, e.loc.lineno);
        self.u().argcount = 1;
        let ste = &self.st.scopes[scope];
        let is_async_gen = ste.coroutine;
        if is_async_gen && !is_gen && outer_kind != UnitKind::AsyncFunction && outer_kind != UnitKind::Comprehension {
            return Err(error_at("asynchronous comprehension outside of an asynchronous function", e.loc));
        }
        if !is_gen {
            let op = match e.kind {
                ExprKind::ListComp { .. } => BUILD_LIST,
                ExprKind::SetComp { .. } => BUILD_SET,
                _ => BUILD_MAP,
            };
            self.emit(op, 0);
        }
        self.comp_generator(e, gens, 0, 0, elt, val)?;
        if !is_gen {
            self.emit(RETURN_VALUE, 0);
        } else {
            self.load_const(Constant::None);
            self.emit(RETURN_VALUE, 0);
        }
        let code = self.exit_unit()?;
        self.make_closure(code, 0);
        self.expr(&first.iter)?;
        if first.is_async {
            self.emit(GET_AITER, 0);
        } else {
            self.emit(GET_ITER, 0);
        }
        self.emit(CALL, 0);
        if is_async_gen && !is_gen {
            self.emit(GET_AWAITABLE, 0);
            self.load_const(Constant::None);
            self.yield_from();
        }
        Ok(())
    }

    fn comp_generator(
        &mut self,
        e: &'a Expr,
        gens: &'a [Comprehension],
        idx: usize,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult {
        let g = &gens[idx];
        if g.is_async {
            return self.async_comp_generator(e, gens, idx, depth, elt, val);
        }
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        if idx == 0 {
            self.emit(LOAD_FAST, 0);
        } else {
            self.expr(&g.iter)?;
            self.emit(GET_ITER, 0);
        }
        let depth = depth + 1;
        self.bind(start);
        self.jump(FOR_ITER, anchor);
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        self.comp_body(e, gens, idx, depth, elt, val)?;
        self.bind(if_cleanup);
        self.jump(JUMP, start);
        self.bind(anchor);
        Ok(())
    }

    fn comp_body(
        &mut self,
        e: &'a Expr,
        gens: &'a [Comprehension],
        idx: usize,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult {
        if idx + 1 < gens.len() {
            return self.comp_generator(e, gens, idx + 1, depth, elt, val);
        }
        match e.kind {
            ExprKind::GeneratorExp { .. } => {
                self.expr(elt)?;
                if self.ste().coroutine {
                    self.emit(ASYNC_GEN_WRAP, 0);
                }
                self.emit(YIELD_VALUE, 0);
                self.emit(POP_TOP, 0);
            }
            ExprKind::ListComp { .. } => {
                self.expr(elt)?;
                self.emit(LIST_APPEND, depth + 1);
            }
            ExprKind::SetComp { .. } => {
                self.expr(elt)?;
                self.emit(SET_ADD, depth + 1);
            }
            _ => {
                self.expr(elt)?;
                if let Some(v) = val {
                    self.expr(v)?;
                }
                self.emit(MAP_ADD, depth + 1);
            }
        }
        Ok(())
    }

    fn async_comp_generator(
        &mut self,
        e: &'a Expr,
        gens: &'a [Comprehension],
        idx: usize,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult {
        let g = &gens[idx];
        let start = self.new_label();
        let except = self.new_label();
        let if_cleanup = self.new_label();
        if idx == 0 {
            self.emit(LOAD_FAST, 0);
        } else {
            self.expr(&g.iter)?;
            self.emit(GET_AITER, 0);
        }
        self.bind(start);
        self.push_fblock(FBlock::AsyncComprehension)?;
        self.setup(SETUP_FINALLY, except);
        self.emit(GET_ANEXT, 0);
        self.load_const(Constant::None);
        self.yield_from();
        self.pop_block();
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        let depth = depth + 1;
        self.comp_body(e, gens, idx, depth, elt, val)?;
        self.bind(if_cleanup);
        self.jump(JUMP, start);
        self.u().fblocks.pop();
        self.bind(except);
        self.emit(END_ASYNC_FOR, 0);
        Ok(())
    }
}

pub(crate) fn ctx_of(c: ExprContext) -> Ctx {
    match c {
        ExprContext::Load => Ctx::Load,
        ExprContext::Store => Ctx::Store,
        ExprContext::Del => Ctx::Del,
    }
}
