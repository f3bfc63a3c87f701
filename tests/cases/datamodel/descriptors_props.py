# data vs non-data descriptors, property, classmethod/staticmethod, __set_name__
class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be int")
        setattr(obj, self.name, value)
class NonData:
    def __get__(self, obj, objtype=None):
        return "from descriptor"
class P:
    x = Typed()
    nd = NonData()
    def __init__(self):
        self._r = 0
    @property
    def r(self):
        "the r property"
        return self._r
    @r.setter
    def r(self, v):
        self._r = v * 2
    @r.deleter
    def r(self):
        print("deleting r")
    @classmethod
    def make(cls):
        return cls()
    @staticmethod
    def add(a, b):
        return a + b
p = P()
p.x = 5
print(p.x, type(P.x).__name__)
try:
    p.x = "no"
except TypeError as e:
    print("TypeError:", e)
print(p.nd)
p.__dict__["nd"] = "instance wins"
print(p.nd)
p.r = 4
print(p.r, P.r.__doc__)
del p.r
print(type(P.make()).__name__, P.add(1, 2), p.add(3, 4))
class RO:
    @property
    def v(self):
        return 1
try:
    RO().v = 2
except AttributeError as e:
    print("AttributeError:", e)
def f(self):
    return "bound to " + type(self).__name__
print(f.__get__(p)())
print(f.__get__(None, P) is f)
