import sys
class A:
    x = 1
    def __repr__(self): return "A()"
a = A()
A.x = 2
print(a.x)
del A.x
print(hasattr(a, "x"))
try:
    raise KeyError("k")
except KeyError:
    print(sys.exc_info()[0].__name__, sys.exc_info()[1])
print(sys.exc_info())
class Desc:
    def __get__(self, obj, owner):
        return ("get", obj, owner.__name__)
class B:
    d = Desc()
print(B.d, B().d[0])
class C:
    @property
    def p(self):
        raise AttributeError("inner")
    def __getattr__(self, n):
        return "ga " + n
print(C().p)
class D(dict):
    def __getitem__(self, k):
        return super().__getitem__(k) * 10
d = D(a=1)
print(d["a"], d.get("a"), dict.__getitem__(d, "a"))
class E(Exception):
    pass
e = E("a", "b")
print(str(e), repr(e), e.args)
try:
    try:
        1/0
    except ZeroDivisionError as z:
        raise ValueError("v") from z
except ValueError as v:
    print(repr(v.__cause__), v.__suppress_context__)
class S(str):
    pass
print(S("x") + "y", type(S("x") + "y").__name__, S("ab").upper())
print(int.__add__(1, 2), (5).__mul__(2))
class Cnt:
    n = 0
    def __init__(self):
        type(self).n += 1
Cnt(); Cnt()
print(Cnt.n)
print("x" in vars(A))
class WithDoc:
    "doc here"
print(WithDoc.__doc__, WithDoc().__doc__)
print(A.__name__, A.__qualname__, A.__module__)
class Outer:
    class Inner: pass
print(Outer.Inner.__qualname__, repr(Outer.Inner))
print(object.__new__(A))
class NoInit:
    pass
try:
    NoInit(1)
except TypeError as e:
    print(e)
class F:
    def m(self): pass
print(F.m.__qualname__, F().m.__self__ is not None, F().m.__func__ is F.m)
print(F().m == F().m)
