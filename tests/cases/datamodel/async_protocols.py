import sys
class AIter:
    def __init__(self): self.i = 0
    def __aiter__(self): return self
    async def __anext__(self):
        self.i += 1
        if self.i > 3: raise StopAsyncIteration
        return self.i
class ACtx:
    async def __aenter__(self): print("aenter"); return "v"
    async def __aexit__(self, *a): print("aexit", a[0]); return False
async def main():
    out = [x async for x in AIter()]
    async with ACtx() as v:
        print("body", v)
    async def agen():
        yield 1
        yield 2
    ag = agen()
    s = 0
    async for x in ag:
        s += x
    try:
        await ag.__anext__()
    except StopAsyncIteration:
        print("done")
    return out, s
def run(c):
    try:
        c.send(None)
    except StopIteration as e:
        return e.value
print(run(main()))
async def f(): return 1
c = f()
print(type(c).__name__)
c.close()
async def agen2():
    try:
        yield 1
    except GeneratorExit:
        print("closing agen2")
        raise
a = agen2()
run(a.__anext__())
run(a.aclose())
print(repr(a)[:26])
async def bad():
    yield 1
    yield 2
b = bad()
async def drive():
    print(await b.__anext__())
    print(await b.asend(None))
    try:
        await b.athrow(ValueError("x"))
    except ValueError as e:
        print("propagated", e)
run(drive())
