//! The `~~~^^^~~~` indicator lines CPython 3.11 prints under a traceback source line: the
//! failing instruction's column range, with the operator of a binary operation or the
//! brackets of a subscript highlighted. A small scanner stands in for CPython's re-parse of
//! the segment (the VM does not link the compiler).

use format::code::Position;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok {
    /// An operand: name, number, string, keyword constant.
    Atom,
    /// A keyword that is not an operand.
    Kw,
    Op,
    Open(char),
    Close(char),
}

struct Token {
    kind: Tok,
    start: usize,
    end: usize,
    text: String,
}

const KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
];

fn tokenize(s: &[char]) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c.is_whitespace() || c == '\\' {
            i += 1;
            continue;
        }
        if c == '#' {
            break;
        }
        let start = i;
        if c.is_alphabetic() || c == '_' {
            while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
                i += 1;
            }
            let w: String = s[start..i].iter().collect();
            if i < s.len() && (s[i] == '\'' || s[i] == '"') && w.len() <= 2 && w.chars().all(|x| "rRbBuUfF".contains(x))
            {
                i = skip_string(s, i)?;
                out.push(Token { kind: Tok::Atom, start, end: i, text: String::new() });
                continue;
            }
            let kind = if KEYWORDS.contains(&w.as_str()) { Tok::Kw } else { Tok::Atom };
            out.push(Token { kind, start, end: i, text: w });
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && s.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            while i < s.len() && (s[i].is_alphanumeric() || s[i] == '.' || s[i] == '_') {
                let e = matches!(s[i], 'e' | 'E');
                i += 1;
                if e && i < s.len() && (s[i] == '+' || s[i] == '-') {
                    i += 1;
                }
            }
            out.push(Token { kind: Tok::Atom, start, end: i, text: String::new() });
            continue;
        }
        if c == '\'' || c == '"' {
            i = skip_string(s, i)?;
            out.push(Token { kind: Tok::Atom, start, end: i, text: String::new() });
            continue;
        }
        if "([{".contains(c) {
            out.push(Token { kind: Tok::Open(c), start, end: i + 1, text: c.to_string() });
            i += 1;
            continue;
        }
        if ")]}".contains(c) {
            out.push(Token { kind: Tok::Close(c), start, end: i + 1, text: c.to_string() });
            i += 1;
            continue;
        }
        let three: String = s[i..(i + 3).min(s.len())].iter().collect();
        let two: String = s[i..(i + 2).min(s.len())].iter().collect();
        let text = if ["**=", "//=", ">>=", "<<=", "..."].contains(&three.as_str()) {
            three
        } else if [
            "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
            "@=",
        ]
        .contains(&two.as_str())
        {
            two
        } else {
            c.to_string()
        };
        i += text.chars().count();
        let kind = if text == "..." { Tok::Atom } else { Tok::Op };
        out.push(Token { kind, start, end: i, text });
    }
    Some(out)
}

fn skip_string(s: &[char], mut i: usize) -> Option<usize> {
    let q = s[i];
    let triple = s.get(i + 1) == Some(&q) && s.get(i + 2) == Some(&q);
    i += if triple { 3 } else { 1 };
    while i < s.len() {
        if s[i] == '\\' {
            i += 2;
            continue;
        }
        if s[i] == q {
            if !triple {
                return Some(i + 1);
            }
            if s.get(i + 1) == Some(&q) && s.get(i + 2) == Some(&q) {
                return Some(i + 3);
            }
        }
        i += 1;
    }
    None
}

fn binary_level(op: &str) -> Option<u8> {
    Some(match op {
        "|" => 1,
        "^" => 2,
        "&" => 3,
        "<<" | ">>" => 4,
        "+" | "-" => 5,
        "*" | "@" | "/" | "//" | "%" => 6,
        "**" => 8,
        _ => return None,
    })
}

fn ends_operand(t: &Token) -> bool {
    matches!(t.kind, Tok::Atom | Tok::Close(_))
}

/// (left_anchor, right_anchor) in characters of `seg`, when its root is a BinOp or Subscript.
fn anchors(seg: &[char]) -> Option<(usize, usize)> {
    let toks = tokenize(seg)?;
    let first = toks.first()?;
    if first.kind == Tok::Kw || matches!(first.kind, Tok::Close(_)) {
        return None;
    }
    // Top-level token indexes (bracket depth 0) and bracket matching.
    let mut depth = 0i32;
    let mut top: Vec<usize> = Vec::new();
    let mut matching = vec![usize::MAX; toks.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Tok::Open(_) => {
                if depth == 0 {
                    top.push(i);
                }
                depth += 1;
                stack.push(i);
            }
            Tok::Close(_) => {
                depth -= 1;
                let o = stack.pop()?;
                matching[o] = i;
                matching[i] = o;
                if depth < 0 {
                    return None;
                }
                if depth == 0 {
                    top.push(i);
                }
            }
            _ => {
                if depth == 0 {
                    top.push(i);
                }
            }
        }
    }
    if depth != 0 {
        return None;
    }
    // Any lower-precedence construct at top level means the root is not a BinOp/Subscript.
    for &i in &top {
        let t = &toks[i];
        if t.kind == Tok::Kw && t.text != "await" {
            return None;
        }
        if t.kind == Tok::Op && binary_level(&t.text).is_none() && !["~", "."].contains(&t.text.as_str()) {
            return None;
        }
    }
    // Binary operators at top level.
    let mut best: Option<(u8, usize)> = None;
    for (k, &i) in top.iter().enumerate() {
        let t = &toks[i];
        if t.kind != Tok::Op {
            continue;
        }
        let Some(level) = binary_level(&t.text) else { continue };
        let binary = k > 0 && ends_operand(&toks[top[k - 1]]);
        if !binary {
            continue;
        }
        match best {
            None => best = Some((level, i)),
            Some((bl, _)) if level < bl => best = Some((level, i)),
            Some((bl, _)) if level == bl && level != 8 => best = Some((level, i)),
            _ => {}
        }
    }
    if let Some((level, i)) = best {
        if level > 7 && toks[top[0]].kind == Tok::Op {
            return None; // -a ** b is a UnaryOp
        }
        let op = &toks[i];
        // right.col_offset: the first token after the operator, inside grouping parens.
        let mut j = i + 1;
        while j < toks.len()
            && toks[j].kind == Tok::Open('(')
            && matching[j] > j + 1
            && !has_top_comma(&toks, j, matching[j])
        {
            j += 1;
        }
        let right_col = toks.get(j)?.start;
        let left = op.start;
        let mut right = left + 1;
        if left + 1 < right_col && !seg[left + 1].is_whitespace() {
            right += 1;
        }
        return Some((left, right));
    }
    // Subscript: the expression ends with `]` whose `[` follows an operand.
    let last = *top.last()?;
    if toks[last].kind == Tok::Close(']') && last == toks.len() - 1 {
        let o = matching[last];
        let k = top.iter().position(|&x| x == o)?;
        if k >= 1 && ends_operand(&toks[top[k - 1]]) {
            if toks[top[0]].kind == Tok::Op {
                return None;
            }
            return Some((toks[o].start, toks[last].start + 1));
        }
    }
    None
}

fn has_top_comma(toks: &[Token], open: usize, close: usize) -> bool {
    let mut d = 0;
    for t in &toks[open + 1..close] {
        match t.kind {
            Tok::Open(_) => d += 1,
            Tok::Close(_) => d -= 1,
            Tok::Op if d == 0 && (t.text == "," || t.text == "for") => return true,
            Tok::Kw if d == 0 && t.text == "for" => return true,
            _ => {}
        }
    }
    false
}

fn char_offset(line: &str, byte: usize) -> usize {
    let b = byte.min(line.len());
    String::from_utf8_lossy(&line.as_bytes()[..b]).chars().count()
}

/// The indicator line for `line` (the raw source line) at `pos`, or None when CPython
/// prints none. The result has no trailing newline.
pub fn caret_line(line: &str, pos: Position) -> Option<String> {
    if pos.line == 0 || pos.end_line < pos.line {
        return None;
    }
    let chars: Vec<char> = line.trim_end_matches(['\n', '\r']).chars().collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let stripped_len = chars.iter().collect::<String>().trim().chars().count();
    let start = char_offset(line, pos.col as usize);
    let mut end = char_offset(line, pos.end_col as usize);
    let mut anc = None;
    if pos.end_line != pos.line {
        end = lead + stripped_len;
    } else if start < end && end <= chars.len() {
        anc = anchors(&chars[start..end]);
    }
    if start < lead || end <= start {
        return None;
    }
    if end - start >= stripped_len && anc.is_none() {
        return None;
    }
    let mut out = String::from("    ");
    out.push_str(&" ".repeat(start - lead));
    match anc {
        Some((l, r)) => {
            let n = end - start;
            let (l, r) = (l.min(n), r.min(n));
            out.push_str(&"~".repeat(l));
            out.push_str(&"^".repeat(r.saturating_sub(l)));
            out.push_str(&"~".repeat(n.saturating_sub(r.max(l))));
        }
        None => out.push_str(&"^".repeat(end - start)),
    }
    Some(out)
}
