class Node:
    __match_args__ = ("val", "nxt")
    def __init__(self, val, nxt=None): self.val, self.nxt = val, nxt
def total(n):
    match n:
        case None: return 0
        case Node(v, rest): return v + total(rest)
print(total(Node(1, Node(2, Node(3)))))
class Temp:
    def __init__(self): self._c = 0
    @property
    def c(self): return self._c
    @c.setter
    def c(self, v):
        if v < -273: raise ValueError("too cold")
        self._c = v
t = Temp()
t.c = 20
try:
    t.c = -300
except ValueError as e:
    print(e, t.c)
class Registry(type):
    classes = {}
    def __new__(m, name, bases, ns):
        cls = super().__new__(m, name, bases, ns)
        m.classes[name] = cls
        return cls
class Base(metaclass=Registry): pass
class Impl(Base): pass
print(sorted(Registry.classes))
class Stack(list):
    def push(self, x): self.append(x)
    def peek(self): return self[-1]
s = Stack(); s.push(1); s.push(2)
print(s.peek(), s.pop(), s, len(s))
class Money:
    def __init__(self, cents): self.cents = cents
    def __format__(self, spec):
        if spec == "usd": return f"${self.cents / 100:.2f}"
        return format(self.cents, spec)
    def __str__(self): return f"{self.cents}c"
print(f"{Money(1234):usd} {Money(5):>4} {Money(7)}")
class Shape:
    def area(self): raise NotImplementedError
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
try:
    Shape().area()
except NotImplementedError as e:
    print("NotImplementedError", repr(e))
print(Sq(3).area())
class Cached:
    def __init__(self): self.hits = 0
    def __getattr__(self, name):
        self.hits += 1
        val = name * 2
        setattr(self, name, val)
        return val
c = Cached()
print(c.ab, c.ab, c.hits)
class Frozen:
    __slots__ = ("x",)
    def __init__(self, x): object.__setattr__(self, "x", x)
    def __setattr__(self, k, v): raise AttributeError("frozen")
f = Frozen(1)
try:
    f.x = 2
except AttributeError as e:
    print(e, f.x)
print(Frozen.__slots__, Frozen.x.__name__ if hasattr(Frozen.x, "__name__") else "member")
