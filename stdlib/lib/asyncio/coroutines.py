"""pvm: CPython 3.11's asyncio/coroutines.py without the inspect/collections.abc imports."""

__all__ = 'iscoroutinefunction', 'iscoroutine'

from . import _compat

# A marker for iscoroutinefunction.
_is_coroutine = object()


def iscoroutinefunction(func):
    """Return True if func is a decorated coroutine function."""
    return (_compat.iscoroutinefunction(func) or
            getattr(func, '_is_coroutine', None) is _is_coroutine)


_iscoroutine_typecache = {_compat.CoroutineType, _compat.GeneratorType}


def iscoroutine(obj):
    """Return True if obj is a coroutine object."""
    t = type(obj)
    if t in _iscoroutine_typecache:
        return True
    if isinstance(obj, (_compat.CoroutineType, _compat.GeneratorType)):
        return True
    # collections.abc.Coroutine's structural check.
    return all(hasattr(t, m) for m in ('__await__', 'send', 'throw', 'close'))


def _format_coroutine(coro):
    def get_name(coro):
        if hasattr(coro, '__qualname__') and coro.__qualname__:
            coro_name = coro.__qualname__
        elif hasattr(coro, '__name__') and coro.__name__:
            coro_name = coro.__name__
        else:
            coro_name = f'<{type(coro).__name__} without __name__>'
        return f'{coro_name}()'

    def is_running(coro):
        try:
            return coro.cr_running
        except AttributeError:
            try:
                return coro.gi_running
            except AttributeError:
                return False

    coro_code = None
    if hasattr(coro, 'cr_code') and coro.cr_code:
        coro_code = coro.cr_code
    elif hasattr(coro, 'gi_code') and coro.gi_code:
        coro_code = coro.gi_code

    coro_name = get_name(coro)

    if not coro_code:
        if is_running(coro):
            return f'{coro_name} running'
        else:
            return coro_name

    coro_frame = None
    if hasattr(coro, 'gi_frame') and coro.gi_frame:
        coro_frame = coro.gi_frame
    elif hasattr(coro, 'cr_frame') and coro.cr_frame:
        coro_frame = coro.cr_frame

    filename = getattr(coro_code, 'co_filename', None) or '<empty co_filename>'

    if coro_frame is not None:
        lineno = coro_frame.f_lineno
        coro_repr = f'{coro_name} running at {filename}:{lineno}'
    else:
        lineno = getattr(coro_code, 'co_firstlineno', 0)
        coro_repr = f'{coro_name} done, defined at {filename}:{lineno}'

    return coro_repr
