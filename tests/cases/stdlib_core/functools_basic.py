import functools
from functools import (partial, reduce, lru_cache, cache, wraps, update_wrapper, total_ordering,
                       cmp_to_key, cached_property, singledispatch, partialmethod, singledispatchmethod)
import operator

# partial
def power(base, exp, *, mod=None):
    r = base ** exp
    return r % mod if mod else r

square = partial(power, exp=2)
cube_mod = partial(power, exp=3, mod=10)
print(square(7), cube_mod(7), square.func is power, square.args, square.keywords)
p2 = partial(partial(power, 2), mod=5)
print(p2(10), p2.args, p2.keywords, p2.func is power)
print(repr(partial(max, 1, key=abs)).startswith("functools.partial(<built-in function max>, 1, key="))

# reduce
print(reduce(operator.add, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10), reduce(max, [3], 0))
try:
    reduce(operator.add, [])
except TypeError as e:
    print("TypeError:", e)

# lru_cache
calls = []

@lru_cache(maxsize=3)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(20), len(calls), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())
print(fib(5), fib(5), fib.cache_info(), fib.__wrapped__.__name__)

@lru_cache
def add(a, b=1):
    return a + b

print(add(1), add(1), add(1, 2), add(a=1), add.cache_info())
print(add.cache_parameters())

@lru_cache(maxsize=None, typed=True)
def typed(x):
    return type(x).__name__

print(typed(1), typed(1.0), typed(True), typed.cache_info())

@cache
def factorial(n):
    return n * factorial(n - 1) if n else 1

print(factorial(10), factorial.cache_info())

# wraps / update_wrapper
def deco(f):
    @wraps(f)
    def wrapper(*a, **k):
        """wrapper doc"""
        return f(*a, **k)
    return wrapper

@deco
def documented(x):
    """The doc."""
    return x

print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__, documented.__qualname__)

def plain():
    pass

def other():
    pass
other.attr = 5
update_wrapper(plain, other)
print(plain.__name__, plain.attr, plain.__wrapped__ is other)

# total_ordering
@total_ordering
class Version:
    def __init__(self, *parts):
        self.parts = parts
    def __eq__(self, other):
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __repr__(self):
        return "V" + ".".join(map(str, self.parts))

a, b = Version(1, 2), Version(1, 10)
print(a < b, a <= b, a > b, a >= b, a == b, sorted([b, a, Version(0, 9)]), max(a, b))

# cmp_to_key
def cmp(x, y):
    return (x > y) - (x < y)

words = ["pear", "Apple", "fig", "banana"]
print(sorted(words, key=cmp_to_key(lambda x, y: cmp(len(x), len(y)) or cmp(x.lower(), y.lower()))))
k = cmp_to_key(cmp)
print(k(1) < k(2), k(3) == k(3), k(5) >= k(9))

# cached_property
class Circle:
    def __init__(self, r):
        self.r = r
        self.computed = 0
    @cached_property
    def area(self):
        self.computed += 1
        return 3 * self.r * self.r

c = Circle(2)
print(c.area, c.area, c.computed, "area" in c.__dict__)
del c.area
print(c.area, c.computed, Circle.area.attrname)

# singledispatch
@singledispatch
def describe(x):
    return f"object {x!r}"

@describe.register(int)
def _(x):
    return f"int {x}"

@describe.register(list)
def _(x):
    return f"list of {len(x)}"

@describe.register(float)
@describe.register(complex)
def _(x):
    return f"number {x}"

print(describe("s"), describe(3), describe(True), describe([1, 2]), describe(1.5), describe(2j))
print(describe.dispatch(bool).__name__ if hasattr(describe.dispatch(bool), "__name__") else "?", sorted(t.__name__ for t in describe.registry))

class Shape:
    @singledispatchmethod
    def area(self, arg):
        return "generic"
    @area.register(int)
    def _(self, arg):
        return arg * arg

print(Shape().area(3), Shape().area("x"))

# partialmethod
class Cell:
    def __init__(self):
        self.state = None
    def set_state(self, value):
        self.state = value
    set_alive = partialmethod(set_state, True)
    set_dead = partialmethod(set_state, False)

cell = Cell()
cell.set_alive()
print(cell.state)
cell.set_dead()
print(cell.state)

print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)
