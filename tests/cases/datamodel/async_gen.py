# async generators driven by hand
async def agen():
    try:
        x = yield 1
        print("got", x)
        yield 2
    finally:
        print("cleanup")
def run(aw):
    try:
        while True:
            aw.send(None)
    except StopIteration as e:
        return e.value
g = agen()
print(type(g).__name__, g.__aiter__() is g)
print(run(g.__anext__()))
print(run(g.asend("hello")))
print(run(g.aclose()))
try:
    run(g.__anext__())
except StopAsyncIteration:
    print("exhausted")
async def counter(n):
    for i in range(n):
        yield i
async def main():
    total = [i async for i in counter(4)]
    h = counter(3)
    first = await h.__anext__()
    return total, first
print(run(main()))
async def thrower():
    try:
        yield 1
    except ValueError as e:
        yield "caught " + str(e)
t = thrower()
run(t.__anext__())
print(run(t.athrow(ValueError("boom"))))
