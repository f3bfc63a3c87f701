"""Generates compiler/src/unicode_tables.rs from CPython 3.11's unicodedata (run with python3.11)."""
import sys, unicodedata

def ranges(pred):
    r = []; start = None
    for c in range(0x110000):
        p = pred(c)
        if p and start is None: start = c
        if not p and start is not None: r.append((start, c - 1)); start = None
    if start is not None: r.append((start, 0x10FFFF))
    return r

def table(name, rs, doc):
    out = ["/// %s" % doc, "pub static %s: &[(u32, u32)] = &[" % name]
    line = "   "
    for a, b in rs:
        item = " (0x%X, 0x%X)," % (a, b)
        if len(line) + len(item) > 99:
            out.append(line); line = "   "
        line += item
    out.append(line); out.append("];\n")
    return "\n".join(out)

parts = ["//! Unicode tables generated from CPython %s's unicodedata %s by\n//! `compiler/tests/data/frontend/gen_unicode_tables.py`. Do not edit.\n" % (sys.version.split()[0], unicodedata.unidata_version)]
parts.append(table("NON_PRINTABLE", ranges(lambda c: not chr(c).isprintable()), "Code points for which `str.isprintable()` is false."))
parts.append(table("ID_START", ranges(lambda c: c >= 0x80 and chr(c).isidentifier()), "Non-ASCII code points that may start an identifier (XID_Start plus NFKC closure)."))
parts.append(table("ID_CONTINUE", ranges(lambda c: c >= 0x80 and ("a" + chr(c)).isidentifier()), "Non-ASCII code points that may continue an identifier."))
import re
parts.append(table("WORD", ranges(lambda c: c >= 0x80 and re.match(r"\w", chr(c)) is not None), "Non-ASCII code points matched by `re`'s `\\w` (used by the tokenize module's Name)."))
nf = [(c, unicodedata.normalize("NFKC", chr(c))) for c in range(0x80, 0x110000)
      if ("a" + chr(c)).isidentifier() and unicodedata.normalize("NFKC", chr(c)) != chr(c)]
out = ["/// Per-code-point NFKC mapping of identifier characters whose normal form differs.", "pub static NFKC: &[(u32, &str)] = &["]
for c, s in nf:
    out.append("    (0x%X, \"%s\")," % (c, "".join("\\u{%x}" % ord(ch) for ch in s)))
out.append("];\n")
parts.append("\n".join(out))
open(sys.argv[1], "w").write("\n".join(parts))
