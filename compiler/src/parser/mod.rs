//! Recursive-descent parser for Python 3.11 producing [`crate::ast`] nodes with CPython's
//! positions and CPython's syntax error messages.
//!
//! Entry point: [`parse_module`]. Submodules: `expr` (expressions and targets), `stmt`
//! (statements), `strings` (literals and f-strings), `pattern` (match patterns), `args`
//! (parameters and call arguments).

mod args;
mod depth;
mod expr;
mod pattern;
mod stmt;
mod strings;

use crate::ast::{self, Loc};
use crate::error::{ErrorKind, SyntaxError};
use crate::lexer::{self, char_offset, line_start_of};
use crate::token::{Kind, Token};

pub(crate) type PResult<T> = Result<T, SyntaxError>;

/// Maximum nesting of expression rules before the parser gives up (CPython raises an error too,
/// instead of overflowing its C stack).
const MAX_DEPTH: u32 = 6000;

const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// Whether `s` is a reserved keyword (soft keywords `match`, `case`, `_` are not).
pub fn is_keyword(s: &str) -> bool {
    // A `match` on string literals compiles to a length switch, much cheaper than a scan.
    let kw = matches!(
        s,
        "False"
            | "None"
            | "True"
            | "and"
            | "as"
            | "assert"
            | "async"
            | "await"
            | "break"
            | "class"
            | "continue"
            | "def"
            | "del"
            | "elif"
            | "else"
            | "except"
            | "finally"
            | "for"
            | "from"
            | "global"
            | "if"
            | "import"
            | "in"
            | "is"
            | "lambda"
            | "nonlocal"
            | "not"
            | "or"
            | "pass"
            | "raise"
            | "return"
            | "try"
            | "while"
            | "with"
            | "yield"
    );
    debug_assert_eq!(kw, KEYWORDS.contains(&s));
    kw
}

thread_local! {
    static BIG_STACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Declares that the calling thread has a stack of at least 256 MB, so [`parse_module`] can
/// parse in place instead of starting a big-stack thread for each module (what `pyc check`'s
/// workers do: it saves a thread start and a 256 MB mapping per file).
pub fn set_big_stack(yes: bool) {
    BIG_STACK.with(|b| b.set(yes));
}

pub(crate) struct Parser<'a> {
    pub(crate) src: &'a str,
    pub(crate) toks: &'a [Token],
    pub(crate) pos: usize,
    lex_err: Option<SyntaxError>,
    depth: u32,
    /// Line offset/column shift used for f-string sub-parsers (positions already adjusted in
    /// tokens); the original source for error offsets.
    pub(crate) fstring_mode: bool,
    /// Error to report if a `match ...` line that is not a match statement fails to parse.
    pub(crate) match_colon_err: Option<SyntaxError>,
    /// For f-string sub-parsers: (first line, column shift) of the `(expr)` buffer; CPython
    /// reports error offsets in the unshifted buffer columns.
    pub(crate) fstring_shift: (u32, u32),
    /// Set in speculative sub-parsers: no further look-ahead parsing on errors.
    pub(crate) speculative: bool,
    /// Byte offset of the start of each line (index 0 is line 1), for error offsets.
    pub(crate) line_starts: &'a [u32],
}

/// Parses a whole module (`exec` mode) from decoded source text.
///
/// Returns CPython's `ast.parse(source)` tree or the first `SyntaxError` (kind, message,
/// lineno and 1-based character offset as CPython reports them). Newlines may be `\n`,
/// `\r\n` or `\r`. The caller attaches the source line with [`SyntaxError::with_source`].
pub fn parse_module(source: &str, filename: &str) -> Result<ast::Module, SyntaxError> {
    let _ = filename;
    if source.contains('\0') {
        return Err(SyntaxError::new(ErrorKind::SyntaxError, "source code string cannot contain null bytes", 0, 0));
    }
    let mut text: std::borrow::Cow<str> = if source.contains('\r') {
        std::borrow::Cow::Owned(source.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(source)
    };
    if !text.is_empty() && !text.ends_with('\n') {
        let mut s = text.into_owned();
        s.push('\n');
        text = std::borrow::Cow::Owned(s);
    }
    let text: &str = &text;
    if BIG_STACK.with(|b| b.get()) {
        return parse_text(text);
    }
    // Run on a thread with a big stack: deeply nested input must give an error, not overflow.
    std::thread::scope(|sc| {
        let h = std::thread::Builder::new().stack_size(256 << 20).spawn_scoped(sc, move || parse_text(text));
        match h {
            Ok(h) => h
                .join()
                .unwrap_or_else(|_| Err(SyntaxError::new(ErrorKind::SyntaxError, "internal parser error", 0, 0))),
            Err(_) => parse_text(text),
        }
    })
}

fn parse_text(text: &str) -> Result<ast::Module, SyntaxError> {
    let lexed = lexer::tokenize(text);
    let lex_err = lexed.error.clone();
    let unclosed = lexed.unclosed.clone();
    let toks = lexed.tokens;
    let mut line_starts = vec![0u32];
    line_starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i as u32 + 1));
    let mut p = Parser {
        src: text,
        toks: &toks,
        pos: 0,
        lex_err: lexed.error,
        depth: 0,
        fstring_mode: false,
        match_colon_err: None,
        fstring_shift: (0, 0),
        speculative: false,
        line_starts: &[],
    };
    p.line_starts = &line_starts;
    match p.file() {
        Ok(m) => {
            if depth::too_deep(&m) {
                return Err(SyntaxError::recursion());
            }
            Ok(m)
        }
        Err(e) => {
            // CPython compares with the line of the last token its parser fetched.
            let cur_line = p.cur().line.max(e.lineno);
            Err(match lex_err {
                Some(le) if le != e => prefer_tokenizer_error(e, le, unclosed, cur_line),
                _ => e,
            })
        }
    }
}

/// CPython tokenizes the rest of the file after a parser error: a bracket still open where the
/// tokenizer stops wins when it opened on an earlier line than the error; otherwise an error
/// the tokenizer raises as an exception wins; errors it only reports through a status code
/// (indentation, line continuation, EOF) do not. `unexpected indent` is final.
fn prefer_tokenizer_error(
    e: SyntaxError,
    le: SyntaxError,
    unclosed: Option<SyntaxError>,
    err_line: u32,
) -> SyntaxError {
    if e.kind == ErrorKind::IndentationError && (e.msg == "unexpected indent" || e.msg == "unexpected unindent") {
        return e;
    }
    let status_only = matches!(le.kind, ErrorKind::IndentationError | ErrorKind::TabError)
        || le.msg.starts_with("unexpected character after line continuation")
        || le.msg.starts_with("unexpected EOF")
        || le.msg.ends_with("was never closed");
    if !status_only {
        return le;
    }
    if let Some(u) = unclosed {
        if err_line > u.lineno {
            return u;
        }
    }
    e
}

impl<'a> Parser<'a> {
    pub(crate) fn new_sub(src: &'a str, toks: &'a [Token], lex_err: Option<SyntaxError>) -> Parser<'a> {
        Parser {
            src,
            toks,
            pos: 0,
            lex_err,
            depth: 0,
            fstring_mode: true,
            match_colon_err: None,
            fstring_shift: (0, 0),
            speculative: false,
            line_starts: &[],
        }
    }

    // ---- token access -------------------------------------------------------------------

    #[inline]
    pub(crate) fn cur(&self) -> Token {
        self.toks[self.pos.min(self.toks.len() - 1)]
    }
    #[inline]
    pub(crate) fn peek_tok(&self, k: usize) -> Token {
        self.toks[(self.pos + k).min(self.toks.len() - 1)]
    }
    #[inline]
    pub(crate) fn text(&self, t: Token) -> &'a str {
        self.src.get(t.start as usize..t.end as usize).unwrap_or("")
    }
    #[inline]
    pub(crate) fn kind(&self) -> Kind {
        self.cur().kind
    }
    /// Whether token `t` has kind `kind` and text `s`. The texts asked for are short
    /// constants, so the bytes are compared inline (a `memcmp` call per test cost ~3%).
    #[inline]
    fn tok_is(&self, t: Token, kind: Kind, s: &str) -> bool {
        if t.kind != kind || (t.end.wrapping_sub(t.start)) as usize != s.len() {
            return false;
        }
        match self.src.as_bytes().get(t.start as usize..t.end as usize) {
            Some(b) => b.iter().zip(s.as_bytes()).all(|(x, y)| x == y),
            None => false,
        }
    }
    #[inline]
    pub(crate) fn at_op(&self, s: &str) -> bool {
        self.tok_is(self.cur(), Kind::Op, s)
    }
    #[inline]
    pub(crate) fn peek_is_op(&self, k: usize, s: &str) -> bool {
        self.tok_is(self.peek_tok(k), Kind::Op, s)
    }
    #[inline]
    pub(crate) fn at_kw(&self, s: &str) -> bool {
        self.tok_is(self.cur(), Kind::Name, s)
    }
    #[inline]
    pub(crate) fn peek_is_kw(&self, k: usize, s: &str) -> bool {
        self.tok_is(self.peek_tok(k), Kind::Name, s)
    }
    /// Current token is a NAME that is not a reserved keyword.
    pub(crate) fn at_name(&self) -> bool {
        let t = self.cur();
        t.kind == Kind::Name && !is_keyword(self.text(t))
    }
    pub(crate) fn bump(&mut self) -> Token {
        let t = self.cur();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }
    pub(crate) fn eat_op(&mut self, s: &str) -> bool {
        if self.at_op(s) {
            self.bump();
            true
        } else {
            false
        }
    }
    pub(crate) fn eat_kw(&mut self, s: &str) -> bool {
        if self.at_kw(s) {
            self.bump();
            true
        } else {
            false
        }
    }
    pub(crate) fn expect_op(&mut self, s: &str) -> PResult<Token> {
        if self.at_op(s) {
            Ok(self.bump())
        } else if s == ":" || s == "]" || s == ")" || s == "}" {
            if self.kind() == Kind::Error {
                return Err(self.invalid());
            }
            if s == ":" {
                Err(self.err_tok(self.cur(), "expected ':'"))
            } else {
                Err(self.invalid())
            }
        } else {
            Err(self.invalid())
        }
    }
    pub(crate) fn expect_kw(&mut self, s: &str) -> PResult<Token> {
        if self.at_kw(s) {
            Ok(self.bump())
        } else {
            Err(self.invalid())
        }
    }
    pub(crate) fn expect_name(&mut self) -> PResult<String> {
        if self.at_name() {
            let t = self.bump();
            Ok(self.ident(t))
        } else {
            Err(self.invalid())
        }
    }
    /// Identifier text of a NAME token (NFKC normalization is approximated by identity).
    pub(crate) fn ident(&self, t: Token) -> String {
        lexer::nfkc_ident(self.text(t))
    }

    // ---- positions ------------------------------------------------------------------------

    pub(crate) fn start(&self) -> (u32, u32) {
        let t = self.cur();
        (t.line, t.col)
    }
    /// End of the last consumed token, skipping NEWLINE/INDENT/DEDENT like CPython's EXTRA.
    pub(crate) fn prev_end(&self) -> (u32, u32) {
        let mut i = self.pos;
        while i > 0 {
            i -= 1;
            let t = self.toks[i];
            if !matches!(t.kind, Kind::Newline | Kind::Indent | Kind::Dedent | Kind::EndMarker) {
                return (t.end_line, t.end_col);
            }
        }
        (1, 0)
    }
    pub(crate) fn loc_from(&self, s: (u32, u32)) -> Loc {
        let e = self.prev_end();
        Loc { lineno: s.0, col_offset: s.1, end_lineno: e.0, end_col_offset: e.1 }
    }
    pub(crate) fn tok_loc(t: Token) -> Loc {
        Loc { lineno: t.line, col_offset: t.col, end_lineno: t.end_line, end_col_offset: t.end_col }
    }

    // ---- errors ----------------------------------------------------------------------------

    /// 1-based character offset of byte column `col` on line `line`.
    pub(crate) fn char_col(&self, line: u32, col: u32) -> u32 {
        if self.fstring_mode {
            if line == self.fstring_shift.0 {
                return col.saturating_sub(self.fstring_shift.1) + 1;
            }
            return col + 1;
        }
        let ls = match self.line_starts.get(line.saturating_sub(1) as usize) {
            Some(&s) => s as usize,
            None => line_start_of(self.src, line),
        };
        char_offset(self.src, ls, col as usize)
    }
    pub(crate) fn err_at(&self, kind: ErrorKind, msg: impl Into<String>, loc: Loc) -> SyntaxError {
        let mut e = SyntaxError::new(kind, msg, loc.lineno, self.char_col(loc.lineno, loc.col_offset));
        e.end_lineno = loc.end_lineno;
        e.end_offset = self.char_col(loc.end_lineno, loc.end_col_offset);
        e
    }
    pub(crate) fn err_tok(&self, t: Token, msg: impl Into<String>) -> SyntaxError {
        if t.kind == Kind::Error {
            if let Some(e) = &self.lex_err {
                return e.clone();
            }
        }
        self.err_at(ErrorKind::SyntaxError, msg, Self::tok_loc(t))
    }
    pub(crate) fn err_loc(&self, loc: Loc, msg: impl Into<String>) -> SyntaxError {
        self.err_at(ErrorKind::SyntaxError, msg, loc)
    }
    /// The generic `invalid syntax` error at the current token (or the pending tokenizer error,
    /// or an unclosed-bracket error as CPython reports it).
    pub(crate) fn invalid(&self) -> SyntaxError {
        let t = self.cur();
        if t.kind == Kind::Error {
            if let Some(e) = &self.lex_err {
                return e.clone();
            }
        }
        if t.kind == Kind::Indent {
            let mut l = Self::tok_loc(t);
            l.col_offset = l.col_offset.saturating_sub(1);
            return self.err_at(ErrorKind::IndentationError, "unexpected indent", l);
        }
        if let Some(e) = self.unclosed_override() {
            return e;
        }
        if let Some(e) = self.lookahead_lex_error() {
            return e;
        }
        if t.kind == Kind::Dedent && !self.fstring_mode {
            // CPython: unindent where not expected
            return self.err_at(ErrorKind::IndentationError, "unexpected unindent", Self::tok_loc(t));
        }
        if t.kind == Kind::EndMarker && self.fstring_mode {
            return self.err_tok(t, "invalid syntax");
        }
        self.err_tok(t, "invalid syntax")
    }
    /// CPython reports a bracket left open at end of file instead of an error found on a
    /// later line (its parser reaches the end of the file while looking ahead).
    pub(crate) fn unclosed_override(&self) -> Option<SyntaxError> {
        let le = self.lex_err.as_ref()?;
        if le.msg.ends_with("was never closed") && self.cur().line > le.lineno {
            return Some(le.clone());
        }
        None
    }

    pub(crate) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SyntaxError::recursion());
        }
        Ok(())
    }
    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }

    // ---- module ----------------------------------------------------------------------------

    fn file(&mut self) -> PResult<ast::Module> {
        let mut body = Vec::new();
        while self.kind() != Kind::EndMarker {
            if self.kind() == Kind::Newline {
                self.bump();
                continue;
            }
            self.statement(&mut body)?;
        }
        Ok(ast::Module { body })
    }
}
