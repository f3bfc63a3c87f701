import pkg
from pkg import helper, VALUE
from pkg.sub import deep
import pkg.sub.deep as d2
print(pkg.__name__, helper.name(), VALUE, deep.where(), d2 is deep)
from pkg.helper import *
print(public(), "hidden" in dir())
try:
    from pkg import nothing_here
except ImportError as e:
    print(type(e).__name__, e.name)
try:
    import pkg.nope
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    from pkg.helper import nope
except ImportError as e:
    print(str(e).split(" (")[0])
import sys
print("pkg.sub" in sys.modules, sys.modules["pkg"] is pkg)
print(pkg.sub.deep.__package__, pkg.sub.__package__, hasattr(pkg.sub, "__path__"))
