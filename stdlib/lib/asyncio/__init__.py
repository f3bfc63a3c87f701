"""The asyncio package, tracking PEP 3156.

pvm: CPython 3.11's asyncio without networking, subprocesses and threads: the event loop
(base_events.py) runs callbacks, timers, futures and tasks exactly in CPython's order;
futures, tasks, locks, queues, timeouts, task groups and runners are CPython's code.
"""

import sys

from .base_events import *
from .coroutines import *
from .events import *
from .exceptions import *
from .futures import *
from .locks import *
from .runners import *
from .queues import *
from .tasks import *
from .taskgroups import *
from .timeouts import *

__all__ = []
for _m in (base_events, coroutines, events, exceptions, futures, locks, runners,
           queues, tasks, taskgroups, timeouts):
    __all__ += list(_m.__all__)
del _m


async def to_thread(func, /, *args, **kwargs):
    """Runs func(*args, **kwargs) and returns its result (pvm has no threads)."""
    return func(*args, **kwargs)
