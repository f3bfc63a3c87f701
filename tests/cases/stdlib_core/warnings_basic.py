import sys
import warnings

sys.stderr = sys.stdout  # show warnings in the output


def clean(msg):
    return str(msg).replace(__file__, "FILE")


def old_api():
    warnings.warn("old_api is deprecated", DeprecationWarning, stacklevel=2)
    return 1


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("first")
    warnings.warn("a runtime problem", RuntimeWarning)
    old_api()
    warnings.warn(UserWarning("instance message"))
for w in caught:
    print(w.category.__name__, str(w.message), w.lineno, w.filename == __file__)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("default")
    for i in range(3):
        warnings.warn("repeated")
    print("default keeps one per location:", len(caught))

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("once")
    warnings.warn("same")
    warnings.warn("same")
    warnings.warn("different")
    print("once:", [str(w.message) for w in caught])

with warnings.catch_warnings():
    warnings.simplefilter("error", category=RuntimeWarning)
    try:
        warnings.warn("now an error", RuntimeWarning)
    except RuntimeWarning as e:
        print("raised:", e)
    warnings.simplefilter("ignore")
    warnings.warn("silenced")

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", message="skip")
    warnings.filterwarnings("error", category=SyntaxWarning)
    warnings.warn("skip me")
    warnings.warn("keep me")
    try:
        warnings.warn("syntax", SyntaxWarning)
    except SyntaxWarning as e:
        print("error filter:", e)
    print([str(w.message) for w in caught])

print(clean(warnings.formatwarning("message", UserWarning, "mod.py", 12, "code line")), end="")
print(clean(warnings.formatwarning("no line", FutureWarning, "mod.py", 3)), end="")
warnings.showwarning("shown", UserWarning, "x.py", 5, file=sys.stdout, line="source")


def custom(message, category, filename, lineno, file=None, line=None):
    print("custom:", category.__name__, message)


with warnings.catch_warnings():
    warnings.simplefilter("always")
    warnings.showwarning = custom
    warnings.warn("routed")
print(warnings.showwarning is not custom)
import io
_real, sys.stderr = sys.stderr, io.StringIO()
warnings.warn("printed to stderr (stdout here)")
warnings.warn("deprecations are ignored by default", DeprecationWarning)
_captured, sys.stderr = sys.stderr.getvalue(), _real
print(clean(_captured), end="")
warnings.warn("pending", PendingDeprecationWarning)
