class A:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __eq__(self, o): return isinstance(o, A) and self.v == o.v
class B(A): pass
print(A(1) < A(2), A(2) > A(1), A(1) == A(1), A(1) != A(2), B.__hash__ is None)
try:
    A(1) <= A(2)
except TypeError as e:
    print(e)
class Seq:
    def __getitem__(self, i):
        if i >= 3: raise IndexError(i)
        return i * 10
print(list(Seq()), 20 in Seq(), 5 in Seq())
class F:
    pass
try:
    format(F(), "x")
except TypeError as e:
    print(e)
print(format(F(), "") != "")
class C:
    def __bool__(self): return False
print(bool(C()), not C())
class L:
    def __len__(self): return 0
print(bool(L()))
o = A(1)
o.__class__ = B
print(type(o).__name__)
class WithCM:
    @classmethod
    def make(cls): return cls.__name__
print(WithCM().make(), WithCM.make())
class Sup:
    def __new__(cls, *a):
        inst = super().__new__(cls)
        inst.made = True
        return inst
    def __init__(self, x): self.x = x
s = Sup(5)
print(s.made, s.x)
def outside():
    super()
try:
    outside()
except RuntimeError as e:
    print("RuntimeError:", e)
class D:
    def __repr__(self): return "D!"
print(str(D()), f"{D()}", [D()])
class Num:
    def __init__(self, v): self.v = v
    def __add__(self, o): return Num(self.v + (o.v if isinstance(o, Num) else o))
    __radd__ = __add__
    def __repr__(self): return f"Num({self.v})"
print(sum([Num(1), Num(2)]), 1 + Num(2), Num(1) + 1)
n = Num(1); n += 5; print(n)
class P:
    x = property(lambda self: 1, doc="the x")
print(P.x.__doc__, P().x)
class Cm:
    def __contains__(self, x): return x == 3
print(3 in Cm(), 4 not in Cm())
class Ctx:
    def __enter__(self): print("enter"); return 1
    def __exit__(self, t, v, tb): print("exit", t.__name__); return True
with Ctx() as c:
    raise ValueError
print("after")
class Meta(type):
    def __repr__(cls): return f"<Meta {cls.__name__}>"
class X(metaclass=Meta): pass
print(X, repr(X))
print(type.__name__, object.__name__, int.__mro__)
print(isinstance(A, type), A.__class__, type(A(1)).__class__)
try:
    class Bad(int, str): pass
except TypeError as e:
    print(e)
