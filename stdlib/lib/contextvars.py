"""Context variables (PEP 567).

pvm: CPython implements this module in C (_contextvars); this is a pure-Python version with
the same API for a single-threaded VM: ContextVar (get/set/reset), Token, Context (a mapping
with run() and copy()) and copy_context().
"""

__all__ = ('Context', 'ContextVar', 'Token', 'copy_context')

_NO_DEFAULT = object()


class Context:
    __slots__ = ('_data', '_prev', '_entered')

    def __init__(self):
        self._data = {}
        self._prev = None
        self._entered = False

    def run(self, callable, /, *args, **kwargs):
        global _current
        if self._entered:
            raise RuntimeError(
                f'cannot enter context: {self} is already entered')
        self._prev = _current
        self._entered = True
        _current = self
        try:
            return callable(*args, **kwargs)
        finally:
            _current = self._prev
            self._prev = None
            self._entered = False

    def copy(self):
        new = Context()
        new._data = dict(self._data)
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._data[var]

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._data.get(var, default)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    __hash__ = None


_current = Context()


def copy_context():
    return _current.copy()


class ContextVar:
    __slots__ = ('_name', '_default')

    def __init__(self, name, *, default=_NO_DEFAULT):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self._default = default

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'ContextVar' is not an acceptable base type")

    @property
    def name(self):
        return self._name

    def get(self, *args):
        if len(args) > 1:
            raise TypeError(f"get expected at most 1 argument, got {len(args)}")
        data = _current._data
        if self in data:
            return data[self]
        if args:
            return args[0]
        if self._default is not _NO_DEFAULT:
            return self._default
        raise LookupError(self)

    def set(self, value):
        data = _current._data
        old = data.get(self, Token.MISSING)
        data[self] = value
        return Token(_current, self, old)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError(f"expected an instance of Token, got {token!r}")
        if token._used:
            raise RuntimeError(f"{token!r} has already been used once")
        if token._var is not self:
            raise ValueError(f"{token!r} was created by a different ContextVar")
        if token._ctx is not _current:
            raise ValueError(f"{token!r} was created in a different Context")
        if token._old is Token.MISSING:
            _current._data.pop(self, None)
        else:
            _current._data[self] = token._old
        token._used = True

    def __class_getitem__(cls, item):
        return cls

    def __hash__(self):
        return object.__hash__(self)

    def __repr__(self):
        r = f'<ContextVar name={self._name!r}'
        if self._default is not _NO_DEFAULT:
            r += f' default={self._default!r}'
        return r + f' at 0x{id(self):x}>'


class _Missing:
    def __repr__(self):
        return '<Token.MISSING>'


class Token:
    __slots__ = ('_ctx', '_var', '_old', '_used')

    MISSING = _Missing()

    def __init__(self, ctx, var, old):
        self._ctx = ctx
        self._var = var
        self._old = old
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old

    def __class_getitem__(cls, item):
        return cls

    def __repr__(self):
        used = ' used' if self._used else ''
        return f'<Token{used} var={self._var!r} at 0x{id(self):x}>'
