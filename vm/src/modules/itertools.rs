//! The `itertools` module: every iterator of CPython 3.11's `itertools` as a native class
//! (so `type(...)`, `isinstance` and subclassing behave as in CPython), with the C
//! implementation's algorithms (lazy `product`/`permutations`/`combinations` via index
//! vectors, `groupby`'s shared underlying iterator, `tee`'s linked buffers), argument errors
//! and the visible reprs of `count` and `repeat`.
//!
//! A `__next__` takes the iterator state out of the instance while it runs (so calls back into
//! Python never hold a borrow) and puts it back before returning.

use std::cell::RefCell;
use std::rc::Rc;

use format::BinaryOpKind;

use crate::native_class::{new_class, new_instance, with_data};
use crate::object::{NativeFn, Object, Type};
use crate::ops;
use crate::value::{s, Value};
use crate::vm::{native, Kw, PyResult, Vm};

/// Buffered values shared by the `tee` iterators made from one iterator: a linked list of
/// chunks of up to `TEE_CHUNK` values (CPython's `teedataobject`), freed as every tee passes.
struct TeeChunk {
    values: RefCell<Vec<Value>>,
    next: RefCell<Option<Rc<TeeChunk>>>,
    /// The underlying iterator (shared by all chunks of one tee family).
    src: Rc<RefCell<Option<Value>>>,
}

const TEE_CHUNK: usize = 57;

/// The state of one itertools iterator.
enum It {
    /// Taken out by a `__next__` in progress.
    Running,
    Count {
        cur: Value,
        step: Value,
    },
    Cycle {
        it: Option<Value>,
        saved: Vec<Value>,
        idx: usize,
        firstpass: bool,
    },
    Repeat {
        obj: Value,
        times: Option<i64>,
    },
    Accumulate {
        it: Value,
        func: Value,
        total: Option<Value>,
        initial: Option<Value>,
    },
    Chain {
        source: Option<Value>,
        active: Option<Value>,
    },
    Compress {
        data: Value,
        sel: Value,
    },
    DropWhile {
        pred: Value,
        it: Value,
        dropped: bool,
    },
    TakeWhile {
        pred: Value,
        it: Value,
        stopped: bool,
    },
    FilterFalse {
        pred: Value,
        it: Value,
    },
    GroupBy {
        it: Value,
        keyfunc: Value,
        tgtkey: Option<Value>,
        currkey: Option<Value>,
        currvalue: Option<Value>,
        /// Identity of the current `_grouper` (0: none).
        grouper: u64,
    },
    Grouper {
        parent: Value,
        tgtkey: Value,
        id: u64,
    },
    ISlice {
        it: Option<Value>,
        next: i64,
        stop: i64,
        step: i64,
        cnt: i64,
    },
    Pairwise {
        it: Option<Value>,
        old: Option<Value>,
    },
    StarMap {
        func: Value,
        it: Value,
    },
    Tee {
        chunk: Rc<TeeChunk>,
        idx: usize,
    },
    ZipLongest {
        its: Vec<Option<Value>>,
        active: usize,
        fill: Value,
    },
    Product {
        pools: Vec<Vec<Value>>,
        idx: Vec<usize>,
        result: Option<Vec<Value>>,
        stopped: bool,
    },
    Combinations {
        pool: Vec<Value>,
        idx: Vec<usize>,
        r: usize,
        result: Option<Vec<Value>>,
        stopped: bool,
        with_replacement: bool,
    },
    Permutations {
        pool: Vec<Value>,
        idx: Vec<usize>,
        cycles: Vec<usize>,
        r: usize,
        result: Option<Vec<Value>>,
        stopped: bool,
    },
}

/// The itertools classes, made once per thread.
struct Classes {
    all: Vec<(&'static str, Rc<Type>)>,
}

thread_local! {
    static CLASSES: RefCell<Option<Rc<Classes>>> = const { RefCell::new(None) };
    static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

fn class(vm: &mut Vm, name: &str) -> Rc<Type> {
    let c = classes(vm);
    c.all.iter().find(|(n, _)| *n == name).map(|(_, t)| t.clone()).expect("itertools class")
}

fn fresh_id() -> u64 {
    NEXT_ID.with(|n| {
        let v = n.get();
        n.set(v + 1);
        v
    })
}

fn classes(vm: &mut Vm) -> Rc<Classes> {
    if let Some(c) = CLASSES.with(|c| c.borrow().clone()) {
        return c;
    }
    let specs: &[(&'static str, NativeFn)] = &[
        ("count", count_new),
        ("cycle", cycle_new),
        ("repeat", repeat_new),
        ("accumulate", accumulate_new),
        ("chain", chain_new),
        ("compress", compress_new),
        ("dropwhile", dropwhile_new),
        ("takewhile", takewhile_new),
        ("filterfalse", filterfalse_new),
        ("groupby", groupby_new),
        ("_grouper", grouper_new),
        ("islice", islice_new),
        ("pairwise", pairwise_new),
        ("starmap", starmap_new),
        ("_tee", tee_new),
        ("zip_longest", zip_longest_new),
        ("product", product_new),
        ("combinations", combinations_new),
        ("combinations_with_replacement", cwr_new),
        ("permutations", permutations_new),
    ];
    let mut all = Vec::new();
    for (name, newf) in specs {
        let mut methods: Vec<(&'static str, NativeFn)> =
            vec![("__new__", *newf), ("__iter__", iter_self), ("__next__", it_next)];
        let mut attrs = Vec::new();
        match *name {
            "count" => methods.push(("__repr__", count_repr)),
            "repeat" => {
                methods.push(("__repr__", repeat_repr));
                methods.push(("__length_hint__", repeat_length_hint));
            }
            "chain" => attrs
                .push(("from_iterable", Value::obj(Object::ClassMethod(native("from_iterable", chain_from_iterable))))),
            "_tee" => methods.push(("__copy__", tee_copy)),
            _ => {}
        }
        let t = new_class(vm, "itertools", name, &[], &methods, attrs);
        all.push((*name, t));
    }
    let c = Rc::new(Classes { all });
    CLASSES.with(|x| *x.borrow_mut() = Some(c.clone()));
    c
}

// ---- helpers -------------------------------------------------------------------------------

fn cls_arg(vm: &mut Vm, a: &[Value], name: &str) -> Rc<Type> {
    match a.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => class(vm, name),
    }
}

/// `PyArg_UnpackTuple`'s count check: "name expected N arguments, got M".
fn unpack(vm: &mut Vm, name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let (what, k) = if min == max {
        ("", min)
    } else if n < min {
        ("at least ", min)
    } else {
        ("at most ", max)
    };
    Err(vm.type_error(format!("{name} expected {what}{k} argument{}, got {n}", if k == 1 { "" } else { "s" })))
}

fn no_kw(vm: &mut Vm, name: &str, kw: &Kw) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(format!("{name}() takes no keyword arguments")))
    }
}

fn stop(vm: &mut Vm) -> Value {
    vm.stop_iteration(Value::None)
}

fn iter_self(_vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    Ok(a.into_iter().next().unwrap_or(Value::None))
}

fn take(vm: &mut Vm, this: &Value) -> PyResult<It> {
    let st = with_data(vm, this, "__next__", |d: &mut It| std::mem::replace(d, It::Running))?;
    if let It::Running = st {
        let n = vm.type_name(this);
        return Err(vm.value_error(format!("{n} iterator already executing")));
    }
    Ok(st)
}

fn put(vm: &mut Vm, this: &Value, st: It) {
    let _ = with_data(vm, this, "__next__", |d: &mut It| *d = st);
}

fn truthy(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    ops::truthy(vm, v)
}

fn is_number(vm: &mut Vm, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) => true,
        Value::Obj(o) => matches!(&**o, Object::Complex(..)),
        Value::Inst(_) => {
            let t = vm.type_of(v);
            ["__index__", "__int__", "__float__", "__complex__", "__add__"].iter().any(|n| t.lookup(&s(n)).is_some())
        }
        _ => false,
    }
}

// ---- constructors ---------------------------------------------------------------------------

fn count_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "count");
    let b = crate::types::args::bind(vm, "count", &a[1..], &k, &["start", "step"], 0, 0, 2)?;
    let cur = b[0].clone().unwrap_or(Value::Int(0));
    let step = b[1].clone().unwrap_or(Value::Int(1));
    if !is_number(vm, &cur) || !is_number(vm, &step) {
        return Err(vm.type_error("a number is required"));
    }
    Ok(new_instance(&cls, It::Count { cur, step }))
}

fn count_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let (cur, step) = with_data(vm, &this, "__repr__", |d: &mut It| match d {
        It::Count { cur, step } => Some((cur.clone(), step.clone())),
        _ => None,
    })?
    .ok_or_else(|| vm.runtime_error("count in use"))?;
    let name = vm.type_of(&this).name();
    let c = ops::repr(vm, &cur)?;
    if matches!(step, Value::Int(1)) {
        return Ok(Value::str(format!("{name}({c})")));
    }
    let st = ops::repr(vm, &step)?;
    Ok(Value::str(format!("{name}({c}, {st})")))
}

fn cycle_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "cycle");
    no_kw(vm, "cycle", &k)?;
    unpack(vm, "cycle", &a[1..], 1, 1)?;
    let it = ops::iter(vm, &a[1])?;
    Ok(new_instance(&cls, It::Cycle { it: Some(it), saved: Vec::new(), idx: 0, firstpass: false }))
}

fn repeat_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "repeat");
    let b = crate::types::args::bind(vm, "repeat", &a[1..], &k, &["object", "times"], 1, 0, 2)?;
    let obj = b[0].clone().unwrap_or(Value::None);
    let times = match &b[1] {
        None => None,
        Some(v) => Some(crate::types::to_index(vm, v)?.max(0)),
    };
    Ok(new_instance(&cls, It::Repeat { obj, times }))
}

fn repeat_repr(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let (obj, times) = with_data(vm, &this, "__repr__", |d: &mut It| match d {
        It::Repeat { obj, times } => Some((obj.clone(), *times)),
        _ => None,
    })?
    .ok_or_else(|| vm.runtime_error("repeat in use"))?;
    let name = vm.type_of(&this).name();
    let o = ops::repr(vm, &obj)?;
    Ok(Value::str(match times {
        None => format!("{name}({o})"),
        Some(t) => format!("{name}({o}, {t})"),
    }))
}

fn repeat_length_hint(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let t = with_data(vm, &this, "__length_hint__", |d: &mut It| match d {
        It::Repeat { times, .. } => *times,
        _ => Some(0),
    })?;
    match t {
        Some(t) => Ok(Value::Int(t)),
        None => Err(vm.type_error("len() of unsized object")),
    }
}

fn accumulate_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "accumulate");
    let b = crate::types::args::bind(vm, "accumulate", &a[1..], &k, &["iterable", "func", "initial"], 1, 0, 2)?;
    let it = ops::iter(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let func = b[1].clone().unwrap_or(Value::None);
    let initial = b[2].clone().filter(|v| !v.is_none());
    Ok(new_instance(&cls, It::Accumulate { it, func, total: None, initial }))
}

fn chain_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "chain");
    no_kw(vm, "chain", &k)?;
    let src = Value::tuple(a[1..].to_vec());
    let source = ops::iter(vm, &src)?;
    Ok(new_instance(&cls, It::Chain { source: Some(source), active: None }))
}

fn chain_from_iterable(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    no_kw(vm, "from_iterable", &k)?;
    let cls = cls_arg(vm, &a, "chain");
    crate::types::args::check_count(vm, "from_iterable", &a[1..], &k, 1, 1)?;
    let source = ops::iter(vm, &a[1])?;
    Ok(new_instance(&cls, It::Chain { source: Some(source), active: None }))
}

fn compress_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "compress");
    let b = crate::types::args::bind(vm, "compress", &a[1..], &k, &["data", "selectors"], 2, 0, 2)?;
    let data = ops::iter(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let sel = ops::iter(vm, b[1].as_ref().unwrap_or(&Value::None))?;
    Ok(new_instance(&cls, It::Compress { data, sel }))
}

fn pred_it(vm: &mut Vm, a: &[Value], k: &Kw, name: &str) -> PyResult<(Value, Value)> {
    no_kw(vm, name, k)?;
    unpack(vm, name, &a[1..], 2, 2)?;
    let it = ops::iter(vm, &a[2])?;
    Ok((a[1].clone(), it))
}

fn dropwhile_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "dropwhile");
    let (pred, it) = pred_it(vm, &a, &k, "dropwhile")?;
    Ok(new_instance(&cls, It::DropWhile { pred, it, dropped: false }))
}

fn takewhile_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "takewhile");
    let (pred, it) = pred_it(vm, &a, &k, "takewhile")?;
    Ok(new_instance(&cls, It::TakeWhile { pred, it, stopped: false }))
}

fn filterfalse_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "filterfalse");
    let (pred, it) = pred_it(vm, &a, &k, "filterfalse")?;
    Ok(new_instance(&cls, It::FilterFalse { pred, it }))
}

fn starmap_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "starmap");
    let (func, it) = pred_it(vm, &a, &k, "starmap")?;
    Ok(new_instance(&cls, It::StarMap { func, it }))
}

fn groupby_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "groupby");
    let b = crate::types::args::bind(vm, "groupby", &a[1..], &k, &["iterable", "key"], 1, 0, 2)?;
    let it = ops::iter(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let keyfunc = b[1].clone().unwrap_or(Value::None);
    Ok(new_instance(&cls, It::GroupBy { it, keyfunc, tgtkey: None, currkey: None, currvalue: None, grouper: 0 }))
}

fn grouper_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "_grouper");
    no_kw(vm, "_grouper", &k)?;
    unpack(vm, "_grouper", &a[1..], 2, 2)?;
    Ok(new_instance(&cls, It::Grouper { parent: a[1].clone(), tgtkey: a[2].clone(), id: fresh_id() }))
}

fn islice_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "islice");
    no_kw(vm, "islice", &k)?;
    let args = &a[1..];
    unpack(vm, "islice", args, 2, 4)?;
    let as_idx = |vm: &mut Vm, v: &Value| -> PyResult<Option<i64>> {
        if v.is_none() {
            return Ok(None);
        }
        let is_intlike = crate::num::is_int(v)
            || (matches!(v, Value::Inst(_)) && vm.type_of(v).lookup(&vm.t.s_index.clone()).is_some());
        if !is_intlike {
            return Ok(Some(-1));
        }
        match crate::types::to_index(vm, v) {
            Ok(i) => Ok(Some(i)),
            Err(_) => Ok(Some(-1)),
        }
    };
    let (start, stop, step);
    if args.len() == 2 {
        start = 0;
        stop = match as_idx(vm, &args[1])? {
            None => -1,
            Some(x) if x >= 0 => x,
            _ => {
                return Err(
                    vm.value_error("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.")
                )
            }
        };
        step = 1;
    } else {
        let st = as_idx(vm, &args[1])?;
        let sp = as_idx(vm, &args[2])?;
        if matches!(sp, Some(x) if x < 0) {
            return Err(vm.value_error("Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."));
        }
        if matches!(st, Some(x) if x < 0) {
            return Err(vm.value_error("Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."));
        }
        start = st.unwrap_or(0);
        stop = sp.unwrap_or(-1);
        step = match args.get(3) {
            None => 1,
            Some(v) => match as_idx(vm, v)? {
                None => 1,
                Some(x) if x >= 1 => x,
                _ => return Err(vm.value_error("Step for islice() must be a positive integer or None.")),
            },
        };
    }
    let it = ops::iter(vm, &args[0])?;
    Ok(new_instance(&cls, It::ISlice { it: Some(it), next: start, stop, step, cnt: 0 }))
}

fn pairwise_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "pairwise");
    no_kw(vm, "pairwise", &k)?;
    unpack(vm, "pairwise", &a[1..], 1, 1)?;
    let it = ops::iter(vm, &a[1])?;
    Ok(new_instance(&cls, It::Pairwise { it: Some(it), old: None }))
}

fn tee_from_iterable(vm: &mut Vm, it: Value) -> PyResult<Value> {
    let cls = class(vm, "_tee");
    let chunk = Rc::new(TeeChunk {
        values: RefCell::new(Vec::new()),
        next: RefCell::new(None),
        src: Rc::new(RefCell::new(Some(it))),
    });
    Ok(new_instance(&cls, It::Tee { chunk, idx: 0 }))
}

fn tee_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    no_kw(vm, "_tee", &k)?;
    unpack(vm, "_tee", &a[1..], 1, 1)?;
    let it = ops::iter(vm, &a[1])?;
    if crate::native_class::has_data::<It>(&it) && vm.type_of(&it).lookup(&s("__copy__")).is_some() {
        return tee_copy(vm, vec![it], Vec::new());
    }
    tee_from_iterable(vm, it)
}

fn tee_copy(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let st = with_data(vm, &this, "__copy__", |d: &mut It| match d {
        It::Tee { chunk, idx } => Some((chunk.clone(), *idx)),
        _ => None,
    })?;
    let Some((chunk, idx)) = st else {
        return Err(vm.runtime_error("cannot copy a running tee iterator"));
    };
    let cls = class(vm, "_tee");
    Ok(new_instance(&cls, It::Tee { chunk, idx }))
}

/// `itertools.tee(iterable, n=2)`.
fn tee(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    no_kw(vm, "tee", &k)?;
    unpack(vm, "tee", &a, 1, 2)?;
    let n = match a.get(1) {
        Some(v) => crate::types::to_index(vm, v)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(Value::tuple(vec![]));
    }
    let it = ops::iter(vm, &a[0])?;
    let copyf = crate::attr::getattr_opt(vm, &it, &s("__copy__"))?;
    let (first, copyf) = match copyf {
        Some(f) => (it, f),
        None => {
            let t = tee_from_iterable(vm, it)?;
            let f = crate::attr::getattr(vm, &t, &s("__copy__"))?;
            (t, f)
        }
    };
    let mut out = vec![first];
    for _ in 1..n {
        out.push(vm.call(&copyf, vec![], Vec::new())?);
    }
    Ok(Value::tuple(out))
}

fn zip_longest_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "zip_longest");
    let mut fill = Value::None;
    for (n, v) in &k {
        if n.as_str() == "fillvalue" {
            fill = v.clone();
        } else {
            return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
        }
    }
    let mut its = Vec::new();
    for x in &a[1..] {
        its.push(Some(ops::iter(vm, x)?));
    }
    let active = its.len();
    Ok(new_instance(&cls, It::ZipLongest { its, active, fill }))
}

fn product_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "product");
    let mut repeat = 1i64;
    for (n, v) in &k {
        if n.as_str() == "repeat" {
            repeat = crate::types::to_index(vm, v)?;
        } else {
            return Err(vm.type_error(format!("product() got an unexpected keyword argument '{}'", n.as_str())));
        }
    }
    if repeat < 0 {
        return Err(vm.value_error("repeat argument cannot be negative"));
    }
    let mut base = Vec::new();
    for x in &a[1..] {
        base.push(ops::to_vec(vm, x)?);
    }
    let mut pools = Vec::new();
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let n = pools.len();
    Ok(new_instance(&cls, It::Product { pools, idx: vec![0; n], result: None, stopped: false }))
}

fn r_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if !crate::num::is_int(v) && !matches!(v, Value::Inst(_)) {
        return Err(vm.type_error("Expected int as r"));
    }
    let r = crate::types::to_index(vm, v)?;
    if r < 0 {
        return Err(vm.value_error("r must be non-negative"));
    }
    Ok(r)
}

fn combinations_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "combinations");
    let b = crate::types::args::bind(vm, "combinations", &a[1..], &k, &["iterable", "r"], 2, 0, 2)?;
    let pool = ops::to_vec(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let r = r_arg(vm, b[1].as_ref().unwrap_or(&Value::None))? as usize;
    let stopped = r > pool.len();
    Ok(new_instance(
        &cls,
        It::Combinations { pool, idx: (0..r).collect(), r, result: None, stopped, with_replacement: false },
    ))
}

fn cwr_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "combinations_with_replacement");
    let b = crate::types::args::bind(vm, "combinations_with_replacement", &a[1..], &k, &["iterable", "r"], 2, 0, 2)?;
    let pool = ops::to_vec(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let r = r_arg(vm, b[1].as_ref().unwrap_or(&Value::None))? as usize;
    let stopped = pool.is_empty() && r > 0;
    Ok(new_instance(&cls, It::Combinations { pool, idx: vec![0; r], r, result: None, stopped, with_replacement: true }))
}

fn permutations_new(vm: &mut Vm, a: Vec<Value>, k: Kw) -> PyResult<Value> {
    let cls = cls_arg(vm, &a, "permutations");
    let b = crate::types::args::bind(vm, "permutations", &a[1..], &k, &["iterable", "r"], 1, 0, 2)?;
    let pool = ops::to_vec(vm, b[0].as_ref().unwrap_or(&Value::None))?;
    let n = pool.len();
    let r = match &b[1] {
        None | Some(Value::None) => n,
        Some(v) => r_arg(vm, v)? as usize,
    };
    let stopped = r > n;
    let cycles = if stopped { Vec::new() } else { (0..r).map(|i| n - i).collect() };
    Ok(new_instance(&cls, It::Permutations { pool, idx: (0..n).collect(), cycles, r, result: None, stopped }))
}

// ---- __next__ -------------------------------------------------------------------------------

fn it_next(vm: &mut Vm, a: Vec<Value>, _k: Kw) -> PyResult<Value> {
    let this = a.first().cloned().unwrap_or(Value::None);
    let mut st = take(vm, &this)?;
    let r = step(vm, &this, &mut st);
    put(vm, &this, st);
    match r {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(stop(vm)),
        Err(e) => Err(e),
    }
}

/// Advances `st`; Ok(None) when exhausted.
fn step(vm: &mut Vm, this: &Value, st: &mut It) -> PyResult<Option<Value>> {
    match st {
        It::Running => Ok(None),
        It::Count { cur, step } => {
            let r = cur.clone();
            let n = match (&*cur, &*step) {
                (Value::Int(x), Value::Int(y)) if x.checked_add(*y).is_some() => Value::Int(x + y),
                _ => ops::binary_op(vm, BinaryOpKind::Add, cur, step)?,
            };
            *cur = n;
            Ok(Some(r))
        }
        It::Cycle { it, saved, idx, firstpass } => {
            if let Some(i) = it.clone() {
                match ops::next(vm, &i)? {
                    Some(v) => {
                        if !*firstpass {
                            saved.push(v.clone());
                        }
                        return Ok(Some(v));
                    }
                    None => {
                        if saved.is_empty() {
                            return Ok(None);
                        }
                        *it = None;
                    }
                }
            }
            if saved.is_empty() {
                return Ok(None);
            }
            let v = saved[*idx].clone();
            *idx += 1;
            if *idx >= saved.len() {
                *idx = 0;
            }
            Ok(Some(v))
        }
        It::Repeat { obj, times } => match times {
            None => Ok(Some(obj.clone())),
            Some(0) => Ok(None),
            Some(t) => {
                *t -= 1;
                Ok(Some(obj.clone()))
            }
        },
        It::Accumulate { it, func, total, initial } => {
            if let Some(i) = initial.take() {
                *total = Some(i.clone());
                return Ok(Some(i));
            }
            let Some(v) = ops::next(vm, it)? else { return Ok(None) };
            let n = match total.take() {
                None => v,
                Some(t) if func.is_none() => ops::binary_op(vm, BinaryOpKind::Add, &t, &v)?,
                Some(t) => {
                    let f = func.clone();
                    vm.call(&f, vec![t, v], Vec::new())?
                }
            };
            *total = Some(n.clone());
            Ok(Some(n))
        }
        It::Chain { source, active } => loop {
            if let Some(a) = active.clone() {
                match ops::next(vm, &a)? {
                    Some(v) => return Ok(Some(v)),
                    None => *active = None,
                }
            }
            let Some(src) = source.clone() else { return Ok(None) };
            match ops::next(vm, &src)? {
                Some(iterable) => *active = Some(ops::iter(vm, &iterable)?),
                None => {
                    *source = None;
                    return Ok(None);
                }
            }
        },
        It::Compress { data, sel } => loop {
            let Some(d) = ops::next(vm, data)? else { return Ok(None) };
            let Some(s) = ops::next(vm, sel)? else { return Ok(None) };
            if truthy(vm, &s)? {
                return Ok(Some(d));
            }
        },
        It::DropWhile { pred, it, dropped } => loop {
            let Some(v) = ops::next(vm, it)? else { return Ok(None) };
            if *dropped {
                return Ok(Some(v));
            }
            let p = pred.clone();
            let r = vm.call(&p, vec![v.clone()], Vec::new())?;
            if !truthy(vm, &r)? {
                *dropped = true;
                return Ok(Some(v));
            }
        },
        It::TakeWhile { pred, it, stopped } => {
            if *stopped {
                return Ok(None);
            }
            let Some(v) = ops::next(vm, it)? else { return Ok(None) };
            let p = pred.clone();
            let r = vm.call(&p, vec![v.clone()], Vec::new())?;
            if truthy(vm, &r)? {
                return Ok(Some(v));
            }
            *stopped = true;
            Ok(None)
        }
        It::FilterFalse { pred, it } => loop {
            let Some(v) = ops::next(vm, it)? else { return Ok(None) };
            let ok = if pred.is_none() {
                truthy(vm, &v)?
            } else {
                let p = pred.clone();
                let r = vm.call(&p, vec![v.clone()], Vec::new())?;
                truthy(vm, &r)?
            };
            if !ok {
                return Ok(Some(v));
            }
        },
        It::StarMap { func, it } => {
            let Some(v) = ops::next(vm, it)? else { return Ok(None) };
            let args = match v {
                Value::Tuple(t) => (*t).clone(),
                other => ops::to_vec(vm, &other)?,
            };
            let f = func.clone();
            Ok(Some(vm.call(&f, args, Vec::new())?))
        }
        It::GroupBy { it, keyfunc, tgtkey, currkey, currvalue, grouper } => {
            *grouper = 0;
            loop {
                match (&*currkey, &*tgtkey) {
                    (None, _) => {}
                    (Some(_), None) => break,
                    (Some(c), Some(t)) => {
                        let (t, c) = (t.clone(), c.clone());
                        if !ops::eq(vm, &t, &c)? {
                            break;
                        }
                    }
                }
                let Some(v) = ops::next(vm, it)? else { return Ok(None) };
                let key = if keyfunc.is_none() {
                    v.clone()
                } else {
                    let f = keyfunc.clone();
                    vm.call(&f, vec![v.clone()], Vec::new())?
                };
                *currvalue = Some(v);
                *currkey = Some(key);
            }
            *tgtkey = currkey.clone();
            let id = fresh_id();
            *grouper = id;
            let cls = class(vm, "_grouper");
            let key = tgtkey.clone().unwrap_or(Value::None);
            let g = new_instance(&cls, It::Grouper { parent: this.clone(), tgtkey: key.clone(), id });
            Ok(Some(Value::tuple(vec![key, g])))
        }
        It::Grouper { parent, tgtkey, id } => {
            let parent = parent.clone();
            let mut pst = take(vm, &parent)?;
            let r = grouper_step(vm, &mut pst, tgtkey, *id);
            put(vm, &parent, pst);
            r
        }
        It::ISlice { it, next, stop, step, cnt } => {
            let Some(i) = it.clone() else { return Ok(None) };
            while *cnt < *next {
                if ops::next(vm, &i)?.is_none() {
                    *it = None;
                    return Ok(None);
                }
                *cnt += 1;
            }
            if *stop != -1 && *cnt >= *stop {
                *it = None;
                return Ok(None);
            }
            let Some(v) = ops::next(vm, &i)? else {
                *it = None;
                return Ok(None);
            };
            *cnt += 1;
            let old = *next;
            *next = next.saturating_add(*step);
            if *next < old || (*stop != -1 && *next > *stop) {
                *next = *stop;
            }
            Ok(Some(v))
        }
        It::Pairwise { it, old } => {
            let Some(i) = it.clone() else { return Ok(None) };
            if old.is_none() {
                match ops::next(vm, &i)? {
                    Some(v) => *old = Some(v),
                    None => {
                        *it = None;
                        return Ok(None);
                    }
                }
            }
            match ops::next(vm, &i)? {
                Some(n) => {
                    let o = old.replace(n.clone()).unwrap_or(Value::None);
                    Ok(Some(Value::tuple(vec![o, n])))
                }
                None => {
                    *it = None;
                    *old = None;
                    Ok(None)
                }
            }
        }
        It::Tee { chunk, idx } => {
            if *idx >= TEE_CHUNK {
                let nx = chunk.next.borrow().clone();
                let nx = match nx {
                    Some(c) => c,
                    None => {
                        let c = Rc::new(TeeChunk {
                            values: RefCell::new(Vec::new()),
                            next: RefCell::new(None),
                            src: chunk.src.clone(),
                        });
                        *chunk.next.borrow_mut() = Some(c.clone());
                        c
                    }
                };
                *chunk = nx;
                *idx = 0;
            }
            let have = chunk.values.borrow().get(*idx).cloned();
            if let Some(v) = have {
                *idx += 1;
                return Ok(Some(v));
            }
            let src = chunk.src.borrow_mut().take();
            let Some(src) = src else {
                return Err(vm.runtime_error("cannot re-enter the tee iterator"));
            };
            let r = ops::next(vm, &src);
            *chunk.src.borrow_mut() = Some(src);
            match r? {
                Some(v) => {
                    chunk.values.borrow_mut().push(v.clone());
                    *idx += 1;
                    Ok(Some(v))
                }
                None => Ok(None),
            }
        }
        It::ZipLongest { its, active, fill } => {
            if its.is_empty() || *active == 0 {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for slot in its.iter_mut() {
                match slot.clone() {
                    None => out.push(fill.clone()),
                    Some(i) => match ops::next(vm, &i)? {
                        Some(v) => out.push(v),
                        None => {
                            *active -= 1;
                            if *active == 0 {
                                return Ok(None);
                            }
                            *slot = None;
                            out.push(fill.clone());
                        }
                    },
                }
            }
            Ok(Some(Value::tuple(out)))
        }
        It::Product { pools, idx, result, stopped } => {
            if *stopped {
                return Ok(None);
            }
            match result {
                None => {
                    if pools.iter().any(|p| p.is_empty()) {
                        *stopped = true;
                        return Ok(None);
                    }
                    let r: Vec<Value> = pools.iter().map(|p| p[0].clone()).collect();
                    *result = Some(r.clone());
                    Ok(Some(Value::tuple(r)))
                }
                Some(r) => {
                    let n = pools.len();
                    let mut i = n;
                    loop {
                        if i == 0 {
                            *stopped = true;
                            return Ok(None);
                        }
                        i -= 1;
                        let pool = &pools[i];
                        idx[i] += 1;
                        if idx[i] == pool.len() {
                            idx[i] = 0;
                            r[i] = pool[0].clone();
                        } else {
                            r[i] = pool[idx[i]].clone();
                            break;
                        }
                    }
                    Ok(Some(Value::tuple(r.clone())))
                }
            }
        }
        It::Combinations { pool, idx, r, result, stopped, with_replacement } => {
            if *stopped {
                return Ok(None);
            }
            let n = pool.len();
            let r = *r;
            match result {
                None => {
                    let res: Vec<Value> = idx.iter().map(|&i| pool[i].clone()).collect();
                    *result = Some(res.clone());
                    Ok(Some(Value::tuple(res)))
                }
                Some(res) => {
                    if *with_replacement {
                        // Rightmost index that is not at its maximum n-1.
                        let mut i = r as isize - 1;
                        while i >= 0 && idx[i as usize] == n - 1 {
                            i -= 1;
                        }
                        if i < 0 {
                            *stopped = true;
                            return Ok(None);
                        }
                        let i = i as usize;
                        let v = idx[i] + 1;
                        for j in i..r {
                            idx[j] = v;
                            res[j] = pool[v].clone();
                        }
                    } else {
                        let mut i = r as isize - 1;
                        while i >= 0 && idx[i as usize] == i as usize + n - r {
                            i -= 1;
                        }
                        if i < 0 {
                            *stopped = true;
                            return Ok(None);
                        }
                        let i = i as usize;
                        idx[i] += 1;
                        for j in i + 1..r {
                            idx[j] = idx[j - 1] + 1;
                        }
                        for j in i..r {
                            res[j] = pool[idx[j]].clone();
                        }
                    }
                    Ok(Some(Value::tuple(res.clone())))
                }
            }
        }
        It::Permutations { pool, idx, cycles, r, result, stopped } => {
            if *stopped {
                return Ok(None);
            }
            let n = pool.len();
            let r = *r;
            match result {
                None => {
                    let res: Vec<Value> = idx[..r].iter().map(|&i| pool[i].clone()).collect();
                    *result = Some(res.clone());
                    Ok(Some(Value::tuple(res)))
                }
                Some(res) => {
                    if n == 0 {
                        *stopped = true;
                        return Ok(None);
                    }
                    let mut i = r as isize - 1;
                    while i >= 0 {
                        let iu = i as usize;
                        cycles[iu] -= 1;
                        if cycles[iu] == 0 {
                            // Rotate indices[i:] left by one.
                            let first = idx[iu];
                            for j in iu..n - 1 {
                                idx[j] = idx[j + 1];
                            }
                            idx[n - 1] = first;
                            cycles[iu] = n - iu;
                        } else {
                            let j = cycles[iu];
                            idx.swap(iu, n - j);
                            for k in iu..r {
                                res[k] = pool[idx[k]].clone();
                            }
                            break;
                        }
                        i -= 1;
                    }
                    if i < 0 {
                        *stopped = true;
                        return Ok(None);
                    }
                    Ok(Some(Value::tuple(res.clone())))
                }
            }
        }
    }
}

/// `_grouper.__next__` working on the parent `groupby`'s state.
fn grouper_step(vm: &mut Vm, pst: &mut It, tgt: &Value, id: u64) -> PyResult<Option<Value>> {
    let It::GroupBy { it, keyfunc, currkey, currvalue, grouper, .. } = pst else { return Ok(None) };
    if *grouper != id {
        return Ok(None);
    }
    if currvalue.is_none() {
        let Some(v) = ops::next(vm, it)? else { return Ok(None) };
        let key = if keyfunc.is_none() {
            v.clone()
        } else {
            let f = keyfunc.clone();
            vm.call(&f, vec![v.clone()], Vec::new())?
        };
        *currvalue = Some(v);
        *currkey = Some(key);
    }
    let ck = currkey.clone().unwrap_or(Value::None);
    if !ops::eq(vm, tgt, &ck)? {
        return Ok(None);
    }
    Ok(currvalue.take())
}

/// Builds the `itertools` module.
pub fn make(vm: &mut Vm) -> Value {
    let c = classes(vm);
    let (m, d) = super::new_module("itertools");
    let mut d = d.borrow_mut();
    for (name, t) in &c.all {
        d.set_str(s(name), Value::Type(t.clone()));
    }
    d.set_str(s("tee"), native("tee", tee));
    m
}
