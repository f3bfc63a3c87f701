//! The `_string` module used by `string.Formatter`: `formatter_parser(s)` (the
//! `(literal, field_name, format_spec, conversion)` tuples of a format string) and
//! `formatter_field_name_split(name)` (`(first, iterator of (is_attribute, key))`), with
//! CPython's parsing rules and error messages (Objects/stringlib/unicode_format.h). The results
//! are computed eagerly, so a malformed string raises when the iterator is made.

use std::cell::RefCell;

use crate::object::{IterKind, Object};
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

fn list_iter(items: Vec<Value>) -> Value {
    Value::obj(Object::Iter(RefCell::new(IterKind::Vec { items, idx: 0 })))
}

fn text(c: &[char]) -> Value {
    Value::str(c.iter().collect::<String>())
}

/// One field: (field_name, format_spec, conversion) from just after the `{`; advances `i`.
fn parse_field(vm: &mut Vm, c: &[char], i: &mut usize) -> PyResult<(Value, Value, Value)> {
    let start = *i;
    let mut ch = '\0';
    while *i < c.len() {
        ch = c[*i];
        *i += 1;
        match ch {
            '{' => return Err(vm.value_error("unexpected '{' in field name")),
            '[' => {
                while *i < c.len() && c[*i] != ']' {
                    *i += 1;
                }
                continue;
            }
            '}' | ':' | '!' => break,
            _ => continue,
        }
    }
    let name = text(&c[start..(*i).saturating_sub(1).max(start)]);
    if ch == '!' || ch == ':' {
        let mut conversion = Value::None;
        if ch == '!' {
            if *i >= c.len() {
                return Err(vm.value_error("end of string while looking for conversion specifier"));
            }
            conversion = Value::str(c[*i].to_string());
            *i += 1;
            if *i < c.len() {
                let d = c[*i];
                *i += 1;
                if d == '}' {
                    return Ok((name, Value::str(""), conversion));
                }
                if d != ':' {
                    return Err(vm.value_error("expected ':' after conversion specifier"));
                }
            }
        }
        let spec_start = *i;
        let mut count = 1;
        while *i < c.len() {
            let d = c[*i];
            *i += 1;
            match d {
                '{' => count += 1,
                '}' => {
                    count -= 1;
                    if count == 0 {
                        return Ok((name, text(&c[spec_start..*i - 1]), conversion));
                    }
                }
                _ => {}
            }
        }
        return Err(vm.value_error("unmatched '{' in format spec"));
    }
    if ch != '}' {
        return Err(vm.value_error("expected '}' before end of string"));
    }
    Ok((name, Value::str(""), Value::None))
}

fn formatter_parser(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let src = match a.first() {
        Some(Value::Str(st)) => st.as_str().to_string(),
        Some(v) => {
            let n = vm.type_name(v);
            return Err(
                vm.type_error(format!("descriptor 'formatter_parser' requires a 'str' object but received a '{n}'"))
            );
        }
        None => return Err(vm.type_error("formatter_parser() takes exactly one argument (0 given)")),
    };
    let c: Vec<char> = src.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < c.len() {
        let start = i;
        let mut ch = '\0';
        let mut markup = false;
        while i < c.len() {
            ch = c[i];
            i += 1;
            if ch == '{' || ch == '}' {
                markup = true;
                break;
            }
        }
        let at_end = i >= c.len();
        let mut len = i - start;
        if ch == '}' && markup && (at_end || c[i] != '}') {
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if at_end && ch == '{' && markup {
            return Err(vm.value_error("Single '{' encountered in format string"));
        }
        if !at_end && markup {
            if c[i] == ch {
                i += 1;
                markup = false;
            } else {
                len -= 1;
            }
        }
        let literal = text(&c[start..start + len]);
        if !markup {
            out.push(Value::tuple(vec![literal, Value::None, Value::None, Value::None]));
            continue;
        }
        let (name, spec, conv) = parse_field(vm, &c, &mut i)?;
        out.push(Value::tuple(vec![literal, name, spec, conv]));
    }
    Ok(list_iter(out))
}

/// A run of decimal digits as an index (None when not all digits or empty).
fn as_index(vm: &mut Vm, c: &[char]) -> PyResult<Option<Value>> {
    if c.is_empty() || !c.iter().all(|d| d.is_ascii_digit()) {
        return Ok(None);
    }
    let t: String = c.iter().collect();
    match t.parse::<i64>() {
        Ok(n) => Ok(Some(Value::Int(n))),
        Err(_) => Err(vm.value_error("Too many decimal digits in format string")),
    }
}

fn formatter_field_name_split(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let src = match a.first() {
        Some(Value::Str(st)) => st.as_str().to_string(),
        Some(v) => {
            let n = vm.type_name(v);
            return Err(vm.type_error(format!(
                "descriptor 'formatter_field_name_split' requires a 'str' object but received a '{n}'"
            )));
        }
        None => return Err(vm.type_error("formatter_field_name_split() takes exactly one argument (0 given)")),
    };
    let c: Vec<char> = src.chars().collect();
    let mut i = 0;
    while i < c.len() && c[i] != '.' && c[i] != '[' {
        i += 1;
    }
    let first = match as_index(vm, &c[..i])? {
        Some(n) => n,
        None => text(&c[..i]),
    };
    let mut rest = Vec::new();
    while i < c.len() {
        let ch = c[i];
        i += 1;
        let (is_attr, start, end) = match ch {
            '.' => {
                let st = i;
                while i < c.len() && c[i] != '.' && c[i] != '[' {
                    i += 1;
                }
                (true, st, i)
            }
            '[' => {
                let st = i;
                while i < c.len() && c[i] != ']' {
                    i += 1;
                }
                if i >= c.len() {
                    return Err(vm.value_error("Missing ']' in format string"));
                }
                let e = i;
                i += 1;
                (false, st, e)
            }
            _ => return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier")),
        };
        if start == end {
            return Err(vm.value_error("Empty attribute in format string"));
        }
        let key = match as_index(vm, &c[start..end])? {
            Some(n) => n,
            None => text(&c[start..end]),
        };
        rest.push(Value::tuple(vec![Value::Bool(is_attr), key]));
    }
    Ok(Value::tuple(vec![first, list_iter(rest)]))
}

/// Builds the `_string` module.
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("_string");
    let mut d = d.borrow_mut();
    d.set_str(s("formatter_parser"), native("formatter_parser", formatter_parser));
    d.set_str(s("formatter_field_name_split"), native("formatter_field_name_split", formatter_field_name_split));
    m
}
