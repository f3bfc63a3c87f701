//! An insertion-ordered hash table keyed by Python values (used by dict, set, instance and
//! class namespaces). Hashes are computed by the caller; key equality that needs Python code
//! (user `__eq__`) is reported back as `Probe::Slow` so the VM can run it without a borrow held.

use crate::value::Value;

thread_local! {
    static NEXT_VERSION: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

/// A version number unique across all tables (so a cached (version, index) pair also
/// identifies the table).
fn new_version() -> u64 {
    NEXT_VERSION.with(|c| {
        let v = c.get() + 1;
        c.set(v);
        v
    })
}

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;

/// One slot of the entry array; a deleted entry has `key == Value::Null`.
#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

/// The table.
#[derive(Clone, Default)]
pub struct Dict {
    entries: Vec<Entry>,
    indices: Vec<u32>,
    len: usize,
    /// Bumped on every insertion of a new key or deletion (iterators check it).
    pub version: u64,
    /// This is a class namespace: key changes also bump the global `type_epoch` (which
    /// validates `Type::lookup`'s cache).
    pub type_dict: bool,
}

thread_local! {
    static TYPE_EPOCH: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

/// A counter bumped whenever a key is added to or removed from any class namespace (or an
/// MRO changes): a memoized MRO lookup made at the same epoch is still valid.
#[inline]
pub fn type_epoch() -> u64 {
    TYPE_EPOCH.with(|c| c.get())
}

/// Invalidates every memoized class-attribute lookup.
pub fn bump_type_epoch() {
    TYPE_EPOCH.with(|c| c.set(c.get() + 1));
}

/// Result of probing for a key.
pub enum Probe {
    /// Entry index of the key.
    Found(usize),
    /// Not present.
    Missing,
    /// Entries with the same hash whose equality needs Python code.
    Slow(Vec<usize>),
}

/// Equality that needs no Python code: `Some(answer)` or `None` when a user `__eq__` may run.
pub fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    fast_eq_depth(a, b, 0)
}

/// [`fast_eq`] at tuple nesting `depth`: gives up (None, the caller falls back to the
/// recursion-checked comparison) past 100 levels so deep nesting cannot overflow the stack.
fn fast_eq_depth(a: &Value, b: &Value, depth: u32) -> Option<bool> {
    use Value::*;
    if a.is(b) {
        return Some(true);
    }
    match (a, b) {
        (Str(x), Str(y)) => Some(x.s == y.s),
        (Int(x), Int(y)) => Some(x == y),
        (Int(x), Float(y)) | (Float(y), Int(x)) => Some((*x as f64) == *y && (*y as i64) == *x),
        (Float(x), Float(y)) => Some(x == y),
        (Bool(x), Int(y)) | (Int(y), Bool(x)) => Some(*x as i64 == *y),
        (Bool(x), Float(y)) | (Float(y), Bool(x)) => Some(*x as i64 as f64 == *y),
        (Bool(x), Bool(y)) => Some(x == y),
        (BigInt(x), BigInt(y)) => Some(x == y),
        (BigInt(_), Int(_)) | (Int(_), BigInt(_)) => Some(false),
        (None, _) | (_, None) => Some(false),
        (Tuple(x), Tuple(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            if depth > 100 {
                return Option::None;
            }
            for (p, q) in x.iter().zip(y.iter()) {
                match fast_eq_depth(p, q, depth + 1)? {
                    true => {}
                    false => return Some(false),
                }
            }
            Some(true)
        }
        (Type(_), Type(_)) | (Func(_), Func(_)) => Some(false),
        (Str(_), Int(_) | Float(_) | Bool(_) | Tuple(_) | BigInt(_))
        | (Int(_) | Float(_) | Bool(_) | Tuple(_) | BigInt(_), Str(_)) => Some(false),
        (Tuple(_), Int(_) | Float(_) | Bool(_)) | (Int(_) | Float(_) | Bool(_), Tuple(_)) => Some(false),
        _ => Option::None,
    }
}

impl Dict {
    /// An empty table.
    pub fn new() -> Dict {
        Dict::default()
    }
    /// Number of live keys.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// The entry array including deleted slots (iterate with `entry_at`).
    pub fn capacity_index(&self) -> usize {
        self.entries.len()
    }
    /// The live entry at `i`, if any.
    #[inline]
    pub fn entry_at(&self, i: usize) -> Option<&Entry> {
        match self.entries.get(i) {
            Some(e) if !e.key.is_null() => Some(e),
            _ => None,
        }
    }
    /// Value of live entry `i` (no liveness check beyond bounds: callers validated the version).
    #[inline]
    pub fn value_at(&self, i: usize) -> Option<&Value> {
        self.entries.get(i).map(|e| &e.value)
    }
    /// Mutable value of entry `i`.
    pub fn value_at_mut(&mut self, i: usize) -> Option<&mut Value> {
        match self.entries.get_mut(i) {
            Some(e) if !e.key.is_null() => Some(&mut e.value),
            _ => None,
        }
    }
    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.key.is_null())
    }
    /// Live keys.
    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }
    /// Live values.
    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value.clone()).collect()
    }
    /// Live (key, value) pairs.
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().map(|e| (e.key.clone(), e.value.clone())).collect()
    }

    /// Probes for `key` with hash `h`.
    pub fn probe(&self, h: i64, key: &Value) -> Probe {
        if self.indices.is_empty() {
            return Probe::Missing;
        }
        let mask = self.indices.len() - 1;
        let mut i = (h as u64 as usize) & mask;
        let mut perturb = h as u64;
        let mut slow: Vec<usize> = Vec::new();
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                break;
            }
            if ix != DUMMY {
                let e = &self.entries[ix as usize];
                if e.hash == h {
                    match fast_eq(&e.key, key) {
                        Some(true) => return Probe::Found(ix as usize),
                        Some(false) => {}
                        None => slow.push(ix as usize),
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
        if slow.is_empty() {
            Probe::Missing
        } else {
            Probe::Slow(slow)
        }
    }

    /// Key and hash stored at entry `i` (for slow equality checks).
    pub fn key_at(&self, i: usize) -> Option<Value> {
        self.entry_at(i).map(|e| e.key.clone())
    }

    fn grow(&mut self) {
        let live: Vec<Entry> = self.entries.drain(..).filter(|e| !e.key.is_null()).collect();
        let mut size = 8;
        while size * 2 < (live.len() + 1) * 3 {
            size *= 2;
        }
        self.indices = vec![EMPTY; size];
        self.entries = live;
        self.version = new_version();
        if self.type_dict {
            bump_type_epoch();
        }
        for (n, e) in self.entries.iter().enumerate() {
            let mask = size - 1;
            let mut i = (e.hash as u64 as usize) & mask;
            let mut perturb = e.hash as u64;
            while self.indices[i] != EMPTY {
                perturb >>= 5;
                i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
            }
            self.indices[i] = n as u32;
        }
    }

    /// Appends a new key known not to be present.
    pub fn insert_new(&mut self, h: i64, key: Value, value: Value) {
        if (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
            self.grow();
        }
        let mask = self.indices.len() - 1;
        let mut i = (h as u64 as usize) & mask;
        let mut perturb = h as u64;
        while self.indices[i] != EMPTY && self.indices[i] != DUMMY {
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
        self.indices[i] = self.entries.len() as u32;
        self.entries.push(Entry { hash: h, key, value });
        self.len += 1;
        self.version = new_version();
        if self.type_dict {
            bump_type_epoch();
        }
    }

    /// Replaces the value of entry `i`.
    pub fn set_at(&mut self, i: usize, value: Value) {
        if let Some(e) = self.entries.get_mut(i) {
            e.value = value;
        }
    }

    /// Removes entry `i`, returning (key, value).
    pub fn remove_at(&mut self, i: usize) -> Option<(Value, Value)> {
        let h = self.entries.get(i)?.hash;
        if self.entries[i].key.is_null() {
            return None;
        }
        let mask = self.indices.len() - 1;
        let mut j = (h as u64 as usize) & mask;
        let mut perturb = h as u64;
        loop {
            if self.indices[j] == i as u32 {
                self.indices[j] = DUMMY;
                break;
            }
            if self.indices[j] == EMPTY {
                break;
            }
            perturb >>= 5;
            j = (j.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
        let e = &mut self.entries[i];
        let k = std::mem::replace(&mut e.key, Value::Null);
        let v = std::mem::replace(&mut e.value, Value::Null);
        self.len -= 1;
        self.version = new_version();
        if self.type_dict {
            bump_type_epoch();
        }
        if self.len == 0 {
            self.entries.clear();
            self.indices.iter_mut().for_each(|x| *x = EMPTY);
        }
        Some((k, v))
    }

    /// Removes and returns the last inserted (key, value).
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        let i = self.entries.iter().rposition(|e| !e.key.is_null())?;
        self.remove_at(i)
    }

    /// Removes everything.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.indices.clear();
        self.len = 0;
        self.version = new_version();
        if self.type_dict {
            bump_type_epoch();
        }
    }

    /// Fast lookup by str key (no Python code can run for str keys).
    #[inline]
    pub fn get_str(&self, key: &crate::value::PyStr) -> Option<&Value> {
        self.index_str(key).map(|i| &self.entries[i].value)
    }

    /// Entry index of a str key.
    pub fn index_str(&self, key: &crate::value::PyStr) -> Option<usize> {
        if self.indices.is_empty() {
            return None;
        }
        let h = key.hash();
        let mask = self.indices.len() - 1;
        let mut i = (h as u64 as usize) & mask;
        let mut perturb = h as u64;
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                return None;
            }
            if ix != DUMMY {
                let e = &self.entries[ix as usize];
                if e.hash == h {
                    if let Value::Str(k) = &e.key {
                        if std::ptr::eq(&**k, key) || k.s == key.s {
                            return Some(ix as usize);
                        }
                    }
                }
            }
            perturb >>= 5;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb as usize)) & mask;
        }
    }

    /// Sets a str key (no Python code can run).
    pub fn set_str(&mut self, key: std::rc::Rc<crate::value::PyStr>, value: Value) {
        let h = key.hash();
        let k = Value::Str(key);
        match self.probe(h, &k) {
            Probe::Found(i) => self.set_at(i, value),
            _ => self.insert_new(h, k, value),
        }
    }

    /// Removes a str key.
    pub fn del_str(&mut self, key: &crate::value::PyStr) -> Option<Value> {
        let h = key.hash();
        let k = Value::str(key.as_str());
        match self.probe(h, &k) {
            Probe::Found(i) => self.remove_at(i).map(|x| x.1),
            _ => None,
        }
    }
}
