import asyncio

async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn cleaning up")
        await asyncio.sleep(0)
        print("stubborn re-raising")
        raise

async def child(n):
    await asyncio.sleep(n / 100)
    if n == 2:
        raise RuntimeError(f"child {n} failed")
    return n

async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel("please stop")
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled with", e.args)
    try:
        await asyncio.wait_for(stubborn(), 0.01)
    except asyncio.TimeoutError as e:
        print("wait_for timed out:", type(e).__name__)
    print(await asyncio.wait_for(child(1), 1))
    try:
        async with asyncio.TaskGroup() as tg:
            for i in range(4):
                tg.create_task(child(i))
    except* RuntimeError as eg:
        print("group:", [str(e) for e in eg.exceptions])
    q = asyncio.Queue(maxsize=2)
    q.put_nowait(1)
    q.put_nowait(2)
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print("full", q.qsize(), q.full())
    print(q.get_nowait(), q.get_nowait(), q.empty())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("empty")
    pq = asyncio.PriorityQueue()
    for x in (5, 1, 3):
        pq.put_nowait(x)
    print([pq.get_nowait() for _ in range(3)])
    lq = asyncio.LifoQueue()
    for x in (5, 1, 3):
        lq.put_nowait(x)
    print([lq.get_nowait() for _ in range(3)])
    cond = asyncio.Condition()
    ready = []
    async def consumer(i):
        async with cond:
            await cond.wait_for(lambda: ready)
            print("consumer", i, "sees", ready)
    cs = [asyncio.create_task(consumer(i)) for i in range(2)]
    await asyncio.sleep(0)
    async with cond:
        ready.append("item")
        cond.notify_all()
    await asyncio.gather(*cs)
    try:
        await asyncio.gather(child(2), child(3))
    except RuntimeError as e:
        print("gather raised", e)
    c = child(0)
    print(asyncio.iscoroutinefunction(child), asyncio.iscoroutine(c))
    c.close()

asyncio.run(main())
try:
    asyncio.run(child(2))
except RuntimeError as e:
    print("run raised", e)
