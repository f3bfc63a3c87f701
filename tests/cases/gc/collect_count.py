# gc.collect() finds unreachable cycles and returns how many objects they held.
import gc


class N:
    pass


gc.collect()
print(gc.collect())

a = N()
b = N()
a.o = b
b.o = a
del a, b
print("pair", gc.collect())

a = N()
b = N()
a.children = [b]
b.parent = a
del a, b
print("list", gc.collect())

a = N()
a.d = {"self": a}
del a
print("dict", gc.collect())

a = N()
a.t = (a, 1)
del a
print("tuple", gc.collect())


def f():
    x = N()

    def g():
        return x

    x.g = g


f()
print("closure", gc.collect())


class S:
    __slots__ = ("o",)


a = S()
a.o = a
del a
print("slots", gc.collect())

chain = [N() for _ in range(10)]
for i, x in enumerate(chain):
    x.next = chain[(i + 1) % 10]
del chain, x
print("ring", gc.collect())

kept = N()
kept.me = kept
print("kept", gc.collect(), kept.me is kept)
del kept
print("dropped", gc.collect())


class M:
    def method(self):
        return 1


a = M()
a.m = a.method
del a
print("bound", gc.collect())

print(gc.collect())


class L(list):
    pass


class D(dict):
    pass


a = L()
a.append(a)
b = D()
b["b"] = b
del a, b
print("subclasses", gc.collect())
print(gc.collect())
