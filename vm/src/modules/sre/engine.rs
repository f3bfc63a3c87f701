//! The matching engine: a port of CPython 3.11's `Modules/_sre/sre_lib.h` (`SRE(match)`,
//! `SRE(search)`, `SRE(count)`, `SRE(at)`) over the opcode program produced by
//! `re/_compiler.py`.
//!
//! As in CPython, backtracking never recurses natively: every "jump" into a sub-pattern pushes
//! a small context record on an explicit stack (`State::ctxs`) and the resume point is
//! dispatched on return. Capture marks saved for backtracking live on a separate stack. The
//! subject is a slice of code units (`u8` for bytes and ASCII strings, `u32` code points
//! otherwise); positions are indexes into it.

use super::chars::*;
use super::constants::*;

/// A code unit of a subject string.
pub trait Ch: Copy {
    /// The unit as a code point / byte value.
    fn u(self) -> u32;
}

impl Ch for u8 {
    #[inline(always)]
    fn u(self) -> u32 {
        self as u32
    }
}

impl Ch for u32 {
    #[inline(always)]
    fn u(self) -> u32 {
        self
    }
}

/// "No position" (CPython's NULL mark / pointer).
pub const NONE: usize = usize::MAX;

/// A repeat context (`SRE_REPEAT`) created by REPEAT for MAX_UNTIL / MIN_UNTIL.
#[derive(Clone, Copy)]
struct Repeat {
    count: isize,
    /// Code index of the REPEAT operands (`<skip> <min> <max> item`).
    pattern: usize,
    last_ptr: usize,
    /// Enclosing repeat (index into `State::repeats`) or NONE.
    prev: usize,
}

/// Where a suspended context resumes when its child returns.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Jump {
    None,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Repeat,
    RepeatOne1,
    RepeatOne2,
    MinRepeatOne,
    Branch,
    Assert,
    AssertNot,
    PossRepeat1,
    PossRepeat2,
    AtomicGroup,
}

/// A match context (`SRE(match_context)`).
#[derive(Clone, Copy)]
struct Ctx {
    pattern: usize,
    ptr: usize,
    count: isize,
    lastmark: isize,
    lastindex: isize,
    /// The repeat (REPEAT / MAX_UNTIL / MIN_UNTIL) or the literal (REPEAT_ONE).
    a: usize,
    /// Saved `last_ptr` (MAX_UNTIL / MIN_UNTIL) or the previous position (POSSESSIVE_REPEAT).
    b: usize,
    toplevel: bool,
    jump: Jump,
}

impl Ctx {
    #[inline(always)]
    fn new(pattern: usize, toplevel: bool, jump: Jump) -> Ctx {
        Ctx { pattern, ptr: 0, count: 0, lastmark: -1, lastindex: -1, a: NONE, b: NONE, toplevel, jump }
    }
}

enum Step {
    Enter,
    Dispatch,
    Jump(Jump, usize, bool),
    Ret(bool),
}

/// The matching state (`SRE_STATE`) minus the subject, which each call receives as a slice.
pub struct State {
    /// Where the current match attempt starts.
    pub start: usize,
    /// End of the subject as seen by the pattern (`endpos`).
    pub end: usize,
    /// Current position; the end of the match after success.
    pub ptr: usize,
    /// Capture marks (NONE when unset); only `0..=lastmark` are meaningful.
    pub marks: Vec<usize>,
    /// Highest valid mark index, -1 for none.
    pub lastmark: isize,
    /// Index of the last closed group, -1 for none.
    pub lastindex: isize,
    /// A match must not be empty at `start` (set after an empty match by the iterators).
    pub must_advance: bool,
    /// The match must end at `end` (fullmatch).
    pub match_all: bool,
    repeat: usize,
    repeats: Vec<Repeat>,
    mark_stack: Vec<usize>,
    ctxs: Vec<Ctx>,
}

impl State {
    /// A state for a pattern with `groups` groups, searching `[pos, endpos)`.
    pub fn new(groups: usize, pos: usize, endpos: usize) -> State {
        State {
            start: pos,
            end: endpos,
            ptr: pos,
            marks: vec![NONE; groups * 2],
            lastmark: -1,
            lastindex: -1,
            must_advance: false,
            match_all: false,
            repeat: NONE,
            repeats: Vec::new(),
            mark_stack: Vec::new(),
            ctxs: Vec::new(),
        }
    }

    /// `state_reset`: forgets the captures and the backtracking stacks.
    pub fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = NONE;
        self.repeats.clear();
        self.mark_stack.clear();
        self.ctxs.clear();
    }

    /// The span of group `g` (1-based) after a successful match, if it matched.
    pub fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        let j = 2 * (g - 1);
        if (j as isize) < self.lastmark {
            let (a, b) = (self.marks[j], self.marks[j + 1]);
            if a != NONE && b != NONE {
                return Some((a, b));
            }
        }
        None
    }

    fn set_mark(&mut self, i: usize, v: usize) {
        if i >= self.marks.len() {
            self.marks.resize(i + 1, NONE);
        }
        self.marks[i] = v;
    }

    #[inline]
    fn lastmark_save(&self, c: &mut Ctx) {
        c.lastmark = self.lastmark;
        c.lastindex = self.lastindex;
    }

    #[inline]
    fn lastmark_restore(&mut self, c: &Ctx) {
        self.lastmark = c.lastmark;
        self.lastindex = c.lastindex;
    }

    fn mark_push(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            if self.marks.len() < n {
                self.marks.resize(n, NONE);
            }
            self.mark_stack.extend_from_slice(&self.marks[..n]);
        }
    }

    fn mark_pop(&mut self, lastmark: isize, discard: bool) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let top = self.mark_stack.len() - n;
            self.marks[..n].copy_from_slice(&self.mark_stack[top..]);
            if discard {
                self.mark_stack.truncate(top);
            }
        }
    }

    fn mark_pop_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let top = self.mark_stack.len() - n;
            self.mark_stack.truncate(top);
        }
    }

    /// `SRE(at)`: does position `ptr` satisfy assertion `at`?
    fn at<C: Ch>(&self, s: &[C], ptr: usize, at: u32) -> bool {
        let end = self.end;
        let get = |i: usize| s.get(i).map(|c| c.u()).unwrap_or(0);
        let word = |f: fn(u32) -> bool| -> Option<bool> {
            if end == 0 {
                return None;
            }
            let thatp = ptr > 0 && f(get(ptr - 1));
            let thisp = ptr < end && f(get(ptr));
            Some(thisp != thatp)
        };
        match at {
            AT_BEGINNING | AT_BEGINNING_STRING => ptr == 0,
            AT_BEGINNING_LINE => ptr == 0 || get(ptr - 1) == b'\n' as u32,
            AT_END => (end as isize - ptr as isize == 1 && get(ptr) == b'\n' as u32) || ptr == end,
            AT_END_LINE => ptr == end || (ptr < s.len() && get(ptr) == b'\n' as u32),
            AT_END_STRING => ptr == end,
            AT_BOUNDARY => word(is_word) == Some(true),
            AT_NON_BOUNDARY => word(is_word) == Some(false),
            AT_LOC_BOUNDARY => word(is_loc_word) == Some(true),
            AT_LOC_NON_BOUNDARY => word(is_loc_word) == Some(false),
            AT_UNI_BOUNDARY => word(is_uni_word) == Some(true),
            AT_UNI_NON_BOUNDARY => word(is_uni_word) == Some(false),
            _ => false,
        }
    }

    /// `SRE(count)`: how many times (up to `maxcount`) the single-width item at `code[pat]`
    /// matches from `self.ptr`.
    fn count<C: Ch>(&mut self, s: &[C], code: &[u32], pat: usize, maxcount: u32) -> isize {
        let start = self.ptr;
        let mut end = self.end;
        if maxcount != MAXREPEAT && (maxcount as isize) < end as isize - start as isize {
            end = start + maxcount as usize;
        }
        let mut ptr = start;
        let chr = code.get(pat + 1).copied().unwrap_or(0);
        macro_rules! scan {
            ($cond:expr) => {{
                while ptr < end {
                    let c = s[ptr].u();
                    #[allow(clippy::redundant_closure_call)]
                    if !($cond)(c) {
                        break;
                    }
                    ptr += 1;
                }
            }};
        }
        match code[pat] {
            OP_IN => scan!(|c| charset(code, pat + 2, c)),
            OP_ANY => scan!(|c| c != b'\n' as u32),
            OP_ANY_ALL => ptr = end.max(start),
            OP_LITERAL => scan!(|c| c == chr),
            OP_LITERAL_IGNORE => scan!(|c| lower_ascii(c) == chr),
            OP_LITERAL_UNI_IGNORE => scan!(|c| lower_unicode(c) == chr),
            OP_LITERAL_LOC_IGNORE => scan!(|c| char_loc_ignore(chr, c)),
            OP_NOT_LITERAL => scan!(|c| c != chr),
            OP_NOT_LITERAL_IGNORE => scan!(|c| lower_ascii(c) != chr),
            OP_NOT_LITERAL_UNI_IGNORE => scan!(|c| lower_unicode(c) != chr),
            OP_NOT_LITERAL_LOC_IGNORE => scan!(|c| !char_loc_ignore(chr, c)),
            _ => {
                // Repeated single-character pattern: run the matcher once per character.
                while self.ptr < end {
                    if !self.sre_match(s, code, pat, false) {
                        break;
                    }
                }
                return self.ptr as isize - start as isize;
            }
        }
        ptr as isize - start as isize
    }

    /// `SRE(match)`: does the program at `code[pattern..]` match at `self.ptr`? On success
    /// `self.ptr` is the end of the match and the marks hold the groups.
    pub fn sre_match<C: Ch>(&mut self, s: &[C], code: &[u32], pattern: usize, toplevel: bool) -> bool {
        // The contexts live in a vector taken out of the state for the duration of the call, so
        // the current one is borrowed in place (no copies) while `self` stays usable; a nested
        // call (from `count`) uses the spare vector left in `self.ctxs`.
        let mut ctxs = std::mem::take(&mut self.ctxs);
        let base = ctxs.len();
        ctxs.push(Ctx::new(pattern, toplevel, Jump::None));
        let mut step = Step::Enter;
        let r = loop {
            let top = ctxs.len() - 1;
            step = match step {
                Step::Enter => {
                    let c = &mut ctxs[top];
                    c.ptr = self.ptr;
                    if code[c.pattern] == OP_INFO {
                        // <INFO> <1=skip> <2=flags> <3=min> ...
                        let min = code[c.pattern + 3] as usize;
                        if min != 0 && self.end.wrapping_sub(c.ptr) < min {
                            Step::Ret(false)
                        } else {
                            c.pattern += code[c.pattern + 1] as usize + 1;
                            self.dispatch(s, code, c)
                        }
                    } else {
                        self.dispatch(s, code, c)
                    }
                }
                Step::Dispatch => self.dispatch(s, code, &mut ctxs[top]),
                Step::Jump(kind, next, tl) => {
                    ctxs.push(Ctx::new(next, tl, kind));
                    Step::Enter
                }
                Step::Ret(r) => {
                    let kind = ctxs[top].jump;
                    ctxs.pop();
                    if ctxs.len() == base {
                        break r;
                    }
                    self.resume(s, code, &mut ctxs[top - 1], kind, r)
                }
            };
        };
        self.ctxs = ctxs;
        r
    }

    /// Runs opcodes from `c.pattern` until the context returns or jumps into a sub-pattern.
    fn dispatch<C: Ch>(&mut self, s: &[C], code: &[u32], c: &mut Ctx) -> Step {
        let end = self.end;
        macro_rules! fail {
            () => {
                return Step::Ret(false)
            };
        }
        loop {
            let op = code[c.pattern];
            c.pattern += 1;
            let p = c.pattern;
            match op {
                OP_MARK => {
                    let i = code[p] as isize;
                    if i & 1 != 0 {
                        self.lastindex = i / 2 + 1;
                    }
                    if i > self.lastmark {
                        let mut j = self.lastmark + 1;
                        while j < i {
                            self.set_mark(j as usize, NONE);
                            j += 1;
                        }
                        self.lastmark = i;
                    }
                    self.set_mark(i as usize, c.ptr);
                    c.pattern += 1;
                }
                OP_LITERAL
                | OP_NOT_LITERAL
                | OP_LITERAL_IGNORE
                | OP_NOT_LITERAL_IGNORE
                | OP_LITERAL_UNI_IGNORE
                | OP_NOT_LITERAL_UNI_IGNORE
                | OP_LITERAL_LOC_IGNORE
                | OP_NOT_LITERAL_LOC_IGNORE => {
                    if c.ptr >= end {
                        fail!();
                    }
                    let ch = s[c.ptr].u();
                    let lit = code[p];
                    let ok = match op {
                        OP_LITERAL => ch == lit,
                        OP_NOT_LITERAL => ch != lit,
                        OP_LITERAL_IGNORE => lower_ascii(ch) == lit,
                        OP_NOT_LITERAL_IGNORE => lower_ascii(ch) != lit,
                        OP_LITERAL_UNI_IGNORE => lower_unicode(ch) == lit,
                        OP_NOT_LITERAL_UNI_IGNORE => lower_unicode(ch) != lit,
                        OP_LITERAL_LOC_IGNORE => char_loc_ignore(lit, ch),
                        _ => !char_loc_ignore(lit, ch),
                    };
                    if !ok {
                        fail!();
                    }
                    c.pattern += 1;
                    c.ptr += 1;
                }
                OP_SUCCESS => {
                    if c.toplevel
                        && ((self.match_all && c.ptr != self.end) || (self.must_advance && c.ptr == self.start))
                    {
                        fail!();
                    }
                    self.ptr = c.ptr;
                    return Step::Ret(true);
                }
                OP_AT => {
                    if !self.at(s, c.ptr, code[p]) {
                        fail!();
                    }
                    c.pattern += 1;
                }
                OP_CATEGORY => {
                    if c.ptr >= end || !category(code[p], s[c.ptr].u()) {
                        fail!();
                    }
                    c.pattern += 1;
                    c.ptr += 1;
                }
                OP_ANY => {
                    if c.ptr >= end || s[c.ptr].u() == b'\n' as u32 {
                        fail!();
                    }
                    c.ptr += 1;
                }
                OP_ANY_ALL => {
                    if c.ptr >= end {
                        fail!();
                    }
                    c.ptr += 1;
                }
                OP_IN | OP_IN_IGNORE | OP_IN_UNI_IGNORE | OP_IN_LOC_IGNORE => {
                    if c.ptr >= end {
                        fail!();
                    }
                    let ch = s[c.ptr].u();
                    let ok = match op {
                        OP_IN => charset(code, p + 1, ch),
                        OP_IN_IGNORE => charset(code, p + 1, lower_ascii(ch)),
                        OP_IN_UNI_IGNORE => charset(code, p + 1, lower_unicode(ch)),
                        _ => charset_loc_ignore(code, p + 1, ch),
                    };
                    if !ok {
                        fail!();
                    }
                    c.pattern += code[p] as usize;
                    c.ptr += 1;
                }
                OP_JUMP | OP_INFO => {
                    c.pattern += code[p] as usize;
                }
                OP_BRANCH => {
                    // <BRANCH> <0=skip> code <JUMP> ... <NULL>
                    self.lastmark_save(c);
                    if self.repeat != NONE {
                        self.mark_push(c.lastmark);
                    }
                    return self.branch_loop(s, code, c);
                }
                OP_REPEAT_ONE | OP_MIN_REPEAT_ONE | OP_POSSESSIVE_REPEAT_ONE => {
                    // <REPEAT_ONE> <skip> <1=min> <2=max> item <SUCCESS> tail
                    let min = code[p + 1] as isize;
                    if min > end as isize - c.ptr as isize {
                        fail!();
                    }
                    self.ptr = c.ptr;
                    let tail = p + code[p] as usize;
                    if op == OP_MIN_REPEAT_ONE {
                        if min == 0 {
                            c.count = 0;
                        } else {
                            let r = self.count(s, code, p + 3, code[p + 1]);
                            if r < min {
                                fail!();
                            }
                            c.count = r;
                            c.ptr += r as usize;
                        }
                        if code[tail] == OP_SUCCESS
                            && !(c.toplevel
                                && ((self.match_all && c.ptr != self.end)
                                    || (self.must_advance && c.ptr == self.start)))
                        {
                            self.ptr = c.ptr;
                            return Step::Ret(true);
                        }
                        self.lastmark_save(c);
                        if self.repeat != NONE {
                            self.mark_push(c.lastmark);
                        }
                        return self.min_repeat_one_loop(code, c);
                    }
                    let r = self.count(s, code, p + 3, code[p + 2]);
                    c.count = r;
                    c.ptr += r as usize;
                    if c.count < min {
                        fail!();
                    }
                    if op == OP_POSSESSIVE_REPEAT_ONE {
                        c.pattern = tail;
                        continue;
                    }
                    if code[tail] == OP_SUCCESS
                        && c.ptr == self.end
                        && !(c.toplevel && self.must_advance && c.ptr == self.start)
                    {
                        // Tail is empty: we're finished.
                        self.ptr = c.ptr;
                        return Step::Ret(true);
                    }
                    self.lastmark_save(c);
                    if self.repeat != NONE {
                        self.mark_push(c.lastmark);
                    }
                    if code[tail] == OP_LITERAL {
                        // Tail starts with a literal: skip positions where the rest of the
                        // pattern cannot possibly match.
                        c.a = code[tail + 1] as usize;
                        return self.repeat_one_literal_loop(s, code, c);
                    }
                    return self.repeat_one_loop(code, c);
                }
                OP_REPEAT => {
                    // <REPEAT> <skip> <1=min> <2=max> item <UNTIL> tail
                    let idx = self.repeats.len();
                    self.repeats.push(Repeat { count: -1, pattern: p, last_ptr: NONE, prev: self.repeat });
                    self.repeat = idx;
                    c.a = idx;
                    self.ptr = c.ptr;
                    return Step::Jump(Jump::Repeat, p + code[p] as usize, c.toplevel);
                }
                OP_MAX_UNTIL | OP_MIN_UNTIL => {
                    let ri = self.repeat;
                    if ri == NONE {
                        // SRE_ERROR_STATE: an UNTIL without its REPEAT (corrupt program).
                        fail!();
                    }
                    c.a = ri;
                    self.ptr = c.ptr;
                    c.count = self.repeats[ri].count + 1;
                    let rp = self.repeats[ri].pattern;
                    let min = code[rp + 1] as isize;
                    if c.count < min {
                        // Not enough matches.
                        self.repeats[ri].count = c.count;
                        let j = if op == OP_MAX_UNTIL { Jump::MaxUntil1 } else { Jump::MinUntil1 };
                        return Step::Jump(j, rp + 3, c.toplevel);
                    }
                    if op == OP_MAX_UNTIL {
                        let max = code[rp + 2];
                        if (c.count < max as isize || max == MAXREPEAT) && self.ptr != self.repeats[ri].last_ptr {
                            // We may have enough matches, but if we can match another item, do so.
                            self.repeats[ri].count = c.count;
                            self.lastmark_save(c);
                            self.mark_push(c.lastmark);
                            // Zero-width match protection.
                            c.b = self.repeats[ri].last_ptr;
                            self.repeats[ri].last_ptr = self.ptr;
                            return Step::Jump(Jump::MaxUntil2, rp + 3, c.toplevel);
                        }
                        return self.max_until_tail(c);
                    }
                    // MIN_UNTIL: see if the tail matches.
                    self.repeat = self.repeats[ri].prev;
                    self.lastmark_save(c);
                    if self.repeat != NONE {
                        self.mark_push(c.lastmark);
                    }
                    return Step::Jump(Jump::MinUntil2, c.pattern, c.toplevel);
                }
                OP_POSSESSIVE_REPEAT => {
                    // <POSSESSIVE_REPEAT> <skip> <1=min> <2=max> pattern <SUCCESS> tail
                    self.ptr = c.ptr;
                    c.count = 0;
                    return self.poss_min_loop(code, c);
                }
                OP_ATOMIC_GROUP => {
                    // <ATOMIC_GROUP> <skip> pattern <SUCCESS> tail
                    self.ptr = c.ptr;
                    return Step::Jump(Jump::AtomicGroup, p + 1, false);
                }
                OP_GROUPREF | OP_GROUPREF_IGNORE | OP_GROUPREF_UNI_IGNORE | OP_GROUPREF_LOC_IGNORE => {
                    let g = code[p] as usize * 2;
                    if g as isize >= self.lastmark {
                        fail!();
                    }
                    let (a, b) = (self.marks[g], self.marks[g + 1]);
                    if a == NONE || b == NONE || b < a {
                        fail!();
                    }
                    let fold: fn(u32) -> u32 = match op {
                        OP_GROUPREF => |x| x,
                        OP_GROUPREF_IGNORE => lower_ascii,
                        OP_GROUPREF_UNI_IGNORE => lower_unicode,
                        _ => lower_locale,
                    };
                    for i in a..b {
                        if c.ptr >= end || fold(s[c.ptr].u()) != fold(s[i].u()) {
                            fail!();
                        }
                        c.ptr += 1;
                    }
                    c.pattern += 1;
                }
                OP_GROUPREF_EXISTS => {
                    // <GROUPREF_EXISTS> <group> <skip> codeyes <JUMP> codeno ...
                    let g = code[p] as usize * 2;
                    let exists = (g as isize) < self.lastmark && {
                        let (a, b) = (self.marks[g], self.marks[g + 1]);
                        a != NONE && b != NONE && b >= a
                    };
                    if exists {
                        c.pattern += 2;
                    } else {
                        c.pattern += code[p + 1] as usize;
                    }
                }
                OP_ASSERT => {
                    // <ASSERT> <skip> <back> <pattern>
                    let back = code[p + 1] as usize;
                    if c.ptr < back {
                        fail!();
                    }
                    self.ptr = c.ptr - back;
                    return Step::Jump(Jump::Assert, p + 2, false);
                }
                OP_ASSERT_NOT => {
                    let back = code[p + 1] as usize;
                    if c.ptr >= back {
                        self.ptr = c.ptr - back;
                        self.lastmark_save(c);
                        if self.repeat != NONE {
                            self.mark_push(c.lastmark);
                        }
                        return Step::Jump(Jump::AssertNot, p + 2, false);
                    }
                    c.pattern += code[p] as usize;
                }
                // FAILURE and anything unknown.
                _ => fail!(),
            }
        }
    }

    /// Tries the alternatives of a BRANCH from `c.pattern` (at an alternative's skip word).
    fn branch_loop<C: Ch>(&mut self, s: &[C], code: &[u32], c: &mut Ctx) -> Step {
        let end = self.end;
        while code[c.pattern] != 0 {
            let p = c.pattern;
            let skip = code[p] as usize;
            let first = code[p + 1];
            if first == OP_LITERAL && (c.ptr >= end || s[c.ptr].u() != code[p + 2]) {
                c.pattern += skip;
                continue;
            }
            if first == OP_IN && (c.ptr >= end || !charset(code, p + 3, s[c.ptr].u())) {
                c.pattern += skip;
                continue;
            }
            self.ptr = c.ptr;
            return Step::Jump(Jump::Branch, p + 1, c.toplevel);
        }
        if self.repeat != NONE {
            self.mark_pop_discard(c.lastmark);
        }
        Step::Ret(false)
    }

    fn repeat_one_literal_loop<C: Ch>(&mut self, s: &[C], code: &[u32], c: &mut Ctx) -> Step {
        // c.pattern is at the REPEAT_ONE operands; the literal is in c.a.
        let end = self.end;
        let min = code[c.pattern + 1] as isize;
        while c.count >= min && (c.ptr >= end || s[c.ptr].u() as usize != c.a) {
            c.ptr = c.ptr.wrapping_sub(1);
            c.count -= 1;
        }
        if c.count < min {
            if self.repeat != NONE {
                self.mark_pop_discard(c.lastmark);
            }
            return Step::Ret(false);
        }
        self.ptr = c.ptr;
        Step::Jump(Jump::RepeatOne1, c.pattern + code[c.pattern] as usize, c.toplevel)
    }

    fn repeat_one_loop(&mut self, code: &[u32], c: &mut Ctx) -> Step {
        if c.count >= code[c.pattern + 1] as isize {
            self.ptr = c.ptr;
            return Step::Jump(Jump::RepeatOne2, c.pattern + code[c.pattern] as usize, c.toplevel);
        }
        if self.repeat != NONE {
            self.mark_pop_discard(c.lastmark);
        }
        Step::Ret(false)
    }

    fn min_repeat_one_loop(&mut self, code: &[u32], c: &mut Ctx) -> Step {
        let max = code[c.pattern + 2];
        if max == MAXREPEAT || c.count <= max as isize {
            self.ptr = c.ptr;
            return Step::Jump(Jump::MinRepeatOne, c.pattern + code[c.pattern] as usize, c.toplevel);
        }
        if self.repeat != NONE {
            self.mark_pop_discard(c.lastmark);
        }
        Step::Ret(false)
    }

    fn max_until_tail(&mut self, c: &mut Ctx) -> Step {
        // Cannot match more repeated items here: make sure the tail matches.
        self.repeat = self.repeats[c.a].prev;
        Step::Jump(Jump::MaxUntil3, c.pattern, c.toplevel)
    }

    fn poss_min_loop(&mut self, code: &[u32], c: &mut Ctx) -> Step {
        let p = c.pattern;
        if c.count < code[p + 1] as isize {
            return Step::Jump(Jump::PossRepeat1, p + 3, false);
        }
        c.b = NONE;
        self.poss_loop(code, c)
    }

    fn poss_loop(&mut self, code: &[u32], c: &mut Ctx) -> Step {
        let p = c.pattern;
        let max = code[p + 2];
        if (c.count < max as isize || max == MAXREPEAT) && self.ptr != c.b {
            self.lastmark_save(c);
            self.mark_push(c.lastmark);
            c.b = self.ptr;
            return Step::Jump(Jump::PossRepeat2, p + 3, false);
        }
        // Evaluate the tail: skip the SUCCESS that ends the repeated pattern.
        c.pattern = p + code[p] as usize + 1;
        c.ptr = self.ptr;
        Step::Dispatch
    }

    /// Continues context `c` after its child (started with `kind`) returned `ret`.
    fn resume<C: Ch>(&mut self, s: &[C], code: &[u32], c: &mut Ctx, kind: Jump, ret: bool) -> Step {
        match kind {
            Jump::None => Step::Ret(ret),
            Jump::Branch => {
                if ret {
                    if self.repeat != NONE {
                        self.mark_pop_discard(c.lastmark);
                    }
                    return Step::Ret(true);
                }
                if self.repeat != NONE {
                    self.mark_pop(c.lastmark, false);
                }
                self.lastmark_restore(c);
                c.pattern += code[c.pattern] as usize;
                self.branch_loop(s, code, c)
            }
            Jump::RepeatOne1 | Jump::RepeatOne2 | Jump::MinRepeatOne => {
                if ret {
                    if self.repeat != NONE {
                        self.mark_pop_discard(c.lastmark);
                    }
                    return Step::Ret(true);
                }
                if self.repeat != NONE {
                    self.mark_pop(c.lastmark, false);
                }
                self.lastmark_restore(c);
                match kind {
                    Jump::RepeatOne1 => {
                        c.ptr = c.ptr.wrapping_sub(1);
                        c.count -= 1;
                        self.repeat_one_literal_loop(s, code, c)
                    }
                    Jump::RepeatOne2 => {
                        c.ptr = c.ptr.wrapping_sub(1);
                        c.count -= 1;
                        self.repeat_one_loop(code, c)
                    }
                    _ => {
                        self.ptr = c.ptr;
                        let r = self.count(s, code, c.pattern + 3, 1);
                        if r == 0 {
                            if self.repeat != NONE {
                                self.mark_pop_discard(c.lastmark);
                            }
                            return Step::Ret(false);
                        }
                        c.ptr += 1;
                        c.count += 1;
                        self.min_repeat_one_loop(code, c)
                    }
                }
            }
            Jump::Repeat => {
                self.repeat = self.repeats[c.a].prev;
                self.repeats.truncate(c.a);
                Step::Ret(ret)
            }
            Jump::MaxUntil1 | Jump::MinUntil1 => {
                if ret {
                    return Step::Ret(true);
                }
                self.repeats[c.a].count = c.count - 1;
                self.ptr = c.ptr;
                Step::Ret(false)
            }
            Jump::MaxUntil2 => {
                self.repeats[c.a].last_ptr = c.b;
                if ret {
                    self.mark_pop_discard(c.lastmark);
                    return Step::Ret(true);
                }
                self.mark_pop(c.lastmark, true);
                self.lastmark_restore(c);
                self.repeats[c.a].count = c.count - 1;
                self.ptr = c.ptr;
                self.max_until_tail(c)
            }
            Jump::MaxUntil3 => {
                self.repeat = c.a;
                if ret {
                    return Step::Ret(true);
                }
                self.ptr = c.ptr;
                Step::Ret(false)
            }
            Jump::MinUntil2 => {
                let repeat_of_tail = self.repeat;
                self.repeat = c.a;
                if ret {
                    if repeat_of_tail != NONE {
                        self.mark_pop_discard(c.lastmark);
                    }
                    return Step::Ret(true);
                }
                if repeat_of_tail != NONE {
                    self.mark_pop(c.lastmark, true);
                }
                self.lastmark_restore(c);
                self.ptr = c.ptr;
                let r = self.repeats[c.a];
                let max = code[r.pattern + 2];
                if (c.count >= max as isize && max != MAXREPEAT) || self.ptr == r.last_ptr {
                    return Step::Ret(false);
                }
                self.repeats[c.a].count = c.count;
                // Zero-width match protection.
                c.b = r.last_ptr;
                self.repeats[c.a].last_ptr = self.ptr;
                Step::Jump(Jump::MinUntil3, r.pattern + 3, c.toplevel)
            }
            Jump::MinUntil3 => {
                self.repeats[c.a].last_ptr = c.b;
                if ret {
                    return Step::Ret(true);
                }
                self.repeats[c.a].count = c.count - 1;
                self.ptr = c.ptr;
                Step::Ret(false)
            }
            Jump::Assert => {
                if !ret {
                    return Step::Ret(false);
                }
                c.pattern += code[c.pattern] as usize;
                Step::Dispatch
            }
            Jump::AssertNot => {
                if ret {
                    if self.repeat != NONE {
                        self.mark_pop_discard(c.lastmark);
                    }
                    return Step::Ret(false);
                }
                if self.repeat != NONE {
                    self.mark_pop(c.lastmark, true);
                }
                self.lastmark_restore(c);
                c.pattern += code[c.pattern] as usize;
                Step::Dispatch
            }
            Jump::AtomicGroup => {
                if !ret {
                    self.ptr = c.ptr;
                    return Step::Ret(false);
                }
                c.pattern += code[c.pattern] as usize;
                c.ptr = self.ptr;
                Step::Dispatch
            }
            Jump::PossRepeat1 => {
                if ret {
                    c.count += 1;
                    self.poss_min_loop(code, c)
                } else {
                    self.ptr = c.ptr;
                    Step::Ret(false)
                }
            }
            Jump::PossRepeat2 => {
                if ret {
                    self.mark_pop_discard(c.lastmark);
                    c.count += 1;
                    self.poss_loop(code, c)
                } else {
                    self.mark_pop(c.lastmark, true);
                    self.lastmark_restore(c);
                    self.ptr = c.b;
                    // Stop repeating: evaluate the tail.
                    let p = c.pattern;
                    c.pattern = p + code[p] as usize + 1;
                    c.ptr = self.ptr;
                    Step::Dispatch
                }
            }
        }
    }

    /// `SRE(search)`: finds the first match at or after `self.start`. On success `self.start`
    /// and `self.ptr` delimit it.
    pub fn search<C: Ch>(&mut self, s: &[C], code: &[u32]) -> bool {
        let mut ptr = self.start;
        let mut end = self.end;
        if ptr > end {
            return false;
        }
        let mut pat = 0;
        let mut flags = 0;
        let mut prefix_len = 0usize;
        let mut prefix_skip = 0usize;
        let mut prefix = 0usize;
        let mut charset_at: Option<usize> = None;
        if code[0] == OP_INFO {
            // <INFO> <1=skip> <2=flags> <3=min> <4=max> <5=prefix info>
            flags = code[2];
            let min = code[3] as usize;
            if min != 0 && end - ptr < min {
                return false;
            }
            if min > 1 {
                // Adjust the end point (but leave at least one character, so the literal
                // search works).
                end -= min - 1;
                if end <= ptr {
                    end = ptr;
                }
            }
            if flags & INFO_PREFIX != 0 {
                prefix_len = code[5] as usize;
                prefix_skip = code[6] as usize;
                prefix = 7;
            } else if flags & INFO_CHARSET != 0 {
                charset_at = Some(5);
            }
            pat = 1 + code[1] as usize;
        }
        if prefix_len == 1 {
            // The pattern starts with a literal character.
            let ch = code[prefix];
            end = self.end;
            self.must_advance = false;
            while ptr < end {
                while s[ptr].u() != ch {
                    ptr += 1;
                    if ptr >= end {
                        return false;
                    }
                }
                self.start = ptr;
                self.ptr = ptr + prefix_skip;
                if flags & INFO_LITERAL != 0 {
                    return true;
                }
                if self.sre_match(s, code, pat + 2 * prefix_skip, false) {
                    return true;
                }
                ptr += 1;
                self.lastmark = -1;
                self.lastindex = -1;
            }
            return false;
        }
        if prefix_len > 1 {
            // A known prefix: use the overlap table to skip forward.
            let overlap = prefix + prefix_len - 1;
            end = self.end;
            if prefix_len > end - ptr {
                return false;
            }
            let c0 = code[prefix];
            while ptr < end {
                loop {
                    let x = s[ptr].u();
                    ptr += 1;
                    if x == c0 {
                        break;
                    }
                    if ptr >= end {
                        return false;
                    }
                }
                if ptr >= end {
                    return false;
                }
                let mut i = 1usize;
                self.must_advance = false;
                loop {
                    if s[ptr].u() == code[prefix + i] {
                        i += 1;
                        if i != prefix_len {
                            ptr += 1;
                            if ptr >= end {
                                return false;
                            }
                            continue;
                        }
                        // A potential match.
                        self.start = ptr - (prefix_len - 1);
                        self.ptr = (ptr as isize - (prefix_len as isize - prefix_skip as isize - 1)) as usize;
                        if flags & INFO_LITERAL != 0 {
                            return true;
                        }
                        if self.sre_match(s, code, pat + 2 * prefix_skip, false) {
                            return true;
                        }
                        // Close but no cigar: try again.
                        ptr += 1;
                        if ptr >= end {
                            return false;
                        }
                        self.lastmark = -1;
                        self.lastindex = -1;
                    }
                    i = code[overlap + i] as usize;
                    if i == 0 {
                        break;
                    }
                }
            }
            return false;
        }
        if let Some(cs) = charset_at {
            // The pattern starts with a character from a known set.
            end = self.end;
            self.must_advance = false;
            loop {
                while ptr < end && !charset(code, cs, s[ptr].u()) {
                    ptr += 1;
                }
                if ptr >= end {
                    return false;
                }
                self.start = ptr;
                self.ptr = ptr;
                if self.sre_match(s, code, pat, false) {
                    return true;
                }
                ptr += 1;
                self.lastmark = -1;
                self.lastindex = -1;
            }
        }
        // General case.
        self.start = ptr;
        self.ptr = ptr;
        let mut status = self.sre_match(s, code, pat, true);
        self.must_advance = false;
        if !status && code[pat] == OP_AT && (code[pat + 1] == AT_BEGINNING || code[pat + 1] == AT_BEGINNING_STRING) {
            self.start = end;
            self.ptr = end;
            return false;
        }
        while !status && ptr < end {
            ptr += 1;
            self.lastmark = -1;
            self.lastindex = -1;
            self.start = ptr;
            self.ptr = ptr;
            status = self.sre_match(s, code, pat, false);
        }
        status
    }
}
