# metaclasses, __prepare__, MRO errors, instance/subclass hooks
class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        return {"pre": kw}
    def __new__(mcs, name, bases, ns, **kw):
        cls = super().__new__(mcs, name, bases, ns)
        cls.made_by = mcs.__name__
        return cls
    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)
    def __len__(cls):
        return 7
class K(metaclass=Meta, flag=1):
    pass
print(K.pre, K.made_by, len(K), type(K).__name__)
class X: pass
class Y(X): pass
try:
    class Z(X, Y): pass
except TypeError as e:
    print("TypeError:", e)
try:
    class D(X, X): pass
except TypeError as e:
    print("TypeError:", e)
class M1(type): pass
class M2(type): pass
class A(metaclass=M1): pass
class B(metaclass=M2): pass
try:
    class AB(A, B): pass
except TypeError as e:
    print("TypeError:", e)
class Even(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, int) and obj % 2 == 0
    def __subclasscheck__(cls, sub):
        return sub is bool
class EvenT(metaclass=Even): pass
print(isinstance(4, EvenT), isinstance(3, EvenT), issubclass(bool, EvenT), issubclass(int, EvenT))
class Base: pass
class S1(Base): pass
class S2(Base): pass
print([c.__name__ for c in Base.__subclasses__()])
print([c.__name__ for c in type("T", (S1,), {}).__mro__])
