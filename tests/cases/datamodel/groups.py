# exception groups and except*
eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ExceptionGroup("inner", [ValueError(3)])])
print(eg, eg.message, len(eg.exceptions), type(eg).__name__)
m, r = eg.split(ValueError)
print(repr(m), repr(r))
print(eg.subgroup(lambda e: isinstance(e, TypeError)))
print(type(BaseExceptionGroup("x", [ValueError()])).__name__)
try:
    ExceptionGroup("x", [KeyboardInterrupt()])
except TypeError as e:
    print("TypeError:", e)
try:
    ExceptionGroup("x", [])
except ValueError as e:
    print("ValueError:", e)
try:
    raise eg
except* ValueError as g:
    print("caught values", repr(g))
except* TypeError as g:
    print("caught types", repr(g))
try:
    try:
        raise ExceptionGroup("g", [ValueError("v"), KeyError("k")])
    except* ValueError:
        print("handled ValueError")
except ExceptionGroup as rest:
    print("rest:", repr(rest))
try:
    raise ValueError("naked")
except* ValueError as g:
    print("naked wrapped:", repr(g))
e = ValueError("x")
e.add_note("note 1")
print(e.__notes__)
try:
    e.add_note(5)
except TypeError as err:
    print("TypeError:", err)
