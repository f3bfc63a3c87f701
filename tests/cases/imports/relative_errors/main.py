try:
    from . import x
except ImportError as e:
    print(type(e).__name__, e)
try:
    from .x import y
except ImportError as e:
    print(type(e).__name__, e)
import pkg.mod
try:
    import pkg.mod.deeper
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    import nosuch.sub
except ModuleNotFoundError as e:
    print(e, e.name)
try:
    __import__("")
except ValueError as e:
    print("ValueError", e)
