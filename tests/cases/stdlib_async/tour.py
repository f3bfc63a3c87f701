import asyncio

async def worker(name, q, out):
    while True:
        item = await q.get()
        if item is None:
            q.task_done()
            break
        await asyncio.sleep(0.001 * item)
        out.append((name, item))
        print(name, "got", item)
        q.task_done()

async def compute(x):
    await asyncio.sleep(0)
    return x * x

async def fails():
    await asyncio.sleep(0)
    raise ValueError("boom")

async def slow():
    await asyncio.sleep(10)

async def main():
    print(asyncio.__name__ in ('asyncio',))
    r = await asyncio.gather(*(compute(i) for i in range(5)))
    print(r)
    r = await asyncio.gather(compute(2), fails(), return_exceptions=True)
    print(r)
    try:
        await asyncio.gather(compute(1), fails())
    except ValueError as e:
        print("caught", e)
    try:
        await asyncio.wait_for(slow(), timeout=0.01)
    except asyncio.TimeoutError:
        print("timeout")
    q = asyncio.Queue()
    out = []
    ws = [asyncio.create_task(worker(f"w{i}", q, out)) for i in range(3)]
    for i in range(6):
        await q.put(i)
    for _ in ws:
        await q.put(None)
    await q.join()
    print(sorted(out))
    ev = asyncio.Event()
    async def waiter(n):
        await ev.wait()
        print("waiter", n, "released")
    ts = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("setting")
    ev.set()
    await asyncio.gather(*ts)
    lock = asyncio.Lock()
    async def locked(n):
        async with lock:
            print("in", n)
            await asyncio.sleep(0)
            print("out", n)
    await asyncio.gather(*(locked(i) for i in range(3)))
    t = asyncio.create_task(slow())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled", t.cancelled())
    sem = asyncio.Semaphore(2)
    async def s(n):
        async with sem:
            print("sem in", n)
            await asyncio.sleep(0.001)
            print("sem out", n)
    await asyncio.gather(*(s(i) for i in range(4)))
    async with asyncio.timeout(0.01):
        await asyncio.sleep(0)
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout ctx")
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(compute(3))
        t2 = tg.create_task(compute(4))
    print(t1.result(), t2.result())
    got = []
    for f in asyncio.as_completed([compute(5), compute(6)]):
        got.append(await f)
    print("as_completed", sorted(got))
    done, pending = await asyncio.wait([asyncio.create_task(compute(7))])
    print(len(done), len(pending), [d.result() for d in done])
    print(await asyncio.shield(compute(8)))
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, 42)
    print(await fut)
    loop.call_later(0.001, print, "later")
    await asyncio.sleep(0.01)
    print(asyncio.current_task().get_name())
    return "done"

print(asyncio.run(main()))
