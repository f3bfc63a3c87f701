#!/usr/bin/env python3
"""Regenerates the expected outputs of compiler/tests (run with CPython 3.11 from this dir):
  symtable/*.py -> *.out   (via /work/shared/tools/symtable_dump.py semantics)
  codegen/*.py  -> *.meta  (code object metadata, depth-first over co_consts)
"""
import os, subprocess, sys, types
HERE = os.path.dirname(os.path.abspath(__file__))

def meta(code, out):
    out.append("%s argc=%d posonly=%d kwonly=%d flags=0x%x varnames=%s cellvars=%s freevars=%s" % (
        code.co_qualname, code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount,
        code.co_flags, ",".join(code.co_varnames), ",".join(code.co_cellvars), ",".join(code.co_freevars)))
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            meta(c, out)

for name in sorted(os.listdir(os.path.join(HERE, "codegen"))):
    if name.endswith(".py"):
        p = os.path.join(HERE, "codegen", name)
        out = []
        meta(compile(open(p, "rb").read(), name, "exec"), out)
        open(p[:-3] + ".meta", "w").write("\n".join(out) + "\n")
for name in sorted(os.listdir(os.path.join(HERE, "symtable"))):
    if name.endswith(".py"):
        p = os.path.join(HERE, "symtable", name)
        r = subprocess.run([sys.executable, "/work/shared/tools/symtable_dump.py", name],
                           cwd=os.path.join(HERE, "symtable"), capture_output=True, text=True)
        open(p[:-3] + ".out", "w").write(r.stdout if r.returncode == 0 else r.stderr)
for name in sorted(os.listdir(os.path.join(HERE, "run"))):
    if name.endswith(".py"):
        r = subprocess.run([sys.executable, name], cwd=os.path.join(HERE, "run"), capture_output=True, text=True)
        open(os.path.join(HERE, "run", name[:-3] + ".out"), "w").write(r.stdout)
