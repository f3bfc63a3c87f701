try:
    from ... import nothing
except ImportError as e:
    print(type(e).__name__, e)
try:
    from .missing import x
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    from . import missing2
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0], e.name)
from . import mod as me
print(me.__name__)
