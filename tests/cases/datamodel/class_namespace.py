class D:
    def __set_name__(self, owner, name): print("set_name", owner.__name__, name)
T = type("T", (), {"d": D(), "x": 1})
class Meta(type):
    def __getattr__(cls, name): return f"meta-ga {name}"
class U(metaclass=Meta):
    y: int = 3
print(U.anything, U.y, U.__annotations__)
class V:
    "Doc"
    a: int
    b: str = "s"
print(V.__doc__, V.__annotations__, V.__module__, V.__qualname__)
def fn():
    class Local: pass
    return Local
print(fn().__qualname__, fn())
class Priv:
    __secret = 1
    def get(self): return self.__secret
print(Priv().get(), Priv._Priv__secret)
class S:
    __slots__ = ("__p",)
    def __init__(self): self.__p = 5
    def g(self): return self.__p
print(S().g())
class Base:
    def __init_subclass__(cls):
        cls.registered = True
class Sub(Base): pass
print(Sub.registered, "registered" in Base.__dict__)
print(type(Sub).__name__, Sub.__base__.__name__, Sub.__bases__)
class A:
    def f(self): return "A"
class B(A):
    def f(self): return "B" + super().f()
b = B()
print(super(B, b).f(), super(B, b).__class__.__name__)
print(B.f(b), A.f(b))
import sys
m = sys.modules[__name__]
print(m.__name__, type(m).__name__)
class C:
    pass
c = C()
c.__dict__ = {"q": 1}
print(c.q)
print(C.__dict__["__module__"], "__weakref__" in dir(C), "__dict__" in dir(C))
class W:
    def __getitem__(self, k): return k
print(W()[1:2], W()[1, 2], W()[...])
class H:
    def __hash__(self): return 42
    def __eq__(self, o): return True
print(hash(H()), {H(): 1}[H()])
class I(int):
    def __eq__(self, o): return False
print(I.__hash__ is None)
class J:
    __hash__ = None
try:
    {J()}
except TypeError as e:
    print(e)
