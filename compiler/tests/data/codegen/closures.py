def counter(start, step=1, *, name="c"):
    count = start
    def inc(by=None):
        nonlocal count
        count += step if by is None else by
        return count
    return inc
class Base:
    def hello(self):
        return "base"
class Child(Base):
    def hello(self):
        return super().hello() + "!"
    @staticmethod
    def s(a, /, b, *args, c, **kw):
        return lambda: (a, b, args, c, kw)
def gen(n):
    for i in range(n):
        yield i
    yield from range(3)
async def co(xs):
    async for x in xs:
        await x
    async with xs as y:
        return [z async for z in y]
def m(v):
    match v:
        case [a, *rest]: return a, rest
        case {"k": kv, **others}: return kv, others
        case Base(x=1) | Child() as obj: return obj
        case _: return None
