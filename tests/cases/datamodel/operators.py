class Vec:
    def __init__(self, *c): self.c = c
    def __add__(self, o):
        if not isinstance(o, Vec): return NotImplemented
        return Vec(*(a + b for a, b in zip(self.c, o.c)))
    def __mul__(self, k): return Vec(*(a * k for a in self.c))
    __rmul__ = __mul__
    def __neg__(self): return Vec(*(-a for a in self.c))
    def __abs__(self): return sum(a * a for a in self.c) ** 0.5
    def __eq__(self, o): return isinstance(o, Vec) and self.c == o.c
    def __lt__(self, o): return abs(self) < abs(o)
    def __repr__(self): return f"Vec{self.c}"
    def __bool__(self): return any(self.c)
    def __len__(self): return len(self.c)
    def __iter__(self): return iter(self.c)
    def __getitem__(self, i): return self.c[i]
    def __contains__(self, x): return x in self.c
    def __matmul__(self, o): return sum(a * b for a, b in zip(self.c, o.c))
    def __iadd__(self, o):
        self.c = tuple(a + b for a, b in zip(self.c, o.c)); return self
    def __hash__(self): return hash(self.c)
v, w = Vec(1, 2), Vec(3, 4)
print(v + w, v * 2, 3 * v, -v, abs(w), v == Vec(1, 2), v != w, v < w, v > w, sorted([w, v]))
print(bool(Vec(0, 0)), len(v), list(v), v[1], 2 in v, v @ w, max(v, w), {v, Vec(1, 2)})
u = v; u += w; print(u, v is u)
try:
    v + 1
except TypeError as e:
    print(e)
try:
    v < 1
except Exception as e:
    print(type(e).__name__, e)
try:
    v ** 2
except TypeError as e:
    print(e)
try:
    -object()
except TypeError as e:
    print(e)
class R:
    def __radd__(self, o): return f"radd {o}"
    def __rsub__(self, o): return f"rsub {o}"
    def __rpow__(self, o): return f"rpow {o}"
print(1 + R(), 2 - R(), 3 ** R(), [1] + R())
class Sub(Vec):
    def __radd__(self, o): return "Sub radd wins"
    def __add__(self, o): return "Sub add"
print(Vec(1) + Sub(1))
class Cmp:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == getattr(o, "v", o)
print(Cmp(1) == 1, 1 == Cmp(1), Cmp(1) != 2, [Cmp(1)].index(1), Cmp(2) in [1, 2])
