# Generators driven by a `for` loop (resumed inside the dispatch loop): exception state,
# StopIteration inside the generator, exceptions leaving it, nesting, re-entrancy, close.
import sys


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"


def nested(n):
    for x in numbers(n):
        for y in numbers(x):
            yield (x, y)


print(list(nested(4)))
total = 0
for x in numbers(10):
    total += x
print("total", total)


# sys.exc_info() inside and outside a generator suspended in an except block.
def in_handler():
    try:
        raise KeyError("inner")
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0]


try:
    raise ValueError("outer")
except ValueError:
    for name in in_handler():
        print("gen sees", name, "caller sees", sys.exc_info()[0].__name__)
print("after", sys.exc_info()[0])


# A generator that inherits the caller's handled exception.
def inherits():
    yield sys.exc_info()[0]


try:
    raise IndexError
except IndexError:
    for t in inherits():
        print("inherited", t.__name__)


# StopIteration raised inside a generator becomes RuntimeError (PEP 479).
def leaks():
    yield 1
    raise StopIteration("x")


try:
    for v in leaks():
        print("got", v)
except RuntimeError as e:
    print("RuntimeError:", e, "cause:", repr(e.__cause__))


# An exception leaving the generator propagates to the loop, with both frames in the traceback.
def fails(n):
    yield n
    1 / 0


try:
    for v in fails(5):
        print("got", v)
except ZeroDivisionError as e:
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print("ZeroDivisionError", names)

g = fails(1)
for v in g:
    break
print("suspended", g.gi_running, g.gi_frame is not None)
g.close()
print("closed", g.gi_frame)


# The generator is running while its body executes; re-entering it raises ValueError.
def selfref():
    yield gen.gi_running
    try:
        next(gen)
    except ValueError as e:
        yield str(e)


gen = selfref()
print([v for v in gen])


# Break out of the loop, then resume the same generator with next() and a second loop.
g = numbers(6)
for v in g:
    if v == 2:
        break
print("next", next(g))
print("rest", [v for v in g])
print("exhausted", list(g))

# An exception caught inside the generator around a yield, and a finally block.
def guarded():
    try:
        yield 1
        yield 2
    finally:
        print("finally runs")


for v in guarded():
    print("guarded", v)


def catcher():
    for i in range(3):
        try:
            if i == 1:
                raise ValueError(i)
            yield i
        except ValueError as e:
            yield "caught %s" % e


print(list(x for x in catcher()))
print(sum(x for x in numbers(100) if x % 3 == 0))


# Deep recursion through generators stays a RecursionError, not a crash.
def deep(n):
    if n == 0:
        yield 0
        return
    for v in deep(n - 1):
        yield v + 1


print(list(deep(50)))
try:
    for v in deep(100000):
        pass
except RecursionError:
    print("RecursionError")

# Building lists/sets/ranges (construct fast paths, LIST_APPEND).
print(list(range(5)), list(range(2, 9, 3)), list(range(5, 0, -2)), set([3, 1, 3]))
print(len(range(-3, 2**40, 7)), range(1, 10)[2:5], list(range(0)))
try:
    range(1, 2, 0)
except ValueError as e:
    print("ValueError:", e)
print([a * b for a in range(4) for b in range(3) if a != b])
