"""A pyperformance-style runner: argparse options, perf_counter timing loops, io.StringIO output."""
import argparse
import io
import sys
import time
import statistics
from functools import lru_cache, reduce
from operator import mul
import heapq
import bisect


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def bench_sort(n):
    data = [(i * 7919) % 1009 for i in range(n)]
    out = sorted(data)
    h = list(data)
    heapq.heapify(h)
    smallest = [heapq.heappop(h) for _ in range(5)]
    pos = bisect.bisect_left(out, 500)
    return out[:3], smallest, pos, heapq.nlargest(3, data)


def run(loops, func, *args):
    times = []
    result = None
    for _ in range(loops):
        t0 = time.perf_counter()
        result = func(*args)
        times.append(time.perf_counter() - t0)
    assert all(t >= 0 for t in times)
    return result, statistics.mean(times) >= 0


def main(argv):
    p = argparse.ArgumentParser(prog="runner", description="tiny runner")
    p.add_argument("--loops", type=int, default=3)
    p.add_argument("--size", type=int, default=2000)
    p.add_argument("bench", nargs="?", default="all")
    ns = p.parse_args(argv)
    buf = io.StringIO()
    print("loops=%d size=%d bench=%s" % (ns.loops, ns.size, ns.bench), file=buf)
    r, ok = run(ns.loops, bench_sort, ns.size)
    print(r, ok, file=buf)
    r, ok = run(ns.loops, fib, 90)
    print(r, ok, fib.cache_info().hits > 0, file=buf)
    print(reduce(mul, range(1, 25)), file=buf)
    t0 = time.monotonic()
    time.sleep(0.001)
    print(time.monotonic() - t0 > 0, time.process_time() >= 0, isinstance(time.time(), float), file=buf)
    sys.stdout.write(buf.getvalue())
    try:
        p.parse_args(["--loops", "x"])
    except SystemExit as e:
        print("SystemExit", e.code)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
