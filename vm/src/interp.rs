//! The dispatch loop. Python-to-Python calls push a `Frame` and continue in the same loop (no
//! Rust recursion, no heap allocation); exceptions unwind through the exception table.

use std::rc::Rc;

use format::code::flags as cf;
use format::{BinaryOpKind, CompareOpKind, Opcode};

pub use crate::frames::{bind_args, push_code_frame, push_frame};
use crate::frames::{deref_name, load_name, make_function, store_name, unbound_deref};
use crate::object::{Code, Inst, Object};
use crate::ops;
use crate::value::{PyStr, Value};
use crate::vm::{Frame, Kw, PyResult, Vm};

/// Pushes the frame of a simple positional call whose arguments are already on the stack.
#[inline(always)]
pub(crate) fn push_fast_frame(
    vm: &mut Vm,
    code: Rc<Code>,
    globals: crate::value::DictRef,
    closure: Option<Rc<Vec<Value>>>,
    base: usize,
    call_start: usize,
    nargs: usize,
) -> PyResult<()> {
    if vm.frames.len() >= vm.recursion_limit {
        let t = vm.t.recursion_error.clone();
        return Err(vm.new_exc(&t, "maximum recursion depth exceeded"));
    }
    let nl = code.nlocals;
    for _ in nargs..nl {
        spush(&mut vm.stack, Value::Null);
    }
    if code.ncells + code.nfree > 0 {
        for a in code.cell2arg.iter() {
            let init = match a {
                Some(j) => std::mem::replace(&mut vm.stack[base + j], Value::Null),
                None => Value::Null,
            };
            spush(&mut vm.stack, Value::obj(Object::Cell(std::cell::RefCell::new(init))));
        }
        for i in 0..code.nfree {
            let c = closure.as_ref().and_then(|c| c.get(i).cloned()).unwrap_or(Value::Null);
            spush(&mut vm.stack, c);
        }
    }
    let stack_base = base + nl + code.ncells + code.nfree;
    let fs = &mut vm.frames;
    if fs.len() == fs.capacity() {
        fs.reserve(256);
    }
    // SAFETY: capacity > len was ensured just above, so `p` points to allocated, uninitialized
    // memory for one `Frame`; every field is initialized (field by field, straight into the
    // slot: building the struct in a temporary and copying it caused a store-forwarding stall
    // worth ~12% of `fib`) before the length is bumped to cover it.
    // (The exhaustive pattern in `_FRAME_FIELDS_ALL_WRITTEN` stops compiling if a field is
    // added to `Frame` without being written here.)
    unsafe {
        let len = fs.len();
        let p = fs.as_mut_ptr().add(len);
        std::ptr::addr_of_mut!((*p).code).write(code);
        std::ptr::addr_of_mut!((*p).globals).write(globals);
        std::ptr::addr_of_mut!((*p).locals).write(None);
        std::ptr::addr_of_mut!((*p).pc).write(0);
        std::ptr::addr_of_mut!((*p).base).write(base);
        std::ptr::addr_of_mut!((*p).stack_base).write(stack_base);
        std::ptr::addr_of_mut!((*p).call_start).write(call_start);
        std::ptr::addr_of_mut!((*p).entry).write(false);
        std::ptr::addr_of_mut!((*p).gen).write(None);
        std::ptr::addr_of_mut!((*p).kwnames).write(None);
        std::ptr::addr_of_mut!((*p).init_self).write(None);
        std::ptr::addr_of_mut!((*p).lasti).write(0);
        fs.set_len(len + 1);
    }
    Ok(())
}

/// Compile-time guard for `push_fast_frame`: lists every `Frame` field (no `..`), so adding a
/// field fails to compile until the field-by-field initialization there writes it too.
const _FRAME_FIELDS_ALL_WRITTEN: fn(Frame) = |f| {
    let Frame {
        code: _,
        globals: _,
        locals: _,
        pc: _,
        base: _,
        stack_base: _,
        call_start: _,
        entry: _,
        gen: _,
        kwnames: _,
        init_self: _,
        lasti: _,
    } = f;
};

macro_rules! pop {
    ($vm:expr) => {
        match $vm.stack.pop() {
            Some(v) => v,
            None => Value::Null,
        }
    };
}

/// Pushes onto the value stack (inlined into the dispatch loop).
#[inline(always)]
fn spush(s: &mut Vec<Value>, v: Value) {
    if s.len() == s.capacity() {
        s.reserve(1024);
    }
    // SAFETY: the check above guarantees `len < capacity`, so the slot at `len` is allocated
    // and uninitialized; writing it and bumping the length keeps the Vec invariant.
    // Writing the two 8-byte halves separately avoids a store-forwarding stall when the value
    // was just assembled from two separate register stores.
    unsafe {
        let len = s.len();
        let raw: [std::mem::MaybeUninit<u64>; 2] = std::mem::transmute(v);
        let p = s.as_mut_ptr().add(len) as *mut std::mem::MaybeUninit<u64>;
        p.write(raw[0]);
        p.add(1).write(raw[1]);
        s.set_len(len + 1);
    }
}

/// Stores `v` into `slot` (as two 8-byte halves, see `spush`) and returns the old value.
#[inline(always)]
fn sreplace(slot: &mut Value, v: Value) -> Value {
    // SAFETY: the old value is moved out with ptr::read and the slot is immediately
    // overwritten with a valid value, so nothing is dropped twice or left uninitialized.
    unsafe {
        let old = std::ptr::read(slot);
        let raw: [std::mem::MaybeUninit<u64>; 2] = std::mem::transmute(v);
        let p = slot as *mut Value as *mut std::mem::MaybeUninit<u64>;
        p.write(raw[0]);
        p.add(1).write(raw[1]);
        old
    }
}

/// Compares two ints or two floats per a COMPARE_OP argument.
#[inline(always)]
fn cmp_fast<T: PartialOrd>(arg: u32, p: &T, q: &T) -> bool {
    match arg {
        0 => p < q,
        1 => p <= q,
        2 => p == q,
        3 => p != q,
        4 => p > q,
        _ => p >= q,
    }
}

/// Drops a value, skipping the drop glue call for immediates.
#[inline(always)]
fn drop_fast(v: Value) {
    // Immediates need no drop; the common heap kinds drop their `Rc` inline (decrement, and
    // only the last reference calls out of line).
    match v {
        Value::List(r) => drop(r),
        Value::Tuple(r) => drop(r),
        Value::Str(r) => drop(r),
        Value::Inst(r) => drop(r),
        Value::Func(r) => drop(r),
        Value::Obj(r) => drop(r),
        v if v.is_immediate() => std::mem::forget(v),
        v => drop(v),
    }
}

/// The local slot a store instruction writes and the number of units its store part spans:
/// `STORE_FAST` (any length) or the store half of `STORE_FAST__LOAD_FAST` (one unit; the
/// `LOAD_FAST` at the next entry keeps its own decoding, so resuming there runs it).
#[inline(always)]
fn store_target(i: &Inst) -> Option<(usize, usize)> {
    match i.op {
        Opcode::STORE_FAST => Some((i.arg as usize, i.len as usize)),
        Opcode::STORE_FAST__LOAD_FAST => Some(((i.arg & 0xff) as usize, 1)),
        _ => None,
    }
}

/// Truncates the value stack to `n`, dropping the values with `drop_fast` (inline for ints,
/// floats and the common `Rc` kinds instead of the out-of-line slice drop glue).
#[inline(always)]
fn truncate_fast(s: &mut Vec<Value>, n: usize) {
    while s.len() > n {
        match s.pop() {
            Some(v) => drop_fast(v),
            None => break,
        }
    }
}

/// Pops the top frame record. The common case (no locals mapping, generator, pending keyword
/// names or `__init__` instance) drops only `code` and `globals`, in place: moving the whole
/// 112-byte record out (a 16-byte load over fields just written by narrower stores) stalled
/// store forwarding, and the out-of-line `Frame` drop glue cost ~4% of `fib`.
#[inline(always)]
fn pop_frame_fast(vm: &mut Vm) {
    let n = vm.frames.len();
    if n == 0 {
        return;
    }
    let f = &mut vm.frames[n - 1];
    if f.locals.is_some() || f.gen.is_some() || f.kwnames.is_some() || f.init_self.is_some() {
        vm.frames.pop();
        return;
    }
    // SAFETY: `f` is the last element (index n - 1 < len). All `Option` fields are `None`
    // (checked just above) and the remaining fields other than `code`/`globals` are plain
    // integers/bools, and `Frame` has no `Drop` impl, so dropping `code` and `globals` in place
    // and then shrinking the length by one drops every owned resource exactly once; the slot
    // is never read again.
    unsafe {
        std::ptr::drop_in_place(&mut f.code);
        std::ptr::drop_in_place(&mut f.globals);
        vm.frames.set_len(n - 1);
    }
}

/// `UnboundLocalError` for fast local `a`.
#[cold]
#[inline(never)]
fn unbound_local(vm: &mut Vm, code: &Code, a: usize) -> Value {
    let t = vm.t.unbound_local_error.clone();
    let n = code.varnames.get(a).map(|s| s.as_str().to_string()).unwrap_or_default();
    vm.new_exc(&t, format!("cannot access local variable '{n}' where it is not associated with a value"))
}

/// Rewrites pairs of one-unit instructions into VM-internal superinstructions, in the VM's
/// private pre-decoded copy: entry `i` becomes the fused op spanning both units. Entry `i + 1`
/// keeps its own (unfused or separately fused) instruction, so a jump to `i + 1` still runs
/// exactly the second instruction. Only instructions without `EXTENDED_ARG` (args < 256, which
/// the verifier already checked against `co_varnames`/`co_consts`) are fused.
pub fn fuse_superinstructions(insts: &mut [Inst]) {
    let orig: Vec<Inst> = insts.to_vec();
    for i in 0..orig.len().saturating_sub(1) {
        let (x, y) = (orig[i], orig[i + 1]);
        if x.len != 1 || y.len != 1 {
            continue;
        }
        let attr_op = |o: Opcode| matches!(o, Opcode::LOAD_ATTR | Opcode::LOAD_METHOD | Opcode::STORE_ATTR);
        if x.op == Opcode::LOAD_FAST && attr_op(y.op) {
            insts[i] = Inst { op: Opcode::LOAD_FAST__ATTR, ..x };
            continue;
        }
        if let Some(&z) = orig.get(i + 2) {
            // `LOAD_FAST; LOAD_FAST__ATTR` beats `LOAD_FAST__LOAD_FAST; <attr op>`.
            if y.op == Opcode::LOAD_FAST && attr_op(z.op) {
                continue;
            }
            if z.len == 1 {
                let op3 = match (x.op, y.op, z.op) {
                    (Opcode::LOAD_FAST, Opcode::LOAD_CONST, Opcode::BINARY_SUBSCR) => {
                        Some(Opcode::LOAD_FAST__LOAD_CONST__BINARY_SUBSCR)
                    }
                    (Opcode::LOAD_FAST, Opcode::LOAD_CONST, Opcode::BINARY_OP) => {
                        Some(Opcode::LOAD_FAST__LOAD_CONST__BINARY_OP)
                    }
                    (Opcode::LOAD_FAST, Opcode::LOAD_FAST, Opcode::BINARY_OP) => {
                        Some(Opcode::LOAD_FAST__LOAD_FAST__BINARY_OP)
                    }
                    _ => None,
                };
                if let Some(op) = op3 {
                    insts[i] =
                        Inst { op, len: 3, cache: crate::object::NO_CACHE, arg: x.arg | (y.arg << 8) | (z.arg << 16) };
                    continue;
                }
            }
        }
        let op = match (x.op, y.op) {
            (Opcode::LOAD_FAST, Opcode::LOAD_FAST) => Opcode::LOAD_FAST__LOAD_FAST,
            (Opcode::LOAD_FAST, Opcode::LOAD_CONST) => Opcode::LOAD_FAST__LOAD_CONST,
            (Opcode::STORE_FAST, Opcode::LOAD_FAST) => Opcode::STORE_FAST__LOAD_FAST,
            _ => continue,
        };
        insts[i] = Inst { op, len: 2, cache: crate::object::NO_CACHE, arg: x.arg | (y.arg << 8) };
    }
}

/// The current form of an instruction with an inline cache: the quickened opcode recorded in
/// its cache, else its own (generic) opcode. The quickened form is kept in the cache rather than
/// by rewriting `Code::insts`: a writable instruction array (`Cell<Inst>`) cost ~25% on `fib`,
/// as LLVM could no longer treat the instructions as read-only across the loop's stores.
#[inline(always)]
fn quick_op(code: &Code, inst: &Inst) -> Opcode {
    match code.icache.get() {
        Some(cs) => match cs.get(inst.cache as usize) {
            Some(c) => c.op.get().unwrap_or(inst.op),
            None => inst.op,
        },
        None => inst.op,
    }
}

/// The inline cache `i` of `code` (allocating the code object's caches on first use), or None
/// for an instruction without one.
#[inline(always)]
fn icache(code: &Code, i: u16) -> Option<&crate::object::ICache> {
    if i == crate::object::NO_CACHE {
        return None;
    }
    code.icache.get_or_init(|| (0..code.ncache).map(|_| Default::default()).collect()).get(i as usize)
}

/// The inline cache of a quickened instruction (which only `adapt!` writes, after allocating
/// the caches and checking that the instruction has one).
#[inline(always)]
fn quick_cache(code: &Code, i: u16) -> &crate::object::ICache {
    match icache(code, i) {
        Some(c) => c,
        None => unreachable!("quickened instruction without an inline cache"),
    }
}

/// The value the `LOAD_GLOBAL` at unit `unit` of `code` (run by frame `fi`) loads when its
/// cache (`Code::gcache`: globals/builtins dict versions and entry index) is valid, else None.
#[inline(always)]
fn global_hit(vm: &Vm, code: &Code, fi: usize, unit: usize) -> Option<Value> {
    let (gv, bv, idx) = code.gcache.get(unit)?.get();
    let g = vm.frames[fi].globals.borrow();
    if gv != g.version {
        return None;
    }
    if bv == 0 {
        g.value_at(idx as usize).cloned()
    } else {
        let b = vm.builtins.borrow();
        if b.version == bv {
            b.value_at(idx as usize).cloned()
        } else {
            None
        }
    }
}

/// Reads the value `n` slots below the top (1 = TOS).
#[inline]
fn peek(vm: &Vm, n: usize) -> Value {
    let l = vm.stack.len();
    if n == 0 || n > l {
        return Value::Null;
    }
    vm.stack[l - n].clone()
}

fn bad_code(vm: &mut Vm, what: &str) -> Value {
    let t = vm.t.base_exception.clone();
    let st = vm.t.all_exc.iter().find(|t| t.name() == "SystemError").cloned().unwrap_or(t);
    vm.new_exc(&st, format!("bad bytecode: {what}"))
}

/// Runs the top frame (an entry frame) to completion. `throw` raises an exception in it first
/// (generator `throw`). Returns the frame's return value (or the yielded value, with
/// `vm.yielded` set, for generator frames).
pub fn run(vm: &mut Vm, throw: Option<Value>) -> PyResult<Value> {
    if stats::enabled() {
        run_impl::<true>(vm, throw)
    } else {
        run_impl::<false>(vm, throw)
    }
}

/// Misses a quickened instruction tolerates before it is rewritten back to its generic form.
const MISS_BUDGET: u16 = 53;

/// After a failed specialization (or a deoptimization): wait 16, 32, ... 16384 executions
/// before trying again.
#[inline(never)]
fn back_off(c: &crate::object::ICache) {
    let b = c.backoff.get().min(10);
    c.counter.set(16u16 << b);
    c.backoff.set(b + 1);
}

/// The dispatch loop; `STATS` selects the variant that counts executions, specialization hits,
/// misses and deoptimizations (`pvm --stats`), so the normal variant pays nothing for it.
fn run_impl<const STATS: bool>(vm: &mut Vm, mut throw: Option<Value>) -> PyResult<Value> {
    let mut reraise = false;
    'frame: loop {
        let fi = vm.frames.len() - 1;
        // SAFETY: frame `fi` owns an `Rc<Code>` that is only written when the frame is pushed
        // and only dropped when the frame is popped (RETURN_VALUE, YIELD_VALUE, unwinding); every
        // one of those leaves this iteration of 'frame (`continue 'frame` / `return`) without
        // touching `code` or `insts` again, and frames below the top are never popped by nested
        // calls (they stop at their own entry frame). So the `Code` outlives every use here;
        // this saves an Rc increment/decrement per call and per return.
        let code: &Code = unsafe { &*Rc::as_ptr(&vm.frames[fi].code) };
        let mut pc = vm.frames[fi].pc;
        let base = vm.frames[fi].base;
        let insts: &[Inst] = &code.insts;
        let mut lasti = vm.frames[fi].lasti;
        let thrown = throw.take();
        let err: Value = if let Some(e) = thrown {
            e
        } else {
            'inner: loop {
                macro_rules! tri {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(e) => break 'inner e,
                        }
                    };
                }
                // Returns `$v` from frame `fi` (RETURN_VALUE, and LOAD_FAST fused with it).
                macro_rules! do_return {
                    ($v:expr) => {{
                        let mut v = $v;
                        let f = &mut vm.frames[fi];
                        if f.init_self.is_some() {
                            if let Some(inst) = f.init_self.take() {
                                if !v.is_none() {
                                    let n = vm.type_name(&v);
                                    break 'inner vm.type_error(format!("__init__() should return None, not '{n}'"));
                                }
                                v = inst;
                            }
                        }
                        let f = &vm.frames[fi];
                        let (cs, entry) = (f.call_start, f.entry);
                        if !entry && f.gen.is_some() {
                            drop(v);
                            tri!(inline_gen_return(vm, fi));
                            continue 'frame;
                        }
                        pop_frame_fast(vm);
                        truncate_fast(&mut vm.stack, cs);
                        if entry {
                            return Ok(v);
                        }
                        spush(&mut vm.stack, v);
                        continue 'frame;
                    }};
                }
                // Counts one execution statistic (compiled out unless `STATS`).
                macro_rules! stat {
                    ($op:expr, $what:expr) => {
                        if STATS {
                            stats::bump($op, $what);
                        }
                    };
                }
                #[cfg(feature = "step-budget")]
                if let Some(e) = vm.take_step() {
                    break 'inner e;
                }
                // A backward jump or a frame's first instruction: honour Ctrl-C.
                if pc <= lasti && crate::vm::INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed) {
                    if let Some(e) = crate::vm::take_interrupt(vm) {
                        break 'inner e;
                    }
                }
                let Some(&inst) = insts.get(pc) else {
                    break 'inner bad_code(vm, "fell off the end of the code");
                };
                lasti = pc;
                pc += inst.len as usize;
                let opcode = inst.op;
                stat!(opcode, stats::EXEC);
                let arg = inst.arg;
                let a = arg as usize;
                // Adaptive generic instruction: counts down, then tries to specialize (rewrite the
                // entry in place to a quickened opcode with a filled inline cache); a failed
                // attempt backs off exponentially. `$spec` runs no Python code.
                macro_rules! adapt {
                    ($spec:path) => {
                        if let Some(c) = icache(code, inst.cache) {
                            let n = c.counter.get();
                            if n > 1 {
                                c.counter.set(n - 1);
                            } else if let Some(top) = vm.stack.last().cloned() {
                                c.clear();
                                match $spec(vm, c, 0, &top, &code.names[a]) {
                                    Some(op) => {
                                        c.next.set(1);
                                        c.op.set(Some(op));
                                        c.counter.set(MISS_BUDGET);
                                        stat!(op, stats::SPECIALIZED);
                                    }
                                    None => {
                                        back_off(c);
                                        stat!(opcode, stats::FAILED);
                                    }
                                }
                                drop_fast(top);
                            }
                        }
                    };
                }
                // A quickened instruction's guard failed (the generic path runs next). A receiver
                // of a class not seen yet gets its own cache entry if it specializes to the same
                // form (polymorphic cache); after `MISS_BUDGET` misses the entry is rewritten
                // back to the generic opcode.
                macro_rules! miss {
                    ($c:expr, $spec:path, $op:expr) => {{
                        stat!($op, stats::MISS);
                        let n = $c.counter.get();
                        if n <= 1 {
                            $c.op.set(None);
                            back_off($c);
                            stat!($op, stats::DEOPT);
                        } else {
                            $c.counter.set(n - 1);
                            if let Some(top) = vm.stack.last().cloned() {
                                let k = $c.take_slot();
                                if $spec(vm, $c, k, &top, &code.names[a]) == Some($op) {
                                    let v = $c.ver[k].get();
                                    for j in 0..crate::object::PIC {
                                        if j != k && $c.ver[j].get() == v {
                                            $c.ver[j].set(0);
                                        }
                                    }
                                } else {
                                    $c.ver[k].set(0);
                                }
                                drop_fast(top);
                            }
                        }
                    }};
                }
                // Fused `local.attr`, `local.method` and `local.attr = v`: a load of local slot
                // `$slot` followed by a quickened instance-attribute instruction whose guard holds
                // runs both in one dispatch, without pushing and popping the receiver. The
                // skipped instruction cannot raise (`attr::fused_instance_*`); on any miss
                // nothing has changed and the instructions run one by one.
                macro_rules! fused_attr {
                    ($slot:expr) => {
                        if let Some(n1) = insts.get(pc) {
                            match n1.op {
                                Opcode::LOAD_ATTR | Opcode::LOAD_METHOD => {
                                    let hit = match vm.stack.get($slot) {
                                        Some(Value::Inst(i)) => crate::attr::fused_instance_load(code, n1, i)
                                            .map(|(v, m)| (v, if m { Some(Value::Inst(i.clone())) } else { None })),
                                        _ => None,
                                    };
                                    if let Some((v, recv)) = hit {
                                        stat!(n1.op, stats::EXEC);
                                        stat!(quick_op(code, n1), stats::EXEC);
                                        stat!(quick_op(code, n1), stats::HIT);
                                        spush(&mut vm.stack, v);
                                        if let Some(r) = recv {
                                            spush(&mut vm.stack, r);
                                        }
                                        pc += n1.len as usize;
                                        continue;
                                    }
                                }
                                Opcode::STORE_ATTR => {
                                    if let Some(v) = vm.stack.pop() {
                                        let r = match vm.stack.get($slot) {
                                            Some(Value::Inst(i)) => crate::attr::fused_instance_store(code, n1, i, v),
                                            _ => Err(v),
                                        };
                                        match r {
                                            Ok(old) => {
                                                stat!(n1.op, stats::EXEC);
                                                stat!(quick_op(code, n1), stats::EXEC);
                                                stat!(quick_op(code, n1), stats::HIT);
                                                drop_fast(old);
                                                pc += n1.len as usize;
                                                continue;
                                            }
                                            Err(v) => spush(&mut vm.stack, v),
                                        }
                                    }
                                }
                                _ => {}
                            }
                        }
                    };
                }
                match opcode {
                    Opcode::NOP | Opcode::EXTENDED_ARG => {}
                    Opcode::LOAD_FAST__ATTR => {
                        fused_attr!(base + a);
                        let Some(v) = vm.stack.get(base + a).cloned() else {
                            break 'inner bad_code(vm, "local slot out of range");
                        };
                        if v.is_null() {
                            break 'inner unbound_local(vm, &code, a);
                        }
                        spush(&mut vm.stack, v);
                    }
                    Opcode::LOAD_FAST => {
                        let Some(v) = vm.stack.get(base + a).cloned() else {
                            break 'inner bad_code(vm, "local slot out of range");
                        };
                        // Fused `local <op> local` for small ints and floats.
                        if let Some(n1) = insts.get(pc) {
                            if n1.op == Opcode::LOAD_FAST {
                                if let Some(n2) = insts.get(pc + n1.len as usize) {
                                    if n2.op == Opcode::BINARY_OP {
                                        if let Some(w) = vm.stack.get(base + n1.arg as usize) {
                                            let fast = match (&v, w) {
                                                (Value::Int(p), Value::Int(q)) => ops::int_fast(n2.arg, *p, *q),
                                                (Value::Float(p), Value::Float(q)) => ops::float_fast(n2.arg, *p, *q),
                                                (Value::Float(p), Value::Int(q)) => {
                                                    ops::float_fast(n2.arg, *p, *q as f64)
                                                }
                                                (Value::Int(p), Value::Float(q)) => {
                                                    ops::float_fast(n2.arg, *p as f64, *q)
                                                }
                                                _ => None,
                                            };
                                            if let Some(r) = fast {
                                                spush(&mut vm.stack, r);
                                                drop_fast(v);
                                                pc += n1.len as usize + n2.len as usize;
                                                continue;
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        if v.is_null() {
                            break 'inner unbound_local(vm, &code, a);
                        }
                        // Fused `return local` (LOAD_FAST + RETURN_VALUE).
                        if let Some(n1) = insts.get(pc) {
                            if n1.op == Opcode::RETURN_VALUE {
                                lasti = pc;
                                do_return!(v);
                            }
                        }
                        spush(&mut vm.stack, v);
                    }
                    Opcode::STORE_FAST => {
                        let v = pop!(vm);
                        match vm.stack.get_mut(base + a) {
                            Some(slot) => drop_fast(sreplace(slot, v)),
                            None => break 'inner bad_code(vm, "local slot out of range"),
                        }
                    }
                    Opcode::LOAD_FAST__LOAD_FAST => {
                        let (a1, a2) = (a & 0xff, a >> 8);
                        let Some(v) = vm.stack.get(base + a1).cloned() else {
                            break 'inner bad_code(vm, "local slot out of range");
                        };
                        if v.is_null() {
                            break 'inner unbound_local(vm, &code, a1);
                        }
                        spush(&mut vm.stack, v);
                        let Some(v) = vm.stack.get(base + a2).cloned() else {
                            break 'inner bad_code(vm, "local slot out of range");
                        };
                        if v.is_null() {
                            lasti += 1;
                            break 'inner unbound_local(vm, &code, a2);
                        }
                        spush(&mut vm.stack, v);
                    }
                    Opcode::LOAD_FAST__LOAD_CONST => {
                        let (a1, a2) = (a & 0xff, a >> 8);
                        // `local <cmp> const` + POP_JUMP_IF_* on ints/floats (`if n < 2:`): branch
                        // without pushing anything (neither the compare nor the jump can raise).
                        if let Some(c) = insts.get(pc) {
                            if c.op == Opcode::COMPARE_OP {
                                let after = pc + c.len as usize;
                                if let Some(j) = insts.get(after) {
                                    if j.op == Opcode::POP_JUMP_IF_FALSE || j.op == Opcode::POP_JUMP_IF_TRUE {
                                        let t =
                                            match (vm.stack.get(base + a1).unwrap_or(&Value::Null), &code.consts[a2]) {
                                                (Value::Int(p), Value::Int(q)) => Some(cmp_fast(c.arg, p, q)),
                                                (Value::Float(p), Value::Float(q)) => Some(cmp_fast(c.arg, p, q)),
                                                _ => None,
                                            };
                                        if let Some(t) = t {
                                            pc = if t == (j.op == Opcode::POP_JUMP_IF_TRUE) {
                                                j.arg as usize
                                            } else {
                                                after + j.len as usize
                                            };
                                            continue;
                                        }
                                    }
                                }
                            }
                        }
                        let Some(v) = vm.stack.get(base + a1).cloned() else {
                            break 'inner bad_code(vm, "local slot out of range");
                        };
                        if v.is_null() {
                            break 'inner unbound_local(vm, &code, a1);
                        }
                        spush(&mut vm.stack, v);
                        let c = code.consts[a2].clone();
                        spush(&mut vm.stack, c);
                    }
                    Opcode::LOAD_FAST__LOAD_CONST__BINARY_SUBSCR => {
                        // `local[const]` for a list/tuple local and an int constant in range;
                        // anything else runs the two loads and resumes at the plain BINARY_SUBSCR.
                        let (a1, a2) = (a & 0xff, (a >> 8) & 0xff);
                        let fast = match (vm.stack.get(base + a1).unwrap_or(&Value::Null), &code.consts[a2]) {
                            (Value::List(lst), Value::Int(i)) => {
                                let lb = lst.borrow();
                                let n = lb.len() as i64;
                                let j = if *i < 0 { i.wrapping_add(n) } else { *i };
                                if j >= 0 && j < n {
                                    Some(lb[j as usize].clone())
                                } else {
                                    None
                                }
                            }
                            (Value::Tuple(t), Value::Int(i)) => {
                                let n = t.len() as i64;
                                let j = if *i < 0 { i.wrapping_add(n) } else { *i };
                                if j >= 0 && j < n {
                                    Some(t[j as usize].clone())
                                } else {
                                    None
                                }
                            }
                            _ => None,
                        };
                        match fast {
                            Some(v) => spush(&mut vm.stack, v),
                            None => {
                                let Some(v) = vm.stack.get(base + a1).cloned() else {
                                    break 'inner bad_code(vm, "local slot out of range");
                                };
                                if v.is_null() {
                                    break 'inner unbound_local(vm, &code, a1);
                                }
                                spush(&mut vm.stack, v);
                                let c = code.consts[a2].clone();
                                spush(&mut vm.stack, c);
                                pc = lasti + 2;
                            }
                        }
                    }
                    Opcode::LOAD_FAST__LOAD_CONST__BINARY_OP | Opcode::LOAD_FAST__LOAD_FAST__BINARY_OP => {
                        // Int/float `local <op> const` or `local <op> local` computed in registers;
                        // anything else runs the two loads and resumes at the plain BINARY_OP.
                        let (a1, a2, bop) = (a & 0xff, (a >> 8) & 0xff, arg >> 16);
                        let rhs = if opcode == Opcode::LOAD_FAST__LOAD_CONST__BINARY_OP {
                            &code.consts[a2]
                        } else {
                            vm.stack.get(base + a2).unwrap_or(&Value::Null)
                        };
                        let fast = match (vm.stack.get(base + a1).unwrap_or(&Value::Null), rhs) {
                            (Value::Int(p), Value::Int(q)) => ops::int_fast(bop, *p, *q),
                            (Value::Float(p), Value::Float(q)) => ops::float_fast(bop, *p, *q),
                            (Value::Float(p), Value::Int(q)) => ops::float_fast(bop, *p, *q as f64),
                            (Value::Int(p), Value::Float(q)) => ops::float_fast(bop, *p as f64, *q),
                            _ => None,
                        };
                        match fast {
                            Some(v) => spush(&mut vm.stack, v),
                            None => {
                                let Some(v) = vm.stack.get(base + a1).cloned() else {
                                    break 'inner bad_code(vm, "local slot out of range");
                                };
                                if v.is_null() {
                                    break 'inner unbound_local(vm, &code, a1);
                                }
                                spush(&mut vm.stack, v);
                                let w = if opcode == Opcode::LOAD_FAST__LOAD_CONST__BINARY_OP {
                                    code.consts[a2].clone()
                                } else {
                                    let Some(w) = vm.stack.get(base + a2).cloned() else {
                                        break 'inner bad_code(vm, "local slot out of range");
                                    };
                                    if w.is_null() {
                                        lasti += 1;
                                        break 'inner unbound_local(vm, &code, a2);
                                    }
                                    w
                                };
                                spush(&mut vm.stack, w);
                                pc = lasti + 2;
                            }
                        }
                    }
                    Opcode::STORE_FAST__LOAD_FAST => {
                        let (a1, a2) = (a & 0xff, a >> 8);
                        let v = pop!(vm);
                        match vm.stack.get_mut(base + a1) {
                            Some(slot) => drop_fast(sreplace(slot, v)),
                            None => break 'inner bad_code(vm, "local slot out of range"),
                        }
                        let Some(v) = vm.stack.get(base + a2).cloned() else {
                            break 'inner bad_code(vm, "local slot out of range");
                        };
                        if v.is_null() {
                            lasti += 1;
                            break 'inner unbound_local(vm, &code, a2);
                        }
                        spush(&mut vm.stack, v);
                    }
                    Opcode::LOAD_CONST => {
                        let v = code.consts[a].clone();
                        // Fused `TOS <op> const` for small ints and floats, and `list[const]`.
                        if let Some(next) = insts.get(pc) {
                            if next.op == Opcode::BINARY_SUBSCR {
                                if let Value::Int(i) = v {
                                    let l = vm.stack.len();
                                    if l > vm.frames[fi].stack_base {
                                        let got = match &vm.stack[l - 1] {
                                            Value::List(lst) => {
                                                let lb = lst.borrow();
                                                let n = lb.len() as i64;
                                                let j = if i < 0 { i + n } else { i };
                                                if j >= 0 && j < n {
                                                    Some(lb[j as usize].clone())
                                                } else {
                                                    None
                                                }
                                            }
                                            _ => None,
                                        };
                                        if let Some(r) = got {
                                            drop_fast(sreplace(&mut vm.stack[l - 1], r));
                                            pc += next.len as usize;
                                            continue;
                                        }
                                    }
                                }
                            } else if next.op == Opcode::COMPARE_OP {
                                let l = vm.stack.len();
                                if l > vm.frames[fi].stack_base {
                                    let c = match (&vm.stack[l - 1], &v) {
                                        (Value::Int(p), Value::Int(q)) => Some(cmp_fast(next.arg, p, q)),
                                        (Value::Float(p), Value::Float(q)) => Some(cmp_fast(next.arg, p, q)),
                                        _ => None,
                                    };
                                    if let Some(t) = c {
                                        let after = pc + next.len as usize;
                                        if let Some(j) = insts.get(after) {
                                            if j.op == Opcode::POP_JUMP_IF_FALSE || j.op == Opcode::POP_JUMP_IF_TRUE {
                                                if let Some(old) = vm.stack.pop() {
                                                    drop_fast(old);
                                                }
                                                let taken = t == (j.op == Opcode::POP_JUMP_IF_TRUE);
                                                pc = if taken { j.arg as usize } else { after + j.len as usize };
                                                drop_fast(v);
                                                continue;
                                            }
                                        }
                                        drop_fast(sreplace(&mut vm.stack[l - 1], Value::Bool(t)));
                                        drop_fast(v);
                                        pc = after;
                                        continue;
                                    }
                                }
                            } else if next.op == Opcode::BINARY_OP {
                                let l = vm.stack.len();
                                if l > vm.frames[fi].stack_base {
                                    let fast = match (&vm.stack[l - 1], &v) {
                                        (Value::Int(p), Value::Int(q)) => ops::int_fast(next.arg, *p, *q),
                                        (Value::Float(p), Value::Float(q)) => ops::float_fast(next.arg, *p, *q),
                                        (Value::Float(p), Value::Int(q)) => ops::float_fast(next.arg, *p, *q as f64),
                                        (Value::Int(p), Value::Float(q)) => ops::float_fast(next.arg, *p as f64, *q),
                                        _ => None,
                                    };
                                    if let Some(r) = fast {
                                        drop_fast(sreplace(&mut vm.stack[l - 1], r));
                                        drop_fast(v);
                                        pc += next.len as usize;
                                        continue;
                                    }
                                }
                            }
                        }
                        spush(&mut vm.stack, v);
                    }
                    Opcode::POP_TOP => {
                        if let Some(v) = vm.stack.pop() {
                            drop_fast(v);
                        }
                    }
                    Opcode::PUSH_NULL => {
                        spush(&mut vm.stack, Value::Null);
                        // `PUSH_NULL; LOAD_GLOBAL` (a call of a global): a cache hit loads the
                        // global in the same dispatch (a hit cannot raise).
                        if let Some(n1) = insts.get(pc) {
                            if n1.op == Opcode::LOAD_GLOBAL {
                                if let Some(v) = global_hit(vm, code, fi, pc) {
                                    if !v.is_null() {
                                        stat!(n1.op, stats::EXEC);
                                        spush(&mut vm.stack, v);
                                        pc += n1.len as usize;
                                        continue;
                                    }
                                    drop_fast(v);
                                }
                            }
                        }
                    }
                    Opcode::COPY => {
                        // `COPY 2; COPY 2; BINARY_SUBSCR` (the load half of `x[k] op= y`) on a list
                        // and an int in range: push the item, keep container and key below it.
                        if a == 2 {
                            if let (Some(n1), Some(n2)) = (insts.get(pc), insts.get(pc + 1)) {
                                if n1.op == Opcode::COPY && n1.arg == 2 && n1.len == 1 && n2.op == Opcode::BINARY_SUBSCR
                                {
                                    let l = vm.stack.len();
                                    if l >= 2 {
                                        let got = match (&vm.stack[l - 2], &vm.stack[l - 1]) {
                                            (Value::List(lst), Value::Int(i)) => {
                                                let lb = lst.borrow();
                                                let n = lb.len() as i64;
                                                let j = if *i < 0 { i.wrapping_add(n) } else { *i };
                                                if j >= 0 && j < n {
                                                    Some(lb[j as usize].clone())
                                                } else {
                                                    None
                                                }
                                            }
                                            _ => None,
                                        };
                                        if let Some(r) = got {
                                            spush(&mut vm.stack, r);
                                            pc += 1 + n2.len as usize;
                                            continue;
                                        }
                                    }
                                }
                            }
                        }
                        let v = peek(vm, a);
                        spush(&mut vm.stack, v);
                    }
                    Opcode::SWAP => {
                        let l = vm.stack.len();
                        if a >= 1 && a <= l {
                            vm.stack.swap(l - 1, l - a);
                        }
                    }
                    Opcode::DELETE_FAST => {
                        if vm.stack.get(base + a).map_or(true, |v| v.is_null()) {
                            let t = vm.t.unbound_local_error.clone();
                            let n = code.varnames.get(a).map(|s| s.as_str().to_string()).unwrap_or_default();
                            break 'inner vm.new_exc(
                                &t,
                                format!("cannot access local variable '{n}' where it is not associated with a value"),
                            );
                        }
                        vm.stack[base + a] = Value::Null;
                    }
                    Opcode::BINARY_OP => {
                        let l = vm.stack.len();
                        if l < 2 {
                            break 'inner bad_code(vm, "stack underflow");
                        }
                        // Fast paths for small ints and floats: the result replaces the left operand.
                        let fast = match (&vm.stack[l - 2], &vm.stack[l - 1]) {
                            (Value::Int(p), Value::Int(q)) => ops::int_fast(arg, *p, *q),
                            (Value::Float(p), Value::Float(q)) => ops::float_fast(arg, *p, *q),
                            (Value::Float(p), Value::Int(q)) => ops::float_fast(arg, *p, *q as f64),
                            (Value::Int(p), Value::Float(q)) => ops::float_fast(arg, *p as f64, *q),
                            _ => None,
                        };
                        match fast {
                            Some(v) => {
                                // SAFETY: shrinking the length is always sound; the right operand is
                                // an Int/Float (no destructor), so nothing is leaked.
                                unsafe { vm.stack.set_len(l - 1) };
                                // Fused store: `x = a <op> b` writes the local directly.
                                if let Some(next) = insts.get(pc) {
                                    if next.op == Opcode::STORE_FAST {
                                        if let Some(slot) = vm.stack.get_mut(base + next.arg as usize) {
                                            drop_fast(sreplace(slot, v));
                                            if let Some(old) = vm.stack.pop() {
                                                drop_fast(old);
                                            }
                                            pc += next.len as usize;
                                            continue;
                                        }
                                    } else if next.op == Opcode::SWAP && next.arg == 3 && next.len == 1 && l >= 4 {
                                        // Fused store half of `lst[k] op= y`: `SWAP 3; SWAP 2;
                                        // STORE_SUBSCR` with a list and an in-range int key stores
                                        // the result directly (stack: lst, k, left operand).
                                        if let (Some(n1), Some(n2)) = (insts.get(pc + 1), insts.get(pc + 2)) {
                                            if n1.op == Opcode::SWAP
                                                && n1.arg == 2
                                                && n1.len == 1
                                                && n2.op == Opcode::STORE_SUBSCR
                                            {
                                                let stored = match (&vm.stack[l - 4], &vm.stack[l - 3]) {
                                                    (Value::List(lst), Value::Int(i)) => {
                                                        let mut lb = lst.borrow_mut();
                                                        let n = lb.len() as i64;
                                                        let j = if *i < 0 { i.wrapping_add(n) } else { *i };
                                                        if j >= 0 && j < n {
                                                            let old = sreplace(&mut lb[j as usize], v.clone());
                                                            drop(lb);
                                                            drop_fast(old);
                                                            true
                                                        } else {
                                                            false
                                                        }
                                                    }
                                                    _ => false,
                                                };
                                                if stored {
                                                    drop_fast(v);
                                                    truncate_fast(&mut vm.stack, l - 4);
                                                    pc += 2 + n2.len as usize;
                                                    continue;
                                                }
                                            }
                                        }
                                    }
                                }
                                drop_fast(sreplace(&mut vm.stack[l - 2], v));
                            }
                            None => {
                                let b = pop!(vm);
                                let x = pop!(vm);
                                let kind = match BinaryOpKind::from_arg(arg) {
                                    Some(k) => k,
                                    None => break 'inner bad_code(vm, "bad binary op"),
                                };
                                vm.frames[fi].lasti = lasti;
                                let r = match crate::fastcall::user_binop(vm, kind, &x, &b) {
                                    Some(r) => tri!(r),
                                    None => tri!(ops::binary_op(vm, kind, &x, &b)),
                                };
                                spush(&mut vm.stack, r);
                            }
                        }
                    }
                    Opcode::COMPARE_OP => {
                        let l = vm.stack.len();
                        let fast = if l >= 2 {
                            match (&vm.stack[l - 2], &vm.stack[l - 1]) {
                                (Value::Int(p), Value::Int(q)) => Some(cmp_fast(arg, p, q)),
                                (Value::Float(p), Value::Float(q)) => Some(cmp_fast(arg, p, q)),
                                _ => None,
                            }
                        } else {
                            None
                        };
                        if let Some(t) = fast {
                            // SAFETY: shrinking the length is always sound; both operands are
                            // Int/Float (no destructor), so nothing is leaked either.
                            unsafe { vm.stack.set_len(l - 2) };
                            // Fused COMPARE_OP + POP_JUMP_IF_*: the bool is consumed directly (the
                            // jump cannot raise, so skipping its dispatch is unobservable).
                            if let Some(nx) = insts.get(pc) {
                                if nx.op == Opcode::POP_JUMP_IF_FALSE || nx.op == Opcode::POP_JUMP_IF_TRUE {
                                    if t == (nx.op == Opcode::POP_JUMP_IF_TRUE) {
                                        pc = nx.arg as usize;
                                    } else {
                                        pc += nx.len as usize;
                                    }
                                    continue;
                                }
                            }
                            spush(&mut vm.stack, Value::Bool(t));
                            continue;
                        }
                        let b = pop!(vm);
                        let x = pop!(vm);
                        let k = match CompareOpKind::from_arg(arg) {
                            Some(k) => k,
                            None => break 'inner bad_code(vm, "bad compare op"),
                        };
                        let r = match (&x, &b) {
                            // str <op> str: UTF-8 byte order is code point order.
                            (Value::Str(p), Value::Str(q)) => Value::Bool(cmp_fast(arg, &p.s, &q.s)),
                            _ => tri!(ops::compare(vm, k, &x, &b)),
                        };
                        drop_fast(x);
                        drop_fast(b);
                        // Fused compare-and-branch: skip pushing the bool when a conditional jump
                        // follows.
                        if let Value::Bool(t) = r {
                            if let Some(next) = insts.get(pc) {
                                match next.op {
                                    Opcode::POP_JUMP_IF_FALSE => {
                                        pc = if t { pc + next.len as usize } else { next.arg as usize };
                                        continue;
                                    }
                                    Opcode::POP_JUMP_IF_TRUE => {
                                        pc = if t { next.arg as usize } else { pc + next.len as usize };
                                        continue;
                                    }
                                    _ => {}
                                }
                            }
                        }
                        spush(&mut vm.stack, r);
                    }
                    Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE => {
                        let v = pop!(vm);
                        let t = match v {
                            Value::Bool(b) => b,
                            Value::Int(i) => i != 0,
                            Value::None => false,
                            _ => tri!(ops::truthy(vm, &v)),
                        };
                        drop_fast(v);
                        if t == (opcode == Opcode::POP_JUMP_IF_TRUE) {
                            pc = a;
                        }
                    }
                    Opcode::JUMP => pc = a,
                    Opcode::POP_JUMP_IF_NONE => {
                        let v = pop!(vm);
                        if v.is_none() {
                            pc = a;
                        }
                        drop_fast(v);
                    }
                    Opcode::POP_JUMP_IF_NOT_NONE => {
                        let v = pop!(vm);
                        if !v.is_none() {
                            pc = a;
                        }
                        drop_fast(v);
                    }
                    Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                        let t = match vm.stack.last() {
                            Some(Value::Bool(b)) => *b,
                            Some(Value::None) => false,
                            Some(Value::Int(i)) => *i != 0,
                            _ => {
                                let v = peek(vm, 1);
                                tri!(ops::truthy(vm, &v))
                            }
                        };
                        if t == (opcode == Opcode::JUMP_IF_TRUE_OR_POP) {
                            pc = a;
                        } else {
                            vm.stack.pop();
                        }
                    }
                    Opcode::LOAD_GLOBAL => {
                        let hit = global_hit(vm, code, fi, lasti);
                        let v = match hit {
                            Some(v) => v,
                            None => {
                                let name = &code.names[a];
                                let g = vm.frames[fi].globals.borrow();
                                match g.index_str(name) {
                                    Some(i) => {
                                        code.gcache[lasti].set((g.version, 0, i as u32));
                                        g.value_at(i).cloned().unwrap_or(Value::Null)
                                    }
                                    None => {
                                        let b = vm.builtins.borrow();
                                        match b.index_str(name) {
                                            Some(i) => {
                                                code.gcache[lasti].set((g.version, b.version, i as u32));
                                                b.value_at(i).cloned().unwrap_or(Value::Null)
                                            }
                                            None => Value::Null,
                                        }
                                    }
                                }
                            }
                        };
                        if v.is_null() {
                            break 'inner vm.name_error(code.names[a].as_str());
                        }
                        spush(&mut vm.stack, v);
                    }
                    Opcode::STORE_GLOBAL => {
                        let v = pop!(vm);
                        vm.frames[fi].globals.borrow_mut().set_str(code.names[a].clone(), v);
                    }
                    Opcode::DELETE_GLOBAL => {
                        let name = code.names[a].clone();
                        if vm.frames[fi].globals.borrow_mut().del_str(&name).is_none() {
                            break 'inner vm.name_error(name.as_str());
                        }
                    }
                    Opcode::LOAD_NAME => {
                        let name = code.names[a].clone();
                        let v = tri!(load_name(vm, fi, &name));
                        spush(&mut vm.stack, v);
                    }
                    Opcode::STORE_NAME => {
                        let v = pop!(vm);
                        let name = code.names[a].clone();
                        tri!(store_name(vm, fi, name, Some(v)));
                    }
                    Opcode::DELETE_NAME => {
                        let name = code.names[a].clone();
                        tri!(store_name(vm, fi, name, None));
                    }
                    Opcode::LOAD_DEREF | Opcode::LOAD_CLASSDEREF => {
                        let nl = code.nlocals;
                        if opcode == Opcode::LOAD_CLASSDEREF {
                            let name = deref_name(&code, a);
                            if let Some(Value::Dict(d)) = &vm.frames[fi].locals {
                                let got = d.borrow().get_str(&PyStr::new(name.as_str())).cloned();
                                if let Some(v) = got {
                                    spush(&mut vm.stack, v);
                                    continue;
                                }
                            }
                        }
                        // Read through the cell in place (no Rc clone of the cell itself).
                        let v = match vm.stack.get(base + nl + a) {
                            Some(Value::Obj(o)) => match &**o {
                                Object::Cell(c) => c.borrow().clone(),
                                _ => Value::Null,
                            },
                            _ => Value::Null,
                        };
                        if v.is_null() {
                            break 'inner unbound_deref(vm, &code, a);
                        }
                        spush(&mut vm.stack, v);
                    }
                    Opcode::STORE_DEREF | Opcode::DELETE_DEREF => {
                        let v = if opcode == Opcode::STORE_DEREF { pop!(vm) } else { Value::Null };
                        let c = vm.stack.get(base + code.nlocals + a).cloned().unwrap_or(Value::Null);
                        if let Value::Obj(o) = &c {
                            if let Object::Cell(cell) = &**o {
                                if v.is_null() && cell.borrow().is_null() {
                                    break 'inner unbound_deref(vm, &code, a);
                                }
                                *cell.borrow_mut() = v;
                            }
                        }
                    }
                    Opcode::LOAD_CLOSURE => {
                        let c = vm.stack.get(base + code.nlocals + a).cloned().unwrap_or(Value::Null);
                        spush(&mut vm.stack, c);
                    }
                    Opcode::LOAD_ATTR => {
                        // The quickened form lives in the inline cache (see `quick_op`).
                        let opcode = quick_op(code, &inst);
                        if opcode != inst.op {
                            stat!(opcode, stats::EXEC);
                        }
                        match opcode {
                            Opcode::LOAD_ATTR => {
                                adapt!(crate::attr::specialize_load_attr);
                                let o = pop!(vm);
                                let v = tri!(crate::attr::getattr(vm, &o, &code.names[a]));
                                spush(&mut vm.stack, v);
                            }
                            _ => {
                                let name = &code.names[a];
                                let c = quick_cache(code, inst.cache);
                                let hit = match (opcode, vm.stack.last()) {
                                    (Opcode::LOAD_ATTR_INSTANCE, Some(Value::Inst(i))) if i.exc.is_none() => {
                                        match c.find(i.class.borrow().version.get()) {
                                            Some(k) => {
                                                let d = i.dict.borrow();
                                                let ix = c.idx[k].get() as usize;
                                                if crate::attr::entry_is(&d, ix, name) {
                                                    d.value_at(ix).cloned()
                                                } else {
                                                    None
                                                }
                                            }
                                            None => None,
                                        }
                                    }
                                    (Opcode::LOAD_ATTR_CLASS, Some(Value::Inst(i))) if i.exc.is_none() => {
                                        match c.find(i.class.borrow().version.get()) {
                                            Some(k) if i.dict.borrow().index_str(name).is_none() => {
                                                Some(c.val[k].borrow().clone())
                                            }
                                            _ => None,
                                        }
                                    }
                                    (Opcode::LOAD_ATTR_MODULE, Some(Value::Obj(o))) => match &**o {
                                        Object::Module { dict, .. } => {
                                            let d = dict.borrow();
                                            match c.find(d.version) {
                                                Some(k) => d.value_at(c.idx[k].get() as usize).cloned(),
                                                None => None,
                                            }
                                        }
                                        _ => None,
                                    },
                                    (Opcode::LOAD_ATTR_TYPE, Some(Value::Type(t))) => {
                                        c.find(t.version.get()).map(|k| c.val[k].borrow().clone())
                                    }
                                    _ => None,
                                };
                                match hit {
                                    Some(v) => {
                                        stat!(opcode, stats::HIT);
                                        let l = vm.stack.len();
                                        drop_fast(sreplace(&mut vm.stack[l - 1], v));
                                    }
                                    None => {
                                        miss!(c, crate::attr::specialize_load_attr, opcode);
                                        let o = pop!(vm);
                                        let v = tri!(crate::attr::getattr(vm, &o, name));
                                        spush(&mut vm.stack, v);
                                    }
                                }
                            }
                        }
                    }
                    Opcode::STORE_ATTR => {
                        // The quickened form lives in the inline cache (see `quick_op`).
                        let opcode = quick_op(code, &inst);
                        if opcode != inst.op {
                            stat!(opcode, stats::EXEC);
                        }
                        match opcode {
                            Opcode::STORE_ATTR => {
                                adapt!(crate::attr::specialize_store_attr);
                                let o = pop!(vm);
                                let v = pop!(vm);
                                tri!(crate::attr::setattr(vm, &o, &code.names[a], Some(v)));
                            }
                            _ => {
                                let name = &code.names[a];
                                let c = quick_cache(code, inst.cache);
                                let k = match vm.stack.last() {
                                    Some(Value::Inst(i)) if i.exc.is_none() => c.find(i.class.borrow().version.get()),
                                    _ => None,
                                };
                                let k = match k {
                                    Some(k) => k,
                                    None => {
                                        miss!(c, crate::attr::specialize_store_attr, opcode);
                                        let o = pop!(vm);
                                        let v = pop!(vm);
                                        tri!(crate::attr::setattr(vm, &o, name, Some(v)));
                                        continue;
                                    }
                                };
                                stat!(opcode, stats::HIT);
                                let o = pop!(vm);
                                let v = pop!(vm);
                                let old = match &o {
                                    Value::Inst(i) => {
                                        let mut d = i.dict.borrow_mut();
                                        let ix = c.idx[k].get() as usize;
                                        if crate::attr::entry_is(&d, ix, name) {
                                            d.value_at_mut(ix).map(|slot| sreplace(slot, v))
                                        } else if ix == d.capacity_index() && d.index_str(name).is_none() {
                                            // First store into a fresh instance, in the same
                                            // order as the instance the hint was taken from: the
                                            // new entry lands exactly at the hint (one probe).
                                            d.insert_new(name.hash(), Value::Str(name.clone()), v);
                                            None
                                        } else {
                                            d.set_str(name.clone(), v);
                                            if let Some(nix) = d.index_str(name) {
                                                c.idx[k].set(nix as u32);
                                            }
                                            None
                                        }
                                    }
                                    _ => None,
                                };
                                if let Some(old) = old {
                                    drop_fast(old);
                                }
                                drop_fast(o);
                            }
                        }
                    }
                    Opcode::DELETE_ATTR => {
                        let o = pop!(vm);
                        tri!(crate::attr::setattr(vm, &o, &code.names[a], None));
                    }
                    Opcode::LOAD_METHOD => {
                        // The quickened form lives in the inline cache (see `quick_op`).
                        let opcode = quick_op(code, &inst);
                        if opcode != inst.op {
                            stat!(opcode, stats::EXEC);
                        }
                        match opcode {
                            Opcode::LOAD_METHOD => {
                                adapt!(crate::attr::specialize_load_method);
                                let o = pop!(vm);
                                let (m, s) = tri!(crate::attr::load_method(vm, o, &code.names[a]));
                                spush(&mut vm.stack, m);
                                spush(&mut vm.stack, s);
                            }
                            _ => {
                                let name = &code.names[a];
                                let c = quick_cache(code, inst.cache);
                                // (method, receiver) or (NULL, module attribute).
                                let hit = match (opcode, vm.stack.last()) {
                                    (Opcode::LOAD_METHOD_INSTANCE, Some(Value::Inst(i))) if i.exc.is_none() => {
                                        match c.find(i.class.borrow().version.get()) {
                                            Some(k) if i.dict.borrow().index_str(name).is_none() => {
                                                Some((c.val[k].borrow().clone(), true))
                                            }
                                            _ => None,
                                        }
                                    }
                                    (Opcode::LOAD_METHOD_MODULE, Some(Value::Obj(o))) => match &**o {
                                        Object::Module { dict, .. } => {
                                            let d = dict.borrow();
                                            match c.find(d.version) {
                                                Some(k) => {
                                                    d.value_at(c.idx[k].get() as usize).map(|v| (v.clone(), false))
                                                }
                                                None => None,
                                            }
                                        }
                                        _ => None,
                                    },
                                    (Opcode::LOAD_METHOD_BUILTIN, Some(v)) => {
                                        let ty = match v {
                                            Value::List(_) => Some(&vm.t.list),
                                            Value::Dict(_) => Some(&vm.t.dict),
                                            Value::Str(_) => Some(&vm.t.str),
                                            Value::Tuple(_) => Some(&vm.t.tuple),
                                            _ => None,
                                        };
                                        match ty.and_then(|t| c.find(t.version.get())) {
                                            Some(k) => Some((c.val[k].borrow().clone(), true)),
                                            None => None,
                                        }
                                    }
                                    _ => None,
                                };
                                match hit {
                                    Some((m, true)) => {
                                        stat!(opcode, stats::HIT);
                                        let l = vm.stack.len();
                                        let recv = sreplace(&mut vm.stack[l - 1], m);
                                        spush(&mut vm.stack, recv);
                                    }
                                    Some((v, false)) => {
                                        stat!(opcode, stats::HIT);
                                        let l = vm.stack.len();
                                        drop_fast(sreplace(&mut vm.stack[l - 1], Value::Null));
                                        spush(&mut vm.stack, v);
                                    }
                                    None => {
                                        miss!(c, crate::attr::specialize_load_method, opcode);
                                        let o = pop!(vm);
                                        let (m, s) = tri!(crate::attr::load_method(vm, o, name));
                                        spush(&mut vm.stack, m);
                                        spush(&mut vm.stack, s);
                                    }
                                }
                            }
                        }
                    }
                    Opcode::KW_NAMES => {
                        if let Value::Tuple(t) = &code.consts[a] {
                            vm.frames[fi].kwnames = Some(t.clone());
                        }
                    }
                    Opcode::CALL => {
                        let top = vm.stack.len();
                        if a + 2 > top - vm.frames[fi].stack_base.min(top) {
                            break 'inner bad_code(vm, "stack underflow in CALL");
                        }
                        let fpos = top - a - 2;
                        let (cidx, argstart) =
                            if vm.stack[fpos].is_null() { (fpos + 1, fpos + 2) } else { (fpos, fpos + 1) };
                        let nargs = top - argstart;
                        if vm.frames[fi].kwnames.is_none() {
                            if let Value::Func(f) = &vm.stack[cidx] {
                                let fc = &f.code;
                                if fc.flags & SIMPLE_MASK == 0
                                    && fc.co.argcount as usize == nargs
                                    && fc.co.kwonlyargcount == 0
                                {
                                    // Inline call: the arguments already sit where the callee's
                                    // locals go; no allocation, no Rust recursion.
                                    let fcode = fc.clone();
                                    let globals = f.globals.clone();
                                    let closure = if fcode.nfree > 0 { f.closure.clone() } else { None };
                                    vm.frames[fi].pc = pc;
                                    vm.frames[fi].lasti = lasti;
                                    tri!(push_fast_frame(vm, fcode, globals, closure, argstart, fpos, nargs));
                                    continue 'frame;
                                }
                            }
                            // With a NULL below the callable, its slot can take the receiver:
                            // a bound Python method or a class with a Python `__init__` run
                            // inline (exact positional arguments, no allocation for the frame).
                            if cidx == fpos + 1 {
                                let target = match &vm.stack[cidx] {
                                    Value::Obj(o) => match &**o {
                                        Object::Method { func: Value::Func(f), self_ } if simple_call(f, nargs + 1) => {
                                            Some((f.clone(), self_.clone(), false))
                                        }
                                        _ => None,
                                    },
                                    Value::Type(t) => {
                                        let t = t.clone();
                                        let init = match icache(code, inst.cache) {
                                            Some(c) if c.ver[0].get() == t.version.get() => c.val[0].borrow().clone(),
                                            Some(c) => {
                                                let v = plain_class_init(vm, &t);
                                                c.ver[0].set(t.version.get());
                                                *c.val[0].borrow_mut() = v.clone();
                                                v
                                            }
                                            None => Value::None,
                                        };
                                        match init {
                                            Value::Func(f) if simple_call(&f, nargs + 1) => {
                                                let inst_v = tri!(crate::classes::new_instance(vm, &t, vec![], vec![]));
                                                Some((f, inst_v, true))
                                            }
                                            _ => None,
                                        }
                                    }
                                    _ => None,
                                };
                                if let Some((f, recv, init)) = target {
                                    stat!(opcode, stats::HIT);
                                    let init_self = if init { Some(recv.clone()) } else { None };
                                    drop_fast(sreplace(&mut vm.stack[cidx], recv));
                                    let fcode = f.code.clone();
                                    let globals = f.globals.clone();
                                    let closure = if fcode.nfree > 0 { f.closure.clone() } else { None };
                                    vm.frames[fi].pc = pc;
                                    vm.frames[fi].lasti = lasti;
                                    tri!(push_fast_frame(vm, fcode, globals, closure, cidx, fpos, nargs + 1));
                                    if init_self.is_some() {
                                        if let Some(fr) = vm.frames.last_mut() {
                                            fr.init_self = init_self;
                                        }
                                    }
                                    continue 'frame;
                                }
                            }
                        }
                        // `isinstance(x, cls)` (CPython 3.11's PRECALL_NO_KW_ISINSTANCE): no
                        // argument vector, no generic call.
                        if nargs == 2 && cidx == fpos + 1 && vm.frames[fi].kwnames.is_none() {
                            let is_isinstance = match &vm.stack[cidx] {
                                Value::Obj(o) => match &**o {
                                    Object::Builtin(b) => {
                                        b.self_.is_none()
                                            && b.f as usize
                                                == crate::builtins::b_isinstance as crate::object::NativeFn as usize
                                    }
                                    _ => false,
                                },
                                _ => false,
                            };
                            if is_isinstance {
                                let (x, c) = (vm.stack[top - 2].clone(), vm.stack[top - 1].clone());
                                vm.frames[fi].lasti = lasti;
                                let r = crate::builtins::isinstance(vm, &x, &c);
                                drop_fast(x);
                                drop_fast(c);
                                let r = tri!(r);
                                truncate_fast(&mut vm.stack, fpos);
                                spush(&mut vm.stack, Value::Bool(r));
                                continue;
                            }
                        }
                        let kwnames = vm.frames[fi].kwnames.take();
                        let callable = vm.stack[cidx].clone();
                        let nkw = kwnames.as_ref().map_or(0, |k| k.len());
                        if nkw > nargs {
                            break 'inner bad_code(vm, "too many keyword names");
                        }
                        let mut args: Vec<Value> = vm.stack.drain(argstart..).collect();
                        vm.stack.truncate(fpos);
                        let mut kw: Kw = Vec::new();
                        if let Some(k) = kwnames {
                            let kv = args.split_off(nargs - nkw);
                            for (n, v) in k.iter().zip(kv) {
                                if let Value::Str(s) = n {
                                    kw.push((s.clone(), v));
                                }
                            }
                        }
                        let (callable, args) = match &callable {
                            Value::Obj(o) => match &**o {
                                Object::Method { func: func @ Value::Func(_), self_ } => {
                                    args.insert(0, self_.clone());
                                    (func.clone(), args)
                                }
                                _ => (callable, args),
                            },
                            _ => (callable, args),
                        };
                        // Instantiating a plain Python class: run its __init__ inline.
                        if let Value::Type(t) = &callable {
                            if !t.builtin && t.kind == crate::object::Kind::Object && t.meta.borrow().is_none() {
                                let new_name = vm.t.s_new.clone();
                                let init_name = vm.t.s_init.clone();
                                if ops::user_method(t, &new_name).is_none() {
                                    if let Some(Value::Func(init)) = ops::user_method(t, &init_name) {
                                        if init.code.flags & (cf::GENERATOR | cf::COROUTINE | cf::ASYNC_GENERATOR) == 0
                                        {
                                            let t = t.clone();
                                            let inst = tri!(crate::classes::new_instance(vm, &t, vec![], vec![]));
                                            let mut args = args;
                                            args.insert(0, inst.clone());
                                            vm.frames[fi].pc = pc;
                                            vm.frames[fi].lasti = lasti;
                                            let cs = vm.stack.len();
                                            tri!(push_frame(vm, &init, args, kw, cs, false));
                                            if let Some(fr) = vm.frames.last_mut() {
                                                fr.init_self = Some(inst);
                                            }
                                            continue 'frame;
                                        }
                                    }
                                }
                            }
                        }
                        if let Value::Func(f) = &callable {
                            if f.code.flags & (cf::GENERATOR | cf::COROUTINE | cf::ASYNC_GENERATOR) == 0 {
                                vm.frames[fi].pc = pc;
                                vm.frames[fi].lasti = lasti;
                                let f = f.clone();
                                let cs = vm.stack.len();
                                tri!(push_frame(vm, &f, args, kw, cs, false));
                                continue 'frame;
                            }
                        }
                        vm.frames[fi].lasti = lasti;
                        let r = tri!(vm.call(&callable, args, kw));
                        spush(&mut vm.stack, r);
                    }
                    Opcode::CALL_FUNCTION_EX => {
                        let kwargs = if a & 1 != 0 { Some(pop!(vm)) } else { None };
                        let argsv = pop!(vm);
                        let callable = pop!(vm);
                        let _null = pop!(vm);
                        let args = tri!(ops::to_vec(vm, &argsv));
                        let mut kw: Kw = Vec::new();
                        if let Some(k) = kwargs {
                            tri!(ops::kwargs_from_mapping(vm, &k, &mut kw));
                        }
                        vm.frames[fi].lasti = lasti;
                        let r = tri!(vm.call(&callable, args, kw));
                        spush(&mut vm.stack, r);
                    }
                    Opcode::RETURN_VALUE => {
                        let v = pop!(vm);
                        do_return!(v);
                    }
                    Opcode::IS_OP => {
                        let b = pop!(vm);
                        let x = pop!(vm);
                        spush(&mut vm.stack, Value::Bool(x.is(&b) != (a == 1)));
                        drop_fast(b);
                        drop_fast(x);
                    }
                    Opcode::CONTAINS_OP => {
                        let b = pop!(vm);
                        let x = pop!(vm);
                        let r = tri!(ops::contains(vm, &b, &x));
                        spush(&mut vm.stack, Value::Bool(r != (a == 1)));
                    }
                    Opcode::UNARY_POSITIVE | Opcode::UNARY_NEGATIVE | Opcode::UNARY_INVERT => {
                        let v = pop!(vm);
                        let r = tri!(ops::unary(vm, opcode, &v));
                        spush(&mut vm.stack, r);
                    }
                    Opcode::UNARY_NOT => {
                        if let Some(Value::Bool(b)) = vm.stack.last_mut() {
                            *b = !*b;
                            continue;
                        }
                        let v = pop!(vm);
                        let t = tri!(ops::truthy(vm, &v));
                        drop_fast(v);
                        spush(&mut vm.stack, Value::Bool(!t));
                    }
                    Opcode::BINARY_SUBSCR => {
                        let l = vm.stack.len();
                        if l >= 2 {
                            // list[int] / tuple[int] in range: the item replaces the container.
                            let fast = match (&vm.stack[l - 2], &vm.stack[l - 1]) {
                                (Value::List(lst), Value::Int(i)) => {
                                    let lb = lst.borrow();
                                    let n = lb.len() as i64;
                                    let j = if *i < 0 { i.wrapping_add(n) } else { *i };
                                    if j >= 0 && j < n {
                                        Some(lb[j as usize].clone())
                                    } else {
                                        None
                                    }
                                }
                                (Value::Tuple(t), Value::Int(i)) => {
                                    let n = t.len() as i64;
                                    let j = if *i < 0 { i.wrapping_add(n) } else { *i };
                                    if j >= 0 && j < n {
                                        Some(t[j as usize].clone())
                                    } else {
                                        None
                                    }
                                }
                                _ => None,
                            };
                            if let Some(r) = fast {
                                // SAFETY: shrinking the length is always sound; the key is an Int (no
                                // destructor), so nothing is leaked.
                                unsafe { vm.stack.set_len(l - 1) };
                                drop_fast(std::mem::replace(&mut vm.stack[l - 2], r));
                                continue;
                            }
                            // dict[str] with the key present (`Value::Dict` is an exact dict: no
                            // `__missing__`; a str key runs no Python code).
                            let hit = match (&vm.stack[l - 2], &vm.stack[l - 1]) {
                                (Value::Dict(d), Value::Str(k)) => d.borrow().get_str(k).cloned(),
                                _ => None,
                            };
                            if let Some(r) = hit {
                                if let Some(k) = vm.stack.pop() {
                                    drop_fast(k);
                                }
                                drop_fast(sreplace(&mut vm.stack[l - 2], r));
                                continue;
                            }
                        }
                        let k = pop!(vm);
                        let o = pop!(vm);
                        let r = match (&o, &k) {
                            (Value::List(_), Value::Int(_)) => break 'inner vm.index_error("list index out of range"),
                            _ => tri!(ops::getitem(vm, &o, &k)),
                        };
                        spush(&mut vm.stack, r);
                    }
                    Opcode::STORE_SUBSCR => {
                        let k = pop!(vm);
                        let o = pop!(vm);
                        let v = pop!(vm);
                        if let (Value::List(l), Value::Int(i)) = (&o, &k) {
                            let mut lb = l.borrow_mut();
                            let n = lb.len() as i64;
                            let j = if *i < 0 { i.wrapping_add(n) } else { *i };
                            if j >= 0 && j < n {
                                drop_fast(sreplace(&mut lb[j as usize], v));
                                drop(lb);
                                drop_fast(o);
                                continue;
                            }
                            drop(lb);
                            break 'inner vm.index_error("list assignment index out of range");
                        }
                        tri!(ops::setitem(vm, &o, &k, v));
                        drop_fast(o);
                        drop_fast(k);
                    }
                    Opcode::DELETE_SUBSCR => {
                        let k = pop!(vm);
                        let o = pop!(vm);
                        tri!(ops::delitem(vm, &o, &k));
                    }
                    Opcode::BUILD_SLICE => {
                        let step = if a == 3 { pop!(vm) } else { Value::None };
                        let stop = pop!(vm);
                        let start = pop!(vm);
                        spush(&mut vm.stack, Value::obj(Object::Slice { start, stop, step }));
                    }
                    Opcode::BUILD_TUPLE | Opcode::BUILD_LIST | Opcode::BUILD_SET | Opcode::BUILD_STRING => {
                        let l = vm.stack.len();
                        if a > l {
                            break 'inner bad_code(vm, "stack underflow");
                        }
                        let items: Vec<Value> = if a == 0 { Vec::new() } else { vm.stack.split_off(l - a) };
                        let v = match opcode {
                            Opcode::BUILD_TUPLE => Value::tuple(items),
                            Opcode::BUILD_LIST => Value::list(items),
                            Opcode::BUILD_SET => tri!(crate::types::set::new_set(vm, items, false)),
                            _ => {
                                let mut s = String::new();
                                for it in &items {
                                    if let Value::Str(x) = it {
                                        s.push_str(x.as_str());
                                    }
                                }
                                Value::str(s)
                            }
                        };
                        spush(&mut vm.stack, v);
                    }
                    Opcode::BUILD_MAP => {
                        let l = vm.stack.len();
                        if 2 * a > l {
                            break 'inner bad_code(vm, "stack underflow");
                        }
                        let items: Vec<Value> = vm.stack.drain(l - 2 * a..).collect();
                        let d = crate::object::new_dict();
                        let mut it = items.into_iter();
                        while let (Some(k), Some(v)) = (it.next(), it.next()) {
                            tri!(crate::types::dict::dict_set(vm, &d, k, v));
                        }
                        spush(&mut vm.stack, Value::Dict(d));
                    }
                    Opcode::BUILD_CONST_KEY_MAP => {
                        let keys = pop!(vm);
                        let l = vm.stack.len();
                        if a > l {
                            break 'inner bad_code(vm, "stack underflow");
                        }
                        let vals: Vec<Value> = vm.stack.drain(l - a..).collect();
                        let d = crate::object::new_dict();
                        if let Value::Tuple(ks) = keys {
                            for (k, v) in ks.iter().zip(vals) {
                                tri!(crate::types::dict::dict_set(vm, &d, k.clone(), v));
                            }
                        }
                        spush(&mut vm.stack, Value::Dict(d));
                    }
                    Opcode::DICT_MERGE => {
                        let v = pop!(vm);
                        let target = peek(vm, a);
                        if let Err(e) = ops::collection_add(vm, opcode, &target, v.clone()) {
                            let f = peek(vm, a + 2);
                            break 'inner crate::exceptions::kwargs_error(vm, e, &f, &v);
                        }
                    }
                    Opcode::LIST_APPEND => {
                        let v = pop!(vm);
                        let l = vm.stack.len();
                        // The list stays on the stack: appended through a borrow, no Rc clone.
                        if a >= 1 && a <= l {
                            if let Value::List(lst) = &vm.stack[l - a] {
                                lst.borrow_mut().push(v);
                                continue;
                            }
                        }
                        let target = peek(vm, a);
                        tri!(ops::collection_add(vm, opcode, &target, v));
                    }
                    Opcode::SET_ADD | Opcode::LIST_EXTEND | Opcode::SET_UPDATE | Opcode::DICT_UPDATE => {
                        let v = pop!(vm);
                        let target = peek(vm, a);
                        tri!(ops::collection_add(vm, opcode, &target, v));
                    }
                    Opcode::MAP_ADD => {
                        let v = pop!(vm);
                        let k = pop!(vm);
                        if let Value::Dict(d) = peek(vm, a) {
                            tri!(crate::types::dict::dict_set(vm, &d, k, v));
                        }
                    }
                    Opcode::LIST_TO_TUPLE => {
                        let v = pop!(vm);
                        let t = match v {
                            Value::List(l) => Value::tuple(l.borrow().clone()),
                            other => other,
                        };
                        spush(&mut vm.stack, t);
                    }
                    Opcode::FORMAT_VALUE => {
                        let spec = if a & 4 != 0 { pop!(vm) } else { Value::None };
                        let v = pop!(vm);
                        let v = match a & 3 {
                            1 => Value::str(tri!(ops::to_str(vm, &v))),
                            2 => Value::str(tri!(ops::repr(vm, &v))),
                            3 => Value::str(crate::types::str::ascii_of(&tri!(ops::repr(vm, &v)))),
                            _ => v,
                        };
                        let r = match (&v, &spec) {
                            (Value::Str(_), Value::None) => v,
                            _ => {
                                let sp = match &spec {
                                    Value::Str(s) => s.as_str().to_string(),
                                    _ => String::new(),
                                };
                                Value::str(tri!(ops::format(vm, &v, &sp)))
                            }
                        };
                        spush(&mut vm.stack, r);
                    }
                    Opcode::UNPACK_SEQUENCE => {
                        let v = pop!(vm);
                        match &v {
                            Value::Tuple(t) if t.len() == a => {
                                for x in t.iter().rev() {
                                    spush(&mut vm.stack, x.clone());
                                }
                            }
                            Value::List(l) if l.borrow().len() == a => {
                                let l = l.borrow();
                                for x in l.iter().rev() {
                                    spush(&mut vm.stack, x.clone());
                                }
                            }
                            _ => {
                                let items = tri!(ops::unpack(vm, &v, a, None));
                                vm.stack.extend(items.into_iter().rev());
                            }
                        }
                        drop_fast(v);
                    }
                    Opcode::UNPACK_EX => {
                        let v = pop!(vm);
                        let before = a & 0xff;
                        let after = a >> 8;
                        let items = tri!(ops::unpack(vm, &v, before, Some(after)));
                        vm.stack.extend(items.into_iter().rev());
                    }
                    Opcode::GET_ITER => {
                        let v = pop!(vm);
                        let it = tri!(ops::iter(vm, &v));
                        spush(&mut vm.stack, it);
                    }
                    Opcode::GET_YIELD_FROM_ITER => {
                        let v = pop!(vm);
                        let it = match &v {
                            Value::Obj(o) if matches!(&**o, Object::Generator(_)) => v.clone(),
                            _ => tri!(ops::iter(vm, &v)),
                        };
                        spush(&mut vm.stack, it);
                    }
                    Opcode::FOR_ITER => {
                        let l = vm.stack.len();
                        if l == 0 {
                            break 'inner bad_code(vm, "stack underflow");
                        }
                        let fast = match &vm.stack[l - 1] {
                            Value::Obj(o) => match &**o {
                                Object::Iter(st) => crate::types::iter::fast_next(&mut st.borrow_mut()),
                                _ => None,
                            },
                            _ => None,
                        };
                        let next = match fast {
                            Some(r) => r,
                            None => {
                                let it = vm.stack[l - 1].clone();
                                vm.frames[fi].lasti = lasti;
                                // A plain generator runs in this loop: its frame is pushed on
                                // top of this one; YIELD_VALUE / its end come back here.
                                if let Value::Obj(o) = &it {
                                    if matches!(&**o, Object::Generator(_)) {
                                        vm.frames[fi].pc = pc;
                                        if let Some(started) = crate::generator::enter_inline(vm, o) {
                                            if started {
                                                spush(&mut vm.stack, Value::None);
                                            }
                                            continue 'frame;
                                        }
                                    }
                                }
                                tri!(ops::next(vm, &it))
                            }
                        };
                        match next {
                            Some(v) => {
                                // Fused FOR_ITER + STORE_FAST, and FOR_ITER + UNPACK_SEQUENCE 2 +
                                // two stores for a 2-tuple item: the item goes straight into the
                                // locals (stores cannot raise; skipping their dispatch is
                                // unobservable).
                                if let Some(n1) = insts.get(pc) {
                                    if let Some((s, ln)) = store_target(n1) {
                                        if let Some(slot) = vm.stack.get_mut(base + s) {
                                            drop_fast(sreplace(slot, v));
                                            pc += ln;
                                            continue;
                                        }
                                    } else if n1.op == Opcode::UNPACK_SEQUENCE && n1.arg == 2 {
                                        let p1 = pc + n1.len as usize;
                                        if let (Value::Tuple(t), Some(i1)) = (&v, insts.get(p1)) {
                                            if t.len() == 2 {
                                                if let Some((s1, l1)) = store_target(i1) {
                                                    if let Some((s2, l2)) = insts.get(p1 + l1).and_then(store_target) {
                                                        let l = vm.stack.len();
                                                        if base + s1 < l && base + s2 < l {
                                                            let (x0, x1) = (t[0].clone(), t[1].clone());
                                                            drop_fast(v);
                                                            drop_fast(sreplace(&mut vm.stack[base + s1], x0));
                                                            drop_fast(sreplace(&mut vm.stack[base + s2], x1));
                                                            pc = p1 + l1 + l2;
                                                            continue;
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                                spush(&mut vm.stack, v)
                            }
                            None => {
                                vm.stack.pop();
                                pc = a;
                            }
                        }
                    }
                    Opcode::YIELD_VALUE => {
                        let v = pop!(vm);
                        let f = &vm.frames[fi];
                        if !f.entry && f.gen.is_some() {
                            // Resumed inline by the caller's FOR_ITER: back to it.
                            crate::generator::yield_inline(vm, pc);
                            spush(&mut vm.stack, v);
                            continue 'frame;
                        }
                        let f = vm.frames.pop();
                        if let Some(f) = f {
                            if let Some(g) = &f.gen {
                                if let Object::Generator(gen) = &**g {
                                    let mut st = gen.state.borrow_mut();
                                    // Reuses the Vec's capacity (no allocation per yield).
                                    st.values.clear();
                                    crate::generator::move_tail(&mut vm.stack, f.base, &mut st.values);
                                    st.pc = pc;
                                }
                            }
                            vm.stack.truncate(f.call_start);
                        }
                        vm.yielded = true;
                        return Ok(v);
                    }
                    Opcode::SEND => {
                        let v = pop!(vm);
                        let recv = peek(vm, 1);
                        vm.frames[fi].lasti = lasti;
                        match tri!(crate::generator::send_to(vm, &recv, v)) {
                            (true, y) => spush(&mut vm.stack, y),
                            (false, r) => {
                                vm.stack.pop();
                                spush(&mut vm.stack, r);
                                pc = a;
                            }
                        }
                    }
                    Opcode::LOAD_BUILD_CLASS => {
                        let v = vm
                            .builtins
                            .borrow()
                            .get_str(&PyStr::new("__build_class__"))
                            .cloned()
                            .unwrap_or(Value::None);
                        spush(&mut vm.stack, v);
                    }
                    Opcode::SETUP_ANNOTATIONS => {
                        let name = vm.t.s_annotations.clone();
                        if let Some(Value::Dict(d)) = &vm.frames[fi].locals {
                            let has = d.borrow().get_str(&name).is_some();
                            if !has {
                                d.borrow_mut().set_str(name, Value::Dict(crate::object::new_dict()));
                            }
                        }
                    }
                    Opcode::IMPORT_NAME => {
                        let fromlist = pop!(vm);
                        let level = pop!(vm);
                        let name = code.names[a].clone();
                        vm.frames[fi].pc = pc;
                        vm.frames[fi].lasti = lasti;
                        let globals = vm.frames[fi].globals.clone();
                        let m = tri!(crate::modules::import(vm, &name, &fromlist, &level, &globals));
                        spush(&mut vm.stack, m);
                    }
                    Opcode::IMPORT_FROM => {
                        let m = peek(vm, 1);
                        let name = code.names[a].clone();
                        let v = tri!(crate::modules::import_from(vm, &m, &name));
                        spush(&mut vm.stack, v);
                    }
                    Opcode::IMPORT_STAR => {
                        let m = pop!(vm);
                        tri!(crate::modules::import_star(vm, fi, &m));
                    }
                    Opcode::RAISE_VARARGS => {
                        let e = tri!(crate::exceptions::do_raise(vm, a));
                        if a == 0 {
                            reraise = true;
                        }
                        break 'inner e;
                    }
                    Opcode::RERAISE => {
                        // `stack[-arg]` holds the original lasti (only used for the traceback
                        // line, which a re-raise does not add); the handler lookup uses this
                        // instruction's own offset.
                        let e = pop!(vm);
                        reraise = true;
                        break 'inner e;
                    }
                    Opcode::PUSH_EXC_INFO => {
                        let e = pop!(vm);
                        let prev = std::mem::replace(&mut vm.handled_exc, e.clone());
                        vm.handler_depth = vm.handler_depth.wrapping_add(1);
                        spush(&mut vm.stack, prev);
                        spush(&mut vm.stack, e);
                    }
                    Opcode::POP_EXCEPT => {
                        let prev = pop!(vm);
                        vm.handler_depth = vm.handler_depth.wrapping_sub(1);
                        vm.handled_exc = if prev.is_null() { Value::None } else { prev };
                    }
                    Opcode::CHECK_EXC_MATCH => {
                        let ty = pop!(vm);
                        let e = peek(vm, 1);
                        let r = tri!(crate::exceptions::exc_match(vm, &e, &ty));
                        spush(&mut vm.stack, Value::Bool(r));
                    }
                    Opcode::WITH_EXCEPT_START => {
                        let e = peek(vm, 1);
                        let exit = peek(vm, 4);
                        let ty = Value::Type(vm.type_of(&e));
                        let tb = crate::exceptions::traceback_of(vm, &e);
                        vm.frames[fi].lasti = lasti;
                        let r = tri!(vm.call(&exit, vec![ty, e, tb], Vec::new()));
                        spush(&mut vm.stack, r);
                    }
                    Opcode::BEFORE_WITH => {
                        let m = pop!(vm);
                        vm.frames[fi].lasti = lasti;
                        let (exit, r) = tri!(crate::exceptions::before_with(vm, &m, false));
                        spush(&mut vm.stack, exit);
                        spush(&mut vm.stack, r);
                    }
                    Opcode::BEFORE_ASYNC_WITH => {
                        let m = pop!(vm);
                        let (exit, r) = tri!(crate::exceptions::before_with(vm, &m, true));
                        spush(&mut vm.stack, exit);
                        spush(&mut vm.stack, r);
                    }
                    Opcode::GET_AWAITABLE => {
                        let v = pop!(vm);
                        let r = tri!(crate::generator::get_awaitable(vm, &v));
                        spush(&mut vm.stack, r);
                    }
                    Opcode::GET_AITER => {
                        let v = pop!(vm);
                        let s = vm.t.s_aiter.clone();
                        let r = match tri!(vm.call_method(&v, &s, vec![])) {
                            Some(r) => r,
                            None => {
                                let tn = vm.type_name(&v);
                                break 'inner vm.type_error(format!(
                                    "'async for' requires an object with __aiter__ method, got {tn}"
                                ));
                            }
                        };
                        spush(&mut vm.stack, r);
                    }
                    Opcode::GET_ANEXT => {
                        let v = peek(vm, 1);
                        let s = vm.t.s_anext.clone();
                        let r = match tri!(vm.call_method(&v, &s, vec![])) {
                            Some(r) => r,
                            None => {
                                let tn = vm.type_name(&v);
                                break 'inner vm.type_error(format!(
                                    "'async for' requires an iterator with __anext__ method, got {tn}"
                                ));
                            }
                        };
                        let r = tri!(crate::generator::get_awaitable(vm, &r));
                        spush(&mut vm.stack, r);
                    }
                    Opcode::END_ASYNC_FOR => {
                        let e = pop!(vm);
                        let t = vm.t.stop_async_iteration.clone();
                        if vm.exc_matches(&e, &t) {
                            vm.stack.pop();
                        } else {
                            reraise = true;
                            break 'inner e;
                        }
                    }
                    Opcode::ASYNC_GEN_WRAP => {
                        let v = pop!(vm);
                        spush(&mut vm.stack, crate::agen::wrap(v));
                    }
                    Opcode::LOAD_ASSERTION_ERROR => {
                        spush(&mut vm.stack, Value::Type(vm.t.assertion_error.clone()));
                    }
                    Opcode::MAKE_FUNCTION => {
                        let f = tri!(make_function(vm, fi, a));
                        spush(&mut vm.stack, f);
                    }
                    Opcode::MATCH_CLASS
                    | Opcode::MATCH_MAPPING
                    | Opcode::MATCH_SEQUENCE
                    | Opcode::MATCH_KEYS
                    | Opcode::GET_LEN
                    | Opcode::COPY_DICT_WITHOUT_KEYS
                    | Opcode::CHECK_EG_MATCH
                    | Opcode::PREP_RERAISE_STAR => {
                        tri!(crate::matching::exec(vm, opcode, a));
                    }
                    Opcode::SETUP_FINALLY | Opcode::SETUP_CLEANUP | Opcode::SETUP_WITH | Opcode::POP_BLOCK => {
                        break 'inner bad_code(vm, "pseudo-instruction");
                    }
                    // Quickened forms are only ever recorded in inline caches (`quick_op`), never in
                    // `insts` (and the verifier refuses them in files).
                    Opcode::LOAD_ATTR_INSTANCE
                    | Opcode::LOAD_ATTR_MODULE
                    | Opcode::LOAD_ATTR_CLASS
                    | Opcode::LOAD_ATTR_TYPE
                    | Opcode::LOAD_METHOD_INSTANCE
                    | Opcode::LOAD_METHOD_MODULE
                    | Opcode::LOAD_METHOD_BUILTIN
                    | Opcode::STORE_ATTR_INSTANCE => {
                        break 'inner bad_code(vm, "quickened instruction in code");
                    }
                }
            }
        };
        // ---- exception unwinding ------------------------------------------------------------
        let mut e = err;
        let mut first = true;
        loop {
            let Some(fr) = vm.frames.last_mut() else {
                return Err(e);
            };
            let unit = if first { lasti } else { fr.lasti };
            if !(first && reraise) {
                crate::exceptions::add_traceback(vm, &e, unit);
            }
            if first && !reraise {
                crate::exceptions::set_context(vm, &e);
            }
            first = false;
            reraise = false;
            let fr = vm.frames.last_mut().unwrap_or_else(|| unreachable!());
            let handler = fr.code.co.handler_for(unit as u32).copied();
            if let Some(h) = handler {
                let sb = fr.stack_base;
                fr.pc = h.target as usize;
                vm.stack.truncate(sb + h.depth as usize);
                if h.lasti {
                    spush(&mut vm.stack, Value::Int(unit as i64));
                }
                spush(&mut vm.stack, e);
                continue 'frame;
            }
            let f = match vm.frames.pop() {
                Some(f) => f,
                None => return Err(e),
            };
            vm.stack.truncate(f.call_start);
            if f.entry {
                return Err(e);
            }
            if f.gen.is_some() {
                // A generator frame resumed inline by FOR_ITER: the exception leaves it.
                if let Some(e2) = crate::generator::finish_inline(vm, &f, Some(e)) {
                    e = e2;
                } else {
                    return Err(bad_code(vm, "lost exception"));
                }
            }
            if vm.frames.is_empty() {
                return Err(e);
            }
            let _ = &mut e;
        }
    }
}

/// RETURN_VALUE from generator frame `fi` resumed inline by the `FOR_ITER` of frame `fi - 1`
/// (the return value is already dropped): pops the frame, finishes the generator, and makes
/// the caller's loop end as on `StopIteration` (iterator popped, jump to the loop exit).
#[cold]
#[inline(never)]
fn inline_gen_return(vm: &mut Vm, fi: usize) -> Result<(), Value> {
    let Some(f) = vm.frames.pop() else {
        return Err(bad_code(vm, "no frame"));
    };
    vm.stack.truncate(f.call_start);
    crate::generator::finish_inline(vm, &f, None);
    drop(f);
    let Some(caller) = fi.checked_sub(1).and_then(|ci| vm.frames.get_mut(ci)) else {
        return Err(bad_code(vm, "generator frame without caller"));
    };
    match caller.code.insts.get(caller.lasti) {
        Some(i) if i.op == Opcode::FOR_ITER => {
            caller.pc = i.arg as usize;
            vm.stack.pop();
            Ok(())
        }
        _ => Err(bad_code(vm, "generator frame not resumed by FOR_ITER")),
    }
}

/// A Python function whose frame `push_fast_frame` can build for `nargs` positional arguments.
#[inline(always)]
pub(crate) fn simple_call(f: &crate::object::Function, nargs: usize) -> bool {
    let c = &f.code;
    c.flags & SIMPLE_MASK == 0 && c.co.argcount as usize == nargs && c.co.kwonlyargcount == 0
}

/// The `__init__` function a call of class `t` runs inline (the same conditions as the generic
/// class-instantiation path of `CALL`), or None. Runs no Python code.
fn plain_class_init(vm: &mut Vm, t: &Rc<crate::object::Type>) -> Value {
    if t.builtin || t.kind != crate::object::Kind::Object || t.meta.borrow().is_some() {
        return Value::None;
    }
    let (new_name, init_name) = (vm.t.s_new.clone(), vm.t.s_init.clone());
    if ops::user_method(t, &new_name).is_some() {
        return Value::None;
    }
    match ops::user_method(t, &init_name) {
        Some(Value::Func(init)) if init.code.flags & (cf::GENERATOR | cf::COROUTINE | cf::ASYNC_GENERATOR) == 0 => {
            Value::Func(init)
        }
        _ => Value::None,
    }
}

const SIMPLE_MASK: u32 = cf::VARARGS | cf::VARKEYWORDS | cf::GENERATOR | cf::COROUTINE | cf::ASYNC_GENERATOR;

/// `pvm --stats`: per-opcode counters, kept only by the `STATS` variant of the dispatch loop.
pub mod stats {
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

    use format::Opcode;

    /// Executions of an instruction.
    pub const EXEC: usize = 0;
    /// Guard passed in a quickened instruction.
    pub const HIT: usize = 1;
    /// Guard failed in a quickened instruction (the generic path ran).
    pub const MISS: usize = 2;
    /// A quickened instruction was rewritten back to its generic form.
    pub const DEOPT: usize = 3;
    /// A generic instruction was rewritten to this quickened form.
    pub const SPECIALIZED: usize = 4;
    /// A specialization attempt found no specialized form (back-off).
    pub const FAILED: usize = 5;
    const KINDS: usize = 6;

    static ON: AtomicBool = AtomicBool::new(false);
    #[allow(clippy::declare_interior_mutable_const)]
    const Z: AtomicU64 = AtomicU64::new(0);
    #[allow(clippy::declare_interior_mutable_const)]
    const ROW: [AtomicU64; KINDS] = [Z; KINDS];
    static COUNTS: [[AtomicU64; KINDS]; 256] = [ROW; 256];

    /// Turns counting on (before the first instruction runs).
    pub fn enable() {
        ON.store(true, Relaxed);
    }

    /// True when `--stats` was given.
    #[inline(always)]
    pub fn enabled() -> bool {
        ON.load(Relaxed)
    }

    #[inline(always)]
    pub fn bump(op: Opcode, what: usize) {
        COUNTS[op as u8 as usize][what].fetch_add(1, Relaxed);
    }

    /// The report: one line per opcode family (generic opcode plus its quickened forms), then
    /// one line per quickened form.
    pub fn report() -> String {
        let get = |op: Opcode, k: usize| COUNTS[op as u8 as usize][k].load(Relaxed);
        let mut fams: Vec<(u64, String)> = Vec::new();
        let mut forms: Vec<String> = Vec::new();
        for &op in Opcode::ALL {
            if op.generic() != op {
                continue;
            }
            let members: Vec<Opcode> = Opcode::ALL.iter().copied().filter(|o| o.generic() == op).collect();
            let sum = |k: usize| members.iter().map(|&o| get(o, k)).sum::<u64>();
            let exec = get(op, EXEC);
            if exec == 0 {
                continue;
            }
            let (hit, miss, deopt, spec, failed) = (sum(HIT), sum(MISS), sum(DEOPT), sum(SPECIALIZED), get(op, FAILED));
            fams.push((
                exec,
                format!(
                    "{:<38} {:>13} {:>13} {:>11} {:>8} {:>8} {:>8}",
                    op.name(),
                    exec,
                    hit,
                    miss,
                    deopt,
                    spec,
                    failed
                ),
            ));
            for &m in members.iter().filter(|&&m| m != op) {
                let e = get(m, EXEC);
                if e > 0 || get(m, SPECIALIZED) > 0 {
                    forms.push(format!(
                        "  {:<36} {:>13} {:>13} {:>11} {:>8} {:>8}",
                        m.name(),
                        e,
                        get(m, HIT),
                        get(m, MISS),
                        get(m, DEOPT),
                        get(m, SPECIALIZED)
                    ));
                }
            }
        }
        fams.sort_by(|a, b| b.0.cmp(&a.0));
        let total: u64 = fams.iter().map(|f| f.0).sum();
        let mut out = format!(
            "pvm --stats: {total} instructions executed\n{:<38} {:>13} {:>13} {:>11} {:>8} {:>8} {:>8}\n",
            "family", "executions", "hits", "misses", "deopts", "special.", "failed"
        );
        for (_, l) in fams {
            out.push_str(&l);
            out.push('\n');
        }
        if !forms.is_empty() {
            out.push_str("quickened forms:\n");
            for l in forms {
                out.push_str(&l);
                out.push('\n');
            }
        }
        out
    }
}
