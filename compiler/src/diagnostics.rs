//! How `pyc` prints its diagnostics for people and for build tools.
//!
//! * `human` (the default): CPython's report (`  File "f.py", line N`, the line, a caret, then
//!   `SyntaxError: message`), so `pyc` reads like `python3` does;
//! * `short`: one line per diagnostic, `file:line:col: Kind: message` (1-based column);
//! * `json`: one JSON object per line per diagnostic (see [`Diagnostic::to_json`]).

use crate::error::SyntaxError;

/// The output style chosen with `--message-format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MessageFormat {
    /// CPython's multi-line report.
    #[default]
    Human,
    /// `file:line:col: Kind: message`, one line each.
    Short,
    /// One JSON object per line.
    Json,
}

impl MessageFormat {
    /// Parses a `--message-format` value.
    pub fn parse(s: &str) -> Option<MessageFormat> {
        match s {
            "human" => Some(MessageFormat::Human),
            "short" => Some(MessageFormat::Short),
            "json" => Some(MessageFormat::Json),
            _ => None,
        }
    }
}

/// One problem with one input file: a compile error, or a file that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it (or relative to the project root).
    pub file: String,
    /// 1-based line (0 when the problem concerns the whole file).
    pub line: u32,
    /// 1-based column (0 when unknown).
    pub col: u32,
    /// 1-based end line.
    pub end_line: u32,
    /// 1-based end column (exclusive, as CPython's `end_offset`).
    pub end_col: u32,
    /// The exception class (`SyntaxError`, `IndentationError`, `TabError`) or `error` for an
    /// I/O problem.
    pub kind: String,
    /// The message, without the class name.
    pub message: String,
    /// The offending source line, when known.
    pub text: Option<String>,
    /// The CPython-style report, for the human format.
    pub human: String,
}

impl Diagnostic {
    /// A diagnostic from a compile error.
    pub fn from_syntax_error(e: &SyntaxError) -> Diagnostic {
        Diagnostic {
            file: e.filename.clone(),
            line: e.lineno,
            col: e.offset,
            end_line: e.end_lineno,
            end_col: e.end_offset,
            kind: e.kind.name().to_string(),
            message: e.msg.clone(),
            text: e.text.clone(),
            human: e.to_string(),
        }
    }

    /// A diagnostic for an input that could not be read (or another whole-file problem).
    pub fn file_error(file: &str, message: String) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            line: 0,
            col: 0,
            end_line: 0,
            end_col: 0,
            kind: "error".into(),
            human: format!("pyc: {file}: {message}"),
            message,
            text: None,
        }
    }

    /// `file:line:col: Kind: message` on one line (line and column at least 1).
    pub fn short(&self) -> String {
        let msg = one_line(&self.message);
        format!("{}:{}:{}: {}: {}", self.file, self.line.max(1), self.col.max(1), self.kind, msg)
    }

    /// One JSON object on one line: `file`, `line`, `column`, `end_line`, `end_column`,
    /// `severity` (always `"error"`), `kind`, `message`, `text` (string or null) and `rendered`
    /// (the short form).
    pub fn to_json(&self) -> String {
        let text = match &self.text {
            Some(t) => json_str(t),
            None => "null".into(),
        };
        format!(
            "{{\"file\":{},\"line\":{},\"column\":{},\"end_line\":{},\"end_column\":{},\"severity\":\"error\",\"kind\":{},\"message\":{},\"text\":{},\"rendered\":{}}}",
            json_str(&self.file),
            self.line,
            self.col,
            self.end_line,
            self.end_col,
            json_str(&self.kind),
            json_str(&self.message),
            text,
            json_str(&self.short())
        )
    }

    /// The diagnostic in format `fmt`, without a trailing newline.
    pub fn render(&self, fmt: MessageFormat) -> String {
        match fmt {
            MessageFormat::Human => self.human.clone(),
            MessageFormat::Short => self.short(),
            MessageFormat::Json => self.to_json(),
        }
    }
}

fn one_line(s: &str) -> String {
    s.replace('\r', "\\r").replace('\n', "\\n")
}

/// `s` as a JSON string literal.
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn short_and_json() {
        let e = SyntaxError::new(ErrorKind::SyntaxError, "expected ':'", 2, 5).with_source("a \"b\".py", "x\nif x\n");
        let d = Diagnostic::from_syntax_error(&e);
        assert_eq!(d.short(), "a \"b\".py:2:5: SyntaxError: expected ':'");
        let j = d.to_json();
        assert!(j.starts_with("{\"file\":\"a \\\"b\\\".py\",\"line\":2,\"column\":5,"), "{j}");
        assert!(j.contains("\"text\":\"if x\""), "{j}");
        assert!(!j.contains('\n'));
    }
}
