import builtins
real = builtins.__import__
seen = []
def hook(name, globals=None, locals=None, fromlist=(), level=0):
    seen.append((name, fromlist, level))
    return real(name, globals, locals, fromlist, level)
builtins.__import__ = hook
import math
from math import sqrt, pi
import sys as system
builtins.__import__ = real
import math
print(seen)
print(sqrt(9.0), system.__name__)
def deny(name, *args):
    raise ImportError("denied " + name)
builtins.__import__ = deny
try:
    import os
except ImportError as e:
    print(e)
builtins.__import__ = real
