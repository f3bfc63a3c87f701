import sys
import replaced
print(replaced, replaced.value)
import counter
counter.n += 1
import counter
print(counter.n)
del sys.modules["counter"]
import counter as c2
print(c2.n, c2 is counter)
class Fake:
    answer = 7
fake = Fake()
sys.modules["fake"] = fake
import fake
from fake import answer
print(fake.answer, answer)
sys.modules["blocked"] = None
try:
    import blocked
except ImportError as e:
    print(type(e).__name__, e)
for i in range(2):
    try:
        import failing
    except ValueError as e:
        print("ValueError", e, "failing" in sys.modules)
print(type(sys.modules).__name__, "__main__" in sys.modules, __name__)
print(sys.modules["__main__"].__name__)
import counter
del counter.__file__
try:
    from counter import nothing
except ImportError as e:
    print(e, e.name, e.path)
import math
try:
    from math import nothing
except ImportError as e:
    print(str(e).split(" (")[0], e.name)
