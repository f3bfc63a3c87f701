import __future__
import keyword
import numbers
import reprlib
from fractions import Fraction
from decimal import Decimal

# keyword
print(keyword.iskeyword("for"), keyword.iskeyword("match"), keyword.issoftkeyword("match"), keyword.iskeyword("x"))
print(len(keyword.kwlist), keyword.kwlist[:5], keyword.softkwlist)

# __future__
print(__future__.annotations, __future__.division.mandatory, __future__.all_feature_names[:3])
print(__future__.annotations.getOptionalRelease(), __future__.annotations.getMandatoryRelease())

# numbers
for v in (1, True, 2.5, 3j, Fraction(1, 3), Decimal("1.5"), "x"):
    print(type(v).__name__, [isinstance(v, c) for c in (numbers.Number, numbers.Complex, numbers.Real, numbers.Rational, numbers.Integral)])


class Meters(numbers.Real):
    def __init__(self, v): self.v = v
    def __float__(self): return float(self.v)
    def __trunc__(self): return int(self.v)
    def __floor__(self): return int(self.v)
    def __ceil__(self): return int(self.v) + 1
    def __round__(self, n=None): return round(self.v, n)
    def __floordiv__(self, o): return self.v // o
    def __rfloordiv__(self, o): return o // self.v
    def __mod__(self, o): return self.v % o
    def __rmod__(self, o): return o % self.v
    def __lt__(self, o): return self.v < o
    def __le__(self, o): return self.v <= o
    def __add__(self, o): return Meters(self.v + o)
    def __radd__(self, o): return Meters(o + self.v)
    def __neg__(self): return Meters(-self.v)
    def __pos__(self): return self
    def __mul__(self, o): return Meters(self.v * o)
    def __rmul__(self, o): return Meters(o * self.v)
    def __truediv__(self, o): return Meters(self.v / o)
    def __rtruediv__(self, o): return Meters(o / self.v)
    def __pow__(self, o): return Meters(self.v ** o)
    def __rpow__(self, o): return Meters(o ** self.v)
    def __abs__(self): return Meters(abs(self.v))
    def __eq__(self, o): return self.v == o
    __hash__ = None


m = Meters(2.5)
print(isinstance(m, numbers.Complex), m.real.v, m.imag, m.conjugate().v, complex(m), divmod(m, 1))
numbers.Integral.register(type(None)) if False else None
print(issubclass(bool, numbers.Integral), issubclass(float, numbers.Rational))

# reprlib
r = reprlib.Repr()
r.maxlist = 3
r.maxstring = 10
print(r.repr(list(range(10))), r.repr("a" * 30), reprlib.repr(set(range(20))), reprlib.repr({i: i for i in range(10)}))
print(reprlib.repr(tuple(range(8))), reprlib.repr("x" * 100), reprlib.repr([[[[[1]]]]]), reprlib.repr(10 ** 50))


class Tree:
    def __init__(self):
        self.children = []

    @reprlib.recursive_repr()
    def __repr__(self):
        return f"Tree({self.children})"


t = Tree()
t.children.append(t)
print(t, reprlib.aRepr.maxdict)
