# pvm: adapted from CPython 3.11 (imports reduced to what pvm provides; see _compat.py).
"""Event loop mixins."""

from . import events

class _NoLock:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


_global_lock = _NoLock()


class _LoopBoundMixin:
    _loop = None

    def _get_loop(self):
        loop = events._get_running_loop()

        if self._loop is None:
            with _global_lock:
                if self._loop is None:
                    self._loop = loop
        if loop is not self._loop:
            raise RuntimeError(f'{self!r} is bound to a different event loop')
        return loop
