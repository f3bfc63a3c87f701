//! The string being matched: a view of a `str` (its UTF-8 bytes when it is ASCII, otherwise a
//! vector of code points, cached for the most recent string) or of a bytes-like object, and
//! slicing by code-unit positions back into Python values.

use std::cell::RefCell;
use std::rc::Rc;

use crate::object::Object;
use crate::value::{PyStr, Value};
use crate::vm::{PyResult, Vm};

/// The code units of a subject.
pub enum Data {
    /// An ASCII str: its bytes are its code points.
    Ascii(Rc<PyStr>),
    /// A non-ASCII str as code points.
    Wide(Rc<PyStr>, Rc<Vec<u32>>),
    /// An exact `bytes` object.
    Bytes(Rc<Object>),
    /// Any other bytes-like object (copied).
    Buf(Rc<Vec<u8>>),
}

/// A subject string with the original object.
pub struct Subject {
    /// The object passed by the caller (returned by `Match.string`).
    pub obj: Value,
    /// True for bytes-like subjects.
    pub isbytes: bool,
    /// The code units.
    pub data: Data,
}

/// Runs `$body` with `$s` bound to the subject's code units (`&[u8]` or `&[u32]`).
macro_rules! with_units {
    ($subj:expr, $s:ident => $body:expr) => {
        match &$subj.data {
            $crate::modules::sre::subject::Data::Ascii(p) => {
                let $s: &[u8] = p.as_str().as_bytes();
                $body
            }
            $crate::modules::sre::subject::Data::Wide(_, v) => {
                let $s: &[u32] = &v[..];
                $body
            }
            $crate::modules::sre::subject::Data::Bytes(o) => {
                let $s: &[u8] = match &**o {
                    $crate::object::Object::Bytes(b) => &b[..],
                    _ => &[],
                };
                $body
            }
            $crate::modules::sre::subject::Data::Buf(v) => {
                let $s: &[u8] = &v[..];
                $body
            }
        }
    };
}
pub(crate) use with_units;

thread_local! {
    /// The code points of the most recently matched non-ASCII string.
    static WIDE: RefCell<Option<(Rc<PyStr>, Rc<Vec<u32>>)>> = const { RefCell::new(None) };
}

fn wide(p: &Rc<PyStr>) -> Rc<Vec<u32>> {
    if let Some(v) = WIDE.with(|w| w.borrow().as_ref().filter(|(k, _)| Rc::ptr_eq(k, p)).map(|(_, v)| v.clone())) {
        return v;
    }
    let v: Rc<Vec<u32>> = Rc::new(p.as_str().chars().map(|c| c as u32).collect());
    WIDE.with(|w| *w.borrow_mut() = Some((p.clone(), v.clone())));
    v
}

impl Subject {
    /// The subject for `v`, or None when it is neither a str nor bytes-like.
    pub fn of(vm: &Vm, v: &Value) -> Option<Subject> {
        let p = vm.payload(v);
        let (isbytes, data) = match &p {
            Value::Str(s) => {
                if s.is_ascii() {
                    (false, Data::Ascii(s.clone()))
                } else {
                    (false, Data::Wide(s.clone(), wide(s)))
                }
            }
            Value::Obj(o) => match &**o {
                Object::Bytes(_) if matches!(v, Value::Obj(_)) => (true, Data::Bytes(o.clone())),
                Object::Bytes(b) => (true, Data::Buf(Rc::new(b.clone()))),
                Object::ByteArray(b) => (true, Data::Buf(Rc::new(b.borrow().clone()))),
                _ => return None,
            },
            _ => {
                if crate::types::memoryview::is_mv(vm, v) {
                    let b = crate::types::bytes::bytes_of(vm, &vm.payload(&p))?;
                    (true, Data::Buf(Rc::new(b)))
                } else {
                    return None;
                }
            }
        };
        Some(Subject { obj: v.clone(), isbytes, data })
    }

    /// Length in code units.
    pub fn len(&self) -> usize {
        with_units!(self, s => s.len())
    }

    /// True when the subject is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of `subject[a:b]` (CPython's `getslice`): a str, or bytes for every
    /// bytes-like subject.
    pub fn slice(&self, _vm: &mut Vm, a: usize, b: usize) -> PyResult<Value> {
        let b = b.max(a);
        Ok(match &self.data {
            Data::Ascii(p) => {
                if a == 0 && b == p.len() && matches!(self.obj, Value::Str(_)) {
                    self.obj.clone()
                } else {
                    Value::str(&p.as_str()[a..b])
                }
            }
            Data::Wide(p, v) => {
                if a == 0 && b == v.len() && matches!(self.obj, Value::Str(_)) {
                    self.obj.clone()
                } else {
                    let _ = p;
                    let t: String = v[a..b].iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')).collect();
                    Value::str(t)
                }
            }
            Data::Bytes(o) => match &**o {
                Object::Bytes(x) => Value::obj(Object::Bytes(x[a..b].to_vec())),
                _ => Value::None,
            },
            Data::Buf(x) => Value::obj(Object::Bytes(x[a..b].to_vec())),
        })
    }

    /// A str slice as Rust text (str subjects only).
    pub fn text(&self, a: usize, b: usize) -> String {
        let b = b.max(a);
        match &self.data {
            Data::Ascii(p) => p.as_str()[a..b].to_string(),
            Data::Wide(_, v) => v[a..b].iter().map(|&c| char::from_u32(c).unwrap_or('\u{fffd}')).collect(),
            Data::Bytes(_) | Data::Buf(_) => String::new(),
        }
    }
}
