import os.path as osp
import collections.abc
from collections import OrderedDict as OD, defaultdict
print(osp.basename("/a/b"), collections.abc.Mapping.__name__, OD.__name__, defaultdict.__name__)
def cellparam(a, b):
    def inner():
        return a + b
    a += 1
    return inner()
print(cellparam(1, 2))
class Priv:
    __slots__ = ("__x", "y")
    def __init__(self): self.__x = 5; self.y = 1
    def get(self): return self.__x, hasattr(self, "_Priv__x")
    def __m(self): return "mangled"
    def call(self): return self.__m()
print(Priv().get(), Priv().call())
def fin_override():
    try:
        return 1
    finally:
        return 2
print(fin_override())
def break_in_finally():
    out = []
    for i in range(5):
        try:
            out.append(i)
            if i == 2:
                raise ValueError
        finally:
            if i == 2:
                break
    return out
print(break_in_finally())
def cont_in_finally():
    out = []
    for i in range(4):
        try:
            if i % 2: raise KeyError(i)
            out.append(i)
        except KeyError as e:
            out.append(("k", e.args[0]))
            continue
        finally:
            out.append("f")
    return out
print(cont_in_finally())
def with_return():
    with open("/dev/null") as f:
        return f.closed
print(with_return())
def many(*a, **k): return len(a), sorted(k)
print(many(*range(40), 1, 2, *[3], x=1, **{"y": 2}, z=3))
print(many(1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33))
d = {"k%d" % 0: 0, "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10, "k": 11, "l": 12, "m": 13, "n": 14, "o": 15, "p": 16, "q": 17, **{"r": 18}, "s": 19}
print(len(d), d["s"])
L = [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,*[33]]
print(len(L), L[-1])
n = 7
s = f"{n}a{n}b{n}c{n}d{n}e{n}f{n}g{n}h{n}i{n}j{n}k{n}l{n}m{n}n{n}o{n}p{n}q{n}r"
print(s)
for (i, j), k in [((1, 2), 3)]: print(i, j, k)
fs = [lambda i=i: i * 2 for i in range(3)]
print([f() for f in fs])
def gen_ret():
    x = yield 1
    return x * 2
g = gen_ret(); next(g)
try:
    g.send(21)
except StopIteration as e:
    print("ret", e.value)
def cond(a, b, c):
    if not (a and b) or (c and not a):
        return 1
    elif a < b <= c and not b == c:
        return 2
    return 3 if a else 4
print([cond(a, b, c) for a in (0, 1) for b in (0, 2) for c in (0, 2)])
@dataclass_like if False else (lambda c: c)
class Dec:
    x: int = 1
print(Dec.__annotations__, Dec.x)
class P:
    def __init__(self): self._v = 0
    @property
    def v(self): return self._v
    @v.setter
    def v(self, val): self._v = val * 2
p = P(); p.v = 4; print(p.v)
class Base:
    subs = []
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        Base.subs.append((cls.__name__, tag))
class S1(Base, tag="one"): pass
class S2(Base): pass
print(Base.subs)
def outer():
    x = 1
    class C:
        x = 2
        def m(self): return x
        y = [x for _ in range(1)]
    return C().m(), C.y, C.x
print(outer())
def deleter():
    v = 1
    def r(): return v
    del v
    try:
        r()
    except NameError as e:
        print("NameError", e)
deleter()
def walrus_comp(xs):
    if any((hit := x) > 2 for x in xs):
        return hit
print(walrus_comp([1, 3, 5]))
x = 10
def shadow():
    print(x)
shadow()
try:
    def bad():
        print(y_undefined)
        y_undefined = 1
    bad()
except UnboundLocalError as e:
    print("UnboundLocalError", e)
print(-2 ** 2, 2 ** -1, 7 // -2, -7 % 3, 1e308 * 10, 10**30, -(2**63), ~5, not 0)
print(0.1 + 0.2, 1_000_000, 0x_ff, 0o17, 0b101, 1j * 1j, "a" "b", b"x" b"y")
t = 1, 2
a = b = c = 3
a, b = b, a + 1
print(t, a, b, c)
i = 0
while i < 10:
    i += 1
    if i == 3: continue
    if i == 8: break
else:
    print("no")
print(i)
print(*(x for x in "abc"), sep=",")
class Ctx:
    def __enter__(self): return "e"
    def __exit__(self, t, v, tb): print("exit", t); return False
try:
    with Ctx() as e1, Ctx() as e2:
        raise RuntimeError("r")
except RuntimeError as err:
    print("caught", err)
print(type(e1), "err" in dir())
