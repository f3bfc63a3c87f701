class D:
    def __get__(self, obj, owner=None):
        return "cls-access" if obj is None else "inst-access"
    def __set__(self, obj, v): print("set", v)
    def __delete__(self, obj): print("delete")
class OnlySet:
    def __set__(self, obj, v): obj.__dict__["s"] = v * 2
class C:
    d = D()
    s = OnlySet()
c = C()
print(C.d, c.d)
c.d = 5
del c.d
c.s = 2
print(c.s, type(C.__dict__["s"]).__name__)
sm = staticmethod(lambda x: x + 1)
print(sm(1), type(sm).__name__)
cm = classmethod(lambda cls: cls)
print(cm.__func__ is not None)
class K:
    @classmethod
    def m(cls): return cls
    @staticmethod
    def s(): return "s"
    @property
    def p(self): return 1
print(K.m.__self__ is K, K.__dict__["m"].__func__.__name__, K.__dict__["s"].__func__(), K.p.fget.__name__, K.p.fset)
class P2(property):
    pass
class Q:
    @P2
    def x(self): return "sub-prop"
print(Q().x, type(Q.__dict__["x"]).__name__)
class Meta(type):
    @property
    def info(cls): return f"info for {cls.__name__}"
class Z(metaclass=Meta): pass
print(Z.info)
try:
    Z().info
except AttributeError as e:
    print(e)
class Dflt:
    x = 5
    def __init__(self):
        self.x = 7
print(Dflt.x, Dflt().x)
class Func:
    def method(self): return self
f = Func()
bm = f.method
print(bm.__self__ is f, bm.__func__ is Func.method, bm() is f, bm.__name__, bm.__qualname__)
print(Func.method.__get__(f)() is f, Func.__dict__["method"].__get__(None, Func) is Func.method)
class Cnt:
    def __init__(self): self.calls = 0
    def __call__(self, *a, **k):
        self.calls += 1
        return a, k
cc = Cnt()
print(cc(1, x=2), cc.calls, callable(cc), callable(Cnt), callable(1))
