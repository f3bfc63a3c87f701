//! `python3 -m tokenize [-e] FILE` output, reproducing CPython 3.11's pure-Python `tokenize`
//! module (its regular expressions, ERRORTOKEN quirks, NL/COMMENT tokens, synthesized final
//! NEWLINE, code-point columns) rather than the C tokenizer the parser uses.

use crate::ast_dump::py_str_repr;

const OPS: [(&str, &str); 47] = [
    ("!=", "NOTEQUAL"),
    ("%", "PERCENT"),
    ("%=", "PERCENTEQUAL"),
    ("&", "AMPER"),
    ("&=", "AMPEREQUAL"),
    ("(", "LPAR"),
    (")", "RPAR"),
    ("*", "STAR"),
    ("**", "DOUBLESTAR"),
    ("**=", "DOUBLESTAREQUAL"),
    ("*=", "STAREQUAL"),
    ("+", "PLUS"),
    ("+=", "PLUSEQUAL"),
    (",", "COMMA"),
    ("-", "MINUS"),
    ("-=", "MINEQUAL"),
    ("->", "RARROW"),
    (".", "DOT"),
    ("...", "ELLIPSIS"),
    ("/", "SLASH"),
    ("//", "DOUBLESLASH"),
    ("//=", "DOUBLESLASHEQUAL"),
    ("/=", "SLASHEQUAL"),
    (":", "COLON"),
    (":=", "COLONEQUAL"),
    (";", "SEMI"),
    ("<", "LESS"),
    ("<<", "LEFTSHIFT"),
    ("<<=", "LEFTSHIFTEQUAL"),
    ("<=", "LESSEQUAL"),
    ("=", "EQUAL"),
    ("==", "EQEQUAL"),
    (">", "GREATER"),
    (">=", "GREATEREQUAL"),
    (">>", "RIGHTSHIFT"),
    (">>=", "RIGHTSHIFTEQUAL"),
    ("@", "AT"),
    ("@=", "ATEQUAL"),
    ("[", "LSQB"),
    ("]", "RSQB"),
    ("^", "CIRCUMFLEX"),
    ("^=", "CIRCUMFLEXEQUAL"),
    ("{", "LBRACE"),
    ("|", "VBAR"),
    ("|=", "VBAREQUAL"),
    ("}", "RBRACE"),
    ("~", "TILDE"),
];

struct Tok {
    kind: &'static str,
    s: String,
    start: (usize, usize),
    end: (usize, usize),
}

fn is_word(c: char) -> bool {
    if c.is_ascii() {
        c == '_' || c.is_ascii_alphanumeric()
    } else {
        let t = crate::unicode_tables::WORD;
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
}

/// `[0-9](?:_?[0-9])*` style runs with a digit predicate.
fn digitpart(l: &[char], p: usize, pred: impl Fn(char) -> bool) -> Option<usize> {
    if !l.get(p).map_or(false, |&c| pred(c)) {
        return None;
    }
    let mut e = p + 1;
    loop {
        if l.get(e).map_or(false, |&c| pred(c)) {
            e += 1;
        } else if l.get(e) == Some(&'_') && l.get(e + 1).map_or(false, |&c| pred(c)) {
            e += 2;
        } else {
            return Some(e);
        }
    }
}

fn dec(l: &[char], p: usize) -> Option<usize> {
    digitpart(l, p, |c| c.is_ascii_digit())
}

fn exponent(l: &[char], p: usize) -> Option<usize> {
    if !matches!(l.get(p), Some('e') | Some('E')) {
        return None;
    }
    let mut q = p + 1;
    if matches!(l.get(q), Some('+') | Some('-')) {
        q += 1;
    }
    dec(l, q)
}

fn pointfloat(l: &[char], p: usize) -> Option<usize> {
    let e = if let Some(e) = dec(l, p) {
        if l.get(e) != Some(&'.') {
            return None;
        }
        dec(l, e + 1).unwrap_or(e + 1)
    } else if l.get(p) == Some(&'.') {
        dec(l, p + 1)?
    } else {
        return None;
    };
    Some(exponent(l, e).unwrap_or(e))
}

fn floatnumber(l: &[char], p: usize) -> Option<usize> {
    pointfloat(l, p).or_else(|| dec(l, p).and_then(|e| exponent(l, e)))
}

fn number(l: &[char], p: usize) -> Option<usize> {
    // Imagnumber
    if let Some(e) = dec(l, p) {
        if matches!(l.get(e), Some('j') | Some('J')) {
            return Some(e + 1);
        }
    }
    if let Some(e) = floatnumber(l, p) {
        if matches!(l.get(e), Some('j') | Some('J')) {
            return Some(e + 1);
        }
    }
    // Floatnumber
    if let Some(e) = floatnumber(l, p) {
        return Some(e);
    }
    // Intnumber
    if l.get(p) == Some(&'0') {
        let radix = match l.get(p + 1) {
            Some('x') | Some('X') => Some(16),
            Some('b') | Some('B') => Some(2),
            Some('o') | Some('O') => Some(8),
            _ => None,
        };
        if let Some(r) = radix {
            // 0[xX](?:_?[0-9a-fA-F])+
            let pred = move |c: char| c.is_digit(r);
            let mut e = p + 2;
            let mut n = 0;
            loop {
                if l.get(e).map_or(false, |&c| pred(c)) {
                    e += 1;
                    n += 1;
                } else if l.get(e) == Some(&'_') && l.get(e + 1).map_or(false, |&c| pred(c)) {
                    e += 2;
                    n += 1;
                } else {
                    break;
                }
            }
            if n > 0 {
                return Some(e);
            }
        }
        // 0(?:_?0)*
        let mut e = p + 1;
        loop {
            if l.get(e) == Some(&'0') {
                e += 1;
            } else if l.get(e) == Some(&'_') && l.get(e + 1) == Some(&'0') {
                e += 2;
            } else {
                return Some(e);
            }
        }
    }
    if l.get(p).map_or(false, |c| ('1'..='9').contains(c)) {
        return dec(l, p);
    }
    None
}

/// Length of a valid string prefix (case-insensitive b, r, u, f, br, rb, fr, rf) at `p`
/// followed by a quote; returns (prefix_len, quote).
fn string_prefix(l: &[char], p: usize) -> Option<(usize, char)> {
    let mut n = 0;
    while n < 2 && l.get(p + n).map_or(false, |c| "bBrRuUfF".contains(*c)) {
        n += 1;
    }
    // try the longest valid prefix first, then shorter ones
    for k in (0..=n).rev() {
        let pre: String = l[p..p + k].iter().collect::<String>().to_ascii_lowercase();
        let valid = matches!(pre.as_str(), "" | "b" | "r" | "u" | "f" | "br" | "rb" | "fr" | "rf");
        if !valid {
            continue;
        }
        if let Some(&q) = l.get(p + k) {
            if q == '\'' || q == '"' {
                return Some((k, q));
            }
        }
    }
    None
}

fn triple_start(l: &[char], p: usize) -> Option<(usize, char)> {
    let (k, q) = string_prefix(l, p)?;
    if l.get(p + k + 1) == Some(&q) && l.get(p + k + 2) == Some(&q) {
        Some((p + k + 3, q))
    } else {
        None
    }
}

/// ContStr: a single-quoted string on one line, ending with its quote or a backslash-newline.
/// Returns (end, continued).
fn contstr(l: &[char], p: usize) -> Option<(usize, bool)> {
    let (k, q) = string_prefix(l, p)?;
    let mut e = p + k + 1;
    loop {
        match l.get(e) {
            None | Some('\n') => return None,
            Some(&c) if c == q => return Some((e + 1, false)),
            Some('\\') => match l.get(e + 1) {
                Some('\n') => return Some((e + 2, true)),
                Some('\r') if l.get(e + 2) == Some(&'\n') => return Some((e + 3, true)),
                Some('\r') => e += 2,
                None => return None,
                Some(_) => e += 2,
            },
            Some(_) => e += 1,
        }
    }
}

/// End pattern of a triple-quoted string (`Single3`/`Double3`), matched from `p`.
fn end_triple(l: &[char], p: usize, q: char) -> Option<usize> {
    let mut e = p;
    loop {
        match l.get(e) {
            None => return None,
            Some('\\') => match l.get(e + 1) {
                None | Some('\n') => return None,
                Some(_) => e += 2,
            },
            Some(&c) if c == q => {
                if l.get(e + 1) == Some(&q) && l.get(e + 2) == Some(&q) {
                    return Some(e + 3);
                }
                e += 1;
            }
            Some(_) => e += 1,
        }
    }
}

/// End pattern of a continued single-quoted string (`Single`/`Double`).
fn end_single(l: &[char], p: usize, q: char) -> Option<usize> {
    let mut e = p;
    loop {
        match l.get(e) {
            None => return None,
            Some('\\') => match l.get(e + 1) {
                None | Some('\n') => return None,
                Some(_) => e += 2,
            },
            Some(&c) if c == q => return Some(e + 1),
            Some(_) => e += 1,
        }
    }
}

fn special(l: &[char], p: usize) -> Option<usize> {
    for n in [3, 2, 1] {
        if p + n <= l.len() {
            let s: String = l[p..p + n].iter().collect();
            if OPS.iter().any(|(o, _)| *o == s) {
                return Some(p + n);
            }
        }
    }
    None
}

enum Pseudo {
    /// Matched span (start, end) and what it was.
    Span(usize, usize, PKind),
    Fail,
}

#[derive(PartialEq)]
enum PKind {
    Empty,
    ContLine,
    Comment,
    Triple(char),
    Number,
    Newline,
    Op,
    Str,
    StrCont(char),
    Name,
}

fn pseudo(l: &[char], pos: usize) -> Pseudo {
    let mut p = pos;
    while matches!(l.get(p), Some(' ') | Some('\x0c') | Some('\t')) {
        p += 1;
    }
    // PseudoExtras: \\\r?\n | \Z | Comment | Triple
    if l.get(p) == Some(&'\\') {
        if l.get(p + 1) == Some(&'\n') {
            return Pseudo::Span(p, p + 2, PKind::ContLine);
        }
        if l.get(p + 1) == Some(&'\r') && l.get(p + 2) == Some(&'\n') {
            return Pseudo::Span(p, p + 3, PKind::ContLine);
        }
    }
    if p == l.len() {
        return Pseudo::Span(p, p, PKind::Empty);
    }
    if l[p] == '#' {
        let mut e = p;
        while e < l.len() && l[e] != '\r' && l[e] != '\n' {
            e += 1;
        }
        return Pseudo::Span(p, e, PKind::Comment);
    }
    if let Some((e, q)) = triple_start(l, p) {
        return Pseudo::Span(p, e, PKind::Triple(q));
    }
    if let Some(e) = number(l, p) {
        return Pseudo::Span(p, e, PKind::Number);
    }
    if l[p] == '\n' {
        return Pseudo::Span(p, p + 1, PKind::Newline);
    }
    if l[p] == '\r' && l.get(p + 1) == Some(&'\n') {
        return Pseudo::Span(p, p + 2, PKind::Newline);
    }
    if let Some(e) = special(l, p) {
        return Pseudo::Span(p, e, PKind::Op);
    }
    if let Some((e, cont)) = contstr(l, p) {
        if cont {
            let q = l[p..e].iter().copied().find(|&c| c == '\'' || c == '"').unwrap_or('"');
            return Pseudo::Span(p, e, PKind::StrCont(q));
        }
        return Pseudo::Span(p, e, PKind::Str);
    }
    if is_word(l[p]) {
        let mut e = p;
        while e < l.len() && is_word(l[e]) {
            e += 1;
        }
        return Pseudo::Span(p, e, PKind::Name);
    }
    Pseudo::Fail
}

fn is_identifier_start(c: char) -> bool {
    crate::lexer::is_id_start(c)
}

/// Returns what `python3 -m tokenize [-e] FILE` prints on stdout (one line per token,
/// `"%-20s%-15s%-15r"`), or `Err(stderr text)` (with trailing newline) for the failing cases:
/// `FILE:LINE:COL: error: EOF in multi-line statement|string`, unindent errors, and
/// `FILE: error: <encoding problem>`.
pub fn dump_tokens(src: &[u8], filename: &str, exact: bool) -> Result<String, String> {
    let toks = tokenize(src, filename)?;
    let mut out = String::with_capacity(toks.len() * 48);
    for t in &toks {
        let range = format!("{},{}-{},{}:", t.start.0, t.start.1, t.end.0, t.end.1);
        let kind = if exact && t.kind == "OP" {
            OPS.iter().find(|(o, _)| *o == t.s).map(|(_, n)| *n).unwrap_or("OP")
        } else {
            t.kind
        };
        let r = py_str_repr(&t.s);
        out.push_str(&range);
        for _ in range.chars().count()..20 {
            out.push(' ');
        }
        out.push_str(kind);
        for _ in kind.len()..15 {
            out.push(' ');
        }
        let rl = r.chars().count();
        out.push_str(&r);
        for _ in rl..15 {
            out.push(' ');
        }
        out.push('\n');
    }
    Ok(out)
}

fn blank_line(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\x0c') {
        i += 1;
    }
    i >= b.len() || matches!(b[i], b'#' | b'\r' | b'\n')
}

fn find_cookie(line: &[u8], filename: &str, bom: bool) -> Result<Option<String>, String> {
    let s = std::str::from_utf8(line)
        .map_err(|_| format!("invalid or missing encoding declaration for {}", py_str_repr(filename)))?;
    // ^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)   (ASCII)
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\x0c') {
        i += 1;
    }
    if b.get(i) != Some(&b'#') {
        return Ok(None);
    }
    let mut k = i + 1;
    let mut found = None;
    while k + 7 <= b.len() {
        if b[k] == b'\n' || b[k] == b'\r' {
            break;
        }
        if &b[k..k + 6] == b"coding" && matches!(b[k + 6], b':' | b'=') {
            let mut j = k + 7;
            while j < b.len() && matches!(b[j], b' ' | b'\t') {
                j += 1;
            }
            let st = j;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'-' | b'_' | b'.')) {
                j += 1;
            }
            if j > st {
                found = Some(s[st..j].to_string());
                break;
            }
        }
        k += 1;
    }
    let Some(raw) = found else { return Ok(None) };
    let enc = crate::source::normal_encoding_name(&raw);
    let known = {
        let l = enc.to_ascii_lowercase().replace('_', "-");
        matches!(l.as_str(), "utf-8" | "utf8" | "iso-8859-1" | "latin-1" | "latin1" | "ascii" | "us-ascii")
            || crate::source_tables::SINGLE_BYTE.iter().any(|(a, _)| a.contains(&l.as_str()))
    };
    if !known {
        return Err(format!("unknown encoding for {}: {}", py_str_repr(filename), enc));
    }
    if bom && enc != "utf-8" {
        return Err(format!("encoding problem for {}: utf-8", py_str_repr(filename)));
    }
    Ok(Some(enc))
}

fn tokenize(src: &[u8], filename: &str) -> Result<Vec<Tok>, String> {
    let ferr = |m: String| format!("{filename}: error: {m}\n");
    let (bom, body) = match src.strip_prefix(b"\xef\xbb\xbf") {
        Some(r) => (true, r),
        None => (false, src),
    };
    let raw_lines: Vec<&[u8]> = body.split_inclusive(|&b| b == b'\n').collect();
    // encoding detection (tokenize.detect_encoding)
    let mut encoding = "utf-8".to_string();
    if let Some(first) = raw_lines.first() {
        match find_cookie(first, filename, bom).map_err(ferr)? {
            Some(e) => encoding = e,
            None => {
                if blank_line(first) {
                    if let Some(second) = raw_lines.get(1) {
                        if let Some(e) = find_cookie(second, filename, bom).map_err(ferr)? {
                            encoding = e;
                        }
                    }
                }
            }
        }
    }
    let decode = |b: &[u8]| -> Result<Vec<char>, String> {
        let l = encoding.to_ascii_lowercase().replace('_', "-");
        if l == "utf-8" || l == "utf8" {
            return std::str::from_utf8(b).map(|s| s.chars().collect()).map_err(|e| {
                format!("unexpected error: 'utf-8' codec can't decode byte 0x{:02x}", b[e.valid_up_to()])
            });
        }
        crate::source::decode_source_with(b, &encoding).map(|s| s.chars().collect()).map_err(|e| e.msg)
    };
    let mut toks = Vec::new();
    toks.push(Tok { kind: "ENCODING", s: encoding.clone(), start: (0, 0), end: (0, 0) });

    let mut lnum = 0usize;
    let mut parenlev: i64 = 0;
    let mut continued = false;
    let mut contstr: Vec<char> = Vec::new();
    let mut in_contstr = false;
    let mut needcont = false;
    let mut strstart = (0usize, 0usize);
    let mut endq: (char, bool) = ('"', false); // quote, triple
    let mut indents: Vec<usize> = vec![0];
    let mut last_line: Vec<char>;
    let mut line: Vec<char> = Vec::new();
    let mut idx = 0usize;
    loop {
        last_line = std::mem::take(&mut line);
        line = match raw_lines.get(idx) {
            Some(b) => decode(b).map_err(|m| format!("{m}\n"))?,
            None => Vec::new(),
        };
        idx += 1;
        lnum += 1;
        let mut pos = 0usize;
        let max = line.len();

        if in_contstr {
            if line.is_empty() {
                return Err(format!("{filename}:{}:{}: error: EOF in multi-line string\n", strstart.0, strstart.1));
            }
            let m = if endq.1 { end_triple(&line, 0, endq.0) } else { end_single(&line, 0, endq.0) };
            if let Some(end) = m {
                pos = end;
                let mut s: String = contstr.iter().collect();
                s.extend(&line[..end]);
                toks.push(Tok { kind: "STRING", s, start: strstart, end: (lnum, end) });
                contstr.clear();
                in_contstr = false;
                needcont = false;
            } else if needcont && !line.ends_with(&['\\', '\n']) && !line.ends_with(&['\\', '\r', '\n']) {
                let mut s: String = contstr.iter().collect();
                s.extend(&line);
                toks.push(Tok { kind: "ERRORTOKEN", s, start: strstart, end: (lnum, line.len()) });
                contstr.clear();
                in_contstr = false;
                continue;
            } else {
                contstr.extend(&line);
                continue;
            }
        } else if parenlev == 0 && !continued {
            if line.is_empty() {
                break;
            }
            let mut column = 0usize;
            while pos < max {
                match line[pos] {
                    ' ' => column += 1,
                    '\t' => column = (column / 8 + 1) * 8,
                    '\x0c' => column = 0,
                    _ => break,
                }
                pos += 1;
            }
            if pos == max {
                break;
            }
            if matches!(line[pos], '#' | '\r' | '\n') {
                if line[pos] == '#' {
                    let mut e = max;
                    while e > pos && matches!(line[e - 1], '\r' | '\n') {
                        e -= 1;
                    }
                    toks.push(Tok {
                        kind: "COMMENT",
                        s: line[pos..e].iter().collect(),
                        start: (lnum, pos),
                        end: (lnum, e),
                    });
                    pos = e;
                }
                toks.push(Tok { kind: "NL", s: line[pos..].iter().collect(), start: (lnum, pos), end: (lnum, max) });
                continue;
            }
            if column > *indents.last().unwrap_or(&0) {
                indents.push(column);
                toks.push(Tok { kind: "INDENT", s: line[..pos].iter().collect(), start: (lnum, 0), end: (lnum, pos) });
            }
            while column < *indents.last().unwrap_or(&0) {
                if !indents.contains(&column) {
                    return Err(format!(
                        "{filename}:{lnum}:{pos}: error: unindent does not match any outer indentation level\n"
                    ));
                }
                indents.pop();
                toks.push(Tok { kind: "DEDENT", s: String::new(), start: (lnum, pos), end: (lnum, pos) });
            }
        } else {
            if line.is_empty() {
                return Err(format!("{filename}:{lnum}:0: error: EOF in multi-line statement\n"));
            }
            continued = false;
        }

        while pos < max {
            match pseudo(&line, pos) {
                Pseudo::Span(start, end, kind) => {
                    let spos = (lnum, start);
                    let epos = (lnum, end);
                    pos = end;
                    if start == end {
                        continue;
                    }
                    let token: String = line[start..end].iter().collect();
                    match kind {
                        PKind::Empty => {}
                        PKind::Number => toks.push(Tok { kind: "NUMBER", s: token, start: spos, end: epos }),
                        PKind::Newline => {
                            let k = if parenlev > 0 { "NL" } else { "NEWLINE" };
                            toks.push(Tok { kind: k, s: token, start: spos, end: epos });
                        }
                        PKind::Comment => toks.push(Tok { kind: "COMMENT", s: token, start: spos, end: epos }),
                        PKind::Triple(q) => {
                            if let Some(e) = end_triple(&line, pos, q) {
                                pos = e;
                                let s: String = line[start..e].iter().collect();
                                toks.push(Tok { kind: "STRING", s, start: spos, end: (lnum, e) });
                            } else {
                                strstart = (lnum, start);
                                contstr = line[start..].to_vec();
                                in_contstr = true;
                                needcont = false;
                                endq = (q, true);
                                break;
                            }
                        }
                        PKind::StrCont(q) => {
                            strstart = (lnum, start);
                            contstr = line[start..].to_vec();
                            in_contstr = true;
                            needcont = true;
                            endq = (q, false);
                            break;
                        }
                        PKind::Str => toks.push(Tok { kind: "STRING", s: token, start: spos, end: epos }),
                        PKind::Name => {
                            let initial = line[start];
                            if is_identifier_start(initial) {
                                toks.push(Tok { kind: "NAME", s: token, start: spos, end: epos });
                            } else {
                                toks.push(Tok { kind: "OP", s: token, start: spos, end: epos });
                            }
                        }
                        PKind::ContLine => continued = true,
                        PKind::Op => {
                            match line[start] {
                                '(' | '[' | '{' => parenlev += 1,
                                ')' | ']' | '}' => parenlev -= 1,
                                _ => {}
                            }
                            toks.push(Tok { kind: "OP", s: token, start: spos, end: epos });
                        }
                    }
                }
                Pseudo::Fail => {
                    toks.push(Tok {
                        kind: "ERRORTOKEN",
                        s: line[pos].to_string(),
                        start: (lnum, pos),
                        end: (lnum, pos + 1),
                    });
                    pos += 1;
                }
            }
        }
    }
    let ll_trim: String = last_line.iter().collect::<String>();
    if !last_line.is_empty() && !matches!(last_line.last(), Some('\r') | Some('\n')) && !ll_trim.trim().starts_with('#')
    {
        toks.push(Tok {
            kind: "NEWLINE",
            s: String::new(),
            start: (lnum - 1, last_line.len()),
            end: (lnum - 1, last_line.len() + 1),
        });
    }
    for _ in 1..indents.len() {
        toks.push(Tok { kind: "DEDENT", s: String::new(), start: (lnum, 0), end: (lnum, 0) });
    }
    toks.push(Tok { kind: "ENDMARKER", s: String::new(), start: (lnum, 0), end: (lnum, 0) });
    Ok(toks)
}
