//! The `_random` module: `Random`, the Mersenne Twister (MT19937) exactly as CPython's
//! `_randommodule.c` (seeding with `init_by_array` over the 32-bit words of the seed's absolute
//! value, 53-bit `random()`, `getrandbits`, `getstate`/`setstate`).

use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

use crate::native_class::{new_class, new_instance, with_data};
use crate::object::Type;
use crate::value::Value;
use crate::vm::{Kw, PyResult, Vm};

const N: usize = 624;
const M: usize = 397;

/// The generator state.
#[derive(Clone)]
pub struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    fn new() -> Mt {
        let mut m = Mt { state: [0; N], index: N + 1 };
        m.init_genrand(19650218);
        m
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1812433253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        let klen = key.len().max(1);
        let mut k = N.max(key.len());
        while k > 0 {
            let kj = key.get(j).copied().unwrap_or(0);
            mt[i] =
                (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1664525)).wrapping_add(kj).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= klen {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1566083941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x80000000;
        self.index = N;
    }

    /// The next 32-bit output.
    pub fn genrand(&mut self) -> u32 {
        const MAG: [u32; 2] = [0, 0x9908b0df];
        const UPPER: u32 = 0x80000000;
        const LOWER: u32 = 0x7fffffff;
        if self.index >= N {
            let mt = &mut self.state;
            let mut kk = 0;
            while kk < N - M {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ MAG[(y & 1) as usize];
                kk += 1;
            }
            while kk < N - 1 {
                let y = (mt[kk] & UPPER) | (mt[kk + 1] & LOWER);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ MAG[(y & 1) as usize];
                kk += 1;
            }
            let y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ MAG[(y & 1) as usize];
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        y
    }

    /// A float in [0, 1) with 53 random bits.
    pub fn random(&mut self) -> f64 {
        let a = (self.genrand() >> 5) as f64;
        let b = (self.genrand() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }

    fn seed_big(&mut self, n: &BigInt) {
        let (_, mut words) = n.abs().to_u32_digits();
        if words.is_empty() {
            words.push(0);
        }
        self.init_by_array(&words);
    }
}

thread_local! {
    static TYPE: std::cell::RefCell<Option<Rc<Type>>> = const { std::cell::RefCell::new(None) };
}

fn random_type(vm: &mut Vm) -> Rc<Type> {
    if let Some(t) = TYPE.with(|t| t.borrow().clone()) {
        return t;
    }
    let methods: &[(&'static str, crate::object::NativeFn)] = &[
        ("__new__", r_new),
        ("seed", r_seed),
        ("random", r_random),
        ("getrandbits", r_getrandbits),
        ("getstate", r_getstate),
        ("setstate", r_setstate),
    ];
    let doc = Value::str("Random() -> create a random number generator with its own internal state.");
    let t = new_class(vm, "_random", "Random", &[], methods, vec![("__doc__", doc)]);
    TYPE.with(|c| *c.borrow_mut() = Some(t.clone()));
    t
}

/// Seeds from the OS entropy source (falling back to the clock and pid).
fn entropy_seed() -> Vec<u32> {
    let mut buf = [0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom").and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf)).is_ok();
    if !ok {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        return vec![t as u32, (t >> 32) as u32, std::process::id()];
    }
    buf.chunks(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect()
}

fn do_seed(vm: &mut Vm, this: &Value, arg: Option<Value>) -> PyResult<()> {
    let key: Option<BigInt> = match arg {
        None | Some(Value::None) => None,
        Some(v) => {
            let p = vm.payload(&v);
            match &p {
                Value::Int(_) | Value::BigInt(_) => crate::num::to_big(&p),
                Value::Bool(b) => Some(BigInt::from(*b as i64)),
                _ => Some(BigInt::from(crate::ops::hash(vm, &v)?)),
            }
        }
    };
    with_data(vm, this, "seed", |m: &mut Mt| match &key {
        None => {
            let w = entropy_seed();
            m.init_by_array(&w);
        }
        Some(k) => m.seed_big(k),
    })
}

fn r_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = match a.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => random_type(vm),
    };
    let base = random_type(vm);
    if Rc::ptr_eq(&cls, &base) && !k.is_empty() {
        return Err(vm.type_error("Random() takes no keyword arguments"));
    }
    if a.len() > 2 {
        return Err(vm.type_error(format!("Random() expected at most 1 argument, got {}", a.len() - 1)));
    }
    let inst = new_instance(&cls, Mt::new());
    do_seed(vm, &inst, a.get(1).cloned())?;
    Ok(inst)
}

fn r_seed(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    if a.len() > 2 {
        return Err(vm.type_error(format!("seed expected at most 1 argument, got {}", a.len() - 1)));
    }
    do_seed(vm, &this, a.get(1).cloned())?;
    Ok(Value::None)
}

fn r_random(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    Ok(Value::Float(with_data(vm, &this, "random", |m: &mut Mt| m.random())?))
}

fn r_getrandbits(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let Some(kv) = a.get(1) else {
        return Err(vm.type_error("getrandbits() takes exactly one argument (0 given)"));
    };
    let k = super::datautil::i64_index(vm, kv)?;
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return Ok(Value::Int(0));
    }
    if k <= 32 {
        let r = with_data(vm, &this, "getrandbits", |m: &mut Mt| m.genrand() >> (32 - k))?;
        return Ok(Value::Int(r as i64));
    }
    let words = with_data(vm, &this, "getrandbits", |m: &mut Mt| {
        let mut w = Vec::with_capacity(((k - 1) / 32 + 1) as usize);
        let mut left = k;
        while left > 0 {
            let mut r = m.genrand();
            if left < 32 {
                r >>= 32 - left;
            }
            w.push(r);
            left -= 32;
        }
        w
    })?;
    Ok(crate::num::big(BigInt::from_slice(Sign::Plus, &words)))
}

fn r_getstate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let (st, idx) = with_data(vm, &this, "getstate", |m: &mut Mt| (m.state, m.index))?;
    let mut v: Vec<Value> = st.iter().map(|&x| Value::Int(x as i64)).collect();
    v.push(Value::Int(idx as i64));
    Ok(Value::tuple(v))
}

fn r_setstate(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let items = match a.get(1) {
        Some(Value::Tuple(t)) => t.clone(),
        _ => return Err(vm.type_error("state vector must be a tuple")),
    };
    if items.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut st = [0u32; N];
    for (i, x) in items.iter().take(N).enumerate() {
        let b = super::datautil::big_index(vm, x)?;
        // CPython converts with PyLong_AsUnsignedLong (wrapping to 32 bits on store).
        let w = if b.is_negative() {
            return Err(vm.overflow_error("can't convert negative value to unsigned int"));
        } else {
            (b & BigInt::from(0xffff_ffffu32)).to_u32().unwrap_or(0)
        };
        st[i] = w;
    }
    let idx = super::datautil::big_index(vm, &items[N])?;
    let idx = idx.to_i64().unwrap_or(-1);
    if idx < 0 || idx > N as i64 {
        return Err(vm.value_error("invalid state"));
    }
    with_data(vm, &this, "setstate", |m: &mut Mt| {
        m.state = st;
        m.index = idx as usize;
    })?;
    Ok(Value::None)
}

/// Builds the `_random` module.
pub fn make(vm: &mut Vm) -> Value {
    let t = random_type(vm);
    let (m, d) = super::new_module("_random");
    super::datautil::set(&d, "Random", Value::Type(t));
    let _ = BigInt::zero();
    m
}
