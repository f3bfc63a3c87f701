from shapes import *
print(circle.AREA, square.AREA, area(square))
print("triangle" in dir(), "_private" in dir())
from plain import *
print(a, c(), "_b" in dir(), "_m" in dir())
try:
    from badall import *
except AttributeError as e:
    print("AttributeError", e)
import shapes
print(sorted(n for n in vars(shapes) if not n.startswith("__")))
import sys
try:
    from nonstr import *
except TypeError as e:
    print("TypeError", e)
