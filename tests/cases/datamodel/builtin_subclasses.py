# subclassing builtins
class MyList(list):
    def total(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, len(ml), ml.total(), isinstance(ml, list), ml[1:3], type(ml).__name__)
class MyDict(dict):
    def __missing__(self, key):
        return key * 2
md = MyDict(a=1)
print(md["a"], md["bb"], len(md), sorted(md))
class MyInt(int):
    def double(self):
        return self * 2
mi = MyInt(21)
print(mi + 1, mi.double(), isinstance(mi, int), hash(mi) == hash(21))
class MyStr(str):
    def shout(self):
        return self.upper() + "!"
ms = MyStr("hi")
print(ms.shout(), ms + " there", len(ms), ms == "hi")
class MyErr(Exception):
    def __init__(self, msg, code):
        super().__init__(msg)
        self.code = code
try:
    raise MyErr("bad", 42)
except MyErr as e:
    print(e, e.code, e.args, repr(e))
class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
pt = Point(3, 4)
print(pt, pt.x, len(pt))
class Eq:
    def __eq__(self, other):
        return True
print(Eq.__hash__ is None)
try:
    hash(Eq())
except TypeError as e:
    print("TypeError:", e)
class Idx:
    def __index__(self):
        return 2
print([10, 20, 30][Idx()], bin(Idx()))
class Fmt:
    def __format__(self, spec):
        return f"<{spec}>"
print(f"{Fmt():abc}", format(Fmt(), "x"))
class G:
    def __class_getitem__(cls, item):
        return f"G[{item.__name__}]"
print(G[int])
class Base:
    subs = []
    def __init_subclass__(cls, tag=None, **kw):
        super().__init_subclass__(**kw)
        Base.subs.append((cls.__name__, tag))
class S1(Base, tag="one"): pass
class S2(Base): pass
print(Base.subs)
try:
    class S3(Base, bogus=1): pass
except TypeError as e:
    print("TypeError:", e)
