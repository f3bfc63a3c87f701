class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} makes a sound"
    def __repr__(self):
        return f"Animal({self.name!r})"
class Dog(Animal):
    kind = "dog"
    def speak(self):
        return super().speak() + " (woof)"
d = Dog("Rex")
print(d.speak(), d.kind, Animal.kind, d.name, repr(d), [d])
print(isinstance(d, Animal), isinstance(d, Dog), issubclass(Dog, Animal), issubclass(Animal, Dog))
print(type(d).__name__, Dog.__mro__ == (Dog, Animal, object), Dog.__bases__[0].__name__)
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __str__(self):
        return f"<{self.x}, {self.y}>"
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
v = Vec(1, 2) + Vec(3, 4)
print(v, v * 2, 3 * v, v == Vec(4, 6), v != Vec(0, 0), len(v), v[0], list(v))
print(sorted([Vec(2, 1), Vec(1, 5)])[0], {Vec(1, 1): "a"}[Vec(1, 1)])
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
    @classmethod
    def make(cls):
        return cls()
    @staticmethod
    def help():
        return "static"
    @property
    def double(self):
        return self.count * 2
Counter(); Counter.make()
print(Counter.count, Counter.help(), Counter().double)
class Base:
    def __init__(self):
        self.log = ["base"]
class Mid(Base):
    def __init__(self):
        super().__init__()
        self.log.append("mid")
class Leaf(Mid):
    def __init__(self):
        super(Leaf, self).__init__()
        self.log.append("leaf")
print(Leaf().log)
o = Leaf()
o.extra = 5
print(hasattr(o, "extra"), getattr(o, "missing", "dflt"), o.__dict__)
setattr(o, "z", 1); delattr(o, "extra"); print(sorted(o.__dict__))
try:
    o.nothing
except AttributeError as e:
    print(e)
class WithCall:
    def __call__(self, a):
        return a * 2
    def __contains__(self, x):
        return x == 3
    def __bool__(self):
        return False
w = WithCall()
print(w(21), 3 in w, 4 in w, bool(w), "t" if w else "f", callable(w))
