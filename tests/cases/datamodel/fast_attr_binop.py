# Fused `local.attr` / `local.method()` / `local.attr = v` and inline user binary operators:
# results must stay right when the cached shapes change under the running loop.


class V:
    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x

    def __add__(self, other):
        if isinstance(other, V):
            return V(self.x + other.x)
        if other == 99:
            return NotImplemented
        return V(self.x + other)

    def __mul__(self, k):
        return V(self.x * k)

    def __sub__(self, other):
        raise ValueError("no sub")


class W(V):
    def get(self):
        return -self.x


def loop(objs):
    total = 0
    for o in objs:
        total += o.x
        total += o.get()
        o.x = o.x + 1
    return total


vs = [V(i) for i in range(10)]
print(loop(vs), loop(vs))
# Shadow the method in one instance dict, then a subclass receiver, then a new class attribute.
vs[3].get = lambda: 1000
print(loop(vs))
vs.append(W(5))
print(loop(vs))
V.get = lambda self: 7
print(loop(vs))
del vs[0].x
try:
    loop(vs)
except AttributeError as e:
    print("AttributeError", e)

a = V(1)
acc = V(0)
for i in range(20):
    acc = acc + a
    acc = acc + 2
    acc = acc * 1.5
print(acc.x)
try:
    a + 99
except TypeError as e:
    print("TypeError", e)
try:
    a + "s"
except TypeError as e:
    print("TypeError", e)
try:
    a - a
except ValueError as e:
    print("ValueError", e)


class R:
    def __radd__(self, other):
        return "radd"


class S(V):
    def __radd__(self, other):
        return "S.radd"


print(a + R() if False else "skip", V(1) + S(2) if True else None)
print(2 + R())


def deep(n):
    v = V(0)
    for _ in range(n):
        v = v + 1
    return v.x


print(deep(50))


class Slots:
    __slots__ = ("x",)

    def __init__(self):
        self.x = 1


s = Slots()
t = 0
for i in range(10):
    s.x = s.x + i
    t += s.x
print(t)
