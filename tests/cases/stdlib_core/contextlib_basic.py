import contextlib
import sys
from contextlib import (contextmanager, suppress, redirect_stdout, redirect_stderr, closing, ExitStack,
                        nullcontext, asynccontextmanager, AbstractContextManager, ContextDecorator)


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


with tag("b") as t:
    print("inside", t)

try:
    with tag("err"):
        raise ValueError("boom")
except ValueError as e:
    print("caught", e)


@contextmanager
def swallow():
    try:
        yield
    except KeyError as e:
        print("swallowed", repr(e))


with swallow():
    {}["missing"]
print("after swallow")


@tag("decorated")
def work():
    print("working")


work()

with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
try:
    with suppress(KeyError):
        raise IndexError("not suppressed")
except IndexError as e:
    print("IndexError", e)


class Resource:
    def __init__(self, name):
        self.name = name

    def close(self):
        print("closed", self.name)


with closing(Resource("r1")) as r:
    print("using", r.name)

with nullcontext(42) as v:
    print("null", v)
with nullcontext() as v:
    print("null", v)

# ExitStack
with ExitStack() as stack:
    names = [stack.enter_context(tag(f"s{i}")) for i in range(3)]
    stack.callback(print, "callback ran")
    print("stack body", names)


def cleanup(tag_):
    print("cleanup", tag_)


with ExitStack() as stack:
    stack.callback(cleanup, "a")
    rest = stack.pop_all()
print("popped")
rest.close()


class Handler:
    def __enter__(self):
        print("enter handler")
        return self

    def __exit__(self, *exc):
        print("exit handler", exc[0].__name__ if exc[0] else None)
        return True


with ExitStack() as stack:
    stack.enter_context(Handler())
    stack.push(lambda *exc: print("pushed exit", exc[0].__name__ if exc[0] else None))
    raise RuntimeError("handled by stack")
print("after stack")

# redirect_stdout / redirect_stderr
class Buffer:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        pass

    def getvalue(self):
        return "".join(self.parts)


buf = Buffer()
with redirect_stdout(buf):
    print("captured line")
    print("second")
print("captured:", repr(buf.getvalue()))
ebuf = Buffer()
with redirect_stderr(ebuf):
    print("to err", file=sys.stderr)
print("err captured:", repr(ebuf.getvalue()))


class Managed(AbstractContextManager):
    def __exit__(self, *a):
        print("managed exit")


with Managed() as m:
    print(type(m).__name__)
print(isinstance(open.__class__, type), issubclass(Managed, AbstractContextManager))


class traced(ContextDecorator):
    def __enter__(self):
        print("trace start")
        return self

    def __exit__(self, *exc):
        print("trace end")
        return False


@traced()
def fn(x):
    print("fn", x)
    return x * 2


print(fn(4))


@asynccontextmanager
async def agen_ctx(v):
    print("aenter", v)
    yield v + 1
    print("aexit", v)


async def main():
    async with agen_ctx(1) as val:
        print("async body", val)
    async with contextlib.AsyncExitStack() as st:
        x = await st.enter_async_context(agen_ctx(10))
        st.callback(print, "sync cb")
        print("async stack", x)


coro = main()
try:
    coro.send(None)
except StopIteration:
    print("coroutine finished")
