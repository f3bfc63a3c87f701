//! Compile-time errors, reported the way CPython 3.11 reports them.

use std::fmt;

/// The exception class of a compile error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `SyntaxError`.
    SyntaxError,
    /// `IndentationError` (a `SyntaxError` subclass).
    IndentationError,
    /// `TabError` (an `IndentationError` subclass).
    TabError,
    /// `RecursionError`: the input is nested too deeply to compile (CPython:
    /// `maximum recursion depth exceeded during compilation`). Not a `SyntaxError`: CPython
    /// reports it with no location, so its report is the summary line only.
    RecursionError,
}

impl ErrorKind {
    /// The class name as CPython prints it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::RecursionError => "RecursionError",
        }
    }
}

/// A `SyntaxError` (or subclass) with CPython's attributes: `lineno` is 1-based; `offset` and
/// `end_offset` are 1-based character columns as in CPython's `SyntaxError.offset` (0 when
/// unknown); `text` is the offending source line without its newline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: ErrorKind,
    pub msg: String,
    pub filename: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: u32,
    pub text: Option<String>,
}

impl SyntaxError {
    /// A `SyntaxError` at `lineno`/`offset` (1-based column, 0 if unknown); `text` is filled in
    /// later by [`SyntaxError::with_source`].
    pub fn new(kind: ErrorKind, msg: impl Into<String>, lineno: u32, offset: u32) -> SyntaxError {
        SyntaxError {
            kind,
            msg: msg.into(),
            filename: String::new(),
            lineno,
            offset,
            end_lineno: lineno,
            end_offset: offset,
            text: None,
        }
    }

    /// Sets the filename and, when missing, the source line from `source`.
    pub fn with_source(mut self, filename: &str, source: &str) -> SyntaxError {
        self.filename = filename.to_string();
        if self.text.is_none() && self.lineno > 0 {
            self.text = source.lines().nth(self.lineno as usize - 1).map(|l| l.to_string());
        }
        self
    }

    /// The error CPython raises for input nested too deeply to compile.
    pub fn recursion() -> SyntaxError {
        SyntaxError::new(ErrorKind::RecursionError, "maximum recursion depth exceeded during compilation", 0, 0)
    }

    /// The last line of the report: `SyntaxError: message`.
    pub fn summary(&self) -> String {
        format!("{}: {}", self.kind.name(), self.msg)
    }
}

impl fmt::Display for SyntaxError {
    /// CPython's report: `  File "f.py", line N`, the source line stripped of leading
    /// whitespace and indented by 4, a caret line under `offset..end_offset`, then the summary.
    /// As CPython's `print_error_text`, no caret line is printed when the offset points into
    /// (or left of) the stripped indentation -- e.g. `unexpected indent` and `TabError`. An
    /// error without a line (`lineno` 0, e.g. a bad encoding declaration) and a
    /// `RecursionError` print the summary only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.lineno == 0 || self.kind == ErrorKind::RecursionError {
            return write!(f, "{}", self.summary());
        }
        writeln!(f, "  File \"{}\", line {}", self.filename, self.lineno)?;
        if let Some(text) = &self.text {
            let trimmed = text.trim_start_matches([' ', '\t', '\x0c']);
            let removed = text.chars().count() - trimmed.chars().count();
            let line = trimmed.trim_end_matches(['\r', '\n']);
            writeln!(f, "    {line}")?;
            if self.offset > 0 && self.offset as usize > removed {
                let start = self.offset as usize - 1 - removed;
                let mut end = (self.end_offset as usize).saturating_sub(1).saturating_sub(removed);
                if self.end_lineno != self.lineno || end <= start {
                    end = start + 1;
                }
                let width = line.chars().count();
                let start = start.min(width);
                let end = end.min(width + 1).max(start + 1);
                writeln!(f, "    {}{}", " ".repeat(start), "^".repeat(end - start))?;
            }
        }
        write!(f, "{}", self.summary())
    }
}

impl std::error::Error for SyntaxError {}
