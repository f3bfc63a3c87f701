# Cycles through functions: recursive inner functions (function -> closure -> cell ->
# function), generators, function attributes, defaults.
import gc


class A:
    pass


gc.collect()


def outer(n):
    def rec(k):
        return 0 if k == 0 else 1 + rec(k - 1)

    return rec(n)


print(outer(5))
print("rec", gc.collect())


def gen_cycle():
    def g():
        yield g

    it = g()
    return next(it)


gen_cycle()
print("gencycle", gc.collect())


def deco():
    def wrapper(*a):
        return wrapper.calls

    wrapper.calls = 0
    wrapper.me = wrapper


deco()
print("funcdict", gc.collect())


def defaults():
    a = A()

    def f(x=a):
        return x

    a.f = f


defaults()
print("defaults", gc.collect())

keep = []


def kept():
    def rec(k):
        return 0 if k == 0 else rec(k - 1)

    keep.append(rec)


kept()
print("kept", gc.collect(), keep[0](10))


def counter():
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count

    inc.inc = inc
    return inc


c = counter()
print("live", gc.collect(), c(), c(), c.inc())
del c
print("dropped", gc.collect())

for i in range(5000):
    outer(3)
print("many", gc.collect() <= 3 * 5000)
print(gc.collect())
