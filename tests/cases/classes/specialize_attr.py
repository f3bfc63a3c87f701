# Adaptive specialization (inline caches): attribute loads/stores, methods, class values,
# module attributes, polymorphic receivers, invalidation when classes change, __getattr__,
# __slots__, properties, class instantiation with __init__, bound methods, dict[str], str compares.
import math
class A:
    k = 10
    def __init__(self, x):
        self.x = x
        self.y = x * 2
    def m(self):
        return self.x + self.y
class B(A):
    pass
def run(objs):
    t = 0
    for o in objs:
        t += o.x + o.y + o.m() + o.k
        o.x = o.x + 1
    return t
objs = [A(i) for i in range(50)] + [B(i) for i in range(50)]
for r in range(5):
    print(run(objs))
A.k = 20
print(run(objs))
A.m = lambda self: 1000
print(run(objs))
o = objs[0]
o.m = lambda: 5
o.k = 7
print(run(objs))
del A.k
try:
    print(run(objs))
except AttributeError as e:
    print("AE", e)
class P:
    def __init__(self): self._v = 3
    @property
    def x(self): return self._v * 10
    y = 1
objs2 = [P() for i in range(10)]
try:
    run(objs2)
except AttributeError as e:
    print("AE", e)
for i in range(40):
    v = math.sqrt(i) + math.pi
print(v)
l = []
for i in range(40):
    l.append(i)
    s = "a,b".split(",")
    d = {}.get(1, 2)
print(len(l), s, d)
class C:
    def __getattr__(self, n): return n
c = C()
for i in range(30):
    c.z = i
    q = c.z
    w = c.nope
print(q, w)
class D:
    __slots__ = ('a',)
dd = D()
for i in range(30):
    dd.a = i
    q = dd.a
print(q)
class E:
    X = 5
for i in range(30):
    q = E.X
    if i == 20:
        E.X = 6
print(q)
class P2:
    def __init__(self, a, b=3):
        self.a = a; self.b = b
class Q(P2):
    pass
class R:
    def __new__(cls, *a):
        o = object.__new__(cls); o.z = 1; return o
    def __init__(self, x):
        self.x = x
class S:
    def __init__(self):
        return 5
t = 0
for i in range(100):
    p = P2(i); q = Q(i, 4); r = R(i)
    t += p.a + p.b + q.b + r.x + r.z
print(t)
try:
    S()
except TypeError as e:
    print(e)
class M:
    def f(self, x): return x + 1
m = M()
bf = m.f
for i in range(50):
    t += bf(i)
print(t)
P2.__init__ = lambda self, a, b=7: setattr(self, 'a', a) or setattr(self, 'b', b)
print(P2(1).b)
d = {"a": 1, "b": 2}
for i in range(30):
    t += d["a"]
try:
    d["zz"]
except KeyError as e:
    print("KE", e)
print(t, "a" < "b", "é" > "z", "abc" == "abc", "x" != "x")
for w in ["b", "a", "c"]*10:
    if w == "a":
        t += 1
print(t)
def deep(n):
    return P2(n) if n == 0 else deep(n-1)
import sys
print(deep(50).a)
