class ML(list):
    def __init__(self, it, tag):
        super().__init__(it)
        self.tag = tag
    def __getitem__(self, i):
        r = super().__getitem__(i)
        return r * 10 if isinstance(i, int) else r
m = ML([1, 2, 3], "t")
print(m, m[0], m[0:2], len(m), m.tag, list(m), 2 in m, m == [1, 2, 3], m + [4], type(m + [4]).__name__)
m.append(4); m.extend([5]); m[0] = 9
print(m, sorted(m), sum(m), m.index(3), m.count(9), bool(ML([], "e")))
for x in m: print(x, end=" ")
print()
class MD(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)
d = MD(a=1)
d["b"] = 2
d.update(c=3)
print(d, dict(d), {**d}, len(d), list(d.items()), d.get("b"), "a" in d, type(d).__name__)
class MI(int):
    def __repr__(self): return f"MI({int(self)})"
x = MI(5)
print(x, repr(x), x + 1, type(x + 1).__name__, x == 5, {x: 1}[5], str(x), f"{x:03d}", -x, abs(MI(-3)), x * 2.0)
class MS(str):
    pass
s = MS("Hello")
print(s, s.lower(), type(s.lower()).__name__, s[1:], s * 2, s.split("l"), f"{s:>7}", "%s!" % s, s == "Hello", hash(s) == hash("Hello"), len(s))
class MT(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    def first(self): return self[0]
t = MT(1, 2)
print(t, t.first(), len(t), t + (3,), isinstance(t, tuple), t == (1, 2), hash(t) == hash((1, 2)))
a, b = t
print(a, b)
class MF(float):
    pass
print(MF(1.5) + 1, MF(2.5).is_integer(), round(MF(2.5)))
class MSet(set):
    pass
ms = MSet([1, 2])
ms.add(3)
print(sorted(ms), 2 in ms, len(ms), ms | {4})
class E(Exception):
    def __init__(self, a, b):
        super().__init__(a, b)
        self.a = a
e = E(1, 2)
print(e.args, e.a, str(e), repr(e))
class E2(ValueError):
    pass
try:
    int("x")
except ValueError as v:
    print(type(v).__name__)
try:
    raise E2("custom")
except ValueError as v:
    print(type(v).__name__, v)
