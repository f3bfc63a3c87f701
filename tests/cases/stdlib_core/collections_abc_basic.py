from collections.abc import (Sequence, MutableSequence, Mapping, MutableMapping, Set, MutableSet,
                             Iterable, Iterator, Generator, Callable, Hashable, Sized, Container,
                             Collection, Reversible, KeysView, ItemsView, ValuesView, Awaitable,
                             Coroutine, AsyncIterable, ByteString)
import collections.abc

values = [[], (), "s", b"b", {}, set(), frozenset(), range(3), iter([]), (x for x in []), len, 1, 1.5, None,
          {}.keys(), {}.items(), {}.values(), bytearray()]
abcs = [Sequence, MutableSequence, Mapping, MutableMapping, Set, MutableSet, Iterable, Iterator,
        Generator, Callable, Hashable, Sized, Container, Collection, Reversible, ByteString]
for v in values:
    print(type(v).__name__.ljust(16), "".join("X" if isinstance(v, a) else "." for a in abcs))


class MyMap(Mapping):
    def __init__(self, **kw):
        self._d = dict(kw)

    def __getitem__(self, k):
        return self._d[k]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)


m = MyMap(a=1, b=2)
print(len(m), m["a"], m.get("z", 0), "a" in m, list(m.keys()), list(m.items()), list(m.values()))
print(m == {"a": 1, "b": 2}, m == MyMap(a=1), isinstance(m.keys(), KeysView), isinstance(m.items(), ItemsView))


class Bag(MutableMapping):
    def __init__(self):
        self._d = {}

    def __getitem__(self, k):
        return self._d[k]

    def __setitem__(self, k, v):
        self._d[k] = v

    def __delitem__(self, k):
        del self._d[k]

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)


b = Bag()
b["x"] = 1
b.update({"y": 2}, z=3)
print(dict(b), b.pop("x"), b.setdefault("w", 9), b.popitem(), dict(b))
b.clear()
print(len(b))


class Seq(Sequence):
    def __init__(self, *items):
        self._items = items

    def __getitem__(self, i):
        return self._items[i]

    def __len__(self):
        return len(self._items)


s = Seq(5, 6, 7, 6)
print(list(s), 6 in s, s.index(7), s.count(6), list(reversed(s)), s[1:3])


class MList(MutableSequence):
    def __init__(self):
        self._l = []

    def __getitem__(self, i):
        return self._l[i]

    def __setitem__(self, i, v):
        self._l[i] = v

    def __delitem__(self, i):
        del self._l[i]

    def __len__(self):
        return len(self._l)

    def insert(self, i, v):
        self._l.insert(i, v)


ml = MList()
ml.append(1)
ml.extend([2, 3])
ml += [4]
ml.reverse()
print(list(ml), ml.pop(), ml.pop(0))
ml.remove(2)
print(list(ml))


class IntSet(Set):
    def __init__(self, items):
        self._s = set(items)

    def __contains__(self, x):
        return x in self._s

    def __iter__(self):
        return iter(sorted(self._s))

    def __len__(self):
        return len(self._s)


a, c = IntSet([1, 2, 3]), IntSet([2, 3, 4])
print(list(a & c), list(a | c), list(a - c), list(a ^ c), a <= IntSet([1, 2, 3, 4]), a.isdisjoint([9]))


class Countdown(Iterator):
    def __init__(self, n):
        self.n = n

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n


print(list(Countdown(3)), isinstance(Countdown(1), Iterable))


class Gen(Generator):
    def send(self, v):
        raise StopIteration

    def throw(self, *a):
        raise StopIteration


print(isinstance(Gen(), Iterator), list(Gen()))
try:
    Sequence()
except TypeError as e:
    print("TypeError:", e)
print(collections.abc.__name__, Sequence.__module__, issubclass(list, Reversible), issubclass(str, Collection))
