//! repr(), str(), format() with the format-spec mini-language, %-formatting and str.format.
//! (Minimal text helpers; the `text` module from branch `vmtext` will replace the pure parts.)

use crate::object::Object;
use crate::ops::{self, user_method};
use crate::value::Value;
use crate::vm::{Kw, PyResult, Vm};

/// Python's repr of a float (shortest round-trip digits).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let e = format!("{:e}", f);
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        if exp >= n - 1 {
            format!("{sign}{}{}.0", digits, "0".repeat((exp - (n - 1)) as usize))
        } else if exp >= 0 {
            let (a, b) = digits.split_at(exp as usize + 1);
            format!("{sign}{a}.{b}")
        } else {
            format!("{sign}0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        }
    } else {
        let (a, b) = digits.split_at(1);
        let m = if b.is_empty() { a.to_string() } else { format!("{a}.{b}") };
        let es = if exp < 0 { format!("-{:02}", -exp) } else { format!("+{:02}", exp) };
        format!("{sign}{m}e{es}")
    }
}

/// repr of a str with Python's quoting and escapes.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (0x80..=0xa0).contains(&(c as u32)) || c == '\u{ad}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_unprintable(c) => {
                let n = c as u32;
                if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

fn is_unprintable(c: char) -> bool {
    let n = c as u32;
    if c.is_whitespace() && c != ' ' {
        return true;
    }
    matches!(n, 0x2028 | 0x2029 | 0x200b..=0x200f | 0x2060..=0x2064 | 0xfeff | 0xd800..=0xdfff | 0xe000..=0xf8ff | 0xfff9..=0xfffb)
        || (0xf0000..).contains(&n)
}

/// repr of bytes.
pub fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(q);
    for &x in b {
        match x {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            x if x as char == q => {
                out.push('\\');
                out.push(x as char);
            }
            0x20..=0x7e => out.push(x as char),
            _ => out.push_str(&format!("\\x{x:02x}")),
        }
    }
    out.push(q);
    out
}

fn complex_part(f: f64) -> String {
    let r = float_repr(f);
    r.strip_suffix(".0").map(|s| s.to_string()).unwrap_or(r)
}

/// repr of a complex.
pub fn complex_repr(r: f64, i: f64) -> String {
    if r == 0.0 && r.is_sign_positive() {
        format!("{}j", complex_part(i))
    } else {
        let im = complex_part(i);
        let sign = if im.starts_with('-') || i.is_nan() && im.starts_with('-') { "" } else { "+" };
        format!("({}{sign}{im}j)", complex_part(r))
    }
}

fn addr(v: &Value) -> String {
    format!("0x{:012x}", v.id() as u64 & 0xffff_ffff_ffff)
}

/// `<module.Class object at 0x...>`.
pub fn default_repr(vm: &mut Vm, v: &Value) -> String {
    let t = vm.type_of(v);
    let m = t.module.borrow().clone();
    let q = t.qualname.borrow().clone();
    if m == "builtins" {
        format!("<{q} object at {}>", addr(v))
    } else {
        format!("<{m}.{q} object at {}>", addr(v))
    }
}

fn guard<F: FnOnce(&mut Vm) -> PyResult<String>>(vm: &mut Vm, v: &Value, empty: &str, f: F) -> PyResult<String> {
    let id = v.id();
    if vm.repr_guard.contains(&id) {
        return Ok(empty.to_string());
    }
    vm.enter_native()?;
    vm.repr_guard.push(id);
    let r = f(vm);
    vm.repr_guard.pop();
    vm.native_depth -= 1;
    r
}

fn join_reprs(vm: &mut Vm, items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(vm, x)?);
    }
    Ok(out)
}

/// `repr(v)`.
pub fn repr(vm: &mut Vm, v: &Value) -> PyResult<String> {
    Ok(match v {
        Value::Null => "<NULL>".into(),
        Value::None => "None".into(),
        Value::NotImplemented => "NotImplemented".into(),
        Value::Ellipsis => "Ellipsis".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::Str(s) => str_repr(s.as_str()),
        Value::Tuple(t) => {
            if t.len() == 1 {
                return guard(vm, v, "(...)", |vm| Ok(format!("({},)", repr(vm, &t[0])?)));
            }
            let t = t.clone();
            guard(vm, v, "(...)", |vm| Ok(format!("({})", join_reprs(vm, &t)?)))?
        }
        Value::List(l) => {
            let items = l.borrow().clone();
            guard(vm, v, "[...]", |vm| Ok(format!("[{}]", join_reprs(vm, &items)?)))?
        }
        Value::Dict(d) => {
            let items = d.borrow().items();
            guard(vm, v, "{...}", |vm| {
                let mut out = String::from("{");
                for (i, (k, x)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&repr(vm, k)?);
                    out.push_str(": ");
                    out.push_str(&repr(vm, x)?);
                }
                out.push('}');
                Ok(out)
            })?
        }
        Value::Set(s) => {
            let items = s.table.borrow().keys();
            let frozen = s.frozen;
            if items.is_empty() {
                return Ok(if frozen { "frozenset()".into() } else { "set()".into() });
            }
            guard(vm, v, "{...}", |vm| {
                let inner = join_reprs(vm, &items)?;
                Ok(if frozen { format!("frozenset({{{inner}}})") } else { format!("{{{inner}}}") })
            })?
        }
        Value::Func(f) => {
            let q = match &*f.qualname.borrow() {
                Value::Str(s) => s.as_str().to_string(),
                _ => String::new(),
            };
            format!("<function {q} at {}>", addr(v))
        }
        Value::Type(t) => {
            let m = t.module.borrow().clone();
            let q = t.qualname.borrow().clone();
            if m == "builtins" {
                format!("<class '{q}'>")
            } else {
                format!("<class '{m}.{q}'>")
            }
        }
        Value::Inst(i) => {
            let ty = i.class();
            if let Some(f) = user_method(&ty, &vm.t.s_repr.clone()) {
                vm.enter_native()?;
                let r = vm.call_descr(&f, v, vec![v.clone()]);
                vm.native_depth -= 1;
                let r = r?;
                return match r {
                    Value::Str(s) => Ok(s.as_str().to_string()),
                    other => {
                        let n = vm.type_name(&other);
                        Err(vm.type_error(format!("__repr__ returned non-string (type {n})")))
                    }
                };
            }
            if i.exc.is_some() {
                return crate::exceptions::exc_repr(vm, v);
            }
            let p = i.payload.borrow().clone();
            if !p.is_null() {
                return repr(vm, &p);
            }
            default_repr(vm, v)
        }
        Value::Obj(o) => match &**o {
            Object::Builtin(b) => match &b.self_ {
                None => format!("<built-in function {}>", b.name),
                Some(s) => {
                    let n = vm.type_name(s);
                    format!("<built-in method {} of {n} object at {}>", b.name, addr(s))
                }
            },
            Object::Method { func, self_ } => {
                let q = match func {
                    Value::Func(f) => match &*f.qualname.borrow() {
                        Value::Str(s) => s.as_str().to_string(),
                        _ => String::new(),
                    },
                    _ => "?".into(),
                };
                let sr = repr(vm, self_)?;
                format!("<bound method {q} of {sr}>")
            }
            Object::Cell(_) => format!("<cell at {}>", addr(v)),
            Object::Code(c) => format!("<code object {} at {}, file \"{}\", line {}>", c.co.name, addr(v), c.co.filename, c.co.firstlineno),
            Object::Module { name, .. } => {
                if name == "sys" || name == "math" || name == "builtins" {
                    format!("<module '{name}' (built-in)>")
                } else {
                    format!("<module '{name}'>")
                }
            }
            Object::Range { start, stop, step } => {
                if *step == 1 {
                    format!("range({start}, {stop})")
                } else {
                    format!("range({start}, {stop}, {step})")
                }
            }
            Object::Slice { start, stop, step } => {
                format!("slice({}, {}, {})", repr(vm, start)?, repr(vm, stop)?, repr(vm, step)?)
            }
            Object::Iter(_) => format!("<iterator object at {}>", addr(v)),
            Object::Generator(g) => {
                let q = match &g.qualname {
                    Value::Str(s) => s.as_str().to_string(),
                    _ => String::new(),
                };
                let k = ["generator", "coroutine", "async_generator"][g.kind as usize % 3];
                format!("<{k} object {q} at {}>", addr(v))
            }
            Object::Property { .. } => format!("<property object at {}>", addr(v)),
            Object::ClassMethod(_) => format!("<classmethod object at {}>", addr(v)),
            Object::StaticMethod(_) => format!("<staticmethod object at {}>", addr(v)),
            Object::Super { this, .. } => format!("<super: <class '{}'>, <object>>", this.name()),
            Object::Complex(r, i) => complex_repr(*r, *i),
            Object::Bytes(b) => bytes_repr(b),
            Object::ByteArray(b) => format!("bytearray({})", bytes_repr(&b.borrow())),
            Object::DictView(k, d) => {
                let (name, items) = match k {
                    0 => ("dict_keys", d.borrow().keys()),
                    1 => ("dict_values", d.borrow().values()),
                    _ => ("dict_items", d.borrow().items().into_iter().map(|(a, b)| Value::tuple(vec![a, b])).collect()),
                };
                format!("{name}([{}])", join_reprs(vm, &items)?)
            }
            Object::Stream(n) => format!("<_io.TextIOWrapper name='<{}>' mode='w' encoding='utf-8'>", if *n == 1 { "stdout" } else { "stderr" }),
            Object::Namespace(d) => {
                let items = d.borrow().items();
                let mut parts = Vec::new();
                for (k, x) in items {
                    let ks = match &k {
                        Value::Str(s) => s.as_str().to_string(),
                        _ => repr(vm, &k)?,
                    };
                    parts.push(format!("{ks}={}", repr(vm, &x)?));
                }
                format!("namespace({})", parts.join(", "))
            }
        },
    })
}

/// `str(v)`.
pub fn to_str(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Inst(i) => {
            let ty = i.class();
            if let Some(f) = user_method(&ty, &vm.t.s_str.clone()) {
                vm.enter_native()?;
                let r = vm.call_descr(&f, v, vec![v.clone()]);
                vm.native_depth -= 1;
                return match r? {
                    Value::Str(s) => Ok(s.as_str().to_string()),
                    other => {
                        let n = vm.type_name(&other);
                        Err(vm.type_error(format!("__str__ returned non-string (type {n})")))
                    }
                };
            }
            if user_method(&ty, &vm.t.s_repr.clone()).is_some() {
                return repr(vm, v);
            }
            if i.exc.is_some() {
                return crate::exceptions::exc_str(vm, v);
            }
            let p = i.payload.borrow().clone();
            if !p.is_null() {
                return to_str(vm, &p);
            }
            repr(vm, v)
        }
        _ => repr(vm, v),
    }
}

/// A parsed format spec.
#[derive(Default, Debug)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub alt: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
    /// `z`: coerce negative zero to zero.
    pub z: bool,
}

/// Parses `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
pub fn parse_spec(vm: &mut Vm, s: &str) -> PyResult<Spec> {
    let c: Vec<char> = s.chars().collect();
    let mut sp = Spec::default();
    let mut i = 0;
    let is_align = |ch: char| matches!(ch, '<' | '>' | '^' | '=');
    if c.len() >= 2 && is_align(c[1]) {
        sp.fill = Some(c[0]);
        sp.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        sp.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        sp.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        sp.z = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let st = i;
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1;
    }
    if i > st {
        sp.width = c[st..i].iter().collect::<String>().parse().unwrap_or(0);
    }
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        sp.grouping = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let st = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i == st {
            return Err(vm.value_error("Format specifier missing precision"));
        }
        sp.precision = Some(c[st..i].iter().collect::<String>().parse().unwrap_or(0));
    }
    if i < c.len() {
        sp.ty = Some(c[i]);
        i += 1;
    }
    if i < c.len() {
        return Err(vm.value_error("Invalid format specifier"));
    }
    Ok(sp)
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// Pads `body` (with sign/prefix `pre`) per the spec; numbers default to right alignment.
fn pad(sp: &Spec, pre: &str, body: &str, numeric: bool) -> String {
    let len = pre.chars().count() + body.chars().count();
    let fill = sp.fill.unwrap_or(if sp.zero && sp.align.is_none() { '0' } else { ' ' });
    let align = sp.align.unwrap_or(if sp.zero && numeric { '=' } else if numeric { '>' } else { '<' });
    if len >= sp.width {
        return format!("{pre}{body}");
    }
    let k = sp.width - len;
    let f = |n: usize| std::iter::repeat(fill).take(n).collect::<String>();
    match align {
        '<' => format!("{pre}{body}{}", f(k)),
        '>' => format!("{}{pre}{body}", f(k)),
        '^' => format!("{}{pre}{body}{}", f(k / 2), f(k - k / 2)),
        _ => format!("{pre}{}{body}", f(k)),
    }
}

fn sign_str(neg: bool, sp: &Spec) -> &'static str {
    if neg {
        "-"
    } else {
        match sp.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// Formats a float in fixed/exponent/general notation (`ty` one of f e g % or None).
pub fn format_float_body(x: f64, ty: Option<char>, prec: Option<usize>, alt: bool) -> String {
    if x.is_nan() {
        return if matches!(ty, Some('F' | 'E' | 'G')) { "NAN".into() } else { "nan".into() };
    }
    if x.is_infinite() {
        return if matches!(ty, Some('F' | 'E' | 'G')) { "INF".into() } else { "inf".into() };
    }
    match ty {
        Some('f') | Some('F') => format!("{:.*}", prec.unwrap_or(6), x),
        Some('%') => format!("{:.*}%", prec.unwrap_or(6), x * 100.0),
        Some('e') | Some('E') => {
            let s = sci(x, prec.unwrap_or(6));
            if ty == Some('E') { s.to_uppercase() } else { s }
        }
        Some('g') | Some('G') | None => {
            if ty.is_none() && prec.is_none() {
                return float_repr(x);
            }
            let p = prec.unwrap_or(6).max(1);
            let s = if x == 0.0 {
                if ty.is_none() { "0.0".to_string() } else { "0".to_string() }
            } else {
                let e = sci(x, p - 1);
                let exp: i32 = e.split_once('e').map(|(_, b)| b.parse().unwrap_or(0)).unwrap_or(0);
                if exp >= -4 && exp < p as i32 {
                    let mut f = format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x);
                    if !alt && f.contains('.') {
                        f = f.trim_end_matches('0').trim_end_matches('.').to_string();
                    }
                    if ty.is_none() && !f.contains('.') {
                        f.push_str(".0");
                    }
                    if alt && !f.contains('.') {
                        f.push('.');
                    }
                    f
                } else {
                    let (m, ex) = e.split_once('e').unwrap_or((&e, "+00"));
                    let mut m = m.to_string();
                    if !alt && m.contains('.') {
                        m = m.trim_end_matches('0').trim_end_matches('.').to_string();
                    }
                    format!("{m}e{ex}")
                }
            };
            if ty == Some('G') { s.to_uppercase() } else { s }
        }
        _ => float_repr(x),
    }
}

fn sci(x: f64, prec: usize) -> String {
    let s = format!("{:.*e}", prec, x);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    if e < 0 {
        format!("{m}e-{:02}", -e)
    } else {
        format!("{m}e+{:02}", e)
    }
}

fn format_int(vm: &mut Vm, v: &Value, sp: &Spec) -> PyResult<String> {
    let b = crate::num::to_big(v).unwrap_or_default();
    if let Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) = sp.ty {
        let f = crate::num::int_to_f64(vm, v)?;
        return format_float(vm, f, &Spec { ty: Some(t), ..copy_spec(sp) });
    }
    let neg = b.sign() == num_bigint::Sign::Minus;
    let mag = if neg { -b.clone() } else { b.clone() };
    let (digits, prefix) = match sp.ty {
        Some('b') => (mag.to_str_radix(2), "0b"),
        Some('o') => (mag.to_str_radix(8), "0o"),
        Some('x') => (mag.to_str_radix(16), "0x"),
        Some('X') => (mag.to_str_radix(16).to_uppercase(), "0X"),
        Some('c') => {
            let c = num_traits::ToPrimitive::to_u32(&b).and_then(char::from_u32).ok_or_else(|| vm.overflow_error("%c arg not in range(0x110000)"))?;
            return Ok(pad(sp, "", &c.to_string(), false));
        }
        Some('d') | Some('n') | None => (mag.to_string(), ""),
        Some(t) => {
            let n = vm.type_name(v);
            return Err(vm.value_error(format!("Unknown format code '{t}' for object of type '{n}'")));
        }
    };
    let digits = match sp.grouping {
        Some(g) => group(&digits, g, if matches!(sp.ty, Some('b' | 'o' | 'x' | 'X')) { 4 } else { 3 }),
        None => digits,
    };
    let pre = format!("{}{}", sign_str(neg, sp), if sp.alt { prefix } else { "" });
    Ok(pad(sp, &pre, &digits, true))
}

fn copy_spec(sp: &Spec) -> Spec {
    Spec { fill: sp.fill, align: sp.align, sign: sp.sign, alt: sp.alt, zero: sp.zero, width: sp.width, grouping: sp.grouping, precision: sp.precision, ty: sp.ty, z: sp.z }
}

fn format_float(vm: &mut Vm, x: f64, sp: &Spec) -> PyResult<String> {
    if let Some(t) = sp.ty {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' | 'n') {
            return Err(vm.value_error(format!("Unknown format code '{t}' for object of type 'float'")));
        }
    }
    let ty = if sp.ty == Some('n') { Some('g') } else { sp.ty };
    let body = format_float_body(x.abs(), ty, sp.precision, sp.alt);
    let mut neg = x.is_sign_negative() && !x.is_nan();
    if sp.z && neg && body.chars().all(|c| !c.is_ascii_digit() || c == '0') {
        neg = false;
    }
    let body = match sp.grouping {
        Some(g) => {
            let (int, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => body.split_at(i),
                None => (body.as_str(), ""),
            };
            format!("{}{}", group(int, g, 3), rest)
        }
        None => body,
    };
    Ok(pad(sp, sign_str(neg, sp), &body, true))
}

/// `format(v, spec)`.
pub fn format(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    if let Value::Inst(i) = v {
        let ty = i.class();
        if let Some(f) = user_method(&ty, &vm.t.s_format.clone()) {
            let r = vm.call_descr(&f, v, vec![v.clone(), Value::str(spec)])?;
            return match r {
                Value::Str(s) => Ok(s.as_str().to_string()),
                _ => Err(vm.type_error("__format__ must return a str")),
            };
        }
        let p = i.payload.borrow().clone();
        if !p.is_null() && !spec.is_empty() {
            return format(vm, &p, spec);
        }
    }
    if spec.is_empty() {
        return to_str(vm, v);
    }
    let sp = parse_spec(vm, spec)?;
    match v {
        Value::Int(_) | Value::BigInt(_) => format_int(vm, v, &sp),
        Value::Bool(b) => {
            if sp.ty.is_none() {
                Ok(pad(&sp, "", if *b { "True" } else { "False" }, false))
            } else {
                format_int(vm, &Value::Int(*b as i64), &sp)
            }
        }
        Value::Float(f) => format_float(vm, *f, &sp),
        Value::Str(s) => {
            if let Some(t) = sp.ty {
                if t != 's' {
                    return Err(vm.value_error(format!("Unknown format code '{t}' for object of type 'str'")));
                }
            }
            if sp.sign.is_some() {
                return Err(vm.value_error("Sign not allowed in string format specifier"));
            }
            let body: String = match sp.precision {
                Some(p) => s.as_str().chars().take(p).collect(),
                None => s.as_str().to_string(),
            };
            Ok(pad(&sp, "", &body, false))
        }
        Value::Obj(o) if matches!(&**o, Object::Complex(..)) => {
            let r = repr(vm, v)?;
            Ok(pad(&sp, "", &r, true))
        }
        _ => {
            let n = vm.type_name(v);
            Err(vm.type_error(format!("unsupported format string passed to {n}.__format__")))
        }
    }
}

/// `fmt % args`.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<String> {
    let (items, mapping): (Vec<Value>, Option<Value>) = match args {
        Value::Tuple(t) => ((**t).clone(), None),
        Value::Dict(_) => (vec![args.clone()], Some(args.clone())),
        Value::Inst(_) if vm.payload(args).is_null() == false && matches!(vm.payload(args), Value::Dict(_)) => (vec![args.clone()], Some(args.clone())),
        other => (vec![other.clone()], None),
    };
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut ai = 0;
    let mut i = 0;
    let mut used_mapping = false;
    while i < c.len() {
        if c[i] != '%' {
            out.push(c[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i >= c.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let mut key_val = None;
        if c[i] == '(' {
            let st = i + 1;
            let mut depth = 1;
            i += 1;
            while i < c.len() && depth > 0 {
                if c[i] == '(' {
                    depth += 1;
                } else if c[i] == ')' {
                    depth -= 1;
                }
                i += 1;
            }
            let key: String = c[st..i - 1].iter().collect();
            let m = match &mapping {
                Some(m) => m.clone(),
                None => return Err(vm.type_error("format requires a mapping")),
            };
            key_val = Some(ops::getitem(vm, &m, &Value::str(key))?);
            used_mapping = true;
        }
        let mut sp = Spec::default();
        while i < c.len() && matches!(c[i], '-' | '+' | ' ' | '#' | '0') {
            match c[i] {
                '-' => sp.align = Some('<'),
                '+' => sp.sign = Some('+'),
                ' ' => {
                    if sp.sign.is_none() {
                        sp.sign = Some(' ')
                    }
                }
                '#' => sp.alt = true,
                _ => sp.zero = true,
            }
            i += 1;
        }
        let mut next_arg = |vm: &mut Vm| -> PyResult<Value> {
            let v = items.get(ai).cloned();
            ai += 1;
            v.ok_or_else(|| vm.type_error("not enough arguments for format string"))
        };
        if i < c.len() && c[i] == '*' {
            let w = next_arg(vm)?;
            sp.width = crate::types::to_index(vm, &w)?.max(0) as usize;
            i += 1;
        } else {
            let st = i;
            while i < c.len() && c[i].is_ascii_digit() {
                i += 1;
            }
            if i > st {
                sp.width = c[st..i].iter().collect::<String>().parse().unwrap_or(0);
            }
        }
        if i < c.len() && c[i] == '.' {
            i += 1;
            if i < c.len() && c[i] == '*' {
                let p = next_arg(vm)?;
                sp.precision = Some(crate::types::to_index(vm, &p)?.max(0) as usize);
                i += 1;
            } else {
                let st = i;
                while i < c.len() && c[i].is_ascii_digit() {
                    i += 1;
                }
                sp.precision = Some(c[st..i].iter().collect::<String>().parse().unwrap_or(0));
            }
        }
        if i >= c.len() {
            return Err(vm.value_error("incomplete format"));
        }
        let conv = c[i];
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let v = match key_val.take() {
            Some(v) => v,
            None => next_arg(vm)?,
        };
        if sp.align == Some('<') {
            sp.zero = false;
        }
        let s = match conv {
            's' | 'r' | 'a' => {
                let s = match conv {
                    's' => to_str(vm, &v)?,
                    'r' => repr(vm, &v)?,
                    _ => crate::types::str::ascii_of(&repr(vm, &v)?),
                };
                let s: String = match sp.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s,
                };
                pad(&Spec { zero: false, ..copy_spec(&sp) }, "", &s, false).to_string()
            }
            'd' | 'i' | 'u' => {
                let iv = match &v {
                    Value::Float(f) => crate::types::construct::float_to_int(vm, *f)?,
                    x if crate::num::is_int(x) => x.clone(),
                    x => {
                        let p = vm.payload(x);
                        if crate::num::is_int(&p) {
                            p
                        } else {
                            let n = vm.type_name(x);
                            return Err(vm.type_error(format!("%{conv} format: a real number is required, not {n}")));
                        }
                    }
                };
                sp.ty = Some('d');
                format_int(vm, &iv, &sp)?
            }
            'x' | 'X' | 'o' => {
                if !crate::num::is_int(&v) {
                    let n = vm.type_name(&v);
                    return Err(vm.type_error(format!("%{conv} format: an integer is required, not {n}")));
                }
                sp.ty = Some(conv);
                format_int(vm, &v, &sp)?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = match &v {
                    Value::Float(f) => *f,
                    x if crate::num::is_int(x) => crate::num::int_to_f64(vm, x)?,
                    x => {
                        let n = vm.type_name(x);
                        return Err(vm.type_error(format!("must be real number, not {n}")));
                    }
                };
                sp.ty = Some(conv);
                if sp.precision.is_none() {
                    sp.precision = Some(6);
                }
                format_float(vm, f, &sp)?
            }
            'c' => match &v {
                Value::Str(s) if s.len() == 1 => pad(&sp, "", s.as_str(), false),
                x if crate::num::is_int(x) => {
                    sp.ty = Some('c');
                    format_int(vm, x, &sp)?
                }
                _ => return Err(vm.type_error("%c requires int or char")),
            },
            other => {
                return Err(vm.value_error(format!(
                    "unsupported format character '{other}' (0x{:x}) at index {}",
                    other as u32,
                    i - 1
                )))
            }
        };
        out.push_str(&s);
    }
    if ai < items.len() && !used_mapping && mapping.is_none() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

/// `fmt.format(*args, **kw)`.
pub fn str_format(vm: &mut Vm, fmt: &str, args: &[Value], kw: &Kw) -> PyResult<String> {
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut auto = 0usize;
    let mut manual = false;
    let mut auto_used = false;
    while i < c.len() {
        let ch = c[i];
        if ch == '}' {
            if i + 1 < c.len() && c[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if ch != '{' {
            out.push(ch);
            i += 1;
            continue;
        }
        if i + 1 < c.len() && c[i + 1] == '{' {
            out.push('{');
            i += 2;
            continue;
        }
        // parse field until matching '}'
        let st = i + 1;
        let mut depth = 1;
        i += 1;
        while i < c.len() && depth > 0 {
            if c[i] == '{' {
                depth += 1;
            } else if c[i] == '}' {
                depth -= 1;
            }
            i += 1;
        }
        if depth > 0 {
            return Err(vm.value_error("expected '}' before end of string"));
        }
        let field: String = c[st..i - 1].iter().collect();
        let (name_part, spec) = match field.find(':') {
            Some(p) => (field[..p].to_string(), field[p + 1..].to_string()),
            None => (field.clone(), String::new()),
        };
        let (name, conv) = match name_part.find('!') {
            Some(p) => (name_part[..p].to_string(), name_part[p + 1..].chars().next()),
            None => (name_part.clone(), None),
        };
        let spec = if spec.contains('{') { str_format(vm, &spec, args, kw)? } else { spec };
        // first component
        let end = name.find(|c| c == '.' || c == '[').unwrap_or(name.len());
        let first = &name[..end];
        let mut v = if first.is_empty() {
            if manual {
                return Err(vm.value_error("cannot switch from manual field specification to automatic field numbering"));
            }
            auto_used = true;
            let v = args.get(auto).cloned();
            let n = auto;
            auto += 1;
            match v {
                Some(v) => v,
                None => return Err(vm.index_error(format!("Replacement index {n} out of range for positional args tuple"))),
            }
        } else if let Ok(n) = first.parse::<usize>() {
            if auto_used {
                return Err(vm.value_error("cannot switch from automatic field numbering to manual field specification"));
            }
            manual = true;
            match args.get(n) {
                Some(v) => v.clone(),
                None => return Err(vm.index_error(format!("Replacement index {n} out of range for positional args tuple"))),
            }
        } else {
            match kw.iter().find(|(k, _)| k.as_str() == first) {
                Some((_, v)) => v.clone(),
                None => return Err(vm.key_error(Value::str(first))),
            }
        };
        let mut rest = &name[end..];
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let e = r.find(|c| c == '.' || c == '[').unwrap_or(r.len());
                let attr = crate::value::s(&r[..e]);
                v = crate::attr::getattr(vm, &v, &attr)?;
                rest = &r[e..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let e = r.find(']').unwrap_or(r.len());
                let key = &r[..e];
                let k = match key.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::str(key),
                };
                v = ops::getitem(vm, &v, &k)?;
                rest = if e < r.len() { &r[e + 1..] } else { "" };
            } else {
                break;
            }
        }
        let v = match conv {
            Some('r') => Value::str(repr(vm, &v)?),
            Some('s') => Value::str(to_str(vm, &v)?),
            Some('a') => Value::str(crate::types::str::ascii_of(&repr(vm, &v)?)),
            _ => v,
        };
        out.push_str(&format(vm, &v, &spec)?);
    }
    Ok(out)
}
