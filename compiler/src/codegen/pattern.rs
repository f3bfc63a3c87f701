//! `match` statements (PEP 634), ported from CPython 3.11's `compiler_match` and the
//! `compiler_pattern_*` helpers: each pattern consumes the subject on top of the stack; captured
//! values are rotated below the items still needed and stored only once the whole case matched;
//! failures jump to `fail_pop[n]`, which pops the `n` items left on the stack.

use super::*;
use format::opcode::CompareOpKind;
use Opcode::*;

struct PatternContext {
    stores: Vec<String>,
    allow_irrefutable: bool,
    fail_pop: Vec<Label>,
    on_top: usize,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchAs { pattern: None, name: None })
}

fn is_wildcard_star(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchStar { name: None })
}

impl<'a> Compiler<'a> {
    pub(crate) fn match_stmt(&mut self, _s: &'a Stmt, subject: &'a Expr, cases: &'a [MatchCase]) -> CResult {
        self.expr(subject)?;
        let end = self.new_label();
        let n = cases.len();
        if n == 0 {
            self.emit(POP_TOP, 0);
            return Ok(());
        }
        let last = &cases[n - 1];
        let has_default = is_wildcard(&last.pattern) && n > 1;
        let upto = n - has_default as usize;
        for (i, m) in cases[..upto].iter().enumerate() {
            self.set_loc(m.pattern.loc);
            if i + 1 != upto {
                self.emit(COPY, 1);
            }
            let mut pc = PatternContext {
                stores: Vec::new(),
                allow_irrefutable: m.guard.is_some() || i + 1 == n,
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.pattern(&m.pattern, &mut pc)?;
            let stores = pc.stores.clone();
            for name in &stores {
                self.nameop(name, Ctx::Store);
            }
            if let Some(g) = &m.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let l = pc.fail_pop[0];
                self.jump_if(g, l, false)?;
            }
            if i + 1 != upto {
                self.emit(POP_TOP, 0);
            }
            self.stmts(&m.body)?;
            self.jump(JUMP, end);
            self.set_loc(m.pattern.loc);
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            self.set_loc(last.pattern.loc);
            if n == 1 {
                self.emit(POP_TOP, 0);
            } else {
                self.emit(NOP, 0);
            }
            if let Some(g) = &last.guard {
                self.jump_if(g, end, false)?;
            }
            self.stmts(&last.body)?;
        }
        self.bind(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Opcode) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        let l = pc.fail_pop[pops];
        self.jump(op, l);
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.bind(pc.fail_pop[i]);
            self.emit(POP_TOP, 0);
        }
        self.bind(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.emit(SWAP, count as u32);
            count -= 1;
        }
    }

    fn store_name(&mut self, name: Option<&str>, pc: &mut PatternContext, loc: Loc) -> CResult {
        let Some(n) = name else {
            self.emit(POP_TOP, 0);
            return Ok(());
        };
        if pc.stores.iter().any(|s| s == n) {
            return Err(error_at(format!("multiple assignments to name '{n}' in pattern"), loc));
        }
        let rotations = pc.on_top + pc.stores.len() + 1;
        self.rotate(rotations);
        pc.stores.push(n.to_string());
        Ok(())
    }

    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        let r = self.pattern(p, pc);
        pc.allow_irrefutable = saved;
        r
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        let saved = self.set_loc(p.loc);
        let r = self.pattern_inner(p, pc);
        self.restore_loc(saved);
        r
    }

    fn pattern_inner(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        match &p.kind {
            PatternKind::MatchValue { value } => {
                if !matches!(value.kind, ExprKind::Constant { .. } | ExprKind::Attribute { .. })
                    && super::fold::fold(value).is_none()
                {
                    return Err(error_at("patterns may only match literals and attribute lookups", p.loc));
                }
                self.expr(value)?;
                self.emit(COMPARE_OP, CompareOpKind::Eq as u32);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchSingleton { value } => {
                self.load_const(super::fold::const_value(value));
                self.emit(IS_OP, 0);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchAs { pattern, name } => match pattern {
                None => {
                    if !pc.allow_irrefutable {
                        return Err(match name {
                            Some(n) => {
                                error_at(format!("name capture '{n}' makes remaining patterns unreachable"), p.loc)
                            }
                            None => error_at("wildcard makes remaining patterns unreachable", p.loc),
                        });
                    }
                    self.store_name(name.as_deref(), pc, p.loc)?;
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.emit(COPY, 1);
                    self.pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.store_name(name.as_deref(), pc, p.loc)?;
                }
            },
            PatternKind::MatchStar { name } => self.store_name(name.as_deref(), pc, p.loc)?,
            PatternKind::MatchSequence { patterns } => self.pattern_sequence(p, patterns, pc)?,
            PatternKind::MatchMapping { keys, patterns, rest } => {
                self.pattern_mapping(p, keys, patterns, rest.as_deref(), pc)?
            }
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                let nargs = patterns.len();
                let nattrs = kwd_attrs.len();
                if nattrs != kwd_patterns.len() {
                    return Err(error_at(
                        format!(
                            "kwd_attrs ({nattrs}) / kwd_patterns ({}) length mismatch in class pattern",
                            kwd_patterns.len()
                        ),
                        p.loc,
                    ));
                }
                for (i, a) in kwd_attrs.iter().enumerate() {
                    if kwd_attrs[i + 1..].contains(a) {
                        let loc = kwd_patterns
                            .get(i + 1 + kwd_attrs[i + 1..].iter().position(|x| x == a).unwrap_or(0))
                            .map_or(p.loc, |q| q.loc);
                        return Err(error_at(format!("attribute name repeated in class pattern: {a}"), loc));
                    }
                }
                self.expr(cls)?;
                let names = kwd_attrs.iter().map(|a| Constant::Str(a.clone())).collect();
                self.load_const(Constant::Tuple(names));
                self.emit(MATCH_CLASS, nargs as u32);
                self.emit(COPY, 1);
                self.load_const(Constant::None);
                self.emit(IS_OP, 1);
                pc.on_top += 1;
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
                self.emit(UNPACK_SEQUENCE, (nargs + nattrs) as u32);
                pc.on_top += nargs + nattrs;
                pc.on_top -= 1;
                for i in 0..nargs + nattrs {
                    pc.on_top -= 1;
                    let q = if i < nargs { &patterns[i] } else { &kwd_patterns[i - nargs] };
                    if is_wildcard(q) {
                        self.emit(POP_TOP, 0);
                        continue;
                    }
                    self.subpattern(q, pc)?;
                }
            }
            PatternKind::MatchOr { patterns } => self.pattern_or(p, patterns, pc)?,
        }
        Ok(())
    }

    fn pattern_sequence(&mut self, p: &'a Pattern, patterns: &'a [Pattern], pc: &mut PatternContext) -> CResult {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, q) in patterns.iter().enumerate() {
            if matches!(q.kind, PatternKind::MatchStar { .. }) {
                if star.is_some() {
                    return Err(error_at("multiple starred names in sequence pattern", q.loc));
                }
                star_wildcard = is_wildcard_star(q);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(q);
        }
        let _ = p;
        pc.on_top += 1;
        self.emit(MATCH_SEQUENCE, 0);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        match star {
            None => {
                self.emit(GET_LEN, 0);
                self.load_const(Constant::Int(size as i64));
                self.emit(COMPARE_OP, CompareOpKind::Eq as u32);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            Some(_) => {
                self.emit(GET_LEN, 0);
                self.load_const(Constant::Int(size as i64 - 1));
                self.emit(COMPARE_OP, CompareOpKind::Ge as u32);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.emit(POP_TOP, 0);
        } else if star_wildcard {
            let star = star.unwrap_or(0);
            pc.on_top += 1;
            for (i, q) in patterns.iter().enumerate() {
                if is_wildcard(q) || i == star {
                    continue;
                }
                self.emit(COPY, 1);
                if i < star {
                    self.load_const(Constant::Int(i as i64));
                } else {
                    self.emit(GET_LEN, 0);
                    self.load_const(Constant::Int((size - i) as i64));
                    self.emit(BINARY_OP, format::BinaryOpKind::Subtract as u32);
                }
                self.emit(BINARY_SUBSCR, 0);
                self.subpattern(q, pc)?;
            }
            pc.on_top -= 1;
            self.emit(POP_TOP, 0);
        } else {
            match star {
                Some(s) => self.emit(UNPACK_EX, (s as u32) | (((size - s - 1) as u32) << 8)),
                None => self.emit(UNPACK_SEQUENCE, size as u32),
            }
            pc.on_top += size;
            for q in patterns {
                pc.on_top -= 1;
                self.subpattern(q, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_mapping(
        &mut self,
        p: &'a Pattern,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: Option<&str>,
        pc: &mut PatternContext,
    ) -> CResult {
        let size = keys.len();
        if size != patterns.len() {
            return Err(error_at(
                format!("keys ({size}) / patterns ({}) length mismatch in mapping pattern", patterns.len()),
                p.loc,
            ));
        }
        pc.on_top += 1;
        self.emit(MATCH_MAPPING, 0);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.emit(POP_TOP, 0);
            return Ok(());
        }
        if size > 0 {
            self.emit(GET_LEN, 0);
            self.load_const(Constant::Int(size as i64));
            self.emit(COMPARE_OP, CompareOpKind::Ge as u32);
            self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        }
        let mut seen: Vec<String> = Vec::new();
        for k in keys {
            if let ExprKind::Constant { value, .. } = &k.kind {
                let c = super::fold::const_value(value);
                let key = format!("{c:?}");
                if seen.contains(&key) {
                    return Err(error_at(
                        format!("mapping pattern checks duplicate key ({})", format::dis::const_repr(&c)),
                        k.loc,
                    ));
                }
                seen.push(key);
            } else if !matches!(k.kind, ExprKind::Attribute { .. }) && super::fold::fold(k).is_none() {
                return Err(error_at("mapping pattern keys may only match literals and attribute lookups", k.loc));
            }
            self.expr(k)?;
        }
        self.emit(BUILD_TUPLE, size as u32);
        self.emit(MATCH_KEYS, 0);
        pc.on_top += 2;
        self.emit(COPY, 1);
        self.load_const(Constant::None);
        self.emit(IS_OP, 1);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        self.emit(UNPACK_SEQUENCE, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for q in patterns {
            pc.on_top -= 1;
            self.subpattern(q, pc)?;
        }
        pc.on_top -= 2;
        match rest {
            Some(r) => {
                // rest = dict(subject); for key in keys: del rest[key]
                self.emit(BUILD_MAP, 0); // [subject, keys, empty]
                self.emit(SWAP, 3); // [empty, keys, subject]
                self.emit(DICT_UPDATE, 2); // [copy, keys]
                self.emit(UNPACK_SEQUENCE, size as u32); // [copy, keys...]
                let mut k = size;
                while k > 0 {
                    self.emit(COPY, 1 + k as u32); // [copy, keys..., copy]
                    k -= 1;
                    self.emit(SWAP, 2); // [copy, keys..., copy, key]
                    self.emit(DELETE_SUBSCR, 0); // [copy, keys...]
                }
                self.store_name(Some(r), pc, p.loc)?;
            }
            None => {
                self.emit(POP_TOP, 0);
                self.emit(POP_TOP, 0);
            }
        }
        Ok(())
    }

    fn pattern_or(&mut self, p: &'a Pattern, alts: &'a [Pattern], pc: &mut PatternContext) -> CResult {
        let end = self.new_label();
        let size = alts.len();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_allow = pc.allow_irrefutable;
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in alts.iter().enumerate() {
            self.set_loc(alt.loc);
            pc.stores = Vec::new();
            pc.allow_irrefutable = i + 1 == size && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit(COPY, 1);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) if ctl.len() != nstores => {
                    return Err(error_at("alternative patterns bind different names", p.loc));
                }
                Some(ctl) => {
                    let ctl = ctl.clone();
                    let mut icontrol = nstores;
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &ctl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(error_at("alternative patterns bind different names", p.loc));
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(0..rotations).collect();
                            let at = icontrol - istores;
                            for (k, r) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, r);
                            }
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.jump(JUMP, end);
            self.emit_and_reset_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.allow_irrefutable = old_allow;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        self.set_loc(p.loc);
        self.emit(POP_TOP, 0);
        self.jump_to_fail_pop(pc, JUMP);
        self.bind(end);
        let control = control.unwrap_or_default();
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(error_at(format!("multiple assignments to name '{name}' in pattern"), p.loc));
            }
            pc.stores.push(name);
        }
        self.emit(POP_TOP, 0);
        Ok(())
    }
}
