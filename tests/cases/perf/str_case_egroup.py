# ASCII fast path of str.lower/upper vs the full Unicode path; exception-group detection.
words = ["KaLo", "MINE", "ru", "", "ΣΑΣ", "straße", "İx", "Abc Def!"]
for w in words:
    print(repr(w.lower()), repr(w.upper()), w.lower() == w.casefold())


class MyGroup(ExceptionGroup):
    pass


class BaseExceptionGroupLike(Exception):
    pass


try:
    raise MyGroup("m", [ValueError(1)])
except* ValueError as eg:
    print(type(eg).__name__, str(eg), eg.exceptions)

e = BaseExceptionGroupLike("x")
print(str(e), hasattr(e, "exceptions"))
try:
    raise KeyError(3)
except KeyError as k:
    print(repr(k), str(k))
