//! The `_json` accelerator module used by CPython's `json` package: `scanstring`,
//! `encode_basestring_ascii`, `encode_basestring`, `make_scanner` (class `Scanner`) and
//! `make_encoder` (class `Encoder`), with `_json.c`'s behaviour and error positions.

use std::collections::HashSet;
use std::rc::Rc;

use num_bigint::BigInt;

use super::datautil::set;
use crate::native_class::{new_class, new_instance, with_data};
use crate::object::{Object, Type};
use crate::value::{s, PyStr, Value};
use crate::vm::{native, Kw, PyResult, Vm};

thread_local! {
    static TYPES: std::cell::RefCell<Option<(Rc<Type>, Rc<Type>)>> = const { std::cell::RefCell::new(None) };
}

fn types(vm: &mut Vm) -> (Rc<Type>, Rc<Type>) {
    if let Some(t) = TYPES.with(|t| t.borrow().clone()) {
        return t;
    }
    let sm: &[(&'static str, crate::object::NativeFn)] = &[("__new__", scanner_new), ("__call__", scanner_call)];
    let sc = new_class(vm, "_json", "Scanner", &[], sm, vec![]);
    let em: &[(&'static str, crate::object::NativeFn)] = &[("__new__", encoder_new), ("__call__", encoder_call)];
    let en = new_class(vm, "_json", "Encoder", &[], em, vec![]);
    TYPES.with(|t| *t.borrow_mut() = Some((sc.clone(), en.clone())));
    (sc, en)
}

/// `json.decoder.JSONDecodeError(msg, doc, pos)`.
fn decode_error(vm: &mut Vm, msg: &str, doc: &Value, pos: usize) -> Value {
    let imp = vm.builtins.borrow().get_str(&PyStr::new("__import__")).cloned();
    let cls = imp.and_then(|f| {
        let fromlist = Value::tuple(vec![Value::str("JSONDecodeError")]);
        let m = vm.call(&f, vec![Value::str("json.decoder"), Value::None, Value::None, fromlist], Vec::new()).ok()?;
        crate::attr::getattr_opt(vm, &m, &s("JSONDecodeError")).ok().flatten()
    });
    match cls {
        Some(c) => match vm.call(&c, vec![Value::str(msg), doc.clone(), Value::Int(pos as i64)], Vec::new()) {
            Ok(e) | Err(e) => e,
        },
        None => vm.value_error(msg.to_string()),
    }
}

fn stop_iteration(vm: &mut Vm, idx: usize) -> Value {
    let t = vm.t.stop_iteration.clone();
    crate::exceptions::make_exc(&t, Value::tuple(vec![Value::Int(idx as i64)]))
}

fn hex4(c: &[char], at: usize) -> Option<u32> {
    let mut v = 0u32;
    for k in 0..4 {
        v = v * 16 + c.get(at + k)?.to_digit(16)?;
    }
    Some(v)
}

/// Scans a JSON string body starting after the opening quote at `end`; returns the decoded
/// text and the index after the closing quote.
fn scan_string(vm: &mut Vm, doc: &Value, c: &[char], end: usize, strict: bool) -> PyResult<(String, usize)> {
    let begin = end.wrapping_sub(1);
    let len = c.len();
    let mut out = String::new();
    let mut i = end;
    loop {
        if i >= len {
            return Err(decode_error(vm, "Unterminated string starting at", doc, begin));
        }
        let ch = c[i];
        if ch == '"' {
            return Ok((out, i + 1));
        }
        if ch != '\\' {
            if strict && (ch as u32) < 0x20 {
                return Err(decode_error(vm, "Invalid control character at", doc, i));
            }
            out.push(ch);
            i += 1;
            continue;
        }
        // backslash at i
        if i + 1 >= len {
            return Err(decode_error(vm, "Unterminated string starting at", doc, begin));
        }
        let e = c[i + 1];
        if e != 'u' {
            let r = match e {
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                'b' => '\u{8}',
                'f' => '\u{c}',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => return Err(decode_error(vm, "Invalid \\escape", doc, i)),
            };
            out.push(r);
            i += 2;
            continue;
        }
        let u = i + 1; // the 'u'
        if u + 5 >= len {
            return Err(decode_error(vm, "Invalid \\uXXXX escape", doc, u));
        }
        let Some(mut cp) = hex4(c, u + 1) else {
            return Err(decode_error(vm, "Invalid \\uXXXX escape", doc, u));
        };
        i = u + 5;
        if (0xd800..=0xdbff).contains(&cp) && i + 6 < len && c[i] == '\\' && c[i + 1] == 'u' {
            let u2 = i + 1;
            let Some(c2) = hex4(c, u2 + 1) else {
                return Err(decode_error(vm, "Invalid \\uXXXX escape", doc, u2));
            };
            if (0xdc00..=0xdfff).contains(&c2) {
                cp = 0x10000 + (((cp - 0xd800) << 10) | (c2 - 0xdc00));
                i = u2 + 5;
            }
        }
        // Lone surrogates cannot be held in pvm's UTF-8 strings: U+FFFD stands in.
        out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
    }
}

fn str_arg(vm: &mut Vm, v: Option<&Value>, what: &str) -> PyResult<Rc<PyStr>> {
    match v.map(|v| vm.payload(v)) {
        Some(Value::Str(s)) => Ok(s),
        Some(other) => {
            let n = vm.type_name(&other);
            Err(vm.type_error(format!("{what} must be str, not {n}")))
        }
        None => Err(vm.type_error(format!("missing required argument {what}"))),
    }
}

fn j_scanstring(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let st = str_arg(vm, a.first(), "first argument")?;
    let end = match a.get(1) {
        Some(v) => super::datautil::i64_index(vm, v)?,
        None => return Err(vm.type_error("scanstring() missing required argument 'end'")),
    };
    let strict = match a.get(2) {
        Some(v) => crate::ops::truthy(vm, v)?,
        None => true,
    };
    let chars: Vec<char> = st.as_str().chars().collect();
    if end < 0 || end as usize > chars.len() {
        return Err(vm.value_error("end is out of bounds"));
    }
    let doc = Value::Str(st.clone());
    let (text, e) = scan_string(vm, &doc, &chars, end as usize, strict)?;
    Ok(Value::tuple(vec![Value::str(text), Value::Int(e as i64)]))
}

fn escape_ascii(s: &str, out: &mut String) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) >= 0x7f => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn escape_unicode(s: &str, out: &mut String) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn j_encode_ascii(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let st = match a.first().map(|v| vm.payload(v)) {
        Some(Value::Str(s)) => s,
        Some(v) => {
            let n = vm.type_name(&v);
            return Err(vm.type_error(format!("first argument must be a string, not {n}")));
        }
        None => return Err(vm.type_error("encode_basestring_ascii() takes exactly one argument (0 given)")),
    };
    let mut out = String::with_capacity(st.as_str().len() + 2);
    escape_ascii(st.as_str(), &mut out);
    Ok(Value::str(out))
}

fn j_encode(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let st = match a.first().map(|v| vm.payload(v)) {
        Some(Value::Str(s)) => s,
        Some(v) => {
            let n = vm.type_name(&v);
            return Err(vm.type_error(format!("first argument must be a string, not {n}")));
        }
        None => return Err(vm.type_error("encode_basestring() takes exactly one argument (0 given)")),
    };
    let mut out = String::with_capacity(st.as_str().len() + 2);
    escape_unicode(st.as_str(), &mut out);
    Ok(Value::str(out))
}

// ---- Scanner ----------------------------------------------------------------------------

#[derive(Clone)]
struct Ctx {
    strict: bool,
    object_hook: Value,
    object_pairs_hook: Value,
    parse_float: Value,
    parse_int: Value,
    parse_constant: Value,
}

fn scanner_new(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let cls = match a.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => types(vm).0,
    };
    let Some(ctx) = a.get(1).cloned() else {
        return Err(vm.type_error("Scanner() missing required argument 'context' (pos 1)"));
    };
    let get = |vm: &mut Vm, n: &str| -> PyResult<Value> { crate::attr::getattr(vm, &ctx, &s(n)) };
    let strict_v = get(vm, "strict")?;
    let strict = crate::ops::truthy(vm, &strict_v)?;
    let c = Ctx {
        strict,
        object_hook: get(vm, "object_hook")?,
        object_pairs_hook: get(vm, "object_pairs_hook")?,
        parse_float: get(vm, "parse_float")?,
        parse_int: get(vm, "parse_int")?,
        parse_constant: get(vm, "parse_constant")?,
    };
    Ok(new_instance(&cls, Rc::new(c)))
}

struct Scan<'a> {
    ctx: Rc<Ctx>,
    doc: Value,
    c: &'a [char],
    depth: usize,
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

impl Scan<'_> {
    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.c.len() && is_ws(self.c[i]) {
            i += 1;
        }
        i
    }

    fn starts(&self, i: usize, w: &str) -> bool {
        let mut k = i;
        for ch in w.chars() {
            if self.c.get(k) != Some(&ch) {
                return false;
            }
            k += 1;
        }
        true
    }

    fn constant(&self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        let f = self.ctx.parse_constant.clone();
        vm.call(&f, vec![Value::str(name)], Vec::new())
    }

    fn scan_once(&mut self, vm: &mut Vm, idx: usize) -> PyResult<(Value, usize)> {
        let c = self.c;
        if idx >= c.len() {
            return Err(stop_iteration(vm, idx));
        }
        match c[idx] {
            '"' => {
                let (t, e) = scan_string(vm, &self.doc, c, idx + 1, self.ctx.strict)?;
                Ok((Value::str(t), e))
            }
            '{' => self.nested(vm, idx + 1, true),
            '[' => self.nested(vm, idx + 1, false),
            'n' if self.starts(idx, "null") => Ok((Value::None, idx + 4)),
            't' if self.starts(idx, "true") => Ok((Value::Bool(true), idx + 4)),
            'f' if self.starts(idx, "false") => Ok((Value::Bool(false), idx + 5)),
            'N' if self.starts(idx, "NaN") => Ok((self.constant(vm, "NaN")?, idx + 3)),
            'I' if self.starts(idx, "Infinity") => Ok((self.constant(vm, "Infinity")?, idx + 8)),
            '-' if self.starts(idx, "-Infinity") => Ok((self.constant(vm, "-Infinity")?, idx + 9)),
            _ => self.number(vm, idx),
        }
    }

    fn nested(&mut self, vm: &mut Vm, idx: usize, obj: bool) -> PyResult<(Value, usize)> {
        self.depth += 1;
        if self.depth > vm.recursion_limit {
            self.depth -= 1;
            let what = if obj { "object" } else { "array" };
            let t = vm.t.recursion_error.clone();
            return Err(vm.new_exc(
                &t,
                format!("maximum recursion depth exceeded while decoding a JSON {what} from a unicode string"),
            ));
        }
        let r = if obj { self.object(vm, idx) } else { self.array(vm, idx) };
        self.depth -= 1;
        r
    }

    fn array(&mut self, vm: &mut Vm, idx: usize) -> PyResult<(Value, usize)> {
        let c = self.c;
        let mut items = Vec::new();
        let mut i = self.skip_ws(idx);
        if i < c.len() && c[i] == ']' {
            return Ok((Value::list(items), i + 1));
        }
        loop {
            let (v, e) = self.scan_once(vm, i)?;
            items.push(v);
            i = self.skip_ws(e);
            if i < c.len() && c[i] == ']' {
                return Ok((Value::list(items), i + 1));
            }
            if i >= c.len() || c[i] != ',' {
                return Err(decode_error(vm, "Expecting ',' delimiter", &self.doc, i));
            }
            i = self.skip_ws(i + 1);
        }
    }

    fn object(&mut self, vm: &mut Vm, idx: usize) -> PyResult<(Value, usize)> {
        let c = self.c;
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let mut i = self.skip_ws(idx);
        let mut memo: std::collections::HashMap<String, Value> = std::collections::HashMap::new();
        if !(i < c.len() && c[i] == '}') {
            loop {
                if i >= c.len() || c[i] != '"' {
                    return Err(decode_error(vm, "Expecting property name enclosed in double quotes", &self.doc, i));
                }
                let (k, e) = scan_string(vm, &self.doc, c, i + 1, self.ctx.strict)?;
                let key = memo.entry(k.clone()).or_insert_with(|| Value::str(k)).clone();
                i = self.skip_ws(e);
                if i >= c.len() || c[i] != ':' {
                    return Err(decode_error(vm, "Expecting ':' delimiter", &self.doc, i));
                }
                i = self.skip_ws(i + 1);
                let (v, e) = self.scan_once(vm, i)?;
                pairs.push((key, v));
                i = self.skip_ws(e);
                if i < c.len() && c[i] == '}' {
                    break;
                }
                if i >= c.len() || c[i] != ',' {
                    return Err(decode_error(vm, "Expecting ',' delimiter", &self.doc, i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        let end = i + 1;
        let ctx = self.ctx.clone();
        if !ctx.object_pairs_hook.is_none() {
            let l = Value::list(pairs.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect());
            return Ok((vm.call(&ctx.object_pairs_hook, vec![l], Vec::new())?, end));
        }
        let d = crate::object::new_dict();
        for (k, v) in pairs {
            crate::types::dict::dict_set(vm, &d, k, v)?;
        }
        let mut r = Value::Dict(d);
        if !ctx.object_hook.is_none() {
            r = vm.call(&ctx.object_hook, vec![r], Vec::new())?;
        }
        Ok((r, end))
    }

    fn number(&mut self, vm: &mut Vm, start: usize) -> PyResult<(Value, usize)> {
        let c = self.c;
        let n = c.len();
        let mut i = start;
        if i < n && c[i] == '-' {
            i += 1;
            if i >= n {
                return Err(stop_iteration(vm, start));
            }
        }
        if i < n && ('1'..='9').contains(&c[i]) {
            i += 1;
            while i < n && c[i].is_ascii_digit() {
                i += 1;
            }
        } else if i < n && c[i] == '0' {
            i += 1;
        } else {
            return Err(stop_iteration(vm, start));
        }
        let mut is_float = false;
        if i + 1 < n && c[i] == '.' && c[i + 1].is_ascii_digit() {
            is_float = true;
            i += 2;
            while i < n && c[i].is_ascii_digit() {
                i += 1;
            }
        }
        if i < n && (c[i] == 'e' || c[i] == 'E') {
            let save = i;
            i += 1;
            if i < n && (c[i] == '-' || c[i] == '+') {
                i += 1;
            }
            let ds = i;
            while i < n && c[i].is_ascii_digit() {
                i += 1;
            }
            if i > ds {
                is_float = true;
            } else {
                i = save;
            }
        }
        let text: String = c[start..i].iter().collect();
        let ctx = self.ctx.clone();
        if is_float {
            let default = matches!(&ctx.parse_float, Value::Type(t) if Rc::ptr_eq(t, &vm.t.float));
            if default {
                return Ok((Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)), i));
            }
            return Ok((vm.call(&ctx.parse_float, vec![Value::str(text)], Vec::new())?, i));
        }
        let default = matches!(&ctx.parse_int, Value::Type(t) if Rc::ptr_eq(t, &vm.t.int));
        if default && text.len() < 4300 {
            if let Ok(x) = text.parse::<i64>() {
                return Ok((Value::Int(x), i));
            }
            if let Ok(b) = text.parse::<BigInt>() {
                return Ok((crate::num::big(b), i));
            }
        }
        Ok((vm.call(&ctx.parse_int, vec![Value::str(text)], Vec::new())?, i))
    }
}

fn scanner_call(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let ctx = with_data(vm, &this, "Scanner", |c: &mut Rc<Ctx>| c.clone())?;
    let sv = super::datautil::arg(&a, &k, 1, "string");
    let st = str_arg(vm, sv.as_ref(), "first argument")?;
    let idx = match super::datautil::arg(&a, &k, 2, "idx") {
        Some(v) => super::datautil::i64_index(vm, &v)?,
        None => return Err(vm.type_error("Scanner() missing required argument 'idx'")),
    };
    let chars: Vec<char> = st.as_str().chars().collect();
    if idx < 0 {
        return Err(vm.value_error("idx cannot be negative"));
    }
    let mut sc = Scan { ctx, doc: Value::Str(st.clone()), c: &chars, depth: 0 };
    let (v, e) = sc.scan_once(vm, idx as usize)?;
    Ok(Value::tuple(vec![v, Value::Int(e as i64)]))
}

// ---- Encoder ----------------------------------------------------------------------------

#[derive(Clone)]
struct Enc {
    check_circular: bool,
    default: Value,
    encoder: Value,
    /// 1: encode_basestring_ascii, 2: encode_basestring, 0: a Python callable.
    fast: u8,
    key_sep: String,
    item_sep: String,
    sort_keys: bool,
    skipkeys: bool,
    allow_nan: bool,
}

fn encoder_new(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let cls = match a.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => types(vm).1,
    };
    if a.len() != 10 {
        return Err(vm.type_error(format!("Encoder() takes exactly 9 arguments ({} given)", a.len() - 1)));
    }
    let fast = match &a[3] {
        Value::Obj(o) => match &**o {
            Object::Builtin(b) if b.name == "encode_basestring_ascii" => 1,
            Object::Builtin(b) if b.name == "encode_basestring" => 2,
            _ => 0,
        },
        _ => 0,
    };
    let sep = |vm: &mut Vm, v: &Value, what: &str| -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_string()),
            other => {
                let n = vm.type_name(other);
                Err(vm.type_error(format!("make_encoder() argument {what} must be str, not {n}")))
            }
        }
    };
    let key_sep = sep(vm, &a[5], "5")?;
    let item_sep = sep(vm, &a[6], "6")?;
    let e = Enc {
        check_circular: !a[1].is_none(),
        default: a[2].clone(),
        encoder: a[3].clone(),
        fast,
        key_sep,
        item_sep,
        sort_keys: crate::ops::truthy(vm, &a[7])?,
        skipkeys: crate::ops::truthy(vm, &a[8])?,
        allow_nan: crate::ops::truthy(vm, &a[9])?,
    };
    Ok(new_instance(&cls, Rc::new(e)))
}

struct Out<'a> {
    e: &'a Enc,
    buf: String,
    markers: HashSet<i64>,
    depth: usize,
}

fn float_text(vm: &mut Vm, e: &Enc, f: f64) -> PyResult<String> {
    if !f.is_finite() {
        if !e.allow_nan {
            return Err(vm.value_error("Out of range float values are not JSON compliant"));
        }
        return Ok(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_string());
    }
    crate::ops::repr(vm, &Value::Float(f))
}

impl Out<'_> {
    fn string(&mut self, vm: &mut Vm, s: &Value) -> PyResult<()> {
        let text = match vm.payload(s) {
            Value::Str(t) => t,
            _ => return Ok(()),
        };
        match self.e.fast {
            1 => escape_ascii(text.as_str(), &mut self.buf),
            2 => escape_unicode(text.as_str(), &mut self.buf),
            _ => {
                let r = vm.call(&self.e.encoder, vec![s.clone()], Vec::new())?;
                match r {
                    Value::Str(t) => self.buf.push_str(t.as_str()),
                    other => {
                        let n = vm.type_name(&other);
                        return Err(vm.type_error(format!("encoder() must return a string, not {n}")));
                    }
                }
            }
        }
        Ok(())
    }

    fn enter(&mut self, vm: &mut Vm, o: &Value) -> PyResult<()> {
        self.depth += 1;
        if self.depth > vm.recursion_limit {
            let t = vm.t.recursion_error.clone();
            return Err(vm.new_exc(&t, "maximum recursion depth exceeded while encoding a JSON object"));
        }
        if self.e.check_circular && !self.markers.insert(o.id()) {
            return Err(vm.value_error("Circular reference detected"));
        }
        Ok(())
    }

    fn leave(&mut self, o: &Value) {
        self.depth -= 1;
        if self.e.check_circular {
            self.markers.remove(&o.id());
        }
    }

    fn obj(&mut self, vm: &mut Vm, o: &Value) -> PyResult<()> {
        match o {
            Value::None => self.buf.push_str("null"),
            Value::Bool(true) => self.buf.push_str("true"),
            Value::Bool(false) => self.buf.push_str("false"),
            Value::Str(_) => self.string(vm, o)?,
            Value::Int(i) => self.buf.push_str(&i.to_string()),
            Value::BigInt(_) => {
                let r = crate::ops::repr(vm, o)?;
                self.buf.push_str(&r);
            }
            Value::Float(f) => {
                let t = float_text(vm, self.e, *f)?;
                self.buf.push_str(&t);
            }
            Value::List(_) | Value::Tuple(_) => self.list(vm, o)?,
            Value::Dict(_) => self.dict(vm, o)?,
            Value::Inst(_) => {
                let p = vm.payload(o);
                match &p {
                    Value::Str(_) => self.string(vm, o)?,
                    Value::Bool(_) | Value::Int(_) | Value::BigInt(_) => {
                        let r = crate::ops::repr(vm, &p)?;
                        self.buf.push_str(&r);
                    }
                    Value::Float(f) => {
                        let t = float_text(vm, self.e, *f)?;
                        self.buf.push_str(&t);
                    }
                    Value::List(_) | Value::Tuple(_) => self.list(vm, o)?,
                    Value::Dict(_) => self.dict(vm, o)?,
                    _ => self.other(vm, o)?,
                }
            }
            _ => self.other(vm, o)?,
        }
        Ok(())
    }

    fn other(&mut self, vm: &mut Vm, o: &Value) -> PyResult<()> {
        self.enter(vm, o)?;
        let d = self.e.default.clone();
        let r = vm.call(&d, vec![o.clone()], Vec::new());
        let r = match r {
            Ok(v) => self.obj(vm, &v),
            Err(e) => Err(e),
        };
        self.leave(o);
        r
    }

    fn list(&mut self, vm: &mut Vm, o: &Value) -> PyResult<()> {
        let items = match vm.payload(o) {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => (*t).clone(),
            _ => crate::ops::to_vec(vm, o)?,
        };
        if items.is_empty() {
            self.buf.push_str("[]");
            return Ok(());
        }
        self.enter(vm, o)?;
        self.buf.push('[');
        let mut r = Ok(());
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                let sep = self.e.item_sep.clone();
                self.buf.push_str(&sep);
            }
            r = self.obj(vm, it);
            if r.is_err() {
                break;
            }
        }
        self.buf.push(']');
        self.leave(o);
        r
    }

    fn dict(&mut self, vm: &mut Vm, o: &Value) -> PyResult<()> {
        let exact = matches!(o, Value::Dict(_));
        let mut items: Vec<(Value, Value)> = if exact {
            match o {
                Value::Dict(d) => d.borrow().items(),
                _ => unreachable!(),
            }
        } else {
            let f = crate::attr::getattr(vm, o, &s("items"))?;
            let it = vm.call(&f, vec![], Vec::new())?;
            let v = crate::ops::to_vec(vm, &it)?;
            let mut out = Vec::new();
            for p in v {
                let kv = crate::ops::to_vec(vm, &p)?;
                if kv.len() != 2 {
                    return Err(vm.value_error("items must return 2-tuples"));
                }
                out.push((kv[0].clone(), kv[1].clone()));
            }
            out
        };
        if items.is_empty() {
            self.buf.push_str("{}");
            return Ok(());
        }
        if self.e.sort_keys {
            let l = Value::list(items.iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect());
            let sorted = vm.builtins.borrow().get_str(&PyStr::new("sorted")).cloned();
            if let Some(f) = sorted {
                let r = vm.call(&f, vec![l], Vec::new())?;
                let v = crate::ops::to_vec(vm, &r)?;
                items = v
                    .into_iter()
                    .map(|t| match t {
                        Value::Tuple(t) => (t[0].clone(), t[1].clone()),
                        _ => (Value::None, Value::None),
                    })
                    .collect();
            }
        }
        self.enter(vm, o)?;
        self.buf.push('{');
        let r = self.dict_items(vm, &items);
        self.buf.push('}');
        self.leave(o);
        r
    }

    fn dict_items(&mut self, vm: &mut Vm, items: &[(Value, Value)]) -> PyResult<()> {
        let mut first = true;
        for (k, v) in items {
            let p = vm.payload(k);
            let key: Value = match &p {
                Value::Str(_) => k.clone(),
                Value::Float(f) => Value::str(float_text(vm, self.e, *f)?),
                Value::Bool(true) => Value::str("true"),
                Value::Bool(false) => Value::str("false"),
                Value::None => Value::str("null"),
                Value::Int(_) | Value::BigInt(_) => Value::str(crate::ops::repr(vm, &p)?),
                _ => {
                    if self.e.skipkeys {
                        continue;
                    }
                    let n = vm.type_of(k).name.borrow().clone();
                    return Err(vm.type_error(format!("keys must be str, int, float, bool or None, not {n}")));
                }
            };
            if !first {
                let sep = self.e.item_sep.clone();
                self.buf.push_str(&sep);
            }
            first = false;
            self.string(vm, &key)?;
            let ks = self.e.key_sep.clone();
            self.buf.push_str(&ks);
            self.obj(vm, v)?;
        }
        Ok(())
    }
}

fn encoder_call(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let e = with_data(vm, &this, "Encoder", |e: &mut Rc<Enc>| e.clone())?;
    let Some(o) = a.get(1).cloned() else {
        return Err(vm.type_error("Encoder() missing required argument 'obj'"));
    };
    let mut out = Out { e: &e, buf: String::new(), markers: HashSet::new(), depth: 0 };
    out.obj(vm, &o)?;
    Ok(Value::tuple(vec![Value::str(out.buf)]))
}

/// Builds the `_json` module.
pub fn make(vm: &mut Vm) -> Value {
    let (sc, en) = types(vm);
    let (m, d) = super::new_module("_json");
    set(&d, "make_scanner", Value::Type(sc));
    set(&d, "make_encoder", Value::Type(en));
    set(&d, "scanstring", native("scanstring", j_scanstring));
    set(&d, "encode_basestring_ascii", native("encode_basestring_ascii", j_encode_ascii));
    set(&d, "encode_basestring", native("encode_basestring", j_encode));
    m
}
