"""pvm: stand-ins that keep asyncio's import graph small.

asyncio is imported by programs that use nothing else of the standard library; CPython's
version pulls in inspect, concurrent.futures, socket, threading, logging and more. The
helpers here replace the few functions asyncio took from those modules.
"""

try:
    import contextvars
except ImportError:  # pragma: no cover - contextvars is part of pvm's stdlib
    class _Context:
        def run(self, fn, *args, **kwargs):
            return fn(*args, **kwargs)

        def copy(self):
            return self

    class contextvars:
        Context = _Context

        @staticmethod
        def copy_context():
            return _CONTEXT

    _CONTEXT = _Context()

try:
    from functools import partial
except ImportError:  # pragma: no cover
    class partial:
        def __init__(self, func, /, *args, **keywords):
            self.func = func
            self.args = args
            self.keywords = keywords

        def __call__(self, /, *args, **keywords):
            keywords = {**self.keywords, **keywords}
            return self.func(*self.args, *args, **keywords)


def _gen():
    yield


async def _coro():
    pass


GeneratorType = type(_gen())
_c = _coro()
CoroutineType = type(_c)
_c.close()
del _c


def isgenerator(obj):
    """inspect.isgenerator."""
    return isinstance(obj, GeneratorType)


def isawaitable(obj):
    """inspect.isawaitable."""
    return (isinstance(obj, CoroutineType) or
            isinstance(obj, GeneratorType) and bool(obj.gi_code.co_flags & 0x100) or
            hasattr(type(obj), '__await__'))


def iscoroutinefunction(obj):
    """inspect.iscoroutinefunction (functions, bound methods and partials)."""
    while True:
        if isinstance(obj, partial):
            obj = obj.func
        elif hasattr(obj, '__func__'):
            obj = obj.__func__
        else:
            break
    code = getattr(obj, '__code__', None)
    return code is not None and bool(getattr(code, 'co_flags', 0) & 0x80)


class WeakSet(set):
    """A set of tasks (pvm keeps finished tasks out of it explicitly)."""


def count(start=0):
    n = start
    while True:
        yield n
        n += 1


try:
    from collections import deque
except ImportError:  # pragma: no cover - until collections is available
    class deque:
        def __init__(self, iterable=()):
            self._items = list(iterable)

        def append(self, x):
            self._items.append(x)

        def appendleft(self, x):
            self._items.insert(0, x)

        def popleft(self):
            if not self._items:
                raise IndexError('pop from an empty deque')
            return self._items.pop(0)

        def pop(self):
            if not self._items:
                raise IndexError('pop from an empty deque')
            return self._items.pop()

        def remove(self, x):
            self._items.remove(x)

        def clear(self):
            self._items.clear()

        def __iter__(self):
            return iter(self._items)

        def __len__(self):
            return len(self._items)

        def __bool__(self):
            return bool(self._items)

        def __getitem__(self, i):
            return self._items[i]

try:
    import reprlib
except ImportError:  # pragma: no cover
    class reprlib:
        repr = repr

        @staticmethod
        def recursive_repr(fillvalue='...'):
            return lambda f: f


class _EnumMeta(type):
    """Just enough of enum.Enum for asyncio's internal state enums."""

    def __new__(mcls, name, bases, ns):
        members = {k: v for k, v in ns.items()
                   if not k.startswith('_') and not callable(v)}
        for k in members:
            del ns[k]
        cls = super().__new__(mcls, name, bases, dict(ns))
        for k, v in members.items():
            m = object.__new__(cls)
            m.name = k
            m.value = v
            setattr(cls, k, m)
        return cls


class Enum(metaclass=_EnumMeta):
    def __repr__(self):
        return f'<{type(self).__name__}.{self.name}: {self.value!r}>'

    def __str__(self):
        return f'{type(self).__name__}.{self.name}'


class _AnyAnnotation:
    def __getitem__(self, item):
        return self


Optional = Type = _AnyAnnotation()
TracebackType = object


def final(cls):
    return cls


GenericAlias = type(list[int])


def warn(*args, **kwargs):
    import warnings
    warnings.warn(*args, **kwargs)
