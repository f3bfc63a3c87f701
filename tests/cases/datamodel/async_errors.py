import sys
def run(c):
    try:
        while True:
            c.send(None)
    except StopIteration as e:
        return e.value
async def coro(): return 5
c = coro()
print(run(c))
try:
    run(c)
except RuntimeError as e:
    print(e)
async def bad():
    await 5
try:
    run(bad())
except TypeError as e:
    print(e)
async def agen():
    yield 1
g = agen()
try:
    for x in g: pass
except TypeError as e:
    print(e)
try:
    next(g)
except TypeError as e:
    print(e)
async def use_sync_iter():
    async for x in [1, 2]:
        pass
try:
    run(use_sync_iter())
except TypeError as e:
    print(e)
async def use_with():
    async with object():
        pass
try:
    run(use_with())
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
async def agen2():
    yield 1
    yield 2
async def main():
    g = agen2()
    a = await g.__anext__()
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("closed", a)
    print(await anext(agen2()), await anext(agen2(), "dflt"))
    e = agen2()
    async for v in aiter(e):
        print("v", v)
    try:
        x = await anext(e)
    except StopAsyncIteration:
        print("empty")
    print(await anext(e, "default"))
run(main())
async def thrower():
    try:
        yield 1
    finally:
        print("agen finally")
async def m2():
    t = thrower()
    await t.__anext__()
    try:
        await t.athrow(ValueError, ValueError("v"))
    except ValueError as e:
        print("athrow raised", e)
run(m2())
print(type(coro).__name__, type(agen).__name__)
cc = coro()
print(cc.cr_running if hasattr(cc, "cr_running") else "no cr_running")
cc.close()
