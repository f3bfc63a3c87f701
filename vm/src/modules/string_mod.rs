//! The `_string` module (used by `string.Formatter`): `formatter_parser` and
//! `formatter_field_name_split`, over the `str.format` parser in `text::format_string`.

use crate::text::format_string::{split_field_name, FieldAccessor, FieldKey, FormatStringIter};
use crate::text::TextError;
use crate::types::iter::new_iter;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

fn text_err(vm: &mut Vm, e: TextError) -> Value {
    match e {
        TextError::ValueError(m) => vm.value_error(m),
        TextError::OverflowError(m) => vm.overflow_error(m),
        TextError::TypeError(m) => vm.type_error(m),
        other => vm.value_error(other.message().to_string()),
    }
}

fn str_arg(vm: &mut Vm, a: &[Value], k: &Kw, fname: &str) -> PyResult<String> {
    crate::types::args::check_count(vm, fname, a, k, 1, 1)?;
    match vm.payload(&a[0]) {
        Value::Str(t) => Ok(t.as_str().to_string()),
        other => {
            let tn = vm.type_name(&other);
            Err(vm.type_error(format!("expected str, got {tn}")))
        }
    }
}

fn list_iter(items: Vec<Value>) -> Value {
    new_iter(crate::object::IterKind::Seq { seq: Value::list(items), idx: 0 })
}

/// `formatter_parser(s)`: `(literal, field_name, format_spec, conversion)` tuples.
fn formatter_parser(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let text = str_arg(vm, &a, &k, "formatter_parser")?;
    let mut out = Vec::new();
    for chunk in FormatStringIter::new(&text) {
        let (lit, field) = chunk.map_err(|e| text_err(vm, e))?;
        out.push(match field {
            None => Value::tuple(vec![Value::str(lit), Value::None, Value::None, Value::None]),
            Some(f) => Value::tuple(vec![
                Value::str(lit),
                Value::str(f.field_name),
                Value::str(f.format_spec),
                match f.conversion {
                    Some(c) => Value::str(c.to_string()),
                    None => Value::None,
                },
            ]),
        });
    }
    Ok(list_iter(out))
}

/// `formatter_field_name_split(name)`: `(first, iterator of (is_attr, key))`.
fn formatter_field_name_split(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let text = str_arg(vm, &a, &k, "formatter_field_name_split")?;
    let (first, rest) = split_field_name(&text, None).map_err(|e| text_err(vm, e))?;
    let first = match first {
        FieldKey::Index(i) => Value::Int(i as i64),
        FieldKey::Name(n) => Value::str(n),
    };
    let mut items = Vec::new();
    for acc in rest {
        let acc = acc.map_err(|e| text_err(vm, e))?;
        items.push(match acc {
            FieldAccessor::Attr(n) => Value::tuple(vec![Value::Bool(true), Value::str(n)]),
            FieldAccessor::Index(i) => Value::tuple(vec![Value::Bool(false), Value::Int(i as i64)]),
            FieldAccessor::Key(n) => Value::tuple(vec![Value::Bool(false), Value::str(n)]),
        });
    }
    Ok(Value::tuple(vec![first, list_iter(items)]))
}

/// Builds the `_string` module.
pub fn make(_vm: &mut Vm) -> Value {
    let (m, d) = super::new_module("_string");
    let mut d = d.borrow_mut();
    d.set_str(s("formatter_parser"), native("formatter_parser", formatter_parser));
    d.set_str(s("formatter_field_name_split"), native("formatter_field_name_split", formatter_field_name_split));
    m
}
