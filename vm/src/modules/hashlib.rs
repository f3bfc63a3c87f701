//! The hash modules behind CPython's `hashlib.py` (`_md5`, `_sha1`, `_sha256`, `_sha512`,
//! `_sha3`, `_blake2`), built on the RustCrypto crates. All share one native class `HASH`
//! (`update`, `digest`, `hexdigest`, `copy`; `name`, `digest_size`, `block_size`).

use std::rc::Rc;

use blake2::digest::{ExtendableOutput, Update as XofUpdate, VariableOutput};
use sha2::Digest;

use super::datautil::{arg, bytes, need_bytes, set};
use crate::native_class::{new_class, new_instance, with_data};
use crate::object::Type;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

/// A running hash computation.
#[derive(Clone)]
enum Hasher {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake128(sha3::Shake128),
    Shake256(sha3::Shake256),
    Blake2b(blake2::Blake2bVar),
    Blake2s(blake2::Blake2sVar),
}

impl Hasher {
    fn update(&mut self, d: &[u8]) {
        match self {
            Hasher::Md5(h) => Digest::update(h, d),
            Hasher::Sha1(h) => Digest::update(h, d),
            Hasher::Sha224(h) => Digest::update(h, d),
            Hasher::Sha256(h) => Digest::update(h, d),
            Hasher::Sha384(h) => Digest::update(h, d),
            Hasher::Sha512(h) => Digest::update(h, d),
            Hasher::Sha3_224(h) => Digest::update(h, d),
            Hasher::Sha3_256(h) => Digest::update(h, d),
            Hasher::Sha3_384(h) => Digest::update(h, d),
            Hasher::Sha3_512(h) => Digest::update(h, d),
            Hasher::Shake128(h) => XofUpdate::update(h, d),
            Hasher::Shake256(h) => XofUpdate::update(h, d),
            Hasher::Blake2b(h) => XofUpdate::update(h, d),
            Hasher::Blake2s(h) => XofUpdate::update(h, d),
        }
    }

    /// The digest of the data so far (`len` for the SHAKE functions).
    fn digest(&self, len: usize) -> Vec<u8> {
        match self.clone() {
            Hasher::Md5(h) => h.finalize().to_vec(),
            Hasher::Sha1(h) => h.finalize().to_vec(),
            Hasher::Sha224(h) => h.finalize().to_vec(),
            Hasher::Sha256(h) => h.finalize().to_vec(),
            Hasher::Sha384(h) => h.finalize().to_vec(),
            Hasher::Sha512(h) => h.finalize().to_vec(),
            Hasher::Sha3_224(h) => h.finalize().to_vec(),
            Hasher::Sha3_256(h) => h.finalize().to_vec(),
            Hasher::Sha3_384(h) => h.finalize().to_vec(),
            Hasher::Sha3_512(h) => h.finalize().to_vec(),
            Hasher::Shake128(h) => {
                let mut out = vec![0u8; len];
                h.finalize_xof_into(&mut out);
                out
            }
            Hasher::Shake256(h) => {
                let mut out = vec![0u8; len];
                h.finalize_xof_into(&mut out);
                out
            }
            Hasher::Blake2b(h) => {
                let mut out = vec![0u8; h.output_size()];
                let _ = h.finalize_variable(&mut out);
                out
            }
            Hasher::Blake2s(h) => {
                let mut out = vec![0u8; h.output_size()];
                let _ = h.finalize_variable(&mut out);
                out
            }
        }
    }

    fn is_xof(&self) -> bool {
        matches!(self, Hasher::Shake128(_) | Hasher::Shake256(_))
    }
}

/// Name, digest size and block size of a fresh hasher named `name` (None: unknown).
fn make_hasher(name: &str, digest_size: usize) -> Option<(Hasher, &'static str, usize, usize)> {
    Some(match name {
        "md5" => (Hasher::Md5(md5::Md5::new()), "md5", 16, 64),
        "sha1" => (Hasher::Sha1(sha1::Sha1::new()), "sha1", 20, 64),
        "sha224" => (Hasher::Sha224(sha2::Sha224::new()), "sha224", 28, 64),
        "sha256" => (Hasher::Sha256(sha2::Sha256::new()), "sha256", 32, 64),
        "sha384" => (Hasher::Sha384(sha2::Sha384::new()), "sha384", 48, 128),
        "sha512" => (Hasher::Sha512(sha2::Sha512::new()), "sha512", 64, 128),
        "sha3_224" => (Hasher::Sha3_224(sha3::Sha3_224::new()), "sha3_224", 28, 144),
        "sha3_256" => (Hasher::Sha3_256(sha3::Sha3_256::new()), "sha3_256", 32, 136),
        "sha3_384" => (Hasher::Sha3_384(sha3::Sha3_384::new()), "sha3_384", 48, 104),
        "sha3_512" => (Hasher::Sha3_512(sha3::Sha3_512::new()), "sha3_512", 64, 72),
        "shake_128" => (Hasher::Shake128(sha3::Shake128::default()), "shake_128", 0, 168),
        "shake_256" => (Hasher::Shake256(sha3::Shake256::default()), "shake_256", 0, 136),
        "blake2b" => (Hasher::Blake2b(blake2::Blake2bVar::new(digest_size).ok()?), "blake2b", digest_size, 128),
        "blake2s" => (Hasher::Blake2s(blake2::Blake2sVar::new(digest_size).ok()?), "blake2s", digest_size, 64),
        _ => return None,
    })
}

thread_local! {
    static TYPE: std::cell::RefCell<Option<Rc<Type>>> = const { std::cell::RefCell::new(None) };
}

fn hash_type(vm: &mut Vm) -> Rc<Type> {
    if let Some(t) = TYPE.with(|t| t.borrow().clone()) {
        return t;
    }
    let methods: &[(&'static str, crate::object::NativeFn)] =
        &[("update", h_update), ("digest", h_digest), ("hexdigest", h_hexdigest), ("copy", h_copy)];
    let t = new_class(vm, "_hashlib", "HASH", &[], methods, vec![]);
    TYPE.with(|c| *c.borrow_mut() = Some(t.clone()));
    t
}

fn instance(vm: &mut Vm, h: Hasher, name: &str, dsize: usize, bsize: usize) -> Value {
    let t = hash_type(vm);
    let v = new_instance(&t, h);
    if let Value::Inst(i) = &v {
        let mut d = i.dict.borrow_mut();
        d.set_str(s("name"), Value::str(name));
        d.set_str(s("digest_size"), Value::Int(dsize as i64));
        d.set_str(s("block_size"), Value::Int(bsize as i64));
    }
    v
}

/// Data to hash: bytes-like only (str raises CPython's "Strings must be encoded" TypeError).
fn data_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if matches!(v, Value::Str(_)) {
        return Err(vm.type_error("Strings must be encoded before hashing"));
    }
    if let Some(b) = super::datautil::bytes_of(vm, v) {
        return Ok(b);
    }
    Err(vm.type_error("object supporting the buffer API required"))
}

fn construct(vm: &mut Vm, name: &str, a: &[Value], k: &Kw) -> PyResult<Value> {
    let data = arg(a, k, 0, "string").or_else(|| k.iter().find(|(n, _)| n.as_str() == "data").map(|(_, v)| v.clone()));
    let dsize = match k.iter().find(|(n, _)| n.as_str() == "digest_size") {
        Some((_, v)) => {
            let d = super::datautil::i64_index(vm, v)?;
            let max = if name == "blake2b" { 64 } else { 32 };
            if d < 1 || d > max {
                return Err(vm.value_error(format!("digest_size must be between 1 and {max} bytes")));
            }
            d as usize
        }
        None => {
            if name == "blake2b" {
                64
            } else {
                32
            }
        }
    };
    if let Some((_, v)) = k.iter().find(|(n, _)| n.as_str() == "key") {
        if super::datautil::bytes_of(vm, v).is_some_and(|b| !b.is_empty()) {
            return Err(vm.new_exc(&vm.t.not_implemented_error.clone(), "keyed blake2 is not supported by pvm"));
        }
    }
    let Some((mut h, n, ds, bs)) = make_hasher(name, dsize) else {
        return Err(vm.value_error(format!("unsupported hash type {name}")));
    };
    if let Some(d) = data {
        let b = data_arg(vm, &d)?;
        h.update(&b);
    }
    Ok(instance(vm, h, n, ds, bs))
}

macro_rules! ctor {
    ($f:ident, $name:literal) => {
        fn $f(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
            construct(vm, $name, &a, &k)
        }
    };
}
ctor!(c_md5, "md5");
ctor!(c_sha1, "sha1");
ctor!(c_sha224, "sha224");
ctor!(c_sha256, "sha256");
ctor!(c_sha384, "sha384");
ctor!(c_sha512, "sha512");
ctor!(c_sha3_224, "sha3_224");
ctor!(c_sha3_256, "sha3_256");
ctor!(c_sha3_384, "sha3_384");
ctor!(c_sha3_512, "sha3_512");
ctor!(c_shake_128, "shake_128");
ctor!(c_shake_256, "shake_256");
ctor!(c_blake2b, "blake2b");
ctor!(c_blake2s, "blake2s");

fn h_update(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let Some(d) = a.get(1) else {
        return Err(vm.type_error("update() takes exactly one argument (0 given)"));
    };
    let b = data_arg(vm, d)?;
    with_data(vm, &this, "update", |h: &mut Hasher| h.update(&b))?;
    Ok(Value::None)
}

fn digest_of(vm: &mut Vm, a: &[Value], k: &Kw) -> PyResult<Vec<u8>> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let xof = with_data(vm, &this, "digest", |h: &mut Hasher| h.is_xof())?;
    let len = if xof {
        match arg(a, k, 1, "length") {
            Some(v) => {
                let n = super::datautil::i64_index(vm, &v)?;
                if n < 0 {
                    return Err(vm.value_error("length must be non-negative"));
                }
                n as usize
            }
            None => return Err(vm.type_error("digest() missing required argument 'length' (pos 1)")),
        }
    } else {
        0
    };
    with_data(vm, &this, "digest", |h: &mut Hasher| h.digest(len))
}

fn h_digest(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    Ok(bytes(digest_of(vm, &a, &k)?))
}

fn h_hexdigest(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let d = digest_of(vm, &a, &k)?;
    Ok(Value::str(d.iter().map(|b| format!("{b:02x}")).collect::<String>()))
}

fn h_copy(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let h = with_data(vm, &this, "copy", |h: &mut Hasher| h.clone())?;
    let t = hash_type(vm);
    let v = new_instance(&t, h);
    if let (Value::Inst(src), Value::Inst(dst)) = (&this, &v) {
        let items: Vec<_> = ["name", "digest_size", "block_size"]
            .iter()
            .filter_map(|n| src.dict.borrow().get_str(&s(n)).cloned().map(|x| (*n, x)))
            .collect();
        for (n, x) in items {
            dst.dict.borrow_mut().set_str(s(n), x);
        }
    }
    Ok(v)
}

/// Builds one of the hash modules (`_md5`, `_sha1`, `_sha256`, `_sha512`, `_sha3`, `_blake2`).
pub fn make(vm: &mut Vm, module: &str) -> Value {
    hash_type(vm);
    let (m, d) = super::new_module(module);
    let fns: &[(&'static str, crate::object::NativeFn)] = match module {
        "_md5" => &[("md5", c_md5)],
        "_sha1" => &[("sha1", c_sha1)],
        "_sha256" => &[("sha224", c_sha224), ("sha256", c_sha256)],
        "_sha512" => &[("sha384", c_sha384), ("sha512", c_sha512)],
        "_sha3" => &[
            ("sha3_224", c_sha3_224),
            ("sha3_256", c_sha3_256),
            ("sha3_384", c_sha3_384),
            ("sha3_512", c_sha3_512),
            ("shake_128", c_shake_128),
            ("shake_256", c_shake_256),
        ],
        _ => &[("blake2b", c_blake2b), ("blake2s", c_blake2s)],
    };
    for (n, f) in fns {
        set(&d, n, native(n, *f));
    }
    let _ = need_bytes;
    m
}
