"""Regenerates the expected outputs next to every .py under valid/ and errors/ using CPython 3.11:
  X.ast     ast.dump(ast.parse(src)) or `ERR <lineno> <Kind>: <msg>`
  X.astpos  the same with include_attributes=True
  X.tokens  python3 -m tokenize X output, or `ERR: <stderr line>`
  X.tokense python3 -m tokenize -e X output
Run from this directory: python3 gen_expected.py"""
import ast, glob, io, os, tokenize
from token import tok_name

def ast_out(path, pos):
    src = open(path, "rb").read()
    try:
        return ast.dump(ast.parse(src, path), include_attributes=pos) + "\n"
    except SyntaxError as e:
        return "ERR %d %s: %s\n" % (e.lineno or 0, type(e).__name__, e.msg)
    except ValueError as e:
        return "ERR 0 SyntaxError: %s\n" % e

def tok_out(path, exact):
    try:
        with open(path, "rb") as f:
            tokens = list(tokenize.tokenize(f.readline))
    except IndentationError as err:
        line, column = err.args[1][1:3]
        return "ERR: %s:%d:%d: error: %s\n" % (path, line, column, err.args[0])
    except tokenize.TokenError as err:
        line, column = err.args[1]
        return "ERR: %s:%d:%d: error: %s\n" % (path, line, column, err.args[0])
    except SyntaxError as err:
        return "ERR: %s: error: %s\n" % (path, err)
    out = []
    for t in tokens:
        ty = t.exact_type if exact else t.type
        out.append("%-20s%-15s%-15r\n" % ("%d,%d-%d,%d:" % (t.start + t.end), tok_name[ty], t.string))
    return "".join(out)

for path in sorted(glob.glob("valid/*.py") + glob.glob("errors/*.py")):
    base = path[:-3]
    for ext, text in ((".ast", ast_out(path, False)), (".astpos", ast_out(path, True)),
                      (".tokens", tok_out(path, False)), (".tokense", tok_out(path, True))):
        with open(base + ext, "w", encoding="utf-8", newline="") as f:
            f.write(text)
