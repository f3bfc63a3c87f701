import sys
import traceback
import linecache

HERE = __file__


def clean(text):
    return text.replace(HERE, "FILE")


def inner(data):
    return data["key"] + 10 / 0


def middle(data):
    return inner(data)


def outer():
    try:
        middle({"key": 1})
    except ZeroDivisionError:
        print(clean(traceback.format_exc()), end="")
        etype, value, tb = sys.exc_info()
        summary = traceback.extract_tb(tb)
        print([(f.name, f.lineno, f.line) for f in summary])
        print(traceback.format_exception_only(etype, value))
        print(len(traceback.format_tb(tb)), clean(traceback.format_tb(tb)[-1]), end="")


outer()

try:
    middle({})
except KeyError as e:
    lines = traceback.format_exception(type(e), e, e.__traceback__)
    print(clean("".join(lines)), end="")
    print(clean("".join(traceback.format_exception(e, limit=1))), end="")
    te = traceback.TracebackException.from_exception(e)
    print(te.exc_type.__name__, str(te), len(te.stack), te.stack[-1].name)

# chained exceptions
try:
    try:
        int("nope")
    except ValueError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError:
    print(clean(traceback.format_exc()), end="")

try:
    try:
        [][1]
    except IndexError:
        raise KeyError("during")
except KeyError:
    print(clean(traceback.format_exc()), end="")
    print(clean(traceback.format_exc(chain=False)), end="")

# print_exc to a file object
try:
    None.attr
except AttributeError:
    import io
    buf = io.StringIO()
    traceback.print_exc(file=buf)
    print(clean(buf.getvalue()), end="")


def show_stack():
    stack = traceback.extract_stack()
    print([f.name for f in stack][-3:])
    print(clean("".join(traceback.format_stack(limit=2))), end="")


def caller():
    show_stack()


caller()
print(traceback.format_exception_only(SyntaxError, SyntaxError("bad", ("f.py", 1, 4, "x = = 1\n"))))
print(linecache.getline(HERE, 12).strip(), repr(linecache.getline(HERE, 100000)), repr(linecache.getline("nonexistent.py", 1)))
print(len(linecache.getlines(HERE)) > 50)
fs = traceback.FrameSummary("f.py", 3, "func", line="x = 1")
print(fs, fs.line, list(fs))
print(traceback.format_list([("a.py", 1, "f", "pass"), fs]))
