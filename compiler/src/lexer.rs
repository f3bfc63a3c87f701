//! The tokenizer the parser uses: CPython 3.11's C tokenizer semantics (INDENT/DEDENT,
//! implicit line joining inside brackets, backslash continuation, no comment/NL tokens).
//!
//! The whole source is tokenized up front; a tokenizer error becomes a final
//! [`Kind::Error`] token so that an earlier *parser* error still wins, as in CPython
//! (whose tokenizer runs lazily).

use crate::error::{ErrorKind, SyntaxError};
use crate::token::{Kind, Token};

/// CPython's MAXLEVEL: maximum bracket nesting.
pub const MAX_LEVEL: usize = 200;

/// Result of tokenizing: the tokens (ending with ENDMARKER or an Error token) and the error
/// the Error token stands for.
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub error: Option<SyntaxError>,
    /// The innermost bracket still open where tokenizing stopped (error or end of file), as
    /// the "'(' was never closed" error CPython would raise for it.
    pub unclosed: Option<SyntaxError>,
}

struct Lexer<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    line: u32,
    line_start: usize,
    tokens: Vec<Token>,
    parens: Vec<(u8, u32, u32)>,
    indents: Vec<u32>,
    altindents: Vec<u32>,
    atbol: bool,
}

/// Column in characters (1-based, CPython's `SyntaxError.offset`) of byte column `bcol` on the
/// line starting at byte `line_start`.
pub fn char_offset(text: &str, line_start: usize, bcol: usize) -> u32 {
    let end = (line_start + bcol).min(text.len());
    let mut e = end;
    while e > line_start && !text.is_char_boundary(e) {
        e -= 1;
    }
    text.get(line_start..e).map(|s| s.chars().count() as u32 + 1).unwrap_or(1)
}

fn in_table(t: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    t.binary_search_by(|&(lo, hi)| {
        if hi < c {
            std::cmp::Ordering::Less
        } else if lo > c {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

/// Whether `c` may start an identifier (`str.isidentifier` semantics).
pub fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        c == '_' || c.is_ascii_alphabetic()
    } else {
        in_table(crate::unicode_tables::ID_START, c)
    }
}

/// Whether `c` may continue an identifier.
pub fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        c == '_' || c.is_ascii_alphanumeric()
    } else {
        in_table(crate::unicode_tables::ID_CONTINUE, c)
    }
}

/// Python's `str.isprintable` for one character.
pub fn is_printable(c: char) -> bool {
    if (' '..='~').contains(&c) {
        return true;
    }
    !in_table(crate::unicode_tables::NON_PRINTABLE, c)
}

/// NFKC-normalizes an identifier as CPython does (`unicodedata.normalize("NFKC", name)`):
/// full compatibility decomposition, canonical reordering of combining marks, then canonical
/// composition -- so `e` followed by U+0301 becomes `é`, and Hangul jamo compose.
pub fn nfkc_ident(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    use crate::nfkc_tables::{CCC, COMPOSE, NFKD};
    const S_BASE: u32 = 0xAC00;
    const S_COUNT: u32 = 11172;
    let ccc = |c: char| -> u8 {
        let c = c as u32;
        match CCC.binary_search_by(|&(a, b, _)| {
            if b < c {
                std::cmp::Ordering::Less
            } else if a > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => CCC[i].2,
            Err(_) => 0,
        }
    };
    // 1. Decompose.
    let mut d: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        let cp = c as u32;
        if (S_BASE..S_BASE + S_COUNT).contains(&cp) {
            let si = cp - S_BASE;
            d.extend(char::from_u32(0x1100 + si / 588));
            d.extend(char::from_u32(0x1161 + (si % 588) / 28));
            if si % 28 != 0 {
                d.extend(char::from_u32(0x11A7 + si % 28));
            }
        } else {
            match NFKD.binary_search_by_key(&cp, |&(k, _)| k) {
                Ok(i) => d.extend(NFKD[i].1.chars()),
                Err(_) => d.push(c),
            }
        }
    }
    // 2. Canonical ordering: stable sort of each run of non-starters by combining class.
    let mut i = 0;
    while i < d.len() {
        if ccc(d[i]) == 0 {
            i += 1;
            continue;
        }
        let run = i;
        while i < d.len() && ccc(d[i]) != 0 {
            i += 1;
        }
        d[run..i].sort_by_key(|&c| ccc(c));
    }
    // 3. Canonical composition.
    let compose = |a: char, b: char| -> Option<char> {
        let (a, b) = (a as u32, b as u32);
        if (0x1100..0x1113).contains(&a) && (0x1161..0x1176).contains(&b) {
            return char::from_u32(S_BASE + ((a - 0x1100) * 21 + (b - 0x1161)) * 28);
        }
        if (S_BASE..S_BASE + S_COUNT).contains(&a) && (a - S_BASE) % 28 == 0 && (0x11A8..0x11C3).contains(&b) {
            return char::from_u32(a + (b - 0x11A7));
        }
        COMPOSE.binary_search_by_key(&(a, b), |&(x, y, _)| (x, y)).ok().and_then(|i| char::from_u32(COMPOSE[i].2))
    };
    let mut out: Vec<char> = Vec::with_capacity(d.len());
    let mut starter: Option<usize> = None;
    // Combining class of the last character kept after the starter (None: adjacent to it).
    let mut last: Option<u8> = None;
    for c in d {
        let cc = ccc(c);
        if let Some(si) = starter {
            let blocked = matches!(last, Some(l) if l >= cc || l == 0);
            if !blocked {
                if let Some(x) = compose(out[si], c) {
                    out[si] = x;
                    continue;
                }
            }
        }
        if cc == 0 {
            starter = Some(out.len());
            last = None;
        } else {
            last = Some(cc);
        }
        out.push(c);
    }
    out.into_iter().collect()
}

/// Length of the three- or two-character operator at the start of `rest` (`**=`, `//=`,
/// `>>=`, `<<=`, `...`, then `!=`, `%=`, ..., `->`, `:=`), or 0. `<>` gives 0: it is an
/// operator only under `barry_as_FLUFL`, so `<` is taken alone, as CPython does.
fn op_len(rest: &[u8]) -> usize {
    let at = |i: usize| rest.get(i).copied().unwrap_or(0);
    let (c0, c1, c2) = (at(0), at(1), at(2));
    if matches!(
        (c0, c1, c2),
        (b'*', b'*', b'=') | (b'/', b'/', b'=') | (b'>', b'>', b'=') | (b'<', b'<', b'=') | (b'.', b'.', b'.')
    ) {
        return 3;
    }
    match (c0, c1) {
        (b'<', b'>') => 0,
        (b'!' | b'%' | b'&' | b'*' | b'+' | b'-' | b'/' | b':' | b'<' | b'=' | b'>' | b'@' | b'^' | b'|', b'=') => 2,
        (b'*', b'*') | (b'-', b'>') | (b'/', b'/') | (b'<', b'<') | (b'>', b'>') => 2,
        _ => 0,
    }
}

impl<'a> Lexer<'a> {
    fn err(&self, kind: ErrorKind, msg: impl Into<String>, line: u32, line_start: usize, bcol: usize) -> SyntaxError {
        let off = char_offset(self.text, line_start, bcol);
        SyntaxError::new(kind, msg, line, off)
    }
    /// CPython's `syntaxerror(tok, ...)`: offset is the 0-based column of the cursor.
    fn cur_err(&self, msg: impl Into<String>) -> SyntaxError {
        let c = (self.pos - self.line_start).saturating_sub(1);
        self.err(ErrorKind::SyntaxError, msg, self.line, self.line_start, c)
    }
    fn here_err(&self, msg: impl Into<String>) -> SyntaxError {
        self.err(ErrorKind::SyntaxError, msg, self.line, self.line_start, self.pos - self.line_start)
    }
    fn peek(&self, k: usize) -> u8 {
        *self.src.get(self.pos + k).unwrap_or(&0)
    }
    fn push(&mut self, kind: Kind, start: usize, sline: u32, sls: usize) {
        self.tokens.push(Token {
            kind,
            start: start as u32,
            end: self.pos as u32,
            line: sline,
            col: (start - sls) as u32,
            end_line: self.line,
            end_col: (self.pos - self.line_start) as u32,
        });
    }
    fn newline_at(&mut self) {
        // self.pos is just past a '\n'
        self.line += 1;
        self.line_start = self.pos;
    }
    fn cur_char(&self) -> char {
        self.text.get(self.pos..).and_then(|s| s.chars().next()).unwrap_or('\0')
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        loop {
            if self.atbol {
                self.atbol = false;
                if self.indentation()? {
                    continue;
                }
            }
            // skip whitespace
            while matches!(self.peek(0), b' ' | b'\t' | b'\x0c') {
                self.pos += 1;
            }
            let start = self.pos;
            let c = self.peek(0);
            if self.pos >= self.src.len() {
                return self.finish();
            }
            match c {
                b'#' => {
                    self.pos =
                        self.src[self.pos..].iter().position(|&b| b == b'\n').map_or(self.src.len(), |k| self.pos + k);
                }
                b'\n' => {
                    self.pos += 1;
                    let content = matches!(self.tokens.last(), Some(t) if !matches!(t.kind, Kind::Newline | Kind::Indent | Kind::Dedent));
                    if self.parens.is_empty() {
                        if content {
                            self.tokens.push(Token {
                                kind: Kind::Newline,
                                start: start as u32,
                                end: self.pos as u32,
                                line: self.line,
                                col: (start - self.line_start) as u32,
                                end_line: self.line,
                                end_col: (self.pos - self.line_start) as u32,
                            });
                        }
                        self.newline_at();
                        self.atbol = true;
                    } else {
                        self.newline_at();
                    }
                }
                b'\\' => {
                    if self.peek(1) == b'\n' {
                        let (l, ls) = (self.line, self.line_start);
                        self.pos += 2;
                        self.newline_at();
                        if self.pos >= self.src.len() {
                            return Err(self.err(
                                ErrorKind::SyntaxError,
                                "unexpected EOF while parsing",
                                l,
                                ls,
                                start + 1 - ls,
                            ));
                        }
                    } else {
                        self.pos += 1;
                        return Err(self.here_err("unexpected character after line continuation character"));
                    }
                }
                b'0'..=b'9' => self.number(start)?,
                b'.' if self.peek(1).is_ascii_digit() => self.number(start)?,
                b'"' | b'\'' => self.string(start, start)?,
                _ => {
                    let ch = self.cur_char();
                    if is_id_start(ch) || !ch.is_ascii() {
                        self.name(start)?;
                    } else {
                        self.op(start)?;
                    }
                }
            }
        }
    }

    /// Processes indentation at the beginning of a line; returns true when the line is blank.
    fn indentation(&mut self) -> Result<bool, SyntaxError> {
        let mut col: u32 = 0;
        let mut altcol: u32 = 0;
        // CPython 3.11: indentation cannot be split with backslashes; the column at the first
        // backslash is the line's indentation.
        let mut cont_col: u32 = 0;
        loop {
            match self.peek(0) {
                b'\\' => {
                    cont_col = if cont_col != 0 { cont_col } else { col };
                    let start = self.pos;
                    if self.peek(1) != b'\n' {
                        self.pos += 1;
                        return Err(self.here_err("unexpected character after line continuation character"));
                    }
                    let (l, ls) = (self.line, self.line_start);
                    self.pos += 2;
                    self.newline_at();
                    if self.pos >= self.src.len() {
                        return Err(self.err(
                            ErrorKind::SyntaxError,
                            "unexpected EOF while parsing",
                            l,
                            ls,
                            start + 1 - ls,
                        ));
                    }
                    continue;
                }
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                b'\x0c' => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        if cont_col != 0 {
            col = cont_col;
            altcol = cont_col;
        }
        let c = self.peek(0);
        if c == b'#' || c == b'\n' {
            return Ok(false); // blank line: comment/newline handled by main loop without NEWLINE
        }
        if self.pos >= self.src.len() {
            return Ok(false);
        }
        if !self.parens.is_empty() {
            return Ok(false);
        }
        let top = *self.indents.last().unwrap_or(&0);
        let alttop = *self.altindents.last().unwrap_or(&0);
        let tab_err = |s: &Self| {
            s.err(ErrorKind::TabError, "inconsistent use of tabs and spaces in indentation", s.line, s.line_start, 0)
        };
        if col == top {
            if altcol != alttop {
                return Err(tab_err(self));
            }
        } else if col > top {
            if altcol <= alttop {
                return Err(tab_err(self));
            }
            if self.indents.len() >= 100 {
                return Err(self.err(
                    ErrorKind::IndentationError,
                    "too many levels of indentation",
                    self.line,
                    self.line_start,
                    0,
                ));
            }
            self.indents.push(col);
            self.altindents.push(altcol);
            let p = self.pos;
            self.tokens.push(Token {
                kind: Kind::Indent,
                start: p as u32,
                end: p as u32,
                line: self.line,
                col: (p - self.line_start) as u32,
                end_line: self.line,
                end_col: (p - self.line_start) as u32,
            });
        } else {
            while self.indents.len() > 1 && col < *self.indents.last().unwrap_or(&0) {
                self.indents.pop();
                self.altindents.pop();
                let p = self.pos;
                self.tokens.push(Token {
                    kind: Kind::Dedent,
                    start: p as u32,
                    end: p as u32,
                    line: self.line,
                    col: (p - self.line_start) as u32,
                    end_line: self.line,
                    end_col: (p - self.line_start) as u32,
                });
            }
            if col != *self.indents.last().unwrap_or(&0) {
                let mut e = self.pos;
                while e < self.src.len() && self.src[e] != b'\n' {
                    e += 1;
                }
                return Err(self.err(
                    ErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                    self.line,
                    self.line_start,
                    e - self.line_start,
                ));
            }
            if altcol != *self.altindents.last().unwrap_or(&0) {
                return Err(tab_err(self));
            }
        }
        Ok(false)
    }

    fn unclosed_error(&self) -> Option<SyntaxError> {
        let &(ch, line, col) = self.parens.last()?;
        let ls = line_start_of(self.text, line);
        Some(self.err(ErrorKind::SyntaxError, format!("'{}' was never closed", ch as char), line, ls, col as usize))
    }

    fn finish(&mut self) -> Result<(), SyntaxError> {
        if let Some(e) = self.unclosed_error() {
            return Err(e);
        }
        // CPython puts the end-of-file tokens on the last line, after its last character.
        if self.src.last() == Some(&b'\n') && self.line > 1 {
            let ls = line_start_of(self.text, self.line - 1);
            self.line -= 1;
            self.line_start = ls;
            self.pos = self.src.len() - 1;
        }
        // Missing final NEWLINE (source is normally newline-terminated by the caller).
        if let Some(t) = self.tokens.last() {
            if !matches!(t.kind, Kind::Newline | Kind::Dedent | Kind::Indent) {
                let p = self.pos;
                self.tokens.push(Token {
                    kind: Kind::Newline,
                    start: p as u32,
                    end: p as u32,
                    line: self.line,
                    col: (p - self.line_start) as u32,
                    end_line: self.line,
                    end_col: (p - self.line_start) as u32 + 1,
                });
            }
        }
        let p = self.pos;
        while self.indents.len() > 1 {
            self.indents.pop();
            self.tokens.push(Token {
                kind: Kind::Dedent,
                start: p as u32,
                end: p as u32,
                line: self.line,
                col: 0,
                end_line: self.line,
                end_col: 0,
            });
        }
        self.tokens.push(Token {
            kind: Kind::EndMarker,
            start: p as u32,
            end: p as u32,
            line: self.line,
            col: (p - self.line_start) as u32,
            end_line: self.line,
            end_col: (p - self.line_start) as u32,
        });
        Ok(())
    }

    fn name(&mut self, start: usize) -> Result<(), SyntaxError> {
        // string prefix?
        let mut i = self.pos;
        while i < self.src.len()
            && i - start < 3
            && matches!(self.src[i], b'r' | b'R' | b'b' | b'B' | b'u' | b'U' | b'f' | b'F')
        {
            i += 1;
        }
        if i > start && i < self.src.len() && (self.src[i] == b'"' || self.src[i] == b'\'') {
            let p = &self.src[start..i];
            let lo = |k: usize| p[k].to_ascii_lowercase();
            let prefix = match p.len() {
                1 => matches!(lo(0), b'r' | b'b' | b'u' | b'f'),
                2 => matches!((lo(0), lo(1)), (b'b', b'r') | (b'r', b'b') | (b'f', b'r') | (b'r', b'f')),
                _ => false,
            };
            if prefix {
                self.pos = i;
                return self.string(start, i);
            }
        }
        // Like CPython: any non-ASCII character continues a potential identifier, which is
        // verified afterwards.
        let mut all_ascii = true;
        // Byte by byte: every byte of a non-ASCII character is >= 0x80, and the text is valid
        // UTF-8, so this stops on a character boundary.
        while let Some(&b) = self.src.get(self.pos) {
            if b == b'_' || b.is_ascii_alphanumeric() {
                self.pos += 1;
            } else if b >= 0x80 {
                all_ascii = false;
                self.pos += 1;
            } else {
                break;
            }
        }
        if !all_ascii {
            let name = &self.text[start..self.pos];
            let mut first = true;
            for (i, ch) in name.char_indices() {
                let ok = if first { is_id_start(ch) } else { is_id_continue(ch) };
                first = false;
                if !ok {
                    let msg = if is_printable(ch) {
                        format!("invalid character '{}' (U+{:04X})", ch, ch as u32)
                    } else {
                        format!("invalid non-printable character U+{:04X}", ch as u32)
                    };
                    return Err(self.err(
                        ErrorKind::SyntaxError,
                        msg,
                        self.line,
                        self.line_start,
                        start + i - self.line_start,
                    ));
                }
            }
        }
        self.push(Kind::Name, start, self.line, self.line_start);
        Ok(())
    }

    fn string(&mut self, start: usize, qpos: usize) -> Result<(), SyntaxError> {
        let q = self.src[qpos];
        let sline = self.line;
        let sls = self.line_start;
        let triple = self.src.get(qpos + 1) == Some(&q) && self.src.get(qpos + 2) == Some(&q);
        self.pos = qpos + if triple { 3 } else { 1 };
        loop {
            if self.pos >= self.src.len() {
                let msg = if triple {
                    format!("unterminated triple-quoted string literal (detected at line {})", self.line_of_eof())
                } else {
                    format!("unterminated string literal (detected at line {})", self.line)
                };
                return Err(self.err(ErrorKind::SyntaxError, msg, sline, sls, start - sls));
            }
            let c = self.src[self.pos];
            if c == q {
                if !triple {
                    self.pos += 1;
                    break;
                }
                if self.peek(1) == q && self.peek(2) == q {
                    self.pos += 3;
                    break;
                }
                self.pos += 1;
            } else if c == b'\\' {
                self.pos += 1;
                if self.pos < self.src.len() {
                    if self.src[self.pos] == b'\n' {
                        self.pos += 1;
                        self.newline_at();
                    } else {
                        self.pos += 1;
                    }
                }
            } else if c == b'\n' {
                if !triple {
                    let msg = format!("unterminated string literal (detected at line {})", self.line);
                    return Err(self.err(ErrorKind::SyntaxError, msg, sline, sls, start - sls));
                }
                self.pos += 1;
                self.newline_at();
            } else {
                self.pos += 1;
            }
        }
        self.push(Kind::String, start, sline, sls);
        Ok(())
    }

    fn line_of_eof(&self) -> u32 {
        if self.src.last() == Some(&b'\n') && self.line > 1 {
            self.line - 1
        } else {
            self.line
        }
    }

    fn digits(&mut self, pred: fn(u8) -> bool, kind: &str) -> Result<usize, SyntaxError> {
        // digits with single underscores between them; returns count of digits
        let mut n = 0;
        loop {
            let c = self.peek(0);
            if pred(c) {
                self.pos += 1;
                n += 1;
            } else if c == b'_' && n > 0 {
                self.pos += 1;
                if !pred(self.peek(0)) {
                    return Err(self.cur_err(format!("invalid {kind} literal")));
                }
            } else {
                break;
            }
        }
        Ok(n)
    }

    fn verify_end(&mut self, kind: &str, start: usize) -> Result<(), SyntaxError> {
        let ch = self.cur_char();
        if ch == '\0' && self.pos >= self.src.len() {
            return Ok(());
        }
        if is_id_continue(ch) || (!ch.is_ascii() && is_id_start(ch)) {
            // `1if x else y`, `1or 2` are accepted (with a warning) for these keywords.
            let rest = &self.src[self.pos..];
            for kw in ["and", "else", "for", "if", "in", "is", "not", "or"] {
                if rest.starts_with(kw.as_bytes()) {
                    return Ok(());
                }
            }
            return Err(self.err(
                ErrorKind::SyntaxError,
                format!("invalid {kind} literal"),
                self.line,
                self.line_start,
                start - self.line_start,
            ));
        }
        Ok(())
    }

    fn number(&mut self, start: usize) -> Result<(), SyntaxError> {
        let c = self.peek(0);
        if c == b'0' && matches!(self.peek(1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
            let (pred, kind): (fn(u8) -> bool, &str) = match self.peek(1) {
                b'x' | b'X' => (|c: u8| c.is_ascii_hexdigit(), "hexadecimal"),
                b'o' | b'O' => (|c: u8| (b'0'..=b'7').contains(&c), "octal"),
                _ => (|c: u8| c == b'0' || c == b'1', "binary"),
            };
            self.pos += 2;
            if self.peek(0) == b'_' {
                self.pos += 1;
            }
            let n = self.digits(pred, kind)?;
            if n == 0 || self.peek(0).is_ascii_digit() {
                if self.peek(0).is_ascii_digit() {
                    let d = self.peek(0);
                    self.pos += 1;
                    return Err(self.cur_err(format!("invalid digit '{}' in {kind} literal", d as char)));
                }
                return Err(self.cur_err(format!("invalid {kind} literal")));
            }
            self.verify_end(kind, start)?;
            self.push(Kind::Number, start, self.line, self.line_start);
            return Ok(());
        }
        let mut is_float = false;
        if c != b'.' {
            let int_start = self.pos;
            self.digits(|c| c.is_ascii_digit(), "decimal")?;
            let digits = &self.text[int_start..self.pos];
            let leading_zero = digits.starts_with('0') && digits.bytes().any(|b| b != b'0' && b != b'_');
            if self.peek(0) == b'.' {
                self.pos += 1;
                is_float = true;
                self.digits(|c| c.is_ascii_digit(), "decimal")?;
            }
            if leading_zero && !is_float && !matches!(self.peek(0), b'e' | b'E' | b'j' | b'J') {
                let save = self.pos;
                self.pos = int_start + 1;
                while self.peek(0) == b'0' || self.peek(0) == b'_' {
                    self.pos += 1;
                }
                let e = self.err(
                    ErrorKind::SyntaxError,
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    self.line,
                    self.line_start,
                    int_start - self.line_start,
                );
                self.pos = save;
                return Err(e);
            }
        } else {
            self.pos += 1;
            self.digits(|c| c.is_ascii_digit(), "decimal")?;
        }
        if matches!(self.peek(0), b'e' | b'E') {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek(0), b'+' | b'-') {
                self.pos += 1;
            }
            if !self.peek(0).is_ascii_digit() {
                // `1else` style: back off and let verify_end judge
                self.pos = save;
                self.verify_end("decimal", start)?;
                self.push(Kind::Number, start, self.line, self.line_start);
                return Ok(());
            }
            self.digits(|c| c.is_ascii_digit(), "decimal")?;
        }
        if matches!(self.peek(0), b'j' | b'J') {
            self.pos += 1;
            self.verify_end("imaginary", start)?;
        } else {
            self.verify_end("decimal", start)?;
        }
        self.push(Kind::Number, start, self.line, self.line_start);
        Ok(())
    }

    fn op(&mut self, start: usize) -> Result<(), SyntaxError> {
        let mut len = op_len(&self.src[self.pos..]);
        let c = self.peek(0);
        if len == 0 && b"()[]{}:,;+-*/|&<>=.%~^@".contains(&c) {
            len = 1;
        }
        if len == 0 && c.is_ascii() && c != 0 && !c.is_ascii_control() {
            self.pos += 1;
            self.push(Kind::Op, start, self.line, self.line_start);
            return Ok(());
        }
        if len == 0 {
            let ch = self.cur_char();
            let msg = if c == b'!' {
                "invalid syntax".to_string()
            } else if is_printable(ch) {
                format!("invalid character '{}' (U+{:04X})", ch, ch as u32)
            } else {
                format!("invalid non-printable character U+{:04X}", ch as u32)
            };
            return Err(self.here_err(msg));
        }
        match c {
            b'(' | b'[' | b'{' => {
                if self.parens.len() >= MAX_LEVEL {
                    return Err(self.here_err("too many nested parentheses"));
                }
                self.parens.push((c, self.line, (self.pos - self.line_start) as u32));
            }
            b')' | b']' | b'}' => {
                let Some((open, oline, _)) = self.parens.pop() else {
                    return Err(self.here_err(format!("unmatched '{}'", c as char)));
                };
                let expect = match open {
                    b'(' => b')',
                    b'[' => b']',
                    _ => b'}',
                };
                if c != expect {
                    let msg = if oline != self.line {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                            c as char, open as char, oline
                        )
                    } else {
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, open as char
                        )
                    };
                    return Err(self.here_err(msg));
                }
            }
            _ => {}
        }
        self.pos += len;
        self.push(Kind::Op, start, self.line, self.line_start);
        Ok(())
    }
}

/// Byte offset of the start of 1-based line `line` in `text`.
pub fn line_start_of(text: &str, line: u32) -> usize {
    if line <= 1 {
        return 0;
    }
    let mut n = 1;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            n += 1;
            if n == line {
                return i + 1;
            }
        }
    }
    text.len()
}

/// Tokenizes `text` (already decoded, newlines normalized to `\n`).
pub fn tokenize(text: &str) -> Lexed {
    let mut lx = Lexer {
        src: text.as_bytes(),
        text,
        pos: 0,
        line: 1,
        line_start: 0,
        tokens: Vec::with_capacity(text.len() / 3 + 8),
        parens: Vec::new(),
        indents: vec![0],
        altindents: vec![0],
        atbol: true,
    };
    match lx.run() {
        Ok(()) => Lexed { tokens: lx.tokens, error: None, unclosed: None },
        Err(e) => {
            let p = lx.pos.min(text.len());
            lx.tokens.push(Token {
                kind: Kind::Error,
                start: p as u32,
                end: p as u32,
                line: e.lineno,
                col: 0,
                end_line: e.lineno,
                end_col: 0,
            });
            let unclosed = lx.unclosed_error();
            Lexed { tokens: lx.tokens, error: Some(e), unclosed }
        }
    }
}
