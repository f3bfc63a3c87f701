def t(f, *a, **k):
    try:
        f(*a, **k)
    except TypeError as e:
        print(e)
def f(a, b, /, c, *, d, e=1): pass
t(f)
t(f, 1)
t(f, 1, 2)
t(f, 1, 2, 3)
t(f, 1, 2, 3, 4, d=1)
t(f, 1, b=2, c=3, d=4)
t(f, 1, 2, 3, d=4, z=5)
t(f, 1, 2, c=3, d=4, **{"c": 5})
def g(*args, **kw): pass
t(g, 1, x=2)
def h(a, b=2): pass
t(h, 1, 2, 3)
t(h, 1, a=2)
t(h)
t(h, c=1)
class C:
    def m(self, x): pass
    @staticmethod
    def s(): pass
    @classmethod
    def k(cls, y): pass
t(C().m)
t(C().m, 1, 2)
t(C.m, 1)
t(C.s, 1)
t(C.k)
t(len)
t(len, 1, 2)
t(lambda: 0, 1)
t(C, 1)
t(int, 1, 2, 3)
def kwo(*, a, b): pass
t(kwo)
t(kwo, 1)
def many(a, b, c, d): pass
t(many, 1)
t(many)
def defs(a, b=1, *, c, d=2): pass
t(defs, 1, 2, 3)
t(defs)
t(defs, 1)
t(C().m, 1, x=2)
def po(a, /): pass
t(po, a=1)
def po2(a, b, /, **kw): pass
t(po2, 1, 2, a=3)
t(po2, 1)
t(f, **5)
t(len, **{"a": 1}, **{"a": 2})
class K:
    def meth(self, **kw): pass
t(K().meth, **{"a": 1}, **{"a": 2})
t(print, *5)
