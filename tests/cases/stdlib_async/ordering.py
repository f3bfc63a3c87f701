# Task interleaving follows CPython's event loop exactly: call_soon FIFO, tasks start in
# creation order, sleep(0) yields one loop iteration, timers fire in deadline order.
import asyncio

log = []

async def ticker(name, n, delay):
    for i in range(n):
        log.append(f"{name}{i}")
        await asyncio.sleep(delay)
    return name

async def nested(depth):
    if depth == 0:
        await asyncio.sleep(0)
        return 0
    return 1 + await nested(depth - 1)

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(log.append, "soon1")
    t1 = asyncio.create_task(ticker("a", 3, 0))
    t2 = asyncio.create_task(ticker("b", 3, 0))
    loop.call_soon(log.append, "soon2")
    log.append("main")
    await asyncio.sleep(0)
    log.append("main2")
    print(await asyncio.gather(t1, t2))
    print(log)
    log.clear()
    ts = [asyncio.create_task(ticker(c, 2, d)) for c, d in (("x", 0.03), ("y", 0.01), ("z", 0.02))]
    await asyncio.wait(ts)
    print(log)
    print(await nested(50))
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("callback sees", f.result()))
    loop.call_later(0.01, fut.set_result, "value")
    print(await fut)
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError", e.__class__.__name__)
    f2 = loop.create_future()
    f2.cancel()
    print(f2.cancelled(), f2.done())
    try:
        f2.result()
    except asyncio.CancelledError:
        print("result() raised CancelledError")
    f3 = loop.create_future()
    f3.set_exception(KeyError("k"))
    print(repr(f3.exception()))

asyncio.run(main())
