import asyncio
import types


@types.coroutine
def yielder():
    yield


async def fibonacci(n):
    if n <= 1:
        return n
    return await fibonacci(n - 1) + await fibonacci(n - 2)


async def ticker(name, n, out):
    for i in range(n):
        out.append((name, i))
        await asyncio.sleep(0)
    return name


async def main_async():
    out = []
    res = await asyncio.gather(ticker("a", 3, out), ticker("b", 2, out))
    print(res, out)
    q = asyncio.Queue()

    async def producer():
        for i in range(5):
            await q.put(i)
        await q.put(None)

    async def consumer():
        total = 0
        while (item := await q.get()) is not None:
            total += item
        return total

    p = asyncio.create_task(producer())
    print(await consumer())
    await p
    try:
        await asyncio.wait_for(asyncio.sleep(10), timeout=0.01)
    except asyncio.TimeoutError:
        print("timeout")


def gen_tree(depth):
    if depth == 0:
        yield depth
        return
    yield from gen_tree(depth - 1)
    yield depth
    yield from gen_tree(depth - 1)


def main():
    coro = fibonacci(18)
    try:
        coro.send(None)
    except StopIteration as e:
        print("fib", e.value)
    print(sum(gen_tree(12)), len(list(gen_tree(10))))
    asyncio.run(main_async())


if __name__ == "__main__":
    main()
