class D:
    def __set_name__(self, owner, name):
        raise ValueError("nope")
try:
    class C:
        x = D()
except Exception as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
class Order:
    def __set_name__(self, owner, name): print("set_name", name, hasattr(owner, "flag"))
class B:
    def __init_subclass__(cls, **kw): print("init_subclass", cls.__name__); cls.flag = 1
class C2(B):
    a = Order()
    b = Order()
print(C2.flag)
class WithNew:
    def __new__(cls, *args, **kwargs):
        print("new", args, kwargs)
        return super().__new__(cls)
    def __init__(self, a, b=2):
        print("init", a, b)
WithNew(1, b=3)
class Singleton:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
print(Singleton() is Singleton())
class NotInst:
    def __new__(cls): return 42
    def __init__(self): print("never")
print(NotInst())
try:
    object.__new__(1)
except TypeError as e:
    print(e)
class A:
    def __init__(self): return 5
try:
    A()
except TypeError as e:
    print(e)
class NoArgInit:
    def __init__(self): pass
try:
    NoArgInit(1)
except TypeError as e:
    print(e)
try:
    object(1)
except TypeError as e:
    print(e)
class OnlyNew:
    def __new__(cls, x): return super().__new__(cls)
print(type(OnlyNew(1)).__name__)
class BadSuperNew:
    def __new__(cls, x): return super().__new__(cls, x)
try:
    BadSuperNew(1)
except TypeError as e:
    print(e)
