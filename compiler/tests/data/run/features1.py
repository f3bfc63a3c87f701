import asyncio
def f1():
    for i in range(5):
        try:
            if i == 1: continue
            if i == 3: break
            print("body", i)
        finally:
            print("fin", i)
    else:
        print("else")
    return "done"
print(f1())
def f2():
    try:
        return "try"
    finally:
        print("finally runs")
print(f2())
def f3():
    try:
        try:
            raise ValueError("inner")
        except ValueError as e:
            raise TypeError("outer") from e
    except TypeError as t:
        print(type(t.__cause__).__name__, t)
    finally:
        print("f3 fin")
f3()
def f4():
    for x in range(3):
        with open("/dev/null") as a, open("/dev/null") as b:
            if x == 1:
                continue
            if x == 2:
                return x
    return -1
print(f4())
class Suppress:
    def __enter__(self): return self
    def __exit__(self, *a):
        print("exit", a[0].__name__ if a[0] else None)
        return True
with Suppress():
    raise KeyError("x")
print("after suppress")
def g():
    try:
        x = yield 1
        print("got", x)
        yield from inner()
    except GeneratorExit:
        print("closing g")
        raise
def inner():
    try:
        y = yield 2
        print("inner got", y)
        yield 3
    finally:
        print("inner finally")
it = g()
print(next(it)); print(it.send("hello")); print(it.send("w"))
try:
    it.throw(ValueError("boom"))
except ValueError as e:
    print("thrown out", e)
it2 = g(); next(it2); it2.close()
try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
except* ValueError as eg:
    print("value", eg.exceptions)
except* TypeError as eg:
    print("type", eg.exceptions)
except* KeyError:
    print("key")
async def agen(n):
    for i in range(n):
        yield i
        await asyncio.sleep(0)
class ACM:
    async def __aenter__(self): print("aenter"); return 5
    async def __aexit__(self, *a): print("aexit", a[0]); return False
async def main():
    async with ACM() as v:
        print("v", v)
    r = [x async for x in agen(4) if x % 2 == 0]
    print(r, [await asyncio.sleep(0, result=i) for i in range(2)])
    async for x in agen(2):
        print("ax", x)
    else:
        print("aelse")
asyncio.run(main())
a, *b, c = range(6); print(a, b, c)
[d, (e, *f)] = [1, (2, 3, 4)]; print(d, e, f)
x = {"k": [1, 2]}; x["k"][0] += 10; print(x)
class O: pass
o = O(); o.v = 1; o.v *= 5; print(o.v)
print(1 < 2 < 3 > 2 != 5, 1 < 2 > 3, (lambda *a, k=3, **kw: (a, k, kw))(1, 2, z=4))
w = 3.14159
print(f"{w:.2f}|{w!r:>12}|{'s'!a}|{w:{'>'}{10}.{3}}|{{}}")
def deco(tag):
    def d(fn):
        def wrap(*a, **k):
            return (tag, fn(*a, **k))
        return wrap
    return d
@deco("t1")
@deco("t2")
def h(x, /, y=2, *, z): return x + y + z
print(h(1, z=3))
def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    def get(): return n
    return inc, get
i1, g1 = outer(); i1(); i1(); print(g1())
class Meta(type):
    def __new__(m, name, bases, ns, **kw):
        ns["kw"] = kw
        return super().__new__(m, name, bases, ns)
class K(metaclass=Meta, flag=True):
    def who(self): return __class__.__name__
    def sup(self): return super()
print(K.kw, K().who(), type(K().sup()).__name__)
glob = 1
def setg():
    global glob
    glob += 1
    del glob
setg(); print("glob" in globals())
def match_it(v):
    match v:
        case 0 | 1 as small: return f"small {small}"
        case [x, y, *rest] if x < y: return f"seq {x} {y} {rest}"
        case {"name": str(n), **kw}: return f"map {n} {kw}"
        case complex() | float(): return "num"
        case O(v=5): return "O5"
        case (1, 2) | [3, 4]: return "pair"
        case str() as s if len(s) > 2: return "longstr"
        case _: return "other"
for v in [0, 1, [1, 2, 3, 4], {"name": "a", "z": 1}, 2.5, o, [3, 4], "abcd", None]:
    print(match_it(v))
print(*[i for i in range(3)], sep="-")
print(dict(a=1, **{"b": 2}), [*range(2), *"ab"], sorted({*"aa", "b"}), (*[1], 2))
assert True, "never"
try:
    assert 1 == 2, "msg here"
except AssertionError as e:
    print("assert", e)
def kwonly(a, b=2, *args, c, d=4, **kw): return a, b, args, c, d, kw
print(kwonly(1, c=3), kwonly(1, 2, 3, c=5, e=6))
s = 0
for i in range(1000):
    s += i if i % 3 else -i
print(s)
print([(i, j) for i in range(3) for j in range(i) if j])
print(sum(x * x for x in range(10)))
z = 5
print([z for _ in range(2)], (lambda: z)())
