//! Tokens produced by [`crate::lexer`]: a kind plus a span into the source (no per-token
//! allocation). Positions follow CPython: 1-based lines, 0-based UTF-8 byte columns.

/// The kind of a token, as CPython's C tokenizer reports it to the parser (comments and
/// non-logical newlines are not tokens here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Name,
    Number,
    /// A whole string literal including prefix and quotes (f-strings too, as in 3.11).
    String,
    /// An operator or delimiter; its text is the token span.
    Op,
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// A tokenizer error; the parser raises the stored error when it reaches this token.
    Error,
}

/// One token: `start..end` are byte offsets into the source; `line`/`col` and
/// `end_line`/`end_col` are CPython-style positions.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub kind: Kind,
    pub start: u32,
    pub end: u32,
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}
