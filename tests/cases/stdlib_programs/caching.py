import functools
import itertools
from collections import OrderedDict, namedtuple, ChainMap


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info())


@functools.lru_cache(maxsize=2)
def sq(x):
    return x * x


for x in [1, 2, 1, 3, 2]:
    sq(x)
print(sq.cache_info())

Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p._asdict(), p._replace(x=5), Point._fields, p.x + p.y)
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)

print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.permutations("abc", 2))[:4])
print(list(itertools.combinations(range(4), 2)), list(itertools.product("ab", repeat=2)))
print(list(itertools.islice(itertools.count(10, 5), 3)), list(itertools.chain.from_iterable([[1], [2, 3]])))
print([(k, len(list(g))) for k, g in itertools.groupby("aaabccdd")])
print(list(itertools.zip_longest("ab", "xyz", fillvalue="-")), list(itertools.pairwise([1, 2, 3])))
od = OrderedDict.fromkeys("abc")
od.move_to_end("a")
print(list(od), od.popitem(last=False))
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], dict(cm))
part = functools.partial(int, base=2)
print(part("1010"), functools.reduce(lambda a, b: a * b, range(1, 6)))
