//! `pyc symtable`: the canonical text dump of the symbol table, byte for byte what
//! `/work/shared/tools/symtable_dump.py` prints for CPython 3.11 (see that script for the format).

use crate::symtable::{flag, BlockKind, SymbolTable};

const FLAG_WORDS: [(u32, &str); 10] = [
    (4, "parameter"),
    (1, "declared_global"),
    (8, "nonlocal"),
    (2, "assigned"),
    (16, "referenced"),
    (32, "free_use"),
    (64, "free_class"),
    (128, "imported"),
    (256, "annotated"),
    (512, "comp_iter"),
];

/// Renders every scope of `table` (depth-first pre-order, module first) as
/// `scope <type> <path> line <n>[ nested]` followed by one `  <name> <scope> <flags...>` line per
/// symbol sorted by name. The result ends with a newline.
pub fn dump_symtable(table: &SymbolTable) -> String {
    let mut out = String::new();
    dump(table, 0, "top", &mut out);
    out
}

fn dump(t: &SymbolTable, s: usize, path: &str, out: &mut String) {
    let ste = &t.scopes[s];
    let kind = match ste.kind {
        BlockKind::Module => "module",
        BlockKind::Class => "class",
        BlockKind::Function => "function",
    };
    out.push_str(&format!("scope {kind} {path} line {}", ste.lineno));
    if ste.nested {
        out.push_str(" nested");
    }
    out.push('\n');
    let child_names: Vec<&str> = ste.children.iter().map(|&c| t.scopes[c].name.as_str()).collect();
    let mut names: Vec<(&String, &u32)> = ste.symbols.iter().collect();
    // Code-point order: Rust's str ordering is byte order of UTF-8, which is code-point order.
    names.sort_by(|a, b| a.0.cmp(b.0));
    for (name, &raw) in names {
        let scope = (raw >> flag::SCOPE_OFF) & 7;
        let sname = match scope {
            0 => "unresolved".to_string(),
            1 => "local".into(),
            2 => "global_explicit".into(),
            3 => "global_implicit".into(),
            4 => "free".into(),
            5 => "cell".into(),
            n => format!("scope{n}"),
        };
        let mut words = vec![sname];
        let mut known = 0;
        for (bit, w) in FLAG_WORDS {
            known |= bit;
            if raw & bit != 0 {
                words.push(w.to_string());
            }
        }
        let low = raw & ((1 << flag::SCOPE_OFF) - 1);
        for n in 0..flag::SCOPE_OFF {
            if low & (1 << n) != 0 && known & (1 << n) == 0 {
                words.push(format!("bit{n}"));
            }
        }
        if child_names.contains(&name.as_str()) {
            words.push("namespace".into());
        }
        out.push_str(&format!("  {name} {}\n", words.join(" ")));
    }
    for &c in &ste.children {
        let p = format!("{path}.{}", t.scopes[c].name);
        dump(t, c, &p, out);
    }
}
