//! CPython-style printing of uncaught exceptions: chained causes and contexts, frames with
//! source lines and caret indicators, notes, and the boxed layout of exception groups
//! (as `traceback.TracebackException.format` does in 3.11).

use crate::value::{PyStr, Value};
use crate::vm::Vm;

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

struct Ctx {
    seen: Vec<i64>,
    depth: usize,
    need_close: bool,
}

impl Ctx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut ind = self.indent();
        if self.depth > 0 {
            ind.push(margin);
            ind.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&ind);
            out.push_str(line);
        }
        if !text.ends_with('\n') && !text.is_empty() {
            out.push('\n');
        }
    }
}

fn exc_parts(e: &Value) -> (Value, Value, bool) {
    match e {
        Value::Inst(i) => match &i.exc {
            Some(d) => {
                let d = d.borrow();
                (d.cause.clone(), d.context.clone(), d.suppress_context)
            }
            None => (Value::None, Value::None, false),
        },
        _ => (Value::None, Value::None, false),
    }
}

fn stack_text(vm: &mut Vm, e: &Value) -> String {
    let mut out = String::new();
    let Value::Inst(i) = e else { return out };
    let Some(d) = &i.exc else { return out };
    let tb = d.borrow().traceback.clone();
    for (code, unit) in tb.iter().rev() {
        let pos = code.co.position(*unit);
        out.push_str(&format!("  File \"{}\", line {}, in {}\n", code.co.filename, pos.line, code.co.name));
        if let Some(src) = crate::modules::source_line(vm, &code.co.filename, pos.line) {
            out.push_str(&format!("    {}\n", src.trim()));
            if let Some(c) = crate::carets::caret_line(&src, pos) {
                out.push_str(&c);
                out.push('\n');
            }
        }
    }
    out
}

fn has_stack(e: &Value) -> bool {
    matches!(e, Value::Inst(i) if i.exc.as_ref().is_some_and(|d| !d.borrow().traceback.is_empty()))
}

/// `Type: message` followed by the notes.
fn exception_only(vm: &mut Vm, e: &Value) -> String {
    let mut out = crate::exceptions::exc_line(vm, e);
    if let Value::Inst(i) = e {
        let ctx = i.exc.as_ref().and_then(|d| d.borrow_mut().suggest.take());
        if let Some(s) = ctx {
            if let Some(name) = crate::suggest::suggestion(vm, &s) {
                out.push_str(&format!(". Did you mean: '{name}'?"));
            }
            if let Some(d) = &i.exc {
                d.borrow_mut().suggest = Some(s);
            }
        }
    }
    out.push('\n');
    if let Value::Inst(i) = e {
        let notes = i.dict.borrow().get_str(&PyStr::new("__notes__")).cloned();
        if let Some(n) = notes {
            match crate::ops::to_vec(vm, &n) {
                Ok(items) => {
                    for x in items {
                        let t = match &x {
                            Value::Str(s) => s.as_str().to_string(),
                            _ => crate::ops::to_str(vm, &x).unwrap_or_else(|_| "<note str() failed>".into()),
                        };
                        out.push_str(&t);
                        out.push('\n');
                    }
                }
                Err(_) => {
                    let r = crate::ops::repr(vm, &n).unwrap_or_default();
                    out.push_str(&r);
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn format(vm: &mut Vm, e: &Value, ctx: &mut Ctx, out: &mut String) {
    // The chain, outermost first as collected, printed innermost first.
    let mut chain: Vec<(Option<&'static str>, Value)> = Vec::new();
    let mut cur = e.clone();
    ctx.seen.push(cur.id());
    loop {
        let (cause, context, sup) = exc_parts(&cur);
        let (msg, next) = if !cause.is_none() && !ctx.seen.contains(&cause.id()) {
            (Some("\nThe above exception was the direct cause of the following exception:\n\n"), cause)
        } else if !context.is_none() && !sup && !ctx.seen.contains(&context.id()) {
            (Some("\nDuring handling of the above exception, another exception occurred:\n\n"), context)
        } else {
            (None, Value::None)
        };
        chain.push((msg, cur.clone()));
        if next.is_none() {
            break;
        }
        ctx.seen.push(next.id());
        cur = next;
    }
    for (msg, exc) in chain.into_iter().rev() {
        if let Some(m) = msg {
            ctx.emit(out, m, '|');
        }
        if !crate::egroup::is_group(vm, &exc) {
            if has_stack(&exc) {
                ctx.emit(out, "Traceback (most recent call last):\n", '|');
                let st = stack_text(vm, &exc);
                ctx.emit(out, &st, '|');
            }
            let only = exception_only(vm, &exc);
            ctx.emit(out, &only, '|');
        } else if ctx.depth > MAX_GROUP_DEPTH {
            ctx.emit(out, &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"), '|');
        } else {
            let toplevel = ctx.depth == 0;
            if toplevel {
                ctx.depth += 1;
            }
            if has_stack(&exc) {
                ctx.emit(out, "Exception Group Traceback (most recent call last):\n", if toplevel { '+' } else { '|' });
                let st = stack_text(vm, &exc);
                ctx.emit(out, &st, '|');
            }
            let only = exception_only(vm, &exc);
            ctx.emit(out, &only, '|');
            let subs = crate::egroup::group_excs(vm, &exc);
            let n = if subs.len() <= MAX_GROUP_WIDTH { subs.len() } else { MAX_GROUP_WIDTH + 1 };
            ctx.need_close = false;
            for (i, sub) in subs.iter().enumerate().take(n) {
                let last = i == n - 1;
                if last {
                    ctx.need_close = true;
                }
                let truncated = i >= MAX_GROUP_WIDTH;
                let title = if truncated { "...".to_string() } else { (i + 1).to_string() };
                out.push_str(&format!(
                    "{}{}+---------------- {title} ----------------\n",
                    ctx.indent(),
                    if i == 0 { "+-" } else { "  " }
                ));
                ctx.depth += 1;
                if !truncated {
                    format(vm, sub, ctx, out);
                } else {
                    let rem = subs.len() - MAX_GROUP_WIDTH;
                    ctx.emit(out, &format!("and {rem} more exception{}\n", if rem > 1 { "s" } else { "" }), '|');
                }
                if last && ctx.need_close {
                    out.push_str(&format!("{}+------------------------------------\n", ctx.indent()));
                    ctx.need_close = false;
                }
                ctx.depth -= 1;
            }
            if toplevel {
                ctx.depth = 0;
            }
        }
    }
}

/// Formats an uncaught exception with its chain, as CPython prints it.
pub fn format_exception(vm: &mut Vm, e: &Value) -> String {
    let mut ctx = Ctx { seen: Vec::new(), depth: 0, need_close: false };
    let mut out = String::new();
    format(vm, e, &mut ctx, &mut out);
    out
}
