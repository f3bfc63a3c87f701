import os.path as p, sys
from x import y as z
x = 1
def f(a, /, b=lambda q: q, *args, c: int = 2, **kw) -> int:
    global x
    nonlocal_ = 1
    def g():
        nonlocal nonlocal_
        nonlocal_ += a
        return [i + j for i in range(3) for j in range(i) if (w := i)]
    return g
class C(Base, metaclass=M):
    __slots__ = ()
    y: int = 3
    def m(self):
        return super().m() + self.__priv + __class__
    def __n(self, __a):
        __b = __a
        return {k: v for k, v in __b}
    z = (lambda: y)
    gen = (t for t in range(10))
async def h():
    async with a as b:
        await b
    async for i in b:
        yield i
    return
def outer():
    v = 1
    class Inner:
        v = 2
        def meth(self):
            return v
    return Inner
print([x for x in range(3)])
try:
    pass
except E as e:
    del e
match cmd:
    case [a, *rest]: pass
    case {"k": v, **kw}: pass
    case Point(x=0, y=yy) | Other(yy) as whole: pass
with open(f) as (a, b): pass
def deco(f): return f
@deco
def decorated(x=[i for i in range(3)]): pass
def gl():
    global newg
    newg = 1
