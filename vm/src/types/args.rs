//! Argument binding for native methods with CPython's (Argument Clinic) error messages.

use crate::value::Value;
use crate::vm::{Kw, PyResult, Vm};

/// Binds `args` (self already removed) and `kw` to `names`. The first `npos_only` names are
/// positional-only, names from `kw_only_from` on are keyword-only; the first `required`
/// names must be given. Returns one slot per name.
pub fn bind(
    vm: &mut Vm,
    fname: &str,
    args: &[Value],
    kw: &Kw,
    names: &[&str],
    required: usize,
    npos_only: usize,
    kw_only_from: usize,
) -> PyResult<Vec<Option<Value>>> {
    let maxpos = kw_only_from.min(names.len());
    if args.len() > maxpos {
        let given = args.len() + kw.len();
        let msg = if kw_only_from < names.len() {
            format!(
                "{fname}() takes at most {maxpos} positional argument{} ({} given)",
                if maxpos == 1 { "" } else { "s" },
                args.len()
            )
        } else if maxpos == 0 {
            format!("{fname}() takes no arguments ({given} given)")
        } else if required == maxpos {
            format!("{fname}() takes exactly {maxpos} argument{} ({given} given)", if maxpos == 1 { "" } else { "s" })
        } else {
            format!("{fname}() takes at most {maxpos} argument{} ({given} given)", if maxpos == 1 { "" } else { "s" })
        };
        return Err(vm.type_error(msg));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, a) in args.iter().enumerate() {
        out[i] = Some(a.clone());
    }
    for (k, v) in kw {
        let pos = names.iter().position(|n| *n == k.as_str());
        match pos {
            Some(p) if p >= npos_only => {
                if out[p].is_some() {
                    return Err(vm.type_error(format!(
                        "argument for {fname}() given by name ('{}') and position ({})",
                        k.as_str(),
                        p + 1
                    )));
                }
                out[p] = Some(v.clone());
            }
            _ => {
                if names.is_empty() || npos_only >= names.len() {
                    return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
                }
                return Err(vm.type_error(format!("'{}' is an invalid keyword argument for {fname}()", k.as_str())));
            }
        }
    }
    for i in 0..required {
        if out[i].is_none() {
            return Err(vm.type_error(format!("{fname}() missing required argument '{}' (pos {})", names[i], i + 1)));
        }
    }
    Ok(out)
}

/// Checks that a method received exactly the positional arguments in `min..=max` (after
/// self) and no keywords, with CPython's messages for METH_NOARGS / METH_O / varargs.
pub fn check_count(vm: &mut Vm, fname: &str, args: &[Value], kw: &Kw, min: usize, max: usize) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let msg = if max == 0 {
        format!("{fname}() takes no arguments ({n} given)")
    } else if min == max && max == 1 {
        format!("{fname}() takes exactly one argument ({n} given)")
    } else if n < min {
        format!("{fname} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
    } else {
        format!("{fname} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
    };
    Err(vm.type_error(msg))
}
