//! String literals: prefixes, escape decoding, implicit concatenation, and 3.11-style
//! f-string parsing (JoinedStr / FormattedValue with nested format specs and `=`).

use super::expr::mk;
use super::{PResult, Parser};
use crate::ast::*;
use crate::error::SyntaxError;
use crate::lexer;
use crate::pystr;
use crate::token::{Kind, Token};

struct Lit<'s> {
    bytes: bool,
    raw: bool,
    fmt: bool,
    unicode: bool,
    body: &'s str,
    /// Byte offset of `body` within the token text.
    body_off: usize,
}

fn split_literal(text: &str) -> Lit<'_> {
    let qpos = text.find(['\'', '"']).unwrap_or(0);
    let prefix = &text[..qpos];
    let q = text.as_bytes().get(qpos).copied().unwrap_or(b'"');
    let rest = &text[qpos..];
    let triple = rest.len() >= 6 && rest.as_bytes()[1] == q && rest.as_bytes()[2] == q;
    let ql = if triple { 3 } else { 1 };
    let body = rest.get(ql..rest.len().saturating_sub(ql)).unwrap_or("");
    let lp = prefix.to_ascii_lowercase();
    Lit {
        bytes: lp.contains('b'),
        raw: lp.contains('r'),
        fmt: lp.contains('f'),
        unicode: prefix.starts_with('u'),
        body,
        body_off: qpos + ql,
    }
}

enum EscErr {
    Unicode(String),
    Value(String),
}

/// Position as CPython's escape decoder counts it (non-ASCII chars become `\UXXXXXXXX`).
fn esc_pos(body: &str, byte_idx: usize) -> usize {
    body[..byte_idx].chars().map(|c| if c.is_ascii() { 1 } else { 10 }).sum()
}

fn unicode_err(body: &str, start: usize, end: usize, what: &str) -> EscErr {
    let a = esc_pos(body, start);
    let b = esc_pos(body, end);
    if b <= a + 1 {
        EscErr::Unicode(format!("(unicode error) 'unicodeescape' codec can't decode byte 0x5c in position {a}: {what}"))
    } else {
        EscErr::Unicode(format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {what}",
            a,
            b - 1
        ))
    }
}

fn decode_str(body: &str) -> Result<String, EscErr> {
    if !body.contains('\\') {
        let mut out = String::with_capacity(body.len());
        pystr::push_text(&mut out, body);
        return Ok(out);
    }
    let b = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            let ch = body[i..].chars().next().unwrap_or('\0');
            pystr::push_code_point(&mut out, ch as u32);
            i += ch.len_utf8();
            continue;
        }
        let start = i;
        i += 1;
        if i >= b.len() {
            return Err(unicode_err(body, start, i, "\\ at end of string"));
        }
        let c = b[i];
        i += 1;
        match c {
            b'\n' => {}
            b'\\' => out.push('\\'),
            b'\'' => out.push('\''),
            b'"' => out.push('"'),
            b'a' => out.push('\x07'),
            b'b' => out.push('\x08'),
            b'f' => out.push('\x0c'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'v' => out.push('\x0b'),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                pystr::push_code_point(&mut out, v);
            }
            b'x' | b'u' | b'U' => {
                let (n, what) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut v: u32 = 0;
                for _ in 0..n {
                    match b.get(i).and_then(|&d| (d as char).to_digit(16)) {
                        Some(d) => {
                            v = v.wrapping_mul(16).wrapping_add(d);
                            i += 1;
                        }
                        None => return Err(unicode_err(body, start, i, what)),
                    }
                }
                if v >= 0x110000 {
                    return Err(unicode_err(body, start, i, "illegal Unicode character"));
                }
                pystr::push_code_point(&mut out, v); // lone surrogates are encoded
            }
            b'N' => {
                if b.get(i) != Some(&b'{') {
                    return Err(unicode_err(body, start, i, "malformed \\N character escape"));
                }
                let close = body[i..].find('}').map(|k| i + k);
                let Some(close) = close else {
                    return Err(unicode_err(body, start, b.len(), "malformed \\N character escape"));
                };
                let name = &body[i + 1..close];
                match crate::parser::strings::lookup_char_name(name) {
                    Some(ch) => pystr::push_code_point(&mut out, ch as u32),
                    None => return Err(unicode_err(body, start, close + 1, "unknown Unicode character name")),
                }
                i = close + 1;
            }
            _ => {
                // Unknown escape: kept verbatim (DeprecationWarning in CPython).
                out.push('\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

static NAMES_DATA: &str = include_str!("../unicode_names.txt");

fn names_table() -> &'static (std::collections::HashMap<String, u32>, Vec<(String, u32, u32)>) {
    static T: std::sync::OnceLock<(std::collections::HashMap<String, u32>, Vec<(String, u32, u32)>)> =
        std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut map = std::collections::HashMap::with_capacity(33000);
        let mut ranges = Vec::new();
        let mut prev = String::new();
        let mut code: i64 = -1;
        for line in NAMES_DATA.lines() {
            if let Some(r) = line.strip_prefix('=') {
                // =PREFIX;FIRST-LAST
                if let Some((pre, span)) = r.split_once(';') {
                    if let Some((a, b)) = span.split_once('-') {
                        if let (Ok(a), Ok(b)) = (u32::from_str_radix(a, 16), u32::from_str_radix(b, 16)) {
                            ranges.push((pre.to_string(), a, b));
                        }
                    }
                }
                continue;
            }
            let Some((k, rest)) = line.split_once(' ') else { continue };
            let k: usize = k.parse().unwrap_or(0);
            let (suffix, delta) = match rest.split_once(';') {
                Some((n, d)) => (n, i64::from_str_radix(d, 16).unwrap_or(1)),
                None => (rest, 1),
            };
            code += delta;
            let mut name = String::with_capacity(k + suffix.len());
            name.push_str(prev.get(..k).unwrap_or(""));
            name.push_str(suffix);
            map.insert(name.clone(), code as u32);
            prev = name;
        }
        (map, ranges)
    })
}

fn hangul_syllable(rest: &str) -> Option<u32> {
    const L: [&str; 19] =
        ["G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"];
    const V: [&str; 21] = [
        "A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU",
        "EU", "YI", "I",
    ];
    const T: [&str; 28] = [
        "", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S",
        "SS", "NG", "J", "C", "K", "T", "P", "H",
    ];
    // CPython's find_syllable: the longest matching jamo name at each step.
    fn longest(s: &str, table: &[&str]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (i, j) in table.iter().enumerate() {
            if s.starts_with(j) && best.map_or(true, |(_, l)| j.len() > l) {
                best = Some((i, j.len()));
            }
        }
        best
    }
    let (l, n1) = longest(rest, &L)?;
    let (v, n2) = longest(&rest[n1..], &V)?;
    let (t, n3) = longest(&rest[n1 + n2..], &T)?;
    if n1 + n2 + n3 != rest.len() {
        return None;
    }
    Some(0xAC00 + ((l * 21 + v) * 28 + t) as u32)
}

/// Looks up a Unicode character name as `\N{...}` does (case-insensitive; algorithmic
/// ideograph and Hangul syllable names included; name aliases are not).
pub(crate) fn lookup_char_name(name: &str) -> Option<char> {
    let n = name.to_ascii_uppercase();
    if let Some(rest) = n.strip_prefix("HANGUL SYLLABLE ") {
        return hangul_syllable(rest).and_then(char::from_u32);
    }
    let (map, ranges) = names_table();
    if let Some(&c) = map.get(&n) {
        return char::from_u32(c);
    }
    for (pre, a, b) in ranges {
        if let Some(hex) = n.strip_prefix(pre.as_str()) {
            if (4..=5).contains(&hex.len()) && hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                if let Ok(v) = u32::from_str_radix(hex, 16) {
                    if v >= *a && v <= *b {
                        return char::from_u32(v);
                    }
                }
            }
        }
    }
    None
}

fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, EscErr> {
    let b = body.as_bytes();
    if raw || !body.contains('\\') {
        return Ok(b.to_vec());
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if i >= b.len() {
            return Err(EscErr::Value("Trailing \\ in string".into()));
        }
        let c = b[i];
        i += 1;
        match c {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                let h = b.get(i).and_then(|&d| (d as char).to_digit(16));
                let l = b.get(i + 1).and_then(|&d| (d as char).to_digit(16));
                match (h, l) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => return Err(EscErr::Value(format!("invalid \\x escape at position {start}"))),
                }
            }
            _ => {
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

impl<'a> Parser<'a> {
    fn esc_error(&self, e: EscErr) -> SyntaxError {
        let msg = match e {
            EscErr::Unicode(m) => m,
            EscErr::Value(m) => format!("(value error) {m}"),
        };
        self.err_tok(self.cur(), msg)
    }

    /// One or more adjacent STRING tokens: a `Constant` (str or bytes) or a `JoinedStr`.
    pub(crate) fn strings(&mut self) -> PResult<Expr> {
        let s = self.start();
        let first = self.pos;
        while self.kind() == Kind::String {
            self.bump();
        }
        let all: &'a [Token] = self.toks;
        let toks = &all[first..self.pos];
        let loc = self.loc_from(s);
        let lits: Vec<Lit> = toks.iter().map(|&t| split_literal(self.text(t))).collect();
        let nbytes = lits.iter().filter(|l| l.bytes).count();
        if nbytes != 0 && nbytes != lits.len() {
            return Err(self.err_tok(self.cur(), "cannot mix bytes and nonbytes literals"));
        }
        if nbytes > 0 {
            let mut v = Vec::new();
            for (l, t) in lits.iter().zip(toks) {
                if !l.body.is_ascii() {
                    return Err(self.err_tok(*t, "bytes can only contain ASCII literal characters"));
                }
                v.extend(decode_bytes(l.body, l.raw).map_err(|e| self.esc_error(e))?);
            }
            return Ok(mk(ExprKind::Constant { value: ConstValue::Bytes(v), kind: None }, loc));
        }
        let kind = if lits.first().map_or(false, |l| l.unicode) { Some("u".to_string()) } else { None };
        if !lits.iter().any(|l| l.fmt) {
            let mut out = String::new();
            for l in &lits {
                if l.raw {
                    pystr::push_text(&mut out, l.body);
                } else {
                    out.push_str(&decode_str(l.body).map_err(|e| self.esc_error(e))?);
                }
            }
            return Ok(mk(ExprKind::Constant { value: ConstValue::Str(out), kind }, loc));
        }
        let mut fb = FBuilder { values: Vec::new(), lit: String::new(), loc, kind: kind.clone() };
        for (l, t) in lits.iter().zip(toks) {
            if !l.fmt {
                if l.raw {
                    pystr::push_text(&mut fb.lit, l.body);
                } else {
                    fb.lit.push_str(&decode_str(l.body).map_err(|e| self.esc_error(e))?);
                }
                continue;
            }
            let mut i = 0usize;
            self.fstring_body(l, *t, &mut i, 0, &mut fb)?;
        }
        fb.flush();
        Ok(mk(ExprKind::JoinedStr { values: fb.values }, loc))
    }

    /// Parses f-string text from `*i` in `lit.body` until its end (top level) or an unmatched
    /// `}` (format spec, `level` > 0), appending to `fb`.
    fn fstring_body(&mut self, lit: &Lit, t: Token, i: &mut usize, level: u32, fb: &mut FBuilder) -> PResult<()> {
        let body = lit.body;
        let b = body.as_bytes();
        loop {
            // literal part
            let mut chunk = String::new();
            let mut seg_start = *i;
            let mut at_expr = false;
            while *i < b.len() {
                let c = b[*i];
                if !lit.raw && c == b'\\' && *i + 1 < b.len() {
                    if b[*i + 1] == b'N' && b.get(*i + 2) == Some(&b'{') {
                        let close = body[*i..].find('}').map(|k| *i + k + 1).unwrap_or(b.len());
                        *i = close;
                        continue;
                    }
                    *i += 2;
                    continue;
                }
                if c == b'{' || c == b'}' {
                    if level == 0 {
                        if b.get(*i + 1) == Some(&c) {
                            chunk.push_str(&self.decode_piece(lit, &body[seg_start..*i + 1])?);
                            *i += 2;
                            seg_start = *i;
                            continue;
                        }
                        if c == b'}' {
                            return Err(self.err_tok(self.cur(), "f-string: single '}' is not allowed"));
                        }
                    }
                    at_expr = c == b'{';
                    break;
                }
                *i += 1;
            }
            chunk.push_str(&self.decode_piece(lit, &body[seg_start..*i])?);
            fb.lit.push_str(&chunk);
            if *i >= b.len() {
                if level > 0 {
                    return Err(self.err_tok(self.cur(), "f-string: expecting '}'"));
                }
                return Ok(());
            }
            if !at_expr {
                // '}' ending a format spec
                return Ok(());
            }
            if level >= 2 {
                return Err(self.err_tok(self.cur(), "f-string: expressions nested too deeply"));
            }
            self.fstring_expr(lit, t, i, level, fb)?;
        }
    }

    fn decode_piece(&self, lit: &Lit, s: &str) -> PResult<String> {
        if lit.raw {
            let mut o = String::with_capacity(s.len());
            pystr::push_text(&mut o, s);
            Ok(o)
        } else {
            decode_str(s).map_err(|e| self.esc_error(e))
        }
    }

    /// Parses one replacement field starting at the `{` at `*i`.
    fn fstring_expr(&mut self, lit: &Lit, t: Token, i: &mut usize, level: u32, fb: &mut FBuilder) -> PResult<()> {
        let body = lit.body;
        let b = body.as_bytes();
        let brace = *i;
        *i += 1;
        let expr_start = *i;
        let mut quote: u8 = 0;
        let mut string_type = 0;
        let mut stack: Vec<u8> = Vec::new();
        while *i < b.len() {
            let ch = b[*i];
            if ch == b'\\' {
                return Err(self.err_tok(self.cur(), "f-string expression part cannot include a backslash"));
            }
            if quote != 0 {
                if ch == quote {
                    if string_type == 3 {
                        if *i + 2 < b.len() && b[*i + 1] == ch && b[*i + 2] == ch {
                            *i += 3;
                            string_type = 0;
                            quote = 0;
                            continue;
                        }
                    } else {
                        *i += 1;
                        quote = 0;
                        string_type = 0;
                        continue;
                    }
                }
            } else if ch == b'\'' || ch == b'"' {
                if *i + 2 < b.len() && b[*i + 1] == ch && b[*i + 2] == ch {
                    string_type = 3;
                    *i += 2;
                } else {
                    string_type = 1;
                }
                quote = ch;
            } else if ch == b'[' || ch == b'{' || ch == b'(' {
                if stack.len() >= 200 {
                    return Err(self.err_tok(self.cur(), "f-string: too many nested parenthesis"));
                }
                stack.push(ch);
            } else if ch == b'#' {
                return Err(self.err_tok(self.cur(), "f-string expression part cannot include '#'"));
            } else if stack.is_empty() && matches!(ch, b'!' | b':' | b'}' | b'=' | b'>' | b'<') {
                if *i + 1 < b.len() {
                    let next = b[*i + 1];
                    if (ch == b'!' || ch == b'=' || ch == b'<' || ch == b'>') && next == b'=' {
                        *i += 2;
                        continue;
                    }
                }
                if ch == b'>' || ch == b'<' {
                    *i += 1;
                    continue;
                }
                break;
            } else if ch == b']' || ch == b'}' || ch == b')' {
                let Some(open) = stack.pop() else {
                    return Err(self.err_tok(self.cur(), format!("f-string: unmatched '{}'", ch as char)));
                };
                let ok = matches!((open, ch), (b'[', b']') | (b'(', b')') | (b'{', b'}'));
                if !ok {
                    return Err(self.err_tok(
                        self.cur(),
                        format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        ),
                    ));
                }
            }
            *i += 1;
        }
        let expr_end = *i;
        if quote != 0 {
            return Err(self.err_tok(self.cur(), "f-string: unterminated string"));
        }
        if let Some(&open) = stack.last() {
            return Err(self.err_tok(self.cur(), format!("f-string: unmatched '{}'", open as char)));
        }
        if *i >= b.len() {
            return Err(self.err_tok(self.cur(), "f-string: expecting '}'"));
        }
        let expr_text = &body[expr_start..expr_end];
        let value = self.fstring_compile(lit, t, brace, expr_text, b[*i])?;
        let mut debug_text = None;
        if b[*i] == b'=' {
            *i += 1;
            while *i < b.len() && matches!(b[*i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\x0b') {
                *i += 1;
            }
            if *i >= b.len() {
                return Err(self.err_tok(self.cur(), "f-string: expecting '}'"));
            }
            let mut d = String::new();
            pystr::push_text(&mut d, &body[expr_start..*i]);
            debug_text = Some(d);
        }
        let mut conversion: i32 = -1;
        if b[*i] == b'!' {
            *i += 1;
            if *i >= b.len() {
                return Err(self.err_tok(self.cur(), "f-string: expecting '}'"));
            }
            let c = body[*i..].chars().next().unwrap_or('\0');
            *i += c.len_utf8();
            if !matches!(c, 's' | 'r' | 'a') {
                return Err(
                    self.err_tok(self.cur(), "f-string: invalid conversion character: expected 's', 'r', or 'a'")
                );
            }
            conversion = c as i32;
        }
        let mut format_spec = None;
        if *i < b.len() && b[*i] == b':' {
            *i += 1;
            if *i >= b.len() {
                return Err(self.err_tok(self.cur(), "f-string: expecting '}'"));
            }
            let mut sub = FBuilder { values: Vec::new(), lit: String::new(), loc: fb.loc, kind: fb.kind.clone() };
            self.fstring_body(lit, t, i, level + 1, &mut sub)?;
            // The spec's trailing literal gets the span of its own token (FstringParser_Finish
            // is called with (t, t) for specs); literals before a field get the whole span.
            sub.loc = Self::tok_loc(t);
            sub.kind = None; // `t` is an f-string token, never `u`-prefixed
            sub.flush();
            // CPython 3.11 gives the spec's JoinedStr the span of its own string token.
            format_spec = Some(Box::new(mk(ExprKind::JoinedStr { values: sub.values }, Self::tok_loc(t))));
        }
        if *i >= b.len() || b[*i] != b'}' {
            return Err(self.err_tok(self.cur(), "f-string: expecting '}'"));
        }
        *i += 1;
        if let Some(d) = debug_text {
            fb.lit.push_str(&d);
            if format_spec.is_none() && conversion == -1 {
                conversion = 'r' as i32;
            }
        }
        fb.flush();
        fb.values.push(mk(ExprKind::FormattedValue { value: Box::new(value), conversion, format_spec }, fb.loc));
        Ok(())
    }

    /// Parses the expression text of a replacement field as CPython 3.11 does: as `(expr)`,
    /// with positions shifted to where the field sits in the source.
    fn fstring_compile(&mut self, lit: &Lit, t: Token, brace: usize, expr: &str, term: u8) -> PResult<Expr> {
        if expr.bytes().all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')) {
            if matches!(term, b'!' | b':' | b'=') {
                return Err(
                    self.err_tok(self.cur(), format!("f-string: expression required before '{}'", term as char))
                );
            }
            return Err(self.err_tok(self.cur(), "f-string: empty expression not allowed"));
        }
        let tok_text = self.text(t);
        let brace_abs = lit.body_off + brace;
        let before = &tok_text[..brace_abs];
        let lines = before.bytes().filter(|&c| c == b'\n').count() as u32;
        let after = &tok_text[brace_abs + 1..];
        let newline_after_brace =
            after.bytes().take_while(|&c| c != b'}' && c != b'\n').all(|c| matches!(c, b' ' | b'\t' | b'\x0c'))
                && after.bytes().find(|&c| c == b'}' || c == b'\n') == Some(b'\n');
        let cols: u32 = if newline_after_brace {
            0
        } else if let Some(nl) = before.rfind('\n') {
            (brace_abs - nl - 1) as u32
        } else {
            t.col + brace_abs as u32
        };
        let buf = format!("({expr})");
        let lexed = lexer::tokenize(&buf);
        let mut toks = lexed.tokens;
        let line0 = t.line + lines;
        for tk in toks.iter_mut() {
            if tk.line == 1 {
                tk.col += cols;
            }
            if tk.end_line == 1 {
                tk.end_col += cols;
            }
            tk.line += line0 - 1;
            tk.end_line += line0 - 1;
        }
        let sub_lex_err = lexed.error.clone();
        let mut p = Parser::new_sub(&buf, &toks, lexed.error);
        p.fstring_shift = (line0, cols);
        let r = (|| -> PResult<Expr> {
            let e = p.star_expressions()?;
            if p.kind() != Kind::Newline && p.kind() != Kind::EndMarker {
                return Err(p.invalid());
            }
            Ok(e)
        })();
        r.map_err(|mut e| {
            if Some(&e) != sub_lex_err.as_ref() && !e.msg.starts_with("f-string") {
                e.msg = format!("f-string: {}", e.msg);
            }
            e
        })
    }
}

struct FBuilder {
    values: Vec<Expr>,
    lit: String,
    loc: Loc,
    /// `Some("u")` when the first string token is `u`-prefixed (CPython marks every literal
    /// piece it builds from that token so).
    kind: Option<String>,
}

impl FBuilder {
    fn flush(&mut self) {
        if !self.lit.is_empty() {
            let s = std::mem::take(&mut self.lit);
            self.values.push(mk(ExprKind::Constant { value: ConstValue::Str(s), kind: self.kind.clone() }, self.loc));
        }
    }
}
