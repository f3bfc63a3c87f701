"""Reference for `fe_dump --tokens`: python3 ref_tokens.py [-e] FILE... prints, per file,
`==> FILE` then exactly what `python3 -m tokenize [-e] FILE` prints (stdout), or
`ERR: <stderr line>`."""
import sys, tokenize
from token import tok_name
args = sys.argv[1:]
exact = "-e" in args
for filename in [a for a in args if a != "-e"]:
    print("==> " + filename)
    try:
        with open(filename, "rb") as f:
            tokens = list(tokenize.tokenize(f.readline))
        out = []
        for token in tokens:
            token_type = token.type
            if exact:
                token_type = token.exact_type
            token_range = "%d,%d-%d,%d:" % (token.start + token.end)
            out.append("%-20s%-15s%-15r" % (token_range, tok_name[token_type], token.string))
        print("\n".join(out))
    except IndentationError as err:
        line, column = err.args[1][1:3]
        print("ERR: %s:%d:%d: error: %s" % (filename, line, column, err.args[0]))
    except tokenize.TokenError as err:
        line, column = err.args[1]
        print("ERR: %s:%d:%d: error: %s" % (filename, line, column, err.args[0]))
    except SyntaxError as err:
        print("ERR: %s: error: %s" % (filename, err))
    except Exception as err:
        print("ERR: unexpected error: %s" % err)
