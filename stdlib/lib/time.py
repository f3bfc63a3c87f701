"""This module provides various functions to manipulate time values.

pvm: the clocks, conversions and formatting are native (module _time); this file adds
struct_time (CPython's structseq, here a tuple subclass) and strptime (via _strptime).
"""

import _time
from _time import (time, time_ns, monotonic, monotonic_ns, perf_counter, perf_counter_ns,
                   process_time, process_time_ns, thread_time, thread_time_ns, sleep,
                   timezone, altzone, daylight, tzname)

_STRUCT_TM_ITEMS = 11

_FIELDS = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min', 'tm_sec',
           'tm_wday', 'tm_yday', 'tm_isdst')


class struct_time(tuple):
    """The time value as returned by gmtime(), localtime(), and strptime(), and
 accepted by asctime(), mktime() and strftime().  May be considered as a
 sequence of 9 integers.

 Note that several fields' values are not the same as those defined by
 the C language standard for struct tm.  For example, the value of the
 field tm_year is the actual year, not year - 1900.  See individual
 fields' descriptions for details."""

    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0

    def __new__(cls, sequence, dict=None):
        seq = tuple(sequence)
        n = len(seq)
        if n < 9:
            raise TypeError(f"time.struct_time() takes an at least 9-sequence ({n}-sequence given)")
        if n > 11:
            raise TypeError(f"time.struct_time() takes an at most 11-sequence ({n}-sequence given)")
        self = tuple.__new__(cls, seq[:9])
        extra = seq[9:] + (None,) * (11 - n)
        if dict is not None:
            extra = (dict.get('tm_zone', extra[0]), dict.get('tm_gmtoff', extra[1]))
        object.__setattr__(self, '_extra', extra)
        return self

    def __setattr__(self, name, value):
        raise AttributeError("readonly attribute")

    def __repr__(self):
        return 'time.struct_time(' + ', '.join(
            f'{n}={v!r}' for n, v in zip(_FIELDS, self)) + ')'

    def __reduce__(self):
        return (struct_time, (tuple(self), {'tm_zone': self.tm_zone, 'tm_gmtoff': self.tm_gmtoff}))

    tm_year = property(lambda self: self[0], doc='year, for example, 1993')
    tm_mon = property(lambda self: self[1], doc='month of year, range [1, 12]')
    tm_mday = property(lambda self: self[2], doc='day of month, range [1, 31]')
    tm_hour = property(lambda self: self[3], doc='hours, range [0, 23]')
    tm_min = property(lambda self: self[4], doc='minutes, range [0, 59]')
    tm_sec = property(lambda self: self[5], doc='seconds, range [0, 61])')
    tm_wday = property(lambda self: self[6], doc='day of week, range [0, 6], Monday is 0')
    tm_yday = property(lambda self: self[7], doc='day of year, range [1, 366]')
    tm_isdst = property(lambda self: self[8], doc='1 if summer time is in effect, 0 if not, and -1 if unknown')
    tm_zone = property(lambda self: self._extra[0], doc='abbreviation of timezone name')
    tm_gmtoff = property(lambda self: self._extra[1], doc='offset from UTC in seconds')


struct_time.__module__ = 'time'


def _tm(t):
    if isinstance(t, struct_time):
        return tuple(t) + t._extra
    return t


def gmtime(seconds=None):
    return struct_time(_time.gmtime(seconds))


def localtime(seconds=None):
    return struct_time(_time.localtime(seconds))


def mktime(t):
    return _time.mktime(_tm(t))


def strftime(format, t=None):
    if t is None:
        return _time.strftime(format)
    return _time.strftime(format, _tm(t))


def asctime(t=None):
    if t is None:
        return _time.asctime()
    return _time.asctime(_tm(t))


def ctime(seconds=None):
    return _time.ctime(seconds)


def strptime(data_string, format="%a %b %d %H:%M:%S %Y"):
    import _strptime
    return _strptime._strptime_time(data_string, format)


class _ClockInfo:
    def __init__(self, implementation, monotonic, adjustable, resolution):
        self.implementation = implementation
        self.monotonic = monotonic
        self.adjustable = adjustable
        self.resolution = resolution

    def __repr__(self):
        return ('namespace(implementation=%r, monotonic=%r, adjustable=%r, resolution=%r)'
                % (self.implementation, self.monotonic, self.adjustable, self.resolution))


def get_clock_info(name):
    return _ClockInfo(*_time.get_clock_info(name))


CLOCK_REALTIME = 0
CLOCK_MONOTONIC = 1
CLOCK_PROCESS_CPUTIME_ID = 2
CLOCK_THREAD_CPUTIME_ID = 3
