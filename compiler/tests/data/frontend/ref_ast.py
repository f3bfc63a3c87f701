"""Reference for fe_dump: python3 ref_ast.py [--positions] FILE... (one line per file)."""
import ast, sys
args = sys.argv[1:]
pos = "--positions" in args
for f in [a for a in args if a != "--positions"]:
    try:
        src = open(f, "rb").read()
        t = ast.parse(src, f)
        print("%s\t%s" % (f, ast.dump(t, include_attributes=pos)))
    except SyntaxError as e:
        print("%s\tERR %s %s: %s (offset %s)" % (f, e.lineno or 0, type(e).__name__, e.msg, e.offset))
    except ValueError as e:
        print("%s\tERR 0 SyntaxError: %s (offset 0)" % (f, e))
    except RecursionError as e:
        print("%s\tERR 0 RecursionError: %s (offset 0)" % (f, e))
